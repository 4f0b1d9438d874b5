/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-i18n.h"
#include "pdn-problem.h"

static JsonObject *
problem_of (const GError *error, JsonNode **node)
{
  *node = pdn_problem_new (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*node));
  return json_node_get_object (*node);
}

static void
test_field_error (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *problem;

  pdn_error_set_field (&error, PDN_ERROR_INVALID_INPUT, "affiliations[0].from", "bad date");
  problem = problem_of (error, &node);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==,
                   "tag:pdnet,2025:problem/invalid-input");
  g_assert_cmpstr (json_object_get_string_member (problem, "title"), ==, "Invalid input");
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (problem, "detail"), ==, "bad date");
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "invalid-input");
  g_assert_cmpstr (json_object_get_string_member (problem, "field"), ==, "affiliations[0].from");
  g_assert_cmpuint (pdn_problem_get_status (error), ==, 400);
}

static void
test_status_table (void)
{
  for (PdnErrorCode code = 0; code < PDN_ERROR_LAST; code++)
    {
      g_autoptr (GError) error = g_error_new_literal (PDN_ERROR, code, "x");
      g_autoptr (JsonNode) node = NULL;
      JsonObject *problem = problem_of (error, &node);

      g_assert_cmpint (json_object_get_int_member (problem, "status"), ==,
                       pdn_error_code_http_status (code));
      g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==,
                       pdn_error_code_name (code));
      g_assert_false (json_object_has_member (problem, "field"));
      g_assert_cmpstr (json_object_get_string_member (problem, "title"), !=, "");
    }
}

/* Internal errors and foreign domains never show their text: it can hold
 * SQL or paths. */
static void
test_internal_hidden (void)
{
  g_autoptr (GError) internal = g_error_new_literal (PDN_ERROR, PDN_ERROR_INTERNAL,
                                                     "SELECT secret FROM t");
  g_autoptr (GError) foreign = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT,
                                                    "/var/lib/pdnet/x: no such file");
  g_autoptr (GError) out_of_range = g_error_new_literal (PDN_ERROR, 999, "odd");
  GError *errors[] = { internal, foreign, out_of_range };

  for (gsize i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr (JsonNode) node = NULL;
      JsonObject *problem = problem_of (errors[i], &node);
      g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 500);
      g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "internal");
      g_assert_cmpstr (json_object_get_string_member (problem, "detail"), ==,
                       "The server could not complete the request");
    }
}

static void
test_translated_title (void)
{
  g_autoptr (GError) error = g_error_new_literal (PDN_ERROR, PDN_ERROR_NOT_FOUND, "x");
  g_autoptr (JsonNode) node = NULL;
  const gchar *previous = pdn_i18n_set_thread_language (pdn_i18n_negotiate ("es"));
  JsonObject *problem = problem_of (error, &node);

  g_assert_cmpstr (json_object_get_string_member (problem, "title"), ==, "No encontrado");
  pdn_i18n_set_thread_language (previous);
}

static void
test_schema (void)
{
  g_autoptr (JsonNode) schema = pdn_problem_schema ();

  g_assert_true (JSON_NODE_HOLDS_OBJECT (schema));
  g_assert_true (json_object_has_member (json_node_get_object (schema), "properties"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pdn_i18n_init ();
  g_test_add_func ("/pdnet/problem/field-error", test_field_error);
  g_test_add_func ("/pdnet/problem/status-table", test_status_table);
  g_test_add_func ("/pdnet/problem/internal-hidden", test_internal_hidden);
  g_test_add_func ("/pdnet/problem/translated-title", test_translated_title);
  g_test_add_func ("/pdnet/problem/schema", test_schema);
  return g_test_run ();
}
