/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-cli.h"

/**
 * PdnCli:
 *
 * What every `pdnet` subcommand shares: the data directory (from
 * --data-dir, before or after the subcommand), the store opened on demand,
 * error printing and a progress line on a terminal.
 */
struct _PdnCli
{
  GObject parent_instance;
  gchar *data_dir_option;
  PdnDataDir *data_dir;
  PdnStore *store;
  gboolean progress_shown;
};

G_DEFINE_FINAL_TYPE (PdnCli, pdn_cli, G_TYPE_OBJECT)

static void
pdn_cli_finalize (GObject *object)
{
  PdnCli *self = PDN_CLI (object);

  g_clear_object (&self->store);
  g_clear_object (&self->data_dir);
  g_free (self->data_dir_option);
  G_OBJECT_CLASS (pdn_cli_parent_class)->finalize (object);
}

static void
pdn_cli_class_init (PdnCliClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_cli_finalize;
}

static void
pdn_cli_init (PdnCli *self)
{
}

PdnCli *
pdn_cli_new (void)
{
  return g_object_new (PDN_TYPE_CLI, NULL);
}

void
pdn_cli_set_data_dir (PdnCli *self, const gchar *path)
{
  g_free (self->data_dir_option);
  self->data_dir_option = g_strdup (path);
}

/**
 * pdn_cli_option_context_new:
 * @entries: (nullable): the subcommand's own options
 *
 * A translated option context that also takes --data-dir.
 */
GOptionContext *
pdn_cli_option_context_new (PdnCli *self, const gchar *parameter, const gchar *summary,
                            const GOptionEntry *entries)
{
  const GOptionEntry common[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &self->data_dir_option,
      N_("Use the data directory DIR (default: $XDG_DATA_HOME/pdnet)"), N_("DIR") },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  return context;
}

gboolean
pdn_cli_parse (PdnCli *self, GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  g_printerr ("pdnet: %s\n", error->message);
  /* TRANSLATORS: %s is a command such as "pdnet import" */
  g_printerr (_("Run '%s --help' to see the options.\n"), g_get_prgname ());
  return FALSE;
}

PdnDataDir *
pdn_cli_get_data_dir (PdnCli *self)
{
  if (self->data_dir == NULL)
    self->data_dir = pdn_data_dir_new (self->data_dir_option);
  return self->data_dir;
}

/* The store is shared with a running daemon through SQLite's locking. */
PdnStore *
pdn_cli_open_store (PdnCli *self, GError **error)
{
  if (self->store == NULL)
    self->store = pdn_data_dir_open_store (pdn_cli_get_data_dir (self), error);
  return self->store;
}

int
pdn_cli_fail (PdnCli *self, const GError *error)
{
  const gchar *field = pdn_error_get_field (error);

  pdn_cli_progress_end (self);
  if (field != NULL)
    /* TRANSLATORS: an error message, then the input field it concerns */
    g_printerr (_("pdnet: %s (field: %s)\n"), error->message, field);
  else
    g_printerr ("pdnet: %s\n", error->message);
  return EXIT_FAILURE;
}

int
pdn_cli_usage_error (PdnCli *self, GOptionContext *context, const gchar *message)
{
  g_autofree gchar *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("pdnet: %s\n\n%s", message, help);
  return 2;
}

gboolean
pdn_cli_is_interactive (void)
{
  return isatty (STDERR_FILENO) == 1;
}

/* A single self-overwriting line on stderr, only on a terminal. */
void
pdn_cli_progress (PdnCli *self, const gchar *label, guint64 done, guint64 total)
{
  guint percent;

  if (!pdn_cli_is_interactive () || total == 0)
    return;
  percent = (guint) (done * 100 / total);
  g_printerr ("\r%s %3u%% (%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ")", label, percent, done,
              total);
  self->progress_shown = TRUE;
}

/* The same line as a bar, for work measured as a fraction (0..1), with
 * what is being done; the end of the line is cleared, since messages
 * differ in length. */
void
pdn_cli_progress_bar (PdnCli *self, gdouble fraction, const gchar *message)
{
  const guint width = 30;
  guint filled;
  g_autoptr (GString) bar = NULL;

  if (!pdn_cli_is_interactive ())
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  filled = (guint) (fraction * width + 0.5);
  bar = g_string_new ("\r[");
  for (guint i = 0; i < width; i++)
    g_string_append_c (bar, i < filled ? '#' : '.');
  g_string_append_printf (bar, "] %3u%%", (guint) (fraction * 100 + 0.5));
  if (message != NULL)
    g_string_append_printf (bar, " %s", message);
  g_string_append (bar, "\033[K");
  g_printerr ("%s", bar->str);
  self->progress_shown = TRUE;
}

void
pdn_cli_progress_end (PdnCli *self)
{
  if (!self->progress_shown)
    return;
  g_printerr ("\n");
  self->progress_shown = FALSE;
}
