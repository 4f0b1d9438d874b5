/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-json-schema.h"
#include "pdn-plugin-runner.h"

/* A misbehaving plugin is the plugin's fault, never a wrong answer: it is
 * logged with the plugin's name and the caller gets a 500. */
static gboolean
misbehaved (PdnPlugin *plugin, const gchar *hook, const gchar *what, GError **error)
{
  g_warning ("plugin %s: %s %s", pdn_plugin_get_id (plugin), hook, what);
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                       _("The plugin “%s” failed in %s; the server log says more"),
                       pdn_plugin_get_id (plugin), hook);
  return FALSE;
}

/* Keeps a PDN_ERROR refusal as the plugin worded it; converts others. */
static gboolean
finish (PdnPlugin *plugin, const gchar *hook, gboolean ok, GError *local_error, GError **error)
{
  if (ok)
    {
      g_clear_error (&local_error);
      return TRUE;
    }
  if (local_error == NULL)
    return misbehaved (plugin, hook, "returned FALSE without an error", error);
  if (local_error->domain != PDN_ERROR)
    {
      g_autofree gchar *what = g_strdup_printf ("failed: %s", local_error->message);
      g_error_free (local_error);
      return misbehaved (plugin, hook, what, error);
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

static PdnProgramTypeInterface *
program_type (PdnPlugin *plugin)
{
  if (!PDN_IS_PROGRAM_TYPE (plugin))
    return NULL;
  return PDN_PROGRAM_TYPE_GET_IFACE (plugin);
}

gboolean
pdn_plugin_runner_setup (PdnPlugin *plugin, PdnContext *context, GError **error)
{
  PdnPluginClass *klass = PDN_PLUGIN_GET_CLASS (plugin);
  GError *local_error = NULL;
  gboolean ok;

  if (klass->setup == NULL)
    return TRUE;
  /* Called first: the order a call's arguments are evaluated in is
   * unspecified, so local_error must not be read in the same call. */
  ok = klass->setup (plugin, context, &local_error);
  return finish (plugin, "setup", ok, local_error, error);
}

void
pdn_plugin_runner_shutdown (PdnPlugin *plugin)
{
  PdnPluginClass *klass = PDN_PLUGIN_GET_CLASS (plugin);

  if (klass->shutdown != NULL)
    klass->shutdown (plugin);
}

/* A description must be an object with a non-empty string "id". */
static JsonObject *
take_description (PdnPlugin *plugin, const gchar *hook, JsonNode *node, GError **error)
{
  g_autoptr (JsonNode) owned = node;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      misbehaved (plugin, hook, "did not return an object", error);
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_get_string_member_with_default (object, "id", NULL) == NULL
      || *json_object_get_string_member (object, "id") == '\0')
    {
      misbehaved (plugin, hook, "returned no \"id\"", error);
      return NULL;
    }
  return json_object_ref (object);
}

JsonObject *
pdn_plugin_runner_describe_program_type (PdnPlugin *plugin, GError **error)
{
  PdnProgramTypeInterface *iface = program_type (plugin);

  if (iface == NULL || iface->describe == NULL)
    {
      misbehaved (plugin, "describe", "is missing", error);
      return NULL;
    }
  return take_description (plugin, "describe", iface->describe (PDN_PROGRAM_TYPE (plugin)),
                           error);
}

#define RUN_HOOK(hook, ...)                                                                      \
  G_STMT_START                                                                                   \
  {                                                                                              \
    PdnProgramTypeInterface *iface = program_type (plugin);                                      \
    GError *local_error = NULL;                                                                  \
    gboolean ok;                                                                                 \
    if (iface == NULL || iface->hook == NULL)                                                    \
      return TRUE;                                                                               \
    ok = iface->hook (PDN_PROGRAM_TYPE (plugin), pdn_plugin_get_context (plugin), __VA_ARGS__,  \
                      &local_error);                                                             \
    return finish (plugin, #hook, ok, local_error, error);                                       \
  }                                                                                              \
  G_STMT_END

gboolean
pdn_plugin_runner_validate_settings (PdnPlugin *plugin, JsonObject *settings, GError **error)
{
  RUN_HOOK (validate_settings, settings);
}

gboolean
pdn_plugin_runner_check_settings (PdnPlugin *plugin, JsonObject *schema, JsonObject *settings,
                                  GError **error)
{
  g_autoptr (JsonNode) given = json_node_init_object (json_node_alloc (), settings);
  g_autoptr (JsonNode) copy = pdn_json_schema_copy (given);

  /* The type sees what its schema let through, with the schema's defaults
   * filled in; what is stored stays as given. */
  if (schema != NULL
      && !pdn_json_schema_validate_settings (schema, json_node_get_object (copy), error))
    return FALSE;
  return pdn_plugin_runner_validate_settings (plugin, json_node_get_object (copy), error);
}

gboolean
pdn_plugin_runner_validate_series (PdnPlugin *plugin, JsonObject *program, JsonObject *series,
                                   GError **error)
{
  RUN_HOOK (validate_series, program, series);
}

gboolean
pdn_plugin_runner_validate_session (PdnPlugin *plugin, JsonObject *program,
                                    JsonObject *session, GError **error)
{
  RUN_HOOK (validate_session, program, session);
}

gboolean
pdn_plugin_runner_checks_registrations (PdnPlugin *plugin)
{
  PdnProgramTypeInterface *iface = program_type (plugin);

  return iface != NULL && iface->check_registration != NULL;
}

gboolean
pdn_plugin_runner_expands_registrations (PdnPlugin *plugin)
{
  PdnProgramTypeInterface *iface = program_type (plugin);

  return iface != NULL && iface->expand_registration != NULL;
}

gboolean
pdn_plugin_runner_check_registration (PdnPlugin *plugin, JsonObject *program,
                                      JsonObject *session, gint64 person_id, GError **error)
{
  RUN_HOOK (check_registration, program, session, person_id);
}

/* Ids must be positive; anything else is the plugin's fault. */
static gboolean
check_ids (PdnPlugin *plugin, GArray *ids, GError **error)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) <= 0)
      return misbehaved (plugin, "expand_registration", "returned an id that is not positive",
                         error);
  return TRUE;
}

static gboolean
run_expand (PdnPlugin *plugin, JsonObject *program, JsonObject *session, gint64 person_id,
            JsonObject *request, GArray *people, GArray *sessions, GError **error)
{
  RUN_HOOK (expand_registration, program, session, person_id, request, people, sessions);
}

gboolean
pdn_plugin_runner_expand_registration (PdnPlugin *plugin, JsonObject *program,
                                       JsonObject *session, gint64 person_id,
                                       JsonObject *request, GArray *people, GArray *sessions,
                                       GError **error)
{
  return run_expand (plugin, program, session, person_id, request, people, sessions, error)
         && check_ids (plugin, people, error) && check_ids (plugin, sessions, error);
}

static gboolean
run_credit (PdnPlugin *plugin, JsonObject *program, gint64 person_id, JsonObject *credit,
            GError **error)
{
  RUN_HOOK (compute_credit, program, person_id, credit);
}

JsonObject *
pdn_plugin_runner_compute_credit (PdnPlugin *plugin, JsonObject *program, gint64 person_id,
                                  GError **error)
{
  g_autoptr (JsonObject) credit = json_object_new ();
  JsonNode *completed;

  if (!run_credit (plugin, program, person_id, credit, error))
    return NULL;
  completed = json_object_get_member (credit, "completed");
  if (completed == NULL || json_node_get_value_type (completed) != G_TYPE_BOOLEAN)
    {
      misbehaved (plugin, "compute_credit", "gave no boolean \"completed\"", error);
      return NULL;
    }
  return g_steal_pointer (&credit);
}

JsonObject *
pdn_plugin_runner_describe_analysis (PdnPlugin *plugin, GError **error)
{
  PdnAnalysisInterface *iface = PDN_IS_ANALYSIS (plugin) ? PDN_ANALYSIS_GET_IFACE (plugin) : NULL;

  if (iface == NULL || iface->describe == NULL)
    {
      misbehaved (plugin, "describe", "is missing", error);
      return NULL;
    }
  return take_description (plugin, "describe", iface->describe (PDN_ANALYSIS (plugin)), error);
}

JsonObject *
pdn_plugin_runner_run_analysis (PdnPlugin *plugin, JsonObject *parameters,
                                PdnProgressFunc progress, gpointer progress_data,
                                GCancellable *cancellable, GError **error)
{
  PdnAnalysisInterface *iface = PDN_IS_ANALYSIS (plugin) ? PDN_ANALYSIS_GET_IFACE (plugin) : NULL;
  GError *local_error = NULL;
  g_autoptr (JsonNode) result = NULL;

  if (iface == NULL || iface->run == NULL)
    {
      misbehaved (plugin, "run", "is missing", error);
      return NULL;
    }
  result = iface->run (PDN_ANALYSIS (plugin), pdn_plugin_get_context (plugin), parameters,
                       progress, progress_data, cancellable, &local_error);
  /* Stopping when asked to is not a failure. */
  if (result == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && g_cancellable_is_cancelled (cancellable))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!finish (plugin, "run", result != NULL, local_error, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (result))
    {
      misbehaved (plugin, "run", "did not return an object", error);
      return NULL;
    }
  return json_object_ref (json_node_get_object (result));
}

JsonNode *
pdn_plugin_runner_route (PdnPlugin *plugin, PdnRouteFunc handler, gpointer user_data,
                         const PdnCaller *caller, JsonObject *program, JsonNode *body,
                         GHashTable *query, guint *status, GError **error)
{
  GError *local_error = NULL;
  JsonNode *result = handler (pdn_plugin_get_context (plugin), caller, program, body, query,
                              status, user_data, &local_error);

  if (!finish (plugin, "a route", result != NULL, local_error, error))
    return NULL;
  return result;
}
