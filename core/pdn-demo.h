/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-demo-summary.h"
#include "pdn-plugin-registry.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Overrides the installed demo directory (tests, `meson devenv`). */
#define PDN_DEMO_DIR_ENV "PDNET_DEMO_DIR"

gchar *pdn_demo_default_dir (void);
gboolean pdn_demo_load (PdnStore *store, PdnPluginRegistry *plugins, const gchar *demo_dir,
                        GDateTime *today, PdnDemoSummary **summary, GError **error);

G_END_DECLS
