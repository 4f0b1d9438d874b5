/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-validate.h"
#include "pdnet-commands.h"

typedef struct
{
  gchar *role;
  gchar *email;
  gchar *name;
  gchar *organization;
  gchar *person_email;
} AccountOptions;

static void
account_options_clear (AccountOptions *options)
{
  g_free (options->role);
  g_free (options->email);
  g_free (options->name);
  g_free (options->organization);
  g_free (options->person_email);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountOptions, account_options_clear)

/* Model errors name model fields; on the command line, name the option. */
static int
fail (PdnCli *cli, const GError *error)
{
  static const struct
  {
    const gchar *field;
    const gchar *option;
  } options[] = {
    { "organization_id", "organization" },
    { "person_id", "person-email" },
  };
  g_autoptr (GError) renamed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (g_strcmp0 (pdn_error_get_field (error), options[i].field) == 0)
      {
        pdn_error_set_field (&renamed, (PdnErrorCode) error->code, options[i].option, "%s",
                             error->message);
        return pdn_cli_fail (cli, renamed);
      }
  return pdn_cli_fail (cli, error);
}

static gboolean
resolve_organization (PdnStore *store, const gchar *slug, PdnAccount *account, GError **error)
{
  g_autoptr (PdnOrganization) organization = NULL;

  if (slug == NULL)
    return TRUE;
  organization = pdn_organization_find_by_slug (store, slug, NULL);
  if (organization == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "organization",
                           _("No organization has the slug “%s”"), slug);
      return FALSE;
    }
  account->organization_id = organization->id;
  return TRUE;
}

/* --person-email names the person; a teacher account defaults to the
 * person with the account's own email. */
static gboolean
resolve_person (PdnStore *store, AccountOptions *options, PdnAccount *account, GError **error)
{
  const gchar *email = options->person_email;
  g_autoptr (PdnPerson) person = NULL;

  if (email == NULL && account->role == PDN_LOGIN_ROLE_TEACHER)
    email = options->email;
  if (email == NULL)
    return TRUE;
  person = pdn_person_find_by_email (store, email, NULL);
  if (person == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "person-email",
                           _("No person has the email “%s”; add the person first or name "
                             "one with --person-email"),
                           email);
      return FALSE;
    }
  account->person_id = person->id;
  return TRUE;
}

static PdnAccount *
account_from_options (PdnStore *store, AccountOptions *options, GError **error)
{
  g_autoptr (PdnAccount) account = pdn_account_new ();

  if (options->email == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "email",
                           _("Give the account an email with --email"));
      return NULL;
    }
  if (!pdn_login_role_from_string (options->role, &account->role))
    {
      pdn_validate_enum (options->role, "role", pdn_login_role_names (), error);
      return NULL;
    }
  account->name = g_strdup (options->name);
  account->email = g_strdup (options->email);
  if (!resolve_organization (store, options->organization, account, error)
      || !resolve_person (store, options, account, error))
    return NULL;
  return g_steal_pointer (&account);
}

static void
print_summary (PdnAccount *account, const gchar *organization)
{
  g_autoptr (GString) line = g_string_new (NULL);

  /* TRANSLATORS: "Created coordinator account 7: Ana Ruiz <ana@example.org>" */
  g_string_printf (line, _("Created %s account %lld: %s <%s>"),
                   pdn_login_role_to_string (account->role), (long long) account->id,
                   account->name, account->email);
  if (organization != NULL)
    /* TRANSLATORS: appended to the summary; %s is an organization slug */
    g_string_append_printf (line, _(", acting for %s"), organization);
  if (account->person_id > 0)
    /* TRANSLATORS: appended to the summary */
    g_string_append_printf (line, _(", signing in as person %lld"),
                            (long long) account->person_id);
  g_printerr ("%s\n", line->str);
}

static int
account_create (PdnCli *cli, AccountOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnAccount) account = NULL;
  PdnStore *store = pdn_cli_open_store (cli, &error);

  if (store == NULL)
    return pdn_cli_fail (cli, error);
  account = account_from_options (store, options, &error);
  if (account == NULL || !pdn_account_insert (account, store, &error))
    return fail (cli, error);
  g_print ("%" G_GINT64_FORMAT "\n", account->id);
  print_summary (account, options->organization);
  return EXIT_SUCCESS;
}

/**
 * pdnet_account:
 *
 * `pdnet account create --role ROLE --email EMAIL --name NAME
 * [--organization SLUG] [--person-email EMAIL]`: prints the new account's
 * id on standard output and a summary on standard error.
 */
int
pdnet_account (PdnCli *cli, int argc, char **argv)
{
  g_auto (AccountOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &options.role,
      N_("Login role: admin, coordinator, lead or teacher"), N_("ROLE") },
    { "email", 'e', 0, G_OPTION_ARG_STRING, &options.email, N_("Sign-in email address"),
      N_("EMAIL") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &options.name, N_("Display name"), N_("NAME") },
    { "organization", 'o', 0, G_OPTION_ARG_STRING, &options.organization,
      N_("The organization a coordinator or lead acts for"), N_("SLUG") },
    { "person-email", 'p', 0, G_OPTION_ARG_STRING, &options.person_email,
      N_("The person the account belongs to (teachers default to --email)"), N_("EMAIL") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
    cli, _("create"),
    /* TRANSLATORS: summary of "pdnet account --help" */
    _("Create a sign-in account. Coordinators and leads act for an organization; a teacher "
      "account belongs to a person already in pdnet. Prints the new account's id."),
    entries);

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc != 2 || g_strcmp0 (argv[1], "create") != 0)
    return pdn_cli_usage_error (cli, context, _("Name the action: create."));
  return account_create (cli, &options);
}
