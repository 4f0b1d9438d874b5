/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A module without pdn_plugin_query_type(). */
#include <pdnet/pdnet.h>

G_MODULE_EXPORT guint pdn_plugin_query_api_version (void);

G_MODULE_EXPORT guint
pdn_plugin_query_api_version (void)
{
  return PDN_PLUGIN_API_VERSION;
}
