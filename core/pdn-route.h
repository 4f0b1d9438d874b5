/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pdn-request.h"

G_BEGIN_DECLS

typedef enum
{
  PDN_ROUTE_DEFAULT = 0,
  PDN_ROUTE_JSON_BODY = 1 << 0, /* takes a JSON request body */
  PDN_ROUTE_WORKER = 1 << 1,    /* slow: runs on the worker pool */
  PDN_ROUTE_RAW_BODY = 1 << 2,  /* takes any other body as bytes (CSV imports) */
  /* A durable write: runs on the group-commit writer thread inside the
   * batch's transaction (the handler's own transaction is a savepoint), and
   * is answered only once the batch is on disk. */
  PDN_ROUTE_WRITE = 1 << 3,
  /* The pattern's last segment is a parameter that takes the rest of the
   * path (one segment or more, such as modules/intro.md), still
   * percent-encoded: the handler decodes and checks it (file paths). */
  PDN_ROUTE_TAIL_PARAM = 1 << 4,
} PdnRouteFlags;

#define PDN_TYPE_ROUTE (pdn_route_get_type ())
G_DECLARE_FINAL_TYPE (PdnRoute, pdn_route, PDN, ROUTE, GObject)

PdnRoute *pdn_route_new (const gchar *method, const gchar *path, PdnRouteFlags flags,
                         JsonNode *operation, PdnRouteHandler handler, gpointer user_data,
                         GDestroyNotify destroy);
const gchar *pdn_route_get_method (PdnRoute *self);
const gchar *pdn_route_get_path (PdnRoute *self);
PdnRouteFlags pdn_route_get_flags (PdnRoute *self);
JsonNode *pdn_route_get_operation (PdnRoute *self);
const gchar *const *pdn_route_get_param_names (PdnRoute *self);
gboolean pdn_route_match (PdnRoute *self, const gchar *const *segments,
                          const gchar *const *raw_segments, GHashTable **params);
JsonNode *pdn_route_invoke (PdnRoute *self, PdnRequest *request, GError **error);

G_END_DECLS
