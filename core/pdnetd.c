/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <pdnet/pdnet.h>

#include "pdn-analysis-runner.h"
#include "pdn-api.h"
#include "pdn-config.h"
#include "pdn-data-dir.h"
#include "pdn-i18n.h"
#include "pdn-notification-sender.h"
#include "pdn-plugin-hooks.h"
#include "pdn-plugin-registry.h"
#include "pdn-sqlite-store.h"
#include "pdn-notification-settings.h"
#include "pdn-server.h"

/* How long in-flight requests may take to finish after SIGTERM. */
#define PDN_SHUTDOWN_GRACE_SECONDS 30

typedef struct
{
  gchar *config_path;
  gchar *data_dir;
  gchar *listen;
  gboolean version;
  gboolean list_routes;
  gboolean openapi;
  gchar **plugin_dirs;
  gchar *web_dir;
} PdnDaemonOptions;

static void
pdn_daemon_options_clear (PdnDaemonOptions *options)
{
  g_free (options->config_path);
  g_free (options->data_dir);
  g_free (options->listen);
  g_strfreev (options->plugin_dirs);
  g_free (options->web_dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnDaemonOptions, pdn_daemon_options_clear)

typedef struct
{
  GMainLoop *loop;
  PdnServer *server;
  gboolean stopping;
} PdnDaemon;

static void
quit_when_drained (PdnServer *server, gpointer user_data)
{
  g_main_loop_quit (((PdnDaemon *) user_data)->loop);
}

static gboolean
quit_after_grace (gpointer user_data)
{
  g_message ("pdnetd: requests still running after %u s, closing them",
             PDN_SHUTDOWN_GRACE_SECONDS);
  g_main_loop_quit (((PdnDaemon *) user_data)->loop);
  return G_SOURCE_REMOVE;
}

/* The first signal stops accepting and lets requests in flight finish; a
 * second one quits at once. */
static gboolean
quit_on_signal (gpointer user_data)
{
  PdnDaemon *daemon = user_data;

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return G_SOURCE_CONTINUE;
    }
  g_message ("pdnetd: signal received, shutting down");
  daemon->stopping = TRUE;
  g_signal_connect (daemon->server, "drained", G_CALLBACK (quit_when_drained), daemon);
  g_timeout_add_seconds (PDN_SHUTDOWN_GRACE_SECONDS, quit_after_grace, daemon);
  pdn_server_stop (daemon->server);
  if (pdn_server_is_drained (daemon->server))
    g_main_loop_quit (daemon->loop);
  return G_SOURCE_CONTINUE;
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
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->plugin_dirs,
      N_("Load plugins from DIR instead of the installed ones (repeatable; PDNET_PLUGIN_DIR "
         "lists more, separated by colons)"),
      N_("DIR") },
    { "web-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->web_dir,
      N_("Serve the web pages from DIR (default: PDNET_WEB_DIR, or the installed ones)"),
      N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version, N_("Print the version and exit"),
      NULL },
    { "list-routes", 0, 0, G_OPTION_ARG_NONE, &options->list_routes,
      N_("Print the API's routes (METHOD PATH) and exit"), NULL },
    { "openapi", 0, 0, G_OPTION_ARG_NONE, &options->openapi,
      N_("Print the API's OpenAPI document and exit"), NULL },
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

static void
server_limits (PdnConfig *config, PdnServerLimits *limits)
{
  pdn_server_limits_init (limits);
  limits->max_connections = pdn_config_get_max_connections (config);
  limits->stall_timeout = pdn_config_get_stall_timeout (config);
  limits->worker_threads = pdn_config_get_worker_threads (config);
}

/* --list-routes and --openapi show plugins' routes too: the plugins are
 * loaded on a scratch database, since setup() and migrations need one. */
static const gchar *const scratch_suffixes[] = { "", "-wal", "-shm" };

static void
load_plugins_for_listing (PdnDaemonOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("pdnetd-XXXXXX", &error);
  g_autofree gchar *path = NULL;
  g_autoptr (PdnStore) store = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, "scratch.db", NULL);
  store = pdn_sqlite_store_open (path, &error);
  if (store != NULL)
    pdn_plugin_hooks_load ((const gchar *const *) options->plugin_dirs, store, NULL);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (scratch_suffixes); i++)
    {
      g_autofree gchar *file = g_strconcat (path, scratch_suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static int
list_routes (PdnDaemonOptions *options)
{
  g_autoptr (PdnRouter) router = pdn_router_new ();
  GPtrArray *routes;

  load_plugins_for_listing (options);
  pdn_api_register (router, NULL);
  routes = pdn_router_get_routes (router);
  for (guint i = 0; i < routes->len; i++)
    {
      PdnRoute *route = g_ptr_array_index (routes, i);
      g_print ("%s %s\n", pdn_route_get_method (route), pdn_route_get_path (route));
    }
  return EXIT_SUCCESS;
}

/* The document GET /api/v1/openapi.json serves, for checkers. */
static int
print_openapi (PdnDaemonOptions *options)
{
  g_autoptr (PdnRouter) router = pdn_router_new ();
  g_autoptr (JsonNode) document = NULL;
  g_autofree gchar *text = NULL;

  load_plugins_for_listing (options);
  pdn_api_register (router, NULL);
  document = pdn_router_build_openapi (router);
  text = json_to_string (document, TRUE);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

/* After each group commit: what the batch queued goes out now, not at the
 * sender's next poll. */
static void
wake_sender (gpointer user_data)
{
  pdn_notification_sender_wake_default ();
}

/* The pages: --web-dir, PDNET_WEB_DIR or the installed ones. A folder
 * named on purpose must hold them; without the installed ones the daemon
 * serves the API alone. */
static gboolean
open_web_root (const gchar *option, PdnWebRoot **root, GError **error)
{
  const gchar *chosen = option != NULL ? option : g_getenv ("PDNET_WEB_DIR");
  g_autofree gchar *installed = g_build_filename (PDN_PKGDATADIR, "web", NULL);
  g_autoptr (GError) local_error = NULL;

  *root = pdn_web_root_new (chosen != NULL ? chosen : installed, &local_error);
  if (*root != NULL)
    return TRUE;
  if (chosen != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_message ("pdnetd: no web pages: %s", local_error->message);
  return TRUE;
}

static PdnServer *
start_server (PdnConfig *config, PdnStore *store, PdnWebRoot *web_root, GError **error)
{
  g_autoptr (PdnRouter) router = pdn_router_new ();
  g_autoptr (PdnServer) server = NULL;
  g_autoptr (PdnWriteQueue) writes = NULL;
  PdnServerLimits limits;

  pdn_router_set_public_url (router, pdn_config_get_public_url (config));
  pdn_api_register (router, store);
  server_limits (config, &limits);
  server = pdn_server_new (router, &limits, error);
  if (server == NULL)
    return NULL;
  /* A connection has one request in flight, so this bound never refuses. */
  writes = pdn_write_queue_new (store, limits.max_connections, error);
  if (writes == NULL)
    return NULL;
  pdn_write_queue_add_commit_hook (writes, G_CALLBACK (wake_sender), NULL);
  pdn_server_set_write_queue (server, writes);
  pdn_server_set_web_root (server, web_root);
  if (!pdn_server_listen (server, pdn_config_get_listen_host (config),
                             pdn_config_get_listen_port (config), error))
    return NULL;
  return g_steal_pointer (&server);
}

/* [notifications], read before anything starts so a bad value stops the
 * daemon before it listens. */
static PdnNotificationSettings *
load_notification_settings (PdnConfig *config, GError **error)
{
  g_autoptr (PdnNotificationSettings) settings = pdn_notification_settings_new ();

  if (!pdn_notification_settings_load (settings, pdn_config_get_key_file (config), error))
    {
      g_prefix_error (error, "[%s] ", PDN_NOTIFICATIONS_GROUP);
      return NULL;
    }
  return g_steal_pointer (&settings);
}

/* [analyses]: the privacy floors and the runs computed at once. */
static gboolean
load_analysis_settings (PdnConfig *config, PdnAnalysisSettings *settings, GError **error)
{
  pdn_analysis_settings_init (settings);
  if (pdn_analysis_settings_load (settings, pdn_config_get_key_file (config), error))
    return TRUE;
  g_prefix_error (error, "[%s] ", PDN_ANALYSES_GROUP);
  return FALSE;
}

/* The analysis runs' threads, which the routes find as the default
 * runner. Runs an earlier process left unfinished are marked failed. */
static PdnAnalysisRunner *
start_analysis_runner (PdnAnalysisSettings *settings, PdnStorePool *stores, GError **error)
{
  g_autoptr (PdnAnalysisRunner) runner
      = pdn_analysis_runner_new (pdn_store_pool_get_path (stores), settings, error);

  if (runner == NULL)
    return NULL;
  pdn_analysis_runner_set_default (runner);
  return g_steal_pointer (&runner);
}

/* The outbox's sender on its own thread: SMTP when smtp-url is set, else
 * one file per message in DATA_DIR/outbox. */
static PdnNotificationSender *
start_sender (PdnNotificationSettings *settings, PdnDataDir *data_dir, PdnStore *stores,
              GError **error)
{
  g_autofree gchar *outbox = pdn_data_dir_build_path (data_dir, "outbox");
  g_autoptr (PdnMailTransport) transport
      = pdn_notification_settings_make_transport (settings, outbox);
  g_autoptr (PdnNotificationSender) sender
      = pdn_notification_sender_new (stores, transport, settings);

  if (!pdn_notification_sender_start (sender, error))
    return NULL;
  return g_steal_pointer (&sender);
}

static int
run_daemon (PdnConfig *config, PdnDaemonOptions *options)
{
  const gchar *const *plugin_dirs = (const gchar *const *) options->plugin_dirs;
  g_autoptr (PdnWebRoot) web_root = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnDataDir) data_dir = pdn_data_dir_new (pdn_config_get_data_dir (config));
  g_autoptr (PdnNotificationSettings) notifications = NULL;
  g_autoptr (PdnStorePool) stores = NULL;
  g_autoptr (PdnServer) server = NULL;
  g_autoptr (PdnNotificationSender) sender = NULL;
  g_autoptr (PdnAnalysisRunner) analyses = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  PdnAnalysisSettings analysis_settings;
  g_autofree gchar *url = NULL;
  PdnDaemon daemon = { 0 };

  notifications = load_notification_settings (config, &error);
  if (notifications == NULL || !load_analysis_settings (config, &analysis_settings, &error)
      || !open_web_root (options->web_dir, &web_root, &error)
      || !pdn_data_dir_lock_daemon (data_dir, &error))
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* Routes run on the server thread and on worker threads: each thread
   * gets its own connection from the pool. */
  stores = pdn_data_dir_open_store_pool (data_dir, &error);
  if (stores == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* Before routing: plugins add routes. A plugin that fails is skipped. */
  pdn_plugin_hooks_load (plugin_dirs, PDN_STORE (stores), pdn_config_get_key_file (config));
  analyses = start_analysis_runner (&analysis_settings, stores, &error);
  if (analyses == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  server = start_server (config, PDN_STORE (stores), web_root, &error);
  if (server == NULL
      || (sender = start_sender (notifications, data_dir, PDN_STORE (stores), &error)) == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* TRANSLATORS: %s is a directory, %u a database schema version */
  g_print (_("pdnetd: serving %s (schema %u)\n"), pdn_data_dir_get_path (data_dir),
           pdn_store_schema_version (PDN_STORE (stores)));
  /* Not translated: scripts and tests read this line for the port. */
  url = pdn_server_get_url (server);
  g_print ("listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  daemon.loop = loop;
  daemon.server = server;
  g_unix_signal_add (SIGTERM, quit_on_signal, &daemon);
  g_unix_signal_add (SIGINT, quit_on_signal, &daemon);
  g_main_loop_run (loop);

  /* Stops the sender (abandoning a message in flight, which stays due),
   * closes what is left, then the stores (once no route holds them). */
  pdn_notification_sender_stop (sender);
  g_clear_object (&sender);
  g_clear_object (&server);
  /* Runs still computing are cancelled and recorded as failed. */
  pdn_analysis_runner_set_default (NULL);
  pdn_analysis_runner_shutdown (analyses);
  g_clear_object (&analyses);
  pdn_plugin_registry_shutdown (pdn_plugin_registry_get_default ());
  g_clear_object (&stores);
  g_print (_("pdnetd: stopped\n"));
  return EXIT_SUCCESS;
}

/* Each password check maps, fills and unmaps 64 MiB (libsodium's Argon2)
 * on a worker thread, holding the process's memory-map lock; when the
 * server thread grows or trims its heap meanwhile it waits for that lock,
 * for tens of milliseconds. Growing the heap in large steps, not trimming
 * it, and keeping blocks under 4 MiB on the heap keep the server thread
 * out of that queue (health during 20 sign-ins: max 50-100 ms before, about
 * 10 ms after). */
static void
tune_malloc (void)
{
#ifdef M_TOP_PAD
  mallopt (M_TOP_PAD, 16 << 20);
  mallopt (M_TRIM_THRESHOLD, 256 << 20);
  mallopt (M_MMAP_THRESHOLD, 4 << 20);
#endif
}

int
main (int argc, char **argv)
{
  g_auto (PdnDaemonOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnConfig) config = NULL;

  tune_malloc ();
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
  if (options.list_routes)
    return list_routes (&options);
  if (options.openapi)
    return print_openapi (&options);
  config = load_config (&options, &error);
  if (config == NULL)
    {
      g_printerr ("pdnetd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return run_daemon (config, &options);
}
