/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-workshop-series-credit.h"
#include "pdn-workshop-series-plugin.h"
#include "pdn-workshop-series-rules.h"
#include "pdn-workshop-series-settings.h"

/* The "workshop-series" program type, modelled on Uncommon Schools'
 * Saturday workshops for New York City teachers: series of three or four
 * sessions, each on one instructional technique, open to teachers and
 * school and district administrators of any sector. People register for a
 * whole series through the core (POST /series/{id}/registrations) or for
 * single sessions; completing a series is attending enough of it. */

struct _PdnWorkshopSeriesPlugin
{
  PdnPlugin parent_instance;
};

static void program_type_iface_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnWorkshopSeriesPlugin, pdn_workshop_series_plugin,
                               PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      program_type_iface_init))

static void
add_strings (JsonObject *object, const gchar *name, const gchar *const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, name, array);
}

static JsonNode *
describe (PdnProgramType *type)
{
  static const gchar *const series_kinds[] = { PDN_WORKSHOP_SERIES_SERIES_KIND, NULL };
  static const gchar *const session_kinds[] = { PDN_WORKSHOP_SERIES_SESSION_KIND, NULL };
  static const gchar *const measurements[] = { "attendance", "feedback", NULL };
  PdnPlugin *plugin = PDN_PLUGIN (type);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", pdn_plugin_get_id (plugin));
  json_object_set_string_member (object, "name", pdn_plugin_get_name (plugin));
  json_object_set_string_member (object, "description", pdn_plugin_get_description (plugin));
  json_object_set_member (object, "settings_schema", pdn_workshop_series_settings_schema ());
  add_strings (object, "series_kinds", series_kinds);
  add_strings (object, "session_kinds", session_kinds);
  add_strings (object, "measurements", measurements);
  /* One Saturday or the whole series, as people choose. */
  json_object_set_string_member (object, "series_registration", "optional");
  json_node_take_object (node, object);
  return node;
}

static gboolean
validate_series (PdnProgramType *type, PdnContext *context, JsonObject *program,
                 JsonObject *series, GError **error)
{
  return pdn_workshop_series_check_series (series, error);
}

static gboolean
validate_session (PdnProgramType *type, PdnContext *context, JsonObject *program,
                  JsonObject *session, GError **error)
{
  return pdn_workshop_series_check_session (context, program, session, error);
}

static gboolean
compute_credit (PdnProgramType *type, PdnContext *context, JsonObject *program,
                gint64 person_id, JsonObject *credit, GError **error)
{
  return pdn_workshop_series_compute_credit (context, program, person_id, credit, error);
}

static void
program_type_iface_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
  /* No validate_settings: the core checks settings against the schema. */
  iface->validate_series = validate_series;
  iface->validate_session = validate_session;
  iface->compute_credit = compute_credit;
}

static void
pdn_workshop_series_plugin_class_init (PdnWorkshopSeriesPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "workshop-series";
  plugin_class->name = N_("Workshop series");
  plugin_class->version = "1.0";
  plugin_class->description = N_("Series of three or four sessions, each on one instructional "
                                 "technique, open to teachers and administrators of any sector; "
                                 "a series is completed by attending a set number of its "
                                 "sessions.");
}

static void
pdn_workshop_series_plugin_init (PdnWorkshopSeriesPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_workshop_series_plugin_get_type)
