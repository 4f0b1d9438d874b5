/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-calendar-feed.h"
#include "pdn-crypto.h"
#include "pdn-time.h"
#include "pdn-transaction.h"

/* The secret is 32 random bytes in url-safe base64, nothing else, so the
 * URL says nothing about whose it is. It is kept as is (unlike bearer
 * tokens) so that GET /me/calendar-feed can show the same URL again: it
 * reveals one person's schedule, not an account. It is found by its hash
 * (secret_hash, indexed), then compared in constant time, so the index
 * lookup's timing says nothing about the secret itself.
 *
 * Feeds made before schema 9 have secrets "<person id>.<random>" and no
 * hash; they are found by the person id as before until rotated. */

#define RANDOM_BYTES 32
#define ENCODED_BYTES                                                                            \
  sodium_base64_ENCODED_LEN (RANDOM_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)
#define HASH_BYTES crypto_generichash_BYTES

void
pdn_calendar_feed_free (PdnCalendarFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->secret);
  g_free (feed->created_at);
  g_free (feed);
}

/* Call pdn_crypto_init() first. */
static gchar *
make_secret (void)
{
  guchar random[RANDOM_BYTES];
  gchar encoded[ENCODED_BYTES];

  randombytes_buf (random, sizeof random);
  sodium_bin2base64 (encoded, sizeof encoded, random, sizeof random,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (random, sizeof random);
  return g_strdup (encoded);
}

/* What secret_hash holds: BLAKE2b-256 of @secret, in hex. Call
 * pdn_crypto_init() first. */
static gchar *
hash_secret (const gchar *secret)
{
  guchar hash[HASH_BYTES];
  gchar hex[HASH_BYTES * 2 + 1];

  crypto_generichash (hash, sizeof hash, (const guchar *) secret, strlen (secret), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* The person's feed; NULL without an error when there is none. */
static PdnCalendarFeed *
load (PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare_id (
      store, "SELECT secret, created_at FROM calendar_feeds WHERE person_id = ?", person_id,
      error);
  PdnCalendarFeed *feed;

  if (stmt == NULL || pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return NULL;
  feed = g_new0 (PdnCalendarFeed, 1);
  feed->person_id = person_id;
  feed->secret = pdn_statement_dup_text (stmt, 0);
  feed->created_at = pdn_statement_dup_text (stmt, 1);
  return feed;
}

/* In a write transaction, with no feed for the person. */
static PdnCalendarFeed *
insert (PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (PdnCalendarFeed) feed = g_new0 (PdnCalendarFeed, 1);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      store,
      "INSERT INTO calendar_feeds (person_id, secret, secret_hash, created_at) "
      "VALUES (?, ?, ?, ?)",
      error);
  g_autofree gchar *hash = NULL;

  if (stmt == NULL)
    return NULL;
  feed->person_id = person_id;
  feed->secret = make_secret ();
  feed->created_at = pdn_time_now_utc ();
  hash = hash_secret (feed->secret);
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_text (stmt, 2, feed->secret);
  pdn_statement_bind_text (stmt, 3, hash);
  pdn_statement_bind_text (stmt, 4, feed->created_at);
  if (!pdn_statement_run (stmt, error))
    return NULL;
  return g_steal_pointer (&feed);
}

/**
 * pdn_calendar_feed_ensure:
 *
 * The person's feed, made on first use.
 *
 * Returns: (transfer full) (nullable): the feed, or %NULL with @error set
 */
PdnCalendarFeed *
pdn_calendar_feed_ensure (PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnCalendarFeed) feed = load (store, person_id, &local_error);

  if (feed != NULL)
    return g_steal_pointer (&feed);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!pdn_crypto_init (error)
      || (tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error)) == NULL)
    return NULL;
  /* Another request may have made it since the first look. */
  feed = load (store, person_id, &local_error);
  if (feed == NULL && local_error == NULL)
    feed = insert (store, person_id, &local_error);
  if (feed == NULL || !pdn_transaction_commit (tx, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&feed);
}

/**
 * pdn_calendar_feed_rotate:
 *
 * Replaces the person's secret (making one if there was none): the old
 * feed URL stops working at once.
 *
 * Returns: (transfer full) (nullable): the new feed, or %NULL with @error set
 */
PdnCalendarFeed *
pdn_calendar_feed_rotate (PdnStore *store, gint64 person_id, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnCalendarFeed) feed = NULL;

  if (!pdn_crypto_init (error)
      || (tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error)) == NULL
      || !pdn_store_run_id (store, "DELETE FROM calendar_feeds WHERE person_id = ?", person_id,
                            error)
      || (feed = insert (store, person_id, error)) == NULL
      || !pdn_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&feed);
}

static gint64
not_found (GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL,
                       _("No calendar feed has this address. Ask pdnet for your current feed "
                         "address."));
  return 0;
}

/* The person id an old-format secret ("<id>.<random>") starts with, or 0.
 * New secrets have no '.', which url-safe base64 never uses. */
static gint64
legacy_secret_person (const gchar *secret)
{
  const gchar *dot = strchr (secret, '.');
  g_autofree gchar *digits = NULL;
  guint64 id = 0;

  if (dot == NULL)
    return 0;
  digits = g_strndup (secret, dot - secret);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64) id;
}

/* The feed row @stmt found, if its secret is @secret; compared in constant
 * time (for its length). */
static gint64
matching_row (PdnStatement *stmt, const gchar *secret, GError **error)
{
  PdnStep step = pdn_statement_step (stmt, error);
  const gchar *stored;

  if (step == PDN_STEP_ERROR)
    return 0;
  if (step != PDN_STEP_ROW)
    return not_found (error);
  stored = pdn_statement_column_text (stmt, 1);
  if (stored == NULL || strlen (stored) != strlen (secret)
      || sodium_memcmp (stored, secret, strlen (secret)) != 0)
    return not_found (error);
  return pdn_statement_column_int64 (stmt, 0);
}

/* A feed made before schema 9, by the person id its secret starts with;
 * only rows without a hash, so a rotated feed's old secret is gone. */
static gint64
find_legacy (PdnStore *store, const gchar *secret, GError **error)
{
  gint64 person_id = legacy_secret_person (secret);
  g_autoptr (PdnStatement) stmt = NULL;

  if (person_id == 0)
    return not_found (error);
  stmt = pdn_store_prepare_id (store,
                               "SELECT f.person_id, f.secret FROM calendar_feeds f "
                               "JOIN accounts a ON a.person_id = f.person_id "
                               "WHERE f.person_id = ? AND f.secret_hash IS NULL "
                               "AND a.disabled = 0",
                               person_id, error);
  return stmt != NULL ? matching_row (stmt, secret, error) : 0;
}

/**
 * pdn_calendar_feed_find_person:
 *
 * Whose feed @secret opens: only a person whose account is enabled, so
 * disabling an account closes its feed too.
 *
 * Returns: the person's id, or 0 with a PDN_ERROR_NOT_FOUND that says the
 *   same whatever was wrong with @secret
 */
gint64
pdn_calendar_feed_find_person (PdnStore *store, const gchar *secret, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *hash = NULL;

  if (secret == NULL || *secret == '\0')
    return not_found (error);
  if (strchr (secret, '.') != NULL)
    return find_legacy (store, secret, error);
  if (!pdn_crypto_init (error))
    return 0;
  hash = hash_secret (secret);
  stmt = pdn_store_prepare (store,
                            "SELECT f.person_id, f.secret FROM calendar_feeds f "
                            "JOIN accounts a ON a.person_id = f.person_id "
                            "WHERE f.secret_hash = ? AND a.disabled = 0",
                            error);
  if (stmt == NULL)
    return 0;
  pdn_statement_bind_text (stmt, 1, hash);
  return matching_row (stmt, secret, error);
}
