/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-outcome-importer.h"
#include "pdn-people-importer.h"
#include "pdn-school-importer.h"
#include "pdnet-commands.h"

/* Small files finish before a progress line would be worth reading. */
#define PROGRESS_MIN_ROWS 10000

typedef gboolean (*ImportFileFunc) (PdnStore *store, const gchar *path,
                                    PdnImportProgressFunc progress, gpointer user_data,
                                    PdnImportReport **report, GError **error);
typedef gboolean (*ImportStreamFunc) (PdnStore *store, GInputStream *stream,
                                      PdnImportProgressFunc progress, gpointer user_data,
                                      PdnImportReport **report, GError **error);

typedef struct
{
  const gchar *name;
  ImportFileFunc import_file;
  ImportStreamFunc import_stream;
} ImportKind;

static const ImportKind kinds[] = {
  { "outcomes", pdn_outcome_importer_import_file, pdn_outcome_importer_import_stream },
  { "people", pdn_people_importer_import_file, pdn_people_importer_import_stream },
  { "schools", pdn_school_importer_import_file, pdn_school_importer_import_stream },
};

static const ImportKind *
find_kind (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (name, kinds[i].name))
      return &kinds[i];
  return NULL;
}

static void
show_progress (guint64 done, guint64 total, gpointer user_data)
{
  if (total > PROGRESS_MIN_ROWS)
    /* TRANSLATORS: the label of the progress line of pdnet import */
    pdn_cli_progress (PDN_CLI (user_data), _("Importing"), done, total);
}

static void
print_summary (const ImportKind *kind, PdnImportReport *report)
{
  guint64 total = report->created + report->updated + report->unchanged;
  unsigned long n = (unsigned long) MIN (total, G_MAXULONG);

  if (g_str_equal (kind->name, "outcomes"))
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported %llu outcome: %llu created, %llu updated, %llu unchanged.",
                          "Imported %llu outcomes: %llu created, %llu updated, %llu unchanged.",
                          n),
             (unsigned long long) total, (unsigned long long) report->created,
             (unsigned long long) report->updated, (unsigned long long) report->unchanged);
  else if (g_str_equal (kind->name, "schools"))
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported %llu school: %llu created, %llu updated, %llu unchanged.",
                          "Imported %llu schools: %llu created, %llu updated, %llu unchanged.",
                          n),
             (unsigned long long) total, (unsigned long long) report->created,
             (unsigned long long) report->updated, (unsigned long long) report->unchanged);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported %llu person: %llu created, %llu updated, %llu unchanged.",
                          "Imported %llu people: %llu created, %llu updated, %llu unchanged.",
                          n),
             (unsigned long long) total, (unsigned long long) report->created,
             (unsigned long long) report->updated, (unsigned long long) report->unchanged);
  if (report->organizations_created > 0)
    {
      g_print (" ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "Created %llu new organization.",
                            "Created %llu new organizations.",
                            (unsigned long) report->organizations_created),
               (unsigned long long) report->organizations_created);
    }
  g_print ("\n");
}

static int
run_import (PdnCli *cli, const ImportKind *kind, const gchar *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnImportReport) report = NULL;
  PdnStore *store = pdn_cli_open_store (cli, &error);
  gboolean ok;

  if (store == NULL)
    return pdn_cli_fail (cli, error);
  if (g_str_equal (path, "-"))
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      ok = kind->import_stream (store, in, show_progress, cli, &report, &error);
    }
  else
    ok = kind->import_file (store, path, show_progress, cli, &report, &error);
  pdn_cli_progress_end (cli);
  if (!ok && g_error_matches (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE))
    {
      pdn_import_report_print_errors (report);
      g_printerr ("pdnet: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!ok)
    return pdn_cli_fail (cli, error);
  print_summary (kind, report);
  return EXIT_SUCCESS;
}

/**
 * pdnet_import:
 *
 * `pdnet import schools|people|outcomes FILE.csv` (`-` reads standard
 * input): all rows or none; every bad row is printed with its line number
 * and column.
 */
int
pdnet_import (PdnCli *cli, int argc, char **argv)
{
  g_autofree gchar *message = NULL;
  const ImportKind *kind;
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
    cli, _("schools|people|outcomes FILE.csv"),
    /* TRANSLATORS: summary of "pdnet import --help"; keep the column names untranslated */
    _("Import a CSV file (UTF-8, header row, columns in any order). Nothing is imported if "
      "any row is bad; every bad row is listed with its line number.\n\n"
      "schools: external_id, name, sector, organization, organization_kind, city, "
      "school_year, teacher_headcount\n"
      "people: email, name, role, school (external id or exact name), from, to\n"
      "outcomes: school_id or school_external_id, school_year, measure, value, students_n"),
    NULL);

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (argc != 3)
    return pdn_cli_usage_error (
      cli, context, _("Name what to import (schools, people or outcomes) and the CSV file."));
  kind = find_kind (argv[1]);
  if (kind != NULL)
    return run_import (cli, kind, argv[2]);
  message
    = g_strdup_printf (_("Cannot import “%s”: choose schools, people or outcomes."), argv[1]);
  return pdn_cli_usage_error (cli, context, message);
}
