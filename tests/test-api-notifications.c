/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-test-notify.h"

/*
 * Notifications against the real pdnetd (outbox directory, a pass every
 * second): PATCHing a session's time or cancelling it queues a message to
 * each person signed up, in the same request; the sender writes them to
 * DATA_DIR/outbox; reminders are queued once for sessions starting within
 * a day; GET /me/notifications lists a person's own, newest first, in the
 * request's language.
 */

static PdnTestWorld *world;
static gint64 program;
static gint64 bea, cai;
static gchar *bea_token;

static const gchar config[] = "[pdnetd]\n"
                              "[notifications]\n"
                              "poll-interval=1\n"
                              "from=pd@district-a.example\n"
                              "from-name=District A PD\n";

static gint64
create_session (const gchar *starts_at, const gchar *ends_at)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Read-alouds\","
      "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"time_zone\":\"America/Chicago\","
      "\"location\":\"Room 12\"}",
      (long long) program, starts_at, ends_at);

  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

static void
patch_session (gint64 session, const gchar *body)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PATCH", world->coord_a, body,
                                                      "/sessions/%lld", (long long) session);

  pdn_test_api_expect (reply, 200);
}

/* The id of @person's only notification of @kind about @session. */
static gint64
notification_id (gint64 person, const gchar *kind, gint64 session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "SELECT id, (SELECT COUNT(*) FROM notifications WHERE person_id = ? AND kind = ? "
      "AND session_id = ?) FROM notifications WHERE person_id = ? AND kind = ? "
      "AND session_id = ?",
      &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      pdn_statement_bind_int64 (stmt, 1 + 3 * i, person);
      pdn_statement_bind_text (stmt, 2 + 3 * i, kind);
      pdn_statement_bind_int64 (stmt, 3 + 3 * i, session);
    }
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  g_assert_cmpint (pdn_statement_column_int64 (stmt, 1), ==, 1);
  return pdn_statement_column_int64 (stmt, 0);
}

static gint64
count_for_session (gint64 person, const gchar *kind, gint64 session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      world->store,
      "SELECT COUNT(*) FROM notifications WHERE person_id = ? AND kind = ? AND session_id = ?",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, person);
  pdn_statement_bind_text (stmt, 2, kind);
  pdn_statement_bind_int64 (stmt, 3, session);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

/* Polls (up to ~20 s) for DATA_DIR/outbox/<id>.eml and returns it. */
static gchar *
wait_for_message (gint64 id)
{
  g_autofree gchar *name = g_strdup_printf ("%lld.eml", (long long) id);
  g_autofree gchar *path = g_build_filename (world->daemon->data_dir, "outbox", name, NULL);
  gchar *text = NULL;

  for (guint i = 0; i < 2000; i++)
    {
      if (g_file_get_contents (path, &text, NULL, NULL))
        return text;
      g_usleep (10000);
    }
  g_error ("%s never appeared", path);
}

/* Polls (up to ~20 s) until @person has a reminder for @session. */
static gint64
wait_for_reminder (gint64 person, gint64 session)
{
  for (guint i = 0; i < 2000; i++)
    {
      if (count_for_session (person, "session-reminder", session) > 0)
        return notification_id (person, "session-reminder", session);
      g_usleep (10000);
    }
  g_error ("no reminder for person %lld", (long long) person);
}

static void
assert_in (const gchar *text, const gchar *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

/* ---- tests ---- */

static void
test_change_and_cancel (void)
{
  gint64 session = create_session ("2026-10-15T15:00:00Z", "2026-10-15T17:00:00Z");
  gint64 ana = world->teacher_person;
  gint64 changed_ana, changed_bea, cancelled_ana, cancelled_bea;
  g_autofree gchar *ana_message = NULL;
  g_autofree gchar *bea_message = NULL;
  g_autofree gchar *cancel_message = NULL;

  pdn_test_add_registration (world->store, session, ana, "registered");
  pdn_test_add_registration (world->store, session, bea, "waitlisted");
  pdn_test_add_registration (world->store, session, cai, "cancelled");

  /* Capacity and title are not news. */
  patch_session (session, "{\"capacity\":12,\"title\":\"Read-alouds in K-2\"}");
  g_assert_cmpint (count_for_session (ana, "session-changed", session), ==, 0);

  /* A new time: queued in the request itself, for registered and
   * waitlisted people only. */
  patch_session (session, "{\"starts_at\":\"2026-10-15T10:30:00-05:00\","
                          "\"ends_at\":\"2026-10-15T12:30:00-05:00\"}");
  changed_ana = notification_id (ana, "session-changed", session);
  changed_bea = notification_id (bea, "session-changed", session);
  g_assert_cmpint (count_for_session (cai, "session-changed", session), ==, 0);

  ana_message = wait_for_message (changed_ana);
  assert_in (ana_message, "\r\nTo: \"Ana Teacher\" <ana@district-a.example>\r\n");
  assert_in (ana_message, "\r\nFrom: \"District A PD\" <pd@district-a.example>\r\n");
  assert_in (ana_message, "\r\nSubject: Changed: Read-alouds in K-2\r\n");
  assert_in (ana_message, "Previously: Thursday, October 15, 2026, 10:00 AM CDT");
  bea_message = wait_for_message (changed_bea);
  assert_in (bea_message, "\r\nTo: \"Bea Waitlisted\" <bea@district-a.example>\r\n");

  patch_session (session, "{\"state\":\"cancelled\"}");
  cancelled_ana = notification_id (ana, "session-cancelled", session);
  cancelled_bea = notification_id (bea, "session-cancelled", session);
  g_assert_cmpint (count_for_session (cai, "session-cancelled", session), ==, 0);
  cancel_message = wait_for_message (cancelled_ana);
  assert_in (cancel_message, "\r\nSubject: Cancelled: Read-alouds in K-2\r\n");
  g_free (wait_for_message (cancelled_bea));

  /* Edits to a cancelled session tell no one. */
  patch_session (session, "{\"location\":\"Gym\"}");
  g_assert_cmpint (count_for_session (ana, "session-changed", session), ==, 1);
  g_assert_cmpint (count_for_session (ana, "session-cancelled", session), ==, 1);
}

/* A session starting in two hours: its registered people get one
 * reminder each, however many passes run. */
static void
test_reminders_once (void)
{
  g_autofree gchar *starts_at = pdn_test_notify_hours_from_now (2);
  g_autofree gchar *ends_at = pdn_test_notify_hours_from_now (3);
  g_autofree gchar *later = pdn_test_notify_hours_from_now (30);
  g_autofree gchar *later_end = pdn_test_notify_hours_from_now (31);
  gint64 soon = create_session (starts_at, ends_at);
  gint64 far = create_session (later, later_end);
  gint64 ana = world->teacher_person;
  gint64 first, second;
  g_autofree gchar *message = NULL;

  pdn_test_add_registration (world->store, far, ana, "registered");
  pdn_test_add_registration (world->store, soon, ana, "registered");
  pdn_test_add_registration (world->store, soon, cai, "waitlisted");
  first = wait_for_reminder (ana, soon);
  message = wait_for_message (first);
  assert_in (message, "\r\nSubject: Reminder: Read-alouds\r\n");

  /* Bea registers later: the pass that reminds her ran after Ana's. */
  pdn_test_add_registration (world->store, soon, bea, "registered");
  second = wait_for_reminder (bea, soon);
  g_free (wait_for_message (second));
  g_assert_cmpint (count_for_session (ana, "session-reminder", soon), ==, 1);
  g_assert_cmpint (count_for_session (cai, "session-reminder", soon), ==, 0);
  g_assert_cmpint (count_for_session (ana, "session-reminder", far), ==, 0);
}

static JsonArray *
items_of (PdnTestReply *reply)
{
  return json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");
}

static void
assert_item_shape (JsonObject *item)
{
  const gchar *members[] = { "id",         "kind",   "session_id", "subject",
                             "body",       "status", "sent_at",    "created_at" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (item, members[i]));
  g_assert_cmpuint (json_object_get_size (item), ==, G_N_ELEMENTS (members));
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "subject")), >, 0);
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "body")), >, 0);
}

/* Ana's list after the tests above: newest first, delivered, English by
 * default; in Spanish the same items (words as far as translated). */
static void
test_list (void)
{
  g_autoptr (PdnTestReply) english
      = pdn_test_call (world->daemon, "GET", "/api/v1/me/notifications", world->teacher, NULL,
                       NULL, "en");
  g_autoptr (PdnTestReply) spanish
      = pdn_test_call (world->daemon, "GET", "/api/v1/me/notifications", world->teacher, NULL,
                       NULL, "es");
  JsonArray *items = items_of (english);
  JsonArray *items_es = items_of (spanish);
  gint64 ana = world->teacher_person;
  gint64 expected = pdn_test_query_int (
      world->store, "SELECT COUNT(*) FROM notifications WHERE person_id = ?", ana);
  gint64 previous = G_MAXINT64;

  g_assert_cmpstr (english->language, ==, "en");
  g_assert_cmpstr (spanish->language, ==, "es");
  g_assert_cmpstr (soup_message_headers_get_one (spanish->headers, "Vary"), ==,
                   "Accept-Language");
  g_assert_cmpint (json_array_get_length (items), ==, expected);
  g_assert_cmpint (expected, ==, 3);
  g_assert_cmpuint (json_array_get_length (items_es), ==, json_array_get_length (items));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *item_es = json_array_get_object_element (items_es, i);
      gint64 id = json_object_get_int_member (item, "id");

      assert_item_shape (item);
      assert_item_shape (item_es);
      g_assert_cmpint (id, <, previous);
      previous = id;
      g_assert_cmpint (json_object_get_int_member (item_es, "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "sent");
      g_assert_nonnull (json_object_get_string_member (item, "sent_at"));
      g_assert_cmpstr (json_object_get_string_member (item_es, "kind"), ==,
                       json_object_get_string_member (item, "kind"));
      assert_in (json_object_get_string_member (item_es, "subject"), "Read-alouds");
    }
  {
    JsonObject *newest = json_array_get_object_element (items, 0);
    JsonObject *oldest = json_array_get_object_element (items, 2);

    g_assert_cmpstr (json_object_get_string_member (newest, "kind"), ==, "session-reminder");
    g_assert_cmpstr (json_object_get_string_member (newest, "subject"), ==,
                     "Reminder: Read-alouds");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (newest, "body"),
                                     "Hello Ana Teacher,\n\n"));
    g_assert_cmpstr (json_object_get_string_member (oldest, "kind"), ==, "session-changed");
    assert_in (json_object_get_string_member (oldest, "body"),
               "When: Thursday, October 15, 2026, 10:30 AM CDT – 12:30 PM CDT\n"
               "  Previously: Thursday, October 15, 2026, 10:00 AM CDT – 12:00 PM CDT\n");
  }
}

/* limit and cursor walk from newest to oldest. */
static void
test_paging (void)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gchar *cursor = NULL;

  for (guint page = 0; page < 10; page++)
    {
      g_autoptr (PdnTestReply) reply = NULL;
      JsonObject *object;
      JsonNode *next;

      reply = cursor == NULL
                  ? pdn_test_api_call (world, "GET", world->teacher, NULL,
                                       "/me/notifications?limit=2")
                  : pdn_test_api_call (world, "GET", world->teacher, NULL,
                                       "/me/notifications?limit=2&cursor=%s", cursor);
      object = pdn_test_api_expect (reply, 200);
      {
        g_autoptr (GArray) ids = pdn_test_page_ids (object);
        g_array_append_vals (seen, ids->data, ids->len);
      }
      next = json_object_get_member (object, "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (JSON_NODE_HOLDS_NULL (next))
        break;
      cursor = g_strdup (json_node_get_string (next));
    }
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpint (g_array_index (seen, gint64, 0), >, g_array_index (seen, gint64, 1));
  g_assert_cmpint (g_array_index (seen, gint64, 1), >, g_array_index (seen, gint64, 2));
}

/* Everyone sees their own only; an account without a person has none. */
static void
test_access (void)
{
  g_autoptr (PdnTestReply) mine
      = pdn_test_api_call (world, "GET", bea_token, NULL, "/me/notifications");
  g_autoptr (PdnTestReply) admin
      = pdn_test_api_call (world, "GET", world->admin, NULL, "/me/notifications");
  g_autoptr (PdnTestReply) unknown
      = pdn_test_api_call (world, "GET", world->teacher, NULL, "/me/notifications?person_id=1");
  g_autoptr (PdnTestReply) bad_cursor
      = pdn_test_api_call (world, "GET", world->teacher, NULL, "/me/notifications?cursor=x");
  g_autoptr (PdnTestReply) bad_limit
      = pdn_test_api_call (world, "GET", world->teacher, NULL, "/me/notifications?limit=0");
  JsonArray *items = items_of (mine);
  gint64 expected = pdn_test_query_int (
      world->store, "SELECT COUNT(*) FROM notifications WHERE person_id = ?", bea);

  g_assert_cmpint (json_array_get_length (items), ==, expected);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 owner = pdn_test_query_int (
          world->store, "SELECT person_id FROM notifications WHERE id = ?",
          json_object_get_int_member (item, "id"));

      g_assert_cmpint (owner, ==, bea);
      assert_in (json_object_get_string_member (item, "body"), "Hello Bea Waitlisted,");
    }
  pdn_test_api_assert_needs_token (world, "GET", "/me/notifications", NULL);
  pdn_test_api_assert_problem (admin, 422, "unprocessable", "person_id");
  pdn_test_api_assert_problem (unknown, 400, "invalid-input", "person_id");
  pdn_test_api_assert_problem (bad_cursor, 400, "invalid-input", "cursor");
  pdn_test_api_assert_problem (bad_limit, 400, "invalid-input", "limit");
}

/* A pending message shows as pending. */
static void
test_pending_status (void)
{
  g_autoptr (PdnTestReply) reply = NULL;
  g_autofree gchar *later = pdn_test_notify_hours_from_now (5);
  g_autofree gchar *sql = NULL;
  JsonObject *newest;
  gint64 id;

  /* Written due in five hours, so the running sender leaves it alone. */
  sql = g_strdup_printf ("INSERT INTO notifications (person_id, kind, created_at, "
                         "next_attempt_at, attempts) VALUES (%lld, 'session-changed', "
                         "'2026-01-01T00:00:00Z', '%s', 2)",
                         (long long) cai, later);
  pdn_test_exec (world->store, sql);
  id = pdn_store_last_insert_id (world->store);
  {
    g_autofree gchar *token = pdn_test_account_token (world->store, "Cai", PDN_LOGIN_ROLE_TEACHER,
                                                      0, cai);
    reply = pdn_test_api_call (world, "GET", token, NULL, "/me/notifications");
  }
  newest = json_array_get_object_element (items_of (reply), 0);
  g_assert_cmpint (json_object_get_int_member (newest, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (newest, "status"), ==, "pending");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (newest, "sent_at")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (newest, "session_id")));
}

/* A bad [notifications] value stops pdnetd before it serves, naming it. */
static void
test_bad_settings_refused (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *path = pdn_test_write_file (
      dir, "pdnetd.conf", "[notifications]\nsmtp-url=http://mail.district-a.example\n");
  g_autofree gchar *data_dir = pdn_test_dir_file (dir, "data");
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *argv[] = { g_getenv ("PDNET_DAEMON"), "--config", path, "--data-dir", data_dir,
                          "--listen", "127.0.0.1:0", NULL };

  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), !=, 0);
  assert_in (err, "[notifications] smtp-url must start with smtp:// or smtps://");
  g_assert_null (strstr (out, "listening on"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new_with_config (config);
  bea = pdn_test_add_named_person (world->store, "Bea Waitlisted", "bea@district-a.example");
  cai = pdn_test_add_named_person (world->store, "Cai Cancelled", "cai@district-a.example");
  bea_token = pdn_test_account_token (world->store, "Bea", PDN_LOGIN_ROLE_TEACHER, 0, bea);
  {
    g_autofree gchar *body = g_strdup_printf (
        "{\"name\":\"Notifications test\",\"type\":\"workshop-series\","
        "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\"}",
        (long long) world->org_a);
    program = pdn_test_api_create (world, "/programs", world->coord_a, body);
  }
  /* In order: the list tests count what the first two left. */
  g_test_add_func ("/pdnet/api/notifications/change-and-cancel", test_change_and_cancel);
  g_test_add_func ("/pdnet/api/notifications/reminders-once", test_reminders_once);
  g_test_add_func ("/pdnet/api/notifications/list", test_list);
  g_test_add_func ("/pdnet/api/notifications/paging", test_paging);
  g_test_add_func ("/pdnet/api/notifications/access", test_access);
  g_test_add_func ("/pdnet/api/notifications/pending-status", test_pending_status);
  g_test_add_func ("/pdnet/api/notifications/bad-settings-refused", test_bad_settings_refused);
  status = g_test_run ();
  g_assert_cmpint (pdn_test_daemon_stop (world->daemon, NULL), ==, 0);
  g_free (bea_token);
  pdn_test_world_free (world);
  return status;
}
