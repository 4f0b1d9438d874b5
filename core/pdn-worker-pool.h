/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Work that runs on a worker thread, and its completion, which runs on the
 * pool's main context with the same @data. */
typedef void (*PdnWorkFunc) (gpointer data);
typedef void (*PdnWorkDoneFunc) (gpointer data);

#define PDN_TYPE_WORKER_POOL (pdn_worker_pool_get_type ())
G_DECLARE_FINAL_TYPE (PdnWorkerPool, pdn_worker_pool, PDN, WORKER_POOL, GObject)

PdnWorkerPool *pdn_worker_pool_new (guint threads, guint max_queued, GError **error);
gboolean pdn_worker_pool_push (PdnWorkerPool *self, PdnWorkFunc work, PdnWorkDoneFunc done,
                               gpointer data, GError **error);
guint pdn_worker_pool_get_pending (PdnWorkerPool *self);
guint pdn_worker_pool_get_threads (PdnWorkerPool *self);

G_END_DECLS
