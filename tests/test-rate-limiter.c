/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-rate-limiter.h"

/* A clock the test moves by hand. */
typedef struct
{
  gint64 now;
} FakeClock;

static gint64
fake_clock (gpointer user_data)
{
  return ((FakeClock *) user_data)->now;
}

static void
advance (FakeClock *clock, gdouble seconds)
{
  clock->now += (gint64) (seconds * G_USEC_PER_SEC);
}

static PdnRateLimiter *
limiter_new (FakeClock *clock, guint max_failures, guint window_seconds, guint max_keys)
{
  PdnRateLimiter *limiter = pdn_rate_limiter_new (max_failures, window_seconds, max_keys);

  clock->now = 1000 * G_USEC_PER_SEC;
  pdn_rate_limiter_set_clock (limiter, fake_clock, clock);
  return limiter;
}

/* Five failures in fifteen minutes lock the key until the window started
 * by the first one ends. */
static void
test_window (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 5, 900, 100);

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 0);
      g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
      advance (&clock, 10);
    }
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 0);
  /* The fifth, 40 s after the first. */
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 860);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 860);
  /* Other keys are not affected. */
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "bo@x.org"), ==, 0);
  /* More failures while locked do not push the end back. */
  advance (&clock, 100);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 760);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 760);
  /* Retry-After rounds up, never to 0 while locked. */
  advance (&clock, 759.5);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 1);
  advance (&clock, 0.5);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 0);
  /* A new window: one failure is one failure again. */
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 0);
}

/* Failures spread wider than the window never lock. */
static void
test_slow_failures (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 3, 60, 100);

  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "10.0.0.1"), ==, 0);
      advance (&clock, 30.5);
    }
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "10.0.0.1"), ==, 0);
}

static void
test_reset (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 3, 900, 100);

  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
  pdn_rate_limiter_reset (limiter, "ana@x.org");
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "ana@x.org"), ==, 900);
  /* A success unlocks at once. */
  pdn_rate_limiter_reset (limiter, "ana@x.org");
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "ana@x.org"), ==, 0);
  /* Resetting an unknown key is harmless. */
  pdn_rate_limiter_reset (limiter, "nobody@x.org");
}

/* Memory is bounded: the key below the limit whose last failure is
 * oldest goes first. */
static void
test_eviction (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 2, 900, 3);

  pdn_rate_limiter_add_failure (limiter, "a");
  advance (&clock, 1);
  pdn_rate_limiter_add_failure (limiter, "b");
  advance (&clock, 1);
  pdn_rate_limiter_add_failure (limiter, "c");
  advance (&clock, 1);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "a"), ==, 897);
  advance (&clock, 1);
  pdn_rate_limiter_add_failure (limiter, "d");
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 3);
  /* "b" was forgotten: its next failure counts as its first... */
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "b"), ==, 0);
  /* ...while "c" (pushed out by it) would have locked otherwise. */
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "c"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 3);

  /* A flood of new keys does not lift the lock on "a". */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree gchar *key = g_strdup_printf ("flood-%u@x.org", i);
      pdn_rate_limiter_add_failure (limiter, key);
    }
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 3);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "a"), ==, 896);
}

/* When every key is locked, the oldest lock goes. */
static void
test_eviction_of_locks (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 2, 60, 2);

  pdn_rate_limiter_add_failure (limiter, "x");
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "x"), ==, 60);
  advance (&clock, 1);
  pdn_rate_limiter_add_failure (limiter, "y");
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "y"), ==, 60);
  pdn_rate_limiter_add_failure (limiter, "z");
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "x"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "y"), ==, 60);
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 2);
}

/* A lock that is over goes before a key that is still counting. */
static void
test_eviction_of_finished_lock (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 2, 60, 2);

  pdn_rate_limiter_add_failure (limiter, "x");
  pdn_rate_limiter_add_failure (limiter, "x");
  advance (&clock, 30);
  pdn_rate_limiter_add_failure (limiter, "z");
  advance (&clock, 31);
  pdn_rate_limiter_add_failure (limiter, "w");
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 2);
  /* z kept its first failure: the second locks it. */
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "z"), ==, 29);
}

/* Keys whose window closed are dropped when next looked at. */
static void
test_expired_keys_dropped (void)
{
  FakeClock clock;
  g_autoptr (PdnRateLimiter) limiter = limiter_new (&clock, 2, 60, 100);

  pdn_rate_limiter_add_failure (limiter, "a");
  advance (&clock, 61);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "a"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_get_n_keys (limiter), ==, 0);
}

#define THREADS 4
#define FAILURES_PER_THREAD 1000

static gpointer
fail_many (gpointer data)
{
  for (guint i = 0; i < FAILURES_PER_THREAD; i++)
    pdn_rate_limiter_add_failure (data, "shared");
  return NULL;
}

/* No failure is lost when threads count at once. */
static void
test_threads (void)
{
  g_autoptr (PdnRateLimiter) limiter = NULL;
  GThread *threads[THREADS];

  limiter = pdn_rate_limiter_new (THREADS * FAILURES_PER_THREAD + 1, 3600, 10);
  for (guint i = 0; i < THREADS; i++)
    threads[i] = g_thread_new ("failures", fail_many, limiter);
  for (guint i = 0; i < THREADS; i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (pdn_rate_limiter_check (limiter, "shared"), ==, 0);
  g_assert_cmpuint (pdn_rate_limiter_add_failure (limiter, "shared"), >, 3500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/rate-limiter/window", test_window);
  g_test_add_func ("/pdnet/rate-limiter/slow-failures", test_slow_failures);
  g_test_add_func ("/pdnet/rate-limiter/reset", test_reset);
  g_test_add_func ("/pdnet/rate-limiter/eviction", test_eviction);
  g_test_add_func ("/pdnet/rate-limiter/eviction-of-locks", test_eviction_of_locks);
  g_test_add_func ("/pdnet/rate-limiter/eviction-of-finished-lock",
                   test_eviction_of_finished_lock);
  g_test_add_func ("/pdnet/rate-limiter/expired-keys-dropped", test_expired_keys_dropped);
  g_test_add_func ("/pdnet/rate-limiter/threads", test_threads);
  return g_test_run ();
}
