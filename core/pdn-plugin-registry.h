/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_PLUGIN_REGISTRY (pdn_plugin_registry_get_type ())
G_DECLARE_FINAL_TYPE (PdnPluginRegistry, pdn_plugin_registry, PDN, PLUGIN_REGISTRY, GObject)

PdnPluginRegistry *pdn_plugin_registry_new (void);
/* The process's registry: what pdnetd and pdnet loaded at start. */
PdnPluginRegistry *pdn_plugin_registry_get_default (void);

/* The folders to load from: each of @extra (pdnetd --plugin-dir), then
 * PDNET_PLUGIN_DIR's colon-separated folders, then the install folder
 * when neither gave any. */
gchar **pdn_plugin_registry_find_dirs (const gchar *const *extra);
/**
 * pdn_plugin_registry_load_dirs:
 * @config: (nullable): pdnetd's settings: `[plugins] disabled` and each
 *   plugin's `[plugin:<id>]` group
 *
 * Loads every module in @dirs. A module that fails to load is logged and
 * skipped (see pdn_plugin_registry_get_failures()); loading never stops
 * the daemon.
 */
void pdn_plugin_registry_load_dirs (PdnPluginRegistry *self, const gchar *const *dirs,
                                    PdnStore *store, GKeyFile *config);
PdnPlugin *pdn_plugin_registry_load_module (PdnPluginRegistry *self, const gchar *path,
                                            PdnStore *store, GKeyFile *config, GError **error);

/* Returns: (element-type PdnPlugin) (transfer none): loaded plugins. */
GPtrArray *pdn_plugin_registry_get_plugins (PdnPluginRegistry *self);
/* Returns: (element-type utf8) (transfer none): "path: why" per failure. */
GPtrArray *pdn_plugin_registry_get_failures (PdnPluginRegistry *self);
/* Returns: (transfer none) (nullable): the plugin providing @type_id. */
PdnPlugin *pdn_plugin_registry_find_program_type (PdnPluginRegistry *self, const gchar *type_id);
/* Returns: (transfer none) (nullable): its description (see PdnProgramType). */
JsonObject *pdn_plugin_registry_describe_program_type (PdnPluginRegistry *self,
                                                       const gchar *type_id);
/* Returns: (element-type utf8) (transfer container): the program types
 * loaded, sorted. */
GPtrArray *pdn_plugin_registry_list_program_types (PdnPluginRegistry *self);
PdnPlugin *pdn_plugin_registry_find_analysis (PdnPluginRegistry *self, const gchar *id);
/* Returns: (transfer none) (nullable): its description (see PdnAnalysis),
 * whose "parameters" schema passed pdn_json_schema_check() (an analysis
 * that gave none has an empty one). */
JsonObject *pdn_plugin_registry_describe_analysis (PdnPluginRegistry *self, const gchar *id);
/* Returns: (element-type utf8) (transfer container): the analyses loaded,
 * sorted. */
GPtrArray *pdn_plugin_registry_list_analyses (PdnPluginRegistry *self);
/* Calls every plugin's shutdown(), once. */
void pdn_plugin_registry_shutdown (PdnPluginRegistry *self);

G_END_DECLS
