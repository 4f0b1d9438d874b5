/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-plugin-registry.h"
#include "pdn-plugin-runner.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The loader and the runner functions on the test modules in
 * tests/plugins: the API version is checked first, a missing symbol, a
 * type that is not a plugin or a settings_schema the core cannot enforce
 * is refused, a disabled plugin is not loaded, migrations run once, and a
 * hook that returns FALSE without an error becomes an internal error
 * naming the plugin.
 */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPluginRegistry *registry;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = pdn_test_store_new (&f->dir);
  f->registry = pdn_plugin_registry_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->registry);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static gchar *
module_path (const gchar *name)
{
  g_autofree gchar *file = g_strdup_printf ("test-plugin-%s.%s", name, G_MODULE_SUFFIX);

  return g_build_filename (g_getenv ("PDNET_TEST_PLUGIN_DIR"), file, NULL);
}

/* Loading @name fails with a message containing @why. */
static void
assert_refused (Fixture *f, const gchar *name, GKeyFile *config, const gchar *why)
{
  g_autofree gchar *path = module_path (name);
  g_autoptr (GError) error = NULL;
  guint loaded = pdn_plugin_registry_get_plugins (f->registry)->len;
  PdnPlugin *plugin = pdn_plugin_registry_load_module (f->registry, path, f->store, config,
                                                       &error);

  g_assert_null (plugin);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, why));
  g_assert_cmpuint (pdn_plugin_registry_get_plugins (f->registry)->len, ==, loaded);
}

static PdnPlugin *
load (Fixture *f, const gchar *name)
{
  g_autofree gchar *path = module_path (name);
  g_autoptr (GError) error = NULL;
  PdnPlugin *plugin = pdn_plugin_registry_load_module (f->registry, path, f->store, NULL,
                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (plugin);
  return plugin;
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  assert_refused (f, "bad-version", NULL, "plugin API version");
  /* The core checks settings against settings_schema: one it cannot
   * enforce in full keeps the type from loading. */
  assert_refused (f, "bad-schema", NULL, "keyword \"format\" is not supported");
  g_assert_null (pdn_plugin_registry_find_program_type (f->registry, "test-bad-schema"));
  assert_refused (f, "no-type", NULL, "no pdn_plugin_query_type symbol");
  assert_refused (f, "not-a-plugin", NULL, "is not a PdnPlugin");
  assert_refused (f, "missing-file", NULL, "test-plugin-missing-file");
}

static void
test_disabled (Fixture *f, gconstpointer data)
{
  g_autoptr (GKeyFile) config = g_key_file_new ();

  g_key_file_set_string (config, "plugins", "disabled", "other;test-plain");
  assert_refused (f, "plain", config, "disabled");
  g_assert_null (pdn_plugin_registry_find_program_type (f->registry, "test-plain"));
}

static void
test_loads_and_migrates_once (Fixture *f, gconstpointer data)
{
  PdnPlugin *plugin = load (f, "plain");
  g_autoptr (PdnPluginRegistry) again = pdn_plugin_registry_new ();
  g_autofree gchar *path = module_path ("plain");
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (pdn_plugin_get_id (plugin), ==, "test-plain");
  g_assert_true (pdn_plugin_registry_find_program_type (f->registry, "test-plain") == plugin);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM test_plain_notes "
                                                 "WHERE program_id = ?", 0), ==, 0);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM plugin_migrations "
                                                 "WHERE version = ?", 1), ==, 1);
  /* The same id twice in one registry is refused; a new registry on the
   * same database loads it without migrating again. */
  assert_refused (f, "plain", NULL, "loaded already");
  g_assert_nonnull (pdn_plugin_registry_load_module (again, path, f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM plugin_migrations "
                                                 "WHERE version = ?", 1), ==, 1);
}

static void
test_load_dirs_skips_failures (Fixture *f, gconstpointer data)
{
  const gchar *dirs[] = { g_getenv ("PDNET_TEST_PLUGIN_DIR"), NULL };

  pdn_plugin_registry_load_dirs (f->registry, dirs, f->store, NULL);
  g_assert_cmpuint (pdn_plugin_registry_get_plugins (f->registry)->len, ==, 3);
  g_assert_cmpuint (pdn_plugin_registry_get_failures (f->registry)->len, ==, 4);
  g_assert_nonnull (pdn_plugin_registry_find_program_type (f->registry, "test-misbehaving"));
  g_assert_nonnull (pdn_plugin_registry_find_analysis (f->registry, "test-count"));
}

static void
test_runner_reports_misbehaviour (Fixture *f, gconstpointer data)
{
  PdnPlugin *plugin = load (f, "misbehaving");
  g_autoptr (JsonObject) settings = json_object_new ();
  g_autoptr (JsonObject) program = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) credit = NULL;

  /* The runner logs the misbehaviour as a warning, which g_test_init()
   * made fatal: here it is what the test expects. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (pdn_plugin_runner_validate_settings (plugin, settings, &error));
  json_object_set_boolean_member (settings, "fail_silently", TRUE);
  g_assert_false (pdn_plugin_runner_validate_settings (plugin, settings, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "test-misbehaving"));
  g_clear_error (&error);
  json_object_set_int_member (program, "id", 1);
  credit = pdn_plugin_runner_compute_credit (plugin, program, 1, &error);
  g_assert_null (credit);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
}

/* A plugin may read any table but write only its own. */
static void
test_writes_only_own_tables (Fixture *f, gconstpointer data)
{
  PdnPlugin *plugin = load (f, "plain");
  PdnContext *context = pdn_plugin_get_context (plugin);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnQuery) read = pdn_context_query (context, "SELECT COUNT(*) FROM people",
                                                 &error);
  g_autoptr (PdnQuery) own = NULL;
  g_autoptr (PdnQuery) core = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (read);
  own = pdn_context_query (context,
                           "INSERT INTO test_plain_notes (program_id, text) VALUES (1, 'x')",
                           &error);
  g_assert_no_error (error);
  g_assert_true (pdn_query_run (own, &error));
  core = pdn_context_query (context, "DELETE FROM people", &error);
  g_assert_null (core);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
  g_clear_error (&error);
  g_assert_null (pdn_context_query (context, "UPDATE OR REPLACE accounts SET role = 'admin'",
                                    &error));
  g_clear_error (&error);
  g_assert_null (pdn_context_query (context,
                                    "SELECT 1; DROP TABLE people", &error));
}

#define ADD(name, func)                                                                          \
  g_test_add ("/pdnet/plugin-loader/" name, Fixture, NULL, fixture_set_up, func,                 \
              fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("refused", test_refused);
  ADD ("disabled", test_disabled);
  ADD ("loads-and-migrates-once", test_loads_and_migrates_once);
  ADD ("load-dirs-skips-failures", test_load_dirs_skips_failures);
  ADD ("runner-reports-misbehaviour", test_runner_reports_misbehaviour);
  ADD ("writes-only-own-tables", test_writes_only_own_tables);
  return g_test_run ();
}
