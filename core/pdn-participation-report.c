/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
