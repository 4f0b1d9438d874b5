/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-request.h"

G_BEGIN_DECLS

guint pdn_api_accept_choose (const gchar *accept, const gchar *const *offered);
guint pdn_api_negotiate (PdnRequest *request, const gchar *const *offered);

G_END_DECLS
