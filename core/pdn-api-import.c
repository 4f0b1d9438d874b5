/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-import.h"
#include "pdn-api-json.h"
#include "pdn-organization.h"
#include "pdn-people-importer.h"
#include "pdn-person.h"
#include "pdn-school-importer.h"
#include "pdn-school.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-api-import
 *
 * POST /schools/import and /people/import take the CSV of `pdnet import`
 * and run the same importer, all or nothing: 200 with the counts, or 422
 * with every bad row in `errors` ({line, field, message}, as the CLI
 * prints them).
 *
 * Admins import anything. A coordinator imports only for its own
 * organization: its rows must name that organization and its schools, and
 * the people it imports must be people it may change whose every
 * affiliation is at its schools (an import replaces a person's
 * affiliations). Other rows are row errors, listed with the importer's
 * own. To list both, the import runs inside an outer transaction that is
 * rolled back when any row is bad.
 */

/**
 * pdn_api_import_is_utf8_type:
 * @content_type: (nullable): the request's Content-Type
 * @media_type: such as "text/csv"
 *
 * Whether a body is @media_type in UTF-8 (no charset, or utf-8).
 */
gboolean
pdn_api_import_is_utf8_type (const gchar *content_type, const gchar *media_type)
{
  g_auto (GStrv) parts = content_type != NULL ? g_strsplit (content_type, ";", -1) : NULL;

  if (parts == NULL || g_ascii_strcasecmp (g_strstrip (parts[0]), media_type) != 0)
    return FALSE;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const gchar *param = g_strstrip (parts[i]);

      if (g_ascii_strncasecmp (param, "charset=", 8) == 0
          && g_ascii_strcasecmp (param + 8, "utf-8") != 0
          && g_ascii_strcasecmp (param + 8, "\"utf-8\"") != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_coordinator (PdnAccount *caller)
{
  return caller->role == PDN_LOGIN_ROLE_COORDINATOR;
}

/* ---- a coordinator's school rows ---- */

static gboolean
is_other_organization (PdnStore *store, gint64 own_id, const gchar *name, gboolean *other,
                       GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnOrganization) organization
      = pdn_organization_find_by_name (store, name, &local_error);

  if (organization == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *other = organization == NULL || organization->id != own_id;
  return TRUE;
}

/* The organization of the school with @external_id; 0 when there is none. */
static gboolean
external_id_organization (PdnStore *store, const gchar *external_id, gint64 *organization_id,
                          GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchool) school = pdn_school_find_by_external_id (store, external_id, &local_error);

  *organization_id = school != NULL ? school->organization_id : 0;
  if (school != NULL || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
check_school_row (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                  PdnImportReport *report, GError **error)
{
  guint64 line = pdn_csv_reader_get_line (reader);
  g_autofree gchar *organization = pdn_csv_reader_dup_value (reader, "organization");
  g_autofree gchar *external_id = pdn_csv_reader_dup_value (reader, "external_id");
  gboolean other = FALSE;
  gint64 owner = 0;

  if (organization != NULL)
    {
      if (!is_other_organization (store, caller->organization_id, organization, &other, error))
        return FALSE;
      if (other)
        pdn_import_report_add_error (report, line, "organization",
                                     _("“%s” is not this account's organization"),
                                     organization);
    }
  if (external_id == NULL)
    return TRUE;
  if (!external_id_organization (store, external_id, &owner, error))
    return FALSE;
  if (owner > 0 && owner != caller->organization_id)
    pdn_import_report_add_error (report, line, "external_id",
                                 _("“%s” is a school of another organization"), external_id);
  return TRUE;
}

/* ---- a coordinator's people rows ---- */

/* The organization of the school a people row names, as the importer
 * finds it (external id, else a unique name); 0 when it finds none. */
static gboolean
school_cell_organization (PdnStore *store, const gchar *cell, gint64 *organization_id,
                          GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;
  guint matches = 0;

  if (!external_id_organization (store, cell, organization_id, error))
    return FALSE;
  if (*organization_id > 0)
    return TRUE;
  stmt = pdn_store_prepare (store, "SELECT organization_id FROM schools WHERE name = ? LIMIT 2",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, cell);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      *organization_id = pdn_statement_column_int64 (stmt, 0);
      matches++;
    }
  if (matches != 1)
    *organization_id = 0;
  return step == PDN_STEP_DONE;
}

static gboolean
check_person_email (PdnStore *store, PdnAccount *caller, guint64 line, const gchar *email,
                    PdnImportReport *report, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnPerson) person = NULL;

  if (email == NULL || !pdn_validate_email (email, "email", NULL))
    return TRUE;
  person = pdn_person_find_by_email (store, email, &local_error);
  if (person == NULL)
    {
      if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (pdn_access_check_replace_person (store, caller, person->id, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* TRANSLATORS: the second %s says why, such as "This account may not change this person" */
  pdn_import_report_add_error (report, line, "email", _("“%s”: %s"), email,
                               local_error->message);
  return TRUE;
}

static gboolean
check_person_row (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                  PdnImportReport *report, GError **error)
{
  guint64 line = pdn_csv_reader_get_line (reader);
  g_autofree gchar *email = pdn_csv_reader_dup_value (reader, "email");
  g_autofree gchar *school = pdn_csv_reader_dup_value (reader, "school");
  gint64 owner = 0;

  if (!check_person_email (store, caller, line, email, report, error))
    return FALSE;
  if (school == NULL)
    {
      pdn_import_report_add_error (report, line, "school",
                                   _("required: a coordinator imports people at its "
                                     "organization's schools"));
      return TRUE;
    }
  if (!school_cell_organization (store, school, &owner, error))
    return FALSE;
  if (owner > 0 && owner != caller->organization_id)
    pdn_import_report_add_error (report, line, "school",
                                 _("“%s” is a school of another organization"), school);
  return TRUE;
}

/* ---- running an import ---- */

typedef gboolean (*RowCheck) (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                              PdnImportReport *report, GError **error);

/* Runs @check on every row. A file the reader cannot read is left for the
 * importer to report, as it would from the CLI. */
static gboolean
check_each_row (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                const gchar *const *required, RowCheck check, PdnImportReport *report,
                GError **error)
{
  if (!pdn_csv_reader_require_columns (reader, required, NULL))
    return TRUE;
  while (pdn_csv_reader_next (reader, NULL))
    if (!check (store, caller, reader, report, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_school_rows (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                   PdnImportReport *report, GError **error)
{
  static const gchar *const required[] = { "name", "sector", "organization", NULL };

  return check_each_row (store, caller, reader, required, check_school_row, report, error);
}

static gboolean
check_person_rows (PdnStore *store, PdnAccount *caller, PdnCsvReader *reader,
                   PdnImportReport *report, GError **error)
{
  static const gchar *const required[] = { "email", "name", "role", "school", NULL };

  return check_each_row (store, caller, reader, required, check_person_row, report, error);
}

const PdnApiImportKind pdn_api_import_schools = {
  .import = pdn_school_importer_import_stream,
  .check_rows = check_school_rows,
  .creates_organizations = TRUE,
};

const PdnApiImportKind pdn_api_import_people = {
  .import = pdn_people_importer_import_stream,
  .check_rows = check_person_rows,
  .creates_organizations = FALSE,
};

/* The 200 answer of an import: its counts. */
JsonNode *
pdn_api_import_report_to_json (PdnImportReport *report, gboolean creates_organizations)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "rows_read", (gint64) report->rows_read);
  json_object_set_int_member (object, "created", (gint64) report->created);
  json_object_set_int_member (object, "updated", (gint64) report->updated);
  json_object_set_int_member (object, "unchanged", (gint64) report->unchanged);
  if (creates_organizations)
    json_object_set_int_member (object, "organizations_created",
                                (gint64) report->organizations_created);
  return pdn_api_json_node (object);
}

/* The `errors` member of a 422: every bad row as {line, field, message}. */
JsonNode *
pdn_api_import_errors_to_json (PdnImportReport *report)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < report->errors->len; i++)
    {
      const PdnImportError *row = g_ptr_array_index (report->errors, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "line", (gint64) row->line);
      pdn_api_json_set_text (object, "field", row->field);
      json_object_set_string_member (object, "message", row->message);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (node, array);
  return node;
}

static GInputStream *
body_stream (GBytes *body)
{
  return g_memory_input_stream_new_from_bytes (body);
}

/* The caller's own row errors, added to the importer's. */
static void
merge_errors (PdnImportReport *report, PdnImportReport *scope)
{
  for (guint i = 0; i < scope->errors->len; i++)
    {
      const PdnImportError *row = g_ptr_array_index (scope->errors, i);
      pdn_import_report_add_error (report, row->line, row->field, "%s", row->message);
    }
}

/* 422 with every bad row, the importer's and the scope checks'. */
static void
refuse_rows (PdnRequest *request, PdnImportReport *report, PdnImportReport *scope,
             GError **error)
{
  merge_errors (report, scope);
  pdn_import_report_set_failed (report, error);
  pdn_request_set_problem_member (request, "errors", pdn_api_import_errors_to_json (report));
}

static PdnAccount *
require_importer (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);

  if (caller == NULL || !pdn_access_check_edit_school (caller, caller->organization_id, error))
    return NULL;
  if (pdn_api_import_is_utf8_type (pdn_request_get_header (request, "Content-Type"), "text/csv"))
    return g_steal_pointer (&caller);
  pdn_error_set_field (error, PDN_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                       _("The request body must be text/csv in UTF-8"));
  return NULL;
}

/**
 * pdn_api_import_run:
 *
 * Runs @kind's import of the request's CSV body for its caller (see the
 * section comment). Runs on the calling thread with @store.
 */
JsonNode *
pdn_api_import_run (PdnRequest *request, PdnStore *store, const PdnApiImportKind *kind,
                    GError **error)
{
  g_autoptr (PdnAccount) caller = require_importer (request, store, error);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (PdnImportReport) scope = pdn_import_report_new ();
  g_autoptr (PdnImportReport) report = NULL;
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean imported;

  if (caller == NULL)
    return NULL;
  body = pdn_request_get_raw_body (request) != NULL
             ? g_bytes_ref (pdn_request_get_raw_body (request))
             : g_bytes_new_static ("", 0);
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return NULL;
  if (is_coordinator (caller))
    {
      g_autoptr (GInputStream) check_stream = body_stream (body);
      g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (check_stream);

      if (!kind->check_rows (store, caller, reader, scope, error))
        return NULL;
    }
  stream = body_stream (body);
  imported = kind->import (store, stream, NULL, NULL, &report, &local_error);
  if (imported && !pdn_import_report_has_errors (scope))
    return pdn_transaction_commit (tx, error)
               ? pdn_api_import_report_to_json (report, kind->creates_organizations)
               : NULL;
  if (imported || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE))
    refuse_rows (request, report, scope, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static const gchar import_report_schema[]
    = "{\"type\":\"object\",\"required\":[\"rows_read\",\"created\",\"updated\",\"unchanged\"],"
      "\"properties\":{"
      "\"rows_read\":{\"type\":\"integer\"},"
      "\"created\":{\"type\":\"integer\",\"description\":\"Schools, people or outcomes "
      "created\"},"
      "\"updated\":{\"type\":\"integer\"},"
      "\"unchanged\":{\"type\":\"integer\"},"
      "\"organizations_created\":{\"type\":\"integer\",\"description\":\"School imports "
      "only\"}}}";

static const gchar import_error_schema[]
    = "{\"type\":\"object\",\"required\":[\"line\",\"field\",\"message\"],\"properties\":{"
      "\"line\":{\"type\":\"integer\",\"description\":\"The line of the CSV file, or the "
      "row's position (from 1) in a JSON array of rows\"},"
      "\"field\":{\"type\":[\"string\",\"null\"],\"description\":\"The column at fault\"},"
      "\"message\":{\"type\":\"string\"}}}";

static const gchar import_problem_schema[]
    = "{\"allOf\":[{\"$ref\":\"#/components/schemas/Problem\"},{\"type\":\"object\","
      "\"required\":[\"errors\"],\"properties\":{\"errors\":{\"type\":\"array\","
      "\"items\":{\"$ref\":\"#/components/schemas/ImportError\"}}}}]}";

/* ImportReport, ImportError and ImportProblem, for both imports. */
void
pdn_api_import_add_schemas (PdnRouter *router)
{
  pdn_router_add_schema (router, "ImportReport", import_report_schema);
  pdn_router_add_schema (router, "ImportError", import_error_schema);
  pdn_router_add_schema (router, "ImportProblem", import_problem_schema);
}
