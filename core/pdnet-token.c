/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-token.h"
#include "pdn-transaction.h"
#include "pdn-validate.h"
#include "pdnet-commands.h"

/* The longest lifetime --expires takes: ten years. */
#define MAX_EXPIRES_DAYS 3650

typedef struct
{
  gchar *role;
  gchar *name;
  gchar *email;
  gchar *organization;
  gint expires;
} TokenOptions;

static void
token_options_clear (TokenOptions *options)
{
  g_free (options->role);
  g_free (options->name);
  g_free (options->email);
  g_free (options->organization);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TokenOptions, token_options_clear)

/* What the command resolved: the account (new or found) and its token. */
typedef struct
{
  PdnAccount *account;
  gboolean account_created;
  PdnToken *token;
  gchar *secret;
} TokenResult;

static void
token_result_clear (TokenResult *result)
{
  g_clear_object (&result->account);
  g_clear_object (&result->token);
  if (result->secret != NULL)
    sodium_memzero (result->secret, strlen (result->secret));
  g_clear_pointer (&result->secret, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TokenResult, token_result_clear)

/* Model errors name model fields; on the command line, name the option. */
static int
fail (PdnCli *cli, const GError *error)
{
  g_autoptr (GError) renamed = NULL;

  if (g_strcmp0 (pdn_error_get_field (error), "organization_id") != 0)
    return pdn_cli_fail (cli, error);
  pdn_error_set_field (&renamed, (PdnErrorCode) error->code, "organization", "%s",
                       error->message);
  return pdn_cli_fail (cli, renamed);
}

static gboolean
parse_role (const gchar *text, PdnLoginRole *role, GError **error)
{
  if (!pdn_login_role_from_string (text, role))
    return pdn_validate_enum (text, "role", pdn_login_role_names (), error);
  if (*role == PDN_LOGIN_ROLE_TEACHER)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "role",
                           _("Teachers sign in with their password; tokens are made for "
                             "admin, coordinator and lead accounts"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_options (TokenOptions *options, GError **error)
{
  if (options->name == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "name",
                           _("Name the account with --name"));
      return FALSE;
    }
  if (options->expires < 0 || options->expires > MAX_EXPIRES_DAYS)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "expires",
                           _("--expires takes a number of days up to %d"), MAX_EXPIRES_DAYS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_organization (PdnStore *store, const gchar *slug, gint64 *organization_id,
                      GError **error)
{
  g_autoptr (PdnOrganization) organization = NULL;

  *organization_id = 0;
  if (slug == NULL)
    return TRUE;
  organization = pdn_organization_find_by_slug (store, slug, NULL);
  if (organization == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "organization",
                           _("No organization has the slug “%s”"), slug);
      return FALSE;
    }
  *organization_id = organization->id;
  return TRUE;
}

/* An existing account is used only as it is: same role, same organization,
 * not disabled. @option names how it was found ("email" or "name"). */
static gboolean
check_found (PdnAccount *account, PdnLoginRole role, gint64 organization_id,
             const gchar *option, GError **error)
{
  if (account->role != role)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "role",
                         /* TRANSLATORS: "Account 7 has the role coordinator, not lead" */
                         _("Account %lld has the role %s, not %s"), (long long) account->id,
                         pdn_login_role_to_string (account->role), pdn_login_role_to_string (role));
  else if (account->organization_id != organization_id)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, "organization",
                         _("Account %lld acts for another organization"),
                         (long long) account->id);
  else if (account->disabled)
    pdn_error_set_field (error, PDN_ERROR_CONFLICT, option, _("Account %lld is disabled"),
                         (long long) account->id);
  else
    return TRUE;
  return FALSE;
}

/* Finds the account by --email, or (without one) the service account with
 * that name, role and organization; makes it when there is none. */
static gboolean
ensure_account (PdnStore *store, TokenOptions *options, PdnLoginRole role,
                gint64 organization_id, TokenResult *result, GError **error)
{
  g_autoptr (PdnAccount) account = NULL;
  g_autoptr (GError) local_error = NULL;

  if (options->email != NULL)
    account = pdn_account_find_by_email (store, options->email, &local_error);
  else
    account = pdn_account_find_service (store, options->name, role, organization_id,
                                        &local_error);
  if (account != NULL)
    {
      result->account = g_steal_pointer (&account);
      return check_found (result->account, role, organization_id,
                          options->email != NULL ? "email" : "name", error);
    }
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  result->account = pdn_account_new ();
  result->account->name = g_strdup (options->name);
  result->account->email = g_strdup (options->email);
  result->account->role = role;
  result->account->organization_id = organization_id;
  result->account_created = TRUE;
  return pdn_account_insert (result->account, store, error);
}

static gboolean
create_token (PdnStore *store, TokenOptions *options, TokenResult *result, GError **error)
{
  g_autoptr (PdnTransaction) tx = NULL;
  PdnLoginRole role;
  gint64 organization_id;

  if (!check_options (options, error) || !parse_role (options->role, &role, error)
      || !resolve_organization (store, options->organization, &organization_id, error))
    return FALSE;
  /* The account and its token together, or neither. */
  tx = pdn_transaction_begin (store, PDN_TRANSACTION_WRITE, error);
  if (tx == NULL || !ensure_account (store, options, role, organization_id, result, error))
    return FALSE;
  result->token = pdn_token_new ();
  result->token->account_id = result->account->id;
  result->token->name = g_strdup ("cli");
  pdn_token_expire_in_days (result->token, (guint) options->expires);
  if (!pdn_token_insert (result->token, store, &result->secret, error))
    return FALSE;
  return pdn_transaction_commit (tx, error);
}

static void
print_summary (TokenResult *result)
{
  PdnAccount *account = result->account;

  if (result->account_created)
    /* TRANSLATORS: "Created lead account 7: Nightly export" */
    g_printerr (_("Created %s account %lld: %s\n"), pdn_login_role_to_string (account->role),
                (long long) account->id, account->name);
  if (result->token->expires_at != NULL)
    g_printerr (_("Token %lld for account %lld expires at %s.\n"),
                (long long) result->token->id, (long long) account->id,
                result->token->expires_at);
  else
    g_printerr (_("Token %lld for account %lld does not expire.\n"),
                (long long) result->token->id, (long long) account->id);
  g_printerr ("%s\n", _("Keep it secret: it is shown only this once."));
}

/**
 * pdnet_token:
 *
 * `pdnet token create --role admin|coordinator|lead --name NAME
 * [--email EMAIL] [--organization SLUG] [--expires DAYS]`: prints the new
 * token alone on standard output and a summary on standard error.
 */
int
pdnet_token (PdnCli *cli, int argc, char **argv)
{
  g_auto (TokenOptions) options = { 0 };
  g_auto (TokenResult) result = { 0 };
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &options.role,
      N_("Login role: admin, coordinator or lead"), N_("ROLE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &options.name, N_("The account's display name"),
      N_("NAME") },
    { "email", 'e', 0, G_OPTION_ARG_STRING, &options.email,
      N_("The account's sign-in email; without it, a service account is found by name"),
      N_("EMAIL") },
    { "organization", 'o', 0, G_OPTION_ARG_STRING, &options.organization,
      N_("The organization a coordinator or lead acts for"), N_("SLUG") },
    { "expires", 'x', 0, G_OPTION_ARG_INT, &options.expires,
      N_("Expire the token after DAYS days (default: never)"), N_("DAYS") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
    cli, _("create"),
    /* TRANSLATORS: summary of "pdnet token --help" */
    _("Create an API token for an admin, coordinator or lead account, creating the account "
      "if there is none. Prints the token, which is shown only once."),
    entries);
  PdnStore *store;

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc != 2 || g_strcmp0 (argv[1], "create") != 0)
    return pdn_cli_usage_error (cli, context, _("Name the action: create."));
  store = pdn_cli_open_store (cli, &error);
  if (store == NULL)
    return pdn_cli_fail (cli, error);
  if (!create_token (store, &options, &result, &error))
    return fail (cli, error);
  g_print ("%s\n", result.secret);
  print_summary (&result);
  return EXIT_SUCCESS;
}
