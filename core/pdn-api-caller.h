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

/* The signed-in caller's own person, for /me routes and teachers acting
 * for themselves: 0 with a 401 (anonymous) or a 422 naming "person_id"
 * (an account with no person, such as an admin's). @account (optional)
 * receives the caller. */
gint64 pdn_api_require_caller_person (PdnRequest *request, PdnStore *store,
                                      PdnAccount **account, GError **error);

G_END_DECLS
