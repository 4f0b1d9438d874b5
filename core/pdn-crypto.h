/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* libsodium set up once per process; every function that uses libsodium
 * calls this first. Fails only when the system has no random source. */
gboolean pdn_crypto_init (GError **error);

G_END_DECLS
