/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An analysis for the run tests: counts schools per organization,
 * suppressing organizations with fewer than min_students schools (as a
 * real analysis suppresses small groups). delay_ms makes it slow, in
 * `steps` steps that report progress and check the cancellable; with a
 * `gate` (a file name) it then reports 0.5 and waits until that file
 * exists, so a test decides when it goes on. It counts the schools again
 * after that, so a test can see it read one snapshot. fail makes it
 * refuse; malformed makes it return a result the core must reject. */
#include <pdnet/pdnet.h>

#define TEST_TYPE_COUNT (test_count_get_type ())
G_DECLARE_FINAL_TYPE (TestCount, test_count, TEST, COUNT, PdnPlugin)

struct _TestCount
{
  PdnPlugin parent_instance;
};

static void test_count_analysis_init (PdnAnalysisInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCount, test_count, PDN_TYPE_PLUGIN,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_ANALYSIS,
                                                      test_count_analysis_init))

static JsonNode *
describe (PdnAnalysis *self)
{
  return json_from_string (
      "{\"id\":\"test-count\",\"name\":\"School count\","
      "\"description\":\"Counts schools per organization, for the run tests\","
      "\"parameters\":{\"type\":\"object\",\"additionalProperties\":false,"
      "\"properties\":{"
      "\"min_students\":{\"type\":\"integer\",\"minimum\":1,\"default\":1,"
      "\"description\":\"Organizations with fewer schools are suppressed\"},"
      "\"delay_ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":600000,\"default\":0},"
      "\"steps\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000,\"default\":10},"
      "\"sector\":{\"type\":\"string\",\"enum\":[\"district\",\"charter\",\"catholic\"]},"
      "\"program_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1}},"
      "\"gate\":{\"type\":\"string\"},"
      "\"fail\":{\"type\":\"boolean\",\"default\":false},"
      "\"malformed\":{\"type\":\"boolean\",\"default\":false},"
      "\"with_outputs\":{\"type\":\"boolean\",\"default\":true}}},"
      "\"outputs\":[\"tables\",\"statistics\",\"csv\",\"plot\"]}",
      NULL);
}

static gboolean
count_schools (PdnContext *context, JsonObject *parameters, gint64 *count, GError **error)
{
  const gchar *sector = json_object_get_string_member_with_default (parameters, "sector", NULL);
  g_autoptr (PdnQuery) query = pdn_context_query (
      context, "SELECT COUNT(*) FROM schools WHERE ? IS NULL OR sector = ?", error);

  if (query == NULL)
    return FALSE;
  if (sector != NULL)
    {
      pdn_query_bind_text (query, 1, sector);
      pdn_query_bind_text (query, 2, sector);
    }
  else
    {
      pdn_query_bind_null (query, 1);
      pdn_query_bind_null (query, 2);
    }
  if (pdn_query_step (query, error) != PDN_QUERY_ROW)
    return FALSE;
  *count = pdn_query_column_int64 (query, 0);
  return TRUE;
}

/* Sleeps delay_ms over the steps, in slices short enough to stop within
 * a tenth of a second of being cancelled. */
static gboolean
wait_steps (JsonObject *parameters, PdnProgressFunc progress, gpointer progress_data,
            GCancellable *cancellable, GError **error)
{
  gint64 steps = json_object_get_int_member (parameters, "steps");
  gint64 delay = json_object_get_int_member (parameters, "delay_ms") * 1000 / steps;

  for (gint64 i = 0; i < steps; i++)
    {
      gint64 until = g_get_monotonic_time () + delay;

      /* The steps take progress to 0.5; the gate and the end, to 1. */
      progress ((gdouble) i / steps / 2, "Counting schools", progress_data);
      while (g_get_monotonic_time () < until)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          g_usleep (MIN (10000, MAX (until - g_get_monotonic_time (), 0)));
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Reports 0.5 until the gate file exists, checking the cancellable. */
static gboolean
wait_gate (JsonObject *parameters, PdnProgressFunc progress, gpointer progress_data,
           GCancellable *cancellable, GError **error)
{
  const gchar *gate = json_object_get_string_member_with_default (parameters, "gate", NULL);

  while (gate != NULL && !g_file_test (gate, G_FILE_TEST_EXISTS))
    {
      progress (0.5, "Waiting for the gate", progress_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (10000);
    }
  progress (1.0, NULL, progress_data);
  return TRUE;
}

static JsonArray *
organization_rows (PdnContext *context, gint64 min_students, GString *csv, gboolean *suppressed,
                   GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT o.name, COUNT(s.id) FROM organizations o "
      "LEFT JOIN schools s ON s.organization_id = o.id GROUP BY o.id, o.name ORDER BY o.name",
      error);
  g_autoptr (JsonArray) rows = json_array_new ();
  PdnQueryStep step;

  if (query == NULL)
    return NULL;
  g_string_append (csv, "organization,schools\r\n");
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      JsonArray *row = json_array_new ();
      gint64 schools = pdn_query_column_int64 (query, 1);

      json_array_add_string_element (row, pdn_query_column_text (query, 0));
      if (schools >= min_students)
        {
          json_array_add_int_element (row, schools);
          g_string_append_printf (csv, "%s,%lld\r\n", pdn_query_column_text (query, 0),
                                  (long long) schools);
        }
      else
        {
          json_array_add_null_element (row);
          g_string_append_printf (csv, "%s,\r\n", pdn_query_column_text (query, 0));
          *suppressed = TRUE;
        }
      json_array_add_array_element (rows, row);
    }
  return step == PDN_QUERY_DONE ? g_steal_pointer (&rows) : NULL;
}

static JsonObject *
statistic (const gchar *name, gint64 value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "value", value);
  json_object_set_int_member (object, "n", value);
  return object;
}

static JsonNode *
run (PdnAnalysis *self, PdnContext *context, JsonObject *parameters, PdnProgressFunc progress,
     gpointer progress_data, GCancellable *cancellable, GError **error)
{
  gint64 min_students = json_object_get_int_member (parameters, "min_students");
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (JsonArray) rows = NULL;
  JsonObject *result, *table;
  JsonArray *tables, *statistics, *columns, *caveats;
  JsonNode *node;
  gboolean suppressed = FALSE;
  gint64 at_start = 0, at_end = 0;

  if (json_object_get_boolean_member (parameters, "fail"))
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, NULL,
                           "The test analysis was asked to fail.");
      return NULL;
    }
  if (!count_schools (context, parameters, &at_start, error)
      || !wait_steps (parameters, progress, progress_data, cancellable, error)
      || !wait_gate (parameters, progress, progress_data, cancellable, error)
      || !count_schools (context, parameters, &at_end, error)
      || (rows = organization_rows (context, min_students, csv, &suppressed, error)) == NULL)
    return NULL;
  table = json_object_new ();
  json_object_set_string_member (table, "name", "Schools per organization");
  columns = json_array_new ();
  json_array_add_string_element (columns, "organization");
  json_array_add_string_element (columns, "schools");
  json_object_set_array_member (table, "columns", columns);
  json_object_set_array_member (table, "rows", g_steal_pointer (&rows));
  tables = json_array_new ();
  json_array_add_object_element (tables, table);
  statistics = json_array_new ();
  json_array_add_object_element (statistics, statistic ("schools", at_start));
  json_array_add_object_element (statistics, statistic ("schools_at_end", at_end));
  caveats = json_array_new ();
  json_array_add_string_element (caveats, "Counts every school, whatever its school year.");
  if (suppressed)
    json_array_add_string_element (caveats, "Organizations with too few schools are "
                                             "suppressed.");
  result = json_object_new ();
  json_object_set_array_member (result, "tables", tables);
  json_object_set_array_member (result, "statistics", statistics);
  json_object_set_array_member (result, "caveats", caveats);
  if (json_object_get_boolean_member (parameters, "with_outputs"))
    {
      g_autofree gchar *svg = g_strdup_printf (
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"20\">"
          "<rect width=\"%lld\" height=\"20\"/></svg>\n",
          (long long) MIN (at_start, 100));
      json_object_set_string_member (result, "csv", csv->str);
      json_object_set_string_member (result, "plot_svg", svg);
    }
  if (json_object_get_boolean_member (parameters, "malformed"))
    json_object_set_string_member (result, "tables", "not a list");
  /* A plugin cannot misstate what the core vouches for. */
  json_object_set_string_member (result, "pdnet_version", "forged");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, result);
  return node;
}

static void
test_count_analysis_init (PdnAnalysisInterface *iface)
{
  iface->describe = describe;
  iface->run = run;
}

static void
test_count_class_init (TestCountClass *klass)
{
  PdnPluginClass *plugin_class = PDN_PLUGIN_CLASS (klass);

  plugin_class->id = "test-count";
  plugin_class->name = "School count";
  plugin_class->version = "1.2";
  plugin_class->description = "An analysis for the run tests";
}

static void
test_count_init (TestCount *self)
{
}

PDN_PLUGIN_DEFINE (test_count_get_type)
