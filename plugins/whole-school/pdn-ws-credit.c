/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pdn-ws-credit.h"
#include "pdn-ws-db.h"
#include "pdn-ws-program.h"

/*
 * What a person earns in a whole-school program. The summer training is
 * the program's course: it is completed by attending its days (all of the
 * program's, or the number the settings require), and a day counts when
 * attended for at least half of it. Hours are every minute attended, at
 * training, convenings and coaching calls alike.
 */

void
pdn_ws_attended_free (PdnWsAttended *self)
{
  g_free (self->kind);
  g_free (self);
}

static gboolean
training_day (PdnWsAttended *attended)
{
  return g_strcmp0 (attended->kind, "summer-training") == 0
         && attended->minutes * 2 >= attended->session_minutes;
}

/**
 * pdn_ws_credit_from_attendance:
 * @attended: (element-type PdnWsAttended): the person's sessions
 * @training_days_offered: the program's summer-training sessions (not
 *   cancelled): the days required unless the settings say otherwise
 *
 * Fills @credit with completed, hours, graduate_credits and detail.
 */
void
pdn_ws_credit_from_attendance (PdnWsSettings *settings, GPtrArray *attended,
                               gint64 training_days_offered, JsonObject *credit)
{
  gint64 required = settings->training_days_required > 0 ? settings->training_days_required
                                                          : training_days_offered;
  gint64 days = 0, convenings = 0, calls = 0, minutes = 0;
  g_autofree gchar *detail = NULL;
  gboolean completed;

  for (guint i = 0; i < attended->len; i++)
    {
      PdnWsAttended *session = g_ptr_array_index (attended, i);

      minutes += session->minutes;
      days += training_day (session) ? 1 : 0;
      convenings += g_strcmp0 (session->kind, "regional-convening") == 0 ? 1 : 0;
      calls += g_strcmp0 (session->kind, "coaching-call") == 0 ? 1 : 0;
    }
  completed = required > 0 && days >= required;
  detail = g_strdup_printf (_("Summer training days attended: %lld of %lld required; regional "
                              "convenings attended: %lld; coaching calls attended: %lld."),
                            (long long) days, (long long) required, (long long) convenings,
                            (long long) calls);
  json_object_set_boolean_member (credit, "completed", completed);
  json_object_set_double_member (credit, "hours", round (minutes / 60.0 * 100) / 100);
  json_object_set_double_member (credit, "graduate_credits",
                                 completed ? settings->graduate_credits : 0);
  json_object_set_string_member (credit, "detail", detail);
}

static gint64
minutes_between (const gchar *starts_at, const gchar *ends_at)
{
  g_autoptr (GDateTime) starts = g_date_time_new_from_iso8601 (starts_at, NULL);
  g_autoptr (GDateTime) ends = g_date_time_new_from_iso8601 (ends_at, NULL);

  if (starts == NULL || ends == NULL)
    return 0;
  return MAX (0, g_date_time_difference (ends, starts) / G_TIME_SPAN_MINUTE);
}

/* A present row without minutes counts the whole session. */
static GPtrArray *
load_attended (PdnContext *context, gint64 program_id, gint64 person_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT s.kind, a.minutes, s.starts_at, s.ends_at FROM attendance a"
      " JOIN sessions s ON s.id = a.session_id WHERE s.program_id = ? AND a.person_id = ?"
      " AND s.state <> 'cancelled' AND a.status IN ('present', 'partial')",
      PDN_WS_IDS (program_id, person_id), error);
  g_autoptr (GPtrArray) attended
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_ws_attended_free);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      PdnWsAttended *session = g_new0 (PdnWsAttended, 1);

      session->kind = g_strdup (pdn_query_column_text (query, 0));
      session->session_minutes = minutes_between (pdn_query_column_text (query, 2),
                                                  pdn_query_column_text (query, 3));
      session->minutes = pdn_query_column_is_null (query, 1)
                           ? session->session_minutes
                           : MIN (pdn_query_column_int64 (query, 1), session->session_minutes);
      g_ptr_array_add (attended, session);
    }
  return step == PDN_QUERY_DONE ? g_steal_pointer (&attended) : NULL;
}

gboolean
pdn_ws_credit_compute (PdnContext *context, JsonObject *program, PdnWsSettings *settings,
                       gint64 person_id, JsonObject *credit, GError **error)
{
  gint64 program_id = pdn_ws_program_id (program);
  g_autoptr (GPtrArray) attended = load_attended (context, program_id, person_id, error);
  gint64 offered = 0;

  if (attended == NULL
      || !pdn_ws_db_int (context,
                         "SELECT COUNT(*) FROM sessions WHERE program_id = ?"
                         " AND kind = 'summer-training' AND state <> 'cancelled'",
                         PDN_WS_IDS (program_id), &offered, error))
    return FALSE;
  pdn_ws_credit_from_attendance (settings, attended, offered, credit);
  return TRUE;
}
