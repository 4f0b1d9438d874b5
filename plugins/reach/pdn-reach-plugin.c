/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reach analysis: per term and program, new and returning teachers
 * and schools, the share of each organization's schools reached, the
 * concentration of participation across schools and how often sessions
 * mix sectors. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>

#include "pdn-reach-data.h"
#include "pdn-reach-plugin.h"
#include "pdn-reach-result.h"

struct _PdnReachPlugin
{
  PdnPlugin parent_instance;
};

static void analysis_iface_init (PdnAnalysisInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnReachPlugin, pdn_reach_plugin, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_ANALYSIS, analysis_iface_init))

static JsonNode *
describe (PdnAnalysis *self)
{
  /* The description is set apart so that it is translated. */
  JsonNode *node = json_from_string (
      "{\"id\":\"reach\",\"name\":\"Reach\","
      "\"parameters\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{"
      "\"program_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1},"
      "\"description\":\"Programs to include (all when left out)\"},"
      "\"school_year\":{\"type\":\"string\","
      "\"description\":\"Only programs of this school year\"}}},"
      "\"outputs\":[\"tables\",\"statistics\",\"csv\",\"plot\"]}",
      NULL);

  json_object_set_string_member (
      json_node_get_object (node), "description",
      _ ("Per term and program: new and returning teachers and schools, share of each "
         "organization's schools reached, concentration of participation across schools "
         "(Gini, top decile), sessions spanning two or more sectors"));
  return node;
}

static GArray *
program_ids (JsonObject *parameters)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *list;

  if (!json_object_has_member (parameters, "program_ids"))
    return ids;
  list = json_object_get_array_member (parameters, "program_ids");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      gint64 id = json_array_get_int_element (list, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static JsonNode *
run (PdnAnalysis *self, PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
     gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GArray) ids = program_ids (parameters);
  PdnReachFilter filter
      = { ids, json_object_get_string_member_with_default (parameters, "school_year", NULL) };
  g_autoptr (PdnReachData) data = NULL;
  JsonNode *result;

  progress (0.0, _ ("Reading the attendance"), progress_data);
  data = pdn_reach_data_load (context, &filter, error);
  if (data == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  progress (0.6, _ ("Computing reach per term and program"), progress_data);
  result = pdn_reach_result_build (context, data, cancellable, error);
  if (result != NULL)
    progress (1.0, NULL, progress_data);
  return result;
}

static void
analysis_iface_init (PdnAnalysisInterface *iface)
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
pdn_reach_plugin_class_init (PdnReachPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "reach";
  plugin_class->name = N_ ("Reach");
  plugin_class->version = "1.0";
  plugin_class->shutdown = shutdown;
  plugin_class->description = N_ ("New and returning teachers and schools, schools reached and "
                                  "concentration of participation, per term and program");
}

static void
pdn_reach_plugin_init (PdnReachPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_reach_plugin_get_type)
