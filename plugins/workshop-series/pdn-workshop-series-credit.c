/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-workshop-series-credit.h"
#include "pdn-workshop-series-rules.h"
#include "pdn-workshop-series-settings.h"

/* Each workshop series of the program with the sessions it holds (not
 * cancelled) and those the person attended; the same definition of
 * "attended" as the core's participation counts. */
#define SERIES_ATTENDANCE_SQL                                                                    \
  "SELECT c.id, c.title, "                                                                       \
  "  (SELECT COUNT(*) FROM sessions s WHERE s.series_id = c.id AND s.state <> 'cancelled'), "    \
  "  (SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id "                 \
  "     WHERE s.series_id = c.id AND a.person_id = ? AND a.status IN ('present', 'partial')) "   \
  "FROM series c WHERE c.program_id = ? AND c.kind = ? ORDER BY c.position, c.id"

typedef struct
{
  gint64 attended;           /* sessions, over every series */
  gint64 completed;          /* series */
  gint64 attended_completed; /* sessions of completed series */
  GString *detail;
} Tally;

static void
add_detail (Tally *tally, const gchar *title, gint64 attended, gint64 held, gint64 needed)
{
  g_autofree gchar *count = NULL;

  /* TRANSLATORS: "attended 2 of 4 sessions" in a transcript. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "attended %lld of %lld session",
                                        "attended %lld of %lld sessions", (gulong) held),
                           (long long) attended, (long long) held);
  if (tally->detail->len > 0)
    g_string_append (tally->detail, " ");
  if (attended >= needed)
    /* TRANSLATORS: a series in a transcript: its title, then "attended 3 of 4 sessions". */
    g_string_append_printf (tally->detail, _("“%s”: %s, completed."), title, count);
  else
    /* TRANSLATORS: a series in a transcript: its title, "attended 1 of 4 sessions", and how
       many sessions completing it takes. */
    g_string_append_printf (tally->detail, _("“%s”: %s; %lld needed to complete it."), title,
                            count, (long long) needed);
}

static gboolean
tally_series (PdnContext *context, gint64 program_id, gint64 person_id, gint64 needed,
              Tally *tally, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (context, SERIES_ATTENDANCE_SQL, error);
  PdnQueryStep step;

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, person_id);
  pdn_query_bind_int64 (query, 2, program_id);
  pdn_query_bind_text (query, 3, PDN_WORKSHOP_SERIES_SERIES_KIND);
  while ((step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 held = pdn_query_column_int64 (query, 2);
      gint64 attended = pdn_query_column_int64 (query, 3);

      if (attended == 0)
        continue;
      tally->attended += attended;
      if (attended >= needed)
        {
          tally->completed++;
          tally->attended_completed += attended;
        }
      add_detail (tally, pdn_query_column_text (query, 1), attended, held, needed);
    }
  return step == PDN_QUERY_DONE;
}

static JsonObject *
get_settings (JsonObject *program)
{
  JsonNode *node = json_object_get_member (program, "settings");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
pdn_workshop_series_compute_credit (PdnContext *context, JsonObject *program, gint64 person_id,
                                    JsonObject *credit, GError **error)
{
  PdnWorkshopSeriesSettings settings;
  g_autoptr (GString) detail = g_string_new (NULL);
  Tally tally = { 0, 0, 0, detail };

  pdn_workshop_series_settings_read (get_settings (program), &settings);
  if (!tally_series (context, json_object_get_int_member (program, "id"), person_id,
                     settings.sessions_to_complete, &tally, error))
    return FALSE;
  if (tally.attended == 0)
    g_string_append (detail, _("No workshop of this program attended yet."));
  json_object_set_boolean_member (credit, "completed", tally.completed > 0);
  json_object_set_double_member (credit, "hours",
                                 settings.credit_hours_per_session
                                         * (gdouble) tally.attended_completed
                                     + settings.credit_hours * (gdouble) tally.completed);
  json_object_set_double_member (credit, "graduate_credits", 0);
  json_object_set_string_member (credit, "detail", detail->str);
  return TRUE;
}
