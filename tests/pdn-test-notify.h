/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-store.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

G_BEGIN_DECLS

/* Rows the notification tests share. Header-only (static inline) so each
 * test program takes just what it uses. */

/* Moves a session (UTC timestamps), bypassing the model and its notices. */
static inline void
pdn_test_notify_move_session (PdnStore *store, gint64 session_id, const gchar *starts_at,
                              const gchar *ends_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?", &error);

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, starts_at);
  pdn_statement_bind_text (stmt, 2, ends_at);
  pdn_statement_bind_int64 (stmt, 3, session_id);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* Notifications of @kind for @person_id (any session). */
static inline gint64
pdn_test_notify_count (PdnStore *store, gint64 person_id, const gchar *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "SELECT COUNT(*) FROM notifications WHERE person_id = ? AND kind = ?", &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_text (stmt, 2, kind);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

/* A UTC timestamp @hours from now, for sessions that must be upcoming. */
static inline gchar *
pdn_test_notify_hours_from_now (gint hours)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_hours (now, hours);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

G_END_DECLS
