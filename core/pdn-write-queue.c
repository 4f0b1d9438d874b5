/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-write-queue.h"

/**
 * PdnWriteQueue:
 *
 * Group commit. Durable writes wait in one queue; a single writer thread
 * takes every write waiting, runs them in one transaction (each in its own
 * savepoint, so one failing write does not undo the others), commits once
 * — one fsync with `synchronous=FULL` for the whole batch — and only then
 * completes each write on the main context. Under load a batch holds as
 * many writes as arrived during the previous fsync, so throughput grows
 * with concurrency without weakening durability; alone, a write commits at
 * once.
 *
 * Multithreading: push from the thread whose thread-default main context
 * was current at creation; completions run there.
 */
struct _PdnWriteQueue
{
  GObject parent_instance;
  PdnStore *store; /* used on the writer thread only */
  GAsyncQueue *queue;
  GThread *thread;
  GMainContext *context;
  guint max_pending;
  gint pending; /* atomic: pushed and not yet completed */
  GArray *hooks; /* PdnCommitHook; set before the first push */
  GMutex stats_lock;
  guint64 batches, writes; /* under stats_lock */
};

G_DEFINE_FINAL_TYPE (PdnWriteQueue, pdn_write_queue, G_TYPE_OBJECT)

/* The most writes one transaction takes, so a burst still answers early
 * writers while later ones wait for the next batch. */
#define PDN_WRITE_BATCH_MAX 256

typedef struct
{
  GCallback hook;
  gpointer user_data;
} PdnCommitHook;

typedef struct
{
  PdnWriteQueue *self; /* owned */
  PdnWriteFunc work;
  PdnWriteDoneFunc done;
  gpointer data;
  GError *commit_error;
} PdnWrite;

/* Pushed by finalize: tells the thread to stop. */
static PdnWrite stop_marker;

static gboolean
write_complete (gpointer user_data)
{
  PdnWrite *write = user_data;

  write->done (write->data, write->commit_error);
  g_clear_error (&write->commit_error);
  g_atomic_int_dec_and_test (&write->self->pending);
  g_object_unref (write->self);
  g_free (write);
  return G_SOURCE_REMOVE;
}

static void
complete_later (PdnWrite *write, const GError *commit_error)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  if (commit_error != NULL)
    write->commit_error = g_error_copy (commit_error);
  g_source_set_callback (source, write_complete, write, NULL);
  g_source_set_static_name (source, "[pdnet] write committed");
  g_source_attach (source, write->self->context);
}

/* Each write in a savepoint: a failed write is rolled back alone. */
static void
run_one (PdnStore *store, PdnWrite *write)
{
  g_autoptr (GError) error = NULL;

  if (!pdn_store_begin (store, PDN_TRANSACTION_WRITE, &error))
    {
      g_warning ("write skipped: %s", error->message);
      return;
    }
  if (write->work (write->data))
    {
      if (pdn_store_commit (store, &error))
        return;
      g_warning ("write not released: %s", error->message);
    }
  pdn_store_rollback (store);
}

static void
run_hooks (PdnWriteQueue *self)
{
  for (guint i = 0; i < self->hooks->len; i++)
    {
      PdnCommitHook *hook = &g_array_index (self->hooks, PdnCommitHook, i);
      ((void (*) (gpointer)) hook->hook) (hook->user_data);
    }
}

static void
run_batch (PdnWriteQueue *self, GPtrArray *batch)
{
  g_autoptr (GError) error = NULL;

  if (pdn_store_begin (self->store, PDN_TRANSACTION_WRITE, &error))
    {
      for (guint i = 0; i < batch->len; i++)
        run_one (self->store, g_ptr_array_index (batch, i));
      if (!pdn_store_commit (self->store, &error))
        pdn_store_rollback (self->store);
    }
  if (error != NULL)
    g_warning ("a batch of %u writes failed: %s", batch->len, error->message);
  else
    {
      g_mutex_lock (&self->stats_lock);
      self->batches++;
      self->writes += batch->len;
      g_mutex_unlock (&self->stats_lock);
      run_hooks (self);
    }
  for (guint i = 0; i < batch->len; i++)
    complete_later (g_ptr_array_index (batch, i), error);
}

/* Blocks for the first write, then takes whatever else is waiting. */
static gboolean
take_batch (PdnWriteQueue *self, GPtrArray *batch)
{
  PdnWrite *write = g_async_queue_pop (self->queue);

  while (write != NULL)
    {
      if (write == &stop_marker)
        return FALSE;
      g_ptr_array_add (batch, write);
      if (batch->len == PDN_WRITE_BATCH_MAX)
        break;
      write = g_async_queue_try_pop (self->queue);
    }
  return TRUE;
}

static gpointer
writer_main (gpointer data)
{
  PdnWriteQueue *self = data;
  g_autoptr (GPtrArray) batch = g_ptr_array_new ();
  gboolean more = TRUE;

  while (more)
    {
      more = take_batch (self, batch);
      if (batch->len > 0)
        run_batch (self, batch);
      g_ptr_array_set_size (batch, 0);
    }
  return NULL;
}

static void
pdn_write_queue_finalize (GObject *object)
{
  PdnWriteQueue *self = PDN_WRITE_QUEUE (object);

  /* Writes hold a reference to the queue, so none is waiting here. */
  g_async_queue_push (self->queue, &stop_marker);
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_object_unref (self->store);
  g_main_context_unref (self->context);
  g_array_unref (self->hooks);
  g_mutex_clear (&self->stats_lock);
  G_OBJECT_CLASS (pdn_write_queue_parent_class)->finalize (object);
}

static void
pdn_write_queue_class_init (PdnWriteQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_write_queue_finalize;
}

static void
pdn_write_queue_init (PdnWriteQueue *self)
{
  self->queue = g_async_queue_new ();
  self->hooks = g_array_new (FALSE, FALSE, sizeof (PdnCommitHook));
  g_mutex_init (&self->stats_lock);
}

/**
 * pdn_write_queue_new:
 * @store: used only on the writer thread (a #PdnStorePool gives that
 *   thread its own connection)
 * @max_queued: writes waiting or running at most; more are refused (503)
 */
PdnWriteQueue *
pdn_write_queue_new (PdnStore *store, guint max_queued, GError **error)
{
  g_autoptr (PdnWriteQueue) self = g_object_new (PDN_TYPE_WRITE_QUEUE, NULL);
  g_autoptr (GError) local_error = NULL;

  self->store = g_object_ref (store);
  self->max_pending = MAX (max_queued, 1);
  self->context = g_main_context_ref_thread_default ();
  self->thread = g_thread_try_new ("pdn-writer", writer_main, self, &local_error);
  if (self->thread == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s", local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * pdn_write_queue_push:
 *
 * Queues @work; @done follows on the queue's context once its batch has
 * committed or failed. Neither runs if this returns %FALSE (the queue is
 * full).
 */
gboolean
pdn_write_queue_push (PdnWriteQueue *self, PdnWriteFunc work, PdnWriteDoneFunc done,
                      gpointer data, GError **error)
{
  PdnWrite *write;

  if ((guint) g_atomic_int_add (&self->pending, 1) >= self->max_pending)
    {
      g_atomic_int_dec_and_test (&self->pending);
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("The server is busy; try again in a moment"));
      return FALSE;
    }
  write = g_new0 (PdnWrite, 1);
  write->self = g_object_ref (self);
  write->work = work;
  write->done = done;
  write->data = data;
  g_async_queue_push (self->queue, write);
  return TRUE;
}

void
pdn_write_queue_add_commit_hook (PdnWriteQueue *self, GCallback hook, gpointer user_data)
{
  PdnCommitHook entry = { hook, user_data };

  g_return_if_fail (g_atomic_int_get (&self->pending) == 0);
  g_array_append_val (self->hooks, entry);
}

guint
pdn_write_queue_get_pending (PdnWriteQueue *self)
{
  return (guint) g_atomic_int_get (&self->pending);
}

void
pdn_write_queue_get_stats (PdnWriteQueue *self, guint64 *batches, guint64 *writes)
{
  g_mutex_lock (&self->stats_lock);
  *batches = self->batches;
  *writes = self->writes;
  g_mutex_unlock (&self->stats_lock);
}
