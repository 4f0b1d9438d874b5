/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sign-in passwords, hashed with Argon2id (libsodium's crypto_pwhash_str).
 *
 * Multithreading: every function here may be called from any thread.
 * pdn_password_hash() and pdn_password_verify() deliberately take tens of
 * milliseconds and 64 MiB of memory each: they block, so the server must
 * run them on its bounded worker pool, never on the thread serving
 * requests. */

#define PDN_PASSWORD_MIN_CHARS 10
#define PDN_PASSWORD_MAX_BYTES 1024

gboolean pdn_password_validate (const gchar *password, GError **error);
gchar *pdn_password_hash (const gchar *password, GError **error);
gboolean pdn_password_verify (const gchar *hash, const gchar *password);
gboolean pdn_password_needs_rehash (const gchar *hash);
void pdn_password_free (gchar *password);

/* A copy of a password that is wiped when freed: g_autoptr (PdnPassword). */
typedef gchar PdnPassword;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnPassword, pdn_password_free)

G_END_DECLS
