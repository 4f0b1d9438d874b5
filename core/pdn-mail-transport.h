/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PDN_TYPE_MAIL_TRANSPORT (pdn_mail_transport_get_type ())
G_DECLARE_INTERFACE (PdnMailTransport, pdn_mail_transport, PDN, MAIL_TRANSPORT, GObject)

/**
 * PdnMailTransportInterface:
 * @send: delivers @text (an RFC 5322 message) from @sender to @recipient;
 *   @name is unique per message and the same on every attempt (the
 *   outbox directory names its file after it)
 *
 * Where the notification sender's messages go: an SMTP server
 * (PdnSmtpTransport) or a directory of .eml files (PdnOutboxDir).
 *
 * Multithreading: send() runs on the sender's thread; a transport is used
 * by one thread at a time.
 */
struct _PdnMailTransportInterface
{
  GTypeInterface parent_iface;

  gboolean (*send) (PdnMailTransport *self, const gchar *name, const gchar *sender,
                    const gchar *recipient, const gchar *text, GCancellable *cancellable,
                    GError **error);
};

gboolean pdn_mail_transport_send (PdnMailTransport *self, const gchar *name, const gchar *sender,
                                  const gchar *recipient, const gchar *text,
                                  GCancellable *cancellable, GError **error);

G_END_DECLS
