/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-worker-pool.h"

/**
 * PdnWorkerPool:
 *
 * A bounded pool of threads for slow work (password hashing, reports), so
 * the server thread keeps answering. At most @threads jobs run at once and
 * at most @max_queued wait; beyond that pdn_worker_pool_push() refuses with
 * PDN_ERROR_UNAVAILABLE instead of queueing without limit.
 *
 * The threads start with the pool and last as long as it does, so the
 * server thread never creates one when a burst arrives (that maps a stack,
 * which waits for the memory-map lock the jobs keep busy), and per-thread
 * resources such as a #PdnStorePool's connections stay open between jobs.
 * Workers run at a lower priority than the server thread.
 *
 * Multithreading: push from the thread whose thread-default main context
 * was current at creation; completions run there.
 */
struct _PdnWorkerPool
{
  GObject parent_instance;
  GThreadPool *pool;
  GMainContext *context;
  guint threads;
  guint max_pending;
  gint pending; /* atomic: pushed and not yet completed */
};

G_DEFINE_FINAL_TYPE (PdnWorkerPool, pdn_worker_pool, G_TYPE_OBJECT)

/* How much lower workers' priority is (a nice increment). */
#define PDN_WORKER_NICE 5

typedef struct
{
  PdnWorkerPool *self; /* owned */
  PdnWorkFunc work;
  PdnWorkDoneFunc done;
  gpointer data;
} PdnJob;

static void
pdn_worker_pool_finalize (GObject *object)
{
  PdnWorkerPool *self = PDN_WORKER_POOL (object);

  /* Jobs hold a reference to the pool, so none is left here. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (pdn_worker_pool_parent_class)->finalize (object);
}

static void
pdn_worker_pool_class_init (PdnWorkerPoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_worker_pool_finalize;
}

static void
pdn_worker_pool_init (PdnWorkerPool *self)
{
}

static gboolean
job_complete (gpointer user_data)
{
  PdnJob *job = user_data;

  job->done (job->data);
  g_atomic_int_dec_and_test (&job->self->pending);
  g_object_unref (job->self);
  g_free (job);
  return G_SOURCE_REMOVE;
}

/* Workers run below the server thread's priority, so that when slow jobs
 * fill every core the server thread still gets one at once. On Linux
 * setpriority() on a thread id affects that thread only. */
static void
lower_priority_once (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
#ifdef SYS_gettid
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), PDN_WORKER_NICE) != 0)
    g_debug ("worker thread keeps its priority: %s", g_strerror (errno));
#endif
}

static void
job_run (gpointer job_data, gpointer pool_data)
{
  PdnJob *job = job_data;
  g_autoptr (GSource) source = g_idle_source_new ();

  lower_priority_once ();
  job->work (job->data);
  g_source_set_callback (source, job_complete, job, NULL);
  g_source_set_static_name (source, "[pdnet] worker job done");
  g_source_attach (source, job->self->context);
}

/**
 * pdn_worker_pool_new:
 * @threads: how many jobs may run at once (at least 1)
 * @max_queued: how many more may wait
 */
PdnWorkerPool *
pdn_worker_pool_new (guint threads, guint max_queued, GError **error)
{
  g_autoptr (PdnWorkerPool) self = g_object_new (PDN_TYPE_WORKER_POOL, NULL);
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (threads > 0, NULL);
  self->threads = threads;
  self->max_pending = threads + max_queued;
  self->context = g_main_context_ref_thread_default ();
  self->pool = g_thread_pool_new (job_run, self, (gint) threads, TRUE, &local_error);
  if (self->pool == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s", local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * pdn_worker_pool_push:
 *
 * Queues @work; @done follows on the pool's context once it has run.
 * Neither runs if this returns %FALSE (the pool is full).
 */
gboolean
pdn_worker_pool_push (PdnWorkerPool *self, PdnWorkFunc work, PdnWorkDoneFunc done,
                      gpointer data, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PdnJob *job;

  if ((guint) g_atomic_int_add (&self->pending, 1) >= self->max_pending)
    {
      g_atomic_int_dec_and_test (&self->pending);
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("The server is busy; try again in a moment"));
      return FALSE;
    }
  job = g_new0 (PdnJob, 1);
  job->self = g_object_ref (self);
  job->work = work;
  job->done = done;
  job->data = data;
  if (!g_thread_pool_push (self->pool, job, &local_error))
    {
      g_atomic_int_dec_and_test (&self->pending);
      g_object_unref (job->self);
      g_free (job);
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Jobs pushed and not yet completed. */
guint
pdn_worker_pool_get_pending (PdnWorkerPool *self)
{
  return (guint) g_atomic_int_get (&self->pending);
}

guint
pdn_worker_pool_get_threads (PdnWorkerPool *self)
{
  return self->threads;
}
