/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pdn-satisfaction-plot.h"
#include "pdn-satisfaction-result.h"

/* The machine names of the columns, in the table and the CSV alike. */
static const gchar *const columns[] = {
  "group",
  "responses",
  "attendees",
  "response_rate",
  "usefulness_mean",
  "usefulness_ci_low",
  "usefulness_ci_high",
  "share_useful",
  "nps",
  "nps_ci_low",
  "nps_ci_high",
  "suppressed",
};

/* Enough groups below this size call for the small-n caveat. */
#define SMALL_N 30

typedef struct
{
  JsonArray *rows;
  GString *csv;
  PdnSatisfactionPlot *plot; /* the same rows, drawn */
} Output;

static void
add_number (Output *out, JsonArray *row, gdouble value)
{
  if (isnan (value))
    json_array_add_null_element (row);
  else
    {
      json_array_add_double_element (row, value);
      g_string_append_printf (out->csv, "%.17g", value);
    }
  g_string_append_c (out->csv, ',');
}

static void
add_text (Output *out, JsonArray *row, const gchar *text)
{
  json_array_add_string_element (row, text);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_autoptr (GString) quoted = g_string_new (text);
      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (out->csv, "\"%s\",", quoted->str);
    }
  else
    g_string_append_printf (out->csv, "%s,", text);
}

static void
end_row (Output *out, JsonArray *row, gboolean suppressed)
{
  json_array_add_boolean_element (row, suppressed);
  g_string_append_printf (out->csv, "%s\r\n", suppressed ? "yes" : "no");
  json_array_add_array_element (out->rows, row);
}

/* A suppressed row: its label and nothing that rests on its answers. */
static void
add_suppressed_row (Output *out, const gchar *label)
{
  JsonArray *row = json_array_new ();

  pdn_satisfaction_plot_add (out->plot, label, NULL);
  add_text (out, row, label);
  for (guint i = 1; i < G_N_ELEMENTS (columns) - 1; i++)
    add_number (out, row, NAN);
  end_row (out, row, TRUE);
}

static void
add_row (Output *out, const gchar *label, const PdnSatisfactionStats *stats, gint64 attendees)
{
  JsonArray *row = json_array_new ();

  pdn_satisfaction_plot_add (out->plot, label, stats);
  add_text (out, row, label);
  add_number (out, row, stats->n);
  add_number (out, row, attendees >= 0 ? (gdouble)attendees : NAN);
  add_number (out, row, attendees > 0 ? (gdouble)stats->n / (gdouble)attendees : NAN);
  add_number (out, row, stats->usefulness_mean);
  add_number (out, row, stats->usefulness_ci_low);
  add_number (out, row, stats->usefulness_ci_high);
  add_number (out, row, stats->share_useful);
  add_number (out, row, stats->nps);
  add_number (out, row, stats->nps_ci_low);
  add_number (out, row, stats->nps_ci_high);
  end_row (out, row, FALSE);
}

static JsonObject *
statistic (const gchar *name, gdouble value, guint n)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  if (isnan (value))
    json_object_set_null_member (object, "value");
  else
    json_object_set_double_member (object, "value", value);
  json_object_set_int_member (object, "n", n);
  return object;
}

static void
set_interval (JsonObject *object, gdouble low, gdouble high)
{
  if (isnan (low))
    return;
  json_object_set_double_member (object, "ci_low", low);
  json_object_set_double_member (object, "ci_high", high);
  json_object_set_double_member (object, "confidence", 0.95);
}

static JsonArray *
total_statistics (const PdnSatisfactionStats *total, gint64 attendees, guint suppressed)
{
  JsonArray *list = json_array_new ();
  JsonObject *object;

  json_array_add_object_element (list, statistic ("groups_suppressed", suppressed, suppressed));
  if (total == NULL)
    return list;
  json_array_add_object_element (list, statistic ("responses", total->n, total->n));
  json_array_add_object_element (
      list, statistic ("response_rate",
                       attendees > 0 ? (gdouble)total->n / (gdouble)attendees : NAN, total->n));
  object = statistic ("usefulness_mean", total->usefulness_mean, total->n);
  set_interval (object, total->usefulness_ci_low, total->usefulness_ci_high);
  json_array_add_object_element (list, object);
  json_array_add_object_element (list, statistic ("share_useful", total->share_useful, total->n));
  object = statistic ("nps", total->nps, total->n);
  set_interval (object, total->nps_ci_low, total->nps_ci_high);
  json_array_add_object_element (list, object);
  return list;
}

typedef const gchar *(*ParentFunc) (const PdnSatisfactionGroup *group);

static const gchar *
series_of (const PdnSatisfactionGroup *group)
{
  return group->series_key;
}

static const gchar *
program_of (const PdnSatisfactionGroup *group)
{
  return group->program_key;
}

/* Every grouping's total is every other's (the programs' rows add up to
 * the sectors' total), so the whole table is a parent too. */
static const gchar *
table_of (const PdnSatisfactionGroup *group)
{
  return "";
}

/* Nothing is given away when the suppressed rows together have no
 * responses, or enough. */
static gboolean
safe_sum (guint sum, gint64 min_respondents)
{
  return sum == 0 || (gint64)sum >= min_respondents;
}

/* Complementary suppression: within each parent (a series, a program),
 * the parent's total in another grouping minus the rows shown would give
 * the suppressed rows' sum away. While that sum is unsafe, the smallest
 * row still shown in the parent is suppressed too. Returns how many rows
 * it suppressed. */
static guint
complement (GPtrArray *groups, const PdnSatisfactionStats *stats, gboolean *suppressed,
            ParentFunc parent_of, gint64 min_respondents)
{
  guint added = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      const gchar *parent = parent_of (g_ptr_array_index (groups, i));
      guint sum = 0;

      if (parent == NULL)
        return 0;
      for (guint j = 0; j < groups->len; j++)
        if (suppressed[j] && g_strcmp0 (parent_of (g_ptr_array_index (groups, j)), parent) == 0)
          sum += stats[j].n;
      while (!safe_sum (sum, min_respondents))
        {
          gint smallest = -1;

          for (guint j = 0; j < groups->len; j++)
            if (!suppressed[j] && g_strcmp0 (parent_of (g_ptr_array_index (groups, j)), parent) == 0
                && (smallest < 0 || stats[j].n < stats[smallest].n))
              smallest = (gint)j;
          if (smallest < 0)
            break; /* the parent is all suppressed: its own total is too small to show */
          suppressed[smallest] = TRUE;
          sum += stats[smallest].n;
          added++;
        }
    }
  return added;
}

static const gchar *
table_name (PdnSatisfactionGrouping grouping)
{
  switch (grouping)
    {
    case PDN_SATISFACTION_BY_SERIES:
      return _ ("Satisfaction by series");
    case PDN_SATISFACTION_BY_SESSION:
      return _ ("Satisfaction by session");
    case PDN_SATISFACTION_BY_SECTOR:
      return _ ("Satisfaction by sector of the respondent's school");
    case PDN_SATISFACTION_BY_PROGRAM:
    default:
      return _ ("Satisfaction by program");
    }
}

static void
add_caveat (JsonArray *caveats, gchar *text)
{
  json_array_add_string_element (caveats, text);
  g_free (text);
}

static JsonArray *
caveats_for (const PdnSatisfactionOptions *options, guint suppressed, guint complementary,
             gboolean total_shown, gboolean small)
{
  JsonArray *caveats = json_array_new ();

  add_caveat (caveats, g_strdup (_ ("Only people who chose to answer the survey are counted. "
                                    "They may like the sessions more or less than those who "
                                    "did not answer, so these figures describe respondents, "
                                    "not everyone who attended.")));
  add_caveat (caveats, g_strdup (_ ("The response rate is the number of responses divided by "
                                    "the number of attendances (present or partial). The lower "
                                    "it is, the less the answers may speak for all attendees.")));
  if (options->grouping == PDN_SATISFACTION_BY_SECTOR)
    add_caveat (caveats, g_strdup (_ ("Anonymous responses are never linked to a person or "
                                      "school: they are shown as a group of their own, without "
                                      "a response rate, and the sectors' response rates count "
                                      "only named responses.")));
  if (suppressed > complementary)
    add_caveat (caveats,
                g_strdup_printf (ngettext ("%u group had fewer than %lld responses and is "
                                           "suppressed: none of its figures are shown.",
                                           "%u groups had fewer than %lld responses and are "
                                           "suppressed: none of their figures are shown.",
                                           suppressed - complementary),
                                 suppressed - complementary, (long long)options->min_respondents));
  if (complementary > 0)
    add_caveat (caveats, g_strdup_printf (
                             ngettext ("%u more group has enough responses but is suppressed too: "
                                       "with a total shown elsewhere (of its series, its "
                                       "program or all responses) it would reveal a smaller "
                                       "group.",
                                       "%u more groups have enough responses but are "
                                       "suppressed too: with totals shown elsewhere (of "
                                       "their series, their programs or all responses) they "
                                       "would reveal smaller groups.",
                                       complementary),
                             complementary));
  if (!total_shown)
    add_caveat (caveats, g_strdup (_ ("The total is not shown, because together with the rows "
                                      "shown it would reveal the suppressed groups.")));
  if (small)
    add_caveat (caveats,
                g_strdup_printf (_ ("Some groups have fewer than %d responses: their intervals "
                                    "are wide and a few answers can change their figures a "
                                    "lot."),
                                 SMALL_N));
  if (options->bootstrap > 0)
    add_caveat (caveats,
                g_strdup_printf (_ ("The usefulness interval is a 95%% t interval of the mean. "
                                    "The net promoter score (percent answering 9 or 10 minus "
                                    "percent answering 0 to 6) has a 95%% percentile bootstrap "
                                    "interval from %lld resamples with seed %lld; the same seed "
                                    "gives the same interval."),
                                 (long long)options->bootstrap, (long long)options->seed));
  else
    add_caveat (caveats, g_strdup (_ ("The usefulness interval is a 95% t interval of the mean. "
                                      "The net promoter score (percent answering 9 or 10 minus "
                                      "percent answering 0 to 6) has no interval: bootstrap "
                                      "is 0.")));
  return caveats;
}

static JsonObject *
table_for (PdnSatisfactionGrouping grouping, JsonArray *rows)
{
  JsonObject *table = json_object_new ();
  JsonArray *names = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    json_array_add_string_element (names, columns[i]);
  json_object_set_string_member (table, "name", table_name (grouping));
  json_object_set_array_member (table, "columns", names);
  json_object_set_array_member (table, "rows", rows);
  return table;
}

JsonNode *
pdn_satisfaction_result_build (GPtrArray *groups, const PdnSatisfactionStats *stats,
                               gint64 total_attendees, const PdnSatisfactionOptions *options)
{
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (PdnSatisfactionPlot) plot = pdn_satisfaction_plot_new ();
  g_autofree gchar *svg = NULL;
  Output out = { json_array_new (), csv, plot };
  const PdnSatisfactionStats *total = &stats[groups->len];
  JsonObject *result = json_object_new ();
  JsonArray *tables = json_array_new ();
  JsonNode *node;
  g_autofree gboolean *hidden = g_new0 (gboolean, groups->len + 1);
  guint suppressed = 0, suppressed_responses = 0, complementary = 0;
  gboolean small = FALSE, total_shown;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_string_append_printf (csv, "%s%s", columns[i], i + 1 < G_N_ELEMENTS (columns) ? "," : "\r\n");
  for (guint i = 0; i < groups->len; i++)
    hidden[i] = (gint64)stats[i].n < options->min_respondents;
  /* Series first: a program's sum is then safe when its series' are. */
  complementary += complement (groups, stats, hidden, series_of, options->min_respondents);
  complementary += complement (groups, stats, hidden, program_of, options->min_respondents);
  complementary += complement (groups, stats, hidden, table_of, options->min_respondents);
  for (guint i = 0; i < groups->len; i++)
    {
      PdnSatisfactionGroup *group = g_ptr_array_index (groups, i);

      if (hidden[i])
        {
          suppressed++;
          suppressed_responses += stats[i].n;
          add_suppressed_row (&out, group->label);
          continue;
        }
      small = small || stats[i].n < SMALL_N;
      add_row (&out, group->label, &stats[i], group->attendees);
    }
  /* The suppressed groups' sum is what the total gives away; after the
   * complement, it is unsafe only when every row is suppressed. */
  total_shown = safe_sum (suppressed_responses, options->min_respondents);
  if (total_shown && total->n > 0)
    add_row (&out, _ ("All responses"), total, total_attendees);
  else if (!total_shown)
    add_suppressed_row (&out, _ ("All responses"));
  json_array_add_object_element (tables, table_for (options->grouping, out.rows));
  json_object_set_array_member (result, "tables", tables);
  json_object_set_array_member (
      result, "statistics",
      total_statistics (total_shown && total->n > 0 ? total : NULL, total_attendees, suppressed));
  json_object_set_array_member (
      result, "caveats", caveats_for (options, suppressed, complementary, total_shown, small));
  json_object_set_string_member (result, "csv", csv->str);
  svg = pdn_satisfaction_plot_render_svg (plot, NULL);
  json_object_set_string_member (result, "plot_svg", svg);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}
