/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test-api.h"
#include "pdn-test-burst.h"

/*
 * The whole-school program type through HTTP: the real pdnetd loading the
 * in-tree plugins (PDNET_PLUGIN_DIR). Enrollment with its requirements,
 * registration of teams only, coaching-call logs and fidelity, and who may
 * do each.
 */

static PdnTestWorld *world;

/* Seeded people: Lincoln Elementary (school A) and Harbor Charter (school
 * B) teams, a teacher at Maple K-8 (never enrolled), and a mentor. */
static gint64 school_c;
static gint64 leader_a, teacher_a1, teacher_a2, leader_b, teacher_b, maple_teacher, mentor;
static gchar *leader_a_token, *teacher_a1_token, *maple_token, *mentor_token;
/* A program next school year (registration) and one in 2024-25 (logs). */
static gint64 upcoming, past;
static gchar *next_year;

#define SETTINGS                                                                                 \
  "{\"model\":\"Northstar Learning Model\",\"core_elements\":[\"one-to-one-mentoring\","         \
  "\"project-based-learning\",\"individual-pathways\"],\"min_devices_per_student\":1,"           \
  "\"min_bandwidth_mbps_per_student\":1.5,\"min_teachers\":2,\"coaching_calls_per_month\":1,"    \
  "\"coaching_months\":[10,11,12,1,2,3]}"
#define READY "{\"devices_per_student\":1,\"bandwidth_mbps_per_student\":2}"
#define ALL_ELEMENTS                                                                             \
  "[\"one-to-one-mentoring\",\"project-based-learning\",\"individual-pathways\"]"

static gint64
add_person (const gchar *name, const gchar *role, gint64 school_id)
{
  g_autofree gchar *email = g_strdup_printf ("%s@whole-school.example", name);
  gint64 id = pdn_test_add_named_person (world->store, name, email);
  g_autofree gchar *sql = g_strdup_printf ("UPDATE people SET role = '%s' WHERE id = %lld", role,
                                           (long long) id);

  pdn_test_exec (world->store, sql);
  if (school_id > 0)
    {
      g_autofree gchar *affiliation = g_strdup_printf (
          "INSERT INTO affiliations (person_id, school_id) VALUES (%lld, %lld)", (long long) id,
          (long long) school_id);
      pdn_test_exec (world->store, affiliation);
    }
  return id;
}

/* "2027-28" when today is in 2026-27. */
static gchar *
year_after_this (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gint first = g_date_time_get_year (now) - (g_date_time_get_month (now) < 7 ? 1 : 0) + 1;

  return g_strdup_printf ("%04d-%02d", first, (first + 1) % 100);
}

static gint64
create_program (const gchar *year)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Northstar Learning Model\",\"type\":\"whole-school\","
      "\"lead_organization_id\":%lld,\"partner_organization_ids\":[%lld],"
      "\"school_year\":\"%s\",\"settings\":" SETTINGS "}",
      (long long) world->org_a, (long long) world->org_b, year);

  return pdn_test_api_create (world, "/programs", world->coord_a, body);
}

static void
setup_world (void)
{
  world = pdn_test_world_new ();
  school_c = pdn_test_add_school (world->store, world->org_a, "Maple K-8");
  leader_a = add_person ("Lena Leader", "school-leader", world->school_a);
  teacher_a1 = add_person ("Tom Teacher", "teacher", world->school_a);
  teacher_a2 = add_person ("Tia Teacher", "teacher", world->school_a);
  leader_b = add_person ("Bo Leader", "school-leader", world->school_b);
  teacher_b = add_person ("Bea Teacher", "teacher", world->school_b);
  maple_teacher = add_person ("Max Maple", "teacher", school_c);
  mentor = add_person ("Mia Mentor", "coach", 0);
  /* The world's teacher, Ana, teaches at Harbor Charter. */
  pdn_test_exec (world->store, "INSERT INTO affiliations (person_id, school_id)"
                               " SELECT p.id, s.id FROM people p, schools s"
                               " WHERE p.name = 'Ana Teacher' AND s.name = 'Harbor Charter'");
  leader_a_token
      = pdn_test_account_token (world->store, "Lena", PDN_LOGIN_ROLE_TEACHER, 0, leader_a);
  teacher_a1_token
      = pdn_test_account_token (world->store, "Tom", PDN_LOGIN_ROLE_TEACHER, 0, teacher_a1);
  maple_token
      = pdn_test_account_token (world->store, "Max", PDN_LOGIN_ROLE_TEACHER, 0, maple_teacher);
  mentor_token
      = pdn_test_account_token (world->store, "Mia", PDN_LOGIN_ROLE_LEAD, world->org_a, mentor);
  next_year = year_after_this ();
  upcoming = create_program (next_year);
  past = create_program ("2024-25");
}

static gchar *
team_a (void)
{
  return g_strdup_printf ("[{\"person_id\":%lld},{\"person_id\":%lld,\"grade_level\":\"3\"},"
                          "{\"person_id\":%lld,\"grade_level\":\"4\"}]",
                          (long long) leader_a, (long long) teacher_a1, (long long) teacher_a2);
}

static gchar *
team_b (void)
{
  return g_strdup_printf ("[{\"person_id\":%lld},{\"person_id\":%lld,\"role\":\"teacher\"},"
                          "{\"person_id\":%lld,\"role\":\"teacher\"}]",
                          (long long) leader_b, (long long) teacher_b,
                          (long long) world->teacher_person);
}

static gchar *
enrollment (gint64 school_id, const gchar *readiness, const gchar *commitments, const gchar *team,
            const gchar *extra)
{
  return g_strdup_printf ("{\"school_id\":%lld,\"readiness\":%s,\"commitments\":%s,\"team\":%s%s}",
                          (long long) school_id, readiness, commitments, team, extra);
}

static PdnTestReply *
post (const gchar *token, gint64 program_id, const gchar *subpath, const gchar *body)
{
  return pdn_test_api_call (world, "POST", token, body, "/programs/%lld/%s",
                            (long long) program_id, subpath);
}

static PdnTestReply *
get (const gchar *token, gint64 program_id, const gchar *subpath)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/programs/%lld/%s",
                            (long long) program_id, subpath);
}

/* ---- settings, series, sessions ---- */

static void
test_settings_checked (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"name\":\"Old settings\",\"type\":\"whole-school\",\"lead_organization_id\":%lld,"
      "\"school_year\":\"2024-25\",\"settings\":{\"core_elements\":[\"mentoring\"],"
      "\"adopting_schools\":[\"990010000162\"]}}",
      (long long) world->org_a);
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "POST", world->coord_a, body,
                                                      "/programs");
  g_autoptr (PdnTestReply) plugins = pdn_test_api_call (world, "GET", world->teacher, NULL,
                                                        "/plugins");
  g_autofree gchar *listed = json_to_string (plugins->node, FALSE);

  pdn_test_api_assert_problem (reply, 400, "invalid-input", "settings.adopting_schools");
  g_assert_nonnull (strstr (listed, "\"whole-school\""));
}

static void
test_kinds_checked (void)
{
  g_autofree gchar *series = g_strdup_printf (
      "{\"program_id\":%lld,\"title\":\"Fall\",\"kind\":\"workshop-series\"}", (long long) past);
  g_autofree gchar *call = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"coaching-call\",\"title\":\"Call\","
      "\"starts_at\":\"2024-10-09T20:45:00Z\",\"ends_at\":\"2024-10-09T21:45:00Z\","
      "\"time_zone\":\"America/Chicago\"}",
      (long long) past);
  g_autoptr (PdnTestReply) bad_series = pdn_test_api_call (world, "POST", world->coord_a, series,
                                                           "/series");
  g_autoptr (PdnTestReply) bad_call = pdn_test_api_call (world, "POST", world->coord_a, call,
                                                         "/sessions");

  pdn_test_api_assert_problem (bad_series, 422, "unprocessable", "kind");
  pdn_test_api_assert_problem (bad_call, 422, "unprocessable", "host_school_id");
}

/* ---- enrollment ---- */

/* Acceptance: an enrollment with two unmet requirements lists both. */
static void
test_enrollment_lists_unmet (void)
{
  g_autofree gchar *team = team_a ();
  g_autofree gchar *body = enrollment (
      world->school_a, "{\"devices_per_student\":0.6,\"bandwidth_mbps_per_student\":2}",
      "[\"one-to-one-mentoring\",\"individual-pathways\"]", team, "");
  g_autoptr (PdnTestReply) reply = post (world->coord_a, upcoming, "enrollments", body);
  JsonObject *problem = pdn_test_api_expect (reply, 422);
  const gchar *detail = json_object_get_string_member (problem, "detail");

  pdn_test_assert_problem (problem, 422, "unprocessable",
                           "readiness.devices_per_student,commitments");
  g_assert_nonnull (strstr (detail, "- readiness.devices_per_student: The school has 0.6 "
                                    "devices per student; the program requires at least 1\n"));
  g_assert_nonnull (strstr (detail, "- commitments: The school has not committed to "
                                    "“project-based-learning”"));
}

static void
test_enrollment_input (void)
{
  static const struct
  {
    const gchar *body;
    const gchar *field;
  } cases[] = {
    { "{\"readiness\":" READY ",\"commitments\":[],\"team\":[{\"person_id\":1}]}", "school_id" },
    { "{\"school_id\":1,\"readiness\":{\"devices_per_student\":-1,"
      "\"bandwidth_mbps_per_student\":2},\"commitments\":[],\"team\":[{\"person_id\":1}]}",
      "readiness.devices_per_student" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[\"laptops\"],"
      "\"team\":[{\"person_id\":1}]}",
      "commitments[0]" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[{\"person_id\":1,"
      "\"role\":\"boss\"}]}",
      "team[0].role" },
    { "{\"school_id\":1,\"readiness\":" READY ",\"commitments\":[],\"team\":[],\"x\":1}", "team" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = post (world->coord_a, upcoming, "enrollments",
                                             cases[i].body);

      g_test_message ("%s", cases[i].body);
      pdn_test_api_assert_problem (reply, 400, "invalid-input", cases[i].field);
    }
}

static void
test_enrollment_access (void)
{
  g_autofree gchar *team = team_a ();
  g_autofree gchar *body = enrollment (world->school_a, READY, ALL_ELEMENTS, team, "");
  g_autoptr (PdnTestReply) teacher = post (world->teacher, upcoming, "enrollments", body);
  g_autoptr (PdnTestReply) lead = post (world->lead_a, upcoming, "enrollments", body);
  g_autoptr (PdnTestReply) outside = post (world->coord_c, upcoming, "enrollments", body);
  g_autoptr (PdnTestReply) anonymous = post (NULL, upcoming, "enrollments", body);

  pdn_test_api_assert_problem (teacher, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (lead, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (outside, 403, "forbidden", NULL);
  pdn_test_api_assert_problem (anonymous, 401, "unauthorized", NULL);
}

static void
enroll (gint64 program_id, gint64 school_id, const gchar *team, const gchar *extra)
{
  g_autofree gchar *body = enrollment (school_id, READY, ALL_ELEMENTS, team, extra);
  g_autoptr (PdnTestReply) reply = post (world->coord_a, program_id, "enrollments", body);

  pdn_test_api_expect (reply, 201);
}

static void
test_enrollment_saved (void)
{
  g_autofree gchar *team = team_a ();
  g_autofree gchar *team_of_b = team_b ();
  g_autofree gchar *body = enrollment (world->school_a, READY, ALL_ELEMENTS, team, "");
  g_autoptr (PdnTestReply) created = post (world->coord_a, upcoming, "enrollments", body);
  g_autoptr (PdnTestReply) again = post (world->coord_a, upcoming, "enrollments", body);
  g_autoptr (PdnTestReply) list = NULL;
  g_autoptr (PdnTestReply) by_lead = NULL;
  g_autoptr (PdnTestReply) by_outsider = NULL;
  g_autoptr (PdnTestReply) one = NULL;
  g_autoptr (PdnTestReply) by_member = NULL;
  g_autoptr (PdnTestReply) by_other = NULL;
  g_autoptr (PdnTestReply) missing = NULL;
  g_autoptr (PdnTestReply) bad_id = NULL;
  g_autoptr (PdnTestReply) replaced = NULL;
  g_autofree gchar *path = g_strdup_printf ("enrollments/%lld", (long long) world->school_a);
  g_autofree gchar *smaller = g_strdup_printf (
      "{\"readiness\":{\"devices_per_student\":1.2,\"bandwidth_mbps_per_student\":3},"
      "\"commitments\":" ALL_ELEMENTS ",\"team\":[{\"person_id\":%lld},{\"person_id\":%lld},"
      "{\"person_id\":%lld}]}",
      (long long) leader_a, (long long) teacher_a2, (long long) teacher_a1);
  JsonObject *object = pdn_test_api_expect (created, 201);
  JsonArray *members = json_object_get_array_member (object, "team");
  JsonArray *items;

  g_assert_cmpstr (json_object_get_string_member (object, "school_name"), ==,
                   "Lincoln Elementary");
  g_assert_cmpuint (json_array_get_length (members), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0),
                                                  "role"),
                   ==, "leader");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1),
                                                  "name"),
                   ==, "Tom Teacher");
  pdn_test_api_assert_problem (again, 409, "conflict", "school_id");
  enroll (upcoming, world->school_b, team_of_b, "");

  list = get (world->coord_a, upcoming, "enrollments");
  items = json_object_get_array_member (pdn_test_api_expect (list, 200), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  /* By school name: Harbor Charter, then Lincoln Elementary. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0),
                                               "school_id"),
                   ==, world->school_b);
  by_lead = get (world->lead_a, upcoming, "enrollments");
  pdn_test_api_expect (by_lead, 200);
  by_outsider = get (world->coord_c, upcoming, "enrollments");
  pdn_test_api_assert_problem (by_outsider, 403, "forbidden", NULL);

  one = get (world->coord_b, upcoming, path);
  g_assert_cmpint (json_object_get_int_member (pdn_test_api_expect (one, 200), "school_id"), ==,
                   world->school_a);
  /* The school's own team sees it; others do not. */
  by_member = get (teacher_a1_token, upcoming, path);
  pdn_test_api_expect (by_member, 200);
  by_other = get (maple_token, upcoming, path);
  pdn_test_api_assert_problem (by_other, 403, "forbidden", NULL);
  missing = get (world->coord_a, upcoming, "enrollments/999999");
  pdn_test_api_assert_problem (missing, 404, "not-found", "school_id");
  bad_id = get (world->coord_a, upcoming, "enrollments/abc");
  g_assert_cmpuint (bad_id->status, >=, 400);
  g_assert_cmpuint (bad_id->status, <, 500);

  replaced = pdn_test_api_call (world, "PUT", world->coord_a, smaller, "/programs/%lld/%s",
                                (long long) upcoming, path);
  object = pdn_test_api_expect (replaced, 200);
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (object, "readiness"), "devices_per_student"),
                     ==, 1.2);
  g_assert_cmpint (json_object_get_int_member (
                       json_array_get_object_element (json_object_get_array_member (object, "team"),
                                                      1),
                       "person_id"),
                   ==, teacher_a2);
}

/* Enrollments sent at once: of two schools claiming the same teacher, one
 * team gets her; of two enrollments of one school, one is created. The
 * writes are serialized, so a check and its insert see no other's. */
static void
test_enrollment_races (void)
{
  enum { N = 6 };
  PdnTestBurstItem *items = g_new0 (PdnTestBurstItem, 2 * N);
  g_autofree gchar *path = g_strdup_printf ("/api/v1/programs/%lld/enrollments",
                                            (long long) upcoming);

  for (guint i = 0; i < N; i++)
    {
      g_autofree gchar *shared_name = g_strdup_printf ("Sam Shared %u", i);
      gint64 shared = add_person (shared_name, "teacher", 0);

      for (guint j = 0; j < 2; j++)
        {
          PdnTestBurstItem *item = &items[2 * i + j];
          g_autofree gchar *school_name = g_strdup_printf ("Race School %u-%u", i, j);
          gint64 school = pdn_test_add_school (world->store, world->org_a, school_name);
          g_autofree gchar *leader_name = g_strdup_printf ("Rita Race %u-%u", i, j);
          g_autofree gchar *teacher_name = g_strdup_printf ("Ray Race %u-%u", i, j);
          gint64 leader = add_person (leader_name, "school-leader", school);
          gint64 teacher = add_person (teacher_name, "teacher", school);
          g_autofree gchar *affiliation = g_strdup_printf (
              "INSERT INTO affiliations (person_id, school_id) VALUES (%lld, %lld)",
              (long long) shared, (long long) school);
          g_autofree gchar *team = g_strdup_printf (
              "[{\"person_id\":%lld},{\"person_id\":%lld},{\"person_id\":%lld}]",
              (long long) leader, (long long) teacher, (long long) shared);

          pdn_test_exec (world->store, affiliation);
          item->method = "POST";
          item->path = g_strdup (path);
          item->token = world->coord_a;
          /* The last pair is one school twice. */
          item->body = i == N - 1 && j == 1 ? g_strdup (items[2 * i].body)
                                            : enrollment (school, READY, ALL_ELEMENTS, team, "");
        }
    }
  pdn_test_burst_run (world->daemon->url, items, 2 * N, 2 * N, NULL, NULL);
  for (guint i = 0; i < N; i++)
    {
      PdnTestBurstItem *pair = &items[2 * i];
      guint won = pair[0].status == 201 ? 0 : 1;

      g_test_message ("pair %u: %u and %u", i, pair[0].status, pair[1].status);
      g_assert_cmpuint (pair[won].status, ==, 201);
      if (i == N - 1)
        {
          g_assert_cmpuint (pair[1 - won].status, ==, 409);
          continue;
        }
      g_assert_cmpuint (pair[1 - won].status, ==, 422);
      g_assert_nonnull (strstr (pair[1 - won].response, "is already on the team of Race School"));
    }
  g_assert_cmpint (pdn_test_query_int (world->store,
                                       "SELECT COUNT(*) FROM whole_school_team_members m"
                                       " JOIN people p ON p.id = m.person_id"
                                       " JOIN whole_school_enrollments e ON e.id = m.enrollment_id"
                                       " WHERE e.program_id = ? AND p.name LIKE 'Sam Shared %'",
                                       upcoming),
                   ==, N);
  pdn_test_burst_items_free (items, 2 * N);
}

/* ---- registration ---- */

static gint64
create_session (gint64 program_id, const gchar *kind, const gchar *day, gint64 host)
{
  g_autofree gchar *host_member
      = host > 0 ? g_strdup_printf (",\"host_school_id\":%lld", (long long) host) : g_strdup ("");
  g_autofree gchar *body = g_strdup_printf (
      "{\"program_id\":%lld,\"kind\":\"%s\",\"title\":\"%s\",\"starts_at\":\"%sT14:00:00Z\","
      "\"ends_at\":\"%sT21:00:00Z\",\"time_zone\":\"America/Chicago\"%s}",
      (long long) program_id, kind, kind, day, day, host_member);

  return pdn_test_api_create (world, "/sessions", world->coord_a, body);
}

static PdnTestReply *
register_for (const gchar *token, gint64 session_id, const gchar *body)
{
  return pdn_test_api_call (world, "POST", token, body, "/sessions/%lld/registrations",
                            (long long) session_id);
}

static gint64
registered (gint64 session_id)
{
  return pdn_test_query_int (world->store,
                             "SELECT COUNT(*) FROM registrations WHERE session_id = ?"
                             " AND status <> 'cancelled'",
                             session_id);
}

/* Acceptance: a teacher from a school not enrolled is refused, saying
 * why; a school leader on a team registers every member of it at once. */
static void
test_registration (void)
{
  g_autofree gchar *day = g_strdup_printf ("%.4s-08-03", next_year);
  g_autofree gchar *call_day = g_strdup_printf ("%.4s-10-13", next_year);
  gint64 training = create_session (upcoming, "summer-training", day, 0);
  gint64 call_b = create_session (upcoming, "coaching-call", call_day, world->school_b);
  g_autoptr (PdnTestReply) refused = register_for (maple_token, training, "{}");
  g_autoptr (PdnTestReply) not_leader = register_for (teacher_a1_token, training,
                                                      "{\"team\":true}");
  g_autoptr (PdnTestReply) bad_team = register_for (leader_a_token, training, "{\"team\":1}");
  g_autoptr (PdnTestReply) other_call = register_for (teacher_a1_token, call_b, "{}");
  g_autoptr (PdnTestReply) team = NULL;
  JsonObject *problem, *answer;
  JsonArray *expanded;

  problem = pdn_test_api_expect (refused, 422);
  pdn_test_assert_problem (problem, 422, "unprocessable", "person_id");
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"),
                            "Max Maple is not on the team of a school enrolled in this program"));
  pdn_test_api_assert_problem (not_leader, 422, "unprocessable", "team");
  pdn_test_api_assert_problem (bad_team, 400, "invalid-input", "team");
  problem = pdn_test_api_expect (other_call, 422);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"),
                            "This coaching call is with Harbor Charter"));
  /* Nothing of the refused requests stayed. */
  g_assert_cmpint (registered (training), ==, 0);

  team = register_for (leader_a_token, training, "{\"team\":true}");
  answer = pdn_test_api_expect (team, 201);
  g_assert_cmpint (json_object_get_int_member (answer, "person_id"), ==, leader_a);
  expanded = json_object_get_array_member (answer, "expanded");
  g_assert_cmpuint (json_array_get_length (expanded), ==, 2);
  g_assert_cmpint (registered (training), ==, 3);
  g_assert_cmpint (pdn_test_query_int (world->store,
                                       "SELECT COUNT(*) FROM registrations WHERE session_id = ?"
                                       " AND person_id IN (SELECT id FROM people"
                                       "  WHERE name IN ('Tom Teacher', 'Tia Teacher'))",
                                       training),
                   ==, 2);
}

/* ---- coaching calls and fidelity ---- */

static PdnTestReply *
log_call (const gchar *token, gint64 school_id, const gchar *date, const gchar *extra)
{
  g_autofree gchar *body = g_strdup_printf (
      "{\"school_id\":%lld,\"date\":\"%s\",\"duration_minutes\":45%s}", (long long) school_id,
      date, extra);

  return post (token, past, "coaching-calls", body);
}

static void
attend (gint64 session_id, gint64 person_id)
{
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO attendance (session_id, person_id, status, source, recorded_at)"
      " VALUES (%lld, %lld, 'present', 'roster', '2024-11-08T22:00:00Z')",
      (long long) session_id, (long long) person_id);

  pdn_test_exec (world->store, sql);
}

static void
test_coaching_calls (void)
{
  g_autofree gchar *team = team_a ();
  g_autoptr (PdnTestReply) not_enrolled = NULL;
  g_autoptr (PdnTestReply) by_teacher = NULL;
  g_autoptr (PdnTestReply) june = NULL;
  g_autoptr (PdnTestReply) logged = NULL;
  g_autoptr (PdnTestReply) with_session = NULL;
  g_autoptr (PdnTestReply) twice = NULL;
  g_autoptr (PdnTestReply) list = NULL;
  g_autoptr (PdnTestReply) page = NULL;
  g_autofree gchar *session_body = NULL;
  gint64 call_a;
  JsonObject *object;

  enroll (past, world->school_a, team, ",\"starts_on\":\"2024-10-01\"");
  not_enrolled = log_call (mentor_token, world->school_b, "2024-10-16", "");
  object = pdn_test_api_expect (not_enrolled, 422);
  pdn_test_assert_problem (object, 422, "unprocessable", "school_id");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "detail"),
                            "Harbor Charter is not enrolled in this program"));
  by_teacher = log_call (teacher_a1_token, world->school_a, "2024-10-16", "");
  pdn_test_api_assert_problem (by_teacher, 403, "forbidden", NULL);
  june = log_call (mentor_token, world->school_a, "2025-06-30", "");
  pdn_test_api_expect (june, 201);

  /* The mentor is the caller's person by default. */
  logged = log_call (mentor_token, world->school_a, "2024-10-16",
                     ",\"notes\":\"Mentoring blocks scheduled.\",\"commitments_kept\":"
                     ALL_ELEMENTS);
  object = pdn_test_api_expect (logged, 201);
  g_assert_cmpint (json_object_get_int_member (object, "mentor_person_id"), ==, mentor);
  g_assert_cmpstr (json_object_get_string_member (object, "mentor_name"), ==, "Mia Mentor");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "commitments_kept")),
                    ==, 3);

  call_a = create_session (past, "coaching-call", "2024-11-13", world->school_a);
  /* A coordinator without a person of its own names the mentor. */
  session_body = g_strdup_printf (",\"session_id\":%lld,\"mentor_person_id\":%lld",
                                  (long long) call_a, (long long) mentor);
  with_session = log_call (world->coord_a, world->school_a, "2024-11-13", session_body);
  object = pdn_test_api_expect (with_session, 201);
  g_assert_cmpint (json_object_get_int_member (object, "session_id"), ==, call_a);
  twice = log_call (world->coord_a, world->school_a, "2024-11-13", session_body);
  pdn_test_api_assert_problem (twice, 409, "conflict", "session_id");

  list = get (world->lead_a, past, "coaching-calls");
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (pdn_test_api_expect (list, 200), "items")),
                    ==, 3);
  page = get (world->coord_a, past, "coaching-calls?limit=2");
  object = pdn_test_api_expect (page, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==,
                    2);
  g_assert_false (json_node_is_null (json_object_get_member (object, "next_cursor")));
}

static JsonObject *
find_school (JsonObject *report, gint64 school_id)
{
  JsonArray *schools = json_object_get_array_member (report, "schools");

  for (guint i = 0; i < json_array_get_length (schools); i++)
    if (json_object_get_int_member (json_array_get_object_element (schools, i), "school_id")
        == school_id)
      return json_array_get_object_element (schools, i);
  g_assert_not_reached ();
}

static const gchar *
first_concern (JsonObject *school)
{
  JsonArray *concerns = json_object_get_array_member (school, "concerns");

  return json_array_get_length (concerns) > 0 ? json_array_get_string_element (concerns, 0)
                                              : NULL;
}

/* Acceptance: fidelity shows a school that keeps the sessions but drops
 * the coaching calls. Both teams attend the training and the convening;
 * Lincoln Elementary logs a call a month October to March, Harbor Charter
 * one in October. */
static void
test_fidelity (void)
{
  static const gchar *const months[] = { "2024-12-11", "2025-01-15", "2025-02-12",
                                         "2025-03-12" };
  g_autofree gchar *team = team_b ();
  gint64 training = create_session (past, "summer-training", "2024-08-05", 0);
  gint64 convening = create_session (past, "regional-convening", "2024-11-08", world->school_a);
  g_autoptr (PdnTestReply) logged = NULL;
  g_autoptr (PdnTestReply) report = NULL;
  g_autoptr (PdnTestReply) by_teacher = NULL;
  g_autoptr (PdnTestReply) bad_date = NULL;
  g_autoptr (PdnTestReply) unknown = NULL;
  JsonObject *object, *a, *b, *coaching, *sessions;

  enroll (past, world->school_b, team, ",\"starts_on\":\"2024-10-01\"");
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autoptr (PdnTestReply) reply = log_call (mentor_token, world->school_a, months[i], "");
      pdn_test_api_expect (reply, 201);
    }
  logged = log_call (mentor_token, world->school_b, "2024-10-23", "");
  pdn_test_api_expect (logged, 201);
  attend (training, leader_a);
  attend (convening, teacher_a1);
  attend (training, leader_b);
  attend (training, teacher_b);
  attend (convening, leader_b);

  report = get (world->lead_a, past, "fidelity?as_of=2025-04-30");
  object = pdn_test_api_expect (report, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==, "2025-04-30");
  a = find_school (object, world->school_a);
  b = find_school (object, world->school_b);
  /* October to March owed: 6. Lincoln: 2 earlier + 4 + the June call
   * (after April 30, not counted) = 6. Harbor: 1. */
  g_assert_null (first_concern (a));
  g_assert_cmpstr (first_concern (b), ==, "coaching-below-cadence");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "concerns")), ==, 1);
  coaching = json_object_get_object_member (b, "coaching");
  g_assert_cmpint (json_object_get_int_member (coaching, "calls_expected"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (coaching, "calls_held"), ==, 1);
  g_assert_true (json_object_get_boolean_member (coaching, "below_cadence"));
  sessions = json_object_get_object_member (b, "sessions");
  g_assert_cmpint (json_object_get_int_member (sessions, "held"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (sessions, "attended"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (a, "coaching"),
                                               "calls_held"),
                   ==, 6);

  by_teacher = get (world->teacher, past, "fidelity");
  pdn_test_api_assert_problem (by_teacher, 403, "forbidden", NULL);
  bad_date = get (world->coord_a, past, "fidelity?as_of=April");
  pdn_test_api_assert_problem (bad_date, 400, "invalid-input", "as_of");
  unknown = get (world->coord_a, past, "fidelity?school=1");
  pdn_test_api_assert_problem (unknown, 400, "invalid-input", "school");
}

/* What the team leader earned: the training day attended. */
static void
test_transcript (void)
{
  g_autoptr (PdnTestReply) reply = pdn_test_api_call (world, "GET", leader_a_token, NULL,
                                                      "/me/transcript");
  JsonArray *programs = json_object_get_array_member (pdn_test_api_expect (reply, 200),
                                                      "programs");
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *entry = json_array_get_object_element (programs, i);

      if (json_object_get_int_member (entry, "program_id") != past)
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (entry, "completed"));
      g_assert_cmpfloat (json_object_get_double_member (entry, "hours"), ==, 7);
    }
  g_assert_true (found);
}

/* Last: the daemon stops cleanly, with nothing from a sanitizer (in an
 * ASan/UBSan build) or a misbehaving hook in its log. */
static void
test_daemon_clean (void)
{
  g_autofree gchar *log = NULL;

  g_assert_cmpint (pdn_test_daemon_stop (world->daemon, NULL), ==, 0);
  log = pdn_test_daemon_log (world->daemon);
  g_assert_null (strstr (log, "runtime error"));
  g_assert_null (strstr (log, "Sanitizer"));
  g_assert_null (strstr (log, "plugin whole-school"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setup_world ();
  g_test_add_func ("/whole-school/api/settings-checked", test_settings_checked);
  g_test_add_func ("/whole-school/api/kinds-checked", test_kinds_checked);
  g_test_add_func ("/whole-school/api/enrollment-lists-unmet", test_enrollment_lists_unmet);
  g_test_add_func ("/whole-school/api/enrollment-input", test_enrollment_input);
  g_test_add_func ("/whole-school/api/enrollment-access", test_enrollment_access);
  g_test_add_func ("/whole-school/api/enrollment-saved", test_enrollment_saved);
  g_test_add_func ("/whole-school/api/enrollment-races", test_enrollment_races);
  g_test_add_func ("/whole-school/api/registration", test_registration);
  g_test_add_func ("/whole-school/api/coaching-calls", test_coaching_calls);
  g_test_add_func ("/whole-school/api/fidelity", test_fidelity);
  g_test_add_func ("/whole-school/api/transcript", test_transcript);
  g_test_add_func ("/whole-school/api/daemon-clean", test_daemon_clean);
  status = g_test_run ();
  g_free (leader_a_token);
  g_free (teacher_a1_token);
  g_free (maple_token);
  g_free (mentor_token);
  g_free (next_year);
  pdn_test_world_free (world);
  return status;
}
