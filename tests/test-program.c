/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-program.h"
#include "pdn-series.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

static PdnProgram *
valid_program (gint64 lead)
{
  PdnProgram *program = pdn_program_new ();

  program->name = g_strdup ("Whole-school literacy");
  program->type = g_strdup ("whole-school");
  program->lead_organization_id = lead;
  program->school_year = g_strdup ("2025-26");
  return program;
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  gint64 partner_a = pdn_test_add_organization (store, "reading-partners");
  gint64 partner_b = pdn_test_add_organization (store, "math-circle");
  g_autoptr (PdnProgram) program = valid_program (lead);
  g_autoptr (PdnProgram) loaded = NULL;
  g_autofree gchar *starts_on = NULL;
  g_autofree gchar *ends_on = NULL;

  pdn_program_add_partner (program, partner_a);
  pdn_program_add_partner (program, partner_b);
  g_free (program->settings);
  program->settings = g_strdup ("{\"coaching_cycles\": 3}");
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (program->id, >, 0);
  g_assert_nonnull (program->created_at);

  loaded = pdn_program_load (store, program->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Whole-school literacy");
  g_assert_cmpstr (loaded->type, ==, "whole-school");
  g_assert_cmpint (loaded->lead_organization_id, ==, lead);
  g_assert_cmpstr (loaded->school_year, ==, "2025-26");
  g_assert_cmpstr (loaded->settings, ==, "{\"coaching_cycles\": 3}");
  g_assert_cmpstr (loaded->created_at, ==, program->created_at);
  g_assert_cmpuint (loaded->partner_organization_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded->partner_organization_ids, gint64, 0), ==, partner_a);
  g_assert_cmpint (g_array_index (loaded->partner_organization_ids, gint64, 1), ==, partner_b);

  /* The new school year got default dates. */
  starts_on = pdn_test_query_text (store, "SELECT starts_on FROM school_years", 0);
  ends_on = pdn_test_query_text (store, "SELECT ends_on FROM school_years", 0);
  g_assert_cmpstr (starts_on, ==, "2025-07-01");
  g_assert_cmpstr (ends_on, ==, "2026-06-30");
}

static void
test_default_settings_and_existing_year (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  g_autoptr (PdnProgram) program = valid_program (lead);
  g_autoptr (PdnProgram) loaded = NULL;
  g_autofree gchar *starts_on = NULL;

  pdn_test_exec (store, "INSERT INTO school_years (label, starts_on, ends_on) "
                        "VALUES ('2025-26', '2025-08-15', '2026-06-10')");
  g_clear_pointer (&program->settings, g_free);
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);
  loaded = pdn_program_load (store, program->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->settings, ==, "{}");
  g_assert_cmpuint (loaded->partner_organization_ids->len, ==, 0);
  /* An existing school year keeps its own dates. */
  starts_on = pdn_test_query_text (store, "SELECT starts_on FROM school_years", 0);
  g_assert_cmpstr (starts_on, ==, "2025-08-15");
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM school_years", 0),
                   ==, 1);
}

typedef void (*BreakProgram) (PdnProgram *program);

static void
no_name (PdnProgram *p)
{
  g_clear_pointer (&p->name, g_free);
}

static void
blank_name (PdnProgram *p)
{
  g_free (p->name);
  p->name = g_strdup ("   ");
}

static void
long_name (PdnProgram *p)
{
  g_free (p->name);
  p->name = g_strnfill (201, 'x');
}

static void
no_type (PdnProgram *p)
{
  g_clear_pointer (&p->type, g_free);
}

static void
uppercase_type (PdnProgram *p)
{
  g_free (p->type);
  p->type = g_strdup ("Whole-School");
}

static void
spaced_type (PdnProgram *p)
{
  g_free (p->type);
  p->type = g_strdup ("whole school");
}

static void
long_type (PdnProgram *p)
{
  g_free (p->type);
  p->type = g_strnfill (65, 'a');
}

static void
no_lead (PdnProgram *p)
{
  p->lead_organization_id = 0;
}

static void
zero_partner (PdnProgram *p)
{
  pdn_program_add_partner (p, 0);
}

static void
lead_as_partner (PdnProgram *p)
{
  pdn_program_add_partner (p, 99);
  pdn_program_add_partner (p, p->lead_organization_id);
}

static void
partner_twice (PdnProgram *p)
{
  pdn_program_add_partner (p, 99);
  pdn_program_add_partner (p, 98);
  pdn_program_add_partner (p, 99);
}

static void
bad_year (PdnProgram *p)
{
  g_free (p->school_year);
  p->school_year = g_strdup ("2025-27");
}

static void
no_year (PdnProgram *p)
{
  g_clear_pointer (&p->school_year, g_free);
}

static void
settings_not_json (PdnProgram *p)
{
  g_free (p->settings);
  p->settings = g_strdup ("{cycles: ");
}

static void
settings_array (PdnProgram *p)
{
  g_free (p->settings);
  p->settings = g_strdup ("[1, 2]");
}

static void
settings_string (PdnProgram *p)
{
  g_free (p->settings);
  p->settings = g_strdup ("\"cycles\"");
}

static void
test_validation (void)
{
  static const struct
  {
    BreakProgram apply;
    const gchar *field;
  } cases[] = {
    { no_name, "name" },
    { blank_name, "name" },
    { long_name, "name" },
    { no_type, "type" },
    { uppercase_type, "type" },
    { spaced_type, "type" },
    { long_type, "type" },
    { no_lead, "lead_organization_id" },
    { zero_partner, "partner_organization_ids[0]" },
    { lead_as_partner, "partner_organization_ids[1]" },
    { partner_twice, "partner_organization_ids[2]" },
    { bad_year, "school_year" },
    { no_year, "school_year" },
    { settings_not_json, "settings" },
    { settings_array, "settings" },
    { settings_string, "settings" },
  };
  g_autoptr (PdnProgram) valid = valid_program (5);

  g_assert_true (pdn_program_validate (valid, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnProgram) program = valid_program (5);

      cases[i].apply (program);
      g_assert_false (pdn_program_validate (program, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }
}

static void
test_unknown_organizations (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  g_autoptr (PdnProgram) unknown_lead = valid_program (lead + 100);
  g_autoptr (PdnProgram) unknown_partner = valid_program (lead);

  g_assert_false (pdn_program_insert (unknown_lead, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "lead_organization_id");

  pdn_program_add_partner (unknown_partner, pdn_test_add_organization (store, "partner"));
  pdn_program_add_partner (unknown_partner, lead + 100);
  g_assert_false (pdn_program_insert (unknown_partner, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "partner_organization_ids[1]");

  /* Nothing was written, not even the school year. */
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM programs", 0), ==,
                   0);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM school_years", 0),
                   ==, 0);
}

static void
test_update (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  gint64 partner = pdn_test_add_organization (store, "partner");
  gint64 other = pdn_test_add_organization (store, "other");
  g_autoptr (PdnProgram) program = valid_program (lead);
  g_autoptr (PdnProgram) loaded = NULL;
  g_autoptr (PdnProgram) missing = valid_program (lead);

  pdn_program_add_partner (program, partner);
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);

  g_free (program->name);
  program->name = g_strdup ("Renamed");
  g_free (program->school_year);
  program->school_year = g_strdup ("2026-27");
  g_array_set_size (program->partner_organization_ids, 0);
  pdn_program_add_partner (program, other);
  g_assert_true (pdn_program_update (program, store, &error));
  g_assert_no_error (error);

  loaded = pdn_program_load (store, program->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Renamed");
  g_assert_cmpstr (loaded->school_year, ==, "2026-27");
  g_assert_cmpuint (loaded->partner_organization_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (loaded->partner_organization_ids, gint64, 0), ==, other);
  g_assert_cmpint (pdn_test_query_int (store,
                                       "SELECT COUNT(*) FROM school_years WHERE label = '2026-27'",
                                       0),
                   ==, 1);

  /* A failed update leaves the stored row alone. */
  loaded->lead_organization_id = other + 100;
  g_assert_false (pdn_program_update (loaded, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "lead_organization_id");

  missing->id = program->id + 100;
  g_assert_false (pdn_program_update (missing, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_list_by_year (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  gint64 first = pdn_test_add_program (store, lead, "2025-26");
  gint64 second = pdn_test_add_program (store, lead, "2026-27");
  gint64 third = pdn_test_add_program (store, lead, "2025-26");
  g_autoptr (GPtrArray) all = pdn_program_list (store, NULL, &error);
  g_autoptr (GPtrArray) year = NULL;
  g_autoptr (GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((PdnProgram *) g_ptr_array_index (all, 0))->id, ==, first);
  g_assert_cmpint (((PdnProgram *) g_ptr_array_index (all, 1))->id, ==, second);
  g_assert_cmpint (((PdnProgram *) g_ptr_array_index (all, 2))->id, ==, third);

  year = pdn_program_list (store, "2025-26", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->len, ==, 2);
  g_assert_cmpint (((PdnProgram *) g_ptr_array_index (year, 0))->id, ==, first);
  g_assert_cmpint (((PdnProgram *) g_ptr_array_index (year, 1))->id, ==, third);

  none = pdn_program_list (store, "2030-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_delete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 lead = pdn_test_add_organization (store, "rps");
  gint64 partner = pdn_test_add_organization (store, "partner");
  g_autoptr (PdnProgram) program = valid_program (lead);
  gint64 busy = pdn_test_add_program (store, lead, "2025-26");
  g_autoptr (PdnSeries) series = pdn_series_new ();
  g_autoptr (PdnProgram) gone = NULL;

  pdn_program_add_partner (program, partner);
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_program_delete (store, program->id, &error));
  g_assert_no_error (error);
  gone = pdn_program_load (store, program->id, &error);
  g_assert_null (gone);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM program_partners "
                                              "WHERE program_id = ?",
                                       program->id),
                   ==, 0);
  g_assert_false (pdn_program_delete (store, program->id, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);

  /* A program with series cannot go. */
  series->program_id = busy;
  series->title = g_strdup ("Fall");
  series->kind = g_strdup ("workshop-series");
  g_assert_true (pdn_series_insert (series, store, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_program_delete (store, busy, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/program/round-trip", test_round_trip);
  g_test_add_func ("/pdnet/program/default-settings-and-existing-year",
                   test_default_settings_and_existing_year);
  g_test_add_func ("/pdnet/program/validation", test_validation);
  g_test_add_func ("/pdnet/program/unknown-organizations", test_unknown_organizations);
  g_test_add_func ("/pdnet/program/update", test_update);
  g_test_add_func ("/pdnet/program/list-by-year", test_list_by_year);
  g_test_add_func ("/pdnet/program/delete", test_delete);
  return g_test_run ();
}
