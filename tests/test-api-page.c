/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-api-page.h"

static PdnRequest *
request_with_query (const gchar *const *pairs)
{
  PdnRequest *request = pdn_request_new ("GET", "/api/v1/schools");
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i += 2)
    g_hash_table_insert (query, g_strdup (pairs[i]), g_strdup (pairs[i + 1]));
  pdn_request_take_query (request, query);
  return request;
}

static JsonNode *
item (gint64 id)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, id);
  return node;
}

static void
test_pages (void)
{
  const gchar *pairs[] = { "limit", "2", "cursor", "10", NULL };
  g_autoptr (PdnRequest) request = request_with_query (pairs);
  g_autoptr (GError) error = NULL;
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (JsonNode) result = NULL;
  JsonObject *object;

  g_assert_true (pdn_api_page_init (&page, request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (page.after, ==, 10);
  g_assert_cmpint (pdn_api_page_fetch_limit (&page), ==, 3);
  g_assert_true (pdn_api_page_add (&page, 11, item (11)));
  g_assert_true (pdn_api_page_add (&page, 14, item (14)));
  g_assert_false (pdn_api_page_add (&page, 15, item (15)));
  result = pdn_api_page_finish (&page);
  object = json_node_get_object (result);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==,
                    2);
  g_assert_cmpstr (json_object_get_string_member (object, "next_cursor"), ==, "14");
}

/* A list whose cursor is a key of several columns reads only `limit`
 * and gives its own cursor, used only when there is more. */
static void
test_keyed_pages (void)
{
  const gchar *pairs[] = { "limit", "1", "cursor", "3:2025-26:ela_growth", NULL };
  const gchar *bad_limit[] = { "limit", "0", NULL };
  g_autoptr (PdnRequest) request = request_with_query (pairs);
  g_autoptr (PdnRequest) bad_request = request_with_query (bad_limit);
  g_autoptr (GError) error = NULL;
  g_auto (PdnApiPage) page = { 0 };
  g_auto (PdnApiPage) last = { 0 };
  g_auto (PdnApiPage) refused = { 0 };
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (JsonNode) last_result = NULL;

  g_assert_false (pdn_api_page_init (&refused, request, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "cursor");
  g_clear_error (&error);
  g_assert_false (pdn_api_page_init_limit (&refused, bad_request, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "limit");
  g_clear_error (&error);

  g_assert_true (pdn_api_page_init_limit (&page, request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (page.after, ==, 0);
  g_assert_true (pdn_api_page_add (&page, 0, item (1)));
  g_assert_false (pdn_api_page_add (&page, 0, item (2)));
  result = pdn_api_page_finish_with_cursor (&page, "4:2025-26:math_growth");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (result), "next_cursor"),
                   ==, "4:2025-26:math_growth");

  g_assert_true (pdn_api_page_init_limit (&last, request, &error));
  g_assert_true (pdn_api_page_add (&last, 0, item (1)));
  last_result = pdn_api_page_finish_with_cursor (&last, "4:2025-26:math_growth");
  g_assert_true (json_object_get_null_member (json_node_get_object (last_result), "next_cursor"));
}

static void
test_last_page_has_null_cursor (void)
{
  g_autoptr (PdnRequest) request = request_with_query (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (PdnApiPage) page = { 0 };
  g_autoptr (JsonNode) result = NULL;

  g_assert_true (pdn_api_page_init (&page, request, &error));
  g_assert_cmpuint (page.limit, ==, PDN_API_PAGE_DEFAULT_LIMIT);
  g_assert_true (pdn_api_page_add (&page, 1, item (1)));
  result = pdn_api_page_finish (&page);
  g_assert_true (json_object_get_null_member (json_node_get_object (result), "next_cursor"));
}

static void
test_bad_query (void)
{
  const gchar *bad[][3] = { { "limit", "0", "limit" }, { "limit", "201", "limit" },
                            { "limit", "ten", "limit" }, { "cursor", "-1", "cursor" },
                            { "cursor", "1; DROP TABLE schools", "cursor" } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const gchar *pairs[] = { bad[i][0], bad[i][1], NULL };
      g_autoptr (PdnRequest) request = request_with_query (pairs);
      g_autoptr (GError) error = NULL;
      g_auto (PdnApiPage) page = { 0 };

      g_assert_false (pdn_api_page_init (&page, request, &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, bad[i][2]);
    }
}

static void
test_unknown_query_and_ids (void)
{
  const gchar *pairs[] = { "organisation_id", "3", "sector", "charter", NULL };
  const gchar *allowed[] = { "sector", "organization_id", NULL };
  const gchar *id_pairs[] = { "organization_id", "x", NULL };
  g_autoptr (PdnRequest) request = request_with_query (pairs);
  g_autoptr (PdnRequest) id_request = request_with_query (id_pairs);
  g_autoptr (GError) error = NULL;
  gint64 id = -1;

  g_assert_false (pdn_api_check_query (request, allowed, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "organisation_id");
  g_clear_error (&error);
  g_assert_true (pdn_api_query_id (request, "organization_id", &id, &error));
  g_assert_cmpint (id, ==, 0);
  g_assert_false (pdn_api_query_id (id_request, "organization_id", &id, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "organization_id");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/api-page/pages", test_pages);
  g_test_add_func ("/pdnet/api-page/last-page", test_last_page_has_null_cursor);
  g_test_add_func ("/pdnet/api-page/keyed-pages", test_keyed_pages);
  g_test_add_func ("/pdnet/api-page/bad-query", test_bad_query);
  g_test_add_func ("/pdnet/api-page/unknown-query-and-ids", test_unknown_query_and_ids);
  return g_test_run ();
}
