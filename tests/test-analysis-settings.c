/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-analysis-settings.h"
#include "pdn-json-schema.h"

/*
 * [analyses] in pdnetd.conf and the privacy floors: defaults of 10 and 5,
 * set by the admin, and applied to parameters so a caller may raise them
 * but never lower them (a lower value is raised, not refused).
 */

static const gchar schema_text[]
    = "{\"type\":\"object\",\"properties\":{"
      "\"min_students\":{\"type\":\"integer\",\"minimum\":1,\"default\":3},"
      "\"min_respondents\":{\"type\":\"number\",\"minimum\":1},"
      "\"year\":{\"type\":\"string\"}}}";

static JsonObject *
parse_object (const gchar *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static GKeyFile *
key_file (const gchar *text)
{
  GKeyFile *file = g_key_file_new ();

  g_assert_true (g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, NULL));
  return file;
}

static void
test_defaults (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GKeyFile) empty = key_file ("[pdnetd]\nlisten=127.0.0.1:0\n");

  pdn_analysis_settings_init (&settings);
  g_assert_true (pdn_analysis_settings_load (&settings, empty, NULL));
  g_assert_cmpuint (settings.min_students, ==, 10);
  g_assert_cmpuint (settings.min_respondents, ==, 5);
  g_assert_cmpuint (settings.workers, ==, 2);
}

static void
test_load (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GKeyFile) file
      = key_file ("[analyses]\nmin-students = 25\nmin-respondents=8\nworkers=1\n");
  g_autoptr (GError) error = NULL;

  pdn_analysis_settings_init (&settings);
  g_assert_true (pdn_analysis_settings_load (&settings, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.min_students, ==, 25);
  g_assert_cmpuint (settings.min_respondents, ==, 8);
  g_assert_cmpuint (settings.workers, ==, 1);
}

static void
assert_load_refused (const gchar *text, const gchar *field)
{
  PdnAnalysisSettings settings;
  g_autoptr (GKeyFile) file = key_file (text);
  g_autoptr (GError) error = NULL;

  pdn_analysis_settings_init (&settings);
  g_assert_false (pdn_analysis_settings_load (&settings, file, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
test_load_refused (void)
{
  assert_load_refused ("[analyses]\nmin-students=0\n", "min-students");
  assert_load_refused ("[analyses]\nmin-students=ten\n", "min-students");
  assert_load_refused ("[analyses]\nmin-respondents=-1\n", "min-respondents");
  assert_load_refused ("[analyses]\nworkers=0\n", "workers");
  assert_load_refused ("[analyses]\nworkers=65\n", "workers");
}

/* Validates @requested against the schema, then applies the floors. */
static JsonObject *
apply (const PdnAnalysisSettings *settings, const gchar *requested, GPtrArray *caveats)
{
  g_autoptr (JsonObject) schema = parse_object (schema_text);
  g_autoptr (JsonObject) asked = parse_object (requested);
  g_autoptr (JsonNode) copy = NULL;
  JsonObject *parameters;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), asked);
    copy = pdn_json_schema_copy (node);
  }
  parameters = json_object_ref (json_node_get_object (copy));
  g_assert_true (pdn_json_schema_validate (schema, parameters, "parameters", &error));
  g_assert_no_error (error);
  pdn_analysis_settings_apply_floors (settings, schema, parameters, asked, caveats);
  return parameters;
}

static void
test_floors_raise_defaults_silently (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GPtrArray) caveats = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) p = NULL;

  pdn_analysis_settings_init (&settings);
  p = apply (&settings, "{}", caveats);
  /* The schema's default (3) and an absent value both come up. */
  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 10);
  g_assert_cmpfloat (json_object_get_double_member (p, "min_respondents"), ==, 5.0);
  g_assert_cmpuint (caveats->len, ==, 0);
  /* A property the schema does not have is never added. */
  g_assert_false (json_object_has_member (p, "year"));
}

static void
test_floors_raise_lower_requests (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GPtrArray) caveats = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) p = NULL;

  pdn_analysis_settings_init (&settings);
  p = apply (&settings, "{\"min_students\":3,\"min_respondents\":2.5}", caveats);
  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 10);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (p, "min_students")), ==,
                   G_TYPE_INT64);
  g_assert_cmpfloat (json_object_get_double_member (p, "min_respondents"), ==, 5.0);
  g_assert_cmpuint (caveats->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (caveats, 0), "min_students was raised from 3 "
                                                             "to 10"));
  g_assert_nonnull (strstr (g_ptr_array_index (caveats, 1), "min_respondents was raised from "
                                                             "2.5 to 5"));
}

static void
test_floors_keep_higher_requests (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GPtrArray) caveats = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) p = NULL;

  pdn_analysis_settings_init (&settings);
  p = apply (&settings, "{\"min_students\":40,\"min_respondents\":5}", caveats);
  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 40);
  g_assert_cmpfloat (json_object_get_double_member (p, "min_respondents"), ==, 5.0);
  g_assert_cmpuint (caveats->len, ==, 0);
}

static void
test_floors_from_config (void)
{
  PdnAnalysisSettings settings;
  g_autoptr (GKeyFile) file = key_file ("[analyses]\nmin-students=25\n");
  g_autoptr (JsonObject) p = NULL;

  pdn_analysis_settings_init (&settings);
  g_assert_true (pdn_analysis_settings_load (&settings, file, NULL));
  p = apply (&settings, "{\"min_students\":20}", NULL);
  g_assert_cmpint (json_object_get_int_member (p, "min_students"), ==, 25);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/analysis-settings/defaults", test_defaults);
  g_test_add_func ("/pdnet/analysis-settings/load", test_load);
  g_test_add_func ("/pdnet/analysis-settings/load-refused", test_load_refused);
  g_test_add_func ("/pdnet/analysis-settings/floors-raise-defaults-silently",
                   test_floors_raise_defaults_silently);
  g_test_add_func ("/pdnet/analysis-settings/floors-raise-lower-requests",
                   test_floors_raise_lower_requests);
  g_test_add_func ("/pdnet/analysis-settings/floors-keep-higher-requests",
                   test_floors_keep_higher_requests);
  g_test_add_func ("/pdnet/analysis-settings/floors-from-config", test_floors_from_config);
  return g_test_run ();
}
