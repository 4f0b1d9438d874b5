/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_SURVEY_RESPONSE (pdn_survey_response_get_type ())
G_DECLARE_FINAL_TYPE (PdnSurveyResponse, pdn_survey_response, PDN, SURVEY_RESPONSE, GObject)

/* How long after the first submission its author may still change it. */
#define PDN_SURVEY_RESPONSE_EDIT_DAYS 7

/* A participant's feedback on a session: one response per person and
 * session.
 *
 * Anonymity: an anonymous response still keeps its person when one is
 * known (the API always knows: it is the caller). The once-per-session
 * rule (UNIQUE (session_id, person_id)) and the author's right to see and
 * edit it need to know who answered; so `anonymous` is a promise about
 * who is *shown* the person, not about what is stored. Only the author is
 * ever told it is theirs; everyone else (coordinators, reports, exports)
 * must read anonymous responses without their person — see
 * pdn_survey_response_is_attributed(). A response with no person at all
 * (person_id 0: paper forms, imported or demo data) is always anonymous,
 * and any number of them may exist for a session. */
struct _PdnSurveyResponse
{
  GObject parent_instance;
  gint64 id;
  gint64 session_id;
  gint64 person_id;   /* 0: not known (the response is then anonymous) */
  gboolean anonymous; /* the person must not be shown to anyone else */
  gint64 usefulness;  /* 1-5 */
  gint64 recommend;  /* 0-10 */
  gchar *comment;    /* nullable */
  gchar *created_at;
  gchar *updated_at;
};

PdnSurveyResponse *pdn_survey_response_new (void);
gboolean pdn_survey_response_validate (PdnSurveyResponse *self, GError **error);
gboolean pdn_survey_response_insert (PdnSurveyResponse *self, PdnStore *store, GError **error);
gboolean pdn_survey_response_update (PdnSurveyResponse *self, PdnStore *store, GError **error);
PdnSurveyResponse *pdn_survey_response_load (PdnStore *store, gint64 id, GError **error);
PdnSurveyResponse *pdn_survey_response_load_for_person (PdnStore *store, gint64 session_id,
                                                        gint64 person_id, GError **error);
gboolean pdn_survey_response_is_attributed (PdnSurveyResponse *self);
gchar *pdn_survey_response_editable_until (PdnSurveyResponse *self);
gboolean pdn_survey_response_check_editable (PdnSurveyResponse *self, const gchar *now,
                                             GError **error);
GPtrArray *pdn_survey_response_list_for_session (PdnStore *store, gint64 session_id,
                                                 GError **error);

G_END_DECLS
