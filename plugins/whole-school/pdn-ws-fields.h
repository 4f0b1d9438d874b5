/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PdnWsFields:
 *
 * Reads the members of one JSON object strictly (request bodies and
 * program settings): each getter checks the member's type and range and
 * fails with PDN_ERROR_INVALID_INPUT naming the field with its path, such
 * as "team[2].person_id"; pdn_ws_fields_finish() refuses any member no
 * getter asked for, so a misspelt field is never silently ignored.
 *
 * An absent member, or a JSON null, leaves *value alone (or fails with
 * "is required" for a required one). The core's own reader is not part of
 * the plugin ABI, hence this one.
 */
typedef struct _PdnWsFields PdnWsFields;

PdnWsFields *pdn_ws_fields_new (JsonNode *node, const gchar *path, GError **error);
PdnWsFields *pdn_ws_fields_new_for_object (JsonObject *object, const gchar *path);
void pdn_ws_fields_free (PdnWsFields *self);
gchar *pdn_ws_fields_path (PdnWsFields *self, const gchar *name);
gboolean pdn_ws_fields_has (PdnWsFields *self, const gchar *name);
gboolean pdn_ws_fields_get_id (PdnWsFields *self, const gchar *name, gboolean required,
                               gint64 *value, GError **error);
gboolean pdn_ws_fields_get_int (PdnWsFields *self, const gchar *name, gboolean required,
                                gint64 min, gint64 max, gint64 *value, GError **error);
gboolean pdn_ws_fields_get_number (PdnWsFields *self, const gchar *name, gboolean required,
                                   gdouble min, gdouble max, gdouble *value, GError **error);
gboolean pdn_ws_fields_get_string (PdnWsFields *self, const gchar *name, gboolean required,
                                   glong max_chars, gchar **value, GError **error);
gboolean pdn_ws_fields_get_identifier (PdnWsFields *self, const gchar *name, gboolean required,
                                       gchar **value, GError **error);
gboolean pdn_ws_fields_get_date (PdnWsFields *self, const gchar *name, gboolean required,
                                 gchar **value, GError **error);
gboolean pdn_ws_fields_get_bool (PdnWsFields *self, const gchar *name, gboolean *value,
                                 GError **error);
gboolean pdn_ws_fields_get_array (PdnWsFields *self, const gchar *name, gboolean required,
                                  JsonArray **value, GError **error);
gboolean pdn_ws_fields_get_object (PdnWsFields *self, const gchar *name, gboolean required,
                                   JsonNode **value, GError **error);
gboolean pdn_ws_fields_finish (PdnWsFields *self, GError **error);

/* Checks on single values, shared with list elements. */
gboolean pdn_ws_check_identifier (const gchar *value, const gchar *field, GError **error);
gboolean pdn_ws_check_date (const gchar *value, const gchar *field, GError **error);
gboolean pdn_ws_check_text (const gchar *value, const gchar *field, glong max_chars,
                            GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsFields, pdn_ws_fields_free)

G_END_DECLS
