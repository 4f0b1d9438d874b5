/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-account.h"
#include "pdn-request.h"
#include "pdn-store.h"
#include "pdn-token.h"

G_BEGIN_DECLS

/* Who is calling: the account behind the request's bearer token. Every
 * handler that needs to know calls one of these with its thread's store. */
PdnAccount *pdn_api_caller (PdnRequest *request, PdnStore *store, PdnToken **token,
                            GError **error);
PdnAccount *pdn_api_require_caller (PdnRequest *request, PdnStore *store, GError **error);

G_END_DECLS
