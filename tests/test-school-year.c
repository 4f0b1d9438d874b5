/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-school-year.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"

static void
assert_field_error (const GError *error, PdnErrorCode code, const gchar *field)
{
  g_assert_error (error, PDN_ERROR, (gint) code);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
test_default_dates (void)
{
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new ("2017-18");
  g_autoptr (PdnSchoolYear) century = pdn_school_year_new ("1999-00");
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (year->label, ==, "2017-18");
  g_assert_cmpstr (year->starts_on, ==, "2017-07-01");
  g_assert_cmpstr (year->ends_on, ==, "2018-06-30");
  g_assert_true (pdn_school_year_validate (year, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (century->starts_on, ==, "1999-07-01");
  g_assert_cmpstr (century->ends_on, ==, "2000-06-30");
}

static void
test_validate_label (void)
{
  const gchar *bad[] = { "2017-19", "2017-2018", "17-18", "2017/18", "abcd-ef", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnSchoolYear) year = pdn_school_year_new (bad[i]);
      g_autoptr (GError) error = NULL;

      g_assert_null (year->starts_on);
      g_assert_false (pdn_school_year_validate (year, &error));
      assert_field_error (error, PDN_ERROR_INVALID_INPUT, "label");
    }
}

static void
test_validate_dates (void)
{
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new ("2017-18");
  g_autoptr (GError) error = NULL;

  g_free (year->starts_on);
  year->starts_on = g_strdup ("2017-13-01");
  g_assert_false (pdn_school_year_validate (year, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "starts_on");
  g_clear_error (&error);

  g_free (year->starts_on);
  year->starts_on = g_strdup ("2017-08-15");
  g_free (year->ends_on);
  year->ends_on = g_strdup ("June 30");
  g_assert_false (pdn_school_year_validate (year, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "ends_on");
  g_clear_error (&error);

  /* Ends before it starts, or on the same day. */
  g_free (year->ends_on);
  year->ends_on = g_strdup ("2017-08-14");
  g_assert_false (pdn_school_year_validate (year, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "ends_on");
  g_clear_error (&error);
  g_free (year->ends_on);
  year->ends_on = g_strdup ("2017-08-15");
  g_assert_false (pdn_school_year_validate (year, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "ends_on");
  g_clear_error (&error);

  g_free (year->ends_on);
  year->ends_on = g_strdup ("2018-06-15");
  g_assert_true (pdn_school_year_validate (year, &error));
  g_assert_no_error (error);
}

static void
test_save_load_upsert (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new ("2017-18");
  g_autoptr (PdnSchoolYear) loaded = NULL;
  g_autoptr (PdnSchoolYear) moved = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_school_year_save (year, store, &error));
  g_assert_no_error (error);
  loaded = pdn_school_year_load (store, "2017-18", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->label, ==, "2017-18");
  g_assert_cmpstr (loaded->starts_on, ==, "2017-07-01");
  g_assert_cmpstr (loaded->ends_on, ==, "2018-06-30");

  /* Saving again moves the dates instead of failing. */
  g_free (year->starts_on);
  year->starts_on = g_strdup ("2017-08-20");
  g_free (year->ends_on);
  year->ends_on = g_strdup ("2018-06-10");
  g_assert_true (pdn_school_year_save (year, store, &error));
  g_assert_no_error (error);
  moved = pdn_school_year_load (store, "2017-18", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->starts_on, ==, "2017-08-20");
  g_assert_cmpstr (moved->ends_on, ==, "2018-06-10");
}

static void
test_save_invalid_and_missing (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new ("2017-18");
  g_autoptr (PdnSchoolYear) missing = NULL;
  g_autoptr (GError) error = NULL;

  g_free (year->ends_on);
  year->ends_on = g_strdup ("2017-01-01");
  g_assert_false (pdn_school_year_save (year, store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "ends_on");
  g_clear_error (&error);

  missing = pdn_school_year_load (store, "2017-18", &error);
  g_assert_null (missing);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_ensure (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnSchoolYear) custom = pdn_school_year_new ("2018-19");
  g_autoptr (PdnSchoolYear) created = NULL;
  g_autoptr (PdnSchoolYear) kept = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_school_year_ensure (store, "2025-26", &error));
  g_assert_no_error (error);
  created = pdn_school_year_load (store, "2025-26", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->starts_on, ==, "2025-07-01");
  g_assert_cmpstr (created->ends_on, ==, "2026-06-30");
  /* Twice is fine. */
  g_assert_true (pdn_school_year_ensure (store, "2025-26", &error));
  g_assert_no_error (error);

  /* An existing year keeps its own dates. */
  g_free (custom->starts_on);
  custom->starts_on = g_strdup ("2018-08-01");
  g_assert_true (pdn_school_year_save (custom, store, &error));
  g_assert_true (pdn_school_year_ensure (store, "2018-19", &error));
  g_assert_no_error (error);
  kept = pdn_school_year_load (store, "2018-19", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->starts_on, ==, "2018-08-01");

  g_assert_false (pdn_school_year_ensure (store, "2018-20", &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "label");
}

static void
test_label_for_date (void)
{
  const struct
  {
    const gchar *date;
    const gchar *label;
  } cases[] = {
    { "2026-11-23", "2026-27" }, { "2026-03-01", "2025-26" }, { "2026-07-01", "2026-27" },
    { "2026-06-30", "2025-26" }, { "2000-01-15", "1999-00" }, { "1999-12-31", "1999-00" },
    { "2026-02-30", NULL },      { "not a date", NULL },      { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *label = pdn_school_year_label_for_date (cases[i].date);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_reopen (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new ("2030-31");
  g_autoptr (PdnSchoolYear) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");

  g_assert_true (pdn_school_year_save (year, store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  loaded = pdn_school_year_load (store, "2030-31", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->ends_on, ==, "2031-06-30");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/school-year/default-dates", test_default_dates);
  g_test_add_func ("/pdnet/school-year/validate-label", test_validate_label);
  g_test_add_func ("/pdnet/school-year/validate-dates", test_validate_dates);
  g_test_add_func ("/pdnet/school-year/save-load-upsert", test_save_load_upsert);
  g_test_add_func ("/pdnet/school-year/save-invalid-and-missing", test_save_invalid_and_missing);
  g_test_add_func ("/pdnet/school-year/ensure", test_ensure);
  g_test_add_func ("/pdnet/school-year/label-for-date", test_label_for_date);
  g_test_add_func ("/pdnet/school-year/reopen", test_reopen);
  return g_test_run ();
}
