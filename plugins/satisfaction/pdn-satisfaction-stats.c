/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "pdn-satisfaction-stats.h"

gdouble
pdn_satisfaction_nps (const gdouble *recommend, guint n)
{
  gint64 promoters = 0, detractors = 0;

  if (n == 0)
    return NAN;
  for (guint i = 0; i < n; i++)
    {
      if (recommend[i] >= 9)
        promoters++;
      else if (recommend[i] <= 6)
        detractors++;
    }
  return 100.0 * (gdouble)(promoters - detractors) / (gdouble)n;
}

/* The mean and its 95% t interval (what R's t.test gives); the interval
 * needs two answers. */
static void
usefulness_figures (const gdouble *usefulness, guint n, PdnSatisfactionStats *stats)
{
  guint useful = 0;

  stats->usefulness_mean = gsl_stats_mean (usefulness, 1, n);
  if (n >= 2)
    {
      gdouble sd = gsl_stats_sd (usefulness, 1, n);
      gdouble half = gsl_cdf_tdist_Pinv (0.975, (gdouble)(n - 1)) * sd / sqrt ((gdouble)n);

      stats->usefulness_ci_low = stats->usefulness_mean - half;
      stats->usefulness_ci_high = stats->usefulness_mean + half;
    }
  for (guint i = 0; i < n; i++)
    if (usefulness[i] >= 4)
      useful++;
  stats->share_useful = (gdouble)useful / (gdouble)n;
}

/* A percentile bootstrap: @bootstrap resamples of the n answers drawn
 * with replacement by a Mersenne Twister seeded with @seed, so a run can
 * be repeated exactly; the interval is the 2.5% and 97.5% quantiles of
 * their scores (R's quantile type 7). */
static void
nps_interval (const gdouble *recommend, guint n, guint bootstrap, guint64 seed,
              PdnSatisfactionStats *stats)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  g_autofree gdouble *scores = g_new (gdouble, bootstrap);
  g_autofree gdouble *sample = g_new (gdouble, n);

  gsl_rng_set (rng, (unsigned long)seed);
  for (guint b = 0; b < bootstrap; b++)
    {
      for (guint i = 0; i < n; i++)
        sample[i] = recommend[gsl_rng_uniform_int (rng, n)];
      scores[b] = pdn_satisfaction_nps (sample, n);
    }
  gsl_rng_free (rng);
  gsl_sort (scores, 1, bootstrap);
  stats->nps_ci_low = gsl_stats_quantile_from_sorted_data (scores, 1, bootstrap, 0.025);
  stats->nps_ci_high = gsl_stats_quantile_from_sorted_data (scores, 1, bootstrap, 0.975);
}

void
pdn_satisfaction_stats_compute (const gdouble *usefulness, const gdouble *recommend, guint n,
                                guint bootstrap, guint64 seed, PdnSatisfactionStats *stats)
{
  stats->n = n;
  stats->usefulness_mean = stats->usefulness_ci_low = stats->usefulness_ci_high = NAN;
  stats->share_useful = stats->nps = stats->nps_ci_low = stats->nps_ci_high = NAN;
  if (n == 0)
    return;
  usefulness_figures (usefulness, n, stats);
  stats->nps = pdn_satisfaction_nps (recommend, n);
  if (bootstrap > 0)
    nps_interval (recommend, n, bootstrap, seed, stats);
}
