/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

void pdn_api_outcomes_register (PdnRouter *router, PdnStore *store);

G_END_DECLS
