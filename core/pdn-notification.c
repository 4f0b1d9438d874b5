/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-notification.h"
#include "pdn-time.h"

gboolean
pdn_notification_queue (PdnStore *store, gint64 person_id, const gchar *kind, gint64 session_id,
                        const gchar *detail, GError **error)
{
  g_autofree gchar *now = pdn_time_now_utc ();
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "INSERT INTO notifications (person_id, session_id, kind, detail, "
                            "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_id (stmt, 2, session_id);
  pdn_statement_bind_text (stmt, 3, kind);
  pdn_statement_bind_text (stmt, 4, detail != NULL ? detail : "{}");
  pdn_statement_bind_text (stmt, 5, now);
  pdn_statement_bind_text (stmt, 6, now);
  return pdn_statement_run (stmt, error);
}
