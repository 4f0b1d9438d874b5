/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_SATISFACTION_PLUGIN (pdn_satisfaction_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnSatisfactionPlugin, pdn_satisfaction_plugin, PDN, SATISFACTION_PLUGIN,
                      PdnPlugin)

G_END_DECLS
