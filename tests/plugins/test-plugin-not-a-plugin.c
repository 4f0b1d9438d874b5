/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A module whose type is not a PdnPlugin. */
#include <pdnet/pdnet.h>

PDN_PLUGIN_DEFINE (g_object_get_type)
