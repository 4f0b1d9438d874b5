/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-attendance.h"
#include "pdn-references.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnAttendance, pdn_attendance, G_TYPE_OBJECT)

/* The current table and the history share these columns. */
#define COLUMNS                                                                                  \
  "session_id, person_id, status, minutes, source, recorded_by_account_id, recorded_at"

#define MAX_MINUTES (24 * 60)

static void
pdn_attendance_finalize (GObject *object)
{
  PdnAttendance *self = PDN_ATTENDANCE (object);

  g_free (self->recorded_at);
  G_OBJECT_CLASS (pdn_attendance_parent_class)->finalize (object);
}

static void
pdn_attendance_class_init (PdnAttendanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_attendance_finalize;
}

static void
pdn_attendance_init (PdnAttendance *self)
{
  self->status = PDN_ATTENDANCE_STATUS_PRESENT;
  self->minutes = -1;
  self->source = PDN_ATTENDANCE_SOURCE_ROSTER;
}

PdnAttendance *
pdn_attendance_new (void)
{
  return g_object_new (PDN_TYPE_ATTENDANCE, NULL);
}

static gboolean
require_id (gint64 id, const gchar *field, GError **error)
{
  if (id > 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
  return FALSE;
}

gboolean
pdn_attendance_validate (PdnAttendance *self, GError **error)
{
  if (!require_id (self->session_id, "session_id", error)
      || !require_id (self->person_id, "person_id", error))
    return FALSE;
  if (pdn_attendance_status_to_string (self->status) == NULL)
    return pdn_validate_enum (NULL, "status", pdn_attendance_status_names (), error);
  if (self->minutes < -1 || self->minutes > MAX_MINUTES)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "minutes",
                           _("minutes must be between 0 and %d (or -1 when not given)"),
                           MAX_MINUTES);
      return FALSE;
    }
  if (pdn_attendance_source_to_string (self->source) == NULL)
    return pdn_validate_enum (NULL, "source", pdn_attendance_source_names (), error);
  if (self->recorded_by_account_id < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "recorded_by_account_id",
                           _("recorded_by_account_id must not be negative"));
      return FALSE;
    }
  if (self->recorded_at != NULL)
    {
      gchar *normalized = pdn_time_normalize_timestamp (self->recorded_at, "recorded_at", error);

      if (normalized == NULL)
        return FALSE;
      g_free (self->recorded_at);
      self->recorded_at = normalized;
    }
  return TRUE;
}

static gboolean
check_references (PdnAttendance *self, PdnStore *store, GError **error)
{
  if (!pdn_require_session (store, self->session_id, "session_id", error)
      || !pdn_require_person (store, self->person_id, "person_id", error))
    return FALSE;
  if (self->recorded_by_account_id == 0)
    return TRUE;
  return pdn_require_account (store, self->recorded_by_account_id, "recorded_by_account_id", error);
}

/* Binds the COLUMNS values in order. */
static void
bind_columns (PdnAttendance *self, PdnStatement *stmt)
{
  pdn_statement_bind_int64 (stmt, 1, self->session_id);
  pdn_statement_bind_int64 (stmt, 2, self->person_id);
  pdn_statement_bind_text (stmt, 3, pdn_attendance_status_to_string (self->status));
  if (self->minutes < 0)
    pdn_statement_bind_null (stmt, 4);
  else
    pdn_statement_bind_int64 (stmt, 4, self->minutes);
  pdn_statement_bind_text (stmt, 5, pdn_attendance_source_to_string (self->source));
  pdn_statement_bind_id (stmt, 6, self->recorded_by_account_id);
  pdn_statement_bind_text (stmt, 7, self->recorded_at);
}

static gboolean
run_with_columns (PdnAttendance *self, PdnStore *store, const gchar *sql, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_columns (self, stmt);
  return pdn_statement_run (stmt, error);
}

gboolean
pdn_attendance_record (PdnAttendance *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;

  if (!pdn_attendance_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_references (self, store, error))
    return FALSE;
  if (self->recorded_at == NULL)
    self->recorded_at = pdn_time_now_utc ();
  if (!run_with_columns (self, store,
                         "INSERT INTO attendance (" COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (session_id, person_id) DO UPDATE SET "
                         "status = excluded.status, minutes = excluded.minutes, "
                         "source = excluded.source, "
                         "recorded_by_account_id = excluded.recorded_by_account_id, "
                         "recorded_at = excluded.recorded_at",
                         error)
      || !run_with_columns (self, store,
                            "INSERT INTO attendance_history (" COLUMNS ") "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnAttendance *self = pdn_attendance_new ();

  self->session_id = pdn_statement_column_int64 (stmt, 0);
  self->person_id = pdn_statement_column_int64 (stmt, 1);
  pdn_attendance_status_from_string (pdn_statement_column_text (stmt, 2), &self->status);
  if (!pdn_statement_column_is_null (stmt, 3))
    self->minutes = pdn_statement_column_int64 (stmt, 3);
  pdn_attendance_source_from_string (pdn_statement_column_text (stmt, 4), &self->source);
  if (!pdn_statement_column_is_null (stmt, 5))
    self->recorded_by_account_id = pdn_statement_column_int64 (stmt, 5);
  self->recorded_at = pdn_statement_dup_text (stmt, 6);
  return self;
}

/* Runs @sql, which selects COLUMNS, with up to two id parameters. */
static GPtrArray *
list_rows (PdnStore *store, const gchar *sql, gint64 session_id, gint64 person_id,
           GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, session_id);
  if (person_id != 0)
    pdn_statement_bind_int64 (stmt, 2, person_id);
  return pdn_statement_collect (stmt, from_row, error);
}

PdnAttendance *
pdn_attendance_load (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  rows = list_rows (store,
                    "SELECT " COLUMNS " FROM attendance WHERE session_id = ? AND person_id = ?",
                    session_id, person_id, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                           _("No attendance is recorded for person %lld in session %lld"),
                           (long long) person_id, (long long) session_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

GPtrArray *
pdn_attendance_list_for_session (PdnStore *store, gint64 session_id, GError **error)
{
  return list_rows (store,
                    "SELECT " COLUMNS " FROM attendance WHERE session_id = ? ORDER BY person_id",
                    session_id, 0, error);
}

GPtrArray *
pdn_attendance_history (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  return list_rows (store,
                    "SELECT " COLUMNS " FROM attendance_history "
                    "WHERE session_id = ? AND person_id = ? ORDER BY id",
                    session_id, person_id, error);
}
