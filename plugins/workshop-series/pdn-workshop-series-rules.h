/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* The kinds a workshop-series program holds. */
#define PDN_WORKSHOP_SERIES_SERIES_KIND "workshop-series"
#define PDN_WORKSHOP_SERIES_SESSION_KIND "workshop"

/* A series is a "workshop-series". */
gboolean pdn_workshop_series_check_series (JsonObject *series, GError **error);
/* A session is a "workshop"; in a series, a workshop series of the same
 * program (a workshop may also stand alone, counting toward no series). */
gboolean pdn_workshop_series_check_session (PdnContext *context, JsonObject *program,
                                            JsonObject *session, GError **error);

G_END_DECLS
