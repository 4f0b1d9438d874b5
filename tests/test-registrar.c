/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-registrar.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The registrar without HTTP: seats then waitlist, counts kept by the
 * schema's triggers through every kind of change, promotion with its
 * notification, and a program type's check refusing inside the
 * transaction.
 */

/* Registration @id is stored with @status. */
static void
assert_status (PdnStore *store, gint64 id, const gchar *status)
{
  g_autofree gchar *stored = pdn_test_query_text (
      store, "SELECT status FROM registrations WHERE id = ?", id);

  g_assert_cmpstr (stored, ==, status);
}

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnSession *session;
  gint64 people[5];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 program_id;

  f->store = pdn_test_store_new (&f->dir);
  program_id = pdn_test_add_program (f->store, pdn_test_add_organization (f->store, "rps"),
                                     "2026-27");
  f->session = pdn_session_load (f->store, pdn_test_add_session (f->store, program_id), &error);
  g_assert_no_error (error);
  /* Registration stays open: the fixture session is in the past. */
  g_free (f->session->starts_at);
  f->session->starts_at = g_strdup ("2099-01-01T15:00:00Z");
  g_free (f->session->ends_at);
  f->session->ends_at = g_strdup ("2099-01-01T17:00:00Z");
  f->session->capacity = 2;
  g_assert_true (pdn_session_update (f->session, f->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (f->people); i++)
    {
      g_autofree gchar *email = g_strdup_printf ("teacher%u@rps.org", i);
      f->people[i] = pdn_test_add_person (f->store, email);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->session);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnRegistration *
take (Fixture *f, PdnRegistrar *registrar, guint who, gint64 *position)
{
  g_autoptr (GError) error = NULL;
  gboolean created = FALSE;
  PdnRegistration *registration = pdn_registrar_register (
      registrar, f->store, f->session, f->people[who], 0, &created, position, &error);

  g_assert_no_error (error);
  g_assert_true (created);
  return registration;
}

/* The trigger-kept counts agree with the registrations themselves. */
static void
assert_counts (Fixture *f, gint64 registered, gint64 waitlisted)
{
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT registered FROM registration_counts WHERE "
                                       "session_id = ?",
                                       f->session->id),
                   ==, registered);
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT waitlisted FROM registration_counts WHERE "
                                       "session_id = ?",
                                       f->session->id),
                   ==, waitlisted);
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                                       "AND status = 'registered'",
                                       f->session->id),
                   ==, registered);
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                                       "AND status = 'waitlisted'",
                                       f->session->id),
                   ==, waitlisted);
}

static void
test_seats_waitlist_promotion (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRegistrar) registrar = pdn_registrar_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) first = NULL, second = NULL, third = NULL, fourth = NULL;
  gint64 position = -1;

  first = take (f, registrar, 0, &position);
  g_assert_cmpint (position, ==, 0);
  second = take (f, registrar, 1, &position);
  third = take (f, registrar, 2, &position);
  g_assert_cmpint (third->status, ==, PDN_REGISTRATION_STATUS_WAITLISTED);
  g_assert_cmpint (position, ==, 1);
  fourth = take (f, registrar, 3, &position);
  g_assert_cmpint (position, ==, 2);
  assert_counts (f, 2, 2);

  /* Leaving the waitlist frees no seat. */
  g_assert_true (pdn_registrar_cancel (f->store, third, &error));
  assert_counts (f, 2, 1);
  g_assert_cmpint (pdn_registration_waitlist_position (fourth, f->store, &error), ==, 1);
  /* Leaving a seat promotes the next in line, with a notification. */
  g_assert_true (pdn_registrar_cancel (f->store, first, &error));
  g_assert_no_error (error);
  assert_counts (f, 2, 0);
  assert_status (f->store, fourth->id, "registered");
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM notifications WHERE person_id = ? "
                                       "AND kind = 'waitlist-promoted'",
                                       f->people[3]),
                   ==, 1);
  /* Deleting rows (a session's data removed by hand) keeps counts too. */
  pdn_test_exec (f->store, "DELETE FROM notifications");
  {
    g_autofree gchar *sql = g_strdup_printf ("DELETE FROM registrations WHERE id = %lld",
                                             (long long) second->id);
    pdn_test_exec (f->store, sql);
  }
  assert_counts (f, 1, 0);
}

static void
test_capacity_raised (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRegistrar) registrar = pdn_registrar_new ();
  g_autoptr (GError) error = NULL;
  gint64 position = 0;

  for (guint i = 0; i < 5; i++)
    g_object_unref (take (f, registrar, i, &position));
  assert_counts (f, 2, 3);
  f->session->capacity = 4;
  g_assert_true (pdn_registrar_fill_seats (f->store, f->session, &error));
  assert_counts (f, 4, 1);
  f->session->capacity = -1;
  g_assert_true (pdn_registrar_fill_seats (f->store, f->session, &error));
  assert_counts (f, 5, 0);
}

static gboolean
refuse_person_two (PdnStore *store, PdnSession *session, gint64 person_id, gpointer user_data,
                   GError **error)
{
  Fixture *f = user_data;

  if (person_id != f->people[2])
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "person_id",
                       "Only teams register for this program");
  return FALSE;
}

static void
test_check_refuses (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRegistrar) registrar = pdn_registrar_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) refused = NULL;
  gboolean created = TRUE;
  gint64 position = 0;

  pdn_registrar_add_check (registrar, refuse_person_two, f, NULL);
  g_object_unref (take (f, registrar, 0, &position));
  refused = pdn_registrar_register (registrar, f->store, f->session, f->people[2], 0, &created,
                                    &position, &error);
  g_assert_null (refused);
  g_assert_false (created);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  assert_counts (f, 1, 0);
}

static void
test_window (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnRegistrar) registrar = pdn_registrar_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRegistration) refused = NULL;
  gboolean created = TRUE;
  gint64 position = 0;

  f->session->registration_closes_at = g_strdup ("2020-01-01T00:00:00Z");
  refused = pdn_registrar_register (registrar, f->store, f->session, f->people[0], 0, &created,
                                    &position, &error);
  g_assert_null (refused);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  g_clear_pointer (&f->session->registration_closes_at, g_free);
  f->session->state = PDN_SESSION_STATE_CANCELLED;
  refused = pdn_registrar_register (registrar, f->store, f->session, f->people[0], 0, &created,
                                    &position, &error);
  g_assert_null (refused);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

#define ADD(name, func)                                                                          \
  g_test_add ("/pdnet/registrar/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("seats-waitlist-promotion", test_seats_waitlist_promotion);
  ADD ("capacity-raised", test_capacity_raised);
  ADD ("check-refuses", test_check_refuses);
  ADD ("window", test_window);
  return g_test_run ();
}
