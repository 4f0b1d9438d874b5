/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
#include "pdn-workshop-series-plugin.h"

/*
 * The workshop-series program type on a test store, called through the
 * core's runner functions as the daemon calls it: its description, every
 * settings rule with its field, the kinds of series and sessions, and
 * completion by N sessions of a series.
 */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
  gint64 organization;
  gint64 person;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnContext) context = NULL;

  fx->store = pdn_test_store_new (&fx->dir);
  fx->plugin = g_object_new (PDN_TYPE_WORKSHOP_SERIES_PLUGIN, NULL);
  context = pdn_context_new (pdn_plugin_get_id (fx->plugin), fx->store, NULL);
  pdn_plugin_set_context (fx->plugin, context);
  g_assert_true (pdn_plugin_runner_setup (fx->plugin, context, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_plugin_migrations_apply (fx->store, context, &error));
  g_assert_no_error (error);
  fx->organization = pdn_test_add_organization (fx->store, "beacon");
  fx->person = pdn_test_add_named_person (fx->store, "Ana Teacher", "ana@district-a.example");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->plugin);
  g_clear_object (&fx->store);
  pdn_test_dir_free (fx->dir);
}

/* ---- rows ---- */

static PdnProgram *
add_program (Fixture *fx, const gchar *settings)
{
  g_autoptr (GError) error = NULL;
  PdnProgram *program = pdn_program_new ();

  program->name = g_strdup ("Beacon Saturday Workshops");
  program->type = g_strdup ("workshop-series");
  program->lead_organization_id = fx->organization;
  program->school_year = g_strdup ("2026-27");
  g_free (program->settings);
  program->settings = g_strdup (settings);
  g_assert_true (pdn_program_insert (program, fx->store, &error));
  g_assert_no_error (error);
  return program;
}

static gint64
add_series (Fixture *fx, gint64 program_id, const gchar *title, const gchar *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSeries) series = pdn_series_new ();

  series->program_id = program_id;
  series->title = g_strdup (title);
  series->kind = g_strdup (kind);
  g_assert_true (pdn_series_insert (series, fx->store, &error));
  g_assert_no_error (error);
  return series->id;
}

/* A session on @day of October 2026, validated by the core's model but not
 * saved (as when it is being created). */
static PdnSession *
new_session (gint64 program_id, gint64 series_id, const gchar *kind, guint day)
{
  g_autoptr (GError) error = NULL;
  PdnSession *session = pdn_session_new ();

  session->program_id = program_id;
  session->series_id = series_id;
  session->kind = g_strdup (kind);
  session->title = g_strdup ("Cold call");
  session->topic = g_strdup ("Cold call with warmth");
  session->starts_at = g_strdup_printf ("2026-10-%02uT14:00:00Z", day);
  session->ends_at = g_strdup_printf ("2026-10-%02uT17:00:00Z", day);
  session->time_zone = g_strdup ("America/New_York");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  return session;
}

static gint64
add_session (Fixture *fx, gint64 program_id, gint64 series_id, guint day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = new_session (program_id, series_id, "workshop", day);

  g_assert_true (pdn_session_insert (session, fx->store, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
add_attendance (Fixture *fx, gint64 session_id, const gchar *status)
{
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO attendance (session_id, person_id, status, source, recorded_at) "
      "VALUES (%lld, %lld, '%s', 'roster', '2026-10-31T00:00:00Z')",
      (long long) session_id, (long long) fx->person, status);

  pdn_test_exec (fx->store, sql);
}

/* ---- calling the hooks ---- */

static JsonObject *
object_of (JsonNode *node)
{
  return json_node_get_object (node);
}

static gboolean
validate_settings (Fixture *fx, const gchar *text, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);

  g_autoptr (JsonObject) type = pdn_plugin_runner_describe_program_type (fx->plugin, NULL);

  /* As saving a program does: the core's check by the schema, then the
   * type's own rules. */
  g_assert_nonnull (node);
  return pdn_plugin_runner_check_settings (fx->plugin,
                                           json_object_get_object_member (type,
                                                                          "settings_schema"),
                                           json_node_get_object (node), error);
}

static gboolean
validate_series (Fixture *fx, PdnProgram *program, const gchar *kind, GError **error)
{
  g_autoptr (PdnSeries) series = pdn_series_new ();
  g_autoptr (JsonNode) program_json = pdn_api_program_json (program);
  g_autoptr (JsonNode) series_json = NULL;

  series->program_id = program->id;
  series->title = g_strdup ("Checks for Understanding");
  series->kind = g_strdup (kind);
  series_json = pdn_api_series_json (series);
  return pdn_plugin_runner_validate_series (fx->plugin, object_of (program_json),
                                            object_of (series_json), error);
}

static gboolean
validate_session (Fixture *fx, PdnProgram *program, PdnSession *session, GError **error)
{
  g_autoptr (JsonNode) program_json = pdn_api_program_json (program);
  g_autoptr (JsonNode) session_json = pdn_api_session_json (session, FALSE);

  return pdn_plugin_runner_validate_session (fx->plugin, object_of (program_json),
                                             object_of (session_json), error);
}

static JsonObject *
credit (Fixture *fx, PdnProgram *program)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) program_json = pdn_api_program_json (program);
  JsonObject *result = pdn_plugin_runner_compute_credit (fx->plugin, object_of (program_json),
                                                         fx->person, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* ---- tests ---- */

static void
test_describe (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) type = pdn_plugin_runner_describe_program_type (fx->plugin, &error);
  JsonObject *schema, *properties, *n;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (type, "id"), ==, "workshop-series");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (type, "series_kinds"), 0),
                   ==, "workshop-series");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (type, "session_kinds"), 0),
                   ==, "workshop");
  g_assert_cmpstr (json_object_get_string_member (type, "series_registration"), ==, "optional");
  schema = json_object_get_object_member (type, "settings_schema");
  g_assert_false (json_object_get_boolean_member (schema, "additionalProperties"));
  properties = json_object_get_object_member (schema, "properties");
  n = json_object_get_object_member (properties, "sessions_to_complete");
  g_assert_cmpstr (json_object_get_string_member (n, "type"), ==, "integer");
  g_assert_cmpfloat (json_object_get_double_member (n, "default"), ==, 3);
  g_assert_true (json_object_has_member (properties, "credit_hours"));
  g_assert_true (json_object_has_member (properties, "credit_hours_per_session"));
}

static void
test_settings (Fixture *fx, gconstpointer data)
{
  const struct
  {
    const gchar *settings;
    const gchar *field;
  } refused[] = {
    { "{\"colour\":\"red\"}", "settings.colour" },
    { "{\"sessions_to_complete\":0}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":21}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":2.5}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":\"3\"}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":true}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":null}", "settings.sessions_to_complete" },
    { "{\"credit_hours\":-1}", "settings.credit_hours" },
    { "{\"credit_hours\":\"six\"}", "settings.credit_hours" },
    { "{\"credit_hours_per_session\":25}", "settings.credit_hours_per_session" },
    { "{\"audience\":[\"district\",\"mars\"]}", "settings.audience[1]" },
    { "{\"audience\":[\"district\",\"district\"]}", "settings.audience[1]" },
    { "{\"audience\":\"district\"}", "settings.audience" },
    { "{\"weekday\":\"funday\"}", "settings.weekday" },
    { "{\"weekday\":6}", "settings.weekday" },
    /* The first mistake, in the schema's order, is the one named. */
    { "{\"sessions_to_complete\":3,\"credit_hours\":-2,\"weekday\":\"x\"}", "settings.credit_hours" },
  };
  const gchar *accepted[] = {
    "{}",
    "{\"sessions_to_complete\":4,\"credit_hours\":6,\"credit_hours_per_session\":2.5}",
    "{\"sessions_to_complete\":1,\"credit_hours\":0}",
    /* The demo network's settings. */
    "{\"audience\":[\"district\",\"charter\",\"catholic\"],\"weekday\":\"saturday\","
    "\"credit_hours_per_session\":3}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", refused[i].settings);
      g_assert_false (validate_settings (fx, refused[i].settings, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, refused[i].field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (validate_settings (fx, accepted[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_series_kind (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnProgram) program = add_program (fx, "{}");
  g_autoptr (GError) error = NULL;

  g_assert_true (validate_series (fx, program, "workshop-series", &error));
  g_assert_no_error (error);
  g_assert_false (validate_series (fx, program, "course", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "kind");
}

static void
test_session_kind_and_series (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnProgram) program = add_program (fx, "{}");
  g_autoptr (PdnProgram) other = add_program (fx, "{}");
  gint64 series = add_series (fx, program->id, "Everybody Writes", "workshop-series");
  gint64 cohort = add_series (fx, program->id, "Cohort", "cohort");
  gint64 elsewhere = add_series (fx, other->id, "Elsewhere", "workshop-series");
  g_autoptr (PdnSession) in_series = new_session (program->id, series, "workshop", 3);
  g_autoptr (PdnSession) alone = new_session (program->id, 0, "workshop", 10);
  g_autoptr (PdnSession) wrong_kind = new_session (program->id, series, "course-session", 17);
  g_autoptr (PdnSession) in_cohort = new_session (program->id, cohort, "workshop", 24);
  g_autoptr (PdnSession) other_program = new_session (program->id, elsewhere, "workshop", 31);
  g_autoptr (GError) error = NULL;

  g_assert_true (validate_session (fx, program, in_series, &error));
  g_assert_no_error (error);
  /* A one-off Saturday stands alone; it counts toward no series. */
  g_assert_true (validate_session (fx, program, alone, &error));
  g_assert_no_error (error);
  g_assert_false (validate_session (fx, program, wrong_kind, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "kind");
  g_assert_false (validate_session (fx, program, in_cohort, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "series_id");
  /* Another program's series is the core's to refuse (400 on "series_id"). */
  g_assert_true (validate_session (fx, program, other_program, &error));
  g_assert_no_error (error);
}

/* Series of four Saturdays, N = 3: two attended is not enough, three (one
 * of them partial) is; absences never count. */
static void
test_completion_by_n (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnProgram) program = add_program (
      fx, "{\"sessions_to_complete\":3,\"credit_hours\":2,\"credit_hours_per_session\":3}");
  gint64 series = add_series (fx, program->id, "Checks for Understanding", "workshop-series");
  gint64 sessions[4];

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    sessions[i] = add_session (fx, program->id, series, 3 + 7 * i);
  {
    g_autoptr (JsonObject) none = credit (fx, program);

    g_assert_false (json_object_get_boolean_member (none, "completed"));
    g_assert_cmpfloat (json_object_get_double_member (none, "hours"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (none, "detail"), ==,
                     "No workshop of this program attended yet.");
  }
  add_attendance (fx, sessions[0], "present");
  add_attendance (fx, sessions[1], "present");
  add_attendance (fx, sessions[2], "absent");
  {
    g_autoptr (JsonObject) two = credit (fx, program);

    g_assert_false (json_object_get_boolean_member (two, "completed"));
    g_assert_cmpfloat (json_object_get_double_member (two, "hours"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (two, "detail"), ==,
                     "“Checks for Understanding”: attended 2 of 4 sessions; 3 needed to "
                     "complete it.");
  }
  add_attendance (fx, sessions[3], "partial");
  {
    g_autoptr (JsonObject) three = credit (fx, program);

    g_assert_true (json_object_get_boolean_member (three, "completed"));
    /* 2 for the series and 3 for each of the 3 sessions attended. */
    g_assert_cmpfloat (json_object_get_double_member (three, "hours"), ==, 11);
    g_assert_cmpfloat (json_object_get_double_member (three, "graduate_credits"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (three, "detail"), ==,
                     "“Checks for Understanding”: attended 3 of 4 sessions, completed.");
  }
}

/* Completion is per series: sessions of two series do not add up, a
 * standalone workshop counts toward none, and only a completed series
 * earns hours. */
static void
test_completion_per_series (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnProgram) program
      = add_program (fx, "{\"sessions_to_complete\":2,\"credit_hours\":6}");
  gint64 writes = add_series (fx, program->id, "Everybody Writes", "workshop-series");
  gint64 engagement = add_series (fx, program->id, "100 Percent Engagement", "workshop-series");
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;

  add_attendance (fx, add_session (fx, program->id, writes, 3), "present");
  add_session (fx, program->id, writes, 10);
  add_attendance (fx, add_session (fx, program->id, engagement, 17), "present");
  add_session (fx, program->id, engagement, 24);
  add_attendance (fx, add_session (fx, program->id, 0, 31), "present");
  first = credit (fx, program);
  g_assert_false (json_object_get_boolean_member (first, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (first, "hours"), ==, 0);

  add_attendance (fx, add_session (fx, program->id, writes, 27), "present");
  second = credit (fx, program);
  g_assert_true (json_object_get_boolean_member (second, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (second, "hours"), ==, 6);
  g_assert_nonnull (strstr (json_object_get_string_member (second, "detail"),
                            "“Everybody Writes”: attended 2 of 3 sessions, completed."));
  g_assert_nonnull (strstr (json_object_get_string_member (second, "detail"),
                            "“100 Percent Engagement”: attended 1 of 2 sessions; 2 needed"));
}

/* With no setting, three sessions complete a series. */
static void
test_default_n (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnProgram) program = add_program (fx, "{}");
  gint64 series = add_series (fx, program->id, "Cold Call", "workshop-series");
  g_autoptr (JsonObject) two = NULL;
  g_autoptr (JsonObject) three = NULL;

  add_attendance (fx, add_session (fx, program->id, series, 3), "present");
  add_attendance (fx, add_session (fx, program->id, series, 10), "present");
  two = credit (fx, program);
  g_assert_false (json_object_get_boolean_member (two, "completed"));
  add_attendance (fx, add_session (fx, program->id, series, 17), "present");
  three = credit (fx, program);
  g_assert_true (json_object_get_boolean_member (three, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (three, "hours"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/plugins/workshop-series/" path, Fixture, NULL, fixture_set_up, func,       \
              fixture_tear_down)
  ADD ("describe", test_describe);
  ADD ("settings", test_settings);
  ADD ("series-kind", test_series_kind);
  ADD ("session-kind-and-series", test_session_kind_and_series);
  ADD ("completion-by-n", test_completion_by_n);
  ADD ("completion-per-series", test_completion_per_series);
  ADD ("default-n", test_default_n);
#undef ADD
  return g_test_run ();
}
