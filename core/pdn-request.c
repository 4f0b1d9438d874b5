/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-request.h"

/**
 * PdnRequest:
 *
 * One HTTP API request as route handlers see it, without libsoup types:
 * method, path parameters, query, headers, the decoded JSON body and the
 * negotiated language; and the response status and headers the handler
 * sets besides its JSON result.
 *
 * Multithreading: owned by one thread at a time (the server thread, or the
 * worker running the handler).
 */
struct _PdnRequest
{
  GObject parent_instance;
  gchar *method;
  gchar *path;
  gchar *route;
  GHashTable *params;  /* name -> decoded path segment */
  GHashTable *query;   /* name -> value */
  GHashTable *headers; /* lowercase name -> value */
  JsonNode *body;
  GBytes *raw_body;
  gchar *response_type; /* nullable: JSON */
  GBytes *response_body;
  const gchar *language; /* interned */
  gchar *remote_address;
  guint status;
  GHashTable *response_headers;
  JsonObject *problem_members; /* nullable */
  gint64 account_id;
};

G_DEFINE_FINAL_TYPE (PdnRequest, pdn_request, G_TYPE_OBJECT)

static void
pdn_request_finalize (GObject *object)
{
  PdnRequest *self = PDN_REQUEST (object);

  g_free (self->method);
  g_free (self->path);
  g_free (self->route);
  g_hash_table_unref (self->params);
  g_hash_table_unref (self->query);
  g_hash_table_unref (self->headers);
  g_clear_pointer (&self->body, json_node_unref);
  g_clear_pointer (&self->raw_body, g_bytes_unref);
  g_free (self->response_type);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  g_free (self->remote_address);
  g_hash_table_unref (self->response_headers);
  g_clear_pointer (&self->problem_members, json_object_unref);
  G_OBJECT_CLASS (pdn_request_parent_class)->finalize (object);
}

static void
pdn_request_class_init (PdnRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_request_finalize;
}

static GHashTable *
string_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
pdn_request_init (PdnRequest *self)
{
  self->params = string_table_new ();
  self->query = string_table_new ();
  self->headers = string_table_new ();
  self->response_headers = string_table_new ();
  self->status = 200;
}

PdnRequest *
pdn_request_new (const gchar *method, const gchar *path)
{
  PdnRequest *self = g_object_new (PDN_TYPE_REQUEST, NULL);

  self->method = g_strdup (method);
  self->path = g_strdup (path);
  return self;
}

const gchar *
pdn_request_get_method (PdnRequest *self)
{
  return self->method;
}

/* The decoded request path, such as /api/v1/programs/7. */
const gchar *
pdn_request_get_path (PdnRequest *self)
{
  return self->path;
}

/* The route's pattern, such as /api/v1/programs/{id}. */
const gchar *
pdn_request_get_route (PdnRequest *self)
{
  return self->route;
}

void
pdn_request_set_route (PdnRequest *self, const gchar *route)
{
  g_free (self->route);
  self->route = g_strdup (route);
}

/**
 * pdn_request_get_param:
 *
 * Returns: (nullable): the decoded path parameter @name ("id" for
 *   /programs/{id}), or %NULL.
 */
const gchar *
pdn_request_get_param (PdnRequest *self, const gchar *name)
{
  return g_hash_table_lookup (self->params, name);
}

/**
 * pdn_request_get_param_id:
 *
 * Reads path parameter @name as a positive id. Anything else is a
 * PDN_ERROR_NOT_FOUND: /programs/abc names no program.
 */
gboolean
pdn_request_get_param_id (PdnRequest *self, const gchar *name, gint64 *id, GError **error)
{
  const gchar *text = pdn_request_get_param (self, name);
  guint64 number = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, name, _("No resource has id “%s”"),
                           text != NULL ? text : "");
      return FALSE;
    }
  *id = (gint64) number;
  return TRUE;
}

void
pdn_request_take_params (PdnRequest *self, GHashTable *params)
{
  g_hash_table_unref (self->params);
  self->params = params;
}

/**
 * pdn_request_get_query:
 *
 * Returns: (nullable): the decoded query parameter @name, valid UTF-8.
 */
const gchar *
pdn_request_get_query (PdnRequest *self, const gchar *name)
{
  return g_hash_table_lookup (self->query, name);
}

/* All query parameters, for handlers that refuse unknown ones. */
GHashTable *
pdn_request_get_query_table (PdnRequest *self)
{
  return self->query;
}

void
pdn_request_take_query (PdnRequest *self, GHashTable *query)
{
  g_hash_table_unref (self->query);
  self->query = query;
}

/* A request header by case-insensitive name (the last one if repeated). */
const gchar *
pdn_request_get_header (PdnRequest *self, const gchar *name)
{
  g_autofree gchar *key = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (self->headers, key);
}

void
pdn_request_set_header (PdnRequest *self, const gchar *name, const gchar *value)
{
  g_hash_table_replace (self->headers, g_ascii_strdown (name, -1), g_strdup (value));
}

/**
 * pdn_request_get_body:
 *
 * Returns: (transfer none) (nullable): the decoded JSON body of a route
 *   added with %PDN_ROUTE_JSON_BODY.
 */
JsonNode *
pdn_request_get_body (PdnRequest *self)
{
  return self->body;
}

void
pdn_request_take_body (PdnRequest *self, JsonNode *body)
{
  g_clear_pointer (&self->body, json_node_unref);
  self->body = body;
}

/**
 * pdn_request_get_raw_body:
 *
 * Returns: (transfer none) (nullable): the body, as sent, of a route added
 *   with %PDN_ROUTE_RAW_BODY (within the server's body size limit); the
 *   route checks its Content-Type itself.
 */
GBytes *
pdn_request_get_raw_body (PdnRequest *self)
{
  return self->raw_body;
}

void
pdn_request_take_raw_body (PdnRequest *self, GBytes *body)
{
  g_clear_pointer (&self->raw_body, g_bytes_unref);
  self->raw_body = body;
}

/**
 * pdn_request_take_response:
 * @content_type: such as "text/csv; charset=utf-8"
 *
 * Answers with @body instead of JSON (CSV, iCalendar): the handler then
 * returns %NULL with no error, and the status set on the request (200
 * unless changed) goes out with this body.
 */
void
pdn_request_take_response (PdnRequest *self, const gchar *content_type, GBytes *body)
{
  g_free (self->response_type);
  self->response_type = g_strdup (content_type);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  self->response_body = body;
}

/* Returns: (transfer none) (nullable): a body set by
 * pdn_request_take_response(), with its type in @content_type. */
GBytes *
pdn_request_get_response (PdnRequest *self, const gchar **content_type)
{
  *content_type = self->response_type;
  return self->response_body;
}

/**
 * pdn_request_get_language:
 *
 * Returns: (nullable): the language negotiated from Accept-Language, or
 *   %NULL for the daemon's own locale.
 */
const gchar *
pdn_request_get_language (PdnRequest *self)
{
  return self->language;
}

void
pdn_request_set_language (PdnRequest *self, const gchar *language)
{
  self->language = g_intern_string (language);
}

const gchar *
pdn_request_get_remote_address (PdnRequest *self)
{
  return self->remote_address;
}

void
pdn_request_set_remote_address (PdnRequest *self, const gchar *address)
{
  g_free (self->remote_address);
  self->remote_address = g_strdup (address);
}

/* The response status for a successful result (default 200). */
void
pdn_request_set_status (PdnRequest *self, guint status)
{
  g_return_if_fail (status >= 200 && status < 300);
  self->status = status;
}

guint
pdn_request_get_status (PdnRequest *self)
{
  return self->status;
}

/* A response header, such as Location or Retry-After. */
void
pdn_request_set_response_header (PdnRequest *self, const gchar *name, const gchar *value)
{
  g_hash_table_replace (self->response_headers, g_strdup (name), g_strdup (value));
}

GHashTable *
pdn_request_get_response_headers (PdnRequest *self)
{
  return self->response_headers;
}

/**
 * pdn_request_set_problem_member:
 * @value: (transfer full): the member's value
 *
 * An extension member for the problem response, should the handler fail
 * (RFC 9457 section 3.2), such as the `errors` of a refused import. The
 * standard members always win over one of the same name.
 */
void
pdn_request_set_problem_member (PdnRequest *self, const gchar *name, JsonNode *value)
{
  if (self->problem_members == NULL)
    self->problem_members = json_object_new ();
  json_object_set_member (self->problem_members, name, value);
}

/* Returns: (transfer none) (nullable): the extension members, if any. */
JsonObject *
pdn_request_get_problem_members (PdnRequest *self)
{
  return self->problem_members;
}

/* The authenticated account, for the request log; 0 for none. */
void
pdn_request_set_account_id (PdnRequest *self, gint64 account_id)
{
  self->account_id = account_id;
}

gint64
pdn_request_get_account_id (PdnRequest *self)
{
  return self->account_id;
}
