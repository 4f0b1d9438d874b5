/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-csv-reader.h"
#include "pdn-import-report.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Calls a PdnImportProgressFunc every PDN_IMPORT_PROGRESS_EVERY rows and
 * at the last one. */
#define PDN_IMPORT_PROGRESS_EVERY 100

typedef struct
{
  PdnImportProgressFunc func; /* nullable */
  gpointer user_data;
  guint64 total;
  guint64 reported;
} PdnImportProgress;

void pdn_import_progress_update (PdnImportProgress *self, guint64 done);

/* What one kind of CSV import does; pdn_import_run() drives it. */
typedef struct
{
  const gchar *const *required; /* columns the file must have */
  gpointer (*new) (PdnStore *store, PdnImportReport *report);
  void (*free) (gpointer import);
  /* Phase 1: parses and checks the reader's current row (no database). */
  void (*read_row) (gpointer import, PdnCsvReader *reader);
  /* Phase 2: checks and writes the rows inside the write transaction. */
  gboolean (*apply) (gpointer import, PdnImportProgress *progress, GError **error);
} PdnImportKind;

/* The two phases pdn_import_run() runs, for importers that make their
 * state themselves (with options such as an account to limit them). */
gboolean pdn_import_read_csv (const PdnImportKind *kind, gpointer import, PdnCsvReader *reader,
                              PdnImportReport *report, GError **error);
gboolean pdn_import_apply (const PdnImportKind *kind, gpointer import, PdnStore *store,
                           PdnImportReport *report, PdnImportProgressFunc progress,
                           gpointer user_data, GError **error);
gboolean pdn_import_run (const PdnImportKind *kind, PdnStore *store, PdnCsvReader *reader,
                         PdnImportProgressFunc progress, gpointer user_data,
                         PdnImportReport **report, GError **error);

G_END_DECLS
