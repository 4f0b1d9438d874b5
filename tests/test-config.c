/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-config.h"
#include "pdn-data-dir.h"
#include "pdn-test.h"

static void
test_defaults (void)
{
  g_autoptr (PdnConfig) config = pdn_config_new ();
  g_autofree gchar *expected = g_build_filename (g_get_user_data_dir (), "pdnet", NULL);

  g_assert_cmpstr (pdn_config_get_listen_host (config), ==, "127.0.0.1");
  g_assert_cmpuint (pdn_config_get_listen_port (config), ==, 8080);
  g_assert_cmpstr (pdn_config_get_data_dir (config), ==, expected);
}

static void
test_file_and_overrides (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_write_file (dir, "pdnetd.conf",
                                                "[pdnetd]\nlisten=[::1]:9000\n"
                                                "data-dir=/srv/pdnet\n");
  g_autoptr (PdnConfig) config = pdn_config_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_config_load_file (config, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pdn_config_get_listen_host (config), ==, "::1");
  g_assert_cmpuint (pdn_config_get_listen_port (config), ==, 9000);
  g_assert_cmpstr (pdn_config_get_data_dir (config), ==, "/srv/pdnet");

  /* Command-line values are applied after the file and win. */
  g_assert_true (pdn_config_set_listen (config, "0.0.0.0:0", &error));
  pdn_config_set_data_dir (config, "/tmp/elsewhere");
  g_assert_cmpstr (pdn_config_get_listen_host (config), ==, "0.0.0.0");
  g_assert_cmpuint (pdn_config_get_listen_port (config), ==, 0);
  g_assert_cmpstr (pdn_config_get_data_dir (config), ==, "/tmp/elsewhere");
}

static void
test_bad_listen (void)
{
  const gchar *bad[] = { "8080", "127.0.0.1:", "127.0.0.1:70000", "example.org:80", ":80" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnConfig) config = pdn_config_new ();
      g_autoptr (GError) error = NULL;

      g_assert_false (pdn_config_set_listen (config, bad[i], &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, "listen");
      /* A refused value leaves the previous one in place. */
      g_assert_cmpuint (pdn_config_get_listen_port (config), ==, 8080);
    }
}

static void
test_bad_file_names_path (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_write_file (dir, "bad.conf", "[pdnetd]\nlisten=nope\n");
  g_autoptr (PdnConfig) config = pdn_config_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_config_load_file (config, path, &error));
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_data_dir_lock_is_exclusive (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "data");
  g_autoptr (PdnDataDir) first = pdn_data_dir_new (path);
  g_autoptr (PdnDataDir) second = pdn_data_dir_new (path);
  g_autoptr (PdnDataDir) third = NULL;
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_data_dir_lock_daemon (first, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_data_dir_lock_daemon (second, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The store stays usable by others (the CLI) while the lock is held. */
  store = pdn_data_dir_open_store (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdn_store_schema_version (store), >, 0);

  g_clear_object (&first);
  third = pdn_data_dir_new (path);
  g_assert_true (pdn_data_dir_lock_daemon (third, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/config/defaults", test_defaults);
  g_test_add_func ("/pdnet/config/file-and-overrides", test_file_and_overrides);
  g_test_add_func ("/pdnet/config/bad-listen", test_bad_listen);
  g_test_add_func ("/pdnet/config/bad-file-names-path", test_bad_file_names_path);
  g_test_add_func ("/pdnet/config/data-dir-lock", test_data_dir_lock_is_exclusive);
  return g_test_run ();
}
