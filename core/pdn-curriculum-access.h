/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-account.h"
#include "pdn-curriculum.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* Who may do what with a curriculum (see pdn-curriculum-access.c). */
gboolean pdn_curriculum_access_may_read (PdnCurriculum *curriculum, PdnAccount *caller);
gboolean pdn_curriculum_access_check_act_for (PdnAccount *caller, gint64 organization_id,
                                              const gchar *field, GError **error);
gboolean pdn_curriculum_access_check_edit (PdnStore *store, PdnAccount *caller,
                                           PdnCurriculum *curriculum, const gchar *branch,
                                           GError **error);
gchar *pdn_curriculum_access_adaptation_branch (const gchar *organization_slug);

G_END_DECLS
