/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-lingering-close.h"

/*
 * Answering before the request body has been read (413 for a body that is
 * too large) and closing at once would make the kernel reset the connection
 * while the client is still sending, and the client would likely never see
 * the answer. Like web servers' "lingering close": send the response, shut
 * down our side, then read and discard what the client still sends, into a
 * fixed buffer, until it stops, stalls (the socket's timeout), or the
 * linger time is up.
 */

#define LINGER_BUFFER_SIZE 16384

typedef struct
{
  GSocketConnection *connection;
  GBytes *response;
  GCancellable *cancellable;
  gint64 deadline;
  guint8 buffer[LINGER_BUFFER_SIZE];
} PdnLinger;

static void
linger_finish (PdnLinger *linger)
{
  g_io_stream_close (G_IO_STREAM (linger->connection), NULL, NULL);
  g_object_unref (linger->connection);
  g_bytes_unref (linger->response);
  g_clear_object (&linger->cancellable);
  g_free (linger);
}

static void linger_read (PdnLinger *linger);

static void
linger_read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdnLinger *linger = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || g_get_monotonic_time () > linger->deadline)
    linger_finish (linger);
  else
    linger_read (linger);
}

static void
linger_read (PdnLinger *linger)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (linger->connection));

  g_input_stream_read_async (input, linger->buffer, sizeof linger->buffer, G_PRIORITY_LOW,
                             linger->cancellable, linger_read_done, linger);
}

static void
linger_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdnLinger *linger = user_data;
  GSocket *socket = g_socket_connection_get_socket (linger->connection);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL)
      || !g_socket_shutdown (socket, FALSE, TRUE, NULL))
    {
      linger_finish (linger);
      return;
    }
  linger_read (linger);
}

/**
 * pdn_lingering_close:
 * @connection: a connection nobody else reads or writes any more
 * @response: the complete HTTP response to send
 * @linger_seconds: how long to keep discarding the client's input at most
 * @cancellable: (nullable): cancels lingering, as at shutdown
 *
 * Sends @response and closes @connection gracefully, in the background.
 * Memory use is constant whatever the client sends.
 */
void
pdn_lingering_close (GSocketConnection *connection, GBytes *response, guint linger_seconds,
                     GCancellable *cancellable)
{
  PdnLinger *linger = g_new0 (PdnLinger, 1);
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (response, &size);

  linger->connection = g_object_ref (connection);
  linger->response = g_bytes_ref (response);
  linger->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  linger->deadline = g_get_monotonic_time () + (gint64) linger_seconds * G_USEC_PER_SEC;
  g_output_stream_write_all_async (output, data, size, G_PRIORITY_DEFAULT, linger->cancellable,
                                   linger_written, linger);
}
