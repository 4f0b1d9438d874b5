/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-csv-reader.h"

/**
 * PdnCsvReader:
 *
 * Reads RFC 4180 CSV as spreadsheets write it: quoted fields with doubled
 * quotes, commas and line breaks inside quotes, CRLF or LF line ends, an
 * optional UTF-8 byte order mark. The first record names the columns (in
 * any order, matched without regard to case or surrounding blanks); later
 * records are read one at a time and their fields looked up by column name.
 * Blank lines (also lines of only commas) are skipped. Line numbers are
 * physical lines of the file, so an error message points where a text
 * editor would.
 *
 * Every field must be valid UTF-8, and field size, record width and row
 * count are bounded so that a hostile file cannot exhaust memory.
 */

#define CHUNK_BYTES 65536

enum
{
  BYTE_EOF = -1,
  BYTE_ERROR = -2,
};

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} ParseState;

struct _PdnCsvReader
{
  GObject parent_instance;
  GInputStream *stream;
  guint8 *buffer;
  gsize buffer_len;
  gsize buffer_pos;
  gboolean eof;
  gboolean bom_checked;
  guint64 bytes_read;
  guint64 line;        /* physical line of the next byte */
  guint64 record_line; /* line where the current record starts */
  guint64 field_line;  /* line where the current field starts */
  guint64 row;         /* data records returned so far */
  gsize max_field_bytes;
  guint64 max_rows;
  GPtrArray *fields; /* gchar*: the current record */
  GString *field;
  GPtrArray *columns; /* gchar*, NULL-terminated: normalized header names */
  GHashTable *index;  /* column name -> index + 1 */
  gboolean header_read;
};

G_DEFINE_FINAL_TYPE (PdnCsvReader, pdn_csv_reader, G_TYPE_OBJECT)

static void
pdn_csv_reader_finalize (GObject *object)
{
  PdnCsvReader *self = PDN_CSV_READER (object);

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->index);
  G_OBJECT_CLASS (pdn_csv_reader_parent_class)->finalize (object);
}

static void
pdn_csv_reader_class_init (PdnCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_csv_reader_finalize;
}

static void
pdn_csv_reader_init (PdnCsvReader *self)
{
  self->buffer = g_malloc (CHUNK_BYTES);
  self->line = 1;
  self->max_field_bytes = PDN_CSV_READER_MAX_FIELD_BYTES;
  self->max_rows = PDN_CSV_READER_MAX_ROWS;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->columns, NULL);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

PdnCsvReader *
pdn_csv_reader_new (GInputStream *stream)
{
  PdnCsvReader *self = g_object_new (PDN_TYPE_CSV_READER, NULL);

  self->stream = g_object_ref (stream);
  return self;
}

PdnCsvReader *
pdn_csv_reader_new_for_path (const gchar *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) io_error = NULL;
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, &io_error);

  if (stream == NULL)
    {
      pdn_error_set_field (error,
                           g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                             ? PDN_ERROR_NOT_FOUND
                             : PDN_ERROR_INVALID_INPUT,
                           "file", _("Cannot read %s: %s"), path, io_error->message);
      return NULL;
    }
  return pdn_csv_reader_new (G_INPUT_STREAM (stream));
}

void
pdn_csv_reader_set_max_field_bytes (PdnCsvReader *self, gsize max_bytes)
{
  self->max_field_bytes = max_bytes;
}

void
pdn_csv_reader_set_max_rows (PdnCsvReader *self, guint64 max_rows)
{
  self->max_rows = max_rows;
}

/* Makes at least @need unread bytes available unless the stream ends. */
static gboolean
fill (PdnCsvReader *self, gsize need, GError **error)
{
  while (!self->eof && self->buffer_len - self->buffer_pos < need)
    {
      g_autoptr (GError) io_error = NULL;
      gssize n;

      memmove (self->buffer, self->buffer + self->buffer_pos, self->buffer_len - self->buffer_pos);
      self->buffer_len -= self->buffer_pos;
      self->buffer_pos = 0;
      n = g_input_stream_read (self->stream, self->buffer + self->buffer_len,
                               CHUNK_BYTES - self->buffer_len, NULL, &io_error);
      if (n < 0)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                               _("Cannot read line %llu: %s"), (unsigned long long) self->line,
                               io_error->message);
          return FALSE;
        }
      if (n == 0)
        self->eof = TRUE;
      self->buffer_len += (gsize) n;
    }
  return TRUE;
}

static gint
next_byte (PdnCsvReader *self, GError **error)
{
  if (self->buffer_pos == self->buffer_len && !fill (self, 1, error))
    return BYTE_ERROR;
  if (self->buffer_pos == self->buffer_len)
    return BYTE_EOF;
  self->bytes_read++;
  return self->buffer[self->buffer_pos++];
}

static gint
peek_byte (PdnCsvReader *self, GError **error)
{
  if (!fill (self, 1, error))
    return BYTE_ERROR;
  if (self->buffer_pos == self->buffer_len)
    return BYTE_EOF;
  return self->buffer[self->buffer_pos];
}

static gboolean
skip_bom (PdnCsvReader *self, GError **error)
{
  static const guint8 bom[] = { 0xEF, 0xBB, 0xBF };

  if (self->bom_checked)
    return TRUE;
  self->bom_checked = TRUE;
  if (!fill (self, sizeof bom, error))
    return FALSE;
  if (self->buffer_len - self->buffer_pos >= sizeof bom
      && memcmp (self->buffer + self->buffer_pos, bom, sizeof bom) == 0)
    {
      self->buffer_pos += sizeof bom;
      self->bytes_read += sizeof bom;
    }
  return TRUE;
}

static gboolean
append_byte (PdnCsvReader *self, gint c, GError **error)
{
  if (self->field->len >= self->max_field_bytes)
    {
      pdn_error_set_field (error, PDN_ERROR_TOO_LARGE, NULL,
                           _("Line %llu has a field longer than %llu bytes"),
                           (unsigned long long) self->field_line,
                           (unsigned long long) self->max_field_bytes);
      return FALSE;
    }
  g_string_append_c (self->field, (gchar) c);
  return TRUE;
}

static gboolean
end_field (PdnCsvReader *self, GError **error)
{
  if (!g_utf8_validate_len (self->field->str, self->field->len, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("Line %llu is not valid UTF-8; save the file as UTF-8 and try again"),
                           (unsigned long long) self->field_line);
      return FALSE;
    }
  if (self->fields->len >= PDN_CSV_READER_MAX_COLUMNS)
    {
      pdn_error_set_field (error, PDN_ERROR_TOO_LARGE, NULL,
                           _("Line %llu has more than %u fields"),
                           (unsigned long long) self->record_line, PDN_CSV_READER_MAX_COLUMNS);
      return FALSE;
    }
  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  self->field_line = self->line;
  return TRUE;
}

/* After CR or LF outside quotes: a CRLF pair is one line end. */
static gboolean
end_line (PdnCsvReader *self, gint c, GError **error)
{
  if (c == '\r')
    {
      gint next = peek_byte (self, error);
      if (next == BYTE_ERROR)
        return FALSE;
      if (next == '\n')
        next_byte (self, error);
    }
  self->line++;
  return TRUE;
}

static gboolean
unexpected_after_quote (PdnCsvReader *self, GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                       _("Line %llu: a quoted field must end at a comma or the end of the line "
                         "(write a quote inside quotes as \"\")"),
                       (unsigned long long) self->line);
  return FALSE;
}

/* Handles @c outside quotes; sets @done at the end of the record. */
static gboolean
unquoted_byte (PdnCsvReader *self, gint c, ParseState *state, gboolean *done, GError **error)
{
  if (c == ',')
    {
      *state = STATE_FIELD_START;
      return end_field (self, error);
    }
  if (c == '\r' || c == '\n')
    {
      *done = TRUE;
      return end_field (self, error) && end_line (self, c, error);
    }
  *state = STATE_UNQUOTED;
  return append_byte (self, c, error);
}

static gboolean
parse_byte (PdnCsvReader *self, gint c, ParseState *state, gboolean *done, GError **error)
{
  switch (*state)
    {
    case STATE_QUOTED:
      if (c == '"')
        {
          *state = STATE_QUOTE_IN_QUOTED;
          return TRUE;
        }
      if (c == '\n')
        self->line++;
      return append_byte (self, c, error);
    case STATE_QUOTE_IN_QUOTED:
      if (c == '"')
        {
          *state = STATE_QUOTED;
          return append_byte (self, c, error);
        }
      if (c != ',' && c != '\r' && c != '\n')
        return unexpected_after_quote (self, error);
      return unquoted_byte (self, c, state, done, error);
    case STATE_FIELD_START:
      if (c == '"')
        {
          *state = STATE_QUOTED;
          return TRUE;
        }
      return unquoted_byte (self, c, state, done, error);
    case STATE_UNQUOTED:
    default:
      /* A stray quote inside an unquoted field (5" tall) is kept as text. */
      return unquoted_byte (self, c, state, done, error);
    }
}

/* Reads one record into self->fields; *got is FALSE at the end of input. */
static gboolean
read_record (PdnCsvReader *self, gboolean *got, GError **error)
{
  ParseState state = STATE_FIELD_START;
  gboolean started = FALSE;
  gboolean done = FALSE;

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->field, 0);
  self->record_line = self->line;
  self->field_line = self->line;
  while (!done)
    {
      gint c = next_byte (self, error);

      if (c == BYTE_ERROR)
        return FALSE;
      if (c == BYTE_EOF)
        {
          if (state == STATE_QUOTED)
            {
              pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                                   _("Line %llu: a quoted field is never closed"),
                                   (unsigned long long) self->field_line);
              return FALSE;
            }
          *got = started;
          return !started || end_field (self, error);
        }
      started = TRUE;
      if (!parse_byte (self, c, &state, &done, error))
        return FALSE;
    }
  *got = TRUE;
  return TRUE;
}

/* Empty lines, and the ",,,," lines spreadsheets write for formatted but
 * empty rows. */
static gboolean
is_blank_record (PdnCsvReader *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    for (const gchar *p = g_ptr_array_index (self->fields, i); *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

static gboolean
read_nonblank_record (PdnCsvReader *self, gboolean *got, GError **error)
{
  if (!skip_bom (self, error))
    return FALSE;
  do
    {
      if (!read_record (self, got, error))
        return FALSE;
    }
  while (*got && is_blank_record (self));
  return TRUE;
}

static gboolean
add_column (PdnCsvReader *self, const gchar *raw, GError **error)
{
  g_autofree gchar *stripped = g_strstrip (g_strdup (raw));
  gchar *name = g_ascii_strdown (stripped, -1);
  guint index = self->columns->len - 1;

  /* Replace the NULL terminator, then put it back. */
  g_ptr_array_index (self->columns, index) = name;
  g_ptr_array_add (self->columns, NULL);
  if (name[0] == '\0')
    return TRUE;
  if (g_hash_table_contains (self->index, name))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                           _("The header on line %llu names the column “%s” twice"),
                           (unsigned long long) self->record_line, name);
      return FALSE;
    }
  g_hash_table_insert (self->index, name, GUINT_TO_POINTER (index + 1));
  return TRUE;
}

/**
 * pdn_csv_reader_read_header:
 *
 * Reads the first non-blank record as the column names. pdn_csv_reader_next()
 * calls it when needed; call it yourself to check the columns first.
 */
gboolean
pdn_csv_reader_read_header (PdnCsvReader *self, GError **error)
{
  gboolean got = FALSE;

  if (self->header_read)
    return TRUE;
  if (!read_nonblank_record (self, &got, error))
    return FALSE;
  if (!got)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The file is empty; its first line must name the columns"));
      return FALSE;
    }
  for (guint i = 0; i < self->fields->len; i++)
    if (!add_column (self, g_ptr_array_index (self->fields, i), error))
      return FALSE;
  g_ptr_array_set_size (self->fields, 0);
  self->header_read = TRUE;
  return TRUE;
}

/* The normalized (lowercase, trimmed) column names, NULL-terminated. */
const gchar *const *
pdn_csv_reader_get_columns (PdnCsvReader *self)
{
  return (const gchar *const *) self->columns->pdata;
}

gboolean
pdn_csv_reader_has_column (PdnCsvReader *self, const gchar *name)
{
  return g_hash_table_contains (self->index, name);
}

/* Fails naming the first of @names that the header lacks. */
gboolean
pdn_csv_reader_require_columns (PdnCsvReader *self, const gchar *const *names, GError **error)
{
  if (!pdn_csv_reader_read_header (self, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (!pdn_csv_reader_has_column (self, names[i]))
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, names[i],
                             _("The header has no “%s” column"), names[i]);
        return FALSE;
      }
  return TRUE;
}

/**
 * pdn_csv_reader_next:
 *
 * Advances to the next data record. Returns %FALSE without an error at the
 * end of the input, %FALSE with an error when the file cannot be read on.
 */
gboolean
pdn_csv_reader_next (PdnCsvReader *self, GError **error)
{
  gboolean got = FALSE;

  if (!pdn_csv_reader_read_header (self, error))
    return FALSE;
  if (!read_nonblank_record (self, &got, error) || !got)
    {
      g_ptr_array_set_size (self->fields, 0);
      return FALSE;
    }
  if (self->row >= self->max_rows)
    {
      pdn_error_set_field (error, PDN_ERROR_TOO_LARGE, NULL,
                           _("The file has more than %llu rows"),
                           (unsigned long long) self->max_rows);
      return FALSE;
    }
  self->row++;
  return TRUE;
}

/**
 * pdn_csv_reader_get:
 *
 * Returns: (nullable): the current record's field in @column: %NULL when the
 * header has no such column, "" when the field is empty or the record is
 * shorter than the header.
 */
const gchar *
pdn_csv_reader_get (PdnCsvReader *self, const gchar *column)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, column));

  if (index == 0)
    return NULL;
  if (index > self->fields->len)
    return "";
  return g_ptr_array_index (self->fields, index - 1);
}

/**
 * pdn_csv_reader_dup_value:
 *
 * Returns: (nullable): the field in @column without surrounding blanks, or
 * %NULL when it is blank or the header has no such column.
 */
gchar *
pdn_csv_reader_dup_value (PdnCsvReader *self, const gchar *column)
{
  const gchar *raw = pdn_csv_reader_get (self, column);
  g_autofree gchar *value = NULL;

  if (raw == NULL)
    return NULL;
  value = g_strstrip (g_strdup (raw));
  if (value[0] == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

guint
pdn_csv_reader_get_n_fields (PdnCsvReader *self)
{
  return self->fields->len;
}

/* A record may be shorter than the header, but not carry text beyond it. */
gboolean
pdn_csv_reader_check_width (PdnCsvReader *self, GError **error)
{
  guint n_columns = self->columns->len - 1;

  for (guint i = n_columns; i < self->fields->len; i++)
    if (((const gchar *) g_ptr_array_index (self->fields, i))[0] != '\0')
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                             _("the row has %u fields but the header names only %u columns"),
                             self->fields->len, n_columns);
        return FALSE;
      }
  return TRUE;
}

/* The 1-based physical line on which the current record starts. */
guint64
pdn_csv_reader_get_line (PdnCsvReader *self)
{
  return self->record_line;
}

/* How many data records have been read (the header not counted). */
guint64
pdn_csv_reader_get_row (PdnCsvReader *self)
{
  return self->row;
}

guint64
pdn_csv_reader_get_bytes_read (PdnCsvReader *self)
{
  return self->bytes_read;
}
