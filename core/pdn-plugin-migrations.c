/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-context-private.h"
#include "pdn-plugin-migrations.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/* The newest version recorded for @plugin_id, 0 for none. */
static gboolean
applied_version (PdnStore *store, const gchar *plugin_id, guint *version, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "SELECT COALESCE(MAX(version), 0) FROM plugin_migrations WHERE plugin_id = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, plugin_id);
  if (pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  *version = (guint) pdn_statement_column_int64 (stmt, 0);
  return TRUE;
}

/* Each statement on its own: the store prepares one at a time. */
static gboolean
run_sql (PdnStore *store, const gchar *sql, GError **error)
{
  g_auto (GStrv) statements = g_strsplit (sql, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autoptr (PdnStatement) stmt = NULL;

      if (*g_strstrip (statements[i]) == '\0')
        continue;
      stmt = pdn_store_prepare (store, statements[i], error);
      if (stmt == NULL || !pdn_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record (PdnStore *store, const gchar *plugin_id, guint version, GError **error)
{
  g_autofree gchar *now = pdn_time_now_utc ();
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "INSERT INTO plugin_migrations (plugin_id, version, applied_at) VALUES (?, ?, ?)",
      error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, plugin_id);
  pdn_statement_bind_int64 (stmt, 2, version);
  pdn_statement_bind_text (stmt, 3, now);
  return pdn_statement_run (stmt, error);
}

static gboolean
apply_one (PdnStore *store, PdnContext *context, PdnPluginMigration *migration, GError **error)
{
  const gchar *id = pdn_context_get_plugin_id (context);
  g_autoptr (PdnTransaction) tx = NULL;

  if (!pdn_context_check_sql (pdn_context_get_table_prefix (context), migration->sql, TRUE,
                              error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  return tx != NULL && run_sql (store, migration->sql, error)
         && record (store, id, migration->version, error) && pdn_transaction_commit (tx, error);
}

gboolean
pdn_plugin_migrations_apply (PdnStore *store, PdnContext *context, GError **error)
{
  GPtrArray *migrations = pdn_context_get_migrations (context);
  const gchar *id = pdn_context_get_plugin_id (context);
  guint applied = 0;

  if (!applied_version (store, id, &applied, error))
    return FALSE;
  for (guint i = 0; i < migrations->len; i++)
    {
      PdnPluginMigration *migration = g_ptr_array_index (migrations, i);

      if (migration->version != i + 1)
        {
          pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                               "plugin %s: migration %u is numbered %u", id, i + 1,
                               migration->version);
          return FALSE;
        }
      if (migration->version > applied && !apply_one (store, context, migration, error))
        return FALSE;
    }
  return TRUE;
}
