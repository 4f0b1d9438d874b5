/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-account.h"
#include "pdn-organization.h"
#include "pdn-person.h"
#include "pdn-sqlite-store.h"
#include "pdn-test.h"

/* A data directory with one organization and two people, written through
 * the models before the CLI runs on it. */
typedef struct
{
  PdnTestDir *dir;
  gint64 organization;
  gint64 ana;
  gint64 bo;
} Fixture;

static PdnStore *
open_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *path = pdn_test_dir_file (f->dir, "pdnet.db");
  PdnStore *store = pdn_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_person (PdnStore *store, const gchar *name, const gchar *email)
{
  g_autoptr (PdnPerson) person = pdn_person_new ();
  g_autoptr (GError) error = NULL;

  person->name = g_strdup (name);
  person->email = g_strdup (email);
  g_assert_true (pdn_person_insert (person, store, &error));
  g_assert_no_error (error);
  return person->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnOrganization) organization = pdn_organization_new ();
  g_autoptr (PdnStore) store = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = pdn_test_dir_new ();
  store = open_store (f);
  organization->name = g_strdup ("Beacon Charter Network");
  organization->slug = g_strdup ("beacon");
  organization->kind = PDN_ORGANIZATION_KIND_CMO;
  g_assert_true (pdn_organization_insert (organization, store, &error));
  g_assert_no_error (error);
  f->organization = organization->id;
  f->ana = add_person (store, "Ana Ruiz", "ana@beacon.org");
  f->bo = add_person (store, "Bo Chen", "bo@beacon.org");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

/* Runs `pdnet --data-dir DIR account create ARGS…`. */
static gint
run_create (Fixture *f, const gchar *const *args, gchar **out, gchar **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDNET_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, f->dir->path);
  g_ptr_array_add (argv, "account");
  g_ptr_array_add (argv, "create");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pdn_test_spawn ((const gchar *const *) argv->pdata, out, err);
}

static PdnAccount *
load_account (Fixture *f, const gchar *id_line)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (GError) error = NULL;
  guint64 id = 0;
  g_autofree gchar *stripped = g_strstrip (g_strdup (id_line));
  PdnAccount *account;

  g_assert_true (g_ascii_string_to_unsigned (stripped, 10, 1, G_MAXINT64, &id, NULL));
  account = pdn_account_load (store, (gint64) id, &error);
  g_assert_no_error (error);
  return account;
}

static gint64
count_accounts (Fixture *f)
{
  g_autoptr (PdnStore) store = open_store (f);
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (pdn_store_count (store, "SELECT COUNT(*) FROM accounts WHERE ? = 0", 0, &n,
                                  &error));
  g_assert_no_error (error);
  return n;
}

static void
test_create_coordinator (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role", "coordinator", "--email", "Lead@Beacon.org", "--name",
                          "Lee Park", "--organization", "beacon", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (PdnAccount) account = NULL;

  g_assert_cmpint (run_create (f, args, &out, &err), ==, 0);
  /* Standard output is the id alone, for scripts; the summary is for people. */
  g_assert_true (g_str_has_suffix (out, "\n"));
  account = load_account (f, out);
  g_assert_cmpint (account->role, ==, PDN_LOGIN_ROLE_COORDINATOR);
  g_assert_cmpstr (account->name, ==, "Lee Park");
  g_assert_cmpstr (account->email, ==, "Lead@Beacon.org");
  g_assert_cmpint (account->organization_id, ==, f->organization);
  g_assert_cmpint (account->person_id, ==, 0);
  g_assert_null (account->password_hash);
  g_assert_false (account->disabled);
  g_assert_nonnull (strstr (err, "coordinator"));
  g_assert_nonnull (strstr (err, "Lead@Beacon.org"));
  g_assert_nonnull (strstr (err, "beacon"));
  /* One summary line. */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_create_teacher_defaults_to_own_email (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role", "teacher", "--email", "ANA@beacon.org", "--name", "Ana",
                          NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (PdnAccount) account = NULL;

  g_assert_cmpint (run_create (f, args, &out, &err), ==, 0);
  account = load_account (f, out);
  g_assert_cmpint (account->role, ==, PDN_LOGIN_ROLE_TEACHER);
  g_assert_cmpint (account->person_id, ==, f->ana);
  g_assert_cmpint (account->organization_id, ==, 0);
}

static void
test_create_with_person_email (Fixture *f, gconstpointer data)
{
  const gchar *args[] = { "--role", "teacher", "--email", "bo.chen@home.example", "--name", "Bo",
                          "--person-email", "bo@beacon.org", NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autoptr (PdnAccount) account = NULL;

  g_assert_cmpint (run_create (f, args, &out, &err), ==, 0);
  account = load_account (f, out);
  g_assert_cmpint (account->person_id, ==, f->bo);
  g_assert_cmpstr (account->email, ==, "bo.chen@home.example");
}

/* Each bad input fails, names the option or field, and creates nothing. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  const struct
  {
    const gchar *args[11];
    const gchar *field;
  } cases[] = {
    { { "--role", "boss", "--email", "x@beacon.org", "--name", "X", NULL }, "role" },
    { { "--email", "x@beacon.org", "--name", "X", NULL }, "role" },
    { { "--role", "admin", "--email", "x@", "--name", "X", NULL }, "email" },
    { { "--role", "admin", "--name", "X", NULL }, "email" },
    { { "--role", "admin", "--email", "x@beacon.org", NULL }, "name" },
    { { "--role", "coordinator", "--email", "x@beacon.org", "--name", "X", NULL },
      "organization" },
    { { "--role", "lead", "--email", "x@beacon.org", "--name", "X", "--organization", "nope",
        NULL },
      "organization" },
    { { "--role", "teacher", "--email", "x@beacon.org", "--name", "X", NULL }, "person-email" },
    { { "--role", "admin", "--email", "x@beacon.org", "--name", "X", "--person-email",
        "nobody@beacon.org", NULL },
      "person-email" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *out = NULL;
      g_autofree gchar *err = NULL;
      g_autofree gchar *expected = g_strdup_printf ("(field: %s)", cases[i].field);

      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_cmpint (run_create (f, cases[i].args, &out, &err), !=, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, expected));
    }
  g_assert_cmpint (count_accounts (f), ==, 0);
}

static void
test_duplicate_email (Fixture *f, gconstpointer data)
{
  const gchar *first[] = { "--role", "admin", "--email", "Root@Beacon.org", "--name", "Root",
                           NULL };
  const gchar *second[] = { "--role", "admin", "--email", "root@beacon.ORG", "--name", "Root 2",
                            NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *out2 = NULL;
  g_autofree gchar *err2 = NULL;

  g_assert_cmpint (run_create (f, first, &out, &err), ==, 0);
  g_assert_cmpint (run_create (f, second, &out2, &err2), !=, 0);
  g_assert_nonnull (strstr (err2, "(field: email)"));
  g_assert_nonnull (strstr (err2, "Root@Beacon.org"));
  g_assert_cmpint (count_accounts (f), ==, 1);
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  const gchar *cli = g_getenv ("PDNET_CLI");
  const gchar *no_action[] = { cli, "account", "--data-dir", f->dir->path, NULL };
  const gchar *help[] = { cli, "account", "--help", NULL };
  const gchar *data_dir_after[] = { cli,     "account", "--data-dir", f->dir->path, "create",
                                    "--role", "admin",  "--email",    "a@b.org",    "--name",
                                    "A",     NULL };
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *help_out = NULL;
  g_autofree gchar *help_err = NULL;
  g_autofree gchar *ok_out = NULL;
  g_autofree gchar *ok_err = NULL;

  g_assert_cmpint (pdn_test_spawn (no_action, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "create"));
  g_assert_cmpint (pdn_test_spawn (help, &help_out, &help_err), ==, 0);
  g_assert_nonnull (strstr (help_out, "--person-email"));
  g_assert_nonnull (strstr (help_out, "--organization"));
  g_assert_cmpint (pdn_test_spawn (data_dir_after, &ok_out, &ok_err), ==, 0);
  g_assert_cmpint (count_accounts (f), ==, 1);
}

#define ADD(path, func)                                                                          \
  g_test_add ("/pdnet/cli/account/" path, Fixture, NULL, fixture_set_up, func,                 \
              fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("create-coordinator", test_create_coordinator);
  ADD ("create-teacher-defaults-to-own-email", test_create_teacher_defaults_to_own_email);
  ADD ("create-with-person-email", test_create_with_person_email);
  ADD ("bad-input", test_bad_input);
  ADD ("duplicate-email", test_duplicate_email);
  ADD ("usage", test_usage);
  return g_test_run ();
}
