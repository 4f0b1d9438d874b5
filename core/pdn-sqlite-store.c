/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-sqlite-migrations.h"
#include "pdn-sqlite-private.h"

#define PDN_SQLITE_BUSY_TIMEOUT_MS 10000

struct _PdnSqliteStore
{
  GObject parent_instance;
  sqlite3 *db;
  guint schema_version;
  guint depth;         /* nesting of begin(); >1 are savepoints */
  GHashTable *idle;    /* SQL -> sqlite3_stmt* ready for reuse */
  GCancellable *cancellable; /* nullable: interrupts statements */
};

static void pdn_sqlite_store_iface_init (PdnStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnSqliteStore, pdn_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_STORE,
                                                      pdn_sqlite_store_iface_init))

static gboolean
exec_sql (PdnSqliteStore *self, const gchar *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pdn_sqlite_set_error (self->db, rc, sql, error);
      return FALSE;
    }
  return TRUE;
}

static PdnStatement *
pdn_sqlite_store_prepare (PdnStore *store, const gchar *sql, GError **error)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (store);
  gpointer key = NULL;
  gpointer stmt = NULL;
  sqlite3_stmt *fresh = NULL;
  int rc;

  if (g_hash_table_steal_extended (self->idle, sql, &key, &stmt))
    {
      g_free (key);
      return pdn_sqlite_statement_new (self, sql, stmt);
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &fresh, NULL);
  if (rc != SQLITE_OK)
    {
      pdn_sqlite_set_error (self->db, rc, sql, error);
      return NULL;
    }
  return pdn_sqlite_statement_new (self, sql, fresh);
}

void
pdn_sqlite_store_give_back (PdnSqliteStore *self, const gchar *sql, sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  /* One idle copy per SQL text is enough; a nested use prepares another. */
  if (self->db == NULL || g_hash_table_contains (self->idle, sql))
    {
      sqlite3_finalize (stmt);
      return;
    }
  g_hash_table_insert (self->idle, g_strdup (sql), stmt);
}

static gint64
pdn_sqlite_store_last_insert_id (PdnStore *store)
{
  return sqlite3_last_insert_rowid (PDN_SQLITE_STORE (store)->db);
}

static gboolean
pdn_sqlite_store_begin (PdnStore *store, PdnTransactionKind kind, GError **error)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (store);
  g_autofree gchar *savepoint = NULL;

  if (self->depth == 0)
    {
      /* IMMEDIATE takes the write lock up front, so a writer never fails
       * half-way with SQLITE_BUSY after reading. */
      if (!exec_sql (self, kind == PDN_TRANSACTION_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT pdn_%u", self->depth);
      if (!exec_sql (self, savepoint, error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

static gboolean
pdn_sqlite_store_commit (PdnStore *store, GError **error)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (store);
  g_autofree gchar *release = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth == 1)
    {
      if (!exec_sql (self, "COMMIT", error))
        return FALSE;
    }
  else
    {
      release = g_strdup_printf ("RELEASE pdn_%u", self->depth - 1);
      if (!exec_sql (self, release, error))
        return FALSE;
    }
  self->depth--;
  return TRUE;
}

static void
pdn_sqlite_store_rollback (PdnStore *store)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (store);
  g_autofree gchar *sql = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO pdn_%u; RELEASE pdn_%u", self->depth - 1,
                           self->depth - 1);
  /* SQLite may already have rolled back on its own (e.g. after SQLITE_FULL);
   * then ROLLBACK reports "no transaction is active", which is fine. */
  if (!exec_sql (self, sql, &error) && sqlite3_get_autocommit (self->db) == 0)
    g_warning ("rollback failed: %s", error->message);
  self->depth--;
}

static guint
pdn_sqlite_store_schema_version (PdnStore *store)
{
  return PDN_SQLITE_STORE (store)->schema_version;
}

/* SQLite calls this every few thousand virtual-machine steps; non-zero
 * interrupts the statement (SQLITE_INTERRUPT). */
static int
check_cancelled (void *data)
{
  PdnSqliteStore *self = data;

  return g_cancellable_is_cancelled (self->cancellable);
}

static void
pdn_sqlite_store_set_cancellable (PdnStore *store, GCancellable *cancellable)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (store);

  g_set_object (&self->cancellable, cancellable);
  sqlite3_progress_handler (self->db, cancellable != NULL ? 4096 : 0,
                            cancellable != NULL ? check_cancelled : NULL, self);
}

static const gchar *
pdn_sqlite_store_backend_name (PdnStore *store)
{
  return "sqlite";
}

static void
pdn_sqlite_store_iface_init (PdnStoreInterface *iface)
{
  iface->prepare = pdn_sqlite_store_prepare;
  iface->last_insert_id = pdn_sqlite_store_last_insert_id;
  iface->begin = pdn_sqlite_store_begin;
  iface->commit = pdn_sqlite_store_commit;
  iface->rollback = pdn_sqlite_store_rollback;
  iface->schema_version = pdn_sqlite_store_schema_version;
  iface->backend_name = pdn_sqlite_store_backend_name;
  iface->set_cancellable = pdn_sqlite_store_set_cancellable;
}

static void
pdn_sqlite_store_finalize (GObject *object)
{
  PdnSqliteStore *self = PDN_SQLITE_STORE (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->idle);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  G_OBJECT_CLASS (pdn_sqlite_store_parent_class)->finalize (object);
}

static void
pdn_sqlite_store_class_init (PdnSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_sqlite_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pdn_sqlite_store_init (PdnSqliteStore *self)
{
  self->idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

guint
pdn_sqlite_store_latest_version (void)
{
  guint n = 0;

  pdn_sqlite_migrations (&n);
  return n;
}

static gboolean
read_schema_version (PdnSqliteStore *self, guint *version, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;

  if (!exec_sql (self, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                 error))
    return FALSE;
  stmt = pdn_store_prepare (PDN_STORE (self), "SELECT MAX(version) FROM schema_version", error);
  if (stmt == NULL)
    return FALSE;
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ERROR)
    return FALSE;
  *version = step == PDN_STEP_ROW ? (guint) pdn_statement_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
apply_migration (PdnSqliteStore *self, guint version, const gchar *script, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;

  if (!exec_sql (self, script, error))
    {
      g_prefix_error (error, "migration to schema %u: ", version);
      return FALSE;
    }
  stmt = pdn_store_prepare (PDN_STORE (self), "INSERT INTO schema_version (version) VALUES (?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, version);
  return pdn_statement_run (stmt, error);
}

static gboolean
migrate_in_transaction (PdnSqliteStore *self, guint target, GError **error)
{
  guint n_migrations = 0;
  const gchar *const *scripts = pdn_sqlite_migrations (&n_migrations);
  guint version = 0;

  if (!read_schema_version (self, &version, error))
    return FALSE;
  if (version > n_migrations)
    {
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("The database has schema version %u, newer than this pdnet "
                             "(%u); upgrade pdnet"),
                           version, n_migrations);
      return FALSE;
    }
  for (guint v = version + 1; v <= target; v++)
    if (!apply_migration (self, v, scripts[v - 1], error))
      return FALSE;
  self->schema_version = MAX (version, target);
  return TRUE;
}

/* Migrates inside one write transaction, so a daemon and a CLI opening the
 * same new database at once never both migrate it. */
static gboolean
migrate (PdnSqliteStore *self, guint target, GError **error)
{
  if (!pdn_sqlite_store_begin (PDN_STORE (self), PDN_TRANSACTION_WRITE, error))
    return FALSE;
  if (!migrate_in_transaction (self, target, error))
    {
      pdn_sqlite_store_rollback (PDN_STORE (self));
      return FALSE;
    }
  return pdn_sqlite_store_commit (PDN_STORE (self), error);
}

static gboolean
configure_connection (PdnSqliteStore *self, GError **error)
{
  sqlite3_busy_timeout (self->db, PDN_SQLITE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  /* WAL lets readers (the CLI, report queries) run beside the writer;
   * synchronous=FULL makes a committed transaction durable. */
  return exec_sql (self,
                   "PRAGMA journal_mode=WAL;"
                   "PRAGMA synchronous=FULL;"
                   "PRAGMA foreign_keys=ON;",
                   error);
}

PdnStore *
pdn_sqlite_store_open_at_version (const gchar *path, guint version, GError **error)
{
  g_autoptr (PdnSqliteStore) self = g_object_new (PDN_TYPE_SQLITE_STORE, NULL);
  int rc;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("Cannot open the database %s: %s"), path,
                           self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (!configure_connection (self, error))
    return NULL;
  if (!migrate (self, version, error))
    return NULL;
  return PDN_STORE (g_steal_pointer (&self));
}

/**
 * pdn_sqlite_store_open:
 * @path: the database file, created when missing
 *
 * Opens the store and brings its schema to the latest version.
 */
PdnStore *
pdn_sqlite_store_open (const gchar *path, GError **error)
{
  return pdn_sqlite_store_open_at_version (path, pdn_sqlite_store_latest_version (), error);
}

/**
 * pdn_sqlite_store_get_path:
 *
 * Returns: (nullable): the database file, or %NULL for one in memory.
 */
const gchar *
pdn_sqlite_store_get_path (PdnSqliteStore *self)
{
  const char *path = sqlite3_db_filename (self->db, "main");

  return path != NULL && path[0] != '\0' ? path : NULL;
}
