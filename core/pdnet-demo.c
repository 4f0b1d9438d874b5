/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-demo.h"
#include "pdn-plugin-hooks.h"
#include "pdn-program.h"
#include "pdnet-commands.h"

static void
print_count (const gchar *label, gint64 count)
{
  g_print ("  %-18s %6lld\n", label, (long long) count);
}

static void
print_counts (const PdnDemoSummary *summary)
{
  print_count (_("organizations"), summary->n_organizations);
  print_count (_("schools"), summary->n_schools);
  print_count (_("people"), summary->n_people);
  print_count (_("accounts"), summary->n_accounts);
  print_count (_("programs"), summary->n_programs);
  print_count (_("series"), summary->n_series);
  print_count (_("sessions"), summary->n_sessions);
  print_count (_("registrations"), summary->n_registrations);
  print_count (_("attendance rows"), summary->n_attendance);
  print_count (_("survey responses"), summary->n_survey_responses);
  print_count (_("school outcomes"), summary->n_outcomes);
  print_count (_("curricula"), summary->n_curricula);
}

/* The export hint names --data-dir unless the default one was used. */
static gchar *
data_dir_argument (PdnCli *cli)
{
  const gchar *path = pdn_data_dir_get_path (pdn_cli_get_data_dir (cli));
  g_autofree gchar *default_path = pdn_data_dir_default_path ();
  g_autofree gchar *quoted = NULL;

  if (g_strcmp0 (path, default_path) == 0)
    return g_strdup ("");
  quoted = g_shell_quote (path);
  return g_strdup_printf (" --data-dir %s", quoted);
}

static void
print_summary (PdnCli *cli, const PdnDemoSummary *summary)
{
  g_autofree gchar *data_dir = data_dir_argument (cli);
  gint64 example = pdn_demo_summary_find_program (summary, "workshop-series",
                                                  summary->last_year);

  /* TRANSLATORS: %s is a directory, then two school years such as 2024-25 */
  g_print (_("Loaded the demo network into %s (last school year %s, current %s):\n"),
           pdn_data_dir_get_path (pdn_cli_get_data_dir (cli)), summary->last_year,
           summary->current_year);
  print_counts (summary);
  g_print ("%s\n", _("Programs:"));
  for (guint i = 0; i < summary->programs->len; i++)
    {
      PdnProgram *program = g_ptr_array_index (summary->programs, i);

      /* TRANSLATORS: a program's id, name, type and school year */
      g_print (_("  %4lld  %s (%s, %s)\n"), (long long) program->id, program->name,
               program->type, program->school_year);
    }
  /* TRANSLATORS: keep the command untranslated; %s adds --data-dir when needed */
  g_print (_("Try: pdnet%s export participation --program %lld\n"), data_dir,
           (long long) example);
}

/**
 * pdnet_demo:
 *
 * `pdnet demo [--demo-dir DIR]`: loads the demo network into an empty data
 * directory and prints what it loaded.
 */
int
pdnet_demo (PdnCli *cli, int argc, char **argv)
{
  g_autofree gchar *demo_dir = NULL;
  const GOptionEntry entries[] = {
    { "demo-dir", 0, 0, G_OPTION_ARG_FILENAME, &demo_dir,
      N_("Read the demo network from DIR (default: $PDNET_DEMO_DIR, else the installed copy)"),
      N_("DIR") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
    cli, NULL,
    /* TRANSLATORS: summary of "pdnet demo --help" */
    _("Load the demo network into an empty data directory: Riverton, a fictional city with a "
      "district, a charter network and a Catholic diocese, about 600 educators, three PD "
      "programs and two shared curricula. Dates are relative to today: the last school year is complete and the "
      "current term has sessions open for registration."),
    entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnDemoSummary) summary = NULL;
  g_autoptr (GDateTime) now = NULL;
  PdnStore *store;

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc != 1)
    return pdn_cli_usage_error (cli, context, _("pdnet demo takes no arguments."));
  store = pdn_cli_open_store (cli, &error);
  if (store == NULL)
    return pdn_cli_fail (cli, error);
  now = g_date_time_new_now_utc ();
  /* The demo's programs are of the plugins' types, like the daemon's. */
  pdn_plugin_hooks_load (NULL, store, NULL);
  if (!pdn_demo_load (store, NULL, demo_dir, now, &summary, &error))
    return pdn_cli_fail (cli, error);
  print_summary (cli, summary);
  return EXIT_SUCCESS;
}
