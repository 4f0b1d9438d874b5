/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-account.h"
#include "pdn-statement.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Who may do what, by role and organization. Each check returns TRUE when
 * @account may act, otherwise FALSE with PDN_ERROR_FORBIDDEN (or a store
 * error). A disabled account may do nothing.
 *
 * - admin: everything.
 * - coordinator of O: edits O's schools and the people currently at them,
 *   and programs O leads or partners in (with their series and sessions);
 *   reads the people a coordinator or lead of O may see (below).
 * - lead of O: reads what a coordinator of O reads; leads and coordinators
 *   of O run reports for the programs O leads or partners in, and read and
 *   import the outcomes of O's schools (no one else's).
 * - teacher: only its own person (and, through it, its registrations,
 *   check-ins and feedback).
 *
 * Callers check both sides of a change: moving a school or a program to
 * another organization needs the check before and after. */

gboolean pdn_access_check_admin (PdnAccount *account, GError **error);
gboolean pdn_access_check_edit_school (PdnAccount *account, gint64 organization_id,
                                       GError **error);
gboolean pdn_access_check_outcomes (PdnAccount *account, gint64 organization_id, GError **error);
gboolean pdn_access_check_read_person (PdnStore *store, PdnAccount *account, gint64 person_id,
                                       GError **error);
gboolean pdn_access_check_edit_person (PdnStore *store, PdnAccount *account, gint64 person_id,
                                       GError **error);
gboolean pdn_access_check_replace_person (PdnStore *store, PdnAccount *account,
                                          gint64 person_id, GError **error);
gboolean pdn_access_check_act_as_person (PdnAccount *account, gint64 person_id, GError **error);
gboolean pdn_access_check_program_organizations (PdnAccount *account,
                                                 gint64 lead_organization_id,
                                                 const GArray *partner_organization_ids,
                                                 GError **error);
gboolean pdn_access_check_edit_program (PdnStore *store, PdnAccount *account, gint64 program_id,
                                        GError **error);
gboolean pdn_access_check_run_reports (PdnStore *store, PdnAccount *account, gint64 program_id,
                                       GError **error);
gboolean pdn_access_report_scope (PdnAccount *account, gint64 *organization_id,
                                  GError **error);

/* The programs organization O leads or partners in; binds O twice. */
#define PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL                                                  \
  "SELECT id FROM programs WHERE lead_organization_id = ? "                                      \
  "UNION SELECT program_id FROM program_partners WHERE organization_id = ?"

/**
 * PDN_ACCESS_PERSON_VISIBLE_SQL:
 *
 * A condition on a row of `people` (the table must be called `people` in
 * the query): whether coordinators and leads of organization O may see the
 * person. That is anyone ever affiliated with one of O's schools (O's
 * reports count them for those years), and anyone registered for, attending
 * or facilitating a session of a program O leads or partners in. Bind O
 * with pdn_access_bind_person_visible() to its
 * PDN_ACCESS_PERSON_VISIBLE_PARAMS parameters. List endpoints filter with
 * it: "SELECT … FROM people WHERE " PDN_ACCESS_PERSON_VISIBLE_SQL " …".
 */
#define PDN_ACCESS_PERSON_VISIBLE_SQL                                                            \
  "(EXISTS (SELECT 1 FROM affiliations a JOIN schools s ON s.id = a.school_id "                 \
  "   WHERE a.person_id = people.id AND s.organization_id = ?)"                                  \
  " OR EXISTS (SELECT 1 FROM registrations r JOIN sessions x ON x.id = r.session_id "          \
  "   WHERE r.person_id = people.id "                                                            \
  "   AND x.program_id IN (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL "))"                        \
  " OR EXISTS (SELECT 1 FROM attendance t JOIN sessions x ON x.id = t.session_id "             \
  "   WHERE t.person_id = people.id "                                                            \
  "   AND x.program_id IN (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL "))"                        \
  " OR EXISTS (SELECT 1 FROM session_facilitators f JOIN sessions x ON x.id = f.session_id "   \
  "   WHERE f.person_id = people.id "                                                            \
  "   AND x.program_id IN (" PDN_ACCESS_PROGRAMS_OF_ORGANIZATION_SQL ")))"
#define PDN_ACCESS_PERSON_VISIBLE_PARAMS 7

guint pdn_access_bind_person_visible (PdnStatement *stmt, guint first_index,
                                      gint64 organization_id);

G_END_DECLS
