/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-course.h"
#include "pdn-teacher-led-enrollment.h"
#include "pdn-teacher-led-json.h"

/* The course the person already holds a place in, in the same program and
 * term: the one registered for first. */
#define OTHER_COURSE_SQL                                                                         \
  "SELECT c.id, c.title, p.name FROM registrations r "                                           \
  "JOIN sessions s ON s.id = r.session_id JOIN series c ON c.id = s.series_id "                  \
  "JOIN people p ON p.id = r.person_id "                                                         \
  "WHERE r.person_id = ? AND r.status <> 'cancelled' AND c.program_id = ? AND c.kind = ? "      \
  "AND c.term = ? AND c.id <> ? ORDER BY r.id LIMIT 1"

/* The session's course term, or NULL when the session is in no course
 * with a term (then there is nothing to check). */
static gboolean
load_course_term (PdnContext *context, gint64 series_id, gchar **term, GError **error)
{
  g_autoptr (PdnQuery) query
      = pdn_context_query (context, "SELECT term FROM series WHERE id = ? AND kind = ?", error);
  PdnQueryStep step;

  *term = NULL;
  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, series_id);
  pdn_query_bind_text (query, 2, PDN_TEACHER_LED_SERIES_KIND);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ROW)
    *term = g_strdup (pdn_query_column_text (query, 0));
  return step != PDN_QUERY_ERROR;
}

static gboolean
check_no_other_course (PdnContext *context, gint64 program_id, gint64 series_id,
                       const gchar *term, gint64 person_id, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (context, OTHER_COURSE_SQL, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, person_id);
  pdn_query_bind_int64 (query, 2, program_id);
  pdn_query_bind_text (query, 3, PDN_TEACHER_LED_SERIES_KIND);
  pdn_query_bind_text (query, 4, term);
  pdn_query_bind_int64 (query, 5, series_id);
  step = pdn_query_step (query, error);
  if (step != PDN_QUERY_ROW)
    return step == PDN_QUERY_DONE;
  pdn_error_set_field (error, PDN_ERROR_CONFLICT, "session_id",
                       /* TRANSLATORS: a person's name, a course's title and id, a term. */
                       _("%s is already registered for the course “%s” (series %lld) in %s. "
                         "Courses of the same term meet at the same time, so a teacher takes "
                         "one per term: cancel that course's registrations first"),
                       pdn_query_column_text (query, 2), pdn_query_column_text (query, 1),
                       (long long) pdn_query_column_int64 (query, 0), term);
  return FALSE;
}

gboolean
pdn_teacher_led_check_one_course_per_term (PdnContext *context, JsonObject *program,
                                           JsonObject *session, gint64 person_id,
                                           GError **error)
{
  gint64 series_id = pdn_teacher_led_json_id (session, "series_id");
  g_autofree gchar *term = NULL;

  if (series_id == 0)
    return TRUE;
  if (!load_course_term (context, series_id, &term, error))
    return FALSE;
  return term == NULL
         || check_no_other_course (context, pdn_teacher_led_json_id (program, "id"), series_id,
                                   term, person_id, error);
}

gboolean
pdn_teacher_led_expand_to_course (PdnContext *context, JsonObject *session, GArray *sessions,
                                  GError **error)
{
  g_autoptr (PdnQuery) query = NULL;
  g_autofree gchar *now = NULL;
  gint64 series_id = pdn_teacher_led_json_id (session, "series_id");
  PdnQueryStep step;

  if (series_id == 0)
    return TRUE;
  query = pdn_context_query (context,
                             "SELECT s.id FROM sessions s JOIN series c ON c.id = s.series_id "
                             "WHERE s.series_id = ? AND c.kind = ? AND s.id <> ? "
                             "AND s.state <> 'cancelled' AND s.starts_at > ? "
                             "ORDER BY s.starts_at, s.id",
                             error);
  if (query == NULL)
    return FALSE;
  now = pdn_teacher_led_now_utc ();
  pdn_query_bind_int64 (query, 1, series_id);
  pdn_query_bind_text (query, 2, PDN_TEACHER_LED_SERIES_KIND);
  pdn_query_bind_int64 (query, 3, pdn_teacher_led_json_id (session, "id"));
  pdn_query_bind_text (query, 4, now);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 id = pdn_query_column_int64 (query, 0);
      g_array_append_val (sessions, id);
    }
  return step == PDN_QUERY_DONE;
}
