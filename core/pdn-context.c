/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-context-private.h"
#include "pdn-registrar.h"
#include "pdn-transaction.h"

/**
 * PdnContext:
 *
 * The core as one plugin sees it (include/pdnet/pdn-context.h). Queries
 * run on the store the daemon routes use — a #PdnStorePool — so each
 * thread uses its own connection and a hook called inside a core
 * transaction shares it.
 */
struct _PdnContext
{
  GObject parent_instance;
  gchar *plugin_id;
  gchar *prefix;
  PdnStore *store;
  GHashTable *settings;
  GPtrArray *migrations;
  GPtrArray *routes;
};

G_DEFINE_FINAL_TYPE (PdnContext, pdn_context, G_TYPE_OBJECT)

struct _PdnQuery
{
  PdnStatement *stmt;
  PdnStore *store;
};

static void
route_free (gpointer data)
{
  PdnPluginRoute *route = data;

  if (route->destroy != NULL)
    route->destroy (route->user_data);
  g_free (route->method);
  g_free (route->subpath);
  g_free (route->operation);
  g_free (route);
}

static void
migration_free (gpointer data)
{
  PdnPluginMigration *migration = data;

  g_free (migration->sql);
  g_free (migration);
}

static void
pdn_context_finalize (GObject *object)
{
  PdnContext *self = PDN_CONTEXT (object);

  g_free (self->plugin_id);
  g_free (self->prefix);
  g_clear_object (&self->store);
  g_hash_table_unref (self->settings);
  g_ptr_array_unref (self->migrations);
  g_ptr_array_unref (self->routes);
  G_OBJECT_CLASS (pdn_context_parent_class)->finalize (object);
}

static void
pdn_context_class_init (PdnContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_context_finalize;
}

static void
pdn_context_init (PdnContext *self)
{
  self->migrations = g_ptr_array_new_with_free_func (migration_free);
  self->routes = g_ptr_array_new_with_free_func (route_free);
}

PdnContext *
pdn_context_new (const gchar *plugin_id, PdnStore *store, GHashTable *settings)
{
  PdnContext *self = g_object_new (PDN_TYPE_CONTEXT, NULL);

  self->plugin_id = g_strdup (plugin_id);
  self->prefix = g_strdup_printf ("%s_", plugin_id);
  g_strdelimit (self->prefix, "-", '_');
  self->store = g_object_ref (store);
  self->settings = settings != NULL
                       ? g_hash_table_ref (settings)
                       : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

const gchar *
pdn_context_get_plugin_id (PdnContext *self)
{
  return self->plugin_id;
}

const gchar *
pdn_context_get_table_prefix (PdnContext *self)
{
  return self->prefix;
}

const gchar *
pdn_context_get_setting (PdnContext *self, const gchar *key)
{
  return g_hash_table_lookup (self->settings, key);
}

PdnStore *
pdn_context_get_store (PdnContext *self)
{
  return self->store;
}

GPtrArray *
pdn_context_get_routes (PdnContext *self)
{
  return self->routes;
}

GPtrArray *
pdn_context_get_migrations (PdnContext *self)
{
  return self->migrations;
}

void
pdn_context_add_migration (PdnContext *self, guint version, const gchar *sql)
{
  PdnPluginMigration *migration = g_new0 (PdnPluginMigration, 1);

  migration->version = version;
  migration->sql = g_strdup (sql);
  g_ptr_array_add (self->migrations, migration);
}

void
pdn_context_add_route (PdnContext *self, const gchar *method, const gchar *subpath,
                       PdnRouteFlag flags, const gchar *openapi_operation, PdnRouteFunc handler,
                       gpointer user_data, GDestroyNotify destroy)
{
  PdnPluginRoute *route = g_new0 (PdnPluginRoute, 1);

  route->method = g_strdup (method);
  route->subpath = g_strdup (subpath);
  route->flags = flags;
  route->operation = g_strdup (openapi_operation);
  route->handler = handler;
  route->user_data = user_data;
  route->destroy = destroy;
  g_ptr_array_add (self->routes, route);
}

/* ---- which SQL a plugin may run ---- */

/* The statement's words, lowercased, quotes dropped: enough to find what
 * it writes to. */
static GPtrArray *
sql_words (const gchar *sql)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const gchar *p = sql;

  while (*p != '\0')
    {
      const gchar *start;

      while (*p != '\0' && !g_ascii_isalnum (*p) && *p != '_')
        p++;
      start = p;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      if (p > start)
        g_ptr_array_add (words, g_ascii_strdown (start, p - start));
    }
  return words;
}

static const gchar *
word (GPtrArray *words, guint i)
{
  return i < words->len ? g_ptr_array_index (words, i) : "";
}

/* INSERT/REPLACE/UPDATE [OR x] name, DELETE FROM name: the table written. */
static const gchar *
written_table (GPtrArray *words)
{
  const gchar *verb = word (words, 0);
  guint i = 1;

  if (g_str_equal (verb, "insert") || g_str_equal (verb, "replace"))
    {
      if (g_str_equal (word (words, i), "or"))
        i += 2;
      return g_str_equal (word (words, i), "into") ? word (words, i + 1) : NULL;
    }
  if (g_str_equal (verb, "update"))
    return g_str_equal (word (words, i), "or") ? word (words, i + 2) : word (words, i);
  if (g_str_equal (verb, "delete"))
    return g_str_equal (word (words, i), "from") ? word (words, i + 1) : NULL;
  return NULL;
}

static const gchar *const forbidden_in_reads[] = { "insert", "update", "delete", "replace",
                                                   "drop", "alter", "create", "attach",
                                                   "detach", "pragma", "vacuum", NULL };

static gboolean
is_read (GPtrArray *words)
{
  if (!g_str_equal (word (words, 0), "select") && !g_str_equal (word (words, 0), "with"))
    return FALSE;
  for (guint i = 1; i < words->len; i++)
    if (g_strv_contains (forbidden_in_reads, word (words, i)))
      return FALSE;
  return TRUE;
}

/* CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table, CREATE TABLE
 * [IF NOT EXISTS] name, ALTER TABLE name, DROP TABLE|INDEX [IF EXISTS]
 * name: every name must be the plugin's. */
static gboolean
is_own_ddl (GPtrArray *words, const gchar *prefix)
{
  const gchar *verb = word (words, 0);
  guint i = 1;

  if (g_str_equal (verb, "create") || g_str_equal (verb, "drop"))
    {
      gboolean index;

      if (g_str_equal (word (words, i), "unique"))
        i++;
      index = g_str_equal (word (words, i), "index");
      if (!index && !g_str_equal (word (words, i), "table"))
        return FALSE;
      i++;
      if (g_str_equal (word (words, i), "if"))
        i += g_str_equal (verb, "create") ? 3 : 2;
      if (!g_str_has_prefix (word (words, i), prefix))
        return FALSE;
      return !index || g_str_equal (verb, "drop")
             || (g_str_equal (word (words, i + 1), "on")
                 && g_str_has_prefix (word (words, i + 2), prefix));
    }
  return g_str_equal (verb, "alter") && g_str_equal (word (words, 1), "table")
         && g_str_has_prefix (word (words, 2), prefix);
}

static gboolean
check_statement (const gchar *prefix, const gchar *sql, gboolean migration, GError **error)
{
  g_autoptr (GPtrArray) words = sql_words (sql);
  const gchar *table;

  if (words->len == 0 || is_read (words) || (migration && is_own_ddl (words, prefix)))
    return TRUE;
  table = written_table (words);
  if (table != NULL && g_str_has_prefix (table, prefix))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                       "a plugin may read any table but write only its own (%s...): %s",
                       prefix, sql);
  return FALSE;
}

gboolean
pdn_context_check_sql (const gchar *prefix, const gchar *sql, gboolean migration,
                       GError **error)
{
  g_auto (GStrv) statements = migration ? g_strsplit (sql, ";", -1) : NULL;

  if (!migration)
    return check_statement (prefix, sql, FALSE, error);
  for (guint i = 0; statements[i] != NULL; i++)
    if (!check_statement (prefix, statements[i], TRUE, error))
      return FALSE;
  return TRUE;
}

/* ---- queries ---- */

PdnQuery *
pdn_context_query (PdnContext *self, const gchar *sql, GError **error)
{
  PdnQuery *query;
  PdnStatement *stmt;

  if (!pdn_context_check_sql (self->prefix, sql, FALSE, error))
    return NULL;
  stmt = pdn_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return NULL;
  query = g_new0 (PdnQuery, 1);
  query->stmt = stmt;
  query->store = g_object_ref (self->store);
  return query;
}

void
pdn_query_bind_int64 (PdnQuery *query, guint index, gint64 value)
{
  pdn_statement_bind_int64 (query->stmt, index, value);
}

void
pdn_query_bind_double (PdnQuery *query, guint index, gdouble value)
{
  pdn_statement_bind_double (query->stmt, index, value);
}

void
pdn_query_bind_text (PdnQuery *query, guint index, const gchar *value)
{
  pdn_statement_bind_text (query->stmt, index, value);
}

void
pdn_query_bind_null (PdnQuery *query, guint index)
{
  pdn_statement_bind_null (query->stmt, index);
}

PdnQueryStep
pdn_query_step (PdnQuery *query, GError **error)
{
  switch (pdn_statement_step (query->stmt, error))
    {
    case PDN_STEP_ROW:
      return PDN_QUERY_ROW;
    case PDN_STEP_DONE:
      return PDN_QUERY_DONE;
    default:
      return PDN_QUERY_ERROR;
    }
}

gboolean
pdn_query_run (PdnQuery *query, GError **error)
{
  return pdn_statement_run (query->stmt, error);
}

gboolean
pdn_query_column_is_null (PdnQuery *query, guint column)
{
  return pdn_statement_column_is_null (query->stmt, column);
}

gint64
pdn_query_column_int64 (PdnQuery *query, guint column)
{
  return pdn_statement_column_int64 (query->stmt, column);
}

gdouble
pdn_query_column_double (PdnQuery *query, guint column)
{
  return pdn_statement_column_double (query->stmt, column);
}

const gchar *
pdn_query_column_text (PdnQuery *query, guint column)
{
  return pdn_statement_column_text (query->stmt, column);
}

gint64
pdn_query_last_insert_id (PdnQuery *query)
{
  return pdn_store_last_insert_id (query->store);
}

void
pdn_query_free (PdnQuery *query)
{
  if (query == NULL)
    return;
  g_object_unref (query->stmt);
  g_object_unref (query->store);
  g_free (query);
}

/* ---- transactions and core operations ---- */

gboolean
pdn_context_begin (PdnContext *self, GError **error)
{
  return pdn_store_begin (self->store, PDN_TRANSACTION_WRITE, error);
}

gboolean
pdn_context_commit (PdnContext *self, GError **error)
{
  return pdn_store_commit (self->store, error);
}

void
pdn_context_rollback (PdnContext *self)
{
  pdn_store_rollback (self->store);
}

static JsonNode *
registration_result (PdnRegistration *registration, gint64 position, gboolean created)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "id", registration->id);
  json_object_set_int_member (object, "session_id", registration->session_id);
  json_object_set_int_member (object, "person_id", registration->person_id);
  json_object_set_string_member (object, "status",
                                 pdn_registration_status_to_string (registration->status));
  if (position > 0)
    json_object_set_int_member (object, "position", position);
  else
    json_object_set_null_member (object, "position");
  json_object_set_boolean_member (object, "created", created);
  json_node_take_object (node, object);
  return node;
}

gboolean
pdn_context_register (PdnContext *self, gint64 session_id, gint64 person_id, gint64 account_id,
                      JsonNode **result, GError **error)
{
  g_autoptr (PdnSession) session = pdn_session_load (self->store, session_id, error);
  g_autoptr (PdnRegistration) registration = NULL;
  gboolean created = FALSE;
  gint64 position = 0;

  if (result != NULL)
    *result = NULL;
  if (session == NULL)
    return FALSE;
  registration = pdn_registrar_register (pdn_registrar_get_default (), self->store, session,
                                         person_id, account_id, &created, &position, error);
  if (registration == NULL)
    return FALSE;
  if (result != NULL)
    *result = registration_result (registration, position, created);
  return TRUE;
}
