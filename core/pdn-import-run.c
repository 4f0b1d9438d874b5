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

static gboolean
read_rows (const PdnImportKind *kind, gpointer import, PdnCsvReader *reader,
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
  g_autoptr (PdnTransaction) tx = NULL;
  PdnImportProgress tracker = { progress, user_data, 0, 0 };
  gpointer import = kind->new (store, own_report);
  gboolean ok = FALSE;

  if (report != NULL)
    *report = g_object_ref (own_report);
  if (reader != NULL && read_rows (kind, import, reader, own_report, error))
    {
      tracker.total = own_report->rows_read;
      tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
      ok = tx != NULL && kind->apply (import, &tracker, error);
    }
  if (ok && pdn_import_report_has_errors (own_report))
    {
      pdn_import_report_set_failed (own_report, error);
      ok = FALSE;
    }
  ok = ok && pdn_transaction_commit (tx, error);
  kind->free (import);
  return ok;
}
