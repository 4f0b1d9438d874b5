/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-api-series.h"
#include "pdn-json-fields.h"
#include "pdn-plugin-hooks.h"
#include "pdn-series.h"

/* /series: any signed-in account reads them; whoever may edit a series'
 * program (see pdn_access_check_edit_program()) creates, changes and
 * deletes its series. */

JsonNode *
pdn_api_series_json (PdnSeries *series)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", series->id);
  json_object_set_int_member (object, "program_id", series->program_id);
  json_object_set_string_member (object, "title", series->title);
  pdn_api_json_set_text (object, "topic", series->topic);
  pdn_api_json_set_text (object, "term", series->term);
  json_object_set_string_member (object, "kind", series->kind);
  json_object_set_int_member (object, "position", series->position);
  json_object_set_string_member (object, "created_at", series->created_at);
  json_node_take_object (node, object);
  return node;
}

/* Sets the members present in @body; the model validates the values. */
static gboolean
read_series (PdnSeries *series, JsonNode *body, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);

  return fields != NULL
         && pdn_json_fields_get_id (fields, "program_id", FALSE, &series->program_id, error)
         && pdn_json_fields_get_string (fields, "title", FALSE, &series->title, error)
         && pdn_json_fields_get_string (fields, "topic", TRUE, &series->topic, error)
         && pdn_json_fields_get_string (fields, "term", TRUE, &series->term, error)
         && pdn_json_fields_get_string (fields, "kind", FALSE, &series->kind, error)
         && pdn_json_fields_get_int (fields, "position", G_MININT32, G_MAXINT32,
                                     &series->position, error)
         && pdn_json_fields_finish (fields, error);
}

static JsonNode *
create_series (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSeries) series = NULL;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error))
    return NULL;
  series = pdn_series_new ();
  if (!read_series (series, pdn_request_get_body (request), error)
      || !pdn_series_validate (series, error)
      || !pdn_api_check_edit_program_field (store, caller, series->program_id, error)
      || !pdn_plugin_hooks_validate_series (store, series, error)
      || !pdn_series_insert (series, store, error))
    return NULL;
  return pdn_api_resource_created (request, "/series", series->id, pdn_api_series_json (series));
}

static const gchar *const list_filters[] = { "program_id", NULL };

static GArray *
select_page (PdnStore *store, PdnRequest *request, PdnApiPage *page, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  gint64 program_id = 0;

  if (!pdn_api_query_id (request, "program_id", &program_id, error))
    return NULL;
  if (program_id != 0)
    stmt = pdn_store_prepare (store,
                              "SELECT id FROM series WHERE id > ? AND program_id = ? "
                              "ORDER BY id LIMIT ?",
                              error);
  else
    stmt = pdn_store_prepare (store, "SELECT id FROM series WHERE id > ? ORDER BY id LIMIT ?",
                              error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, page->after);
  if (program_id != 0)
    pdn_statement_bind_int64 (stmt, 2, program_id);
  pdn_statement_bind_int64 (stmt, program_id != 0 ? 3 : 2, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

static JsonNode *
load_series_json (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnSeries) series = pdn_series_load (store, id, error);

  return series != NULL ? pdn_api_series_json (series) : NULL;
}

static JsonNode *
list_series (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_list (request, user_data, list_filters, select_page, load_series_json, error);
}

static PdnSeries *
load_series (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_series_load (store, id, error);
}

static JsonNode *
get_series (PdnRequest *request, gpointer user_data, GError **error)
{
  return pdn_api_resource_get (request, user_data, load_series_json, error);
}

/* The series at {id}, which the caller may edit; NULL with 401, 403 or
 * 404 otherwise. */
static PdnSeries *
load_series_to_edit (PdnRequest *request, PdnStore *store, PdnAccount **caller, GError **error)
{
  g_autoptr (PdnSeries) series = NULL;

  *caller = pdn_api_require_caller (request, store, error);
  if (*caller == NULL || !pdn_api_check_program_editor (*caller, error)
      || (series = load_series (request, store, error)) == NULL
      || !pdn_access_check_edit_program (store, *caller, series->program_id, error))
    return NULL;
  return g_steal_pointer (&series);
}

/* Moving a series to another program needs edit rights on both. */
static JsonNode *
update_series (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSeries) series = load_series_to_edit (request, store, &caller, error);
  gint64 old_program_id;

  if (series == NULL)
    return NULL;
  old_program_id = series->program_id;
  if (!read_series (series, pdn_request_get_body (request), error)
      || !pdn_series_validate (series, error)
      || (series->program_id != old_program_id
          && !pdn_api_check_edit_program_field (store, caller, series->program_id, error))
      || !pdn_plugin_hooks_validate_series (store, series, error)
      || !pdn_series_update (series, store, error))
    return NULL;
  return pdn_api_series_json (series);
}

/* Sessions still in the series make this a 409. */
static JsonNode *
delete_series (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSeries) series = load_series_to_edit (request, store, &caller, error);

  if (series != NULL
      && pdn_plugin_hooks_writable_program (store, series->program_id, NULL, error) != NULL)
    pdn_series_delete (store, series->id, error);
  return NULL;
}

/* ---- OpenAPI ---- */

#define SERIES_PROPERTIES                                                                        \
  "\"program_id\":{\"type\":\"integer\",\"minimum\":1},"                                         \
  "\"title\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":200},"                           \
  "\"topic\":{\"type\":[\"string\",\"null\"],\"maxLength\":200},"                                \
  "\"term\":{\"type\":[\"string\",\"null\"],\"maxLength\":200,\"examples\":[\"Fall 2026\"]},"    \
  "\"kind\":{\"type\":\"string\",\"description\":\"Owned by the program type, such as "          \
  "workshop-series, course or cohort\"},"                                                        \
  "\"position\":{\"type\":\"integer\",\"minimum\":0,\"description\":\"Order inside the "         \
  "program\"}"

static const gchar series_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"program_id\",\"title\",\"topic\",\"term\","
      "\"kind\",\"position\",\"created_at\"],"
      "\"properties\":{\"id\":{\"type\":\"integer\"}," SERIES_PROPERTIES ","
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}";

static const gchar series_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{" SERIES_PROPERTIES "}}";

#define SERIES_RESPONSE(status, description)                                                     \
  "\"" status "\":{\"description\":\"" description "\",\"content\":{\"application/json\":"       \
  "{\"schema\":{\"$ref\":\"#/components/schemas/Series\"}}}}"

static const gchar create_operation[]
    = "{\"operationId\":\"createSeries\",\"summary\":\"Create a series in a program\","
      "\"description\":\"Whoever may edit the program.\",\"tags\":[\"series\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"allOf\":[{\"$ref\":\"#/components/schemas/SeriesInput\"}],"
      "\"required\":[\"program_id\",\"title\",\"kind\"]}}}},"
      "\"responses\":{" SERIES_RESPONSE ("201", "The new series") "}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listSeries\",\"summary\":\"List series, in id order\","
      "\"tags\":[\"series\"],\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"program_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of series\",\"content\":"
      "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/SeriesPage\"}}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getSeries\",\"summary\":\"Get a series\",\"tags\":[\"series\"],"
      "\"responses\":{" SERIES_RESPONSE ("200", "The series") "}}";

static const gchar update_operation[]
    = "{\"operationId\":\"updateSeries\",\"summary\":\"Change a series' fields\","
      "\"description\":\"Only the members present change. Moving it to another program needs "
      "the right to edit both, and is refused with 409 while it has sessions.\","
      "\"tags\":[\"series\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/SeriesInput\"}}}},"
      "\"responses\":{" SERIES_RESPONSE ("200", "The changed series") "}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deleteSeries\",\"summary\":\"Delete a series\","
      "\"description\":\"Refused with 409 while sessions belong to it.\","
      "\"tags\":[\"series\"],\"responses\":{\"204\":{\"description\":\"Deleted\"}}}";

/**
 * pdn_api_series_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST and GET /series and GET, PATCH and DELETE /series/{id}.
 */
void
pdn_api_series_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Series", series_schema);
  pdn_router_add_schema (router, "SeriesInput", series_input_schema);
  pdn_router_add_schema (router, "SeriesPage", PDN_API_PAGE_SCHEMA ("#/components/schemas/Series"));
  pdn_api_resource_add (router, "POST", "/series", PDN_ROUTE_JSON_BODY, create_operation,
                        create_series, store);
  pdn_api_resource_add (router, "GET", "/series", PDN_ROUTE_DEFAULT, list_operation, list_series,
                        store);
  pdn_api_resource_add (router, "GET", "/series/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_series, store);
  pdn_api_resource_add (router, "PATCH", "/series/{id}", PDN_ROUTE_JSON_BODY, update_operation,
                        update_series, store);
  pdn_api_resource_add (router, "DELETE", "/series/{id}", PDN_ROUTE_DEFAULT, delete_operation,
                        delete_series, store);
}
