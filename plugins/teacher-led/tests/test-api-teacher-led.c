/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-test-burst.h"

/*
 * The teacher-led program type in the real pdnetd, loaded from the build
 * tree (PDNET_PLUGIN_DIR): teacher-leader records and their access rules,
 * courses and sessions refused with their fields, one course per term
 * (409 naming the first, also when both requests race), registering for
 * one session registering for the whole course, and 4 of 5 sessions
 * earning the credit on GET /me/transcript while 3 of 5 do not.
 */

static PdnTestWorld *world;
static gint64 program;     /* teacher-led, lead organization A, credit 15 h + 1 */
static gint64 leader;      /* the world's facilitator, a trained teacher-leader */
static guint next_day = 3; /* sessions go on days from now, never twice the same */

/* An RFC 3339 UTC time @days from now at @hour:00. */
static gchar *
days_from_now (guint days, gint hour)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) day = g_date_time_add_days (now, (gint) days);
  g_autofree gchar *date = g_date_time_format (day, "%Y-%m-%d");

  return g_strdup_printf ("%sT%02d:00:00Z", date, hour);
}

static gint64
create_program (const gchar *type, const gchar *settings)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Educators Collaborative\",\"type\":\"%s\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\",\"settings\":%s}",
      type, (long long) world->org_a, settings);

  return pdn_test_api_create (world, "/programs", world->coord_a, body);
}

static gint64
create_course (const gchar *title, const gchar *term)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"%s\",\"topic\":\"%s\",\"term\":\"%s\","
      "\"kind\":\"course\"}",
      (long long) program, title, title, term);

  return pdn_test_api_create (world, "/series", world->coord_a, body);
}

/* A course session on the next free day, hosted by school A; @extra adds
 * or overrides members (",\"facilitator_ids\":[...]"). */
static gchar *
session_body (gint64 course, const gchar *extra)
{
  guint day = next_day++;
  g_autofree gchar *starts = days_from_now (day, 21);
  g_autofree gchar *ends = days_from_now (day, 23);

  return g_strdup_printf (
      "{\"program_id\":%lld,\"series_id\":%lld,\"kind\":\"course-session\","
      "\"title\":\"Session on day %u\",\"topic\":\"Literacy circles\",\"starts_at\":\"%s\","
      "\"ends_at\":\"%s\",\"time_zone\":\"America/New_York\",\"host_school_id\":%lld%s}",
      (long long) program, (long long) course, day, starts, ends, (long long) world->school_a,
      extra);
}

static gint64
create_session (gint64 course)
{
  g_autofree gchar *facilitators = g_strdup_printf (",\"facilitator_ids\":[%lld]",
                                                    (long long) leader);
  g_autofree gchar *body = session_body (course, facilitators);

  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

static void
create_course_sessions (gint64 course, gint64 *ids)
{
  for (guint i = 0; i < 5; i++)
    ids[i] = create_session (course);
}

static gint64
add_person (const gchar *name)
{
  g_autofree gchar *email = g_strdup_printf ("%s@district-a.example", name);

  return pdn_test_add_named_person (world->store, name, email);
}

static gint64
count_active (gint64 person_id, gint64 series_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "SELECT COUNT(*) FROM registrations r JOIN sessions s ON s.id = r.session_id "
      "WHERE r.person_id = ? AND s.series_id = ? AND r.status <> 'cancelled'",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, series_id);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

/* ---- teacher-leaders ---- */

static PdnTestReply *
leaders_call (const gchar *method, const gchar *token, const gchar *body, const gchar *rest)
{
  return pdn_test_api_call (world, method, token, body, "/programs/%lld/teacher-leaders%s",
                            (long long) program, rest);
}

static void
test_leader_records (void)
{
  gint64 person = add_person ("Kayla Francis");
  g_autofree gchar *one = g_strdup_printf ("/%lld", (long long) person);
  g_autofree gchar *path = g_strdup_printf ("/programs/%lld/teacher-leaders%s",
                                            (long long) program, one);
  g_autofree gchar *body = g_strdup_printf ("{\"person_id\":%lld,\"selected_on\":\"2026-05-01\"}",
                                            (long long) person);
  const gchar *refused[] = { world->coord_b, world->lead_a, world->teacher };

  {
    g_autoptr (PdnTestReply) created = leaders_call ("POST", world->coord_a, body, "");
    JsonObject *record = pdn_test_api_expect (created, 201);

    g_assert_cmpint (json_object_get_int_member (record, "person_id"), ==, person);
    g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Kayla Francis");
    g_assert_cmpstr (json_object_get_string_member (record, "selected_on"), ==, "2026-05-01");
    g_assert_true (json_object_get_null_member (record, "trained_on"));
  }
  {
    g_autoptr (PdnTestReply) again = leaders_call ("POST", world->coord_a, body, "");
    g_autoptr (PdnTestReply) trained = leaders_call ("PATCH", world->coord_a,
                                                     "{\"trained_on\":\"2026-06-15\"}", one);
    g_autoptr (PdnTestReply) got = leaders_call ("GET", world->admin, NULL, one);

    pdn_test_api_assert_problem (again, 409, "conflict", "person_id");
    g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (trained, 200),
                                                    "trained_on"),
                     ==, "2026-06-15");
    g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (got, 200),
                                                    "trained_on"),
                     ==, "2026-06-15");
  }
  {
    g_autoptr (PdnTestReply) list = leaders_call ("GET", world->coord_a, NULL, "");
    JsonArray *items = json_object_get_array_member (pdn_test_api_expect (list, 200), "items");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (items); i++)
      found |= json_object_get_int_member (json_array_get_object_element (items, i),
                                           "person_id")
               == person;
    g_assert_true (found);
  }
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) list = leaders_call ("GET", refused[i], NULL, "");
      g_autoptr (PdnTestReply) add = leaders_call ("POST", refused[i], body, "");
      g_autoptr (PdnTestReply) change = leaders_call ("PATCH", refused[i],
                                                      "{\"trained_on\":\"2026-06-16\"}", one);

      pdn_test_api_assert_problem (list, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (add, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (change, 403, "forbidden", NULL);
    }
}

static void
test_leader_input (void)
{
  gint64 person = add_person ("Isaac Morgan");
  g_autofree gchar *one = g_strdup_printf ("/%lld", (long long) person);
  struct
  {
    gchar *body;
    guint status;
    const gchar *field;
  } cases[] = {
    { g_strdup ("{\"selected_on\":\"2026-05-01\"}"), 400, "person_id" },
    { g_strdup ("{\"person_id\":\"7\",\"selected_on\":\"2026-05-01\"}"), 400, "person_id" },
    { g_strdup_printf ("{\"person_id\":%lld}", (long long) person), 400, "selected_on" },
    { g_strdup_printf ("{\"person_id\":%lld,\"selected_on\":\"May 1\"}", (long long) person),
      400, "selected_on" },
    { g_strdup_printf ("{\"person_id\":%lld,\"selected_on\":\"2026-02-30\"}",
                       (long long) person),
      400, "selected_on" },
    { g_strdup_printf ("{\"person_id\":%lld,\"selected_on\":\"2026-05-01\","
                       "\"trained_on\":\"2026-04-30\"}",
                       (long long) person),
      400, "trained_on" },
    { g_strdup_printf ("{\"person_id\":%lld,\"selected_on\":\"2026-05-01\",\"sector\":\"x\"}",
                       (long long) person),
      400, "sector" },
    { g_strdup ("{\"person_id\":999999,\"selected_on\":\"2026-05-01\"}"), 422, "person_id" },
    { g_strdup ("[]"), 400, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = leaders_call ("POST", world->coord_a, cases[i].body, "");

      g_test_message ("case %u: %s", i, cases[i].body);
      pdn_test_api_assert_problem (reply, cases[i].status,
                                   cases[i].status == 400 ? "invalid-input" : "unprocessable",
                                   cases[i].field);
      g_free (cases[i].body);
    }
  {
    g_autoptr (PdnTestReply) missing = leaders_call ("GET", world->coord_a, NULL, one);
    g_autoptr (PdnTestReply) patch_missing = leaders_call (
        "PATCH", world->coord_a, "{\"trained_on\":\"2026-06-01\"}", one);
    g_autoptr (PdnTestReply) not_an_id = leaders_call ("GET", world->coord_a, NULL, "/abc");
    g_autoptr (PdnTestReply) bad_patch = NULL;
    g_autofree gchar *body = g_strdup_printf (
        "{\"person_id\":%lld,\"selected_on\":\"2026-05-01\"}", (long long) person);
    g_autoptr (PdnTestReply) created = leaders_call ("POST", world->coord_a, body, "");

    pdn_test_api_assert_problem (missing, 404, "not-found", "person_id");
    pdn_test_api_assert_problem (patch_missing, 404, "not-found", "person_id");
    pdn_test_api_assert_problem (not_an_id, 404, "not-found", "person_id");
    pdn_test_api_expect (created, 201);
    bad_patch = leaders_call ("PATCH", world->coord_a, "{\"trained_on\":\"2026-04-01\"}", one);
    pdn_test_api_assert_problem (bad_patch, 400, "invalid-input", "trained_on");
  }
  {
    /* The routes belong to teacher-led programs only. */
    gint64 workshops = create_program ("workshop-series", "{}");
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/programs/%lld/teacher-leaders",
        (long long) workshops);

    pdn_test_api_assert_problem (reply, 404, "not-found", NULL);
  }
}

/* ---- courses and sessions ---- */

static void
test_course_rules (void)
{
  gint64 course = create_course ("Math talk", "Fall 2030");
  gint64 untrained = add_person ("Javier Khan");
  g_autofree gchar *record = g_strdup_printf (
      "{\"person_id\":%lld,\"selected_on\":\"2026-05-01\"}", (long long) untrained);
  g_autofree gchar *no_term = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"No term\",\"topic\":\"x\",\"kind\":\"course\"}",
      (long long) program);
  g_autofree gchar *as_untrained = g_strdup_printf (",\"facilitator_ids\":[%lld]",
                                                    (long long) untrained);
  g_autofree gchar *three = g_strdup_printf (",\"facilitator_ids\":[%lld,%lld,%lld]",
                                             (long long) leader, (long long) untrained,
                                             (long long) world->teacher_person);
  g_autofree gchar *no_host = g_strdup (",\"host_school_id\":null");
  struct
  {
    const gchar *extra;
    const gchar *field;
  } cases[] = {
    { as_untrained, "facilitator_ids[0]" },
    { three, "facilitator_ids" },
    { ",\"facilitator_ids\":[]", "facilitator_ids" },
    { no_host, "host_school_id" },
    { ",\"topic\":null", "topic" },
    { ",\"kind\":\"workshop\"", "kind" },
  };
  g_autoptr (PdnTestReply) added = leaders_call ("POST", world->coord_a, record, "");
  g_autoptr (PdnTestReply) series_reply = pdn_test_api_call (world, "POST", world->coord_a,
                                                             no_term, "/series");

  pdn_test_api_expect (added, 201);
  pdn_test_api_assert_problem (series_reply, 422, "unprocessable", "term");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *body = session_body (course, cases[i].extra);
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                          "/sessions");

      g_test_message ("case %u: %s", i, cases[i].field);
      pdn_test_api_assert_problem (reply, 422, "unprocessable", cases[i].field);
    }
  /* Five sessions, then no room for a sixth. */
  for (guint i = 0; i < 5; i++)
    create_session (course);
  {
    g_autofree gchar *facilitators = g_strdup_printf (",\"facilitator_ids\":[%lld]",
                                                      (long long) leader);
    g_autofree gchar *sixth = session_body (course, facilitators);
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, sixth,
                                                        "/sessions");

    pdn_test_api_assert_problem (reply, 422, "unprocessable", "series_id");
  }
}

/* ---- registration ---- */

static JsonObject *
register_series (gint64 course, gint64 person_id, guint status)
{
  g_autofree gchar *body = g_strdup_printf ("{\"person_id\":%lld}", (long long) person_id);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/series/%lld/registrations",
                                                      (long long) course);

  return json_object_ref (pdn_test_api_expect (reply, status));
}

/* Acceptance: a second course in the same term is refused with 409 naming
 * the first, by either registration route; another term is fine. */
static void
test_second_course_refused (void)
{
  gint64 circles = create_course ("Literacy circles", "Fall 2031");
  gint64 science = create_course ("Science for multilingual learners", "Fall 2031");
  gint64 restorative = create_course ("Restorative practices", "Spring 2032");
  gint64 circles_ids[5], science_ids[5], restorative_ids[5];
  gint64 person = add_person ("Alicia Mendoza");
  g_autofree gchar *expected = g_strdup_printf (
      "Alicia Mendoza is already registered for the course “Literacy circles” (series %lld) in "
      "Fall 2031",
      (long long) circles);
  g_autofree gchar *body = g_strdup_printf ("{\"person_id\":%lld}", (long long) person);

  create_course_sessions (circles, circles_ids);
  create_course_sessions (science, science_ids);
  create_course_sessions (restorative, restorative_ids);
  json_object_unref (register_series (circles, person, 201));
  {
    g_autoptr (JsonObject) by_series = register_series (science, person, 409);
    g_autoptr (PdnTestReply) by_session = pdn_test_api_call (
        world, "POST", world->coord_a, body, "/sessions/%lld/registrations",
        (long long) science_ids[2]);
    JsonObject *problem = pdn_test_api_expect (by_session, 409);

    pdn_test_assert_problem (by_series, 409, "conflict", "session_id");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (by_series, "detail"),
                                     expected));
    pdn_test_assert_problem (problem, 409, "conflict", "session_id");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (problem, "detail"),
                                     expected));
  }
  g_assert_cmpint (count_active (person, circles), ==, 5);
  g_assert_cmpint (count_active (person, science), ==, 0);
  json_object_unref (register_series (restorative, person, 201));
  g_assert_cmpint (count_active (person, restorative), ==, 5);

  /* The teacher's own request is refused the same way. */
  json_object_unref (register_series (circles, world->teacher_person, 201));
  {
    g_autoptr (PdnTestReply) mine = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                       "/series/%lld/registrations",
                                                       (long long) science);
    pdn_test_api_assert_problem (mine, 409, "conflict", "session_id");
  }
}

/* Acceptance: both requests at once, for @n people each asking for two
 * courses of one term in the same instant: one course each, never two.
 * @by_session: through POST /sessions/{id}/registrations (which takes the
 * whole course), else POST /series/{id}/registrations. */
static void
race (gboolean by_session)
{
  const guint n = 12;
  gint64 first = create_course ("Co-teaching for inclusion", "Winter 2032");
  gint64 second = create_course ("Feedback that students use", "Winter 2032");
  gint64 first_ids[5], second_ids[5];
  g_autofree gint64 *people = g_new (gint64, n);
  PdnTestBurstItem *items = g_new0 (PdnTestBurstItem, 2 * n);

  create_course_sessions (first, first_ids);
  create_course_sessions (second, second_ids);
  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("racer-%s-%u", by_session ? "s" : "c", i);
      people[i] = add_person (name);
      for (guint j = 0; j < 2; j++)
        {
          PdnTestBurstItem *item = &items[2 * i + j];
          gint64 course = j == 0 ? first : second;
          gint64 session = j == 0 ? first_ids[0] : second_ids[0];

          item->method = "POST";
          item->path = by_session
                           ? g_strdup_printf ("/api/v1/sessions/%lld/registrations",
                                              (long long) session)
                           : g_strdup_printf ("/api/v1/series/%lld/registrations",
                                              (long long) course);
          item->token = world->coord_a;
          item->body = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[i]);
        }
    }
  pdn_test_burst_run (world->daemon->url, items, 2 * n, 2 * n, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      PdnTestBurstItem *pair = &items[2 * i];
      guint won = pair[0].status == 201 ? 0 : 1;
      gint64 lost_to = won == 0 ? first : second;
      g_autofree gchar *named = g_strdup_printf ("(series %lld)", (long long) lost_to);

      g_test_message ("person %u: %u and %u", i, pair[0].status, pair[1].status);
      g_assert_cmpuint (pair[won].status, ==, 201);
      g_assert_cmpuint (pair[1 - won].status, ==, 409);
      g_assert_nonnull (strstr (pair[1 - won].response, named));
      g_assert_cmpint (count_active (people[i], won == 0 ? first : second), ==, 5);
      g_assert_cmpint (count_active (people[i], won == 0 ? second : first), ==, 0);
    }
  pdn_test_burst_items_free (items, 2 * n);
}

static void
test_race_by_series (void)
{
  race (FALSE);
}

static void
test_race_by_session (void)
{
  race (TRUE);
}

/* Registering for one session registers for the whole course. */
static void
test_whole_course (void)
{
  gint64 course = create_course ("Phonics that sticks", "Spring 2033");
  gint64 ids[5];
  gint64 person = add_person ("Valeria Wilson");
  g_autofree gchar *body = g_strdup_printf ("{\"person_id\":%lld}", (long long) person);
  g_autoptr (PdnTestReply) reply = NULL;
  JsonObject *registration;
  JsonArray *expanded;

  create_course_sessions (course, ids);
  reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                             "/sessions/%lld/registrations", (long long) ids[0]);
  registration = pdn_test_api_expect (reply, 201);
  g_assert_cmpint (json_object_get_int_member (registration, "session_id"), ==, ids[0]);
  expanded = json_object_get_array_member (registration, "expanded");
  g_assert_cmpuint (json_array_get_length (expanded), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (expanded, i),
                                                 "session_id"),
                     ==, ids[i + 1]);
  g_assert_cmpint (count_active (person, course), ==, 5);
}

/* ---- credit ---- */

static void
record (gint64 session_id, gint64 person_id, const gchar *status)
{
  g_autofree gchar *body = g_strdup_printf ("[{\"person_id\":%lld,\"status\":\"%s\"%s}]",
                                            (long long) person_id, status,
                                            g_str_equal (status, "partial")
                                                ? ",\"minutes\":60"
                                                : "");
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PUT", world->coord_a, body,
                                                      "/sessions/%lld/attendance",
                                                      (long long) session_id);

  pdn_test_api_expect (reply, 200);
}

/* @token's transcript entry for the program (a new reference). */
static JsonObject *
transcript_entry (const gchar *token, JsonObject **totals)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", token, NULL,
                                                      "/me/transcript");
  JsonObject *transcript = pdn_test_api_expect (reply, 200);
  JsonArray *programs = json_object_get_array_member (transcript, "programs");

  *totals = json_object_ref (json_object_get_object_member (transcript, "totals"));
  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *entry = json_array_get_object_element (programs, i);
      if (json_object_get_int_member (entry, "program_id") == program)
        return json_object_ref (entry);
    }
  g_assert_not_reached ();
}

/* Acceptance: 4 of 5 course sessions show the credit on the transcript,
 * 3 of 5 do not. */
static void
test_credit_on_transcript (void)
{
  gint64 course = create_course ("Small-group instruction", "Spring 2034");
  gint64 ids[5];
  gint64 four = add_person ("Four Sessions");
  gint64 three = add_person ("Three Sessions");
  g_autofree gchar *four_token = pdn_test_account_token (world->store, "Four",
                                                         PDN_LOGIN_ROLE_TEACHER, 0, four);
  g_autofree gchar *three_token = pdn_test_account_token (world->store, "Three",
                                                          PDN_LOGIN_ROLE_TEACHER, 0, three);
  g_autoptr (JsonObject) four_entry = NULL;
  g_autoptr (JsonObject) three_entry = NULL;
  g_autoptr (JsonObject) four_totals = NULL;
  g_autoptr (JsonObject) three_totals = NULL;

  create_course_sessions (course, ids);
  json_object_unref (register_series (course, four, 201));
  json_object_unref (register_series (course, three, 201));
  record (ids[0], four, "present");
  record (ids[1], four, "present");
  record (ids[2], four, "partial");
  record (ids[3], four, "absent");
  record (ids[4], four, "present");
  record (ids[0], three, "present");
  record (ids[1], three, "absent");
  record (ids[2], three, "present");
  record (ids[3], three, "partial");
  record (ids[4], three, "absent");

  four_entry = transcript_entry (four_token, &four_totals);
  g_assert_true (json_object_get_boolean_member (four_entry, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (four_entry, "hours"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (four_entry, "graduate_credits"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (four_entry, "detail"), ==,
                   "“Small-group instruction” (Spring 2034): attended 4 of 5 sessions, "
                   "completed.");
  g_assert_cmpfloat (json_object_get_double_member (four_totals, "hours"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (four_totals, "graduate_credits"), ==, 1);

  three_entry = transcript_entry (three_token, &three_totals);
  g_assert_false (json_object_get_boolean_member (three_entry, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (three_entry, "hours"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (three_entry, "graduate_credits"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (three_entry, "detail"), ==,
                   "“Small-group instruction” (Spring 2034): attended 3 of 5 sessions; 4 "
                   "needed for the credit.");
  g_assert_cmpfloat (json_object_get_double_member (three_totals, "hours"), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  program = create_program ("teacher-led", "{\"credit_hours\":15,\"graduate_credits\":1}");
  leader = world->facilitator_person;
  {
    g_autofree gchar *body = g_strdup_printf (
        "{\"person_id\":%lld,\"selected_on\":\"2026-05-01\",\"trained_on\":\"2026-06-20\"}",
        (long long) leader);
    g_autoptr (PdnTestReply) reply = leaders_call ("POST", world->coord_a, body, "");

    pdn_test_api_expect (reply, 201);
  }
  g_test_add_func ("/pdnet/plugins/teacher-led/api/leader-records", test_leader_records);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/leader-input", test_leader_input);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/course-rules", test_course_rules);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/second-course-refused",
                   test_second_course_refused);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/race-by-series", test_race_by_series);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/race-by-session", test_race_by_session);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/whole-course", test_whole_course);
  g_test_add_func ("/pdnet/plugins/teacher-led/api/credit-on-transcript",
                   test_credit_on_transcript);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
