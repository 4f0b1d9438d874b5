/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-csv-writer.h"
#include "pdn-participation-report.h"

/**
 * PdnParticipationReport:
 *
 * The rows pdn_participation_compute() produced, with what they describe.
 * Reports, exports and analyses all read participation from here.
 */
struct _PdnParticipationReport
{
  GObject parent_instance;
  gchar *school_year;
  PdnParticipationGrouping grouping;
  GPtrArray *rows;
};

G_DEFINE_FINAL_TYPE (PdnParticipationReport, pdn_participation_report, G_TYPE_OBJECT)

static const gchar *const grouping_names[] = { "school", "sector", "organization", NULL };

const gchar *
pdn_participation_grouping_to_string (PdnParticipationGrouping grouping)
{
  if ((guint) grouping >= G_N_ELEMENTS (grouping_names) - 1)
    return NULL;
  return grouping_names[grouping];
}

gboolean
pdn_participation_grouping_from_string (const gchar *text, PdnParticipationGrouping *grouping)
{
  for (guint i = 0; grouping_names[i] != NULL; i++)
    if (g_strcmp0 (text, grouping_names[i]) == 0)
      {
        *grouping = (PdnParticipationGrouping) i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (array zero-terminated=1) (transfer none): "school", "sector"
 * and "organization", in PdnParticipationGrouping order. */
const gchar *const *
pdn_participation_grouping_names (void)
{
  return grouping_names;
}

static void
pdn_participation_report_finalize (GObject *object)
{
  PdnParticipationReport *self = PDN_PARTICIPATION_REPORT (object);

  g_free (self->school_year);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (pdn_participation_report_parent_class)->finalize (object);
}

static void
pdn_participation_report_class_init (PdnParticipationReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_participation_report_finalize;
}

static void
pdn_participation_report_init (PdnParticipationReport *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pdn_participation_row_free);
}

PdnParticipationReport *
pdn_participation_report_new (const gchar *school_year, PdnParticipationGrouping grouping)
{
  PdnParticipationReport *self = g_object_new (PDN_TYPE_PARTICIPATION_REPORT, NULL);

  self->school_year = g_strdup (school_year);
  self->grouping = grouping;
  return self;
}

void
pdn_participation_report_take_row (PdnParticipationReport *self, PdnParticipationRow *row)
{
  g_ptr_array_add (self->rows, row);
}

/* Returns: (transfer none) (element-type PdnParticipationRow) */
GPtrArray *
pdn_participation_report_get_rows (PdnParticipationReport *self)
{
  return self->rows;
}

const gchar *
pdn_participation_report_get_school_year (PdnParticipationReport *self)
{
  return self->school_year;
}

PdnParticipationGrouping
pdn_participation_report_get_grouping (PdnParticipationReport *self)
{
  return self->grouping;
}

static void
set_text (JsonObject *object, const gchar *name, const gchar *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* null for NaN, a ratio without a denominator. */
static void
set_number (JsonObject *object, const gchar *name, gdouble value)
{
  if (isnan (value))
    json_object_set_null_member (object, name);
  else
    json_object_set_double_member (object, name, value);
}

static void
write_group_columns (PdnParticipationReport *self, PdnCsvWriter *csv,
                     const PdnParticipationRow *row)
{
  if (self->grouping == PDN_PARTICIPATION_BY_SCHOOL)
    {
      pdn_csv_writer_int (csv, row->school_id);
      pdn_csv_writer_text (csv, row->school_external_id);
      pdn_csv_writer_text (csv, row->school_name);
    }
  if (self->grouping != PDN_PARTICIPATION_BY_ORGANIZATION)
    pdn_csv_writer_text (csv, row->sector);
  if (self->grouping != PDN_PARTICIPATION_BY_SECTOR)
    pdn_csv_writer_text (csv, row->organization_name);
}

static void
write_header (PdnParticipationReport *self, PdnCsvWriter *csv)
{
  static const gchar *const school[] = { "school_id", "school_external_id", "school_name",
                                         "sector", "organization", NULL };
  static const gchar *const sector[] = { "sector", NULL };
  static const gchar *const organization[] = { "organization", NULL };
  static const gchar *const figures[] = { "school_year", "teachers_attended", "leaders_attended",
                                          "admins_attended", "teachers_registered",
                                          "hours_attended", "sessions_per_teacher",
                                          "teacher_headcount", "participation_rate", NULL };
  const gchar *const *group = self->grouping == PDN_PARTICIPATION_BY_SCHOOL   ? school
                              : self->grouping == PDN_PARTICIPATION_BY_SECTOR ? sector
                                                                              : organization;

  for (guint i = 0; group[i] != NULL; i++)
    pdn_csv_writer_text (csv, group[i]);
  for (guint i = 0; figures[i] != NULL; i++)
    pdn_csv_writer_text (csv, figures[i]);
  pdn_csv_writer_end_row (csv);
}

/* Column names are stable identifiers (not translated): scripts read them. */
gchar *
pdn_participation_report_to_csv (PdnParticipationReport *self)
{
  g_autoptr (PdnCsvWriter) csv = pdn_csv_writer_new ();

  write_header (self, csv);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PdnParticipationRow *row = g_ptr_array_index (self->rows, i);

      write_group_columns (self, csv, row);
      pdn_csv_writer_text (csv, self->school_year);
      pdn_csv_writer_int (csv, row->teachers_attended);
      pdn_csv_writer_int (csv, row->leaders_attended);
      pdn_csv_writer_int (csv, row->admins_attended);
      pdn_csv_writer_int (csv, row->teachers_registered);
      pdn_csv_writer_double (csv, pdn_participation_row_hours (row), 2);
      pdn_csv_writer_double (csv, pdn_participation_row_sessions_per_teacher (row), 2);
      if (row->teacher_headcount >= 0)
        pdn_csv_writer_int (csv, row->teacher_headcount);
      else
        pdn_csv_writer_empty (csv);
      pdn_csv_writer_double (csv, pdn_participation_row_rate (row), 4);
      pdn_csv_writer_end_row (csv);
    }
  return pdn_csv_writer_free_to_text (g_steal_pointer (&csv));
}

static void
set_group_members (PdnParticipationReport *self, JsonObject *object,
                   const PdnParticipationRow *row)
{
  if (self->grouping == PDN_PARTICIPATION_BY_SCHOOL)
    {
      json_object_set_int_member (object, "school_id", row->school_id);
      set_text (object, "school_external_id", row->school_external_id);
      set_text (object, "school_name", row->school_name);
    }
  if (self->grouping != PDN_PARTICIPATION_BY_ORGANIZATION)
    set_text (object, "sector", row->sector);
  if (self->grouping != PDN_PARTICIPATION_BY_SECTOR)
    {
      json_object_set_int_member (object, "organization_id", row->organization_id);
      set_text (object, "organization_name", row->organization_name);
    }
}

static JsonNode *
row_to_json (PdnParticipationReport *self, const PdnParticipationRow *row)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_group_members (self, object, row);
  json_object_set_int_member (object, "teachers_attended", row->teachers_attended);
  json_object_set_int_member (object, "leaders_attended", row->leaders_attended);
  json_object_set_int_member (object, "admins_attended", row->admins_attended);
  json_object_set_int_member (object, "teachers_registered", row->teachers_registered);
  json_object_set_int_member (object, "teacher_attendances", row->teacher_attendances);
  json_object_set_int_member (object, "minutes_attended", row->minutes_attended);
  set_number (object, "hours_attended", pdn_participation_row_hours (row));
  set_number (object, "sessions_per_teacher", pdn_participation_row_sessions_per_teacher (row));
  if (row->teacher_headcount >= 0)
    json_object_set_int_member (object, "teacher_headcount", row->teacher_headcount);
  else
    json_object_set_null_member (object, "teacher_headcount");
  set_number (object, "participation_rate", pdn_participation_row_rate (row));
  json_node_take_object (node, object);
  return node;
}

/**
 * pdn_participation_report_to_json:
 *
 * The same rows and members as pdn_participation_report_to_csv(), with the
 * organization's id beside its name and the raw counts (minutes,
 * attendances) the ratios come from. Ratios are not rounded; those without
 * a denominator (no teacher, no headcount) are null.
 *
 * Returns: (transfer full): {"school_year", "group_by", "rows": [...]}
 */
JsonNode *
pdn_participation_report_to_json (PdnParticipationReport *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *rows = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_text (object, "school_year", self->school_year);
  json_object_set_string_member (object, "group_by",
                                 pdn_participation_grouping_to_string (self->grouping));
  for (guint i = 0; i < self->rows->len; i++)
    json_array_add_element (rows, row_to_json (self, g_ptr_array_index (self->rows, i)));
  json_object_set_array_member (object, "rows", rows);
  json_node_take_object (node, object);
  return node;
}
