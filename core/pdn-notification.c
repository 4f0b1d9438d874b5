/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pdn-notification.h"
#include "pdn-time.h"

gboolean
pdn_notification_queue (PdnStore *store, gint64 person_id, const gchar *kind, gint64 session_id,
                        const gchar *detail, GError **error)
{
  g_autofree gchar *now = pdn_time_now_utc ();
  g_autoptr (PdnStatement) stmt = NULL;

  /* The session's start as of now: for a reminder, the start it is for
   * (see pdn-reminders.c). */
  stmt = pdn_store_prepare (store,
                            "INSERT INTO notifications (person_id, session_id, kind, detail, "
                            "created_at, next_attempt_at, starts_at) VALUES (?, ?, ?, ?, ?, ?, "
                            "(SELECT starts_at FROM sessions WHERE id = ?))",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_id (stmt, 2, session_id);
  pdn_statement_bind_text (stmt, 3, kind);
  pdn_statement_bind_text (stmt, 4, detail != NULL ? detail : "{}");
  pdn_statement_bind_text (stmt, 5, now);
  pdn_statement_bind_text (stmt, 6, now);
  pdn_statement_bind_id (stmt, 7, session_id);
  return pdn_statement_run (stmt, error);
}

void
pdn_notification_free (PdnNotification *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->detail);
  g_free (self->created_at);
  g_free (self->next_attempt_at);
  g_free (self->sent_at);
  g_free (self->failed_at);
  g_free (self->last_error);
  g_free (self);
}

static PdnNotification *
from_row (PdnStatement *stmt)
{
  PdnNotification *self = g_new0 (PdnNotification, 1);

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->person_id = pdn_statement_column_int64 (stmt, 1);
  self->session_id = pdn_statement_column_is_null (stmt, 2)
                         ? 0
                         : pdn_statement_column_int64 (stmt, 2);
  self->kind = pdn_statement_dup_text (stmt, 3);
  self->detail = pdn_statement_dup_text (stmt, 4);
  self->created_at = pdn_statement_dup_text (stmt, 5);
  self->attempts = pdn_statement_column_int64 (stmt, 6);
  self->next_attempt_at = pdn_statement_dup_text (stmt, 7);
  self->sent_at = pdn_statement_dup_text (stmt, 8);
  self->failed_at = pdn_statement_dup_text (stmt, 9);
  self->last_error = pdn_statement_dup_text (stmt, 10);
  return self;
}

PdnNotification *
pdn_notification_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (
      store,
      "SELECT id, person_id, session_id, kind, detail, created_at, attempts, next_attempt_at, "
      "sent_at, failed_at, last_error FROM notifications WHERE id = ?",
      id, error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No notification has id %lld"), (long long) id))
    return NULL;
  return from_row (stmt);
}

PdnNotificationStatus
pdn_notification_get_status (const PdnNotification *self)
{
  if (self->sent_at != NULL)
    return PDN_NOTIFICATION_SENT;
  if (self->failed_at != NULL)
    return PDN_NOTIFICATION_FAILED;
  return PDN_NOTIFICATION_PENDING;
}

/* The names the API shows. */
const gchar *
pdn_notification_status_to_string (PdnNotificationStatus status)
{
  switch (status)
    {
    case PDN_NOTIFICATION_SENT:
      return "sent";
    case PDN_NOTIFICATION_FAILED:
      return "failed";
    case PDN_NOTIFICATION_PENDING:
    default:
      return "pending";
    }
}
