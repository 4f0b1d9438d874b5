/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-network.h"

/* /api/v1/people on the real daemon: personal data, seen by role and
 * organization (pdn-access), changed by admins and coordinators. */

static PdnTestNetwork *net;

static PdnTestReply *
call (const gchar *method, const gchar *path, const gchar *token, const gchar *body)
{
  return pdn_test_network_call (net, method, path, token, body);
}

static gchar *
person_path (gint64 id)
{
  return g_strdup_printf ("/api/v1/people/%lld", (long long) id);
}

static gint64
create (const gchar *token, const gchar *body)
{
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/people", token, body);

  return json_object_get_int_member (pdn_test_assert_reply_ok (reply, 201), "id");
}

/* A teacher at @school_id, without dates. */
static gint64
create_at (const gchar *token, const gchar *email, gint64 school_id)
{
  g_autofree gchar *body
      = g_strdup_printf ("{\"name\":\"%s\",\"email\":\"%s\",\"role\":\"teacher\","
                         "\"school_id\":%lld}",
                         email, email, (long long) school_id);

  return create (token, body);
}

static GArray *
list_ids (const gchar *path, const gchar *token)
{
  g_autoptr (PdnTestReply) reply = call ("GET", path, token, NULL);

  return pdn_test_reply_item_ids (reply);
}

static void
assert_affiliation (JsonArray *affiliations, guint index, gint64 school_id, const gchar *from,
                    const gchar *to)
{
  JsonObject *affiliation = json_array_get_object_element (affiliations, index);

  g_assert_cmpint (json_object_get_int_member (affiliation, "school_id"), ==, school_id);
  g_assert_cmpstr (json_object_get_string_member_with_default (affiliation, "from", NULL), ==,
                   from);
  g_assert_cmpstr (json_object_get_string_member_with_default (affiliation, "to", NULL), ==, to);
}

static void
test_create (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Ana Ames\",\"email\":\"Ana@Riverton.example\",\"role\":\"coach\","
      "\"school_id\":%lld}",
      (long long) net->adams_id);
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/people", net->admin, body);
  JsonObject *person = pdn_test_assert_reply_ok (reply, 201);
  JsonArray *affiliations = json_object_get_array_member (person, "affiliations");
  g_autofree gchar *path = person_path (json_object_get_int_member (person, "id"));
  g_autoptr (GList) members = json_object_get_members (person);

  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Ana Ames");
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, "Ana@Riverton.example");
  g_assert_cmpstr (json_object_get_string_member (person, "role"), ==, "coach");
  g_assert_cmpuint (json_array_get_length (affiliations), ==, 1);
  assert_affiliation (affiliations, 0, net->adams_id, NULL, NULL);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (affiliations, 0),
                                              "from"));
  /* Exactly these members: nothing from the account behind a person. */
  g_assert_cmpuint (g_list_length (members), ==, 6);
  g_assert_true (json_object_has_member (person, "created_at"));
}

static void
test_create_history (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Hal Hayes\",\"email\":\"hal@example.org\",\"role\":\"school-leader\","
      "\"affiliations\":[{\"school_id\":%lld,\"from\":\"2024-08-01\"},"
      "{\"school_id\":%lld,\"from\":\"2020-08-01\",\"to\":\"2024-06-30\"}]}",
      (long long) net->lincoln_id, (long long) net->harbor_id);
  g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/people", net->admin, body);
  JsonObject *person = pdn_test_assert_reply_ok (reply, 201);
  JsonArray *affiliations = json_object_get_array_member (person, "affiliations");

  /* Oldest first, whatever the order sent. */
  g_assert_cmpuint (json_array_get_length (affiliations), ==, 2);
  assert_affiliation (affiliations, 0, net->harbor_id, "2020-08-01", "2024-06-30");
  assert_affiliation (affiliations, 1, net->lincoln_id, "2024-08-01", NULL);
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
    { "{\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":1}", 400, "name" },
    { "{\"name\":\"A\",\"role\":\"teacher\",\"school_id\":1}", 400, "email" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"school_id\":1}", 400, "role" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":1,"
      "\"phone\":\"555\"}",
      400, "phone" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"principal\",\"school_id\":1}", 400,
      "role" },
    { "{\"name\":\"A\",\"email\":\"not-an-email\",\"role\":\"teacher\",\"school_id\":1}", 400,
      "email" },
    { "{\"name\":\"A\",\"email\":42,\"role\":\"teacher\",\"school_id\":1}", 400, "email" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":\"1\"}", 400,
      "school_id" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":-1}", 400,
      "school_id" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":999999}",
      400, "school_id" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"school_id\":1,"
      "\"affiliations\":[]}",
      400, "affiliations" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"affiliations\":{}}", 400,
      "affiliations" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\",\"affiliations\":[1]}",
      400, "affiliations[0]" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"from\":\"2024-01-01\"}]}",
      400, "affiliations[0].school_id" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":1,\"room\":\"12\"}]}",
      400, "affiliations[0].room" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":1,\"from\":20240101}]}",
      400, "affiliations[0].from" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":1,\"from\":\"2024-13-01\"}]}",
      400, "affiliations[0].from" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":1,\"from\":\"2024-09-01\",\"to\":\"2024-08-01\"}]}",
      400, "affiliations[0].to" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":1,\"from\":\"2024-01-01\"},"
      "{\"school_id\":2,\"from\":\"2024-06-01\"}]}",
      400, "affiliations[1]" },
    { "{\"name\":\"A\",\"email\":\"a@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":999999}]}",
      400, "affiliations[0].school_id" },
    { "{\"name\":\"\xed\xa0\x80\",\"email\":\"a@x.example\",\"role\":\"teacher\"}", 400,
      "name" },
    { "{\"name\":\"A\",\"email\":\"DANA@RIVERTON.example\",\"role\":\"teacher\"}", 409,
      "email" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = call ("POST", "/api/v1/people", net->admin, cases[i].body);

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
  const gchar *name = "Robert'); DROP TABLE people;--";
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"%s\",\"email\":\"bobby@tables.example\",\"role\":\"teacher\","
      "\"school_id\":%lld}",
      name, (long long) net->lincoln_id);
  gint64 id = create (net->district_coordinator, body);
  g_autofree gchar *path = person_path (id);
  g_autoptr (PdnTestReply) get = call ("GET", path, net->district_lead, NULL);
  g_autoptr (PdnTestReply) injected
      = call ("GET", "/api/v1/people?email=x%27%20OR%20%271%27%3D%271", net->admin, NULL);
  g_autoptr (GArray) all = list_ids ("/api/v1/people?limit=200", net->admin);

  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (get, 200), "name"),
                   ==, name);
  pdn_test_assert_reply_problem (injected, 400, "invalid-input", "email");
  g_assert_true (pdn_test_ids_contain (all, net->charter_teacher_id));
  g_assert_true (pdn_test_ids_contain (all, id));
}

/* The acceptance case: Riverton's coordinator and lead do not see Harbor's
 * teachers, in lists or one by one, and Harbor's see none of Riverton's. */
static void
test_visibility (void)
{
  g_autofree gchar *carmen = person_path (net->charter_teacher_id);
  g_autofree gchar *dana = person_path (net->district_teacher_id);
  const gchar *district[] = { net->district_coordinator, net->district_lead };

  for (guint i = 0; i < G_N_ELEMENTS (district); i++)
    {
      g_autoptr (GArray) ids = list_ids ("/api/v1/people?limit=200", district[i]);
      g_autoptr (PdnTestReply) hidden = call ("GET", carmen, district[i], NULL);
      g_autoptr (PdnTestReply) own = call ("GET", dana, district[i], NULL);

      g_assert_true (pdn_test_ids_contain (ids, net->district_teacher_id));
      g_assert_false (pdn_test_ids_contain (ids, net->charter_teacher_id));
      pdn_test_assert_reply_problem (hidden, 404, "not-found", NULL);
      pdn_test_assert_reply_ok (own, 200);
    }
  {
    g_autoptr (GArray) ids = list_ids ("/api/v1/people?limit=200", net->charter_coordinator);
    g_autoptr (GArray) admin_ids = list_ids ("/api/v1/people?limit=200", net->admin);
    g_autoptr (PdnTestReply) hidden = call ("GET", dana, net->charter_coordinator, NULL);

    g_assert_true (pdn_test_ids_contain (ids, net->charter_teacher_id));
    g_assert_false (pdn_test_ids_contain (ids, net->district_teacher_id));
    pdn_test_assert_reply_problem (hidden, 404, "not-found", NULL);
    g_assert_true (pdn_test_ids_contain (admin_ids, net->charter_teacher_id));
    g_assert_true (pdn_test_ids_contain (admin_ids, net->district_teacher_id));
  }
}

/* A teacher sees itself only. */
static void
test_teacher_sees_itself (void)
{
  g_autofree gchar *carmen = person_path (net->charter_teacher_id);
  g_autofree gchar *dana = person_path (net->district_teacher_id);
  g_autoptr (GArray) ids = list_ids ("/api/v1/people", net->district_teacher);
  g_autoptr (PdnTestReply) self = call ("GET", dana, net->district_teacher, NULL);
  g_autoptr (PdnTestReply) other = call ("GET", carmen, net->district_teacher, NULL);
  g_autoptr (PdnTestReply) missing = call ("GET", "/api/v1/people/999999", net->admin, NULL);

  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, net->district_teacher_id);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (self, 200), "email"),
                   ==, "dana@riverton.example");
  /* Hidden and missing answer alike. */
  pdn_test_assert_reply_problem (other, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (missing, 404, "not-found", NULL);
}

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Everyone ever at a Riverton school, as the admin lists them: whom
 * Riverton's coordinator sees, as no session exists here. */
static GArray *
riverton_people (void)
{
  const gint64 schools[] = { net->lincoln_id, net->adams_id };
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (schools); i++)
    {
      g_autofree gchar *path
          = g_strdup_printf ("/api/v1/people?school_id=%lld&limit=200", (long long) schools[i]);
      g_autoptr (GArray) ids = list_ids (path, net->admin);

      for (guint j = 0; j < ids->len; j++)
        if (!pdn_test_ids_contain (all, g_array_index (ids, gint64, j)))
          g_array_append_val (all, g_array_index (ids, gint64, j));
    }
  g_array_sort (all, compare_ids);
  return all;
}

/* Pages are filled after visibility: a coordinator's pages are full and
 * hold only its people, however many others come between them. */
static void
test_visible_pages (void)
{
  g_autoptr (GArray) expected = NULL;
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree gchar *charter_email = g_strdup_printf ("page-c%u@harbor.example", i);
      g_autofree gchar *district_email = g_strdup_printf ("page-d%u@riverton.example", i);

      create_at (net->charter_coordinator, charter_email, net->harbor_id);
      if (i % 3 == 0)
        create_at (net->district_coordinator, district_email, net->adams_id);
    }
  expected = riverton_people ();
  g_assert_cmpuint (expected->len, >=, 4);
  do
    {
      g_autofree gchar *path = g_strdup_printf ("/api/v1/people?limit=2%s%s",
                                                cursor != NULL ? "&cursor=" : "",
                                                cursor != NULL ? cursor : "");
      g_autoptr (PdnTestReply) reply = call ("GET", path, net->district_coordinator, NULL);
      JsonObject *page = pdn_test_assert_reply_ok (reply, 200);
      JsonArray *items = json_object_get_array_member (page, "items");
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        {
          cursor = g_strdup (json_node_get_string (next));
          g_assert_cmpuint (json_array_get_length (items), ==, 2);
        }
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
          g_array_append_val (seen, id);
        }
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (seen, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
test_filters (void)
{
  g_autofree gchar *by_school
      = g_strdup_printf ("/api/v1/people?school_id=%lld", (long long) net->lincoln_id);
  g_autoptr (GArray) at_lincoln = list_ids (by_school, net->admin);
  g_autoptr (GArray) by_email = list_ids ("/api/v1/people?email=DANA%40Riverton.example",
                                          net->admin);
  g_autoptr (GArray) coaches = list_ids ("/api/v1/people?role=coach&limit=200", net->admin);
  g_autoptr (GArray) hidden_email
      = list_ids ("/api/v1/people?email=carmen%40harbor.example", net->district_coordinator);
  g_autoptr (PdnTestReply) bad_role = call ("GET", "/api/v1/people?role=janitor", net->admin, NULL);
  g_autoptr (PdnTestReply) bad_school
      = call ("GET", "/api/v1/people?school_id=0", net->admin, NULL);
  g_autoptr (PdnTestReply) unknown = call ("GET", "/api/v1/people?name=Dana", net->admin, NULL);

  g_assert_true (pdn_test_ids_contain (at_lincoln, net->district_teacher_id));
  g_assert_false (pdn_test_ids_contain (at_lincoln, net->charter_teacher_id));
  g_assert_cmpuint (by_email->len, ==, 1);
  g_assert_cmpint (g_array_index (by_email, gint64, 0), ==, net->district_teacher_id);
  g_assert_false (pdn_test_ids_contain (coaches, net->district_teacher_id));
  g_assert_cmpuint (hidden_email->len, ==, 0);
  pdn_test_assert_reply_problem (bad_role, 400, "invalid-input", "role");
  pdn_test_assert_reply_problem (bad_school, 400, "invalid-input", "school_id");
  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "name");
}

static void
test_create_roles (void)
{
  g_autofree gchar *at_harbor
      = g_strdup_printf ("{\"name\":\"Wrong Place\",\"email\":\"wrong@x.example\","
                         "\"role\":\"teacher\",\"school_id\":%lld}",
                         (long long) net->harbor_id);
  g_autofree gchar *also_harbor = g_strdup_printf (
      "{\"name\":\"Two Places\",\"email\":\"two@x.example\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":%lld,\"to\":\"2023-06-30\"},"
      "{\"school_id\":%lld,\"from\":\"2023-07-01\"}]}",
      (long long) net->lincoln_id, (long long) net->harbor_id);
  g_autoptr (PdnTestReply) foreign
      = call ("POST", "/api/v1/people", net->district_coordinator, at_harbor);
  g_autoptr (PdnTestReply) partly
      = call ("POST", "/api/v1/people", net->district_coordinator, also_harbor);
  g_autoptr (PdnTestReply) nowhere
      = call ("POST", "/api/v1/people", net->district_coordinator,
              "{\"name\":\"Nowhere\",\"email\":\"nowhere@x.example\",\"role\":\"teacher\"}");
  g_autoptr (PdnTestReply) lead = call ("POST", "/api/v1/people", net->district_lead, at_harbor);
  g_autoptr (PdnTestReply) teacher
      = call ("POST", "/api/v1/people", net->charter_teacher, at_harbor);

  pdn_test_assert_reply_problem (foreign, 403, "forbidden", "affiliations[0].school_id");
  pdn_test_assert_reply_problem (partly, 403, "forbidden", "affiliations[1].school_id");
  pdn_test_assert_reply_problem (nowhere, 403, "forbidden", "school_id");
  pdn_test_assert_reply_problem (lead, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (teacher, 403, "forbidden", NULL);
  /* The charter's own coordinator may. */
  g_assert_cmpint (create_at (net->charter_coordinator, "right@harbor.example", net->harbor_id),
                   >, 0);
}

static void
test_patch (void)
{
  gint64 id = create_at (net->district_coordinator, "pat@riverton.example", net->lincoln_id);
  g_autofree gchar *path = person_path (id);
  g_autofree gchar *carmen = person_path (net->charter_teacher_id);
  g_autofree gchar *move = g_strdup_printf ("{\"school_id\":%lld}", (long long) net->adams_id);
  g_autoptr (PdnTestReply) renamed
      = call ("PATCH", path, net->district_coordinator,
              "{\"name\":\"Pat Park\",\"email\":\"pat.park@riverton.example\",\"role\":\"coach\"}");
  JsonObject *person = pdn_test_assert_reply_ok (renamed, 200);
  g_autoptr (PdnTestReply) moved = call ("PATCH", path, net->district_coordinator, move);
  g_autoptr (PdnTestReply) hidden
      = call ("PATCH", carmen, net->district_coordinator, "{\"name\":\"Hijacked\"}");
  g_autoptr (PdnTestReply) lead
      = call ("PATCH", path, net->district_lead, "{\"name\":\"Lead Edit\"}");
  g_autoptr (PdnTestReply) taken = call ("PATCH", path, net->admin,
                                         "{\"email\":\"Carmen@Harbor.example\"}");
  g_autoptr (PdnTestReply) bad_school
      = call ("PATCH", path, net->admin, "{\"school_id\":999999}");
  g_autoptr (PdnTestReply) both = call ("PATCH", path, net->admin,
                                        "{\"school_id\":1,\"affiliations\":[]}");
  g_autoptr (PdnTestReply) after = call ("GET", path, net->admin, NULL);
  JsonObject *saved = pdn_test_assert_reply_ok (after, 200);

  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Pat Park");
  g_assert_cmpstr (json_object_get_string_member (person, "role"), ==, "coach");
  pdn_test_assert_reply_ok (moved, 200);
  pdn_test_assert_reply_problem (hidden, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (lead, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (taken, 409, "conflict", "email");
  pdn_test_assert_reply_problem (bad_school, 400, "invalid-input", "school_id");
  pdn_test_assert_reply_problem (both, 400, "invalid-input", "affiliations");
  g_assert_cmpstr (json_object_get_string_member (saved, "email"), ==,
                   "pat.park@riverton.example");
  assert_affiliation (json_object_get_array_member (saved, "affiliations"), 0, net->adams_id,
                      NULL, NULL);
}

static void
test_teacher_patch (void)
{
  g_autofree gchar *dana = person_path (net->district_teacher_id);
  g_autofree gchar *carmen = person_path (net->charter_teacher_id);
  g_autoptr (PdnTestReply) name
      = call ("PATCH", dana, net->district_teacher, "{\"name\":\"Dana D. Diaz\"}");
  g_autoptr (PdnTestReply) email
      = call ("PATCH", dana, net->district_teacher, "{\"email\":\"dana2@riverton.example\"}");
  g_autoptr (PdnTestReply) school = call ("PATCH", dana, net->district_teacher,
                                          "{\"name\":\"Dana\",\"school_id\":1}");
  g_autoptr (PdnTestReply) other
      = call ("PATCH", carmen, net->district_teacher, "{\"name\":\"Someone\"}");
  g_autoptr (PdnTestReply) unknown
      = call ("PATCH", dana, net->district_teacher, "{\"nmae\":\"Typo\"}");

  g_assert_cmpstr (json_object_get_string_member (pdn_test_assert_reply_ok (name, 200), "name"),
                   ==, "Dana D. Diaz");
  pdn_test_assert_reply_problem (email, 403, "forbidden", "email");
  pdn_test_assert_reply_problem (school, 403, "forbidden", "school_id");
  pdn_test_assert_reply_problem (other, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (unknown, 400, "invalid-input", "nmae");
}

/* Someone who moved from Harbor to Riverton: Riverton's coordinator edits
 * the Riverton part of their history and leaves Harbor's alone. */
static void
test_foreign_history (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Moe Moved\",\"email\":\"moe@example.org\",\"role\":\"teacher\","
      "\"affiliations\":[{\"school_id\":%lld,\"from\":\"2020-08-01\",\"to\":\"2023-06-30\"},"
      "{\"school_id\":%lld,\"from\":\"2023-08-01\"}]}",
      (long long) net->harbor_id, (long long) net->lincoln_id);
  gint64 id = create (net->admin, body);
  g_autofree gchar *path = person_path (id);
  g_autofree gchar *end_here = g_strdup_printf (
      "{\"affiliations\":[{\"school_id\":%lld,\"from\":\"2020-08-01\",\"to\":\"2023-06-30\"},"
      "{\"school_id\":%lld,\"from\":\"2023-08-01\",\"to\":\"2025-06-30\"},"
      "{\"school_id\":%lld,\"from\":\"2025-07-01\"}]}",
      (long long) net->harbor_id, (long long) net->lincoln_id, (long long) net->adams_id);
  g_autofree gchar *drop_harbor = g_strdup_printf (
      "{\"affiliations\":[{\"school_id\":%lld,\"from\":\"2023-08-01\"}]}",
      (long long) net->lincoln_id);
  g_autofree gchar *change_harbor = g_strdup_printf (
      "{\"affiliations\":[{\"school_id\":%lld,\"from\":\"2019-08-01\",\"to\":\"2023-06-30\"},"
      "{\"school_id\":%lld,\"from\":\"2023-08-01\"}]}",
      (long long) net->harbor_id, (long long) net->lincoln_id);
  g_autoptr (PdnTestReply) dropped = call ("PATCH", path, net->district_coordinator, drop_harbor);
  g_autoptr (PdnTestReply) changed
      = call ("PATCH", path, net->district_coordinator, change_harbor);
  g_autoptr (PdnTestReply) ended = call ("PATCH", path, net->district_coordinator, end_here);
  g_autoptr (PdnTestReply) deleted = call ("DELETE", path, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) charter_sees = call ("GET", path, net->charter_coordinator, NULL);

  pdn_test_assert_reply_problem (dropped, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (changed, 403, "forbidden", "affiliations[0].school_id");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        pdn_test_assert_reply_ok (ended, 200), "affiliations")),
                    ==, 3);
  /* Harbor's reports count Moe for 2020-23: only an admin removes him. */
  pdn_test_assert_reply_problem (deleted, 403, "forbidden", NULL);
  /* Harbor's coordinator still sees its former teacher, but may not edit. */
  pdn_test_assert_reply_ok (charter_sees, 200);
}

static void
test_delete (void)
{
  gint64 id = create_at (net->district_coordinator, "gone@riverton.example", net->adams_id);
  g_autofree gchar *path = person_path (id);
  g_autofree gchar *dana = person_path (net->district_teacher_id);
  g_autofree gchar *carmen = person_path (net->charter_teacher_id);
  g_autoptr (PdnTestReply) lead = call ("DELETE", path, net->district_lead, NULL);
  g_autoptr (PdnTestReply) teacher = call ("DELETE", dana, net->district_teacher, NULL);
  g_autoptr (PdnTestReply) hidden = call ("DELETE", carmen, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) deleted = call ("DELETE", path, net->district_coordinator, NULL);
  g_autoptr (PdnTestReply) after = call ("GET", path, net->admin, NULL);
  g_autoptr (PdnTestReply) again = call ("DELETE", path, net->admin, NULL);
  g_autoptr (PdnTestReply) with_account = call ("DELETE", dana, net->admin, NULL);

  pdn_test_assert_reply_problem (lead, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (teacher, 403, "forbidden", NULL);
  pdn_test_assert_reply_problem (hidden, 404, "not-found", NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  pdn_test_assert_reply_problem (after, 404, "not-found", NULL);
  pdn_test_assert_reply_problem (again, 404, "not-found", NULL);
  /* Dana's account refers to her person. */
  pdn_test_assert_reply_problem (with_account, 409, "conflict", NULL);
}

static void
test_needs_token (void)
{
  g_autofree gchar *path = person_path (net->district_teacher_id);
  const gchar *body = "{\"name\":\"Anonymous\"}";

  pdn_test_assert_needs_token (net, "POST", "/api/v1/people", body);
  pdn_test_assert_needs_token (net, "GET", "/api/v1/people", NULL);
  pdn_test_assert_needs_token (net, "GET", path, NULL);
  pdn_test_assert_needs_token (net, "PATCH", path, body);
  pdn_test_assert_needs_token (net, "DELETE", path, NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr (PdnTestNetwork) network = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  network = net = pdn_test_network_start ();
  g_test_add_func ("/pdnet/api/people/create", test_create);
  g_test_add_func ("/pdnet/api/people/create-history", test_create_history);
  g_test_add_func ("/pdnet/api/people/bad-input", test_bad_input);
  g_test_add_func ("/pdnet/api/people/sql-metacharacters", test_sql_metacharacters);
  g_test_add_func ("/pdnet/api/people/visibility", test_visibility);
  g_test_add_func ("/pdnet/api/people/teacher-sees-itself", test_teacher_sees_itself);
  g_test_add_func ("/pdnet/api/people/visible-pages", test_visible_pages);
  g_test_add_func ("/pdnet/api/people/filters", test_filters);
  g_test_add_func ("/pdnet/api/people/create-roles", test_create_roles);
  g_test_add_func ("/pdnet/api/people/patch", test_patch);
  g_test_add_func ("/pdnet/api/people/teacher-patch", test_teacher_patch);
  g_test_add_func ("/pdnet/api/people/foreign-history", test_foreign_history);
  g_test_add_func ("/pdnet/api/people/delete", test_delete);
  g_test_add_func ("/pdnet/api/people/needs-token", test_needs_token);
  status = g_test_run ();
  pdn_test_assert_healthy (net);
  return status;
}
