/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pdn-notification-text.h"
#include "pdn-person.h"
#include "pdn-school.h"
#include "pdn-time.h"

/*
 * The words of a notification, rendered when it is delivered or listed
 * (never stored), so each reader gets them in their own language and a
 * message always names the session as it is now. Times are shown in the
 * session's own time zone, with its abbreviation, since that is where the
 * people in the room are.
 */

void
pdn_notification_text_free (PdnNotificationText *self)
{
  if (self == NULL)
    return;
  g_free (self->subject);
  g_free (self->body);
  g_free (self);
}

/* ---- dates and times ---- */

/* GLib names weekdays and months in the process locale; a request's
 * language may be another, so they come from our own catalog. */
static const gchar *
weekday_name (gint day)
{
  switch (day)
    {
    case 1:
      return C_("weekday", "Monday");
    case 2:
      return C_("weekday", "Tuesday");
    case 3:
      return C_("weekday", "Wednesday");
    case 4:
      return C_("weekday", "Thursday");
    case 5:
      return C_("weekday", "Friday");
    case 6:
      return C_("weekday", "Saturday");
    default:
      return C_("weekday", "Sunday");
    }
}

static const gchar *
month_name (gint month)
{
  switch (month)
    {
    case 1:
      return C_("month", "January");
    case 2:
      return C_("month", "February");
    case 3:
      return C_("month", "March");
    case 4:
      return C_("month", "April");
    case 5:
      return C_("month", "May");
    case 6:
      return C_("month", "June");
    case 7:
      return C_("month", "July");
    case 8:
      return C_("month", "August");
    case 9:
      return C_("month", "September");
    case 10:
      return C_("month", "October");
    case 11:
      return C_("month", "November");
    default:
      return C_("month", "December");
    }
}

/* Appends @name to a g_date_time_format() pattern, as literal text. */
static void
append_literal (GString *pattern, const gchar *name)
{
  for (const gchar *p = name; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append_c (pattern, '%');
      g_string_append_c (pattern, *p);
    }
}

/* Replaces %A, %B and %p in @pattern with our own translations and leaves
 * the numeric conversions (and %Z) to g_date_time_format(). */
static gchar *
expand_names (const gchar *pattern, GDateTime *local)
{
  GString *out = g_string_new (NULL);

  for (const gchar *p = pattern; *p != '\0'; p++)
    {
      if (p[0] != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == 'A')
        append_literal (out, weekday_name (g_date_time_get_day_of_week (local)));
      else if (*p == 'B')
        append_literal (out, month_name (g_date_time_get_month (local)));
      else if (*p == 'p')
        append_literal (out, g_date_time_get_hour (local) < 12 ? C_("time of day", "AM")
                                                               : C_("time of day", "PM"));
      else
        g_string_append_c (g_string_append_c (out, '%'), *p);
    }
  return g_string_free (out, FALSE);
}

static gchar *
format_local (GDateTime *local, const gchar *pattern, const gchar *fallback)
{
  g_autofree gchar *expanded = expand_names (pattern, local);
  gchar *text = g_date_time_format (local, expanded);

  /* A broken translation must not lose the message. */
  if (text == NULL)
    {
      g_autofree gchar *english = expand_names (fallback, local);
      text = g_date_time_format (local, english);
    }
  return text != NULL ? text : pdn_notification_format_time (NULL, NULL, FALSE);
}

/**
 * pdn_notification_format_time:
 * @utc_timestamp: (nullable): a stored UTC timestamp
 * @time_zone: (nullable): the IANA zone to show it in (UTC when unknown)
 * @with_date: whether to show the date, or only the time of day
 *
 * "Saturday, September 12, 2026, 9:00 AM CDT" in the thread's language.
 */
gchar *
pdn_notification_format_time (const gchar *utc_timestamp, const gchar *time_zone,
                              gboolean with_date)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc_timestamp == NULL || (utc = g_date_time_new_from_iso8601 (utc_timestamp, NULL)) == NULL)
    return g_strdup (utc_timestamp != NULL ? utc_timestamp : "?");
  zone = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  if (with_date)
    /* TRANSLATORS: a session's start as g_date_time_format() writes it, in
     * the session's time zone: %A is the weekday, %B the month (both from
     * this catalog), %-d the day, %Y the year, %-I:%M %p the 12-hour time
     * (or %H:%M for 24 hours) and %Z the zone's abbreviation. */
    return format_local (local, C_("notification date", "%A, %B %-d, %Y, %-I:%M %p %Z"),
                         "%A, %B %-d, %Y, %-I:%M %p %Z");
  /* TRANSLATORS: a time of day; see "%A, %B %-d, %Y, %-I:%M %p %Z" */
  return format_local (local, C_("notification time", "%-I:%M %p %Z"), "%-I:%M %p %Z");
}

/* "Saturday, September 12, 2026, 9:00 AM CDT – 11:00 AM CDT" */
static gchar *
format_when (const gchar *starts_at, const gchar *ends_at, const gchar *time_zone)
{
  g_autofree gchar *start = pdn_notification_format_time (starts_at, time_zone, TRUE);
  g_autofree gchar *end = NULL;
  g_autofree gchar *start_day = NULL;
  g_autofree gchar *end_day = NULL;
  g_autoptr (GTimeZone) zone = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;

  if (ends_at == NULL)
    return g_steal_pointer (&start);
  if (zone != NULL && starts_at != NULL)
    {
      start_day = pdn_time_local_date (starts_at, zone);
      end_day = pdn_time_local_date (ends_at, zone);
    }
  end = pdn_notification_format_time (ends_at, time_zone,
                                      start_day == NULL || g_strcmp0 (start_day, end_day) != 0);
  /* TRANSLATORS: from a session's start to its end */
  return g_strdup_printf (C_("time range", "%s – %s"), start, end);
}

/* ---- the session as the message shows it ---- */

/* Titles and locations may hold newlines; a subject, or a title quoted in
 * a sentence, is one line. */
static gchar *
one_line (const gchar *text)
{
  gchar *line = g_strdup (text != NULL ? text : "");

  for (gchar *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return line;
}

/* "Room 12, Lincoln Elementary"; NULL when neither is known. */
static gchar *
format_where (const gchar *location, const gchar *school)
{
  g_autofree gchar *room = location != NULL && location[0] != '\0' ? one_line (location) : NULL;

  if (room != NULL && school != NULL)
    /* TRANSLATORS: where a session takes place: a room or an address, then
     * the school that hosts it */
    return g_strdup_printf (C_("place", "%s, %s"), room, school);
  if (room != NULL)
    return g_steal_pointer (&room);
  return g_strdup (school);
}

/* ---- what changed (the `detail` of session-changed) ---- */

/* @detail's "changes" object: {"starts_at": {"old": ..., "new": ...}, ...}
 * (see pdn-session-notices.c); NULL when there is none. */
static JsonObject *
detail_changes (JsonNode *detail)
{
  JsonNode *changes;

  if (detail == NULL || !JSON_NODE_HOLDS_OBJECT (detail))
    return NULL;
  changes = json_object_get_member (json_node_get_object (detail), "changes");
  return changes != NULL && JSON_NODE_HOLDS_OBJECT (changes) ? json_node_get_object (changes)
                                                             : NULL;
}

static JsonObject *
get_change (JsonObject *changes, const gchar *name)
{
  JsonNode *node = changes != NULL ? json_object_get_member (changes, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* @name's value before the change (its @member, such as "old" or
 * "old_name"), or @current when it did not change. */
static const gchar *
value_before (JsonObject *changes, const gchar *name, const gchar *member, const gchar *current)
{
  JsonObject *change = get_change (changes, name);
  JsonNode *node = change != NULL ? json_object_get_member (change, member) : NULL;

  if (change == NULL)
    return current;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
time_changed (JsonObject *changes)
{
  return get_change (changes, "starts_at") != NULL || get_change (changes, "ends_at") != NULL
         || get_change (changes, "time_zone") != NULL;
}

static gboolean
place_changed (JsonObject *changes)
{
  return get_change (changes, "location") != NULL
         || get_change (changes, "host_school_id") != NULL;
}

static gboolean
was_reinstated (JsonObject *changes)
{
  return g_strcmp0 (value_before (changes, "state", "old", NULL), "cancelled") == 0;
}

/* ---- the message ---- */

static gboolean
is_kind (const PdnNotificationFacts *facts, const gchar *kind)
{
  return g_strcmp0 (facts->kind, kind) == 0;
}

static gchar *
make_subject (const PdnNotificationFacts *facts, const gchar *title)
{
  if (facts->session == NULL)
    /* TRANSLATORS: an email subject */
    return g_strdup (_("News about your professional development"));
  if (is_kind (facts, PDN_NOTIFICATION_WAITLIST_PROMOTED))
    /* TRANSLATORS: an email subject; %s is a session's title */
    return g_strdup_printf (_("You have a seat: %s"), title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_CHANGED))
    /* TRANSLATORS: an email subject; %s is a session's title */
    return g_strdup_printf (_("Changed: %s"), title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_CANCELLED))
    /* TRANSLATORS: an email subject; %s is a session's title */
    return g_strdup_printf (_("Cancelled: %s"), title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_REMINDER))
    /* TRANSLATORS: an email subject; %s is a session's title */
    return g_strdup_printf (_("Reminder: %s"), title);
  /* TRANSLATORS: an email subject; %s is a session's title */
  return g_strdup_printf (_("News about %s"), title);
}

/* The first paragraph: what happened. */
static gchar *
make_intro (const PdnNotificationFacts *facts, const gchar *title)
{
  if (is_kind (facts, PDN_NOTIFICATION_WAITLIST_PROMOTED))
    return g_strdup_printf (_("A seat opened in “%s”: you have moved from the waitlist and are "
                              "now registered."),
                            title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_CHANGED))
    return g_strdup_printf (_("“%s”, a session you signed up for, has changed."), title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_CANCELLED))
    return g_strdup_printf (_("“%s”, a session you signed up for, has been cancelled."), title);
  if (is_kind (facts, PDN_NOTIFICATION_SESSION_REMINDER))
    return g_strdup_printf (_("A reminder that you are registered for “%s”, which starts "
                              "soon."),
                            title);
  return g_strdup_printf (_("There is news about “%s”, a session you signed up for."), title);
}

/* The last paragraph, if any: what the reader may do. */
static const gchar *
make_closing (const PdnNotificationFacts *facts)
{
  if (is_kind (facts, PDN_NOTIFICATION_WAITLIST_PROMOTED)
      || is_kind (facts, PDN_NOTIFICATION_SESSION_REMINDER))
    return _("If you can no longer come, please cancel your registration so that someone else "
             "can have the seat.");
  return NULL;
}

static void
append_previously (GString *body, const gchar *before, const gchar *now)
{
  if (g_strcmp0 (before, now) == 0)
    return;
  g_string_append (body, "  ");
  /* TRANSLATORS: under "When: ..." or "Where: ...", what it was before a change */
  g_string_append_printf (body, _("Previously: %s"),
                          before != NULL ? before : C_("place", "to be announced"));
  g_string_append_c (body, '\n');
}

/* When: and Where: lines, each followed by what it was when it changed. */
static void
append_session_lines (GString *body, const PdnNotificationFacts *facts, JsonObject *changes)
{
  PdnSession *s = facts->session;
  g_autofree gchar *when = format_when (s->starts_at, s->ends_at, s->time_zone);
  g_autofree gchar *where = format_where (s->location, facts->host_school_name);

  g_string_append_printf (body, _("When: %s"), when);
  g_string_append_c (body, '\n');
  if (time_changed (changes))
    {
      g_autofree gchar *before = format_when (
          value_before (changes, "starts_at", "old", s->starts_at),
          value_before (changes, "ends_at", "old", s->ends_at),
          value_before (changes, "time_zone", "old", s->time_zone));
      append_previously (body, before, when);
    }
  g_string_append_printf (body, _("Where: %s"),
                          where != NULL ? where : C_("place", "to be announced"));
  g_string_append_c (body, '\n');
  if (place_changed (changes))
    {
      g_autofree gchar *before = format_where (
          value_before (changes, "location", "old", s->location),
          value_before (changes, "host_school_id", "old_name", facts->host_school_name));
      append_previously (body, before, where);
    }
}

static gchar *
make_body (const PdnNotificationFacts *facts, const gchar *title, JsonObject *changes)
{
  GString *body = g_string_new (NULL);
  const gchar *closing = make_closing (facts);
  g_autofree gchar *intro = NULL;

  if (facts->person_name != NULL)
    /* TRANSLATORS: the greeting of a message; %s is the reader's name */
    g_string_append_printf (body, _("Hello %s,"), facts->person_name);
  else
    g_string_append (body, _("Hello,"));
  g_string_append (body, "\n\n");
  if (facts->session == NULL)
    {
      g_string_append_printf (body, "%s\n", _("There is news for you about your professional "
                                              "development."));
      return g_string_free (body, FALSE);
    }
  intro = make_intro (facts, title);
  g_string_append_printf (body, "%s\n\n", intro);
  if (was_reinstated (changes))
    g_string_append_printf (body, "%s\n\n", _("It is back on the schedule."));
  append_session_lines (body, facts, changes);
  if (closing != NULL)
    g_string_append_printf (body, "\n%s\n", closing);
  return g_string_free (body, FALSE);
}

/**
 * pdn_notification_text_new:
 *
 * Renders a message from @facts in the thread's language. Only
 * session-changed messages use the detail: their When: and Where: lines
 * say what each was before.
 */
PdnNotificationText *
pdn_notification_text_new (const PdnNotificationFacts *facts)
{
  PdnNotificationText *self = g_new0 (PdnNotificationText, 1);
  g_autoptr (JsonNode) detail = NULL;
  g_autofree gchar *title = one_line (facts->session != NULL ? facts->session->title : NULL);
  JsonObject *changes = NULL;

  if (is_kind (facts, PDN_NOTIFICATION_SESSION_CHANGED) && facts->detail != NULL)
    detail = json_from_string (facts->detail, NULL);
  changes = detail_changes (detail);
  self->subject = make_subject (facts, title);
  self->body = make_body (facts, title, changes);
  return self;
}

/**
 * pdn_notification_text_render:
 *
 * Renders @notification for its person with its session and host school
 * as they are in @store now.
 */
PdnNotificationText *
pdn_notification_text_render (PdnStore *store, const PdnNotification *notification,
                              GError **error)
{
  g_autoptr (PdnPerson) person = pdn_person_load (store, notification->person_id, error);
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnSchool) school = NULL;
  PdnNotificationFacts facts = { 0 };

  if (person == NULL)
    return NULL;
  if (notification->session_id != 0)
    {
      session = pdn_session_load (store, notification->session_id, error);
      if (session == NULL)
        return NULL;
      if (session->host_school_id != 0
          && (school = pdn_school_load (store, session->host_school_id, error)) == NULL)
        return NULL;
    }
  facts.kind = notification->kind;
  facts.detail = notification->detail;
  facts.session = session;
  facts.host_school_name = school != NULL ? school->name : NULL;
  facts.person_name = person->name;
  return pdn_notification_text_new (&facts);
}
