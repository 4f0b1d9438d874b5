/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-plugin-registry.h"
#include "pdn-program.h"
#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Where the core calls program types: each finds the plugin of the
 * program's type in the default registry and runs the hook through its
 * runner. A program of a type no loaded plugin provides stays readable;
 * writing to it is refused (PDN_ERROR_CONFLICT) with the reason. */

/* Loads the plugins of @extra_dirs, PDNET_PLUGIN_DIR or the install
 * folder into the default registry and lets their program types check
 * registrations. pdnetd and pdnet call it once at start. */
void pdn_plugin_hooks_load (const gchar *const *extra_dirs, PdnStore *store, GKeyFile *config);

/* A program's type by one lookup (registration's hot path needs only
 * that); NULL with @error set when there is no such program. */
gchar *pdn_plugin_hooks_program_type (PdnStore *store, gint64 program_id, GError **error);

/* For a program being created or changed: its type must be loaded (422
 * naming "type") and accept its settings (pdn_plugin_runner_check_settings()
 * with the type's settings_schema). */
gboolean pdn_plugin_hooks_validate_program (PdnProgram *program, GError **error);
/* The plugin of an existing program's type, or NULL with the 409. */
PdnPlugin *pdn_plugin_hooks_writable_program (PdnStore *store, gint64 program_id,
                                              JsonNode **program_json, GError **error);
gboolean pdn_plugin_hooks_validate_series (PdnStore *store, PdnSeries *series, GError **error);
gboolean pdn_plugin_hooks_validate_session (PdnStore *store, PdnSession *session,
                                            GError **error);
/* A #PdnRegistrationCheck: the session's program type decides. */
gboolean pdn_plugin_hooks_check_registration (PdnStore *store, PdnSession *session,
                                              gint64 person_id, gpointer user_data,
                                              GError **error);
/* The extra people and sessions one registration request covers. */
gboolean pdn_plugin_hooks_expand_registration (PdnStore *store, PdnSession *session,
                                               gint64 person_id, JsonObject *request,
                                               GArray *people, GArray *sessions,
                                               GError **error);
/* What @person_id earned in @program; %NULL with @error set, or with no
 * error when the program's type is not loaded. */
JsonObject *pdn_plugin_hooks_credit (PdnProgram *program, gint64 person_id, GError **error);

/**
 * pdn_plugin_registry_invoke_route:
 * @subpath: as the plugin registered it, with parameters filled in
 *   ("enrollments"); the route is matched by method and exact subpath
 *
 * Calls a plugin's route from the core itself (the demo loader), as an
 * admin would, without HTTP.
 *
 * Returns: (transfer full) (nullable): the route's answer.
 */
JsonNode *pdn_plugin_registry_invoke_route (PdnPluginRegistry *self, PdnStore *store,
                                            gint64 program_id, const gchar *method,
                                            const gchar *subpath, JsonNode *body,
                                            GError **error);

G_END_DECLS
