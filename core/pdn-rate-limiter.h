/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Suggested limits for failed sign-ins. Per address they are looser: a
 * school's teachers often share one public address. */
#define PDN_SIGN_IN_FAILURES_PER_ACCOUNT 5
#define PDN_SIGN_IN_FAILURES_PER_ADDRESS 50
#define PDN_SIGN_IN_WINDOW_SECONDS (15 * 60)
#define PDN_SIGN_IN_MAX_KEYS 10000

#define PDN_TYPE_RATE_LIMITER (pdn_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (PdnRateLimiter, pdn_rate_limiter, PDN, RATE_LIMITER, GObject)

/* Monotonic time in microseconds, like g_get_monotonic_time(). */
typedef gint64 (*PdnClockFunc) (gpointer user_data);

/**
 * PdnRateLimiter:
 *
 * Counts failures per key (an account's email key, a client address) in a
 * fixed window that starts at the key's first failure: after @max_failures
 * in one window the key is locked until the window ends. Memory stays
 * bounded: past @max_keys keys one is forgotten, preferably one that is
 * not locked (see choose_victim()).
 *
 * Use: before checking a password, refuse with 429 when check() on either
 * key gives a wait; on a wrong password call add_failure() for both; on
 * success reset() the account key only, since resetting the address would
 * let someone with one valid account refill their address's allowance.
 *
 * Multithreading: every method may be called from any thread.
 */

PdnRateLimiter *pdn_rate_limiter_new (guint max_failures, guint window_seconds, guint max_keys);
void pdn_rate_limiter_set_clock (PdnRateLimiter *self, PdnClockFunc clock, gpointer user_data);
guint pdn_rate_limiter_check (PdnRateLimiter *self, const gchar *key);
guint pdn_rate_limiter_add_failure (PdnRateLimiter *self, const gchar *key);
void pdn_rate_limiter_reset (PdnRateLimiter *self, const gchar *key);
guint pdn_rate_limiter_get_n_keys (PdnRateLimiter *self);

G_END_DECLS
