/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-mail-transport.h"

G_BEGIN_DECLS

#define PDN_TYPE_OUTBOX_DIR (pdn_outbox_dir_get_type ())
G_DECLARE_FINAL_TYPE (PdnOutboxDir, pdn_outbox_dir, PDN, OUTBOX_DIR, GObject)

PdnOutboxDir *pdn_outbox_dir_new (const gchar *path);
const gchar *pdn_outbox_dir_get_path (PdnOutboxDir *self);

G_END_DECLS
