/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-error.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* Rows the program-side model tests need. Schools and people are written
 * with plain SQL so these tests do not depend on those models. */

void pdn_test_exec (PdnStore *store, const gchar *sql);
/* @sql returns one row; its one `?`, if any, takes @id. */
gint64 pdn_test_query_int (PdnStore *store, const gchar *sql, gint64 id);
gchar *pdn_test_query_text (PdnStore *store, const gchar *sql, gint64 id);
gint64 pdn_test_add_organization (PdnStore *store, const gchar *slug);
gint64 pdn_test_add_school (PdnStore *store, gint64 organization_id, const gchar *name);
gint64 pdn_test_add_person (PdnStore *store, const gchar *email);
gint64 pdn_test_add_named_person (PdnStore *store, const gchar *name, const gchar *email);
gint64 pdn_test_add_registration (PdnStore *store, gint64 session_id, gint64 person_id,
                                  const gchar *status);
gint64 pdn_test_add_account (PdnStore *store, const gchar *email);
gint64 pdn_test_add_program (PdnStore *store, gint64 organization_id, const gchar *school_year);
/* A 2-hour session on 2026-09-12 from 14:00 UTC in America/Chicago. */
gint64 pdn_test_add_session (PdnStore *store, gint64 program_id);

/* Asserts a PDN_ERROR with @code naming @field (NULL: no field), then
 * clears it. */
#define pdn_test_assert_error(error, code, field)                                               \
  G_STMT_START                                                                                 \
  {                                                                                            \
    g_assert_error ((error), PDN_ERROR, (code));                                               \
    g_assert_cmpstr (pdn_error_get_field (error), ==, (field));                                \
    g_clear_error (&(error));                                                                  \
  }                                                                                            \
  G_STMT_END

G_END_DECLS
