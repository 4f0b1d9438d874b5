/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language pdnet's messages are written in. */
#define PDN_I18N_SOURCE_LANGUAGE "en"

void pdn_i18n_init (void);
const gchar *pdn_i18n_get_localedir (void);
const gchar *pdn_i18n_negotiate (const gchar *accept_language);
const gchar *pdn_i18n_set_thread_language (const gchar *language);
const gchar *pdn_i18n_get_thread_language (void);

/* config.h routes GLib's g_dgettext(), g_dngettext() and g_dpgettext() (and
 * so _(), C_() and Q_()) here; see pdn-i18n.c. */
const gchar *pdn_dgettext (const gchar *domain, const gchar *msgid) G_GNUC_FORMAT (2);
const gchar *pdn_dngettext (const gchar *domain, const gchar *msgid, const gchar *msgid_plural,
                            gulong n) G_GNUC_FORMAT (3);
const gchar *pdn_dpgettext (const gchar *domain, const gchar *msgctxtid, gsize msgidoffset);

G_END_DECLS
