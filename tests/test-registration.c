/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-registration.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 session_id;
  gint64 other_session_id;
  gint64 people[4];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 program_id;

  f->store = pdn_test_store_new (&f->dir);
  program_id = pdn_test_add_program (f->store, pdn_test_add_organization (f->store, "rps"),
                                     "2026-27");
  f->session_id = pdn_test_add_session (f->store, program_id);
  f->other_session_id = pdn_test_add_session (f->store, program_id);
  for (guint i = 0; i < G_N_ELEMENTS (f->people); i++)
    {
      g_autofree gchar *email = g_strdup_printf ("teacher%u@rps.org", i);
      f->people[i] = pdn_test_add_person (f->store, email);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnRegistration *
registration (gint64 session_id, gint64 person_id, PdnRegistrationStatus status)
{
  PdnRegistration *self = pdn_registration_new ();

  self->session_id = session_id;
  self->person_id = person_id;
  self->status = status;
  return self;
}

static PdnRegistration *
register_person (Fixture *f, gint64 person_id, PdnRegistrationStatus status)
{
  g_autoptr (GError) error = NULL;
  PdnRegistration *self = registration (f->session_id, person_id, status);

  g_assert_true (pdn_registration_insert (self, f->store, &error));
  g_assert_no_error (error);
  return self;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 account = pdn_test_add_account (f->store, "coordinator@rps.org");
  g_autoptr (PdnRegistration) reg = registration (f->session_id, f->people[0],
                                                  PDN_REGISTRATION_STATUS_REGISTERED);
  g_autoptr (PdnRegistration) loaded = NULL;
  g_autoptr (PdnRegistration) missing = NULL;

  reg->created_by_account_id = account;
  g_assert_true (pdn_registration_insert (reg, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg->id, >, 0);
  g_assert_nonnull (reg->created_at);

  loaded = pdn_registration_load (f->store, reg->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->session_id, ==, f->session_id);
  g_assert_cmpint (loaded->person_id, ==, f->people[0]);
  g_assert_cmpint (loaded->status, ==, PDN_REGISTRATION_STATUS_REGISTERED);
  g_assert_cmpstr (loaded->created_at, ==, reg->created_at);
  g_assert_null (loaded->cancelled_at);
  g_assert_cmpint (loaded->created_by_account_id, ==, account);

  missing = pdn_registration_load (f->store, reg->id + 100, &error);
  g_assert_null (missing);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) reg = registration (1, 1, PDN_REGISTRATION_STATUS_WAITLISTED);

  g_assert_true (pdn_registration_validate (reg, &error));
  g_assert_no_error (error);
  reg->session_id = 0;
  g_assert_false (pdn_registration_validate (reg, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "session_id");
  reg->session_id = 1;
  reg->person_id = -4;
  g_assert_false (pdn_registration_validate (reg, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  reg->person_id = 1;
  reg->status = (PdnRegistrationStatus) 17;
  g_assert_false (pdn_registration_validate (reg, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "status");
  reg->status = PDN_REGISTRATION_STATUS_PENDING_APPROVAL;
  reg->created_by_account_id = -1;
  g_assert_false (pdn_registration_validate (reg, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "created_by_account_id");
}

static void
test_unknown_references (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) reg = registration (f->session_id + 100, f->people[0],
                                                  PDN_REGISTRATION_STATUS_REGISTERED);

  g_assert_false (pdn_registration_insert (reg, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "session_id");
  reg->session_id = f->session_id;
  reg->person_id = 9999;
  g_assert_false (pdn_registration_insert (reg, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  reg->person_id = f->people[0];
  reg->created_by_account_id = 77;
  g_assert_false (pdn_registration_insert (reg, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "created_by_account_id");
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM registrations", 0), ==, 0);
}

static void
test_duplicate_active (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) first = register_person (f, f->people[0],
                                                       PDN_REGISTRATION_STATUS_REGISTERED);
  g_autoptr (PdnRegistration) again = registration (f->session_id, f->people[0],
                                                    PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (PdnRegistration) elsewhere = registration (f->other_session_id, f->people[0],
                                                        PDN_REGISTRATION_STATUS_REGISTERED);

  g_assert_false (pdn_registration_insert (again, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");
  g_assert_cmpint (again->id, ==, 0);
  /* The same person in another session is fine. */
  g_assert_true (pdn_registration_insert (elsewhere, f->store, &error));
  g_assert_no_error (error);
}

static void
test_reregister_after_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) first = register_person (f, f->people[0],
                                                       PDN_REGISTRATION_STATUS_REGISTERED);
  g_autoptr (PdnRegistration) second = NULL;
  g_autoptr (PdnRegistration) loaded = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) cancelled = NULL;

  g_assert_true (pdn_registration_cancel (first, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->status, ==, PDN_REGISTRATION_STATUS_CANCELLED);
  g_assert_nonnull (first->cancelled_at);
  loaded = pdn_registration_load (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, PDN_REGISTRATION_STATUS_CANCELLED);
  g_assert_cmpstr (loaded->cancelled_at, ==, first->cancelled_at);

  second = register_person (f, f->people[0], PDN_REGISTRATION_STATUS_REGISTERED);
  g_assert_cmpint (second->id, >, first->id);

  all = pdn_registration_list_for_session (f->store, f->session_id, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  cancelled = pdn_registration_list_for_session (f->store, f->session_id,
                                                 PDN_REGISTRATION_STATUS_CANCELLED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cancelled->len, ==, 1);
  g_assert_cmpint (((PdnRegistration *) g_ptr_array_index (cancelled, 0))->id, ==, first->id);

  /* Reviving the old registration would make two active ones. */
  g_assert_false (pdn_registration_update_status (first, f->store,
                                                  PDN_REGISTRATION_STATUS_REGISTERED, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");
  g_assert_cmpint (first->status, ==, PDN_REGISTRATION_STATUS_CANCELLED);
  g_assert_nonnull (first->cancelled_at);
}

static void
test_cancel_keeps_given_time (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) reg = register_person (f, f->people[1],
                                                     PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (PdnRegistration) loaded = NULL;
  g_autoptr (PdnRegistration) ghost = registration (f->session_id, f->people[2],
                                                    PDN_REGISTRATION_STATUS_REGISTERED);

  reg->cancelled_at = g_strdup ("2026-09-01T10:00:00Z");
  g_assert_true (pdn_registration_cancel (reg, f->store, &error));
  g_assert_no_error (error);
  loaded = pdn_registration_load (f->store, reg->id, &error);
  g_assert_cmpstr (loaded->cancelled_at, ==, "2026-09-01T10:00:00Z");

  /* Un-cancelling clears the time. */
  g_assert_true (pdn_registration_update_status (reg, f->store,
                                                 PDN_REGISTRATION_STATUS_WAITLISTED, &error));
  g_assert_no_error (error);
  g_assert_null (reg->cancelled_at);
  g_clear_object (&loaded);
  loaded = pdn_registration_load (f->store, reg->id, &error);
  g_assert_cmpint (loaded->status, ==, PDN_REGISTRATION_STATUS_WAITLISTED);
  g_assert_null (loaded->cancelled_at);

  g_assert_false (pdn_registration_update_status (reg, f->store, (PdnRegistrationStatus) 12,
                                                  &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "status");

  ghost->id = 4242;
  g_assert_false (pdn_registration_cancel (ghost, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static gint64
position (Fixture *f, PdnRegistration *reg)
{
  g_autoptr (GError) error = NULL;
  gint64 place = pdn_registration_waitlist_position (reg, f->store, &error);

  g_assert_no_error (error);
  return place;
}

static void
test_waitlist_positions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) seated = register_person (f, f->people[0],
                                                        PDN_REGISTRATION_STATUS_REGISTERED);
  g_autoptr (PdnRegistration) w1 = register_person (f, f->people[1],
                                                    PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (PdnRegistration) w2 = register_person (f, f->people[2],
                                                    PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (PdnRegistration) w3 = register_person (f, f->people[3],
                                                    PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (PdnRegistration) other = registration (f->other_session_id, f->people[1],
                                                    PDN_REGISTRATION_STATUS_WAITLISTED);
  g_autoptr (GPtrArray) waitlist = NULL;

  /* A waitlist in another session does not count. */
  g_assert_true (pdn_registration_insert (other, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position (f, other), ==, 1);

  g_assert_cmpint (position (f, seated), ==, 0);
  g_assert_cmpint (position (f, w1), ==, 1);
  g_assert_cmpint (position (f, w2), ==, 2);
  g_assert_cmpint (position (f, w3), ==, 3);

  /* The first on the waitlist cancels: everyone after moves up. */
  g_assert_true (pdn_registration_cancel (w1, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position (f, w1), ==, 0);
  g_assert_cmpint (position (f, w2), ==, 1);
  g_assert_cmpint (position (f, w3), ==, 2);

  /* The second gets the seat. */
  g_assert_true (pdn_registration_update_status (w2, f->store,
                                                 PDN_REGISTRATION_STATUS_REGISTERED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position (f, w2), ==, 0);
  g_assert_cmpint (position (f, w3), ==, 1);

  waitlist = pdn_registration_list_for_session (f->store, f->session_id,
                                                PDN_REGISTRATION_STATUS_WAITLISTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waitlist->len, ==, 1);
  g_assert_cmpint (((PdnRegistration *) g_ptr_array_index (waitlist, 0))->id, ==, w3->id);
}

static void
test_list_bad_status (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = pdn_registration_list_for_session (f->store, f->session_id, 40,
                                                                  &error);

  g_assert_null (list);
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "status");
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/registration/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("round-trip", test_round_trip);
  ADD ("validation", test_validation);
  ADD ("unknown-references", test_unknown_references);
  ADD ("duplicate-active", test_duplicate_active);
  ADD ("reregister-after-cancel", test_reregister_after_cancel);
  ADD ("cancel-keeps-given-time", test_cancel_keeps_given_time);
  ADD ("waitlist-positions", test_waitlist_positions);
  ADD ("list-bad-status", test_list_bad_status);
  return g_test_run ();
}
