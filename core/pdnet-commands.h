/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-cli.h"

G_BEGIN_DECLS

/* One function per `pdnet` subcommand, each in its own pdnet-<name>.c. */
/* (declarations are added here as subcommands land, kept sorted) */

G_END_DECLS
