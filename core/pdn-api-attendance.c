/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-attendance.h"
#include "pdn-api-caller.h"
#include "pdn-api-resource.h"
#include "pdn-attendance.h"
#include "pdn-check-in.h"
#include "pdn-json-fields.h"
#include "pdn-person.h"
#include "pdn-rate-limiter.h"
#include "pdn-references.h"
#include "pdn-roster-entry.h"
#include "pdn-session.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/*
 * A session's attendance.
 *
 * - GET and PUT /sessions/{id}/attendance: the roster, for whoever may
 *   edit the session's program. A PUT names some people and records each
 *   one's attendance (source roster); everyone it does not name is left
 *   alone, so a teacher's check-in survives a coordinator's partial list.
 *   For someone it names who had checked in, the coordinator's entry
 *   becomes the current one; the check-in stays in the history and on the
 *   roster as checked_in_at. Walk-ins are recorded like anyone else, and
 *   someone not yet in pdnet may be given by name and email.
 * - POST /sessions/{id}/check-in: the caller's own person, with the code
 *   (see pdn-check-in.h for the window and what is recorded). Wrong codes
 *   are counted per account; successes never reset the count, or knowing
 *   one session's code would buy unlimited guesses at another's.
 * - GET /sessions/{id}/attendance/history: every change, oldest first.
 */

typedef struct
{
  PdnStore *store;
  PdnRateLimiter *wrong_codes; /* per account */
} AttendanceContext;

static void
attendance_context_clear (gpointer data)
{
  AttendanceContext *ctx = data;

  g_clear_object (&ctx->store);
  g_clear_object (&ctx->wrong_codes);
}

static void
attendance_context_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, attendance_context_clear);
}

/* ---- JSON ---- */

static void
set_minutes (JsonObject *object, gint64 minutes)
{
  if (minutes >= 0)
    json_object_set_int_member (object, "minutes", minutes);
  else
    json_object_set_null_member (object, "minutes");
}

static JsonNode *
entry_to_json (PdnRosterEntry *entry)
{
  JsonObject *object = json_object_new ();
  PdnAttendance *attendance = entry->attendance;
  gboolean registered = entry->registration_status >= 0;

  json_object_set_int_member (object, "person_id", entry->person_id);
  json_object_set_string_member (object, "name", entry->name);
  json_object_set_string_member (object, "email", entry->email);
  pdn_api_json_set_text (object, "registration_status",
                         registered ? pdn_registration_status_to_string (
                                          (PdnRegistrationStatus) entry->registration_status)
                                    : NULL);
  json_object_set_boolean_member (object, "walk_in", !registered);
  pdn_api_json_set_text (object, "status",
                         attendance != NULL ? pdn_attendance_status_to_string (attendance->status)
                                            : NULL);
  set_minutes (object, attendance != NULL ? attendance->minutes : -1);
  pdn_api_json_set_text (object, "source",
                         attendance != NULL ? pdn_attendance_source_to_string (attendance->source)
                                            : NULL);
  pdn_api_json_set_text (object, "recorded_at",
                         attendance != NULL ? attendance->recorded_at : NULL);
  pdn_api_json_set_id (object, "recorded_by_account_id",
                       attendance != NULL ? attendance->recorded_by_account_id : 0);
  pdn_api_json_set_text (object, "checked_in_at", entry->checked_in_at);
  return pdn_api_json_node (object);
}

static JsonNode *
roster_to_json (PdnStore *store, gint64 session_id, GError **error)
{
  g_autoptr (GPtrArray) entries = pdn_roster_entry_list_for_session (store, session_id, error);
  JsonObject *object;
  JsonArray *array;

  if (entries == NULL)
    return NULL;
  object = json_object_new ();
  array = json_array_new ();
  json_object_set_int_member (object, "session_id", session_id);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, entry_to_json (g_ptr_array_index (entries, i)));
  json_object_set_array_member (object, "entries", array);
  return pdn_api_json_node (object);
}

/* ---- sessions ---- */

static PdnSession *
load_session (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_session_load (store, id, error);
}

/* The session at {id}, whose program the caller may edit; NULL with 401,
 * 403 or 404 otherwise. Teachers and leads get 403 before the session is
 * looked up. */
static PdnSession *
load_session_to_edit (PdnRequest *request, PdnStore *store, PdnAccount **caller, GError **error)
{
  g_autoptr (PdnSession) session = NULL;

  *caller = pdn_api_require_caller (request, store, error);
  if (*caller == NULL || !pdn_api_check_program_editor (*caller, error)
      || (session = load_session (request, store, error)) == NULL
      || !pdn_access_check_edit_program (store, *caller, session->program_id, error))
    return NULL;
  return g_steal_pointer (&session);
}

/* ---- GET /sessions/{id}/attendance ---- */

static JsonNode *
get_roster (PdnRequest *request, gpointer user_data, GError **error)
{
  AttendanceContext *ctx = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSession) session = load_session_to_edit (request, ctx->store, &caller, error);

  if (session == NULL)
    return NULL;
  return roster_to_json (ctx->store, session->id, error);
}

/* ---- PUT /sessions/{id}/attendance ---- */

/* One entry of the body, read and checked before anything is written. */
typedef struct
{
  gchar *path;      /* "[3]", for field names */
  gint64 person_id; /* 0: a person given by name and email */
  gchar *name;
  gchar *email;
  gchar *email_key;
  PdnAttendanceStatus status;
  gint64 minutes; /* -1: not given */
} RosterLine;

static void
roster_line_free (gpointer data)
{
  RosterLine *line = data;

  g_free (line->path);
  g_free (line->name);
  g_free (line->email);
  g_free (line->email_key);
  g_free (line);
}

static gboolean
line_error (RosterLine *line, GError **error, PdnErrorCode code, const gchar *name,
            const gchar *message)
{
  g_autofree gchar *field = g_strconcat (line->path, ".", name, NULL);

  pdn_error_set_field (error, code, field, "%s", message);
  return FALSE;
}

/* null or absent: not given. At most the session's length. */
static gboolean
read_minutes (PdnJsonFields *fields, JsonNode *node, gint64 session_minutes, RosterLine *line,
              GError **error)
{
  JsonNode *minutes = json_object_get_member (json_node_get_object (node), "minutes");
  g_autofree gchar *unused = NULL;

  line->minutes = -1;
  if (minutes == NULL || !JSON_NODE_HOLDS_NULL (minutes))
    return pdn_json_fields_get_int (fields, "minutes", 0, MAX (session_minutes, 0),
                                    &line->minutes, error);
  /* Only marks the member as read for pdn_json_fields_finish(). */
  return pdn_json_fields_get_string (fields, "minutes", TRUE, &unused, error);
}

static gboolean
read_status (PdnJsonFields *fields, RosterLine *line, GError **error)
{
  gint status = 0;

  if (!pdn_json_fields_require (fields, "status", error)
      || !pdn_api_json_get_enum (fields, "status", pdn_attendance_status_names (), &status,
                                 error))
    return FALSE;
  line->status = (PdnAttendanceStatus) status;
  return TRUE;
}

/* Minutes must agree with the status: partial says how long, absent
 * cannot have attended any time. */
static gboolean
check_minutes (RosterLine *line, GError **error)
{
  if (line->status == PDN_ATTENDANCE_STATUS_PARTIAL && line->minutes < 0)
    return line_error (line, error, PDN_ERROR_INVALID_INPUT, "minutes",
                       _("Give the minutes attended for someone who was there for part of "
                         "the session (status partial)"));
  if (line->status == PDN_ATTENDANCE_STATUS_ABSENT && line->minutes > 0)
    return line_error (line, error, PDN_ERROR_INVALID_INPUT, "minutes",
                       _("Someone absent attended no minutes: leave minutes out, or give 0"));
  return TRUE;
}

/* Either person_id, or name and email for someone who may not be in
 * pdnet yet. */
static gboolean
check_person (RosterLine *line, GError **error)
{
  g_autofree gchar *name_field = g_strconcat (line->path, ".name", NULL);
  g_autofree gchar *email_field = g_strconcat (line->path, ".email", NULL);

  if (line->person_id > 0)
    {
      if (line->name != NULL || line->email != NULL)
        return line_error (line, error, PDN_ERROR_INVALID_INPUT,
                           line->email != NULL ? "email" : "name",
                           _("Give either person_id, or name and email for someone who is not "
                             "in pdnet yet, but not both"));
      return TRUE;
    }
  if (line->name == NULL && line->email == NULL)
    return line_error (line, error, PDN_ERROR_INVALID_INPUT, "person_id",
                       _("person_id is required (or name and email for someone who is not in "
                         "pdnet yet)"));
  if (!pdn_validate_text (line->name, name_field, TRUE, PDN_NAME_MAX_CHARS, error)
      || !pdn_validate_email (line->email, email_field, error))
    return FALSE;
  line->email_key = pdn_email_key (line->email);
  return TRUE;
}

static RosterLine *
read_line (JsonNode *node, guint index, gint64 session_minutes, GError **error)
{
  RosterLine *line = g_new0 (RosterLine, 1);
  g_autoptr (PdnJsonFields) fields = NULL;

  line->path = g_strdup_printf ("[%u]", index);
  fields = pdn_json_fields_new (node, line->path, error);
  if (fields == NULL
      || !pdn_json_fields_get_id (fields, "person_id", FALSE, &line->person_id, error)
      || !pdn_json_fields_get_string (fields, "name", FALSE, &line->name, error)
      || !pdn_json_fields_get_string (fields, "email", FALSE, &line->email, error)
      || !read_status (fields, line, error)
      || !read_minutes (fields, node, session_minutes, line, error)
      || !pdn_json_fields_finish (fields, error) || !check_person (line, error)
      || !check_minutes (line, error))
    {
      roster_line_free (line);
      return NULL;
    }
  return line;
}

/* A person named twice would make the result depend on the order. Keys
 * are the lines' own person ids and email keys. */
static gboolean
check_not_twice (RosterLine *line, GHashTable *ids, GHashTable *emails, GError **error)
{
  RosterLine *earlier;

  if (line->person_id > 0
      && (earlier = g_hash_table_lookup (ids, &line->person_id)) != NULL)
    {
      g_autofree gchar *message = g_strdup_printf (
          _("Person %lld is listed twice, here and at %s"), (long long) line->person_id,
          earlier->path);
      return line_error (line, error, PDN_ERROR_INVALID_INPUT, "person_id", message);
    }
  if (line->email_key != NULL
      && (earlier = g_hash_table_lookup (emails, line->email_key)) != NULL)
    {
      g_autofree gchar *message = g_strdup_printf (
          _("The email “%s” is listed twice, here and at %s"), line->email, earlier->path);
      return line_error (line, error, PDN_ERROR_INVALID_INPUT, "email", message);
    }
  if (line->person_id > 0)
    g_hash_table_insert (ids, &line->person_id, line);
  if (line->email_key != NULL)
    g_hash_table_insert (emails, line->email_key, line);
  return TRUE;
}

/* Every entry is read and checked before anything is written; the first
 * bad one is named ("[3].status"). */
static GPtrArray *
read_lines (JsonNode *body, gint64 session_minutes, GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (roster_line_free);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "body",
                           _("The body must be a JSON list of attendance entries"));
      return NULL;
    }
  array = json_node_get_array (body);
  if (json_array_get_length (array) > PDN_ROSTER_MAX_ENTRIES)
    {
      pdn_error_set_field (error, PDN_ERROR_TOO_LARGE, "body",
                           _("One roster may name at most %d people; send it in parts"),
                           PDN_ROSTER_MAX_ENTRIES);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RosterLine *line = read_line (json_array_get_element (array, i), i, session_minutes, error);

      if (line == NULL)
        return NULL;
      g_ptr_array_add (lines, line);
      if (!check_not_twice (line, ids, emails, error))
        return NULL;
    }
  return g_steal_pointer (&lines);
}

/* An unknown id and a person the caller may not see get one answer, so
 * the roster cannot be used to probe which ids exist. */
static gboolean
check_known_person (PdnStore *store, PdnAccount *caller, RosterLine *line, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree gchar *message = NULL;

  if (pdn_require_person (store, line->person_id, "person_id", &local_error)
      && pdn_access_check_read_person (store, caller, line->person_id, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_INVALID_INPUT)
      && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  message = g_strdup_printf (_("No person with id %lld is known to this account; give a "
                               "walk-in's name and email instead"),
                             (long long) line->person_id);
  return line_error (line, error, PDN_ERROR_UNPROCESSABLE, "person_id", message);
}

/* The person with the line's email, made when there is none. An existing
 * person keeps their own name: the roster changes attendance, not people. */
static gboolean
find_or_add_person (PdnStore *store, RosterLine *line, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnPerson) person = pdn_person_find_by_email (store, line->email, &local_error);

  if (person == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (person == NULL)
    {
      person = pdn_person_new ();
      person->name = g_strdup (line->name);
      person->email = g_strdup (line->email);
      if (!pdn_person_insert (person, store, error))
        {
          pdn_error_prefix_field (*error, line->path);
          return FALSE;
        }
    }
  line->person_id = person->id;
  return TRUE;
}

/* Two lines may still name one person: an id and that person's email. */
static gboolean
resolve_person (PdnStore *store, PdnAccount *caller, RosterLine *line, GHashTable *people,
                GError **error)
{
  RosterLine *earlier;
  g_autofree gchar *message = NULL;

  if (line->email_key == NULL)
    return check_known_person (store, caller, line, error);
  if (!find_or_add_person (store, line, error))
    return FALSE;
  earlier = g_hash_table_lookup (people, &line->person_id);
  if (earlier == NULL || earlier == line)
    return TRUE;
  message = g_strdup_printf (_("The email “%s” is person %lld's, who is listed at %s already"),
                             line->email, (long long) line->person_id, earlier->path);
  return line_error (line, error, PDN_ERROR_INVALID_INPUT, "email", message);
}

static gboolean
record_line (PdnStore *store, PdnSession *session, PdnAccount *caller, const gchar *now,
             RosterLine *line, GError **error)
{
  g_autoptr (PdnAttendance) attendance = pdn_attendance_new ();

  attendance->session_id = session->id;
  attendance->person_id = line->person_id;
  attendance->status = line->status;
  attendance->minutes = line->minutes;
  attendance->source = PDN_ATTENDANCE_SOURCE_ROSTER;
  attendance->recorded_by_account_id = caller->id;
  attendance->recorded_at = g_strdup (now);
  if (pdn_attendance_record (attendance, store, error))
    return TRUE;
  pdn_error_prefix_field (*error, line->path);
  return FALSE;
}

/* The lines given by person id, by that id; lines given by email join
 * once resolved. */
static GHashTable *
lines_by_person (GPtrArray *lines)
{
  GHashTable *people = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < lines->len; i++)
    {
      RosterLine *line = g_ptr_array_index (lines, i);

      if (line->person_id > 0)
        g_hash_table_insert (people, &line->person_id, line);
    }
  return people;
}

/* All or nothing, in one transaction; every row carries one time. */
static gboolean
write_lines (PdnStore *store, PdnSession *session, PdnAccount *caller, GPtrArray *lines,
             GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  g_autoptr (GHashTable) people = lines_by_person (lines);
  g_autofree gchar *now = pdn_time_now_utc ();

  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      RosterLine *line = g_ptr_array_index (lines, i);

      if (!resolve_person (store, caller, line, people, error))
        return FALSE;
      g_hash_table_insert (people, &line->person_id, line);
      if (!record_line (store, session, caller, now, line, error))
        return FALSE;
    }
  return pdn_transaction_commit (tx, error);
}

static gboolean
check_not_cancelled (PdnSession *session, GError **error)
{
  if (session->state != PDN_SESSION_STATE_CANCELLED)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                       _("This session is cancelled; set its state back to scheduled before "
                         "taking attendance"));
  return FALSE;
}

static JsonNode *
put_roster (PdnRequest *request, gpointer user_data, GError **error)
{
  AttendanceContext *ctx = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSession) session = load_session_to_edit (request, ctx->store, &caller, error);
  g_autoptr (GPtrArray) lines = NULL;

  if (session == NULL || !check_not_cancelled (session, error))
    return NULL;
  lines = read_lines (pdn_request_get_body (request), pdn_session_minutes (session), error);
  if (lines == NULL || !write_lines (ctx->store, session, caller, lines, error))
    return NULL;
  return roster_to_json (ctx->store, session->id, error);
}

/* ---- POST /sessions/{id}/check-in ---- */

static gboolean
read_code (PdnRequest *request, gchar **code, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);

  return fields != NULL && pdn_json_fields_require (fields, "code", error)
         && pdn_json_fields_get_string (fields, "code", FALSE, code, error)
         && pdn_json_fields_finish (fields, error)
         /* Bounds the work and what is echoed nowhere; codes are short. */
         && pdn_validate_text (*code, "code", TRUE, 64, error);
}

/* 429 with Retry-After while the account is locked out. */
static gboolean
check_limit (AttendanceContext *ctx, PdnRequest *request, const gchar *key, GError **error)
{
  guint wait = pdn_rate_limiter_check (ctx->wrong_codes, key);
  g_autofree gchar *seconds = NULL;

  if (wait == 0)
    return TRUE;
  seconds = g_strdup_printf ("%u", wait);
  pdn_request_set_response_header (request, "Retry-After", seconds);
  pdn_error_set_field (error, PDN_ERROR_RATE_LIMITED, NULL,
                       _("Too many wrong check-in codes; wait before trying again"));
  return FALSE;
}

/* Outside the window the problem also carries opens_at and closes_at. */
static gboolean
check_open (PdnRequest *request, PdnSession *session, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree gchar *opens_at = NULL;

  if (pdn_check_in_check_open (session, now, error))
    return TRUE;
  if (session->state != PDN_SESSION_STATE_CANCELLED)
    {
      opens_at = pdn_check_in_opens_at (session);
      pdn_request_set_problem_member (request, "opens_at", json_node_init_string (
                                                               json_node_alloc (), opens_at));
      pdn_request_set_problem_member (request, "closes_at",
                                      json_node_init_string (json_node_alloc (),
                                                             session->ends_at));
    }
  return FALSE;
}

static gboolean
check_code (AttendanceContext *ctx, PdnSession *session, const gchar *code, const gchar *key,
            GError **error)
{
  if (pdn_check_in_code_matches (session, code))
    return TRUE;
  pdn_rate_limiter_add_failure (ctx->wrong_codes, key);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "code",
                       _("This is not the session's check-in code; check the code shown in the "
                         "room and try again"));
  return FALSE;
}

static JsonNode *
post_check_in (PdnRequest *request, gpointer user_data, GError **error)
{
  AttendanceContext *ctx = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  gint64 person_id = pdn_api_require_caller_person (request, ctx->store, &caller, error);
  g_autofree gchar *code = NULL;
  g_autofree gchar *key = NULL;
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnRosterEntry) entry = NULL;
  gboolean created = FALSE;

  if (person_id == 0 || !read_code (request, &code, error))
    return NULL;
  key = g_strdup_printf ("account:%lld", (long long) caller->id);
  if (!check_limit (ctx, request, key, error)
      || (session = load_session (request, ctx->store, error)) == NULL
      || !check_open (request, session, error) || !check_code (ctx, session, code, key, error)
      || !pdn_check_in_record (ctx->store, session->id, person_id, caller->id, &created, error)
      || (entry = pdn_roster_entry_load (ctx->store, session->id, person_id, error)) == NULL)
    return NULL;
  pdn_request_set_status (request, created ? 201 : 200);
  return entry_to_json (entry);
}

/* ---- GET /sessions/{id}/attendance/history ---- */

#define HISTORY_SQL                                                                              \
  "SELECT h.id, h.person_id, p.name, h.status, h.minutes, h.source,"                             \
  " h.recorded_by_account_id, a.name, h.recorded_at"                                             \
  " FROM attendance_history h JOIN people p ON p.id = h.person_id"                               \
  " LEFT JOIN accounts a ON a.id = h.recorded_by_account_id"                                     \
  " WHERE h.session_id = ? AND h.id > ?"

static JsonNode *
change_to_json (PdnStatement *stmt)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", pdn_statement_column_int64 (stmt, 0));
  json_object_set_int_member (object, "person_id", pdn_statement_column_int64 (stmt, 1));
  json_object_set_string_member (object, "name", pdn_statement_column_text (stmt, 2));
  json_object_set_string_member (object, "status", pdn_statement_column_text (stmt, 3));
  set_minutes (object, pdn_statement_column_is_null (stmt, 4)
                           ? -1
                           : pdn_statement_column_int64 (stmt, 4));
  json_object_set_string_member (object, "source", pdn_statement_column_text (stmt, 5));
  pdn_api_json_set_id (object, "recorded_by_account_id",
                       pdn_statement_column_is_null (stmt, 6)
                           ? 0
                           : pdn_statement_column_int64 (stmt, 6));
  pdn_api_json_set_text (object, "recorded_by_name", pdn_statement_column_text (stmt, 7));
  json_object_set_string_member (object, "recorded_at", pdn_statement_column_text (stmt, 8));
  return pdn_api_json_node (object);
}

static const gchar *const history_filters[] = { "person_id", NULL };

static JsonNode *
get_history (PdnRequest *request, gpointer user_data, GError **error)
{
  AttendanceContext *ctx = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSession) session = load_session_to_edit (request, ctx->store, &caller, error);
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (PdnStatement) stmt = NULL;
  gint64 person_id = 0;
  guint index = 3;
  PdnStep step;

  if (session == NULL || !pdn_api_check_query (request, history_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !pdn_api_query_id (request, "person_id", &person_id, error))
    return NULL;
  stmt = pdn_store_prepare (ctx->store,
                            person_id != 0
                                ? HISTORY_SQL " AND h.person_id = ? ORDER BY h.id LIMIT ?"
                                : HISTORY_SQL " ORDER BY h.id LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session->id);
  pdn_statement_bind_int64 (stmt, 2, page.after);
  if (person_id != 0)
    pdn_statement_bind_int64 (stmt, index++, person_id);
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (&page));
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    if (!pdn_api_page_add (&page, pdn_statement_column_int64 (stmt, 0), change_to_json (stmt)))
      break;
  if (step == PDN_STEP_ERROR)
    return NULL;
  return pdn_api_page_finish (&page);
}

/* ---- OpenAPI ---- */

#define TIMESTAMP "{\"type\":\"string\",\"format\":\"date-time\"}"
#define NULLABLE_TIMESTAMP "{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"
#define ATTENDANCE_STATUS "[\"present\",\"partial\",\"absent\"]"
#define ATTENDANCE_SOURCE "[\"roster\",\"check-in\"]"

static const gchar entry_schema[]
    = "{\"type\":\"object\",\"required\":[\"person_id\",\"name\",\"email\","
      "\"registration_status\",\"walk_in\",\"status\",\"minutes\",\"source\",\"recorded_at\","
      "\"recorded_by_account_id\",\"checked_in_at\"],\"properties\":{"
      "\"person_id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
      "\"email\":{\"type\":\"string\"},"
      "\"registration_status\":{\"type\":[\"string\",\"null\"],\"enum\":[\"registered\","
      "\"waitlisted\",\"pending-approval\",null],\"description\":\"The active registration; "
      "null for a walk-in\"},"
      "\"walk_in\":{\"type\":\"boolean\",\"description\":\"Attendance recorded without an "
      "active registration\"},"
      "\"status\":{\"type\":[\"string\",\"null\"],\"enum\":[\"present\",\"partial\",\"absent\","
      "null],\"description\":\"The current attendance; null while nothing is recorded\"},"
      "\"minutes\":{\"type\":[\"integer\",\"null\"],\"description\":\"Minutes attended as "
      "recorded; null for present means the whole session\"},"
      "\"source\":{\"type\":[\"string\",\"null\"],\"enum\":[\"roster\",\"check-in\",null]},"
      "\"recorded_at\":" NULLABLE_TIMESTAMP ","
      "\"recorded_by_account_id\":{\"type\":[\"integer\",\"null\"]},"
      "\"checked_in_at\":{\"type\":[\"string\",\"null\"],\"format\":\"date-time\","
      "\"description\":\"When the person checked in themselves, even if a coordinator's roster "
      "entry came later; null if they never did\"}}}";

static const gchar roster_schema[]
    = "{\"type\":\"object\",\"required\":[\"session_id\",\"entries\"],\"properties\":{"
      "\"session_id\":{\"type\":\"integer\"},"
      "\"entries\":{\"type\":\"array\",\"description\":\"Everyone registered, waitlisted or "
      "pending approval, and everyone with attendance recorded, by name\","
      "\"items\":{\"$ref\":\"#/components/schemas/AttendanceRosterEntry\"}}}}";

#define MINUTES_INPUT                                                                            \
  "\"minutes\":{\"type\":[\"integer\",\"null\"],\"minimum\":0,\"description\":\"At most the "    \
  "session's length. Required for partial; null or absent for present means the whole "          \
  "session; 0 or null for absent\"}"

static const gchar roster_input_schema[]
    = "{\"type\":\"array\",\"maxItems\":" G_STRINGIFY (PDN_ROSTER_MAX_ENTRIES) ","
      "\"items\":{\"oneOf\":["
      "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"person_id\","
      "\"status\"],\"properties\":{\"person_id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"status\":{\"type\":\"string\",\"enum\":" ATTENDANCE_STATUS "}," MINUTES_INPUT "}},"
      "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"name\",\"email\","
      "\"status\"],\"description\":\"A walk-in not known by id: the person with this email, or "
      "a new person\",\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1,"
      "\"maxLength\":200},\"email\":{\"type\":\"string\",\"format\":\"email\"},"
      "\"status\":{\"type\":\"string\",\"enum\":" ATTENDANCE_STATUS "}," MINUTES_INPUT "}}]}}";

static const gchar change_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"person_id\",\"name\",\"status\",\"minutes\","
      "\"source\",\"recorded_by_account_id\",\"recorded_by_name\",\"recorded_at\"],"
      "\"properties\":{\"id\":{\"type\":\"integer\"},\"person_id\":{\"type\":\"integer\"},"
      "\"name\":{\"type\":\"string\",\"description\":\"The person's name\"},"
      "\"status\":{\"type\":\"string\",\"enum\":" ATTENDANCE_STATUS "},"
      "\"minutes\":{\"type\":[\"integer\",\"null\"]},"
      "\"source\":{\"type\":\"string\",\"enum\":" ATTENDANCE_SOURCE "},"
      "\"recorded_by_account_id\":{\"type\":[\"integer\",\"null\"]},"
      "\"recorded_by_name\":{\"type\":[\"string\",\"null\"],\"description\":\"The recording "
      "account's name\"},"
      "\"recorded_at\":" TIMESTAMP "}}";

static const gchar check_in_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"code\"],"
      "\"properties\":{\"code\":{\"type\":\"string\",\"maxLength\":64,\"description\":\"The "
      "session's check-in code; case, spaces and hyphens do not matter\"}}}";

static const gchar check_in_problem_schema[]
    = "{\"allOf\":[{\"$ref\":\"#/components/schemas/Problem\"},{\"type\":\"object\","
      "\"properties\":{\"opens_at\":" TIMESTAMP ",\"closes_at\":" TIMESTAMP "}}]}";

#define CONTENT(schema)                                                                          \
  "\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/" schema      \
  "\"}}}"
#define PROBLEM(schema)                                                                          \
  "\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":"                             \
  "\"#/components/schemas/" schema "\"}}}"

static const gchar get_roster_operation[]
    = "{\"operationId\":\"getAttendanceRoster\",\"summary\":\"A session's attendance roster\","
      "\"description\":\"Whoever may edit the session's program.\",\"tags\":[\"attendance\"],"
      "\"responses\":{\"200\":{\"description\":\"The roster\"," CONTENT ("AttendanceRoster") "}}}";

static const gchar put_roster_operation[]
    = "{\"operationId\":\"putAttendanceRoster\",\"summary\":\"Record attendance for the people "
      "listed\","
      "\"description\":\"Whoever may edit the session's program. Records each listed person's "
      "attendance (source roster) and leaves everyone else alone, so teachers who checked in "
      "keep their check-in. For a listed person who checked in, this entry becomes the current "
      "one; the check-in stays in the history and as checked_in_at. Walk-ins without a "
      "registration are recorded too; give someone without a person id by name and email (the "
      "person with that email, or a new one). Every entry is checked first, and the first bad "
      "one is named, such as [3].status; then all are written or none.\","
      "\"tags\":[\"attendance\"],"
      "\"requestBody\":{\"required\":true," CONTENT ("AttendanceRosterInput") "},"
      "\"responses\":{\"200\":{\"description\":\"The whole roster after the change\","
      CONTENT ("AttendanceRoster") "},"
      "\"413\":{\"description\":\"More than " G_STRINGIFY (PDN_ROSTER_MAX_ENTRIES) " entries\","
      PROBLEM ("Problem") "},"
      "\"422\":{\"description\":\"A person id unknown to the caller, or a cancelled session\","
      PROBLEM ("Problem") "}}}";

static const gchar check_in_operation[]
    = "{\"operationId\":\"checkInToSession\",\"summary\":\"Check in to a session with its "
      "code\","
      "\"description\":\"For the caller's own person, registered or not. Open from 30 minutes "
      "before the session starts until it ends, unless it is cancelled. Checking in again "
      "changes nothing and answers 200. Wrong codes are limited per account.\","
      "\"tags\":[\"attendance\"],"
      "\"requestBody\":{\"required\":true," CONTENT ("CheckIn") "},"
      "\"responses\":{\"201\":{\"description\":\"Checked in: the caller's roster entry\","
      CONTENT ("AttendanceRosterEntry") "},"
      "\"200\":{\"description\":\"Checked in before; nothing changed\","
      CONTENT ("AttendanceRosterEntry") "},"
      "\"422\":{\"description\":\"A wrong code (field code), a cancelled session, or outside "
      "the check-in window (with opens_at and closes_at)\"," PROBLEM ("CheckInProblem") "},"
      "\"429\":{\"description\":\"Too many wrong codes; see Retry-After\","
      PROBLEM ("Problem") "}}}";

static const gchar history_operation[]
    = "{\"operationId\":\"listAttendanceHistory\",\"summary\":\"Every attendance change of a "
      "session, oldest first\","
      "\"description\":\"Whoever may edit the session's program.\",\"tags\":[\"attendance\"],"
      "\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"person_id\",\"in\":\"query\",\"description\":\"Only this person's changes\","
      "\"schema\":{\"type\":\"integer\",\"minimum\":1}}],"
      "\"responses\":{\"200\":{\"description\":\"A page of changes\","
      CONTENT ("AttendanceChangePage") "}}}";

static void
add_route (PdnRouter *router, const gchar *method, const gchar *pattern, PdnRouteFlags flags,
           const gchar *operation, PdnRouteHandler handler, AttendanceContext *ctx)
{
  pdn_router_add (router, method, pattern, flags, operation, handler,
                  g_atomic_rc_box_acquire (ctx), attendance_context_release);
}

/**
 * pdn_api_attendance_register:
 * @store: (nullable): a store that works on any thread (a #PdnStorePool),
 *   since the writes run off the server thread; %NULL only to list routes
 *
 * Adds GET and PUT /sessions/{id}/attendance, GET
 * /sessions/{id}/attendance/history and POST /sessions/{id}/check-in.
 */
void
pdn_api_attendance_register (PdnRouter *router, PdnStore *store)
{
  AttendanceContext *ctx = g_atomic_rc_box_new0 (AttendanceContext);

  ctx->store = store != NULL ? g_object_ref (store) : NULL;
  ctx->wrong_codes = pdn_rate_limiter_new (PDN_CHECK_IN_FAILURES_PER_ACCOUNT,
                                           PDN_CHECK_IN_WINDOW_SECONDS, PDN_CHECK_IN_MAX_KEYS);
  pdn_router_add_schema (router, "AttendanceRosterEntry", entry_schema);
  pdn_router_add_schema (router, "AttendanceRoster", roster_schema);
  pdn_router_add_schema (router, "AttendanceRosterInput", roster_input_schema);
  pdn_router_add_schema (router, "AttendanceChange", change_schema);
  pdn_router_add_schema (router, "AttendanceChangePage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/AttendanceChange"));
  pdn_router_add_schema (router, "CheckIn", check_in_schema);
  pdn_router_add_schema (router, "CheckInProblem", check_in_problem_schema);
  add_route (router, "GET", "/sessions/{id}/attendance", PDN_ROUTE_DEFAULT,
             get_roster_operation, get_roster, ctx);
  add_route (router, "PUT", "/sessions/{id}/attendance", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE,
             put_roster_operation, put_roster, ctx);
  add_route (router, "GET", "/sessions/{id}/attendance/history", PDN_ROUTE_DEFAULT,
             history_operation, get_history, ctx);
  add_route (router, "POST", "/sessions/{id}/check-in", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE,
             check_in_operation, post_check_in, ctx);
  attendance_context_release (ctx);
}
