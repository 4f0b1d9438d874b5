/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-sqlite-store.h"
#include "pdn-test.h"
#include "pdn-transaction.h"

static gint64
count_rows (PdnStore *store, const gchar *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

static gboolean
has_index (PdnStore *store, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?", &error);

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, name);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0) == 1;
}

static void
insert_organization (PdnStore *store, const gchar *slug, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store,
    "INSERT INTO organizations (name, slug, kind, created_at) VALUES (?, ?, 'district', "
    "'2026-01-01T00:00:00Z')",
    error);

  g_assert_nonnull (stmt);
  pdn_statement_bind_text (stmt, 1, slug);
  pdn_statement_bind_text (stmt, 2, slug);
  pdn_statement_run (stmt, error);
}

static void
test_migrate_empty_file (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);

  g_assert_cmpuint (pdn_store_schema_version (store), ==, pdn_sqlite_store_latest_version ());
  g_assert_cmpuint (pdn_sqlite_store_latest_version (), >=, 3);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM organizations"), ==, 0);
  g_assert_cmpint (count_rows (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpstr (pdn_store_backend_name (store), ==, "sqlite");
}

static void
test_reopen_existing (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStore) first = pdn_sqlite_store_open (path, &error);
  g_autoptr (PdnStore) second = NULL;

  g_assert_no_error (error);
  insert_organization (first, "kept", &error);
  g_assert_no_error (error);
  g_clear_object (&first);

  second = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (second, "SELECT COUNT(*) FROM organizations"), ==, 1);
  g_assert_cmpint (count_rows (second, "SELECT COUNT(*) FROM schema_version"), ==,
                   (gint64) pdn_sqlite_store_latest_version ());
}

static void
test_second_step_on_v1 (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStore) v1 = pdn_sqlite_store_open_at_version (path, 1, &error);
  g_autoptr (PdnStore) latest = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pdn_store_schema_version (v1), ==, 1);
  g_assert_false (has_index (v1, "attendance_person"));
  insert_organization (v1, "from-v1", &error);
  g_assert_no_error (error);
  g_clear_object (&v1);

  latest = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdn_store_schema_version (latest), ==, pdn_sqlite_store_latest_version ());
  g_assert_true (has_index (latest, "attendance_person"));
  g_assert_cmpint (count_rows (latest, "SELECT COUNT(*) FROM organizations"), ==, 1);
}

static void
try_sql (PdnStore *store, const gchar *sql, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, error);

  g_assert_nonnull (stmt);
  pdn_statement_run (stmt, error);
}

/* Version 3 adds tokens to a version 2 file; they go with their account. */
static void
test_third_step_on_v2 (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStore) v2 = pdn_sqlite_store_open_at_version (path, 2, &error);
  g_autoptr (PdnStore) latest = NULL;

  g_assert_no_error (error);
  g_assert_false (has_index (v2, "tokens_account"));
  try_sql (v2, "INSERT INTO accounts (name, role, created_at) "
               "VALUES ('svc', 'admin', '2026-01-01T00:00:00Z')", &error);
  g_assert_no_error (error);
  g_clear_object (&v2);

  latest = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdn_store_schema_version (latest), >=, 3);
  g_assert_true (has_index (latest, "tokens_account"));
  try_sql (latest, "INSERT INTO tokens (account_id, token_hash, created_at) "
                   "VALUES (1, 'abc', '2026-01-01T00:00:00Z')", &error);
  g_assert_no_error (error);
  try_sql (latest, "INSERT INTO tokens (account_id, token_hash, created_at) "
                   "VALUES (1, 'abc', '2026-01-01T00:00:00Z')", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_clear_error (&error);
  try_sql (latest, "DELETE FROM accounts", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (latest, "SELECT COUNT(*) FROM tokens"), ==, 0);
}

static void
test_newer_database_refused (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStore) store = pdn_sqlite_store_open (path, &error);
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (PdnStore) again = NULL;

  g_assert_no_error (error);
  stmt = pdn_store_prepare (store, "INSERT INTO schema_version (version) VALUES (99)", &error);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_clear_object (&stmt);
  g_clear_object (&store);

  again = pdn_sqlite_store_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
}

static void
test_unique_violation_names_field (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;

  insert_organization (store, "twice", &error);
  g_assert_no_error (error);
  insert_organization (store, "twice", &error);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "slug");
}

static void
test_rollback_and_savepoints (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (PdnTransaction) outer = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE,
                                                              &error);
    g_assert_no_error (error);
    insert_organization (store, "outer", &error);
    {
      /* An inner transaction that is not committed rolls back alone. */
      g_autoptr (PdnTransaction) inner = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE,
                                                                &error);
      g_assert_no_error (error);
      insert_organization (store, "inner", &error);
      g_assert_no_error (error);
    }
    g_assert_true (pdn_transaction_commit (outer, &error));
  }
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM organizations"), ==, 1);
  {
    g_autoptr (PdnTransaction) dropped = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE,
                                                                &error);
    insert_organization (store, "dropped", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM organizations"), ==, 1);
}

static void
test_foreign_keys_enforced (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store,
    "INSERT INTO schools (name, sector, organization_id, created_at) VALUES ('x', 'district', "
    "42, '2026-01-01T00:00:00Z')",
    &error);

  g_assert_false (pdn_statement_run (stmt, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

static void
run_sql (PdnStore *store, const gchar *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

static void
test_require_row (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  const gchar *sql = "SELECT COUNT(*) FROM organizations WHERE id = ?";

  insert_organization (store, "north", &error);
  g_assert_no_error (error);
  g_assert_true (pdn_store_require_row (store, sql, 1, PDN_ERROR_INVALID_INPUT, "x", &error,
                                        "No %s", "one"));
  g_assert_no_error (error);
  g_assert_false (pdn_store_require_row (store, sql, 7, PDN_ERROR_INVALID_INPUT,
                                         "organization_id", &error, "No row has id %d", 7));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "organization_id");
  g_assert_cmpstr (error->message, ==, "No row has id 7");
  g_clear_error (&error);
  g_assert_false (pdn_store_require_row (store, sql, 7, PDN_ERROR_NOT_FOUND, NULL, &error, "gone"));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_null (pdn_error_get_field (error));
  g_clear_error (&error);
  /* A NULL error is allowed, as everywhere. */
  g_assert_false (pdn_store_require_row (store, sql, 7, PDN_ERROR_NOT_FOUND, NULL, NULL, "gone"));
}

static void
test_run_id_and_find_other (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *other = NULL;
  const gchar *find = "SELECT name FROM organizations WHERE slug = ? AND id <> ?";

  insert_organization (store, "north", &error);
  insert_organization (store, "south", &error);
  g_assert_no_error (error);
  g_assert_true (pdn_store_find_other (store, find, "north", 2, &other, &error));
  g_assert_cmpstr (other, ==, "north");
  g_clear_pointer (&other, g_free);
  g_assert_true (pdn_store_find_other (store, find, "north", 1, &other, &error));
  g_assert_null (other);
  g_assert_true (pdn_store_run_id (store, "DELETE FROM organizations WHERE id = ?", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM organizations"), ==, 1);
  g_assert_false (pdn_store_run_id (store, "DELETE FROM no_such_table WHERE id = ?", 1, &error));
  g_assert_nonnull (error);
}

static void
test_replace_and_load_ids (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) loaded = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gchar *clear = "DELETE FROM links WHERE owner = ?";
  const gchar *add = "INSERT INTO links (owner, item) VALUES (?, ?)";
  const gchar *load = "SELECT item FROM links WHERE owner = ? ORDER BY item";
  gint64 values[] = { 30, 10, 20 };

  run_sql (store, "CREATE TEMP TABLE links (owner INTEGER, item INTEGER)");
  run_sql (store, "INSERT INTO links (owner, item) VALUES (1, 99), (2, 5)");
  g_array_append_vals (ids, values, G_N_ELEMENTS (values));
  g_assert_true (pdn_store_replace_ids (store, clear, add, 1, ids, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_store_load_ids (store, load, 1, loaded, &error));
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpint (g_array_index (loaded, gint64, 0), ==, 10);
  g_assert_cmpint (g_array_index (loaded, gint64, 2), ==, 30);
  /* Other owners keep their rows; replacing with nothing clears. */
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM links WHERE owner = 2"), ==, 1);
  g_array_set_size (ids, 0);
  g_assert_true (pdn_store_replace_ids (store, clear, add, 1, ids, &error));
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM links WHERE owner = 1"), ==, 0);
}

static gpointer
row_to_object (PdnStatement *stmt)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (object, "slug", pdn_statement_dup_text (stmt, 0), g_free);
  return object;
}

static void
test_step_one_and_collect (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) one = NULL;
  g_autoptr (PdnStatement) all = NULL;
  g_autoptr (GPtrArray) list = NULL;

  insert_organization (store, "north", &error);
  insert_organization (store, "south", &error);
  one = pdn_store_prepare_id (store, "SELECT slug FROM organizations WHERE id = ?", 2, &error);
  g_assert_true (pdn_statement_step_one (one, &error, "No organization %d", 2));
  g_assert_cmpstr (pdn_statement_column_text (one, 0), ==, "south");
  g_clear_object (&one);
  one = pdn_store_prepare_id (store, "SELECT slug FROM organizations WHERE id = ?", 9, &error);
  g_assert_false (pdn_statement_step_one (one, &error, "No organization %d", 9));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No organization 9");
  g_clear_error (&error);
  all = pdn_store_prepare (store, "SELECT slug FROM organizations ORDER BY slug DESC", &error);
  list = pdn_statement_collect (all, row_to_object, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_object_get_data (g_ptr_array_index (list, 0), "slug"), ==, "south");
}

/* A cancelled cancellable interrupts a long statement; without one, or
 * before it is cancelled, statements run to the end. */
static void
test_cancellable_interrupts (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  const gchar *sql = "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                     "WHERE x < ?) SELECT COUNT(*) FROM c";
  g_autoptr (PdnStatement) short_count = NULL;
  g_autoptr (PdnStatement) long_count = NULL;

  pdn_store_set_cancellable (store, cancellable);
  short_count = pdn_store_prepare (store, sql, &error);
  pdn_statement_bind_int64 (short_count, 1, 1000);
  g_assert_cmpint (pdn_statement_step (short_count, &error), ==, PDN_STEP_ROW);
  g_assert_cmpint (pdn_statement_column_int64 (short_count, 0), ==, 1000);
  pdn_statement_reset (short_count);
  g_clear_object (&short_count);
  /* A billion rows would take minutes; cancelled, it stops at once. */
  g_cancellable_cancel (cancellable);
  long_count = pdn_store_prepare (store, sql, &error);
  pdn_statement_bind_int64 (long_count, 1, 1000000000);
  g_assert_cmpint (pdn_statement_step (long_count, &error), ==, PDN_STEP_ERROR);
  g_assert_nonnull (error);
  g_clear_error (&error);
  pdn_statement_reset (long_count);
  g_clear_object (&long_count);
  pdn_store_set_cancellable (store, NULL);
  short_count = pdn_store_prepare (store, sql, &error);
  pdn_statement_bind_int64 (short_count, 1, 10);
  g_assert_cmpint (pdn_statement_step (short_count, &error), ==, PDN_STEP_ROW);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/store/migrate-empty-file", test_migrate_empty_file);
  g_test_add_func ("/pdnet/store/reopen-existing", test_reopen_existing);
  g_test_add_func ("/pdnet/store/second-step-on-v1", test_second_step_on_v1);
  g_test_add_func ("/pdnet/store/third-step-on-v2", test_third_step_on_v2);
  g_test_add_func ("/pdnet/store/newer-database-refused", test_newer_database_refused);
  g_test_add_func ("/pdnet/store/unique-violation-names-field",
                   test_unique_violation_names_field);
  g_test_add_func ("/pdnet/store/rollback-and-savepoints", test_rollback_and_savepoints);
  g_test_add_func ("/pdnet/store/foreign-keys-enforced", test_foreign_keys_enforced);
  g_test_add_func ("/pdnet/store/require-row", test_require_row);
  g_test_add_func ("/pdnet/store/run-id-and-find-other", test_run_id_and_find_other);
  g_test_add_func ("/pdnet/store/replace-and-load-ids", test_replace_and_load_ids);
  g_test_add_func ("/pdnet/store/step-one-and-collect", test_step_one_and_collect);
  g_test_add_func ("/pdnet/store/cancellable-interrupts", test_cancellable_interrupts);
  return g_test_run ();
}
