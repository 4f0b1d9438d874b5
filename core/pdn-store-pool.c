/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-sqlite-store.h"
#include "pdn-store-pool.h"

struct _PdnStorePool
{
  GObject parent_instance;
  gchar *path;
  guint schema_version;
  GMutex lock;        /* guards stores */
  GHashTable *stores; /* PdnThreadSlot* -> PdnStore* (owned) */
};

static void pdn_store_pool_iface_init (PdnStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnStorePool, pdn_store_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_STORE, pdn_store_pool_iface_init))

/* What a thread knows about its connections: the pools that opened one for
 * it (weak references), so that it can close them when it exits. The slot's
 * address is the thread's key in each pool: g_thread_self() cannot be used
 * while a thread exits. */
typedef struct
{
  GSList *pools; /* GWeakRef* */
} PdnThreadSlot;

static void pdn_thread_slot_free (gpointer data);

static GPrivate thread_slot = G_PRIVATE_INIT (pdn_thread_slot_free);

static PdnStore *
take_store (PdnStorePool *self, PdnThreadSlot *slot)
{
  gpointer store = NULL;

  g_mutex_lock (&self->lock);
  g_hash_table_steal_extended (self->stores, slot, NULL, &store);
  g_mutex_unlock (&self->lock);
  return store;
}

/* Runs as the thread exits: closes its connections of live pools. */
static void
pdn_thread_slot_free (gpointer data)
{
  PdnThreadSlot *slot = data;

  for (GSList *l = slot->pools; l != NULL; l = l->next)
    {
      GWeakRef *ref = l->data;
      PdnStorePool *pool = g_weak_ref_get (ref);

      if (pool != NULL)
        {
          g_autoptr (PdnStore) store = take_store (pool, slot);
          g_object_unref (pool);
        }
      g_weak_ref_clear (ref);
      g_free (ref);
    }
  g_slist_free (slot->pools);
  g_free (slot);
}

static PdnThreadSlot *
current_slot (void)
{
  PdnThreadSlot *slot = g_private_get (&thread_slot);

  if (slot == NULL)
    {
      slot = g_new0 (PdnThreadSlot, 1);
      g_private_set (&thread_slot, slot);
    }
  return slot;
}

/* Drops the references to pools finalized since, so that a long-lived
 * thread serving one pool after another does not collect them. */
static void
forget_dead_pools (PdnThreadSlot *slot)
{
  GSList *l = slot->pools;

  while (l != NULL)
    {
      GSList *next = l->next;
      GWeakRef *ref = l->data;
      GObject *pool = g_weak_ref_get (ref);

      if (pool != NULL)
        g_object_unref (pool);
      else
        {
          g_weak_ref_clear (ref);
          g_free (ref);
          slot->pools = g_slist_delete_link (slot->pools, l);
        }
      l = next;
    }
}

/* The calling thread's connection, if it has one. */
static PdnStore *
lookup (PdnStorePool *self)
{
  PdnThreadSlot *slot = g_private_get (&thread_slot);
  PdnStore *store;

  if (slot == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  store = g_hash_table_lookup (self->stores, slot);
  g_mutex_unlock (&self->lock);
  return store;
}

static void
pdn_store_pool_finalize (GObject *object)
{
  PdnStorePool *self = PDN_STORE_POOL (object);

  /* Threads' weak references are already cleared: nothing else can reach
   * the connections, which close here. */
  g_hash_table_unref (self->stores);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (pdn_store_pool_parent_class)->finalize (object);
}

static void
pdn_store_pool_class_init (PdnStorePoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_store_pool_finalize;
}

static void
pdn_store_pool_init (PdnStorePool *self)
{
  g_mutex_init (&self->lock);
  self->stores = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/**
 * pdn_store_pool_get:
 *
 * Returns: (transfer none) (nullable): the calling thread's connection,
 *   opened now if the thread has none; it stays valid on this thread while
 *   the caller holds a reference to the pool. %NULL if it cannot be opened.
 */
PdnStore *
pdn_store_pool_get (PdnStorePool *self, GError **error)
{
  PdnStore *store = lookup (self);
  PdnThreadSlot *slot;
  GWeakRef *ref;

  if (store != NULL)
    return store;
  /* Opened without the lock: it may wait for the database's write lock. */
  store = pdn_sqlite_store_open (self->path, error);
  if (store == NULL)
    return NULL;
  slot = current_slot ();
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->stores, slot, store);
  g_mutex_unlock (&self->lock);
  forget_dead_pools (slot);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  slot->pools = g_slist_prepend (slot->pools, ref);
  return store;
}

/**
 * pdn_store_pool_new:
 * @path: the SQLite database file, created and migrated when needed
 *
 * Opens the calling thread's connection at once, so a database that cannot
 * be opened is reported here rather than on the first request.
 */
PdnStorePool *
pdn_store_pool_new (const gchar *path, GError **error)
{
  g_autoptr (PdnStorePool) self = g_object_new (PDN_TYPE_STORE_POOL, NULL);
  PdnStore *first;

  self->path = g_strdup (path);
  first = pdn_store_pool_get (self, error);
  if (first == NULL)
    return NULL;
  self->schema_version = pdn_store_schema_version (first);
  return g_steal_pointer (&self);
}

const gchar *
pdn_store_pool_get_path (PdnStorePool *self)
{
  return self->path;
}

/* Connections open now, one per thread that used the pool and lives on. */
guint
pdn_store_pool_get_n_open (PdnStorePool *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->stores);
  g_mutex_unlock (&self->lock);
  return n;
}

/* ---- PdnStore: each call on the calling thread's connection ---- */

static PdnStatement *
pdn_store_pool_prepare (PdnStore *store, const gchar *sql, GError **error)
{
  PdnStore *own = pdn_store_pool_get (PDN_STORE_POOL (store), error);

  return own != NULL ? pdn_store_prepare (own, sql, error) : NULL;
}

/* A thread without a connection has inserted nothing. */
static gint64
pdn_store_pool_last_insert_id (PdnStore *store)
{
  PdnStore *own = lookup (PDN_STORE_POOL (store));

  return own != NULL ? pdn_store_last_insert_id (own) : 0;
}

static gboolean
pdn_store_pool_begin (PdnStore *store, PdnTransactionKind kind, GError **error)
{
  PdnStore *own = pdn_store_pool_get (PDN_STORE_POOL (store), error);

  return own != NULL && pdn_store_begin (own, kind, error);
}

static gboolean
pdn_store_pool_commit (PdnStore *store, GError **error)
{
  PdnStore *own = lookup (PDN_STORE_POOL (store));

  if (own == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                           "commit without a transaction on this thread");
      return FALSE;
    }
  return pdn_store_commit (own, error);
}

static void
pdn_store_pool_rollback (PdnStore *store)
{
  PdnStore *own = lookup (PDN_STORE_POOL (store));

  g_return_if_fail (own != NULL);
  pdn_store_rollback (own);
}

static guint
pdn_store_pool_schema_version (PdnStore *store)
{
  return PDN_STORE_POOL (store)->schema_version;
}

static const gchar *
pdn_store_pool_backend_name (PdnStore *store)
{
  PdnStore *own = lookup (PDN_STORE_POOL (store));

  return own != NULL ? pdn_store_backend_name (own) : "sqlite";
}

static void
pdn_store_pool_set_cancellable (PdnStore *store, GCancellable *cancellable)
{
  PdnStore *own = pdn_store_pool_get (PDN_STORE_POOL (store), NULL);

  if (own != NULL)
    pdn_store_set_cancellable (own, cancellable);
}

static void
pdn_store_pool_iface_init (PdnStoreInterface *iface)
{
  iface->prepare = pdn_store_pool_prepare;
  iface->last_insert_id = pdn_store_pool_last_insert_id;
  iface->begin = pdn_store_pool_begin;
  iface->commit = pdn_store_pool_commit;
  iface->rollback = pdn_store_pool_rollback;
  iface->schema_version = pdn_store_pool_schema_version;
  iface->backend_name = pdn_store_pool_backend_name;
  iface->set_cancellable = pdn_store_pool_set_cancellable;
}
