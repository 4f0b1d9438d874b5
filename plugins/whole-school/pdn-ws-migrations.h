/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

void pdn_ws_migrations_register (PdnContext *context);

G_END_DECLS
