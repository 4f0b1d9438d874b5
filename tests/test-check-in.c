/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-attendance.h"
#include "pdn-check-in.h"
#include "pdn-roster-entry.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/* The check-in rules at their exact edges (the HTTP tests can only come
 * within a minute of them), and the roster entries they show up in. */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnSession *session; /* 2026-09-12 14:00 to 16:00 UTC, America/Chicago */
  gint64 ana;
  gint64 ben;
  gint64 account;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 program_id;

  f->store = pdn_test_store_new (&f->dir);
  program_id
      = pdn_test_add_program (f->store, pdn_test_add_organization (f->store, "rps"), "2026-27");
  f->session = pdn_session_load (f->store, pdn_test_add_session (f->store, program_id), &error);
  g_assert_no_error (error);
  f->ana = pdn_test_add_person (f->store, "ana@rps.org");
  f->ben = pdn_test_add_person (f->store, "ben@rps.org");
  f->account = pdn_test_add_account (f->store, "ana.account@rps.org");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->session);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static gboolean
open_at (PdnSession *session, const gchar *when, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 (when, NULL);

  g_assert_nonnull (now);
  return pdn_check_in_check_open (session, now, error);
}

static void
test_window (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *opens_at = pdn_check_in_opens_at (f->session);
  const gchar *open[] = { "2026-09-12T13:30:00Z", "2026-09-12T08:30:00-05:00",
                          "2026-09-12T15:00:00Z", "2026-09-12T16:00:00Z" };
  const gchar *closed[] = { "2026-09-12T13:29:59Z", "2026-09-11T15:00:00Z", "2026-09-12T16:00:01Z",
                            "2026-09-13T15:00:00Z" };

  g_assert_cmpstr (opens_at, ==, "2026-09-12T13:30:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (open); i++)
    {
      g_assert_true (open_at (f->session, open[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    {
      g_assert_false (open_at (f->session, closed[i], &error));
      pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, NULL);
    }
  /* The messages give the times on the room's clock (CDT, UTC-5). */
  g_assert_false (open_at (f->session, "2026-09-12T13:00:00Z", &error));
  g_assert_nonnull (strstr (error->message, "2026-09-12 08:30"));
  g_clear_error (&error);
  g_assert_false (open_at (f->session, "2026-09-12T17:00:00Z", &error));
  g_assert_nonnull (strstr (error->message, "2026-09-12 11:00"));
  g_clear_error (&error);

  f->session->state = PDN_SESSION_STATE_CANCELLED;
  g_assert_false (open_at (f->session, "2026-09-12T15:00:00Z", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, NULL);
}

static void
test_code (Fixture *f, gconstpointer data)
{
  g_autofree gchar *lower = g_ascii_strdown (f->session->check_in_code, -1);
  g_autofree gchar *spaced
      = g_strdup_printf (" %.2s %.2s-%s\t", f->session->check_in_code,
                         f->session->check_in_code + 2, f->session->check_in_code + 4);
  g_autofree gchar *longer = g_strconcat (f->session->check_in_code, "A", NULL);
  g_autofree gchar *changed = g_strdup (f->session->check_in_code);

  changed[5] = changed[5] == 'A' ? 'B' : 'A';
  g_assert_cmpuint (strlen (f->session->check_in_code), ==, 6);
  g_assert_true (pdn_check_in_code_matches (f->session, f->session->check_in_code));
  g_assert_true (pdn_check_in_code_matches (f->session, lower));
  g_assert_true (pdn_check_in_code_matches (f->session, spaced));
  g_assert_false (pdn_check_in_code_matches (f->session, changed));
  g_assert_false (pdn_check_in_code_matches (f->session, longer));
  g_assert_false (pdn_check_in_code_matches (f->session, longer + 1));
  g_assert_false (pdn_check_in_code_matches (f->session, ""));
  g_assert_false (pdn_check_in_code_matches (f->session, " - "));
  g_assert_false (pdn_check_in_code_matches (f->session, NULL));
}

static void
check_in (Fixture *f, gint64 person_id, gboolean expect_created)
{
  g_autoptr (GError) error = NULL;
  gboolean created = !expect_created;

  g_assert_true (
      pdn_check_in_record (f->store, f->session->id, person_id, f->account, &created, &error));
  g_assert_no_error (error);
  g_assert_cmpint (created, ==, expect_created);
}

static gint64
history_rows (Fixture *f, gint64 person_id)
{
  return pdn_test_query_int (
      f->store, "SELECT COUNT(*) FROM attendance_history WHERE person_id = ?", person_id);
}

static void
roster (Fixture *f, gint64 person_id, PdnAttendanceStatus status, gint64 minutes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAttendance) row = pdn_attendance_new ();

  row->session_id = f->session->id;
  row->person_id = person_id;
  row->status = status;
  row->minutes = minutes;
  g_assert_true (pdn_attendance_record (row, f->store, &error));
  g_assert_no_error (error);
}

static PdnRosterEntry *
entry (Fixture *f, gint64 person_id)
{
  g_autoptr (GError) error = NULL;
  PdnRosterEntry *entry = pdn_roster_entry_load (f->store, f->session->id, person_id, &error);

  g_assert_no_error (error);
  return entry;
}

static void
test_record_once (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRosterEntry) first = NULL;
  g_autoptr (PdnRosterEntry) corrected = NULL;

  check_in (f, f->ana, TRUE);
  check_in (f, f->ana, FALSE);
  g_assert_cmpint (history_rows (f, f->ana), ==, 1);
  first = entry (f, f->ana);
  g_assert_nonnull (first->attendance);
  g_assert_cmpint (first->attendance->status, ==, PDN_ATTENDANCE_STATUS_PRESENT);
  g_assert_cmpint (first->attendance->source, ==, PDN_ATTENDANCE_SOURCE_CHECK_IN);
  g_assert_cmpint (first->attendance->minutes, ==, -1);
  g_assert_cmpint (first->attendance->recorded_by_account_id, ==, f->account);
  g_assert_cmpstr (first->checked_in_at, ==, first->attendance->recorded_at);
  g_assert_cmpint (first->registration_status, ==, -1);

  /* A coordinator's later entry is current; the check-in stays. */
  roster (f, f->ana, PDN_ATTENDANCE_STATUS_PARTIAL, 50);
  check_in (f, f->ana, FALSE);
  corrected = entry (f, f->ana);
  g_assert_cmpint (corrected->attendance->status, ==, PDN_ATTENDANCE_STATUS_PARTIAL);
  g_assert_cmpint (corrected->attendance->source, ==, PDN_ATTENDANCE_SOURCE_ROSTER);
  g_assert_cmpstr (corrected->checked_in_at, ==, first->checked_in_at);
  g_assert_cmpint (history_rows (f, f->ana), ==, 2);
}

/* A first check-in after a roster entry is the newer news. */
static void
test_check_in_after_roster (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRosterEntry) before = NULL;
  g_autoptr (PdnRosterEntry) after = NULL;

  roster (f, f->ben, PDN_ATTENDANCE_STATUS_ABSENT, -1);
  before = entry (f, f->ben);
  g_assert_null (before->checked_in_at);
  check_in (f, f->ben, TRUE);
  after = entry (f, f->ben);
  g_assert_cmpint (after->attendance->status, ==, PDN_ATTENDANCE_STATUS_PRESENT);
  g_assert_cmpint (after->attendance->source, ==, PDN_ATTENDANCE_SOURCE_CHECK_IN);
  g_assert_nonnull (after->checked_in_at);
  g_assert_cmpint (history_rows (f, f->ben), ==, 2);
}

static void
test_roster_entries (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (PdnRosterEntry) none = NULL;
  gint64 cy = pdn_test_add_person (f->store, "cy@rps.org");
  gint64 di = pdn_test_add_person (f->store, "di@rps.org");
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO registrations (session_id, person_id, status, created_at) VALUES "
      "(%lld, %lld, 'waitlisted', '2026-09-01T00:00:00Z'),"
      "(%lld, %lld, 'cancelled', '2026-09-01T00:00:00Z')",
      (long long) f->session->id, (long long) cy, (long long) f->session->id, (long long) di);
  PdnRosterEntry *waiting;

  pdn_test_exec (f->store, sql);
  roster (f, f->ana, PDN_ATTENDANCE_STATUS_PRESENT, -1);
  entries = pdn_roster_entry_list_for_session (f->store, f->session->id, &error);
  g_assert_no_error (error);
  /* Ana (a walk-in) and Cy (waitlisted); Di cancelled and Ben has nothing. */
  g_assert_cmpuint (entries->len, ==, 2);
  waiting = g_ptr_array_index (entries, 0);
  if (waiting->person_id != cy)
    waiting = g_ptr_array_index (entries, 1);
  g_assert_cmpint (waiting->person_id, ==, cy);
  g_assert_cmpint (waiting->registration_status, ==, PDN_REGISTRATION_STATUS_WAITLISTED);
  g_assert_null (waiting->attendance);
  g_assert_null (waiting->checked_in_at);
  g_assert_cmpstr (waiting->email, ==, "cy@rps.org");

  none = pdn_roster_entry_load (f->store, f->session->id, di, &error);
  g_assert_null (none);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                            \
  g_test_add ("/pdnet/check-in/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("window", test_window);
  ADD ("code", test_code);
  ADD ("record-once", test_record_once);
  ADD ("check-in-after-roster", test_check_in_after_roster);
  ADD ("roster-entries", test_roster_entries);
#undef ADD
  return g_test_run ();
}
