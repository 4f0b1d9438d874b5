/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-test-burst.h"

/*
 * Durability: pdnetd is killed with SIGKILL in the middle of a burst of
 * registrations, then restarted, three times. Every registration that was
 * answered 201 must be in the store, and the store must open cleanly and
 * pass SQLite's integrity check.
 */

#define BURST 400
#define KILL_AFTER 60 /* 201s seen before the kill */

typedef struct
{
  PdnTestDaemon *daemon;
  guint created;
  gboolean killed;
} Round;

static void
on_reply (PdnTestBurstItem *item, gpointer user_data)
{
  Round *round = user_data;

  if (item->status == 201)
    round->created++;
  if (!round->killed && round->created >= KILL_AFTER)
    {
      round->killed = TRUE;
      pdn_test_daemon_kill (round->daemon);
    }
}

static gint64
created_id (PdnTestBurstItem *item)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (item->response, &error);

  g_assert_no_error (error);
  return json_object_get_int_member (json_node_get_object (node), "id");
}

static void
assert_store_sound (PdnTestDaemon *daemon)
{
  g_autoptr (PdnStore) store = pdn_test_daemon_open_store (daemon);
  g_autofree gchar *integrity = pdn_test_query_text (store, "PRAGMA integrity_check", 0);

  g_assert_cmpstr (integrity, ==, "ok");
}

/* One round: a burst on a new session, killed midway; returns the ids
 * answered 201. */
static GArray *
killed_burst (PdnTestWorld *world, gint64 session_id, gint64 *people)
{
  PdnTestBurstItem *items = g_new0 (PdnTestBurstItem, BURST);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Round round = { world->daemon, 0, FALSE };

  for (guint i = 0; i < BURST; i++)
    {
      items[i].method = "POST";
      items[i].path = g_strdup_printf ("/api/v1/sessions/%lld/registrations",
                                       (long long) session_id);
      items[i].token = world->coord_a;
      items[i].body = g_strdup_printf ("{\"person_id\":%lld}", (long long) people[i]);
    }
  pdn_test_burst_run (world->daemon->url, items, BURST, 32, on_reply, &round);
  g_assert_true (round.killed);
  for (guint i = 0; i < BURST; i++)
    if (items[i].status == 201)
      {
        gint64 id = created_id (&items[i]);
        g_array_append_val (ids, id);
      }
  g_test_message ("%u of %u registrations answered 201 before the kill", ids->len, BURST);
  g_assert_cmpuint (ids->len, <, BURST);
  pdn_test_burst_items_free (items, BURST);
  return ids;
}

static void
test_kill_during_burst (void)
{
  PdnTestWorld *world = pdn_test_world_new ();
  g_autofree gint64 *people = g_new (gint64, BURST);
  g_autofree gchar *program = g_strdup_printf (
      "{\"name\":\"Crash\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) world->org_a);
  gint64 program_id = pdn_test_api_create (world, "/programs", world->coord_a, program);

  for (guint i = 0; i < BURST; i++)
    {
      g_autofree gchar *email = g_strdup_printf ("crash.%u@district-a.example", i);
      people[i] = pdn_test_add_named_person (world->store, "Crash Test", email);
    }
  for (guint round = 0; round < 3; round++)
    {
      g_autofree gchar *body = g_strdup_printf (
          "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"Round %u\","
          "\"starts_at\":\"2099-01-01T15:00:00Z\",\"ends_at\":\"2099-01-01T17:00:00Z\","
          "\"time_zone\":\"America/Chicago\",\"capacity\":100}",
          (long long) program_id, round);
      gint64 session_id = pdn_test_api_create (world, "/sessions", world->coord_a, body);
      g_autoptr (GArray) ids = killed_burst (world, session_id, people);

      assert_store_sound (world->daemon);
      pdn_test_daemon_run (world->daemon, NULL, NULL);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                              "/registrations/%lld",
                                                              (long long) id);
          JsonObject *object = pdn_test_api_expect (reply, 200);
          g_assert_cmpint (json_object_get_int_member (object, "session_id"), ==, session_id);
        }
      /* Seats and the waitlist stay consistent across the crash. */
      g_assert_cmpint (pdn_test_query_int (world->store,
                                           "SELECT COUNT(*) FROM registrations WHERE session_id "
                                           "= ? AND status = 'registered'",
                                           session_id),
                       <=, 100);
    }
  pdn_test_world_free (world);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/durability/kill-during-burst", test_kill_during_burst);
  return g_test_run ();
}
