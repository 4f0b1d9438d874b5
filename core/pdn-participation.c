/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-enums.h"
#include "pdn-participation.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/**
 * SECTION:pdn-participation
 *
 * The one participation computation. Every report, export and analysis
 * calls pdn_participation_compute(), so a teacher is counted the same way
 * everywhere: once per group, credited to the school of the affiliation
 * that covers the session's local date. Aggregation happens here rather
 * than in SQL so the per-group distinct counts work for any grouping and
 * the SQL stays portable.
 */

typedef struct
{
  gchar *name;
  gchar *external_id;
  gchar *sector;
  gint64 organization_id;
  gchar *organization_name;
  gint64 headcount;
} SchoolInfo;

typedef struct
{
  PdnParticipationRow *row;
  GHashTable *teachers;   /* person ids attended */
  GHashTable *leaders;
  GHashTable *admins;
  GHashTable *registered; /* teacher and coach ids registered */
} Group;

typedef struct
{
  PdnStore *store;
  const gint64 *program_ids;
  guint n_programs;
  gchar *school_year;
  gchar *starts_on;
  gchar *ends_on;
  PdnParticipationGrouping grouping;
  GHashTable *schools;         /* school id -> SchoolInfo */
  GHashTable *session_minutes; /* session id -> length in minutes */
  GHashTable *groups;          /* group key -> Group */
} Computation;

static void
school_info_free (SchoolInfo *info)
{
  g_free (info->name);
  g_free (info->external_id);
  g_free (info->sector);
  g_free (info->organization_name);
  g_free (info);
}

static void
group_free (Group *group)
{
  if (group->row != NULL)
    pdn_participation_row_free (group->row);
  g_hash_table_unref (group->teachers);
  g_hash_table_unref (group->leaders);
  g_hash_table_unref (group->admins);
  g_hash_table_unref (group->registered);
  g_free (group);
}

static void
computation_clear (Computation *c)
{
  g_free (c->school_year);
  g_free (c->starts_on);
  g_free (c->ends_on);
  g_clear_pointer (&c->schools, g_hash_table_unref);
  g_clear_pointer (&c->session_minutes, g_hash_table_unref);
  g_clear_pointer (&c->groups, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Computation, computation_clear)

/* "... IN (?, ?, ?)" for the program ids, bound from @first_index. */
static gchar *
program_placeholders (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, i == 0 ? "?" : ", ?");
  return g_string_free (text, FALSE);
}

static void
bind_programs (Computation *c, PdnStatement *stmt, guint first_index)
{
  for (guint i = 0; i < c->n_programs; i++)
    pdn_statement_bind_int64 (stmt, first_index + i, c->program_ids[i]);
}

static gboolean
check_programs_exist (Computation *c, GError **error)
{
  for (guint i = 0; i < c->n_programs; i++)
    {
      gint64 count = 0;
      if (!pdn_store_count (c->store, "SELECT COUNT(*) FROM programs WHERE id = ?",
                            c->program_ids[i], &count, error))
        return FALSE;
      if (count == 0)
        {
          pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "program_id",
                               _("No program has id %lld"),
                               (long long) c->program_ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Without an explicit school year, the programs must share one. */
static gboolean
resolve_default_year (Computation *c, GError **error)
{
  g_autofree gchar *in = program_placeholders (c->n_programs);
  g_autofree gchar *sql = g_strdup_printf (
    "SELECT DISTINCT school_year FROM programs WHERE id IN (%s)", in);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (c->store, sql, error);
  PdnStep step;
  guint found = 0;

  if (stmt == NULL)
    return FALSE;
  bind_programs (c, stmt, 1);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      found++;
      g_free (c->school_year);
      c->school_year = pdn_statement_dup_text (stmt, 0);
    }
  if (step == PDN_STEP_ERROR)
    return FALSE;
  if (found != 1)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_year",
                           _("These programs run in different school years; name one"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_year_dates (Computation *c, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    c->store, "SELECT starts_on, ends_on FROM school_years WHERE label = ?", error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, c->school_year);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ERROR)
    return FALSE;
  if (step == PDN_STEP_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "school_year",
                           _("No school year %s is known"), c->school_year);
      return FALSE;
    }
  c->starts_on = pdn_statement_dup_text (stmt, 0);
  c->ends_on = pdn_statement_dup_text (stmt, 1);
  return TRUE;
}

static SchoolInfo *
school_info_from_row (PdnStatement *stmt)
{
  SchoolInfo *info = g_new0 (SchoolInfo, 1);

  info->name = pdn_statement_dup_text (stmt, 1);
  info->external_id = pdn_statement_dup_text (stmt, 2);
  info->sector = pdn_statement_dup_text (stmt, 3);
  info->organization_id = pdn_statement_column_int64 (stmt, 4);
  info->organization_name = pdn_statement_dup_text (stmt, 5);
  info->headcount = pdn_statement_column_is_null (stmt, 6) ? -1
                                                           : pdn_statement_column_int64 (stmt, 6);
  return info;
}

/* Every school with that year's sector, organization and headcount (the
 * current ones when the year has no facts). */
static gboolean
load_schools (Computation *c, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    c->store,
    "SELECT s.id, s.name, s.external_id, COALESCE (f.sector, s.sector),"
    " o.id, o.name, f.teacher_headcount"
    " FROM schools s"
    " LEFT JOIN school_year_facts f ON f.school_id = s.id AND f.school_year = ?"
    " JOIN organizations o ON o.id = COALESCE (f.organization_id, s.organization_id)",
    error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, c->school_year);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = pdn_statement_column_int64 (stmt, 0);
      g_hash_table_insert (c->schools, id, school_info_from_row (stmt));
    }
  return step == PDN_STEP_DONE;
}

static gboolean
load_sessions (Computation *c, GError **error)
{
  g_autofree gchar *in = program_placeholders (c->n_programs);
  g_autofree gchar *sql = g_strdup_printf (
    "SELECT id, starts_at, ends_at FROM sessions"
    " WHERE program_id IN (%s) AND local_date >= ? AND local_date <= ?",
    in);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (c->store, sql, error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  bind_programs (c, stmt, 1);
  pdn_statement_bind_text (stmt, c->n_programs + 1, c->starts_on);
  pdn_statement_bind_text (stmt, c->n_programs + 2, c->ends_on);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      gint64 seconds = pdn_time_seconds_between (pdn_statement_column_text (stmt, 1),
                                                 pdn_statement_column_text (stmt, 2));
      *id = pdn_statement_column_int64 (stmt, 0);
      g_hash_table_insert (c->session_minutes, id, GINT_TO_POINTER ((gint) (seconds / 60)));
    }
  return step == PDN_STEP_DONE;
}

static gchar *
group_key (Computation *c, gint64 school_id, const SchoolInfo *info)
{
  switch (c->grouping)
    {
    case PDN_PARTICIPATION_BY_SECTOR:
      return g_strdup (info->sector);
    case PDN_PARTICIPATION_BY_ORGANIZATION:
      return g_strdup_printf ("%" G_GINT64_FORMAT, info->organization_id);
    case PDN_PARTICIPATION_BY_SCHOOL:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, school_id);
    }
}

static PdnParticipationRow *
group_row_new (Computation *c, gint64 school_id, const SchoolInfo *info)
{
  PdnParticipationRow *row = pdn_participation_row_new ();

  if (c->grouping == PDN_PARTICIPATION_BY_SCHOOL)
    {
      row->school_id = school_id;
      row->school_name = g_strdup (info->name);
      row->school_external_id = g_strdup (info->external_id);
      row->teacher_headcount = info->headcount;
    }
  if (c->grouping != PDN_PARTICIPATION_BY_ORGANIZATION)
    row->sector = g_strdup (info->sector);
  if (c->grouping != PDN_PARTICIPATION_BY_SECTOR)
    {
      row->organization_id = info->organization_id;
      row->organization_name = g_strdup (info->organization_name);
    }
  return row;
}

/* The group a school's people are credited to, created on first use. */
static Group *
group_for_school (Computation *c, gint64 school_id)
{
  const SchoolInfo *info = g_hash_table_lookup (c->schools, &school_id);
  g_autofree gchar *key = NULL;
  Group *group;

  if (info == NULL)
    return NULL;
  key = group_key (c, school_id, info);
  group = g_hash_table_lookup (c->groups, key);
  if (group != NULL)
    return group;
  group = g_new0 (Group, 1);
  group->row = group_row_new (c, school_id, info);
  group->teachers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  group->leaders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  group->admins = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  group->registered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_insert (c->groups, g_steal_pointer (&key), group);
  return group;
}

static void
add_person (GHashTable *set, gint64 person_id)
{
  if (!g_hash_table_contains (set, &person_id))
    g_hash_table_add (set, g_memdup2 (&person_id, sizeof person_id));
}

static gboolean
is_teacher_role (PdnPersonRole role)
{
  return role == PDN_PERSON_ROLE_TEACHER || role == PDN_PERSON_ROLE_COACH;
}

/* A present row without minutes counts the whole session; a partial row
 * without minutes counts nothing, since how much is unknown. */
static gint64
credited_minutes (Computation *c, gint64 session_id, PdnAttendanceStatus status,
                  gboolean has_minutes, gint64 minutes)
{
  if (has_minutes)
    return minutes;
  if (status != PDN_ATTENDANCE_STATUS_PRESENT)
    return 0;
  return GPOINTER_TO_INT (g_hash_table_lookup (c->session_minutes, &session_id));
}

static void
count_attendance (Computation *c, PdnStatement *stmt)
{
  gint64 session_id = pdn_statement_column_int64 (stmt, 0);
  gint64 person_id = pdn_statement_column_int64 (stmt, 1);
  PdnPersonRole role = PDN_PERSON_ROLE_TEACHER;
  PdnAttendanceStatus status = PDN_ATTENDANCE_STATUS_ABSENT;
  Group *group;

  if (pdn_statement_column_is_null (stmt, 5))
    return; /* not at any school that day (e.g. an outside facilitator) */
  group = group_for_school (c, pdn_statement_column_int64 (stmt, 5));
  if (group == NULL)
    return;
  pdn_person_role_from_string (pdn_statement_column_text (stmt, 2), &role);
  pdn_attendance_status_from_string (pdn_statement_column_text (stmt, 3), &status);
  group->row->minutes_attended
    += credited_minutes (c, session_id, status, !pdn_statement_column_is_null (stmt, 4),
                         pdn_statement_column_int64 (stmt, 4));
  if (is_teacher_role (role))
    {
      add_person (group->teachers, person_id);
      group->row->teacher_attendances++;
    }
  else if (role == PDN_PERSON_ROLE_SCHOOL_LEADER)
    add_person (group->leaders, person_id);
  else
    add_person (group->admins, person_id);
}

/* Rows of (session, person, role, status, minutes, school that day). */
static gboolean
scan_attendance (Computation *c, GError **error)
{
  g_autofree gchar *in = program_placeholders (c->n_programs);
  g_autofree gchar *sql = g_strdup_printf (
    "SELECT a.session_id, a.person_id, p.role, a.status, a.minutes, af.school_id"
    " FROM attendance a"
    " JOIN sessions s ON s.id = a.session_id"
    " JOIN people p ON p.id = a.person_id"
    " LEFT JOIN affiliations af ON af.person_id = a.person_id"
    "  AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"
    "  AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"
    " WHERE s.program_id IN (%s) AND s.local_date >= ? AND s.local_date <= ?"
    "  AND a.status IN ('present', 'partial')",
    in);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (c->store, sql, error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  bind_programs (c, stmt, 1);
  pdn_statement_bind_text (stmt, c->n_programs + 1, c->starts_on);
  pdn_statement_bind_text (stmt, c->n_programs + 2, c->ends_on);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    count_attendance (c, stmt);
  return step == PDN_STEP_DONE;
}

static gboolean
scan_registrations (Computation *c, GError **error)
{
  g_autofree gchar *in = program_placeholders (c->n_programs);
  g_autofree gchar *sql = g_strdup_printf (
    "SELECT r.person_id, af.school_id"
    " FROM registrations r"
    " JOIN sessions s ON s.id = r.session_id"
    " JOIN people p ON p.id = r.person_id"
    " JOIN affiliations af ON af.person_id = r.person_id"
    "  AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"
    "  AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"
    " WHERE s.program_id IN (%s) AND s.local_date >= ? AND s.local_date <= ?"
    "  AND r.status = 'registered' AND s.state = 'scheduled'"
    "  AND p.role IN ('teacher', 'coach')",
    in);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (c->store, sql, error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  bind_programs (c, stmt, 1);
  pdn_statement_bind_text (stmt, c->n_programs + 1, c->starts_on);
  pdn_statement_bind_text (stmt, c->n_programs + 2, c->ends_on);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      Group *group = group_for_school (c, pdn_statement_column_int64 (stmt, 1));
      if (group != NULL)
        add_person (group->registered, pdn_statement_column_int64 (stmt, 0));
    }
  return step == PDN_STEP_DONE;
}

/* A sector's or organization's headcount is that of all its schools that
 * year, participating or not, so its rate is a share of all its teachers. */
static void
sum_group_headcounts (Computation *c)
{
  GHashTableIter iter;
  gpointer key, value;

  if (c->grouping == PDN_PARTICIPATION_BY_SCHOOL)
    return;
  g_hash_table_iter_init (&iter, c->schools);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const SchoolInfo *info = value;
      g_autofree gchar *group_id = group_key (c, *(gint64 *) key, info);
      Group *group = g_hash_table_lookup (c->groups, group_id);

      if (group == NULL || info->headcount < 0)
        continue;
      group->row->teacher_headcount = MAX (group->row->teacher_headcount, 0) + info->headcount;
    }
}

static gint
sector_rank (const gchar *sector)
{
  PdnSector value = PDN_SECTOR_DISTRICT;

  return pdn_sector_from_string (sector, &value) ? (gint) value : G_MAXINT;
}

static gint
compare_rows (gconstpointer a, gconstpointer b)
{
  const PdnParticipationRow *x = *(PdnParticipationRow *const *) a;
  const PdnParticipationRow *y = *(PdnParticipationRow *const *) b;
  gint order = g_strcmp0 (x->organization_name, y->organization_name);

  if (order == 0)
    order = sector_rank (x->sector) - sector_rank (y->sector);
  if (order == 0)
    order = g_strcmp0 (x->school_name, y->school_name);
  if (order == 0)
    order = (x->school_id > y->school_id) - (x->school_id < y->school_id);
  return order;
}

static PdnParticipationReport *
build_report (Computation *c)
{
  PdnParticipationReport *report = pdn_participation_report_new (c->school_year, c->grouping);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, c->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *group = value;
      group->row->teachers_attended = g_hash_table_size (group->teachers);
      group->row->leaders_attended = g_hash_table_size (group->leaders);
      group->row->admins_attended = g_hash_table_size (group->admins);
      group->row->teachers_registered = g_hash_table_size (group->registered);
      g_ptr_array_add (rows, g_steal_pointer (&group->row));
    }
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    pdn_participation_report_take_row (report, g_ptr_array_index (rows, i));
  return report;
}

static gboolean
compute_in_snapshot (Computation *c, GError **error)
{
  if (!check_programs_exist (c, error))
    return FALSE;
  if (c->school_year == NULL && !resolve_default_year (c, error))
    return FALSE;
  return load_year_dates (c, error) && load_schools (c, error) && load_sessions (c, error)
         && scan_attendance (c, error) && scan_registrations (c, error);
}

/**
 * pdn_participation_compute:
 * @program_ids: (array length=n_programs): the programs to count
 * @school_year: (nullable): e.g. "2025-26"; %NULL for the programs' own year
 *
 * Participation per school (or sector, or organization) in the sessions of
 * @program_ids held during @school_year. Only groups with at least one
 * attendee or registrant get a row. Runs in one read transaction, so the
 * figures are a consistent snapshot.
 */
PdnParticipationReport *
pdn_participation_compute (PdnStore *store, const gint64 *program_ids, guint n_programs,
                           const gchar *school_year, PdnParticipationGrouping grouping,
                           GError **error)
{
  g_auto (Computation) c = { 0 };
  g_autoptr (PdnTransaction) tx = NULL;

  if (n_programs == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "program_id",
                           _("Name at least one program"));
      return NULL;
    }
  c.store = store;
  c.program_ids = program_ids;
  c.n_programs = n_programs;
  c.school_year = g_strdup (school_year);
  c.grouping = grouping;
  c.schools = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) school_info_free);
  c.session_minutes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) group_free);
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_READ, error);
  if (tx == NULL || !compute_in_snapshot (&c, error))
    return NULL;
  sum_group_headcounts (&c);
  return build_report (&c);
}
