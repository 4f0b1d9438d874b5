/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-ws-coaching-call.h"
#include "pdn-ws-db.h"

/* Coaching-call logs in whole_school_coaching_calls, with the core
 * elements seen kept in whole_school_call_commitments. */

static gchar *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_id_or_null (PdnQuery *query, guint index, gint64 id)
{
  if (id > 0)
    pdn_query_bind_int64 (query, index, id);
  else
    pdn_query_bind_null (query, index);
}

static gboolean
insert_row (PdnWsCoachingCall *self, PdnContext *context, gint64 account_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "INSERT INTO whole_school_coaching_calls (program_id, school_id, session_id, held_on,"
      " mentor_person_id, duration_minutes, notes, commitments_reviewed, created_by_account_id,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);

  if (query == NULL)
    return FALSE;
  g_free (self->created_at);
  self->created_at = now_utc ();
  pdn_query_bind_int64 (query, 1, self->program_id);
  pdn_query_bind_int64 (query, 2, self->school_id);
  bind_id_or_null (query, 3, self->session_id);
  pdn_query_bind_text (query, 4, self->held_on);
  pdn_query_bind_int64 (query, 5, self->mentor_person_id);
  pdn_query_bind_int64 (query, 6, self->duration_minutes);
  if (self->notes != NULL)
    pdn_query_bind_text (query, 7, self->notes);
  else
    pdn_query_bind_null (query, 7);
  pdn_query_bind_int64 (query, 8, self->commitments_reviewed ? 1 : 0);
  bind_id_or_null (query, 9, account_id);
  pdn_query_bind_text (query, 10, self->created_at);
  if (!pdn_query_run (query, error))
    return FALSE;
  self->id = pdn_query_last_insert_id (query);
  return TRUE;
}

static gboolean
insert_kept (PdnWsCoachingCall *self, PdnContext *context, GError **error)
{
  for (guint i = 0; i < self->commitments_kept->len; i++)
    {
      g_autoptr (PdnQuery) query = pdn_context_query (
          context,
          "INSERT INTO whole_school_call_commitments (call_id, position, element)"
          " VALUES (?, ?, ?)",
          error);

      if (query == NULL)
        return FALSE;
      pdn_query_bind_int64 (query, 1, self->id);
      pdn_query_bind_int64 (query, 2, i);
      pdn_query_bind_text (query, 3, g_ptr_array_index (self->commitments_kept, i));
      if (!pdn_query_run (query, error))
        return FALSE;
    }
  return TRUE;
}

/* Saves a checked call, all or nothing. */
gboolean
pdn_ws_coaching_call_insert (PdnWsCoachingCall *self, PdnContext *context, gint64 account_id,
                             GError **error)
{
  if (!pdn_context_begin (context, error))
    return FALSE;
  if (!insert_row (self, context, account_id, error) || !insert_kept (self, context, error))
    {
      pdn_context_rollback (context);
      return FALSE;
    }
  return pdn_context_commit (context, error);
}

static PdnWsCoachingCall *
read_row (PdnQuery *query)
{
  PdnWsCoachingCall *self = pdn_ws_coaching_call_new ();

  self->id = pdn_query_column_int64 (query, 0);
  self->program_id = pdn_query_column_int64 (query, 1);
  self->school_id = pdn_query_column_int64 (query, 2);
  self->school_name = g_strdup (pdn_query_column_text (query, 3));
  self->session_id = pdn_query_column_is_null (query, 4) ? 0 : pdn_query_column_int64 (query, 4);
  self->held_on = g_strdup (pdn_query_column_text (query, 5));
  self->mentor_person_id = pdn_query_column_int64 (query, 6);
  self->mentor_name = g_strdup (pdn_query_column_text (query, 7));
  self->duration_minutes = pdn_query_column_int64 (query, 8);
  self->notes = pdn_ws_db_column_dup (query, 9);
  self->commitments_reviewed = pdn_query_column_int64 (query, 10) != 0;
  self->created_at = g_strdup (pdn_query_column_text (query, 11));
  return self;
}

static gboolean
load_kept (PdnWsCoachingCall *self, PdnContext *context, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT element FROM whole_school_call_commitments WHERE call_id = ? ORDER BY position",
      PDN_WS_IDS (self->id), error);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_ptr_array_add (self->commitments_kept, g_strdup (pdn_query_column_text (query, 0)));
  return step == PDN_QUERY_DONE;
}

/**
 * pdn_ws_coaching_call_list:
 * @school_id: only this school's calls, or 0 for all
 * @after_id: only calls with a greater id (keyset paging), or 0
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type PdnWsCoachingCall): the program's
 *   logged calls in id order, or %NULL with @error set.
 */
GPtrArray *
pdn_ws_coaching_call_list (PdnContext *context, gint64 program_id, gint64 school_id,
                           gint64 after_id, guint limit, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT c.id, c.program_id, c.school_id, s.name, c.session_id, c.held_on,"
      " c.mentor_person_id, p.name, c.duration_minutes, c.notes, c.commitments_reviewed,"
      " c.created_at FROM whole_school_coaching_calls c JOIN schools s ON s.id = c.school_id"
      " JOIN people p ON p.id = c.mentor_person_id"
      " WHERE c.program_id = ? AND (? = 0 OR c.school_id = ?) AND c.id > ?"
      " ORDER BY c.id LIMIT ?",
      PDN_WS_IDS (program_id, school_id, school_id, after_id, (gint64) limit), error);
  g_autoptr (GPtrArray) calls
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_ws_coaching_call_free);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_ptr_array_add (calls, read_row (query));
  if (step != PDN_QUERY_DONE)
    return NULL;
  g_clear_pointer (&query, pdn_query_free);
  for (guint i = 0; i < calls->len; i++)
    if (!load_kept (g_ptr_array_index (calls, i), context, error))
      return NULL;
  return g_steal_pointer (&calls);
}
