/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-network.h"

/* /api/v1/organizations on the real daemon: admins write, everyone
 * signed in reads. */

static PdnTestNetwork *net;

static PdnTestReply *
call (const gchar *method, const gchar *path, const gchar *token, const gchar *body)
{
  return pdn_test_network_call (net, method, path, token, body);
}

/* Creates an organization as the admin and returns its id. */
static gint64
create (const gchar *body)
{
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/organizations", net->admin, body);

  return json_object_get_int_member (pdn_test_assert_reply_ok (reply, 201), "id");
}

static void
test_create (void)
{
  g_autoptr (PdnTestReply) reply = call (
      "POST", "/api/v1/organizations", net->admin,
      "{\"name\":\"St. Mary's Diocese\",\"kind\":\"diocese\","
      "\"email_domains\":[\"StMarys.example\",\"dio.example\"]}");
  JsonObject *organization = pdn_test_assert_reply_ok (reply, 201);
  JsonArray *domains = json_object_get_array_member (organization, "email_domains");
  g_autofree gchar *location = g_strdup_printf (
      "/api/v1/organizations/%lld", (long long) json_object_get_int_member (organization, "id"));
  g_autoptr (PdnTestReply) again = NULL;

  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
  g_assert_cmpstr (json_object_get_string_member (organization, "name"), ==,
                   "St. Mary's Diocese");
  g_assert_cmpstr (json_object_get_string_member (organization, "slug"), ==,
                   "st-mary-s-diocese");
  g_assert_cmpstr (json_object_get_string_member (organization, "kind"), ==, "diocese");
  /* Stored lowercase, in order. */
  g_assert_cmpuint (json_array_get_length (domains), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (domains, 0), ==, "dio.example");
  g_assert_cmpstr (json_array_get_string_element (domains, 1), ==, "stmarys.example");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (organization, "created_at"),
                                   "Z"));

  /* Read back by every role. */
  again = call ("GET", location, net->district_teacher, NULL);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (again, 200), "slug"),
                   ==, "st-mary-s-diocese");
}

static void
test_given_slug (void)
{
  g_autoptr (PdnTestReply) reply
      = call ("POST", "/api/v1/organizations", net->admin,
              "{\"name\":\"Northside Partners\",\"slug\":\"northside\",\"kind\":\"partner\"}");
  g_autoptr (PdnTestReply) taken
      = call ("POST", "/api/v1/organizations", net->admin,
              "{\"name\":\"Northside Two\",\"slug\":\"northside\",\"kind\":\"partner\"}");
  g_autoptr (PdnTestReply) derived_taken
      = call ("POST", "/api/v1/organizations", net->admin,
              "{\"name\":\"Riverton Public Schools\",\"kind\":\"district\"}");

  g_assert_cmpstr (
      json_object_get_string_member (pdn_test_assert_reply_ok (reply, 201), "slug"), ==,
      "northside");
  pdn_test_assert_reply_problem (taken, 409, "conflict", "slug");
  pdn_test_assert_reply_problem (derived_taken, 409, "conflict", "slug");
}

static void
test_roles (void)
{
  const gchar *body = "{\"name\":\"Not Allowed\",\"kind\":\"partner\"}";
  const gchar *forbidden[] = { net->district_coordinator, net->district_lead,
                               net->charter_coordinator, net->district_teacher };
  g_autofree gchar *path
      = g_strdup_printf ("/api/v1/organizations/%lld", (long long) net->charter_id);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autoptr (PdnTestReply) post = call ("POST", "/api/v1/organizations", forbidden[i], body);
      g_autoptr (PdnTestReply) patch = call ("PATCH", path, forbidden[i], body);
      g_autoptr (PdnTestReply) delete = call ("DELETE", path, forbidden[i], NULL);
      g_autoptr (PdnTestReply) list = call ("GET", "/api/v1/organizations", forbidden[i], NULL);
      g_autoptr (PdnTestReply) get = call ("GET", path, forbidden[i], NULL);
      g_autoptr (GArray) ids = pdn_test_reply_item_ids (list);

      pdn_test_assert_reply_problem (post, 403, "forbidden", NULL);
      pdn_test_assert_reply_problem (patch, 403, "forbidden", NULL);
      pdn_test_assert_reply_problem (delete, 403, "forbidden", NULL);
      g_assert_true (pdn_test_ids_contain (ids, net->district_id));
      g_assert_true (pdn_test_ids_contain (ids, net->charter_id));
      g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (get, 200), "name"),
                       ==, "Harbor Charter Network");
    }
}

static void
test_needs_token (void)
{
  const gchar *body = "{\"name\":\"Anonymous\",\"kind\":\"partner\"}";
  g_autofree gchar *path
      = g_strdup_printf ("/api/v1/organizations/%lld", (long long) net->district_id);

  pdn_test_assert_needs_token (net, "POST", "/api/v1/organizations", body);
  pdn_test_assert_needs_token (net, "GET", "/api/v1/organizations", NULL);
  pdn_test_assert_needs_token (net, "GET", path, NULL);
  pdn_test_assert_needs_token (net, "PATCH", path, body);
  pdn_test_assert_needs_token (net, "DELETE", path, NULL);
}

typedef struct
{
  const gchar *body;
  const gchar *field;
} BadInput;

static void
test_bad_input (void)
{
  static const BadInput cases[] = {
    { "{\"kind\":\"district\"}", "name" },
    { "{\"name\":\"No Kind\"}", "kind" },
    { "{\"name\":\"X\",\"kind\":\"district\",\"motto\":\"hi\"}", "motto" },
    { "{\"name\":5,\"kind\":\"district\"}", "name" },
    { "{\"name\":null,\"kind\":\"district\"}", "name" },
    { "{\"name\":\"X\",\"kind\":\"school-board\"}", "kind" },
    { "{\"name\":\"X\",\"kind\":7}", "kind" },
    { "{\"name\":\"Bad \xff\xfe bytes\",\"kind\":\"district\"}", "name" },
    { "{\"name\":\"X\",\"kind\":\"district\",\"email_domains\":\"x.example\"}",
      "email_domains" },
    { "{\"name\":\"X\",\"kind\":\"district\",\"email_domains\":[5]}", "email_domains[0]" },
    { "{\"name\":\"X\",\"kind\":\"district\",\"email_domains\":[\"not a domain\"]}",
      "email_domains[0]" },
    { "{\"name\":\"X\",\"slug\":\"Not A Slug\",\"kind\":\"district\"}", "slug" },
    { "{\"name\":\"\",\"kind\":\"district\"}", "name" },
    { "[\"name\"]", "body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply
          = call ("POST", "/api/v1/organizations", net->admin, cases[i].body);

      g_test_message ("case %u", i);
      pdn_test_assert_reply_problem (reply, 400, "invalid-input", cases[i].field);
    }
  pdn_test_assert_healthy (net);
}

static void
test_sql_metacharacters (void)
{
  const gchar *name = "Robert'); DROP TABLE organizations;--";
  g_autofree gchar *body
      = g_strdup_printf ("{\"name\":\"%s\",\"slug\":\"bobby-tables\",\"kind\":\"partner\"}", name);
  gint64 id = create (body);
  g_autofree gchar *path = g_strdup_printf ("/api/v1/organizations/%lld", (long long) id);
  g_autoptr (PdnTestReply) get = call ("GET", path, net->district_lead, NULL);
  g_autoptr (PdnTestReply) filter
      = call ("GET", "/api/v1/organizations?kind=partner'%20OR%201=1--", net->admin, NULL);
  g_autoptr (PdnTestReply) list = call ("GET", "/api/v1/organizations", net->admin, NULL);
  g_autoptr (GArray) ids = pdn_test_reply_item_ids (list);

  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (get, 200), "name"),
                   ==, name);
  pdn_test_assert_reply_problem (filter, 400, "invalid-input", "kind");
  g_assert_true (pdn_test_ids_contain (ids, net->district_id));
}

static void
test_list_filter_and_pages (void)
{
  g_autoptr (GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;
  guint pages = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree gchar *body
          = g_strdup_printf ("{\"name\":\"Paging Network %u\",\"kind\":\"cmo\"}", i);
      gint64 id = create (body);
      g_array_append_val (created, id);
    }
  /* Every cmo, two at a time: the seeded one and the five new ones. */
  do
    {
      g_autofree gchar *path = g_strdup_printf ("/api/v1/organizations?kind=cmo&limit=2%s%s",
                                                cursor != NULL ? "&cursor=" : "",
                                                cursor != NULL ? cursor : "");
      g_autoptr (PdnTestReply) reply = call ("GET", path, net->charter_teacher, NULL);
      JsonObject *page = pdn_test_assert_reply_ok (reply, 200);
      JsonArray *items = json_object_get_array_member (page, "items");
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_assert_cmpuint (json_array_get_length (items), <=, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          gint64 id = json_object_get_int_member (item, "id");

          g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "cmo");
          g_assert_false (pdn_test_ids_contain (seen, id));
          g_assert_true (seen->len == 0 || id > g_array_index (seen, gint64, seen->len - 1));
          g_array_append_val (seen, id);
        }
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen->len, ==, 6);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpint (g_array_index (seen, gint64, 0), ==, net->charter_id);
  for (guint i = 0; i < created->len; i++)
    g_assert_true (pdn_test_ids_contain (seen, g_array_index (created, gint64, i)));
}

static void
test_list_bad_query (void)
{
  g_autoptr (PdnTestReply) unknown
      = call ("GET", "/api/v1/organizations?sector=district", net->admin, NULL);
  g_autoptr (PdnTestReply) limit = call ("GET", "/api/v1/organizations?limit=0", net->admin, NULL);
  g_autoptr (PdnTestReply) cursor
      = call ("GET", "/api/v1/organizations?cursor=abc", net->admin, NULL);

  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "sector");
  pdn_test_assert_reply_problem (limit, 400, "invalid-input", "limit");
  pdn_test_assert_reply_problem (cursor, 400, "invalid-input", "cursor");
}

static void
test_patch (void)
{
  gint64 id = create ("{\"name\":\"Lakeview Schools\",\"kind\":\"district\","
                      "\"email_domains\":[\"lakeview.example\"]}");
  g_autofree gchar *path = g_strdup_printf ("/api/v1/organizations/%lld", (long long) id);
  g_autoptr (PdnTestReply) renamed
      = call ("PATCH", path, net->admin, "{\"name\":\"Lakeview Unified\",\"email_domains\":[]}");
  JsonObject *organization = pdn_test_assert_reply_ok (renamed, 200);
  g_autoptr (PdnTestReply) bad_kind = call ("PATCH", path, net->admin, "{\"kind\":\"town\"}");
  g_autoptr (PdnTestReply) unknown = call ("PATCH", path, net->admin, "{\"id\":3}");
  g_autoptr (PdnTestReply) missing
      = call ("PATCH", "/api/v1/organizations/999999", net->admin, "{\"name\":\"Ghost\"}");
  g_autoptr (PdnTestReply) again = call ("GET", path, net->admin, NULL);

  g_assert_cmpstr (json_object_get_string_member (organization, "name"), ==, "Lakeview Unified");
  /* The slug stays: it is in URLs and branch names. */
  g_assert_cmpstr (json_object_get_string_member (organization, "slug"), ==, "lakeview-schools");
  g_assert_cmpstr (json_object_get_string_member (organization, "kind"), ==, "district");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (organization,
                                                                         "email_domains")),
                    ==, 0);
  pdn_test_assert_reply_problem (bad_kind, 400, "invalid-input", "kind");
  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "id");
  pdn_test_assert_reply_problem (missing, 404, "not-found", NULL);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (again, 200), "name"),
                   ==, "Lakeview Unified");
}

static void
test_not_found (void)
{
  g_autoptr (PdnTestReply) missing
      = call ("GET", "/api/v1/organizations/999999", net->admin, NULL);
  g_autoptr (PdnTestReply) word = call ("GET", "/api/v1/organizations/abc", net->admin, NULL);
  g_autoptr (PdnTestReply) gone
      = call ("DELETE", "/api/v1/organizations/999999", net->admin, NULL);

  pdn_test_assert_reply_problem (missing, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (word, 404, "not-found", "id");
  pdn_test_assert_reply_problem (gone, 404, "not-found", NULL);
}

static void
test_delete (void)
{
  gint64 id = create ("{\"name\":\"Short Lived\",\"kind\":\"partner\"}");
  g_autofree gchar *path = g_strdup_printf ("/api/v1/organizations/%lld", (long long) id);
  g_autofree gchar *referenced
      = g_strdup_printf ("/api/v1/organizations/%lld", (long long) net->district_id);
  g_autoptr (PdnTestReply) refused = call ("DELETE", referenced, net->admin, NULL);
  g_autoptr (PdnTestReply) deleted = call ("DELETE", path, net->admin, NULL);
  g_autoptr (PdnTestReply) after = call ("GET", path, net->admin, NULL);
  g_autoptr (PdnTestReply) still = call ("GET", referenced, net->admin, NULL);

  /* Schools and accounts refer to Riverton. */
  pdn_test_assert_reply_problem (refused, 409, "conflict", NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_null (deleted->node);
  pdn_test_assert_reply_problem (after, 404, "not-found", NULL);
  pdn_test_assert_reply_ok (still, 200);
}

int
main (int argc, char **argv)
{
  g_autoptr (PdnTestNetwork) network = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  network = net = pdn_test_network_start ();
  g_test_add_func ("/pdnet/api/organizations/create", test_create);
  g_test_add_func ("/pdnet/api/organizations/given-slug", test_given_slug);
  g_test_add_func ("/pdnet/api/organizations/roles", test_roles);
  g_test_add_func ("/pdnet/api/organizations/needs-token", test_needs_token);
  g_test_add_func ("/pdnet/api/organizations/bad-input", test_bad_input);
  g_test_add_func ("/pdnet/api/organizations/sql-metacharacters", test_sql_metacharacters);
  g_test_add_func ("/pdnet/api/organizations/list-filter-and-pages", test_list_filter_and_pages);
  g_test_add_func ("/pdnet/api/organizations/list-bad-query", test_list_bad_query);
  g_test_add_func ("/pdnet/api/organizations/patch", test_patch);
  g_test_add_func ("/pdnet/api/organizations/not-found", test_not_found);
  g_test_add_func ("/pdnet/api/organizations/delete", test_delete);
  status = g_test_run ();
  pdn_test_assert_healthy (net);
  return status;
}
