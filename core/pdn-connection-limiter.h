/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PDN_TYPE_CONNECTION_LIMITER (pdn_connection_limiter_get_type ())
G_DECLARE_FINAL_TYPE (PdnConnectionLimiter, pdn_connection_limiter, PDN, CONNECTION_LIMITER,
                      GObject)

PdnConnectionLimiter *pdn_connection_limiter_new (guint max_connections);
gboolean pdn_connection_limiter_admit (PdnConnectionLimiter *self, GSocketConnection *connection);
guint pdn_connection_limiter_get_count (PdnConnectionLimiter *self);
guint pdn_connection_limiter_get_max (PdnConnectionLimiter *self);

G_END_DECLS
