/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <pdnet/pdn-error.h>

#include "pdn-curricula.h"
#include "pdn-data-dir.h"
#include "pdn-demo.h"
#include "pdn-participation.h"
#include "pdn-api-programs.h"
#include "pdn-api-series.h"
#include "pdn-api-sessions.h"
#include "pdn-plugin-hooks.h"
#include "pdn-plugin-runner.h"
#include "pdn-program.h"
#include "pdn-sqlite-store.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/* The shapes below are checked with plain SQL on the loaded store, not
 * through the loader's own summary, so a loader that miscounts fails. */

/* @sql's `?` placeholders all take @text. */
static gint64
count_text (PdnStore *store, const gchar *sql, const gchar *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  for (guint i = 1; i <= 4; i++)
    pdn_statement_bind_text (stmt, i, text);
  g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
  return pdn_statement_column_int64 (stmt, 0);
}

static gint64
count (PdnStore *store, const gchar *sql)
{
  return pdn_test_query_int (store, sql, 0);
}

static GDateTime *
chicago_noon (gint year, gint month, gint day)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("America/Chicago");

  return g_date_time_new (zone, year, month, day, 12, 0, 0);
}

static gchar *
utc (GDateTime *when)
{
  g_autoptr (GDateTime) in_utc = g_date_time_to_utc (when);

  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The in-tree plugins (PDNET_PLUGIN_DIR), loaded on @store: the demo's
 * "plugin_requests" go through their routes. */
static PdnPluginRegistry *
demo_plugins (PdnStore *store)
{
  PdnPluginRegistry *plugins = pdn_plugin_registry_new ();
  g_auto (GStrv) dirs = pdn_plugin_registry_find_dirs (NULL);

  pdn_plugin_registry_load_dirs (plugins, (const gchar *const *) dirs, store, NULL);
  g_assert_nonnull (pdn_plugin_registry_find_program_type (plugins, "whole-school"));
  return plugins;
}

/* The settings_schema of @type, which saving a program checks against. */
static JsonObject *
settings_schema (PdnPluginRegistry *plugins, const gchar *type)
{
  JsonObject *describe = pdn_plugin_registry_describe_program_type (plugins, type);

  g_assert_nonnull (describe);
  return json_object_get_object_member (describe, "settings_schema");
}

static PdnDemoSummary *
load_demo (PdnStore *store, GDateTime *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  PdnDemoSummary *summary = NULL;

  pdn_demo_load (store, plugins, NULL, today, &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
check_organizations_and_schools (PdnStore *store)
{
  const gchar *by_kind = "SELECT COUNT(*) FROM schools s JOIN organizations o"
                         " ON o.id = s.organization_id WHERE o.kind = ?";

  g_assert_cmpint (count_text (store, by_kind, "district"), >=, 30);
  g_assert_cmpint (count_text (store, by_kind, "cmo"), >=, 8);
  g_assert_cmpint (count_text (store, by_kind, "diocese"), >=, 5);
  g_assert_cmpint (count_text (store, "SELECT COUNT(*) FROM schools WHERE sector = ?", "catholic"),
                   >=, 5);
  g_assert_cmpint (count_text (store, "SELECT COUNT(*) FROM organizations WHERE kind = ?",
                               "district"), ==, 1);
  g_assert_cmpint (count_text (store, "SELECT COUNT(*) FROM organizations WHERE kind = ?",
                               "cmo"), ==, 1);
  g_assert_cmpint (count_text (store, "SELECT COUNT(*) FROM organizations WHERE kind = ?",
                               "partner"), >=, 1);
  g_assert_cmpint (count (store, "SELECT COUNT(DISTINCT city) FROM schools"), ==, 1);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools WHERE city IS NULL"), ==, 0);
  /* The school without an external id was found by name for its people. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools s WHERE external_id IS NULL"
                                 " AND EXISTS (SELECT 1 FROM affiliations a"
                                 "  WHERE a.school_id = s.id)"),
                   ==, 1);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM organization_email_domains"), >=, 7);
}

static void
check_school_facts (PdnStore *store, const PdnDemoSummary *summary)
{
  gint64 schools = count (store, "SELECT COUNT(*) FROM schools");
  const gchar *facts = "SELECT COUNT(*) FROM school_year_facts WHERE school_year = ?"
                       " AND teacher_headcount BETWEEN 15 AND 70";

  g_assert_cmpint (count_text (store, facts, summary->last_year), ==, schools);
  g_assert_cmpint (count_text (store, facts, summary->current_year), ==, schools);
}

static void
check_people (PdnStore *store)
{
  gint64 people = count (store, "SELECT COUNT(*) FROM people");
  const gchar *by_role = "SELECT COUNT(*) FROM people WHERE role = ?";

  g_assert_cmpint (people, >=, 550);
  g_assert_cmpint (people, <=, 650);
  g_assert_cmpint (count_text (store, by_role, "teacher"), >, people / 2);
  g_assert_cmpint (count_text (store, by_role, "coach"), >, 0);
  g_assert_cmpint (count_text (store, by_role, "school-leader"), >, 0);
  g_assert_cmpint (count_text (store, by_role, "district-admin"), >, 0);
  /* Teachers who moved mid-year: two affiliations, one ending as the next starts. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM (SELECT person_id FROM affiliations"
                                 " GROUP BY person_id HAVING COUNT(*) = 2"
                                 "  AND COUNT(DISTINCT school_id) = 2"
                                 "  AND MAX(ends_on) < MAX(starts_on))"),
                   >=, 8);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM accounts"), >, 0);
}

/* A mover attended sessions at their first school and at their second. */
static void
check_movers_attend_both_schools (PdnStore *store, const PdnDemoSummary *summary)
{
  gint64 workshops = pdn_demo_summary_find_program (summary, "workshop-series",
                                                    summary->last_year);
  const gchar *sql = "SELECT COUNT(DISTINCT a.person_id) FROM attendance a"
                     " JOIN sessions s ON s.id = a.session_id"
                     " JOIN affiliations before ON before.person_id = a.person_id"
                     "  AND before.ends_on IS NOT NULL AND s.local_date <= before.ends_on"
                     " WHERE s.program_id = ? AND a.status <> 'absent' AND EXISTS ("
                     "  SELECT 1 FROM attendance a2 JOIN sessions s2 ON s2.id = a2.session_id"
                     "  JOIN affiliations after ON after.person_id = a2.person_id"
                     "   AND after.starts_on IS NOT NULL AND s2.local_date >= after.starts_on"
                     "  WHERE a2.person_id = a.person_id AND s2.program_id = s.program_id"
                     "   AND a2.status <> 'absent')";

  g_assert_cmpint (pdn_test_query_int (store, sql, workshops), >=, 5);
}

static void
check_program_types (PdnStore *store, const PdnDemoSummary *summary)
{
  static const gchar *const types[] = { "whole-school", "workshop-series", "teacher-led" };
  const gchar *years[] = { summary->last_year, summary->current_year };

  g_assert_cmpint (summary->programs->len, ==, 6);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM programs"), ==, 6);
  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        gint64 id = pdn_demo_summary_find_program (summary, types[t], years[y]);
        g_autoptr (GError) error = NULL;
        g_autoptr (PdnProgram) program = pdn_program_load (store, id, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (program->type, ==, types[t]);
        g_assert_cmpstr (program->school_year, ==, years[y]);
        g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM series"
                                                    " WHERE program_id = ?", id), >, 0);
        g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM sessions"
                                                    " WHERE program_id = ?"
                                                    " AND series_id IS NULL", id), ==, 0);
      }
  /* Teacher-led courses have five sessions each, hosted by schools. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM series r JOIN programs p"
                                 " ON p.id = r.program_id WHERE p.type = 'teacher-led'"
                                 " AND (SELECT COUNT(*) FROM sessions s WHERE s.series_id = r.id"
                                 "  AND s.host_school_id IS NOT NULL) <> 5"),
                   ==, 0);
  /* Every session has a facilitator who is a person. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM sessions s WHERE NOT EXISTS"
                                 " (SELECT 1 FROM session_facilitators f"
                                 "  WHERE f.session_id = s.id)"),
                   ==, 0);
}

/* Every session of @year, before or after @now: its own date, the year's
 * dates, and (for the current year) registration open at @now. */
static void
check_sessions_of_year (PdnStore *store, const gchar *year, GDateTime *now, gboolean past)
{
  g_autofree gchar *now_utc = utc (now);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store,
    "SELECT s.starts_at, s.ends_at, s.local_date, y.starts_on, y.ends_on,"
    " s.registration_opens_at, s.registration_closes_at, s.state,"
    " (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id),"
    " (SELECT COUNT(*) FROM registrations r WHERE r.session_id = s.id)"
    " FROM sessions s JOIN programs p ON p.id = s.program_id"
    " JOIN school_years y ON y.label = p.school_year WHERE p.school_year = ?",
    &error);
  guint sessions = 0;

  g_assert_no_error (error);
  pdn_statement_bind_text (stmt, 1, year);
  while (pdn_statement_step (stmt, &error) == PDN_STEP_ROW)
    {
      const gchar *local_date = pdn_statement_column_text (stmt, 2);
      const gchar *state = pdn_statement_column_text (stmt, 7);

      sessions++;
      g_assert_cmpstr (local_date, >=, pdn_statement_column_text (stmt, 3));
      g_assert_cmpstr (local_date, <=, pdn_statement_column_text (stmt, 4));
      g_assert_cmpint (pdn_statement_column_int64 (stmt, 9), >, 0);
      if (past)
        {
          g_assert_cmpstr (pdn_statement_column_text (stmt, 1), <, now_utc);
          if (g_strcmp0 (state, "scheduled") == 0)
            g_assert_cmpint (pdn_statement_column_int64 (stmt, 8), >, 0);
          else
            g_assert_cmpint (pdn_statement_column_int64 (stmt, 8), ==, 0);
          continue;
        }
      g_assert_cmpstr (pdn_statement_column_text (stmt, 0), >, now_utc);
      g_assert_cmpstr (pdn_statement_column_text (stmt, 5), <=, now_utc);
      g_assert_cmpstr (pdn_statement_column_text (stmt, 6), >, now_utc);
      g_assert_cmpint (pdn_statement_column_int64 (stmt, 8), ==, 0);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (sessions, >, 20);
}

static void
check_last_year_detail (PdnStore *store, const PdnDemoSummary *summary)
{
  const gchar *by_status = "SELECT COUNT(*) FROM attendance WHERE status = ?";
  const gchar *by_registration = "SELECT COUNT(*) FROM registrations WHERE status = ?";

  g_assert_cmpint (count_text (store, by_status, "present"), >, 500);
  g_assert_cmpint (count_text (store, by_status, "partial"), >, 20);
  g_assert_cmpint (count_text (store, by_status, "absent"), >, 20);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM attendance WHERE status = 'partial'"
                                 " AND minutes IS NULL"), ==, 0);
  g_assert_cmpint (count_text (store, by_registration, "cancelled"), >, 0);
  g_assert_cmpint (count_text (store, by_registration, "waitlisted"), >, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM registrations WHERE status = 'cancelled'"
                                 " AND cancelled_at IS NULL"), ==, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM sessions WHERE state = 'cancelled'"), >, 0);
  /* Feedback: named and anonymous, only on past sessions. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM survey_responses"
                                 " WHERE person_id IS NOT NULL"), >, 100);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM survey_responses"
                                 " WHERE person_id IS NULL"), >, 10);
  g_assert_cmpint (count_text (store, "SELECT COUNT(*) FROM survey_responses r"
                                      " JOIN sessions s ON s.id = r.session_id"
                                      " JOIN programs p ON p.id = s.program_id"
                                      " WHERE p.school_year = ?", summary->current_year),
                   ==, 0);
}

static void
check_outcomes (PdnStore *store, const PdnDemoSummary *summary)
{
  gint64 schools = count (store, "SELECT COUNT(*) FROM schools");
  const gchar *per_year = "SELECT COUNT(*) FROM outcomes WHERE school_year = ?"
                          " AND measure IN ('ela_growth', 'math_growth')";

  g_assert_cmpint (count_text (store, per_year, summary->last_year), ==, 2 * schools);
  g_assert_cmpint (count_text (store, per_year, summary->prior_year), ==, 2 * schools);
  g_assert_cmpint (count (store, "SELECT COUNT(DISTINCT school_id) FROM outcomes"
                                 " WHERE students_n < 10"), >=, 2);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM outcomes"
                                 " WHERE value < 1 OR value > 99"), ==, 0);
}

/* The workshops reached some schools, many teachers at a few. */
static void
check_workshop_participation (PdnStore *store, const PdnDemoSummary *summary)
{
  gint64 id = pdn_demo_summary_find_program (summary, "workshop-series", summary->last_year);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnParticipationReport) report = NULL;
  GPtrArray *rows;
  guint big = 0;

  report = pdn_participation_compute (store, &id, 1, NULL, PDN_PARTICIPATION_BY_SCHOOL, &error);
  g_assert_no_error (error);
  rows = pdn_participation_report_get_rows (report);
  g_assert_cmpuint (rows->len, >=, 10);
  g_assert_cmpint (rows->len, <, count (store, "SELECT COUNT(*) FROM schools"));
  for (guint i = 0; i < rows->len; i++)
    {
      PdnParticipationRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->teacher_headcount, >=, 15);
      if (row->teachers_attended >= 10)
        big++;
    }
  g_assert_cmpuint (big, >=, 2);
}

/* Series terms: fixed ones for last year, the season of the first session
 * for this year's (mid-March load: upcoming sessions are in the spring). */
static void
check_terms (PdnStore *store)
{
  const gchar *terms = "SELECT COUNT(*) FROM series WHERE term = ?";

  g_assert_cmpint (count_text (store, terms, "Summer 2024"), >, 0);
  g_assert_cmpint (count_text (store, terms, "Fall 2024"), >, 0);
  g_assert_cmpint (count_text (store, terms, "Spring 2025"), >, 0);
  g_assert_cmpint (count_text (store, terms, "Spring 2026"), >, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM series WHERE term IS NULL"
                                 " OR term NOT LIKE '% 20%'"), ==, 0);
}

/* The repository of curriculum @slug, found as the API finds it. */
static PdnCurriculumRepo *
open_curriculum (PdnStore *store, const gchar *slug)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCurricula) curricula = pdn_curricula_for_store (store, &error);
  PdnCurriculumRepo *repo;

  g_assert_no_error (error);
  repo = pdn_curricula_open (curricula, slug, &error);
  g_assert_no_error (error);
  return repo;
}

/* The commit of release @name. */
static gchar *
release_commit (PdnCurriculumRepo *repo, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tags = pdn_curriculum_repo_list_tags (repo, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    {
      PdnCurriculumTag *tag = g_ptr_array_index (tags, i);

      if (strcmp (tag->name, name) == 0)
        return g_strdup (tag->commit);
    }
  g_error ("no release %s", name);
}

/* Several commits by different people, dated in the past, oldest before
 * the last year; the release is older than main, which includes it. */
static void
check_history (PdnCurriculumRepo *repo, const gchar *head, const gchar *release,
               GDateTime *today)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *next = NULL;
  g_autofree gchar *now = utc (today);
  g_autoptr (GPtrArray) history = pdn_curriculum_repo_history (repo, head, NULL, 50, NULL,
                                                               &next, &error);
  g_autoptr (GHashTable) authors = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean included = FALSE, release_seen = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 4);
  for (guint i = 0; i < history->len; i++)
    {
      PdnCurriculumCommit *commit = g_ptr_array_index (history, i);

      g_hash_table_add (authors, commit->author_name);
      g_assert_cmpstr (commit->date, <, now);
      g_assert_cmpstr (commit->message, !=, "");
      if (i > 0)
        g_assert_cmpstr (commit->date, <, ((PdnCurriculumCommit *) history->pdata[i - 1])->date);
      /* Changes after the release come before it, newest first. */
      release_seen = release_seen || strcmp (commit->id, release) == 0;
      if (i == 0)
        g_assert_false (release_seen);
    }
  g_assert_true (release_seen);
  g_assert_cmpuint (g_hash_table_size (authors), >=, 3);
  g_assert_true (pdn_curriculum_repo_contains (repo, head, release, &included, &error));
  g_assert_no_error (error);
  g_assert_true (included);
}

/* Beacon's Saturday workshop curriculum and a district-owned course of the
 * Collaborative: their modules, history and release for the last year;
 * last year's sessions taught the release, this year's newer versions. */
static void
check_curricula (PdnStore *store, const PdnDemoSummary *summary, GDateTime *today)
{
  static const gchar *const slugs[] = { "saturday-workshops", "restorative-practices" };
  static const gchar *const owners[] = { "cmo", "district" };
  const gchar *pinned = "SELECT COUNT(*) FROM sessions s JOIN programs p ON p.id = s.program_id"
                        " WHERE s.curriculum_slug = ? AND s.curriculum_commit = ?"
                        " AND p.school_year = ?";

  g_assert_cmpint (summary->n_curricula, ==, 2);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM curricula"), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (slugs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnCurriculum) curriculum = pdn_curriculum_find (store, slugs[i], &error);
      g_autoptr (PdnCurriculumRepo) repo = open_curriculum (store, slugs[i]);
      g_autofree gchar *head = pdn_curriculum_repo_branch_head (repo, "main", &error);
      g_autofree gchar *release = release_commit (repo, summary->last_year);
      g_autofree gchar *owner_kind = NULL;
      g_autoptr (GPtrArray) tree = NULL;
      guint modules = 0;

      g_assert_no_error (error);
      g_assert_false (curriculum->is_public);
      g_assert_cmpstr (curriculum->head_commit, ==, head);
      g_assert_cmpstr (head, !=, release);
      owner_kind = pdn_test_query_text (store, "SELECT kind FROM organizations WHERE id = ?",
                                        curriculum->owner_organization_id);
      g_assert_cmpstr (owner_kind, ==, owners[i]);
      tree = pdn_curriculum_repo_list_tree (repo, head, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < tree->len; j++)
        {
          PdnCurriculumEntry *entry = g_ptr_array_index (tree, j);
          modules += g_str_has_prefix (entry->path, "modules/")
                     && g_str_has_suffix (entry->path, ".md");
        }
      g_assert_cmpuint (modules, >=, 4);
      check_history (repo, head, release, today);
      {
        const gchar *args[] = { slugs[i], release, summary->last_year };
        g_autoptr (PdnStatement) stmt = pdn_store_prepare (store, pinned, &error);

        g_assert_no_error (error);
        for (guint a = 0; a < G_N_ELEMENTS (args); a++)
          pdn_statement_bind_text (stmt, a + 1, args[a]);
        g_assert_cmpint (pdn_statement_step (stmt, &error), ==, PDN_STEP_ROW);
        g_assert_cmpint (pdn_statement_column_int64 (stmt, 0), >=, 5);
      }
    }
  /* This year's workshops taught two newer versions, one of them main's. */
  g_assert_cmpint (count_text (store, "SELECT COUNT(DISTINCT s.curriculum_commit) FROM sessions s"
                                      " JOIN programs p ON p.id = s.program_id"
                                      " WHERE p.school_year = ?"
                                      " AND s.curriculum_slug = 'saturday-workshops'",
                               summary->current_year),
                   ==, 2);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM sessions s JOIN curricula c"
                                 " ON c.slug = s.curriculum_slug"
                                 " WHERE s.curriculum_commit = c.head_commit"),
                   >=, 3);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM sessions WHERE curriculum_slug IS NOT NULL"
                                 " AND curriculum_commit IS NULL"),
                   ==, 0);
}

static void
test_demo_shapes (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GDateTime) today = chicago_noon (2026, 3, 15);
  g_autoptr (PdnDemoSummary) summary = load_demo (store, today);

  g_assert_cmpstr (summary->prior_year, ==, "2023-24");
  g_assert_cmpstr (summary->last_year, ==, "2024-25");
  g_assert_cmpstr (summary->current_year, ==, "2025-26");
  g_assert_cmpint (summary->n_schools, ==, count (store, "SELECT COUNT(*) FROM schools"));
  g_assert_cmpint (summary->n_people, ==, count (store, "SELECT COUNT(*) FROM people"));
  g_assert_cmpint (summary->n_attendance, ==, count (store, "SELECT COUNT(*) FROM attendance"));
  check_organizations_and_schools (store);
  check_school_facts (store, summary);
  check_people (store);
  check_program_types (store, summary);
  check_sessions_of_year (store, summary->last_year, today, TRUE);
  check_sessions_of_year (store, summary->current_year, today, FALSE);
  check_last_year_detail (store, summary);
  check_movers_attend_both_schools (store, summary);
  check_outcomes (store, summary);
  check_workshop_participation (store, summary);
  check_terms (store);
  check_curricula (store, summary, today);
}

/* Whatever the load day, the last year is over and the current term ahead,
 * across the edges of the year switch (mid-April, end of June). The load
 * day is the day in Riverton: 03:00 UTC on April 17 is still April 16. */
static void
test_demo_any_day (void)
{
  static const struct
  {
    const gchar *now;
    const gchar *last, *current;
  } days[] = {
    { "2026-04-17T03:00:00Z", "2024-25", "2025-26" },
    { "2026-04-17T17:00:00Z", "2025-26", "2026-27" },
    { "2026-06-30T17:00:00Z", "2025-26", "2026-27" },
    { "2028-02-29T18:00:00Z", "2026-27", "2027-28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr (PdnTestDir) dir = NULL;
      g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
      g_autoptr (GDateTime) today = g_date_time_new_from_iso8601 (days[i].now, NULL);
      g_autoptr (PdnDemoSummary) summary = load_demo (store, today);

      g_test_message ("loaded at %s", days[i].now);
      g_assert_cmpstr (summary->last_year, ==, days[i].last);
      g_assert_cmpstr (summary->current_year, ==, days[i].current);
      check_sessions_of_year (store, summary->last_year, today, TRUE);
      check_sessions_of_year (store, summary->current_year, today, FALSE);
    }
}

static void
test_demo_twice (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GDateTime) today = chicago_noon (2026, 3, 15);
  g_autoptr (PdnDemoSummary) summary = load_demo (store, today);
  g_autoptr (PdnDemoSummary) again = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, NULL, NULL, today, &again, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, NULL);
  g_assert_null (again);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM programs"), ==, summary->n_programs);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM people"), ==, summary->n_people);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM registrations"), ==,
                   summary->n_registrations);
}

/* Any existing data stops it, so nothing is ever mixed into real data. */
static void
test_demo_refuses_store_with_data (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;

  pdn_test_add_organization (store, "someone");
  g_assert_false (pdn_demo_load (store, NULL, NULL, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_CONFLICT, NULL);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools"), ==, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM school_years"), ==, 0);
}

static void
test_demo_missing_dir (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *missing = pdn_test_dir_file (dir, "no-such-demo");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, NULL, missing, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, NULL);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM organizations"), ==, 0);
}

/* A copy of the demo files with @find replaced by @replace in @name. */
static gchar *
broken_demo (PdnTestDir *dir, const gchar *name, const gchar *find, const gchar *replace)
{
  static const gchar *const files[] = { "schools.csv", "schools-current.csv", "people.csv",
                                        "programs.json" };
  g_autofree gchar *source = pdn_demo_default_dir ();
  gchar *copy = pdn_test_dir_file (dir, "demo");

  g_assert_cmpint (g_mkdir (copy, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree gchar *from = g_build_filename (source, files[i], NULL);
      g_autofree gchar *to = g_build_filename (copy, files[i], NULL);
      g_autofree gchar *text = NULL;
      g_autoptr (GError) error = NULL;

      g_file_get_contents (from, &text, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (files[i], name) == 0)
        {
          g_autoptr (GString) edited = g_string_new (text);
          g_assert_cmpuint (g_string_replace (edited, find, replace, 1), ==, 1);
          g_free (text);
          text = g_strdup (edited->str);
        }
      g_file_set_contents (to, text, -1, &error);
      g_assert_no_error (error);
    }
  return copy;
}

/* Neither rows nor repositories of curricula are left. */
static void
assert_no_curricula (PdnStore *store, PdnTestDir *dir)
{
  g_autofree gchar *saturday = pdn_test_dir_file (dir, "curricula/saturday-workshops.git");
  g_autofree gchar *course = pdn_test_dir_file (dir, "curricula/restorative-practices.git");

  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM curricula"), ==, 0);
  g_assert_false (g_file_test (saturday, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (course, G_FILE_TEST_EXISTS));
}

/* A bad date deep in programs.json names its place and rolls back the
 * schools and people already imported. */
static void
test_demo_bad_date_rolls_back (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *demo = broken_demo (dir, "programs.json", "\"LAST+33:mon+0\"",
                                        "\"LAST+33:xyz\"");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, NULL, demo, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "programs[0].series[0].sessions[0].date");
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools"), ==, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM people"), ==, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM programs"), ==, 0);
  assert_no_curricula (store, dir);
}

/* A session pinned to a release the curriculum lacks names its place, and
 * the repositories already written go with the rows; the fixed demo then
 * loads into the same directory. */
static void
test_demo_bad_pin_rolls_back (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GDateTime) today = chicago_noon (2026, 3, 15);
  g_autofree gchar *demo = broken_demo (dir, "programs.json", "\"ref\": \"LAST\"",
                                        "\"ref\": \"1999-00\"");
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  g_autoptr (PdnDemoSummary) summary = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, plugins, demo, today, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_UNPROCESSABLE,
                         "programs[1].series[0].sessions[0].curriculum.ref");
  assert_no_curricula (store, dir);
  summary = load_demo (store, today);
  g_assert_cmpint (summary->n_curricula, ==, 2);
}

static void
test_demo_bad_csv_token (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *demo = broken_demo (dir, "schools-current.csv", "{CURRENT}", "{NEXT}");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, NULL, demo, NULL, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "NEXT"));
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools"), ==, 0);
}

/* A model's own check fails: its field is named under the JSON path. */
static void
test_demo_model_error_names_path (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autofree gchar *demo = broken_demo (dir, "programs.json", "\"capacity\": 80",
                                        "\"capacity\": -5");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, NULL, demo, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT,
                         "programs[0].series[0].sessions[0].capacity");
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM organizations"), ==, 0);
}

/* Every program, series and session of the demo satisfies its program
 * type, as if a coordinator had entered it through the API (the loader
 * writes through the models): settings, kinds, trained teacher-leaders,
 * and no teacher in two courses of one term. */
static void
test_demo_follows_program_types (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GDateTime) today = chicago_noon (2026, 3, 15);
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  g_autoptr (PdnDemoSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) programs = NULL;

  g_assert_true (pdn_demo_load (store, plugins, NULL, today, &summary, &error));
  programs = pdn_program_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < programs->len; i++)
    {
      PdnProgram *program = g_ptr_array_index (programs, i);
      PdnPlugin *plugin = pdn_plugin_registry_find_program_type (plugins, program->type);
      g_autoptr (JsonNode) program_json = pdn_api_program_json (program);
      JsonObject *object = json_node_get_object (program_json);
      g_autoptr (GPtrArray) sessions = pdn_session_list_for_program (store, program->id, 0,
                                                                     &error);

      g_assert_nonnull (plugin);
      g_assert_true (pdn_plugin_runner_check_settings (
          plugin, settings_schema (plugins, program->type),
          json_object_get_object_member (object, "settings"), &error));
      g_assert_no_error (error);
      for (guint j = 0; j < sessions->len; j++)
        {
          PdnSession *session = g_ptr_array_index (sessions, j);
          g_autoptr (JsonNode) session_json = pdn_api_session_json (session, FALSE);
          g_autoptr (PdnSeries) series = session->series_id > 0
                                             ? pdn_series_load (store, session->series_id, &error)
                                             : NULL;

          if (series != NULL)
            {
              g_autoptr (JsonNode) series_json = pdn_api_series_json (series);
              g_assert_true (pdn_plugin_runner_validate_series (
                  plugin, object, json_node_get_object (series_json), &error));
              g_assert_no_error (error);
            }
          if (!pdn_plugin_runner_validate_session (plugin, object,
                                                   json_node_get_object (session_json), &error))
            g_test_message ("%s, session %lld: %s", program->name, (long long) session->id,
                            error->message);
          g_assert_no_error (error);
        }
    }
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM (SELECT r.person_id FROM registrations r"
                                 " JOIN sessions s ON s.id = r.session_id"
                                 " JOIN series c ON c.id = s.series_id"
                                 " JOIN programs p ON p.id = s.program_id"
                                 " WHERE p.type = 'teacher-led' AND r.status <> 'cancelled'"
                                 " GROUP BY p.id, c.term, r.person_id"
                                 " HAVING COUNT(DISTINCT c.id) > 1)"),
                   ==, 0);
}

/* The whole-school programs' enrollments and coaching-call logs went in
 * through the plugin's routes; the plugin's fidelity report then shows
 * Eastside High keeping everything but the mentoring. */
static void
test_demo_whole_school (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GDateTime) today = chicago_noon (2026, 3, 15);
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  g_autoptr (PdnDemoSummary) summary = NULL;
  g_autoptr (JsonNode) fidelity = NULL;
  g_autoptr (GError) error = NULL;
  gint64 last, current;
  JsonArray *schools;
  guint dropped = 0;

  g_assert_true (pdn_demo_load (store, plugins, NULL, today, &summary, &error));
  g_assert_no_error (error);
  last = pdn_demo_summary_find_program (summary, "whole-school", summary->last_year);
  current = pdn_demo_summary_find_program (summary, "whole-school", summary->current_year);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM whole_school_enrollments"
                                              " WHERE program_id = ?", last), ==, 4);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM whole_school_enrollments"
                                              " WHERE program_id = ?", current), ==, 6);
  g_assert_cmpint (pdn_test_query_int (store, "SELECT COUNT(*) FROM whole_school_coaching_calls"
                                              " WHERE program_id = ? AND held_on >= '2024-10-01'"
                                              " AND held_on <= '2025-03-31'", last), ==, 24);
  /* Everyone registered for a whole-school session is on an enrolled
   * school's team, as the plugin would have required. */
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM registrations r"
                                 " JOIN sessions s ON s.id = r.session_id"
                                 " JOIN programs p ON p.id = s.program_id"
                                 " WHERE p.type = 'whole-school' AND NOT EXISTS ("
                                 "  SELECT 1 FROM whole_school_team_members m"
                                 "  JOIN whole_school_enrollments e ON e.id = m.enrollment_id"
                                 "  WHERE e.program_id = p.id AND m.person_id = r.person_id)"),
                   ==, 0);

  /* Both programs' settings are the plugin's (the loader does not ask it). */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PdnProgram) program = pdn_program_load (store, i == 0 ? last : current, &error);
      g_autoptr (JsonNode) settings = json_from_string (program->settings, NULL);

      g_assert_true (pdn_plugin_runner_check_settings (
          pdn_plugin_registry_find_program_type (plugins, "whole-school"),
          settings_schema (plugins, "whole-school"), json_node_get_object (settings), &error));
      g_assert_no_error (error);
    }
  fidelity = pdn_plugin_registry_invoke_route (plugins, store, last, "GET", "fidelity", NULL,
                                               &error);
  g_assert_no_error (error);
  schools = json_object_get_array_member (json_node_get_object (fidelity), "schools");
  g_assert_cmpuint (json_array_get_length (schools), ==, 4);
  for (guint i = 0; i < json_array_get_length (schools); i++)
    {
      JsonObject *school = json_array_get_object_element (schools, i);
      JsonObject *coaching = json_object_get_object_member (school, "coaching");
      JsonArray *gone = json_object_get_array_member (
          json_object_get_object_member (school, "commitments"), "dropped");

      g_assert_cmpint (json_object_get_int_member (coaching, "calls_expected"), ==, 6);
      g_assert_cmpint (json_object_get_int_member (coaching, "calls_held"), ==, 6);
      if (json_array_get_length (gone) == 0)
        continue;
      dropped++;
      g_assert_cmpstr (json_object_get_string_member (school, "school_name"), ==,
                       "Eastside High School");
      g_assert_cmpuint (json_array_get_length (gone), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (gone, 0), ==, "one-to-one-mentoring");
    }
  g_assert_cmpuint (dropped, ==, 1);
}

/* A request the plugin refuses fails the load, named by its place, and
 * nothing stays; so does one no loaded plugin takes. */
static void
test_demo_plugin_request_refused (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  g_autoptr (PdnPluginRegistry) none = pdn_plugin_registry_new ();
  g_autofree gchar *strict = broken_demo (dir, "programs.json", "\"min_devices_per_student\": 1,",
                                          "\"min_devices_per_student\": 5,");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, plugins, strict, NULL, NULL, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_UNPROCESSABLE);
  g_assert_cmpstr (pdn_error_get_field (error), ==,
                   "programs[0].plugin_requests[0].body.readiness.devices_per_student");
  g_assert_nonnull (strstr (error->message, "the program requires at least 5"));
  g_clear_error (&error);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM programs"), ==, 0);
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM whole_school_enrollments"), ==, 0);

  g_assert_false (pdn_demo_load (store, none, NULL, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, "programs[0].plugin_requests[0]");
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM schools"), ==, 0);
}

static void
test_demo_plugin_request_bad_reference (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnPluginRegistry) plugins = demo_plugins (store);
  g_autofree gchar *school = broken_demo (dir, "programs.json", "{\"$school\": \"990010000162\"}",
                                          "{\"$school\": \"nowhere\"}");
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_demo_load (store, plugins, school, NULL, NULL, &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT,
                         "programs[0].plugin_requests[0].body.school_id");
  g_assert_cmpint (count (store, "SELECT COUNT(*) FROM programs"), ==, 0);
}

static void
test_demo_default_dir (void)
{
  g_autofree gchar *saved = g_strdup (g_getenv (PDN_DEMO_DIR_ENV));
  g_autofree gchar *from_env = NULL;
  g_autofree gchar *installed = NULL;

  g_setenv (PDN_DEMO_DIR_ENV, "/somewhere/demo", TRUE);
  from_env = pdn_demo_default_dir ();
  g_unsetenv (PDN_DEMO_DIR_ENV);
  installed = pdn_demo_default_dir ();
  if (saved != NULL)
    g_setenv (PDN_DEMO_DIR_ENV, saved, TRUE);
  g_assert_cmpstr (from_env, ==, "/somewhere/demo");
  /* Uninstalled builds fall back to the source tree's copy. */
  if (g_file_test (PDN_PKGDATADIR "/demo", G_FILE_TEST_IS_DIR))
    g_assert_cmpstr (installed, ==, PDN_PKGDATADIR "/demo");
  else
    g_assert_cmpstr (installed, ==, PDN_SOURCE_DEMO_DIR);
}

static gint64
hinted_program (const gchar *out)
{
  const gchar *hint = strstr (out, "--program ");

  g_assert_nonnull (hint);
  return g_ascii_strtoll (hint + strlen ("--program "), NULL, 10);
}

static guint
count_lines (const gchar *text)
{
  guint lines = 0;

  for (const gchar *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;
  return lines;
}

/* `pdnet demo`, then the export it suggests: one row per school that took
 * part, as the participation computation counts them. */
static void
test_demo_cli (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *data = pdn_test_dir_file (dir, "data");
  const gchar *cli = g_getenv ("PDNET_CLI");
  g_autofree gchar *out = NULL, *err = NULL, *csv = NULL, *err2 = NULL;
  g_autofree gchar *id_text = NULL;
  g_autoptr (PdnDataDir) data_dir = NULL;
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (PdnParticipationReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *type = NULL;
  gint64 id;

  {
    const gchar *argv[] = { cli, "--data-dir", data, "demo", NULL };
    g_assert_cmpint (pdn_test_spawn (argv, &out, &err), ==, 0);
  }
  g_assert_nonnull (strstr (out, "Try: pdnet --data-dir"));
  g_assert_nonnull (strstr (out, "(workshop-series, "));
  id = hinted_program (out);
  id_text = g_strdup_printf ("%lld", (long long) id);
  {
    const gchar *argv[] = { cli, "--data-dir", data, "export", "participation", "--program",
                            id_text, NULL };
    g_assert_cmpint (pdn_test_spawn (argv, &csv, &err2), ==, 0);
  }
  g_assert_true (g_str_has_prefix (csv, "school_id,school_external_id,school_name,sector,"));

  data_dir = pdn_data_dir_new (data);
  store = pdn_data_dir_open_store (data_dir, &error);
  g_assert_no_error (error);
  type = pdn_test_query_text (store, "SELECT type FROM programs WHERE id = ?", id);
  g_assert_cmpstr (type, ==, "workshop-series");
  report = pdn_participation_compute (store, &id, 1, NULL, PDN_PARTICIPATION_BY_SCHOOL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdn_participation_report_get_rows (report)->len, >=, 10);
  g_assert_cmpuint (count_lines (csv), ==, 1 + pdn_participation_report_get_rows (report)->len);
}

/* Loading into a data directory that has data fails and says why. */
static void
test_demo_cli_twice (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *data = pdn_test_dir_file (dir, "data");
  const gchar *argv[] = { g_getenv ("PDNET_CLI"), "--data-dir", data, "demo", NULL };
  g_autofree gchar *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (pdn_test_spawn (argv, &out, &err), ==, 0);
  g_assert_cmpint (pdn_test_spawn (argv, &out2, &err2), ==, 1);
  g_assert_cmpstr (out2, ==, "");
  g_assert_nonnull (strstr (err2, "already holds data"));
}

/* --demo-dir overrides $PDNET_DEMO_DIR; a wrong one fails before writing. */
static void
test_demo_cli_demo_dir (void)
{
  g_autoptr (PdnTestDir) dir = pdn_test_dir_new ();
  g_autofree gchar *data = pdn_test_dir_file (dir, "data");
  g_autofree gchar *missing = pdn_test_dir_file (dir, "missing");
  g_autofree gchar *demo = pdn_demo_default_dir ();
  const gchar *wrong[] = { g_getenv ("PDNET_CLI"), "--data-dir", data, "demo", "--demo-dir",
                           missing, NULL };
  const gchar *right[] = { g_getenv ("PDNET_CLI"), "--data-dir", data, "demo", "--demo-dir",
                           demo, NULL };
  g_autofree gchar *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (pdn_test_spawn (wrong, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, missing));
  g_assert_cmpint (pdn_test_spawn (right, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "Programs:"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/demo/shapes", test_demo_shapes);
  g_test_add_func ("/pdnet/demo/any-day", test_demo_any_day);
  g_test_add_func ("/pdnet/demo/twice", test_demo_twice);
  g_test_add_func ("/pdnet/demo/refuses-store-with-data", test_demo_refuses_store_with_data);
  g_test_add_func ("/pdnet/demo/missing-dir", test_demo_missing_dir);
  g_test_add_func ("/pdnet/demo/bad-date-rolls-back", test_demo_bad_date_rolls_back);
  g_test_add_func ("/pdnet/demo/bad-pin-rolls-back", test_demo_bad_pin_rolls_back);
  g_test_add_func ("/pdnet/demo/bad-csv-token", test_demo_bad_csv_token);
  g_test_add_func ("/pdnet/demo/model-error-names-path", test_demo_model_error_names_path);
  g_test_add_func ("/pdnet/demo/whole-school", test_demo_whole_school);
  g_test_add_func ("/pdnet/demo/plugin-request-refused", test_demo_plugin_request_refused);
  g_test_add_func ("/pdnet/demo/plugin-request-bad-reference",
                   test_demo_plugin_request_bad_reference);
  g_test_add_func ("/pdnet/demo/default-dir", test_demo_default_dir);
  g_test_add_func ("/pdnet/demo/follows-program-types", test_demo_follows_program_types);
  g_test_add_func ("/pdnet/demo/cli", test_demo_cli);
  g_test_add_func ("/pdnet/demo/cli-twice", test_demo_cli_twice);
  g_test_add_func ("/pdnet/demo/cli-demo-dir", test_demo_cli_demo_dir);
  return g_test_run ();
}
