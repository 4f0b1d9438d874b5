/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <pdnet/pdn-version.h>

#include "pdn-sqlite-store.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * `pdnet analyze` with the test analysis (tests/plugins/test-plugin-count):
 * JSON, CSV and table output, the plot file, the default privacy floor,
 * and refusals naming the parameter. The data: "big" with 10 schools,
 * "small" with 2, so a floor of 10 suppresses "small" alone.
 */

static gchar *plugin_dir; /* test-plugin-count alone */

typedef struct
{
  PdnTestDir *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = NULL;
  g_autoptr (PdnStore) store = NULL;
  gint64 big, small;

  f->dir = pdn_test_dir_new ();
  path = pdn_test_dir_file (f->dir, "pdnet.db");
  store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  big = pdn_test_add_organization (store, "big");
  small = pdn_test_add_organization (store, "small");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("School %u", i);
      pdn_test_add_school (store, big, name);
    }
  pdn_test_add_school (store, small, "Lone School");
  pdn_test_add_school (store, small, "Other School");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pdn_test_dir_free (f->dir);
}

/* `pdnet --data-dir DIR analyze ARGS…` */
static gint
analyze (Fixture *f, const gchar *const *args, gchar **out, gchar **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDNET_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, f->dir->path);
  g_ptr_array_add (argv, "analyze");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pdn_test_spawn ((const gchar *const *) argv->pdata, out, err);
}

static void
test_json (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "test-count",     "--format", "json", "--param", "min_students=12",
                          "--param",        "program_ids=4,5", "--param", "program_ids=6",
                          "--param",        "sector=district", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *result, *parameters;
  JsonArray *ids;

  g_assert_cmpint (analyze (f, args, &out, &err), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  result = json_node_get_object (node);
  parameters = json_object_get_object_member (result, "parameters");
  g_assert_cmpint (json_object_get_int_member (parameters, "min_students"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (parameters, "sector"), ==, "district");
  /* A list given twice grows. */
  ids = json_object_get_array_member (parameters, "program_ids");
  g_assert_cmpuint (json_array_get_length (ids), ==, 3);
  g_assert_cmpint (json_array_get_int_element (ids, 2), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (result, "analysis_id"), ==, "test-count");
  g_assert_cmpstr (json_object_get_string_member (result, "plugin_version"), ==, "1.2");
  g_assert_cmpstr (json_object_get_string_member (result, "pdnet_version"), ==,
                   pdn_version_string ());
  g_assert_true (json_object_has_member (result, "snapshot_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "tables")), ==,
                    1);
  /* The CSV and plot have their own outputs. */
  g_assert_false (json_object_has_member (result, "csv"));
  g_assert_false (json_object_has_member (result, "plot_svg"));
  /* Not a terminal: no progress bar. */
  g_assert_null (strstr (err, "\r["));
}

/* min_students=1 is raised to the floor of 10: "small" (2 schools) is
 * suppressed, "big" (10) is not. */
static void
test_csv_floor (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "test-count", "--format", "csv", "--param", "min_students=1", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (analyze (f, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "organization,schools\r\nbig,10\r\nsmall,\r\n");
}

static void
test_table_and_plot (Fixture *f, gconstpointer data)
{
  g_autofree gchar *plot = pdn_test_dir_file (f->dir, "plot.svg");
  const gchar *args[] = { "test-count", "--plot", plot, "--param", "min_students=3", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *svg = NULL;

  g_assert_cmpint (analyze (f, args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (plot, &svg, NULL, NULL));
  g_assert_true (g_str_has_prefix (svg, "<svg"));
  /* Numbers (and suppressed values, a dash) to the right. */
  g_assert_nonnull (strstr (out, "Schools per organization\n"
                                 "organization  schools\n"
                                 "big                10\n"
                                 "small               —\n"));
  g_assert_nonnull (strstr (out, "  schools: 12 (n=12)\n"));
  g_assert_nonnull (strstr (out, "Caveats:\n"));
  g_assert_nonnull (strstr (out, "min_students was raised from 3 to 10"));
  g_assert_nonnull (strstr (out, "test-count 1.2 (pdnet "));
  g_assert_nonnull (strstr (out, "\"min_students\":10"));
}

static void
assert_fails (Fixture *f, const gchar *const *args, gint status, const gchar *text)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (analyze (f, args, &out, &err), ==, status);
  if (strstr (err, text) == NULL)
    g_error ("“%s” not in “%s”", text, err);
  g_assert_cmpstr (out, ==, "");
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  const gchar *unknown[] = { "test-count", "--param", "min_studnets=12", NULL };
  const gchar *type[] = { "test-count", "--param", "min_students=many", NULL };
  const gchar *bounds[] = { "test-count", "--param", "min_students=0", NULL };
  const gchar *no_equals[] = { "test-count", "--param", "min_students", NULL };
  const gchar *format[] = { "test-count", "--format", "xml", NULL };
  const gchar *analysis[] = { "no-such-analysis", NULL };
  const gchar *none[] = { NULL };
  const gchar *no_csv[] = { "test-count", "--format", "csv", "--param", "with_outputs=false",
                            NULL };
  const gchar *failing[] = { "test-count", "--param", "fail=true", NULL };

  assert_fails (f, unknown, 1, "(field: min_studnets)");
  assert_fails (f, type, 1, "(field: min_students)");
  assert_fails (f, bounds, 1, "min_students must be at least 1");
  assert_fails (f, no_equals, 1, "NAME=VALUE");
  assert_fails (f, format, 2, "--format must be table, json or csv");
  assert_fails (f, analysis, 1, "test-count");
  assert_fails (f, none, 2, "Analyses: test-count.");
  assert_fails (f, no_csv, 1, "gives no CSV");
  assert_fails (f, failing, 1, "The test analysis was asked to fail.");
}

static void
copy_module (const gchar *name)
{
  g_autofree gchar *file = g_strdup_printf ("test-plugin-%s.%s", name, G_MODULE_SUFFIX);
  g_autofree gchar *from = g_build_filename (g_getenv ("PDNET_TEST_PLUGIN_DIR"), file, NULL);
  g_autofree gchar *to = g_build_filename (plugin_dir, file, NULL);
  g_autofree gchar *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *module = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  plugin_dir = g_dir_make_tmp ("pdnet-analyze-XXXXXX", &error);
  g_assert_no_error (error);
  copy_module ("count");
  g_setenv ("PDNET_PLUGIN_DIR", plugin_dir, TRUE);
#define ADD(name, func)                                                                          \
  g_test_add ("/pdnet/cli/analyze/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("json", test_json);
  ADD ("csv-floor", test_csv_floor);
  ADD ("table-and-plot", test_table_and_plot);
  ADD ("refused", test_refused);
  status = g_test_run ();
  module = g_strdup_printf ("%s/test-plugin-count.%s", plugin_dir, G_MODULE_SUFFIX);
  g_unlink (module);
  g_rmdir (plugin_dir);
  g_free (plugin_dir);
  return status;
}
