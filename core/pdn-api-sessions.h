/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-api-page.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

void pdn_api_sessions_register (PdnRouter *router, PdnStore *store);
gboolean pdn_api_sessions_page_start (PdnStore *store, PdnApiPage *page, gchar **starts_at,
                                      GError **error);

G_END_DECLS
