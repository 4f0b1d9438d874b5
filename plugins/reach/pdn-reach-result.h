/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-reach-data.h"

G_BEGIN_DECLS

/**
 * pdn_reach_result_build:
 *
 * The result document: three tables (reach by term and program, schools
 * reached by organization, participation by school), statistics,
 * caveats, the first table as CSV and drawn (plot_svg). Queries the organizations' school
 * counts, hence the context.
 */
JsonNode *pdn_reach_result_build (PdnContext *context, PdnReachData *data,
                                  GCancellable *cancellable, GError **error);

G_END_DECLS
