/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-satisfaction-groups.h"
#include "pdn-satisfaction-stats.h"

G_BEGIN_DECLS

typedef struct
{
  PdnSatisfactionGrouping grouping;
  gint64 min_respondents;
  gint64 bootstrap;
  gint64 seed;
} PdnSatisfactionOptions;

/**
 * pdn_satisfaction_result_build:
 * @groups: (element-type PdnSatisfactionGroup): the rows
 * @stats: one per group, then the total's
 *
 * The result document: the table, statistics, caveats, CSV and plot
 * (plot_svg, the table's rows drawn). A group
 * with fewer than min_respondents responses shows its label alone; the
 * total is left out too when the suppressed groups together have fewer
 * (it would give them away by subtraction).
 */
JsonNode *pdn_satisfaction_result_build (GPtrArray *groups, const PdnSatisfactionStats *stats,
                                         gint64 total_attendees,
                                         const PdnSatisfactionOptions *options);

G_END_DECLS
