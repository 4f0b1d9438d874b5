/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-notification.h"
#include "pdn-reminders.h"
#include "pdn-test-notify.h"

/* Reminders the day before: who gets one, the 24-hour window's edges,
 * and never twice. The fixture's session starts 2026-09-12T14:00:00Z. */

static GDateTime *
at (const gchar *timestamp)
{
  GDateTime *when = g_date_time_new_from_iso8601 (timestamp, NULL);

  g_assert_nonnull (when);
  return when;
}

static guint
queue_at (PdnStore *store, const gchar *timestamp)
{
  g_autoptr (GDateTime) now = at (timestamp);
  g_autoptr (GError) error = NULL;
  guint queued = G_MAXUINT;

  g_assert_true (pdn_reminders_queue (store, now, &queued, &error));
  g_assert_no_error (error);
  return queued;
}

static gint64
reminders_for (PdnStore *store, gint64 person)
{
  return pdn_test_notify_count (store, person, "session-reminder");
}

static void
test_window_and_once (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 program = pdn_test_add_program (store, pdn_test_add_organization (store, "rps"),
                                         "2026-27");
  gint64 soon = pdn_test_add_session (store, program);
  gint64 edge = pdn_test_add_session (store, program);
  gint64 too_late = pdn_test_add_session (store, program);
  gint64 past = pdn_test_add_session (store, program);
  gint64 cancelled = pdn_test_add_session (store, program);
  gint64 ana = pdn_test_add_named_person (store, "Ana", "ana@rps.example");
  gint64 bea = pdn_test_add_named_person (store, "Bea", "bea@rps.example");
  gint64 cai = pdn_test_add_named_person (store, "Cai", "cai@rps.example");
  gint64 dee = pdn_test_add_named_person (store, "Dee", "dee@rps.example");
  g_autofree gchar *cancel_sql = g_strdup_printf (
      "UPDATE sessions SET state = 'cancelled' WHERE id = %lld", (long long) cancelled);
  g_autofree gchar *created = NULL;

  /* "Now" is 2026-09-11T16:00:00Z: the window ends 2026-09-12T16:00:00Z. */
  pdn_test_notify_move_session (store, edge, "2026-09-12T16:00:00Z", "2026-09-12T17:00:00Z");
  pdn_test_notify_move_session (store, too_late, "2026-09-12T16:00:01Z",
                                "2026-09-12T17:00:00Z");
  pdn_test_notify_move_session (store, past, "2026-09-11T15:59:59Z", "2026-09-11T17:00:00Z");
  pdn_test_notify_move_session (store, cancelled, "2026-09-12T10:00:00Z",
                                "2026-09-12T11:00:00Z");
  pdn_test_exec (store, cancel_sql);
  pdn_test_add_registration (store, soon, ana, "registered");
  pdn_test_add_registration (store, soon, bea, "registered");
  pdn_test_add_registration (store, soon, cai, "waitlisted");
  pdn_test_add_registration (store, soon, dee, "cancelled");
  pdn_test_add_registration (store, edge, ana, "registered");
  pdn_test_add_registration (store, too_late, bea, "registered");
  pdn_test_add_registration (store, past, bea, "registered");
  pdn_test_add_registration (store, cancelled, cai, "registered");

  /* Registered people of scheduled sessions in (now, now + 24 h]. */
  g_assert_cmpuint (queue_at (store, "2026-09-11T16:00:00Z"), ==, 3);
  g_assert_cmpint (reminders_for (store, ana), ==, 2);
  g_assert_cmpint (reminders_for (store, bea), ==, 1);
  g_assert_cmpint (reminders_for (store, cai), ==, 0);
  g_assert_cmpint (reminders_for (store, dee), ==, 0);
  created = pdn_test_query_text (
      store, "SELECT created_at || ' ' || next_attempt_at || ' ' || detail FROM notifications "
             "WHERE person_id = ? ORDER BY id LIMIT 1",
      bea);
  g_assert_cmpstr (created, ==, "2026-09-11T16:00:00Z 2026-09-11T16:00:00Z {}");

  /* Once: a second pass, even later, adds nothing for them. */
  g_assert_cmpuint (queue_at (store, "2026-09-11T16:00:00Z"), ==, 0);
  g_assert_cmpuint (queue_at (store, "2026-09-11T16:30:00Z"), ==, 1); /* too_late's turn */
  g_assert_cmpint (reminders_for (store, ana), ==, 2);
  g_assert_cmpint (reminders_for (store, bea), ==, 2);

  /* Someone registering late still gets one. */
  pdn_test_add_registration (store, soon, dee, "registered");
  g_assert_cmpuint (queue_at (store, "2026-09-11T17:00:00Z"), ==, 1);
  g_assert_cmpint (reminders_for (store, dee), ==, 1);
  g_assert_cmpuint (queue_at (store, "2026-09-11T18:00:00Z"), ==, 0);
}

/* The unique index backs the rule up: a second reminder for the same
 * person and session cannot be written. */
static void
test_unique_index (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 session = pdn_test_add_session (
      store, pdn_test_add_program (store, pdn_test_add_organization (store, "rps"), "2026-27"));
  gint64 ana = pdn_test_add_named_person (store, "Ana", "ana@rps.example");
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_notification_queue (store, ana, "session-reminder", session, NULL, &error));
  g_assert_false (
      pdn_notification_queue (store, ana, "session-reminder", session, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/reminders/window-and-once", test_window_and_once);
  g_test_add_func ("/pdnet/reminders/unique-index", test_unique_index);
  return g_test_run ();
}
