/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-api-analyses.h"
#include "pdn-api-attendance.h"
#include "pdn-api-auth.h"
#include "pdn-api-calendar.h"
#include "pdn-api-catalog.h"
#include "pdn-api-curricula.h"
#include "pdn-api-feedback.h"
#include "pdn-api-notifications.h"
#include "pdn-api-organizations.h"
#include "pdn-api-outcomes.h"
#include "pdn-api-people.h"
#include "pdn-api-plugins.h"
#include "pdn-api-programs.h"
#include "pdn-api-registrations.h"
#include "pdn-api-reports.h"
#include "pdn-api-schools.h"
#include "pdn-api-series.h"
#include "pdn-api-sessions.h"
#include "pdn-api-system.h"
#include "pdn-api-transcripts.h"
#include "pdn-api.h"

/**
 * pdn_api_register:
 * @store: (nullable): a store that works on any thread, since some routes
 *   run on the worker pool (pdnetd gives a #PdnStorePool); %NULL only to
 *   list the routes (pdnetd --list-routes), never to serve them
 *
 * Adds every route of pdnetd's JSON API. Each group of resources has its
 * own pdn-api-<group>.c with a register function called from here.
 */
void
pdn_api_register (PdnRouter *router, PdnStore *store)
{
  pdn_api_system_register (router, store);
  pdn_api_auth_register (router, store);
  pdn_api_organizations_register (router, store);
  pdn_api_schools_register (router, store);
  pdn_api_outcomes_register (router, store);
  pdn_api_people_register (router, store);
  pdn_api_programs_register (router, store);
  pdn_api_series_register (router, store);
  pdn_api_sessions_register (router, store);
  pdn_api_attendance_register (router, store);
  pdn_api_feedback_register (router, store);
  pdn_api_catalog_register (router, store);
  pdn_api_notifications_register (router, store);
  pdn_api_registrations_register (router, store);
  pdn_api_reports_register (router, store);
  pdn_api_transcripts_register (router, store);
  pdn_api_plugins_register (router, store);
  pdn_api_analyses_register (router, store);
  pdn_api_curricula_register (router, store);
  pdn_api_curriculum_branches_register (router, store);
  pdn_api_curricula_git_register (router, store);
  pdn_api_calendar_register (router, store);
}
