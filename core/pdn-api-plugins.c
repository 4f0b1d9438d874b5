/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-api-plugins.h"
#include "pdn-api-programs.h"
#include "pdn-api-resource.h"
#include "pdn-context-private.h"
#include "pdn-plugin-registry.h"
#include "pdn-plugin-runner.h"

/* ---- GET /plugins ---- */

/* The description of the program type @plugin provides, if any. */
static JsonObject *
type_description (PdnPluginRegistry *registry, PdnPlugin *plugin)
{
  g_autoptr (GPtrArray) ids = pdn_plugin_registry_list_program_types (registry);

  for (guint i = 0; i < ids->len; i++)
    if (pdn_plugin_registry_find_program_type (registry, g_ptr_array_index (ids, i)) == plugin)
      return pdn_plugin_registry_describe_program_type (registry, g_ptr_array_index (ids, i));
  return NULL;
}

static JsonNode *
plugin_to_json (PdnPluginRegistry *registry, PdnPlugin *plugin)
{
  JsonObject *object = json_object_new ();
  JsonArray *kinds = json_array_new ();
  JsonObject *type = NULL, *analysis = NULL;

  json_object_set_string_member (object, "id", pdn_plugin_get_id (plugin));
  json_object_set_string_member (object, "name", _(pdn_plugin_get_name (plugin)));
  json_object_set_string_member (object, "version", pdn_plugin_get_version (plugin));
  pdn_api_json_set_text (object, "description",
                         pdn_plugin_get_description (plugin) != NULL
                             ? _(pdn_plugin_get_description (plugin))
                             : NULL);
  if (PDN_IS_PROGRAM_TYPE (plugin))
    json_array_add_string_element (kinds, "program-type");
  if (PDN_IS_ANALYSIS (plugin))
    json_array_add_string_element (kinds, "analysis");
  json_object_set_array_member (object, "kinds", kinds);
  type = type_description (registry, plugin);
  if (type != NULL)
    json_object_set_object_member (object, "program_type", json_object_ref (type));
  else
    json_object_set_null_member (object, "program_type");
  if (PDN_IS_ANALYSIS (plugin))
    analysis = pdn_plugin_runner_describe_analysis (plugin, NULL);
  if (analysis != NULL)
    json_object_set_object_member (object, "analysis", analysis);
  else
    json_object_set_null_member (object, "analysis");
  return pdn_api_json_node (object);
}

static JsonNode *
list_plugins (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnPluginRegistry *registry = pdn_plugin_registry_get_default ();
  GPtrArray *plugins = pdn_plugin_registry_get_plugins (registry);
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < plugins->len; i++)
    json_array_add_element (items, plugin_to_json (registry, g_ptr_array_index (plugins, i)));
  json_object_set_array_member (object, "items", items);
  return pdn_api_json_node (object);
}

static const gchar list_operation[]
    = "{\"operationId\":\"listPlugins\",\"summary\":\"The loaded plugins\","
      "\"description\":\"Each with its kinds (program-type, analysis), version and, for a "
      "program type, its description: settings schema, series and session kinds, "
      "measurements. No sign-in needed.\",\"tags\":[\"plugins\"],"
      "\"responses\":{\"200\":{\"description\":\"The plugins\",\"content\":{"
      "\"application/json\":{\"schema\":{\"type\":\"object\",\"required\":[\"items\"],"
      "\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
      "\"required\":[\"id\",\"name\",\"version\",\"kinds\"]}}}}}}}}}";

/* ---- plugin routes ---- */

/* One routed (method, subpath); the program's type picks the plugin. */
typedef struct
{
  PdnStore *store;
  gchar *method;
  gchar *subpath;
} PluginRouteKey;

static void
route_key_free (gpointer data)
{
  PluginRouteKey *key = data;

  g_clear_object (&key->store);
  g_free (key->method);
  g_free (key->subpath);
  g_free (key);
}

static PdnPluginRoute *
find_route (PdnPlugin *plugin, PluginRouteKey *key)
{
  GPtrArray *routes = pdn_context_get_routes (pdn_plugin_get_context (plugin));

  for (guint i = 0; i < routes->len; i++)
    {
      PdnPluginRoute *route = g_ptr_array_index (routes, i);
      if (g_str_equal (route->method, key->method) && g_str_equal (route->subpath, key->subpath))
        return route;
    }
  return NULL;
}

/* The path's own parameters but the program's id, as the handler's query. */
static GHashTable *
route_query (PdnRequest *request, const gchar *subpath)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer name, value;
  g_auto (GStrv) segments = g_strsplit (subpath, "/", -1);

  g_hash_table_iter_init (&iter, pdn_request_get_query_table (request));
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_replace (query, g_strdup (name), g_strdup (value));
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_has_prefix (segments[i], "{") && g_str_has_suffix (segments[i], "}"))
      {
        g_autofree gchar *param = g_strndup (segments[i] + 1, strlen (segments[i]) - 2);
        g_hash_table_replace (query, g_strdup (param),
                              g_strdup (pdn_request_get_param (request, param)));
      }
  return query;
}

static gboolean
fill_caller (PdnRequest *request, PdnStore *store, PdnAccount *account, gint64 program_id,
             PdnCaller *caller, GError **error)
{
  caller->account_id = account->id;
  caller->role = pdn_login_role_to_string (account->role);
  caller->organization_id = account->organization_id;
  caller->person_id = account->person_id;
  caller->language = pdn_request_get_language (request);
  return pdn_api_may_edit_program (store, account, program_id, &caller->may_edit_program, error);
}

static JsonNode *
dispatch (PdnRequest *request, gpointer user_data, GError **error)
{
  PluginRouteKey *key = user_data;
  g_autoptr (PdnAccount) account = pdn_api_require_caller (request, key->store, error);
  g_autoptr (PdnProgram) program = NULL;
  g_autoptr (JsonNode) program_json = NULL;
  g_autoptr (GHashTable) query = NULL;
  PdnCaller caller = { 0 };
  PdnPluginRoute *route;
  PdnPlugin *plugin;
  JsonNode *result;
  gint64 program_id = 0;
  guint status = 200;

  if (account == NULL || !pdn_request_get_param_id (request, "id", &program_id, error)
      || (program = pdn_program_load (key->store, program_id, error)) == NULL)
    return NULL;
  plugin = pdn_plugin_registry_find_program_type (pdn_plugin_registry_get_default (),
                                                  program->type);
  route = plugin != NULL ? find_route (plugin, key) : NULL;
  if (route == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                           _("Programs of type “%s” have no %s %s on this server"),
                           program->type, key->method, key->subpath);
      return NULL;
    }
  if (!fill_caller (request, key->store, account, program_id, &caller, error))
    return NULL;
  program_json = pdn_api_program_json (program);
  query = route_query (request, key->subpath);
  result = pdn_plugin_runner_route (plugin, route->handler, route->user_data, &caller,
                                    json_node_get_object (program_json),
                                    pdn_request_get_body (request), query, &status, error);
  if (result != NULL)
    pdn_request_set_status (request, status);
  return result;
}

static PdnRouteFlags
route_flags (PdnRouteFlag flags)
{
  return ((flags & PDN_ROUTE_FLAG_BODY) ? PDN_ROUTE_JSON_BODY : 0)
         | ((flags & PDN_ROUTE_FLAG_WRITE) ? PDN_ROUTE_WRITE : 0)
         | ((flags & PDN_ROUTE_FLAG_SLOW) ? PDN_ROUTE_WORKER : 0);
}

static gboolean
is_routed (PdnRouter *router, const gchar *method, const gchar *path)
{
  GPtrArray *routes = pdn_router_get_routes (router);
  g_autofree gchar *full = g_strconcat (PDN_API_PREFIX, path, NULL);

  for (guint i = 0; i < routes->len; i++)
    if (g_str_equal (pdn_route_get_method (g_ptr_array_index (routes, i)), method)
        && g_str_equal (pdn_route_get_path (g_ptr_array_index (routes, i)), full))
      return TRUE;
  return FALSE;
}

/* A plugin's route, once per (method, subpath) across plugins; a broken
 * operation document is the plugin's fault and skips the route. */
static void
add_plugin_route (PdnRouter *router, PdnStore *store, PdnPlugin *plugin, PdnPluginRoute *route)
{
  g_autofree gchar *path = g_strconcat ("/programs/{id}/", route->subpath, NULL);
  g_autoptr (JsonNode) operation = json_from_string (route->operation, NULL);
  PluginRouteKey *key;

  if (is_routed (router, route->method, path))
    return;
  if (operation == NULL || !JSON_NODE_HOLDS_OBJECT (operation))
    {
      g_warning ("plugin %s: %s %s has no valid OpenAPI operation; not routed",
                 pdn_plugin_get_id (plugin), route->method, route->subpath);
      return;
    }
  key = g_new0 (PluginRouteKey, 1);
  key->store = store != NULL ? g_object_ref (store) : NULL;
  key->method = g_strdup (route->method);
  key->subpath = g_strdup (route->subpath);
  pdn_router_add (router, route->method, path, route_flags (route->flags), route->operation,
                  dispatch, key, route_key_free);
}

void
pdn_api_plugins_register (PdnRouter *router, PdnStore *store)
{
  GPtrArray *plugins = pdn_plugin_registry_get_plugins (pdn_plugin_registry_get_default ());

  pdn_api_resource_add (router, "GET", "/plugins", PDN_ROUTE_DEFAULT, list_operation,
                        list_plugins, store);
  for (guint i = 0; i < plugins->len; i++)
    {
      PdnPlugin *plugin = g_ptr_array_index (plugins, i);
      GPtrArray *routes = pdn_context_get_routes (pdn_plugin_get_context (plugin));

      for (guint j = 0; j < routes->len; j++)
        add_plugin_route (router, store, plugin, g_ptr_array_index (routes, j));
    }
}
