/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each enumeration is stored and exchanged as its text name. */

typedef enum
{
  PDN_ORGANIZATION_KIND_DISTRICT,
  PDN_ORGANIZATION_KIND_CMO,
  PDN_ORGANIZATION_KIND_STANDALONE_CHARTER,
  PDN_ORGANIZATION_KIND_DIOCESE,
  PDN_ORGANIZATION_KIND_PARTNER,
} PdnOrganizationKind;

typedef enum
{
  PDN_SECTOR_DISTRICT,
  PDN_SECTOR_CHARTER,
  PDN_SECTOR_CATHOLIC,
} PdnSector;

typedef enum
{
  PDN_PERSON_ROLE_TEACHER,
  PDN_PERSON_ROLE_COACH,
  PDN_PERSON_ROLE_SCHOOL_LEADER,
  PDN_PERSON_ROLE_DISTRICT_ADMIN,
} PdnPersonRole;

typedef enum
{
  PDN_LOGIN_ROLE_ADMIN,
  PDN_LOGIN_ROLE_COORDINATOR,
  PDN_LOGIN_ROLE_LEAD,
  PDN_LOGIN_ROLE_TEACHER,
} PdnLoginRole;

typedef enum
{
  PDN_SESSION_STATE_SCHEDULED,
  PDN_SESSION_STATE_CANCELLED,
} PdnSessionState;

typedef enum
{
  PDN_REGISTRATION_STATUS_REGISTERED,
  PDN_REGISTRATION_STATUS_WAITLISTED,
  PDN_REGISTRATION_STATUS_CANCELLED,
  PDN_REGISTRATION_STATUS_PENDING_APPROVAL,
} PdnRegistrationStatus;

typedef enum
{
  PDN_ATTENDANCE_STATUS_PRESENT,
  PDN_ATTENDANCE_STATUS_PARTIAL,
  PDN_ATTENDANCE_STATUS_ABSENT,
} PdnAttendanceStatus;

typedef enum
{
  PDN_ATTENDANCE_SOURCE_ROSTER,
  PDN_ATTENDANCE_SOURCE_CHECK_IN,
} PdnAttendanceSource;

typedef enum
{
  PDN_ANALYSIS_RUN_QUEUED,
  PDN_ANALYSIS_RUN_RUNNING,
  PDN_ANALYSIS_RUN_DONE,
  PDN_ANALYSIS_RUN_FAILED,
  PDN_ANALYSIS_RUN_CANCELLED,
} PdnAnalysisRunStatus;

#define PDN_DECLARE_ENUM_NAMES(Type, prefix)                                                     \
  const gchar *prefix##_to_string (Type value);                                                \
  gboolean prefix##_from_string (const gchar *text, Type *value);                              \
  const gchar *const *prefix##_names (void);

PDN_DECLARE_ENUM_NAMES (PdnOrganizationKind, pdn_organization_kind)
PDN_DECLARE_ENUM_NAMES (PdnSector, pdn_sector)
PDN_DECLARE_ENUM_NAMES (PdnPersonRole, pdn_person_role)
PDN_DECLARE_ENUM_NAMES (PdnLoginRole, pdn_login_role)
PDN_DECLARE_ENUM_NAMES (PdnSessionState, pdn_session_state)
PDN_DECLARE_ENUM_NAMES (PdnRegistrationStatus, pdn_registration_status)
PDN_DECLARE_ENUM_NAMES (PdnAttendanceStatus, pdn_attendance_status)
PDN_DECLARE_ENUM_NAMES (PdnAnalysisRunStatus, pdn_analysis_run_status)
PDN_DECLARE_ENUM_NAMES (PdnAttendanceSource, pdn_attendance_source)

gchar *pdn_enum_names_joined (const gchar *const *names);

G_END_DECLS
