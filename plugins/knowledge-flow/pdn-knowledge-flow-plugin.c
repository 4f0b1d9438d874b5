/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The knowledge-flow analysis: attended hours by the sector they come
 * from (the facilitators', or the owner of the curriculum a session is
 * pinned to) against the sector of the attendees, and the share of hours
 * flowing each way between sectors. */
#include <glib/gi18n-lib.h>

#include "pdn-knowledge-flow-plugin.h"
#include "pdn-knowledge-flow-reader.h"
#include "pdn-knowledge-flow-result.h"

struct _PdnKnowledgeFlowPlugin
{
  PdnPlugin parent_instance;
};

static void analysis_init (PdnAnalysisInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnKnowledgeFlowPlugin, pdn_knowledge_flow_plugin,
                               PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_ANALYSIS, analysis_init))

static JsonNode *
describe (PdnAnalysis *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "knowledge-flow");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, _("Knowledge flow between sectors"));
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (
      b, _("Attended hours by the sector of the facilitators (or of the curriculum's owner) "
           "against the sector of the attendees, and the share of hours flowing each way."));
  json_builder_set_member_name (b, "parameters");
  json_builder_add_value (
      b, json_from_string (
             "{\"type\":\"object\",\"additionalProperties\":false,"
             "\"required\":[\"program_ids\"],\"properties\":{"
             "\"program_ids\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":500,"
             "\"items\":{\"type\":\"integer\",\"minimum\":1},"
             "\"description\":\"The programs whose sessions count\"},"
             "\"school_year\":{\"type\":\"string\","
             "\"description\":\"The school year (default: the programs' own)\"},"
             "\"min_attendees\":{\"type\":\"integer\",\"minimum\":3,\"maximum\":1000,"
             "\"default\":5,\"description\":\"Cells with fewer distinct attendees are "
             "suppressed\"}}}",
             NULL));
  json_builder_set_member_name (b, "outputs");
  json_builder_add_value (b, json_from_string ("[\"tables\",\"statistics\",\"csv\",\"plot\"]",
                                               NULL));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
run (PdnAnalysis *self, PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
     gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_autofree gchar *school_year = NULL;
  g_autoptr (KfMatrix) matrix = NULL;

  progress (0, _("Reading sessions and attendance"), progress_data);
  matrix = kf_read (context, parameters, &school_year, cancellable, error);
  if (matrix == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  progress (0.9, _("Building the tables"), progress_data);
  return kf_result_build (matrix, json_object_get_int_member (parameters, "min_attendees"),
                          school_year);
}

static void
analysis_init (PdnAnalysisInterface *iface)
{
  iface->describe = describe;
  iface->run = run;
}

static void
pdn_knowledge_flow_plugin_class_init (PdnKnowledgeFlowPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "knowledge-flow";
  plugin_class->name = "Knowledge flow";
  plugin_class->version = "1.0";
  plugin_class->description = "Attended hours flowing between school sectors";
}

static void
pdn_knowledge_flow_plugin_init (PdnKnowledgeFlowPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_knowledge_flow_plugin_get_type)
