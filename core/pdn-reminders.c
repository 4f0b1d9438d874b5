/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-notification.h"
#include "pdn-reminders.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/* Registered people of scheduled sessions starting in (?, ?], who have no
 * reminder for the session's current start yet: a session that moved after
 * its reminder went out gets another for its new start. NOT EXISTS rather
 * than an upsert keeps it portable; the unique index notifications_reminder
 * backs it up. */
#define DUE_REMINDERS                                                                            \
  "FROM sessions s JOIN registrations r ON r.session_id = s.id "                                \
  "WHERE s.state = 'scheduled' AND r.status = 'registered' "                                     \
  "AND s.starts_at > ? AND s.starts_at <= ? "                                                    \
  "AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.session_id = s.id "                     \
  "AND n.person_id = r.person_id AND n.starts_at = s.starts_at "                                 \
  "AND n.kind = '" PDN_NOTIFICATION_SESSION_REMINDER "')"

/* Reminders not yet sent for a start their session no longer has. Moving a
 * session through the model drops them already (pdn-session-notices.c);
 * this catches any other way a start changes, so nobody is reminded of the
 * old time. The pending index keeps the scan to unsent messages. */
#define STALE_REMINDERS                                                                          \
  "FROM notifications WHERE sent_at IS NULL AND failed_at IS NULL "                              \
  "AND kind = '" PDN_NOTIFICATION_SESSION_REMINDER "' "                                          \
  "AND starts_at IS NOT (SELECT s.starts_at FROM sessions s "                                    \
  "WHERE s.id = notifications.session_id)"

static gboolean
count_due (PdnStore *store, const gchar *from, const gchar *until, gint64 *count,
           GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, "SELECT COUNT(*) " DUE_REMINDERS,
                                                     error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, from);
  pdn_statement_bind_text (stmt, 2, until);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  *count = pdn_statement_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
count_stale (PdnStore *store, gint64 *count, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, "SELECT COUNT(*) " STALE_REMINDERS,
                                                     error);

  if (stmt == NULL || pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  *count = pdn_statement_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
delete_stale (PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, "DELETE " STALE_REMINDERS, error);

  return stmt != NULL && pdn_statement_run (stmt, error);
}

static gboolean
insert_due (PdnStore *store, const gchar *from, const gchar *until, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "INSERT INTO notifications (person_id, session_id, kind, detail, created_at, "
      "next_attempt_at, starts_at) SELECT r.person_id, s.id, "
      "'" PDN_NOTIFICATION_SESSION_REMINDER "', '{}', ?, ?, s.starts_at " DUE_REMINDERS,
      error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, from);
  pdn_statement_bind_text (stmt, 2, from);
  pdn_statement_bind_text (stmt, 3, from);
  pdn_statement_bind_text (stmt, 4, until);
  return pdn_statement_run (stmt, error);
}

/**
 * pdn_reminders_queue:
 * @now: the time of this pass
 * @queued: (out) (optional): how many reminders were queued
 *
 * Queues a session-reminder for every registered person of each scheduled
 * session starting within PDN_REMINDER_LEAD_HOURS of @now that has none
 * for its current start yet, and drops unsent reminders for a start their
 * session no longer has, in one transaction; running it again queues
 * nothing new. A pass with nothing to do reads only, so it never waits for
 * the write lock.
 */
gboolean
pdn_reminders_queue (PdnStore *store, GDateTime *now, guint *queued, GError **error)
{
  g_autoptr (GDateTime) horizon = g_date_time_add_hours (now, PDN_REMINDER_LEAD_HOURS);
  g_autofree gchar *from = pdn_time_format_utc (now);
  g_autofree gchar *until = pdn_time_format_utc (horizon);
  g_autoptr (PdnTransaction) tx = NULL;
  gint64 count = 0;
  gint64 stale = 0;

  if (queued != NULL)
    *queued = 0;
  if (!count_due (store, from, until, &count, error) || !count_stale (store, &stale, error))
    return FALSE;
  if (count == 0 && stale == 0)
    return TRUE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !delete_stale (store, error)
      || !count_due (store, from, until, &count, error)
      || !insert_due (store, from, until, error) || !pdn_transaction_commit (tx, error))
    return FALSE;
  if (queued != NULL)
    *queued = (guint) count;
  return TRUE;
}
