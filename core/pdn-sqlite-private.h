/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pdn-sqlite-statement.h"
#include "pdn-sqlite-store.h"

G_BEGIN_DECLS

/* Converts a SQLite result code into PDN_ERROR at the boundary where it
 * enters: constraint violations become conflicts naming the column. */
void pdn_sqlite_set_error (sqlite3 *db, int rc, const gchar *context, GError **error);

/* The statement cache: a wrapper borrows a prepared statement and gives it
 * back, reset, when it is finalized. */
void pdn_sqlite_store_give_back (PdnSqliteStore *self, const gchar *sql, sqlite3_stmt *stmt);

PdnStatement *pdn_sqlite_statement_new (PdnSqliteStore *store, const gchar *sql,
                                        sqlite3_stmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
