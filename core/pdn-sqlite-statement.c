/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-sqlite-private.h"

struct _PdnSqliteStatement
{
  PdnStatement parent_instance;
  PdnSqliteStore *store;
  gchar *sql;
  sqlite3_stmt *stmt;
};

G_DEFINE_FINAL_TYPE (PdnSqliteStatement, pdn_sqlite_statement, PDN_TYPE_STATEMENT)

/* "UNIQUE constraint failed: schools.external_id" -> "external_id" */
static gchar *
constraint_column (const gchar *message)
{
  const gchar *colon = strrchr (message, ':');
  const gchar *dot;
  const gchar *comma;

  if (colon == NULL)
    return NULL;
  dot = strchr (colon, '.');
  if (dot == NULL)
    return NULL;
  comma = strchr (dot, ',');
  return comma != NULL ? g_strndup (dot + 1, comma - dot - 1) : g_strdup (dot + 1);
}

void
pdn_sqlite_set_error (sqlite3 *db, int rc, const gchar *context, GError **error)
{
  const gchar *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int extended = db != NULL ? sqlite3_extended_errcode (db) : rc;
  g_autofree gchar *column = NULL;

  switch (extended)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      column = constraint_column (message);
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, column,
                           /* TRANSLATORS: %s is a field name such as "email" */
                           _("Another record already has this %s"),
                           column != NULL ? column : _("key"));
      return;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, NULL,
                           _("Other records still refer to this one"));
      return;
    default:
      break;
    }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL, _("The database is busy: %s"),
                           message);
      return;
    }
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL, "%s", message);
      return;
    }
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s: %s", context, message);
}

static void
pdn_sqlite_statement_bind_int64 (PdnStatement *base, guint index, gint64 value)
{
  sqlite3_bind_int64 (PDN_SQLITE_STATEMENT (base)->stmt, (int) index, value);
}

static void
pdn_sqlite_statement_bind_double (PdnStatement *base, guint index, gdouble value)
{
  sqlite3_bind_double (PDN_SQLITE_STATEMENT (base)->stmt, (int) index, value);
}

static void
pdn_sqlite_statement_bind_text (PdnStatement *base, guint index, const gchar *value)
{
  sqlite3_bind_text (PDN_SQLITE_STATEMENT (base)->stmt, (int) index, value, -1,
                     SQLITE_TRANSIENT);
}

static void
pdn_sqlite_statement_bind_null (PdnStatement *base, guint index)
{
  sqlite3_bind_null (PDN_SQLITE_STATEMENT (base)->stmt, (int) index);
}

static PdnStep
pdn_sqlite_statement_step (PdnStatement *base, GError **error)
{
  PdnSqliteStatement *self = PDN_SQLITE_STATEMENT (base);
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW)
    return PDN_STEP_ROW;
  if (rc == SQLITE_DONE)
    return PDN_STEP_DONE;
  pdn_sqlite_set_error (sqlite3_db_handle (self->stmt), rc, self->sql, error);
  sqlite3_reset (self->stmt);
  return PDN_STEP_ERROR;
}

static gboolean
pdn_sqlite_statement_column_is_null (PdnStatement *base, guint column)
{
  return sqlite3_column_type (PDN_SQLITE_STATEMENT (base)->stmt, (int) column) == SQLITE_NULL;
}

static gint64
pdn_sqlite_statement_column_int64 (PdnStatement *base, guint column)
{
  return sqlite3_column_int64 (PDN_SQLITE_STATEMENT (base)->stmt, (int) column);
}

static gdouble
pdn_sqlite_statement_column_double (PdnStatement *base, guint column)
{
  return sqlite3_column_double (PDN_SQLITE_STATEMENT (base)->stmt, (int) column);
}

static const gchar *
pdn_sqlite_statement_column_text (PdnStatement *base, guint column)
{
  return (const gchar *) sqlite3_column_text (PDN_SQLITE_STATEMENT (base)->stmt, (int) column);
}

static void
pdn_sqlite_statement_reset (PdnStatement *base)
{
  PdnSqliteStatement *self = PDN_SQLITE_STATEMENT (base);

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
}

static void
pdn_sqlite_statement_finalize (GObject *object)
{
  PdnSqliteStatement *self = PDN_SQLITE_STATEMENT (object);

  /* Resetting ends the implicit read transaction of a half-read SELECT. */
  pdn_sqlite_store_give_back (self->store, self->sql, g_steal_pointer (&self->stmt));
  g_object_unref (self->store);
  g_free (self->sql);
  G_OBJECT_CLASS (pdn_sqlite_statement_parent_class)->finalize (object);
}

static void
pdn_sqlite_statement_class_init (PdnSqliteStatementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PdnStatementClass *statement_class = PDN_STATEMENT_CLASS (klass);

  object_class->finalize = pdn_sqlite_statement_finalize;
  statement_class->bind_int64 = pdn_sqlite_statement_bind_int64;
  statement_class->bind_double = pdn_sqlite_statement_bind_double;
  statement_class->bind_text = pdn_sqlite_statement_bind_text;
  statement_class->bind_null = pdn_sqlite_statement_bind_null;
  statement_class->step = pdn_sqlite_statement_step;
  statement_class->column_is_null = pdn_sqlite_statement_column_is_null;
  statement_class->column_int64 = pdn_sqlite_statement_column_int64;
  statement_class->column_double = pdn_sqlite_statement_column_double;
  statement_class->column_text = pdn_sqlite_statement_column_text;
  statement_class->reset = pdn_sqlite_statement_reset;
}

static void
pdn_sqlite_statement_init (PdnSqliteStatement *self)
{
}

PdnStatement *
pdn_sqlite_statement_new (PdnSqliteStore *store, const gchar *sql, sqlite3_stmt *stmt)
{
  PdnSqliteStatement *self = g_object_new (PDN_TYPE_SQLITE_STATEMENT, NULL);

  self->store = g_object_ref (store);
  self->sql = g_strdup (sql);
  self->stmt = stmt;
  return PDN_STATEMENT (self);
}
