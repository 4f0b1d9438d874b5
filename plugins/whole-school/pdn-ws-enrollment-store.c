/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-db.h"
#include "pdn-ws-enrollment.h"

/* Enrollments in the plugin's tables (see pdn-ws-migrations.c): the
 * enrollment row, its commitments and its team, written together. */

static gchar *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
insert_commitments (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  for (guint i = 0; i < self->commitments->len; i++)
    {
      g_autoptr (PdnQuery) query = pdn_context_query (
          context,
          "INSERT INTO whole_school_commitments (enrollment_id, position, element)"
          " VALUES (?, ?, ?)",
          error);

      if (query == NULL)
        return FALSE;
      pdn_query_bind_int64 (query, 1, self->id);
      pdn_query_bind_int64 (query, 2, i);
      pdn_query_bind_text (query, 3, g_ptr_array_index (self->commitments, i));
      if (!pdn_query_run (query, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_team (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  for (guint i = 0; i < self->team->len; i++)
    {
      PdnWsTeamMember *member = g_ptr_array_index (self->team, i);
      g_autoptr (PdnQuery) query = pdn_context_query (
          context,
          "INSERT INTO whole_school_team_members"
          " (enrollment_id, position, person_id, role, grade_level) VALUES (?, ?, ?, ?, ?)",
          error);

      if (query == NULL)
        return FALSE;
      pdn_query_bind_int64 (query, 1, self->id);
      pdn_query_bind_int64 (query, 2, i);
      pdn_query_bind_int64 (query, 3, member->person_id);
      pdn_query_bind_text (query, 4, member->role);
      if (member->grade_level != NULL)
        pdn_query_bind_text (query, 5, member->grade_level);
      else
        pdn_query_bind_null (query, 5);
      if (!pdn_query_run (query, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_parts (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  return insert_commitments (self, context, error) && insert_team (self, context, error);
}

static gboolean
insert_row (PdnWsEnrollment *self, PdnContext *context, gint64 account_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "INSERT INTO whole_school_enrollments (program_id, school_id, starts_on,"
      " devices_per_student, bandwidth_mbps_per_student, created_by_account_id, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      error);

  if (query == NULL)
    return FALSE;
  g_free (self->created_at);
  g_free (self->updated_at);
  self->created_at = now_utc ();
  self->updated_at = g_strdup (self->created_at);
  pdn_query_bind_int64 (query, 1, self->program_id);
  pdn_query_bind_int64 (query, 2, self->school_id);
  pdn_query_bind_text (query, 3, self->starts_on);
  pdn_query_bind_double (query, 4, self->devices_per_student);
  pdn_query_bind_double (query, 5, self->bandwidth_mbps_per_student);
  if (account_id > 0)
    pdn_query_bind_int64 (query, 6, account_id);
  else
    pdn_query_bind_null (query, 6);
  pdn_query_bind_text (query, 7, self->created_at);
  pdn_query_bind_text (query, 8, self->updated_at);
  if (!pdn_query_run (query, error))
    return FALSE;
  self->id = pdn_query_last_insert_id (query);
  return TRUE;
}

/**
 * pdn_ws_enrollment_insert:
 * @account_id: who enrolls the school (0: the plugin itself)
 *
 * Saves a checked enrollment, all or nothing. A school enrolled twice in
 * a program is PDN_ERROR_CONFLICT (the caller checks first, the unique
 * index makes sure).
 */
gboolean
pdn_ws_enrollment_insert (PdnWsEnrollment *self, PdnContext *context, gint64 account_id,
                          GError **error)
{
  if (!pdn_context_begin (context, error))
    return FALSE;
  if (!insert_row (self, context, account_id, error) || !insert_parts (self, context, error))
    {
      pdn_context_rollback (context);
      return FALSE;
    }
  return pdn_context_commit (context, error);
}

static gboolean
update_row (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "UPDATE whole_school_enrollments SET starts_on = ?, devices_per_student = ?,"
      " bandwidth_mbps_per_student = ?, updated_at = ? WHERE id = ?",
      error);

  if (query == NULL)
    return FALSE;
  g_free (self->updated_at);
  self->updated_at = now_utc ();
  pdn_query_bind_text (query, 1, self->starts_on);
  pdn_query_bind_double (query, 2, self->devices_per_student);
  pdn_query_bind_double (query, 3, self->bandwidth_mbps_per_student);
  pdn_query_bind_text (query, 4, self->updated_at);
  pdn_query_bind_int64 (query, 5, self->id);
  return pdn_query_run (query, error);
}

static gboolean
replace_parts (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  return update_row (self, context, error)
         && pdn_ws_db_run_ids (context,
                               "DELETE FROM whole_school_commitments WHERE enrollment_id = ?",
                               PDN_WS_IDS (self->id), error)
         && pdn_ws_db_run_ids (context,
                               "DELETE FROM whole_school_team_members WHERE enrollment_id = ?",
                               PDN_WS_IDS (self->id), error)
         && insert_parts (self, context, error);
}

/**
 * pdn_ws_enrollment_replace:
 *
 * Replaces the readiness, commitments and team of the school's existing
 * enrollment (PDN_ERROR_NOT_FOUND without one); keeps its creation time.
 */
gboolean
pdn_ws_enrollment_replace (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  g_autoptr (PdnWsEnrollment) existing = NULL;

  if (!pdn_context_begin (context, error))
    return FALSE;
  existing = pdn_ws_enrollment_load (context, self->program_id, self->school_id, error);
  if (existing == NULL)
    {
      pdn_context_rollback (context);
      return FALSE;
    }
  self->id = existing->id;
  g_free (self->created_at);
  self->created_at = g_strdup (existing->created_at);
  if (!replace_parts (self, context, error))
    {
      pdn_context_rollback (context);
      return FALSE;
    }
  return pdn_context_commit (context, error);
}

static gboolean
load_commitments (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT element FROM whole_school_commitments WHERE enrollment_id = ? ORDER BY position",
      PDN_WS_IDS (self->id), error);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_ptr_array_add (self->commitments, g_strdup (pdn_query_column_text (query, 0)));
  return step == PDN_QUERY_DONE;
}

static gboolean
load_team (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT m.person_id, m.role, m.grade_level, p.name FROM whole_school_team_members m"
      " JOIN people p ON p.id = m.person_id WHERE m.enrollment_id = ? ORDER BY m.position",
      PDN_WS_IDS (self->id), error);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      g_autofree gchar *grade_level = pdn_ws_db_column_dup (query, 2);
      PdnWsTeamMember *member = pdn_ws_enrollment_add_member (
          self, pdn_query_column_int64 (query, 0), pdn_query_column_text (query, 1), grade_level);

      member->name = g_strdup (pdn_query_column_text (query, 3));
    }
  return step == PDN_QUERY_DONE;
}

#define SELECT_ENROLLMENTS                                                                       \
  "SELECT e.id, e.program_id, e.school_id, s.name, e.starts_on, e.devices_per_student,"         \
  " e.bandwidth_mbps_per_student, e.created_at, e.updated_at"                                    \
  " FROM whole_school_enrollments e JOIN schools s ON s.id = e.school_id "

static PdnWsEnrollment *
read_row (PdnQuery *query)
{
  g_autoptr (PdnWsEnrollment) self = pdn_ws_enrollment_new ();

  self->id = pdn_query_column_int64 (query, 0);
  self->program_id = pdn_query_column_int64 (query, 1);
  self->school_id = pdn_query_column_int64 (query, 2);
  self->school_name = g_strdup (pdn_query_column_text (query, 3));
  self->starts_on = g_strdup (pdn_query_column_text (query, 4));
  self->devices_per_student = pdn_query_column_double (query, 5);
  self->bandwidth_mbps_per_student = pdn_query_column_double (query, 6);
  self->created_at = g_strdup (pdn_query_column_text (query, 7));
  self->updated_at = g_strdup (pdn_query_column_text (query, 8));
  return g_steal_pointer (&self);
}

static gboolean
load_parts (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  return load_commitments (self, context, error) && load_team (self, context, error);
}

/* Returns: (transfer full) (nullable): the school's enrollment in the
 * program, or %NULL with PDN_ERROR_NOT_FOUND. */
PdnWsEnrollment *
pdn_ws_enrollment_load (PdnContext *context, gint64 program_id, gint64 school_id,
                        GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context, SELECT_ENROLLMENTS "WHERE e.program_id = ? AND e.school_id = ?",
      PDN_WS_IDS (program_id, school_id), error);
  g_autoptr (PdnWsEnrollment) self = NULL;
  PdnQueryStep step;

  if (query == NULL || (step = pdn_query_step (query, error)) == PDN_QUERY_ERROR)
    return NULL;
  if (step == PDN_QUERY_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "school_id",
                           _("School %lld is not enrolled in this program"),
                           (long long) school_id);
      return NULL;
    }
  self = read_row (query);
  g_clear_pointer (&query, pdn_query_free);
  if (!load_parts (self, context, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Returns: (transfer full) (element-type PdnWsEnrollment): the program's
 * enrollments, by school name. */
GPtrArray *
pdn_ws_enrollment_list (PdnContext *context, gint64 program_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context, SELECT_ENROLLMENTS "WHERE e.program_id = ? ORDER BY s.name, s.id",
      PDN_WS_IDS (program_id), error);
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_ws_enrollment_free);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_ptr_array_add (list, read_row (query));
  if (step != PDN_QUERY_DONE)
    return NULL;
  g_clear_pointer (&query, pdn_query_free);
  for (guint i = 0; i < list->len; i++)
    if (!load_parts (g_ptr_array_index (list, i), context, error))
      return NULL;
  return g_steal_pointer (&list);
}

gboolean
pdn_ws_enrollment_exists (PdnContext *context, gint64 program_id, gint64 school_id,
                          gboolean *exists, GError **error)
{
  gint64 count = 0;

  if (!pdn_ws_db_int (context,
                      "SELECT COUNT(*) FROM whole_school_enrollments"
                      " WHERE program_id = ? AND school_id = ?",
                      PDN_WS_IDS (program_id, school_id), &count, error))
    return FALSE;
  *exists = count > 0;
  return TRUE;
}
