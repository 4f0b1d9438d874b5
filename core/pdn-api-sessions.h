/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-api-page.h"
#include "pdn-session.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

void pdn_api_sessions_register (PdnRouter *router, PdnStore *store);
gboolean pdn_api_sessions_page_start (PdnStore *store, PdnApiPage *page, gchar **starts_at,
                                      GError **error);

/* The resource as the API shows it (plugins' hooks get the same). */
JsonNode *pdn_api_session_json (PdnSession *session, gboolean with_code);

G_END_DECLS
