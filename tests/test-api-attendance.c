/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-time.h"

/*
 * /api/v1/sessions/{id}/attendance, .../attendance/history and
 * .../check-in against the real pdnetd: a coordinator's roster never
 * erases a teacher's check-in, the check-in window's edges, wrong codes
 * and their rate limit, walk-ins, every validation rule with its field,
 * all-or-nothing writes and who may do what. Sessions are placed relative
 * to now, with a minute's margin at each edge.
 */

static PdnTestWorld *world;
static gint64 program_a, program_b;

/* ---- helpers ---- */

static gchar *
minutes_from_now (gint minutes)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_minutes (now, minutes);

  return pdn_time_format_utc (then);
}

static gint64
create_program (const gchar *token, gint64 lead)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Attendance test\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) lead);

  return pdn_test_api_create (world, "/programs", token, body);
}

/* A two-hour session starting @start_minutes from now. */
static gint64
create_session_at (gint64 program_id, const gchar *token, gint start_minutes)
{
  g_autofree gchar *starts_at = minutes_from_now (start_minutes);
  g_autofree gchar *ends_at = minutes_from_now (start_minutes + 120);
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Number talks\","
      "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"time_zone\":\"America/Chicago\"}",
      (long long) program_id, starts_at, ends_at);

  return pdn_test_api_create (world, "/sessions", token, body);
}

/* One of program A's sessions, open for check-in (it started 10 minutes ago). */
static gint64
open_session (void)
{
  return create_session_at (program_a, world->coord_a, -10);
}

static gchar *
check_in_code (gint64 session_id)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                      "/sessions/%lld", (long long) session_id);

  return g_strdup (json_object_get_string_member (pdn_test_api_expect (reply, 200),
                                                  "check_in_code"));
}

/* Someone at A's school since 2020, whom A's coordinators see. */
static void
place_at_school_a (gint64 person_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "INSERT INTO affiliations (person_id, school_id, starts_on) VALUES (?, ?, '2020-08-01')",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, world->school_a);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

static gint64
add_person (const gchar *name, const gchar *email)
{
  gint64 id = pdn_test_add_named_person (world->store, name, email);

  place_at_school_a (id);
  return id;
}

/* Someone at no school and in no session: no coordinator sees them. */
static gint64
add_stranger (const gchar *name, const gchar *email)
{
  return pdn_test_add_named_person (world->store, name, email);
}

/* A teacher account of its own (its wrong codes count apart). */
static gchar *
teacher_token (const gchar *name, const gchar *email, gint64 *person_id)
{
  *person_id = add_person (name, email);
  return pdn_test_account_token (world->store, name, PDN_LOGIN_ROLE_TEACHER, 0, *person_id);
}

static void
add_registration (gint64 session_id, gint64 person_id, const gchar *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "INSERT INTO registrations (session_id, person_id, status, created_at) "
      "VALUES (?, ?, ?, '2026-09-01T00:00:00Z')",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, session_id);
  pdn_statement_bind_int64 (stmt, 2, person_id);
  pdn_statement_bind_text (stmt, 3, status);
  g_assert_true (pdn_statement_run (stmt, &error));
  g_assert_no_error (error);
}

static PdnTestReply *
check_in (gint64 session_id, const gchar *token, const gchar *code)
{
  g_autofree gchar *body = g_strdup_printf ("{\"code\":\"%s\"}", code);

  return pdn_test_api_call (world, "POST", token, body, "/sessions/%lld/check-in",
                            (long long) session_id);
}

static PdnTestReply *
put_roster (gint64 session_id, const gchar *token, const gchar *body)
{
  return pdn_test_api_call (world, "PUT", token, body, "/sessions/%lld/attendance",
                            (long long) session_id);
}

static PdnTestReply *
get_roster (gint64 session_id, const gchar *token)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/sessions/%lld/attendance",
                            (long long) session_id);
}

/* The roster entry of @person_id in a roster object, or NULL. */
static JsonObject *
find_entry (JsonObject *roster, gint64 person_id)
{
  JsonArray *entries = json_object_get_array_member (roster, "entries");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (json_object_get_int_member (entry, "person_id") == person_id)
        return entry;
    }
  return NULL;
}

static guint
n_entries (JsonObject *roster)
{
  return json_array_get_length (json_object_get_array_member (roster, "entries"));
}

static const gchar *
text_or_null (JsonObject *object, const gchar *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static gint64
history_rows (gint64 session_id)
{
  return pdn_test_query_int (world->store,
                             "SELECT COUNT(*) FROM attendance_history WHERE session_id = ?",
                             session_id);
}

/* ---- the acceptance point ---- */

static void
test_roster_keeps_check_in (void)
{
  gint64 session = open_session ();
  g_autofree gchar *code = check_in_code (session);
  gint64 ben = add_person ("Ben Roster", "ben.roster@district-a.example");
  gint64 cai = add_person ("Cai Walkin", "cai.walkin@district-a.example");
  g_autofree gchar *checked_in_at = NULL;

  add_registration (session, world->teacher_person, "registered");
  add_registration (session, ben, "registered");

  /* The teacher checks in; again is a no-op. */
  {
    g_autoptr (PdnTestReply) first = check_in (session, world->teacher, code);
    g_autoptr (PdnTestReply) again = check_in (session, world->teacher, code);
    JsonObject *entry = pdn_test_api_expect (first, 201);
    JsonObject *same = pdn_test_api_expect (again, 200);

    g_assert_cmpint (json_object_get_int_member (entry, "person_id"), ==, world->teacher_person);
    g_assert_cmpstr (text_or_null (entry, "status"), ==, "present");
    g_assert_cmpstr (text_or_null (entry, "source"), ==, "check-in");
    g_assert_cmpstr (text_or_null (entry, "registration_status"), ==, "registered");
    g_assert_false (json_object_get_boolean_member (entry, "walk_in"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "minutes")));
    checked_in_at = g_strdup (text_or_null (entry, "checked_in_at"));
    g_assert_nonnull (checked_in_at);
    g_assert_cmpstr (text_or_null (entry, "recorded_at"), ==, checked_in_at);
    g_assert_cmpstr (text_or_null (same, "checked_in_at"), ==, checked_in_at);
    g_assert_cmpstr (text_or_null (same, "source"), ==, "check-in");
    g_assert_cmpint (history_rows (session), ==, 1);
  }

  /* A roster naming others leaves the check-in alone. */
  {
    g_autofree gchar *body = g_strdup_printf (
        "[{\"person_id\":%lld,\"status\":\"present\"},"
        "{\"person_id\":%lld,\"status\":\"partial\",\"minutes\":45}]",
        (long long) ben, (long long) cai);
    g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, body);
    JsonObject *roster = pdn_test_api_expect (reply, 200);
    JsonObject *teacher = find_entry (roster, world->teacher_person);
    JsonObject *walk_in = find_entry (roster, cai);

    g_assert_cmpint (json_object_get_int_member (roster, "session_id"), ==, session);
    g_assert_cmpuint (n_entries (roster), ==, 3);
    g_assert_cmpstr (text_or_null (teacher, "source"), ==, "check-in");
    g_assert_cmpstr (text_or_null (teacher, "status"), ==, "present");
    g_assert_cmpstr (text_or_null (find_entry (roster, ben), "source"), ==, "roster");
    g_assert_true (json_object_get_boolean_member (walk_in, "walk_in"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (walk_in,
                                                                  "registration_status")));
    g_assert_cmpint (json_object_get_int_member (walk_in, "minutes"), ==, 45);
    g_assert_cmpstr (text_or_null (walk_in, "name"), ==, "Cai Walkin");
  }

  /* A roster naming the teacher: the coordinator's entry is current, the
   * check-in stays visible. */
  {
    g_autofree gchar *body = g_strdup_printf (
        "[{\"person_id\":%lld,\"status\":\"partial\",\"minutes\":60}]",
        (long long) world->teacher_person);
    g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, body);
    g_autoptr (PdnTestReply) read = get_roster (session, world->coord_a);
    JsonObject *teacher = find_entry (pdn_test_api_expect (reply, 200), world->teacher_person);
    JsonObject *reread = find_entry (pdn_test_api_expect (read, 200), world->teacher_person);

    g_assert_cmpstr (text_or_null (teacher, "status"), ==, "partial");
    g_assert_cmpint (json_object_get_int_member (teacher, "minutes"), ==, 60);
    g_assert_cmpstr (text_or_null (teacher, "source"), ==, "roster");
    g_assert_cmpstr (text_or_null (teacher, "checked_in_at"), ==, checked_in_at);
    g_assert_cmpstr (text_or_null (reread, "checked_in_at"), ==, checked_in_at);
    g_assert_cmpstr (text_or_null (reread, "status"), ==, "partial");
  }

  /* Checking in after the coordinator's correction changes nothing. */
  {
    g_autoptr (PdnTestReply) reply = check_in (session, world->teacher, code);
    JsonObject *entry = pdn_test_api_expect (reply, 200);

    g_assert_cmpstr (text_or_null (entry, "status"), ==, "partial");
    g_assert_cmpstr (text_or_null (entry, "source"), ==, "roster");
  }

  /* The history has both of the teacher's rows, oldest first. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/sessions/%lld/attendance/history?person_id=%lld",
        (long long) session, (long long) world->teacher_person);
    g_autoptr (PdnTestReply) all = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                      "/sessions/%lld/attendance/history",
                                                      (long long) session);
    JsonArray *items = json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");
    JsonArray *every = json_object_get_array_member (pdn_test_api_expect (all, 200), "items");
    JsonObject *first, *second;

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    first = json_array_get_object_element (items, 0);
    second = json_array_get_object_element (items, 1);
    g_assert_cmpstr (text_or_null (first, "source"), ==, "check-in");
    g_assert_cmpstr (text_or_null (first, "status"), ==, "present");
    g_assert_cmpstr (text_or_null (first, "recorded_by_name"), ==, "Ana");
    g_assert_cmpstr (text_or_null (first, "recorded_at"), ==, checked_in_at);
    g_assert_cmpstr (text_or_null (first, "name"), ==, "Ana Teacher");
    g_assert_cmpstr (text_or_null (second, "source"), ==, "roster");
    g_assert_cmpstr (text_or_null (second, "status"), ==, "partial");
    g_assert_cmpint (json_object_get_int_member (second, "minutes"), ==, 60);
    g_assert_cmpstr (text_or_null (second, "recorded_by_name"), ==, "Coordinator A");
    g_assert_cmpint (json_object_get_int_member (first, "id"), <,
                     json_object_get_int_member (second, "id"));
    /* check-in, Ben, Cai, the correction */
    g_assert_cmpuint (json_array_get_length (every), ==, 4);
    g_assert_cmpint (history_rows (session), ==, 4);
  }
}

/* ---- check-in ---- */

/* Refused with 422 naming no field, with the window in the problem. */
static void
assert_window_refused (gint64 session, const gchar *token, const gchar *code)
{
  g_autoptr (PdnTestReply) reply = check_in (session, token, code);
  JsonObject *problem = pdn_test_api_expect (reply, 422);

  pdn_test_assert_problem (problem, 422, "unprocessable", NULL);
  g_assert_nonnull (text_or_null (problem, "opens_at"));
  g_assert_nonnull (text_or_null (problem, "closes_at"));
  g_assert_nonnull (strstr (text_or_null (problem, "detail"), "Check-in"));
}

static void
test_check_in_window (void)
{
  gint64 early = create_session_at (program_a, world->coord_a, 31);
  gint64 soon = create_session_at (program_a, world->coord_a, 29);
  gint64 over = create_session_at (program_a, world->coord_a, -121);
  g_autofree gchar *early_code = check_in_code (early);
  g_autofree gchar *soon_code = check_in_code (soon);
  g_autofree gchar *over_code = check_in_code (over);
  gint64 person = 0;
  g_autofree gchar *token = teacher_token ("Dee Window", "dee.window@district-a.example",
                                           &person);

  assert_window_refused (early, token, early_code);
  assert_window_refused (over, token, over_code);
  {
    g_autoptr (PdnTestReply) reply = check_in (soon, token, soon_code);
    JsonObject *entry = pdn_test_api_expect (reply, 201);

    g_assert_cmpstr (text_or_null (entry, "status"), ==, "present");
    g_assert_nonnull (text_or_null (entry, "checked_in_at"));
    g_assert_true (json_object_get_boolean_member (entry, "walk_in"));
  }
  /* The refusals recorded nothing. */
  g_assert_cmpint (history_rows (early), ==, 0);
  g_assert_cmpint (history_rows (over), ==, 0);

  /* The opening time is 30 minutes before the start. */
  {
    g_autoptr (PdnTestReply) reply = check_in (early, token, early_code);
    g_autoptr (PdnTestReply) session = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                          "/sessions/%lld", (long long) early);
    JsonObject *problem = pdn_test_api_expect (reply, 422);
    const gchar *starts_at
        = json_object_get_string_member (pdn_test_api_expect (session, 200), "starts_at");
    const gchar *ends_at
        = json_object_get_string_member (pdn_test_reply_object (session), "ends_at");

    g_assert_cmpint (pdn_time_seconds_between (text_or_null (problem, "opens_at"), starts_at),
                     ==, 30 * 60);
    g_assert_cmpstr (text_or_null (problem, "closes_at"), ==, ends_at);
  }

  /* A cancelled session takes no check-ins, even inside its window. */
  {
    gint64 cancelled = open_session ();
    g_autofree gchar *code = check_in_code (cancelled);
    g_autoptr (PdnTestReply) cancel = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"state\":\"cancelled\"}", "/sessions/%lld",
        (long long) cancelled);
    g_autoptr (PdnTestReply) reply = NULL;

    pdn_test_api_expect (cancel, 200);
    reply = check_in (cancelled, token, code);
    pdn_test_api_assert_problem (reply, 422, "unprocessable", NULL);
    g_assert_nonnull (strstr (text_or_null (pdn_test_reply_object (reply), "detail"),
                              "cancelled"));
    g_assert_cmpint (history_rows (cancelled), ==, 0);
  }
}

static void
test_check_in_input (void)
{
  gint64 session = open_session ();
  g_autofree gchar *code = check_in_code (session);
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld/check-in", (long long) session);
  gint64 person = 0;
  g_autofree gchar *token = teacher_token ("Eli Input", "eli.input@district-a.example",
                                           &person);
  const struct
  {
    const gchar *body;
    guint status;
    const gchar *code;
    const gchar *field;
  } bad[] = {
    { "{}", 400, "invalid-input", "code" },
    { "{\"code\":null}", 400, "invalid-input", "code" },
    { "{\"code\":42}", 400, "invalid-input", "code" },
    { "{\"code\":\"\"}", 400, "invalid-input", "code" },
    { "{\"code\":\"ABCDEF\",\"person_id\":1}", 400, "invalid-input", "person_id" },
    { "[\"ABCDEF\"]", 400, "invalid-input", "body" },
    { "{\"code\":\"ZZZZZZ\"}", 422, "unprocessable", "code" },
    { "{\"code\":\"ZZZZZZZZZZ\"}", 422, "unprocessable", "code" },
  };

  pdn_test_api_assert_needs_token (world, "POST", path, "{\"code\":\"ABCDEF\"}");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", token, bad[i].body,
                                                          "%s", path);

      g_test_message ("body %s", bad[i].body);
      pdn_test_api_assert_problem (reply, bad[i].status, bad[i].code, bad[i].field);
    }
  /* An account without a person (a coordinator's) has no one to check in. */
  {
    g_autoptr (PdnTestReply) reply = check_in (session, world->coord_a, code);
    pdn_test_api_assert_problem (reply, 422, "unprocessable", "person_id");
  }
  /* Unknown session. */
  {
    g_autoptr (PdnTestReply) reply = check_in (999999, token, code);
    pdn_test_api_assert_problem (reply, 404, "not-found", NULL);
  }
  g_assert_cmpint (history_rows (session), ==, 0);
  /* Case, spaces and hyphens do not matter. */
  {
    g_autofree gchar *lower = g_ascii_strdown (code, -1);
    g_autofree gchar *typed = g_strdup_printf (" %.3s-%s ", lower, lower + 3);
    g_autoptr (PdnTestReply) reply = check_in (session, token, typed);

    pdn_test_api_expect (reply, 201);
  }
  g_assert_cmpint (history_rows (session), ==, 1);
}

static void
test_check_in_rate_limit (void)
{
  gint64 session = open_session ();
  g_autofree gchar *code = check_in_code (session);
  gint64 guesser_person = 0, other_person = 0;
  g_autofree gchar *guesser = teacher_token ("Fay Guesser", "fay.guesser@district-a.example",
                                             &guesser_person);
  g_autofree gchar *other = teacher_token ("Gus Other", "gus.other@district-a.example",
                                           &other_person);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree gchar *guess = g_strdup_printf ("WRONG%u", i);
      g_autoptr (PdnTestReply) reply = check_in (session, guesser, guess);

      pdn_test_api_assert_problem (reply, 422, "unprocessable", "code");
    }
  /* Locked out, even with the right code. */
  {
    g_autoptr (PdnTestReply) reply = check_in (session, guesser, code);
    const gchar *retry;

    pdn_test_api_assert_problem (reply, 429, "rate-limited", NULL);
    retry = soup_message_headers_get_one (reply->headers, "Retry-After");
    g_assert_nonnull (retry);
    g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), >, 0);
  }
  /* The limit is per account. */
  {
    g_autoptr (PdnTestReply) reply = check_in (session, other, code);
    pdn_test_api_expect (reply, 201);
  }
  g_assert_cmpint (history_rows (session), ==, 1);
}

/* ---- walk-ins ---- */

static void
test_walk_ins (void)
{
  gint64 session = open_session ();
  g_autofree gchar *code = check_in_code (session);
  gint64 waiting = add_person ("Hal Waiting", "hal.waiting@district-a.example");
  gint64 cancelled = add_person ("Ivy Cancelled", "ivy.cancelled@district-a.example");
  gint64 people_before = pdn_test_query_int (world->store, "SELECT COUNT(*) FROM people", 0);
  gint64 new_person;

  add_registration (session, waiting, "waitlisted");
  add_registration (session, cancelled, "cancelled");
  /* The roster lists registrations before anything is recorded. */
  {
    g_autoptr (PdnTestReply) reply = get_roster (session, world->coord_a);
    JsonObject *roster = pdn_test_api_expect (reply, 200);
    JsonObject *entry = find_entry (roster, waiting);

    g_assert_cmpuint (n_entries (roster), ==, 1);
    g_assert_cmpstr (text_or_null (entry, "registration_status"), ==, "waitlisted");
    g_assert_cmpstr (text_or_null (entry, "email"), ==, "hal.waiting@district-a.example");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "status")));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "checked_in_at")));
  }
  /* At the door: someone new by name and email, someone known by email
   * (in other letters; their stored name stays) and a cancelled
   * registration, who counts as a walk-in. */
  {
    g_autofree gchar *body = g_strdup_printf (
        "[{\"name\":\"Jo New\",\"email\":\"jo.new@catholic-d.example\",\"status\":\"present\"},"
        "{\"name\":\"Someone Else\",\"email\":\"ROSA.DELGADO@district-a.example\","
        "\"status\":\"present\",\"minutes\":null},"
        "{\"person_id\":%lld,\"status\":\"absent\",\"minutes\":0}]",
        (long long) cancelled);
    g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, body);
    JsonObject *roster = pdn_test_api_expect (reply, 200);
    JsonObject *known = find_entry (roster, world->facilitator_person);
    JsonObject *gone = find_entry (roster, cancelled);

    new_person = pdn_test_query_int (world->store,
                                     "SELECT id FROM people WHERE email_key = "
                                     "'jo.new@catholic-d.example' AND id > ?",
                                     0);
    g_assert_cmpint (pdn_test_query_int (world->store, "SELECT COUNT(*) FROM people", 0), ==,
                     people_before + 1);
    g_assert_cmpuint (n_entries (roster), ==, 4);
    g_assert_cmpstr (text_or_null (find_entry (roster, new_person), "name"), ==, "Jo New");
    g_assert_true (json_object_get_boolean_member (find_entry (roster, new_person), "walk_in"));
    g_assert_cmpstr (text_or_null (known, "name"), ==, PDN_TEST_FACILITATOR_NAME);
    g_assert_cmpstr (text_or_null (known, "status"), ==, "present");
    g_assert_true (json_object_get_boolean_member (gone, "walk_in"));
    g_assert_cmpstr (text_or_null (gone, "status"), ==, "absent");
    g_assert_cmpint (json_object_get_int_member (gone, "minutes"), ==, 0);
  }
  /* The same door list again reuses the person it made. */
  {
    g_autoptr (PdnTestReply) reply = put_roster (
        session, world->coord_a,
        "[{\"name\":\"Jo New\",\"email\":\"jo.new@catholic-d.example\",\"status\":\"partial\","
        "\"minutes\":30}]");
    JsonObject *entry = find_entry (pdn_test_api_expect (reply, 200), new_person);

    g_assert_cmpstr (text_or_null (entry, "status"), ==, "partial");
    g_assert_cmpint (pdn_test_query_int (world->store, "SELECT COUNT(*) FROM people", 0), ==,
                     people_before + 1);
  }
  /* A teacher with no registration checks in too. */
  {
    gint64 person = 0;
    g_autofree gchar *token = teacher_token ("Kim Dropin", "kim.dropin@district-a.example",
                                             &person);
    g_autoptr (PdnTestReply) reply = check_in (session, token, code);
    JsonObject *entry = pdn_test_api_expect (reply, 201);

    g_assert_true (json_object_get_boolean_member (entry, "walk_in"));
    g_assert_cmpstr (text_or_null (entry, "name"), ==, "Kim Dropin");
  }
}

/* ---- validation ---- */

static void
test_validation (void)
{
  gint64 session = open_session ();
  gint64 stranger = add_stranger ("Lou Stranger", "lou.stranger@elsewhere.example");
  gint64 ana = world->teacher_person;
  g_autofree gchar *p = g_strdup_printf ("%lld", (long long) ana);
  struct
  {
    gchar *body;
    guint status;
    const gchar *code;
    const gchar *field;
  } bad[] = {
    { g_strdup ("{\"person_id\":1,\"status\":\"present\"}"), 400, "invalid-input", "body" },
    { g_strdup ("[42]"), 400, "invalid-input", "[0]" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\"},{\"person_id\":%s}]", p,
                       "2"), 400, "invalid-input", "[1].status" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"late\"}]", p), 400, "invalid-input",
      "[0].status" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":null}]", p), 400, "invalid-input",
      "[0].status" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\",\"note\":\"x\"}]", p), 400,
      "invalid-input", "[0].note" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\",\"minutes\":-1}]", p), 400,
      "invalid-input", "[0].minutes" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\",\"minutes\":121}]", p), 400,
      "invalid-input", "[0].minutes" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\",\"minutes\":\"60\"}]", p),
      400, "invalid-input", "[0].minutes" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"partial\"}]", p), 400, "invalid-input",
      "[0].minutes" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"absent\",\"minutes\":10}]", p), 400,
      "invalid-input", "[0].minutes" },
    { g_strdup ("[{\"person_id\":0,\"status\":\"present\"}]"), 400, "invalid-input",
      "[0].person_id" },
    { g_strdup ("[{\"person_id\":\"7\",\"status\":\"present\"}]"), 400, "invalid-input",
      "[0].person_id" },
    { g_strdup ("[{\"status\":\"present\"}]"), 400, "invalid-input", "[0].person_id" },
    { g_strdup_printf ("[{\"person_id\":%s,\"email\":\"a@b.example\",\"status\":\"present\"}]",
                       p), 400, "invalid-input", "[0].email" },
    { g_strdup ("[{\"name\":\"No Email\",\"status\":\"present\"}]"), 400, "invalid-input",
      "[0].email" },
    { g_strdup ("[{\"email\":\"no.name@a.example\",\"status\":\"present\"}]"), 400,
      "invalid-input", "[0].name" },
    { g_strdup ("[{\"name\":\" \",\"email\":\"blank@a.example\",\"status\":\"present\"}]"), 400,
      "invalid-input", "[0].name" },
    { g_strdup ("[{\"name\":\"Bad Email\",\"email\":\"nope\",\"status\":\"present\"}]"), 400,
      "invalid-input", "[0].email" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\"},"
                       "{\"person_id\":%lld,\"status\":\"present\"},"
                       "{\"person_id\":%s,\"status\":\"absent\"}]",
                       p, (long long) world->facilitator_person, p),
      400, "invalid-input", "[2].person_id" },
    { g_strdup ("[{\"name\":\"Twice\",\"email\":\"twice@a.example\",\"status\":\"present\"},"
                "{\"name\":\"Twice\",\"email\":\"TWICE@a.example\",\"status\":\"absent\"}]"),
      400, "invalid-input", "[1].email" },
    /* The same person by id and by email. */
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\"},"
                       "{\"name\":\"Ana\",\"email\":\"ana@district-a.example\","
                       "\"status\":\"absent\"}]",
                       p),
      400, "invalid-input", "[1].email" },
    { g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\"},"
                       "{\"person_id\":999999,\"status\":\"present\"}]",
                       p),
      422, "unprocessable", "[1].person_id" },
    /* Someone coordinator A may not see answers like an unknown id. */
    { g_strdup_printf ("[{\"person_id\":%lld,\"status\":\"present\"}]", (long long) stranger),
      422, "unprocessable", "[0].person_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, bad[i].body);

      g_test_message ("body %s", bad[i].body);
      pdn_test_api_assert_problem (reply, bad[i].status, bad[i].code, bad[i].field);
      g_free (bad[i].body);
    }
  g_assert_cmpint (history_rows (session), ==, 0);

  /* A bounded list. */
  {
    g_autoptr (GString) body = g_string_new ("[");
    g_autoptr (PdnTestReply) reply = NULL;

    for (guint i = 0; i < 1001; i++)
      g_string_append_printf (body, "%s{\"person_id\":%u,\"status\":\"present\"}",
                              i > 0 ? "," : "", i + 1);
    g_string_append_c (body, ']');
    reply = put_roster (session, world->coord_a, body->str);
    pdn_test_api_assert_problem (reply, 413, "too-large", "body");
  }
  /* An empty list changes nothing. */
  {
    g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, "[]");
    g_assert_cmpuint (n_entries (pdn_test_api_expect (reply, 200)), ==, 0);
  }
  /* An admin sees everyone, so may record the stranger. */
  {
    g_autofree gchar *body = g_strdup_printf ("[{\"person_id\":%lld,\"status\":\"present\","
                                              "\"minutes\":120}]",
                                              (long long) stranger);
    g_autoptr (PdnTestReply) reply = put_roster (session, world->admin, body);
    JsonObject *entry = find_entry (pdn_test_api_expect (reply, 200), stranger);

    g_assert_cmpint (json_object_get_int_member (entry, "minutes"), ==, 120);
  }
  /* Unknown and cancelled sessions. */
  {
    g_autoptr (PdnTestReply) missing = put_roster (999999, world->coord_a, "[]");
    gint64 cancelled = open_session ();
    g_autoptr (PdnTestReply) cancel = pdn_test_api_call (
        world, "PATCH", world->coord_a, "{\"state\":\"cancelled\"}", "/sessions/%lld",
        (long long) cancelled);
    g_autofree gchar *body = g_strdup_printf ("[{\"person_id\":%s,\"status\":\"present\"}]", p);
    g_autoptr (PdnTestReply) refused = NULL;

    pdn_test_api_assert_problem (missing, 404, "not-found", NULL);
    pdn_test_api_expect (cancel, 200);
    refused = put_roster (cancelled, world->coord_a, body);
    pdn_test_api_assert_problem (refused, 422, "unprocessable", NULL);
    g_assert_cmpint (history_rows (cancelled), ==, 0);
  }
}

/* A bad entry found while writing undoes the entries before it, and the
 * people it would have made. */
static void
test_all_or_nothing (void)
{
  gint64 session = open_session ();
  gint64 mo = add_person ("Mo Before", "mo.before@district-a.example");
  gint64 people_before;
  g_autofree gchar *body = NULL;

  add_registration (session, mo, "registered");
  people_before = pdn_test_query_int (world->store, "SELECT COUNT(*) FROM people", 0);
  body = g_strdup_printf (
      "[{\"person_id\":%lld,\"status\":\"present\"},"
      "{\"name\":\"Never Made\",\"email\":\"never.made@district-a.example\","
      "\"status\":\"present\"},"
      "{\"person_id\":999999,\"status\":\"absent\"}]",
      (long long) mo);
  {
    g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, body);
    g_autoptr (PdnTestReply) roster = get_roster (session, world->coord_a);
    JsonObject *entry = find_entry (pdn_test_api_expect (roster, 200), mo);

    pdn_test_api_assert_problem (reply, 422, "unprocessable", "[2].person_id");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "status")));
    g_assert_cmpuint (n_entries (pdn_test_reply_object (roster)), ==, 1);
  }
  g_assert_cmpint (history_rows (session), ==, 0);
  g_assert_cmpint (pdn_test_query_int (world->store, "SELECT COUNT(*) FROM people", 0), ==,
                   people_before);
}

/* ---- access ---- */

static void
test_access (void)
{
  gint64 session = open_session ();
  gint64 session_b = create_session_at (program_b, world->coord_b, -10);
  g_autofree gchar *roster_path = g_strdup_printf ("/sessions/%lld/attendance",
                                                   (long long) session);
  g_autofree gchar *history_path = g_strdup_printf ("/sessions/%lld/attendance/history",
                                                    (long long) session);
  g_autofree gchar *body = g_strdup_printf ("[{\"person_id\":%lld,\"status\":\"present\"}]",
                                            (long long) world->teacher_person);
  const gchar *refused[] = { world->teacher, world->lead_a, world->coord_b, world->coord_c };

  pdn_test_api_assert_needs_token (world, "GET", roster_path, NULL);
  pdn_test_api_assert_needs_token (world, "PUT", roster_path, body);
  pdn_test_api_assert_needs_token (world, "GET", history_path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) get = get_roster (session, refused[i]);
      g_autoptr (PdnTestReply) put = put_roster (session, refused[i], body);
      g_autoptr (PdnTestReply) history = pdn_test_api_call (world, "GET", refused[i], NULL, "%s",
                                                            history_path);
      g_autoptr (PdnTestReply) mine = pdn_test_api_call (
          world, "GET", refused[i], NULL, "%s?person_id=%lld", history_path,
          (long long) world->teacher_person);

      g_test_message ("token %u", i);
      pdn_test_api_assert_problem (get, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (put, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (history, 403, "forbidden", NULL);
      pdn_test_api_assert_problem (mine, 403, "forbidden", NULL);
    }
  g_assert_cmpint (history_rows (session), ==, 0);
  /* Coordinators of the program's organization and admins may. */
  {
    g_autoptr (PdnTestReply) coordinator = put_roster (session, world->coord_a, body);
    g_autoptr (PdnTestReply) admin = get_roster (session, world->admin);
    g_autoptr (PdnTestReply) own = get_roster (session_b, world->coord_b);
    g_autoptr (PdnTestReply) other = get_roster (session_b, world->coord_a);

    pdn_test_api_expect (coordinator, 200);
    g_assert_cmpuint (n_entries (pdn_test_api_expect (admin, 200)), ==, 1);
    pdn_test_api_expect (own, 200);
    pdn_test_api_assert_problem (other, 403, "forbidden", NULL);
  }
  pdn_test_api_assert_serving (world);
}

/* ---- history ---- */

static void
test_history_paging (void)
{
  gint64 session = open_session ();
  gint64 nia = add_person ("Nia Paging", "nia.paging@district-a.example");
  g_autofree gchar *body = NULL;
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;

  add_registration (session, nia, "registered");
  body = g_strdup_printf ("[{\"person_id\":%lld,\"status\":\"absent\"},"
                          "{\"person_id\":%lld,\"status\":\"present\"}]",
                          (long long) nia, (long long) world->teacher_person);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PdnTestReply) reply = put_roster (session, world->coord_a, body);
      pdn_test_api_expect (reply, 200);
    }
  /* Four changes, read two at a time. */
  for (guint page = 0; page < 3; page++)
    {
      g_autoptr (PdnTestReply) reply
          = cursor == NULL
                ? pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                     "/sessions/%lld/attendance/history?limit=2",
                                     (long long) session)
                : pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                     "/sessions/%lld/attendance/history?limit=2&cursor=%s",
                                     (long long) session, cursor);
      JsonObject *object = pdn_test_api_expect (reply, 200);
      g_autoptr (GArray) ids = pdn_test_page_ids (object);
      JsonNode *next = json_object_get_member (object, "next_cursor");

      g_array_append_vals (seen, ids->data, ids->len);
      g_clear_pointer (&cursor, g_free);
      if (JSON_NODE_HOLDS_NULL (next))
        break;
      cursor = g_strdup (json_node_get_string (next));
    }
  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpint (g_array_index (seen, gint64, i - 1), <, g_array_index (seen, gint64, i));
  /* Only one person's changes; bad filters. */
  {
    g_autoptr (PdnTestReply) nia_only = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/sessions/%lld/attendance/history?person_id=%lld",
        (long long) session, (long long) nia);
    g_autoptr (PdnTestReply) unknown = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/sessions/%lld/attendance/history?who=1",
        (long long) session);
    g_autoptr (PdnTestReply) not_id = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/sessions/%lld/attendance/history?person_id=x",
        (long long) session);
    JsonArray *items
        = json_object_get_array_member (pdn_test_api_expect (nia_only, 200), "items");

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        g_assert_cmpint (json_object_get_int_member (item, "person_id"), ==, nia);
        g_assert_cmpstr (text_or_null (item, "status"), ==, "absent");
        g_assert_cmpstr (text_or_null (item, "source"), ==, "roster");
      }
    pdn_test_api_assert_problem (unknown, 400, "invalid-input", "who");
    pdn_test_api_assert_problem (not_id, 400, "invalid-input", "person_id");
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  program_a = create_program (world->coord_a, world->org_a);
  program_b = create_program (world->coord_b, world->org_b);
  place_at_school_a (world->teacher_person);
  g_test_add_func ("/pdnet/api/attendance/roster-keeps-check-in", test_roster_keeps_check_in);
  g_test_add_func ("/pdnet/api/attendance/check-in-window", test_check_in_window);
  g_test_add_func ("/pdnet/api/attendance/check-in-input", test_check_in_input);
  g_test_add_func ("/pdnet/api/attendance/check-in-rate-limit", test_check_in_rate_limit);
  g_test_add_func ("/pdnet/api/attendance/walk-ins", test_walk_ins);
  g_test_add_func ("/pdnet/api/attendance/validation", test_validation);
  g_test_add_func ("/pdnet/api/attendance/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/pdnet/api/attendance/access", test_access);
  g_test_add_func ("/pdnet/api/attendance/history-paging", test_history_paging);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
