/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-resource.h"
#include "pdn-api-sessions.h"
#include "pdn-curricula.h"
#include "pdn-json-fields.h"
#include "pdn-plugin-hooks.h"
#include "pdn-registrar.h"
#include "pdn-session-notices.h"
#include "pdn-session.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/* /sessions: any signed-in account reads sessions (teachers need them to
 * register); whoever may edit a session's program creates, changes and
 * deletes it, and only they see its check-in code. */

static void
set_curriculum (JsonObject *object, const gchar *slug, const gchar *commit)
{
  JsonObject *curriculum;

  if (slug == NULL)
    {
      json_object_set_null_member (object, "curriculum");
      return;
    }
  curriculum = json_object_new ();
  json_object_set_string_member (curriculum, "slug", slug);
  pdn_api_json_set_text (curriculum, "commit", commit);
  json_object_set_object_member (object, "curriculum", curriculum);
}

/* Unlimited capacity (-1 in the model) is null. */
static void
set_capacity (JsonObject *object, gint64 capacity)
{
  if (capacity >= 0)
    json_object_set_int_member (object, "capacity", capacity);
  else
    json_object_set_null_member (object, "capacity");
}

/* @with_code: whether the caller may edit the session, and so see the
 * code attendees check in with. */
JsonNode *
pdn_api_session_json (PdnSession *session, gboolean with_code)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", session->id);
  json_object_set_int_member (object, "program_id", session->program_id);
  pdn_api_json_set_id (object, "series_id", session->series_id);
  json_object_set_string_member (object, "kind", session->kind);
  json_object_set_string_member (object, "title", session->title);
  pdn_api_json_set_text (object, "topic", session->topic);
  json_object_set_string_member (object, "starts_at", session->starts_at);
  json_object_set_string_member (object, "ends_at", session->ends_at);
  json_object_set_string_member (object, "time_zone", session->time_zone);
  json_object_set_string_member (object, "local_date", session->local_date);
  pdn_api_json_set_text (object, "location", session->location);
  pdn_api_json_set_id (object, "host_school_id", session->host_school_id);
  set_capacity (object, session->capacity);
  pdn_api_json_set_ids (object, "facilitator_ids", session->facilitator_ids);
  pdn_api_json_set_text (object, "registration_opens_at", session->registration_opens_at);
  pdn_api_json_set_text (object, "registration_closes_at", session->registration_closes_at);
  pdn_api_json_set_text (object, "cancellation_cutoff", session->cancellation_cutoff);
  json_object_set_string_member (object, "state", pdn_session_state_to_string (session->state));
  set_curriculum (object, session->curriculum_slug, session->curriculum_commit);
  if (with_code)
    json_object_set_string_member (object, "check_in_code", session->check_in_code);
  json_object_set_string_member (object, "created_at", session->created_at);
  json_object_set_string_member (object, "updated_at", session->updated_at);
  json_node_take_object (node, object);
  return node;
}

/* null, or -1 as the model has it, is unlimited. */
static gboolean
read_capacity (PdnJsonFields *fields, JsonObject *body, PdnSession *session, GError **error)
{
  JsonNode *node = json_object_get_member (body, "capacity");
  g_autofree gchar *unused = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_NULL (node))
    return pdn_json_fields_get_int (fields, "capacity", G_MININT32, G_MAXINT32,
                                    &session->capacity, error);
  session->capacity = -1;
  /* Only marks the member as read for pdn_json_fields_finish(). */
  return pdn_json_fields_get_string (fields, "capacity", TRUE, &unused, error);
}

static gboolean
read_state (PdnJsonFields *fields, PdnSession *session, GError **error)
{
  g_autofree gchar *state = NULL;

  if (!pdn_json_fields_get_string (fields, "state", FALSE, &state, error))
    return FALSE;
  return state == NULL || pdn_session_state_from_string (state, &session->state)
         || pdn_validate_enum (state, "state", pdn_session_state_names (), error);
}

static gboolean
read_times (PdnJsonFields *fields, PdnSession *session, GError **error)
{
  return pdn_json_fields_get_string (fields, "starts_at", FALSE, &session->starts_at, error)
         && pdn_json_fields_get_string (fields, "ends_at", FALSE, &session->ends_at, error)
         && pdn_json_fields_get_string (fields, "time_zone", FALSE, &session->time_zone, error)
         && pdn_json_fields_get_string (fields, "registration_opens_at", TRUE,
                                        &session->registration_opens_at, error)
         && pdn_json_fields_get_string (fields, "registration_closes_at", TRUE,
                                        &session->registration_closes_at, error)
         && pdn_json_fields_get_string (fields, "cancellation_cutoff", TRUE,
                                        &session->cancellation_cutoff, error);
}

/* "curriculum": {"slug", "ref"} pins the session to the commit @ref (a
 * branch, release or commit; main by default) is at now, so later edits
 * never change what the session taught; null unpins it. */
static gboolean
pin_curriculum (PdnStore *store, JsonNode *node, PdnSession *session, GError **error)
{
  g_autoptr (PdnJsonFields) fields = NULL;
  g_autoptr (PdnCurricula) curricula = NULL;
  g_autofree gchar *slug = NULL;
  g_autofree gchar *ref = NULL;
  gchar *commit;

  if (node == NULL)
    return TRUE;
  g_clear_pointer (&session->curriculum_slug, g_free);
  g_clear_pointer (&session->curriculum_commit, g_free);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  fields = pdn_json_fields_new (node, "curriculum", error);
  if (fields == NULL || !pdn_json_fields_require (fields, "slug", error)
      || !pdn_json_fields_get_string (fields, "slug", FALSE, &slug, error)
      || !pdn_json_fields_get_string (fields, "ref", TRUE, &ref, error)
      || !pdn_json_fields_finish (fields, error)
      || !pdn_validate_slug (slug, "curriculum.slug", error)
      || (curricula = pdn_curricula_for_store (store, error)) == NULL)
    return FALSE;
  commit = pdn_curricula_resolve_pin (curricula, store, slug, ref, error);
  if (commit == NULL)
    return FALSE;
  session->curriculum_slug = g_steal_pointer (&slug);
  session->curriculum_commit = commit;
  return TRUE;
}

/* The "curriculum" member as it came (NULL when absent). */
static gboolean
read_curriculum_member (PdnJsonFields *fields, JsonObject *body, JsonNode **curriculum,
                        GError **error)
{
  JsonNode *node = json_object_get_member (body, "curriculum");
  g_autofree gchar *unused = NULL;

  if (node == NULL)
    return TRUE;
  *curriculum = json_node_copy (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return pdn_json_fields_get_string (fields, "curriculum", TRUE, &unused, error);
  return pdn_json_fields_get_object (fields, "curriculum", curriculum, error);
}

/* Sets the members present in @body; the model validates the values
 * (timestamps, their order, time zone, references). @curriculum gets the
 * "curriculum" member, for pin_curriculum(). */
static gboolean
read_session (PdnSession *session, JsonNode *body, JsonNode **curriculum, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (body, NULL, error);

  return fields != NULL
         && read_curriculum_member (fields, json_node_get_object (body), curriculum, error)
         && pdn_json_fields_get_id (fields, "program_id", FALSE, &session->program_id, error)
         && pdn_json_fields_get_id (fields, "series_id", TRUE, &session->series_id, error)
         && pdn_json_fields_get_string (fields, "kind", FALSE, &session->kind, error)
         && pdn_json_fields_get_string (fields, "title", FALSE, &session->title, error)
         && pdn_json_fields_get_string (fields, "topic", TRUE, &session->topic, error)
         && read_times (fields, session, error)
         && pdn_json_fields_get_string (fields, "location", TRUE, &session->location, error)
         && pdn_json_fields_get_id (fields, "host_school_id", TRUE, &session->host_school_id,
                                    error)
         && read_capacity (fields, json_node_get_object (body), session, error)
         && pdn_json_fields_get_ids (fields, "facilitator_ids", &session->facilitator_ids, error)
         && read_state (fields, session, error) && pdn_json_fields_finish (fields, error);
}

static JsonNode *
create_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (JsonNode) curriculum = NULL;

  if (caller == NULL || !pdn_api_check_program_editor (caller, error))
    return NULL;
  session = pdn_session_new ();
  if (!read_session (session, pdn_request_get_body (request), &curriculum, error)
      || !pin_curriculum (store, curriculum, session, error)
      || !pdn_session_validate (session, error)
      || !pdn_api_check_edit_program_field (store, caller, session->program_id, error)
      || !pdn_plugin_hooks_validate_session (store, session, error)
      || !pdn_session_insert (session, store, error))
    return NULL;
  return pdn_api_resource_created (request, "/sessions", session->id,
                                   pdn_api_session_json (session, TRUE));
}

/**
 * pdn_api_sessions_page_start:
 * @starts_at: (out) (transfer full) (nullable): where the page starts
 *
 * Lists of sessions come in start order, then id; the cursor is still the
 * last session's id (see PdnApiPage), and the next page begins after that
 * session's (starts_at, id). %NULL in *@starts_at for the first page; a
 * cursor whose session was deleted meanwhile is refused.
 */
gboolean
pdn_api_sessions_page_start (PdnStore *store, PdnApiPage *page, gchar **starts_at,
                             GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  *starts_at = NULL;
  if (page->after == 0)
    return TRUE;
  stmt = pdn_store_prepare_id (store, "SELECT starts_at FROM sessions WHERE id = ?", page->after,
                               error);
  if (stmt == NULL || (step = pdn_statement_step (stmt, error)) == PDN_STEP_ERROR)
    return FALSE;
  if (step == PDN_STEP_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "cursor",
                           _("The session this cursor points to no longer exists; start again "
                             "from the first page"));
      return FALSE;
    }
  *starts_at = pdn_statement_dup_text (stmt, 0);
  return TRUE;
}

/* The list's filters, read from the query. */
typedef struct
{
  gint64 program_id;
  gint64 series_id;
  const gchar *state;
  const gchar *curriculum;
  const gchar *curriculum_commit;
  gchar *from;
  gchar *to;
  gchar *cursor_starts_at;
} SessionFilters;

static void
session_filters_clear (SessionFilters *self)
{
  g_free (self->from);
  g_free (self->to);
  g_free (self->cursor_starts_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionFilters, session_filters_clear)

static const gchar *const list_filters[] = { "program_id", "series_id", "state", "from", "to",
                                             "curriculum", "curriculum_commit", NULL };

/* A full commit id as sessions store it: 40 lowercase hexadecimal digits. */
static gboolean
check_commit_filter (const gchar *value, GError **error)
{
  gboolean ok;

  if (value == NULL)
    return TRUE;
  ok = strlen (value) == 40;
  for (const gchar *p = value; ok && *p != '\0'; p++)
    ok = g_ascii_isxdigit (*p) && !g_ascii_isupper (*p);
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "curriculum_commit",
                         _("curriculum_commit must be a full commit id (40 lowercase hexadecimal "
                           "digits)"));
  return ok;
}

static gboolean
read_filters (PdnRequest *request, PdnStore *store, PdnApiPage *page, SessionFilters *filters,
              GError **error)
{
  PdnSessionState state;

  filters->state = pdn_request_get_query (request, "state");
  if (filters->state != NULL && !pdn_session_state_from_string (filters->state, &state))
    return pdn_validate_enum (filters->state, "state", pdn_session_state_names (), error);
  filters->curriculum = pdn_request_get_query (request, "curriculum");
  if (filters->curriculum != NULL && !pdn_validate_slug (filters->curriculum, "curriculum", error))
    return FALSE;
  filters->curriculum_commit = pdn_request_get_query (request, "curriculum_commit");
  if (!check_commit_filter (filters->curriculum_commit, error))
    return FALSE;
  return pdn_api_query_id (request, "program_id", &filters->program_id, error)
         && pdn_api_query_id (request, "series_id", &filters->series_id, error)
         && pdn_api_query_timestamp (request, "from", &filters->from, error)
         && pdn_api_query_timestamp (request, "to", &filters->to, error)
         && pdn_api_sessions_page_start (store, page, &filters->cursor_starts_at, error);
}

/* The ids of one page; `from` is inclusive and `to` exclusive, on
 * starts_at. Only fixed clauses go into the SQL, values are bound. */
static GArray *
select_page (PdnStore *store, SessionFilters *filters, PdnApiPage *page, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT id FROM sessions WHERE 1 = 1");
  g_autoptr (PdnStatement) stmt = NULL;
  guint index = 1;

  if (filters->program_id != 0)
    g_string_append (sql, " AND program_id = ?");
  if (filters->series_id != 0)
    g_string_append (sql, " AND series_id = ?");
  if (filters->state != NULL)
    g_string_append (sql, " AND state = ?");
  if (filters->curriculum != NULL)
    g_string_append (sql, " AND curriculum_slug = ?");
  if (filters->curriculum_commit != NULL)
    g_string_append (sql, " AND curriculum_commit = ?");
  if (filters->from != NULL)
    g_string_append (sql, " AND starts_at >= ?");
  if (filters->to != NULL)
    g_string_append (sql, " AND starts_at < ?");
  if (filters->cursor_starts_at != NULL)
    g_string_append (sql, " AND (starts_at > ? OR (starts_at = ? AND id > ?))");
  g_string_append (sql, " ORDER BY starts_at, id LIMIT ?");
  stmt = pdn_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (filters->program_id != 0)
    pdn_statement_bind_int64 (stmt, index++, filters->program_id);
  if (filters->series_id != 0)
    pdn_statement_bind_int64 (stmt, index++, filters->series_id);
  if (filters->state != NULL)
    pdn_statement_bind_text (stmt, index++, filters->state);
  if (filters->curriculum != NULL)
    pdn_statement_bind_text (stmt, index++, filters->curriculum);
  if (filters->curriculum_commit != NULL)
    pdn_statement_bind_text (stmt, index++, filters->curriculum_commit);
  if (filters->from != NULL)
    pdn_statement_bind_text (stmt, index++, filters->from);
  if (filters->to != NULL)
    pdn_statement_bind_text (stmt, index++, filters->to);
  if (filters->cursor_starts_at != NULL)
    {
      pdn_statement_bind_text (stmt, index++, filters->cursor_starts_at);
      pdn_statement_bind_text (stmt, index++, filters->cursor_starts_at);
      pdn_statement_bind_int64 (stmt, index++, page->after);
    }
  pdn_statement_bind_int64 (stmt, index, pdn_api_page_fetch_limit (page));
  return pdn_api_collect_ids (stmt, error);
}

/* Whether @caller may edit @program_id, remembered per program in @cache. */
static gboolean
may_edit_cached (PdnStore *store, PdnAccount *caller, gint64 program_id, GHashTable *cache,
                 gboolean *allowed, GError **error)
{
  gpointer known;

  if (g_hash_table_lookup_extended (cache, &program_id, NULL, &known))
    {
      *allowed = GPOINTER_TO_INT (known);
      return TRUE;
    }
  if (!pdn_api_may_edit_program (store, caller, program_id, allowed, error))
    return FALSE;
  g_hash_table_insert (cache, g_memdup2 (&program_id, sizeof program_id),
                       GINT_TO_POINTER (*allowed));
  return TRUE;
}

static JsonNode *
list_sessions (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (GHashTable) editable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  g_auto (SessionFilters) filters = { 0 };
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (GArray) ids = NULL;

  if (caller == NULL || !pdn_api_check_query (request, list_filters, error)
      || !pdn_api_page_init (&page, request, error)
      || !read_filters (request, store, &page, &filters, error))
    return NULL;
  ids = select_page (store, &filters, &page, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (PdnSession) session = pdn_session_load (store, id, error);
      gboolean with_code = FALSE;

      if (session == NULL
          || !may_edit_cached (store, caller, session->program_id, editable, &with_code, error))
        return NULL;
      if (!pdn_api_page_add (&page, id, pdn_api_session_json (session, with_code)))
        break;
    }
  return pdn_api_page_finish (&page);
}

static PdnSession *
load_session (PdnRequest *request, PdnStore *store, GError **error)
{
  gint64 id = 0;

  if (!pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return pdn_session_load (store, id, error);
}

/* Whether main has changes the pinned commit lacks, and main's head; null
 * when the curriculum cannot be read (its repository is gone). */
static void
add_main_moved (PdnStore *store, PdnSession *session, JsonNode *node)
{
  JsonObject *curriculum = json_object_get_object_member (json_node_get_object (node),
                                                          "curriculum");
  g_autoptr (PdnCurricula) curricula = NULL;
  g_autofree gchar *main_head = NULL;
  gboolean moved = FALSE;

  if (curriculum == NULL || session->curriculum_commit == NULL)
    return;
  curricula = pdn_curricula_for_store (store, NULL);
  if (curricula == NULL
      || !pdn_curricula_main_moved (curricula, session->curriculum_slug,
                                    session->curriculum_commit, &moved, &main_head, NULL))
    {
      json_object_set_null_member (curriculum, "main_moved");
      json_object_set_null_member (curriculum, "main_head");
      return;
    }
  json_object_set_boolean_member (curriculum, "main_moved", moved);
  json_object_set_string_member (curriculum, "main_head", main_head);
}

static JsonNode *
get_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_autoptr (PdnSession) session = NULL;
  gboolean with_code = FALSE;
  JsonNode *node;

  if (caller == NULL || (session = load_session (request, store, error)) == NULL
      || !pdn_api_may_edit_program (store, caller, session->program_id, &with_code, error))
    return NULL;
  node = pdn_api_session_json (session, with_code);
  add_main_moved (store, session, node);
  return node;
}

/* The session at {id}, which the caller may edit; NULL with 401, 403 or
 * 404 otherwise. */
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

/* Moving a session to another program needs edit rights on both. The
 * people signed up hear of a cancellation or of a new time or place. */
static JsonNode *
update_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSession) session = load_session_to_edit (request, store, &caller, error);
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (JsonNode) curriculum = NULL;
  gint64 old_program_id;

  if (session == NULL)
    return NULL;
  old_program_id = session->program_id;
  if (!read_session (session, pdn_request_get_body (request), &curriculum, error)
      || !pin_curriculum (store, curriculum, session, error)
      || !pdn_session_validate (session, error)
      || (session->program_id != old_program_id
          && !pdn_api_check_edit_program_field (store, caller, session->program_id, error))
      || !pdn_plugin_hooks_validate_session (store, session, error))
    return NULL;
  /* The change, its notices and, with a larger capacity, promotions from
   * the waitlist, in one commit. */
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !pdn_session_update_and_notify (session, store, error)
      || !pdn_registrar_fill_seats (store, session, error) || !pdn_transaction_commit (tx, error))
    return NULL;
  return pdn_api_session_json (session, TRUE);
}

/* Registrations, attendance or feedback for the session make this a 409. */
static JsonNode *
delete_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = NULL;
  g_autoptr (PdnSession) session = load_session_to_edit (request, store, &caller, error);

  if (session != NULL
      && pdn_plugin_hooks_writable_program (store, session->program_id, NULL, error) != NULL)
    pdn_session_delete (store, session->id, error);
  return NULL;
}

/* ---- OpenAPI ---- */

#define TIMESTAMP "{\"type\":\"string\",\"format\":\"date-time\"}"
#define NULLABLE_TIMESTAMP "{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}"

#define SESSION_PROPERTIES                                                                       \
  "\"program_id\":{\"type\":\"integer\",\"minimum\":1},"                                         \
  "\"series_id\":{\"type\":[\"integer\",\"null\"],\"minimum\":1},"                               \
  "\"kind\":{\"type\":\"string\",\"description\":\"Owned by the program type, such as "          \
  "workshop\"},"                                                                                 \
  "\"title\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":200},"                           \
  "\"topic\":{\"type\":[\"string\",\"null\"],\"maxLength\":200},"                                \
  "\"starts_at\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"RFC 3339 "     \
  "with an offset; answered in UTC\"},"                                                          \
  "\"ends_at\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"After "          \
  "starts_at\"},"                                                                                \
  "\"time_zone\":{\"type\":\"string\",\"description\":\"The IANA time zone the session takes "   \
  "place in\",\"examples\":[\"America/Chicago\"]},"                                              \
  "\"location\":{\"type\":[\"string\",\"null\"],\"maxLength\":200},"                             \
  "\"host_school_id\":{\"type\":[\"integer\",\"null\"],\"minimum\":1},"                          \
  "\"capacity\":{\"type\":[\"integer\",\"null\"],\"minimum\":0,\"description\":\"Seats; null "   \
  "for unlimited\"},"                                                                            \
  "\"facilitator_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1},"      \
  "\"uniqueItems\":true,\"description\":\"People leading the session\"},"                       \
  "\"registration_opens_at\":" NULLABLE_TIMESTAMP ","                                            \
  "\"registration_closes_at\":" NULLABLE_TIMESTAMP ","                                           \
  "\"cancellation_cutoff\":" NULLABLE_TIMESTAMP ","                                              \
  "\"state\":{\"type\":\"string\",\"enum\":[\"scheduled\",\"cancelled\"]}"

#define CURRICULUM_PROPERTY                                                                      \
  "\"curriculum\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"object\",\"required\":[\"slug\","  \
  "\"commit\"],\"properties\":{\"slug\":{\"type\":\"string\"},"                                  \
  "\"commit\":{\"type\":[\"string\",\"null\"],\"description\":\"The commit the session is "      \
  "pinned to\"},\"main_moved\":{\"type\":[\"boolean\",\"null\"],\"description\":\"GET of one "    \
  "session: whether main has changes the pinned commit lacks\"},"                              \
  "\"main_head\":{\"type\":[\"string\",\"null\"]}}}]}"

#define CURRICULUM_INPUT_PROPERTY                                                                \
  "\"curriculum\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"object\",\"required\":[\"slug\"]," \
  "\"additionalProperties\":false,\"properties\":{\"slug\":{\"type\":\"string\"},"              \
  "\"ref\":{\"type\":[\"string\",\"null\"],\"description\":\"A branch, release or commit id, "   \
  "resolved to a commit when the session is saved; main by default\"}}}]}"

static const gchar session_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"program_id\",\"series_id\",\"kind\",\"title\","
      "\"topic\",\"starts_at\",\"ends_at\",\"time_zone\",\"local_date\",\"location\","
      "\"host_school_id\",\"capacity\",\"facilitator_ids\",\"registration_opens_at\","
      "\"registration_closes_at\",\"cancellation_cutoff\",\"state\",\"curriculum\","
      "\"created_at\",\"updated_at\"],"
      "\"properties\":{\"id\":{\"type\":\"integer\"}," SESSION_PROPERTIES ","
      "\"local_date\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"The day the "
      "session starts in its time zone\"}," CURRICULUM_PROPERTY ","
      "\"check_in_code\":{\"type\":\"string\",\"description\":\"Only for accounts that may edit "
      "the session\"},"
      "\"created_at\":" TIMESTAMP ",\"updated_at\":" TIMESTAMP "}}";

static const gchar session_input_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{" SESSION_PROPERTIES "," CURRICULUM_INPUT_PROPERTY "}}";

#define SESSION_RESPONSE(status, description)                                                    \
  "\"" status "\":{\"description\":\"" description "\",\"content\":{\"application/json\":"       \
  "{\"schema\":{\"$ref\":\"#/components/schemas/Session\"}}}}"

static const gchar create_operation[]
    = "{\"operationId\":\"createSession\",\"summary\":\"Create a session in a program\","
      "\"description\":\"Whoever may edit the program. A check-in code is generated.\","
      "\"tags\":[\"sessions\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"allOf\":[{\"$ref\":\"#/components/schemas/SessionInput\"}],"
      "\"required\":[\"program_id\",\"kind\",\"title\",\"starts_at\",\"ends_at\","
      "\"time_zone\"]}}}},"
      "\"responses\":{" SESSION_RESPONSE ("201", "The new session") "}}";

static const gchar list_operation[]
    = "{\"operationId\":\"listSessions\",\"summary\":\"List sessions, in start order\","
      "\"tags\":[\"sessions\"],\"parameters\":[" PDN_API_PAGE_PARAMETERS ","
      "{\"name\":\"program_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"series_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"state\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
      "\"enum\":[\"scheduled\",\"cancelled\"]}},"
      "{\"name\":\"curriculum\",\"in\":\"query\",\"description\":\"Sessions pinned to "
      "this curriculum (its slug)\",\"schema\":{\"type\":\"string\"}},"
      "{\"name\":\"curriculum_commit\",\"in\":\"query\",\"description\":\"Sessions "
      "pinned to this commit of their curriculum: the version they taught\",\"schema\":"
      "{\"type\":\"string\",\"pattern\":\"^[0-9a-f]{40}$\"}},"
      "{\"name\":\"from\",\"in\":\"query\",\"description\":\"Sessions starting at or after "
      "this time\",\"schema\":" TIMESTAMP "},"
      "{\"name\":\"to\",\"in\":\"query\",\"description\":\"Sessions starting before this "
      "time\",\"schema\":" TIMESTAMP "}],"
      "\"responses\":{\"200\":{\"description\":\"A page of sessions\",\"content\":"
      "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/SessionPage\"}}}}}}";

static const gchar get_operation[]
    = "{\"operationId\":\"getSession\",\"summary\":\"Get a session\",\"tags\":[\"sessions\"],"
      "\"responses\":{" SESSION_RESPONSE ("200", "The session") "}}";

static const gchar update_operation[]
    = "{\"operationId\":\"updateSession\",\"summary\":\"Change a session's fields\","
      "\"description\":\"Only the members present change. Moving it to another program needs "
      "the right to edit both.\",\"tags\":[\"sessions\"],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/SessionInput\"}}}},"
      "\"responses\":{" SESSION_RESPONSE ("200", "The changed session") "}}";

static const gchar delete_operation[]
    = "{\"operationId\":\"deleteSession\",\"summary\":\"Delete a session\","
      "\"description\":\"Refused with 409 once it has registrations, attendance or feedback; "
      "cancel it instead (state cancelled).\","
      "\"tags\":[\"sessions\"],\"responses\":{\"204\":{\"description\":\"Deleted\"}}}";

/**
 * pdn_api_sessions_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds POST and GET /sessions and GET, PATCH and DELETE /sessions/{id}.
 */
void
pdn_api_sessions_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "Session", session_schema);
  pdn_router_add_schema (router, "SessionInput", session_input_schema);
  pdn_router_add_schema (router, "SessionPage",
                         PDN_API_PAGE_SCHEMA ("#/components/schemas/Session"));
  pdn_api_resource_add (router, "POST", "/sessions", PDN_ROUTE_JSON_BODY, create_operation,
                        create_session, store);
  pdn_api_resource_add (router, "GET", "/sessions", PDN_ROUTE_DEFAULT, list_operation,
                        list_sessions, store);
  pdn_api_resource_add (router, "GET", "/sessions/{id}", PDN_ROUTE_DEFAULT, get_operation,
                        get_session, store);
  pdn_api_resource_add (router, "PATCH", "/sessions/{id}", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WRITE,
                        update_operation, update_session, store);
  pdn_api_resource_add (router, "DELETE", "/sessions/{id}", PDN_ROUTE_DEFAULT, delete_operation,
                        delete_session, store);
}
