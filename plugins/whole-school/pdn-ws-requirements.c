/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-ws-requirements.h"

struct _PdnWsRequirements
{
  GPtrArray *fields;   /* gchar*, one per requirement */
  GPtrArray *messages; /* gchar*, full sentences */
};

PdnWsRequirements *
pdn_ws_requirements_new (void)
{
  PdnWsRequirements *self = g_new0 (PdnWsRequirements, 1);

  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->messages = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
pdn_ws_requirements_free (PdnWsRequirements *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->messages);
  g_free (self);
}

void
pdn_ws_requirements_add (PdnWsRequirements *self, const gchar *field, const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->messages, g_strdup_vprintf (format, args));
  va_end (args);
  g_ptr_array_add (self->fields, g_strdup (field));
}

guint
pdn_ws_requirements_count (PdnWsRequirements *self)
{
  return self->messages->len;
}

const gchar *
pdn_ws_requirements_get_field (PdnWsRequirements *self, guint index)
{
  return g_ptr_array_index (self->fields, index);
}

const gchar *
pdn_ws_requirements_get_message (PdnWsRequirements *self, guint index)
{
  return g_ptr_array_index (self->messages, index);
}

/* "a,b" with each field once, in the order first met. */
static gchar *
join_fields (PdnWsRequirements *self)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->fields->len; i++)
    {
      const gchar *field = g_ptr_array_index (self->fields, i);

      if (!g_hash_table_add (seen, (gpointer) field))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, field);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/**
 * pdn_ws_requirements_check:
 * @summary: the first line of the detail, such as "The school does not
 *   meet the program's requirements:"
 *
 * Returns: %TRUE when nothing is unmet, otherwise %FALSE with one
 *   PDN_ERROR_UNPROCESSABLE error listing every requirement.
 */
gboolean
pdn_ws_requirements_check (PdnWsRequirements *self, const gchar *summary, GError **error)
{
  g_autoptr (GString) detail = NULL;
  g_autofree gchar *fields = NULL;

  if (self->messages->len == 0)
    return TRUE;
  detail = g_string_new (summary);
  for (guint i = 0; i < self->messages->len; i++)
    {
      g_string_append_c (detail, '\n');
      /* TRANSLATORS: one line of a list of unmet requirements: the field,
       * then the sentence saying what is missing */
      g_string_append_printf (detail, _("- %s: %s"),
                              (const gchar *) g_ptr_array_index (self->fields, i),
                              (const gchar *) g_ptr_array_index (self->messages, i));
    }
  fields = join_fields (self);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, fields, "%s", detail->str);
  return FALSE;
}
