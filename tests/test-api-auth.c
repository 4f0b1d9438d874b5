/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <sodium.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-password.h"
#include "pdn-person.h"
#include "pdn-rate-limiter.h"
#include "pdn-test-daemon.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"
#include "pdn-token.h"

/*
 * Signing in and out, teachers' sign-up and GET /accounts/me against the
 * real pdnetd, which runs with LANGUAGE=en.
 */

#define PASSWORD "correct horse battery"
#define N_BURST 20

static PdnTestDaemon *shared;
static gint64 metro_school; /* Metro's emails are at metro.example only */
static gint64 open_school;  /* Open Charter takes any email */
static gint64 metro_org;
static gchar *password_hash; /* of PASSWORD, shared by the seeded accounts */
static GPtrArray *secrets;   /* every token seen, to look for in the log */

/* ---- seeding ---- */

static gint64
add_organization (PdnStore *store, const gchar *slug, const gchar *domain)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (GError) error = NULL;

  organization->name = g_strdup (slug);
  organization->slug = g_strdup (slug);
  organization->kind = PDN_ORGANIZATION_KIND_DISTRICT;
  if (domain != NULL)
    g_ptr_array_add (organization->email_domains, g_strdup (domain));
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  return organization->id;
}

/* A coordinator of Metro with @hash (NULL: no password). */
static gint64
add_account_with_hash (PdnStore *store, const gchar *email, const gchar *hash,
                       gboolean disabled)
{
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup (email);
  account->email = g_strdup (email);
  account->role = PDN_LOGIN_ROLE_COORDINATOR;
  account->organization_id = metro_org;
  account->password_hash = g_strdup (hash);
  account->disabled = disabled;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  return account->id;
}

/* A coordinator of Metro who signs in with PASSWORD. */
static gint64
add_account (PdnStore *store, const gchar *email, gboolean disabled)
{
  return add_account_with_hash (store, email, password_hash, disabled);
}

/* PASSWORD hashed with weaker limits than pdnet uses now. */
static gchar *
weak_hash (void)
{
  gchar hash[crypto_pwhash_STRBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, PASSWORD, strlen (PASSWORD),
                                      crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
                   ==, 0);
  return g_strdup (hash);
}

static void
seed (PdnStore *store)
{
  g_autofree gchar *weak = weak_hash ();

  g_autoptr (GError) error = NULL;

  password_hash = pdn_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  metro_org = add_organization (store, "metro", "metro.example");
  metro_school = pdn_test_add_school (store, metro_org, "Metro High");
  open_school = pdn_test_add_school (store, add_organization (store, "open", NULL), "Open Elem");
  add_account (store, "ana@metro.example", FALSE);
  add_account (store, "beto@metro.example", FALSE);
  add_account (store, "carla@metro.example", FALSE);
  add_account (store, "dora@metro.example", FALSE);
  add_account (store, "eva@metro.example", FALSE);
  add_account (store, "off@metro.example", TRUE);
  add_account_with_hash (store, "nopass@metro.example", NULL, FALSE);
  add_account_with_hash (store, "old@metro.example", weak, FALSE);
  for (guint i = 0; i < N_BURST; i++)
    {
      g_autofree gchar *email = g_strdup_printf ("burst%u@metro.example", i);
      add_account (store, email, FALSE);
    }
  pdn_test_add_person (store, "claimed@open.example");
}

/* ---- helpers ---- */

static gchar *
credentials (const gchar *email, const gchar *password)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

static PdnTestReply *
sign_in (const gchar *email, const gchar *password)
{
  g_autofree gchar *body = credentials (email, password);

  return pdn_test_call_json (shared, "POST", "/api/v1/auth/token", NULL, body);
}

/* Signs in and returns the token, checking the grant. */
static gchar *
sign_in_token (const gchar *email)
{
  g_autoptr (PdnTestReply) reply = sign_in (email, PASSWORD);
  JsonObject *grant;
  gchar *token;

  g_assert_cmpuint (reply->status, ==, 201);
  grant = pdn_test_reply_object (reply);
  token = g_strdup (json_object_get_string_member (grant, "token"));
  g_ptr_array_add (secrets, g_strdup (token));
  return token;
}

static PdnTestReply *
get_me (const gchar *token)
{
  return pdn_test_call_json (shared, "GET", "/api/v1/accounts/me", token, NULL);
}

static void
assert_unauthorized (PdnTestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (reply->type, ==, "application/problem+json");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"pdnet\"");
  pdn_test_assert_problem (pdn_test_reply_object (reply), 401, "unauthorized", NULL);
}

static void
assert_healthy (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_call_json (shared, "GET", "/api/v1/health", NULL,
                                                       NULL);

  g_assert_cmpuint (reply->status, ==, 200);
}

static const gchar *
member_string (JsonObject *object, const gchar *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static PdnTestReply *
sign_up (const gchar *body)
{
  return pdn_test_call_json (shared, "POST", "/api/v1/accounts", NULL, body);
}

static gchar *
sign_up_body (const gchar *name, const gchar *email, const gchar *password, gint64 school_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "school_id");
  json_builder_add_int_value (builder, school_id);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

/* ---- signing in ---- */

static void
test_sign_in (void)
{
  g_autoptr (PdnTestReply) reply = sign_in ("Ana@Metro.example", PASSWORD);
  g_autoptr (PdnTestReply) me = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires = NULL;
  JsonObject *grant, *account, *mine;
  const gchar *token;

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (reply->type, ==, "application/json");
  grant = pdn_test_reply_object (reply);
  token = member_string (grant, "token");
  g_ptr_array_add (secrets, g_strdup (token));
  g_assert_true (g_str_has_prefix (token, PDN_TOKEN_PREFIX));
  g_assert_cmpuint (strlen (token), ==, PDN_TOKEN_LENGTH);
  expires = g_date_time_new_from_iso8601 (member_string (grant, "expires_at"), NULL);
  g_assert_nonnull (expires);
  g_assert_cmpint (g_date_time_difference (expires, now) / G_TIME_SPAN_SECOND, >,
                   PDN_TOKEN_SIGN_IN_DAYS * 86400 - 60);
  g_assert_cmpint (g_date_time_difference (expires, now) / G_TIME_SPAN_SECOND, <=,
                   PDN_TOKEN_SIGN_IN_DAYS * 86400);
  account = json_object_get_object_member (grant, "account");
  g_assert_cmpstr (member_string (account, "email"), ==, "ana@metro.example");
  g_assert_cmpstr (member_string (account, "role"), ==, "coordinator");
  g_assert_cmpint (json_object_get_int_member (account, "organization_id"), ==, metro_org);
  g_assert_true (json_object_get_null_member (account, "person_id"));
  g_assert_false (json_object_has_member (account, "password_hash"));
  g_assert_false (json_object_has_member (account, "password"));

  me = get_me (token);
  g_assert_cmpuint (me->status, ==, 200);
  mine = pdn_test_reply_object (me);
  g_assert_cmpint (json_object_get_int_member (mine, "id"), ==,
                   json_object_get_int_member (account, "id"));
  g_assert_cmpstr (member_string (mine, "name"), ==, "ana@metro.example");
  g_assert_true (json_object_get_null_member (mine, "person"));
  g_assert_false (json_object_has_member (mine, "password_hash"));
}

/* Wrong password, unknown email, a disabled account: one answer. */
static void
test_sign_in_refused (void)
{
  g_autoptr (PdnTestReply) wrong = sign_in ("beto@metro.example", "not the password");
  g_autoptr (PdnTestReply) unknown = sign_in ("nobody@metro.example", PASSWORD);
  g_autoptr (PdnTestReply) disabled = sign_in ("off@metro.example", PASSWORD);
  g_autoptr (PdnTestReply) no_password = sign_in ("nopass@metro.example", PASSWORD);
  g_autofree gchar *no_password_body = NULL;
  g_autofree gchar *wrong_body = NULL;
  g_autofree gchar *unknown_body = NULL;
  g_autofree gchar *disabled_body = NULL;

  assert_unauthorized (wrong);
  assert_unauthorized (unknown);
  assert_unauthorized (disabled);
  assert_unauthorized (no_password);
  no_password_body = json_to_string (no_password->node, FALSE);
  wrong_body = json_to_string (wrong->node, FALSE);
  unknown_body = json_to_string (unknown->node, FALSE);
  disabled_body = json_to_string (disabled->node, FALSE);
  g_assert_cmpstr (wrong_body, ==, unknown_body);
  g_assert_cmpstr (wrong_body, ==, disabled_body);
  g_assert_cmpstr (wrong_body, ==, no_password_body);
  g_assert_cmpstr (member_string (pdn_test_reply_object (wrong), "detail"), ==,
                   "The email or the password is wrong");
}

/* A hash made with older, weaker limits is replaced at sign-in. */
static void
test_sign_in_rehashes (void)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (shared);
  g_autoptr (PdnAccount) before = pdn_account_find_by_email (store, "old@metro.example", NULL);
  g_autofree gchar *token = NULL;
  g_autoptr (PdnAccount) after = NULL;

  g_assert_true (pdn_password_needs_rehash (before->password_hash));
  token = sign_in_token ("old@metro.example");
  after = pdn_account_find_by_email (store, "old@metro.example", NULL);
  g_assert_cmpstr (after->password_hash, !=, before->password_hash);
  g_assert_false (pdn_password_needs_rehash (after->password_hash));
  g_assert_true (pdn_password_verify (after->password_hash, PASSWORD));
  g_free (sign_in_token ("old@metro.example"));
}

static void
test_sign_in_bad_input (void)
{
  g_autoptr (PdnTestReply) missing = pdn_test_call_json (
      shared, "POST", "/api/v1/auth/token", NULL, "{\"email\":\"ana@metro.example\"}");
  g_autoptr (PdnTestReply) typed = pdn_test_call_json (
      shared, "POST", "/api/v1/auth/token", NULL, "{\"email\":7,\"password\":\"x\"}");
  g_autoptr (PdnTestReply) extra = pdn_test_call_json (
      shared, "POST", "/api/v1/auth/token", NULL,
      "{\"email\":\"ana@metro.example\",\"password\":\"x\",\"remember\":true}");
  g_autoptr (PdnTestReply) not_email = sign_in ("ana", PASSWORD);

  pdn_test_assert_problem (pdn_test_reply_object (missing), 400, "invalid-input", "password");
  pdn_test_assert_problem (pdn_test_reply_object (typed), 400, "invalid-input", "email");
  pdn_test_assert_problem (pdn_test_reply_object (extra), 400, "invalid-input", "remember");
  pdn_test_assert_problem (pdn_test_reply_object (not_email), 400, "invalid-input", "email");
}

/* Five failures lock the account for the window, right password or not;
 * other accounts at the same address still sign in. */
static void
test_rate_limit_account (void)
{
  g_autoptr (PdnTestReply) locked = NULL;
  g_autoptr (PdnTestReply) still_locked = NULL;
  g_autofree gchar *other = NULL;
  const gchar *retry_after;
  guint64 seconds;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (PdnTestReply) reply = sign_in ("carla@metro.example", "guess number one");
      assert_unauthorized (reply);
    }
  locked = sign_in ("carla@metro.example", "guess number six");
  g_assert_cmpuint (locked->status, ==, 429);
  pdn_test_assert_problem (pdn_test_reply_object (locked), 429, "rate-limited", NULL);
  retry_after = soup_message_headers_get_one (locked->headers, "Retry-After");
  g_assert_nonnull (retry_after);
  seconds = g_ascii_strtoull (retry_after, NULL, 10);
  g_assert_cmpuint (seconds, >, 800);
  g_assert_cmpuint (seconds, <=, 900);
  /* Case does not make a new key. */
  still_locked = sign_in ("CARLA@metro.example", PASSWORD);
  g_assert_cmpuint (still_locked->status, ==, 429);
  other = sign_in_token ("dora@metro.example");
}

/* ---- tokens ---- */

static void
test_sign_out (void)
{
  g_autofree gchar *token = sign_in_token ("eva@metro.example");
  g_autoptr (PdnTestReply) before = get_me (token);
  g_autoptr (PdnTestReply) out = pdn_test_call_json (shared, "DELETE", "/api/v1/auth/token",
                                                     token, NULL);
  g_autoptr (PdnTestReply) after = get_me (token);
  g_autoptr (PdnTestReply) again = pdn_test_call_json (shared, "DELETE", "/api/v1/auth/token",
                                                       token, NULL);
  g_autoptr (PdnTestReply) anonymous = pdn_test_call_json (shared, "DELETE",
                                                           "/api/v1/auth/token", NULL, NULL);

  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpuint (out->status, ==, 204);
  g_assert_null (out->node);
  assert_unauthorized (after);
  assert_unauthorized (again);
  assert_unauthorized (anonymous);
}

static gchar *
insert_token (PdnStore *store, gint64 account_id, const gchar *created_at,
              const gchar *expires_at)
{
  g_autoptr (PdnToken) token = pdn_token_new ();
  g_autoptr (GError) error = NULL;
  gchar *secret = NULL;

  token->account_id = account_id;
  token->created_at = g_strdup (created_at);
  token->expires_at = g_strdup (expires_at);
  g_assert_true (pdn_token_insert (token, store, &secret, &error));
  g_assert_no_error (error);
  return secret;
}

static void
assert_me_refused (const gchar *authorization)
{
  g_autofree gchar *uri = g_strconcat (shared->url, "/api/v1/accounts/me", NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "WWW-Authenticate"),
                   ==, "Bearer realm=\"pdnet\"");
}

static void
test_bad_tokens (void)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (shared);
  gint64 account = pdn_test_add_account (store, "tokens@metro.example");
  g_autofree gchar *expired
      = insert_token (store, account, "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z");
  g_autofree gchar *revoked = insert_token (store, account, NULL, NULL);
  g_autofree gchar *good = insert_token (store, account, NULL, NULL);
  g_autofree gchar *wrong = g_strdup (good);
  g_autoptr (PdnToken) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tokens = pdn_token_list_for_account (store, account, &error);
  g_autoptr (PdnTestReply) works = get_me (good);

  g_assert_no_error (error);
  g_assert_true (pdn_token_revoke (store, ((PdnToken *) tokens->pdata[1])->id, &error));
  g_assert_no_error (error);
  wrong[PDN_TOKEN_LENGTH - 1] = wrong[PDN_TOKEN_LENGTH - 1] == 'A' ? 'B' : 'A';

  g_assert_cmpuint (works->status, ==, 200);
  {
    g_autoptr (PdnTestReply) reply = get_me (expired);
    assert_unauthorized (reply);
  }
  {
    g_autoptr (PdnTestReply) reply = get_me (revoked);
    assert_unauthorized (reply);
  }
  {
    g_autoptr (PdnTestReply) reply = get_me (wrong);
    assert_unauthorized (reply);
  }
  {
    g_autoptr (PdnTestReply) reply = get_me ("pdn_short");
    assert_unauthorized (reply);
  }
  {
    g_autoptr (PdnTestReply) reply = get_me (NULL);
    assert_unauthorized (reply);
  }
  assert_me_refused ("Basic YW5hOnBhc3N3b3Jk");
  assert_me_refused ("Bearer ");
  assert_me_refused (good); /* no scheme */
  assert_healthy ();
}

/* `pdnet token create` on the daemon's data directory, while it runs,
 * prints a token the daemon takes. */
static void
test_cli_token (void)
{
  const gchar *argv[] = { g_getenv ("PDNET_CLI"), "--data-dir", shared->data_dir, "token",
                          "create", "--role", "admin", "--name", "Nightly export", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (PdnTestReply) me = NULL;
  JsonObject *account;

  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), ==, 0);
  g_strstrip (out);
  g_ptr_array_add (secrets, g_strdup (out));
  me = get_me (out);
  g_assert_cmpuint (me->status, ==, 200);
  account = pdn_test_reply_object (me);
  g_assert_cmpstr (member_string (account, "role"), ==, "admin");
  g_assert_cmpstr (member_string (account, "name"), ==, "Nightly export");
  g_assert_true (json_object_get_null_member (account, "email"));
}

/* ---- sign-up ---- */

static void
assert_signed_up (PdnTestReply *reply, const gchar *email, gint64 *person_id, gchar **token)
{
  JsonObject *grant, *account;

  g_assert_cmpuint (reply->status, ==, 201);
  grant = pdn_test_reply_object (reply);
  account = json_object_get_object_member (grant, "account");
  g_assert_cmpstr (member_string (account, "email"), ==, email);
  g_assert_cmpstr (member_string (account, "role"), ==, "teacher");
  g_assert_true (json_object_get_null_member (account, "organization_id"));
  g_assert_false (json_object_has_member (account, "password_hash"));
  *person_id = json_object_get_int_member (account, "person_id");
  g_assert_cmpint (*person_id, >, 0);
  *token = g_strdup (member_string (grant, "token"));
  g_ptr_array_add (secrets, g_strdup (*token));
}

/* A new teacher: a person at the school with no dates, signed in. */
static void
test_sign_up_new (void)
{
  g_autofree gchar *body
      = sign_up_body ("Fe Ruiz", "fe@metro.example", "a long enough pass", metro_school);
  g_autoptr (PdnTestReply) reply = sign_up (body);
  g_autoptr (PdnTestReply) me = NULL;
  g_autoptr (PdnTestReply) again = NULL;
  g_autofree gchar *token = NULL;
  JsonObject *person, *affiliation;
  JsonArray *affiliations;
  gint64 person_id;

  g_ptr_array_add (secrets, g_strdup ("a long enough pass"));
  assert_signed_up (reply, "fe@metro.example", &person_id, &token);
  me = get_me (token);
  g_assert_cmpuint (me->status, ==, 200);
  person = json_object_get_object_member (pdn_test_reply_object (me), "person");
  g_assert_cmpint (json_object_get_int_member (person, "id"), ==, person_id);
  g_assert_cmpstr (member_string (person, "name"), ==, "Fe Ruiz");
  g_assert_cmpstr (member_string (person, "role"), ==, "teacher");
  affiliations = json_object_get_array_member (person, "affiliations");
  g_assert_cmpuint (json_array_get_length (affiliations), ==, 1);
  affiliation = json_array_get_object_element (affiliations, 0);
  g_assert_cmpint (json_object_get_int_member (affiliation, "school_id"), ==, metro_school);
  g_assert_true (json_object_get_null_member (affiliation, "from"));
  g_assert_true (json_object_get_null_member (affiliation, "to"));

  /* The password works for signing in. */
  again = sign_in ("fe@metro.example", "a long enough pass");
  g_assert_cmpuint (again->status, ==, 201);
  g_ptr_array_add (secrets, g_strdup (member_string (pdn_test_reply_object (again), "token")));
}

/* A person with the email and no account is claimed as they are. */
static void
test_sign_up_claims (void)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (shared);
  g_autoptr (PdnPerson) before = pdn_person_find_by_email (store, "claimed@open.example", NULL);
  g_autofree gchar *body
      = sign_up_body ("Gil Claimed", "Claimed@open.example", "another long pass", open_school);
  g_autoptr (PdnTestReply) reply = sign_up (body);
  g_autoptr (PdnPerson) after = NULL;
  g_autofree gchar *token = NULL;
  gint64 person_id;

  g_ptr_array_add (secrets, g_strdup ("another long pass"));
  assert_signed_up (reply, "Claimed@open.example", &person_id, &token);
  g_assert_cmpint (person_id, ==, before->id);
  after = pdn_person_load (store, person_id, NULL);
  g_assert_cmpstr (after->name, ==, before->name);
  g_assert_cmpuint (after->affiliations->len, ==, before->affiliations->len);
}

static void
test_sign_up_refused (void)
{
  g_autofree gchar *duplicate
      = sign_up_body ("Fe Again", "FE@metro.example", "a long enough pass", metro_school);
  g_autofree gchar *coordinator
      = sign_up_body ("Ana Again", "ana@metro.example", "a long enough pass", metro_school);
  g_autofree gchar *domain
      = sign_up_body ("Hal", "hal@gmail.example", "a long enough pass", metro_school);
  g_autofree gchar *weak = sign_up_body ("Ida", "ida@metro.example", "short", metro_school);
  g_autofree gchar *no_school
      = sign_up_body ("Jo", "jo@metro.example", "a long enough pass", 999999);
  g_autofree gchar *bad_email
      = sign_up_body ("Kim", "kim-at-metro", "a long enough pass", metro_school);
  struct
  {
    const gchar *body;
    guint status;
    const gchar *code;
    const gchar *field;
  } cases[] = {
    { duplicate, 409, "conflict", "email" },
    { coordinator, 409, "conflict", "email" },
    { domain, 422, "unprocessable", "email" },
    { weak, 400, "invalid-input", "password" },
    { no_school, 400, "invalid-input", "school_id" },
    { bad_email, 400, "invalid-input", "email" },
    { "{\"name\":\"Lu\",\"email\":\"lu@metro.example\",\"password\":\"a long enough pass\","
      "\"school_id\":1,\"role\":\"admin\"}",
      400, "invalid-input", "role" },
    { "{\"name\":\"Lu\",\"email\":\"lu@metro.example\",\"password\":\"a long enough pass\","
      "\"school_id\":\"1\"}",
      400, "invalid-input", "school_id" },
    { "{\"email\":\"lu@metro.example\",\"password\":\"a long enough pass\",\"school_id\":1}",
      400, "invalid-input", "name" },
    { "[]", 400, "invalid-input", "body" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = sign_up (cases[i].body);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].body);
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      pdn_test_assert_problem (pdn_test_reply_object (reply), cases[i].status, cases[i].code,
                               cases[i].field);
    }
  {
    g_autoptr (PdnTestReply) no_account = sign_in ("hal@gmail.example", "a long enough pass");
    assert_unauthorized (no_account);
  }
  assert_healthy ();
}

/* SQL metacharacters are stored as they are. */
static void
test_sign_up_verbatim (void)
{
  const gchar *name = "Robert'); DROP TABLE accounts;-- \"x\" %s";
  g_autofree gchar *body
      = sign_up_body (name, "bobby@open.example", "tables are fine", open_school);
  g_autoptr (PdnTestReply) reply = sign_up (body);
  g_autoptr (PdnTestReply) me = NULL;
  g_autofree gchar *token = NULL;
  gint64 person_id;

  g_ptr_array_add (secrets, g_strdup ("tables are fine"));
  assert_signed_up (reply, "bobby@open.example", &person_id, &token);
  me = get_me (token);
  g_assert_cmpstr (member_string (pdn_test_reply_object (me), "name"), ==, name);
  g_assert_cmpstr (member_string (json_object_get_object_member (pdn_test_reply_object (me),
                                                                 "person"),
                                  "name"),
                   ==, name);
  assert_healthy ();
}

/* ---- acceptance 5: the request's language ---- */

static void
test_spanish_detail (void)
{
  g_autoptr (PdnTestReply) es = pdn_test_call (shared, "GET", "/api/v1/accounts/me",
                                               "pdn_no_such_token_at_all_0000000000000000000000",
                                               NULL, NULL, "es");
  g_autoptr (PdnTestReply) en = get_me ("pdn_no_such_token_at_all_0000000000000000000000");

  g_assert_cmpuint (es->status, ==, 401);
  g_assert_cmpstr (es->language, ==, "es");
  g_assert_cmpstr (member_string (pdn_test_reply_object (es), "detail"), ==,
                   "El token no es válido: puede haber caducado o haber sido revocado");
  g_assert_cmpstr (member_string (pdn_test_reply_object (en), "detail"), ==,
                   "The token is not valid: it may have expired or been revoked");
}

/* ---- acceptance 3: health answers while sign-ins hash ---- */

typedef struct
{
  guint done;
  guint created;
  guint written;
} Burst;

static void
on_wrote_body (SoupMessage *msg, gpointer data)
{
  ((Burst *) data)->written++;
}

static void
on_signed_in (GObject *source, GAsyncResult *result, gpointer data)
{
  Burst *burst = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                                &error);

  g_assert_no_error (error);
  if (soup_message_get_status (msg) == 201)
    burst->created++;
  else
    g_test_message ("sign-in answered %u", soup_message_get_status (msg));
  burst->done++;
}

/* One health request on its own blocking socket; returns milliseconds. */
static gdouble
time_health (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GSocketConnection) connection = pdn_test_connect (shared->port);
  g_autoptr (PdnTestResponse) response = NULL;

  g_assert_true (pdn_test_send_string (connection, "GET /api/v1/health HTTP/1.1\r\n"
                                                   "Host: x\r\n\r\n"));
  response = pdn_test_read_response (connection);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  return (gdouble) (g_get_monotonic_time () - start) / 1000.0;
}

/* Sends N_BURST sign-ins and times health requests until they are all
 * answered; prints how fast health answered while sign-ins ran. */
static void
burst_once (guint attempt)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  g_autofree gchar *uri = g_strconcat (shared->url, "/api/v1/auth/token", NULL);
  g_autoptr (GArray) during = g_array_new (FALSE, FALSE, sizeof (gdouble));
  Burst burst = { 0 };
  gdouble max = 0, sum = 0;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64,
                                           "timeout", 60, NULL);
  for (guint i = 0; i < N_BURST; i++)
    {
      g_autofree gchar *email = g_strdup_printf ("burst%u@metro.example", i);
      g_autofree gchar *body = credentials (email, PASSWORD);
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      g_signal_connect (msg, "wrote-body", G_CALLBACK (on_wrote_body), &burst);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_signed_in,
                                        &burst);
    }
  /* Every sign-in is with the server before the first health request. */
  while (burst.written < N_BURST)
    g_main_context_iteration (context, TRUE);
  while (burst.done < N_BURST)
    {
      gdouble ms = time_health ();

      while (g_main_context_iteration (context, FALSE))
        ;
      /* Counts only if a sign-in was still running when it answered. */
      if (burst.done < N_BURST)
        g_array_append_val (during, ms);
      g_usleep (5000);
    }
  g_main_context_pop_thread_default (context);
  for (guint i = 0; i < during->len; i++)
    {
      max = MAX (max, g_array_index (during, gdouble, i));
      sum += g_array_index (during, gdouble, i);
    }
  g_test_message ("attempt %u: %u health requests during %u sign-ins: max %.1f ms, "
                  "mean %.1f ms",
                  attempt, during->len, N_BURST, max, during->len > 0 ? sum / during->len : 0);
  g_assert_cmpuint (burst.created, ==, N_BURST);
  g_assert_cmpuint (during->len, >=, 1);
}

/* Hashing on the server thread would hold every health request until the
 * sign-ins are done, so none would be answered while they run. The
 * latency itself is printed, not asserted: a test suite on a shared
 * 2-core machine is no place for timings. */
static void
test_health_during_sign_ins (void)
{
  burst_once (1);
}

/* ---- per address ---- */

#define BURST_ADDRESS "127.0.0.3"

static GSocketConnection *
connect_from (const gchar *local)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (local);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, 0);
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_local_address (client, address);
  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", shared->port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static GSocketConnection *
send_sign_in_from (const gchar *local, const gchar *email, const gchar *password)
{
  g_autofree gchar *body = credentials (email, password);
  g_autofree gchar *head
      = g_strdup_printf ("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Length: %u\r\n\r\n",
                         (guint) strlen (body));
  GSocketConnection *connection = connect_from (local);

  g_assert_true (pdn_test_send_string (connection, head));
  g_assert_true (pdn_test_send_string (connection, body));
  return connection;
}

/* Fifty failures from one address, for as many emails, lock the address:
 * then even a right password from it waits, and other addresses do not. */
static void
test_rate_limit_address (void)
{
  g_autoptr (GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSocketConnection) locked = NULL;
  g_autoptr (PdnTestResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree gchar *retry_after = NULL;
  g_autofree gchar *token = NULL;

  for (guint i = 0; i < PDN_SIGN_IN_FAILURES_PER_ADDRESS; i++)
    {
      g_autofree gchar *email = g_strdup_printf ("stranger%u@metro.example", i);
      g_ptr_array_add (connections, send_sign_in_from (BURST_ADDRESS, email, "guess guess"));
    }
  for (guint i = 0; i < connections->len; i++)
    {
      g_autoptr (PdnTestResponse) failed = pdn_test_read_response (connections->pdata[i]);
      g_assert_nonnull (failed);
      g_assert_cmpuint (failed->status, ==, 401);
    }
  locked = send_sign_in_from (BURST_ADDRESS, "ana@metro.example", PASSWORD);
  response = pdn_test_read_response (locked);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 429);
  pdn_test_assert_problem (pdn_test_response_json (response, &node), 429, "rate-limited", NULL);
  g_assert_nonnull (pdn_test_response_header (response, "Retry-After", &retry_after));
  g_assert_cmpuint (g_ascii_strtoull (retry_after, NULL, 10), >, 0);
  token = sign_in_token ("ana@metro.example");
}

/* ---- the OpenAPI document ---- */

/* pdnetd --openapi prints what GET /api/v1/openapi.json serves (CI
 * validates the printed one with swagger-parser: tools/check-openapi),
 * and that declares bearer tokens, with the public routes opting out. */
static void
test_openapi_security (void)
{
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--openapi", NULL };
  g_autoptr (PdnTestReply) reply = pdn_test_call_json (shared, "GET", "/api/v1/openapi.json",
                                                       NULL, NULL);
  g_autofree gchar *out = NULL;
  g_autoptr (JsonNode) printed = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *document, *paths, *scheme;

  g_assert_cmpint (pdn_test_spawn (argv, &out, NULL), ==, 0);
  printed = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (json_node_equal (printed, reply->node));

  document = pdn_test_reply_object (reply);
  scheme = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (document, "components"),
                                     "securitySchemes"),
      "bearerAuth");
  g_assert_cmpstr (member_string (scheme, "scheme"), ==, "bearer");
  g_assert_true (json_object_has_member (
      json_array_get_object_element (json_object_get_array_member (document, "security"), 0),
      "bearerAuth"));
  paths = json_object_get_object_member (document, "paths");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_object_get_object_member (
                            json_object_get_object_member (paths, "/api/v1/auth/token"), "post"),
                        "security")),
                    ==, 0);
  g_assert_false (json_object_has_member (
      json_object_get_object_member (json_object_get_object_member (paths, "/api/v1/accounts/me"),
                                     "get"),
      "security"));
}

/* ---- the log ---- */

/* One line per request, with the account; never a password or token. */
static void
test_log_has_no_secrets (void)
{
  g_autofree gchar *log = pdn_test_daemon_log (shared);

  g_assert_nonnull (strstr (log, "POST /api/v1/auth/token 201 "));
  g_assert_nonnull (strstr (log, "POST /api/v1/accounts 201 "));
  g_assert_null (strstr (log, PASSWORD));
  g_assert_null (strstr (log, "guess number"));
  g_assert_null (strstr (log, PDN_TOKEN_PREFIX));
  g_assert_cmpuint (secrets->len, >, N_BURST / 4);
  for (guint i = 0; i < secrets->len; i++)
    g_assert_null (strstr (log, g_ptr_array_index (secrets, i)));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  secrets = g_ptr_array_new_with_free_func (g_free);
  shared = pdn_test_daemon_new ();
  {
    g_autoptr (PdnStore) store = pdn_test_daemon_open_store (shared);
    seed (store);
  }
  pdn_test_daemon_run (shared, NULL, "en");
  g_test_add_func ("/pdnet/api-auth/sign-in", test_sign_in);
  g_test_add_func ("/pdnet/api-auth/sign-in-refused", test_sign_in_refused);
  g_test_add_func ("/pdnet/api-auth/sign-in-rehashes", test_sign_in_rehashes);
  g_test_add_func ("/pdnet/api-auth/sign-in-bad-input", test_sign_in_bad_input);
  g_test_add_func ("/pdnet/api-auth/rate-limit-account", test_rate_limit_account);
  g_test_add_func ("/pdnet/api-auth/sign-out", test_sign_out);
  g_test_add_func ("/pdnet/api-auth/bad-tokens", test_bad_tokens);
  g_test_add_func ("/pdnet/api-auth/cli-token", test_cli_token);
  g_test_add_func ("/pdnet/api-auth/sign-up-new", test_sign_up_new);
  g_test_add_func ("/pdnet/api-auth/sign-up-claims", test_sign_up_claims);
  g_test_add_func ("/pdnet/api-auth/sign-up-refused", test_sign_up_refused);
  g_test_add_func ("/pdnet/api-auth/sign-up-verbatim", test_sign_up_verbatim);
  g_test_add_func ("/pdnet/api-auth/spanish-detail", test_spanish_detail);
  g_test_add_func ("/pdnet/api-auth/health-during-sign-ins", test_health_during_sign_ins);
  g_test_add_func ("/pdnet/api-auth/rate-limit-address", test_rate_limit_address);
  g_test_add_func ("/pdnet/api-auth/openapi-security", test_openapi_security);
  g_test_add_func ("/pdnet/api-auth/log-has-no-secrets", test_log_has_no_secrets);
  status = g_test_run ();
  pdn_test_daemon_free (shared);
  g_ptr_array_unref (secrets);
  g_free (password_hash);
  return status;
}
