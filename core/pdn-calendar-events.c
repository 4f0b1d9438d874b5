/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pdn-calendar-events.h"
#include "pdn-enums.h"
#include "pdn-time.h"

/* Which sessions a calendar feed shows, and how. Only what the public
 * catalog shows goes in (title, times, place, program, series, topic,
 * facilitators' names: never check-in codes, emails or who registered), so
 * the same text serves the public feed and a person's own. Unlike the
 * JSON catalog, cancelled sessions stay in, marked cancelled: a subscribed
 * calendar app only learns of a cancellation from the feed. */

#define EVENT_COLUMNS                                                                            \
  "SELECT s.id, s.title, s.topic, s.starts_at, s.ends_at, s.time_zone, s.location, s.state, "   \
  "s.created_at, s.updated_at, p.name, r.title, h.name"
#define EVENT_FROM                                                                               \
  " FROM sessions s JOIN programs p ON p.id = s.program_id "                                     \
  "LEFT JOIN series r ON r.id = s.series_id LEFT JOIN schools h ON h.id = s.host_school_id "

enum
{
  COLUMN_ID,
  COLUMN_TITLE,
  COLUMN_TOPIC,
  COLUMN_STARTS_AT,
  COLUMN_ENDS_AT,
  COLUMN_TIME_ZONE,
  COLUMN_LOCATION,
  COLUMN_STATE,
  COLUMN_CREATED_AT,
  COLUMN_UPDATED_AT,
  COLUMN_PROGRAM,
  COLUMN_SERIES,
  COLUMN_HOST_SCHOOL,
  /* A person's feed only. */
  COLUMN_REGISTRATION_STATUS,
  COLUMN_REGISTRATION_CREATED_AT,
  COLUMN_REGISTRATION_CANCELLED_AT,
};

/* Now less PDN_CALENDAR_PAST_DAYS, RFC 3339 UTC. */
gchar *
pdn_calendar_events_default_since (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) since = g_date_time_add_days (now, -PDN_CALENDAR_PAST_DAYS);

  return pdn_time_format_utc (since);
}

/* Appends a line made from @format when @value is set. */
static void append_line (GString *text, const gchar *value, const gchar *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
append_line (GString *text, const gchar *value, const gchar *format, ...)
{
  va_list args;

  if (value == NULL || value[0] == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* "Room 12, Lincoln Elementary", or whichever of the two is known. */
static gchar *
place (PdnStatement *stmt)
{
  const gchar *location = pdn_statement_column_text (stmt, COLUMN_LOCATION);
  const gchar *school = pdn_statement_column_text (stmt, COLUMN_HOST_SCHOOL);

  if (location != NULL && school != NULL)
    return g_strdup_printf ("%s, %s", location, school);
  return g_strdup (location != NULL ? location : school);
}

/* The latest of two RFC 3339 UTC timestamps, which sort as text. */
static void
keep_latest (gchar **latest, const gchar *other)
{
  if (other != NULL && (*latest == NULL || strcmp (other, *latest) > 0))
    {
      g_free (*latest);
      *latest = g_strdup (other);
    }
}

/* Why an event is not a plain confirmed session. */
typedef enum
{
  MARK_NONE,
  MARK_CANCELLED,
  MARK_WAITLISTED,
  MARK_AWAITING_APPROVAL,
} Mark;

/* A person's feed: the mark their registration gives the event. Their
 * registration changing is a change of the event. */
static Mark
registration_mark (PdnCalendarEvent *event, PdnStatement *stmt)
{
  PdnRegistrationStatus status = PDN_REGISTRATION_STATUS_REGISTERED;

  keep_latest (&event->updated_at,
               pdn_statement_column_text (stmt, COLUMN_REGISTRATION_CREATED_AT));
  keep_latest (&event->updated_at,
               pdn_statement_column_text (stmt, COLUMN_REGISTRATION_CANCELLED_AT));
  pdn_registration_status_from_string (
      pdn_statement_column_text (stmt, COLUMN_REGISTRATION_STATUS), &status);
  switch (status)
    {
    case PDN_REGISTRATION_STATUS_WAITLISTED:
      return MARK_WAITLISTED;
    case PDN_REGISTRATION_STATUS_PENDING_APPROVAL:
      return MARK_AWAITING_APPROVAL;
    case PDN_REGISTRATION_STATUS_REGISTERED:
    case PDN_REGISTRATION_STATUS_CANCELLED:
    default:
      return MARK_NONE;
    }
}

/* The title, status and first description line for @mark. The title
 * says it too, for calendar apps that ignore STATUS. */
static void
apply_mark (PdnCalendarEvent *event, Mark mark, const gchar *title, GString *description)
{
  switch (mark)
    {
    case MARK_CANCELLED:
      event->status = PDN_CALENDAR_STATUS_CANCELLED;
      /* TRANSLATORS: a calendar event's title; %s is the session's title */
      event->summary = g_strdup_printf (_("Cancelled: %s"), title);
      g_string_append (description, _("This session has been cancelled."));
      break;
    case MARK_WAITLISTED:
      event->status = PDN_CALENDAR_STATUS_TENTATIVE;
      /* TRANSLATORS: a calendar event's title; %s is the session's title */
      event->summary = g_strdup_printf (_("Waitlisted: %s"), title);
      g_string_append (description,
                       _("You are on the waitlist for this session, not yet registered."));
      break;
    case MARK_AWAITING_APPROVAL:
      event->status = PDN_CALENDAR_STATUS_TENTATIVE;
      /* TRANSLATORS: a calendar event's title; %s is the session's title */
      event->summary = g_strdup_printf (_("Awaiting approval: %s"), title);
      g_string_append (description, _("Your registration for this session is awaiting "
                                      "approval."));
      break;
    case MARK_NONE:
    default:
      event->status = PDN_CALENDAR_STATUS_CONFIRMED;
      event->summary = g_strdup (title);
      break;
    }
}

static PdnCalendarEvent *
event_from_row (PdnStatement *stmt, gboolean with_registration)
{
  PdnCalendarEvent *event = pdn_calendar_event_new ();
  g_autoptr (GString) description = g_string_new (NULL);
  const gchar *program = pdn_statement_column_text (stmt, COLUMN_PROGRAM);
  const gchar *series = pdn_statement_column_text (stmt, COLUMN_SERIES);
  const gchar *topic = pdn_statement_column_text (stmt, COLUMN_TOPIC);
  Mark mark = MARK_NONE;

  event->session_id = pdn_statement_column_int64 (stmt, COLUMN_ID);
  event->starts_at = pdn_statement_dup_text (stmt, COLUMN_STARTS_AT);
  event->ends_at = pdn_statement_dup_text (stmt, COLUMN_ENDS_AT);
  event->time_zone = pdn_statement_dup_text (stmt, COLUMN_TIME_ZONE);
  event->location = place (stmt);
  event->created_at = pdn_statement_dup_text (stmt, COLUMN_CREATED_AT);
  event->updated_at = pdn_statement_dup_text (stmt, COLUMN_UPDATED_AT);
  if (with_registration)
    mark = registration_mark (event, stmt);
  /* A cancelled session is cancelled for everyone, whatever their place. */
  if (g_strcmp0 (pdn_statement_column_text (stmt, COLUMN_STATE),
                 pdn_session_state_to_string (PDN_SESSION_STATE_CANCELLED))
      == 0)
    mark = MARK_CANCELLED;
  apply_mark (event, mark, pdn_statement_column_text (stmt, COLUMN_TITLE), description);
  /* TRANSLATORS: a line of a calendar event's description */
  append_line (description, program, _("Program: %s"), program);
  /* TRANSLATORS: a line of a calendar event's description */
  append_line (description, series, _("Series: %s"), series);
  /* TRANSLATORS: a line of a calendar event's description */
  append_line (description, topic, _("Topic: %s"), topic);
  event->description = g_string_free (g_steal_pointer (&description), FALSE);
  return event;
}

/* Appends "Facilitators: A, B" to the description when there are any. */
static gboolean
add_facilitators (PdnStore *store, PdnCalendarEvent *event, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *joined = NULL;
  g_autoptr (GString) description = NULL;
  PdnStep step;

  stmt = pdn_store_prepare_id (store,
                               "SELECT p.name FROM session_facilitators f "
                               "JOIN people p ON p.id = f.person_id "
                               "WHERE f.session_id = ? ORDER BY p.name, p.id",
                               event->session_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (names, pdn_statement_dup_text (stmt, 0));
  if (step != PDN_STEP_DONE)
    return FALSE;
  if (names->len == 0)
    return TRUE;
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (gchar **) names->pdata);
  description = g_string_new (event->description);
  /* TRANSLATORS: a line of a calendar event's description; %s lists names */
  append_line (description, joined, _("Facilitators: %s"), joined);
  g_free (event->description);
  event->description = g_string_free (g_steal_pointer (&description), FALSE);
  return TRUE;
}

/* The events of @stmt's rows, one per session (a person's rows come with
 * their active registration first), then their facilitators: the rows are
 * read to the end before the next query runs. */
static GPtrArray *
collect (PdnStore *store, PdnStatement *stmt, gboolean with_registration, GError **error)
{
  g_autoptr (GPtrArray) events
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_calendar_event_free);
  gint64 last_id = 0;
  PdnStep step;

  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      if (pdn_statement_column_int64 (stmt, COLUMN_ID) == last_id)
        continue;
      last_id = pdn_statement_column_int64 (stmt, COLUMN_ID);
      g_ptr_array_add (events, event_from_row (stmt, with_registration));
    }
  if (step != PDN_STEP_DONE)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    if (!add_facilitators (store, g_ptr_array_index (events, i), error))
      return NULL;
  return g_steal_pointer (&events);
}

/**
 * pdn_calendar_events_for_catalog:
 * @program_id: only this program's sessions; 0 for all
 *
 * The public catalog's sessions, cancelled ones included.
 *
 * Returns: (transfer full) (element-type PdnCalendarEvent) (nullable):
 */
GPtrArray *
pdn_calendar_events_for_catalog (PdnStore *store, gint64 program_id, const gchar *since,
                                 GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      EVENT_COLUMNS EVENT_FROM "WHERE s.ends_at > ? AND (? = 0 OR s.program_id = ?) "
                               "ORDER BY s.starts_at, s.id LIMIT ?",
      error);

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, since);
  pdn_statement_bind_int64 (stmt, 2, program_id);
  pdn_statement_bind_int64 (stmt, 3, program_id);
  pdn_statement_bind_int64 (stmt, 4, PDN_CALENDAR_MAX_EVENTS);
  return collect (store, stmt, FALSE, error);
}

/**
 * pdn_calendar_events_for_person:
 *
 * The sessions @person_id is registered for, waitlisted for or awaiting
 * approval for, and the cancelled sessions they had registered for (even
 * if their registration was cancelled with the session), so their calendar
 * app marks those cancelled rather than keeping them.
 *
 * Returns: (transfer full) (element-type PdnCalendarEvent) (nullable):
 */
GPtrArray *
pdn_calendar_events_for_person (PdnStore *store, gint64 person_id, const gchar *since,
                                GError **error)
{
  const gchar *cancelled = pdn_registration_status_to_string (PDN_REGISTRATION_STATUS_CANCELLED);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      EVENT_COLUMNS ", g.status, g.created_at, g.cancelled_at" EVENT_FROM
                    "JOIN registrations g ON g.session_id = s.id "
                    "WHERE g.person_id = ? AND s.ends_at > ? AND (g.status <> ? OR s.state = ?) "
                    "ORDER BY s.starts_at, s.id, CASE WHEN g.status = ? THEN 1 ELSE 0 END, "
                    "g.id DESC LIMIT ?",
      error);

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_text (stmt, 2, since);
  pdn_statement_bind_text (stmt, 3, cancelled);
  pdn_statement_bind_text (stmt, 4, pdn_session_state_to_string (PDN_SESSION_STATE_CANCELLED));
  pdn_statement_bind_text (stmt, 5, cancelled);
  pdn_statement_bind_int64 (stmt, 6, PDN_CALENDAR_MAX_EVENTS);
  return collect (store, stmt, TRUE, error);
}
