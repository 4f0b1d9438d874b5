/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-transaction.h"

struct _PdnTransaction
{
  PdnStore *store;
  gboolean finished;
};

PdnTransaction *
pdn_transaction_begin (PdnStore *store, PdnTransactionKind kind, GError **error)
{
  PdnTransaction *self;

  if (!pdn_store_begin (store, kind, error))
    return NULL;
  self = g_new0 (PdnTransaction, 1);
  self->store = g_object_ref (store);
  return self;
}

gboolean
pdn_transaction_commit (PdnTransaction *self, GError **error)
{
  g_return_val_if_fail (!self->finished, FALSE);
  /* A failed COMMIT leaves the transaction open: finish it by rolling back. */
  if (!pdn_store_commit (self->store, error))
    return FALSE;
  self->finished = TRUE;
  return TRUE;
}

void
pdn_transaction_free (PdnTransaction *self)
{
  if (!self->finished)
    pdn_store_rollback (self->store);
  g_object_unref (self->store);
  g_free (self);
}
