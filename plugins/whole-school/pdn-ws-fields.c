/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-ws-fields.h"

struct _PdnWsFields
{
  JsonObject *object;
  gchar *path;      /* NULL for the body itself, else "team[1]" */
  GHashTable *read; /* member names a getter asked for */
};

static PdnWsFields *
fields_new (JsonObject *object, const gchar *path)
{
  PdnWsFields *self = g_new0 (PdnWsFields, 1);

  self->object = json_object_ref (object);
  self->path = g_strdup (path);
  self->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

/**
 * pdn_ws_fields_new:
 * @path: (nullable): where @node sits, for field names; %NULL for the body
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when @node is not
 *   an object.
 */
PdnWsFields *
pdn_ws_fields_new (JsonNode *node, const gchar *path, GError **error)
{
  const gchar *field = path != NULL ? path : "body";

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be a JSON object"),
                           field);
      return NULL;
    }
  return fields_new (json_node_get_object (node), path);
}

PdnWsFields *
pdn_ws_fields_new_for_object (JsonObject *object, const gchar *path)
{
  return fields_new (object, path);
}

void
pdn_ws_fields_free (PdnWsFields *self)
{
  if (self == NULL)
    return;
  json_object_unref (self->object);
  g_free (self->path);
  g_hash_table_unref (self->read);
  g_free (self);
}

/* "team[1].person_id", or "school_id" for the body itself. */
gchar *
pdn_ws_fields_path (PdnWsFields *self, const gchar *name)
{
  if (self->path == NULL || self->path[0] == '\0')
    return g_strdup (name);
  return g_strconcat (self->path, ".", name, NULL);
}

gboolean
pdn_ws_fields_has (PdnWsFields *self, const gchar *name)
{
  JsonNode *node = json_object_get_member (self->object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static gboolean
type_error (PdnWsFields *self, const gchar *name, const gchar *expected, GError **error)
{
  g_autofree gchar *field = pdn_ws_fields_path (self, name);

  /* TRANSLATORS: a field name, then what it must be, such as "a string" */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be %s"), field,
                       expected);
  return FALSE;
}

/* The member's node, marked as read; NULL when absent or null, which is an
 * error for a required member (*@failed tells the two apart). */
static JsonNode *
lookup (PdnWsFields *self, const gchar *name, gboolean required, gboolean *failed,
        GError **error)
{
  JsonNode *node = json_object_get_member (self->object, name);

  *failed = FALSE;
  g_hash_table_add (self->read, g_strdup (name));
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;
  if (required)
    {
      g_autofree gchar *field = pdn_ws_fields_path (self, name);

      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is required"), field);
      *failed = TRUE;
    }
  return NULL;
}

gboolean
pdn_ws_fields_get_int (PdnWsFields *self, const gchar *name, gboolean required, gint64 min,
                       gint64 max, gint64 *value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);
  gint64 number;

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return type_error (self, name, _("a whole number"), error);
  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_autofree gchar *field = pdn_ws_fields_path (self, name);

      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s must be from %lld to %lld"), field, (long long) min,
                           (long long) max);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

gboolean
pdn_ws_fields_get_id (PdnWsFields *self, const gchar *name, gboolean required, gint64 *value,
                      GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) <= 0)
    {
      g_autofree gchar *field = pdn_ws_fields_path (self, name);

      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s must be an id (a positive whole number)"), field);
      return FALSE;
    }
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
pdn_ws_fields_get_number (PdnWsFields *self, const gchar *name, gboolean required, gdouble min,
                          gdouble max, gdouble *value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);
  GType type;
  gdouble number;

  if (node == NULL)
    return !failed;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return type_error (self, name, _("a number"), error);
  number = type == G_TYPE_INT64 ? (gdouble) json_node_get_int (node) : json_node_get_double (node);
  if (!(number >= min && number <= max))
    {
      g_autofree gchar *field = pdn_ws_fields_path (self, name);

      /* TRANSLATORS: a field name, then the smallest and largest value */
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s must be from %g to %g"),
                           field, min, max);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

gboolean
pdn_ws_check_text (const gchar *value, const gchar *field, glong max_chars, GError **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is not valid UTF-8"),
                           field);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                           _("%s is longer than %ld characters"), field, max_chars);
      return FALSE;
    }
  for (const gchar *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                             _("%s contains control characters"), field);
        return FALSE;
      }
  return TRUE;
}

gboolean
pdn_ws_fields_get_string (PdnWsFields *self, const gchar *name, gboolean required,
                          glong max_chars, gchar **value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);
  g_autofree gchar *field = pdn_ws_fields_path (self, name);
  const gchar *text;

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (self, name, _("a string"), error);
  text = json_node_get_string (node);
  if (!pdn_ws_check_text (text, field, max_chars, error))
    return FALSE;
  g_free (*value);
  *value = g_strdup (text);
  return TRUE;
}

/* Lowercase letters and digits in dash-separated words: "one-to-one-mentoring". */
gboolean
pdn_ws_check_identifier (const gchar *value, const gchar *field, GError **error)
{
  gsize len = strlen (value);
  gboolean ok = len > 0 && len <= 60 && value[0] != '-' && value[len - 1] != '-';

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_islower (value[i]) || g_ascii_isdigit (value[i])
         || (value[i] == '-' && value[i + 1] != '-');
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s may only contain lowercase letters, digits and single dashes"),
                         field);
  return ok;
}

gboolean
pdn_ws_fields_get_identifier (PdnWsFields *self, const gchar *name, gboolean required,
                              gchar **value, GError **error)
{
  g_autofree gchar *field = pdn_ws_fields_path (self, name);
  g_autofree gchar *text = NULL;

  if (!pdn_ws_fields_get_string (self, name, required, 60, &text, error))
    return FALSE;
  if (text != NULL && !pdn_ws_check_identifier (text, field, error))
    return FALSE;
  if (text != NULL)
    {
      g_free (*value);
      *value = g_steal_pointer (&text);
    }
  return TRUE;
}

/* YYYY-MM-DD, a real day. */
gboolean
pdn_ws_check_date (const gchar *value, const gchar *field, GError **error)
{
  gboolean ok = strlen (value) == 10 && value[4] == '-' && value[7] == '-';

  for (guint i = 0; ok && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      ok = FALSE;
  ok = ok && g_ascii_strtoull (value, NULL, 10) >= 1900
       && g_date_valid_dmy ((GDateDay) g_ascii_strtoull (value + 8, NULL, 10),
                            (GDateMonth) g_ascii_strtoull (value + 5, NULL, 10),
                            (GDateYear) g_ascii_strtoull (value, NULL, 10));
  if (!ok)
    pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                         _("%s must be a date such as 2026-09-12"), field);
  return ok;
}

gboolean
pdn_ws_fields_get_date (PdnWsFields *self, const gchar *name, gboolean required, gchar **value,
                        GError **error)
{
  g_autofree gchar *field = pdn_ws_fields_path (self, name);
  g_autofree gchar *text = NULL;

  if (!pdn_ws_fields_get_string (self, name, required, 10, &text, error))
    return FALSE;
  if (text != NULL && !pdn_ws_check_date (text, field, error))
    return FALSE;
  if (text != NULL)
    {
      g_free (*value);
      *value = g_steal_pointer (&text);
    }
  return TRUE;
}

gboolean
pdn_ws_fields_get_bool (PdnWsFields *self, const gchar *name, gboolean *value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, FALSE, &failed, error);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return type_error (self, name, _("true or false"), error);
  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
pdn_ws_fields_get_array (PdnWsFields *self, const gchar *name, gboolean required,
                         JsonArray **value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return type_error (self, name, _("a list"), error);
  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
pdn_ws_fields_get_object (PdnWsFields *self, const gchar *name, gboolean required,
                          JsonNode **value, GError **error)
{
  gboolean failed;
  JsonNode *node = lookup (self, name, required, &failed, error);

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return type_error (self, name, _("a JSON object"), error);
  *value = node;
  return TRUE;
}

/* Refuses the first member no getter asked for, in document order. */
gboolean
pdn_ws_fields_finish (PdnWsFields *self, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (self->object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_hash_table_contains (self->read, l->data))
      {
        g_autofree gchar *field = pdn_ws_fields_path (self, l->data);

        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field, _("%s is not a known field"),
                             field);
        return FALSE;
      }
  return TRUE;
}
