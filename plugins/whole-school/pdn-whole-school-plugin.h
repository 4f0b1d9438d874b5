/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_WHOLE_SCHOOL_PLUGIN (pdn_whole_school_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnWholeSchoolPlugin, pdn_whole_school_plugin, PDN, WHOLE_SCHOOL_PLUGIN,
                      PdnPlugin)

G_END_DECLS
