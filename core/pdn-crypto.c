/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-crypto.h"

/* sodium_init() is itself idempotent, but g_once makes the first caller's
 * result the answer for every thread without calling into it again. */
static gpointer
init_sodium (gpointer data)
{
  return GINT_TO_POINTER (sodium_init () >= 0);
}

gboolean
pdn_crypto_init (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  if (GPOINTER_TO_INT (g_once (&once, init_sodium, NULL)))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                       _("The cryptography library could not start"));
  return FALSE;
}
