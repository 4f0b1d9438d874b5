/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pdn-api-catalog.h"
#include "pdn-api-page.h"
#include "pdn-api-resource.h"
#include "pdn-api-sessions.h"
#include "pdn-enums.h"
#include "pdn-time.h"
#include "pdn-validate.h"

/* /catalog: what a teacher browsing for workshops sees before signing in.
 * No token is needed, so nothing here is personal: the queries select
 * public columns only (never check-in codes, emails or registrations;
 * only how many seats are left and how many people wait). Facilitators
 * appear by name, as presenters do on any workshop catalog. */

static void
set_column_text (JsonObject *object, const gchar *name, PdnStatement *stmt, guint column)
{
  pdn_api_json_set_text (object, name, pdn_statement_column_text (stmt, column));
}

static void
set_column_id (JsonObject *object, const gchar *name, PdnStatement *stmt, guint column)
{
  if (pdn_statement_column_is_null (stmt, column))
    json_object_set_null_member (object, name);
  else
    json_object_set_int_member (object, name, pdn_statement_column_int64 (stmt, column));
}

/* ---- sessions ---- */

#define CATALOG_SESSION_COLUMNS                                                                  \
  "SELECT s.id, s.program_id, p.name, s.series_id, r.title, s.kind, s.title, s.topic, "        \
  "s.starts_at, s.ends_at, s.time_zone, s.local_date, s.location, s.host_school_id, h.name, "   \
  "s.capacity, s.registration_opens_at, s.registration_closes_at, s.cancellation_cutoff, "      \
  "s.curriculum_slug, s.curriculum_commit, s.state, "                                            \
  "CASE WHEN s.capacity IS NULL THEN NULL "                                                      \
  "  ELSE MAX(s.capacity - COALESCE(c.registered, 0), 0) END, COALESCE(c.waitlisted, 0), "       \
  "p.type "                                                                                      \
  "FROM sessions s JOIN programs p ON p.id = s.program_id "                                      \
  "LEFT JOIN series r ON r.id = s.series_id LEFT JOIN schools h ON h.id = s.host_school_id "   \
  "LEFT JOIN registration_counts c ON c.session_id = s.id "

static const gchar *const session_members[] = {
  "id", "program_id", "program_name", "series_id", "series_title", "kind", "title", "topic",
  "starts_at", "ends_at", "time_zone", "local_date", "location", "host_school_id",
  "host_school_name", "capacity", "registration_opens_at", "registration_closes_at",
  "cancellation_cutoff",
};

static JsonObject *
session_from_row (PdnStatement *stmt)
{
  JsonObject *object = json_object_new ();
  JsonObject *curriculum;

  for (guint i = 0; i < G_N_ELEMENTS (session_members); i++)
    {
      const gchar *name = session_members[i];

      if (strcmp (name, "id") == 0 || g_str_has_suffix (name, "_id")
          || strcmp (name, "capacity") == 0)
        set_column_id (object, name, stmt, i);
      else
        set_column_text (object, name, stmt, i);
    }
  if (pdn_statement_column_is_null (stmt, 19))
    json_object_set_null_member (object, "curriculum");
  else
    {
      curriculum = json_object_new ();
      set_column_text (curriculum, "slug", stmt, 19);
      set_column_text (curriculum, "commit", stmt, 20);
      json_object_set_object_member (object, "curriculum", curriculum);
    }
  set_column_text (object, "state", stmt, 21);
  set_column_id (object, "seats_left", stmt, 22);
  json_object_set_int_member (object, "waitlist_size", pdn_statement_column_int64 (stmt, 23));
  set_column_text (object, "program_type", stmt, 24);
  return object;
}

/* [{"name": ...}] in name order. */
static gboolean
add_facilitators (PdnStore *store, JsonObject *session, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  JsonArray *facilitators = json_array_new ();
  PdnStep step;

  json_object_set_array_member (session, "facilitators", facilitators);
  stmt = pdn_store_prepare_id (store,
                               "SELECT p.name FROM session_facilitators f "
                               "JOIN people p ON p.id = f.person_id "
                               "WHERE f.session_id = ? ORDER BY p.name, p.id",
                               json_object_get_int_member (session, "id"), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      JsonObject *facilitator = json_object_new ();

      set_column_text (facilitator, "name", stmt, 0);
      json_array_add_object_element (facilitators, facilitator);
    }
  return step == PDN_STEP_DONE;
}

typedef struct
{
  gint64 program_id;
  gint64 series_id;
  gchar *from;
  gchar *to;
  const gchar *topic;
  const gchar *place;
  gchar *now;
  gchar *cursor_starts_at;
} CatalogFilters;

static void
catalog_filters_clear (CatalogFilters *self)
{
  g_free (self->from);
  g_free (self->to);
  g_free (self->now);
  g_free (self->cursor_starts_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CatalogFilters, catalog_filters_clear)

static const gchar *const session_filters[]
    = { "program_id", "series_id", "from", "to", "topic", "place", NULL };

/* A words filter: NULL when absent or blank. */
static gboolean
read_words (PdnRequest *request, const gchar *name, const gchar **value, GError **error)
{
  const gchar *text = pdn_request_get_query (request, name);

  *value = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!pdn_validate_text (text, name, FALSE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  *value = text;
  return TRUE;
}

/* Without `from`, the sessions that have not ended yet. */
static gboolean
read_session_filters (PdnRequest *request, PdnStore *store, PdnApiPage *page,
                      CatalogFilters *filters, GError **error)
{
  if (!pdn_api_query_id (request, "program_id", &filters->program_id, error)
      || !pdn_api_query_id (request, "series_id", &filters->series_id, error)
      || !pdn_api_query_timestamp (request, "from", &filters->from, error)
      || !pdn_api_query_timestamp (request, "to", &filters->to, error)
      || !read_words (request, "topic", &filters->topic, error)
      || !read_words (request, "place", &filters->place, error))
    return FALSE;
  if (filters->from == NULL)
    filters->now = pdn_time_now_utc ();
  return pdn_api_sessions_page_start (store, page, &filters->cursor_starts_at, error);
}

/* The words anywhere in the text, ignoring ASCII case: instr() rather
 * than LIKE, so % and _ in the words are only themselves. */
#define CONTAINS(column) "instr(lower(COALESCE(" column ", '')), lower(?)) > 0"
#define TOPIC_CLAUSE                                                                             \
  " AND (" CONTAINS ("s.topic") " OR " CONTAINS ("s.title") " OR " CONTAINS ("r.topic") ")"
#define PLACE_CLAUSE                                                                             \
  " AND (" CONTAINS ("s.location") " OR " CONTAINS ("h.name") " OR " CONTAINS ("h.city") ")"

/* Scheduled sessions only; only fixed clauses go into the SQL. */
static PdnStatement *
prepare_sessions (PdnStore *store, CatalogFilters *filters, PdnApiPage *page, GError **error)
{
  g_autoptr (GString) sql = g_string_new (CATALOG_SESSION_COLUMNS "WHERE s.state = ?");
  g_autoptr (PdnStatement) stmt = NULL;
  guint index = 1;

  if (filters->program_id != 0)
    g_string_append (sql, " AND s.program_id = ?");
  if (filters->series_id != 0)
    g_string_append (sql, " AND s.series_id = ?");
  g_string_append (sql, filters->from != NULL ? " AND s.starts_at >= ?" : " AND s.ends_at > ?");
  if (filters->to != NULL)
    g_string_append (sql, " AND s.starts_at < ?");
  if (filters->topic != NULL)
    g_string_append (sql, TOPIC_CLAUSE);
  if (filters->place != NULL)
    g_string_append (sql, PLACE_CLAUSE);
  if (filters->cursor_starts_at != NULL)
    g_string_append (sql, " AND (s.starts_at > ? OR (s.starts_at = ? AND s.id > ?))");
  g_string_append (sql, " ORDER BY s.starts_at, s.id LIMIT ?");
  stmt = pdn_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, index++,
                           pdn_session_state_to_string (PDN_SESSION_STATE_SCHEDULED));
  if (filters->program_id != 0)
    pdn_statement_bind_int64 (stmt, index++, filters->program_id);
  if (filters->series_id != 0)
    pdn_statement_bind_int64 (stmt, index++, filters->series_id);
  pdn_statement_bind_text (stmt, index++, filters->from != NULL ? filters->from : filters->now);
  if (filters->to != NULL)
    pdn_statement_bind_text (stmt, index++, filters->to);
  for (guint i = 0; filters->topic != NULL && i < 3; i++)
    pdn_statement_bind_text (stmt, index++, filters->topic);
  for (guint i = 0; filters->place != NULL && i < 3; i++)
    pdn_statement_bind_text (stmt, index++, filters->place);
  if (filters->cursor_starts_at != NULL)
    {
      pdn_statement_bind_text (stmt, index++, filters->cursor_starts_at);
      pdn_statement_bind_text (stmt, index++, filters->cursor_starts_at);
      pdn_statement_bind_int64 (stmt, index++, page->after);
    }
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (page));
  return g_steal_pointer (&stmt);
}

static JsonNode *
list_catalog_sessions (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_auto (CatalogFilters) filters = { 0 };
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  PdnStep step;

  if (!pdn_api_check_query (request, session_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !read_session_filters (request, store, &page, &filters, error)
      || (stmt = prepare_sessions (store, &filters, &page, error)) == NULL)
    return NULL;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (rows, session_from_row (stmt));
  if (step != PDN_STEP_DONE)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *session = g_ptr_array_index (rows, i);
      JsonNode *node;

      if (!add_facilitators (store, session, error))
        return NULL;
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, session);
      if (!pdn_api_page_add (&page, json_object_get_int_member (session, "id"), node))
        break;
    }
  return pdn_api_page_finish (&page);
}

/* One session, also a cancelled or past one: a link to it keeps working. */
static JsonNode *
get_catalog_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (JsonObject) session = NULL;
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error)
      || (stmt = pdn_store_prepare_id (store, CATALOG_SESSION_COLUMNS "WHERE s.id = ?", id,
                                       error))
             == NULL
      || !pdn_statement_step_one (stmt, error, _("No session has id %lld"), (long long) id))
    return NULL;
  session = session_from_row (stmt);
  g_clear_object (&stmt);
  if (!add_facilitators (store, session, error))
    return NULL;
  return pdn_api_json_node (json_object_ref (session));
}

/* ---- series ---- */

static const gchar *const series_filters[] = { "program_id", NULL };

static JsonNode *
series_from_row (PdnStatement *stmt)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", pdn_statement_column_int64 (stmt, 0));
  json_object_set_int_member (object, "program_id", pdn_statement_column_int64 (stmt, 1));
  set_column_text (object, "program_name", stmt, 2);
  set_column_text (object, "school_year", stmt, 3);
  set_column_text (object, "title", stmt, 4);
  set_column_text (object, "topic", stmt, 5);
  set_column_text (object, "term", stmt, 6);
  set_column_text (object, "kind", stmt, 7);
  json_object_set_int_member (object, "position", pdn_statement_column_int64 (stmt, 8));
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
list_catalog_series (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (PdnStatement) stmt = NULL;
  gint64 program_id = 0;
  PdnStep step;

  if (!pdn_api_check_query (request, series_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !pdn_api_query_id (request, "program_id", &program_id, error))
    return NULL;
  stmt = pdn_store_prepare (store,
                            "SELECT r.id, r.program_id, p.name, p.school_year, r.title, r.topic, "
                            "r.term, r.kind, r.position "
                            "FROM series r JOIN programs p ON p.id = r.program_id "
                            "WHERE r.id > ? AND (? = 0 OR r.program_id = ?) "
                            "ORDER BY r.id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, page.after);
  pdn_statement_bind_int64 (stmt, 2, program_id);
  pdn_statement_bind_int64 (stmt, 3, program_id);
  pdn_statement_bind_int64 (stmt, 4, pdn_api_page_fetch_limit (&page));
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    if (!pdn_api_page_add (&page, pdn_statement_column_int64 (stmt, 0), series_from_row (stmt)))
      break;
  if (step == PDN_STEP_ERROR)
    return NULL;
  return pdn_api_page_finish (&page);
}

/* ---- schools ---- */

/* What signing up needs to pick one's school: names, places and the
 * organization with the email domains it takes (a refused sign-up says
 * them anyway). No external ids or school facts. */
static const gchar *const school_filters[] = { "organization_id", NULL };

static gboolean
add_email_domains (PdnStore *store, JsonObject *school, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  JsonArray *domains = json_array_new ();
  PdnStep step;

  json_object_set_array_member (school, "email_domains", domains);
  stmt = pdn_store_prepare_id (store,
                               "SELECT domain FROM organization_email_domains "
                               "WHERE organization_id = ? ORDER BY domain",
                               json_object_get_int_member (school, "organization_id"), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    json_array_add_string_element (domains, pdn_statement_column_text (stmt, 0));
  return step == PDN_STEP_DONE;
}

static JsonObject *
school_from_row (PdnStatement *stmt)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", pdn_statement_column_int64 (stmt, 0));
  set_column_text (object, "name", stmt, 1);
  set_column_text (object, "city", stmt, 2);
  set_column_text (object, "sector", stmt, 3);
  json_object_set_int_member (object, "organization_id", pdn_statement_column_int64 (stmt, 4));
  set_column_text (object, "organization_name", stmt, 5);
  return object;
}

static JsonNode *
list_catalog_schools (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 organization_id = 0;
  PdnStep step;

  if (!pdn_api_check_query (request, school_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !pdn_api_query_id (request, "organization_id", &organization_id, error))
    return NULL;
  stmt = pdn_store_prepare (store,
                            "SELECT s.id, s.name, s.city, s.sector, s.organization_id, o.name "
                            "FROM schools s JOIN organizations o ON o.id = s.organization_id "
                            "WHERE s.id > ? AND (? = 0 OR s.organization_id = ?) "
                            "ORDER BY s.id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, page.after);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  pdn_statement_bind_int64 (stmt, 3, organization_id);
  pdn_statement_bind_int64 (stmt, 4, pdn_api_page_fetch_limit (&page));
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (rows, school_from_row (stmt));
  if (step != PDN_STEP_DONE)
    return NULL;
  g_clear_object (&stmt);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *school = g_ptr_array_index (rows, i);

      if (!add_email_domains (store, school, error))
        return NULL;
      if (!pdn_api_page_add (&page, json_object_get_int_member (school, "id"),
                             pdn_api_json_node (json_object_ref (school))))
        break;
    }
  return pdn_api_page_finish (&page);
}

/* ---- OpenAPI ---- */

#define NULLABLE_STRING "{\"type\":[\"string\",\"null\"]}"
#define NULLABLE_ID "{\"type\":[\"integer\",\"null\"]}"
#define NULLABLE_TIMESTAMP "{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"
#define TIMESTAMP "{\"type\":\"string\",\"format\":\"date-time\"}"

static const gchar catalog_session_schema[]
    = "{\"type\":\"object\",\"description\":\"A scheduled session as the public sees it: no "
      "check-in code, emails or registrations.\",\"required\":[\"id\",\"program_id\","
      "\"program_name\",\"series_id\",\"series_title\",\"kind\",\"title\",\"topic\","
      "\"starts_at\",\"ends_at\",\"time_zone\",\"local_date\",\"location\",\"host_school_id\","
      "\"host_school_name\",\"capacity\",\"registration_opens_at\",\"registration_closes_at\","
      "\"cancellation_cutoff\",\"curriculum\",\"facilitators\",\"state\",\"seats_left\","
      "\"waitlist_size\",\"program_type\"],"
      "\"additionalProperties\":false,\"properties\":{"
      "\"id\":{\"type\":\"integer\"},\"program_id\":{\"type\":\"integer\"},"
      "\"program_name\":{\"type\":\"string\"},\"series_id\":" NULLABLE_ID ","
      "\"series_title\":" NULLABLE_STRING ",\"kind\":{\"type\":\"string\"},"
      "\"title\":{\"type\":\"string\"},\"topic\":" NULLABLE_STRING ","
      "\"starts_at\":" TIMESTAMP ",\"ends_at\":" TIMESTAMP ","
      "\"time_zone\":{\"type\":\"string\"},\"local_date\":{\"type\":\"string\","
      "\"format\":\"date\"},\"location\":" NULLABLE_STRING ","
      "\"host_school_id\":" NULLABLE_ID ",\"host_school_name\":" NULLABLE_STRING ","
      "\"capacity\":{\"type\":[\"integer\",\"null\"],\"description\":\"null for unlimited\"},"
      "\"registration_opens_at\":" NULLABLE_TIMESTAMP ","
      "\"registration_closes_at\":" NULLABLE_TIMESTAMP ","
      "\"cancellation_cutoff\":" NULLABLE_TIMESTAMP ","
      "\"curriculum\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"object\",\"required\":"
      "[\"slug\",\"commit\"],\"properties\":{\"slug\":{\"type\":\"string\"},"
      "\"commit\":" NULLABLE_STRING "}}]},"
      "\"facilitators\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":"
      "[\"name\"],\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"}}}},"
      "\"state\":{\"type\":\"string\",\"enum\":[\"scheduled\",\"cancelled\"],"
      "\"description\":\"Lists hold scheduled sessions only\"},"
      "\"seats_left\":{\"type\":[\"integer\",\"null\"],\"minimum\":0,\"description\":"
      "\"Seats not yet taken; null for unlimited\"},"
      "\"waitlist_size\":{\"type\":\"integer\",\"minimum\":0,\"description\":\"How many "
      "people wait for a seat\"},"
      "\"program_type\":{\"type\":\"string\",\"description\":\"The program's type (see GET "
      "/plugins), such as workshop-series\"}"
      "}}";

static const gchar catalog_series_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"program_id\",\"program_name\","
      "\"school_year\",\"title\",\"topic\",\"term\",\"kind\",\"position\"],"
      "\"additionalProperties\":false,\"properties\":{"
      "\"id\":{\"type\":\"integer\"},\"program_id\":{\"type\":\"integer\"},"
      "\"program_name\":{\"type\":\"string\"},\"school_year\":{\"type\":\"string\"},"
      "\"title\":{\"type\":\"string\"},\"topic\":" NULLABLE_STRING ","
      "\"term\":" NULLABLE_STRING ",\"kind\":{\"type\":\"string\"},"
      "\"position\":{\"type\":\"integer\"}}}";

static const gchar catalog_school_schema[]
    = "{\"type\":\"object\",\"description\":\"A school as signing up shows it\","
      "\"required\":[\"id\",\"name\",\"city\",\"sector\",\"organization_id\","
      "\"organization_name\",\"email_domains\"],\"additionalProperties\":false,"
      "\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
      "\"city\":" NULLABLE_STRING ",\"sector\":{\"$ref\":\"#/components/schemas/Sector\"},"
      "\"organization_id\":{\"type\":\"integer\"},\"organization_name\":{\"type\":"
      "\"string\"},\"email_domains\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
      "\"description\":\"The organization takes sign-ups with emails at these domains only "
      "(any when empty)\"}}}";

static const gchar schools_operation[]
    = "{\"operationId\":\"listCatalogSchools\",\"summary\":\"The schools one may sign up "
      "from, in id order\",\"description\":\"No sign-in needed.\",\"tags\":[\"catalog\"],"
      "\"security\":[],\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"organization_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of schools\",\"content\":"
      "{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/CatalogSchoolPage\"}}}}}}";

static const gchar sessions_operation[]
    = "{\"operationId\":\"listCatalogSessions\",\"summary\":\"The public catalog of scheduled "
      "sessions, in start order\",\"description\":\"No sign-in needed. Without from, the "
      "sessions that have not ended yet.\",\"tags\":[\"catalog\"],\"security\":[],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"program_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"series_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"from\",\"in\":\"query\",\"description\":\"Sessions starting at or after "
      "this time\",\"schema\":" TIMESTAMP "},"
      "{\"name\":\"to\",\"in\":\"query\",\"description\":\"Sessions starting before this "
      "time\",\"schema\":" TIMESTAMP "},"
      "{\"name\":\"topic\",\"in\":\"query\",\"description\":\"Words in the session's topic "
      "or title, or its series' topic (ASCII letters in any case)\",\"schema\":{\"type\":"
      "\"string\",\"maxLength\":200}},"
      "{\"name\":\"place\",\"in\":\"query\",\"description\":\"Words in the session's "
      "location, or its host school's name or city (ASCII letters in any case)\",\"schema\":"
      "{\"type\":\"string\",\"maxLength\":200}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of sessions\",\"content\":"
      "{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/CatalogSessionPage\"}}}}}}";

static const gchar session_operation[]
    = "{\"operationId\":\"getCatalogSession\",\"summary\":\"One session as the public "
      "catalog shows it\",\"description\":\"No sign-in needed. Also a cancelled or past "
      "session (see state).\",\"tags\":[\"catalog\"],\"security\":[],"
      "\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":"
      "{\"type\":\"integer\",\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"The session\",\"content\":"
      "{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/CatalogSession\"}}}}}}";

static const gchar series_operation[]
    = "{\"operationId\":\"listCatalogSeries\",\"summary\":\"The public catalog of series, in id "
      "order\",\"description\":\"No sign-in needed.\",\"tags\":[\"catalog\"],\"security\":[],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"program_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of series\",\"content\":"
      "{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/CatalogSeriesPage\"}}}}}}";

/**
 * pdn_api_catalog_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds GET /catalog/sessions[/{id}], GET /catalog/series and GET
 * /catalog/schools, open to anyone.
 */
void
pdn_api_catalog_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "CatalogSession", catalog_session_schema);
  pdn_router_add_schema (router, "CatalogSessionPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/CatalogSession"));
  pdn_router_add_schema (router, "CatalogSeries", catalog_series_schema);
  pdn_router_add_schema (router, "CatalogSeriesPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/CatalogSeries"));
  pdn_api_resource_add (router, "GET", "/catalog/sessions", PDN_ROUTE_DEFAULT,
                        sessions_operation, list_catalog_sessions, store);
  pdn_api_resource_add (router, "GET", "/catalog/sessions/{id}", PDN_ROUTE_DEFAULT,
                        session_operation, get_catalog_session, store);
  pdn_api_resource_add (router, "GET", "/catalog/series", PDN_ROUTE_DEFAULT, series_operation,
                        list_catalog_series, store);
  pdn_router_add_schema (router, "CatalogSchool", catalog_school_schema);
  pdn_router_add_schema (router, "CatalogSchoolPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/CatalogSchool"));
  pdn_api_resource_add (router, "GET", "/catalog/schools", PDN_ROUTE_DEFAULT, schools_operation,
                        list_catalog_schools, store);
}
