/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-web-session.h"

/* RFC 6750: a 401 tells the client which scheme to use. */
static void
unauthorized (PdnRequest *request, GError **error, const gchar *message)
{
  pdn_request_set_response_header (request, "WWW-Authenticate", "Bearer realm=\"pdnet\"");
  pdn_error_set_field (error, PDN_ERROR_UNAUTHORIZED, NULL, "%s", message);
}

/* A browser's session cookie. A stale cookie is an anonymous caller (the
 * page offers to sign in again); a state-changing request it authenticates
 * needs the CSRF token too. */
static PdnAccount *
cookie_caller (PdnRequest *request, PdnStore *store, PdnToken **token, GError **error)
{
  g_autofree gchar *secret
      = pdn_web_session_cookie_token (pdn_request_get_header (request, "Cookie"));
  g_autoptr (PdnToken) used = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAccount) account = NULL;

  if (secret == NULL || *secret == '\0')
    return NULL;
  account = pdn_token_authenticate (store, secret, &used, &local_error);
  if (account == NULL)
    {
      if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!pdn_web_session_check_csrf (request, secret, error))
    return NULL;
  pdn_request_set_account_id (request, account->id);
  if (token != NULL)
    *token = g_steal_pointer (&used);
  return g_steal_pointer (&account);
}

/**
 * pdn_api_caller:
 * @token: (out) (optional) (nullable): the token used
 *
 * Returns: (transfer full) (nullable): the caller's account; %NULL with no
 *   error set for a request without an Authorization header or a live
 *   session cookie (anonymous),
 *   %NULL with a 401 error for a malformed, unknown, expired or revoked
 *   token or a disabled account. Records the account id for the request log.
 */
PdnAccount *
pdn_api_caller (PdnRequest *request, PdnStore *store, PdnToken **token, GError **error)
{
  const gchar *header = pdn_request_get_header (request, "Authorization");
  g_autoptr (GError) local_error = NULL;
  PdnAccount *account;

  if (token != NULL)
    *token = NULL;
  if (header == NULL)
    return cookie_caller (request, store, token, error);
  if (g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    {
      unauthorized (request, error, _("The Authorization header must be “Bearer TOKEN”"));
      return NULL;
    }
  account = pdn_token_authenticate (store, header + 7, token, &local_error);
  if (account == NULL)
    {
      if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      unauthorized (request, error, local_error->message);
      return NULL;
    }
  pdn_request_set_account_id (request, account->id);
  return account;
}

/* The same, refusing anonymous requests with 401. */
PdnAccount *
pdn_api_require_caller (PdnRequest *request, PdnStore *store, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PdnAccount *account = pdn_api_caller (request, store, NULL, &local_error);

  if (account != NULL)
    return account;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    unauthorized (request, error, _("Sign in first: send “Authorization: Bearer TOKEN”"));
  return NULL;
}

gint64
pdn_api_require_caller_person (PdnRequest *request, PdnStore *store, PdnAccount **account,
                               GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  gint64 person_id;

  if (account != NULL)
    *account = NULL;
  if (caller == NULL)
    return 0;
  person_id = caller->person_id;
  if (person_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "person_id",
                           _("This account is not linked to a person, so it has no "
                             "registrations, calendar or transcript of its own"));
      return 0;
    }
  if (account != NULL)
    *account = g_steal_pointer (&caller);
  return person_id;
}
