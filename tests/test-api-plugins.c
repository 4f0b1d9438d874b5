/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pdn-test-api.h"

/*
 * Plugins through HTTP, with the loader's test modules only (not the
 * in-tree program types): GET /plugins, unknown types refused, a
 * misbehaving hook answered 500 while the daemon keeps serving, a plugin's
 * own route, a disabled plugin, and a plugin removed between two starts
 * leaving its programs readable but not writable.
 */

static PdnTestWorld *world;
static gchar *plugin_dir; /* a copy of the test modules this test may remove */

static void
copy_module (const gchar *name)
{
  g_autofree gchar *file = g_strdup_printf ("test-plugin-%s.%s", name, G_MODULE_SUFFIX);
  g_autofree gchar *from = g_build_filename (g_getenv ("PDNET_TEST_PLUGIN_DIR"), file, NULL);
  g_autofree gchar *to = g_build_filename (plugin_dir, file, NULL);
  g_autofree gchar *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

static gint64
create_program (const gchar *type, const gchar *settings, guint status)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Plugin test\",\"type\":\"%s\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\",\"settings\":%s}",
      type, (long long) world->org_a, settings);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/programs");
  JsonObject *object = pdn_test_api_expect (reply, status);

  return status == 201 ? json_object_get_int_member (object, "id") : 0;
}

static gboolean
lists_plugin (const gchar *id)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "/plugins");
  JsonArray *items = json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "id"),
                     id))
      return TRUE;
  return FALSE;
}

static void
test_list (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "/plugins");
  JsonArray *items = json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");

  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_true (lists_plugin ("test-plain"));
  g_assert_true (lists_plugin ("test-misbehaving"));
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *plugin = json_array_get_object_element (items, i);
      JsonArray *kinds = json_object_get_array_member (plugin, "kinds");

      g_assert_cmpstr (json_array_get_string_element (kinds, 0), ==, "program-type");
      g_assert_nonnull (json_object_get_object_member (plugin, "program_type"));
    }
}

static void
test_unknown_type (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"X\",\"type\":\"no-such-type\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2026-27\"}",
      (long long) world->org_a);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/programs");
  JsonObject *problem = pdn_test_api_expect (reply, 422);

  pdn_test_assert_problem (problem, 422, "unprocessable", "type");
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "test-plain"));
}

static void
test_misbehaving_hook (void)
{
  create_program ("test-misbehaving", "{\"fail_silently\":true}", 500);
  pdn_test_api_assert_serving (world);
  create_program ("test-misbehaving", "{}", 201);
}

static void
test_plugin_route (void)
{
  gint64 plain = create_program ("test-plain", "{}", 201);
  gint64 other = create_program ("test-misbehaving", "{}", 201);
  g_autoptr (PdnTestReply) notes = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                      "/programs/%lld/notes", (long long) plain);
  g_autoptr (PdnTestReply) teacher = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/programs/%lld/notes",
                                                        (long long) plain);
  g_autoptr (PdnTestReply) wrong_type = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                           "/programs/%lld/notes",
                                                           (long long) other);
  g_autoptr (PdnTestReply) anonymous = pdn_test_api_call (world, "GET", NULL, NULL,
                                                          "/programs/%lld/notes",
                                                          (long long) plain);
  JsonObject *object = pdn_test_api_expect (notes, 200);

  g_assert_cmpint (json_object_get_int_member (object, "notes"), ==, 0);
  g_assert_true (json_object_get_boolean_member (object, "may_edit"));
  g_assert_false (json_object_get_boolean_member (pdn_test_api_expect (teacher, 200),
                                                  "may_edit"));
  pdn_test_api_assert_problem (wrong_type, 404, "not-found", NULL);
  pdn_test_api_assert_problem (anonymous, 401, "unauthorized", NULL);
}

/* Acceptance: disabled, then removed; the programs stay readable. */
static void
test_disabled_and_removed (void)
{
  gint64 plain = create_program ("test-plain", "{}", 201);
  gint64 misbehaving = create_program ("test-misbehaving", "{}", 201);
  g_autofree gchar *file = g_strdup_printf ("test-plugin-plain.%s", G_MODULE_SUFFIX);
  g_autofree gchar *module = g_build_filename (plugin_dir, file, NULL);

  pdn_test_daemon_restart (world->daemon, "[plugins]\ndisabled=test-misbehaving\n");
  g_assert_false (lists_plugin ("test-misbehaving"));
  g_assert_true (lists_plugin ("test-plain"));
  {
    g_autoptr (PdnTestReply) read = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                       "/programs/%lld",
                                                       (long long) misbehaving);
    g_autoptr (PdnTestReply) write = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                        "{\"name\":\"Renamed\"}",
                                                        "/programs/%lld",
                                                        (long long) misbehaving);
    JsonObject *problem;

    pdn_test_api_expect (read, 200);
    problem = pdn_test_api_expect (write, 409);
    g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"),
                              "test-misbehaving"));
  }
  g_assert_cmpint (g_unlink (module), ==, 0);
  pdn_test_daemon_restart (world->daemon, NULL);
  g_assert_false (lists_plugin ("test-plain"));
  {
    g_autoptr (PdnTestReply) read = pdn_test_api_call (world, "GET", world->coord_a, NULL,
                                                       "/programs/%lld", (long long) plain);
    g_autofree gchar *session = g_strdup_printf (
        "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"T\","
        "\"starts_at\":\"2099-01-01T15:00:00Z\",\"ends_at\":\"2099-01-01T16:00:00Z\","
        "\"time_zone\":\"America/Chicago\"}",
        (long long) plain);
    g_autoptr (PdnTestReply) write = pdn_test_api_call (world, "POST", world->coord_a, session,
                                                        "/sessions");

    pdn_test_api_expect (read, 200);
    pdn_test_api_assert_problem (write, 409, "conflict", NULL);
  }
  pdn_test_api_assert_serving (world);
  copy_module ("plain");
  pdn_test_daemon_restart (world->daemon, NULL);
}

/* The transcript asks each program's type for the credit. */
static void
test_transcript (void)
{
  gint64 plain = create_program ("test-plain", "{}", 201);
  g_autofree gchar *session = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"workshop\",\"title\":\"T\","
      "\"starts_at\":\"2026-01-10T15:00:00Z\",\"ends_at\":\"2026-01-10T17:00:00Z\","
      "\"time_zone\":\"America/Chicago\"}",
      (long long) plain);
  gint64 session_id = pdn_test_api_create (world, "/sessions", world->coord_a, session);
  g_autofree gchar *roster = g_strdup_printf (
      "[{\"person_id\":%lld,\"status\":\"present\"}]", (long long) world->teacher_person);
  g_autoptr (PdnTestReply) attended = pdn_test_api_call (world, "PUT", world->admin, roster,
                                                         "/sessions/%lld/attendance",
                                                         (long long) session_id);
  g_autoptr (PdnTestReply) mine = NULL;
  g_autoptr (PdnTestReply) theirs = NULL;
  JsonArray *programs;
  gboolean found = FALSE;

  pdn_test_api_expect (attended, 200);
  mine = pdn_test_api_call (world, "GET", world->teacher, NULL, "/me/transcript");
  programs = json_object_get_array_member (pdn_test_api_expect (mine, 200), "programs");
  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *entry = json_array_get_object_element (programs, i);
      if (json_object_get_int_member (entry, "program_id") != plain)
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (entry, "completed"));
      g_assert_cmpfloat (json_object_get_double_member (entry, "hours"), ==, 2.0);
    }
  g_assert_true (found);
  theirs = pdn_test_api_call (world, "GET", world->coord_b, NULL, "/people/%lld/transcript",
                              (long long) world->teacher_person);
  pdn_test_api_assert_problem (theirs, 403, "forbidden", NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  plugin_dir = g_dir_make_tmp ("pdnet-plugins-XXXXXX", &error);
  g_assert_no_error (error);
  copy_module ("plain");
  copy_module ("misbehaving");
  /* Only these, not the in-tree program types. */
  g_setenv ("PDNET_PLUGIN_DIR", plugin_dir, TRUE);
  world = pdn_test_world_new ();
  g_test_add_func ("/pdnet/api/plugins/list", test_list);
  g_test_add_func ("/pdnet/api/plugins/unknown-type", test_unknown_type);
  g_test_add_func ("/pdnet/api/plugins/misbehaving-hook", test_misbehaving_hook);
  g_test_add_func ("/pdnet/api/plugins/route", test_plugin_route);
  g_test_add_func ("/pdnet/api/plugins/transcript", test_transcript);
  g_test_add_func ("/pdnet/api/plugins/disabled-and-removed", test_disabled_and_removed);
  status = g_test_run ();
  pdn_test_world_free (world);
  {
    g_autoptr (GDir) dir = g_dir_open (plugin_dir, 0, NULL);
    const gchar *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree gchar *path = g_build_filename (plugin_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (plugin_dir);
  }
  g_free (plugin_dir);
  return status;
}
