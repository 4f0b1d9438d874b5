/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-survey-summary.h"

/* Answers outside the scales are not counted at all: the model never
 * stores them, so one here is a caller's mistake, not a zero. */
void
pdn_survey_summary_add (PdnSurveySummary *self, gint64 usefulness, gint64 recommend)
{
  g_return_if_fail (usefulness >= 1 && usefulness <= 5);
  g_return_if_fail (recommend >= 0 && recommend <= 10);
  self->n++;
  self->usefulness_counts[usefulness - 1]++;
  self->recommend_counts[recommend]++;
}

/* NaN without answers: an average over no one is not zero. */
gdouble
pdn_survey_summary_usefulness_mean (const PdnSurveySummary *self)
{
  gint64 sum = 0;

  if (self->n == 0)
    return NAN;
  for (guint i = 0; i < G_N_ELEMENTS (self->usefulness_counts); i++)
    sum += (gint64) (i + 1) * self->usefulness_counts[i];
  return (gdouble) sum / (gdouble) self->n;
}

static gint64
count_recommend (const PdnSurveySummary *self, guint from, guint to)
{
  gint64 count = 0;

  for (guint i = from; i <= to; i++)
    count += self->recommend_counts[i];
  return count;
}

gint64
pdn_survey_summary_promoters (const PdnSurveySummary *self)
{
  return count_recommend (self, 9, 10);
}

gint64
pdn_survey_summary_passives (const PdnSurveySummary *self)
{
  return count_recommend (self, 7, 8);
}

gint64
pdn_survey_summary_detractors (const PdnSurveySummary *self)
{
  return count_recommend (self, 0, 6);
}

/* The percentage of promoters minus that of detractors, from -100 to 100;
 * NaN without answers. */
gdouble
pdn_survey_summary_nps (const PdnSurveySummary *self)
{
  if (self->n == 0)
    return NAN;
  return 100.0
         * (gdouble) (pdn_survey_summary_promoters (self) - pdn_survey_summary_detractors (self))
         / (gdouble) self->n;
}
