/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-session.h"
#include "pdn-test-api.h"
#include "pdn-test-ical.h"

/*
 * The calendar routes against the real pdnetd: the public catalog feed and
 * its filter, a person's own feed with a token and at the secret URL,
 * rotation, who may call what, and the public URL feed links start with.
 * Every document is read back with libical, times through its VTIMEZONE.
 */

static PdnTestWorld *world;
static gint64 program_a, program_b;
static gint64 before, after, cancelled, old, other;
static gchar *cancelled_updated_at;

#define BEFORE_TITLE "Read-alouds, K-2; part 1"

/* ---- set-up ---- */

static gint64
create_program (const gchar *token, gint64 lead, const gchar *name)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"%s\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2031-32\"}",
      name, (long long) lead);

  return pdn_test_api_create (world, "/programs", token, body);
}

static gint64
create_session (const gchar *token, gint64 program_id, const gchar *title,
                const gchar *starts_at, const gchar *ends_at, const gchar *extra)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"%s\",\"starts_at\":\"%s\","
      "\"ends_at\":\"%s\",\"time_zone\":\"America/Chicago\"%s}",
      (long long) program_id, title, starts_at, ends_at, extra);

  return pdn_test_api_create (world, "/sessions", token, body);
}

/* Sessions on the Saturdays either side of the end of daylight-saving time
 * in 2031 (2 November): 9:00 is 14:00Z on 1 November, 15:00Z on the 8th. */
static void
create_sessions (void)
{
  g_autofree gchar *details = g_strdup_printf (
      ",\"topic\":\"Literacy\",\"location\":\"Room 12\",\"host_school_id\":%lld,"
      "\"facilitator_ids\":[%lld]",
      (long long) world->school_a, (long long) world->facilitator_person);

  program_a = create_program (world->coord_a, world->org_a, "Literacy, K-2; fall");
  program_b = create_program (world->coord_b, world->org_b, "Charter math");
  before = create_session (world->coord_a, program_a, BEFORE_TITLE, "2031-11-01T09:00:00-05:00",
                           "2031-11-01T11:00:00-05:00", details);
  after = create_session (world->coord_a, program_a, "Read-alouds, part 2",
                          "2031-11-08T09:00:00-06:00", "2031-11-08T11:00:00-06:00", "");
  cancelled = create_session (world->coord_a, program_a, "Writers' workshop",
                              "2031-11-15T09:00:00-06:00", "2031-11-15T11:00:00-06:00", "");
  old = create_session (world->coord_a, program_a, "Long ago", "2020-01-11T09:00:00-06:00",
                        "2020-01-11T11:00:00-06:00", "");
  other = create_session (world->coord_b, program_b, "Number talks",
                          "2031-11-02T09:00:00-06:00", "2031-11-02T10:00:00-06:00", "");
  /* Made well before it was cancelled, so that SEQUENCE shows the change. */
  pdn_test_exec (world->store,
                 "UPDATE sessions SET created_at = '2026-01-01T00:00:00Z' "
                 "WHERE title = 'Writers'' workshop'");
  {
    g_autoptr (PdnTestReply) reply
        = pdn_test_api_call (world, "PATCH", world->coord_a, "{\"state\":\"cancelled\"}",
                             "/sessions/%lld", (long long) cancelled);
    JsonObject *session = pdn_test_api_expect (reply, 200);

    cancelled_updated_at = g_strdup (json_object_get_string_member (session, "updated_at"));
  }
}

/* ---- helpers ---- */

static gchar *
uid (gint64 session_id, const gchar *domain)
{
  return g_strdup_printf ("session-%lld@%s", (long long) session_id, domain);
}

static gboolean
has_event (icalcomponent *root, gint64 session_id)
{
  g_autofree gchar *wanted = uid (session_id, "127.0.0.1");

  for (icalcomponent *event = icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), wanted) == 0)
      return TRUE;
  return FALSE;
}

static icalcomponent *
event_of (icalcomponent *root, gint64 session_id)
{
  g_autofree gchar *wanted = uid (session_id, "127.0.0.1");

  return pdn_test_ical_find_event (root, wanted);
}

/* GETs @path (under /api/v1) and parses the calendar it answers with. */
static icalcomponent *
fetch_calendar (const gchar *token, const gchar *path, gchar **text)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", token, NULL, "%s", path);

  if (reply->status != 200 && reply->node != NULL)
    {
      g_autofree gchar *problem = json_to_string (reply->node, FALSE);
      g_test_message ("unexpected reply: %s", problem);
    }
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Content-Type"), ==,
                   "text/calendar; charset=utf-8");
  g_assert_null (reply->node);
  return pdn_test_ical_parse (reply->body, text);
}

static const gchar *
name_of (icalcomponent *root)
{
  return icalproperty_get_name (icalcomponent_get_first_property (root, ICAL_NAME_PROPERTY));
}

/* The calendar of @path: before and after at 9:00 Chicago time with the
 * right UTC instants, and the cancelled session marked. */
static void
assert_workshops (icalcomponent *root)
{
  g_autofree gchar *before_uid = uid (before, "127.0.0.1");
  g_autofree gchar *after_uid = uid (after, "127.0.0.1");
  icalcomponent *event;

  pdn_test_ical_assert_times (root, before_uid, "America/Chicago", "2031-11-01T14:00:00Z",
                              "2031-11-01T16:00:00Z", 9);
  pdn_test_ical_assert_times (root, after_uid, "America/Chicago", "2031-11-08T15:00:00Z",
                              "2031-11-08T17:00:00Z", 9);
  event = event_of (root, cancelled);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Cancelled: Writers' workshop");
  g_assert_false (has_event (root, old));
}

/* ---- the public catalog ---- */

static void
test_catalog (void)
{
  g_autofree gchar *text = NULL;
  icalcomponent *root = fetch_calendar (NULL, "/sessions.ics", &text);
  icalcomponent *event;
  g_autofree gchar *code = pdn_test_query_text (
      world->store, "SELECT check_in_code FROM sessions WHERE id = ?", before);

  g_assert_cmpstr (name_of (root), ==, "Professional development sessions (pdnet)");
  g_assert_cmpint (icalproperty_get_method (
                       icalcomponent_get_first_property (root, ICAL_METHOD_PROPERTY)),
                   ==, ICAL_METHOD_PUBLISH);
  assert_workshops (root);
  g_assert_true (has_event (root, other));
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VEVENT_COMPONENT), ==, 4);
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VTIMEZONE_COMPONENT), ==, 1);

  event = event_of (root, before);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, BEFORE_TITLE);
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Room 12, Lincoln Elementary");
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Program: Literacy, K-2; fall\nTopic: Literacy\n"
                   "Facilitators: " PDN_TEST_FACILITATOR_NAME);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, 0);

  /* Cancelling changed the session: SEQUENCE and LAST-MODIFIED say so. */
  event = event_of (root, cancelled);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==,
                   pdn_test_ical_unix_time (cancelled_updated_at)
                       - pdn_test_ical_unix_time ("2026-01-01T00:00:00Z"));
  g_assert_cmpint (icaltime_as_timet (icalproperty_get_lastmodified (
                       icalcomponent_get_first_property (event, ICAL_LASTMODIFIED_PROPERTY))),
                   ==, pdn_test_ical_unix_time (cancelled_updated_at));

  /* Public: nothing but catalog fields. */
  g_assert_null (strstr (text, code));
  g_assert_null (strstr (text, PDN_TEST_FACILITATOR_EMAIL));
  icalcomponent_free (root);

  /* A token changes nothing. */
  root = fetch_calendar (world->teacher, "/sessions.ics", NULL);
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VEVENT_COMPONENT), ==, 4);
  icalcomponent_free (root);
}

static void
test_catalog_filter (void)
{
  g_autofree gchar *path = g_strdup_printf ("/sessions.ics?program_id=%lld", (long long) program_b);
  icalcomponent *root = fetch_calendar (NULL, path, NULL);
  const gchar *bad_ids[] = { "abc", "0", "-3", "1.5", "" };

  g_assert_cmpstr (name_of (root), ==, "Charter math (pdnet)");
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_true (has_event (root, other));
  icalcomponent_free (root);

  g_free (path);
  path = g_strdup_printf ("/sessions.ics?program_id=%lld", (long long) program_a);
  root = fetch_calendar (NULL, path, NULL);
  g_assert_cmpstr (name_of (root), ==, "Literacy, K-2; fall (pdnet)");
  assert_workshops (root);
  g_assert_false (has_event (root, other));
  icalcomponent_free (root);

  {
    g_autoptr (PdnTestReply) missing
        = pdn_test_api_call (world, "GET", NULL, NULL, "/sessions.ics?program_id=999999");
    g_autoptr (PdnTestReply) unknown
        = pdn_test_api_call (world, "GET", NULL, NULL, "/sessions.ics?from=2031-01-01");

    pdn_test_api_assert_problem (missing, 404, "not-found", "program_id");
    pdn_test_api_assert_problem (unknown, 400, "invalid-input", "from");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr (PdnTestReply) reply = pdn_test_api_call (
          world, "GET", NULL, NULL, "/sessions.ics?program_id=%s", bad_ids[i]);

      g_test_message ("program_id=%s", bad_ids[i]);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", "program_id");
    }
}

/* ---- a person's own ---- */

static void
assert_personal (icalcomponent *root)
{
  icalcomponent *event;

  g_assert_cmpstr (name_of (root), ==, "My professional development (pdnet)");
  assert_workshops (root);
  g_assert_cmpuint (pdn_test_ical_count_components (root, ICAL_VEVENT_COMPONENT), ==, 3);
  g_assert_false (has_event (root, other));
  event = event_of (root, before);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, BEFORE_TITLE);
  event = event_of (root, after);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Waitlisted: Read-alouds, part 2");
}

static void
test_my_calendar (void)
{
  icalcomponent *root = fetch_calendar (world->teacher, "/me/calendar.ics", NULL);
  const gchar *no_person[] = { world->admin, world->coord_a, world->lead_a };

  assert_personal (root);
  icalcomponent_free (root);
  pdn_test_api_assert_needs_token (world, "GET", "/me/calendar.ics", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (no_person); i++)
    {
      g_autoptr (PdnTestReply) reply
          = pdn_test_api_call (world, "GET", no_person[i], NULL, "/me/calendar.ics");
      pdn_test_api_assert_problem (reply, 422, "unprocessable", "person_id");
    }
}

/* ---- the secret feed ---- */

/* The feed's URL from GET or POST /me/calendar-feed, checked; returns its
 * path under /api/v1. */
static gchar *
feed_path (const gchar *method)
{
  g_autoptr (PdnTestReply) reply
      = pdn_test_api_call (world, method, world->teacher, NULL, "/me/calendar-feed");
  JsonObject *feed = pdn_test_api_expect (reply, 200);
  const gchar *url = json_object_get_string_member (feed, "url");
  g_autofree gchar *prefix = g_strconcat (world->daemon->url, PDN_API_PREFIX, NULL);

  g_assert_nonnull (json_object_get_string_member (feed, "created_at"));
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_true (g_str_has_prefix (url + strlen (prefix), "/calendar-feeds/"));
  g_assert_true (g_str_has_suffix (url, "/calendar.ics"));
  return g_strdup (url + strlen (prefix));
}

static void
assert_feed_gone (const gchar *path)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "%s", path);

  g_test_message ("feed %s", path);
  pdn_test_api_assert_problem (reply, 404, "not-found", NULL);
  g_assert_cmpstr (json_object_get_string_member (pdn_test_reply_object (reply), "detail"), ==,
                   "No calendar feed has this address. Ask pdnet for your current feed address.");
}

static void
test_feed (void)
{
  g_autofree gchar *first = feed_path ("GET");
  g_autofree gchar *again = feed_path ("GET");
  g_autofree gchar *rotated = NULL;
  g_autofree gchar *shown = NULL;
  icalcomponent *root;

  /* Made once, then the same. */
  g_assert_cmpstr (again, ==, first);
  root = fetch_calendar (NULL, first, NULL);
  assert_personal (root);
  icalcomponent_free (root);

  /* Rotating: the old URL is gone, the new one works and is shown. */
  rotated = feed_path ("POST");
  g_assert_cmpstr (rotated, !=, first);
  assert_feed_gone (first);
  root = fetch_calendar (NULL, rotated, NULL);
  assert_personal (root);
  icalcomponent_free (root);
  shown = feed_path ("GET");
  g_assert_cmpstr (shown, ==, rotated);

  /* The request log names the route, never the secret. */
  {
    g_autofree gchar *part = g_strndup (first + strlen ("/calendar-feeds/"), 20);
    g_autofree gchar *log = NULL;

    pdn_test_daemon_wait_for_log (world->daemon,
                                  "GET /api/v1/calendar-feeds/{secret}/calendar.ics 200");
    pdn_test_daemon_wait_for_log (world->daemon,
                                  "GET /api/v1/calendar-feeds/{secret}/calendar.ics 404");
    log = pdn_test_daemon_log (world->daemon);
    g_assert_null (strstr (log, part));
  }
}

/* Every wrong secret is the same 404, and only the teacher's person has a
 * feed to ask for. */
static void
test_feed_access (void)
{
  g_autofree gchar *path = feed_path ("GET");
  g_autofree gchar *secret = g_strndup (path + strlen ("/calendar-feeds/"),
                                        strlen (path) - strlen ("/calendar-feeds/")
                                            - strlen ("/calendar.ics"));
  g_autofree gchar *someone_else = g_strdup_printf (
      "/calendar-feeds/%lld.%s/calendar.ics", (long long) world->facilitator_person, secret);
  g_autofree gchar *own_id = g_strdup_printf ("%lld.", (long long) world->teacher_person);
  g_autofree gchar *truncated = g_strndup (path, strlen (path) - strlen ("A/calendar.ics"));
  g_autofree gchar *short_path = g_strconcat (truncated, "/calendar.ics", NULL);
  const gchar *no_person[] = { world->admin, world->coord_b };

  /* The secret is random through and through: no person id in it. */
  g_assert_null (strchr (secret, '.'));
  g_assert_false (g_str_has_prefix (secret, own_id));
  g_assert_cmpuint (strlen (secret), ==, 43);
  assert_feed_gone (someone_else);
  assert_feed_gone (short_path);
  assert_feed_gone ("/calendar-feeds/nonsense/calendar.ics");
  assert_feed_gone ("/calendar-feeds/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/calendar.ics");
  pdn_test_api_assert_needs_token (world, "GET", "/me/calendar-feed", NULL);
  pdn_test_api_assert_needs_token (world, "POST", "/me/calendar-feed", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (no_person); i++)
    {
      g_autoptr (PdnTestReply) get
          = pdn_test_api_call (world, "GET", no_person[i], NULL, "/me/calendar-feed");
      g_autoptr (PdnTestReply) post
          = pdn_test_api_call (world, "POST", no_person[i], NULL, "/me/calendar-feed");

      pdn_test_api_assert_problem (get, 422, "unprocessable", "person_id");
      pdn_test_api_assert_problem (post, 422, "unprocessable", "person_id");
    }
  /* The feed still works: nothing above changed it. */
  {
    icalcomponent *root = fetch_calendar (NULL, path, NULL);
    icalcomponent_free (root);
  }
}

/* A Host header that cannot go into a URL is refused, not echoed. */
static void
test_odd_host (void)
{
  g_autoptr (GSocketConnection) connection = pdn_test_connect (world->daemon->port);
  g_autoptr (PdnTestResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *problem;

  g_assert_true (pdn_test_send_string (connection, "GET /api/v1/sessions.ics HTTP/1.1\r\n"
                                                   "Host: evil\"example\r\n"
                                                   "Connection: close\r\n\r\n"));
  response = pdn_test_read_response (connection);
  g_assert_cmpuint (response->status, ==, 400);
  problem = pdn_test_response_json (response, &node);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "invalid-input");
  g_assert_null (strstr (response->body, "evil"));
  pdn_test_api_assert_serving (world);
}

/* ---- [pdnetd] public-url ---- */

static void
test_public_url (void)
{
  g_autoptr (PdnTestDaemon) daemon = pdn_test_daemon_new ();
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (daemon);
  g_autoptr (PdnSession) session = pdn_session_new ();
  g_autoptr (GError) error = NULL;
  gint64 person = pdn_test_add_person (store, "pat@example.org");
  g_autofree gchar *token = pdn_test_account_token (store, "Pat", PDN_LOGIN_ROLE_TEACHER, 0,
                                                    person);
  const gchar *public = "https://pd.example.org/pdnet/api/v1/calendar-feeds/";
  g_autofree gchar *expected_uid = NULL;
  g_autofree gchar *local = NULL;
  icalcomponent *root;

  session->program_id = pdn_test_add_program (store, pdn_test_add_organization (store, "p"),
                                              "2031-32");
  session->kind = g_strdup ("workshop");
  session->title = g_strdup ("Public");
  session->starts_at = g_strdup ("2031-11-01T14:00:00Z");
  session->ends_at = g_strdup ("2031-11-01T15:00:00Z");
  session->time_zone = g_strdup ("America/Chicago");
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  pdn_test_add_registration (store, session->id, person, "registered");
  pdn_test_daemon_run (daemon, "[pdnetd]\npublic-url=https://pd.example.org/pdnet/\n", NULL);
  expected_uid = uid (session->id, "pd.example.org");

  {
    g_autoptr (PdnTestReply) reply
        = pdn_test_call_json (daemon, "GET", "/api/v1/me/calendar-feed", token, NULL);
    const gchar *url = json_object_get_string_member (pdn_test_reply_object (reply), "url");

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (g_str_has_prefix (url, public));
    local = g_strconcat ("/api/v1/calendar-feeds/", url + strlen (public), NULL);
  }
  {
    g_autoptr (PdnTestReply) reply = pdn_test_call_json (daemon, "GET", local, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    root = pdn_test_ical_parse (reply->body, NULL);
    pdn_test_ical_assert_times (root, expected_uid, "America/Chicago", "2031-11-01T14:00:00Z",
                                "2031-11-01T15:00:00Z", 9);
    icalcomponent_free (root);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  create_sessions ();
  pdn_test_add_registration (world->store, before, world->teacher_person, "registered");
  pdn_test_add_registration (world->store, after, world->teacher_person, "waitlisted");
  pdn_test_add_registration (world->store, cancelled, world->teacher_person, "registered");
  pdn_test_add_registration (world->store, old, world->teacher_person, "registered");
  pdn_test_add_registration (world->store, other, world->facilitator_person, "registered");
  g_test_add_func ("/pdnet/api/calendar/catalog", test_catalog);
  g_test_add_func ("/pdnet/api/calendar/catalog-filter", test_catalog_filter);
  g_test_add_func ("/pdnet/api/calendar/my-calendar", test_my_calendar);
  g_test_add_func ("/pdnet/api/calendar/feed", test_feed);
  g_test_add_func ("/pdnet/api/calendar/feed-access", test_feed_access);
  g_test_add_func ("/pdnet/api/calendar/odd-host", test_odd_host);
  g_test_add_func ("/pdnet/api/calendar/public-url", test_public_url);
  status = g_test_run ();
  g_free (cancelled_updated_at);
  pdn_test_world_free (world);
  return status;
}
