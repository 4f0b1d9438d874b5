/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pdn-growth-data.h"
#include "pdn-growth-dates.h"
#include "pdn-growth-ids.h"
#include "pdn-growth-people.h"

/* Reads the per-school figures with the same rules as the core's
 * pdn_participation_compute (which a plugin cannot call): attendance
 * present or partial, each person credited to the school of the
 * affiliation covering the session's local date, teachers = people with
 * the teacher or coach role (any but school-leader and district-admin),
 * minutes as recorded or, for a present row without minutes, the
 * session's length. The tests compare the two. */

/* What a scanned attendance row needs of its session. */
typedef struct
{
  gint32 minutes;
  guint32 day;       /* local date as YYYYMMDD */
  gboolean selected; /* FALSE in the slots of ids without a selected session */
} SessionInfo;

typedef struct
{
  PdnContext *context;
  const PdnGrowthQuery *query;
  PdnProgressFunc progress;
  gpointer progress_data;
  gchar *year;
  gchar *starts_on;
  gchar *ends_on;
  GPtrArray *schools; /* PdnGrowthSchool */
  PdnGrowthIds *school_ids;
  PdnGrowthSchool **by_slot; /* the schools by slot, NULL in the holes */
  PdnGrowthTally *tallies;   /* by school slot */
  PdnGrowthIds *session_ids; /* the selected sessions */
  SessionInfo *sessions;     /* by session slot */
  PdnGrowthPeople *people;
} Load;

static void
school_free (PdnGrowthSchool *school)
{
  if (school == NULL)
    return;
  g_free (school->name);
  g_free (school->sector);
  g_free (school->organization_name);
  g_free (school);
}

static void
load_clear (Load *load)
{
  g_free (load->year);
  g_free (load->starts_on);
  g_free (load->ends_on);
  g_clear_pointer (&load->schools, g_ptr_array_unref);
  g_clear_pointer (&load->school_ids, pdn_growth_ids_free);
  g_clear_pointer (&load->by_slot, g_free);
  g_clear_pointer (&load->tallies, g_free);
  g_clear_pointer (&load->session_ids, pdn_growth_ids_free);
  g_clear_pointer (&load->sessions, g_free);
  g_clear_pointer (&load->people, pdn_growth_people_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Load, load_clear)

static gchar *
placeholders (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, i == 0 ? "?" : ", ?");
  return g_string_free (text, FALSE);
}

static void
bind_programs (Load *load, PdnQuery *query, guint first)
{
  for (guint i = 0; i < load->query->n_programs; i++)
    pdn_query_bind_int64 (query, first + i, load->query->program_ids[i]);
}

static gboolean
check_programs (Load *load, GError **error)
{
  for (guint i = 0; i < load->query->n_programs; i++)
    {
      g_autoptr (PdnQuery) query = pdn_context_query (
          load->context, "SELECT school_year FROM programs WHERE id = ?", error);
      PdnQueryStep step;

      if (query == NULL)
        return FALSE;
      pdn_query_bind_int64 (query, 1, load->query->program_ids[i]);
      step = pdn_query_step (query, error);
      if (step == PDN_QUERY_ERROR)
        return FALSE;
      if (step == PDN_QUERY_DONE)
        {
          pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "program_ids",
                               _ ("No program has id %lld"),
                               (long long)load->query->program_ids[i]);
          return FALSE;
        }
      /* Without a year, the programs must share one, as in the core. */
      if (load->query->school_year == NULL && load->year != NULL
          && g_strcmp0 (load->year, pdn_query_column_text (query, 0)) != 0)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_year",
                               _ ("These programs run in different school years; name one"));
          return FALSE;
        }
      if (load->year == NULL)
        load->year = g_strdup (load->query->school_year != NULL ? load->query->school_year
                                                                : pdn_query_column_text (query, 0));
    }
  return TRUE;
}

static gboolean
load_year (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context, "SELECT starts_on, ends_on FROM school_years WHERE label = ?", error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, load->year);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ERROR)
    return FALSE;
  if (step == PDN_QUERY_DONE)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "school_year",
                           _ ("No school year %s is known"), load->year);
      return FALSE;
    }
  load->starts_on = g_strdup (pdn_query_column_text (query, 0));
  load->ends_on = g_strdup (pdn_query_column_text (query, 1));
  return TRUE;
}

static PdnGrowthSchool *
school_from_row (PdnQuery *query)
{
  PdnGrowthSchool *school = g_new0 (PdnGrowthSchool, 1);

  school->id = pdn_query_column_int64 (query, 0);
  school->name = g_strdup (pdn_query_column_text (query, 1));
  school->sector = g_strdup (pdn_query_column_text (query, 2));
  school->organization_id = pdn_query_column_int64 (query, 3);
  school->organization_name = g_strdup (pdn_query_column_text (query, 4));
  school->headcount = pdn_query_column_is_null (query, 5) ? -1 : pdn_query_column_int64 (query, 5);
  school->status = PDN_GROWTH_NO_OUTCOME;
  return school;
}

/* The schools, and an array of them by slot with their tallies. */
static void
index_schools (Load *load)
{
  gint64 min = G_MAXINT64, max = G_MININT64;
  guint32 size;

  for (guint i = 0; i < load->schools->len; i++)
    {
      gint64 id = ((PdnGrowthSchool *)g_ptr_array_index (load->schools, i))->id;
      min = MIN (min, id);
      max = MAX (max, id);
    }
  load->school_ids = pdn_growth_ids_new (min, max, load->schools->len);
  size = pdn_growth_ids_size (load->school_ids);
  load->by_slot = g_new0 (PdnGrowthSchool *, MAX (size, 1));
  load->tallies = g_new0 (PdnGrowthTally, MAX (size, 1));
  for (guint i = 0; i < load->schools->len; i++)
    {
      PdnGrowthSchool *school = g_ptr_array_index (load->schools, i);
      guint32 slot = pdn_growth_ids_add (load->school_ids, school->id);

      if (slot != PDN_GROWTH_NO_SLOT)
        load->by_slot[slot] = school;
    }
}

static gboolean
load_schools (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context,
      "SELECT s.id, s.name, COALESCE (f.sector, s.sector), o.id, o.name, f.teacher_headcount"
      " FROM schools s"
      " LEFT JOIN school_year_facts f ON f.school_id = s.id AND f.school_year = ?"
      " JOIN organizations o ON o.id = COALESCE (f.organization_id, s.organization_id)",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, load->year);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_ptr_array_add (load->schools, school_from_row (query));
  if (step != PDN_QUERY_DONE)
    return FALSE;
  index_schools (load);
  return TRUE;
}

static PdnGrowthSchool *
find_school (Load *load, gint64 id)
{
  guint32 slot = pdn_growth_ids_find (load->school_ids, id);

  return slot != PDN_GROWTH_NO_SLOT ? load->by_slot[slot] : NULL;
}

typedef struct
{
  gint64 id;
  SessionInfo info;
} SessionRow;

/* The selected sessions in an array by slot. */
static void
index_sessions (Load *load, GArray *rows)
{
  gint64 min = G_MAXINT64, max = G_MININT64;

  for (guint i = 0; i < rows->len; i++)
    {
      min = MIN (min, g_array_index (rows, SessionRow, i).id);
      max = MAX (max, g_array_index (rows, SessionRow, i).id);
    }
  load->session_ids = pdn_growth_ids_new (min, max, rows->len);
  load->sessions = g_new0 (SessionInfo, MAX (pdn_growth_ids_size (load->session_ids), 1));
  for (guint i = 0; i < rows->len; i++)
    {
      SessionRow *row = &g_array_index (rows, SessionRow, i);
      guint32 slot = pdn_growth_ids_add (load->session_ids, row->id);

      if (slot != PDN_GROWTH_NO_SLOT)
        load->sessions[slot] = row->info;
    }
}

/* The sessions table is read whole: every attendance row is read anyway,
 * and there are fewer sessions than attendance rows, while looking many
 * sessions up through an index reads their pages in no order. */
static gboolean
load_sessions (Load *load, GError **error)
{
  g_autofree gchar *in = placeholders (load->query->n_programs);
  g_autofree gchar *sql
      = g_strdup_printf ("SELECT id, starts_at, ends_at, local_date FROM sessions NOT INDEXED"
                         " WHERE program_id IN (%s) AND local_date >= ? AND local_date <= ?",
                         in);
  g_autoptr (PdnQuery) query = pdn_context_query (load->context, sql, error);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (SessionRow));
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  bind_programs (load, query, 1);
  pdn_query_bind_text (query, load->query->n_programs + 1, load->starts_on);
  pdn_query_bind_text (query, load->query->n_programs + 2, load->ends_on);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 seconds = pdn_growth_seconds_between (pdn_query_column_text (query, 1),
                                                   pdn_query_column_text (query, 2));
      SessionRow row
          = { .id = pdn_query_column_int64 (query, 0),
              .info = { .minutes = (gint32)(seconds / 60),
                        .day = pdn_growth_day_number (pdn_query_column_text (query, 3), 0),
                        .selected = TRUE } };

      g_array_append_val (rows, row);
    }
  if (step != PDN_QUERY_DONE)
    return FALSE;
  index_sessions (load, rows);
  return TRUE;
}

typedef struct
{
  gint64 person_id;
  guint32 school_slot;
  guint32 from;
  guint32 to;
} AffiliationRow;

/* Sized from the affiliations' person ids: someone without an
 * affiliation is at no school and credits nothing. */
static void
index_people (Load *load, GArray *rows)
{
  gint64 min = G_MAXINT64, max = G_MININT64;

  for (guint i = 0; i < rows->len; i++)
    {
      min = MIN (min, g_array_index (rows, AffiliationRow, i).person_id);
      max = MAX (max, g_array_index (rows, AffiliationRow, i).person_id);
    }
  load->people = pdn_growth_people_new (min, max, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      AffiliationRow *row = &g_array_index (rows, AffiliationRow, i);
      pdn_growth_people_add (load->people, row->person_id, row->school_slot, row->from, row->to);
    }
}

/* Every affiliation with a known school, read once: looking one up per
 * attendance row is what made large runs slow. */
static gboolean
load_affiliations (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context, "SELECT person_id, school_id, starts_on, ends_on FROM affiliations", error);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (AffiliationRow));
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      AffiliationRow row = {
        .person_id = pdn_query_column_int64 (query, 0),
        .school_slot = pdn_growth_ids_find (load->school_ids, pdn_query_column_int64 (query, 1)),
        .from = pdn_growth_day_number (pdn_query_column_text (query, 2), 0),
        .to = pdn_growth_day_number (pdn_query_column_text (query, 3), PDN_GROWTH_DAY_OPEN),
      };

      if (row.school_slot != PDN_GROWTH_NO_SLOT)
        g_array_append_val (rows, row);
    }
  if (step != PDN_QUERY_DONE)
    return FALSE;
  index_people (load, rows);
  return TRUE;
}

/* Everyone but school leaders and district admins (an unknown role
 * included) counts as a teacher, as in the core. */
static gboolean
load_non_teachers (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context, "SELECT id FROM people WHERE role IN ('school-leader', 'district-admin')",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    pdn_growth_people_set_non_teacher (load->people, pdn_query_column_int64 (query, 0));
  return step == PDN_QUERY_DONE;
}

/* The attendance scan reports how far through the table it is every
 * this many rows: often enough to move a progress bar, rarely enough to
 * cost nothing. */
#define ROWS_PER_REPORT 65536
/* Of the load's progress, the share before the scan and the scan's own. */
#define SCAN_FROM 0.2
#define SCAN_SHARE 0.75

/* The load's own progress, 0 to 1; the caller says what is being done. */
static void
report (Load *load, gdouble fraction)
{
  load->progress (CLAMP (fraction, 0.0, 1.0), NULL, load->progress_data);
}

/* The largest rowid, to say how far the scan is by the rowid it is at. */
static gboolean
last_attendance_row (Load *load, gint64 *last, GError **error)
{
  g_autoptr (PdnQuery) query
      = pdn_context_query (load->context, "SELECT MAX (rowid) FROM attendance", error);

  if (query == NULL || pdn_query_step (query, error) != PDN_QUERY_ROW)
    return FALSE;
  *last = pdn_query_column_int64 (query, 0);
  return TRUE;
}

/* Reads the scan's row (session, person, minutes or NULL for the
 * session's length) into @row; FALSE when its session is not selected. */
static gboolean
read_row (Load *load, PdnQuery *query, PdnGrowthAttended *row)
{
  guint32 slot = pdn_growth_ids_find (load->session_ids, pdn_query_column_int64 (query, 0));
  const SessionInfo *session;

  if (slot == PDN_GROWTH_NO_SLOT || !load->sessions[slot].selected)
    return FALSE;
  session = &load->sessions[slot];
  row->person_id = pdn_query_column_int64 (query, 1);
  row->day = session->day;
  row->minutes
      = pdn_query_column_is_null (query, 2) ? session->minutes : pdn_query_column_int64 (query, 2);
  return TRUE;
}

/* Rows credited together; see pdn_growth_people_attend(). */
#define ROWS_PER_BATCH 1024

/* One pass over attendance in table order, reading only the columns the
 * count needs; a partial row without minutes counts none, a present one
 * the session's length (NULL here). */
static gboolean
scan_attendance (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = NULL;
  g_autofree PdnGrowthAttended *batch = g_new (PdnGrowthAttended, ROWS_PER_BATCH);
  PdnQueryStep step;
  gint64 last = 0;
  guint rows = 0, n = 0;

  if (!last_attendance_row (load, &last, error))
    return FALSE;
  query = pdn_context_query (load->context,
                             "SELECT session_id, person_id,"
                             " CASE WHEN minutes IS NOT NULL THEN minutes"
                             " WHEN status = 'present' THEN NULL ELSE 0 END, rowid"
                             " FROM attendance WHERE status IN ('present', 'partial')",
                             error);
  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      if (read_row (load, query, &batch[n]) && ++n == ROWS_PER_BATCH)
        {
          pdn_growth_people_attend (load->people, batch, n, load->tallies);
          n = 0;
        }
      if (++rows % ROWS_PER_REPORT == 0 && last > 0)
        report (load, SCAN_FROM + SCAN_SHARE * pdn_query_column_int64 (query, 3) / last);
    }
  pdn_growth_people_attend (load->people, batch, n, load->tallies);
  return step == PDN_QUERY_DONE;
}

/* Reads @measure in @year into value (or baseline), keeping the fewest
 * students either year rests on. */
static gboolean
read_outcomes (Load *load, const gchar *year, gboolean baseline, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context,
      "SELECT school_id, value, students_n FROM outcomes WHERE school_year = ? AND measure = ?",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, year);
  pdn_query_bind_text (query, 2, load->query->measure);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      PdnGrowthSchool *school = find_school (load, pdn_query_column_int64 (query, 0));
      gint64 students = pdn_query_column_int64 (query, 2);

      if (school == NULL)
        continue;
      if (baseline)
        school->baseline = pdn_query_column_double (query, 1);
      else
        {
          school->value = pdn_query_column_double (query, 1);
          school->has_outcome = TRUE;
        }
      school->students
          = baseline && school->students > 0 ? MIN (school->students, students) : students;
      if (!baseline)
        school->baseline = NAN;
    }
  return step == PDN_QUERY_DONE;
}

/* baseline is NAN when the baseline year has no row; read the year first. */
static gboolean
load_outcomes (Load *load, GError **error)
{
  if (!read_outcomes (load, load->year, FALSE, error))
    return FALSE;
  if (load->query->baseline_year != NULL
      && !read_outcomes (load, load->query->baseline_year, TRUE, error))
    return FALSE;
  for (guint i = 0; i < load->schools->len; i++)
    {
      PdnGrowthSchool *school = g_ptr_array_index (load->schools, i);

      if (school->has_outcome && load->query->baseline_year != NULL)
        {
          school->has_outcome = !isnan (school->baseline);
          school->value -= school->baseline;
        }
      if (!school->has_outcome)
        school->status = PDN_GROWTH_NO_OUTCOME;
      else if (school->students < load->query->min_students)
        school->status = PDN_GROWTH_SUPPRESSED;
      else
        school->status = PDN_GROWTH_INCLUDED;
    }
  return TRUE;
}

/* The scan's tallies into the schools. */
static void
copy_tallies (Load *load)
{
  guint32 size = pdn_growth_ids_size (load->school_ids);

  for (guint32 slot = 0; slot < size; slot++)
    if (load->by_slot[slot] != NULL)
      {
        load->by_slot[slot]->teachers = load->tallies[slot].teachers;
        load->by_slot[slot]->minutes = load->tallies[slot].minutes;
      }
}

static gint
sector_rank (const gchar *sector)
{
  const gchar *const order[] = { "district", "charter", "catholic" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (sector, order[i]) == 0)
      return (gint)i;
  return G_MAXINT;
}

static gint
compare_schools (gconstpointer a, gconstpointer b)
{
  const PdnGrowthSchool *x = *(PdnGrowthSchool *const *)a;
  const PdnGrowthSchool *y = *(PdnGrowthSchool *const *)b;
  gint order = g_strcmp0 (x->organization_name, y->organization_name);

  if (order == 0)
    order = (sector_rank (x->sector) > sector_rank (y->sector))
            - (sector_rank (x->sector) < sector_rank (y->sector));
  if (order == 0)
    order = g_strcmp0 (x->name, y->name);
  if (order == 0)
    order = (x->id > y->id) - (x->id < y->id);
  return order;
}

/* The schools of every organization with a school whose teachers took
 * part: the participants and their non-participating neighbours, taken
 * out of @load. */
static GPtrArray *
organizations_schools (Load *load)
{
  g_autoptr (GHashTable) organizations = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *schools = g_ptr_array_new_with_free_func ((GDestroyNotify)school_free);

  for (guint i = 0; i < load->schools->len; i++)
    {
      PdnGrowthSchool *school = g_ptr_array_index (load->schools, i);
      if (school->teachers > 0)
        g_hash_table_add (organizations, &school->organization_id);
    }
  for (guint i = 0; i < load->schools->len; i++)
    {
      PdnGrowthSchool *school = g_ptr_array_index (load->schools, i);

      if (!g_hash_table_contains (organizations, &school->organization_id))
        continue;
      g_ptr_array_add (schools, school);
      g_ptr_array_index (load->schools, i) = NULL;
    }
  g_ptr_array_sort (schools, compare_schools);
  return schools;
}

/* Schools and sessions, then people, then the attendance scan (most of
 * the time on a large network), then outcomes. */
static gboolean
load_all (Load *load, GError **error)
{
  report (load, 0.0);
  if (!check_programs (load, error) || !load_year (load, error) || !load_schools (load, error)
      || !load_sessions (load, error))
    return FALSE;
  report (load, 0.05);
  if (!load_affiliations (load, error) || !load_non_teachers (load, error))
    return FALSE;
  report (load, SCAN_FROM);
  if (!scan_attendance (load, error))
    return FALSE;
  report (load, SCAN_FROM + SCAN_SHARE);
  copy_tallies (load);
  return load_outcomes (load, error);
}

GPtrArray *
pdn_growth_load (PdnContext *context, const PdnGrowthQuery *query, PdnProgressFunc progress,
                 gpointer progress_data, gchar **school_year, GError **error)
{
  g_auto (Load) load = { 0 };

  load.context = context;
  load.query = query;
  load.progress = progress;
  load.progress_data = progress_data;
  load.schools = g_ptr_array_new_with_free_func ((GDestroyNotify)school_free);
  if (query->n_programs == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "program_ids",
                           _ ("Name at least one program"));
      return NULL;
    }
  if (!load_all (&load, error))
    return NULL;
  report (&load, 1.0);
  *school_year = g_strdup (load.year);
  return organizations_schools (&load);
}

gdouble
pdn_growth_school_hours (const PdnGrowthSchool *school)
{
  return school->minutes / 60.0;
}

gdouble
pdn_growth_school_rate (const PdnGrowthSchool *school)
{
  return school->headcount > 0 ? (gdouble)school->teachers / school->headcount : NAN;
}
