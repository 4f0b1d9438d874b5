/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-json-fields.h"

struct _PdnJsonFields
{
  GObject parent_instance;
  JsonObject *object;
  gchar *path;     /* "" for the body itself, else "affiliations[1]" */
  GHashTable *read; /* member names a getter asked for */
};

G_DEFINE_FINAL_TYPE (PdnJsonFields, pdn_json_fields, G_TYPE_OBJECT)

static void
pdn_json_fields_finalize (GObject *object)
{
  PdnJsonFields *self = PDN_JSON_FIELDS (object);

  g_clear_pointer (&self->object, json_object_unref);
  g_free (self->path);
  g_hash_table_unref (self->read);
  G_OBJECT_CLASS (pdn_json_fields_parent_class)->finalize (object);
}

static void
pdn_json_fields_class_init (PdnJsonFieldsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_json_fields_finalize;
}

static void
pdn_json_fields_init (PdnJsonFields *self)
{
  self->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * pdn_json_fields_new:
 * @path: (nullable): where @node sits in the body, for field names; %NULL
 *   for the body itself
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when @node is
 *   not an object.
 */
PdnJsonFields *
pdn_json_fields_new (JsonNode *node, const gchar *path, GError **error)
{
  g_autoptr (PdnJsonFields) self = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, path != NULL ? path : "body",
                           _("%s must be a JSON object"), path != NULL ? path : "body");
      return NULL;
    }
  self = g_object_new (PDN_TYPE_JSON_FIELDS, NULL);
  self->object = json_object_ref (json_node_get_object (node));
  self->path = g_strdup (path != NULL ? path : "");
  return g_steal_pointer (&self);
}

/* "name", or "affiliations[1].name" inside a nested object. */
gchar *
pdn_json_fields_path (PdnJsonFields *self, const gchar *name)
{
  if (self->path[0] == '\0')
    return g_strdup (name);
  return g_strconcat (self->path, ".", name, NULL);
}

/* Marks @name as read and returns its node, or NULL when absent. */
static JsonNode *
member (PdnJsonFields *self, const gchar *name)
{
  g_hash_table_add (self->read, g_strdup (name));
  return json_object_get_member (self->object, name);
}

static gboolean
type_error (PdnJsonFields *self, const gchar *name, const gchar *expected, GError **error)
{
  g_autofree gchar *field = pdn_json_fields_path (self, name);

  /* TRANSLATORS: the second %s is a JSON type such as "a string" */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be %s"), field,
                       expected);
  return FALSE;
}

/* Accepts @name without reading it: someone else (a program type) will. */
void
pdn_json_fields_skip (PdnJsonFields *self, const gchar *name)
{
  member (self, name);
}

gboolean
pdn_json_fields_has (PdnJsonFields *self, const gchar *name)
{
  return json_object_has_member (self->object, name);
}

gboolean
pdn_json_fields_require (PdnJsonFields *self, const gchar *name, GError **error)
{
  g_autofree gchar *field = NULL;
  JsonNode *node = json_object_get_member (self->object, name);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  field = pdn_json_fields_path (self, name);
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
pdn_json_fields_get_string (PdnJsonFields *self, const gchar *name, gboolean nullable,
                            gchar **value, GError **error)
{
  JsonNode *node = member (self, name);

  if (node == NULL)
    return TRUE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (value, g_free);
      return TRUE;
    }
  if (!is_string (node))
    return type_error (self, name, _("a string"), error);
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
pdn_json_fields_get_int (PdnJsonFields *self, const gchar *name, gint64 min, gint64 max,
                         gint64 *value, GError **error)
{
  JsonNode *node = member (self, name);
  g_autofree gchar *field = NULL;
  gint64 number;

  if (node == NULL)
    return TRUE;
  if (!is_integer (node))
    return type_error (self, name, _("a whole number"), error);
  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      field = pdn_json_fields_path (self, name);
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s must be from %lld to %lld"), field, (long long) min,
                           (long long) max);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

/* Ids are positive integers; null (when allowed) is stored as 0. */
gboolean
pdn_json_fields_get_id (PdnJsonFields *self, const gchar *name, gboolean nullable,
                        gint64 *value, GError **error)
{
  JsonNode *node = json_object_get_member (self->object, name);

  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_hash_table_add (self->read, g_strdup (name));
      *value = 0;
      return TRUE;
    }
  return pdn_json_fields_get_int (self, name, 1, G_MAXINT64, value, error);
}

gboolean
pdn_json_fields_get_bool (PdnJsonFields *self, const gchar *name, gboolean *value,
                          GError **error)
{
  JsonNode *node = member (self, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return type_error (self, name, _("true or false"), error);
  *value = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
get_array (PdnJsonFields *self, const gchar *name, const gchar *expected, gboolean *present,
           GError **error)
{
  JsonNode *node = member (self, name);

  *present = node != NULL;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      type_error (self, name, expected, error);
      return NULL;
    }
  return json_node_get_array (node);
}

static gchar *
element_path (PdnJsonFields *self, const gchar *name, guint index)
{
  g_autofree gchar *field = pdn_json_fields_path (self, name);

  return g_strdup_printf ("%s[%u]", field, index);
}

gboolean
pdn_json_fields_get_ids (PdnJsonFields *self, const gchar *name, GArray **value,
                         GError **error)
{
  gboolean present = FALSE;
  JsonArray *array = get_array (self, name, _("a list of ids"), &present, error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (array == NULL)
    return !present;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id = is_integer (node) ? json_node_get_int (node) : 0;

      if (id < 1)
        {
          g_autofree gchar *field = element_path (self, name, i);
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                               _("%s must be an id (a positive whole number)"), field);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  g_clear_pointer (value, g_array_unref);
  *value = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
pdn_json_fields_get_strings (PdnJsonFields *self, const gchar *name, GPtrArray **value,
                             GError **error)
{
  gboolean present = FALSE;
  JsonArray *array = get_array (self, name, _("a list of strings"), &present, error);
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  if (array == NULL)
    return !present;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!is_string (node))
        {
          g_autofree gchar *field = element_path (self, name, i);
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be a string"),
                               field);
          return FALSE;
        }
      g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  g_clear_pointer (value, g_ptr_array_unref);
  *value = g_steal_pointer (&strings);
  return TRUE;
}

/* Any JSON object, kept whole (for settings a plugin owns). */
gboolean
pdn_json_fields_get_object (PdnJsonFields *self, const gchar *name, JsonNode **value,
                            GError **error)
{
  JsonNode *node = member (self, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return type_error (self, name, _("a JSON object"), error);
  g_clear_pointer (value, json_node_unref);
  *value = json_node_copy (node);
  return TRUE;
}

/**
 * pdn_json_fields_get_objects:
 *
 * Returns: (transfer full) (nullable): a reader for each object of the
 *   list @name, an empty array when it is absent, or %NULL on error.
 */
GPtrArray *
pdn_json_fields_get_objects (PdnJsonFields *self, const gchar *name, GError **error)
{
  gboolean present = FALSE;
  JsonArray *array = get_array (self, name, _("a list of objects"), &present, error);
  g_autoptr (GPtrArray) readers = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    return present ? NULL : g_steal_pointer (&readers);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree gchar *path = element_path (self, name, i);
      PdnJsonFields *reader = pdn_json_fields_new (json_array_get_element (array, i), path, error);

      if (reader == NULL)
        return NULL;
      g_ptr_array_add (readers, reader);
    }
  return g_steal_pointer (&readers);
}

/* Refuses the first member (in document order) that nothing read. */
gboolean
pdn_json_fields_finish (PdnJsonFields *self, GError **error)
{
  g_autoptr (GList) names = json_object_get_members (self->object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree gchar *field = NULL;

      if (g_hash_table_contains (self->read, l->data))
        continue;
      field = pdn_json_fields_path (self, l->data);
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is not a known field"),
                           field);
      return FALSE;
    }
  return TRUE;
}
