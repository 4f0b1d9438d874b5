/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <glib/gstdio.h>

#include "pdn-growth-plot.h"
#include "pdn-growth-r.h"
#include "pdn-growth-stats.h"
#include "pdn-test.h"

/*
 * The statistics of participation-growth on hand-built arrays, each
 * checked against R: cor.test (Pearson; Spearman with exact = FALSE),
 * lm (slope, its standard error, adjusted for a baseline and a sector
 * factor, and the confidence band of predict()), t.test (Welch) and a
 * few lines of R for Hedges' g and its interval. The bootstrap is
 * checked for reproducibility, and the plot for its data.
 */

#define N 24

/* Teachers attending (with ties), outcome, baseline, sector. */
static const gdouble xs[N]
    = { 0, 0, 0, 1, 2, 2, 3, 4, 5, 5, 5, 7, 8, 9, 11, 11, 12, 14, 15, 17, 20, 20, 23, 30 };
static const gdouble ys[N]
    = { 44.5, 51.0, 47.25, 49.0, 46.0, 52.5, 50.0, 48.75, 53.0, 47.5, 55.0, 51.5,
        49.5, 56.0, 54.25, 50.5, 58.0, 52.0, 57.5, 55.75, 60.0, 53.5, 59.0, 61.25 };
static const gdouble bs[N] = { 45, 50, 48, 47, 44, 51, 52, 47, 50, 46, 53, 50,
                               47, 54, 52, 49, 55, 51, 54, 53, 57, 52, 55, 58 };
static const gchar *const sectors[N]
    = { "district", "charter",  "catholic", "district", "district", "charter",
        "catholic", "district", "charter",  "district", "catholic", "district",
        "charter",  "district", "catholic", "district", "charter",  "district",
        "catholic", "district", "charter",  "district", "catholic", "charter" };

typedef struct
{
  PdnTestDir *dir;
  GHashTable *r;
} Fixture;

static gchar *
data_csv (void)
{
  GString *csv = g_string_new ("x,y,b,sector\n");

  for (guint i = 0; i < N; i++)
    g_string_append_printf (csv, "%.17g,%.17g,%.17g,%s\n", xs[i], ys[i], bs[i], sectors[i]);
  return g_string_free (csv, FALSE);
}

/* Everything R says about the arrays, once. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree gchar *csv = data_csv ();
  g_autofree gchar *file = NULL;

  f->dir = pdn_test_dir_new ();
  file = pdn_test_write_file (f->dir, "data.csv", csv);
  f->r = pdn_growth_r_run (
      f->dir->path,
      "d <- read.csv('data.csv');"
      "ct <- cor.test(d$x, d$y);"
      "out('r', ct$estimate); out('r_lo', ct$conf.int[1]); out('r_hi', ct$conf.int[2]);"
      "out('r_p', ct$p.value);"
      "cs <- cor.test(d$x, d$y, method = 'spearman', exact = FALSE);"
      "out('rho', cs$estimate); out('rho_p', cs$p.value);"
      "m <- summary(lm(y ~ x, d))$coefficients;"
      "out('slope', m['x', 1]); out('slope_se', m['x', 2]); out('slope_p', m['x', 4]);"
      "ma <- summary(lm(y ~ x + b + factor(sector), d))$coefficients;"
      "out('adj', ma['x', 1]); out('adj_se', ma['x', 2]); out('adj_p', ma['x', 4]);"
      "mb <- summary(lm(y ~ x + b, d))$coefficients;"
      "out('adj_b', mb['x', 1]); out('adj_b_se', mb['x', 2]);"
      "ms <- summary(lm(y ~ x + factor(sector), d))$coefficients;"
      "out('adj_s', ms['x', 1]); out('adj_s_se', ms['x', 2]);"
      "pr <- predict(lm(y ~ x, d), data.frame(x = c(0, 13.5, 30)), interval = 'confidence');"
      "for (i in 1:3) { out(paste0('fit', i), pr[i, 1]); out(paste0('upr', i), pr[i, 3]) };"
      "a <- d$y[d$x > 10]; b <- d$y[d$x > 0 & d$x <= 10];"
      "w <- t.test(a, b);"
      "out('t', w$statistic); out('df', w$parameter); out('p', w$p.value);"
      "out('m1', mean(a)); out('m2', mean(b)); out('s1', sd(a)); out('s2', sd(b));"
      "n1 <- length(a); n2 <- length(b);"
      "sp <- sqrt(((n1 - 1) * var(a) + (n2 - 1) * var(b)) / (n1 + n2 - 2));"
      "g <- (1 - 3 / (4 * (n1 + n2) - 9)) * (mean(a) - mean(b)) / sp;"
      "v <- (n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2));"
      "out('g', g); out('g_lo', g - qnorm(0.975) * sqrt(v));"
      "out('g_hi', g + qnorm(0.975) * sqrt(v));\n");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_hash_table_unref (f->r);
  pdn_test_dir_free (f->dir);
}

static gdouble
r (Fixture *f, const gchar *name)
{
  return pdn_growth_r_value (f->r, name);
}

static void
test_pearson (Fixture *f, gconstpointer data)
{
  PdnGrowthCorrelation c;

  pdn_growth_pearson (xs, ys, N, &c);
  g_assert_cmpuint (c.n, ==, N);
  pdn_growth_assert_close ("r", c.r, r (f, "r"));
  pdn_growth_assert_close ("r lower", c.lower, r (f, "r_lo"));
  pdn_growth_assert_close ("r upper", c.upper, r (f, "r_hi"));
  pdn_growth_assert_close ("r p", c.p, r (f, "r_p"));
}

static void
test_spearman (Fixture *f, gconstpointer data)
{
  PdnGrowthCorrelation c;
  const gdouble values[] = { 3, 1, 3, 2, 3 };
  gdouble ranks[5];

  pdn_growth_rank (values, 5, ranks);
  g_assert_cmpfloat (ranks[0], ==, 4);
  g_assert_cmpfloat (ranks[1], ==, 1);
  g_assert_cmpfloat (ranks[2], ==, 4);
  g_assert_cmpfloat (ranks[3], ==, 2);
  g_assert_cmpfloat (ranks[4], ==, 4);
  pdn_growth_spearman (xs, ys, N, &c);
  g_assert_cmpuint (c.n, ==, N);
  pdn_growth_assert_close ("rho", c.r, r (f, "rho"));
  pdn_growth_assert_close ("rho p", c.p, r (f, "rho_p"));
}

static void
test_slope (Fixture *f, gconstpointer data)
{
  PdnGrowthSlope fit;
  const gdouble at[] = { 0, 13.5, 30 };

  pdn_growth_slope (xs, ys, N, &fit);
  pdn_growth_assert_close ("slope", fit.slope, r (f, "slope"));
  pdn_growth_assert_close ("slope se", fit.se, r (f, "slope_se"));
  pdn_growth_assert_close ("slope p", fit.p, r (f, "slope_p"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree gchar *fit_name = g_strdup_printf ("fit%u", i + 1);
      g_autofree gchar *upr_name = g_strdup_printf ("upr%u", i + 1);
      gdouble y, half;

      pdn_growth_slope_band (&fit, at[i], &y, &half);
      pdn_growth_assert_close (fit_name, y, r (f, fit_name));
      pdn_growth_assert_close (upr_name, y + half, r (f, upr_name));
    }
}

/* Sector indicators as R's treatment contrasts: levels sorted, the first
 * (catholic) the reference. */
static gsize
design (gboolean baseline, gboolean sector, gdouble *out)
{
  gsize k = (baseline ? 1 : 0) + (sector ? 2 : 0);

  for (guint i = 0; i < N; i++)
    {
      gdouble *row = out + i * k;
      if (baseline)
        *row++ = bs[i];
      if (sector)
        {
          *row++ = g_str_equal (sectors[i], "charter");
          *row++ = g_str_equal (sectors[i], "district");
        }
    }
  return k;
}

static void
check_adjusted (Fixture *f, gboolean baseline, gboolean sector, const gchar *name,
                const gchar *se_name)
{
  gdouble covariates[N * 3];
  gsize k = design (baseline, sector, covariates);
  gdouble slope, se, p;

  g_assert_true (pdn_growth_adjusted_slope (xs, ys, covariates, N, k, &slope, &se, &p));
  pdn_growth_assert_close (name, slope, r (f, name));
  pdn_growth_assert_close (se_name, se, r (f, se_name));
}

static void
test_adjusted (Fixture *f, gconstpointer data)
{
  gdouble covariates[N * 3];
  gdouble slope, se, p;
  gsize k = design (TRUE, TRUE, covariates);

  check_adjusted (f, TRUE, TRUE, "adj", "adj_se");
  g_assert_true (pdn_growth_adjusted_slope (xs, ys, covariates, N, k, &slope, &se, &p));
  pdn_growth_assert_close ("adj p", p, r (f, "adj_p"));
  check_adjusted (f, TRUE, FALSE, "adj_b", "adj_b_se");
  check_adjusted (f, FALSE, TRUE, "adj_s", "adj_s_se");
  /* x repeated as a covariate: no slope rather than a made-up one. */
  g_assert_false (pdn_growth_adjusted_slope (xs, ys, xs, N, 1, &slope, &se, &p));
  g_assert_true (isnan (slope));
}

static void
test_compare (Fixture *f, gconstpointer data)
{
  gdouble above[N], below[N];
  gsize n1 = 0, n2 = 0;
  PdnGrowthComparison c;

  for (guint i = 0; i < N; i++)
    if (xs[i] > 10)
      above[n1++] = ys[i];
    else if (xs[i] > 0)
      below[n2++] = ys[i];
  pdn_growth_compare (above, n1, below, n2, &c);
  g_assert_cmpuint (c.n1, ==, 10);
  g_assert_cmpuint (c.n2, ==, 11);
  pdn_growth_assert_close ("mean1", c.mean1, r (f, "m1"));
  pdn_growth_assert_close ("mean2", c.mean2, r (f, "m2"));
  pdn_growth_assert_close ("sd1", c.sd1, r (f, "s1"));
  pdn_growth_assert_close ("sd2", c.sd2, r (f, "s2"));
  pdn_growth_assert_close ("difference", c.difference, r (f, "m1") - r (f, "m2"));
  pdn_growth_assert_close ("ratio", c.ratio, r (f, "m1") / r (f, "m2"));
  pdn_growth_assert_close ("welch t", c.t, r (f, "t"));
  pdn_growth_assert_close ("welch df", c.df, r (f, "df"));
  pdn_growth_assert_close ("welch p", c.p, r (f, "p"));
  pdn_growth_assert_close ("hedges g", c.g, r (f, "g"));
  pdn_growth_assert_close ("g lower", c.g_lower, r (f, "g_lo"));
  pdn_growth_assert_close ("g upper", c.g_upper, r (f, "g_hi"));
}

/* Too few values: NaN, never a made-up number. */
static void
test_small (void)
{
  PdnGrowthCorrelation c;
  PdnGrowthComparison cmp;
  PdnGrowthSlope fit;
  const gdouble same[] = { 2, 2, 2, 2 };

  pdn_growth_pearson (xs + 6, ys + 6, 3, &c);
  g_assert_true (isnan (c.lower));
  g_assert_false (isnan (c.p));
  pdn_growth_pearson (same, ys, 4, &c);
  g_assert_true (isnan (c.r));
  g_assert_true (isnan (c.p));
  pdn_growth_slope (same, ys, 4, &fit);
  g_assert_true (isnan (fit.slope));
  pdn_growth_compare (ys, 1, ys + 1, 5, &cmp);
  g_assert_true (isnan (cmp.t));
  g_assert_true (isnan (cmp.g));
  g_assert_false (isnan (cmp.difference));
}

static void
bootstrap (gulong seed, gdouble *lower, gdouble *upper)
{
  g_autoptr (GError) error = NULL;
  guint used = 0;

  g_assert_true (
      pdn_growth_bootstrap (xs, ys, N, 2000, seed, NULL, NULL, NULL, lower, upper, &used, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (used, ==, 2000);
}

static void
test_bootstrap (void)
{
  gdouble lo1, hi1, lo2, hi2, lo3, hi3;
  PdnGrowthCorrelation c;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  guint used;

  bootstrap (42, &lo1, &hi1);
  bootstrap (42, &lo2, &hi2);
  bootstrap (7, &lo3, &hi3);
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  g_assert_true (lo1 != lo3 || hi1 != hi3);
  pdn_growth_pearson (xs, ys, N, &c);
  g_assert_cmpfloat (lo1, <, c.r);
  g_assert_cmpfloat (c.r, <, hi1);
  g_assert_cmpfloat (hi1, <=, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (pdn_growth_bootstrap (xs, ys, N, 2000, 42, cancellable, NULL, NULL, &lo1, &hi1,
                                        &used, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The plot's data: one point per school in its sector's colour, the
 * fitted line and its band over the x range, as R's predict() has it. */
static void
test_plot_data (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnGrowthPlot) plot = pdn_growth_plot_new ("Teachers", "ela_growth");
  g_autofree gchar *svg = NULL;
  PdnGrowthSlope fit;
  guint per_sector[3] = { 0 };

  for (guint i = 0; i < N; i++)
    pdn_growth_plot_add_point (plot, sectors[i], xs[i], ys[i]);
  pdn_growth_slope (xs, ys, N, &fit);
  pdn_growth_plot_set_fit (plot, &fit);
  g_assert_cmpuint (plot->points->len, ==, N);
  g_assert_cmpuint (plot->sectors->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (plot->sectors, 0), ==, "district");
  g_assert_cmpstr (g_ptr_array_index (plot->sectors, 1), ==, "charter");
  g_assert_cmpstr (g_ptr_array_index (plot->sectors, 2), ==, "catholic");
  for (guint i = 0; i < N; i++)
    {
      PdnGrowthPoint *p = &g_array_index (plot->points, PdnGrowthPoint, i);
      per_sector[p->sector]++;
      g_assert_cmpstr (g_ptr_array_index (plot->sectors, p->sector), ==, sectors[i]);
      g_assert_cmpfloat (p->x, ==, xs[i]);
      g_assert_cmpfloat (p->y, ==, ys[i]);
    }
  g_assert_cmpuint (per_sector[0], ==, 11);
  g_assert_cmpuint (per_sector[1], ==, 7);
  g_assert_cmpuint (per_sector[2], ==, 6);
  g_assert_true (plot->has_line);
  g_assert_cmpfloat (plot->band_x[0], ==, 0);
  g_assert_cmpfloat (plot->band_x[PDN_GROWTH_BAND_STEPS - 1], ==, 30);
  g_assert_cmpfloat (plot->band_x[PDN_GROWTH_BAND_STEPS / 2], ==, 15);
  pdn_growth_assert_close ("line at 0", plot->band_y[0], r (f, "fit1"));
  pdn_growth_assert_close ("band at 0", plot->band_upper[0], r (f, "upr1"));
  pdn_growth_assert_close ("line at 30", plot->band_y[PDN_GROWTH_BAND_STEPS - 1], r (f, "fit3"));
  pdn_growth_assert_close ("band at 30", plot->band_upper[PDN_GROWTH_BAND_STEPS - 1],
                           r (f, "upr3"));
  for (guint i = 0; i < PDN_GROWTH_BAND_STEPS; i++)
    pdn_growth_assert_close ("symmetric band", plot->band_y[i] - plot->band_lower[i],
                             plot->band_upper[i] - plot->band_y[i]);
  svg = pdn_growth_plot_render_svg (plot);
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "</svg>"));
}

static void
test_plot_empty (void)
{
  g_autoptr (PdnGrowthPlot) plot = pdn_growth_plot_new ("x", "y");
  g_autofree gchar *svg = NULL;
  PdnGrowthSlope fit;

  pdn_growth_slope (xs, ys, 0, &fit);
  pdn_growth_plot_set_fit (plot, &fit);
  g_assert_false (plot->has_line);
  svg = pdn_growth_plot_render_svg (plot);
  g_assert_nonnull (strstr (svg, "</svg>"));
}

static gchar *
render (guint copies)
{
  g_autoptr (PdnGrowthPlot) plot = pdn_growth_plot_new ("x", "y");

  pdn_growth_plot_add_point (plot, "district", 0, 0);
  for (guint i = 0; i < copies; i++)
    pdn_growth_plot_add_point (plot, "charter", 1, 1);
  pdn_growth_plot_add_point (plot, "district", 2, 2);
  return pdn_growth_plot_render_svg (plot);
}

static guint
count_paths (const gchar *svg)
{
  guint n = 0;

  for (const gchar *at = strstr (svg, "<path"); at != NULL; at = strstr (at + 1, "<path"))
    n++;
  return n;
}

/* Points drawn over each other are drawn once: 500 schools on one spot
 * draw as many circles as one does, and as long an SVG. */
static void
test_plot_overlap (void)
{
  g_autofree gchar *one = render (1);
  g_autofree gchar *many = render (500);

  g_assert_cmpuint (count_paths (many), ==, count_paths (one));
  g_assert_cmpuint (strlen (many), ==, strlen (one));
}

#define ADD(name, func)                                                                            \
  g_test_add ("/growth/stats/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ADD ("pearson", test_pearson);
  ADD ("spearman", test_spearman);
  ADD ("slope", test_slope);
  ADD ("adjusted", test_adjusted);
  ADD ("compare", test_compare);
  ADD ("plot-data", test_plot_data);
  g_test_add_func ("/growth/stats/small", test_small);
  g_test_add_func ("/growth/stats/bootstrap", test_bootstrap);
  g_test_add_func ("/growth/stats/plot-empty", test_plot_empty);
  g_test_add_func ("/growth/stats/plot-overlap", test_plot_overlap);
  status = g_test_run ();
  /* Let valgrind see the font caches the plot filled freed. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
