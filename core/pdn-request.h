/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PDN_TYPE_REQUEST (pdn_request_get_type ())
G_DECLARE_FINAL_TYPE (PdnRequest, pdn_request, PDN, REQUEST, GObject)

/**
 * PdnRouteHandler:
 * @request: the decoded request; set a status other than 200 with
 *   pdn_request_set_status()
 *
 * A JSON route: JSON in, JSON out. Runs on the server thread, or on a
 * worker thread for routes added with %PDN_ROUTE_WORKER.
 *
 * Returns: (transfer full) (nullable): the response body, %NULL with
 *   @error set for a problem response, or %NULL alone for 204 No Content.
 */
typedef JsonNode *(*PdnRouteHandler) (PdnRequest *request, gpointer user_data, GError **error);

PdnRequest *pdn_request_new (const gchar *method, const gchar *path);
const gchar *pdn_request_get_method (PdnRequest *self);
const gchar *pdn_request_get_path (PdnRequest *self);
const gchar *pdn_request_get_route (PdnRequest *self);
const gchar *pdn_request_get_param (PdnRequest *self, const gchar *name);
gboolean pdn_request_get_param_id (PdnRequest *self, const gchar *name, gint64 *id,
                                   GError **error);
const gchar *pdn_request_get_query (PdnRequest *self, const gchar *name);
GHashTable *pdn_request_get_query_table (PdnRequest *self);
const gchar *pdn_request_get_header (PdnRequest *self, const gchar *name);
JsonNode *pdn_request_get_body (PdnRequest *self);
GBytes *pdn_request_get_raw_body (PdnRequest *self);
const gchar *pdn_request_get_language (PdnRequest *self);
const gchar *pdn_request_get_remote_address (PdnRequest *self);

void pdn_request_set_status (PdnRequest *self, guint status);
guint pdn_request_get_status (PdnRequest *self);
void pdn_request_set_response_header (PdnRequest *self, const gchar *name, const gchar *value);
GHashTable *pdn_request_get_response_headers (PdnRequest *self);
void pdn_request_take_response (PdnRequest *self, const gchar *content_type, GBytes *body);
GBytes *pdn_request_get_response (PdnRequest *self, const gchar **content_type);
void pdn_request_set_problem_member (PdnRequest *self, const gchar *name, JsonNode *value);
JsonObject *pdn_request_get_problem_members (PdnRequest *self);
void pdn_request_set_account_id (PdnRequest *self, gint64 account_id);
gint64 pdn_request_get_account_id (PdnRequest *self);

/* For the server that decodes requests (and for tests). */
void pdn_request_set_route (PdnRequest *self, const gchar *route);
void pdn_request_take_params (PdnRequest *self, GHashTable *params);
void pdn_request_take_query (PdnRequest *self, GHashTable *query);
void pdn_request_set_header (PdnRequest *self, const gchar *name, const gchar *value);
void pdn_request_take_body (PdnRequest *self, JsonNode *body);
void pdn_request_take_raw_body (PdnRequest *self, GBytes *body);
void pdn_request_set_language (PdnRequest *self, const gchar *language);
void pdn_request_set_remote_address (PdnRequest *self, const gchar *address);

G_END_DECLS
