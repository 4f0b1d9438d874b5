/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The smallest program-type plugin pdnet loads: a PdnPlugin subclass that
 * implements PdnProgramType with only its one required hook, describe().
 * docs/writing-a-plugin.md walks through it; the test suite builds it as a
 * module and checks that the loader takes it and that programs of its
 * type can be created. */
#include <pdnet/pdnet.h>

#define PDN_TYPE_EXAMPLE_PLUGIN (pdn_example_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnExamplePlugin, pdn_example_plugin, PDN, EXAMPLE_PLUGIN, PdnPlugin)

struct _PdnExamplePlugin
{
  PdnPlugin parent_instance;
};

static void program_type_iface_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnExamplePlugin, pdn_example_plugin, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      program_type_iface_init))

/* What programs of type "example" are: any settings object, series of
 * kind "example-series", sessions of kind "example-session". */
static JsonNode *
describe (PdnProgramType *type)
{
  return json_from_string ("{\"id\":\"example\",\"name\":\"Example\","
                           "\"description\":\"The smallest program type\","
                           "\"settings_schema\":{\"type\":\"object\"},"
                           "\"series_kinds\":[\"example-series\"],"
                           "\"session_kinds\":[\"example-session\"],"
                           "\"measurements\":[\"attendance\"]}",
                           NULL);
}

static void
program_type_iface_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
}

static void
pdn_example_plugin_class_init (PdnExamplePluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "example";
  plugin_class->name = "Example";
  plugin_class->version = "1.0";
  plugin_class->description = "The smallest program type";
}

static void
pdn_example_plugin_init (PdnExamplePlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_example_plugin_get_type)
