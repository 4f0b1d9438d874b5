/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_WORKSHOP_SERIES_PLUGIN (pdn_workshop_series_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnWorkshopSeriesPlugin, pdn_workshop_series_plugin, PDN,
                      WORKSHOP_SERIES_PLUGIN, PdnPlugin)

G_END_DECLS
