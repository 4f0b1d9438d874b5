/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-series.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

void pdn_api_series_register (PdnRouter *router, PdnStore *store);

/* The resource as the API shows it (plugins' hooks get the same). */
JsonNode *pdn_api_series_json (PdnSeries *series);

G_END_DECLS
