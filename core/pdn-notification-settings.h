/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-mail-transport.h"
#include "pdn-smtp-transport.h"

G_BEGIN_DECLS

#define PDN_NOTIFICATIONS_GROUP "notifications"

/* The [notifications] group of pdnetd.conf (see data/pdnetd.conf.example). */
typedef struct
{
  gchar *language;      /* nullable: the daemon's locale */
  gchar *from_address;
  gchar *from_name;     /* nullable */
  gchar *smtp_url;      /* nullable: write files to the outbox directory */
  gchar *smtp_user;     /* nullable */
  gchar *smtp_password; /* nullable */
  PdnSmtpTls smtp_tls;
  guint smtp_connect_timeout; /* seconds */
  guint smtp_timeout;         /* seconds */
  guint poll_interval;        /* seconds between passes (and reminder runs) */
  guint retry_delay;          /* seconds before the first retry; doubles each time */
  guint retry_max_delay;      /* seconds: the longest wait between attempts */
  guint max_attempts;         /* then the message is marked failed */
  guint batch_size;           /* rows read at once */
} PdnNotificationSettings;

PdnNotificationSettings *pdn_notification_settings_new (void);
gboolean pdn_notification_settings_load (PdnNotificationSettings *self, GKeyFile *key_file,
                                         GError **error);
PdnNotificationSettings *pdn_notification_settings_copy (const PdnNotificationSettings *self);
void pdn_notification_settings_free (PdnNotificationSettings *self);
PdnMailTransport *pdn_notification_settings_make_transport (const PdnNotificationSettings *self,
                                                            const gchar *outbox_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnNotificationSettings, pdn_notification_settings_free)

G_END_DECLS
