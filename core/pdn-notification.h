/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* What a notification tells a person; stored by name in `notifications`. */
#define PDN_NOTIFICATION_WAITLIST_PROMOTED "waitlist-promoted"
#define PDN_NOTIFICATION_SESSION_CHANGED "session-changed"
#define PDN_NOTIFICATION_SESSION_CANCELLED "session-cancelled"
#define PDN_NOTIFICATION_SESSION_REMINDER "session-reminder"

/**
 * pdn_notification_queue:
 * @kind: one of the PDN_NOTIFICATION_* names
 * @session_id: the session it is about (0: none)
 * @detail: (nullable): JSON object text the message is rendered from
 *   (for a change, what changed); %NULL for "{}"
 *
 * Writes one message for @person_id to the outbox. Call it inside the
 * transaction of its cause, so the message exists exactly when the cause
 * does; a sender delivers it after the commit (see
 * pdn_notification_sender_wake_default() to make it go out at once).
 */
gboolean pdn_notification_queue (PdnStore *store, gint64 person_id, const gchar *kind,
                                 gint64 session_id, const gchar *detail, GError **error);

/* Where a message is on its way: not yet delivered (maybe retrying),
 * delivered, or given up on after the last attempt. */
typedef enum
{
  PDN_NOTIFICATION_PENDING,
  PDN_NOTIFICATION_SENT,
  PDN_NOTIFICATION_FAILED,
} PdnNotificationStatus;

/* One row of the outbox. Its text is not stored: it is rendered from the
 * kind, the session and @detail in the reader's language. */
typedef struct
{
  gint64 id;
  gint64 person_id;
  gint64 session_id; /* 0: none */
  gchar *kind;
  gchar *detail; /* JSON object text */
  gchar *created_at;
  gint64 attempts;
  gchar *next_attempt_at;
  gchar *sent_at;    /* nullable */
  gchar *failed_at;  /* nullable */
  gchar *last_error; /* nullable */
} PdnNotification;

PdnNotification *pdn_notification_load (PdnStore *store, gint64 id, GError **error);
void pdn_notification_free (PdnNotification *self);
PdnNotificationStatus pdn_notification_get_status (const PdnNotification *self);
const gchar *pdn_notification_status_to_string (PdnNotificationStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnNotification, pdn_notification_free)

G_END_DECLS
