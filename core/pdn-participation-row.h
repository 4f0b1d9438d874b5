/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PdnParticipationRow:
 *
 * Participation of one group (a school, a sector or an organization) in a
 * school year. People are counted once per group however many sessions
 * they attended; each is credited to the school of their affiliation on
 * the session's local date.
 */
typedef struct
{
  gint64 school_id;         /* 0 unless grouped by school */
  gchar *school_name;
  gchar *school_external_id;
  gchar *sector;            /* that year's sector; NULL when grouped by organization */
  gint64 organization_id;   /* 0 when grouped by sector */
  gchar *organization_name;
  gint64 teachers_attended; /* distinct teachers and coaches, present or partial */
  gint64 leaders_attended;  /* distinct school leaders */
  gint64 admins_attended;   /* distinct district admins */
  gint64 teachers_registered;
  gint64 teacher_attendances; /* teacher-and-coach session attendances */
  gint64 minutes_attended;  /* everyone credited to the group */
  gint64 teacher_headcount; /* -1: unknown */
} PdnParticipationRow;

#define PDN_TYPE_PARTICIPATION_ROW (pdn_participation_row_get_type ())
GType pdn_participation_row_get_type (void);

PdnParticipationRow *pdn_participation_row_new (void);
PdnParticipationRow *pdn_participation_row_copy (const PdnParticipationRow *self);
void pdn_participation_row_free (PdnParticipationRow *self);
gdouble pdn_participation_row_hours (const PdnParticipationRow *self);
gdouble pdn_participation_row_sessions_per_teacher (const PdnParticipationRow *self);
gdouble pdn_participation_row_rate (const PdnParticipationRow *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnParticipationRow, pdn_participation_row_free)

G_END_DECLS
