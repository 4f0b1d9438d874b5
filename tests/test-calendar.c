/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-calendar-events.h"
#include "pdn-calendar.h"
#include "pdn-session.h"
#include "pdn-test-fixtures.h"
#include "pdn-test-ical.h"
#include "pdn-test.h"

/*
 * PdnCalendar writes iCalendar that libical reads back with the right UTC
 * instants on both sides of a daylight-saving change, computed from the
 * VTIMEZONE in the document itself; text is escaped; statuses, UIDs and
 * SEQUENCE are as promised. Then the events the feeds are made of.
 */

static PdnCalendarEvent *
make_event (gint64 id, const gchar *title, const gchar *starts_at, const gchar *ends_at,
            const gchar *time_zone)
{
  PdnCalendarEvent *event = pdn_calendar_event_new ();

  event->session_id = id;
  event->summary = g_strdup (title);
  event->starts_at = g_strdup (starts_at);
  event->ends_at = g_strdup (ends_at);
  event->time_zone = g_strdup (time_zone);
  event->created_at = g_strdup ("2026-09-01T12:00:00Z");
  event->updated_at = g_strdup ("2026-09-01T12:00:00Z");
  return event;
}

static void
add (PdnCalendar *calendar, PdnCalendarEvent *event)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCalendarEvent) owned = event;

  g_assert_true (pdn_calendar_add_event (calendar, owned, &error));
  g_assert_no_error (error);
}

/* The document as text, and parsed by libical with no errors. */
static icalcomponent *
parse (PdnCalendar *calendar, gchar **text)
{
  g_autoptr (GBytes) bytes = pdn_calendar_to_bytes (calendar);

  return pdn_test_ical_parse (bytes, text);
}

/* ---- the document ---- */

/* Saturday workshops at 9:00 in Chicago: CDT (UTC-5) on 31 October 2026,
 * CST (UTC-6) on 7 November, after the change on 1 November. */
static void
test_dst_change (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Saturday workshops", "pd.example.org");
  icalcomponent *root;

  add (calendar, make_event (1, "Before", "2026-10-31T14:00:00Z", "2026-10-31T16:00:00Z",
                             "America/Chicago"));
  add (calendar, make_event (2, "After", "2026-11-07T15:00:00Z", "2026-11-07T17:00:00Z",
                             "America/Chicago"));
  g_assert_cmpuint (pdn_calendar_get_size (calendar), ==, 2);
  root = parse (calendar, NULL);
  pdn_test_ical_assert_times (root, "session-1@pd.example.org", "America/Chicago",
                              "2026-10-31T14:00:00Z", "2026-10-31T16:00:00Z", 9);
  pdn_test_ical_assert_times (root, "session-2@pd.example.org", "America/Chicago",
                              "2026-11-07T15:00:00Z", "2026-11-07T17:00:00Z", 9);
  /* One VTIMEZONE for the one zone used, named by its IANA id. */
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  icalcomponent_free (root);
}

/* The same across the spring change, and two zones each with a VTIMEZONE. */
static void
test_two_zones (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new (NULL, NULL);
  icalcomponent *root;

  add (calendar, make_event (1, "Winter", "2027-03-06T15:00:00Z", "2027-03-06T16:00:00Z",
                             "America/Chicago"));
  add (calendar, make_event (2, "Spring", "2027-03-20T14:00:00Z", "2027-03-20T15:00:00Z",
                             "America/Chicago"));
  add (calendar, make_event (3, "Phoenix", "2027-03-20T16:00:00Z", "2027-03-20T17:00:00Z",
                             "America/Phoenix"));
  root = parse (calendar, NULL);
  pdn_test_ical_assert_times (root, "session-1@pdnet", "America/Chicago",
                              "2027-03-06T15:00:00Z", "2027-03-06T16:00:00Z", 9);
  pdn_test_ical_assert_times (root, "session-2@pdnet", "America/Chicago",
                              "2027-03-20T14:00:00Z", "2027-03-20T15:00:00Z", 9);
  /* Arizona keeps UTC-7 all year. */
  pdn_test_ical_assert_times (root, "session-3@pdnet", "America/Phoenix",
                              "2027-03-20T16:00:00Z", "2027-03-20T17:00:00Z", 9);
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VTIMEZONE_COMPONENT), ==, 2);
  icalcomponent_free (root);
}

/* UTC, and a zone libical has no data for, are written as UTC instants
 * with no VTIMEZONE. */
static void
test_utc_times (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("UTC", "pdnet");
  icalcomponent *root;

  add (calendar,
       make_event (1, "Online", "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z", "UTC"));
  add (calendar,
       make_event (2, "Nowhere", "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z", "Mars/Olympus"));
  root = parse (calendar, NULL);
  pdn_test_ical_assert_times (root, "session-1@pdnet", NULL, "2026-12-05T15:00:00Z",
                              "2026-12-05T16:00:00Z", 15);
  pdn_test_ical_assert_times (root, "session-2@pdnet", NULL, "2026-12-05T15:00:00Z",
                              "2026-12-05T16:00:00Z", 15);
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  icalcomponent_free (root);
}

static const gchar *
x_property (icalcomponent *component, const gchar *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

static void
test_calendar_properties (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Fall, 2026; literacy", NULL);
  g_autofree gchar *text = NULL;
  icalcomponent *root = parse (calendar, &text);

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  g_assert_true (g_str_has_prefix (
      icalproperty_get_prodid (icalcomponent_get_first_property (root, ICAL_PRODID_PROPERTY)),
      "-//pdnet//pdnet "));
  g_assert_cmpstr (icalproperty_get_version (
                       icalcomponent_get_first_property (root, ICAL_VERSION_PROPERTY)),
                   ==, "2.0");
  g_assert_cmpint (icalproperty_get_method (
                       icalcomponent_get_first_property (root, ICAL_METHOD_PROPERTY)),
                   ==, ICAL_METHOD_PUBLISH);
  g_assert_cmpstr (icalproperty_get_name (
                       icalcomponent_get_first_property (root, ICAL_NAME_PROPERTY)),
                   ==, "Fall, 2026; literacy");
  /* libical hands X- values back as written, escapes included. */
  g_assert_cmpstr (x_property (root, "X-WR-CALNAME"), ==, "Fall\\, 2026\\; literacy");
  g_assert_nonnull (strstr (text, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VEVENT_COMPONENT), ==, 0);
  icalcomponent_free (root);
}

/* Commas, semicolons, backslashes and newlines are escaped, long UTF-8
 * text is folded at 75 octets between characters, and all of it reads
 * back unchanged. */
static void
test_text_escaping (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Text", "pdnet");
  PdnCalendarEvent *event = make_event (7, "Read, write; think\nagain \\ ok",
                                        "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z",
                                        "America/Chicago");
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autofree gchar *text = NULL;
  g_auto (GStrv) lines = NULL;
  icalcomponent *root, *parsed;

  for (guint i = 0; i < 60; i++)
    g_string_append (long_text, "Lectura guiada en español, ");
  /* libical's parser drops trailing blanks, so the text must not end in one. */
  g_string_append (long_text, "fin.");
  event->description = g_strdup (long_text->str);
  event->location = g_strdup ("Room 12; Lincoln, \"North\" wing");
  add (calendar, event);
  root = parse (calendar, &text);
  g_assert_nonnull (strstr (text, "SUMMARY:Read\\, write\\; think\\nagain \\\\ ok\r\n"));
  parsed = pdn_test_ical_find_event (root, "session-7@pdnet");
  g_assert_cmpstr (icalcomponent_get_summary (parsed), ==, "Read, write; think\nagain \\ ok");
  g_assert_cmpstr (icalcomponent_get_location (parsed), ==, "Room 12; Lincoln, \"North\" wing");
  g_assert_cmpstr (icalcomponent_get_description (parsed), ==, long_text->str);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  icalcomponent_free (root);
}

static void
test_status (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Status", "pdnet");
  const PdnCalendarStatus statuses[] = { PDN_CALENDAR_STATUS_CONFIRMED,
                                         PDN_CALENDAR_STATUS_TENTATIVE,
                                         PDN_CALENDAR_STATUS_CANCELLED };
  const icalproperty_status expected[] = { ICAL_STATUS_CONFIRMED, ICAL_STATUS_TENTATIVE,
                                           ICAL_STATUS_CANCELLED };
  icalcomponent *root;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      PdnCalendarEvent *event = make_event (i + 1, "Workshop", "2026-12-05T15:00:00Z",
                                            "2026-12-05T16:00:00Z", "America/Chicago");
      event->status = statuses[i];
      add (calendar, event);
    }
  root = parse (calendar, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree gchar *uid = g_strdup_printf ("session-%u@pdnet", i + 1);
      g_assert_cmpint (icalcomponent_get_status (pdn_test_ical_find_event (root, uid)), ==,
                       expected[i]);
    }
  icalcomponent_free (root);
}

/* SEQUENCE: 0 until the session changes, then growing with updated_at;
 * LAST-MODIFIED and CREATED from the stored times. */
static void
test_sequence (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Sequence", "pdnet");
  PdnCalendarEvent *event = make_event (1, "Workshop", "2026-12-05T15:00:00Z",
                                        "2026-12-05T16:00:00Z", "America/Chicago");
  icalcomponent *root, *parsed;
  icaltimetype modified;

  g_assert_cmpint (pdn_calendar_event_sequence (event), ==, 0);
  g_free (event->updated_at);
  event->updated_at = g_strdup ("2026-09-01T12:01:40Z");
  g_assert_cmpint (pdn_calendar_event_sequence (event), ==, 100);
  add (calendar, event);
  event = make_event (2, "Later edit", "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z",
                      "America/Chicago");
  g_free (event->updated_at);
  event->updated_at = g_strdup ("2026-09-02T12:00:00Z");
  g_assert_cmpint (pdn_calendar_event_sequence (event), ==, 86400);
  add (calendar, event);
  root = parse (calendar, NULL);
  parsed = pdn_test_ical_find_event (root, "session-1@pdnet");
  g_assert_cmpint (icalcomponent_get_sequence (parsed), ==, 100);
  modified = icalproperty_get_lastmodified (
      icalcomponent_get_first_property (parsed, ICAL_LASTMODIFIED_PROPERTY));
  g_assert_cmpint ((gint64) icaltime_as_timet (modified), ==,
                   pdn_test_ical_unix_time ("2026-09-01T12:01:40Z"));
  g_assert_nonnull (icalcomponent_get_first_property (parsed, ICAL_CREATED_PROPERTY));
  g_assert_nonnull (icalcomponent_get_first_property (parsed, ICAL_DTSTAMP_PROPERTY));
  parsed = pdn_test_ical_find_event (root, "session-2@pdnet");
  g_assert_cmpint (icalcomponent_get_sequence (parsed), ==, 86400);
  icalcomponent_free (root);
}

static void
test_damaged_time (void)
{
  g_autoptr (PdnCalendar) calendar = pdn_calendar_new ("Damaged", "pdnet");
  g_autoptr (PdnCalendarEvent) event = make_event (1, "Workshop", "yesterday-ish",
                                                   "2026-12-05T16:00:00Z", "America/Chicago");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_calendar_add_event (calendar, event, &error));
  pdn_test_assert_error (error, PDN_ERROR_INTERNAL, NULL);
  g_assert_cmpuint (pdn_calendar_get_size (calendar), ==, 0);
}

/* ---- the events feeds are made of ---- */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 organization, program, other_program, person, other_person;
} Network;

static gint64
add_session (Network *net, gint64 program_id, const gchar *title, const gchar *starts_at,
             gboolean cancelled)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = pdn_session_new ();
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 (starts_at, NULL);
  g_autoptr (GDateTime) end = g_date_time_add_hours (start, 2);

  session->program_id = program_id;
  session->kind = g_strdup ("workshop");
  session->title = g_strdup (title);
  session->starts_at = g_strdup (starts_at);
  session->ends_at = g_date_time_format_iso8601 (end);
  session->time_zone = g_strdup ("America/Chicago");
  session->state = cancelled ? PDN_SESSION_STATE_CANCELLED : PDN_SESSION_STATE_SCHEDULED;
  g_assert_true (pdn_session_insert (session, net->store, &error));
  g_assert_no_error (error);
  /* Made before anyone registered. */
  pdn_test_exec (net->store, "UPDATE sessions SET created_at = '2026-09-01T00:00:00Z', "
                             "updated_at = '2026-09-01T00:00:00Z'");
  return session->id;
}

static void
add_registration (Network *net, gint64 session_id, gint64 person_id, const gchar *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      net->store,
      "INSERT INTO registrations (session_id, person_id, status, created_at, cancelled_at) "
      "VALUES (?, ?, ?, '2026-10-01T00:00:00Z', ?)",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  pdn_statement_bind_text (stmt, 3, status);
  pdn_statement_bind_text (stmt, 4,
                           g_strcmp0 (status, "cancelled") == 0 ? "2026-10-02T00:00:00Z" : NULL);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

static void
network_init (Network *net)
{
  net->store = pdn_test_store_new (&net->dir);
  net->organization = pdn_test_add_organization (net->store, "rps");
  net->program = pdn_test_add_program (net->store, net->organization, "2026-27");
  net->other_program = pdn_test_add_program (net->store, net->organization, "2026-27");
  net->person = pdn_test_add_person (net->store, "ana@rps.org");
  net->other_person = pdn_test_add_person (net->store, "ben@rps.org");
}

static void
network_clear (Network *net)
{
  g_clear_object (&net->store);
  g_clear_pointer (&net->dir, pdn_test_dir_free);
}

static PdnCalendarEvent *
event_for (GPtrArray *events, gint64 session_id)
{
  for (guint i = 0; i < events->len; i++)
    {
      PdnCalendarEvent *event = g_ptr_array_index (events, i);
      if (event->session_id == session_id)
        return event;
    }
  return NULL;
}

/* Every program's sessions or one program's, cancelled ones marked, none
 * that ended before @since; facilitators, place and program described. */
static void
test_catalog_events (void)
{
  Network net = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) one = NULL;
  gint64 old, first, cancelled, other, school;
  PdnCalendarEvent *event;

  network_init (&net);
  old = add_session (&net, net.program, "Old", "2026-08-01T14:00:00Z", FALSE);
  first = add_session (&net, net.program, "Guided reading", "2026-10-31T14:00:00Z", FALSE);
  cancelled = add_session (&net, net.program, "Writers' workshop", "2026-11-07T15:00:00Z", TRUE);
  other = add_session (&net, net.other_program, "Math talks", "2026-11-01T15:00:00Z", FALSE);
  school = pdn_test_add_school (net.store, net.organization, "Lincoln Elementary");
  pdn_test_exec (net.store, "UPDATE sessions SET location = 'Room 12', topic = 'Literacy' "
                            "WHERE title = 'Guided reading'");
  {
    g_autofree gchar *sql = g_strdup_printf (
        "UPDATE sessions SET host_school_id = %lld WHERE id = %lld", (long long) school,
        (long long) first);
    g_autofree gchar *facilitators = g_strdup_printf (
        "INSERT INTO session_facilitators (session_id, person_id) VALUES (%lld, %lld), "
        "(%lld, %lld)",
        (long long) first, (long long) net.person, (long long) first,
        (long long) net.other_person);
    pdn_test_exec (net.store, sql);
    pdn_test_exec (net.store, facilitators);
  }

  all = pdn_calendar_events_for_catalog (net.store, 0, "2026-09-01T00:00:00Z", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_null (event_for (all, old));
  /* In start order. */
  g_assert_cmpint (((PdnCalendarEvent *) all->pdata[0])->session_id, ==, first);
  g_assert_cmpint (((PdnCalendarEvent *) all->pdata[1])->session_id, ==, other);
  g_assert_cmpint (((PdnCalendarEvent *) all->pdata[2])->session_id, ==, cancelled);

  event = event_for (all, first);
  g_assert_cmpstr (event->summary, ==, "Guided reading");
  g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_CONFIRMED);
  g_assert_cmpstr (event->location, ==, "Room 12, Lincoln Elementary");
  g_assert_cmpstr (event->description, ==,
                   "Program: Saturday Workshops\nTopic: Literacy\n"
                   "Facilitators: ana@rps.org, ben@rps.org");
  g_assert_cmpstr (event->starts_at, ==, "2026-10-31T14:00:00Z");
  g_assert_cmpstr (event->time_zone, ==, "America/Chicago");

  event = event_for (all, cancelled);
  g_assert_cmpstr (event->summary, ==, "Cancelled: Writers' workshop");
  g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_CANCELLED);
  g_assert_true (g_str_has_prefix (event->description, "This session has been cancelled.\n"));
  g_assert_null (event->location);

  one = pdn_calendar_events_for_catalog (net.store, net.other_program, "2026-09-01T00:00:00Z",
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpint (((PdnCalendarEvent *) one->pdata[0])->session_id, ==, other);
  network_clear (&net);
}

/* A person's sessions: registered, waitlisted and awaiting approval, and
 * cancelled sessions they had registered for; not sessions whose
 * registration they cancelled, nor other people's. */
static void
test_person_events (void)
{
  Network net = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  gint64 registered, waitlisted, pending, dropped, cancelled, cancelled_with_it, old, others,
      again;
  PdnCalendarEvent *event;

  network_init (&net);
  registered = add_session (&net, net.program, "Registered", "2026-10-03T14:00:00Z", FALSE);
  waitlisted = add_session (&net, net.program, "Waitlisted", "2026-10-10T14:00:00Z", FALSE);
  pending = add_session (&net, net.program, "Pending", "2026-10-17T14:00:00Z", FALSE);
  dropped = add_session (&net, net.program, "Dropped", "2026-10-24T14:00:00Z", FALSE);
  cancelled = add_session (&net, net.program, "Called off", "2026-10-31T14:00:00Z", TRUE);
  cancelled_with_it
      = add_session (&net, net.program, "Called off too", "2026-11-07T15:00:00Z", TRUE);
  old = add_session (&net, net.program, "Old", "2026-08-01T14:00:00Z", FALSE);
  others = add_session (&net, net.program, "Someone else's", "2026-11-14T15:00:00Z", FALSE);
  again = add_session (&net, net.program, "Back again", "2026-11-21T15:00:00Z", FALSE);
  add_registration (&net, registered, net.person, "registered");
  add_registration (&net, waitlisted, net.person, "waitlisted");
  add_registration (&net, pending, net.person, "pending-approval");
  add_registration (&net, dropped, net.person, "cancelled");
  add_registration (&net, cancelled, net.person, "registered");
  add_registration (&net, cancelled_with_it, net.person, "cancelled");
  add_registration (&net, old, net.person, "registered");
  add_registration (&net, others, net.other_person, "registered");
  add_registration (&net, again, net.person, "cancelled");
  add_registration (&net, again, net.person, "waitlisted");

  events = pdn_calendar_events_for_person (net.store, net.person, "2026-09-01T00:00:00Z", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_null (event_for (events, dropped));
  g_assert_null (event_for (events, old));
  g_assert_null (event_for (events, others));

  event = event_for (events, registered);
  g_assert_cmpstr (event->summary, ==, "Registered");
  g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_CONFIRMED);
  /* The registration is newer than the session: it is the last change. */
  g_assert_cmpstr (event->updated_at, ==, "2026-10-01T00:00:00Z");

  event = event_for (events, waitlisted);
  g_assert_cmpstr (event->summary, ==, "Waitlisted: Waitlisted");
  g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_TENTATIVE);
  g_assert_true (g_str_has_prefix (event->description, "You are on the waitlist"));

  event = event_for (events, pending);
  g_assert_cmpstr (event->summary, ==, "Awaiting approval: Pending");
  g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_TENTATIVE);

  for (guint i = 0; i < 2; i++)
    {
      event = event_for (events, i == 0 ? cancelled : cancelled_with_it);
      g_assert_nonnull (event);
      g_assert_true (g_str_has_prefix (event->summary, "Cancelled: Called off"));
      g_assert_cmpint (event->status, ==, PDN_CALENDAR_STATUS_CANCELLED);
    }
  event = event_for (events, cancelled_with_it);
  g_assert_cmpstr (event->updated_at, ==, "2026-10-02T00:00:00Z");

  /* One event per session: the active registration wins. */
  event = event_for (events, again);
  g_assert_cmpstr (event->summary, ==, "Waitlisted: Back again");
  network_clear (&net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/calendar/dst-change", test_dst_change);
  g_test_add_func ("/pdnet/calendar/two-zones", test_two_zones);
  g_test_add_func ("/pdnet/calendar/utc-times", test_utc_times);
  g_test_add_func ("/pdnet/calendar/calendar-properties", test_calendar_properties);
  g_test_add_func ("/pdnet/calendar/text-escaping", test_text_escaping);
  g_test_add_func ("/pdnet/calendar/status", test_status);
  g_test_add_func ("/pdnet/calendar/sequence", test_sequence);
  g_test_add_func ("/pdnet/calendar/damaged-time", test_damaged_time);
  g_test_add_func ("/pdnet/calendar/catalog-events", test_catalog_events);
  g_test_add_func ("/pdnet/calendar/person-events", test_person_events);
  return g_test_run ();
}
