/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pdn-test-api.h"
#include "pdn-test-fixtures.h"

/*
 * Analyses through HTTP with the test analysis only
 * (tests/plugins/test-plugin-count): the list, a run polled from queued
 * to done with its progress rising, parameters refused by name, the
 * server's privacy floor (12 here) raising a lower request, cancelling a
 * running run, the CSV and plot, who may do what, failures, the server
 * answering while a run computes, and a killed daemon's run marked failed
 * at the next start. One worker: a run waits for the one before.
 */

#define CONFIG "[analyses]\nmin-students=12\nworkers=1\n"

static PdnTestWorld *world;
static gchar *plugin_dir; /* test-plugin-count alone */
static gchar *gates;      /* files the gated runs wait for */
static guint n_gates;

/* ---- helpers ---- */

static gchar *
new_gate (void)
{
  return g_strdup_printf ("%s/gate-%u", gates, ++n_gates);
}

static void
open_gate (const gchar *gate)
{
  g_assert_true (g_file_set_contents (gate, "", 0, NULL));
}

/* POST /analyses/test-count/runs with @parameters (JSON text); returns
 * the run's id, checking 202 and Location. */
static gint64
start (const gchar *token, const gchar *parameters)
{
  g_autofree gchar *body = g_strdup_printf ("{\"parameters\":%s}", parameters);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", token, body,
                                                      "/analyses/test-count/runs");
  JsonObject *run = pdn_test_api_expect (reply, 202);
  gint64 id = json_object_get_int_member (run, "id");
  g_autofree gchar *location = g_strdup_printf ("/api/v1/analysis-runs/%lld", (long long) id);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
  g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "queued");
  g_assert_cmpfloat (json_object_get_double_member (run, "progress"), ==, 0.0);
  return id;
}

static PdnTestReply *
get_run (const gchar *token, gint64 id)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/analysis-runs/%lld", (long long) id);
}

/* Polls GET until the run's status is @status (or, for "running", its
 * progress reaches @progress); returns the run. Progress never goes back
 * meanwhile. Gives up (failing) after about 30 s. */
static JsonObject *
poll_run (const gchar *token, gint64 id, const gchar *status, gdouble progress)
{
  gdouble last = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr (PdnTestReply) reply = get_run (token, id);
      JsonObject *run = pdn_test_api_expect (reply, 200);
      gdouble now = json_object_get_double_member (run, "progress");

      g_assert_cmpfloat (now, >=, last);
      last = now;
      if (g_str_equal (json_object_get_string_member (run, "status"), status) && now >= progress)
        return json_object_ref (run);
      g_usleep (10000);
    }
  g_error ("run %lld never became %s", (long long) id, status);
}

/* ---- tests ---- */

static void
test_list (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                      "/analyses");
  JsonObject *object = pdn_test_api_expect (reply, 200);
  JsonArray *items = json_object_get_array_member (object, "items");
  JsonObject *analysis, *parameters, *floors;

  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  analysis = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (analysis, "id"), ==, "test-count");
  g_assert_cmpstr (json_object_get_string_member (analysis, "name"), ==, "School count");
  g_assert_cmpstr (json_object_get_string_member (analysis, "plugin_version"), ==, "1.2");
  parameters = json_object_get_object_member (analysis, "parameters");
  g_assert_cmpstr (json_object_get_string_member (parameters, "type"), ==, "object");
  g_assert_true (json_object_has_member (json_object_get_object_member (parameters,
                                                                        "properties"),
                                         "min_students"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (analysis, "outputs")),
                    ==, 4);
  floors = json_object_get_object_member (object, "privacy_floors");
  g_assert_cmpint (json_object_get_int_member (floors, "min_students"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (floors, "min_respondents"), ==, 5);
  pdn_test_api_assert_needs_token (world, "GET", "/analyses", NULL);
}

/* Queued, then running with progress rising to 0.5 at the gate, then
 * done at 1 with a result that says how to reproduce it. */
static void
test_run_to_done (void)
{
  g_autofree gchar *gate = new_gate ();
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\",\"delay_ms\":200}", gate);
  gint64 id = start (world->admin, parameters);
  g_autoptr (JsonObject) running = poll_run (world->admin, id, "running", 0.5);
  g_autoptr (JsonObject) done = NULL;
  JsonObject *result;
  g_autofree gchar *csv_url = g_strdup_printf ("/api/v1/analysis-runs/%lld/result.csv",
                                               (long long) id);

  g_assert_cmpstr (json_object_get_string_member (running, "progress_message"), ==,
                   "Waiting for the gate");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (running, "result")));
  g_assert_nonnull (json_object_get_string_member (running, "started_at"));
  open_gate (gate);
  done = poll_run (world->admin, id, "done", 1.0);
  g_assert_cmpfloat (json_object_get_double_member (done, "progress"), ==, 1.0);
  g_assert_nonnull (json_object_get_string_member (done, "finished_at"));
  g_assert_cmpstr (json_object_get_string_member (done, "csv_url"), ==, csv_url);
  result = json_object_get_object_member (done, "result");
  g_assert_cmpstr (json_object_get_string_member (result, "pdnet_version"), !=, "forged");
  g_assert_cmpstr (json_object_get_string_member (result, "plugin_version"), ==, "1.2");
  g_assert_cmpstr (json_object_get_string_member (result, "snapshot_at"), ==,
                   json_object_get_string_member (done, "snapshot_at"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result,
                                                                              "parameters"),
                                               "delay_ms"),
                   ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "tables")), ==,
                    1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "caveats")),
                    >=, 1);
  /* The CSV and the plot have their own URLs. */
  g_assert_false (json_object_has_member (result, "csv"));
  g_assert_false (json_object_has_member (result, "plot_svg"));
}

static void
test_parameters_refused (void)
{
  g_autoptr (PdnTestReply) unknown = pdn_test_api_call (
      world, "POST", world->admin, "{\"parameters\":{\"min_studnets\":3}}",
      "/analyses/test-count/runs");
  g_autoptr (PdnTestReply) type = pdn_test_api_call (
      world, "POST", world->admin, "{\"parameters\":{\"delay_ms\":\"soon\"}}",
      "/analyses/test-count/runs");
  g_autoptr (PdnTestReply) choice = pdn_test_api_call (
      world, "POST", world->admin, "{\"parameters\":{\"sector\":\"private\"}}",
      "/analyses/test-count/runs");
  g_autoptr (PdnTestReply) member = pdn_test_api_call (world, "POST", world->admin,
                                                       "{\"params\":{}}",
                                                       "/analyses/test-count/runs");
  g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "POST", world->admin,
                                                        "{\"parameters\":{}}",
                                                        "/analyses/no-such/runs");
  JsonObject *problem = pdn_test_api_expect (unknown, 400);

  pdn_test_assert_problem (problem, 400, "invalid-input", "parameters.min_studnets");
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "min_studnets"));
  pdn_test_api_assert_problem (type, 400, "invalid-input", "parameters.delay_ms");
  pdn_test_api_assert_problem (choice, 400, "invalid-input", "parameters.sector");
  pdn_test_api_assert_problem (member, 400, "invalid-input", "params");
  pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
}

/* The server's floor is 12: 3 is raised (not refused), 20 kept. */
static void
test_floor_raised (void)
{
  g_autoptr (PdnTestReply) low = pdn_test_api_call (world, "POST", world->admin,
                                                    "{\"parameters\":{\"min_students\":3}}",
                                                    "/analyses/test-count/runs");
  g_autoptr (PdnTestReply) high = pdn_test_api_call (world, "POST", world->admin,
                                                     "{\"parameters\":{\"min_students\":20}}",
                                                     "/analyses/test-count/runs");
  JsonObject *run = pdn_test_api_expect (low, 202);
  g_autoptr (JsonObject) done = NULL;
  JsonArray *caveats;
  gboolean raised = FALSE;

  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (run, "parameters"),
                                               "min_students"),
                   ==, 12);
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (pdn_test_api_expect (high, 202),
                                                      "parameters"),
                       "min_students"),
                   ==, 20);
  done = poll_run (world->admin, json_object_get_int_member (run, "id"), "done", 1.0);
  caveats = json_object_get_array_member (json_object_get_object_member (done, "result"),
                                          "caveats");
  for (guint i = 0; i < json_array_get_length (caveats); i++)
    raised |= strstr (json_array_get_string_element (caveats, i),
                      "min_students was raised from 3 to 12")
              != NULL;
  g_assert_true (raised);
}

/* DELETE cancels a running run; its thread stops, since the next run
 * (one worker) then completes. */
static void
test_cancel (void)
{
  g_autofree gchar *gate = new_gate ();
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = start (world->admin, "{}");
  g_autoptr (JsonObject) first = poll_run (world->admin, id, "done", 1.0);
  gint64 slow = start (world->admin, parameters);
  g_autoptr (JsonObject) running = poll_run (world->admin, slow, "running", 0.5);
  g_autoptr (PdnTestReply) cancelled = pdn_test_api_call (world, "DELETE", world->admin, NULL,
                                                          "/analysis-runs/%lld",
                                                          (long long) slow);
  JsonObject *object = pdn_test_api_expect (cancelled, 200);
  g_autoptr (PdnTestReply) again = NULL;
  g_autoptr (PdnTestReply) finished = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (JsonObject) next = NULL;

  /* Cancelled where it had got to. */
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "cancelled");
  g_assert_cmpfloat (json_object_get_double_member (object, "progress"), ==, 0.5);
  g_assert_nonnull (json_object_get_string_member (object, "finished_at"));
  after = poll_run (world->admin, slow, "cancelled", 0);
  g_assert_cmpfloat (json_object_get_double_member (after, "progress"), ==, 0.5);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (after, "result")));
  again = pdn_test_api_call (world, "DELETE", world->admin, NULL, "/analysis-runs/%lld",
                             (long long) slow);
  pdn_test_api_assert_problem (again, 409, "conflict", "status");
  finished = pdn_test_api_call (world, "DELETE", world->admin, NULL, "/analysis-runs/%lld",
                                (long long) id);
  pdn_test_api_assert_problem (finished, 409, "conflict", "status");
  next = poll_run (world->admin, start (world->admin, "{}"), "done", 1.0);
}

static void
test_csv_and_plot (void)
{
  gint64 id = start (world->admin, "{}");
  g_autoptr (JsonObject) done = poll_run (world->admin, id, "done", 1.0);
  g_autoptr (PdnTestReply) csv = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                    "/analysis-runs/%lld/result.csv",
                                                    (long long) id);
  g_autoptr (PdnTestReply) plot = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                     "/analysis-runs/%lld/plot.svg",
                                                     (long long) id);
  gint64 bare = start (world->admin, "{\"with_outputs\":false}");
  g_autoptr (JsonObject) bare_done = poll_run (world->admin, bare, "done", 1.0);
  g_autoptr (PdnTestReply) no_csv = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                       "/analysis-runs/%lld/result.csv",
                                                       (long long) bare);
  g_autoptr (PdnTestReply) no_plot = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                        "/analysis-runs/%lld/plot.svg",
                                                        (long long) bare);
  g_autofree gchar *text = NULL;

  g_assert_cmpuint (csv->status, ==, 200);
  g_assert_cmpstr (csv->type, ==, "text/csv");
  text = g_strndup (g_bytes_get_data (csv->body, NULL), g_bytes_get_size (csv->body));
  g_assert_true (g_str_has_prefix (text, "organization,schools\r\n"));
  /* Two organizations of one school each in this world: suppressed. */
  g_assert_nonnull (strstr (text, "district-a,\r\n"));
  g_assert_cmpuint (plot->status, ==, 200);
  g_assert_cmpstr (plot->type, ==, "image/svg+xml");
  g_assert_nonnull (strstr (soup_message_headers_get_one (plot->headers,
                                                          "Content-Security-Policy"),
                            "sandbox"));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (plot->body, NULL), "<svg"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (bare_done, "csv_url")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (bare_done, "plot_url")));
  pdn_test_api_assert_problem (no_csv, 404, "not-found", NULL);
  pdn_test_api_assert_problem (no_plot, 404, "not-found", NULL);
}

/* Before it is done, a run has no CSV: 409. */
static void
test_csv_before_done (void)
{
  g_autofree gchar *gate = new_gate ();
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = start (world->admin, parameters);
  g_autoptr (JsonObject) running = poll_run (world->admin, id, "running", 0.5);
  g_autoptr (PdnTestReply) csv = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                    "/analysis-runs/%lld/result.csv",
                                                    (long long) id);

  pdn_test_api_assert_problem (csv, 409, "conflict", "status");
  open_gate (gate);
  g_clear_pointer (&running, json_object_unref);
  running = poll_run (world->admin, id, "done", 1.0);
}

static void
assert_start_refused (const gchar *token, const gchar *parameters, guint status,
                      const gchar *code, const gchar *field)
{
  g_autofree gchar *body = g_strdup_printf ("{\"parameters\":%s}", parameters);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", token, body,
                                                      "/analyses/test-count/runs");

  pdn_test_api_assert_problem (reply, status, code, field);
}

static void
test_access (void)
{
  gint64 program_a = pdn_test_add_program (world->store, world->org_a, "2026-27");
  gint64 program_b = pdn_test_add_program (world->store, world->org_b, "2026-27");
  g_autofree gchar *own = g_strdup_printf ("{\"program_ids\":[%lld]}", (long long) program_a);
  g_autofree gchar *other = g_strdup_printf ("{\"program_ids\":[%lld,%lld]}",
                                             (long long) program_a, (long long) program_b);
  gint64 mine, admins;

  pdn_test_api_assert_needs_token (world, "POST", "/analyses/test-count/runs",
                                   "{\"parameters\":{}}");
  assert_start_refused (world->teacher, "{}", 403, "forbidden", NULL);
  /* The analysis takes program_ids: others than admins must name theirs. */
  assert_start_refused (world->coord_a, "{}", 400, "invalid-input", "parameters.program_ids");
  assert_start_refused (world->coord_a, other, 403, "forbidden", NULL);
  assert_start_refused (world->lead_a, "{\"program_ids\":[999999]}", 400, "invalid-input",
                        "parameters.program_ids");
  mine = start (world->lead_a, own);
  admins = start (world->admin, "{}");
  {
    g_autoptr (PdnTestReply) theirs = get_run (world->coord_a, mine);
    g_autoptr (PdnTestReply) teacher = get_run (world->teacher, mine);
    g_autoptr (PdnTestReply) by_admin = get_run (world->admin, mine);
    g_autoptr (PdnTestReply) cancel = pdn_test_api_call (world, "DELETE", world->coord_b, NULL,
                                                         "/analysis-runs/%lld",
                                                         (long long) mine);
    g_autoptr (PdnTestReply) csv = pdn_test_api_call (world, "GET", world->coord_b, NULL,
                                                      "/analysis-runs/%lld/result.csv",
                                                      (long long) admins);
    g_autoptr (PdnTestReply) unknown = get_run (world->admin, 999999);

    pdn_test_api_assert_problem (theirs, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (teacher, 403, "forbidden", NULL);
    pdn_test_api_expect (by_admin, 200);
    pdn_test_api_assert_problem (cancel, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (csv, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (unknown, 404, "not-found", NULL);
    pdn_test_api_assert_needs_token (world, "GET", "/analysis-runs/1", NULL);
  }
  json_object_unref (poll_run (world->lead_a, mine, "done", 1.0));
  json_object_unref (poll_run (world->admin, admins, "done", 1.0));
}

static void
test_failures (void)
{
  gint64 refused = start (world->admin, "{\"fail\":true}");
  gint64 malformed = start (world->admin, "{\"malformed\":true}");
  g_autoptr (JsonObject) failed = poll_run (world->admin, refused, "failed", 0);
  g_autoptr (JsonObject) broken = poll_run (world->admin, malformed, "failed", 0);

  g_assert_cmpstr (json_object_get_string_member (failed, "error"), ==,
                   "The test analysis was asked to fail.");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (failed, "result")));
  g_assert_nonnull (strstr (json_object_get_string_member (broken, "error"), "test-count"));
  pdn_test_api_assert_serving (world);
}

/* The analysis computes on its own thread: the server keeps answering. */
static void
test_serving_while_running (void)
{
  g_autofree gchar *gate = new_gate ();
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = start (world->admin, parameters);
  g_autoptr (JsonObject) running = poll_run (world->admin, id, "running", 0.5);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                         "/analyses");
      pdn_test_api_assert_serving (world);
      pdn_test_api_expect (list, 200);
    }
  g_clear_pointer (&running, json_object_unref);
  running = poll_run (world->admin, id, "running", 0.5);
  open_gate (gate);
  g_clear_pointer (&running, json_object_unref);
  running = poll_run (world->admin, id, "done", 1.0);
}

/* A run computing when the daemon dies is failed when it starts again;
 * one computing when it stops cleanly is failed on the way out. */
static void
test_interrupted (void)
{
  g_autofree gchar *gate = new_gate ();
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 killed = start (world->admin, parameters);
  gint64 stopped = 0;
  g_autoptr (JsonObject) running = poll_run (world->admin, killed, "running", 0.5);
  g_autoptr (JsonObject) failed = NULL;
  g_autoptr (JsonObject) failed_too = NULL;

  pdn_test_daemon_kill (world->daemon);
  pdn_test_daemon_run (world->daemon, CONFIG, NULL);
  failed = poll_run (world->admin, killed, "failed", 0);
  g_assert_nonnull (strstr (json_object_get_string_member (failed, "error"), "server stopped"));
  stopped = start (world->admin, parameters);
  g_clear_pointer (&running, json_object_unref);
  running = poll_run (world->admin, stopped, "running", 0.5);
  pdn_test_daemon_restart (world->daemon, CONFIG);
  failed_too = poll_run (world->admin, stopped, "failed", 0);
  g_assert_nonnull (strstr (json_object_get_string_member (failed_too, "error"),
                            "server stopped"));
}

static void
copy_module (const gchar *name)
{
  g_autofree gchar *file = g_strdup_printf ("test-plugin-%s.%s", name, G_MODULE_SUFFIX);
  g_autofree gchar *from = g_build_filename (g_getenv ("PDNET_TEST_PLUGIN_DIR"), file, NULL);
  g_autofree gchar *to = g_build_filename (plugin_dir, file, NULL);
  g_autofree gchar *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

static void
remove_dir (const gchar *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  plugin_dir = g_dir_make_tmp ("pdnet-analyses-XXXXXX", &error);
  g_assert_no_error (error);
  gates = g_dir_make_tmp ("pdnet-gates-XXXXXX", &error);
  g_assert_no_error (error);
  copy_module ("count");
  g_setenv ("PDNET_PLUGIN_DIR", plugin_dir, TRUE);
  world = pdn_test_world_new_with_config (CONFIG);
  g_test_add_func ("/pdnet/api/analyses/list", test_list);
  g_test_add_func ("/pdnet/api/analyses/run-to-done", test_run_to_done);
  g_test_add_func ("/pdnet/api/analyses/parameters-refused", test_parameters_refused);
  g_test_add_func ("/pdnet/api/analyses/floor-raised", test_floor_raised);
  g_test_add_func ("/pdnet/api/analyses/cancel", test_cancel);
  g_test_add_func ("/pdnet/api/analyses/csv-and-plot", test_csv_and_plot);
  g_test_add_func ("/pdnet/api/analyses/csv-before-done", test_csv_before_done);
  g_test_add_func ("/pdnet/api/analyses/access", test_access);
  g_test_add_func ("/pdnet/api/analyses/failures", test_failures);
  g_test_add_func ("/pdnet/api/analyses/serving-while-running", test_serving_while_running);
  g_test_add_func ("/pdnet/api/analyses/interrupted", test_interrupted);
  status = g_test_run ();
  pdn_test_world_free (world);
  remove_dir (plugin_dir);
  remove_dir (gates);
  g_free (plugin_dir);
  g_free (gates);
  return status;
}
