/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "pdn-growth-dates.h"

/*
 * participation-growth's hand-read dates and times give what sscanf and
 * GDateTime (the core's way) give, on the usual forms and on others.
 */

/* As the core's pdn_time_seconds_between. */
static gint64
core_seconds (const gchar *from, const gchar *to)
{
  g_autoptr (GDateTime) a = g_date_time_new_from_iso8601 (from, NULL);
  g_autoptr (GDateTime) b = g_date_time_new_from_iso8601 (to, NULL);

  if (a == NULL || b == NULL)
    return 0;
  return g_date_time_difference (b, a) / G_TIME_SPAN_SECOND;
}

static void
test_day_number (void)
{
  g_assert_cmpuint (pdn_growth_day_number ("2026-09-12", 0), ==, 20260912);
  g_assert_cmpuint (pdn_growth_day_number ("0001-01-01", 0), ==, 10101);
  g_assert_cmpuint (pdn_growth_day_number (NULL, 7), ==, 7);
  g_assert_cmpuint (pdn_growth_day_number ("", 7), ==, 7);
  g_assert_cmpuint (pdn_growth_day_number ("2026-09", 7), ==, 7);
  g_assert_cmpuint (pdn_growth_day_number ("soon", 7), ==, 7);
  /* Other forms as sscanf ("%4u-%2u-%2u") reads them. */
  g_assert_cmpuint (pdn_growth_day_number ("2026-9-1", 0), ==, 20260901);
  g_assert_cmpuint (pdn_growth_day_number ("2026-09-12T10:00:00Z", 0), ==, 20260912);
}

static void
test_odd_times (void)
{
  const gchar *const times[] = {
    "2026-09-12T15:00:00Z",
    "2026-09-12T17:30:59Z",
    "2026-09-12T15:00:00+02:00",
    "2026-09-12T15:00:00.750Z",
    "2026-02-29T10:00:00Z",
    "2028-02-29T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-09-12T24:00:00Z",
    "2026-09-12T23:59:60Z",
    "2026-09-12T15:00:00",
    "2026-09-12T15:00Z",
    "2026-09-12T",
    "2026-09-12",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "",
    "2026-09-12T15:00:00Zjunk",
    "2026-09-12 15:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    for (guint j = 0; j < G_N_ELEMENTS (times); j++)
      {
        g_test_message ("%s to %s", times[i], times[j]);
        g_assert_cmpint (pdn_growth_seconds_between (times[i], times[j]), ==,
                         core_seconds (times[i], times[j]));
      }
  g_assert_cmpint (pdn_growth_seconds_between (NULL, times[0]), ==, 0);
}

/* With four digits of year, which %Y does not give before 1000. */
static gchar *
utc_text (GDateTime *time)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year (time),
                          g_date_time_get_month (time), g_date_time_get_day_of_month (time),
                          g_date_time_get_hour (time), g_date_time_get_minute (time),
                          g_date_time_get_second (time));
}

/* Random times from the years 55 to 9909, leap days and the epoch included. */
static void
test_random_times (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 20000; i++)
    {
      gint64 a = g_rand_int_range (rand, -700000, 2900000) * G_GINT64_CONSTANT (86400)
                 + g_rand_int_range (rand, 0, 86400);
      gint64 b = a + g_rand_int_range (rand, -100000, 100000);
      g_autoptr (GDateTime) da = g_date_time_new_from_unix_utc (a);
      g_autoptr (GDateTime) db = g_date_time_new_from_unix_utc (b);
      g_autofree gchar *from = utc_text (da);
      g_autofree gchar *to = utc_text (db);

      g_assert_cmpint (pdn_growth_seconds_between (from, to), ==, b - a);
      g_assert_cmpint (pdn_growth_seconds_between (from, to), ==, core_seconds (from, to));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/growth/dates/day-number", test_day_number);
  g_test_add_func ("/growth/dates/odd-times", test_odd_times);
  g_test_add_func ("/growth/dates/random-times", test_random_times);
  return g_test_run ();
}
