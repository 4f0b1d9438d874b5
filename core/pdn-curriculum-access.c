/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-curriculum-access.h"
#include "pdn-curriculum-repo.h"
#include "pdn-organization.h"

/* Curricula are shared across organizations, so their rules differ from
 * programs':
 *
 * - anyone signed in reads any curriculum; a public one is readable
 *   without signing in (the API and git clone);
 * - the owner organization's coordinators and leads edit main, release it
 *   and merge adaptations into it;
 * - any organization's coordinators and leads adapt a curriculum on the
 *   branch adaptations/<their organization's slug>, and only they edit it;
 * - admins do everything; teachers only read. */

#define ADAPTATIONS_PREFIX "adaptations/"

static gboolean
forbid (GError **error, const gchar *message)
{
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL, "%s", message);
  return FALSE;
}

gchar *
pdn_curriculum_access_adaptation_branch (const gchar *organization_slug)
{
  return g_strconcat (ADAPTATIONS_PREFIX, organization_slug, NULL);
}

/* @caller: (nullable): %NULL for an anonymous request */
gboolean
pdn_curriculum_access_may_read (PdnCurriculum *curriculum, PdnAccount *caller)
{
  return curriculum->is_public || (caller != NULL && !caller->disabled);
}

/* Whether @caller is an admin, or a coordinator or lead of @organization_id. */
gboolean
pdn_curriculum_access_check_act_for (PdnAccount *caller, gint64 organization_id,
                                     const gchar *field, GError **error)
{
  if (caller->disabled)
    return forbid (error, _("This account is disabled"));
  if (caller->role == PDN_LOGIN_ROLE_ADMIN)
    return TRUE;
  if ((caller->role == PDN_LOGIN_ROLE_COORDINATOR || caller->role == PDN_LOGIN_ROLE_LEAD)
      && caller->organization_id > 0 && caller->organization_id == organization_id)
    return TRUE;
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, field,
                       _("Only an organization's coordinators and leads act for it"));
  return FALSE;
}

static gboolean
check_adaptation (PdnStore *store, PdnAccount *caller, const gchar *slug, GError **error)
{
  g_autoptr (PdnOrganization) own = NULL;

  if (caller->organization_id <= 0)
    return forbid (error, _("Only coordinators and leads edit adaptations"));
  own = pdn_organization_load (store, caller->organization_id, error);
  if (own == NULL)
    return FALSE;
  if (strcmp (own->slug, slug) == 0)
    return TRUE;
  return forbid (error, _("Only the adapting organization's coordinators and leads edit its "
                          "adaptation"));
}

/**
 * pdn_curriculum_access_check_edit:
 * @branch: main or adaptations/<organization slug>
 *
 * Whether @caller may commit to @branch of @curriculum (and, for main,
 * release and merge into it). PDN_ERROR_FORBIDDEN otherwise.
 */
gboolean
pdn_curriculum_access_check_edit (PdnStore *store, PdnAccount *caller, PdnCurriculum *curriculum,
                                  const gchar *branch, GError **error)
{
  if (caller->disabled)
    return forbid (error, _("This account is disabled"));
  if (caller->role == PDN_LOGIN_ROLE_ADMIN)
    return TRUE;
  if (caller->role != PDN_LOGIN_ROLE_COORDINATOR && caller->role != PDN_LOGIN_ROLE_LEAD)
    return forbid (error, _("Only coordinators and leads edit curricula"));
  if (strcmp (branch, PDN_CURRICULUM_MAIN) == 0)
    {
      if (caller->organization_id == curriculum->owner_organization_id)
        return TRUE;
      return forbid (error, _("Only the owner organization's coordinators and leads change a "
                              "curriculum's main line; adapt it instead"));
    }
  if (g_str_has_prefix (branch, ADAPTATIONS_PREFIX))
    return check_adaptation (store, caller, branch + strlen (ADAPTATIONS_PREFIX), error);
  return forbid (error, _("Only admins edit this branch"));
}
