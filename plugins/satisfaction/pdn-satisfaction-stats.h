/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The figures of one group of responses; NaN where a figure needs more
 * answers than the group has. */
typedef struct
{
  guint n;
  gdouble usefulness_mean;
  gdouble usefulness_ci_low;
  gdouble usefulness_ci_high;
  gdouble share_useful; /* answering 4 or 5 */
  gdouble nps;          /* -100 to 100 */
  gdouble nps_ci_low;
  gdouble nps_ci_high;
} PdnSatisfactionStats;

/**
 * pdn_satisfaction_stats_compute:
 * @usefulness: the 1-5 answers, @n of them
 * @recommend: the 0-10 answers, @n of them
 * @bootstrap: resamples for the NPS interval (0: none)
 * @seed: the bootstrap's seed; the same seed gives the same interval
 */
void pdn_satisfaction_stats_compute (const gdouble *usefulness, const gdouble *recommend, guint n,
                                     guint bootstrap, guint64 seed, PdnSatisfactionStats *stats);

/* The net promoter score of @n answers: percent 9-10 minus percent 0-6. */
gdouble pdn_satisfaction_nps (const gdouble *recommend, guint n);

G_END_DECLS
