/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-json-guard.h"

static gboolean
check (const gchar *text, GError **error)
{
  return pdn_json_guard_check (text, strlen (text), PDN_JSON_GUARD_MAX_DEPTH, error);
}

static void
assert_refused (const gchar *text, const gchar *field)
{
  g_autoptr (GError) error = NULL;

  if (check (text, &error))
    g_error ("accepted %s", text);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
assert_invalid (const gchar *text)
{
  g_autoptr (GError) error = NULL;

  if (check (text, &error))
    g_error ("accepted %s", text);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
}

static void
assert_accepted (const gchar *text)
{
  g_autoptr (GError) error = NULL;

  if (!check (text, &error))
    g_error ("refused %s: %s", text, error->message);
}

static gchar *
repeat (const gchar *unit, guint times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* What json-glib 1.6 accepts beyond RFC 8259, and other near misses. */
static void
test_extensions_refused (void)
{
  const gchar *cases[] = {
    "{\"a\": 1} // comment",
    "/* c */ {}",
    "[1, 2,]",
    "{\"a\": 1,}",
    "['single']",
    "{'a': 1}",
    "[NaN]",
    "[Infinity]",
    "[-Infinity]",
    "[01]",
    "[-01]",
    "[1.]",
    "[.5]",
    "[+1]",
    "[0x10]",
    "[1e]",
    "{a: 1}",
    "[\"tab\there\"]",
    "[\"\\x41\"]",
    "[\"\\u12\"]",
    "[\"\\uDC00\"]",
    "[\"\\uD800\"]",
    "[\"\\uD800\\u0041\"]",
    "[tru]",
    "[truex]",
    "{} {}",
    "[1] x",
    "\xef\xbb\xbf{}",
    "",
    " ",
    "[",
    "{\"a\"}",
    "{\"a\" 1}",
    "[1 2]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_invalid (cases[i]);
  assert_refused ("{\"a\": 1,}", NULL);
  assert_refused ("[1, [2, 01]]", "[1][1]");
}

static void
test_valid_accepted (void)
{
  const gchar *cases[] = {
    "{}",
    "[]",
    "0",
    "-0.5e+10",
    "\"text\"",
    "null",
    " [true, false, null] ",
    "{\"a\": [1, {\"b\": \"\\\"]]]]\"}], \"c\": \"\\u00e9\\uD83D\\uDE00\"}",
    "[\"caf\xc3\xa9 \xf0\x9f\x98\x80\"]",
    "{\"a\":1,\"a\":2}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_accepted (cases[i]);
}

/* Errors inside objects and arrays name the field with its path. */
static void
test_error_names_field (void)
{
  g_autoptr (GError) error = NULL;

  assert_refused ("{\"name\": \"bad \xff byte\"}", "name");
  assert_refused ("{\"affiliations\": [{\"from\": \"x\"}, {\"from\": 01}]}",
                  "affiliations[1].from");
  assert_refused ("[[1], [2, \"\x01\"]]", "[1][1]");
  g_assert_false (check ("{\"name\": \"\xc0\xaf\"}", &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_nonnull (strstr (error->message, "line 1, column 11"));
}

static void
test_depth_limit (void)
{
  g_autofree gchar *open64 = repeat ("[", 64);
  g_autofree gchar *close64 = repeat ("]", 64);
  g_autofree gchar *ok = g_strconcat (open64, close64, NULL);
  g_autofree gchar *deep = g_strconcat ("[", ok, "]", NULL);
  g_autofree gchar *in_string = NULL;
  g_autoptr (GError) error = NULL;

  assert_accepted (ok);
  g_assert_false (check (deep, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "64"));
  g_assert_null (pdn_error_get_field (error));

  /* Brackets inside strings, even after escaped quotes, are not nesting. */
  in_string = g_strconcat ("[\"\\\"", deep, deep, "\"]", NULL);
  assert_accepted (in_string);
}

static void
test_deep_input_fast (void)
{
  g_autofree gchar *brackets = repeat ("[", 100000);
  g_autofree gchar *objects = repeat ("{\"a\":", 100000);
  g_autofree gchar *flat = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GString *big = g_string_new ("[");

  g_assert_null (pdn_json_guard_parse (brackets, strlen (brackets), &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (check (objects, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);

  /* Wide documents are linear too. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, i == 0 ? "{\"k\":\"v\"}" : ",{\"k\":\"v\"}");
  g_string_append (big, "]");
  flat = g_string_free (big, FALSE);
  start = g_get_monotonic_time ();
  assert_accepted (flat);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_parse (void)
{
  const gchar text[] = "{\"a\": [1, 2]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pdn_json_guard_parse (text, sizeof text - 1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpint (json_array_get_length (
                     json_object_get_array_member (json_node_get_object (node), "a")),
                   ==, 2);
}

/* Every case of JSONTestSuite's test_parsing: y_ accepted by the guard and
 * by json-glib, n_ refused, i_ either way without crashing. */
static void
test_json_test_suite (void)
{
  const gchar *testdata = g_getenv ("PDNET_TESTDATA");
  g_autofree gchar *dir_path = NULL;
  g_autoptr (GDir) dir = NULL;
  const gchar *name;
  guint yes = 0, no = 0, either = 0;

  if (testdata != NULL)
    dir_path = g_build_filename (testdata, "JSONTestSuite", "test_parsing", NULL);
  if (dir_path == NULL || !g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("JSONTestSuite not found; set PDNET_TESTDATA");
      return;
    }
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *path = g_build_filename (dir_path, name, NULL);
      g_autofree gchar *contents = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      gsize length = 0;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      node = pdn_json_guard_parse (contents, length, &error);
      if (name[0] == 'y')
        {
          if (node == NULL)
            g_error ("%s refused: %s", name, error->message);
          yes++;
        }
      else if (name[0] == 'n')
        {
          if (node != NULL)
            g_error ("%s accepted", name);
          g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
          no++;
        }
      else
        either++;
    }
  g_test_message ("%u y_, %u n_, %u i_ cases", yes, no, either);
  g_assert_cmpuint (yes, >, 90);
  g_assert_cmpuint (no, >, 180);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/json-guard/extensions-refused", test_extensions_refused);
  g_test_add_func ("/pdnet/json-guard/valid-accepted", test_valid_accepted);
  g_test_add_func ("/pdnet/json-guard/error-names-field", test_error_names_field);
  g_test_add_func ("/pdnet/json-guard/depth-limit", test_depth_limit);
  g_test_add_func ("/pdnet/json-guard/deep-input-fast", test_deep_input_fast);
  g_test_add_func ("/pdnet/json-guard/parse", test_parse);
  g_test_add_func ("/pdnet/json-guard/json-test-suite", test_json_test_suite);
  return g_test_run ();
}
