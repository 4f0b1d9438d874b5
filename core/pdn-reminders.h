/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-store.h"

G_BEGIN_DECLS

/* How long before a session its reminder is queued. */
#define PDN_REMINDER_LEAD_HOURS 24

gboolean pdn_reminders_queue (PdnStore *store, GDateTime *now, guint *queued, GError **error);

G_END_DECLS
