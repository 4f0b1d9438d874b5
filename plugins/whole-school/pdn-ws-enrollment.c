/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-enrollment.h"
#include "pdn-ws-fields.h"

/* An enrollment's shape: reading one from a request body (every field
 * checked, the first fault named) and writing it as the API shows it.
 * Whether the school meets the program's requirements is
 * pdn-ws-enrollment-check.c's concern; the store's, pdn-ws-enrollment-store.c. */

#define MAX_TEAM 500

const gchar *const pdn_ws_team_roles[] = { "leader", "teacher", "coach", NULL };

static void
team_member_free (PdnWsTeamMember *member)
{
  g_free (member->role);
  g_free (member->grade_level);
  g_free (member->name);
  g_free (member);
}

PdnWsEnrollment *
pdn_ws_enrollment_new (void)
{
  PdnWsEnrollment *self = g_new0 (PdnWsEnrollment, 1);

  self->commitments = g_ptr_array_new_with_free_func (g_free);
  self->team = g_ptr_array_new_with_free_func ((GDestroyNotify) team_member_free);
  return self;
}

void
pdn_ws_enrollment_free (PdnWsEnrollment *self)
{
  if (self == NULL)
    return;
  g_free (self->school_name);
  g_free (self->starts_on);
  g_ptr_array_unref (self->commitments);
  g_ptr_array_unref (self->team);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

PdnWsTeamMember *
pdn_ws_enrollment_add_member (PdnWsEnrollment *self, gint64 person_id, const gchar *role,
                              const gchar *grade_level)
{
  PdnWsTeamMember *member = g_new0 (PdnWsTeamMember, 1);

  member->person_id = person_id;
  member->role = g_strdup (role);
  member->grade_level = g_strdup (grade_level);
  g_ptr_array_add (self->team, member);
  return member;
}

gboolean
pdn_ws_enrollment_has_commitment (PdnWsEnrollment *self, const gchar *element)
{
  for (guint i = 0; i < self->commitments->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->commitments, i), element) == 0)
      return TRUE;
  return FALSE;
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
read_readiness (PdnWsEnrollment *self, PdnWsFields *fields, GError **error)
{
  JsonNode *node = NULL;
  g_autoptr (PdnWsFields) readiness = NULL;

  if (!pdn_ws_fields_get_object (fields, "readiness", TRUE, &node, error))
    return FALSE;
  readiness = pdn_ws_fields_new (node, "readiness", error);
  return readiness != NULL
         && pdn_ws_fields_get_number (readiness, "devices_per_student", TRUE, 0, 100,
                                      &self->devices_per_student, error)
         && pdn_ws_fields_get_number (readiness, "bandwidth_mbps_per_student", TRUE, 0, 100000,
                                      &self->bandwidth_mbps_per_student, error)
         && pdn_ws_fields_finish (readiness, error);
}

/* Each one of the program's core elements, none twice. */
static gboolean
read_commitment (PdnWsEnrollment *self, JsonNode *node, const gchar *field,
                 PdnWsSettings *settings, GError **error)
{
  const gchar *element;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (field, error, _("%s must be a string"), field);
  element = json_node_get_string (node);
  if (!pdn_ws_settings_has_element (settings, element))
    {
      g_autofree gchar *known = pdn_ws_settings_join_elements (settings);

      return fail (field, error, _("%s must be one of: %s"), field, known);
    }
  if (pdn_ws_enrollment_has_commitment (self, element))
    return fail (field, error, _("%s repeats “%s”"), field, element);
  g_ptr_array_add (self->commitments, g_strdup (element));
  return TRUE;
}

static gboolean
read_commitments (PdnWsEnrollment *self, PdnWsFields *fields, PdnWsSettings *settings,
                  GError **error)
{
  JsonArray *array = NULL;

  if (!pdn_ws_fields_get_array (fields, "commitments", TRUE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree gchar *field = g_strdup_printf ("commitments[%u]", i);

      if (!read_commitment (self, json_array_get_element (array, i), field, settings, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
find_member (PdnWsEnrollment *self, gint64 person_id)
{
  for (guint i = 0; i < self->team->len; i++)
    if (((PdnWsTeamMember *) g_ptr_array_index (self->team, i))->person_id == person_id)
      return TRUE;
  return FALSE;
}

static gboolean
check_role (const gchar *role, const gchar *field, GError **error)
{
  g_autofree gchar *known = NULL;

  if (role == NULL || g_strv_contains (pdn_ws_team_roles, role))
    return TRUE;
  known = g_strjoinv (", ", (gchar **) pdn_ws_team_roles);
  return fail (field, error, _("%s must be one of: %s"), field, known);
}

static gboolean
read_member (PdnWsEnrollment *self, JsonNode *node, const gchar *path, GError **error)
{
  g_autoptr (PdnWsFields) fields = pdn_ws_fields_new (node, path, error);
  g_autofree gchar *role = NULL, *grade_level = NULL;
  g_autofree gchar *person_field = g_strconcat (path, ".person_id", NULL);
  g_autofree gchar *role_field = g_strconcat (path, ".role", NULL);
  gint64 person_id = 0;

  if (fields == NULL || !pdn_ws_fields_get_id (fields, "person_id", TRUE, &person_id, error)
      || !pdn_ws_fields_get_string (fields, "role", FALSE, 20, &role, error)
      || !check_role (role, role_field, error)
      || !pdn_ws_fields_get_string (fields, "grade_level", FALSE, 20, &grade_level, error)
      || !pdn_ws_fields_finish (fields, error))
    return FALSE;
  if (find_member (self, person_id))
    return fail (person_field, error, _("%s repeats person %lld"), person_field,
                 (long long) person_id);
  pdn_ws_enrollment_add_member (self, person_id, role, grade_level);
  return TRUE;
}

static gboolean
read_team (PdnWsEnrollment *self, PdnWsFields *fields, GError **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!pdn_ws_fields_get_array (fields, "team", TRUE, &array, error))
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0 || n > MAX_TEAM)
    return fail ("team", error, _("%s must list from %d to %d people"), "team", 1, MAX_TEAM);
  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *path = g_strdup_printf ("team[%u]", i);

      if (!read_member (self, json_array_get_element (array, i), path, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pdn_ws_enrollment_from_json:
 * @school_id: the school a PUT names in its path, or 0 for a POST, whose
 *   body names it in `school_id`
 *
 * Returns: (transfer full) (nullable): the enrollment the body describes,
 *   or %NULL with PDN_ERROR_INVALID_INPUT naming the first field at fault.
 */
PdnWsEnrollment *
pdn_ws_enrollment_from_json (JsonNode *body, PdnWsSettings *settings, gint64 school_id,
                             GError **error)
{
  g_autoptr (PdnWsEnrollment) self = pdn_ws_enrollment_new ();
  g_autoptr (PdnWsFields) fields = pdn_ws_fields_new (body, NULL, error);

  self->school_id = school_id;
  if (fields == NULL
      || (school_id == 0
          && !pdn_ws_fields_get_id (fields, "school_id", TRUE, &self->school_id, error))
      || !pdn_ws_fields_get_date (fields, "starts_on", FALSE, &self->starts_on, error)
      || !read_readiness (self, fields, error) || !read_commitments (self, fields, settings, error)
      || !read_team (self, fields, error) || !pdn_ws_fields_finish (fields, error))
    return NULL;
  return g_steal_pointer (&self);
}

static JsonNode *
team_to_json (PdnWsEnrollment *self)
{
  JsonArray *team = json_array_sized_new (self->team->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->team->len; i++)
    {
      PdnWsTeamMember *member = g_ptr_array_index (self->team, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "person_id", member->person_id);
      json_object_set_string_member (object, "name", member->name);
      json_object_set_string_member (object, "role", member->role);
      if (member->grade_level != NULL)
        json_object_set_string_member (object, "grade_level", member->grade_level);
      else
        json_object_set_null_member (object, "grade_level");
      json_array_add_object_element (team, object);
    }
  json_node_take_array (node, team);
  return node;
}

static JsonNode *
strings_to_json (GPtrArray *strings)
{
  JsonArray *array = json_array_sized_new (strings->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_node_take_array (node, array);
  return node;
}

JsonNode *
pdn_ws_enrollment_to_json (PdnWsEnrollment *self)
{
  JsonObject *object = json_object_new ();
  JsonObject *readiness = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "program_id", self->program_id);
  json_object_set_int_member (object, "school_id", self->school_id);
  json_object_set_string_member (object, "school_name", self->school_name);
  json_object_set_string_member (object, "starts_on", self->starts_on);
  json_object_set_double_member (readiness, "devices_per_student", self->devices_per_student);
  json_object_set_double_member (readiness, "bandwidth_mbps_per_student",
                                 self->bandwidth_mbps_per_student);
  json_object_set_object_member (object, "readiness", readiness);
  json_object_set_member (object, "commitments", strings_to_json (self->commitments));
  json_object_set_member (object, "team", team_to_json (self));
  json_object_set_string_member (object, "created_at", self->created_at);
  json_object_set_string_member (object, "updated_at", self->updated_at);
  json_node_take_object (node, object);
  return node;
}
