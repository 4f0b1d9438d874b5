/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_ACCOUNT (pdn_account_get_type ())
G_DECLARE_FINAL_TYPE (PdnAccount, pdn_account, PDN, ACCOUNT, GObject)

/* Who can sign in, with what rights; separate from people so a service
 * account needs no person and a person's record outlives its account. */
struct _PdnAccount
{
  GObject parent_instance;
  gint64 id;
  gchar *name;
  gchar *email;           /* nullable; unique after case folding */
  PdnLoginRole role;
  gint64 organization_id; /* required for coordinator and lead; 0: none */
  gint64 person_id;       /* required for teacher; 0: none */
  gchar *password_hash;   /* nullable; set by the HTTP layer */
  gboolean disabled;
  gchar *created_at;
};

PdnAccount *pdn_account_new (void);
gboolean pdn_account_validate (PdnAccount *self, GError **error);
gboolean pdn_account_insert (PdnAccount *self, PdnStore *store, GError **error);
gboolean pdn_account_update (PdnAccount *self, PdnStore *store, GError **error);
PdnAccount *pdn_account_load (PdnStore *store, gint64 id, GError **error);
PdnAccount *pdn_account_find_by_email (PdnStore *store, const gchar *email, GError **error);
PdnAccount *pdn_account_find_service (PdnStore *store, const gchar *name, PdnLoginRole role,
                                      gint64 organization_id, GError **error);
gboolean pdn_account_delete (PdnStore *store, gint64 id, GError **error);

G_END_DECLS
