/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-context.h>

G_BEGIN_DECLS

#define PDN_TYPE_ANALYSIS (pdn_analysis_get_type ())
G_DECLARE_INTERFACE (PdnAnalysis, pdn_analysis, PDN, ANALYSIS, GObject)

/**
 * PdnProgressFunc:
 * @fraction: 0 to 1
 * @message: (nullable): what is being done, translated
 *
 * Reports progress; may be called from the analysis's thread as often as
 * it likes (the core keeps the latest).
 */
typedef void (*PdnProgressFunc) (gdouble fraction, const gchar *message, gpointer user_data);

/**
 * PdnAnalysisInterface:
 * @describe: `{"id", "name", "description", "parameters" (a JSON Schema of
 *   an object; the core refuses members it does not list), "outputs": [...]
 *   (what a result holds: "tables", "statistics", "csv", "plot")}`.
 *   Required.
 * @run: computes the result for @parameters (already validated against
 *   the schema, with defaults filled in) on a worker thread, inside a read
 *   transaction that gives it one snapshot of the data. Check
 *   @cancellable between steps (when it is cancelled, return %NULL with
 *   g_cancellable_set_error_if_cancelled()) and call @progress. The
 *   privacy floors are applied before: "min_students" and
 *   "min_respondents", when the schema has them, are never below the
 *   server's; suppress what rests on fewer. Returns the result
 *   document: `{"tables": [{"name", "columns", "rows"}], "statistics":
 *   [{"name", "value", "n", ...}], "caveats": ["..."], "csv": "...",
 *   "plot_svg": "..."}` (the core adds parameters, versions and the
 *   snapshot time), or %NULL with @error set.
 *
 * Both are required; the core's runner functions report a %NULL without
 * an error, or a result that is not an object, as the plugin's fault.
 */
struct _PdnAnalysisInterface
{
  GTypeInterface parent_iface;
  JsonNode *(*describe) (PdnAnalysis *self);
  JsonNode *(*run) (PdnAnalysis *self, PdnContext *context, JsonObject *parameters,
                    PdnProgressFunc progress, gpointer progress_data,
                    GCancellable *cancellable, GError **error);
  /*< private >*/
  gpointer padding[8];
};

G_END_DECLS
