/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-crypto.h"
#include "pdn-password.h"

/* libsodium's "interactive" limits (2 passes over 64 MiB) are its advice
 * for online sign-in: about 0.1 s on one core. They bound what the worker
 * pool can be made to spend per sign-in attempt, and the rate limiter bounds
 * the attempts. Hashes made with other limits still verify and report
 * needs_rehash, so the limits can be raised later. */
#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Wipes a copy of a password before freeing it, so it does not linger in
 * freed memory. */
void
pdn_password_free (gchar *password)
{
  if (password == NULL)
    return;
  sodium_memzero (password, strlen (password));
  g_free (password);
}

/**
 * pdn_password_validate:
 *
 * The password policy: valid UTF-8, at least %PDN_PASSWORD_MIN_CHARS
 * characters and at most %PDN_PASSWORD_MAX_BYTES bytes. Any characters are
 * allowed, spaces included: long passphrases are the point. Errors name
 * the field "password" and never quote it.
 */
gboolean
pdn_password_validate (const gchar *password, GError **error)
{
  if (password == NULL || password[0] == '\0')
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "password",
                           _("Give a password"));
      return FALSE;
    }
  if (strlen (password) > PDN_PASSWORD_MAX_BYTES)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "password",
                           _("The password is longer than %d bytes"), PDN_PASSWORD_MAX_BYTES);
      return FALSE;
    }
  if (!g_utf8_validate (password, -1, NULL))
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "password",
                           _("The password is not valid UTF-8"));
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) < PDN_PASSWORD_MIN_CHARS)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "password",
                           _("The password must have at least %d characters"),
                           PDN_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  return TRUE;
}

/* The same password typed on two keyboards may arrive composed or
 * decomposed ("é" or "e" + U+0301); NFKC makes them one (as NIST SP
 * 800-63B advises). NULL when @password is not UTF-8. */
static PdnPassword *
normalize (const gchar *password)
{
  if (password == NULL || strlen (password) > PDN_PASSWORD_MAX_BYTES
      || !g_utf8_validate (password, -1, NULL))
    return NULL;
  return g_utf8_normalize (password, -1, G_NORMALIZE_NFKC);
}

/**
 * pdn_password_hash:
 *
 * Checks @password against the policy and returns its Argon2id hash in the
 * PHC string format ("$argon2id$v=19$m=65536,t=2,p=1$…"), which carries its
 * own salt and limits. Blocking: see the top of this header.
 */
gchar *
pdn_password_hash (const gchar *password, GError **error)
{
  g_autoptr (PdnPassword) normalized = NULL;
  gchar hash[crypto_pwhash_STRBYTES];

  if (!pdn_password_validate (password, error) || !pdn_crypto_init (error))
    return NULL;
  normalized = normalize (password);
  if (crypto_pwhash_str (hash, normalized, strlen (normalized), OPSLIMIT, MEMLIMIT) != 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("Not enough memory to hash the password; try again later"));
      return NULL;
    }
  return g_strdup (hash);
}

/* A hash of a random password, so that checking a password for an account
 * that does not exist costs as much as for one that does. */
static gpointer
make_decoy_hash (gpointer data)
{
  guchar random[16];
  gchar password[sizeof random * 2 + 1];
  gchar *hash = g_malloc (crypto_pwhash_STRBYTES);

  randombytes_buf (random, sizeof random);
  sodium_bin2hex (password, sizeof password, random, sizeof random);
  if (crypto_pwhash_str (hash, password, strlen (password), OPSLIMIT, MEMLIMIT) != 0)
    g_clear_pointer (&hash, g_free);
  return hash;
}

/**
 * pdn_password_verify:
 * @hash: (nullable): a hash from pdn_password_hash(), or %NULL when there
 *   is no account or it has no password
 *
 * Whether @password matches @hash. With a %NULL @hash it returns %FALSE
 * after the same work as a real check, so the time taken does not tell
 * whether the account exists. Blocking: see the top of this header.
 */
gboolean
pdn_password_verify (const gchar *hash, const gchar *password)
{
  static GOnce decoy = G_ONCE_INIT;
  g_autoptr (PdnPassword) normalized = NULL;
  const gchar *against = hash;

  if (!pdn_crypto_init (NULL))
    return FALSE;
  normalized = normalize (password);
  if (normalized == NULL)
    return FALSE;
  if (against == NULL)
    against = g_once (&decoy, make_decoy_hash, NULL);
  if (against == NULL
      || crypto_pwhash_str_verify (against, normalized, strlen (normalized)) != 0)
    return FALSE;
  return hash != NULL;
}

/* TRUE when @hash was made with other limits (or is not a hash at all):
 * after a successful sign-in, hash the password again and store it. */
gboolean
pdn_password_needs_rehash (const gchar *hash)
{
  if (hash == NULL || !pdn_crypto_init (NULL))
    return TRUE;
  return crypto_pwhash_str_needs_rehash (hash, OPSLIMIT, MEMLIMIT) != 0;
}
