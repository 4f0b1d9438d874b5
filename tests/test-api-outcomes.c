/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-test-network.h"

/* POST and GET /api/v1/outcomes on the real daemon: CSV and JSON imports,
 * all or nothing, and lists limited to the caller's organization. Each
 * test uses its own measures, since they share one daemon. */

static PdnTestNetwork *net;

#define HEADER "school_id,school_external_id,school_year,measure,value,students_n\n"
#define PATH "/api/v1/outcomes"

static PdnTestReply *
post (const gchar *token, const gchar *content_type, const gchar *body)
{
  return pdn_test_call (net->daemon, "POST", PATH, token, content_type, body, NULL);
}

static PdnTestReply *
get (const gchar *token, const gchar *query)
{
  g_autofree gchar *path = g_strconcat (PATH, query, NULL);

  return pdn_test_network_call (net, "GET", path, token, NULL);
}

static void
assert_counts (PdnTestReply *reply, gint64 rows_read, gint64 created, gint64 updated,
               gint64 unchanged)
{
  JsonObject *report = pdn_test_assert_reply_ok (reply, 200);

  g_assert_cmpint (json_object_get_int_member (report, "rows_read"), ==, rows_read);
  g_assert_cmpint (json_object_get_int_member (report, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (report, "updated"), ==, updated);
  g_assert_cmpint (json_object_get_int_member (report, "unchanged"), ==, unchanged);
  g_assert_false (json_object_has_member (report, "organizations_created"));
}

typedef struct
{
  gint64 line;
  const gchar *field;
} Expected;

/* A 422 listing exactly @expected, in order. */
static void
assert_row_errors (PdnTestReply *reply, const Expected *expected, guint n)
{
  JsonObject *problem;
  JsonArray *errors;

  if (reply->node != NULL)
    {
      g_autofree gchar *text = json_to_string (reply->node, FALSE);
      g_test_message ("%s", text);
    }
  pdn_test_assert_reply_problem (reply, 422, "unprocessable", NULL);
  problem = pdn_test_reply_object (reply);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"),
                            "nothing was imported"));
  errors = json_object_get_array_member (problem, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);

      g_assert_cmpint (json_object_get_int_member (error, "line"), ==, expected[i].line);
      g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==,
                       expected[i].field);
      g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
    }
}

/* The items of one page (asserting 200), referenced. */
static JsonArray *
list_items (const gchar *token, const gchar *query)
{
  g_autoptr (PdnTestReply) reply = get (token, query);
  JsonObject *page = pdn_test_assert_reply_ok (reply, 200);

  return json_array_ref (json_object_get_array_member (page, "items"));
}

static guint
count_items (const gchar *token, const gchar *query)
{
  g_autoptr (JsonArray) items = list_items (token, query);

  return json_array_get_length (items);
}

static void
set_external_id (gint64 school_id, const gchar *external_id)
{
  g_autofree gchar *path = g_strdup_printf ("/api/v1/schools/%lld", (long long) school_id);
  g_autofree gchar *body = g_strdup_printf ("{\"external_id\": \"%s\"}", external_id);
  g_autoptr (PdnTestReply) reply = pdn_test_network_call (net, "PATCH", path, net->admin, body);

  pdn_test_assert_reply_ok (reply, 200);
}

static void
assert_item (JsonObject *item, gint64 school_id, gint64 organization_id, const gchar *year,
             const gchar *measure, gdouble value, gint64 students_n)
{
  g_assert_cmpint (json_object_get_int_member (item, "school_id"), ==, school_id);
  g_assert_cmpint (json_object_get_int_member (item, "organization_id"), ==, organization_id);
  g_assert_cmpstr (json_object_get_string_member (item, "school_year"), ==, year);
  g_assert_cmpstr (json_object_get_string_member (item, "measure"), ==, measure);
  g_assert_cmpfloat (json_object_get_double_member (item, "value"), ==, value);
  g_assert_cmpint (json_object_get_int_member (item, "students_n"), ==, students_n);
}

static void
test_csv (void)
{
  g_autofree gchar *csv = g_strdup_printf (HEADER "%lld,,2025-26,csv_growth,52.5,310\n"
                                                  ",HP-1,2025-26,csv_growth,-4,0\n",
                                           (long long) net->lincoln_id);
  g_autoptr (PdnTestReply) first = post (net->admin, "text/csv", csv);
  g_autoptr (PdnTestReply) again = post (net->admin, "text/csv; charset=utf-8", csv);
  g_autoptr (JsonArray) items = list_items (net->admin, "?measure=csv_growth");

  assert_counts (first, 2, 2, 0, 0);
  assert_counts (again, 2, 0, 0, 2);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  assert_item (json_array_get_object_element (items, 0), net->lincoln_id, net->district_id,
               "2025-26", "csv_growth", 52.5, 310);
  assert_item (json_array_get_object_element (items, 1), net->harbor_id, net->charter_id,
               "2025-26", "csv_growth", -4, 0);
}

/* A lead imports too; a changed row replaces its values. */
static void
test_json (void)
{
  g_autofree gchar *body = g_strdup_printf (
      "[{\"school_id\": %lld, \"school_year\": \"2025-26\", \"measure\": \"json_growth\", "
      "\"value\": 61.25, \"students_n\": 200},"
      " {\"school_id\": %lld, \"school_year\": \"2025-26\", \"measure\": \"json_growth\", "
      "\"value\": 40, \"students_n\": 150}]",
      (long long) net->lincoln_id, (long long) net->adams_id);
  g_autofree gchar *changed = g_strdup_printf (
      "[{\"school_id\": %lld, \"school_year\": \"2025-26\", \"measure\": \"json_growth\", "
      "\"value\": 61.25, \"students_n\": 200},"
      " {\"school_id\": %lld, \"school_year\": \"2025-26\", \"measure\": \"json_growth\", "
      "\"value\": 41.5, \"students_n\": 150}]",
      (long long) net->lincoln_id, (long long) net->adams_id);
  g_autoptr (PdnTestReply) first = post (net->district_lead, "application/json", body);
  g_autoptr (PdnTestReply) second = post (net->district_lead, "application/json", changed);
  g_autoptr (JsonArray) items = list_items (net->district_lead, "?measure=json_growth");
  g_autoptr (PdnTestReply) empty = post (net->admin, "application/json", "[]");

  assert_counts (first, 2, 2, 0, 0);
  assert_counts (second, 2, 0, 1, 1);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  assert_item (json_array_get_object_element (items, 1), net->adams_id, net->district_id,
               "2025-26", "json_growth", 41.5, 150);
  assert_counts (empty, 0, 0, 0, 0);
}

/* Every bad row at once, with its line and column; good rows are not
 * written either. */
static void
test_bad_rows (void)
{
  g_autofree gchar *csv = g_strdup_printf (HEADER "%1$lld,,2025-26,bad_growth,1,1\n"
                                                  "%1$lld,,2025-2026,bad_growth,1,1\n"
                                                  ",,2025-26,bad_growth,1,1\n"
                                                  "%1$lld,,2025-26,Bad Growth,x,-1\n"
                                                  "99999,,2025-26,bad_growth,1,1\n"
                                                  ",NOPE,2025-26,bad_growth,1,1\n"
                                                  "%1$lld,,2025-26,bad_growth,2,2\n",
                                           (long long) net->adams_id);
  static const Expected csv_errors[] = {
    { 3, "school_year" }, { 4, "school_id" }, { 5, "measure" },           { 5, "value" },
    { 5, "students_n" },  { 6, "school_id" }, { 7, "school_external_id" }, { 8, "measure" },
  };
  g_autofree gchar *json = g_strdup_printf (
      "[{\"school_id\": %1$lld, \"school_year\": \"2025-26\", \"measure\": \"bad_growth\", "
      "\"value\": 1, \"students_n\": 1},"
      " \"not a row\","
      " {\"school_id\": \"%1$lld\", \"school_year\": \"2025-26\", \"measure\": \"bad_growth\", "
      "\"value\": 1, \"students_n\": 1, \"note\": \"x\"}]",
      (long long) net->adams_id);
  static const Expected json_errors[] = { { 2, NULL }, { 3, "school_id" }, { 3, "note" } };
  g_autoptr (PdnTestReply) csv_reply = post (net->admin, "text/csv", csv);
  g_autoptr (PdnTestReply) json_reply = post (net->admin, "application/json", json);

  assert_row_errors (csv_reply, csv_errors, G_N_ELEMENTS (csv_errors));
  g_assert_nonnull (strstr (json_object_get_string_member (pdn_test_reply_object (csv_reply),
                                                           "detail"),
                            "6 rows"));
  assert_row_errors (json_reply, json_errors, G_N_ELEMENTS (json_errors));
  g_assert_cmpuint (count_items (net->admin, "?measure=bad_growth"), ==, 0);
}

/* Coordinators and leads import for their organization's schools only:
 * a row for another is a bad row naming the column that names it. */
static void
test_import_access (void)
{
  g_autofree gchar *mixed = g_strdup_printf (HEADER "%lld,,2025-26,access_growth,1,1\n"
                                                    "%lld,,2025-26,access_growth,2,2\n"
                                                    ",HP-1,2025-26,access_math,3,3\n",
                                             (long long) net->lincoln_id,
                                             (long long) net->harbor_id);
  static const Expected refused[] = { { 3, "school_id" }, { 4, "school_external_id" } };
  g_autofree gchar *harbor_json = g_strdup_printf (
      "[{\"school_external_id\": \"HP-1\", \"school_year\": \"2025-26\", "
      "\"measure\": \"access_math\", \"value\": 3, \"students_n\": 3}]");
  g_autoptr (PdnTestReply) coordinator = post (net->district_coordinator, "text/csv", mixed);
  g_autoptr (PdnTestReply) lead = post (net->district_lead, "text/csv", mixed);
  g_autoptr (PdnTestReply) charter = post (net->charter_coordinator, "application/json",
                                           harbor_json);
  const gchar *teachers[] = { net->district_teacher, net->charter_teacher };

  assert_row_errors (coordinator, refused, G_N_ELEMENTS (refused));
  assert_row_errors (lead, refused, G_N_ELEMENTS (refused));
  g_assert_cmpuint (count_items (net->admin, "?measure=access_growth"), ==, 0);
  assert_counts (charter, 1, 1, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (teachers); i++)
    {
      g_autoptr (PdnTestReply) csv = post (teachers[i], "text/csv", mixed);
      g_autoptr (PdnTestReply) json = post (teachers[i], "application/json", harbor_json);

      pdn_test_assert_reply_problem (csv, 403, "forbidden", NULL);
      pdn_test_assert_reply_problem (json, 403, "forbidden", NULL);
    }
  pdn_test_assert_needs_token (net, "POST", PATH, "[]");
}

static void
test_bad_bodies (void)
{
  g_autoptr (PdnTestReply) plain = post (net->admin, "text/plain", HEADER);
  g_autoptr (PdnTestReply) untyped = post (net->admin, NULL, NULL);
  g_autoptr (PdnTestReply) latin1 = post (net->admin, "text/csv; charset=iso-8859-1", HEADER);
  g_autoptr (PdnTestReply) json_latin1
      = post (net->admin, "application/json; charset=iso-8859-1", "[]");
  g_autoptr (PdnTestReply) object = post (net->admin, "application/json", "{}");
  g_autoptr (PdnTestReply) malformed = post (net->admin, "application/json", "[{\"school_id\":");
  g_autoptr (PdnTestReply) empty_json = post (net->admin, "application/json", "");
  g_autoptr (PdnTestReply) no_column
      = post (net->admin, "text/csv", "school_id,school_year,value,students_n\n1,2025-26,1,1\n");
  g_autoptr (PdnTestReply) no_school
      = post (net->admin, "text/csv", "school_year,measure,value,students_n\n2025-26,m,1,1\n");
  g_autoptr (PdnTestReply) empty_csv = post (net->admin, "text/csv", "");
  g_autoptr (PdnTestReply) bad_bytes
      = post (net->admin, "text/csv", HEADER ",\xff,2025-26,m,1,1\n");

  pdn_test_assert_reply_problem (plain, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (untyped, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (latin1, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (json_latin1, 415, "unsupported-media-type", NULL);
  pdn_test_assert_reply_problem (object, 400, "invalid-input", NULL);
  pdn_test_assert_reply_problem (malformed, 400, "invalid-input", "[0].school_id");
  pdn_test_assert_reply_problem (empty_json, 400, "invalid-input", NULL);
  pdn_test_assert_reply_problem (no_column, 400, "invalid-input", "measure");
  pdn_test_assert_reply_problem (no_school, 400, "invalid-input", "school_id");
  pdn_test_assert_reply_problem (empty_csv, 400, "invalid-input", NULL);
  pdn_test_assert_reply_problem (bad_bytes, 400, "invalid-input", NULL);
  pdn_test_assert_healthy (net);
}

/* list_a at each school in 2024-25 and 2025-26, list_b at Lincoln in
 * 2025-26. */
static void
add_list_outcomes (void)
{
  g_autofree gchar *csv = g_strdup_printf (
      HEADER "%1$lld,,2024-25,list_a,1,10\n%1$lld,,2025-26,list_a,2,20\n"
             "%2$lld,,2024-25,list_a,3,30\n%2$lld,,2025-26,list_a,4,40\n"
             "%3$lld,,2024-25,list_a,5,50\n%3$lld,,2025-26,list_a,6,60\n"
             "%1$lld,,2025-26,list_b,7,70\n",
      (long long) net->lincoln_id, (long long) net->adams_id, (long long) net->harbor_id);
  g_autoptr (PdnTestReply) reply = post (net->admin, "text/csv", csv);

  assert_counts (reply, 7, 7, 0, 0);
}

/* Only the caller's organization's schools, whatever else is stored. */
static void
assert_only_organization (const gchar *token, gint64 organization_id, guint expected_list_a)
{
  g_autoptr (JsonArray) all = list_items (token, "?limit=200");
  g_autoptr (JsonArray) list_a = list_items (token, "?measure=list_a");

  g_assert_cmpuint (json_array_get_length (all), >, 0);
  for (guint i = 0; i < json_array_get_length (all); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (all, i),
                                                 "organization_id"),
                     ==, organization_id);
  g_assert_cmpuint (json_array_get_length (list_a), ==, expected_list_a);
}

static void
test_list_access (void)
{
  g_autofree gchar *district = g_strdup_printf ("?organization_id=%lld",
                                                (long long) net->district_id);
  g_autofree gchar *charter = g_strdup_printf ("?organization_id=%lld",
                                               (long long) net->charter_id);
  g_autofree gchar *harbor = g_strdup_printf ("?school_id=%lld", (long long) net->harbor_id);
  const gchar *teachers[] = { net->district_teacher, net->charter_teacher };

  add_list_outcomes ();
  g_assert_cmpuint (count_items (net->admin, "?measure=list_a"), ==, 6);
  assert_only_organization (net->district_coordinator, net->district_id, 4);
  assert_only_organization (net->district_lead, net->district_id, 4);
  assert_only_organization (net->charter_coordinator, net->charter_id, 2);
  g_assert_cmpuint (count_items (net->district_lead, district), >, 0);
  /* Naming another organization or its school is refused; an unknown
   * school matches nothing. */
  {
    g_autoptr (PdnTestReply) other_org = get (net->district_coordinator, charter);
    g_autoptr (PdnTestReply) other_school = get (net->district_lead, harbor);
    g_autoptr (PdnTestReply) charter_to_district = get (net->charter_coordinator, district);

    pdn_test_assert_reply_problem (other_org, 403, "forbidden", NULL);
    pdn_test_assert_reply_problem (other_school, 403, "forbidden", NULL);
    pdn_test_assert_reply_problem (charter_to_district, 403, "forbidden", NULL);
  }
  g_assert_cmpuint (count_items (net->district_coordinator, "?school_id=99999"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (teachers); i++)
    {
      g_autoptr (PdnTestReply) reply = get (teachers[i], "");
      pdn_test_assert_reply_problem (reply, 403, "forbidden", NULL);
    }
  pdn_test_assert_needs_token (net, "GET", PATH, NULL);
}

static void
test_filters (void)
{
  g_autofree gchar *lincoln = g_strdup_printf ("?measure=list_a&school_id=%lld",
                                               (long long) net->lincoln_id);
  g_autofree gchar *district = g_strdup_printf ("?measure=list_a&organization_id=%lld",
                                                (long long) net->district_id);
  g_autofree gchar *all_lincoln = g_strdup_printf ("?school_id=%lld&school_year=2025-26",
                                                   (long long) net->lincoln_id);
  g_autoptr (JsonArray) year = list_items (net->admin, "?measure=list_a&school_year=2025-26");
  static const struct
  {
    const gchar *query;
    const gchar *field;
  } refused[] = {
    { "?school_year=2025", "school_year" },   { "?school_year=2025-27", "school_year" },
    { "?measure=List_A", "measure" },         { "?measure=list-a", "measure" },
    { "?school_id=abc", "school_id" },        { "?school_id=0", "school_id" },
    { "?organization_id=-1", "organization_id" }, { "?sector=district", "sector" },
    { "?cursor=12", "cursor" },               { "?cursor=x:2025-26:list_a", "cursor" },
    { "?cursor=1:2025:list_a", "cursor" },    { "?cursor=1:2025-26:Bad", "cursor" },
    { "?limit=0", "limit" },                  { "?limit=201", "limit" },
  };

  g_assert_cmpuint (count_items (net->admin, lincoln), ==, 2);
  g_assert_cmpuint (count_items (net->admin, district), ==, 4);
  g_assert_cmpuint (json_array_get_length (year), ==, 3);
  for (guint i = 0; i < json_array_get_length (year); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (year, i),
                                                    "school_year"),
                     ==, "2025-26");
  /* list_a and list_b, in measure order. */
  {
    g_autoptr (JsonArray) items = list_items (net->admin, all_lincoln);
    g_autoptr (GPtrArray) measures = g_ptr_array_new ();

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        const gchar *measure = json_object_get_string_member (
            json_array_get_object_element (items, i), "measure");
        if (g_str_has_prefix (measure, "list_"))
          g_ptr_array_add (measures, (gpointer) measure);
      }
    g_assert_cmpuint (measures->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (measures, 0), ==, "list_a");
    g_assert_cmpstr (g_ptr_array_index (measures, 1), ==, "list_b");
  }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (PdnTestReply) reply = get (net->admin, refused[i].query);

      g_test_message ("%s", refused[i].query);
      pdn_test_assert_reply_problem (reply, 400, "invalid-input", refused[i].field);
    }
}

/* An item's key, zero-padded so that keys sort as the list does. */
static gchar *
item_key (JsonObject *item)
{
  return g_strdup_printf ("%020lld:%s:%s",
                          (long long) json_object_get_int_member (item, "school_id"),
                          json_object_get_string_member (item, "school_year"),
                          json_object_get_string_member (item, "measure"));
}

/* Follows next_cursor through @query's pages of @limit; returns every
 * item's key, in order, and how many pages it took. */
static GPtrArray *
walk_pages (const gchar *token, const gchar *query, guint limit, guint *pages)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *cursor = NULL;

  *pages = 0;
  do
    {
      g_autofree gchar *escaped
          = cursor != NULL ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree gchar *full = g_strdup_printf ("%s&limit=%u%s%s", query, limit,
                                                escaped != NULL ? "&cursor=" : "",
                                                escaped != NULL ? escaped : "");
      g_autoptr (PdnTestReply) reply = get (token, full);
      JsonObject *page = pdn_test_assert_reply_ok (reply, 200);
      JsonArray *items = json_object_get_array_member (page, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (keys, item_key (json_array_get_object_element (items, i)));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (page, "next_cursor", NULL));
      /* Only a full page says there may be more. */
      g_assert_cmpuint (json_array_get_length (items), ==,
                        cursor != NULL ? limit : json_array_get_length (items));
      g_assert_cmpuint (json_array_get_length (items), <=, limit);
      (*pages)++;
    }
  while (cursor != NULL);
  return keys;
}

static gint
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar *const *) a, *(const gchar *const *) b);
}

static void
assert_same_keys (GPtrArray *keys, GPtrArray *expected)
{
  g_assert_cmpuint (keys->len, ==, expected->len);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpstr (g_ptr_array_index (keys, i), ==, g_ptr_array_index (expected, i));
}

/* The page_a keys of the rows test_paging() adds, in list order;
 * @harbor: with Harbor's. */
static GPtrArray *
expected_page_a (gboolean harbor)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup_printf ("%020lld:2024-25:page_a", (long long) net->adams_id));
  g_ptr_array_add (keys, g_strdup_printf ("%020lld:2025-26:page_a", (long long) net->adams_id));
  g_ptr_array_add (keys, g_strdup_printf ("%020lld:2023-24:page_a", (long long) net->lincoln_id));
  g_ptr_array_add (keys, g_strdup_printf ("%020lld:2025-26:page_a", (long long) net->lincoln_id));
  if (harbor)
    g_ptr_array_add (keys,
                     g_strdup_printf ("%020lld:2025-26:page_a", (long long) net->harbor_id));
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

/* Keyset pages in (school, year, measure) order: every item once, and a
 * page that ends the list exactly has no next_cursor. */
static void
test_paging (void)
{
  g_autofree gchar *csv = g_strdup_printf (
      HEADER "%1$lld,,2024-25,page_b,1,1\n%1$lld,,2024-25,page_a,1,1\n"
             "%1$lld,,2025-26,page_a,1,1\n%2$lld,,2023-24,page_a,1,1\n"
             "%2$lld,,2025-26,page_a,1,1\n%3$lld,,2025-26,page_a,1,1\n"
             "%3$lld,,2025-26,page_b,1,1\n",
      (long long) net->adams_id, (long long) net->lincoln_id, (long long) net->harbor_id);
  g_autoptr (PdnTestReply) reply = post (net->admin, "text/csv", csv);
  g_autoptr (GPtrArray) all = expected_page_a (TRUE);
  g_autoptr (GPtrArray) district_only = expected_page_a (FALSE);
  g_autoptr (GPtrArray) by_two = NULL;
  g_autoptr (GPtrArray) by_five = NULL;
  g_autoptr (GPtrArray) district = NULL;
  g_autoptr (GPtrArray) year = NULL;
  guint pages = 0;
  guint page_rows = 0;

  assert_counts (reply, 7, 7, 0, 0);
  by_two = walk_pages (net->admin, "?measure=page_a", 2, &pages);
  assert_same_keys (by_two, all);
  g_assert_cmpuint (pages, ==, 3);
  by_five = walk_pages (net->admin, "?measure=page_a", 5, &pages);
  assert_same_keys (by_five, all);
  g_assert_cmpuint (pages, ==, 1);
  district = walk_pages (net->district_coordinator, "?measure=page_a", 1, &pages);
  assert_same_keys (district, district_only);
  g_assert_cmpuint (pages, ==, 4);

  /* Several measures per school and year: keys strictly increase. */
  year = walk_pages (net->admin, "?school_year=2025-26", 1, &pages);
  for (guint i = 1; i < year->len; i++)
    g_assert_cmpint (strcmp (g_ptr_array_index (year, i - 1), g_ptr_array_index (year, i)), <, 0);
  for (guint i = 0; i < year->len; i++)
    if (strstr (g_ptr_array_index (year, i), ":page_") != NULL)
      page_rows++;
  g_assert_cmpuint (page_rows, ==, 4);
}

int
main (int argc, char **argv)
{
  g_autoptr (PdnTestNetwork) network = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  network = net = pdn_test_network_start ();
  set_external_id (net->harbor_id, "HP-1");
  g_test_add_func ("/pdnet/api/outcomes/csv", test_csv);
  g_test_add_func ("/pdnet/api/outcomes/json", test_json);
  g_test_add_func ("/pdnet/api/outcomes/bad-rows", test_bad_rows);
  g_test_add_func ("/pdnet/api/outcomes/import-access", test_import_access);
  g_test_add_func ("/pdnet/api/outcomes/bad-bodies", test_bad_bodies);
  g_test_add_func ("/pdnet/api/outcomes/list-access", test_list_access);
  g_test_add_func ("/pdnet/api/outcomes/filters", test_filters);
  g_test_add_func ("/pdnet/api/outcomes/paging", test_paging);
  status = g_test_run ();
  pdn_test_assert_healthy (net);
  return status;
}
