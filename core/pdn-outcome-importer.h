/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pdn-account.h"
#include "pdn-csv-reader.h"
#include "pdn-import-report.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Columns (or, in JSON, members): school_id or school_external_id,
 * school_year, measure, value, students_n. Rows are upserted by (school,
 * year, measure), all or nothing: see pdn_outcome_importer_import_csv().
 * @account (nullable) limits the rows to the schools it may import
 * outcomes for; %NULL (the CLI) imports for any school. */
gboolean pdn_outcome_importer_import_csv (PdnStore *store, PdnAccount *account,
                                          PdnCsvReader *reader, PdnImportProgressFunc progress,
                                          gpointer user_data, PdnImportReport **report,
                                          GError **error);
gboolean pdn_outcome_importer_import_json (PdnStore *store, PdnAccount *account, JsonArray *rows,
                                           PdnImportReport **report, GError **error);

/* For `pdnet import outcomes`: any school, like the other CLI imports. */
gboolean pdn_outcome_importer_import_file (PdnStore *store, const gchar *path,
                                           PdnImportProgressFunc progress, gpointer user_data,
                                           PdnImportReport **report, GError **error);
gboolean pdn_outcome_importer_import_stream (PdnStore *store, GInputStream *stream,
                                             PdnImportProgressFunc progress, gpointer user_data,
                                             PdnImportReport **report, GError **error);

G_END_DECLS
