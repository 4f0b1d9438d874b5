/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "pdn-ws-dates.h"
#include "pdn-ws-fidelity.h"

/*
 * Fidelity of implementation, per enrolled school: coaching calls held
 * against the program's cadence, the core elements the mentors saw kept,
 * and the team's attendance at the program's sessions. "Passing Notes"
 * (note 19) found schools that protect platform time but sacrifice
 * mentoring; these figures are meant to show exactly that.
 *
 * This file only computes, from facts gathered by pdn-ws-fidelity-facts.c,
 * so the rules can be tested without a store.
 */

static void
call_fact_free (PdnWsCallFact *call)
{
  g_free (call->held_on);
  g_ptr_array_unref (call->kept);
  g_free (call);
}

PdnWsSchoolFacts *
pdn_ws_school_facts_new (gint64 school_id, const gchar *school_name, const gchar *from,
                         const gchar *to)
{
  PdnWsSchoolFacts *self = g_new0 (PdnWsSchoolFacts, 1);

  self->school_id = school_id;
  self->school_name = g_strdup (school_name);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_fact_free);
  return self;
}

void
pdn_ws_school_facts_free (PdnWsSchoolFacts *self)
{
  if (self == NULL)
    return;
  g_free (self->school_name);
  g_free (self->from);
  g_free (self->to);
  g_ptr_array_unref (self->calls);
  g_free (self);
}

PdnWsCallFact *
pdn_ws_school_facts_add_call (PdnWsSchoolFacts *self, const gchar *held_on, gint64 minutes,
                              gboolean reviewed)
{
  PdnWsCallFact *call = g_new0 (PdnWsCallFact, 1);

  call->held_on = g_strdup (held_on);
  call->minutes = minutes;
  call->reviewed = reviewed;
  call->kept = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->calls, call);
  return call;
}

/* Walks the calendar months that meet [from, to]. A month counts towards
 * the cadence only when it is a coaching month lying wholly inside: a
 * school that enrolls mid-month, or a month not yet over, owes nothing. */
typedef void (*MonthFunc) (const GDate *first, const GDate *last, gboolean owed,
                           gpointer user_data);

static void
each_month (PdnWsSettings *settings, const gchar *from, const gchar *to, MonthFunc func,
            gpointer user_data)
{
  GDate start, end, first, last;

  if (!pdn_ws_date_parse (from, &start) || !pdn_ws_date_parse (to, &end)
      || g_date_compare (&start, &end) > 0)
    return;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (&start), g_date_get_year (&start));
  while (g_date_compare (&first, &end) <= 0)
    {
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first),
                                                      g_date_get_year (&first)));
      func (&first, &last,
            settings->coaching_months[g_date_get_month (&first)]
              && g_date_compare (&first, &start) >= 0 && g_date_compare (&last, &end) <= 0,
            user_data);
      g_date_add_months (&first, 1);
    }
}

static void
count_owed (const GDate *first, const GDate *last, gboolean owed, gpointer user_data)
{
  *(guint *) user_data += owed ? 1 : 0;
}

/**
 * pdn_ws_fidelity_expected_calls:
 *
 * Returns: the calls the cadence asks for from @from to @to: the coaching
 *   months wholly inside, times the calls per month, rounded down (a
 *   cadence of 0.5 asks one call per two months).
 */
gint64
pdn_ws_fidelity_expected_calls (PdnWsSettings *settings, const gchar *from, const gchar *to)
{
  guint months = 0;

  each_month (settings, from, to, count_owed, &months);
  return (gint64) floor (settings->coaching_calls_per_month * months + 1e-9);
}

typedef struct
{
  PdnWsSchoolFacts *facts;
  PdnWsSettings *settings;
  JsonArray *months;
} MonthRows;

static void
add_month_row (const GDate *first, const GDate *last, gboolean owed, gpointer user_data)
{
  MonthRows *rows = user_data;
  JsonObject *row = json_object_new ();
  g_autofree gchar *month = g_strdup_printf ("%04u-%02u", g_date_get_year (first),
                                             g_date_get_month (first));
  gint64 held = 0;

  for (guint i = 0; i < rows->facts->calls->len; i++)
    held += g_str_has_prefix (((PdnWsCallFact *) g_ptr_array_index (rows->facts->calls, i))
                                ->held_on,
                              month)
              ? 1
              : 0;
  json_object_set_string_member (row, "month", month);
  json_object_set_double_member (row, "calls_expected",
                                 owed ? rows->settings->coaching_calls_per_month : 0);
  json_object_set_int_member (row, "calls_held", held);
  json_array_add_object_element (rows->months, row);
}

static JsonObject *
coaching_json (PdnWsSchoolFacts *facts, PdnWsSettings *settings, gboolean *below_cadence)
{
  JsonObject *coaching = json_object_new ();
  MonthRows rows = { facts, settings, json_array_new () };
  gint64 expected = pdn_ws_fidelity_expected_calls (settings, facts->from, facts->to);
  gint64 held = facts->calls->len, minutes = 0;

  for (guint i = 0; i < facts->calls->len; i++)
    minutes += ((PdnWsCallFact *) g_ptr_array_index (facts->calls, i))->minutes;
  each_month (settings, facts->from, facts->to, add_month_row, &rows);
  *below_cadence = held < expected;
  json_object_set_double_member (coaching, "calls_per_month", settings->coaching_calls_per_month);
  json_object_set_int_member (coaching, "calls_expected", expected);
  json_object_set_int_member (coaching, "calls_held", held);
  json_object_set_int_member (coaching, "minutes", minutes);
  if (held > 0)
    json_object_set_string_member (
        coaching, "last_call_on",
        ((PdnWsCallFact *) g_ptr_array_index (facts->calls, held - 1))->held_on);
  else
    json_object_set_null_member (coaching, "last_call_on");
  json_object_set_boolean_member (coaching, "below_cadence", *below_cadence);
  json_object_set_array_member (coaching, "months", rows.months);
  return coaching;
}

static gboolean
call_kept (PdnWsCallFact *call, const gchar *element)
{
  for (guint i = 0; i < call->kept->len; i++)
    if (g_strcmp0 (g_ptr_array_index (call->kept, i), element) == 0)
      return TRUE;
  return FALSE;
}

/* Per core element: on how many reviewed calls it was seen kept, and
 * whether it was at the latest review. Dropped: not kept at the latest. */
static JsonObject *
commitments_json (PdnWsSchoolFacts *facts, PdnWsSettings *settings, gboolean *any_dropped)
{
  JsonObject *commitments = json_object_new ();
  JsonArray *elements = json_array_new ();
  JsonArray *dropped = json_array_new ();
  PdnWsCallFact *latest = NULL;
  gint64 reviewed = 0;

  for (guint i = 0; i < facts->calls->len; i++)
    {
      PdnWsCallFact *call = g_ptr_array_index (facts->calls, i);

      if (call->reviewed)
        {
          reviewed++;
          latest = call;
        }
    }
  for (guint e = 0; e < settings->core_elements->len; e++)
    {
      const gchar *element = g_ptr_array_index (settings->core_elements, e);
      JsonObject *row = json_object_new ();
      gint64 kept = 0;

      for (guint i = 0; i < facts->calls->len; i++)
        {
          PdnWsCallFact *call = g_ptr_array_index (facts->calls, i);
          kept += call->reviewed && call_kept (call, element) ? 1 : 0;
        }
      json_object_set_string_member (row, "element", element);
      json_object_set_int_member (row, "kept_on_calls", kept);
      if (latest != NULL)
        json_object_set_boolean_member (row, "kept_at_last_review", call_kept (latest, element));
      else
        json_object_set_null_member (row, "kept_at_last_review");
      json_array_add_object_element (elements, row);
      if (latest != NULL && !call_kept (latest, element))
        json_array_add_string_element (dropped, element);
    }
  *any_dropped = json_array_get_length (dropped) > 0;
  json_object_set_int_member (commitments, "calls_reviewed", reviewed);
  json_object_set_array_member (commitments, "elements", elements);
  json_object_set_array_member (commitments, "dropped", dropped);
  return commitments;
}

static JsonObject *
sessions_json (PdnWsSchoolFacts *facts, gboolean *missed)
{
  JsonObject *sessions = json_object_new ();
  gint64 seats = facts->sessions_held * facts->team_size;

  *missed = facts->sessions_attended < facts->sessions_held;
  json_object_set_int_member (sessions, "held", facts->sessions_held);
  json_object_set_int_member (sessions, "attended", facts->sessions_attended);
  if (seats > 0)
    json_object_set_double_member (sessions, "team_attendance_rate",
                                   round (1000.0 * facts->attendances / seats) / 1000.0);
  else
    json_object_set_null_member (sessions, "team_attendance_rate");
  return sessions;
}

/**
 * pdn_ws_fidelity_school:
 *
 * Returns: (transfer full): one school's fidelity, with `concerns`:
 *   "coaching-below-cadence", "commitments-dropped", "sessions-missed".
 */
JsonNode *
pdn_ws_fidelity_school (PdnWsSchoolFacts *facts, PdnWsSettings *settings)
{
  JsonObject *object = json_object_new ();
  JsonArray *concerns = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  gboolean below_cadence, dropped, missed;

  json_object_set_int_member (object, "school_id", facts->school_id);
  json_object_set_string_member (object, "school_name", facts->school_name);
  json_object_set_string_member (object, "from", facts->from);
  json_object_set_string_member (object, "to", facts->to);
  json_object_set_int_member (object, "team_size", facts->team_size);
  json_object_set_object_member (object, "coaching", coaching_json (facts, settings, &below_cadence));
  json_object_set_object_member (object, "commitments",
                                 commitments_json (facts, settings, &dropped));
  json_object_set_object_member (object, "sessions", sessions_json (facts, &missed));
  if (below_cadence)
    json_array_add_string_element (concerns, "coaching-below-cadence");
  if (dropped)
    json_array_add_string_element (concerns, "commitments-dropped");
  if (missed)
    json_array_add_string_element (concerns, "sessions-missed");
  json_object_set_array_member (object, "concerns", concerns);
  json_node_take_object (node, object);
  return node;
}
