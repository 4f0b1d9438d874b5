/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "pdn-growth-ids.h"
#include "pdn-growth-people.h"

/*
 * The arrays behind participation-growth's attendance scan: ids numbered
 * densely or through the hash table when they are far apart, and people
 * credited to the school of the day, each counted once per school however
 * many spells they had there, school leaders for their minutes alone.
 */

static void
test_dense_ids (void)
{
  g_autoptr (PdnGrowthIds) ids = pdn_growth_ids_new (100, 104, 5);

  g_assert_cmpuint (pdn_growth_ids_size (ids), ==, 5);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 103), ==, 3);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 100), ==, 0);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 99), ==, PDN_GROWTH_NO_SLOT);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 105), ==, PDN_GROWTH_NO_SLOT);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 105), ==, PDN_GROWTH_NO_SLOT);
}

/* Three ids across billions: slots in order of arrival. */
static void
test_sparse_ids (void)
{
  g_autoptr (PdnGrowthIds) ids = pdn_growth_ids_new (7, G_GINT64_CONSTANT (5000000000), 3);

  g_assert_cmpuint (pdn_growth_ids_size (ids), ==, 3);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 7), ==, PDN_GROWTH_NO_SLOT);
  g_assert_cmpuint (pdn_growth_ids_add (ids, G_GINT64_CONSTANT (5000000000)), ==, 0);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 7), ==, 1);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 7), ==, 1);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 123456789), ==, 2);
  g_assert_cmpuint (pdn_growth_ids_find (ids, G_GINT64_CONSTANT (5000000000)), ==, 0);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 123456789), ==, 2);
  /* Full: a fourth id gets no slot. */
  g_assert_cmpuint (pdn_growth_ids_add (ids, 8), ==, PDN_GROWTH_NO_SLOT);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 8), ==, PDN_GROWTH_NO_SLOT);
}

/* Ids at both ends of the range: no overflow, slots from the hash table. */
static void
test_extreme_ids (void)
{
  g_autoptr (PdnGrowthIds) ids = pdn_growth_ids_new (G_MININT64, G_MAXINT64, 2);

  g_assert_cmpuint (pdn_growth_ids_size (ids), ==, 2);
  g_assert_cmpuint (pdn_growth_ids_add (ids, G_MAXINT64), ==, 0);
  g_assert_cmpuint (pdn_growth_ids_add (ids, G_MININT64), ==, 1);
  g_assert_cmpuint (pdn_growth_ids_find (ids, G_MININT64), ==, 1);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 0), ==, PDN_GROWTH_NO_SLOT);
}

static void
test_empty_ids (void)
{
  g_autoptr (PdnGrowthIds) ids = pdn_growth_ids_new (G_MAXINT64, G_MININT64, 0);

  g_assert_cmpuint (pdn_growth_ids_size (ids), ==, 0);
  g_assert_cmpuint (pdn_growth_ids_find (ids, 1), ==, PDN_GROWTH_NO_SLOT);
  g_assert_cmpuint (pdn_growth_ids_add (ids, 1), ==, PDN_GROWTH_NO_SLOT);
}

/* Schools 0 to 2. Person 10 is at school 0 until 2026-09-30, at school 1
 * in October and back at school 0 from November; person 11 (a school
 * leader) at school 2; person 12 has no affiliation. */
static PdnGrowthPeople *
people_new (gint64 max)
{
  PdnGrowthPeople *people = pdn_growth_people_new (10, max, 4);

  pdn_growth_people_add (people, 10, 0, 0, 20260930);
  pdn_growth_people_add (people, 10, 1, 20261001, 20261031);
  pdn_growth_people_add (people, 10, 0, 20261101, G_MAXUINT32);
  pdn_growth_people_add (people, 11, 2, 0, G_MAXUINT32);
  pdn_growth_people_set_non_teacher (people, 11);
  return people;
}

/* Everyone on four days, each row @copies times (so that the rows span
 * several of the batches the people are credited in). */
static void
attend_all (PdnGrowthPeople *people, guint copies, PdnGrowthTally *tallies)
{
  const guint32 days[] = { 20260912, 20261003, 20261105, 20261203 };
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PdnGrowthAttended));

  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      for (gint64 person = 10; person <= 12; person++)
        {
          PdnGrowthAttended row = { .person_id = person, .day = days[i], .minutes = 60 };
          g_array_append_val (rows, row);
        }
  pdn_growth_people_attend (people, (PdnGrowthAttended *)rows->data, rows->len, tallies);
}

static void
check_people (gint64 max, guint copies)
{
  g_autoptr (PdnGrowthPeople) people = people_new (max);
  PdnGrowthTally tallies[3] = { 0 };

  attend_all (people, copies, tallies);
  /* Three days at school 0, one spell counted once. */
  g_assert_cmpint (tallies[0].teachers, ==, 1);
  g_assert_cmpint (tallies[0].minutes, ==, 180 * copies);
  g_assert_cmpint (tallies[1].teachers, ==, 1);
  g_assert_cmpint (tallies[1].minutes, ==, 60 * copies);
  /* The leader's minutes, not the leader. */
  g_assert_cmpint (tallies[2].teachers, ==, 0);
  g_assert_cmpint (tallies[2].minutes, ==, 240 * copies);
}

static void
test_dense_people (void)
{
  check_people (12, 1);
  check_people (12, 100);
}

/* Person ids up to 10^12: their slots come from the hash table. */
static void
test_sparse_people (void)
{
  check_people (G_GINT64_CONSTANT (1000000000000), 1);
  check_people (G_GINT64_CONSTANT (1000000000000), 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/growth/ids/dense", test_dense_ids);
  g_test_add_func ("/growth/ids/sparse", test_sparse_ids);
  g_test_add_func ("/growth/ids/extreme", test_extreme_ids);
  g_test_add_func ("/growth/ids/empty", test_empty_ids);
  g_test_add_func ("/growth/people/dense", test_dense_people);
  g_test_add_func ("/growth/people/sparse", test_sparse_people);
  return g_test_run ();
}
