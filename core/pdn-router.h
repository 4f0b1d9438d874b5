/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pdn-route.h"

G_BEGIN_DECLS

/* Where the JSON API lives. */
#define PDN_API_PREFIX "/api/v1"

#define PDN_TYPE_ROUTER (pdn_router_get_type ())
G_DECLARE_FINAL_TYPE (PdnRouter, pdn_router, PDN, ROUTER, GObject)

PdnRouter *pdn_router_new (void);
void pdn_router_set_public_url (PdnRouter *self, const gchar *public_url);
const gchar *pdn_router_get_public_url (PdnRouter *self);
void pdn_router_add (PdnRouter *self, const gchar *method, const gchar *pattern,
                     PdnRouteFlags flags, const gchar *openapi_operation,
                     PdnRouteHandler handler, gpointer user_data, GDestroyNotify destroy);
void pdn_router_add_schema (PdnRouter *self, const gchar *name, const gchar *json_schema);
GPtrArray *pdn_router_get_routes (PdnRouter *self);
PdnRoute *pdn_router_match (PdnRouter *self, const gchar *method, const gchar *raw_path,
                            GHashTable **params, gchar **allowed, GError **error);
JsonNode *pdn_router_build_openapi (PdnRouter *self);

G_END_DECLS
