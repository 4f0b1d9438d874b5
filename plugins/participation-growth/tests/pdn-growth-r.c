/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>

#include "pdn-growth-r.h"

GHashTable *
pdn_growth_r_run (const gchar *dir, const gchar *code)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *script = g_build_filename (dir, "check.R", NULL);
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  g_autofree gchar *full = g_strconcat (PDN_GROWTH_R_OUT, code, NULL);
  const gchar *argv[] = { "Rscript", "--vanilla", script, NULL };
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = NULL;
  gint status = 0;

  g_assert_true (g_file_set_contents (script, full, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (dir, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("Rscript failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      gdouble *value;

      if (g_strv_length (parts) < 2)
        continue;
      value = g_new (gdouble, 1);
      *value = g_strcmp0 (parts[1], "NA") == 0 || g_strcmp0 (parts[1], "NaN") == 0
                   ? NAN
                   : g_ascii_strtod (parts[1], NULL);
      g_hash_table_insert (values, g_strdup (parts[0]), value);
    }
  return values;
}

gdouble
pdn_growth_r_value (GHashTable *values, const gchar *name)
{
  gdouble *value = g_hash_table_lookup (values, name);

  if (value == NULL)
    g_error ("R printed no %s", name);
  return *value;
}

void
pdn_growth_assert_close (const gchar *what, gdouble ours, gdouble r)
{
  if (isnan (r) || isnan (ours))
    {
      if (!(isnan (r) && isnan (ours)))
        g_error ("%s: ours %.17g, R %.17g", what, ours, r);
      return;
    }
  if (fabs (ours - r) <= 1e-12 || fabs (ours - r) <= 1e-9 * fabs (r))
    return;
  g_error ("%s: ours %.17g, R %.17g", what, ours, r);
}
