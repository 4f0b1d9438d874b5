/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-notification.h"
#include "pdn-session-notices.h"
#include "pdn-test-notify.h"

/* What people signed up for a session hear when it is saved: who, which
 * kind, the detail of a change, and nothing when nothing they care about
 * changed or the save fails. */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 school_a, school_b;
  gint64 session;
  gint64 registered, waitlisted, cancelled, pending, other;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 org;

  f->store = pdn_test_store_new (&f->dir);
  org = pdn_test_add_organization (f->store, "district-a");
  f->school_a = pdn_test_add_school (f->store, org, "Lincoln Elementary");
  f->school_b = pdn_test_add_school (f->store, org, "Harbor Charter");
  f->session = pdn_test_add_session (f->store, pdn_test_add_program (f->store, org, "2026-27"));
  f->registered = pdn_test_add_named_person (f->store, "Ana", "ana@district-a.example");
  f->waitlisted = pdn_test_add_named_person (f->store, "Bea", "bea@district-a.example");
  f->cancelled = pdn_test_add_named_person (f->store, "Cai", "cai@district-a.example");
  f->pending = pdn_test_add_named_person (f->store, "Dee", "dee@district-a.example");
  f->other = pdn_test_add_named_person (f->store, "Eli", "eli@district-a.example");
  pdn_test_add_registration (f->store, f->session, f->registered, "registered");
  pdn_test_add_registration (f->store, f->session, f->waitlisted, "waitlisted");
  pdn_test_add_registration (f->store, f->session, f->cancelled, "cancelled");
  pdn_test_add_registration (f->store, f->session, f->pending, "pending-approval");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnSession *
load (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  PdnSession *session = pdn_session_load (f->store, f->session, &error);

  g_assert_no_error (error);
  return session;
}

static void
save (Fixture *f, PdnSession *session)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_session_update_and_notify (session, f->store, &error));
  g_assert_no_error (error);
}

static void
set (gchar **field, const gchar *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gint64
total (Fixture *f)
{
  return pdn_test_query_int (f->store, "SELECT COUNT(*) FROM notifications WHERE ? = 0", 0);
}

/* Only the people with an active place: registered and waitlisted. */
static void
assert_told (Fixture *f, const gchar *kind, gint64 times)
{
  g_assert_cmpint (pdn_test_notify_count (f->store, f->registered, kind), ==, times);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->waitlisted, kind), ==, times);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->cancelled, kind), ==, 0);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->pending, kind), ==, 0);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->other, kind), ==, 0);
}

/* The newest notification's detail, parsed; its "changes" object. */
static JsonObject *
latest_changes (Fixture *f, JsonNode **node)
{
  g_autofree gchar *detail = pdn_test_query_text (
      f->store, "SELECT detail FROM notifications WHERE person_id = ? ORDER BY id DESC LIMIT 1",
      f->registered);
  g_autoptr (GError) error = NULL;

  *node = json_from_string (detail, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (*node), "changes");
}

static void
test_quiet_changes (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);

  session->capacity = 3;
  set (&session->title, "Reading conferences, part 2");
  set (&session->topic, "Literacy");
  save (f, session);
  g_assert_cmpint (total (f), ==, 0);
}

static void
test_time_change (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *changes;
  JsonObject *starts;

  set (&session->starts_at, "2026-09-12T15:00:00Z");
  set (&session->ends_at, "2026-09-12T17:00:00Z");
  session->capacity = 1;
  save (f, session);
  assert_told (f, "session-changed", 1);
  changes = latest_changes (f, &node);
  g_assert_cmpuint (json_object_get_size (changes), ==, 2);
  starts = json_object_get_object_member (changes, "starts_at");
  g_assert_cmpstr (json_object_get_string_member (starts, "old"), ==, "2026-09-12T14:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (starts, "new"), ==, "2026-09-12T15:00:00Z");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (changes, "ends_at"), "old"),
      ==, "2026-09-12T16:00:00Z");
}

static void
test_place_change (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *changes;
  JsonObject *school;

  session->host_school_id = f->school_a;
  save (f, session);
  g_clear_object (&session);
  session = load (f);
  session->host_school_id = f->school_b;
  set (&session->location, "Gym");
  set (&session->time_zone, "America/New_York");
  save (f, session);
  assert_told (f, "session-changed", 2);
  changes = latest_changes (f, &node);
  g_assert_cmpuint (json_object_get_size (changes), ==, 3);
  g_assert_true (json_object_get_null_member (
      json_object_get_object_member (changes, "location"), "old"));
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (changes, "location"), "new"),
      ==, "Gym");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (changes, "time_zone"), "old"),
                   ==, "America/Chicago");
  school = json_object_get_object_member (changes, "host_school_id");
  g_assert_cmpint (json_object_get_int_member (school, "old"), ==, f->school_a);
  g_assert_cmpint (json_object_get_int_member (school, "new"), ==, f->school_b);
  g_assert_cmpstr (json_object_get_string_member (school, "old_name"), ==, "Lincoln Elementary");
  g_assert_cmpstr (json_object_get_string_member (school, "new_name"), ==, "Harbor Charter");
}

/* Cancelling tells everyone once and drops reminders not yet sent; a
 * cancelled session's edits are quiet; bringing it back is a change. */
static void
test_cancel_and_reinstate (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree gchar *sent_sql = NULL;
  JsonObject *changes;

  g_assert_true (pdn_notification_queue (f->store, f->registered, "session-reminder",
                                         f->session, NULL, &error));
  g_assert_true (pdn_notification_queue (f->store, f->waitlisted, "session-reminder",
                                         f->session, NULL, &error));
  sent_sql = g_strdup_printf ("UPDATE notifications SET sent_at = '2026-09-11T14:00:00Z' "
                              "WHERE person_id = %lld",
                              (long long) f->waitlisted);
  pdn_test_exec (f->store, sent_sql);

  session->state = PDN_SESSION_STATE_CANCELLED;
  save (f, session);
  assert_told (f, "session-cancelled", 1);
  /* The unsent reminder is gone, the sent one stays in the history. */
  g_assert_cmpint (pdn_test_notify_count (f->store, f->registered, "session-reminder"), ==, 0);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->waitlisted, "session-reminder"), ==, 1);

  set (&session->location, "Nowhere");
  save (f, session);
  assert_told (f, "session-cancelled", 1);
  assert_told (f, "session-changed", 0);

  session->state = PDN_SESSION_STATE_SCHEDULED;
  save (f, session);
  assert_told (f, "session-changed", 1);
  changes = latest_changes (f, &node);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (changes, "state"), "old"),
      ==, "cancelled");
  g_assert_false (json_object_has_member (changes, "location"));
}

/* A new start drops unsent reminders (the scheduler queues new ones when
 * the new time comes near); other changes keep them. */
static void
test_new_time_drops_pending_reminders (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_notification_queue (f->store, f->registered, "session-reminder",
                                         f->session, NULL, &error));
  set (&session->location, "Library");
  save (f, session);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->registered, "session-reminder"), ==, 1);
  set (&session->starts_at, "2026-09-19T14:00:00Z");
  set (&session->ends_at, "2026-09-19T16:00:00Z");
  save (f, session);
  g_assert_cmpint (pdn_test_notify_count (f->store, f->registered, "session-reminder"), ==, 0);
  assert_told (f, "session-changed", 2);
}

/* A save that fails writes no message, and one that is refused before
 * saving neither. */
static void
test_failed_save_is_silent (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) session = load (f);
  g_autoptr (PdnSession) unchanged = NULL;
  g_autoptr (GError) error = NULL;

  set (&session->starts_at, "2026-09-20T14:00:00Z");
  set (&session->ends_at, "2026-09-20T16:00:00Z");
  session->host_school_id = 9999;
  g_assert_false (pdn_session_update_and_notify (session, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "host_school_id");
  g_assert_cmpint (total (f), ==, 0);
  unchanged = load (f);
  g_assert_cmpstr (unchanged->starts_at, ==, "2026-09-12T14:00:00Z");

  session->host_school_id = 0;
  set (&session->ends_at, "2026-09-20T13:00:00Z");
  g_assert_false (pdn_session_update_and_notify (session, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "ends_at");
  session->id = 9999;
  set (&session->ends_at, "2026-09-20T16:00:00Z");
  g_assert_false (pdn_session_update_and_notify (session, f->store, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpint (total (f), ==, 0);
}

static void
test_describe (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnSession) before = load (f);
  g_autoptr (PdnSession) after = load (f);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *nothing = NULL;
  g_autofree gchar *detail = NULL;

  after->capacity = 40;
  nothing = pdn_session_notices_describe (f->store, before, after, &error);
  g_assert_no_error (error);
  g_assert_null (nothing);
  set (&after->location, "Room \"5\"");
  detail = pdn_session_notices_describe (f->store, before, after, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail, ==,
                   "{\"changes\":{\"location\":{\"old\":null,\"new\":\"Room \\\"5\\\"\"}}}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/session-notices/" path, Fixture, NULL, fixture_set_up, func,               \
              fixture_tear_down)
  ADD ("quiet-changes", test_quiet_changes);
  ADD ("time-change", test_time_change);
  ADD ("place-change", test_place_change);
  ADD ("cancel-and-reinstate", test_cancel_and_reinstate);
  ADD ("new-time-drops-pending-reminders", test_new_time_drops_pending_reminders);
  ADD ("failed-save-is-silent", test_failed_save_is_silent);
  ADD ("describe", test_describe);
#undef ADD
  return g_test_run ();
}
