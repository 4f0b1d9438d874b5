/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-context.h>

G_BEGIN_DECLS

#define PDN_TYPE_PROGRAM_TYPE (pdn_program_type_get_type ())
G_DECLARE_INTERFACE (PdnProgramType, pdn_program_type, PDN, PROGRAM_TYPE, GObject)

/**
 * PdnProgramTypeInterface:
 * @describe: the type: `{"id", "name", "description", "settings_schema"
 *   (JSON Schema of the program's settings), "series_kinds": [...],
 *   "session_kinds": [...], "measurements": [...] (what it supports, such
 *   as "attendance", "feedback", "fidelity")}`. `id` is the program type
 *   programs name in `type`. Optionally "registration_fields" (see
 *   @expand_registration) and "series_registration": "optional" (one
 *   session or a whole series, as people choose) or "whole" (one session
 *   registers for its whole series). Required.
 * @validate_settings: whether @settings (a JSON object) suit a program of
 *   this type, beyond what settings_schema says: the core has checked
 *   them against it (see pdn-json-schema.h for the subset it enforces)
 *   and passes a copy with its defaults filled in. Name the setting at
 *   fault in the error's field as "settings.<name>".
 * @validate_series: whether @series (as the API shows it) may be in
 *   @program, such as its kind.
 * @validate_session: likewise for a session.
 * @check_registration: whether @person_id may register for @session. Runs
 *   inside the registration's write transaction; refuse with the reason
 *   (PDN_ERROR_UNPROCESSABLE, or PDN_ERROR_CONFLICT for a clash).
 * @expand_registration: who else, or what else, one request registers.
 *   @request is the registration's JSON body (a type may define members,
 *   such as `"team": true`). Append person ids to @people and session ids
 *   to @sessions; the core then registers every person for every session
 *   (plus the one asked for) in one transaction. Leave both empty for a
 *   plain registration.
 * @compute_credit: what @person_id earned in @program: fill @credit with
 *   `{"completed": bool, "hours": number, "graduate_credits": number,
 *   "detail": "..."}`; the core adds the program. Runs inside a read
 *   transaction.
 *
 * Every hook but describe is optional. Hooks return %TRUE, or %FALSE with
 * @error set; the core's runner functions report a hook that returns
 * %FALSE without an error, or a malformed answer, as the plugin's fault.
 * @program, @series and @session are JSON objects as the API shows them.
 */
struct _PdnProgramTypeInterface
{
  GTypeInterface parent_iface;
  JsonNode *(*describe) (PdnProgramType *self);
  gboolean (*validate_settings) (PdnProgramType *self, PdnContext *context,
                                 JsonObject *settings, GError **error);
  gboolean (*validate_series) (PdnProgramType *self, PdnContext *context, JsonObject *program,
                               JsonObject *series, GError **error);
  gboolean (*validate_session) (PdnProgramType *self, PdnContext *context, JsonObject *program,
                                JsonObject *session, GError **error);
  gboolean (*check_registration) (PdnProgramType *self, PdnContext *context,
                                  JsonObject *program, JsonObject *session, gint64 person_id,
                                  GError **error);
  gboolean (*expand_registration) (PdnProgramType *self, PdnContext *context,
                                   JsonObject *program, JsonObject *session, gint64 person_id,
                                   JsonObject *request, GArray *people, GArray *sessions,
                                   GError **error);
  gboolean (*compute_credit) (PdnProgramType *self, PdnContext *context, JsonObject *program,
                              gint64 person_id, JsonObject *credit, GError **error);
  /*< private >*/
  gpointer padding[8];
};

G_END_DECLS
