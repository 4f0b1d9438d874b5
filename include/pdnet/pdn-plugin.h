/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gmodule.h>
#include <glib-object.h>

#include <pdnet/pdn-context.h>

G_BEGIN_DECLS

/**
 * PDN_PLUGIN_API_VERSION:
 *
 * The plugin ABI's version. Modules are installed in
 * `$libdir/pdnet/plugins-<PDN_PLUGIN_API_VERSION>` and must return it from
 * pdn_plugin_query_api_version(); the loader refuses any other number
 * before it looks at anything else in the module.
 */
#define PDN_PLUGIN_API_VERSION 1

#define PDN_TYPE_PLUGIN (pdn_plugin_get_type ())
G_DECLARE_DERIVABLE_TYPE (PdnPlugin, pdn_plugin, PDN, PLUGIN, GObject)

/**
 * PdnPluginClass:
 * @id: stable identifier ("workshop-series"), also the namespace of the
 *   plugin's tables and settings
 * @name: human name, untranslated (N_())
 * @version: the plugin's own version
 * @description: one sentence, untranslated (N_())
 * @setup: called once after loading, with the plugin's context: register
 *   migrations and routes here. Return %FALSE with @error set to be
 *   unloaded.
 * @shutdown: called once before the daemon stops.
 *
 * A plugin is a subclass that fills these in its class_init. What it
 * provides is said by the interfaces it implements: #PdnProgramType,
 * #PdnAnalysis, or both.
 */
struct _PdnPluginClass
{
  GObjectClass parent_class;
  const gchar *id;
  const gchar *name;
  const gchar *version;
  const gchar *description;
  gboolean (*setup) (PdnPlugin *self, PdnContext *context, GError **error);
  void (*shutdown) (PdnPlugin *self);
  /*< private >*/
  gpointer padding[12];
};

const gchar *pdn_plugin_get_id (PdnPlugin *self);
const gchar *pdn_plugin_get_name (PdnPlugin *self);
const gchar *pdn_plugin_get_version (PdnPlugin *self);
const gchar *pdn_plugin_get_description (PdnPlugin *self);
/* Returns: (transfer none) (nullable): the context given to setup. */
PdnContext *pdn_plugin_get_context (PdnPlugin *self);

/**
 * PDN_PLUGIN_DEFINE:
 * @TypeName: the plugin's GType getter, such as `pdn_workshop_series_get_type`
 *
 * Exports the two symbols every module must have, in one line:
 * pdn_plugin_query_api_version() and pdn_plugin_query_type().
 */
#define PDN_PLUGIN_DEFINE(type_getter)                                                           \
  G_MODULE_EXPORT guint pdn_plugin_query_api_version (void);                                     \
  G_MODULE_EXPORT GType pdn_plugin_query_type (void);                                            \
  G_MODULE_EXPORT guint pdn_plugin_query_api_version (void)                                      \
  {                                                                                              \
    return PDN_PLUGIN_API_VERSION;                                                               \
  }                                                                                              \
  G_MODULE_EXPORT GType pdn_plugin_query_type (void)                                             \
  {                                                                                              \
    return type_getter ();                                                                       \
  }

G_END_DECLS
