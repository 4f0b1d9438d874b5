/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

static PdnSeries *
valid_series (gint64 program_id, const gchar *title, gint64 position)
{
  PdnSeries *series = pdn_series_new ();

  series->program_id = program_id;
  series->title = g_strdup (title);
  series->kind = g_strdup ("workshop-series");
  series->position = position;
  return series;
}

static PdnStore *
store_with_program (PdnTestDir **dir, gint64 *program_id)
{
  PdnStore *store = pdn_test_store_new (dir);

  *program_id = pdn_test_add_program (store, pdn_test_add_organization (store, "rps"), "2025-26");
  return store;
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  g_autoptr (PdnSeries) series = valid_series (program_id, "Fall literacy", 2);
  g_autoptr (PdnSeries) bare = valid_series (program_id, "Spring", 0);
  g_autoptr (PdnSeries) loaded = NULL;

  series->topic = g_strdup ("Reading conferences");
  series->term = g_strdup ("Fall 2025");
  g_assert_true (pdn_series_insert (series, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (series->id, >, 0);
  g_assert_nonnull (series->created_at);

  loaded = pdn_series_load (store, series->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->program_id, ==, program_id);
  g_assert_cmpstr (loaded->title, ==, "Fall literacy");
  g_assert_cmpstr (loaded->topic, ==, "Reading conferences");
  g_assert_cmpstr (loaded->term, ==, "Fall 2025");
  g_assert_cmpstr (loaded->kind, ==, "workshop-series");
  g_assert_cmpint (loaded->position, ==, 2);
  g_assert_cmpstr (loaded->created_at, ==, series->created_at);
  g_clear_object (&loaded);

  /* Empty optional text is stored as NULL. */
  bare->topic = g_strdup ("");
  bare->term = g_strdup ("  ");
  g_assert_true (pdn_series_insert (bare, store, &error));
  g_assert_no_error (error);
  loaded = pdn_series_load (store, bare->id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->topic);
  g_assert_null (loaded->term);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM series WHERE id = ? "
                                              "AND topic IS NULL AND term IS NULL",
                                       bare->id),
                   ==, 1);
}

static void
test_validation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSeries) series = NULL;

  series = valid_series (1, "Fall", 0);
  g_assert_true (pdn_series_validate (series, &error));
  g_assert_no_error (error);

  series->program_id = 0;
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "program_id");
  series->program_id = 1;

  g_clear_pointer (&series->title, g_free);
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "title");
  series->title = g_strdup (" ");
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "title");
  g_free (series->title);
  series->title = g_strdup ("Fall");

  series->topic = g_strnfill (201, 't');
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "topic");
  g_clear_pointer (&series->topic, g_free);

  series->term = g_strdup ("Fall\x01");
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "term");
  g_clear_pointer (&series->term, g_free);

  g_clear_pointer (&series->kind, g_free);
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "kind");
  series->kind = g_strdup ("Workshop Series");
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "kind");
  g_free (series->kind);
  series->kind = g_strdup ("course");

  series->position = -1;
  g_assert_false (pdn_series_validate (series, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "position");
}

static void
test_unknown_program (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  g_autoptr (PdnSeries) series = valid_series (program_id + 1, "Fall", 0);
  g_autoptr (PdnSeries) missing = NULL;

  g_assert_false (pdn_series_insert (series, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "program_id");
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM series", 0), ==, 0);

  missing = pdn_series_load (store, 42, &error);
  g_assert_null (missing);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_list_in_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 other = pdn_test_add_program (store, pdn_test_add_organization (store, "b"), "2025-26");
  const gchar *titles[] = { "Third", "First", "Second" };
  const gint64 positions[] = { 3, 1, 2 };
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (PdnSeries) elsewhere = valid_series (other, "Elsewhere", 0);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (PdnSeries) series = valid_series (program_id, titles[i], positions[i]);
      g_assert_true (pdn_series_insert (series, store, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pdn_series_insert (elsewhere, store, &error));
  g_assert_no_error (error);

  list = pdn_series_list_for_program (store, program_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PdnSeries *) g_ptr_array_index (list, 0))->title, ==, "First");
  g_assert_cmpstr (((PdnSeries *) g_ptr_array_index (list, 1))->title, ==, "Second");
  g_assert_cmpstr (((PdnSeries *) g_ptr_array_index (list, 2))->title, ==, "Third");
}

static gint64
add_session_in_series (PdnStore *store, gint64 program_id, gint64 series_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = pdn_session_new ();

  session->program_id = program_id;
  session->series_id = series_id;
  session->kind = g_strdup ("workshop");
  session->title = g_strdup ("One");
  session->starts_at = g_strdup ("2025-10-04T09:00:00-05:00");
  session->ends_at = g_strdup ("2025-10-04T12:00:00-05:00");
  session->time_zone = g_strdup ("America/Chicago");
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
test_update (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 other = pdn_test_add_program (store, pdn_test_add_organization (store, "b"), "2025-26");
  g_autoptr (PdnSeries) series = valid_series (program_id, "Fall", 0);
  g_autoptr (PdnSeries) loaded = NULL;

  g_assert_true (pdn_series_insert (series, store, &error));
  g_assert_no_error (error);
  g_free (series->title);
  series->title = g_strdup ("Fall cohort");
  g_free (series->kind);
  series->kind = g_strdup ("cohort");
  series->position = 4;
  series->term = g_strdup ("Fall 2025");
  g_assert_true (pdn_series_update (series, store, &error));
  g_assert_no_error (error);
  loaded = pdn_series_load (store, series->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Fall cohort");
  g_assert_cmpstr (loaded->kind, ==, "cohort");
  g_assert_cmpstr (loaded->term, ==, "Fall 2025");
  g_assert_cmpint (loaded->position, ==, 4);

  /* A series without sessions may move; one with sessions may not. */
  series->program_id = other;
  g_assert_true (pdn_series_update (series, store, &error));
  g_assert_no_error (error);
  add_session_in_series (store, other, series->id);
  series->program_id = program_id;
  g_assert_false (pdn_series_update (series, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "program_id");

  series->program_id = other + 100;
  g_assert_false (pdn_series_update (series, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "program_id");

  series->program_id = other;
  series->id += 100;
  g_assert_false (pdn_series_update (series, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_delete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  g_autoptr (PdnSeries) empty = valid_series (program_id, "Empty", 0);
  g_autoptr (PdnSeries) busy = valid_series (program_id, "Busy", 1);
  g_autoptr (PdnSeries) gone = NULL;

  g_assert_true (pdn_series_insert (empty, store, &error));
  g_assert_true (pdn_series_insert (busy, store, &error));
  g_assert_no_error (error);
  add_session_in_series (store, program_id, busy->id);

  g_assert_true (pdn_series_delete (store, empty->id, &error));
  g_assert_no_error (error);
  gone = pdn_series_load (store, empty->id, &error);
  g_assert_null (gone);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
  g_assert_false (pdn_series_delete (store, empty->id, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);

  g_assert_false (pdn_series_delete (store, busy->id, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/series/round-trip", test_round_trip);
  g_test_add_func ("/pdnet/series/validation", test_validation);
  g_test_add_func ("/pdnet/series/unknown-program", test_unknown_program);
  g_test_add_func ("/pdnet/series/list-in-order", test_list_in_order);
  g_test_add_func ("/pdnet/series/update", test_update);
  g_test_add_func ("/pdnet/series/delete", test_delete);
  return g_test_run ();
}
