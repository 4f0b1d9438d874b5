/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A workshop-series program's settings, with the defaults filled in. */
typedef struct
{
  gint64 sessions_to_complete;      /* N: a series is completed by attending N of it */
  gdouble credit_hours;             /* per completed series */
  gdouble credit_hours_per_session; /* per attended session */
} PdnWorkshopSeriesSettings;

/* The settings' JSON Schema, for describe(); the core enforces it. */
JsonNode *pdn_workshop_series_settings_schema (void);
/* Reads (validated) @settings, with defaults for what they leave out. */
void pdn_workshop_series_settings_read (JsonObject *settings, PdnWorkshopSeriesSettings *out);

G_END_DECLS
