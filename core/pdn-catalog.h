/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PDN_TYPE_CATALOG (pdn_catalog_get_type ())
G_DECLARE_FINAL_TYPE (PdnCatalog, pdn_catalog, PDN, CATALOG, GObject)

PdnCatalog *pdn_catalog_new_from_file (const gchar *path, GError **error);
PdnCatalog *pdn_catalog_new_from_bytes (GBytes *bytes, GError **error);
guint pdn_catalog_get_size (PdnCatalog *self);
const gchar *pdn_catalog_lookup (PdnCatalog *self, const gchar *msgid);
const gchar *pdn_catalog_lookup_plural (PdnCatalog *self, const gchar *msgid, gulong n);

G_END_DECLS
