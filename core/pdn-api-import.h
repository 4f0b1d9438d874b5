/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-account.h"
#include "pdn-csv-reader.h"
#include "pdn-import-report.h"
#include "pdn-request.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* One CSV import over HTTP: the importer the CLI uses, and the row checks
 * that keep a coordinator inside its own organization. */
typedef struct
{
  gboolean (*import) (PdnStore *store, GInputStream *stream, PdnImportProgressFunc progress,
                      gpointer user_data, PdnImportReport **report, GError **error);
  /* Adds a row error for every row of @reader @caller may not import. */
  gboolean (*check_rows) (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                          PdnImportReport *report, GError **error);
  gboolean creates_organizations;
} PdnApiImportKind;

extern const PdnApiImportKind pdn_api_import_schools;
extern const PdnApiImportKind pdn_api_import_people;

JsonNode *pdn_api_import_run (PdnRequest *request, PdnStore *store, const PdnApiImportKind *kind,
                              GError **error);
void pdn_api_import_add_schemas (PdnRouter *router);

/* For imports with their own handler (outcomes, which also take JSON). */
gboolean pdn_api_import_is_utf8_type (const gchar *content_type, const gchar *media_type);
JsonNode *pdn_api_import_report_to_json (PdnImportReport *report, gboolean creates_organizations);
JsonNode *pdn_api_import_errors_to_json (PdnImportReport *report);

/* requestBody and responses of an import operation, for OpenAPI. */
#define PDN_API_IMPORT_OPERATION_MEMBERS                                                         \
  "\"requestBody\":{\"required\":true,\"content\":{\"text/csv\":{\"schema\":"                   \
  "{\"type\":\"string\"}}}},"                                                                    \
  "\"responses\":{\"200\":{\"description\":\"Imported: what changed\",\"content\":"             \
  "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/ImportReport\"}}}},"       \
  "\"415\":{\"description\":\"The body is not text/csv in UTF-8\",\"content\":"                  \
  "{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}},"    \
  "\"422\":{\"description\":\"Some rows are bad; nothing was imported\",\"content\":"           \
  "{\"application/problem+json\":{\"schema\":"                                                  \
  "{\"$ref\":\"#/components/schemas/ImportProblem\"}}}}}"

G_END_DECLS
