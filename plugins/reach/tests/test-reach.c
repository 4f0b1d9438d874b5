/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "pdn-context-private.h"
#include "pdn-participation.h"
#include "pdn-reach-plot.h"
#include "pdn-reach-plugin.h"
#include "pdn-reach-stats.h"
#include "pdn-sqlite-store.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The reach analysis on a small network, every figure recomputed in R
 * from the raw attendance (Rscript), the per-school figures compared with
 * the core's participation computation, and a run of `pdnet analyze
 * reach` on the demo compared with the core's too; the plot's data and
 * its SVG.
 *
 * The network (2025-26): North (district, schools 0-11), South (charter,
 * 12-14), Diocese (catholic, 15-17); teacher i works at school i % 18,
 * teacher 50's affiliation ended in August, person 58 is a coach (counts
 * as a teacher), person 59 a school leader (does not). Program Zeta
 * (2024-25) gives history; Alpha has terms fall and spring, Beta has fall
 * and a session outside any series, Gamma only winter.
 */

#define N_PEOPLE 60
#define N_SCHOOLS 18
#define NO_SCHOOL 50
#define COACH 58
#define LEADER 59

typedef struct
{
  guint program; /* 1 Zeta, 2 Alpha, 3 Beta, 4 Gamma */
  gint series;   /* 0: none */
  const gchar *date;
} SessionSpec;

static const gchar *const programs[] = { NULL, "Zeta", "Alpha", "Beta", "Gamma" };
static const gchar *const program_years[] = { NULL, "2024-25", "2025-26", "2025-26", "2025-26" };
/* series id -> program, term */
static const guint series_program[] = { 0, 1, 2, 2, 3, 4 };
static const gchar *const series_term[] = { NULL, "spring", "fall", "spring", "fall", "winter" };

static const SessionSpec sessions[] = {
  { 1, 1, "2025-03-10" }, { 1, 1, "2025-03-17" }, { 2, 2, "2025-09-15" }, { 2, 2, "2025-10-01" },
  { 2, 2, "2025-10-20" }, { 2, 3, "2026-02-02" }, { 2, 3, "2026-03-02" }, { 3, 4, "2025-09-20" },
  { 3, 4, "2025-11-08" }, { 3, 0, "2025-12-06" }, { 4, 5, "2026-01-10" }, { 4, 5, "2026-01-24" },
};

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
  PdnContext *context;
  GString *attendance_csv;
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

static guint
organization_of (guint school)
{
  return school < 12 ? 1 : school < 15 ? 2 : 3;
}

static const gchar *
sector_of (guint school)
{
  return school < 12 ? "district" : school < 15 ? "charter" : "catholic";
}

static void
add_network (Fixture *f)
{
  const gchar *now = "'2024-08-01T00:00:00Z'";

  pdn_test_exec (f->store, "INSERT INTO school_years (label, starts_on, ends_on) VALUES "
                           "('2024-25', '2024-07-01', '2025-06-30'),"
                           "('2025-26', '2025-07-01', '2026-06-30')");
  exec_printf (f->store,
               "INSERT INTO organizations (id, name, slug, kind, created_at) VALUES "
               "(1, 'North', 'north', 'district', %s),"
               "(2, 'South', 'south', 'charter', %s),"
               "(3, 'Diocese', 'diocese', 'catholic', %s),"
               "(4, 'Helpers', 'helpers', 'partner', %s)",
               now, now, now, now);
  for (guint i = 0; i < N_SCHOOLS; i++)
    exec_printf (f->store,
                 "INSERT INTO schools (id, name, sector, organization_id, created_at) "
                 "VALUES (%u, 'School %02u', '%s', %u, %s)",
                 i + 1, i, sector_of (i), organization_of (i), now);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      exec_printf (f->store,
                   "INSERT INTO people (id, name, email, email_key, role, created_at) "
                   "VALUES (%u, 'P%u', 'p%u@x.org', 'p%u@x.org', '%s', %s)",
                   i + 1, i, i, i,
                   i == COACH    ? "coach"
                   : i == LEADER ? "school-leader"
                                 : "teacher",
                   now);
      exec_printf (f->store,
                   "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) "
                   "VALUES (%u, %u, '2020-01-01', %s)",
                   i + 1, i % N_SCHOOLS + 1, i == NO_SCHOOL ? "'2025-08-31'" : "NULL");
    }
  for (guint p = 1; p <= 4; p++)
    exec_printf (f->store,
                 "INSERT INTO programs (id, name, type, lead_organization_id, "
                 "school_year, created_at) VALUES (%u, '%s', 'workshop-series', %u, "
                 "'%s', %s)",
                 p, programs[p], p == 3 ? 2 : 1, program_years[p], now);
  pdn_test_exec (f->store, "INSERT INTO program_partners VALUES (2, 3), (2, 4)");
  for (guint s = 1; s < G_N_ELEMENTS (series_program); s++)
    exec_printf (f->store,
                 "INSERT INTO series (id, program_id, title, term, kind, position, "
                 "created_at) VALUES (%u, %u, 'Series %u', '%s', 'workshop', %u, %s)",
                 s, series_program[s], s, series_term[s], s, now);
}

/* Schools with low numbers send more teachers, so participation is
 * concentrated. */
static const gchar *
attendance_status (guint person)
{
  guint school = person % N_SCHOOLS;
  guint draw = next_value (100);

  if (draw >= 90 - 4 * school)
    return draw % 3 == 0 ? "absent" : NULL;
  return draw % 5 == 0 ? "partial" : "present";
}

static void
add_session (Fixture *f, guint index)
{
  const SessionSpec *spec = &sessions[index];
  guint id = index + 1;
  const gchar *now = "'2024-08-01T00:00:00Z'";
  g_autofree gchar *series
      = spec->series > 0 ? g_strdup_printf ("%d", spec->series) : g_strdup ("NULL");
  const gchar *year = program_years[spec->program];
  const gchar *term = spec->series > 0 ? series_term[spec->series] : "(no term)";

  exec_printf (f->store,
               "INSERT INTO sessions (id, program_id, series_id, kind, title, starts_at, ends_at,"
               " time_zone, local_date, check_in_code, created_at, updated_at) VALUES (%u, %u, %s,"
               " 'workshop', 'S%u', '%sT14:00:00Z', '%sT16:00:00Z', 'UTC', '%s', 'c%u', %s, %s)",
               id, spec->program, series, id, spec->date, spec->date, spec->date, id, now, now);
  for (guint person = 0; person < N_PEOPLE; person++)
    {
      const gchar *status = attendance_status (person);
      gboolean credited = !(person == NO_SCHOOL && strcmp (spec->date, "2025-08-31") > 0);
      guint school = person % N_SCHOOLS;

      if (status == NULL)
        continue;
      exec_printf (f->store,
                   "INSERT INTO attendance (session_id, person_id, status, minutes, "
                   "source, recorded_at) VALUES (%u, %u, '%s', NULL, 'roster', %s)",
                   id, person + 1, status, now);
      if (g_str_equal (status, "absent") || person == LEADER)
        continue;
      if (credited)
        g_string_append_printf (f->attendance_csv, "%s,%s,%s,%u,%s,%u,School %02u,%s,%u\n",
                                programs[spec->program], year, term, id, spec->date, person, school,
                                sector_of (school), organization_of (school));
      else
        g_string_append_printf (f->attendance_csv, "%s,%s,%s,%u,%s,%u,,,\n",
                                programs[spec->program], year, term, id, spec->date, person);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = pdn_test_store_new (&f->dir);
  f->plugin = g_object_new (PDN_TYPE_REACH_PLUGIN, NULL);
  f->context = pdn_context_new ("reach", f->store, NULL);
  f->attendance_csv = g_string_new ("program,year,term,session,date,person,school,sector,org\n");
  lcg_state = 424242;
  add_network (f);
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    add_session (f, i);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_string_free (f->attendance_csv, TRUE);
  g_object_unref (f->context);
  g_object_unref (f->plugin);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static void
check_progress (gdouble fraction, const gchar *message, gpointer user_data)
{
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
}

static JsonObject *
run_reach (PdnContext *context, PdnPlugin *plugin, JsonObject *parameters)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node;
  JsonObject *result;

  node = PDN_ANALYSIS_GET_IFACE (plugin)->run (PDN_ANALYSIS (plugin), context, parameters,
                                               check_progress, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  result = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return result;
}

static JsonObject *
run_year (Fixture *f)
{
  g_autoptr (JsonObject) parameters = json_object_new ();

  json_object_set_string_member (parameters, "school_year", "2025-26");
  return run_reach (f->context, f->plugin, parameters);
}

static JsonArray *
table_rows (JsonObject *result, guint index)
{
  JsonArray *tables = json_object_get_array_member (result, "tables");

  return json_object_get_array_member (json_array_get_object_element (tables, index), "rows");
}

/* R recomputes everything from the attendance rows: "R" lines for the
 * first table (term, program, then its 11 figures), "O" lines for the
 * organizations (term, program, organization number, schools reached,
 * share). */
static const gchar r_code[]
    = "a <- read.csv(Sys.getenv('ATTENDANCE'), stringsAsFactors = FALSE, na.strings = '');"
      "f <- function(x) format(x, digits = 17);"
      "org_schools <- c(12, 3, 3, 0);"
      "first_p <- tapply(a$date, a$person, min);"
      "k <- a[!is.na(a$school), ];"
      "first_s <- tapply(k$date, k$school, min);"
      "gini <- function(x) sum(abs(outer(x, x, '-'))) / (2 * length(x)^2 * mean(x));"
      "top <- function(x) sum(sort(x, decreasing = TRUE)[1:ceiling(length(x) / 10)]) / sum(x);"
      "g <- a[a$year == '2025-26', ];"
      "for (key in unique(paste(g$term, g$program, sep = '|'))) {"
      "  d <- g[paste(g$term, g$program, sep = '|') == key, ];"
      "  fp <- tapply(d$date, d$person, min);"
      "  ret_t <- sum(first_p[names(fp)] < fp);"
      "  ds <- d[!is.na(d$school), ];"
      "  fs <- tapply(ds$date, ds$school, min);"
      "  ret_s <- sum(first_s[names(fs)] < fs);"
      "  x <- as.numeric(table(ds$school));"
      "  sec <- tapply(ds$sector, ds$session, function(s) length(unique(s)));"
      "  label <- paste0(d$program[1], ' (', d$year[1], ')');"
      "  cat('R', d$term[1], label, length(sec), length(fp), length(fp) - ret_t, ret_t,"
      "      length(fs), length(fs) - ret_s, ret_s, f(gini(x)), f(top(x)), sum(sec >= 2),"
      "      f(mean(sec >= 2)), sep = '\\t'); cat('\\n');"
      "  for (o in 1:4) {"
      "    r <- length(unique(ds$school[ds$org == o]));"
      "    share <- if (org_schools[o] > 0) f(r / org_schools[o]) else 'NA';"
      "    cat('O', d$term[1], label, o, org_schools[o], r, share, sep = '\\t');"
      "    cat('\\n') } }";

static gchar **
r_lines (Fixture *f)
{
  g_autofree gchar *csv = pdn_test_write_file (f->dir, "attendance.csv", f->attendance_csv->str);
  g_autofree gchar *rscript = g_find_program_in_path ("Rscript");
  const gchar *argv[] = { rscript, "--vanilla", "-e", r_code, NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_nonnull (rscript);
  g_setenv ("ATTENDANCE", csv, TRUE);
  if (pdn_test_spawn (argv, &out, &err) != 0)
    g_error ("Rscript failed: %s", err);
  return g_strsplit (out, "\n", -1);
}

static void
assert_close (const gchar *what, JsonNode *node, const gchar *expected)
{
  gdouble want, got;

  if (g_str_equal (expected, "NA") || g_str_equal (expected, "NaN"))
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

static JsonArray *
find_row (JsonArray *rows, const gchar *term, const gchar *program, const gchar *third)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      if (g_str_equal (json_array_get_string_element (row, 0), term)
          && g_str_equal (json_array_get_string_element (row, 1), program)
          && (third == NULL || g_str_equal (json_array_get_string_element (row, 2), third)))
        return row;
    }
  g_error ("no row %s / %s / %s", term, program, third != NULL ? third : "");
  return NULL;
}

static void
test_against_r (Fixture *f, gconstpointer data)
{
  static const gchar *const org_names[] = { NULL, "North", "South", "Diocese", "Helpers" };
  g_autoptr (JsonObject) result = run_year (f);
  g_auto (GStrv) lines = r_lines (f);
  JsonArray *reach = table_rows (result, 0);
  JsonArray *organizations = table_rows (result, 1);
  guint groups = 0, organization_rows = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (fields[0] == NULL)
        continue;
      if (g_str_equal (fields[0], "R"))
        {
          JsonArray *row = find_row (reach, fields[1], fields[2], NULL);

          g_assert_cmpuint (g_strv_length (fields), ==, 14);
          for (guint c = 2; c < 13; c++)
            {
              g_autofree gchar *what = g_strdup_printf ("%s/%s column %u", fields[1], fields[2], c);
              assert_close (what, json_array_get_element (row, c), fields[c + 1]);
            }
          groups++;
        }
      else if (g_str_equal (fields[0], "O"))
        {
          guint org = (guint)g_ascii_strtoull (fields[3], NULL, 10);
          gboolean listed = g_ascii_strtoull (fields[5], NULL, 10) > 0
                            || (g_str_has_prefix (fields[2], "Alpha") && org != 2)
                            || (g_str_has_prefix (fields[2], "Gamma") && org == 1)
                            || (g_str_has_prefix (fields[2], "Beta") && org == 2);
          JsonArray *row;

          if (!listed)
            continue;
          row = find_row (organizations, fields[1], fields[2], org_names[org]);
          assert_close ("schools", json_array_get_element (row, 3), fields[4]);
          assert_close ("schools_reached", json_array_get_element (row, 4), fields[5]);
          assert_close ("share_reached", json_array_get_element (row, 5), fields[6]);
          organization_rows++;
        }
    }
  /* Alpha fall and spring, Beta fall and (no term), Gamma winter. */
  g_assert_cmpuint (groups, ==, 5);
  g_assert_cmpuint (json_array_get_length (reach), ==, groups);
  g_assert_cmpuint (json_array_get_length (organizations), ==, organization_rows);
}

/* Per school, the teachers and attendances equal the core's
 * participation figures for a program with one term (Gamma), and the
 * attendances summed over terms equal them for Alpha. */
static guint
assert_core_figures (PdnStore *store, JsonObject *result, gint64 program, const gchar *program_name,
                     const gchar *school_year, gboolean one_term)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnParticipationReport) report = pdn_participation_compute (
      store, &program, 1, school_year, PDN_PARTICIPATION_BY_SCHOOL, &error);
  JsonArray *schools = table_rows (result, 2);
  GPtrArray *rows;
  guint compared = 0;

  g_assert_no_error (error);
  rows = pdn_participation_report_get_rows (report);
  for (guint i = 0; i < rows->len; i++)
    {
      PdnParticipationRow *core = g_ptr_array_index (rows, i);
      gdouble attendances = 0, teachers = 0;

      for (guint j = 0; j < json_array_get_length (schools); j++)
        {
          JsonArray *row = json_array_get_array_element (schools, j);

          if (!g_str_equal (json_array_get_string_element (row, 1), program_name)
              || !g_str_equal (json_array_get_string_element (row, 2), core->school_name))
            continue;
          teachers += json_array_get_double_element (row, 5);
          attendances += json_array_get_double_element (row, 6);
        }
      if (core->teacher_attendances == 0 && attendances == 0)
        continue;
      g_assert_cmpfloat (attendances, ==, (gdouble)core->teacher_attendances);
      if (one_term)
        g_assert_cmpfloat (teachers, ==, (gdouble)core->teachers_attended);
      compared++;
    }
  return compared;
}

static void
test_core_participation (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_year (f);

  g_assert_cmpuint (assert_core_figures (f->store, result, 4, "Gamma (2025-26)", "2025-26", TRUE),
                    >, 0);
  g_assert_cmpuint (assert_core_figures (f->store, result, 2, "Alpha (2025-26)", "2025-26", FALSE),
                    >, 0);
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
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* One stacked bar per term and program with its counts written out, the
 * mixed-sector share as a labelled percent, none without sessions; whole
 * ticks with room after the longest bar. */
static void
test_plot_data (void)
{
  g_autoptr (PdnReachPlot) plot = pdn_reach_plot_new ();
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *svg = NULL;
  const PdnReachBar *bar;
  guint percents = 0;

  pdn_reach_plot_add (plot, "fall", "Alpha", 12, 5, 0.25);
  pdn_reach_plot_add (plot, "(no term)", "Beta", 3, 0, NAN);
  g_assert_cmpuint (plot->bars->len, ==, 2);
  bar = &g_array_index (plot->bars, PdnReachBar, 0);
  g_assert_cmpstr (bar->term, ==, "fall");
  g_assert_cmpstr (bar->program, ==, "Alpha");
  g_assert_cmpuint (bar->new_teachers, ==, 12);
  g_assert_cmpuint (bar->returning_teachers, ==, 5);
  g_assert_cmpfloat (bar->multi_sector_share, ==, 0.25);
  bar = &g_array_index (plot->bars, PdnReachBar, 1);
  g_assert_true (isnan (bar->multi_sector_share));
  svg = pdn_reach_plot_render_svg (plot, texts);
  assert_svg (svg);
  g_assert_true (texts_contain (texts, "12 + 5"));
  g_assert_true (texts_contain (texts, "3 + 0"));
  g_assert_true (texts_contain (texts, "25%"));
  g_assert_true (texts_contain (texts, "(no term)"));
  g_assert_true (texts_contain (texts, "Beta"));
  /* 17 teachers at most: ticks of 6 (17 * 1.25 / 4, rounded up). */
  g_assert_true (texts_contain (texts, "24"));
  for (guint i = 0; i < texts->len; i++)
    percents += g_str_has_suffix (g_ptr_array_index (texts, i), "%");
  g_assert_cmpuint (percents, ==, 5 + 1); /* the axis' five, Alpha's share */
}

/* No term and program at all: still a document. */
static void
test_plot_empty (void)
{
  g_autoptr (PdnReachPlot) plot = pdn_reach_plot_new ();
  g_autofree gchar *svg = pdn_reach_plot_render_svg (plot, NULL);

  assert_svg (svg);
}

/* Only the programs asked for; the CSV is the first table. */
static void
test_program_filter_and_csv (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) parameters = json_object_new ();
  g_autoptr (JsonArray) ids = json_array_new ();
  g_autoptr (JsonObject) result = NULL;
  JsonArray *rows;
  g_auto (GStrv) lines = NULL;

  json_array_add_int_element (ids, 4);
  json_object_set_array_member (parameters, "program_ids", json_array_ref (ids));
  result = run_reach (f->context, f->plugin, parameters);
  rows = table_rows (result, 0);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 1), ==,
                   "Gamma (2025-26)");
  lines = g_strsplit (json_object_get_string_member (result, "csv"), "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "term,program,sessions,teachers,new_teachers,"));
  g_assert_true (g_str_has_prefix (lines[1], "winter,Gamma (2025-26),2,"));
  g_assert_cmpstr (lines[2], ==, "");
  assert_svg (json_object_get_string_member (result, "plot_svg"));
}

/* The statistics helpers on known values (R: by hand). */
static void
test_stats (void)
{
  const gdouble equal[] = { 3, 3, 3, 3 };
  const gdouble one[] = { 0, 0, 0, 10 };
  const gdouble mixed[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

  g_assert_cmpfloat_with_epsilon (pdn_reach_gini (equal, 4), 0, 1e-15);
  g_assert_cmpfloat_with_epsilon (pdn_reach_gini (one, 4), 0.75, 1e-15);
  g_assert_true (isnan (pdn_reach_gini (NULL, 0)));
  g_assert_cmpfloat_with_epsilon (pdn_reach_top_decile_share (one, 4), 1, 1e-15);
  /* 11 values: the top 2 (ceil 1.1). */
  g_assert_cmpfloat_with_epsilon (pdn_reach_top_decile_share (mixed, 11), 21.0 / 66.0, 1e-15);
}

/* `pdnet demo`, `pdnet analyze reach` as CSV and JSON; per school and
 * program, its attendances summed over terms equal the core's. */
static void
test_demo_cli (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  const gchar *cli = g_getenv ("PDNET_CLI");
  const gchar *demo[] = { cli, "--data-dir", dir->path, "demo", NULL };
  const gchar *json_args[]
      = { cli, "--data-dir", dir->path, "analyze", "reach", "--format", "json", NULL };
  const gchar *csv_args[]
      = { cli, "--data-dir", dir->path, "analyze", "reach", "--format", "csv", NULL };
  g_autofree gchar *out = NULL, *err = NULL, *json = NULL, *messages = NULL, *csv = NULL,
                   *csv_err = NULL, *db = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *result;
  gint64 count = 0;

  if (pdn_test_spawn (demo, &out, &err) != 0)
    g_error ("pdnet demo failed: %s", err);
  if (pdn_test_spawn (json_args, &json, &messages) != 0)
    g_error ("pdnet analyze reach failed: %s", messages);
  g_assert_cmpint (pdn_test_spawn (csv_args, &csv, &csv_err), ==, 0);
  g_assert_true (g_str_has_prefix (csv, "term,program,sessions,"));
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  result = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (table_rows (result, 0)), >, 1);
  db = g_build_filename (dir->path, "pdnet.db", NULL);
  store = pdn_sqlite_store_open (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr (PdnStatement) stmt = pdn_store_prepare (store,
                                                       "SELECT id, name, school_year "
                                                       "FROM programs",
                                                       &error);
    g_assert_no_error (error);
    while (pdn_statement_step (stmt, &error) == PDN_STEP_ROW)
      {
        g_autofree gchar *label = g_strdup_printf ("%s (%s)", pdn_statement_column_text (stmt, 1),
                                                   pdn_statement_column_text (stmt, 2));

        count += assert_core_figures (store, result, pdn_statement_column_int64 (stmt, 0), label,
                                      pdn_statement_column_text (stmt, 2), FALSE);
      }
    g_assert_no_error (error);
  }
  g_assert_cmpint (count, >, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reach/against-r", test_against_r);
  ADD ("/reach/core-participation", test_core_participation);
  ADD ("/reach/program-filter-csv", test_program_filter_and_csv);
#undef ADD
  g_test_add_func ("/reach/stats", test_stats);
  g_test_add_func ("/reach/plot-data", test_plot_data);
  g_test_add_func ("/reach/plot-empty", test_plot_empty);
  g_test_add_func ("/reach/demo-cli", test_demo_cli);
  status = g_test_run ();
  /* Let valgrind see the font caches the plot filled freed. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
