/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-mail-transport.h"

G_DEFINE_INTERFACE (PdnMailTransport, pdn_mail_transport, G_TYPE_OBJECT)

static void
pdn_mail_transport_default_init (PdnMailTransportInterface *iface)
{
}

gboolean
pdn_mail_transport_send (PdnMailTransport *self, const gchar *name, const gchar *sender,
                         const gchar *recipient, const gchar *text, GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (PDN_IS_MAIL_TRANSPORT (self), FALSE);
  return PDN_MAIL_TRANSPORT_GET_IFACE (self)->send (self, name, sender, recipient, text,
                                                    cancellable, error);
}
