/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "pdn-i18n.h"

/**
 * pdn_i18n_init:
 *
 * Sets the locale from the environment and binds pdnet's message catalog.
 * PDNET_LOCALEDIR points at the build tree's catalogs for tests and
 * `meson devenv`; installed programs use LOCALEDIR.
 */
void
pdn_i18n_init (void)
{
  const gchar *localedir = g_getenv ("PDNET_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
