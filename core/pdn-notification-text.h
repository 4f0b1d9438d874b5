/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-notification.h"
#include "pdn-session.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* A notification's words: one subject line and a plain-text body, in the
 * calling thread's language (see pdn_i18n_set_thread_language()). The
 * sender renders them in the configured language when it delivers a
 * message; GET /me/notifications in the request's. */
typedef struct
{
  gchar *subject;
  gchar *body;
} PdnNotificationText;

/* What a message is rendered from. */
typedef struct
{
  const gchar *kind;             /* PDN_NOTIFICATION_* */
  const gchar *detail;           /* nullable JSON object text */
  PdnSession *session;           /* nullable */
  const gchar *host_school_name;  /* nullable: the session's host school now */
  const gchar *person_name;      /* nullable: the reader */
} PdnNotificationFacts;

PdnNotificationText *pdn_notification_text_new (const PdnNotificationFacts *facts);
PdnNotificationText *pdn_notification_text_render (PdnStore *store,
                                                   const PdnNotification *notification,
                                                   GError **error);
void pdn_notification_text_free (PdnNotificationText *self);
gchar *pdn_notification_format_time (const gchar *utc_timestamp, const gchar *time_zone,
                                     gboolean with_date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnNotificationText, pdn_notification_text_free)

G_END_DECLS
