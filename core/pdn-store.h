/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <glib-object.h>
#include <pdnet/pdn-error.h>

#include "pdn-statement.h"

G_BEGIN_DECLS

typedef enum
{
  PDN_TRANSACTION_READ,
  PDN_TRANSACTION_WRITE,
} PdnTransactionKind;

#define PDN_TYPE_STORE (pdn_store_get_type ())
G_DECLARE_INTERFACE (PdnStore, pdn_store, PDN, STORE, GObject)

/**
 * PdnStoreInterface:
 *
 * The storage backend. Callers use portable SQL with `?` parameters through
 * prepare(); a backend translates placeholders and maps its own errors to
 * PDN_ERROR. Transactions nest: an inner begin() is a savepoint.
 *
 * Multithreading: a store is one connection and belongs to one thread at a
 * time; open one store per thread.
 */
struct _PdnStoreInterface
{
  GTypeInterface parent_iface;

  PdnStatement *(*prepare) (PdnStore *self, const gchar *sql, GError **error);
  gint64 (*last_insert_id) (PdnStore *self);
  gboolean (*begin) (PdnStore *self, PdnTransactionKind kind, GError **error);
  gboolean (*commit) (PdnStore *self, GError **error);
  void (*rollback) (PdnStore *self);
  guint (*schema_version) (PdnStore *self);
  const gchar *(*backend_name) (PdnStore *self);
  void (*set_cancellable) (PdnStore *self, GCancellable *cancellable);
};

PdnStatement *pdn_store_prepare (PdnStore *self, const gchar *sql, GError **error);
gint64 pdn_store_last_insert_id (PdnStore *self);
gboolean pdn_store_begin (PdnStore *self, PdnTransactionKind kind, GError **error);
gboolean pdn_store_commit (PdnStore *self, GError **error);
void pdn_store_rollback (PdnStore *self);
guint pdn_store_schema_version (PdnStore *self);
const gchar *pdn_store_backend_name (PdnStore *self);
/* While @cancellable (NULL: none) is set, cancelling it interrupts the
 * statement running on this store (this thread's connection), which then
 * fails; long reads (analyses) stop within moments, not at their end. */
void pdn_store_set_cancellable (PdnStore *self, GCancellable *cancellable);

gboolean pdn_store_count (PdnStore *self, const gchar *sql, gint64 id, gint64 *count,
                          GError **error);
gboolean pdn_store_require_row (PdnStore *self, const gchar *sql, gint64 id, PdnErrorCode code,
                                const gchar *field, GError **error, const gchar *format, ...)
    G_GNUC_PRINTF (7, 8);
gboolean pdn_store_find_other (PdnStore *self, const gchar *sql, const gchar *key, gint64 self_id,
                               gchar **other, GError **error);
PdnStatement *pdn_store_prepare_id (PdnStore *self, const gchar *sql, gint64 id, GError **error);
gboolean pdn_store_run_id (PdnStore *self, const gchar *sql, gint64 id, GError **error);
gboolean pdn_store_load_ids (PdnStore *self, const gchar *sql, gint64 owner_id, GArray *ids,
                             GError **error);
gboolean pdn_store_replace_ids (PdnStore *self, const gchar *clear_sql, const gchar *add_sql,
                                gint64 owner_id, GArray *ids, GError **error);

G_END_DECLS
