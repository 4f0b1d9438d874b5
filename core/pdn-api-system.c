/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-version.h>

#include "pdn-api-system.h"

/* The routes about the service itself: health and the API description. */

static JsonNode *
get_health (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, pdn_version_string ());
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, pdn_store_schema_version (store));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
get_openapi (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_router_build_openapi (PDN_ROUTER (user_data));
}

static const gchar health_schema[]
    = "{\"type\":\"object\",\"required\":[\"status\",\"version\",\"schema_version\"],"
      "\"properties\":{\"status\":{\"const\":\"ok\"},\"version\":{\"type\":\"string\"},"
      "\"schema_version\":{\"type\":\"integer\"}}}";

static const gchar health_operation[]
    = "{\"operationId\":\"getHealth\",\"summary\":\"Check that the server is up\","
      "\"tags\":[\"system\"],\"security\":[],"
      "\"responses\":{\"200\":{\"description\":\"The server is up\","
      "\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Health\"}}}}}}";

static const gchar openapi_operation[]
    = "{\"operationId\":\"getOpenApi\",\"summary\":\"This API's OpenAPI 3.1 document\","
      "\"tags\":[\"system\"],\"security\":[],"
      "\"responses\":{\"200\":{\"description\":\"The OpenAPI document\","
      "\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}}}";

/**
 * pdn_api_system_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds GET /health and GET /openapi.json.
 */
void
pdn_api_system_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Health", health_schema);
  pdn_router_add (router, "GET", "/health", PDN_ROUTE_DEFAULT, health_operation, get_health,
                  store != NULL ? g_object_ref (store) : NULL,
                  store != NULL ? g_object_unref : NULL);
  /* No reference: the router owns this route. */
  pdn_router_add (router, "GET", "/openapi.json", PDN_ROUTE_DEFAULT, openapi_operation,
                  get_openapi, router, NULL);
}
