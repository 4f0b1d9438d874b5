/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-analysis-settings.h"
#include "pdn-plugin-registry.h"

G_BEGIN_DECLS

/**
 * PdnAnalysisRequest:
 *
 * One analysis asked for with its parameters, checked and ready to
 * compute: the API's runs and `pdnet analyze` both go through it, so
 * they validate, apply the privacy floors and build the result document
 * the same way.
 *
 * Multithreading: made on one thread, executed on another (a runner's
 * worker); never used by two threads at once.
 */
typedef struct _PdnAnalysisRequest PdnAnalysisRequest;

/**
 * pdn_analysis_request_new:
 * @parameters: (nullable): the caller's parameters, a JSON object; %NULL
 *   for none
 * @field: (nullable): the name the caller's object has, for error fields
 *   ("parameters" names a member "parameters.x"); %NULL names it "x"
 *
 * Finds the analysis (404 naming none when it is not loaded), validates
 * @parameters against its schema, fills in defaults and raises
 * min_students / min_respondents to the floors of @settings.
 */
PdnAnalysisRequest *pdn_analysis_request_new (PdnPluginRegistry *registry,
                                              const gchar *analysis_id, JsonNode *parameters,
                                              const gchar *field,
                                              const PdnAnalysisSettings *settings,
                                              GError **error);
void pdn_analysis_request_free (PdnAnalysisRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnAnalysisRequest, pdn_analysis_request_free)

const gchar *pdn_analysis_request_get_analysis_id (PdnAnalysisRequest *self);
PdnPlugin *pdn_analysis_request_get_plugin (PdnAnalysisRequest *self);
/* The parameters the analysis gets: defaults filled in, floors applied. */
JsonObject *pdn_analysis_request_get_parameters (PdnAnalysisRequest *self);

/**
 * pdn_analysis_request_execute:
 * @snapshot_at: (out) (optional) (transfer full): when the data snapshot
 *   was taken, also on failure once it was
 *
 * Runs the analysis on the calling thread inside a read transaction on
 * the plugin's store (the thread's own connection), so it reads one
 * snapshot however long it takes. Cancelled: %NULL with
 * G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the result document: the
 *   analysis's tables, statistics, caveats (with the core's own, such as
 *   a raised floor), csv and plot_svg, plus analysis_id, parameters,
 *   pdnet_version, plugin_version and snapshot_at.
 */
JsonObject *pdn_analysis_request_execute (PdnAnalysisRequest *self, PdnProgressFunc progress,
                                          gpointer progress_data, GCancellable *cancellable,
                                          gchar **snapshot_at, GError **error);

G_END_DECLS
