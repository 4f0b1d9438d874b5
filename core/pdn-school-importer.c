/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-import-run.h"
#include "pdn-organization.h"
#include "pdn-school-facts.h"
#include "pdn-school-importer.h"
#include "pdn-school.h"
#include "pdn-validate.h"

/**
 * SECTION:pdn-school-importer
 *
 * `pdnet import schools`: one row per school. A school is matched by its
 * external id, else by name within its organization, so importing the same
 * file again changes nothing. An organization named for the first time is
 * created with the row's organization_kind. With a school_year, the row
 * also sets that year's facts (headcount, sector, organization).
 *
 * The import is all or nothing: every row is checked (first on its own, then
 * against the database inside one write transaction), every bad row is
 * reported, and if there is any the transaction is rolled back.
 */

#define EXTERNAL_ID_MAX_CHARS 64
#define HEADCOUNT_MAX 100000

typedef struct
{
  guint64 line;
  gboolean ok; /* passed the checks that need no database */
  gchar *external_id;
  gchar *name;
  PdnSector sector;
  gchar *organization;
  gint kind; /* PdnOrganizationKind, or -1 when blank */
  gchar *city;
  gchar *school_year;
  gint64 headcount; /* -1 when blank */
} SchoolRow;

/* An organization as resolved for this import; id 0 when it cannot be. */
typedef struct
{
  gint64 id;
  PdnOrganizationKind kind;
} OrganizationEntry;

/* The first row of the file that gives a new organization its kind. */
typedef struct
{
  PdnOrganizationKind kind;
  guint64 line;
} FileKind;

typedef struct
{
  PdnStore *store;
  PdnImportReport *report;
  GPtrArray *rows;           /* SchoolRow* */
  gboolean has_city;         /* a city column exists, so blank clears */
  GHashTable *file_kinds;    /* organization name -> FileKind* */
  GHashTable *organizations; /* organization name -> OrganizationEntry* */
  GHashTable *external_ids;  /* external id -> line */
  GHashTable *names;         /* name \x1f organization -> NameKey* */
} SchoolImport;

typedef struct
{
  guint64 line;
  gboolean has_external_id;
} NameKey;

static void
school_row_free (gpointer data)
{
  SchoolRow *row = data;

  g_free (row->external_id);
  g_free (row->name);
  g_free (row->organization);
  g_free (row->city);
  g_free (row->school_year);
  g_free (row);
}

static void
school_import_free (gpointer data)
{
  SchoolImport *import = data;

  g_object_unref (import->report);
  g_ptr_array_unref (import->rows);
  g_hash_table_unref (import->file_kinds);
  g_hash_table_unref (import->organizations);
  g_hash_table_unref (import->external_ids);
  g_hash_table_unref (import->names);
  g_free (import);
}

static gpointer
school_import_new (PdnStore *store, PdnImportReport *report)
{
  SchoolImport *import = g_new0 (SchoolImport, 1);

  import->store = store;
  import->report = g_object_ref (report);
  import->rows = g_ptr_array_new_with_free_func (school_row_free);
  import->file_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->organizations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->external_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return import;
}

/* Phase 1: each row on its own. */

static gboolean
check_school_year (SchoolImport *import, SchoolRow *row)
{
  if (row->school_year == NULL || pdn_validate_school_year (row->school_year, NULL, NULL))
    return TRUE;
  pdn_import_report_add_error (import->report, row->line, "school_year",
                               _("“%s” is not a school year such as 2025-26"),
                               row->school_year);
  return FALSE;
}

static gboolean
parse_headcount (SchoolImport *import, SchoolRow *row, const gchar *text)
{
  guint64 value = 0;

  row->headcount = -1;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, HEADCOUNT_MAX, &value, NULL))
    {
      pdn_import_report_add_error (import->report, row->line, "teacher_headcount",
                                   _("“%s” is not a whole number from 0 to %d"), text,
                                   HEADCOUNT_MAX);
      return FALSE;
    }
  row->headcount = (gint64) value;
  if (row->school_year == NULL)
    {
      pdn_import_report_add_error (import->report, row->line, "school_year",
                                   _("required when teacher_headcount is given"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_enums (SchoolImport *import, SchoolRow *row, PdnCsvReader *reader)
{
  g_autofree gchar *sector = pdn_csv_reader_dup_value (reader, "sector");
  g_autofree gchar *kind = pdn_csv_reader_dup_value (reader, "organization_kind");
  gint index = 0;
  gboolean ok = TRUE;

  if (pdn_import_report_check_enum (import->report, row->line, "sector", sector,
                                    pdn_sector_names (), &index))
    row->sector = (PdnSector) index;
  else
    ok = FALSE;
  row->kind = -1;
  if (kind != NULL)
    {
      if (pdn_import_report_check_enum (import->report, row->line, "organization_kind", kind,
                                        pdn_organization_kind_names (), &index))
        row->kind = index;
      else
        ok = FALSE;
    }
  return ok;
}

static SchoolRow *
parse_row (SchoolImport *import, PdnCsvReader *reader)
{
  PdnImportReport *report = import->report;
  SchoolRow *row = g_new0 (SchoolRow, 1);
  g_autoptr (GError) width_error = NULL;
  g_autofree gchar *headcount = pdn_csv_reader_dup_value (reader, "teacher_headcount");
  gboolean ok = TRUE;

  row->line = pdn_csv_reader_get_line (reader);
  if (!pdn_csv_reader_check_width (reader, &width_error))
    {
      pdn_import_report_add_gerror (report, row->line, width_error);
      ok = FALSE;
    }
  row->external_id = pdn_csv_reader_dup_value (reader, "external_id");
  row->name = pdn_csv_reader_dup_value (reader, "name");
  row->organization = pdn_csv_reader_dup_value (reader, "organization");
  row->city = pdn_csv_reader_dup_value (reader, "city");
  row->school_year = pdn_csv_reader_dup_value (reader, "school_year");
  ok &= pdn_import_report_check_text (report, row->line, "external_id", row->external_id, FALSE,
                                      EXTERNAL_ID_MAX_CHARS);
  ok &= pdn_import_report_check_text (report, row->line, "name", row->name, TRUE,
                                      PDN_NAME_MAX_CHARS);
  ok &= parse_enums (import, row, reader);
  ok &= pdn_import_report_check_text (report, row->line, "organization", row->organization, TRUE,
                                      PDN_NAME_MAX_CHARS);
  ok &= pdn_import_report_check_text (report, row->line, "city", row->city, FALSE,
                                      PDN_NAME_MAX_CHARS);
  ok &= check_school_year (import, row);
  ok &= parse_headcount (import, row, headcount);
  row->ok = ok;
  return row;
}

static gboolean
check_external_id_unique (SchoolImport *import, SchoolRow *row)
{
  g_autofree gchar *key = g_strconcat (row->external_id, "\x1f", row->school_year, NULL);
  guint64 *first = g_hash_table_lookup (import->external_ids, key);

  if (first != NULL)
    {
      pdn_import_report_add_error (import->report, row->line, "external_id",
                                   _("“%s” is also on line %llu"), row->external_id,
                                   (unsigned long long) *first);
      return FALSE;
    }
  g_hash_table_insert (import->external_ids, g_steal_pointer (&key),
                       g_memdup2 (&row->line, sizeof row->line));
  return TRUE;
}

/* A row without an external id is keyed by name and organization, so it
 * may share them with no other row of the same school year; rows with
 * distinct external ids may. One school may have a row for each year. */
static gboolean
check_name_unique (SchoolImport *import, SchoolRow *row)
{
  g_autofree gchar *key = g_strconcat (row->name, "\x1f", row->organization, "\x1f",
                                       row->school_year, NULL);
  NameKey *first = g_hash_table_lookup (import->names, key);

  if (first != NULL && (row->external_id == NULL || !first->has_external_id))
    {
      pdn_import_report_add_error (import->report, row->line, "name",
                                   _("“%s” of “%s” is also on line %llu; add external ids to "
                                     "tell the schools apart"),
                                   row->name, row->organization, (unsigned long long) first->line);
      return FALSE;
    }
  if (first == NULL)
    {
      NameKey *entry = g_new0 (NameKey, 1);
      entry->line = row->line;
      entry->has_external_id = row->external_id != NULL;
      g_hash_table_insert (import->names, g_steal_pointer (&key), entry);
    }
  return TRUE;
}

/* The first row naming a kind for an organization sets it; others must agree. */
static gboolean
check_file_kind (SchoolImport *import, SchoolRow *row)
{
  FileKind *first = g_hash_table_lookup (import->file_kinds, row->organization);

  if (row->kind < 0)
    return TRUE;
  if (first == NULL)
    {
      first = g_new0 (FileKind, 1);
      first->kind = (PdnOrganizationKind) row->kind;
      first->line = row->line;
      g_hash_table_insert (import->file_kinds, g_strdup (row->organization), first);
      return TRUE;
    }
  if (first->kind == (PdnOrganizationKind) row->kind)
    return TRUE;
  pdn_import_report_add_error (
    import->report, row->line, "organization_kind", _("“%s” differs from “%s” on line %llu"),
    pdn_organization_kind_to_string ((PdnOrganizationKind) row->kind),
    pdn_organization_kind_to_string (first->kind), (unsigned long long) first->line);
  return FALSE;
}

static void
check_against_file (SchoolImport *import, SchoolRow *row)
{
  if (row->name == NULL || row->organization == NULL)
    return;
  if (row->external_id != NULL && !check_external_id_unique (import, row))
    row->ok = FALSE;
  if (!check_name_unique (import, row))
    row->ok = FALSE;
  if (!check_file_kind (import, row))
    row->ok = FALSE;
}

static void
read_row (gpointer data, PdnCsvReader *reader)
{
  SchoolImport *import = data;
  SchoolRow *row;

  import->has_city = pdn_csv_reader_has_column (reader, "city");
  row = parse_row (import, reader);
  check_against_file (import, row);
  g_ptr_array_add (import->rows, row);
}

/* Phase 2: against the database, inside the transaction. */

/* Model field names become column names. */
static gboolean
report_row_error (SchoolImport *import, guint64 line, GError *row_error, GError **error)
{
  const gchar *field = pdn_error_get_field (row_error);

  return pdn_import_report_add_row_error (
    import->report, line, g_strcmp0 (field, "organization_id") == 0 ? "organization" : NULL,
    row_error, error);
}

/* Slugs must be unique: "riverton-public-schools", then "…-2", "…-3". */
static gchar *
unique_slug (PdnStore *store, const gchar *name, GError **error)
{
  g_autofree gchar *base = pdn_organization_slug_from_name (name);

  for (guint n = 1;; n++)
    {
      g_autofree gchar *suffix = n == 1 ? g_strdup ("") : g_strdup_printf ("-%u", n);
      g_autofree gchar *stem = g_strndup (base, 64 - strlen (suffix));
      g_autofree gchar *slug = NULL;
      g_autoptr (PdnOrganization) existing = NULL;
      g_autoptr (GError) local_error = NULL;

      while (strlen (stem) > 1 && g_str_has_suffix (stem, "-"))
        stem[strlen (stem) - 1] = '\0';
      slug = g_strconcat (stem, suffix, NULL);
      existing = pdn_organization_find_by_slug (store, slug, &local_error);
      if (existing == NULL && g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
        return g_steal_pointer (&slug);
      if (existing == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

static PdnOrganization *
create_organization (SchoolImport *import, const gchar *name, PdnOrganizationKind kind,
                     GError **error)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();

  organization->name = g_strdup (name);
  organization->kind = kind;
  organization->slug = unique_slug (import->store, name, error);
  if (organization->slug == NULL)
    return NULL;
  if (!pdn_organization_insert (organization, import->store, error))
    return NULL;
  import->report->organizations_created++;
  return g_steal_pointer (&organization);
}

/* Finds or creates the row's organization once per name. A new
 * organization without a kind anywhere in the file is reported once, on
 * the first row that names it. */
static gboolean
lookup_organization (SchoolImport *import, SchoolRow *row, OrganizationEntry **entry,
                     GError **error)
{
  g_autoptr (PdnOrganization) organization = NULL;
  g_autoptr (GError) local_error = NULL;
  FileKind *file_kind;

  *entry = g_hash_table_lookup (import->organizations, row->organization);
  if (*entry != NULL)
    return TRUE;
  *entry = g_new0 (OrganizationEntry, 1);
  g_hash_table_insert (import->organizations, g_strdup (row->organization), *entry);
  organization = pdn_organization_find_by_name (import->store, row->organization, &local_error);
  if (organization == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  file_kind = g_hash_table_lookup (import->file_kinds, row->organization);
  if (organization == NULL && file_kind == NULL)
    {
      pdn_import_report_add_error (import->report, row->line, "organization_kind",
                                   _("required, because “%s” is a new organization"),
                                   row->organization);
      return TRUE;
    }
  if (organization == NULL)
    organization = create_organization (import, row->organization, file_kind->kind, &local_error);
  if (organization == NULL)
    return report_row_error (import, row->line, local_error, error);
  (*entry)->id = organization->id;
  (*entry)->kind = organization->kind;
  return TRUE;
}

/* Sets *organization_id to 0 when the row cannot be imported. */
static gboolean
resolve_organization (SchoolImport *import, SchoolRow *row, gint64 *organization_id,
                      GError **error)
{
  OrganizationEntry *entry = NULL;

  *organization_id = 0;
  if (!lookup_organization (import, row, &entry, error))
    return FALSE;
  if (entry->id == 0)
    return TRUE;
  if (row->kind >= 0 && (PdnOrganizationKind) row->kind != entry->kind)
    {
      pdn_import_report_add_error (
        import->report, row->line, "organization_kind",
        /* TRANSLATORS: “Riverton Public Schools” is a district organization, not cmo */
        _("“%s” is a %s organization, not %s"), row->organization,
        pdn_organization_kind_to_string (entry->kind),
        pdn_organization_kind_to_string ((PdnOrganizationKind) row->kind));
      return TRUE;
    }
  *organization_id = entry->id;
  return TRUE;
}

/* A lookup that found nothing is no error: *school stays NULL. */
static gboolean
found_or_absent (PdnSchool *found, PdnSchool **school, GError *local_error, GError **error)
{
  *school = found;
  if (found != NULL || g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_error_copy (local_error));
  return FALSE;
}

/* By external id; else by name within the organization, where a row with
 * an external id only adopts a school that has none yet. */
static gboolean
find_school (SchoolImport *import, SchoolRow *row, gint64 organization_id, PdnSchool **school,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PdnSchool *found;

  if (row->external_id != NULL)
    {
      found = pdn_school_find_by_external_id (import->store, row->external_id, &local_error);
      if (!found_or_absent (found, school, local_error, error))
        return FALSE;
      if (*school != NULL)
        return TRUE;
      g_clear_error (&local_error);
    }
  found = pdn_school_find_by_name (import->store, organization_id, row->name, &local_error);
  if (!found_or_absent (found, school, local_error, error))
    return FALSE;
  if (*school != NULL && row->external_id != NULL && (*school)->external_id != NULL)
    g_clear_object (school);
  return TRUE;
}

static gboolean
set_text (gchar **field, const gchar *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Copies the row into @school; returns whether anything changed. A blank
 * external id keeps the stored one (it was the key or there is none). */
static gboolean
apply_fields (SchoolImport *import, SchoolRow *row, gint64 organization_id, PdnSchool *school)
{
  gboolean changed = FALSE;

  changed |= set_text (&school->name, row->name);
  if (row->external_id != NULL)
    changed |= set_text (&school->external_id, row->external_id);
  if (import->has_city)
    changed |= set_text (&school->city, row->city);
  if (school->sector != row->sector || school->organization_id != organization_id)
    changed = TRUE;
  school->sector = row->sector;
  school->organization_id = organization_id;
  return changed;
}

/* Upserts the year's facts; *changed tells whether they differed. */
static gboolean
save_facts (SchoolImport *import, SchoolRow *row, gint64 organization_id, PdnSchool *school,
            gboolean *changed, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PdnSchoolFacts) facts = NULL;

  *changed = FALSE;
  if (row->school_year == NULL)
    return TRUE;
  facts = pdn_school_facts_load (import->store, school->id, row->school_year, &local_error);
  if (facts == NULL && !g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (facts != NULL && facts->teacher_headcount == row->headcount
      && facts->sector == row->sector && facts->organization_id == organization_id)
    return TRUE;
  if (facts == NULL)
    {
      facts = pdn_school_facts_new ();
      facts->school_id = school->id;
      facts->school_year = g_strdup (row->school_year);
    }
  facts->teacher_headcount = row->headcount;
  facts->sector = row->sector;
  facts->organization_id = organization_id;
  *changed = TRUE;
  return pdn_school_facts_save (facts, import->store, error);
}

/* A school is as its newest year describes it: a row for an older year
 * than the school already has facts for only sets that year's facts. */
static gboolean
is_latest_year (SchoolImport *import, SchoolRow *row, PdnSchool *school, gboolean *latest,
                GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  const gchar *newest;

  *latest = TRUE;
  if (row->school_year == NULL)
    return TRUE;
  stmt = pdn_store_prepare_id (import->store,
                               "SELECT MAX(school_year) FROM school_year_facts "
                               "WHERE school_id = ?",
                               school->id, error);
  if (stmt == NULL || pdn_statement_step (stmt, error) != PDN_STEP_ROW)
    return FALSE;
  newest = pdn_statement_column_text (stmt, 0);
  *latest = newest == NULL || g_strcmp0 (row->school_year, newest) >= 0;
  return TRUE;
}

/* Row errors from the models go to @row_error; the caller sorts them out. */
static gboolean
save_school (SchoolImport *import, SchoolRow *row, gint64 organization_id, GError **row_error)
{
  g_autoptr (PdnSchool) school = NULL;
  gboolean created;
  gboolean latest = TRUE;
  gboolean changed = FALSE;
  gboolean facts_changed = FALSE;

  if (!find_school (import, row, organization_id, &school, row_error))
    return FALSE;
  created = school == NULL;
  if (created)
    school = pdn_school_new ();
  if (!created && !is_latest_year (import, row, school, &latest, row_error))
    return FALSE;
  if (created || latest)
    changed = apply_fields (import, row, organization_id, school);
  if (created && !pdn_school_insert (school, import->store, row_error))
    return FALSE;
  if (!created && changed && !pdn_school_update (school, import->store, row_error))
    return FALSE;
  if (!save_facts (import, row, organization_id, school, &facts_changed, row_error))
    return FALSE;
  pdn_import_report_count_saved (import->report, created, changed || facts_changed);
  return TRUE;
}

static gboolean
apply_row (SchoolImport *import, SchoolRow *row, GError **error)
{
  g_autoptr (GError) row_error = NULL;
  gint64 organization_id = 0;

  if (!resolve_organization (import, row, &organization_id, error))
    return FALSE;
  if (organization_id == 0)
    return TRUE;
  if (!save_school (import, row, organization_id, &row_error))
    return report_row_error (import, row->line, row_error, error);
  return TRUE;
}

static gboolean
apply_rows (gpointer data, PdnImportProgress *progress, GError **error)
{
  SchoolImport *import = data;

  for (guint i = 0; i < import->rows->len; i++)
    {
      SchoolRow *row = g_ptr_array_index (import->rows, i);

      if (row->ok && !apply_row (import, row, error))
        return FALSE;
      pdn_import_progress_update (progress, i + 1);
    }
  return TRUE;
}

static const gchar *const required_columns[] = { "name", "sector", "organization", NULL };

static const PdnImportKind school_import = {
  .required = required_columns,
  .new = school_import_new,
  .free = school_import_free,
  .read_row = read_row,
  .apply = apply_rows,
};

/**
 * pdn_school_importer_import_stream:
 * @progress: (nullable): called as rows are applied
 * @report: (out) (optional): the counts and every bad row, set also on failure
 *
 * Imports a schools CSV in one write transaction. Fails with
 * PDN_ERROR_UNPROCESSABLE, having written nothing, when any row is bad
 * (each is listed in @report with its line and column), and with the
 * reader's error when the file itself cannot be read (missing column,
 * invalid UTF-8, oversized field).
 */
gboolean
pdn_school_importer_import_stream (PdnStore *store, GInputStream *stream,
                                   PdnImportProgressFunc progress, gpointer user_data,
                                   PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new (stream);

  return pdn_import_run (&school_import, store, reader, progress, user_data, report, error);
}

gboolean
pdn_school_importer_import_file (PdnStore *store, const gchar *path,
                                 PdnImportProgressFunc progress, gpointer user_data,
                                 PdnImportReport **report, GError **error)
{
  g_autoptr (PdnCsvReader) reader = pdn_csv_reader_new_for_path (path, error);

  return pdn_import_run (&school_import, store, reader, progress, user_data, report, error);
}
