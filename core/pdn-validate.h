/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Field validators shared by every model. Each sets a PDN_ERROR_INVALID_INPUT
 * naming @field and returns FALSE on bad input. */

#define PDN_NAME_MAX_CHARS 200
#define PDN_TEXT_MAX_CHARS 2000

gboolean pdn_validate_text (const gchar *value, const gchar *field, gboolean required,
                            glong max_chars, GError **error);
gboolean pdn_validate_email (const gchar *value, const gchar *field, GError **error);
gchar *pdn_email_key (const gchar *email);
const gchar *pdn_email_domain (const gchar *email);
gboolean pdn_validate_email_domain (const gchar *value, const gchar *field, GError **error);
gboolean pdn_validate_slug (const gchar *value, const gchar *field, GError **error);
gboolean pdn_validate_identifier (const gchar *value, const gchar *field, const gchar *extra,
                                  GError **error);
gboolean pdn_validate_enum (const gchar *value, const gchar *field, const gchar *const *names,
                            GError **error);
gboolean pdn_validate_school_year (const gchar *value, const gchar *field, GError **error);
void pdn_clear_if_blank (gchar **value);

G_END_DECLS
