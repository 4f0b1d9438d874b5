/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pdn-request.h"

G_BEGIN_DECLS

#define PDN_API_PAGE_DEFAULT_LIMIT 50
#define PDN_API_PAGE_MAX_LIMIT 200

/**
 * PdnApiPage:
 *
 * Keyset paging for list endpoints: items come in id order; `cursor` is
 * the last id of the previous page, so a page stays stable while rows are
 * added. A list query selects `WHERE id > ? ... ORDER BY id LIMIT ?` with
 * pdn_api_page_fetch_limit() rows (one more than the page) and adds each
 * item with pdn_api_page_add(); the extra row only says there is more.
 */
typedef struct
{
  gint64 after;  /* ids greater than this; 0 for the first page */
  guint limit;   /* items per page */
  JsonArray *items;
  gint64 last_id; /* of the last item kept */
  gboolean more;
} PdnApiPage;

gboolean pdn_api_page_init (PdnApiPage *self, PdnRequest *request, GError **error);
gboolean pdn_api_page_init_limit (PdnApiPage *self, PdnRequest *request, GError **error);
void pdn_api_page_clear (PdnApiPage *self);
gint64 pdn_api_page_fetch_limit (PdnApiPage *self);
gboolean pdn_api_page_add (PdnApiPage *self, gint64 id, JsonNode *item);
JsonNode *pdn_api_page_finish (PdnApiPage *self);
JsonNode *pdn_api_page_finish_with_cursor (PdnApiPage *self, const gchar *next_cursor);
gboolean pdn_api_check_query (PdnRequest *request, const gchar *const *allowed, GError **error);
gboolean pdn_api_query_id (PdnRequest *request, const gchar *name, gint64 *id, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnApiPage, pdn_api_page_clear)

/* The JSON Schema fragment of a page of @item_ref, for OpenAPI. */
#define PDN_API_PAGE_SCHEMA(item_ref)                                                            \
  "{\"type\":\"object\",\"required\":[\"items\",\"next_cursor\"],\"properties\":{"              \
  "\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"" item_ref "\"}},"                        \
  "\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}"

/* The query parameters every list takes, for OpenAPI "parameters". */
#define PDN_API_PAGE_PARAMETERS                                                                  \
  "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,"         \
  "\"maximum\":200,\"default\":50}},"                                                            \
  "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}"

G_END_DECLS
