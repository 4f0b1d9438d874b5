/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-outcome.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

static PdnOutcome *
outcome (gint64 school_id, const gchar *year, const gchar *measure, gdouble value, gint64 n)
{
  PdnOutcome *self = pdn_outcome_new ();

  self->school_id = school_id;
  self->school_year = g_strdup (year);
  self->measure = g_strdup (measure);
  self->value = value;
  self->students_n = n;
  return self;
}

static void
save (PdnStore *store, gint64 school_id, const gchar *year, const gchar *measure, gdouble value,
      gint64 n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnOutcome) self = outcome (school_id, year, measure, value, n);

  g_assert_true (pdn_outcome_save (self, store, &error));
  g_assert_no_error (error);
}

static void
assert_outcome (GPtrArray *list, guint index, gint64 school_id, const gchar *year,
                const gchar *measure, gdouble value, gint64 n)
{
  PdnOutcome *self = g_ptr_array_index (list, index);

  g_assert_cmpint (self->school_id, ==, school_id);
  g_assert_cmpstr (self->school_year, ==, year);
  g_assert_cmpstr (self->measure, ==, measure);
  g_assert_cmpfloat_with_epsilon (self->value, value, 1e-9);
  g_assert_cmpint (self->students_n, ==, n);
}

static void
test_save_and_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 org = pdn_test_add_organization (store, "rps");
  gint64 adams = pdn_test_add_school (store, org, "Adams");
  gint64 baker = pdn_test_add_school (store, org, "Baker");
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) year = NULL;
  g_autoptr (GPtrArray) measure = NULL;
  g_autoptr (GPtrArray) both = NULL;
  g_autoptr (GPtrArray) none = NULL;

  save (store, baker, "2025-26", "ela_growth", 48.5, 310);
  save (store, adams, "2025-26", "ela_growth", 52.25, 420);
  save (store, adams, "2025-26", "math_growth", -3.75, 418);
  save (store, adams, "2024-25", "ela_growth", 50.0, 0);

  all = pdn_outcome_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  assert_outcome (all, 0, adams, "2024-25", "ela_growth", 50.0, 0);
  assert_outcome (all, 1, adams, "2025-26", "ela_growth", 52.25, 420);
  assert_outcome (all, 2, baker, "2025-26", "ela_growth", 48.5, 310);
  assert_outcome (all, 3, adams, "2025-26", "math_growth", -3.75, 418);

  year = pdn_outcome_list (store, "2025-26", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->len, ==, 3);
  measure = pdn_outcome_list (store, NULL, "ela_growth", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measure->len, ==, 3);
  both = pdn_outcome_list (store, "2025-26", "math_growth", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (both->len, ==, 1);
  assert_outcome (both, 0, adams, "2025-26", "math_growth", -3.75, 418);
  none = pdn_outcome_list (store, "2030-31", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_save_replaces (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 adams = pdn_test_add_school (store, pdn_test_add_organization (store, "rps"), "Adams");
  g_autoptr (GPtrArray) list = NULL;

  save (store, adams, "2025-26", "math_scale_score", 231.0, 400);
  save (store, adams, "2025-26", "math_scale_score", 236.5, 404);
  list = pdn_outcome_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  assert_outcome (list, 0, adams, "2025-26", "math_scale_score", 236.5, 404);
}

static void
test_validation (void)
{
  static const struct
  {
    gint64 school_id;
    const gchar *year;
    const gchar *measure;
    gint64 students_n;
    const gchar *field;
  } cases[] = {
    { 0, "2025-26", "ela_growth", 10, "school_id" },
    { 1, "2025-2026", "ela_growth", 10, "school_year" },
    { 1, NULL, "ela_growth", 10, "school_year" },
    { 1, "2025-26", NULL, 10, "measure" },
    { 1, "2025-26", "", 10, "measure" },
    { 1, "2025-26", "ELA Growth", 10, "measure" },
    { 1, "2025-26", "ela.growth", 10, "measure" },
    { 1, "2025-26", "ela-growth", 10, "measure" },
    { 1, "2025-26", "ela growth", 10, "measure" },
    { 1, "2025-26", "élan", 10, "measure" },
    { 1, "2025-26", "ela_growth", -1, "students_n" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnOutcome) valid = outcome (1, "2025-26", "ela_growth", 0.0, 0);
  g_autofree gchar *long_measure = g_strnfill (PDN_OUTCOME_MEASURE_MAX_CHARS + 1, 'm');
  g_autofree gchar *longest_measure = g_strnfill (PDN_OUTCOME_MEASURE_MAX_CHARS, 'm');
  g_autoptr (PdnOutcome) too_long = outcome (1, "2025-26", long_measure, 0.0, 0);
  g_autoptr (PdnOutcome) longest = outcome (1, "2025-26", longest_measure, 0.0, 0);
  g_autoptr (PdnOutcome) underscores = outcome (1, "2025-26", "_9_", 0.0, 0);

  g_assert_true (pdn_outcome_validate (valid, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_outcome_validate (longest, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_outcome_validate (underscores, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnOutcome) bad = outcome (cases[i].school_id, cases[i].year, cases[i].measure,
                                            1.0, cases[i].students_n);

      g_assert_false (pdn_outcome_validate (bad, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }
  g_assert_false (pdn_outcome_validate (too_long, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "measure");

  valid->value = NAN;
  g_assert_false (pdn_outcome_validate (valid, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "value");
  valid->value = -INFINITY;
  g_assert_false (pdn_outcome_validate (valid, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "value");
}

static void
test_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 adams = pdn_test_add_school (store, pdn_test_add_organization (store, "rps"), "Adams");
  g_autoptr (PdnOutcome) found = NULL;
  g_autoptr (PdnOutcome) other_year = NULL;
  g_autoptr (PdnOutcome) other_school = NULL;

  save (store, adams, "2025-26", "ela_growth", 52.25, 420);
  found = pdn_outcome_load (store, adams, "2025-26", "ela_growth", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (found->value, ==, 52.25);
  g_assert_cmpint (found->students_n, ==, 420);
  other_year = pdn_outcome_load (store, adams, "2024-25", "ela_growth", &error);
  g_assert_null (other_year);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
  other_school = pdn_outcome_load (store, adams + 1, "2025-26", "ela_growth", &error);
  g_assert_null (other_school);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_unknown_school (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOutcome) self = outcome (12, "2025-26", "ela_growth", 50.0, 10);

  g_assert_false (pdn_outcome_save (self, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "school_id");
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM outcomes", 0), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/outcome/save-and-list", test_save_and_list);
  g_test_add_func ("/pdnet/outcome/save-replaces", test_save_replaces);
  g_test_add_func ("/pdnet/outcome/validation", test_validation);
  g_test_add_func ("/pdnet/outcome/load", test_load);
  g_test_add_func ("/pdnet/outcome/unknown-school", test_unknown_school);
  return g_test_run ();
}
