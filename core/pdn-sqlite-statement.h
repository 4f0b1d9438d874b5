/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-statement.h"

G_BEGIN_DECLS

#define PDN_TYPE_SQLITE_STATEMENT (pdn_sqlite_statement_get_type ())
G_DECLARE_FINAL_TYPE (PdnSqliteStatement, pdn_sqlite_statement, PDN, SQLITE_STATEMENT,
                      PdnStatement)

G_END_DECLS
