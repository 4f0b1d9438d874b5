/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-json-fields.h"

static JsonNode *
parse (const gchar *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static PdnJsonFields *
fields_for (const gchar *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (GError) error = NULL;
  PdnJsonFields *fields = pdn_json_fields_new (node, NULL, &error);

  g_assert_no_error (error);
  return fields;
}

#define assert_field_error(error, name)                                                          \
  G_STMT_START                                                                                   \
  {                                                                                              \
    g_assert_error ((error), PDN_ERROR, PDN_ERROR_INVALID_INPUT);                                \
    g_assert_cmpstr (pdn_error_get_field (error), ==, (name));                                   \
    g_clear_error (&(error));                                                                    \
  }                                                                                              \
  G_STMT_END

static void
test_reads_typed_members (void)
{
  g_autoptr (PdnJsonFields) fields = fields_for (
    "{\"name\":\"Adams\",\"capacity\":25,\"host_school_id\":null,\"open\":true,"
    "\"facilitator_ids\":[3,4],\"domains\":[\"a.example\"],\"settings\":{\"n\":4}}");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *name = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) domains = NULL;
  g_autoptr (JsonNode) settings = NULL;
  gint64 capacity = -1;
  gint64 host = 99;
  gint64 untouched = 7;
  gboolean open = FALSE;

  g_assert_true (pdn_json_fields_get_string (fields, "name", FALSE, &name, &error));
  g_assert_true (pdn_json_fields_get_int (fields, "capacity", 0, 1000, &capacity, &error));
  g_assert_true (pdn_json_fields_get_id (fields, "host_school_id", TRUE, &host, &error));
  g_assert_true (pdn_json_fields_get_bool (fields, "open", &open, &error));
  g_assert_true (pdn_json_fields_get_ids (fields, "facilitator_ids", &ids, &error));
  g_assert_true (pdn_json_fields_get_strings (fields, "domains", &domains, &error));
  g_assert_true (pdn_json_fields_get_object (fields, "settings", &settings, &error));
  g_assert_true (pdn_json_fields_get_int (fields, "absent", 0, 10, &untouched, &error));
  g_assert_true (pdn_json_fields_finish (fields, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Adams");
  g_assert_cmpint (capacity, ==, 25);
  g_assert_cmpint (host, ==, 0);
  g_assert_true (open);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 4);
  g_assert_cmpstr (g_ptr_array_index (domains, 0), ==, "a.example");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (settings));
  g_assert_cmpint (untouched, ==, 7);
}

static void
test_wrong_types_name_the_field (void)
{
  g_autoptr (PdnJsonFields) fields = fields_for (
    "{\"name\":5,\"capacity\":\"ten\",\"big\":1.5,\"ids\":[1,\"2\"],\"zero\":[0],"
    "\"flag\":\"yes\",\"list\":\"x\",\"strs\":[1],\"obj\":[],\"id\":null,\"range\":-1}");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *text = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) strs = NULL;
  g_autoptr (JsonNode) obj = NULL;
  gint64 number = 0;
  gboolean flag = FALSE;

  g_assert_false (pdn_json_fields_get_string (fields, "name", FALSE, &text, &error));
  assert_field_error (error, "name");
  g_assert_false (pdn_json_fields_get_int (fields, "capacity", 0, 10, &number, &error));
  assert_field_error (error, "capacity");
  g_assert_false (pdn_json_fields_get_int (fields, "big", 0, 10, &number, &error));
  assert_field_error (error, "big");
  g_assert_false (pdn_json_fields_get_ids (fields, "ids", &ids, &error));
  assert_field_error (error, "ids[1]");
  g_assert_false (pdn_json_fields_get_ids (fields, "zero", &ids, &error));
  assert_field_error (error, "zero[0]");
  g_assert_false (pdn_json_fields_get_bool (fields, "flag", &flag, &error));
  assert_field_error (error, "flag");
  g_assert_false (pdn_json_fields_get_ids (fields, "list", &ids, &error));
  assert_field_error (error, "list");
  g_assert_false (pdn_json_fields_get_strings (fields, "strs", &strs, &error));
  assert_field_error (error, "strs[0]");
  g_assert_false (pdn_json_fields_get_object (fields, "obj", &obj, &error));
  assert_field_error (error, "obj");
  /* null is no id unless the field is nullable. */
  g_assert_false (pdn_json_fields_get_id (fields, "id", FALSE, &number, &error));
  assert_field_error (error, "id");
  g_assert_false (pdn_json_fields_get_int (fields, "range", 0, 10, &number, &error));
  assert_field_error (error, "range");
  g_assert_null (ids);
  g_assert_null (text);
}

static void
test_unknown_and_required (void)
{
  g_autoptr (PdnJsonFields) fields = fields_for ("{\"name\":\"A\",\"nmae\":\"B\",\"x\":null}");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *name = NULL;

  g_assert_true (pdn_json_fields_get_string (fields, "name", FALSE, &name, &error));
  g_assert_false (pdn_json_fields_require (fields, "sector", &error));
  assert_field_error (error, "sector");
  g_assert_false (pdn_json_fields_require (fields, "x", &error));
  assert_field_error (error, "x");
  g_assert_true (pdn_json_fields_has (fields, "x"));
  g_assert_false (pdn_json_fields_finish (fields, &error));
  assert_field_error (error, "nmae");
}

static void
test_nested_objects_carry_paths (void)
{
  g_autoptr (PdnJsonFields) fields = fields_for (
    "{\"affiliations\":[{\"school_id\":1,\"from\":\"2025-08-01\"},{\"school_id\":2,\"when\":1}]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = pdn_json_fields_get_objects (fields, "affiliations", &error);
  g_autoptr (PdnJsonFields) not_object = fields_for ("{\"list\":[{},3]}");
  g_autoptr (GPtrArray) bad = NULL;
  g_autoptr (JsonNode) array = parse ("[1]");
  g_autoptr (PdnJsonFields) none = NULL;
  gint64 school = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_true (pdn_json_fields_get_id (g_ptr_array_index (items, 1), "school_id", FALSE,
                                         &school, &error));
  g_assert_cmpint (school, ==, 2);
  g_assert_false (pdn_json_fields_finish (g_ptr_array_index (items, 1), &error));
  assert_field_error (error, "affiliations[1].when");

  bad = pdn_json_fields_get_objects (not_object, "list", &error);
  g_assert_null (bad);
  assert_field_error (error, "list[1]");

  none = pdn_json_fields_new (array, NULL, &error);
  g_assert_null (none);
  assert_field_error (error, "body");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/json-fields/typed-members", test_reads_typed_members);
  g_test_add_func ("/pdnet/json-fields/wrong-types", test_wrong_types_name_the_field);
  g_test_add_func ("/pdnet/json-fields/unknown-and-required", test_unknown_and_required);
  g_test_add_func ("/pdnet/json-fields/nested-paths", test_nested_objects_carry_paths);
  return g_test_run ();
}
