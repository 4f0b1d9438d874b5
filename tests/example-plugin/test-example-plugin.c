/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-plugin-registry.h"
#include "pdn-test-api.h"

/*
 * The example plugin (tests/example-plugin/pdn-example-plugin.c, the one
 * docs/writing-a-plugin.md describes): the loader takes the module, and a
 * daemon that loads it alone creates programs of its type over HTTP.
 */

static gchar *
module_path (void)
{
  g_autofree gchar *file = g_strconcat ("pdn-example.", G_MODULE_SUFFIX, NULL);

  return g_build_filename (PDN_EXAMPLE_PLUGIN_DIR, file, NULL);
}

/* The loader opens the module, checks it, runs its setup and indexes its
 * program type by the id its description gives. */
static void
test_loader_loads_it (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnPluginRegistry) registry = pdn_plugin_registry_new ();
  g_autofree gchar *path = module_path ();
  g_autoptr (GError) error = NULL;
  PdnPlugin *plugin = pdn_plugin_registry_load_module (registry, path, store, NULL, &error);
  JsonObject *type;

  g_assert_no_error (error);
  g_assert_nonnull (plugin);
  g_assert_cmpstr (pdn_plugin_get_id (plugin), ==, "example");
  g_assert_true (PDN_IS_PROGRAM_TYPE (plugin));
  g_assert_true (pdn_plugin_registry_find_program_type (registry, "example") == plugin);
  type = pdn_plugin_registry_describe_program_type (registry, "example");
  g_assert_cmpstr (json_object_get_string_member (type, "name"), ==, "Example");
  g_assert_cmpuint (pdn_plugin_registry_get_failures (registry)->len, ==, 0);
}

/* With only the example loaded, a program of type "example" is created,
 * and one of a type not loaded is refused. */
static void
test_program_over_http (void)
{
  g_autoptr (PdnTestReply) plugins = NULL;
  g_autoptr (PdnTestReply) refused = NULL;
  g_autofree gchar *body = NULL;
  g_autofree gchar *other = NULL;
  PdnTestWorld *world;
  JsonArray *items;
  gint64 id;

  g_setenv ("PDNET_PLUGIN_DIR", PDN_EXAMPLE_PLUGIN_DIR, TRUE);
  world = pdn_test_world_new ();
  plugins = pdn_test_api_call (world, "GET", NULL, NULL, "/plugins");
  items = json_object_get_array_member (pdn_test_api_expect (plugins, 200), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"),
                   ==, "example");

  body = g_strdup_printf ("{\"name\":\"Example program\",\"type\":\"example\","
                          "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
                          (long long) world->org_a);
  id = pdn_test_api_create (world, "/programs", world->coord_a, body);
  g_assert_cmpint (id, >, 0);
  other = g_strdup_printf ("{\"name\":\"Not loaded\",\"type\":\"teacher-led\","
                           "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
                           (long long) world->org_a);
  refused = pdn_test_api_call (world, "POST", world->coord_a, other, "/programs");
  pdn_test_api_assert_problem (refused, 422, "unprocessable", "type");
  pdn_test_world_free (world);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/example-plugin/loader-loads-it", test_loader_loads_it);
  g_test_add_func ("/pdnet/example-plugin/program-over-http", test_program_over_http);
  return g_test_run ();
}
