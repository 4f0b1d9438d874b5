/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-api-programs.h"
#include "pdn-api-series.h"
#include "pdn-api-sessions.h"
#include "pdn-context-private.h"
#include "pdn-plugin-migrations.h"
#include "pdn-plugin-private.h"
#include "pdn-plugin-runner.h"
#include "pdn-program.h"
#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"
#include "pdn-whole-school-plugin.h"
#include "pdn-ws-coaching-call.h"
#include "pdn-ws-credit.h"
#include "pdn-ws-enrollment.h"
#include "pdn-ws-fidelity.h"
#include "pdn-ws-kinds.h"
#include "pdn-ws-settings.h"

/*
 * The whole-school plugin's rules, on a PdnContext over a test store:
 * settings, enrollment input and requirements, coaching-call logs,
 * registration, fidelity and credit. The hooks are called through the
 * core's runner functions with the JSON the core passes, so a hook that
 * fails without an error fails here as it would fail a request. Expected
 * figures are worked out by hand in the comments, not taken from the
 * code's own output.
 */

#define SETTINGS                                                                                 \
  "{\"model\":\"Northstar\",\"core_elements\":[\"one-to-one-mentoring\","                        \
  "\"project-based-learning\",\"individual-pathways\"],\"min_devices_per_student\":1,"           \
  "\"min_bandwidth_mbps_per_student\":1.5,\"min_leaders\":1,\"min_teachers\":2,"                  \
  "\"coaching_calls_per_month\":1,\"coaching_months\":[10,11,12,1,2,3],"                          \
  "\"graduate_credits\":2}"

/* ---- helpers ---- */

static JsonObject *
object_from (const gchar *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static PdnWsSettings *
settings_from (const gchar *json)
{
  g_autoptr (JsonObject) object = object_from (json);
  g_autoptr (GError) error = NULL;
  PdnWsSettings *settings = pdn_ws_settings_parse (object, &error);

  g_assert_no_error (error);
  return settings;
}

/* Asserts @json is refused as settings with @field named. */
static void
assert_bad_settings (const gchar *json, const gchar *field)
{
  g_autoptr (JsonObject) object = object_from (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsSettings) settings = pdn_ws_settings_parse (object, &error);

  g_test_message ("settings %s", json);
  g_assert_null (settings);
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, field);
}

/* A store with the plugin's tables, a school year 2024-25, organization
 * O with schools A and B, and a whole-school program P of O. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
  PdnContext *context;
  JsonObject *program;
  PdnWsSettings *settings;
  gint64 program_id, org, school_a, school_b;
  gint64 leader_a, teacher_a1, teacher_a2, leader_b, teacher_b, outsider, mentor;
} Fixture;

static void
exec (Fixture *f, const gchar *sql)
{
  pdn_test_exec (f->store, sql);
}

static gint64
add_person (Fixture *f, const gchar *name, const gchar *role, gint64 school_id)
{
  g_autofree gchar *email = g_strdup_printf ("%s@example.org", name);
  gint64 id = pdn_test_add_named_person (f->store, name, email);
  g_autofree gchar *sql = g_strdup_printf ("UPDATE people SET role = '%s' WHERE id = %lld", role,
                                           (long long) id);

  exec (f, sql);
  if (school_id > 0)
    {
      g_autofree gchar *affiliation = g_strdup_printf (
          "INSERT INTO affiliations (person_id, school_id) VALUES (%lld, %lld)", (long long) id,
          (long long) school_id);
      exec (f, affiliation);
    }
  return id;
}

static gint64
add_program (Fixture *f, const gchar *settings)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      f->store,
      "INSERT INTO programs (name, type, lead_organization_id, school_year, settings, created_at)"
      " VALUES ('Northstar', 'whole-school', ?, '2024-25', ?, '2024-06-01T00:00:00Z')",
      &error);

  g_assert_no_error (error);
  pdn_statement_bind_int64 (stmt, 1, f->org);
  pdn_statement_bind_text (stmt, 2, settings);
  g_assert_true (pdn_statement_run (stmt, &error));
  return pdn_store_last_insert_id (f->store);
}

/* The program as the core passes it to hooks and routes. */
static JsonObject *
program_json (Fixture *f, gint64 program_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnProgram) program = pdn_program_load (f->store, program_id, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = pdn_api_program_json (program);
  return json_object_ref (json_node_get_object (node));
}

/* As the loader does: setup() through the runner, then the migrations. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->store = pdn_test_store_new (&f->dir);
  f->plugin = g_object_new (PDN_TYPE_WHOLE_SCHOOL_PLUGIN, NULL);
  f->context = pdn_context_new ("whole-school", f->store, NULL);
  pdn_plugin_set_context (f->plugin, f->context);
  g_assert_true (pdn_plugin_runner_setup (f->plugin, f->context, &error));
  g_assert_true (pdn_plugin_migrations_apply (f->store, f->context, &error));
  g_assert_no_error (error);
  exec (f, "INSERT INTO school_years (label, starts_on, ends_on)"
           " VALUES ('2024-25', '2024-07-01', '2025-06-30')");
  f->org = pdn_test_add_organization (f->store, "riverton");
  f->school_a = pdn_test_add_school (f->store, f->org, "Garfield Park");
  f->school_b = pdn_test_add_school (f->store, f->org, "Westbrook");
  f->leader_a = add_person (f, "Lena Leader", "school-leader", f->school_a);
  f->teacher_a1 = add_person (f, "Tom Teacher", "teacher", f->school_a);
  f->teacher_a2 = add_person (f, "Tia Teacher", "teacher", f->school_a);
  f->leader_b = add_person (f, "Bo Leader", "school-leader", f->school_b);
  f->teacher_b = add_person (f, "Bea Teacher", "teacher", f->school_b);
  f->outsider = add_person (f, "Otto Outsider", "teacher", f->school_b);
  f->mentor = add_person (f, "Mia Mentor", "coach", 0);
  f->program_id = add_program (f, SETTINGS);
  f->program = program_json (f, f->program_id);
  f->settings = settings_from (SETTINGS);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  pdn_ws_settings_free (f->settings);
  json_object_unref (f->program);
  g_object_unref (f->plugin);
  g_object_unref (f->context);
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static gchar *
team_json (gint64 leader, gint64 teacher1, gint64 teacher2)
{
  return g_strdup_printf ("[{\"person_id\":%lld},{\"person_id\":%lld,\"grade_level\":\"3\"},"
                          "{\"person_id\":%lld,\"role\":\"teacher\",\"grade_level\":\"4\"}]",
                          (long long) leader, (long long) teacher1, (long long) teacher2);
}

static gchar *
enrollment_body (gint64 school_id, const gchar *readiness, const gchar *commitments,
                 const gchar *team)
{
  return g_strdup_printf ("{\"school_id\":%lld,\"readiness\":%s,\"commitments\":%s,"
                          "\"team\":%s}",
                          (long long) school_id, readiness, commitments, team);
}

#define READY "{\"devices_per_student\":1,\"bandwidth_mbps_per_student\":2}"
#define ALL_ELEMENTS                                                                             \
  "[\"one-to-one-mentoring\",\"project-based-learning\",\"individual-pathways\"]"

static PdnWsEnrollment *
read_enrollment (Fixture *f, const gchar *body, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (body, NULL);

  g_assert_nonnull (node);
  return pdn_ws_enrollment_from_json (node, f->settings, 0, error);
}

/* Enrolls @school_id with @team, every requirement met. */
static void
enroll (Fixture *f, gint64 school_id, const gchar *team, const gchar *starts_on)
{
  g_autofree gchar *body = enrollment_body (school_id, READY, ALL_ELEMENTS, team);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = read_enrollment (f, body, &error);

  g_assert_no_error (error);
  enrollment->starts_on = g_strdup (starts_on);
  g_assert_true (pdn_ws_enrollment_check (enrollment, f->context, f->program, f->settings,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (pdn_ws_enrollment_insert (enrollment, f->context, 0, &error));
  g_assert_no_error (error);
}

static void
enroll_both (Fixture *f)
{
  g_autofree gchar *team_a = team_json (f->leader_a, f->teacher_a1, f->teacher_a2);
  g_autofree gchar *team_b = g_strdup_printf (
      "[{\"person_id\":%lld},{\"person_id\":%lld},{\"person_id\":%lld}]", (long long) f->leader_b,
      (long long) f->teacher_b, (long long) f->outsider);

  enroll (f, f->school_a, team_a, "2024-10-01");
  enroll (f, f->school_b, team_b, "2024-10-01");
  /* Otto stays off B's team: only its first three people are on it. */
  exec (f, "DELETE FROM whole_school_team_members WHERE person_id IN"
           " (SELECT id FROM people WHERE name = 'Otto Outsider')");
}

/* A session of @kind on @date (UTC 14:00 to 16:00 + @hours), at @host. */
static gint64
add_session (Fixture *f, const gchar *kind, const gchar *date, gint hours, gint64 host,
             const gchar *state)
{
  g_autoptr (PdnSession) session = pdn_session_new ();
  g_autoptr (GError) error = NULL;

  session->program_id = f->program_id;
  session->kind = g_strdup (kind);
  session->title = g_strdup (kind);
  session->starts_at = g_strdup_printf ("%sT14:00:00Z", date);
  session->ends_at = g_strdup_printf ("%sT%02d:00:00Z", date, 14 + hours);
  session->time_zone = g_strdup ("UTC");
  session->host_school_id = host;
  if (state != NULL)
    g_assert_true (pdn_session_state_from_string (state, &session->state));
  g_assert_true (pdn_session_insert (session, f->store, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
attend (Fixture *f, gint64 session_id, gint64 person_id, const gchar *status, gint minutes)
{
  g_autofree gchar *minutes_sql = minutes >= 0 ? g_strdup_printf ("%d", minutes) : g_strdup ("NULL");
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO attendance (session_id, person_id, status, minutes, source, recorded_at)"
      " VALUES (%lld, %lld, '%s', %s, 'roster', '2024-08-01T00:00:00Z')",
      (long long) session_id, (long long) person_id, status, minutes_sql);

  exec (f, sql);
}

/* ---- settings ---- */

static void
test_settings_defaults (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from ("{\"core_elements\":[\"mentoring\"]}");

  g_assert_cmpuint (settings->core_elements->len, ==, 1);
  g_assert_null (settings->model);
  g_assert_cmpfloat (settings->min_devices_per_student, ==, 0);
  g_assert_cmpint (settings->min_leaders, ==, 1);
  g_assert_cmpint (settings->min_teachers, ==, 1);
  g_assert_cmpfloat (settings->coaching_calls_per_month, ==, 1);
  g_assert_cmpuint (pdn_ws_settings_n_coaching_months (settings), ==, 12);
  g_assert_cmpint (settings->training_days_required, ==, -1);
  g_assert_cmpfloat (settings->graduate_credits, ==, 0);
}

static void
test_settings_full (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from (SETTINGS);

  g_assert_cmpstr (settings->model, ==, "Northstar");
  g_assert_true (pdn_ws_settings_has_element (settings, "individual-pathways"));
  g_assert_false (pdn_ws_settings_has_element (settings, "platform-time"));
  g_assert_cmpfloat (settings->min_bandwidth_mbps_per_student, ==, 1.5);
  g_assert_cmpint (settings->min_teachers, ==, 2);
  g_assert_cmpuint (pdn_ws_settings_n_coaching_months (settings), ==, 6);
  g_assert_true (settings->coaching_months[1]);
  g_assert_false (settings->coaching_months[7]);
  g_assert_cmpfloat (settings->graduate_credits, ==, 2);
}

static void
test_settings_invalid (void)
{
  assert_bad_settings ("{}", "settings.core_elements");
  assert_bad_settings ("{\"core_elements\":[]}", "settings.core_elements");
  assert_bad_settings ("{\"core_elements\":\"mentoring\"}", "settings.core_elements");
  assert_bad_settings ("{\"core_elements\":[\"mentoring\",\"Project Based\"]}",
                       "settings.core_elements[1]");
  assert_bad_settings ("{\"core_elements\":[\"mentoring\",3]}", "settings.core_elements[1]");
  assert_bad_settings ("{\"core_elements\":[\"mentoring\",\"mentoring\"]}",
                       "settings.core_elements[1]");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"min_devices_per_student\":-1}",
                       "settings.min_devices_per_student");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"min_devices_per_student\":\"1\"}",
                       "settings.min_devices_per_student");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"min_bandwidth_mbps_per_student\":5000}",
                       "settings.min_bandwidth_mbps_per_student");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"min_leaders\":1.5}", "settings.min_leaders");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"min_teachers\":-2}", "settings.min_teachers");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"coaching_calls_per_month\":0}",
                       "settings.coaching_calls_per_month");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"coaching_months\":[]}",
                       "settings.coaching_months");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"coaching_months\":[9,13]}",
                       "settings.coaching_months[1]");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"coaching_months\":[9,9]}",
                       "settings.coaching_months[1]");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"training_days_required\":0}",
                       "settings.training_days_required");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"graduate_credits\":61}",
                       "settings.graduate_credits");
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"model\":7}", "settings.model");
  /* The demo's old settings: unknown members are refused, not ignored. */
  assert_bad_settings ("{\"core_elements\":[\"a\"],\"requirements\":[\"1:1 devices\"]}",
                       "settings.requirements");
}

/* Every property the published schema lists is one the parser takes, and
 * the other way round (the parser refuses unknown ones). */
static void
test_settings_schema_matches (void)
{
  g_autoptr (JsonNode) schema = pdn_ws_settings_schema ();
  JsonObject *properties = json_object_get_object_member (json_node_get_object (schema),
                                                          "properties");
  g_autoptr (GList) names = json_object_get_members (properties);
  g_autoptr (JsonNode) description = pdn_ws_kinds_describe ();
  JsonObject *described = json_node_get_object (description);

  g_assert_cmpuint (g_list_length (names), ==, 10);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const gchar *name = l->data;
      JsonObject *property = json_object_get_object_member (properties, name);
      const gchar *type = json_object_get_string_member (property, "type");
      g_autofree gchar *value = NULL;
      g_autofree gchar *json = NULL;
      g_autoptr (PdnWsSettings) parsed = NULL;

      if (g_str_equal (name, "core_elements"))
        continue;
      if (g_str_equal (type, "array"))
        value = g_strdup (g_str_equal (json_object_get_string_member (
                                           json_object_get_object_member (property, "items"),
                                           "type"),
                                       "integer")
                              ? "[1]"
                              : "[\"a\"]");
      else
        value = g_strdup (g_str_equal (type, "string") ? "\"x\"" : "1");
      json = g_strdup_printf ("{\"core_elements\":[\"a\"],\"%s\":%s}", name, value);
      g_test_message ("%s", json);
      parsed = settings_from (json);
      g_assert_nonnull (parsed);
    }
  g_assert_cmpstr (json_object_get_string_member (described, "id"), ==, "whole-school");
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (described, "session_kinds")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (described, "registration_fields"), 0),
                   ==, "team");
}

/* ---- series and session kinds ---- */

static gint64
add_series (Fixture *f, const gchar *kind)
{
  g_autoptr (PdnSeries) series = pdn_series_new ();
  g_autoptr (GError) error = NULL;

  series->program_id = f->program_id;
  series->title = g_strdup (kind);
  series->kind = g_strdup (kind);
  g_assert_true (pdn_series_insert (series, f->store, &error));
  g_assert_no_error (error);
  return series->id;
}

/* The series and session JSON the core passes, for one kind. */
static JsonObject *
session_for (Fixture *f, const gchar *kind, gint64 host, gint64 series_id)
{
  g_autoptr (PdnSession) session = pdn_session_new ();
  g_autoptr (JsonNode) node = NULL;

  session->program_id = f->program_id;
  session->series_id = series_id;
  session->kind = g_strdup (kind);
  session->title = g_strdup (kind);
  session->starts_at = g_strdup ("2024-10-09T20:00:00Z");
  session->ends_at = g_strdup ("2024-10-09T21:00:00Z");
  session->time_zone = g_strdup ("UTC");
  session->host_school_id = host;
  node = pdn_api_session_json (session, FALSE);
  return json_object_ref (json_node_get_object (node));
}

static void
test_kinds (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const gchar *kind;
    gboolean series_ok;
  } series_cases[] = {
    { "cohort", TRUE }, { "coaching", TRUE }, { "workshop-series", FALSE }, { "Cohort", FALSE },
  };
  gint64 cohort = add_series (f, "cohort");
  gint64 coaching = add_series (f, "coaching");
  const struct
  {
    const gchar *kind;
    gint64 host, series;
    const gchar *field; /* NULL: accepted */
  } session_cases[] = {
    { "summer-training", 0, cohort, NULL },
    { "regional-convening", f->school_a, 0, NULL },
    { "coaching-call", f->school_a, coaching, NULL },
    { "coaching-call", f->school_a, 0, NULL },
    { "coaching-call", 0, coaching, "host_school_id" },
    { "coaching-call", f->school_a, cohort, "series_id" },
    { "summer-training", 0, coaching, "series_id" },
    { "convening", 0, cohort, "kind" },
    { "workshop", 0, 0, "kind" },
    /* A series that does not exist is the core's to refuse. */
    { "summer-training", 0, 99999, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (series_cases); i++)
    {
      g_autoptr (PdnSeries) series = pdn_series_new ();
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok;

      series->program_id = f->program_id;
      series->title = g_strdup ("Fall");
      series->kind = g_strdup (series_cases[i].kind);
      node = pdn_api_series_json (series);
      ok = pdn_plugin_runner_validate_series (f->plugin, f->program, json_node_get_object (node),
                                              &error);
      g_test_message ("series %s", series_cases[i].kind);
      g_assert_cmpint (ok, ==, series_cases[i].series_ok);
      if (!ok)
        pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "kind");
    }
  for (guint i = 0; i < G_N_ELEMENTS (session_cases); i++)
    {
      g_autoptr (JsonObject) session = session_for (f, session_cases[i].kind,
                                                    session_cases[i].host,
                                                    session_cases[i].series);
      g_autoptr (GError) error = NULL;
      gboolean ok = pdn_plugin_runner_validate_session (f->plugin, f->program, session, &error);

      g_test_message ("session %s in %lld", session_cases[i].kind,
                      (long long) session_cases[i].series);
      g_assert_cmpint (ok, ==, session_cases[i].field == NULL);
      if (!ok)
        pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, session_cases[i].field);
    }
}

/* The settings hook, as the core runs it on program create and update. */
static void
test_settings_hook (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) good = object_from (SETTINGS);
  g_autoptr (JsonObject) bad = object_from ("{\"core_elements\":[\"a\"],\"hours\":12}");
  g_autoptr (JsonObject) description = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_plugin_runner_validate_settings (f->plugin, good, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_plugin_runner_validate_settings (f->plugin, bad, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "settings.hours");
  description = pdn_plugin_runner_describe_program_type (f->plugin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (description, "id"), ==, "whole-school");
}

/* ---- enrollment input ---- */

static void
test_enrollment_input (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const gchar *body;
    const gchar *field;
  } cases[] = {
    { "[]", "body" },
    { "{\"readiness\":" READY ",\"commitments\":[],\"team\":[{\"person_id\":1}]}", "school_id" },
    { "{\"school_id\":0,\"readiness\":" READY ",\"commitments\":[],\"team\":[]}", "school_id" },
    { "{\"school_id\":1,\"commitments\":[],\"team\":[{\"person_id\":1}]}", "readiness" },
    { "{\"school_id\":1,\"readiness\":{\"devices_per_student\":\"1\","
      "\"bandwidth_mbps_per_student\":2},\"commitments\":[],\"team\":[{\"person_id\":1}]}",
      "readiness.devices_per_student" },
    { "{\"school_id\":1,\"readiness\":{\"devices_per_student\":1},\"commitments\":[],"
      "\"team\":[{\"person_id\":1}]}",
      "readiness.bandwidth_mbps_per_student" },
    { "{\"school_id\":1,\"readiness\":{\"devices_per_student\":1,"
      "\"bandwidth_mbps_per_student\":2,\"wifi\":true},\"commitments\":[],"
      "\"team\":[{\"person_id\":1}]}",
      "readiness.wifi" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"team\":[{\"person_id\":1}]}", "commitments" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[\"platform-time\"],"
      "\"team\":[{\"person_id\":1}]}",
      "commitments[0]" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[\"individual-pathways\","
      "\"individual-pathways\"],\"team\":[{\"person_id\":1}]}",
      "commitments[1]" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[]}", "team" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[{}]}",
      "team[0].person_id" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],"
      "\"team\":[{\"person_id\":1},{\"person_id\":2,\"role\":\"principal\"}]}",
      "team[1].role" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],"
      "\"team\":[{\"person_id\":1},{\"person_id\":1}]}",
      "team[1].person_id" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],"
      "\"team\":[{\"person_id\":1,\"grade_level\":\"a very long grade level name\"}]}",
      "team[0].grade_level" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[{\"person_id\":1}],"
      "\"starts_on\":\"2024-02-30\"}",
      "starts_on" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[{\"person_id\":1}],"
      "\"adopting\":true}",
      "adopting" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnWsEnrollment) enrollment = NULL;

      g_test_message ("%s", cases[i].body);
      enrollment = read_enrollment (f, cases[i].body, &error);
      g_assert_null (enrollment);
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }
}

/* ---- requirements ---- */

static PdnWsEnrollment *
check_body (Fixture *f, const gchar *body, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = read_enrollment (f, body, &local_error);

  g_assert_no_error (local_error);
  if (!pdn_ws_enrollment_check (enrollment, f->context, f->program, f->settings, error))
    return NULL;
  return g_steal_pointer (&enrollment);
}

/* Two unmet requirements (too few devices, a missing commitment): one
 * error lists both, with both fields. */
static void
test_requirements_two_unmet (Fixture *f, gconstpointer data)
{
  g_autofree gchar *team = team_json (f->leader_a, f->teacher_a1, f->teacher_a2);
  g_autofree gchar *body = enrollment_body (
      f->school_a, "{\"devices_per_student\":0.5,\"bandwidth_mbps_per_student\":2}",
      "[\"one-to-one-mentoring\",\"individual-pathways\"]", team);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = check_body (f, body, &error);

  g_assert_null (enrollment);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_cmpstr (pdn_error_get_field (error), ==,
                   "readiness.devices_per_student,commitments");
  g_assert_nonnull (strstr (error->message, "0.5 devices per student"));
  g_assert_nonnull (strstr (error->message, "at least 1\n"));
  g_assert_nonnull (strstr (error->message, "“project-based-learning”"));
  g_assert_null (strstr (error->message, "“individual-pathways”"));
}

/* Everything wrong with a team at once. */
static void
test_requirements_team (Fixture *f, gconstpointer data)
{
  g_autofree gchar *team = g_strdup_printf (
      "[{\"person_id\":%lld},{\"person_id\":%lld},{\"person_id\":999}]",
      (long long) f->teacher_a1, (long long) f->teacher_b);
  g_autofree gchar *body = enrollment_body (
      f->school_a, "{\"devices_per_student\":1,\"bandwidth_mbps_per_student\":1}", ALL_ELEMENTS,
      team);
  g_autofree gchar *with_date = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = NULL;

  with_date = g_strdup_printf ("%.*s,\"starts_on\":\"2025-07-01\"}", (int) strlen (body) - 1,
                               body);
  enrollment = check_body (f, with_date, &error);
  g_assert_null (enrollment);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  /* Starts after the year; 1 Mbps < 1.5; Bea works at Westbrook; no
   * person 999; no leader; one teacher (Bea is at another school but is
   * still counted as a teacher: two), so only the leader count fails. */
  g_assert_cmpstr (pdn_error_get_field (error), ==,
                   "starts_on,readiness.bandwidth_mbps_per_student,team[1].person_id,"
                   "team[2].person_id,team");
  g_assert_nonnull (strstr (error->message, "2025-07-01 is outside"));
  g_assert_nonnull (strstr (error->message, "Bea Teacher does not work at Garfield Park"));
  g_assert_nonnull (strstr (error->message, "No person has id 999"));
  g_assert_nonnull (strstr (error->message, "School leaders on the team: 0"));
  g_assert_null (strstr (error->message, "Teachers on the team"));
}

static void
test_requirements_missing_school (Fixture *f, gconstpointer data)
{
  g_autofree gchar *team = team_json (f->leader_a, f->teacher_a1, f->teacher_a2);
  g_autofree gchar *body = enrollment_body (4242, READY, ALL_ELEMENTS, team);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = check_body (f, body, &error);

  g_assert_null (enrollment);
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "school_id");
}

/* A person is on one team per program. */
static void
test_requirements_one_team (Fixture *f, gconstpointer data)
{
  g_autofree gchar *team = g_strdup_printf (
      "[{\"person_id\":%lld},{\"person_id\":%lld},{\"person_id\":%lld}]",
      (long long) f->leader_b, (long long) f->teacher_b, (long long) f->teacher_a1);
  g_autofree gchar *body = enrollment_body (f->school_b, READY, ALL_ELEMENTS, team);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = NULL;

  /* Tom (teacher_a1) also works at Westbrook, but is on Garfield Park's team. */
  exec (f, "INSERT INTO affiliations (person_id, school_id)"
           " SELECT id, (SELECT id FROM schools WHERE name = 'Westbrook') FROM people"
           " WHERE name = 'Tom Teacher'");
  enroll_both (f);
  exec (f, "DELETE FROM whole_school_enrollments WHERE school_id ="
           " (SELECT id FROM schools WHERE name = 'Westbrook')");
  enrollment = check_body (f, body, &error);
  g_assert_null (enrollment);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "team[2].person_id");
  g_assert_nonnull (strstr (error->message, "already on the team of Garfield Park"));
}

/* Saved, read back, listed and replaced. */
static void
test_enrollment_store (Fixture *f, gconstpointer data)
{
  g_autofree gchar *team = team_json (f->leader_a, f->teacher_a1, f->teacher_a2);
  g_autofree gchar *body = enrollment_body (f->school_a, READY, ALL_ELEMENTS, team);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsEnrollment) enrollment = check_body (f, body, &error);
  g_autoptr (PdnWsEnrollment) loaded = NULL;
  g_autoptr (PdnWsEnrollment) replacement = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonNode) json = NULL;
  PdnWsTeamMember *member;
  gboolean exists = FALSE;

  g_assert_no_error (error);
  /* Today is after 2024-25, so it starts with the year. */
  g_assert_cmpstr (enrollment->starts_on, ==, "2024-07-01");
  g_assert_true (pdn_ws_enrollment_insert (enrollment, f->context, 7, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_ws_enrollment_exists (f->context, f->program_id, f->school_a, &exists,
                                           &error));
  g_assert_true (exists);
  loaded = pdn_ws_enrollment_load (f->context, f->program_id, f->school_a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->school_name, ==, "Garfield Park");
  g_assert_cmpuint (loaded->commitments->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (loaded->commitments, 2), ==, "individual-pathways");
  g_assert_cmpuint (loaded->team->len, ==, 3);
  member = g_ptr_array_index (loaded->team, 0);
  /* A school leader leads by default; the others were given or defaulted. */
  g_assert_cmpstr (member->role, ==, "leader");
  g_assert_cmpstr (member->name, ==, "Lena Leader");
  g_assert_null (member->grade_level);
  member = g_ptr_array_index (loaded->team, 1);
  g_assert_cmpstr (member->role, ==, "teacher");
  g_assert_cmpstr (member->grade_level, ==, "3");
  json = pdn_ws_enrollment_to_json (loaded);
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (json_node_get_object (json), "readiness"),
                         "bandwidth_mbps_per_student"),
                     ==, 2);
  g_assert_false (pdn_ws_enrollment_exists (f->context, f->program_id, f->school_b, &exists,
                                            &error)
                  && exists);
  g_assert_null (pdn_ws_enrollment_load (f->context, f->program_id, f->school_b, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, "school_id");

  /* PUT: a smaller team, the same creation time. */
  replacement = check_body (f, body, &error);
  g_assert_no_error (error);
  g_ptr_array_remove_index (replacement->team, 2);
  g_assert_true (pdn_ws_enrollment_replace (replacement, f->context, &error));
  g_assert_no_error (error);
  list = pdn_ws_enrollment_list (f->context, f->program_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((PdnWsEnrollment *) g_ptr_array_index (list, 0))->team->len, ==, 2);
  g_assert_cmpstr (((PdnWsEnrollment *) g_ptr_array_index (list, 0))->created_at, ==,
                   loaded->created_at);
  g_assert_cmpint (pdn_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM whole_school_team_members", 0),
                   ==, 2);
}

/* ---- registration ---- */

static JsonObject *
session_json (Fixture *f, const gchar *kind, gint64 host)
{
  return session_for (f, kind, host, 0);
}

static gboolean
check_registration (Fixture *f, JsonObject *session, gint64 person_id, GError **error)
{
  return pdn_plugin_runner_check_registration (f->plugin, f->program, session, person_id, error);
}

static void
test_registration_check (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) training = session_json (f, "summer-training", 0);
  g_autoptr (JsonObject) call_a = session_json (f, "coaching-call", f->school_a);
  g_autoptr (GError) error = NULL;

  enroll_both (f);
  g_assert_true (check_registration (f, training, f->teacher_a1,
                                            &error));
  g_assert_true (check_registration (f, training, f->teacher_b,
                                            &error));
  g_assert_true (check_registration (f, call_a, f->teacher_a2,
                                            &error));
  g_assert_no_error (error);
  /* Otto works at an enrolled school but is not on its team. */
  g_assert_false (check_registration (f, training, f->outsider,
                                             &error));
  g_assert_nonnull (strstr (error->message, "Otto Outsider is not on the team"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "person_id");
  g_assert_false (check_registration (f, training, f->mentor,
                                             &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "person_id");
  /* A coaching call with Garfield Park is not for Westbrook's team. */
  g_assert_false (check_registration (f, call_a, f->teacher_b,
                                             &error));
  g_assert_nonnull (strstr (error->message, "with Garfield Park"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "person_id");
}

static GArray *
expand (Fixture *f, JsonObject *session, gint64 person_id, const gchar *request,
        GError **error)
{
  g_autoptr (JsonObject) body = request != NULL ? object_from (request) : NULL;
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = pdn_plugin_runner_expand_registration (f->plugin, f->program, session,
                                                       person_id, body, people, sessions, error);

  g_assert_cmpuint (sessions->len, ==, 0);
  return ok ? g_steal_pointer (&people) : NULL;
}

static void
test_registration_expand (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) training = session_json (f, "summer-training", 0);
  g_autoptr (JsonObject) call_b = session_json (f, "coaching-call", f->school_b);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) team = NULL;
  g_autoptr (GArray) alone = NULL;
  g_autoptr (GArray) none = NULL;

  enroll_both (f);
  team = expand (f, training, f->leader_a, "{\"team\":true}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 2);
  g_assert_cmpint (g_array_index (team, gint64, 0), ==, f->teacher_a1);
  g_assert_cmpint (g_array_index (team, gint64, 1), ==, f->teacher_a2);
  alone = expand (f, training, f->leader_a, "{\"team\":false}", &error);
  g_assert_cmpuint (alone->len, ==, 0);
  none = expand (f, training, f->teacher_a1, NULL, &error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_no_error (error);
  /* Only a leader on a team registers it. */
  g_assert_null (expand (f, training, f->teacher_a1, "{\"team\":true}", &error));
  g_assert_nonnull (strstr (error->message, "Tom Teacher is not one"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "team");
  g_assert_null (expand (f, training, f->mentor, "{\"team\":true}", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "team");
  g_assert_null (expand (f, call_b, f->leader_a, "{\"team\":true}", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "team");
  g_assert_null (expand (f, training, f->leader_a, "{\"team\":\"yes\"}", &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "team");
}

/* ---- coaching calls ---- */

static PdnWsCoachingCall *
read_call (Fixture *f, const gchar *body, gint64 default_mentor, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (body, NULL);

  g_assert_nonnull (node);
  return pdn_ws_coaching_call_from_json (node, f->settings, default_mentor, error);
}

static void
test_call_input (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const gchar *body;
    const gchar *field;
  } cases[] = {
    { "{\"date\":\"2024-10-02\",\"duration_minutes\":60}", "school_id" },
    { "{\"school_id\":1,\"duration_minutes\":60}", "date" },
    { "{\"school_id\":1,\"date\":\"10/02/2024\",\"duration_minutes\":60}", "date" },
    { "{\"school_id\":1,\"session_id\":-4,\"duration_minutes\":60}", "session_id" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\"}", "duration_minutes" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":0}", "duration_minutes" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":601}", "duration_minutes" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60,\"notes\":4}", "notes" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60,"
      "\"commitments_kept\":[\"platform-time\"]}",
      "commitments_kept[0]" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60,"
      "\"commitments_kept\":\"individual-pathways\"}",
      "commitments_kept" },
    { "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60,\"mood\":\"good\"}",
      "mood" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnWsCoachingCall) no_mentor = NULL;
  g_autoptr (PdnWsCoachingCall) defaulted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnWsCoachingCall) call = NULL;

      g_test_message ("%s", cases[i].body);
      call = read_call (f, cases[i].body, f->mentor, &error);
      g_assert_null (call);
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }
  /* The mentor is the caller's own person unless named; without one, required. */
  no_mentor = read_call (f, "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60}",
                         0, &error);
  g_assert_null (no_mentor);
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "mentor_person_id");
  defaulted = read_call (f, "{\"school_id\":1,\"date\":\"2024-10-02\",\"duration_minutes\":60}",
                         f->mentor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (defaulted->mentor_person_id, ==, f->mentor);
  g_assert_false (defaulted->commitments_reviewed);
}

static gboolean
log_call (Fixture *f, const gchar *body, GError **error)
{
  g_autoptr (PdnWsCoachingCall) call = read_call (f, body, f->mentor, error);

  return call != NULL && pdn_ws_coaching_call_check (call, f->context, f->program, error)
         && pdn_ws_coaching_call_insert (call, f->context, 0, error);
}

static void
test_call_check (Fixture *f, gconstpointer data)
{
  gint64 call_a = add_session (f, "coaching-call", "2024-10-09", 1, f->school_a, NULL);
  gint64 training = add_session (f, "summer-training", "2024-08-05", 7, 0, NULL);
  gint64 cancelled = add_session (f, "coaching-call", "2024-11-13", 1, f->school_a, "cancelled");
  g_autofree gchar *body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) calls = NULL;
  PdnWsCoachingCall *call;

  enroll_both (f);
  /* Outside the school year, and the mentor does not exist. */
  body = g_strdup_printf ("{\"school_id\":%lld,\"date\":\"2025-07-02\",\"duration_minutes\":30,"
                          "\"mentor_person_id\":999}",
                          (long long) f->school_a);
  g_assert_false (log_call (f, body, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "date,mentor_person_id");
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "date,mentor_person_id");
  /* Not enrolled; the session is a training; a cancelled call; another school's call. */
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":4242,\"session_id\":%lld,\"duration_minutes\":30}",
                          (long long) training);
  g_assert_false (log_call (f, body, &error));
  g_assert_nonnull (strstr (error->message, "No school has id 4242"));
  g_assert_nonnull (strstr (error->message, "is a summer-training session, not a coaching call"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "school_id,session_id");
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":%lld,\"session_id\":%lld,\"duration_minutes\":30}",
                          (long long) f->school_a, (long long) cancelled);
  g_assert_false (log_call (f, body, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "session_id");
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":%lld,\"session_id\":%lld,\"duration_minutes\":30}",
                          (long long) f->school_b, (long long) call_a);
  g_assert_false (log_call (f, body, &error));
  g_assert_nonnull (strstr (error->message, "with another school"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "session_id");
  /* The session's day, not another. */
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":%lld,\"session_id\":%lld,\"date\":\"2024-10-10\","
                          "\"duration_minutes\":30}",
                          (long long) f->school_a, (long long) call_a);
  g_assert_false (log_call (f, body, &error));
  g_assert_nonnull (strstr (error->message, "took place on 2024-10-09, not 2024-10-10"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "date");
  /* Logged once: the session's day is taken; a second log is a conflict. */
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":%lld,\"session_id\":%lld,\"duration_minutes\":55,"
                          "\"notes\":\"Mentoring blocks are in the schedule.\","
                          "\"commitments_kept\":[\"individual-pathways\",\"one-to-one-mentoring\"]}",
                          (long long) f->school_a, (long long) call_a);
  g_assert_true (log_call (f, body, &error));
  g_assert_no_error (error);
  g_assert_false (log_call (f, body, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "session_id");
  g_free (body);
  body = g_strdup_printf ("{\"school_id\":%lld,\"date\":\"2024-11-20\",\"duration_minutes\":20}",
                          (long long) f->school_b);
  g_assert_true (log_call (f, body, &error));
  g_assert_no_error (error);

  calls = pdn_ws_coaching_call_list (f->context, f->program_id, 0, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->held_on, ==, "2024-10-09");
  g_assert_cmpint (call->session_id, ==, call_a);
  g_assert_cmpstr (call->mentor_name, ==, "Mia Mentor");
  g_assert_cmpstr (call->school_name, ==, "Garfield Park");
  g_assert_true (call->commitments_reviewed);
  g_assert_cmpuint (call->commitments_kept->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (call->commitments_kept, 0), ==, "individual-pathways");
  call = g_ptr_array_index (calls, 1);
  g_assert_cmpint (call->session_id, ==, 0);
  g_assert_false (call->commitments_reviewed);
  g_clear_pointer (&calls, g_ptr_array_unref);
  /* Per school, and paged by id. */
  calls = pdn_ws_coaching_call_list (f->context, f->program_id, f->school_b, 0, 10, &error);
  g_assert_cmpuint (calls->len, ==, 1);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = pdn_ws_coaching_call_list (f->context, f->program_id, 0, 0, 1, &error);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpint (((PdnWsCoachingCall *) g_ptr_array_index (calls, 0))->school_id, ==,
                   f->school_a);
}

/* ---- fidelity ---- */

static void
test_fidelity_expected_calls (void)
{
  g_autoptr (PdnWsSettings) monthly = settings_from (SETTINGS);
  g_autoptr (PdnWsSettings) every_other = settings_from (
      "{\"core_elements\":[\"a\"],\"coaching_calls_per_month\":0.5}");
  g_autoptr (PdnWsSettings) twice = settings_from (
      "{\"core_elements\":[\"a\"],\"coaching_calls_per_month\":2}");

  /* October to March are coaching months: all six wholly inside. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-10-01", "2025-06-30"), ==, 6);
  /* Enrolled on October 2: October is not owed. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-10-02", "2025-06-30"), ==, 5);
  /* As of January 15: October, November, December. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-10-01", "2025-01-15"), ==, 3);
  /* As of January 31: January is over too. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-10-01", "2025-01-31"), ==, 4);
  /* Summer months are not coaching months. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-07-01", "2024-09-30"), ==, 0);
  /* Starting after the day reported on: nothing owed. */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (monthly, "2024-12-01", "2024-11-30"), ==, 0);
  /* Every month, half a call: 12 months, 6 calls; 3 months, 1 (rounded down). */
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (every_other, "2024-07-01", "2025-06-30"), ==,
                   6);
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (every_other, "2024-07-01", "2024-09-30"), ==,
                   1);
  g_assert_cmpint (pdn_ws_fidelity_expected_calls (twice, "2024-07-01", "2024-08-31"), ==, 4);
}

static JsonObject *
school_fidelity (PdnWsSchoolFacts *facts, PdnWsSettings *settings)
{
  g_autoptr (JsonNode) node = pdn_ws_fidelity_school (facts, settings);

  return json_object_ref (json_node_get_object (node));
}

static gchar *
concerns (JsonObject *school)
{
  JsonArray *array = json_object_get_array_member (school, "concerns");
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The school of note 19: every session attended, calls dropped after
 * November, and mentoring no longer kept while platform time is. */
static void
test_fidelity_school (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from (SETTINGS);
  g_autoptr (PdnWsSchoolFacts) facts
      = pdn_ws_school_facts_new (3, "Eastside High", "2024-10-01", "2025-06-30");
  g_autoptr (JsonObject) school = NULL;
  g_autofree gchar *listed = NULL;
  JsonObject *coaching, *commitments, *sessions;
  JsonArray *months, *elements;
  PdnWsCallFact *call;

  facts->team_size = 4;
  facts->sessions_held = 5;
  facts->sessions_attended = 5;
  facts->attendances = 18;
  call = pdn_ws_school_facts_add_call (facts, "2024-10-09", 60, TRUE);
  g_ptr_array_add (call->kept, g_strdup ("one-to-one-mentoring"));
  g_ptr_array_add (call->kept, g_strdup ("individual-pathways"));
  call = pdn_ws_school_facts_add_call (facts, "2024-11-13", 45, TRUE);
  g_ptr_array_add (call->kept, g_strdup ("individual-pathways"));
  pdn_ws_school_facts_add_call (facts, "2024-11-27", 15, FALSE);
  school = school_fidelity (facts, settings);
  listed = concerns (school);
  g_assert_cmpstr (listed, ==, "coaching-below-cadence,commitments-dropped");

  coaching = json_object_get_object_member (school, "coaching");
  g_assert_cmpint (json_object_get_int_member (coaching, "calls_expected"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (coaching, "calls_held"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (coaching, "minutes"), ==, 120);
  g_assert_cmpstr (json_object_get_string_member (coaching, "last_call_on"), ==, "2024-11-27");
  g_assert_true (json_object_get_boolean_member (coaching, "below_cadence"));
  months = json_object_get_array_member (coaching, "months");
  /* October 2024 to June 2025. */
  g_assert_cmpuint (json_array_get_length (months), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (months, 1),
                                                  "month"),
                   ==, "2024-11");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (months, 1),
                                               "calls_held"),
                   ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (months, 8),
                                                    "calls_expected"),
                     ==, 0);

  commitments = json_object_get_object_member (school, "commitments");
  g_assert_cmpint (json_object_get_int_member (commitments, "calls_reviewed"), ==, 2);
  elements = json_object_get_array_member (commitments, "elements");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (elements, 0),
                                                  "element"),
                   ==, "one-to-one-mentoring");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (elements, 0),
                                               "kept_on_calls"),
                   ==, 1);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (elements, 0),
                                                  "kept_at_last_review"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (elements, 2),
                                                 "kept_at_last_review"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (commitments, "dropped")),
                    ==, 2);

  sessions = json_object_get_object_member (school, "sessions");
  g_assert_cmpint (json_object_get_int_member (sessions, "held"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (sessions, "attended"), ==, 5);
  /* 18 of 5 x 4 seats. */
  g_assert_cmpfloat (json_object_get_double_member (sessions, "team_attendance_rate"), ==, 0.9);
}

/* No calls reviewed yet: nothing is called dropped; no sessions held: no
 * rate, nothing missed. */
static void
test_fidelity_school_empty (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from (SETTINGS);
  g_autoptr (PdnWsSchoolFacts) facts
      = pdn_ws_school_facts_new (3, "Juniper", "2024-12-01", "2024-11-15");
  g_autoptr (JsonObject) school = school_fidelity (facts, settings);
  g_autofree gchar *listed = concerns (school);
  JsonObject *commitments = json_object_get_object_member (school, "commitments");

  g_assert_cmpstr (listed, ==, "");
  g_assert_true (json_node_is_null (json_object_get_member (
      json_array_get_object_element (json_object_get_array_member (commitments, "elements"), 0),
      "kept_at_last_review")));
  g_assert_true (json_node_is_null (json_object_get_member (
      json_object_get_object_member (school, "sessions"), "team_attendance_rate")));
  g_assert_true (json_node_is_null (json_object_get_member (
      json_object_get_object_member (school, "coaching"), "last_call_on")));
}

static JsonObject *
find_school (JsonNode *report, const gchar *name)
{
  JsonArray *schools = json_object_get_array_member (json_node_get_object (report), "schools");

  for (guint i = 0; i < json_array_get_length (schools); i++)
    {
      JsonObject *school = json_array_get_object_element (schools, i);

      if (g_str_equal (json_object_get_string_member (school, "school_name"), name))
        return school;
    }
  g_assert_not_reached ();
}

/* From the store: both schools' teams attend the training and the
 * convening; Garfield Park holds its monthly calls, Westbrook one. */
static void
test_fidelity_compute (Fixture *f, gconstpointer data)
{
  gint64 training = add_session (f, "summer-training", "2024-08-05", 7, 0, NULL);
  gint64 convening = add_session (f, "regional-convening", "2024-11-08", 6, f->school_a, NULL);
  gint64 later = add_session (f, "regional-convening", "2025-04-11", 6, f->school_a, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree gchar *concerns_a = NULL, *concerns_b = NULL;
  JsonObject *a, *b;
  const gchar *months[] = { "2024-10-09", "2024-11-13", "2024-12-11" };

  add_session (f, "regional-convening", "2024-12-06", 6, 0, "cancelled");
  enroll_both (f);
  for (guint s = 0; s < 2; s++)
    {
      gint64 session = s == 0 ? training : convening;

      attend (f, session, f->leader_a, "present", -1);
      attend (f, session, f->teacher_a1, "partial", 120);
      attend (f, session, f->teacher_a2, "absent", -1);
      attend (f, session, f->leader_b, "present", -1);
      attend (f, session, f->outsider, "present", -1); /* not on the team */
    }
  attend (f, later, f->teacher_a1, "present", -1);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree gchar *body = g_strdup_printf (
          "{\"school_id\":%lld,\"date\":\"%s\",\"duration_minutes\":50}", (long long) f->school_a,
          months[i]);
      g_assert_true (log_call (f, body, &error));
    }
  {
    g_autofree gchar *body = g_strdup_printf (
        "{\"school_id\":%lld,\"date\":\"2024-10-16\",\"duration_minutes\":40}",
        (long long) f->school_b);
    g_assert_true (log_call (f, body, &error));
  }
  g_assert_no_error (error);

  /* As of January 15, 2025: October to December owed (3), the April
   * convening not held yet; training and November convening held (2). */
  report = pdn_ws_fidelity_compute (f->context, f->program, f->settings, "2025-01-15", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (report), "as_of"), ==,
                   "2025-01-15");
  a = find_school (report, "Garfield Park");
  b = find_school (report, "Westbrook");
  concerns_a = concerns (a);
  concerns_b = concerns (b);
  g_assert_cmpstr (concerns_a, ==, "");
  g_assert_cmpstr (concerns_b, ==, "coaching-below-cadence");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (a, "coaching"),
                                               "calls_held"),
                   ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (b, "coaching"),
                                               "calls_held"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (b, "coaching"),
                                               "calls_expected"),
                   ==, 3);
  /* Westbrook keeps the sessions: both attended, by its leader. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (b, "sessions"),
                                               "held"),
                   ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (b, "sessions"),
                                               "attended"),
                   ==, 2);
  /* Garfield Park: 4 attendances of 2 sessions x 3 members. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (a, "sessions"),
                                                    "team_attendance_rate"),
                     ==, 0.667);
  g_assert_cmpint (json_object_get_int_member (a, "team_size"), ==, 3);
  g_clear_pointer (&report, json_node_unref);

  /* As of the year's end: the April convening is held, Westbrook missed it. */
  report = pdn_ws_fidelity_compute (f->context, f->program, f->settings, "2026-01-01", &error);
  g_assert_no_error (error);
  g_free (concerns_b);
  b = find_school (report, "Westbrook");
  concerns_b = concerns (b);
  g_assert_cmpstr (concerns_b, ==, "coaching-below-cadence,sessions-missed");
  g_assert_cmpstr (json_object_get_string_member (b, "to"), ==, "2025-06-30");
}

/* ---- credit ---- */

static PdnWsAttended *
attended (const gchar *kind, gint64 minutes, gint64 session_minutes)
{
  PdnWsAttended *session = g_new0 (PdnWsAttended, 1);

  session->kind = g_strdup (kind);
  session->minutes = minutes;
  session->session_minutes = session_minutes;
  return session;
}

static void
test_credit_rules (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from (SETTINGS);
  g_autoptr (PdnWsSettings) two_days = settings_from (
      "{\"core_elements\":[\"a\"],\"training_days_required\":2}");
  g_autoptr (GPtrArray) sessions
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_ws_attended_free);
  g_autoptr (JsonObject) credit = json_object_new ();
  g_autoptr (JsonObject) credit2 = json_object_new ();
  g_autoptr (JsonObject) credit3 = json_object_new ();

  /* Day 1 whole, day 2 half (counts), day 3 an hour (does not). */
  g_ptr_array_add (sessions, attended ("summer-training", 420, 420));
  g_ptr_array_add (sessions, attended ("summer-training", 210, 420));
  g_ptr_array_add (sessions, attended ("summer-training", 60, 420));
  g_ptr_array_add (sessions, attended ("regional-convening", 360, 360));
  g_ptr_array_add (sessions, attended ("coaching-call", 45, 60));
  pdn_ws_credit_from_attendance (settings, sessions, 3, credit);
  g_assert_false (json_object_get_boolean_member (credit, "completed"));
  /* 420 + 210 + 60 + 360 + 45 = 1095 minutes = 18.25 hours. */
  g_assert_cmpfloat (json_object_get_double_member (credit, "hours"), ==, 18.25);
  g_assert_cmpfloat (json_object_get_double_member (credit, "graduate_credits"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (credit, "detail"), ==,
                   "Summer training days attended: 2 of 3 required; regional convenings "
                   "attended: 1; coaching calls attended: 1.");
  /* Two days required by the settings: completed, with the program's credits. */
  pdn_ws_credit_from_attendance (two_days, sessions, 3, credit2);
  g_assert_true (json_object_get_boolean_member (credit2, "completed"));
  g_ptr_array_add (sessions, attended ("summer-training", 400, 420));
  pdn_ws_credit_from_attendance (settings, sessions, 3, credit3);
  g_assert_true (json_object_get_boolean_member (credit3, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (credit3, "graduate_credits"), ==, 2);
}

static void
test_credit_no_training (void)
{
  g_autoptr (PdnWsSettings) settings = settings_from (SETTINGS);
  g_autoptr (GPtrArray) sessions
      = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_ws_attended_free);
  g_autoptr (JsonObject) credit = json_object_new ();

  /* A program with no training days completes nobody. */
  pdn_ws_credit_from_attendance (settings, sessions, 0, credit);
  g_assert_false (json_object_get_boolean_member (credit, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (credit, "hours"), ==, 0);
}

/* From the store: a present row without minutes is the whole session;
 * cancelled sessions and absences count for nothing. */
static void
test_credit_compute (Fixture *f, gconstpointer data)
{
  gint64 day1 = add_session (f, "summer-training", "2024-08-05", 7, 0, NULL);
  gint64 day2 = add_session (f, "summer-training", "2024-08-06", 7, 0, NULL);
  gint64 gone = add_session (f, "summer-training", "2024-08-07", 7, 0, "cancelled");
  gint64 call = add_session (f, "coaching-call", "2024-10-09", 1, f->school_a, NULL);
  g_autoptr (JsonObject) credit = json_object_new ();
  g_autoptr (JsonObject) none = json_object_new ();
  g_autoptr (GError) error = NULL;

  attend (f, day1, f->teacher_a1, "present", -1);
  attend (f, day2, f->teacher_a1, "partial", 300);
  attend (f, gone, f->teacher_a1, "present", -1);
  attend (f, call, f->teacher_a1, "absent", -1);
  g_clear_pointer (&credit, json_object_unref);
  credit = pdn_plugin_runner_compute_credit (f->plugin, f->program, f->teacher_a1, &error);
  g_assert_no_error (error);
  /* Both of the two days held; 420 + 300 minutes. */
  g_assert_true (json_object_get_boolean_member (credit, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (credit, "hours"), ==, 12);
  g_assert_cmpfloat (json_object_get_double_member (credit, "graduate_credits"), ==, 2);
  g_clear_pointer (&none, json_object_unref);
  none = pdn_plugin_runner_compute_credit (f->plugin, f->program, f->teacher_b, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (none, "completed"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                          \
  g_test_add ("/whole-school/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/whole-school/settings/defaults", test_settings_defaults);
  g_test_add_func ("/whole-school/settings/full", test_settings_full);
  g_test_add_func ("/whole-school/settings/invalid", test_settings_invalid);
  g_test_add_func ("/whole-school/settings/schema-matches", test_settings_schema_matches);
  ADD ("kinds", test_kinds);
  ADD ("settings/hook", test_settings_hook);
  ADD ("enrollment/input", test_enrollment_input);
  ADD ("enrollment/two-unmet", test_requirements_two_unmet);
  ADD ("enrollment/team", test_requirements_team);
  ADD ("enrollment/missing-school", test_requirements_missing_school);
  ADD ("enrollment/one-team", test_requirements_one_team);
  ADD ("enrollment/store", test_enrollment_store);
  ADD ("registration/check", test_registration_check);
  ADD ("registration/expand", test_registration_expand);
  ADD ("coaching-call/input", test_call_input);
  ADD ("coaching-call/check", test_call_check);
  g_test_add_func ("/whole-school/fidelity/expected-calls", test_fidelity_expected_calls);
  g_test_add_func ("/whole-school/fidelity/school", test_fidelity_school);
  g_test_add_func ("/whole-school/fidelity/school-empty", test_fidelity_school_empty);
  ADD ("fidelity/compute", test_fidelity_compute);
  g_test_add_func ("/whole-school/credit/rules", test_credit_rules);
  g_test_add_func ("/whole-school/credit/no-training", test_credit_no_training);
  ADD ("credit/compute", test_credit_compute);
  return g_test_run ();
}
