/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-password.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"
#include "pdn-token.h"

/* A data directory with one organization, written through the models
 * before the CLI runs on it. */
typedef struct
{
  PdnTestDir *dir;
  gint64 organization;
} Fixture;

static PdnStore *
open_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (f->dir, "pdnet.db");
  PdnStore *store = pdn_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = pdn_test_dir_new ();
  store = open_store (f);
  organization->name = g_strdup ("Metro Public Schools");
  organization->slug = g_strdup ("metro");
  organization->kind = PDN_ORGANIZATION_KIND_DISTRICT;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  f->organization = organization->id;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

/* Runs `pdnet --data-dir DIR COMMAND ACTION ARGS…` with @input on stdin. */
static gint
run (Fixture *f, const gchar *command, const gchar *action, const gchar *const *args,
     const gchar *input, gchar **out, gchar **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDNET_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, f->dir->path);
  g_ptr_array_add (argv, (gpointer) command);
  if (action != NULL)
    g_ptr_array_add (argv, (gpointer) action);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pdn_test_spawn_with_input ((const gchar *const *) argv->pdata, input, out, err);
}

static gint
run_token (Fixture *f, const gchar *const *args, gchar **out, gchar **err)
{
  return run (f, "token", "create", args, "", out, err);
}

static gint64
count (Fixture *f, const gchar *sql)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (pdn_store_count (store, sql, 0, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Standard output is the token and one newline, nothing else. */
static gchar *
token_from_output (const gchar *out)
{
  g_assert_true (g_str_has_prefix (out, PDN_TOKEN_PREFIX));
  g_assert_cmpuint (strlen (out), ==, PDN_TOKEN_LENGTH + 1);
  g_assert_cmpint (out[PDN_TOKEN_LENGTH], ==, '\n');
  return g_strndup (out, PDN_TOKEN_LENGTH);
}

static PdnAccount *
authenticate (Fixture *f, const gchar *secret, PdnToken **token)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (GError) error = NULL;
  PdnAccount *account = pdn_token_authenticate (store, secret, token, &error);

  g_assert_no_error (error);
  return account;
}

static void
test_create_admin (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role", "admin", "--name", "Nightly export", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *out2 = NULL;
  g_autofree gchar *err2 = NULL;
  g_autofree gchar *secret = NULL;
  g_autofree gchar *secret2 = NULL;
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (PdnAccount) again = NULL;
  g_autoptr (PdnToken) token = NULL;

  g_assert_cmpint (run_token (f, args, &out, &err), ==, 0);
  secret = token_from_output (out);
  g_assert_nonnull (strstr (err, "admin"));
  account = authenticate (f, secret, &token);
  g_assert_cmpint (account->role, ==, PDN_LOGIN_ROLE_ADMIN);
  g_assert_cmpstr (account->name, ==, "Nightly export");
  g_assert_null (account->email);
  g_assert_null (token->expires_at);
  g_assert_cmpstr (token->name, ==, "cli");
  /* The summary names the token but never shows it. */
  g_assert_null (strstr (err, secret + strlen (PDN_TOKEN_PREFIX)));

  /* Again: the same service account, a second token; both work. */
  g_assert_cmpint (run_token (f, args, &out2, &err2), ==, 0);
  secret2 = token_from_output (out2);
  g_assert_cmpstr (secret, !=, secret2);
  again = authenticate (f, secret2, NULL);
  g_assert_cmpint (again->id, ==, account->id);
  g_object_unref (authenticate (f, secret, NULL));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM accounts WHERE ? = 0"), ==, 1);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tokens WHERE ? = 0"), ==, 2);
}

/* With --email the account is found by it; the role and organization must
 * agree with it. */
static void
test_create_by_email (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role",         "coordinator", "--name",    "Ana Ruiz", "--email",
                          "ana@metro.org", "--organization", "metro", "--expires", "7",
                          NULL };
  const gchar *as_lead[] = { "--role",         "lead",           "--name", "Ana Ruiz", "--email",
                             "ANA@metro.org", "--organization", "metro", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *secret = NULL;
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (PdnToken) token = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) day6 = g_date_time_add_days (now, 6);
  g_autoptr (GDateTime) day8 = g_date_time_add_days (now, 8);
  g_autofree gchar *in_6_days = g_date_time_format (day6, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree gchar *in_8_days = g_date_time_format (day8, "%Y-%m-%dT%H:%M:%SZ");

  g_assert_cmpint (run_token (f, args, &out, &err), ==, 0);
  secret = token_from_output (out);
  account = authenticate (f, secret, &token);
  g_assert_cmpint (account->role, ==, PDN_LOGIN_ROLE_COORDINATOR);
  g_assert_cmpint (account->organization_id, ==, f->organization);
  g_assert_cmpstr (account->email, ==, "ana@metro.org");
  g_assert_cmpstr (token->expires_at, >, in_6_days);
  g_assert_cmpstr (token->expires_at, <, in_8_days);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_token (f, as_lead, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "(field: role)"));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tokens WHERE ? = 0"), ==, 1);
}

static void
test_disabled_account (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role", "admin", "--name", "Root", "--email", "root@metro.org",
                          NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup ("Root");
  account->email = g_strdup ("root@metro.org");
  account->disabled = TRUE;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (run_token (f, args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "(field: email)"));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tokens WHERE ? = 0"), ==, 0);
}

/* Each bad input fails, names the option, and creates nothing. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  const struct
  {
    const gchar *args[9];
    const gchar *field;
  } cases[] = {
    { { "--role", "boss", "--name", "X", NULL }, "role" },
    { { "--name", "X", NULL }, "role" },
    { { "--role", "teacher", "--name", "X", "--email", "x@metro.org", NULL }, "role" },
    { { "--role", "admin", NULL }, "name" },
    { { "--role", "admin", "--name", "X", "--email", "x@", NULL }, "email" },
    { { "--role", "coordinator", "--name", "X", NULL }, "organization" },
    { { "--role", "lead", "--name", "X", "--organization", "nope", NULL }, "organization" },
    { { "--role", "admin", "--name", "X", "--expires", "-1", NULL }, "expires" },
    { { "--role", "admin", "--name", "X", "--expires", "3651", NULL }, "expires" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *out = NULL;
      g_autofree gchar *err = NULL;
      g_autofree gchar *expected = g_strdup_printf ("(field: %s)", cases[i].field);

      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_cmpint (run_token (f, cases[i].args, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, expected));
    }
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM accounts WHERE ? = 0"), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM tokens WHERE ? = 0"), ==, 0);
}

static void
test_token_usage (Fixture *f, gconstpointer data)
{
  const gchar *none[] = { NULL };
  const gchar *help[] = { "--help", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *help_out = NULL;
  g_autofree gchar *help_err = NULL;

  g_assert_cmpint (run (f, "token", NULL, none, "", &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "create"));
  g_assert_cmpint (run (f, "token", NULL, help, "", &help_out, &help_err), ==, 0);
  g_assert_nonnull (strstr (help_out, "--expires"));
}

static gint64
add_account (Fixture *f, const gchar *email)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (PdnAccount) account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup ("Lee Park");
  account->email = g_strdup (email);
  account->role = PDN_LOGIN_ROLE_LEAD;
  account->organization_id = f->organization;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  return account->id;
}

static gchar *
load_hash (Fixture *f, gint64 id)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAccount) account = pdn_account_load (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (account->password_hash);
}

/* From a pipe, the first line is the password (a Windows line end too). */
static void
test_password_from_pipe (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--email", "LEE@metro.org", NULL };
  gint64 id = add_account (f, "lee@metro.org");
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *hash = NULL;

  g_assert_cmpint (run (f, "account", "password", args, "a long passphrase\r\nignored\n", &out,
                        &err),
                   ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "lee@metro.org"));
  g_assert_null (strstr (err, "passphrase"));
  hash = load_hash (f, id);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (pdn_password_verify (hash, "a long passphrase"));
  g_assert_false (pdn_password_verify (hash, "a long passphrase\r"));
}

/* A refused password leaves the account as it was. */
static void
test_password_refused (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--email", "lee@metro.org", NULL };
  const gchar *unknown[] = { "--email", "nobody@metro.org", NULL };
  const gchar *no_email[] = { NULL };
  const gchar *extra[] = { "--email", "lee@metro.org", "--role", "admin", NULL };
  g_autofree gchar *too_long = g_strnfill (PDN_PASSWORD_MAX_BYTES + 1, 'a');
  const struct
  {
    const gchar *const *args;
    const gchar *input;
    gint status;
    const gchar *message;
  } cases[] = {
    { args, "too short\n", 1, "(field: password)" },
    { args, "", 1, "(field: password)" },
    { args, too_long, 1, "(field: password)" },
    { unknown, "a long passphrase\n", 1, "(field: email)" },
    { no_email, "a long passphrase\n", 1, "(field: email)" },
    { extra, "a long passphrase\n", 2, "--email" },
  };
  gint64 id = add_account (f, "lee@metro.org");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *out = NULL;
      g_autofree gchar *err = NULL;
      g_autofree gchar *hash = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpint (run (f, "account", "password", cases[i].args, cases[i].input, &out, &err),
                       ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].message));
      hash = load_hash (f, id);
      g_assert_null (hash);
    }
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("token/create-admin", test_create_admin);
  ADD ("token/create-by-email", test_create_by_email);
  ADD ("token/disabled-account", test_disabled_account);
  ADD ("token/bad-input", test_bad_input);
  ADD ("token/usage", test_token_usage);
  ADD ("account/password-from-pipe", test_password_from_pipe);
  ADD ("account/password-refused", test_password_refused);
  return g_test_run ();
}
