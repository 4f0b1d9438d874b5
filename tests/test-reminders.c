/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-notification.h"
#include "pdn-reminders.h"
#include "pdn-session-notices.h"
#include "pdn-sqlite-store.h"
#include "pdn-test-notify.h"

/* Reminders the day before: who gets one, the 24-hour window's edges,
 * never twice for the same start, and again when the session moves. The
 * fixture's session starts 2026-09-12T14:00:00Z. */

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

/* The starts_at of @person's reminders, oldest first, joined by spaces. */
static gchar *
reminder_starts (PdnStore *store, gint64 person)
{
  return pdn_test_query_text (
      store, "SELECT group_concat(starts_at, ' ') FROM (SELECT starts_at FROM notifications "
             "WHERE person_id = ? AND kind = 'session-reminder' ORDER BY id)",
      person);
}

static void
mark_all_sent (PdnStore *store)
{
  pdn_test_exec (store, "UPDATE notifications SET sent_at = '2026-09-11T16:01:00Z' "
                        "WHERE sent_at IS NULL");
}

/* Moves the session through the model, as PATCH /sessions/{id} does. */
static void
move_session (PdnStore *store, gint64 session_id, const gchar *starts_at, const gchar *ends_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = pdn_session_load (store, session_id, &error);

  g_assert_no_error (error);
  g_free (session->starts_at);
  session->starts_at = g_strdup (starts_at);
  g_free (session->ends_at);
  session->ends_at = g_strdup (ends_at);
  g_assert_true (pdn_session_update_and_notify (session, store, &error));
  g_assert_no_error (error);
}

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 session, ana;
} Moving;

static void
moving_init (Moving *m)
{
  m->store = pdn_test_store_new (&m->dir);
  m->session = pdn_test_add_session (
      m->store,
      pdn_test_add_program (m->store, pdn_test_add_organization (m->store, "rps"), "2026-27"));
  m->ana = pdn_test_add_named_person (m->store, "Ana", "ana@rps.example");
  pdn_test_add_registration (m->store, m->session, m->ana, "registered");
}

static void
moving_clear (Moving *m)
{
  g_clear_object (&m->store);
  g_clear_pointer (&m->dir, pdn_test_dir_free);
}

/* A session moved after its reminder went out gets another the day before
 * its new start, once; the sent one stays in the history. */
static void
test_moved_after_sent (void)
{
  Moving m = { 0 };
  g_autofree gchar *starts = NULL;

  moving_init (&m);
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T16:00:00Z"), ==, 1);
  mark_all_sent (m.store);
  move_session (m.store, m.session, "2026-09-19T14:00:00Z", "2026-09-19T16:00:00Z");
  /* Not yet: the new start is a week away. */
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T17:00:00Z"), ==, 0);
  g_assert_cmpuint (queue_at (m.store, "2026-09-18T16:00:00Z"), ==, 1);
  g_assert_cmpuint (queue_at (m.store, "2026-09-18T17:00:00Z"), ==, 0);
  starts = reminder_starts (m.store, m.ana);
  g_assert_cmpstr (starts, ==, "2026-09-12T14:00:00Z 2026-09-19T14:00:00Z");

  /* Moved the same way behind the model's back: the same. */
  pdn_test_notify_move_session (m.store, m.session, "2026-09-19T10:00:00Z",
                                "2026-09-19T12:00:00Z");
  mark_all_sent (m.store);
  g_assert_cmpuint (queue_at (m.store, "2026-09-18T18:00:00Z"), ==, 1);
  g_clear_pointer (&starts, g_free);
  starts = reminder_starts (m.store, m.ana);
  g_assert_cmpstr (starts, ==,
                   "2026-09-12T14:00:00Z 2026-09-19T14:00:00Z 2026-09-19T10:00:00Z");
  moving_clear (&m);
}

/* A session moved while its reminder waits to be sent: exactly one
 * reminder, for the new start, whichever way it moved. */
static void
test_moved_before_sent (void)
{
  Moving m = { 0 };
  g_autofree gchar *starts = NULL;

  moving_init (&m);
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T16:00:00Z"), ==, 1);
  move_session (m.store, m.session, "2026-09-12T15:00:00Z", "2026-09-12T17:00:00Z");
  g_assert_cmpint (reminders_for (m.store, m.ana), ==, 0);
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T16:30:00Z"), ==, 1);
  starts = reminder_starts (m.store, m.ana);
  g_assert_cmpstr (starts, ==, "2026-09-12T15:00:00Z");

  /* Behind the model's back, the scheduler's pass drops the stale one. */
  pdn_test_notify_move_session (m.store, m.session, "2026-09-12T15:30:00Z",
                                "2026-09-12T17:00:00Z");
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T16:40:00Z"), ==, 1);
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T16:50:00Z"), ==, 0);
  g_clear_pointer (&starts, g_free);
  starts = reminder_starts (m.store, m.ana);
  g_assert_cmpstr (starts, ==, "2026-09-12T15:30:00Z");

  /* Moved out of the window: none until the day before. */
  pdn_test_notify_move_session (m.store, m.session, "2026-09-20T15:30:00Z",
                                "2026-09-20T17:00:00Z");
  g_assert_cmpuint (queue_at (m.store, "2026-09-11T17:00:00Z"), ==, 0);
  g_assert_cmpint (reminders_for (m.store, m.ana), ==, 0);
  moving_clear (&m);
}

/* A database from before reminders knew their start (schema 8): its
 * reminders count as for the session's start then, so nobody gets a second
 * one for it, and a later move still brings a new one. */
static void
test_migrated_reminders (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStore) v8 = pdn_sqlite_store_open_at_version (path, 8, &error);
  g_autoptr (PdnStore) store = NULL;
  g_autofree gchar *starts = NULL;
  gint64 session, ana;

  g_assert_no_error (error);
  session = pdn_test_add_session (
      v8, pdn_test_add_program (v8, pdn_test_add_organization (v8, "rps"), "2026-27"));
  ana = pdn_test_add_named_person (v8, "Ana", "ana@rps.example");
  pdn_test_add_registration (v8, session, ana, "registered");
  pdn_test_exec (v8, "INSERT INTO notifications (person_id, session_id, kind, created_at, "
                     "next_attempt_at, sent_at) SELECT person_id, session_id, "
                     "'session-reminder', '2026-09-11T16:00:00Z', '2026-09-11T16:00:00Z', "
                     "'2026-09-11T16:00:00Z' FROM registrations");
  g_clear_object (&v8);

  store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  starts = reminder_starts (store, ana);
  g_assert_cmpstr (starts, ==, "2026-09-12T14:00:00Z");
  g_assert_cmpuint (queue_at (store, "2026-09-11T17:00:00Z"), ==, 0);
  move_session (store, session, "2026-09-12T15:00:00Z", "2026-09-12T17:00:00Z");
  g_assert_cmpuint (queue_at (store, "2026-09-11T18:00:00Z"), ==, 1);
  g_assert_cmpint (reminders_for (store, ana), ==, 2);
}

/* The unique index backs the rule up: a second reminder for the same
 * person, session and start cannot be written; one for a new start can. */
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
  g_clear_error (&error);
  pdn_test_notify_move_session (store, session, "2026-09-13T14:00:00Z", "2026-09-13T16:00:00Z");
  g_assert_true (pdn_notification_queue (store, ana, "session-reminder", session, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/reminders/window-and-once", test_window_and_once);
  g_test_add_func ("/pdnet/reminders/moved-after-sent", test_moved_after_sent);
  g_test_add_func ("/pdnet/reminders/moved-before-sent", test_moved_before_sent);
  g_test_add_func ("/pdnet/reminders/migrated", test_migrated_reminders);
  g_test_add_func ("/pdnet/reminders/unique-index", test_unique_index);
  return g_test_run ();
}
