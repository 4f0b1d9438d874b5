/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-school-facts.h"
#include "pdn-school-year.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSchoolFacts, pdn_school_facts, G_TYPE_OBJECT)

static void
pdn_school_facts_finalize (GObject *object)
{
  PdnSchoolFacts *self = PDN_SCHOOL_FACTS (object);

  g_free (self->school_year);
  G_OBJECT_CLASS (pdn_school_facts_parent_class)->finalize (object);
}

static void
pdn_school_facts_class_init (PdnSchoolFactsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_school_facts_finalize;
}

static void
pdn_school_facts_init (PdnSchoolFacts *self)
{
  self->teacher_headcount = -1;
}

PdnSchoolFacts *
pdn_school_facts_new (void)
{
  return g_object_new (PDN_TYPE_SCHOOL_FACTS, NULL);
}

gboolean
pdn_school_facts_validate (PdnSchoolFacts *self, GError **error)
{
  if (self->school_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_id",
                           _("School facts need a school"));
      return FALSE;
    }
  if (!pdn_validate_school_year (self->school_year, "school_year", error))
    return FALSE;
  if (self->teacher_headcount < -1)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "teacher_headcount",
                           _("teacher_headcount must be zero or more"));
      return FALSE;
    }
  if (pdn_sector_to_string (self->sector) == NULL)
    return pdn_validate_enum (NULL, "sector", pdn_sector_names (), error);
  if (self->organization_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "organization_id",
                           _("A school belongs to an organization"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_references (PdnSchoolFacts *self, PdnStore *store, GError **error)
{
  return pdn_require_school (store, self->school_id, "school_id", error)
         && pdn_require_organization (store, self->organization_id, "organization_id", error);
}

gboolean
pdn_school_facts_save (PdnSchoolFacts *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_school_facts_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  if (!check_references (self, store, error)
      || !pdn_school_year_ensure (store, self->school_year, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO school_year_facts (school_id, school_year, "
                            "teacher_headcount, sector, organization_id) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (school_id, school_year) DO UPDATE SET "
                            "teacher_headcount = excluded.teacher_headcount, "
                            "sector = excluded.sector, organization_id = excluded.organization_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->school_id);
  pdn_statement_bind_text (stmt, 2, self->school_year);
  if (self->teacher_headcount < 0)
    pdn_statement_bind_null (stmt, 3);
  else
    pdn_statement_bind_int64 (stmt, 3, self->teacher_headcount);
  pdn_statement_bind_text (stmt, 4, pdn_sector_to_string (self->sector));
  pdn_statement_bind_int64 (stmt, 5, self->organization_id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

PdnSchoolFacts *
pdn_school_facts_load (PdnStore *store, gint64 school_id, const gchar *school_year,
                       GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (PdnSchoolFacts) self = NULL;

  stmt = pdn_store_prepare (store,
                            "SELECT teacher_headcount, sector, organization_id "
                            "FROM school_year_facts WHERE school_id = ? AND school_year = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, school_id);
  pdn_statement_bind_text (stmt, 2, school_year);
  if (!pdn_statement_step_one (stmt, error, _("No facts for school %lld in %s"),
                               (long long) school_id, school_year))
    return NULL;
  self = pdn_school_facts_new ();
  self->school_id = school_id;
  self->school_year = g_strdup (school_year);
  if (!pdn_statement_column_is_null (stmt, 0))
    self->teacher_headcount = pdn_statement_column_int64 (stmt, 0);
  pdn_sector_from_string (pdn_statement_column_text (stmt, 1), &self->sector);
  self->organization_id = pdn_statement_column_int64 (stmt, 2);
  return g_steal_pointer (&self);
}
