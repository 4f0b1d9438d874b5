/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SURVEY_RESPONSE (pdn_survey_response_get_type ())
G_DECLARE_FINAL_TYPE (PdnSurveyResponse, pdn_survey_response, PDN, SURVEY_RESPONSE, GObject)

/* A participant's feedback on a session. An anonymous response keeps no
 * person. One named response per person and session. */
struct _PdnSurveyResponse
{
  GObject parent_instance;
  gint64 id;
  gint64 session_id;
  gint64 person_id; /* 0: anonymous */
  gint64 usefulness; /* 1-5 */
  gint64 recommend;  /* 0-10 */
  gchar *comment;    /* nullable */
  gchar *created_at;
  gchar *updated_at;
};

PdnSurveyResponse *pdn_survey_response_new (void);
gboolean pdn_survey_response_validate (PdnSurveyResponse *self, GError **error);
gboolean pdn_survey_response_insert (PdnSurveyResponse *self, PdnStore *store, GError **error);
PdnSurveyResponse *pdn_survey_response_load (PdnStore *store, gint64 id, GError **error);
GPtrArray *pdn_survey_response_list_for_session (PdnStore *store, gint64 session_id,
                                                 GError **error);

G_END_DECLS
