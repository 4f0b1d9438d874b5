/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* What the plugin reads of a program (a JSON object as the API shows it),
 * and who may see or change its whole-school records. */

gint64 pdn_ws_program_id (JsonObject *program);
gboolean pdn_ws_program_year (PdnContext *context, JsonObject *program, gchar **starts_on,
                              gchar **ends_on, GError **error);
gboolean pdn_ws_program_involves (JsonObject *program, gint64 organization_id);

gboolean pdn_ws_access_check_edit (const PdnCaller *caller, GError **error);
gboolean pdn_ws_access_may_read (const PdnCaller *caller, JsonObject *program);
gboolean pdn_ws_access_check_read (const PdnCaller *caller, JsonObject *program,
                                   GError **error);
gboolean pdn_ws_access_check_log_calls (const PdnCaller *caller, JsonObject *program,
                                        GError **error);

G_END_DECLS
