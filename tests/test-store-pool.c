/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-store-pool.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"
#include "pdn-transaction.h"

static PdnStorePool *
pool_new (PdnTestDir **dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = NULL;
  PdnStorePool *pool;

  *dir = pdn_test_dir_new ();
  path = pdn_test_dir_file (*dir, "pdnet.db");
  pool = pdn_store_pool_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pool);
  return pool;
}

/* What a thread did with the pool, checked by the main thread. */
typedef struct
{
  PdnStorePool *pool;
  PdnStore *store;   /* the thread's connection (not to be used here) */
  gint64 inserted;   /* id of the organization the thread inserted */
  gint64 last_id;    /* last_insert_id through the pool, on the thread */
  guint n_open;      /* connections open while the thread ran */
  GMutex lock;
  GCond cond;
  gboolean ready;    /* the thread has done its work */
  gboolean release;  /* the main thread lets it exit */
} ThreadData;

static gpointer
use_pool (gpointer data)
{
  ThreadData *td = data;
  g_autoptr (GError) error = NULL;

  td->store = pdn_store_pool_get (td->pool, &error);
  g_assert_no_error (error);
  g_assert_true (pdn_store_pool_get (td->pool, NULL) == td->store);
  td->inserted = pdn_test_add_organization (PDN_STORE (td->pool), "thread-org");
  td->last_id = pdn_store_last_insert_id (PDN_STORE (td->pool));
  td->n_open = pdn_store_pool_get_n_open (td->pool);
  g_mutex_lock (&td->lock);
  td->ready = TRUE;
  g_cond_broadcast (&td->cond);
  while (!td->release)
    g_cond_wait (&td->cond, &td->lock);
  g_mutex_unlock (&td->lock);
  return NULL;
}

static void
wait_ready (ThreadData *td)
{
  g_mutex_lock (&td->lock);
  while (!td->ready)
    g_cond_wait (&td->cond, &td->lock);
  g_mutex_unlock (&td->lock);
}

static void
release (ThreadData *td)
{
  g_mutex_lock (&td->lock);
  td->release = TRUE;
  g_cond_broadcast (&td->cond);
  g_mutex_unlock (&td->lock);
}

/* Each thread has its own connection, closed when the thread exits; the
 * pool is a store that works on any thread. */
static void
test_connection_per_thread (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStorePool) pool = pool_new (&dir);
  g_autoptr (GError) error = NULL;
  PdnStore *main_store = pdn_store_pool_get (pool, &error);
  ThreadData td = { .pool = pool };
  GThread *thread;

  g_assert_no_error (error);
  g_assert_true (pdn_store_pool_get (pool, NULL) == main_store);
  g_assert_cmpuint (pdn_store_pool_get_n_open (pool), ==, 1);
  g_assert_cmpuint (pdn_store_schema_version (PDN_STORE (pool)), ==,
                    pdn_store_schema_version (main_store));
  g_assert_cmpuint (pdn_store_schema_version (PDN_STORE (pool)), >, 0);
  g_assert_cmpstr (pdn_store_backend_name (PDN_STORE (pool)), ==, "sqlite");

  g_mutex_init (&td.lock);
  g_cond_init (&td.cond);
  thread = g_thread_new ("pool-user", use_pool, &td);
  wait_ready (&td);
  g_assert_true (td.store != main_store);
  g_assert_cmpuint (td.n_open, ==, 2);
  g_assert_cmpint (td.last_id, ==, td.inserted);
  /* Committed on the thread, seen on the main thread. */
  g_assert_cmpint (pdn_test_query_int (PDN_STORE (pool),
                                       "SELECT COUNT(*) FROM organizations WHERE id = ?",
                                       td.inserted),
                   ==, 1);
  release (&td);
  g_thread_join (thread);
  g_assert_cmpuint (pdn_store_pool_get_n_open (pool), ==, 1);
  g_mutex_clear (&td.lock);
  g_cond_clear (&td.cond);
}

/* Transactions through the pool run on the thread's connection. */
static void
test_transaction (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStorePool) pool = pool_new (&dir);
  g_autoptr (GError) error = NULL;
  gint64 kept;

  {
    g_autoptr (PdnTransaction) tx = pdn_transaction_begin (PDN_STORE (pool),
                                                           PDN_TRANSACTION_WRITE, &error);
    g_assert_no_error (error);
    pdn_test_add_organization (PDN_STORE (pool), "rolled-back");
    /* Freed without a commit: rolled back. */
  }
  {
    g_autoptr (PdnTransaction) tx = pdn_transaction_begin (PDN_STORE (pool),
                                                           PDN_TRANSACTION_WRITE, &error);
    g_assert_no_error (error);
    kept = pdn_test_add_organization (PDN_STORE (pool), "kept");
    g_assert_true (pdn_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pdn_test_query_int (PDN_STORE (pool), "SELECT COUNT(*) FROM organizations",
                                       0),
                   ==, 1);
  g_assert_cmpint (pdn_test_query_int (PDN_STORE (pool),
                                       "SELECT COUNT(*) FROM organizations WHERE id = ?", kept),
                   ==, 1);
}

/* Finalizing the pool closes the connections of threads that still run;
 * their exit then finds nothing to close. */
static void
test_finalize_closes (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  PdnStorePool *pool = pool_new (&dir);
  ThreadData td = { .pool = pool };
  PdnStore *main_store = pdn_store_pool_get (pool, NULL);
  GThread *thread;

  g_mutex_init (&td.lock);
  g_cond_init (&td.cond);
  thread = g_thread_new ("pool-user", use_pool, &td);
  wait_ready (&td);
  g_object_add_weak_pointer (G_OBJECT (td.store), (gpointer *) &td.store);
  g_object_add_weak_pointer (G_OBJECT (main_store), (gpointer *) &main_store);
  g_object_unref (pool);
  g_assert_null (td.store);
  g_assert_null (main_store);
  release (&td);
  g_thread_join (thread);
  g_mutex_clear (&td.lock);
  g_cond_clear (&td.cond);
}

/* A thread that used pools one after the other keeps no trace of the
 * finalized ones, and a later pool gets a fresh connection. */
static void
test_pools_in_turn (void)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (PdnTestDir) dir = NULL;
      g_autoptr (PdnStorePool) pool = pool_new (&dir);

      g_assert_cmpint (pdn_test_add_organization (PDN_STORE (pool), "org"), ==, 1);
      g_assert_cmpuint (pdn_store_pool_get_n_open (pool), ==, 1);
    }
}

static void
test_cannot_open (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = g_build_filename (dir->path, "missing", "pdnet.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStorePool) pool = pdn_store_pool_new (path, &error);

  g_assert_null (pool);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAVAILABLE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/store-pool/connection-per-thread", test_connection_per_thread);
  g_test_add_func ("/pdnet/store-pool/transaction", test_transaction);
  g_test_add_func ("/pdnet/store-pool/finalize-closes", test_finalize_closes);
  g_test_add_func ("/pdnet/store-pool/pools-in-turn", test_pools_in_turn);
  g_test_add_func ("/pdnet/store-pool/cannot-open", test_cannot_open);
  return g_test_run ();
}
