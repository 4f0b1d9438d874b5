/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days are YYYYMMDD numbers; an affiliation open at its end runs to
 * PDN_GROWTH_DAY_OPEN (beyond 9999-12-31, and within 27 bits). */
#define PDN_GROWTH_DAY_OPEN ((1u << 27) - 1)

/* What the attendance credits to a school, by the school's slot. */
typedef struct
{
  gint64 teachers; /* distinct teachers (and coaches) */
  gint64 minutes;
} PdnGrowthTally;

/* An attendance row to credit. */
typedef struct
{
  gint64 person_id;
  guint32 day;
  gint64 minutes;
} PdnGrowthAttended;

/* Every person's affiliations in arrays, with a mark on each
 * (person, school) once it is counted, so that crediting an attendance
 * row costs a lookup or two rather than hash tables of pairs. */
typedef struct _PdnGrowthPeople PdnGrowthPeople;

/* For people with ids between @min and @max and @n_affiliations in all. */
PdnGrowthPeople *pdn_growth_people_new (gint64 min, gint64 max, guint32 n_affiliations);
/* An affiliation of @person_id with the school in @school_slot from
 * @from to @to (days, both included). */
void pdn_growth_people_add (PdnGrowthPeople *self, gint64 person_id, guint32 school_slot,
                            guint32 from, guint32 to);
/* School leaders and district admins: their minutes count, they do not. */
void pdn_growth_people_set_non_teacher (PdnGrowthPeople *self, gint64 person_id);
/* Credits each row's minutes to every school its person was at on its
 * day, and the person to the school's teachers the first time. Best
 * called with a few hundred rows at once: their people's entries and
 * schools' tallies are fetched into the cache together rather than
 * waited for one by one. */
void pdn_growth_people_attend (PdnGrowthPeople *self, const PdnGrowthAttended *rows, guint n_rows,
                               PdnGrowthTally *tallies);
void pdn_growth_people_free (PdnGrowthPeople *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnGrowthPeople, pdn_growth_people_free)

G_END_DECLS
