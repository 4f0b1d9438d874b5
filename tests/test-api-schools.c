/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-school-facts.h"
#include "pdn-test-network.h"

/* /api/v1/schools on the real daemon: everyone signed in reads; admins
 * and the coordinators of a school's organization write. */

static PdnTestNetwork *net;

static PdnTestReply *
call (const gchar *method, const gchar *path, const gchar *token, const gchar *body)
{
  return pdn_test_network_call (net, method, path, token, body);
}

static gchar *
school_path (gint64 id)
{
  return g_strdup_printf ("/api/v1/schools/%lld", (long long) id);
}

static gint64
create (const gchar *token, const gchar *body)
{
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/schools", token, body);

  return json_object_get_int_member (pdn_test_assert_reply_ok (reply, 201), "id");
}

static gchar *
school_body (const gchar *name, gint64 organization_id)
{
  return g_strdup_printf ("{\"name\":\"%s\",\"sector\":\"district\",\"organization_id\":%lld}",
                          name, (long long) organization_id);
}

static void
test_create (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Jefferson High\",\"sector\":\"district\",\"organization_id\":%lld,"
      "\"city\":\"Riverton\",\"external_id\":\"NCES-0001\"}",
      (long long) net->district_id);
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/schools", net->admin, body);
  JsonObject *school = pdn_test_assert_reply_ok (reply, 201);
  g_autofree gchar *path = school_path (json_object_get_int_member (school, "id"));
  g_autoptr (PdnTestReply) get = NULL;

  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (school, "name"), ==, "Jefferson High");
  g_assert_cmpstr (json_object_get_string_member (school, "sector"), ==, "district");
  g_assert_cmpint (json_object_get_int_member (school, "organization_id"), ==, net->district_id);
  g_assert_cmpstr (json_object_get_string_member (school, "city"), ==, "Riverton");
  g_assert_cmpstr (json_object_get_string_member (school, "external_id"), ==, "NCES-0001");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (school, "facts")), ==, 0);

  /* Blank optional text is stored as null. */
  get = call ("POST", "/api/v1/schools", net->district_coordinator,
              "{\"name\":\"Blank City\",\"sector\":\"district\",\"organization_id\":1,"
              "\"city\":\"  \",\"external_id\":null}");
  school = pdn_test_assert_reply_ok (get, 201);
  g_assert_true (json_object_get_null_member (school, "city"));
  g_assert_true (json_object_get_null_member (school, "external_id"));
}

/* Coordinators create, change and remove only their own organization's
 * schools; leads and teachers none; every role reads them all. */
static void
test_roles (void)
{
  g_autofree gchar *own = school_body ("Coordinated Elementary", net->district_id);
  g_autofree gchar *other = school_body ("Not Yours Academy", net->charter_id);
  g_autofree gchar *harbor = school_path (net->harbor_id);
  g_autofree gchar *lincoln = school_path (net->lincoln_id);
  const gchar *readers[] = { net->admin, net->district_coordinator, net->district_lead,
                             net->charter_coordinator, net->district_teacher,
                             net->charter_teacher };
  const gchar *non_editors[] = { net->district_lead, net->district_teacher };
  gint64 id = create (net->district_coordinator, own);
  g_autoptr (PdnTestReply) foreign_post
      = call ("POST", "/api/v1/schools", net->district_coordinator, other);
  g_autoptr (PdnTestReply) foreign_patch
      = call ("PATCH", harbor, net->district_coordinator, "{\"city\":\"Elsewhere\"}");
  g_autoptr (PdnTestReply) foreign_delete
      = call ("DELETE", harbor, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) own_patch
      = call ("PATCH", lincoln, net->district_coordinator, "{\"city\":\"Riverton\"}");

  g_assert_cmpint (id, >, 0);
  pdn_test_assert_reply_problem (foreign_post, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (foreign_patch, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (foreign_delete, 403, "forbidden", NULL);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (own_patch, 200),
                                                  "city"),
                   ==, "Riverton");
  for (guint i = 0; i < G_N_ELEMENTS (non_editors); i++)
    {
      g_autoptr (PdnTestReply) post = call ("POST", "/api/v1/schools", non_editors[i], own);
      g_autoptr (PdnTestReply) patch = call ("PATCH", lincoln, non_editors[i], "{\"city\":\"X\"}");
      g_autoptr (PdnTestReply) delete = call ("DELETE", lincoln, non_editors[i], NULL);

      pdn_test_assert_reply_problem (post, 403, "forbidden", NULL);
      pdn_test_assert_reply_problem (patch, 403, "forbidden", NULL);
      pdn_test_assert_reply_problem (delete, 403, "forbidden", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr (PdnTestReply) list = call ("GET", "/api/v1/schools?limit=200", readers[i], NULL);
      g_autoptr (PdnTestReply) get = call ("GET", harbor, readers[i], NULL);
      g_autoptr (GArray) ids = pdn_test_reply_item_ids (list);

      g_assert_true (pdn_test_ids_contain (ids, net->harbor_id));
      g_assert_true (pdn_test_ids_contain (ids, net->lincoln_id));
      g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (get, 200), "name"),
                       ==, "Harbor Prep");
    }
}

/* Moving a school needs the right on both organizations. */
static void
test_move (void)
{
  g_autofree gchar *body = school_body ("Moving School", net->district_id);
  gint64 id = create (net->district_coordinator, body);
  g_autofree gchar *path = school_path (id);
  g_autofree gchar *to_charter
      = g_strdup_printf ("{\"organization_id\":%lld,\"sector\":\"charter\"}",
                         (long long) net->charter_id);
  g_autoptr (PdnTestReply) refused = call ("PATCH", path, net->district_coordinator, to_charter);
  g_autoptr (PdnTestReply) moved = call ("PATCH", path, net->admin, to_charter);
  g_autoptr (PdnTestReply) after = call ("GET", path, net->charter_coordinator, NULL);
  JsonObject *school;

  pdn_test_assert_reply_problem (refused, 403, "forbidden", NULL);
  pdn_test_assert_reply_ok (moved, 200);
  school = pdn_test_assert_reply_ok (after, 200);
  g_assert_cmpint (json_object_get_int_member (school, "organization_id"), ==, net->charter_id);
  g_assert_cmpstr (json_object_get_string_member (school, "sector"), ==, "charter");
  g_assert_cmpstr (json_object_get_string_member (school, "name"), ==, "Moving School");
}

static void
test_needs_token (void)
{
  g_autofree gchar *body = school_body ("Anonymous", net->district_id);
  g_autofree gchar *path = school_path (net->lincoln_id);

  pdn_test_assert_needs_token (net, "POST", "/api/v1/schools", body);
  pdn_test_assert_needs_token (net, "GET", "/api/v1/schools", NULL);
  pdn_test_assert_needs_token (net, "GET", path, NULL);
  pdn_test_assert_needs_token (net, "PATCH", path, "{\"city\":\"X\"}");
  pdn_test_assert_needs_token (net, "DELETE", path, NULL);
}

typedef struct
{
  const gchar *body;
  guint status;
  const gchar *field;
} BadInput;

static void
test_bad_input (void)
{
  static const BadInput cases[] = {
    { "{\"sector\":\"district\",\"organization_id\":1}", 400, "name" },
    { "{\"name\":\"X\",\"organization_id\":1}", 400, "sector" },
    { "{\"name\":\"X\",\"sector\":\"district\"}", 400, "organization_id" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":1,\"state\":\"TX\"}", 400,
      "state" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":\"1\"}", 400,
      "organization_id" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":1.5}", 400,
      "organization_id" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":0}", 400, "organization_id" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":999999}", 400,
      "organization_id" },
    { "{\"name\":[\"X\"],\"sector\":\"district\",\"organization_id\":1}", 400, "name" },
    { "{\"name\":\"X\",\"sector\":\"private\",\"organization_id\":1}", 400, "sector" },
    { "{\"name\":\"X\",\"sector\":true,\"organization_id\":1}", 400, "sector" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":1,\"city\":5}", 400,
      "city" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":1,\"city\":\"\xc3\x28\"}",
      400, "city" },
    { "{\"name\":\"   \",\"sector\":\"district\",\"organization_id\":1}", 400, "name" },
    { "{\"name\":\"X\",\"sector\":\"district\",\"organization_id\":1,"
      "\"external_id\":\"NCES-0001\"}",
      409, "external_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/schools", net->admin, cases[i].body);

      g_test_message ("case %u", i);
      pdn_test_assert_reply_problem (reply, cases[i].status,
                                     cases[i].status == 409 ? "conflict" : "invalid-input",
                                     cases[i].field);
    }
  pdn_test_assert_healthy (net);
}

static void
test_sql_metacharacters (void)
{
  const gchar *name = "Robert'); DROP TABLE schools;--";
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"%s\",\"sector\":\"catholic\",\"organization_id\":%lld,"
      "\"external_id\":\"x' OR '1'='1\"}",
      name, (long long) net->district_id);
  gint64 id = create (net->admin, body);
  g_autofree gchar *path = school_path (id);
  g_autoptr (PdnTestReply) get = call ("GET", path, net->district_teacher, NULL);
  g_autoptr (PdnTestReply) by_external
      = call ("GET", "/api/v1/schools?external_id=x'%20OR%20'1'%3D'1", net->admin, NULL);
  g_autoptr (PdnTestReply) injected
      = call ("GET", "/api/v1/schools?external_id=%27%20OR%201%3D1--", net->admin, NULL);
  g_autoptr (GArray) found = pdn_test_reply_item_ids (by_external);
  g_autoptr (GArray) none = pdn_test_reply_item_ids (injected);
  g_autoptr (PdnTestReply) list = call ("GET", "/api/v1/schools?limit=200", net->admin, NULL);
  g_autoptr (GArray) all = pdn_test_reply_item_ids (list);

  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (get, 200), "name"),
                   ==, name);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, id);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (pdn_test_ids_contain (all, net->lincoln_id));
}

static void
test_filters (void)
{
  g_autofree gchar *by_organization
      = g_strdup_printf ("/api/v1/schools?organization_id=%lld", (long long) net->charter_id);
  g_autoptr (PdnTestReply) charter = call ("GET", by_organization, net->admin, NULL);
  g_autoptr (PdnTestReply) sector
      = call ("GET", "/api/v1/schools?sector=charter", net->admin, NULL);
  g_autoptr (GArray) charter_ids = pdn_test_reply_item_ids (charter);
  g_autoptr (GArray) sector_ids = pdn_test_reply_item_ids (sector);
  g_autoptr (PdnTestReply) bad_sector
      = call ("GET", "/api/v1/schools?sector=magnet", net->admin, NULL);
  g_autoptr (PdnTestReply) bad_organization
      = call ("GET", "/api/v1/schools?organization_id=riverton", net->admin, NULL);
  g_autoptr (PdnTestReply) unknown
      = call ("GET", "/api/v1/schools?city=Riverton", net->admin, NULL);

  g_assert_true (pdn_test_ids_contain (charter_ids, net->harbor_id));
  g_assert_false (pdn_test_ids_contain (charter_ids, net->lincoln_id));
  g_assert_true (pdn_test_ids_contain (sector_ids, net->harbor_id));
  g_assert_false (pdn_test_ids_contain (sector_ids, net->adams_id));
  pdn_test_assert_reply_problem (bad_sector, 400, "invalid-input", "sector");
  pdn_test_assert_reply_problem (bad_organization, 400, "invalid-input", "organization_id");
  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "city");
}

static void
test_pages (void)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;
  guint pages = 0;
  gint64 total;
  g_autoptr (PdnTestReply) everything
      = call ("GET", "/api/v1/schools?limit=200", net->admin, NULL);
  g_autoptr (GArray) all = pdn_test_reply_item_ids (everything);

  total = all->len;
  g_assert_cmpint (total, >=, 3);
  do
    {
      g_autofree gchar *path = g_strdup_printf ("/api/v1/schools?limit=2%s%s",
                                                cursor != NULL ? "&cursor=" : "",
                                                cursor != NULL ? cursor : "");
      g_autoptr (PdnTestReply) reply = call ("GET", path, net->district_lead, NULL);
      JsonObject *page = pdn_test_assert_reply_ok (reply, 200);
      JsonArray *items = json_object_get_array_member (page, "items");
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_assert_cmpuint (json_array_get_length (items), <=, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
          g_assert_cmpint (id, ==, g_array_index (all, gint64, seen->len));
          g_array_append_val (seen, id);
        }
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpint (seen->len, ==, total);
  g_assert_cmpuint (pages, ==, (total + 1) / 2);
}

static void
test_patch (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Patched Prep\",\"sector\":\"charter\",\"organization_id\":%lld,"
      "\"city\":\"Harbor City\",\"external_id\":\"HCN-7\"}",
      (long long) net->charter_id);
  gint64 id = create (net->charter_coordinator, body);
  g_autofree gchar *path = school_path (id);
  g_autoptr (PdnTestReply) cleared
      = call ("PATCH", path, net->charter_coordinator, "{\"city\":null,\"name\":\"Renamed Prep\"}");
  JsonObject *school = pdn_test_assert_reply_ok (cleared, 200);
  g_autoptr (PdnTestReply) null_name
      = call ("PATCH", path, net->charter_coordinator, "{\"name\":null}");
  g_autoptr (PdnTestReply) bad_sector
      = call ("PATCH", path, net->charter_coordinator, "{\"sector\":\"online\"}");
  g_autoptr (PdnTestReply) unknown = call ("PATCH", path, net->charter_coordinator, "{\"id\":1}");
  g_autoptr (PdnTestReply) missing
      = call ("PATCH", "/api/v1/schools/999999", net->admin, "{\"city\":\"X\"}");

  g_assert_cmpstr (json_object_get_string_member (school, "name"), ==, "Renamed Prep");
  g_assert_true (json_object_get_null_member (school, "city"));
  g_assert_cmpstr (json_object_get_string_member (school, "external_id"), ==, "HCN-7");
  g_assert_cmpstr (json_object_get_string_member (school, "sector"), ==, "charter");
  pdn_test_assert_reply_problem (null_name, 400, "invalid-input", "name");
  pdn_test_assert_reply_problem (bad_sector, 400, "invalid-input", "sector");
  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "id");
  pdn_test_assert_reply_problem (missing, 404, "not-found", NULL);
}

static void
test_facts (void)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (net->daemon);
  const gchar *years[] = { "2025-26", "2024-25" };
  g_autofree gchar *path = school_path (net->adams_id);
  g_autoptr (PdnTestReply) reply = NULL;
  JsonArray *facts;
  JsonObject *first;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr (PdnSchoolFacts) year = pdn_school_facts_new ();
      g_autoptr (GError) error = NULL;

      year->school_id = net->adams_id;
      year->school_year = g_strdup (years[i]);
      year->teacher_headcount = i == 0 ? 42 : -1;
      year->sector = PDN_SECTOR_DISTRICT;
      year->organization_id = net->district_id;
      g_assert_true (pdn_school_facts_save (year, store, &error));
      g_assert_no_error (error);
    }
  reply = call ("GET", path, net->charter_teacher, NULL);
  facts = json_object_get_array_member (pdn_test_assert_reply_ok (reply, 200), "facts");
  g_assert_cmpuint (json_array_get_length (facts), ==, 2);
  first = json_array_get_object_element (facts, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "school_year"), ==, "2024-25");
  g_assert_true (json_object_get_null_member (first, "teacher_headcount"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (facts, 1),
                                               "teacher_headcount"),
                   ==, 42);
  g_assert_cmpstr (json_object_get_string_member (first, "sector"), ==, "district");
  g_assert_cmpint (json_object_get_int_member (first, "organization_id"), ==, net->district_id);
}

static void
test_delete (void)
{
  g_autofree gchar *body = school_body ("Closing School", net->district_id);
  gint64 id = create (net->admin, body);
  g_autofree gchar *path = school_path (id);
  g_autofree gchar *lincoln = school_path (net->lincoln_id);
  g_autoptr (PdnTestReply) referenced = call ("DELETE", lincoln, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) deleted = call ("DELETE", path, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) after = call ("GET", path, net->admin, NULL);
  g_autoptr (PdnTestReply) again = call ("DELETE", path, net->admin, NULL);
  g_autoptr (PdnTestReply) word = call ("GET", "/api/v1/schools/lincoln", net->admin, NULL);
  g_autoptr (PdnTestReply) still = call ("GET", lincoln, net->admin, NULL);

  /* Dana Diaz is affiliated with Lincoln. */
  pdn_test_assert_reply_problem (referenced, 409, "conflict", NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  pdn_test_assert_reply_problem (after, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (again, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (word, 404, "not-found", "id");
  pdn_test_assert_reply_ok (still, 200);
}

int
main (int argc, char **argv)
{
  g_autoptr (PdnTestNetwork) network = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  network = net = pdn_test_network_start ();
  g_test_add_func ("/pdnet/api/schools/create", test_create);
  g_test_add_func ("/pdnet/api/schools/roles", test_roles);
  g_test_add_func ("/pdnet/api/schools/move", test_move);
  g_test_add_func ("/pdnet/api/schools/needs-token", test_needs_token);
  g_test_add_func ("/pdnet/api/schools/bad-input", test_bad_input);
  g_test_add_func ("/pdnet/api/schools/sql-metacharacters", test_sql_metacharacters);
  g_test_add_func ("/pdnet/api/schools/filters", test_filters);
  g_test_add_func ("/pdnet/api/schools/pages", test_pages);
  g_test_add_func ("/pdnet/api/schools/patch", test_patch);
  g_test_add_func ("/pdnet/api/schools/facts", test_facts);
  g_test_add_func ("/pdnet/api/schools/delete", test_delete);
  status = g_test_run ();
  pdn_test_assert_healthy (net);
  return status;
}
