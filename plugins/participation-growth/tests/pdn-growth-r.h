/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @code with Rscript in @dir (where the test wrote its CSV files)
 * and returns the "name value" lines it printed (values printed with
 * format(x, digits = 17)) as name -> gdouble*. */
GHashTable *pdn_growth_r_run (const gchar *dir, const gchar *code);

/* R's value of @name; the test fails when R did not print it. */
gdouble pdn_growth_r_value (GHashTable *values, const gchar *name);

/* Equal to 1e-9 relative, or 1e-12 absolute near 0; NaN only to NaN. */
void pdn_growth_assert_close (const gchar *what, gdouble ours, gdouble r);

/* The R prelude: out(name, x) prints one value in full precision. */
#define PDN_GROWTH_R_OUT "out <- function(name, x) cat(name, format(x, digits = 17), '\\n');"

G_END_DECLS
