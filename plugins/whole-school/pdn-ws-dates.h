/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are YYYY-MM-DD text, as the store keeps them. */

gchar *pdn_ws_date_today (void);
gboolean pdn_ws_date_parse (const gchar *text, GDate *date);
gchar *pdn_ws_date_format (const GDate *date);
gchar *pdn_ws_date_clamp (const gchar *date, const gchar *from, const gchar *to);

G_END_DECLS
