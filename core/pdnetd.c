/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-config.h"
#include "pdn-data-dir.h"
#include "pdn-i18n.h"

typedef struct
{
  gchar *config_path;
  gchar *data_dir;
  gchar *listen;
  gboolean version;
} PdnDaemonOptions;

static void
pdn_daemon_options_clear (PdnDaemonOptions *options)
{
  g_free (options->config_path);
  g_free (options->data_dir);
  g_free (options->listen);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnDaemonOptions, pdn_daemon_options_clear)

static gboolean
quit_on_signal (gpointer user_data)
{
  g_message ("pdnetd: signal received, shutting down");
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_options (int *argc, char ***argv, PdnDaemonOptions *options, GError **error)
{
  const GOptionEntry entries[] = {
    /* TRANSLATORS: command-line option description */
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &options->config_path, N_("Read settings from FILE"),
      N_("FILE") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("Keep data in DIR (default: $XDG_DATA_HOME/pdnet)"), N_("DIR") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &options->listen,
      N_("Listen on ADDR:PORT (default: 127.0.0.1:8080)"), N_("ADDR:PORT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version, N_("Print the version and exit"),
      NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* TRANSLATORS: the one-line summary of pdnetd --help */
  g_option_context_set_summary (context, _("Serve professional-development programs, sessions "
                                           "and participation to schools."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

static PdnConfig *
load_config (PdnDaemonOptions *options, GError **error)
{
  g_autoptr (PdnConfig) config = pdn_config_new ();

  if (options->config_path != NULL && !pdn_config_load_file (config, options->config_path, error))
    return NULL;
  if (options->data_dir != NULL)
    pdn_config_set_data_dir (config, options->data_dir);
  if (options->listen != NULL && !pdn_config_set_listen (config, options->listen, error))
    return NULL;
  return g_steal_pointer (&config);
}

static int
run_daemon (PdnConfig *config)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnDataDir) data_dir = pdn_data_dir_new (pdn_config_get_data_dir (config));
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (GMainLoop) loop = NULL;

  if (!pdn_data_dir_lock_daemon (data_dir, &error))
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  store = pdn_data_dir_open_store (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* TRANSLATORS: %s is a directory, %u a database schema version */
  g_print (_("pdnetd: serving %s (schema %u)\n"), pdn_data_dir_get_path (data_dir),
           pdn_store_schema_version (store));
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_main_loop_run (loop);
  g_print (_("pdnetd: stopped\n"));
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  g_auto (PdnDaemonOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnConfig) config = NULL;

  pdn_i18n_init ();
  if (!parse_options (&argc, &argv, &options, &error))
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (options.version)
    {
      g_print ("pdnetd %s\n", pdn_version_string ());
      return EXIT_SUCCESS;
    }
  config = load_config (&options, &error);
  if (config == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return run_daemon (config);
}
