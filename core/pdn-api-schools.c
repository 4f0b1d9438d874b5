/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-import.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-api-schools.h"
#include "pdn-school-importer.h"
#include "pdn-school.h"

/* /schools: anyone signed in reads them (no personal data); admins and
 * the coordinators of a school's organization change them. */

static JsonNode *
school_to_json (PdnSchool *school)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", school->id);
  json_object_set_string_member (object, "name", school->name);
  json_object_set_string_member (object, "sector", pdn_sector_to_string (school->sector));
  json_object_set_int_member (object, "organization_id", school->organization_id);
  pdn_api_json_set_text (object, "city", school->city);
  pdn_api_json_set_text (object, "external_id", school->external_id);
  pdn_api_json_set_text (object, "created_at", school->created_at);
  return pdn_api_json_node (object);
}

/* What the school was in each school year, oldest first. */
static JsonArray *
load_facts (PdnStore *store, gint64 school_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (
      store,
      "SELECT school_year, teacher_headcount, sector, organization_id "
      "FROM school_year_facts WHERE school_id = ? ORDER BY school_year",
      school_id, error);
  g_autoptr (JsonArray) facts = json_array_new ();
  PdnStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      JsonObject *year = json_object_new ();

      json_object_set_string_member (year, "school_year", pdn_statement_column_text (stmt, 0));
      if (pdn_statement_column_is_null (stmt, 1))
        json_object_set_null_member (year, "teacher_headcount");
      else
        json_object_set_int_member (year, "teacher_headcount",
                                    pdn_statement_column_int64 (stmt, 1));
      json_object_set_string_member (year, "sector", pdn_statement_column_text (stmt, 2));
      json_object_set_int_member (year, "organization_id", pdn_statement_column_int64 (stmt, 3));
      json_array_add_object_element (facts, year);
    }
  return step == PDN_STEP_DONE ? g_steal_pointer (&facts) : NULL;
}

/* One school as stored, with its yearly facts. */
static JsonNode *
load_school_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnSchool) school = pdn_school_load (store, id, error);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *facts;

  if (school == NULL)
    return NULL;
  facts = load_facts (store, id, error);
  if (facts == NULL)
    return NULL;
  node = school_to_json (school);
  json_object_set_array_member (json_node_get_object (node), "facts", facts);
  return g_steal_pointer (&node);
}

/* The members of a POST (@creating) or PATCH body, onto @school. */
static gboolean
read_school (JsonNode *body, PdnSchool *school, gboolean creating, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);
  gint sector = (gint) school->sector;

  if (fields == NULL || !pdn_json_fields_get_string (fields, "name", FALSE, &school->name, error)
      || !pdn_api_json_get_enum (fields, "sector", pdn_sector_names (), &sector, error)
      || !pdn_json_fields_get_id (fields, "organization_id", FALSE, &school->organization_id,
                                  error)
      || !pdn_json_fields_get_string (fields, "city", TRUE, &school->city, error)
      || !pdn_json_fields_get_string (fields, "external_id", TRUE, &school->external_id, error)
      || !pdn_json_fields_finish (fields, error))
    return FALSE;
  if (creating
      && (!pdn_json_fields_require (fields, "name", error)
          || !pdn_json_fields_require (fields, "sector", error)
          || !pdn_json_fields_require (fields, "organization_id", error)))
    return FALSE;
  school->sector = (PdnSector) sector;
  return TRUE;
}

/* Admins and coordinators; others are refused before their body is read. */
static PdnAccount *
require_school_editor (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);

  if (caller == NULL || !pdn_access_check_edit_school (caller, caller->organization_id, error))
    return NULL;
  return g_steal_pointer (&caller);
}

static JsonNode *
create_school (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_school_editor (request, store, error);
  g_autoptr (PdnSchool) school = pdn_school_new ();

  if (caller == NULL || !read_school (pdn_request_get_body (request), school, TRUE, error)
      || !pdn_access_check_edit_school (caller, school->organization_id, error)
      || !pdn_school_insert (school, store, error))
    return NULL;
  return pdn_api_resource_created (request, "/schools", school->id,
                                   load_school_json (store, school->id, error));
}

static GArray *
select_ids (PdnStore *store, PdnRequest *request, PdnApiPage *page, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  const gchar *external_id = pdn_request_get_query (request, "external_id");
  const gchar *sector_name;
  gint64 organization_id = 0;
  gint sector = -1;

  if (!pdn_api_query_id (request, "organization_id", &organization_id, error)
      || !pdn_api_query_enum (request, "sector", pdn_sector_names (), &sector, error))
    return NULL;
  stmt = pdn_store_prepare (store,
                            "SELECT id FROM schools WHERE id > ? "
                            "AND (? = 0 OR organization_id = ?) "
                            "AND (? IS NULL OR sector = ?) "
                            "AND (? IS NULL OR external_id = ?) ORDER BY id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sector_name = sector >= 0 ? pdn_sector_to_string (sector) : NULL;
  pdn_statement_bind_int64 (stmt, 1, page->after);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  pdn_statement_bind_int64 (stmt, 3, organization_id);
  pdn_statement_bind_text (stmt, 4, sector_name);
  pdn_statement_bind_text (stmt, 5, sector_name);
  pdn_statement_bind_text (stmt, 6, external_id);
  pdn_statement_bind_text (stmt, 7, external_id);
  pdn_statement_bind_int64 (stmt, 8, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

/* A list item: the school without its yearly facts. */
static JsonNode *
load_listed_school_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnSchool) school = pdn_school_load (store, id, error);

  return school != NULL ? school_to_json (school) : NULL;
}

static JsonNode *
list_schools (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const filters[] = { "organization_id", "sector", "external_id", NULL };

  return pdn_api_resource_list (request, user_data, filters, select_ids,
                                load_listed_school_json, error);
}

static PdnSchool *
load_from_path (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_school_load (store, id, error);
}

static JsonNode *
get_school (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_get (request, user_data, load_school_json, error);
}

/* Moving a school to another organization needs the right on both. */
static JsonNode *
patch_school (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_school_editor (request, store, error);
  g_autoptr (PdnSchool) school = NULL;

  if (caller == NULL)
    return NULL;
  school = load_from_path (request, store, error);
  if (school == NULL || !pdn_access_check_edit_school (caller, school->organization_id, error)
      || !read_school (pdn_request_get_body (request), school, FALSE, error)
      || !pdn_access_check_edit_school (caller, school->organization_id, error)
      || !pdn_school_update (school, store, error))
    return NULL;
  return load_school_json (store, school->id, error);
}

/* Refused with 409 while people, sessions or outcomes refer to it. */
static JsonNode *
delete_school (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_school_editor (request, store, error);
  g_autoptr (PdnSchool) school = NULL;

  if (caller == NULL)
    return NULL;
  school = load_from_path (request, store, error);
  if (school != NULL && pdn_access_check_edit_school (caller, school->organization_id, error))
    pdn_school_delete (store, school->id, error);
  return NULL;
}

static JsonNode *
import_schools (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_import_run (request, PDN_STORE (user_data), &pdn_api_import_schools, error);
}

static const gchar school_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"sector\",\"organization_id\","
      "\"city\",\"external_id\",\"created_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\",\"readOnly\":true},"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"sector\":{\"$ref\":\"#/components/schemas/Sector\"},"
      "\"organization_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"city\":{\"type\":[\"string\",\"null\"],\"maxLength\":200},"
      "\"external_id\":{\"type\":[\"string\",\"null\"],\"maxLength\":64,"
      "\"description\":\"Unique when given, such as an NCES id\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\",\"readOnly\":true},"
      "\"facts\":{\"type\":\"array\",\"readOnly\":true,\"description\":\"What the school was "
      "in each school year, oldest first (only on GET /schools/{id}; set by imports)\","
      "\"items\":{\"type\":\"object\",\"required\":[\"school_year\",\"teacher_headcount\","
      "\"sector\",\"organization_id\"],\"properties\":{"
      "\"school_year\":{\"type\":\"string\",\"examples\":[\"2025-26\"]},"
      "\"teacher_headcount\":{\"type\":[\"integer\",\"null\"]},"
      "\"sector\":{\"$ref\":\"#/components/schemas/Sector\"},"
      "\"organization_id\":{\"type\":\"integer\"}}}}}}";

static const gchar school_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,%s\"properties\":{"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"sector\":{\"$ref\":\"#/components/schemas/Sector\"},"
      "\"organization_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"city\":{\"type\":[\"string\",\"null\"]},"
      "\"external_id\":{\"type\":[\"string\",\"null\"]}}}";

#define SCHOOL_REF "#/components/schemas/School"
#define JSON_CONTENT(ref) "{\"application/json\":{\"schema\":{\"$ref\":\"" ref "\"}}}"

static const gchar create_operation[]
    = "{\"operationId\":\"createSchool\",\"summary\":\"Add a school (admins, or coordinators of "
      "its organization)\",\"tags\":[\"schools\"],"
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/SchoolCreate") "},"
      "\"responses\":{\"201\":{\"description\":\"The new school\",\"content\":"
      JSON_CONTENT (SCHOOL_REF) "}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listSchools\",\"summary\":\"List schools\",\"tags\":[\"schools\"],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"organization_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"sector\",\"in\":\"query\","
      "\"schema\":{\"$ref\":\"#/components/schemas/Sector\"}},"
      "{\"name\":\"external_id\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of schools in id order (without facts)\","
      "\"content\":{\"application/json\":{\"schema\":" PDN_API_PAGE_SCHEMA (SCHOOL_REF) "}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getSchool\",\"summary\":\"One school, with its yearly facts\","
      "\"tags\":[\"schools\"],"
      "\"responses\":{\"200\":{\"description\":\"The school\",\"content\":"
      JSON_CONTENT (SCHOOL_REF) "}}}";

static const gchar patch_operation[]
    = "{\"operationId\":\"updateSchool\",\"summary\":\"Change a school; members left out keep "
      "their values, null clears city and external_id; moving it to another organization "
      "needs the right on both\",\"tags\":[\"schools\"],"
      "\"requestBody\":{\"required\":true,\"content\":"
      JSON_CONTENT ("#/components/schemas/SchoolUpdate") "},"
      "\"responses\":{\"200\":{\"description\":\"The school as saved\",\"content\":"
      JSON_CONTENT (SCHOOL_REF) "}}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deleteSchool\",\"summary\":\"Remove a school; 409 while people, "
      "sessions or outcomes refer to it\",\"tags\":[\"schools\"],"
      "\"responses\":{\"204\":{\"description\":\"Removed\"}}}";

static const gchar import_operation[]
    = "{\"operationId\":\"importSchools\",\"summary\":\"Import schools from CSV, all or "
      "nothing\",\"description\":\"The CSV of `pdnet import schools`: columns external_id, "
      "name, sector, organization, organization_kind, city, school_year, teacher_headcount "
      "(name, sector and organization required). Admins import anything; a coordinator only "
      "rows naming its own organization and schools that are not another organization's: "
      "other rows are row errors.\",\"tags\":[\"schools\"],"
      PDN_API_IMPORT_OPERATION_MEMBERS "}";

static void
add_schemas (PdnRouter *router)
{
  g_autofree gchar *sector = pdn_api_json_enum_schema (pdn_sector_names ());
  g_autofree gchar *create = g_strdup_printf (
      school_input_schema, "\"required\":[\"name\",\"sector\",\"organization_id\"],");
  g_autofree gchar *update = g_strdup_printf (school_input_schema, "");

  pdn_router_add_schema (router, "Sector", sector);
  pdn_router_add_schema (router, "School", school_schema);
  pdn_router_add_schema (router, "SchoolCreate", create);
  pdn_router_add_schema (router, "SchoolUpdate", update);
  pdn_api_import_add_schemas (router);
}

/**
 * pdn_api_schools_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST/GET /schools, GET/PATCH/DELETE /schools/{id} and POST
 * /schools/import.
 */
void
pdn_api_schools_register (PdnRouter *router, PdnStore *store)
{
  add_schemas (router);
  pdn_api_resource_add (router, "POST", "/schools", PDN_ROUTE_JSON_BODY, create_operation,
                        create_school, store);
  pdn_api_resource_add (router, "GET", "/schools", PDN_ROUTE_DEFAULT, list_operation, list_schools,
                        store);
  pdn_api_resource_add (router, "POST", "/schools/import", PDN_ROUTE_RAW_BODY | PDN_ROUTE_WORKER,
                        import_operation, import_schools, store);
  pdn_api_resource_add (router, "GET", "/schools/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_school, store);
  pdn_api_resource_add (router, "PATCH", "/schools/{id}", PDN_ROUTE_JSON_BODY, patch_operation,
                        patch_school, store);
  pdn_api_resource_add (router, "DELETE", "/schools/{id}", PDN_ROUTE_DEFAULT, delete_operation,
                        delete_school, store);
}
