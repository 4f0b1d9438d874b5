/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-notification.h"
#include "pdn-registrar.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/**
 * PdnRegistrar:
 *
 * Decides seats and waitlist places. Everything it decides happens inside
 * one write transaction: SQLite lets one writer in at a time, so counting
 * the seats taken and taking one cannot interleave with another
 * registration, and no session is ever overbooked. Waitlist positions are
 * not stored: a place is its registration's rank among the session's
 * waitlisted ones in creation order, so positions stay 1..n without any
 * renumbering when someone ahead leaves.
 *
 * Multithreading: checks are added before the daemon serves; registering
 * then only reads them, from any thread.
 */
struct _PdnRegistrar
{
  GObject parent_instance;
  GArray *checks; /* PdnCheckEntry */
};

G_DEFINE_FINAL_TYPE (PdnRegistrar, pdn_registrar, G_TYPE_OBJECT)

typedef struct
{
  PdnRegistrationCheck check;
  gpointer user_data;
  GDestroyNotify destroy;
} PdnCheckEntry;

static void
clear_check (gpointer data)
{
  PdnCheckEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
}

static void
pdn_registrar_finalize (GObject *object)
{
  g_array_unref (PDN_REGISTRAR (object)->checks);
  G_OBJECT_CLASS (pdn_registrar_parent_class)->finalize (object);
}

static void
pdn_registrar_class_init (PdnRegistrarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_registrar_finalize;
}

static void
pdn_registrar_init (PdnRegistrar *self)
{
  self->checks = g_array_new (FALSE, FALSE, sizeof (PdnCheckEntry));
  g_array_set_clear_func (self->checks, clear_check);
}

PdnRegistrar *
pdn_registrar_new (void)
{
  return g_object_new (PDN_TYPE_REGISTRAR, NULL);
}

PdnRegistrar *
pdn_registrar_get_default (void)
{
  static PdnRegistrar *registrar;

  if (g_once_init_enter (&registrar))
    g_once_init_leave (&registrar, pdn_registrar_new ());
  return registrar;
}

void
pdn_registrar_add_check (PdnRegistrar *self, PdnRegistrationCheck check, gpointer user_data,
                         GDestroyNotify destroy)
{
  PdnCheckEntry entry = { check, user_data, destroy };

  g_array_append_val (self->checks, entry);
}

static gboolean
run_checks (PdnRegistrar *self, PdnStore *store, PdnSession *session, gint64 person_id,
            GError **error)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      PdnCheckEntry *entry = &g_array_index (self->checks, PdnCheckEntry, i);
      if (!entry->check (store, session, person_id, entry->user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* Registration is open from registration_opens_at (or always) until
 * registration_closes_at, or the start when that is not set. */
static gboolean
check_window (PdnSession *session, GError **error)
{
  g_autofree gchar *now = pdn_time_now_utc ();
  const gchar *closes = session->registration_closes_at != NULL
                            ? session->registration_closes_at
                            : session->starts_at;

  if (session->state == PDN_SESSION_STATE_CANCELLED)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "session_id",
                           _("This session was cancelled, so it takes no registrations"));
      return FALSE;
    }
  if (session->registration_opens_at != NULL
      && g_strcmp0 (now, session->registration_opens_at) < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "session_id",
                           _("Registration for this session opens at %s"),
                           session->registration_opens_at);
      return FALSE;
    }
  if (g_strcmp0 (now, closes) >= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "session_id",
                           _("Registration for this session closed at %s"), closes);
      return FALSE;
    }
  return TRUE;
}

/* Seats taken and people waiting, kept by triggers (schema v5). */
static gboolean
read_counts (PdnStore *store, gint64 session_id, gint64 *registered, gint64 *waitlisted,
             GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  stmt = pdn_store_prepare_id (store,
                               "SELECT registered, waitlisted FROM registration_counts "
                               "WHERE session_id = ?",
                               session_id, error);
  if (stmt == NULL || (step = pdn_statement_step (stmt, error)) == PDN_STEP_ERROR)
    return FALSE;
  *registered = step == PDN_STEP_ROW ? pdn_statement_column_int64 (stmt, 0) : 0;
  *waitlisted = step == PDN_STEP_ROW ? pdn_statement_column_int64 (stmt, 1) : 0;
  return TRUE;
}

static PdnRegistration *
find_active (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  gint64 id;

  stmt = pdn_store_prepare (store,
                            "SELECT id FROM registrations WHERE session_id = ? AND person_id = ? "
                            "AND status <> 'cancelled'",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  switch (pdn_statement_step (stmt, error))
    {
    case PDN_STEP_ROW:
      id = pdn_statement_column_int64 (stmt, 0);
      return pdn_registration_load (store, id, error);
    case PDN_STEP_DONE:
      return NULL;
    default:
      return NULL;
    }
}

/* The first waitlisted registration. */
static PdnRegistration *
first_waitlisted (PdnStore *store, gint64 session_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  stmt = pdn_store_prepare (store,
                            "SELECT id FROM registrations WHERE session_id = ? "
                            "AND status = 'waitlisted' ORDER BY id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_DONE)
    pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                         "registration_counts says someone waits for session %lld, but nobody "
                         "does",
                         (long long) session_id);
  if (step != PDN_STEP_ROW)
    return NULL;
  return pdn_registration_load (store, pdn_statement_column_int64 (stmt, 0), error);
}

static gboolean
promote (PdnStore *store, PdnRegistration *registration, GError **error)
{
  return pdn_registration_update_status (registration, store, PDN_REGISTRATION_STATUS_REGISTERED,
                                         error)
         && pdn_notification_queue (store, registration->person_id,
                                    PDN_NOTIFICATION_WAITLIST_PROMOTED,
                                    registration->session_id, NULL, error);
}

/* Inside a transaction: promotes the first waitlisted people into free
 * seats, then says how many seats are taken and how many still wait. */
static gboolean
fill_seats (PdnStore *store, PdnSession *session, gint64 *taken, gint64 *waiting,
            GError **error)
{
  if (!read_counts (store, session->id, taken, waiting, error))
    return FALSE;
  if (session->state == PDN_SESSION_STATE_CANCELLED)
    return TRUE;
  while (*waiting > 0 && (session->capacity < 0 || *taken < session->capacity))
    {
      g_autoptr (PdnRegistration) next = first_waitlisted (store, session->id, error);

      if (next == NULL || !promote (store, next, error))
        return FALSE;
      (*taken)++;
      (*waiting)--;
    }
  return TRUE;
}

gboolean
pdn_registrar_fill_seats (PdnStore *store, PdnSession *session, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  gint64 taken = 0, waiting = 0;

  return tx != NULL && fill_seats (store, session, &taken, &waiting, error)
         && pdn_transaction_commit (tx, error);
}

/* A new registration: a seat while one is free, else the end of the
 * waitlist, whose position is then the number waiting (ids only grow). */
static PdnRegistration *
take_place (PdnRegistrar *self, PdnStore *store, PdnSession *session, gint64 person_id,
            gint64 account_id, gint64 *position, GError **error)
{
  g_autoptr (PdnRegistration) registration = pdn_registration_new ();
  gint64 taken = 0, waiting = 0;

  registration->session_id = session->id;
  registration->person_id = person_id;
  registration->created_by_account_id = account_id;
  if (!run_checks (self, store, session, person_id, error)
      || !fill_seats (store, session, &taken, &waiting, error))
    return NULL;
  registration->status = PDN_REGISTRATION_STATUS_REGISTERED;
  *position = 0;
  if (session->capacity >= 0 && taken >= session->capacity)
    {
      registration->status = PDN_REGISTRATION_STATUS_WAITLISTED;
      *position = waiting + 1;
    }
  if (!pdn_registration_insert (registration, store, error))
    return NULL;
  return g_steal_pointer (&registration);
}

/* A place the person already holds, with its position. */
static PdnRegistration *
existing_place (PdnStore *store, PdnSession *session, gint64 person_id, gint64 *position,
                GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnRegistration) registration = find_active (store, session->id, person_id,
                                                          &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (registration != NULL)
    *position = pdn_registration_waitlist_position (registration, store, error);
  if (registration == NULL || *position < 0)
    return NULL;
  return g_steal_pointer (&registration);
}

PdnRegistration *
pdn_registrar_register (PdnRegistrar *self, PdnStore *store, PdnSession *session,
                        gint64 person_id, gint64 account_id, gboolean *created, gint64 *position,
                        GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnRegistration) registration = NULL;
  g_autoptr (GError) local_error = NULL;

  *created = FALSE;
  *position = 0;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return NULL;
  registration = existing_place (store, session, person_id, position, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (registration == NULL)
    {
      if (!check_window (session, error))
        return NULL;
      registration = take_place (self, store, session, person_id, account_id, position, error);
      *created = registration != NULL;
    }
  if (registration == NULL || !pdn_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&registration);
}

gboolean
pdn_registrar_cancel (PdnStore *store, PdnRegistration *registration, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnSession) session = NULL;

  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  session = pdn_session_load (store, registration->session_id, error);
  if (session == NULL || !pdn_registration_cancel (registration, store, error))
    return FALSE;
  if (session->state != PDN_SESSION_STATE_CANCELLED
      && !pdn_registrar_fill_seats (store, session, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

gchar *
pdn_registrar_cancel_refusal (PdnSession *session)
{
  g_autofree gchar *now = pdn_time_now_utc ();
  const gchar *cutoff = session->cancellation_cutoff != NULL ? session->cancellation_cutoff
                                                             : session->starts_at;

  if (g_strcmp0 (now, cutoff) < 0)
    return NULL;
  return g_strdup_printf (_("The cancellation cutoff (%s) has passed; ask the session's "
                            "coordinator to cancel"),
                          cutoff);
}
