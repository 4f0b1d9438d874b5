/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* The most people one roster PUT may name. */
#define PDN_ROSTER_MAX_ENTRIES 1000

void pdn_api_attendance_register (PdnRouter *router, PdnStore *store);

G_END_DECLS
