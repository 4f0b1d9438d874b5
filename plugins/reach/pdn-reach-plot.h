/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One term and program. */
typedef struct
{
  gchar *term;
  gchar *program;
  guint new_teachers;
  guint returning_teachers;
  gdouble multi_sector_share; /* 0-1; NaN without sessions */
} PdnReachBar;

/* What the plot shows, kept apart from the drawing so the tests can
 * check it: per term and program, new and returning teachers as a
 * stacked bar, and the share of sessions spanning two or more sectors as
 * a labelled marker in a second panel. */
typedef struct
{
  GArray *bars; /* PdnReachBar */
} PdnReachPlot;

PdnReachPlot *pdn_reach_plot_new (void);
void pdn_reach_plot_add (PdnReachPlot *plot, const gchar *term, const gchar *program,
                         guint new_teachers, guint returning_teachers, gdouble multi_sector_share);
void pdn_reach_plot_free (PdnReachPlot *plot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnReachPlot, pdn_reach_plot_free)

/**
 * pdn_reach_plot_render_svg:
 * @texts: (nullable) (element-type utf8): receives every text drawn, so
 *   tests can check what the picture says (cairo writes glyphs, not text)
 *
 * Returns: the plot as an SVG document, drawn with cairo into memory.
 */
gchar *pdn_reach_plot_render_svg (const PdnReachPlot *plot, GPtrArray *texts);

G_END_DECLS
