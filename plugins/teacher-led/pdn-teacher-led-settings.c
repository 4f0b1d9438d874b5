/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-teacher-led-settings.h"

/* The settings are what this schema says: describe() publishes it, the
 * core checks programs' settings against it, and reading takes its
 * defaults. The type adds only what a schema cannot say. */
static const gchar schema_text[] =
  "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
  "\"sessions_per_course\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10,\"default\":5,"
  "\"description\":\"The most sessions a course may have\"},"
  "\"sessions_to_complete\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10,\"default\":4,"
  "\"description\":\"Sessions of one course a teacher must attend (present or partial) to "
  "earn its credit; at most sessions_per_course\"},"
  "\"credit_hours\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1000,\"default\":0,"
  "\"description\":\"PD hours credited for each completed course\"},"
  "\"graduate_credits\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100,\"default\":0,"
  "\"description\":\"Graduate credits earned for each completed course\"},"
  "\"credit\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":200,"
  "\"description\":\"How the credit is described to teachers, such as \\\"district PD hours "
  "or graduate credit\\\"; informational\"}}}";

static JsonObject *
schema (void)
{
  static JsonObject *parsed;

  return pdn_program_settings_parse_schema (&parsed, schema_text);
}

JsonNode *
pdn_teacher_led_settings_schema (void)
{
  return json_from_string (schema_text, NULL);
}

/* What the schema cannot say: one setting bounded by another. */
gboolean
pdn_teacher_led_settings_validate (JsonObject *settings, GError **error)
{
  PdnTeacherLedSettings values;

  pdn_teacher_led_settings_read (settings, &values);
  if (values.sessions_to_complete <= values.sessions_per_course)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "settings.sessions_to_complete",
                       _("A course has at most %lld sessions (sessions_per_course), so completing "
                         "one cannot take %lld"),
                       (long long) values.sessions_per_course,
                       (long long) values.sessions_to_complete);
  return FALSE;
}

void
pdn_teacher_led_settings_read (JsonObject *settings, PdnTeacherLedSettings *out)
{
  out->sessions_per_course
      = (gint64) pdn_program_settings_get_number (schema (), settings, "sessions_per_course");
  out->sessions_to_complete
      = (gint64) pdn_program_settings_get_number (schema (), settings, "sessions_to_complete");
  out->credit_hours = pdn_program_settings_get_number (schema (), settings, "credit_hours");
  out->graduate_credits
      = pdn_program_settings_get_number (schema (), settings, "graduate_credits");
}
