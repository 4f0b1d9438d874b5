/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-survey-summary.h"

static void
test_empty (void)
{
  PdnSurveySummary summary = { 0 };

  g_assert_cmpint (summary.n, ==, 0);
  g_assert_true (isnan (pdn_survey_summary_usefulness_mean (&summary)));
  g_assert_true (isnan (pdn_survey_summary_nps (&summary)));
  g_assert_cmpint (pdn_survey_summary_promoters (&summary), ==, 0);
  g_assert_cmpint (pdn_survey_summary_passives (&summary), ==, 0);
  g_assert_cmpint (pdn_survey_summary_detractors (&summary), ==, 0);
}

/* Seven answers, counted by hand:
 *   usefulness 5, 4, 4, 3, 1, 5, 2  -> sum 24, mean 24/7
 *   recommend 10, 9, 8, 7, 6, 0, 9  -> promoters 3 (10, 9, 9), passives
 *   2 (8, 7), detractors 2 (6, 0); NPS = 100 * (3 - 2) / 7. */
static void
test_counts_mean_and_nps (void)
{
  static const gint64 answers[][2] = { { 5, 10 }, { 4, 9 }, { 4, 8 }, { 3, 7 },
                                       { 1, 6 },  { 5, 0 }, { 2, 9 } };
  PdnSurveySummary summary = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    pdn_survey_summary_add (&summary, answers[i][0], answers[i][1]);
  g_assert_cmpint (summary.n, ==, 7);
  g_assert_cmpint (summary.usefulness_counts[0], ==, 1);
  g_assert_cmpint (summary.usefulness_counts[1], ==, 1);
  g_assert_cmpint (summary.usefulness_counts[2], ==, 1);
  g_assert_cmpint (summary.usefulness_counts[3], ==, 2);
  g_assert_cmpint (summary.usefulness_counts[4], ==, 2);
  g_assert_cmpint (summary.recommend_counts[0], ==, 1);
  g_assert_cmpint (summary.recommend_counts[5], ==, 0);
  g_assert_cmpint (summary.recommend_counts[9], ==, 2);
  g_assert_cmpint (summary.recommend_counts[10], ==, 1);
  g_assert_cmpfloat_with_epsilon (pdn_survey_summary_usefulness_mean (&summary), 24.0 / 7.0,
                                  1e-12);
  g_assert_cmpint (pdn_survey_summary_promoters (&summary), ==, 3);
  g_assert_cmpint (pdn_survey_summary_passives (&summary), ==, 2);
  g_assert_cmpint (pdn_survey_summary_detractors (&summary), ==, 2);
  g_assert_cmpfloat_with_epsilon (pdn_survey_summary_nps (&summary), 100.0 / 7.0, 1e-12);
}

/* The bounds of the NPS and of its bands. */
static void
test_nps_bounds (void)
{
  PdnSurveySummary all_promoters = { 0 };
  PdnSurveySummary all_detractors = { 0 };
  PdnSurveySummary edges = { 0 };

  pdn_survey_summary_add (&all_promoters, 5, 9);
  pdn_survey_summary_add (&all_promoters, 5, 10);
  pdn_survey_summary_add (&all_detractors, 1, 6);
  pdn_survey_summary_add (&all_detractors, 1, 0);
  g_assert_cmpfloat (pdn_survey_summary_nps (&all_promoters), ==, 100.0);
  g_assert_cmpfloat (pdn_survey_summary_nps (&all_detractors), ==, -100.0);
  g_assert_cmpfloat (pdn_survey_summary_usefulness_mean (&all_detractors), ==, 1.0);

  pdn_survey_summary_add (&edges, 3, 7);
  pdn_survey_summary_add (&edges, 3, 8);
  g_assert_cmpint (pdn_survey_summary_passives (&edges), ==, 2);
  g_assert_cmpfloat (pdn_survey_summary_nps (&edges), ==, 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/survey-summary/empty", test_empty);
  g_test_add_func ("/pdnet/survey-summary/counts-mean-and-nps", test_counts_mean_and_nps);
  g_test_add_func ("/pdnet/survey-summary/nps-bounds", test_nps_bounds);
  return g_test_run ();
}
