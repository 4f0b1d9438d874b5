/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <pdnet/pdn-error.h>

#include "pdn-connection-limiter.h"
#include "pdn-i18n.h"
#include "pdn-json-guard.h"
#include "pdn-lingering-close.h"
#include "pdn-problem.h"
#include "pdn-server.h"
#include "pdn-web-root.h"
#include "pdn-web-session.h"
#include "pdn-worker-pool.h"
#include "pdn-write-queue.h"

/**
 * PdnServer:
 *
 * pdnetd's HTTP server: libsoup 3 parses HTTP and dispatches to the JSON
 * routes of a #PdnRouter, and this object adds the limits libsoup's server
 * lacks, so it can face untrusted clients:
 *
 *  - our own GSocketService accepts connections and hands them to libsoup
 *    with soup_server_accept_iostream(), after checking the connection cap
 *    (#PdnConnectionLimiter) and setting the socket's timeout, which makes
 *    any read or write that stalls longer than the stall timeout fail;
 *  - a deadline closes connections whose headers take longer than that;
 *  - request bodies count against a size limit as they arrive: a body
 *    declared too large is refused before it is read (right away with
 *    Expect: 100-continue, otherwise by taking the connection over from
 *    libsoup and answering 413 while discarding the rest), and a chunked
 *    body is refused the same way as soon as it passes the limit;
 *  - JSON bodies pass pdn_json_guard_parse() before json-glib;
 *  - slow routes run on a #PdnWorkerPool while their message is paused;
 *    results come back and are unpaused on the server's own thread;
 *  - every error is application/problem+json in the request's language;
 *  - each request is logged in one structured line (never bodies).
 *
 * libsoup only keeps connections alive for its own listeners, so every
 * connection here carries one request ("Connection: close").
 *
 * Multithreading: create and use from one thread, whose thread-default
 * main context runs the server.
 */
struct _PdnServer
{
  GObject parent_instance;
  PdnServerLimits limits;
  PdnRouter *router;
  SoupServer *soup;
  GSocketService *service;
  GInetSocketAddress *address;
  PdnConnectionLimiter *limiter;
  PdnWorkerPool *pool;
  PdnWriteQueue *writes; /* nullable: write routes then run as worker routes */
  PdnWebRoot *web_root;  /* nullable: the pages served outside /api/ */
  GMainContext *context;
  GCancellable *cancellable;    /* cancelled at stop: lingering closes */
  GSocketConnection *accepting; /* during soup_server_accept_iostream() */
  GHashTable *exchanges;        /* every live PdnExchange */
  gboolean stopping;
  gboolean drained;
};

G_DEFINE_FINAL_TYPE (PdnServer, pdn_server, G_TYPE_OBJECT)

enum
{
  SIGNAL_DRAINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How long a taken-over connection may keep sending what we discard. */
#define PDN_SERVER_LINGER_SECONDS 30

/* What the server knows about one request, attached to its message. */
typedef struct
{
  PdnServer *server;             /* unowned; NULL once the server is gone */
  GSocketConnection *connection; /* owned; NULL past the first request */
  GSource *header_deadline;      /* while waiting for the headers */
  gint64 started;        /* monotonic, at accept and again at headers */
  const gchar *language; /* interned; NULL for the daemon's locale */
  PdnRoute *route;
  GHashTable *params;
  gsize body_bytes;
  gint64 account_id;
  gboolean taken_over;
  gboolean disconnected;
} PdnExchange;

static void
exchange_clear_deadline (PdnExchange *ex)
{
  if (ex->header_deadline != NULL)
    {
      g_source_destroy (ex->header_deadline);
      g_clear_pointer (&ex->header_deadline, g_source_unref);
    }
}

static void
exchange_free (gpointer data)
{
  PdnExchange *ex = data;

  exchange_clear_deadline (ex);
  if (ex->server != NULL)
    g_hash_table_remove (ex->server->exchanges, ex);
  g_clear_object (&ex->connection);
  g_clear_object (&ex->route);
  g_clear_pointer (&ex->params, g_hash_table_unref);
  g_free (ex);
}

static PdnExchange *
exchange_get (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "pdn-exchange");
}

void
pdn_server_limits_init (PdnServerLimits *limits)
{
  limits->max_connections = PDN_SERVER_DEFAULT_MAX_CONNECTIONS;
  limits->stall_timeout = PDN_SERVER_DEFAULT_STALL_TIMEOUT;
  limits->max_body_size = PDN_SERVER_DEFAULT_MAX_BODY_SIZE;
  limits->worker_threads = PDN_SERVER_DEFAULT_WORKER_THREADS;
  limits->worker_queue = PDN_SERVER_DEFAULT_WORKER_QUEUE;
}

/* ---- responses ---- */

/* @members: (nullable): extension members a handler added */
static gchar *
problem_body (const GError *error, JsonObject *members, gsize *length)
{
  g_autoptr (JsonNode) problem = pdn_problem_new (error);
  JsonObject *object = json_node_get_object (problem);
  g_autoptr (GList) names = members != NULL ? json_object_get_members (members) : NULL;
  gchar *body;

  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (object, l->data))
      json_object_set_member (object, l->data,
                              json_node_copy (json_object_get_member (members, l->data)));
  body = json_to_string (problem, FALSE);

  *length = strlen (body);
  return body;
}

static void
log_internal_error (const GError *error)
{
  if (pdn_problem_get_status (error) >= 500)
    g_warning ("request failed: %s", error->message);
}

static void
set_language_header (SoupServerMessage *msg, PdnExchange *ex)
{
  if (ex->language != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Content-Language", ex->language);
}

/* Answers @msg with a problem; call with the request's language set. */
static void
respond_problem_with (SoupServerMessage *msg, PdnExchange *ex, const GError *error,
                      const gchar *allowed, JsonObject *members)
{
  gsize length = 0;
  gchar *body = problem_body (error, members, &length);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  log_internal_error (error);
  soup_server_message_set_status (msg, pdn_problem_get_status (error), NULL);
  soup_server_message_set_response (msg, PDN_PROBLEM_CONTENT_TYPE, SOUP_MEMORY_TAKE, body,
                                    length);
  if (allowed != NULL)
    soup_message_headers_replace (headers, "Allow", allowed);
  if (g_error_matches (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE))
    soup_message_headers_replace (headers, "Retry-After", "1");
  set_language_header (msg, ex);
}

static void
respond_problem (SoupServerMessage *msg, PdnExchange *ex, const GError *error,
                 const gchar *allowed)
{
  respond_problem_with (msg, ex, error, allowed, NULL);
}

/* A handler that returned nothing either set a non-JSON body or means 204. */
static void
respond_raw_or_empty (SoupServerMessage *msg, PdnRequest *request)
{
  const gchar *type = NULL;
  GBytes *body = pdn_request_get_response (request, &type);

  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  soup_server_message_set_status (msg, pdn_request_get_status (request), NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

static void
respond_result (SoupServerMessage *msg, PdnExchange *ex, PdnRequest *request, JsonNode *result,
                const GError *error)
{
  GHashTableIter iter;
  gpointer name, value;
  gchar *body;

  ex->account_id = pdn_request_get_account_id (request);
  /* Handlers' headers go on problems too (WWW-Authenticate, Retry-After). */
  g_hash_table_iter_init (&iter, pdn_request_get_response_headers (request));
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), name, value);
  if (error != NULL)
    {
      respond_problem_with (msg, ex, error, NULL, pdn_request_get_problem_members (request));
      return;
    }
  if (result == NULL)
    {
      respond_raw_or_empty (msg, request);
      return;
    }
  body = json_to_string (result, FALSE);
  soup_server_message_set_status (msg, pdn_request_get_status (request), NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

/* A complete response for a connection libsoup no longer handles. */
static GBytes *
raw_problem_response (const GError *error, const gchar *language)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree gchar *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  guint status = pdn_problem_get_status (error);
  gsize length = 0;
  g_autofree gchar *body = problem_body (error, NULL, &length);
  GString *response = g_string_new (NULL);

  g_string_append_printf (response,
                          "HTTP/1.1 %u %s\r\nDate: %s\r\nContent-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n",
                          status, soup_status_get_phrase (status), date, PDN_PROBLEM_CONTENT_TYPE,
                          length);
  if (language != NULL)
    g_string_append_printf (response, "Content-Language: %s\r\n", language);
  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    g_string_append (response, "Retry-After: 1\r\n");
  g_string_append_printf (response, "Connection: close\r\n\r\n%s", body);
  return g_string_free_to_bytes (response);
}

/* ---- request log ---- */

/* The path as logged: a path parameter named "secret" is a credential (a
 * calendar feed's URL), so such routes log their pattern instead. */
static const gchar *
loggable_path (GUri *uri, PdnExchange *ex)
{
  if (ex->route != NULL
      && g_strv_contains (pdn_route_get_param_names (ex->route), "secret"))
    return pdn_route_get_path (ex->route);
  return uri != NULL ? g_uri_get_path (uri) : "";
}

static void
log_request (SoupServerMessage *msg, PdnExchange *ex, guint status, const gchar *outcome)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const gchar *method = soup_server_message_get_method (msg);
  g_autofree gchar *path = g_strescape (loggable_path (uri, ex), NULL);
  gdouble ms = (gdouble) (g_get_monotonic_time () - ex->started) / 1000.0;
  g_autofree gchar *status_text = g_strdup_printf ("%u", status);
  g_autofree gchar *duration = g_strdup_printf ("%.3f", ms);
  g_autofree gchar *account = g_strdup_printf ("%lld", (long long) ex->account_id);
  const gchar *remote = soup_server_message_get_remote_host (msg);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "PDN_METHOD", method != NULL ? method : "",
                    "PDN_PATH", path, "PDN_STATUS", status_text, "PDN_DURATION_MS", duration,
                    "PDN_ACCOUNT", account, "PDN_REMOTE", remote != NULL ? remote : "",
                    "MESSAGE", "%s %s %s %.1f ms%s", method != NULL ? method : "-", path,
                    status != 0 ? status_text : "-", ms, outcome != NULL ? outcome : "");
}

static void
on_request_finished (SoupServer *soup, SoupServerMessage *msg, PdnServer *self)
{
  PdnExchange *ex = exchange_get (msg);

  if (ex != NULL)
    log_request (msg, ex, soup_server_message_get_status (msg), NULL);
}

static void
on_request_aborted (SoupServer *soup, SoupServerMessage *msg, PdnServer *self)
{
  PdnExchange *ex = exchange_get (msg);

  if (ex != NULL)
    log_request (msg, ex, 0, " (aborted)");
}

/* ---- taking over connections with oversized bodies ---- */

static void
set_too_large_error (PdnServer *self, GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_TOO_LARGE, NULL,
                       _("The request body is larger than %lu bytes"),
                       (unsigned long) self->limits.max_body_size);
}

static gboolean
take_over_connection (gpointer data)
{
  g_autoptr (SoupServerMessage) msg = data;
  PdnExchange *ex = exchange_get (msg);
  PdnServer *self = ex->server;
  g_autoptr (GIOStream) stolen = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = NULL;
  const gchar *previous;

  if (self == NULL || ex->disconnected)
    return G_SOURCE_REMOVE;
  /* libsoup drops its own hold of the socket; ours stays in ex. */
  stolen = soup_server_message_steal_connection (msg);
  if (stolen == NULL || ex->connection == NULL)
    return G_SOURCE_REMOVE;
  previous = pdn_i18n_set_thread_language (ex->language);
  set_too_large_error (self, &error);
  response = raw_problem_response (error, ex->language);
  pdn_i18n_set_thread_language (previous);
  pdn_lingering_close (ex->connection, response, PDN_SERVER_LINGER_SECONDS, self->cancellable);
  log_request (msg, ex, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  return G_SOURCE_REMOVE;
}

/* Stops reading @msg's body and answers 413 from the main loop (libsoup's
 * reader must be off the stack before its connection can be taken). */
static void
refuse_body (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  ex->taken_over = TRUE;
  soup_server_message_pause (msg);
  g_source_set_callback (source, take_over_connection, g_object_ref (msg), NULL);
  g_source_set_static_name (source, "[pdnet] refuse request body");
  g_source_attach (source, self->context);
}

/* ---- request headers and body ---- */

static gboolean
is_json_content_type (SoupMessageHeaders *headers)
{
  g_autoptr (GHashTable) params = NULL;
  const gchar *type = soup_message_headers_get_content_type (headers, &params);
  const gchar *charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0
         && (charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0);
}

/* What can be decided before the body: size, route, media type. */
static gboolean
check_headers (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex, GError **error,
               gchar **allowed)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  PdnRoute *route;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) self->limits.max_body_size)
    {
      set_too_large_error (self, error);
      return FALSE;
    }
  route = pdn_router_match (self->router, soup_server_message_get_method (msg),
                            g_uri_get_path (uri), &ex->params, allowed, error);
  if (route == NULL)
    return FALSE;
  ex->route = g_object_ref (route);
  if (!pdn_web_session_check_origin (soup_server_message_get_method (msg),
                                     soup_message_headers_get_one (headers, "Origin"),
                                     soup_message_headers_get_one (headers, "Host"),
                                     pdn_router_get_public_url (self->router), error))
    return FALSE;
  if ((pdn_route_get_flags (route) & PDN_ROUTE_JSON_BODY) && !is_json_content_type (headers))
    {
      pdn_error_set_field (error, PDN_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                           _("The request body must be application/json in UTF-8"));
      return FALSE;
    }
  return TRUE;
}

/* An error libsoup set while parsing (a bad path, say), as a problem. */
static void
convert_soup_error (SoupServerMessage *msg, PdnExchange *ex)
{
  guint status = soup_server_message_get_status (msg);
  g_autoptr (GError) error = NULL;

  pdn_error_set_field (&error, status >= 500 ? PDN_ERROR_INTERNAL : PDN_ERROR_INVALID_INPUT, NULL,
                       _("The HTTP request is malformed"));
  respond_problem (msg, ex, error, NULL);
}

/* A page or its script, style or image: GET and HEAD outside /api/ (any
 * version, so an API client always gets problem+json). */
static gboolean
is_web_request (PdnServer *self, SoupServerMessage *msg)
{
  const gchar *method = soup_server_message_get_method (msg);
  const gchar *path = g_uri_get_path (soup_server_message_get_uri (msg));

  return self->web_root != NULL && soup_server_message_get_status (msg) == 0
         && (strcmp (method, "GET") == 0 || strcmp (method, "HEAD") == 0)
         && !g_str_has_prefix (path, "/api/") && strcmp (path, "/api") != 0;
}

/* Pages say what they may load (no inline script) and refuse framing;
 * a missing file gets the site's own 404 page. */
static void
respond_web (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const gchar *type = NULL;
  guint status = SOUP_STATUS_OK;
  g_autoptr (GBytes) body = pdn_web_root_read (
      self->web_root, g_uri_get_path (soup_server_message_get_uri (msg)), &type);

  if (body == NULL)
    {
      status = SOUP_STATUS_NOT_FOUND;
      body = pdn_web_root_read (self->web_root, PDN_WEB_NOT_FOUND_PAGE, &type);
    }
  if (body == NULL)
    {
      g_autoptr (GError) error = NULL;
      pdn_error_set_field (&error, PDN_ERROR_NOT_FOUND, NULL, _("There is no page here"));
      respond_problem (msg, ex, error, NULL);
      return;
    }
  soup_message_headers_replace (headers, "Content-Security-Policy", PDN_WEB_CSP);
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "same-origin");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

static void
on_got_headers (SoupServerMessage *msg, PdnServer *self)
{
  PdnExchange *ex = exchange_get (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *allowed = NULL;
  const gchar *previous;

  exchange_clear_deadline (ex);
  ex->started = g_get_monotonic_time ();
  ex->language = pdn_i18n_negotiate (
      soup_message_headers_get_one (request_headers, "Accept-Language"));
  soup_message_headers_replace (response_headers, "Connection", "close");
  soup_message_headers_replace (response_headers, "Cache-Control", "no-store");
  soup_message_headers_replace (response_headers, "X-Content-Type-Options", "nosniff");

  previous = pdn_i18n_set_thread_language (ex->language);
  if (soup_server_message_get_status (msg) != 0)
    convert_soup_error (msg, ex);
  else if (is_web_request (self, msg))
    respond_web (self, msg, ex);
  else if (!check_headers (self, msg, ex, &error, &allowed))
    {
      gboolean expects_continue
          = soup_message_headers_get_expectations (request_headers) & SOUP_EXPECTATION_CONTINUE;
      if (g_error_matches (error, PDN_ERROR, PDN_ERROR_TOO_LARGE) && !expects_continue)
        refuse_body (self, msg, ex);
      else
        respond_problem (msg, ex, error, allowed);
    }
  pdn_i18n_set_thread_language (previous);

  /* Refused requests read their (bounded) body only to discard it. */
  if (soup_server_message_get_status (msg) != 0)
    soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
}

static void
on_got_chunk (SoupServerMessage *msg, GBytes *chunk, PdnServer *self)
{
  PdnExchange *ex = exchange_get (msg);

  ex->body_bytes += g_bytes_get_size (chunk);
  if (ex->body_bytes > self->limits.max_body_size && !ex->taken_over)
    refuse_body (self, msg, ex);
}

static void
on_disconnected (SoupServerMessage *msg, PdnServer *self)
{
  exchange_get (msg)->disconnected = TRUE;
}

/* ---- decoding and dispatch ---- */

/* One application/x-www-form-urlencoded component, or NULL if it is not
 * valid percent-encoded UTF-8. */
static gchar *
decode_form_component (const gchar *raw, gssize length)
{
  g_autofree gchar *plus = g_strndup (raw, length < 0 ? strlen (raw) : (gsize) length);
  gchar *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  if (decoded != NULL && !g_utf8_validate (decoded, -1, NULL))
    g_clear_pointer (&decoded, g_free);
  return decoded;
}

static gboolean
decode_query (GUri *uri, PdnRequest *request, GError **error)
{
  const gchar *query = g_uri_get_query (uri);
  g_auto (GStrv) pairs = NULL;
  g_autoptr (GHashTable) params = NULL;

  if (query == NULL)
    return TRUE;
  pairs = g_strsplit (query, "&", -1);
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const gchar *equals = strchr (pairs[i], '=');
      g_autofree gchar *key = NULL;
      g_autofree gchar *value = NULL;

      if (pairs[i][0] == '\0')
        continue;
      key = decode_form_component (pairs[i], equals != NULL ? equals - pairs[i] : -1);
      value = decode_form_component (equals != NULL ? equals + 1 : "", -1);
      if (key == NULL || value == NULL)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, key,
                               _("The query string is not valid UTF-8"));
          return FALSE;
        }
      g_hash_table_replace (params, g_steal_pointer (&key), g_steal_pointer (&value));
    }
  pdn_request_take_query (request, g_steal_pointer (&params));
  return TRUE;
}

/* Routes with %PDN_ROUTE_JSON_BODY need a JSON body. Any other JSON body
 * is checked too, though the route ignores it: no JSON gets past the
 * guard, and malformed input is refused rather than silently dropped.
 * Routes with %PDN_ROUTE_RAW_BODY get their body as it came. */
static gboolean
decode_body (SoupServerMessage *msg, PdnExchange *ex, PdnRequest *request, GError **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = NULL;
  gsize length = 0;
  const gchar *data;
  JsonNode *node;

  if (pdn_route_get_flags (ex->route) & PDN_ROUTE_RAW_BODY)
    {
      pdn_request_take_raw_body (request, soup_message_body_flatten (body));
      return TRUE;
    }
  if (!(pdn_route_get_flags (ex->route) & PDN_ROUTE_JSON_BODY)
      && (body->length == 0
          || !is_json_content_type (soup_server_message_get_request_headers (msg))))
    return TRUE;
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  node = pdn_json_guard_parse (data, length, error);
  if (node == NULL)
    return FALSE;
  pdn_request_take_body (request, node);
  return TRUE;
}

static PdnRequest *
decode_request (SoupServerMessage *msg, PdnExchange *ex, GError **error)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr (PdnRequest) request
      = pdn_request_new (soup_server_message_get_method (msg), g_uri_get_path (uri));
  SoupMessageHeadersIter iter;
  const gchar *name, *value;

  pdn_request_set_route (request, pdn_route_get_path (ex->route));
  pdn_request_take_params (request, g_steal_pointer (&ex->params));
  pdn_request_set_language (request, ex->language);
  pdn_request_set_remote_address (request, soup_server_message_get_remote_host (msg));
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    pdn_request_set_header (request, name, value);
  if (!decode_query (uri, request, error))
    return NULL;
  return decode_body (msg, ex, request, error) ? g_steal_pointer (&request) : NULL;
}

typedef struct
{
  PdnServer *self;
  SoupServerMessage *msg;
  PdnRoute *route;
  PdnRequest *request;
  JsonNode *result;
  GError *error;
} PdnServerJob;

static void
job_work (gpointer data)
{
  PdnServerJob *job = data;
  const gchar *previous = pdn_i18n_set_thread_language (pdn_request_get_language (job->request));

  job->result = pdn_route_invoke (job->route, job->request, &job->error);
  pdn_i18n_set_thread_language (previous);
}

static void
job_free (PdnServerJob *job)
{
  g_clear_pointer (&job->result, json_node_unref);
  g_clear_error (&job->error);
  g_object_unref (job->request);
  g_object_unref (job->route);
  g_object_unref (job->msg);
  g_object_unref (job->self);
  g_free (job);
}

static PdnServerJob *
job_new (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex, PdnRequest *request)
{
  PdnServerJob *job = g_new0 (PdnServerJob, 1);

  job->self = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->route = g_object_ref (ex->route);
  job->request = g_object_ref (request);
  return job;
}

/* Back on the server thread. */
static void
job_done (gpointer data)
{
  PdnServerJob *job = data;
  PdnExchange *ex = exchange_get (job->msg);

  if (!ex->disconnected)
    {
      const gchar *previous = pdn_i18n_set_thread_language (ex->language);
      respond_result (job->msg, ex, job->request, job->result, job->error);
      pdn_i18n_set_thread_language (previous);
      soup_server_message_unpause (job->msg);
    }
  job_free (job);
}

static void
dispatch_to_worker (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex,
                    PdnRequest *request)
{
  g_autoptr (GError) error = NULL;
  PdnServerJob *job = job_new (self, msg, ex, request);

  if (!pdn_worker_pool_push (self->pool, job_work, job_done, job, &error))
    {
      job_free (job);
      respond_problem (msg, ex, error, NULL);
      return;
    }
  /* job_done runs from this thread's main loop, so after this. */
  soup_server_message_pause (msg);
}

/* A durable write: the route runs on the writer thread inside the batch's
 * transaction; its answer goes out once the batch is on disk. */
static gboolean
write_work (gpointer data)
{
  PdnServerJob *job = data;

  job_work (job);
  return job->error == NULL;
}

static void
write_done (gpointer data, const GError *commit_error)
{
  PdnServerJob *job = data;

  if (commit_error != NULL && job->error == NULL)
    {
      g_clear_pointer (&job->result, json_node_unref);
      job->error = g_error_copy (commit_error);
    }
  job_done (job);
}

static void
dispatch_to_writer (PdnServer *self, SoupServerMessage *msg, PdnExchange *ex,
                    PdnRequest *request)
{
  g_autoptr (GError) error = NULL;
  PdnServerJob *job = job_new (self, msg, ex, request);

  if (!pdn_write_queue_push (self->writes, write_work, write_done, job, &error))
    {
      job_free (job);
      respond_problem (msg, ex, error, NULL);
      return;
    }
  soup_server_message_pause (msg);
}

static void
on_request (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  PdnServer *self = user_data;
  PdnExchange *ex = exchange_get (msg);
  const gchar *previous = pdn_i18n_set_thread_language (ex->language);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnRequest) request = NULL;

  if (ex->route == NULL)
    pdn_error_set_field (&error, PDN_ERROR_INTERNAL, NULL, "request without a route");
  else
    request = decode_request (msg, ex, &error);
  if (request == NULL)
    respond_problem (msg, ex, error, NULL);
  else if ((pdn_route_get_flags (ex->route) & PDN_ROUTE_WRITE) && self->writes != NULL)
    dispatch_to_writer (self, msg, ex, request);
  else if (pdn_route_get_flags (ex->route) & (PDN_ROUTE_WORKER | PDN_ROUTE_WRITE))
    dispatch_to_worker (self, msg, ex, request);
  else
    {
      g_autoptr (JsonNode) result = pdn_route_invoke (ex->route, request, &error);
      respond_result (msg, ex, request, result, error);
    }
  pdn_i18n_set_thread_language (previous);
}

/* ---- connections ---- */

static gboolean
on_header_deadline (gpointer data)
{
  PdnExchange *ex = data;
  GSocket *socket = g_socket_connection_get_socket (ex->connection);

  g_clear_pointer (&ex->header_deadline, g_source_unref);
  /* libsoup reads end-of-file and closes the connection. */
  g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_request_started (SoupServer *soup, SoupServerMessage *msg, PdnServer *self)
{
  PdnExchange *ex = g_new0 (PdnExchange, 1);

  ex->server = self;
  ex->started = g_get_monotonic_time ();
  if (self->accepting != NULL)
    {
      ex->connection = g_object_ref (self->accepting);
      ex->header_deadline = g_timeout_source_new_seconds (self->limits.stall_timeout);
      g_source_set_callback (ex->header_deadline, on_header_deadline, ex, NULL);
      g_source_set_static_name (ex->header_deadline, "[pdnet] header deadline");
      g_source_attach (ex->header_deadline, self->context);
    }
  g_hash_table_add (self->exchanges, ex);
  g_object_set_data_full (G_OBJECT (msg), "pdn-exchange", ex, exchange_free);
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
  g_signal_connect_object (msg, "disconnected", G_CALLBACK (on_disconnected), self, 0);
}

/* Over the cap: a short 503 on a socket nothing else uses, then close. */
static void
turn_away (GSocketConnection *connection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = NULL;
  gsize length = 0;
  gconstpointer data;

  pdn_error_set_field (&error, PDN_ERROR_UNAVAILABLE, NULL,
                       _("The server has too many connections; try again in a moment"));
  response = raw_problem_response (error, NULL);
  data = g_bytes_get_data (response, &length);
  g_socket_send_with_blocking (g_socket_connection_get_socket (connection), data, length, FALSE,
                               NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source,
             PdnServer *self)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  if (self->stopping || local == NULL || remote == NULL)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  if (!pdn_connection_limiter_admit (self->limiter, connection))
    {
      turn_away (connection);
      return TRUE;
    }
  g_socket_set_timeout (socket, self->limits.stall_timeout);
  self->accepting = connection;
  soup_server_accept_iostream (self->soup, G_IO_STREAM (connection), local, remote, NULL);
  self->accepting = NULL;
  return TRUE;
}

static void
check_drained (PdnServer *self)
{
  if (!self->stopping || self->drained || pdn_connection_limiter_get_count (self->limiter) > 0)
    return;
  self->drained = TRUE;
  g_signal_emit (self, signals[SIGNAL_DRAINED], 0);
}

static void
on_count_changed (PdnConnectionLimiter *limiter, GParamSpec *pspec, PdnServer *self)
{
  check_drained (self);
}

/* ---- object ---- */

/* Messages can outlive the server (in a main loop that no longer runs). */
static void
forget_exchanges (PdnServer *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->exchanges);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PdnExchange *ex = key;
      exchange_clear_deadline (ex);
      ex->server = NULL;
    }
  g_hash_table_remove_all (self->exchanges);
}

static void
pdn_server_dispose (GObject *object)
{
  PdnServer *self = PDN_SERVER (object);

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->limiter != NULL)
    g_signal_handlers_disconnect_by_data (self->limiter, self);
  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  g_clear_object (&self->pool);
  g_clear_object (&self->writes);
  g_clear_object (&self->web_root);
  g_clear_object (&self->limiter);
  forget_exchanges (self);
  G_OBJECT_CLASS (pdn_server_parent_class)->dispose (object);
}

static void
pdn_server_finalize (GObject *object)
{
  PdnServer *self = PDN_SERVER (object);

  g_clear_object (&self->router);
  g_clear_object (&self->address);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->exchanges);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (pdn_server_parent_class)->finalize (object);
}

static void
pdn_server_class_init (PdnServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pdn_server_dispose;
  object_class->finalize = pdn_server_finalize;

  /**
   * PdnServer::drained:
   *
   * After pdn_server_stop(), emitted once every connection is closed.
   */
  signals[SIGNAL_DRAINED] = g_signal_new ("drained", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pdn_server_init (PdnServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->exchanges = g_hash_table_new (NULL, NULL);
}

/**
 * pdn_server_new:
 * @router: the routes to serve; add them all before pdn_server_listen()
 * @limits: (nullable): limits, or %NULL for the defaults
 */
PdnServer *
pdn_server_new (PdnRouter *router, const PdnServerLimits *limits, GError **error)
{
  g_autoptr (PdnServer) self = g_object_new (PDN_TYPE_SERVER, NULL);
  g_autofree gchar *server_header = g_strdup_printf ("pdnet/%s", PACKAGE_VERSION);

  if (limits != NULL)
    self->limits = *limits;
  else
    pdn_server_limits_init (&self->limits);
  g_return_val_if_fail (self->limits.max_connections > 0 && self->limits.stall_timeout > 0, NULL);

  self->router = g_object_ref (router);
  self->pool = pdn_worker_pool_new (MAX (self->limits.worker_threads, 1),
                                    self->limits.worker_queue, error);
  if (self->pool == NULL)
    return NULL;
  self->limiter = pdn_connection_limiter_new (self->limits.max_connections);
  g_signal_connect (self->limiter, "notify::count", G_CALLBACK (on_count_changed), self);
  self->soup = soup_server_new ("server-header", server_header, "raw-paths", TRUE, NULL);
  soup_server_add_handler (self->soup, NULL, on_request, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_aborted), self);
  self->service = g_socket_service_new ();
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), 128);
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  return g_steal_pointer (&self);
}

static GInetAddress *
parse_host (const gchar *host)
{
  if (g_strcmp0 (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  return g_inet_address_new_from_string (host);
}

/**
 * pdn_server_listen:
 * @host: an IP address, or "localhost"
 * @port: a TCP port, or 0 for any free port (see pdn_server_get_port())
 *
 * Binds and starts serving on the thread-default main context.
 */
gboolean
pdn_server_listen (PdnServer *self, const gchar *host, guint16 port, GError **error)
{
  g_autoptr (GInetAddress) inet = parse_host (host);
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) local_error = NULL;

  if (inet == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "listen",
                           _("listen must name an IP address, not %s"), host);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, &local_error))
    {
      /* TRANSLATORS: %s is an address such as 127.0.0.1, %u a port, then why */
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, "listen", _("Cannot listen on %s:%u: %s"),
                           host, port, local_error->message);
      return FALSE;
    }
  g_set_object (&self->address, G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (self->service);
  return TRUE;
}

guint16
pdn_server_get_port (PdnServer *self)
{
  return self->address != NULL ? g_inet_socket_address_get_port (self->address) : 0;
}

/* "http://127.0.0.1:8080", or "http://[::1]:8080", once listening. */
gchar *
pdn_server_get_url (PdnServer *self)
{
  g_autofree gchar *host = NULL;

  g_return_val_if_fail (self->address != NULL, NULL);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (self->address));
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u", host, pdn_server_get_port (self));
  return g_strdup_printf ("http://%s:%u", host, pdn_server_get_port (self));
}

PdnRouter *
pdn_server_get_router (PdnServer *self)
{
  return self->router;
}

/* Open connections, including those being turned down gracefully. */
guint
pdn_server_get_connection_count (PdnServer *self)
{
  return pdn_connection_limiter_get_count (self->limiter);
}

/* Slow requests running or waiting on the worker pool. */
guint
pdn_server_get_worker_jobs (PdnServer *self)
{
  return pdn_worker_pool_get_pending (self->pool);
}

/**
 * pdn_server_stop:
 *
 * Starts a graceful shutdown: stops accepting, closes connections that have
 * not sent a request yet and those being refused, and lets requests in
 * flight finish. #PdnServer::drained follows when the last one closes.
 */
void
pdn_server_stop (PdnServer *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->stopping)
    return;
  self->stopping = TRUE;
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_cancellable_cancel (self->cancellable);
  g_hash_table_iter_init (&iter, self->exchanges);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PdnExchange *ex = key;
      if (ex->header_deadline != NULL)
        g_socket_shutdown (g_socket_connection_get_socket (ex->connection), TRUE, TRUE, NULL);
    }
  check_drained (self);
}

gboolean
pdn_server_is_drained (PdnServer *self)
{
  return self->drained;
}

/**
 * pdn_server_set_write_queue:
 *
 * Routes added with %PDN_ROUTE_WRITE run through @queue (group commit);
 * without one they run on the worker pool, each committing alone.
 */
void
pdn_server_set_write_queue (PdnServer *self, PdnWriteQueue *queue)
{
  g_set_object (&self->writes, queue);
}

/* Durable writes waiting or running. */
guint
pdn_server_get_write_jobs (PdnServer *self)
{
  return self->writes != NULL ? pdn_write_queue_get_pending (self->writes) : 0;
}

/**
 * pdn_server_set_web_root:
 * @root: (nullable): the pages to serve outside /api/, or %NULL for none
 */
void
pdn_server_set_web_root (PdnServer *self, PdnWebRoot *root)
{
  g_set_object (&self->web_root, root);
}
