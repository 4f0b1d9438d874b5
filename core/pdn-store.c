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
