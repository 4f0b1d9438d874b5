/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pdn-account.h"
#include "pdn-api-json.h"
#include "pdn-api-page.h"
#include "pdn-request.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Small pieces the resource groups (organizations, schools, people,
 * programs, series, sessions, catalog) share: routing with the server
 * thread's store, JSON output of model fields, and the responses and
 * checks every group repeats. */

/* One resource's JSON by id: NULL with @error set (404 when there is none). */
typedef JsonNode *(*PdnApiLoadJson) (PdnStore *store, gint64 id, GError **error);

void pdn_api_resource_add (PdnRouter *router, const gchar *method, const gchar *pattern,
                           PdnRouteFlags flags, const gchar *openapi_operation,
                           PdnRouteHandler handler, PdnStore *store);

JsonNode *pdn_api_resource_get (PdnRequest *request, PdnStore *store, PdnApiLoadJson load,
                                GError **error);
JsonNode *pdn_api_resource_page (PdnApiPage *page, const GArray *ids, PdnStore *store,
                                 PdnApiLoadJson load, GError **error);

/* The ids of one page of a list, filtered by the request's query. */
typedef GArray *(*PdnApiSelectPage) (PdnStore *store, PdnRequest *request, PdnApiPage *page,
                                     GError **error);
JsonNode *pdn_api_resource_list (PdnRequest *request, PdnStore *store,
                                 const gchar *const *filters, PdnApiSelectPage select,
                                 PdnApiLoadJson load, GError **error);

void pdn_api_json_set_ids (JsonObject *object, const gchar *name, const GArray *ids);

JsonNode *pdn_api_resource_created (PdnRequest *request, const gchar *collection, gint64 id,
                                    JsonNode *body);
gboolean pdn_api_check_program_editor (PdnAccount *account, GError **error);
gboolean pdn_api_check_edit_program_field (PdnStore *store, PdnAccount *account,
                                           gint64 program_id, GError **error);
gboolean pdn_api_may_edit_program (PdnStore *store, PdnAccount *account, gint64 program_id,
                                   gboolean *allowed, GError **error);
GArray *pdn_api_collect_ids (PdnStatement *stmt, GError **error);
gboolean pdn_api_query_timestamp (PdnRequest *request, const gchar *name, gchar **value,
                                  GError **error);

G_END_DECLS
