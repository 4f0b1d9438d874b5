/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-auth.h"
#include "pdn-api-caller.h"
#include "pdn-json-fields.h"
#include "pdn-organization.h"
#include "pdn-password.h"
#include "pdn-person.h"
#include "pdn-rate-limiter.h"
#include "pdn-references.h"
#include "pdn-school.h"
#include "pdn-token.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"
#include "pdn-web-session.h"

/*
 * Signing in and out, teachers' own sign-up, and the caller's account.
 *
 * Password hashing and checking take about 0.1 s of CPU and 64 MiB each,
 * so POST /auth/token and POST /accounts run on the worker pool: their
 * store must work on any thread (pdnetd gives a PdnStorePool).
 */

typedef struct
{
  PdnStore *store;
  PdnRateLimiter *by_account; /* failed sign-ins per email key */
  PdnRateLimiter *by_address; /* failed sign-ins per client address */
  gboolean secure_cookies;    /* served over https: cookies say Secure */
} PdnAuthContext;

static void
auth_context_clear (gpointer data)
{
  PdnAuthContext *ctx = data;

  g_clear_object (&ctx->store);
  g_clear_object (&ctx->by_account);
  g_clear_object (&ctx->by_address);
}

static void
auth_context_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, auth_context_clear);
}

static gpointer
auth_context_acquire (PdnAuthContext *ctx)
{
  return g_atomic_rc_box_acquire (ctx);
}

/* ---- JSON ---- */

static void
add_id_or_null (JsonBuilder *builder, const gchar *name, gint64 id)
{
  json_builder_set_member_name (builder, name);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static void
add_text_or_null (JsonBuilder *builder, const gchar *name, const gchar *text)
{
  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

/* The account's members, in an object being built; never the hash. */
static void
add_account_members (JsonBuilder *builder, PdnAccount *account)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, account->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, account->name);
  add_text_or_null (builder, "email", account->email);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, pdn_login_role_to_string (account->role));
  add_id_or_null (builder, "organization_id", account->organization_id);
  add_id_or_null (builder, "person_id", account->person_id);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, account->created_at);
}

static void
add_person (JsonBuilder *builder, PdnPerson *person)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, person->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, person->name);
  add_text_or_null (builder, "email", person->email);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, pdn_person_role_to_string (person->role));
  json_builder_set_member_name (builder, "affiliations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < person->affiliations->len; i++)
    {
      PdnAffiliation *affiliation = g_ptr_array_index (person->affiliations, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "school_id");
      json_builder_add_int_value (builder, affiliation->school_id);
      add_text_or_null (builder, "from", affiliation->starts_on);
      add_text_or_null (builder, "to", affiliation->ends_on);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* {NAME: VALUE, expires_at, account}: what signing in gives. */
static JsonNode *
grant (PdnAccount *account, PdnToken *token, const gchar *name, const gchar *value)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
  add_text_or_null (builder, "expires_at", token->expires_at);
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  add_account_members (builder, account);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* {token, expires_at, account}: what signing in or up gives. */
static JsonNode *
token_grant (PdnAccount *account, PdnToken *token, const gchar *secret)
{
  return grant (account, token, "token", secret);
}

/* ---- shared steps ---- */

/* A new sign-in token for @account; the caller may be in a transaction. */
static PdnToken *
issue_token (PdnStore *store, PdnAccount *account, gchar **secret, GError **error)
{
  g_autoptr (PdnToken) token = pdn_token_new ();

  token->account_id = account->id;
  token->name = g_strdup ("sign-in");
  pdn_token_expire_in_days (token, PDN_TOKEN_SIGN_IN_DAYS);
  if (!pdn_token_insert (token, store, secret, error))
    return NULL;
  return g_steal_pointer (&token);
}

/* RFC 6750: every 401 names the scheme to use. */
static void
set_unauthorized (PdnRequest *request, GError **error, const gchar *message)
{
  pdn_request_set_response_header (request, "WWW-Authenticate", "Bearer realm=\"pdnet\"");
  pdn_error_set_field (error, PDN_ERROR_UNAUTHORIZED, NULL, "%s", message);
}

/* ---- POST /auth/token ---- */

static gboolean
read_credentials (PdnRequest *request, gchar **email, gchar **password, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);

  return fields != NULL && pdn_json_fields_require (fields, "email", error)
         && pdn_json_fields_get_string (fields, "email", FALSE, email, error)
         && pdn_json_fields_require (fields, "password", error)
         && pdn_json_fields_get_string (fields, "password", FALSE, password, error)
         && pdn_json_fields_finish (fields, error)
         /* Bounds the limiter's keys; says nothing about accounts. */
         && pdn_validate_email (*email, "email", error);
}

/* 429 while either the account or the address is locked. */
static gboolean
check_limits (PdnAuthContext *ctx, PdnRequest *request, const gchar *account_key,
              const gchar *address, GError **error)
{
  guint wait = MAX (pdn_rate_limiter_check (ctx->by_account, account_key),
                    pdn_rate_limiter_check (ctx->by_address, address));
  g_autofree gchar *seconds = NULL;

  if (wait == 0)
    return TRUE;
  seconds = g_strdup_printf ("%u", wait);
  pdn_request_set_response_header (request, "Retry-After", seconds);
  pdn_error_set_field (error, PDN_ERROR_RATE_LIMITED, NULL,
                       _("Too many failed sign-ins; wait before trying again"));
  return FALSE;
}

/* The account of @email, or NULL with no error when there is none. */
static PdnAccount *
find_account (PdnStore *store, const gchar *email, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PdnAccount *account = pdn_account_find_by_email (store, email, &local_error);

  if (account == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return account;
}

/* Hashes made with older limits are upgraded while the password is at
 * hand; a failure here must not fail the sign-in. */
static void
rehash_if_needed (PdnStore *store, PdnAccount *account, const gchar *password)
{
  g_autoptr (GError) error = NULL;
  gchar *hash;

  if (!pdn_password_needs_rehash (account->password_hash))
    return;
  hash = pdn_password_hash (password, &error);
  if (hash != NULL)
    {
      g_free (account->password_hash);
      account->password_hash = hash;
      pdn_account_update (account, store, &error);
    }
  if (error != NULL)
    g_debug ("account %lld: password not rehashed: %s", (long long) account->id,
             error->message);
}

/* Runs on a worker thread. Unknown email, wrong password, no password and
 * a disabled account all take one password check and get one answer, so
 * neither the time nor the text tells which it was. Returns the new token
 * and its secret, with the account in @account. */
static PdnToken *
sign_in (PdnAuthContext *ctx, PdnRequest *request, PdnAccount **account, gchar **secret,
         GError **error)
{
  g_autofree gchar *email = NULL;
  g_autoptr (PdnPassword) password = NULL;
  g_autofree gchar *account_key = NULL;
  const gchar *address = pdn_request_get_remote_address (request);
  g_autoptr (PdnAccount) found = NULL;
  g_autoptr (GError) local_error = NULL;
  PdnToken *token;
  gboolean verified;

  if (!read_credentials (request, &email, &password, error))
    return NULL;
  account_key = pdn_email_key (email);
  if (address == NULL)
    address = "";
  if (!check_limits (ctx, request, account_key, address, error))
    return NULL;
  /* Counted before the slow check, so parallel guesses at one account
   * cannot overrun its limit; a success resets it. */
  pdn_rate_limiter_add_failure (ctx->by_account, account_key);
  found = find_account (ctx->store, email, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  verified = pdn_password_verify (found != NULL ? found->password_hash : NULL, password);
  if (!verified || found->disabled)
    {
      pdn_rate_limiter_add_failure (ctx->by_address, address);
      set_unauthorized (request, error, _("The email or the password is wrong"));
      return NULL;
    }
  pdn_rate_limiter_reset (ctx->by_account, account_key);
  pdn_request_set_account_id (request, found->id);
  rehash_if_needed (ctx->store, found, password);
  token = issue_token (ctx->store, found, secret, error);
  if (token != NULL)
    *account = g_steal_pointer (&found);
  return token;
}

static JsonNode *
post_token (PdnRequest *request, gpointer user_data, GError **error)
{
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (PdnPassword) secret = NULL;
  g_autoptr (PdnToken) token = sign_in (user_data, request, &account, &secret, error);

  if (token == NULL)
    return NULL;
  pdn_request_set_status (request, 201);
  return token_grant (account, token, secret);
}

/* ---- the browser's session: POST, GET and DELETE /auth/session ---- */

/* {account, csrf_token, expires_at}: never the token, which stays in the
 * HttpOnly cookie. */
static JsonNode *
session_grant (PdnAccount *account, PdnToken *token, const gchar *secret)
{
  g_autofree gchar *csrf = pdn_web_session_csrf_token (secret);

  return grant (account, token, "csrf_token", csrf);
}

static JsonNode *
post_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (PdnPassword) secret = NULL;
  g_autoptr (PdnToken) token = sign_in (ctx, request, &account, &secret, error);
  g_autofree gchar *cookie = NULL;

  if (token == NULL)
    return NULL;
  cookie = pdn_web_session_set_cookie (secret, PDN_TOKEN_SIGN_IN_DAYS * 86400,
                                       ctx->secure_cookies);
  pdn_request_set_response_header (request, "Set-Cookie", cookie);
  pdn_request_set_status (request, 201);
  return session_grant (account, token, secret);
}

/* The session of the request's cookie, for a page that has just loaded. */
static JsonNode *
get_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_autofree gchar *secret
      = pdn_web_session_cookie_token (pdn_request_get_header (request, "Cookie"));
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (GError) local_error = NULL;

  if (secret != NULL && *secret != '\0')
    account = pdn_token_authenticate (ctx->store, secret, &token, &local_error);
  if (account == NULL)
    {
      if (local_error != NULL
          && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_UNAUTHORIZED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        pdn_error_set_field (error, PDN_ERROR_UNAUTHORIZED, NULL, "%s",
                             _("You are not signed in"));
      return NULL;
    }
  pdn_request_set_account_id (request, account->id);
  return session_grant (account, token, secret);
}

/* Signs out: the token is revoked and the cookie cleared, even when the
 * cookie was stale already. */
static JsonNode *
delete_session (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAccount) account = pdn_api_caller (request, ctx->store, &token, &local_error);
  g_autofree gchar *cleared = pdn_web_session_set_cookie ("", 0, ctx->secure_cookies);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  pdn_request_set_response_header (request, "Set-Cookie", cleared);
  if (account != NULL && token != NULL)
    pdn_token_revoke (ctx->store, token->id, error);
  return NULL;
}

/* ---- DELETE /auth/token ---- */

static JsonNode *
delete_token (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAccount) account = pdn_api_caller (request, ctx->store, &token, &local_error);

  if (account == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unauthorized (request, error,
                          _("Sign in first: send “Authorization: Bearer TOKEN”"));
      return NULL;
    }
  pdn_token_revoke (ctx->store, token->id, error);
  return NULL;
}

/* ---- POST /accounts ---- */

typedef struct
{
  gchar *name;
  gchar *email;
  PdnPassword *password;
  gint64 school_id;
} PdnSignUp;

static void
pdn_sign_up_clear (PdnSignUp *self)
{
  g_free (self->name);
  g_free (self->email);
  pdn_password_free (self->password);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnSignUp, pdn_sign_up_clear)

static gboolean
read_sign_up (PdnRequest *request, PdnSignUp *sign_up, GError **error)
{
  g_autoptr (PdnJsonFields) fields = pdn_json_fields_new (pdn_request_get_body (request), NULL,
                                                          error);

  return fields != NULL && pdn_json_fields_require (fields, "name", error)
         && pdn_json_fields_get_string (fields, "name", FALSE, &sign_up->name, error)
         && pdn_json_fields_require (fields, "email", error)
         && pdn_json_fields_get_string (fields, "email", FALSE, &sign_up->email, error)
         && pdn_json_fields_require (fields, "password", error)
         && pdn_json_fields_get_string (fields, "password", FALSE, &sign_up->password, error)
         && pdn_json_fields_require (fields, "school_id", error)
         && pdn_json_fields_get_id (fields, "school_id", FALSE, &sign_up->school_id, error)
         && pdn_json_fields_finish (fields, error);
}

/* The person a new teacher would be: at the school, with no dates. */
static PdnPerson *
new_teacher (PdnSignUp *sign_up, GError **error)
{
  g_autoptr (PdnPerson) person = pdn_person_new ();

  person->name = g_strdup (sign_up->name);
  person->email = g_strdup (sign_up->email);
  person->role = PDN_PERSON_ROLE_TEACHER;
  pdn_person_add_affiliation (person, sign_up->school_id, NULL, NULL);
  if (!pdn_person_validate (person, error))
    return NULL;
  return g_steal_pointer (&person);
}

/* The school exists, and its organization takes the email's domain. */
static gboolean
check_school (PdnStore *store, PdnSignUp *sign_up, GError **error)
{
  g_autoptr (PdnSchool) school = NULL;
  g_autoptr (PdnOrganization) organization = NULL;
  g_autoptr (GString) domains = NULL;

  if (!pdn_require_school (store, sign_up->school_id, "school_id", error))
    return FALSE;
  school = pdn_school_load (store, sign_up->school_id, error);
  if (school == NULL)
    return FALSE;
  organization = pdn_organization_load (store, school->organization_id, error);
  if (organization == NULL)
    return FALSE;
  if (pdn_organization_accepts_email (organization, sign_up->email))
    return TRUE;
  domains = g_string_new (NULL);
  for (guint i = 0; i < organization->email_domains->len; i++)
    g_string_append_printf (domains, "%s%s", i > 0 ? ", " : "",
                            (const gchar *) g_ptr_array_index (organization->email_domains, i));
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "email",
                       /* TRANSLATORS: an organization's name, then email domains */
                       _("%s accepts sign-ups with emails at %s only"), organization->name,
                       domains->str);
  return FALSE;
}

static gboolean
check_no_account (PdnStore *store, const gchar *email, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnAccount) account = find_account (store, email, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (account == NULL)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, "email",
                       _("An account with this email exists already; sign in instead"));
  return FALSE;
}

/* The person with the teacher's email (claimed as it is), or @fresh,
 * inserted. Returns the person's id, or 0. */
static gint64
claim_or_create_person (PdnStore *store, PdnPerson *fresh, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnPerson) existing = pdn_person_find_by_email (store, fresh->email, &local_error);

  if (existing != NULL)
    return existing->id;
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return pdn_person_insert (fresh, store, error) ? fresh->id : 0;
}

/* Inserts the account; a person who has one already (under another email)
 * is a conflict about the email given. */
static gboolean
insert_account (PdnStore *store, PdnAccount *account, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (pdn_account_insert (account, store, &local_error))
    return TRUE;
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_CONFLICT)
      && g_strcmp0 (pdn_error_get_field (local_error), "person_id") == 0)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "email",
                         _("The person with this email has an account already; sign in "
                           "instead"));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Runs on a worker thread: everything cheap is checked before the hash,
 * and checked again in the transaction, since another sign-up may have
 * come in meanwhile. */
static JsonNode *
post_account (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_auto (PdnSignUp) sign_up = { 0 };
  g_autoptr (PdnPerson) person = NULL;
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (PdnTransaction) tx = NULL;
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (PdnPassword) secret = NULL;

  if (!read_sign_up (request, &sign_up, error)
      || !pdn_password_validate (sign_up.password, error))
    return NULL;
  person = new_teacher (&sign_up, error);
  if (person == NULL || !check_school (ctx->store, &sign_up, error)
      || !check_no_account (ctx->store, sign_up.email, error))
    return NULL;
  account->password_hash = pdn_password_hash (sign_up.password, error);
  if (account->password_hash == NULL)
    return NULL;
  account->name = g_strdup (sign_up.name);
  account->email = g_strdup (sign_up.email);
  account->role = PDN_LOGIN_ROLE_TEACHER;

  tx = pdn_transaction_begin (ctx->store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !check_no_account (ctx->store, sign_up.email, error))
    return NULL;
  account->person_id = claim_or_create_person (ctx->store, person, error);
  if (account->person_id == 0 || !insert_account (ctx->store, account, error))
    return NULL;
  token = issue_token (ctx->store, account, &secret, error);
  if (token == NULL || !pdn_transaction_commit (tx, error))
    return NULL;
  pdn_request_set_account_id (request, account->id);
  pdn_request_set_status (request, 201);
  return token_grant (account, token, secret);
}

/* ---- GET /accounts/me ---- */

static JsonNode *
get_me (PdnRequest *request, gpointer user_data, GError **error)
{
  PdnAuthContext *ctx = user_data;
  g_autoptr (PdnAccount) account = pdn_api_require_caller (request, ctx->store, error);
  g_autoptr (PdnPerson) person = NULL;
  g_autoptr (JsonBuilder) builder = NULL;

  if (account == NULL)
    return NULL;
  if (account->person_id > 0)
    {
      person = pdn_person_load (ctx->store, account->person_id, error);
      if (person == NULL)
        return NULL;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_account_members (builder, account);
  json_builder_set_member_name (builder, "person");
  if (person != NULL)
    add_person (builder, person);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- OpenAPI ---- */

#define PROBLEM_CONTENT                                                                          \
  "\"content\":{\"application/problem+json\":"                                                   \
  "{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}"

#define TOKEN_GRANT_CONTENT                                                                      \
  "\"content\":{\"application/json\":"                                                           \
  "{\"schema\":{\"$ref\":\"#/components/schemas/TokenGrant\"}}}"

static const gchar account_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"email\",\"role\","
      "\"organization_id\",\"person_id\",\"created_at\"],\"properties\":{"
      "\"id\":{\"type\":\"integer\",\"minimum\":1},"
      "\"name\":{\"type\":\"string\"},"
      "\"email\":{\"type\":[\"string\",\"null\"],\"format\":\"email\"},"
      "\"role\":{\"enum\":[\"admin\",\"coordinator\",\"lead\",\"teacher\"]},"
      "\"organization_id\":{\"type\":[\"integer\",\"null\"],"
      "\"description\":\"The organization a coordinator or lead acts for\"},"
      "\"person_id\":{\"type\":[\"integer\",\"null\"],"
      "\"description\":\"The person a teacher signs in as\"},"
      "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"}}}";

static const gchar account_person_schema[]
    = "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"email\",\"role\",\"affiliations\"],"
      "\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
      "\"email\":{\"type\":[\"string\",\"null\"]},\"role\":{\"type\":\"string\"},"
      "\"affiliations\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
      "\"required\":[\"school_id\",\"from\",\"to\"],\"properties\":{"
      "\"school_id\":{\"type\":\"integer\"},"
      "\"from\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
      "\"to\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}}}}}}";

static const gchar my_account_schema[]
    = "{\"allOf\":[{\"$ref\":\"#/components/schemas/Account\"},{\"type\":\"object\","
      "\"required\":[\"person\"],\"properties\":{\"person\":{\"oneOf\":["
      "{\"$ref\":\"#/components/schemas/AccountPerson\"},{\"type\":\"null\"}]}}}]}";

static const gchar token_grant_schema[]
    = "{\"type\":\"object\",\"required\":[\"token\",\"expires_at\",\"account\"],"
      "\"properties\":{\"token\":{\"type\":\"string\",\"description\":\"A bearer token, "
      "shown only this once\"},\"expires_at\":{\"type\":[\"string\",\"null\"],"
      "\"format\":\"date-time\"},\"account\":{\"$ref\":\"#/components/schemas/Account\"}}}";

static const gchar sign_in_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"email\",\"password\"],"
      "\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\",\"maxLength\":254},"
      "\"password\":{\"type\":\"string\",\"format\":\"password\"}}}";

static const gchar sign_up_schema[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"name\",\"email\",\"password\",\"school_id\"],\"properties\":{"
      "\"name\":{\"type\":\"string\",\"maxLength\":200},"
      "\"email\":{\"type\":\"string\",\"format\":\"email\",\"maxLength\":254},"
      "\"password\":{\"type\":\"string\",\"format\":\"password\",\"minLength\":10},"
      "\"school_id\":{\"type\":\"integer\",\"minimum\":1}}}";

static const gchar post_token_operation[]
    = "{\"operationId\":\"signIn\",\"summary\":\"Exchange an email and password for a token\","
      "\"tags\":[\"auth\"],\"security\":[],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/SignIn\"}}}},"
      "\"responses\":{\"201\":{\"description\":\"Signed in\"," TOKEN_GRANT_CONTENT "},"
      "\"401\":{\"description\":\"Wrong email or password, or a disabled account\","
      PROBLEM_CONTENT "},"
      "\"429\":{\"description\":\"Too many failed sign-ins for the account or the address\","
      "\"headers\":{\"Retry-After\":{\"description\":\"Seconds to wait\","
      "\"schema\":{\"type\":\"integer\"}}}," PROBLEM_CONTENT "}}}";

static const gchar delete_token_operation[]
    = "{\"operationId\":\"signOut\",\"summary\":\"Revoke the token used for this request\","
      "\"tags\":[\"auth\"],"
      "\"responses\":{\"204\":{\"description\":\"The token no longer works\"},"
      "\"401\":{\"description\":\"No valid token\"," PROBLEM_CONTENT "}}}";

static const gchar post_account_operation[]
    = "{\"operationId\":\"signUp\",\"summary\":\"Create a teacher's own account\","
      "\"description\":\"Creates the teacher's person, with an open affiliation with the "
      "school, or claims the person that has the email and no account. When the school's "
      "organization lists email domains, the email must be at one of them. Answers with a "
      "token, so the teacher is signed in.\","
      "\"tags\":[\"auth\"],\"security\":[],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/SignUp\"}}}},"
      "\"responses\":{\"201\":{\"description\":\"The account, signed in\"," TOKEN_GRANT_CONTENT
      "},\"409\":{\"description\":\"An account has this email already\"," PROBLEM_CONTENT "},"
      "\"422\":{\"description\":\"The email is not at one of the organization's domains\","
      PROBLEM_CONTENT "}}}";

static const gchar get_me_operation[]
    = "{\"operationId\":\"getMyAccount\",\"summary\":\"The caller's account and person\","
      "\"tags\":[\"auth\"],"
      "\"responses\":{\"200\":{\"description\":\"The account\",\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/MyAccount\"}}}},"
      "\"401\":{\"description\":\"No valid token\"," PROBLEM_CONTENT "}}}";

#define SESSION_CONTENT                                                                          \
  "\"content\":{\"application/json\":"                                                           \
  "{\"schema\":{\"$ref\":\"#/components/schemas/WebSession\"}}}"

static const gchar web_session_schema[]
    = "{\"type\":\"object\",\"required\":[\"csrf_token\",\"expires_at\",\"account\"],"
      "\"properties\":{\"csrf_token\":{\"type\":\"string\",\"description\":\"Send it as "
      "X-CSRF-Token with every POST, PUT, PATCH and DELETE the cookie authenticates\"},"
      "\"expires_at\":{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"},"
      "\"account\":{\"$ref\":\"#/components/schemas/Account\"}}}";

static const gchar post_session_operation[]
    = "{\"operationId\":\"startWebSession\",\"summary\":\"Sign a browser in with a cookie\","
      "\"description\":\"Sets the HttpOnly, SameSite=Strict pdnet_session cookie. Requests "
      "it authenticates that change anything must send the X-CSRF-Token header; requests "
      "whose Origin is another site are refused.\","
      "\"tags\":[\"auth\"],\"security\":[],"
      "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":"
      "{\"schema\":{\"$ref\":\"#/components/schemas/SignIn\"}}}},"
      "\"responses\":{\"201\":{\"description\":\"Signed in\",\"headers\":{\"Set-Cookie\":"
      "{\"description\":\"The session cookie\",\"schema\":{\"type\":\"string\"}}},"
      SESSION_CONTENT "},"
      "\"401\":{\"description\":\"Wrong email or password, or a disabled account\","
      PROBLEM_CONTENT "},"
      "\"403\":{\"description\":\"Sent from another site\"," PROBLEM_CONTENT "},"
      "\"429\":{\"description\":\"Too many failed sign-ins\"," PROBLEM_CONTENT "}}}";

static const gchar get_session_operation[]
    = "{\"operationId\":\"getWebSession\",\"summary\":\"The browser's session and its "
      "CSRF token\",\"tags\":[\"auth\"],\"security\":[],"
      "\"responses\":{\"200\":{\"description\":\"Signed in\"," SESSION_CONTENT "},"
      "\"401\":{\"description\":\"No live session cookie\"," PROBLEM_CONTENT "}}}";

static const gchar delete_session_operation[]
    = "{\"operationId\":\"endWebSession\",\"summary\":\"Sign the browser out\","
      "\"tags\":[\"auth\"],\"security\":[],"
      "\"responses\":{\"204\":{\"description\":\"The cookie is cleared and its token "
      "revoked\"},\"403\":{\"description\":\"No X-CSRF-Token, or another site\","
      PROBLEM_CONTENT "}}}";

static void
add_route (PdnRouter *router, const gchar *method, const gchar *path, PdnRouteFlags flags,
           const gchar *operation, PdnRouteHandler handler, PdnAuthContext *ctx)
{
  pdn_router_add (router, method, path, flags, operation, handler, auth_context_acquire (ctx),
                  auth_context_release);
}

/**
 * pdn_api_auth_register:
 * @store: (nullable): a store that works on any thread (a #PdnStorePool),
 *   since signing in and up run on the worker pool; %NULL only to list
 *   the routes
 *
 * Adds POST and DELETE /auth/token, POST /accounts, GET /accounts/me and
 * POST, GET and DELETE /auth/session (the browser's cookie).
 */
void
pdn_api_auth_register (PdnRouter *router, PdnStore *store)
{
  PdnAuthContext *ctx = g_atomic_rc_box_new0 (PdnAuthContext);

  ctx->store = store != NULL ? g_object_ref (store) : NULL;
  ctx->secure_cookies = g_str_has_prefix (pdn_router_get_public_url (router) ?: "", "https:");
  ctx->by_account = pdn_rate_limiter_new (PDN_SIGN_IN_FAILURES_PER_ACCOUNT,
                                          PDN_SIGN_IN_WINDOW_SECONDS, PDN_SIGN_IN_MAX_KEYS);
  ctx->by_address = pdn_rate_limiter_new (PDN_SIGN_IN_FAILURES_PER_ADDRESS,
                                          PDN_SIGN_IN_WINDOW_SECONDS, PDN_SIGN_IN_MAX_KEYS);
  pdn_router_add_schema (router, "Account", account_schema);
  pdn_router_add_schema (router, "AccountPerson", account_person_schema);
  pdn_router_add_schema (router, "MyAccount", my_account_schema);
  pdn_router_add_schema (router, "TokenGrant", token_grant_schema);
  pdn_router_add_schema (router, "SignIn", sign_in_schema);
  pdn_router_add_schema (router, "SignUp", sign_up_schema);
  add_route (router, "POST", "/auth/token", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WORKER,
             post_token_operation, post_token, ctx);
  add_route (router, "DELETE", "/auth/token", PDN_ROUTE_DEFAULT, delete_token_operation,
             delete_token, ctx);
  add_route (router, "POST", "/accounts", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WORKER,
             post_account_operation, post_account, ctx);
  add_route (router, "GET", "/accounts/me", PDN_ROUTE_DEFAULT, get_me_operation, get_me, ctx);
  pdn_router_add_schema (router, "WebSession", web_session_schema);
  add_route (router, "POST", "/auth/session", PDN_ROUTE_JSON_BODY | PDN_ROUTE_WORKER,
             post_session_operation, post_session, ctx);
  add_route (router, "GET", "/auth/session", PDN_ROUTE_DEFAULT, get_session_operation,
             get_session, ctx);
  add_route (router, "DELETE", "/auth/session", PDN_ROUTE_DEFAULT, delete_session_operation,
             delete_session, ctx);
  auth_context_release (ctx);
}
