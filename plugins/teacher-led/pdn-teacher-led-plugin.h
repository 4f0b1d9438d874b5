/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

#define PDN_TYPE_TEACHER_LED_PLUGIN (pdn_teacher_led_plugin_get_type ())
G_DECLARE_FINAL_TYPE (PdnTeacherLedPlugin, pdn_teacher_led_plugin, PDN, TEACHER_LED_PLUGIN,
                      PdnPlugin)

G_END_DECLS
