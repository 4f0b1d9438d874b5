/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-satisfaction-stats.h"

G_BEGIN_DECLS

/* One row of the plot. A suppressed row has its label and nothing else:
 * every figure is NaN, so no drawing can show one. */
typedef struct
{
  gchar *label;
  gboolean suppressed;
  gdouble mean, mean_low, mean_high; /* usefulness, 1-5, its 95% interval */
  gdouble nps, nps_low, nps_high;    /* -100 to 100, its bootstrap interval */
} PdnSatisfactionBar;

/* What the plot shows, kept apart from the drawing so the tests can
 * check it: the table's rows in order, mean usefulness as a bar with a
 * whisker and the net promoter score as a marker in a second panel. */
typedef struct
{
  GArray *bars; /* PdnSatisfactionBar */
} PdnSatisfactionPlot;

PdnSatisfactionPlot *pdn_satisfaction_plot_new (void);
/* @stats: the row's figures, or %NULL for a suppressed row */
void pdn_satisfaction_plot_add (PdnSatisfactionPlot *plot, const gchar *label,
                                const PdnSatisfactionStats *stats);
void pdn_satisfaction_plot_free (PdnSatisfactionPlot *plot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnSatisfactionPlot, pdn_satisfaction_plot_free)

/**
 * pdn_satisfaction_plot_render_svg:
 * @texts: (nullable) (element-type utf8): receives every text drawn, so
 *   tests can check what the picture says (cairo writes glyphs, not text)
 *
 * Returns: the plot as an SVG document, drawn with cairo into memory.
 */
gchar *pdn_satisfaction_plot_render_svg (const PdnSatisfactionPlot *plot, GPtrArray *texts);

G_END_DECLS
