/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-knowledge-flow-result.h"

typedef struct
{
  gdouble hours[KF_N_FROM][KF_N_TO]; /* < 0: suppressed */
  guint attendees[KF_N_FROM][KF_N_TO];
  gdouble shown_total;
  gdouble cross_total;
  guint suppressed;
} Shown;

static void
shown_init (Shown *s, const KfMatrix *matrix, gint64 min_attendees)
{
  memset (s, 0, sizeof *s);
  for (guint f = 0; f < KF_N_FROM; f++)
    for (guint t = 0; t < KF_N_TO; t++)
      {
        const KfCell *cell = &matrix->cells[f][t];
        guint n = g_hash_table_size (cell->attendees);

        s->attendees[f][t] = n;
        if (n > 0 && n < min_attendees)
          {
            s->hours[f][t] = -1;
            s->suppressed++;
            continue;
          }
        s->hours[f][t] = cell->hours;
        s->shown_total += cell->hours;
        if (f != t)
          s->cross_total += cell->hours;
      }
}

static void
add_number_or_null (JsonArray *row, gdouble value)
{
  if (value < 0)
    json_array_add_null_element (row);
  else
    json_array_add_double_element (row, value);
}

static JsonArray *
string_list (const gchar *const *names)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    json_array_add_string_element (array, names[i]);
  return array;
}

static JsonObject *
table (const gchar *name, const gchar *const *columns, JsonArray *rows)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_array_member (object, "columns", string_list (columns));
  json_object_set_array_member (object, "rows", rows);
  return object;
}

/* The matrix, long form, and its CSV: a suppressed cell's attendees,
 * hours and share are all empty. */
static JsonObject *
matrix_table (const Shown *s, GString *csv)
{
  static const gchar *const columns[] = { "from_sector", "to_sector", "attendees", "hours",
                                          "share_of_shown_hours", NULL };
  JsonArray *rows = json_array_new ();

  g_string_append (csv, "from_sector,to_sector,attendees,hours,share_of_shown_hours\r\n");
  for (guint f = 0; f < KF_N_FROM; f++)
    for (guint t = 0; t < KF_N_TO; t++)
      {
        JsonArray *row = json_array_new ();
        gdouble hours = s->hours[f][t];
        gdouble share = hours < 0 ? -1 : s->shown_total > 0 ? hours / s->shown_total : 0;

        json_array_add_string_element (row, kf_from_name (f));
        json_array_add_string_element (row, kf_to_name (t));
        if (hours < 0)
          {
            json_array_add_null_element (row);
            g_string_append_printf (csv, "%s,%s,,,\r\n", kf_from_name (f), kf_to_name (t));
          }
        else
          {
            json_array_add_int_element (row, s->attendees[f][t]);
            g_string_append_printf (csv, "%s,%s,%u,%.17g,%.17g\r\n", kf_from_name (f),
                                    kf_to_name (t), s->attendees[f][t], hours, share);
          }
        add_number_or_null (row, hours);
        add_number_or_null (row, share);
        json_array_add_array_element (rows, row);
      }
  return table (_("Attended hours by source and attendee sector"), columns, rows);
}

/* For each pair of school sectors, the hours each way and each way's
 * share of the pair's exchange; unknown when either way is suppressed or
 * nothing flows. */
static JsonObject *
flows_table (const Shown *s)
{
  static const gchar *const columns[] = { "sector_a", "sector_b", "hours_a_to_b",
                                          "hours_b_to_a", "share_a_to_b", "share_b_to_a",
                                          NULL };
  JsonArray *rows = json_array_new ();

  for (guint a = 0; a < KF_N_TO; a++)
    for (guint b = a + 1; b < KF_N_TO; b++)
      {
        JsonArray *row = json_array_new ();
        gdouble ab = s->hours[a][b], ba = s->hours[b][a];
        gboolean known = ab >= 0 && ba >= 0 && ab + ba > 0;

        json_array_add_string_element (row, kf_to_name (a));
        json_array_add_string_element (row, kf_to_name (b));
        add_number_or_null (row, ab);
        add_number_or_null (row, ba);
        add_number_or_null (row, known ? ab / (ab + ba) : -1);
        add_number_or_null (row, known ? ba / (ab + ba) : -1);
        json_array_add_array_element (rows, row);
      }
  return table (_("Hours each way between school sectors"), columns, rows);
}

static JsonObject *
statistic (const gchar *name, gdouble value, gint64 n)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_double_member (object, "value", value);
  json_object_set_int_member (object, "n", n);
  return object;
}

static JsonArray *
caveats (const Shown *s, const KfMatrix *matrix, gint64 min_attendees)
{
  JsonArray *list = json_array_new ();
  g_autofree gchar *floor = g_strdup_printf (
      _("Cells with fewer than %lld attendees are suppressed, and totals and shares count "
        "only the cells shown."),
      (long long) min_attendees);

  json_array_add_string_element (list, floor);
  json_array_add_string_element (
      list, _("A session pinned to a curriculum counts as coming from the sector of the "
              "curriculum's owner organization; other sessions' hours are split equally "
              "among their facilitators."));
  json_array_add_string_element (
      list, _("A facilitator at no school that day counts by the kind of organization their "
              "account acts for (charter networks as charter, dioceses as Catholic, partner "
              "organizations as partner), else as unknown."));
  json_array_add_string_element (
      list, _("Attendees count at the school of their affiliation on the session's date; "
              "with several, at the most recently recorded one."));
  if (matrix->unaffiliated > 0)
    json_array_add_string_element (
        list, _("Some attendances are left out because the attendee was at no school that "
                "day."));
  if (s->suppressed > 0)
    json_array_add_string_element (
        list, _("Some cells are suppressed: their hours are not in any total or share."));
  return list;
}

JsonNode *
kf_result_build (const KfMatrix *matrix, gint64 min_attendees, const gchar *school_year)
{
  Shown s;
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autofree gchar *svg = NULL;
  JsonObject *result = json_object_new ();
  JsonArray *tables = json_array_new (), *statistics = json_array_new ();
  JsonNode *node;

  shown_init (&s, matrix, min_attendees);
  json_array_add_object_element (tables, matrix_table (&s, csv));
  json_array_add_object_element (tables, flows_table (&s));
  json_array_add_object_element (statistics,
                                 statistic ("shown_hours", s.shown_total, matrix->sessions));
  json_array_add_object_element (
      statistics, statistic ("cross_sector_share",
                             s.shown_total > 0 ? s.cross_total / s.shown_total : 0,
                             matrix->sessions));
  json_array_add_object_element (statistics,
                                 statistic ("suppressed_cells", s.suppressed, KF_N_FROM * KF_N_TO));
  svg = kf_plot_svg ((const gdouble (*)[KF_N_TO]) s.hours);
  json_object_set_string_member (result, "school_year", school_year);
  json_object_set_array_member (result, "tables", tables);
  json_object_set_array_member (result, "statistics", statistics);
  json_object_set_array_member (result, "caveats", caveats (&s, matrix, min_attendees));
  json_object_set_string_member (result, "csv", csv->str);
  json_object_set_string_member (result, "plot_svg", svg);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}
