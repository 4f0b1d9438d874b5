/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-data-dir.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_CLI (pdn_cli_get_type ())
G_DECLARE_FINAL_TYPE (PdnCli, pdn_cli, PDN, CLI, GObject)

/* A subcommand: argv[0] is its own name; returns the exit status. */
typedef int (*PdnCliCommandFunc) (PdnCli *cli, int argc, char **argv);

PdnCli *pdn_cli_new (void);
void pdn_cli_set_data_dir (PdnCli *self, const gchar *path);
GOptionContext *pdn_cli_option_context_new (PdnCli *self, const gchar *parameter,
                                            const gchar *summary, const GOptionEntry *entries);
gboolean pdn_cli_parse (PdnCli *self, GOptionContext *context, int *argc, char ***argv);
PdnDataDir *pdn_cli_get_data_dir (PdnCli *self);
PdnStore *pdn_cli_open_store (PdnCli *self, GError **error);
int pdn_cli_fail (PdnCli *self, const GError *error);
int pdn_cli_usage_error (PdnCli *self, GOptionContext *context, const gchar *message);
gboolean pdn_cli_is_interactive (void);
void pdn_cli_progress (PdnCli *self, const gchar *label, guint64 done, guint64 total);
void pdn_cli_progress_bar (PdnCli *self, gdouble fraction, const gchar *message);
void pdn_cli_progress_end (PdnCli *self);

G_END_DECLS
