/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-organization.h"
#include "pdn-people-importer.h"
#include "pdn-person.h"
#include "pdn-school-facts.h"
#include "pdn-school-importer.h"
#include "pdn-school.h"
#include "pdn-test.h"

static const gchar schools_header[]
  = "external_id,name,sector,organization,organization_kind,city,school_year,teacher_headcount\n";

/* The three bad rows of the acceptance test, by line (the header is line 1). */
#define BAD_SECTOR_LINE 18
#define EMPTY_NAME_LINE 42
#define BAD_HEADCOUNT_LINE 77

/* 100 schools in three organizations; even rows have an external id, odd
 * rows are keyed by name and organization. */
static gchar *
schools_csv (gboolean with_errors)
{
  static const gchar *const organizations[][3] = {
    { "Riverton Public Schools", "district", "district" },
    { "Beacon Charter Network", "cmo", "charter" },
    { "Diocese of Riverton", "diocese", "catholic" },
  };
  GString *csv = g_string_new (schools_header);

  for (guint i = 0; i < 100; i++)
    {
      guint line = i + 2;
      const gchar *const *org = organizations[i % 3];
      g_autofree gchar *external_id = i % 2 == 0 ? g_strdup_printf ("NCES-%03u", i) : g_strdup ("");
      g_autofree gchar *name = g_strdup_printf ("School %u", i);
      g_autofree gchar *headcount = g_strdup_printf ("%u", 20 + i % 30);
      const gchar *sector = org[2];

      if (with_errors && line == BAD_SECTOR_LINE)
        sector = "distrct";
      g_string_append_printf (csv, "%s,%s,%s,%s,%s,Riverton,2025-26,%s\n", external_id,
                              with_errors && line == EMPTY_NAME_LINE ? "" : name, sector, org[0],
                              org[1],
                              with_errors && line == BAD_HEADCOUNT_LINE ? "twelve" : headcount);
    }
  return g_string_free (csv, FALSE);
}

static gint64
count_rows (PdnStore *store, const gchar *table)
{
  g_autofree gchar *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (pdn_statement_step (stmt, NULL), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

static PdnOrganization *
add_organization (PdnStore *store, const gchar *name, const gchar *slug,
                  PdnOrganizationKind kind)
{
  g_autoptr (GError) error = NULL;
  PdnOrganization *organization = pdn_organization_new ();

  organization->name = g_strdup (name);
  organization->slug = g_strdup (slug);
  organization->kind = kind;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  return organization;
}

/* Imports @csv and expects success; returns the report. */
static PdnImportReport *
import_schools_ok (PdnStore *store, PdnTestDir *dir, const gchar *csv)
{
  g_autofree gchar *path = pdn_test_write_file (dir, "schools.csv", csv);
  g_autoptr (GError) error = NULL;
  PdnImportReport *report = NULL;

  g_assert_true (pdn_school_importer_import_file (store, path, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_import_report_has_errors (report));
  return report;
}

/* Imports @csv and expects PDN_ERROR_UNPROCESSABLE; returns the report. */
static PdnImportReport *
import_schools_bad (PdnStore *store, PdnTestDir *dir, const gchar *csv)
{
  g_autofree gchar *path = pdn_test_write_file (dir, "schools.csv", csv);
  g_autoptr (GError) error = NULL;
  PdnImportReport *report = NULL;

  g_assert_false (pdn_school_importer_import_file (store, path, NULL, NULL, &report, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  return report;
}

static void
assert_error (PdnImportReport *report, guint index, guint64 line, const gchar *field)
{
  const PdnImportError *error;

  g_assert_cmpuint (index, <, report->errors->len);
  error = g_ptr_array_index (report->errors, index);
  g_assert_cmpuint (error->line, ==, line);
  g_assert_cmpstr (error->field, ==, field);
}

static void
test_schools_all_or_nothing (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOrganization) riverton
    = add_organization (store, "Riverton Public Schools", "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autofree gchar *bad = schools_csv (TRUE);
  g_autofree gchar *good = schools_csv (FALSE);
  g_autoptr (PdnImportReport) failed = import_schools_bad (store, dir, bad);
  g_autoptr (PdnImportReport) first = NULL;
  g_autoptr (PdnImportReport) again = NULL;
  g_autofree gchar *text = NULL;

  /* Exactly the three bad rows, by line and column; nothing written. */
  g_assert_cmpuint (failed->errors->len, ==, 3);
  assert_error (failed, 0, BAD_SECTOR_LINE, "sector");
  assert_error (failed, 1, EMPTY_NAME_LINE, "name");
  assert_error (failed, 2, BAD_HEADCOUNT_LINE, "teacher_headcount");
  g_assert_cmpuint (failed->rows_read, ==, 100);
  g_assert_cmpint (count_rows (store, "schools"), ==, 0);
  g_assert_cmpint (count_rows (store, "organizations"), ==, 1);
  g_assert_cmpint (count_rows (store, "school_year_facts"), ==, 0);
  text = pdn_import_report_format_errors (failed);
  g_assert_nonnull (strstr (text, "line 18: sector: “distrct” is not one of district, charter, "
                                  "catholic\n"));

  first = import_schools_ok (store, dir, good);
  g_assert_cmpuint (first->created, ==, 100);
  g_assert_cmpuint (first->updated + first->unchanged, ==, 0);
  g_assert_cmpuint (first->organizations_created, ==, 2);
  g_assert_cmpint (count_rows (store, "schools"), ==, 100);
  g_assert_cmpint (count_rows (store, "organizations"), ==, 3);
  g_assert_cmpint (count_rows (store, "school_year_facts"), ==, 100);

  again = import_schools_ok (store, dir, good);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 100);
  g_assert_cmpuint (again->organizations_created, ==, 0);
  g_assert_cmpint (count_rows (store, "schools"), ==, 100);
  g_assert_cmpint (count_rows (store, "organizations"), ==, 3);
}

static void
test_schools_fields_and_facts (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *good = schools_csv (FALSE);
  g_autoptr (PdnImportReport) report = import_schools_ok (store, dir, good);
  g_autoptr (PdnSchool) by_id = pdn_school_find_by_external_id (store, "NCES-004", NULL);
  g_autoptr (PdnOrganization) beacon = NULL;
  g_autoptr (PdnSchool) by_name = NULL;
  g_autoptr (PdnSchoolFacts) facts = NULL;

  g_assert_nonnull (by_id);
  g_assert_cmpstr (by_id->name, ==, "School 4");
  g_assert_cmpint (by_id->sector, ==, PDN_SECTOR_CHARTER);
  g_assert_cmpstr (by_id->city, ==, "Riverton");
  beacon = pdn_organization_load (store, by_id->organization_id, NULL);
  g_assert_cmpstr (beacon->name, ==, "Beacon Charter Network");
  g_assert_cmpstr (beacon->slug, ==, "beacon-charter-network");
  g_assert_cmpint (beacon->kind, ==, PDN_ORGANIZATION_KIND_CMO);
  /* Odd rows have no external id: stored as NULL, not "". */
  by_name = pdn_school_find_by_name (store, beacon->id, "School 1", NULL);
  g_assert_nonnull (by_name);
  g_assert_null (by_name->external_id);
  facts = pdn_school_facts_load (store, by_id->id, "2025-26", NULL);
  g_assert_nonnull (facts);
  g_assert_cmpint (facts->teacher_headcount, ==, 24);
  g_assert_cmpint (facts->sector, ==, PDN_SECTOR_CHARTER);
  g_assert_cmpint (facts->organization_id, ==, beacon->id);
}

static void
test_schools_update (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) first = NULL;
  g_autoptr (PdnImportReport) second = NULL;
  g_autoptr (PdnSchool) renamed = NULL;
  g_autoptr (PdnSchool) moved = NULL;
  g_autoptr (PdnSchoolFacts) facts = NULL;
  g_autoptr (PdnSchoolFacts) next_year = NULL;

  first = import_schools_ok (store, dir,
                             "name,sector,organization,organization_kind,external_id,city,"
                             "school_year,teacher_headcount\n"
                             "Adams,district,RPS,district,A-1,Riverton,2025-26,40\n"
                             "Baker,district,RPS,district,,Riverton,2025-26,25\n"
                             "Carver,district,RPS,district,,,,\n");
  g_assert_cmpuint (first->created, ==, 3);
  /* Renamed (keyed by external id), moved to another city (keyed by name),
   * and a new year of facts. */
  second = import_schools_ok (store, dir,
                              "external_id,name,sector,organization,city,school_year,"
                              "teacher_headcount\n"
                              "A-1,Adams Academy,district,RPS,Riverton,2025-26,40\n"
                              ",Baker,district,RPS,Lakeside,2025-26,25\n"
                              ",Carver,district,RPS,,2026-27,\n");
  g_assert_cmpuint (second->created, ==, 0);
  g_assert_cmpuint (second->updated, ==, 3);
  g_assert_cmpuint (second->unchanged, ==, 0);
  g_assert_cmpint (count_rows (store, "schools"), ==, 3);
  renamed = pdn_school_find_by_external_id (store, "A-1", NULL);
  g_assert_cmpstr (renamed->name, ==, "Adams Academy");
  moved = pdn_school_find_by_name (store, renamed->organization_id, "Baker", NULL);
  g_assert_cmpstr (moved->city, ==, "Lakeside");
  facts = pdn_school_facts_load (store, moved->id, "2025-26", NULL);
  g_assert_cmpint (facts->teacher_headcount, ==, 25);
  g_clear_object (&moved);
  moved = pdn_school_find_by_name (store, renamed->organization_id, "Carver", NULL);
  next_year = pdn_school_facts_load (store, moved->id, "2026-27", NULL);
  g_assert_nonnull (next_year);
  g_assert_cmpint (next_year->teacher_headcount, ==, -1);
}

/* A row with an external id adopts a same-named school that has none. */
static void
test_schools_external_id_adopts (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) first = NULL;
  g_autoptr (PdnImportReport) second = NULL;
  g_autoptr (PdnSchool) school = NULL;

  first = import_schools_ok (store, dir,
                             "name,sector,organization,organization_kind\n"
                             "Adams,district,RPS,district\n");
  second = import_schools_ok (store, dir,
                              "external_id,name,sector,organization\n"
                              "A-1,Adams,district,RPS\n");
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpint (count_rows (store, "schools"), ==, 1);
  school = pdn_school_find_by_external_id (store, "A-1", NULL);
  g_assert_nonnull (school);
}

static void
test_schools_bom_crlf (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnSchool) school = NULL;

  report = import_schools_ok (store, dir,
                              "\xEF\xBB\xBF"
                              "name,sector,organization,organization_kind,city\r\n"
                              "\"Peña, José Elementary\",catholic,Diócesis de Riverton,diocese,"
                              "Riverton\r\n");
  g_assert_cmpuint (report->created, ==, 1);
  school = pdn_school_find_by_name (store, 0, "Peña, José Elementary", NULL);
  g_assert_nonnull (school);
  g_assert_cmpint (school->sector, ==, PDN_SECTOR_CATHOLIC);
  g_assert_cmpstr (school->city, ==, "Riverton");
}

static void
test_schools_duplicate_keys (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) report = NULL;

  report = import_schools_bad (store, dir,
                               "external_id,name,sector,organization,organization_kind\n"
                               "A-1,Adams,district,RPS,district\n"
                               "A-1,Baker,district,RPS,district\n"
                               ",Carver,district,RPS,district\n"
                               ",Carver,district,RPS,district\n"
                               "D-1,Douglas,district,RPS,district\n"
                               "D-2,Douglas,district,RPS,district\n");
  /* Two schools of one name are fine when external ids tell them apart. */
  g_assert_cmpuint (report->errors->len, ==, 2);
  assert_error (report, 0, 3, "external_id");
  assert_error (report, 1, 5, "name");
  g_assert_cmpint (count_rows (store, "schools"), ==, 0);
}

/* One school may have a row per school year: each sets that year's facts,
 * and the newest year describes the school as it is now. */
static void
test_schools_one_row_per_year (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnImportReport) again = NULL;
  g_autoptr (PdnImportReport) duplicate = NULL;
  g_autoptr (PdnSchool) school = NULL;
  g_autoptr (PdnSchoolFacts) older = NULL;
  g_autoptr (PdnSchoolFacts) newer = NULL;
  g_autoptr (GError) error = NULL;
  const gchar *csv = "external_id,name,sector,organization,organization_kind,school_year,"
                     "teacher_headcount\n"
                     "A-1,Adams Prep,charter,Beacon,cmo,2026-27,31\n"
                     "A-1,Adams Middle,district,RPS,district,2025-26,28\n"
                     ",Baker,district,RPS,district,2025-26,20\n"
                     ",Baker,district,RPS,district,2026-27,22\n";

  report = import_schools_ok (store, dir, csv);
  g_assert_cmpint (count_rows (store, "schools"), ==, 2);
  g_assert_cmpint (count_rows (store, "school_year_facts"), ==, 4);
  school = pdn_school_find_by_external_id (store, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (school->name, ==, "Adams Prep");
  g_assert_cmpint (school->sector, ==, PDN_SECTOR_CHARTER);
  older = pdn_school_facts_load (store, school->id, "2025-26", &error);
  g_assert_no_error (error);
  g_assert_cmpint (older->sector, ==, PDN_SECTOR_DISTRICT);
  g_assert_cmpint (older->teacher_headcount, ==, 28);
  newer = pdn_school_facts_load (store, school->id, "2026-27", &error);
  g_assert_no_error (error);
  g_assert_cmpint (newer->sector, ==, PDN_SECTOR_CHARTER);
  g_assert_cmpint (newer->organization_id, ==, school->organization_id);

  again = import_schools_ok (store, dir, csv);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 4);
  g_assert_cmpint (count_rows (store, "schools"), ==, 2);

  /* The same school twice in one year is still an error. */
  duplicate = import_schools_bad (store, dir,
                                  "external_id,name,sector,organization,school_year\n"
                                  "A-1,Adams Prep,charter,Beacon,2026-27\n"
                                  "A-1,Adams Prep,charter,Beacon,2026-27\n");
  g_assert_cmpuint (duplicate->errors->len, ==, 1);
  assert_error (duplicate, 0, 3, "external_id");
}

static void
test_schools_organization_kind (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOrganization) rps
    = add_organization (store, "RPS", "rps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnImportReport) later_kind = NULL;

  report = import_schools_bad (store, dir,
                               "name,sector,organization,organization_kind\n"
                               "Adams,district,RPS,\n"             /* existing: kind optional */
                               "Baker,district,RPS,cmo\n"          /* contradicts the stored kind */
                               "Beacon,charter,Beacon Net,\n"      /* new, no kind anywhere */
                               "Beacon 2,charter,Beacon Net,\n"    /* reported once */
                               "Ridge,charter,Ridge,cmo\n"
                               "Ridge 2,charter,Ridge,diocese\n"   /* contradicts line 6 */
                               "Odd,charter,Odd,school\n");        /* not a kind */
  g_assert_cmpuint (report->errors->len, ==, 4);
  assert_error (report, 0, 3, "organization_kind");
  assert_error (report, 1, 4, "organization_kind");
  assert_error (report, 2, 7, "organization_kind");
  assert_error (report, 3, 8, "organization_kind");
  g_assert_cmpint (count_rows (store, "organizations"), ==, 1);

  /* A kind on any row of the file is enough for a new organization. */
  later_kind = import_schools_ok (store, dir,
                                  "name,sector,organization,organization_kind\n"
                                  "Beacon,charter,Beacon Net,\n"
                                  "Beacon 2,charter,Beacon Net,cmo\n");
  g_assert_cmpuint (later_kind->created, ==, 2);
  g_assert_cmpuint (later_kind->organizations_created, ==, 1);
}

static void
test_schools_slug_made_unique (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOrganization) taken
    = add_organization (store, "Riverton-PS", "riverton-ps", PDN_ORGANIZATION_KIND_DISTRICT);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnOrganization) created = NULL;

  report = import_schools_ok (store, dir,
                              "name,sector,organization,organization_kind\n"
                              "Adams,district,Riverton PS,district\n");
  created = pdn_organization_find_by_name (store, "Riverton PS", NULL);
  g_assert_nonnull (created);
  g_assert_cmpstr (created->slug, ==, "riverton-ps-2");
}

static void
test_schools_row_checks (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autofree gchar *csv = NULL;

  for (guint i = 0; i < 201; i++)
    g_string_append_c (long_name, 'x');
  csv = g_strdup_printf ("name,sector,organization,organization_kind,school_year,"
                         "teacher_headcount\n"
                         "Adams,,RPS,district,,\n"               /* 2: sector empty */
                         "Baker,district,,district,,\n"          /* 3: organization empty */
                         "Carver,district,RPS,district,,30\n"    /* 4: headcount, no year */
                         "Dunn,district,RPS,district,2025,30\n"  /* 5: not a school year */
                         "Eton,district,RPS,district,2025-26,-3\n" /* 6: negative */
                         "%s,district,RPS,district,,\n"          /* 7: name too long */
                         "Fay,district,RPS,district,,,extra\n",  /* 8: too many fields */
                         long_name->str);
  report = import_schools_bad (store, dir, csv);
  g_assert_cmpuint (report->errors->len, ==, 7);
  assert_error (report, 0, 2, "sector");
  assert_error (report, 1, 3, "organization");
  assert_error (report, 2, 4, "school_year");
  assert_error (report, 3, 5, "school_year");
  assert_error (report, 4, 6, "teacher_headcount");
  assert_error (report, 5, 7, "name");
  assert_error (report, 6, 8, NULL);
}

static void
test_schools_unreadable_file (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *path = pdn_test_write_file (dir, "s.csv", "name,organization\nA,B\n");
  g_autofree gchar *missing = pdn_test_dir_file (dir, "missing.csv");
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_school_importer_import_file (store, path, NULL, NULL, &report, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "sector");
  g_assert_false (pdn_import_report_has_errors (report));
  g_clear_error (&error);
  g_assert_false (pdn_school_importer_import_file (store, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
count_progress (guint64 done, guint64 total, gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >, last[0]);
  last[0] = done;
  last[1] = total;
}

static void
test_schools_progress (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *csv = schools_csv (FALSE);
  g_autofree gchar *path = pdn_test_write_file (dir, "s.csv", csv);
  g_autoptr (GError) error = NULL;
  guint64 last[2] = { 0, 0 };

  g_assert_true (
    pdn_school_importer_import_file (store, path, count_progress, last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last[0], ==, 100);
  g_assert_cmpuint (last[1], ==, 100);
}

/* People */

static const gchar people_schools_csv[] = "external_id,name,sector,organization,organization_kind\n"
                                          "A-1,Adams,district,RPS,district\n"
                                          "B-1,Baker,district,RPS,district\n"
                                          "C-1,Twin,district,RPS,district\n"
                                          "C-2,Twin,charter,Beacon,cmo\n";

static PdnStore *
people_store (PdnTestDir **dir)
{
  PdnStore *store = pdn_test_store_new (dir);
  g_autoptr (PdnImportReport) report = import_schools_ok (store, *dir, people_schools_csv);

  return store;
}

static PdnImportReport *
import_people (PdnStore *store, PdnTestDir *dir, const gchar *csv, gboolean expect_ok)
{
  g_autofree gchar *path = pdn_test_write_file (dir, "people.csv", csv);
  g_autoptr (GError) error = NULL;
  PdnImportReport *report = NULL;
  gboolean ok = pdn_people_importer_import_file (store, path, NULL, NULL, &report, &error);

  if (expect_ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
      g_assert_false (ok);
    }
  return report;
}

static gint64
school_id (PdnStore *store, const gchar *external_id)
{
  g_autoptr (PdnSchool) school = pdn_school_find_by_external_id (store, external_id, NULL);

  g_assert_nonnull (school);
  return school->id;
}

static const gchar mover_csv[] = "email,name,role,school,from,to\n"
                                 "mover@rps.org,Mo Ver,teacher,A-1,2025-08-01,2026-01-15\n"
                                 "ana@rps.org,Ana,coach,Baker,,\n"
                                 "Mover@RPS.org,Mo Ver,teacher,Baker,2026-01-16,\n";

static void
test_people_mid_year_move (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (PdnImportReport) report = import_people (store, dir, mover_csv, TRUE);
  g_autoptr (PdnPerson) mover = pdn_person_find_by_email (store, "MOVER@rps.org", NULL);
  g_autoptr (PdnPerson) ana = pdn_person_find_by_email (store, "ana@rps.org", NULL);
  const PdnAffiliation *first;

  g_assert_cmpuint (report->rows_read, ==, 3);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_nonnull (mover);
  g_assert_cmpstr (mover->email, ==, "mover@rps.org");
  g_assert_cmpint (mover->role, ==, PDN_PERSON_ROLE_TEACHER);
  g_assert_cmpuint (mover->affiliations->len, ==, 2);
  first = g_ptr_array_index (mover->affiliations, 0);
  g_assert_cmpstr (first->starts_on, ==, "2025-08-01");
  g_assert_cmpstr (first->ends_on, ==, "2026-01-15");
  g_assert_cmpint (pdn_person_school_on (mover, "2025-10-01"), ==, school_id (store, "A-1"));
  g_assert_cmpint (pdn_person_school_on (mover, "2026-01-16"), ==, school_id (store, "B-1"));
  g_assert_cmpint (pdn_person_school_on (mover, "2030-01-01"), ==, school_id (store, "B-1"));
  /* Baker was named, not its external id; empty dates are open ends. */
  g_assert_cmpuint (ana->affiliations->len, ==, 1);
  first = g_ptr_array_index (ana->affiliations, 0);
  g_assert_null (first->starts_on);
  g_assert_null (first->ends_on);
  g_assert_cmpint (ana->role, ==, PDN_PERSON_ROLE_COACH);
}

static void
test_people_reimport (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (PdnImportReport) first = import_people (store, dir, mover_csv, TRUE);
  g_autoptr (PdnImportReport) again = import_people (store, dir, mover_csv, TRUE);
  g_autoptr (PdnImportReport) changed = NULL;
  g_autoptr (PdnPerson) mover = NULL;

  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 2);
  g_assert_cmpint (count_rows (store, "people"), ==, 2);
  g_assert_cmpint (count_rows (store, "affiliations"), ==, 3);

  /* The file's history replaces the stored one: the move is undone. */
  changed = import_people (store, dir,
                           "email,name,role,school\n"
                           "mover@rps.org,Mo Ver,school-leader,A-1\n",
                           TRUE);
  g_assert_cmpuint (changed->updated, ==, 1);
  g_assert_cmpint (count_rows (store, "people"), ==, 2);
  g_assert_cmpint (count_rows (store, "affiliations"), ==, 2);
  mover = pdn_person_find_by_email (store, "mover@rps.org", NULL);
  g_assert_cmpint (mover->role, ==, PDN_PERSON_ROLE_SCHOOL_LEADER);
  g_assert_cmpuint (mover->affiliations->len, ==, 1);
  g_assert_cmpint (pdn_person_school_on (mover, "2026-03-01"), ==, school_id (store, "A-1"));
}

static void
test_people_unknown_school (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (PdnImportReport) report = NULL;
  g_autofree gchar *text = NULL;

  report = import_people (store, dir,
                          "email,name,role,school,from,to\n"
                          "ana@rps.org,Ana,teacher,A-1,,\n"
                          "bo@rps.org,Bo,teacher,Nowhere High,,\n",
                          FALSE);
  g_assert_cmpuint (report->errors->len, ==, 1);
  assert_error (report, 0, 3, "school");
  text = pdn_import_report_format_errors (report);
  g_assert_nonnull (strstr (text, "line 3: school: "));
  g_assert_nonnull (strstr (text, "“Nowhere High”"));
  /* All or nothing: the good row was not imported either. */
  g_assert_cmpint (count_rows (store, "people"), ==, 0);
  g_assert_cmpint (count_rows (store, "affiliations"), ==, 0);
}

static void
test_people_row_checks (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (PdnImportReport) report = NULL;

  report = import_people (store, dir,
                          "email,name,role,school,from,to\n"
                          "not-an-email,Ana,teacher,A-1,,\n"                      /* 2 */
                          "bo@rps.org,Bo,principal,A-1,,\n"                       /* 3 */
                          "cy@rps.org,Cy,teacher,A-1,2026-02-01,2026-01-31\n"     /* 4 */
                          "di@rps.org,Di,teacher,A-1,2025-08-01,2026-01-31\n"
                          "di@rps.org,Di,teacher,B-1,2026-01-31,\n"               /* 6 */
                          "ed@rps.org,Ed,teacher,Twin,,\n"                        /* 7 */
                          "fa@rps.org,Fa,teacher,A-1,2025-13-01,\n"               /* 8 */
                          "gu@rps.org,Gu,teacher,A-1,2025-08-01,2025-12-31\n"
                          "GU@rps.org,Gus,teacher,B-1,2026-01-01,\n"              /* 10 */
                          "ha@rps.org,Ha,teacher,,2026-01-01,\n"                  /* 11 */
                          ",Ib,teacher,A-1,,\n",                                  /* 12 */
                          FALSE);
  g_assert_cmpuint (report->errors->len, ==, 9);
  assert_error (report, 0, 2, "email");
  assert_error (report, 1, 3, "role");
  assert_error (report, 2, 4, "to");
  assert_error (report, 3, 6, "from");
  assert_error (report, 4, 7, "school");
  assert_error (report, 5, 8, "from");
  assert_error (report, 6, 10, "name");
  assert_error (report, 7, 11, "school");
  assert_error (report, 8, 12, "email");
  g_assert_cmpint (count_rows (store, "people"), ==, 0);
}

static void
test_people_ambiguous_school_by_external_id (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnPerson) ed = NULL;

  report = import_people (store, dir,
                          "school,email,role,name\n"
                          "C-2,ed@rps.org,teacher,Ed\n"
                          ",staff@rps.org,district-admin,Staff\n",
                          TRUE);
  ed = pdn_person_find_by_email (store, "ed@rps.org", NULL);
  g_assert_cmpuint (ed->affiliations->len, ==, 1);
  g_assert_cmpint (pdn_person_school_on (ed, "2026-01-01"), ==, school_id (store, "C-2"));
  g_assert_cmpint (count_rows (store, "affiliations"), ==, 1);
}

static void
test_people_missing_column (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autofree gchar *path = pdn_test_write_file (dir, "p.csv", "email,name,school\n");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_people_importer_import_file (store, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "role");
}

static void
test_people_many (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = people_store (&dir);
  g_autoptr (GString) csv = g_string_new ("email,name,role,school,from,to\n");
  g_autoptr (PdnImportReport) report = NULL;
  gint64 started;

  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (csv, "p%u@rps.org,Person %u,teacher,A-1,,2026-01-15\n", i, i);
      g_string_append_printf (csv, "p%u@rps.org,Person %u,teacher,Baker,2026-01-16,\n", i, i);
    }
  started = g_get_monotonic_time ();
  report = import_people (store, dir, csv->str, TRUE);
  g_assert_cmpuint (report->created, ==, 5000);
  g_assert_cmpint (count_rows (store, "affiliations"), ==, 10000);
  /* Generous, so that valgrind passes; normally well under a second. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 120 * G_USEC_PER_SEC);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/import/schools/all-or-nothing", test_schools_all_or_nothing);
  g_test_add_func ("/pdnet/import/schools/fields-and-facts", test_schools_fields_and_facts);
  g_test_add_func ("/pdnet/import/schools/update", test_schools_update);
  g_test_add_func ("/pdnet/import/schools/external-id-adopts", test_schools_external_id_adopts);
  g_test_add_func ("/pdnet/import/schools/bom-crlf", test_schools_bom_crlf);
  g_test_add_func ("/pdnet/import/schools/duplicate-keys", test_schools_duplicate_keys);
  g_test_add_func ("/pdnet/import/schools/one-row-per-year", test_schools_one_row_per_year);
  g_test_add_func ("/pdnet/import/schools/organization-kind", test_schools_organization_kind);
  g_test_add_func ("/pdnet/import/schools/slug-made-unique", test_schools_slug_made_unique);
  g_test_add_func ("/pdnet/import/schools/row-checks", test_schools_row_checks);
  g_test_add_func ("/pdnet/import/schools/unreadable-file", test_schools_unreadable_file);
  g_test_add_func ("/pdnet/import/schools/progress", test_schools_progress);
  g_test_add_func ("/pdnet/import/people/mid-year-move", test_people_mid_year_move);
  g_test_add_func ("/pdnet/import/people/reimport", test_people_reimport);
  g_test_add_func ("/pdnet/import/people/unknown-school", test_people_unknown_school);
  g_test_add_func ("/pdnet/import/people/row-checks", test_people_row_checks);
  g_test_add_func ("/pdnet/import/people/school-by-external-id",
                   test_people_ambiguous_school_by_external_id);
  g_test_add_func ("/pdnet/import/people/missing-column", test_people_missing_column);
  g_test_add_func ("/pdnet/import/people/many", test_people_many);
  return g_test_run ();
}
