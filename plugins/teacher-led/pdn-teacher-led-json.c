/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pdn-teacher-led-json.h"

static JsonNode *
get_value (JsonObject *object, const gchar *name, GType type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

const gchar *
pdn_teacher_led_json_text (JsonObject *object, const gchar *name)
{
  JsonNode *node = get_value (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gint64
pdn_teacher_led_json_id (JsonObject *object, const gchar *name)
{
  JsonNode *node = get_value (object, name, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : 0;
}

JsonObject *
pdn_teacher_led_json_object (JsonObject *object, const gchar *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
pdn_teacher_led_is_blank (const gchar *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
digits (const gchar *text, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
pdn_teacher_led_is_date (const gchar *text)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !digits (text, 0, 4) || !digits (text, 5, 7) || !digits (text, 8, 10))
    return FALSE;
  return g_date_valid_dmy ((GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                           (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                           (GDateYear) g_ascii_strtoull (text, NULL, 10));
}

gchar *
pdn_teacher_led_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
