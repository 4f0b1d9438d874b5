/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-enums.h"

static gboolean
lookup (const gchar *const *names, const gchar *text, gint *value)
{
  if (text == NULL)
    return FALSE;
  for (gint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], text) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

/* Defines to_string/from_string/names from one NULL-terminated table whose
 * order is the enum's. */
#define PDN_DEFINE_ENUM_NAMES(Type, prefix, ...)                                                 \
  static const gchar *const prefix##_table[] = { __VA_ARGS__, NULL };                          \
  const gchar *prefix##_to_string (Type value)                                                 \
  {                                                                                            \
    if ((guint) value >= G_N_ELEMENTS (prefix##_table) - 1)                                    \
      return NULL;                                                                             \
    return prefix##_table[value];                                                              \
  }                                                                                            \
  gboolean prefix##_from_string (const gchar *text, Type *value)                               \
  {                                                                                            \
    gint found = 0;                                                                            \
    if (!lookup (prefix##_table, text, &found))                                                \
      return FALSE;                                                                            \
    *value = (Type) found;                                                                     \
    return TRUE;                                                                               \
  }                                                                                            \
  const gchar *const *prefix##_names (void)                                                    \
  {                                                                                            \
    return prefix##_table;                                                                     \
  }

PDN_DEFINE_ENUM_NAMES (PdnOrganizationKind, pdn_organization_kind, "district", "cmo",
                       "standalone-charter", "diocese", "partner")
PDN_DEFINE_ENUM_NAMES (PdnSector, pdn_sector, "district", "charter", "catholic")
PDN_DEFINE_ENUM_NAMES (PdnPersonRole, pdn_person_role, "teacher", "coach", "school-leader",
                       "district-admin")
PDN_DEFINE_ENUM_NAMES (PdnLoginRole, pdn_login_role, "admin", "coordinator", "lead", "teacher")
PDN_DEFINE_ENUM_NAMES (PdnSessionState, pdn_session_state, "scheduled", "cancelled")
PDN_DEFINE_ENUM_NAMES (PdnRegistrationStatus, pdn_registration_status, "registered",
                       "waitlisted", "cancelled", "pending-approval")
PDN_DEFINE_ENUM_NAMES (PdnAttendanceStatus, pdn_attendance_status, "present", "partial",
                       "absent")
PDN_DEFINE_ENUM_NAMES (PdnAttendanceSource, pdn_attendance_source, "roster", "check-in")
PDN_DEFINE_ENUM_NAMES (PdnAnalysisRunStatus, pdn_analysis_run_status, "queued", "running",
                       "done", "failed", "cancelled")

/* "district, charter, catholic" for error messages. */
gchar *
pdn_enum_names_joined (const gchar *const *names)
{
  return g_strjoinv (", ", (gchar **) names);
}
