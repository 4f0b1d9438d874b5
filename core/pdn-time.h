/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Timestamps are exchanged as RFC 3339 with an offset and stored in UTC as
 * "YYYY-MM-DDTHH:MM:SSZ"; dates as "YYYY-MM-DD". */

GDateTime *pdn_time_parse_timestamp (const gchar *value, const gchar *field, GError **error);
gchar *pdn_time_normalize_timestamp (const gchar *value, const gchar *field, GError **error);
gchar *pdn_time_format_utc (GDateTime *when);
gchar *pdn_time_now_utc (void);
gboolean pdn_time_validate_date (const gchar *value, const gchar *field, GError **error);
gchar *pdn_time_format_date (GDateTime *when);
GTimeZone *pdn_time_zone_new (const gchar *identifier, const gchar *field, GError **error);
gchar *pdn_time_local_date (const gchar *utc_timestamp, GTimeZone *zone);
gint64 pdn_time_seconds_between (const gchar *from_utc, const gchar *to_utc);

G_END_DECLS
