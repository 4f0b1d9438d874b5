/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-api-caller.h"
#include "pdn-api-resource.h"
#include "pdn-references.h"
#include "pdn-time.h"

/**
 * pdn_api_resource_add:
 * @store: (nullable): the server thread's store, referenced by the route;
 *   %NULL only when listing routes
 *
 * pdn_router_add() for a handler whose user data is @store.
 */
void
pdn_api_resource_add (PdnRouter *router, const gchar *method, const gchar *pattern,
                      PdnRouteFlags flags, const gchar *openapi_operation,
                      PdnRouteHandler handler, PdnStore *store)
{
  pdn_router_add (router, method, pattern, flags, openapi_operation, handler,
                  store != NULL ? g_object_ref (store) : NULL,
                  store != NULL ? g_object_unref : NULL);
}

/* GET .../{id} for any signed-in caller: the resource by @load. */
JsonNode *
pdn_api_resource_get (PdnRequest *request, PdnStore *store, PdnApiLoadJson load, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  gint64 id = 0;

  if (caller == NULL || !pdn_request_get_param_id (request, "id", &id, error))
    return NULL;
  return load (store, id, error);
}

/**
 * pdn_api_resource_page:
 * @ids: (element-type gint64): the ids a list query selected for @page,
 *   with pdn_api_page_fetch_limit() rows at the most
 *
 * Loads each of @ids with @load into @page, then finishes it.
 *
 * Returns: (transfer full) (nullable): the page, or %NULL on error
 */
JsonNode *
pdn_api_resource_page (PdnApiPage *page, const GArray *ids, PdnStore *store, PdnApiLoadJson load,
                       GError **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      JsonNode *item;

      /* The look-ahead row only says there is more: never load it. */
      if (i >= page->limit)
        {
          page->more = TRUE;
          break;
        }
      item = load (store, id, error);
      if (item == NULL)
        return NULL;
      pdn_api_page_add (page, id, item);
    }
  return pdn_api_page_finish (page);
}

/**
 * pdn_api_resource_list:
 * @filters: (array zero-terminated=1): the query parameters @select reads
 *
 * A list any signed-in account may read: 401 without one, 400 for unknown
 * query parameters or a bad `limit`/`cursor`, else one page.
 */
JsonNode *
pdn_api_resource_list (PdnRequest *request, PdnStore *store, const gchar *const *filters,
                       PdnApiSelectPage select, PdnApiLoadJson load, GError **error)
{
  g_autoptr (PdnAccount) caller = pdn_api_require_caller (request, store, error);
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (GArray) ids = NULL;

  if (caller == NULL || !pdn_api_check_query (request, filters, error)
      || !pdn_api_page_init (&page, request, error))
    return NULL;
  ids = select (store, request, &page, error);
  if (ids == NULL)
    return NULL;
  return pdn_api_resource_page (&page, ids, store, load, error);
}

/* @ids: (element-type gint64) */
void
pdn_api_json_set_ids (JsonObject *object, const gchar *name, const GArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  json_object_set_array_member (object, name, array);
}

/**
 * pdn_api_resource_created:
 * @collection: the resource's collection path, such as "/programs"
 * @body: (transfer full) (nullable): the new resource's JSON; %NULL (an
 *   error while loading it back) passes through, leaving the response alone
 *
 * Answers 201 Created with the new resource's address, such as
 * /api/v1/programs/7, in a Location header.
 *
 * Returns: (transfer full) (nullable): @body
 */
JsonNode *
pdn_api_resource_created (PdnRequest *request, const gchar *collection, gint64 id, JsonNode *body)
{
  g_autofree gchar *location = NULL;

  if (body == NULL)
    return NULL;
  location = g_strdup_printf ("%s%s/%lld", PDN_API_PREFIX, collection, (long long) id);
  pdn_request_set_status (request, 201);
  pdn_request_set_response_header (request, "Location", location);
  return body;
}

/* Whether @account may edit some program at all (an admin, or a
 * coordinator for its organization): answers a teacher's or lead's write
 * with 403 before its body is looked at. */
gboolean
pdn_api_check_program_editor (PdnAccount *account, GError **error)
{
  return pdn_access_check_program_organizations (account, account->organization_id, NULL, error);
}

/* For a series or session naming its program: an unknown program_id is
 * a 400 naming the field (as the model would say), then the caller must
 * be allowed to edit that program. */
gboolean
pdn_api_check_edit_program_field (PdnStore *store, PdnAccount *account, gint64 program_id,
                                  GError **error)
{
  return pdn_require_program (store, program_id, "program_id", error)
         && pdn_access_check_edit_program (store, account, program_id, error);
}

/* pdn_access_check_edit_program() as a yes or no; FALSE only for a store
 * error. */
gboolean
pdn_api_may_edit_program (PdnStore *store, PdnAccount *account, gint64 program_id,
                          gboolean *allowed, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  *allowed = pdn_access_check_edit_program (store, account, program_id, &local_error);
  if (*allowed || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * pdn_api_collect_ids:
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the first
 *   column of every row of @stmt, or %NULL on error. Lists select the ids
 *   of a page this way, then load each item with its model.
 */
GArray *
pdn_api_collect_ids (PdnStatement *stmt, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdnStep step;

  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      gint64 id = pdn_statement_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return step == PDN_STEP_DONE ? g_steal_pointer (&ids) : NULL;
}

/* An optional RFC 3339 query parameter such as ?from=, in its UTC storage
 * form (NULL when absent) so it compares with stored timestamps as text. */
gboolean
pdn_api_query_timestamp (PdnRequest *request, const gchar *name, gchar **value, GError **error)
{
  const gchar *text = pdn_request_get_query (request, name);

  *value = NULL;
  if (text == NULL)
    return TRUE;
  *value = pdn_time_normalize_timestamp (text, name, error);
  return *value != NULL;
}
