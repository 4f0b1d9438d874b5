/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SQLITE_STORE (pdn_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (PdnSqliteStore, pdn_sqlite_store, PDN, SQLITE_STORE, GObject)

PdnStore *pdn_sqlite_store_open (const gchar *path, GError **error);
PdnStore *pdn_sqlite_store_open_at_version (const gchar *path, guint version, GError **error);
guint pdn_sqlite_store_latest_version (void);
const gchar *pdn_sqlite_store_get_path (PdnSqliteStore *self);

G_END_DECLS
