/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-request.h"
#include "pdn-context-private.h"
#include "pdn-json-schema.h"
#include "pdn-plugin-runner.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

struct _PdnAnalysisRequest
{
  PdnPlugin *plugin;
  gchar *analysis_id;
  JsonObject *parameters;
  GPtrArray *caveats; /* the core's own, such as a raised floor */
};

void
pdn_analysis_request_free (PdnAnalysisRequest *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->plugin);
  g_free (self->analysis_id);
  g_clear_pointer (&self->parameters, json_object_unref);
  g_ptr_array_unref (self->caveats);
  g_free (self);
}

/* A copy of the caller's object, which validation then changes. */
static JsonObject *
copy_parameters (JsonNode *parameters, const gchar *field, GError **error)
{
  g_autoptr (JsonNode) copy = NULL;

  if (parameters == NULL || JSON_NODE_HOLDS_NULL (parameters))
    return json_object_new ();
  if (!JSON_NODE_HOLDS_OBJECT (parameters))
    {
      const gchar *name = field != NULL ? field : "parameters";
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name, _("%s must be a JSON object"),
                           name);
      return NULL;
    }
  copy = pdn_json_schema_copy (parameters);
  return json_object_ref (json_node_get_object (copy));
}

PdnAnalysisRequest *
pdn_analysis_request_new (PdnPluginRegistry *registry, const gchar *analysis_id,
                          JsonNode *parameters, const gchar *field,
                          const PdnAnalysisSettings *settings, GError **error)
{
  PdnPlugin *plugin = pdn_plugin_registry_find_analysis (registry, analysis_id);
  g_autoptr (PdnAnalysisRequest) self = NULL;
  JsonObject *schema;

  if (plugin == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, _("No analysis “%s” is loaded"),
                           analysis_id);
      return NULL;
    }
  schema = json_object_get_object_member (
      pdn_plugin_registry_describe_analysis (registry, analysis_id), "parameters");
  self = g_new0 (PdnAnalysisRequest, 1);
  self->plugin = g_object_ref (plugin);
  self->analysis_id = g_strdup (analysis_id);
  self->caveats = g_ptr_array_new_with_free_func (g_free);
  self->parameters = copy_parameters (parameters, field, error);
  if (self->parameters == NULL
      || !pdn_json_schema_validate (schema, self->parameters, field, error))
    return NULL;
  pdn_analysis_settings_apply_floors (settings, schema, self->parameters,
                                      parameters != NULL && JSON_NODE_HOLDS_OBJECT (parameters)
                                          ? json_node_get_object (parameters)
                                          : NULL,
                                      self->caveats);
  return g_steal_pointer (&self);
}

const gchar *
pdn_analysis_request_get_analysis_id (PdnAnalysisRequest *self)
{
  return self->analysis_id;
}

PdnPlugin *
pdn_analysis_request_get_plugin (PdnAnalysisRequest *self)
{
  return self->plugin;
}

JsonObject *
pdn_analysis_request_get_parameters (PdnAnalysisRequest *self)
{
  return self->parameters;
}

/* ---- the result ---- */

static gboolean
misbehaved (PdnAnalysisRequest *self, const gchar *what, GError **error)
{
  g_warning ("plugin %s: run returned a result whose %s", pdn_plugin_get_id (self->plugin),
             what);
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                       _("The plugin “%s” failed in %s; the server log says more"),
                       pdn_plugin_get_id (self->plugin), "run");
  return FALSE;
}

static gboolean
is_text (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Absent, or an array whose every element passes @check. */
static gboolean
is_array_of (JsonObject *result, const gchar *name, gboolean (*check) (JsonNode *node))
{
  JsonNode *node = json_object_get_member (result, name);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_named_object (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node)
         && json_object_get_string_member_with_default (json_node_get_object (node), "name",
                                                        NULL)
                != NULL;
}

/* {"name", "columns": [text...], "rows": [[...] each as long]} */
static gboolean
is_table (JsonNode *node)
{
  JsonObject *table;
  JsonNode *columns, *rows;
  guint width;

  if (!is_named_object (node))
    return FALSE;
  table = json_node_get_object (node);
  columns = json_object_get_member (table, "columns");
  rows = json_object_get_member (table, "rows");
  if (columns == NULL || !JSON_NODE_HOLDS_ARRAY (columns) || rows == NULL
      || !JSON_NODE_HOLDS_ARRAY (rows) || !is_array_of (table, "columns", is_text))
    return FALSE;
  width = json_array_get_length (json_node_get_array (columns));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (rows), i);
      if (!JSON_NODE_HOLDS_ARRAY (row)
          || json_array_get_length (json_node_get_array (row)) != width)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_result (PdnAnalysisRequest *self, JsonObject *result, GError **error)
{
  const gchar *const texts[] = { "csv", "plot_svg" };

  if (!is_array_of (result, "tables", is_table))
    return misbehaved (self, "\"tables\" are not [{\"name\", \"columns\", \"rows\"}]", error);
  if (!is_array_of (result, "statistics", is_named_object))
    return misbehaved (self, "\"statistics\" are not [{\"name\", ...}]", error);
  if (!is_array_of (result, "caveats", is_text))
    return misbehaved (self, "\"caveats\" are not strings", error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (json_object_has_member (result, texts[i])
        && !is_text (json_object_get_member (result, texts[i])))
      return misbehaved (self, "csv or plot_svg is not a string", error);
  return TRUE;
}

static JsonArray *
copy_array (JsonObject *result, const gchar *name)
{
  JsonNode *node = json_object_get_member (result, name);
  g_autoptr (JsonNode) copy = node != NULL ? pdn_json_schema_copy (node) : NULL;

  return copy != NULL ? json_array_ref (json_node_get_array (copy)) : json_array_new ();
}

/* The analysis's members, then what the core vouches for: a plugin
 * cannot misstate the parameters, versions or snapshot. */
static JsonObject *
build_document (PdnAnalysisRequest *self, JsonObject *result, const gchar *snapshot_at)
{
  JsonObject *document = json_object_new ();
  g_autoptr (GList) names = json_object_get_members (result);
  JsonArray *caveats = copy_array (result, "caveats");
  g_autoptr (JsonNode) parameters = json_node_init_object (json_node_alloc (), self->parameters);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (document, l->data,
                            json_node_copy (json_object_get_member (result, l->data)));
  json_object_set_array_member (document, "tables", copy_array (result, "tables"));
  json_object_set_array_member (document, "statistics", copy_array (result, "statistics"));
  for (guint i = 0; i < self->caveats->len; i++)
    json_array_add_string_element (caveats, g_ptr_array_index (self->caveats, i));
  json_object_set_array_member (document, "caveats", caveats);
  json_object_set_string_member (document, "analysis_id", self->analysis_id);
  json_object_set_member (document, "parameters", pdn_json_schema_copy (parameters));
  json_object_set_string_member (document, "pdnet_version", pdn_version_string ());
  json_object_set_string_member (document, "plugin_version",
                                 pdn_plugin_get_version (self->plugin));
  json_object_set_string_member (document, "snapshot_at", snapshot_at);
  return document;
}

/* The first read fixes a SQLite read transaction's snapshot: take it now,
 * so the time recorded is the time of the data. */
static gchar *
take_snapshot (PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "SELECT COUNT(*) FROM schema_version", error);

  if (stmt == NULL || !pdn_statement_step_one (stmt, error, "no schema_version"))
    return NULL;
  return pdn_time_now_utc ();
}

JsonObject *
pdn_analysis_request_execute (PdnAnalysisRequest *self, PdnProgressFunc progress,
                              gpointer progress_data, GCancellable *cancellable,
                              gchar **snapshot_at, GError **error)
{
  PdnStore *store = pdn_context_get_store (pdn_plugin_get_context (self->plugin));
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (JsonObject) result = NULL;
  g_autofree gchar *snapshot = NULL;

  if (snapshot_at != NULL)
    *snapshot_at = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || (tx = pdn_transaction_begin (store, PDN_TRANSACTION_READ, error)) == NULL
      || (snapshot = take_snapshot (store, error)) == NULL)
    return NULL;
  if (snapshot_at != NULL)
    *snapshot_at = g_strdup (snapshot);
  /* Cancelling also interrupts a long query the analysis is waiting on. */
  pdn_store_set_cancellable (store, cancellable);
  result = pdn_plugin_runner_run_analysis (self->plugin, self->parameters, progress,
                                           progress_data, cancellable, error);
  pdn_store_set_cancellable (store, NULL);
  /* It only read: ending the transaction either way releases the
   * snapshot; an analysis that finished as it was cancelled counts as
   * cancelled. */
  g_clear_pointer (&tx, pdn_transaction_free);
  if (result == NULL || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !check_result (self, result, error))
    return NULL;
  return build_document (self, result, snapshot);
}
