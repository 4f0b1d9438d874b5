/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pdn-test-daemon.h"

/*
 * Every shipped analysis on the demo network, through HTTP and through
 * `pdnet analyze`: pdnetd runs on a data directory loaded with `pdnet
 * demo`; each analysis is started with POST /analyses/{id}/runs, polled
 * until done (its progress never going back), and must give a sensible
 * result: tables with rows, statistics each with an n, the main one
 * resting on some data (n > 0; a positive count or sum, or a correlation
 * that is not perfect), caveats, its CSV and, where the analysis draws
 * one, its plot as image/svg+xml. The CLI, on the same data
 * directory while the daemon runs, must give the same tables and
 * statistics and write the same kind of plot.
 */

static PdnTestDaemon *daemon_;
static gchar *admin;
static gchar *last_year_programs; /* "1,2,3": the demo's complete year */

typedef struct
{
  const gchar *id;
  const gchar *main_statistic; /* must rest on some data: n > 0 */
  gboolean count;              /* the main statistic is a count or sum (> 0), else a correlation */
  gboolean programs;           /* takes the last year's program_ids */
  const gchar *extra;          /* further parameters, NAME=VALUE, or NULL */
} Case;

static const Case cases[] = {
  { "participation-growth", "pearson_r", FALSE, TRUE, "measure=ela_growth" },
  { "satisfaction", "responses", TRUE, FALSE, NULL },
  { "reach", "teachers", TRUE, FALSE, NULL },
  { "knowledge-flow", "shown_hours", TRUE, TRUE, NULL },
};

/* ---- checks shared by the API and the CLI ---- */

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
  return NULL;
}

static void
assert_sensible (const Case *c, JsonObject *result)
{
  JsonArray *tables = json_object_get_array_member (result, "tables");
  JsonArray *statistics = json_object_get_array_member (result, "statistics");
  JsonObject *main_statistic = find_statistic (result, c->main_statistic);
  gdouble value;

  g_test_message ("%s", c->id);
  g_assert_cmpuint (json_array_get_length (tables), >=, 1);
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *table = json_array_get_object_element (tables, i);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (table, "columns")), >=,
                        2);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (table, "rows")), >=,
                        1);
    }
  g_assert_cmpuint (json_array_get_length (statistics), >=, 1);
  for (guint i = 0; i < json_array_get_length (statistics); i++)
    {
      JsonObject *s = json_array_get_object_element (statistics, i);

      g_assert_nonnull (json_object_get_string_member (s, "name"));
      g_assert_cmpint (json_object_get_int_member (s, "n"), >=, 0);
    }
  g_assert_nonnull (main_statistic);
  g_assert_cmpint (json_object_get_int_member (main_statistic, "n"), >, 0);
  value = json_object_get_double_member (main_statistic, "value");
  if (c->count)
    g_assert_cmpfloat (value, >, 0);
  else
    g_assert_cmpfloat (fabs (value), <, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "caveats")), >=,
                    1);
}

static void
assert_svg (const gchar *svg, gsize length)
{
  g_assert_cmpuint (length, >, 1000);
  g_assert_nonnull (g_strstr_len (svg, (gssize)length, "<svg"));
  g_assert_nonnull (g_strstr_len (svg, (gssize)length, "</svg>"));
}

/* The analysis's parameters as JSON, and as --param arguments into @argv. */
static gchar *
parameters (const Case *c, GPtrArray *argv)
{
  GString *json = g_string_new ("{");

  if (c->programs)
    {
      g_string_append_printf (json, "\"program_ids\": [%s]", last_year_programs);
      g_ptr_array_add (argv, g_strdup ("--param"));
      g_ptr_array_add (argv, g_strdup_printf ("program_ids=%s", last_year_programs));
    }
  if (c->extra != NULL)
    {
      g_auto (GStrv) pair = g_strsplit (c->extra, "=", 2);

      g_string_append_printf (json, "%s\"%s\": \"%s\"", c->programs ? ", " : "", pair[0], pair[1]);
      g_ptr_array_add (argv, g_strdup ("--param"));
      g_ptr_array_add (argv, g_strdup (c->extra));
    }
  g_string_append (json, "}");
  return g_string_free (json, FALSE);
}

/* ---- the API ---- */

/* GET /api/v1/analysis-runs/@id@file, such as "/plot.svg" or "". */
static PdnTestReply *
get (gint64 id, const gchar *file)
{
  g_autofree gchar *path = g_strdup_printf ("/api/v1/analysis-runs/%lld%s", (long long)id, file);

  return pdn_test_call (daemon_, "GET", path, admin, NULL, NULL, NULL);
}

static gint64
start_run (const Case *c)
{
  g_autoptr (GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *params = parameters (c, ignored);
  g_autofree gchar *body = g_strdup_printf ("{\"parameters\": %s}", params);
  g_autofree gchar *path = g_strdup_printf ("/api/v1/analyses/%s/runs", c->id);
  g_autoptr (PdnTestReply) reply = pdn_test_call_json (daemon_, "POST", path, admin, body);

  g_assert_cmpuint (reply->status, ==, 202);
  return json_object_get_int_member (pdn_test_reply_object (reply), "id");
}

/* Polls until the run is done (failing on failed or cancelled); its
 * progress never goes back meanwhile. Gives up after about a minute. */
static JsonObject *
poll_done (gint64 id)
{
  gdouble last = 0;

  for (guint i = 0; i < 6000; i++)
    {
      g_autoptr (PdnTestReply) reply = get (id, "");
      JsonObject *run = pdn_test_reply_object (reply);
      const gchar *status = json_object_get_string_member (run, "status");
      gdouble progress = json_object_get_double_member (run, "progress");

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpfloat (progress, >=, last);
      last = progress;
      if (g_str_equal (status, "done"))
        {
          g_assert_cmpfloat (progress, ==, 1.0);
          return json_object_ref (json_object_get_object_member (run, "result"));
        }
      if (!g_str_equal (status, "queued") && !g_str_equal (status, "running"))
        g_error ("run %lld of %s: %s", (long long)id, status,
                 json_object_get_string_member_with_default (run, "error", ""));
      g_usleep (10000);
    }
  g_error ("run %lld never finished", (long long)id);
}

/* Does the analysis list @output among its outputs? */
static gboolean
has_output (const gchar *analysis, const gchar *output)
{
  g_autoptr (PdnTestReply) reply
      = pdn_test_call (daemon_, "GET", "/api/v1/analyses", admin, NULL, NULL, NULL);
  JsonArray *items = json_object_get_array_member (pdn_test_reply_object (reply), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *outputs = json_object_get_array_member (item, "outputs");

      if (!g_str_equal (json_object_get_string_member (item, "id"), analysis))
        continue;
      for (guint j = 0; j < json_array_get_length (outputs); j++)
        if (g_str_equal (json_array_get_string_element (outputs, j), output))
          return TRUE;
      return FALSE;
    }
  g_error ("pdnetd does not list %s", analysis);
}

/* The CSV and the plot, where the analysis gives them; 404 where not. */
static void
check_files (const Case *c, gint64 id)
{
  g_autoptr (PdnTestReply) csv = get (id, "/result.csv");
  g_autoptr (PdnTestReply) plot = get (id, "/plot.svg");
  gsize length = 0;
  const gchar *body;

  if (has_output (c->id, "csv"))
    {
      g_assert_cmpuint (csv->status, ==, 200);
      g_assert_true (g_str_has_prefix (csv->type, "text/csv"));
      body = g_bytes_get_data (csv->body, &length);
      g_assert_nonnull (g_strstr_len (body, (gssize)length, "\r\n"));
    }
  else
    g_assert_cmpuint (csv->status, ==, 404);
  if (!has_output (c->id, "plot"))
    {
      g_assert_cmpuint (plot->status, ==, 404);
      return;
    }
  g_assert_cmpuint (plot->status, ==, 200);
  g_assert_cmpstr (plot->type, ==, "image/svg+xml");
  body = g_bytes_get_data (plot->body, &length);
  assert_svg (body, length);
}

static void
test_api (gconstpointer data)
{
  const Case *c = data;
  gint64 id = start_run (c);
  g_autoptr (JsonObject) result = poll_done (id);

  assert_sensible (c, result);
  check_files (c, id);
}

/* ---- the CLI ---- */

/* `pdnet analyze` as JSON with its plot; the result, which the API's
 * run must equal in tables and statistics. */
static JsonNode *
analyze (const Case *c, const gchar *plot)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *ignored = NULL;
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *const first[] = { g_getenv ("PDNET_CLI"),
                                 "--data-dir",
                                 daemon_->data_dir,
                                 "analyze",
                                 c->id,
                                 "--format",
                                 "json",
                                 "--plot",
                                 plot };

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_ptr_array_add (argv, g_strdup (first[i]));
  ignored = parameters (c, argv);
  g_ptr_array_add (argv, NULL);
  if (pdn_test_spawn ((const gchar *const *)argv->pdata, &out, &err) != 0)
    g_error ("pdnet analyze %s failed: %s", c->id, err);
  return json_from_string (out, NULL);
}

static void
assert_same_member (JsonObject *a, JsonObject *b, const gchar *name)
{
  g_autofree gchar *x = json_to_string (json_object_get_member (a, name), FALSE);
  g_autofree gchar *y = json_to_string (json_object_get_member (b, name), FALSE);

  g_assert_cmpstr (x, ==, y);
}

static void
test_cli (gconstpointer data)
{
  const Case *c = data;
  g_autofree gchar *name = g_strdup_printf ("%s.svg", c->id);
  g_autofree gchar *plot = pdn_test_dir_file (daemon_->dir, name);
  g_autoptr (JsonNode) node = analyze (c, plot);
  g_autoptr (JsonObject) api = poll_done (start_run (c));
  g_autofree gchar *svg = NULL;
  gsize length = 0;
  JsonObject *result;

  g_assert_nonnull (node);
  result = json_node_get_object (node);
  assert_sensible (c, result);
  assert_same_member (result, api, "tables");
  assert_same_member (result, api, "statistics");
  if (has_output (c->id, "plot"))
    {
      g_assert_true (g_file_get_contents (plot, &svg, &length, NULL));
      assert_svg (svg, length);
    }
}

/* ---- set-up ---- */

static void
load_demo (void)
{
  const gchar *argv[] = { g_getenv ("PDNET_CLI"), "--data-dir", daemon_->data_dir, "demo", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  if (pdn_test_spawn (argv, &out, &err) != 0)
    g_error ("pdnet demo failed: %s", err);
}

/* The programs of the demo's last (complete) year, and an admin's token. */
static void
read_demo (void)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (daemon_);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "SELECT group_concat (id, ',') FROM (SELECT id FROM programs WHERE school_year ="
      " (SELECT MIN (school_year) FROM programs) ORDER BY id)",
      &error);

  g_assert_no_error (error);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  last_year_programs = g_strdup (pdn_statement_column_text (stmt, 0));
  g_assert_nonnull (last_year_programs);
  admin = pdn_test_account_token (store, "Admin", PDN_LOGIN_ROLE_ADMIN, 0, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  daemon_ = pdn_test_daemon_new ();
  load_demo ();
  read_demo ();
  pdn_test_daemon_run (daemon_, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *api = g_strdup_printf ("/pdnet/demo-analyses/api/%s", cases[i].id);
      g_autofree gchar *cli = g_strdup_printf ("/pdnet/demo-analyses/cli/%s", cases[i].id);

      g_test_add_data_func (api, &cases[i], test_api);
      g_test_add_data_func (cli, &cases[i], test_cli);
    }
  status = g_test_run ();
  pdn_test_daemon_free (daemon_);
  g_free (admin);
  g_free (last_year_programs);
  return status;
}
