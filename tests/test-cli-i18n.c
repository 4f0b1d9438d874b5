/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-test.h"

/* Runs `pdnet ARGS` in Spanish: LANGUAGE picks the catalog even when the
 * locale itself is only C.UTF-8. */
static gint
run_in_spanish (const gchar *arg, gchar **out, gchar **err)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const gchar *argv[] = { g_getenv ("PDNET_CLI"), arg, NULL };
  gint status = 0;

  env = g_environ_setenv (env, "LANGUAGE", "es", TRUE);
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");
  g_spawn_sync (NULL, (gchar **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_help_in_spanish (void)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_in_spanish ("--help", &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Comandos:"));
  g_assert_nonnull (strstr (out, "Exportar informes como CSV"));
  g_assert_null (strstr (out, "Export reports as CSV"));
}

static void
test_errors_in_spanish (void)
{
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;

  g_assert_cmpint (run_in_spanish ("no-such-command", &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "Comando desconocido"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/cli-i18n/help-in-spanish", test_help_in_spanish);
  g_test_add_func ("/pdnet/cli-i18n/errors-in-spanish", test_errors_in_spanish);
  return g_test_run ();
}
