/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-access.h"
#include "pdn-account.h"
#include "pdn-attendance.h"
#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-program.h"
#include "pdn-registration.h"
#include "pdn-school.h"
#include "pdn-session.h"
#include "pdn-test.h"

/* A district (metro) and a charter network (beacon), one school each.
 *
 * Programs: p_metro led by metro; p_shared led by beacon with metro as a
 * partner; p_beacon led by beacon alone. One session each.
 *
 * People: dana teaches at Lincoln (metro). carl, cora, ada, fay teach at
 * Beacon Prep; cora is registered for the p_metro session, ada attended
 * the p_shared session, fay facilitates the p_metro session, carl is
 * registered only in p_beacon. moss left Lincoln in 2020 for Beacon Prep. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 metro, beacon;
  gint64 lincoln, beacon_prep;
  gint64 dana, carl, cora, ada, fay, moss;
  gint64 p_metro, p_shared, p_beacon;
  PdnAccount *admin;
  PdnAccount *metro_coordinator, *metro_lead;
  PdnAccount *beacon_coordinator, *beacon_lead;
  PdnAccount *dana_account;
} Fixture;

static gint64
add_organization (PdnStore *store, const gchar *slug, PdnOrganizationKind kind)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (GError) error = NULL;

  organization->name = g_strdup (slug);
  organization->slug = g_strdup (slug);
  organization->kind = kind;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  return organization->id;
}

static gint64
add_school (PdnStore *store, const gchar *name, PdnSector sector, gint64 organization_id)
{
  g_autoptr (PdnSchool) school = pdn_school_new ();
  g_autoptr (GError) error = NULL;

  school->name = g_strdup (name);
  school->sector = sector;
  school->organization_id = organization_id;
  g_assert_true (pdn_school_insert (school, store, &error));
  g_assert_no_error (error);
  return school->id;
}

/* @moved_from: a school the person left at the end of 2020, or 0. */
static gint64
add_person (PdnStore *store, const gchar *name, gint64 school_id, gint64 moved_from)
{
  g_autoptr (PdnPerson) person = pdn_person_new ();
  g_autoptr (GError) error = NULL;

  person->name = g_strdup (name);
  person->email = g_strdup_printf ("%s@example.org", name);
  if (moved_from > 0)
    {
      pdn_person_add_affiliation (person, moved_from, NULL, "2020-12-31");
      pdn_person_add_affiliation (person, school_id, "2021-01-01", NULL);
    }
  else
    pdn_person_add_affiliation (person, school_id, NULL, NULL);
  g_assert_true (pdn_person_insert (person, store, &error));
  g_assert_no_error (error);
  return person->id;
}

static PdnAccount *
add_account (PdnStore *store, const gchar *name, PdnLoginRole role, gint64 organization_id,
             gint64 person_id)
{
  PdnAccount *account = pdn_account_new ();
  g_autoptr (GError) error = NULL;

  account->name = g_strdup (name);
  account->role = role;
  account->organization_id = organization_id;
  account->person_id = person_id;
  g_assert_true (pdn_account_insert (account, store, &error));
  g_assert_no_error (error);
  return account;
}

/* A program led by @lead, with @partner (0: none). */
static gint64
add_program (PdnStore *store, gint64 lead, gint64 partner)
{
  g_autoptr (PdnProgram) program = pdn_program_new ();
  g_autoptr (GError) error = NULL;

  program->name = g_strdup ("Feedback cycles");
  program->type = g_strdup ("workshop-series");
  program->lead_organization_id = lead;
  program->school_year = g_strdup ("2025-26");
  if (partner > 0)
    pdn_program_add_partner (program, partner);
  g_assert_true (pdn_program_insert (program, store, &error));
  g_assert_no_error (error);
  return program->id;
}

/* One session of @program, facilitated by @facilitator (0: nobody). */
static gint64
add_session (PdnStore *store, gint64 program, gint64 facilitator)
{
  g_autoptr (PdnSession) session = pdn_session_new ();
  g_autoptr (GError) error = NULL;

  session->program_id = program;
  session->kind = g_strdup ("workshop");
  session->title = g_strdup ("Feedback");
  session->starts_at = g_strdup ("2025-10-01T15:00:00Z");
  session->ends_at = g_strdup ("2025-10-01T17:00:00Z");
  session->time_zone = g_strdup ("America/Chicago");
  if (facilitator > 0)
    pdn_session_add_facilitator (session, facilitator);
  g_assert_true (pdn_session_insert (session, store, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
add_registration (PdnStore *store, gint64 session, gint64 person)
{
  g_autoptr (PdnRegistration) registration = pdn_registration_new ();
  g_autoptr (GError) error = NULL;

  registration->session_id = session;
  registration->person_id = person;
  g_assert_true (pdn_registration_insert (registration, store, &error));
  g_assert_no_error (error);
}

static void
add_attendance (PdnStore *store, gint64 session, gint64 person)
{
  g_autoptr (PdnAttendance) attendance = pdn_attendance_new ();
  g_autoptr (GError) error = NULL;

  attendance->session_id = session;
  attendance->person_id = person;
  attendance->status = PDN_ATTENDANCE_STATUS_PRESENT;
  g_assert_true (pdn_attendance_record (attendance, store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 s_metro, s_shared, s_beacon;

  f->store = pdn_test_store_new (&f->dir);
  f->metro = add_organization (f->store, "metro", PDN_ORGANIZATION_KIND_DISTRICT);
  f->beacon = add_organization (f->store, "beacon", PDN_ORGANIZATION_KIND_CMO);
  f->lincoln = add_school (f->store, "Lincoln", PDN_SECTOR_DISTRICT, f->metro);
  f->beacon_prep = add_school (f->store, "Beacon Prep", PDN_SECTOR_CHARTER, f->beacon);
  f->dana = add_person (f->store, "dana", f->lincoln, 0);
  f->carl = add_person (f->store, "carl", f->beacon_prep, 0);
  f->cora = add_person (f->store, "cora", f->beacon_prep, 0);
  f->ada = add_person (f->store, "ada", f->beacon_prep, 0);
  f->fay = add_person (f->store, "fay", f->beacon_prep, 0);
  f->moss = add_person (f->store, "moss", f->beacon_prep, f->lincoln);

  f->p_metro = add_program (f->store, f->metro, 0);
  f->p_shared = add_program (f->store, f->beacon, f->metro);
  f->p_beacon = add_program (f->store, f->beacon, 0);
  s_metro = add_session (f->store, f->p_metro, f->fay);
  s_shared = add_session (f->store, f->p_shared, 0);
  s_beacon = add_session (f->store, f->p_beacon, 0);
  add_registration (f->store, s_metro, f->cora);
  add_registration (f->store, s_beacon, f->carl);
  add_attendance (f->store, s_shared, f->ada);

  f->admin = add_account (f->store, "root", PDN_LOGIN_ROLE_ADMIN, 0, 0);
  f->metro_coordinator = add_account (f->store, "mc", PDN_LOGIN_ROLE_COORDINATOR, f->metro, 0);
  f->metro_lead = add_account (f->store, "ml", PDN_LOGIN_ROLE_LEAD, f->metro, 0);
  f->beacon_coordinator = add_account (f->store, "bc", PDN_LOGIN_ROLE_COORDINATOR, f->beacon, 0);
  f->beacon_lead = add_account (f->store, "bl", PDN_LOGIN_ROLE_LEAD, f->beacon, 0);
  f->dana_account = add_account (f->store, "dana", PDN_LOGIN_ROLE_TEACHER, 0, f->dana);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->metro_coordinator);
  g_clear_object (&f->metro_lead);
  g_clear_object (&f->beacon_coordinator);
  g_clear_object (&f->beacon_lead);
  g_clear_object (&f->dana_account);
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

/* Checks an access result: allowed, or refused as forbidden. */
static void
assert_access (gboolean allowed, GError *error, gboolean expected)
{
  if (expected)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
    }
  else
    {
      g_assert_false (allowed);
      g_assert_error (error, PDN_ERROR, PDN_ERROR_FORBIDDEN);
      g_assert_null (pdn_error_get_field (error));
    }
}

static void
assert_read (Fixture *f, PdnAccount *account, gint64 person, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_read_person (f->store, account, person, &error);

  assert_access (allowed, error, expected);
}

static void
assert_edit (Fixture *f, PdnAccount *account, gint64 person, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_edit_person (f->store, account, person, &error);

  assert_access (allowed, error, expected);
}

static void
assert_edit_program (Fixture *f, PdnAccount *account, gint64 program, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_edit_program (f->store, account, program, &error);

  assert_access (allowed, error, expected);
}

static void
assert_reports (Fixture *f, PdnAccount *account, gint64 program, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_run_reports (f->store, account, program, &error);

  assert_access (allowed, error, expected);
}

static void
assert_edit_school (PdnAccount *account, gint64 organization, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_edit_school (account, organization, &error);

  assert_access (allowed, error, expected);
}

/* A district coordinator does not see a charter network's teachers,
 * except those who take part in the district's programs. */
static void
test_district_coordinator_reads (Fixture *f, gconstpointer data)
{
  PdnAccount *mc = f->metro_coordinator;

  assert_read (f, mc, f->dana, TRUE);
  assert_read (f, mc, f->carl, FALSE);
  /* Registered for a session of a program metro leads. */
  assert_read (f, mc, f->cora, TRUE);
  /* Attended a session of a program metro partners in. */
  assert_read (f, mc, f->ada, TRUE);
  /* Facilitates a session of metro's program. */
  assert_read (f, mc, f->fay, TRUE);
  /* Was at a metro school once. */
  assert_read (f, mc, f->moss, TRUE);
  assert_read (f, mc, 9999, FALSE);
}

static void
test_charter_coordinator_reads (Fixture *f, gconstpointer data)
{
  PdnAccount *bc = f->beacon_coordinator;

  assert_read (f, bc, f->carl, TRUE);
  assert_read (f, bc, f->cora, TRUE);
  assert_read (f, bc, f->moss, TRUE);
  assert_read (f, bc, f->dana, FALSE);
}

/* Leads read what their coordinators read, and change nothing. */
static void
test_lead_reads_but_does_not_edit (Fixture *f, gconstpointer data)
{
  PdnAccount *ml = f->metro_lead;

  assert_read (f, ml, f->dana, TRUE);
  assert_read (f, ml, f->cora, TRUE);
  assert_read (f, ml, f->carl, FALSE);
  assert_edit (f, ml, f->dana, FALSE);
  assert_edit_school (ml, f->metro, FALSE);
  assert_edit_program (f, ml, f->p_metro, FALSE);
}

/* Coordinators edit the people now at their schools, not those who only
 * take part in their programs or who have moved on. */
static void
test_coordinator_edits_people (Fixture *f, gconstpointer data)
{
  assert_edit (f, f->metro_coordinator, f->dana, TRUE);
  assert_edit (f, f->metro_coordinator, f->cora, FALSE);
  assert_edit (f, f->metro_coordinator, f->moss, FALSE);
  assert_edit (f, f->metro_coordinator, f->carl, FALSE);
  assert_edit (f, f->beacon_coordinator, f->moss, TRUE);
  assert_edit (f, f->beacon_coordinator, f->carl, TRUE);
  assert_edit (f, f->beacon_coordinator, f->dana, FALSE);
}

static void
test_coordinator_edits_schools (Fixture *f, gconstpointer data)
{
  assert_edit_school (f->metro_coordinator, f->metro, TRUE);
  assert_edit_school (f->metro_coordinator, f->beacon, FALSE);
  assert_edit_school (f->beacon_coordinator, f->beacon, TRUE);
  assert_edit_school (f->beacon_coordinator, 0, FALSE);
  assert_edit_school (f->dana_account, f->metro, FALSE);
  assert_edit_school (f->admin, f->beacon, TRUE);
}

/* Programs the organization leads or partners in. */
static void
test_coordinator_edits_programs (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) partners = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  gboolean allowed;

  assert_edit_program (f, f->metro_coordinator, f->p_metro, TRUE);
  assert_edit_program (f, f->metro_coordinator, f->p_shared, TRUE);
  assert_edit_program (f, f->metro_coordinator, f->p_beacon, FALSE);
  assert_edit_program (f, f->beacon_coordinator, f->p_metro, FALSE);
  assert_edit_program (f, f->beacon_coordinator, f->p_shared, TRUE);
  assert_edit_program (f, f->metro_coordinator, 9999, FALSE);

  /* A new program: metro must lead it or be a partner. */
  allowed = pdn_access_check_program_organizations (f->metro_coordinator, f->beacon, NULL,
                                                    &error);
  assert_access (allowed, error, FALSE);
  g_clear_error (&error);
  g_array_append_val (partners, f->beacon);
  allowed = pdn_access_check_program_organizations (f->metro_coordinator, f->beacon, partners,
                                                    &error);
  assert_access (allowed, error, FALSE);
  g_clear_error (&error);
  g_array_append_val (partners, f->metro);
  allowed = pdn_access_check_program_organizations (f->metro_coordinator, f->beacon, partners,
                                                    &error);
  assert_access (allowed, error, TRUE);
  allowed = pdn_access_check_program_organizations (f->metro_coordinator, f->metro, NULL,
                                                    &error);
  assert_access (allowed, error, TRUE);
  allowed = pdn_access_check_program_organizations (f->metro_lead, f->metro, NULL, &error);
  assert_access (allowed, error, FALSE);
}

/* Reports: leads of the lead organization only. */
static void
test_reports (Fixture *f, gconstpointer data)
{
  assert_reports (f, f->metro_lead, f->p_metro, TRUE);
  assert_reports (f, f->metro_lead, f->p_shared, TRUE);
  assert_reports (f, f->metro_lead, f->p_beacon, FALSE);
  assert_reports (f, f->beacon_lead, f->p_shared, TRUE);
  assert_reports (f, f->beacon_lead, f->p_beacon, TRUE);
  assert_reports (f, f->beacon_lead, f->p_metro, FALSE);
  assert_reports (f, f->metro_coordinator, f->p_metro, TRUE);
  assert_reports (f, f->metro_coordinator, f->p_beacon, FALSE);
  assert_reports (f, f->dana_account, f->p_metro, FALSE);
  assert_reports (f, f->admin, f->p_beacon, TRUE);
}

static void
assert_report_scope (PdnAccount *account, gboolean expected, gint64 expected_organization)
{
  g_autoptr (GError) error = NULL;
  gint64 organization = -1;
  gboolean allowed = pdn_access_report_scope (account, &organization, &error);

  assert_access (allowed, error, expected);
  g_assert_cmpint (organization, ==, expected_organization);
}

/* Reports over every program: the same people, over the same programs. */
static void
test_report_scope (Fixture *f, gconstpointer data)
{
  assert_report_scope (f->admin, TRUE, 0);
  assert_report_scope (f->metro_lead, TRUE, f->metro);
  assert_report_scope (f->beacon_lead, TRUE, f->beacon);
  assert_report_scope (f->metro_coordinator, TRUE, f->metro);
  assert_report_scope (f->dana_account, FALSE, 0);
  f->admin->disabled = TRUE;
  f->metro_lead->disabled = TRUE;
  assert_report_scope (f->admin, FALSE, 0);
  assert_report_scope (f->metro_lead, FALSE, 0);
}

/* A teacher reaches only its own person. */
static void
test_teacher_only_self (Fixture *f, gconstpointer data)
{
  PdnAccount *dana = f->dana_account;
  g_autoptr (GError) error = NULL;
  gboolean allowed;

  assert_read (f, dana, f->dana, TRUE);
  assert_read (f, dana, f->carl, FALSE);
  assert_read (f, dana, f->moss, FALSE);
  assert_edit (f, dana, f->dana, TRUE);
  assert_edit (f, dana, f->moss, FALSE);
  assert_edit_program (f, dana, f->p_metro, FALSE);
  allowed = pdn_access_check_act_as_person (dana, f->dana, &error);
  assert_access (allowed, error, TRUE);
  allowed = pdn_access_check_act_as_person (dana, f->carl, &error);
  assert_access (allowed, error, FALSE);
  g_clear_error (&error);
  /* Registering someone else is not a coordinator's place either. */
  allowed = pdn_access_check_act_as_person (f->metro_coordinator, f->dana, &error);
  assert_access (allowed, error, FALSE);
  g_clear_error (&error);
  allowed = pdn_access_check_admin (dana, &error);
  assert_access (allowed, error, FALSE);
}

static void
test_admin_everything (Fixture *f, gconstpointer data)
{
  gint64 people[] = { f->dana, f->carl, f->cora, f->ada, f->fay, f->moss };
  gint64 programs[] = { f->p_metro, f->p_shared, f->p_beacon };
  g_autoptr (GError) error = NULL;
  gboolean allowed;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      assert_read (f, f->admin, people[i], TRUE);
      assert_edit (f, f->admin, people[i], TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      assert_edit_program (f, f->admin, programs[i], TRUE);
      assert_reports (f, f->admin, programs[i], TRUE);
    }
  allowed = pdn_access_check_admin (f->admin, &error);
  assert_access (allowed, error, TRUE);
  allowed = pdn_access_check_act_as_person (f->admin, f->carl, &error);
  assert_access (allowed, error, TRUE);
  allowed = pdn_access_check_admin (f->metro_coordinator, &error);
  assert_access (allowed, error, FALSE);
}

/* A disabled account may do nothing, even as an admin. */
static void
test_disabled (Fixture *f, gconstpointer data)
{
  f->admin->disabled = TRUE;
  f->metro_coordinator->disabled = TRUE;
  assert_read (f, f->admin, f->dana, FALSE);
  assert_read (f, f->metro_coordinator, f->dana, FALSE);
  assert_edit (f, f->metro_coordinator, f->dana, FALSE);
  assert_edit_school (f->admin, f->metro, FALSE);
  assert_reports (f, f->admin, f->p_metro, FALSE);
}

/* The same rule filters lists. */
static void
test_visible_people_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 expected[] = { f->dana, f->cora, f->ada, f->fay, f->moss };
  guint next;
  PdnStep step;

  stmt = pdn_store_prepare (f->store,
                            "SELECT id FROM people WHERE " PDN_ACCESS_PERSON_VISIBLE_SQL
                            " AND id > ? ORDER BY id",
                            &error);
  g_assert_no_error (error);
  next = pdn_access_bind_person_visible (stmt, 1, f->metro);
  g_assert_cmpuint (next, ==, 1 + PDN_ACCESS_PERSON_VISIBLE_PARAMS);
  pdn_statement_bind_int64 (stmt, next, 0);
  while ((step = pdn_statement_step (stmt, &error)) == PDN_STEP_ROW)
    {
      gint64 id = pdn_statement_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  g_assert_cmpint (step, ==, PDN_STEP_DONE);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected, sizeof expected);
}

static void
assert_replace (Fixture *f, PdnAccount *account, gint64 person, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_replace_person (f->store, account, person, &error);

  assert_access (allowed, error, expected);
}

/* Removing a person or replacing their history: a coordinator only for
 * people whose every affiliation is at its schools (moss was at Lincoln,
 * which metro's reports still count). */
static void
test_replace_person (Fixture *f, gconstpointer data)
{
  assert_replace (f, f->admin, f->moss, TRUE);
  assert_replace (f, f->metro_coordinator, f->dana, TRUE);
  assert_replace (f, f->beacon_coordinator, f->carl, TRUE);
  assert_replace (f, f->beacon_coordinator, f->moss, FALSE);
  assert_replace (f, f->metro_coordinator, f->moss, FALSE);
  assert_replace (f, f->metro_coordinator, f->cora, FALSE);
  assert_replace (f, f->metro_lead, f->dana, FALSE);
  assert_replace (f, f->dana_account, f->dana, FALSE);
}

static void
assert_outcomes (PdnAccount *account, gint64 organization, gboolean expected)
{
  g_autoptr (GError) error = NULL;
  gboolean allowed = pdn_access_check_outcomes (account, organization, &error);

  assert_access (allowed, error, expected);
}

/* Outcomes stay within their organization: coordinators and leads of the
 * school's organization, not partners in its programs (metro partners in
 * p_shared, led by beacon), not teachers. */
static void
test_outcomes (Fixture *f, gconstpointer data)
{
  assert_outcomes (f->admin, f->metro, TRUE);
  assert_outcomes (f->admin, f->beacon, TRUE);
  assert_outcomes (f->metro_coordinator, f->metro, TRUE);
  assert_outcomes (f->metro_lead, f->metro, TRUE);
  assert_outcomes (f->beacon_lead, f->beacon, TRUE);
  assert_outcomes (f->metro_coordinator, f->beacon, FALSE);
  assert_outcomes (f->metro_lead, f->beacon, FALSE);
  assert_outcomes (f->beacon_coordinator, f->metro, FALSE);
  assert_outcomes (f->metro_coordinator, 0, FALSE);
  assert_outcomes (f->dana_account, f->metro, FALSE);
  assert_outcomes (f->dana_account, 0, FALSE);
  f->admin->disabled = TRUE;
  f->metro_lead->disabled = TRUE;
  assert_outcomes (f->admin, f->metro, FALSE);
  assert_outcomes (f->metro_lead, f->metro, FALSE);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/access/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("district-coordinator-reads", test_district_coordinator_reads);
  ADD ("charter-coordinator-reads", test_charter_coordinator_reads);
  ADD ("lead-reads-but-does-not-edit", test_lead_reads_but_does_not_edit);
  ADD ("coordinator-edits-people", test_coordinator_edits_people);
  ADD ("coordinator-edits-schools", test_coordinator_edits_schools);
  ADD ("coordinator-edits-programs", test_coordinator_edits_programs);
  ADD ("reports", test_reports);
  ADD ("report-scope", test_report_scope);
  ADD ("outcomes", test_outcomes);
  ADD ("teacher-only-self", test_teacher_only_self);
  ADD ("admin-everything", test_admin_everything);
  ADD ("disabled", test_disabled);
  ADD ("visible-people-list", test_visible_people_list);
  ADD ("replace-person", test_replace_person);
  return g_test_run ();
}
