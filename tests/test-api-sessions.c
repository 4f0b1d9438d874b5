/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"

/*
 * /api/v1/sessions against the real pdnetd: each role's allowed and
 * forbidden calls, who sees check-in codes, timestamps and other hostile
 * input, filters and paging in start order.
 */

static PdnTestWorld *world;
static gint64 program_a, program_b, series_a, series_b;

static gint64
create_program (const gchar *token, gint64 lead)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Sessions test\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) lead);

  return pdn_test_api_create (world, "/programs", token, body);
}

static gint64
create_series (const gchar *token, gint64 program_id)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Fall\",\"kind\":\"workshop-series\"}",
      (long long) program_id);

  return pdn_test_api_create (world, "/series", token, body);
}

/* The required members, starting at @starts_at for two hours, plus @extra
 * (",\"capacity\":3" or ""). */
static gchar *
session_body (gint64 program_id, const gchar *starts_at, const gchar *ends_at,
              const gchar *extra)
{
  return g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Read-alouds\","
                          "\"starts_at\":\"%s\",\"ends_at\":\"%s\","
                          "\"time_zone\":\"America/Chicago\"%s}",
                          (long long) program_id, starts_at, ends_at, extra);
}

static gint64
create_session (const gchar *token, gint64 program_id, const gchar *starts_at,
                const gchar *ends_at)
{
  g_autofree gchar *body = session_body (program_id, starts_at, ends_at, "");

  return pdn_test_api_create (world, "/sessions", token, body);
}

static gboolean
has_code (JsonObject *session)
{
  return json_object_has_member (session, "check_in_code");
}

/* ---- tests ---- */

static void
test_create (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"series_id\":%lld,\"kind\":\"workshop\","
      "\"title\":\"Guided reading\",\"topic\":\"Literacy\","
      "\"starts_at\":\"2026-09-12T09:00:00-05:00\",\"ends_at\":\"2026-09-12T11:30:00-05:00\","
      "\"time_zone\":\"America/Chicago\",\"location\":\"Room 12\",\"host_school_id\":%lld,"
      "\"capacity\":25,\"facilitator_ids\":[%lld],"
      "\"registration_opens_at\":\"2026-08-01T08:00:00-05:00\","
      "\"registration_closes_at\":\"2026-09-11T17:00:00-05:00\","
      "\"cancellation_cutoff\":\"2026-09-10T12:00:00Z\",\"state\":\"scheduled\"}",
      (long long) program_a, (long long) series_a, (long long) world->school_a,
      (long long) world->facilitator_person);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/sessions");
  JsonObject *session = pdn_test_api_expect (reply, 201);
  JsonArray *facilitators = json_object_get_array_member (session, "facilitator_ids");
  g_autofree gchar *location = g_strdup_printf (
      "/api/v1/sessions/%lld", (long long) json_object_get_int_member (session, "id"));

  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
  g_assert_cmpint (json_object_get_int_member (session, "program_id"), ==, program_a);
  g_assert_cmpint (json_object_get_int_member (session, "series_id"), ==, series_a);
  g_assert_cmpstr (json_object_get_string_member (session, "kind"), ==, "workshop");
  g_assert_cmpstr (json_object_get_string_member (session, "title"), ==, "Guided reading");
  g_assert_cmpstr (json_object_get_string_member (session, "topic"), ==, "Literacy");
  g_assert_cmpstr (json_object_get_string_member (session, "starts_at"), ==,
                   "2026-09-12T14:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (session, "ends_at"), ==,
                   "2026-09-12T16:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (session, "time_zone"), ==, "America/Chicago");
  g_assert_cmpstr (json_object_get_string_member (session, "local_date"), ==, "2026-09-12");
  g_assert_cmpstr (json_object_get_string_member (session, "location"), ==, "Room 12");
  g_assert_cmpint (json_object_get_int_member (session, "host_school_id"), ==, world->school_a);
  g_assert_cmpint (json_object_get_int_member (session, "capacity"), ==, 25);
  g_assert_cmpuint (json_array_get_length (facilitators), ==, 1);
  g_assert_cmpint (json_array_get_int_element (facilitators, 0), ==, world->facilitator_person);
  g_assert_cmpstr (json_object_get_string_member (session, "registration_opens_at"), ==,
                   "2026-08-01T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (session, "registration_closes_at"), ==,
                   "2026-09-11T22:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (session, "cancellation_cutoff"), ==,
                   "2026-09-10T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (session, "state"), ==, "scheduled");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (session, "curriculum")));
  g_assert_cmpuint (strlen (json_object_get_string_member (session, "check_in_code")), ==, 6);
  g_assert_nonnull (json_object_get_string_member (session, "created_at"));
  g_assert_nonnull (json_object_get_string_member (session, "updated_at"));

  /* Only the required members: the rest is null or empty. */
  {
    g_autofree gchar *minimal = session_body (program_a, "2026-09-19T15:00:00+00:00",
                                              "2026-09-19T16:00:00+00:00", "");
    g_autoptr (PdnTestReply) created = pdn_test_api_call (world, "POST", world->admin, minimal,
                                                          "/sessions");
    JsonObject *object = pdn_test_api_expect (created, 201);
    const gchar *nulls[] = { "series_id", "topic", "location", "host_school_id", "capacity",
                             "registration_opens_at", "registration_closes_at",
                             "cancellation_cutoff" };

    for (guint i = 0; i < G_N_ELEMENTS (nulls); i++)
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, nulls[i])));
    g_assert_cmpuint (
        json_array_get_length (json_object_get_array_member (object, "facilitator_ids")), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "scheduled");
  }
}

static void
test_create_forbidden (void)
{
  g_autofree gchar *body = session_body (program_a, "2026-10-01T15:00:00Z",
                                         "2026-10-01T17:00:00Z", "");
  const gchar *refused[] = { world->coord_b, world->coord_c, world->lead_a, world->teacher };

  pdn_test_api_assert_needs_token (world, "POST", "/sessions", body);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", refused[i], body,
                                                          "/sessions");
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  /* B's coordinator may add to B's program. */
  {
    g_autofree gchar *own = session_body (program_b, "2026-10-01T15:00:00Z",
                                          "2026-10-01T17:00:00Z", "");
    pdn_test_api_create (world, "/sessions", world->coord_b, own);
  }
  pdn_test_api_assert_serving (world);
}

static void
test_check_in_code_visibility (void)
{
  gint64 id = create_session (world->coord_a, program_a, "2026-11-05T15:00:00Z",
                              "2026-11-05T17:00:00Z");
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld", (long long) id);
  struct
  {
    const gchar *token;
    gboolean sees_code;
  } readers[] = {
    { world->admin, TRUE },    { world->coord_a, TRUE }, { world->coord_b, FALSE },
    { world->lead_a, FALSE },  { world->teacher, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr (PdnTestReply) one = pdn_test_api_call (world, "GET", readers[i].token, NULL,
                                                        "%s", path);
      g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", readers[i].token, NULL,
                                                         "/sessions?program_id=%lld",
                                                         (long long) program_a);
      JsonArray *items
          = json_object_get_array_member (pdn_test_api_expect (list, 200), "items");

      g_test_message ("reader %u", i);
      g_assert_cmpint (has_code (pdn_test_api_expect (one, 200)), ==, readers[i].sees_code);
      g_assert_cmpuint (json_array_get_length (items), >, 0);
      for (guint j = 0; j < json_array_get_length (items); j++)
        g_assert_cmpint (has_code (json_array_get_object_element (items, j)), ==,
                         readers[i].sees_code);
    }
  /* Coordinator A sees no code in B's program. */
  {
    g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                       "/sessions?program_id=%lld",
                                                       (long long) program_b);
    JsonArray *items = json_object_get_array_member (pdn_test_api_expect (list, 200), "items");

    g_assert_cmpuint (json_array_get_length (items), >, 0);
    for (guint j = 0; j < json_array_get_length (items); j++)
      g_assert_false (has_code (json_array_get_object_element (items, j)));
  }
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  pdn_test_api_assert_needs_token (world, "GET", "/sessions", NULL);
  {
    g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                          "/sessions/999999");
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
  }
}

typedef struct
{
  const gchar *extra;
  const gchar *starts_at;
  const gchar *ends_at;
  const gchar *field;
} InputCase;

static void
test_input (void)
{
  g_autofree gchar *other_series = g_strdup_printf (",\"series_id\":%lld", (long long) series_b);
  g_autofree gchar *facilitator_twice
      = g_strdup_printf (",\"facilitator_ids\":[%lld,%lld]", (long long) world->facilitator_person,
                         (long long) world->facilitator_person);
  const gchar *start = "2026-10-08T15:00:00Z";
  const gchar *end = "2026-10-08T17:00:00Z";
  InputCase cases[] = {
    { "", "2026-10-08T10:00:00", end, "starts_at" },
    { "", start, "next thursday", "ends_at" },
    { "", "2026-10-08 10:00:00-05:00", end, "starts_at" },
    { "", "2026-13-45T10:00:00Z", end, "starts_at" },
    { "", start, "2026-10-08T14:00:00Z", "ends_at" },
    { "", start, start, "ends_at" },
    { ",\"registration_opens_at\":\"yesterday\"", start, end, "registration_opens_at" },
    { ",\"cancellation_cutoff\":\"2026-10-07T12:00:00\"", start, end, "cancellation_cutoff" },
    { ",\"registration_opens_at\":\"2026-10-05T00:00:00Z\","
      "\"registration_closes_at\":\"2026-10-01T00:00:00Z\"",
      start, end, "registration_closes_at" },
    { ",\"registration_opens_at\":7", start, end, "registration_opens_at" },
    { ",\"capacity\":-5", start, end, "capacity" },
    { ",\"capacity\":\"10\"", start, end, "capacity" },
    { ",\"capacity\":1.5", start, end, "capacity" },
    { ",\"state\":\"postponed\"", start, end, "state" },
    { ",\"state\":1", start, end, "state" },
    { ",\"check_in_code\":\"ABCDEF\"", start, end, "check_in_code" },
    { ",\"room\":\"12\"", start, end, "room" },
    { other_series, start, end, "series_id" },
    { ",\"series_id\":\"1\"", start, end, "series_id" },
    { ",\"facilitator_ids\":[999999]", start, end, "facilitator_ids[0]" },
    { ",\"facilitator_ids\":[0]", start, end, "facilitator_ids[0]" },
    { ",\"facilitator_ids\":7", start, end, "facilitator_ids" },
    { facilitator_twice, start, end, "facilitator_ids[1]" },
    { ",\"host_school_id\":999999", start, end, "host_school_id" },
    { ",\"location\":\"Gym \xed\xa0\x80\"", start, end, "location" },
    { ",\"topic\":\"\xff\"", start, end, "topic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *body = NULL;
      g_autoptr (PdnTestReply) reply = NULL;

      body = session_body (program_a, cases[i].starts_at, cases[i].ends_at, cases[i].extra);
      reply = pdn_test_api_call (world, "POST", world->coord_a, body, "/sessions");
      g_test_message ("case %u: %s", i, cases[i].field);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
    }
  {
    /* Missing members, a body that is not an object, a raw invalid byte. */
    struct
    {
      gchar *body;
      const gchar *field;
    } raw[] = {
      { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"x\","
                         "\"starts_at\":\"%s\",\"ends_at\":\"%s\"}",
                         (long long) program_a, start, end),
        "time_zone" },
      { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"x\","
                         "\"ends_at\":\"%s\",\"time_zone\":\"UTC\"}",
                         (long long) program_a, end),
        "starts_at" },
      { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"starts_at\":\"%s\","
                         "\"ends_at\":\"%s\",\"time_zone\":\"UTC\"}",
                         (long long) program_a, start, end),
        "title" },
      { g_strdup_printf ("{\"kind\":\"workshop\",\"title\":\"x\",\"starts_at\":\"%s\","
                         "\"ends_at\":\"%s\",\"time_zone\":\"UTC\"}",
                         start, end),
        "program_id" },
      { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Bad \xc0\xaf\","
                         "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"time_zone\":\"UTC\"}",
                         (long long) program_a, start, end),
        "title" },
      { g_strdup_printf ("{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"x\","
                         "\"starts_at\":\"%s\",\"ends_at\":\"%s\","
                         "\"time_zone\":\"Mars/Olympus_Mons\"}",
                         (long long) program_a, start, end),
        "time_zone" },
      { g_strdup ("null"), "body" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
      {
        g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a,
                                                            raw[i].body, "/sessions");
        g_test_message ("raw case %u: %s", i, raw[i].field);
        pdn_test_api_assert_problem (reply, 400, "invalid-input", raw[i].field);
        g_free (raw[i].body);
      }
  }
  /* The same rules on PATCH, against the stored start. */
  {
    gint64 id = create_session (world->coord_a, program_a, start, end);
    g_autoptr (PdnTestReply) no_offset = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"starts_at\":\"2026-10-08T09:00\"}", "/sessions/%lld",
        (long long) id);
    g_autoptr (PdnTestReply) early_end = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"ends_at\":\"2026-10-08T09:00:00-05:00\"}",
        "/sessions/%lld", (long long) id);
    g_autoptr (PdnTestReply) state = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"state\":\"done\"}", "/sessions/%lld", (long long) id);
    g_autoptr (PdnTestReply) unchanged = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                            "/sessions/%lld", (long long) id);

    pdn_test_api_assert_problem (no_offset, 400, "invalid-input", "starts_at");
    pdn_test_api_assert_problem (early_end, 400, "invalid-input", "ends_at");
    pdn_test_api_assert_problem (state, 400, "invalid-input", "state");
    g_assert_cmpstr (
        json_object_get_string_member (pdn_test_api_expect (unchanged, 200), "starts_at"), ==,
        start);
  }
  pdn_test_api_assert_serving (world);
}

static void
test_sql_metacharacters (void)
{
  const gchar *title = "x'); DROP TABLE sessions; --";
  const gchar *location = "Room \"1\" OR 1=1; -- \\ %_";
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"x'); DROP TABLE sessions; --\","
      "\"location\":\"Room \\\"1\\\" OR 1=1; -- \\\\ %%_\","
      "\"starts_at\":\"2026-10-09T15:00:00Z\",\"ends_at\":\"2026-10-09T17:00:00Z\","
      "\"time_zone\":\"America/Chicago\"}",
      (long long) program_a);
  gint64 id = pdn_test_api_create (world, "/sessions", world->coord_a, body);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                      "/sessions/%lld", (long long) id);
  JsonObject *session = pdn_test_api_expect (reply, 200);
  g_autofree gchar *stored_title
      = pdn_test_query_text (world->store, "SELECT title FROM sessions WHERE id = ?", id);
  g_autofree gchar *stored_location
      = pdn_test_query_text (world->store, "SELECT location FROM sessions WHERE id = ?", id);

  g_assert_cmpstr (json_object_get_string_member (session, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (session, "location"), ==, location);
  g_assert_cmpstr (stored_title, ==, title);
  g_assert_cmpstr (stored_location, ==, location);
  g_assert_cmpint (pdn_test_query_int (world->store, "SELECT COUNT(*) FROM sessions", 0), >, 1);
  pdn_test_api_assert_serving (world);
}

/* Sessions come in start order whatever their ids; cursors follow it. */
static void
test_list_paging_and_filters (void)
{
  gint64 program = create_program (world->admin, world->org_c);
  gint64 series = create_series (world->admin, program);
  const gchar *starts[] = { "2027-03-03T15:00:00Z", "2027-03-01T15:00:00Z",
                            "2027-03-05T15:00:00Z", "2027-03-02T15:00:00Z",
                            "2027-03-04T15:00:00Z" };
  const guint start_order[] = { 1, 3, 0, 4, 2 };
  gint64 ids[G_N_ELEMENTS (starts)];
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;
  guint pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree gchar *end = g_strndup (starts[i], 11);
      g_autofree gchar *ends_at = g_strconcat (end, "17:00:00Z", NULL);
      g_autofree gchar *extra = g_strdup_printf (",\"series_id\":%lld", (long long) series);
      g_autofree gchar *body = session_body (program, starts[i], ends_at, i == 0 ? extra : "");

      ids[i] = pdn_test_api_create (world, "/sessions", world->admin, body);
    }
  do
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (
          world, "GET", world->teacher, NULL, "/sessions?program_id=%lld&limit=2%s%s",
          (long long) program, cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      JsonObject *page = pdn_test_api_expect (reply, 200);
      g_autoptr (GArray) page_ids = pdn_test_page_ids (page);
      JsonNode *next = json_object_get_member (page, "next_cursor");

      g_assert_cmpuint (page_ids->len, <=, 2);
      g_array_append_vals (seen, page_ids->data, page_ids->len);
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (seen->len, ==, G_N_ELEMENTS (starts));
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpint (g_array_index (seen, gint64, i), ==, ids[start_order[i]]);

  /* Cancel the first, then filter by state, time and series. */
  {
    g_autoptr (PdnTestReply) cancel = pdn_test_api_call (
        world, "PATCH", world->admin, "{\"state\":\"cancelled\"}", "/sessions/%lld",
        (long long) ids[1]);
    g_autoptr (PdnTestReply) cancelled = pdn_test_api_call (
        world, "GET", world->teacher, NULL, "/sessions?program_id=%lld&state=cancelled",
        (long long) program);
    g_autoptr (PdnTestReply) scheduled = pdn_test_api_call (
        world, "GET", world->teacher, NULL, "/sessions?program_id=%lld&state=scheduled",
        (long long) program);
    /* 2027-03-02T09:00-06:00 is 15:00Z: from is inclusive, to exclusive. */
    g_autoptr (PdnTestReply) window = pdn_test_api_call (
        world, "GET", world->teacher, NULL,
        "/sessions?program_id=%lld&from=2027-03-02T09:00:00-06:00&to=2027-03-04T15:00:00Z",
        (long long) program);
    g_autoptr (PdnTestReply) by_series = pdn_test_api_call (
        world, "GET", world->teacher, NULL, "/sessions?series_id=%lld", (long long) series);
    g_autoptr (GArray) cancelled_ids = NULL;
    g_autoptr (GArray) scheduled_ids = NULL;
    g_autoptr (GArray) window_ids = NULL;
    g_autoptr (GArray) series_ids = NULL;

    pdn_test_api_expect (cancel, 200);
    cancelled_ids = pdn_test_page_ids (pdn_test_api_expect (cancelled, 200));
    scheduled_ids = pdn_test_page_ids (pdn_test_api_expect (scheduled, 200));
    window_ids = pdn_test_page_ids (pdn_test_api_expect (window, 200));
    series_ids = pdn_test_page_ids (pdn_test_api_expect (by_series, 200));
    g_assert_cmpuint (cancelled_ids->len, ==, 1);
    g_assert_cmpint (g_array_index (cancelled_ids, gint64, 0), ==, ids[1]);
    g_assert_cmpuint (scheduled_ids->len, ==, 4);
    g_assert_cmpuint (window_ids->len, ==, 2);
    g_assert_cmpint (g_array_index (window_ids, gint64, 0), ==, ids[3]);
    g_assert_cmpint (g_array_index (window_ids, gint64, 1), ==, ids[0]);
    g_assert_cmpuint (series_ids->len, ==, 1);
    g_assert_cmpint (g_array_index (series_ids, gint64, 0), ==, ids[0]);
  }
  /* Bad filters name themselves. */
  {
    const gchar *queries[][2] = {
      { "state=postponed", "state" }, { "from=tomorrow", "from" },
      { "to=2027-03-01T00:00:00", "to" }, { "program_id=-3", "program_id" },
      { "series_id=abc", "series_id" }, { "starts_at=2027-03-01T00:00:00Z", "starts_at" },
      { "limit=201", "limit" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                            "/sessions?%s", queries[i][0]);
        pdn_test_api_assert_problem (reply, 400, "invalid-input", queries[i][1]);
      }
  }
  /* A cursor whose session was deleted meanwhile cannot place the page. */
  {
    g_autoptr (PdnTestReply) gone = NULL;
    g_autoptr (PdnTestReply) deleted = pdn_test_api_call (world, "DELETE", world->admin, NULL,
                                                          "/sessions/%lld", (long long) ids[4]);

    pdn_test_api_expect (deleted, 204);
    gone = pdn_test_api_call (world, "GET", world->admin, NULL,
                              "/sessions?program_id=%lld&cursor=%lld", (long long) program,
                              (long long) ids[4]);
    pdn_test_api_assert_problem (gone, 400, "invalid-input", "cursor");
  }
}

static void
test_update (void)
{
  gint64 id = create_session (world->coord_a, program_a, "2026-10-15T15:00:00Z",
                              "2026-10-15T17:00:00Z");
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld", (long long) id);
  g_autofree gchar *to_b = g_strdup_printf ("{\"program_id\":%lld}", (long long) program_b);
  g_autofree gchar *series_of_b = g_strdup_printf ("{\"series_id\":%lld}", (long long) series_b);
  const gchar *refused[] = { world->coord_b, world->coord_c, world->lead_a, world->teacher };

  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "PATCH", world->coord_a,
        "{\"title\":\"Moved online\",\"location\":\"Zoom\",\"capacity\":12,"
        "\"starts_at\":\"2026-10-15T10:30:00-05:00\"}",
        "%s", path);
    JsonObject *session = pdn_test_api_expect (reply, 200);

    g_assert_cmpstr (json_object_get_string_member (session, "title"), ==, "Moved online");
    g_assert_cmpstr (json_object_get_string_member (session, "location"), ==, "Zoom");
    g_assert_cmpint (json_object_get_int_member (session, "capacity"), ==, 12);
    g_assert_cmpstr (json_object_get_string_member (session, "starts_at"), ==,
                     "2026-10-15T15:30:00Z");
    g_assert_cmpstr (json_object_get_string_member (session, "kind"), ==, "workshop");
    g_assert_true (has_code (session));
  }
  {
    g_autoptr (PdnTestReply) reply
        = pdn_test_api_call (world, "PATCH", world->admin,
                             "{\"capacity\":null,\"location\":null,\"state\":\"cancelled\"}",
                             "%s", path);
    JsonObject *session = pdn_test_api_expect (reply, 200);

    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (session, "capacity")));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (session, "location")));
    g_assert_cmpstr (json_object_get_string_member (session, "state"), ==, "cancelled");
  }
  pdn_test_api_assert_needs_token (world, "PATCH", path, "{\"title\":\"x\"}");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PATCH", refused[i],
                                                          "{\"title\":\"x\"}", "%s", path);
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  {
    g_autoptr (PdnTestReply) moved = pdn_test_api_call (world, "PATCH", world->coord_a, to_b,
                                                        "%s", path);
    g_autoptr (PdnTestReply) series = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                         series_of_b, "%s", path);
    g_autoptr (PdnTestReply) missing = pdn_test_api_call (world, "PATCH", world->admin,
                                                          "{\"title\":\"x\"}", "/sessions/999999");
    g_autoptr (PdnTestReply) unknown = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                          "{\"local_date\":\"2026-10-15\"}", "%s",
                                                          path);

    pdn_test_api_assert_problem (moved, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (series, 400, "invalid-input", "series_id");
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
    pdn_test_api_assert_problem (unknown, 400, "invalid-input", "local_date");
  }
}

static void
test_delete (void)
{
  gint64 busy = create_session (world->coord_a, program_a, "2026-10-22T15:00:00Z",
                                "2026-10-22T17:00:00Z");
  gint64 free_session = create_session (world->coord_a, program_a, "2026-10-23T15:00:00Z",
                                        "2026-10-23T17:00:00Z");
  g_autofree gchar *busy_path = g_strdup_printf ("/sessions/%lld", (long long) busy);
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld", (long long) free_session);
  const gchar *refused[] = { world->coord_b, world->lead_a, world->teacher };

  pdn_test_add_registration (world->store, busy, world->teacher_person, "registered");
  pdn_test_api_assert_needs_token (world, "DELETE", path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "DELETE", refused[i], NULL, "%s",
                                                          path);
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  {
    g_autoptr (PdnTestReply) conflict = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                           "%s", busy_path);
    g_autoptr (PdnTestReply) deleted = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                          "%s", path);
    g_autoptr (PdnTestReply) again = pdn_test_api_call (world, "DELETE", world->admin, NULL,
                                                        "%s", path);
    g_autoptr (PdnTestReply) gone = pdn_test_api_call (world, "GET", world->admin, NULL, "%s",
                                                       path);

    pdn_test_api_assert_problem (conflict, 409, "conflict", NULL);
    pdn_test_api_expect (deleted, 204);
    pdn_test_api_assert_problem (again, 404, "not-found", NULL);
    pdn_test_api_assert_problem (gone, 404, "not-found", NULL);
  }
  pdn_test_api_assert_serving (world);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  program_a = create_program (world->coord_a, world->org_a);
  program_b = create_program (world->coord_b, world->org_b);
  series_a = create_series (world->coord_a, program_a);
  series_b = create_series (world->coord_b, program_b);
  g_test_add_func ("/pdnet/api/sessions/create", test_create);
  g_test_add_func ("/pdnet/api/sessions/create-forbidden", test_create_forbidden);
  g_test_add_func ("/pdnet/api/sessions/check-in-code-visibility", test_check_in_code_visibility);
  g_test_add_func ("/pdnet/api/sessions/input", test_input);
  g_test_add_func ("/pdnet/api/sessions/sql-metacharacters", test_sql_metacharacters);
  g_test_add_func ("/pdnet/api/sessions/list-paging-and-filters", test_list_paging_and_filters);
  g_test_add_func ("/pdnet/api/sessions/update", test_update);
  g_test_add_func ("/pdnet/api/sessions/delete", test_delete);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
