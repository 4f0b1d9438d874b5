/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-json.h"
#include "pdn-teacher-led-leaders.h"

/* The person's row goes with the person and the program; who recorded it
 * is kept as a plain id, so an account is never held back by it. */
const gchar pdn_teacher_led_leaders_migration_v1[]
    = "CREATE TABLE teacher_led_leaders ("
      "  program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,"
      "  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,"
      "  selected_on TEXT NOT NULL,"
      "  trained_on TEXT,"
      "  recorded_by_account_id INTEGER,"
      "  created_at TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL,"
      "  PRIMARY KEY (program_id, person_id));"
      "CREATE INDEX teacher_led_leaders_person ON teacher_led_leaders (person_id);";

void
pdn_teacher_leader_clear (PdnTeacherLeader *leader)
{
  g_clear_pointer (&leader->selected_on, g_free);
  g_clear_pointer (&leader->trained_on, g_free);
}

gboolean
pdn_teacher_leader_validate (const PdnTeacherLeader *leader, GError **error)
{
  if (!pdn_teacher_led_is_date (leader->selected_on))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "selected_on",
                           _("The day the teacher-leader was selected must be a date written "
                             "YYYY-MM-DD"));
      return FALSE;
    }
  if (leader->trained_on != NULL && !pdn_teacher_led_is_date (leader->trained_on))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "trained_on",
                           _("The day the teacher-leader was trained must be a date written "
                             "YYYY-MM-DD, or null"));
      return FALSE;
    }
  if (leader->trained_on != NULL && strcmp (leader->trained_on, leader->selected_on) < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "trained_on",
                           _("A teacher-leader is trained after being selected, not before "
                             "(selected on %s)"),
                           leader->selected_on);
      return FALSE;
    }
  return TRUE;
}

/* ---- writing ---- */

/* The person's name, or NULL with @error set when there is no such person. */
static gchar *
load_person_name (PdnContext *context, gint64 person_id, GError **error)
{
  g_autoptr (PdnQuery) query
      = pdn_context_query (context, "SELECT name FROM people WHERE id = ?", error);
  PdnQueryStep step;

  if (query == NULL)
    return NULL;
  pdn_query_bind_int64 (query, 1, person_id);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ROW)
    return g_strdup (pdn_query_column_text (query, 0));
  if (step == PDN_QUERY_DONE)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "person_id",
                         _("No person has id %lld"), (long long) person_id);
  return NULL;
}

/* 1 when the record exists, 0 when not, -1 on error. */
static gint
leader_exists (PdnContext *context, gint64 program_id, gint64 person_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context, "SELECT 1 FROM teacher_led_leaders WHERE program_id = ? AND person_id = ?", error);
  PdnQueryStep step;

  if (query == NULL)
    return -1;
  pdn_query_bind_int64 (query, 1, program_id);
  pdn_query_bind_int64 (query, 2, person_id);
  step = pdn_query_step (query, error);
  return step == PDN_QUERY_ERROR ? -1 : step == PDN_QUERY_ROW;
}

static gboolean
insert_row (PdnContext *context, const PdnTeacherLeader *leader, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "INSERT INTO teacher_led_leaders (program_id, person_id, selected_on, trained_on, "
      "recorded_by_account_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      error);
  g_autofree gchar *now = pdn_teacher_led_now_utc ();

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, leader->program_id);
  pdn_query_bind_int64 (query, 2, leader->person_id);
  pdn_query_bind_text (query, 3, leader->selected_on);
  pdn_query_bind_text (query, 4, leader->trained_on);
  if (leader->recorded_by_account_id > 0)
    pdn_query_bind_int64 (query, 5, leader->recorded_by_account_id);
  else
    pdn_query_bind_null (query, 5);
  pdn_query_bind_text (query, 6, now);
  pdn_query_bind_text (query, 7, now);
  return pdn_query_run (query, error);
}

/* The checks and the insert see one snapshot: they run in one transaction
 * (a savepoint inside the route's). */
gboolean
pdn_teacher_leader_insert (PdnContext *context, const PdnTeacherLeader *leader, GError **error)
{
  g_autofree gchar *name = NULL;
  gint exists;

  if (!pdn_teacher_leader_validate (leader, error) || !pdn_context_begin (context, error))
    return FALSE;
  name = load_person_name (context, leader->person_id, error);
  exists = name != NULL ? leader_exists (context, leader->program_id, leader->person_id, error)
                        : -1;
  if (exists == 1)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "person_id",
                         _("%s is already a teacher-leader of this program: change the record "
                           "instead"),
                         name);
  if (exists != 0 || !insert_row (context, leader, error) || !pdn_context_commit (context, error))
    {
      pdn_context_rollback (context);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_teacher_leader_update (PdnContext *context, const PdnTeacherLeader *leader, GError **error)
{
  g_autoptr (PdnQuery) query = NULL;
  g_autofree gchar *now = pdn_teacher_led_now_utc ();

  if (!pdn_teacher_leader_validate (leader, error))
    return FALSE;
  query = pdn_context_query (context,
                             "UPDATE teacher_led_leaders SET selected_on = ?, trained_on = ?, "
                             "updated_at = ? WHERE program_id = ? AND person_id = ?",
                             error);
  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, leader->selected_on);
  pdn_query_bind_text (query, 2, leader->trained_on);
  pdn_query_bind_text (query, 3, now);
  pdn_query_bind_int64 (query, 4, leader->program_id);
  pdn_query_bind_int64 (query, 5, leader->person_id);
  return pdn_query_run (query, error);
}

static void
set_not_found (GError **error, gint64 person_id)
{
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "person_id",
                       _("Person %lld is not a teacher-leader of this program"),
                       (long long) person_id);
}

gboolean
pdn_teacher_leader_load (PdnContext *context, gint64 program_id, gint64 person_id,
                         PdnTeacherLeader *leader, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT selected_on, trained_on, recorded_by_account_id FROM teacher_led_leaders "
      "WHERE program_id = ? AND person_id = ?",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, program_id);
  pdn_query_bind_int64 (query, 2, person_id);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_DONE)
    set_not_found (error, person_id);
  if (step != PDN_QUERY_ROW)
    return FALSE;
  leader->program_id = program_id;
  leader->person_id = person_id;
  leader->selected_on = g_strdup (pdn_query_column_text (query, 0));
  leader->trained_on = g_strdup (pdn_query_column_text (query, 1));
  leader->recorded_by_account_id
      = pdn_query_column_is_null (query, 2) ? 0 : pdn_query_column_int64 (query, 2);
  return TRUE;
}

/* ---- reading ---- */

#define LEADER_COLUMNS                                                                           \
  "SELECT l.person_id, p.name, l.selected_on, l.trained_on, l.created_at, l.updated_at "        \
  "FROM teacher_led_leaders l JOIN people p ON p.id = l.person_id WHERE l.program_id = ? "

static void
set_text_or_null (JsonObject *object, const gchar *name, const gchar *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
row_to_json (PdnQuery *query, gint64 program_id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "program_id", program_id);
  json_object_set_int_member (object, "person_id", pdn_query_column_int64 (query, 0));
  json_object_set_string_member (object, "name", pdn_query_column_text (query, 1));
  json_object_set_string_member (object, "selected_on", pdn_query_column_text (query, 2));
  set_text_or_null (object, "trained_on", pdn_query_column_text (query, 3));
  json_object_set_string_member (object, "created_at", pdn_query_column_text (query, 4));
  json_object_set_string_member (object, "updated_at", pdn_query_column_text (query, 5));
  json_node_take_object (node, object);
  return node;
}

JsonNode *
pdn_teacher_leader_to_json (PdnContext *context, gint64 program_id, gint64 person_id,
                            GError **error)
{
  g_autoptr (PdnQuery) query
      = pdn_context_query (context, LEADER_COLUMNS "AND l.person_id = ?", error);
  PdnQueryStep step;

  if (query == NULL)
    return NULL;
  pdn_query_bind_int64 (query, 1, program_id);
  pdn_query_bind_int64 (query, 2, person_id);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_DONE)
    set_not_found (error, person_id);
  return step == PDN_QUERY_ROW ? row_to_json (query, program_id) : NULL;
}

JsonNode *
pdn_teacher_leader_list (PdnContext *context, gint64 program_id, GError **error)
{
  g_autoptr (PdnQuery) query
      = pdn_context_query (context, LEADER_COLUMNS "ORDER BY p.name, l.person_id", error);
  g_autoptr (JsonArray) items = json_array_new ();
  JsonObject *object;
  JsonNode *node;
  PdnQueryStep step;

  if (query == NULL)
    return NULL;
  pdn_query_bind_int64 (query, 1, program_id);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    json_array_add_element (items, row_to_json (query, program_id));
  if (step == PDN_QUERY_ERROR)
    return NULL;
  object = json_object_new ();
  json_object_set_array_member (object, "items", g_steal_pointer (&items));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* ---- facilitators ---- */

gboolean
pdn_teacher_leader_check_facilitator (PdnContext *context, gint64 program_id, gint64 person_id,
                                      const gchar *date, const gchar *field, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT p.name, l.person_id, l.trained_on FROM people p LEFT JOIN teacher_led_leaders l "
      "ON l.person_id = p.id AND l.program_id = ? WHERE p.id = ?",
      error);
  const gchar *name, *trained_on;
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, program_id);
  pdn_query_bind_int64 (query, 2, person_id);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_DONE)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, field, _("No person has id %lld"),
                         (long long) person_id);
  if (step != PDN_QUERY_ROW)
    return FALSE;
  name = pdn_query_column_text (query, 0);
  trained_on = pdn_query_column_text (query, 2);
  if (pdn_query_column_is_null (query, 1))
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, field,
                         _("%s is not a teacher-leader of this program: only selected and "
                           "trained teacher-leaders lead its courses"),
                         name);
  else if (trained_on == NULL)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, field,
                         _("%s has no training recorded: record the day they were trained "
                           "before they lead a course session"),
                         name);
  else if (date != NULL && strcmp (trained_on, date) > 0)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, field,
                         _("%s is trained on %s, after this session's day (%s)"), name,
                         trained_on, date);
  else
    return TRUE;
  return FALSE;
}
