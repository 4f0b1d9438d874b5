/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "pdn-growth-stats.h"

/* The statistics follow R (cor.test, lm, t.test) so results can be
 * checked against it; the tests do, to 1e-9. */

static gdouble
two_sided_t (gdouble t, gdouble df)
{
  if (isnan (t) || !(df > 0))
    return NAN;
  return MIN (1.0, 2 * gsl_cdf_tdist_Q (fabs (t), df));
}

/* r / sqrt((1 - r^2) / (n - 2)), as cor.test; infinite at |r| = 1. */
static gdouble
correlation_p (gdouble r, gsize n)
{
  gdouble df = (gdouble)n - 2;

  if (n < 3 || isnan (r))
    return NAN;
  if (fabs (r) >= 1)
    return 0;
  return two_sided_t (r / sqrt ((1 - r * r) / df), df);
}

static gdouble
correlation (const gdouble *x, const gdouble *y, gsize n)
{
  gdouble r;

  if (n < 2)
    return NAN;
  r = gsl_stats_correlation (x, 1, y, 1, n);
  return isfinite (r) ? r : NAN;
}

void
pdn_growth_pearson (const gdouble *x, const gdouble *y, gsize n, PdnGrowthCorrelation *out)
{
  out->n = n;
  out->r = correlation (x, y, n);
  out->p = correlation_p (out->r, n);
  out->lower = out->upper = NAN;
  /* cor.test gives the Fisher-z interval from four pairs on. */
  if (n > 3 && !isnan (out->r))
    {
      gdouble z = atanh (out->r);
      gdouble half = gsl_cdf_ugaussian_Pinv (0.975) / sqrt ((gdouble)n - 3);

      out->lower = tanh (z - half);
      out->upper = tanh (z + half);
    }
}

void
pdn_growth_rank (const gdouble *values, gsize n, gdouble *ranks)
{
  g_autofree gsize *order = g_new (gsize, n);
  gsize i = 0;

  gsl_sort_index (order, values, 1, n);
  while (i < n)
    {
      gsize j = i;
      gdouble average;

      while (j + 1 < n && values[order[j + 1]] == values[order[i]])
        j++;
      average = (i + j) / 2.0 + 1;
      for (gsize k = i; k <= j; k++)
        ranks[order[k]] = average;
      i = j + 1;
    }
}

/* R's cor.test(method = "spearman", exact = FALSE): Pearson on the
 * averaged ranks, p from the t approximation. */
void
pdn_growth_spearman (const gdouble *x, const gdouble *y, gsize n, PdnGrowthCorrelation *out)
{
  g_autofree gdouble *rx = g_new (gdouble, MAX (n, 1));
  g_autofree gdouble *ry = g_new (gdouble, MAX (n, 1));

  pdn_growth_rank (x, n, rx);
  pdn_growth_rank (y, n, ry);
  out->n = n;
  out->r = correlation (rx, ry, n);
  out->p = correlation_p (out->r, n);
  out->lower = out->upper = NAN;
}

gboolean
pdn_growth_bootstrap (const gdouble *x, const gdouble *y, gsize n, guint resamples, gulong seed,
                      GCancellable *cancellable, void (*tick) (guint done, gpointer data),
                      gpointer data, gdouble *lower, gdouble *upper, guint *used, GError **error)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  g_autofree gdouble *bx = g_new (gdouble, MAX (n, 1));
  g_autofree gdouble *by = g_new (gdouble, MAX (n, 1));
  g_autofree gdouble *rs = g_new (gdouble, MAX (resamples, 1));
  guint count = 0;

  gsl_rng_set (rng, seed);
  *lower = *upper = NAN;
  for (guint b = 0; b < resamples && n >= 2; b++)
    {
      gdouble r;

      if (b % 64 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              gsl_rng_free (rng);
              return FALSE;
            }
          if (tick != NULL)
            tick (b, data);
        }
      for (gsize i = 0; i < n; i++)
        {
          gsize pick = gsl_rng_uniform_int (rng, n);
          bx[i] = x[pick];
          by[i] = y[pick];
        }
      r = correlation (bx, by, n);
      if (!isnan (r))
        rs[count++] = r;
    }
  gsl_rng_free (rng);
  *used = count;
  if (count > 0)
    {
      gsl_sort (rs, 1, count);
      *lower = gsl_stats_quantile_from_sorted_data (rs, 1, count, 0.025);
      *upper = gsl_stats_quantile_from_sorted_data (rs, 1, count, 0.975);
    }
  return TRUE;
}

void
pdn_growth_slope (const gdouble *x, const gdouble *y, gsize n, PdnGrowthSlope *out)
{
  gdouble df = (gdouble)n - 2;

  *out = (PdnGrowthSlope){ .n = n,
                           .slope = NAN,
                           .se = NAN,
                           .p = NAN,
                           .intercept = NAN,
                           .cov00 = NAN,
                           .cov01 = NAN,
                           .cov11 = NAN,
                           .sumsq = NAN };
  if (n < 3 || gsl_stats_variance (x, 1, n) == 0)
    return;
  gsl_fit_linear (x, 1, y, 1, n, &out->intercept, &out->slope, &out->cov00, &out->cov01,
                  &out->cov11, &out->sumsq);
  out->se = sqrt (out->cov11);
  out->p = out->se > 0 ? two_sided_t (out->slope / out->se, df) : NAN;
}

/* predict(lm, interval = "confidence"): ± t(0.975, n - 2) standard errors
 * of the fitted mean. */
void
pdn_growth_slope_band (const PdnGrowthSlope *fit, gdouble x0, gdouble *y, gdouble *half)
{
  gdouble err = NAN;

  *y = *half = NAN;
  if (isnan (fit->slope))
    return;
  gsl_fit_linear_est (x0, fit->intercept, fit->slope, fit->cov00, fit->cov01, fit->cov11, y, &err);
  *half = gsl_cdf_tdist_Pinv (0.975, (gdouble)fit->n - 2) * err;
}

gboolean
pdn_growth_adjusted_slope (const gdouble *x, const gdouble *y, const gdouble *covariates, gsize n,
                           gsize k, gdouble *slope, gdouble *se, gdouble *p)
{
  gsize columns = k + 2;
  gsl_matrix *design, *cov;
  gsl_vector *coefficients;
  gsl_multifit_linear_workspace *work;
  gsl_vector_const_view response = gsl_vector_const_view_array (y, n);
  gdouble chisq;
  size_t rank = 0;
  gboolean ok;

  *slope = *se = *p = NAN;
  if (n <= columns)
    return FALSE;
  design = gsl_matrix_alloc (n, columns);
  cov = gsl_matrix_alloc (columns, columns);
  coefficients = gsl_vector_alloc (columns);
  work = gsl_multifit_linear_alloc (n, columns);
  for (gsize i = 0; i < n; i++)
    {
      gsl_matrix_set (design, i, 0, 1);
      gsl_matrix_set (design, i, 1, x[i]);
      for (gsize j = 0; j < k; j++)
        gsl_matrix_set (design, i, j + 2, covariates[i * k + j]);
    }
  /* A rank-deficient design (x a copy of a covariate) has no slope. */
  ok = gsl_multifit_linear_tsvd (design, &response.vector, 1e-10, coefficients, cov, &chisq, &rank,
                                 work)
           == GSL_SUCCESS
       && rank == columns;
  if (ok)
    {
      *slope = gsl_vector_get (coefficients, 1);
      *se = sqrt (gsl_matrix_get (cov, 1, 1));
      *p = two_sided_t (*slope / *se, (gdouble)(n - columns));
    }
  gsl_multifit_linear_free (work);
  gsl_vector_free (coefficients);
  gsl_matrix_free (cov);
  gsl_matrix_free (design);
  return ok;
}

/* Welch's t and Hedges' g (pooled SD, small-sample correction
 * 1 - 3 / (4 (n1 + n2) - 9)), its interval from the large-sample variance
 * (n1 + n2) / (n1 n2) + g^2 / (2 (n1 + n2)). */
void
pdn_growth_compare (const gdouble *a, gsize n1, const gdouble *b, gsize n2,
                    PdnGrowthComparison *out)
{
  gdouble v1, v2, se2, pooled, j, var, half;
  gdouble N = (gdouble)(n1 + n2);

  *out = (PdnGrowthComparison){ .n1 = n1,
                                .n2 = n2,
                                .mean1 = NAN,
                                .mean2 = NAN,
                                .sd1 = NAN,
                                .sd2 = NAN,
                                .difference = NAN,
                                .ratio = NAN,
                                .t = NAN,
                                .df = NAN,
                                .p = NAN,
                                .g = NAN,
                                .g_lower = NAN,
                                .g_upper = NAN };
  if (n1 > 0)
    out->mean1 = gsl_stats_mean (a, 1, n1);
  if (n2 > 0)
    out->mean2 = gsl_stats_mean (b, 1, n2);
  if (n1 > 1)
    out->sd1 = gsl_stats_sd_m (a, 1, n1, out->mean1);
  if (n2 > 1)
    out->sd2 = gsl_stats_sd_m (b, 1, n2, out->mean2);
  out->difference = out->mean1 - out->mean2;
  out->ratio = out->mean2 != 0 ? out->mean1 / out->mean2 : NAN;
  if (n1 < 2 || n2 < 2)
    return;
  v1 = out->sd1 * out->sd1 / n1;
  v2 = out->sd2 * out->sd2 / n2;
  se2 = v1 + v2;
  if (se2 > 0)
    {
      out->t = out->difference / sqrt (se2);
      out->df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
      out->p = two_sided_t (out->t, out->df);
    }
  pooled = sqrt (((n1 - 1) * out->sd1 * out->sd1 + (n2 - 1) * out->sd2 * out->sd2) / (N - 2));
  if (!(pooled > 0))
    return;
  j = 1 - 3 / (4 * N - 9);
  out->g = j * out->difference / pooled;
  var = N / ((gdouble)n1 * n2) + out->g * out->g / (2 * N);
  half = gsl_cdf_ugaussian_Pinv (0.975) * sqrt (var);
  out->g_lower = out->g - half;
  out->g_upper = out->g + half;
}
