/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-page.h"
#include "pdn-api-programs.h"
#include "pdn-api-resource.h"
#include "pdn-json-fields.h"
#include "pdn-plugin-hooks.h"
#include "pdn-program.h"
#include "pdn-validate.h"

/* /programs: any signed-in account reads programs (they hold no personal
 * data); admins, and coordinators of a program's lead or partner
 * organizations, create, change and delete them. */

JsonNode *
pdn_api_program_json (PdnProgram *program)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonNode *settings = json_from_string (program->settings, NULL);

  /* The model only stores JSON objects; never answer anything else. */
  if (settings == NULL || !JSON_NODE_HOLDS_OBJECT (settings))
    {
      g_clear_pointer (&settings, json_node_unref);
      settings = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (settings, json_object_new ());
    }
  json_object_set_int_member (object, "id", program->id);
  json_object_set_string_member (object, "name", program->name);
  json_object_set_string_member (object, "type", program->type);
  json_object_set_int_member (object, "lead_organization_id", program->lead_organization_id);
  pdn_api_json_set_ids (object, "partner_organization_ids", program->partner_organization_ids);
  json_object_set_string_member (object, "school_year", program->school_year);
  json_object_set_member (object, "settings", settings);
  json_object_set_string_member (object, "created_at", program->created_at);
  json_node_take_object (node, object);
  return node;
}

/* Sets the members present in @body: all of them for POST, the ones to
 * change for PATCH. The model validates the values. */
static gboolean
read_program (PdnProgram *program, JsonNode *body, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);
  g_autoptr (JsonNode) settings = NULL;

  if (fields == NULL
      || !pdn_json_fields_get_string (fields, "name", FALSE, &program->name, error)
      || !pdn_json_fields_get_string (fields, "type", FALSE, &program->type, error)
      || !pdn_json_fields_get_id (fields, "lead_organization_id", FALSE,
                                  &program->lead_organization_id, error)
      || !pdn_json_fields_get_ids (fields, "partner_organization_ids",
                                   &program->partner_organization_ids, error)
      || !pdn_json_fields_get_string (fields, "school_year", FALSE, &program->school_year, error)
      || !pdn_json_fields_get_object (fields, "settings", &settings, error)
      || !pdn_json_fields_finish (fields, error))
    return FALSE;
  if (settings != NULL)
    {
      g_free (program->settings);
      program->settings = json_to_string (settings, FALSE);
    }
  return TRUE;
}

/* After the model's own checks, so a coordinator who leaves out the lead
 * hears about the missing field rather than a refusal. */
static gboolean
check_organizations (PdnProgram *program, PdnAccount *caller, GError **error)
{
  return pdn_program_validate (program, error)
         && pdn_access_check_program_organizations (caller, program->lead_organization_id,
                                                    program->partner_organization_ids, error);
}

static JsonNode *
create_program (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnProgram) program = NULL;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error))
    return NULL;
  program = pdn_program_new ();
  if (!read_program (program, pdn_request_get_body (request), error)
      || !check_organizations (program, caller, error)
      || !pdn_plugin_hooks_validate_program (program, error)
      || !pdn_program_insert (program, store, error))
    return NULL;
  return pdn_api_resource_created (request, "/programs", program->id, pdn_api_program_json (program));
}

static const gchar *const list_filters[] = { "school_year", "type", "lead_organization_id", NULL };

/* The ids of one page of programs, filtered by the query. */
static GArray *
select_page (PdnStore *store, PdnRequest *request, PdnApiPage *page, GError **error)
{
  const gchar *school_year = pdn_request_get_query (request, "school_year");
  const gchar *type = pdn_request_get_query (request, "type");
  g_autoptr (GString) sql = g_string_new ("SELECT id FROM programs WHERE id > ?");
  g_autoptr (PdnStatement) stmt = NULL;
  gint64 lead = 0;
  guint index = 1;

  if ((school_year != NULL && !pdn_validate_school_year (school_year, "school_year", error))
      || !pdn_api_query_id (request, "lead_organization_id", &lead, error))
    return NULL;
  if (school_year != NULL)
    g_string_append (sql, " AND school_year = ?");
  if (type != NULL)
    g_string_append (sql, " AND type = ?");
  if (lead != 0)
    g_string_append (sql, " AND lead_organization_id = ?");
  g_string_append (sql, " ORDER BY id LIMIT ?");
  stmt = pdn_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, index++, page->after);
  if (school_year != NULL)
    pdn_statement_bind_text (stmt, index++, school_year);
  if (type != NULL)
    pdn_statement_bind_text (stmt, index++, type);
  if (lead != 0)
    pdn_statement_bind_int64 (stmt, index++, lead);
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

static JsonNode *
load_program_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnProgram) program = pdn_program_load (store, id, error);

  return program != NULL ? pdn_api_program_json (program) : NULL;
}

static JsonNode *
list_programs (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_list (request, user_data, list_filters, select_page, load_program_json, error);
}

/* The program at {id}: 404 when there is none (programs are no secret). */
static PdnProgram *
load_program (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_program_load (store, id, error);
}

static JsonNode *
get_program (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_get (request, user_data, load_program_json, error);
}

/* Both sides of a change: the caller edits the program as it is and may
 * save it with its new organizations. */
static JsonNode *
update_program (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnProgram) program = NULL;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error)
      || (program = load_program (request, store, error)) == NULL
      || !pdn_access_check_edit_program (store, caller, program->id, error)
      || pdn_plugin_hooks_writable_program (store, program->id, NULL, error) == NULL
      || !read_program (program, pdn_request_get_body (request), error)
      || !check_organizations (program, caller, error)
      || !pdn_plugin_hooks_validate_program (program, error)
      || !pdn_program_update (program, store, error))
    return NULL;
  return pdn_api_program_json (program);
}

/* Series or sessions still in the program make this a 409. */
static JsonNode *
delete_program (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnProgram) program = NULL;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error)
      || (program = load_program (request, store, error)) == NULL
      || !pdn_access_check_edit_program (store, caller, program->id, error)
      || pdn_plugin_hooks_writable_program (store, program->id, NULL, error) == NULL)
    return NULL;
  pdn_program_delete (store, program->id, error);
  return NULL;
}

/* ---- OpenAPI ---- */

#define PROGRAM_PROPERTIES                                                                       \
  "\"name\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":200},"                            \
  "\"type\":{\"type\":\"string\",\"description\":\"The program type (plugin) that owns the "     \
  "program, such as workshop-series\"},"                                                         \
  "\"lead_organization_id\":{\"type\":\"integer\",\"minimum\":1},"                               \
  "\"partner_organization_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\","            \
  "\"minimum\":1},\"uniqueItems\":true},"                                                        \
  "\"school_year\":{\"type\":\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\","                    \
  "\"examples\":[\"2026-27\"]},"                                                                 \
  "\"settings\":{\"type\":\"object\",\"description\":\"Settings owned by the program type\"}"

static const gchar program_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"type\",\"lead_organization_id\","
      "\"partner_organization_ids\",\"school_year\",\"settings\",\"created_at\"],"
      "\"properties\":{\"id\":{\"type\":\"integer\"}," PROGRAM_PROPERTIES ","
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}";

static const gchar program_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{" PROGRAM_PROPERTIES "}}";

#define PROGRAM_RESPONSE(status, description)                                                    \
  "\"" status "\":{\"description\":\"" description "\",\"content\":{\"application/json\":"       \
  "{\"schema\":{\"$ref\":\"#/components/schemas/Program\"}}}}"

static const gchar create_operation[]
    = "{\"operationId\":\"createProgram\",\"summary\":\"Create a program\","
      "\"description\":\"Admins, or coordinators naming their organization as the lead or a "
      "partner.\",\"tags\":[\"programs\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"allOf\":[{\"$ref\":\"#/components/schemas/ProgramInput\"}],"
      "\"required\":[\"name\",\"type\",\"lead_organization_id\",\"school_year\"]}}}},"
      "\"responses\":{" PROGRAM_RESPONSE ("201", "The new program") "}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listPrograms\",\"summary\":\"List programs, in id order\","
      "\"tags\":[\"programs\"],\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"school_year\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
      "\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"}},"
      "{\"name\":\"type\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
      "{\"name\":\"lead_organization_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of programs\",\"content\":"
      "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/ProgramPage\"}}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getProgram\",\"summary\":\"Get a program\",\"tags\":[\"programs\"],"
      "\"responses\":{" PROGRAM_RESPONSE ("200", "The program") "}}";

static const gchar update_operation[]
    = "{\"operationId\":\"updateProgram\",\"summary\":\"Change a program's fields\","
      "\"description\":\"Only the members present change. Coordinators of the lead or a partner "
      "organization, who must remain one of them.\",\"tags\":[\"programs\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/ProgramInput\"}}}},"
      "\"responses\":{" PROGRAM_RESPONSE ("200", "The changed program") "}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deleteProgram\",\"summary\":\"Delete a program\","
      "\"description\":\"Refused with 409 while series or sessions belong to it.\","
      "\"tags\":[\"programs\"],\"responses\":{\"204\":{\"description\":\"Deleted\"}}}";

/**
 * pdn_api_programs_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST and GET /programs and GET, PATCH and DELETE /programs/{id}.
 */
void
pdn_api_programs_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Program", program_schema);
  pdn_router_add_schema (router, "ProgramInput", program_input_schema);
  pdn_router_add_schema (router, "ProgramPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/Program"));
  pdn_api_resource_add (router, "POST", "/programs", PDN_ROUTE_JSON_BODY, create_operation,
                        create_program, store);
  pdn_api_resource_add (router, "GET", "/programs", PDN_ROUTE_DEFAULT, list_operation,
                        list_programs, store);
  pdn_api_resource_add (router, "GET", "/programs/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_program, store);
  pdn_api_resource_add (router, "PATCH", "/programs/{id}", PDN_ROUTE_JSON_BODY,
                        update_operation, update_program, store);
  pdn_api_resource_add (router, "DELETE", "/programs/{id}", PDN_ROUTE_DEFAULT, delete_operation,
                        delete_program, store);
}
