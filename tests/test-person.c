/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-school.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"

/* Two schools of one district, made through the models. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 adams;
  gint64 baker;
} Fixture;

static void
assert_field_error (const GError *error, PdnErrorCode code, const gchar *field)
{
  g_assert_error (error, PDN_ERROR, (gint) code);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static gint64
add_school (PdnStore *store, gint64 organization_id, const gchar *name)
{
  g_autoptr (PdnSchool) school = pdn_school_new ();
  g_autoptr (GError) error = NULL;

  school->name = g_strdup (name);
  school->organization_id = organization_id;
  g_assert_true (pdn_school_insert (school, store, &error));
  g_assert_no_error (error);
  return school->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (GError) error = NULL;

  f->store = pdn_test_store_new (&f->dir);
  organization->name = g_strdup ("Riverton Public Schools");
  organization->slug = g_strdup ("rps");
  g_assert_true (pdn_organization_insert (organization, f->store, &error));
  g_assert_no_error (error);
  f->adams = add_school (f->store, organization->id, "Adams");
  f->baker = add_school (f->store, organization->id, "Baker");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

static gint64
count (PdnStore *store, const gchar *sql, gint64 id)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (pdn_store_count (store, sql, id, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gint64
count_people (PdnStore *store)
{
  return count (store, "SELECT COUNT(*) FROM people WHERE ? = 0", 0);
}

static PdnPerson *
person_new (const gchar *name, const gchar *email, PdnPersonRole role)
{
  PdnPerson *person = pdn_person_new ();

  person->name = g_strdup (name);
  person->email = g_strdup (email);
  person->role = role;
  return person;
}

static const PdnAffiliation *
affiliation_at (PdnPerson *person, guint i)
{
  g_assert_cmpuint (i, <, person->affiliations->len);
  return g_ptr_array_index (person->affiliations, i);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana Ruiz", "Ana.Ruiz@RPS.org",
                                             PDN_PERSON_ROLE_COACH);
  g_autoptr (PdnPerson) loaded = NULL;
  g_autoptr (GError) error = NULL;

  /* Given out of date order; stored and loaded with the open start first. */
  pdn_person_add_affiliation (person, f->baker, "2026-01-01", NULL);
  pdn_person_add_affiliation (person, f->adams, NULL, "2025-12-31");
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (person->id, >, 0);
  g_assert_nonnull (person->created_at);

  loaded = pdn_person_load (f->store, person->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Ana Ruiz");
  g_assert_cmpstr (loaded->email, ==, "Ana.Ruiz@RPS.org");
  g_assert_cmpint (loaded->role, ==, PDN_PERSON_ROLE_COACH);
  g_assert_cmpstr (loaded->created_at, ==, person->created_at);
  g_assert_cmpuint (loaded->affiliations->len, ==, 2);
  g_assert_cmpint (affiliation_at (loaded, 0)->school_id, ==, f->adams);
  g_assert_null (affiliation_at (loaded, 0)->starts_on);
  g_assert_cmpstr (affiliation_at (loaded, 0)->ends_on, ==, "2025-12-31");
  g_assert_cmpint (affiliation_at (loaded, 1)->school_id, ==, f->baker);
  g_assert_cmpstr (affiliation_at (loaded, 1)->starts_on, ==, "2026-01-01");
  g_assert_null (affiliation_at (loaded, 1)->ends_on);
  g_assert_cmpint (affiliation_at (loaded, 0)->id, >, 0);
  /* The inserted object is in the same order, with the stored ids. */
  g_assert_cmpint (affiliation_at (person, 0)->id, ==, affiliation_at (loaded, 0)->id);
  g_assert_cmpint (affiliation_at (person, 1)->id, ==, affiliation_at (loaded, 1)->id);
}

static void
test_validate_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_person_validate (person, &error));
  g_assert_no_error (error);

  g_free (person->name);
  person->name = g_strdup ("");
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "name");
  g_clear_error (&error);
  g_free (person->name);
  person->name = g_strdup ("Ana");

  person->role = (PdnPersonRole) 9;
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "role");
  g_assert_nonnull (strstr (error->message, "school-leader"));
  g_clear_error (&error);
  g_assert_cmpint (count_people (f->store), ==, 0);
}

static void
test_malformed_email (Fixture *f, gconstpointer data)
{
  const gchar *bad[] = {
    NULL, "", "ana", "ana@", "@rps.org", "ana@rps", "ana@@rps.org", "ana ruiz@rps.org",
    "ana@rps..org", "<ana@rps.org>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnPerson) person = person_new ("Ana", bad[i], PDN_PERSON_ROLE_TEACHER);
      g_autoptr (GError) error = NULL;

      g_assert_false (pdn_person_insert (person, f->store, &error));
      assert_field_error (error, PDN_ERROR_INVALID_INPUT, "email");
    }
  g_assert_cmpint (count_people (f->store), ==, 0);
}

static void
assert_duplicate (Fixture *f, const gchar *first, const gchar *second)
{
  g_autoptr (PdnPerson) a = person_new ("A", first, PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) b = person_new ("B", second, PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) found = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_person_insert (a, f->store, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_person_insert (b, f->store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "email");
  g_clear_error (&error);
  /* Finding by the other spelling finds the stored person. */
  found = pdn_person_find_by_email (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, a->id);
  g_assert_cmpstr (found->email, ==, first);
}

static void
test_duplicate_email_case_folded (Fixture *f, gconstpointer data)
{
  assert_duplicate (f, "Ana@X.org", "ana@x.ORG");
  /* Full Unicode case folding: ß folds to ss. */
  assert_duplicate (f, "STRASSE@x.org", "straße@x.org");
  g_assert_cmpint (count_people (f->store), ==, 2);
}

static void
test_update_email_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) ana = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) bo = person_new ("Bo", "bo@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) loaded = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_person_insert (ana, f->store, &error));
  g_assert_true (pdn_person_insert (bo, f->store, &error));
  g_assert_no_error (error);
  g_free (bo->email);
  bo->email = g_strdup ("ANA@rps.org");
  g_assert_false (pdn_person_update (bo, f->store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "email");
  g_clear_error (&error);

  /* A person may change the case of their own email. */
  g_free (ana->email);
  ana->email = g_strdup ("ANA@rps.org");
  g_assert_true (pdn_person_update (ana, f->store, &error));
  g_assert_no_error (error);
  loaded = pdn_person_find_by_email (f->store, "ana@RPS.ORG", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->email, ==, "ANA@rps.org");
}

static void
test_unknown_school (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  pdn_person_add_affiliation (person, f->adams, NULL, "2025-12-31");
  pdn_person_add_affiliation (person, f->baker + 100, "2026-01-01", NULL);
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1].school_id");
  g_assert_cmpint (count_people (f->store), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT COUNT(*) FROM affiliations WHERE ? = 0", 0), ==, 0);
  g_clear_error (&error);

  /* A missing school id is caught before the store is asked. */
  ((PdnAffiliation *) g_ptr_array_index (person->affiliations, 0))->school_id = 0;
  g_assert_false (pdn_person_validate (person, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[0].school_id");
}

static void
test_bad_dates (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  PdnAffiliation *second;
  g_autoptr (GError) error = NULL;

  pdn_person_add_affiliation (person, f->adams, NULL, "2025-06-30");
  pdn_person_add_affiliation (person, f->baker, "2025-02-30", NULL);
  second = g_ptr_array_index (person->affiliations, 1);
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1].from");
  g_clear_error (&error);

  g_free (second->starts_on);
  second->starts_on = g_strdup ("2025-08-01");
  second->ends_on = g_strdup ("31/12/2025");
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1].to");
  g_clear_error (&error);

  /* End before start. */
  g_free (second->ends_on);
  second->ends_on = g_strdup ("2025-07-31");
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1].to");
  g_clear_error (&error);

  /* A one-day affiliation is fine. */
  g_free (second->ends_on);
  second->ends_on = g_strdup ("2025-08-01");
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);
}

static void
assert_overlap (Fixture *f, const gchar *a_from, const gchar *a_to, const gchar *b_from,
                const gchar *b_to)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  pdn_person_add_affiliation (person, f->adams, a_from, a_to);
  pdn_person_add_affiliation (person, f->baker, b_from, b_to);
  g_assert_false (pdn_person_insert (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1]");
  g_assert_nonnull (strstr (error->message, "affiliations[0]"));
  g_assert_cmpint (count_people (f->store), ==, 0);
}

static void
test_overlapping_affiliations (Fixture *f, gconstpointer data)
{
  /* The same last and first day: both ends are inclusive. */
  assert_overlap (f, NULL, "2025-12-31", "2025-12-31", NULL);
  assert_overlap (f, "2025-12-31", NULL, NULL, "2025-12-31");
  assert_overlap (f, "2025-01-01", "2025-12-31", "2025-06-01", "2025-06-30");
  assert_overlap (f, NULL, NULL, "2025-06-01", NULL);
  assert_overlap (f, "2026-01-01", NULL, NULL, "2026-03-01");
  assert_overlap (f, "2026-01-01", NULL, "2027-01-01", NULL);
}

static void
test_open_ends (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAffiliation) always = pdn_affiliation_new (1, NULL, NULL);
  g_autoptr (PdnAffiliation) since = pdn_affiliation_new (1, "2025-08-15", "");
  g_autoptr (PdnAffiliation) until = pdn_affiliation_new (1, "", "2025-08-14");
  g_autoptr (PdnAffiliation) copy = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (since->ends_on);
  g_assert_null (until->starts_on);
  g_assert_true (pdn_affiliation_validate (always, &error));
  g_assert_true (pdn_affiliation_validate (since, &error));
  g_assert_true (pdn_affiliation_validate (until, &error));
  g_assert_no_error (error);

  g_assert_true (pdn_affiliation_covers (always, "1901-01-01"));
  g_assert_true (pdn_affiliation_covers (always, "2999-12-31"));
  g_assert_false (pdn_affiliation_covers (since, "2025-08-14"));
  g_assert_true (pdn_affiliation_covers (since, "2025-08-15"));
  g_assert_true (pdn_affiliation_covers (since, "2040-01-01"));
  g_assert_true (pdn_affiliation_covers (until, "1990-01-01"));
  g_assert_true (pdn_affiliation_covers (until, "2025-08-14"));
  g_assert_false (pdn_affiliation_covers (until, "2025-08-15"));

  g_assert_false (pdn_affiliation_overlaps (since, until));
  g_assert_false (pdn_affiliation_overlaps (until, since));
  g_assert_true (pdn_affiliation_overlaps (always, since));
  g_assert_true (pdn_affiliation_overlaps (until, always));

  since->id = 7;
  copy = g_boxed_copy (PDN_TYPE_AFFILIATION, since);
  g_assert_true (copy != since);
  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpstr (copy->starts_on, ==, "2025-08-15");
  g_assert_null (copy->ends_on);
}

/* The teacher moved from Adams to Baker over the winter break. */
static void
test_school_on_mid_year_move (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) mover = person_new ("Mover", "mover@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) loaded = NULL;
  g_autoptr (GError) error = NULL;
  PdnPerson *people[2];

  pdn_person_add_affiliation (mover, f->adams, "2024-08-15", "2025-12-19");
  pdn_person_add_affiliation (mover, f->baker, "2026-01-05", NULL);
  g_assert_true (pdn_person_insert (mover, f->store, &error));
  g_assert_no_error (error);
  loaded = pdn_person_load (f->store, mover->id, &error);
  g_assert_no_error (error);
  people[0] = mover;
  people[1] = loaded;
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_assert_cmpint (pdn_person_school_on (people[i], "2024-08-14"), ==, 0);
      g_assert_cmpint (pdn_person_school_on (people[i], "2024-08-15"), ==, f->adams);
      g_assert_cmpint (pdn_person_school_on (people[i], "2025-10-04"), ==, f->adams);
      g_assert_cmpint (pdn_person_school_on (people[i], "2025-12-19"), ==, f->adams);
      /* Between the two: at no school. */
      g_assert_cmpint (pdn_person_school_on (people[i], "2025-12-24"), ==, 0);
      g_assert_cmpint (pdn_person_school_on (people[i], "2026-01-05"), ==, f->baker);
      g_assert_cmpint (pdn_person_school_on (people[i], "2026-02-07"), ==, f->baker);
      g_assert_cmpint (pdn_person_school_on (people[i], "2031-01-01"), ==, f->baker);
    }
}

static void
test_update_replaces_history (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) loaded = NULL;
  g_autoptr (PdnPerson) ghost = person_new ("Ghost", "ghost@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  pdn_person_add_affiliation (person, f->adams, NULL, NULL);
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (person->affiliations, 0);
  pdn_person_add_affiliation (person, f->adams, NULL, "2025-06-30");
  pdn_person_add_affiliation (person, f->baker, "2025-07-01", NULL);
  g_free (person->name);
  person->name = g_strdup ("Ana Ruiz");
  person->role = PDN_PERSON_ROLE_SCHOOL_LEADER;
  g_assert_true (pdn_person_update (person, f->store, &error));
  g_assert_no_error (error);
  loaded = pdn_person_load (f->store, person->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Ana Ruiz");
  g_assert_cmpint (loaded->role, ==, PDN_PERSON_ROLE_SCHOOL_LEADER);
  g_assert_cmpuint (loaded->affiliations->len, ==, 2);
  g_assert_cmpstr (affiliation_at (loaded, 0)->ends_on, ==, "2025-06-30");
  g_assert_cmpint (count (f->store, "SELECT COUNT(*) FROM affiliations WHERE person_id = ?",
                          person->id),
                   ==, 2);

  /* A failed update leaves the stored history alone. */
  pdn_person_add_affiliation (person, f->baker + 100, NULL, NULL);
  g_assert_false (pdn_person_update (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[2]");
  g_clear_error (&error);
  g_ptr_array_remove_index (person->affiliations, 2);
  ((PdnAffiliation *) g_ptr_array_index (person->affiliations, 1))->school_id = f->baker + 100;
  g_assert_false (pdn_person_update (person, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "affiliations[1].school_id");
  g_clear_error (&error);
  g_clear_object (&loaded);
  loaded = pdn_person_load (f->store, person->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->affiliations->len, ==, 2);
  g_assert_cmpint (affiliation_at (loaded, 1)->school_id, ==, f->baker);

  ghost->id = person->id + 100;
  g_assert_false (pdn_person_update (ghost, f->store, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_find_and_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_TEACHER);
  g_autoptr (PdnPerson) missing = NULL;
  g_autoptr (GError) error = NULL;

  pdn_person_add_affiliation (person, f->adams, NULL, NULL);
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);

  missing = pdn_person_find_by_email (f->store, "nobody@rps.org", &error);
  g_assert_null (missing);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pdn_person_find_by_email (f->store, "\xff@rps.org", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (pdn_person_delete (f->store, person->id, &error));
  g_assert_no_error (error);
  g_assert_null (pdn_person_load (f->store, person->id, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f->store, "SELECT COUNT(*) FROM affiliations WHERE person_id = ?",
                          person->id),
                   ==, 0);
}

static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnPerson) person = person_new ("Ana", "ana@rps.org", PDN_PERSON_ROLE_DISTRICT_ADMIN);
  g_autoptr (PdnPerson) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (f->dir, "pdnet.db");

  pdn_person_add_affiliation (person, f->baker, "2020-08-01", NULL);
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  loaded = pdn_person_find_by_email (f->store, "ANA@rps.org", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->role, ==, PDN_PERSON_ROLE_DISTRICT_ADMIN);
  g_assert_cmpint (pdn_person_school_on (loaded, "2026-01-01"), ==, f->baker);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/person/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("round-trip", test_round_trip);
  ADD ("validate-fields", test_validate_fields);
  ADD ("malformed-email", test_malformed_email);
  ADD ("duplicate-email-case-folded", test_duplicate_email_case_folded);
  ADD ("update-email-conflict", test_update_email_conflict);
  ADD ("unknown-school", test_unknown_school);
  ADD ("bad-dates", test_bad_dates);
  ADD ("overlapping-affiliations", test_overlapping_affiliations);
  ADD ("open-ends", test_open_ends);
  ADD ("school-on-mid-year-move", test_school_on_mid_year_move);
  ADD ("update-replaces-history", test_update_replaces_history);
  ADD ("find-and-delete", test_find_and_delete);
  ADD ("reopen", test_reopen);
  return g_test_run ();
}
