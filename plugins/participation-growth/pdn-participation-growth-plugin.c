/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <pdnet/pdnet.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_errno.h>

#include "pdn-growth-analysis.h"

/* participation-growth: does a school's outcome move with how many of its
 * teachers took part? See README.md. */

#define PDN_TYPE_PARTICIPATION_GROWTH_PLUGIN (pdn_participation_growth_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnParticipationGrowthPlugin, pdn_participation_growth_plugin, PDN,
                      PARTICIPATION_GROWTH_PLUGIN, PdnPlugin)

struct _PdnParticipationGrowthPlugin
{
  PdnPlugin parent_instance;
};

static void analysis_init (PdnAnalysisInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnParticipationGrowthPlugin, pdn_participation_growth_plugin,
                               PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_ANALYSIS, analysis_init))

static JsonNode *
describe (PdnAnalysis *self)
{
  return pdn_growth_analysis_describe ();
}

static JsonNode *
run (PdnAnalysis *self, PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
     gpointer progress_data, GCancellable *cancellable, GError **error)
{
  return pdn_growth_analysis_run (context, parameters, progress, progress_data, cancellable, error);
}

static void
analysis_init (PdnAnalysisInterface *iface)
{
  iface->describe = describe;
  iface->run = run;
}

/* The plot's fonts fill cairo's and fontconfig's process-wide caches;
 * the core calls this once no run is left, so they can go (and leak
 * checkers see them freed). */
static void
shutdown (PdnPlugin *self)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}

static void
pdn_participation_growth_plugin_class_init (PdnParticipationGrowthPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "participation-growth";
  plugin_class->name = N_ ("Participation and growth");
  plugin_class->version = "1.0";
  plugin_class->shutdown = shutdown;
  plugin_class->description = N_ ("Relates schools’ PD participation to their outcomes");
  /* GSL's default handler aborts the process; every call checks its
   * results instead. */
  gsl_set_error_handler_off ();
}

static void
pdn_participation_growth_plugin_init (PdnParticipationGrowthPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_participation_growth_plugin_get_type)
