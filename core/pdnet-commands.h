/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-cli.h"

G_BEGIN_DECLS

/* One function per `pdnet` subcommand, each in its own pdnet-<name>.c. */
int pdnet_account (PdnCli *cli, int argc, char **argv);
int pdnet_analyze (PdnCli *cli, int argc, char **argv);
int pdnet_demo (PdnCli *cli, int argc, char **argv);
int pdnet_export (PdnCli *cli, int argc, char **argv);
int pdnet_import (PdnCli *cli, int argc, char **argv);
int pdnet_token (PdnCli *cli, int argc, char **argv);

G_END_DECLS
