/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-references.h"
#include "pdn-school.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnSchool, pdn_school, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, name, sector, organization_id, city, external_id, created_at FROM schools "

static void
pdn_school_finalize (GObject *object)
{
  PdnSchool *self = PDN_SCHOOL (object);

  g_free (self->name);
  g_free (self->city);
  g_free (self->external_id);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_school_parent_class)->finalize (object);
}

static void
pdn_school_class_init (PdnSchoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_school_finalize;
}

static void
pdn_school_init (PdnSchool *self)
{
}

PdnSchool *
pdn_school_new (void)
{
  return g_object_new (PDN_TYPE_SCHOOL, NULL);
}

/* Blank city and external id become NULL, so they are stored as NULL. */
gboolean
pdn_school_validate (PdnSchool *self, GError **error)
{
  pdn_clear_if_blank (&self->city);
  pdn_clear_if_blank (&self->external_id);
  if (!pdn_validate_text (self->name, "name", TRUE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (pdn_sector_to_string (self->sector) == NULL)
    return pdn_validate_enum (NULL, "sector", pdn_sector_names (), error);
  if (self->organization_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "organization_id",
                           _("A school belongs to an organization"));
      return FALSE;
    }
  if (!pdn_validate_text (self->city, "city", FALSE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  return pdn_validate_text (self->external_id, "external_id", FALSE, 64, error);
}

static gboolean
check_organization (PdnSchool *self, PdnStore *store, GError **error)
{
  return pdn_require_organization (store, self->organization_id, "organization_id", error);
}

/* Checked before writing so the message can name the value. */
static gboolean
check_external_id (PdnSchool *self, PdnStore *store, GError **error)
{
  g_autofree gchar *other = NULL;

  if (self->external_id == NULL)
    return TRUE;
  if (!pdn_store_find_other (store, "SELECT id FROM schools WHERE external_id = ? AND id <> ?",
                             self->external_id, self->id, &other, error))
    return FALSE;
  if (other != NULL)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "external_id",
                         _("Another school already has the external id “%s”"),
                         self->external_id);
  return other == NULL;
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM schools WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No school has id %lld"),
                                (long long) id);
}

static void
bind_fields (PdnSchool *self, PdnStatement *stmt)
{
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, pdn_sector_to_string (self->sector));
  pdn_statement_bind_int64 (stmt, 3, self->organization_id);
  pdn_statement_bind_text (stmt, 4, self->city);
  pdn_statement_bind_text (stmt, 5, self->external_id);
}

gboolean
pdn_school_insert (PdnSchool *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_school_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  if (!check_organization (self, store, error) || !check_external_id (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO schools (name, sector, organization_id, city, "
                            "external_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  bind_fields (self, stmt);
  pdn_statement_bind_text (stmt, 6, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  return pdn_transaction_commit (tx, error);
}

gboolean
pdn_school_update (PdnSchool *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_school_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL)
    return FALSE;
  if (!check_exists (store, self->id, error) || !check_organization (self, store, error)
      || !check_external_id (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE schools SET name = ?, sector = ?, organization_id = ?, "
                            "city = ?, external_id = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (self, stmt);
  pdn_statement_bind_int64 (stmt, 6, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnSchool *self = pdn_school_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  pdn_sector_from_string (pdn_statement_column_text (stmt, 2), &self->sector);
  self->organization_id = pdn_statement_column_int64 (stmt, 3);
  self->city = pdn_statement_dup_text (stmt, 4);
  self->external_id = pdn_statement_dup_text (stmt, 5);
  self->created_at = pdn_statement_dup_text (stmt, 6);
  return self;
}

/* Steps a prepared SELECT_COLUMNS query; @not_found is the message when no
 * row matches. */
static PdnSchool *
load_row (PdnStatement *stmt, const gchar *not_found, GError **error)
{
  return pdn_statement_step_one (stmt, error, "%s", not_found) ? from_row (stmt) : NULL;
}

PdnSchool *
pdn_school_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE id = ?", error);
  g_autofree gchar *not_found = NULL;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, id);
  not_found = g_strdup_printf (_("No school has id %lld"), (long long) id);
  return load_row (stmt, not_found, error);
}

PdnSchool *
pdn_school_find_by_external_id (PdnStore *store, const gchar *external_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *not_found = NULL;

  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE external_id = ?", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, external_id);
  not_found = g_strdup_printf (_("No school has the external id “%s”"), external_id);
  return load_row (stmt, not_found, error);
}

/* An exact name within one organization; @organization_id 0 searches all
 * organizations and takes the oldest school of that name. */
PdnSchool *
pdn_school_find_by_name (PdnStore *store, gint64 organization_id, const gchar *name,
                         GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *not_found = NULL;

  stmt = pdn_store_prepare (store,
                            SELECT_COLUMNS "WHERE name = ? AND (? = 0 OR organization_id = ?) "
                                           "ORDER BY id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, name);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  pdn_statement_bind_int64 (stmt, 3, organization_id);
  not_found = g_strdup_printf (_("No school is named “%s”"), name);
  return load_row (stmt, not_found, error);
}

/* Fails with PDN_ERROR_CONFLICT while people or sessions refer to it. */
gboolean
pdn_school_delete (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_run_id (store, "DELETE FROM schools WHERE id = ?", id, error);
}
