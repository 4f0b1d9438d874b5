/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-school.h"
#include "pdn-test-network.h"

static gint64
add_organization (PdnStore *store, const gchar *name, PdnOrganizationKind kind)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (GError) error = NULL;

  organization->name = g_strdup (name);
  organization->slug = pdn_organization_slug_from_name (name);
  organization->kind = kind;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  return organization->id;
}

static gint64
add_school (PdnStore *store, gint64 organization_id, const gchar *name, PdnSector sector)
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

static gint64
add_teacher (PdnStore *store, const gchar *name, const gchar *email, gint64 school_id)
{
  g_autoptr (PdnPerson) person = pdn_person_new ();
  g_autoptr (GError) error = NULL;

  person->name = g_strdup (name);
  person->email = g_strdup (email);
  person->role = PDN_PERSON_ROLE_TEACHER;
  pdn_person_add_affiliation (person, school_id, NULL, NULL);
  g_assert_true (pdn_person_insert (person, store, &error));
  g_assert_no_error (error);
  return person->id;
}

PdnTestNetwork *
pdn_test_network_start (void)
{
  PdnTestNetwork *network = g_new0 (PdnTestNetwork, 1);
  g_autoptr (PdnStore) store = NULL;

  network->daemon = pdn_test_daemon_new ();
  store = pdn_test_daemon_open_store (network->daemon);
  network->district_id
      = add_organization (store, "Riverton Public Schools", PDN_ORGANIZATION_KIND_DISTRICT);
  network->charter_id
      = add_organization (store, "Harbor Charter Network", PDN_ORGANIZATION_KIND_CMO);
  network->lincoln_id
      = add_school (store, network->district_id, "Lincoln Elementary", PDN_SECTOR_DISTRICT);
  network->adams_id
      = add_school (store, network->district_id, "Adams Middle", PDN_SECTOR_DISTRICT);
  network->harbor_id = add_school (store, network->charter_id, "Harbor Prep", PDN_SECTOR_CHARTER);
  network->district_teacher_id
      = add_teacher (store, "Dana Diaz", "dana@riverton.example", network->lincoln_id);
  network->charter_teacher_id
      = add_teacher (store, "Carmen Cruz", "carmen@harbor.example", network->harbor_id);
  network->admin = pdn_test_account_token (store, "Ada Admin", PDN_LOGIN_ROLE_ADMIN, 0, 0);
  network->district_coordinator = pdn_test_account_token (
      store, "Riverton coordinator", PDN_LOGIN_ROLE_COORDINATOR, network->district_id, 0);
  network->district_lead = pdn_test_account_token (store, "Riverton lead", PDN_LOGIN_ROLE_LEAD,
                                                   network->district_id, 0);
  network->charter_coordinator = pdn_test_account_token (
      store, "Harbor coordinator", PDN_LOGIN_ROLE_COORDINATOR, network->charter_id, 0);
  network->district_teacher = pdn_test_account_token (store, "Dana Diaz", PDN_LOGIN_ROLE_TEACHER, 0,
                                                      network->district_teacher_id);
  network->charter_teacher = pdn_test_account_token (store, "Carmen Cruz", PDN_LOGIN_ROLE_TEACHER,
                                                     0, network->charter_teacher_id);
  pdn_test_daemon_run (network->daemon, NULL, NULL);
  return network;
}

/* Stops the daemon as SIGTERM does, which must end it cleanly (and,
 * under the sanitizers, without leaks). */
void
pdn_test_network_free (PdnTestNetwork *network)
{
  g_autofree gchar *out = NULL;

  g_assert_cmpint (pdn_test_daemon_stop (network->daemon, &out), ==, 0);
  pdn_test_daemon_free (network->daemon);
  g_free (network->admin);
  g_free (network->district_coordinator);
  g_free (network->district_lead);
  g_free (network->charter_coordinator);
  g_free (network->district_teacher);
  g_free (network->charter_teacher);
  g_free (network);
}

PdnTestReply *
pdn_test_network_call (PdnTestNetwork *network, const gchar *method, const gchar *path,
                       const gchar *token, const gchar *body)
{
  return pdn_test_call_json (network->daemon, method, path, token, body);
}

void
pdn_test_assert_reply_problem (PdnTestReply *reply, guint status, const gchar *code,
                               const gchar *field)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply->type, ==, "application/problem+json");
  pdn_test_assert_problem (pdn_test_reply_object (reply), status, code, field);
}

JsonObject *
pdn_test_assert_reply_ok (PdnTestReply *reply, guint status)
{
  if (reply->status != status && reply->node != NULL)
    {
      g_autofree gchar *text = json_to_string (reply->node, FALSE);
      g_test_message ("unexpected reply: %s", text);
    }
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply->type, ==, "application/json");
  return pdn_test_reply_object (reply);
}

GArray *
pdn_test_reply_item_ids (PdnTestReply *reply)
{
  return pdn_test_page_ids (pdn_test_assert_reply_ok (reply, 200));
}

gboolean
pdn_test_ids_contain (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

void
pdn_test_assert_needs_token (PdnTestNetwork *network, const gchar *method, const gchar *path,
                             const gchar *body)
{
  g_autoptr (PdnTestReply) anonymous = pdn_test_network_call (network, method, path, NULL, body);
  g_autoptr (PdnTestReply) bad
      = pdn_test_network_call (network, method, path, "not-a-real-token", body);

  pdn_test_assert_reply_problem (anonymous, 401, "unauthorized", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (anonymous->headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"pdnet\"");
  pdn_test_assert_reply_problem (bad, 401, "unauthorized", NULL);
}

void
pdn_test_assert_healthy (PdnTestNetwork *network)
{
  g_autoptr (PdnTestReply) reply
      = pdn_test_network_call (network, "GET", "/api/v1/health", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
}
