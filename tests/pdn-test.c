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

GSocketConnection *
pdn_test_connect (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

/* FALSE when the server has closed or reset the connection. */
gboolean
pdn_test_send (GSocketConnection *connection, const void *data, gsize length)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  return g_output_stream_write_all (output, data, length, NULL, NULL, NULL);
}

gboolean
pdn_test_send_string (GSocketConnection *connection, const gchar *text)
{
  return pdn_test_send (connection, text, strlen (text));
}

/**
 * pdn_test_read_response:
 *
 * Reads a whole response up to the end of the connection (the server
 * closes every connection after its response).
 *
 * Returns: (nullable): the response, or %NULL if none came.
 */
PdnTestResponse *
pdn_test_read_response (GSocketConnection *connection)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr (GByteArray) data = g_byte_array_new ();
  PdnTestResponse *response;
  const gchar *end;
  guint8 buffer[8192];
  gssize n;

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (data, buffer, (guint) n);
  g_byte_array_append (data, (const guint8 *) "", 1);
  end = strstr ((const gchar *) data->data, "\r\n\r\n");
  if (end == NULL || !g_str_has_prefix ((const gchar *) data->data, "HTTP/1."))
    return NULL;
  response = g_new0 (PdnTestResponse, 1);
  response->head = g_strndup ((const gchar *) data->data, end - (const gchar *) data->data);
  response->body_length = data->len - 1 - (end + 4 - (const gchar *) data->data);
  response->body = g_strndup (end + 4, response->body_length);
  response->status = (guint) g_ascii_strtoull (response->head + 9, NULL, 10);
  return response;
}

/* Finds header @name (case-insensitively); *@value is freed with g_free(). */
const gchar *
pdn_test_response_header (PdnTestResponse *response, const gchar *name, gchar **value)
{
  g_auto (GStrv) lines = g_strsplit (response->head, "\r\n", -1);
  gsize length = strlen (name);

  *value = NULL;
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, length) == 0 && lines[i][length] == ':')
      {
        *value = g_strstrip (g_strdup (lines[i] + length + 1));
        break;
      }
  return *value;
}

/* The body as a JSON object; *@node owns it. */
JsonObject *
pdn_test_response_json (PdnTestResponse *response, JsonNode **node)
{
  g_autoptr (GError) error = NULL;

  *node = json_from_string (response->body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*node));
  return json_node_get_object (*node);
}

void
pdn_test_response_free (PdnTestResponse *response)
{
  g_free (response->head);
  g_free (response->body);
  g_free (response);
}

gdouble
pdn_test_wait_closed (GSocketConnection *connection)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  gint64 start = g_get_monotonic_time ();
  guint8 buffer[1024];

  while (g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL) > 0)
    ;
  return (gdouble) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}
