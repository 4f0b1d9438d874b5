/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PdnErrorCode:
 *
 * The one error domain of pdnet. Every code maps to exactly one HTTP status
 * and one stable machine-readable name (see pdn_error_code_http_status()).
 */
typedef enum
{
  PDN_ERROR_INVALID_INPUT,
  PDN_ERROR_NOT_FOUND,
  PDN_ERROR_CONFLICT,
  PDN_ERROR_PRECONDITION_FAILED,
  PDN_ERROR_PRECONDITION_REQUIRED,
  PDN_ERROR_TOO_LARGE,
  PDN_ERROR_UNPROCESSABLE,
  PDN_ERROR_FORBIDDEN,
  PDN_ERROR_UNAUTHORIZED,
  PDN_ERROR_RATE_LIMITED,
  PDN_ERROR_UNSUPPORTED_MEDIA_TYPE,
  PDN_ERROR_METHOD_NOT_ALLOWED,
  PDN_ERROR_UNAVAILABLE,
  PDN_ERROR_INTERNAL,
  PDN_ERROR_LAST
} PdnErrorCode;

#define PDN_ERROR (pdn_error_quark ())
GQuark pdn_error_quark (void);

guint pdn_error_code_http_status (PdnErrorCode code);
const gchar *pdn_error_code_name (PdnErrorCode code);

void pdn_error_set_field (GError **error, PdnErrorCode code, const gchar *field,
                          const gchar *format, ...) G_GNUC_PRINTF (4, 5);
const gchar *pdn_error_get_field (const GError *error);
void pdn_error_prefix_field (GError *error, const gchar *prefix);

G_END_DECLS
