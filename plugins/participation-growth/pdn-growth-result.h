/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-growth-data.h"
#include "pdn-growth-stats.h"

G_BEGIN_DECLS

typedef enum
{
  PDN_GROWTH_X_TEACHERS,
  PDN_GROWTH_X_HOURS,
  PDN_GROWTH_X_RATE,
} PdnGrowthX;

/* Everything run() found, for the result document. */
typedef struct
{
  PdnGrowthX x;
  gchar *school_year;
  const gchar *measure;
  const gchar *baseline_year; /* nullable */
  gint64 threshold;
  gint64 min_students;
  GPtrArray *schools; /* PdnGrowthSchool, statuses set */
  guint n_suppressed;
  PdnGrowthCorrelation pearson;
  PdnGrowthCorrelation spearman;
  guint resamples, resamples_used;
  gint64 seed;
  gdouble boot_lower, boot_upper;
  PdnGrowthSlope slope;
  gboolean adjusted;
  gchar *adjusted_for; /* "baseline", "sector" or "baseline, sector" */
  gsize adjusted_n;
  gdouble adjusted_slope, adjusted_se, adjusted_p;
  PdnGrowthComparison vs_at_or_below;
  PdnGrowthComparison vs_non_participating;
  gchar *plot_svg;
} PdnGrowthFindings;

void pdn_growth_findings_clear (PdnGrowthFindings *findings);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnGrowthFindings, pdn_growth_findings_clear)

gdouble pdn_growth_x_value (PdnGrowthX x, const PdnGrowthSchool *school);
const gchar *pdn_growth_x_label (PdnGrowthX x);

JsonNode *pdn_growth_result_build (const PdnGrowthFindings *findings);

G_END_DECLS
