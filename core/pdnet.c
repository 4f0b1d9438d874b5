/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-i18n.h"
#include "pdnet-commands.h"

typedef struct
{
  const gchar *name;
  const gchar *summary;
  PdnCliCommandFunc run;
} PdnetCommand;

/* Kept sorted; each subcommand lives in its own pdnet-<name>.c. */
static const PdnetCommand commands[] = {
  /* TRANSLATORS: summary of the "pdnet account" subcommand */
  { "account", N_("Create sign-in accounts and set passwords"), pdnet_account },
  /* TRANSLATORS: summary of the "pdnet analyze" subcommand */
  { "analyze", N_("Run an analysis and print its result"), pdnet_analyze },
  /* TRANSLATORS: summary of the "pdnet demo" subcommand */
  { "demo", N_("Load the demo network into an empty data directory"), pdnet_demo },
  /* TRANSLATORS: summary of the "pdnet export" subcommand */
  { "export", N_("Export reports as CSV"), pdnet_export },
  /* TRANSLATORS: summary of the "pdnet import" subcommand */
  { "import", N_("Import schools, people or outcomes from CSV"), pdnet_import },
  /* TRANSLATORS: summary of the "pdnet token" subcommand */
  { "token", N_("Create API tokens"), pdnet_token },
  { NULL, NULL, NULL },
};

static gchar *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  /* TRANSLATORS: keep "pdnet COMMAND --help" untranslated */
  g_string_append (text, _("Run 'pdnet COMMAND --help' for a command's options."));
  return g_string_free (text, FALSE);
}

static const PdnetCommand *
find_command (const gchar *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int
run_command (PdnCli *cli, const PdnetCommand *command, int argc, char **argv)
{
  g_autofree gchar *prgname = g_strdup_printf ("pdnet %s", command->name);

  g_set_prgname (prgname);
  return command->run (cli, argc, argv);
}

int
main (int argc, char **argv)
{
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL },
  };
  g_autoptr (PdnCli) cli = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autofree gchar *description = NULL;
  const PdnetCommand *command;

  pdn_i18n_init ();
  cli = pdn_cli_new ();
  /* TRANSLATORS: the one-line summary of pdnet --help */
  context = pdn_cli_option_context_new (cli, _("COMMAND [ARGS…]"),
                                        _("Manage pdnet professional-development data."), entries);
  description = commands_description ();
  g_option_context_set_description (context, description);
  /* Stop at the subcommand: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (version)
    {
      g_print ("pdnet %s\n", pdn_version_string ());
      return EXIT_SUCCESS;
    }
  if (argc < 2)
    return pdn_cli_usage_error (cli, context, _("No command given."));
  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree gchar *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
      return pdn_cli_usage_error (cli, context, message);
    }
  return run_command (cli, command, argc - 1, argv + 1);
}
