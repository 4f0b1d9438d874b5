/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* The only way the core calls a plugin. Each runner skips a hook the
 * plugin does not have, turns "FALSE without an error" or a malformed
 * answer into a logged PDN_ERROR_INTERNAL naming the plugin, keeps the
 * plugin's own PDN_ERROR (a refusal with its reason), and converts any
 * other error domain at this boundary. */

gboolean pdn_plugin_runner_setup (PdnPlugin *plugin, PdnContext *context, GError **error);
void pdn_plugin_runner_shutdown (PdnPlugin *plugin);

/* Returns: (transfer full): the type's description, an object with a
 * string "id". */
JsonObject *pdn_plugin_runner_describe_program_type (PdnPlugin *plugin, GError **error);
gboolean pdn_plugin_runner_validate_settings (PdnPlugin *plugin, JsonObject *settings,
                                              GError **error);
/* What saving a program runs: @settings against @schema (the type's
 * settings_schema; %NULL when it gave none), errors naming
 * "settings.<name>", then validate_settings on a copy with the schema's
 * defaults filled in. */
gboolean pdn_plugin_runner_check_settings (PdnPlugin *plugin, JsonObject *schema,
                                           JsonObject *settings, GError **error);
gboolean pdn_plugin_runner_validate_series (PdnPlugin *plugin, JsonObject *program,
                                            JsonObject *series, GError **error);
gboolean pdn_plugin_runner_validate_session (PdnPlugin *plugin, JsonObject *program,
                                             JsonObject *session, GError **error);
/* Whether the plugin checks registrations at all: registering skips the
 * hook's inputs when it does not. */
gboolean pdn_plugin_runner_checks_registrations (PdnPlugin *plugin);
gboolean pdn_plugin_runner_expands_registrations (PdnPlugin *plugin);
gboolean pdn_plugin_runner_check_registration (PdnPlugin *plugin, JsonObject *program,
                                               JsonObject *session, gint64 person_id,
                                               GError **error);
gboolean pdn_plugin_runner_expand_registration (PdnPlugin *plugin, JsonObject *program,
                                                JsonObject *session, gint64 person_id,
                                                JsonObject *request, GArray *people,
                                                GArray *sessions, GError **error);
/* Returns: (transfer full): `{"completed": bool, ...}`. */
JsonObject *pdn_plugin_runner_compute_credit (PdnPlugin *plugin, JsonObject *program,
                                              gint64 person_id, GError **error);

JsonObject *pdn_plugin_runner_describe_analysis (PdnPlugin *plugin, GError **error);
JsonObject *pdn_plugin_runner_run_analysis (PdnPlugin *plugin, JsonObject *parameters,
                                            PdnProgressFunc progress, gpointer progress_data,
                                            GCancellable *cancellable, GError **error);
/* Runs a plugin route's handler with the same rules. */
JsonNode *pdn_plugin_runner_route (PdnPlugin *plugin, PdnRouteFunc handler, gpointer user_data,
                                   const PdnCaller *caller, JsonObject *program, JsonNode *body,
                                   GHashTable *query, guint *status, GError **error);

G_END_DECLS
