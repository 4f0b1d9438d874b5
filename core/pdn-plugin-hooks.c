/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-programs.h"
#include "pdn-api-series.h"
#include "pdn-api-sessions.h"
#include "pdn-context-private.h"
#include "pdn-plugin-hooks.h"
#include "pdn-plugin-registry.h"
#include "pdn-plugin-runner.h"
#include "pdn-registrar.h"

void
pdn_plugin_hooks_load (const gchar *const *extra_dirs, PdnStore *store, GKeyFile *config)
{
  g_auto (GStrv) dirs = pdn_plugin_registry_find_dirs (extra_dirs);

  pdn_plugin_registry_load_dirs (pdn_plugin_registry_get_default (),
                                 (const gchar *const *) dirs, store, config);
  pdn_registrar_add_check (pdn_registrar_get_default (), pdn_plugin_hooks_check_registration,
                           NULL, NULL);
}

static PdnPlugin *
plugin_of (const gchar *type)
{
  return pdn_plugin_registry_find_program_type (pdn_plugin_registry_get_default (), type);
}

static void
set_not_loaded (GError **error, const gchar *type)
{
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, NULL,
                       _("This program's type, “%s”, is not loaded on this server (its plugin "
                         "is missing or disabled): it can be read but not changed"),
                       type);
}

static gboolean
set_unknown_type (GError **error, const gchar *type)
{
  g_autoptr (GPtrArray) types = pdn_plugin_registry_list_program_types (
      pdn_plugin_registry_get_default ());
  g_autofree gchar *known = NULL;

  g_ptr_array_add (types, NULL);
  known = g_strjoinv (", ", (gchar **) types->pdata);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "type",
                       _("No loaded plugin provides the program type “%s”; available: %s"),
                       type, *known != '\0' ? known : _("none"));
  return FALSE;
}

/* Returns: (nullable): the settings_schema @type's describe() gave. */
static JsonObject *
settings_schema_of (const gchar *type)
{
  JsonObject *describe = pdn_plugin_registry_describe_program_type (
      pdn_plugin_registry_get_default (), type);
  JsonNode *schema = describe != NULL ? json_object_get_member (describe, "settings_schema")
                                      : NULL;

  return schema != NULL ? json_node_get_object (schema) : NULL;
}

gboolean
pdn_plugin_hooks_validate_program (PdnProgram *program, GError **error)
{
  PdnPlugin *plugin = plugin_of (program->type);
  g_autoptr (JsonNode) settings = NULL;

  if (plugin == NULL)
    return set_unknown_type (error, program->type);
  settings = json_from_string (program->settings != NULL ? program->settings : "{}", NULL);
  if (settings == NULL || !JSON_NODE_HOLDS_OBJECT (settings))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "settings",
                           _("settings must be a JSON object"));
      return FALSE;
    }
  return pdn_plugin_runner_check_settings (plugin, settings_schema_of (program->type),
                                           json_node_get_object (settings), error);
}


gchar *
pdn_plugin_hooks_program_type (PdnStore *store, gint64 program_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (
      store, "SELECT type FROM programs WHERE id = ?", program_id, error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No program has id %lld"), (long long) program_id))
    return NULL;
  return pdn_statement_dup_text (stmt, 0);
}

PdnPlugin *
pdn_plugin_hooks_writable_program (PdnStore *store, gint64 program_id, JsonNode **program_json,
                                   GError **error)
{
  g_autoptr (PdnProgram) program = pdn_program_load (store, program_id, error);
  PdnPlugin *plugin;

  if (program_json != NULL)
    *program_json = NULL;
  if (program == NULL)
    return NULL;
  plugin = plugin_of (program->type);
  if (plugin == NULL)
    {
      set_not_loaded (error, program->type);
      return NULL;
    }
  if (program_json != NULL)
    *program_json = pdn_api_program_json (program);
  return plugin;
}

gboolean
pdn_plugin_hooks_validate_series (PdnStore *store, PdnSeries *series, GError **error)
{
  g_autoptr (JsonNode) program = NULL;
  g_autoptr (JsonNode) node = NULL;
  PdnPlugin *plugin = pdn_plugin_hooks_writable_program (store, series->program_id, &program,
                                                         error);

  if (plugin == NULL)
    return FALSE;
  node = pdn_api_series_json (series);
  return pdn_plugin_runner_validate_series (plugin, json_node_get_object (program),
                                            json_node_get_object (node), error);
}

/* What a session's hooks get: its program's plugin (NULL with the 409
 * when the type is not loaded), the program and the session as JSON. */
typedef struct
{
  PdnPlugin *plugin;
  JsonNode *program;
  JsonNode *session;
} SessionHook;

static void
session_hook_clear (SessionHook *hook)
{
  g_clear_pointer (&hook->program, json_node_unref);
  g_clear_pointer (&hook->session, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionHook, session_hook_clear)

static gboolean
session_hook_init (SessionHook *hook, PdnStore *store, PdnSession *session, GError **error)
{
  hook->plugin = pdn_plugin_hooks_writable_program (store, session->program_id, &hook->program,
                                                    error);
  if (hook->plugin == NULL)
    return FALSE;
  hook->session = pdn_api_session_json (session, FALSE);
  return TRUE;
}

#define PROGRAM_OF(hook) json_node_get_object ((hook).program)
#define SESSION_OF(hook) json_node_get_object ((hook).session)

gboolean
pdn_plugin_hooks_validate_session (PdnStore *store, PdnSession *session, GError **error)
{
  g_auto (SessionHook) hook = { 0 };

  return session_hook_init (&hook, store, session, error)
         && pdn_plugin_runner_validate_session (hook.plugin, PROGRAM_OF (hook),
                                                SESSION_OF (hook), error);
}

/* The plugin of @session's program, by one lookup of its type: the
 * registration hooks run for every registration. NULL with the 409 when
 * the type is not loaded. */
static PdnPlugin *
session_plugin (PdnStore *store, PdnSession *session, GError **error)
{
  g_autofree gchar *type = pdn_plugin_hooks_program_type (store, session->program_id, error);
  PdnPlugin *plugin;

  if (type == NULL)
    return NULL;
  plugin = plugin_of (type);
  if (plugin == NULL)
    set_not_loaded (error, type);
  return plugin;
}

gboolean
pdn_plugin_hooks_check_registration (PdnStore *store, PdnSession *session, gint64 person_id,
                                     gpointer user_data, GError **error)
{
  PdnPlugin *plugin = session_plugin (store, session, error);
  g_auto (SessionHook) hook = { 0 };

  if (plugin == NULL)
    return FALSE;
  if (!pdn_plugin_runner_checks_registrations (plugin))
    return TRUE;
  return session_hook_init (&hook, store, session, error)
         && pdn_plugin_runner_check_registration (hook.plugin, PROGRAM_OF (hook),
                                                  SESSION_OF (hook), person_id, error);
}

gboolean
pdn_plugin_hooks_expand_registration (PdnStore *store, PdnSession *session, gint64 person_id,
                                      JsonObject *request, GArray *people, GArray *sessions,
                                      GError **error)
{
  PdnPlugin *plugin = session_plugin (store, session, error);
  g_auto (SessionHook) hook = { 0 };

  if (plugin == NULL)
    return FALSE;
  if (!pdn_plugin_runner_expands_registrations (plugin))
    return TRUE;
  return session_hook_init (&hook, store, session, error)
         && pdn_plugin_runner_expand_registration (hook.plugin, PROGRAM_OF (hook),
                                                   SESSION_OF (hook), person_id, request,
                                                   people, sessions, error);
}

JsonObject *
pdn_plugin_hooks_credit (PdnProgram *program, gint64 person_id, GError **error)
{
  PdnPlugin *plugin = plugin_of (program->type);
  g_autoptr (JsonNode) node = NULL;

  if (plugin == NULL)
    return NULL;
  node = pdn_api_program_json (program);
  return pdn_plugin_runner_compute_credit (plugin, json_node_get_object (node), person_id,
                                           error);
}

static PdnPluginRoute *
route_of (PdnPlugin *plugin, const gchar *method, const gchar *subpath)
{
  GPtrArray *routes = pdn_context_get_routes (pdn_plugin_get_context (plugin));

  for (guint i = 0; i < routes->len; i++)
    {
      PdnPluginRoute *route = g_ptr_array_index (routes, i);
      if (g_str_equal (route->method, method) && g_str_equal (route->subpath, subpath))
        return route;
    }
  return NULL;
}

JsonNode *
pdn_plugin_registry_invoke_route (PdnPluginRegistry *self, PdnStore *store, gint64 program_id,
                                  const gchar *method, const gchar *subpath, JsonNode *body,
                                  GError **error)
{
  g_autoptr (PdnProgram) program = pdn_program_load (store, program_id, error);
  g_autoptr (JsonNode) program_json = NULL;
  g_autoptr (GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  PdnCaller caller = { .role = "admin", .may_edit_program = TRUE };
  PdnPlugin *plugin;
  PdnPluginRoute *route;
  guint status = 200;

  if (program == NULL)
    return NULL;
  plugin = pdn_plugin_registry_find_program_type (self, program->type);
  route = plugin != NULL ? route_of (plugin, method, subpath) : NULL;
  if (route == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                           _("Programs of type “%s” have no %s %s on this server"),
                           program->type, method, subpath);
      return NULL;
    }
  program_json = pdn_api_program_json (program);
  return pdn_plugin_runner_route (plugin, route->handler, route->user_data, &caller,
                                  json_node_get_object (program_json), body, query, &status,
                                  error);
}
