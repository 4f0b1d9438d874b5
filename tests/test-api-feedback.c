/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-test-api.h"

/*
 * /api/v1/sessions/{id}/feedback against the real pdnetd: only attendees
 * give feedback, once, and change it for a week; every field's rules;
 * anonymous feedback never shows its person to the program's
 * coordinators; the coordinators' summary against hand-counted figures.
 */

static PdnTestWorld *world;
static gint64 program_a;
static guint sessions_made;

/* Attendees with their own teacher accounts. */
typedef struct
{
  gint64 person;
  gchar *token;
} Teacher;

static Teacher bo, cy, di, ed;

static void
teacher_init (Teacher *teacher, const gchar *name, const gchar *email)
{
  teacher->person = pdn_test_add_named_person (world->store, name, email);
  teacher->token = pdn_test_account_token (world->store, name, PDN_LOGIN_ROLE_TEACHER, 0,
                                           teacher->person);
}

/* A new session of program A, each on its own day. */
static gint64
new_session (void)
{
  guint day = 1 + sessions_made++;
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Feedback %u\","
      "\"starts_at\":\"2026-10-%02uT15:00:00Z\",\"ends_at\":\"2026-10-%02uT17:00:00Z\","
      "\"time_zone\":\"America/Chicago\"}",
      (long long) program_a, day, day, day);

  g_assert_cmpuint (day, <=, 28);
  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

static void
attend (gint64 session_id, gint64 person_id, const gchar *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "INSERT INTO attendance (session_id, person_id, status, minutes, source, recorded_at) "
      "VALUES (?, ?, ?, NULL, 'roster', '2026-10-01T17:00:00Z')",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  pdn_statement_bind_text (stmt, 3, status);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

static PdnTestReply *
give (const gchar *token, gint64 session_id, const gchar *body)
{
  return pdn_test_api_call (world, "POST", token, body, "/sessions/%lld/feedback",
                            (long long) session_id);
}

static PdnTestReply *
change (const gchar *token, gint64 session_id, const gchar *body)
{
  return pdn_test_api_call (world, "PATCH", token, body, "/sessions/%lld/feedback/mine",
                            (long long) session_id);
}

static PdnTestReply *
mine (const gchar *token, gint64 session_id)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/sessions/%lld/feedback/mine",
                            (long long) session_id);
}

static PdnTestReply *
review (const gchar *token, gint64 session_id)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/sessions/%lld/feedback",
                            (long long) session_id);
}

static gint64
count_responses (gint64 session_id)
{
  return pdn_test_query_int (world->store,
                             "SELECT COUNT(*) FROM survey_responses WHERE session_id = ?",
                             session_id);
}

/* Gives feedback with @token and returns its id. */
static gint64
give_ok (const gchar *token, gint64 session_id, const gchar *body)
{
  g_autoptr (PdnTestReply) reply = give (token, session_id, body);

  return json_object_get_int_member (pdn_test_api_expect (reply, 201), "id");
}

/* Sets a response's first submission @days_ago days back from now. */
static void
backdate (gint64 response_id, gint days_ago)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree gchar *text = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store, "UPDATE survey_responses SET created_at = ? WHERE id = ?", &error);

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, text);
  pdn_statement_bind_int64 (stmt, 2, response_id);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* ---- tests ---- */

static void
test_give (void)
{
  gint64 session = new_session ();
  g_autofree gchar *location
      = g_strdup_printf ("/api/v1/sessions/%lld/feedback/mine", (long long) session);
  g_autoptr (PdnTestReply) reply = NULL;
  g_autoptr (PdnTestReply) own = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) until = NULL;
  JsonObject *response;

  attend (session, bo.person, "present");
  reply = give (bo.token, session,
                "{\"usefulness\":4,\"recommend\":9,\"comment\":\"Practical ideas.\"}");
  response = pdn_test_api_expect (reply, 201);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, location);
  g_assert_cmpint (json_object_get_int_member (response, "id"), >, 0);
  g_assert_cmpint (json_object_get_int_member (response, "session_id"), ==, session);
  g_assert_cmpint (json_object_get_int_member (response, "person_id"), ==, bo.person);
  g_assert_false (json_object_get_boolean_member (response, "anonymous"));
  g_assert_cmpint (json_object_get_int_member (response, "usefulness"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (response, "recommend"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (response, "comment"), ==, "Practical ideas.");
  g_assert_cmpstr (json_object_get_string_member (response, "updated_at"), ==,
                   json_object_get_string_member (response, "created_at"));
  /* Editable for exactly seven days. */
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (response, "created_at"),
                                          NULL);
  until = g_date_time_new_from_iso8601 (
      json_object_get_string_member (response, "editable_until"), NULL);
  g_assert_cmpint (g_date_time_difference (until, created), ==, 7 * G_TIME_SPAN_DAY);

  /* The author reads it back at the Location. */
  own = mine (bo.token, session);
  g_assert_cmpint (json_object_get_int_member (pdn_test_api_expect (own, 200), "id"), ==,
                   json_object_get_int_member (response, "id"));
  g_assert_cmpint (count_responses (session), ==, 1);

  /* Minimal: no comment, not anonymous. */
  attend (session, cy.person, "partial");
  {
    g_autoptr (PdnTestReply) minimal = give (cy.token, session,
                                             "{\"usefulness\":1,\"recommend\":0}");
    JsonObject *object = pdn_test_api_expect (minimal, 201);

    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "comment")));
    g_assert_false (json_object_get_boolean_member (object, "anonymous"));
  }
}

/* Only the caller's own person, and only after attending. */
static void
test_attendees_only (void)
{
  gint64 session = new_session ();
  const gchar *body = "{\"usefulness\":3,\"recommend\":5}";
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld/feedback", (long long) session);

  attend (session, cy.person, "absent");
  pdn_test_add_registration (world->store, session, di.person, "registered");
  pdn_test_api_assert_needs_token (world, "POST", path, body);
  {
    g_autoptr (PdnTestReply) absent = give (cy.token, session, body);
    g_autoptr (PdnTestReply) registered = give (di.token, session, body);
    g_autoptr (PdnTestReply) stranger = give (ed.token, session, body);
    g_autoptr (PdnTestReply) no_person = give (world->admin, session, body);
    g_autoptr (PdnTestReply) coordinator = give (world->coord_a, session, body);
    g_autoptr (PdnTestReply) missing = give (bo.token, 999999, body);
    g_autoptr (PdnTestReply) bad_id = pdn_test_api_call (world, "POST", bo.token, body,
                                                         "/sessions/abc/feedback");

    pdn_test_api_assert_problem (absent, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (registered, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (stranger, 403, "forbidden", NULL);
    g_assert_nonnull (strstr (json_object_get_string_member (pdn_test_reply_object (stranger),
                                                             "detail"),
                              "attended"));
    /* Accounts without a person of their own have nothing to say. */
    pdn_test_api_assert_problem (no_person, 422, "unprocessable", "person_id");
    pdn_test_api_assert_problem (coordinator, 422, "unprocessable", "person_id");
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
    pdn_test_api_assert_problem (bad_id, 404, "not-found", "id");
  }
  g_assert_cmpint (count_responses (session), ==, 0);

  /* A teacher marked present later may then answer. */
  attend (session, ed.person, "present");
  give_ok (ed.token, session, body);
  pdn_test_api_assert_serving (world);
}

static void
test_once (void)
{
  gint64 session = new_session ();
  gint64 first;
  g_autofree gchar *edit_url
      = g_strdup_printf ("/api/v1/sessions/%lld/feedback/mine", (long long) session);

  attend (session, bo.person, "present");
  first = give_ok (bo.token, session, "{\"usefulness\":2,\"recommend\":4,\"anonymous\":true}");
  /* Anonymous or not, the second is refused and points to the first. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PdnTestReply) again
          = give (bo.token, session,
                  i == 0 ? "{\"usefulness\":5,\"recommend\":10}"
                         : "{\"usefulness\":5,\"recommend\":10,\"anonymous\":true}");
      JsonObject *problem = pdn_test_api_expect (again, 409);

      pdn_test_assert_problem (problem, 409, "conflict", NULL);
      g_assert_cmpstr (json_object_get_string_member (problem, "edit_url"), ==, edit_url);
      g_assert_nonnull (json_object_get_string_member (problem, "editable_until"));
      g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), edit_url));
    }
  g_assert_cmpint (count_responses (session), ==, 1);
  g_assert_cmpint (pdn_test_query_int (world->store,
                                       "SELECT usefulness FROM survey_responses WHERE id = ?",
                                       first),
                   ==, 2);
}

typedef struct
{
  const gchar *body;
  const gchar *field;
} BadInput;

static void
test_validation (void)
{
  gint64 session = new_session ();
  g_autofree gchar *long_comment = g_strnfill (2001, 'x');
  g_autofree gchar *too_long = g_strdup_printf (
      "{\"usefulness\":3,\"recommend\":5,\"comment\":\"%s\"}", long_comment);
  g_autofree gchar *longest = g_strdup_printf (
      "{\"usefulness\":5,\"recommend\":10,\"comment\":\"%s\"}", long_comment + 1);
  g_autofree gchar *full_path
      = g_strdup_printf ("/api/v1/sessions/%lld/feedback", (long long) session);
  const BadInput cases[] = {
    { "{\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":null,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":0,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":6,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":-1,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":3.5,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":\"4\",\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":true,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":99999999999999999999,\"recommend\":5}", "usefulness" },
    { "{\"usefulness\":3}", "recommend" },
    { "{\"usefulness\":3,\"recommend\":-1}", "recommend" },
    { "{\"usefulness\":3,\"recommend\":11}", "recommend" },
    { "{\"usefulness\":3,\"recommend\":\"ten\"}", "recommend" },
    { "{\"usefulness\":3,\"recommend\":5,\"comment\":42}", "comment" },
    { "{\"usefulness\":3,\"recommend\":5,\"comment\":[\"a\"]}", "comment" },
    { too_long, "comment" },
    { "{\"usefulness\":3,\"recommend\":5,\"anonymous\":\"yes\"}", "anonymous" },
    { "{\"usefulness\":3,\"recommend\":5,\"anonymous\":1}", "anonymous" },
    { "{\"usefulness\":3,\"recommend\":5,\"anonymous\":null}", "anonymous" },
    { "{\"usefulness\":3,\"recommend\":5,\"rating\":4}", "rating" },
    { "{\"usefulness\":3,\"recommend\":5,\"person_id\":1}", "person_id" },
    { "{\"usefulness\":3,\"recommend\":5,\"session_id\":1}", "session_id" },
  };

  attend (session, bo.person, "present");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = give (bo.token, session, cases[i].body);

      g_test_message ("case %u: %.80s", i, cases[i].body);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
    }
  {
    g_autoptr (PdnTestReply) array = give (bo.token, session, "[1,2]");
    g_autoptr (PdnTestReply) broken = give (bo.token, session, "{\"usefulness\":");
    g_autoptr (PdnTestReply) csv = pdn_test_call (world->daemon, "POST", full_path, bo.token,
                                                  "text/csv", "usefulness\n3\n", NULL);

    g_assert_cmpuint (array->status, ==, 400);
    g_assert_cmpuint (broken->status, ==, 400);
    g_assert_cmpuint (csv->status, ==, 415);
  }
  g_assert_cmpint (count_responses (session), ==, 0);

  /* The edges pass: 2,000 characters, the scale's ends, a blank comment. */
  give_ok (bo.token, session, longest);
  attend (session, cy.person, "present");
  {
    g_autoptr (PdnTestReply) blank = give (cy.token, session,
                                           "{\"usefulness\":1,\"recommend\":0,"
                                           "\"comment\":\"   \",\"anonymous\":false}");
    JsonObject *object = pdn_test_api_expect (blank, 201);

    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "comment")));
  }
}

static void
test_change (void)
{
  gint64 session = new_session ();
  gint64 id;
  const gchar *created_at;
  g_autoptr (PdnTestReply) given = NULL;
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld/feedback/mine", (long long) session);

  attend (session, bo.person, "present");
  attend (session, cy.person, "present");
  pdn_test_api_assert_needs_token (world, "PATCH", path, "{\"usefulness\":5}");
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  /* Nothing to change yet. */
  {
    g_autoptr (PdnTestReply) none = change (bo.token, session, "{\"usefulness\":5}");
    g_autoptr (PdnTestReply) read = mine (bo.token, session);
    g_autoptr (PdnTestReply) no_session = change (bo.token, 999999, "{\"usefulness\":5}");
    g_autoptr (PdnTestReply) no_person = change (world->admin, session, "{\"usefulness\":5}");

    pdn_test_api_assert_problem (none, 404, "not-found", NULL);
    pdn_test_api_assert_problem (read, 404, "not-found", NULL);
    pdn_test_api_assert_problem (no_session, 404, "not-found", NULL);
    pdn_test_api_assert_problem (no_person, 422, "unprocessable", "person_id");
  }

  given = give (bo.token, session, "{\"usefulness\":2,\"recommend\":6,\"comment\":\"Slow.\"}");
  id = json_object_get_int_member (pdn_test_api_expect (given, 201), "id");
  created_at = json_object_get_string_member (pdn_test_reply_object (given), "created_at");

  /* Only the members present change. */
  {
    g_autoptr (PdnTestReply) changed = change (bo.token, session, "{\"usefulness\":4}");
    JsonObject *object = pdn_test_api_expect (changed, 200);

    g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
    g_assert_cmpint (json_object_get_int_member (object, "usefulness"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (object, "recommend"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (object, "comment"), ==, "Slow.");
    g_assert_false (json_object_get_boolean_member (object, "anonymous"));
    g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, created_at);
  }
  {
    g_autoptr (PdnTestReply) changed = change (
        bo.token, session, "{\"recommend\":10,\"comment\":null,\"anonymous\":true}");
    JsonObject *object = pdn_test_api_expect (changed, 200);
    g_autoptr (PdnTestReply) read = mine (bo.token, session);
    JsonObject *stored = pdn_test_api_expect (read, 200);

    g_assert_cmpint (json_object_get_int_member (object, "recommend"), ==, 10);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "comment")));
    g_assert_true (json_object_get_boolean_member (object, "anonymous"));
    g_assert_cmpint (json_object_get_int_member (stored, "usefulness"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (stored, "recommend"), ==, 10);
    g_assert_true (json_object_get_boolean_member (stored, "anonymous"));
    /* The author still sees it as theirs. */
    g_assert_cmpint (json_object_get_int_member (stored, "person_id"), ==, bo.person);
    g_assert_cmpstr (json_object_get_string_member (stored, "created_at"), ==, created_at);
  }
  /* The same rules as giving it, each naming its field. */
  {
    const BadInput cases[] = {
      { "{\"usefulness\":9}", "usefulness" },
      { "{\"usefulness\":null}", "usefulness" },
      { "{\"recommend\":11}", "recommend" },
      { "{\"comment\":7}", "comment" },
      { "{\"anonymous\":\"no\"}", "anonymous" },
      { "{\"created_at\":\"2026-11-01T00:00:00Z\"}", "created_at" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (PdnTestReply) reply = change (bo.token, session, cases[i].body);

        pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
      }
    g_assert_cmpint (pdn_test_query_int (world->store,
                                         "SELECT usefulness FROM survey_responses WHERE id = ?",
                                         id),
                     ==, 4);
  }
  /* Another attendee without feedback changes nothing of Bo's. */
  {
    g_autoptr (PdnTestReply) other = change (cy.token, session, "{\"usefulness\":1}");

    pdn_test_api_assert_problem (other, 404, "not-found", NULL);
  }
}

/* A week after the first submission, whatever the later changes. */
static void
test_change_window (void)
{
  gint64 session = new_session ();
  gint64 young, old;

  attend (session, bo.person, "present");
  attend (session, cy.person, "present");
  young = give_ok (bo.token, session, "{\"usefulness\":3,\"recommend\":7}");
  old = give_ok (cy.token, session, "{\"usefulness\":3,\"recommend\":7}");
  backdate (young, 6);
  backdate (old, 8);
  {
    g_autoptr (PdnTestReply) in_time = change (bo.token, session, "{\"usefulness\":5}");
    g_autoptr (PdnTestReply) too_late = change (cy.token, session, "{\"usefulness\":5}");
    g_autoptr (PdnTestReply) too_late_bad = change (cy.token, session, "{\"usefulness\":9}");
    g_autoptr (PdnTestReply) read = mine (cy.token, session);
    g_autoptr (PdnTestReply) again = give (cy.token, session, "{\"usefulness\":5,\"recommend\":7}");
    JsonObject *problem;

    pdn_test_api_expect (in_time, 200);
    problem = pdn_test_api_expect (too_late, 422);
    pdn_test_assert_problem (problem, 422, "unprocessable", NULL);
    g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "7 days"));
    /* The window closes before the body is even looked at. */
    pdn_test_api_assert_problem (too_late_bad, 422, "unprocessable", NULL);
    /* It can still be read, and a new one is still refused. */
    pdn_test_api_expect (read, 200);
    pdn_test_api_assert_problem (again, 409, "conflict", NULL);
  }
  g_assert_cmpint (pdn_test_query_int (world->store,
                                       "SELECT usefulness FROM survey_responses WHERE id = ?",
                                       young),
                   ==, 5);
  g_assert_cmpint (pdn_test_query_int (world->store,
                                       "SELECT usefulness FROM survey_responses WHERE id = ?",
                                       old),
                   ==, 3);
}

static gboolean
is_null (JsonObject *object, const gchar *name)
{
  return JSON_NODE_HOLDS_NULL (json_object_get_member (object, name));
}

static void
add_person_less_response (gint64 session, gint64 usefulness, gint64 recommend)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "INSERT INTO survey_responses (session_id, person_id, anonymous, usefulness, recommend, "
      "comment, created_at, updated_at) VALUES (?, NULL, 1, ?, ?, 'On paper', "
      "'2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, session);
  pdn_statement_bind_int64 (stmt, 2, usefulness);
  pdn_statement_bind_int64 (stmt, 3, recommend);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* Five responses counted by hand:
 *   Ana   named      usefulness 5, recommend 10  (promoter)
 *   Bo    anonymous  usefulness 4, recommend 9   (promoter)
 *   Cy    named      usefulness 2, recommend 6   (detractor)
 *   Di    anonymous  usefulness 1, recommend 7   (passive)
 *   paper (no person) usefulness 3, recommend 0  (detractor)
 * n 5, mean usefulness 15/5 = 3, promoters 2, passives 1, detractors 2,
 * NPS 100 * (2 - 2) / 5 = 0. */
static void
test_program_view (void)
{
  gint64 session = new_session ();
  g_autoptr (PdnTestReply) reply = NULL;
  JsonObject *object, *summary, *counts;
  JsonArray *responses;
  gint64 ana_id, cy_id;

  attend (session, world->teacher_person, "present");
  attend (session, bo.person, "present");
  attend (session, cy.person, "partial");
  attend (session, di.person, "present");
  ana_id = give_ok (world->teacher, session,
                    "{\"usefulness\":5,\"recommend\":10,\"comment\":\"Loved it\"}");
  give_ok (bo.token, session,
           "{\"usefulness\":4,\"recommend\":9,\"comment\":\"Bo says so\",\"anonymous\":true}");
  cy_id = give_ok (cy.token, session, "{\"usefulness\":2,\"recommend\":6}");
  give_ok (di.token, session, "{\"usefulness\":1,\"recommend\":7,\"anonymous\":true}");
  add_person_less_response (session, 3, 0);

  reply = review (world->coord_a, session);
  object = pdn_test_api_expect (reply, 200);
  g_assert_cmpint (json_object_get_int_member (object, "session_id"), ==, session);
  summary = json_object_get_object_member (object, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "responses"), ==, 5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "usefulness_mean"),
                                  3.0, 1e-12);
  g_assert_cmpint (json_object_get_int_member (summary, "promoters"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "passives"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "detractors"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "nps"), 0.0, 1e-12);
  counts = json_object_get_object_member (summary, "usefulness_counts");
  g_assert_cmpuint (json_object_get_size (counts), ==, 5);
  for (guint score = 1; score <= 5; score++)
    {
      g_autofree gchar *key = g_strdup_printf ("%u", score);
      g_assert_cmpint (json_object_get_int_member (counts, key), ==, 1);
    }
  counts = json_object_get_object_member (summary, "recommend_counts");
  g_assert_cmpuint (json_object_get_size (counts), ==, 11);
  g_assert_cmpint (json_object_get_int_member (counts, "0"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "5"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "10"), ==, 1);

  /* Named ones first, in order; then the anonymous ones by their answers. */
  responses = json_object_get_array_member (object, "responses");
  g_assert_cmpuint (json_array_get_length (responses), ==, 5);
  {
    JsonObject *ana = json_array_get_object_element (responses, 0);
    JsonObject *cy_item = json_array_get_object_element (responses, 1);

    g_assert_cmpint (json_object_get_int_member (ana, "id"), ==, ana_id);
    g_assert_cmpint (json_object_get_int_member (ana, "person_id"), ==, world->teacher_person);
    g_assert_cmpstr (json_object_get_string_member (ana, "person_name"), ==, "Ana Teacher");
    g_assert_false (json_object_get_boolean_member (ana, "anonymous"));
    g_assert_cmpstr (json_object_get_string_member (ana, "comment"), ==, "Loved it");
    g_assert_nonnull (json_object_get_string_member (ana, "created_at"));
    g_assert_cmpint (json_object_get_int_member (cy_item, "id"), ==, cy_id);
    g_assert_cmpint (json_object_get_int_member (cy_item, "person_id"), ==, cy.person);
  }
  {
    static const gint64 expected_usefulness[] = { 1, 3, 4 };

    for (guint i = 2; i < 5; i++)
      {
        JsonObject *item = json_array_get_object_element (responses, i);
        g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        g_autofree gchar *text = NULL;

        g_assert_true (json_object_get_boolean_member (item, "anonymous"));
        g_assert_cmpint (json_object_get_int_member (item, "usefulness"), ==,
                         expected_usefulness[i - 2]);
        g_assert_true (is_null (item, "id"));
        g_assert_true (is_null (item, "person_id"));
        g_assert_true (is_null (item, "person_name"));
        g_assert_true (is_null (item, "created_at"));
        g_assert_true (is_null (item, "updated_at"));
        /* Nothing in it names Bo or Di. */
        json_node_set_object (node, item);
        text = json_to_string (node, FALSE);
        g_assert_null (strstr (text, "Bo Teacher"));
        g_assert_null (strstr (text, "Di Teacher"));
      }
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (responses, 4),
                                                    "comment"),
                     ==, "Bo says so");
  }
}

static void
test_program_view_access (void)
{
  gint64 session = new_session ();
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld/feedback", (long long) session);
  const gchar *refused[] = { world->coord_b, world->coord_c, world->lead_a, world->teacher,
                             bo.token };

  attend (session, bo.person, "present");
  give_ok (bo.token, session, "{\"usefulness\":4,\"recommend\":8}");
  pdn_test_api_assert_needs_token (world, "GET", path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = review (refused[i], session);
      pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
    }
  {
    g_autoptr (PdnTestReply) admin = review (world->admin, session);
    g_autoptr (PdnTestReply) coordinator = review (world->coord_a, session);
    g_autoptr (PdnTestReply) missing = review (world->coord_a, 999999);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          pdn_test_api_expect (admin, 200), "responses")),
                      ==, 1);
    pdn_test_api_expect (coordinator, 200);
    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
  }
  /* A teacher reads only their own, at /mine. */
  {
    g_autoptr (PdnTestReply) own = mine (bo.token, session);
    g_autoptr (PdnTestReply) others = mine (cy.token, session);

    pdn_test_api_expect (own, 200);
    pdn_test_api_assert_problem (others, 404, "not-found", NULL);
  }
}

static void
test_program_view_empty (void)
{
  gint64 session = new_session ();
  g_autoptr (PdnTestReply) reply = review (world->coord_a, session);
  JsonObject *object = pdn_test_api_expect (reply, 200);
  JsonObject *summary = json_object_get_object_member (object, "summary");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "responses")),
                    ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "responses"), ==, 0);
  g_assert_true (is_null (summary, "usefulness_mean"));
  g_assert_true (is_null (summary, "nps"));
  g_assert_cmpint (json_object_get_int_member (summary, "promoters"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree gchar *program = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  program = g_strdup_printf ("{\"name\":\"Feedback test\",\"type\":\"workshop-series\","
                             "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
                             (long long) world->org_a);
  program_a = pdn_test_api_create (world, "/programs", world->coord_a, program);
  teacher_init (&bo, "Bo Teacher", "bo@district-a.example");
  teacher_init (&cy, "Cy Teacher", "cy@district-a.example");
  teacher_init (&di, "Di Teacher", "di@district-a.example");
  teacher_init (&ed, "Ed Teacher", "ed@district-a.example");
  g_test_add_func ("/pdnet/api/feedback/give", test_give);
  g_test_add_func ("/pdnet/api/feedback/attendees-only", test_attendees_only);
  g_test_add_func ("/pdnet/api/feedback/once", test_once);
  g_test_add_func ("/pdnet/api/feedback/validation", test_validation);
  g_test_add_func ("/pdnet/api/feedback/change", test_change);
  g_test_add_func ("/pdnet/api/feedback/change-window", test_change_window);
  g_test_add_func ("/pdnet/api/feedback/program-view", test_program_view);
  g_test_add_func ("/pdnet/api/feedback/program-view-access", test_program_view_access);
  g_test_add_func ("/pdnet/api/feedback/program-view-empty", test_program_view_empty);
  status = g_test_run ();
  pdn_test_world_free (world);
  g_free (bo.token);
  g_free (cy.token);
  g_free (di.token);
  g_free (ed.token);
  return status;
}
