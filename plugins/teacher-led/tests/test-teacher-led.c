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
#include "pdn-registrar.h"
#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-store-pool.h"
#include "pdn-teacher-led-leaders.h"
#include "pdn-teacher-led-plugin.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The teacher-led program type on a test store (a store pool, as in the
 * daemon, so each thread queries on its own connection), called through
 * the core's runner functions: its description and migration, settings,
 * courses and their sessions (room, topic, host school, trained
 * facilitators), teacher-leader records, one course per term (also when
 * two registrations race), registering for a whole course, and credit for
 * attending 4 of 5.
 */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
  PdnContext *context;
  gint64 organization;
  gint64 school;
  gint64 teacher;
  gint64 leaders[3];
  PdnProgram *program;
} Fixture;

static PdnProgram *add_program (Fixture *fx, const gchar *settings);

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = NULL;

  fx->dir = pdn_test_dir_new ();
  path = pdn_test_dir_file (fx->dir, "pdnet.db");
  fx->store = PDN_STORE (pdn_store_pool_new (path, &error));
  g_assert_no_error (error);
  fx->plugin = g_object_new (PDN_TYPE_TEACHER_LED_PLUGIN, NULL);
  fx->context = pdn_context_new (pdn_plugin_get_id (fx->plugin), fx->store, NULL);
  pdn_plugin_set_context (fx->plugin, fx->context);
  g_assert_true (pdn_plugin_runner_setup (fx->plugin, fx->context, &error));
  g_assert_no_error (error);
  g_assert_true (pdn_plugin_migrations_apply (fx->store, fx->context, &error));
  g_assert_no_error (error);
  fx->organization = pdn_test_add_organization (fx->store, "compact");
  fx->school = pdn_test_add_school (fx->store, fx->organization, "Lakeview Elementary");
  fx->teacher = pdn_test_add_named_person (fx->store, "Ana Teacher", "ana@district.example");
  for (guint i = 0; i < G_N_ELEMENTS (fx->leaders); i++)
    {
      g_autofree gchar *name = g_strdup_printf ("Leader %u", i);
      g_autofree gchar *email = g_strdup_printf ("leader%u@charter.example", i);
      fx->leaders[i] = pdn_test_add_named_person (fx->store, name, email);
    }
  fx->program = add_program (fx, "{\"credit_hours\":15,\"graduate_credits\":1}");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->program);
  g_clear_object (&fx->context);
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

  program->name = g_strdup ("Riverton Educators Collaborative");
  program->type = g_strdup ("teacher-led");
  program->lead_organization_id = fx->organization;
  program->school_year = g_strdup ("2026-27");
  g_free (program->settings);
  program->settings = g_strdup (settings);
  g_assert_true (pdn_program_insert (program, fx->store, &error));
  g_assert_no_error (error);
  return program;
}

static gint64
add_series (Fixture *fx, gint64 program_id, const gchar *title, const gchar *kind,
            const gchar *term)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSeries) series = pdn_series_new ();

  series->program_id = program_id;
  series->title = g_strdup (title);
  series->topic = g_strdup ("Literacy circles");
  series->term = g_strdup (term);
  series->kind = g_strdup (kind);
  g_assert_true (pdn_series_insert (series, fx->store, &error));
  g_assert_no_error (error);
  return series->id;
}

static gint64
add_course (Fixture *fx, const gchar *title, const gchar *term)
{
  return add_series (fx, fx->program->id, title, "course", term);
}

/* A course session on @date ("2026-10-06"), 16:30 to 18:00 in Chicago,
 * hosted by the fixture's school and led by leader 0 (not saved). */
static PdnSession *
new_session (Fixture *fx, gint64 series_id, const gchar *date)
{
  g_autoptr (GError) error = NULL;
  PdnSession *session = pdn_session_new ();

  session->program_id = fx->program->id;
  session->series_id = series_id;
  session->kind = g_strdup ("course-session");
  session->title = g_strdup ("Literacy circles, session");
  session->topic = g_strdup ("Literacy circles");
  session->starts_at = g_strdup_printf ("%sT21:30:00Z", date);
  session->ends_at = g_strdup_printf ("%sT23:00:00Z", date);
  session->time_zone = g_strdup ("America/Chicago");
  session->host_school_id = fx->school;
  pdn_session_add_facilitator (session, fx->leaders[0]);
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  return session;
}

static gint64
save_session (Fixture *fx, PdnSession *session)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_session_insert (session, fx->store, &error));
  g_assert_no_error (error);
  return session->id;
}

static gint64
add_session (Fixture *fx, gint64 series_id, const gchar *date)
{
  g_autoptr (PdnSession) session = new_session (fx, series_id, date);

  return save_session (fx, session);
}

/* Five weekly sessions from @first_day of October 2026; ids into @ids. */
static void
add_course_sessions (Fixture *fx, gint64 series_id, guint first_day, gint64 *ids)
{
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 10, (gint) first_day, 0, 0, 0);
      g_autoptr (GDateTime) day = g_date_time_add_weeks (start, (gint) i);
      g_autofree gchar *text = g_date_time_format (day, "%Y-%m-%d");

      ids[i] = add_session (fx, series_id, text);
    }
}

static void
record_leader (Fixture *fx, gint64 program_id, gint64 person_id, const gchar *selected_on,
               const gchar *trained_on)
{
  g_autoptr (GError) error = NULL;
  PdnTeacherLeader leader = { .program_id = program_id,
                              .person_id = person_id,
                              .selected_on = (gchar *) selected_on,
                              .trained_on = (gchar *) trained_on };

  g_assert_true (pdn_teacher_leader_insert (fx->context, &leader, &error));
  g_assert_no_error (error);
}

static void
add_attendance (Fixture *fx, gint64 session_id, const gchar *status)
{
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO attendance (session_id, person_id, status, source, recorded_at) "
      "VALUES (%lld, %lld, '%s', 'roster', '2026-12-01T00:00:00Z')",
      (long long) session_id, (long long) fx->teacher, status);

  pdn_test_exec (fx->store, sql);
}

/* ---- calling the hooks ---- */

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
validate_series (Fixture *fx, const gchar *kind, const gchar *topic, const gchar *term,
                 GError **error)
{
  g_autoptr (PdnSeries) series = pdn_series_new ();
  g_autoptr (JsonNode) program = pdn_api_program_json (fx->program);
  g_autoptr (JsonNode) node = NULL;

  series->program_id = fx->program->id;
  series->title = g_strdup ("Literacy circles in the elementary grades");
  series->topic = g_strdup (topic);
  series->term = g_strdup (term);
  series->kind = g_strdup (kind);
  node = pdn_api_series_json (series);
  return pdn_plugin_runner_validate_series (fx->plugin, json_node_get_object (program),
                                            json_node_get_object (node), error);
}

static gboolean
validate_session (Fixture *fx, PdnSession *session, GError **error)
{
  g_autoptr (JsonNode) program = pdn_api_program_json (fx->program);
  g_autoptr (JsonNode) node = pdn_api_session_json (session, FALSE);

  return pdn_plugin_runner_validate_session (fx->plugin, json_node_get_object (program),
                                             json_node_get_object (node), error);
}

static gboolean
check_registration (Fixture *fx, PdnStore *store, gint64 session_id, gint64 person_id,
                    GError **error)
{
  g_autoptr (PdnSession) session = pdn_session_load (store, session_id, error);
  g_autoptr (PdnProgram) program = NULL;
  g_autoptr (JsonNode) program_json = NULL;
  g_autoptr (JsonNode) session_json = NULL;

  if (session == NULL || (program = pdn_program_load (store, session->program_id, error)) == NULL)
    return FALSE;
  program_json = pdn_api_program_json (program);
  session_json = pdn_api_session_json (session, FALSE);
  return pdn_plugin_runner_check_registration (fx->plugin, json_node_get_object (program_json),
                                               json_node_get_object (session_json), person_id,
                                               error);
}

static JsonObject *
credit (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) program = pdn_api_program_json (fx->program);
  JsonObject *result = pdn_plugin_runner_compute_credit (fx->plugin,
                                                         json_node_get_object (program),
                                                         fx->teacher, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* ---- description, migration, settings ---- */

static void
test_describe (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) type = pdn_plugin_runner_describe_program_type (fx->plugin, &error);
  JsonObject *properties;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (type, "id"), ==, "teacher-led");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (type, "series_kinds"), 0),
                   ==, "course");
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (type, "session_kinds"), 0),
                   ==, "course-session");
  g_assert_cmpstr (json_object_get_string_member (type, "series_registration"), ==, "whole");
  properties = json_object_get_object_member (
      json_object_get_object_member (type, "settings_schema"), "properties");
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (properties, "sessions_to_complete"),
                         "default"),
                     ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (properties, "sessions_per_course"),
                         "default"),
                     ==, 5);
  g_assert_true (json_object_has_member (properties, "credit_hours"));
  g_assert_true (json_object_has_member (properties, "graduate_credits"));
}

/* Its table, namespaced, and the step recorded once. */
static void
test_migration (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (pdn_test_query_int (fx->store,
                                       "SELECT COUNT(*) FROM plugin_migrations WHERE "
                                       "plugin_id = 'teacher-led' AND version = ?",
                                       1),
                   ==, 1);
  g_assert_cmpint (pdn_test_query_int (fx->store, "SELECT COUNT(*) FROM teacher_led_leaders "
                                                  "WHERE program_id = ?",
                                       fx->program->id),
                   ==, 0);
  /* Applying again finds nothing new. */
  g_assert_true (pdn_plugin_migrations_apply (fx->store, fx->context, &error));
  g_assert_no_error (error);
}

static void
test_settings (Fixture *fx, gconstpointer data)
{
  g_autofree gchar *long_credit = g_strdup_printf ("{\"credit\":\"%0201d\"}", 0);
  const struct
  {
    const gchar *settings;
    const gchar *field;
  } refused[] = {
    { "{\"hours\":12}", "settings.hours" },
    { "{\"sessions_to_complete\":0}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":11}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":\"4\"}", "settings.sessions_to_complete" },
    { "{\"sessions_to_complete\":3.5}", "settings.sessions_to_complete" },
    { "{\"sessions_per_course\":0}", "settings.sessions_per_course" },
    /* Completing cannot take more sessions than a course has. */
    { "{\"sessions_per_course\":4,\"sessions_to_complete\":5}", "settings.sessions_to_complete" },
    { "{\"sessions_per_course\":3}", "settings.sessions_to_complete" },
    { "{\"credit_hours\":-1}", "settings.credit_hours" },
    { "{\"credit_hours\":[15]}", "settings.credit_hours" },
    { "{\"graduate_credits\":101}", "settings.graduate_credits" },
    { "{\"credit\":\"\"}", "settings.credit" },
    { "{\"credit\":5}", "settings.credit" },
    { long_credit, "settings.credit" },
  };
  const gchar *accepted[] = {
    "{}",
    "{\"sessions_to_complete\":4,\"credit_hours\":15,\"graduate_credits\":1}",
    "{\"sessions_per_course\":3,\"sessions_to_complete\":3,\"graduate_credits\":0.5}",
    /* The demo network's settings. */
    "{\"sessions_per_course\":5,\"credit\":\"district PD hours or graduate credit\"}",
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

/* ---- courses and their sessions ---- */

static void
test_course (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (validate_series (fx, "course", "Literacy circles", "Fall 2026", &error));
  g_assert_no_error (error);
  g_assert_false (validate_series (fx, "workshop-series", "Literacy circles", "Fall 2026",
                                   &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "kind");
  g_assert_false (validate_series (fx, "course", NULL, "Fall 2026", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "topic");
  g_assert_false (validate_series (fx, "course", "Literacy circles", NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "term");
  g_assert_false (validate_series (fx, "course", "Literacy circles", "  ", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "term");
}

static void
test_session_fields (Fixture *fx, gconstpointer data)
{
  gint64 course = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 workshops = add_series (fx, fx->program->id, "Workshops", "workshop-series", "Fall");
  g_autoptr (PdnProgram) other = add_program (fx, "{}");
  gint64 elsewhere = add_series (fx, other->id, "Elsewhere", "course", "Fall 2026");
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (GError) error = NULL;

  record_leader (fx, fx->program->id, fx->leaders[0], "2026-06-01", "2026-08-20");
  session = new_session (fx, course, "2026-10-06");
  g_assert_true (validate_session (fx, session, &error));
  g_assert_no_error (error);

  g_free (session->kind);
  session->kind = g_strdup ("workshop");
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "kind");
  g_free (session->kind);
  session->kind = g_strdup ("course-session");

  g_clear_pointer (&session->topic, g_free);
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "topic");
  session->topic = g_strdup ("Literacy circles");

  session->host_school_id = 0;
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "host_school_id");
  session->host_school_id = fx->school;

  session->series_id = 0;
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "series_id");
  session->series_id = workshops;
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "series_id");
  /* Another program's series is the core's to refuse (400 on "series_id"). */
  session->series_id = elsewhere;
  g_assert_true (validate_session (fx, session, &error));
  g_assert_no_error (error);
}

/* One or two facilitators, each a teacher-leader of this program trained
 * by the session's day: its local date in Chicago, 2026-10-06, though in
 * UTC it is already the 7th. */
static void
test_facilitators (Fixture *fx, gconstpointer data)
{
  gint64 course = add_course (fx, "Literacy circles", "Fall 2026");
  g_autoptr (PdnProgram) other = add_program (fx, "{}");
  g_autoptr (PdnSession) session = new_session (fx, course, "2026-10-06");
  g_autoptr (GError) error = NULL;

  g_free (session->starts_at);
  g_free (session->ends_at);
  session->starts_at = g_strdup ("2026-10-07T01:00:00Z");
  session->ends_at = g_strdup ("2026-10-07T02:30:00Z");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (session->local_date, ==, "2026-10-06");

  g_array_set_size (session->facilitator_ids, 0);
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids");

  pdn_session_add_facilitator (session, fx->leaders[0]);
  g_assert_false (validate_session (fx, session, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_nonnull (strstr (error->message, "Leader 0 is not a teacher-leader"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids[0]");

  /* A leader of another program does not lead this one's courses. */
  record_leader (fx, other->id, fx->leaders[0], "2026-06-01", "2026-08-20");
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids[0]");

  record_leader (fx, fx->program->id, fx->leaders[0], "2026-06-01", "2026-10-06");
  record_leader (fx, fx->program->id, fx->leaders[1], "2026-06-01", NULL);
  record_leader (fx, fx->program->id, fx->leaders[2], "2026-06-01", "2026-10-07");
  g_assert_true (validate_session (fx, session, &error));
  g_assert_no_error (error);

  pdn_session_add_facilitator (session, fx->leaders[1]);
  g_assert_false (validate_session (fx, session, &error));
  g_assert_nonnull (strstr (error->message, "Leader 1 has no training recorded"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids[1]");

  g_array_index (session->facilitator_ids, gint64, 1) = fx->leaders[2];
  g_assert_false (validate_session (fx, session, &error));
  g_assert_nonnull (strstr (error->message, "trained on 2026-10-07"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids[1]");

  pdn_session_add_facilitator (session, fx->leaders[0]);
  g_assert_false (validate_session (fx, session, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids");
}

/* At most sessions_per_course sessions that are not cancelled. */
static void
test_course_room (Fixture *fx, gconstpointer data)
{
  gint64 course = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 ids[5];
  g_autoptr (PdnSession) sixth = NULL;
  g_autoptr (PdnSession) first = NULL;
  g_autoptr (GError) error = NULL;

  record_leader (fx, fx->program->id, fx->leaders[0], "2026-06-01", "2026-08-20");
  add_course_sessions (fx, course, 6, ids);
  sixth = new_session (fx, course, "2026-11-10");
  g_assert_false (validate_session (fx, sixth, &error));
  g_assert_nonnull (strstr (error->message, "already has 5 sessions"));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "series_id");

  /* A session already in the course is one of the five. */
  first = pdn_session_load (fx->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_true (validate_session (fx, first, &error));
  g_assert_no_error (error);

  /* A cancelled session takes no room: it may be replaced. */
  sixth->state = PDN_SESSION_STATE_CANCELLED;
  g_assert_true (validate_session (fx, sixth, &error));
  g_assert_no_error (error);
  sixth->state = PDN_SESSION_STATE_SCHEDULED;
  pdn_test_exec (fx->store, "UPDATE sessions SET state = 'cancelled' WHERE id = (SELECT "
                            "MIN(id) FROM sessions)");
  g_assert_true (validate_session (fx, sixth, &error));
  g_assert_no_error (error);
}

/* ---- teacher-leader records ---- */

static void
test_leader_records (Fixture *fx, gconstpointer data)
{
  const struct
  {
    const gchar *selected_on;
    const gchar *trained_on;
    const gchar *field;
  } refused[] = {
    { NULL, NULL, "selected_on" },
    { "June 1", NULL, "selected_on" },
    { "2026-02-30", NULL, "selected_on" },
    { "2026-06-01", "2026-13-01", "trained_on" },
    { "2026-06-01", "2026-05-31", "trained_on" },
  };
  g_auto (PdnTeacherLeader) loaded = { 0 };
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PdnTeacherLeader leader = { .program_id = fx->program->id,
                                  .person_id = fx->leaders[0],
                                  .selected_on = (gchar *) refused[i].selected_on,
                                  .trained_on = (gchar *) refused[i].trained_on };

      g_assert_false (pdn_teacher_leader_insert (fx->context, &leader, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, refused[i].field);
    }
  {
    PdnTeacherLeader nobody = { .program_id = fx->program->id,
                                .person_id = 999999,
                                .selected_on = (gchar *) "2026-06-01" };

    g_assert_false (pdn_teacher_leader_insert (fx->context, &nobody, &error));
    pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, "person_id");
  }
  record_leader (fx, fx->program->id, fx->leaders[1], "2026-06-01", NULL);
  record_leader (fx, fx->program->id, fx->leaders[0], "2026-05-15", "2026-08-20");
  {
    PdnTeacherLeader again = { .program_id = fx->program->id,
                               .person_id = fx->leaders[0],
                               .selected_on = (gchar *) "2026-06-01" };

    g_assert_false (pdn_teacher_leader_insert (fx->context, &again, &error));
    g_assert_nonnull (strstr (error->message, "Leader 0 is already a teacher-leader"));
    pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");
  }
  g_assert_true (pdn_teacher_leader_load (fx->context, fx->program->id, fx->leaders[1], &loaded,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (loaded.selected_on, ==, "2026-06-01");
  g_assert_null (loaded.trained_on);
  loaded.trained_on = g_strdup ("2026-08-21");
  g_assert_true (pdn_teacher_leader_update (fx->context, &loaded, &error));
  g_assert_no_error (error);

  list = pdn_teacher_leader_list (fx->context, fx->program->id, &error);
  g_assert_no_error (error);
  {
    JsonArray *items = json_object_get_array_member (json_node_get_object (list), "items");
    JsonObject *first, *second;

    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    first = json_array_get_object_element (items, 0);
    second = json_array_get_object_element (items, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Leader 0");
    g_assert_cmpstr (json_object_get_string_member (first, "trained_on"), ==, "2026-08-20");
    g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "Leader 1");
    g_assert_cmpstr (json_object_get_string_member (second, "trained_on"), ==, "2026-08-21");
  }
  g_assert_false (pdn_teacher_leader_load (fx->context, fx->program->id, fx->teacher, &loaded,
                                           &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, "person_id");
}

/* ---- registration ---- */

static void
test_one_course_per_term (Fixture *fx, gconstpointer data)
{
  gint64 circles = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 math = add_course (fx, "Math talk", "Fall 2026");
  gint64 restorative = add_course (fx, "Restorative practices", "Spring 2027");
  g_autoptr (PdnProgram) other = add_program (fx, "{}");
  gint64 elsewhere = add_series (fx, other->id, "Elsewhere", "course", "Fall 2026");
  gint64 circles_sessions[5], math_sessions[5];
  gint64 spring = add_session (fx, restorative, "2027-02-02");
  g_autoptr (PdnSession) elsewhere_session = new_session (fx, elsewhere, "2026-10-08");
  gint64 other_session;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *expected = NULL;

  elsewhere_session->program_id = other->id;
  other_session = save_session (fx, elsewhere_session);
  add_course_sessions (fx, circles, 6, circles_sessions);
  add_course_sessions (fx, math, 7, math_sessions);
  g_assert_true (check_registration (fx, fx->store, math_sessions[0], fx->teacher, &error));
  g_assert_no_error (error);

  pdn_test_add_registration (fx->store, circles_sessions[0], fx->teacher, "registered");
  /* The rest of the same course, another term, another program: fine. */
  g_assert_true (check_registration (fx, fx->store, circles_sessions[1], fx->teacher, &error));
  g_assert_true (check_registration (fx, fx->store, spring, fx->teacher, &error));
  g_assert_true (check_registration (fx, fx->store, other_session, fx->teacher, &error));
  g_assert_no_error (error);

  g_assert_false (check_registration (fx, fx->store, math_sessions[2], fx->teacher, &error));
  expected = g_strdup_printf ("Ana Teacher is already registered for the course “Literacy "
                              "circles” (series %lld) in Fall 2026",
                              (long long) circles);
  g_assert_true (g_str_has_prefix (error->message, expected));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "session_id");

  /* A waitlist place holds the course too; a cancelled one does not. */
  pdn_test_exec (fx->store, "UPDATE registrations SET status = 'waitlisted'");
  g_assert_false (check_registration (fx, fx->store, math_sessions[0], fx->teacher, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "session_id");
  pdn_test_exec (fx->store, "UPDATE registrations SET status = 'cancelled'");
  g_assert_true (check_registration (fx, fx->store, math_sessions[0], fx->teacher, &error));
  g_assert_no_error (error);
}

/* The core's registrar with the type's check, as pdnetd has it. */
static gboolean
registrar_check (PdnStore *store, PdnSession *session, gint64 person_id, gpointer user_data,
                 GError **error)
{
  return check_registration (user_data, store, session->id, person_id, error);
}

typedef struct
{
  Fixture *fx;
  PdnRegistrar *registrar;
  gint64 session_id;
  gint64 person_id;
  GMutex *lock;
  GCond *go;
  gint *waiting;
  GError *error; /* the outcome */
  gboolean registered;
} Racer;

/* Each racer waits for the other, then registers on its own connection. */
static gpointer
race (gpointer data)
{
  Racer *racer = data;
  g_autoptr (PdnSession) session = NULL;
  g_autoptr (PdnRegistration) registration = NULL;
  gboolean created = FALSE;
  gint64 position = 0;

  session = pdn_session_load (racer->fx->store, racer->session_id, &racer->error);
  g_assert_nonnull (session);
  g_mutex_lock (racer->lock);
  if (--*racer->waiting == 0)
    g_cond_broadcast (racer->go);
  while (*racer->waiting > 0)
    g_cond_wait (racer->go, racer->lock);
  g_mutex_unlock (racer->lock);
  registration = pdn_registrar_register (racer->registrar, racer->fx->store, session,
                                         racer->person_id, 0, &created, &position,
                                         &racer->error);
  racer->registered = registration != NULL;
  return NULL;
}

/* Acceptance: two registrations of one teacher for two courses of a term,
 * at the same moment on two connections: the check runs inside each
 * registration's write transaction, so exactly one wins, every time. */
static void
test_racing_registrations (Fixture *fx, gconstpointer data)
{
  g_autoptr (PdnRegistrar) registrar = pdn_registrar_new ();
  gint64 circles = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 math = add_course (fx, "Math talk", "Fall 2026");
  gint64 circles_session = add_session (fx, circles, "2030-10-01");
  gint64 math_session = add_session (fx, math, "2030-10-02");

  pdn_registrar_add_check (registrar, registrar_check, fx, NULL);
  for (guint round = 0; round < 20; round++)
    {
      g_autofree gchar *email = g_strdup_printf ("racer%u@district.example", round);
      gint64 person = pdn_test_add_person (fx->store, email);
      GMutex lock;
      GCond go;
      gint waiting = 2;
      Racer racers[2] = {
        { fx, registrar, circles_session, person, &lock, &go, &waiting, NULL, FALSE },
        { fx, registrar, math_session, person, &lock, &go, &waiting, NULL, FALSE },
      };
      GThread *threads[2];
      guint winners = 0;

      g_mutex_init (&lock);
      g_cond_init (&go);
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("racer", race, &racers[i]);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      for (guint i = 0; i < 2; i++)
        {
          if (racers[i].registered)
            {
              g_assert_no_error (racers[i].error);
              winners++;
            }
          else
            g_assert_error (racers[i].error, PDN_ERROR, PDN_ERROR_CONFLICT);
          g_clear_error (&racers[i].error);
        }
      g_assert_cmpuint (winners, ==, 1);
      g_assert_cmpint (pdn_test_query_int (fx->store,
                                           "SELECT COUNT(*) FROM registrations WHERE "
                                           "person_id = ? AND status <> 'cancelled'",
                                           person),
                       ==, 1);
      g_mutex_clear (&lock);
      g_cond_clear (&go);
    }
}

/* Registering for one session takes the course's other sessions that are
 * neither cancelled nor started, in order. */
static void
test_expand_to_course (Fixture *fx, gconstpointer data)
{
  gint64 course = add_course (fx, "Literacy circles", "Fall 2030");
  gint64 ids[5];
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PdnSession) asked = NULL;
  g_autoptr (JsonNode) program = pdn_api_program_json (fx->program);
  g_autoptr (JsonNode) session_json = NULL;
  g_autoptr (JsonObject) request = json_object_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree gchar *date = g_strdup_printf ("2030-10-%02u", 1 + 7 * i);
      ids[i] = add_session (fx, course, date);
    }
  /* The third is cancelled; the fifth moved into the past. */
  {
    g_autofree gchar *cancel = g_strdup_printf (
        "UPDATE sessions SET state = 'cancelled' WHERE id = %lld", (long long) ids[2]);
    g_autofree gchar *past = g_strdup_printf (
        "UPDATE sessions SET starts_at = '2020-01-01T00:00:00Z' WHERE id = %lld",
        (long long) ids[4]);
    pdn_test_exec (fx->store, cancel);
    pdn_test_exec (fx->store, past);
  }
  asked = pdn_session_load (fx->store, ids[1], &error);
  g_assert_no_error (error);
  session_json = pdn_api_session_json (asked, FALSE);
  g_assert_true (pdn_plugin_runner_expand_registration (
      fx->plugin, json_node_get_object (program), json_node_get_object (session_json),
      fx->teacher, request, people, sessions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpint (g_array_index (sessions, gint64, 0), ==, ids[0]);
  g_assert_cmpint (g_array_index (sessions, gint64, 1), ==, ids[3]);
}

/* ---- credit ---- */

/* Acceptance: 4 of 5 earns the program's hours and graduate credits,
 * 3 of 5 does not; absences never count, a partial session does. */
static void
test_credit_four_of_five (Fixture *fx, gconstpointer data)
{
  gint64 course = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 ids[5];

  add_course_sessions (fx, course, 6, ids);
  {
    g_autoptr (JsonObject) none = credit (fx);

    g_assert_false (json_object_get_boolean_member (none, "completed"));
    g_assert_cmpstr (json_object_get_string_member (none, "detail"), ==,
                     "No course session of this program attended yet.");
  }
  add_attendance (fx, ids[0], "present");
  add_attendance (fx, ids[1], "present");
  add_attendance (fx, ids[2], "partial");
  add_attendance (fx, ids[3], "absent");
  {
    g_autoptr (JsonObject) three = credit (fx);

    g_assert_false (json_object_get_boolean_member (three, "completed"));
    g_assert_cmpfloat (json_object_get_double_member (three, "hours"), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (three, "graduate_credits"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (three, "detail"), ==,
                     "“Literacy circles” (Fall 2026): attended 3 of 5 sessions; 4 needed for "
                     "the credit.");
  }
  add_attendance (fx, ids[4], "present");
  {
    g_autoptr (JsonObject) four = credit (fx);

    g_assert_true (json_object_get_boolean_member (four, "completed"));
    g_assert_cmpfloat (json_object_get_double_member (four, "hours"), ==, 15);
    g_assert_cmpfloat (json_object_get_double_member (four, "graduate_credits"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (four, "detail"), ==,
                     "“Literacy circles” (Fall 2026): attended 4 of 5 sessions, completed.");
  }
}

/* Each completed course earns the credit once; sessions of two courses do
 * not add up to one. */
static void
test_credit_per_course (Fixture *fx, gconstpointer data)
{
  gint64 fall = add_course (fx, "Literacy circles", "Fall 2026");
  gint64 spring = add_course (fx, "Restorative practices", "Spring 2027");
  gint64 fall_ids[5], spring_ids[5];
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) both = NULL;

  add_course_sessions (fx, fall, 6, fall_ids);
  add_course_sessions (fx, spring, 8, spring_ids);
  for (guint i = 0; i < 2; i++)
    {
      add_attendance (fx, fall_ids[i], "present");
      add_attendance (fx, spring_ids[i], "present");
    }
  first = credit (fx);
  g_assert_false (json_object_get_boolean_member (first, "completed"));
  for (guint i = 2; i < 5; i++)
    {
      add_attendance (fx, fall_ids[i], "present");
      add_attendance (fx, spring_ids[i], "present");
    }
  both = credit (fx);
  g_assert_true (json_object_get_boolean_member (both, "completed"));
  g_assert_cmpfloat (json_object_get_double_member (both, "hours"), ==, 30);
  g_assert_cmpfloat (json_object_get_double_member (both, "graduate_credits"), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/plugins/teacher-led/" path, Fixture, NULL, fixture_set_up, func,           \
              fixture_tear_down)
  ADD ("describe", test_describe);
  ADD ("migration", test_migration);
  ADD ("settings", test_settings);
  ADD ("course", test_course);
  ADD ("session-fields", test_session_fields);
  ADD ("facilitators", test_facilitators);
  ADD ("course-room", test_course_room);
  ADD ("leader-records", test_leader_records);
  ADD ("one-course-per-term", test_one_course_per_term);
  ADD ("racing-registrations", test_racing_registrations);
  ADD ("expand-to-course", test_expand_to_course);
  ADD ("credit-four-of-five", test_credit_four_of_five);
  ADD ("credit-per-course", test_credit_per_course);
#undef ADD
  return g_test_run ();
}
