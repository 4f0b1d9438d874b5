/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

typedef enum
{
  PDN_GROWTH_INCLUDED,
  PDN_GROWTH_SUPPRESSED, /* the outcome rests on fewer than min_students */
  PDN_GROWTH_NO_OUTCOME,
  PDN_GROWTH_NO_HEADCOUNT, /* x = rate without the year's headcount */
} PdnGrowthStatus;

/* One school of an organization with participating schools: its
 * participation figures as pdn_participation_compute counts them, and its
 * outcome (minus the baseline year's with a baseline). */
typedef struct
{
  gint64 id;
  gchar *name;
  gchar *sector;
  gint64 organization_id;
  gchar *organization_name;
  gint64 headcount; /* -1: unknown */
  gint64 teachers;  /* teachers and coaches who attended */
  gint64 minutes;
  gboolean has_outcome;
  gdouble value;    /* the outcome (growth with a baseline year) */
  gdouble baseline; /* the baseline year's value, when asked for */
  gint64 students;  /* the fewest students either year rests on */
  PdnGrowthStatus status;
} PdnGrowthSchool;

typedef struct
{
  const gint64 *program_ids;
  guint n_programs;
  const gchar *school_year; /* nullable: the programs' own */
  const gchar *measure;
  const gchar *baseline_year; /* nullable */
  gint64 min_students;
} PdnGrowthQuery;

/* The schools, sorted by organization, sector and name, with
 * @school_year set to the year used. @progress hears how far the load is
 * (0 to 1, without a message), the attendance scan in many steps. */
GPtrArray *pdn_growth_load (PdnContext *context, const PdnGrowthQuery *query,
                            PdnProgressFunc progress, gpointer progress_data, gchar **school_year,
                            GError **error);

gdouble pdn_growth_school_hours (const PdnGrowthSchool *school);
/* Share of the year's teacher headcount who attended; NAN when unknown. */
gdouble pdn_growth_school_rate (const PdnGrowthSchool *school);

G_END_DECLS
