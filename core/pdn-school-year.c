/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-school-year.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSchoolYear, pdn_school_year, G_TYPE_OBJECT)

static void
pdn_school_year_finalize (GObject *object)
{
  PdnSchoolYear *self = PDN_SCHOOL_YEAR (object);

  g_free (self->label);
  g_free (self->starts_on);
  g_free (self->ends_on);
  G_OBJECT_CLASS (pdn_school_year_parent_class)->finalize (object);
}

static void
pdn_school_year_class_init (PdnSchoolYearClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_school_year_finalize;
}

static void
pdn_school_year_init (PdnSchoolYear *self)
{
}

/**
 * pdn_school_year_new:
 * @label: (nullable): such as "2017-18"
 *
 * A school year running from July 1 to June 30 when @label is valid; the
 * dates stay %NULL otherwise, and validation reports the label.
 */
PdnSchoolYear *
pdn_school_year_new (const gchar *label)
{
  PdnSchoolYear *self = g_object_new (PDN_TYPE_SCHOOL_YEAR, NULL);
  guint first;

  self->label = g_strdup (label);
  if (pdn_validate_school_year (label, "label", NULL))
    {
      first = (guint) g_ascii_strtoull (label, NULL, 10);
      self->starts_on = g_strdup_printf ("%04u-07-01", first);
      self->ends_on = g_strdup_printf ("%04u-06-30", first + 1);
    }
  return self;
}

gboolean
pdn_school_year_validate (PdnSchoolYear *self, GError **error)
{
  if (!pdn_validate_school_year (self->label, "label", error))
    return FALSE;
  if (!pdn_time_validate_date (self->starts_on, "starts_on", error))
    return FALSE;
  if (!pdn_time_validate_date (self->ends_on, "ends_on", error))
    return FALSE;
  if (strcmp (self->starts_on, self->ends_on) >= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "ends_on",
                           _("The school year %s must end after it starts (%s)"), self->label,
                           self->starts_on);
      return FALSE;
    }
  return TRUE;
}

/* Runs one INSERT of (label, starts_on, ends_on) ending in @on_conflict. */
static gboolean
write_year (PdnSchoolYear *self, PdnStore *store, const gchar *on_conflict, GError **error)
{
  g_autofree gchar *sql = g_strconcat ("INSERT INTO school_years (label, starts_on, ends_on) "
                                       "VALUES (?, ?, ?) ON CONFLICT (label) ",
                                       on_conflict, NULL);
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_school_year_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  stmt = pdn_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->label);
  pdn_statement_bind_text (stmt, 2, self->starts_on);
  pdn_statement_bind_text (stmt, 3, self->ends_on);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

/* Inserts the year, or moves the dates of an existing one. */
gboolean
pdn_school_year_save (PdnSchoolYear *self, PdnStore *store, GError **error)
{
  return write_year (self, store,
                     "DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on",
                     error);
}

PdnSchoolYear *
pdn_school_year_load (PdnStore *store, const gchar *label, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (PdnSchoolYear) self = NULL;

  stmt = pdn_store_prepare (store,
                            "SELECT label, starts_on, ends_on FROM school_years WHERE label = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, label);
  if (!pdn_statement_step_one (stmt, error, _("No school year %s"), label))
    return NULL;
  self = g_object_new (PDN_TYPE_SCHOOL_YEAR, NULL);
  self->label = pdn_statement_dup_text (stmt, 0);
  self->starts_on = pdn_statement_dup_text (stmt, 1);
  self->ends_on = pdn_statement_dup_text (stmt, 2);
  return g_steal_pointer (&self);
}

/* Creates @label with the default July-June dates unless it exists; an
 * existing year keeps the dates it was given. */
gboolean
pdn_school_year_ensure (PdnStore *store, const gchar *label, GError **error)
{
  g_autoptr (PdnSchoolYear) year = pdn_school_year_new (label);

  return write_year (year, store, "DO NOTHING", error);
}

/**
 * pdn_school_year_label_for_date:
 * @date: "YYYY-MM-DD"
 *
 * Returns: (nullable): the default school year containing @date, such as
 * "2026-27" for 2026-11-23 and "2025-26" for 2026-03-01; %NULL for a
 * malformed date.
 */
gchar *
pdn_school_year_label_for_date (const gchar *date)
{
  guint year;
  guint month;

  if (!pdn_time_validate_date (date, "date", NULL))
    return NULL;
  year = (guint) g_ascii_strtoull (date, NULL, 10);
  month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  if (month < 7)
    year--;
  return g_strdup_printf ("%04u-%02u", year, (year + 1) % 100);
}
