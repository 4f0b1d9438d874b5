/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-ws-settings.h"

G_BEGIN_DECLS

/**
 * PdnWsCoachingCall:
 * @session_id: the coaching-call session it was, or 0 for a call logged
 *   by date only (an unscheduled phone call)
 * @held_on: the day it was held
 * @commitments_reviewed: whether the mentor reviewed the school's
 *   commitments on this call; then @commitments_kept lists the core
 *   elements the school was keeping
 *
 * A mentor's call with one enrolled school, as logged.
 */
typedef struct
{
  gint64 id;
  gint64 program_id;
  gint64 school_id;
  gchar *school_name;
  gint64 session_id;
  gchar *held_on;
  gint64 mentor_person_id;
  gchar *mentor_name;
  gint64 duration_minutes;
  gchar *notes;
  gboolean commitments_reviewed;
  GPtrArray *commitments_kept;
  gchar *created_at;
} PdnWsCoachingCall;

PdnWsCoachingCall *pdn_ws_coaching_call_new (void);
void pdn_ws_coaching_call_free (PdnWsCoachingCall *self);
PdnWsCoachingCall *pdn_ws_coaching_call_from_json (JsonNode *body, PdnWsSettings *settings,
                                                   gint64 default_mentor, GError **error);
gboolean pdn_ws_coaching_call_check (PdnWsCoachingCall *self, PdnContext *context,
                                     JsonObject *program, GError **error);
gboolean pdn_ws_coaching_call_insert (PdnWsCoachingCall *self, PdnContext *context,
                                      gint64 account_id, GError **error);
GPtrArray *pdn_ws_coaching_call_list (PdnContext *context, gint64 program_id, gint64 school_id,
                                      gint64 after_id, guint limit, GError **error);
JsonNode *pdn_ws_coaching_call_to_json (PdnWsCoachingCall *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsCoachingCall, pdn_ws_coaching_call_free)

G_END_DECLS
