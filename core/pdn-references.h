/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-store.h"

G_BEGIN_DECLS

/* Each fails with PDN_ERROR_INVALID_INPUT naming @field ("No school has
 * id 42") unless a row with @id exists. */
gboolean pdn_require_account (PdnStore *store, gint64 id, const gchar *field, GError **error);
gboolean pdn_require_organization (PdnStore *store, gint64 id, const gchar *field,
                                   GError **error);
gboolean pdn_require_person (PdnStore *store, gint64 id, const gchar *field, GError **error);
gboolean pdn_require_program (PdnStore *store, gint64 id, const gchar *field, GError **error);
gboolean pdn_require_school (PdnStore *store, gint64 id, const gchar *field, GError **error);
gboolean pdn_require_session (PdnStore *store, gint64 id, const gchar *field, GError **error);

G_END_DECLS
