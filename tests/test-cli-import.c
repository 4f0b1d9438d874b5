/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-test.h"

/* 100 schools; with errors, line 18 has a bad sector, line 42 an empty name
 * and line 77 a headcount that is not a number. */
static gchar *
schools_csv (gboolean with_errors)
{
  GString *csv = g_string_new ("external_id,name,sector,organization,organization_kind,city,"
                               "school_year,teacher_headcount\n");

  for (guint i = 0; i < 100; i++)
    {
      guint line = i + 2;
      gboolean charter = i % 2 == 1;
      g_autofree gchar *name = g_strdup_printf ("School %u", i);

      g_string_append_printf (csv, "X-%u,%s,%s,%s,%s,Riverton,2025-26,%s\n", i,
                              with_errors && line == 42 ? "" : name,
                              with_errors && line == 18 ? "distrct"
                              : charter                 ? "charter"
                                                        : "district",
                              charter ? "Beacon Network" : "Riverton Public Schools",
                              charter ? "cmo" : "district",
                              with_errors && line == 77 ? "lots" : "30");
    }
  return g_string_free (csv, FALSE);
}

/* Output is always captured, so the child never writes into the TAP stream. */
static gint
run_cli (PdnTestDir *dir, const gchar *what, const gchar *path, gchar **out, gchar **err)
{
  const gchar *cli = g_getenv ("PDNET_CLI");
  const gchar *argv[] = { cli, "--data-dir", dir->path, "import", what, path, NULL };
  g_autofree gchar *ignored_out = NULL;
  g_autofree gchar *ignored_err = NULL;

  g_assert_nonnull (cli);
  return pdn_test_spawn (argv, out != NULL ? out : &ignored_out,
                         err != NULL ? err : &ignored_err);
}

static void
test_bad_rows_then_fixed (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *bad_csv = schools_csv (TRUE);
  g_autofree gchar *good_csv = schools_csv (FALSE);
  g_autofree gchar *bad = pdn_test_write_file (dir, "bad.csv", bad_csv);
  g_autofree gchar *good = pdn_test_write_file (dir, "good.csv", good_csv);
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_cli (dir, "schools", bad, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==,
                   "line 18: sector: “distrct” is not one of district, charter, catholic\n"
                   "line 42: name: required, but empty\n"
                   "line 77: teacher_headcount: “lots” is not a whole number from 0 to 100000\n"
                   "pdnet: 3 rows have errors; nothing was imported\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (dir, "schools", good, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Imported 100 schools: 100 created, 0 updated, 0 unchanged. "
                   "Created 2 new organizations.\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (dir, "schools", good, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Imported 100 schools: 0 created, 0 updated, 100 unchanged.\n");
}

static void
test_people_from_stdin (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *schools_text = schools_csv (FALSE);
  g_autofree gchar *schools = pdn_test_write_file (dir, "schools.csv", schools_text);
  g_autofree gchar *people = pdn_test_write_file (
    dir, "people.csv",
    "email,name,role,school,from,to\n"
    "mo@rps.org,Mo,teacher,X-0,2025-08-01,2026-01-15\n"
    "mo@rps.org,Mo,teacher,X-2,2026-01-16,\n");
  const gchar *argv[] = { "/bin/sh", "-c", "exec \"$0\" --data-dir \"$1\" import people - < \"$2\"",
                          g_getenv ("PDNET_CLI"), dir->path, people, NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_cli (dir, "schools", schools, NULL, NULL), ==, 0);
  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "Imported 1 person: 1 created, 0 updated, 0 unchanged.\n");
}

/* Outcomes for the schools X-0.. of schools_csv(): errors as for the other
 * imports, then the fixed file, then again (nothing changes), then a
 * changed value. */
static void
test_outcomes (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *schools_text = schools_csv (FALSE);
  g_autofree gchar *schools = pdn_test_write_file (dir, "schools.csv", schools_text);
  g_autofree gchar *bad = pdn_test_write_file (
    dir, "bad.csv",
    "school_external_id,school_year,measure,value,students_n\n"
    "X-0,2025-26,ela_growth,52.5,310\n"
    "X-1,2025-26,ELA growth,48,200\n"
    "X-404,2025-26,ela_growth,48,200\n"
    "X-2,2025-26,math_scale_score,lots,-4\n");
  g_autofree gchar *good = pdn_test_write_file (
    dir, "good.csv",
    "school_external_id,school_year,measure,value,students_n\n"
    "X-0,2025-26,ela_growth,52.5,310\n"
    "X-1,2025-26,ela_growth,48,200\n"
    "X-2,2025-26,math_scale_score,231.25,190\n");
  g_autofree gchar *changed = pdn_test_write_file (
    dir, "changed.csv",
    "school_id,school_year,measure,value,students_n\n"
    "1,2025-26,ela_growth,53,310\n"
    "1,2024-25,ela_growth,50,300\n");
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_cli (dir, "schools", schools, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (dir, "outcomes", bad, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==,
                   "line 3: measure: “ELA growth” is not a measure name: 1 to 40 lowercase "
                   "letters, digits or underscores, such as ela_growth\n"
                   "line 4: school_external_id: No school has the external id “X-404”\n"
                   "line 5: value: “lots” is not a finite number\n"
                   "line 5: students_n: “-4” is not a whole number from 0 to 10000000\n"
                   "pdnet: 3 rows have errors; nothing was imported\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (dir, "outcomes", good, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "Imported 3 outcomes: 3 created, 0 updated, 0 unchanged.\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (dir, "outcomes", good, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported 3 outcomes: 0 created, 0 updated, 3 unchanged.\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (dir, "outcomes", changed, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported 2 outcomes: 1 created, 1 updated, 0 unchanged.\n");
}

static void
test_outcomes_unknown_school (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *csv = pdn_test_write_file (dir, "outcomes.csv",
                                               "school_id,school_year,measure,value,students_n\n"
                                               "7,2025-26,ela_growth,52.5,310\n");
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_cli (dir, "outcomes", csv, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==,
                   "line 2: school_id: No school has id 7\n"
                   "pdnet: 1 row has errors; nothing was imported\n");
}

static void
test_usage_and_file_errors (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *missing = pdn_test_dir_file (dir, "missing.csv");
  g_autofree gchar *no_sector = pdn_test_write_file (dir, "s.csv", "name,organization\nA,B\n");
  const gchar *cli = g_getenv ("PDNET_CLI");
  const gchar *no_file[] = { cli, "--data-dir", dir->path, "import", "schools", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (pdn_test_spawn (no_file, &out, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, "teachers", missing, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“teachers”"));
  g_assert_nonnull (strstr (err, "outcomes"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, "schools", missing, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "missing.csv"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, "schools", no_sector, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==, "pdnet: The header has no “sector” column (field: sector)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/cli-import/bad-rows-then-fixed", test_bad_rows_then_fixed);
  g_test_add_func ("/pdnet/cli-import/people-from-stdin", test_people_from_stdin);
  g_test_add_func ("/pdnet/cli-import/outcomes", test_outcomes);
  g_test_add_func ("/pdnet/cli-import/outcomes-unknown-school", test_outcomes_unknown_school);
  g_test_add_func ("/pdnet/cli-import/usage-and-file-errors", test_usage_and_file_errors);
  return g_test_run ();
}
