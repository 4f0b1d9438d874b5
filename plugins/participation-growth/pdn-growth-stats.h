/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The statistics of participation-growth, on plain arrays so they can be
 * checked against R without a store. A value that cannot be computed
 * (too few points, no variance) is NAN. */

typedef struct
{
  gsize n;
  gdouble r;
  gdouble lower; /* Fisher-z 95% interval */
  gdouble upper;
  gdouble p; /* two-sided, t with n - 2 degrees of freedom */
} PdnGrowthCorrelation;

typedef struct
{
  gsize n;
  gdouble slope;
  gdouble se;
  gdouble p;
  gdouble intercept;
  gdouble cov00, cov01, cov11; /* for the confidence band */
  gdouble sumsq;               /* residual sum of squares */
} PdnGrowthSlope;

typedef struct
{
  gsize n1, n2;
  gdouble mean1, mean2, sd1, sd2;
  gdouble difference; /* mean1 - mean2 */
  gdouble ratio;      /* mean1 / mean2 */
  gdouble t, df, p;   /* Welch */
  gdouble g, g_lower, g_upper;
} PdnGrowthComparison;

void pdn_growth_pearson (const gdouble *x, const gdouble *y, gsize n, PdnGrowthCorrelation *out);
void pdn_growth_spearman (const gdouble *x, const gdouble *y, gsize n, PdnGrowthCorrelation *out);
/* Ranks 1..n, ties given their average rank. */
void pdn_growth_rank (const gdouble *values, gsize n, gdouble *ranks);

/* Percentile interval of r over @resamples resamples of the pairs drawn
 * with a Mersenne Twister seeded with @seed. Resamples with no variance are
 * skipped; @used says how many counted. FALSE when cancelled. */
gboolean pdn_growth_bootstrap (const gdouble *x, const gdouble *y, gsize n, guint resamples,
                               gulong seed, GCancellable *cancellable,
                               void (*tick) (guint done, gpointer data), gpointer data,
                               gdouble *lower, gdouble *upper, guint *used, GError **error);

void pdn_growth_slope (const gdouble *x, const gdouble *y, gsize n, PdnGrowthSlope *out);
/* The fitted line at @x0 and half the width of its 95% band. */
void pdn_growth_slope_band (const PdnGrowthSlope *fit, gdouble x0, gdouble *y, gdouble *half);

/* The coefficient of x in y ~ 1 + x + covariates (columns of @covariates,
 * n rows by @k columns, row-major), with its standard error and p. */
gboolean pdn_growth_adjusted_slope (const gdouble *x, const gdouble *y, const gdouble *covariates,
                                    gsize n, gsize k, gdouble *slope, gdouble *se, gdouble *p);

void pdn_growth_compare (const gdouble *a, gsize n1, const gdouble *b, gsize n2,
                         PdnGrowthComparison *out);

G_END_DECLS
