/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-coaching-call.h"
#include "pdn-ws-db.h"
#include "pdn-ws-program.h"
#include "pdn-ws-requirements.h"

/*
 * Whether a logged call fits the program: an enrolled school, a mentor
 * who exists, the program's own coaching-call session with that school
 * (if it names one), a day in the school year. Every problem is listed at
 * once, like an enrollment's. A call may be logged ahead of its day (the
 * demo network, dated relative to its load day, does): fidelity counts it
 * from that day on.
 */

static gboolean
check_school (PdnWsCoachingCall *self, PdnContext *context, PdnWsRequirements *unmet,
              GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT s.name, (SELECT COUNT(*) FROM whole_school_enrollments e"
      "  WHERE e.program_id = ? AND e.school_id = s.id) FROM schools s WHERE s.id = ?",
      PDN_WS_IDS (self->program_id, self->school_id), error);
  PdnQueryStep step;

  if (query == NULL || (step = pdn_query_step (query, error)) == PDN_QUERY_ERROR)
    return FALSE;
  if (step == PDN_QUERY_DONE)
    {
      pdn_ws_requirements_add (unmet, "school_id", _("No school has id %lld"),
                               (long long) self->school_id);
      return TRUE;
    }
  g_free (self->school_name);
  self->school_name = g_strdup (pdn_query_column_text (query, 0));
  if (pdn_query_column_int64 (query, 1) == 0)
    pdn_ws_requirements_add (unmet, "school_id", _("%s is not enrolled in this program"),
                             self->school_name);
  return TRUE;
}

static gboolean
check_mentor (PdnWsCoachingCall *self, PdnContext *context, PdnWsRequirements *unmet,
              GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_free (self->mentor_name);
  self->mentor_name = pdn_ws_db_text (context, "SELECT name FROM people WHERE id = ?",
                                      PDN_WS_IDS (self->mentor_person_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->mentor_name == NULL)
    pdn_ws_requirements_add (unmet, "mentor_person_id", _("No person has id %lld"),
                             (long long) self->mentor_person_id);
  return TRUE;
}

/* The session's own facts against the call's; the call takes the
 * session's day when it gives none. */
static void
compare_session (PdnWsCoachingCall *self, PdnQuery *query, PdnWsRequirements *unmet)
{
  long long id = (long long) self->session_id;
  const gchar *kind = pdn_query_column_text (query, 1);
  const gchar *local_date = pdn_query_column_text (query, 4);

  if (pdn_query_column_int64 (query, 0) != self->program_id)
    pdn_ws_requirements_add (unmet, "session_id", _("Session %lld is not part of this program"),
                             id);
  else if (g_strcmp0 (kind, "coaching-call") != 0)
    pdn_ws_requirements_add (unmet, "session_id",
                             _("Session %lld is a %s session, not a coaching call"), id, kind);
  else if (g_strcmp0 (pdn_query_column_text (query, 2), "cancelled") == 0)
    pdn_ws_requirements_add (unmet, "session_id", _("Session %lld was cancelled"), id);
  else if (!pdn_query_column_is_null (query, 3)
           && pdn_query_column_int64 (query, 3) != self->school_id)
    pdn_ws_requirements_add (unmet, "session_id",
                             _("Session %lld is a coaching call with another school"), id);
  if (self->held_on == NULL)
    self->held_on = g_strdup (local_date);
  else if (g_strcmp0 (self->held_on, local_date) != 0)
    pdn_ws_requirements_add (unmet, "date", _("Session %lld took place on %s, not %s"), id,
                             local_date, self->held_on);
}

static gboolean
check_session (PdnWsCoachingCall *self, PdnContext *context, PdnWsRequirements *unmet,
               GError **error)
{
  g_autoptr (PdnQuery) query = NULL;
  PdnQueryStep step;

  if (self->session_id == 0)
    return TRUE;
  query = pdn_ws_db_prepare_ids (
      context,
      "SELECT program_id, kind, state, host_school_id, local_date FROM sessions WHERE id = ?",
      PDN_WS_IDS (self->session_id), error);
  if (query == NULL || (step = pdn_query_step (query, error)) == PDN_QUERY_ERROR)
    return FALSE;
  if (step == PDN_QUERY_ROW)
    compare_session (self, query, unmet);
  else
    pdn_ws_requirements_add (unmet, "session_id", _("No session has id %lld"),
                             (long long) self->session_id);
  return TRUE;
}

/* Within the program's school year. */
static gboolean
check_date (PdnWsCoachingCall *self, PdnContext *context, JsonObject *program,
            PdnWsRequirements *unmet, GError **error)
{
  g_autofree gchar *year_start = NULL, *year_end = NULL;

  if (self->held_on == NULL)
    return TRUE; /* the session named is missing: already listed */
  if (!pdn_ws_program_year (context, program, &year_start, &year_end, error))
    return FALSE;
  if (g_strcmp0 (self->held_on, year_start) < 0 || g_strcmp0 (self->held_on, year_end) > 0)
    pdn_ws_requirements_add (unmet, "date",
                             _("%s is outside the program’s school year, %s to %s"),
                             self->held_on, year_start, year_end);
  return TRUE;
}

/* A session is logged once: a second log of it is a conflict. */
static gboolean
check_not_logged (PdnWsCoachingCall *self, PdnContext *context, GError **error)
{
  gint64 count = 0;

  if (self->session_id == 0)
    return TRUE;
  if (!pdn_ws_db_int (context, "SELECT COUNT(*) FROM whole_school_coaching_calls"
                               " WHERE session_id = ?",
                      PDN_WS_IDS (self->session_id), &count, error))
    return FALSE;
  if (count == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, "session_id",
                       _("Session %lld is already logged"), (long long) self->session_id);
  return FALSE;
}

/**
 * pdn_ws_coaching_call_check:
 *
 * Fills in the names and, for a session, the day. Returns %FALSE with
 * PDN_ERROR_CONFLICT for a session already logged, or with one
 * PDN_ERROR_UNPROCESSABLE error listing every other problem.
 */
gboolean
pdn_ws_coaching_call_check (PdnWsCoachingCall *self, PdnContext *context, JsonObject *program,
                            GError **error)
{
  g_autoptr (PdnWsRequirements) unmet = pdn_ws_requirements_new ();

  self->program_id = pdn_ws_program_id (program);
  if (!check_not_logged (self, context, error) || !check_school (self, context, unmet, error)
      || !check_session (self, context, unmet, error)
      || !check_date (self, context, program, unmet, error)
      || !check_mentor (self, context, unmet, error))
    return FALSE;
  return pdn_ws_requirements_check (unmet, _("The coaching call cannot be logged:"), error);
}
