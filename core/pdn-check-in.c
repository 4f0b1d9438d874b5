/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-attendance.h"
#include "pdn-check-in.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

static GDateTime *
opens_at (PdnSession *session)
{
  g_autoptr (GDateTime) starts = g_date_time_new_from_iso8601 (session->starts_at, NULL);

  return starts != NULL ? g_date_time_add_minutes (starts, -PDN_CHECK_IN_OPENS_MINUTES) : NULL;
}

gchar *
pdn_check_in_opens_at (PdnSession *session)
{
  g_autoptr (GDateTime) opens = opens_at (session);

  return opens != NULL ? pdn_time_format_utc (opens) : NULL;
}

/* "2026-09-12 08:30 CDT": in the session's own zone, as teachers read
 * clocks in the room. */
static gchar *
format_local (PdnSession *session, GDateTime *when)
{
  g_autoptr (GTimeZone) zone = pdn_time_zone_new (session->time_zone, "time_zone", NULL);
  g_autoptr (GDateTime) local = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (when, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

gboolean
pdn_check_in_check_open (PdnSession *session, GDateTime *now, GError **error)
{
  g_autoptr (GDateTime) opens = opens_at (session);
  g_autoptr (GDateTime) closes = g_date_time_new_from_iso8601 (session->ends_at, NULL);
  g_autofree gchar *when = NULL;

  if (session->state == PDN_SESSION_STATE_CANCELLED)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                           _("This session is cancelled, so nobody can check in to it"));
      return FALSE;
    }
  if (opens == NULL || closes == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "session %lld has no valid times",
                           (long long) session->id);
      return FALSE;
    }
  if (g_date_time_compare (now, opens) < 0)
    {
      when = format_local (session, opens);
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                           _("Check-in is not open yet: it opens at %s, %d minutes before the "
                             "session starts, and stays open until the session ends"),
                           when, PDN_CHECK_IN_OPENS_MINUTES);
      return FALSE;
    }
  if (g_date_time_compare (now, closes) > 0)
    {
      when = format_local (session, closes);
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                           _("Check-in closed when the session ended at %s; ask the "
                             "coordinator to record your attendance"),
                           when);
      return FALSE;
    }
  return TRUE;
}

/* Upper case without spaces or hyphens: "ab3-k7q" and "AB3K7Q" match. */
static gchar *
normalize_code (const gchar *code)
{
  GString *normalized = g_string_new (NULL);

  for (const gchar *c = code; *c != '\0'; c++)
    if (!g_ascii_isspace (*c) && *c != '-')
      g_string_append_c (normalized, g_ascii_toupper (*c));
  return g_string_free (normalized, FALSE);
}

/* Compares every character whatever the first difference, so the time
 * taken says nothing about how much of a guess was right. */
gboolean
pdn_check_in_code_matches (PdnSession *session, const gchar *code)
{
  g_autofree gchar *given = NULL;
  g_autofree gchar *expected = NULL;
  gsize length;
  guchar difference = 0;

  if (code == NULL || session->check_in_code == NULL)
    return FALSE;
  given = normalize_code (code);
  expected = normalize_code (session->check_in_code);
  length = strlen (expected);
  if (length == 0 || strlen (given) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    difference |= (guchar) (given[i] ^ expected[i]);
  return difference == 0;
}

static gboolean
has_checked_in (PdnStore *store, gint64 session_id, gint64 person_id, gboolean *found,
                GError **error)
{
  g_autoptr (PdnStatement) stmt
      = pdn_store_prepare (store,
                           "SELECT COUNT(*) FROM attendance_history WHERE session_id = ? "
                           "AND person_id = ? AND source = 'check-in'",
                           error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  if (!pdn_statement_step_one (stmt, error, "COUNT returned no row"))
    return FALSE;
  *found = pdn_statement_column_int64 (stmt, 0) > 0;
  return TRUE;
}

gboolean
pdn_check_in_record (PdnStore *store, gint64 session_id, gint64 person_id, gint64 account_id,
                     gboolean *created, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  g_autoptr (PdnAttendance) attendance = NULL;
  gboolean found = FALSE;

  *created = FALSE;
  if (tx == NULL || !has_checked_in (store, session_id, person_id, &found, error))
    return FALSE;
  if (!found)
    {
      attendance = pdn_attendance_new ();
      attendance->session_id = session_id;
      attendance->person_id = person_id;
      attendance->status = PDN_ATTENDANCE_STATUS_PRESENT;
      attendance->source = PDN_ATTENDANCE_SOURCE_CHECK_IN;
      attendance->recorded_by_account_id = account_id;
      if (!pdn_attendance_record (attendance, store, error))
        return FALSE;
    }
  if (!pdn_transaction_commit (tx, error))
    return FALSE;
  *created = !found;
  return TRUE;
}
