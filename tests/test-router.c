/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-api.h"
#include "pdn-router.h"
#include "pdn-test.h"

static JsonNode *
handler_ok (PdnRequest *request, gpointer user_data, GError **error)
{
  return json_from_string ("{\"ok\":true}", NULL);
}

static const gchar operation[] = "{\"summary\":\"A test route\",\"operationId\":\"%s\","
                                 "\"responses\":{\"200\":{\"description\":\"Fine\"}}}";

static void
add (PdnRouter *router, const gchar *method, const gchar *pattern, PdnRouteFlags flags)
{
  g_autofree gchar *id = g_strdup_printf ("%s%s", method, pattern);
  g_autofree gchar *op = NULL;

  g_strdelimit (id, "/{}", '_');
  op = g_strdup_printf (operation, id);
  pdn_router_add (router, method, pattern, flags, op, handler_ok, NULL, NULL);
}

static PdnRouter *
test_router_new (void)
{
  PdnRouter *router = pdn_router_new ();

  add (router, "GET", "/things", PDN_ROUTE_DEFAULT);
  add (router, "POST", "/things", PDN_ROUTE_JSON_BODY);
  add (router, "GET", "/things/{id}", PDN_ROUTE_DEFAULT);
  add (router, "DELETE", "/things/{id}", PDN_ROUTE_DEFAULT);
  add (router, "GET", "/things/{thing_id}/parts/{name}", PDN_ROUTE_WORKER);
  return router;
}

static PdnRoute *
match (PdnRouter *router, const gchar *method, const gchar *path, GHashTable **params,
       GError **error)
{
  g_autofree gchar *allowed = NULL;
  PdnRoute *route = pdn_router_match (router, method, path, params, &allowed, error);

  g_assert_null (allowed);
  return route;
}

static void
test_match (void)
{
  g_autoptr (PdnRouter) router = test_router_new ();
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GHashTable) more = NULL;
  g_autoptr (GHashTable) none = NULL;
  PdnRoute *route;

  route = match (router, "GET", "/api/v1/things", &none, NULL);
  g_assert_nonnull (route);
  g_assert_cmpstr (pdn_route_get_path (route), ==, "/api/v1/things");
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  route = match (router, "POST", "/api/v1/things", &params, NULL);
  g_assert_cmpstr (pdn_route_get_method (route), ==, "POST");
  g_assert_cmpint (pdn_route_get_flags (route), ==, PDN_ROUTE_JSON_BODY);
  g_clear_pointer (&params, g_hash_table_unref);

  route = match (router, "GET", "/api/v1/things/42", &params, NULL);
  g_assert_cmpstr (pdn_route_get_path (route), ==, "/api/v1/things/{id}");
  g_assert_cmpstr (g_hash_table_lookup (params, "id"), ==, "42");

  route = match (router, "GET", "/api/v1/things/caf%C3%A9/parts/a%20b", &more, NULL);
  g_assert_cmpstr (pdn_route_get_path (route), ==, "/api/v1/things/{thing_id}/parts/{name}");
  g_assert_cmpstr (g_hash_table_lookup (more, "thing_id"), ==, "café");
  g_assert_cmpstr (g_hash_table_lookup (more, "name"), ==, "a b");
}

static void
test_no_route (void)
{
  g_autoptr (PdnRouter) router = test_router_new ();
  const gchar *paths[] = {
    "/api/v1/nothing",     "/api/v1/things/",       "/api/v1//things", "/api/v2/things",
    "/api/v1",             "/things",               "/api/v1/things/a%2Fb", "/api/v1/things/%FF",
    "/api/v1/things/%00",  "/api/v1/things/%zz",    "/api/v1/things/1/2",   "",
    "/api/v1/things/..",   "/api/v1/things/%2E%2E", "/api/v1/x/../things",  "/api/v1/./things",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GHashTable) params = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_null (match (router, "GET", paths[i], &params, &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
      g_assert_null (params);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static gboolean
matches (PdnRouter *router, const gchar *path)
{
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;

  return match (router, "GET", path, &params, &error) != NULL;
}

/* A tail parameter takes the rest of the path, still percent-encoded, even
 * segments the router refuses elsewhere, so its handler can answer 400. */
static void
test_tail_param (void)
{
  g_autoptr (PdnRouter) router = test_router_new ();
  const struct
  {
    const gchar *path;
    const gchar *tail;
  } cases[] = {
    { "/api/v1/docs/7/files/intro.md", "intro.md" },
    { "/api/v1/docs/7/files/modules/a%20b/intro.md", "modules/a%20b/intro.md" },
    { "/api/v1/docs/7/files/modules/%2E%2E/x", "modules/%2E%2E/x" },
    { "/api/v1/docs/7/files/%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd" },
    { "/api/v1/docs/7/files/a%00b", "a%00b" },
  };

  add (router, "GET", "/docs/{id}/files/{path}", PDN_ROUTE_TAIL_PARAM);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GHashTable) params = NULL;
      PdnRoute *route = match (router, "GET", cases[i].path, &params, NULL);

      g_assert_nonnull (route);
      g_assert_cmpstr (pdn_route_get_path (route), ==, "/api/v1/docs/{id}/files/{path}");
      g_assert_cmpstr (g_hash_table_lookup (params, "id"), ==, "7");
      g_assert_cmpstr (g_hash_table_lookup (params, "path"), ==, cases[i].tail);
    }
  /* The tail needs a segment, and segments before it still decode strictly. */
  g_assert_false (matches (router, "/api/v1/docs/7/files"));
  g_assert_false (matches (router, "/api/v1/docs/%2E%2E/files/a"));
  /* Without the flag the last parameter is one segment, as before. */
  g_assert_false (matches (router, "/api/v1/things/1/parts/a/b"));
}

static void
test_method_not_allowed (void)
{
  g_autoptr (PdnRouter) router = test_router_new ();
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *allowed = NULL;

  g_assert_null (pdn_router_match (router, "PUT", "/api/v1/things/7", &params, &allowed, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (allowed, ==, "GET, DELETE");
}

static void
test_param_id (void)
{
  g_autoptr (PdnRequest) request = pdn_request_new ("GET", "/api/v1/things/x");
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const gchar *bad[] = { "abc", "0", "-1", "99999999999999999999", "1x", "" };
  gint64 id = 0;

  g_hash_table_insert (params, g_strdup ("id"), g_strdup ("42"));
  pdn_request_take_params (request, params);
  g_assert_true (pdn_request_get_param_id (request, "id", &id, NULL));
  g_assert_cmpint (id, ==, 42);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_hash_table_insert (params, g_strdup ("id"), g_strdup (bad[i]));
      g_assert_false (pdn_request_get_param_id (request, "id", &id, &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
      g_assert_cmpstr (pdn_error_get_field (error), ==, "id");
    }
}

static JsonObject *
member_object (JsonObject *object, const gchar *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

static void
test_openapi_document (void)
{
  g_autoptr (PdnRouter) router = test_router_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *document, *paths, *item, *get, *parameter;
  JsonArray *parameters;

  pdn_router_add_schema (router, "Thing", "{\"type\":\"object\"}");
  node = pdn_router_build_openapi (router);
  document = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (document, "openapi"), ==, "3.1.0");
  g_assert_cmpstr (json_object_get_string_member (member_object (document, "info"), "title"), ==,
                   "pdnet");
  paths = member_object (document, "paths");
  g_assert_cmpuint (json_object_get_size (paths), ==, 3);

  item = member_object (paths, "/api/v1/things");
  g_assert_true (json_object_has_member (item, "get"));
  g_assert_true (json_object_has_member (item, "post"));
  g_assert_false (json_object_has_member (item, "parameters"));

  item = member_object (paths, "/api/v1/things/{id}");
  g_assert_true (json_object_has_member (item, "delete"));
  parameters = json_object_get_array_member (item, "parameters");
  g_assert_cmpuint (json_array_get_length (parameters), ==, 1);
  parameter = json_array_get_object_element (parameters, 0);
  g_assert_cmpstr (json_object_get_string_member (parameter, "name"), ==, "id");
  g_assert_cmpstr (json_object_get_string_member (parameter, "in"), ==, "path");
  g_assert_true (json_object_get_boolean_member (parameter, "required"));
  g_assert_cmpstr (json_object_get_string_member (member_object (parameter, "schema"), "type"),
                   ==, "integer");

  item = member_object (paths, "/api/v1/things/{thing_id}/parts/{name}");
  parameters = json_object_get_array_member (item, "parameters");
  g_assert_cmpuint (json_array_get_length (parameters), ==, 2);
  parameter = json_array_get_object_element (parameters, 1);
  g_assert_cmpstr (json_object_get_string_member (member_object (parameter, "schema"), "type"),
                   ==, "string");
  get = member_object (item, "get");
  g_assert_cmpstr (json_object_get_string_member (
                       member_object (member_object (get, "responses"), "default"), "$ref"),
                   ==, "#/components/responses/Problem");

  g_assert_true (
      json_object_has_member (member_object (member_object (document, "components"), "schemas"),
                              "Problem"));
  g_assert_true (
      json_object_has_member (member_object (member_object (document, "components"), "schemas"),
                              "Thing"));
}

/* pdnetd's own routes: each is in the document with a summary, a unique
 * operationId and responses, and the document has no other operation. */
static void
test_api_routes_documented (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnRouter) router = pdn_router_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) operation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *paths;
  GPtrArray *routes;
  guint documented = 0;

  pdn_api_register (router, store);
  routes = pdn_router_get_routes (router);
  g_assert_cmpuint (routes->len, >=, 2);
  node = pdn_router_build_openapi (router);
  paths = member_object (json_node_get_object (node), "paths");
  for (guint i = 0; i < routes->len; i++)
    {
      PdnRoute *route = g_ptr_array_index (routes, i);
      g_autofree gchar *method = g_ascii_strdown (pdn_route_get_method (route), -1);
      JsonObject *op = member_object (member_object (paths, pdn_route_get_path (route)), method);
      const gchar *id = json_object_get_string_member (op, "operationId");

      g_assert_nonnull (json_object_get_string_member (op, "summary"));
      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (operation_ids, id));
      g_hash_table_add (operation_ids, (gpointer) id);
      g_assert_cmpuint (json_object_get_size (member_object (op, "responses")), >=, 2);
    }
  for (GList *l = json_object_get_members (paths); l != NULL; l = g_list_delete_link (l, l))
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      documented += json_object_get_size (item) - json_object_has_member (item, "parameters");
    }
  g_assert_cmpuint (documented, ==, routes->len);
}

/* A route is public when its operation says "security": []. */
static gboolean
is_public (JsonObject *paths, const gchar *method, const gchar *path)
{
  JsonObject *op = member_object (member_object (paths, path), method);
  JsonArray *security;

  if (!json_object_has_member (op, "security"))
    return FALSE;
  security = json_object_get_array_member (op, "security");
  return json_array_get_length (security) == 0;
}

/* Bearer tokens by default; the routes anyone may call opt out. */
static void
test_api_security (void)
{
  g_autoptr (PdnRouter) router = pdn_router_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *document, *scheme, *requirement, *paths;
  JsonArray *security;

  pdn_api_register (router, NULL);
  node = pdn_router_build_openapi (router);
  document = json_node_get_object (node);
  scheme = member_object (member_object (member_object (document, "components"),
                                         "securitySchemes"),
                          "bearerAuth");
  g_assert_cmpstr (json_object_get_string_member (scheme, "type"), ==, "http");
  g_assert_cmpstr (json_object_get_string_member (scheme, "scheme"), ==, "bearer");
  security = json_object_get_array_member (document, "security");
  g_assert_cmpuint (json_array_get_length (security), ==, 1);
  requirement = json_array_get_object_element (security, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (requirement,
                                                                         "bearerAuth")),
                    ==, 0);

  paths = member_object (document, "paths");
  g_assert_true (is_public (paths, "get", "/api/v1/health"));
  g_assert_true (is_public (paths, "get", "/api/v1/openapi.json"));
  g_assert_true (is_public (paths, "post", "/api/v1/auth/token"));
  g_assert_true (is_public (paths, "post", "/api/v1/accounts"));
  g_assert_false (is_public (paths, "delete", "/api/v1/auth/token"));
  g_assert_false (is_public (paths, "get", "/api/v1/accounts/me"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/router/match", test_match);
  g_test_add_func ("/pdnet/router/no-route", test_no_route);
  g_test_add_func ("/pdnet/router/tail-param", test_tail_param);
  g_test_add_func ("/pdnet/router/method-not-allowed", test_method_not_allowed);
  g_test_add_func ("/pdnet/router/param-id", test_param_id);
  g_test_add_func ("/pdnet/router/openapi-document", test_openapi_document);
  g_test_add_func ("/pdnet/router/api-routes-documented", test_api_routes_documented);
  g_test_add_func ("/pdnet/router/api-security", test_api_security);
  return g_test_run ();
}
