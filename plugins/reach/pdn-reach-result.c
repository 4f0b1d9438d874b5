/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pdn-reach-plot.h"
#include "pdn-reach-result.h"
#include "pdn-reach-stats.h"

/* Below this many schools, a concentration figure is fragile. */
#define FEW_SCHOOLS 10

static const gchar *const reach_columns[] = {
  "term",
  "program",
  "sessions",
  "teachers",
  "new_teachers",
  "returning_teachers",
  "schools",
  "new_schools",
  "returning_schools",
  "gini",
  "top_decile_share",
  "multi_sector_sessions",
  "multi_sector_share",
};
static const gchar *const organization_columns[] = {
  "term", "program", "organization", "schools", "schools_reached", "share_reached",
};
static const gchar *const school_columns[] = {
  "term",      "program", "school", "sector", "organization", "teachers", "teacher_attendances",
  "returning",
};

typedef struct
{
  JsonArray *reach;
  JsonArray *organizations;
  JsonArray *schools;
  GString *csv;
  gboolean no_term;
  gboolean few_schools;
} Output;

static const gchar *
term_label (const PdnReachGroup *group)
{
  return group->term != NULL ? group->term : _ ("(no term)");
}

static void
csv_text (GString *csv, const gchar *text)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_autoptr (GString) quoted = g_string_new (text);
      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (csv, "\"%s\"", quoted->str);
    }
  else
    g_string_append (csv, text);
}

static void
add_number (JsonArray *row, gdouble value)
{
  if (isnan (value))
    json_array_add_null_element (row);
  else
    json_array_add_double_element (row, value);
}

/* Whether @id's first date anywhere is before @first (its first here). */
static gboolean
returning (GHashTable *firsts, gint64 id, const gchar *first)
{
  const gchar *earliest = g_hash_table_lookup (firsts, &id);

  return earliest != NULL && strcmp (earliest, first) < 0;
}

static JsonArray *
reach_row (PdnReachData *data, PdnReachGroup *group, Output *out)
{
  JsonArray *row = json_array_new ();
  g_autofree gdouble *attendances = g_new0 (gdouble, g_hash_table_size (group->schools) + 1);
  guint n_schools = 0, old_teachers = 0, old_schools = 0, multi = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, group->teachers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    old_teachers += returning (data->person_first, *(gint64 *)key, value);
  g_hash_table_iter_init (&iter, group->schools);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PdnReachSchool *school = value;

      old_schools += returning (data->school_first, school->id, school->first_date);
      attendances[n_schools++] = (gdouble)school->attendances;
    }
  g_hash_table_iter_init (&iter, group->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    multi += g_hash_table_size (value) >= 2;
  out->no_term = out->no_term || group->term == NULL;
  out->few_schools = out->few_schools || n_schools < FEW_SCHOOLS;
  json_array_add_string_element (row, term_label (group));
  json_array_add_string_element (row, group->program_name);
  add_number (row, g_hash_table_size (group->sessions));
  add_number (row, g_hash_table_size (group->teachers));
  add_number (row, g_hash_table_size (group->teachers) - old_teachers);
  add_number (row, old_teachers);
  add_number (row, n_schools);
  add_number (row, n_schools - old_schools);
  add_number (row, old_schools);
  add_number (row, pdn_reach_gini (attendances, n_schools));
  add_number (row, pdn_reach_top_decile_share (attendances, n_schools));
  add_number (row, multi);
  add_number (row, g_hash_table_size (group->sessions) > 0
                       ? (gdouble)multi / g_hash_table_size (group->sessions)
                       : NAN);
  return row;
}

static void
append_csv_row (GString *csv, JsonArray *row)
{
  for (guint i = 0; i < json_array_get_length (row); i++)
    {
      JsonNode *node = json_array_get_element (row, i);

      if (i > 0)
        g_string_append_c (csv, ',');
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        csv_text (csv, json_node_get_string (node));
      else
        g_string_append_printf (csv, "%.17g", json_node_get_double (node));
    }
  g_string_append (csv, "\r\n");
}

static GHashTable *
int64_table (GDestroyNotify value_free)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, value_free);
}

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* Every organization's name and its number of schools in @school_year
 * (the year's facts decide, as in the core's participation figures). */
static gboolean
organization_schools (PdnContext *context, const gchar *school_year, GHashTable *names,
                      GHashTable *counts, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT o.id, o.name, (SELECT COUNT(*) FROM schools s"
      " LEFT JOIN school_year_facts f ON f.school_id = s.id AND f.school_year = ?"
      " WHERE COALESCE (f.organization_id, s.organization_id) = o.id) FROM organizations o",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, school_year);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 id = pdn_query_column_int64 (query, 0);

      g_hash_table_insert (names, int64_key (id), g_strdup (pdn_query_column_text (query, 1)));
      g_hash_table_insert (counts, int64_key (id),
                           GINT_TO_POINTER ((gint)pdn_query_column_int64 (query, 2)));
    }
  return step == PDN_QUERY_DONE;
}

/* The program's lead and partner organizations, listed even when none of
 * their schools took part. */
static gboolean
program_organizations (PdnContext *context, gint64 program, GHashTable *reached, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT lead_organization_id FROM programs WHERE id = ?"
      " UNION SELECT organization_id FROM program_partners WHERE program_id = ?",
      error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, program);
  pdn_query_bind_int64 (query, 2, program);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 id = pdn_query_column_int64 (query, 0);

      if (!g_hash_table_contains (reached, &id))
        g_hash_table_insert (reached, int64_key (id), GINT_TO_POINTER (0));
    }
  return step == PDN_QUERY_DONE;
}

static gint
compare_names (gconstpointer a, gconstpointer b, gpointer names)
{
  return g_strcmp0 (g_hash_table_lookup (names, a), g_hash_table_lookup (names, b));
}

static gboolean
organization_rows (PdnContext *context, PdnReachGroup *group, Output *out, GError **error)
{
  g_autoptr (GHashTable) names = int64_table (g_free);
  g_autoptr (GHashTable) counts = int64_table (NULL);
  g_autoptr (GHashTable) reached = int64_table (NULL);
  g_autoptr (GList) ids = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!organization_schools (context, group->school_year, names, counts, error))
    return FALSE;
  g_hash_table_iter_init (&iter, group->schools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = ((PdnReachSchool *)value)->organization_id;
      gint before = GPOINTER_TO_INT (g_hash_table_lookup (reached, &id));

      g_hash_table_insert (reached, int64_key (id), GINT_TO_POINTER (before + 1));
    }
  if (!program_organizations (context, group->program_id, reached, error))
    return FALSE;
  ids = g_list_sort_with_data (g_hash_table_get_keys (reached), compare_names, names);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonArray *row = json_array_new ();
      gint schools = GPOINTER_TO_INT (g_hash_table_lookup (counts, l->data));
      gint count = GPOINTER_TO_INT (g_hash_table_lookup (reached, l->data));

      json_array_add_string_element (row, term_label (group));
      json_array_add_string_element (row, group->program_name);
      json_array_add_string_element (row, g_hash_table_lookup (names, l->data));
      add_number (row, schools);
      add_number (row, count);
      add_number (row, schools > 0 ? (gdouble)count / schools : NAN);
      json_array_add_array_element (out->organizations, row);
    }
  return TRUE;
}

static gint
compare_schools (gconstpointer a, gconstpointer b)
{
  const PdnReachSchool *x = a, *y = b;
  gint by_name = g_strcmp0 (x->name, y->name);

  return by_name != 0 ? by_name : (x->id < y->id ? -1 : x->id > y->id);
}

static void
school_rows (PdnReachData *data, PdnReachGroup *group, Output *out)
{
  g_autoptr (GList) schools
      = g_list_sort (g_hash_table_get_values (group->schools), compare_schools);

  for (GList *l = schools; l != NULL; l = l->next)
    {
      PdnReachSchool *school = l->data;
      JsonArray *row = json_array_new ();

      json_array_add_string_element (row, term_label (group));
      json_array_add_string_element (row, group->program_name);
      json_array_add_string_element (row, school->name);
      json_array_add_string_element (row, school->sector);
      json_array_add_string_element (row, school->organization_name);
      add_number (row, g_hash_table_size (school->teachers));
      add_number (row, school->attendances);
      json_array_add_boolean_element (
          row, returning (data->school_first, school->id, school->first_date));
      json_array_add_array_element (out->schools, row);
    }
}

static JsonObject *
table (const gchar *name, const gchar *const *columns, guint n_columns, JsonArray *rows)
{
  JsonObject *object = json_object_new ();
  JsonArray *names = json_array_new ();

  for (guint i = 0; i < n_columns; i++)
    json_array_add_string_element (names, columns[i]);
  json_object_set_string_member (object, "name", name);
  json_object_set_array_member (object, "columns", names);
  json_object_set_array_member (object, "rows", rows);
  return object;
}

static JsonObject *
statistic (const gchar *name, gint64 value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "value", value);
  json_object_set_int_member (object, "n", value);
  return object;
}

/* Distinct teachers and schools over every group. */
static JsonArray *
statistics (PdnReachData *data)
{
  g_autoptr (GHashTable) teachers = int64_table (NULL);
  g_autoptr (GHashTable) schools = int64_table (NULL);
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < data->groups->len; i++)
    {
      PdnReachGroup *group = g_ptr_array_index (data->groups, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, group->teachers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (teachers, int64_key (*(gint64 *)key));
      g_hash_table_iter_init (&iter, group->schools);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (schools, int64_key (*(gint64 *)key));
    }
  json_array_add_object_element (list, statistic ("terms_and_programs", data->groups->len));
  json_array_add_object_element (list, statistic ("teachers", g_hash_table_size (teachers)));
  json_array_add_object_element (list, statistic ("schools", g_hash_table_size (schools)));
  return list;
}

static JsonArray *
caveats (const Output *out)
{
  JsonArray *list = json_array_new ();

  json_array_add_string_element (
      list, _ ("Teachers are people whose role is teacher or coach, counted when present or "
               "partly present, each credited to the school of their affiliation on the "
               "session's date, as in the participation reports. Teachers without a school "
               "that day count as teachers but toward no school, organization or sector."));
  json_array_add_string_element (
      list, _ ("A teacher or school is returning when it took part in a session of any program "
               "before its first session in that term and program, and new otherwise. "
               "Professional learning from before pdnet was used is not known, so the first "
               "terms recorded show more new teachers and schools than there really were."));
  json_array_add_string_element (
      list, _ ("The Gini coefficient (0 when every school has the same number of teacher "
               "attendances, near 1 when one school has nearly all) and the share of the top "
               "tenth of schools describe only the schools reached, not the ones that took no "
               "part."));
  json_array_add_string_element (
      list, _ ("The share of an organization's schools reached counts every school it has that "
               "year, whatever its size or grades."));
  json_array_add_string_element (
      list, _ ("A session spans two or more sectors when its attending teachers work at schools "
               "of at least two sectors; only sessions with attending teachers at a school are "
               "counted."));
  if (out->few_schools)
    {
      g_autofree gchar *text = g_strdup_printf (
          _ ("Some terms reached fewer than %d schools: their concentration figures change a "
             "lot with one school more or less."),
          FEW_SCHOOLS);
      json_array_add_string_element (list, text);
    }
  if (out->no_term)
    json_array_add_string_element (list, _ ("Sessions outside a series with a term are shown "
                                            "under “(no term)”."));
  return list;
}

static void
csv_header (GString *csv)
{
  for (guint i = 0; i < G_N_ELEMENTS (reach_columns); i++)
    g_string_append_printf (csv, "%s%s", i > 0 ? "," : "", reach_columns[i]);
  g_string_append (csv, "\r\n");
}

/* The row's teachers and mixed-sector share, drawn. */
static void
add_to_plot (PdnReachPlot *plot, JsonArray *row)
{
  JsonNode *share = json_array_get_element (row, 12);

  pdn_reach_plot_add (
      plot, json_array_get_string_element (row, 0), json_array_get_string_element (row, 1),
      (guint)json_array_get_double_element (row, 4), (guint)json_array_get_double_element (row, 5),
      JSON_NODE_HOLDS_NULL (share) ? NAN : json_node_get_double (share));
}

JsonNode *
pdn_reach_result_build (PdnContext *context, PdnReachData *data, GCancellable *cancellable,
                        GError **error)
{
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (JsonArray) reach = json_array_new ();
  g_autoptr (JsonArray) organizations = json_array_new ();
  g_autoptr (JsonArray) schools = json_array_new ();
  g_autoptr (PdnReachPlot) plot = pdn_reach_plot_new ();
  g_autofree gchar *svg = NULL;
  Output out = { reach, organizations, schools, csv, FALSE, FALSE };
  JsonObject *result;
  JsonArray *tables;
  JsonNode *node;

  csv_header (csv);
  for (guint i = 0; i < data->groups->len; i++)
    {
      PdnReachGroup *group = g_ptr_array_index (data->groups, i);
      JsonArray *row;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      row = reach_row (data, group, &out);
      append_csv_row (csv, row);
      add_to_plot (plot, row);
      json_array_add_array_element (reach, row);
      if (!organization_rows (context, group, &out, error))
        return NULL;
      school_rows (data, group, &out);
    }
  tables = json_array_new ();
  json_array_add_object_element (tables,
                                 table (_ ("Reach by term and program"), reach_columns,
                                        G_N_ELEMENTS (reach_columns), g_steal_pointer (&reach)));
  json_array_add_object_element (
      tables, table (_ ("Schools reached by organization"), organization_columns,
                     G_N_ELEMENTS (organization_columns), g_steal_pointer (&organizations)));
  json_array_add_object_element (tables,
                                 table (_ ("Participation by school"), school_columns,
                                        G_N_ELEMENTS (school_columns), g_steal_pointer (&schools)));
  result = json_object_new ();
  json_object_set_array_member (result, "tables", tables);
  json_object_set_array_member (result, "statistics", statistics (data));
  json_object_set_array_member (result, "caveats", caveats (&out));
  json_object_set_string_member (result, "csv", csv->str);
  svg = pdn_reach_plot_render_svg (plot, NULL);
  json_object_set_string_member (result, "plot_svg", svg);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}
