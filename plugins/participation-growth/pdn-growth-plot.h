/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-growth-stats.h"

G_BEGIN_DECLS

#define PDN_GROWTH_BAND_STEPS 41

typedef struct
{
  gdouble x, y;
  guint sector; /* index into sectors */
} PdnGrowthPoint;

/* What the plot shows, kept apart from the drawing so the tests can
 * check it: only the schools the statistics use (never a suppressed one),
 * one colour per sector, the fitted line with its 95% band sampled across
 * the x range. */
typedef struct
{
  GArray *points;     /* PdnGrowthPoint */
  GPtrArray *sectors; /* sector names, in the order of their colours */
  gboolean has_line;
  gdouble band_x[PDN_GROWTH_BAND_STEPS];
  gdouble band_y[PDN_GROWTH_BAND_STEPS];
  gdouble band_lower[PDN_GROWTH_BAND_STEPS];
  gdouble band_upper[PDN_GROWTH_BAND_STEPS];
  gchar *x_label;
  gchar *y_label;
} PdnGrowthPlot;

PdnGrowthPlot *pdn_growth_plot_new (const gchar *x_label, const gchar *y_label);
void pdn_growth_plot_add_point (PdnGrowthPlot *plot, const gchar *sector, gdouble x, gdouble y);
/* Samples the line and band of @fit over the points' x range. */
void pdn_growth_plot_set_fit (PdnGrowthPlot *plot, const PdnGrowthSlope *fit);
void pdn_growth_plot_free (PdnGrowthPlot *plot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnGrowthPlot, pdn_growth_plot_free)

/* The plot as an SVG document, drawn with cairo into memory. */
gchar *pdn_growth_plot_render_svg (const PdnGrowthPlot *plot);

G_END_DECLS
