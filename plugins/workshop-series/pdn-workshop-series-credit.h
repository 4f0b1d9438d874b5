/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* Fills @credit for @person_id in a workshop-series @program: a series is
 * completed by attending (present or partial) at least
 * `sessions_to_complete` of its sessions, and earns `credit_hours` plus
 * `credit_hours_per_session` for each of its sessions attended. Credit
 * comes with completion: a series not completed earns nothing yet. */
gboolean pdn_workshop_series_compute_credit (PdnContext *context, JsonObject *program,
                                             gint64 person_id, JsonObject *credit,
                                             GError **error);

G_END_DECLS
