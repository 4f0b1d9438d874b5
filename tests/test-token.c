/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"
#include "pdn-time.h"
#include "pdn-token.h"

/* Two service accounts made through the model. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 account;
  gint64 other;
} Fixture;

static gint64
add_account (PdnStore *store, const gchar *name)
{
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup (name);
  account->role = PDN_LOGIN_ROLE_ADMIN;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  return account->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = pdn_test_store_new (&f->dir);
  f->account = add_account (f->store, "Nightly export");
  f->other = add_account (f->store, "Backup");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

static void
run_sql (PdnStore *store, const gchar *sql, const gchar *text, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, text);
  pdn_statement_bind_int64 (stmt, 2, id);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* Inserts a token and returns its secret. */
static gchar *
add_token (Fixture *f, PdnToken *token)
{
  g_autoptr (GError) error = NULL;
  gchar *secret = NULL;

  g_assert_true (pdn_token_insert (token, f->store, &secret, &error));
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  return secret;
}

static PdnToken *
token_new (gint64 account_id, const gchar *name)
{
  PdnToken *token = pdn_token_new ();

  token->account_id = account_id;
  token->name = g_strdup (name);
  return token;
}

static const gchar *unauthorized_message = NULL;

/* Every refusal is the same error with the same words. */
static void
assert_refused (Fixture *f, const gchar *secret)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (PdnAccount) account = pdn_token_authenticate (f->store, secret, &token, &error);

  g_assert_null (account);
  g_assert_null (token);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED);
  g_assert_null (pdn_error_get_field (error));
  if (unauthorized_message == NULL)
    unauthorized_message = g_intern_string (error->message);
  g_assert_cmpstr (error->message, ==, unauthorized_message);
}

static PdnAccount *
assert_accepted (Fixture *f, const gchar *secret, gint64 token_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnToken) token = NULL;
  PdnAccount *account = pdn_token_authenticate (f->store, secret, &token, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpint (token->id, ==, token_id);
  g_assert_cmpint (token->account_id, ==, account->id);
  return account;
}

static gboolean
is_url_safe_base64 (const gchar *text)
{
  for (const gchar *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static void
test_create_and_authenticate (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, "laptop");
  g_autoptr (PdnToken) second = token_new (f->account, NULL);
  g_autofree gchar *secret = add_token (f, token);
  g_autofree gchar *secret2 = add_token (f, second);
  g_autoptr (PdnAccount) account = NULL;

  g_assert_cmpint (token->id, >, 0);
  g_assert_nonnull (token->created_at);
  g_assert_null (token->expires_at);
  g_assert_cmpuint (strlen (secret), ==, PDN_TOKEN_LENGTH);
  g_assert_true (g_str_has_prefix (secret, "pdn_"));
  g_assert_true (is_url_safe_base64 (secret + strlen ("pdn_")));
  g_assert_cmpstr (secret, !=, secret2);

  account = assert_accepted (f, secret, token->id);
  g_assert_cmpint (account->id, ==, f->account);
  g_assert_cmpstr (account->name, ==, "Nightly export");
  g_clear_object (&account);
  account = assert_accepted (f, secret2, second->id);
  g_assert_cmpint (account->id, ==, f->account);
}

/* Garbage, near misses and unknown tokens are all refused alike. */
static void
test_malformed_and_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, NULL);
  g_autofree gchar *secret = add_token (f, token);
  g_autofree gchar *wrong_prefix = g_strconcat ("xyz_", secret + 4, NULL);
  g_autofree gchar *longer = g_strconcat (secret, "A", NULL);
  g_autofree gchar *changed = g_strdup (secret);

  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  assert_refused (f, NULL);
  assert_refused (f, "");
  assert_refused (f, "pdn_");
  assert_refused (f, wrong_prefix);
  assert_refused (f, longer);
  assert_refused (f, changed);
  assert_refused (f, "pdn_' OR 1=1 --AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_object_unref (assert_accepted (f, secret, token->id));
}

/* Whether @needle occurs in binary @data (g_strstr_len stops at a NUL). */
static gboolean
contains_bytes (const gchar *data, gsize length, const gchar *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Only a hash is stored: the secret is in no file of the data directory. */
static void
test_hash_only_storage (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, "cli");
  g_autofree gchar *secret = add_token (f, token);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *db = NULL;
  const gchar *name;
  guint files = 0;

  /* Close the store so the write-ahead log is checkpointed too. */
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir->path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *path = pdn_test_dir_file (f->dir, name);
      g_autofree gchar *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_false (contains_bytes (contents, length, secret + strlen ("pdn_")));
      files++;
    }
  g_assert_cmpuint (files, >=, 1);

  /* And that hash still finds the token. */
  db = pdn_test_dir_file (f->dir, "pdnet.db");
  f->store = pdn_sqlite_store_open (db, &error);
  g_assert_no_error (error);
  g_object_unref (assert_accepted (f, secret, token->id));
}

static void
test_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) expired = token_new (f->account, NULL);
  g_autoptr (PdnToken) month = token_new (f->account, NULL);
  g_autoptr (PdnToken) never = token_new (f->account, NULL);
  g_autofree gchar *expired_secret = NULL;
  g_autofree gchar *month_secret = NULL;
  g_autofree gchar *in_29_days = NULL;
  g_autofree gchar *in_31_days = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) day29 = g_date_time_add_days (now, 29);
  g_autoptr (GDateTime) day31 = g_date_time_add_days (now, 31);

  expired->created_at = g_strdup ("2020-01-01T00:00:00Z");
  expired->expires_at = g_strdup ("2020-01-31T00:00:00Z");
  expired_secret = add_token (f, expired);
  assert_refused (f, expired_secret);

  pdn_token_expire_in_days (month, PDN_TOKEN_SIGN_IN_DAYS);
  in_29_days = pdn_time_format_utc (day29);
  in_31_days = pdn_time_format_utc (day31);
  g_assert_cmpstr (month->expires_at, >, in_29_days);
  g_assert_cmpstr (month->expires_at, <, in_31_days);
  month_secret = add_token (f, month);
  g_object_unref (assert_accepted (f, month_secret, month->id));
  pdn_token_expire_in_days (never, 0);
  g_assert_null (never->expires_at);

  /* Expiry is judged against the time given. */
  g_assert_true (pdn_token_is_active (month, in_29_days));
  g_assert_false (pdn_token_is_active (month, in_31_days));
  g_assert_false (pdn_token_is_active (month, month->expires_at));
  g_assert_true (pdn_token_is_active (never, "9999-12-31T23:59:59Z"));
  g_assert_true (pdn_token_is_active (month, NULL));
}

static void
test_revoke (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, NULL);
  g_autoptr (PdnToken) kept = token_new (f->account, NULL);
  g_autofree gchar *secret = add_token (f, token);
  g_autofree gchar *kept_secret = add_token (f, kept);
  g_autoptr (PdnToken) loaded = NULL;
  g_autoptr (GError) error = NULL;

  g_object_unref (assert_accepted (f, secret, token->id));
  g_assert_true (pdn_token_revoke (f->store, token->id, &error));
  g_assert_no_error (error);
  assert_refused (f, secret);
  g_object_unref (assert_accepted (f, kept_secret, kept->id));
  loaded = pdn_token_load (f->store, token->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->revoked_at);
  g_assert_false (pdn_token_is_active (loaded, NULL));
  g_clear_object (&loaded);

  /* Revoking again keeps the first time. */
  run_sql (f->store, "UPDATE tokens SET revoked_at = ? WHERE id = ?", "2021-05-05T00:00:00Z",
           token->id);
  g_assert_true (pdn_token_revoke (f->store, token->id, &error));
  g_assert_no_error (error);
  loaded = pdn_token_load (f->store, token->id, &error);
  g_assert_cmpstr (loaded->revoked_at, ==, "2021-05-05T00:00:00Z");

  g_assert_false (pdn_token_revoke (f->store, 9999, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_disabled_account (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, NULL);
  g_autofree gchar *secret = add_token (f, token);
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = pdn_account_load (f->store, f->account, &error);
  account->disabled = TRUE;
  g_assert_true (pdn_account_update (account, f->store, &error));
  g_assert_no_error (error);
  assert_refused (f, secret);

  account->disabled = FALSE;
  g_assert_true (pdn_account_update (account, f->store, &error));
  g_object_unref (assert_accepted (f, secret, token->id));
}

/* The last use is noted, at most once a minute. */
static void
test_last_used (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (f->account, NULL);
  g_autofree gchar *secret = add_token (f, token);
  g_autoptr (PdnToken) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *first_use = NULL;

  g_assert_null (token->last_used_at);
  g_object_unref (assert_accepted (f, secret, token->id));
  loaded = pdn_token_load (f->store, token->id, &error);
  g_assert_nonnull (loaded->last_used_at);
  first_use = g_strdup (loaded->last_used_at);
  g_clear_object (&loaded);

  run_sql (f->store, "UPDATE tokens SET last_used_at = ? WHERE id = ?", "2020-02-02T00:00:00Z",
           token->id);
  g_object_unref (assert_accepted (f, secret, token->id));
  loaded = pdn_token_load (f->store, token->id, &error);
  g_assert_cmpstr (loaded->last_used_at, >=, first_use);
}

static void
assert_invalid (Fixture *f, PdnToken *token, const gchar *field)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *secret = NULL;

  g_assert_false (pdn_token_insert (token, f->store, &secret, &error));
  g_assert_null (secret);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
test_validate (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) token = token_new (0, "ci");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *secret = NULL;

  assert_invalid (f, token, "account_id");
  token->account_id = 9999;
  assert_invalid (f, token, "account_id");
  token->account_id = f->account;
  g_free (token->name);
  token->name = g_strdup ("bad\x01name");
  assert_invalid (f, token, "name");
  g_free (token->name);
  token->name = g_strdup ("  ");
  token->expires_at = g_strdup ("next week");
  assert_invalid (f, token, "expires_at");
  g_free (token->expires_at);
  token->created_at = g_strdup ("2026-03-01T10:00:00Z");
  token->expires_at = g_strdup ("2026-03-01T10:00:00Z");
  assert_invalid (f, token, "expires_at");
  /* Compared as instants, whatever the offsets. */
  g_free (token->created_at);
  token->created_at = g_strdup ("2026-03-01T10:00:00+00:00");
  g_free (token->expires_at);
  token->expires_at = g_strdup ("2026-03-01T11:59:00+02:00");
  assert_invalid (f, token, "expires_at");
  g_free (token->expires_at);
  token->expires_at = g_strdup ("2026-03-01T12:00:00+01:30");
  g_assert_true (pdn_token_insert (token, f->store, &secret, &error));
  g_assert_no_error (error);
  /* Stored in UTC; a blank name is no name. */
  g_assert_cmpstr (token->expires_at, ==, "2026-03-01T10:30:00Z");
  g_assert_cmpstr (token->created_at, ==, "2026-03-01T10:00:00Z");
  g_assert_null (token->name);
}

static void
test_list_and_cascade (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnToken) first = token_new (f->account, "one");
  g_autoptr (PdnToken) second = token_new (f->account, "two");
  g_autoptr (PdnToken) elsewhere = token_new (f->other, "three");
  g_autofree gchar *secret = add_token (f, first);
  g_autofree gchar *secret2 = add_token (f, second);
  g_autofree gchar *secret3 = add_token (f, elsewhere);
  g_autoptr (GPtrArray) tokens = NULL;
  g_autoptr (GError) error = NULL;
  PdnToken *listed;

  g_assert_true (pdn_token_revoke (f->store, second->id, &error));
  tokens = pdn_token_list_for_account (f->store, f->account, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->len, ==, 2);
  listed = g_ptr_array_index (tokens, 0);
  g_assert_cmpint (listed->id, ==, first->id);
  g_assert_cmpstr (listed->name, ==, "one");
  g_assert_null (listed->revoked_at);
  listed = g_ptr_array_index (tokens, 1);
  g_assert_cmpint (listed->id, ==, second->id);
  g_assert_nonnull (listed->revoked_at);
  g_clear_pointer (&tokens, g_ptr_array_unref);

  /* Deleting an account takes its tokens along. */
  g_assert_true (pdn_account_delete (f->store, f->account, &error));
  g_assert_no_error (error);
  tokens = pdn_token_list_for_account (f->store, f->account, &error);
  g_assert_cmpuint (tokens->len, ==, 0);
  assert_refused (f, secret);
  g_object_unref (assert_accepted (f, secret3, elsewhere->id));
  g_assert_null (pdn_token_load (f->store, first->id, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/token/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("create-and-authenticate", test_create_and_authenticate);
  ADD ("malformed-and-unknown", test_malformed_and_unknown);
  ADD ("hash-only-storage", test_hash_only_storage);
  ADD ("expiry", test_expiry);
  ADD ("revoke", test_revoke);
  ADD ("disabled-account", test_disabled_account);
  ADD ("last-used", test_last_used);
  ADD ("validate", test_validate);
  ADD ("list-and-cascade", test_list_and_cascade);
  return g_test_run ();
}
