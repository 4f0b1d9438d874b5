/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-feedback.h"
#include "pdn-api-resource.h"
#include "pdn-attendance.h"
#include "pdn-json-fields.h"
#include "pdn-session.h"
#include "pdn-survey-response.h"
#include "pdn-survey-summary.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/*
 * /sessions/{id}/feedback: a person who attended a session (present or
 * partial) gives feedback on it once, through their own account, and may
 * change it for PDN_SURVEY_RESPONSE_EDIT_DAYS days at .../feedback/mine.
 * Whoever may edit the session's program reads all of it with a summary.
 *
 * Anonymous feedback keeps its person in the store (the model explains
 * why); this file is where the promise is kept: the author sees their own
 * response at /mine, and everyone else gets anonymous responses without
 * person, id or timestamps, after the named ones and in an order that does
 * not follow submission, so they cannot be matched to the attendance list.
 */

#define MINE_PATH_FORMAT PDN_API_PREFIX "/sessions/%lld/feedback/mine"

static gboolean
require_session (PdnStore *store, gint64 session_id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM sessions WHERE id = ?", session_id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No session has id %lld"),
                                (long long) session_id);
}

/* The author's own view: everything, and until when it may change. */
static JsonNode *
response_to_json_for_author (PdnSurveyResponse *response)
{
  JsonObject *object = json_object_new ();
  g_autofree gchar *until = pdn_survey_response_editable_until (response);

  json_object_set_int_member (object, "id", response->id);
  json_object_set_int_member (object, "session_id", response->session_id);
  json_object_set_int_member (object, "person_id", response->person_id);
  json_object_set_boolean_member (object, "anonymous", response->anonymous);
  json_object_set_int_member (object, "usefulness", response->usefulness);
  json_object_set_int_member (object, "recommend", response->recommend);
  pdn_api_json_set_text (object, "comment", response->comment);
  json_object_set_string_member (object, "created_at", response->created_at);
  json_object_set_string_member (object, "updated_at", response->updated_at);
  pdn_api_json_set_text (object, "editable_until", until);
  return pdn_api_json_node (object);
}

/* Whether @person_id attended @session_id: a present or partial row. */
static gboolean
check_attended (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAttendance) attendance
      = pdn_attendance_load (store, session_id, person_id, &local_error);

  if (attendance == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (attendance != NULL
      && (attendance->status == PDN_ATTENDANCE_STATUS_PRESENT
          || attendance->status == PDN_ATTENDANCE_STATUS_PARTIAL))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL,
                       _("Only people who attended session %lld (present or partial) may give "
                         "feedback on it"),
                       (long long) session_id);
  return FALSE;
}

/* Reads the answers present in @body; @create requires usefulness and
 * recommend. The model then validates them together. */
static gboolean
read_answers (JsonNode *body, PdnSurveyResponse *response, gboolean create, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);

  return fields != NULL
         && (!create
             || (pdn_json_fields_require (fields, "usefulness", error)
                 && pdn_json_fields_require (fields, "recommend", error)))
         && pdn_json_fields_get_int (fields, "usefulness", 1, 5, &response->usefulness, error)
         && pdn_json_fields_get_int (fields, "recommend", 0, 10, &response->recommend, error)
         && pdn_json_fields_get_string (fields, "comment", TRUE, &response->comment, error)
         && pdn_json_fields_get_bool (fields, "anonymous", &response->anonymous, error)
         && pdn_json_fields_finish (fields, error)
         && pdn_survey_response_validate (response, error);
}

static void
set_problem_text (PdnRequest *request, const gchar *name, const gchar *value)
{
  JsonNode *node = json_node_alloc ();

  if (value != NULL)
    json_node_init_string (node, value);
  else
    json_node_init_null (node);
  pdn_request_set_problem_member (request, name, node);
}

/* A second POST: 409, pointing to where the first one can be changed. */
static gboolean
check_first_answer (PdnRequest *request, PdnStore *store, gint64 session_id, gint64 person_id,
                    GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSurveyResponse) existing
      = pdn_survey_response_load_for_person (store, session_id, person_id, &local_error);
  g_autofree gchar *mine = NULL;
  g_autofree gchar *until = NULL;

  if (existing == NULL)
    {
      if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  mine = g_strdup_printf (MINE_PATH_FORMAT, (long long) session_id);
  until = pdn_survey_response_editable_until (existing);
  set_problem_text (request, "edit_url", mine);
  set_problem_text (request, "editable_until", until);
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, NULL,
                       _("You have already given feedback on session %lld; change it with PATCH "
                         "%s (possible until %s)"),
                       (long long) session_id, mine, until);
  return FALSE;
}

static JsonNode *
submit_feedback (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnSurveyResponse) response = pdn_survey_response_new ();
  g_autoptr (PdnTransaction) tx = NULL;
  g_autofree gchar *location = NULL;

  response->person_id = pdn_api_require_caller_person (request, store, NULL, error);
  if (response->person_id == 0
      || !pdn_request_get_param_id (request, "id", &response->session_id, error))
    return NULL;
  /* One transaction, so two POSTs at once cannot both pass the checks. */
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !require_session (store, response->session_id, error)
      || !check_attended (store, response->session_id, response->person_id, error)
      || !read_answers (pdn_request_get_body (request), response, TRUE, error)
      || !check_first_answer (request, store, response->session_id, response->person_id, error)
      || !pdn_survey_response_insert (response, store, error)
      || !pdn_transaction_commit (tx, error))
    return NULL;
  location = g_strdup_printf (MINE_PATH_FORMAT, (long long) response->session_id);
  pdn_request_set_status (request, 201);
  pdn_request_set_response_header (request, "Location", location);
  return response_to_json_for_author (response);
}

/* @person_id's response to the session at {id}: 404 when there is no
 * such session or no feedback from them yet. */
static PdnSurveyResponse *
load_mine (PdnRequest *request, PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 session_id = 0;
  PdnSurveyResponse *response;

  if (!pdn_request_get_param_id (request, "id", &session_id, error)
      || !require_session (store, session_id, error))
    return NULL;
  response = pdn_survey_response_load_for_person (store, session_id, person_id, &local_error);
  if (response == NULL && g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                         _("You have not given feedback on session %lld"),
                         (long long) session_id);
  else if (response == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return response;
}

static JsonNode *
get_my_feedback (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, store, NULL, error);
  g_autoptr (PdnSurveyResponse) response = NULL;

  if (person_id == 0 || (response = load_mine (request, store, person_id, error)) == NULL)
    return NULL;
  return response_to_json_for_author (response);
}

/* Only the members present change; created_at, and so the end of the
 * time to change it, stays. */
static JsonNode *
update_my_feedback (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  gint64 person_id = pdn_api_require_caller_person (request, store, NULL, error);
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnSurveyResponse) response = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();

  if (person_id == 0)
    return NULL;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || (response = load_mine (request, store, person_id, error)) == NULL
      || !pdn_survey_response_check_editable (response, now, error)
      || !read_answers (pdn_request_get_body (request), response, FALSE, error)
      || !pdn_survey_response_update (response, store, error)
      || !pdn_transaction_commit (tx, error))
    return NULL;
  return response_to_json_for_author (response);
}

/* ---- the program's view ---- */

/* @value, or null for NaN (nothing to average). */
static void
set_number (JsonObject *object, const gchar *name, gdouble value)
{
  if (isnan (value))
    json_object_set_null_member (object, name);
  else
    json_object_set_double_member (object, name, value);
}

/* {"1": count, ...}: how many gave each score from @first. */
static JsonObject *
counts_to_json (const gint64 *counts, guint n, guint first)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *score = g_strdup_printf ("%u", first + i);
      json_object_set_int_member (object, score, counts[i]);
    }
  return object;
}

static JsonObject *
summary_to_json (const PdnSurveySummary *summary)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "responses", summary->n);
  set_number (object, "usefulness_mean", pdn_survey_summary_usefulness_mean (summary));
  json_object_set_object_member (
      object, "usefulness_counts",
      counts_to_json (summary->usefulness_counts, G_N_ELEMENTS (summary->usefulness_counts), 1));
  json_object_set_object_member (
      object, "recommend_counts",
      counts_to_json (summary->recommend_counts, G_N_ELEMENTS (summary->recommend_counts), 0));
  json_object_set_int_member (object, "promoters", pdn_survey_summary_promoters (summary));
  json_object_set_int_member (object, "passives", pdn_survey_summary_passives (summary));
  json_object_set_int_member (object, "detractors", pdn_survey_summary_detractors (summary));
  set_number (object, "nps", pdn_survey_summary_nps (summary));
  return object;
}

static gboolean
load_person_name (PdnStore *store, gint64 person_id, gchar **name, GError **error)
{
  g_autoptr (PdnStatement) stmt
      = pdn_store_prepare_id (store, "SELECT name FROM people WHERE id = ?", person_id, error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No person has id %lld"), (long long) person_id))
    return FALSE;
  *name = pdn_statement_dup_text (stmt, 0);
  return TRUE;
}

/* A named response with its author; an anonymous one with nothing that
 * could tell who or when (the id and timestamps follow submission order). */
static JsonNode *
response_to_json_for_program (PdnStore *store, PdnSurveyResponse *response, GError **error)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree gchar *name = NULL;
  gboolean attributed = pdn_survey_response_is_attributed (response);

  if (attributed && !load_person_name (store, response->person_id, &name, error))
    return NULL;
  pdn_api_json_set_id (object, "id", attributed ? response->id : 0);
  pdn_api_json_set_id (object, "person_id", attributed ? response->person_id : 0);
  pdn_api_json_set_text (object, "person_name", name);
  json_object_set_boolean_member (object, "anonymous", !attributed);
  json_object_set_int_member (object, "usefulness", response->usefulness);
  json_object_set_int_member (object, "recommend", response->recommend);
  pdn_api_json_set_text (object, "comment", response->comment);
  pdn_api_json_set_text (object, "created_at", attributed ? response->created_at : NULL);
  pdn_api_json_set_text (object, "updated_at", attributed ? response->updated_at : NULL);
  return pdn_api_json_node (g_steal_pointer (&object));
}

/* Named responses first, in submission order; then anonymous ones by
 * their answers, which say nothing about when they came. */
static gint
compare_for_program (gconstpointer a, gconstpointer b)
{
  PdnSurveyResponse *x = *(PdnSurveyResponse *const *) a;
  PdnSurveyResponse *y = *(PdnSurveyResponse *const *) b;
  gboolean x_named = pdn_survey_response_is_attributed (x);
  gboolean y_named = pdn_survey_response_is_attributed (y);

  if (x_named != y_named)
    return x_named ? -1 : 1;
  if (x_named)
    return (x->id > y->id) - (x->id < y->id);
  if (x->usefulness != y->usefulness)
    return (x->usefulness > y->usefulness) - (x->usefulness < y->usefulness);
  if (x->recommend != y->recommend)
    return (x->recommend > y->recommend) - (x->recommend < y->recommend);
  return g_strcmp0 (x->comment, y->comment);
}

/* The session at {id} if the caller may edit its program (coordinators
 * of its lead or partner organizations, admins): 401, 403 or 404. */
static PdnSession *
load_session_to_review (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  gint64 id = 0;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error)
      || !pdn_request_get_param_id (request, "id", &id, error)
      || (session = pdn_session_load (store, id, error)) == NULL
      || !pdn_access_check_edit_program (store, caller, session->program_id, error))
    return NULL;
  return g_steal_pointer (&session);
}

/* Every response at once: a session has at most its attendees' answers
 * (plus any without a person), so no paging. */
static JsonNode *
list_feedback (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (GPtrArray) responses = NULL;
  g_autoptr (JsonObject) object = json_object_new ();
  JsonArray *items;
  PdnSurveySummary summary = { 0 };

  /* One read transaction: the summary and the list are the same answers. */
  if ((session = load_session_to_review (request, store, error)) == NULL
      || (tx = pdn_transaction_begin (store, PDN_TRANSACTION_READ, error)) == NULL
      || (responses = pdn_survey_response_list_for_session (store, session->id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (responses, compare_for_program);
  items = json_array_new ();
  json_object_set_array_member (object, "responses", items);
  for (guint i = 0; i < responses->len; i++)
    {
      PdnSurveyResponse *response = g_ptr_array_index (responses, i);
      JsonNode *item = response_to_json_for_program (store, response, error);

      if (item == NULL)
        return NULL;
      json_array_add_element (items, item);
      pdn_survey_summary_add (&summary, response->usefulness, response->recommend);
    }
  json_object_set_int_member (object, "session_id", session->id);
  json_object_set_object_member (object, "summary", summary_to_json (&summary));
  return pdn_api_json_node (g_steal_pointer (&object));
}

/* ---- OpenAPI ---- */

#define TIMESTAMP "{\"type\":\"string\",\"format\":\"date-time\"}"
#define NULLABLE_TIMESTAMP "{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"

#define ANSWER_PROPERTIES                                                                        \
  "\"usefulness\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5,\"description\":\"How "     \
  "useful the session was, from 1 (not at all) to 5 (very)\"},"                                  \
  "\"recommend\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10,\"description\":\"How "     \
  "likely the person is to recommend it to a colleague, from 0 to 10\"},"                        \
  "\"comment\":{\"type\":[\"string\",\"null\"],\"maxLength\":2000},"                             \
  "\"anonymous\":{\"type\":\"boolean\",\"description\":\"Whether the person is hidden from "    \
  "everyone but themselves; default false\"}"

static const gchar feedback_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"session_id\",\"person_id\",\"anonymous\","
      "\"usefulness\",\"recommend\",\"comment\",\"created_at\",\"updated_at\","
      "\"editable_until\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
      "\"session_id\":{\"type\":\"integer\"},\"person_id\":{\"type\":\"integer\","
      "\"description\":\"The caller's own person, also when anonymous\"}," ANSWER_PROPERTIES ","
      "\"created_at\":" TIMESTAMP ",\"updated_at\":" TIMESTAMP ","
      "\"editable_until\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"Seven "
      "days after created_at; changes are refused from then on\"}}}";

static const gchar feedback_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{" ANSWER_PROPERTIES
      "}}";

#define COUNTS_SCHEMA                                                                            \
  "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"minimum\":0}}"

static const gchar session_feedback_schema[]
    = "{\"type\":\"object\",\"required\":[\"session_id\",\"summary\",\"responses\"],"
      "\"properties\":{\"session_id\":{\"type\":\"integer\"},"
      "\"summary\":{\"type\":\"object\",\"required\":[\"responses\",\"usefulness_mean\","
      "\"usefulness_counts\",\"recommend_counts\",\"promoters\",\"passives\",\"detractors\","
      "\"nps\"],\"properties\":{\"responses\":{\"type\":\"integer\"},"
      "\"usefulness_mean\":{\"type\":[\"number\",\"null\"],\"description\":\"null without "
      "responses\"},"
      "\"usefulness_counts\":" COUNTS_SCHEMA ",\"recommend_counts\":" COUNTS_SCHEMA ","
      "\"promoters\":{\"type\":\"integer\",\"description\":\"recommend 9 or 10\"},"
      "\"passives\":{\"type\":\"integer\",\"description\":\"recommend 7 or 8\"},"
      "\"detractors\":{\"type\":\"integer\",\"description\":\"recommend 0 to 6\"},"
      "\"nps\":{\"type\":[\"number\",\"null\"],\"minimum\":-100,\"maximum\":100,"
      "\"description\":\"Net Promoter Score: percent promoters minus percent detractors; "
      "null without responses\"}}},"
      "\"responses\":{\"type\":\"array\",\"description\":\"Named responses in the order they "
      "came, then anonymous ones ordered by their answers\",\"items\":{\"type\":\"object\","
      "\"required\":[\"id\",\"person_id\",\"person_name\",\"anonymous\",\"usefulness\","
      "\"recommend\",\"comment\",\"created_at\",\"updated_at\"],\"properties\":{"
      "\"id\":{\"type\":[\"integer\",\"null\"],\"description\":\"null when anonymous\"},"
      "\"person_id\":{\"type\":[\"integer\",\"null\"],\"description\":\"null when "
      "anonymous\"},"
      "\"person_name\":{\"type\":[\"string\",\"null\"]}," ANSWER_PROPERTIES ","
      "\"created_at\":" NULLABLE_TIMESTAMP ",\"updated_at\":" NULLABLE_TIMESTAMP "}}}}}";

#define FEEDBACK_RESPONSE(status, description)                                                   \
  "\"" status "\":{\"description\":\"" description "\",\"content\":{\"application/json\":"       \
  "{\"schema\":{\"$ref\":\"#/components/schemas/Feedback\"}}}}"

static const gchar submit_operation[]
    = "{\"operationId\":\"submitSessionFeedback\",\"summary\":\"Give feedback on a session "
      "you attended\",\"description\":\"For the caller's own person, who must have attended "
      "(present or partial); 403 otherwise. Once per session: a second time is 409 with the "
      "address to change the first (edit_url). It can be changed for seven days.\","
      "\"tags\":[\"feedback\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"allOf\":[{\"$ref\":\"#/components/schemas/FeedbackInput\"}],"
      "\"required\":[\"usefulness\",\"recommend\"]}}}},"
      "\"responses\":{" FEEDBACK_RESPONSE ("201", "The feedback given") "}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listSessionFeedback\",\"summary\":\"Read a session's feedback\","
      "\"description\":\"Whoever may edit the session's program. Anonymous responses come "
      "without person, id or timestamps.\",\"tags\":[\"feedback\"],"
      "\"responses\":{\"200\":{\"description\":\"Every response, with a summary\","
      "\"content\":{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/SessionFeedback\"}}}}}}";

static const gchar get_mine_operation[]
    = "{\"operationId\":\"getMySessionFeedback\",\"summary\":\"Read the feedback you gave on a "
      "session\",\"description\":\"404 until the caller has given some.\","
      "\"tags\":[\"feedback\"],"
      "\"responses\":{" FEEDBACK_RESPONSE ("200", "The caller's feedback") "}}";

static const gchar update_mine_operation[]
    = "{\"operationId\":\"updateMySessionFeedback\",\"summary\":\"Change the feedback you gave "
      "on a session\",\"description\":\"Only the members present change. Possible until "
      "editable_until, seven days after it was first given; 422 after that.\","
      "\"tags\":[\"feedback\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/FeedbackInput\"}}}},"
      "\"responses\":{" FEEDBACK_RESPONSE ("200", "The changed feedback") "}}";

/**
 * pdn_api_feedback_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST and GET /sessions/{id}/feedback and GET and PATCH
 * /sessions/{id}/feedback/mine. Giving and changing feedback are durable
 * writes (%PDN_ROUTE_WRITE).
 */
void
pdn_api_feedback_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Feedback", feedback_schema);
  pdn_router_add_schema (router, "FeedbackInput", feedback_input_schema);
  pdn_router_add_schema (router, "SessionFeedback", session_feedback_schema);
  pdn_api_resource_add (router, "POST", "/sessions/{id}/feedback",
                        PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE, submit_operation, submit_feedback,
                        store);
  pdn_api_resource_add (router, "GET", "/sessions/{id}/feedback", PDN_ROUTE_DEFAULT,
                        list_operation, list_feedback, store);
  pdn_api_resource_add (router, "GET", "/sessions/{id}/feedback/mine", PDN_ROUTE_DEFAULT,
                        get_mine_operation, get_my_feedback, store);
  pdn_api_resource_add (router, "PATCH", "/sessions/{id}/feedback/mine",
                        PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE, update_mine_operation,
                        update_my_feedback, store);
}
