/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "pdn-context-private.h"
#include "pdn-satisfaction-plot.h"
#include "pdn-satisfaction-plugin.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The satisfaction analysis on a small network, every figure checked
 * against R (t.test for the mean and its interval; shares and the net
 * promoter score with short R code), the bootstrap's repeatability, the
 * suppression of small groups (table, CSV, total, statistics, plot), the
 * plot's data and SVG, and a run
 * of `pdnet analyze satisfaction` on the demo.
 *
 * The network: schools 0-1 district, 2 charter, 3 catholic; teacher i
 * works at school i % 4, but teacher 35's affiliation ended before the
 * sessions. Program Alpha (series "Alpha fall": sessions Alpha 1, Alpha
 * 2), program Beta (series "Beta fall": Beta 1; "Beta winter": Beta 2).
 * Teachers whose number is a multiple of 5 answer anonymously.
 */

#define N_TEACHERS 40
#define NO_SCHOOL_TEACHER 35

typedef struct
{
  const gchar *program;
  const gchar *series;
  const gchar *title;
  const gchar *date;
  guint attend_from, attend_to; /* teachers present or partial */
  guint answer_from, answer_to; /* teachers who answer */
} SessionSpec;

static const SessionSpec sessions[] = {
  { "Alpha", "Alpha fall", "Alpha 1", "2025-10-01", 0, 30, 0, 18 },
  { "Alpha", "Alpha fall", "Alpha 2", "2025-10-08", 0, 25, 0, 12 },
  { "Beta", "Beta fall", "Beta 1", "2025-10-02", 10, 30, 10, 20 },
  { "Beta", "Beta winter", "Beta 2", "2025-10-09", 0, 6, 0, 2 },
};

static const gchar *const sectors[] = { "district", "district", "charter", "catholic" };

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
  PdnContext *context;
  GString *responses_csv;  /* program,series,session,sector,u,r */
  GString *attendance_csv; /* program,series,session,sector */
} Fixture;

static guint32 lcg_state;

static guint
next_value (guint range)
{
  lcg_state = lcg_state * 1103515245u + 12345u;
  return (lcg_state >> 16) % range;
}

static void exec_printf (PdnStore *store, const gchar *format, ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (PdnStore *store, const gchar *format, ...)
{
  va_list args;
  g_autofree gchar *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_test_exec (store, sql);
}

static const gchar *
sector_of (guint teacher)
{
  return teacher == NO_SCHOOL_TEACHER ? "No school on the session's date" : sectors[teacher % 4];
}

static void
add_network (Fixture *f)
{
  const gchar *now = "'2025-08-01T00:00:00Z'";

  pdn_test_exec (f->store, "INSERT INTO school_years (label, starts_on, ends_on) VALUES "
                           "('2025-26', '2025-07-01', '2026-06-30')");
  exec_printf (f->store,
               "INSERT INTO organizations (id, name, slug, kind, created_at) VALUES "
               "(1, 'North', 'north', 'district', %s),"
               "(2, 'South', 'south', 'charter', %s),"
               "(3, 'Diocese', 'diocese', 'catholic', %s)",
               now, now, now);
  for (guint i = 0; i < 4; i++)
    exec_printf (f->store,
                 "INSERT INTO schools (id, name, sector, organization_id, created_at) "
                 "VALUES (%u, 'School %u', '%s', %u, %s)",
                 i + 1, i, sectors[i],
                 i < 2    ? 1
                 : i == 2 ? 2
                          : 3,
                 now);
  for (guint i = 0; i < N_TEACHERS; i++)
    {
      exec_printf (f->store,
                   "INSERT INTO people (id, name, email, email_key, role, created_at) "
                   "VALUES (%u, 'T%u', 't%u@x.org', 't%u@x.org', 'teacher', %s)",
                   i + 1, i, i, i, now);
      exec_printf (f->store,
                   "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) "
                   "VALUES (%u, %u, '2020-01-01', %s)",
                   i + 1, i % 4 + 1, i == NO_SCHOOL_TEACHER ? "'2025-09-30'" : "NULL");
    }
  exec_printf (f->store,
               "INSERT INTO programs (id, name, type, lead_organization_id, school_year,"
               " created_at) VALUES (1, 'Alpha', 'workshop-series', 1, '2025-26', %s),"
               "(2, 'Beta', 'workshop-series', 2, '2025-26', %s)",
               now, now);
  exec_printf (f->store,
               "INSERT INTO series (id, program_id, title, kind, position, created_at) "
               "VALUES (1, 1, 'Alpha fall', 'workshop', 0, %s),"
               "(2, 2, 'Beta fall', 'workshop', 0, %s),"
               "(3, 2, 'Beta winter', 'workshop', 1, %s)",
               now, now, now);
}

static void
add_session (Fixture *f, guint index)
{
  const SessionSpec *spec = &sessions[index];
  guint id = index + 1, program = spec->program[0] == 'A' ? 1 : 2;
  guint series = g_str_equal (spec->series, "Alpha fall")  ? 1
                 : g_str_equal (spec->series, "Beta fall") ? 2
                                                           : 3;
  const gchar *now = "'2025-08-01T00:00:00Z'";

  exec_printf (f->store,
               "INSERT INTO sessions (id, program_id, series_id, kind, title, starts_at, ends_at,"
               " time_zone, local_date, check_in_code, created_at, updated_at) VALUES (%u, %u, %u,"
               " 'workshop', '%s', '%sT14:00:00Z', '%sT16:00:00Z', 'UTC', '%s', 'c%u', %s, %s)",
               id, program, series, spec->title, spec->date, spec->date, spec->date, id, now, now);
  for (guint t = spec->attend_from; t < spec->attend_to; t++)
    {
      exec_printf (f->store,
                   "INSERT INTO attendance (session_id, person_id, status, minutes, "
                   "source, recorded_at) VALUES (%u, %u, '%s', NULL, 'roster', %s)",
                   id, t + 1, t % 7 == 3 ? "partial" : "present", now);
      g_string_append_printf (f->attendance_csv, "%s (2025-26),%s (2025-26): %s,%s (%s),%s\n",
                              spec->program, spec->program, spec->series, spec->title, spec->date,
                              sector_of (t));
    }
  /* Absent rows count for nothing. */
  exec_printf (f->store,
               "INSERT INTO attendance (session_id, person_id, status, minutes, source, "
               "recorded_at) VALUES (%u, 40, 'absent', NULL, 'roster', %s)",
               id, now);
  for (guint t = spec->answer_from; t < spec->answer_to; t++)
    {
      guint u = 1 + next_value (5), r = next_value (11);
      gboolean anonymous = t % 5 == 0;

      exec_printf (f->store,
                   "INSERT INTO survey_responses (session_id, person_id, anonymous, "
                   "usefulness, recommend, created_at, updated_at) VALUES "
                   "(%u, %u, %d, %u, %u, %s, %s)",
                   id, t + 1, anonymous, u, r, now, now);
      g_string_append_printf (f->responses_csv, "%s (2025-26),%s (2025-26): %s,%s (%s),%s,%u,%u\n",
                              spec->program, spec->program, spec->series, spec->title, spec->date,
                              anonymous ? "Anonymous respondents" : sector_of (t), u, r);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = pdn_test_store_new (&f->dir);
  f->plugin = g_object_new (PDN_TYPE_SATISFACTION_PLUGIN, NULL);
  f->context = pdn_context_new ("satisfaction", f->store, NULL);
  f->responses_csv = g_string_new ("program,series,session,sector,u,r\n");
  f->attendance_csv = g_string_new ("program,series,session,sector\n");
  lcg_state = 20251001;
  add_network (f);
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    add_session (f, i);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_string_free (f->responses_csv, TRUE);
  g_string_free (f->attendance_csv, TRUE);
  g_object_unref (f->context);
  g_object_unref (f->plugin);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static void
ignore_progress (gdouble fraction, const gchar *message, gpointer user_data)
{
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
}

static JsonObject *run_analysis_of (Fixture *f, const gchar *group_by, gint64 min_respondents,
                                    gint64 bootstrap, gint64 seed, gint64 program);

static JsonObject *
run_analysis (Fixture *f, const gchar *group_by, gint64 min_respondents, gint64 bootstrap,
              gint64 seed)
{
  return run_analysis_of (f, group_by, min_respondents, bootstrap, seed, 0);
}

/* @program: 0 for all */
static JsonObject *
run_analysis_of (Fixture *f, const gchar *group_by, gint64 min_respondents, gint64 bootstrap,
                 gint64 seed, gint64 program)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) parameters = json_object_new ();
  JsonNode *node;
  JsonObject *result;

  json_object_set_string_member (parameters, "group_by", group_by);
  json_object_set_int_member (parameters, "min_respondents", min_respondents);
  json_object_set_int_member (parameters, "bootstrap", bootstrap);
  json_object_set_int_member (parameters, "seed", seed);
  if (program > 0)
    {
      JsonArray *ids = json_array_new ();

      json_array_add_int_element (ids, program);
      json_object_set_array_member (parameters, "program_ids", ids);
    }
  node = PDN_ANALYSIS_GET_IFACE (f->plugin)->run (PDN_ANALYSIS (f->plugin), f->context, parameters,
                                                  ignore_progress, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  result = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return result;
}

static JsonArray *
table_rows (JsonObject *result)
{
  JsonArray *tables = json_object_get_array_member (result, "tables");
  JsonObject *table = json_array_get_object_element (tables, 0);

  return json_object_get_array_member (table, "rows");
}

/* R's figures per group, one line each: label, n, attendees, rate, mean,
 * t interval, share 4-5, NPS; NA where R has none. */
static const gchar r_code[]
    = "d <- read.csv(Sys.getenv('RESPONSES'), stringsAsFactors = FALSE);"
      "a <- read.csv(Sys.getenv('ATTENDANCE'), stringsAsFactors = FALSE);"
      "by <- Sys.getenv('BY');"
      "f <- function(x) format(x, digits = 17);"
      "line <- function(label, u, r, att) {"
      "  n <- length(u);"
      "  ci <- if (n < 2) c(NA, NA) else if (sd(u) == 0) c(mean(u), mean(u))"
      "        else t.test(u)$conf.int;"
      "  rate <- if (is.na(att)) NA else n / att;"
      "  cat(label, n, f(att), f(rate), f(mean(u)), f(ci[1]), f(ci[2]), f(mean(u >= 4)),"
      "      f(100 * (mean(r >= 9) - mean(r <= 6))), sep = '\\t'); cat('\\n') };"
      "for (g in sort(unique(d[[by]]))) {"
      "  att <- if (g == 'Anonymous respondents') NA else sum(a[[by]] == g);"
      "  line(g, d$u[d[[by]] == g], d$r[d[[by]] == g], att) };"
      "line('All responses', d$u, d$r, nrow(a))";

static GHashTable *
r_figures (Fixture *f, const gchar *by)
{
  g_autofree gchar *responses
      = pdn_test_write_file (f->dir, "responses.csv", f->responses_csv->str);
  g_autofree gchar *attendance
      = pdn_test_write_file (f->dir, "attendance.csv", f->attendance_csv->str);
  g_autofree gchar *rscript = g_find_program_in_path ("Rscript");
  const gchar *argv[] = { rscript, "--vanilla", "-e", r_code, NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *figures
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);

  g_assert_nonnull (rscript);
  g_setenv ("RESPONSES", responses, TRUE);
  g_setenv ("ATTENDANCE", attendance, TRUE);
  g_setenv ("BY", by, TRUE);
  if (pdn_test_spawn (argv, &out, &err) != 0)
    g_error ("Rscript failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gchar **fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) != 9)
        {
          g_strfreev (fields);
          continue;
        }
      g_hash_table_insert (figures, g_strdup (fields[0]), fields);
    }
  return figures;
}

static void
assert_close (const gchar *what, JsonNode *node, const gchar *expected)
{
  gdouble want, got;

  if (g_str_equal (expected, "NA"))
    {
      if (!JSON_NODE_HOLDS_NULL (node))
        g_error ("%s: %g where R has NA", what, json_node_get_double (node));
      return;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    g_error ("%s: null where R has %s", what, expected);
  want = g_ascii_strtod (expected, NULL);
  got = json_node_get_double (node);
  if (!(fabs (got - want) <= 1e-12 || fabs (got - want) <= 1e-9 * fabs (want)))
    g_error ("%s: %.17g, R %.17g", what, got, want);
}

/* Every row but the suppressed ones equals R's, column by column; the
 * rows are R's groups (and the total) and nothing else. */
static void
assert_matches_r (Fixture *f, const gchar *by, const gchar *group_by)
{
  g_autoptr (JsonObject) result = run_analysis (f, group_by, 1, 200, 3);
  g_autoptr (GHashTable) figures = r_figures (f, by);
  JsonArray *rows = table_rows (result);

  g_assert_cmpuint (json_array_get_length (rows), ==, g_hash_table_size (figures));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      const gchar *label = json_array_get_string_element (row, 0);
      gchar **want = g_hash_table_lookup (figures, label);
      /* Columns 1-8 of the table: n, attendees, rate, mean, low, high,
       * share; then the NPS at 8. */
      static const guint columns[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

      if (want == NULL)
        g_error ("R has no group “%s”", label);
      g_assert_false (json_array_get_boolean_element (row, 11));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree gchar *what = g_strdup_printf ("%s/%s column %u", group_by, label, columns[c]);
          assert_close (what, json_array_get_element (row, columns[c]), want[c + 1]);
        }
    }
}

static void
test_program_against_r (Fixture *f, gconstpointer data)
{
  assert_matches_r (f, "program", "program");
}

static void
test_series_against_r (Fixture *f, gconstpointer data)
{
  assert_matches_r (f, "series", "series");
}

static void
test_session_against_r (Fixture *f, gconstpointer data)
{
  assert_matches_r (f, "session", "session");
}

static void
test_sector_against_r (Fixture *f, gconstpointer data)
{
  assert_matches_r (f, "sector", "sector");
}

static gdouble
row_number (JsonArray *row, guint column)
{
  return json_array_get_double_element (row, column);
}

/* Same seed, same interval; another seed, another; the interval holds
 * the score; the NPS of every row stays within -100..100. */
static void
test_bootstrap_seeded (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) first = run_analysis (f, "program", 5, 2000, 7);
  g_autoptr (JsonObject) again = run_analysis (f, "program", 5, 2000, 7);
  g_autoptr (JsonObject) other = run_analysis (f, "program", 5, 2000, 8);
  g_autoptr (JsonObject) none = run_analysis (f, "program", 5, 0, 7);
  JsonArray *rows = table_rows (first);
  gboolean differs = FALSE;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      JsonArray *same = json_array_get_array_element (table_rows (again), i);
      JsonArray *seed8 = json_array_get_array_element (table_rows (other), i);
      JsonArray *plain = json_array_get_array_element (table_rows (none), i);

      g_assert_cmpfloat (row_number (row, 9), ==, row_number (same, 9));
      g_assert_cmpfloat (row_number (row, 10), ==, row_number (same, 10));
      differs = differs || row_number (row, 9) != row_number (seed8, 9)
                || row_number (row, 10) != row_number (seed8, 10);
      g_assert_cmpfloat (row_number (row, 9), <=, row_number (row, 8));
      g_assert_cmpfloat (row_number (row, 10), >=, row_number (row, 8));
      g_assert_cmpfloat (row_number (row, 9), >=, -100);
      g_assert_cmpfloat (row_number (row, 10), <=, 100);
      g_assert_cmpfloat (row_number (row, 8), ==, row_number (plain, 8));
      g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (plain, 9)));
    }
  g_assert_true (differs);
  g_assert_cmpstr (json_object_get_string_member (first, "csv"), ==,
                   json_object_get_string_member (again, "csv"));
}

static gboolean
has_statistic (JsonObject *result, const gchar *name)
{
  JsonArray *statistics = json_object_get_array_member (result, "statistics");

  for (guint i = 0; i < json_array_get_length (statistics); i++)
    if (g_str_equal (
            json_object_get_string_member (json_array_get_object_element (statistics, i), "name"),
            name))
      return TRUE;
  return FALSE;
}

static void
assert_row_suppressed (JsonArray *row)
{
  for (guint c = 1; c < 11; c++)
    g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (row, c)));
  g_assert_true (json_array_get_boolean_element (row, 11));
}

static gboolean
caveat_mentions (JsonObject *result, const gchar *text)
{
  JsonArray *caveats = json_object_get_array_member (result, "caveats");

  for (guint i = 0; i < json_array_get_length (caveats); i++)
    if (strstr (json_array_get_string_element (caveats, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_svg (const gchar *svg)
{
  g_assert_nonnull (svg);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "</svg>"));
}

static gboolean
texts_contain (GPtrArray *texts, const gchar *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The frame's ticks and titles. */
static gboolean
is_axis_text (const gchar *text)
{
  static const gchar *const ticks[] = { "1", "2", "3", "4", "5", "-100", "0", "100" };

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    if (strcmp (text, ticks[i]) == 0)
      return TRUE;
  return g_utf8_strlen (text, -1) > 8;
}

/* The plot's rows are the table's: a shown row carries its figures, a
 * suppressed one its label and nothing else, and no text drawn (nor the
 * SVG) holds a figure of it. */
static void
test_plot_data (void)
{
  g_autoptr (PdnSatisfactionPlot) plot = pdn_satisfaction_plot_new ();
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  PdnSatisfactionStats shown = { 20, 4.2, 3.75, 4.5, 0.8, 35, 10, 55 };
  const PdnSatisfactionBar *bar;
  g_autofree gchar *svg = NULL;

  pdn_satisfaction_plot_add (plot, "Alpha", &shown);
  pdn_satisfaction_plot_add (plot, "Beta", NULL);
  g_assert_cmpuint (plot->bars->len, ==, 2);
  bar = &g_array_index (plot->bars, PdnSatisfactionBar, 0);
  g_assert_cmpstr (bar->label, ==, "Alpha");
  g_assert_false (bar->suppressed);
  g_assert_cmpfloat (bar->mean, ==, 4.2);
  g_assert_cmpfloat (bar->mean_low, ==, 3.75);
  g_assert_cmpfloat (bar->mean_high, ==, 4.5);
  g_assert_cmpfloat (bar->nps, ==, 35);
  g_assert_cmpfloat (bar->nps_low, ==, 10);
  g_assert_cmpfloat (bar->nps_high, ==, 55);
  bar = &g_array_index (plot->bars, PdnSatisfactionBar, 1);
  g_assert_cmpstr (bar->label, ==, "Beta");
  g_assert_true (bar->suppressed);
  g_assert_true (isnan (bar->mean) && isnan (bar->mean_low) && isnan (bar->mean_high));
  g_assert_true (isnan (bar->nps) && isnan (bar->nps_low) && isnan (bar->nps_high));
  svg = pdn_satisfaction_plot_render_svg (plot, texts);
  assert_svg (svg);
  g_assert_true (texts_contain (texts, "Alpha"));
  g_assert_true (texts_contain (texts, "4.20"));
  g_assert_true (texts_contain (texts, "35"));
  g_assert_true (texts_contain (texts, "Beta"));
  g_assert_true (texts_contain (texts, "suppressed"));
  /* Beta's row is its label and the word: nothing else is drawn. */
  for (guint i = 0; i < texts->len; i++)
    {
      const gchar *text = g_ptr_array_index (texts, i);

      if (strstr (text, "Beta") == NULL && strcmp (text, "suppressed") != 0)
        g_assert_true (strstr (text, "Alpha") != NULL || strcmp (text, "4.20") == 0
                       || strcmp (text, "35") == 0 || is_axis_text (text));
    }
}

/* An empty plot (no responses at all) is still a document. */
static void
test_plot_empty (void)
{
  g_autoptr (PdnSatisfactionPlot) plot = pdn_satisfaction_plot_new ();
  g_autofree gchar *svg = pdn_satisfaction_plot_render_svg (plot, NULL);

  assert_svg (svg);
}

/* The analysis's plot is a document, drawn from the table's rows. */
static void
test_plot_in_result (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis (f, "series", 5, 0, 1);

  assert_svg (json_object_get_string_member (result, "plot_svg"));
}

/* Beta alone (12 responses) under a floor of 13: its row is its label
 * alone, in the table and the CSV, and so is the total (which is Beta's),
 * and the statistics leave them out. */
static void
test_suppression_hides_total (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis_of (f, "program", 13, 200, 1, 2);
  JsonArray *rows = table_rows (result);
  const gchar *csv = json_object_get_string_member (result, "csv");
  JsonArray *beta = json_array_get_array_element (rows, 0);
  JsonArray *total = json_array_get_array_element (rows, 1);

  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (beta, 0), ==, "Beta (2025-26)");
  assert_row_suppressed (beta);
  g_assert_cmpstr (json_array_get_string_element (total, 0), ==, "All responses");
  assert_row_suppressed (total);
  g_assert_cmpstr (csv, ==,
                   "group,responses,attendees,response_rate,usefulness_mean,usefulness_ci_low,"
                   "usefulness_ci_high,share_useful,nps,nps_ci_low,nps_ci_high,suppressed\r\n"
                   "Beta (2025-26),,,,,,,,,,,yes\r\n"
                   "All responses,,,,,,,,,,,yes\r\n");
  /* Nothing but the count of suppressed groups. */
  g_assert_true (has_statistic (result, "groups_suppressed"));
  g_assert_false (has_statistic (result, "responses"));
  g_assert_false (has_statistic (result, "response_rate"));
  g_assert_false (has_statistic (result, "nps"));
  g_assert_false (has_statistic (result, "usefulness_mean"));
  g_assert_false (has_statistic (result, "share_useful"));
  g_assert_true (caveat_mentions (result, "fewer than 13 responses"));
  g_assert_true (caveat_mentions (result, "The total is not shown"));
  assert_svg (json_object_get_string_member (result, "plot_svg"));
}

/* All programs under a floor of 13: Beta (12) is suppressed; the total
 * (42, which the sector grouping shows) minus Alpha would give it away,
 * so Alpha is suppressed too, and the total, now safe, shows. */
static void
test_complementary_whole_table (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis (f, "program", 13, 200, 1);
  JsonArray *rows = table_rows (result);

  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  assert_row_suppressed (json_array_get_array_element (rows, 0));
  assert_row_suppressed (json_array_get_array_element (rows, 1));
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 2), 1), ==, 42);
  g_assert_null (strstr (json_object_get_string_member (result, "csv"), ",30,"));
  g_assert_true (caveat_mentions (result, "1 group had fewer than 13 responses"));
  g_assert_true (caveat_mentions (result, "1 more group has enough responses"));
}

/* Beta 2 (2 responses) under a floor of 5. Program Beta has 12, so
 * showing Beta 1 (10) would give Beta 2 away by subtraction: Beta 1 is
 * suppressed too, though it has enough. Then the suppressed sum (12) is
 * safe and the total shows. The same grouped by series. */
static void
test_complementary_suppression (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis (f, "session", 5, 200, 1);
  g_autoptr (JsonObject) by_series = run_analysis (f, "series", 5, 200, 1);
  JsonArray *rows = table_rows (result);
  JsonArray *series_rows = table_rows (by_series);
  const gchar *csv = json_object_get_string_member (result, "csv");

  /* In date order: Alpha 1, Beta 1, Alpha 2, Beta 2, the total. */
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 1), 0), ==,
                   "Beta 1 (2025-10-02)");
  assert_row_suppressed (json_array_get_array_element (rows, 1));
  assert_row_suppressed (json_array_get_array_element (rows, 3));
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 0), 1), ==, 18);
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 2), 1), ==, 12);
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 4), 1), ==, 42);
  g_assert_nonnull (strstr (csv, "\r\nBeta 1 (2025-10-02),,,,,,,,,,,yes\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nBeta 2 (2025-10-09),,,,,,,,,,,yes\r\n"));
  g_assert_true (caveat_mentions (result, "1 group had fewer than 5 responses"));
  g_assert_true (caveat_mentions (result, "1 more group has enough responses"));
  g_assert_false (caveat_mentions (result, "The total is not shown"));
  /* Alpha fall, Beta fall, Beta winter, the total. */
  g_assert_cmpuint (json_array_get_length (series_rows), ==, 4);
  g_assert_false (
      json_array_get_boolean_element (json_array_get_array_element (series_rows, 0), 11));
  assert_row_suppressed (json_array_get_array_element (series_rows, 1));
  assert_row_suppressed (json_array_get_array_element (series_rows, 2));
  g_assert_cmpfloat (row_number (json_array_get_array_element (series_rows, 3), 1), ==, 42);
}

/* Under a floor of 11, Beta 1 (10) and Beta 2 (2) are suppressed: their
 * sum (12) is a group of 11 or more, so the total may show. */
static void
test_suppression_keeps_safe_total (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis (f, "session", 11, 200, 1);
  JsonArray *rows = table_rows (result);
  JsonArray *total = json_array_get_array_element (rows, 4);

  /* In date order: Alpha 1, Beta 1, Alpha 2, Beta 2. */
  assert_row_suppressed (json_array_get_array_element (rows, 1));
  assert_row_suppressed (json_array_get_array_element (rows, 3));
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 2), 1), ==, 12);
  g_assert_false (json_array_get_boolean_element (total, 11));
  g_assert_cmpfloat (row_number (total, 1), ==, 18 + 12 + 10 + 2);
  g_assert_cmpfloat (row_number (json_array_get_array_element (rows, 0), 1), ==, 18);
  g_assert_true (has_statistic (result, "responses"));
  g_assert_false (caveat_mentions (result, "The total is not shown"));
}

/* The CSV holds what the table holds, to full precision. */
static void
test_csv_matches_table (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_analysis (f, "session", 5, 200, 1);
  JsonArray *rows = table_rows (result);
  g_auto (GStrv) lines = g_strsplit (json_object_get_string_member (result, "csv"), "\r\n", -1);

  g_assert_cmpstr (lines[0], ==,
                   "group,responses,attendees,response_rate,usefulness_mean,usefulness_ci_low,"
                   "usefulness_ci_high,share_useful,nps,nps_ci_low,nps_ci_high,suppressed");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 12);
      for (guint c = 1; c < 11; c++)
        {
          JsonNode *node = json_array_get_element (row, c);

          if (JSON_NODE_HOLDS_NULL (node))
            g_assert_cmpstr (cells[c], ==, "");
          else
            g_assert_cmpfloat (g_ascii_strtod (cells[c], NULL), ==, json_node_get_double (node));
        }
    }
}

/* `pdnet demo`, then the analysis from the command line, every grouping:
 * a floor asked below the server's is raised, and no row shown rests on
 * fewer than 5 responses. */
static void
test_demo_cli (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  const gchar *demo[] = { g_getenv ("PDNET_CLI"), "--data-dir", dir->path, "demo", NULL };
  const gchar *groupings[] = { "program", "series", "session", "sector" };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  if (pdn_test_spawn (demo, &out, &err) != 0)
    g_error ("pdnet demo failed: %s", err);
  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      g_autofree gchar *by = g_strdup_printf ("group_by=%s", groupings[g]);
      const gchar *argv[] = { g_getenv ("PDNET_CLI"),
                              "--data-dir",
                              dir->path,
                              "analyze",
                              "satisfaction",
                              "--format",
                              "json",
                              "--param",
                              by,
                              "--param",
                              "min_respondents=1",
                              NULL };
      g_autofree gchar *json = NULL;
      g_autofree gchar *messages = NULL;
      g_autoptr (JsonNode) node = NULL;
      JsonObject *result, *parameters;
      JsonArray *rows;

      if (pdn_test_spawn (argv, &json, &messages) != 0)
        g_error ("pdnet analyze satisfaction failed: %s", messages);
      node = json_from_string (json, NULL);
      g_assert_nonnull (node);
      result = json_node_get_object (node);
      parameters = json_object_get_object_member (result, "parameters");
      g_assert_cmpint (json_object_get_int_member (parameters, "min_respondents"), ==, 5);
      rows = table_rows (result);
      g_assert_cmpuint (json_array_get_length (rows), >, 1);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonArray *row = json_array_get_array_element (rows, i);

          if (json_array_get_boolean_element (row, 11))
            assert_row_suppressed (row);
          else
            g_assert_cmpfloat (row_number (row, 1), >=, 5);
        }
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/satisfaction/program-r", test_program_against_r);
  ADD ("/satisfaction/series-r", test_series_against_r);
  ADD ("/satisfaction/session-r", test_session_against_r);
  ADD ("/satisfaction/sector-r", test_sector_against_r);
  ADD ("/satisfaction/bootstrap-seeded", test_bootstrap_seeded);
  ADD ("/satisfaction/suppression-hides-total", test_suppression_hides_total);
  ADD ("/satisfaction/suppression-complementary", test_complementary_suppression);
  ADD ("/satisfaction/suppression-whole-table", test_complementary_whole_table);
  ADD ("/satisfaction/suppression-safe-total", test_suppression_keeps_safe_total);
  ADD ("/satisfaction/csv-matches-table", test_csv_matches_table);
  ADD ("/satisfaction/plot-in-result", test_plot_in_result);
#undef ADD
  g_test_add_func ("/satisfaction/plot-data", test_plot_data);
  g_test_add_func ("/satisfaction/plot-empty", test_plot_empty);
  g_test_add_func ("/satisfaction/demo-cli", test_demo_cli);
  status = g_test_run ();
  /* Let valgrind see the font caches the plot filled freed. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
