/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pdn-participation-row.h"

G_BEGIN_DECLS

typedef enum
{
  PDN_PARTICIPATION_BY_SCHOOL,
  PDN_PARTICIPATION_BY_SECTOR,
  PDN_PARTICIPATION_BY_ORGANIZATION,
} PdnParticipationGrouping;

const gchar *pdn_participation_grouping_to_string (PdnParticipationGrouping grouping);
gboolean pdn_participation_grouping_from_string (const gchar *text,
                                                 PdnParticipationGrouping *grouping);
const gchar *const *pdn_participation_grouping_names (void);

#define PDN_TYPE_PARTICIPATION_REPORT (pdn_participation_report_get_type ())
G_DECLARE_FINAL_TYPE (PdnParticipationReport, pdn_participation_report, PDN,
                      PARTICIPATION_REPORT, GObject)

PdnParticipationReport *pdn_participation_report_new (const gchar *school_year,
                                                      PdnParticipationGrouping grouping);
void pdn_participation_report_take_row (PdnParticipationReport *self, PdnParticipationRow *row);
GPtrArray *pdn_participation_report_get_rows (PdnParticipationReport *self);
const gchar *pdn_participation_report_get_school_year (PdnParticipationReport *self);
PdnParticipationGrouping pdn_participation_report_get_grouping (PdnParticipationReport *self);
gchar *pdn_participation_report_to_csv (PdnParticipationReport *self);
JsonNode *pdn_participation_report_to_json (PdnParticipationReport *self);

G_END_DECLS
