/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-analysis-request.h"
#include "pdn-json-schema.h"
#include "pdn-plugin-hooks.h"
#include "pdnet-commands.h"

typedef struct
{
  gchar **params;
  gchar *format;
  gchar *plot;
} AnalyzeOptions;

static void
analyze_options_clear (AnalyzeOptions *options)
{
  g_strfreev (options->params);
  g_free (options->format);
  g_free (options->plot);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnalyzeOptions, analyze_options_clear)

static const gchar *const formats[] = { "table", "json", "csv", NULL };

/* ---- parameters from the command line ---- */

/* A list given twice (--param program_ids=1 --param program_ids=2)
 * grows; anything else takes the last value. */
static void
add_parameter (JsonObject *parameters, const gchar *name, JsonNode *value)
{
  JsonNode *existing = json_object_get_member (parameters, name);

  if (existing != NULL && JSON_NODE_HOLDS_ARRAY (existing) && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *more = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (more); i++)
        json_array_add_element (json_node_get_array (existing),
                                json_node_copy (json_array_get_element (more, i)));
      json_node_unref (value);
      return;
    }
  json_object_set_member (parameters, name, value);
}

static JsonNode *
parse_parameters (JsonObject *schema, gchar **params, GError **error)
{
  g_autoptr (JsonObject) parameters = json_object_new ();

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const gchar *equals = strchr (params[i], '=');
      g_autofree gchar *name = NULL;
      JsonNode *value;

      if (equals == NULL || equals == params[i])
        {
          pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "param",
                               _("--param takes NAME=VALUE, not “%s”"), params[i]);
          return NULL;
        }
      name = g_strndup (params[i], equals - params[i]);
      value = pdn_json_schema_parse_text (schema, name, equals + 1, error);
      if (value == NULL)
        return NULL;
      add_parameter (parameters, name, value);
    }
  return json_node_init_object (json_node_alloc (), parameters);
}

/* ---- output ---- */

static gchar *
cell_text (JsonNode *node)
{
  gchar buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%lld", (long long) json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g",
                                        json_node_get_double (node)));
    default:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }
}

static gboolean
is_numeric (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static void
print_padded (const gchar *text, guint width, gboolean right)
{
  glong length = g_utf8_strlen (text, -1);
  guint pad = length < (glong) width ? width - (guint) length : 0;

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

/* A column of numbers (and nulls, suppressed values) is right-aligned. */
static gboolean
is_numeric_column (JsonArray *rows, guint column)
{
  gboolean any = FALSE;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *cell = json_array_get_element (json_array_get_array_element (rows, r), column);

      if (JSON_NODE_HOLDS_NULL (cell))
        continue;
      if (!is_numeric (cell))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* Columns as wide as their widest cell; numbers to the right. */
static void
print_table (JsonObject *table)
{
  JsonArray *columns = json_object_get_array_member (table, "columns");
  JsonArray *rows = json_object_get_array_member (table, "rows");
  guint n_columns = json_array_get_length (columns);
  g_autofree guint *widths = g_new0 (guint, MAX (n_columns, 1));
  g_autofree gboolean *right = g_new0 (gboolean, MAX (n_columns, 1));

  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = g_utf8_strlen (json_array_get_string_element (columns, c), -1);
      right[c] = is_numeric_column (rows, c);
    }
  for (guint r = 0; r < json_array_get_length (rows); r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree gchar *text = cell_text (
            json_array_get_element (json_array_get_array_element (rows, r), c));
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (text, -1));
      }
  g_print ("%s\n", json_object_get_string_member (table, "name"));
  for (guint c = 0; c < n_columns; c++)
    {
      g_print (c > 0 ? "  " : "");
      print_padded (json_array_get_string_element (columns, c), widths[c], right[c]);
    }
  g_print ("\n");
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree gchar *text = cell_text (json_array_get_element (row, c));

          g_print (c > 0 ? "  " : "");
          print_padded (text, widths[c], right[c]);
        }
      g_print ("\n");
    }
  g_print ("\n");
}

/* "name: value (n=12, p=0.03)": the other members in parentheses. */
static void
print_statistic (JsonObject *statistic)
{
  g_autoptr (GList) names = json_object_get_members (statistic);
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree gchar *value = cell_text (json_object_get_member (statistic, "value"));

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree gchar *text = NULL;

      if (g_str_equal (l->data, "name") || g_str_equal (l->data, "value"))
        continue;
      text = cell_text (json_object_get_member (statistic, l->data));
      g_string_append_printf (details, "%s%s=%s", details->len > 0 ? ", " : "",
                              (const gchar *) l->data, text);
    }
  g_print ("  %s: %s", json_object_get_string_member (statistic, "name"), value);
  if (details->len > 0)
    g_print (" (%s)", details->str);
  g_print ("\n");
}

static void
print_text (JsonObject *document)
{
  JsonArray *tables = json_object_get_array_member (document, "tables");
  JsonArray *statistics = json_object_get_array_member (document, "statistics");
  JsonArray *caveats = json_object_get_array_member (document, "caveats");
  g_autoptr (JsonNode) parameters = json_node_init_object (
      json_node_alloc (), json_object_get_object_member (document, "parameters"));
  g_autofree gchar *parameters_text = json_to_string (parameters, FALSE);

  for (guint i = 0; i < json_array_get_length (tables); i++)
    print_table (json_array_get_object_element (tables, i));
  if (json_array_get_length (statistics) > 0)
    g_print ("%s\n", _("Statistics:"));
  for (guint i = 0; i < json_array_get_length (statistics); i++)
    print_statistic (json_array_get_object_element (statistics, i));
  if (json_array_get_length (caveats) > 0)
    g_print ("%s\n", _("Caveats:"));
  for (guint i = 0; i < json_array_get_length (caveats); i++)
    g_print ("  - %s\n", json_array_get_string_element (caveats, i));
  /* TRANSLATORS: what reproduces a run: the analysis and plugin version,
   * pdnet's version, the time of the data and the parameters (JSON) */
  g_print (_("\n%s %s (pdnet %s), data as of %s, parameters %s\n"),
           json_object_get_string_member (document, "analysis_id"),
           json_object_get_string_member (document, "plugin_version"),
           json_object_get_string_member (document, "pdnet_version"),
           json_object_get_string_member (document, "snapshot_at"), parameters_text);
}

/* JSON as the API's run "result" has it: the CSV and plot have their own
 * outputs. The rest is shared with @document, not copied: a large
 * result's tables are hundreds of thousands of nodes. */
static void
print_json (JsonObject *document)
{
  JsonObject *shown = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GList) names = json_object_get_members (document);
  g_autofree gchar *text = NULL;

  json_node_take_object (node, shown);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "csv") && !g_str_equal (l->data, "plot_svg"))
      json_object_set_member (shown, l->data,
                              json_node_copy (json_object_get_member (document, l->data)));
  text = json_to_string (node, TRUE);
  g_print ("%s\n", text);
}

static const gchar *
require_text (JsonObject *document, const gchar *member, const gchar *missing, GError **error)
{
  const gchar *text = json_object_get_string_member_with_default (document, member, NULL);

  if (text == NULL)
    pdn_error_set_field (error, PDN_ERROR_NOT_FOUND, NULL, "%s", missing);
  return text;
}

static gboolean
write_outputs (JsonObject *document, AnalyzeOptions *options, GError **error)
{
  const gchar *svg = NULL;
  const gchar *csv = NULL;

  if (options->plot != NULL
      && ((svg = require_text (document, "plot_svg", _("This analysis gives no plot"), error))
              == NULL
          || !g_file_set_contents (options->plot, svg, -1, error)))
    return FALSE;
  if (g_strcmp0 (options->format, "csv") == 0)
    {
      if ((csv = require_text (document, "csv", _("This analysis gives no CSV"), error)) == NULL)
        return FALSE;
      fputs (csv, stdout);
    }
  else if (g_strcmp0 (options->format, "json") == 0)
    print_json (document);
  else
    print_text (document);
  return TRUE;
}

/* ---- running ---- */

static void
show_progress (gdouble fraction, const gchar *message, gpointer user_data)
{
  pdn_cli_progress_bar (user_data, fraction, message);
}

static gchar *
list_analyses (PdnPluginRegistry *registry)
{
  g_autoptr (GPtrArray) ids = pdn_plugin_registry_list_analyses (registry);

  if (ids->len == 0)
    return g_strdup (_("No analysis is installed."));
  g_ptr_array_add (ids, NULL);
  {
    g_autofree gchar *joined = g_strjoinv (", ", (gchar **) ids->pdata);
    /* TRANSLATORS: %s lists analysis ids */
    return g_strdup_printf (_("Analyses: %s."), joined);
  }
}

static int
analyze (PdnCli *cli, const gchar *analysis_id, AnalyzeOptions *options)
{
  PdnPluginRegistry *registry = pdn_plugin_registry_get_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) parameters = NULL;
  g_autoptr (PdnAnalysisRequest) request = NULL;
  g_autoptr (JsonObject) document = NULL;
  PdnAnalysisSettings settings;
  JsonObject *description = pdn_plugin_registry_describe_analysis (registry, analysis_id);

  if (description == NULL)
    {
      g_autofree gchar *known = list_analyses (registry);
      pdn_error_set_field (&error, PDN_ERROR_NOT_FOUND, NULL, "%s %s",
                           _("No such analysis is installed."), known);
      return pdn_cli_fail (cli, error);
    }
  /* The floors pdnetd uses without a configuration of its own. */
  pdn_analysis_settings_init (&settings);
  parameters = parse_parameters (json_object_get_object_member (description, "parameters"),
                                 options->params, &error);
  if (parameters == NULL
      || (request = pdn_analysis_request_new (registry, analysis_id, parameters, NULL, &settings,
                                              &error))
             == NULL)
    return pdn_cli_fail (cli, error);
  document = pdn_analysis_request_execute (request, show_progress, cli, NULL, NULL, &error);
  pdn_cli_progress_end (cli);
  if (document == NULL || !write_outputs (document, options, &error))
    return pdn_cli_fail (cli, error);
  return EXIT_SUCCESS;
}

/**
 * pdnet_analyze:
 *
 * `pdnet analyze ID [--param NAME=VALUE…] [--format table|json|csv]
 * [--plot FILE.svg]`: runs an analysis on the data directory, as POST
 * /analyses/{id}/runs does (same validation, default privacy floors,
 * one snapshot), and prints its result.
 */
int
pdnet_analyze (PdnCli *cli, int argc, char **argv)
{
  g_auto (AnalyzeOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &options.params,
      N_("Set a parameter; lists take commas (repeatable)"), N_("NAME=VALUE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      N_("Print the result as table (default), json or csv"), N_("FORMAT") },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &options.plot, N_("Write the plot to FILE (SVG)"),
      N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = pdn_cli_option_context_new (
      cli, _("ANALYSIS"),
      /* TRANSLATORS: summary of "pdnet analyze --help" */
      _("Run an analysis on the data and print its result. Parameters are checked against "
        "the analysis's schema; min_students and min_respondents are never below the "
        "privacy floors (10 and 5)."),
      entries);
  g_autoptr (GError) error = NULL;
  PdnStore *store;
  int status;

  if (!pdn_cli_parse (cli, context, &argc, &argv))
    return 2;
  if (options.format != NULL && !g_strv_contains (formats, options.format))
    return pdn_cli_usage_error (cli, context, _("--format must be table, json or csv."));
  store = pdn_cli_open_store (cli, &error);
  if (store == NULL)
    return pdn_cli_fail (cli, error);
  pdn_plugin_hooks_load (NULL, store, NULL);
  if (argc != 2)
    {
      g_autofree gchar *known = list_analyses (pdn_plugin_registry_get_default ());
      g_autofree gchar *message = g_strdup_printf ("%s %s", _("Name one analysis."), known);
      status = pdn_cli_usage_error (cli, context, message);
    }
  else
    status = analyze (cli, argv[1], &options);
  /* Plugins free what they hold (font caches, for plots) before exit. */
  pdn_plugin_registry_shutdown (pdn_plugin_registry_get_default ());
  return status;
}
