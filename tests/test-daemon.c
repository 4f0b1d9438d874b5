/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include <gio/gio.h>

#include "pdn-test.h"

/* Starts pdnetd on a free port and returns once it has printed its first
 * line, which it does after taking the lock and opening the store. */
static GSubprocess *
start_daemon (const gchar *data_dir, gchar **first_line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  GSubprocess *daemon;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("PDNET_DAEMON"),
                             "--data-dir", data_dir, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  /* Keep the pipe open: the daemon still prints when it stops. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  *first_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*first_line);
  return daemon;
}

static void
test_lock_and_sigterm (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *data_dir = pdn_test_dir_file (dir, "data");
  g_autofree gchar *db = pdn_test_dir_file (dir, "data/pdnet.db");
  g_autofree gchar *line = NULL;
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (GSubprocess) daemon = start_daemon (data_dir, &line);
  g_autoptr (GError) error = NULL;
  const gchar *second[] = { g_getenv ("PDNET_DAEMON"), "--data-dir", data_dir, "--listen",
                            "127.0.0.1:0", NULL };

  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));

  /* A second daemon on the same directory is refused and says why. */
  g_assert_cmpint (pdn_test_spawn (second, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, data_dir));

  g_subprocess_send_signal (daemon, SIGTERM);
  g_assert_true (g_subprocess_wait (daemon, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (daemon));
  g_assert_cmpint (g_subprocess_get_exit_status (daemon), ==, 0);
}

static void
test_bad_listen_refused (void)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--listen", "nowhere", NULL };

  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "listen"));
}

static void
test_version (void)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--version", NULL };

  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "pdnetd " PACKAGE_VERSION));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/daemon/lock-and-sigterm", test_lock_and_sigterm);
  g_test_add_func ("/pdnet/daemon/bad-listen", test_bad_listen_refused);
  g_test_add_func ("/pdnet/daemon/version", test_version);
  return g_test_run ();
}
