/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-analysis-request.h"
#include "pdn-growth-r.h"
#include "pdn-participation.h"
#include "pdn-plugin-registry.h"
#include "pdn-store-pool.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * participation-growth on a test store, through the core's request path
 * (schema defaults, the min_students floor) as runs and `pdnet analyze`
 * use it: its per-school figures equal pdn_participation_compute's, its
 * statistics equal R's on its own CSV, suppressed schools never show a
 * value, the same seed gives the same bootstrap interval, its errors name
 * their field; and `pdnet analyze` on the demo gives a sensible result.
 */

#define SCHOOLS 16
#define SUPPRESSED 5 /* 9 students */
#define FLOORED 6    /* 5 students: suppressed once min_students 3 is raised to 10 */
#define NO_OUTCOME 15

typedef struct
{
  PdnTestDir *dir;
  gchar *path;
  PdnStorePool *pool;
  PdnPluginRegistry *registry;
  PdnAnalysisSettings settings;
  gint64 program;
  gint64 schools[SCHOOLS];
  gint64 other_org_school;
} Fixture;

static gint64
teachers_of (guint i)
{
  return i < 14 ? (i * 7) % 16 : 0;
}

static void exec (Fixture *f, const gchar *format, ...) G_GNUC_PRINTF (2, 3);

static void
exec (Fixture *f, const gchar *format, ...)
{
  va_list args;
  g_autofree gchar *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_test_exec (PDN_STORE (f->pool), sql);
}

static gint64
person (Fixture *f, const gchar *role, gint64 school, guint i, guint j)
{
  g_autofree gchar *email = g_strdup_printf ("p%u.%u.%s@example.org", i, j, role);
  gint64 id = pdn_test_add_named_person (PDN_STORE (f->pool), email, email);

  exec (f, "UPDATE people SET role = '%s' WHERE id = %lld", role, (long long)id);
  if (school > 0)
    exec (f, "INSERT INTO affiliations (person_id, school_id) VALUES (%lld, %lld)", (long long)id,
          (long long)school);
  return id;
}

static void
attend (Fixture *f, gint64 session, gint64 who, const gchar *status, const gchar *minutes)
{
  exec (f,
        "INSERT INTO attendance (session_id, person_id, status, minutes, source, recorded_at)"
        " VALUES (%lld, %lld, '%s', %s, 'manual', '2026-10-04T00:00:00Z')",
        (long long)session, (long long)who, status, minutes);
}

static void
add_outcomes (Fixture *f, guint i)
{
  gdouble value = 40 + 0.9 * teachers_of (i) + (((i * 37) % 11) - 5.0) * 1.3;
  gint64 students = i == SUPPRESSED ? 9 : i == FLOORED ? 5 : 100 + i * 10;

  if (i == SUPPRESSED)
    value = 99.5; /* a value the output must never show */
  if (i == NO_OUTCOME)
    return;
  exec (f,
        "INSERT INTO outcomes (school_id, school_year, measure, value, students_n)"
        " VALUES (%lld, '2026-27', 'ela', %.17g, %lld)",
        (long long)f->schools[i], value, (long long)students);
  exec (f,
        "INSERT INTO outcomes (school_id, school_year, measure, value, students_n)"
        " VALUES (%lld, '2025-26', 'ela', %.17g, 200)",
        (long long)f->schools[i], 45.0 + (i * 13) % 7);
}

/* Teacher j of school i attends the first session; some the second,
 * partly (45 minutes) or wholly (its length). */
static void
add_school (Fixture *f, gint64 org, guint i, gint64 first, gint64 second)
{
  const gchar *const sectors[] = { "district", "charter", "catholic" };
  g_autofree gchar *name = g_strdup_printf ("School %02u", i);

  f->schools[i] = pdn_test_add_school (PDN_STORE (f->pool), org, name);
  exec (f, "UPDATE schools SET sector = '%s' WHERE id = %lld", sectors[i % 3],
        (long long)f->schools[i]);
  if (i != 12)
    exec (f,
          "INSERT INTO school_year_facts (school_id, school_year, teacher_headcount, sector,"
          " organization_id) VALUES (%lld, '2026-27', %u, '%s', %lld)",
          (long long)f->schools[i], 20 + i, sectors[i % 3], (long long)org);
  for (guint j = 0; j < teachers_of (i); j++)
    {
      gint64 who = person (f, "teacher", f->schools[i], i, j);

      attend (f, first, who, "present", "NULL");
      if (j % 2 == 0)
        attend (f, second, who, "partial", "45");
      else if (j % 3 == 1)
        attend (f, second, who, "present", "NULL");
    }
  add_outcomes (f, i);
}

/* The people the core counts in its own ways: a coach (a teacher), a
 * school leader (minutes, not a teacher), a teacher who moved school
 * between the sessions, one who left school 7 and came back (one
 * teacher there, not two), an absent teacher and an outside facilitator. */
static void
add_special_people (Fixture *f, gint64 first, gint64 second)
{
  gint64 coach = person (f, "coach", f->schools[1], 100, 0);
  gint64 leader = person (f, "school-leader", f->schools[2], 100, 1);
  gint64 mover = person (f, "teacher", 0, 100, 2);
  gint64 absent = person (f, "teacher", f->schools[3], 100, 3);
  gint64 outsider = person (f, "teacher", 0, 100, 4);
  gint64 returner = person (f, "teacher", 0, 100, 5);

  attend (f, first, coach, "present", "NULL");
  attend (f, first, leader, "present", "NULL");
  exec (f,
        "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on)"
        " VALUES (%lld, %lld, NULL, '2026-09-30'), (%lld, %lld, '2026-10-01', NULL)",
        (long long)mover, (long long)f->schools[3], (long long)mover, (long long)f->schools[4]);
  attend (f, first, mover, "present", "NULL");
  attend (f, second, mover, "present", "30");
  exec (f,
        "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on)"
        " VALUES (%lld, %lld, NULL, '2026-09-20'), (%lld, %lld, '2026-09-21', '2026-09-30'),"
        " (%lld, %lld, '2026-10-01', NULL)",
        (long long)returner, (long long)f->schools[7], (long long)returner,
        (long long)f->schools[8], (long long)returner, (long long)f->schools[7]);
  attend (f, first, returner, "present", "NULL");
  attend (f, second, returner, "present", "NULL");
  attend (f, first, absent, "absent", "NULL");
  attend (f, first, outsider, "present", "NULL");
}

static gchar *
module_path (void)
{
  g_auto (GStrv) dirs = g_strsplit (g_getenv ("PDNET_PLUGIN_DIR"), ":", -1);

  for (guint i = 0; dirs[i] != NULL; i++)
    if (g_str_has_suffix (dirs[i], "participation-growth"))
      return g_strdup_printf ("%s/pdn-participation-growth.%s", dirs[i], G_MODULE_SUFFIX);
  g_error ("PDNET_PLUGIN_DIR lists no participation-growth folder");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *module = module_path ();
  gint64 org, other, first, second;

  f->dir = pdn_test_dir_new ();
  f->path = pdn_test_dir_file (f->dir, "pdnet.db");
  f->pool = pdn_store_pool_new (f->path, &error);
  g_assert_no_error (error);
  exec (f, "INSERT INTO school_years (label, starts_on, ends_on) VALUES"
           " ('2025-26', '2025-08-01', '2026-06-30'), ('2026-27', '2026-08-01', '2027-06-30')");
  org = pdn_test_add_organization (PDN_STORE (f->pool), "district-a");
  other = pdn_test_add_organization (PDN_STORE (f->pool), "district-b");
  f->program = pdn_test_add_program (PDN_STORE (f->pool), org, "2026-27");
  first = pdn_test_add_session (PDN_STORE (f->pool), f->program); /* 120 minutes, 2026-09-12 */
  second = pdn_test_add_session (PDN_STORE (f->pool), f->program);
  exec (f,
        "UPDATE sessions SET starts_at = '2026-10-03T14:00:00Z', ends_at = "
        "'2026-10-03T15:30:00Z', local_date = '2026-10-03' WHERE id = %lld",
        (long long)second);
  for (guint i = 0; i < SCHOOLS; i++)
    add_school (f, org, i, first, second);
  add_special_people (f, first, second);
  /* An organization without participants stays out. */
  f->other_org_school = pdn_test_add_school (PDN_STORE (f->pool), other, "Elsewhere School");
  exec (f,
        "INSERT INTO outcomes (school_id, school_year, measure, value, students_n)"
        " VALUES (%lld, '2026-27', 'ela', 50, 300)",
        (long long)f->other_org_school);
  f->registry = pdn_plugin_registry_new ();
  g_assert_nonnull (
      pdn_plugin_registry_load_module (f->registry, module, PDN_STORE (f->pool), NULL, &error));
  g_assert_no_error (error);
  pdn_analysis_settings_init (&f->settings);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->registry);
  g_clear_object (&f->pool);
  g_free (f->path);
  pdn_test_dir_free (f->dir);
}

/* Checks each report is within 0..1 and, given a GArray, keeps it. */
static void
on_progress (gdouble fraction, const gchar *message, gpointer data)
{
  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  if (data != NULL)
    g_array_append_val ((GArray *)data, fraction);
}

/* Runs the analysis as a run or `pdnet analyze` does. */
static JsonObject *
analyze_reporting (Fixture *f, const gchar *parameters, GCancellable *cancellable, GArray *progress,
                   GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (parameters, NULL);
  g_autoptr (PdnAnalysisRequest) request = NULL;

  g_assert_nonnull (node);
  request = pdn_analysis_request_new (f->registry, "participation-growth", node, "parameters",
                                      &f->settings, error);
  if (request == NULL)
    return NULL;
  return pdn_analysis_request_execute (request, on_progress, progress, cancellable, NULL, error);
}

static JsonObject *
analyze (Fixture *f, const gchar *parameters, GCancellable *cancellable, GError **error)
{
  return analyze_reporting (f, parameters, cancellable, NULL, error);
}

static JsonObject *
analyze_ok (Fixture *f, const gchar *parameters)
{
  g_autoptr (GError) error = NULL;
  JsonObject *result = analyze (f, parameters, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gchar *
parameters (Fixture *f, const gchar *extra)
{
  return g_strdup_printf ("{\"program_ids\": [%lld], \"measure\": \"ela\"%s%s}",
                          (long long)f->program, extra != NULL ? ", " : "",
                          extra != NULL ? extra : "");
}

static JsonObject *
find_statistic (JsonObject *result, const gchar *name)
{
  JsonArray *list = json_object_get_array_member (result, "statistics");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *s = json_array_get_object_element (list, i);
      if (g_strcmp0 (json_object_get_string_member (s, "name"), name) == 0)
        return s;
    }
  g_error ("no statistic %s", name);
}

static gdouble
member (JsonObject *statistic, const gchar *name)
{
  JsonNode *node = json_object_get_member (statistic, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static gdouble
interval (JsonObject *statistic, const gchar *name, guint end)
{
  JsonNode *node = json_array_get_element (json_object_get_array_member (statistic, name), end);

  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static JsonArray *
school_rows (JsonObject *result)
{
  JsonObject *table
      = json_array_get_object_element (json_object_get_array_member (result, "tables"), 0);
  return json_object_get_array_member (table, "rows");
}

static JsonArray *
row_of (JsonObject *result, gint64 school)
{
  JsonArray *rows = school_rows (result);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      if (json_array_get_int_element (row, 0) == school)
        return row;
    }
  return NULL;
}

/* Teachers, hours and headcount per school equal the core's. */
static void
test_figures (Fixture *f, gconstpointer data)
{
  g_autofree gchar *p = parameters (f, NULL);
  g_autoptr (JsonObject) result = analyze_ok (f, p);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnParticipationReport) report = pdn_participation_compute (
      PDN_STORE (f->pool), &f->program, 1, NULL, PDN_PARTICIPATION_BY_SCHOOL, &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  rows = pdn_participation_report_get_rows (report);
  /* Every school of the participating organization, none of the other. */
  g_assert_cmpuint (json_array_get_length (school_rows (result)), ==, SCHOOLS);
  g_assert_null (row_of (result, f->other_org_school));
  for (guint i = 0; i < rows->len; i++)
    {
      PdnParticipationRow *core = g_ptr_array_index (rows, i);
      JsonArray *row = row_of (result, core->school_id);

      g_assert_nonnull (row);
      g_assert_cmpint (json_array_get_int_element (row, 4), ==, core->teachers_attended);
      g_assert_cmpfloat (json_array_get_double_element (row, 5), ==, core->minutes_attended / 60.0);
      if (core->teacher_headcount > 0)
        g_assert_cmpfloat (json_array_get_double_element (row, 6), ==,
                           (gdouble)core->teachers_attended / core->teacher_headcount);
      else
        g_assert_true (json_array_get_null_element (row, 6));
    }
  /* The coach counts at school 1, the mover at both schools, the
   * returner once at school 7 (teachers_of (7) = 1) for both sessions. */
  g_assert_cmpint (json_array_get_int_element (row_of (result, f->schools[1]), 4), ==, 8);
  g_assert_cmpint (json_array_get_int_element (row_of (result, f->schools[3]), 4), ==, 6);
  g_assert_cmpint (json_array_get_int_element (row_of (result, f->schools[4]), 4), ==, 13);
  g_assert_cmpint (json_array_get_int_element (row_of (result, f->schools[0]), 4), ==, 0);
  g_assert_cmpint (json_array_get_int_element (row_of (result, f->schools[7]), 4), ==, 2);
}

/* R reads the analysis's own CSV and must find the same statistics. */
static void
check_against_r (Fixture *f, JsonObject *result, const gchar *x, gboolean adjusted)
{
  g_autofree gchar *file
      = pdn_test_write_file (f->dir, "result.csv", json_object_get_string_member (result, "csv"));
  g_autofree gchar *code = g_strdup_printf (
      "d <- read.csv('result.csv'); x <- d$%s; y <- d$outcome;"
      "ct <- cor.test(x, y); out('n', nrow(d));"
      "out('r', ct$estimate); out('r_lo', ct$conf.int[1]); out('r_hi', ct$conf.int[2]);"
      "out('r_p', ct$p.value);"
      "cs <- cor.test(x, y, method = 'spearman', exact = FALSE);"
      "out('rho', cs$estimate); out('rho_p', cs$p.value);"
      "m <- summary(lm(y ~ x))$coefficients;"
      "out('slope', m['x', 1]); out('slope_se', m['x', 2]); out('slope_p', m['x', 4]);"
      "%s"
      "a <- y[d$teachers > 10]; b <- y[d$teachers > 0 & d$teachers <= 10];"
      "c <- y[d$teachers == 0];"
      "g <- function(a, b) { n1 <- length(a); n2 <- length(b);"
      "  sp <- sqrt(((n1 - 1) * var(a) + (n2 - 1) * var(b)) / (n1 + n2 - 2));"
      "  (1 - 3 / (4 * (n1 + n2) - 9)) * (mean(a) - mean(b)) / sp };"
      "half <- function(a, b, g) { n1 <- length(a); n2 <- length(b);"
      "  qnorm(0.975) * sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2))) };"
      "for (k in list(list('b', b), list('c', c))) { o <- k[[2]]; w <- t.test(a, o);"
      "  out(paste0(k[[1]], '_n'), length(o)); out(paste0(k[[1]], '_mean'), mean(o));"
      "  out(paste0(k[[1]], '_sd'), sd(o));"
      "  out(paste0(k[[1]], '_t'), w$statistic); out(paste0(k[[1]], '_df'), w$parameter);"
      "  out(paste0(k[[1]], '_p'), w$p.value); gg <- g(a, o); out(paste0(k[[1]], '_g'), gg);"
      "  out(paste0(k[[1]], '_glo'), gg - half(a, o, gg));"
      "  out(paste0(k[[1]], '_ghi'), gg + half(a, o, gg)) };"
      "out('a_n', length(a)); out('a_mean', mean(a)); out('a_sd', sd(a));\n",
      x,
      adjusted ? "ma <- summary(lm(y ~ x + baseline + factor(sector), d))$coefficients;"
                 "out('adj', ma['x', 1]); out('adj_se', ma['x', 2]); out('adj_p', ma['x', 4]);"
               : "");
  g_autoptr (GHashTable) r = pdn_growth_r_run (f->dir->path, code);
  JsonObject *s;
  const gchar *const versus[]
      = { "b", "threshold_vs_at_or_below", "c", "threshold_vs_non_participating" };

#define R(name) pdn_growth_r_value (r, name)
  s = find_statistic (result, "pearson_r");
  g_assert_cmpfloat (member (s, "n"), ==, R ("n"));
  pdn_growth_assert_close ("r", member (s, "value"), R ("r"));
  pdn_growth_assert_close ("r lower", interval (s, "interval", 0), R ("r_lo"));
  pdn_growth_assert_close ("r upper", interval (s, "interval", 1), R ("r_hi"));
  pdn_growth_assert_close ("r p", member (s, "p"), R ("r_p"));
  s = find_statistic (result, "spearman_rho");
  g_assert_cmpfloat (member (s, "n"), ==, R ("n"));
  pdn_growth_assert_close ("rho", member (s, "value"), R ("rho"));
  pdn_growth_assert_close ("rho p", member (s, "p"), R ("rho_p"));
  s = find_statistic (result, "slope");
  g_assert_cmpfloat (member (s, "n"), ==, R ("n"));
  pdn_growth_assert_close ("slope", member (s, "value"), R ("slope"));
  pdn_growth_assert_close ("slope se", member (s, "se"), R ("slope_se"));
  pdn_growth_assert_close ("slope p", member (s, "p"), R ("slope_p"));
  if (adjusted)
    {
      s = find_statistic (result, "adjusted_slope");
      g_assert_cmpfloat (member (s, "n"), ==, R ("n"));
      pdn_growth_assert_close ("adjusted", member (s, "value"), R ("adj"));
      pdn_growth_assert_close ("adjusted se", member (s, "se"), R ("adj_se"));
      pdn_growth_assert_close ("adjusted p", member (s, "p"), R ("adj_p"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (versus); i += 2)
    {
      g_autofree gchar *n = g_strconcat (versus[i], "_n", NULL);
      g_autofree gchar *mean = g_strconcat (versus[i], "_mean", NULL);
      g_autofree gchar *sd = g_strconcat (versus[i], "_sd", NULL);
      g_autofree gchar *t = g_strconcat (versus[i], "_t", NULL);
      g_autofree gchar *df = g_strconcat (versus[i], "_df", NULL);
      g_autofree gchar *p = g_strconcat (versus[i], "_p", NULL);
      g_autofree gchar *g = g_strconcat (versus[i], "_g", NULL);
      g_autofree gchar *glo = g_strconcat (versus[i], "_glo", NULL);
      g_autofree gchar *ghi = g_strconcat (versus[i], "_ghi", NULL);

      s = find_statistic (result, versus[i + 1]);
      g_assert_cmpfloat (member (s, "n1"), ==, R ("a_n"));
      g_assert_cmpfloat (member (s, "n2"), ==, R (n));
      g_assert_cmpfloat (member (s, "n"), ==, R ("a_n") + R (n));
      pdn_growth_assert_close ("mean1", member (s, "mean1"), R ("a_mean"));
      pdn_growth_assert_close ("sd1", member (s, "sd1"), R ("a_sd"));
      pdn_growth_assert_close (mean, member (s, "mean2"), R (mean));
      pdn_growth_assert_close (sd, member (s, "sd2"), R (sd));
      pdn_growth_assert_close ("difference", member (s, "difference"), R ("a_mean") - R (mean));
      pdn_growth_assert_close ("ratio", member (s, "ratio"), R ("a_mean") / R (mean));
      pdn_growth_assert_close (t, member (s, "t"), R (t));
      pdn_growth_assert_close (df, member (s, "df"), R (df));
      pdn_growth_assert_close (p, member (s, "p"), R (p));
      pdn_growth_assert_close (g, member (s, "hedges_g"), R (g));
      pdn_growth_assert_close (glo, interval (s, "hedges_g_interval", 0), R (glo));
      pdn_growth_assert_close (ghi, interval (s, "hedges_g_interval", 1), R (ghi));
    }
#undef R
}

static void
test_against_r (Fixture *f, gconstpointer data)
{
  const gchar *const xs[] = { "teachers", "hours", "rate" };

  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      g_autofree gchar *extra = g_strdup_printf ("\"x\": \"%s\", \"bootstrap\": 200", xs[i]);
      g_autofree gchar *p = parameters (f, extra);
      g_autoptr (JsonObject) result = analyze_ok (f, p);

      check_against_r (f, result, xs[i], FALSE);
    }
}

static void
test_adjusted_against_r (Fixture *f, gconstpointer data)
{
  g_autofree gchar *p
      = parameters (f, "\"baseline_year\": \"2025-26\", \"adjust\": [\"baseline\", \"sector\"]");
  g_autoptr (JsonObject) result = analyze_ok (f, p);
  JsonArray *row = row_of (result, f->schools[1]);

  /* Growth: the year's value minus the baseline year's. */
  g_assert_cmpfloat (json_array_get_double_element (row, 7), ==,
                     40 + 0.9 * 7 + (((37) % 11) - 5.0) * 1.3 - (45.0 + 13 % 7));
  check_against_r (f, result, "teachers", TRUE);
  g_assert_cmpstr (
      json_object_get_string_member (find_statistic (result, "adjusted_slope"), "adjusted_for"), ==,
      "baseline, sector");
}

/* The suppressed school (9 students) shows no value anywhere, and the
 * requested min_students of 3 is raised to the floor, suppressing the
 * school with 5 students too. */
static void
test_suppression (Fixture *f, gconstpointer data)
{
  g_autofree gchar *p = parameters (f, "\"min_students\": 3");
  g_autoptr (JsonObject) result = analyze_ok (f, p);
  const gchar *csv = json_object_get_string_member (result, "csv");
  const gchar *svg = json_object_get_string_member (result, "plot_svg");
  g_autoptr (JsonNode) whole = json_node_new (JSON_NODE_OBJECT);
  g_autofree gchar *text = NULL;
  JsonObject *used = json_object_get_object_member (result, "parameters");
  const guint hidden[] = { SUPPRESSED, FLOORED };
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);

  json_node_set_object (whole, result);
  text = json_to_string (whole, FALSE);

  g_assert_cmpint (json_object_get_int_member (used, "min_students"), ==, 10);
  for (guint k = 0; k < G_N_ELEMENTS (hidden); k++)
    {
      JsonArray *row = row_of (result, f->schools[hidden[k]]);
      g_autofree gchar *name = g_strdup_printf ("School %02u", hidden[k]);
      g_autofree gchar *id = g_strdup_printf ("\n%lld,", (long long)f->schools[hidden[k]]);

      g_assert_true (json_array_get_null_element (row, 7));
      g_assert_true (json_array_get_null_element (row, 8));
      g_assert_nonnull (strstr (json_array_get_string_element (row, 9), "suppressed"));
      g_assert_null (strstr (csv, name));
      g_assert_null (strstr (csv, id));
    }
  g_assert_null (strstr (text, "99.5"));
  g_assert_null (strstr (svg, "99.5"));
  /* 16 schools: two suppressed, one without an outcome. */
  g_assert_cmpfloat (member (find_statistic (result, "pearson_r"), "n"), ==, SCHOOLS - 3);
  /* The header, one line per school used, and the empty end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + SCHOOLS - 3 + 1);
  g_assert_nonnull (strstr (text, "2 schools were left out"));
}

static void
bootstrap_interval (Fixture *f, const gchar *seed, gdouble *lower, gdouble *upper)
{
  g_autofree gchar *p = parameters (f, seed);
  g_autoptr (JsonObject) result = analyze_ok (f, p);
  JsonObject *s = find_statistic (result, "bootstrap_r");

  *lower = interval (s, "interval", 0);
  *upper = interval (s, "interval", 1);
  g_assert_cmpfloat (member (s, "resamples"), ==, 2000);
  g_assert_cmpfloat (*lower, <, member (s, "value"));
  g_assert_cmpfloat (member (s, "value"), <, *upper);
}

static void
test_seed (Fixture *f, gconstpointer data)
{
  gdouble lo1, hi1, lo2, hi2, lo3, hi3;

  bootstrap_interval (f, "\"seed\": 99", &lo1, &hi1);
  bootstrap_interval (f, "\"seed\": 99", &lo2, &hi2);
  bootstrap_interval (f, "\"seed\": 100", &lo3, &hi3);
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  g_assert_true (lo1 != lo3 || hi1 != hi3);
}

static void
expect_error (Fixture *f, const gchar *p, gint code, const gchar *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = analyze (f, p, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, PDN_ERROR, code);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree gchar *no_baseline = parameters (f, "\"adjust\": [\"baseline\"]");
  g_autofree gchar *no_measure
      = g_strdup_printf ("{\"program_ids\": [%lld], \"measure\": \"math\"}", (long long)f->program);
  g_autofree gchar *no_year = parameters (f, "\"school_year\": \"1999-00\"");

  expect_error (f, "{\"program_ids\": [4242], \"measure\": \"ela\"}", PDN_ERROR_NOT_FOUND,
                "program_ids");
  expect_error (f, no_baseline, PDN_ERROR_INVALID_INPUT, "adjust");
  expect_error (f, no_measure, PDN_ERROR_UNPROCESSABLE, "measure");
  expect_error (f, no_year, PDN_ERROR_NOT_FOUND, "school_year");
  expect_error (f, "{\"program_ids\": [1]}", PDN_ERROR_INVALID_INPUT, "parameters.measure");
  expect_error (f, "{\"program_ids\": [1], \"measure\": \"ela\", \"x\": \"minutes\"}",
                PDN_ERROR_INVALID_INPUT, "parameters.x");
}

/* Progress never goes back, rises in several steps while the data are
 * read (before the bootstrap's share, from 0.7), and ends at 1. */
static void
test_progress (Fixture *f, gconstpointer data)
{
  g_autofree gchar *p = parameters (f, NULL);
  g_autoptr (GArray) progress = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = analyze_reporting (f, p, NULL, progress, &error);
  guint loading = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, >, 0);
  g_assert_cmpfloat (g_array_index (progress, gdouble, 0), ==, 0);
  for (guint i = 1; i < progress->len; i++)
    {
      gdouble now = g_array_index (progress, gdouble, i);

      g_assert_cmpfloat (now, >=, g_array_index (progress, gdouble, i - 1));
      if (now < 0.7 && now > g_array_index (progress, gdouble, i - 1))
        loading++;
    }
  g_assert_cmpuint (loading, >=, 3);
  g_assert_cmpfloat (g_array_index (progress, gdouble, progress->len - 1), ==, 1);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree gchar *p = parameters (f, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = NULL;

  g_cancellable_cancel (cancellable);
  result = analyze (f, p, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gint
cli (const gchar *data_dir, const gchar *const *args, gchar **out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree gchar *err = NULL;
  gint status;

  g_ptr_array_add (argv, (gpointer)g_getenv ("PDNET_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, (gpointer)data_dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  status = pdn_test_spawn ((const gchar *const *)argv->pdata, out, &err);
  if (status != 0)
    g_printerr ("%s", err);
  return status;
}

/* The demo's three programs of the last year against ELA growth: most
 * schools take part, a few are suppressed, r is a real correlation. */
static void
test_demo_cli (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  const gchar *demo[] = { "demo", NULL };
  const gchar *args[] = { "analyze", "participation-growth", "--format", "json",
                          "--param", "program_ids=1,2,3",    "--param",  "measure=ela_growth",
                          "--param", "adjust=sector",        NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *demo_out = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *result, *r;
  gdouble n;

  /* `pdnet analyze` does not shut plugins down, so fontconfig's caches
   * (filled by the plot) are still there at exit: not a leak of ours. */
  g_setenv ("ASAN_OPTIONS", "detect_leaks=0", TRUE);
  g_assert_cmpint (cli (dir->path, demo, &demo_out), ==, 0);
  g_assert_cmpint (cli (dir->path, args, &out), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  result = json_node_get_object (node);
  r = find_statistic (result, "pearson_r");
  n = member (r, "n");
  g_assert_cmpfloat (n, >=, 30);
  g_assert_cmpfloat (fabs (member (r, "value")), <, 1);
  g_assert_cmpfloat (interval (r, "interval", 0), <, member (r, "value"));
  g_assert_false (isnan (member (find_statistic (result, "adjusted_slope"), "value")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "caveats")), >=,
                    4);
  g_assert_cmpuint (json_array_get_length (school_rows (result)), >, n);
}

#define ADD(name, func)                                                                            \
  g_test_add ("/growth/analysis/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ADD ("figures", test_figures);
  ADD ("against-r", test_against_r);
  ADD ("adjusted-against-r", test_adjusted_against_r);
  ADD ("suppression", test_suppression);
  ADD ("seed", test_seed);
  ADD ("errors", test_errors);
  ADD ("progress", test_progress);
  ADD ("cancel", test_cancel);
  g_test_add_func ("/growth/analysis/demo-cli", test_demo_cli);
  status = g_test_run ();
  /* Let valgrind see the font caches the plot filled freed. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
