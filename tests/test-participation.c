/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <pdnet/pdn-error.h>

#include "pdn-participation.h"
#include "pdn-test.h"

/* The fixture is written with plain SQL, independently of the models, so
 * the participation figures are checked against hand-counted values. */
static const gchar fixture_sql[] =
  "INSERT INTO organizations (id, name, slug, kind, created_at) VALUES"
  " (1, 'Riverton Public Schools', 'rps', 'district', '2025-01-01T00:00:00Z'),"
  " (2, 'Beacon Charter Network', 'beacon', 'cmo', '2025-01-01T00:00:00Z');"
  "INSERT INTO school_years (label, starts_on, ends_on) VALUES"
  " ('2025-26', '2025-07-01', '2026-06-30'), ('2026-27', '2026-07-01', '2027-06-30');"
  "INSERT INTO schools (id, name, sector, organization_id, external_id, created_at) VALUES"
  " (10, 'Adams Elementary', 'district', 1, 'RPS-10', '2025-01-01T00:00:00Z'),"
  " (11, 'Baker Middle', 'district', 1, 'RPS-11', '2025-01-01T00:00:00Z'),"
  " (12, 'Beacon Prep', 'charter', 2, 'BCN-12', '2025-01-01T00:00:00Z'),"
  " (13, 'Quiet School', 'district', 1, 'RPS-13', '2025-01-01T00:00:00Z');"
  /* Baker restarted as a charter of Beacon in 2026-27; that year's facts say so. */
  "INSERT INTO school_year_facts (school_id, school_year, teacher_headcount, sector,"
  " organization_id) VALUES"
  " (10, '2025-26', 40, 'district', 1), (11, '2025-26', 25, 'district', 1),"
  " (13, '2025-26', 30, 'district', 1), (11, '2026-27', 20, 'charter', 2);"
  "INSERT INTO people (id, name, email, email_key, role, created_at) VALUES"
  " (100, 'Mover', 'mover@rps.org', 'mover@rps.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (101, 'Ana', 'ana@rps.org', 'ana@rps.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (102, 'Coach', 'coach@rps.org', 'coach@rps.org', 'coach', '2025-01-01T00:00:00Z'),"
  " (103, 'Principal', 'lead@rps.org', 'lead@rps.org', 'school-leader', '2025-01-01T00:00:00Z'),"
  " (104, 'Admin', 'admin@rps.org', 'admin@rps.org', 'district-admin', '2025-01-01T00:00:00Z'),"
  " (105, 'Bea', 'bea@beacon.org', 'bea@beacon.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (106, 'Waiting', 'wait@rps.org', 'wait@rps.org', 'teacher', '2025-01-01T00:00:00Z'),"
  " (107, 'Outsider', 'out@partner.org', 'out@partner.org', 'teacher', '2025-01-01T00:00:00Z');"
  "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) VALUES"
  " (100, 10, NULL, '2025-12-31'), (100, 11, '2026-01-01', NULL),"
  " (101, 10, '2020-08-15', NULL), (102, 10, NULL, NULL), (103, 10, NULL, NULL),"
  " (104, 11, NULL, NULL), (105, 12, NULL, NULL), (106, 11, NULL, NULL);"
  "INSERT INTO programs (id, name, type, lead_organization_id, school_year, created_at) VALUES"
  " (1, 'Saturday Workshops', 'workshop-series', 2, '2025-26', '2025-01-01T00:00:00Z'),"
  " (2, 'Other Program', 'teacher-led', 1, '2025-26', '2025-01-01T00:00:00Z');"
  /* Sessions: 3 h in October, 2 h in February, one next year, one of another program. */
  "INSERT INTO sessions (id, program_id, kind, title, starts_at, ends_at, time_zone, local_date,"
  " state, check_in_code, created_at, updated_at) VALUES"
  " (1, 1, 'workshop', 'Oct', '2025-10-04T14:00:00Z', '2025-10-04T17:00:00Z', 'America/Chicago',"
  "  '2025-10-04', 'scheduled', 'AAAAAA', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
  " (2, 1, 'workshop', 'Feb', '2026-02-07T15:00:00Z', '2026-02-07T17:00:00Z', 'America/Chicago',"
  "  '2026-02-07', 'scheduled', 'BBBBBB', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
  " (3, 1, 'workshop', 'Next', '2026-10-03T14:00:00Z', '2026-10-03T17:00:00Z', 'America/Chicago',"
  "  '2026-10-03', 'scheduled', 'CCCCCC', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
  " (4, 2, 'course', 'Other', '2025-11-04T23:00:00Z', '2025-11-05T01:00:00Z', 'America/Chicago',"
  "  '2025-11-04', 'scheduled', 'DDDDDD', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
  "INSERT INTO attendance (session_id, person_id, status, minutes, source, recorded_at) VALUES"
  " (1, 100, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"   /* Adams, 180 min */
  " (2, 100, 'present', 100, 'check-in', '2026-02-07T17:00:00Z'),"  /* Baker, 100 min */
  " (1, 101, 'partial', 90, 'roster', '2025-10-04T17:00:00Z'),"     /* Adams, 90 min */
  " (2, 101, 'partial', NULL, 'roster', '2026-02-07T17:00:00Z'),"   /* Adams, 0 min */
  " (1, 102, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"   /* Adams coach, 180 */
  " (1, 103, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"   /* Adams leader, 180 */
  " (2, 104, 'present', NULL, 'roster', '2026-02-07T17:00:00Z'),"   /* Baker admin, 120 */
  " (1, 105, 'absent', NULL, 'roster', '2025-10-04T17:00:00Z'),"    /* not counted */
  " (2, 105, 'present', NULL, 'roster', '2026-02-07T17:00:00Z'),"   /* Beacon, 120 */
  " (1, 107, 'present', NULL, 'roster', '2025-10-04T17:00:00Z'),"   /* no school: skipped */
  " (3, 101, 'present', NULL, 'roster', '2026-10-03T17:00:00Z'),"   /* next year */
  " (4, 101, 'present', NULL, 'roster', '2025-11-05T01:00:00Z');"   /* other program */
  "INSERT INTO registrations (session_id, person_id, status, created_at) VALUES"
  " (1, 100, 'registered', '2025-09-01T00:00:00Z'),"
  " (2, 100, 'registered', '2025-09-01T00:00:00Z'),"
  " (1, 101, 'registered', '2025-09-01T00:00:00Z'),"
  " (2, 106, 'waitlisted', '2025-09-01T00:00:00Z'),"
  " (1, 106, 'cancelled', '2025-09-01T00:00:00Z'),"
  " (2, 105, 'registered', '2025-09-01T00:00:00Z');";

static void
exec_script (PdnStore *store, const gchar *script)
{
  g_auto (GStrv) statements = g_strsplit (script, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnStatement) stmt = NULL;
      g_autofree gchar *sql = g_strstrip (g_strdup (statements[i]));

      if (sql[0] == '\0')
        continue;
      stmt = pdn_store_prepare (store, sql, &error);
      g_assert_no_error (error);
      g_assert_true (pdn_statement_run (stmt, &error));
      g_assert_no_error (error);
    }
}

static PdnStore *
fixture_store (PdnTestDir **dir)
{
  PdnStore *store = pdn_test_store_new (dir);

  exec_script (store, fixture_sql);
  return store;
}

static const PdnParticipationRow *
find_row (PdnParticipationReport *report, gint64 school_id, const gchar *sector)
{
  GPtrArray *rows = pdn_participation_report_get_rows (report);

  for (guint i = 0; i < rows->len; i++)
    {
      const PdnParticipationRow *row = g_ptr_array_index (rows, i);
      if (school_id != 0 && row->school_id == school_id)
        return row;
      if (sector != NULL && g_strcmp0 (row->sector, sector) == 0)
        return row;
    }
  return NULL;
}

static PdnParticipationReport *
compute (PdnStore *store, const gchar *year, PdnParticipationGrouping grouping)
{
  g_autoptr (GError) error = NULL;
  const gint64 program = 1;
  PdnParticipationReport *report = pdn_participation_compute (store, &program, 1, year,
                                                              grouping, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_mover_credited_to_each_school (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) report = compute (store, NULL, PDN_PARTICIPATION_BY_SCHOOL);
  const PdnParticipationRow *adams = find_row (report, 10, NULL);
  const PdnParticipationRow *baker = find_row (report, 11, NULL);

  g_assert_cmpstr (pdn_participation_report_get_school_year (report), ==, "2025-26");
  /* Adams: the mover (October), Ana, and the coach. */
  g_assert_nonnull (adams);
  g_assert_cmpint (adams->teachers_attended, ==, 3);
  g_assert_cmpint (adams->teacher_attendances, ==, 4);
  /* Baker: the mover (February) only. */
  g_assert_nonnull (baker);
  g_assert_cmpint (baker->teachers_attended, ==, 1);
  g_assert_cmpint (baker->teacher_attendances, ==, 1);
}

static void
test_roles_hours_and_registrations (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) report = compute (store, "2025-26",
                                                       PDN_PARTICIPATION_BY_SCHOOL);
  const PdnParticipationRow *adams = find_row (report, 10, NULL);
  const PdnParticipationRow *baker = find_row (report, 11, NULL);
  const PdnParticipationRow *beacon = find_row (report, 12, NULL);

  g_assert_cmpint (adams->leaders_attended, ==, 1);
  g_assert_cmpint (adams->admins_attended, ==, 0);
  /* 180 (present, no minutes) + 90 + 0 (partial, no minutes) + 180 + 180 */
  g_assert_cmpint (adams->minutes_attended, ==, 630);
  g_assert_cmpfloat_with_epsilon (pdn_participation_row_hours (adams), 10.5, 1e-12);
  g_assert_cmpint (adams->teachers_registered, ==, 2);
  g_assert_cmpfloat_with_epsilon (pdn_participation_row_rate (adams), 3.0 / 40.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pdn_participation_row_sessions_per_teacher (adams), 4.0 / 3.0,
                                  1e-12);
  g_assert_cmpint (baker->admins_attended, ==, 1);
  g_assert_cmpint (baker->minutes_attended, ==, 100 + 120);
  /* The waitlisted and the cancelled registration do not count. */
  g_assert_cmpint (baker->teachers_registered, ==, 1);
  /* Beacon Prep: absent in October, present in February; no headcount. */
  g_assert_cmpint (beacon->teachers_attended, ==, 1);
  g_assert_cmpint (beacon->teacher_headcount, ==, -1);
  g_assert_true (isnan (pdn_participation_row_rate (beacon)));
  /* Quiet School sent nobody: no row. The outsider has no school: no row. */
  g_assert_null (find_row (report, 13, NULL));
  g_assert_cmpuint (pdn_participation_report_get_rows (report)->len, ==, 3);
}

static void
test_group_by_sector_counts_people_once (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) report = compute (store, NULL, PDN_PARTICIPATION_BY_SECTOR);
  const PdnParticipationRow *district = find_row (report, 0, "district");
  const PdnParticipationRow *charter = find_row (report, 0, "charter");

  /* The mover was at two district schools but is one district teacher. */
  g_assert_cmpint (district->teachers_attended, ==, 3);
  g_assert_cmpint (district->teacher_attendances, ==, 5);
  /* All district schools' headcounts, participating or not: 40 + 25 + 30. */
  g_assert_cmpint (district->teacher_headcount, ==, 95);
  g_assert_cmpint (charter->teachers_attended, ==, 1);
  g_assert_cmpuint (pdn_participation_report_get_rows (report)->len, ==, 2);
}

static void
test_year_facts_set_sector (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) report = compute (store, "2026-27",
                                                       PDN_PARTICIPATION_BY_SCHOOL);
  GPtrArray *rows = pdn_participation_report_get_rows (report);
  const PdnParticipationRow *adams = find_row (report, 10, NULL);

  /* Only session 3 falls in 2026-27: Ana at Adams. */
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (adams);
  g_assert_cmpint (adams->teachers_attended, ==, 1);
  g_assert_cmpint (adams->teacher_headcount, ==, -1);
}

static void
test_errors_name_the_field (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (GError) error = NULL;
  const gint64 missing = 99;
  const gint64 both[] = { 1, 2 };
  g_autoptr (PdnParticipationReport) report = NULL;

  report = pdn_participation_compute (store, &missing, 1, NULL, PDN_PARTICIPATION_BY_SCHOOL,
                                      &error);
  g_assert_null (report);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "program_id");
  g_clear_error (&error);

  report = pdn_participation_compute (store, both, 2, "1999-00", PDN_PARTICIPATION_BY_SCHOOL,
                                      &error);
  g_assert_null (report);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "school_year");
}

static void
test_csv_export (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) report = compute (store, NULL, PDN_PARTICIPATION_BY_SCHOOL);
  g_autofree gchar *csv = pdn_participation_report_to_csv (report);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpstr (lines[0], ==,
                   "school_id,school_external_id,school_name,sector,organization,school_year,"
                   "teachers_attended,leaders_attended,admins_attended,teachers_registered,"
                   "hours_attended,sessions_per_teacher,teacher_headcount,participation_rate");
  /* Sorted by organization, then school name. */
  g_assert_cmpstr (lines[1], ==, "12,BCN-12,Beacon Prep,charter,Beacon Charter Network,2025-26,"
                                 "1,0,0,1,2.00,1.00,,");
  g_assert_cmpstr (lines[2], ==, "10,RPS-10,Adams Elementary,district,Riverton Public Schools,"
                                 "2025-26,3,1,0,2,10.50,1.33,40,0.0750");
  g_assert_cmpstr (lines[3], ==, "11,RPS-11,Baker Middle,district,Riverton Public Schools,"
                                 "2025-26,1,0,1,1,3.67,1.00,25,0.0400");
  g_assert_cmpstr (lines[4], ==, "");
}

static JsonObject *
json_row (JsonNode *node, guint index)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (node), "rows");

  return json_array_get_object_element (rows, index);
}

/* The same rows and group members as the CSV, with nulls where a ratio
 * has no denominator. */
static void
test_json_export (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autoptr (PdnParticipationReport) by_school = compute (store, NULL,
                                                          PDN_PARTICIPATION_BY_SCHOOL);
  g_autoptr (PdnParticipationReport) by_sector = compute (store, NULL,
                                                          PDN_PARTICIPATION_BY_SECTOR);
  g_autoptr (PdnParticipationReport) by_organization = compute (
      store, NULL, PDN_PARTICIPATION_BY_ORGANIZATION);
  g_autoptr (JsonNode) school_json = pdn_participation_report_to_json (by_school);
  g_autoptr (JsonNode) sector_json = pdn_participation_report_to_json (by_sector);
  g_autoptr (JsonNode) organization_json = pdn_participation_report_to_json (by_organization);
  JsonObject *object = json_node_get_object (school_json);
  JsonObject *beacon = json_row (school_json, 0);
  JsonObject *adams = json_row (school_json, 1);
  JsonObject *row;

  g_assert_cmpstr (json_object_get_string_member (object, "school_year"), ==, "2025-26");
  g_assert_cmpstr (json_object_get_string_member (object, "group_by"), ==, "school");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "rows")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (adams, "school_id"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (adams, "school_external_id"), ==, "RPS-10");
  g_assert_cmpstr (json_object_get_string_member (adams, "school_name"), ==, "Adams Elementary");
  g_assert_cmpstr (json_object_get_string_member (adams, "sector"), ==, "district");
  g_assert_cmpint (json_object_get_int_member (adams, "organization_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (adams, "organization_name"), ==,
                   "Riverton Public Schools");
  g_assert_cmpint (json_object_get_int_member (adams, "teachers_attended"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (adams, "leaders_attended"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (adams, "admins_attended"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (adams, "teachers_registered"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (adams, "teacher_attendances"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (adams, "minutes_attended"), ==, 630);
  g_assert_cmpfloat (json_object_get_double_member (adams, "hours_attended"), ==, 10.5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (adams, "sessions_per_teacher"),
                                  4.0 / 3.0, 1e-12);
  g_assert_cmpint (json_object_get_int_member (adams, "teacher_headcount"), ==, 40);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (adams, "participation_rate"),
                                  3.0 / 40.0, 1e-12);
  /* Beacon Prep has no headcount: no rate either. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (beacon, "teacher_headcount")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (beacon, "participation_rate")));

  row = json_row (sector_json, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "sector"), ==, "district");
  g_assert_false (json_object_has_member (row, "school_id"));
  g_assert_false (json_object_has_member (row, "organization_id"));
  g_assert_false (json_object_has_member (row, "organization_name"));
  row = json_row (organization_json, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "organization_name"), ==,
                   "Beacon Charter Network");
  g_assert_false (json_object_has_member (row, "sector"));
  g_assert_false (json_object_has_member (row, "school_name"));
}

static void
test_cli_export (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = fixture_store (&dir);
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *cli = g_getenv ("PDNET_CLI");
  const gchar *argv_ok[] = { cli, "export", "participation", "--program", "1",
                             "--data-dir", dir->path, NULL };
  const gchar *argv_bad[] = { cli, "--data-dir", dir->path, "export", "participation",
                              "--program", "x", NULL };

  g_assert_nonnull (cli);
  g_assert_cmpint (pdn_test_spawn (argv_ok, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "school_id,"));
  g_assert_nonnull (strstr (out, "\r\n10,RPS-10,Adams Elementary,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdn_test_spawn (argv_bad, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--program"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/participation/mover-credited-to-each-school",
                   test_mover_credited_to_each_school);
  g_test_add_func ("/pdnet/participation/roles-hours-and-registrations",
                   test_roles_hours_and_registrations);
  g_test_add_func ("/pdnet/participation/group-by-sector-counts-people-once",
                   test_group_by_sector_counts_people_once);
  g_test_add_func ("/pdnet/participation/year-facts-set-sector", test_year_facts_set_sector);
  g_test_add_func ("/pdnet/participation/errors-name-the-field", test_errors_name_the_field);
  g_test_add_func ("/pdnet/participation/csv-export", test_csv_export);
  g_test_add_func ("/pdnet/participation/json-export", test_json_export);
  g_test_add_func ("/pdnet/participation/cli-export", test_cli_export);
  return g_test_run ();
}
