/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-session.h"
#include "pdn-store.h"

G_BEGIN_DECLS

gboolean pdn_session_update_and_notify (PdnSession *session, PdnStore *store, GError **error);
gchar *pdn_session_notices_describe (PdnStore *store, PdnSession *before, PdnSession *after,
                                     GError **error);

G_END_DECLS
