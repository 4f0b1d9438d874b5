/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Small conveniences over the context's prepared statements. */

PdnQuery *pdn_ws_db_prepare_ids (PdnContext *context, const gchar *sql, const gint64 *ids,
                                 guint n_ids, GError **error);
gboolean pdn_ws_db_int (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
                        gint64 *value, GError **error);
gchar *pdn_ws_db_text (PdnContext *context, const gchar *sql, const gint64 *ids, guint n_ids,
                       GError **error);
gboolean pdn_ws_db_run_ids (PdnContext *context, const gchar *sql, const gint64 *ids,
                            guint n_ids, GError **error);
gchar *pdn_ws_db_column_dup (PdnQuery *query, guint column);

/* One id parameter: the common case. */
#define PDN_WS_IDS(...) ((const gint64[]){ __VA_ARGS__ }), G_N_ELEMENTS (((const gint64[]){ __VA_ARGS__ }))

G_END_DECLS
