/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-growth-ids.h"
#include "pdn-growth-people.h"

/* One affiliation in 16 bytes: a person's first in @first, by the
 * person's slot, the others in @more, chained. Most people have one, so
 * an attendance row usually touches a single entry. */
typedef struct
{
  guint32 school; /* slot; PDN_GROWTH_NO_SLOT in the first entry of someone without any */
  guint32 next;   /* 1 + index in @more of the person's next affiliation; 0 for none */
  guint32 from : 27;
  guint32 counted : 1;     /* the person is among this school's teachers */
  guint32 non_teacher : 1; /* on the person's first entry */
  guint32 to : 27;
} Entry;

struct _PdnGrowthPeople
{
  PdnGrowthIds *ids;
  Entry *first; /* by person slot */
  GArray *more; /* Entry */
};

PdnGrowthPeople *
pdn_growth_people_new (gint64 min, gint64 max, guint32 n_affiliations)
{
  PdnGrowthPeople *self = g_new0 (PdnGrowthPeople, 1);
  guint32 size;

  self->ids = pdn_growth_ids_new (min, max, n_affiliations);
  size = pdn_growth_ids_size (self->ids);
  self->first = g_new0 (Entry, size);
  for (guint32 i = 0; i < size; i++)
    self->first[i].school = PDN_GROWTH_NO_SLOT;
  self->more = g_array_new (FALSE, FALSE, sizeof (Entry));
  return self;
}

static Entry *
entry_next (PdnGrowthPeople *self, const Entry *entry)
{
  return entry->next == 0 ? NULL : &g_array_index (self->more, Entry, entry->next - 1);
}

/* The entry of @slot's person that @link (a next field) points to: 0 is
 * the first. */
static Entry *
entry_at (PdnGrowthPeople *self, guint32 slot, guint32 link)
{
  return link == 0 ? &self->first[slot] : &g_array_index (self->more, Entry, link - 1);
}

void
pdn_growth_people_add (PdnGrowthPeople *self, gint64 person_id, guint32 school_slot, guint32 from,
                       guint32 to)
{
  guint32 slot = pdn_growth_ids_add (self->ids, person_id);
  Entry entry = { .school = school_slot,
                  .from = MIN (from, PDN_GROWTH_DAY_OPEN),
                  .to = MIN (to, PDN_GROWTH_DAY_OPEN) };
  guint32 last = 0;

  if (slot == PDN_GROWTH_NO_SLOT || school_slot == PDN_GROWTH_NO_SLOT)
    return;
  if (self->first[slot].school == PDN_GROWTH_NO_SLOT)
    {
      entry.non_teacher = self->first[slot].non_teacher;
      self->first[slot] = entry;
      return;
    }
  while (entry_at (self, slot, last)->next != 0)
    last = entry_at (self, slot, last)->next;
  /* Appending may move @more: link the last entry afterwards. */
  g_array_append_val (self->more, entry);
  entry_at (self, slot, last)->next = self->more->len;
}

void
pdn_growth_people_set_non_teacher (PdnGrowthPeople *self, gint64 person_id)
{
  guint32 slot = pdn_growth_ids_find (self->ids, person_id);

  if (slot != PDN_GROWTH_NO_SLOT)
    self->first[slot].non_teacher = TRUE;
}

/* The person's first entry with @school carries its mark, so that two
 * spells at one school count the person once. */
static Entry *
marked_entry (PdnGrowthPeople *self, Entry *first, guint32 school)
{
  Entry *entry = first;

  while (entry->school != school)
    entry = entry_next (self, entry);
  return entry;
}

static void
credit (PdnGrowthPeople *self, Entry *first, Entry *entry, gint64 minutes, PdnGrowthTally *tallies)
{
  PdnGrowthTally *tally = &tallies[entry->school];
  Entry *marked;

  tally->minutes += minutes;
  if (first->non_teacher)
    return;
  marked = marked_entry (self, first, entry->school);
  if (marked->counted)
    return;
  marked->counted = TRUE;
  tally->teachers++;
}

static void
attend_one (PdnGrowthPeople *self, guint32 slot, const PdnGrowthAttended *row,
            PdnGrowthTally *tallies)
{
  Entry *first = &self->first[slot];

  /* Affiliations do not overlap, but each one covering the day counts,
   * as in the core. */
  for (Entry *entry = first; entry != NULL; entry = entry_next (self, entry))
    if (entry->from <= row->day && row->day <= entry->to)
      credit (self, first, entry, row->minutes, tallies);
}

/* Rows at a time, in three passes: find the people's first entries and
 * prefetch them, then their schools' tallies, then credit. */
#define BATCH 256

static void
attend_batch (PdnGrowthPeople *self, const PdnGrowthAttended *rows, guint n,
              PdnGrowthTally *tallies)
{
  guint32 slots[BATCH];

  for (guint i = 0; i < n; i++)
    {
      slots[i] = pdn_growth_ids_find (self->ids, rows[i].person_id);
      if (slots[i] != PDN_GROWTH_NO_SLOT)
        __builtin_prefetch (&self->first[slots[i]]);
    }
  for (guint i = 0; i < n; i++)
    if (slots[i] != PDN_GROWTH_NO_SLOT && self->first[slots[i]].school != PDN_GROWTH_NO_SLOT)
      __builtin_prefetch (&tallies[self->first[slots[i]].school], 1);
  for (guint i = 0; i < n; i++)
    if (slots[i] != PDN_GROWTH_NO_SLOT && self->first[slots[i]].school != PDN_GROWTH_NO_SLOT)
      attend_one (self, slots[i], &rows[i], tallies);
}

void
pdn_growth_people_attend (PdnGrowthPeople *self, const PdnGrowthAttended *rows, guint n_rows,
                          PdnGrowthTally *tallies)
{
  for (guint done = 0; done < n_rows; done += BATCH)
    attend_batch (self, rows + done, MIN (BATCH, n_rows - done), tallies);
}

void
pdn_growth_people_free (PdnGrowthPeople *self)
{
  if (self == NULL)
    return;
  pdn_growth_ids_free (self->ids);
  g_free (self->first);
  g_array_unref (self->more);
  g_free (self);
}
