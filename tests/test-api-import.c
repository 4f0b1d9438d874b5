/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-test-network.h"

/* POST /api/v1/schools/import and /people/import on the real daemon: the
 * CLI's CSV and row errors over HTTP, all or nothing. */

static PdnTestNetwork *net;

#define SCHOOLS_HEADER                                                                           \
  "external_id,name,sector,organization,organization_kind,city,school_year,teacher_headcount\n"
#define PEOPLE_HEADER "email,name,role,school,from,to\n"

static PdnTestReply *
post_csv (const gchar *path, const gchar *token, const gchar *csv)
{
  return pdn_test_call (net->daemon, "POST", path, token, "text/csv", csv, NULL);
}

static GArray *
list_ids (const gchar *path)
{
  g_autoptr (PdnTestReply) reply = pdn_test_network_call (net, "GET", path, net->admin, NULL);

  return pdn_test_reply_item_ids (reply);
}

static void
assert_counts (JsonObject *report, gint64 rows_read, gint64 created, gint64 updated,
               gint64 unchanged)
{
  g_assert_cmpint (json_object_get_int_member (report, "rows_read"), ==, rows_read);
  g_assert_cmpint (json_object_get_int_member (report, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (report, "updated"), ==, updated);
  g_assert_cmpint (json_object_get_int_member (report, "unchanged"), ==, unchanged);
}

/* Asserts a 422 listing exactly @n errors and returns them. */
static JsonArray *
assert_row_errors (PdnTestReply *reply, guint n)
{
  JsonObject *problem;
  JsonArray *errors;

  pdn_test_assert_reply_problem (reply, 422, "unprocessable", NULL);
  problem = pdn_test_reply_object (reply);
  errors = json_object_get_array_member (problem, "errors");
  g_assert_nonnull (errors);
  g_assert_cmpuint (json_array_get_length (errors), ==, n);
  g_assert_true (strstr (json_object_get_string_member (problem, "detail"), "nothing was imported")
                 != NULL);
  return errors;
}

static void
assert_row_error (JsonArray *errors, guint index, gint64 line, const gchar *field)
{
  JsonObject *error = json_array_get_object_element (errors, index);

  g_assert_cmpint (json_object_get_int_member (error, "line"), ==, line);
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static void
test_schools (void)
{
  const gchar *csv = SCHOOLS_HEADER
      "BCN-1,Beacon Academy,charter,Beacon Network,cmo,Riverton,2025-26,31\n"
      "BCN-2,\"Robert'); DROP TABLE schools;--\",charter,Beacon Network,,Riverton,2025-26,\n";
  g_autoptr (PdnTestReply) first = post_csv ("/api/v1/schools/import", net->admin, csv);
  JsonObject *report = pdn_test_assert_reply_ok (first, 200);
  g_autoptr (PdnTestReply) again = post_csv ("/api/v1/schools/import", net->admin, csv);
  g_autoptr (PdnTestReply) found = pdn_test_network_call (
      net, "GET", "/api/v1/schools?external_id=BCN-2", net->district_teacher, NULL);
  JsonArray *items;

  assert_counts (report, 2, 2, 0, 0);
  g_assert_cmpint (json_object_get_int_member (report, "organizations_created"), ==, 1);
  report = pdn_test_assert_reply_ok (again, 200);
  assert_counts (report, 2, 0, 0, 2);
  g_assert_cmpint (json_object_get_int_member (report, "organizations_created"), ==, 0);
  items = json_object_get_array_member (pdn_test_assert_reply_ok (found, 200), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "name"),
                   ==, "Robert'); DROP TABLE schools;--");
}

/* The acceptance case: three bad rows among good ones. */
static void
test_schools_bad_rows (void)
{
  const gchar *csv = SCHOOLS_HEADER
      "BAD-1,Good One,district,Riverton Public Schools,,,2025-26,20\n"
      "BAD-2,Bad Sector,distrct,Riverton Public Schools,,,2025-26,20\n"
      "BAD-3,,district,Riverton Public Schools,,,2025-26,20\n"
      "BAD-4,Good Two,district,Riverton Public Schools,,,2025-26,20\n"
      "BAD-5,Bad Count,district,Riverton Public Schools,,,2025-26,lots\n";
  g_autoptr (PdnTestReply) reply = post_csv ("/api/v1/schools/import", net->admin, csv);
  JsonArray *errors = assert_row_errors (reply, 3);
  g_autoptr (GArray) good = list_ids ("/api/v1/schools?external_id=BAD-1");
  g_autoptr (GArray) other_good = list_ids ("/api/v1/schools?external_id=BAD-4");

  assert_row_error (errors, 0, 3, "sector");
  assert_row_error (errors, 1, 4, "name");
  assert_row_error (errors, 2, 6, "teacher_headcount");
  g_assert_true (strstr (json_object_get_string_member (pdn_test_reply_object (reply), "detail"),
                         "3 rows")
                 != NULL);
  /* Nothing was imported, not even the good rows. */
  g_assert_cmpuint (good->len, ==, 0);
  g_assert_cmpuint (other_good->len, ==, 0);
}

static void
test_people (void)
{
  g_autofree gchar *csv = g_strdup_printf (PEOPLE_HEADER
                                           "ivy@riverton.example,Ivy Irwin,teacher,%s,,\n"
                                           "jo@riverton.example,Jo Jones,coach,Adams Middle,"
                                           "2024-08-01,\n",
                                           "Lincoln Elementary");
  g_autoptr (PdnTestReply) reply = post_csv ("/api/v1/people/import", net->admin, csv);
  JsonObject *report = pdn_test_assert_reply_ok (reply, 200);
  g_autoptr (GArray) ivy = list_ids ("/api/v1/people?email=ivy%40riverton.example");

  assert_counts (report, 2, 2, 0, 0);
  g_assert_false (json_object_has_member (report, "organizations_created"));
  g_assert_cmpuint (ivy->len, ==, 1);
}

static void
test_people_bad_rows (void)
{
  const gchar *csv = PEOPLE_HEADER
      "kim@riverton.example,Kim Kane,teacher,Lincoln Elementary,,\n"
      "not-an-email,Lee Lane,teacher,Lincoln Elementary,,\n"
      "max@riverton.example,Max Moss,janitor,Lincoln Elementary,,\n"
      "ned@riverton.example,Ned Nash,teacher,No Such School,,\n";
  g_autoptr (PdnTestReply) reply = post_csv ("/api/v1/people/import", net->admin, csv);
  JsonArray *errors = assert_row_errors (reply, 3);
  g_autoptr (GArray) kim = list_ids ("/api/v1/people?email=kim%40riverton.example");

  assert_row_error (errors, 0, 3, "email");
  assert_row_error (errors, 1, 4, "role");
  assert_row_error (errors, 2, 5, "school");
  g_assert_cmpuint (kim->len, ==, 0);
}

/* A coordinator imports its own organization's rows only. */
static void
test_coordinator_schools (void)
{
  const gchar *own = SCHOOLS_HEADER "RPS-9,Riverton Ninth,district,Riverton Public Schools,,,,\n";
  g_autofree gchar *mixed = g_strdup_printf (
      SCHOOLS_HEADER "RPS-10,Riverton Tenth,district,Riverton Public Schools,,,,\n"
                     "HCN-9,Harbor Ninth,charter,Harbor Charter Network,,,,\n"
                     "BCN-1,Taken Over,district,Riverton Public Schools,,,,\n"
                     "NEW-1,New Org School,district,Brand New District,district,,,\n");
  g_autoptr (PdnTestReply) ok
      = post_csv ("/api/v1/schools/import", net->district_coordinator, own);
  g_autoptr (PdnTestReply) refused
      = post_csv ("/api/v1/schools/import", net->district_coordinator, mixed);
  JsonArray *errors = assert_row_errors (refused, 3);
  g_autoptr (GArray) tenth = list_ids ("/api/v1/schools?external_id=RPS-10");
  g_autoptr (GArray) beacon = list_ids ("/api/v1/schools?external_id=BCN-1");
  g_autoptr (PdnTestReply) still = NULL;

  assert_counts (pdn_test_assert_reply_ok (ok, 200), 1, 1, 0, 0);
  assert_row_error (errors, 0, 3, "organization");
  assert_row_error (errors, 1, 4, "external_id");
  assert_row_error (errors, 2, 5, "organization");
  g_assert_cmpuint (tenth->len, ==, 0);
  g_assert_cmpuint (beacon->len, ==, 1);
  still = pdn_test_network_call (net, "GET", "/api/v1/organizations?limit=200", net->admin, NULL);
  {
    JsonArray *items
        = json_object_get_array_member (pdn_test_assert_reply_ok (still, 200), "items");
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i),
                                                      "name"),
                       !=, "Brand New District");
  }
}

static void
test_coordinator_people (void)
{
  const gchar *own = PEOPLE_HEADER "olga@riverton.example,Olga Ortiz,teacher,Adams Middle,,\n";
  const gchar *mixed = PEOPLE_HEADER
      "pia@riverton.example,Pia Park,teacher,Lincoln Elementary,,\n"
      "quinn@harbor.example,Quinn Quay,teacher,Harbor Prep,,\n"
      "carmen@harbor.example,Carmen Cruz,teacher,Lincoln Elementary,,\n"
      "rae@riverton.example,Rae Reed,teacher,,,\n";
  g_autoptr (PdnTestReply) ok = post_csv ("/api/v1/people/import", net->district_coordinator, own);
  g_autoptr (PdnTestReply) refused
      = post_csv ("/api/v1/people/import", net->district_coordinator, mixed);
  JsonArray *errors = assert_row_errors (refused, 3);
  g_autoptr (GArray) pia = list_ids ("/api/v1/people?email=pia%40riverton.example");
  g_autofree gchar *carmen_path = g_strdup_printf ("/api/v1/people/%lld",
                                                   (long long) net->charter_teacher_id);
  g_autoptr (PdnTestReply) carmen
      = pdn_test_network_call (net, "GET", carmen_path, net->admin, NULL);
  JsonArray *affiliations;

  assert_counts (pdn_test_assert_reply_ok (ok, 200), 1, 1, 0, 0);
  assert_row_error (errors, 0, 3, "school");
  assert_row_error (errors, 1, 4, "email");
  assert_row_error (errors, 2, 5, "school");
  g_assert_cmpuint (pia->len, ==, 0);
  /* Carmen is still at Harbor Prep only. */
  affiliations
      = json_object_get_array_member (pdn_test_assert_reply_ok (carmen, 200), "affiliations");
  g_assert_cmpuint (json_array_get_length (affiliations), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (affiliations, 0),
                                               "school_id"),
                   ==, net->harbor_id);
}

static void
test_roles (void)
{
  const gchar *schools = SCHOOLS_HEADER "Z-1,Zed,district,Riverton Public Schools,,,,\n";
  const gchar *people = PEOPLE_HEADER "zed@riverton.example,Zed,teacher,Lincoln Elementary,,\n";
  const gchar *refused[] = { net->district_lead, net->district_teacher };
  const gchar *paths[] = { "/api/v1/schools/import", "/api/v1/people/import" };
  const gchar *bodies[] = { schools, people };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr (PdnTestReply) anonymous = post_csv (paths[p], NULL, bodies[p]);
      g_autoptr (PdnTestReply) bad = post_csv (paths[p], "no-such-token", bodies[p]);

      pdn_test_assert_reply_problem (anonymous, 401, "unauthorized", NULL);
      pdn_test_assert_reply_problem (bad, 401, "unauthorized", NULL);
      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_autoptr (PdnTestReply) reply = post_csv (paths[p], refused[i], bodies[p]);
          pdn_test_assert_reply_problem (reply, 403, "forbidden", NULL);
        }
    }
}

static void
test_bad_files (void)
{
  const gchar *schools = SCHOOLS_HEADER "Y-1,Yew,district,Riverton Public Schools,,,,\n";
  g_autoptr (PdnTestReply) json = pdn_test_call (net->daemon, "POST", "/api/v1/schools/import",
                                                 net->admin, "application/json", "{}", NULL);
  g_autoptr (PdnTestReply) latin1
      = pdn_test_call (net->daemon, "POST", "/api/v1/schools/import", net->admin,
                       "text/csv; charset=iso-8859-1", schools, NULL);
  g_autoptr (PdnTestReply) untyped = pdn_test_call (net->daemon, "POST", "/api/v1/people/import",
                                                    net->admin, NULL, NULL, NULL);
  g_autoptr (PdnTestReply) utf8 = pdn_test_call (net->daemon, "POST", "/api/v1/schools/import",
                                                 net->admin, "text/csv; charset=UTF-8", schools,
                                                 NULL);
  g_autoptr (PdnTestReply) no_column
      = post_csv ("/api/v1/schools/import", net->admin, "name,sector\nX,district\n");
  g_autoptr (PdnTestReply) bad_bytes = post_csv (
      "/api/v1/people/import", net->admin, PEOPLE_HEADER "x@y.example,Bad \xff name,teacher,,,\n");
  g_autoptr (PdnTestReply) empty = post_csv ("/api/v1/people/import", net->admin, "");

  pdn_test_assert_reply_problem (json, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (latin1, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (untyped, 415, "unsupported-media-type", NULL);
  assert_counts (pdn_test_assert_reply_ok (utf8, 200), 1, 1, 0, 0);
  pdn_test_assert_reply_problem (no_column, 400, "invalid-input", "organization");
  pdn_test_assert_reply_problem (bad_bytes, 400, "invalid-input", NULL);
  g_assert_cmpuint (empty->status, ==, 400);
  pdn_test_assert_healthy (net);
}

/* The body limit holds for CSV as for JSON. */
static void
test_too_large (void)
{
  GString *csv = g_string_new (PEOPLE_HEADER);
  g_autoptr (PdnTestReply) reply = NULL;

  while (csv->len <= 1024 * 1024)
    g_string_append_printf (csv, "big%u@riverton.example,Big,teacher,Lincoln Elementary,,\n",
                            (guint) csv->len);
  reply = post_csv ("/api/v1/people/import", net->admin, csv->str);
  g_string_free (csv, TRUE);
  pdn_test_assert_reply_problem (reply, 413, "too-large", NULL);
  pdn_test_assert_healthy (net);
}

int
main (int argc, char **argv)
{
  g_autoptr (PdnTestNetwork) network = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  network = net = pdn_test_network_start ();
  g_test_add_func ("/pdnet/api/import/schools", test_schools);
  g_test_add_func ("/pdnet/api/import/schools-bad-rows", test_schools_bad_rows);
  g_test_add_func ("/pdnet/api/import/people", test_people);
  g_test_add_func ("/pdnet/api/import/people-bad-rows", test_people_bad_rows);
  g_test_add_func ("/pdnet/api/import/coordinator-schools", test_coordinator_schools);
  g_test_add_func ("/pdnet/api/import/coordinator-people", test_coordinator_people);
  g_test_add_func ("/pdnet/api/import/roles", test_roles);
  g_test_add_func ("/pdnet/api/import/bad-files", test_bad_files);
  g_test_add_func ("/pdnet/api/import/too-large", test_too_large);
  status = g_test_run ();
  pdn_test_assert_healthy (net);
  return status;
}
