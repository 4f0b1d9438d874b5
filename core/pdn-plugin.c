/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-plugin.h>

#include "pdn-plugin-private.h"

/**
 * PdnPlugin:
 *
 * The base class of every plugin. Its class struct carries the plugin's
 * id, name, version and description and its setup/shutdown vfuncs; the
 * interfaces it implements say what it provides. The core calls the
 * vfuncs only through the runner functions (pdn-plugin-runner.c).
 */
typedef struct
{
  PdnContext *context;
} PdnPluginPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PdnPlugin, pdn_plugin, G_TYPE_OBJECT)

static void
pdn_plugin_dispose (GObject *object)
{
  PdnPluginPrivate *priv = pdn_plugin_get_instance_private (PDN_PLUGIN (object));

  g_clear_object (&priv->context);
  G_OBJECT_CLASS (pdn_plugin_parent_class)->dispose (object);
}

static void
pdn_plugin_class_init (PdnPluginClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pdn_plugin_dispose;
}

static void
pdn_plugin_init (PdnPlugin *self)
{
}

const gchar *
pdn_plugin_get_id (PdnPlugin *self)
{
  return PDN_PLUGIN_GET_CLASS (self)->id;
}

const gchar *
pdn_plugin_get_name (PdnPlugin *self)
{
  return PDN_PLUGIN_GET_CLASS (self)->name;
}

const gchar *
pdn_plugin_get_version (PdnPlugin *self)
{
  return PDN_PLUGIN_GET_CLASS (self)->version;
}

const gchar *
pdn_plugin_get_description (PdnPlugin *self)
{
  return PDN_PLUGIN_GET_CLASS (self)->description;
}

PdnContext *
pdn_plugin_get_context (PdnPlugin *self)
{
  PdnPluginPrivate *priv = pdn_plugin_get_instance_private (self);

  return priv->context;
}

void
pdn_plugin_set_context (PdnPlugin *self, PdnContext *context)
{
  PdnPluginPrivate *priv = pdn_plugin_get_instance_private (self);

  g_set_object (&priv->context, context);
}
