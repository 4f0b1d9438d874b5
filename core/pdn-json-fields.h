/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PDN_TYPE_JSON_FIELDS (pdn_json_fields_get_type ())
G_DECLARE_FINAL_TYPE (PdnJsonFields, pdn_json_fields, PDN, JSON_FIELDS, GObject)

/**
 * PdnJsonFields:
 *
 * Reads the members of one JSON object strictly, for request bodies: each
 * getter checks the member's type and range and fails with
 * PDN_ERROR_INVALID_INPUT naming the field (with its path, such as
 * "affiliations[1].from"); pdn_json_fields_finish() refuses any member no
 * getter asked for, so a misspelt field is never silently ignored.
 *
 * Getters leave *value untouched when the member is absent, so the same
 * code serves POST (required fields) and PATCH (only what is present). A
 * JSON null counts as present and clears nullable text and ids.
 */

PdnJsonFields *pdn_json_fields_new (JsonNode *node, const gchar *path, GError **error);
gboolean pdn_json_fields_has (PdnJsonFields *self, const gchar *name);
void pdn_json_fields_skip (PdnJsonFields *self, const gchar *name);
gboolean pdn_json_fields_require (PdnJsonFields *self, const gchar *name, GError **error);
gboolean pdn_json_fields_get_string (PdnJsonFields *self, const gchar *name, gboolean nullable,
                                     gchar **value, GError **error);
gboolean pdn_json_fields_get_int (PdnJsonFields *self, const gchar *name, gint64 min, gint64 max,
                                  gint64 *value, GError **error);
gboolean pdn_json_fields_get_id (PdnJsonFields *self, const gchar *name, gboolean nullable,
                                 gint64 *value, GError **error);
gboolean pdn_json_fields_get_bool (PdnJsonFields *self, const gchar *name, gboolean *value,
                                   GError **error);
gboolean pdn_json_fields_get_ids (PdnJsonFields *self, const gchar *name, GArray **value,
                                  GError **error);
gboolean pdn_json_fields_get_strings (PdnJsonFields *self, const gchar *name, GPtrArray **value,
                                      GError **error);
gboolean pdn_json_fields_get_object (PdnJsonFields *self, const gchar *name, JsonNode **value,
                                     GError **error);
GPtrArray *pdn_json_fields_get_objects (PdnJsonFields *self, const gchar *name, GError **error);
gchar *pdn_json_fields_path (PdnJsonFields *self, const gchar *name);
gboolean pdn_json_fields_finish (PdnJsonFields *self, GError **error);

G_END_DECLS
