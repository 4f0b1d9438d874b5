/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

JsonNode *pdn_growth_analysis_describe (void);
JsonNode *pdn_growth_analysis_run (PdnContext *context, JsonObject *parameters,
                                   PdnProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);

G_END_DECLS
