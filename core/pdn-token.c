/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-crypto.h"
#include "pdn-time.h"
#include "pdn-token.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"

G_DEFINE_FINAL_TYPE (PdnToken, pdn_token, G_TYPE_OBJECT)

#define SECRET_BYTES 32
#define HASH_BYTES crypto_generichash_BYTES
#define ENCODED_BYTES                                                                            \
  sodium_base64_ENCODED_LEN (SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)
G_STATIC_ASSERT (PDN_TOKEN_LENGTH == sizeof PDN_TOKEN_PREFIX - 1 + ENCODED_BYTES - 1);

/* last_used_at is written at most this often per token, so that a busy
 * client does not turn every request into a write. */
#define TOUCH_INTERVAL_SECONDS 60

#define COLUMNS                                                                                  \
  "SELECT t.id, t.account_id, t.name, t.created_at, t.expires_at, t.revoked_at, t.last_used_at"
#define SELECT_COLUMNS COLUMNS " FROM tokens t "

static void
pdn_token_finalize (GObject *object)
{
  PdnToken *self = PDN_TOKEN (object);

  g_free (self->name);
  g_free (self->created_at);
  g_free (self->expires_at);
  g_free (self->revoked_at);
  g_free (self->last_used_at);
  G_OBJECT_CLASS (pdn_token_parent_class)->finalize (object);
}

static void
pdn_token_class_init (PdnTokenClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_token_finalize;
}

static void
pdn_token_init (PdnToken *self)
{
}

PdnToken *
pdn_token_new (void)
{
  return g_object_new (PDN_TYPE_TOKEN, NULL);
}

/* @days 0: the token never expires. */
void
pdn_token_expire_in_days (PdnToken *self, guint days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, (gint) days);

  g_clear_pointer (&self->expires_at, g_free);
  if (days > 0)
    self->expires_at = pdn_time_format_utc (then);
}

/* Replaces *@value by its UTC form when it parses. */
static gboolean
normalize_timestamp (gchar **value, const gchar *field, GError **error)
{
  gchar *normalized;

  if (*value == NULL)
    return TRUE;
  normalized = pdn_time_normalize_timestamp (*value, field, error);
  if (normalized == NULL)
    return FALSE;
  g_free (*value);
  *value = normalized;
  return TRUE;
}

gboolean
pdn_token_validate (PdnToken *self, GError **error)
{
  pdn_clear_if_blank (&self->name);
  if (self->account_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "account_id",
                           _("A token must belong to an account"));
      return FALSE;
    }
  if (!pdn_validate_text (self->name, "name", FALSE, PDN_NAME_MAX_CHARS, error)
      || !normalize_timestamp (&self->created_at, "created_at", error)
      || !normalize_timestamp (&self->expires_at, "expires_at", error))
    return FALSE;
  if (self->created_at != NULL && self->expires_at != NULL
      && strcmp (self->expires_at, self->created_at) <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "expires_at",
                           _("A token must expire after it is created"));
      return FALSE;
    }
  return TRUE;
}

/* The stored form of a secret. BLAKE2b suffices, unlike for passwords: the
 * secret is 256 random bits, so there is no dictionary to try. */
static gchar *
hash_secret (const gchar *secret)
{
  guchar hash[HASH_BYTES];
  gchar hex[HASH_BYTES * 2 + 1];

  crypto_generichash (hash, sizeof hash, (const guchar *) secret, strlen (secret), NULL, 0);
  return g_strdup (sodium_bin2hex (hex, sizeof hex, hash, sizeof hash));
}

static gchar *
make_secret (void)
{
  guchar random[SECRET_BYTES];
  gchar encoded[ENCODED_BYTES];

  randombytes_buf (random, sizeof random);
  sodium_bin2base64 (encoded, sizeof encoded, random, sizeof random,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (random, sizeof random);
  return g_strconcat (PDN_TOKEN_PREFIX, encoded, NULL);
}

static gboolean
check_account (PdnStore *store, gint64 account_id, GError **error)
{
  gint64 count = 0;

  if (!pdn_store_count (store, "SELECT COUNT(*) FROM accounts WHERE id = ?", account_id, &count,
                        error))
    return FALSE;
  if (count == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "account_id",
                           _("No account has id %lld"), (long long) account_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * pdn_token_insert:
 * @secret: (out): the token to give to its holder; it cannot be seen again
 *
 * Makes a new random token for the account and stores its hash.
 */
gboolean
pdn_token_insert (PdnToken *self, PdnStore *store, gchar **secret, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *made = NULL;
  g_autofree gchar *hash = NULL;

  g_return_val_if_fail (secret != NULL, FALSE);
  if (!pdn_token_validate (self, error) || !pdn_crypto_init (error))
    return FALSE;
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_account (store, self->account_id, error))
    return FALSE;
  stmt = pdn_store_prepare (store,
                            "INSERT INTO tokens (account_id, token_hash, name, created_at, "
                            "expires_at, revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == NULL)
    self->created_at = pdn_time_now_utc ();
  made = make_secret ();
  hash = hash_secret (made);
  pdn_statement_bind_int64 (stmt, 1, self->account_id);
  pdn_statement_bind_text (stmt, 2, hash);
  pdn_statement_bind_text (stmt, 3, self->name);
  pdn_statement_bind_text (stmt, 4, self->created_at);
  pdn_statement_bind_text (stmt, 5, self->expires_at);
  pdn_statement_bind_text (stmt, 6, self->revoked_at);
  pdn_statement_bind_text (stmt, 7, self->last_used_at);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  self->id = pdn_store_last_insert_id (store);
  if (!pdn_transaction_commit (tx, error))
    return FALSE;
  *secret = g_steal_pointer (&made);
  return TRUE;
}

static PdnToken *
read_row (PdnStatement *stmt)
{
  PdnToken *self = pdn_token_new ();

  self->id = pdn_statement_column_int64 (stmt, 0);
  self->account_id = pdn_statement_column_int64 (stmt, 1);
  self->name = pdn_statement_dup_text (stmt, 2);
  self->created_at = pdn_statement_dup_text (stmt, 3);
  self->expires_at = pdn_statement_dup_text (stmt, 4);
  self->revoked_at = pdn_statement_dup_text (stmt, 5);
  self->last_used_at = pdn_statement_dup_text (stmt, 6);
  return self;
}

PdnToken *
pdn_token_load (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE t.id = ?",
                                                     error);
  PdnStep step;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, id);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ROW)
    return read_row (stmt);
  if (step == PDN_STEP_DONE)
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, _("No token has id %lld"),
                         (long long) id);
  return NULL;
}

/* Every token of the account, revoked and expired ones too, oldest first. */
GPtrArray *
pdn_token_list_for_account (PdnStore *store, gint64 account_id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);
  PdnStep step;

  stmt = pdn_store_prepare (store, SELECT_COLUMNS "WHERE t.account_id = ? ORDER BY t.id", error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_int64 (stmt, 1, account_id);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    g_ptr_array_add (tokens, read_row (stmt));
  if (step == PDN_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&tokens);
}

/* Revoking twice keeps the first time; a missing token is NOT_FOUND. */
gboolean
pdn_token_revoke (PdnStore *store, gint64 id, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();
  gint64 count = 0;

  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL
      || !pdn_store_count (store, "SELECT COUNT(*) FROM tokens WHERE id = ?", id, &count, error))
    return FALSE;
  if (count == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, _("No token has id %lld"),
                           (long long) id);
      return FALSE;
    }
  stmt = pdn_store_prepare (store,
                            "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, now);
  pdn_statement_bind_int64 (stmt, 2, id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

/**
 * pdn_token_is_active:
 * @now: (nullable): a UTC timestamp as stored; %NULL for the current time
 *
 * Neither revoked nor expired at @now.
 */
gboolean
pdn_token_is_active (PdnToken *self, const gchar *now)
{
  g_autofree gchar *current = now == NULL ? pdn_time_now_utc () : NULL;

  if (self->revoked_at != NULL)
    return FALSE;
  return self->expires_at == NULL || strcmp (self->expires_at, now != NULL ? now : current) > 0;
}

/* One message for every refusal, so a caller learns nothing about which
 * tokens exist, which expired and which accounts are disabled. */
static void
set_unauthorized (GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_UNAUTHORIZED, NULL,
                       _("The token is not valid: it may have expired or been revoked"));
}

/* Looks the token up by the hash of @secret, with its account's flag. The
 * lookup needs no constant-time comparison: the index is searched with a
 * hash, and learning how much of a hash matched says nothing about any
 * secret that would produce it. */
static PdnToken *
find_by_secret (PdnStore *store, const gchar *secret, gboolean *disabled, GError **error)
{
  g_autofree gchar *hash = hash_secret (secret);
  g_autoptr (PdnStatement) stmt = NULL;
  PdnToken *self;
  PdnStep step;

  stmt = pdn_store_prepare (store,
                            COLUMNS ", a.disabled FROM tokens t "
                                    "JOIN accounts a ON a.id = t.account_id "
                                    "WHERE t.token_hash = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, hash);
  step = pdn_statement_step (stmt, error);
  if (step == PDN_STEP_ERROR)
    return NULL;
  if (step == PDN_STEP_DONE)
    {
      set_unauthorized (error);
      return NULL;
    }
  self = read_row (stmt);
  *disabled = pdn_statement_column_int64 (stmt, 7) != 0;
  return self;
}

/* Best effort: a token that works must not stop working because the
 * database was too busy to note when it was last used. */
static void
touch (PdnToken *self, PdnStore *store, const gchar *now)
{
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GError) error = NULL;

  if (self->last_used_at != NULL
      && pdn_time_seconds_between (self->last_used_at, now) < TOUCH_INTERVAL_SECONDS)
    return;
  stmt = pdn_store_prepare (store, "UPDATE tokens SET last_used_at = ? WHERE id = ?", &error);
  if (stmt != NULL)
    {
      pdn_statement_bind_text (stmt, 1, now);
      pdn_statement_bind_int64 (stmt, 2, self->id);
      pdn_statement_run (stmt, &error);
    }
  if (error != NULL)
    g_debug ("token %lld: last use not recorded: %s", (long long) self->id, error->message);
  else
    {
      g_free (self->last_used_at);
      self->last_used_at = g_strdup (now);
    }
}

/**
 * pdn_token_authenticate:
 * @secret: the token as presented (after "Bearer ")
 * @token: (out) (optional): the token's record, e.g. to revoke it
 *
 * The account a token belongs to. A token that is unknown, malformed,
 * expired, revoked, or whose account is disabled gets the same
 * PDN_ERROR_UNAUTHORIZED; other errors come from the store.
 */
PdnAccount *
pdn_token_authenticate (PdnStore *store, const gchar *secret, PdnToken **token, GError **error)
{
  g_autoptr (PdnToken) self = NULL;
  g_autofree gchar *now = pdn_time_now_utc ();
  PdnAccount *account;
  gboolean disabled = TRUE;

  if (secret == NULL || strlen (secret) != PDN_TOKEN_LENGTH
      || !g_str_has_prefix (secret, PDN_TOKEN_PREFIX))
    {
      set_unauthorized (error);
      return NULL;
    }
  if (!pdn_crypto_init (error))
    return NULL;
  self = find_by_secret (store, secret, &disabled, error);
  if (self == NULL)
    return NULL;
  if (disabled || !pdn_token_is_active (self, now))
    {
      set_unauthorized (error);
      return NULL;
    }
  account = pdn_account_load (store, self->account_id, error);
  if (account == NULL)
    return NULL;
  touch (self, store, now);
  if (token != NULL)
    *token = g_steal_pointer (&self);
  return account;
}
