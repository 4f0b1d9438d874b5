/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-coaching-call.h"
#include "pdn-ws-fields.h"

/* A coaching-call log's shape: read from a request body, every field
 * checked, and written as the API shows it. */

PdnWsCoachingCall *
pdn_ws_coaching_call_new (void)
{
  PdnWsCoachingCall *self = g_new0 (PdnWsCoachingCall, 1);

  self->commitments_kept = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
pdn_ws_coaching_call_free (PdnWsCoachingCall *self)
{
  if (self == NULL)
    return;
  g_free (self->school_name);
  g_free (self->held_on);
  g_free (self->mentor_name);
  g_free (self->notes);
  g_ptr_array_unref (self->commitments_kept);
  g_free (self->created_at);
  g_free (self);
}

static gboolean
fail (const gchar *field, GError **error, const gchar *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (const gchar *field, GError **error, const gchar *format, ...)
{
  va_list args;
  g_autofree gchar *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, "%s", message);
  return FALSE;
}

static gboolean
kept_already (PdnWsCoachingCall *self, const gchar *element)
{
  for (guint i = 0; i < self->commitments_kept->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->commitments_kept, i), element) == 0)
      return TRUE;
  return FALSE;
}

/* Absent: not reviewed on this call. A list (even empty): reviewed, and
 * these were kept. */
static gboolean
read_commitments_kept (PdnWsCoachingCall *self, PdnWsFields *fields, PdnWsSettings *settings,
                       GError **error)
{
  JsonArray *array = NULL;

  if (!pdn_ws_fields_get_array (fields, "commitments_kept", FALSE, &array, error))
    return FALSE;
  self->commitments_reviewed = array != NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree gchar *field = g_strdup_printf ("commitments_kept[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      const gchar *element;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (field, error, _("%s must be a string"), field);
      element = json_node_get_string (node);
      if (!pdn_ws_settings_has_element (settings, element))
        {
          g_autofree gchar *known = pdn_ws_settings_join_elements (settings);
          return fail (field, error, _("%s must be one of: %s"), field, known);
        }
      if (kept_already (self, element))
        return fail (field, error, _("%s repeats “%s”"), field, element);
      g_ptr_array_add (self->commitments_kept, g_strdup (element));
    }
  return TRUE;
}

/* A call needs its session or its date. */
static gboolean
check_when (PdnWsCoachingCall *self, GError **error)
{
  if (self->session_id > 0 || self->held_on != NULL)
    return TRUE;
  return fail ("date", error, _("%s is required when no session_id is given"), "date");
}

/**
 * pdn_ws_coaching_call_from_json:
 * @default_mentor: the caller's own person, the mentor when the body
 *   names none (0: none)
 *
 * Returns: (transfer full) (nullable): the call the body describes, or
 *   %NULL with PDN_ERROR_INVALID_INPUT naming the first field at fault.
 */
PdnWsCoachingCall *
pdn_ws_coaching_call_from_json (JsonNode *body, PdnWsSettings *settings, gint64 default_mentor,
                                GError **error)
{
  g_autoptr (PdnWsCoachingCall) self = pdn_ws_coaching_call_new ();
  g_autoptr (PdnWsFields) fields = pdn_ws_fields_new (body, NULL, error);

  self->mentor_person_id = default_mentor;
  if (fields == NULL || !pdn_ws_fields_get_id (fields, "school_id", TRUE, &self->school_id, error)
      || !pdn_ws_fields_get_id (fields, "session_id", FALSE, &self->session_id, error)
      || !pdn_ws_fields_get_date (fields, "date", FALSE, &self->held_on, error)
      || !check_when (self, error)
      || !pdn_ws_fields_get_id (fields, "mentor_person_id", self->mentor_person_id == 0,
                                &self->mentor_person_id, error)
      || !pdn_ws_fields_get_int (fields, "duration_minutes", TRUE, 1, 600,
                                 &self->duration_minutes, error)
      || !pdn_ws_fields_get_string (fields, "notes", FALSE, 10000, &self->notes, error)
      || !read_commitments_kept (self, fields, settings, error)
      || !pdn_ws_fields_finish (fields, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
set_id_or_null (JsonObject *object, const gchar *name, gint64 id)
{
  if (id > 0)
    json_object_set_int_member (object, name, id);
  else
    json_object_set_null_member (object, name);
}

static void
set_text_or_null (JsonObject *object, const gchar *name, const gchar *text)
{
  if (text != NULL)
    json_object_set_string_member (object, name, text);
  else
    json_object_set_null_member (object, name);
}

JsonNode *
pdn_ws_coaching_call_to_json (PdnWsCoachingCall *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", self->id);
  json_object_set_int_member (object, "program_id", self->program_id);
  json_object_set_int_member (object, "school_id", self->school_id);
  json_object_set_string_member (object, "school_name", self->school_name);
  set_id_or_null (object, "session_id", self->session_id);
  json_object_set_string_member (object, "date", self->held_on);
  json_object_set_int_member (object, "mentor_person_id", self->mentor_person_id);
  json_object_set_string_member (object, "mentor_name", self->mentor_name);
  json_object_set_int_member (object, "duration_minutes", self->duration_minutes);
  set_text_or_null (object, "notes", self->notes);
  if (self->commitments_reviewed)
    {
      JsonArray *kept = json_array_sized_new (self->commitments_kept->len);

      for (guint i = 0; i < self->commitments_kept->len; i++)
        json_array_add_string_element (kept, g_ptr_array_index (self->commitments_kept, i));
      json_object_set_array_member (object, "commitments_kept", kept);
    }
  else
    json_object_set_null_member (object, "commitments_kept");
  json_object_set_string_member (object, "created_at", self->created_at);
  json_node_take_object (node, object);
  return node;
}
