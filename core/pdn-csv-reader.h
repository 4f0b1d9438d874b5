/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Guards against hostile input; both can be changed per reader. */
#define PDN_CSV_READER_MAX_FIELD_BYTES (64 * 1024)
#define PDN_CSV_READER_MAX_ROWS 1000000
#define PDN_CSV_READER_MAX_COLUMNS 256

#define PDN_TYPE_CSV_READER (pdn_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (PdnCsvReader, pdn_csv_reader, PDN, CSV_READER, GObject)

PdnCsvReader *pdn_csv_reader_new (GInputStream *stream);
PdnCsvReader *pdn_csv_reader_new_for_path (const gchar *path, GError **error);
void pdn_csv_reader_set_max_field_bytes (PdnCsvReader *self, gsize max_bytes);
void pdn_csv_reader_set_max_rows (PdnCsvReader *self, guint64 max_rows);

gboolean pdn_csv_reader_read_header (PdnCsvReader *self, GError **error);
const gchar *const *pdn_csv_reader_get_columns (PdnCsvReader *self);
gboolean pdn_csv_reader_has_column (PdnCsvReader *self, const gchar *name);
gboolean pdn_csv_reader_require_columns (PdnCsvReader *self, const gchar *const *names,
                                         GError **error);

gboolean pdn_csv_reader_next (PdnCsvReader *self, GError **error);
const gchar *pdn_csv_reader_get (PdnCsvReader *self, const gchar *column);
gchar *pdn_csv_reader_dup_value (PdnCsvReader *self, const gchar *column);
guint pdn_csv_reader_get_n_fields (PdnCsvReader *self);
gboolean pdn_csv_reader_check_width (PdnCsvReader *self, GError **error);
guint64 pdn_csv_reader_get_line (PdnCsvReader *self);
guint64 pdn_csv_reader_get_row (PdnCsvReader *self);
guint64 pdn_csv_reader_get_bytes_read (PdnCsvReader *self);

G_END_DECLS
