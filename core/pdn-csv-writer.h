/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PdnCsvWriter:
 *
 * RFC 4180 output with CRLF line ends. Text cells that a spreadsheet would
 * run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
typedef struct _PdnCsvWriter PdnCsvWriter;

PdnCsvWriter *pdn_csv_writer_new (void);
void pdn_csv_writer_free (PdnCsvWriter *self);
void pdn_csv_writer_text (PdnCsvWriter *self, const gchar *value);
void pdn_csv_writer_int (PdnCsvWriter *self, gint64 value);
void pdn_csv_writer_double (PdnCsvWriter *self, gdouble value, guint decimals);
void pdn_csv_writer_empty (PdnCsvWriter *self);
void pdn_csv_writer_end_row (PdnCsvWriter *self);
void pdn_csv_writer_header (PdnCsvWriter *self, const gchar *const *names);
const gchar *pdn_csv_writer_get_text (PdnCsvWriter *self);
gchar *pdn_csv_writer_free_to_text (PdnCsvWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnCsvWriter, pdn_csv_writer_free)

G_END_DECLS
