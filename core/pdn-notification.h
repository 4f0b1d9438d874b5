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
 * does; a sender delivers it after the commit.
 */
gboolean pdn_notification_queue (PdnStore *store, gint64 person_id, const gchar *kind,
                                 gint64 session_id, const gchar *detail, GError **error);

G_END_DECLS
