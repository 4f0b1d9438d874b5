/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <pdnet/pdnet.h>

#include "pdn-workshop-series-settings.h"

/* The settings are what this schema says: describe() publishes it, the
 * core checks programs' settings against it, and reading takes its
 * defaults. No setting depends on another, so the type adds no rules. */
static const gchar schema_text[] =
  "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
  "\"sessions_to_complete\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":20,\"default\":3,"
  "\"description\":\"Sessions of one series a participant must attend (present or partial) "
  "to complete it\"},"
  "\"credit_hours\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1000,\"default\":0,"
  "\"description\":\"Hours credited for each completed series\"},"
  "\"credit_hours_per_session\":{\"type\":\"number\",\"minimum\":0,\"maximum\":24,"
  "\"default\":0,"
  "\"description\":\"Hours credited for each attended session of a completed series\"},"
  "\"audience\":{\"type\":\"array\",\"uniqueItems\":true,"
  "\"items\":{\"type\":\"string\",\"enum\":[\"district\",\"charter\",\"catholic\"]},"
  "\"description\":\"Sectors the workshops are offered to; informational, since anyone may "
  "register\"},"
  "\"weekday\":{\"type\":\"string\",\"enum\":[\"monday\",\"tuesday\",\"wednesday\","
  "\"thursday\",\"friday\",\"saturday\",\"sunday\"],"
  "\"description\":\"The day of the week the sessions usually meet; informational\"}}}";

static JsonObject *
schema (void)
{
  static JsonObject *parsed;

  return pdn_program_settings_parse_schema (&parsed, schema_text);
}

JsonNode *
pdn_workshop_series_settings_schema (void)
{
  return json_from_string (schema_text, NULL);
}

void
pdn_workshop_series_settings_read (JsonObject *settings, PdnWorkshopSeriesSettings *out)
{
  out->sessions_to_complete
      = (gint64) pdn_program_settings_get_number (schema (), settings, "sessions_to_complete");
  out->credit_hours = pdn_program_settings_get_number (schema (), settings, "credit_hours");
  out->credit_hours_per_session
      = pdn_program_settings_get_number (schema (), settings, "credit_hours_per_session");
}
