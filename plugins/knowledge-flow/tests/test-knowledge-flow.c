/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "pdn-context-private.h"
#include "pdn-knowledge-flow-plugin.h"
#include "pdn-plugin-private.h"
#include "pdn-plugin-runner.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * The knowledge-flow analysis on a test store, run through the core's
 * runner function. The fixture is generated from a few rules (who is at
 * which school when, who facilitates what, who attends); the same rows are
 * written as CSV with each attendee's and facilitator's sector resolved,
 * and R computes the hours, attendee counts, suppression and shares from
 * them independently. Then the edge rules by hand: a school change
 * mid-year, a pinned curriculum, partner facilitators, suppression that
 * leaks nowhere, and the errors.
 */

#define N_PEOPLE 60
#define N_SESSIONS 12
#define FIRST_PERSON 100
#define MIN_ATTENDEES 5

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  PdnPlugin *plugin;
} Fixture;

static const gchar base_sql[] =
  "INSERT INTO organizations (id, name, slug, kind, created_at) VALUES"
  " (1, 'Riverton', 'rps', 'district', '2025-01-01T00:00:00Z'),"
  " (2, 'Beacon', 'beacon', 'cmo', '2025-01-01T00:00:00Z'),"
  " (3, 'St. Mary', 'stmary', 'diocese', '2025-01-01T00:00:00Z'),"
  " (4, 'Partner U', 'pu', 'partner', '2025-01-01T00:00:00Z');"
  "INSERT INTO school_years (label, starts_on, ends_on) VALUES"
  " ('2026-27', '2026-07-01', '2027-06-30'), ('2027-28', '2027-07-01', '2028-06-30');"
  "INSERT INTO schools (id, name, sector, organization_id, created_at) VALUES"
  " (10, 'Adams', 'district', 1, '2025-01-01T00:00:00Z'),"
  " (11, 'Baker', 'district', 1, '2025-01-01T00:00:00Z'),"
  " (20, 'Beacon Prep', 'charter', 2, '2025-01-01T00:00:00Z'),"
  " (30, 'St. Mary School', 'catholic', 3, '2025-01-01T00:00:00Z');"
  "INSERT INTO programs (id, name, type, lead_organization_id, school_year, created_at) VALUES"
  " (1, 'Flow', 'workshop-series', 1, '2026-27', '2025-01-01T00:00:00Z'),"
  " (2, 'Next year', 'workshop-series', 1, '2027-28', '2025-01-01T00:00:00Z');"
  "INSERT INTO curricula (id, slug, title, owner_organization_id, visibility, created_at,"
  " updated_at) VALUES (1, 'ela-core', 'ELA core', 3, 'public', '2025-01-01T00:00:00Z',"
  " '2025-01-01T00:00:00Z')";

/* Facilitators 200..205: at Adams (district), at Beacon Prep (charter), at
 * St. Mary (Catholic), a partner's account, a charter network's account
 * with no school, and someone with neither. */
static const gchar *const facilitator_sectors[] = { "district", "charter", "catholic",
                                                    "partner", "charter", "unknown" };
/* Each session's facilitators (indexes into the above, -1 ends). */
static const gint session_facilitators[N_SESSIONS][4] = {
  { 0, -1 }, { 1, -1 }, { 0, 1, -1 }, { 2, -1 }, { 3, -1 }, { 4, -1 },
  { 5, -1 }, { -1 }, { 0, -1 }, { 1, 2, 3, -1 }, { 0, -1 }, { 1, -1 },
};
/* Session 9 is pinned to the diocese's curriculum. */
#define PINNED_SESSION 9

static const gchar *const school_sector[] = { "district", "district", "charter", "catholic" };
static const gint64 school_ids[] = { 10, 11, 20, 30 };

/* Person i's school: by i % 10 (0-4 district, 5-7 charter, 8-9 Catholic),
 * and every seventh moves to the next school on 2027-01-01; every
 * thirteenth is at no school. */
static gint
school_index (gint i, gboolean after_move)
{
  gint base = i % 10 < 3 ? 0 : i % 10 < 5 ? 1 : i % 10 < 8 ? 2 : 3;

  return after_move && i % 7 == 0 ? (base + 1) % 4 : base;
}

static gchar *
session_date (gint k)
{
  /* Sessions 1..12 from September to May; 13 is outside the year. */
  static const gchar *const dates[] = { "2026-09-12", "2026-10-03", "2026-10-24", "2026-11-14",
                                        "2026-12-05", "2027-01-09", "2027-01-30", "2027-02-20",
                                        "2027-03-13", "2027-04-03", "2027-04-24", "2027-05-15" };
  return g_strdup (dates[k - 1]);
}

static gint
session_minutes (gint k)
{
  return k % 2 == 0 ? 90 : 120;
}

/* Whether person i attended session k, and how. Unknown-source sessions
 * (7, 8) have few attendees, so their cells are suppressed. */
static gboolean
attendance_of (gint i, gint k, const gchar **status, gint *minutes)
{
  if ((i * 7 + k * 3) % 5 == 0)
    return FALSE;
  if ((k == 7 || k == 8) && i >= 9)
    return FALSE;
  *status = (i + k) % 6 == 0 ? "partial" : (i + k) % 11 == 0 ? "absent" : "present";
  *minutes = (i + k) % 6 == 0 ? (i % 3 == 0 ? -1 : 30 + i % 40) : (i + k) % 4 == 0 ? 45 + k : -1;
  return TRUE;
}

static void
exec (PdnStore *store, const gchar *sql)
{
  g_auto (GStrv) statements = g_strsplit (sql, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    if (g_strstrip (statements[i])[0] != '\0')
      pdn_test_exec (store, statements[i]);
}

static void
write_people (Fixture *fx)
{
  for (gint i = 0; i < N_PEOPLE; i++)
    {
      gint64 id = FIRST_PERSON + i;
      g_autofree gchar *person = g_strdup_printf (
          "INSERT INTO people (id, name, email, email_key, role, created_at) VALUES (%lld, "
          "'P%d', 'p%d@x.example', 'p%d@x.example', 'teacher', '2025-01-01T00:00:00Z')",
          (long long) id, i, i, i);

      pdn_test_exec (fx->store, person);
      if (i % 13 == 0)
        continue;
      if (i % 7 == 0)
        {
          g_autofree gchar *sql = g_strdup_printf (
              "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) VALUES"
              " (%lld, %lld, '2020-01-01', '2026-12-31'), (%lld, %lld, '2027-01-01', NULL)",
              (long long) id, (long long) school_ids[school_index (i, FALSE)], (long long) id,
              (long long) school_ids[school_index (i, TRUE)]);
          pdn_test_exec (fx->store, sql);
        }
      else
        {
          g_autofree gchar *sql = g_strdup_printf (
              "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) VALUES"
              " (%lld, %lld, NULL, NULL)",
              (long long) id, (long long) school_ids[school_index (i, FALSE)]);
          pdn_test_exec (fx->store, sql);
        }
    }
  exec (fx->store,
        "INSERT INTO people (id, name, email, email_key, role, created_at) VALUES"
        " (200, 'F0', 'f0@x', 'f0@x', 'teacher', '2025-01-01T00:00:00Z'),"
        " (201, 'F1', 'f1@x', 'f1@x', 'teacher', '2025-01-01T00:00:00Z'),"
        " (202, 'F2', 'f2@x', 'f2@x', 'teacher', '2025-01-01T00:00:00Z'),"
        " (203, 'F3', 'f3@x', 'f3@x', 'coach', '2025-01-01T00:00:00Z'),"
        " (204, 'F4', 'f4@x', 'f4@x', 'coach', '2025-01-01T00:00:00Z'),"
        " (205, 'F5', 'f5@x', 'f5@x', 'coach', '2025-01-01T00:00:00Z');"
        "INSERT INTO affiliations (person_id, school_id, starts_on, ends_on) VALUES"
        " (200, 10, NULL, NULL), (201, 20, NULL, NULL), (202, 30, NULL, NULL);"
        "INSERT INTO accounts (name, email, email_key, role, organization_id, person_id,"
        " created_at) VALUES"
        " ('F3', 'f3@x', 'f3@x', 'lead', 4, 203, '2025-01-01T00:00:00Z'),"
        " ('F4', 'f4@x', 'f4@x', 'lead', 2, 204, '2025-01-01T00:00:00Z')");
}

static void
write_session (Fixture *fx, gint k, gint64 program, const gchar *date, GString *sessions_csv,
               GString *facilitators_csv)
{
  g_autofree gchar *sql = g_strdup_printf (
      "INSERT INTO sessions (id, program_id, kind, title, starts_at, ends_at, time_zone,"
      " local_date, state, check_in_code, curriculum_slug, created_at, updated_at) VALUES"
      " (%d, %lld, 'workshop', 'S', '%sT14:00:00Z', '%sT%02d:%02d:00Z', 'America/Chicago',"
      " '%s', 'scheduled', 'AAAAAA', %s, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
      k, (long long) program, date, date, 14 + session_minutes (k) / 60,
      session_minutes (k) % 60, date, k == PINNED_SESSION ? "'ela-core'" : "NULL");

  pdn_test_exec (fx->store, sql);
  g_string_append_printf (sessions_csv, "%d,%d,%s\n", k, session_minutes (k),
                          k == PINNED_SESSION ? "catholic" : "NA");
  for (guint j = 0; k <= N_SESSIONS && session_facilitators[k - 1][j] >= 0; j++)
    {
      gint f = session_facilitators[k - 1][j];
      g_autofree gchar *link = g_strdup_printf (
          "INSERT INTO session_facilitators (session_id, person_id) VALUES (%d, %d)", k, 200 + f);
      pdn_test_exec (fx->store, link);
      g_string_append_printf (facilitators_csv, "%d,%s\n", k, facilitator_sectors[f]);
    }
}

static void
write_attendance (Fixture *fx, gint k, const gchar *date, GString *csv)
{
  for (gint i = 0; i < N_PEOPLE; i++)
    {
      const gchar *status;
      gint minutes;
      g_autofree gchar *sql = NULL;
      g_autofree gchar *minutes_sql = NULL;

      if (!attendance_of (i, k, &status, &minutes))
        continue;
      minutes_sql = minutes < 0 ? g_strdup ("NULL") : g_strdup_printf ("%d", minutes);
      sql = g_strdup_printf ("INSERT INTO attendance (session_id, person_id, status, minutes,"
                             " source, recorded_at) VALUES (%d, %d, '%s', %s, 'roster',"
                             " '2025-01-01T00:00:00Z')",
                             k, FIRST_PERSON + i, status, minutes_sql);
      pdn_test_exec (fx->store, sql);
      if (k > N_SESSIONS)
        continue;
      g_string_append_printf (
          csv, "%d,%d,%s,%s,%s\n", k, FIRST_PERSON + i, status,
          minutes < 0 ? "NA" : minutes_sql,
          i % 13 == 0 ? "none"
                      : school_sector[school_index (i, strcmp (date, "2027-01-01") >= 0)]);
    }
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnContext) context = NULL;
  g_autoptr (GString) sessions = g_string_new ("session,minutes,pinned\n");
  g_autoptr (GString) facilitators = g_string_new ("session,sector\n");
  g_autoptr (GString) attendance = g_string_new ("session,person,status,minutes,sector\n");

  fx->store = pdn_test_store_new (&fx->dir);
  fx->plugin = g_object_new (PDN_TYPE_KNOWLEDGE_FLOW_PLUGIN, NULL);
  context = pdn_context_new (pdn_plugin_get_id (fx->plugin), fx->store, NULL);
  pdn_plugin_set_context (fx->plugin, context);
  g_assert_true (pdn_plugin_runner_setup (fx->plugin, context, &error));
  g_assert_no_error (error);
  exec (fx->store, base_sql);
  write_people (fx);
  for (gint k = 1; k <= N_SESSIONS + 1; k++)
    {
      /* Session 13, next year, must count nowhere. */
      g_autofree gchar *date = k <= N_SESSIONS ? session_date (k) : g_strdup ("2027-09-11");

      write_session (fx, k, k <= N_SESSIONS ? 1 : 2, date, sessions, facilitators);
      write_attendance (fx, k, date, attendance);
    }
  g_free (pdn_test_write_file (fx->dir, "sessions.csv", sessions->str));
  g_free (pdn_test_write_file (fx->dir, "facilitators.csv", facilitators->str));
  g_free (pdn_test_write_file (fx->dir, "attendance.csv", attendance->str));
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->plugin);
  g_clear_object (&fx->store);
  pdn_test_dir_free (fx->dir);
}

static void
ignore_progress (gdouble fraction, const gchar *message, gpointer user_data)
{
}

static JsonObject *
run_with (Fixture *fx, const gchar *json, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  return pdn_plugin_runner_run_analysis (fx->plugin, json_node_get_object (node),
                                         ignore_progress, NULL, NULL, error);
}

static JsonObject *
run_default (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  JsonObject *result = run_with (fx, "{\"program_ids\":[1],\"min_attendees\":5}", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static JsonArray *
table_rows (JsonObject *result, guint index)
{
  JsonArray *tables = json_object_get_array_member (result, "tables");

  return json_object_get_array_member (json_array_get_object_element (tables, index), "rows");
}

static JsonArray *
matrix_row (JsonObject *result, const gchar *from, const gchar *to)
{
  JsonArray *rows = table_rows (result, 0);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      if (g_str_equal (json_array_get_string_element (row, 0), from)
          && g_str_equal (json_array_get_string_element (row, 1), to))
        return row;
    }
  g_assert_not_reached ();
}

static void
assert_close (gdouble actual, gdouble expected)
{
  gdouble tolerance = fabs (expected) < 1e-9 ? 1e-12 : 1e-9 * fabs (expected);

  if (fabs (actual - expected) > tolerance)
    g_error ("%.17g differs from R's %.17g", actual, expected);
}

static const gchar r_code[] =
  "s <- read.csv('sessions.csv'); f <- read.csv('facilitators.csv');"
  "a <- read.csv('attendance.csv');"
  "w <- do.call(rbind, lapply(s$session, function(k) {"
  "  if (!is.na(s$pinned[s$session == k])) return(data.frame(session = k,"
  "    from = s$pinned[s$session == k], weight = 1));"
  "  ff <- f[f$session == k, ];"
  "  if (nrow(ff) == 0) return(data.frame(session = k, from = 'unknown', weight = 1));"
  "  data.frame(session = k, from = ff$sector, weight = 1 / nrow(ff)) }));"
  "w <- aggregate(weight ~ session + from, w, sum);"
  "a <- a[a$status %in% c('present', 'partial') & a$sector != 'none', ];"
  "len <- s$minutes[match(a$session, s$session)];"
  "a$hours <- ifelse(is.na(a$minutes), ifelse(a$status == 'present', len, 0), a$minutes) / 60;"
  "m <- merge(a, w, by = 'session'); m$h <- m$hours * m$weight;"
  "froms <- c('district', 'charter', 'catholic', 'partner', 'unknown');"
  "tos <- c('district', 'charter', 'catholic');"
  "H <- matrix(0, 5, 3, dimnames = list(froms, tos)); N <- H;"
  "for (x in froms) for (y in tos) { r <- m[m$from == x & m$sector == y, ];"
  "  H[x, y] <- sum(r$h); N[x, y] <- length(unique(r$person)) };"
  "sup <- N > 0 & N < 5; total <- sum(H[!sup]);"
  "for (x in froms) for (y in tos) cat('cell', x, y, N[x, y], sup[x, y],"
  "  format(H[x, y], digits = 17), format(H[x, y] / total, digits = 17), '\\n');"
  "cross <- sum(H[!sup & outer(froms, tos, '!=')]);"
  "cat('stat shown_hours', format(total, digits = 17), '\\n');"
  "cat('stat cross_sector_share', format(cross / total, digits = 17), '\\n');"
  "for (i in 1:2) for (j in (i + 1):3) { ab <- H[i, j]; ba <- H[j, i];"
  "  ok <- !sup[i, j] && !sup[j, i];"
  "  cat('flow', tos[i], tos[j], ok, format(ab / (ab + ba), digits = 17), '\\n') }";

static gdouble
statistic_value (JsonObject *result, const gchar *name)
{
  JsonArray *statistics = json_object_get_array_member (result, "statistics");

  for (guint i = 0; i < json_array_get_length (statistics); i++)
    {
      JsonObject *s = json_array_get_object_element (statistics, i);
      if (g_str_equal (json_object_get_string_member (s, "name"), name))
        return json_object_get_double_member (s, "value");
    }
  g_assert_not_reached ();
}

static void
check_r_line (JsonObject *result, gchar **words, guint *suppressed)
{
  if (g_str_equal (words[0], "cell"))
    {
      JsonArray *row = matrix_row (result, words[1], words[2]);
      if (g_str_equal (words[4], "TRUE"))
        {
          (*suppressed)++;
          g_assert_true (json_array_get_null_element (row, 2));
          g_assert_true (json_array_get_null_element (row, 3));
          g_assert_true (json_array_get_null_element (row, 4));
          return;
        }
      g_assert_cmpint (json_array_get_int_element (row, 2), ==, g_ascii_strtoll (words[3], NULL, 10));
      assert_close (json_array_get_double_element (row, 3), g_ascii_strtod (words[5], NULL));
      assert_close (json_array_get_double_element (row, 4), g_ascii_strtod (words[6], NULL));
    }
  else if (g_str_equal (words[0], "stat"))
    assert_close (statistic_value (result, words[1]), g_ascii_strtod (words[2], NULL));
  else if (g_str_equal (words[0], "flow"))
    {
      JsonArray *rows = table_rows (result, 1);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonArray *row = json_array_get_array_element (rows, i);
          if (!g_str_equal (json_array_get_string_element (row, 0), words[1])
              || !g_str_equal (json_array_get_string_element (row, 1), words[2]))
            continue;
          if (g_str_equal (words[3], "FALSE"))
            g_assert_true (json_array_get_null_element (row, 4));
          else
            {
              assert_close (json_array_get_double_element (row, 4), g_ascii_strtod (words[4], NULL));
              assert_close (json_array_get_double_element (row, 5),
                            1 - g_ascii_strtod (words[4], NULL));
            }
          return;
        }
      g_assert_not_reached ();
    }
}

/* Every cell, statistic and flow equals R's from the CSV fixtures. */
static void
test_matches_r (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_default (fx);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  const gchar *argv[] = { "Rscript", "--vanilla", "-e", r_code, NULL };
  g_auto (GStrv) lines = NULL;
  gint status = 0;
  guint suppressed = 0, checked = 0;
  g_autofree gchar *rscript = g_find_program_in_path ("Rscript");

  if (rscript == NULL)
    {
      g_test_skip ("Rscript is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (fx->dir->path, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                               NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("R failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_strsplit (g_strstrip (lines[i]), " ", -1);
      if (words[0] == NULL || words[0][0] == '\0')
        continue;
      check_r_line (result, words, &suppressed);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 15 + 2 + 3);
  /* The fixture has small cells, and the analysis suppressed them. */
  g_assert_cmpuint (suppressed, >, 0);
  assert_close (statistic_value (result, "suppressed_cells"), suppressed);
}

/* Suppressed cells leave no figure in the CSV or the plot. */
static void
test_suppression_leaks_nowhere (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonObject) result = run_default (fx);
  const gchar *csv = json_object_get_string_member (result, "csv");
  const gchar *svg = json_object_get_string_member (result, "plot_svg");
  JsonArray *row = matrix_row (result, "unknown", "district");

  g_assert_true (json_array_get_null_element (row, 3));
  g_assert_nonnull (strstr (csv, "\r\nunknown,district,,,\r\n"));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "caveats")),
                    >=, 5);
}

/* A person who moves on 2027-01-01 counts at the new school from then:
 * person 107 (charter, then Catholic) attended session 11 (April) from
 * Adams's facilitator, so district → catholic has them (one attendee:
 * suppressed) and district → charter nothing (zero, shown). */
static void
test_school_change (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = NULL;
  JsonArray *row;

  /* Only person 107 in session 11: delete the others' attendance. */
  pdn_test_exec (fx->store, "DELETE FROM attendance WHERE session_id <> 11 OR person_id <> 107");
  result = run_with (fx, "{\"program_ids\":[1],\"min_attendees\":3}", &error);
  g_assert_no_error (error);
  row = matrix_row (result, "district", "catholic");
  /* One attendee is under the floor: suppressed, not shown. */
  g_assert_true (json_array_get_null_element (row, 3));
  row = matrix_row (result, "district", "charter");
  assert_close (json_array_get_double_element (row, 3), 0);
}

/* Sessions pinned to a curriculum come from its owner, whoever leads
 * them; a partner's account makes its facilitator "partner". */
static void
test_sources (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = NULL;

  pdn_test_exec (fx->store, "DELETE FROM attendance WHERE session_id NOT IN (5, 9)");
  result = run_with (fx, "{\"program_ids\":[1],\"min_attendees\":3}", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_array_get_double_element (matrix_row (result, "district", "district"), 3),
                     ==, 0);
  g_assert_cmpfloat (json_array_get_double_element (matrix_row (result, "catholic", "district"), 3),
                     >, 0);
  g_assert_cmpfloat (json_array_get_double_element (matrix_row (result, "partner", "charter"), 3),
                     >, 0);
}

static void
test_errors (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (run_with (fx, "{\"program_ids\":[99],\"min_attendees\":5}", &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, "program_ids");
  g_assert_null (run_with (fx, "{\"program_ids\":[1,2],\"min_attendees\":5}", &error));
  pdn_test_assert_error (error, PDN_ERROR_INVALID_INPUT, "school_year");
  g_assert_null (run_with (fx, "{\"program_ids\":[1],\"school_year\":\"1999-00\","
                               "\"min_attendees\":5}", &error));
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, "school_year");
}

/* Naming the next year counts only session 13 (program 2). */
static void
test_school_year (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = run_with (
      fx, "{\"program_ids\":[1,2],\"school_year\":\"2027-28\",\"min_attendees\":3}", &error);

  g_assert_no_error (error);
  /* Session 13 has no facilitators: all its hours are unknown's. */
  g_assert_cmpfloat (json_array_get_double_element (matrix_row (result, "district", "district"), 3),
                     ==, 0);
  g_assert_cmpfloat (statistic_value (result, "shown_hours"), >, 0);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/knowledge-flow/matches-r", Fixture, NULL, fixture_set_up, test_matches_r,
              fixture_tear_down);
  g_test_add ("/knowledge-flow/suppression", Fixture, NULL, fixture_set_up,
              test_suppression_leaks_nowhere, fixture_tear_down);
  g_test_add ("/knowledge-flow/school-change", Fixture, NULL, fixture_set_up, test_school_change,
              fixture_tear_down);
  g_test_add ("/knowledge-flow/sources", Fixture, NULL, fixture_set_up, test_sources,
              fixture_tear_down);
  g_test_add ("/knowledge-flow/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/knowledge-flow/school-year", Fixture, NULL, fixture_set_up, test_school_year,
              fixture_tear_down);
  status = g_test_run ();
  /* Frees cairo's and fontconfig's caches, so leak checkers see only ours. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
