/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* One write, run on the writer thread inside the batch's transaction:
 * returns FALSE when its changes must be undone (its savepoint is rolled
 * back; the other writes of the batch still commit). */
typedef gboolean (*PdnWriteFunc) (gpointer data);
/* Back on the queue's main context once the batch has committed, or with
 * @commit_error when it could not be (then nothing of it is on disk). */
typedef void (*PdnWriteDoneFunc) (gpointer data, const GError *commit_error);

#define PDN_TYPE_WRITE_QUEUE (pdn_write_queue_get_type ())
G_DECLARE_FINAL_TYPE (PdnWriteQueue, pdn_write_queue, PDN, WRITE_QUEUE, GObject)

PdnWriteQueue *pdn_write_queue_new (PdnStore *store, guint max_queued, GError **error);
gboolean pdn_write_queue_push (PdnWriteQueue *self, PdnWriteFunc work, PdnWriteDoneFunc done,
                               gpointer data, GError **error);
/* Runs @hook on the writer thread after every commit (say, to wake a
 * sender of what the batch queued). */
void pdn_write_queue_add_commit_hook (PdnWriteQueue *self, GCallback hook, gpointer user_data);
guint pdn_write_queue_get_pending (PdnWriteQueue *self);
/* Batches committed so far and the writes they held, for measurements. */
void pdn_write_queue_get_stats (PdnWriteQueue *self, guint64 *batches, guint64 *writes);

G_END_DECLS
