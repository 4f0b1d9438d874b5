/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pdn-sqlite-store.h"
#include "pdn-test.h"

PdnTestDir *
pdn_test_dir_new (void)
{
  g_autoptr (GError) error = NULL;
  PdnTestDir *dir = g_new0 (PdnTestDir, 1);

  dir->path = g_dir_make_tmp ("pdnet-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

gchar *
pdn_test_dir_file (PdnTestDir *dir, const gchar *name)
{
  return g_build_filename (dir->path, name, NULL);
}

static void
remove_tree (const gchar *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
pdn_test_dir_free (PdnTestDir *dir)
{
  remove_tree (dir->path);
  g_free (dir->path);
  g_free (dir);
}

PdnStore *
pdn_test_store_new (PdnTestDir **dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *db = NULL;
  PdnStore *store;

  *dir = pdn_test_dir_new ();
  db = pdn_test_dir_file (*dir, "pdnet.db");
  store = pdn_sqlite_store_open (db, &error);
  g_assert_no_error (error);
  return store;
}

gchar *
pdn_test_write_file (PdnTestDir *dir, const gchar *name, const gchar *contents)
{
  g_autoptr (GError) error = NULL;
  gchar *path = pdn_test_dir_file (dir, name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

gint
pdn_test_spawn (const gchar *const *argv, gchar **out, gchar **err)
{
  g_autoptr (GError) error = NULL;
  gint status = 0;

  g_spawn_sync (NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

/* Writes @input to @process's standard input, which communicate() then
 * closes. The input fits in the pipe, so this cannot block; a command that
 * exits without reading it breaks the pipe, which is no error here. (GLib
 * 2.74's communicate() fails on a broken pipe, hence this.) */
static void
feed (GSubprocess *process, const gchar *input)
{
  GOutputStream *stdin_pipe = g_subprocess_get_stdin_pipe (process);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (strlen (input), <, 32 * 1024);
  if (!g_output_stream_write_all (stdin_pipe, input, strlen (input), NULL, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    g_assert_no_error (error);
}

gint
pdn_test_spawn_with_input (const gchar *const *argv, const gchar *input, gchar **out,
                           gchar **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;

  /* Without this, writing to a command that has exited kills the test. */
  signal (SIGPIPE, SIG_IGN);
  process = g_subprocess_newv (argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  feed (process, input);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (process))
    return g_subprocess_get_exit_status (process);
  return -1;
}
