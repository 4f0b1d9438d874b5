/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-api-caller.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

static PdnRequest *
request_with (const gchar *authorization)
{
  PdnRequest *request = pdn_request_new ("GET", "/api/v1/people");

  if (authorization != NULL)
    pdn_request_set_header (request, "Authorization", authorization);
  return request;
}

static gchar *
new_token (PdnStore *store, gint64 account_id)
{
  g_autoptr (PdnToken) token = pdn_token_new ();
  g_autoptr (GError) error = NULL;
  gchar *secret = NULL;

  token->account_id = account_id;
  g_assert_true (pdn_token_insert (token, store, &secret, &error));
  g_assert_no_error (error);
  return secret;
}

static void
assert_unauthorized (PdnRequest *request, GError *error)
{
  GHashTable *headers = pdn_request_get_response_headers (request);

  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (g_hash_table_lookup (headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"pdnet\"");
  g_assert_cmpint (pdn_request_get_account_id (request), ==, 0);
}

static void
test_valid_token (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 account_id = pdn_test_add_account (store, "carla@rps.example");
  g_autofree gchar *secret = new_token (store, account_id);
  g_autofree gchar *header = g_strconcat ("Bearer ", secret, NULL);
  g_autoptr (PdnRequest) request = request_with (header);
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAccount) account = pdn_api_caller (request, store, &token, &error);

  g_assert_no_error (error);
  g_assert_cmpint (account->id, ==, account_id);
  g_assert_cmpint (token->account_id, ==, account_id);
  g_assert_cmpint (pdn_request_get_account_id (request), ==, account_id);
}

static void
test_anonymous (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnRequest) request = request_with (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAccount) anonymous = pdn_api_caller (request, store, NULL, &error);
  g_autoptr (PdnAccount) required = NULL;

  g_assert_null (anonymous);
  g_assert_no_error (error);
  required = pdn_api_require_caller (request, store, &error);
  g_assert_null (required);
  assert_unauthorized (request, error);
}

static void
test_bad_headers (void)
{
  const gchar *bad[] = { "Basic dXNlcjpwYXNz", "Bearer ", "Bearer pdn_not-a-real-token",
                         "bearer pdn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Token x" };
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnRequest) request = request_with (bad[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnAccount) account = pdn_api_caller (request, store, NULL, &error);

      g_assert_null (account);
      assert_unauthorized (request, error);
    }
}

static void
test_revoked_token (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  gint64 account_id = pdn_test_add_account (store, "carla@rps.example");
  g_autofree gchar *secret = new_token (store, account_id);
  g_autofree gchar *header = g_strconcat ("Bearer ", secret, NULL);
  g_autoptr (PdnRequest) request = request_with (header);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAccount) account = NULL;
  gint64 token_id = pdn_test_query_int (store, "SELECT id FROM tokens WHERE account_id = ?",
                                        account_id);

  g_assert_true (pdn_token_revoke (store, token_id, &error));
  account = pdn_api_require_caller (request, store, &error);
  g_assert_null (account);
  assert_unauthorized (request, error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/api-caller/valid-token", test_valid_token);
  g_test_add_func ("/pdnet/api-caller/anonymous", test_anonymous);
  g_test_add_func ("/pdnet/api-caller/bad-headers", test_bad_headers);
  g_test_add_func ("/pdnet/api-caller/revoked-token", test_revoked_token);
  return g_test_run ();
}
