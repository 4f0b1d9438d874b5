/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-catalog.h"
#include "pdn-i18n.h"
#include "pdn-json-guard.h"

static PdnCatalog *
load_spanish (void)
{
  g_autofree gchar *path = g_build_filename (pdn_i18n_get_localedir (), "es", "LC_MESSAGES",
                                             GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr (GError) error = NULL;
  PdnCatalog *catalog = pdn_catalog_new_from_file (path, &error);

  g_assert_no_error (error);
  return catalog;
}

static void
test_catalog_lookup (void)
{
  g_autoptr (PdnCatalog) catalog = load_spanish ();

  g_assert_cmpuint (pdn_catalog_get_size (catalog), >, 10);
  g_assert_cmpstr (pdn_catalog_lookup (catalog, "Not found"), ==, "No encontrado");
  g_assert_null (pdn_catalog_lookup (catalog, "no such message"));
  g_assert_null (pdn_catalog_lookup (catalog, ""));
}

static void
test_catalog_damaged (void)
{
  const gchar *cases[] = { "", "short", "\xde\x12\x04\x95\0\0\0\0\xff\xff\xff\x7f\0\0\0\0" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (cases[i], i == 2 ? 16 : strlen (cases[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (PdnCatalog) catalog = pdn_catalog_new_from_bytes (bytes, &error);

      g_assert_null (catalog);
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INTERNAL);
    }
}

static void
test_negotiate (void)
{
  g_assert_null (pdn_i18n_negotiate (NULL));
  g_assert_null (pdn_i18n_negotiate ("*"));
  g_assert_cmpstr (pdn_i18n_negotiate ("es"), ==, "es");
  g_assert_cmpstr (pdn_i18n_negotiate ("ES-mx"), ==, "es");
  g_assert_cmpstr (pdn_i18n_negotiate ("es-419, en;q=0.5"), ==, "es");
  g_assert_cmpstr (pdn_i18n_negotiate ("en-US,en;q=0.9,es;q=0.8"), ==, "en");
  g_assert_cmpstr (pdn_i18n_negotiate ("de, es;q=0.1"), ==, "es");
  g_assert_cmpstr (pdn_i18n_negotiate ("en;q=0.2, es;q=0.7"), ==, "es");
  g_assert_cmpstr (pdn_i18n_negotiate ("de"), ==, "en");
  g_assert_cmpstr (pdn_i18n_negotiate ("es;q=0"), ==, "en");
  g_assert_cmpstr (pdn_i18n_negotiate ("es;q=abc"), ==, "en");
  g_assert_cmpstr (pdn_i18n_negotiate ("../../../etc/passwd"), ==, "en");
  g_assert_cmpstr (pdn_i18n_negotiate (""), ==, "en");
}

static gpointer
message_on_other_thread (gpointer data)
{
  return g_strdup (_("Not found"));
}

/* The thread language decides, not the process locale (C.UTF-8 here). */
static void
test_thread_language (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *other = NULL;
  const gchar *previous;

  g_assert_null (pdn_i18n_get_thread_language ());
  g_assert_cmpstr (_("Not found"), ==, "Not found");

  previous = pdn_i18n_set_thread_language (pdn_i18n_negotiate ("es"));
  g_assert_null (previous);
  g_assert_cmpstr (_("Not found"), ==, "No encontrado");
  g_assert_cmpstr (_("a message nobody translated"), ==, "a message nobody translated");
  g_assert_cmpstr (C_ ("unknown context", "Not found"), ==, "Not found");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "one", "many", 2), ==, "many");

  /* Formats translate too, so errors come out whole in the language. */
  g_assert_false (pdn_json_guard_check ("[1,]", 4, 64, &error));
  g_assert_cmpstr (error->message, ==,
                   "El cuerpo de la solicitud no es JSON válido en la línea 1, columna 4: "
                   "carácter inesperado");

  other = g_thread_join (g_thread_new ("other", message_on_other_thread, NULL));
  g_assert_cmpstr (other, ==, "Not found");

  pdn_i18n_set_thread_language (pdn_i18n_negotiate ("en"));
  g_assert_cmpstr (_("Not found"), ==, "Not found");
  pdn_i18n_set_thread_language (previous);
  g_assert_null (pdn_i18n_get_thread_language ());
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pdn_i18n_init ();
  g_test_add_func ("/pdnet/i18n/catalog-lookup", test_catalog_lookup);
  g_test_add_func ("/pdnet/i18n/catalog-damaged", test_catalog_damaged);
  g_test_add_func ("/pdnet/i18n/negotiate", test_negotiate);
  g_test_add_func ("/pdnet/i18n/thread-language", test_thread_language);
  return g_test_run ();
}
