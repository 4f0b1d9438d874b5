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

/* [pdnetd] public-url: absent by default, trailing slashes dropped, and
 * anything but a plain http(s) URL refused naming the key. */
static void
test_public_url (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_write_file (
      dir, "pdnetd.conf", "[pdnetd]\npublic-url = https://pd.example.org/pdnet/ \n");
  g_autoptr (PdnConfig) config = pdn_config_new ();
  g_autoptr (GError) error = NULL;
  const gchar *good[][2] = {
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "https://pd.example.org/", "https://pd.example.org" },
    { "https://[::1]:8443/pd//", "https://[::1]:8443/pd" },
  };
  const gchar *bad[] = { "pd.example.org", "ftp://pd.example.org", "https://",
                         "https://user@pd.example.org", "https://pd.example.org/?a=1",
                         "https://pd.example.org/#top", "/api", "" };

  g_assert_null (pdn_config_get_public_url (config));
  g_assert_true (pdn_config_load_file (config, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pdn_config_get_public_url (config), ==, "https://pd.example.org/pdnet");
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree gchar *parsed = pdn_config_parse_public_url (good[i][0], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (parsed, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("public-url %s", bad[i]);
      g_assert_null (pdn_config_parse_public_url (bad[i], &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, "public-url");
      g_clear_error (&error);
    }
  /* In a file, a bad value stops the load and names the file. */
  {
    g_autofree gchar *bad_path
        = pdn_test_write_file (dir, "bad.conf", "[pdnetd]\npublic-url=pd.example.org\n");
    g_autoptr (PdnConfig) other = pdn_config_new ();

    g_assert_false (pdn_config_load_file (other, bad_path, &error));
    g_assert_cmpstr (pdn_error_get_field (error), ==, "public-url");
    g_assert_nonnull (strstr (error->message, bad_path));
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
  g_test_add_func ("/pdnet/config/public-url", test_public_url);
  g_test_add_func ("/pdnet/config/bad-file-names-path", test_bad_file_names_path);
  g_test_add_func ("/pdnet/config/data-dir-lock", test_data_dir_lock_is_exclusive);
  return g_test_run ();
}
