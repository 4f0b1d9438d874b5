/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-whole-school-plugin.h"
#include "pdn-ws-credit.h"
#include "pdn-ws-kinds.h"
#include "pdn-ws-migrations.h"
#include "pdn-ws-registration.h"
#include "pdn-ws-routes.h"
#include "pdn-ws-settings.h"

/*
 * The `whole-school` program type (Summit Learning-style, Table 1 of
 * "Passing Notes"): schools enroll with a team, readiness and
 * commitments; their teams alone register; mentors log coaching calls;
 * fidelity reports per school. Each hook hands over to the file that owns
 * its concern; this one only wires them up.
 */

struct _PdnWholeSchoolPlugin
{
  PdnPlugin parent_instance;
};

static void pdn_whole_school_plugin_program_type_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnWholeSchoolPlugin, pdn_whole_school_plugin, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      pdn_whole_school_plugin_program_type_init))

static gboolean
setup (PdnPlugin *plugin, PdnContext *context, GError **error)
{
  pdn_ws_migrations_register (context);
  pdn_ws_routes_register (context);
  return TRUE;
}

static JsonNode *
describe (PdnProgramType *type)
{
  return pdn_ws_kinds_describe ();
}

static gboolean
validate_settings (PdnProgramType *type, PdnContext *context, JsonObject *settings,
                   GError **error)
{
  g_autoptr (PdnWsSettings) parsed = pdn_ws_settings_parse (settings, error);

  return parsed != NULL;
}

static gboolean
validate_series (PdnProgramType *type, PdnContext *context, JsonObject *program,
                 JsonObject *series, GError **error)
{
  return pdn_ws_kinds_check_series (series, error);
}

static gboolean
validate_session (PdnProgramType *type, PdnContext *context, JsonObject *program,
                  JsonObject *session, GError **error)
{
  return pdn_ws_kinds_check_session (context, session, error);
}

static gboolean
check_registration (PdnProgramType *type, PdnContext *context, JsonObject *program,
                    JsonObject *session, gint64 person_id, GError **error)
{
  return pdn_ws_registration_check (context, program, session, person_id, error);
}

static gboolean
expand_registration (PdnProgramType *type, PdnContext *context, JsonObject *program,
                     JsonObject *session, gint64 person_id, JsonObject *request, GArray *people,
                     GArray *sessions, GError **error)
{
  return pdn_ws_registration_expand (context, program, session, person_id, request, people,
                                     error);
}

static gboolean
compute_credit (PdnProgramType *type, PdnContext *context, JsonObject *program,
                gint64 person_id, JsonObject *credit, GError **error)
{
  g_autoptr (PdnWsSettings) settings = pdn_ws_settings_from_program (program, error);

  return settings != NULL
         && pdn_ws_credit_compute (context, program, settings, person_id, credit, error);
}

static void
pdn_whole_school_plugin_program_type_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
  iface->validate_settings = validate_settings;
  iface->validate_series = validate_series;
  iface->validate_session = validate_session;
  iface->check_registration = check_registration;
  iface->expand_registration = expand_registration;
  iface->compute_credit = compute_credit;
}

static void
pdn_whole_school_plugin_class_init (PdnWholeSchoolPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "whole-school";
  plugin_class->name = N_("Whole-school model");
  plugin_class->version = "1.0.0";
  plugin_class->description = N_("Schools enroll as teams in a whole-school model, with "
                                 "readiness and commitment requirements, coaching calls and "
                                 "fidelity reports.");
  plugin_class->setup = setup;
}

static void
pdn_whole_school_plugin_init (PdnWholeSchoolPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_whole_school_plugin_get_type)
