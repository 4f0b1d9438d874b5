/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-db.h"
#include "pdn-ws-fields.h"
#include "pdn-ws-program.h"
#include "pdn-ws-registration.h"

/*
 * Schools, not individuals, take part: only the team of an enrolled school
 * registers, a coaching call is for its own school's team, and a school
 * leader on a team may register the whole team at once.
 */

typedef struct
{
  gint64 enrollment_id;
  gint64 school_id;
  gchar *school_name;
  gchar *role;
} Membership;

static void
membership_clear (Membership *self)
{
  g_clear_pointer (&self->school_name, g_free);
  g_clear_pointer (&self->role, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Membership, membership_clear)

/* The team @person_id is on in the program, if any (enrollment_id 0). */
static gboolean
find_membership (PdnContext *context, gint64 program_id, gint64 person_id, Membership *found,
                 GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT e.id, e.school_id, s.name, m.role FROM whole_school_team_members m"
      " JOIN whole_school_enrollments e ON e.id = m.enrollment_id"
      " JOIN schools s ON s.id = e.school_id"
      " WHERE e.program_id = ? AND m.person_id = ? ORDER BY e.id",
      PDN_WS_IDS (program_id, person_id), error);
  PdnQueryStep step;

  if (query == NULL || (step = pdn_query_step (query, error)) == PDN_QUERY_ERROR)
    return FALSE;
  if (step == PDN_QUERY_ROW)
    {
      found->enrollment_id = pdn_query_column_int64 (query, 0);
      found->school_id = pdn_query_column_int64 (query, 1);
      found->school_name = g_strdup (pdn_query_column_text (query, 2));
      found->role = g_strdup (pdn_query_column_text (query, 3));
    }
  return TRUE;
}

static gchar *
person_name (PdnContext *context, gint64 person_id)
{
  gchar *name = pdn_ws_db_text (context, "SELECT name FROM people WHERE id = ?",
                                PDN_WS_IDS (person_id), NULL);

  return name != NULL ? name : g_strdup_printf ("%lld", (long long) person_id);
}

static gint64
host_school (JsonObject *session)
{
  JsonNode *node = json_object_get_member (session, "host_school_id");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
is_coaching_call (JsonObject *session)
{
  return g_strcmp0 (json_object_get_string_member_with_default (session, "kind", NULL),
                    "coaching-call")
         == 0;
}

/* A coaching call is for the team of the school it is with. */
static gboolean
check_call_school (PdnContext *context, JsonObject *session, Membership *membership,
                   gint64 person_id, const gchar *field, GError **error)
{
  gint64 host = host_school (session);
  g_autofree gchar *name = NULL, *host_name = NULL;

  if (!is_coaching_call (session) || host == 0 || host == membership->school_id)
    return TRUE;
  name = person_name (context, person_id);
  host_name = pdn_ws_db_text (context, "SELECT name FROM schools WHERE id = ?",
                              PDN_WS_IDS (host), NULL);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, field,
                       _("This coaching call is with %s, and %s is on the team of %s"),
                       host_name != NULL ? host_name : "?", name, membership->school_name);
  return FALSE;
}

/**
 * pdn_ws_registration_check:
 *
 * Refuses (PDN_ERROR_UNPROCESSABLE, field person_id) anyone not on the
 * team of a school enrolled in the program, and anyone registering for a
 * coaching call with another school.
 */
gboolean
pdn_ws_registration_check (PdnContext *context, JsonObject *program, JsonObject *session,
                           gint64 person_id, GError **error)
{
  g_auto (Membership) membership = { 0 };
  g_autofree gchar *name = NULL;

  if (!find_membership (context, pdn_ws_program_id (program), person_id, &membership, error))
    return FALSE;
  if (membership.enrollment_id > 0)
    return check_call_school (context, session, &membership, person_id, "person_id", error);
  name = person_name (context, person_id);
  pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "person_id",
                       _("%s is not on the team of a school enrolled in this program; only "
                         "the teams of enrolled schools may register"),
                       name);
  return FALSE;
}

/* Every other member of the team, for @people. */
static gboolean
append_team (PdnContext *context, gint64 enrollment_id, gint64 person_id, GArray *people,
             GError **error)
{
  g_autoptr (PdnQuery) query = pdn_ws_db_prepare_ids (
      context,
      "SELECT person_id FROM whole_school_team_members WHERE enrollment_id = ?"
      " AND person_id <> ? ORDER BY position",
      PDN_WS_IDS (enrollment_id, person_id), error);
  PdnQueryStep step = PDN_QUERY_ERROR;

  while (query != NULL && (step = pdn_query_step (query, error)) == PDN_QUERY_ROW)
    {
      gint64 member = pdn_query_column_int64 (query, 0);

      g_array_append_val (people, member);
    }
  return step == PDN_QUERY_DONE;
}

static gboolean
wants_team (JsonObject *request, gboolean *team, GError **error)
{
  g_autoptr (PdnWsFields) fields = NULL;

  *team = FALSE;
  if (request == NULL)
    return TRUE;
  fields = pdn_ws_fields_new_for_object (request, NULL);
  return pdn_ws_fields_get_bool (fields, "team", team, error);
}

/**
 * pdn_ws_registration_expand:
 * @request: (nullable): the registration's body; `"team": true` asks for
 *   the whole team
 *
 * A school leader on an enrolled school's team registers every member of
 * it; anyone else asking for the team is refused (field team).
 */
gboolean
pdn_ws_registration_expand (PdnContext *context, JsonObject *program, JsonObject *session,
                            gint64 person_id, JsonObject *request, GArray *people,
                            GError **error)
{
  g_auto (Membership) membership = { 0 };
  g_autofree gchar *name = NULL;
  gboolean team = FALSE;

  if (!wants_team (request, &team, error))
    return FALSE;
  if (!team)
    return TRUE;
  if (!find_membership (context, pdn_ws_program_id (program), person_id, &membership, error))
    return FALSE;
  name = person_name (context, person_id);
  if (membership.enrollment_id == 0 || g_strcmp0 (membership.role, "leader") != 0)
    {
      pdn_error_set_field (error, PDN_ERROR_UNPROCESSABLE, "team",
                           _("Only a school leader on an enrolled school’s team may register "
                             "the whole team, and %s is not one"),
                           name);
      return FALSE;
    }
  return check_call_school (context, session, &membership, person_id, "team", error)
         && append_team (context, membership.enrollment_id, person_id, people, error);
}
