/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-workshop-series-settings.h"

/* One table says what each setting is; the JSON Schema describe() shows
 * and the validation are both made from it, so they cannot disagree. */

typedef enum
{
  SETTING_INTEGER,
  SETTING_NUMBER,
  SETTING_CHOICE,  /* one of @choices */
  SETTING_CHOICES, /* a list of distinct @choices */
} SettingKind;

typedef struct
{
  const gchar *name;
  SettingKind kind;
  gdouble minimum;
  gdouble maximum;
  gdouble fallback;
  const gchar *const *choices;
  const gchar *description; /* for the schema, which is not translated */
} SettingSpec;

static const gchar *const sectors[] = { "district", "charter", "catholic", NULL };
static const gchar *const weekdays[] = { "monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday",    NULL };

static const SettingSpec specs[] = {
  { "sessions_to_complete", SETTING_INTEGER, 1, 20, 3, NULL,
    "Sessions of one series a participant must attend (present or partial) to complete it" },
  { "credit_hours", SETTING_NUMBER, 0, 1000, 0, NULL,
    "Hours credited for each completed series" },
  { "credit_hours_per_session", SETTING_NUMBER, 0, 24, 0, NULL,
    "Hours credited for each attended session of a completed series" },
  { "audience", SETTING_CHOICES, 0, 0, 0, sectors,
    "Sectors the workshops are offered to; informational, since anyone may register" },
  { "weekday", SETTING_CHOICE, 0, 0, 0, weekdays,
    "The day of the week the sessions usually meet; informational" },
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
add_choices (JsonBuilder *builder, const gchar *const *choices)
{
  json_builder_set_member_name (builder, "enum");
  json_builder_begin_array (builder);
  for (guint i = 0; choices[i] != NULL; i++)
    json_builder_add_string_value (builder, choices[i]);
  json_builder_end_array (builder);
}

static void
add_spec_schema (JsonBuilder *builder, const SettingSpec *spec)
{
  json_builder_set_member_name (builder, spec->name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, spec->description);
  json_builder_set_member_name (builder, "type");
  switch (spec->kind)
    {
    case SETTING_INTEGER:
    case SETTING_NUMBER:
      json_builder_add_string_value (builder,
                                     spec->kind == SETTING_INTEGER ? "integer" : "number");
      json_builder_set_member_name (builder, "minimum");
      json_builder_add_double_value (builder, spec->minimum);
      json_builder_set_member_name (builder, "maximum");
      json_builder_add_double_value (builder, spec->maximum);
      json_builder_set_member_name (builder, "default");
      json_builder_add_double_value (builder, spec->fallback);
      break;
    case SETTING_CHOICE:
      json_builder_add_string_value (builder, "string");
      add_choices (builder, spec->choices);
      break;
    case SETTING_CHOICES:
      json_builder_add_string_value (builder, "array");
      json_builder_set_member_name (builder, "uniqueItems");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "string");
      add_choices (builder, spec->choices);
      json_builder_end_object (builder);
      break;
    }
  json_builder_end_object (builder);
}

JsonNode *
pdn_workshop_series_settings_schema (void)
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
is_choice (JsonNode *node, const gchar *const *choices)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         && g_strv_contains (choices, json_node_get_string (node));
}

static gboolean
are_distinct_choices (JsonNode *node, const gchar *const *choices)
{
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (!is_choice (item, choices))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (json_node_get_string (item),
                         json_array_get_string_element (array, j)))
          return FALSE;
    }
  return TRUE;
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
check_choices (const SettingSpec *spec, JsonNode *node, GError **error)
{
  g_autofree gchar *names = NULL;

  if (spec->kind == SETTING_CHOICE ? is_choice (node, spec->choices)
                                   : are_distinct_choices (node, spec->choices))
    return TRUE;
  names = g_strjoinv (", ", (gchar **) spec->choices);
  if (spec->kind == SETTING_CHOICE)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, spec->name,
                         _("The setting “%s” must be one of: %s"), spec->name, names);
  else
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, spec->name,
                         _("The setting “%s” must be a list of distinct values among: %s"),
                         spec->name, names);
  return FALSE;
}

static gboolean
check_member (const gchar *name, JsonNode *node, GError **error)
{
  const SettingSpec *spec = find_spec (name);

  if (spec == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                           _("“%s” is not a setting of workshop-series programs"), name);
      return FALSE;
    }
  if (spec->kind == SETTING_INTEGER || spec->kind == SETTING_NUMBER)
    return check_number (spec, node, error);
  return check_choices (spec, node, error);
}

gboolean
pdn_workshop_series_settings_validate (JsonObject *settings, GError **error)
{
  g_autoptr (GList) names = json_object_get_members (settings);

  /* In the order written, so the first mistake is the one reported. */
  for (GList *l = names; l != NULL; l = l->next)
    if (!check_member (l->data, json_object_get_member (settings, l->data), error))
      return FALSE;
  return TRUE;
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
pdn_workshop_series_settings_read (JsonObject *settings, PdnWorkshopSeriesSettings *out)
{
  out->sessions_to_complete = (gint64) get_number (settings, "sessions_to_complete");
  out->credit_hours = get_number (settings, "credit_hours");
  out->credit_hours_per_session = get_number (settings, "credit_hours_per_session");
}
