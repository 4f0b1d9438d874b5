/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-registrations.h"
#include "pdn-api-resource.h"
#include "pdn-plugin-hooks.h"
#include "pdn-plugin-registry.h"
#include "pdn-registrar.h"
#include "pdn-series.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/* Registration: teachers take a seat (or a waitlist place) for themselves;
 * coordinators do it for others. Writes are PDN_ROUTE_WRITE routes, so a
 * 201 is sent only once the registration is on disk. */

static JsonObject *
registration_object (PdnRegistration *registration, gint64 position)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", registration->id);
  json_object_set_int_member (object, "session_id", registration->session_id);
  json_object_set_int_member (object, "person_id", registration->person_id);
  json_object_set_string_member (object, "status",
                                 pdn_registration_status_to_string (registration->status));
  if (position > 0)
    json_object_set_int_member (object, "position", position);
  else
    json_object_set_null_member (object, "position");
  json_object_set_string_member (object, "created_at", registration->created_at);
  pdn_api_json_set_text (object, "cancelled_at", registration->cancelled_at);
  return object;
}

/* With its waitlist position, read in the caller's transaction. */
static JsonNode *
registration_to_json (PdnStore *store, PdnRegistration *registration, GError **error)
{
  gint64 position = pdn_registration_waitlist_position (registration, store, error);

  if (position < 0)
    return NULL;
  return pdn_api_json_node (registration_object (registration, position));
}

/* Anyone acts for their own person; an admin for anybody; a coordinator
 * for people of its schools and in the sessions of programs it runs. */
static gboolean
check_act_for (PdnStore *store, PdnAccount *caller, PdnSession *session, gint64 person_id,
               GError **error)
{
  g_autoptr (GError) program_error = NULL;

  if (caller->person_id > 0 && caller->person_id == person_id && !caller->disabled)
    return TRUE;
  if (caller->role == PDN_LOGIN_ROLE_TEACHER)
    return pdn_access_check_act_as_person (caller, person_id, error);
  if (pdn_access_check_edit_program (store, caller, session->program_id, &program_error))
    return TRUE;
  if (!g_error_matches (program_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&program_error));
      return FALSE;
    }
  return pdn_access_check_edit_person (store, caller, person_id, error);
}

/* The person a registration body names: `person_id`, or the caller's own.
 * @type_members: what else the session's program type reads from the
 * body (its description's "registration_fields"); anything more is
 * refused. */
static gint64
read_person (PdnRequest *request, PdnAccount *caller, JsonArray *type_members, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);
  gint64 person_id = 0;

  if (fields == NULL || !pdn_json_fields_get_id (fields, "person_id", TRUE, &person_id, error))
    return 0;
  for (guint i = 0; type_members != NULL && i < json_array_get_length (type_members); i++)
    pdn_json_fields_skip (fields, json_array_get_string_element (type_members, i));
  if (!pdn_json_fields_finish (fields, error))
    return 0;
  if (person_id > 0)
    return person_id;
  if (caller->person_id > 0)
    return caller->person_id;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person_id",
                       _("This account is not linked to a person: say whom to register with "
                         "“person_id”"));
  return 0;
}

/* The members the session's program type takes in a registration body. */
static JsonArray *
type_members (PdnStore *store, PdnSession *session)
{
  g_autofree gchar *type = pdn_plugin_hooks_program_type (store, session->program_id, NULL);
  JsonObject *description = NULL;
  JsonNode *fields;

  if (type != NULL)
    description = pdn_plugin_registry_describe_program_type (pdn_plugin_registry_get_default (),
                                                             type);
  if (description == NULL)
    return NULL;
  fields = json_object_get_member (description, "registration_fields");
  return fields != NULL && JSON_NODE_HOLDS_ARRAY (fields) ? json_node_get_array (fields) : NULL;
}

static gboolean
check_person_exists (PdnStore *store, gint64 person_id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM people WHERE id = ?", person_id,
                                PDN_ERROR_UNPROCESSABLE, "person_id", error,
                                _("No person has id %lld"), (long long) person_id);
}

static JsonNode *
registered_pair (PdnRegistration *registration, gint64 position)
{
  return pdn_api_json_node (registration_object (registration, position));
}

/* The people and sessions the program type adds to one request (a team,
 * a whole course), registered in the caller's transaction. The type
 * vouches for them: it was given the request and the person asking. */
static JsonArray *
register_expanded (PdnRequest *request, PdnStore *store, PdnAccount *caller,
                   PdnSession *session, gint64 person_id, GError **error)
{
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (JsonArray) results = json_array_new ();

  if (!pdn_plugin_hooks_expand_registration (store, session,
                                             person_id,
                                             json_node_get_object (pdn_request_get_body (request)),
                                             people, sessions, error))
    return NULL;
  g_array_prepend_val (people, person_id);
  g_array_prepend_val (sessions, session->id);
  for (guint s = 0; s < sessions->len; s++)
    for (guint p = 0; p < people->len; p++)
      {
        gint64 session_id = g_array_index (sessions, gint64, s);
        gint64 other = g_array_index (people, gint64, p);
        g_autoptr (PdnSession) target = NULL;
        g_autoptr (PdnRegistration) registration = NULL;
        gboolean created = FALSE;
        gint64 position = 0;

        if (s == 0 && p == 0)
          continue;
        if ((target = pdn_session_load (store, session_id, error)) == NULL
            || (registration = pdn_registrar_register (pdn_registrar_get_default (), store,
                                                       target, other, caller->id, &created,
                                                       &position, error))
                   == NULL)
          return NULL;
        json_array_add_element (results, registered_pair (registration, position));
      }
  return g_steal_pointer (&results);
}

static JsonNode *
register_for_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnRegistration) registration = NULL;
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (JsonArray) expanded = NULL;
  gint64 session_id = 0, person_id, position = 0;
  gboolean created = FALSE;
  JsonNode *body;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &session_id, error)
      || (session = pdn_session_load (store, session_id, error)) == NULL
      || (person_id = read_person (request, caller, type_members (store, session), error)) == 0
      || !check_act_for (store, caller, session, person_id, error)
      || !check_person_exists (store, person_id, error)
      || (tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error)) == NULL)
    return NULL;
  registration = pdn_registrar_register (pdn_registrar_get_default (), store, session,
                                         person_id, caller->id, &created, &position, error);
  if (registration == NULL
      || (expanded = register_expanded (request, store, caller, session, person_id, error))
             == NULL
      || !pdn_transaction_commit (tx, error))
    return NULL;
  body = registered_pair (registration, position);
  if (json_array_get_length (expanded) > 0)
    json_object_set_array_member (json_node_get_object (body), "expanded",
                                  g_steal_pointer (&expanded));
  if (!created)
    return body;
  return pdn_api_resource_created (request, "/registrations", registration->id, body);
}

/* ---- series ---- */

/* Sessions already under way or cancelled are skipped, not failures: a
 * teacher may join a series midway. */
static const gchar *
skip_reason (PdnSession *session, const gchar *now)
{
  if (session->state == PDN_SESSION_STATE_CANCELLED)
    return _("This session was cancelled");
  if (g_strcmp0 (now, session->starts_at) >= 0)
    return _("This session has already started");
  return NULL;
}

static JsonNode *
skipped_result (PdnSession *session, const gchar *reason)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "session_id", session->id);
  json_object_set_string_member (object, "status", "skipped");
  json_object_set_null_member (object, "registration");
  json_object_set_string_member (object, "reason", reason);
  return pdn_api_json_node (object);
}

static JsonNode *
registered_result (PdnSession *session, PdnRegistration *registration, gint64 position)
{
  JsonNode *node = pdn_api_json_node (registration_object (registration, position));
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "session_id", session->id);
  json_object_set_string_member (object, "status",
                                 pdn_registration_status_to_string (registration->status));
  json_object_set_member (object, "registration", node);
  json_object_set_null_member (object, "reason");
  return pdn_api_json_node (object);
}

/* A refusal names the session it concerns, so the whole request's 4xx
 * says which one stopped it. */
static void
name_session (PdnRequest *request, PdnSession *session)
{
  pdn_request_set_problem_member (request, "session_id", json_node_init_int (json_node_alloc (),
                                                                             session->id));
}

static JsonNode *
register_one_of_series (PdnRequest *request, PdnStore *store, PdnAccount *caller,
                        PdnSession *session, gint64 person_id, const gchar *now,
                        gboolean *created, GError **error)
{
  g_autoptr (PdnRegistration) registration = NULL;
  const gchar *reason = skip_reason (session, now);
  gint64 position = 0;

  *created = FALSE;
  if (reason != NULL)
    return skipped_result (session, reason);
  if (!check_act_for (store, caller, session, person_id, error))
    return NULL;
  registration = pdn_registrar_register (pdn_registrar_get_default (), store, session,
                                         person_id, caller->id, created, &position, error);
  if (registration == NULL)
    {
      name_session (request, session);
      return NULL;
    }
  return registered_result (session, registration, position);
}

static JsonArray *
register_series_sessions (PdnRequest *request, PdnStore *store, PdnAccount *caller,
                          GPtrArray *sessions, gint64 person_id, gboolean *any_created,
                          GError **error)
{
  g_autoptr (JsonArray) results = json_array_new ();
  g_autofree gchar *now = pdn_time_now_utc ();

  *any_created = FALSE;
  for (guint i = 0; i < sessions->len; i++)
    {
      gboolean created = FALSE;
      JsonNode *result = register_one_of_series (request, store, caller,
                                                 g_ptr_array_index (sessions, i), person_id,
                                                 now, &created, error);
      if (result == NULL)
        return NULL;
      json_array_add_element (results, result);
      *any_created |= created;
    }
  return g_steal_pointer (&results);
}

static JsonNode *
register_for_series (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSeries) series = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (JsonArray) results = NULL;
  gint64 series_id = 0, person_id;
  gboolean any_created = FALSE;
  JsonObject *object;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &series_id, error)
      || (person_id = read_person (request, caller, NULL, error)) == 0
      || (series = pdn_series_load (store, series_id, error)) == NULL
      || !check_person_exists (store, person_id, error))
    return NULL;
  /* All or nothing: a refusal for one session undoes the others. */
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL
      || (sessions = pdn_session_list_for_program (store, series->program_id, series_id, error))
             == NULL)
    return NULL;
  if (sessions->len == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "id",
                           _("This series has no sessions to register for"));
      return NULL;
    }
  results = register_series_sessions (request, store, caller, sessions, person_id, &any_created,
                                      error);
  if (results == NULL || !pdn_transaction_commit (tx, error))
    return NULL;
  object = json_object_new ();
  json_object_set_int_member (object, "series_id", series_id);
  json_object_set_int_member (object, "person_id", person_id);
  json_object_set_array_member (object, "results", g_steal_pointer (&results));
  if (any_created)
    pdn_request_set_status (request, 201);
  return pdn_api_json_node (object);
}

/* ---- one registration ---- */

/* The person's own registration, or one a coordinator of the session's
 * program (or an admin) handles; @coordinating says which. */
static PdnRegistration *
load_for_caller (PdnRequest *request, PdnStore *store, PdnAccount *caller, PdnSession **session,
                 gboolean *coordinating, GError **error)
{
  g_autoptr (PdnRegistration) registration = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error)
      || (registration = pdn_registration_load (store, id, error)) == NULL
      || (*session = pdn_session_load (store, registration->session_id, error)) == NULL)
    return NULL;
  *coordinating = caller->role != PDN_LOGIN_ROLE_TEACHER
                  && pdn_access_check_edit_program (store, caller, (*session)->program_id,
                                                    &local_error);
  if (local_error != NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (*coordinating || (caller->person_id > 0 && caller->person_id == registration->person_id))
    return g_steal_pointer (&registration);
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL,
                       _("Only the registered person and the session's coordinators may see or "
                         "change this registration"));
  return NULL;
}

static JsonNode *
get_registration (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnRegistration) registration = NULL;
  gboolean coordinating = FALSE;

  if (caller == NULL)
    return NULL;
  registration = load_for_caller (request, store, caller, &session, &coordinating, error);
  return registration != NULL ? registration_to_json (store, registration, error) : NULL;
}

/* Cancelling twice answers the cancelled registration again. */
static JsonNode *
cancel_registration (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnRegistration) registration = NULL;
  g_autofree gchar *refusal = NULL;
  gboolean coordinating = FALSE;

  if (caller == NULL)
    return NULL;
  registration = load_for_caller (request, store, caller, &session, &coordinating, error);
  if (registration == NULL)
    return NULL;
  if (registration->status == PDN_REGISTRATION_STATUS_CANCELLED)
    return registration_to_json (store, registration, error);
  if (!coordinating && (refusal = pdn_registrar_cancel_refusal (session)) != NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, NULL, "%s", refusal);
      return NULL;
    }
  if (!pdn_registrar_cancel (store, registration, error))
    return NULL;
  return registration_to_json (store, registration, error);
}

/* ---- lists ---- */

static const gchar *const list_filters[] = { "status", NULL };
static const gchar *const my_list_filters[] = { "status", "session_id", NULL };

/* A `status` filter, or NULL for every status. */
static gboolean
read_status_filter (PdnRequest *request, const gchar **status, GError **error)
{
  PdnRegistrationStatus value;

  *status = pdn_request_get_query (request, "status");
  return *status == NULL || pdn_registration_status_from_string (*status, &value)
         || pdn_validate_enum (*status, "status", pdn_registration_status_names (), error);
}

/* Positions come from one window over the session's waitlist, so a page
 * of 200 costs one query rather than one count per row. */
#define SESSION_LIST_SQL                                                                         \
  "SELECT r.id, r.session_id, r.person_id, r.status, r.created_at, r.cancelled_at, "            \
  "r.created_by_account_id, w.position, p.name, p.email "                                        \
  "FROM registrations r JOIN people p ON p.id = r.person_id "                                    \
  "LEFT JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS position FROM registrations "       \
  "  WHERE session_id = ? AND status = 'waitlisted') w ON w.id = r.id "                          \
  "WHERE r.session_id = ? AND r.id > ? AND (? IS NULL OR r.status = ?) ORDER BY r.id LIMIT ?"

static PdnRegistration *
registration_from_row (PdnStatement *stmt)
{
  PdnRegistration *registration = pdn_registration_new ();

  registration->id = pdn_statement_column_int64 (stmt, 0);
  registration->session_id = pdn_statement_column_int64 (stmt, 1);
  registration->person_id = pdn_statement_column_int64 (stmt, 2);
  pdn_registration_status_from_string (pdn_statement_column_text (stmt, 3),
                                       &registration->status);
  registration->created_at = pdn_statement_dup_text (stmt, 4);
  registration->cancelled_at = pdn_statement_dup_text (stmt, 5);
  if (!pdn_statement_column_is_null (stmt, 6))
    registration->created_by_account_id = pdn_statement_column_int64 (stmt, 6);
  return registration;
}

/* A list row's registration, with the position in column 7. */
static JsonObject *
row_object (PdnStatement *stmt, PdnRegistration **registration)
{
  gint64 position = pdn_statement_column_is_null (stmt, 7) ? 0
                                                           : pdn_statement_column_int64 (stmt, 7);

  *registration = registration_from_row (stmt);
  return registration_object (*registration, position);
}

static JsonNode *
roster_item (PdnStatement *stmt)
{
  g_autoptr (PdnRegistration) registration = NULL;
  JsonObject *object = row_object (stmt, &registration);
  JsonObject *person = json_object_new ();

  json_object_set_int_member (person, "id", registration->person_id);
  json_object_set_string_member (person, "name", pdn_statement_column_text (stmt, 8));
  json_object_set_string_member (person, "email", pdn_statement_column_text (stmt, 9));
  json_object_set_object_member (object, "person", person);
  return pdn_api_json_node (object);
}

/* Binds the list's last parameters (after the owner's id: cursor, status
 * twice, limit) from @index on, and fills the page with @item per row. */
static JsonNode *
finish_list (PdnStatement *stmt, guint index, PdnApiPage *page, const gchar *status,
             JsonNode *(*item) (PdnStatement *stmt), GError **error)
{
  PdnStep step;

  pdn_statement_bind_int64 (stmt, index, page->after);
  pdn_statement_bind_text (stmt, index + 1, status);
  pdn_statement_bind_text (stmt, index + 2, status);
  pdn_statement_bind_int64 (stmt, index + 3, pdn_api_page_fetch_limit (page));

  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    if (!pdn_api_page_add (page, pdn_statement_column_int64 (stmt, 0), item (stmt)))
      break;
  return step != PDN_STEP_ERROR ? pdn_api_page_finish (page) : NULL;
}

static JsonNode *
list_session_registrations (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_auto (PdnApiPage) page = { 0 };
  const gchar *status = NULL;
  gint64 session_id = 0;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &session_id, error)
      || !pdn_api_check_query (request, list_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !read_status_filter (request, &status, error)
      || (session = pdn_session_load (store, session_id, error)) == NULL
      || !pdn_access_check_edit_program (store, caller, session->program_id, error)
      || (stmt = pdn_store_prepare (store, SESSION_LIST_SQL, error)) == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, session_id);
  return finish_list (stmt, 3, &page, status, roster_item, error);
}

#define MY_LIST_SQL                                                                              \
  "SELECT r.id, r.session_id, r.person_id, r.status, r.created_at, r.cancelled_at, "            \
  "r.created_by_account_id, "                                                                    \
  "CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) + 1 FROM registrations o "            \
  "  WHERE o.session_id = r.session_id AND o.status = 'waitlisted' AND o.id < r.id) END, "       \
  "s.title, s.starts_at, s.ends_at, s.time_zone, s.location, s.state, s.program_id, "           \
  "a.status, EXISTS (SELECT 1 FROM survey_responses f "                                          \
  "  WHERE f.session_id = r.session_id AND f.person_id = r.person_id) "                          \
  "FROM registrations r JOIN sessions s ON s.id = r.session_id "                                 \
  "LEFT JOIN attendance a ON a.session_id = r.session_id AND a.person_id = r.person_id "         \
  "WHERE r.person_id = ? AND (? = 0 OR r.session_id = ?) "                                       \
  "AND r.id > ? AND (? IS NULL OR r.status = ?) ORDER BY r.id LIMIT ?"

static JsonNode *
my_item (PdnStatement *stmt)
{
  g_autoptr (PdnRegistration) registration = NULL;
  JsonObject *object = row_object (stmt, &registration);
  JsonObject *session = json_object_new ();

  json_object_set_int_member (session, "id", registration->session_id);
  json_object_set_int_member (session, "program_id", pdn_statement_column_int64 (stmt, 14));
  json_object_set_string_member (session, "title", pdn_statement_column_text (stmt, 8));
  json_object_set_string_member (session, "starts_at", pdn_statement_column_text (stmt, 9));
  json_object_set_string_member (session, "ends_at", pdn_statement_column_text (stmt, 10));
  json_object_set_string_member (session, "time_zone", pdn_statement_column_text (stmt, 11));
  pdn_api_json_set_text (session, "location", pdn_statement_column_text (stmt, 12));
  json_object_set_string_member (session, "state", pdn_statement_column_text (stmt, 13));
  json_object_set_object_member (object, "session", session);
  pdn_api_json_set_text (object, "attendance", pdn_statement_column_text (stmt, 15));
  json_object_set_boolean_member (object, "feedback_given",
                                  pdn_statement_column_int64 (stmt, 16) != 0);
  return pdn_api_json_node (object);
}

static JsonNode *
list_my_registrations (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnStatement) stmt = NULL;
  g_auto (PdnApiPage) page = { 0 };
  const gchar *status = NULL;
  gint64 person_id = pdn_api_require_caller_person (request, store, NULL, error);
  gint64 session_id = 0;

  if (person_id == 0 || !pdn_api_check_query (request, my_list_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !read_status_filter (request, &status, error)
      || !pdn_api_query_id (request, "session_id", &session_id, error)
      || (stmt = pdn_store_prepare (store, MY_LIST_SQL, error)) == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, session_id);
  pdn_statement_bind_int64 (stmt, 3, session_id);
  return finish_list (stmt, 4, &page, status, my_item, error);
}

/* ---- OpenAPI ---- */

#define STATUS_ENUM "[\"registered\",\"waitlisted\",\"cancelled\",\"pending-approval\"]"
#define TIMESTAMP "{\"type\":\"string\",\"format\":\"date-time\"}"

static const gchar registration_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"session_id\",\"person_id\",\"status\","
      "\"position\",\"created_at\",\"cancelled_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\"},\"session_id\":{\"type\":\"integer\"},"
      "\"person_id\":{\"type\":\"integer\"},"
      "\"status\":{\"type\":\"string\",\"enum\":" STATUS_ENUM "},"
      "\"position\":{\"type\":[\"integer\",\"null\"],\"minimum\":1,\"description\":\"Place on "
      "the waitlist (1 is next), null unless waitlisted\"},"
      "\"created_at\":" TIMESTAMP ",\"cancelled_at\":{\"type\":[\"string\",\"null\"],"
      "\"format\":\"date-time\"},"
      "\"person\":{\"type\":\"object\",\"description\":\"In a session's list\"},"
      "\"session\":{\"type\":\"object\",\"description\":\"In the caller's own list\"},"
      "\"attendance\":{\"type\":[\"string\",\"null\"],\"enum\":[\"present\",\"partial\","
      "\"absent\",null],\"description\":\"In the caller's own list: their attendance at the "
      "session as recorded, null while nothing is\"},"
      "\"feedback_given\":{\"type\":\"boolean\",\"description\":\"In the caller's own "
      "list: whether they gave feedback on the session\"}}}";

static const gchar registration_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
      "\"person_id\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"Whom to register; "
      "the caller's own person when absent\"}}}";

static const gchar series_result_schema[]
    = "{\"type\":\"object\",\"required\":[\"series_id\",\"person_id\",\"results\"],"
      "\"properties\":{\"series_id\":{\"type\":\"integer\"},\"person_id\":{\"type\":\"integer\"},"
      "\"results\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":"
      "[\"session_id\",\"status\",\"registration\",\"reason\"],\"properties\":{"
      "\"session_id\":{\"type\":\"integer\"},\"status\":{\"type\":\"string\",\"enum\":"
      "[\"registered\",\"waitlisted\",\"pending-approval\",\"skipped\"]},"
      "\"registration\":{\"oneOf\":[{\"type\":\"null\"},"
      "{\"$ref\":\"#/components/schemas/Registration\"}]},"
      "\"reason\":{\"type\":[\"string\",\"null\"]}}}}}}";

#define REGISTRATION_CONTENT                                                                     \
  "\"content\":{\"application/json\":{\"schema\":{\"$ref\":"                                     \
  "\"#/components/schemas/Registration\"}}}"
#define INPUT_BODY                                                                               \
  "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"            \
  "{\"$ref\":\"#/components/schemas/RegistrationInput\"}}}}"

static const gchar register_operation[]
    = "{\"operationId\":\"registerForSession\",\"summary\":\"Register for a session\","
      "\"description\":\"Takes a seat, or the next waitlist place when the session is full. "
      "A teacher registers itself with {}; a coordinator may pass person_id. Refused outside "
      "the registration window, for a cancelled session, or for a person the caller may not "
      "act for. Answered once the registration is on disk.\",\"tags\":[\"registrations\"],"
      INPUT_BODY ",\"responses\":{"
      "\"201\":{\"description\":\"Registered or waitlisted\"," REGISTRATION_CONTENT "},"
      "\"200\":{\"description\":\"Already registered: the existing registration\","
      REGISTRATION_CONTENT "}}}";

static const gchar register_series_operation[]
    = "{\"operationId\":\"registerForSeries\",\"summary\":\"Register for every session of a "
      "series\",\"description\":\"In one transaction: each session keeps its own capacity and "
      "waitlist; sessions cancelled or already started are skipped; any other refusal "
      "registers for none (the problem names the session).\",\"tags\":[\"registrations\"],"
      INPUT_BODY ",\"responses\":{"
      "\"201\":{\"description\":\"One result per session\",\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/SeriesRegistration\"}}}},"
      "\"200\":{\"description\":\"Nothing new: every session was already held or skipped\","
      "\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
      "\"#/components/schemas/SeriesRegistration\"}}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getRegistration\",\"summary\":\"Get a registration\","
      "\"tags\":[\"registrations\"],\"responses\":{\"200\":{\"description\":\"The "
      "registration\"," REGISTRATION_CONTENT "}}}";

static const gchar cancel_operation[]
    = "{\"operationId\":\"cancelRegistration\",\"summary\":\"Cancel a registration\","
      "\"description\":\"The person may cancel until the session's cancellation cutoff (its "
      "start when none is set); the session's coordinators at any time. The first waitlisted "
      "person takes the seat in the same transaction and is notified.\","
      "\"tags\":[\"registrations\"],\"responses\":{\"200\":{\"description\":\"The cancelled "
      "registration\"," REGISTRATION_CONTENT "}}}";

#define STATUS_PARAMETER                                                                         \
  "{\"name\":\"status\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"enum\":"             \
  STATUS_ENUM "}}"

static const gchar list_session_operation[]
    = "{\"operationId\":\"listSessionRegistrations\",\"summary\":\"A session's registrations, "
      "in creation order, with waitlist positions\",\"description\":\"For the session's "
      "coordinators.\",\"tags\":[\"registrations\"],\"parameters\":[" PDN_API_PAGE_PARAMETERS
      "," STATUS_PARAMETER "],\"responses\":{\"200\":{\"description\":\"A page of "
      "registrations\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
      "\"#/components/schemas/RegistrationPage\"}}}}}}";

static const gchar list_mine_operation[]
    = "{\"operationId\":\"listMyRegistrations\",\"summary\":\"The caller's own "
      "registrations, with each session\",\"tags\":[\"registrations\"],\"parameters\":["
      PDN_API_PAGE_PARAMETERS "," STATUS_PARAMETER ",{\"name\":\"session_id\",\"in\":"
      "\"query\",\"description\":\"Only those for this session\",\"schema\":{\"type\":"
      "\"integer\",\"minimum\":1}}],\"responses\":{\"200\":{\"description\":"
      "\"A page of registrations\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
      "\"#/components/schemas/RegistrationPage\"}}}}}}";

/**
 * pdn_api_registrations_register:
 * @store: (nullable): the store routes use (see pdn_api_register())
 */
void
pdn_api_registrations_register (PdnRouter *router, PdnStore *store)
{
  const PdnRouteFlags write = PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE;

  pdn_router_add_schema (router, "Registration", registration_schema);
  pdn_router_add_schema (router, "RegistrationInput", registration_input_schema);
  pdn_router_add_schema (router, "SeriesRegistration", series_result_schema);
  pdn_router_add_schema (router, "RegistrationPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/Registration"));
  pdn_api_resource_add (router, "POST", "/sessions/{id}/registrations", write,
                        register_operation, register_for_session, store);
  pdn_api_resource_add (router, "GET", "/sessions/{id}/registrations", PDN_ROUTE_DEFAULT,
                        list_session_operation, list_session_registrations, store);
  pdn_api_resource_add (router, "POST", "/series/{id}/registrations", write,
                        register_series_operation, register_for_series, store);
  pdn_api_resource_add (router, "GET", "/registrations/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_registration, store);
  pdn_api_resource_add (router, "DELETE", "/registrations/{id}", PDN_ROUTE_WRITE,
                        cancel_operation, cancel_registration, store);
  pdn_api_resource_add (router, "GET", "/me/registrations", PDN_ROUTE_DEFAULT,
                        list_mine_operation, list_my_registrations, store);
}
