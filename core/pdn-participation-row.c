/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pdn-participation-row.h"

G_DEFINE_BOXED_TYPE (PdnParticipationRow, pdn_participation_row, pdn_participation_row_copy,
                     pdn_participation_row_free)

PdnParticipationRow *
pdn_participation_row_new (void)
{
  PdnParticipationRow *self = g_new0 (PdnParticipationRow, 1);

  self->teacher_headcount = -1;
  return self;
}

PdnParticipationRow *
pdn_participation_row_copy (const PdnParticipationRow *self)
{
  PdnParticipationRow *copy = g_memdup2 (self, sizeof *self);

  copy->school_name = g_strdup (self->school_name);
  copy->school_external_id = g_strdup (self->school_external_id);
  copy->sector = g_strdup (self->sector);
  copy->organization_name = g_strdup (self->organization_name);
  return copy;
}

void
pdn_participation_row_free (PdnParticipationRow *self)
{
  g_free (self->school_name);
  g_free (self->school_external_id);
  g_free (self->sector);
  g_free (self->organization_name);
  g_free (self);
}

gdouble
pdn_participation_row_hours (const PdnParticipationRow *self)
{
  return (gdouble) self->minutes_attended / 60.0;
}

/* NaN when nobody attended: an average over no one is not zero. */
gdouble
pdn_participation_row_sessions_per_teacher (const PdnParticipationRow *self)
{
  if (self->teachers_attended == 0)
    return NAN;
  return (gdouble) self->teacher_attendances / (gdouble) self->teachers_attended;
}

/* Teachers attended over that year's headcount; NaN when it is unknown. */
gdouble
pdn_participation_row_rate (const PdnParticipationRow *self)
{
  if (self->teacher_headcount <= 0)
    return NAN;
  return (gdouble) self->teachers_attended / (gdouble) self->teacher_headcount;
}
