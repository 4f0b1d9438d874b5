/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

typedef enum
{
  PDN_SATISFACTION_BY_PROGRAM,
  PDN_SATISFACTION_BY_SERIES,
  PDN_SATISFACTION_BY_SESSION,
  PDN_SATISFACTION_BY_SECTOR,
} PdnSatisfactionGrouping;

/* One row of the result: its answers and attendances. */
typedef struct
{
  gchar *label;
  gchar *order; /* what the rows sort by */
  /* The groups that contain this one in another grouping, whose totals
   * could give a suppressed row away: its series (grouped by session),
   * its program (grouped by session or series); NULL otherwise. */
  gchar *series_key;
  gchar *program_key;
  GArray *usefulness; /* gdouble */
  GArray *recommend;  /* gdouble */
  gint64 attendees;   /* attendances (present or partial); -1 when not known */
} PdnSatisfactionGroup;

/* Which sessions count: programs named in program_ids (all when empty)
 * of the school_year (any when NULL). */
typedef struct
{
  GArray *program_ids; /* gint64 */
  const gchar *school_year;
  PdnSatisfactionGrouping grouping;
} PdnSatisfactionFilter;

/**
 * pdn_satisfaction_groups_load:
 *
 * Reads the responses and attendances of the filtered sessions into
 * groups. Anonymous responses are never linked to their person: grouped
 * by sector, they form a group of their own.
 *
 * Returns: (transfer full) (element-type PdnSatisfactionGroup): the
 *   groups in display order, or %NULL with @error set.
 */
GPtrArray *pdn_satisfaction_groups_load (PdnContext *context, const PdnSatisfactionFilter *filter,
                                         GError **error);

G_END_DECLS
