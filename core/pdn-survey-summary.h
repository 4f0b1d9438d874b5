/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PdnSurveySummary:
 *
 * Totals of a session's feedback, zero-initialized and filled with
 * pdn_survey_summary_add(): how many answered, how usefulness (1-5) and
 * recommend (0-10) answers are spread, and the Net Promoter Score read
 * from recommend (promoters 9-10, passives 7-8, detractors 0-6).
 */
typedef struct
{
  gint64 n;
  gint64 usefulness_counts[5];  /* [i]: answers of usefulness i + 1 */
  gint64 recommend_counts[11];  /* [i]: answers of recommend i */
} PdnSurveySummary;

void pdn_survey_summary_add (PdnSurveySummary *self, gint64 usefulness, gint64 recommend);
gdouble pdn_survey_summary_usefulness_mean (const PdnSurveySummary *self);
gint64 pdn_survey_summary_promoters (const PdnSurveySummary *self);
gint64 pdn_survey_summary_passives (const PdnSurveySummary *self);
gint64 pdn_survey_summary_detractors (const PdnSurveySummary *self);
gdouble pdn_survey_summary_nps (const PdnSurveySummary *self);

G_END_DECLS
