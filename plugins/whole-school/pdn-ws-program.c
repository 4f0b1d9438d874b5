/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "pdn-ws-db.h"
#include "pdn-ws-program.h"

gint64
pdn_ws_program_id (JsonObject *program)
{
  return json_object_get_int_member_with_default (program, "id", 0);
}

/**
 * pdn_ws_program_year:
 * @starts_on: (out): the first day of the program's school year
 * @ends_on: (out): its last day
 *
 * Enrollments, coaching calls and fidelity are all bounded by it.
 */
gboolean
pdn_ws_program_year (PdnContext *context, JsonObject *program, gchar **starts_on,
                     gchar **ends_on, GError **error)
{
  const gchar *label = json_object_get_string_member_with_default (program, "school_year", NULL);
  g_autoptr (PdnQuery) query = NULL;
  PdnQueryStep step;

  query = pdn_context_query (context, "SELECT starts_on, ends_on FROM school_years WHERE label = ?",
                             error);
  if (query == NULL)
    return FALSE;
  pdn_query_bind_text (query, 1, label);
  step = pdn_query_step (query, error);
  if (step == PDN_QUERY_ERROR)
    return FALSE;
  if (step != PDN_QUERY_ROW)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL,
                           "The school year %s of program %lld is not in the store",
                           label != NULL ? label : "(none)",
                           (long long) pdn_ws_program_id (program));
      return FALSE;
    }
  *starts_on = g_strdup (pdn_query_column_text (query, 0));
  *ends_on = g_strdup (pdn_query_column_text (query, 1));
  return TRUE;
}

/* Whether @organization_id leads the program or is one of its partners. */
gboolean
pdn_ws_program_involves (JsonObject *program, gint64 organization_id)
{
  JsonArray *partners = NULL;

  if (organization_id <= 0)
    return FALSE;
  if (json_object_get_int_member_with_default (program, "lead_organization_id", 0)
      == organization_id)
    return TRUE;
  if (json_object_has_member (program, "partner_organization_ids"))
    partners = json_object_get_array_member (program, "partner_organization_ids");
  for (guint i = 0; partners != NULL && i < json_array_get_length (partners); i++)
    if (json_array_get_int_element (partners, i) == organization_id)
      return TRUE;
  return FALSE;
}

static gboolean
forbid (GError **error, const gchar *message)
{
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL, "%s", message);
  return FALSE;
}

/* Enrollments are the program's coordinators' to change. */
gboolean
pdn_ws_access_check_edit (const PdnCaller *caller, GError **error)
{
  if (caller->may_edit_program)
    return TRUE;
  return forbid (error, _("Only the program’s coordinators may enroll schools"));
}

/* Coordinators and leads of the program's organizations read its
 * enrollments and fidelity (as they run its reports). */
gboolean
pdn_ws_access_may_read (const PdnCaller *caller, JsonObject *program)
{
  gboolean acts_for_organization = g_strcmp0 (caller->role, "coordinator") == 0
                                   || g_strcmp0 (caller->role, "lead") == 0;

  return caller->may_edit_program
         || (acts_for_organization && pdn_ws_program_involves (program, caller->organization_id));
}

gboolean
pdn_ws_access_check_read (const PdnCaller *caller, JsonObject *program, GError **error)
{
  if (pdn_ws_access_may_read (caller, program))
    return TRUE;
  return forbid (error, _("Only the coordinators and leads of the program’s organizations may "
                          "see its schools"));
}

/* Mentors work for the program's lead organization: its leads log their
 * calls, besides the program's coordinators. */
gboolean
pdn_ws_access_check_log_calls (const PdnCaller *caller, JsonObject *program, GError **error)
{
  gint64 lead = json_object_get_int_member_with_default (program, "lead_organization_id", 0);

  if (caller->may_edit_program
      || (g_strcmp0 (caller->role, "lead") == 0 && caller->organization_id > 0
          && caller->organization_id == lead))
    return TRUE;
  return forbid (error, _("Only the program’s coordinators and the leads of its lead "
                          "organization may log coaching calls"));
}
