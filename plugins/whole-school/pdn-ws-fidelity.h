/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

#include "pdn-ws-settings.h"

G_BEGIN_DECLS

/**
 * PdnWsCallFact:
 * @held_on: the day of a logged coaching call
 * @reviewed: whether the mentor reviewed the commitments on it
 * @kept: (element-type utf8): the core elements then seen kept
 */
typedef struct
{
  gchar *held_on;
  gint64 minutes;
  gboolean reviewed;
  GPtrArray *kept;
} PdnWsCallFact;

/**
 * PdnWsSchoolFacts:
 * @from: the enrollment's start; coaching is expected from then
 * @to: the last day counted: the report's day, or the school year's end
 * @calls: (element-type PdnWsCallFact): logged calls from @from to @to,
 *   by day
 * @sessions_held: the program's summer-training and regional-convening
 *   sessions of the school year, up to @to, not cancelled
 * @sessions_attended: those at least one team member attended
 * @attendances: (session, team member) pairs attended
 *
 * What one enrolled school's fidelity is computed from.
 */
typedef struct
{
  gint64 school_id;
  gchar *school_name;
  gchar *from;
  gchar *to;
  gint64 team_size;
  GPtrArray *calls;
  gint64 sessions_held;
  gint64 sessions_attended;
  gint64 attendances;
} PdnWsSchoolFacts;

PdnWsSchoolFacts *pdn_ws_school_facts_new (gint64 school_id, const gchar *school_name,
                                           const gchar *from, const gchar *to);
void pdn_ws_school_facts_free (PdnWsSchoolFacts *self);
PdnWsCallFact *pdn_ws_school_facts_add_call (PdnWsSchoolFacts *self, const gchar *held_on,
                                             gint64 minutes, gboolean reviewed);
gint64 pdn_ws_fidelity_expected_calls (PdnWsSettings *settings, const gchar *from,
                                       const gchar *to);
JsonNode *pdn_ws_fidelity_school (PdnWsSchoolFacts *facts, PdnWsSettings *settings);

/* pdn-ws-fidelity-facts.c */
JsonNode *pdn_ws_fidelity_compute (PdnContext *context, JsonObject *program,
                                   PdnWsSettings *settings, const gchar *as_of,
                                   GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsSchoolFacts, pdn_ws_school_facts_free)

G_END_DECLS
