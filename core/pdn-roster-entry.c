/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-roster-entry.h"

G_DEFINE_FINAL_TYPE (PdnRosterEntry, pdn_roster_entry, G_TYPE_OBJECT)

static void
pdn_roster_entry_finalize (GObject *object)
{
  PdnRosterEntry *self = PDN_ROSTER_ENTRY (object);

  g_free (self->name);
  g_free (self->email);
  g_clear_object (&self->attendance);
  g_free (self->checked_in_at);
  G_OBJECT_CLASS (pdn_roster_entry_parent_class)->finalize (object);
}

static void
pdn_roster_entry_class_init (PdnRosterEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_roster_entry_finalize;
}

static void
pdn_roster_entry_init (PdnRosterEntry *self)
{
  self->registration_status = -1;
}

/* The sheet is the union of active registrations and attendance; the
 * unique index on active registrations makes the first subquery return
 * one row at the most. Binds the session id five times, then the
 * optional person id. */
#define ROSTER_SQL                                                                               \
  "SELECT p.id, p.name, p.email,"                                                                \
  " (SELECT r.status FROM registrations r WHERE r.session_id = ? AND r.person_id = p.id"        \
  "   AND r.status <> 'cancelled'),"                                                             \
  " a.status, a.minutes, a.source, a.recorded_by_account_id, a.recorded_at,"                     \
  " (SELECT MIN(h.recorded_at) FROM attendance_history h WHERE h.session_id = ?"                 \
  "   AND h.person_id = p.id AND h.source = 'check-in')"                                         \
  " FROM people p LEFT JOIN attendance a ON a.session_id = ? AND a.person_id = p.id"             \
  " WHERE p.id IN (SELECT person_id FROM registrations WHERE session_id = ?"                     \
  "   AND status <> 'cancelled' UNION SELECT person_id FROM attendance WHERE session_id = ?)"

static PdnAttendance *
attendance_from_row (PdnStatement *stmt, gint64 session_id, gint64 person_id)
{
  PdnAttendance *attendance = pdn_attendance_new ();

  attendance->session_id = session_id;
  attendance->person_id = person_id;
  pdn_attendance_status_from_string (pdn_statement_column_text (stmt, 4), &attendance->status);
  if (!pdn_statement_column_is_null (stmt, 5))
    attendance->minutes = pdn_statement_column_int64 (stmt, 5);
  pdn_attendance_source_from_string (pdn_statement_column_text (stmt, 6), &attendance->source);
  if (!pdn_statement_column_is_null (stmt, 7))
    attendance->recorded_by_account_id = pdn_statement_column_int64 (stmt, 7);
  attendance->recorded_at = pdn_statement_dup_text (stmt, 8);
  return attendance;
}

static PdnRosterEntry *
from_row (PdnStatement *stmt, gint64 session_id)
{
  PdnRosterEntry *self = g_object_new (PDN_TYPE_ROSTER_ENTRY, NULL);
  PdnRegistrationStatus status;

  self->person_id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  self->email = pdn_statement_dup_text (stmt, 2);
  if (!pdn_statement_column_is_null (stmt, 3)
      && pdn_registration_status_from_string (pdn_statement_column_text (stmt, 3), &status))
    self->registration_status = status;
  if (!pdn_statement_column_is_null (stmt, 4))
    self->attendance = attendance_from_row (stmt, session_id, self->person_id);
  self->checked_in_at = pdn_statement_dup_text (stmt, 9);
  return self;
}

/* @person_id: 0 for everyone on the sheet */
static GPtrArray *
list_entries (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  PdnStep step;

  stmt = pdn_store_prepare (store,
                            person_id != 0 ? ROSTER_SQL " AND p.id = ?"
                                           : ROSTER_SQL " ORDER BY p.name, p.id",
                            error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 1; i <= 5; i++)
    pdn_statement_bind_int64 (stmt, i, session_id);
  if (person_id != 0)
    pdn_statement_bind_int64 (stmt, 6, person_id);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (entries, from_row (stmt, session_id));
  return step == PDN_STEP_DONE ? g_steal_pointer (&entries) : NULL;
}

GPtrArray *
pdn_roster_entry_list_for_session (PdnStore *store, gint64 session_id, GError **error)
{
  return list_entries (store, session_id, 0, error);
}

PdnRosterEntry *
pdn_roster_entry_load (PdnStore *store, gint64 session_id, gint64 person_id, GError **error)
{
  g_autoptr (GPtrArray) entries = list_entries (store, session_id, person_id, error);

  if (entries == NULL)
    return NULL;
  if (entries->len == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                           _("Person %lld is neither registered for session %lld nor recorded "
                             "as attending it"),
                           (long long) person_id, (long long) session_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (entries, 0));
}
