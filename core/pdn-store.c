/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-store.h"

G_DEFINE_INTERFACE (PdnStore, pdn_store, G_TYPE_OBJECT)

static void
pdn_store_default_init (PdnStoreInterface *iface)
{
}

PdnStatement *
pdn_store_prepare (PdnStore *self, const gchar *sql, GError **error)
{
  return PDN_STORE_GET_IFACE (self)->prepare (self, sql, error);
}

gint64
pdn_store_last_insert_id (PdnStore *self)
{
  return PDN_STORE_GET_IFACE (self)->last_insert_id (self);
}

gboolean
pdn_store_begin (PdnStore *self, PdnTransactionKind kind, GError **error)
{
  return PDN_STORE_GET_IFACE (self)->begin (self, kind, error);
}

gboolean
pdn_store_commit (PdnStore *self, GError **error)
{
  return PDN_STORE_GET_IFACE (self)->commit (self, error);
}

void
pdn_store_rollback (PdnStore *self)
{
  PDN_STORE_GET_IFACE (self)->rollback (self);
}

guint
pdn_store_schema_version (PdnStore *self)
{
  return PDN_STORE_GET_IFACE (self)->schema_version (self);
}

void
pdn_store_set_cancellable (PdnStore *self, GCancellable *cancellable)
{
  PdnStoreInterface *iface = PDN_STORE_GET_IFACE (self);

  if (iface->set_cancellable != NULL)
    iface->set_cancellable (self, cancellable);
}

const gchar *
pdn_store_backend_name (PdnStore *self)
{
  return PDN_STORE_GET_IFACE (self)->backend_name (self);
}

/* Runs a `SELECT COUNT(*) ... WHERE x = ?` style query with one id. */
gboolean
pdn_store_count (PdnStore *self, const gchar *sql, gint64 id, gint64 *count, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    {
      if (error != NULL && *error == NULL)
        pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s returned no row", sql);
      return FALSE;
    }
  *count = pdn_statement_column_int64 (stmt, 0);
  return TRUE;
}

/* Fails with @code naming @field, and the message of @format, when @sql
 * (a `SELECT COUNT(*) ... WHERE id = ?`) counts no row for @id. */
gboolean
pdn_store_require_row (PdnStore *self, const gchar *sql, gint64 id, PdnErrorCode code,
                       const gchar *field, GError **error, const gchar *format, ...)
{
  g_autofree gchar *message = NULL;
  gint64 count = 0;
  va_list args;

  if (!pdn_store_count (self, sql, id, &count, error))
    return FALSE;
  if (count > 0)
    return TRUE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_error_set_field (error, code, field, "%s", message);
  return FALSE;
}

/* Prepares @sql and binds @id to its first parameter. */
PdnStatement *
pdn_store_prepare_id (PdnStore *self, const gchar *sql, gint64 id, GError **error)
{
  PdnStatement *stmt = pdn_store_prepare (self, sql, error);

  if (stmt != NULL)
    pdn_statement_bind_int64 (stmt, 1, id);
  return stmt;
}

/* Runs @sql (a DELETE or UPDATE ... WHERE x = ?) for @id. */
gboolean
pdn_store_run_id (PdnStore *self, const gchar *sql, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (self, sql, id, error);

  return stmt != NULL && pdn_statement_run (stmt, error);
}

/* Appends to @ids (of gint64) the first column of every row @sql selects
 * for @owner_id. */
gboolean
pdn_store_load_ids (PdnStore *self, const gchar *sql, gint64 owner_id, GArray *ids,
                    GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (self, sql, owner_id, error);
  PdnStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      gint64 id = pdn_statement_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return step == PDN_STEP_DONE;
}

/* Replaces the link rows of @owner_id: @clear_sql deletes them, then
 * @add_sql (`INSERT ... VALUES (?, ?)`) adds (owner_id, id) for each of @ids. */
gboolean
pdn_store_replace_ids (PdnStore *self, const gchar *clear_sql, const gchar *add_sql,
                       gint64 owner_id, GArray *ids, GError **error)
{
  if (!pdn_store_run_id (self, clear_sql, owner_id, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PdnStatement) add = pdn_store_prepare_id (self, add_sql, owner_id, error);

      if (add == NULL)
        return FALSE;
      pdn_statement_bind_int64 (add, 2, g_array_index (ids, gint64, i));
      if (!pdn_statement_run (add, error))
        return FALSE;
    }
  return TRUE;
}

/* For uniqueness checks: runs @sql (`SELECT x FROM t WHERE key = ? AND
 * id <> ?`) and sets *@other to the x of a row found, else to NULL. */
gboolean
pdn_store_find_other (PdnStore *self, const gchar *sql, const gchar *key, gint64 self_id,
                      gchar **other, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (self, sql, error);
  PdnStep step;

  *other = NULL;
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, key);
  pdn_statement_bind_int64 (stmt, 2, self_id);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ROW)
    *other = pdn_statement_dup_text (stmt, 0);
  return step != PDN_STEP_ERROR;
}
