/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-account.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_TOKEN (pdn_token_get_type ())
G_DECLARE_FINAL_TYPE (PdnToken, pdn_token, PDN, TOKEN, GObject)

/* What a bearer token looks like: "pdn_" and 43 url-safe base64 characters
 * (32 random bytes), so leaked tokens are easy to recognize and grep for. */
#define PDN_TOKEN_PREFIX "pdn_"
#define PDN_TOKEN_LENGTH 47

/* How long a token made by signing in with a password lasts. */
#define PDN_TOKEN_SIGN_IN_DAYS 30

/* A bearer token of an account. The secret itself is never stored: only its
 * hash, so the secret is seen once, when pdn_token_insert() makes it. */
struct _PdnToken
{
  GObject parent_instance;
  gint64 id;
  gint64 account_id;
  gchar *name;         /* nullable label: "sign-in", "cli"… */
  gchar *created_at;
  gchar *expires_at;   /* nullable: never */
  gchar *revoked_at;   /* nullable */
  gchar *last_used_at; /* nullable; kept to the minute */
};

PdnToken *pdn_token_new (void);
void pdn_token_expire_in_days (PdnToken *self, guint days);
gboolean pdn_token_validate (PdnToken *self, GError **error);
gboolean pdn_token_insert (PdnToken *self, PdnStore *store, gchar **secret, GError **error);
PdnToken *pdn_token_load (PdnStore *store, gint64 id, GError **error);
GPtrArray *pdn_token_list_for_account (PdnStore *store, gint64 account_id, GError **error);
gboolean pdn_token_revoke (PdnStore *store, gint64 id, GError **error);
gboolean pdn_token_is_active (PdnToken *self, const gchar *now);
PdnAccount *pdn_token_authenticate (PdnStore *store, const gchar *secret, PdnToken **token,
                                    GError **error);

G_END_DECLS
