/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pdn-growth-result.h"

/* The result document of participation-growth: tables, statistics (each
 * with its n), caveats, the CSV and the plot. A suppressed school shows
 * only that it is suppressed: no outcome in the table, no CSV row, no
 * point in the plot, and no statistic includes it. */

void
pdn_growth_findings_clear (PdnGrowthFindings *findings)
{
  g_free (findings->school_year);
  g_free (findings->adjusted_for);
  g_free (findings->plot_svg);
  g_clear_pointer (&findings->schools, g_ptr_array_unref);
}

gdouble
pdn_growth_x_value (PdnGrowthX x, const PdnGrowthSchool *school)
{
  switch (x)
    {
    case PDN_GROWTH_X_HOURS:
      return pdn_growth_school_hours (school);
    case PDN_GROWTH_X_RATE:
      return pdn_growth_school_rate (school);
    case PDN_GROWTH_X_TEACHERS:
    default:
      return (gdouble)school->teachers;
    }
}

const gchar *
pdn_growth_x_label (PdnGrowthX x)
{
  switch (x)
    {
    case PDN_GROWTH_X_HOURS:
      return _ ("Hours of PD attended");
    case PDN_GROWTH_X_RATE:
      return _ ("Share of teachers who attended");
    case PDN_GROWTH_X_TEACHERS:
    default:
      return _ ("Teachers who attended");
    }
}

static const gchar *
status_label (PdnGrowthStatus status)
{
  switch (status)
    {
    case PDN_GROWTH_INCLUDED:
      return _ ("included");
    case PDN_GROWTH_SUPPRESSED:
      return _ ("suppressed (too few students)");
    case PDN_GROWTH_NO_HEADCOUNT:
      return _ ("no teacher headcount");
    case PDN_GROWTH_NO_OUTCOME:
    default:
      return _ ("no outcome");
    }
}

/* JSON has no NaN: a value that cannot be computed is null. */
static void
add_number (JsonArray *row, gdouble value)
{
  if (isfinite (value))
    json_array_add_double_element (row, value);
  else
    json_array_add_null_element (row);
}

static void
set_number (JsonObject *object, const gchar *name, gdouble value)
{
  if (isfinite (value))
    json_object_set_double_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_interval (JsonObject *object, const gchar *name, gdouble lower, gdouble upper)
{
  JsonArray *interval = json_array_new ();

  add_number (interval, lower);
  add_number (interval, upper);
  json_object_set_array_member (object, name, interval);
}

static JsonArray *
strings (const gchar *first, ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const gchar *s = first; s != NULL; s = va_arg (args, const gchar *))
    json_array_add_string_element (array, s);
  va_end (args);
  return array;
}

static JsonObject *
table (const gchar *name, JsonArray *columns, JsonArray *rows)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_array_member (object, "columns", columns);
  json_object_set_array_member (object, "rows", rows);
  return object;
}

static JsonObject *
schools_table (const PdnGrowthFindings *f)
{
  JsonArray *rows = json_array_new ();
  gboolean baseline = f->baseline_year != NULL;

  for (guint i = 0; i < f->schools->len; i++)
    {
      const PdnGrowthSchool *s = g_ptr_array_index (f->schools, i);
      gboolean shown = s->status == PDN_GROWTH_INCLUDED || s->status == PDN_GROWTH_NO_HEADCOUNT;
      JsonArray *row = json_array_new ();

      json_array_add_int_element (row, s->id);
      json_array_add_string_element (row, s->name);
      json_array_add_string_element (row, s->organization_name);
      json_array_add_string_element (row, s->sector);
      json_array_add_int_element (row, s->teachers);
      add_number (row, pdn_growth_school_hours (s));
      add_number (row, pdn_growth_school_rate (s));
      add_number (row, shown ? s->value : NAN);
      if (baseline)
        add_number (row, shown ? s->baseline : NAN);
      if (shown)
        json_array_add_int_element (row, s->students);
      else
        json_array_add_null_element (row);
      json_array_add_string_element (row, status_label (s->status));
      json_array_add_array_element (rows, row);
    }
  return table (_ ("Schools"),
                baseline
                    ? strings ("school_id", "school", "organization", "sector", "teachers", "hours",
                               "rate", "outcome", "baseline", "students", "status", NULL)
                    : strings ("school_id", "school", "organization", "sector", "teachers", "hours",
                               "rate", "outcome", "students", "status", NULL),
                rows);
}

static void
add_group_row (JsonArray *rows, const gchar *group, gsize n, gdouble mean, gdouble sd)
{
  JsonArray *row = json_array_new ();

  json_array_add_string_element (row, group);
  json_array_add_int_element (row, (gint64)n);
  add_number (row, mean);
  add_number (row, sd);
  json_array_add_array_element (rows, row);
}

static JsonObject *
groups_table (const PdnGrowthFindings *f)
{
  JsonArray *rows = json_array_new ();
  const PdnGrowthComparison *a = &f->vs_at_or_below, *b = &f->vs_non_participating;

  add_group_row (rows, _ ("More teachers than the threshold attended"), a->n1, a->mean1, a->sd1);
  add_group_row (rows, _ ("Participating, at or below the threshold"), a->n2, a->mean2, a->sd2);
  add_group_row (rows, _ ("Not participating, same organizations"), b->n2, b->mean2, b->sd2);
  return table (_ ("Threshold groups"), strings ("group", "n", "mean", "sd", NULL), rows);
}

static JsonObject *
statistic (const gchar *name, const gchar *label, gdouble value, gsize n)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "label", label);
  set_number (object, "value", value);
  json_object_set_int_member (object, "n", (gint64)n);
  return object;
}

static JsonObject *
correlation (const gchar *name, const gchar *label, const PdnGrowthCorrelation *c,
             gboolean interval)
{
  JsonObject *object = statistic (name, label, c->r, c->n);

  if (interval)
    set_interval (object, "interval", c->lower, c->upper);
  set_number (object, "p", c->p);
  return object;
}

static JsonObject *
comparison (const gchar *name, const gchar *label, const PdnGrowthComparison *c)
{
  JsonObject *object = statistic (name, label, c->difference, c->n1 + c->n2);

  json_object_set_int_member (object, "n1", (gint64)c->n1);
  json_object_set_int_member (object, "n2", (gint64)c->n2);
  set_number (object, "mean1", c->mean1);
  set_number (object, "mean2", c->mean2);
  set_number (object, "sd1", c->sd1);
  set_number (object, "sd2", c->sd2);
  set_number (object, "difference", c->difference);
  set_number (object, "ratio", c->ratio);
  set_number (object, "t", c->t);
  set_number (object, "df", c->df);
  set_number (object, "p", c->p);
  set_number (object, "hedges_g", c->g);
  set_interval (object, "hedges_g_interval", c->g_lower, c->g_upper);
  return object;
}

static JsonArray *
statistics (const PdnGrowthFindings *f)
{
  JsonArray *list = json_array_new ();
  JsonObject *object;

  json_array_add_object_element (
      list, correlation ("pearson_r", _ ("Pearson correlation"), &f->pearson, TRUE));
  json_array_add_object_element (
      list, correlation ("spearman_rho", _ ("Spearman rank correlation"), &f->spearman, FALSE));
  object = statistic ("bootstrap_r", _ ("Pearson correlation, bootstrap interval"), f->pearson.r,
                      f->pearson.n);
  set_interval (object, "interval", f->boot_lower, f->boot_upper);
  json_object_set_int_member (object, "resamples", f->resamples_used);
  json_object_set_int_member (object, "seed", f->seed);
  json_array_add_object_element (list, object);
  object = statistic ("slope", _ ("Change in the outcome per unit of participation"),
                      f->slope.slope, f->slope.n);
  set_number (object, "se", f->slope.se);
  set_number (object, "p", f->slope.p);
  json_array_add_object_element (list, object);
  if (f->adjusted)
    {
      object = statistic ("adjusted_slope",
                          _ ("Change in the outcome per unit of participation, adjusted"),
                          f->adjusted_slope, f->adjusted_n);
      set_number (object, "se", f->adjusted_se);
      set_number (object, "p", f->adjusted_p);
      json_object_set_string_member (object, "adjusted_for", f->adjusted_for);
      json_array_add_object_element (list, object);
    }
  json_array_add_object_element (
      list, comparison ("threshold_vs_at_or_below",
                        _ ("Above the threshold against participating schools at or below it"),
                        &f->vs_at_or_below));
  json_array_add_object_element (
      list, comparison ("threshold_vs_non_participating",
                        _ ("Above the threshold against non-participating schools"),
                        &f->vs_non_participating));
  return list;
}

static JsonArray *
caveats (const PdnGrowthFindings *f)
{
  JsonArray *list = json_array_new ();
  g_autofree gchar *year = NULL;
  g_autofree gchar *suppressed = NULL;

  json_array_add_string_element (
      list, _ ("These figures show whether participation and outcomes go together; they do "
               "not show that the PD caused any change in outcomes."));
  year = g_strdup_printf (_ ("Only one school year (%s) is looked at; one year’s results can "
                             "move for many reasons."),
                          f->school_year);
  json_array_add_string_element (list, year);
  json_array_add_string_element (
      list, _ ("Schools and teachers chose to take part, so participating schools may differ "
               "from the others in ways these figures cannot see."));
  suppressed = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%u school was left out because its outcome rests on fewer than %lld "
                   "students.",
                   "%u schools were left out because their outcomes rest on fewer than %lld "
                   "students.",
                   f->n_suppressed),
      f->n_suppressed, (long long)f->min_students);
  json_array_add_string_element (list, suppressed);
  if (f->pearson.n < 30)
    json_array_add_string_element (
        list, _ ("Fewer than 30 schools are compared, so the figures are uncertain: read the "
                 "intervals, not just the values."));
  return list;
}

static void
csv_field (GString *csv, const gchar *text)
{
  g_autofree gchar *escaped = NULL;
  gchar **parts = g_strsplit (text, "\"", -1);

  escaped = g_strjoinv ("\"\"", parts);
  g_strfreev (parts);
  g_string_append_printf (csv, "\"%s\",", escaped);
}

static void
csv_number (GString *csv, gdouble value, gboolean last)
{
  gchar buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (csv, g_ascii_dtostr (buffer, sizeof buffer, value));
  g_string_append (csv, last ? "\r\n" : ",");
}

/* The schools the statistics rest on: no suppressed school has a row. */
static gchar *
csv_text (const PdnGrowthFindings *f)
{
  GString *csv = g_string_new (NULL);
  gboolean baseline = f->baseline_year != NULL;

  g_string_append (csv, baseline ? "school_id,school,organization,sector,teachers,hours,rate,"
                                   "outcome,baseline\r\n"
                                 : "school_id,school,organization,sector,teachers,hours,rate,"
                                   "outcome\r\n");
  for (guint i = 0; i < f->schools->len; i++)
    {
      const PdnGrowthSchool *s = g_ptr_array_index (f->schools, i);

      if (s->status != PDN_GROWTH_INCLUDED)
        continue;
      g_string_append_printf (csv, "%lld,", (long long)s->id);
      csv_field (csv, s->name);
      csv_field (csv, s->organization_name);
      csv_field (csv, s->sector);
      g_string_append_printf (csv, "%lld,", (long long)s->teachers);
      csv_number (csv, pdn_growth_school_hours (s), FALSE);
      csv_number (csv, pdn_growth_school_rate (s), FALSE);
      csv_number (csv, s->value, !baseline);
      if (baseline)
        csv_number (csv, s->baseline, TRUE);
    }
  return g_string_free (csv, FALSE);
}

JsonNode *
pdn_growth_result_build (const PdnGrowthFindings *f)
{
  JsonObject *result = json_object_new ();
  JsonArray *tables = json_array_new ();
  g_autofree gchar *csv = csv_text (f);
  JsonNode *node;

  json_array_add_object_element (tables, schools_table (f));
  json_array_add_object_element (tables, groups_table (f));
  json_object_set_array_member (result, "tables", tables);
  json_object_set_array_member (result, "statistics", statistics (f));
  json_object_set_array_member (result, "caveats", caveats (f));
  json_object_set_string_member (result, "csv", csv);
  json_object_set_string_member (result, "plot_svg", f->plot_svg);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}
