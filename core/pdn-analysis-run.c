/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-run.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

G_DEFINE_FINAL_TYPE (PdnAnalysisRun, pdn_analysis_run, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, analysis_id, plugin_version, account_id, parameters, status, progress, result, "  \
  "error, created_at, started_at, finished_at, snapshot_at FROM analysis_runs "

static void
pdn_analysis_run_finalize (GObject *object)
{
  PdnAnalysisRun *self = PDN_ANALYSIS_RUN (object);

  g_free (self->analysis_id);
  g_free (self->plugin_version);
  g_clear_pointer (&self->parameters, json_object_unref);
  g_clear_pointer (&self->result, json_object_unref);
  g_free (self->error);
  g_free (self->created_at);
  g_free (self->started_at);
  g_free (self->finished_at);
  g_free (self->snapshot_at);
  G_OBJECT_CLASS (pdn_analysis_run_parent_class)->finalize (object);
}

static void
pdn_analysis_run_class_init (PdnAnalysisRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_analysis_run_finalize;
}

static void
pdn_analysis_run_init (PdnAnalysisRun *self)
{
}

PdnAnalysisRun *
pdn_analysis_run_new (const gchar *analysis_id, const gchar *plugin_version, gint64 account_id,
                      JsonObject *parameters)
{
  PdnAnalysisRun *self = g_object_new (PDN_TYPE_ANALYSIS_RUN, NULL);

  self->analysis_id = g_strdup (analysis_id);
  self->plugin_version = g_strdup (plugin_version);
  self->account_id = account_id;
  self->parameters = parameters != NULL ? json_object_ref (parameters) : json_object_new ();
  self->status = PDN_ANALYSIS_RUN_QUEUED;
  return self;
}

gboolean
pdn_analysis_run_is_finished (PdnAnalysisRun *self)
{
  return self->status != PDN_ANALYSIS_RUN_QUEUED && self->status != PDN_ANALYSIS_RUN_RUNNING;
}

static gchar *
object_to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* The stored JSON is the core's own, so a row that does not parse is
 * a damaged database: an empty object keeps the run readable. */
static JsonObject *
text_to_object (const gchar *text)
{
  g_autoptr (JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return text != NULL ? json_object_new () : NULL;
  return json_object_ref (json_node_get_object (node));
}

gboolean
pdn_analysis_run_insert (PdnAnalysisRun *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *parameters = object_to_text (self->parameters);

  g_free (self->created_at);
  self->created_at = pdn_time_now_utc ();
  self->status = PDN_ANALYSIS_RUN_QUEUED;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO analysis_runs (analysis_id, plugin_version, account_id, "
                            "parameters, status, progress, created_at) "
                            "VALUES (?, ?, ?, ?, ?, 0, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->analysis_id);
  pdn_statement_bind_text (stmt, 2, self->plugin_version);
  pdn_statement_bind_id (stmt, 3, self->account_id);
  pdn_statement_bind_text (stmt, 4, parameters);
  pdn_statement_bind_text (stmt, 5, pdn_analysis_run_status_to_string (self->status));
  pdn_statement_bind_text (stmt, 6, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return TRUE;
}

static PdnAnalysisRun *
from_row (PdnStatement *stmt)
{
  PdnAnalysisRun *self = g_object_new (PDN_TYPE_ANALYSIS_RUN, NULL);

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->analysis_id = pdn_statement_dup_text (stmt, 1);
  self->plugin_version = pdn_statement_dup_text (stmt, 2);
  self->account_id = pdn_statement_column_int64 (stmt, 3);
  self->parameters = text_to_object (pdn_statement_column_text (stmt, 4));
  if (self->parameters == NULL)
    self->parameters = json_object_new ();
  pdn_analysis_run_status_from_string (pdn_statement_column_text (stmt, 5), &self->status);
  self->progress = pdn_statement_column_double (stmt, 6);
  self->result = text_to_object (pdn_statement_column_text (stmt, 7));
  self->error = pdn_statement_dup_text (stmt, 8);
  self->created_at = pdn_statement_dup_text (stmt, 9);
  self->started_at = pdn_statement_dup_text (stmt, 10);
  self->finished_at = pdn_statement_dup_text (stmt, 11);
  self->snapshot_at = pdn_statement_dup_text (stmt, 12);
  return self;
}

PdnAnalysisRun *
pdn_analysis_run_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No analysis run has id %lld"), (long long) id))
    return NULL;
  return from_row (stmt);
}

/* The run's status now, inside the caller's write transaction; FALSE
 * with *@found FALSE when there is no such run. */
static gboolean
read_status (PdnStore *store, gint64 id, gboolean *found, PdnAnalysisRunStatus *status,
             GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (
      store, "SELECT status FROM analysis_runs WHERE id = ?", id, error);
  PdnStep step;

  *found = FALSE;
  if (stmt == NULL || (step = pdn_statement_step (stmt, error)) == PDN_STEP_ERROR)
    return FALSE;
  if (step == PDN_STEP_ROW)
    *found = pdn_analysis_run_status_from_string (pdn_statement_column_text (stmt, 0), status);
  return TRUE;
}

gboolean
pdn_analysis_run_mark_running (PdnStore *store, gint64 id, gboolean *started, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();
  PdnAnalysisRunStatus status = PDN_ANALYSIS_RUN_QUEUED;
  gboolean found = FALSE;

  *started = FALSE;
  if (tx == NULL || !read_status (store, id, &found, &status, error))
    return FALSE;
  if (!found || status != PDN_ANALYSIS_RUN_QUEUED)
    return pdn_transaction_commit (tx, error);
  stmt = pdn_store_prepare (store,
                            "UPDATE analysis_runs SET status = 'running', started_at = ? "
                            "WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, now);
  pdn_statement_bind_int64 (stmt, 2, id);
  if (!pdn_statement_run (stmt, error) || !pdn_transaction_commit (tx, error))
    return FALSE;
  *started = TRUE;
  return TRUE;
}

/* One statement, so no transaction: the status test is in the WHERE. */
gboolean
pdn_analysis_run_store_progress (PdnStore *store, gint64 id, gdouble progress, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "UPDATE analysis_runs SET progress = ? WHERE id = ? AND status = 'running'", error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_double (stmt, 1, CLAMP (progress, 0.0, 1.0));
  pdn_statement_bind_int64 (stmt, 2, id);
  return pdn_statement_run (stmt, error);
}

static void
bind_text_or_null (PdnStatement *stmt, guint index, const gchar *text)
{
  if (text != NULL)
    pdn_statement_bind_text (stmt, index, text);
  else
    pdn_statement_bind_null (stmt, index);
}

static gboolean
write_finish (PdnStore *store, gint64 id, PdnAnalysisRunStatus status, gdouble progress,
              JsonObject *result, const gchar *message, const gchar *snapshot_at,
              GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "UPDATE analysis_runs SET status = ?, "
      "progress = CASE WHEN ? > progress THEN ? ELSE progress END, "
      "result = ?, error = ?, finished_at = ?, snapshot_at = ? WHERE id = ?",
      error);
  g_autofree gchar *result_text = result != NULL ? object_to_text (result) : NULL;
  g_autofree gchar *now = pdn_time_now_utc ();

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, pdn_analysis_run_status_to_string (status));
  /* Progress never goes back; a run that stopped keeps where it was. */
  if (status == PDN_ANALYSIS_RUN_DONE)
    progress = 1.0;
  for (guint i = 2; i <= 3; i++)
    if (progress >= 0)
      pdn_statement_bind_double (stmt, i, MIN (progress, 1.0));
    else
      pdn_statement_bind_null (stmt, i);
  bind_text_or_null (stmt, 4, result_text);
  bind_text_or_null (stmt, 5, message);
  pdn_statement_bind_text (stmt, 6, now);
  bind_text_or_null (stmt, 7, snapshot_at);
  pdn_statement_bind_int64 (stmt, 8, id);
  return pdn_statement_run (stmt, error);
}

gboolean
pdn_analysis_run_mark_finished (PdnStore *store, gint64 id, PdnAnalysisRunStatus status,
                                gdouble progress, JsonObject *result, const gchar *message,
                                const gchar *snapshot_at, gboolean *finished, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  PdnAnalysisRunStatus current = PDN_ANALYSIS_RUN_QUEUED;
  gboolean found = FALSE;

  g_return_val_if_fail (status >= PDN_ANALYSIS_RUN_DONE, FALSE);
  *finished = FALSE;
  if (tx == NULL || !read_status (store, id, &found, &current, error))
    return FALSE;
  if (!found || (current != PDN_ANALYSIS_RUN_QUEUED && current != PDN_ANALYSIS_RUN_RUNNING))
    return pdn_transaction_commit (tx, error);
  if (!write_finish (store, id, status, progress, result, message, snapshot_at, error)
      || !pdn_transaction_commit (tx, error))
    return FALSE;
  *finished = TRUE;
  return TRUE;
}

gboolean
pdn_analysis_run_fail_unfinished (PdnStore *store, const gchar *message, guint *count,
                                  GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (PdnStatement) update = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();
  gint64 unfinished = 0;

  if (tx == NULL)
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "SELECT COUNT(*) FROM analysis_runs "
                            "WHERE status IN ('queued', 'running')",
                            error);
  if (stmt == NULL || !pdn_statement_step_one (stmt, error, "no count"))
    return FALSE;
  unfinished = pdn_statement_column_int64 (stmt, 0);
  update = pdn_store_prepare (store,
                              "UPDATE analysis_runs SET status = 'failed', error = ?, "
                              "finished_at = ? WHERE status IN ('queued', 'running')",
                              error);
  if (update == NULL)
    return FALSE;
  pdn_statement_bind_text (update, 1, message);
  pdn_statement_bind_text (update, 2, now);
  if (!pdn_statement_run (update, error) || !pdn_transaction_commit (tx, error))
    return FALSE;
  if (count != NULL)
    *count = (guint) unfinished;
  return TRUE;
}
