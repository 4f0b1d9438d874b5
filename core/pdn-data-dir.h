/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store-pool.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_DATA_DIR (pdn_data_dir_get_type ())
G_DECLARE_FINAL_TYPE (PdnDataDir, pdn_data_dir, PDN, DATA_DIR, GObject)

PdnDataDir *pdn_data_dir_new (const gchar *path);
gchar *pdn_data_dir_default_path (void);
const gchar *pdn_data_dir_get_path (PdnDataDir *self);
gchar *pdn_data_dir_build_path (PdnDataDir *self, const gchar *name);
gboolean pdn_data_dir_ensure (PdnDataDir *self, GError **error);
gboolean pdn_data_dir_lock_daemon (PdnDataDir *self, GError **error);
PdnStore *pdn_data_dir_open_store (PdnDataDir *self, GError **error);
PdnStorePool *pdn_data_dir_open_store_pool (PdnDataDir *self, GError **error);

G_END_DECLS
