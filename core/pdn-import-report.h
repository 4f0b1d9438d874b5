/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Called after each applied row; @total is the number of rows read. */
typedef void (*PdnImportProgressFunc) (guint64 done, guint64 total, gpointer user_data);

/* One bad row: its line in the file, the column at fault (nullable) and why. */
typedef struct
{
  guint64 line;
  gchar *field;
  gchar *message;
} PdnImportError;

#define PDN_TYPE_IMPORT_REPORT (pdn_import_report_get_type ())
G_DECLARE_FINAL_TYPE (PdnImportReport, pdn_import_report, PDN, IMPORT_REPORT, GObject)

/* What an import did, or would have done: fields are public inside the core. */
struct _PdnImportReport
{
  GObject parent_instance;
  guint64 rows_read;
  guint64 created;
  guint64 updated;
  guint64 unchanged;
  guint64 organizations_created; /* school imports only */
  GPtrArray *errors; /* PdnImportError*, sorted by line once finished */
};

PdnImportReport *pdn_import_report_new (void);
void pdn_import_report_add_error (PdnImportReport *self, guint64 line, const gchar *field,
                                  const gchar *format, ...) G_GNUC_PRINTF (4, 5);
void pdn_import_report_add_gerror (PdnImportReport *self, guint64 line, const GError *error);
gboolean pdn_import_report_add_row_error (PdnImportReport *self, guint64 line,
                                          const gchar *field, const GError *row_error,
                                          GError **error);
gboolean pdn_import_report_has_errors (PdnImportReport *self);
guint pdn_import_report_count_bad_rows (PdnImportReport *self);
void pdn_import_report_sort_errors (PdnImportReport *self);
gchar *pdn_import_report_format_error (const PdnImportError *error);
gchar *pdn_import_report_format_errors (PdnImportReport *self);
void pdn_import_report_print_errors (PdnImportReport *self);
gboolean pdn_import_report_check_text (PdnImportReport *self, guint64 line, const gchar *field,
                                       const gchar *value, gboolean required, glong max_chars);
gboolean pdn_import_report_check_enum (PdnImportReport *self, guint64 line, const gchar *field,
                                       const gchar *value, const gchar *const *names,
                                       gint *index);
void pdn_import_report_set_failed (PdnImportReport *self, GError **error);
void pdn_import_report_count_saved (PdnImportReport *self, gboolean created, gboolean changed);

G_END_DECLS
