/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libical/ical.h>

#include <glib.h>

G_BEGIN_DECLS

/* Reading pdnet's iCalendar back with libical, for the calendar tests:
 * header-only (static inline) like pdn-test-api.h. Instants are computed
 * from the document's own VTIMEZONE, so they test what pdnet wrote, not
 * libical's built-in zones. */

/* The document as text, and parsed by libical with no errors. */
static inline icalcomponent *
pdn_test_ical_parse (GBytes *bytes, gchar **text)
{
  g_autofree gchar *copy = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  icalcomponent *root;

  g_test_message ("%s", copy);
  root = icalparser_parse_string (copy);
  g_assert_nonnull (root);
  g_assert_cmpint (icalcomponent_isa (root), ==, ICAL_VCALENDAR_COMPONENT);
  /* libical turns what it cannot read into X-LIC-ERROR properties. */
  g_assert_cmpint (icalcomponent_count_errors (root), ==, 0);
  if (text != NULL)
    *text = g_steal_pointer (&copy);
  return root;
}

static inline icalcomponent *
pdn_test_ical_find_event (icalcomponent *root, const gchar *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;
  g_assert_not_reached ();
}

static inline guint
pdn_test_ical_count_components (icalcomponent *root, icalcomponent_kind kind)
{
  guint count = 0;

  for (icalcomponent *c = icalcomponent_get_first_component (root, kind); c != NULL;
       c = icalcomponent_get_next_component (root, kind))
    count++;
  return count;
}

/* The zone the document's own VTIMEZONE @tzid defines (not libical's
 * built-in one): free with icaltimezone_free (zone, 1). */
static inline icaltimezone *
pdn_test_ical_document_zone (icalcomponent *root, const gchar *tzid)
{
  for (icalcomponent *vtimezone = icalcomponent_get_first_component (root,
                                                                     ICAL_VTIMEZONE_COMPONENT);
       vtimezone != NULL;
       vtimezone = icalcomponent_get_next_component (root, ICAL_VTIMEZONE_COMPONENT))
    {
      icalproperty *property = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

      if (g_strcmp0 (icalproperty_get_tzid (property), tzid) == 0)
        {
          icaltimezone *zone = icaltimezone_new ();
          g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtimezone)));
          return zone;
        }
    }
  g_assert_not_reached ();
}

static inline gint64
pdn_test_ical_unix_time (const gchar *timestamp)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (timestamp, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

/* DTSTART or DTEND as a UTC instant, reading a TZID through the
 * document's VTIMEZONE; @hour receives the wall-clock hour as written. */
static inline gint64
pdn_test_ical_instant (icalcomponent *root, icalcomponent *event, icalproperty_kind kind,
                       const gchar *tzid, gint *hour)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);
  icalparameter *parameter = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  icaltimetype when = icalvalue_get_datetime (icalproperty_get_value (property));
  icaltimezone *zone;
  gint64 seconds;

  *hour = when.hour;
  if (tzid == NULL)
    {
      g_assert_null (parameter);
      g_assert_true (icaltime_is_utc (when));
      return (gint64) icaltime_as_timet (when);
    }
  g_assert_nonnull (parameter);
  g_assert_cmpstr (icalparameter_get_tzid (parameter), ==, tzid);
  zone = pdn_test_ical_document_zone (root, tzid);
  seconds = (gint64) icaltime_as_timet_with_zone (when, zone);
  icaltimezone_free (zone, 1);
  return seconds;
}

static inline void
pdn_test_ical_assert_times (icalcomponent *root, const gchar *uid, const gchar *tzid,
                            const gchar *starts_at, const gchar *ends_at, gint local_start_hour)
{
  icalcomponent *event = pdn_test_ical_find_event (root, uid);
  gint start_hour = -1, end_hour = -1;
  gint64 starts = pdn_test_ical_instant (root, event, ICAL_DTSTART_PROPERTY, tzid, &start_hour);
  gint64 ends = pdn_test_ical_instant (root, event, ICAL_DTEND_PROPERTY, tzid, &end_hour);

  g_assert_cmpint (starts, ==, pdn_test_ical_unix_time (starts_at));
  g_assert_cmpint (ends, ==, pdn_test_ical_unix_time (ends_at));
  g_assert_cmpint (start_hour, ==, local_start_hour);
}

G_END_DECLS
