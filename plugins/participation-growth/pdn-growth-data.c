/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pdn-growth-data.h"

/* Reads the per-school figures with the same rules as the core's
 * pdn_participation_compute (which a plugin cannot call): attendance
 * present or partial, each person credited to the school of the
 * affiliation covering the session's local date, teachers = people with
 * the teacher or coach role (any but school-leader and district-admin),
 * minutes as recorded or, for a present row without minutes, the
 * session's length. The tests compare the two. */

typedef struct
{
  PdnContext *context;
  const PdnGrowthQuery *query;
  gchar *year;
  gchar *starts_on;
  gchar *ends_on;
  GHashTable *schools;  /* id -> PdnGrowthSchool */
  GHashTable *minutes;  /* session id -> SessionInfo */
  GHashTable *teachers; /* packed school and person ids seen */
  GHashTable *affiliations; /* person id -> GArray of Affiliation */
  GHashTable *non_teachers; /* person ids of school leaders and district admins */
  GPtrArray *school_index;  /* by id, when ids are dense enough: the scan's lookups */
  GPtrArray *session_index;
} Load;

/* What a scanned attendance row needs of its session. */
typedef struct
{
  gint minutes;
  guint32 day; /* local date as YYYYMMDD */
} SessionInfo;

/* An affiliation, with open ends as 0 and G_MAXUINT32. */
typedef struct
{
  gint64 school_id;
  guint32 from;
  guint32 to;
} Affiliation;

static void
school_free (PdnGrowthSchool *school)
{
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
  g_clear_pointer (&load->schools, g_hash_table_unref);
  g_clear_pointer (&load->minutes, g_hash_table_unref);
  g_clear_pointer (&load->teachers, g_hash_table_unref);
  g_clear_pointer (&load->affiliations, g_hash_table_unref);
  g_clear_pointer (&load->non_teachers, g_hash_table_unref);
  g_clear_pointer (&load->school_index, g_ptr_array_unref);
  g_clear_pointer (&load->session_index, g_ptr_array_unref);
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

/* "2026-09-12" as 20260912, for comparing days without parsing them
 * again per row; NULL is @open_end. */
static guint32
day_number (const gchar *date, guint32 open_end)
{
  guint y = 0, m = 0, d = 0;

  if (date == NULL || sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return open_end;
  return y * 10000 + m * 100 + d;
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
    {
      PdnGrowthSchool *school = g_new0 (PdnGrowthSchool, 1);

      school->id = pdn_query_column_int64 (query, 0);
      school->name = g_strdup (pdn_query_column_text (query, 1));
      school->sector = g_strdup (pdn_query_column_text (query, 2));
      school->organization_id = pdn_query_column_int64 (query, 3);
      school->organization_name = g_strdup (pdn_query_column_text (query, 4));
      school->headcount
          = pdn_query_column_is_null (query, 5) ? -1 : pdn_query_column_int64 (query, 5);
      school->status = PDN_GROWTH_NO_OUTCOME;
      g_hash_table_insert (load->schools, &school->id, school);
    }
  return step == PDN_QUERY_DONE;
}

static gint64
seconds_between (const gchar *start, const gchar *end)
{
  g_autoptr (GDateTime) a = g_date_time_new_from_iso8601 (start, NULL);
  g_autoptr (GDateTime) b = g_date_time_new_from_iso8601 (end, NULL);

  if (a == NULL || b == NULL)
    return 0;
  return g_date_time_difference (b, a) / G_TIME_SPAN_SECOND;
}

static gboolean
load_sessions (Load *load, GError **error)
{
  g_autofree gchar *in = placeholders (load->query->n_programs);
  g_autofree gchar *sql
      = g_strdup_printf ("SELECT id, starts_at, ends_at, local_date FROM sessions"
                         " WHERE program_id IN (%s) AND local_date >= ? AND local_date <= ?",
                         in);
  g_autoptr (PdnQuery) query = pdn_context_query (load->context, sql, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  bind_programs (load, query, 1);
  pdn_query_bind_text (query, load->query->n_programs + 1, load->starts_on);
  pdn_query_bind_text (query, load->query->n_programs + 2, load->ends_on);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 *id = g_memdup2 ((gint64[]){ pdn_query_column_int64 (query, 0) }, sizeof (gint64));
      gint64 seconds
          = seconds_between (pdn_query_column_text (query, 1), pdn_query_column_text (query, 2));
      SessionInfo *info = g_new (SessionInfo, 1);

      info->minutes = (gint)(seconds / 60);
      info->day = day_number (pdn_query_column_text (query, 3), 0);
      g_hash_table_insert (load->minutes, id, info);
    }
  return step == PDN_QUERY_DONE;
}

/* Everyone but school leaders and district admins (an unknown role
 * included) counts as a teacher, as in the core. */
static gboolean
load_non_teachers (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context,
      "SELECT id FROM people WHERE role IN ('school-leader', 'district-admin')", error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    g_hash_table_add (load->non_teachers,
                      GSIZE_TO_POINTER ((gsize) pdn_query_column_int64 (query, 0)));
  return step == PDN_QUERY_DONE;
}

/* Every affiliation, read once in order: looking one up per attendance
 * row is what made large runs slow. */
static gboolean
load_affiliations (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      load->context, "SELECT person_id, school_id, starts_on, ends_on FROM affiliations", error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gpointer person = GSIZE_TO_POINTER ((gsize) pdn_query_column_int64 (query, 0));
      GArray *list = g_hash_table_lookup (load->affiliations, person);
      Affiliation affiliation = {
        .school_id = pdn_query_column_int64 (query, 1),
        .from = day_number (pdn_query_column_text (query, 2), 0),
        .to = day_number (pdn_query_column_text (query, 3), G_MAXUINT32),
      };

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Affiliation));
          g_hash_table_insert (load->affiliations, person, list);
        }
      g_array_append_val (list, affiliation);
    }
  return step == PDN_QUERY_DONE;
}

/* An array indexed by id over @table's values (keyed by gint64), or NULL
 * when the ids are too sparse for one. */
static GPtrArray *
index_by_id (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 max = 0;
  GPtrArray *index;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    max = MAX (max, *(gint64 *) key);
  if (max > 4 * (gint64) g_hash_table_size (table) + 1000000)
    return NULL;
  index = g_ptr_array_sized_new ((guint) max + 1);
  g_ptr_array_set_size (index, (guint) max + 1);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key >= 0)
      g_ptr_array_index (index, *(gint64 *) key) = value;
  return index;
}

static gpointer
lookup_id (GPtrArray *index, GHashTable *table, gint64 id)
{
  if (index == NULL)
    return g_hash_table_lookup (table, &id);
  return id >= 0 && id < (gint64) index->len ? g_ptr_array_index (index, id) : NULL;
}

/* Keys of two ids (school, person). */
static guint
pair_hash (gconstpointer key)
{
  const gint64 *pair = key;

  return g_int64_hash (&pair[0]) * 31 + g_int64_hash (&pair[1]);
}

static gboolean
pair_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, 2 * sizeof (gint64)) == 0;
}

static void
credit (Load *load, gint64 school_id, gint64 person_id, gint64 minutes)
{
  PdnGrowthSchool *school = lookup_id (load->school_index, load->schools, school_id);
  gint64 key[2] = { school_id, person_id };

  if (school == NULL)
    return;
  school->minutes += minutes;
  if (g_hash_table_contains (load->non_teachers, GSIZE_TO_POINTER ((gsize) person_id))
      || g_hash_table_contains (load->teachers, key))
    return;
  g_hash_table_add (load->teachers, g_memdup2 (key, sizeof key));
  school->teachers++;
}

/* One attendance row: credited to every school whose affiliation covers
 * the session's day (one, since affiliations do not overlap). */
static void
count_row (Load *load, PdnQuery *query)
{
  gint64 session_id = pdn_query_column_int64 (query, 0);
  gint64 person_id = pdn_query_column_int64 (query, 1);
  SessionInfo *session = lookup_id (load->session_index, load->minutes, session_id);
  GArray *list;
  gint64 minutes = 0;

  if (session == NULL)
    return;
  list = g_hash_table_lookup (load->affiliations, GSIZE_TO_POINTER ((gsize) person_id));
  if (!pdn_query_column_is_null (query, 3))
    minutes = pdn_query_column_int64 (query, 3);
  else if (g_strcmp0 (pdn_query_column_text (query, 2), "present") == 0)
    minutes = session->minutes;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Affiliation *affiliation = &g_array_index (list, Affiliation, i);
      if (affiliation->from <= session->day && session->day <= affiliation->to)
        credit (load, affiliation->school_id, person_id, minutes);
    }
}

/* One pass over attendance in table order, keeping the rows of the
 * selected sessions. */
static gboolean
scan_attendance (Load *load, GError **error)
{
  g_autoptr (PdnQuery) query = NULL;
  PdnQueryStep step;

  if (!load_non_teachers (load, error) || !load_affiliations (load, error))
    return FALSE;
  load->school_index = index_by_id (load->schools);
  load->session_index = index_by_id (load->minutes);
  query = pdn_context_query (load->context,
                             "SELECT session_id, person_id, status, minutes FROM attendance"
                             " WHERE status IN ('present', 'partial')",
                             error);
  if (query == NULL)
    return FALSE;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    count_row (load, query);
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
      gint64 id = pdn_query_column_int64 (query, 0);
      PdnGrowthSchool *school = g_hash_table_lookup (load->schools, &id);
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
  GHashTableIter iter;
  gpointer value;

  if (!read_outcomes (load, load->year, FALSE, error))
    return FALSE;
  if (load->query->baseline_year != NULL
      && !read_outcomes (load, load->query->baseline_year, TRUE, error))
    return FALSE;
  g_hash_table_iter_init (&iter, load->schools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PdnGrowthSchool *school = value;

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
 * part: the participants and their non-participating neighbours. */
static GPtrArray *
organizations_schools (Load *load)
{
  g_autoptr (GHashTable) organizations = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *schools = g_ptr_array_new_with_free_func ((GDestroyNotify)school_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, load->schools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((PdnGrowthSchool *)value)->teachers > 0)
      g_hash_table_add (organizations, &((PdnGrowthSchool *)value)->organization_id);
  g_hash_table_iter_init (&iter, load->schools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PdnGrowthSchool *school = value;

      if (!g_hash_table_contains (organizations, &school->organization_id))
        continue;
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (schools, school);
    }
  g_ptr_array_sort (schools, compare_schools);
  return schools;
}

GPtrArray *
pdn_growth_load (PdnContext *context, const PdnGrowthQuery *query, gchar **school_year,
                 GError **error)
{
  g_auto (Load) load = { 0 };

  load.context = context;
  load.query = query;
  load.schools
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)school_free);
  load.minutes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  load.affiliations = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify) g_array_unref);
  load.non_teachers = g_hash_table_new (g_direct_hash, g_direct_equal);
  load.teachers = g_hash_table_new_full (pair_hash, pair_equal, g_free, NULL);
  if (query->n_programs == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "program_ids",
                           _ ("Name at least one program"));
      return NULL;
    }
  if (!check_programs (&load, error) || !load_year (&load, error) || !load_schools (&load, error)
      || !load_sessions (&load, error) || !scan_attendance (&load, error)
      || !load_outcomes (&load, error))
    return NULL;
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
