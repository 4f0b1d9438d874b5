/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-mail-message.h"
#include "pdn-notification-sender.h"
#include "pdn-notification.h"
#include "pdn-smtp-transport.h"
#include "pdn-test-notify.h"

/*
 * Delivery through libcurl to a tiny SMTP server written here: a
 * GSocketService on a loopback port that speaks just enough SMTP (EHLO,
 * AUTH PLAIN, MAIL, RCPT, DATA, QUIT) to take one message and remember
 * what it was told. The client runs on its own thread while the server
 * answers on the main loop.
 */

typedef struct
{
  GSocketService *service;
  guint16 port;
  gboolean offer_auth;
  gboolean reject_recipient;
  GPtrArray *commands; /* every command line, in order */
  gchar *auth;         /* the decoded AUTH PLAIN response */
  gchar *data;         /* the message, dot-unstuffed, CRLF line ends */
} FakeServer;

static void
reply (GOutputStream *out, const gchar *text)
{
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static gchar *
read_line (GDataInputStream *in)
{
  return g_data_input_stream_read_line (in, NULL, NULL, NULL);
}

/* Lines up to ".", with the leading dot of stuffed lines removed. */
static gchar *
read_data (GDataInputStream *in)
{
  GString *data = g_string_new (NULL);
  gchar *line;

  while ((line = read_line (in)) != NULL && strcmp (line, ".") != 0)
    {
      g_string_append (data, line[0] == '.' ? line + 1 : line);
      g_string_append (data, "\r\n");
      g_free (line);
    }
  g_free (line);
  return g_string_free (data, FALSE);
}

static gchar *
decode_plain (const gchar *base64)
{
  gsize length = 0;
  g_autofree guchar *bytes = g_base64_decode (base64, &length);
  GString *text = g_string_new (NULL);

  /* "\0user\0password", shown with | for the NULs. */
  for (gsize i = 0; i < length; i++)
    g_string_append_c (text, bytes[i] == '\0' ? '|' : (gchar) bytes[i]);
  return g_string_free (text, FALSE);
}

/* Answers one command; FALSE after QUIT. */
static gboolean
answer (FakeServer *server, GDataInputStream *in, GOutputStream *out, const gchar *line)
{
  if (g_str_has_prefix (line, "EHLO "))
    reply (out, server->offer_auth ? "250-fake.example\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"
                                   : "250-fake.example\r\n250 8BITMIME\r\n");
  else if (g_str_has_prefix (line, "AUTH PLAIN "))
    {
      server->auth = decode_plain (line + strlen ("AUTH PLAIN "));
      reply (out, "235 2.7.0 Authenticated\r\n");
    }
  else if (strcmp (line, "AUTH PLAIN") == 0)
    {
      g_autofree gchar *response = NULL;

      reply (out, "334 \r\n");
      response = read_line (in);
      server->auth = decode_plain (response != NULL ? response : "");
      reply (out, "235 2.7.0 Authenticated\r\n");
    }
  else if (g_str_has_prefix (line, "MAIL FROM:"))
    reply (out, "250 2.1.0 Ok\r\n");
  else if (g_str_has_prefix (line, "RCPT TO:"))
    reply (out, server->reject_recipient ? "550 5.1.1 No such user here\r\n"
                                         : "250 2.1.5 Ok\r\n");
  else if (strcmp (line, "DATA") == 0)
    {
      reply (out, "354 End data with <CR><LF>.<CR><LF>\r\n");
      g_free (server->data);
      server->data = read_data (in);
      reply (out, "250 2.0.0 Queued\r\n");
    }
  else if (strcmp (line, "QUIT") == 0)
    {
      reply (out, "221 2.0.0 Bye\r\n");
      return FALSE;
    }
  else
    reply (out, "502 5.5.2 Not implemented\r\n");
  return TRUE;
}

/* One client, served to the end on the main thread (the client is on
 * another). */
static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source,
             gpointer user_data)
{
  FakeServer *server = user_data;
  g_autoptr (GDataInputStream) in
      = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  gchar *line;

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  reply (out, "220 fake.example ESMTP\r\n");
  while ((line = read_line (in)) != NULL)
    {
      gboolean more;

      g_ptr_array_add (server->commands, g_strdup (line));
      more = answer (server, in, out, line);
      g_free (line);
      if (!more)
        break;
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static FakeServer *
fake_server_new (void)
{
  FakeServer *server = g_new0 (FakeServer, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  server->commands = g_ptr_array_new_with_free_func (g_free);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  g_socket_service_start (server->service);
  return server;
}

static void
fake_server_free (FakeServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_object_unref (server->service);
  g_ptr_array_unref (server->commands);
  g_free (server->auth);
  g_free (server->data);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeServer, fake_server_free)

static gboolean
has_command (FakeServer *server, const gchar *command)
{
  for (guint i = 0; i < server->commands->len; i++)
    if (strcmp (g_ptr_array_index (server->commands, i), command) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the client side, on a thread ---- */

typedef struct
{
  GThreadFunc func; /* sets ok and error */
  gpointer data;
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} Client;

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  client->func (client);
  g_idle_add (quit_loop, client->loop);
  return NULL;
}

/* Runs @func on a thread while the main loop serves the fake server. */
static void
run_client (Client *client)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GThread *thread;

  client->loop = loop;
  thread = g_thread_new ("smtp-client", client_thread, client);
  g_main_loop_run (loop);
  g_thread_join (thread);
}

typedef struct
{
  PdnMailTransport *transport;
  const gchar *text;
} Delivery;

static gpointer
send_one (gpointer data)
{
  Client *client = data;
  Delivery *delivery = client->data;

  client->ok = pdn_mail_transport_send (delivery->transport, "1", "pdnet@district-a.example",
                                        "ana@district-a.example", delivery->text, NULL,
                                        &client->error);
  return NULL;
}

static PdnMailTransport *
transport_for (FakeServer *server, const gchar *user, const gchar *password)
{
  g_autofree gchar *url = g_strdup_printf ("smtp://127.0.0.1:%u", server->port);
  PdnSmtpOptions options = { url, user, password, PDN_SMTP_TLS_NONE, 10, 20 };

  return PDN_MAIL_TRANSPORT (pdn_smtp_transport_new (&options));
}

static gchar *
sample_message (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_iso8601 ("2026-09-11T14:00:00Z", NULL);
  PdnMailMessage message = { "pdnet@district-a.example",
                             "District A PD",
                             "ana@district-a.example",
                             "Ana Teacher",
                             "Recordatorio: Lectura guiada",
                             "Hola Ana,\n\n.Una línea con punto.\n",
                             "pdnet-notification-1-20260910T000000Z@district-a.example",
                             date };

  return pdn_mail_message_format (&message, NULL);
}

static void
test_delivers (void)
{
  g_autoptr (FakeServer) server = fake_server_new ();
  g_autoptr (PdnMailTransport) transport = transport_for (server, NULL, NULL);
  g_autofree gchar *text = sample_message ();
  Delivery delivery = { transport, text };
  Client client = { .func = send_one, .data = &delivery };

  run_client (&client);
  g_assert_no_error (client.error);
  g_assert_true (client.ok);
  g_assert_true (has_command (server, "MAIL FROM:<pdnet@district-a.example>"));
  g_assert_true (has_command (server, "RCPT TO:<ana@district-a.example>"));
  g_assert_true (has_command (server, "DATA"));
  g_assert_null (server->auth);
  /* Byte for byte what was composed. */
  g_assert_cmpstr (server->data, ==, text);
  g_assert_nonnull (strstr (server->data, "\r\nSubject: Recordatorio: Lectura guiada\r\n"));
}

static void
test_authenticates (void)
{
  g_autoptr (FakeServer) server = fake_server_new ();
  g_autoptr (PdnMailTransport) transport = transport_for (server, "pd-sender", "s3cr3t");
  g_autofree gchar *text = sample_message ();
  Delivery delivery = { transport, text };
  Client client = { .func = send_one, .data = &delivery };

  server->offer_auth = TRUE;
  run_client (&client);
  g_assert_no_error (client.error);
  g_assert_true (client.ok);
  g_assert_cmpstr (server->auth, ==, "|pd-sender|s3cr3t");
  g_assert_cmpstr (server->data, ==, text);
}

static void
test_rejected (void)
{
  g_autoptr (FakeServer) server = fake_server_new ();
  g_autoptr (PdnMailTransport) transport = transport_for (server, NULL, NULL);
  g_autofree gchar *text = sample_message ();
  Delivery delivery = { transport, text };
  Client client = { .func = send_one, .data = &delivery };

  server->reject_recipient = TRUE;
  run_client (&client);
  g_assert_false (client.ok);
  g_assert_error (client.error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (client.error->message, "550"));
  g_assert_null (server->data);
  g_clear_error (&client.error);
}

/* Nothing listens: a failed attempt with curl's reason. */
static void
test_unreachable (void)
{
  g_autoptr (FakeServer) server = fake_server_new ();
  g_autoptr (PdnMailTransport) transport = NULL;
  g_autofree gchar *text = sample_message ();
  g_autoptr (GError) error = NULL;

  transport = transport_for (server, NULL, NULL);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_assert_false (pdn_mail_transport_send (transport, "1", "pdnet@district-a.example",
                                           "ana@district-a.example", text, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
}

/* ---- the sender over SMTP ---- */

typedef struct
{
  PdnNotificationSender *sender;
  guint delivered;
} Pass;

static gpointer
run_pass (gpointer data)
{
  Client *client = data;
  Pass *pass = client->data;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  client->ok = pdn_notification_sender_run (pass->sender, now, &pass->delivered, &client->error);
  return NULL;
}

static void
test_sender_over_smtp (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (FakeServer) server = fake_server_new ();
  g_autoptr (PdnMailTransport) transport = transport_for (server, NULL, NULL);
  g_autoptr (PdnNotificationSettings) settings = pdn_notification_settings_new ();
  g_autoptr (PdnNotificationSender) sender = NULL;
  g_autoptr (PdnNotification) notification = NULL;
  g_autoptr (GError) error = NULL;
  gint64 org = pdn_test_add_organization (store, "district-a");
  gint64 session = pdn_test_add_session (store, pdn_test_add_program (store, org, "2026-27"));
  gint64 person = pdn_test_add_named_person (store, "Bea Ruiz", "bea@district-a.example");
  Pass pass = { .sender = NULL };
  Client client = { .func = run_pass, .data = &pass };

  g_free (settings->from_address);
  settings->from_address = g_strdup ("pd@district-a.example");
  sender = pdn_notification_sender_new (store, transport, settings);
  pass.sender = sender;
  g_assert_true (pdn_notification_queue (store, person, "session-cancelled", session, NULL,
                                         &error));
  run_client (&client);
  g_assert_no_error (client.error);
  g_assert_true (client.ok);
  g_assert_cmpuint (pass.delivered, ==, 1);
  g_assert_true (has_command (server, "MAIL FROM:<pd@district-a.example>"));
  g_assert_true (has_command (server, "RCPT TO:<bea@district-a.example>"));
  g_assert_nonnull (strstr (server->data, "\r\nTo: \"Bea Ruiz\" <bea@district-a.example>\r\n"));
  g_assert_nonnull (strstr (server->data, "\r\nSubject: Cancelled: Reading conferences\r\n"));
  g_assert_nonnull (strstr (server->data, "@district-a.example>\r\n"));
  notification = pdn_notification_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notification->sent_at);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/smtp-transport/delivers", test_delivers);
  g_test_add_func ("/pdnet/smtp-transport/authenticates", test_authenticates);
  g_test_add_func ("/pdnet/smtp-transport/rejected", test_rejected);
  g_test_add_func ("/pdnet/smtp-transport/unreachable", test_unreachable);
  g_test_add_func ("/pdnet/smtp-transport/sender-over-smtp", test_sender_over_smtp);
  return g_test_run ();
}
