/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Gini coefficient of @n non-negative values: the mean absolute
 * difference of all pairs over twice the mean (0: all equal; near 1: one
 * holds all). NaN for no values or a zero sum. */
gdouble pdn_reach_gini (const gdouble *values, guint n);

/* The share of the sum held by the top tenth of the values (at least one
 * value: the largest ceil(n / 10)). NaN for no values or a zero sum. */
gdouble pdn_reach_top_decile_share (const gdouble *values, guint n);

G_END_DECLS
