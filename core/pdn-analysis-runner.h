/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-analysis-request.h"
#include "pdn-analysis-settings.h"

G_BEGIN_DECLS

#define PDN_TYPE_ANALYSIS_RUNNER (pdn_analysis_runner_get_type ())
G_DECLARE_FINAL_TYPE (PdnAnalysisRunner, pdn_analysis_runner, PDN, ANALYSIS_RUNNER, GObject)

/**
 * pdn_analysis_runner_new:
 * @database_path: the database the runs are recorded in; the runner opens
 *   its own connections to it
 * @settings: the floors and the number of worker threads
 *
 * Starts a runner, first marking failed every run a previous process left
 * queued or running (it was stopped before they finished).
 */
PdnAnalysisRunner *pdn_analysis_runner_new (const gchar *database_path,
                                            const PdnAnalysisSettings *settings,
                                            GError **error);
const PdnAnalysisSettings *pdn_analysis_runner_get_settings (PdnAnalysisRunner *self);

/**
 * pdn_analysis_runner_submit:
 * @request: (transfer full): what to compute
 * @run_id: its row in `analysis_runs`, queued and committed (or about to
 *   be: the runner's first write waits for the writer's transaction)
 * @language: (nullable): the language of its messages and caveats
 *
 * Queues the run; a worker thread computes it as soon as one is free.
 */
gboolean pdn_analysis_runner_submit (PdnAnalysisRunner *self, PdnAnalysisRequest *request,
                                     gint64 run_id, const gchar *language, GError **error);
/* Asks a queued or running run to stop; FALSE when this runner has no
 * such run (finished, or never here). */
gboolean pdn_analysis_runner_cancel (PdnAnalysisRunner *self, gint64 run_id);
/**
 * pdn_analysis_runner_get_progress:
 * @message: (out) (optional) (transfer full) (nullable): what the
 *   analysis said it is doing
 *
 * The latest progress of a run this runner is computing, which the
 * database has at most half a second late. FALSE when it has no such run.
 */
gboolean pdn_analysis_runner_get_progress (PdnAnalysisRunner *self, gint64 run_id,
                                           gdouble *progress, gchar **message);
/* Blocks until the runner has no run @run_id (it finished and recorded
 * how); for tests and the shutdown. */
void pdn_analysis_runner_wait (PdnAnalysisRunner *self, gint64 run_id);
/* Cancels every run (each is recorded as failed: the server stopped) and
 * waits for the worker threads. Further submits are refused. */
void pdn_analysis_runner_shutdown (PdnAnalysisRunner *self);

/* The runner pdnetd's routes use; %NULL when none runs (503). */
void pdn_analysis_runner_set_default (PdnAnalysisRunner *runner);
PdnAnalysisRunner *pdn_analysis_runner_dup_default (void);

G_END_DECLS
