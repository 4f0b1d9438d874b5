/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_ANALYSIS_RUN (pdn_analysis_run_get_type ())
G_DECLARE_FINAL_TYPE (PdnAnalysisRun, pdn_analysis_run, PDN, ANALYSIS_RUN, GObject)

/* One row of `analysis_runs`: a request to compute an analysis, and what
 * became of it. Status only moves forward: queued, running, then done,
 * failed or cancelled; each change checks the status it comes from inside
 * a write transaction, so a cancel and a finish racing each other leave
 * one answer. */
struct _PdnAnalysisRun
{
  GObject parent_instance;
  gint64 id;
  gchar *analysis_id;
  gchar *plugin_version;
  gint64 account_id;      /* 0: none (or deleted since) */
  JsonObject *parameters; /* effective: validated, defaults and floors applied */
  PdnAnalysisRunStatus status;
  gdouble progress;       /* 0..1 */
  JsonObject *result;     /* nullable: the result document, once done */
  gchar *error;           /* nullable: why it failed */
  gchar *created_at;
  gchar *started_at;      /* nullable */
  gchar *finished_at;     /* nullable */
  gchar *snapshot_at;     /* nullable: when its data snapshot was taken */
};

PdnAnalysisRun *pdn_analysis_run_new (const gchar *analysis_id, const gchar *plugin_version,
                                      gint64 account_id, JsonObject *parameters);
/* Stores a new queued run, setting its id and created_at. */
gboolean pdn_analysis_run_insert (PdnAnalysisRun *self, PdnStore *store, GError **error);
/* Returns: (transfer full) (nullable): the run, or %NULL (404). */
PdnAnalysisRun *pdn_analysis_run_load (PdnStore *store, gint64 id, GError **error);
gboolean pdn_analysis_run_is_finished (PdnAnalysisRun *self);

/* queued → running. *@started is FALSE when the run was no longer queued
 * (cancelled meanwhile) or is gone. */
gboolean pdn_analysis_run_mark_running (PdnStore *store, gint64 id, gboolean *started,
                                        GError **error);
/* The progress of a running run; nothing for any other. */
gboolean pdn_analysis_run_store_progress (PdnStore *store, gint64 id, gdouble progress,
                                          GError **error);
/**
 * pdn_analysis_run_mark_finished:
 * @status: done, failed or cancelled
 * @progress: where it stopped, or negative to keep the stored progress
 *   (done is always 1)
 * @result: (nullable): for done
 * @message: (nullable): for failed
 * @snapshot_at: (nullable)
 *
 * Finishes a queued or running run; one already finished (cancelled by
 * its caller meanwhile) keeps its status, and *@finished says FALSE.
 */
gboolean pdn_analysis_run_mark_finished (PdnStore *store, gint64 id, PdnAnalysisRunStatus status,
                                         gdouble progress, JsonObject *result,
                                         const gchar *message,
                                         const gchar *snapshot_at, gboolean *finished,
                                         GError **error);
/* Every queued or running run becomes failed with @message: those a
 * previous process left when it stopped. */
gboolean pdn_analysis_run_fail_unfinished (PdnStore *store, const gchar *message, guint *count,
                                           GError **error);

G_END_DECLS
