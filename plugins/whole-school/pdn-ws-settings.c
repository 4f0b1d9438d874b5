/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-ws-fields.h"
#include "pdn-ws-settings.h"

/*
 * The settings of a whole-school program. The core checks a program's
 * settings against pdn_ws_settings_schema() before it is saved; this
 * reads them into a struct, and checks the same rules again because
 * pdn_ws_settings_from_program() reads programs saved before the plugin
 * was loaded (keep the two in step).
 */

#define SETTINGS_PATH "settings"
#define MAX_ELEMENTS 20

void
pdn_ws_settings_free (PdnWsSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_clear_pointer (&self->core_elements, g_ptr_array_unref);
  g_free (self);
}

static PdnWsSettings *
settings_new (void)
{
  PdnWsSettings *self = g_new0 (PdnWsSettings, 1);

  self->core_elements = g_ptr_array_new_with_free_func (g_free);
  self->min_leaders = 1;
  self->min_teachers = 1;
  self->coaching_calls_per_month = 1;
  for (guint month = 1; month <= 12; month++)
    self->coaching_months[month] = TRUE;
  self->training_days_required = -1;
  return self;
}

static gboolean
fail_element (const gchar *field, const gchar *message, GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, "%s", message);
  return FALSE;
}

/* At least one element, each an identifier, none twice. */
static gboolean
read_core_elements (PdnWsSettings *self, PdnWsFields *fields, GError **error)
{
  JsonArray *array = NULL;
  g_autofree gchar *field = pdn_ws_fields_path (fields, "core_elements");
  guint n;

  if (!pdn_ws_fields_get_array (fields, "core_elements", TRUE, &array, error))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0 || n > MAX_ELEMENTS)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s must list from %d to %d core elements"), field, 1, MAX_ELEMENTS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *item = g_strdup_printf ("%s[%u]", field, i);
      JsonNode *node = json_array_get_element (array, i);
      const gchar *element;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree gchar *message = g_strdup_printf (_("%s must be a string"), item);
          return fail_element (item, message, error);
        }
      element = json_node_get_string (node);
      if (!pdn_ws_check_identifier (element, item, error))
        return FALSE;
      if (pdn_ws_settings_has_element (self, element))
        {
          g_autofree gchar *message = g_strdup_printf (_("%s repeats “%s”"), item, element);
          return fail_element (item, message, error);
        }
      g_ptr_array_add (self->core_elements, g_strdup (element));
    }
  return TRUE;
}

/* Distinct calendar months 1 to 12; absent means all of them. */
static gboolean
read_coaching_months (PdnWsSettings *self, PdnWsFields *fields, GError **error)
{
  JsonArray *array = NULL;
  g_autofree gchar *field = pdn_ws_fields_path (fields, "coaching_months");
  guint n;

  if (!pdn_ws_fields_get_array (fields, "coaching_months", FALSE, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  n = json_array_get_length (array);
  if (n == 0)
    {
      g_autofree gchar *message = g_strdup_printf (_("%s must name at least one month"), field);
      return fail_element (field, message, error);
    }
  for (guint month = 1; month <= 12; month++)
    self->coaching_months[month] = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *item = g_strdup_printf ("%s[%u]", field, i);
      JsonNode *node = json_array_get_element (array, i);
      gint64 month;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || (month = json_node_get_int (node)) < 1 || month > 12)
        {
          g_autofree gchar *message = g_strdup_printf (_("%s must be from %lld to %lld"), item,
                                                       1LL, 12LL);
          return fail_element (item, message, error);
        }
      if (self->coaching_months[month])
        {
          g_autofree gchar *message = g_strdup_printf (_("%s repeats month %lld"), item,
                                                       (long long) month);
          return fail_element (item, message, error);
        }
      self->coaching_months[month] = TRUE;
    }
  return TRUE;
}

static gboolean
read_settings (PdnWsSettings *self, PdnWsFields *fields, GError **error)
{
  return pdn_ws_fields_get_string (fields, "model", FALSE, 200, &self->model, error)
         && read_core_elements (self, fields, error)
         && pdn_ws_fields_get_number (fields, "min_devices_per_student", FALSE, 0, 10,
                                      &self->min_devices_per_student, error)
         && pdn_ws_fields_get_number (fields, "min_bandwidth_mbps_per_student", FALSE, 0, 1000,
                                      &self->min_bandwidth_mbps_per_student, error)
         && pdn_ws_fields_get_int (fields, "min_leaders", FALSE, 0, 20, &self->min_leaders, error)
         && pdn_ws_fields_get_int (fields, "min_teachers", FALSE, 0, 500, &self->min_teachers,
                                   error)
         && pdn_ws_fields_get_number (fields, "coaching_calls_per_month", FALSE, 0.1, 31,
                                      &self->coaching_calls_per_month, error)
         && read_coaching_months (self, fields, error)
         && pdn_ws_fields_get_int (fields, "training_days_required", FALSE, 1, 60,
                                   &self->training_days_required, error)
         && pdn_ws_fields_get_number (fields, "graduate_credits", FALSE, 0, 60,
                                      &self->graduate_credits, error)
         && pdn_ws_fields_finish (fields, error);
}

/**
 * pdn_ws_settings_parse:
 * @settings: a program's `settings` object
 *
 * Returns: (transfer full) (nullable): the settings with their defaults
 *   filled in, or %NULL with PDN_ERROR_INVALID_INPUT naming the setting
 *   (as "settings.<name>").
 */
PdnWsSettings *
pdn_ws_settings_parse (JsonObject *settings, GError **error)
{
  g_autoptr (PdnWsSettings) self = settings_new ();
  g_autoptr (PdnWsFields) fields = pdn_ws_fields_new_for_object (settings, SETTINGS_PATH);

  if (!read_settings (self, fields, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The settings of @program as the API shows it. Settings are checked when
 * a program is saved, but a program saved before this plugin was loaded
 * may still hold others: those make the program unusable, not the daemon. */
PdnWsSettings *
pdn_ws_settings_from_program (JsonObject *program, GError **error)
{
  JsonNode *node = json_object_get_member (program, "settings");
  g_autoptr (JsonObject) empty = json_object_new ();
  g_autoptr (GError) local_error = NULL;
  PdnWsSettings *self;

  self = pdn_ws_settings_parse (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                                  ? json_node_get_object (node)
                                  : empty,
                                &local_error);
  if (self == NULL)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, pdn_error_get_field (local_error),
                         _("This program’s settings do not suit a whole-school program: %s"),
                         local_error->message);
  return self;
}

gboolean
pdn_ws_settings_has_element (PdnWsSettings *self, const gchar *element)
{
  for (guint i = 0; i < self->core_elements->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->core_elements, i), element) == 0)
      return TRUE;
  return FALSE;
}

/* "a, b, c", for messages. */
gchar *
pdn_ws_settings_join_elements (PdnWsSettings *self)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; i < self->core_elements->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "",
                            (const gchar *) g_ptr_array_index (self->core_elements, i));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

guint
pdn_ws_settings_n_coaching_months (PdnWsSettings *self)
{
  guint n = 0;

  for (guint month = 1; month <= 12; month++)
    n += self->coaching_months[month] ? 1 : 0;
  return n;
}

/* The JSON Schema of the settings, for describe(); the checks above
 * implement exactly this. */
static const gchar settings_schema[] =
  "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
  "\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"core_elements\"],"
  "\"properties\":{"
  "\"model\":{\"type\":\"string\",\"maxLength\":200,"
  "\"description\":\"The name of the whole-school model schools adopt\"},"
  "\"core_elements\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":20,\"uniqueItems\":true,"
  "\"items\":{\"type\":\"string\",\"pattern\":\"^[a-z0-9]+(-[a-z0-9]+)*$\",\"maxLength\":60},"
  "\"description\":\"What every enrolling school commits to, such as one-to-one-mentoring, "
  "project-based-learning, individual-pathways\"},"
  "\"min_devices_per_student\":{\"type\":\"number\",\"minimum\":0,\"maximum\":10,"
  "\"default\":0,\"description\":\"Devices per student a school needs (1 for one-to-one)\"},"
  "\"min_bandwidth_mbps_per_student\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1000,"
  "\"default\":0,\"description\":\"Bandwidth per student a school needs, in Mbps\"},"
  "\"min_leaders\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":20,\"default\":1,"
  "\"description\":\"School leaders an enrolling team needs\"},"
  "\"min_teachers\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":500,\"default\":1,"
  "\"description\":\"Teachers an enrolling team needs\"},"
  "\"coaching_calls_per_month\":{\"type\":\"number\",\"minimum\":0.1,\"maximum\":31,"
  "\"default\":1,\"description\":\"The coaching cadence: calls a school should hold per "
  "coaching month\"},"
  "\"coaching_months\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":12,"
  "\"uniqueItems\":true,\"items\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":12},"
  "\"description\":\"Calendar months coaching runs in (1 is January); all by default\"},"
  "\"training_days_required\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":60,"
  "\"description\":\"Summer training days that complete the program; all of the "
  "program's by default\"},"
  "\"graduate_credits\":{\"type\":\"number\",\"minimum\":0,\"maximum\":60,\"default\":0,"
  "\"description\":\"Graduate credits a participant who completes the program earns\"}}}";

JsonNode *
pdn_ws_settings_schema (void)
{
  return json_from_string (settings_schema, NULL);
}
