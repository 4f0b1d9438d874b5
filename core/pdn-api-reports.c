/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-accept.h"
#include "pdn-api-caller.h"
#include "pdn-api-reports.h"
#include "pdn-api-resource.h"
#include "pdn-participation.h"
#include "pdn-school-year.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

/*
 * /reports: figures over a program, or over every program the caller may
 * report on in a school year, for leads of the programs' lead
 * organizations and admins (pdn_access_check_run_reports()). Every figure
 * comes from pdn_participation_compute(), as `pdnet export participation`
 * does, and the CSV is the same text that command writes.
 */

typedef struct
{
  gint64 program_id;        /* 0: every program the caller may report on */
  const gchar *school_year; /* NULL: the program's own */
  PdnParticipationGrouping grouping;
} ParticipationQuery;

static const gchar *const participation_parameters[] = { "program_id", "school_year", "group_by",
                                                         NULL };

/* pdn_api_check_query() lets list paging through; a report has none. */
static gboolean
check_parameters (PdnRequest *request, GError **error)
{
  static const gchar *const paging[] = { "limit", "cursor" };

  if (!pdn_api_check_query (request, participation_parameters, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (paging); i++)
    if (pdn_request_get_query (request, paging[i]) != NULL)
      {
        pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, paging[i],
                             _("%s is not a known query parameter"), paging[i]);
        return FALSE;
      }
  return TRUE;
}

/* Either a program (its own year unless school_year says otherwise) or a
 * school year (every program the caller may report on), or both. */
static gboolean
read_query (PdnRequest *request, ParticipationQuery *query, GError **error)
{
  gint grouping = -1;

  if (!check_parameters (request, error)
      || !pdn_api_query_id (request, "program_id", &query->program_id, error))
    return FALSE;
  query->school_year = pdn_request_get_query (request, "school_year");
  if (query->school_year != NULL
      && !pdn_validate_school_year (query->school_year, "school_year", error))
    return FALSE;
  if (!pdn_api_query_enum (request, "group_by", pdn_participation_grouping_names (), &grouping,
                           error))
    return FALSE;
  query->grouping = grouping >= 0 ? (PdnParticipationGrouping) grouping
                                   : PDN_PARTICIPATION_BY_SCHOOL;
  if (query->program_id == 0 && query->school_year == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_year",
                           _("Name a program (program_id), a school year (school_year) or "
                             "both"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_school_year (PdnStore *store, const gchar *label, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchoolYear) year = pdn_school_year_load (store, label, &local_error);

  if (year != NULL)
    return TRUE;
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, "school_year",
                         _("No school year %s is known"), label);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The programs with sessions in @school_year that @organization_id leads
 * or partners in, unless 0. Passing just these to the computation
 * counts the same as passing every program, since it only counts the
 * sessions held in the year. */
static GArray *
select_programs (PdnStore *store, const gchar *school_year, gint64 organization_id,
                 GError **error)
{
  g_autoptr (GString) sql = g_string_new (
      "SELECT DISTINCT s.program_id FROM sessions s"
      " JOIN school_years y ON s.local_date >= y.starts_on AND s.local_date <= y.ends_on"
      " JOIN programs p ON p.id = s.program_id"
      " WHERE y.label = ?");
  g_autoptr (PdnStatement) stmt = NULL;

  if (organization_id > 0)
    g_string_append (sql, " AND p.id IN (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL ")");
  g_string_append (sql, " ORDER BY s.program_id");
  stmt = pdn_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, school_year);
  if (organization_id > 0)
    {
      pdn_statement_bind_int64 (stmt, 2, organization_id);
      pdn_statement_bind_int64 (stmt, 3, organization_id);
    }
  return pdn_api_collect_ids (stmt, error);
}

/* The programs to count, which the caller may report on: 403, or 404
 * for an unknown program or school year. */
static GArray *
resolve_programs (PdnStore *store, PdnAccount *caller, ParticipationQuery *query,
                  GError **error)
{
  g_autoptr (GArray) ids = NULL;
  gint64 organization_id = 0;

  if (query->program_id > 0)
    {
      if (!pdn_store_require_row (store, "SELECT COUNT(*) FROM programs WHERE id = ?",
                                  query->program_id, PDN_ERROR_NOT_FOUND, "program_id", error,
                                  _("No program has id %lld"), (long long) query->program_id)
          || !pdn_access_check_run_reports (store, caller, query->program_id, error))
        return NULL;
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, query->program_id);
      return g_steal_pointer (&ids);
    }
  if (!pdn_access_report_scope (caller, &organization_id, error)
      || !require_school_year (store, query->school_year, error))
    return NULL;
  return select_programs (store, query->school_year, organization_id, error);
}

/* No program has sessions that year: an empty report, not an error. */
static PdnParticipationReport *
compute (PdnStore *store, GArray *ids, ParticipationQuery *query, GError **error)
{
  if (ids->len == 0)
    return pdn_participation_report_new (query->school_year, query->grouping);
  return pdn_participation_compute (store, (const gint64 *) ids->data, ids->len,
                                    query->school_year, query->grouping, error);
}

/* participation-2026-27-by-school.csv, with the program when there is one. */
static gchar *
csv_file_name (PdnParticipationReport *report, gint64 program_id)
{
  const gchar *year = pdn_participation_report_get_school_year (report);
  const gchar *group = pdn_participation_grouping_to_string (
      pdn_participation_report_get_grouping (report));

  if (program_id > 0)
    return g_strdup_printf ("participation-program-%lld-%s-by-%s.csv", (long long) program_id,
                            year, group);
  return g_strdup_printf ("participation-%s-by-%s.csv", year, group);
}

static void
respond_csv (PdnRequest *request, PdnParticipationReport *report, gint64 program_id)
{
  g_autofree gchar *name = csv_file_name (report, program_id);
  g_autofree gchar *disposition = g_strdup_printf ("attachment; filename=\"%s\"", name);
  gchar *csv = pdn_participation_report_to_csv (report);

  pdn_request_set_response_header (request, "Content-Disposition", disposition);
  pdn_request_take_response (request, "text/csv; charset=utf-8",
                             g_bytes_new_take (csv, strlen (csv)));
}

static JsonNode *
respond_json (PdnParticipationReport *report, GArray *ids)
{
  JsonNode *node = pdn_participation_report_to_json (report);

  pdn_api_json_set_ids (json_node_get_object (node), "program_ids", ids);
  return node;
}

static JsonNode *
participation_report (PdnRequest *request, gpointer user_data, GError **error)
{
  static const gchar *const formats[] = { "application/json", "text/csv", NULL };
  PdnStore *store = user_data;
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  ParticipationQuery query = { 0 };
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (PdnParticipationReport) report = NULL;

  if (caller == NULL || !read_query (request, &query, error))
    return NULL;
  /* One snapshot: the programs chosen are the programs counted. */
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_READ, error);
  if (tx == NULL || (ids = resolve_programs (store, caller, &query, error)) == NULL
      || (report = compute (store, ids, &query, error)) == NULL
      || !pdn_transaction_commit (tx, error))
    return NULL;
  pdn_request_set_response_header (request, "Vary", "Accept");
  if (pdn_api_negotiate (request, formats) == 1)
    {
      respond_csv (request, report, query.program_id);
      return NULL;
    }
  return respond_json (report, ids);
}

/* ---- OpenAPI ---- */

#define COUNT(description)                                                                       \
  "{\"type\":\"integer\",\"minimum\":0,\"description\":\"" description "\"}"
#define RATIO(description)                                                                       \
  "{\"type\":[\"number\",\"null\"],\"description\":\"" description "\"}"

static const gchar participation_row_schema[]
    = "{\"type\":\"object\",\"description\":\"One school, sector or organization. The members "
      "naming the group depend on group_by: school_id, school_external_id, school_name, "
      "sector, organization_id and organization_name by school; sector by sector; "
      "organization_id and organization_name by organization.\","
      "\"required\":[\"teachers_attended\",\"leaders_attended\",\"admins_attended\","
      "\"teachers_registered\",\"teacher_attendances\",\"minutes_attended\","
      "\"hours_attended\",\"sessions_per_teacher\",\"teacher_headcount\","
      "\"participation_rate\"],\"properties\":{"
      "\"school_id\":{\"type\":\"integer\"},"
      "\"school_external_id\":{\"type\":[\"string\",\"null\"]},"
      "\"school_name\":{\"type\":\"string\"},"
      "\"sector\":{\"type\":\"string\",\"enum\":[\"district\",\"charter\",\"catholic\"],"
      "\"description\":\"That school year's\"},"
      "\"organization_id\":{\"type\":\"integer\"},"
      "\"organization_name\":{\"type\":\"string\"},"
      "\"teachers_attended\":" COUNT ("Distinct teachers and coaches present or partial") ","
      "\"leaders_attended\":" COUNT ("Distinct school leaders") ","
      "\"admins_attended\":" COUNT ("Distinct district admins") ","
      "\"teachers_registered\":" COUNT ("Distinct teachers and coaches registered") ","
      "\"teacher_attendances\":" COUNT ("Sessions attended by teachers and coaches") ","
      "\"minutes_attended\":" COUNT ("By everyone credited to the group") ","
      "\"hours_attended\":{\"type\":\"number\",\"minimum\":0},"
      "\"sessions_per_teacher\":" RATIO ("null when no teacher attended") ","
      "\"teacher_headcount\":{\"type\":[\"integer\",\"null\"],\"description\":\"That year's; "
      "null when unknown\"},"
      "\"participation_rate\":" RATIO ("teachers_attended over teacher_headcount; null when "
                                       "the headcount is unknown") "}}";

static const gchar participation_report_schema[]
    = "{\"type\":\"object\",\"required\":[\"school_year\",\"group_by\",\"program_ids\","
      "\"rows\"],\"properties\":{"
      "\"school_year\":{\"type\":\"string\",\"examples\":[\"2026-27\"]},"
      "\"group_by\":{\"type\":\"string\",\"enum\":[\"school\",\"sector\",\"organization\"]},"
      "\"program_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"},"
      "\"description\":\"The programs counted\"},"
      "\"rows\":{\"type\":\"array\",\"items\":"
      "{\"$ref\":\"#/components/schemas/ParticipationRow\"}}}}";

static const gchar participation_operation[]
    = "{\"operationId\":\"getParticipationReport\",\"summary\":\"Participation per school, "
      "sector or organization\",\"description\":\"Who attended sessions and for how long, "
      "each person credited to the school they were at on the session's date (a teacher who "
      "moved counts for each school). Name a program, a school year, or both: with a program, "
      "the caller must lead its lead organization (or be an admin); with only a school year, "
      "every program the caller may report on that has sessions in it. JSON, or CSV with "
      "Accept: text/csv.\",\"tags\":[\"reports\"],\"parameters\":["
      "{\"name\":\"program_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
      "\"minimum\":1}},"
      "{\"name\":\"school_year\",\"in\":\"query\",\"description\":\"Required without "
      "program_id; defaults to the program's own\",\"schema\":{\"type\":\"string\","
      "\"pattern\":\"^[0-9]{4}-[0-9]{2}$\",\"examples\":[\"2026-27\"]}},"
      "{\"name\":\"group_by\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
      "\"enum\":[\"school\",\"sector\",\"organization\"],\"default\":\"school\"}}],"
      "\"responses\":{\"200\":{\"description\":\"The report\",\"headers\":{"
      "\"Content-Disposition\":{\"description\":\"For CSV: attachment with a file name\","
      "\"schema\":{\"type\":\"string\"}}},\"content\":{"
      "\"application/json\":{\"schema\":"
      "{\"$ref\":\"#/components/schemas/ParticipationReport\"}},"
      "\"text/csv\":{\"schema\":{\"type\":\"string\"}}}}}}";

/**
 * pdn_api_reports_register:
 * @store: (nullable): the server thread's store (see pdn_api_register())
 *
 * Adds GET /reports/participation, which runs on the worker pool: a
 * year's figures over many programs take a while.
 */
void
pdn_api_reports_register (PdnRouter *router, PdnStore *store)
{
  pdn_router_add_schema (router, "ParticipationRow", participation_row_schema);
  pdn_router_add_schema (router, "ParticipationReport", participation_report_schema);
  pdn_api_resource_add (router, "GET", "/reports/participation", PDN_ROUTE_WORKER,
                        participation_operation, participation_report, store);
}
