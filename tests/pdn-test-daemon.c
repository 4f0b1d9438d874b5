/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "pdn-account.h"
#include "pdn-sqlite-store.h"
#include "pdn-test-daemon.h"
#include "pdn-token.h"

PdnTestDaemon *
pdn_test_daemon_new (void)
{
  PdnTestDaemon *daemon = g_new0 (PdnTestDaemon, 1);

  daemon->dir = pdn_test_dir_new ();
  daemon->data_dir = pdn_test_dir_file (daemon->dir, "data");
  daemon->stderr_path = pdn_test_dir_file (daemon->dir, "stderr.log");
  g_assert_cmpint (g_mkdir_with_parents (daemon->data_dir, 0700), ==, 0);
  return daemon;
}

/* A store on the daemon's database, migrated if the daemon has not run. */
PdnStore *
pdn_test_daemon_open_store (PdnTestDaemon *daemon)
{
  g_autofree gchar *db = g_build_filename (daemon->data_dir, "pdnet.db", NULL);
  g_autoptr (GError) error = NULL;
  PdnStore *store = pdn_sqlite_store_open (db, &error);

  g_assert_no_error (error);
  return store;
}

/* A test that aborts must not leave its daemon running. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts pdnetd with @config (NULL: none) as its settings file and
 * @language, if not NULL, as its LANGUAGE; returns once it prints where it
 * listens. */
void
pdn_test_daemon_run (PdnTestDaemon *daemon, const gchar *config, const gchar *language)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree gchar *config_path
      = pdn_test_write_file (daemon->dir, "pdnetd.conf", config != NULL ? config : "[pdnetd]\n");
  g_autoptr (GError) error = NULL;
  gchar *line;

  g_subprocess_launcher_set_stderr_file_path (launcher, daemon->stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  daemon->process = g_subprocess_launcher_spawn (
      launcher, &error, g_getenv ("PDNET_DAEMON"), "--config", config_path, "--data-dir",
      daemon->data_dir, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  daemon->stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon->process));
  while ((line = g_data_input_stream_read_line_utf8 (daemon->stdout_lines, NULL, NULL, &error))
         != NULL)
    {
      gboolean found = g_str_has_prefix (line, "listening on http://127.0.0.1:");

      if (found)
        {
          daemon->url = g_strdup (line + strlen ("listening on "));
          daemon->port = (guint16) g_ascii_strtoull (strrchr (line, ':') + 1, NULL, 10);
        }
      g_free (line);
      if (found)
        break;
    }
  g_assert_no_error (error);
  g_assert_nonnull (daemon->url);
  g_assert_cmpuint (daemon->port, >, 0);
}

PdnTestDaemon *
pdn_test_daemon_start (const gchar *config, const gchar *language)
{
  PdnTestDaemon *daemon = pdn_test_daemon_new ();

  pdn_test_daemon_run (daemon, config, language);
  return daemon;
}

/* Waits for the daemon to exit; returns its exit status (-1 if killed) and
 * in *@out the rest of its standard output. */
gint
pdn_test_daemon_wait (PdnTestDaemon *daemon, gchar **out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) rest = g_string_new (NULL);
  gchar *line;

  while ((line = g_data_input_stream_read_line_utf8 (daemon->stdout_lines, NULL, NULL, NULL))
         != NULL)
    {
      g_string_append_printf (rest, "%s\n", line);
      g_free (line);
    }
  g_subprocess_wait (daemon->process, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strdup (rest->str);
  if (!g_subprocess_get_if_exited (daemon->process))
    return -1;
  return g_subprocess_get_exit_status (daemon->process);
}

gint
pdn_test_daemon_stop (PdnTestDaemon *daemon, gchar **out)
{
  g_subprocess_send_signal (daemon->process, SIGTERM);
  return pdn_test_daemon_wait (daemon, out);
}

/* SIGKILL, as a crash or a power cut would stop it; returns once it is
 * gone, and pdn_test_daemon_run() may start it again on the same data. */
void
pdn_test_daemon_kill (PdnTestDaemon *daemon)
{
  g_subprocess_force_exit (daemon->process);
  g_subprocess_wait (daemon->process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (daemon->process));
  g_clear_object (&daemon->stdout_lines);
  g_clear_object (&daemon->process);
  g_clear_pointer (&daemon->url, g_free);
  daemon->port = 0;
}

/* Stops it cleanly and starts it again on the same data with @config. */
void
pdn_test_daemon_restart (PdnTestDaemon *daemon, const gchar *config)
{
  g_assert_cmpint (pdn_test_daemon_stop (daemon, NULL), ==, 0);
  g_clear_object (&daemon->stdout_lines);
  g_clear_object (&daemon->process);
  g_clear_pointer (&daemon->url, g_free);
  daemon->port = 0;
  pdn_test_daemon_run (daemon, config, NULL);
}

gchar *
pdn_test_daemon_log (PdnTestDaemon *daemon)
{
  gchar *contents = NULL;

  g_file_get_contents (daemon->stderr_path, &contents, NULL, NULL);
  return contents;
}

/* Polls the daemon's log (stderr) until it contains @text. */
void
pdn_test_daemon_wait_for_log (PdnTestDaemon *daemon, const gchar *text)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree gchar *log = pdn_test_daemon_log (daemon);

      if (log != NULL && strstr (log, text) != NULL)
        return;
      g_usleep (10000);
    }
  g_error ("pdnetd never logged “%s”", text);
}

/* The daemon's resident memory in KiB. */
guint64
pdn_test_daemon_rss (PdnTestDaemon *daemon)
{
  g_autofree gchar *path
      = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (daemon->process));
  g_autofree gchar *status = NULL;
  const gchar *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

void
pdn_test_daemon_free (PdnTestDaemon *daemon)
{
  if (daemon->process != NULL && g_subprocess_get_identifier (daemon->process) != NULL)
    {
      g_subprocess_force_exit (daemon->process);
      g_subprocess_wait (daemon->process, NULL, NULL);
    }
  g_clear_object (&daemon->stdout_lines);
  g_clear_object (&daemon->process);
  pdn_test_dir_free (daemon->dir);
  g_free (daemon->data_dir);
  g_free (daemon->stderr_path);
  g_free (daemon->url);
  g_free (daemon);
}

gchar *
pdn_test_token_for (PdnStore *store, gint64 account_id)
{
  g_autoptr (PdnToken) token = pdn_token_new ();
  g_autoptr (GError) error = NULL;
  gchar *secret = NULL;

  token->account_id = account_id;
  g_assert_true (pdn_token_insert (token, store, &secret, &error));
  g_assert_no_error (error);
  return secret;
}

gchar *
pdn_test_account_token (PdnStore *store, const gchar *name, PdnLoginRole role,
                        gint64 organization_id, gint64 person_id)
{
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup (name);
  account->role = role;
  account->organization_id = organization_id;
  account->person_id = person_id;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  return pdn_test_token_for (store, account->id);
}

void
pdn_test_reply_free (PdnTestReply *reply)
{
  g_free (reply->type);
  g_free (reply->language);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->node, json_node_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply);
}

static SoupSession *
test_session (void)
{
  static SoupSession *session;

  /* One client for the test program's life, like a browser's. */
  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 30, NULL);
  return session;
}

static void
set_request (SoupMessage *msg, const gchar *token, const gchar *content_type, const gchar *body,
             const gchar *language)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree gchar *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", language);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
}

static PdnTestReply *
send_message (SoupMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  PdnTestReply *reply = g_new0 (PdnTestReply, 1);

  bytes = soup_session_send_and_read (test_session (), msg, NULL, &error);
  g_assert_no_error (error);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->status = soup_message_get_status (msg);
  reply->type = g_strdup (soup_message_headers_get_content_type (reply->headers, NULL));
  reply->language = g_strdup (soup_message_headers_get_one (reply->headers, "Content-Language"));
  reply->body = g_bytes_ref (bytes);
  /* JSON and problem+json; other types (text/calendar...) stay in body. */
  if (g_bytes_get_size (bytes) > 0 && reply->type != NULL && g_str_has_suffix (reply->type, "json"))
    {
      g_autofree gchar *text
          = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      reply->node = json_from_string (text, &error);
      g_assert_no_error (error);
    }
  return reply;
}

PdnTestReply *
pdn_test_call (PdnTestDaemon *daemon, const gchar *method, const gchar *path,
               const gchar *token, const gchar *content_type, const gchar *body,
               const gchar *language)
{
  g_autofree gchar *uri = g_strconcat (daemon->url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  set_request (msg, token, content_type, body, language);
  return send_message (msg);
}

/**
 * pdn_test_call_headers:
 * @headers: (array zero-terminated=1): name, value, name, value…, %NULL
 * @body: (nullable): a JSON body
 *
 * One exchange with headers of the caller's choosing (Cookie, Origin…).
 */
PdnTestReply *
pdn_test_call_headers (PdnTestDaemon *daemon, const gchar *method, const gchar *path,
                       const gchar *const *headers, const gchar *body)
{
  g_autofree gchar *uri = g_strconcat (daemon->url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  set_request (msg, NULL, body != NULL ? "application/json" : NULL, body, NULL);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i],
                                  headers[i + 1]);
  return send_message (msg);
}

PdnTestReply *
pdn_test_call_json (PdnTestDaemon *daemon, const gchar *method, const gchar *path,
                    const gchar *token, const gchar *body)
{
  return pdn_test_call (daemon, method, path, token, body != NULL ? "application/json" : NULL,
                        body, NULL);
}

JsonObject *
pdn_test_reply_object (PdnTestReply *reply)
{
  g_assert_nonnull (reply->node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->node));
  return json_node_get_object (reply->node);
}

GArray *
pdn_test_page_ids (JsonObject *page)
{
  JsonArray *items = json_object_get_array_member (page, "items");
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
      g_array_append_val (ids, id);
    }
  return ids;
}

/* An RFC 9457 problem with pdnet's members. */
void
pdn_test_assert_problem (JsonObject *problem, guint status, const gchar *code,
                         const gchar *field)
{
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member_with_default (problem, "field", NULL), ==,
                   field);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (problem, "type"), "tag:"));
  g_assert_nonnull (json_object_get_string_member (problem, "title"));
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
}
