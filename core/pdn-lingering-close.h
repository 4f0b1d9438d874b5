/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void pdn_lingering_close (GSocketConnection *connection, GBytes *response, guint linger_seconds,
                          GCancellable *cancellable);

G_END_DECLS
