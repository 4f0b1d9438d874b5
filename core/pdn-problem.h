/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PDN_PROBLEM_CONTENT_TYPE "application/problem+json"

guint pdn_problem_get_status (const GError *error);
JsonNode *pdn_problem_new (const GError *error);
gchar *pdn_problem_type_uri (const gchar *code_name);
JsonNode *pdn_problem_schema (void);

G_END_DECLS
