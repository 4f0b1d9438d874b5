/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pdn-knowledge-flow-matrix.h"

G_BEGIN_DECLS

/* The result document (tables, statistics, caveats, csv, plot_svg) of a
 * matrix, with every cell of fewer than @min_attendees distinct attendees
 * (but not empty) suppressed, and totals over shown cells only. */
JsonNode *kf_result_build (const KfMatrix *matrix, gint64 min_attendees,
                           const gchar *school_year);
/* The plot: a from × to matrix of shaded squares; suppressed cells are
 * hatched grey with no figure. @hours[f][t] < 0 marks a suppressed cell. */
gchar *kf_plot_svg (const gdouble hours[KF_N_FROM][KF_N_TO]);

G_END_DECLS
