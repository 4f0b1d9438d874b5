/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-store-pool.h"
#include "pdn-test.h"
#include "pdn-write-queue.h"

/*
 * Group commit: writes that wait while a batch runs commit together in the
 * next one; a failing write is undone alone; completions come back on the
 * pushing thread's context after the commit.
 */

typedef struct
{
  PdnStore *store;
  const gchar *name;
  gboolean fail;
  GMutex *lock; /* nullable: held until the test lets the write finish */
  gint started; /* atomic */
  gboolean done;
  gboolean committed;
  GThread *done_thread;
} TestWrite;

static gboolean
insert_name (gpointer data)
{
  TestWrite *write = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;

  g_atomic_int_set (&write->started, 1);
  if (write->lock != NULL)
    {
      g_mutex_lock (write->lock);
      g_mutex_unlock (write->lock);
    }
  stmt = pdn_store_prepare (write->store,
                            "INSERT INTO organizations (name, slug, kind, created_at) "
                            "VALUES (?, ?, 'district', '2026-01-01T00:00:00Z')",
                            &error);
  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, write->name);
  pdn_statement_bind_text (stmt, 2, write->name);
  g_assert_true (pdn_statement_run (stmt, &error));
  /* Inserted, then refused: its savepoint must take the row away. */
  return !write->fail;
}

static void
on_done (gpointer data, const GError *commit_error)
{
  TestWrite *write = data;

  write->done = TRUE;
  write->committed = commit_error == NULL;
  write->done_thread = g_thread_self ();
}

static void
count_commit (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
}

static gint64
count_named (PdnStore *store, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store, "SELECT COUNT(*) FROM organizations WHERE slug = ?", &error);

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, name);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

static void
test_batches (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStorePool) pool = pdn_store_pool_new (path, &error);
  g_autoptr (PdnWriteQueue) queue = NULL;
  GMutex lock;
  gint commits = 0;
  guint64 batches = 0, writes = 0;
  TestWrite items[] = {
    { .name = "first" }, { .name = "second" }, { .name = "refused", .fail = TRUE },
    { .name = "fourth" },
  };

  g_assert_no_error (error);
  queue = pdn_write_queue_new (PDN_STORE (pool), 16, &error);
  g_assert_no_error (error);
  pdn_write_queue_add_commit_hook (queue, G_CALLBACK (count_commit), &commits);
  g_mutex_init (&lock);
  g_mutex_lock (&lock);
  items[0].lock = &lock;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      items[i].store = PDN_STORE (pool);
      g_assert_true (pdn_write_queue_push (queue, insert_name, on_done, &items[i], &error));
      /* The first write holds the writer; the others wait and go together. */
      while (i == 0 && !g_atomic_int_get (&items[0].started))
        g_usleep (1000);
    }
  g_mutex_unlock (&lock);
  while (!items[0].done || !items[1].done || !items[2].done || !items[3].done)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_assert_true (items[i].committed);
      g_assert_true (items[i].done_thread == g_thread_self ());
    }
  pdn_write_queue_get_stats (queue, &batches, &writes);
  g_assert_cmpuint (writes, ==, 4);
  g_assert_cmpuint (batches, ==, 2);
  g_assert_cmpint (g_atomic_int_get (&commits), ==, 2);
  g_assert_cmpuint (pdn_write_queue_get_pending (queue), ==, 0);
  g_assert_cmpint (count_named (PDN_STORE (pool), "first"), ==, 1);
  g_assert_cmpint (count_named (PDN_STORE (pool), "second"), ==, 1);
  g_assert_cmpint (count_named (PDN_STORE (pool), "refused"), ==, 0);
  g_assert_cmpint (count_named (PDN_STORE (pool), "fourth"), ==, 1);
  g_mutex_clear (&lock);
}

/* Beyond its bound the queue refuses with 503 instead of growing. */
static void
test_full (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_dir_file (dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStorePool) pool = pdn_store_pool_new (path, &error);
  g_autoptr (PdnWriteQueue) queue = pdn_write_queue_new (PDN_STORE (pool), 1, &error);
  GMutex lock;
  TestWrite held = { .name = "held", .store = PDN_STORE (pool), .lock = &lock };
  TestWrite extra = { .name = "extra", .store = PDN_STORE (pool) };

  g_assert_no_error (error);
  g_mutex_init (&lock);
  g_mutex_lock (&lock);
  g_assert_true (pdn_write_queue_push (queue, insert_name, on_done, &held, &error));
  g_assert_false (pdn_write_queue_push (queue, insert_name, on_done, &extra, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
  g_mutex_unlock (&lock);
  while (!held.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (extra.done);
  g_mutex_clear (&lock);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/write-queue/batches", test_batches);
  g_test_add_func ("/pdnet/write-queue/full", test_full);
  return g_test_run ();
}
