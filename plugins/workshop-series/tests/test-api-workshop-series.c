/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"

/*
 * The workshop-series program type in the real pdnetd, loaded from the
 * build tree (PDNET_PLUGIN_DIR): its description in GET /plugins, its
 * settings and kinds refused with their fields, registration for a whole
 * series through the core, and completion by N sessions shown on
 * GET /me/transcript.
 */

static PdnTestWorld *world;

/* An RFC 3339 UTC time @days from now at @hour:00. */
static gchar *
days_from_now (gint days, gint hour)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) day = g_date_time_add_days (now, days);
  g_autofree gchar *date = g_date_time_format (day, "%Y-%m-%d");

  return g_strdup_printf ("%sT%02d:00:00Z", date, hour);
}

static gint64
create_program (const gchar *settings)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Saturday Workshops\",\"type\":\"workshop-series\","
      "\"lead_organization_id\":%lld,\"school_year\":\"2026-27\",\"settings\":%s}",
      (long long) world->org_a, settings);

  return pdn_test_api_create (world, "/programs", world->coord_a, body);
}

static gint64
create_series (gint64 program_id, const gchar *title)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"%s\",\"topic\":\"Checking for understanding\","
      "\"term\":\"Fall 2026\",\"kind\":\"workshop-series\"}",
      (long long) program_id, title);

  return pdn_test_api_create (world, "/series", world->coord_a, body);
}

static gchar *
session_body (gint64 program_id, gint64 series_id, const gchar *kind, gint days)
{
  g_autofree gchar *starts = days_from_now (days, 14);
  g_autofree gchar *ends = days_from_now (days, 17);

  return g_strdup_printf (
      "{\"program_id\":%lld,\"series_id\":%lld,\"kind\":\"%s\",\"title\":\"Saturday %d\","
      "\"topic\":\"Cold call\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
      "\"time_zone\":\"America/New_York\"}",
      (long long) program_id, (long long) series_id, kind, days, starts, ends);
}

static gint64
create_session (gint64 program_id, gint64 series_id, gint days)
{
  g_autofree gchar *body = session_body (program_id, series_id, "workshop", days);

  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

static void
record (gint64 session_id, const gchar *entry)
{
  g_autofree gchar *body = g_strdup_printf ("[{\"person_id\":%lld,%s}]",
                                            (long long) world->teacher_person, entry);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "PUT", world->coord_a, body,
                                                      "/sessions/%lld/attendance",
                                                      (long long) session_id);

  pdn_test_api_expect (reply, 200);
}

/* The teacher's transcript entry for @program_id (a new reference). */
static JsonObject *
my_entry (gint64 program_id)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                      "/me/transcript");
  JsonArray *programs = json_object_get_array_member (pdn_test_api_expect (reply, 200),
                                                      "programs");

  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *entry = json_array_get_object_element (programs, i);
      if (json_object_get_int_member (entry, "program_id") == program_id)
        return json_object_ref (entry);
    }
  g_assert_not_reached ();
}

static void
test_listed (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", NULL, NULL, "/plugins");
  JsonArray *items = json_object_get_array_member (pdn_test_api_expect (reply, 200), "items");
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *type, *properties;

      if (!g_str_equal (json_object_get_string_member (item, "id"), "workshop-series"))
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Workshop series");
      type = json_object_get_object_member (item, "program_type");
      properties = json_object_get_object_member (
          json_object_get_object_member (type, "settings_schema"), "properties");
      g_assert_true (json_object_has_member (properties, "sessions_to_complete"));
      g_assert_cmpstr (json_array_get_string_element (
                           json_object_get_array_member (type, "session_kinds"), 0),
                       ==, "workshop");
    }
  g_assert_true (found);
}

static void
test_settings_refused (void)
{
  const struct
  {
    const gchar *settings;
    const gchar *field;
  } cases[] = {
    { "{\"sessions_to_complete\":0}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":\"3\"}", "settings.sessions_to_complete" },
    { "{\"credit_hours\":-4}", "settings.credit_hours" },
    { "{\"weekday\":\"someday\"}", "settings.weekday" },
    { "{\"colour\":\"red\"}", "settings.colour" },
  };
  gint64 program = create_program ("{\"sessions_to_complete\":3}");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *body = g_strdup_printf (
          "{\"name\":\"Refused\",\"type\":\"workshop-series\",\"lead_organization_id\":%lld,"
          "\"school_year\":\"2026-27\",\"settings\":%s}",
          (long long) world->org_a, cases[i].settings);
      g_autofree gchar *patch = g_strdup_printf ("{\"settings\":%s}", cases[i].settings);
      g_autoptr (PdnTestReply) created = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                            "/programs");
      g_autoptr (PdnTestReply) changed = pdn_test_api_call (
          world, "PATCH", world->coord_a, patch, "/programs/%lld", (long long) program);

      pdn_test_api_assert_problem (created, 400, "invalid-input", cases[i].field);
      pdn_test_api_assert_problem (changed, 400, "invalid-input", cases[i].field);
    }
}

static void
test_kinds (void)
{
  gint64 program = create_program ("{}");
  gint64 series = create_series (program, "Everybody Writes");
  g_autofree gchar *course = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"A course\",\"term\":\"Fall 2026\",\"kind\":\"course\"}",
      (long long) program);
  g_autofree gchar *wrong_session = session_body (program, series, "course-session", 10);
  g_autoptr (PdnTestReply) series_reply = pdn_test_api_call (world, "POST", world->coord_a,
                                                             course, "/series");
  g_autoptr (PdnTestReply) session_reply = pdn_test_api_call (world, "POST", world->coord_a,
                                                              wrong_session, "/sessions");
  g_autoptr (PdnTestReply) rekind = pdn_test_api_call (world, "PATCH", world->coord_a,
                                                       "{\"kind\":\"cohort\"}", "/series/%lld",
                                                       (long long) series);

  pdn_test_api_assert_problem (series_reply, 422, "unprocessable", "kind");
  pdn_test_api_assert_problem (session_reply, 422, "unprocessable", "kind");
  pdn_test_api_assert_problem (rekind, 422, "unprocessable", "kind");
  create_session (program, series, 10);
}

/* Acceptance: completion by N. Three Saturdays, N = 2: one attended is not
 * a completed series, two (one partial) are; the transcript shows the
 * hours only then. Registration for the whole series is the core's. */
static void
test_completion_by_n (void)
{
  gint64 program = create_program ("{\"sessions_to_complete\":2,\"credit_hours\":4,"
                                   "\"credit_hours_per_session\":1.5}");
  gint64 series = create_series (program, "Checks for Understanding");
  gint64 sessions[3];
  g_autoptr (PdnTestReply) registered = NULL;
  JsonObject *entry;

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    sessions[i] = create_session (program, series, 5 + 7 * (gint) i);
  registered = pdn_test_api_call (world, "POST", world->teacher, "{}",
                                  "/series/%lld/registrations", (long long) series);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        pdn_test_api_expect (registered, 201), "results")),
                    ==, 3);

  record (sessions[0], "\"status\":\"present\"");
  entry = my_entry (program);
  g_assert_false (json_object_get_boolean_member (entry, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (entry, "hours"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "detail"), ==,
                   "“Checks for Understanding”: attended 1 of 3 sessions; 2 needed to "
                   "complete it.");
  json_object_unref (entry);

  record (sessions[1], "\"status\":\"partial\",\"minutes\":120");
  record (sessions[2], "\"status\":\"absent\"");
  entry = my_entry (program);
  g_assert_true (json_object_get_boolean_member (entry, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (entry, "hours"), ==, 4 + 2 * 1.5);
  g_assert_cmpstr (json_object_get_string_member (entry, "detail"), ==,
                   "“Checks for Understanding”: attended 2 of 3 sessions, completed.");
  json_object_unref (entry);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  g_test_add_func ("/pdnet/plugins/workshop-series/api/listed", test_listed);
  g_test_add_func ("/pdnet/plugins/workshop-series/api/settings-refused",
                   test_settings_refused);
  g_test_add_func ("/pdnet/plugins/workshop-series/api/kinds", test_kinds);
  g_test_add_func ("/pdnet/plugins/workshop-series/api/completion-by-n", test_completion_by_n);
  status = g_test_run ();
  pdn_test_world_free (world);
  return status;
}
