/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pdn-reach-data.h"

/* Columns: 0 program id, 1 program name, 2 school year, 3 term, 4 session
 * id, 5 local date, 6 person id, 7 whether the session is in its
 * program's school year, 8 school id, 9 school name, 10 sector, 11
 * organization id, 12 organization name (8-12 NULL without an
 * affiliation that day). A person with overlapping affiliations counts at
 * each school, as in the core's participation figures. */
static const gchar attendance_sql[]
    = "SELECT p.id, p.name, p.school_year, se.term, s.id, s.local_date, a.person_id,"
      " CASE WHEN s.local_date >= y.starts_on AND s.local_date <= y.ends_on THEN 1 ELSE 0 END,"
      " sc.id, sc.name, COALESCE (f.sector, sc.sector), o.id, o.name"
      " FROM attendance a"
      " JOIN sessions s ON s.id = a.session_id"
      " JOIN programs p ON p.id = s.program_id"
      " JOIN people pe ON pe.id = a.person_id"
      " LEFT JOIN school_years y ON y.label = p.school_year"
      " LEFT JOIN series se ON se.id = s.series_id"
      " LEFT JOIN affiliations af ON af.person_id = a.person_id"
      "  AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"
      "  AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"
      " LEFT JOIN schools sc ON sc.id = af.school_id"
      " LEFT JOIN school_year_facts f ON f.school_id = sc.id AND f.school_year = p.school_year"
      " LEFT JOIN organizations o ON o.id = COALESCE (f.organization_id, sc.organization_id)"
      " WHERE a.status IN ('present', 'partial') AND pe.role IN ('teacher', 'coach')";

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
school_free (PdnReachSchool *school)
{
  g_free (school->name);
  g_free (school->sector);
  g_free (school->organization_name);
  g_free (school->first_date);
  g_hash_table_unref (school->teachers);
  g_free (school);
}

static void
group_free (PdnReachGroup *group)
{
  g_free (group->term);
  g_free (group->program_name);
  g_free (group->school_year);
  g_free (group->first_date);
  g_hash_table_unref (group->teachers);
  g_hash_table_unref (group->schools);
  g_hash_table_unref (group->sessions);
  g_free (group);
}

void
pdn_reach_data_free (PdnReachData *data)
{
  g_ptr_array_unref (data->groups);
  g_hash_table_unref (data->person_first);
  g_hash_table_unref (data->school_first);
  g_free (data);
}

/* Keeps the earlier of the dates under @key. */
static void
note_first (GHashTable *dates, gint64 key, const gchar *date)
{
  const gchar *known = g_hash_table_lookup (dates, &key);

  if (known == NULL || strcmp (date, known) < 0)
    g_hash_table_insert (dates, int64_key (key), g_strdup (date));
}

static void
note_first_text (gchar **first, const gchar *date)
{
  if (*first == NULL || strcmp (date, *first) < 0)
    {
      g_free (*first);
      *first = g_strdup (date);
    }
}

static gboolean
in_scope (PdnQuery *query, const PdnReachFilter *filter)
{
  gint64 program = pdn_query_column_int64 (query, 0);
  gboolean listed = filter->program_ids->len == 0;

  if (pdn_query_column_int64 (query, 7) == 0)
    return FALSE;
  if (filter->school_year != NULL
      && g_strcmp0 (filter->school_year, pdn_query_column_text (query, 2)) != 0)
    return FALSE;
  for (guint i = 0; i < filter->program_ids->len && !listed; i++)
    listed = g_array_index (filter->program_ids, gint64, i) == program;
  return listed;
}

static PdnReachGroup *
group_for_row (GHashTable *groups, PdnQuery *query)
{
  const gchar *term = pdn_query_column_is_null (query, 3) ? NULL : pdn_query_column_text (query, 3);
  g_autofree gchar *key
      = g_strdup_printf ("%lld\x1f%s%s", (long long)pdn_query_column_int64 (query, 0),
                         term != NULL ? "t:" : "", term != NULL ? term : "");
  PdnReachGroup *group = g_hash_table_lookup (groups, key);

  if (group != NULL)
    return group;
  group = g_new0 (PdnReachGroup, 1);
  group->term = g_strdup (term);
  group->program_id = pdn_query_column_int64 (query, 0);
  /* Programs of different years may share a name. */
  group->program_name = g_strdup_printf ("%s (%s)", pdn_query_column_text (query, 1),
                                         pdn_query_column_text (query, 2));
  group->school_year = g_strdup (pdn_query_column_text (query, 2));
  group->teachers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  group->schools
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)school_free);
  group->sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify)g_hash_table_unref);
  g_hash_table_insert (groups, g_steal_pointer (&key), group);
  return group;
}

static PdnReachSchool *
school_for_row (PdnReachGroup *group, PdnQuery *query)
{
  gint64 id = pdn_query_column_int64 (query, 8);
  PdnReachSchool *school = g_hash_table_lookup (group->schools, &id);

  if (school != NULL)
    return school;
  school = g_new0 (PdnReachSchool, 1);
  school->id = id;
  school->name = g_strdup (pdn_query_column_text (query, 9));
  school->sector = g_strdup (pdn_query_column_text (query, 10));
  school->organization_id = pdn_query_column_int64 (query, 11);
  school->organization_name = g_strdup (pdn_query_column_text (query, 12));
  school->teachers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_insert (group->schools, int64_key (id), school);
  return school;
}

static GHashTable *
session_sectors (PdnReachGroup *group, gint64 session)
{
  GHashTable *sectors = g_hash_table_lookup (group->sessions, &session);

  if (sectors == NULL)
    {
      sectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (group->sessions, int64_key (session), sectors);
    }
  return sectors;
}

static void
count_row (PdnReachData *data, GHashTable *groups, PdnQuery *query, const PdnReachFilter *filter)
{
  const gchar *date = pdn_query_column_text (query, 5);
  gint64 person = pdn_query_column_int64 (query, 6);
  gboolean credited = !pdn_query_column_is_null (query, 8);
  PdnReachGroup *group;
  PdnReachSchool *school;
  const gchar *first;

  note_first (data->person_first, person, date);
  if (credited)
    note_first (data->school_first, pdn_query_column_int64 (query, 8), date);
  if (!in_scope (query, filter))
    return;
  group = group_for_row (groups, query);
  note_first_text (&group->first_date, date);
  first = g_hash_table_lookup (group->teachers, &person);
  if (first == NULL || strcmp (date, first) < 0)
    g_hash_table_insert (group->teachers, int64_key (person), g_strdup (date));
  if (!credited)
    return;
  school = school_for_row (group, query);
  note_first_text (&school->first_date, date);
  school->attendances++;
  if (!g_hash_table_contains (school->teachers, &person))
    g_hash_table_add (school->teachers, int64_key (person));
  g_hash_table_add (session_sectors (group, pdn_query_column_int64 (query, 4)),
                    g_strdup (school->sector));
}

static gint
compare_groups (gconstpointer a, gconstpointer b)
{
  const PdnReachGroup *x = *(PdnReachGroup *const *)a;
  const PdnReachGroup *y = *(PdnReachGroup *const *)b;
  gint by_date = strcmp (x->first_date, y->first_date);

  if (by_date != 0)
    return by_date;
  if (x->program_id != y->program_id)
    return x->program_id < y->program_id ? -1 : 1;
  return g_strcmp0 (x->term, y->term);
}

PdnReachData *
pdn_reach_data_load (PdnContext *context, const PdnReachFilter *filter, GError **error)
{
  g_autoptr (PdnReachData) data = g_new0 (PdnReachData, 1);
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (PdnQuery) query = pdn_context_query (context, attendance_sql, error);
  GHashTableIter iter;
  gpointer value;
  PdnQueryStep step;

  data->groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
  data->person_first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  data->school_first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (query == NULL)
    return NULL;
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    count_row (data, groups, query, filter);
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (data->groups, value);
  if (step != PDN_QUERY_DONE)
    return NULL;
  g_ptr_array_sort (data->groups, compare_groups);
  return g_steal_pointer (&data);
}
