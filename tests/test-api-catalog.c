/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"

/*
 * The public catalog against the real pdnetd: open without a token,
 * scheduled sessions only, upcoming by default, and nothing personal or
 * secret in it (no check-in codes, no emails, no registrations).
 */

static PdnTestWorld *world;
static gint64 program_p, program_q, series_p;
/* In program P: two upcoming sessions (the first in series_p, with a
 * facilitator and host school), a cancelled one and a past one; in Q one
 * upcoming session. */
static gint64 upcoming_1, upcoming_2, cancelled, past, upcoming_q;

static gint64
create_program (gint64 lead, const gchar *name)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"%s\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2030-31\"}",
      name, (long long) lead);

  return pdn_test_api_create (world, "/programs", world->admin, body);
}

static gint64
create_session (gint64 program_id, const gchar *starts_at, const gchar *ends_at,
                const gchar *extra)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Session at %s\","
      "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"time_zone\":\"America/Chicago\"%s}",
      (long long) program_id, starts_at, starts_at, ends_at, extra);

  return pdn_test_api_create (world, "/sessions", world->admin, body);
}

static void
seed (void)
{
  g_autofree gchar *series_body = NULL;
  g_autofree gchar *rich = NULL;

  program_p = create_program (world->org_a, "Saturday Literacy Institute");
  program_q = create_program (world->org_b, "Charter Math Circle");
  series_body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Early readers\",\"topic\":\"Phonics\","
      "\"term\":\"Spring 2031\",\"kind\":\"workshop-series\"}",
      (long long) program_p);
  series_p = pdn_test_api_create (world, "/series", world->admin, series_body);
  rich = g_strdup_printf (",\"series_id\":%lld,\"facilitator_ids\":[%lld],"
                          "\"host_school_id\":%lld,\"location\":\"Library\",\"capacity\":30,"
                          "\"registration_closes_at\":\"2031-03-01T12:00:00Z\"",
                          (long long) series_p, (long long) world->facilitator_person,
                          (long long) world->school_a);
  upcoming_2 = create_session (program_p, "2031-03-08T15:00:00Z", "2031-03-08T17:00:00Z", "");
  upcoming_1 = create_session (program_p, "2031-03-01T15:00:00Z", "2031-03-01T17:00:00Z", rich);
  cancelled = create_session (program_p, "2031-03-04T15:00:00Z", "2031-03-04T17:00:00Z",
                              ",\"state\":\"cancelled\"");
  past = create_session (program_p, "2020-03-01T15:00:00Z", "2020-03-01T17:00:00Z", "");
  upcoming_q = create_session (program_q, "2031-03-02T15:00:00Z", "2031-03-02T17:00:00Z", "");
  pdn_test_exec (world->store, "INSERT INTO registrations (session_id, person_id, status, "
                               "created_at) SELECT id, (SELECT MIN(id) FROM people), "
                               "'registered', '2031-01-01T00:00:00Z' FROM sessions");
  /* Someone waits for upcoming_1 (as if its seats had been full). */
  {
    g_autofree gchar *sql = g_strdup_printf (
        "INSERT INTO registrations (session_id, person_id, status, created_at) "
        "VALUES (%lld, (SELECT MAX(id) FROM people), 'waitlisted', '2031-01-02T00:00:00Z')",
        (long long) upcoming_1);
    pdn_test_exec (world->store, sql);
  }
}

static JsonObject *
find_item (JsonObject *page, gint64 id)
{
  JsonArray *items = json_object_get_array_member (page, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      if (json_object_get_int_member (item, "id") == id)
        return item;
    }
  return NULL;
}

/* No check-in code, email or registration anywhere in @node's text. */
static void
assert_nothing_private (JsonNode *node)
{
  g_autofree gchar *text = json_to_string (node, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt
      = pdn_store_prepare (world->store, "SELECT check_in_code FROM sessions", &error);
  guint codes = 0;

  g_assert_no_error (error);
  while (pdn_statement_step (stmt, &error) == PDN_STEP_ROW)
    {
      g_assert_null (strstr (text, pdn_statement_column_text (stmt, 0)));
      codes++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (codes, >, 0);
  g_assert_null (strstr (text, "check_in_code"));
  g_assert_null (strstr (text, PDN_TEST_FACILITATOR_EMAIL));
  g_assert_null (strstr (text, "@"));
  g_assert_null (strstr (text, "registration\""));
  g_assert_null (strstr (text, "person_id"));
  g_assert_null (strstr (text, "facilitator_ids"));
}

static void
test_sessions_anonymous (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL,
                                                      "/catalog/sessions");
  JsonObject *page = pdn_test_api_expect (reply, 200);
  g_autoptr (GArray) ids = pdn_test_page_ids (page);
  JsonObject *rich = find_item (page, upcoming_1);
  JsonArray *facilitators = json_object_get_array_member (rich, "facilitators");
  JsonObject *plain = find_item (page, upcoming_2);

  /* Upcoming scheduled sessions, in start order. */
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, upcoming_1);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, upcoming_q);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, upcoming_2);
  g_assert_null (find_item (page, cancelled));
  g_assert_null (find_item (page, past));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (page, "next_cursor")));

  g_assert_cmpint (json_object_get_int_member (rich, "program_id"), ==, program_p);
  g_assert_cmpstr (json_object_get_string_member (rich, "program_name"), ==,
                   "Saturday Literacy Institute");
  g_assert_cmpint (json_object_get_int_member (rich, "series_id"), ==, series_p);
  g_assert_cmpstr (json_object_get_string_member (rich, "series_title"), ==, "Early readers");
  g_assert_cmpstr (json_object_get_string_member (rich, "starts_at"), ==, "2031-03-01T15:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (rich, "local_date"), ==, "2031-03-01");
  g_assert_cmpstr (json_object_get_string_member (rich, "time_zone"), ==, "America/Chicago");
  g_assert_cmpstr (json_object_get_string_member (rich, "location"), ==, "Library");
  g_assert_cmpint (json_object_get_int_member (rich, "host_school_id"), ==, world->school_a);
  g_assert_cmpstr (json_object_get_string_member (rich, "host_school_name"), ==,
                   "Lincoln Elementary");
  g_assert_cmpint (json_object_get_int_member (rich, "capacity"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (rich, "registration_closes_at"), ==,
                   "2031-03-01T12:00:00Z");
  g_assert_cmpuint (json_array_get_length (facilitators), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (facilitators, 0), "name"), ==,
      PDN_TEST_FACILITATOR_NAME);
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (facilitators, 0)), ==,
                    1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (plain, "series_id")));
  g_assert_true (
      JSON_NODE_HOLDS_NULL (json_object_get_member (plain, "host_school_name")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (plain, "capacity")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (plain, "curriculum")));
  g_assert_cmpstr (json_object_get_string_member (rich, "state"), ==, "scheduled");
  /* Counts, not people: 30 seats, one taken; one waits. */
  g_assert_cmpstr (json_object_get_string_member (rich, "program_type"), ==, "workshop-series");
  g_assert_cmpint (json_object_get_int_member (rich, "seats_left"), ==, 29);
  g_assert_cmpint (json_object_get_int_member (rich, "waitlist_size"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (plain, "seats_left")));
  g_assert_cmpint (json_object_get_int_member (plain, "waitlist_size"), ==, 0);
  assert_nothing_private (reply->node);
}

/* A token changes nothing: even an admin gets the public view, and a bad
 * token is not refused on a public route. */
static void
test_sessions_with_tokens (void)
{
  const gchar *tokens[] = { world->admin, world->coord_a, world->teacher, PDN_TEST_BAD_TOKEN };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", tokens[i], NULL,
                                                          "/catalog/sessions");
      g_autoptr (GArray) ids = pdn_test_page_ids (pdn_test_api_expect (reply, 200));

      g_assert_cmpuint (ids->len, ==, 3);
      assert_nothing_private (reply->node);
    }
}

static void
test_sessions_filters (void)
{
  g_autoptr (PdnTestReply) by_program = pdn_test_api_call (
      world, "GET", NULL, NULL, "/catalog/sessions?program_id=%lld", (long long) program_q);
  g_autoptr (PdnTestReply) by_series = pdn_test_api_call (
      world, "GET", NULL, NULL, "/catalog/sessions?series_id=%lld", (long long) series_p);
  g_autoptr (PdnTestReply) with_past = pdn_test_api_call (
      world, "GET", NULL, NULL, "/catalog/sessions?program_id=%lld&from=2019-01-01T00:00:00Z",
      (long long) program_p);
  /* 09:00-06:00 is 15:00Z: from inclusive, to exclusive. */
  g_autoptr (PdnTestReply) window = pdn_test_api_call (
      world, "GET", NULL, NULL,
      "/catalog/sessions?from=2031-03-01T09:00:00-06:00&to=2031-03-08T15:00:00Z");
  g_autoptr (GArray) program_ids = pdn_test_page_ids (pdn_test_api_expect (by_program, 200));
  g_autoptr (GArray) series_ids = pdn_test_page_ids (pdn_test_api_expect (by_series, 200));
  g_autoptr (GArray) past_ids = pdn_test_page_ids (pdn_test_api_expect (with_past, 200));
  g_autoptr (GArray) window_ids = pdn_test_page_ids (pdn_test_api_expect (window, 200));
  const gchar *bad[][2] = {
    { "from=soon", "from" },          { "to=2031-03-01T00:00:00", "to" },
    { "program_id=abc", "program_id" }, { "state=cancelled", "state" },
    { "series_id=0", "series_id" },   { "cursor=-1", "cursor" },
  };

  g_assert_cmpuint (program_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (program_ids, gint64, 0), ==, upcoming_q);
  g_assert_cmpuint (series_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (series_ids, gint64, 0), ==, upcoming_1);
  g_assert_cmpuint (past_ids->len, ==, 3);
  g_assert_cmpint (g_array_index (past_ids, gint64, 0), ==, past);
  g_assert_cmpuint (window_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (window_ids, gint64, 0), ==, upcoming_1);
  g_assert_cmpint (g_array_index (window_ids, gint64, 1), ==, upcoming_q);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL,
                                                          "/catalog/sessions?%s", bad[i][0]);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", bad[i][1]);
    }
  pdn_test_api_assert_serving (world);
}

/* Words anywhere in the topic or title (or the series' topic), and in the
 * location or host school: case aside, and % is only a percent sign. */
static void
assert_words (const gchar *query, guint n, gint64 first)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL,
                                                      "/catalog/sessions?%s", query);
  g_autoptr (GArray) ids = pdn_test_page_ids (pdn_test_api_expect (reply, 200));

  g_assert_cmpuint (ids->len, ==, n);
  if (first != 0)
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
}

static void
test_sessions_words (void)
{
  g_autofree gchar *long_words = g_strnfill (201, 'a');
  g_autofree gchar *with_program = g_strdup_printf ("topic=session&place=Library&program_id=%lld",
                                                    (long long) program_q);
  g_autoptr (PdnTestReply) too_long = pdn_test_api_call (world, "GET", NULL, NULL,
                                                         "/catalog/sessions?topic=%s",
                                                         long_words);

  assert_words ("topic=phon", 1, upcoming_1);        /* the series' topic, "Phonics" */
  assert_words ("topic=SESSION%20AT", 3, upcoming_1); /* every title */
  assert_words ("topic=2031-03-02", 1, upcoming_q);  /* in upcoming_q's title */
  assert_words ("topic=50%25", 0, 0);
  assert_words ("place=library", 1, upcoming_1);
  assert_words ("place=lincoln", 1, upcoming_1); /* the host school */
  assert_words ("place=nowhere", 0, 0);
  assert_words ("topic=early&place=", 0, 0);     /* blank is no filter; "early" is nowhere */
  assert_words ("topic=phonics&place=", 1, upcoming_1);
  assert_words (with_program, 0, 0);
  pdn_test_api_assert_problem (too_long, 400, "invalid-input", "topic");
}

/* One session: the same public view, also for a cancelled or past one. */
static void
test_one_session (void)
{
  g_autoptr (PdnTestReply) rich = pdn_test_api_call (world, "GET", NULL, NULL,
                                                     "/catalog/sessions/%lld",
                                                     (long long) upcoming_1);
  g_autoptr (PdnTestReply) gone = pdn_test_api_call (world, "GET", NULL, NULL,
                                                     "/catalog/sessions/%lld",
                                                     (long long) cancelled);
  g_autoptr (PdnTestReply) old = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                    "/catalog/sessions/%lld", (long long) past);
  g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "GET", NULL, NULL,
                                                        "/catalog/sessions/999999");
  JsonObject *session = pdn_test_api_expect (rich, 200);

  g_assert_cmpint (json_object_get_int_member (session, "id"), ==, upcoming_1);
  g_assert_cmpstr (json_object_get_string_member (session, "series_title"), ==, "Early readers");
  g_assert_cmpint (json_object_get_int_member (session, "seats_left"), ==, 29);
  g_assert_cmpint (json_object_get_int_member (session, "waitlist_size"), ==, 1);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (session, "facilitators")), ==, 1);
  assert_nothing_private (rich->node);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (gone, 200), "state"), ==,
                   "cancelled");
  g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (old, 200), "state"), ==,
                   "scheduled");
  pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
}

static void
test_sessions_paging (void)
{
  gint64 expected[] = { upcoming_1, upcoming_q, upcoming_2 };
  g_autofree gchar *cursor = NULL;
  guint n = 0;

  do
    {
      g_autoptr (PdnTestReply) reply
          = pdn_test_api_call (world, "GET", NULL, NULL, "/catalog/sessions?limit=1%s%s",
                               cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      JsonObject *page = pdn_test_api_expect (reply, 200);
      g_autoptr (GArray) ids = pdn_test_page_ids (page);
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, expected[n]);
      n++;
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

static void
test_series (void)
{
  g_autoptr (PdnTestReply) all = pdn_test_api_call (world, "GET", NULL, NULL, "/catalog/series");
  g_autoptr (PdnTestReply) of_q = pdn_test_api_call (world, "GET", NULL, NULL,
                                                     "/catalog/series?program_id=%lld",
                                                     (long long) program_q);
  g_autoptr (PdnTestReply) bad = pdn_test_api_call (world, "GET", NULL, NULL,
                                                    "/catalog/series?title=x");
  JsonObject *page = pdn_test_api_expect (all, 200);
  JsonObject *series = find_item (page, series_p);

  g_assert_nonnull (series);
  g_assert_cmpint (json_object_get_int_member (series, "program_id"), ==, program_p);
  g_assert_cmpstr (json_object_get_string_member (series, "program_name"), ==,
                   "Saturday Literacy Institute");
  g_assert_cmpstr (json_object_get_string_member (series, "school_year"), ==, "2030-31");
  g_assert_cmpstr (json_object_get_string_member (series, "title"), ==, "Early readers");
  g_assert_cmpstr (json_object_get_string_member (series, "topic"), ==, "Phonics");
  g_assert_cmpstr (json_object_get_string_member (series, "term"), ==, "Spring 2031");
  g_assert_cmpstr (json_object_get_string_member (series, "kind"), ==, "workshop-series");
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (pdn_test_api_expect (of_q, 200),
                                                           "items")),
      ==, 0);
  pdn_test_api_assert_problem (bad, 400, "invalid-input", "title");
}

/* Signing up picks a school from these: no token, no external ids. */
static void
test_schools (void)
{
  g_autofree gchar *domain = g_strdup_printf (
      "INSERT INTO organization_email_domains (organization_id, domain) VALUES (%lld, "
      "'district-a.example')",
      (long long) world->org_a);
  g_autoptr (PdnTestReply) all = NULL;
  g_autoptr (PdnTestReply) of_b = NULL;
  g_autoptr (PdnTestReply) bad = NULL;
  JsonObject *lincoln, *harbor;

  pdn_test_exec (world->store, domain);
  all = pdn_test_api_call (world, "GET", NULL, NULL, "/catalog/schools?limit=200");
  of_b = pdn_test_api_call (world, "GET", PDN_TEST_BAD_TOKEN, NULL,
                            "/catalog/schools?organization_id=%lld", (long long) world->org_b);
  bad = pdn_test_api_call (world, "GET", NULL, NULL, "/catalog/schools?sector=charter");
  lincoln = find_item (pdn_test_api_expect (all, 200), world->school_a);
  harbor = find_item (pdn_test_reply_object (all), world->school_b);
  g_assert_cmpstr (json_object_get_string_member (lincoln, "name"), ==, "Lincoln Elementary");
  g_assert_cmpint (json_object_get_int_member (lincoln, "organization_id"), ==, world->org_a);
  g_assert_nonnull (json_object_get_string_member (lincoln, "organization_name"));
  g_assert_nonnull (json_object_get_string_member (lincoln, "sector"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lincoln,
                                                                         "email_domains")),
                    ==, 1);
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (lincoln, "email_domains"), 0),
                   ==, "district-a.example");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (harbor,
                                                                         "email_domains")),
                    ==, 0);
  g_assert_false (json_object_has_member (lincoln, "external_id"));
  {
    JsonArray *items = json_object_get_array_member (pdn_test_api_expect (of_b, 200), "items");

    g_assert_cmpuint (json_array_get_length (items), >=, 1);
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, i),
                                                   "organization_id"),
                       ==, world->org_b);
  }
  pdn_test_api_assert_problem (bad, 400, "invalid-input", "sector");
}

/* The catalog is public in the API description too, the rest is not. */
static void
test_openapi (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "/openapi.json");
  JsonObject *paths = json_object_get_object_member (pdn_test_api_expect (reply, 200), "paths");
  JsonObject *components = json_object_get_object_member (pdn_test_reply_object (reply),
                                                          "components");
  JsonObject *schemas = json_object_get_object_member (components, "schemas");
  const gchar *public_paths[] = { "/api/v1/catalog/sessions", "/api/v1/catalog/sessions/{id}",
                                  "/api/v1/catalog/series", "/api/v1/catalog/schools" };
  const gchar *private_paths[] = { "/api/v1/programs", "/api/v1/series", "/api/v1/sessions" };

  for (guint i = 0; i < G_N_ELEMENTS (public_paths); i++)
    {
      JsonObject *get = json_object_get_object_member (
          json_object_get_object_member (paths, public_paths[i]), "get");
      JsonArray *security = json_object_get_array_member (get, "security");
      g_assert_nonnull (security);
      g_assert_cmpuint (json_array_get_length (security), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (private_paths); i++)
    {
      JsonObject *item = json_object_get_object_member (paths, private_paths[i]);
      JsonObject *get = json_object_get_object_member (item, "get");

      /* Open only with an explicit empty list; the default needs a token. */
      if (json_object_has_member (get, "security"))
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (get, "security")),
                          >, 0);
      g_assert_true (json_object_has_member (item, "post"));
    }
  g_assert_false (json_object_has_member (
      json_object_get_object_member (json_object_get_object_member (schemas, "CatalogSession"),
                                     "properties"),
      "check_in_code"));
  g_assert_true (json_object_has_member (
      json_object_get_object_member (json_object_get_object_member (schemas, "Session"),
                                     "properties"),
      "check_in_code"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  seed ();
  g_test_add_func ("/pdnet/api/catalog/sessions-anonymous", test_sessions_anonymous);
  g_test_add_func ("/pdnet/api/catalog/sessions-with-tokens", test_sessions_with_tokens);
  g_test_add_func ("/pdnet/api/catalog/sessions-filters", test_sessions_filters);
  g_test_add_func ("/pdnet/api/catalog/sessions-words", test_sessions_words);
  g_test_add_func ("/pdnet/api/catalog/one-session", test_one_session);
  g_test_add_func ("/pdnet/api/catalog/sessions-paging", test_sessions_paging);
  g_test_add_func ("/pdnet/api/catalog/series", test_series);
  g_test_add_func ("/pdnet/api/catalog/schools", test_schools);
  g_test_add_func ("/pdnet/api/catalog/openapi", test_openapi);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
