/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-i18n.h"
#include "pdn-notification-text.h"
#include "pdn-test-notify.h"

/* Rendering notifications: subjects and bodies per kind, times in the
 * session's own zone, what a change changed, hostile detail. */

static PdnSession *
make_session (void)
{
  PdnSession *session = pdn_session_new ();

  session->id = 7;
  session->title = g_strdup ("Guided reading");
  session->starts_at = g_strdup ("2026-09-12T14:00:00Z");
  session->ends_at = g_strdup ("2026-09-12T16:30:00Z");
  session->time_zone = g_strdup ("America/Chicago");
  session->location = g_strdup ("Room 12");
  return session;
}

static PdnNotificationText *
render (const gchar *kind, PdnSession *session, const gchar *detail)
{
  PdnNotificationFacts facts = { 0 };

  facts.kind = kind;
  facts.detail = detail;
  facts.session = session;
  facts.host_school_name = "Lincoln Elementary";
  facts.person_name = "Ana Teacher";
  return pdn_notification_text_new (&facts);
}

static void
assert_contains (const gchar *text, const gchar *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

static void
assert_lacks (const gchar *text, const gchar *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” unexpectedly in:\n%s", part, text);
}

#define SESSION_WHEN "When: Saturday, September 12, 2026, 9:00 AM CDT – 11:30 AM CDT\n"
#define SESSION_WHERE "Where: Room 12, Lincoln Elementary\n"

static void
test_format_time (void)
{
  const struct
  {
    const gchar *utc, *zone;
    gboolean with_date;
    const gchar *expected;
  } cases[] = {
    { "2026-09-12T14:00:00Z", "America/Chicago", TRUE,
      "Saturday, September 12, 2026, 9:00 AM CDT" },
    { "2026-09-12T14:00:00Z", "America/Chicago", FALSE, "9:00 AM CDT" },
    /* Standard time after November's change. */
    { "2026-12-05T20:30:00Z", "America/Chicago", TRUE,
      "Saturday, December 5, 2026, 2:30 PM CST" },
    { "2026-09-12T14:00:00Z", "Europe/Madrid", TRUE,
      "Saturday, September 12, 2026, 4:00 PM CEST" },
    { "2026-01-01T00:05:00Z", "America/Los_Angeles", TRUE,
      "Wednesday, December 31, 2025, 4:05 PM PST" },
    { "2026-09-12T14:00:00Z", NULL, TRUE, "Saturday, September 12, 2026, 2:00 PM UTC" },
    { "2026-09-12T14:00:00Z", "Not/AZone", FALSE, "2:00 PM UTC" },
    { "yesterday", "America/Chicago", TRUE, "yesterday" },
    { NULL, "America/Chicago", TRUE, "?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *text
          = pdn_notification_format_time (cases[i].utc, cases[i].zone, cases[i].with_date);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_promoted (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = render ("waitlist-promoted", session, NULL);

  g_assert_cmpstr (text->subject, ==, "You have a seat: Guided reading");
  g_assert_true (g_str_has_prefix (text->body, "Hello Ana Teacher,\n\n"));
  assert_contains (text->body, "“Guided reading”");
  assert_contains (text->body, "from the waitlist");
  assert_contains (text->body, SESSION_WHEN);
  assert_contains (text->body, SESSION_WHERE);
  assert_contains (text->body, "cancel your registration");
  assert_lacks (text->body, "Previously");
}

static void
test_cancelled_and_reminder (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) cancelled = render ("session-cancelled", session, "{}");
  g_autoptr (PdnNotificationText) reminder = render ("session-reminder", session, NULL);

  g_assert_cmpstr (cancelled->subject, ==, "Cancelled: Guided reading");
  assert_contains (cancelled->body, "has been cancelled");
  assert_contains (cancelled->body, SESSION_WHEN);
  assert_lacks (cancelled->body, "cancel your registration");
  g_assert_cmpstr (reminder->subject, ==, "Reminder: Guided reading");
  assert_contains (reminder->body, "you are registered for “Guided reading”");
  assert_contains (reminder->body, SESSION_WHEN);
  assert_contains (reminder->body, SESSION_WHERE);
}

static void
test_changed (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = render (
      "session-changed", session,
      "{\"changes\":{\"starts_at\":{\"old\":\"2026-09-11T14:00:00Z\","
      "\"new\":\"2026-09-12T14:00:00Z\"},\"ends_at\":{\"old\":\"2026-09-11T16:30:00Z\","
      "\"new\":\"2026-09-12T16:30:00Z\"},\"location\":{\"old\":\"Room 4\",\"new\":\"Room 12\"},"
      "\"host_school_id\":{\"old\":null,\"new\":3,\"old_name\":null,"
      "\"new_name\":\"Lincoln Elementary\"}}}");

  g_assert_cmpstr (text->subject, ==, "Changed: Guided reading");
  assert_contains (text->body, "has changed");
  assert_contains (text->body, SESSION_WHEN "  Previously: Friday, September 11, 2026, 9:00 AM "
                                            "CDT – 11:30 AM CDT\n");
  assert_contains (text->body, SESSION_WHERE "  Previously: Room 4\n");
}

/* The old time shows in the old zone; what did not change has no
 * "Previously". */
static void
test_changed_zone_only (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = render (
      "session-changed", session,
      "{\"changes\":{\"time_zone\":{\"old\":\"America/New_York\","
      "\"new\":\"America/Chicago\"}}}");

  assert_contains (text->body, SESSION_WHEN "  Previously: Saturday, September 12, 2026, "
                                            "10:00 AM EDT – 12:30 PM EDT\n");
  assert_contains (text->body, SESSION_WHERE);
  g_assert_null (strstr (strstr (text->body, "Where:"), "Previously"));
}

static void
test_changed_place_removed_and_reinstated (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = NULL;
  PdnNotificationFacts facts = { 0 };

  g_clear_pointer (&session->location, g_free);
  facts.kind = "session-changed";
  facts.session = session;
  facts.detail = "{\"changes\":{\"location\":{\"old\":\"Room 12\",\"new\":null},"
                 "\"host_school_id\":{\"old\":3,\"new\":null,\"old_name\":\"Lincoln "
                 "Elementary\",\"new_name\":null},"
                 "\"state\":{\"old\":\"cancelled\",\"new\":\"scheduled\"}}}";
  text = pdn_notification_text_new (&facts);
  g_assert_true (g_str_has_prefix (text->body, "Hello,\n\n"));
  assert_contains (text->body, "It is back on the schedule.");
  assert_contains (text->body,
                   "Where: to be announced\n  Previously: Room 12, Lincoln Elementary\n");
}

/* Detail is data: broken or odd detail renders without the changes. */
static void
test_changed_hostile_detail (void)
{
  const gchar *details[] = {
    NULL,
    "",
    "not json",
    "[1, 2]",
    "{\"changes\": 5}",
    "{\"changes\":{\"starts_at\":\"2026-09-11T14:00:00Z\",\"location\":[\"x\"]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autoptr (PdnSession) session = make_session ();
      g_autoptr (PdnNotificationText) text = render ("session-changed", session, details[i]);

      g_assert_cmpstr (text->subject, ==, "Changed: Guided reading");
      assert_contains (text->body, SESSION_WHEN);
      assert_lacks (text->body, "Previously");
    }
  /* A change whose old value is not text counts as unknown before. */
  {
    g_autoptr (PdnSession) session = make_session ();
    g_autoptr (PdnNotificationText) text = render (
        "session-changed", session, "{\"changes\":{\"location\":{\"old\":5,\"new\":\"x\"}}}");

    assert_contains (text->body, "  Previously: Lincoln Elementary\n");
  }
}

static void
test_title_on_one_line (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = NULL;

  g_free (session->title);
  session->title = g_strdup ("Guided\nreading\tnow");
  text = render ("session-reminder", session, NULL);
  g_assert_cmpstr (text->subject, ==, "Reminder: Guided reading now");
  assert_contains (text->body, "“Guided reading now”");
}

/* Ending on another day in its zone shows the end's date too. */
static void
test_multi_day (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) text = NULL;

  g_free (session->ends_at);
  session->ends_at = g_strdup ("2026-09-13T22:00:00Z");
  text = render ("session-reminder", session, NULL);
  assert_contains (text->body, "When: Saturday, September 12, 2026, 9:00 AM CDT – Sunday, "
                               "September 13, 2026, 5:00 PM CDT\n");
}

static void
test_unknown_kind_and_no_session (void)
{
  g_autoptr (PdnSession) session = make_session ();
  g_autoptr (PdnNotificationText) unknown = render ("something-new", session, NULL);
  g_autoptr (PdnNotificationText) none = render ("something-new", NULL, NULL);

  g_assert_cmpstr (unknown->subject, ==, "News about Guided reading");
  assert_contains (unknown->body, SESSION_WHEN);
  g_assert_cmpstr (none->subject, ==, "News about your professional development");
  assert_lacks (none->body, "When:");
}

/* From the store: the person's name, the session and its host school as
 * they are now. */
static void
test_render_stored (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnNotification) notification = NULL;
  g_autoptr (PdnNotificationText) text = NULL;
  gint64 org = pdn_test_add_organization (store, "rps");
  gint64 school = pdn_test_add_school (store, org, "Harbor Charter");
  gint64 session = pdn_test_add_session (store, pdn_test_add_program (store, org, "2026-27"));
  gint64 person = pdn_test_add_named_person (store, "Bea Ruiz", "bea@rps.example");
  g_autofree gchar *sql = g_strdup_printf (
      "UPDATE sessions SET host_school_id = %lld, location = 'Gym'", (long long) school);

  pdn_test_exec (store, sql);
  g_assert_true (
      pdn_notification_queue (store, person, "session-reminder", session, NULL, &error));
  g_assert_no_error (error);
  notification = pdn_notification_load (store, pdn_store_last_insert_id (store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (notification->session_id, ==, session);
  g_assert_cmpstr (notification->detail, ==, "{}");
  g_assert_cmpint (pdn_notification_get_status (notification), ==, PDN_NOTIFICATION_PENDING);
  text = pdn_notification_text_render (store, notification, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->subject, ==, "Reminder: Reading conferences");
  assert_contains (text->body, "Hello Bea Ruiz,");
  assert_contains (text->body, "When: Saturday, September 12, 2026, 9:00 AM CDT – 11:00 AM CDT");
  assert_contains (text->body, "Where: Gym, Harbor Charter");

  /* A missing notification is a 404. */
  g_assert_null (pdn_notification_load (store, 999, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

/* In another thread language the structure holds (the words are the
 * lead's to translate; untranslated ones stay English). */
static void
test_thread_language (void)
{
  g_autoptr (PdnSession) session = make_session ();
  const gchar *previous = pdn_i18n_set_thread_language (pdn_i18n_negotiate ("es"));
  g_autoptr (PdnNotificationText) text = render ("session-cancelled", session, NULL);

  pdn_i18n_set_thread_language (previous);
  assert_contains (text->subject, "Guided reading");
  assert_contains (text->body, "Ana Teacher");
  assert_contains (text->body, "2026");
  assert_contains (text->body, "CDT");
  assert_contains (text->body, "Room 12, Lincoln Elementary");
}

int
main (int argc, char **argv)
{
  pdn_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/notification-text/format-time", test_format_time);
  g_test_add_func ("/pdnet/notification-text/promoted", test_promoted);
  g_test_add_func ("/pdnet/notification-text/cancelled-and-reminder",
                   test_cancelled_and_reminder);
  g_test_add_func ("/pdnet/notification-text/changed", test_changed);
  g_test_add_func ("/pdnet/notification-text/changed-zone-only", test_changed_zone_only);
  g_test_add_func ("/pdnet/notification-text/changed-place-removed-and-reinstated",
                   test_changed_place_removed_and_reinstated);
  g_test_add_func ("/pdnet/notification-text/changed-hostile-detail",
                   test_changed_hostile_detail);
  g_test_add_func ("/pdnet/notification-text/title-on-one-line", test_title_on_one_line);
  g_test_add_func ("/pdnet/notification-text/multi-day", test_multi_day);
  g_test_add_func ("/pdnet/notification-text/unknown-kind-and-no-session",
                   test_unknown_kind_and_no_session);
  g_test_add_func ("/pdnet/notification-text/render-stored", test_render_stored);
  g_test_add_func ("/pdnet/notification-text/thread-language", test_thread_language);
  return g_test_run ();
}
