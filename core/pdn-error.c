/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

/* Extended error data: validation errors name the offending field so the
 * HTTP layer can put it in problem+json and the CLI can print it. */
typedef struct
{
  gchar *field;
} PdnErrorPrivate;

static void
pdn_error_private_init (PdnErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
pdn_error_private_copy (const PdnErrorPrivate *src, PdnErrorPrivate *dest)
{
  dest->field = g_strdup (src->field);
}

static void
pdn_error_private_clear (PdnErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (PdnError, pdn_error)

typedef struct
{
  guint http_status;
  const gchar *name;
} PdnErrorInfo;

/* The one table from error code to HTTP status and stable code name. */
static const PdnErrorInfo error_table[PDN_ERROR_LAST] = {
  [PDN_ERROR_INVALID_INPUT] = { 400, "invalid-input" },
  [PDN_ERROR_NOT_FOUND] = { 404, "not-found" },
  [PDN_ERROR_CONFLICT] = { 409, "conflict" },
  [PDN_ERROR_PRECONDITION_FAILED] = { 412, "precondition-failed" },
  [PDN_ERROR_PRECONDITION_REQUIRED] = { 428, "precondition-required" },
  [PDN_ERROR_TOO_LARGE] = { 413, "too-large" },
  [PDN_ERROR_UNPROCESSABLE] = { 422, "unprocessable" },
  [PDN_ERROR_FORBIDDEN] = { 403, "forbidden" },
  [PDN_ERROR_UNAUTHORIZED] = { 401, "unauthorized" },
  [PDN_ERROR_RATE_LIMITED] = { 429, "rate-limited" },
  [PDN_ERROR_UNSUPPORTED_MEDIA_TYPE] = { 415, "unsupported-media-type" },
  [PDN_ERROR_METHOD_NOT_ALLOWED] = { 405, "method-not-allowed" },
  [PDN_ERROR_UNAVAILABLE] = { 503, "unavailable" },
  [PDN_ERROR_INTERNAL] = { 500, "internal" },
};

guint
pdn_error_code_http_status (PdnErrorCode code)
{
  if ((guint) code >= PDN_ERROR_LAST)
    return 500;
  return error_table[code].http_status;
}

const gchar *
pdn_error_code_name (PdnErrorCode code)
{
  if ((guint) code >= PDN_ERROR_LAST)
    return "internal";
  return error_table[code].name;
}

void
pdn_error_set_field (GError **error, PdnErrorCode code, const gchar *field, const gchar *format,
                     ...)
{
  va_list args;
  g_autofree gchar *message = NULL;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PDN_ERROR, code, message);
  if (field != NULL)
    pdn_error_get_private (*error)->field = g_strdup (field);
}

/**
 * pdn_error_get_field:
 *
 * Returns: (nullable): the input field a PDN_ERROR concerns, or %NULL.
 */
const gchar *
pdn_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != PDN_ERROR)
    return NULL;
  return pdn_error_get_private (error)->field;
}

/* Nested validation (a person's affiliations[2].from) names the full path. */
void
pdn_error_prefix_field (GError *error, const gchar *prefix)
{
  PdnErrorPrivate *priv;
  gchar *joined;

  if (error == NULL || error->domain != PDN_ERROR)
    return;
  priv = pdn_error_get_private (error);
  if (priv->field == NULL)
    joined = g_strdup (prefix);
  else if (priv->field[0] == '[')
    joined = g_strconcat (prefix, priv->field, NULL);
  else
    joined = g_strconcat (prefix, ".", priv->field, NULL);
  g_free (priv->field);
  priv->field = joined;
}
