/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_KNOWLEDGE_FLOW_PLUGIN (pdn_knowledge_flow_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnKnowledgeFlowPlugin, pdn_knowledge_flow_plugin, PDN,
                      KNOWLEDGE_FLOW_PLUGIN, PdnPlugin)

G_END_DECLS
