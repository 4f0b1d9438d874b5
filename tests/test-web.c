/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-password.h"
#include "pdn-test-daemon.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The web pages as pdnetd serves them (data/web, through PDNET_WEB_DIR),
 * and the browser's session: the cookie, the CSRF token and the origin
 * check. The pages themselves are tested in Chromium (tests/web).
 */

#define EMAIL "web@metro.example"
#define PASSWORD "correct horse battery"

static PdnTestDaemon *shared;

static void
seed (PdnStore *store)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  organization->name = g_strdup ("Metro");
  organization->slug = g_strdup ("metro");
  organization->kind = PDN_ORGANIZATION_KIND_DISTRICT;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  account->name = g_strdup ("Web Coordinator");
  account->email = g_strdup (EMAIL);
  account->role = PDN_LOGIN_ROLE_COORDINATOR;
  account->organization_id = organization->id;
  account->password_hash = pdn_password_hash (PASSWORD, &error);
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
}

static PdnTestReply *
get (const gchar *path)
{
  return pdn_test_call (shared, "GET", path, NULL, NULL, NULL, NULL);
}

static const gchar *
header (PdnTestReply *reply, const gchar *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

static gboolean
body_contains (PdnTestReply *reply, const gchar *text)
{
  g_autofree gchar *body
      = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));

  return strstr (body, text) != NULL;
}

/* Signs in; returns the cookie ("pdnet_session=…") and the CSRF token. */
static gchar *
sign_in (gchar **csrf)
{
  const gchar *headers[] = { NULL };
  g_autoptr (PdnTestReply) reply
      = pdn_test_call_headers (shared, "POST", "/api/v1/auth/session", headers,
                               "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}");
  const gchar *set_cookie = header (reply, "Set-Cookie");
  JsonObject *grant;

  g_assert_cmpuint (reply->status, ==, 201);
  grant = pdn_test_reply_object (reply);
  *csrf = g_strdup (json_object_get_string_member (grant, "csrf_token"));
  g_assert_nonnull (set_cookie);
  return g_strndup (set_cookie, strcspn (set_cookie, ";"));
}

static void
test_pages_served (void)
{
  g_autoptr (PdnTestReply) index = get ("/");
  g_autoptr (PdnTestReply) sign_in_page = get ("/sign-in");
  g_autoptr (PdnTestReply) script = get ("/js/api.js");
  g_autoptr (PdnTestReply) style = get ("/css/site.css");
  const gchar *csp = header (index, "Content-Security-Policy");

  g_assert_cmpuint (index->status, ==, 200);
  g_assert_cmpstr (index->type, ==, "text/html");
  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "script-src 'self'"));
  g_assert_null (strstr (csp, "unsafe-inline"));
  g_assert_nonnull (strstr (csp, "frame-ancestors 'none'"));
  g_assert_cmpstr (header (index, "X-Frame-Options"), ==, "DENY");
  g_assert_cmpuint (sign_in_page->status, ==, 200);
  g_assert_true (body_contains (sign_in_page, "/js/pages/sign-in.js"));
  g_assert_true (body_contains (index, "/js/pages/catalog.js"));
  g_assert_cmpuint (script->status, ==, 200);
  g_assert_cmpstr (script->type, ==, "text/javascript");
  g_assert_cmpuint (style->status, ==, 200);
  g_assert_cmpstr (style->type, ==, "text/css");
}

/* Nothing outside data/web, nothing hidden; the API keeps problem+json. */
static void
test_pages_confined (void)
{
  const gchar *outside[] = { "/../meson.build", "/%2e%2e/meson.build", "/js/../../meson.build",
                             "/.git/config", "/js/.hidden.js", "/index.html/", "//etc/passwd",
                             "/js%2f..%2f..%2fmeson.build", "/no-such-page", "/page.html",
                             "/Sign-In", "/sign-in/", "/js/pages" };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr (PdnTestReply) reply = get (outside[i]);

      g_test_message ("GET %s: %u", outside[i], reply->status);
      g_assert_cmpuint (reply->status, !=, 200);
      g_assert_false (body_contains (reply, "project('pdnet'"));
    }
  {
    g_autoptr (PdnTestReply) missing = get ("/no-such-page");
    g_autoptr (PdnTestReply) api = get ("/api/v2/health");

    g_assert_cmpuint (missing->status, ==, 404);
    g_assert_cmpstr (missing->type, ==, "text/html");
    g_assert_true (body_contains (missing, "/js/pages/not-found.js"));
    pdn_test_assert_problem (pdn_test_reply_object (api), 404, "not-found", NULL);
  }
}

static void
test_session_cookie (void)
{
  g_autofree gchar *csrf = NULL;
  g_autofree gchar *cookie = sign_in (&csrf);
  const gchar *with_cookie[] = { "Cookie", cookie, NULL };
  g_autoptr (PdnTestReply) me
      = pdn_test_call_headers (shared, "GET", "/api/v1/accounts/me", with_cookie, NULL);
  g_autoptr (PdnTestReply) session
      = pdn_test_call_headers (shared, "GET", "/api/v1/auth/session", with_cookie, NULL);
  g_autoptr (PdnTestReply) anonymous = get ("/api/v1/auth/session");

  g_assert_true (g_str_has_prefix (cookie, "pdnet_session=pdn_"));
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_reply_object (me), "email"), ==, EMAIL);
  g_assert_cmpuint (session->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_reply_object (session), "csrf_token"),
                   ==, csrf);
  g_assert_false (json_object_has_member (pdn_test_reply_object (session), "token"));
  pdn_test_assert_problem (pdn_test_reply_object (anonymous), 401, "unauthorized", NULL);
}

static void
test_cookie_attributes (void)
{
  const gchar *headers[] = { NULL };
  g_autoptr (PdnTestReply) reply
      = pdn_test_call_headers (shared, "POST", "/api/v1/auth/session", headers,
                               "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}");
  const gchar *set_cookie = header (reply, "Set-Cookie");

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_nonnull (strstr (set_cookie, "; HttpOnly"));
  g_assert_nonnull (strstr (set_cookie, "; SameSite=Strict"));
  g_assert_nonnull (strstr (set_cookie, "; Path=/"));
  g_assert_false (body_contains (reply, "pdn_"));
}

/* A state-changing request by cookie needs the CSRF token of that cookie;
 * a refused one changes nothing. */
static void
test_csrf (void)
{
  g_autofree gchar *csrf = NULL;
  g_autofree gchar *cookie = sign_in (&csrf);
  g_autofree gchar *other_csrf = NULL;
  g_autofree gchar *other_cookie = sign_in (&other_csrf);
  const gchar *none[] = { "Cookie", cookie, NULL };
  const gchar *wrong[] = { "Cookie", cookie, "X-CSRF-Token", other_csrf, NULL };
  const gchar *right[] = { "Cookie", cookie, "X-CSRF-Token", csrf, NULL };
  g_autoptr (PdnTestReply) refused
      = pdn_test_call_headers (shared, "DELETE", "/api/v1/auth/session", none, NULL);
  g_autoptr (PdnTestReply) mismatched
      = pdn_test_call_headers (shared, "DELETE", "/api/v1/auth/session", wrong, NULL);
  g_autoptr (PdnTestReply) still
      = pdn_test_call_headers (shared, "GET", "/api/v1/accounts/me", none, NULL);
  g_autoptr (PdnTestReply) signed_out
      = pdn_test_call_headers (shared, "DELETE", "/api/v1/auth/session", right, NULL);
  g_autoptr (PdnTestReply) after
      = pdn_test_call_headers (shared, "GET", "/api/v1/accounts/me", none, NULL);

  pdn_test_assert_problem (pdn_test_reply_object (refused), 403, "forbidden", "X-CSRF-Token");
  pdn_test_assert_problem (pdn_test_reply_object (mismatched), 403, "forbidden", "X-CSRF-Token");
  g_assert_cmpuint (still->status, ==, 200);
  g_assert_cmpuint (signed_out->status, ==, 204);
  g_assert_nonnull (strstr (header (signed_out, "Set-Cookie"), "Max-Age=0"));
  pdn_test_assert_problem (pdn_test_reply_object (after), 401, "unauthorized", NULL);
}

/* Browsers name the sending page in Origin: another site is refused, even
 * signing in (login CSRF); our own origin and clients without one are not. */
static void
test_origin (void)
{
  g_autofree gchar *own = g_strdup_printf ("http://127.0.0.1:%u", shared->port);
  const gchar *evil[] = { "Origin", "http://evil.example", NULL };
  const gchar *same[] = { "Origin", own, NULL };
  const gchar *body = "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}";
  g_autoptr (PdnTestReply) refused
      = pdn_test_call_headers (shared, "POST", "/api/v1/auth/session", evil, body);
  g_autoptr (PdnTestReply) accepted
      = pdn_test_call_headers (shared, "POST", "/api/v1/auth/session", same, body);
  g_autoptr (PdnTestReply) read
      = pdn_test_call_headers (shared, "GET", "/api/v1/health", evil, NULL);

  pdn_test_assert_problem (pdn_test_reply_object (refused), 403, "forbidden", "Origin");
  g_assert_null (header (refused, "Set-Cookie"));
  g_assert_cmpuint (accepted->status, ==, 201);
  g_assert_cmpuint (read->status, ==, 200);
}

/* Bearer tokens are not cookies: API clients need no CSRF token. */
static void
test_bearer_unaffected (void)
{
  g_autoptr (PdnTestReply) grant = pdn_test_call_json (
      shared, "POST", "/api/v1/auth/token", NULL,
      "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}");
  const gchar *token = json_object_get_string_member (pdn_test_reply_object (grant), "token");
  g_autoptr (PdnTestReply) revoked
      = pdn_test_call_json (shared, "DELETE", "/api/v1/auth/token", token, NULL);

  g_assert_cmpuint (revoked->status, ==, 204);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  shared = pdn_test_daemon_new ();
  {
    g_autoptr (PdnStore) store = pdn_test_daemon_open_store (shared);
    seed (store);
  }
  pdn_test_daemon_run (shared, NULL, "en");
  g_test_add_func ("/pdnet/web/pages-served", test_pages_served);
  g_test_add_func ("/pdnet/web/pages-confined", test_pages_confined);
  g_test_add_func ("/pdnet/web/session-cookie", test_session_cookie);
  g_test_add_func ("/pdnet/web/cookie-attributes", test_cookie_attributes);
  g_test_add_func ("/pdnet/web/csrf", test_csrf);
  g_test_add_func ("/pdnet/web/origin", test_origin);
  g_test_add_func ("/pdnet/web/bearer-unaffected", test_bearer_unaffected);
  status = g_test_run ();
  pdn_test_daemon_free (shared);
  return status;
}
