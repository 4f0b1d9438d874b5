/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <pdnet/pdn-error.h>

#include "pdn-i18n.h"
#include "pdn-json-guard.h"
#include "pdn-server.h"
#include "pdn-test.h"

/*
 * PdnServer in this process, with routes made for testing, driven over real
 * HTTP: libsoup's client for ordinary requests, raw sockets on a client
 * thread for hostile ones. The server runs on this thread's main context.
 */

typedef struct
{
  PdnServer *server;
  SoupSession *session;
  gchar *url;
  GThread *main_thread;
  gint handler_threads_off_main; /* atomic */
  gint slow_started;             /* atomic */
} Fixture;

/* ---- routes ---- */

static JsonNode *
route_ping (PdnRequest *request, gpointer user_data, GError **error)
{
  return json_from_string ("{\"pong\":true}", NULL);
}

static JsonNode *
route_echo (PdnRequest *request, gpointer user_data, GError **error)
{
  pdn_request_set_status (request, 201);
  pdn_request_set_response_header (request, "Location", "/api/v1/echo/1");
  return json_node_copy (pdn_request_get_body (request));
}

static JsonNode *
route_query (PdnRequest *request, gpointer user_data, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, pdn_request_get_query_table (request));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
route_empty (PdnRequest *request, gpointer user_data, GError **error)
{
  return NULL;
}

static JsonNode *
route_internal (PdnRequest *request, gpointer user_data, GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "SELECT secret FROM accounts");
  return NULL;
}

/* A translated validation error, made on whatever thread runs the route. */
static JsonNode *
route_invalid (PdnRequest *request, gpointer user_data, GError **error)
{
  Fixture *f = user_data;

  if (g_thread_self () != f->main_thread)
    g_atomic_int_inc (&f->handler_threads_off_main);
  pdn_json_guard_check ("[1,]", 4, 64, error);
  pdn_error_prefix_field (*error, "payload");
  return NULL;
}

static JsonNode *
route_slow (PdnRequest *request, gpointer user_data, GError **error)
{
  Fixture *f = user_data;
  const gchar *ms = pdn_request_get_query (request, "ms");

  g_atomic_int_inc (&f->slow_started);
  g_main_context_wakeup (NULL);
  if (g_thread_self () != f->main_thread)
    g_atomic_int_inc (&f->handler_threads_off_main);
  g_usleep ((gulong) g_ascii_strtoull (ms != NULL ? ms : "200", NULL, 10) * 1000);
  return json_from_string ("{\"slept\":true}", NULL);
}

static const gchar op[] = "{\"summary\":\"test\",\"responses\":{\"200\":{\"description\":\"ok\"}}}";

static void
fixture_start (Fixture *f, const PdnServerLimits *limits)
{
  g_autoptr (PdnRouter) router = pdn_router_new ();
  g_autoptr (GError) error = NULL;

  f->main_thread = g_thread_self ();
  pdn_router_add (router, "GET", "/ping", 0, op, route_ping, f, NULL);
  pdn_router_add (router, "POST", "/echo", PDN_ROUTE_JSON_BODY, op, route_echo, f, NULL);
  pdn_router_add (router, "GET", "/query", 0, op, route_query, f, NULL);
  pdn_router_add (router, "GET", "/empty", 0, op, route_empty, f, NULL);
  pdn_router_add (router, "GET", "/internal", 0, op, route_internal, f, NULL);
  pdn_router_add (router, "GET", "/invalid", 0, op, route_invalid, f, NULL);
  pdn_router_add (router, "GET", "/invalid-slow", PDN_ROUTE_WORKER, op, route_invalid, f, NULL);
  pdn_router_add (router, "GET", "/slow", PDN_ROUTE_WORKER, op, route_slow, f, NULL);
  f->server = pdn_server_new (router, limits, &error);
  g_assert_no_error (error);
  pdn_server_listen (f->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  f->url = pdn_server_get_url (f->server);
  f->session = soup_session_new_with_options ("timeout", 20, "max-conns", 64,
                                              "max-conns-per-host", 64, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  fixture_start (f, data);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_free (f->url);
  /* Let closed connections and idle sources finish. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- clients ---- */

typedef struct
{
  SoupMessage *msg;
  GBytes *body;
  gboolean done;
} PdnTestCall;

static void
call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdnTestCall *call = user_data;

  call->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  call->done = TRUE;
}

static PdnTestCall *
call_start (Fixture *f, const gchar *method, const gchar *path, const gchar *type,
            const gchar *body, const gchar *language)
{
  g_autofree gchar *uri = g_strconcat (f->url, "/api/v1", path, NULL);
  PdnTestCall *call = g_new0 (PdnTestCall, 1);

  call->msg = soup_message_new (method, uri);
  g_assert_nonnull (call->msg);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (call->msg, type, bytes);
    }
  if (language != NULL)
    soup_message_headers_append (soup_message_get_request_headers (call->msg),
                                 "Accept-Language", language);
  soup_session_send_and_read_async (f->session, call->msg, G_PRIORITY_DEFAULT, NULL, call_done,
                                    call);
  return call;
}

static void
call_wait (PdnTestCall *call)
{
  while (!call->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
call_free (PdnTestCall *call)
{
  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTestCall, call_free)

static PdnTestCall *
call (Fixture *f, const gchar *method, const gchar *path, const gchar *type, const gchar *body,
      const gchar *language)
{
  PdnTestCall *c = call_start (f, method, path, type, body, language);

  call_wait (c);
  g_assert_nonnull (c->body);
  return c;
}

static guint
call_status (PdnTestCall *c)
{
  return soup_message_get_status (c->msg);
}

static const gchar *
call_header (PdnTestCall *c, const gchar *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (c->msg), name);
}

/* The body as JSON; a problem must come as application/problem+json. */
static JsonObject *
call_json (PdnTestCall *c, JsonNode **node)
{
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  const gchar *data = g_bytes_get_data (c->body, &length);
  g_autofree gchar *text = g_strndup (data, length);
  const gchar *type = call_header (c, "Content-Type");

  g_assert_cmpstr (type, ==,
                   call_status (c) >= 400 ? "application/problem+json" : "application/json");
  *node = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_node_get_object (*node);
}

static void
assert_problem (PdnTestCall *c, guint status, const gchar *code, const gchar *field)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *problem = call_json (c, &node);

  g_assert_cmpuint (call_status (c), ==, status);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member_with_default (problem, "field", NULL), ==,
                   field);
  g_assert_nonnull (json_object_get_string_member (problem, "title"));
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
}

/* Raw clients run on a thread while this one serves. */
typedef struct
{
  Fixture *f;
  gpointer data;
  gpointer result;
  gint done;
} PdnClientRun;

static gpointer
client_thread (gpointer user_data)
{
  PdnClientRun *run = user_data;
  GThreadFunc func = (GThreadFunc) run->data;

  run->result = func (run->f);
  g_atomic_int_set (&run->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gpointer
run_client (Fixture *f, GThreadFunc func)
{
  PdnClientRun run = { f, (gpointer) func, NULL, 0 };
  GThread *thread = g_thread_new ("client", client_thread, &run);

  while (!g_atomic_int_get (&run.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  return run.result;
}

static guint16
fixture_port (Fixture *f)
{
  return pdn_server_get_port (f->server);
}

/* ---- tests ---- */

static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) c
      = call (f, "POST", "/echo", "application/json; charset=utf-8",
              "{\"name\":\"Café\",\"tags\":[1,2,{\"x\":null}]}", NULL);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object = call_json (c, &node);

  g_assert_cmpuint (call_status (c), ==, 201);
  g_assert_cmpstr (call_header (c, "Location"), ==, "/api/v1/echo/1");
  g_assert_cmpstr (call_header (c, "Connection"), ==, "close");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Café");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 3);
}

static void
test_not_json (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) plain = call (f, "POST", "/echo", "text/plain", "{}", NULL);
  g_autoptr (PdnTestCall) latin1
      = call (f, "POST", "/echo", "application/json; charset=iso-8859-1", "{}", NULL);
  g_autoptr (PdnTestCall) none = call (f, "POST", "/echo", NULL, NULL, NULL);

  assert_problem (plain, 415, "unsupported-media-type", NULL);
  assert_problem (latin1, 415, "unsupported-media-type", NULL);
  assert_problem (none, 415, "unsupported-media-type", NULL);
}

static void
test_invalid_json (Fixture *f, gconstpointer data)
{
  g_autofree gchar *deep = g_strnfill (100000, '[');
  g_autoptr (PdnTestCall) utf8
      = call (f, "POST", "/echo", "application/json", "{\"name\": \"bad \xff\"}", NULL);
  g_autoptr (PdnTestCall) comma = call (f, "POST", "/echo", "application/json", "[1,]", NULL);
  g_autoptr (PdnTestCall) comment
      = call (f, "POST", "/echo", "application/json", "{} // note", NULL);
  g_autoptr (PdnTestCall) empty = call (f, "POST", "/echo", "application/json", "", NULL);
  g_autoptr (PdnTestCall) nested = call (f, "POST", "/echo", "application/json", deep, NULL);
  /* Routes that ignore bodies still refuse malformed JSON ones. */
  g_autoptr (PdnTestCall) ignored = call (f, "GET", "/ping", "application/json", deep, NULL);
  g_autoptr (JsonNode) node = NULL;

  assert_problem (utf8, 400, "invalid-input", "name");
  g_assert_nonnull (strstr (json_object_get_string_member (call_json (utf8, &node), "detail"),
                            "UTF-8"));
  assert_problem (comma, 400, "invalid-input", "[1]");
  assert_problem (comment, 400, "invalid-input", NULL);
  assert_problem (empty, 400, "invalid-input", NULL);
  assert_problem (nested, 400, "invalid-input", NULL);
  assert_problem (ignored, 400, "invalid-input", NULL);
}

static void
test_query (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) ok = call (f, "GET", "/query?a=1&b=caf%C3%A9&c=x+y", NULL, NULL, NULL);
  g_autoptr (PdnTestCall) bad = call (f, "GET", "/query?a=%FF", NULL, NULL, NULL);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object = call_json (ok, &node);

  g_assert_cmpuint (call_status (ok), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "b"), ==, "café");
  g_assert_cmpstr (json_object_get_string_member (object, "c"), ==, "x y");
  assert_problem (bad, 400, "invalid-input", "a");
}

static void
test_status_codes (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) empty = call (f, "GET", "/empty", NULL, NULL, NULL);
  g_autoptr (PdnTestCall) internal = call (f, "GET", "/internal", NULL, NULL, NULL);
  g_autoptr (PdnTestCall) missing = call (f, "GET", "/missing", NULL, NULL, NULL);
  g_autoptr (PdnTestCall) method = call (f, "DELETE", "/ping", NULL, NULL, NULL);
  g_autoptr (JsonNode) node = NULL;

  g_assert_cmpuint (call_status (empty), ==, 204);
  assert_problem (internal, 500, "internal", NULL);
  g_assert_null (strstr (json_object_get_string_member (call_json (internal, &node), "detail"),
                         "SELECT"));
  assert_problem (missing, 404, "not-found", NULL);
  assert_problem (method, 405, "method-not-allowed", NULL);
  g_assert_cmpstr (call_header (method, "Allow"), ==, "GET");
}

/* Each request in its own language, on the server thread and on workers,
 * whatever this process's locale (C.UTF-8). */
static void
test_languages (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) es = call (f, "GET", "/missing", NULL, NULL, "es-MX,en;q=0.5");
  g_autoptr (PdnTestCall) en = call (f, "GET", "/missing", NULL, NULL, "en");
  g_autoptr (PdnTestCall) worker = call (f, "GET", "/invalid-slow", NULL, NULL, "es");
  g_autoptr (PdnTestCall) inline_ = call (f, "GET", "/invalid", NULL, NULL, "es");
  g_autoptr (JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL;
  JsonObject *es_problem;
  const gchar *spanish = "El cuerpo de la solicitud no es JSON válido en la línea 1, columna 4: "
                         "carácter inesperado";

  es_problem = call_json (es, &n1);
  g_assert_cmpstr (json_object_get_string_member (es_problem, "detail"), ==,
                   "No hay ningún punto de acceso de la API en /api/v1/missing");
  g_assert_cmpstr (json_object_get_string_member (es_problem, "title"), ==, "No encontrado");
  g_assert_cmpstr (call_header (es, "Content-Language"), ==, "es");
  g_assert_cmpstr (json_object_get_string_member (call_json (en, &n2), "detail"), ==,
                   "There is no API endpoint at /api/v1/missing");
  assert_problem (worker, 400, "invalid-input", "payload[1]");
  g_assert_cmpstr (json_object_get_string_member (call_json (worker, &n3), "detail"), ==, spanish);
  g_assert_cmpstr (json_object_get_string_member (call_json (inline_, &n4), "detail"), ==,
                   spanish);
  g_assert_cmpint (g_atomic_int_get (&f->handler_threads_off_main), ==, 1);
  g_assert_null (pdn_i18n_get_thread_language ());
}

/* Slow routes run on workers; the server thread keeps answering. */
static void
test_worker_pool (Fixture *f, gconstpointer data)
{
  PdnTestCall *slow[6];
  gint64 start;

  for (guint i = 0; i < G_N_ELEMENTS (slow); i++)
    slow[i] = call_start (f, "GET", "/slow?ms=300", NULL, NULL, NULL);
  while (g_atomic_int_get (&f->slow_started) < 2)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (PdnTestCall) ping = NULL;
      start = g_get_monotonic_time ();
      ping = call (f, "GET", "/ping", NULL, NULL, NULL);
      g_assert_cmpuint (call_status (ping), ==, 200);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 50 * 1000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (slow); i++)
    {
      call_wait (slow[i]);
      g_assert_cmpuint (call_status (slow[i]), ==, 200);
      call_free (slow[i]);
    }
  g_assert_cmpint (g_atomic_int_get (&f->handler_threads_off_main), ==, G_N_ELEMENTS (slow));
}

static void
test_worker_queue_full (Fixture *f, gconstpointer data)
{
  PdnTestCall *running = call_start (f, "GET", "/slow?ms=400", NULL, NULL, NULL);
  PdnTestCall *queued = NULL;
  g_autoptr (PdnTestCall) refused = NULL;

  while (g_atomic_int_get (&f->slow_started) < 1)
    g_main_context_iteration (NULL, TRUE);
  queued = call_start (f, "GET", "/slow?ms=1", NULL, NULL, NULL);
  /* One runs and one waits (worker_queue = 1): the third is refused. */
  while (pdn_server_get_worker_jobs (f->server) < 2)
    g_main_context_iteration (NULL, TRUE);
  refused = call (f, "GET", "/slow?ms=1", NULL, NULL, NULL);
  assert_problem (refused, 503, "unavailable", NULL);
  g_assert_cmpstr (call_header (refused, "Retry-After"), ==, "1");
  call_wait (running);
  call_wait (queued);
  g_assert_cmpuint (call_status (running), ==, 200);
  g_assert_cmpuint (call_status (queued), ==, 200);
  call_free (running);
  call_free (queued);
}

static gpointer
send_oversized_declared (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  g_autofree gchar *zeros = g_malloc0 (65536);
  PdnTestResponse *response;

  pdn_test_send_string (connection, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Content-Length: 4194304\r\n\r\n");
  for (guint i = 0; i < 64 && pdn_test_send (connection, zeros, 65536); i++)
    ;
  response = pdn_test_read_response (connection);
  return response;
}

static gpointer
send_oversized_expect (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));

  /* The client waits for 100 Continue before sending any body. */
  pdn_test_send_string (connection, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Expect: 100-continue\r\n"
                                    "Content-Length: 4194304\r\n\r\n");
  return pdn_test_read_response (connection);
}

static gpointer
send_oversized_chunked (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  g_autofree gchar *chunk = g_strnfill (65536, ' ');
  g_autofree gchar *size = g_strdup_printf ("%x\r\n", 65536);

  pdn_test_send_string (connection, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n");
  for (guint i = 0; i < 64; i++)
    if (!pdn_test_send_string (connection, size) || !pdn_test_send_string (connection, chunk)
        || !pdn_test_send_string (connection, "\r\n"))
      break;
  pdn_test_send_string (connection, "0\r\n\r\n");
  return pdn_test_read_response (connection);
}

static gpointer
send_chunked_within_limit (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  g_autofree gchar *padding = g_strnfill (100000, ' ');

  pdn_test_send_string (connection, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n"
                                    "1\r\n[\r\n");
  for (guint i = 0; i < 5; i++)
    {
      pdn_test_send_string (connection, "186a0\r\n");
      pdn_test_send_string (connection, padding);
      pdn_test_send_string (connection, "\r\n");
    }
  pdn_test_send_string (connection, "1\r\n]\r\n0\r\n\r\n");
  return pdn_test_read_response (connection);
}

static void
assert_too_large (PdnTestResponse *response)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree gchar *type = NULL;
  g_autofree gchar *connection = NULL;
  JsonObject *problem;

  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 413);
  g_assert_cmpstr (pdn_test_response_header (response, "Content-Type", &type), ==,
                   "application/problem+json");
  g_assert_cmpstr (pdn_test_response_header (response, "Connection", &connection), ==, "close");
  problem = pdn_test_response_json (response, &node);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "too-large");
}

static void
test_body_limit (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestResponse) declared = run_client (f, send_oversized_declared);
  g_autoptr (PdnTestResponse) expect = run_client (f, send_oversized_expect);
  g_autoptr (PdnTestResponse) chunked = run_client (f, send_oversized_chunked);
  g_autoptr (PdnTestResponse) small = run_client (f, send_chunked_within_limit);
  g_autoptr (PdnTestCall) after = NULL;

  assert_too_large (declared);
  assert_too_large (expect);
  assert_too_large (chunked);
  g_assert_nonnull (small);
  g_assert_cmpuint (small->status, ==, 201);
  g_assert_cmpstr (small->body, ==, "[]");
  after = call (f, "GET", "/ping", NULL, NULL, NULL);
  g_assert_cmpuint (call_status (after), ==, 200);
}

static gpointer
stall_half_request_line (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  gdouble *seconds = g_new (gdouble, 1);

  pdn_test_send_string (connection, "GET /api/v1/pi");
  *seconds = pdn_test_wait_closed (connection);
  return seconds;
}

static gpointer
stall_body (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  gdouble *seconds = g_new (gdouble, 1);

  pdn_test_send_string (connection, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Content-Length: 100\r\n\r\n[1,");
  *seconds = pdn_test_wait_closed (connection);
  return seconds;
}

/* A header trickle makes progress but must still finish in time. */
static gpointer
trickle_headers (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) connection = pdn_test_connect (fixture_port (f));
  const gchar *request = "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n\r\n";
  gint64 start = g_get_monotonic_time ();
  gdouble *seconds = g_new (gdouble, 1);

  for (const gchar *p = request; *p != '\0'; p++)
    {
      if (!pdn_test_send (connection, p, 1))
        break;
      g_usleep (200000);
    }
  pdn_test_wait_closed (connection);
  *seconds = (gdouble) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return seconds;
}

static void
test_stall_timeout (Fixture *f, gconstpointer data)
{
  g_autofree gdouble *line = run_client (f, stall_half_request_line);
  g_autofree gdouble *body = run_client (f, stall_body);
  g_autofree gdouble *trickle = run_client (f, trickle_headers);
  g_autoptr (PdnTestCall) after = call (f, "GET", "/ping", NULL, NULL, NULL);

  /* stall_timeout is 1 s here (30 s by default). The server's clock starts
   * at accept, before the client's, so the lower bounds leave slack. */
  g_assert_cmpfloat (*line, >=, 0.5);
  g_assert_cmpfloat (*line, <, 3.0);
  g_assert_cmpfloat (*body, >=, 0.5);
  g_assert_cmpfloat (*body, <, 3.0);
  g_assert_cmpfloat (*trickle, <, 4.0);
  g_assert_cmpuint (call_status (after), ==, 200);
}

static gpointer
connection_cap (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GSocketConnection) first = pdn_test_connect (fixture_port (f));
  g_autoptr (GSocketConnection) second = pdn_test_connect (fixture_port (f));
  g_autoptr (GSocketConnection) third = NULL;
  PdnTestResponse *response;

  /* The server accepts in order, so these two take the places first. */
  third = pdn_test_connect (fixture_port (f));
  response = pdn_test_read_response (third);
  g_io_stream_close (G_IO_STREAM (first), NULL, NULL);
  return response;
}

static void
test_connection_cap (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestResponse) refused = run_client (f, connection_cap);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (PdnTestCall) after = NULL;

  g_assert_nonnull (refused);
  g_assert_cmpuint (refused->status, ==, 503);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_response_json (refused, &node), "code"),
                   ==, "unavailable");
  /* The closed connections free their places. */
  while (pdn_server_get_connection_count (f->server) > 0)
    g_main_context_iteration (NULL, TRUE);
  after = call (f, "GET", "/ping", NULL, NULL, NULL);
  g_assert_cmpuint (call_status (after), ==, 200);
}

static void
on_drained (PdnServer *server, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Stopping lets the request in flight finish and refuses new ones. */
static void
test_graceful_stop (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) slow = call_start (f, "GET", "/slow?ms=300", NULL, NULL, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) late = NULL;
  g_autoptr (GError) error = NULL;
  gboolean drained = FALSE;

  g_signal_connect (f->server, "drained", G_CALLBACK (on_drained), &drained);
  while (g_atomic_int_get (&f->slow_started) < 1)
    g_main_context_iteration (NULL, TRUE);
  pdn_server_stop (f->server);
  g_assert_false (drained);
  late = g_socket_client_connect_to_host (client, "127.0.0.1", fixture_port (f), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  call_wait (slow);
  g_assert_cmpuint (call_status (slow), ==, 200);
  while (!drained)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pdn_server_get_connection_count (f->server), ==, 0);
}

/* ---- request log ---- */

static GPtrArray *log_lines;

static GLogWriterOutput
capture_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  g_autoptr (GString) line = g_string_new (NULL);

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_has_prefix (fields[i].key, "PDN_") || strcmp (fields[i].key, "MESSAGE") == 0)
      g_string_append_printf (line, "%s=%s\n", fields[i].key, (const gchar *) fields[i].value);
  if (log_lines != NULL && strstr (line->str, "PDN_STATUS=") != NULL)
    g_ptr_array_add (log_lines, g_strdup (line->str));
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
test_request_log (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnTestCall) ping = NULL;
  g_autoptr (PdnTestCall) echo = NULL;
  g_autoptr (GString) all = g_string_new (NULL);

  log_lines = g_ptr_array_new_with_free_func (g_free);
  ping = call (f, "GET", "/ping?token=hush-query", NULL, NULL, NULL);
  echo = call (f, "POST", "/echo", "application/json", "{\"password\":\"hush-body\"}", NULL);
  g_assert_cmpuint (log_lines->len, ==, 2);
  for (guint i = 0; i < log_lines->len; i++)
    g_string_append (all, g_ptr_array_index (log_lines, i));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 0), "PDN_METHOD=GET\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 0), "PDN_PATH=/api/v1/ping\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 0), "PDN_STATUS=200\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 0), "PDN_DURATION_MS="));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 0), "MESSAGE=GET /api/v1/ping 200 "));
  g_assert_nonnull (strstr (g_ptr_array_index (log_lines, 1), "PDN_STATUS=201\n"));
  g_assert_null (strstr (all->str, "hush"));
  g_clear_pointer (&log_lines, g_ptr_array_unref);
}

int
main (int argc, char **argv)
{
  PdnServerLimits defaults, small, strict;

  g_test_init (&argc, &argv, NULL);
  pdn_i18n_init ();
  g_log_set_writer_func (capture_log, NULL, NULL);
  /* The server warns about 500s, which /internal provokes on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  pdn_server_limits_init (&defaults);
  defaults.worker_threads = 2;
  small = defaults;
  small.worker_threads = 1;
  small.worker_queue = 1;
  strict = defaults;
  strict.stall_timeout = 1;
  strict.max_connections = 2;

#define ADD(path, func, limits)                                                                    \
  g_test_add ("/pdnet/http/" path, Fixture, limits, fixture_setup, func, fixture_teardown)
  ADD ("json-round-trip", test_json_round_trip, &defaults);
  ADD ("not-json", test_not_json, &defaults);
  ADD ("invalid-json", test_invalid_json, &defaults);
  ADD ("query", test_query, &defaults);
  ADD ("status-codes", test_status_codes, &defaults);
  ADD ("languages", test_languages, &defaults);
  ADD ("worker-pool", test_worker_pool, &defaults);
  ADD ("worker-queue-full", test_worker_queue_full, &small);
  ADD ("body-limit", test_body_limit, &defaults);
  ADD ("stall-timeout", test_stall_timeout, &strict);
  ADD ("connection-cap", test_connection_cap, &strict);
  ADD ("graceful-stop", test_graceful_stop, &defaults);
  ADD ("request-log", test_request_log, &defaults);
#undef ADD
  return g_test_run ();
}
