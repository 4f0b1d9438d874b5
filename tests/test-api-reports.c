/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-participation.h"
#include "pdn-test-api.h"

/*
 * /api/v1/reports/participation against the real pdnetd: figures checked
 * against a hand-counted fixture (a teacher who moves schools mid-year is
 * credited to both; a session late on New Year's Eve in Chicago counts on
 * its local date), grouping by sector and organization, CSV, who may run
 * which report, and every query parameter's rules.
 */

static PdnTestWorld *world;
static gchar *lead_riverton, *lead_beacon, *coord_riverton;

/* Written with plain SQL, independently of the models; high ids keep
 * clear of the rows PdnTestWorld makes.
 *
 * Organizations: Riverton (100, a district), Beacon (101, a charter
 * network), the Diocese of St. Anne (102).
 * Schools: Adams (1000) and Baker (1001) of Riverton, Beacon Prep (1002),
 * St. Anne School (1003, catholic, no headcount that year).
 * Programs: 300 Saturday Workshops led by Riverton with Beacon as a
 * partner; 301 led by Beacon; 302 led by Riverton the next year.
 * The mover teaches at Adams until 2025-12-31, then at Baker. */
static const gchar fixture_sql[] =
  "INSERT INTO organizations (id, name, slug, kind, created_at) VALUES"
  " (100, 'Riverton Public Schools', 'riverton', 'district', '2025-01-01T00:00:00Z'),"
  " (101, 'Beacon Charter Network', 'beacon', 'cmo', '2025-01-01T00:00:00Z'),"
  " (102, 'Diocese of St. Anne', 'st-anne', 'diocese', '2025-01-01T00:00:00Z');"
  "INSERT INTO school_years (label, starts_on, ends_on) VALUES"
  " ('2024-25', '2024-07-01', '2025-06-30'),"
  " ('2025-26', '2025-07-01', '2026-06-30'), ('2026-27', '2026-07-01', '2027-06-30');"
  "INSERT INTO schools (id, name, sector, organization_id, external_id, created_at) VALUES"
  " (1000, 'Adams Elementary', 'district', 100, 'RPS-10', '2025-01-01T00:00:00Z'),"
  " (1001, 'Baker Middle', 'district', 100, 'RPS-11', '2025-01-01T00:00:00Z'),"
  " (1002, 'Beacon Prep', 'charter', 101, 'BCN-12', '2025-01-01T00:00:00Z'),"
  " (1003, 'St. Anne School', 'catholic', 102, 'SA-1', '2025-01-01T00:00:00Z');"
  "INSERT INTO school_year_facts (school_id, school_year, teacher_headcount, sector,"
  " organization_id) VALUES"
  " (1000, '2025-26', 40, 'district', 100), (1001, '2025-26', 25, 'district', 100),"
  " (1002, '2025-26', 20, 'charter', 101), (1003, '2025-26', NULL, 'catholic', 102);"
  "INSERT INTO people (id, name, email, email_key, role, created_at) VALUES"
  " (2000, 'Mover', 'mover@r.org', 'mover@r.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (2001, 'Ana', 'ana@r.org', 'ana@r.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (2002, 'Coach', 'coach@r.org', 'coach@r.org', 'coach', '2025-01-01T00:00:00Z'),"
  " (2003, 'Principal', 'p@r.org', 'p@r.org', 'school-leader', '2025-01-01T00:00:00Z'),"
  " (2004, 'Admin', 'admin@r.org', 'admin@r.org', 'district-admin', '2025-01-01T00:00:00Z'),"
  " (2005, 'Bea', 'bea@b.org', 'bea@b.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (2006, 'Clare', 'clare@s.org', 'clare@s.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (2007, 'Outsider', 'out@x.org', 'out@x.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (2008, 'Waiting', 'wait@r.org', 'wait@r.org', 'teacher', '2025-01-01T00:00:00Z');"
  "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) VALUES"
  " (2000, 1000, NULL, '2025-12-31'), (2000, 1001, '2026-01-01', NULL),"
  " (2001, 1000, '2020-08-15', NULL), (2002, 1000, NULL, NULL), (2003, 1000, NULL, NULL),"
  " (2004, 1001, NULL, NULL), (2005, 1002, NULL, NULL), (2006, 1003, NULL, NULL),"
  " (2008, 1001, NULL, NULL);"
  "INSERT INTO programs (id, name, type, lead_organization_id, school_year, created_at) VALUES"
  " (300, 'Saturday Workshops', 'workshop-series', 100, '2025-26', '2025-01-01T00:00:00Z'),"
  " (301, 'Charter Institute', 'teacher-led', 101, '2025-26', '2025-01-01T00:00:00Z'),"
  " (302, 'Next Year', 'workshop-series', 100, '2026-27', '2025-01-01T00:00:00Z');"
  "INSERT INTO program_partners (program_id, organization_id) VALUES (300, 101);"
  /* 400: 3 h in October. 401: 2 h in February. 404: 1 h at 21:00 on New
   * Year's Eve in Chicago, already 2026-01-01 in UTC. 402: 90 min of
   * program 301. 403: program 302, the next year. */
  "INSERT INTO sessions (id, program_id, kind, title, starts_at, ends_at, time_zone, local_date,"
  " state, check_in_code, created_at, updated_at) VALUES"
  " (400, 300, 'workshop', 'Oct', '2025-10-04T14:00:00Z', '2025-10-04T17:00:00Z',"
  "  'America/Chicago', '2025-10-04', 'scheduled', 'RPT400', '2025-01-01T00:00:00Z',"
  "  '2025-01-01T00:00:00Z'),"
  " (401, 300, 'workshop', 'Feb', '2026-02-07T15:00:00Z', '2026-02-07T17:00:00Z',"
  "  'America/Chicago', '2026-02-07', 'scheduled', 'RPT401', '2025-01-01T00:00:00Z',"
  "  '2025-01-01T00:00:00Z'),"
  " (402, 301, 'course', 'Charter', '2025-11-08T15:00:00Z', '2025-11-08T16:30:00Z',"
  "  'America/Chicago', '2025-11-08', 'scheduled', 'RPT402', '2025-01-01T00:00:00Z',"
  "  '2025-01-01T00:00:00Z'),"
  " (403, 302, 'workshop', 'Next', '2026-10-03T14:00:00Z', '2026-10-03T17:00:00Z',"
  "  'America/Chicago', '2026-10-03', 'scheduled', 'RPT403', '2025-01-01T00:00:00Z',"
  "  '2025-01-01T00:00:00Z'),"
  " (404, 300, 'workshop', 'Eve', '2026-01-01T03:00:00Z', '2026-01-01T04:00:00Z',"
  "  'America/Chicago', '2025-12-31', 'scheduled', 'RPT404', '2025-01-01T00:00:00Z',"
  "  '2025-01-01T00:00:00Z');"
  "INSERT INTO attendance (session_id, person_id, status, minutes, source, recorded_at) VALUES"
  " (400, 2000, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"  /* Adams 180 */
  " (400, 2001, 'partial', 90, 'roster', '2025-10-04T17:00:00Z'),"    /* Adams 90 */
  " (400, 2002, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"  /* Adams coach 180 */
  " (400, 2003, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"  /* Adams leader 180 */
  " (400, 2005, 'absent', NULL, 'roster', '2025-10-04T17:00:00Z'),"   /* not counted */
  " (400, 2007, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"  /* no school */
  " (404, 2000, 'present', NULL, 'roster', '2026-01-01T04:00:00Z'),"  /* Adams 60 */
  " (401, 2000, 'present', 100, 'check-in', '2026-02-07T17:00:00Z')," /* Baker 100 */
  " (401, 2001, 'partial', NULL, 'roster', '2026-02-07T17:00:00Z'),"  /* Adams 0 */
  " (401, 2004, 'present', NULL, 'roster', '2026-02-07T17:00:00Z'),"  /* Baker admin 120 */
  " (401, 2005, 'present', NULL, 'roster', '2026-02-07T17:00:00Z'),"  /* Beacon Prep 120 */
  " (401, 2006, 'present', NULL, 'roster', '2026-02-07T17:00:00Z'),"  /* St. Anne 120 */
  " (402, 2005, 'present', NULL, 'roster', '2025-11-08T16:30:00Z'),"  /* Beacon Prep 90 */
  " (402, 2001, 'present', NULL, 'roster', '2025-11-08T16:30:00Z'),"  /* Adams 90 */
  " (403, 2001, 'present', NULL, 'roster', '2026-10-03T17:00:00Z');"  /* next year */
  "INSERT INTO registrations (session_id, person_id, status, created_at) VALUES"
  " (400, 2000, 'registered', '2025-09-01T00:00:00Z'),"
  " (400, 2001, 'registered', '2025-09-01T00:00:00Z'),"
  " (401, 2000, 'registered', '2025-09-01T00:00:00Z'),"
  " (401, 2005, 'registered', '2025-09-01T00:00:00Z'),"
  " (401, 2008, 'waitlisted', '2025-09-01T00:00:00Z'),"
  " (402, 2005, 'registered', '2025-09-01T00:00:00Z');";

static void
load_fixture (void)
{
  g_auto (GStrv) statements = g_strsplit (fixture_sql, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autofree gchar *sql = g_strstrip (g_strdup (statements[i]));

      if (sql[0] != '\0')
        pdn_test_exec (world->store, sql);
    }
}

/* ---- calls ---- */

static PdnTestReply *
report (const gchar *token, const gchar *query)
{
  return pdn_test_api_call (world, "GET", token, NULL, "/reports/participation?%s", query);
}

static JsonObject *
report_ok (PdnTestReply *reply)
{
  return pdn_test_api_expect (reply, 200);
}

/* A reply whose body need not be JSON. */
typedef struct
{
  guint status;
  gchar *type;
  gchar *disposition;
  gchar *vary;
  gchar *body;
} RawReply;

static void
raw_reply_free (RawReply *reply)
{
  g_free (reply->type);
  g_free (reply->disposition);
  g_free (reply->vary);
  g_free (reply->body);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawReply, raw_reply_free)

static RawReply *
report_accepting (const gchar *token, const gchar *accept, const gchar *query)
{
  g_autofree gchar *uri
      = g_strconcat (world->daemon->url, PDN_API_PREFIX "/reports/participation?", query, NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree gchar *authorization = g_strconcat ("Bearer ", token, NULL);
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (msg);
  SoupMessageHeaders *headers;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  RawReply *reply = g_new0 (RawReply, 1);

  soup_message_headers_replace (request_headers, "Authorization", authorization);
  if (accept != NULL)
    soup_message_headers_replace (request_headers, "Accept", accept);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  headers = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  reply->type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  reply->disposition = g_strdup (soup_message_headers_get_one (headers, "Content-Disposition"));
  reply->vary = g_strdup (soup_message_headers_get_one (headers, "Vary"));
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return reply;
}

/* ---- reading a report ---- */

static JsonObject *
find_row (JsonObject *report_object, const gchar *member, const gchar *value)
{
  JsonArray *rows = json_object_get_array_member (report_object, "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonNode *node = json_object_get_member (row, member);
      g_autofree gchar *text = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      text = json_node_get_value_type (node) == G_TYPE_STRING
                 ? g_strdup (json_node_get_string (node))
                 : g_strdup_printf ("%lld", (long long) json_node_get_int (node));
      if (g_str_equal (text, value))
        return row;
    }
  g_error ("no row with %s = %s", member, value);
  return NULL;
}

static guint
n_rows (JsonObject *report_object)
{
  return json_array_get_length (json_object_get_array_member (report_object, "rows"));
}

static gint64
get_int (JsonObject *row, const gchar *name)
{
  return json_object_get_int_member (row, name);
}

static gboolean
is_null (JsonObject *row, const gchar *name)
{
  JsonNode *node = json_object_get_member (row, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node);
}

/* The counted figures of a row, in one assertion each. */
typedef struct
{
  gint64 teachers, leaders, admins, registered, attendances, minutes, headcount;
} Figures;

static void
assert_figures (JsonObject *row, Figures expected)
{
  g_assert_cmpint (get_int (row, "teachers_attended"), ==, expected.teachers);
  g_assert_cmpint (get_int (row, "leaders_attended"), ==, expected.leaders);
  g_assert_cmpint (get_int (row, "admins_attended"), ==, expected.admins);
  g_assert_cmpint (get_int (row, "teachers_registered"), ==, expected.registered);
  g_assert_cmpint (get_int (row, "teacher_attendances"), ==, expected.attendances);
  g_assert_cmpint (get_int (row, "minutes_attended"), ==, expected.minutes);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "hours_attended"),
                                  expected.minutes / 60.0, 1e-9);
  if (expected.headcount < 0)
    {
      g_assert_true (is_null (row, "teacher_headcount"));
      g_assert_true (is_null (row, "participation_rate"));
    }
  else
    {
      g_assert_cmpint (get_int (row, "teacher_headcount"), ==, expected.headcount);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "participation_rate"),
                                      (gdouble) expected.teachers / expected.headcount, 1e-9);
    }
}

static void
assert_program_ids (JsonObject *report_object, const gint64 *ids, guint n)
{
  JsonArray *array = json_object_get_array_member (report_object, "program_ids");

  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (json_array_get_int_element (array, i), ==, ids[i]);
}

/* ---- tests ---- */

/* Program 300 in its own year, by school, counted by hand:
 * - Adams: the mover (October, and New Year's Eve, which is still 2025
 *   in Chicago), Ana (October partial, February partial without
 *   minutes) and the coach: 3 teachers, 5 attendances; the principal;
 *   minutes 180 + 60 + 90 + 0 + 180 + 180 = 690; registered: the mover
 *   and Ana; headcount 40.
 * - Baker: the mover in February (100 min) and the district admin (120);
 *   the waitlisted teacher is not registered; headcount 25.
 * - Beacon Prep: Bea in February only (absent in October), 120 min.
 * - St. Anne: Clare, 120 min, headcount unknown.
 * The outsider has no school: no row. */
static void
test_by_school (void)
{
  static const gint64 program[] = { 300 };
  g_autoptr (PdnTestReply) reply = report (lead_riverton, "program_id=300");
  JsonObject *object = report_ok (reply);
  JsonObject *adams, *baker;
  JsonArray *rows;

  g_assert_cmpstr (json_object_get_string_member (object, "school_year"), ==, "2025-26");
  g_assert_cmpstr (json_object_get_string_member (object, "group_by"), ==, "school");
  assert_program_ids (object, program, 1);
  g_assert_cmpuint (n_rows (object), ==, 4);
  adams = find_row (object, "school_id", "1000");
  baker = find_row (object, "school_id", "1001");
  assert_figures (adams, (Figures){ 3, 1, 0, 2, 5, 690, 40 });
  assert_figures (baker, (Figures){ 1, 0, 1, 1, 1, 220, 25 });
  assert_figures (find_row (object, "school_id", "1002"), (Figures){ 1, 0, 0, 1, 1, 120, 20 });
  assert_figures (find_row (object, "school_id", "1003"), (Figures){ 1, 0, 0, 0, 1, 120, -1 });
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (adams, "sessions_per_teacher"),
                                  5.0 / 3.0, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (adams, "school_name"), ==, "Adams Elementary");
  g_assert_cmpstr (json_object_get_string_member (adams, "school_external_id"), ==, "RPS-10");
  g_assert_cmpstr (json_object_get_string_member (adams, "sector"), ==, "district");
  g_assert_cmpint (get_int (adams, "organization_id"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (adams, "organization_name"), ==,
                   "Riverton Public Schools");

  /* By organization name, then sector, then school name. */
  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpint (get_int (json_array_get_object_element (rows, 0), "school_id"), ==, 1002);
  g_assert_cmpint (get_int (json_array_get_object_element (rows, 1), "school_id"), ==, 1003);
  g_assert_cmpint (get_int (json_array_get_object_element (rows, 2), "school_id"), ==, 1000);
  g_assert_cmpint (get_int (json_array_get_object_element (rows, 3), "school_id"), ==, 1001);
}

/* The mover is one district teacher, not two; the sums across schools
 * and across sectors agree where they should. */
static void
test_by_sector_and_organization (void)
{
  g_autoptr (PdnTestReply) schools = report (lead_riverton, "program_id=300&group_by=school");
  g_autoptr (PdnTestReply) sectors = report (lead_riverton, "program_id=300&group_by=sector");
  g_autoptr (PdnTestReply) organizations
      = report (lead_riverton, "program_id=300&group_by=organization");
  JsonObject *by_school = report_ok (schools);
  JsonObject *by_sector = report_ok (sectors);
  JsonObject *by_organization = report_ok (organizations);
  JsonObject *district = find_row (by_sector, "sector", "district");
  JsonObject *riverton = find_row (by_organization, "organization_id", "100");
  const gchar *additive[] = { "teacher_attendances", "minutes_attended", "leaders_attended",
                              "admins_attended" };

  g_assert_cmpstr (json_object_get_string_member (by_sector, "group_by"), ==, "sector");
  g_assert_cmpuint (n_rows (by_sector), ==, 3);
  /* District: the mover, Ana and the coach; 5 + 1 attendances; 690 + 220
   * minutes; every district school's headcount that year, 40 + 25. */
  assert_figures (district, (Figures){ 3, 1, 1, 2, 6, 910, 65 });
  assert_figures (find_row (by_sector, "sector", "charter"), (Figures){ 1, 0, 0, 1, 1, 120, 20 });
  assert_figures (find_row (by_sector, "sector", "catholic"),
                  (Figures){ 1, 0, 0, 0, 1, 120, -1 });
  g_assert_false (json_object_has_member (district, "school_id"));
  g_assert_false (json_object_has_member (district, "organization_id"));

  g_assert_cmpstr (json_object_get_string_member (by_organization, "group_by"), ==,
                   "organization");
  g_assert_cmpuint (n_rows (by_organization), ==, 3);
  assert_figures (riverton, (Figures){ 3, 1, 1, 2, 6, 910, 65 });
  g_assert_cmpstr (json_object_get_string_member (riverton, "organization_name"), ==,
                   "Riverton Public Schools");
  g_assert_false (json_object_has_member (riverton, "sector"));
  g_assert_false (json_object_has_member (riverton, "school_id"));
  assert_figures (find_row (by_organization, "organization_id", "101"),
                  (Figures){ 1, 0, 0, 1, 1, 120, 20 });
  assert_figures (find_row (by_organization, "organization_id", "102"),
                  (Figures){ 1, 0, 0, 0, 1, 120, -1 });

  /* Attendances, minutes and roles at one school each sum the same way
   * in every grouping; distinct teachers do not (the mover). */
  for (guint k = 0; k < G_N_ELEMENTS (additive); k++)
    {
      JsonObject *groupings[] = { by_school, by_sector, by_organization };
      gint64 sums[3] = { 0 };

      for (guint g = 0; g < 3; g++)
        {
          JsonArray *rows = json_object_get_array_member (groupings[g], "rows");
          for (guint i = 0; i < json_array_get_length (rows); i++)
            sums[g] += get_int (json_array_get_object_element (rows, i), additive[k]);
        }
      g_assert_cmpint (sums[0], ==, sums[1]);
      g_assert_cmpint (sums[0], ==, sums[2]);
    }
  g_assert_cmpint (get_int (district, "teachers_attended"), ==,
                   get_int (find_row (by_school, "school_id", "1000"), "teachers_attended")
                       + get_int (find_row (by_school, "school_id", "1001"),
                                  "teachers_attended")
                       - 1);
}

/* Without a program: every program the caller may report on that has
 * sessions in the year. */
static void
test_school_year_only (void)
{
  static const gint64 all[] = { 300, 301 };
  static const gint64 riverton[] = { 300 };
  static const gint64 beacon[] = { 301 };
  static const gint64 next_year[] = { 302 };

  /* Admin: programs 300 and 301 (302's session is the next year). Ana's
   * and Bea's session of 301 adds to Adams and Beacon Prep. */
  {
    g_autoptr (PdnTestReply) reply = report (world->admin, "school_year=2025-26");
    JsonObject *object = report_ok (reply);

    assert_program_ids (object, all, 2);
    assert_figures (find_row (object, "school_id", "1000"), (Figures){ 3, 1, 0, 2, 6, 780, 40 });
    assert_figures (find_row (object, "school_id", "1002"), (Figures){ 1, 0, 0, 1, 2, 210, 20 });
  }
  /* Riverton's lead: only what Riverton leads, so 300 alone, the same
   * figures as naming it. */
  {
    g_autoptr (PdnTestReply) reply = report (lead_riverton, "school_year=2025-26");
    g_autoptr (PdnTestReply) named = report (lead_riverton, "program_id=300");
    JsonObject *object = report_ok (reply);
    g_autofree gchar *text = json_to_string (reply->node, FALSE);
    g_autofree gchar *named_text = json_to_string (named->node, FALSE);

    report_ok (named);
    assert_program_ids (object, riverton, 1);
    g_assert_cmpstr (text, ==, named_text);
  }
  /* Beacon's lead: 301, which Beacon leads, and 300, where it partners,
   * so the same as the admin's report. */
  {
    g_autoptr (PdnTestReply) reply = report (lead_beacon, "school_year=2025-26");
    g_autoptr (PdnTestReply) admin = report (world->admin, "school_year=2025-26");
    g_autofree gchar *text = NULL;
    g_autofree gchar *admin_text = NULL;

    assert_program_ids (report_ok (reply), all, 2);
    report_ok (admin);
    text = json_to_string (reply->node, FALSE);
    admin_text = json_to_string (admin->node, FALSE);
    g_assert_cmpstr (text, ==, admin_text);
  }
  /* Riverton's coordinator: what Riverton leads or partners in. */
  {
    g_autoptr (PdnTestReply) reply = report (coord_riverton, "school_year=2025-26");

    assert_program_ids (report_ok (reply), riverton, 1);
  }
  /* Beacon alone, named. */
  {
    g_autoptr (PdnTestReply) reply = report (lead_beacon, "program_id=301");
    JsonObject *object = report_ok (reply);

    assert_program_ids (object, beacon, 1);
    g_assert_cmpuint (n_rows (object), ==, 2);
    assert_figures (find_row (object, "school_id", "1000"), (Figures){ 1, 0, 0, 0, 1, 90, 40 });
    assert_figures (find_row (object, "school_id", "1002"), (Figures){ 1, 0, 0, 1, 1, 90, 20 });
  }
  /* The next year: 302, Ana at Adams, no headcount that year. */
  {
    g_autoptr (PdnTestReply) reply = report (lead_riverton, "school_year=2026-27");
    JsonObject *object = report_ok (reply);

    assert_program_ids (object, next_year, 1);
    g_assert_cmpuint (n_rows (object), ==, 1);
    assert_figures (find_row (object, "school_id", "1000"), (Figures){ 1, 0, 0, 0, 1, 180, -1 });
  }
  /* A known year without sessions: an empty report. */
  {
    g_autoptr (PdnTestReply) reply = report (world->admin, "school_year=2024-25&group_by=sector");
    JsonObject *object = report_ok (reply);

    assert_program_ids (object, NULL, 0);
    g_assert_cmpuint (n_rows (object), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "school_year"), ==, "2024-25");
    g_assert_cmpstr (json_object_get_string_member (object, "group_by"), ==, "sector");
  }
  /* A program and another year: its sessions in that year (none). */
  {
    g_autoptr (PdnTestReply) reply = report (lead_riverton, "program_id=300&school_year=2026-27");
    JsonObject *object = report_ok (reply);

    g_assert_cmpuint (n_rows (object), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "school_year"), ==, "2026-27");
  }
}

static void
test_csv (void)
{
  static const gchar expected[]
      = "school_id,school_external_id,school_name,sector,organization,school_year,"
        "teachers_attended,leaders_attended,admins_attended,teachers_registered,"
        "hours_attended,sessions_per_teacher,teacher_headcount,participation_rate\r\n"
        "1002,BCN-12,Beacon Prep,charter,Beacon Charter Network,2025-26,1,0,0,1,2.00,1.00,20,"
        "0.0500\r\n"
        "1003,SA-1,St. Anne School,catholic,Diocese of St. Anne,2025-26,1,0,0,0,2.00,1.00,,\r\n"
        "1000,RPS-10,Adams Elementary,district,Riverton Public Schools,2025-26,3,1,0,2,11.50,"
        "1.67,40,0.0750\r\n"
        "1001,RPS-11,Baker Middle,district,Riverton Public Schools,2025-26,1,0,1,1,3.67,1.00,"
        "25,0.0400\r\n";
  g_autoptr (RawReply) csv = report_accepting (lead_riverton, "text/csv", "program_id=300");
  g_autoptr (RawReply) json = report_accepting (lead_riverton, NULL, "program_id=300");
  g_autoptr (RawReply) preferred
      = report_accepting (lead_riverton, "application/json;q=0.5, text/csv", "program_id=300");

  g_assert_cmpuint (csv->status, ==, 200);
  g_assert_cmpstr (csv->type, ==, "text/csv; charset=utf-8");
  g_assert_cmpstr (csv->disposition, ==,
                   "attachment; filename=\"participation-program-300-2025-26-by-school.csv\"");
  g_assert_cmpstr (csv->vary, ==, "Accept");
  g_assert_cmpstr (csv->body, ==, expected);
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (json->type, ==, "application/json");
  g_assert_null (json->disposition);
  g_assert_cmpuint (preferred->status, ==, 200);
  g_assert_cmpstr (preferred->body, ==, expected);

  /* By sector over a year: the header names the group only, and the
   * text is what `pdnet export participation` writes for the same
   * programs (one computation, one CSV writer). */
  {
    static const gint64 programs[] = { 300, 301 };
    g_autoptr (RawReply) sectors
        = report_accepting (world->admin, "text/csv", "school_year=2025-26&group_by=sector");
    g_autoptr (GError) error = NULL;
    g_autoptr (PdnParticipationReport) local = pdn_participation_compute (
        world->store, programs, G_N_ELEMENTS (programs), "2025-26", PDN_PARTICIPATION_BY_SECTOR,
        &error);
    g_autofree gchar *local_csv = NULL;

    g_assert_no_error (error);
    local_csv = pdn_participation_report_to_csv (local);
    g_assert_cmpuint (sectors->status, ==, 200);
    g_assert_cmpstr (sectors->disposition, ==,
                     "attachment; filename=\"participation-2025-26-by-sector.csv\"");
    g_assert_true (g_str_has_prefix (sectors->body,
                                     "sector,school_year,teachers_attended,leaders_attended,"));
    g_assert_cmpstr (sectors->body, ==, local_csv);
  }
  /* Problems stay problem+json whatever the client accepts. */
  {
    g_autoptr (RawReply) refused = report_accepting (world->teacher, "text/csv", "program_id=300");
    g_autoptr (RawReply) bad = report_accepting (lead_riverton, "text/csv", "group_by=city");

    g_assert_cmpuint (refused->status, ==, 403);
    g_assert_cmpstr (refused->type, ==, "application/problem+json");
    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_cmpstr (bad->type, ==, "application/problem+json");
  }
}

static void
test_access (void)
{
  const gchar *refused_everywhere[] = { world->coord_a, world->teacher };
  const gchar *queries[] = { "program_id=300", "program_id=301", "school_year=2025-26" };

  pdn_test_api_assert_needs_token (world, "GET", "/reports/participation?program_id=300", NULL);
  /* Teachers never; other organizations' coordinators not these programs
   * (an organization with none of them gets an empty year, below). */
  for (guint i = 0; i < G_N_ELEMENTS (refused_everywhere); i++)
    for (guint j = 0; j < 2; j++)
      {
        g_autoptr (PdnTestReply) reply = report (refused_everywhere[i], queries[j]);
        pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
      }
  {
    g_autoptr (PdnTestReply) reply = report (world->teacher, queries[2]);
    pdn_test_api_assert_problem (reply, 403, "forbidden", NULL);
  }
  /* Leads and coordinators of the lead or a partner organization: Beacon
   * partners in 300; Riverton has no part in 301. */
  {
    g_autoptr (PdnTestReply) partner = report (lead_beacon, "program_id=300");
    g_autoptr (PdnTestReply) other = report (lead_riverton, "program_id=301");
    g_autoptr (PdnTestReply) other_coord = report (coord_riverton, "program_id=301");
    g_autoptr (PdnTestReply) other_lead = report (world->lead_a, "program_id=300");
    g_autoptr (PdnTestReply) coordinator = report (coord_riverton, "program_id=300");
    g_autoptr (PdnTestReply) own = report (lead_beacon, "program_id=301");
    g_autoptr (PdnTestReply) admin = report (world->admin, "program_id=301&group_by=sector");

    report_ok (partner);
    pdn_test_api_assert_problem (other, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (other_coord, 403, "forbidden", NULL);
    pdn_test_api_assert_problem (other_lead, 403, "forbidden", NULL);
    report_ok (coordinator);
    report_ok (own);
    report_ok (admin);
  }
  /* Lead A's and coordinator A's organization has no part in any program
   * with sessions: an empty year. */
  {
    g_autoptr (PdnTestReply) reply = report (world->lead_a, "school_year=2025-26");
    g_autoptr (PdnTestReply) coordinator = report (world->coord_a, "school_year=2025-26");

    g_assert_cmpuint (n_rows (report_ok (reply)), ==, 0);
    g_assert_cmpuint (n_rows (report_ok (coordinator)), ==, 0);
  }
}

typedef struct
{
  const gchar *query;
  guint status;
  const gchar *field;
} QueryCase;

static void
test_query_validation (void)
{
  static const QueryCase cases[] = {
    { "", 400, "school_year" },
    { "group_by=sector", 400, "school_year" },
    { "program_id=abc", 400, "program_id" },
    { "program_id=0", 400, "program_id" },
    { "program_id=-3", 400, "program_id" },
    { "program_id=", 400, "program_id" },
    { "program_id=3.5", 400, "program_id" },
    { "program_id=99999999999999999999", 400, "program_id" },
    { "program_id=300,301", 400, "program_id" },
    { "school_year=2025", 400, "school_year" },
    { "school_year=2025-27", 400, "school_year" },
    { "school_year=", 400, "school_year" },
    { "school_year=2025-26%27%20OR%201=1", 400, "school_year" },
    { "program_id=300&school_year=25-26", 400, "school_year" },
    { "program_id=300&group_by=district", 400, "group_by" },
    { "program_id=300&group_by=", 400, "group_by" },
    { "program_id=300&group_by=School", 400, "group_by" },
    { "program_id=300&groupby=school", 400, "groupby" },
    { "program_id=300&format=csv", 400, "format" },
    { "program_id=300&limit=10", 400, "limit" },
    { "program_id=300&cursor=5", 400, "cursor" },
    { "program_id=999999", 404, "program_id" },
    { "school_year=2031-32", 404, "school_year" },
    { "program_id=300&school_year=2031-32", 404, "school_year" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnTestReply) reply = report (world->admin, cases[i].query);

      g_test_message ("query: %s", cases[i].query);
      pdn_test_api_assert_problem (reply, cases[i].status,
                                   cases[i].status == 400 ? "invalid-input" : "not-found",
                                   cases[i].field);
    }
  /* The default grouping is by school. */
  {
    g_autoptr (PdnTestReply) reply = report (world->admin, "program_id=300");

    g_assert_cmpstr (json_object_get_string_member (report_ok (reply), "group_by"), ==,
                     "school");
  }
  pdn_test_api_assert_serving (world);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world = pdn_test_world_new ();
  load_fixture ();
  lead_riverton = pdn_test_account_token (world->store, "Lead Riverton", PDN_LOGIN_ROLE_LEAD,
                                          100, 0);
  lead_beacon = pdn_test_account_token (world->store, "Lead Beacon", PDN_LOGIN_ROLE_LEAD, 101, 0);
  coord_riverton = pdn_test_account_token (world->store, "Coordinator Riverton",
                                           PDN_LOGIN_ROLE_COORDINATOR, 100, 0);
  g_test_add_func ("/pdnet/api/reports/by-school", test_by_school);
  g_test_add_func ("/pdnet/api/reports/by-sector-and-organization",
                   test_by_sector_and_organization);
  g_test_add_func ("/pdnet/api/reports/school-year-only", test_school_year_only);
  g_test_add_func ("/pdnet/api/reports/csv", test_csv);
  g_test_add_func ("/pdnet/api/reports/access", test_access);
  g_test_add_func ("/pdnet/api/reports/query-validation", test_query_validation);
  status = g_test_run ();
  pdn_test_world_free (world);
  g_free (lead_riverton);
  g_free (lead_beacon);
  g_free (coord_riverton);
  return status;
}
