/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-teacher-led-settings.h"

/* One table says what each setting is; the JSON Schema describe() shows
 * and the validation are both made from it, so they cannot disagree. */

typedef enum
{
  SETTING_INTEGER,
  SETTING_NUMBER,
  SETTING_TEXT,
} SettingKind;

typedef struct
{
  const gchar *name;
  SettingKind kind;
  gdouble minimum; /* for text: the length in characters */
  gdouble maximum;
  gdouble fallback;
  const gchar *description; /* for the schema, which is not translated */
} SettingSpec;

static const SettingSpec specs[] = {
  { "sessions_per_course", SETTING_INTEGER, 1, 10, 5, "The most sessions a course may have" },
  { "sessions_to_complete", SETTING_INTEGER, 1, 10, 4,
    "Sessions of one course a teacher must attend (present or partial) to earn its credit; "
    "at most sessions_per_course" },
  { "credit_hours", SETTING_NUMBER, 0, 1000, 0, "PD hours credited for each completed course" },
  { "graduate_credits", SETTING_NUMBER, 0, 100, 0,
    "Graduate credits earned for each completed course" },
  { "credit", SETTING_TEXT, 1, 200, 0,
    "How the credit is described to teachers, such as \"district PD hours or graduate "
    "credit\"; informational" },
};

static const SettingSpec *
find_spec (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_str_equal (specs[i].name, name))
      return &specs[i];
  return NULL;
}

/* ---- schema ---- */

static void
add_double (JsonBuilder *builder, const gchar *name, gdouble value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_spec_schema (JsonBuilder *builder, const SettingSpec *spec)
{
  json_builder_set_member_name (builder, spec->name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, spec->description);
  json_builder_set_member_name (builder, "type");
  if (spec->kind == SETTING_TEXT)
    {
      json_builder_add_string_value (builder, "string");
      add_double (builder, "minLength", spec->minimum);
      add_double (builder, "maxLength", spec->maximum);
    }
  else
    {
      json_builder_add_string_value (builder,
                                     spec->kind == SETTING_INTEGER ? "integer" : "number");
      add_double (builder, "minimum", spec->minimum);
      add_double (builder, "maximum", spec->maximum);
      add_double (builder, "default", spec->fallback);
    }
  json_builder_end_object (builder);
}

JsonNode *
pdn_teacher_led_settings_schema (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "object");
  json_builder_set_member_name (builder, "additionalProperties");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    add_spec_schema (builder, &specs[i]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- validation ---- */

static gboolean
read_number (JsonNode *node, gboolean integer, gdouble *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (gdouble) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && !integer)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*value);
}

static gboolean
check_number (const SettingSpec *spec, JsonNode *node, GError **error)
{
  gdouble value = 0;

  if (read_number (node, spec->kind == SETTING_INTEGER, &value) && value >= spec->minimum
      && value <= spec->maximum)
    return TRUE;
  if (spec->kind == SETTING_INTEGER)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, spec->name,
                         _("The setting “%s” must be a whole number from %g to %g"),
                         spec->name, spec->minimum, spec->maximum);
  else
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, spec->name,
                         _("The setting “%s” must be a number from %g to %g"), spec->name,
                         spec->minimum, spec->maximum);
  return FALSE;
}

static gboolean
check_text (const SettingSpec *spec, JsonNode *node, GError **error)
{
  const gchar *text = NULL;
  glong length = 0;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      text = json_node_get_string (node);
      length = g_utf8_strlen (text, -1);
    }
  if (text != NULL && length >= spec->minimum && length <= spec->maximum)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, spec->name,
                       _("The setting “%s” must be a text of %g to %g characters"), spec->name,
                       spec->minimum, spec->maximum);
  return FALSE;
}

static gboolean
check_member (const gchar *name, JsonNode *node, GError **error)
{
  const SettingSpec *spec = find_spec (name);

  if (spec == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                           _("“%s” is not a setting of teacher-led programs"), name);
      return FALSE;
    }
  if (spec->kind == SETTING_TEXT)
    return check_text (spec, node, error);
  return check_number (spec, node, error);
}

gboolean
pdn_teacher_led_settings_validate (JsonObject *settings, GError **error)
{
  g_autoptr (GList) names = json_object_get_members (settings);
  PdnTeacherLedSettings values;

  /* In the order written, so the first mistake is the one reported. */
  for (GList *l = names; l != NULL; l = l->next)
    if (!check_member (l->data, json_object_get_member (settings, l->data), error))
      return FALSE;
  pdn_teacher_led_settings_read (settings, &values);
  if (values.sessions_to_complete <= values.sessions_per_course)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "sessions_to_complete",
                       _("A course has at most %lld sessions (sessions_per_course), so completing "
                         "one cannot take %lld"),
                       (long long) values.sessions_per_course,
                       (long long) values.sessions_to_complete);
  return FALSE;
}

/* ---- reading ---- */

static gdouble
get_number (JsonObject *settings, const gchar *name)
{
  const SettingSpec *spec = find_spec (name);
  JsonNode *node = settings != NULL ? json_object_get_member (settings, name) : NULL;
  gdouble value = spec->fallback;

  if (node != NULL && !read_number (node, spec->kind == SETTING_INTEGER, &value))
    value = spec->fallback;
  return value;
}

void
pdn_teacher_led_settings_read (JsonObject *settings, PdnTeacherLedSettings *out)
{
  out->sessions_per_course = (gint64) get_number (settings, "sessions_per_course");
  out->sessions_to_complete = (gint64) get_number (settings, "sessions_to_complete");
  out->credit_hours = get_number (settings, "credit_hours");
  out->graduate_credits = get_number (settings, "graduate_credits");
}
