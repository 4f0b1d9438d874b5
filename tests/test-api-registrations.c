/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-test-burst.h"

/*
 * Registration against the real pdnetd: seats and waitlists under
 * concurrent load, promotion on cancellation, series in one transaction,
 * the registration window, cutoffs, access rules and input.
 */

static PdnTestWorld *world;
static gint64 program_a;

/* Registration @id is stored with @status. */
static void
assert_status (PdnStore *store, gint64 id, const gchar *status)
{
  g_autofree gchar *stored = pdn_test_query_text (
      store, "SELECT status FROM registrations WHERE id = ?", id);

  g_assert_cmpstr (stored, ==, status);
}

/* An RFC 3339 UTC time @seconds from now. */
static gchar *
time_from_now (gint64 seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) when = g_date_time_add_seconds (now, (gdouble) seconds);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

/* A session of program A a day from now; @extra adds members
 * (",\"capacity\":3" or ""). */
static gint64
create_session (const gchar *extra)
{
  g_autofree gchar *starts = time_from_now (86400);
  g_autofree gchar *ends = time_from_now (86400 + 7200);
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Read-alouds\","
      "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"time_zone\":\"America/Chicago\"%s}",
      (long long) program_a, starts, ends, extra);

  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

/* @n people at school A. */
static gint64 *
add_people (guint n, const gchar *prefix)
{
  gint64 *ids = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("%s %u", prefix, i);
      g_autofree gchar *email = g_strdup_printf ("%s.%u@district-a.example", prefix, i);
      ids[i] = pdn_test_add_named_person (world->store, name, email);
    }
  return ids;
}

static JsonObject *
register_as (const gchar *token, gint64 session_id, const gchar *body, guint status)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (
      world, "POST", token, body, "/sessions/%lld/registrations", (long long) session_id);
  JsonObject *object = pdn_test_api_expect (reply, status);

  return json_object_ref (object);
}

static gint64
count (const gchar *sql, gint64 id)
{
  return pdn_test_query_int (world->store, sql, id);
}

/* Every registration of the session through the coordinators' list. */
static GPtrArray *
roster (gint64 session_id, const gchar *status)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree gchar *cursor = NULL;

  do
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (
          world, "GET", world->coord_a, NULL, "/sessions/%lld/registrations?status=%s&limit=200%s%s",
          (long long) session_id, status, cursor != NULL ? "&cursor=" : "",
          cursor != NULL ? cursor : "");
      JsonObject *page = pdn_test_api_expect (reply, 200);
      JsonArray *array = json_object_get_array_member (page, "items");

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (items, json_object_ref (json_array_get_object_element (array, i)));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (page, "next_cursor", NULL));
    }
  while (cursor != NULL);
  return items;
}

/* Waitlist positions are exactly 1..n in creation (id) order. */
static void
assert_dense_waitlist (gint64 session_id, guint expected)
{
  g_autoptr (GPtrArray) waitlist = roster (session_id, "waitlisted");

  g_assert_cmpuint (waitlist->len, ==, expected);
  for (guint i = 0; i < waitlist->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (waitlist, i), "position"), ==,
                     i + 1);
}

/* Acceptance: 500 concurrent registrations for 40 seats, then 10
 * cancellations. */
static void
test_concurrent_capacity (void)
{
  const guint n = 500;
  gint64 session_id = create_session (",\"capacity\":40");
  g_autofree gint64 *people = add_people (n, "burst");
  PdnTestBurstItem *items = g_new0 (PdnTestBurstItem, n);
  g_autoptr (GPtrArray) registered = NULL;

  for (guint i = 0; i < n; i++)
    {
      items[i].method = "POST";
      items[i].path = g_strdup_printf ("/api/v1/sessions/%lld/registrations",
                                       (long long) session_id);
      items[i].token = world->coord_a;
      items[i].body = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[i]);
    }
  pdn_test_burst_run (world->daemon->url, items, n, 64, NULL, NULL);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (items[i].status, ==, 201);
  pdn_test_burst_items_free (items, n);

  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                          "AND status = 'registered'", session_id), ==, 40);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                          "AND status = 'waitlisted'", session_id), ==, 460);
  assert_dense_waitlist (session_id, 460);

  /* The first ten waitlisted, by the API's own positions. */
  {
    g_autoptr (GPtrArray) before = roster (session_id, "waitlisted");
    g_autoptr (GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < 10; i++)
      {
        gint64 id = json_object_get_int_member (g_ptr_array_index (before, i), "id");
        g_array_append_val (first, id);
      }
    registered = roster (session_id, "registered");
    for (guint i = 0; i < 10; i++)
      {
        JsonObject *victim = g_ptr_array_index (registered, i * 3);
        g_autoptr (PdnTestReply) reply = pdn_test_api_call (
            world, "DELETE", world->coord_a, NULL, "/registrations/%lld",
            (long long) json_object_get_int_member (victim, "id"));
        JsonObject *cancelled = pdn_test_api_expect (reply, 200);
        g_assert_cmpstr (json_object_get_string_member (cancelled, "status"), ==, "cancelled");
      }
    for (guint i = 0; i < 10; i++)
      assert_status (world->store, g_array_index (first, gint64, i), "registered");
  }
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ? "
                          "AND status = 'registered'", session_id), ==, 40);
  assert_dense_waitlist (session_id, 450);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM notifications WHERE session_id = ? "
                          "AND kind = 'waitlist-promoted'", session_id), ==, 10);
}

static void
test_register_self_and_again (void)
{
  gint64 session_id = create_session (",\"capacity\":1");
  g_autoptr (JsonObject) first = register_as (world->teacher, session_id, "{}", 201);
  g_autoptr (JsonObject) again = register_as (world->teacher, session_id, "{}", 200);
  g_autofree gchar *location = NULL;

  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "registered");
  g_assert_true (json_object_get_null_member (first, "position"));
  g_assert_cmpint (json_object_get_int_member (first, "person_id"), ==, world->teacher_person);
  g_assert_cmpint (json_object_get_int_member (again, "id"), ==,
                   json_object_get_int_member (first, "id"));
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?", session_id),
                   ==, 1);

  /* The teacher's own list shows it with its session. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/me/registrations?status=registered");
    JsonObject *page = pdn_test_api_expect (reply, 200);
    JsonArray *items = json_object_get_array_member (page, "items");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        if (json_object_get_int_member (item, "session_id") != session_id)
          continue;
        found = TRUE;
        g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (item, "session"), "title"),
                         ==, "Read-alouds");
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "attendance")));
        g_assert_false (json_object_get_boolean_member (item, "feedback_given"));
      }
    g_assert_true (found);
  }
}

/* session_id picks one session's registration out of the teacher's own,
 * with the teacher's attendance and whether they gave feedback. */
static void
test_mine_for_session (void)
{
  gint64 session_id = create_session ("");
  gint64 other_id = create_session ("");
  g_autoptr (JsonObject) mine = register_as (world->teacher, session_id, "{}", 201);
  g_autoptr (JsonObject) other = register_as (world->teacher, other_id, "{}", 201);
  g_autofree gchar *attended = g_strdup_printf (
      "INSERT INTO attendance (session_id, person_id, status, source, recorded_at) "
      "VALUES (%lld, %lld, 'partial', 'roster', '2031-01-01T00:00:00Z')",
      (long long) session_id, (long long) world->teacher_person);
  g_autofree gchar *answered = g_strdup_printf (
      "INSERT INTO survey_responses (session_id, person_id, usefulness, recommend, created_at, "
      "updated_at) VALUES (%lld, %lld, 4, 9, '2031-01-01T00:00:00Z', '2031-01-01T00:00:00Z')",
      (long long) session_id, (long long) world->teacher_person);
  g_autoptr (PdnTestReply) reply = NULL;
  g_autoptr (PdnTestReply) none = NULL;
  g_autoptr (PdnTestReply) bad = NULL;
  JsonArray *items;
  JsonObject *item;

  pdn_test_exec (world->store, attended);
  pdn_test_exec (world->store, answered);
  reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                             "/me/registrations?session_id=%lld", (long long) session_id);
  none = pdn_test_api_call (world, "GET", world->teacher, NULL,
                            "/me/registrations?session_id=%lld&status=cancelled",
                            (long long) session_id);
  bad = pdn_test_api_call (world, "GET", world->teacher, NULL, "/me/registrations?session_id=x");
  items = json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==,
                   json_object_get_int_member (mine, "id"));
  g_assert_cmpstr (json_object_get_string_member (item, "attendance"), ==, "partial");
  g_assert_true (json_object_get_boolean_member (item, "feedback_given"));
  g_assert_cmpint (json_object_get_int_member (other, "session_id"), ==, other_id);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (pdn_test_api_expect (none, 200),
                                                           "items")),
      ==, 0);
  pdn_test_api_assert_problem (bad, 400, "invalid-input", "session_id");
}

static void
test_waitlist_position_and_cancel (void)
{
  gint64 session_id = create_session (",\"capacity\":1");
  g_autofree gint64 *people = add_people (3, "wait");
  g_autofree gchar *b0 = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[0]);
  g_autofree gchar *b1 = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[1]);
  g_autoptr (JsonObject) seat = register_as (world->coord_a, session_id, b0, 201);
  g_autoptr (JsonObject) second = register_as (world->coord_a, session_id, b1, 201);
  g_autoptr (JsonObject) mine = register_as (world->teacher, session_id, "{}", 201);

  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "waitlisted");
  g_assert_cmpint (json_object_get_int_member (second, "position"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (mine, "status"), ==, "waitlisted");
  g_assert_cmpint (json_object_get_int_member (mine, "position"), ==, 2);

  /* The teacher leaves the waitlist: nobody is promoted, nobody notified. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "DELETE", world->teacher, NULL, "/registrations/%lld",
        (long long) json_object_get_int_member (mine, "id"));
    g_autoptr (PdnTestReply) twice = pdn_test_api_call (
        world, "DELETE", world->teacher, NULL, "/registrations/%lld",
        (long long) json_object_get_int_member (mine, "id"));
    pdn_test_api_expect (reply, 200);
    g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (twice, 200), "status"),
                     ==, "cancelled");
  }
  g_assert_cmpint (count ("SELECT COUNT(*) FROM notifications WHERE session_id = ?", session_id),
                   ==, 0);
  /* The seat holder leaves: the first waitlisted takes it. */
  {
    g_autoptr (PdnTestReply) reply = pdn_test_api_call (
        world, "DELETE", world->coord_a, NULL, "/registrations/%lld",
        (long long) json_object_get_int_member (seat, "id"));
    g_autoptr (PdnTestReply) promoted = pdn_test_api_call (
        world, "GET", world->coord_a, NULL, "/registrations/%lld",
        (long long) json_object_get_int_member (second, "id"));
    JsonObject *object;

    pdn_test_api_expect (reply, 200);
    object = pdn_test_api_expect (promoted, 200);
    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "registered");
    g_assert_true (json_object_get_null_member (object, "position"));
  }
  g_assert_cmpint (count ("SELECT COUNT(*) FROM notifications WHERE session_id = ? "
                          "AND kind = 'waitlist-promoted'", session_id), ==, 1);
  /* Registering again after cancelling makes a new registration. */
  {
    g_autoptr (JsonObject) back = register_as (world->teacher, session_id, "{}", 201);
    g_assert_cmpint (json_object_get_int_member (back, "position"), ==, 1);
  }
}

static void
test_capacity_raised_promotes (void)
{
  gint64 session_id = create_session (",\"capacity\":0");
  g_autoptr (JsonObject) waiting = register_as (world->teacher, session_id, "{}", 201);
  g_autoptr (PdnTestReply) reply = NULL;

  g_assert_cmpstr (json_object_get_string_member (waiting, "status"), ==, "waitlisted");
  reply = pdn_test_api_call (world, "PATCH", world->coord_a, "{\"capacity\":5}", "/sessions/%lld",
                             (long long) session_id);
  pdn_test_api_expect (reply, 200);
  assert_status (world->store, json_object_get_int_member (waiting, "id"), "registered");
}

static void
test_window_and_cancelled (void)
{
  g_autofree gchar *later = time_from_now (3600);
  g_autofree gchar *earlier = time_from_now (-3600);
  g_autofree gchar *not_yet = g_strdup_printf (",\"registration_opens_at\":\"%s\"", later);
  g_autofree gchar *closed = g_strdup_printf (",\"registration_closes_at\":\"%s\"", earlier);
  gint64 future = create_session (not_yet);
  gint64 past = create_session (closed);
  gint64 cancelled = create_session (",\"state\":\"cancelled\"");
  g_autoptr (PdnTestReply) r1 = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                   "/sessions/%lld/registrations",
                                                   (long long) future);
  g_autoptr (PdnTestReply) r2 = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                   "/sessions/%lld/registrations",
                                                   (long long) past);
  g_autoptr (PdnTestReply) r3 = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                   "/sessions/%lld/registrations",
                                                   (long long) cancelled);
  JsonObject *problem;

  problem = pdn_test_api_expect (r1, 422);
  pdn_test_assert_problem (problem, 422, "unprocessable", "session_id");
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "opens at"));
  problem = pdn_test_api_expect (r2, 422);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "closed at"));
  pdn_test_api_assert_problem (r3, 409, "conflict", "session_id");
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?", future), ==,
                   0);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?", past), ==, 0);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?", cancelled),
                   ==, 0);
}

static void
test_cancellation_cutoff (void)
{
  g_autofree gchar *cutoff = time_from_now (-60);
  g_autofree gchar *extra = g_strdup_printf (",\"cancellation_cutoff\":\"%s\"", cutoff);
  gint64 session_id = create_session (extra);
  g_autoptr (JsonObject) mine = register_as (world->teacher, session_id, "{}", 201);
  gint64 id = json_object_get_int_member (mine, "id");
  g_autoptr (PdnTestReply) refused = pdn_test_api_call (world, "DELETE", world->teacher, NULL,
                                                        "/registrations/%lld", (long long) id);
  g_autoptr (PdnTestReply) other = pdn_test_api_call (world, "DELETE", world->coord_b, NULL,
                                                      "/registrations/%lld", (long long) id);
  g_autoptr (PdnTestReply) done = pdn_test_api_call (world, "DELETE", world->coord_a, NULL,
                                                     "/registrations/%lld", (long long) id);
  JsonObject *problem = pdn_test_api_expect (refused, 409);

  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "cutoff"));
  pdn_test_api_assert_problem (other, 403, "forbidden", NULL);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_api_expect (done, 200), "status"), ==,
                   "cancelled");
}

static void
test_access (void)
{
  gint64 session_id = create_session ("");
  g_autofree gint64 *people = add_people (1, "access");
  g_autofree gchar *body = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[0]);
  g_autoptr (PdnTestReply) teacher = pdn_test_api_call (world, "POST", world->teacher, body,
                                                        "/sessions/%lld/registrations",
                                                        (long long) session_id);
  g_autoptr (PdnTestReply) coord_b = pdn_test_api_call (world, "POST", world->coord_b, body,
                                                        "/sessions/%lld/registrations",
                                                        (long long) session_id);
  g_autoptr (PdnTestReply) admin_self = pdn_test_api_call (world, "POST", world->admin, "{}",
                                                           "/sessions/%lld/registrations",
                                                           (long long) session_id);
  g_autoptr (PdnTestReply) list = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                     "/sessions/%lld/registrations",
                                                     (long long) session_id);
  g_autoptr (PdnTestReply) mine = pdn_test_api_call (world, "GET", world->admin, NULL,
                                                     "/me/registrations");
  g_autofree gchar *path = g_strdup_printf ("/sessions/%lld/registrations",
                                            (long long) session_id);

  pdn_test_api_assert_problem (teacher, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (coord_b, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (admin_self, 400, "invalid-input", "person_id");
  pdn_test_api_assert_problem (list, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (mine, 422, "unprocessable", "person_id");
  pdn_test_api_assert_needs_token (world, "POST", path, "{}");
  g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?", session_id),
                   ==, 0);
  /* Coordinator B may register people of its own schools for A's program. */
  {
    gint64 person = pdn_test_add_named_person (world->store, "Bo", "bo@charter-b.example");
    g_autofree gchar *own = g_strdup_printf ("{\"person_id\":%lld}", (long long) person);
    g_autoptr (PdnTestReply) reply = NULL;

    {
      g_autofree gchar *sql = g_strdup_printf (
          "INSERT INTO affiliations (person_id, school_id, starts_on) VALUES (%lld, %lld, NULL)",
          (long long) person, (long long) world->school_b);
      pdn_test_exec (world->store, sql);
    }
    reply = pdn_test_api_call (world, "POST", world->coord_b, own, "/sessions/%lld/registrations",
                               (long long) session_id);
    pdn_test_api_expect (reply, 201);
  }
}

static void
test_input (void)
{
  gint64 session_id = create_session ("");
  g_autoptr (PdnTestReply) unknown = pdn_test_api_call (world, "POST", world->teacher,
                                                        "{\"seat\":3}",
                                                        "/sessions/%lld/registrations",
                                                        (long long) session_id);
  g_autoptr (PdnTestReply) bad_id = pdn_test_api_call (world, "POST", world->coord_a,
                                                       "{\"person_id\":\"7\"}",
                                                       "/sessions/%lld/registrations",
                                                       (long long) session_id);
  g_autoptr (PdnTestReply) nobody = pdn_test_api_call (world, "POST", world->coord_a,
                                                       "{\"person_id\":999999}",
                                                       "/sessions/%lld/registrations",
                                                       (long long) session_id);
  g_autoptr (PdnTestReply) no_session = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                           "/sessions/999999/registrations");
  g_autoptr (PdnTestReply) not_object = pdn_test_api_call (world, "POST", world->teacher, "[]",
                                                           "/sessions/%lld/registrations",
                                                           (long long) session_id);
  g_autoptr (PdnTestReply) bad_status = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                           "/sessions/%lld/registrations?status=x",
                                                           (long long) session_id);
  g_autoptr (PdnTestReply) bad_filter = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                           "/me/registrations?sort=id");

  pdn_test_api_assert_problem (unknown, 400, "invalid-input", "seat");
  pdn_test_api_assert_problem (bad_id, 400, "invalid-input", "person_id");
  pdn_test_api_assert_problem (nobody, 422, "unprocessable", "person_id");
  pdn_test_api_assert_problem (no_session, 404, "not-found", NULL);
  pdn_test_api_assert_problem (not_object, 400, "invalid-input", "body");
  pdn_test_api_assert_problem (bad_status, 400, "invalid-input", "status");
  pdn_test_api_assert_problem (bad_filter, 400, "invalid-input", "sort");
  pdn_test_api_assert_serving (world);
}

static gint64
create_series_of (guint n, gint64 *sessions, gint64 full_index, const gchar *closed_extra,
                  gint64 closed_index)
{
  g_autofree gchar *series_body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Fall\",\"kind\":\"workshop-series\"}",
      (long long) program_a);
  gint64 series_id = pdn_test_api_create (world, "/series", world->coord_a, series_body);

  for (guint i = 0; i < n; i++)
    {
      g_autofree gchar *extra = g_strdup_printf (
          ",\"series_id\":%lld%s%s", (long long) series_id,
          (gint64) i == full_index ? ",\"capacity\":1" : "",
          (gint64) i == closed_index ? closed_extra : "");
      sessions[i] = create_session (extra);
    }
  return series_id;
}

/* Acceptance: 4 sessions, one full: 3 registered, 1 waitlisted; a refusal
 * midway registers for none. */
static void
test_series (void)
{
  gint64 sessions[4];
  gint64 series_id = create_series_of (4, sessions, 2, "", -1);
  g_autofree gint64 *people = add_people (1, "series");
  g_autofree gchar *holder = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[0]);
  g_autoptr (JsonObject) seat = register_as (world->coord_a, sessions[2], holder, 201);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                      "/series/%lld/registrations",
                                                      (long long) series_id);
  JsonObject *object = pdn_test_api_expect (reply, 201);
  JsonArray *results = json_object_get_array_member (object, "results");
  guint registered = 0, waitlisted = 0;

  g_assert_cmpuint (json_array_get_length (results), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const gchar *status = json_object_get_string_member (result, "status");
      g_assert_cmpint (json_object_get_int_member (result, "session_id"), ==, sessions[i]);
      registered += g_str_equal (status, "registered");
      waitlisted += g_str_equal (status, "waitlisted");
      if (i == 2)
        g_assert_cmpstr (status, ==, "waitlisted");
    }
  g_assert_cmpuint (registered, ==, 3);
  g_assert_cmpuint (waitlisted, ==, 1);
  /* Again: nothing new, 200. */
  {
    g_autoptr (PdnTestReply) again = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                        "/series/%lld/registrations",
                                                        (long long) series_id);
    pdn_test_api_expect (again, 200);
  }
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ? AND "
                            "status <> 'cancelled'", sessions[i]), ==, i == 2 ? 2 : 1);
}

static void
test_series_all_or_nothing (void)
{
  g_autofree gchar *earlier = time_from_now (-60);
  g_autofree gchar *closed = g_strdup_printf (",\"registration_closes_at\":\"%s\"", earlier);
  gint64 sessions[4];
  gint64 series_id = create_series_of (4, sessions, -1, closed, 2);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                                      "/series/%lld/registrations",
                                                      (long long) series_id);
  JsonObject *problem = pdn_test_api_expect (reply, 422);

  g_assert_cmpint (json_object_get_int_member (problem, "session_id"), ==, sessions[2]);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (count ("SELECT COUNT(*) FROM registrations WHERE session_id = ?",
                            sessions[i]), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree gchar *program = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  program = g_strdup_printf ("{\"name\":\"Registrations\",\"type\":\"workshop-series\","
                             "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
                             (long long) world->org_a);
  program_a = pdn_test_api_create (world, "/programs", world->coord_a, program);
  g_test_add_func ("/pdnet/api/registrations/concurrent-capacity", test_concurrent_capacity);
  g_test_add_func ("/pdnet/api/registrations/self-and-again", test_register_self_and_again);
  g_test_add_func ("/pdnet/api/registrations/mine-for-session", test_mine_for_session);
  g_test_add_func ("/pdnet/api/registrations/waitlist-and-cancel",
                   test_waitlist_position_and_cancel);
  g_test_add_func ("/pdnet/api/registrations/capacity-raised", test_capacity_raised_promotes);
  g_test_add_func ("/pdnet/api/registrations/window", test_window_and_cancelled);
  g_test_add_func ("/pdnet/api/registrations/cancellation-cutoff", test_cancellation_cutoff);
  g_test_add_func ("/pdnet/api/registrations/access", test_access);
  g_test_add_func ("/pdnet/api/registrations/input", test_input);
  g_test_add_func ("/pdnet/api/registrations/series", test_series);
  g_test_add_func ("/pdnet/api/registrations/series-all-or-nothing", test_series_all_or_nothing);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
