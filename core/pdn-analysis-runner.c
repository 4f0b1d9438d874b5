/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-run.h"
#include "pdn-analysis-runner.h"
#include "pdn-i18n.h"
#include "pdn-store-pool.h"

/* How often a running analysis's progress is written to its row. */
#define PROGRESS_STORE_INTERVAL (G_USEC_PER_SEC / 2)

/**
 * PdnAnalysisRunner:
 *
 * Computes analysis runs on its own worker threads, at most
 * `[analyses] workers` at once; the others wait queued. Each run has a
 * #GCancellable (DELETE /analysis-runs/{id} cancels it) and reports
 * progress, kept in memory for GET and written to its row at most twice a
 * second.
 *
 * The analysis reads inside a read transaction on its plugin's store,
 * which is the worker thread's own connection of the daemon's pool. The
 * runner records status and progress through a second pool of its own,
 * so those writes never touch the snapshot the analysis reads.
 *
 * Multithreading: every function may be called from any thread.
 */
struct _PdnAnalysisRunner
{
  GObject parent_instance;
  PdnAnalysisSettings settings;
  PdnStorePool *store; /* for the runs' rows */
  GThreadPool *pool;
  GMutex lock;
  GCond changed;
  GHashTable *jobs; /* run id -> Job, under lock */
  gboolean stopping; /* under lock */
};

G_DEFINE_FINAL_TYPE (PdnAnalysisRunner, pdn_analysis_runner, G_TYPE_OBJECT)

typedef struct
{
  PdnAnalysisRunner *runner; /* borrowed: the runner waits for its jobs */
  gint64 id;
  PdnAnalysisRequest *request;
  const gchar *language; /* interned */
  GCancellable *cancellable;
  gdouble progress; /* under the runner's lock */
  gchar *message;   /* under the runner's lock */
  gint64 stored_at; /* monotonic; only the job's thread */
  gdouble stored_progress;
} Job;

static void
job_free (Job *job)
{
  pdn_analysis_request_free (job->request);
  g_object_unref (job->cancellable);
  g_free (job->message);
  g_free (job);
}

G_LOCK_DEFINE_STATIC (default_runner);
static PdnAnalysisRunner *default_runner;

static void
pdn_analysis_runner_finalize (GObject *object)
{
  PdnAnalysisRunner *self = PDN_ANALYSIS_RUNNER (object);

  pdn_analysis_runner_shutdown (self);
  g_hash_table_unref (self->jobs);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  G_OBJECT_CLASS (pdn_analysis_runner_parent_class)->finalize (object);
}

static void
pdn_analysis_runner_class_init (PdnAnalysisRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_analysis_runner_finalize;
}

static void
pdn_analysis_runner_init (PdnAnalysisRunner *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->jobs = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/* ---- one run, on a worker thread ---- */

static void
on_progress (gdouble fraction, const gchar *message, gpointer user_data)
{
  Job *job = user_data;
  PdnAnalysisRunner *self = job->runner;
  gint64 now = g_get_monotonic_time ();
  gdouble progress;
  g_autoptr (GError) error = NULL;

  fraction = isnan (fraction) ? 0.0 : CLAMP (fraction, 0.0, 1.0);
  g_mutex_lock (&self->lock);
  /* Progress never goes back, whatever the analysis says. */
  job->progress = MAX (job->progress, fraction);
  progress = job->progress;
  if (message != NULL)
    {
      g_free (job->message);
      job->message = g_strdup (message);
    }
  g_mutex_unlock (&self->lock);
  if (now - job->stored_at < PROGRESS_STORE_INTERVAL || progress <= job->stored_progress)
    return;
  job->stored_at = now;
  job->stored_progress = progress;
  if (!pdn_analysis_run_store_progress (PDN_STORE (self->store), job->id, progress, &error))
    g_warning ("analysis run %lld: progress not stored: %s", (long long) job->id,
               error->message);
}

static gboolean
is_stopping (PdnAnalysisRunner *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

static void
record (Job *job, PdnAnalysisRunStatus status, JsonObject *result, const gchar *message,
        const gchar *snapshot_at)
{
  g_autoptr (GError) error = NULL;
  gboolean finished = FALSE;
  gdouble progress;

  g_mutex_lock (&job->runner->lock);
  progress = job->progress;
  g_mutex_unlock (&job->runner->lock);
  if (!pdn_analysis_run_mark_finished (PDN_STORE (job->runner->store), job->id, status, progress,
                                       result, message, snapshot_at, &finished, &error))
    g_warning ("analysis run %lld: not recorded as %s: %s", (long long) job->id,
               pdn_analysis_run_status_to_string (status), error->message);
}

/* A run stopped by the shutdown is failed, not cancelled: nobody asked. */
static void
record_cancelled (Job *job)
{
  if (is_stopping (job->runner))
    record (job, PDN_ANALYSIS_RUN_FAILED, NULL,
            _("The server stopped before this run finished; start it again."), NULL);
  else
    record (job, PDN_ANALYSIS_RUN_CANCELLED, NULL, NULL, NULL);
}

static gboolean
start (Job *job)
{
  g_autoptr (GError) error = NULL;
  gboolean started = FALSE;

  if (g_cancellable_is_cancelled (job->cancellable))
    return FALSE;
  if (pdn_analysis_run_mark_running (PDN_STORE (job->runner->store), job->id, &started, &error))
    return started;
  g_warning ("analysis run %lld: not started: %s", (long long) job->id, error->message);
  record (job, PDN_ANALYSIS_RUN_FAILED, NULL, error->message, NULL);
  return FALSE;
}

static void
run_job (Job *job)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = NULL;
  g_autofree gchar *snapshot_at = NULL;

  if (!start (job))
    {
      /* Cancelled while queued: DELETE recorded it, the shutdown did not. */
      if (g_cancellable_is_cancelled (job->cancellable))
        record_cancelled (job);
      return;
    }
  result = pdn_analysis_request_execute (job->request, on_progress, job, job->cancellable,
                                         &snapshot_at, &error);
  if (result != NULL)
    record (job, PDN_ANALYSIS_RUN_DONE, result, NULL, snapshot_at);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_cancelled (job);
  else
    record (job, PDN_ANALYSIS_RUN_FAILED, NULL, error->message, snapshot_at);
}

static void
work (gpointer data, gpointer user_data)
{
  Job *job = data;
  PdnAnalysisRunner *self = user_data;
  const gchar *previous = pdn_i18n_set_thread_language (job->language);

  run_job (job);
  pdn_i18n_set_thread_language (previous);
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->jobs, &job->id);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  job_free (job);
}

/* ---- the runner ---- */

PdnAnalysisRunner *
pdn_analysis_runner_new (const gchar *database_path, const PdnAnalysisSettings *settings,
                         GError **error)
{
  g_autoptr (PdnAnalysisRunner) self = g_object_new (PDN_TYPE_ANALYSIS_RUNNER, NULL);
  guint interrupted = 0;

  self->settings = *settings;
  self->store = pdn_store_pool_new (database_path, error);
  if (self->store == NULL
      || !pdn_analysis_run_fail_unfinished (
          PDN_STORE (self->store),
          _("The server stopped before this run finished; start it again."), &interrupted,
          error))
    return NULL;
  if (interrupted > 0)
    g_message ("analyses: %u run(s) interrupted by the last stop marked failed", interrupted);
  self->pool = g_thread_pool_new (work, self, (gint) MAX (settings->workers, 1), FALSE, error);
  if (self->pool == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const PdnAnalysisSettings *
pdn_analysis_runner_get_settings (PdnAnalysisRunner *self)
{
  return &self->settings;
}

gboolean
pdn_analysis_runner_submit (PdnAnalysisRunner *self, PdnAnalysisRequest *request, gint64 run_id,
                            const gchar *language, GError **error)
{
  Job *job = g_new0 (Job, 1);

  job->runner = self;
  job->id = run_id;
  job->request = request;
  job->language = g_intern_string (language);
  job->cancellable = g_cancellable_new ();
  g_mutex_lock (&self->lock);
  if (self->stopping || self->pool == NULL || g_hash_table_contains (self->jobs, &run_id))
    {
      g_mutex_unlock (&self->lock);
      job_free (job);
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("The server is stopping; start the run again later."));
      return FALSE;
    }
  g_hash_table_insert (self->jobs, &job->id, job);
  /* Under the lock, so the shutdown never frees the pool in between. */
  g_thread_pool_push (self->pool, job, NULL);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
pdn_analysis_runner_cancel (PdnAnalysisRunner *self, gint64 run_id)
{
  g_autoptr (GCancellable) cancellable = NULL;
  Job *job;

  g_mutex_lock (&self->lock);
  job = g_hash_table_lookup (self->jobs, &run_id);
  if (job != NULL)
    cancellable = g_object_ref (job->cancellable);
  g_mutex_unlock (&self->lock);
  /* Outside the lock: the analysis's own cancel handlers may report
   * progress. */
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  return cancellable != NULL;
}

gboolean
pdn_analysis_runner_get_progress (PdnAnalysisRunner *self, gint64 run_id, gdouble *progress,
                                  gchar **message)
{
  Job *job;

  g_mutex_lock (&self->lock);
  job = g_hash_table_lookup (self->jobs, &run_id);
  if (job != NULL)
    {
      *progress = job->progress;
      if (message != NULL)
        *message = g_strdup (job->message);
    }
  g_mutex_unlock (&self->lock);
  return job != NULL;
}

void
pdn_analysis_runner_wait (PdnAnalysisRunner *self, gint64 run_id)
{
  g_mutex_lock (&self->lock);
  while (g_hash_table_contains (self->jobs, &run_id))
    g_cond_wait (&self->changed, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
pdn_analysis_runner_shutdown (PdnAnalysisRunner *self)
{
  g_autoptr (GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  GThreadPool *pool;
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  pool = g_steal_pointer (&self->pool);
  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (cancellables, g_object_ref (((Job *) value)->cancellable));
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (g_ptr_array_index (cancellables, i));
  /* Queued jobs still run, and end at once, recording why. */
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);
}

void
pdn_analysis_runner_set_default (PdnAnalysisRunner *runner)
{
  G_LOCK (default_runner);
  g_set_object (&default_runner, runner);
  G_UNLOCK (default_runner);
}

PdnAnalysisRunner *
pdn_analysis_runner_dup_default (void)
{
  PdnAnalysisRunner *runner;

  G_LOCK (default_runner);
  runner = default_runner != NULL ? g_object_ref (default_runner) : NULL;
  G_UNLOCK (default_runner);
  return runner;
}
