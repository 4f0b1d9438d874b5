/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>
#include <sodium.h>
#include <string.h>

#include "pdn-crypto.h"
#include "pdn-web-session.h"

/* The value of the pdnet_session cookie in a Cookie header, or NULL. */
gchar *
pdn_web_session_cookie_token (const gchar *cookie_header)
{
  g_auto (GStrv) pairs = NULL;

  if (cookie_header == NULL)
    return NULL;
  pairs = g_strsplit (cookie_header, ";", 64);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const gchar *pair = pairs[i];
      gsize name_length = strlen (PDN_SESSION_COOKIE);

      while (*pair == ' ' || *pair == '\t')
        pair++;
      if (strncmp (pair, PDN_SESSION_COOKIE, name_length) == 0 && pair[name_length] == '=')
        return g_strstrip (g_strdup (pair + name_length + 1));
    }
  return NULL;
}

/* A keyed hash of the token: a page can prove it was told this value (by
 * GET /auth/session, same origin only), which a cross-site form cannot. */
gchar *
pdn_web_session_csrf_token (const gchar *secret)
{
  static const gchar purpose[] = "pdnet csrf v1";
  guchar hash[32];
  gchar encoded[sodium_base64_ENCODED_LEN (sizeof hash, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  gsize key_length = MIN (strlen (secret), crypto_generichash_KEYBYTES_MAX);

  if (!pdn_crypto_init (NULL))
    g_error ("libsodium cannot start");
  crypto_generichash (hash, sizeof hash, (const guchar *) purpose, sizeof purpose - 1,
                      (const guchar *) secret, MAX (key_length, crypto_generichash_KEYBYTES_MIN));
  sodium_bin2base64 (encoded, sizeof encoded, hash, sizeof hash,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return g_strdup (encoded);
}

gboolean
pdn_web_session_is_safe_method (const gchar *method)
{
  return g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0
         || g_strcmp0 (method, "OPTIONS") == 0;
}

/* A state-changing request authenticated by the cookie must name the CSRF
 * token of that very cookie. */
gboolean
pdn_web_session_check_csrf (PdnRequest *request, const gchar *secret, GError **error)
{
  const gchar *given = pdn_request_get_header (request, PDN_CSRF_HEADER);
  g_autofree gchar *expected = NULL;

  if (pdn_web_session_is_safe_method (pdn_request_get_method (request)))
    return TRUE;
  expected = pdn_web_session_csrf_token (secret);
  if (given != NULL && strlen (given) == strlen (expected)
      && sodium_memcmp (given, expected, strlen (expected)) == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, PDN_CSRF_HEADER,
                       _("This request needs the page’s X-CSRF-Token header; reload the page "
                         "and try again"));
  return FALSE;
}

/* The Set-Cookie value; an empty secret with max-age 0 signs out. */
gchar *
pdn_web_session_set_cookie (const gchar *secret, guint max_age_seconds, gboolean secure)
{
  return g_strdup_printf ("%s=%s; Path=/; Max-Age=%u; HttpOnly; SameSite=Strict%s",
                          PDN_SESSION_COOKIE, secret, max_age_seconds, secure ? "; Secure" : "");
}

/* "scheme://host[:port]" of a URL, or NULL. */
static gchar *
origin_of (const gchar *url)
{
  g_autoptr (GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                            g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

/* Browsers name the page that sent a request in Origin. A state-changing
 * request from another origin is refused whatever it carries, which also
 * stops cross-site sign-ins and sign-ups (login CSRF). Clients that send
 * no Origin (curl, the CLI) are not browsers and are not affected. */
gboolean
pdn_web_session_check_origin (const gchar *method, const gchar *origin, const gchar *host,
                              const gchar *public_url, GError **error)
{
  g_autofree gchar *public_origin = origin_of (public_url);
  const gchar *authority;

  if (origin == NULL || pdn_web_session_is_safe_method (method))
    return TRUE;
  authority = strstr (origin, "://");
  if (host != NULL && authority != NULL && g_ascii_strcasecmp (authority + 3, host) == 0)
    return TRUE;
  if (public_origin != NULL && g_ascii_strcasecmp (public_origin, origin) == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, "Origin",
                       _("Requests from other sites are refused"));
  return FALSE;
}
