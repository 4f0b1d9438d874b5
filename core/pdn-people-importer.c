/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-import-run.h"
#include "pdn-people-importer.h"
#include "pdn-person.h"
#include "pdn-school.h"
#include "pdn-time.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-people-importer
 *
 * `pdnet import people`: one row per affiliation. Rows with the same email
 * (after case folding) are one person; each row adds one dated affiliation
 * to a school, named by its external id or exact name, so a teacher who
 * moved mid-year has two rows. Blank dates are open ends; a row with no
 * school adds no affiliation (for staff outside schools).
 *
 * A person in the file gets exactly the file's affiliation history, so
 * importing the same file again changes nothing. People not in the file
 * are left alone. All or nothing, like the school import.
 */

typedef struct
{
  guint64 line;
  gboolean ok; /* passed the checks that need no database */
  gchar *email;
  gchar *email_key;
  gchar *name;
  PdnPersonRole role;
  gchar *school;
  gchar *starts_on;
  gchar *ends_on;
  gint64 school_id;
} PersonRow;

/* One email's rows; the first gives name, role and the email as written. */
typedef struct
{
  GPtrArray *rows; /* PersonRow*, borrowed, in file order */
} PersonEntry;

typedef struct
{
  PdnStore *store;
  PdnImportReport *report;
  GPtrArray *rows;      /* PersonRow* */
  GPtrArray *people;    /* PersonEntry*, in order of first row */
  GHashTable *by_email; /* email key -> PersonEntry* */
  GHashTable *schools;  /* school cell -> gint64*: id, 0 unknown, -1 ambiguous */
} PeopleImport;

static void
person_row_free (gpointer data)
{
  PersonRow *row = data;

  g_free (row->email);
  g_free (row->email_key);
  g_free (row->name);
  g_free (row->school);
  g_free (row->starts_on);
  g_free (row->ends_on);
  g_free (row);
}

static void
person_entry_free (gpointer data)
{
  PersonEntry *entry = data;

  g_ptr_array_unref (entry->rows);
  g_free (entry);
}

static void
people_import_free (gpointer data)
{
  PeopleImport *import = data;

  g_object_unref (import->report);
  g_hash_table_unref (import->by_email);
  g_ptr_array_unref (import->people);
  g_ptr_array_unref (import->rows);
  g_hash_table_unref (import->schools);
  g_free (import);
}

static gpointer
people_import_new (PdnStore *store, PdnImportReport *report)
{
  PeopleImport *import = g_new0 (PeopleImport, 1);

  import->store = store;
  import->report = g_object_ref (report);
  import->rows = g_ptr_array_new_with_free_func (person_row_free);
  import->people = g_ptr_array_new_with_free_func (person_entry_free);
  import->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  import->schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return import;
}

/* Phase 1: each row on its own, then against the file's other rows. */

static gboolean
check_email (PeopleImport *import, PersonRow *row)
{
  if (row->email == NULL)
    {
      pdn_import_report_add_error (import->report, row->line, "email", _("required, but empty"));
      return FALSE;
    }
  if (!pdn_validate_email (row->email, "email", NULL))
    {
      pdn_import_report_add_error (import->report, row->line, "email",
                                   _("“%s” is not a valid email address"), row->email);
      return FALSE;
    }
  row->email_key = pdn_email_key (row->email);
  return TRUE;
}

static gboolean
check_date (PeopleImport *import, PersonRow *row, const gchar *field, const gchar *value)
{
  if (value == NULL || pdn_time_validate_date (value, field, NULL))
    return TRUE;
  pdn_import_report_add_error (import->report, row->line, field,
                               _("“%s” is not a date such as 2026-09-12"), value);
  return FALSE;
}

static gboolean
check_affiliation (PeopleImport *import, PersonRow *row)
{
  gboolean ok = check_date (import, row, "from", row->starts_on);

  ok &= check_date (import, row, "to", row->ends_on);
  if (ok && row->starts_on != NULL && row->ends_on != NULL
      && strcmp (row->ends_on, row->starts_on) < 0)
    {
      pdn_import_report_add_error (import->report, row->line, "to",
                                   _("%s is before from (%s)"), row->ends_on, row->starts_on);
      ok = FALSE;
    }
  if (row->school == NULL && (row->starts_on != NULL || row->ends_on != NULL))
    {
      pdn_import_report_add_error (import->report, row->line, "school",
                                   _("required when from or to is given"));
      ok = FALSE;
    }
  return ok;
}

static PersonRow *
parse_row (PeopleImport *import, PdnCsvReader *reader)
{
  PdnImportReport *report = import->report;
  PersonRow *row = g_new0 (PersonRow, 1);
  g_autoptr (GError) width_error = NULL;
  g_autofree gchar *role = pdn_csv_reader_dup_value (reader, "role");
  gint index = 0;
  gboolean ok = TRUE;

  row->line = pdn_csv_reader_get_line (reader);
  if (!pdn_csv_reader_check_width (reader, &width_error))
    {
      pdn_import_report_add_gerror (report, row->line, width_error);
      ok = FALSE;
    }
  row->email = pdn_csv_reader_dup_value (reader, "email");
  row->name = pdn_csv_reader_dup_value (reader, "name");
  row->school = pdn_csv_reader_dup_value (reader, "school");
  row->starts_on = pdn_csv_reader_dup_value (reader, "from");
  row->ends_on = pdn_csv_reader_dup_value (reader, "to");
  ok &= check_email (import, row);
  ok &= pdn_import_report_check_text (report, row->line, "name", row->name, TRUE,
                                      PDN_NAME_MAX_CHARS);
  if (pdn_import_report_check_enum (report, row->line, "role", role, pdn_person_role_names (),
                                    &index))
    row->role = (PdnPersonRole) index;
  else
    ok = FALSE;
  ok &= pdn_import_report_check_text (report, row->line, "school", row->school, FALSE,
                                      PDN_NAME_MAX_CHARS);
  ok &= check_affiliation (import, row);
  row->ok = ok;
  return row;
}

static const gchar *
date_or_open (const gchar *date)
{
  /* TRANSLATORS: an affiliation without a start or end date */
  return date != NULL ? date : _("open");
}

/* Another row of the same person must agree on name and role, and its
 * dates may not overlap: a person is at one school on any given day. */
static gboolean
check_same_person (PeopleImport *import, PersonRow *first, PersonRow *earlier, PersonRow *row)
{
  PdnAffiliation a = { 0, 0, earlier->starts_on, earlier->ends_on };
  PdnAffiliation b = { 0, 0, row->starts_on, row->ends_on };

  if (earlier == first && g_strcmp0 (first->name, row->name) != 0)
    {
      pdn_import_report_add_error (import->report, row->line, "name",
                                   _("“%s” differs from “%s” on line %llu for the same email"),
                                   row->name, first->name, (unsigned long long) first->line);
      return FALSE;
    }
  if (earlier == first && first->role != row->role)
    {
      pdn_import_report_add_error (import->report, row->line, "role",
                                   _("“%s” differs from “%s” on line %llu for the same email"),
                                   pdn_person_role_to_string (row->role),
                                   pdn_person_role_to_string (first->role),
                                   (unsigned long long) first->line);
      return FALSE;
    }
  if (earlier->school == NULL || row->school == NULL || !pdn_affiliation_overlaps (&a, &b))
    return TRUE;
  pdn_import_report_add_error (import->report, row->line, "from",
                               _("%s to %s overlaps %s to %s on line %llu: a person is at one "
                                 "school on any given day"),
                               date_or_open (row->starts_on), date_or_open (row->ends_on),
                               date_or_open (earlier->starts_on), date_or_open (earlier->ends_on),
                               (unsigned long long) earlier->line);
  return FALSE;
}

/* Adds a good row to its person, checking it against the person's earlier
 * good rows; a bad row only marks its person as not importable. */
static void
group_row (PeopleImport *import, PersonRow *row)
{
  PersonEntry *entry;

  if (row->email_key == NULL)
    return;
  entry = g_hash_table_lookup (import->by_email, row->email_key);
  if (entry == NULL)
    {
      entry = g_new0 (PersonEntry, 1);
      entry->rows = g_ptr_array_new ();
      g_ptr_array_add (import->people, entry);
      g_hash_table_insert (import->by_email, row->email_key, entry);
    }
  for (guint i = 0; row->ok && i < entry->rows->len; i++)
    {
      PersonRow *earlier = g_ptr_array_index (entry->rows, i);
      if (earlier->ok
          && !check_same_person (import, g_ptr_array_index (entry->rows, 0), earlier, row))
        row->ok = FALSE;
    }
  g_ptr_array_add (entry->rows, row);
}

static void
read_row (gpointer data, PdnCsvReader *reader)
{
  PeopleImport *import = data;
  PersonRow *row = parse_row (import, reader);

  g_ptr_array_add (import->rows, row);
  group_row (import, row);
}

/* Phase 2: against the database, inside the transaction. */

/* 0 when no school has that name, -1 when several have. Names are matched
 * exactly, across organizations, so the lookup is by plain SQL here. */
static gboolean
school_id_by_name (PeopleImport *import, const gchar *name, gint64 *id, GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  PdnStep step;
  guint matches = 0;

  stmt = pdn_store_prepare (import->store, "SELECT id FROM schools WHERE name = ? LIMIT 2",
                            error);
  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, name);
  *id = 0;
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      *id = pdn_statement_column_int64 (stmt, 0);
      matches++;
    }
  if (matches > 1)
    *id = -1;
  return step == PDN_STEP_DONE;
}

/* An external id first, else an exact name; looked up once per distinct cell. */
static gboolean
lookup_school (PeopleImport *import, const gchar *cell, gint64 *id, GError **error)
{
  gint64 *cached = g_hash_table_lookup (import->schools, cell);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchool) school = NULL;

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }
  school = pdn_school_find_by_external_id (import->store, cell, &local_error);
  if (school == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (school != NULL)
    *id = school->id;
  else if (!school_id_by_name (import, cell, id, error))
    return FALSE;
  g_hash_table_insert (import->schools, g_strdup (cell), g_memdup2 (id, sizeof *id));
  return TRUE;
}

static gboolean
resolve_school (PeopleImport *import, PersonRow *row, GError **error)
{
  if (row->school == NULL)
    return TRUE;
  if (!lookup_school (import, row->school, &row->school_id, error))
    return FALSE;
  if (row->school_id == 0)
    {
      pdn_import_report_add_error (import->report, row->line, "school",
                                   _("no school has the external id or name “%s”"), row->school);
      row->ok = FALSE;
    }
  else if (row->school_id < 0)
    {
      pdn_import_report_add_error (import->report, row->line, "school",
                                   _("“%s” names more than one school; use its external id"),
                                   row->school);
      row->ok = FALSE;
    }
  return TRUE;
}

/* Same order as the stored history: open start first, then by date. */
static gint
compare_starts (gconstpointer a, gconstpointer b)
{
  const PdnAffiliation *x = *(PdnAffiliation *const *) a;
  const PdnAffiliation *y = *(PdnAffiliation *const *) b;

  if (x->starts_on == NULL || y->starts_on == NULL)
    return (x->starts_on != NULL) - (y->starts_on != NULL);
  return strcmp (x->starts_on, y->starts_on);
}

static gboolean
same_affiliations (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const PdnAffiliation *x = g_ptr_array_index (a, i);
      const PdnAffiliation *y = g_ptr_array_index (b, i);
      if (x->school_id != y->school_id || g_strcmp0 (x->starts_on, y->starts_on) != 0
          || g_strcmp0 (x->ends_on, y->ends_on) != 0)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
entry_affiliations (PersonEntry *entry)
{
  GPtrArray *affiliations = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_affiliation_free);

  for (guint i = 0; i < entry->rows->len; i++)
    {
      PersonRow *row = g_ptr_array_index (entry->rows, i);
      if (row->school_id > 0)
        g_ptr_array_add (affiliations,
                         pdn_affiliation_new (row->school_id, row->starts_on, row->ends_on));
    }
  g_ptr_array_sort (affiliations, compare_starts);
  return affiliations;
}

/* Copies the entry into @person; returns whether anything changed. */
static gboolean
apply_fields (PersonEntry *entry, PdnPerson *person)
{
  PersonRow *first = g_ptr_array_index (entry->rows, 0);
  g_autoptr (GPtrArray) affiliations = entry_affiliations (entry);
  gboolean changed = g_strcmp0 (person->name, first->name) != 0
                     || g_strcmp0 (person->email, first->email) != 0
                     || person->role != first->role
                     || !same_affiliations (person->affiliations, affiliations);

  g_free (person->name);
  person->name = g_strdup (first->name);
  g_free (person->email);
  person->email = g_strdup (first->email);
  person->role = first->role;
  g_ptr_array_set_size (person->affiliations, 0);
  g_ptr_array_extend_and_steal (person->affiliations, g_steal_pointer (&affiliations));
  return changed;
}

static gboolean
save_person (PeopleImport *import, PersonEntry *entry, GError **row_error)
{
  PersonRow *first = g_ptr_array_index (entry->rows, 0);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnPerson) person = NULL;
  gboolean created;
  gboolean changed;

  person = pdn_person_find_by_email (import->store, first->email, &local_error);
  if (person == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (row_error, g_steal_pointer (&local_error));
      return FALSE;
    }
  created = person == NULL;
  if (created)
    person = pdn_person_new ();
  changed = apply_fields (entry, person);
  if (created && !pdn_person_insert (person, import->store, row_error))
    return FALSE;
  if (!created && changed && !pdn_person_update (person, import->store, row_error))
    return FALSE;
  pdn_import_report_count_saved (import->report, created, changed);
  return TRUE;
}

/* Checks every row's school; writes the person only if all rows are good. */
static gboolean
apply_person (PeopleImport *import, PersonEntry *entry, GError **error)
{
  g_autoptr (GError) row_error = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < entry->rows->len; i++)
    {
      PersonRow *row = g_ptr_array_index (entry->rows, i);
      if (row->ok && !resolve_school (import, row, error))
        return FALSE;
      ok &= row->ok;
    }
  if (!ok || save_person (import, entry, &row_error))
    return TRUE;
  /* Field names of the model ("affiliations[1].school_id") are not
   * columns; rows were checked already, so this is rare. */
  return pdn_import_report_add_row_error (
    import->report, ((PersonRow *) g_ptr_array_index (entry->rows, 0))->line, NULL, row_error,
    error);
}

static gboolean
apply_people (gpointer data, PdnImportProgress *progress, GError **error)
{
  PeopleImport *import = data;
  guint64 done = 0;

  for (guint i = 0; i < import->people->len; i++)
    {
      PersonEntry *entry = g_ptr_array_index (import->people, i);

      if (!apply_person (import, entry, error))
        return FALSE;
      done += entry->rows->len;
      pdn_import_progress_update (progress, done);
    }
  return TRUE;
}

static const gchar *const required_columns[] = { "email", "name", "role", "school", NULL };

static const PdnImportKind people_import = {
  .required = required_columns,
  .new = people_import_new,
  .free = people_import_free,
  .read_row = read_row,
  .apply = apply_people,
};

/**
 * pdn_people_importer_import_stream:
 * @progress: (nullable): called as rows are applied
 * @report: (out) (optional): the counts (of people) and every bad row, set
 *   also on failure
 *
 * Imports a people CSV in one write transaction. Fails with
 * PDN_ERROR_UNPROCESSABLE, having written nothing, when any row is bad:
 * malformed email, bad role, a date that is not a date or a "to" before
 * "from", an unknown or ambiguous school, overlapping affiliations of one
 * person, or a name or role that differs between rows of one person.
 */
gboolean
pdn_people_importer_import_stream (PdnStore *store, GInputStream *stream,
                                   PdnImportProgressFunc progress, gpointer user_data,
                                   PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (stream);

  return pdn_import_run (&people_import, store, reader, progress, user_data, report, error);
}

gboolean
pdn_people_importer_import_file (PdnStore *store, const gchar *path,
                                 PdnImportProgressFunc progress, gpointer user_data,
                                 PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new_for_path (path, error);

  return pdn_import_run (&people_import, store, reader, progress, user_data, report, error);
}
