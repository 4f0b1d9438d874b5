/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-organizations.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-organization.h"

/* /organizations: districts, networks, dioceses and partners. Any signed-in
 * account reads them (they hold no personal data); only admins change them. */

static JsonNode *
organization_to_json (PdnOrganization *organization)
{
  JsonObject *object = json_object_new ();
  JsonArray *domains = json_array_new ();

  json_object_set_int_member (object, "id", organization->id);
  json_object_set_string_member (object, "name", organization->name);
  json_object_set_string_member (object, "slug", organization->slug);
  json_object_set_string_member (object, "kind",
                                 pdn_organization_kind_to_string (organization->kind));
  for (guint i = 0; i < organization->email_domains->len; i++)
    json_array_add_string_element (domains, g_ptr_array_index (organization->email_domains, i));
  json_object_set_array_member (object, "email_domains", domains);
  pdn_api_json_set_text (object, "created_at", organization->created_at);
  return pdn_api_json_node (object);
}

/* As stored: domains lowercase and sorted. */
static JsonNode *
load_organization_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_load (store, id, error);

  return organization != NULL ? organization_to_json (organization) : NULL;
}

/* The members of a POST (@creating) or PATCH body, onto @organization. */
static gboolean
read_organization (JsonNode *body, PdnOrganization *organization, gboolean creating,
                   GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);
  g_autoptr (GPtrArray) domains = NULL;
  gint kind = (gint) organization->kind;

  if (fields == NULL
      || !pdn_json_fields_get_string (fields, "name", FALSE, &organization->name, error)
      || !pdn_json_fields_get_string (fields, "slug", FALSE, &organization->slug, error)
      || !pdn_api_json_get_enum (fields, "kind", pdn_organization_kind_names (), &kind, error)
      || !pdn_json_fields_get_strings (fields, "email_domains", &domains, error)
      || !pdn_json_fields_finish (fields, error))
    return FALSE;
  if (creating
      && (!pdn_json_fields_require (fields, "name", error)
          || !pdn_json_fields_require (fields, "kind", error)))
    return FALSE;
  organization->kind = (PdnOrganizationKind) kind;
  if (domains != NULL)
    {
      g_ptr_array_unref (organization->email_domains);
      organization->email_domains = g_steal_pointer (&domains);
    }
  if (organization->slug == NULL && organization->name != NULL)
    organization->slug = pdn_organization_slug_from_name (organization->name);
  return TRUE;
}

static PdnAccount *
require_admin (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);

  if (caller == NULL || !pdn_access_check_admin (caller, error))
    return NULL;
  return g_steal_pointer (&caller);
}

static JsonNode *
create_organization (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_admin (request, store, error);
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();

  if (caller == NULL
      || !read_organization (pdn_request_get_body (request), organization, TRUE, error)
      || !pdn_organization_insert (organization, store, error))
    return NULL;
  return pdn_api_resource_created (request, "/organizations", organization->id,
                                   load_organization_json (store, organization->id, error));
}

static GArray *
select_ids (PdnStore *store, PdnRequest *request, PdnApiPage *page, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  const gchar *kind_name = NULL;
  gint kind = -1;

  if (!pdn_api_query_enum (request, "kind", pdn_organization_kind_names (), &kind, error))
    return NULL;
  kind_name = kind >= 0 ? pdn_organization_kind_to_string (kind) : NULL;
  stmt = pdn_store_prepare (store,
                            "SELECT id FROM organizations WHERE id > ? AND (? IS NULL OR kind = ?) "
                            "ORDER BY id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, page->after);
  pdn_statement_bind_text (stmt, 2, kind_name);
  pdn_statement_bind_text (stmt, 3, kind_name);
  pdn_statement_bind_int64 (stmt, 4, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

static JsonNode *
list_organizations (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const filters[] = { "kind", NULL };

  return pdn_api_resource_list (request, user_data, filters, select_ids, load_organization_json,
                                error);
}

static PdnOrganization *
load_from_path (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_organization_load (store, id, error);
}

static JsonNode *
get_organization (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_get (request, user_data, load_organization_json, error);
}

static JsonNode *
patch_organization (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_admin (request, store, error);
  g_autoptr (PdnOrganization) organization = NULL;

  if (caller == NULL)
    return NULL;
  organization = load_from_path (request, store, error);
  if (organization == NULL
      || !read_organization (pdn_request_get_body (request), organization, FALSE, error)
      || !pdn_organization_update (organization, store, error))
    return NULL;
  return load_organization_json (store, organization->id, error);
}

/* Refused with 409 while schools, accounts or programs refer to it. */
static JsonNode *
delete_organization (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_admin (request, store, error);
  g_autoptr (PdnOrganization) organization = NULL;

  if (caller == NULL)
    return NULL;
  organization = load_from_path (request, store, error);
  if (organization != NULL)
    pdn_organization_delete (store, organization->id, error);
  return NULL;
}

static const gchar organization_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"slug\",\"kind\",\"email_domains\","
      "\"created_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\",\"readOnly\":true},"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"slug\":{\"type\":\"string\",\"description\":\"Lowercase letters, digits and dashes; "
      "made from the name when absent\"},"
      "\"kind\":%s,"
      "\"email_domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
      "\"description\":\"Teachers signing up at this organization's schools must have an "
      "email in one of these domains (any, when empty)\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\",\"readOnly\":true}}}";

static const gchar organization_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,%s\"properties\":{"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"slug\":{\"type\":\"string\"},"
      "\"kind\":%s,"
      "\"email_domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

#define ORGANIZATION_REF "#/components/schemas/Organization"
#define JSON_CONTENT(ref) "{\"application/json\":{\"schema\":{\"$ref\":\"" ref "\"}}}"

static const gchar create_operation[]
    = "{\"operationId\":\"createOrganization\",\"summary\":\"Add an organization (admins)\","
      "\"tags\":[\"organizations\"],"
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/OrganizationCreate") "},"
      "\"responses\":{\"201\":{\"description\":\"The new organization\",\"content\":"
      JSON_CONTENT (ORGANIZATION_REF) "}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listOrganizations\",\"summary\":\"List organizations\","
      "\"tags\":[\"organizations\"],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ",{\"name\":\"kind\",\"in\":\"query\","
      "\"schema\":{\"$ref\":\"#/components/schemas/OrganizationKind\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of organizations in id order\","
      "\"content\":{\"application/json\":{\"schema\":" PDN_API_PAGE_SCHEMA (ORGANIZATION_REF)
      "}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getOrganization\",\"summary\":\"One organization\","
      "\"tags\":[\"organizations\"],"
      "\"responses\":{\"200\":{\"description\":\"The organization\",\"content\":"
      JSON_CONTENT (ORGANIZATION_REF) "}}}";

static const gchar patch_operation[]
    = "{\"operationId\":\"updateOrganization\",\"summary\":\"Change an organization (admins); "
      "members left out keep their values\","
      "\"tags\":[\"organizations\"],"
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/OrganizationUpdate") "},"
      "\"responses\":{\"200\":{\"description\":\"The organization as saved\",\"content\":"
      JSON_CONTENT (ORGANIZATION_REF) "}}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deleteOrganization\",\"summary\":\"Remove an organization (admins); "
      "409 while schools, accounts or programs refer to it\","
      "\"tags\":[\"organizations\"],"
      "\"responses\":{\"204\":{\"description\":\"Removed\"}}}";

static void
add_schemas (PdnRouter *router)
{
  g_autofree gchar *kind = pdn_api_json_enum_schema (pdn_organization_kind_names ());
  g_autofree gchar *organization = g_strdup_printf (organization_schema, kind);
  g_autofree gchar *create
      = g_strdup_printf (organization_input_schema, "\"required\":[\"name\",\"kind\"],", kind);
  g_autofree gchar *update = g_strdup_printf (organization_input_schema, "", kind);

  pdn_router_add_schema (router, "OrganizationKind", kind);
  pdn_router_add_schema (router, "Organization", organization);
  pdn_router_add_schema (router, "OrganizationCreate", create);
  pdn_router_add_schema (router, "OrganizationUpdate", update);
}

/**
 * pdn_api_organizations_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST/GET /organizations and GET/PATCH/DELETE /organizations/{id}.
 */
void
pdn_api_organizations_register (PdnRouter *router, PdnStore *store)
{
  add_schemas (router);
  pdn_api_resource_add (router, "POST", "/organizations", PDN_ROUTE_JSON_BODY, create_operation,
                        create_organization, store);
  pdn_api_resource_add (router, "GET", "/organizations", PDN_ROUTE_DEFAULT, list_operation,
                        list_organizations, store);
  pdn_api_resource_add (router, "GET", "/organizations/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_organization, store);
  pdn_api_resource_add (router, "PATCH", "/organizations/{id}", PDN_ROUTE_JSON_BODY,
                        patch_operation, patch_organization, store);
  pdn_api_resource_add (router, "DELETE", "/organizations/{id}", PDN_ROUTE_DEFAULT,
                        delete_operation, delete_organization, store);
}
