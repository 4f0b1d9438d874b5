/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-teacher-led-course.h"
#include "pdn-teacher-led-credit.h"
#include "pdn-teacher-led-json.h"
#include "pdn-teacher-led-settings.h"

/* Each course of the program with the sessions it holds (not cancelled)
 * and those the person attended; "attended" is what the core's
 * participation counts: present or partial. */
#define COURSE_ATTENDANCE_SQL                                                                    \
  "SELECT c.id, c.title, c.term, "                                                               \
  "  (SELECT COUNT(*) FROM sessions s WHERE s.series_id = c.id AND s.state <> 'cancelled'), "    \
  "  (SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id "                 \
  "     WHERE s.series_id = c.id AND a.person_id = ? AND a.status IN ('present', 'partial')) "   \
  "FROM series c WHERE c.program_id = ? AND c.kind = ? ORDER BY c.position, c.id"

typedef struct
{
  gint64 attended;  /* sessions, over every course */
  gint64 completed; /* courses */
  GString *detail;
} Tally;

static void
add_detail (Tally *tally, const gchar *title, const gchar *term, gint64 attended, gint64 held,
            gint64 needed)
{
  g_autofree gchar *count = NULL;

  /* TRANSLATORS: "attended 4 of 5 sessions" in a transcript. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "attended %lld of %lld session",
                                        "attended %lld of %lld sessions", (gulong) held),
                           (long long) attended, (long long) held);
  if (tally->detail->len > 0)
    g_string_append (tally->detail, " ");
  if (attended >= needed)
    /* TRANSLATORS: a course in a transcript: its title, its term, then "attended 4 of 5
       sessions". */
    g_string_append_printf (tally->detail, _("“%s” (%s): %s, completed."), title,
                            term != NULL ? term : "", count);
  else
    /* TRANSLATORS: a course in a transcript: its title, its term, "attended 3 of 5 sessions",
       and how many sessions earning its credit takes. */
    g_string_append_printf (tally->detail, _("“%s” (%s): %s; %lld needed for the credit."),
                            title, term != NULL ? term : "", count, (long long) needed);
}

static gboolean
tally_courses (PdnContext *context, gint64 program_id, gint64 person_id, gint64 needed,
               Tally *tally, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (context, COURSE_ATTENDANCE_SQL, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, person_id);
  pdn_query_bind_int64 (query, 2, program_id);
  pdn_query_bind_text (query, 3, PDN_TEACHER_LED_SERIES_KIND);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 held = pdn_query_column_int64 (query, 3);
      gint64 attended = pdn_query_column_int64 (query, 4);

      if (attended == 0)
        continue;
      tally->attended += attended;
      tally->completed += attended >= needed;
      add_detail (tally, pdn_query_column_text (query, 1), pdn_query_column_text (query, 2),
                  attended, held, needed);
    }
  return step == PDN_QUERY_DONE;
}

gboolean
pdn_teacher_led_compute_credit (PdnContext *context, JsonObject *program, gint64 person_id,
                                JsonObject *credit, GError **error)
{
  PdnTeacherLedSettings settings;
  g_autoptr (GString) detail = g_string_new (NULL);
  Tally tally = { 0, 0, detail };

  pdn_teacher_led_settings_read (pdn_teacher_led_json_object (program, "settings"), &settings);
  if (!tally_courses (context, pdn_teacher_led_json_id (program, "id"), person_id,
                      settings.sessions_to_complete, &tally, error))
    return FALSE;
  if (tally.attended == 0)
    g_string_append (detail, _("No course session of this program attended yet."));
  json_object_set_boolean_member (credit, "completed", tally.completed > 0);
  json_object_set_double_member (credit, "hours",
                                 settings.credit_hours * (gdouble) tally.completed);
  json_object_set_double_member (credit, "graduate_credits",
                                 settings.graduate_credits * (gdouble) tally.completed);
  json_object_set_string_member (credit, "detail", detail->str);
  return TRUE;
}
