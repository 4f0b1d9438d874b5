/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-growth-ids.h"

struct _PdnGrowthIds
{
  gint64 min;
  gint64 max;
  guint32 size;
  /* Only for sparse ids: */
  GHashTable *slots; /* gint64 * into keys -> slot + 1 */
  gint64 *keys;      /* by slot; never reallocated, so the table may point into it */
  guint32 used;
};

/* Dense enough when the array has no more than four holes per id, give
 * or take a million (a few megabytes). The span is counted unsigned, so
 * that ids far apart cannot overflow it. */
static gboolean
dense (gint64 min, gint64 max, guint32 count)
{
  guint64 span = (guint64)max - (guint64)min;

  return min <= max && span < G_MAXUINT32 && span < 4 * (guint64)count + (1 << 20);
}

PdnGrowthIds *
pdn_growth_ids_new (gint64 min, gint64 max, guint32 count)
{
  PdnGrowthIds *self = g_new0 (PdnGrowthIds, 1);

  self->min = min;
  self->max = max;
  if (count == 0)
    return self;
  if (dense (min, max, count))
    {
      self->size = (guint32)(max - min + 1);
      return self;
    }
  self->size = count;
  self->slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->keys = g_new (gint64, count);
  return self;
}

guint32
pdn_growth_ids_find (const PdnGrowthIds *self, gint64 id)
{
  gpointer slot;

  if (id < self->min || id > self->max || self->size == 0)
    return PDN_GROWTH_NO_SLOT;
  if (self->slots == NULL)
    return (guint32)(id - self->min);
  slot = g_hash_table_lookup (self->slots, &id);
  return slot != NULL ? GPOINTER_TO_UINT (slot) - 1 : PDN_GROWTH_NO_SLOT;
}

guint32
pdn_growth_ids_add (PdnGrowthIds *self, gint64 id)
{
  guint32 slot = pdn_growth_ids_find (self, id);

  if (slot != PDN_GROWTH_NO_SLOT || self->slots == NULL || id < self->min || id > self->max
      || self->used == self->size)
    return slot;
  slot = self->used++;
  self->keys[slot] = id;
  g_hash_table_insert (self->slots, &self->keys[slot], GUINT_TO_POINTER (slot + 1));
  return slot;
}

guint32
pdn_growth_ids_size (const PdnGrowthIds *self)
{
  return self->size;
}

void
pdn_growth_ids_free (PdnGrowthIds *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_free (self->keys);
  g_free (self);
}
