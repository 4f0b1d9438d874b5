/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <pdnet/pdn-error.h>

#include "pdn-password.h"

/* Each hash or check costs ~0.1 s and far more under valgrind: the tests
 * make few of them. */

static void
assert_policy_error (const gchar *password)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_password_validate (password, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "password");
}

static void
test_policy (void)
{
  g_autofree gchar *longest = g_strnfill (PDN_PASSWORD_MAX_BYTES, 'a');
  g_autofree gchar *too_long = g_strnfill (PDN_PASSWORD_MAX_BYTES + 1, 'a');
  g_autoptr (GError) error = NULL;

  assert_policy_error (NULL);
  assert_policy_error ("");
  assert_policy_error ("nine char");
  /* Characters, not bytes: nine "é" are 18 bytes but too short. */
  assert_policy_error ("ééééééééé");
  assert_policy_error (too_long);
  assert_policy_error ("abcdefghij\xff");
  assert_policy_error ("abcdefghij\xc3");
  g_assert_true (pdn_password_validate ("ten chars!", &error));
  g_assert_true (pdn_password_validate ("éééééééééé", &error));
  g_assert_true (pdn_password_validate ("          ", &error));
  g_assert_true (pdn_password_validate (longest, &error));
  g_assert_no_error (error);
}

/* Hashing applies the policy before doing any work. */
static void
test_hash_refuses_bad_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *hash = pdn_password_hash ("short", &error);

  g_assert_null (hash);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "password");
}

static void
test_hash_and_verify (void)
{
  g_autoptr (GError) error = NULL;
  /* "café" composed in the hash, decomposed when signing in. */
  g_autofree gchar *hash = pdn_password_hash ("caf\xc3\xa9 au lait, please", &error);
  g_autofree gchar *again = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "lait"));
  g_assert_false (pdn_password_needs_rehash (hash));
  g_assert_true (pdn_password_verify (hash, "caf\xc3\xa9 au lait, please"));
  g_assert_true (pdn_password_verify (hash, "cafe\xcc\x81 au lait, please"));
  g_assert_false (pdn_password_verify (hash, "cafe au lait, please"));
  g_assert_false (pdn_password_verify (hash, "caf\xc3\xa9 au lait, please\xff"));
  /* A fresh salt each time. */
  again = pdn_password_hash ("caf\xc3\xa9 au lait, please", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);
}

static void
test_verify_bad_hashes (void)
{
  g_autofree gchar *too_long = g_strnfill (PDN_PASSWORD_MAX_BYTES + 1, 'a');
  gchar cheap[crypto_pwhash_STRBYTES];

  g_assert_false (pdn_password_verify ("not a hash", "a good password"));
  g_assert_false (pdn_password_verify ("", "a good password"));
  g_assert_true (pdn_password_needs_rehash ("not a hash"));
  g_assert_true (pdn_password_needs_rehash (NULL));
  /* A hash made with weaker limits still verifies, and asks for a rehash. */
  g_assert_cmpint (crypto_pwhash_str (cheap, "a good password", strlen ("a good password"),
                                      crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
                   ==, 0);
  g_assert_true (pdn_password_verify (cheap, "a good password"));
  g_assert_false (pdn_password_verify (cheap, "a bad password"));
  g_assert_false (pdn_password_verify (cheap, too_long));
  g_assert_true (pdn_password_needs_rehash (cheap));
}

static gint64
time_verify (const gchar *hash, const gchar *password, gboolean expected)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (pdn_password_verify (hash, password), ==, expected);
  return g_get_monotonic_time () - start;
}

/* Without an account there is no hash, but the check takes as long as a
 * real one: the time must not tell whether the email has an account. */
static void
test_verify_without_hash (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *hash = pdn_password_hash ("a good password", &error);
  gint64 real, decoy;

  g_assert_no_error (error);
  g_assert_false (pdn_password_verify (NULL, "a good password"));
  g_assert_false (pdn_password_verify (NULL, NULL));
  real = time_verify (hash, "a wrong password", FALSE);
  decoy = time_verify (NULL, "a wrong password", FALSE);
  g_test_message ("real check %lld us, without account %lld us", (long long) real,
                  (long long) decoy);
  /* A skipped check would take microseconds; leave room for a busy machine. */
  g_assert_cmpint (decoy, >, real / 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/password/policy", test_policy);
  g_test_add_func ("/pdnet/password/hash-refuses-bad-password", test_hash_refuses_bad_password);
  g_test_add_func ("/pdnet/password/hash-and-verify", test_hash_and_verify);
  g_test_add_func ("/pdnet/password/verify-bad-hashes", test_verify_bad_hashes);
  g_test_add_func ("/pdnet/password/verify-without-hash", test_verify_without_hash);
  return g_test_run ();
}
