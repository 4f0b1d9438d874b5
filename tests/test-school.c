/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-organization.h"
#include "pdn-school-facts.h"
#include "pdn-school-year.h"
#include "pdn-school.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"
#include "pdn-validate.h"

static void
assert_field_error (const GError *error, PdnErrorCode code, const gchar *field)
{
  g_assert_error (error, PDN_ERROR, (gint) code);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static gint64
count_schools (PdnStore *store)
{
  g_autoptr (GError) error = NULL;
  gint64 count = -1;

  g_assert_true (pdn_store_count (store, "SELECT COUNT(*) FROM schools WHERE ? = 0", 0, &count,
                                  &error));
  g_assert_no_error (error);
  return count;
}

static gint64
add_organization (PdnStore *store, const gchar *slug, PdnOrganizationKind kind)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (GError) error = NULL;

  organization->name = g_strdup (slug);
  organization->slug = g_strdup (slug);
  organization->kind = kind;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  return organization->id;
}

static PdnSchool *
school_new (const gchar *name, PdnSector sector, gint64 organization_id, const gchar *external_id)
{
  PdnSchool *school = pdn_school_new ();

  school->name = g_strdup (name);
  school->sector = sector;
  school->organization_id = organization_id;
  school->external_id = g_strdup (external_id);
  return school;
}

static gint64
add_school (PdnStore *store, const gchar *name, gint64 organization_id, const gchar *external_id)
{
  g_autoptr (PdnSchool) school = school_new (name, PDN_SECTOR_DISTRICT, organization_id,
                                             external_id);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_school_insert (school, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (school->id, >, 0);
  return school->id;
}

static void
test_round_trip (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = add_organization (store, "diocese", PDN_ORGANIZATION_KIND_DIOCESE);
  g_autoptr (PdnSchool) school = school_new ("St. Anne’s", PDN_SECTOR_CATHOLIC, org, "NCES-1");
  g_autoptr (PdnSchool) loaded = NULL;
  g_autoptr (GError) error = NULL;

  school->city = g_strdup ("Riverton");
  g_assert_true (pdn_school_insert (school, store, &error));
  g_assert_no_error (error);
  g_assert_nonnull (school->created_at);
  loaded = pdn_school_load (store, school->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, school->id);
  g_assert_cmpstr (loaded->name, ==, "St. Anne’s");
  g_assert_cmpint (loaded->sector, ==, PDN_SECTOR_CATHOLIC);
  g_assert_cmpint (loaded->organization_id, ==, org);
  g_assert_cmpstr (loaded->city, ==, "Riverton");
  g_assert_cmpstr (loaded->external_id, ==, "NCES-1");
  g_assert_cmpstr (loaded->created_at, ==, school->created_at);
}

static void
test_blank_optional_text_is_null (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autoptr (PdnSchool) first = school_new ("Adams", PDN_SECTOR_DISTRICT, org, "");
  g_autoptr (PdnSchool) second = school_new ("Baker", PDN_SECTOR_DISTRICT, org, "  ");
  g_autoptr (PdnSchool) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gint64 nulls = -1;

  first->city = g_strdup ("");
  g_assert_true (pdn_school_insert (first, store, &error));
  g_assert_no_error (error);
  /* Two schools without an external id do not collide. */
  g_assert_true (pdn_school_insert (second, store, &error));
  g_assert_no_error (error);
  loaded = pdn_school_load (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->city);
  g_assert_null (loaded->external_id);
  g_assert_true (pdn_store_count (store,
                                  "SELECT COUNT(*) FROM schools WHERE external_id IS NULL "
                                  "AND city IS NULL AND ? = 0",
                                  0, &nulls, &error));
  g_assert_cmpint (nulls, ==, 2);
}

static void
test_validate (void)
{
  g_autoptr (PdnSchool) school = school_new ("Adams", PDN_SECTOR_DISTRICT, 1, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *long_name = g_strnfill (PDN_NAME_MAX_CHARS + 1, 'x');

  g_assert_true (pdn_school_validate (school, &error));
  g_assert_no_error (error);

  g_clear_pointer (&school->name, g_free);
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "name");
  g_clear_error (&error);
  school->name = g_strdup ("   ");
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "name");
  g_clear_error (&error);
  g_free (school->name);
  school->name = g_strdup (long_name);
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "name");
  g_clear_error (&error);
  g_free (school->name);
  school->name = g_strdup ("Adams");

  school->sector = (PdnSector) 42;
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "sector");
  g_assert_nonnull (strstr (error->message, "catholic"));
  g_clear_error (&error);
  school->sector = PDN_SECTOR_CHARTER;

  school->organization_id = 0;
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
  g_clear_error (&error);
  school->organization_id = 1;

  school->city = g_strdup ("Bad\001City");
  g_assert_false (pdn_school_validate (school, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "city");
}

static void
test_bad_sector_is_not_stored (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autoptr (PdnSchool) school = school_new ("Adams", (PdnSector) -1, org, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_school_insert (school, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "sector");
  g_assert_cmpint (count_schools (store), ==, 0);
}

static void
test_unknown_organization (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autoptr (PdnSchool) school = school_new ("Adams", PDN_SECTOR_DISTRICT, org + 100, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_school_insert (school, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
  g_assert_cmpint (count_schools (store), ==, 0);
  g_clear_error (&error);

  school->organization_id = org;
  g_assert_true (pdn_school_insert (school, store, &error));
  g_assert_no_error (error);
  school->organization_id = org + 100;
  g_assert_false (pdn_school_update (school, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
}

static void
test_duplicate_external_id (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  gint64 adams = add_school (store, "Adams", org, "RPS-10");
  g_autoptr (PdnSchool) copy = school_new ("Adams Annex", PDN_SECTOR_DISTRICT, org, "RPS-10");
  g_autoptr (PdnSchool) baker = NULL;
  g_autoptr (PdnSchool) same = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_school_insert (copy, store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "external_id");
  g_assert_nonnull (strstr (error->message, "RPS-10"));
  g_assert_cmpint (count_schools (store), ==, 1);
  g_clear_error (&error);

  /* Another school cannot take it by update either... */
  baker = pdn_school_load (store, add_school (store, "Baker", org, "RPS-11"), &error);
  g_assert_no_error (error);
  g_free (baker->external_id);
  baker->external_id = g_strdup ("RPS-10");
  g_assert_false (pdn_school_update (baker, store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "external_id");
  g_clear_error (&error);

  /* ...but a school keeps its own. */
  same = pdn_school_load (store, adams, &error);
  g_assert_no_error (error);
  g_free (same->city);
  same->city = g_strdup ("Riverton");
  g_assert_true (pdn_school_update (same, store, &error));
  g_assert_no_error (error);
}

static void
test_update_find_delete (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 rps = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  gint64 beacon = add_organization (store, "beacon", PDN_ORGANIZATION_KIND_CMO);
  gint64 id = add_school (store, "Adams", rps, "RPS-10");
  g_autoptr (PdnSchool) school = pdn_school_load (store, id, NULL);
  g_autoptr (PdnSchool) by_external = NULL;
  g_autoptr (PdnSchool) by_name = NULL;
  g_autoptr (PdnSchool) by_name_anywhere = NULL;
  g_autoptr (PdnSchool) missing = NULL;
  g_autoptr (PdnSchool) ghost = school_new ("Ghost", PDN_SECTOR_DISTRICT, rps, NULL);
  g_autoptr (GError) error = NULL;

  g_free (school->name);
  school->name = g_strdup ("Adams Prep");
  school->sector = PDN_SECTOR_CHARTER;
  school->organization_id = beacon;
  g_free (school->external_id);
  school->external_id = g_strdup ("");
  g_assert_true (pdn_school_update (school, store, &error));
  g_assert_no_error (error);

  by_name = pdn_school_find_by_name (store, beacon, "Adams Prep", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_name->id, ==, id);
  g_assert_cmpint (by_name->sector, ==, PDN_SECTOR_CHARTER);
  g_assert_null (by_name->external_id);
  by_name_anywhere = pdn_school_find_by_name (store, 0, "Adams Prep", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_name_anywhere->id, ==, id);
  missing = pdn_school_find_by_name (store, rps, "Adams Prep", &error);
  g_assert_null (missing);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  by_external = pdn_school_find_by_external_id (store, "RPS-10", &error);
  g_assert_null (by_external);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ghost->id = id + 50;
  g_assert_false (pdn_school_update (ghost, store, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (pdn_school_delete (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (pdn_school_load (store, id, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static PdnSchoolFacts *
facts_new (gint64 school_id, const gchar *year, gint64 headcount, PdnSector sector,
           gint64 organization_id)
{
  PdnSchoolFacts *facts = pdn_school_facts_new ();

  facts->school_id = school_id;
  facts->school_year = g_strdup (year);
  facts->teacher_headcount = headcount;
  facts->sector = sector;
  facts->organization_id = organization_id;
  return facts;
}

/* A district school restarts as a charter: each year keeps its own facts. */
static void
test_facts_per_year (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 rps = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  gint64 beacon = add_organization (store, "beacon", PDN_ORGANIZATION_KIND_CMO);
  gint64 baker = add_school (store, "Baker", rps, "RPS-11");
  g_autoptr (PdnSchoolFacts) before = facts_new (baker, "2025-26", 25, PDN_SECTOR_DISTRICT, rps);
  g_autoptr (PdnSchoolFacts) after = facts_new (baker, "2026-27", -1, PDN_SECTOR_CHARTER, beacon);
  g_autoptr (PdnSchoolFacts) loaded_before = NULL;
  g_autoptr (PdnSchoolFacts) loaded_after = NULL;
  g_autoptr (PdnSchoolFacts) recounted = NULL;
  g_autoptr (PdnSchoolYear) year = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_school_facts_save (before, store, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_school_facts_save (after, store, &error));
  g_assert_no_error (error);

  loaded_before = pdn_school_facts_load (store, baker, "2025-26", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded_before->teacher_headcount, ==, 25);
  g_assert_cmpint (loaded_before->sector, ==, PDN_SECTOR_DISTRICT);
  g_assert_cmpint (loaded_before->organization_id, ==, rps);
  loaded_after = pdn_school_facts_load (store, baker, "2026-27", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded_after->teacher_headcount, ==, -1);
  g_assert_cmpint (loaded_after->sector, ==, PDN_SECTOR_CHARTER);
  g_assert_cmpint (loaded_after->organization_id, ==, beacon);

  /* Saving created the school years with default dates. */
  year = pdn_school_year_load (store, "2026-27", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (year->starts_on, ==, "2026-07-01");

  /* Saving the same year again replaces the row. */
  after->teacher_headcount = 31;
  g_assert_true (pdn_school_facts_save (after, store, &error));
  g_assert_no_error (error);
  recounted = pdn_school_facts_load (store, baker, "2026-27", &error);
  g_assert_no_error (error);
  g_assert_cmpint (recounted->teacher_headcount, ==, 31);

  g_assert_null (pdn_school_facts_load (store, baker, "2024-25", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_facts_validate (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 rps = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  gint64 adams = add_school (store, "Adams", rps, NULL);
  g_autoptr (PdnSchoolFacts) facts = facts_new (adams, "2025-26", 0, PDN_SECTOR_DISTRICT, rps);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_school_facts_validate (facts, &error));
  g_assert_no_error (error);

  facts->teacher_headcount = -2;
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "teacher_headcount");
  g_clear_error (&error);
  facts->teacher_headcount = 12;

  g_free (facts->school_year);
  facts->school_year = g_strdup ("2025-2026");
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "school_year");
  g_clear_error (&error);
  g_free (facts->school_year);
  facts->school_year = g_strdup ("2025-26");

  facts->sector = (PdnSector) 7;
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "sector");
  g_clear_error (&error);
  facts->sector = PDN_SECTOR_DISTRICT;

  facts->school_id = adams + 9;
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "school_id");
  g_clear_error (&error);
  facts->school_id = 0;
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "school_id");
  g_clear_error (&error);
  facts->school_id = adams;

  facts->organization_id = rps + 9;
  g_assert_false (pdn_school_facts_save (facts, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
  g_clear_error (&error);

  /* Nothing was written by the failed saves, not even the school year. */
  g_assert_null (pdn_school_facts_load (store, adams, "2025-26", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pdn_school_year_load (store, "2025-26", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_reopen (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 rps = add_organization (store, "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  gint64 adams = add_school (store, "Adams", rps, "RPS-10");
  g_autoptr (PdnSchoolFacts) facts = facts_new (adams, "2025-26", 40, PDN_SECTOR_DISTRICT, rps);
  g_autoptr (PdnSchool) school = NULL;
  g_autoptr (PdnSchoolFacts) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");

  g_assert_true (pdn_school_facts_save (facts, store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  school = pdn_school_find_by_external_id (store, "RPS-10", &error);
  g_assert_no_error (error);
  g_assert_cmpint (school->id, ==, adams);
  g_assert_cmpstr (school->name, ==, "Adams");
  loaded = pdn_school_facts_load (store, adams, "2025-26", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->teacher_headcount, ==, 40);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/school/round-trip", test_round_trip);
  g_test_add_func ("/pdnet/school/blank-optional-text-is-null", test_blank_optional_text_is_null);
  g_test_add_func ("/pdnet/school/validate", test_validate);
  g_test_add_func ("/pdnet/school/bad-sector", test_bad_sector_is_not_stored);
  g_test_add_func ("/pdnet/school/unknown-organization", test_unknown_organization);
  g_test_add_func ("/pdnet/school/duplicate-external-id", test_duplicate_external_id);
  g_test_add_func ("/pdnet/school/update-find-delete", test_update_find_delete);
  g_test_add_func ("/pdnet/school/facts-per-year", test_facts_per_year);
  g_test_add_func ("/pdnet/school/facts-validate", test_facts_validate);
  g_test_add_func ("/pdnet/school/reopen", test_reopen);
  return g_test_run ();
}
