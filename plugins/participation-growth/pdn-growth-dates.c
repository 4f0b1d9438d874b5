/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "pdn-growth-dates.h"

/* Dates and times read by hand in their usual forms: sscanf and
 * GDateTime cost more than the rest of the work on a large network's
 * hundreds of thousands of sessions and millions of affiliations. What
 * is not in those forms takes the slow path, with the same result. */

/* @n digits of @text as a number, or -1. */
static gint
digits (const gchar *text, guint n)
{
  gint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

/* YYYY-MM-DD at the start of @text; FALSE otherwise. */
static gboolean
read_date (const gchar *text, gint *year, gint *month, gint *day)
{
  *year = digits (text, 4);
  if (*year < 0 || text[4] != '-')
    return FALSE;
  *month = digits (text + 5, 2);
  if (*month < 0 || text[7] != '-')
    return FALSE;
  *day = digits (text + 8, 2);
  return *day >= 0;
}

guint32
pdn_growth_day_number (const gchar *date, guint32 open_end)
{
  guint y = 0, m = 0, d = 0;
  gint year, month, day;

  if (date == NULL)
    return open_end;
  if (read_date (date, &year, &month, &day))
    return (guint32)(year * 10000 + month * 100 + day);
  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return open_end;
  return y * 10000 + m * 100 + d;
}

/* Days since 1970-01-01 of a valid date (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (gint year, gint month, gint day)
{
  gint y = year - (month <= 2);
  gint era = (y >= 0 ? y : y - 399) / 400;
  gint yoe = y - era * 400;
  gint doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64)era * 146097 + doe - 719468;
}

/* @n digits of @text then @end, as a number; -1 otherwise. Reads no
 * further than a NUL. */
static gint
field (const gchar *text, guint n, gchar end)
{
  gint value = digits (text, n);

  return value >= 0 && text[n] == end ? value : -1;
}

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" exactly, with every
 * field in range; FALSE for anything else. */
static gboolean
read_utc (const gchar *text, gint64 *seconds)
{
  gint year, month, day, hour = -1, minute = -1, second = -1;

  if (!read_date (text, &year, &month, &day) || text[10] != 'T')
    return FALSE;
  if ((hour = field (text + 11, 2, ':')) < 0 || (minute = field (text + 14, 2, ':')) < 0
      || (second = field (text + 17, 2, 'Z')) < 0 || text[20] != '\0')
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year) || hour > 23
      || minute > 59 || second > 59)
    return FALSE;
  *seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

gint64
pdn_growth_seconds_between (const gchar *from, const gchar *to)
{
  g_autoptr (GDateTime) a = NULL;
  g_autoptr (GDateTime) b = NULL;
  gint64 start, end;

  if (from == NULL || to == NULL)
    return 0;
  if (read_utc (from, &start) && read_utc (to, &end))
    return end - start;
  a = g_date_time_new_from_iso8601 (from, NULL);
  b = g_date_time_new_from_iso8601 (to, NULL);
  if (a == NULL || b == NULL)
    return 0;
  return g_date_time_difference (b, a) / G_TIME_SPAN_SECOND;
}
