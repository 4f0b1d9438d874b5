/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pdnet/pdn-error.h>

#include "pdn-organization.h"
#include "pdn-test.h"

static PdnOrganization *
valid_organization (void)
{
  PdnOrganization *org = pdn_organization_new ();

  org->name = g_strdup ("Riverton Public Schools");
  org->slug = g_strdup ("riverton-public-schools");
  org->kind = PDN_ORGANIZATION_KIND_DISTRICT;
  g_ptr_array_add (org->email_domains, g_strdup ("riverton.k12.example"));
  return org;
}

static void
assert_invalid (PdnOrganization *org, const gchar *field)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (pdn_organization_validate (org, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, field);
}

static void
test_validation (void)
{
  g_autoptr (PdnOrganization) org = valid_organization ();
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_organization_validate (org, &error));
  g_assert_no_error (error);

  g_clear_pointer (&org->name, g_free);
  assert_invalid (org, "name");
  org->name = g_strdup ("   ");
  assert_invalid (org, "name");
  g_free (org->name);
  org->name = g_strdup ("Riverton");

  g_free (org->slug);
  org->slug = g_strdup ("Has Spaces");
  assert_invalid (org, "slug");
  g_free (org->slug);
  org->slug = g_strdup ("double--dash");
  assert_invalid (org, "slug");
  g_free (org->slug);
  org->slug = g_strdup ("riverton");

  org->kind = (PdnOrganizationKind) 42;
  assert_invalid (org, "kind");
  org->kind = PDN_ORGANIZATION_KIND_CMO;

  g_ptr_array_add (org->email_domains, g_strdup ("not a domain"));
  assert_invalid (org, "email_domains[1]");
}

static void
test_round_trip (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOrganization) org = valid_organization ();
  g_autoptr (PdnOrganization) loaded = NULL;
  g_autoptr (PdnOrganization) by_slug = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_organization_insert (org, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (org->id, >, 0);

  loaded = pdn_organization_load (store, org->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Riverton Public Schools");
  g_assert_cmpint (loaded->kind, ==, PDN_ORGANIZATION_KIND_DISTRICT);
  g_assert_cmpuint (loaded->email_domains->len, ==, 1);
  g_assert_true (pdn_organization_accepts_email (loaded, "ana@Riverton.K12.example"));
  g_assert_false (pdn_organization_accepts_email (loaded, "ana@elsewhere.example"));

  g_free (loaded->name);
  loaded->name = g_strdup ("Riverton Unified");
  g_ptr_array_set_size (loaded->email_domains, 0);
  g_assert_true (pdn_organization_update (loaded, store, &error));
  g_assert_no_error (error);
  by_slug = pdn_organization_find_by_slug (store, "riverton-public-schools", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_slug->name, ==, "Riverton Unified");
  g_assert_cmpuint (by_slug->email_domains->len, ==, 0);
  g_assert_true (pdn_organization_accepts_email (by_slug, "anyone@anywhere.example"));
}

static void
test_duplicate_slug_conflicts (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (PdnOrganization) first = valid_organization ();
  g_autoptr (PdnOrganization) second = valid_organization ();
  g_autoptr (GError) error = NULL;
  gint64 count = -1;

  g_assert_true (pdn_organization_insert (first, store, &error));
  g_assert_false (pdn_organization_insert (second, store, &error));
  g_assert_error (error, PDN_ERROR, PDN_ERROR_CONFLICT);
  g_assert_cmpstr (pdn_error_get_field (error), ==, "slug");
  g_clear_error (&error);
  /* The failed insert left nothing behind, not even its email domains. */
  g_assert_true (pdn_store_count (store, "SELECT count(*) FROM organization_email_domains "
                                         "WHERE organization_id <> ?",
                                  first->id, &count, &error));
  g_assert_cmpint (count, ==, 0);
}

static void
test_not_found (void)
{
  g_autoptr (PdnTestDir) dir = NULL;
  g_autoptr (PdnStore) store = pdn_test_store_new (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnOrganization) missing = pdn_organization_load (store, 99, &error);

  g_assert_null (missing);
  g_assert_error (error, PDN_ERROR, PDN_ERROR_NOT_FOUND);
}

static void
test_slug_from_name (void)
{
  g_autofree gchar *a = pdn_organization_slug_from_name ("St. Mary's Diocese");
  g_autofree gchar *b = pdn_organization_slug_from_name ("Escuelas Públicas — Norte");
  g_autofree gchar *c = pdn_organization_slug_from_name ("!!!");

  g_assert_cmpstr (a, ==, "st-mary-s-diocese");
  g_assert_cmpstr (b, ==, "escuelas-publicas-norte");
  g_assert_cmpstr (c, ==, "organization");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/organization/validation", test_validation);
  g_test_add_func ("/pdnet/organization/round-trip", test_round_trip);
  g_test_add_func ("/pdnet/organization/duplicate-slug", test_duplicate_slug_conflicts);
  g_test_add_func ("/pdnet/organization/not-found", test_not_found);
  g_test_add_func ("/pdnet/organization/slug-from-name", test_slug_from_name);
  return g_test_run ();
}
