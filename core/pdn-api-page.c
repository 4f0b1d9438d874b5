/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-api-page.h"

static gboolean
parse_number (const gchar *text, const gchar *field, gint64 min, gint64 max, gint64 *value,
              GError **error)
{
  guint64 number = 0;

  if (g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &number, NULL))
    {
      *value = (gint64) number;
      return TRUE;
    }
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("%s must be a whole number from %lld to %lld"), field, (long long) min,
                       (long long) max);
  return FALSE;
}

/**
 * pdn_api_page_init_limit:
 *
 * Reads `limit` only, for a list whose cursor is not an id (a key of
 * several columns): the list reads `cursor` itself and finishes with
 * pdn_api_page_finish_with_cursor().
 */
gboolean
pdn_api_page_init_limit (PdnApiPage *self, PdnRequest *request, GError **error)
{
  const gchar *limit = pdn_request_get_query (request, "limit");
  gint64 number = PDN_API_PAGE_DEFAULT_LIMIT;

  memset (self, 0, sizeof *self);
  if (limit != NULL && !parse_number (limit, "limit", 1, PDN_API_PAGE_MAX_LIMIT, &number, error))
    return FALSE;
  self->limit = (guint) number;
  self->items = json_array_new ();
  return TRUE;
}

/* Reads `limit` and `cursor` from the query. */
gboolean
pdn_api_page_init (PdnApiPage *self, PdnRequest *request, GError **error)
{
  const gchar *cursor = pdn_request_get_query (request, "cursor");

  if (!pdn_api_page_init_limit (self, request, error))
    return FALSE;
  if (cursor != NULL && !parse_number (cursor, "cursor", 0, G_MAXINT64, &self->after, error))
    {
      pdn_api_page_clear (self);
      return FALSE;
    }
  return TRUE;
}

void
pdn_api_page_clear (PdnApiPage *self)
{
  g_clear_pointer (&self->items, json_array_unref);
}

gint64
pdn_api_page_fetch_limit (PdnApiPage *self)
{
  return (gint64) self->limit + 1;
}

/**
 * pdn_api_page_add:
 * @item: (transfer full): the item's JSON
 *
 * Returns: %FALSE once the page is full (the row was the extra one).
 */
gboolean
pdn_api_page_add (PdnApiPage *self, gint64 id, JsonNode *item)
{
  if (json_array_get_length (self->items) >= self->limit)
    {
      json_node_unref (item);
      self->more = TRUE;
      return FALSE;
    }
  json_array_add_element (self->items, item);
  self->last_id = id;
  return TRUE;
}

/**
 * pdn_api_page_finish_with_cursor:
 * @next_cursor: the key of the last item kept, used when there is more
 *
 * {"items": [...], "next_cursor": @next_cursor or null}
 */
JsonNode *
pdn_api_page_finish_with_cursor (PdnApiPage *self, const gchar *next_cursor)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (object, "items", g_steal_pointer (&self->items));
  if (self->more)
    json_object_set_string_member (object, "next_cursor", next_cursor);
  else
    json_object_set_null_member (object, "next_cursor");
  json_node_take_object (node, object);
  return node;
}

/* {"items": [...], "next_cursor": "42" or null} */
JsonNode *
pdn_api_page_finish (PdnApiPage *self)
{
  g_autofree gchar *cursor = g_strdup_printf ("%lld", (long long) self->last_id);

  return pdn_api_page_finish_with_cursor (self, cursor);
}

/* Refuses query parameters a list does not know (a misspelt filter would
 * otherwise silently widen the list). */
gboolean
pdn_api_check_query (PdnRequest *request, const gchar *const *allowed, GError **error)
{
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, pdn_request_get_query_table (request));
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      if (g_str_equal (name, "limit") || g_str_equal (name, "cursor")
          || (allowed != NULL && g_strv_contains (allowed, name)))
        continue;
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, name,
                           _("%s is not a known query parameter"), (const gchar *) name);
      return FALSE;
    }
  return TRUE;
}

/* An optional id filter such as ?organization_id=3; 0 when absent. */
gboolean
pdn_api_query_id (PdnRequest *request, const gchar *name, gint64 *id, GError **error)
{
  const gchar *text = pdn_request_get_query (request, name);

  *id = 0;
  return text == NULL || parse_number (text, name, 1, G_MAXINT64, id, error);
}
