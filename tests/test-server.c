/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <libsoup/soup.h>
#include <pdnet/pdn-version.h>

#include "pdn-store.h"
#include "pdn-test-daemon.h"
#include "pdn-test.h"

/*
 * The real pdnetd, started on a free port with a temporary data directory,
 * driven with libsoup's client and, for hostile requests, raw sockets.
 */

static PdnTestDaemon *shared;

/* ---- requests ---- */

static PdnTestReply *
request (PdnTestDaemon *daemon, const gchar *method, const gchar *path, const gchar *language)
{
  return pdn_test_call (daemon, method, path, NULL, NULL, NULL, language);
}

static void
assert_healthy (PdnTestDaemon *daemon)
{
  g_autoptr (PdnTestReply) reply = request (daemon, "GET", "/api/v1/health", NULL);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* One raw request; @head ends with the blank line, @body may be NULL. */
static PdnTestResponse *
raw_request (PdnTestDaemon *daemon, const gchar *head, const gchar *body, gsize body_length)
{
  g_autoptr (GSocketConnection) connection = pdn_test_connect (daemon->port);

  g_assert_true (pdn_test_send_string (connection, head));
  if (body != NULL)
    pdn_test_send (connection, body, body_length);
  return pdn_test_read_response (connection);
}

static void
assert_raw_problem (PdnTestResponse *response, guint status, const gchar *code,
                    const gchar *field)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree gchar *type = NULL;

  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (pdn_test_response_header (response, "Content-Type", &type), ==,
                   "application/problem+json");
  pdn_test_assert_problem (pdn_test_response_json (response, &node), status, code, field);
}

/* ---- tests ---- */

static void
test_health (void)
{
  g_autoptr (PdnTestReply) reply = request (shared, "GET", "/api/v1/health", NULL);
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  JsonObject *health = pdn_test_reply_object (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->type, ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (health, "version"), ==, pdn_version_string ());
  g_assert_cmpint (json_object_get_int_member (health, "schema_version"), ==,
                   pdn_store_schema_version (store));
}

static void
test_unknown_path (void)
{
  g_autoptr (PdnTestReply) reply = request (shared, "GET", "/api/v1/no/such/thing", NULL);
  g_autoptr (PdnTestReply) method = request (shared, "DELETE", "/api/v1/health", NULL);
  g_autoptr (PdnTestReply) outside = request (shared, "GET", "/api/v2/health", NULL);

  g_assert_cmpuint (reply->status, ==, 404);
  g_assert_cmpstr (reply->type, ==, "application/problem+json");
  pdn_test_assert_problem (pdn_test_reply_object (reply), 404, "not-found", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (pdn_test_reply_object (reply), "detail"),
                            "/api/v1/no/such/thing"));
  pdn_test_assert_problem (pdn_test_reply_object (method), 405, "method-not-allowed", NULL);
  pdn_test_assert_problem (pdn_test_reply_object (outside), 404, "not-found", NULL);
}

#define BIG_BODY (50 * 1024 * 1024)
#define CHUNK 65536

/* 50 MiB answered 413 without the daemon holding it in memory. */
static void
test_body_too_large (void)
{
  g_autofree gchar *zeros = g_malloc0 (CHUNK);
  g_autofree gchar *head = g_strdup_printf ("POST /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %d\r\n\r\n",
                                            BIG_BODY);
  g_autofree gchar *expect_head
      = g_strdup_printf ("POST /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                         "Content-Length: %d\r\n\r\n",
                         BIG_BODY);
  g_autoptr (GSocketConnection) plain = NULL;
  g_autoptr (GSocketConnection) chunked = NULL;
  g_autoptr (PdnTestResponse) plain_response = NULL;
  g_autoptr (PdnTestResponse) expect_response = NULL;
  g_autoptr (PdnTestResponse) chunked_response = NULL;
  g_autofree gchar *chunk_size = g_strdup_printf ("%x\r\n", CHUNK);
  gsize sent = 0;
  guint64 before;

  assert_healthy (shared);
  before = pdn_test_daemon_rss (shared);

  /* Content-Length, no Expect: the whole body is sent. */
  plain = pdn_test_connect (shared->port);
  g_assert_true (pdn_test_send_string (plain, head));
  for (sent = 0; sent < BIG_BODY && pdn_test_send (plain, zeros, CHUNK); sent += CHUNK)
    ;
  g_assert_cmpuint (sent, ==, BIG_BODY);
  plain_response = pdn_test_read_response (plain);
  assert_raw_problem (plain_response, 413, "too-large", NULL);

  /* Expect: 100-continue: refused before any body is sent. */
  expect_response = raw_request (shared, expect_head, NULL, 0);
  assert_raw_problem (expect_response, 413, "too-large", NULL);

  /* Chunked: refused once past the limit. */
  chunked = pdn_test_connect (shared->port);
  g_assert_true (pdn_test_send_string (chunked, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                                                "Content-Type: application/json\r\n"
                                                "Transfer-Encoding: chunked\r\n\r\n"));
  for (sent = 0; sent < BIG_BODY; sent += CHUNK)
    if (!pdn_test_send_string (chunked, chunk_size) || !pdn_test_send (chunked, zeros, CHUNK)
        || !pdn_test_send_string (chunked, "\r\n"))
      break;
  pdn_test_send_string (chunked, "0\r\n\r\n");
  chunked_response = pdn_test_read_response (chunked);
  assert_raw_problem (chunked_response, 413, "too-large", NULL);

  g_assert_cmpuint (pdn_test_daemon_rss (shared), <, before + 10 * 1024);
  assert_healthy (shared);
}

static void
test_deep_json (void)
{
  g_autofree gchar *deep = g_strnfill (100000, '[');
  g_autofree gchar *head = g_strdup_printf ("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %d\r\n\r\n",
                                            100000);
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PdnTestResponse) response = raw_request (shared, head, deep, 100000);
  g_autoptr (JsonNode) node = NULL;

  assert_raw_problem (response, 400, "invalid-input", NULL);
  g_assert_nonnull (
      strstr (json_object_get_string_member (pdn_test_response_json (response, &node), "detail"),
              "64"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  assert_healthy (shared);
}

static void
test_invalid_utf8 (void)
{
  const gchar body[] = "{\"id\": 1, \"name\": \"Ana \xff\xfe\"}";
  g_autofree gchar *head = g_strdup_printf ("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %d\r\n\r\n",
                                            (int) sizeof body - 1);
  g_autoptr (PdnTestResponse) response = raw_request (shared, head, body, sizeof body - 1);
  g_autoptr (JsonNode) node = NULL;

  assert_raw_problem (response, 400, "invalid-input", "name");
  g_assert_nonnull (
      strstr (json_object_get_string_member (pdn_test_response_json (response, &node), "detail"),
              "UTF-8"));
  assert_healthy (shared);
}

/* stall-timeout is 2 s in this daemon's settings (30 s by default). */
static void
test_stalled_client (void)
{
  g_autoptr (GSocketConnection) connection = pdn_test_connect (shared->port);
  gdouble seconds;

  g_assert_true (pdn_test_send_string (connection, "GET /api/v1/hea"));
  seconds = pdn_test_wait_closed (connection);
  g_assert_cmpfloat (seconds, >=, 1.5);
  g_assert_cmpfloat (seconds, <, 5.0);
  assert_healthy (shared);
}

static const gchar spanish_detail[] = "No hay ningún punto de acceso de la API en /api/v1/nada";
static const gchar english_detail[] = "There is no API endpoint at /api/v1/nada";

static const gchar *
detail (PdnTestReply *reply)
{
  return json_object_get_string_member (pdn_test_reply_object (reply), "detail");
}

/* The request's language wins over the daemon's own, both ways. */
static void
test_accept_language (void)
{
  g_autoptr (PdnTestReply) es = request (shared, "GET", "/api/v1/nada", "es");
  g_autoptr (PdnTestReply) plain = request (shared, "GET", "/api/v1/nada", NULL);
  g_autoptr (PdnTestDaemon) spanish = pdn_test_daemon_start ("[pdnetd]\n", "es");
  g_autoptr (PdnTestReply) spanish_plain = request (spanish, "GET", "/api/v1/nada", NULL);
  g_autoptr (PdnTestReply) spanish_en = request (spanish, "GET", "/api/v1/nada", "en-GB, es;q=0.5");

  g_assert_cmpstr (detail (es), ==, spanish_detail);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_reply_object (es), "title"), ==,
                   "No encontrado");
  g_assert_cmpstr (es->language, ==, "es");
  g_assert_cmpstr (detail (plain), ==, english_detail);
  g_assert_cmpstr (detail (spanish_plain), ==, spanish_detail);
  g_assert_cmpstr (detail (spanish_en), ==, english_detail);
  g_assert_cmpint (pdn_test_daemon_stop (spanish, NULL), ==, 0);
}

static GHashTable *
routed_operations (void)
{
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--list-routes", NULL };
  g_autofree gchar *out = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (pdn_test_spawn (argv, &out, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_hash_table_add (set, g_strdup (lines[i]));
  return set;
}

/* The document served describes exactly the routes pdnetd dispatches. */
static void
test_openapi_matches_routes (void)
{
  g_autoptr (PdnTestReply) reply = request (shared, "GET", "/api/v1/openapi.json", NULL);
  g_autoptr (GHashTable) routed = routed_operations ();
  g_autoptr (GHashTable) documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *document = pdn_test_reply_object (reply);
  JsonObject *paths = json_object_get_object_member (document, "paths");
  const gchar *methods[] = { "get", "put", "post", "delete", "patch", "head", "options" };
  GHashTableIter iter;
  gpointer key;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (document, "openapi"), ==, "3.1.0");
  g_assert_true (json_object_has_member (document, "info"));
  for (GList *l = json_object_get_members (paths); l != NULL; l = g_list_delete_link (l, l))
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
        if (json_object_has_member (item, methods[i]))
          {
            g_autofree gchar *upper = g_ascii_strup (methods[i], -1);
            g_hash_table_add (documented, g_strdup_printf ("%s %s", upper, (gchar *) l->data));
          }
    }
  g_assert_cmpuint (g_hash_table_size (routed), >=, 2);
  g_assert_true (g_hash_table_contains (routed, "GET /api/v1/health"));
  g_hash_table_iter_init (&iter, routed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (documented, key))
      g_error ("%s is routed but not in openapi.json", (gchar *) key);
  g_hash_table_iter_init (&iter, documented);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (routed, key))
      g_error ("%s is in openapi.json but not routed", (gchar *) key);
}

static void
test_bad_config (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *config = pdn_test_write_file (dir, "bad.conf", "[pdnetd]\nstall-timeout=0\n");
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--config", config, NULL };
  g_autofree gchar *err = NULL;

  g_assert_cmpint (pdn_test_spawn (argv, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "stall-timeout"));
}

/* SIGTERM stops accepting but finishes the request in flight; the log has
 * one line per request and no bodies or query strings. */
static void
test_graceful_shutdown (void)
{
  g_autoptr (GSocketConnection) in_flight = pdn_test_connect (shared->port);
  g_autoptr (PdnTestResponse) response = NULL;
  g_autoptr (PdnTestReply) secret = request (shared, "GET", "/api/v1/health?token=hush-token", NULL);
  g_autofree gchar *out = NULL;
  g_autofree gchar *log = NULL;

  /* Headers and half the body: the request is in flight. */
  g_assert_true (pdn_test_send_string (in_flight, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
                                                  "Content-Type: text/plain\r\n"
                                                  "Content-Length: 6\r\n\r\nhus"));
  assert_healthy (shared);
  g_subprocess_send_signal (shared->process, SIGTERM);
  pdn_test_daemon_wait_for_log (shared, "shutting down");
  g_assert_true (pdn_test_send_string (in_flight, "h!!"));
  response = pdn_test_read_response (in_flight);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);

  g_assert_cmpint (pdn_test_daemon_wait (shared, &out), ==, 0);
  g_assert_nonnull (strstr (out, "pdnetd: stopped"));

  log = pdn_test_daemon_log (shared);
  g_assert_nonnull (strstr (log, "GET /api/v1/health 200 "));
  g_assert_nonnull (strstr (log, "GET /api/v1/no/such/thing 404 "));
  g_assert_nonnull (strstr (log, "POST /api/v1/health 413 "));
  g_assert_null (strstr (log, "hush"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  shared = pdn_test_daemon_start ("[pdnetd]\nstall-timeout=2\n", NULL);
  g_test_add_func ("/pdnet/server/health", test_health);
  g_test_add_func ("/pdnet/server/unknown-path", test_unknown_path);
  g_test_add_func ("/pdnet/server/body-too-large", test_body_too_large);
  g_test_add_func ("/pdnet/server/deep-json", test_deep_json);
  g_test_add_func ("/pdnet/server/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/pdnet/server/stalled-client", test_stalled_client);
  g_test_add_func ("/pdnet/server/accept-language", test_accept_language);
  g_test_add_func ("/pdnet/server/openapi-matches-routes", test_openapi_matches_routes);
  g_test_add_func ("/pdnet/server/bad-config", test_bad_config);
  g_test_add_func ("/pdnet/server/graceful-shutdown", test_graceful_shutdown);
  status = g_test_run ();
  pdn_test_daemon_free (shared);
  return status;
}
