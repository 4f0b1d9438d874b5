/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-program.h"
#include "pdn-references.h"
#include "pdn-school-year.h"
#include "pdn-time.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnProgram, pdn_program, G_TYPE_OBJECT)

#define SELECT_COLUMNS                                                                           \
  "SELECT id, name, type, lead_organization_id, school_year, settings, created_at "             \
  "FROM programs "

static void
pdn_program_finalize (GObject *object)
{
  PdnProgram *self = PDN_PROGRAM (object);

  g_free (self->name);
  g_free (self->type);
  g_array_unref (self->partner_organization_ids);
  g_free (self->school_year);
  g_free (self->settings);
  g_free (self->created_at);
  G_OBJECT_CLASS (pdn_program_parent_class)->finalize (object);
}

static void
pdn_program_class_init (PdnProgramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_program_finalize;
}

static void
pdn_program_init (PdnProgram *self)
{
  self->partner_organization_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->settings = g_strdup ("{}");
}

PdnProgram *
pdn_program_new (void)
{
  return g_object_new (PDN_TYPE_PROGRAM, NULL);
}

void
pdn_program_add_partner (PdnProgram *self, gint64 organization_id)
{
  g_array_append_val (self->partner_organization_ids, organization_id);
}

static gboolean
validate_settings (PdnProgram *self, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (self->settings == NULL)
    self->settings = g_strdup ("{}");
  if (!g_utf8_validate (self->settings, -1, NULL)
      || !json_parser_load_from_data (parser, self->settings, -1, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "settings",
                           _("settings is not valid JSON"));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "settings",
                           _("settings must be a JSON object"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_partners (PdnProgram *self, GError **error)
{
  GArray *ids = self->partner_organization_ids;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree gchar *field = g_strdup_printf ("partner_organization_ids[%u]", i);

      if (id <= 0)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                               _("%s must be an organization id"), field);
          return FALSE;
        }
      if (id == self->lead_organization_id)
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                               _("The lead organization cannot also be a partner"));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                                 _("Organization %lld is listed twice as a partner"),
                                 (long long) id);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
pdn_program_validate (PdnProgram *self, GError **error)
{
  if (!pdn_validate_text (self->name, "name", TRUE, PDN_NAME_MAX_CHARS, error))
    return FALSE;
  if (!pdn_validate_identifier (self->type, "type", "-", error))
    return FALSE;
  if (self->lead_organization_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "lead_organization_id",
                           _("lead_organization_id is required"));
      return FALSE;
    }
  if (!validate_partners (self, error))
    return FALSE;
  if (!pdn_validate_school_year (self->school_year, "school_year", error))
    return FALSE;
  return validate_settings (self, error);
}

static gboolean
check_references (PdnProgram *self, PdnStore *store, GError **error)
{
  if (!pdn_require_organization (store, self->lead_organization_id, "lead_organization_id", error))
    return FALSE;
  for (guint i = 0; i < self->partner_organization_ids->len; i++)
    {
      g_autofree gchar *field = g_strdup_printf ("partner_organization_ids[%u]", i);
      gint64 id = g_array_index (self->partner_organization_ids, gint64, i);

      if (!pdn_require_organization (store, id, field, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_partners (PdnProgram *self, PdnStore *store, GError **error)
{
  return pdn_store_replace_ids (store, "DELETE FROM program_partners WHERE program_id = ?",
                                "INSERT INTO program_partners (program_id, organization_id) "
                                "VALUES (?, ?)",
                                self->id, self->partner_organization_ids, error);
}

/* What insert and update check and create before writing the row. */
static gboolean
prepare_save (PdnProgram *self, PdnStore *store, GError **error)
{
  return check_references (self, store, error)
         && pdn_school_year_ensure (store, self->school_year, error);
}

gboolean
pdn_program_insert (PdnProgram *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_program_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !prepare_save (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO programs (name, type, lead_organization_id, school_year, "
                            "settings, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->type);
  pdn_statement_bind_int64 (stmt, 3, self->lead_organization_id);
  pdn_statement_bind_text (stmt, 4, self->school_year);
  pdn_statement_bind_text (stmt, 5, self->settings);
  pdn_statement_bind_text (stmt, 6, self->created_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  if (!save_partners (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gboolean
check_exists (PdnStore *store, gint64 id, GError **error)
{
  return pdn_store_require_row (store, "SELECT COUNT(*) FROM programs WHERE id = ?", id,
                                PDN_ERROR_NOT_FOUND, NULL, error, _("No program has id %lld"),
                                (long long) id);
}

gboolean
pdn_program_update (PdnProgram *self, PdnStore *store, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  if (!pdn_program_validate (self, error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_exists (store, self->id, error) || !prepare_save (self, store, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "UPDATE programs SET name = ?, type = ?, lead_organization_id = ?, "
                            "school_year = ?, settings = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, self->name);
  pdn_statement_bind_text (stmt, 2, self->type);
  pdn_statement_bind_int64 (stmt, 3, self->lead_organization_id);
  pdn_statement_bind_text (stmt, 4, self->school_year);
  pdn_statement_bind_text (stmt, 5, self->settings);
  pdn_statement_bind_int64 (stmt, 6, self->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  if (!save_partners (self, store, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static gboolean
load_partners (PdnProgram *self, PdnStore *store, GError **error)
{
  return pdn_store_load_ids (store,
                             "SELECT organization_id FROM program_partners "
                             "WHERE program_id = ? ORDER BY organization_id",
                             self->id, self->partner_organization_ids, error);
}

static gpointer
from_row (PdnStatement *stmt)
{
  PdnProgram *self = pdn_program_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->name = pdn_statement_dup_text (stmt, 1);
  self->type = pdn_statement_dup_text (stmt, 2);
  self->lead_organization_id = pdn_statement_column_int64 (stmt, 3);
  self->school_year = pdn_statement_dup_text (stmt, 4);
  g_free (self->settings);
  self->settings = pdn_statement_dup_text (stmt, 5);
  self->created_at = pdn_statement_dup_text (stmt, 6);
  return self;
}

PdnProgram *
pdn_program_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (store, SELECT_COLUMNS "WHERE id = ?", id,
                                                        error);
  g_autoptr (PdnProgram) self = NULL;

  if (stmt == NULL
      || !pdn_statement_step_one (stmt, error, _("No program has id %lld"), (long long) id))
    return NULL;
  self = from_row (stmt);
  g_clear_object (&stmt);
  if (!load_partners (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

GPtrArray *
pdn_program_list (PdnStore *store, const gchar *school_year, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) programs = NULL;

  if (school_year != NULL)
    stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE school_year = ? ORDER BY id", error);
  else
    stmt = pdn_store_prepare (store, SELECT_COLUMNS "ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  if (school_year != NULL)
    pdn_statement_bind_text (stmt, 1, school_year);
  programs = pdn_statement_collect (stmt, from_row, error);
  if (programs == NULL)
    return NULL;
  g_clear_object (&stmt);
  for (guint i = 0; i < programs->len; i++)
    if (!load_partners (g_ptr_array_index (programs, i), store, error))
      return NULL;
  return g_steal_pointer (&programs);
}

/* Partners go with the program; series or sessions still referring to it
 * make this a PDN_ERROR_CONFLICT. */
gboolean
pdn_program_delete (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnTransaction) tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);

  return tx != NULL && check_exists (store, id, error)
         && pdn_store_run_id (store, "DELETE FROM programs WHERE id = ?", id, error)
         && pdn_transaction_commit (tx, error);
}
