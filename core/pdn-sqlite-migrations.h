/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQLite schema, one script per version: migration N brings a database
 * from version N-1 to N. Scripts are append-only once released. */
const gchar *const *pdn_sqlite_migrations (guint *n_migrations);

G_END_DECLS
