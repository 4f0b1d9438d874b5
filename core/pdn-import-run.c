/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-import-run.h"
#include "pdn-transaction.h"

void
pdn_import_progress_update (PdnImportProgress *self, guint64 done)
{
  if (self->func == NULL
      || (done - self->reported < PDN_IMPORT_PROGRESS_EVERY && done != self->total))
    return;
  self->func (done, self->total, self->user_data);
  self->reported = done;
}

/**
 * pdn_import_read_csv:
 *
 * Phase 1 of an import: checks the header has @kind's required columns,
 * then hands every record of @reader to @kind's read_row, counting them
 * in @report. Fails only when the file itself cannot be read.
 */
gboolean
pdn_import_read_csv (const PdnImportKind *kind, gpointer import, PdnCsvReader *reader,
                     PdnImportReport *report, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!pdn_csv_reader_require_columns (reader, kind->required, error))
    return FALSE;
  while (pdn_csv_reader_next (reader, &local_error))
    {
      kind->read_row (import, reader);
      report->rows_read++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * pdn_import_apply:
 *
 * Phase 2 of an import, for rows read by pdn_import_read_csv() or any
 * other way (a JSON array): applies them with @kind's apply in one write
 * transaction, committed only when no row was bad (else
 * PDN_ERROR_UNPROCESSABLE, with the errors sorted by line).
 */
gboolean
pdn_import_apply (const PdnImportKind *kind, gpointer import, PdnStore *store,
                  PdnImportReport *report, PdnImportProgressFunc progress, gpointer user_data,
                  GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  PdnImportProgress tracker = { progress, user_data, report->rows_read, 0 };

  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !kind->apply (import, &tracker, error))
    return FALSE;
  if (pdn_import_report_has_errors (report))
    {
      pdn_import_report_set_failed (report, error);
      return FALSE;
    }
  return pdn_transaction_commit (tx, error);
}

/* Reads every row, then applies them in one write transaction that is
 * committed only when no row was bad (else PDN_ERROR_UNPROCESSABLE).
 * @reader may be NULL when making it failed with @error set; @report
 * (optional) is set also on failure. */
gboolean
pdn_import_run (const PdnImportKind *kind, PdnStore *store, PdnCsvReader *reader,
                PdnImportProgressFunc progress, gpointer user_data, PdnImportReport **report,
                GError **error)
{
  g_autoptr (PdnImportReport) own_report = pdn_import_report_new ();
  gpointer import = kind->new (store, own_report);
  gboolean ok;

  if (report != NULL)
    *report = g_object_ref (own_report);
  ok = reader != NULL && pdn_import_read_csv (kind, import, reader, own_report, error)
       && pdn_import_apply (kind, import, store, own_report, progress, user_data, error);
  kind->free (import);
  return ok;
}
