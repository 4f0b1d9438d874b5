/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-program-settings.h>

#include "pdn-json-schema.h"

JsonObject *
pdn_program_settings_parse_schema (JsonObject **schema, const gchar *text)
{
  if (g_once_init_enter (schema))
    {
      g_autoptr (JsonNode) node = json_from_string (text, NULL);

      g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
      g_once_init_leave (schema, json_object_ref (json_node_get_object (node)));
    }
  return *schema;
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* json_node_get_double() reads a whole number too. */
gdouble
pdn_program_settings_get_number (JsonObject *schema, JsonObject *settings, const gchar *name)
{
  JsonObject *property = pdn_json_schema_get_property (schema, name);
  JsonNode *node = settings != NULL ? json_object_get_member (settings, name) : NULL;

  if (is_number (node))
    return json_node_get_double (node);
  node = property != NULL ? json_object_get_member (property, "default") : NULL;
  return is_number (node) ? json_node_get_double (node) : 0;
}
