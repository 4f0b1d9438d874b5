/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-attendance.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 session_id;
  gint64 ana;
  gint64 ben;
  gint64 account;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 program_id;

  f->store = pdn_test_store_new (&f->dir);
  program_id = pdn_test_add_program (f->store, pdn_test_add_organization (f->store, "rps"),
                                     "2026-27");
  f->session_id = pdn_test_add_session (f->store, program_id);
  f->ana = pdn_test_add_person (f->store, "ana@rps.org");
  f->ben = pdn_test_add_person (f->store, "ben@rps.org");
  f->account = pdn_test_add_account (f->store, "coordinator@rps.org");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnAttendance *
attendance (gint64 session_id, gint64 person_id, PdnAttendanceStatus status, gint64 minutes)
{
  PdnAttendance *self = pdn_attendance_new ();

  self->session_id = session_id;
  self->person_id = person_id;
  self->status = status;
  self->minutes = minutes;
  return self;
}

static void
record (Fixture *f, PdnAttendance *row)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_attendance_record (row, f->store, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAttendance) row = attendance (f->session_id, f->ana,
                                              PDN_ATTENDANCE_STATUS_PARTIAL, 75);
  g_autoptr (PdnAttendance) loaded = NULL;

  row->source = PDN_ATTENDANCE_SOURCE_CHECK_IN;
  row->recorded_by_account_id = f->account;
  row->recorded_at = g_strdup ("2026-09-12T11:05:00-05:00");
  record (f, row);
  g_assert_cmpstr (row->recorded_at, ==, "2026-09-12T16:05:00Z");

  loaded = pdn_attendance_load (f->store, f->session_id, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->session_id, ==, f->session_id);
  g_assert_cmpint (loaded->person_id, ==, f->ana);
  g_assert_cmpint (loaded->status, ==, PDN_ATTENDANCE_STATUS_PARTIAL);
  g_assert_cmpint (loaded->minutes, ==, 75);
  g_assert_cmpint (loaded->source, ==, PDN_ATTENDANCE_SOURCE_CHECK_IN);
  g_assert_cmpint (loaded->recorded_by_account_id, ==, f->account);
  g_assert_cmpstr (loaded->recorded_at, ==, "2026-09-12T16:05:00Z");
}

static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAttendance) row = pdn_attendance_new ();
  g_autoptr (PdnAttendance) loaded = NULL;

  row->session_id = f->session_id;
  row->person_id = f->ben;
  record (f, row);
  g_assert_nonnull (row->recorded_at);
  loaded = pdn_attendance_load (f->store, f->session_id, f->ben, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, PDN_ATTENDANCE_STATUS_PRESENT);
  g_assert_cmpint (loaded->minutes, ==, -1);
  g_assert_cmpint (loaded->source, ==, PDN_ATTENDANCE_SOURCE_ROSTER);
  g_assert_cmpint (loaded->recorded_by_account_id, ==, 0);
  g_assert_cmpstr (loaded->recorded_at, ==, row->recorded_at);
  /* Minutes not given and no account are SQL NULL. */
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM attendance WHERE "
                                                 "person_id = ? AND minutes IS NULL AND "
                                                 "recorded_by_account_id IS NULL",
                                       f->ben),
                   ==, 1);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAttendance) row = attendance (1, 1, PDN_ATTENDANCE_STATUS_ABSENT, 0);

  g_assert_true (pdn_attendance_validate (row, &error));
  row->minutes = 1440;
  g_assert_true (pdn_attendance_validate (row, &error));
  g_assert_no_error (error);

  row->minutes = -2;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "minutes");
  row->minutes = 1441;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "minutes");
  row->minutes = -1;

  row->session_id = 0;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "session_id");
  row->session_id = 1;
  row->person_id = 0;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  row->person_id = 1;

  row->status = (PdnAttendanceStatus) 8;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "status");
  row->status = PDN_ATTENDANCE_STATUS_PRESENT;
  row->source = (PdnAttendanceSource) 8;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "source");
  row->source = PDN_ATTENDANCE_SOURCE_ROSTER;

  row->recorded_by_account_id = -1;
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "recorded_by_account_id");
  row->recorded_by_account_id = 0;

  row->recorded_at = g_strdup ("2026-09-12 10:00");
  g_assert_false (pdn_attendance_validate (row, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "recorded_at");
}

static void
test_unknown_references (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAttendance) row = attendance (f->session_id + 100, f->ana,
                                              PDN_ATTENDANCE_STATUS_PRESENT, -1);
  g_autoptr (PdnAttendance) none = NULL;

  g_assert_false (pdn_attendance_record (row, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "session_id");
  row->session_id = f->session_id;
  row->person_id = 999;
  g_assert_false (pdn_attendance_record (row, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  row->person_id = f->ana;
  row->recorded_by_account_id = f->account + 10;
  g_assert_false (pdn_attendance_record (row, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "recorded_by_account_id");

  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM attendance", 0), ==, 0);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM attendance_history", 0),
                   ==, 0);
  none = pdn_attendance_load (f->store, f->session_id, f->ana, &error);
  g_assert_null (none);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_history_is_append_only (Fixture *f, gconstpointer data)
{
  static const struct
  {
    PdnAttendanceStatus status;
    gint64 minutes;
    PdnAttendanceSource source;
    const gchar *recorded_at;
  } changes[] = {
    { PDN_ATTENDANCE_STATUS_PRESENT, -1, PDN_ATTENDANCE_SOURCE_CHECK_IN, "2026-09-12T14:02:00Z" },
    { PDN_ATTENDANCE_STATUS_ABSENT, 0, PDN_ATTENDANCE_SOURCE_ROSTER, "2026-09-12T18:00:00Z" },
    { PDN_ATTENDANCE_STATUS_PARTIAL, 90, PDN_ATTENDANCE_SOURCE_ROSTER, "2026-09-13T09:00:00Z" },
    { PDN_ATTENDANCE_STATUS_PRESENT, 120, PDN_ATTENDANCE_SOURCE_ROSTER, "2026-09-14T09:00:00Z" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) current = NULL;
  g_autoptr (GPtrArray) others = NULL;
  g_autoptr (PdnAttendance) loaded = NULL;
  g_autoptr (PdnAttendance) ben = attendance (f->session_id, f->ben,
                                              PDN_ATTENDANCE_STATUS_PRESENT, -1);

  /* The first record and three corrections. */
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr (PdnAttendance) row = attendance (f->session_id, f->ana, changes[i].status,
                                                  changes[i].minutes);

      row->source = changes[i].source;
      row->recorded_at = g_strdup (changes[i].recorded_at);
      record (f, row);
    }
  record (f, ben);

  loaded = pdn_attendance_load (f->store, f->session_id, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, PDN_ATTENDANCE_STATUS_PRESENT);
  g_assert_cmpint (loaded->minutes, ==, 120);
  g_assert_cmpstr (loaded->recorded_at, ==, "2026-09-14T09:00:00Z");

  /* One current row per person, every change kept in order. */
  current = pdn_attendance_list_for_session (f->store, f->session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (current->len, ==, 2);
  g_assert_cmpint (((PdnAttendance *) g_ptr_array_index (current, 0))->person_id, ==, f->ana);
  g_assert_cmpint (((PdnAttendance *) g_ptr_array_index (current, 1))->person_id, ==, f->ben);

  history = pdn_attendance_history (f->store, f->session_id, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (changes));
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      PdnAttendance *row = g_ptr_array_index (history, i);

      g_assert_cmpint (row->person_id, ==, f->ana);
      g_assert_cmpint (row->status, ==, changes[i].status);
      g_assert_cmpint (row->minutes, ==, changes[i].minutes);
      g_assert_cmpint (row->source, ==, changes[i].source);
      g_assert_cmpstr (row->recorded_at, ==, changes[i].recorded_at);
    }
  others = pdn_attendance_history (f->store, f->session_id, f->ben, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 1);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/attendance/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("round-trip", test_round_trip);
  ADD ("defaults", test_defaults);
  ADD ("validation", test_validation);
  ADD ("unknown-references", test_unknown_references);
  ADD ("history-is-append-only", test_history_is_append_only);
  return g_test_run ();
}
