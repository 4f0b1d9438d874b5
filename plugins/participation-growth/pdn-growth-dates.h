/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-09-12" as 20260912, so that days compare as numbers; @open_end
 * for NULL or what is not a date. */
guint32 pdn_growth_day_number (const gchar *date, guint32 open_end);

/* Whole seconds from @from to @to, ISO 8601 times, as the core's
 * pdn_time_seconds_between (0 when either is not a time). */
gint64 pdn_growth_seconds_between (const gchar *from, const gchar *to);

G_END_DECLS
