/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-import.h"
#include "pdn-api-outcomes.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-json-guard.h"
#include "pdn-outcome-importer.h"
#include "pdn-outcome.h"
#include "pdn-school.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-api-outcomes
 *
 * /outcomes: schools' results by school year and measure, such as ELA
 * growth. Admins import and read every school's. A coordinator or lead
 * imports and reads only its own organization's schools': test results
 * are not shared with other organizations, not even with the partners of
 * the programs a school's teachers attend (privacy), so a list is
 * silently limited to the caller's schools and naming another
 * organization or its school in a filter is refused (403). Teachers see
 * none.
 */

/* Admins, and coordinators and leads of an organization; others are
 * refused before their body or query is read. */
static PdnAccount *
require_outcomes_caller (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);

  if (caller == NULL || !pdn_access_check_outcomes (caller, caller->organization_id, error))
    return NULL;
  return g_steal_pointer (&caller);
}

/* ---- POST /outcomes ---- */

static gboolean
import_json (PdnStore *store, PdnAccount *caller, GBytes *body, PdnImportReport **report,
             GError **error)
{
  gsize length = 0;
  const gchar *data = g_bytes_get_data (body, &length);
  g_autoptr (JsonNode) node = pdn_json_guard_parse (data != NULL ? data : "", length, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The request body must be a JSON array of outcome rows"));
      return FALSE;
    }
  return pdn_outcome_importer_import_json (store, caller, json_node_get_array (node), report,
                                           error);
}

static gboolean
import_body (PdnRequest *request, PdnStore *store, PdnAccount *caller, PdnImportReport **report,
             GError **error)
{
  const gchar *type = pdn_request_get_header (request, "Content-Type");
  g_autoptr (GBytes) body = pdn_request_get_raw_body (request) != NULL
                                ? g_bytes_ref (pdn_request_get_raw_body (request))
                                : g_bytes_new_static ("", 0);

  if (pdn_api_import_is_utf8_type (type, "text/csv"))
    {
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (body);
      g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (stream);

      return pdn_outcome_importer_import_csv (store, caller, reader, NULL, NULL, report, error);
    }
  if (pdn_api_import_is_utf8_type (type, "application/json"))
    return import_json (store, caller, body, report, error);
  pdn_error_set_field (error, PDN_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                       _("The request body must be text/csv or application/json, in UTF-8"));
  return FALSE;
}

/* 200 with the counts, or 422 with every bad row in `errors`, as the
 * other imports answer. */
static JsonNode *
import_outcomes (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_outcomes_caller (request, store, error);
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (GError) local_error = NULL;

  if (caller == NULL)
    return NULL;
  if (import_body (request, store, caller, &report, &local_error))
    return pdn_api_import_report_to_json (report, FALSE);
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE))
    pdn_request_set_problem_member (request, "errors", pdn_api_import_errors_to_json (report));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* ---- GET /outcomes ---- */

/* Items come in (school_id, school_year, measure) order, the table's
 * key; the cursor is the last item's key, "12:2025-26:ela_growth". */
typedef struct
{
  gint64 scope; /* the caller's organization; 0 for every school (admins) */
  gint64 organization_id;
  gint64 school_id;
  const gchar *school_year;
  const gchar *measure;
  gint64 after_school; /* 0: the first page */
  gchar *after_year;
  gchar *after_measure;
} OutcomeQuery;

static void
outcome_query_clear (OutcomeQuery *query)
{
  g_clear_pointer (&query->after_year, g_free);
  g_clear_pointer (&query->after_measure, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutcomeQuery, outcome_query_clear)

static gboolean
parse_cursor (const gchar *text, OutcomeQuery *query, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", 3);
  guint64 school = 0;

  if (g_strv_length (parts) == 3
      && g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &school, NULL)
      && pdn_validate_school_year (parts[1], NULL, NULL) && pdn_outcome_is_measure (parts[2]))
    {
      query->after_school = (gint64) school;
      query->after_year = g_strdup (parts[1]);
      query->after_measure = g_strdup (parts[2]);
      return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "cursor",
                       _("cursor must be the next_cursor of a previous page"));
  return FALSE;
}

/* A filter on another organization's school is refused; on a school that
 * does not exist, it simply matches nothing. */
static gboolean
check_school_filter (PdnStore *store, PdnAccount *caller, gint64 school_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchool) school = NULL;

  if (school_id == 0)
    return TRUE;
  school = pdn_school_load (store, school_id, &local_error);
  if (school != NULL)
    return pdn_access_check_outcomes (caller, school->organization_id, error);
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
read_query (PdnRequest *request, PdnStore *store, PdnAccount *caller, OutcomeQuery *query,
            GError **error)
{
  const gchar *cursor = pdn_request_get_query (request, "cursor");

  query->scope = caller->role == PDN_LOGIN_ROLE_ADMIN ? 0 : caller->organization_id;
  query->school_year = pdn_request_get_query (request, "school_year");
  query->measure = pdn_request_get_query (request, "measure");
  if (!pdn_api_query_id (request, "organization_id", &query->organization_id, error)
      || !pdn_api_query_id (request, "school_id", &query->school_id, error)
      || (query->school_year != NULL
          && !pdn_validate_school_year (query->school_year, "school_year", error))
      || (query->measure != NULL
          && !pdn_outcome_validate_measure (query->measure, "measure", error))
      || (cursor != NULL && !parse_cursor (cursor, query, error)))
    return FALSE;
  if (query->organization_id > 0
      && !pdn_access_check_outcomes (caller, query->organization_id, error))
    return FALSE;
  return check_school_filter (store, caller, query->school_id, error);
}

static PdnStatement *
prepare_page (PdnStore *store, OutcomeQuery *query, PdnApiPage *page, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "SELECT o.school_id, s.organization_id, o.school_year, o.measure, o.value, o.students_n "
      "FROM outcomes o JOIN schools s ON s.id = o.school_id "
      "WHERE (? = 0 OR s.organization_id = ?) AND (? = 0 OR s.organization_id = ?) "
      "AND (? = 0 OR o.school_id = ?) AND (? IS NULL OR o.school_year = ?) "
      "AND (? IS NULL OR o.measure = ?) "
      "AND (? = 0 OR o.school_id > ? OR (o.school_id = ? AND (o.school_year > ? "
      "OR (o.school_year = ? AND o.measure > ?)))) "
      "ORDER BY o.school_id, o.school_year, o.measure LIMIT ?",
      error);
  guint i = 1;

  if (stmt == NULL)
    return NULL;
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_int64 (stmt, i++, query->scope);
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_int64 (stmt, i++, query->organization_id);
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_int64 (stmt, i++, query->school_id);
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_text (stmt, i++, query->school_year);
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_text (stmt, i++, query->measure);
  for (guint three = 0; three < 3; three++)
    pdn_statement_bind_int64 (stmt, i++, query->after_school);
  for (guint twice = 0; twice < 2; twice++)
    pdn_statement_bind_text (stmt, i++, query->after_year);
  pdn_statement_bind_text (stmt, i++, query->after_measure);
  pdn_statement_bind_int64 (stmt, i, pdn_api_page_fetch_limit (page));
  return g_steal_pointer (&stmt);
}

static JsonNode *
outcome_item (PdnStatement *stmt)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "school_id", pdn_statement_column_int64 (stmt, 0));
  json_object_set_int_member (object, "organization_id", pdn_statement_column_int64 (stmt, 1));
  json_object_set_string_member (object, "school_year", pdn_statement_column_text (stmt, 2));
  json_object_set_string_member (object, "measure", pdn_statement_column_text (stmt, 3));
  json_object_set_double_member (object, "value", pdn_statement_column_double (stmt, 4));
  json_object_set_int_member (object, "students_n", pdn_statement_column_int64 (stmt, 5));
  return pdn_api_json_node (object);
}

static gchar *
item_cursor (PdnStatement *stmt)
{
  return g_strdup_printf ("%lld:%s:%s", (long long) pdn_statement_column_int64 (stmt, 0),
                          pdn_statement_column_text (stmt, 2), pdn_statement_column_text (stmt, 3));
}

static JsonNode *
list_outcomes (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const filters[]
      = { "school_id", "organization_id", "school_year", "measure", NULL };
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = require_outcomes_caller (request, store, error);
  g_auto (OutcomeQuery) query = { 0 };
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *last = NULL;
  PdnStep step;

  if (caller == NULL || !pdn_api_check_query (request, filters, error)
      || !pdn_api_page_init_limit (&page, request, error)
      || !read_query (request, store, caller, &query, error)
      || (stmt = prepare_page (store, &query, &page, error)) == NULL)
    return NULL;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      if (!pdn_api_page_add (&page, 0, outcome_item (stmt)))
        break;
      g_free (last);
      last = item_cursor (stmt);
    }
  if (step == PDN_STEP_ERROR)
    return NULL;
  return pdn_api_page_finish_with_cursor (&page, last);
}

/* ---- OpenAPI ---- */

static const gchar outcome_schema[]
    = "{\"type\":\"object\",\"required\":[\"school_id\",\"organization_id\",\"school_year\","
      "\"measure\",\"value\",\"students_n\"],\"properties\":{"
      "\"school_id\":{\"type\":\"integer\"},"
      "\"organization_id\":{\"type\":\"integer\",\"description\":\"The school's organization\"},"
      "\"school_year\":{\"type\":\"string\",\"examples\":[\"2025-26\"]},"
      "\"measure\":{\"type\":\"string\",\"pattern\":\"^[a-z0-9_]{1,40}$\","
      "\"examples\":[\"ela_growth\",\"math_scale_score\"]},"
      "\"value\":{\"type\":\"number\"},"
      "\"students_n\":{\"type\":\"integer\",\"minimum\":0,"
      "\"description\":\"The students the value is about\"}}}";

static const gchar outcome_row_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"description\":\"One row of an outcomes import: the school by school_id or by "
      "school_external_id (one of them); null is a blank cell\","
      "\"required\":[\"school_year\",\"measure\",\"value\",\"students_n\"],\"properties\":{"
      "\"school_id\":{\"type\":[\"integer\",\"null\"],\"minimum\":1},"
      "\"school_external_id\":{\"type\":[\"string\",\"null\"],\"maxLength\":64},"
      "\"school_year\":{\"type\":\"string\",\"examples\":[\"2025-26\"]},"
      "\"measure\":{\"type\":\"string\",\"pattern\":\"^[a-z0-9_]{1,40}$\"},"
      "\"value\":{\"type\":\"number\",\"description\":\"Finite\"},"
      "\"students_n\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10000000}}}";

#define PROBLEM_CONTENT(ref)                                                                     \
  "{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/" ref "\"}}}"

static const gchar import_operation[]
    = "{\"operationId\":\"importOutcomes\",\"summary\":\"Import outcomes from CSV or JSON, all "
      "or nothing\",\"description\":\"text/csv: the CSV of `pdnet import outcomes`, columns "
      "school_id or school_external_id, school_year, measure, value, students_n, in any order. "
      "application/json: an array of OutcomeRow objects (an error's line is then the row's "
      "position, from 1). Each row replaces the value and students_n of its school, year and "
      "measure. Admins import for any school; coordinators and leads for their organization's "
      "schools only: a row for another school is a bad row naming its school column.\","
      "\"tags\":[\"outcomes\"],"
      "\"requestBody\":{\"required\":true,\"content\":{"
      "\"text/csv\":{\"schema\":{\"type\":\"string\"}},"
      "\"application/json\":{\"schema\":{\"type\":\"array\",\"items\":"
      "{\"$ref\":\"#/components/schemas/OutcomeRow\"}}}}},"
      "\"responses\":{\"200\":{\"description\":\"Imported: what changed\",\"content\":"
      "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/ImportReport\"}}}},"
      "\"415\":{\"description\":\"The body is neither text/csv nor application/json in UTF-8\","
      "\"content\":" PROBLEM_CONTENT ("Problem") "},"
      "\"422\":{\"description\":\"Some rows are bad; nothing was imported\",\"content\":"
      PROBLEM_CONTENT ("ImportProblem") "}}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listOutcomes\",\"summary\":\"List outcomes\",\"description\":"
      "\"Admins see every school's; coordinators and leads only their organization's schools' "
      "(a filter naming another organization or its school is refused with 403); others "
      "none. In order of school_id, school_year and measure.\",\"tags\":[\"outcomes\"],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"school_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1}},"
      "{\"name\":\"organization_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"school_year\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
      "\"examples\":[\"2025-26\"]}},"
      "{\"name\":\"measure\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
      "\"pattern\":\"^[a-z0-9_]{1,40}$\"}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of outcomes\",\"content\":"
      "{\"application/json\":{\"schema\":"
      PDN_API_PAGE_SCHEMA ("#/components/schemas/Outcome") "}}}}}";

/**
 * pdn_api_outcomes_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST and GET /outcomes.
 */
void
pdn_api_outcomes_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Outcome", outcome_schema);
  pdn_router_add_schema (router, "OutcomeRow", outcome_row_schema);
  pdn_api_import_add_schemas (router);
  pdn_api_resource_add (router, "POST", "/outcomes", PDN_ROUTE_RAW_BODY | PDN_ROUTE_WORKER,
                        import_operation, import_outcomes, store);
  pdn_api_resource_add (router, "GET", "/outcomes", PDN_ROUTE_DEFAULT, list_operation,
                        list_outcomes, store);
}
