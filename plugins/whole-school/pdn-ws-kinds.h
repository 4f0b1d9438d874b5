/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

extern const gchar *const pdn_ws_series_kinds[];
extern const gchar *const pdn_ws_session_kinds[];

gboolean pdn_ws_kinds_check_series (JsonObject *series, GError **error);
gboolean pdn_ws_kinds_check_session (PdnContext *context, JsonObject *session, GError **error);
JsonNode *pdn_ws_kinds_describe (void);

G_END_DECLS
