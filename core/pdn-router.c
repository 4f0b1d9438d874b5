/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>
#include <pdnet/pdn-version.h>

#include "pdn-problem.h"
#include "pdn-router.h"

/**
 * PdnRouter:
 *
 * The table of API routes under %PDN_API_PREFIX. Each route brings its
 * OpenAPI Operation Object, so the OpenAPI document is generated from the
 * very table requests are dispatched with and cannot drift from it.
 *
 * Multithreading: add routes before serving; matching is then read-only.
 */
struct _PdnRouter
{
  GObject parent_instance;
  GPtrArray *routes;    /* PdnRoute, in registration order */
  GHashTable *schemas;  /* name -> JsonNode */
  GPtrArray *schema_names;
  gchar *public_url;    /* nullable */
};

G_DEFINE_FINAL_TYPE (PdnRouter, pdn_router, G_TYPE_OBJECT)

static void
pdn_router_finalize (GObject *object)
{
  PdnRouter *self = PDN_ROUTER (object);

  g_ptr_array_unref (self->routes);
  g_hash_table_unref (self->schemas);
  g_ptr_array_unref (self->schema_names);
  g_free (self->public_url);
  G_OBJECT_CLASS (pdn_router_parent_class)->finalize (object);
}

static void
pdn_router_class_init (PdnRouterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_router_finalize;
}

static void
pdn_router_init (PdnRouter *self)
{
  self->routes = g_ptr_array_new_with_free_func (g_object_unref);
  self->schemas
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->schema_names = g_ptr_array_new_with_free_func (g_free);
}

PdnRouter *
pdn_router_new (void)
{
  return g_object_new (PDN_TYPE_ROUTER, NULL);
}

/**
 * pdn_router_set_public_url:
 * @public_url: (nullable): where clients reach the server, such as
 *   "https://pd.example.org" ([pdnetd] public-url), without a trailing slash
 *
 * Set before routes are added: route groups that hand out links (calendar
 * feed URLs) read it when they register. Without it they build links from
 * the request's Host header.
 */
void
pdn_router_set_public_url (PdnRouter *self, const gchar *public_url)
{
  g_free (self->public_url);
  self->public_url = g_strdup (public_url);
}

const gchar *
pdn_router_get_public_url (PdnRouter *self)
{
  return self->public_url;
}

static JsonNode *
parse_fragment (const gchar *what, const gchar *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_critical ("%s: not a JSON object: %s", what, error != NULL ? error->message : json);
      g_clear_pointer (&node, json_node_unref);
    }
  return node;
}

/**
 * pdn_router_add:
 * @pattern: the path below %PDN_API_PREFIX, such as /programs/{id}
 * @openapi_operation: the route's OpenAPI 3.1 Operation Object as JSON
 *   text (summary, operationId, requestBody, responses...); problem
 *   responses are added to it
 *
 * Adds a route. A malformed pattern or fragment, or a method and path that
 * are already routed, is a programming error (a critical warning).
 */
void
pdn_router_add (PdnRouter *self, const gchar *method, const gchar *pattern, PdnRouteFlags flags,
                const gchar *openapi_operation, PdnRouteHandler handler, gpointer user_data,
                GDestroyNotify destroy)
{
  g_autofree gchar *path = g_strconcat (PDN_API_PREFIX, pattern, NULL);
  g_autoptr (JsonNode) operation = parse_fragment (path, openapi_operation);
  PdnRoute *route;

  if (operation == NULL)
    return;
  for (guint i = 0; i < self->routes->len; i++)
    {
      PdnRoute *other = g_ptr_array_index (self->routes, i);
      if (strcmp (pdn_route_get_method (other), method) == 0
          && strcmp (pdn_route_get_path (other), path) == 0)
        {
          g_critical ("%s %s is routed twice", method, path);
          return;
        }
    }
  route = pdn_route_new (method, path, flags, operation, handler, user_data, destroy);
  if (route != NULL)
    g_ptr_array_add (self->routes, route);
}

/* A JSON Schema for components/schemas/@name, to $ref from operations. */
void
pdn_router_add_schema (PdnRouter *self, const gchar *name, const gchar *json_schema)
{
  JsonNode *schema = parse_fragment (name, json_schema);

  if (schema == NULL)
    return;
  if (!g_hash_table_contains (self->schemas, name))
    g_ptr_array_add (self->schema_names, g_strdup (name));
  g_hash_table_replace (self->schemas, g_strdup (name), schema);
}

/**
 * pdn_router_get_routes:
 *
 * Returns: (transfer none) (element-type PdnRoute): every route, in the
 *   order they were added.
 */
GPtrArray *
pdn_router_get_routes (PdnRouter *self)
{
  return self->routes;
}

/* The decoded segments of an API path, or NULL if it is not one or is too
 * long. A segment that is empty, a dot segment, not UTF-8, or hides a
 * slash or NUL in an escape decodes to "", which only a tail parameter
 * (%PDN_ROUTE_TAIL_PARAM) takes, raw, for its handler to refuse. */
static gchar **
decode_segments (gchar **raw)
{
  g_autoptr (GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);

  if (g_strv_length (raw) > 32)
    return NULL;
  for (guint i = 0; raw[i] != NULL; i++)
    {
      gchar *segment = g_uri_unescape_string (raw[i], "/");
      if (segment == NULL || segment[0] == '\0' || strcmp (segment, ".") == 0
          || strcmp (segment, "..") == 0 || !g_utf8_validate (segment, -1, NULL))
        {
          g_free (segment);
          segment = g_strdup ("");
        }
      g_ptr_array_add (decoded, segment);
    }
  g_ptr_array_add (decoded, NULL);
  return (gchar **) g_ptr_array_free (g_steal_pointer (&decoded), FALSE);
}

static gchar **
split_raw (const gchar *raw_path)
{
  if (!g_str_has_prefix (raw_path, PDN_API_PREFIX "/"))
    return NULL;
  return g_strsplit (raw_path + 1, "/", -1);
}

/**
 * pdn_router_match:
 * @raw_path: the request path, still percent-encoded
 * @params: (out): the decoded path parameters
 * @allowed: (out): for a path routed with other methods only, the methods
 *   it allows ("GET, POST"), for an Allow header
 *
 * Returns: (transfer none) (nullable): the route, or %NULL with
 *   PDN_ERROR_NOT_FOUND or PDN_ERROR_METHOD_NOT_ALLOWED.
 */
PdnRoute *
pdn_router_match (PdnRouter *self, const gchar *method, const gchar *raw_path,
                  GHashTable **params, gchar **allowed, GError **error)
{
  g_auto (GStrv) raw = split_raw (raw_path);
  g_auto (GStrv) segments = raw != NULL ? decode_segments (raw) : NULL;
  g_autoptr (GString) methods = g_string_new (NULL);
  g_autofree gchar *shown = NULL;

  *params = NULL;
  *allowed = NULL;
  for (guint i = 0; segments != NULL && i < self->routes->len; i++)
    {
      PdnRoute *route = g_ptr_array_index (self->routes, i);
      g_autoptr (GHashTable) found = NULL;

      if (!pdn_route_match (route, (const gchar *const *) segments, (const gchar *const *) raw,
                            &found))
        continue;
      if (strcmp (pdn_route_get_method (route), method) == 0)
        {
          *params = g_steal_pointer (&found);
          return route;
        }
      g_string_append_printf (methods, "%s%s", methods->len > 0 ? ", " : "",
                              pdn_route_get_method (route));
    }
  shown = g_utf8_make_valid (raw_path, -1);
  if (methods->len > 0)
    {
      /* TRANSLATORS: an HTTP method, a path, then the methods it allows */
      pdn_error_set_field (error, PDN_ERROR_METHOD_NOT_ALLOWED, NULL,
                           _("%s is not allowed on %s; use %s"), method, shown, methods->str);
      *allowed = g_string_free (g_steal_pointer (&methods), FALSE);
      return NULL;
    }
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, _("There is no API endpoint at %s"),
                       shown);
  return NULL;
}

/* Path parameters are integers when named id or *_id, strings otherwise. */
static JsonNode *
path_parameters (PdnRoute *route)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const gchar *const *names = pdn_route_get_param_names (route);

  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean is_id = strcmp (names[i], "id") == 0 || g_str_has_suffix (names[i], "_id");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "in");
      json_builder_add_string_value (builder, "path");
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "schema");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, is_id ? "integer" : "string");
      if (is_id)
        {
          json_builder_set_member_name (builder, "minimum");
          json_builder_add_int_value (builder, 1);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* The operation, with a default problem response where it has none. */
static JsonNode *
operation_with_problems (PdnRoute *route)
{
  JsonNode *operation = json_node_copy (pdn_route_get_operation (route));
  JsonObject *object = json_node_get_object (operation);
  JsonObject *responses;

  if (!json_object_has_member (object, "responses"))
    json_object_set_object_member (object, "responses", json_object_new ());
  responses = json_object_get_object_member (object, "responses");
  if (responses != NULL && !json_object_has_member (responses, "default"))
    {
      JsonObject *ref = json_object_new ();
      json_object_set_string_member (ref, "$ref", "#/components/responses/Problem");
      json_object_set_object_member (responses, "default", ref);
    }
  return operation;
}

static JsonObject *
build_paths (PdnRouter *self)
{
  JsonObject *paths = json_object_new ();

  for (guint i = 0; i < self->routes->len; i++)
    {
      PdnRoute *route = g_ptr_array_index (self->routes, i);
      const gchar *path = pdn_route_get_path (route);
      g_autofree gchar *method = g_ascii_strdown (pdn_route_get_method (route), -1);
      JsonObject *item = json_object_has_member (paths, path)
                             ? json_object_get_object_member (paths, path)
                             : NULL;

      if (item == NULL)
        {
          item = json_object_new ();
          if (pdn_route_get_param_names (route)[0] != NULL)
            json_object_set_member (item, "parameters", path_parameters (route));
          json_object_set_object_member (paths, path, item);
        }
      json_object_set_member (item, method, operation_with_problems (route));
    }
  return paths;
}

static JsonObject *
build_components (PdnRouter *self)
{
  g_autoptr (JsonNode) problem_response = json_from_string (
      "{\"description\":\"An error, as RFC 9457 problem details\","
      "\"content\":{\"" PDN_PROBLEM_CONTENT_TYPE "\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}",
      NULL);
  JsonObject *components = json_object_new ();
  JsonObject *schemas = json_object_new ();
  JsonObject *responses = json_object_new ();

  json_object_set_member (schemas, "Problem", pdn_problem_schema ());
  for (guint i = 0; i < self->schema_names->len; i++)
    {
      const gchar *name = g_ptr_array_index (self->schema_names, i);
      json_object_set_member (schemas, name,
                              json_node_copy (g_hash_table_lookup (self->schemas, name)));
    }
  json_object_set_member (responses, "Problem", json_node_copy (problem_response));
  json_object_set_object_member (components, "schemas", schemas);
  json_object_set_object_member (components, "responses", responses);
  json_object_set_member (components, "securitySchemes",
                          json_from_string ("{\"bearerAuth\":{\"type\":\"http\","
                                            "\"scheme\":\"bearer\",\"description\":"
                                            "\"A token from POST /api/v1/auth/token or "
                                            "pdnet token create\"}}",
                                            NULL));
  return components;
}

/**
 * pdn_router_build_openapi:
 *
 * Returns: (transfer full): the OpenAPI 3.1 document describing every
 *   route. Operations need a bearer token (components.securitySchemes
 *   bearerAuth) unless their fragment declares "security": [].
 */
JsonNode *
pdn_router_build_openapi (PdnRouter *self)
{
  JsonObject *document = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (info, "title", "pdnet");
  json_object_set_string_member (info, "version", pdn_version_string ());
  json_object_set_string_member (info, "summary",
                                 "Professional-development programs, sessions and "
                                 "participation for school networks");
  json_object_set_string_member (document, "openapi", "3.1.0");
  json_object_set_object_member (document, "info", info);
  json_object_set_object_member (document, "paths", build_paths (self));
  json_object_set_object_member (document, "components", build_components (self));
  /* Every operation needs a token unless it says "security": [] itself. */
  json_object_set_member (document, "security",
                          json_from_string ("[{\"bearerAuth\":[]}]", NULL));
  json_node_take_object (node, document);
  return node;
}
