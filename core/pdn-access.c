/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-time.h"

static gboolean
forbid (GError **error, const gchar *message)
{
  pdn_error_set_field (error, PDN_ERROR_FORBIDDEN, NULL, "%s", message);
  return FALSE;
}

/* Admins pass every check; disabled accounts none. Returns TRUE when the
 * answer is settled, in *@allowed. */
static gboolean
settled (PdnAccount *account, gboolean *allowed, GError **error)
{
  if (account->disabled)
    {
      *allowed = forbid (error, _("This account is disabled"));
      return TRUE;
    }
  *allowed = account->role == PDN_LOGIN_ROLE_ADMIN;
  return *allowed;
}

/* Coordinators and leads act for their organization. */
static gboolean
acts_for_organization (PdnAccount *account)
{
  return (account->role == PDN_LOGIN_ROLE_COORDINATOR || account->role == PDN_LOGIN_ROLE_LEAD)
         && account->organization_id > 0;
}

gboolean
pdn_access_check_admin (PdnAccount *account, GError **error)
{
  gboolean allowed;

  if (settled (account, &allowed, error))
    return allowed;
  return forbid (error, _("Only an administrator may do this"));
}

/**
 * pdn_access_check_edit_school:
 * @organization_id: the organization the school belongs to
 *
 * Also for a school's yearly facts, and for placing people at a school.
 */
gboolean
pdn_access_check_edit_school (PdnAccount *account, gint64 organization_id, GError **error)
{
  gboolean allowed;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_COORDINATOR && organization_id > 0
      && account->organization_id == organization_id)
    return TRUE;
  return forbid (error, _("Only the coordinators of a school's organization may change it"));
}

/**
 * pdn_access_check_outcomes:
 * @organization_id: the organization of the school whose outcomes are read
 *   or imported
 *
 * Outcomes are a school's test results: its organization's coordinators
 * and leads read and import them, and no other organization sees them,
 * not even one that partners in its programs.
 */
gboolean
pdn_access_check_outcomes (PdnAccount *account, gint64 organization_id, GError **error)
{
  gboolean allowed;

  if (settled (account, &allowed, error))
    return allowed;
  if (acts_for_organization (account) && account->organization_id == organization_id)
    return TRUE;
  return forbid (error, _("Only the coordinators and leads of a school's organization may see "
                          "or import its outcomes"));
}

/* Runs a prepared COUNT query; TRUE (in *@found) when it counts any row. */
static gboolean
count_any (PdnStatement *stmt, gboolean *found, GError **error)
{
  PdnStep step = pdn_statement_step (stmt, error);

  if (step != PDN_STEP_ROW)
    {
      if (step == PDN_STEP_DONE)
        pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s", _("A count returned no row"));
      return FALSE;
    }
  *found = pdn_statement_column_int64 (stmt, 0) > 0;
  return TRUE;
}

guint
pdn_access_bind_person_visible (PdnStatement *stmt, guint first_index, gint64 organization_id)
{
  for (guint i = 0; i < PDN_ACCESS_PERSON_VISIBLE_PARAMS; i++)
    pdn_statement_bind_int64 (stmt, first_index + i, organization_id);
  return first_index + PDN_ACCESS_PERSON_VISIBLE_PARAMS;
}

static gboolean
person_visible (PdnStore *store, gint64 organization_id, gint64 person_id, gboolean *visible,
                GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store, "SELECT COUNT(*) FROM people WHERE people.id = ? AND " PDN_ACCESS_PERSON_VISIBLE_SQL,
    error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_access_bind_person_visible (stmt, 2, organization_id);
  return count_any (stmt, visible, error);
}

/* See PDN_ACCESS_PERSON_VISIBLE_SQL for whom coordinators and leads see. */
gboolean
pdn_access_check_read_person (PdnStore *store, PdnAccount *account, gint64 person_id,
                              GError **error)
{
  gboolean allowed = FALSE;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_TEACHER)
    allowed = account->person_id > 0 && account->person_id == person_id;
  else if (acts_for_organization (account)
           && !person_visible (store, account->organization_id, person_id, &allowed, error))
    return FALSE;
  return allowed || forbid (error, _("This account may not see this person"));
}

/* Whether the person is at one of the organization's schools now or
 * later: an affiliation there that has not ended. Someone who moved on is
 * edited by their new school's coordinators, though the old ones still
 * see them. */
static gboolean
person_current_at (PdnStore *store, gint64 organization_id, gint64 person_id, gboolean *found,
                   GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree gchar *today = pdn_time_format_date (now);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store,
    "SELECT COUNT(*) FROM affiliations a JOIN schools s ON s.id = a.school_id "
    "WHERE a.person_id = ? AND s.organization_id = ? AND (a.ends_on IS NULL OR a.ends_on >= ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  pdn_statement_bind_text (stmt, 3, today);
  return count_any (stmt, found, error);
}

/* A teacher edits its own person; a coordinator the people at the
 * organization's schools (see person_current_at()). */
gboolean
pdn_access_check_edit_person (PdnStore *store, PdnAccount *account, gint64 person_id,
                              GError **error)
{
  gboolean allowed = FALSE;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_TEACHER)
    allowed = account->person_id > 0 && account->person_id == person_id;
  else if (account->role == PDN_LOGIN_ROLE_COORDINATOR && account->organization_id > 0
           && !person_current_at (store, account->organization_id, person_id, &allowed, error))
    return FALSE;
  return allowed || forbid (error, _("This account may not change this person"));
}

/* Whether the person has an affiliation at a school of an organization
 * other than @organization_id. */
static gboolean
person_elsewhere (PdnStore *store, gint64 organization_id, gint64 person_id, gboolean *found,
                  GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
    store,
    "SELECT COUNT(*) FROM affiliations a JOIN schools s ON s.id = a.school_id "
    "WHERE a.person_id = ? AND s.organization_id <> ?",
    error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, person_id);
  pdn_statement_bind_int64 (stmt, 2, organization_id);
  return count_any (stmt, found, error);
}

/**
 * pdn_access_check_replace_person:
 *
 * Whether @account may remove a person, or replace their whole affiliation
 * history (a people import does): an admin, or a coordinator who may edit
 * the person (pdn_access_check_edit_person()) when none of the person's
 * affiliations is at another organization's schools, whose reports count
 * them.
 */
gboolean
pdn_access_check_replace_person (PdnStore *store, PdnAccount *account, gint64 person_id,
                                 GError **error)
{
  gboolean allowed = FALSE;
  gboolean elsewhere = TRUE;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role != PDN_LOGIN_ROLE_COORDINATOR)
    return forbid (error, _("This account may not change this person"));
  if (!pdn_access_check_edit_person (store, account, person_id, error)
      || !person_elsewhere (store, account->organization_id, person_id, &elsewhere, error))
    return FALSE;
  return !elsewhere
         || forbid (error, _("This person is also at another organization's schools; only an "
                             "administrator may remove them or replace their affiliations"));
}

/* What only the person may do for themselves (or an admin): their own
 * registrations, check-ins and feedback. */
gboolean
pdn_access_check_act_as_person (PdnAccount *account, gint64 person_id, GError **error)
{
  gboolean allowed;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_TEACHER && account->person_id > 0
      && account->person_id == person_id)
    return TRUE;
  return forbid (error, _("Only the person themselves may do this"));
}

/**
 * pdn_access_check_program_organizations:
 * @partner_organization_ids: (element-type gint64) (nullable):
 *
 * Whether a coordinator may create (or save) a program with this lead and
 * these partners: the coordinator's organization must be one of them.
 */
gboolean
pdn_access_check_program_organizations (PdnAccount *account, gint64 lead_organization_id,
                                        const GArray *partner_organization_ids, GError **error)
{
  gboolean allowed;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_COORDINATOR && account->organization_id > 0)
    {
      allowed = lead_organization_id == account->organization_id;
      for (guint i = 0; partner_organization_ids != NULL && i < partner_organization_ids->len;
           i++)
        allowed |= g_array_index (partner_organization_ids, gint64, i)
                   == account->organization_id;
    }
  return allowed
         || forbid (error, _("Only coordinators of a program's lead or partner organizations "
                             "may change it"));
}

/* Also for the program's series and sessions. An unknown program is
 * forbidden too, so the answer does not reveal which ids exist. */
gboolean
pdn_access_check_edit_program (PdnStore *store, PdnAccount *account, gint64 program_id,
                               GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  gboolean allowed = FALSE;

  if (settled (account, &allowed, error))
    return allowed;
  if (account->role == PDN_LOGIN_ROLE_COORDINATOR && account->organization_id > 0)
    {
      stmt = pdn_store_prepare (store,
                                "SELECT COUNT(*) FROM (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL
                                ") WHERE id = ?",
                                error);
      if (stmt == NULL)
        return FALSE;
      pdn_statement_bind_int64 (stmt, 1, account->organization_id);
      pdn_statement_bind_int64 (stmt, 2, account->organization_id);
      pdn_statement_bind_int64 (stmt, 3, program_id);
      if (!count_any (stmt, &allowed, error))
        return FALSE;
    }
  return allowed
         || forbid (error, _("Only coordinators of a program's lead or partner organizations "
                             "may change it"));
}

/* Leads of the program's lead organization (partners' leads do not). */
gboolean
pdn_access_check_run_reports (PdnStore *store, PdnAccount *account, gint64 program_id,
                              GError **error)
{
  g_autoptr (PdnStatement) stmt = NULL;
  gboolean allowed = FALSE;

  if (settled (account, &allowed, error))
    return allowed;
  if ((account->role == PDN_LOGIN_ROLE_LEAD || account->role == PDN_LOGIN_ROLE_COORDINATOR)
      && account->organization_id > 0)
    {
      stmt = pdn_store_prepare (store,
                                "SELECT COUNT(*) FROM (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL
                                ") WHERE id = ?",
                                error);
      if (stmt == NULL)
        return FALSE;
      pdn_statement_bind_int64 (stmt, 1, account->organization_id);
      pdn_statement_bind_int64 (stmt, 2, account->organization_id);
      pdn_statement_bind_int64 (stmt, 3, program_id);
      if (!count_any (stmt, &allowed, error))
        return FALSE;
    }
  return allowed
         || forbid (error, _("Only leads and coordinators of a program's lead or partner "
                             "organizations may run its reports"));
}

/**
 * pdn_access_report_scope:
 * @organization_id: (out): 0 for every program (admins), else the
 *   organization whose programs (led or partnered in) the account may
 *   report on
 *
 * The programs pdn_access_check_run_reports() lets @account report on,
 * for reports over several programs that name none: admins all of them,
 * leads and coordinators those their organization leads or partners in.
 * Anyone else: PDN_ERROR_FORBIDDEN.
 */
gboolean
pdn_access_report_scope (PdnAccount *account, gint64 *organization_id, GError **error)
{
  gboolean allowed = FALSE;

  *organization_id = 0;
  if (settled (account, &allowed, error))
    return allowed;
  if ((account->role == PDN_LOGIN_ROLE_LEAD || account->role == PDN_LOGIN_ROLE_COORDINATOR)
      && account->organization_id > 0)
    {
      *organization_id = account->organization_id;
      return TRUE;
    }
  return forbid (error, _("Only leads and coordinators of a program's lead or partner "
                          "organizations may run its reports"));
}
