/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-rate-limiter.h"

typedef struct
{
  gchar *key;
  gint64 window_start; /* µs, the first failure of the window */
  guint failures;
  GList link;    /* in one of the two queues; data points here */
  GQueue *queue; /* the queue holding link */
} Entry;

struct _PdnRateLimiter
{
  GObject parent_instance;
  GMutex mutex;
  GHashTable *entries; /* key -> Entry*, owns the entries */
  GQueue counting;     /* Entry* below the limit, oldest last failure first */
  GQueue locked;       /* Entry* at the limit, in the order they locked */
  guint max_failures;
  gint64 window;       /* µs */
  guint max_keys;
  PdnClockFunc clock;
  gpointer clock_data;
};

G_DEFINE_FINAL_TYPE (PdnRateLimiter, pdn_rate_limiter, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry);
}

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
pdn_rate_limiter_finalize (GObject *object)
{
  PdnRateLimiter *self = PDN_RATE_LIMITER (object);

  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (pdn_rate_limiter_parent_class)->finalize (object);
}

static void
pdn_rate_limiter_class_init (PdnRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_rate_limiter_finalize;
}

static void
pdn_rate_limiter_init (PdnRateLimiter *self)
{
  g_mutex_init (&self->mutex);
  /* Entries own their key; the table borrows it. */
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  g_queue_init (&self->counting);
  g_queue_init (&self->locked);
  self->clock = monotonic_clock;
}

PdnRateLimiter *
pdn_rate_limiter_new (guint max_failures, guint window_seconds, guint max_keys)
{
  PdnRateLimiter *self;

  g_return_val_if_fail (max_failures > 0 && window_seconds > 0 && max_keys > 0, NULL);
  self = g_object_new (PDN_TYPE_RATE_LIMITER, NULL);
  self->max_failures = max_failures;
  self->window = (gint64) window_seconds * G_USEC_PER_SEC;
  self->max_keys = max_keys;
  return self;
}

/* For tests: @clock replaces the monotonic clock. */
void
pdn_rate_limiter_set_clock (PdnRateLimiter *self, PdnClockFunc clock, gpointer user_data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->clock = clock != NULL ? clock : monotonic_clock;
  self->clock_data = user_data;
}

static void
forget (PdnRateLimiter *self, Entry *entry)
{
  g_queue_unlink (entry->queue, &entry->link);
  g_hash_table_remove (self->entries, entry->key);
}

/* Moves @entry to the end of its queue, or of @queue. */
static void
enqueue (Entry *entry, GQueue *queue)
{
  if (entry->queue != NULL)
    g_queue_unlink (entry->queue, &entry->link);
  entry->queue = queue;
  g_queue_push_tail_link (queue, &entry->link);
}

/* The entry of @key if its window is still open; a closed one is dropped. */
static Entry *
lookup (PdnRateLimiter *self, const gchar *key, gint64 now)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry != NULL && now - entry->window_start >= self->window)
    {
      forget (self, entry);
      return NULL;
    }
  return entry;
}

/* Whole seconds until @entry's window ends, rounded up; 0 when not locked. */
static guint
retry_after (PdnRateLimiter *self, Entry *entry, gint64 now)
{
  gint64 left;

  if (entry == NULL || entry->failures < self->max_failures)
    return 0;
  left = entry->window_start + self->window - now;
  return (guint) MAX (1, (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/**
 * pdn_rate_limiter_check:
 *
 * Returns: 0 when @key may try again, otherwise the seconds to wait (for
 *   a Retry-After header).
 */
guint
pdn_rate_limiter_check (PdnRateLimiter *self, const gchar *key)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  gint64 now = self->clock (self->clock_data);

  return retry_after (self, lookup (self, key, now), now);
}

/* Which entry to drop for a new one: a lock that is over, else the key
 * below the limit that failed longest ago, and only when every key is
 * locked the oldest lock. So flooding the limiter with new keys (made-up
 * emails) does not lift the lock of an account under attack. */
static Entry *
choose_victim (PdnRateLimiter *self, gint64 now)
{
  Entry *oldest_lock = g_queue_peek_head (&self->locked);

  if (oldest_lock != NULL && now - oldest_lock->window_start >= self->window)
    return oldest_lock;
  if (!g_queue_is_empty (&self->counting))
    return g_queue_peek_head (&self->counting);
  return oldest_lock;
}

static Entry *
add_entry (PdnRateLimiter *self, const gchar *key, gint64 now)
{
  Entry *entry;

  while (g_hash_table_size (self->entries) >= self->max_keys)
    forget (self, choose_victim (self, now));
  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->window_start = now;
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->key, entry);
  return entry;
}

/**
 * pdn_rate_limiter_add_failure:
 *
 * Counts one failure for @key; once locked, more failures change nothing.
 *
 * Returns: as pdn_rate_limiter_check() after counting it.
 */
guint
pdn_rate_limiter_add_failure (PdnRateLimiter *self, const gchar *key)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  gint64 now = self->clock (self->clock_data);
  Entry *entry = lookup (self, key, now);

  if (entry == NULL)
    entry = add_entry (self, key, now);
  if (entry->failures < self->max_failures)
    {
      entry->failures++;
      enqueue (entry, entry->failures < self->max_failures ? &self->counting : &self->locked);
    }
  return retry_after (self, entry, now);
}

/* Forgets @key's failures, e.g. after a successful sign-in. */
void
pdn_rate_limiter_reset (PdnRateLimiter *self, const gchar *key)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry != NULL)
    forget (self, entry);
}

/* How many keys are remembered, closed windows included until touched. */
guint
pdn_rate_limiter_get_n_keys (PdnRateLimiter *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  return g_hash_table_size (self->entries);
}
