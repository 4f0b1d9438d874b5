/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_STORE_POOL (pdn_store_pool_get_type ())
G_DECLARE_FINAL_TYPE (PdnStorePool, pdn_store_pool, PDN, STORE_POOL, GObject)

/**
 * PdnStorePool:
 *
 * One SQLite database, one connection per thread. A #PdnStore belongs to
 * one thread, but a route may run on the server thread or, with
 * %PDN_ROUTE_WORKER, on any thread of the worker pool. The pool is itself
 * a #PdnStore whose every call goes to the calling thread's own
 * connection, opened on the thread's first call and closed when the thread
 * exits or the pool is finalized, whichever comes first.
 *
 * The rule for routes: register them with the pool (pdnetd passes it to
 * pdn_api_register() as the store) and use it as any store, on whatever
 * thread the handler runs; never pass a connection from
 * pdn_store_pool_get() to another thread. A transaction begun on a thread
 * ends on that thread, as it does with any store.
 *
 * Multithreading: every function may be called from any thread. Routes
 * hold references to the pool, so it outlives the handlers running on it;
 * the last reference must be dropped when no thread uses it any more.
 */

PdnStorePool *pdn_store_pool_new (const gchar *path, GError **error);
PdnStore *pdn_store_pool_get (PdnStorePool *self, GError **error);
const gchar *pdn_store_pool_get_path (PdnStorePool *self);
guint pdn_store_pool_get_n_open (PdnStorePool *self);

G_END_DECLS
