/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-problem.h"

/*
 * application/problem+json bodies (RFC 9457) from PDN_ERROR errors. The
 * text comes out in the calling thread's language (see pdn-i18n.c): the
 * server sets it from Accept-Language before running a handler, so `detail`
 * was already written in that language and `title` is translated here.
 */

/* TRANSLATORS: titles of HTTP API errors (problem+json "title") */
static const gchar *const titles[PDN_ERROR_LAST] = {
  [PDN_ERROR_INVALID_INPUT] = N_("Invalid input"),
  [PDN_ERROR_NOT_FOUND] = N_("Not found"),
  [PDN_ERROR_CONFLICT] = N_("Conflict"),
  [PDN_ERROR_PRECONDITION_FAILED] = N_("Precondition failed"),
  [PDN_ERROR_PRECONDITION_REQUIRED] = N_("Precondition required"),
  [PDN_ERROR_TOO_LARGE] = N_("Request too large"),
  [PDN_ERROR_UNPROCESSABLE] = N_("Unprocessable request"),
  [PDN_ERROR_FORBIDDEN] = N_("Forbidden"),
  [PDN_ERROR_UNAUTHORIZED] = N_("Authentication required"),
  [PDN_ERROR_RATE_LIMITED] = N_("Too many requests"),
  [PDN_ERROR_UNSUPPORTED_MEDIA_TYPE] = N_("Unsupported media type"),
  [PDN_ERROR_METHOD_NOT_ALLOWED] = N_("Method not allowed"),
  [PDN_ERROR_UNAVAILABLE] = N_("Service unavailable"),
  [PDN_ERROR_INTERNAL] = N_("Internal error"),
};

/* Errors from other domains count as internal. The text of internal errors
 * is never shown to clients: it may name files or SQL. */
static PdnErrorCode
public_code (const GError *error)
{
  if (error == NULL || error->domain != PDN_ERROR || error->code < 0
      || error->code >= PDN_ERROR_LAST)
    return PDN_ERROR_INTERNAL;
  return (PdnErrorCode) error->code;
}

guint
pdn_problem_get_status (const GError *error)
{
  return pdn_error_code_http_status (public_code (error));
}

/**
 * pdn_problem_type_uri:
 *
 * The problem type of a stable code name. RFC 9457 suggests tag: URIs for
 * types that are not meant to be dereferenced.
 */
gchar *
pdn_problem_type_uri (const gchar *code_name)
{
  return g_strconcat ("tag:pdnet,2025:problem/", code_name, NULL);
}

/**
 * pdn_problem_new:
 *
 * Returns: (transfer full): a problem object with `type`, `title`,
 *   `status`, `detail`, `code` and, for errors about one input field,
 *   `field`.
 */
JsonNode *
pdn_problem_new (const GError *error)
{
  PdnErrorCode code = public_code (error);
  const gchar *name = pdn_error_code_name (code);
  const gchar *field = pdn_error_get_field (error);
  g_autofree gchar *type = pdn_problem_type_uri (name);
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, _(titles[code]));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, pdn_error_code_http_status (code));
  json_builder_set_member_name (builder, "detail");
  if (code == PDN_ERROR_INTERNAL)
    json_builder_add_string_value (builder, _("The server could not complete the request"));
  else
    json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, name);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The JSON Schema of a problem object, for the OpenAPI document. */
JsonNode *
pdn_problem_schema (void)
{
  static const gchar schema[]
      = "{\"type\":\"object\",\"required\":[\"type\",\"title\",\"status\",\"detail\",\"code\"],"
        "\"properties\":{"
        "\"type\":{\"type\":\"string\",\"format\":\"uri\"},"
        "\"title\":{\"type\":\"string\"},"
        "\"status\":{\"type\":\"integer\"},"
        "\"detail\":{\"type\":\"string\"},"
        "\"code\":{\"type\":\"string\"},"
        "\"field\":{\"type\":\"string\","
        "\"description\":\"The offending input field, such as affiliations[2].from\"}}}";

  return json_from_string (schema, NULL);
}
