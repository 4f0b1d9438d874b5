/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-account.h"
#include "pdn-curricula.h"
#include "pdn-request.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* What a curriculum route works on: the curriculum at {slug}, its
 * repository and the caller (NULL for an anonymous reader). */
typedef struct
{
  PdnStore *store;
  PdnCurricula *curricula;
  PdnCurriculum *curriculum;
  PdnCurriculumRepo *repo;
  PdnAccount *caller;
  gchar *author_name;
  gchar *author_email;
} PdnCurriculumCall;

void pdn_curriculum_call_clear (PdnCurriculumCall *call);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdnCurriculumCall, pdn_curriculum_call_clear)

gboolean pdn_curriculum_call_read (PdnCurriculumCall *call, PdnRequest *request, PdnStore *store,
                                   PdnAccount *caller, GError **error);
gboolean pdn_curriculum_call_edit (PdnCurriculumCall *call, PdnRequest *request, PdnStore *store,
                                   const gchar *branch, GError **error);
gboolean pdn_curriculum_call_author (PdnCurriculumCall *call, const gchar *message,
                                     PdnCurriculumAuthor *author, GError **error);
gboolean pdn_curriculum_call_main_changed (PdnCurriculumCall *call, const gchar *branch,
                                           GError **error);
gchar *pdn_curriculum_call_resolve (PdnCurriculumCall *call, const gchar *ref, const gchar *field,
                                    GError **error);
JsonNode *pdn_api_curriculum_commit_to_json (PdnCurriculumCommit *commit);
JsonNode *pdn_api_curriculum_diff_files (PdnCurriculumDiff *diff);

void pdn_api_curricula_register (PdnRouter *router, PdnStore *store);
void pdn_api_curriculum_branches_register (PdnRouter *router, PdnStore *store);
void pdn_api_curricula_git_register (PdnRouter *router, PdnStore *store);

/* OpenAPI fragments the three route files share. */
#define PDN_API_CURRICULUM_REF_PARAMETER                                                         \
  "{\"name\":\"ref\",\"in\":\"query\",\"description\":\"A branch, release (tag) or full commit " \
  "id; main by default\",\"schema\":{\"type\":\"string\"}}"
#define PDN_API_CURRICULUM_COMMIT_ID "{\"type\":\"string\",\"pattern\":\"^[0-9a-f]{40}$\"}"

G_END_DECLS
