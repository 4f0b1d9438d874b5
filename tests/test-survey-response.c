/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-survey-response.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 session_id;
  gint64 other_session_id;
  gint64 ana;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 program_id;

  f->store = pdn_test_store_new (&f->dir);
  program_id = pdn_test_add_program (f->store, pdn_test_add_organization (f->store, "rps"),
                                     "2026-27");
  f->session_id = pdn_test_add_session (f->store, program_id);
  f->other_session_id = pdn_test_add_session (f->store, program_id);
  f->ana = pdn_test_add_person (f->store, "ana@rps.org");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  pdn_test_dir_free (f->dir);
}

static PdnSurveyResponse *
response (gint64 session_id, gint64 person_id, gint64 usefulness, gint64 recommend)
{
  PdnSurveyResponse *self = pdn_survey_response_new ();

  self->session_id = session_id;
  self->person_id = person_id;
  self->usefulness = usefulness;
  self->recommend = recommend;
  return self;
}

static void
insert (Fixture *f, PdnSurveyResponse *self)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_survey_response_insert (self, f->store, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) named = response (f->session_id, f->ana, 4, 9);
  g_autoptr (PdnSurveyResponse) loaded = NULL;
  g_autoptr (PdnSurveyResponse) missing = NULL;

  named->comment = g_strdup ("Practical.\nMore time for planning, please.");
  insert (f, named);
  g_assert_cmpint (named->id, >, 0);
  g_assert_nonnull (named->created_at);

  loaded = pdn_survey_response_load (f->store, named->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->session_id, ==, f->session_id);
  g_assert_cmpint (loaded->person_id, ==, f->ana);
  g_assert_cmpint (loaded->usefulness, ==, 4);
  g_assert_cmpint (loaded->recommend, ==, 9);
  g_assert_cmpstr (loaded->comment, ==, "Practical.\nMore time for planning, please.");
  g_assert_cmpstr (loaded->created_at, ==, named->created_at);
  g_assert_cmpstr (loaded->updated_at, ==, named->created_at);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT anonymous FROM survey_responses "
                                                 "WHERE id = ?",
                                       named->id),
                   ==, 0);

  missing = pdn_survey_response_load (f->store, named->id + 10, &error);
  g_assert_null (missing);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

/* Without a person (paper forms, demo data) a response is anonymous
 * whatever it says, and any number of them may exist. */
static void
test_without_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) first = response (f->session_id, 0, 5, 10);
  g_autoptr (PdnSurveyResponse) second = response (f->session_id, 0, 1, 0);
  g_autoptr (PdnSurveyResponse) loaded = NULL;
  g_autoptr (GPtrArray) list = NULL;

  first->comment = g_strdup ("   ");
  second->anonymous = FALSE;
  insert (f, first);
  insert (f, second);
  g_assert_null (first->comment);
  g_assert_true (second->anonymous);

  loaded = pdn_survey_response_load (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->person_id, ==, 0);
  g_assert_true (loaded->anonymous);
  g_assert_false (pdn_survey_response_is_attributed (loaded));
  g_assert_null (loaded->comment);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM survey_responses "
                                                 "WHERE person_id IS NULL AND anonymous = 1 "
                                                 "AND comment IS NULL AND session_id = ?",
                                       f->session_id),
                   ==, 2);

  list = pdn_survey_response_list_for_session (f->store, f->session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((PdnSurveyResponse *) g_ptr_array_index (list, 0))->id, ==, first->id);
  g_assert_cmpint (((PdnSurveyResponse *) g_ptr_array_index (list, 1))->id, ==, second->id);
}

/* An anonymous response keeps its person, so it still counts as that
 * person's one response; it is just not attributed to them. */
static void
test_anonymous_keeps_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) hidden = response (f->session_id, f->ana, 2, 3);
  g_autoptr (PdnSurveyResponse) again = response (f->session_id, f->ana, 5, 10);
  g_autoptr (PdnSurveyResponse) loaded = NULL;
  g_autoptr (PdnSurveyResponse) named = response (f->other_session_id, f->ana, 4, 8);

  hidden->anonymous = TRUE;
  insert (f, hidden);
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM survey_responses "
                                                 "WHERE id = ? AND anonymous = 1 "
                                                 "AND person_id IS NOT NULL",
                                       hidden->id),
                   ==, 1);
  loaded = pdn_survey_response_load (f->store, hidden->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->person_id, ==, f->ana);
  g_assert_true (loaded->anonymous);
  g_assert_false (pdn_survey_response_is_attributed (loaded));

  again->anonymous = TRUE;
  g_assert_false (pdn_survey_response_insert (again, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");
  again->anonymous = FALSE;
  g_assert_false (pdn_survey_response_insert (again, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");

  insert (f, named);
  g_assert_false (named->anonymous);
  g_assert_true (pdn_survey_response_is_attributed (named));
}

static void
test_load_for_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) given = response (f->session_id, f->ana, 3, 7);
  g_autoptr (PdnSurveyResponse) unknown = response (f->other_session_id, 0, 3, 7);
  g_autoptr (PdnSurveyResponse) found = NULL;
  g_autoptr (PdnSurveyResponse) missing = NULL;

  insert (f, unknown);
  insert (f, given);
  found = pdn_survey_response_load_for_person (f->store, f->session_id, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, given->id);
  /* The person-less response of the other session is nobody's. */
  missing = pdn_survey_response_load_for_person (f->store, f->other_session_id, f->ana, &error);
  g_assert_null (missing);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) given = response (f->session_id, f->ana, 3, 7);
  g_autoptr (PdnSurveyResponse) loaded = NULL;
  g_autoptr (PdnSurveyResponse) ghost = response (f->session_id, f->ana, 3, 7);

  given->created_at = g_strdup ("2020-09-12T16:00:00Z");
  given->comment = g_strdup ("Good.");
  insert (f, given);
  given->usefulness = 5;
  given->recommend = 10;
  given->anonymous = TRUE;
  g_clear_pointer (&given->comment, g_free);
  /* Session and person are not the update's to change. */
  given->session_id = f->other_session_id;
  g_assert_true (pdn_survey_response_update (given, f->store, &error));
  g_assert_no_error (error);

  loaded = pdn_survey_response_load (f->store, given->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->session_id, ==, f->session_id);
  g_assert_cmpint (loaded->person_id, ==, f->ana);
  g_assert_cmpint (loaded->usefulness, ==, 5);
  g_assert_cmpint (loaded->recommend, ==, 10);
  g_assert_true (loaded->anonymous);
  g_assert_null (loaded->comment);
  g_assert_cmpstr (loaded->created_at, ==, "2020-09-12T16:00:00Z");
  g_assert_cmpstr (loaded->updated_at, ==, given->updated_at);
  g_assert_cmpstr (loaded->updated_at, >, loaded->created_at);

  given->usefulness = 6;
  g_assert_false (pdn_survey_response_update (given, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "usefulness");
  ghost->id = given->id + 100;
  g_assert_false (pdn_survey_response_update (ghost, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static void
test_edit_window (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) given = response (f->session_id, f->ana, 3, 7);
  g_autofree gchar *until = NULL;

  given->created_at = g_strdup ("2026-09-12T16:00:00Z");
  until = pdn_survey_response_editable_until (given);
  g_assert_cmpstr (until, ==, "2026-09-19T16:00:00Z");
  g_assert_true (pdn_survey_response_check_editable (given, "2026-09-12T16:00:00Z", &error));
  g_assert_true (pdn_survey_response_check_editable (given, "2026-09-19T15:59:59Z", &error));
  g_assert_no_error (error);
  g_assert_false (pdn_survey_response_check_editable (given, "2026-09-19T16:00:00Z", &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE, NULL);
  g_assert_false (pdn_survey_response_check_editable (given, "2027-01-01T00:00:00Z", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_nonnull (strstr (error->message, "2026-09-19T16:00:00Z"));
  g_clear_error (&error);

  /* Without a creation time there is no window to be in. */
  g_clear_pointer (&given->created_at, g_free);
  g_assert_null (pdn_survey_response_editable_until (given));
  g_assert_false (pdn_survey_response_check_editable (given, "2026-09-12T16:00:00Z", &error));
  pdn_test_assert_error (error, PDN_ERROR_INTERNAL, NULL);
}

static void
test_one_named_response_per_session (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) first = response (f->session_id, f->ana, 3, 7);
  g_autoptr (PdnSurveyResponse) again = response (f->session_id, f->ana, 5, 10);
  g_autoptr (PdnSurveyResponse) elsewhere = response (f->other_session_id, f->ana, 5, 10);
  g_autoptr (GPtrArray) list = NULL;

  insert (f, first);
  g_assert_false (pdn_survey_response_insert (again, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "person_id");
  insert (f, elsewhere);

  list = pdn_survey_response_list_for_session (f->store, f->session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((PdnSurveyResponse *) g_ptr_array_index (list, 0))->usefulness, ==, 3);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  static const struct
  {
    gint64 session_id;
    gint64 person_id;
    gint64 usefulness;
    gint64 recommend;
    const gchar *field;
  } cases[] = {
    { 0, 1, 3, 5, "session_id" },  { 1, -1, 3, 5, "person_id" }, { 1, 1, 0, 5, "usefulness" },
    { 1, 1, 6, 5, "usefulness" },  { 1, 1, 3, -1, "recommend" }, { 1, 1, 3, 11, "recommend" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) edges = response (1, 0, 1, 0);
  g_autoptr (PdnSurveyResponse) long_comment = response (1, 0, 5, 10);

  g_assert_true (pdn_survey_response_validate (edges, &error));
  edges->usefulness = 5;
  edges->recommend = 10;
  g_assert_true (pdn_survey_response_validate (edges, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdnSurveyResponse) bad = response (cases[i].session_id, cases[i].person_id,
                                                    cases[i].usefulness, cases[i].recommend);

      g_assert_false (pdn_survey_response_validate (bad, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }

  long_comment->comment = g_strnfill (2001, 'c');
  g_assert_false (pdn_survey_response_validate (long_comment, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "comment");
  g_free (long_comment->comment);
  long_comment->comment = g_strnfill (2000, 'c');
  g_assert_true (pdn_survey_response_validate (long_comment, &error));
  g_assert_no_error (error);
}

static void
test_unknown_references (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSurveyResponse) bad = response (f->session_id + 100, f->ana, 3, 5);

  g_assert_false (pdn_survey_response_insert (bad, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "session_id");
  bad->session_id = f->session_id;
  bad->person_id = f->ana + 100;
  g_assert_false (pdn_survey_response_insert (bad, f->store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  g_assert_cmpint (pdn_test_query_int (f->store, "SELECT COUNT(*) FROM survey_responses", 0), ==,
                   0);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/survey-response/" path, Fixture, NULL, fixture_set_up, func,               \
              fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("round-trip", test_round_trip);
  ADD ("without-person", test_without_person);
  ADD ("anonymous-keeps-person", test_anonymous_keeps_person);
  ADD ("load-for-person", test_load_for_person);
  ADD ("update", test_update);
  ADD ("edit-window", test_edit_window);
  ADD ("one-named-response-per-session", test_one_named_response_per_session);
  ADD ("validation", test_validation);
  ADD ("unknown-references", test_unknown_references);
  return g_test_run ();
}
