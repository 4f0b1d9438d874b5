/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-request.h"
#include "pdn-analysis-run.h"
#include "pdn-analysis-runner.h"
#include "pdn-plugin-registry.h"
#include "pdn-store-pool.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * Analysis runs with the test module tests/plugins/test-plugin-count: a
 * request is validated with floors applied, a run goes queued → running →
 * done with a reproducible result document, failures keep a clean
 * message, cancelling stops a running or queued run, the analysis reads
 * one snapshot, and runs a stopped process left are marked failed.
 */

typedef struct
{
  PdnTestDir *dir;
  gchar *path;
  PdnStorePool *pool;
  PdnPluginRegistry *registry;
  PdnAnalysisRunner *runner;
  PdnAnalysisSettings settings;
} Fixture;

static PdnAnalysisRunner *
new_runner (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  PdnAnalysisRunner *runner = pdn_analysis_runner_new (f->path, &f->settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runner);
  return runner;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *file = g_strdup_printf ("test-plugin-count.%s", G_MODULE_SUFFIX);
  g_autofree gchar *module = g_build_filename (g_getenv ("PDNET_TEST_PLUGIN_DIR"), file, NULL);
  gint64 org;

  f->dir = pdn_test_dir_new ();
  f->path = pdn_test_dir_file (f->dir, "pdnet.db");
  f->pool = pdn_store_pool_new (f->path, &error);
  g_assert_no_error (error);
  org = pdn_test_add_organization (PDN_STORE (f->pool), "district-a");
  pdn_test_add_school (PDN_STORE (f->pool), org, "Lincoln Elementary");
  pdn_test_add_school (PDN_STORE (f->pool), org, "Grant Middle");
  f->registry = pdn_plugin_registry_new ();
  g_assert_nonnull (pdn_plugin_registry_load_module (f->registry, module, PDN_STORE (f->pool),
                                                     NULL, &error));
  g_assert_no_error (error);
  pdn_analysis_settings_init (&f->settings);
  /* One worker: a second run waits queued behind the first. */
  f->settings.workers = GPOINTER_TO_UINT (data) > 0 ? GPOINTER_TO_UINT (data) : 2;
  f->runner = new_runner (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->runner);
  g_clear_object (&f->registry);
  g_clear_object (&f->pool);
  g_free (f->path);
  pdn_test_dir_free (f->dir);
}

static PdnAnalysisRequest *
request (Fixture *f, const gchar *parameters, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (parameters, NULL);

  return pdn_analysis_request_new (f->registry, "test-count", node, "parameters", &f->settings,
                                   error);
}

/* Queues a run as POST /analyses/{id}/runs does. */
static gint64
submit (Fixture *f, const gchar *parameters)
{
  g_autoptr (GError) error = NULL;
  PdnAnalysisRequest *prepared = request (f, parameters, &error);
  g_autoptr (PdnAnalysisRun) run = NULL;

  g_assert_no_error (error);
  run = pdn_analysis_run_new ("test-count", "1.2", 0,
                              pdn_analysis_request_get_parameters (prepared));
  g_assert_true (pdn_analysis_run_insert (run, PDN_STORE (f->pool), &error));
  g_assert_no_error (error);
  g_assert_true (pdn_analysis_runner_submit (f->runner, prepared, run->id, NULL, &error));
  g_assert_no_error (error);
  return run->id;
}

static PdnAnalysisRun *
load (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdnAnalysisRun *run = pdn_analysis_run_load (PDN_STORE (f->pool), id, &error);

  g_assert_no_error (error);
  return run;
}

/* Polls until the runner shows @id at @progress at least. */
static void
wait_progress (Fixture *f, gint64 id, gdouble progress)
{
  gdouble now = 0;

  while (!pdn_analysis_runner_get_progress (f->runner, id, &now, NULL) || now < progress)
    g_usleep (5000);
}

/* Cancels as DELETE /analysis-runs/{id} does: recorded, then asked. */
static void
cancel (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  gboolean finished = FALSE;

  g_assert_true (pdn_analysis_run_mark_finished (PDN_STORE (f->pool), id,
                                                 PDN_ANALYSIS_RUN_CANCELLED, -1, NULL, NULL,
                                                 NULL, &finished, &error));
  g_assert_no_error (error);
  g_assert_true (finished);
  pdn_analysis_runner_cancel (f->runner, id);
}

static JsonObject *
find_statistic (JsonObject *result, const gchar *name)
{
  JsonArray *statistics = json_object_get_array_member (result, "statistics");

  for (guint i = 0; i < json_array_get_length (statistics); i++)
    {
      JsonObject *statistic = json_array_get_object_element (statistics, i);
      if (g_str_equal (json_object_get_string_member (statistic, "name"), name))
        return statistic;
    }
  g_assert_not_reached ();
}

static void
test_done (Fixture *f, gconstpointer data)
{
  gint64 id = submit (f, "{\"min_students\":1,\"steps\":3}");
  g_autoptr (PdnAnalysisRun) run = NULL;
  JsonObject *result, *parameters, *table;

  pdn_analysis_runner_wait (f->runner, id);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_DONE);
  g_assert_cmpfloat (run->progress, ==, 1.0);
  g_assert_nonnull (run->started_at);
  g_assert_nonnull (run->finished_at);
  g_assert_nonnull (run->snapshot_at);
  g_assert_null (run->error);
  result = run->result;
  g_assert_nonnull (result);
  /* Reproducible: the versions, snapshot and effective parameters. */
  g_assert_cmpstr (json_object_get_string_member (result, "analysis_id"), ==, "test-count");
  g_assert_cmpstr (json_object_get_string_member (result, "pdnet_version"), ==,
                   pdn_version_string ());
  g_assert_cmpstr (json_object_get_string_member (result, "plugin_version"), ==, "1.2");
  g_assert_cmpstr (json_object_get_string_member (result, "snapshot_at"), ==, run->snapshot_at);
  parameters = json_object_get_object_member (result, "parameters");
  /* Floors: the request's 1 became 10; defaults filled in. */
  g_assert_cmpint (json_object_get_int_member (parameters, "min_students"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (parameters, "delay_ms"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (run->parameters, "min_students"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (find_statistic (result, "schools"), "value"), ==,
                   2);
  table = json_array_get_object_element (json_object_get_array_member (result, "tables"), 0);
  g_assert_cmpstr (json_object_get_string_member (table, "name"), ==,
                   "Schools per organization");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "csv"), "organization,"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "plot_svg"), "<svg"));
}

/* Two schools, a floor of 10: the organization's count is suppressed,
 * and the raised request is a caveat. */
static void
test_floor_suppresses (Fixture *f, gconstpointer data)
{
  gint64 id = submit (f, "{\"min_students\":3}");
  g_autoptr (PdnAnalysisRun) run = NULL;
  JsonArray *caveats, *rows;
  gboolean raised = FALSE;

  pdn_analysis_runner_wait (f->runner, id);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_DONE);
  rows = json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (run->result, "tables"), 0),
      "rows");
  g_assert_true (JSON_NODE_HOLDS_NULL (
      json_array_get_element (json_array_get_array_element (rows, 0), 1)));
  caveats = json_object_get_array_member (run->result, "caveats");
  for (guint i = 0; i < json_array_get_length (caveats); i++)
    raised |= strstr (json_array_get_string_element (caveats, i),
                      "min_students was raised from 3 to 10")
              != NULL;
  g_assert_true (raised);
}

static void
test_request_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) unknown = NULL;
  g_autoptr (GError) parameter = NULL;
  g_autoptr (GError) bounds = NULL;
  g_autoptr (GError) not_object = NULL;
  g_autoptr (JsonNode) list = json_from_string ("[1]", NULL);

  g_assert_null (pdn_analysis_request_new (f->registry, "no-such", NULL, "parameters",
                                           &f->settings, &unknown));
  g_assert_error (unknown, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_null (request (f, "{\"min_studnets\":12}", &parameter));
  g_assert_error (parameter, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (parameter), ==, "parameters.min_studnets");
  /* Below the schema's own minimum is invalid; below the floor is not. */
  g_assert_null (request (f, "{\"min_students\":0}", &bounds));
  g_assert_cmpstr (pdn_error_get_field (bounds), ==, "parameters.min_students");
  g_assert_null (pdn_analysis_request_new (f->registry, "test-count", list, "parameters",
                                           &f->settings, &not_object));
  g_assert_cmpstr (pdn_error_get_field (not_object), ==, "parameters");
}

static void
test_failed (Fixture *f, gconstpointer data)
{
  gint64 id = submit (f, "{\"fail\":true}");
  g_autoptr (PdnAnalysisRun) run = NULL;

  pdn_analysis_runner_wait (f->runner, id);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_FAILED);
  g_assert_cmpstr (run->error, ==, "The test analysis was asked to fail.");
  g_assert_null (run->result);
  g_assert_nonnull (run->finished_at);
}

/* Progress rises in memory and, throttled, in the row. */
static void
test_progress_stored (Fixture *f, gconstpointer data)
{
  g_autofree gchar *gate = pdn_test_dir_file (f->dir, "gate");
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = submit (f, parameters);
  g_autoptr (PdnAnalysisRun) run = NULL;
  g_autofree gchar *message = NULL;
  gdouble progress = 0;

  wait_progress (f, id, 0.5);
  g_assert_true (pdn_analysis_runner_get_progress (f->runner, id, &progress, &message));
  g_assert_cmpfloat (progress, ==, 0.5);
  g_assert_cmpstr (message, ==, "Waiting for the gate");
  /* The module reports every 10 ms, so the row catches up. */
  while (TRUE)
    {
      g_autoptr (PdnAnalysisRun) now = load (f, id);

      g_assert_cmpint (now->status, ==, PDN_ANALYSIS_RUN_RUNNING);
      if (now->progress >= 0.5)
        break;
      g_usleep (10000);
    }
  g_assert_true (g_file_set_contents (gate, "", 0, NULL));
  pdn_analysis_runner_wait (f->runner, id);
  g_assert_false (pdn_analysis_runner_get_progress (f->runner, id, &progress, NULL));
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_DONE);
  g_assert_cmpfloat (run->progress, ==, 1.0);
}

/* A running analysis stops when cancelled: the wait below returns only
 * once its thread is done, and the gate never opens. */
static void
test_cancel_running (Fixture *f, gconstpointer data)
{
  g_autofree gchar *gate = pdn_test_dir_file (f->dir, "never");
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = submit (f, parameters);
  g_autoptr (PdnAnalysisRun) run = NULL;

  wait_progress (f, id, 0.5);
  cancel (f, id);
  pdn_analysis_runner_wait (f->runner, id);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_CANCELLED);
  g_assert_cmpfloat (run->progress, <, 1.0);
  g_assert_null (run->result);
  g_assert_false (pdn_analysis_runner_cancel (f->runner, id));
}

/* With one worker, the second run waits queued; cancelled there, it
 * never starts. */
static void
test_cancel_queued (Fixture *f, gconstpointer data)
{
  g_autofree gchar *gate = pdn_test_dir_file (f->dir, "gate");
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 first = submit (f, parameters);
  gint64 second = 0;
  g_autoptr (PdnAnalysisRun) queued = NULL;
  g_autoptr (PdnAnalysisRun) cancelled = NULL;
  g_autoptr (PdnAnalysisRun) done = NULL;

  wait_progress (f, first, 0.5);
  second = submit (f, "{}");
  queued = load (f, second);
  g_assert_cmpint (queued->status, ==, PDN_ANALYSIS_RUN_QUEUED);
  cancel (f, second);
  g_assert_true (g_file_set_contents (gate, "", 0, NULL));
  pdn_analysis_runner_wait (f->runner, second);
  pdn_analysis_runner_wait (f->runner, first);
  cancelled = load (f, second);
  g_assert_cmpint (cancelled->status, ==, PDN_ANALYSIS_RUN_CANCELLED);
  g_assert_null (cancelled->started_at);
  done = load (f, first);
  g_assert_cmpint (done->status, ==, PDN_ANALYSIS_RUN_DONE);
}

/* A school added while the analysis runs is not in what it reads: it
 * counts the same at its end as at its start. */
static void
test_one_snapshot (Fixture *f, gconstpointer data)
{
  g_autofree gchar *gate = pdn_test_dir_file (f->dir, "gate");
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = submit (f, parameters);
  g_autoptr (PdnAnalysisRun) run = NULL;
  gint64 org;

  wait_progress (f, id, 0.5);
  org = pdn_test_add_organization (PDN_STORE (f->pool), "charter-b");
  pdn_test_add_school (PDN_STORE (f->pool), org, "Harbor Charter");
  g_assert_true (g_file_set_contents (gate, "", 0, NULL));
  pdn_analysis_runner_wait (f->runner, id);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_DONE);
  g_assert_cmpint (json_object_get_int_member (find_statistic (run->result, "schools"), "value"),
                   ==, 2);
  g_assert_cmpint (
      json_object_get_int_member (find_statistic (run->result, "schools_at_end"), "value"), ==,
      2);
  /* Nor is its organization, in the table. */
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (run->result, "tables"),
                                         0),
          "rows")),
      ==, 1);
  g_assert_cmpint (pdn_test_query_int (PDN_STORE (f->pool),
                                       "SELECT COUNT(*) FROM schools WHERE id > ?", 0),
                   ==, 3);
}

/* Runs a stopped process left queued or running are failed at start;
 * finished ones keep their status. */
static void
test_interrupted_failed_at_start (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAnalysisRun) queued = pdn_analysis_run_new ("test-count", "1.2", 0, NULL);
  g_autoptr (PdnAnalysisRun) running = pdn_analysis_run_new ("test-count", "1.2", 0, NULL);
  g_autoptr (PdnAnalysisRun) failed = NULL;
  g_autoptr (PdnAnalysisRun) stopped = NULL;
  g_autoptr (PdnAnalysisRun) kept = NULL;
  gint64 done = submit (f, "{}");
  gboolean started = FALSE;

  pdn_analysis_runner_wait (f->runner, done);
  g_clear_object (&f->runner);
  g_assert_true (pdn_analysis_run_insert (queued, PDN_STORE (f->pool), &error));
  g_assert_true (pdn_analysis_run_insert (running, PDN_STORE (f->pool), &error));
  g_assert_true (pdn_analysis_run_mark_running (PDN_STORE (f->pool), running->id, &started,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (started);
  f->runner = new_runner (f);
  failed = load (f, queued->id);
  stopped = load (f, running->id);
  kept = load (f, done);
  g_assert_cmpint (failed->status, ==, PDN_ANALYSIS_RUN_FAILED);
  g_assert_cmpint (stopped->status, ==, PDN_ANALYSIS_RUN_FAILED);
  g_assert_nonnull (strstr (stopped->error, "server stopped"));
  g_assert_nonnull (stopped->finished_at);
  g_assert_cmpint (kept->status, ==, PDN_ANALYSIS_RUN_DONE);
}

/* Stopping the server fails a running run (nobody cancelled it) and
 * refuses new ones. */
static void
test_shutdown (Fixture *f, gconstpointer data)
{
  g_autofree gchar *gate = pdn_test_dir_file (f->dir, "never");
  g_autofree gchar *parameters = g_strdup_printf ("{\"gate\":\"%s\"}", gate);
  gint64 id = submit (f, parameters);
  g_autoptr (PdnAnalysisRun) run = NULL;
  g_autoptr (GError) error = NULL;
  PdnAnalysisRequest *late = NULL;

  wait_progress (f, id, 0.5);
  pdn_analysis_runner_shutdown (f->runner);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_FAILED);
  g_assert_nonnull (strstr (run->error, "server stopped"));
  late = request (f, "{}", &error);
  g_assert_no_error (error);
  g_assert_false (pdn_analysis_runner_submit (f->runner, late, id + 1, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
}

/* A finished run cannot be finished again: a cancel after done is
 * refused, which DELETE answers 409. */
static void
test_finished_stays (Fixture *f, gconstpointer data)
{
  gint64 id = submit (f, "{}");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAnalysisRun) run = NULL;
  gboolean finished = TRUE;

  pdn_analysis_runner_wait (f->runner, id);
  g_assert_true (pdn_analysis_run_mark_finished (PDN_STORE (f->pool), id,
                                                 PDN_ANALYSIS_RUN_CANCELLED, -1, NULL, NULL,
                                                 NULL, &finished, &error));
  g_assert_false (finished);
  run = load (f, id);
  g_assert_cmpint (run->status, ==, PDN_ANALYSIS_RUN_DONE);
  g_assert_null (pdn_analysis_run_load (PDN_STORE (f->pool), id + 100, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, workers, func)                                                                 \
  g_test_add ("/pdnet/analysis-runner/" name, Fixture, GUINT_TO_POINTER (workers),              \
              fixture_set_up, func, fixture_tear_down)
  ADD ("done", 0, test_done);
  ADD ("floor-suppresses", 0, test_floor_suppresses);
  ADD ("request-refused", 0, test_request_refused);
  ADD ("failed", 0, test_failed);
  ADD ("progress-stored", 0, test_progress_stored);
  ADD ("cancel-running", 0, test_cancel_running);
  ADD ("cancel-queued", 1, test_cancel_queued);
  ADD ("one-snapshot", 0, test_one_snapshot);
  ADD ("interrupted-failed-at-start", 0, test_interrupted_failed_at_start);
  ADD ("shutdown", 0, test_shutdown);
  ADD ("finished-stays", 0, test_finished_stays);
  return g_test_run ();
}
