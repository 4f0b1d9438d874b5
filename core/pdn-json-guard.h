/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects a request body may have. */
#define PDN_JSON_GUARD_MAX_DEPTH 64

gboolean pdn_json_guard_check (const gchar *data, gsize length, guint max_depth, GError **error);
JsonNode *pdn_json_guard_parse (const gchar *data, gsize length, GError **error);

G_END_DECLS
