/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* GET /plugins, and every route the default registry's plugins added,
 * under /programs/{id}/. */
void pdn_api_plugins_register (PdnRouter *router, PdnStore *store);

G_END_DECLS
