/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PdnContext:
 *
 * Everything a plugin may reach of the core, given to it in setup(): its
 * settings, its own tables, read access to the core's, the core's
 * registration operation, and JSON routes under
 * `/api/v1/programs/{id}/...`. No libsoup or SQLite type crosses it.
 *
 * Multithreading: hooks and routes run on the daemon's threads (the
 * server's, the workers', the group-commit writer's). Every query runs on
 * the calling thread's own connection, so a query made from a hook the
 * core calls inside a transaction is part of that transaction.
 */
#define PDN_TYPE_CONTEXT (pdn_context_get_type ())
G_DECLARE_FINAL_TYPE (PdnContext, pdn_context, PDN, CONTEXT, GObject)

/* The plugin's id, also the prefix its tables must have ("whole-school"
 * owns tables named whole_school_...). */
const gchar *pdn_context_get_plugin_id (PdnContext *self);
/* The table prefix: the id with "-" as "_", then "_". */
const gchar *pdn_context_get_table_prefix (PdnContext *self);

/* Settings: the `[plugin:<id>]` group of pdnetd's configuration.
 * Returns: (nullable): the value, or %NULL when not set. */
const gchar *pdn_context_get_setting (PdnContext *self, const gchar *key);

/**
 * pdn_context_add_migration:
 * @version: 1, 2, ... in order, one per call
 * @sql: statements both SQLite and PostgreSQL accept, creating or
 *   altering only tables that start with the plugin's prefix
 *
 * Registers a schema step; the core applies the ones not yet applied, in
 * a transaction each, after setup() returns. Call only from setup().
 */
void pdn_context_add_migration (PdnContext *self, guint version, const gchar *sql);

/* ---- queries ---- */

typedef struct _PdnQuery PdnQuery;

typedef enum
{
  PDN_QUERY_ERROR,
  PDN_QUERY_ROW,
  PDN_QUERY_DONE,
} PdnQueryStep;

/**
 * pdn_context_query:
 * @sql: one statement with `?` parameters. SELECT may read any table;
 *   INSERT, UPDATE and DELETE may only change the plugin's own tables.
 *
 * Returns: (transfer full) (nullable): a prepared query on the calling
 *   thread's connection, or %NULL with @error set.
 */
PdnQuery *pdn_context_query (PdnContext *self, const gchar *sql, GError **error);
void pdn_query_bind_int64 (PdnQuery *query, guint index, gint64 value);
void pdn_query_bind_double (PdnQuery *query, guint index, gdouble value);
void pdn_query_bind_text (PdnQuery *query, guint index, const gchar *value);
void pdn_query_bind_null (PdnQuery *query, guint index);
PdnQueryStep pdn_query_step (PdnQuery *query, GError **error);
/* Steps to the end: for statements that return no rows. */
gboolean pdn_query_run (PdnQuery *query, GError **error);
gboolean pdn_query_column_is_null (PdnQuery *query, guint column);
gint64 pdn_query_column_int64 (PdnQuery *query, guint column);
gdouble pdn_query_column_double (PdnQuery *query, guint column);
const gchar *pdn_query_column_text (PdnQuery *query, guint column);
gint64 pdn_query_last_insert_id (PdnQuery *query);
void pdn_query_free (PdnQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnQuery, pdn_query_free)

/* A transaction on the calling thread's connection; nested inside the
 * core's (a hook's) it is a savepoint. Every begin needs a commit or a
 * rollback on the same thread. */
gboolean pdn_context_begin (PdnContext *self, GError **error);
gboolean pdn_context_commit (PdnContext *self, GError **error);
void pdn_context_rollback (PdnContext *self);

/* ---- core operations ---- */

/**
 * pdn_context_register:
 * @account_id: who asks (0: the plugin itself)
 * @result: (out) (optional) (transfer full): the registration as the API
 *   shows it (id, status, position...)
 *
 * Registers @person_id for @session_id through the core's registrar: the
 * window, capacity, waitlist and every program type's check apply. Call
 * it inside a transaction to make several all or nothing.
 */
gboolean pdn_context_register (PdnContext *self, gint64 session_id, gint64 person_id,
                               gint64 account_id, JsonNode **result, GError **error);

/* ---- routes ---- */

/**
 * PdnCaller:
 * @account_id: the signed-in account, 0 for anonymous
 * @role: "admin", "coordinator", "lead", "teacher", or %NULL
 * @organization_id: the organization a coordinator or lead acts for, or 0
 * @person_id: the account's own person, or 0
 * @may_edit_program: whether the core lets this caller edit the program
 *   the route is under (admins, its organizations' coordinators)
 * @language: the request's language, or %NULL for the daemon's
 */
typedef struct
{
  gint64 account_id;
  const gchar *role;
  gint64 organization_id;
  gint64 person_id;
  gboolean may_edit_program;
  const gchar *language;
} PdnCaller;

/**
 * PdnRouteFunc:
 * @program: the program the path names (id, name, type, settings...), as
 *   the API shows it; the core has checked it exists and is of a type this
 *   plugin provides
 * @body: (nullable): the JSON body, for routes that take one
 * @query: (element-type utf8 utf8): the query parameters
 * @status: (out): the HTTP status of a success (200 unless set)
 *
 * Returns: (transfer full) (nullable): the JSON answer, or %NULL with
 *   @error set (a PDN_ERROR code decides the status, and its field is
 *   named in the problem).
 */
typedef JsonNode *(*PdnRouteFunc) (PdnContext *context, const PdnCaller *caller,
                                   JsonObject *program, JsonNode *body, GHashTable *query,
                                   guint *status, gpointer user_data, GError **error);

typedef enum
{
  PDN_ROUTE_FLAG_NONE = 0,
  PDN_ROUTE_FLAG_BODY = 1 << 0,  /* takes a JSON body */
  PDN_ROUTE_FLAG_WRITE = 1 << 1, /* a durable write: answered once on disk */
  PDN_ROUTE_FLAG_SLOW = 1 << 2,  /* runs on a worker thread */
} PdnRouteFlag;

/**
 * pdn_context_add_route:
 * @method: "GET", "POST", "PUT", "PATCH" or "DELETE"
 * @subpath: below `/api/v1/programs/{id}/`, such as "enrollments" or
 *   "enrollments/{school_id}" (parameters reach the handler in @query)
 * @openapi_operation: the route's OpenAPI operation object, as JSON text
 *
 * Call only from setup(). The route answers only for programs of a type
 * this plugin provides (404 for others); the caller must be signed in.
 */
void pdn_context_add_route (PdnContext *self, const gchar *method, const gchar *subpath,
                            PdnRouteFlag flags, const gchar *openapi_operation,
                            PdnRouteFunc handler, gpointer user_data, GDestroyNotify destroy);

G_END_DECLS
