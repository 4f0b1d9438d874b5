/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-registration.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnRegistration, pdn_registration, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, session_id, person_id, status, created_at, cancelled_at, created_by_account_id "  \
  "FROM registrations "

static void
pdn_registration_finalize (GObject *object)
{
  PdnRegistration *self = PDN_REGISTRATION (object);

  g_free (self->created_at);
  g_free (self->cancelled_at);
  G_OBJECT_CLASS (pdn_registration_parent_class)->finalize (object);
}

static void
pdn_registration_class_init (PdnRegistrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_registration_finalize;
}

static void
pdn_registration_init (PdnRegistration *self)
{
  self->status = PDN_REGISTRATION_STATUS_REGISTERED;
}

PdnRegistration *
pdn_registration_new (void)
{
  return g_object_new (PDN_TYPE_REGISTRATION, NULL);
}

gboolean
pdn_registration_validate (PdnRegistration *self, GError **error)
{
  if (self->session_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "session_id",
                           _("session_id is required"));
      return FALSE;
    }
  if (self->person_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person_id",
                           _("person_id is required"));
      return FALSE;
    }
  if (pdn_registration_status_to_string (self->status) == NULL)
    return pdn_validate_enum (NULL, "status", pdn_registration_status_names (), error);
  if (self->created_by_account_id < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "created_by_account_id",
                           _("created_by_account_id must not be negative"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_references (PdnRegistration *self, PdnStore *store, GError **error)
{
  if (!pdn_require_session (store, self->session_id, "session_id", error)
      || !pdn_require_person (store, self->person_id, "person_id", error))
    return FALSE;
  if (self->created_by_account_id == 0)
    return TRUE;
  return pdn_require_account (store, self->created_by_account_id, "created_by_account_id", error);
}

/* The partial unique index enforces this too; checking first gives the
 * error its field and a clear message. */
static gboolean
check_no_other_active (PdnRegistration *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  if (self->status == PDN_REGISTRATION_STATUS_CANCELLED)
    return TRUE;
  stmt = pdn_store_prepare (store,
                            "SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                            "AND person_id = ? AND status <> 'cancelled' AND id <> ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_int64 (stmt, 2, self->person_id);
  pdn_statement_bind_int64 (stmt, 3, self->id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  if (pdn_statement_column_int64 (stmt, 0) > 0)
    {
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "person_id",
                           _("Person %lld is already registered for session %lld"),
                           (long long) self->person_id, (long long) self->session_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_registration_insert (PdnRegistration *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_registration_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_references (self, store, error)
      || !check_no_other_active (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO registrations (session_id, person_id, status, created_at, "
                            "cancelled_at, created_by_account_id) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  if (self->status == PDN_REGISTRATION_STATUS_CANCELLED && self->cancelled_at == NULL)
    self->cancelled_at = g_strdup (self->created_at);
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_int64 (stmt, 2, self->person_id);
  pdn_statement_bind_text (stmt, 3, pdn_registration_status_to_string (self->status));
  pdn_statement_bind_text (stmt, 4, self->created_at);
  pdn_statement_bind_text (stmt, 5, self->cancelled_at);
  pdn_statement_bind_id (stmt, 6, self->created_by_account_id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return pdn_transaction_commit (tx, error);
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM registrations WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error,
                                _("No registration has id %lld"), (long long) id);
}

/* Writes status and cancelled_at of a stored registration. */
static gboolean
save_status (PdnRegistration *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "UPDATE registrations SET status = ?, cancelled_at = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, pdn_registration_status_to_string (self->status));
  pdn_statement_bind_text (stmt, 2, self->cancelled_at);
  pdn_statement_bind_int64 (stmt, 3, self->id);
  return pdn_statement_run (stmt, error);
}

gboolean
pdn_registration_cancel (PdnRegistration *self, PdnStore *store, GError **error)
{
  return pdn_registration_update_status (self, store, PDN_REGISTRATION_STATUS_CANCELLED, error);
}

/* Cancelling stamps cancelled_at (kept when already set); leaving the
 * cancelled state clears it and must not make a second active
 * registration. */
gboolean
pdn_registration_update_status (PdnRegistration *self, PdnStore *store,
                                PdnRegistrationStatus status, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  PdnRegistrationStatus old_status = self->status;
  g_autofree gchar *old_cancelled_at = g_strdup (self->cancelled_at);

  if (pdn_registration_status_to_string (status) == NULL)
    return pdn_validate_enum (NULL, "status", pdn_registration_status_names (), error);
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error))
    return FALSE;
  self->status = status;
  if (status != PDN_REGISTRATION_STATUS_CANCELLED)
    g_clear_pointer (&self->cancelled_at, g_free);
  else if (self->cancelled_at == NULL)
    self->cancelled_at = pdn_time_now_utc ();
  if (check_no_other_active (self, store, error) && save_status (self, store, error)
      && pdn_transaction_commit (tx, error))
    return TRUE;
  /* Leave the object as it was, matching the rolled-back row. */
  self->status = old_status;
  g_free (self->cancelled_at);
  self->cancelled_at = g_steal_pointer (&old_cancelled_at);
  return FALSE;
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnRegistration *self = pdn_registration_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->session_id = pdn_statement_column_int64 (stmt, 1);
  self->person_id = pdn_statement_column_int64 (stmt, 2);
  pdn_registration_status_from_string (pdn_statement_column_text (stmt, 3), &self->status);
  self->created_at = pdn_statement_dup_text (stmt, 4);
  self->cancelled_at = pdn_statement_dup_text (stmt, 5);
  if (!pdn_statement_column_is_null (stmt, 6))
    self->created_by_account_id = pdn_statement_column_int64 (stmt, 6);
  return self;
}

PdnRegistration *
pdn_registration_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No registration has id %lld"), (long long) id))
    return NULL;
  return from_row (stmt);
}

GPtrArray *
pdn_registration_list_for_session (PdnStore *store, gint64 session_id, gint status,
                                   GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  const gchar *status_name = NULL;

  if (status >= 0)
    {
      status_name = pdn_registration_status_to_string ((PdnRegistrationStatus) status);
      if (status_name == NULL)
        {
          pdn_validate_enum (NULL, "status", pdn_registration_status_names (), error);
          return NULL;
        }
      stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE session_id = ? AND status = ? "
                                                      "ORDER BY id",
                                error);
    }
  else
    stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE session_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  if (status_name != NULL)
    pdn_statement_bind_text (stmt, 2, status_name);
  return pdn_statement_collect (stmt, from_row, error);
}

/* Derived from creation order, so a cancellation moves everyone after it
 * up without renumbering. Returns -1 (with @error set) on a store error. */
gint64
pdn_registration_waitlist_position (PdnRegistration *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  if (self->status != PDN_REGISTRATION_STATUS_WAITLISTED)
    return 0;
  stmt = pdn_store_prepare (store,
                            "SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                            "AND status = 'waitlisted' AND id < ?",
                            error);
  if (stmt == NULL)
    return -1;
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_int64 (stmt, 2, self->id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return -1;
  return pdn_statement_column_int64 (stmt, 0) + 1;
}
