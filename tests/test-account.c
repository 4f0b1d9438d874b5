/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"

/* One organization and one person, made through the models. */
typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 organization;
  gint64 person;
} Fixture;

static void
assert_field_error (const GError *error, PdnErrorCode code, const gchar *field)
{
  g_assert_error (error, PDN_ERROR, (gint) code);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (PdnPerson) person = pdn_person_new ();
  g_autoptr (GError) error = NULL;

  f->store = pdn_test_store_new (&f->dir);
  organization->name = g_strdup ("Beacon Charter Network");
  organization->slug = g_strdup ("beacon");
  organization->kind = PDN_ORGANIZATION_KIND_CMO;
  g_assert_true (pdn_organization_insert (organization, f->store, &error));
  g_assert_no_error (error);
  f->organization = organization->id;
  person->name = g_strdup ("Ana Ruiz");
  person->email = g_strdup ("ana@beacon.org");
  g_assert_true (pdn_person_insert (person, f->store, &error));
  g_assert_no_error (error);
  f->person = person->id;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

static gint64
count_accounts (PdnStore *store)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (pdn_store_count (store, "SELECT COUNT(*) FROM accounts WHERE ? = 0", 0, &n,
                                  &error));
  g_assert_no_error (error);
  return n;
}

static PdnAccount *
account_new (const gchar *name, const gchar *email, PdnLoginRole role)
{
  PdnAccount *account = pdn_account_new ();

  account->name = g_strdup (name);
  account->email = g_strdup (email);
  account->role = role;
  return account;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) account = account_new ("Ana Ruiz", "Ana@Beacon.org",
                                                PDN_LOGIN_ROLE_COORDINATOR);
  g_autoptr (PdnAccount) loaded = NULL;
  g_autoptr (GError) error = NULL;

  account->organization_id = f->organization;
  account->person_id = f->person;
  account->password_hash = g_strdup ("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA");
  g_assert_true (pdn_account_insert (account, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (account->id, >, 0);
  loaded = pdn_account_load (f->store, account->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Ana Ruiz");
  g_assert_cmpstr (loaded->email, ==, "Ana@Beacon.org");
  g_assert_cmpint (loaded->role, ==, PDN_LOGIN_ROLE_COORDINATOR);
  g_assert_cmpint (loaded->organization_id, ==, f->organization);
  g_assert_cmpint (loaded->person_id, ==, f->person);
  g_assert_cmpstr (loaded->password_hash, ==, account->password_hash);
  g_assert_false (loaded->disabled);
  g_assert_cmpstr (loaded->created_at, ==, account->created_at);
}

/* A service account: no email, no organization, no person. */
static void
test_service_account (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) first = account_new ("Nightly export", NULL, PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) second = account_new ("Backup", "  ", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) loaded = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_account_insert (first, f->store, &error));
  g_assert_no_error (error);
  /* A blank email is no email, and two accounts without one do not collide. */
  g_assert_true (pdn_account_insert (second, f->store, &error));
  g_assert_no_error (error);
  g_assert_null (second->email);
  loaded = pdn_account_load (f->store, second->id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->email);
  g_assert_null (loaded->password_hash);
  g_assert_cmpint (loaded->organization_id, ==, 0);
  g_assert_cmpint (loaded->person_id, ==, 0);
}

static void
test_validate (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) account = account_new ("Root", "root@x.org", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_account_validate (account, &error));
  g_assert_no_error (error);

  g_clear_pointer (&account->name, g_free);
  g_assert_false (pdn_account_insert (account, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "name");
  g_clear_error (&error);
  account->name = g_strdup ("Root");

  g_free (account->email);
  account->email = g_strdup ("root@");
  g_assert_false (pdn_account_insert (account, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "email");
  g_clear_error (&error);
  g_free (account->email);
  account->email = g_strdup ("root@x.org");

  account->role = (PdnLoginRole) 12;
  g_assert_false (pdn_account_insert (account, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "role");
  g_assert_nonnull (strstr (error->message, "coordinator"));
  g_clear_error (&error);
  g_assert_cmpint (count_accounts (f->store), ==, 0);
}

static void
test_role_requirements (Fixture *f, gconstpointer data)
{
  const PdnLoginRole acting[] = { PDN_LOGIN_ROLE_COORDINATOR, PDN_LOGIN_ROLE_LEAD };
  g_autoptr (PdnAccount) teacher = account_new ("Ana", "ana@beacon.org", PDN_LOGIN_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (acting); i++)
    {
      g_autoptr (PdnAccount) account = account_new ("C", "c@beacon.org", acting[i]);

      account->person_id = f->person;
      g_assert_false (pdn_account_insert (account, f->store, &error));
      assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
      g_clear_error (&error);
      account->organization_id = f->organization;
      account->person_id = 0;
      g_assert_true (pdn_account_validate (account, &error));
      g_assert_no_error (error);
    }

  teacher->organization_id = f->organization;
  g_assert_false (pdn_account_insert (teacher, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  g_clear_error (&error);
  teacher->person_id = f->person;
  g_assert_true (pdn_account_insert (teacher, f->store, &error));
  g_assert_no_error (error);
}

static void
test_unknown_references (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) lead = account_new ("L", "l@beacon.org", PDN_LOGIN_ROLE_LEAD);
  g_autoptr (PdnAccount) teacher = account_new ("T", "t@beacon.org", PDN_LOGIN_ROLE_TEACHER);
  g_autoptr (GError) error = NULL;

  lead->organization_id = f->organization + 40;
  g_assert_false (pdn_account_insert (lead, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "organization_id");
  g_clear_error (&error);

  teacher->person_id = f->person + 40;
  g_assert_false (pdn_account_insert (teacher, f->store, &error));
  assert_field_error (error, PDN_ERROR_INVALID_INPUT, "person_id");
  g_assert_cmpint (count_accounts (f->store), ==, 0);
}

static void
test_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) first = account_new ("A", "Lead@Beacon.org", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) same_email = account_new ("B", "lead@beacon.ORG", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) same_person = account_new ("C", "c@beacon.org", PDN_LOGIN_ROLE_TEACHER);
  g_autoptr (PdnAccount) found = NULL;
  g_autoptr (GError) error = NULL;

  first->person_id = f->person;
  g_assert_true (pdn_account_insert (first, f->store, &error));
  g_assert_no_error (error);
  g_assert_false (pdn_account_insert (same_email, f->store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "email");
  g_clear_error (&error);

  /* A person has one account. */
  same_person->person_id = f->person;
  g_assert_false (pdn_account_insert (same_person, f->store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "person_id");
  g_clear_error (&error);
  g_assert_cmpint (count_accounts (f->store), ==, 1);

  found = pdn_account_find_by_email (f->store, "LEAD@beacon.org", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, first->id);
  /* Updating an account with its own email and person is not a conflict. */
  found->disabled = TRUE;
  g_assert_true (pdn_account_update (found, f->store, &error));
  g_assert_no_error (error);
}

static void
test_update_find_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) account = account_new ("A", "a@beacon.org", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) other = account_new ("B", "b@beacon.org", PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (PdnAccount) loaded = NULL;
  g_autoptr (PdnAccount) ghost = account_new ("G", NULL, PDN_LOGIN_ROLE_ADMIN);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_account_insert (account, f->store, &error));
  g_assert_true (pdn_account_insert (other, f->store, &error));
  g_assert_no_error (error);

  account->disabled = TRUE;
  account->password_hash = g_strdup ("hash");
  account->role = PDN_LOGIN_ROLE_LEAD;
  account->organization_id = f->organization;
  g_assert_true (pdn_account_update (account, f->store, &error));
  g_assert_no_error (error);
  loaded = pdn_account_find_by_email (f->store, "A@BEACON.ORG", &error);
  g_assert_no_error (error);
  g_assert_true (loaded->disabled);
  g_assert_cmpstr (loaded->password_hash, ==, "hash");
  g_assert_cmpint (loaded->role, ==, PDN_LOGIN_ROLE_LEAD);
  g_assert_cmpint (loaded->organization_id, ==, f->organization);

  g_free (other->email);
  other->email = g_strdup ("A@beacon.org");
  g_assert_false (pdn_account_update (other, f->store, &error));
  assert_field_error (error, PDN_ERROR_CONFLICT, "email");
  g_clear_error (&error);

  ghost->id = other->id + 10;
  g_assert_false (pdn_account_update (ghost, f->store, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pdn_account_find_by_email (f->store, "nobody@beacon.org", &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (pdn_account_delete (f->store, account->id, &error));
  g_assert_no_error (error);
  g_assert_null (pdn_account_load (f->store, account->id, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnAccount) account = account_new ("T", "Ana@Beacon.org", PDN_LOGIN_ROLE_TEACHER);
  g_autoptr (PdnAccount) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (f->dir, "pdnet.db");

  account->person_id = f->person;
  account->disabled = TRUE;
  g_assert_true (pdn_account_insert (account, f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  loaded = pdn_account_find_by_email (f->store, "ana@beacon.org", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, account->id);
  g_assert_cmpint (loaded->role, ==, PDN_LOGIN_ROLE_TEACHER);
  g_assert_cmpint (loaded->person_id, ==, f->person);
  g_assert_true (loaded->disabled);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/account/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("round-trip", test_round_trip);
  ADD ("service-account", test_service_account);
  ADD ("validate", test_validate);
  ADD ("role-requirements", test_role_requirements);
  ADD ("unknown-references", test_unknown_references);
  ADD ("duplicates", test_duplicates);
  ADD ("update-find-delete", test_update_find_delete);
  ADD ("reopen", test_reopen);
  return g_test_run ();
}
