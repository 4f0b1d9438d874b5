/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pdn-import-report.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Columns: email, name, role, school, from, to (any order; from and to
 * optional). All or nothing: see pdn_people_importer_import_stream(). */
gboolean pdn_people_importer_import_file (PdnStore *store, const gchar *path,
                                          PdnImportProgressFunc progress, gpointer user_data,
                                          PdnImportReport **report, GError **error);
gboolean pdn_people_importer_import_stream (PdnStore *store, GInputStream *stream,
                                            PdnImportProgressFunc progress, gpointer user_data,
                                            PdnImportReport **report, GError **error);

G_END_DECLS
