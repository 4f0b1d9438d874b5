/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-import-report.h"

/**
 * PdnImportReport:
 *
 * The outcome of a CSV import: how many rows were read, created, updated or
 * left unchanged, and every bad row with its line number and column, so a
 * coordinator can fix the whole file in one go.
 */

G_DEFINE_FINAL_TYPE (PdnImportReport, pdn_import_report, G_TYPE_OBJECT)

static void
import_error_free (gpointer data)
{
  PdnImportError *error = data;

  g_free (error->field);
  g_free (error->message);
  g_free (error);
}

static void
pdn_import_report_finalize (GObject *object)
{
  PdnImportReport *self = PDN_IMPORT_REPORT (object);

  g_ptr_array_unref (self->errors);
  G_OBJECT_CLASS (pdn_import_report_parent_class)->finalize (object);
}

static void
pdn_import_report_class_init (PdnImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_import_report_finalize;
}

static void
pdn_import_report_init (PdnImportReport *self)
{
  self->errors = g_ptr_array_new_with_free_func (import_error_free);
}

PdnImportReport *
pdn_import_report_new (void)
{
  return g_object_new (PDN_TYPE_IMPORT_REPORT, NULL);
}

static void
take_error (PdnImportReport *self, guint64 line, const gchar *field, gchar *message)
{
  PdnImportError *error = g_new0 (PdnImportError, 1);

  error->line = line;
  error->field = g_strdup (field);
  error->message = message;
  g_ptr_array_add (self->errors, error);
}

void
pdn_import_report_add_error (PdnImportReport *self, guint64 line, const gchar *field,
                             const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  take_error (self, line, field, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Records @error (from a validator or the store) against @line, keeping the
 * field it names. */
void
pdn_import_report_add_gerror (PdnImportReport *self, guint64 line, const GError *error)
{
  take_error (self, line, pdn_error_get_field (error), g_strdup (error->message));
}

/**
 * pdn_import_report_add_row_error:
 * @field: (nullable): the column to report, or %NULL for the one @row_error names
 *
 * Sorts out an error from a model or the store while applying a row: bad
 * input (invalid, conflicting or missing references) is the row's fault and
 * is recorded; anything else (disk full, lock timeout) is copied to @error
 * and stops the import.
 *
 * Returns: %FALSE when the import must stop.
 */
gboolean
pdn_import_report_add_row_error (PdnImportReport *self, guint64 line, const gchar *field,
                                 const GError *row_error, GError **error)
{
  if (row_error->domain != PDN_ERROR
      || (row_error->code != PDN_ERROR_INVALID_INPUT && row_error->code != PDN_ERROR_CONFLICT
          && row_error->code != PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_error_copy (row_error));
      return FALSE;
    }
  take_error (self, line, field != NULL ? field : pdn_error_get_field (row_error),
              g_strdup (row_error->message));
  return TRUE;
}

gboolean
pdn_import_report_has_errors (PdnImportReport *self)
{
  return self->errors->len > 0;
}

/* Rows with at least one error (a row can have several). */
guint
pdn_import_report_count_bad_rows (PdnImportReport *self)
{
  g_autoptr (GHashTable) lines = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < self->errors->len; i++)
    {
      PdnImportError *error = g_ptr_array_index (self->errors, i);
      g_hash_table_add (lines, &error->line);
    }
  return g_hash_table_size (lines);
}

/* Cells of an import are single-line values: no tabs or line breaks either. */
static gboolean
is_free_of_control_characters (const gchar *value)
{
  for (const gchar *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * pdn_import_report_check_text:
 * @value: (nullable): the cell, %NULL when blank
 *
 * Checks one text cell and records why it is bad. Messages leave out the
 * column name, which the error line already shows.
 */
gboolean
pdn_import_report_check_text (PdnImportReport *self, guint64 line, const gchar *field,
                              const gchar *value, gboolean required, glong max_chars)
{
  if (value == NULL)
    {
      if (required)
        pdn_import_report_add_error (self, line, field, _("required, but empty"));
      return !required;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      pdn_import_report_add_error (self, line, field, _("longer than %ld characters"),
                                   max_chars);
      return FALSE;
    }
  if (!is_free_of_control_characters (value))
    {
      pdn_import_report_add_error (self, line, field, _("contains control characters"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pdn_import_report_check_enum:
 * @value: (nullable): the cell, %NULL when blank (then it is required)
 * @index: (out): the position of @value in @names
 */
gboolean
pdn_import_report_check_enum (PdnImportReport *self, guint64 line, const gchar *field,
                              const gchar *value, const gchar *const *names, gint *index)
{
  g_autofree gchar *allowed = NULL;

  if (value == NULL)
    {
      pdn_import_report_add_error (self, line, field, _("required, but empty"));
      return FALSE;
    }
  for (gint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], value) == 0)
      {
        *index = i;
        return TRUE;
      }
  allowed = g_strjoinv (", ", (gchar **) names);
  /* TRANSLATORS: “distrct” is not one of district, charter, catholic */
  pdn_import_report_add_error (self, line, field, _("“%s” is not one of %s"), value, allowed);
  return FALSE;
}

static gint
compare_lines (gconstpointer a, gconstpointer b)
{
  const PdnImportError *x = *(PdnImportError *const *) a;
  const PdnImportError *y = *(PdnImportError *const *) b;

  return (x->line > y->line) - (x->line < y->line);
}

/* Stable: errors of one line keep the order they were found in. */
void
pdn_import_report_sort_errors (PdnImportReport *self)
{
  g_ptr_array_sort (self->errors, compare_lines);
}

/* "line 17: sector: “distrct” is not one of district, charter, catholic" */
gchar *
pdn_import_report_format_error (const PdnImportError *error)
{
  if (error->field != NULL)
    /* TRANSLATORS: a bad row of an imported file: line number, column, problem */
    return g_strdup_printf (_("line %llu: %s: %s"), (unsigned long long) error->line,
                            error->field, error->message);
  /* TRANSLATORS: a bad row of an imported file: line number, problem */
  return g_strdup_printf (_("line %llu: %s"), (unsigned long long) error->line, error->message);
}

/* Every error, one per line, each ending in a newline. */
gchar *
pdn_import_report_format_errors (PdnImportReport *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->errors->len; i++)
    {
      g_autofree gchar *line = pdn_import_report_format_error (g_ptr_array_index (self->errors, i));
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

void
pdn_import_report_print_errors (PdnImportReport *self)
{
  g_autofree gchar *text = pdn_import_report_format_errors (self);

  g_printerr ("%s", text);
}

/* Sorts the errors and sets the error an all-or-nothing import fails with. */
void
pdn_import_report_set_failed (PdnImportReport *self, GError **error)
{
  guint bad_rows = pdn_import_report_count_bad_rows (self);

  pdn_import_report_sort_errors (self);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                       g_dngettext (GETTEXT_PACKAGE, "%u row has errors; nothing was imported",
                                    "%u rows have errors; nothing was imported", bad_rows),
                       bad_rows);
}

/* Counts a row (or person) the import wrote, or left as it was. */
void
pdn_import_report_count_saved (PdnImportReport *self, gboolean created, gboolean changed)
{
  if (created)
    self->created++;
  else if (changed)
    self->updated++;
  else
    self->unchanged++;
}
