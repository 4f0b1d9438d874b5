/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

gboolean pdn_ws_registration_check (PdnContext *context, JsonObject *program,
                                    JsonObject *session, gint64 person_id, GError **error);
gboolean pdn_ws_registration_expand (PdnContext *context, JsonObject *program,
                                     JsonObject *session, gint64 person_id, JsonObject *request,
                                     GArray *people, GError **error);

G_END_DECLS
