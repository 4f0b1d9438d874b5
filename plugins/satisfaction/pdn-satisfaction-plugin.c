/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The satisfaction analysis: survey answers per program, series, session
 * or sector of the respondent's school, with intervals, and suppression of
 * groups below the respondents floor. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>

#include "pdn-satisfaction-groups.h"
#include "pdn-satisfaction-plugin.h"
#include "pdn-satisfaction-result.h"
#include "pdn-satisfaction-stats.h"

struct _PdnSatisfactionPlugin
{
  PdnPlugin parent_instance;
};

static void analysis_iface_init (PdnAnalysisInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnSatisfactionPlugin, pdn_satisfaction_plugin, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_ANALYSIS, analysis_iface_init))

static const gchar *const groupings[] = { "program", "series", "session", "sector" };

static JsonNode *
describe (PdnAnalysis *self)
{
  /* The description is set apart so that it is translated. */
  JsonNode *node = json_from_string (
      "{\"id\":\"satisfaction\",\"name\":\"Satisfaction\","
      "\"parameters\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{"
      "\"program_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1},"
      "\"description\":\"Programs to include (all when left out)\"},"
      "\"school_year\":{\"type\":\"string\","
      "\"description\":\"Only programs of this school year\"},"
      "\"group_by\":{\"type\":\"string\",\"enum\":[\"program\",\"series\",\"session\","
      "\"sector\"],\"default\":\"program\",\"description\":\"What a row is\"},"
      "\"min_respondents\":{\"type\":\"integer\",\"minimum\":1,\"default\":5,"
      "\"description\":\"Groups with fewer responses are suppressed\"},"
      "\"bootstrap\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100000,\"default\":2000,"
      "\"description\":\"Bootstrap resamples for the net promoter score interval\"},"
      "\"seed\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295,\"default\":1,"
      "\"description\":\"Seed of the bootstrap\"}}},"
      "\"outputs\":[\"tables\",\"statistics\",\"csv\",\"plot\"]}",
      NULL);

  json_object_set_string_member (
      json_node_get_object (node), "description",
      _ ("Survey responses per program, series, session or sector: response rate, mean "
         "usefulness with its interval, share finding it useful, net promoter score with a "
         "bootstrap interval"));
  return node;
}

static PdnSatisfactionGrouping
grouping_from_string (const gchar *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    if (g_strcmp0 (text, groupings[i]) == 0)
      return (PdnSatisfactionGrouping)i;
  return PDN_SATISFACTION_BY_PROGRAM;
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

static void
append_values (GArray *to, GArray *from)
{
  g_array_append_vals (to, from->data, from->len);
}

/* Every group's figures, then the total's; the bootstrap of each starts
 * from the seed, so a group's interval does not depend on the others. */
static PdnSatisfactionStats *
compute_all (GPtrArray *groups, const PdnSatisfactionOptions *options, gint64 *attendees,
             PdnProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
             GError **error)
{
  g_autofree PdnSatisfactionStats *stats = g_new0 (PdnSatisfactionStats, groups->len + 1);
  g_autoptr (GArray) usefulness = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) recommend = g_array_new (FALSE, FALSE, sizeof (gdouble));

  *attendees = 0;
  for (guint i = 0; i < groups->len; i++)
    {
      PdnSatisfactionGroup *group = g_ptr_array_index (groups, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      progress (0.2 + 0.7 * i / groups->len, _ ("Computing the groups' figures"), progress_data);
      pdn_satisfaction_stats_compute (
          (gdouble *)(gpointer)group->usefulness->data, (gdouble *)(gpointer)group->recommend->data,
          group->usefulness->len, (guint)options->bootstrap, (guint64)options->seed, &stats[i]);
      append_values (usefulness, group->usefulness);
      append_values (recommend, group->recommend);
      *attendees += MAX (group->attendees, 0);
    }
  pdn_satisfaction_stats_compute (
      (gdouble *)(gpointer)usefulness->data, (gdouble *)(gpointer)recommend->data, usefulness->len,
      (guint)options->bootstrap, (guint64)options->seed, &stats[groups->len]);
  return g_steal_pointer (&stats);
}

static JsonNode *
run (PdnAnalysis *self, PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
     gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GArray) ids = program_ids (parameters);
  PdnSatisfactionFilter filter = {
    ids,
    json_object_get_string_member_with_default (parameters, "school_year", NULL),
    grouping_from_string (
        json_object_get_string_member_with_default (parameters, "group_by", "program")),
  };
  PdnSatisfactionOptions options = {
    filter.grouping,
    json_object_get_int_member_with_default (parameters, "min_respondents", 5),
    json_object_get_int_member_with_default (parameters, "bootstrap", 2000),
    json_object_get_int_member_with_default (parameters, "seed", 1),
  };
  g_autoptr (GPtrArray) groups = NULL;
  g_autofree PdnSatisfactionStats *stats = NULL;
  gint64 attendees = 0;

  progress (0.0, _ ("Reading the survey responses"), progress_data);
  groups = pdn_satisfaction_groups_load (context, &filter, error);
  if (groups == NULL)
    return NULL;
  stats = compute_all (groups, &options, &attendees, progress, progress_data, cancellable, error);
  if (stats == NULL)
    return NULL;
  progress (1.0, NULL, progress_data);
  return pdn_satisfaction_result_build (groups, stats, attendees, &options);
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
pdn_satisfaction_plugin_class_init (PdnSatisfactionPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "satisfaction";
  plugin_class->name = N_ ("Satisfaction");
  plugin_class->version = "1.0";
  plugin_class->shutdown = shutdown;
  plugin_class->description = N_ ("Survey responses per program, series, session or sector, "
                                  "with intervals and suppression of small groups");
}

static void
pdn_satisfaction_plugin_init (PdnSatisfactionPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_satisfaction_plugin_get_type)
