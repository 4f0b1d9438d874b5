/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-course.h"
#include "pdn-teacher-led-credit.h"
#include "pdn-teacher-led-enrollment.h"
#include "pdn-teacher-led-leaders.h"
#include "pdn-teacher-led-plugin.h"
#include "pdn-teacher-led-routes.h"
#include "pdn-teacher-led-settings.h"

/* The "teacher-led" program type, modelled on Teach Plus's Boston
 * Educators Collaborative: courses of five sessions on topics host schools
 * chose, each led by one or two teachers of any sector the program
 * selected and trained. A teacher registers for a whole course, one course
 * per term, and earns the program's credit by attending four of five. */

struct _PdnTeacherLedPlugin
{
  PdnPlugin parent_instance;
};

static void program_type_iface_init (PdnProgramTypeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnTeacherLedPlugin, pdn_teacher_led_plugin, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_PROGRAM_TYPE,
                                                      program_type_iface_init))

static void
add_strings (JsonObject *object, const gchar *name, const gchar *const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, name, array);
}

static JsonNode *
describe (PdnProgramType *type)
{
  static const gchar *const series_kinds[] = { PDN_TEACHER_LED_SERIES_KIND, NULL };
  static const gchar *const session_kinds[] = { PDN_TEACHER_LED_SESSION_KIND, NULL };
  static const gchar *const measurements[] = { "attendance", "feedback", NULL };
  PdnPlugin *plugin = PDN_PLUGIN (type);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", pdn_plugin_get_id (plugin));
  json_object_set_string_member (object, "name", pdn_plugin_get_name (plugin));
  json_object_set_string_member (object, "description", pdn_plugin_get_description (plugin));
  json_object_set_member (object, "settings_schema", pdn_teacher_led_settings_schema ());
  add_strings (object, "series_kinds", series_kinds);
  add_strings (object, "session_kinds", session_kinds);
  add_strings (object, "measurements", measurements);
  /* expand_registration takes the whole course from any one session. */
  json_object_set_string_member (object, "series_registration", "whole");
  json_node_take_object (node, object);
  return node;
}

static gboolean
validate_settings (PdnProgramType *type, PdnContext *context, JsonObject *settings,
                   GError **error)
{
  return pdn_teacher_led_settings_validate (settings, error);
}

static gboolean
validate_series (PdnProgramType *type, PdnContext *context, JsonObject *program,
                 JsonObject *series, GError **error)
{
  return pdn_teacher_led_check_course (series, error);
}

static gboolean
validate_session (PdnProgramType *type, PdnContext *context, JsonObject *program,
                  JsonObject *session, GError **error)
{
  return pdn_teacher_led_check_course_session (context, program, session, error);
}

static gboolean
check_registration (PdnProgramType *type, PdnContext *context, JsonObject *program,
                    JsonObject *session, gint64 person_id, GError **error)
{
  return pdn_teacher_led_check_one_course_per_term (context, program, session, person_id,
                                                    error);
}

/* The whole course, whoever registers; the body has no members of ours. */
static gboolean
expand_registration (PdnProgramType *type, PdnContext *context, JsonObject *program,
                     JsonObject *session, gint64 person_id, JsonObject *request, GArray *people,
                     GArray *sessions, GError **error)
{
  return pdn_teacher_led_expand_to_course (context, session, sessions, error);
}

static gboolean
compute_credit (PdnProgramType *type, PdnContext *context, JsonObject *program,
                gint64 person_id, JsonObject *credit, GError **error)
{
  return pdn_teacher_led_compute_credit (context, program, person_id, credit, error);
}

static void
program_type_iface_init (PdnProgramTypeInterface *iface)
{
  iface->describe = describe;
  iface->validate_settings = validate_settings;
  iface->validate_series = validate_series;
  iface->validate_session = validate_session;
  iface->check_registration = check_registration;
  iface->expand_registration = expand_registration;
  iface->compute_credit = compute_credit;
}

static gboolean
setup (PdnPlugin *plugin, PdnContext *context, GError **error)
{
  pdn_context_add_migration (context, 1, pdn_teacher_led_leaders_migration_v1);
  pdn_teacher_led_routes_add (context);
  return TRUE;
}

static void
pdn_teacher_led_plugin_class_init (PdnTeacherLedPluginClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "teacher-led";
  plugin_class->name = N_("Teacher-led courses");
  plugin_class->version = "1.0";
  plugin_class->description = N_("Courses of five sessions on topics chosen by host schools, "
                                 "led by selected and trained teacher-leaders of any sector; "
                                 "a teacher takes one course per term and earns the credit by "
                                 "attending four of its five sessions.");
  plugin_class->setup = setup;
}

static void
pdn_teacher_led_plugin_init (PdnTeacherLedPlugin *self)
{
}

PDN_PLUGIN_DEFINE (pdn_teacher_led_plugin_get_type)
