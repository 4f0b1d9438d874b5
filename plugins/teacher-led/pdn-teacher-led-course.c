/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-course.h"
#include "pdn-teacher-led-json.h"
#include "pdn-teacher-led-leaders.h"
#include "pdn-teacher-led-settings.h"

/* What a teacher-led program's courses and sessions must look like, after
 * the Boston Educators Collaborative: five sessions on a topic a host
 * school chose, led by one or two teachers the program selected and
 * trained. */

#define MAX_FACILITATORS 2

gboolean
pdn_teacher_led_check_course (JsonObject *series, GError **error)
{
  if (g_strcmp0 (pdn_teacher_led_json_text (series, "kind"), PDN_TEACHER_LED_SERIES_KIND) != 0)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "kind",
                         _("A series of a teacher-led program is a course: its kind must be "
                           "“%s”"),
                         PDN_TEACHER_LED_SERIES_KIND);
  else if (pdn_teacher_led_is_blank (pdn_teacher_led_json_text (series, "topic")))
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "topic",
                         _("A course is on one topic, chosen by its host school: give its "
                           "“topic”"));
  else if (pdn_teacher_led_is_blank (pdn_teacher_led_json_text (series, "term")))
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "term",
                         _("Courses of one term meet at the same time, so a teacher takes one "
                           "per term: give the course's “term”, such as “Fall 2026”"));
  else
    return TRUE;
  return FALSE;
}

/* ---- the course ---- */

/* Whether @series_id is a course, into @found: FALSE when it is not a
 * series of @program_id at all, which the core refuses itself (400 naming
 * "series_id"), so there is nothing more to check. */
static gboolean
check_is_course (PdnContext *context, gint64 program_id, gint64 series_id, gboolean *found,
                 GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context, "SELECT kind FROM series WHERE id = ? AND program_id = ?", error);
  PdnQueryStep step;

  *found = FALSE;
  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, series_id);
  pdn_query_bind_int64 (query, 2, program_id);
  step = pdn_query_step (query, error);
  if (step != PDN_QUERY_ROW)
    return step == PDN_QUERY_DONE;
  *found = TRUE;
  if (g_strcmp0 (pdn_query_column_text (query, 0), PDN_TEACHER_LED_SERIES_KIND) == 0)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "series_id",
                       _("Series %lld is not a course"), (long long) series_id);
  return FALSE;
}

/* The course's other sessions that are not cancelled, leave room for this
 * one (a cancelled session takes no room, so it may be replaced). */
static gboolean
check_room (PdnContext *context, JsonObject *program, JsonObject *session, gint64 series_id,
            GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT COUNT(*) FROM sessions WHERE series_id = ? AND id <> ? AND state <> 'cancelled'",
      error);
  PdnTeacherLedSettings settings;
  PdnQueryStep step;
  gint64 others;

  if (query == NULL)
    return FALSE;
  if (g_strcmp0 (pdn_teacher_led_json_text (session, "state"), "cancelled") == 0)
    return TRUE;
  pdn_teacher_led_settings_read (pdn_teacher_led_json_object (program, "settings"), &settings);
  pdn_query_bind_int64 (query, 1, series_id);
  pdn_query_bind_int64 (query, 2, pdn_teacher_led_json_id (session, "id"));
  if ((step = pdn_query_step (query, error)) != PDN_QUERY_ROW)
    return FALSE;
  others = pdn_query_column_int64 (query, 0);
  if (others < settings.sessions_per_course)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "series_id",
                       g_dngettext (GETTEXT_PACKAGE,
                                    "This course already has %lld session, the most a course "
                                    "of this program may have",
                                    "This course already has %lld sessions, the most a course "
                                    "of this program may have",
                                    (gulong) others),
                       (long long) others);
  return FALSE;
}

/* @found: whether the session names a series of the program. */
static gboolean
check_in_course (PdnContext *context, JsonObject *program, JsonObject *session,
                 gboolean *found, GError **error)
{
  gint64 series_id = pdn_teacher_led_json_id (session, "series_id");

  if (series_id == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "series_id",
                           _("A course session belongs to a course: give its “series_id”"));
      return FALSE;
    }
  return check_is_course (context, pdn_teacher_led_json_id (program, "id"), series_id, found,
                          error)
         && (!*found || check_room (context, program, session, series_id, error));
}

/* ---- facilitators ---- */

/* The session's day where it happens; the core derives it from the start,
 * whose UTC date stands in when it is not there yet. */
static gchar *
session_day (JsonObject *session)
{
  const gchar *local_date = pdn_teacher_led_json_text (session, "local_date");
  const gchar *starts_at = pdn_teacher_led_json_text (session, "starts_at");

  if (local_date != NULL)
    return g_strdup (local_date);
  return starts_at != NULL ? g_strndup (starts_at, 10) : NULL;
}

static gboolean
check_facilitator_count (JsonArray *ids, GError **error)
{
  guint count = ids != NULL ? json_array_get_length (ids) : 0;

  if (count >= 1 && count <= MAX_FACILITATORS)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "facilitator_ids",
                       _("A course session is led by one or two teacher-leaders: list them in "
                         "“facilitator_ids”"));
  return FALSE;
}

static gboolean
check_facilitators (PdnContext *context, JsonObject *program, JsonObject *session,
                    GError **error)
{
  JsonNode *node = json_object_get_member (session, "facilitator_ids");
  JsonArray *ids = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                 : NULL;
  g_autofree gchar *day = session_day (session);

  if (!check_facilitator_count (ids, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      g_autofree gchar *field = g_strdup_printf ("facilitator_ids[%u]", i);
      if (!pdn_teacher_leader_check_facilitator (context,
                                                 pdn_teacher_led_json_id (program, "id"),
                                                 json_array_get_int_element (ids, i), day,
                                                 field, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pdn_teacher_led_check_course_session (PdnContext *context, JsonObject *program,
                                      JsonObject *session, GError **error)
{
  if (g_strcmp0 (pdn_teacher_led_json_text (session, "kind"), PDN_TEACHER_LED_SESSION_KIND)
      != 0)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "kind",
                         _("A session of a teacher-led program is a course session: its kind "
                           "must be “%s”"),
                         PDN_TEACHER_LED_SESSION_KIND);
  else if (pdn_teacher_led_is_blank (pdn_teacher_led_json_text (session, "topic")))
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "topic",
                         _("Each course session is on a topic chosen by its host school: give "
                           "its “topic”"));
  else if (pdn_teacher_led_json_id (session, "host_school_id") == 0)
    pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "host_school_id",
                         _("A course session is hosted by a school, which chose its topic: give "
                           "its “host_school_id”"));
  else
    {
      gboolean found = FALSE;

      return check_in_course (context, program, session, &found, error)
             && (!found || check_facilitators (context, program, session, error));
    }
  return FALSE;
}
