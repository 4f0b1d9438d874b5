/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-mail-transport.h"
#include "pdn-notification-settings.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_NOTIFICATION_SENDER (pdn_notification_sender_get_type ())
G_DECLARE_FINAL_TYPE (PdnNotificationSender, pdn_notification_sender, PDN, NOTIFICATION_SENDER,
                      GObject)

PdnNotificationSender *pdn_notification_sender_new (PdnStore *store, PdnMailTransport *transport,
                                                    const PdnNotificationSettings *settings);
gboolean pdn_notification_sender_run (PdnNotificationSender *self, GDateTime *now,
                                      guint *delivered, GError **error);
gboolean pdn_notification_sender_start (PdnNotificationSender *self, GError **error);
void pdn_notification_sender_stop (PdnNotificationSender *self);
void pdn_notification_sender_wake (PdnNotificationSender *self);
void pdn_notification_sender_wake_default (void);

G_END_DECLS
