/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-request.h"

G_BEGIN_DECLS

/* Browsers sign in with a cookie instead of a bearer token. The cookie holds
 * a token (HttpOnly, so page scripts never see it); every state-changing
 * request it authenticates must also carry X-CSRF-Token, a value derived
 * from the token that only pages of our origin were told. */
#define PDN_SESSION_COOKIE "pdnet_session"
#define PDN_CSRF_HEADER "X-CSRF-Token"

gchar *pdn_web_session_cookie_token (const gchar *cookie_header);
gchar *pdn_web_session_csrf_token (const gchar *secret);
gboolean pdn_web_session_check_csrf (PdnRequest *request, const gchar *secret, GError **error);
gchar *pdn_web_session_set_cookie (const gchar *secret, guint max_age_seconds, gboolean secure);
gboolean pdn_web_session_is_safe_method (const gchar *method);
gboolean pdn_web_session_check_origin (const gchar *method, const gchar *origin,
                                       const gchar *host, const gchar *public_url,
                                       GError **error);

G_END_DECLS
