/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-csv-writer.h"

struct _PdnCsvWriter
{
  GString *out;
  gboolean row_started;
};

PdnCsvWriter *
pdn_csv_writer_new (void)
{
  PdnCsvWriter *self = g_new0 (PdnCsvWriter, 1);

  self->out = g_string_new (NULL);
  return self;
}

void
pdn_csv_writer_free (PdnCsvWriter *self)
{
  g_string_free (self->out, TRUE);
  g_free (self);
}

static void
separate (PdnCsvWriter *self)
{
  if (self->row_started)
    g_string_append_c (self->out, ',');
  self->row_started = TRUE;
}

static gboolean
needs_quotes (const gchar *value)
{
  return strpbrk (value, ",\"\r\n") != NULL || value[0] == ' '
         || value[strlen (value) - 1] == ' ';
}

void
pdn_csv_writer_text (PdnCsvWriter *self, const gchar *value)
{
  g_autofree gchar *guarded = NULL;

  separate (self);
  if (value == NULL || value[0] == '\0')
    return;
  if (strchr ("=+-@\t\r", value[0]) != NULL)
    value = guarded = g_strconcat ("'", value, NULL);
  if (!needs_quotes (value))
    {
      g_string_append (self->out, value);
      return;
    }
  g_string_append_c (self->out, '"');
  for (const gchar *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->out, '"');
      g_string_append_c (self->out, *p);
    }
  g_string_append_c (self->out, '"');
}

void
pdn_csv_writer_int (PdnCsvWriter *self, gint64 value)
{
  separate (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

/* Locale-independent; NaN (unknown) is an empty cell. */
void
pdn_csv_writer_double (PdnCsvWriter *self, gdouble value, guint decimals)
{
  gchar buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gchar format[16];

  separate (self);
  if (isnan (value))
    return;
  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 12));
  g_string_append (self->out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

void
pdn_csv_writer_empty (PdnCsvWriter *self)
{
  separate (self);
}

void
pdn_csv_writer_end_row (PdnCsvWriter *self)
{
  g_string_append (self->out, "\r\n");
  self->row_started = FALSE;
}

void
pdn_csv_writer_header (PdnCsvWriter *self, const gchar *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    pdn_csv_writer_text (self, names[i]);
  pdn_csv_writer_end_row (self);
}

const gchar *
pdn_csv_writer_get_text (PdnCsvWriter *self)
{
  return self->out->str;
}

gchar *
pdn_csv_writer_free_to_text (PdnCsvWriter *self)
{
  gchar *text = g_string_free (self->out, FALSE);

  g_free (self);
  return text;
}
