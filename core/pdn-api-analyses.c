/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-analysis-run.h"
#include "pdn-analysis-runner.h"
#include "pdn-api-analyses.h"
#include "pdn-api-caller.h"
#include "pdn-api-resource.h"
#include "pdn-json-schema.h"

/*
 * Analyses: any signed-in account lists them; admins, coordinators and
 * leads start runs (the same people who run reports). When an analysis
 * takes program_ids (or program_id), a coordinator or lead must name
 * programs their organization leads or partners in; only admins may
 * leave them out to analyze every program. A run is seen and cancelled
 * by the account that started it and by admins.
 */

static PdnPluginRegistry *
registry (void)
{
  return pdn_plugin_registry_get_default ();
}

/* ---- GET /analyses ---- */

static JsonNode *
copy_member (JsonObject *object, const gchar *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? pdn_json_schema_copy (node) : NULL;
}

static JsonNode *
analysis_json (const gchar *id)
{
  JsonObject *description = pdn_plugin_registry_describe_analysis (registry (), id);
  PdnPlugin *plugin = pdn_plugin_registry_find_analysis (registry (), id);
  JsonObject *object = json_object_new ();
  const gchar *name = json_object_get_string_member_with_default (description, "name", id);
  const gchar *text = json_object_get_string_member_with_default (description, "description",
                                                                  NULL);
  JsonNode *outputs = copy_member (description, "outputs");

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", _(name));
  pdn_api_json_set_text (object, "description", text != NULL ? _(text) : NULL);
  json_object_set_string_member (object, "plugin_id", pdn_plugin_get_id (plugin));
  json_object_set_string_member (object, "plugin_version", pdn_plugin_get_version (plugin));
  json_object_set_member (object, "parameters", copy_member (description, "parameters"));
  if (outputs != NULL && JSON_NODE_HOLDS_ARRAY (outputs))
    json_object_set_member (object, "outputs", outputs);
  else
    {
      g_clear_pointer (&outputs, json_node_unref);
      json_object_set_array_member (object, "outputs", json_array_new ());
    }
  return pdn_api_json_node (object);
}

/* The floors in force: the runner's, or the defaults when none runs. */
static void
current_settings (PdnAnalysisSettings *settings)
{
  g_autoptr (PdnAnalysisRunner) runner = pdn_analysis_runner_dup_default ();

  if (runner != NULL)
    *settings = *pdn_analysis_runner_get_settings (runner);
  else
    pdn_analysis_settings_init (settings);
}

static JsonNode *
list_analyses (PdnRequest *request, gpointer user_data, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, user_data, error);
  g_autoptr (GPtrArray) ids = NULL;
  JsonObject *object, *floors;
  JsonArray *items;
  PdnAnalysisSettings settings;

  if (caller == NULL)
    return NULL;
  ids = pdn_plugin_registry_list_analyses (registry ());
  items = json_array_new ();
  for (guint i = 0; i < ids->len; i++)
    json_array_add_element (items, analysis_json (g_ptr_array_index (ids, i)));
  current_settings (&settings);
  floors = json_object_new ();
  json_object_set_int_member (floors, "min_students", settings.min_students);
  json_object_set_int_member (floors, "min_respondents", settings.min_respondents);
  object = json_object_new ();
  json_object_set_array_member (object, "items", items);
  json_object_set_object_member (object, "privacy_floors", floors);
  return pdn_api_json_node (object);
}

/* ---- a run as the API shows it ---- */

static gchar *
run_path (gint64 id, const gchar *suffix)
{
  return g_strdup_printf (PDN_API_PREFIX "/analysis-runs/%lld%s", (long long) id, suffix);
}

/* The result without its CSV and plot, which have their own URLs. */
static void
set_result (JsonObject *object, PdnAnalysisRun *run)
{
  g_autoptr (JsonNode) copy = NULL;
  JsonObject *result;
  const gchar *const links[][2] = { { "csv", "csv_url" }, { "plot_svg", "plot_url" } };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree gchar *url = NULL;

      if (run->result != NULL && json_object_has_member (run->result, links[i][0]))
        url = run_path (run->id, i == 0 ? "/result.csv" : "/plot.svg");
      pdn_api_json_set_text (object, links[i][1], url);
    }
  if (run->result == NULL)
    {
      json_object_set_null_member (object, "result");
      return;
    }
  {
    g_autoptr (JsonNode) stored = json_node_init_object (json_node_alloc (), run->result);
    copy = pdn_json_schema_copy (stored);
  }
  result = json_node_get_object (copy);
  json_object_remove_member (result, "csv");
  json_object_remove_member (result, "plot_svg");
  json_object_set_object_member (object, "result", json_object_ref (result));
}

/* A run still computing here shows its latest progress, which its row
 * has later (at most every half second). */
typedef struct
{
  gboolean known;
  gdouble progress;
  gchar *message;
} LiveProgress;

static void
live_progress_clear (LiveProgress *live)
{
  g_clear_pointer (&live->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiveProgress, live_progress_clear)

/* Read before the run's row: a run that finishes in between then shows
 * as finished, never as running at its last stored progress. */
static void
read_live_progress (gint64 id, LiveProgress *live)
{
  g_autoptr (PdnAnalysisRunner) runner = pdn_analysis_runner_dup_default ();

  live->known = runner != NULL
                && pdn_analysis_runner_get_progress (runner, id, &live->progress,
                                                     &live->message);
}

static void
set_progress (JsonObject *object, PdnAnalysisRun *run, const LiveProgress *live)
{
  gboolean finished = pdn_analysis_run_is_finished (run);
  gdouble progress = run->progress;

  if (!finished && live != NULL && live->known)
    progress = MAX (progress, live->progress);
  json_object_set_double_member (object, "progress", progress);
  pdn_api_json_set_text (object, "progress_message",
                         !finished && live != NULL ? live->message : NULL);
}

static JsonNode *
run_json (PdnAnalysisRun *run, const LiveProgress *live)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", run->id);
  json_object_set_string_member (object, "analysis_id", run->analysis_id);
  json_object_set_string_member (object, "plugin_version", run->plugin_version);
  pdn_api_json_set_id (object, "account_id", run->account_id);
  json_object_set_string_member (object, "status",
                                 pdn_analysis_run_status_to_string (run->status));
  set_progress (object, run, live);
  json_object_set_object_member (object, "parameters", json_object_ref (run->parameters));
  pdn_api_json_set_text (object, "error", run->error);
  json_object_set_string_member (object, "created_at", run->created_at);
  pdn_api_json_set_text (object, "started_at", run->started_at);
  pdn_api_json_set_text (object, "finished_at", run->finished_at);
  pdn_api_json_set_text (object, "snapshot_at", run->snapshot_at);
  set_result (object, run);
  return pdn_api_json_node (object);
}

/* The run the path names, if the caller started it or is an admin. */
static PdnAnalysisRun *
load_own_run (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnAnalysisRun) run = NULL;
  gint64 id = 0;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &id, error)
      || (run = pdn_analysis_run_load (store, id, error)) == NULL)
    return NULL;
  if (caller->role != PDN_LOGIN_ROLE_ADMIN && run->account_id != caller->id)
    {
      pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL,
                           _("Only the account that started an analysis run, and admins, may "
                             "see or cancel it"));
      return NULL;
    }
  return g_steal_pointer (&run);
}

/* ---- POST /analyses/{analysis}/runs ---- */

static JsonNode *
read_parameters (PdnRequest *request, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);
  g_autoptr (JsonNode) parameters = NULL;

  if (fields == NULL || !pdn_json_fields_get_object (fields, "parameters", &parameters, error)
      || !pdn_json_fields_finish (fields, error))
    return NULL;
  return parameters != NULL ? g_steal_pointer (&parameters)
                            : json_node_init_object (json_node_alloc (), json_object_new ());
}

/* The programs named by program_ids and program_id, and which of the two
 * the schema has (for the field of a refusal). */
static GArray *
named_programs (JsonObject *schema, JsonObject *parameters, const gchar **field)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *list = json_object_get_member (parameters, "program_ids");
  JsonNode *one = json_object_get_member (parameters, "program_id");

  *field = NULL;
  if (pdn_json_schema_get_property (schema, "program_id") != NULL)
    *field = "parameters.program_id";
  if (pdn_json_schema_get_property (schema, "program_ids") != NULL)
    *field = "parameters.program_ids";
  for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list)
                    && i < json_array_get_length (json_node_get_array (list));
       i++)
    {
      gint64 id = json_array_get_int_element (json_node_get_array (list), i);
      g_array_append_val (ids, id);
    }
  if (one != NULL && JSON_NODE_HOLDS_VALUE (one))
    {
      gint64 id = json_node_get_int (one);
      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
check_programs (PdnStore *store, PdnAccount *caller, JsonObject *schema, JsonObject *parameters,
                GError **error)
{
  const gchar *field = NULL;
  g_autoptr (GArray) ids = named_programs (schema, parameters, &field);

  if (field == NULL)
    return TRUE;
  if (ids->len == 0 && caller->role != PDN_LOGIN_ROLE_ADMIN)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("Name the programs to analyze in %s; only admins may analyze "
                             "every program"),
                           strchr (field, '.') + 1);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!pdn_store_require_row (store, "SELECT COUNT(*) FROM programs WHERE id = ?", id,
                                  PDN_ERROR_INVALID_INPUT, field, error,
                                  _("No program has id %lld"), (long long) id)
          || !pdn_access_check_run_reports (store, caller, id, error))
        return FALSE;
    }
  return TRUE;
}

static PdnAnalysisRunner *
require_runner (GError **error)
{
  PdnAnalysisRunner *runner = pdn_analysis_runner_dup_default ();

  if (runner == NULL)
    pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                         _("This server does not run analyses now; try again later."));
  return runner;
}

/* Validated, floors applied, and allowed for @caller. */
static PdnAnalysisRequest *
prepare_request (PdnRequest *request, PdnStore *store, PdnAccount *caller,
                 PdnAnalysisRunner *runner, GError **error)
{
  const gchar *analysis_id = pdn_request_get_param (request, "analysis");
  g_autoptr (JsonNode) parameters = read_parameters (request, error);
  g_autoptr (PdnAnalysisRequest) prepared = NULL;
  JsonObject *schema;

  if (parameters == NULL)
    return NULL;
  prepared = pdn_analysis_request_new (registry (), analysis_id, parameters, "parameters",
                                       pdn_analysis_runner_get_settings (runner), error);
  if (prepared == NULL)
    return NULL;
  schema = json_object_get_object_member (
      pdn_plugin_registry_describe_analysis (registry (), analysis_id), "parameters");
  if (!check_programs (store, caller, schema, pdn_analysis_request_get_parameters (prepared),
                       error))
    return NULL;
  return g_steal_pointer (&prepared);
}

static JsonNode *
start_run (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnAnalysisRunner) runner = NULL;
  g_autoptr (PdnAnalysisRequest) prepared = NULL;
  g_autoptr (PdnAnalysisRun) run = NULL;
  g_autofree gchar *location = NULL;
  gint64 scope = 0;

  if (caller == NULL || !pdn_access_report_scope (caller, &scope, error)
      || (runner = require_runner (error)) == NULL
      || (prepared = prepare_request (request, store, caller, runner, error)) == NULL)
    return NULL;
  run = pdn_analysis_run_new (pdn_analysis_request_get_analysis_id (prepared),
                              pdn_plugin_get_version (pdn_analysis_request_get_plugin (prepared)),
                              caller->id, pdn_analysis_request_get_parameters (prepared));
  if (!pdn_analysis_run_insert (run, store, error)
      || !pdn_analysis_runner_submit (runner, g_steal_pointer (&prepared), run->id,
                                      pdn_request_get_language (request), error))
    return NULL;
  location = run_path (run->id, "");
  pdn_request_set_status (request, 202);
  pdn_request_set_response_header (request, "Location", location);
  return run_json (run, NULL);
}

/* ---- /analysis-runs/{id} ---- */

static JsonNode *
get_run (PdnRequest *request, gpointer user_data, GError **error)
{
  g_auto (LiveProgress) live = { 0 };
  g_autoptr (PdnAnalysisRun) run = NULL;
  gint64 id = 0;

  if (pdn_request_get_param_id (request, "id", &id, NULL))
    read_live_progress (id, &live);
  run = load_own_run (request, user_data, error);
  return run != NULL ? run_json (run, &live) : NULL;
}

static JsonNode *
cancel_run (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAnalysisRun) run = load_own_run (request, store, error);
  g_autoptr (PdnAnalysisRun) cancelled = NULL;
  g_autoptr (PdnAnalysisRunner) runner = pdn_analysis_runner_dup_default ();
  g_auto (LiveProgress) live = { 0 };
  gboolean finished = FALSE;

  if (run == NULL)
    return NULL;
  /* The run keeps the progress it had reached, not its last stored one. */
  read_live_progress (run->id, &live);
  if (!pdn_analysis_run_mark_finished (store, run->id, PDN_ANALYSIS_RUN_CANCELLED,
                                       live.known ? live.progress : -1, NULL, NULL, NULL,
                                       &finished, error))
    return NULL;
  if (!finished)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "status",
                           /* TRANSLATORS: %s is a run's status: done, failed or cancelled */
                           _("This run is %s already; only a queued or running run can be "
                             "cancelled"),
                           pdn_analysis_run_status_to_string (run->status));
      return NULL;
    }
  /* Recorded first: the analysis stops at its next check, and its thread
   * then finds the run cancelled and leaves it so. */
  if (runner != NULL)
    pdn_analysis_runner_cancel (runner, run->id);
  cancelled = pdn_analysis_run_load (store, run->id, error);
  return cancelled != NULL ? run_json (cancelled, NULL) : NULL;
}

/* The result's @member as a file, for a run that is done. */
static const gchar *
result_text (PdnAnalysisRun *run, const gchar *member, const gchar *missing, GError **error)
{
  if (run->status != PDN_ANALYSIS_RUN_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "status",
                           /* TRANSLATORS: %s is a run's status: queued, running... */
                           _("This run has no result: it is %s"),
                           pdn_analysis_run_status_to_string (run->status));
      return NULL;
    }
  if (run->result == NULL || !json_object_has_member (run->result, member))
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, "%s", missing);
      return NULL;
    }
  return json_object_get_string_member (run->result, member);
}

static void
respond_file (PdnRequest *request, PdnAnalysisRun *run, const gchar *text,
              const gchar *content_type, const gchar *disposition, const gchar *extension)
{
  g_autofree gchar *header = g_strdup_printf ("%s; filename=\"%s-run-%lld.%s\"", disposition,
                                              run->analysis_id, (long long) run->id, extension);

  pdn_request_set_response_header (request, "Content-Disposition", header);
  pdn_request_take_response (request, content_type, g_bytes_new (text, strlen (text)));
}

static JsonNode *
get_result_csv (PdnRequest *request, gpointer user_data, GError **error)
{
  g_autoptr (PdnAnalysisRun) run = load_own_run (request, user_data, error);
  const gchar *csv = NULL;

  if (run == NULL
      || (csv = result_text (run, "csv", _("This run's analysis gives no CSV"), error)) == NULL)
    return NULL;
  respond_file (request, run, csv, "text/csv; charset=utf-8", "attachment", "csv");
  return NULL;
}

/* The SVG comes from a plugin: served so that a browser opening it runs
 * no script and loads nothing. */
static JsonNode *
get_plot_svg (PdnRequest *request, gpointer user_data, GError **error)
{
  g_autoptr (PdnAnalysisRun) run = load_own_run (request, user_data, error);
  const gchar *svg = NULL;

  if (run == NULL
      || (svg = result_text (run, "plot_svg", _("This run's analysis gives no plot"), error))
             == NULL)
    return NULL;
  pdn_request_set_response_header (request, "Content-Security-Policy",
                                   "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  pdn_request_set_response_header (request, "X-Content-Type-Options", "nosniff");
  respond_file (request, run, svg, "image/svg+xml", "inline", "svg");
  return NULL;
}

/* ---- OpenAPI ---- */

static const gchar analysis_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"parameters\",\"outputs\"],"
      "\"properties\":{\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
      "\"description\":{\"type\":[\"string\",\"null\"]},"
      "\"plugin_id\":{\"type\":\"string\"},\"plugin_version\":{\"type\":\"string\"},"
      "\"parameters\":{\"type\":\"object\",\"description\":\"A JSON Schema of the parameters "
      "object: properties of type integer, number, string, boolean or array, with enum, "
      "minimum, maximum, minItems, maxItems and default; members it does not list are "
      "refused\"},"
      "\"outputs\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"examples\":[\"tables\","
      "\"statistics\",\"csv\",\"plot\"]}}}}";

static const gchar analysis_list_schema[]
    = "{\"type\":\"object\",\"required\":[\"items\",\"privacy_floors\"],\"properties\":{"
      "\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Analysis\"}},"
      "\"privacy_floors\":{\"type\":\"object\",\"description\":\"The server's floors: "
      "min_students and min_respondents below these are raised\",\"properties\":{"
      "\"min_students\":{\"type\":\"integer\"},\"min_respondents\":{\"type\":\"integer\"}}}}}";

static const gchar analysis_result_schema[]
    = "{\"type\":\"object\",\"description\":\"Enough to reproduce the run: the parameters it "
      "used, the versions that computed it and the time of the data it read\","
      "\"required\":[\"analysis_id\",\"tables\",\"statistics\",\"caveats\",\"parameters\","
      "\"pdnet_version\",\"plugin_version\",\"snapshot_at\"],\"properties\":{"
      "\"analysis_id\":{\"type\":\"string\"},"
      "\"tables\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"name\","
      "\"columns\",\"rows\"],\"properties\":{\"name\":{\"type\":\"string\"},"
      "\"columns\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
      "\"rows\":{\"type\":\"array\",\"items\":{\"type\":\"array\"}}}}},"
      "\"statistics\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":"
      "[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\"}}}},"
      "\"caveats\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
      "\"parameters\":{\"type\":\"object\",\"description\":\"The effective parameters: "
      "defaults filled in, privacy floors applied\"},"
      "\"pdnet_version\":{\"type\":\"string\"},\"plugin_version\":{\"type\":\"string\"},"
      "\"snapshot_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}";

#define NULLABLE_TIME "{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"

static const gchar analysis_run_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"analysis_id\",\"status\",\"progress\","
      "\"parameters\",\"created_at\",\"result\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\"},\"analysis_id\":{\"type\":\"string\"},"
      "\"plugin_version\":{\"type\":\"string\"},"
      "\"account_id\":{\"type\":[\"integer\",\"null\"]},"
      "\"status\":{\"type\":\"string\",\"enum\":[\"queued\",\"running\",\"done\",\"failed\","
      "\"cancelled\"]},"
      "\"progress\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
      "\"progress_message\":{\"type\":[\"string\",\"null\"]},"
      "\"parameters\":{\"type\":\"object\"},"
      "\"error\":{\"type\":[\"string\",\"null\"],\"description\":\"Why a failed run failed\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},"
      "\"started_at\":" NULLABLE_TIME ",\"finished_at\":" NULLABLE_TIME ","
      "\"snapshot_at\":" NULLABLE_TIME ","
      "\"result\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/AnalysisResult\"},"
      "{\"type\":\"null\"}]},"
      "\"csv_url\":{\"type\":[\"string\",\"null\"]},\"plot_url\":{\"type\":[\"string\","
      "\"null\"]}}}";

#define RUN_CONTENT                                                                              \
  "\"content\":{\"application/json\":{\"schema\":{\"$ref\":"                                    \
  "\"#/components/schemas/AnalysisRun\"}}}"

static const gchar list_operation[]
    = "{\"operationId\":\"listAnalyses\",\"summary\":\"The analyses this server can run\","
      "\"description\":\"Each with the JSON Schema of its parameters and what its results "
      "hold; with the server's privacy floors.\",\"tags\":[\"analyses\"],"
      "\"responses\":{\"200\":{\"description\":\"The analyses\",\"content\":{"
      "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/AnalysisList\"}}}}}}";

static const gchar start_operation[]
    = "{\"operationId\":\"startAnalysisRun\",\"summary\":\"Run an analysis\","
      "\"description\":\"For admins, coordinators and leads. The parameters are checked "
      "against the analysis's schema (unknown ones refused, naming them), defaults filled in, "
      "and min_students / min_respondents raised to the server's floors. When the analysis "
      "takes program_ids, coordinators and leads must name programs their organization leads "
      "or partners in. The run is computed on a worker thread: poll its Location.\","
      "\"tags\":[\"analyses\"],\"requestBody\":{\"required\":true,\"content\":{"
      "\"application/json\":{"
      "\"schema\":{\"type\":\"object\",\"properties\":{\"parameters\":{\"type\":\"object\"}}}}}},"
      "\"responses\":{\"202\":{\"description\":\"Queued\",\"headers\":{\"Location\":{"
      "\"description\":\"The run\",\"schema\":{\"type\":\"string\"}}}," RUN_CONTENT "}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getAnalysisRun\",\"summary\":\"A run's status, progress and "
      "result\",\"description\":\"For the account that started it and admins.\","
      "\"tags\":[\"analyses\"],\"responses\":{\"200\":{\"description\":\"The run\","
      RUN_CONTENT "}}}";

static const gchar cancel_operation[]
    = "{\"operationId\":\"cancelAnalysisRun\",\"summary\":\"Cancel a queued or running "
      "run\",\"description\":\"The run is cancelled at once; its computation stops at the "
      "analysis's next check. 409 for a run that has finished.\",\"tags\":[\"analyses\"],"
      "\"responses\":{\"200\":{\"description\":\"The cancelled run\"," RUN_CONTENT "}}}";

static const gchar csv_operation[]
    = "{\"operationId\":\"getAnalysisRunCsv\",\"summary\":\"A finished run's result as "
      "CSV\",\"description\":\"404 when the analysis gives none; 409 before the run is "
      "done.\",\"tags\":[\"analyses\"],\"responses\":{\"200\":{\"description\":\"The CSV\","
      "\"content\":{\"text/csv\":{\"schema\":{\"type\":\"string\"}}}}}}";

static const gchar plot_operation[]
    = "{\"operationId\":\"getAnalysisRunPlot\",\"summary\":\"A finished run's plot as "
      "SVG\",\"description\":\"404 when the analysis gives none; 409 before the run is "
      "done.\",\"tags\":[\"analyses\"],\"responses\":{\"200\":{\"description\":\"The plot\","
      "\"content\":{\"image/svg+xml\":{\"schema\":{\"type\":\"string\"}}}}}}";

/**
 * pdn_api_analyses_register:
 * @store: (nullable): the store routes use (see pdn_api_register())
 *
 * Starting and cancelling a run are durable writes; the analysis itself
 * runs on the analysis runner's threads, never on the server's.
 */
void
pdn_api_analyses_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Analysis", analysis_schema);
  pdn_router_add_schema (router, "AnalysisList", analysis_list_schema);
  pdn_router_add_schema (router, "AnalysisResult", analysis_result_schema);
  pdn_router_add_schema (router, "AnalysisRun", analysis_run_schema);
  pdn_api_resource_add (router, "GET", "/analyses", PDN_ROUTE_DEFAULT, list_operation,
                        list_analyses, store);
  pdn_api_resource_add (router, "POST", "/analyses/{analysis}/runs",
                        PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE, start_operation, start_run, store);
  pdn_api_resource_add (router, "GET", "/analysis-runs/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_run, store);
  pdn_api_resource_add (router, "DELETE", "/analysis-runs/{id}", PDN_ROUTE_WRITE,
                        cancel_operation, cancel_run, store);
  pdn_api_resource_add (router, "GET", "/analysis-runs/{id}/result.csv", PDN_ROUTE_DEFAULT,
                        csv_operation, get_result_csv, store);
  pdn_api_resource_add (router, "GET", "/analysis-runs/{id}/plot.svg", PDN_ROUTE_DEFAULT,
                        plot_operation, get_plot_svg, store);
}
