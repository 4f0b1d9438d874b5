/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PDN_GROWTH_NO_SLOT G_MAXUINT32

/* Numbers the ids of a table 0, 1, 2... so that what the attendance scan
 * keeps per person, school or session can live in plain arrays: the slot
 * is id - min when the ids are dense enough, else a hash table hands them
 * out in order of arrival. */
typedef struct _PdnGrowthIds PdnGrowthIds;

/* For at most @count ids between @min and @max. */
PdnGrowthIds *pdn_growth_ids_new (gint64 min, gint64 max, guint32 count);
/* The slot of @id, given one if it has none; PDN_GROWTH_NO_SLOT when it
 * lies outside what the map was made for. */
guint32 pdn_growth_ids_add (PdnGrowthIds *self, gint64 id);
/* The slot of @id, or PDN_GROWTH_NO_SLOT. */
guint32 pdn_growth_ids_find (const PdnGrowthIds *self, gint64 id);
/* How many slots there can be: the length of the arrays they index. */
guint32 pdn_growth_ids_size (const PdnGrowthIds *self);
void pdn_growth_ids_free (PdnGrowthIds *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnGrowthIds, pdn_growth_ids_free)

G_END_DECLS
