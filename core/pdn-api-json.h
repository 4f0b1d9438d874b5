/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pdn-json-fields.h"
#include "pdn-request.h"

G_BEGIN_DECLS

/* Small pieces every resource's handlers share when mapping models to and
 * from JSON: nullable members and enumerations by name. */

void pdn_api_json_set_text (JsonObject *object, const gchar *name, const gchar *value);
void pdn_api_json_set_id (JsonObject *object, const gchar *name, gint64 id);
JsonNode *pdn_api_json_node (JsonObject *object);
gboolean pdn_api_json_get_enum (PdnJsonFields *fields, const gchar *name,
                                const gchar *const *names, gint *value, GError **error);
gboolean pdn_api_query_enum (PdnRequest *request, const gchar *name, const gchar *const *names,
                             gint *value, GError **error);
gchar *pdn_api_json_enum_schema (const gchar *const *names);

G_END_DECLS
