/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "pdn-reach-stats.h"

static gdouble *
sorted_copy (const gdouble *values, guint n)
{
  gdouble *sorted = g_memdup2 (values, sizeof (gdouble) * n);

  gsl_sort (sorted, 1, n);
  return sorted;
}

/* On sorted values, sum |x_i - x_j| over all pairs is
 * 2 * sum_i (2i - n + 1) x_i (i from 0), which avoids the n^2 loop. */
gdouble
pdn_reach_gini (const gdouble *values, guint n)
{
  g_autofree gdouble *sorted = NULL;
  gdouble mean, weighted = 0;

  if (n == 0)
    return NAN;
  mean = gsl_stats_mean (values, 1, n);
  if (mean <= 0)
    return NAN;
  sorted = sorted_copy (values, n);
  for (guint i = 0; i < n; i++)
    weighted += (2.0 * i - n + 1.0) * sorted[i];
  return 2.0 * weighted / (2.0 * (gdouble)n * (gdouble)n * mean);
}

gdouble
pdn_reach_top_decile_share (const gdouble *values, guint n)
{
  g_autofree gdouble *sorted = NULL;
  guint top = (n + 9) / 10;
  gdouble sum = 0, top_sum = 0;

  if (n == 0)
    return NAN;
  sorted = sorted_copy (values, n);
  for (guint i = 0; i < n; i++)
    {
      sum += sorted[i];
      if (i >= n - top)
        top_sum += sorted[i];
    }
  return sum > 0 ? top_sum / sum : NAN;
}
