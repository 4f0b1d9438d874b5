/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-dates.h"
#include "pdn-ws-db.h"
#include "pdn-ws-enrollment.h"
#include "pdn-ws-program.h"

/*
 * Whether a school meets a program's requirements (Table 1 of "Passing
 * Notes": technical infrastructure, commitment to the model's core
 * elements, and a team of school leadership and grade-level teachers).
 * Every unmet requirement is collected, so one refusal lists them all.
 */

/* Readiness below the program's floors. */
void
pdn_ws_enrollment_check_readiness (PdnWsEnrollment *self, PdnWsSettings *settings,
                                   PdnWsRequirements *unmet)
{
  if (self->devices_per_student < settings->min_devices_per_student)
    pdn_ws_requirements_add (unmet, "readiness.devices_per_student",
                             _("The school has %g devices per student; the program requires "
                               "at least %g"),
                             self->devices_per_student, settings->min_devices_per_student);
  if (self->bandwidth_mbps_per_student < settings->min_bandwidth_mbps_per_student)
    pdn_ws_requirements_add (unmet, "readiness.bandwidth_mbps_per_student",
                             _("The school has %g Mbps of bandwidth per student; the program "
                               "requires at least %g"),
                             self->bandwidth_mbps_per_student,
                             settings->min_bandwidth_mbps_per_student);
}

/* One line per core element the school has not committed to. */
void
pdn_ws_enrollment_check_commitments (PdnWsEnrollment *self, PdnWsSettings *settings,
                                     PdnWsRequirements *unmet)
{
  for (guint i = 0; i < settings->core_elements->len; i++)
    {
      const gchar *element = g_ptr_array_index (settings->core_elements, i);

      if (!pdn_ws_enrollment_has_commitment (self, element))
        pdn_ws_requirements_add (unmet, "commitments",
                                 _("The school has not committed to “%s”, one of the "
                                   "program’s core elements"),
                                 element);
    }
}

/* The school's name; a missing school ends the check at once. */
static gboolean
check_school (PdnWsEnrollment *self, PdnContext *context, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_free (self->school_name);
  self->school_name = pdn_ws_db_text (context, "SELECT name FROM schools WHERE id = ?",
                                      PDN_WS_IDS (self->school_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->school_name == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "school_id", _("No school has id %lld"),
                           (long long) self->school_id);
      return FALSE;
    }
  return TRUE;
}

/* The enrollment starts today, or with the year when today is outside it. */
static void
check_starts_on (PdnWsEnrollment *self, const gchar *year_start, const gchar *year_end,
                 PdnWsRequirements *unmet)
{
  if (self->starts_on == NULL)
    {
      g_autofree gchar *today = pdn_ws_date_today ();

      self->starts_on = g_strdup (g_strcmp0 (today, year_start) >= 0
                                      && g_strcmp0 (today, year_end) <= 0
                                    ? today
                                    : year_start);
      return;
    }
  if (g_strcmp0 (self->starts_on, year_start) < 0 || g_strcmp0 (self->starts_on, year_end) > 0)
    pdn_ws_requirements_add (unmet, "starts_on",
                             _("%s is outside the program’s school year, %s to %s"),
                             self->starts_on, year_start, year_end);
}

/* The role a member has when the request names none. */
static const gchar *
default_role (const gchar *person_role)
{
  if (g_strcmp0 (person_role, "school-leader") == 0)
    return "leader";
  if (g_strcmp0 (person_role, "coach") == 0)
    return "coach";
  return "teacher";
}

/* Fills in the member's name and role; FALSE (no error) when no such person. */
static gboolean
load_person (PdnWsTeamMember *member, PdnContext *context, gboolean *found, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context, "SELECT name, role FROM people WHERE id = ?", PDN_WS_IDS (member->person_id), error);
  PdnQueryStep step;

  if (query == NULL || (step = pdn_query_step (query, error)) == PDN_QUERY_ERROR)
    return FALSE;
  *found = step == PDN_QUERY_ROW;
  if (!*found)
    return TRUE;
  g_free (member->name);
  member->name = g_strdup (pdn_query_column_text (query, 0));
  if (member->role == NULL)
    member->role = g_strdup (default_role (pdn_query_column_text (query, 1)));
  return TRUE;
}

/* The member works at the school at some point of the school year. */
static gboolean
check_affiliation (PdnWsEnrollment *self, PdnWsTeamMember *member, const gchar *field,
                   PdnContext *context, const gchar *year_start, const gchar *year_end,
                   PdnWsRequirements *unmet, GError **error)
{
  g_autoptr (PdnQuery) query = pdn_context_query (
      context,
      "SELECT COUNT(*) FROM affiliations WHERE person_id = ? AND school_id = ?"
      " AND (starts_on IS NULL OR starts_on <= ?) AND (ends_on IS NULL OR ends_on >= ?)",
      error);

  if (query == NULL)
    return FALSE;
  pdn_query_bind_int64 (query, 1, member->person_id);
  pdn_query_bind_int64 (query, 2, self->school_id);
  pdn_query_bind_text (query, 3, year_end);
  pdn_query_bind_text (query, 4, year_start);
  if (pdn_query_step (query, error) != PDN_QUERY_ROW)
    return FALSE;
  if (pdn_query_column_int64 (query, 0) == 0)
    pdn_ws_requirements_add (unmet, field,
                             _("%s does not work at %s during the program’s school year"),
                             member->name, self->school_name);
  return TRUE;
}

/* One team per person and program: registration depends on which. */
static gboolean
check_other_team (PdnWsEnrollment *self, PdnWsTeamMember *member, const gchar *field,
                  PdnContext *context, PdnWsRequirements *unmet, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree gchar *other = pdn_ws_db_text (
      context,
      "SELECT s.name FROM whole_school_team_members m"
      " JOIN whole_school_enrollments e ON e.id = m.enrollment_id"
      " JOIN schools s ON s.id = e.school_id"
      " WHERE e.program_id = ? AND m.person_id = ? AND e.school_id <> ?",
      PDN_WS_IDS (self->program_id, member->person_id, self->school_id), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL)
    pdn_ws_requirements_add (unmet, field,
                             _("%s is already on the team of %s in this program"), member->name,
                             other);
  return TRUE;
}

static gboolean
check_member (PdnWsEnrollment *self, guint index, PdnContext *context, const gchar *year_start,
              const gchar *year_end, PdnWsRequirements *unmet, GError **error)
{
  PdnWsTeamMember *member = g_ptr_array_index (self->team, index);
  g_autofree gchar *field = g_strdup_printf ("team[%u].person_id", index);
  gboolean found = FALSE;

  if (!load_person (member, context, &found, error))
    return FALSE;
  if (!found)
    {
      pdn_ws_requirements_add (unmet, field, _("No person has id %lld"),
                               (long long) member->person_id);
      return TRUE;
    }
  return check_affiliation (self, member, field, context, year_start, year_end, unmet, error)
         && check_other_team (self, member, field, context, unmet, error);
}

static gint64
count_role (PdnWsEnrollment *self, const gchar *role)
{
  gint64 n = 0;

  for (guint i = 0; i < self->team->len; i++)
    if (g_strcmp0 (((PdnWsTeamMember *) g_ptr_array_index (self->team, i))->role, role) == 0)
      n++;
  return n;
}

static gboolean
check_team (PdnWsEnrollment *self, PdnContext *context, PdnWsSettings *settings,
            const gchar *year_start, const gchar *year_end, PdnWsRequirements *unmet,
            GError **error)
{
  gint64 leaders, teachers;

  for (guint i = 0; i < self->team->len; i++)
    if (!check_member (self, i, context, year_start, year_end, unmet, error))
      return FALSE;
  leaders = count_role (self, "leader");
  teachers = count_role (self, "teacher");
  if (leaders < settings->min_leaders)
    pdn_ws_requirements_add (unmet, "team",
                             _("School leaders on the team: %lld; the program requires at "
                               "least %lld"),
                             (long long) leaders, (long long) settings->min_leaders);
  if (teachers < settings->min_teachers)
    pdn_ws_requirements_add (unmet, "team",
                             _("Teachers on the team: %lld; the program requires at least "
                               "%lld"),
                             (long long) teachers, (long long) settings->min_teachers);
  return TRUE;
}

/**
 * pdn_ws_enrollment_check:
 *
 * Checks @self (read from a request) against @program's requirements and
 * fills in what the request may leave out: the school's and members'
 * names, members' roles, the start date.
 *
 * Returns: %TRUE when every requirement is met; otherwise %FALSE with one
 *   PDN_ERROR_UNPROCESSABLE error listing them all (or a store error).
 */
gboolean
pdn_ws_enrollment_check (PdnWsEnrollment *self, PdnContext *context, JsonObject *program,
                         PdnWsSettings *settings, GError **error)
{
  g_autoptr (PdnWsRequirements) unmet = pdn_ws_requirements_new ();
  g_autofree gchar *year_start = NULL, *year_end = NULL;

  self->program_id = pdn_ws_program_id (program);
  if (!check_school (self, context, error)
      || !pdn_ws_program_year (context, program, &year_start, &year_end, error))
    return FALSE;
  check_starts_on (self, year_start, year_end, unmet);
  pdn_ws_enrollment_check_readiness (self, settings, unmet);
  pdn_ws_enrollment_check_commitments (self, settings, unmet);
  if (!check_team (self, context, settings, year_start, year_end, unmet, error))
    return FALSE;
  return pdn_ws_requirements_check (
      unmet, _("The school does not meet the program’s requirements:"), error);
}
