/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-participation-report.h"
#include "pdn-store.h"

G_BEGIN_DECLS

PdnParticipationReport *pdn_participation_compute (PdnStore *store, const gint64 *program_ids,
                                                   guint n_programs, const gchar *school_year,
                                                   PdnParticipationGrouping grouping,
                                                   GError **error);

G_END_DECLS
