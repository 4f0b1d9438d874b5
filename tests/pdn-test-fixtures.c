/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-organization.h"
#include "pdn-program.h"
#include "pdn-session.h"
#include "pdn-test-fixtures.h"

void
pdn_test_exec (PdnStore *store, const gchar *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* Runs @sql with @id as its one parameter and returns the first column of
 * the one row it must return. */
static PdnStatement *
query_one (PdnStore *store, const gchar *sql, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdnStatement *stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, id);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  g_assert_no_error (error);
  return stmt;
}

gint64
pdn_test_query_int (PdnStore *store, const gchar *sql, gint64 id)
{
  g_autoptr (PdnStatement) stmt = query_one (store, sql, id);

  return pdn_statement_column_int64 (stmt, 0);
}

gchar *
pdn_test_query_text (PdnStore *store, const gchar *sql, gint64 id)
{
  g_autoptr (PdnStatement) stmt = query_one (store, sql, id);

  return pdn_statement_dup_text (stmt, 0);
}

gint64
pdn_test_add_organization (PdnStore *store, const gchar *slug)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnOrganization) org = pdn_organization_new ();

  org->name = g_strdup (slug);
  org->slug = g_strdup (slug);
  org->kind = PDN_ORGANIZATION_KIND_DISTRICT;
  g_assert_true (pdn_organization_insert (org, store, &error));
  g_assert_no_error (error);
  return org->id;
}

gint64
pdn_test_add_school (PdnStore *store, gint64 organization_id, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "INSERT INTO schools (name, sector, organization_id, created_at) "
                            "VALUES (?, 'district', ?, '2025-01-01T00:00:00Z')",
                            &error);
  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, name);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
  return pdn_store_last_insert_id (store);
}

gint64
pdn_test_add_person (PdnStore *store, const gchar *email)
{
  return pdn_test_add_named_person (store, email, email);
}

/* A teacher with @name and @email. */
gint64
pdn_test_add_named_person (PdnStore *store, const gchar *name, const gchar *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "INSERT INTO people (name, email, email_key, role, created_at) "
                            "VALUES (?, ?, ?, 'teacher', '2025-01-01T00:00:00Z')",
                            &error);
  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, name);
  pdn_statement_bind_text (stmt, 2, email);
  pdn_statement_bind_text (stmt, 3, email);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
  return pdn_store_last_insert_id (store);
}

/* A registration written directly (no registrar); @status: registered,
 * waitlisted, cancelled... */
gint64
pdn_test_add_registration (PdnStore *store, gint64 session_id, gint64 person_id,
                           const gchar *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "INSERT INTO registrations (session_id, person_id, status, created_at) "
                            "VALUES (?, ?, ?, '2026-09-01T00:00:00Z')",
                            &error);
  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  pdn_statement_bind_text (stmt, 3, status);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
  return pdn_store_last_insert_id (store);
}

gint64
pdn_test_add_account (PdnStore *store, const gchar *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  stmt = pdn_store_prepare (store,
                            "INSERT INTO accounts (name, email, email_key, role, created_at) "
                            "VALUES (?, ?, ?, 'coordinator', '2025-01-01T00:00:00Z')",
                            &error);
  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, email);
  pdn_statement_bind_text (stmt, 2, email);
  pdn_statement_bind_text (stmt, 3, email);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
  return pdn_store_last_insert_id (store);
}

gint64
pdn_test_add_program (PdnStore *store, gint64 organization_id, const gchar *school_year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnProgram) program = pdn_program_new ();

  program->name = g_strdup ("Saturday Workshops");
  program->type = g_strdup ("workshop-series");
  program->lead_organization_id = organization_id;
  program->school_year = g_strdup (school_year);
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);
  return program->id;
}

gint64
pdn_test_add_session (PdnStore *store, gint64 program_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = pdn_session_new ();

  session->program_id = program_id;
  session->kind = g_strdup ("workshop");
  session->title = g_strdup ("Reading conferences");
  session->starts_at = g_strdup ("2026-09-12T14:00:00Z");
  session->ends_at = g_strdup ("2026-09-12T16:00:00Z");
  session->time_zone = g_strdup ("America/Chicago");
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  return session->id;
}
