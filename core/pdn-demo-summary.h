/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PdnDemoSummary:
 *
 * What pdn_demo_load() put in the store: the school years it chose (they
 * depend on the load day), the number of rows of each kind, and the
 * programs in the order they were created.
 */
typedef struct
{
  gchar *prior_year;   /* "2023-24": outcome data only */
  gchar *last_year;    /* "2024-25": complete */
  gchar *current_year; /* "2025-26": upcoming sessions */
  gint64 n_organizations;
  gint64 n_schools;
  gint64 n_people;
  gint64 n_accounts;
  gint64 n_programs;
  gint64 n_series;
  gint64 n_sessions;
  gint64 n_registrations;
  gint64 n_attendance;
  gint64 n_survey_responses;
  gint64 n_outcomes;
  gint64 n_curricula;
  GPtrArray *programs; /* PdnProgram* */
} PdnDemoSummary;

#define PDN_TYPE_DEMO_SUMMARY (pdn_demo_summary_get_type ())
GType pdn_demo_summary_get_type (void);

PdnDemoSummary *pdn_demo_summary_new (void);
PdnDemoSummary *pdn_demo_summary_copy (const PdnDemoSummary *self);
void pdn_demo_summary_free (PdnDemoSummary *self);
/* The id of the first program of @type in @school_year, or 0. */
gint64 pdn_demo_summary_find_program (const PdnDemoSummary *self, const gchar *type,
                                      const gchar *school_year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnDemoSummary, pdn_demo_summary_free)

G_END_DECLS
