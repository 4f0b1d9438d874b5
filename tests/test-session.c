/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-series.h"
#include "pdn-session.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

static const gchar alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static PdnSession *
valid_session (gint64 program_id)
{
  PdnSession *session = pdn_session_new ();

  session->program_id = program_id;
  session->kind = g_strdup ("coaching-call");
  session->title = g_strdup ("Guided reading");
  session->starts_at = g_strdup ("2026-09-12T09:00:00-05:00");
  session->ends_at = g_strdup ("2026-09-12T12:00:00-05:00");
  session->time_zone = g_strdup ("America/Chicago");
  return session;
}

static void
set (gchar **field, const gchar *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static PdnStore *
store_with_program (PdnTestDir **dir, gint64 *program_id)
{
  PdnStore *store = pdn_test_store_new (dir);

  *program_id = pdn_test_add_program (store, pdn_test_add_organization (store, "rps"), "2026-27");
  return store;
}

static gint64
add_series (PdnStore *store, gint64 program_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSeries) series = pdn_series_new ();

  series->program_id = program_id;
  series->title = g_strdup ("Fall");
  series->kind = g_strdup ("workshop-series");
  g_assert_true (pdn_series_insert (series, store, &error));
  g_assert_no_error (error);
  return series->id;
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 org = pdn_test_add_organization (store, "host-org");
  gint64 school = pdn_test_add_school (store, org, "Adams Elementary");
  gint64 ana = pdn_test_add_person (store, "ana@rps.org");
  gint64 ben = pdn_test_add_person (store, "ben@rps.org");
  gint64 series_id = add_series (store, program_id);
  g_autoptr (PdnSession) session = valid_session (program_id);
  g_autoptr (PdnSession) loaded = NULL;

  session->series_id = series_id;
  session->topic = g_strdup ("Phonics");
  session->host_school_id = school;
  session->location = g_strdup ("Library");
  session->capacity = 25;
  pdn_session_add_facilitator (session, ana);
  pdn_session_add_facilitator (session, ben);
  session->registration_opens_at = g_strdup ("2026-08-01T08:00:00-05:00");
  session->registration_closes_at = g_strdup ("2026-09-11T17:00:00-05:00");
  session->cancellation_cutoff = g_strdup ("2026-09-10T17:00:00-05:00");
  session->curriculum_slug = g_strdup ("guided-reading");
  session->curriculum_commit = g_strdup ("0123abcd");
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->id, >, 0);

  loaded = pdn_session_load (store, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->program_id, ==, program_id);
  g_assert_cmpint (loaded->series_id, ==, series_id);
  g_assert_cmpstr (loaded->kind, ==, "coaching-call");
  g_assert_cmpstr (loaded->title, ==, "Guided reading");
  g_assert_cmpstr (loaded->topic, ==, "Phonics");
  g_assert_cmpstr (loaded->starts_at, ==, "2026-09-12T14:00:00Z");
  g_assert_cmpstr (loaded->ends_at, ==, "2026-09-12T17:00:00Z");
  g_assert_cmpstr (loaded->time_zone, ==, "America/Chicago");
  g_assert_cmpstr (loaded->local_date, ==, "2026-09-12");
  g_assert_cmpint (loaded->host_school_id, ==, school);
  g_assert_cmpstr (loaded->location, ==, "Library");
  g_assert_cmpint (loaded->capacity, ==, 25);
  g_assert_cmpuint (loaded->facilitator_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded->facilitator_ids, gint64, 0), ==, ana);
  g_assert_cmpint (g_array_index (loaded->facilitator_ids, gint64, 1), ==, ben);
  g_assert_cmpstr (loaded->registration_opens_at, ==, "2026-08-01T13:00:00Z");
  g_assert_cmpstr (loaded->registration_closes_at, ==, "2026-09-11T22:00:00Z");
  g_assert_cmpstr (loaded->cancellation_cutoff, ==, "2026-09-10T22:00:00Z");
  g_assert_cmpint (loaded->state, ==, PDN_SESSION_STATE_SCHEDULED);
  g_assert_cmpstr (loaded->check_in_code, ==, session->check_in_code);
  g_assert_cmpstr (loaded->curriculum_slug, ==, "guided-reading");
  g_assert_cmpstr (loaded->curriculum_commit, ==, "0123abcd");
  g_assert_nonnull (loaded->created_at);
  g_assert_cmpstr (loaded->updated_at, ==, loaded->created_at);
  g_assert_cmpint (pdn_session_minutes (loaded), ==, 180);
}

static void
test_defaults_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  g_autoptr (PdnSession) session = valid_session (program_id);
  g_autoptr (PdnSession) loaded = NULL;

  session->topic = g_strdup ("");
  session->location = g_strdup (" ");
  session->registration_opens_at = g_strdup ("");
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  loaded = pdn_session_load (store, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->series_id, ==, 0);
  g_assert_cmpint (loaded->host_school_id, ==, 0);
  g_assert_cmpint (loaded->capacity, ==, -1);
  g_assert_null (loaded->topic);
  g_assert_null (loaded->location);
  g_assert_null (loaded->registration_opens_at);
  g_assert_null (loaded->registration_closes_at);
  g_assert_null (loaded->cancellation_cutoff);
  g_assert_null (loaded->curriculum_slug);
  g_assert_cmpuint (loaded->facilitator_ids->len, ==, 0);
  /* Unlimited capacity, no series and no host school are SQL NULL. */
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM sessions WHERE id = ? AND "
                                              "capacity IS NULL AND series_id IS NULL AND "
                                              "host_school_id IS NULL AND topic IS NULL",
                                       session->id),
                   ==, 1);
}

static void
test_times_normalized_to_utc (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = valid_session (1);

  set (&session->starts_at, "2026-09-12T16:30:00+02:00");
  set (&session->ends_at, "2026-09-12T14:45:30.250Z");
  set (&session->time_zone, "Europe/Madrid");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (session->starts_at, ==, "2026-09-12T14:30:00Z");
  g_assert_cmpstr (session->ends_at, ==, "2026-09-12T14:45:30Z");
  g_assert_cmpint (pdn_session_minutes (session), ==, 15);
}

static void
test_local_date_across_midnight (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = valid_session (1);

  /* An evening session in Chicago is already the next day in UTC. */
  set (&session->starts_at, "2026-09-12T22:30:00-05:00");
  set (&session->ends_at, "2026-09-12T23:30:00-05:00");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (session->starts_at, ==, "2026-09-13T03:30:00Z");
  g_assert_cmpstr (session->local_date, ==, "2026-09-12");

  /* The same instant is a day later in Tokyo. */
  set (&session->time_zone, "Asia/Tokyo");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (session->local_date, ==, "2026-09-13");

  /* And a stale local_date set by hand is recomputed. */
  set (&session->time_zone, "America/Chicago");
  set (&session->local_date, "1999-01-01");
  g_assert_true (pdn_session_validate (session, &error));
  g_assert_cmpstr (session->local_date, ==, "2026-09-12");
}

typedef void (*BreakSession) (PdnSession *session);

static void
no_program (PdnSession *s)
{
  s->program_id = 0;
}

static void
negative_series (PdnSession *s)
{
  s->series_id = -3;
}

static void
no_kind (PdnSession *s)
{
  g_clear_pointer (&s->kind, g_free);
}

static void
bad_kind (PdnSession *s)
{
  set (&s->kind, "Coaching Call");
}

static void
no_title (PdnSession *s)
{
  g_clear_pointer (&s->title, g_free);
}

static void
long_topic (PdnSession *s)
{
  g_free (s->topic);
  s->topic = g_strnfill (201, 't');
}

static void
no_start (PdnSession *s)
{
  g_clear_pointer (&s->starts_at, g_free);
}

static void
start_without_offset (PdnSession *s)
{
  set (&s->starts_at, "2026-09-12T09:00:00");
}

static void
end_without_offset (PdnSession *s)
{
  set (&s->ends_at, "2026-09-12T12:00:00");
}

static void
start_not_a_time (PdnSession *s)
{
  set (&s->starts_at, "next Saturday");
}

static void
end_before_start (PdnSession *s)
{
  set (&s->ends_at, "2026-09-12T08:00:00-05:00");
}

static void
end_equals_start (PdnSession *s)
{
  set (&s->ends_at, "2026-09-12T14:00:00Z");
}

static void
unknown_zone (PdnSession *s)
{
  set (&s->time_zone, "America/Atlantis");
}

static void
offset_zone (PdnSession *s)
{
  set (&s->time_zone, "+05:00");
}

static void
no_zone (PdnSession *s)
{
  g_clear_pointer (&s->time_zone, g_free);
}

static void
negative_host (PdnSession *s)
{
  s->host_school_id = -1;
}

static void
long_location (PdnSession *s)
{
  s->location = g_strnfill (201, 'l');
}

static void
negative_capacity (PdnSession *s)
{
  s->capacity = -2;
}

static void
zero_facilitator (PdnSession *s)
{
  pdn_session_add_facilitator (s, 0);
}

static void
facilitator_twice (PdnSession *s)
{
  pdn_session_add_facilitator (s, 7);
  pdn_session_add_facilitator (s, 7);
}

static void
opens_without_offset (PdnSession *s)
{
  set (&s->registration_opens_at, "2026-08-01");
}

static void
closes_before_opens (PdnSession *s)
{
  set (&s->registration_opens_at, "2026-08-10T00:00:00Z");
  set (&s->registration_closes_at, "2026-08-01T00:00:00Z");
}

static void
closes_after_end (PdnSession *s)
{
  set (&s->registration_closes_at, "2026-09-12T17:00:01Z");
}

static void
bad_cutoff (PdnSession *s)
{
  set (&s->cancellation_cutoff, "tomorrow");
}

static void
bad_state (PdnSession *s)
{
  s->state = (PdnSessionState) 9;
}

static void
bad_check_in_code (PdnSession *s)
{
  set (&s->check_in_code, "ab-12");
}

static void
bad_curriculum_slug (PdnSession *s)
{
  set (&s->curriculum_slug, "Guided Reading");
}

static void
bad_curriculum_commit (PdnSession *s)
{
  set (&s->curriculum_commit, "not-a-sha");
}

static void
test_validation (void)
{
  static const struct
  {
    BreakSession apply;
    const gchar *field;
  } cases[] = {
    { no_program, "program_id" },
    { negative_series, "series_id" },
    { no_kind, "kind" },
    { bad_kind, "kind" },
    { no_title, "title" },
    { long_topic, "topic" },
    { no_start, "starts_at" },
    { start_without_offset, "starts_at" },
    { end_without_offset, "ends_at" },
    { start_not_a_time, "starts_at" },
    { end_before_start, "ends_at" },
    { end_equals_start, "ends_at" },
    { unknown_zone, "time_zone" },
    { offset_zone, "time_zone" },
    { no_zone, "time_zone" },
    { negative_host, "host_school_id" },
    { long_location, "location" },
    { negative_capacity, "capacity" },
    { zero_facilitator, "facilitator_ids[0]" },
    { facilitator_twice, "facilitator_ids[1]" },
    { opens_without_offset, "registration_opens_at" },
    { closes_before_opens, "registration_closes_at" },
    { closes_after_end, "registration_closes_at" },
    { bad_cutoff, "cancellation_cutoff" },
    { bad_state, "state" },
    { bad_check_in_code, "check_in_code" },
    { bad_curriculum_slug, "curriculum_slug" },
    { bad_curriculum_commit, "curriculum_commit" },
  };
  g_autoptr (PdnSession) valid = valid_session (1);

  g_assert_true (pdn_session_validate (valid, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnSession) session = valid_session (1);

      cases[i].apply (session);
      g_assert_false (pdn_session_validate (session, &error));
      pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, cases[i].field);
    }
}

static void
test_capacity_limits (void)
{
  g_autoptr (PdnSession) session = valid_session (1);

  session->capacity = -1;
  g_assert_true (pdn_session_validate (session, NULL));
  session->capacity = 0;
  g_assert_true (pdn_session_validate (session, NULL));
  /* Registration may stay open until the session ends. */
  set (&session->registration_closes_at, "2026-09-12T12:00:00-05:00");
  g_assert_true (pdn_session_validate (session, NULL));
}

static void
test_references (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 other_program = pdn_test_add_program (store, pdn_test_add_organization (store, "b"),
                                               "2026-27");
  gint64 foreign_series = add_series (store, other_program);
  gint64 person = pdn_test_add_person (store, "ana@rps.org");
  g_autoptr (PdnSession) session = valid_session (program_id + 100);

  g_assert_false (pdn_session_insert (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "program_id");
  session->program_id = program_id;

  session->series_id = foreign_series;
  g_assert_false (pdn_session_insert (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "series_id");
  session->series_id = foreign_series + 100;
  g_assert_false (pdn_session_insert (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "series_id");
  session->series_id = 0;

  session->host_school_id = 999;
  g_assert_false (pdn_session_insert (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "host_school_id");
  session->host_school_id = 0;

  pdn_session_add_facilitator (session, person);
  pdn_session_add_facilitator (session, person + 100);
  g_assert_false (pdn_session_insert (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "facilitator_ids[1]");

  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM sessions", 0), ==, 0);
}

static void
test_check_in_code (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  g_autoptr (PdnSession) generated = valid_session (program_id);
  g_autoptr (PdnSession) chosen = valid_session (program_id);
  g_autoptr (PdnSession) taken = valid_session (program_id);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (pdn_session_insert (generated, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (generated->check_in_code), ==, 6);
  for (const gchar *p = generated->check_in_code; *p != '\0'; p++)
    g_assert_nonnull (strchr (alphabet, *p));

  chosen->check_in_code = g_strdup ("GARDEN42");
  g_assert_true (pdn_session_insert (chosen, store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (chosen->check_in_code, ==, "GARDEN42");
  /* Saving again keeps its own code; another session may not take it. */
  g_assert_true (pdn_session_update (chosen, store, &error));
  g_assert_no_error (error);
  taken->check_in_code = g_strdup ("GARDEN42");
  g_assert_false (pdn_session_insert (taken, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "check_in_code");
  set (&generated->check_in_code, "GARDEN42");
  g_assert_false (pdn_session_update (generated, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, "check_in_code");

  /* 32^6 codes: a hundred draws should not repeat, nor use 0, O, 1 or I. */
  for (guint i = 0; i < 100; i++)
    {
      gchar *code = pdn_session_generate_check_in_code ();

      g_assert_null (strpbrk (code, "0O1I"));
      g_assert_true (g_hash_table_add (seen, code));
    }
}

static void
test_update (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 ana = pdn_test_add_person (store, "ana@rps.org");
  gint64 ben = pdn_test_add_person (store, "ben@rps.org");
  g_autoptr (PdnSession) session = valid_session (program_id);
  g_autoptr (PdnSession) loaded = NULL;
  g_autofree gchar *code = NULL;

  pdn_session_add_facilitator (session, ana);
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  code = g_strdup (session->check_in_code);
  pdn_test_exec (store, "UPDATE sessions SET created_at = '2020-01-01T00:00:00Z', "
                        "updated_at = '2020-01-01T00:00:00Z'");

  set (&session->title, "Guided reading, part 2");
  set (&session->ends_at, "2026-09-12T18:30:00Z");
  session->state = PDN_SESSION_STATE_CANCELLED;
  g_array_set_size (session->facilitator_ids, 0);
  pdn_session_add_facilitator (session, ben);
  g_assert_true (pdn_session_update (session, store, &error));
  g_assert_no_error (error);

  loaded = pdn_session_load (store, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Guided reading, part 2");
  g_assert_cmpstr (loaded->ends_at, ==, "2026-09-12T18:30:00Z");
  g_assert_cmpint (loaded->state, ==, PDN_SESSION_STATE_CANCELLED);
  g_assert_cmpstr (loaded->check_in_code, ==, code);
  g_assert_cmpuint (loaded->facilitator_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (loaded->facilitator_ids, gint64, 0), ==, ben);
  g_assert_cmpstr (loaded->created_at, ==, "2020-01-01T00:00:00Z");
  g_assert_cmpstr (loaded->updated_at, >, "2020-01-01T00:00:00Z");
  g_assert_cmpint (pdn_session_minutes (loaded), ==, 270);

  /* A bad update changes nothing. */
  set (&session->ends_at, "2026-09-12T13:00:00Z");
  g_assert_false (pdn_session_update (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "ends_at");
  g_clear_object (&loaded);
  loaded = pdn_session_load (store, session->id, &error);
  g_assert_cmpstr (loaded->ends_at, ==, "2026-09-12T18:30:00Z");

  set (&session->ends_at, "2026-09-12T18:30:00Z");
  session->id += 100;
  g_assert_false (pdn_session_update (session, store, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static gint64
insert_at (PdnStore *store, gint64 program_id, gint64 series_id, const gchar *starts_at,
           const gchar *ends_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnSession) session = valid_session (program_id);

  session->series_id = series_id;
  set (&session->starts_at, starts_at);
  set (&session->ends_at, ends_at);
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
test_list_and_delete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnTestDir) dir = NULL;
  gint64 program_id = 0;
  g_autoptr (PdnStore) store = store_with_program (&dir, &program_id);
  gint64 series_id = add_series (store, program_id);
  gint64 late = insert_at (store, program_id, 0, "2026-10-01T14:00:00Z", "2026-10-01T15:00:00Z");
  gint64 early = insert_at (store, program_id, series_id, "2026-09-01T14:00:00Z",
                            "2026-09-01T15:00:00Z");
  gint64 middle = insert_at (store, program_id, series_id, "2026-09-15T14:00:00Z",
                             "2026-09-15T15:00:00Z");
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) in_series = NULL;
  g_autoptr (PdnSession) gone = NULL;
  g_autoptr (PdnStatement) attendance = NULL;

  all = pdn_session_list_for_program (store, program_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((PdnSession *) g_ptr_array_index (all, 0))->id, ==, early);
  g_assert_cmpint (((PdnSession *) g_ptr_array_index (all, 1))->id, ==, middle);
  g_assert_cmpint (((PdnSession *) g_ptr_array_index (all, 2))->id, ==, late);

  in_series = pdn_session_list_for_program (store, program_id, series_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_series->len, ==, 2);
  g_assert_cmpint (((PdnSession *) g_ptr_array_index (in_series, 0))->id, ==, early);

  g_assert_true (pdn_session_delete (store, middle, &error));
  g_assert_no_error (error);
  gone = pdn_session_load (store, middle, &error);
  g_assert_null (gone);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
  g_assert_false (pdn_session_delete (store, middle, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);

  /* Attendance still refers to this one. */
  attendance = pdn_store_prepare (store,
                                  "INSERT INTO attendance (session_id, person_id, status, source, "
                                  "recorded_at) VALUES (?, ?, 'present', 'roster', "
                                  "'2026-10-01T15:00:00Z')",
                                  &error);
  g_assert_no_error (error);
  pdn_statement_bind_int64 (attendance, 1, late);
  pdn_statement_bind_int64 (attendance, 2, pdn_test_add_person (store, "ana@rps.org"));
  g_assert_true (pdn_statement_run (attendance, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_session_delete (store, late, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/session/round-trip", test_round_trip);
  g_test_add_func ("/pdnet/session/defaults-round-trip", test_defaults_round_trip);
  g_test_add_func ("/pdnet/session/times-normalized-to-utc", test_times_normalized_to_utc);
  g_test_add_func ("/pdnet/session/local-date-across-midnight", test_local_date_across_midnight);
  g_test_add_func ("/pdnet/session/validation", test_validation);
  g_test_add_func ("/pdnet/session/capacity-limits", test_capacity_limits);
  g_test_add_func ("/pdnet/session/references", test_references);
  g_test_add_func ("/pdnet/session/check-in-code", test_check_in_code);
  g_test_add_func ("/pdnet/session/update", test_update);
  g_test_add_func ("/pdnet/session/list-and-delete", test_list_and_delete);
  return g_test_run ();
}
