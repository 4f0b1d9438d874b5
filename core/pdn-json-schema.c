/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-json-schema.h"

/* See pdn-json-schema.h for the subset. Checking a schema is for plugin
 * authors (its messages go to the log, untranslated); validating values
 * is for callers (translated, naming the field). */

static const gchar *const value_types[] = { "integer", "number", "string", "boolean", "array",
                                            NULL };
static const gchar *const root_keywords[] = { "$schema",    "type",     "title",
                                              "description", "properties", "required",
                                              "additionalProperties", NULL };
static const gchar *const property_keywords[] = {
  "type",     "title",    "description", "default",   "enum",      "minimum", "maximum",
  "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "items",
  NULL
};
static const gchar *const item_keywords[] = { "type",      "title",     "description",
                                              "enum",      "minimum",   "maximum",
                                              "minLength", "maxLength", "pattern",
                                              NULL };

#define SETTINGS_PATH "settings"

static gchar *
field_name (const gchar *path, const gchar *name)
{
  return path != NULL ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
}

static const gchar *
type_of (JsonObject *property)
{
  return json_object_get_string_member_with_default (property, "type", "");
}

/* ---- values ---- */

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* A new node, sharing nothing: schemas are read from several threads,
 * and json_node_copy() would share the value's reference count. */
static JsonNode *
copy_value (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_node_new (JSON_NODE_NULL);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_init_int (json_node_alloc (), json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
    default:
      return json_node_init_string (json_node_alloc (), json_node_get_string (node));
    }
}

JsonNode *
pdn_json_schema_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (node));

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                pdn_json_schema_copy (json_object_get_member (
                                    json_node_get_object (node), l->data)));
      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (result, copy);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, pdn_json_schema_copy (json_array_get_element (array, i)));
      return take_array (copy);
    }
  return copy_value (node);
}

static gboolean
holds (JsonNode *node, GType type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_number (JsonNode *node)
{
  return holds (node, G_TYPE_INT64) || holds (node, G_TYPE_DOUBLE);
}

static gdouble
number_value (JsonNode *node)
{
  return holds (node, G_TYPE_INT64) ? (gdouble) json_node_get_int (node)
                                    : json_node_get_double (node);
}

/* 10 and 10.0 are both whole numbers, as JSON Schema says. */
static gboolean
is_whole (JsonNode *node)
{
  gdouble value;

  if (holds (node, G_TYPE_INT64))
    return TRUE;
  if (!holds (node, G_TYPE_DOUBLE))
    return FALSE;
  value = json_node_get_double (node);
  return isfinite (value) && floor (value) == value && fabs (value) < 9007199254740992.0;
}

static gchar *
format_number (gdouble value)
{
  gchar buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (floor (value) == value && fabs (value) < 9007199254740992.0)
    return g_strdup_printf ("%lld", (long long) value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

static gboolean
same_value (JsonNode *a, JsonNode *b)
{
  if (is_number (a) && is_number (b))
    return number_value (a) == number_value (b);
  if (holds (a, G_TYPE_STRING) && holds (b, G_TYPE_STRING))
    return g_str_equal (json_node_get_string (a), json_node_get_string (b));
  if (holds (a, G_TYPE_BOOLEAN) && holds (b, G_TYPE_BOOLEAN))
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  return FALSE;
}

static gboolean
type_error (const gchar *field, const gchar *expected, GError **error)
{
  /* TRANSLATORS: the second %s is a JSON type such as "a string" */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be %s"), field,
                       expected);
  return FALSE;
}

static gboolean
check_type (const gchar *type, JsonNode *node, const gchar *field, GError **error)
{
  if (g_str_equal (type, "integer"))
    return is_whole (node) || type_error (field, _("a whole number"), error);
  if (g_str_equal (type, "number"))
    return is_number (node) || type_error (field, _("a number"), error);
  if (g_str_equal (type, "string"))
    return holds (node, G_TYPE_STRING) || type_error (field, _("a string"), error);
  if (g_str_equal (type, "boolean"))
    return holds (node, G_TYPE_BOOLEAN) || type_error (field, _("true or false"), error);
  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) || type_error (field, _("a list"), error);
}

static gboolean
check_enum (JsonObject *property, JsonNode *node, const gchar *field, GError **error)
{
  JsonArray *choices;
  g_autoptr (GString) listed = g_string_new (NULL);

  if (!json_object_has_member (property, "enum"))
    return TRUE;
  choices = json_object_get_array_member (property, "enum");
  for (guint i = 0; i < json_array_get_length (choices); i++)
    {
      g_autofree gchar *text = json_to_string (json_array_get_element (choices, i), FALSE);

      if (same_value (json_array_get_element (choices, i), node))
        return TRUE;
      g_string_append_printf (listed, "%s%s", i > 0 ? ", " : "", text);
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be one of: %s"), field,
                       listed->str);
  return FALSE;
}

static gboolean
check_bounds (JsonObject *property, JsonNode *node, const gchar *field, GError **error)
{
  gdouble value = number_value (node);

  if (json_object_has_member (property, "minimum")
      && value < json_object_get_double_member (property, "minimum"))
    {
      g_autofree gchar *bound = format_number (json_object_get_double_member (property,
                                                                              "minimum"));
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be at least %s"),
                           field, bound);
      return FALSE;
    }
  if (json_object_has_member (property, "maximum")
      && value > json_object_get_double_member (property, "maximum"))
    {
      g_autofree gchar *bound = format_number (json_object_get_double_member (property,
                                                                              "maximum"));
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be at most %s"),
                           field, bound);
      return FALSE;
    }
  return TRUE;
}

/* minLength and maxLength count characters, as JSON Schema says. */
static gboolean
check_text_length (JsonObject *property, const gchar *text, const gchar *field, GError **error)
{
  glong length = g_utf8_strlen (text, -1);

  if (json_object_has_member (property, "minLength")
      && length < json_object_get_int_member (property, "minLength"))
    {
      guint bound = (guint) json_object_get_int_member (property, "minLength");
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           g_dngettext (GETTEXT_PACKAGE, "%s must be at least %u character long",
                                        "%s must be at least %u characters long", bound),
                           field, bound);
      return FALSE;
    }
  if (json_object_has_member (property, "maxLength")
      && length > json_object_get_int_member (property, "maxLength"))
    {
      guint bound = (guint) json_object_get_int_member (property, "maxLength");
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           g_dngettext (GETTEXT_PACKAGE, "%s must be at most %u character long",
                                        "%s must be at most %u characters long", bound),
                           field, bound);
      return FALSE;
    }
  return TRUE;
}

/* A pattern is searched for, not anchored, as JSON Schema says; the
 * schema check made sure it compiles. */
static gboolean
check_pattern (JsonObject *property, const gchar *text, const gchar *field, GError **error)
{
  const gchar *pattern = json_object_get_string_member_with_default (property, "pattern", NULL);

  if (pattern == NULL || g_regex_match_simple (pattern, text, 0, 0))
    return TRUE;
  /* TRANSLATORS: the second %s is a regular expression */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("%s is not in the expected form (the pattern %s)"), field, pattern);
  return FALSE;
}

/* One value that is not a list: a property's, or a list's item. */
static gboolean
check_scalar (JsonObject *property, JsonNode *node, const gchar *field, GError **error)
{
  const gchar *type = type_of (property);

  if (!check_type (type, node, field, error) || !check_enum (property, node, field, error))
    return FALSE;
  if (holds (node, G_TYPE_STRING))
    return check_text_length (property, json_node_get_string (node), field, error)
           && check_pattern (property, json_node_get_string (node), field, error);
  return !is_number (node) || check_bounds (property, node, field, error);
}

static gboolean
check_length (JsonObject *property, guint length, const gchar *field, GError **error)
{
  if (json_object_has_member (property, "minItems")
      && length < (guint64) json_object_get_int_member (property, "minItems"))
    {
      guint bound = (guint) json_object_get_int_member (property, "minItems");
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           g_dngettext (GETTEXT_PACKAGE, "%s must list at least %u item",
                                        "%s must list at least %u items", bound),
                           field, bound);
      return FALSE;
    }
  if (json_object_has_member (property, "maxItems")
      && length > (guint64) json_object_get_int_member (property, "maxItems"))
    {
      guint bound = (guint) json_object_get_int_member (property, "maxItems");
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           g_dngettext (GETTEXT_PACKAGE, "%s must list at most %u item",
                                        "%s must list at most %u items", bound),
                           field, bound);
      return FALSE;
    }
  return TRUE;
}

/* With "uniqueItems": item @i (named @field) must differ from those before. */
static gboolean
check_unique (JsonObject *property, JsonArray *array, guint i, const gchar *field,
              GError **error)
{
  JsonNode *item = json_array_get_element (array, i);
  g_autofree gchar *text = NULL;

  if (!json_object_get_boolean_member_with_default (property, "uniqueItems", FALSE))
    return TRUE;
  for (guint j = 0; j < i; j++)
    if (same_value (json_array_get_element (array, j), item))
      {
        text = json_to_string (item, FALSE);
        /* TRANSLATORS: a field such as settings.audience[1], then its value */
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s repeats %s"), field,
                             text);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_value (JsonObject *property, JsonNode *node, const gchar *field, GError **error)
{
  JsonArray *array;
  JsonObject *items;

  if (!g_str_equal (type_of (property), "array"))
    return check_scalar (property, node, field, error);
  if (!check_type ("array", node, field, error))
    return FALSE;
  array = json_node_get_array (node);
  items = json_object_get_object_member (property, "items");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree gchar *element = g_strdup_printf ("%s[%u]", field, i);

      if (!check_scalar (items, json_array_get_element (array, i), element, error)
          || !check_unique (property, array, i, element, error))
        return FALSE;
    }
  return check_length (property, json_array_get_length (array), field, error);
}

/* 10.0 given for an integer becomes 10, so analyses read it as one. */
static JsonNode *
normalized (JsonObject *property, JsonNode *node)
{
  const gchar *type = type_of (property);

  if (g_str_equal (type, "integer") && holds (node, G_TYPE_DOUBLE))
    return json_node_init_int (json_node_alloc (), (gint64) json_node_get_double (node));
  if (g_str_equal (type, "array")
      && g_str_equal (type_of (json_object_get_object_member (property, "items")), "integer"))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_int_element (copy,
                                    (gint64) number_value (json_array_get_element (array, i)));
      return take_array (copy);
    }
  return pdn_json_schema_copy (node);
}

/* ---- the object ---- */

static JsonObject *
properties_of (JsonObject *schema)
{
  return json_object_has_member (schema, "properties")
             ? json_object_get_object_member (schema, "properties")
             : NULL;
}

JsonObject *
pdn_json_schema_get_property (JsonObject *schema, const gchar *name)
{
  JsonObject *properties = properties_of (schema);

  if (properties == NULL || !json_object_has_member (properties, name))
    return NULL;
  return json_object_get_object_member (properties, name);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

/* The property names, sorted, as "a, b, c". */
static gchar *
list_properties (JsonObject *schema)
{
  JsonObject *properties = properties_of (schema);
  g_autoptr (GList) names = properties != NULL ? json_object_get_members (properties) : NULL;
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (sorted, l->data);
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv (", ", (gchar **) sorted->pdata);
}

static gboolean
unknown_setting (JsonObject *schema, const gchar *field, GError **error)
{
  g_autofree gchar *known = list_properties (schema);

  if (known[0] == '\0')
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s is not a setting of this program type, which takes none"), field);
  else
    /* TRANSLATORS: the second %s lists setting names, such as "credit_hours, weekday" */
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s is not a setting of this program type; it takes %s"), field,
                         known);
  return FALSE;
}

static gboolean
unknown_parameter (JsonObject *schema, const gchar *path, const gchar *name, GError **error)
{
  g_autofree gchar *field = field_name (path, name);
  g_autofree gchar *known = list_properties (schema);

  if (g_strcmp0 (path, SETTINGS_PATH) == 0)
    return unknown_setting (schema, field, error);
  if (known[0] == '\0')
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s is not a parameter of this analysis, which takes none"), field);
  else
    /* TRANSLATORS: the second %s lists parameter names, such as "min_students, year" */
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s is not a parameter of this analysis; it takes %s"), field, known);
  return FALSE;
}

/* The first member the schema does not list, alphabetically, so the
 * same request always names the same one. */
static gboolean
refuse_unknown (JsonObject *schema, JsonObject *parameters, const gchar *path, GError **error)
{
  g_autoptr (GList) names = json_object_get_members (parameters);
  g_autoptr (GPtrArray) unknown = g_ptr_array_new ();

  for (GList *l = names; l != NULL; l = l->next)
    if (pdn_json_schema_get_property (schema, l->data) == NULL)
      g_ptr_array_add (unknown, l->data);
  if (unknown->len == 0)
    return TRUE;
  g_ptr_array_sort (unknown, compare_names);
  return unknown_parameter (schema, path, g_ptr_array_index (unknown, 0), error);
}

/* A null member means "the default": it is dropped before checking. */
static void
drop_nulls (JsonObject *parameters)
{
  g_autoptr (GList) names = json_object_get_members (parameters);

  for (GList *l = names; l != NULL; l = l->next)
    if (JSON_NODE_HOLDS_NULL (json_object_get_member (parameters, l->data)))
      json_object_remove_member (parameters, l->data);
}

static gboolean
check_members (JsonObject *schema, JsonObject *parameters, const gchar *path, GError **error)
{
  JsonObject *properties = properties_of (schema);
  g_autoptr (GList) names = properties != NULL ? json_object_get_members (properties) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *property = json_object_get_object_member (properties, l->data);
      JsonNode *node = json_object_get_member (parameters, l->data);
      g_autofree gchar *field = field_name (path, l->data);

      if (node == NULL && json_object_has_member (property, "default"))
        json_object_set_member (parameters, l->data,
                                pdn_json_schema_copy (json_object_get_member (property,
                                                                              "default")));
      else if (node != NULL)
        {
          if (!check_value (property, node, field, error))
            return FALSE;
          json_object_set_member (parameters, l->data, normalized (property, node));
        }
    }
  return TRUE;
}

static gboolean
check_required (JsonObject *schema, JsonObject *parameters, const gchar *path, GError **error)
{
  JsonArray *required = json_object_has_member (schema, "required")
                            ? json_object_get_array_member (schema, "required")
                            : NULL;

  for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
    {
      const gchar *name = json_array_get_string_element (required, i);
      g_autofree gchar *field = NULL;

      if (json_object_has_member (parameters, name))
        continue;
      field = field_name (path, name);
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdn_json_schema_validate (JsonObject *schema, JsonObject *parameters, const gchar *path,
                          GError **error)
{
  drop_nulls (parameters);
  return refuse_unknown (schema, parameters, path, error)
         && check_members (schema, parameters, path, error)
         && check_required (schema, parameters, path, error);
}

/* Settings are stored as given, so null is refused like any value of the
 * wrong type rather than read as "the default". */
gboolean
pdn_json_schema_validate_settings (JsonObject *schema, JsonObject *settings, GError **error)
{
  return refuse_unknown (schema, settings, SETTINGS_PATH, error)
         && check_members (schema, settings, SETTINGS_PATH, error)
         && check_required (schema, settings, SETTINGS_PATH, error);
}

/* ---- the schema itself ---- */

static gboolean
schema_error (GError **error, const gchar *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
schema_error (GError **error, const gchar *format, ...)
{
  g_autofree gchar *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "parameters schema: %s", message);
  return FALSE;
}

static gboolean
only_keywords (JsonObject *object, const gchar *const *allowed, const gchar *where,
               GError **error)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return schema_error (error, "%s: keyword \"%s\" is not supported", where,
                           (const gchar *) l->data);
  return TRUE;
}

static gboolean
member_is (JsonObject *object, const gchar *name, JsonNodeType node_type, GType value_type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != node_type)
    return FALSE;
  return node_type != JSON_NODE_VALUE || value_type == G_TYPE_NONE
         || json_node_get_value_type (node) == value_type
         || (value_type == G_TYPE_DOUBLE && is_number (node));
}

static gboolean
check_numeric_keywords (JsonObject *property, const gchar *where, GError **error)
{
  const gchar *type = type_of (property);
  gboolean numeric = g_str_equal (type, "integer") || g_str_equal (type, "number");
  const gchar *const bounds[] = { "minimum", "maximum" };

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      if (!json_object_has_member (property, bounds[i]))
        continue;
      if (!numeric || !member_is (property, bounds[i], JSON_NODE_VALUE, G_TYPE_DOUBLE))
        return schema_error (error, "%s: \"%s\" needs a number on a numeric property", where,
                             bounds[i]);
    }
  return TRUE;
}

static gboolean
check_enum_keyword (JsonObject *property, const gchar *where, GError **error)
{
  JsonArray *choices;

  if (!json_object_has_member (property, "enum"))
    return TRUE;
  if (!member_is (property, "enum", JSON_NODE_ARRAY, G_TYPE_NONE))
    return schema_error (error, "%s: \"enum\" must be an array", where);
  choices = json_object_get_array_member (property, "enum");
  if (json_array_get_length (choices) == 0)
    return schema_error (error, "%s: \"enum\" is empty", where);
  for (guint i = 0; i < json_array_get_length (choices); i++)
    if (!check_type (type_of (property), json_array_get_element (choices, i), where, NULL))
      return schema_error (error, "%s: \"enum\" lists a value not of its type", where);
  return TRUE;
}

/* minLength, maxLength and pattern, on a string. */
static gboolean
check_string_keywords (JsonObject *property, const gchar *where, GError **error)
{
  const gchar *const lengths[] = { "minLength", "maxLength" };
  gboolean string = g_str_equal (type_of (property), "string");
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      if (!json_object_has_member (property, lengths[i]))
        continue;
      if (!string || !member_is (property, lengths[i], JSON_NODE_VALUE, G_TYPE_INT64)
          || json_object_get_int_member (property, lengths[i]) < 0)
        return schema_error (error, "%s: \"%s\" needs a whole number on a string", where,
                             lengths[i]);
    }
  if (!json_object_has_member (property, "pattern"))
    return TRUE;
  if (!string || !member_is (property, "pattern", JSON_NODE_VALUE, G_TYPE_STRING))
    return schema_error (error, "%s: \"pattern\" needs a string on a string", where);
  regex = g_regex_new (json_object_get_string_member (property, "pattern"), 0, 0, &local_error);
  if (regex == NULL)
    return schema_error (error, "%s: \"pattern\" is not a regular expression: %s", where,
                         local_error->message);
  return TRUE;
}

/* A list's items: a scalar type with its own enum and bounds. */
static gboolean
check_items (JsonObject *property, const gchar *where, GError **error)
{
  g_autofree gchar *items_where = g_strconcat (where, ".items", NULL);
  JsonObject *items;
  const gchar *type;

  if (!json_object_has_member (property, "items")
      || !member_is (property, "items", JSON_NODE_OBJECT, G_TYPE_NONE))
    return schema_error (error, "%s: an array needs \"items\", an object", where);
  items = json_object_get_object_member (property, "items");
  type = type_of (items);
  if (!g_strv_contains (value_types, type) || g_str_equal (type, "array"))
    return schema_error (error, "%s: \"type\" must be integer, number, string or boolean",
                         items_where);
  return only_keywords (items, item_keywords, items_where, error)
         && check_numeric_keywords (items, items_where, error)
         && check_string_keywords (items, items_where, error)
         && check_enum_keyword (items, items_where, error);
}

static gboolean
check_array_keywords (JsonObject *property, const gchar *where, GError **error)
{
  const gchar *const lengths[] = { "minItems", "maxItems" };
  gboolean array = g_str_equal (type_of (property), "array");

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      if (!json_object_has_member (property, lengths[i]))
        continue;
      if (!array || !member_is (property, lengths[i], JSON_NODE_VALUE, G_TYPE_INT64)
          || json_object_get_int_member (property, lengths[i]) < 0)
        return schema_error (error, "%s: \"%s\" needs a whole number on an array", where,
                             lengths[i]);
    }
  if (json_object_has_member (property, "uniqueItems")
      && (!array || !member_is (property, "uniqueItems", JSON_NODE_VALUE, G_TYPE_BOOLEAN)))
    return schema_error (error, "%s: \"uniqueItems\" needs true or false on an array", where);
  if (!array)
    return !json_object_has_member (property, "items")
           || schema_error (error, "%s: \"items\" on a property that is not an array", where);
  if (json_object_has_member (property, "enum"))
    return schema_error (error, "%s: \"enum\" on an array (put it in \"items\")", where);
  return check_items (property, where, error);
}

static gboolean
check_default (JsonObject *property, const gchar *where, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!json_object_has_member (property, "default"))
    return TRUE;
  if (check_value (property, json_object_get_member (property, "default"), where, &local_error))
    return TRUE;
  return schema_error (error, "%s: its default is not valid: %s", where, local_error->message);
}

static gboolean
check_property (const gchar *name, JsonNode *node, GError **error)
{
  g_autofree gchar *where = g_strdup_printf ("property \"%s\"", name);
  JsonObject *property;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return schema_error (error, "%s is not an object", where);
  property = json_node_get_object (node);
  if (!g_strv_contains (value_types, type_of (property)))
    return schema_error (error, "%s: \"type\" must be integer, number, string, boolean or array",
                         where);
  if (!member_is (property, "title", JSON_NODE_VALUE, G_TYPE_STRING)
      || !member_is (property, "description", JSON_NODE_VALUE, G_TYPE_STRING))
    return schema_error (error, "%s: \"title\" and \"description\" must be strings", where);
  return only_keywords (property, property_keywords, where, error)
         && check_numeric_keywords (property, where, error)
         && check_string_keywords (property, where, error)
         && check_array_keywords (property, where, error)
         && (g_str_equal (type_of (property), "array")
             || check_enum_keyword (property, where, error))
         && check_default (property, where, error);
}

static gboolean
check_required_keyword (JsonObject *schema, GError **error)
{
  JsonArray *required;

  if (!json_object_has_member (schema, "required"))
    return TRUE;
  if (!member_is (schema, "required", JSON_NODE_ARRAY, G_TYPE_NONE))
    return schema_error (error, "\"required\" must be an array");
  required = json_object_get_array_member (schema, "required");
  for (guint i = 0; i < json_array_get_length (required); i++)
    {
      JsonNode *element = json_array_get_element (required, i);

      if (!holds (element, G_TYPE_STRING)
          || pdn_json_schema_get_property (schema, json_node_get_string (element)) == NULL)
        return schema_error (error, "\"required\" names something \"properties\" does not");
    }
  return TRUE;
}

gboolean
pdn_json_schema_check (JsonObject *schema, GError **error)
{
  JsonObject *properties;
  g_autoptr (GList) names = NULL;
  JsonNode *additional;

  if (schema == NULL || g_strcmp0 (type_of (schema), "object") != 0)
    return schema_error (error, "the schema must be {\"type\": \"object\", ...}");
  if (!only_keywords (schema, root_keywords, "the schema", error))
    return FALSE;
  additional = json_object_get_member (schema, "additionalProperties");
  if (additional != NULL
      && (!holds (additional, G_TYPE_BOOLEAN) || json_node_get_boolean (additional)))
    return schema_error (error, "\"additionalProperties\" can only be false");
  if (!member_is (schema, "properties", JSON_NODE_OBJECT, G_TYPE_NONE))
    return schema_error (error, "\"properties\" must be an object");
  properties = properties_of (schema);
  names = properties != NULL ? json_object_get_members (properties) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    if (!check_property (l->data, json_object_get_member (properties, l->data), error))
      return FALSE;
  return check_required_keyword (schema, error);
}

/* ---- command-line text ---- */

static JsonNode *
parse_scalar (const gchar *type, const gchar *text, const gchar *field, GError **error)
{
  if (g_str_equal (type, "integer"))
    {
      gint64 value = 0;

      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return json_node_init_int (json_node_alloc (), value);
      return type_error (field, _("a whole number"), error), NULL;
    }
  if (g_str_equal (type, "number"))
    {
      gchar *end = NULL;
      gdouble value = g_ascii_strtod (text, &end);

      if (*text != '\0' && end != NULL && *end == '\0' && isfinite (value))
        return json_node_init_double (json_node_alloc (), value);
      return type_error (field, _("a number"), error), NULL;
    }
  if (g_str_equal (type, "boolean"))
    {
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
      return type_error (field, _("true or false"), error), NULL;
    }
  return json_node_init_string (json_node_alloc (), text);
}

/* "1,2, 3" is [1, 2, 3]; an empty text is an empty list. */
static JsonNode *
parse_list (JsonObject *items, const gchar *text, const gchar *field, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (JsonArray) array = json_array_new ();

  for (guint i = 0; text[0] != '\0' && parts[i] != NULL; i++)
    {
      JsonNode *element = parse_scalar (type_of (items), g_strstrip (parts[i]), field, error);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
    }
  return json_node_init_array (json_node_alloc (), array);
}

JsonNode *
pdn_json_schema_parse_text (JsonObject *schema, const gchar *name, const gchar *text,
                            GError **error)
{
  JsonObject *property = pdn_json_schema_get_property (schema, name);

  if (property == NULL)
    return unknown_parameter (schema, NULL, name, error), NULL;
  if (g_str_equal (type_of (property), "array"))
    return parse_list (json_object_get_object_member (property, "items"), text, name, error);
  return parse_scalar (type_of (property), text, name, error);
}
