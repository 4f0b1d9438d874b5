/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-import-run.h"
#include "pdn-outcome-importer.h"
#include "pdn-outcome.h"
#include "pdn-school-year.h"
#include "pdn-school.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-outcome-importer
 *
 * Outcomes (a school's result on a measure in a school year, with the
 * number of students behind it) come as CSV (`pdnet import outcomes`,
 * `POST /outcomes` with text/csv) or as a JSON array of row objects
 * (`POST /outcomes` with application/json). Both become the same rows of
 * text cells, checked by one path, so a rule and its message are the same
 * for either; in JSON a row's "line" is its position in the array,
 * counting from 1.
 *
 * A row names its school by school_id or by school_external_id, never
 * both; errors about the school name the column the row used. A row
 * replaces the stored value and students_n of its (school, year, measure),
 * so importing a file again changes nothing; a new school year is added to
 * school_years, as school imports do. Two rows for the same (school, year,
 * measure) are an error: which one should win is not for us to guess.
 *
 * All or nothing, as the other imports: every row is checked on its own,
 * then against the database inside one write transaction, every bad row is
 * reported, and if there is any nothing is written. With an account (the
 * HTTP API), a row for a school the account may not import outcomes for
 * (pdn_access_check_outcomes(): another organization's) is a bad row.
 */

#define EXTERNAL_ID_MAX_CHARS 64
#define STUDENTS_MAX 10000000

typedef enum
{
  COLUMN_SCHOOL_ID,
  COLUMN_SCHOOL_EXTERNAL_ID,
  COLUMN_SCHOOL_YEAR,
  COLUMN_MEASURE,
  COLUMN_VALUE,
  COLUMN_STUDENTS_N,
  N_COLUMNS
} Column;

static const gchar *const column_names[N_COLUMNS + 1] = {
  "school_id", "school_external_id", "school_year", "measure", "value", "students_n", NULL,
};

/* One row as text, from a CSV record or a JSON object. */
typedef struct
{
  guint64 line;
  gboolean ok;                  /* FALSE once something about the row is reported */
  gchar *cells[N_COLUMNS];      /* trimmed; NULL when blank or absent */
  gboolean reported[N_COLUMNS]; /* already reported (a JSON member of the wrong type) */
} RowCells;

/* A row that passed (or failed, !ok) the checks that need no database. */
typedef struct
{
  guint64 line;
  gboolean ok;
  Column school_column; /* the one naming the school */
  gint64 school_id;     /* by school_id; 0 when by external id */
  gchar *external_id;
  gchar *school_year;
  gchar *measure;
  gdouble value;
  gint64 students_n;
} OutcomeRow;

/* A school as looked up for this import; id 0 when there is none. */
typedef struct
{
  gint64 id;
  gint64 organization_id;
} SchoolEntry;

typedef struct
{
  PdnStore *store;
  PdnAccount *account; /* nullable: any school */
  PdnImportReport *report;
  GPtrArray *rows;     /* OutcomeRow* */
  GHashTable *schools; /* "#id" or "=external id" -> SchoolEntry* */
  GHashTable *keys;    /* school id \x1f year \x1f measure -> first line */
  GHashTable *years;   /* school years known to exist */
} OutcomeImport;

static void
outcome_row_free (gpointer data)
{
  OutcomeRow *row = data;

  g_free (row->external_id);
  g_free (row->school_year);
  g_free (row->measure);
  g_free (row);
}

static OutcomeImport *
outcome_import_new (PdnStore *store, PdnAccount *account, PdnImportReport *report)
{
  OutcomeImport *import = g_new0 (OutcomeImport, 1);

  import->store = store;
  import->account = account != NULL ? g_object_ref (account) : NULL;
  import->report = g_object_ref (report);
  import->rows = g_ptr_array_new_with_free_func (outcome_row_free);
  import->schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return import;
}

static void
outcome_import_free (OutcomeImport *import)
{
  g_clear_object (&import->account);
  g_object_unref (import->report);
  g_ptr_array_unref (import->rows);
  g_hash_table_unref (import->schools);
  g_hash_table_unref (import->keys);
  g_hash_table_unref (import->years);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OutcomeImport, outcome_import_free)

static void
row_cells_clear (RowCells *cells)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (cells->cells[i]);
}

/* ---- phase 1: each row on its own ---- */

static void
add_error (OutcomeImport *import, RowCells *cells, Column column, const gchar *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
add_error (OutcomeImport *import, RowCells *cells, Column column, const gchar *format, ...)
{
  g_autofree gchar *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pdn_import_report_add_error (import->report, cells->line, column_names[column], "%s", message);
  cells->ok = FALSE;
}

/* A required cell: NULL (reported) when it is blank or already bad. */
static const gchar *
require_cell (OutcomeImport *import, RowCells *cells, Column column)
{
  if (cells->reported[column])
    return NULL;
  if (cells->cells[column] == NULL)
    add_error (import, cells, column, _("required, but empty"));
  return cells->cells[column];
}

static void
parse_school_id (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *text = cells->cells[COLUMN_SCHOOL_ID];
  guint64 id = 0;

  row->school_column = COLUMN_SCHOOL_ID;
  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    row->school_id = (gint64) id;
  else
    add_error (import, cells, COLUMN_SCHOOL_ID,
               _("“%s” is not a school id (a whole number from 1)"), text);
}

/* school_id or school_external_id: exactly one. */
static void
parse_school (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *id = cells->cells[COLUMN_SCHOOL_ID];
  const gchar *external_id = cells->cells[COLUMN_SCHOOL_EXTERNAL_ID];

  if (cells->reported[COLUMN_SCHOOL_ID] || cells->reported[COLUMN_SCHOOL_EXTERNAL_ID])
    return;
  if (id != NULL && external_id != NULL)
    add_error (import, cells, COLUMN_SCHOOL_EXTERNAL_ID,
               _("give either school_id or school_external_id, not both"));
  else if (id == NULL && external_id == NULL)
    add_error (import, cells, COLUMN_SCHOOL_ID,
               _("required, but empty (or give school_external_id)"));
  else if (id != NULL)
    parse_school_id (import, cells, row);
  else
    {
      row->school_column = COLUMN_SCHOOL_EXTERNAL_ID;
      row->external_id = g_strdup (external_id);
      if (!pdn_import_report_check_text (import->report, cells->line, "school_external_id",
                                         external_id, TRUE, EXTERNAL_ID_MAX_CHARS))
        cells->ok = FALSE;
    }
}

static void
parse_school_year (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *text = require_cell (import, cells, COLUMN_SCHOOL_YEAR);

  if (text == NULL)
    return;
  if (pdn_validate_school_year (text, NULL, NULL))
    row->school_year = g_strdup (text);
  else
    add_error (import, cells, COLUMN_SCHOOL_YEAR, _("“%s” is not a school year such as 2025-26"),
               text);
}

static void
parse_measure (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *text = require_cell (import, cells, COLUMN_MEASURE);

  if (text == NULL)
    return;
  if (pdn_outcome_is_measure (text))
    row->measure = g_strdup (text);
  else
    add_error (import, cells, COLUMN_MEASURE,
               _("“%s” is not a measure name: 1 to %d lowercase letters, digits or "
                 "underscores, such as ela_growth"),
               text, PDN_OUTCOME_MEASURE_MAX_CHARS);
}

/* Plain decimal or exponent notation only: g_ascii_strtod() would also
 * take hexadecimal, "inf" and "nan". */
static gboolean
parse_finite (const gchar *text, gdouble *value)
{
  gchar *end = NULL;

  if (text[strspn (text, "0123456789+-.eE")] != '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static void
parse_value (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *text = require_cell (import, cells, COLUMN_VALUE);

  if (text != NULL && !parse_finite (text, &row->value))
    add_error (import, cells, COLUMN_VALUE, _("“%s” is not a finite number"), text);
}

static void
parse_students (OutcomeImport *import, RowCells *cells, OutcomeRow *row)
{
  const gchar *text = require_cell (import, cells, COLUMN_STUDENTS_N);
  guint64 n = 0;

  if (text == NULL)
    return;
  if (g_ascii_string_to_unsigned (text, 10, 0, STUDENTS_MAX, &n, NULL))
    row->students_n = (gint64) n;
  else
    add_error (import, cells, COLUMN_STUDENTS_N, _("“%s” is not a whole number from 0 to %d"),
               text, STUDENTS_MAX);
}

/* Every check runs, so a row's every problem is reported at once. */
static void
add_row (OutcomeImport *import, RowCells *cells)
{
  OutcomeRow *row = g_new0 (OutcomeRow, 1);

  row->line = cells->line;
  parse_school (import, cells, row);
  parse_school_year (import, cells, row);
  parse_measure (import, cells, row);
  parse_value (import, cells, row);
  parse_students (import, cells, row);
  row->ok = cells->ok;
  g_ptr_array_add (import->rows, row);
}

/* ---- rows from CSV ---- */

static const gchar *const required_columns[] = { "school_year", "measure", "value", "students_n",
                                                 NULL };

static gboolean
check_school_columns (PdnCsvReader *reader, GError **error)
{
  if (pdn_csv_reader_has_column (reader, "school_id")
      || pdn_csv_reader_has_column (reader, "school_external_id"))
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_id",
                       _("The header has neither a “school_id” nor a “school_external_id” "
                         "column"));
  return FALSE;
}

static void
read_csv_row (gpointer data, PdnCsvReader *reader)
{
  OutcomeImport *import = data;
  RowCells cells = { .line = pdn_csv_reader_get_line (reader), .ok = TRUE };
  g_autoptr (GError) width_error = NULL;

  if (!pdn_csv_reader_check_width (reader, &width_error))
    {
      pdn_import_report_add_gerror (import->report, cells.line, width_error);
      cells.ok = FALSE;
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    cells.cells[i] = pdn_csv_reader_dup_value (reader, column_names[i]);
  add_row (import, &cells);
  row_cells_clear (&cells);
}

/* ---- rows from JSON ---- */

/* A JSON value as the text a CSV cell would hold; NULL when its type is
 * wrong for @column. */
static gchar *
json_cell_text (Column column, JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  gchar number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (column)
    {
    case COLUMN_SCHOOL_ID:
    case COLUMN_STUDENTS_N:
      return type == G_TYPE_INT64
                 ? g_strdup_printf ("%lld", (long long) json_node_get_int (node))
                 : NULL;
    case COLUMN_VALUE:
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%lld", (long long) json_node_get_int (node));
      return type == G_TYPE_DOUBLE
                 ? g_strdup (g_ascii_dtostr (number, sizeof number, json_node_get_double (node)))
                 : NULL;
    case COLUMN_SCHOOL_EXTERNAL_ID:
    case COLUMN_SCHOOL_YEAR:
    case COLUMN_MEASURE:
    case N_COLUMNS:
    default:
      return type == G_TYPE_STRING ? g_strstrip (g_strdup (json_node_get_string (node))) : NULL;
    }
}

static const gchar *
json_type_message (Column column)
{
  switch (column)
    {
    case COLUMN_SCHOOL_ID:
    case COLUMN_STUDENTS_N:
      return _("must be a whole number");
    case COLUMN_VALUE:
      return _("must be a number");
    case COLUMN_SCHOOL_EXTERNAL_ID:
    case COLUMN_SCHOOL_YEAR:
    case COLUMN_MEASURE:
    case N_COLUMNS:
    default:
      return _("must be a string");
    }
}

static void
read_json_cell (OutcomeImport *import, RowCells *cells, Column column, JsonNode *node)
{
  gchar *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  text = json_cell_text (column, node);
  if (text == NULL)
    {
      add_error (import, cells, column, "%s", json_type_message (column));
      cells->reported[column] = TRUE;
      return;
    }
  if (text[0] == '\0')
    g_free (text);
  else
    cells->cells[column] = text;
}

/* Members other than the columns: a misspelt one would otherwise pass
 * unnoticed when its column is optional. */
static void
check_json_members (OutcomeImport *import, RowCells *cells, JsonObject *object)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree gchar *known = NULL;

      if (g_strv_contains (column_names, l->data))
        continue;
      known = g_strjoinv (", ", (gchar **) column_names);
      pdn_import_report_add_error (import->report, cells->line, l->data,
                                   _("not a field of an outcome row; the fields are %s"), known);
      cells->ok = FALSE;
    }
}

static void
read_json_row (OutcomeImport *import, guint64 line, JsonNode *element)
{
  RowCells cells = { .line = line, .ok = TRUE };
  JsonObject *object;

  import->report->rows_read++;
  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      pdn_import_report_add_error (import->report, line, NULL,
                                   _("each row must be a JSON object"));
      return;
    }
  object = json_node_get_object (element);
  for (guint i = 0; i < N_COLUMNS; i++)
    read_json_cell (import, &cells, (Column) i, json_object_get_member (object, column_names[i]));
  check_json_members (import, &cells, object);
  add_row (import, &cells);
  row_cells_clear (&cells);
}

/* ---- phase 2: against the database, inside the transaction ---- */

static const gchar *
school_column_name (OutcomeRow *row)
{
  return column_names[row->school_column];
}

/* The row's school cell as given, for messages. */
static gchar *
school_cell (OutcomeRow *row)
{
  return row->external_id != NULL ? g_strdup (row->external_id)
                                  : g_strdup_printf ("%lld", (long long) row->school_id);
}

static gboolean
lookup_school (OutcomeImport *import, OutcomeRow *row, SchoolEntry *entry, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchool) school
      = row->external_id != NULL
            ? pdn_school_find_by_external_id (import->store, row->external_id, &local_error)
            : pdn_school_load (import->store, row->school_id, &local_error);

  if (school != NULL)
    {
      entry->id = school->id;
      entry->organization_id = school->organization_id;
      return TRUE;
    }
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Looks each school up once per import; *@school's id is 0 (and the row
 * reported) when there is none. */
static gboolean
resolve_school (OutcomeImport *import, OutcomeRow *row, SchoolEntry **school, GError **error)
{
  g_autofree gchar *key = row->external_id != NULL
                              ? g_strconcat ("=", row->external_id, NULL)
                              : g_strdup_printf ("#%lld", (long long) row->school_id);

  *school = g_hash_table_lookup (import->schools, key);
  if (*school == NULL)
    {
      *school = g_new0 (SchoolEntry, 1);
      g_hash_table_insert (import->schools, g_steal_pointer (&key), *school);
      if (!lookup_school (import, row, *school, error))
        return FALSE;
    }
  if ((*school)->id > 0)
    return TRUE;
  if (row->external_id != NULL)
    pdn_import_report_add_error (import->report, row->line, "school_external_id",
                                 _("No school has the external id “%s”"), row->external_id);
  else
    pdn_import_report_add_error (import->report, row->line, "school_id",
                                 _("No school has id %lld"), (long long) row->school_id);
  return TRUE;
}

/* With an account, the school must be one it may import outcomes for. */
static gboolean
check_access (OutcomeImport *import, OutcomeRow *row, SchoolEntry *school, gboolean *allowed,
              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree gchar *cell = NULL;

  *allowed = import->account == NULL
             || pdn_access_check_outcomes (import->account, school->organization_id,
                                           &local_error);
  if (*allowed)
    return TRUE;
  if (!g_error_matches (local_error, PDN_ERROR, PDN_ERROR_FORBIDDEN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  cell = school_cell (row);
  pdn_import_report_add_error (import->report, row->line, school_column_name (row),
                               _("“%s” is a school of another organization"), cell);
  return TRUE;
}

/* One row per (school, year, measure): a school named once by id and
 * once by external id is still the same school. */
static gboolean
check_unique (OutcomeImport *import, OutcomeRow *row, gint64 school_id)
{
  g_autofree gchar *key = g_strdup_printf ("%lld\x1f%s\x1f%s", (long long) school_id,
                                           row->school_year, row->measure);
  guint64 *first = g_hash_table_lookup (import->keys, key);

  if (first != NULL)
    {
      pdn_import_report_add_error (import->report, row->line, "measure",
                                   _("“%s” for this school and year is also on line %llu"),
                                   row->measure, (unsigned long long) *first);
      return FALSE;
    }
  g_hash_table_insert (import->keys, g_steal_pointer (&key),
                       g_memdup2 (&row->line, sizeof row->line));
  return TRUE;
}

static gboolean
ensure_year (OutcomeImport *import, const gchar *label, GError **error)
{
  if (g_hash_table_contains (import->years, label))
    return TRUE;
  if (!pdn_school_year_ensure (import->store, label, error))
    return FALSE;
  g_hash_table_add (import->years, g_strdup (label));
  return TRUE;
}

/* Sets *@stored to the row's stored outcome, or NULL when it is new. */
static gboolean
load_stored (OutcomeImport *import, OutcomeRow *row, gint64 school_id, PdnOutcome **stored,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;

  *stored = pdn_outcome_load (import->store, school_id, row->school_year, row->measure,
                              &local_error);
  if (*stored != NULL || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
is_unchanged (PdnOutcome *stored, OutcomeRow *row)
{
  /* Exact: a value read back from the store is the double that was saved. */
  return stored != NULL && stored->value == row->value && stored->students_n == row->students_n;
}

/* Row errors from the models go to @row_error; the caller sorts them out. */
static gboolean
save_row (OutcomeImport *import, OutcomeRow *row, gint64 school_id, GError **error,
          GError **row_error)
{
  g_autoptr (PdnOutcome) stored = NULL;
  g_autoptr (PdnOutcome) outcome = NULL;

  if (!ensure_year (import, row->school_year, row_error)
      || !load_stored (import, row, school_id, &stored, error))
    return FALSE;
  if (is_unchanged (stored, row))
    {
      pdn_import_report_count_saved (import->report, FALSE, FALSE);
      return TRUE;
    }
  outcome = pdn_outcome_new ();
  outcome->school_id = school_id;
  outcome->school_year = g_strdup (row->school_year);
  outcome->measure = g_strdup (row->measure);
  outcome->value = row->value;
  outcome->students_n = row->students_n;
  if (!pdn_outcome_save (outcome, import->store, row_error))
    return FALSE;
  pdn_import_report_count_saved (import->report, stored == NULL, TRUE);
  return TRUE;
}

static gboolean
write_row (OutcomeImport *import, OutcomeRow *row, gint64 school_id, GError **error)
{
  g_autoptr (GError) row_error = NULL;
  const gchar *field;

  if (save_row (import, row, school_id, error, &row_error))
    return TRUE;
  if (row_error == NULL)
    return FALSE;
  /* The model's school_id is whichever column named the school. */
  field = pdn_error_get_field (row_error);
  return pdn_import_report_add_row_error (
      import->report, row->line,
      g_strcmp0 (field, "school_id") == 0 ? school_column_name (row) : NULL, row_error, error);
}

static gboolean
apply_row (OutcomeImport *import, OutcomeRow *row, GError **error)
{
  SchoolEntry *school = NULL;
  gboolean allowed = FALSE;

  if (!resolve_school (import, row, &school, error))
    return FALSE;
  if (school->id == 0)
    return TRUE;
  if (!check_access (import, row, school, &allowed, error))
    return FALSE;
  if (!allowed || !check_unique (import, row, school->id))
    return TRUE;
  /* Once a row is bad nothing will be written: only look for more. */
  if (pdn_import_report_has_errors (import->report))
    return TRUE;
  return write_row (import, row, school->id, error);
}

static gboolean
apply_rows (gpointer data, PdnImportProgress *progress, GError **error)
{
  OutcomeImport *import = data;

  for (guint i = 0; i < import->rows->len; i++)
    {
      OutcomeRow *row = g_ptr_array_index (import->rows, i);

      if (row->ok && !apply_row (import, row, error))
        return FALSE;
      pdn_import_progress_update (progress, i + 1);
    }
  return TRUE;
}

/* The state is made here rather than by pdn_import_run(), to carry the
 * account: .new and .free are not used. */
static const PdnImportKind outcome_import_kind = {
  .required = required_columns,
  .read_row = read_csv_row,
  .apply = apply_rows,
};

/**
 * pdn_outcome_importer_import_csv:
 * @account: (nullable): whose rights limit the rows; %NULL for any school
 * @reader: (nullable): %NULL when making it failed with @error set
 * @progress: (nullable): called as rows are applied
 * @report: (out) (optional): the counts and every bad row, set also on failure
 *
 * Imports an outcomes CSV in one write transaction. Fails with
 * PDN_ERROR_UNPROCESSABLE, having written nothing, when any row is bad
 * (each is listed in @report with its line and column), and with the
 * reader's error when the file itself cannot be read (a missing column,
 * invalid UTF-8, an oversized field).
 */
gboolean
pdn_outcome_importer_import_csv (PdnStore *store, PdnAccount *account, PdnCsvReader *reader,
                                 PdnImportProgressFunc progress, gpointer user_data,
                                 PdnImportReport **report, GError **error)
{
  g_autoptr (PdnImportReport) own_report = pdn_import_report_new ();
  g_autoptr (OutcomeImport) import = outcome_import_new (store, account, own_report);

  if (report != NULL)
    *report = g_object_ref (own_report);
  return reader != NULL && pdn_csv_reader_require_columns (reader, required_columns, error)
         && check_school_columns (reader, error)
         && pdn_import_read_csv (&outcome_import_kind, import, reader, own_report, error)
         && pdn_import_apply (&outcome_import_kind, import, store, own_report, progress,
                              user_data, error);
}

/**
 * pdn_outcome_importer_import_json:
 * @rows: the row objects; a row's line is its position, from 1
 * @report: (out) (optional): as for pdn_outcome_importer_import_csv()
 *
 * Imports outcome rows given as JSON objects whose members are the CSV's
 * columns: numbers for school_id, value and students_n, strings for the
 * others, null for a blank cell. A member of another type or name is a
 * bad row.
 */
gboolean
pdn_outcome_importer_import_json (PdnStore *store, PdnAccount *account, JsonArray *rows,
                                  PdnImportReport **report, GError **error)
{
  g_autoptr (PdnImportReport) own_report = pdn_import_report_new ();
  g_autoptr (OutcomeImport) import = outcome_import_new (store, account, own_report);

  if (report != NULL)
    *report = g_object_ref (own_report);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    read_json_row (import, i + 1, json_array_get_element (rows, i));
  return pdn_import_apply (&outcome_import_kind, import, store, own_report, NULL, NULL, error);
}

gboolean
pdn_outcome_importer_import_file (PdnStore *store, const gchar *path,
                                  PdnImportProgressFunc progress, gpointer user_data,
                                  PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new_for_path (path, error);

  return pdn_outcome_importer_import_csv (store, NULL, reader, progress, user_data, report,
                                          error);
}

gboolean
pdn_outcome_importer_import_stream (PdnStore *store, GInputStream *stream,
                                    PdnImportProgressFunc progress, gpointer user_data,
                                    PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (stream);

  return pdn_outcome_importer_import_csv (store, NULL, reader, progress, user_data, report,
                                          error);
}
