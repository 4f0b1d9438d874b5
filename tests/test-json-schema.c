/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-json-schema.h"

/*
 * The parameters schema subset: schemas outside it refused, every value
 * rule with the field it names, defaults filled in, unknown members
 * refused, and command-line text parsed by each type.
 */

static const gchar schema_text[]
    = "{\"type\":\"object\",\"additionalProperties\":false,"
      "\"required\":[\"school_year\"],"
      "\"properties\":{"
      "\"school_year\":{\"type\":\"string\",\"description\":\"Such as 2025-26\"},"
      "\"min_students\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000,\"default\":10},"
      "\"alpha\":{\"type\":\"number\",\"minimum\":0,\"maximum\":0.5,\"default\":0.05},"
      "\"by\":{\"type\":\"string\",\"enum\":[\"school\",\"sector\"],\"default\":\"school\"},"
      "\"paired\":{\"type\":\"boolean\",\"default\":false},"
      "\"program_ids\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":3,"
      "\"items\":{\"type\":\"integer\",\"minimum\":1}},"
      "\"grades\":{\"type\":\"array\",\"items\":{\"type\":\"string\","
      "\"enum\":[\"K\",\"1\",\"2\"]},\"default\":[\"K\"]}}}";

static JsonObject *
parse_object (const gchar *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
schema (void)
{
  JsonObject *object = parse_object (schema_text);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_json_schema_check (object, &error));
  g_assert_no_error (error);
  return object;
}

/* Validates @parameters; returns them (changed in place). */
static JsonObject *
validate_ok (const gchar *parameters)
{
  g_autoptr (JsonObject) s = schema ();
  JsonObject *object = parse_object (parameters);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_json_schema_validate (s, object, "parameters", &error));
  g_assert_no_error (error);
  return object;
}

/* Refused, naming @field, with @text in the message. */
static void
assert_refused (const gchar *parameters, const gchar *field, const gchar *text)
{
  g_autoptr (JsonObject) s = schema ();
  g_autoptr (JsonObject) object = parse_object (parameters);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_json_schema_validate (s, object, "parameters", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
  if (text != NULL && strstr (error->message, text) == NULL)
    g_error ("“%s” not in “%s”", text, error->message);
}

static void
test_defaults_filled (void)
{
  g_autoptr (JsonObject) p = validate_ok ("{\"school_year\":\"2025-26\"}");
  JsonArray *grades = json_object_get_array_member (p, "grades");

  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 10);
  g_assert_cmpfloat (json_object_get_double_member (p, "alpha"), ==, 0.05);
  g_assert_cmpstr (json_object_get_string_member (p, "by"), ==, "school");
  g_assert_false (json_object_get_boolean_member (p, "paired"));
  g_assert_cmpuint (json_array_get_length (grades), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (grades, 0), ==, "K");
  /* No default, not given: stays absent. */
  g_assert_false (json_object_has_member (p, "program_ids"));
}

static void
test_given_values_kept (void)
{
  g_autoptr (JsonObject) p = validate_ok (
      "{\"school_year\":\"2025-26\",\"min_students\":20,\"alpha\":0.1,\"by\":\"sector\","
      "\"paired\":true,\"program_ids\":[3,4],\"grades\":[\"1\",\"2\"]}");

  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (p, "alpha"), ==, 0.1);
  g_assert_cmpstr (json_object_get_string_member (p, "by"), ==, "sector");
  g_assert_true (json_object_get_boolean_member (p, "paired"));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (p, "program_ids"),
                                               1),
                   ==, 4);
}

/* JSON Schema counts 20.0 as an integer; the analysis gets 20. */
static void
test_whole_doubles_are_integers (void)
{
  g_autoptr (JsonObject) p = validate_ok (
      "{\"school_year\":\"2025-26\",\"min_students\":20.0,\"program_ids\":[5.0],\"alpha\":0}");
  JsonNode *min = json_object_get_member (p, "min_students");
  JsonArray *ids = json_object_get_array_member (p, "program_ids");

  g_assert_cmpint (json_node_get_value_type (min), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (min), ==, 20);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (ids, 0)), ==, G_TYPE_INT64);
  /* A whole number is a number. */
  g_assert_cmpfloat (json_object_get_double_member (p, "alpha"), ==, 0.0);
}

/* null means "the default". */
static void
test_null_is_default (void)
{
  g_autoptr (JsonObject) p = validate_ok ("{\"school_year\":\"2025-26\",\"min_students\":null}");

  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 10);
  assert_refused ("{\"school_year\":null}", "parameters.school_year", "required");
}

static void
test_unknown_refused (void)
{
  g_autoptr (JsonObject) s = schema ();
  g_autoptr (JsonObject) p = parse_object ("{\"school_year\":\"2025-26\",\"zeta\":1,\"beta\":2}");
  g_autoptr (GError) error = NULL;

  /* The first unknown alphabetically, with what the analysis takes. */
  g_assert_false (pdn_json_schema_validate (s, p, "parameters", &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "parameters.beta");
  g_assert_nonnull (strstr (error->message, "alpha, by, grades, min_students"));
  /* Without a prefix, the bare name. */
  g_clear_error (&error);
  g_assert_false (pdn_json_schema_validate (s, p, NULL, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "beta");
}

static void
test_unknown_refused_without_properties (void)
{
  g_autoptr (JsonObject) s = parse_object ("{\"type\":\"object\"}");
  g_autoptr (JsonObject) p = parse_object ("{\"x\":1}");
  g_autoptr (JsonObject) empty = parse_object ("{}");
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_json_schema_check (s, &error));
  g_assert_true (pdn_json_schema_validate (s, empty, NULL, &error));
  g_assert_false (pdn_json_schema_validate (s, p, NULL, &error));
  g_assert_cmpstr (pdn_error_get_field (error), ==, "x");
  g_assert_nonnull (strstr (error->message, "takes none"));
}

static void
test_required (void)
{
  assert_refused ("{}", "parameters.school_year", "required");
}

static void
test_types (void)
{
  assert_refused ("{\"school_year\":2025}", "parameters.school_year", "a string");
  assert_refused ("{\"school_year\":\"x\",\"min_students\":\"10\"}", "parameters.min_students",
                  "a whole number");
  assert_refused ("{\"school_year\":\"x\",\"min_students\":10.5}", "parameters.min_students",
                  "a whole number");
  assert_refused ("{\"school_year\":\"x\",\"min_students\":true}", "parameters.min_students",
                  "a whole number");
  assert_refused ("{\"school_year\":\"x\",\"alpha\":\"0.1\"}", "parameters.alpha", "a number");
  assert_refused ("{\"school_year\":\"x\",\"paired\":1}", "parameters.paired", "true or false");
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":3}", "parameters.program_ids",
                  "a list");
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":{}}", "parameters.program_ids",
                  "a list");
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":[1,\"2\"]}",
                  "parameters.program_ids[1]", "a whole number");
}

static void
test_bounds (void)
{
  assert_refused ("{\"school_year\":\"x\",\"min_students\":0}", "parameters.min_students",
                  "at least 1");
  assert_refused ("{\"school_year\":\"x\",\"min_students\":1001}", "parameters.min_students",
                  "at most 1000");
  assert_refused ("{\"school_year\":\"x\",\"alpha\":0.75}", "parameters.alpha", "at most 0.5");
  assert_refused ("{\"school_year\":\"x\",\"alpha\":-0.1}", "parameters.alpha", "at least 0");
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":[1,0]}", "parameters.program_ids[1]",
                  "at least 1");
  {
    g_autoptr (JsonObject) edge = validate_ok (
        "{\"school_year\":\"x\",\"min_students\":1000,\"alpha\":0.5}");
    g_assert_cmpint (json_object_get_int_member (edge, "min_students"), ==, 1000);
  }
}

static void
test_enums (void)
{
  assert_refused ("{\"school_year\":\"x\",\"by\":\"district\"}", "parameters.by",
                  "one of: \"school\", \"sector\"");
  assert_refused ("{\"school_year\":\"x\",\"grades\":[\"K\",\"3\"]}", "parameters.grades[1]",
                  "one of");
}

static void
test_item_counts (void)
{
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":[]}", "parameters.program_ids",
                  "at least 1 item");
  assert_refused ("{\"school_year\":\"x\",\"program_ids\":[1,2,3,4]}", "parameters.program_ids",
                  "at most 3 items");
}

/* Validation changes a copy's members, never the schema's defaults. */
static void
test_defaults_are_copies (void)
{
  g_autoptr (JsonObject) s = schema ();
  g_autoptr (JsonObject) p = parse_object ("{\"school_year\":\"x\"}");
  JsonArray *defaults;

  g_assert_true (pdn_json_schema_validate (s, p, NULL, NULL));
  json_array_add_string_element (json_object_get_array_member (p, "grades"), "2");
  defaults = json_object_get_array_member (pdn_json_schema_get_property (s, "grades"),
                                           "default");
  g_assert_cmpuint (json_array_get_length (defaults), ==, 1);
}

static void
assert_schema_refused (const gchar *text, const gchar *why)
{
  g_autoptr (JsonObject) object = parse_object (text);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_json_schema_check (object, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
  if (strstr (error->message, why) == NULL)
    g_error ("“%s” not in “%s”", why, error->message);
}

static void
test_schemas_outside_the_subset (void)
{
  assert_schema_refused ("{\"type\":\"array\"}", "\"type\": \"object\"");
  assert_schema_refused ("{\"type\":\"object\",\"additionalProperties\":true}",
                         "additionalProperties");
  assert_schema_refused ("{\"type\":\"object\",\"patternProperties\":{}}", "patternProperties");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":[]}", "\"properties\" must be");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"null\"}}}",
                         "property \"x\": \"type\"");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"format\":\"email\"}}}",
                         "keyword \"format\"");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"pattern\":\"(\"}}}",
                         "not a regular expression");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\","
                         "\"pattern\":\"^a\"}}}",
                         "\"pattern\" needs a string");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\","
                         "\"maxLength\":3}}}",
                         "\"maxLength\" needs a whole number");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"uniqueItems\":true}}}",
                         "\"uniqueItems\"");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"minimum\":1}}}",
                         "\"minimum\" needs a number");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\","
                         "\"minItems\":1}}}",
                         "\"minItems\"");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"array\"}}}",
                         "needs \"items\"");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"array\","
                         "\"items\":{\"type\":\"array\"}}}}",
                         "items");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"enum\":[]}}}",
                         "\"enum\" is empty");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                         "\"enum\":[\"a\",1]}}}",
                         "not of its type");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\","
                         "\"minimum\":5,\"default\":2}}}",
                         "its default is not valid");
  assert_schema_refused ("{\"type\":\"object\",\"properties\":{},\"required\":[\"y\"]}",
                         "\"required\" names");
}

/* A program type's settings: strings' lengths and patterns, distinct
 * items, fields named "settings.x" and "settings.x[i]", and null refused. */
static const gchar settings_schema_text[]
    = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
      "\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
      "\"credit\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":3},"
      "\"hours\":{\"type\":\"number\",\"default\":2},"
      "\"elements\":{\"type\":\"array\",\"uniqueItems\":true,"
      "\"items\":{\"type\":\"string\",\"pattern\":\"^[a-z]+(-[a-z]+)*$\",\"maxLength\":6}},"
      "\"months\":{\"type\":\"array\",\"uniqueItems\":true,"
      "\"items\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":12}}}}";

static void
assert_settings_refused (const gchar *settings, const gchar *field, const gchar *text)
{
  g_autoptr (JsonObject) s = parse_object (settings_schema_text);
  g_autoptr (JsonObject) object = parse_object (settings);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_json_schema_check (s, NULL));
  g_assert_false (pdn_json_schema_validate_settings (s, object, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” not in “%s”", text, error->message);
}

static void
test_settings (void)
{
  g_autoptr (JsonObject) s = parse_object (settings_schema_text);
  g_autoptr (JsonObject) ok = parse_object ("{\"credit\":\"ñé\",\"elements\":[\"a-b\",\"c\"],"
                                            "\"months\":[1,12.0]}");
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_json_schema_check (s, &error));
  g_assert_no_error (error);
  /* Lengths count characters, not bytes. */
  g_assert_true (pdn_json_schema_validate_settings (s, ok, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (ok, "hours"), ==, 2);
  assert_settings_refused ("{\"credit\":\"\"}", "settings.credit", "at least 1 character");
  assert_settings_refused ("{\"credit\":\"abcd\"}", "settings.credit", "at most 3 characters");
  assert_settings_refused ("{\"elements\":[\"a\",\"B\"]}", "settings.elements[1]",
                           "expected form");
  assert_settings_refused ("{\"elements\":[\"abcdefg\"]}", "settings.elements[0]",
                           "at most 6");
  assert_settings_refused ("{\"elements\":[\"a\",\"b\",\"a\"]}", "settings.elements[2]",
                           "repeats \"a\"");
  assert_settings_refused ("{\"months\":[3,3.0]}", "settings.months[1]", "repeats");
  assert_settings_refused ("{\"hours\":null}", "settings.hours", "must be a number");
  assert_settings_refused ("{\"colour\":1}", "settings.colour",
                           "not a setting of this program type; it takes credit, elements");
}

static void
parse_ok (JsonObject *s, const gchar *name, const gchar *text, const gchar *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pdn_json_schema_parse_text (s, name, text, &error);
  g_autofree gchar *json = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==, expected);
}

static void
parse_refused (JsonObject *s, const gchar *name, const gchar *text, const gchar *why)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pdn_json_schema_parse_text (s, name, text, &error);

  g_assert_null (node);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, name);
  if (strstr (error->message, why) == NULL)
    g_error ("“%s” not in “%s”", why, error->message);
}

static void
test_parse_text (void)
{
  g_autoptr (JsonObject) s = schema ();

  parse_ok (s, "min_students", "12", "12");
  parse_ok (s, "alpha", "0.25", "0.25");
  parse_ok (s, "paired", "true", "true");
  parse_ok (s, "by", "sector", "\"sector\"");
  parse_ok (s, "school_year", "2025-26", "\"2025-26\"");
  parse_ok (s, "program_ids", "1, 2,3", "[1,2,3]");
  parse_ok (s, "program_ids", "", "[]");
  parse_ok (s, "grades", "K,1", "[\"K\",\"1\"]");
  parse_refused (s, "min_students", "twelve", "a whole number");
  parse_refused (s, "min_students", "1.5", "a whole number");
  parse_refused (s, "alpha", "0.1x", "a number");
  parse_refused (s, "paired", "yes", "true or false");
  parse_refused (s, "program_ids", "1,two", "a whole number");
  parse_refused (s, "nope", "1", "not a parameter");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/json-schema/defaults-filled", test_defaults_filled);
  g_test_add_func ("/pdnet/json-schema/given-values-kept", test_given_values_kept);
  g_test_add_func ("/pdnet/json-schema/whole-doubles-are-integers",
                   test_whole_doubles_are_integers);
  g_test_add_func ("/pdnet/json-schema/null-is-default", test_null_is_default);
  g_test_add_func ("/pdnet/json-schema/unknown-refused", test_unknown_refused);
  g_test_add_func ("/pdnet/json-schema/unknown-refused-without-properties",
                   test_unknown_refused_without_properties);
  g_test_add_func ("/pdnet/json-schema/required", test_required);
  g_test_add_func ("/pdnet/json-schema/types", test_types);
  g_test_add_func ("/pdnet/json-schema/bounds", test_bounds);
  g_test_add_func ("/pdnet/json-schema/enums", test_enums);
  g_test_add_func ("/pdnet/json-schema/item-counts", test_item_counts);
  g_test_add_func ("/pdnet/json-schema/defaults-are-copies", test_defaults_are_copies);
  g_test_add_func ("/pdnet/json-schema/schemas-outside-the-subset",
                   test_schemas_outside_the_subset);
  g_test_add_func ("/pdnet/json-schema/parse-text", test_parse_text);
  g_test_add_func ("/pdnet/json-schema/settings", test_settings);
  return g_test_run ();
}
