/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"

/*
 * /api/v1/programs and /api/v1/series against the real pdnetd: each
 * role's allowed and forbidden calls, and hostile or malformed input.
 */

static PdnTestWorld *world;

static gchar *
program_body (const gchar *name, gint64 lead, const gchar *partners)
{
  return g_strdup_printf ("{\"name\":\"%s\",\"type\":\"workshop-series\","
                          "\"lead_organization_id\":%lld,\"partner_organization_ids\":[%s],"
                          "\"school_year\":\"2026-27\"}",
                          name, (long long) lead, partners);
}

static gint64
create_program (const gchar *token, gint64 lead, const gchar *partners)
{
  g_autofree gchar *body = program_body ("Saturday Literacy Institute", lead, partners);

  return pdn_test_api_create (world, "/programs", token, body);
}

static gint64
create_series (const gchar *token, gint64 program_id)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Fall workshops\",\"kind\":\"workshop-series\"}",
      (long long) program_id);

  return pdn_test_api_create (world, "/series", token, body);
}

/* ---- programs ---- */

static void
test_program_create (void)
{
  g_autofree gchar *org_c = g_strdup_printf ("%lld", (long long) world->org_c);
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Saturday Math\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"partner_organization_ids\":[%lld],\"school_year\":\"2026-27\","
      "\"settings\":{\"sessions_to_complete\":2,\"credit_hours\":12}}",
      (long long) world->org_a, (long long) world->org_c);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->admin, body,
                                                      "/programs");
  JsonObject *program = pdn_test_api_expect (reply, 201);
  JsonObject *settings = json_object_get_object_member (program, "settings");
  JsonArray *partners = json_object_get_array_member (program, "partner_organization_ids");

  g_assert_cmpstr (json_object_get_string_member (program, "name"), ==, "Saturday Math");
  g_assert_cmpstr (json_object_get_string_member (program, "type"), ==, "workshop-series");
  g_assert_cmpint (json_object_get_int_member (program, "lead_organization_id"), ==,
                   world->org_a);
  g_assert_cmpuint (json_array_get_length (partners), ==, 1);
  g_assert_cmpint (json_array_get_int_element (partners, 0), ==, world->org_c);
  g_assert_cmpstr (json_object_get_string_member (program, "school_year"), ==, "2026-27");
  g_assert_cmpint (json_object_get_int_member (settings, "credit_hours"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (settings, "sessions_to_complete"), ==, 2);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (program, "created_at"), "Z"));

  /* Coordinators name their organization as the lead or a partner. */
  create_program (world->coord_a, world->org_a, "");
  create_program (world->coord_c, world->org_a, org_c);
}

static void
test_program_create_forbidden (void)
{
  g_autofree gchar *body = program_body ("Not yours", world->org_a, "");
  g_autofree gchar *org_b = g_strdup_printf ("%lld", (long long) world->org_b);
  g_autofree gchar *as_partner = program_body ("Joint", world->org_a, org_b);
  const gchar *refused[] = { world->coord_b, world->coord_c, world->lead_a, world->teacher };

  pdn_test_api_assert_needs_token (world, "POST", "/programs", body);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", refused[i], body,
                                                          "/programs");
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  /* A teacher is refused before its body is even read. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                        "/programs");
    pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
  }
  /* Coordinator B may create it once B is a partner. */
  pdn_test_api_create (world, "/programs", world->coord_b, as_partner);
  pdn_test_api_assert_serving (world);
}

static void
test_program_read (void)
{
  gint64 id = create_program (world->admin, world->org_b, "");
  const gchar *readers[] = { world->admin, world->coord_a, world->lead_a, world->teacher };
  g_autofree gchar *path = g_strdup_printf ("/programs/%lld", (long long) id);

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr (PdnTestReply) one = pdn_test_api_call (world, "GET", readers[i], NULL, "%s",
                                                        path);
      g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", readers[i], NULL,
                                                         "/programs");

      g_assert_cmpint (json_object_get_int_member (pdn_test_api_expect (one, 200), "id"), ==,
                       id);
      g_assert_cmpuint (
          json_array_get_length (
              json_object_get_array_member (pdn_test_api_expect (list, 200), "items")),
          >, 0);
    }
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  pdn_test_api_assert_needs_token (world, "GET", "/programs", NULL);
  {
    g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                          "/programs/999999");
    g_autoptr (PdnTestReply) not_id = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                         "/programs/abc");
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
    pdn_test_api_assert_problem (not_id, 404, "not-found", "id");
  }
}

static void
test_program_filters (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Filtered\",\"type\":\"teacher-led\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2019-20\"}",
      (long long) world->org_c);
  gint64 id = pdn_test_api_create (world, "/programs", world->admin, body);
  g_autoptr (PdnTestReply) by_year = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/programs?school_year=2019-20");
  g_autoptr (PdnTestReply) by_type = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/programs?type=teacher-led");
  g_autoptr (PdnTestReply) by_lead = pdn_test_api_call (
      world, "GET", world->teacher, NULL, "/programs?lead_organization_id=%lld&type=teacher-led",
      (long long) world->org_c);
  g_autoptr (PdnTestReply) other_lead = pdn_test_api_call (
      world, "GET", world->teacher, NULL, "/programs?lead_organization_id=%lld&type=teacher-led",
      (long long) world->org_b);
  g_autoptr (PdnTestReply) unknown = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/programs?year=2019-20");
  g_autoptr (PdnTestReply) bad_year = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                         "/programs?school_year=2019");
  g_autoptr (PdnTestReply) bad_lead = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                         "/programs?lead_organization_id=x");
  JsonObject *pages[] = { pdn_test_api_expect (by_year, 200), pdn_test_api_expect (by_type, 200),
                          pdn_test_api_expect (by_lead, 200) };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr (GArray) ids = pdn_test_page_ids (pages[i]);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
    }
  g_assert_cmpuint (
      json_array_get_length (
          json_object_get_array_member (pdn_test_api_expect (other_lead, 200), "items")),
      ==, 0);
  pdn_test_api_assert_problem (unknown, 400, "invalid-input", "year");
  pdn_test_api_assert_problem (bad_year, 400, "invalid-input", "school_year");
  pdn_test_api_assert_problem (bad_lead, 400, "invalid-input", "lead_organization_id");
}

static void
test_program_paging (void)
{
  g_autoptr (GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;
  guint pages = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree gchar *body = g_strdup_printf (
          "{\"name\":\"Paged %u\",\"type\":\"teacher-led\",\"lead_organization_id\":%lld,"
          "\"school_year\":\"2027-28\"}",
          i, (long long) world->org_b);
      gint64 id = pdn_test_api_create (world, "/programs", world->admin, body);
      g_array_append_val (created, id);
    }
  do
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (
          world, "GET", world->lead_a, NULL, "/programs?type=teacher-led&school_year=2027-28&limit=2%s%s",
          cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      JsonObject *page = pdn_test_api_expect (reply, 200);
      g_autoptr (GArray) ids = pdn_test_page_ids (page);
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_assert_cmpuint (ids->len, <=, 2);
      g_array_append_vals (seen, ids->data, ids->len);
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (seen->len, ==, created->len);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpint (g_array_index (seen, gint64, i), ==, g_array_index (created, gint64, i));
  {
    g_autoptr (PdnTestReply) zero = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                       "/programs?limit=0");
    g_autoptr (PdnTestReply) junk = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                       "/programs?cursor=abc");
    pdn_test_api_assert_problem (zero, 400, "invalid-input", "limit");
    pdn_test_api_assert_problem (junk, 400, "invalid-input", "cursor");
  }
}

static void
test_program_update (void)
{
  gint64 id = create_program (world->coord_a, world->org_a, "");
  g_autofree gchar *path = g_strdup_printf ("/programs/%lld", (long long) id);
  g_autofree gchar *to_b = g_strdup_printf ("{\"lead_organization_id\":%lld}",
                                            (long long) world->org_b);
  g_autofree gchar *add_b = g_strdup_printf ("{\"partner_organization_ids\":[%lld]}",
                                             (long long) world->org_b);
  const gchar *refused[] = { world->coord_b, world->coord_c, world->lead_a, world->teacher };

  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"name\":\"Renamed\",\"settings\":{\"sessions_to_complete\":4}}", "%s",
        path);
    JsonObject *program = pdn_test_api_expect (reply, 200);
    g_assert_cmpstr (json_object_get_string_member (program, "name"), ==, "Renamed");
    g_assert_cmpstr (json_object_get_string_member (program, "type"), ==, "workshop-series");
    g_assert_cmpint (
        json_object_get_int_member (json_object_get_object_member (program, "settings"),
                                    "sessions_to_complete"),
        ==, 4);
  }
  pdn_test_api_assert_needs_token (world, "PATCH", path, "{\"name\":\"x\"}");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PATCH", refused[i],
                                                          "{\"name\":\"Taken\"}", "%s", path);
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  /* A coordinator cannot hand the program away from its organization. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PATCH", world->coord_a, to_b,
                                                        "%s", path);
    pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
  }
  /* Once B partners, B's coordinator edits it too. */
  {
    g_autoptr (PdnTestReply) partner = pdn_test_api_call (world, "PATCH", world->coord_a, add_b,
                                                          "%s", path);
    g_autoptr (PdnTestReply) by_b = pdn_test_api_call (world, "PATCH", world->coord_b,
                                                       "{\"name\":\"Shared\"}", "%s", path);
    pdn_test_api_expect (partner, 200);
    g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (by_b, 200), "name"), ==,
                     "Shared");
  }
  {
    g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "PATCH", world->admin,
                                                          "{\"name\":\"x\"}", "/programs/999999");
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
  }
}

static void
test_program_input (void)
{
  g_autofree gchar *sql = g_strdup_printf (
      "{\"name\":\"Robert'); DROP TABLE programs;--\",\"type\":\"workshop-series\","
      "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
      (long long) world->org_a);
  g_autofree gchar *twice = g_strdup_printf (
      "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"partner_organization_ids\":[%lld,%lld],\"school_year\":\"2026-27\"}",
      (long long) world->org_a, (long long) world->org_b, (long long) world->org_b);
  g_autofree gchar *utf8 = g_strdup_printf (
      "{\"name\":\"Bad \xff\xfe name\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) world->org_a);
  struct
  {
    const gchar *body;
    const gchar *field;
  } cases[] = {
    { "{\"type\":\"workshop-series\",\"lead_organization_id\":1,\"school_year\":\"2026-27\"}",
      "name" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"school_year\":\"2026-27\"}",
      "lead_organization_id" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":\"1\","
      "\"school_year\":\"2026-27\"}",
      "lead_organization_id" },
    { "{\"name\":42,\"type\":\"workshop-series\",\"lead_organization_id\":1,"
      "\"school_year\":\"2026-27\"}",
      "name" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":1,"
      "\"school_year\":\"2026-27\",\"colour\":\"red\"}",
      "colour" },
    { "{\"name\":\"x\",\"type\":\"Workshop Series!\",\"lead_organization_id\":1,"
      "\"school_year\":\"2026-27\"}",
      "type" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":1,"
      "\"school_year\":\"2026-2027\"}",
      "school_year" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":1,"
      "\"school_year\":\"2026-27\",\"settings\":[1]}",
      "settings" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":999999,"
      "\"school_year\":\"2026-27\"}",
      "lead_organization_id" },
    { "{\"name\":\"x\",\"type\":\"workshop-series\",\"lead_organization_id\":1,"
      "\"partner_organization_ids\":[\"2\"],\"school_year\":\"2026-27\"}",
      "partner_organization_ids[0]" },
    { "[]", "body" },
    { twice, "partner_organization_ids[1]" },
    { utf8, "name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->admin,
                                                          cases[i].body, "/programs");
      g_test_message ("case %u: %s", i, cases[i].field);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
    }
  /* The same checks on PATCH. */
  {
    gint64 id = create_program (world->admin, world->org_a, "");
    g_autoptr (PdnTestReply) wrong = pdn_test_api_call (world, "PATCH", world->admin,
                                                        "{\"school_year\":2026}",
                                                        "/programs/%lld", (long long) id);
    g_autoptr (PdnTestReply) unknown = pdn_test_api_call (world, "PATCH", world->admin,
                                                          "{\"id\":5}", "/programs/%lld",
                                                          (long long) id);
    pdn_test_api_assert_problem (wrong, 400, "invalid-input", "school_year");
    pdn_test_api_assert_problem (unknown, 400, "invalid-input", "id");
  }
  /* SQL metacharacters are data. */
  {
    gint64 id = pdn_test_api_create (world, "/programs", world->admin, sql);
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                        "/programs/%lld", (long long) id);
    g_autofree gchar *stored
        = pdn_test_query_text (world->store, "SELECT name FROM programs WHERE id = ?", id);

    g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (reply, 200), "name"),
                     ==, "Robert'); DROP TABLE programs;--");
    g_assert_cmpstr (stored, ==, "Robert'); DROP TABLE programs;--");
  }
  pdn_test_api_assert_serving (world);
}

static void
test_program_delete (void)
{
  gint64 busy = create_program (world->coord_a, world->org_a, "");
  gint64 empty = create_program (world->coord_a, world->org_a, "");
  g_autofree gchar *busy_path = g_strdup_printf ("/programs/%lld", (long long) busy);
  g_autofree gchar *empty_path = g_strdup_printf ("/programs/%lld", (long long) empty);
  const gchar *refused[] = { world->coord_b, world->lead_a, world->teacher };

  pdn_test_add_session (world->store, busy);
  pdn_test_api_assert_needs_token (world, "DELETE", empty_path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "DELETE", refused[i], NULL,
                                                          "%s", empty_path);
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  {
    g_autoptr (PdnTestReply) conflict = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                           "%s", busy_path);
    g_autoptr (PdnTestReply) deleted = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                          "%s", empty_path);
    g_autoptr (PdnTestReply) gone = pdn_test_api_call (world, "GET", world->coord_a, NULL, "%s",
                                                       empty_path);
    g_autoptr (PdnTestReply) again = pdn_test_api_call (world, "DELETE", world->admin, NULL,
                                                        "%s", empty_path);
    g_autoptr (PdnTestReply) still = pdn_test_api_call (world, "GET", world->coord_a, NULL, "%s",
                                                        busy_path);

    pdn_test_api_assert_problem (conflict, 409, "conflict", NULL);
    pdn_test_api_expect (deleted, 204);
    pdn_test_api_assert_problem (gone, 404, "not-found", NULL);
    pdn_test_api_assert_problem (again, 404, "not-found", NULL);
    pdn_test_api_expect (still, 200);
  }
}

/* ---- series ---- */

static void
test_series_create (void)
{
  gint64 program_a = create_program (world->coord_a, world->org_a, "");
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Number Talks\",\"topic\":\"Fluency\","
      "\"term\":\"Fall 2026\",\"kind\":\"workshop-series\",\"position\":2}",
      (long long) program_a);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/series");
  JsonObject *series = pdn_test_api_expect (reply, 201);
  const gchar *refused[] = { world->coord_b, world->lead_a, world->teacher };

  g_assert_cmpint (json_object_get_int_member (series, "program_id"), ==, program_a);
  g_assert_cmpstr (json_object_get_string_member (series, "title"), ==, "Number Talks");
  g_assert_cmpstr (json_object_get_string_member (series, "topic"), ==, "Fluency");
  g_assert_cmpstr (json_object_get_string_member (series, "term"), ==, "Fall 2026");
  g_assert_cmpstr (json_object_get_string_member (series, "kind"), ==, "workshop-series");
  g_assert_cmpint (json_object_get_int_member (series, "position"), ==, 2);
  create_series (world->admin, program_a);

  pdn_test_api_assert_needs_token (world, "POST", "/series", body);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) denied = pdn_test_api_call (world, "POST", refused[i], body,
                                                           "/series");
      pdn_test_api_assert_problem (denied, 403, "forbidden", NULL);
    }
}

static void
test_series_input (void)
{
  gint64 program = create_program (world->coord_a, world->org_a, "");
  g_autofree gchar *sql = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"1' OR '1'='1\",\"topic\":\"\\\"; DELETE FROM series;\","
      "\"kind\":\"workshop-series\"}",
      (long long) program);
  struct
  {
    gchar *body;
    const gchar *field;
  } cases[] = {
    { g_strdup_printf ("{\"program_id\":999999,\"title\":\"x\",\"kind\":\"course\"}"),
      "program_id" },
    { g_strdup_printf ("{\"title\":\"x\",\"kind\":\"course\"}"), "program_id" },
    { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"course\"}", (long long) program),
      "title" },
    { g_strdup_printf ("{\"program_id\":%lld,\"title\":\"x\",\"kind\":\"course\","
                       "\"position\":-1}",
                       (long long) program),
      "position" },
    { g_strdup_printf ("{\"program_id\":%lld,\"title\":\"x\",\"kind\":\"course\","
                       "\"position\":\"1\"}",
                       (long long) program),
      "position" },
    { g_strdup_printf ("{\"program_id\":%lld,\"title\":\"x\",\"kind\":\"course\","
                       "\"sessions\":[]}",
                       (long long) program),
      "sessions" },
    { g_strdup_printf ("{\"program_id\":%lld,\"title\":\"\xc3\x28\",\"kind\":\"course\"}",
                       (long long) program),
      "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Coordinator A: an unknown program is a bad field, not a refusal. */
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a,
                                                          cases[i].body, "/series");
      g_test_message ("case %u: %s", i, cases[i].field);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
      g_free (cases[i].body);
    }
  {
    gint64 id = pdn_test_api_create (world, "/series", world->coord_a, sql);
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/series/%lld", (long long) id);
    JsonObject *series = pdn_test_api_expect (reply, 200);

    g_assert_cmpstr (json_object_get_string_member (series, "title"), ==, "1' OR '1'='1");
    g_assert_cmpstr (json_object_get_string_member (series, "topic"), ==,
                     "\"; DELETE FROM series;");
  }
  pdn_test_api_assert_serving (world);
}

static void
test_series_read (void)
{
  gint64 program = create_program (world->admin, world->org_c, "");
  gint64 first = create_series (world->admin, program);
  gint64 second = create_series (world->admin, program);
  g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                     "/series?program_id=%lld",
                                                     (long long) program);
  g_autoptr (GArray) ids = pdn_test_page_ids (pdn_test_api_expect (list, 200));
  g_autofree gchar *path = g_strdup_printf ("/series/%lld", (long long) first);
  g_autoptr (PdnTestReply) one = pdn_test_api_call (world, "GET", world->lead_a, NULL, "%s",
                                                    path);
  g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                        "/series/999999");
  g_autoptr (PdnTestReply) bad = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                    "/series?program=1");

  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, second);
  g_assert_true (
      JSON_NODE_HOLDS_NULL (json_object_get_member (pdn_test_api_expect (one, 200), "topic")));
  pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
  pdn_test_api_assert_problem (bad, 400, "invalid-input", "program");
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  pdn_test_api_assert_needs_token (world, "GET", "/series", NULL);
}

static void
test_series_update_delete (void)
{
  gint64 program_a = create_program (world->coord_a, world->org_a, "");
  gint64 program_b = create_program (world->coord_b, world->org_b, "");
  gint64 series = create_series (world->coord_a, program_a);
  gint64 busy = create_series (world->coord_a, program_a);
  g_autofree gchar *path = g_strdup_printf ("/series/%lld", (long long) series);
  g_autofree gchar *busy_path = g_strdup_printf ("/series/%lld", (long long) busy);
  g_autofree gchar *to_b = g_strdup_printf ("{\"program_id\":%lld}", (long long) program_b);
  g_autofree gchar *with_series = NULL;
  const gchar *refused[] = { world->coord_b, world->lead_a, world->teacher };

  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"title\":\"Winter\",\"term\":null,\"topic\":\"Math\"}",
        "%s", path);
    JsonObject *object = pdn_test_api_expect (reply, 200);
    g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Winter");
    g_assert_cmpstr (json_object_get_string_member (object, "topic"), ==, "Math");
  }
  pdn_test_api_assert_needs_token (world, "PATCH", path, "{\"title\":\"x\"}");
  pdn_test_api_assert_needs_token (world, "DELETE", path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) patch = pdn_test_api_call (world, "PATCH", refused[i],
                                                          "{\"title\":\"x\"}", "%s", path);
      g_autoptr (PdnTestReply) del = pdn_test_api_call (world, "DELETE", refused[i], NULL, "%s",
                                                        path);
      pdn_test_api_assert_problem (patch, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (del, 403, "forbidden", NULL);
    }
  /* Moving to B's program needs rights there too; an admin may. */
  {
    g_autoptr (PdnTestReply) moved = pdn_test_api_call (world, "PATCH", world->coord_a, to_b,
                                                        "%s", path);
    g_autoptr (PdnTestReply) bad = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                      "{\"kind\":7}", "%s", path);
    pdn_test_api_assert_problem (moved, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (bad, 400, "invalid-input", "kind");
  }
  /* A series with sessions stays (409); an empty one goes. */
  with_series = g_strdup_printf (
      "{\"program_id\":%lld,\"series_id\":%lld,\"kind\":\"workshop\",\"title\":\"One\","
      "\"starts_at\":\"2026-10-01T15:00:00Z\",\"ends_at\":\"2026-10-01T17:00:00Z\","
      "\"time_zone\":\"America/Chicago\"}",
      (long long) program_a, (long long) busy);
  pdn_test_api_create (world, "/sessions", world->coord_a, with_series);
  {
    g_autoptr (PdnTestReply) conflict = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                           "%s", busy_path);
    g_autoptr (PdnTestReply) moved = pdn_test_api_call (world, "PATCH", world->admin, to_b, "%s",
                                                        busy_path);
    g_autoptr (PdnTestReply) deleted = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                          "%s", path);
    g_autoptr (PdnTestReply) again = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                        "%s", path);
    g_autoptr (PdnTestReply) admin_move = pdn_test_api_call (world, "PATCH", world->admin, to_b,
                                                             "/series/%lld",
                                                             (long long) create_series (
                                                                 world->admin, program_a));

    pdn_test_api_assert_problem (conflict, 409, "conflict", NULL);
    pdn_test_api_assert_problem (moved, 409, "conflict", "program_id");
    pdn_test_api_expect (deleted, 204);
    pdn_test_api_assert_problem (again, 404, "not-found", NULL);
    g_assert_cmpint (
        json_object_get_int_member (pdn_test_api_expect (admin_move, 200), "program_id"), ==,
        program_b);
  }
  pdn_test_api_assert_serving (world);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  g_test_add_func ("/pdnet/api/programs/create", test_program_create);
  g_test_add_func ("/pdnet/api/programs/create-forbidden", test_program_create_forbidden);
  g_test_add_func ("/pdnet/api/programs/read", test_program_read);
  g_test_add_func ("/pdnet/api/programs/filters", test_program_filters);
  g_test_add_func ("/pdnet/api/programs/paging", test_program_paging);
  g_test_add_func ("/pdnet/api/programs/update", test_program_update);
  g_test_add_func ("/pdnet/api/programs/input", test_program_input);
  g_test_add_func ("/pdnet/api/programs/delete", test_program_delete);
  g_test_add_func ("/pdnet/api/series/create", test_series_create);
  g_test_add_func ("/pdnet/api/series/input", test_series_input);
  g_test_add_func ("/pdnet/api/series/read", test_series_read);
  g_test_add_func ("/pdnet/api/series/update-delete", test_series_update_delete);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
