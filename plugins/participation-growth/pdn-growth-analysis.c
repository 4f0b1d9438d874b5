/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>

#include "pdn-growth-analysis.h"
#include "pdn-growth-plot.h"
#include "pdn-growth-result.h"

/* describe() and run() of participation-growth: reads the schools, picks
 * the ones the statistics may use, computes them and builds the result. */

JsonNode *
pdn_growth_analysis_describe (void)
{
  /* Translations go in with json-glib, so no quote in one breaks the JSON. */
  JsonNode *node = json_from_string (
      "{\"id\":\"participation-growth\","
      "\"parameters\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"program_ids\",\"measure\"],"
      "\"properties\":{"
      "\"program_ids\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":100,"
      "\"items\":{\"type\":\"integer\",\"minimum\":1},"
      "\"description\":\"The programs whose attendance counts\"},"
      "\"school_year\":{\"type\":\"string\","
      "\"description\":\"The year of attendance and outcomes; the programs' own by default\"},"
      "\"measure\":{\"type\":\"string\",\"description\":\"The outcome, such as ela_growth\"},"
      "\"baseline_year\":{\"type\":\"string\","
      "\"description\":\"With it the outcome is the value minus that year's value\"},"
      "\"x\":{\"type\":\"string\",\"enum\":[\"teachers\",\"hours\",\"rate\"],"
      "\"default\":\"teachers\",\"description\":\"The participation figure\"},"
      "\"threshold\":{\"type\":\"integer\",\"minimum\":0,\"default\":10,"
      "\"description\":\"Schools with more teachers attending are compared with the rest\"},"
      "\"min_students\":{\"type\":\"integer\",\"minimum\":1,\"default\":10,"
      "\"description\":\"Schools whose outcome rests on fewer students are suppressed\"},"
      "\"adjust\":{\"type\":\"array\",\"maxItems\":2,"
      "\"items\":{\"type\":\"string\",\"enum\":[\"baseline\",\"sector\"]},"
      "\"description\":\"Covariates of the adjusted slope\"},"
      "\"bootstrap\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100000,\"default\":2000,"
      "\"description\":\"Bootstrap resamples for the interval of r\"},"
      "\"seed\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295,\"default\":1,"
      "\"description\":\"Seed of the bootstrap\"}}},"
      "\"outputs\":[\"tables\",\"statistics\",\"csv\",\"plot\"]}",
      NULL);
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "name", _ ("Participation and growth"));
  json_object_set_string_member (
      object, "description",
      _ ("Relates how many of a school’s teachers took part in PD to the school’s outcome."));
  return node;
}

typedef struct
{
  PdnProgressFunc progress;
  gpointer data;
  guint resamples;
} Progress;

/* Reading the data is the slow part on a large network, the bootstrap
 * the rest: 0 to 70%, then 70% to 90%. */
#define LOAD_SHARE 0.7

static void
load_tick (gdouble fraction, const gchar *message, gpointer data)
{
  Progress *p = data;

  p->progress (LOAD_SHARE * fraction, _ ("Reading participation and outcomes"), p->data);
}

static void
bootstrap_tick (guint done, gpointer data)
{
  Progress *p = data;

  p->progress (LOAD_SHARE + (0.9 - LOAD_SHARE) * done / MAX (p->resamples, 1), _ ("Resampling"),
               p->data);
}

static gboolean
read_adjust (JsonObject *parameters, gboolean *baseline, gboolean *sector, GError **error)
{
  JsonArray *adjust = json_object_has_member (parameters, "adjust")
                          ? json_object_get_array_member (parameters, "adjust")
                          : NULL;

  *baseline = *sector = FALSE;
  for (guint i = 0; adjust != NULL && i < json_array_get_length (adjust); i++)
    {
      const gchar *name = json_array_get_string_element (adjust, i);
      *baseline |= g_strcmp0 (name, "baseline") == 0;
      *sector |= g_strcmp0 (name, "sector") == 0;
    }
  if (*baseline && !json_object_has_member (parameters, "baseline_year"))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "adjust",
                           _ ("Adjusting for the baseline needs a baseline_year."));
      return FALSE;
    }
  return TRUE;
}

/* The included schools' x and outcome; rate needs the year's headcount. */
static void
collect (PdnGrowthFindings *f, GArray *x, GArray *y, GPtrArray *used)
{
  for (guint i = 0; i < f->schools->len; i++)
    {
      PdnGrowthSchool *s = g_ptr_array_index (f->schools, i);
      gdouble value;

      if (s->status == PDN_GROWTH_SUPPRESSED)
        f->n_suppressed++;
      if (s->status != PDN_GROWTH_INCLUDED)
        continue;
      value = pdn_growth_x_value (f->x, s);
      if (isnan (value))
        {
          s->status = PDN_GROWTH_NO_HEADCOUNT;
          continue;
        }
      g_array_append_val (x, value);
      g_array_append_val (y, s->value);
      g_ptr_array_add (used, s);
    }
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *)a, *(const gchar *const *)b);
}

/* The covariates, row by row: the baseline, then one indicator per sector
 * present other than the first (R's treatment contrasts of a factor
 * whose levels are sorted). */
static gsize
covariates (GPtrArray *used, gboolean baseline, gboolean sector, GArray *out)
{
  g_autoptr (GPtrArray) levels = g_ptr_array_new ();
  gsize k;

  for (guint i = 0; sector && i < used->len; i++)
    {
      const gchar *name = ((PdnGrowthSchool *)g_ptr_array_index (used, i))->sector;
      if (!g_ptr_array_find_with_equal_func (levels, name, g_str_equal, NULL))
        g_ptr_array_add (levels, (gpointer)name);
    }
  g_ptr_array_sort (levels, compare_names);
  k = (baseline ? 1 : 0) + (levels->len > 0 ? levels->len - 1 : 0);
  for (guint i = 0; i < used->len; i++)
    {
      const PdnGrowthSchool *s = g_ptr_array_index (used, i);

      if (baseline)
        g_array_append_val (out, s->baseline);
      for (guint j = 1; j < levels->len; j++)
        {
          gdouble indicator = g_strcmp0 (s->sector, g_ptr_array_index (levels, j)) == 0;
          g_array_append_val (out, indicator);
        }
    }
  return k;
}

static void
adjusted_slope (PdnGrowthFindings *f, GArray *x, GArray *y, GPtrArray *used, gboolean baseline,
                gboolean sector)
{
  g_autoptr (GArray) cov = g_array_new (FALSE, FALSE, sizeof (gdouble));
  gsize k = covariates (used, baseline, sector, cov);

  f->adjusted = TRUE;
  f->adjusted_for = g_strdup (baseline && sector ? "baseline, sector"
                              : baseline         ? "baseline"
                                                 : "sector");
  f->adjusted_n = x->len;
  pdn_growth_adjusted_slope ((gdouble *)x->data, (gdouble *)y->data,
                             k > 0 ? (gdouble *)cov->data : NULL, x->len, k, &f->adjusted_slope,
                             &f->adjusted_se, &f->adjusted_p);
}

/* Above the threshold, participating at or below it, not participating. */
static void
threshold_groups (PdnGrowthFindings *f, GPtrArray *used)
{
  g_autoptr (GArray) above = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) below = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) none = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint i = 0; i < used->len; i++)
    {
      const PdnGrowthSchool *s = g_ptr_array_index (used, i);
      GArray *group = s->teachers > f->threshold ? above : s->teachers > 0 ? below : none;
      g_array_append_val (group, s->value);
    }
  pdn_growth_compare ((gdouble *)above->data, above->len, (gdouble *)below->data, below->len,
                      &f->vs_at_or_below);
  pdn_growth_compare ((gdouble *)above->data, above->len, (gdouble *)none->data, none->len,
                      &f->vs_non_participating);
}

static void
plot (PdnGrowthFindings *f, GArray *x, GArray *y, GPtrArray *used)
{
  g_autoptr (PdnGrowthPlot) plot = pdn_growth_plot_new (pdn_growth_x_label (f->x), f->measure);

  for (guint i = 0; i < used->len; i++)
    pdn_growth_plot_add_point (plot, ((PdnGrowthSchool *)g_ptr_array_index (used, i))->sector,
                               g_array_index (x, gdouble, i), g_array_index (y, gdouble, i));
  pdn_growth_plot_set_fit (plot, &f->slope);
  f->plot_svg = pdn_growth_plot_render_svg (plot);
}

static PdnGrowthX
parse_x (const gchar *name)
{
  if (g_strcmp0 (name, "hours") == 0)
    return PDN_GROWTH_X_HOURS;
  if (g_strcmp0 (name, "rate") == 0)
    return PDN_GROWTH_X_RATE;
  return PDN_GROWTH_X_TEACHERS;
}

static gboolean
load (PdnGrowthFindings *f, PdnContext *context, JsonObject *parameters, Progress *p,
      GError **error)
{
  JsonArray *ids = json_object_get_array_member (parameters, "program_ids");
  g_autofree gint64 *program_ids = g_new0 (gint64, json_array_get_length (ids) + 1);
  PdnGrowthQuery query = { 0 };

  for (guint i = 0; i < json_array_get_length (ids); i++)
    program_ids[i] = json_array_get_int_element (ids, i);
  query.program_ids = program_ids;
  query.n_programs = json_array_get_length (ids);
  query.school_year = json_object_get_string_member_with_default (parameters, "school_year", NULL);
  query.measure = f->measure;
  query.baseline_year = f->baseline_year;
  query.min_students = f->min_students;
  f->schools = pdn_growth_load (context, &query, load_tick, p, &f->school_year, error);
  return f->schools != NULL;
}

static gboolean
any_outcome (PdnGrowthFindings *f, GError **error)
{
  for (guint i = 0; i < f->schools->len; i++)
    if (((PdnGrowthSchool *)g_ptr_array_index (f->schools, i))->status != PDN_GROWTH_NO_OUTCOME)
      return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "measure",
                       _ ("No participating organization’s school has the outcome %s for %s."),
                       f->measure, f->school_year);
  return FALSE;
}

JsonNode *
pdn_growth_analysis_run (PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
                         gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_auto (PdnGrowthFindings) f = { 0 };
  g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GPtrArray) used = g_ptr_array_new ();
  Progress p = { progress, progress_data, 0 };
  gboolean by_baseline, by_sector;

  f.x = parse_x (json_object_get_string_member (parameters, "x"));
  f.measure = json_object_get_string_member (parameters, "measure");
  f.baseline_year = json_object_get_string_member_with_default (parameters, "baseline_year", NULL);
  f.threshold = json_object_get_int_member (parameters, "threshold");
  f.min_students = json_object_get_int_member (parameters, "min_students");
  f.resamples = p.resamples = (guint)json_object_get_int_member (parameters, "bootstrap");
  f.seed = json_object_get_int_member (parameters, "seed");
  if (!read_adjust (parameters, &by_baseline, &by_sector, error))
    return NULL;
  if (!load (&f, context, parameters, &p, error) || !any_outcome (&f, error))
    return NULL;
  collect (&f, x, y, used);
  pdn_growth_pearson ((gdouble *)x->data, (gdouble *)y->data, x->len, &f.pearson);
  pdn_growth_spearman ((gdouble *)x->data, (gdouble *)y->data, x->len, &f.spearman);
  if (!pdn_growth_bootstrap ((gdouble *)x->data, (gdouble *)y->data, x->len, f.resamples,
                             (gulong)f.seed, cancellable, bootstrap_tick, &p, &f.boot_lower,
                             &f.boot_upper, &f.resamples_used, error))
    return NULL;
  pdn_growth_slope ((gdouble *)x->data, (gdouble *)y->data, x->len, &f.slope);
  if (by_baseline || by_sector)
    adjusted_slope (&f, x, y, used, by_baseline, by_sector);
  threshold_groups (&f, used);
  progress (0.95, _ ("Drawing the plot"), progress_data);
  plot (&f, x, y, used);
  progress (1.0, NULL, progress_data);
  return pdn_growth_result_build (&f);
}
