/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-context.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* A route a plugin added in setup(). */
typedef struct
{
  gchar *method;
  gchar *subpath;
  PdnRouteFlag flags;
  gchar *operation;
  PdnRouteFunc handler;
  gpointer user_data;
  GDestroyNotify destroy;
} PdnPluginRoute;

/* A schema step a plugin added in setup(). */
typedef struct
{
  guint version;
  gchar *sql;
} PdnPluginMigration;

/**
 * pdn_context_new:
 * @store: the daemon's store (a #PdnStorePool, so each thread queries on
 *   its own connection)
 * @settings: (nullable) (element-type utf8 utf8): the plugin's settings
 */
PdnContext *pdn_context_new (const gchar *plugin_id, PdnStore *store, GHashTable *settings);
PdnStore *pdn_context_get_store (PdnContext *self);
/* Returns: (element-type PdnPluginRoute): routes in the order added. */
GPtrArray *pdn_context_get_routes (PdnContext *self);
/* Returns: (element-type PdnPluginMigration): steps in the order added. */
GPtrArray *pdn_context_get_migrations (PdnContext *self);
/* Whether @sql may run through pdn_context_query(): reads anywhere,
 * writes only to tables with @prefix. */
gboolean pdn_context_check_sql (const gchar *prefix, const gchar *sql, gboolean migration,
                                GError **error);

G_END_DECLS
