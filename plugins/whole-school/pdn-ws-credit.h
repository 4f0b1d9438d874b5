/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-ws-settings.h"

G_BEGIN_DECLS

/**
 * PdnWsAttended:
 * @kind: the session's kind ("summer-training", ...)
 * @minutes: how long the person was there
 * @session_minutes: how long the session was
 *
 * One session a person attended (present or partly).
 */
typedef struct
{
  gchar *kind;
  gint64 minutes;
  gint64 session_minutes;
} PdnWsAttended;

void pdn_ws_credit_from_attendance (PdnWsSettings *settings, GPtrArray *attended,
                                    gint64 training_days_offered, JsonObject *credit);
gboolean pdn_ws_credit_compute (PdnContext *context, JsonObject *program,
                                PdnWsSettings *settings, gint64 person_id, JsonObject *credit,
                                GError **error);
void pdn_ws_attended_free (PdnWsAttended *self);

G_END_DECLS
