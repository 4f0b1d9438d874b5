/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-program.h"
#include "pdn-router.h"
#include "pdn-store.h"

G_BEGIN_DECLS

void pdn_api_programs_register (PdnRouter *router, PdnStore *store);

/* The resource as the API shows it (plugins' hooks get the same). */
JsonNode *pdn_api_program_json (PdnProgram *program);

G_END_DECLS
