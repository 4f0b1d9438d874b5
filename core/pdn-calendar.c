/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>
#include <pdnet/pdn-version.h>

#include "pdn-calendar.h"
#include "pdn-time.h"

/**
 * PdnCalendar:
 *
 * An RFC 5545 iCalendar document of sessions, written with libical (which
 * escapes text and folds lines). Each event keeps its session's wall-clock
 * time with a TZID naming the session's IANA zone, and the document carries
 * one VTIMEZONE per zone used, made by libical from the system's tzdata
 * (/usr/share/zoneinfo), so a calendar shows 9:00 on both sides of a
 * daylight-saving change. The TZID is the plain IANA name rather than
 * libical's "/freeassociation.sourceforge.net/..." form, because clients
 * (Google, Outlook, python-icalendar) recognize IANA names even when they
 * ignore the VTIMEZONE. A zone libical cannot load, and UTC itself, is
 * written as UTC instants, which are right everywhere.
 *
 * Multithreading: one calendar belongs to one thread; libical's built-in
 * zone cache is shared and locked by libical.
 */
struct _PdnCalendar
{
  GObject parent_instance;
  gchar *name;
  gchar *uid_domain;
  GPtrArray *events;  /* icalcomponent VEVENT, owned */
  GHashTable *zones;  /* IANA id -> first UTC year it is used in (GINT_TO_POINTER) */
  icaltimetype stamp; /* DTSTAMP: when the document is made */
};

G_DEFINE_FINAL_TYPE (PdnCalendar, pdn_calendar, G_TYPE_OBJECT)

/* How often subscribed calendar apps should fetch the feed again. */
#define REFRESH_SECONDS 3600

PdnCalendarEvent *
pdn_calendar_event_new (void)
{
  return g_new0 (PdnCalendarEvent, 1);
}

void
pdn_calendar_event_free (PdnCalendarEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->summary);
  g_free (event->description);
  g_free (event->location);
  g_free (event->url);
  g_free (event->starts_at);
  g_free (event->ends_at);
  g_free (event->time_zone);
  g_free (event->created_at);
  g_free (event->updated_at);
  g_free (event);
}

/**
 * pdn_calendar_event_sequence:
 *
 * SEQUENCE must grow whenever the event changes (RFC 5545 3.8.7.4) so that
 * clients replace their copy. No revision counter is stored, so it is the
 * number of seconds from created_at to updated_at: 0 for an event never
 * changed, larger after every change made at least a second later.
 */
gint64
pdn_calendar_event_sequence (const PdnCalendarEvent *event)
{
  gint64 seconds;

  if (event->created_at == NULL || event->updated_at == NULL)
    return 0;
  seconds = pdn_time_seconds_between (event->created_at, event->updated_at);
  return CLAMP (seconds, 0, G_MAXINT32);
}

static void
free_component (gpointer component)
{
  icalcomponent_free (component);
}

static void
pdn_calendar_finalize (GObject *object)
{
  PdnCalendar *self = PDN_CALENDAR (object);

  g_free (self->name);
  g_free (self->uid_domain);
  g_ptr_array_unref (self->events);
  g_hash_table_unref (self->zones);
  G_OBJECT_CLASS (pdn_calendar_parent_class)->finalize (object);
}

static void
pdn_calendar_class_init (PdnCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_calendar_finalize;
}

static void
pdn_calendar_init (PdnCalendar *self)
{
  self->events = g_ptr_array_new_with_free_func (free_component);
  self->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
}

/**
 * pdn_calendar_new:
 * @name: the calendar's title in calendar apps (X-WR-CALNAME and NAME)
 * @uid_domain: the right-hand side of every event's UID, such as the
 *   server's host name: UIDs must stay the same from one fetch to the next
 */
PdnCalendar *
pdn_calendar_new (const gchar *name, const gchar *uid_domain)
{
  PdnCalendar *self = g_object_new (PDN_TYPE_CALENDAR, NULL);

  self->name = g_strdup (name);
  self->uid_domain = g_strdup (uid_domain != NULL && uid_domain[0] != '\0' ? uid_domain : "pdnet");
  return self;
}

guint
pdn_calendar_get_size (PdnCalendar *self)
{
  return self->events->len;
}

static gboolean
parse_utc (const gchar *timestamp, icaltimetype *when, GError **error)
{
  g_autoptr (GDateTime) parsed = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL)
                                                   : NULL;

  if (parsed == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                           _("A session has a damaged time: %s"), timestamp);
      return FALSE;
    }
  *when = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (parsed), 0,
                                         icaltimezone_get_utc_timezone ());
  return TRUE;
}

/* libical's zone for @tzid when it has a VTIMEZONE for it; NULL for UTC
 * and for zones it does not know. Remembers the first year the calendar
 * uses it, where its VTIMEZONE may start. */
static icaltimezone *
use_zone (PdnCalendar *self, const gchar *tzid, gint year)
{
  icaltimezone *zone = tzid != NULL ? icaltimezone_get_builtin_timezone (tzid) : NULL;
  gpointer first;

  if (zone == NULL || zone == icaltimezone_get_utc_timezone ()
      || icaltimezone_get_component (zone) == NULL)
    return NULL;
  if (!g_hash_table_lookup_extended (self->zones, tzid, NULL, &first)
      || year < GPOINTER_TO_INT (first))
    g_hash_table_replace (self->zones, g_strdup (tzid), GINT_TO_POINTER (year));
  return zone;
}

typedef icalproperty *(*TimePropertyNew) (struct icaltimetype time);

/* DTSTART or DTEND: the wall-clock time in @zone with TZID=@tzid, or the
 * UTC instant when there is no zone. */
static icalproperty *
time_property (TimePropertyNew make, icaltimetype utc, icaltimezone *zone, const gchar *tzid)
{
  icaltimetype local;
  icalproperty *property;

  if (zone == NULL)
    return make (utc);
  local = icaltime_convert_to_zone (utc, zone);
  /* libical writes no TZID for a zoned time: write the wall clock and
   * name the zone ourselves. */
  local.zone = NULL;
  property = make (local);
  icalproperty_add_parameter (property, icalparameter_new_tzid (tzid));
  return property;
}

static icalproperty_status
ical_status (PdnCalendarStatus status)
{
  switch (status)
    {
    case PDN_CALENDAR_STATUS_TENTATIVE:
      return ICAL_STATUS_TENTATIVE;
    case PDN_CALENDAR_STATUS_CANCELLED:
      return ICAL_STATUS_CANCELLED;
    case PDN_CALENDAR_STATUS_CONFIRMED:
    default:
      return ICAL_STATUS_CONFIRMED;
    }
}

static void
add_text (icalcomponent *vevent, icalproperty *(*make) (const char *), const gchar *text)
{
  if (text != NULL && text[0] != '\0')
    icalcomponent_add_property (vevent, make (text));
}

/* CREATED and LAST-MODIFIED, from the stored timestamps. */
static gboolean
add_history (icalcomponent *vevent, const PdnCalendarEvent *event, GError **error)
{
  icaltimetype when;

  if (event->created_at != NULL)
    {
      if (!parse_utc (event->created_at, &when, error))
        return FALSE;
      icalcomponent_add_property (vevent, icalproperty_new_created (when));
    }
  if (event->updated_at != NULL)
    {
      if (!parse_utc (event->updated_at, &when, error))
        return FALSE;
      icalcomponent_add_property (vevent, icalproperty_new_lastmodified (when));
    }
  icalcomponent_add_property (
      vevent, icalproperty_new_sequence ((int) pdn_calendar_event_sequence (event)));
  return TRUE;
}

/**
 * pdn_calendar_add_event:
 *
 * Adds one VEVENT, whose UID is "session-ID@DOMAIN" so it stays the same
 * across fetches and feeds. Fails (PDN_ERROR_INTERNAL) only for stored
 * timestamps that do not parse.
 */
gboolean
pdn_calendar_add_event (PdnCalendar *self, const PdnCalendarEvent *event, GError **error)
{
  icaltimetype starts, ends;
  icaltimezone *zone;
  icalcomponent *vevent;
  g_autofree gchar *uid = NULL;

  if (!parse_utc (event->starts_at, &starts, error) || !parse_utc (event->ends_at, &ends, error))
    return FALSE;
  zone = use_zone (self, event->time_zone, starts.year);
  vevent = icalcomponent_new_vevent ();
  uid = g_strdup_printf ("session-%lld@%s", (long long) event->session_id, self->uid_domain);
  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (self->stamp));
  icalcomponent_add_property (vevent, time_property (icalproperty_new_dtstart, starts, zone,
                                                     event->time_zone));
  icalcomponent_add_property (vevent, time_property (icalproperty_new_dtend, ends, zone,
                                                     event->time_zone));
  add_text (vevent, icalproperty_new_summary, event->summary);
  add_text (vevent, icalproperty_new_location, event->location);
  add_text (vevent, icalproperty_new_description, event->description);
  add_text (vevent, icalproperty_new_url, event->url);
  icalcomponent_add_property (vevent, icalproperty_new_status (ical_status (event->status)));
  if (!add_history (vevent, event, error))
    {
      icalcomponent_free (vevent);
      return FALSE;
    }
  g_ptr_array_add (self->events, vevent);
  return TRUE;
}

/* libical's VTIMEZONE for @tzid under the IANA name, without the
 * observances that ended before @first_year: the full history back to the
 * 1880s would make every feed several kilobytes larger per zone. Outlook-
 * compatible truncation keeps each rule's original DTSTART. */
static icalcomponent *
make_vtimezone (const gchar *tzid, gint first_year)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (tzid);
  icalcomponent *full = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalcomponent *truncated;
  icaltimetype start = icaltime_null_time ();

  icalproperty_set_tzid (icalcomponent_get_first_property (full, ICAL_TZID_PROPERTY), tzid);
  truncated = icalcomponent_new_clone (full);
  start.year = first_year;
  start.month = 1;
  start.day = 1;
  start.zone = icaltimezone_get_utc_timezone ();
  icaltimezone_truncate_vtimezone (truncated, start, icaltime_null_time (), 1);
  /* A VTIMEZONE needs at least one STANDARD or DAYLIGHT. */
  if (icalcomponent_get_first_component (truncated, ICAL_ANY_COMPONENT) == NULL)
    {
      icalcomponent_free (truncated);
      return full;
    }
  icalcomponent_free (full);
  return truncated;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

/* VTIMEZONEs first, in name order: some readers resolve a TZID as they
 * meet it. */
static void
add_vtimezones (PdnCalendar *self, icalcomponent *vcalendar)
{
  g_autofree gpointer *names = g_hash_table_get_keys_as_array (self->zones, NULL);
  guint count = g_hash_table_size (self->zones);

  qsort (names, count, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < count; i++)
    icalcomponent_add_component (
        vcalendar, make_vtimezone (names[i], GPOINTER_TO_INT (g_hash_table_lookup (
                                                 self->zones, names[i]))));
}

/* RFC 5545 TEXT escaping, which libical applies to TEXT properties but not
 * to X- properties, whose values it writes as they are. */
static gchar *
escape_text (const gchar *text)
{
  GString *escaped = g_string_sized_new (strlen (text));

  for (const gchar *c = text; *c != '\0'; c++)
    {
      if (*c == '\\' || *c == ';' || *c == ',')
        g_string_append_c (escaped, '\\');
      if (*c == '\n')
        g_string_append (escaped, "\\n");
      else if (*c != '\r')
        g_string_append_c (escaped, *c);
    }
  return g_string_free (escaped, FALSE);
}

static void
add_calendar_properties (PdnCalendar *self, icalcomponent *vcalendar)
{
  g_autofree gchar *prodid = g_strdup_printf ("-//pdnet//pdnet %s//EN", pdn_version_string ());
  icalproperty *property;
  gchar *ttl;

  icalcomponent_add_property (vcalendar, icalproperty_new_prodid (prodid));
  icalcomponent_add_property (vcalendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (vcalendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (vcalendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  if (self->name != NULL)
    {
      icalcomponent_add_property (vcalendar, icalproperty_new_name (self->name));
      g_autofree gchar *escaped = escape_text (self->name);

      property = icalproperty_new_x (escaped);
      icalproperty_set_x_name (property, "X-WR-CALNAME");
      icalcomponent_add_property (vcalendar, property);
    }
  /* RFC 7986, and the older name Outlook and Apple read. */
  icalcomponent_add_property (
      vcalendar, icalproperty_new_refreshinterval (icaldurationtype_from_int (REFRESH_SECONDS)));
  ttl = icaldurationtype_as_ical_string_r (icaldurationtype_from_int (REFRESH_SECONDS));
  property = icalproperty_new_x (ttl);
  icalproperty_set_x_name (property, "X-PUBLISHED-TTL");
  icalcomponent_add_property (vcalendar, property);
  icalmemory_free_buffer (ttl);
}

/**
 * pdn_calendar_to_bytes:
 *
 * Returns: (transfer full): the document, CRLF line endings, UTF-8.
 */
GBytes *
pdn_calendar_to_bytes (PdnCalendar *self)
{
  icalcomponent *vcalendar = icalcomponent_new_vcalendar ();
  gchar *text;
  GBytes *bytes;

  add_calendar_properties (self, vcalendar);
  add_vtimezones (self, vcalendar);
  for (guint i = 0; i < self->events->len; i++)
    icalcomponent_add_component (vcalendar,
                                 icalcomponent_new_clone (g_ptr_array_index (self->events, i)));
  text = icalcomponent_as_ical_string_r (vcalendar);
  icalcomponent_free (vcalendar);
  bytes = g_bytes_new (text, strlen (text));
  icalmemory_free_buffer (text);
  return bytes;
}
