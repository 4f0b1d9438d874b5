/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-outcome.h"
#include "pdn-references.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnOutcome, pdn_outcome, G_TYPE_OBJECT)

static void
pdn_outcome_finalize (GObject *object)
{
  PdnOutcome *self = PDN_OUTCOME (object);

  g_free (self->school_year);
  g_free (self->measure);
  G_OBJECT_CLASS (pdn_outcome_parent_class)->finalize (object);
}

static void
pdn_outcome_class_init (PdnOutcomeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_outcome_finalize;
}

static void
pdn_outcome_init (PdnOutcome *self)
{
}

PdnOutcome *
pdn_outcome_new (void)
{
  return g_object_new (PDN_TYPE_OUTCOME, NULL);
}

/* Measure names are machine ids that analyses and reports refer to:
 * 1 to 40 of a-z, 0-9 and "_" (ela_growth, math_scale_score). */
gboolean
pdn_outcome_is_measure (const gchar *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  return length >= 1 && length <= PDN_OUTCOME_MEASURE_MAX_CHARS
         && strspn (text, "abcdefghijklmnopqrstuvwxyz0123456789_") == length;
}

gboolean
pdn_outcome_validate_measure (const gchar *measure, const gchar *field, GError **error)
{
  if (pdn_outcome_is_measure (measure))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("%s must be 1 to %d lowercase letters, digits or underscores, such as "
                         "ela_growth"),
                       field, PDN_OUTCOME_MEASURE_MAX_CHARS);
  return FALSE;
}

gboolean
pdn_outcome_validate (PdnOutcome *self, GError **error)
{
  if (self->school_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_id",
                           _("school_id is required"));
      return FALSE;
    }
  if (!pdn_validate_school_year (self->school_year, "school_year", error)
      || !pdn_outcome_validate_measure (self->measure, "measure", error))
    return FALSE;
  if (!isfinite (self->value))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "value",
                           _("value must be a finite number"));
      return FALSE;
    }
  if (self->students_n < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "students_n",
                           _("students_n must not be negative"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_school (PdnOutcome *self, PdnStore *store, GError **error)
{
  return pdn_require_school (store, self->school_id, "school_id", error);
}

gboolean
pdn_outcome_save (PdnOutcome *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_outcome_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_school (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO outcomes (school_id, school_year, measure, value, "
                            "students_n) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (school_id, school_year, measure) DO UPDATE SET "
                            "value = excluded.value, students_n = excluded.students_n",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, self->school_id);
  pdn_statement_bind_text (stmt, 2, self->school_year);
  pdn_statement_bind_text (stmt, 3, self->measure);
  pdn_statement_bind_double (stmt, 4, self->value);
  pdn_statement_bind_int64 (stmt, 5, self->students_n);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnOutcome *outcome = pdn_outcome_new ();

  outcome->school_id = pdn_statement_column_int64 (stmt, 0);
  outcome->school_year = pdn_statement_dup_text (stmt, 1);
  outcome->measure = pdn_statement_dup_text (stmt, 2);
  outcome->value = pdn_statement_column_double (stmt, 3);
  outcome->students_n = pdn_statement_column_int64 (stmt, 4);
  return outcome;
}

/**
 * pdn_outcome_load:
 *
 * The outcome of one school, year and measure; PDN_ERROR_NOT_FOUND when
 * there is none.
 */
PdnOutcome *
pdn_outcome_load (PdnStore *store, gint64 school_id, const gchar *school_year,
                  const gchar *measure, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "SELECT school_id, school_year, measure, value, students_n FROM outcomes "
      "WHERE school_id = ? AND school_year = ? AND measure = ?",
      error);

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, school_id);
  pdn_statement_bind_text (stmt, 2, school_year);
  pdn_statement_bind_text (stmt, 3, measure);
  if (!pdn_statement_step_one (stmt, error, _("School %lld has no %s outcome for %s"),
                               (long long) school_id, measure, school_year))
    return NULL;
  return from_row (stmt);
}

/* Ordered by year, measure and school; a NULL filter matches anything.
 * Only fixed SQL fragments are joined, values are still parameters. */
GPtrArray *
pdn_outcome_list (PdnStore *store, const gchar *school_year, const gchar *measure,
                  GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT school_id, school_year, measure, value, "
                                          "students_n FROM outcomes WHERE 1 = 1");
  g_autoptr (PdnStatement) stmt = NULL;
  guint n_params = 0;

  if (school_year != NULL)
    g_string_append (sql, " AND school_year = ?");
  if (measure != NULL)
    g_string_append (sql, " AND measure = ?");
  g_string_append (sql, " ORDER BY school_year, measure, school_id");
  stmt = pdn_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (school_year != NULL)
    pdn_statement_bind_text (stmt, ++n_params, school_year);
  if (measure != NULL)
    pdn_statement_bind_text (stmt, ++n_params, measure);
  return pdn_statement_collect (stmt, from_row, error);
}
