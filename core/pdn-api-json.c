/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-api-json.h"
#include "pdn-validate.h"

/* A string member, or null for NULL (absent optional text). */
void
pdn_api_json_set_text (JsonObject *object, const gchar *name, const gchar *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* An id member, or null for 0 (no reference). */
void
pdn_api_json_set_id (JsonObject *object, const gchar *name, gint64 id)
{
  if (id > 0)
    json_object_set_int_member (object, name, id);
  else
    json_object_set_null_member (object, name);
}

/* Returns: (transfer full): a node holding @object (whose reference it takes). */
JsonNode *
pdn_api_json_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * pdn_api_json_get_enum:
 * @names: the enumeration's names, in value order (pdn_sector_names()...)
 *
 * Reads member @name as one of @names into *@value; leaves it untouched
 * when the member is absent, like the PdnJsonFields getters.
 */
gboolean
pdn_api_json_get_enum (PdnJsonFields *fields, const gchar *name, const gchar *const *names,
                       gint *value, GError **error)
{
  g_autofree gchar *text = NULL;
  g_autofree gchar *field = NULL;

  if (!pdn_json_fields_get_string (fields, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  field = pdn_json_fields_path (fields, name);
  if (!pdn_validate_enum (text, field, names, error))
    return FALSE;
  for (gint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      *value = i;
  return TRUE;
}

/* An optional enumeration filter such as ?sector=charter; -1 when absent. */
gboolean
pdn_api_query_enum (PdnRequest *request, const gchar *name, const gchar *const *names,
                    gint *value, GError **error)
{
  const gchar *text = pdn_request_get_query (request, name);

  *value = -1;
  if (text == NULL)
    return TRUE;
  if (!pdn_validate_enum (text, name, names, error))
    return FALSE;
  for (gint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      *value = i;
  return TRUE;
}

/* {"type":"string","enum":[...]} for OpenAPI, from the names themselves. */
gchar *
pdn_api_json_enum_schema (const gchar *const *names)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "string");
  json_builder_set_member_name (builder, "enum");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}
