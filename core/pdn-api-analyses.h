/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* GET /analyses, POST /analyses/{analysis}/runs and /analysis-runs/{id}
 * (GET, DELETE, result.csv, plot.svg). Runs go to the default
 * #PdnAnalysisRunner. */
void pdn_api_analyses_register (PdnRouter *router, PdnStore *store);

G_END_DECLS
