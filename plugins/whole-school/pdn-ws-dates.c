/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pdn-ws-dates.h"

/* Today in UTC: the store's clock. */
gchar *
pdn_ws_date_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* @text must already be a valid date (see pdn_ws_check_date()). */
gboolean
pdn_ws_date_parse (const gchar *text, GDate *date)
{
  guint64 year, month, day;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gchar *
pdn_ws_date_format (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* @date moved into [@from, @to]; dates compare as text. */
gchar *
pdn_ws_date_clamp (const gchar *date, const gchar *from, const gchar *to)
{
  if (g_strcmp0 (date, from) < 0)
    return g_strdup (from);
  if (g_strcmp0 (date, to) > 0)
    return g_strdup (to);
  return g_strdup (date);
}
