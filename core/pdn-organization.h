/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_ORGANIZATION (pdn_organization_get_type ())
G_DECLARE_FINAL_TYPE (PdnOrganization, pdn_organization, PDN, ORGANIZATION, GObject)

/* A district, charter network, diocese or outside PD provider. Fields are
 * public inside the core; id 0 means "not stored yet". */
struct _PdnOrganization
{
  GObject parent_instance;
  gint64 id;
  gchar *name;
  gchar *slug;
  PdnOrganizationKind kind;
  GPtrArray *email_domains; /* gchar*, lowercase */
  gchar *created_at;
};

PdnOrganization *pdn_organization_new (void);
gboolean pdn_organization_validate (PdnOrganization *self, GError **error);
gboolean pdn_organization_insert (PdnOrganization *self, PdnStore *store, GError **error);
gboolean pdn_organization_update (PdnOrganization *self, PdnStore *store, GError **error);
PdnOrganization *pdn_organization_load (PdnStore *store, gint64 id, GError **error);
PdnOrganization *pdn_organization_find_by_slug (PdnStore *store, const gchar *slug,
                                                GError **error);
PdnOrganization *pdn_organization_find_by_name (PdnStore *store, const gchar *name,
                                                GError **error);
gboolean pdn_organization_delete (PdnStore *store, gint64 id, GError **error);
gboolean pdn_organization_accepts_email (PdnOrganization *self, const gchar *email);
gchar *pdn_organization_slug_from_name (const gchar *name);

G_END_DECLS
