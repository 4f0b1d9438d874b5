/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-outcome-importer.h"
#include "pdn-outcome.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/* Two organizations with a school each (and one more at A); schools have
 * external ids and B-1. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 org_a, org_b;
  gint64 a1, a2, b1;
} Fixture;

#define HEADER "school_id,school_external_id,school_year,measure,value,students_n\n"

static void
set_external_id (PdnStore *store, gint64 school_id, const gchar *external_id)
{
  g_autofree gchar *sql = g_strdup_printf ("UPDATE schools SET external_id = '%s' WHERE id = %lld",
                                           external_id, (long long) school_id);

  pdn_test_exec (store, sql);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = pdn_test_store_new (&f->dir);
  f->org_a = pdn_test_add_organization (f->store, "district-a");
  f->org_b = pdn_test_add_organization (f->store, "charter-b");
  f->a1 = pdn_test_add_school (f->store, f->org_a, "Adams");
  f->a2 = pdn_test_add_school (f->store, f->org_a, "Baker");
  f->b1 = pdn_test_add_school (f->store, f->org_b, "Harbor");
  set_external_id (f->store, f->a1, "A-1");
  set_external_id (f->store, f->a2, "A-2");
  set_external_id (f->store, f->b1, "B-1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnAccount *
account (PdnLoginRole role, gint64 organization_id)
{
  PdnAccount *self = pdn_account_new ();

  self->role = role;
  self->organization_id = organization_id;
  return self;
}

static gboolean
import_csv (Fixture *f, PdnAccount *caller, const gchar *csv, PdnImportReport **report,
            GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (csv, -1, NULL);
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (stream);

  return pdn_outcome_importer_import_csv (f->store, caller, reader, NULL, NULL, report, error);
}

static PdnImportReport *
import_csv_ok (Fixture *f, PdnAccount *caller, const gchar *csv)
{
  g_autoptr (GError) error = NULL;
  PdnImportReport *report = NULL;
  gboolean ok = import_csv (f, caller, csv, &report, &error);

  if (!ok && report != NULL)
    pdn_import_report_print_errors (report);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (pdn_import_report_has_errors (report));
  return report;
}

static PdnImportReport *
import_csv_bad (Fixture *f, PdnAccount *caller, const gchar *csv)
{
  g_autoptr (GError) error = NULL;
  PdnImportReport *report = NULL;

  g_assert_false (import_csv (f, caller, csv, &report, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  return report;
}

static void
assert_counts (PdnImportReport *report, guint64 read, guint64 created, guint64 updated,
               guint64 unchanged)
{
  g_assert_cmpuint (report->rows_read, ==, read);
  g_assert_cmpuint (report->created, ==, created);
  g_assert_cmpuint (report->updated, ==, updated);
  g_assert_cmpuint (report->unchanged, ==, unchanged);
}

typedef struct
{
  guint64 line;
  const gchar *field;
} Expected;

/* Exactly @expected, in order (the report sorts by line). */
static void
assert_errors (PdnImportReport *report, const Expected *expected, guint n)
{
  for (guint i = 0; i < report->errors->len; i++)
    {
      g_autofree gchar *text
          = pdn_import_report_format_error (g_ptr_array_index (report->errors, i));
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (report->errors->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const PdnImportError *error = g_ptr_array_index (report->errors, i);

      g_assert_cmpuint (error->line, ==, expected[i].line);
      g_assert_cmpstr (error->field, ==, expected[i].field);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static gint64
count_outcomes (Fixture *f)
{
  return pdn_test_query_int (f->store, "SELECT COUNT(*) FROM outcomes", 0);
}

static void
assert_stored (Fixture *f, gint64 school_id, const gchar *year, const gchar *measure,
               gdouble value, gint64 students_n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnOutcome) outcome = pdn_outcome_load (f->store, school_id, year, measure, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (outcome->value, ==, value);
  g_assert_cmpint (outcome->students_n, ==, students_n);
}

/* By id or external id; a new school year is added; a second import of
 * the same file changes nothing, and a changed row replaces its values. */
static void
test_upsert (Fixture *f, gconstpointer data)
{
  g_autofree gchar *csv = g_strdup_printf (HEADER "%lld,,2025-26,ela_growth,52.5,300\n"
                                                  ",A-2,2025-26,ela_growth,-3.25e1,0\n"
                                                  ",B-1,2031-32,math_scale_score,231,190\n",
                                           (long long) f->a1);
  g_autofree gchar *changed = g_strdup_printf (
      /* Columns in another order; a1's value and b1's count change. */
      "measure,value,students_n,school_year,school_external_id,school_id\n"
      "ela_growth,53,300,2025-26,,%lld\n"
      "ela_growth,-32.5,0,2025-26,A-2,\n"
      "math_scale_score,231.0,191,2031-32,B-1,\n"
      "ela_growth,+.5,12,2024-25,A-1,\n",
      (long long) f->a1);
  g_autoptr (PdnImportReport) first = NULL;
  g_autoptr (PdnImportReport) again = NULL;
  g_autoptr (PdnImportReport) third = NULL;

  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM school_years WHERE label = '2031-32'",
                                       0),
                   ==, 0);
  first = import_csv_ok (f, NULL, csv);
  assert_counts (first, 3, 3, 0, 0);
  assert_stored (f, f->a1, "2025-26", "ela_growth", 52.5, 300);
  assert_stored (f, f->a2, "2025-26", "ela_growth", -32.5, 0);
  assert_stored (f, f->b1, "2031-32", "math_scale_score", 231.0, 190);
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM school_years WHERE label = '2031-32'",
                                       0),
                   ==, 1);

  again = import_csv_ok (f, NULL, csv);
  assert_counts (again, 3, 0, 0, 3);

  third = import_csv_ok (f, NULL, changed);
  assert_counts (third, 4, 1, 2, 1);
  assert_stored (f, f->a1, "2025-26", "ela_growth", 53.0, 300);
  assert_stored (f, f->a2, "2025-26", "ela_growth", -32.5, 0);
  assert_stored (f, f->b1, "2031-32", "math_scale_score", 231.0, 191);
  assert_stored (f, f->a1, "2024-25", "ela_growth", 0.5, 12);
  g_assert_cmpint (count_outcomes (f), ==, 4);
}

/* Every rule that needs no database, each named with its line and
 * column; good rows around them are not written either. */
static void
test_row_rules (Fixture *f, gconstpointer data)
{
  g_autofree gchar *long_id = g_strnfill (65, 'x');
  g_autofree gchar *long_measure = g_strnfill (41, 'm');
  g_autofree gchar *csv = g_strdup_printf (
      HEADER
      "%1$lld,,2025-26,ela_growth,50,10\n"          /* 2: good */
      "%1$lld,A-1,2025-26,ela_growth,50,10\n"       /* 3: both */
      ",,2025-26,ela_growth,50,10\n"                /* 4: neither */
      "abc,,2025-26,ela_growth,50,10\n"             /* 5 */
      "0,,2025-26,ela_growth,50,10\n"               /* 6 */
      ",%2$s,2025-26,ela_growth,50,10\n"            /* 7: external id too long */
      "%1$lld,,2025-2026,ela_growth,50,10\n"        /* 8 */
      "%1$lld,,,ela_growth,50,10\n"                 /* 9 */
      "%1$lld,,2025-26,ELA,50,10\n"                 /* 10 */
      "%1$lld,,2025-26,%3$s,50,10\n"                /* 11: measure too long */
      "%1$lld,,2025-26,,50,10\n"                    /* 12 */
      "%1$lld,,2025-26,ela_growth,abc,10\n"         /* 13 */
      "%1$lld,,2025-26,ela_growth,nan,10\n"         /* 14 */
      "%1$lld,,2025-26,ela_growth,1e999,10\n"       /* 15 */
      "%1$lld,,2025-26,ela_growth,0x10,10\n"        /* 16 */
      "%1$lld,,2025-26,ela_growth,,10\n"            /* 17 */
      "%1$lld,,2025-26,ela_growth,50,-1\n"          /* 18 */
      "%1$lld,,2025-26,ela_growth,50,2.5\n"         /* 19 */
      "%1$lld,,2025-26,ela_growth,50,10000001\n"    /* 20 */
      "%1$lld,,2025-26,ela_growth,50,\n"            /* 21 */
      "%1$lld,,2025-26,ela_growth,50,10,extra\n"    /* 22: wider than the header */
      ",\"A\x01\",2025-26,ela_growth,50,10\n"       /* 23: control character */
      "%1$lld,,2024-25,math_growth,-1.5E+2,0\n"     /* 24: good */
      "x,,1999,BAD,,\n",                            /* 25: every cell at fault */
      (long long) f->a2, long_id, long_measure);
  static const Expected expected[] = {
    { 3, "school_external_id" }, { 4, "school_id" },  { 5, "school_id" },
    { 6, "school_id" },          { 7, "school_external_id" }, { 8, "school_year" },
    { 9, "school_year" },        { 10, "measure" },   { 11, "measure" },
    { 12, "measure" },           { 13, "value" },     { 14, "value" },
    { 15, "value" },             { 16, "value" },     { 17, "value" },
    { 18, "students_n" },        { 19, "students_n" }, { 20, "students_n" },
    { 21, "students_n" },        { 22, NULL },        { 23, "school_external_id" },
    { 25, "school_id" },         { 25, "school_year" }, { 25, "measure" },
    { 25, "value" },             { 25, "students_n" },
  };
  g_autoptr (PdnImportReport) report = import_csv_bad (f, NULL, csv);

  assert_errors (report, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (report->rows_read, ==, 24);
  g_assert_cmpuint (pdn_import_report_count_bad_rows (report), ==, 22);
  g_assert_cmpint (count_outcomes (f), ==, 0);
}

/* The rules that need the database: the school exists, one row per
 * (school, year, measure) even when the school is named both ways. A bad
 * file leaves what is stored as it was. */
static void
test_database_rules (Fixture *f, gconstpointer data)
{
  g_autofree gchar *before
      = g_strdup_printf (HEADER "%lld,,2025-26,ela_growth,40,100\n", (long long) f->a1);
  g_autofree gchar *csv = g_strdup_printf (HEADER "%1$lld,,2025-26,ela_growth,41,101\n" /* 2 */
                                                  "99999,,2025-26,ela_growth,1,1\n"    /* 3 */
                                                  ",NOPE,2025-26,ela_growth,1,1\n"     /* 4 */
                                                  ",A-1,2025-26,ela_growth,42,102\n"   /* 5 */
                                                  "%1$lld,,2025-26,ela_growth,43,103\n" /* 6 */
                                                  "%1$lld,,2025-26,math_growth,1,1\n"  /* 7 */
                                                  ",A-2,2025-26,ela_growth,1,1\n",     /* 8 */
                                           (long long) f->a1);
  static const Expected expected[] = {
    { 3, "school_id" }, { 4, "school_external_id" }, { 5, "measure" }, { 6, "measure" },
  };
  g_autoptr (PdnImportReport) first = import_csv_ok (f, NULL, before);
  g_autoptr (PdnImportReport) report = import_csv_bad (f, NULL, csv);
  const PdnImportError *duplicate = g_ptr_array_index (report->errors, 2);

  assert_errors (report, expected, G_N_ELEMENTS (expected));
  g_assert_nonnull (strstr (duplicate->message, "line 2"));
  g_assert_cmpint (count_outcomes (f), ==, 1);
  assert_stored (f, f->a1, "2025-26", "ela_growth", 40, 100);
}

static void
assert_file_error (Fixture *f, const gchar *csv, const gchar *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnImportReport) report = NULL;

  g_assert_false (import_csv (f, NULL, csv, &report, &error));
  g_assert_nonnull (report);
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, field);
}

/* A file that cannot be read is one error, not a row error. */
static void
test_file_errors (Fixture *f, gconstpointer data)
{
  g_autofree gchar *missing = pdn_test_dir_file (f->dir, "missing.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnImportReport) report = NULL;

  assert_file_error (f, "school_id,school_year,value,students_n\n1,2025-26,1,1\n", "measure");
  assert_file_error (f, "school_year,measure,value,students_n\n2025-26,m,1,1\n", "school_id");
  assert_file_error (f, "", NULL);
  /* school_external_id alone is enough. */
  g_clear_object (&report);
  report = import_csv_ok (f, NULL,
                          "school_external_id,school_year,measure,value,students_n\n"
                          "B-1,2025-26,m,1,1\n");
  assert_counts (report, 1, 1, 0, 0);
  g_clear_object (&report);
  g_assert_false (
      pdn_outcome_importer_import_file (f->store, missing, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
  g_assert_nonnull (report);
  g_assert_cmpint (count_outcomes (f), ==, 1);
}

/* Coordinators and leads import for their own organization's schools: a
 * row for another school is a bad row naming the column that names it. */
static void
test_access (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) coordinator = account (PDN_LOGIN_ROLE_COORDINATOR, f->org_a);
  g_autoptr (PdnAccount) lead = account (PDN_LOGIN_ROLE_LEAD, f->org_a);
  g_autoptr (PdnAccount) admin = account (PDN_LOGIN_ROLE_ADMIN, 0);
  g_autoptr (PdnAccount) teacher = account (PDN_LOGIN_ROLE_TEACHER, 0);
  g_autofree gchar *own = g_strdup_printf (HEADER "%lld,,2025-26,ela_growth,1,1\n"
                                                  ",A-2,2025-26,ela_growth,2,2\n",
                                           (long long) f->a1);
  g_autofree gchar *mixed = g_strdup_printf (HEADER "%lld,,2025-26,math_growth,1,1\n"
                                                    "%lld,,2025-26,math_growth,3,3\n"
                                                    ",B-1,2025-26,ela_growth,4,4\n",
                                             (long long) f->a1, (long long) f->b1);
  static const Expected other_school[] = { { 3, "school_id" }, { 4, "school_external_id" } };
  static const Expected teacher_rows[]
      = { { 2, "school_id" }, { 3, "school_id" }, { 4, "school_external_id" } };
  g_autoptr (PdnImportReport) report = NULL;

  report = import_csv_bad (f, coordinator, mixed);
  assert_errors (report, other_school, G_N_ELEMENTS (other_school));
  g_clear_object (&report);
  report = import_csv_bad (f, lead, mixed);
  assert_errors (report, other_school, G_N_ELEMENTS (other_school));
  g_clear_object (&report);
  report = import_csv_bad (f, teacher, mixed);
  assert_errors (report, teacher_rows, G_N_ELEMENTS (teacher_rows));
  g_assert_cmpint (count_outcomes (f), ==, 0);

  g_clear_object (&report);
  report = import_csv_ok (f, coordinator, own);
  assert_counts (report, 2, 2, 0, 0);
  g_clear_object (&report);
  report = import_csv_ok (f, lead, own);
  assert_counts (report, 2, 0, 0, 2);
  g_clear_object (&report);
  report = import_csv_ok (f, admin, mixed);
  assert_counts (report, 3, 3, 0, 0);

  /* A disabled account imports nothing, even an admin. */
  admin->disabled = TRUE;
  g_clear_object (&report);
  report = import_csv_bad (f, admin, own);
  g_assert_cmpuint (report->errors->len, ==, 2);
}

static gboolean
import_json (Fixture *f, PdnAccount *caller, const gchar *json, PdnImportReport **report,
             GError **error)
{
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &parse_error);

  g_assert_no_error (parse_error);
  return pdn_outcome_importer_import_json (f->store, caller, json_node_get_array (node), report,
                                           error);
}

/* JSON rows go through the same checks; a row's line is its position. */
static void
test_json (Fixture *f, gconstpointer data)
{
  g_autofree gchar *good = g_strdup_printf (
      "[{\"school_id\": %lld, \"school_year\": \"2025-26\", \"measure\": \"ela_growth\", "
      "\"value\": 52.5, \"students_n\": 300},"
      " {\"school_external_id\": \"A-2\", \"school_id\": null, \"school_year\": \"2025-26\", "
      "\"measure\": \"ela_growth\", \"value\": 48, \"students_n\": 0}]",
      (long long) f->a1);
  g_autofree gchar *bad = g_strdup_printf (
      "[{\"school_id\": %1$lld, \"school_year\": \"2025-26\", \"measure\": \"ela_growth\", "
      "\"value\": 53, \"students_n\": 300},"                                         /* 1: good */
      " [1, 2],"                                                                    /* 2 */
      " {\"school_id\": %1$lld, \"school_year\": \"2025-26\", \"measure\": \"m\", "
      "\"value\": \"12\", \"students_n\": 3},"                                       /* 3 */
      " {\"school_id\": 1.5, \"school_year\": 2025, \"measure\": 7, "
      "\"value\": true, \"students_n\": 3.0},"                                       /* 4 */
      " {\"school_id\": %1$lld, \"school_year\": \"2025-26\", \"measure\": \"Bad\", "
      "\"value\": 1, \"student_n\": 3},"                                             /* 5 */
      " {\"school_external_id\": \"  \", \"school_year\": \"2025-26\", "
      "\"measure\": \"m\", \"value\": 1, \"students_n\": -3},"                       /* 6 */
      " {\"school_external_id\": \"NOPE\", \"school_year\": \"2025-26\", "
      "\"measure\": \"m\", \"value\": 1, \"students_n\": 3}]",                       /* 7 */
      (long long) f->a1);
  static const Expected expected[] = {
    { 2, NULL },         { 3, "value" },      { 4, "school_id" },  { 4, "school_year" },
    { 4, "measure" },    { 4, "value" },      { 4, "students_n" }, { 5, "student_n" },
    { 5, "measure" },    { 5, "students_n" }, { 6, "school_id" },  { 6, "students_n" },
    { 7, "school_external_id" },
  };
  g_autoptr (PdnAccount) coordinator_b = account (PDN_LOGIN_ROLE_COORDINATOR, f->org_b);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (import_json (f, NULL, good, &report, &error));
  g_assert_no_error (error);
  assert_counts (report, 2, 2, 0, 0);
  assert_stored (f, f->a2, "2025-26", "ela_growth", 48, 0);
  g_clear_object (&report);
  g_assert_true (import_json (f, NULL, good, &report, &error));
  assert_counts (report, 2, 0, 0, 2);

  g_clear_object (&report);
  g_assert_false (import_json (f, NULL, bad, &report, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  assert_errors (report, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (report->rows_read, ==, 7);
  assert_stored (f, f->a1, "2025-26", "ela_growth", 52.5, 300);

  /* Access as for CSV: another organization's school is a bad row. */
  g_clear_object (&report);
  g_assert_false (import_json (f, coordinator_b, good, &report, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  {
    static const Expected other[] = { { 1, "school_id" }, { 2, "school_external_id" } };
    assert_errors (report, other, G_N_ELEMENTS (other));
  }

  g_clear_object (&report);
  g_assert_true (import_json (f, NULL, "[]", &report, &error));
  g_assert_no_error (error);
  assert_counts (report, 0, 0, 0, 0);
}

/* The same message for the same mistake, whichever the format. */
static void
test_same_messages (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnImportReport) csv = import_csv_bad (f, NULL, HEADER ",A-1,2025-26,Bad,1,-1\n");
  g_autoptr (PdnImportReport) json = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (import_json (f, NULL,
                               "[{\"school_external_id\": \"A-1\", \"school_year\": \"2025-26\", "
                               "\"measure\": \"Bad\", \"value\": 1, \"students_n\": -1}]",
                               &json, &error));
  g_assert_cmpuint (csv->errors->len, ==, 2);
  g_assert_cmpuint (json->errors->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const PdnImportError *a = g_ptr_array_index (csv->errors, i);
      const PdnImportError *b = g_ptr_array_index (json->errors, i);

      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
record_progress (guint64 done, guint64 total, gpointer user_data)
{
  GArray *calls = user_data;

  g_assert_cmpuint (total, ==, 250);
  g_array_append_val (calls, done);
}

static void
test_progress (Fixture *f, gconstpointer data)
{
  GString *csv = g_string_new (HEADER);
  g_autoptr (GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnImportReport) report = NULL;
  g_autofree gchar *path = NULL;
  static const guint64 expected[] = { 100, 200, 250 };

  for (guint i = 0; i < 250; i++)
    g_string_append_printf (csv, ",A-1,2025-26,measure_%u,%u.5,%u\n", i, i, i);
  path = pdn_test_write_file (f->dir, "outcomes.csv", csv->str);
  g_string_free (csv, TRUE);
  g_assert_true (pdn_outcome_importer_import_file (f->store, path, record_progress, calls,
                                                   &report, &error));
  g_assert_no_error (error);
  assert_counts (report, 250, 250, 0, 0);
  g_assert_cmpmem (calls->data, calls->len * sizeof (guint64), expected, sizeof expected);
  assert_stored (f, f->a1, "2025-26", "measure_249", 249.5, 249);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/outcome-importer/" path, Fixture, NULL, fixture_set_up, func,             \
              fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("upsert", test_upsert);
  ADD ("row-rules", test_row_rules);
  ADD ("database-rules", test_database_rules);
  ADD ("file-errors", test_file_errors);
  ADD ("access", test_access);
  ADD ("json", test_json);
  ADD ("same-messages", test_same_messages);
  ADD ("progress", test_progress);
  return g_test_run ();
}
