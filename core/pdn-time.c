/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-time.h"

/* g_date_time_new_from_iso8601() accepts more than RFC 3339 (week dates,
 * missing seconds, missing offsets); check the shape first. */
static gboolean
has_rfc3339_shape (const gchar *v)
{
  static const gchar shape[] = "dddd-dd-ddTdd:dd:dd";
  gsize i;
  const gchar *rest;

  if (strlen (v) < sizeof shape - 1)
    return FALSE;
  for (i = 0; i < sizeof shape - 1; i++)
    {
      gboolean ok = shape[i] == 'd' ? g_ascii_isdigit (v[i])
                  : shape[i] == 'T' ? (v[i] == 'T' || v[i] == 't')
                                    : v[i] == shape[i];
      if (!ok)
        return FALSE;
    }
  rest = v + i;
  if (*rest == '.')
    {
      rest++;
      if (!g_ascii_isdigit (*rest))
        return FALSE;
      while (g_ascii_isdigit (*rest))
        rest++;
    }
  if (*rest == 'Z' || *rest == 'z')
    return rest[1] == '\0';
  return (rest[0] == '+' || rest[0] == '-') && g_ascii_isdigit (rest[1])
         && g_ascii_isdigit (rest[2]) && rest[3] == ':' && g_ascii_isdigit (rest[4])
         && g_ascii_isdigit (rest[5]) && rest[6] == '\0';
}

GDateTime *
pdn_time_parse_timestamp (const gchar *value, const gchar *field, GError **error)
{
  GDateTime *parsed = NULL;

  if (value != NULL && g_utf8_validate (value, -1, NULL) && has_rfc3339_shape (value))
    parsed = g_date_time_new_from_iso8601 (value, NULL);
  if (parsed == NULL)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s must be an RFC 3339 timestamp with an offset, such as "
                           "2026-09-12T09:00:00-05:00"),
                         field);
  return parsed;
}

gchar *
pdn_time_format_utc (GDateTime *when)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Returns the UTC storage form of an RFC 3339 timestamp, or NULL. */
gchar *
pdn_time_normalize_timestamp (const gchar *value, const gchar *field, GError **error)
{
  g_autoptr (GDateTime) parsed = pdn_time_parse_timestamp (value, field, error);

  return parsed != NULL ? pdn_time_format_utc (parsed) : NULL;
}

gchar *
pdn_time_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return pdn_time_format_utc (now);
}

gboolean
pdn_time_validate_date (const gchar *value, const gchar *field, GError **error)
{
  gboolean ok = value != NULL && strlen (value) == 10 && value[4] == '-' && value[7] == '-';
  guint year = 0, month = 0, day = 0;

  for (guint i = 0; ok && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      ok = FALSE;
  if (ok)
    {
      year = (guint) g_ascii_strtoull (value, NULL, 10);
      month = (guint) g_ascii_strtoull (value + 5, NULL, 10);
      day = (guint) g_ascii_strtoull (value + 8, NULL, 10);
      ok = year >= 1900 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                             (GDateYear) year);
    }
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s must be a date such as 2026-09-12"), field);
  return ok;
}

gchar *
pdn_time_format_date (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d");
}

/* Only IANA identifiers such as America/Chicago (or UTC); GLib would
 * otherwise quietly take offsets like "+05". */
GTimeZone *
pdn_time_zone_new (const gchar *identifier, const gchar *field, GError **error)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && g_utf8_validate (identifier, -1, NULL) && identifier[0] != '\0'
      && identifier[0] != '+' && identifier[0] != '-' && !g_ascii_isdigit (identifier[0])
      && strstr (identifier, "..") == NULL && identifier[0] != '/')
    zone = g_time_zone_new_identifier (identifier);
  if (zone == NULL)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s must be an IANA time zone such as America/Chicago"), field);
  return zone;
}

/* The calendar date of a UTC timestamp in @zone: the day a session happens
 * for the people in the room. */
gchar *
pdn_time_local_date (const gchar *utc_timestamp, GTimeZone *zone)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (utc_timestamp, NULL);
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, zone);
  return pdn_time_format_date (local);
}

gint64
pdn_time_seconds_between (const gchar *from_utc, const gchar *to_utc)
{
  g_autoptr (GDateTime) from = g_date_time_new_from_iso8601 (from_utc, NULL);
  g_autoptr (GDateTime) to = g_date_time_new_from_iso8601 (to_utc, NULL);

  if (from == NULL || to == NULL)
    return 0;
  return g_date_time_difference (to, from) / G_TIME_SPAN_SECOND;
}
