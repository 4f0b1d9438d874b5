/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_REACH_PLUGIN (pdn_reach_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnReachPlugin, pdn_reach_plugin, PDN, REACH_PLUGIN, PdnPlugin)

G_END_DECLS
