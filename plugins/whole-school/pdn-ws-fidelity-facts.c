/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-ws-db.h"
#include "pdn-ws-fidelity.h"
#include "pdn-ws-program.h"

/* Gathers each enrolled school's facts for pdn-ws-fidelity.c, in the
 * caller's (read) transaction. */

/* The program's group sessions: the team's training and convenings. */
#define GROUP_SESSIONS                                                                           \
  "s.program_id = ? AND s.kind IN ('summer-training', 'regional-convening')"                     \
  " AND s.state <> 'cancelled' AND s.local_date >= ? AND s.local_date <= ?"

static PdnQuery *
prepare (PdnContext *context, const gchar *sql, gint64 first_id, gint64 second_id,
         const gchar *from, const gchar *to, GError **error)
{
  PdnQuery *query = pdn_context_query (context, sql, error);

  if (query == NULL)
    return NULL;
  pdn_query_bind_int64 (query, 1, first_id);
  pdn_query_bind_int64 (query, 2, second_id);
  pdn_query_bind_text (query, 3, from);
  pdn_query_bind_text (query, 4, to);
  return query;
}

static gboolean
load_calls (PdnWsSchoolFacts *facts, PdnContext *context, gint64 program_id, GError **error)
{
  g_autoptr (PdnQuery) query = prepare (
      context,
      "SELECT id, held_on, duration_minutes, commitments_reviewed"
      " FROM whole_school_coaching_calls WHERE program_id = ? AND school_id = ?"
      " AND held_on >= ? AND held_on <= ? ORDER BY held_on, id",
      program_id, facts->school_id, facts->from, facts->to, error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 id = pdn_query_column_int64 (query, 0);

      g_array_append_val (ids, id);
      pdn_ws_school_facts_add_call (facts, pdn_query_column_text (query, 1),
                                    pdn_query_column_int64 (query, 2),
                                    pdn_query_column_int64 (query, 3) != 0);
    }
  if (step != PDN_QUERY_DONE)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      PdnWsCallFact *call = g_ptr_array_index (facts->calls, i);
      g_autoptr (PdnQuery) kept = pdn_ws_db_prepare_ids (
          context, "SELECT element FROM whole_school_call_commitments WHERE call_id = ?",
          PDN_WS_IDS (g_array_index (ids, gint64, i)), error);

      step = PDN_QUERY_ERROR;
      while (kept != NULL && (step = pdn_query_step (kept, error)) == PDN_QUERY_ROW)
        g_ptr_array_add (call->kept, g_strdup (pdn_query_column_text (kept, 0)));
      if (step != PDN_QUERY_DONE)
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_sessions (PdnWsSchoolFacts *facts, PdnContext *context, gint64 program_id,
               gint64 enrollment_id, const gchar *year_start, GError **error)
{
  g_autoptr (PdnQuery) held = NULL;
  g_autoptr (PdnQuery) attended = NULL;

  held = pdn_context_query (context, "SELECT COUNT(*) FROM sessions s WHERE " GROUP_SESSIONS,
                            error);
  if (held == NULL)
    return FALSE;
  pdn_query_bind_int64 (held, 1, program_id);
  pdn_query_bind_text (held, 2, year_start);
  pdn_query_bind_text (held, 3, facts->to);
  if (pdn_query_step (held, error) != PDN_QUERY_ROW)
    return FALSE;
  facts->sessions_held = pdn_query_column_int64 (held, 0);
  attended = pdn_context_query (
      context,
      "SELECT COUNT(DISTINCT a.session_id), COUNT(*) FROM attendance a"
      " JOIN sessions s ON s.id = a.session_id"
      " JOIN whole_school_team_members m ON m.person_id = a.person_id AND m.enrollment_id = ?"
      " WHERE a.status IN ('present', 'partial') AND " GROUP_SESSIONS,
      error);
  if (attended == NULL)
    return FALSE;
  pdn_query_bind_int64 (attended, 1, enrollment_id);
  pdn_query_bind_int64 (attended, 2, program_id);
  pdn_query_bind_text (attended, 3, year_start);
  pdn_query_bind_text (attended, 4, facts->to);
  if (pdn_query_step (attended, error) != PDN_QUERY_ROW)
    return FALSE;
  facts->sessions_attended = pdn_query_column_int64 (attended, 0);
  facts->attendances = pdn_query_column_int64 (attended, 1);
  return TRUE;
}

typedef struct
{
  gint64 enrollment_id;
  gint64 school_id;
  gchar *school_name;
  gchar *starts_on;
  gint64 team_size;
} EnrolledSchool;

static void
enrolled_school_free (EnrolledSchool *school)
{
  g_free (school->school_name);
  g_free (school->starts_on);
  g_free (school);
}

static GPtrArray *
list_schools (PdnContext *context, gint64 program_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT e.id, e.school_id, s.name, e.starts_on,"
      " (SELECT COUNT(*) FROM whole_school_team_members m WHERE m.enrollment_id = e.id)"
      " FROM whole_school_enrollments e JOIN schools s ON s.id = e.school_id"
      " WHERE e.program_id = ? ORDER BY s.name, s.id",
      PDN_WS_IDS (program_id), error);
  g_autoptr (GPtrArray) schools
      = g_ptr_array_new_with_free_func ((GDestroyNotify) enrolled_school_free);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      EnrolledSchool *school = g_new0 (EnrolledSchool, 1);

      school->enrollment_id = pdn_query_column_int64 (query, 0);
      school->school_id = pdn_query_column_int64 (query, 1);
      school->school_name = g_strdup (pdn_query_column_text (query, 2));
      school->starts_on = g_strdup (pdn_query_column_text (query, 3));
      school->team_size = pdn_query_column_int64 (query, 4);
      g_ptr_array_add (schools, school);
    }
  return step == PDN_QUERY_DONE ? g_steal_pointer (&schools) : NULL;
}

static JsonNode *
school_fidelity (EnrolledSchool *school, PdnContext *context, gint64 program_id,
                 PdnWsSettings *settings, const gchar *year_start, const gchar *to,
                 GError **error)
{
  g_autoptr (PdnWsSchoolFacts) facts
      = pdn_ws_school_facts_new (school->school_id, school->school_name, school->starts_on, to);

  facts->team_size = school->team_size;
  if (!load_calls (facts, context, program_id, error)
      || !load_sessions (facts, context, program_id, school->enrollment_id, year_start, error))
    return NULL;
  return pdn_ws_fidelity_school (facts, settings);
}

static JsonNode *
report_json (JsonObject *program, PdnWsSettings *settings, const gchar *as_of, JsonArray *rows)
{
  JsonObject *object = json_object_new ();
  JsonArray *elements = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < settings->core_elements->len; i++)
    json_array_add_string_element (elements, g_ptr_array_index (settings->core_elements, i));
  json_object_set_int_member (object, "program_id", pdn_ws_program_id (program));
  json_object_set_string_member (object, "as_of", as_of);
  json_object_set_double_member (object, "coaching_calls_per_month",
                                 settings->coaching_calls_per_month);
  json_object_set_array_member (object, "core_elements", elements);
  json_object_set_array_member (object, "schools", rows);
  json_node_take_object (node, object);
  return node;
}

/**
 * pdn_ws_fidelity_compute:
 * @as_of: the day the report is for (counting stops there, or at the
 *   school year's end)
 *
 * Returns: (transfer full) (nullable): `{"program_id", "as_of",
 *   "coaching_calls_per_month", "core_elements", "schools": [...]}`, one
 *   row per enrolled school by name, or %NULL with @error set.
 */
JsonNode *
pdn_ws_fidelity_compute (PdnContext *context, JsonObject *program, PdnWsSettings *settings,
                         const gchar *as_of, GError **error)
{
  gint64 program_id = pdn_ws_program_id (program);
  g_autofree gchar *year_start = NULL, *year_end = NULL;
  g_autoptr (GPtrArray) schools = NULL;
  g_autoptr (JsonArray) rows = json_array_new ();
  const gchar *to;

  if (!pdn_ws_program_year (context, program, &year_start, &year_end, error))
    return NULL;
  to = g_strcmp0 (as_of, year_end) < 0 ? as_of : year_end;
  schools = list_schools (context, program_id, error);
  if (schools == NULL)
    return NULL;
  for (guint i = 0; i < schools->len; i++)
    {
      JsonNode *row = school_fidelity (g_ptr_array_index (schools, i), context, program_id,
                                       settings, year_start, to, error);

      if (row == NULL)
        return NULL;
      json_array_add_element (rows, row);
    }
  return report_json (program, settings, as_of, g_steal_pointer (&rows));
}
