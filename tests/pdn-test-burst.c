/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>

#include "pdn-test-burst.h"

typedef struct
{
  PdnTestBurstItem *item;
  SoupMessage *msg;
  guint *remaining;
  PdnTestBurstReplyFunc on_reply;
  gpointer user_data;
} PdnBurstCall;

static void
on_read (GObject *source, GAsyncResult *result, gpointer data)
{
  PdnBurstCall *call = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                                &error);

  if (bytes != NULL)
    {
      call->item->status = soup_message_get_status (call->msg);
      call->item->response = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  if (call->on_reply != NULL)
    call->on_reply (call->item, call->user_data);
  (*call->remaining)--;
  g_object_unref (call->msg);
  g_free (call);
}

static SoupMessage *
burst_message (const gchar *url, PdnTestBurstItem *item)
{
  g_autofree gchar *uri = g_strconcat (url, item->path, NULL);
  SoupMessage *msg = soup_message_new (item->method, uri);
  g_autofree gchar *authorization = NULL;

  g_assert_nonnull (msg);
  if (item->token != NULL)
    {
      authorization = g_strconcat ("Bearer ", item->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  if (item->body != NULL)
    {
      g_autoptr (GBytes) body = g_bytes_new (item->body, strlen (item->body));
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  return msg;
}

void
pdn_test_burst_run (const gchar *url, PdnTestBurstItem *items, guint n, guint connections,
                    PdnTestBurstReplyFunc on_reply, gpointer user_data)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  guint remaining = n;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("max-conns", connections, "max-conns-per-host",
                                           connections, "timeout", 60, NULL);
  for (guint i = 0; i < n; i++)
    {
      PdnBurstCall *call = g_new0 (PdnBurstCall, 1);

      call->item = &items[i];
      call->msg = burst_message (url, &items[i]);
      call->remaining = &remaining;
      call->on_reply = on_reply;
      call->user_data = user_data;
      soup_session_send_and_read_async (session, call->msg, G_PRIORITY_DEFAULT, NULL, on_read,
                                        call);
    }
  while (remaining > 0)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&session);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
}

void
pdn_test_burst_items_free (PdnTestBurstItem *items, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (items[i].path);
      g_free (items[i].body);
      g_free (items[i].response);
    }
  g_free (items);
}
