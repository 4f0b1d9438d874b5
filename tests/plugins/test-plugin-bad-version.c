/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A module built for another plugin API: the loader must refuse it before
 * it asks for the type. */
#include <pdnet/pdnet.h>

G_MODULE_EXPORT guint pdn_plugin_query_api_version (void);
G_MODULE_EXPORT GType pdn_plugin_query_type (void);

G_MODULE_EXPORT guint
pdn_plugin_query_api_version (void)
{
  return PDN_PLUGIN_API_VERSION + 98;
}

G_MODULE_EXPORT GType
pdn_plugin_query_type (void)
{
  g_error ("the loader asked an incompatible module for its type");
  return G_TYPE_INVALID;
}
