/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-csv-reader.h"
#include "pdn-test.h"

/* A stream that hands out one byte per read, like a slow pipe, so every
 * buffer boundary (inside a BOM, between CR and LF, inside quotes) is hit. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM,
                      GInputStream)

struct _TestTrickleStream
{
  GInputStream parent_instance;
  GBytes *bytes;
  gsize pos;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream *stream, void *buffer, gsize count,
                          GCancellable *cancellable, GError **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->pos >= size || count == 0)
    return 0;
  ((guint8 *) buffer)[0] = data[self->pos++];
  return 1;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE_STREAM (object)->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static PdnCsvReader *
reader_for_text (const gchar *text, gssize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return pdn_csv_reader_new (stream);
}

static PdnCsvReader *
trickle_reader_for_text (const gchar *text)
{
  g_autoptr (TestTrickleStream) stream = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  stream->bytes = g_bytes_new (text, strlen (text));
  return pdn_csv_reader_new (G_INPUT_STREAM (stream));
}

static void
assert_next (PdnCsvReader *reader)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
assert_end (PdnCsvReader *reader)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

/* Reads to the first error and returns it. */
static GError *
read_until_error (PdnCsvReader *reader)
{
  GError *error = NULL;

  while (pdn_csv_reader_next (reader, &error))
    ;
  g_assert_nonnull (error);
  return error;
}

static const gchar quoted_text[] = "name,note,city\n"
                                   "\"Smith, Ana\",\"She said \"\"hi\"\"\",Riverton\n"
                                   "Plain,\"two\nlines\",\n"
                                   "Last,5\" tall,\"\"\n";

static void
check_quoted (PdnCsvReader *reader)
{
  assert_next (reader);
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Smith, Ana");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "note"), ==, "She said \"hi\"");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "city"), ==, "Riverton");
  assert_next (reader);
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 3);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "note"), ==, "two\nlines");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "city"), ==, "");
  assert_next (reader);
  /* The quoted line break moved this record to line 5. */
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 5);
  g_assert_cmpuint (pdn_csv_reader_get_row (reader), ==, 3);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "note"), ==, "5\" tall");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "city"), ==, "");
  assert_end (reader);
}

static void
test_quotes (void)
{
  g_autoptr (PdnCsvReader) reader = reader_for_text (quoted_text, -1);
  g_autoptr (PdnCsvReader) trickle = trickle_reader_for_text (quoted_text);

  check_quoted (reader);
  check_quoted (trickle);
  g_assert_cmpuint (pdn_csv_reader_get_bytes_read (reader), ==, strlen (quoted_text));
}

static void
check_crlf_and_bom (PdnCsvReader *reader)
{
  const gchar *const *columns = NULL;

  assert_next (reader);
  columns = pdn_csv_reader_get_columns (reader);
  /* The BOM is not part of the first column's name. */
  g_assert_cmpstr (columns[0], ==, "email");
  g_assert_cmpstr (columns[1], ==, "name");
  g_assert_null (columns[2]);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "email"), ==, "ana@rps.org");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Ana");
  assert_next (reader);
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 4);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Bo\r\nB");
  assert_next (reader);
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 6);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "email"), ==, "cy@rps.org");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Cy");
  assert_end (reader);
}

static void
test_crlf_and_bom (void)
{
  const gchar text[] = "\xEF\xBB\xBF"
                       "email,name\r\n"
                       "ana@rps.org,Ana\r\n"
                       "\r\n"
                       "bo@rps.org,\"Bo\r\nB\"\r\n"
                       "cy@rps.org,Cy";
  g_autoptr (PdnCsvReader) reader = reader_for_text (text, -1);
  g_autoptr (PdnCsvReader) trickle = trickle_reader_for_text (text);

  check_crlf_and_bom (reader);
  check_crlf_and_bom (trickle);
}

static void
test_columns_any_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCsvReader) reader =
    reader_for_text (" City ,Extra,NAME\nRiverton,ignored,Adams\n,,,\nLakeside,,Baker,\n", -1);
  const gchar *const required[] = { "name", "city", NULL };

  g_assert_true (pdn_csv_reader_require_columns (reader, required, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_csv_reader_has_column (reader, "extra"));
  g_assert_false (pdn_csv_reader_has_column (reader, "sector"));
  assert_next (reader);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Adams");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "city"), ==, "Riverton");
  g_assert_null (pdn_csv_reader_get (reader, "sector"));
  g_assert_true (pdn_csv_reader_check_width (reader, &error));
  /* The ",,," line is skipped as blank; a trailing empty field is no excess. */
  assert_next (reader);
  g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, 4);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Baker");
  g_assert_cmpuint (pdn_csv_reader_get_n_fields (reader), ==, 4);
  g_assert_true (pdn_csv_reader_check_width (reader, &error));
  g_assert_no_error (error);
  assert_end (reader);
}

static void
test_short_and_long_rows (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCsvReader) reader = reader_for_text ("a,b,c\n1\n1,2,3,4\n", -1);

  assert_next (reader);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "a"), ==, "1");
  g_assert_cmpstr (pdn_csv_reader_get (reader, "c"), ==, "");
  g_assert_true (pdn_csv_reader_check_width (reader, &error));
  assert_next (reader);
  g_assert_false (pdn_csv_reader_check_width (reader, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "4 fields"));
}

static void
test_missing_column (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCsvReader) reader = reader_for_text ("name,organization\nAdams,RPS\n", -1);
  const gchar *const required[] = { "name", "sector", "organization", NULL };

  g_assert_false (pdn_csv_reader_require_columns (reader, required, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "sector");
  g_assert_nonnull (strstr (error->message, "“sector”"));
}

static void
test_duplicate_column (void)
{
  g_autoptr (PdnCsvReader) reader = reader_for_text ("name,Name\nA,B\n", -1);
  g_autoptr (GError) error = read_until_error (reader);

  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "name");
}

static void
test_empty_file (void)
{
  g_autoptr (PdnCsvReader) reader = reader_for_text ("\xEF\xBB\xBF\n\n", -1);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_csv_reader_read_header (reader, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
}

static void
test_invalid_utf8 (void)
{
  /* Latin-1 "Peña" on line 3, as a spreadsheet saving in the wrong encoding writes it. */
  g_autoptr (PdnCsvReader) reader = reader_for_text ("name,city\nAdams,X\nPe\xF1" "a,Y\n", -1);
  g_autoptr (GError) error = NULL;

  assert_next (reader);
  error = read_until_error (reader);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_oversized_field (void)
{
  g_autoptr (GString) text = g_string_new ("name,note\nA,\"");
  g_autoptr (PdnCsvReader) reader = NULL;
  g_autoptr (PdnCsvReader) small = reader_for_text ("name\nabcdef\n", -1);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < PDN_CSV_READER_MAX_FIELD_BYTES + 10; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"\n");
  reader = reader_for_text (text->str, (gssize) text->len);
  error = read_until_error (reader);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Line 2 "));
  g_clear_error (&error);

  pdn_csv_reader_set_max_field_bytes (small, 5);
  error = read_until_error (small);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_TOO_LARGE);
}

static void
test_field_at_size_limit (void)
{
  g_autoptr (PdnCsvReader) reader = reader_for_text ("name\nabcde\n", -1);

  pdn_csv_reader_set_max_field_bytes (reader, 5);
  assert_next (reader);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "abcde");
  assert_end (reader);
}

static void
test_row_limit (void)
{
  g_autoptr (PdnCsvReader) reader = reader_for_text ("n\n1\n2\n3\n", -1);
  g_autoptr (GError) error = NULL;

  pdn_csv_reader_set_max_rows (reader, 2);
  assert_next (reader);
  assert_next (reader);
  g_assert_false (pdn_csv_reader_next (reader, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_TOO_LARGE);
}

static void
test_too_many_fields (void)
{
  g_autoptr (GString) text = g_string_new ("a\n");
  g_autoptr (PdnCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < PDN_CSV_READER_MAX_COLUMNS + 1; i++)
    g_string_append (text, "x,");
  g_string_append_c (text, '\n');
  reader = reader_for_text (text->str, -1);
  error = read_until_error (reader);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_TOO_LARGE);
}

static void
test_bad_quoting (void)
{
  g_autoptr (PdnCsvReader) unclosed = reader_for_text ("name\nok\n\"never closed\nmore\n", -1);
  g_autoptr (PdnCsvReader) after = reader_for_text ("name,x\n\"quoted\"tail,1\n", -1);
  g_autoptr (GError) error = NULL;

  error = read_until_error (unclosed);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Line 3:"));
  g_clear_error (&error);
  error = read_until_error (after);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Line 2:"));
}

/* Rows long enough to cross the reader's 64 KiB buffer many times, with a
 * CRLF and a quoted field split at every possible offset. */
static void
test_buffer_boundaries (void)
{
  g_autoptr (GString) text = g_string_new ("id,text\r\n");
  g_autoptr (PdnCsvReader) reader = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "%u,\"row %u, %*s\"\r\n", i, i, (int) (i % 97), "");
  reader = reader_for_text (text->str, -1);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree gchar *expected = g_strdup_printf ("row %u, %*s", i, (int) (i % 97), "");
      g_autofree gchar *id = g_strdup_printf ("%u", i);
      assert_next (reader);
      g_assert_cmpstr (pdn_csv_reader_get (reader, "id"), ==, id);
      g_assert_cmpstr (pdn_csv_reader_get (reader, "text"), ==, expected);
      g_assert_cmpuint (pdn_csv_reader_get_line (reader), ==, i + 2);
    }
  assert_end (reader);
}

static void
test_from_path (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_write_file (dir, "a.csv", "name\nAdams\n");
  g_autofree gchar *missing = pdn_test_dir_file (dir, "missing.csv");
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new_for_path (path, NULL);
  g_autoptr (PdnCsvReader) none = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (reader);
  assert_next (reader);
  g_assert_cmpstr (pdn_csv_reader_get (reader, "name"), ==, "Adams");
  none = pdn_csv_reader_new_for_path (missing, &error);
  g_assert_null (none);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "file");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/csv-reader/quotes", test_quotes);
  g_test_add_func ("/pdnet/csv-reader/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/pdnet/csv-reader/columns-any-order", test_columns_any_order);
  g_test_add_func ("/pdnet/csv-reader/short-and-long-rows", test_short_and_long_rows);
  g_test_add_func ("/pdnet/csv-reader/missing-column", test_missing_column);
  g_test_add_func ("/pdnet/csv-reader/duplicate-column", test_duplicate_column);
  g_test_add_func ("/pdnet/csv-reader/empty-file", test_empty_file);
  g_test_add_func ("/pdnet/csv-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/pdnet/csv-reader/oversized-field", test_oversized_field);
  g_test_add_func ("/pdnet/csv-reader/field-at-size-limit", test_field_at_size_limit);
  g_test_add_func ("/pdnet/csv-reader/row-limit", test_row_limit);
  g_test_add_func ("/pdnet/csv-reader/too-many-fields", test_too_many_fields);
  g_test_add_func ("/pdnet/csv-reader/bad-quoting", test_bad_quoting);
  g_test_add_func ("/pdnet/csv-reader/buffer-boundaries", test_buffer_boundaries);
  g_test_add_func ("/pdnet/csv-reader/from-path", test_from_path);
  return g_test_run ();
}
