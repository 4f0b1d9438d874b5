/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-participation.h"
#include "pdnet-commands.h"

typedef struct
{
  gchar **program_ids;
  gchar *school_year;
  gchar *group_by;
} ExportOptions;

static void
export_options_clear (ExportOptions *options)
{
  g_strfreev (options->program_ids);
  g_free (options->school_year);
  g_free (options->group_by);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static GArray *
parse_program_ids (gchar **texts, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      guint64 id = 0;
      if (!g_ascii_string_to_unsigned (texts[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "program",
                               _("--program takes a program id, not “%s”"), texts[i]);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static int
export_participation (PdnCli *cli, ExportOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = parse_program_ids (options->program_ids, &error);
  PdnParticipationGrouping grouping = PDN_PARTICIPATION_BY_SCHOOL;
  g_autoptr (PdnParticipationReport) report = NULL;
  g_autofree gchar *csv = NULL;
  PdnStore *store;

  if (ids == NULL)
    return pdn_cli_fail (cli, error);
  if (options->group_by != NULL
      && !pdn_participation_grouping_from_string (options->group_by, &grouping))
    {
      pdn_error_set_field (&error, PDN_ERROR_INVALID_INPUT, "group-by",
                           _("--group-by must be school, sector or organization"));
      return pdn_cli_fail (cli, error);
    }
  store = pdn_cli_open_store (cli, &error);
  if (store == NULL)
    return pdn_cli_fail (cli, error);
  report = pdn_participation_compute (store, (const gint64 *) ids->data, ids->len,
                                      options->school_year, grouping, &error);
  if (report == NULL)
    return pdn_cli_fail (cli, error);
  csv = pdn_participation_report_to_csv (report);
  fputs (csv, stdout);
  return EXIT_SUCCESS;
}

/**
 * pdnet_export:
 *
 * `pdnet export participation --program ID [--program ID…] [--school-year Y]
 * [--group-by school|sector|organization]`: the participation report as
 * CSV on standard output.
 */
int
pdnet_export (PdnCli *cli, int argc, char **argv)
{
  g_auto (ExportOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "program", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &options.program_ids,
      N_("Count sessions of program ID (repeat for several programs)"), N_("ID") },
    { "school-year", 'y', 0, G_OPTION_ARG_STRING, &options.school_year,
      N_("The school year, such as 2025-26 (default: the programs' own)"), N_("YEAR") },
    { "group-by", 'g', 0, G_OPTION_ARG_STRING, &options.group_by,
      N_("One row per school (default), sector or organization"), N_("GROUP") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
    cli, _("participation"),
    /* TRANSLATORS: summary of "pdnet export --help" */
    _("Write a report as CSV to standard output. Reports: participation (teachers, leaders "
      "and hours attended per school, credited to the school each person was at on the "
      "session date)."),
    entries);

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc != 2 || g_strcmp0 (argv[1], "participation") != 0)
    return pdn_cli_usage_error (cli, context, _("Name the report to export: participation."));
  if (options.program_ids == NULL)
    return pdn_cli_usage_error (cli, context, _("Name a program with --program ID."));
  return export_participation (cli, &options);
}
