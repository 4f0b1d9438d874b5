/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pdn-satisfaction-groups.h"

/* The sector of a person's school on the session's date, as the core's
 * participation figures credit it: the affiliation covering local_date,
 * the school's sector for the program's year when the year has facts. The
 * lowest school id decides between overlapping affiliations. */
#define SECTOR_OF(person)                                                                          \
  "(SELECT COALESCE (f.sector, sc.sector) FROM affiliations af"                                    \
  " JOIN schools sc ON sc.id = af.school_id"                                                       \
  " LEFT JOIN school_year_facts f ON f.school_id = sc.id AND f.school_year = p.school_year"        \
  " WHERE af.person_id = " person " AND (af.starts_on IS NULL OR af.starts_on <= s.local_date)"    \
  " AND (af.ends_on IS NULL OR af.ends_on >= s.local_date)"                                        \
  " ORDER BY af.school_id LIMIT 1)"

/* Columns shared by both reads: 0 program id, 1 program name and school
 * year (programs of different years may share a name), 2 series
 * id, 3 series title, 4 series position, 5 session id, 6 session title,
 * 7 starts_at, 8 local_date. */
#define SESSION_COLUMNS                                                                            \
  "p.id, p.name || ' (' || p.school_year || ')', se.id, se.title, se.position, s.id, s.title, "    \
  "s.starts_at, s.local_date"

#define FROM_SESSIONS                                                                              \
  " JOIN sessions s ON s.id = x.session_id JOIN programs p ON p.id = s.program_id"                 \
  " LEFT JOIN series se ON se.id = s.series_id"

static void
group_free (PdnSatisfactionGroup *group)
{
  g_free (group->label);
  g_free (group->order);
  g_free (group->series_key);
  g_free (group->program_key);
  g_array_unref (group->usefulness);
  g_array_unref (group->recommend);
  g_free (group);
}

static gchar *
filter_sql (const PdnSatisfactionFilter *filter)
{
  GString *sql = g_string_new (" WHERE (? IS NULL OR p.school_year = ?)");

  if (filter->program_ids->len > 0)
    {
      g_string_append (sql, " AND p.id IN (");
      for (guint i = 0; i < filter->program_ids->len; i++)
        g_string_append (sql, i == 0 ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  return g_string_free (sql, FALSE);
}

static void
bind_filter (PdnQuery *query, const PdnSatisfactionFilter *filter)
{
  if (filter->school_year != NULL)
    {
      pdn_query_bind_text (query, 1, filter->school_year);
      pdn_query_bind_text (query, 2, filter->school_year);
    }
  else
    {
      pdn_query_bind_null (query, 1);
      pdn_query_bind_null (query, 2);
    }
  for (guint i = 0; i < filter->program_ids->len; i++)
    pdn_query_bind_int64 (query, 3 + i, g_array_index (filter->program_ids, gint64, i));
}

static const gchar *
text_or (PdnQuery *query, guint column, const gchar *otherwise)
{
  return pdn_query_column_is_null (query, column) ? otherwise
                                                  : pdn_query_column_text (query, column);
}

/* The group's key, label and order for a row; @sector is the sector
 * column (NULL for anonymous responses). */
static gchar *
row_key (PdnQuery *query, const PdnSatisfactionFilter *filter, const gchar *sector,
         gboolean anonymous, gchar **label, gchar **order)
{
  gint64 program = pdn_query_column_int64 (query, 0);

  switch (filter->grouping)
    {
    case PDN_SATISFACTION_BY_SERIES:
      *label = g_strdup_printf ("%s: %s", pdn_query_column_text (query, 1),
                                text_or (query, 3, _ ("(no series)")));
      *order = g_strdup_printf ("%020lld %020lld %020lld", (long long)program,
                                (long long)pdn_query_column_int64 (query, 4),
                                (long long)pdn_query_column_int64 (query, 2));
      return g_strdup_printf ("%lld/%lld", (long long)program,
                              (long long)pdn_query_column_int64 (query, 2));
    case PDN_SATISFACTION_BY_SESSION:
      *label = g_strdup_printf ("%s (%s)", pdn_query_column_text (query, 6),
                                pdn_query_column_text (query, 8));
      *order = g_strdup_printf ("%s %020lld", pdn_query_column_text (query, 7),
                                (long long)pdn_query_column_int64 (query, 5));
      return g_strdup_printf ("%lld", (long long)pdn_query_column_int64 (query, 5));
    case PDN_SATISFACTION_BY_SECTOR:
      if (anonymous)
        {
          *label = g_strdup (_ ("Anonymous respondents"));
          *order = g_strdup ("2");
          return g_strdup ("anonymous");
        }
      *label = g_strdup (sector != NULL ? sector : _ ("No school on the session's date"));
      *order = g_strdup_printf ("%d %s", sector != NULL ? 0 : 1, sector != NULL ? sector : "");
      return g_strdup_printf ("sector:%s", sector != NULL ? sector : "");
    case PDN_SATISFACTION_BY_PROGRAM:
    default:
      *label = g_strdup (pdn_query_column_text (query, 1));
      *order = g_strdup_printf ("%020lld", (long long)program);
      return g_strdup_printf ("%lld", (long long)program);
    }
}

static PdnSatisfactionGroup *
group_for_row (GHashTable *groups, PdnQuery *query, const PdnSatisfactionFilter *filter,
               const gchar *sector, gboolean anonymous)
{
  g_autofree gchar *label = NULL;
  g_autofree gchar *order = NULL;
  g_autofree gchar *key = row_key (query, filter, sector, anonymous, &label, &order);
  PdnSatisfactionGroup *group = g_hash_table_lookup (groups, key);

  if (group != NULL)
    return group;
  group = g_new0 (PdnSatisfactionGroup, 1);
  group->label = g_steal_pointer (&label);
  group->order = g_steal_pointer (&order);
  if (filter->grouping == PDN_SATISFACTION_BY_SESSION)
    group->series_key = g_strdup_printf (
        "%lld/%lld", (long long)pdn_query_column_int64 (query, 0),
        (long long)(pdn_query_column_is_null (query, 2) ? 0 : pdn_query_column_int64 (query, 2)));
  if (filter->grouping == PDN_SATISFACTION_BY_SESSION
      || filter->grouping == PDN_SATISFACTION_BY_SERIES)
    group->program_key = g_strdup_printf ("%lld", (long long)pdn_query_column_int64 (query, 0));
  group->usefulness = g_array_new (FALSE, FALSE, sizeof (gdouble));
  group->recommend = g_array_new (FALSE, FALSE, sizeof (gdouble));
  /* Anonymous respondents' attendances cannot be told apart. */
  group->attendees = anonymous && filter->grouping == PDN_SATISFACTION_BY_SECTOR ? -1 : 0;
  g_hash_table_insert (groups, g_steal_pointer (&key), group);
  return group;
}

/* Responses: 9 usefulness, 10 recommend, 11 anonymous, 12 sector (NULL
 * when anonymous: the person is not even looked up). */
static gboolean
read_responses (PdnContext *context, const PdnSatisfactionFilter *filter, GHashTable *groups,
                GError **error)
{
  g_autofree gchar *where = filter_sql (filter);
  g_autofree gchar *sql
      = g_strdup_printf ("SELECT " SESSION_COLUMNS ", x.usefulness, x.recommend, x.anonymous,"
                         " CASE WHEN x.anonymous = 0 AND x.person_id IS NOT NULL THEN " SECTOR_OF (
                             "x.person_id") " END FROM survey_responses x" FROM_SESSIONS "%s",
                         where);
  g_autoptr (PdnQuery) query = pdn_context_query (context, sql, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  bind_filter (query, filter);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gboolean anonymous = pdn_query_column_int64 (query, 11) != 0;
      PdnSatisfactionGroup *group
          = group_for_row (groups, query, filter, text_or (query, 12, NULL), anonymous);
      gdouble usefulness = (gdouble)pdn_query_column_int64 (query, 9);
      gdouble recommend = (gdouble)pdn_query_column_int64 (query, 10);

      g_array_append_val (group->usefulness, usefulness);
      g_array_append_val (group->recommend, recommend);
    }
  return step == PDN_QUERY_DONE;
}

/* Attendances, as the core counts them: present or partial. */
static gboolean
read_attendance (PdnContext *context, const PdnSatisfactionFilter *filter, GHashTable *groups,
                 GError **error)
{
  g_autofree gchar *where = filter_sql (filter);
  g_autofree gchar *sql
      = g_strdup_printf ("SELECT " SESSION_COLUMNS
                         ", " SECTOR_OF ("x.person_id") " FROM attendance x" FROM_SESSIONS
                                                        "%s AND x.status IN ('present', 'partial')",
                         where);
  g_autoptr (PdnQuery) query = pdn_context_query (context, sql, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  bind_filter (query, filter);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    group_for_row (groups, query, filter, text_or (query, 9, NULL), FALSE)->attendees++;
  return step == PDN_QUERY_DONE;
}

static gint
compare_order (gconstpointer a, gconstpointer b)
{
  const PdnSatisfactionGroup *x = *(PdnSatisfactionGroup *const *)a;
  const PdnSatisfactionGroup *y = *(PdnSatisfactionGroup *const *)b;

  return strcmp (x->order, y->order);
}

GPtrArray *
pdn_satisfaction_groups_load (PdnContext *context, const PdnSatisfactionFilter *filter,
                              GError **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
  GHashTableIter iter;
  gpointer value;

  if (!read_responses (context, filter, groups, error)
      || !read_attendance (context, filter, groups, error))
    {
      g_hash_table_iter_init (&iter, groups);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        group_free (value);
      return NULL;
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, compare_order);
  return g_steal_pointer (&list);
}
