/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdn-context.h>

#include "pdn-store.h"

G_BEGIN_DECLS

/* Applies the migrations @context's plugin registered that this database
 * has not seen, in order, each in its own transaction with its record in
 * `plugin_migrations`. A migration touching tables not the plugin's is
 * refused before it runs. */
gboolean pdn_plugin_migrations_apply (PdnStore *store, PdnContext *context, GError **error);

G_END_DECLS
