/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pdn-store.h"

G_BEGIN_DECLS

/**
 * PdnTransaction:
 *
 * A scope guard for a store transaction: declared with g_autoptr, it rolls
 * back when it goes out of scope unless pdn_transaction_commit() ran.
 */
typedef struct _PdnTransaction PdnTransaction;

PdnTransaction *pdn_transaction_begin (PdnStore *store, PdnTransactionKind kind, GError **error);
gboolean pdn_transaction_commit (PdnTransaction *self, GError **error);
void pdn_transaction_free (PdnTransaction *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnTransaction, pdn_transaction_free)

G_END_DECLS
