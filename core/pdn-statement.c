/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-statement.h"

G_DEFINE_ABSTRACT_TYPE (PdnStatement, pdn_statement, G_TYPE_OBJECT)

static void
pdn_statement_class_init (PdnStatementClass *klass)
{
}

static void
pdn_statement_init (PdnStatement *self)
{
}

void
pdn_statement_bind_int64 (PdnStatement *self, guint index, gint64 value)
{
  PDN_STATEMENT_GET_CLASS (self)->bind_int64 (self, index, value);
}

void
pdn_statement_bind_double (PdnStatement *self, guint index, gdouble value)
{
  PDN_STATEMENT_GET_CLASS (self)->bind_double (self, index, value);
}

/* A NULL string binds SQL NULL. */
void
pdn_statement_bind_text (PdnStatement *self, guint index, const gchar *value)
{
  if (value == NULL)
    PDN_STATEMENT_GET_CLASS (self)->bind_null (self, index);
  else
    PDN_STATEMENT_GET_CLASS (self)->bind_text (self, index, value);
}

void
pdn_statement_bind_null (PdnStatement *self, guint index)
{
  PDN_STATEMENT_GET_CLASS (self)->bind_null (self, index);
}

/* Ids are positive; 0 means "none" and binds SQL NULL. */
void
pdn_statement_bind_id (PdnStatement *self, guint index, gint64 id)
{
  if (id <= 0)
    pdn_statement_bind_null (self, index);
  else
    pdn_statement_bind_int64 (self, index, id);
}

void
pdn_statement_bind_bool (PdnStatement *self, guint index, gboolean value)
{
  pdn_statement_bind_int64 (self, index, value ? 1 : 0);
}

PdnStep
pdn_statement_step (PdnStatement *self, GError **error)
{
  return PDN_STATEMENT_GET_CLASS (self)->step (self, error);
}

/* Runs a statement that returns no rows (or ignores them). */
gboolean
pdn_statement_run (PdnStatement *self, GError **error)
{
  PdnStep step;

  while ((step = pdn_statement_step (self, error)) == PDN_STEP_ROW)
    ;
  return step == PDN_STEP_DONE;
}

gboolean
pdn_statement_column_is_null (PdnStatement *self, guint column)
{
  return PDN_STATEMENT_GET_CLASS (self)->column_is_null (self, column);
}

gint64
pdn_statement_column_int64 (PdnStatement *self, guint column)
{
  return PDN_STATEMENT_GET_CLASS (self)->column_int64 (self, column);
}

gdouble
pdn_statement_column_double (PdnStatement *self, guint column)
{
  return PDN_STATEMENT_GET_CLASS (self)->column_double (self, column);
}

const gchar *
pdn_statement_column_text (PdnStatement *self, guint column)
{
  return PDN_STATEMENT_GET_CLASS (self)->column_text (self, column);
}

gchar *
pdn_statement_dup_text (PdnStatement *self, guint column)
{
  return g_strdup (pdn_statement_column_text (self, column));
}

void
pdn_statement_reset (PdnStatement *self)
{
  PDN_STATEMENT_GET_CLASS (self)->reset (self);
}

/* Steps to the first row; when there is none, fails with PDN_ERROR_NOT_FOUND
 * and the message of @format. */
gboolean
pdn_statement_step_one (PdnStatement *self, GError **error, const gchar *format, ...)
{
  PdnStep step = pdn_statement_step (self, error);
  g_autofree gchar *message = NULL;
  va_list args;

  if (step != PDN_STEP_DONE)
    return step == PDN_STEP_ROW;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, "%s", message);
  return FALSE;
}

/* Steps through all rows, making each an object with @from_row. Returns
 * (transfer full): the objects, or NULL on error. */
GPtrArray *
pdn_statement_collect (PdnStatement *self, PdnRowFunc from_row, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  PdnStep step;

  while ((step = pdn_statement_step (self, error)) == PDN_STEP_ROW)
    g_ptr_array_add (list, from_row (self));
  if (step == PDN_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&list);
}
