/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PDN_STEP_ERROR,
  PDN_STEP_ROW,
  PDN_STEP_DONE,
} PdnStep;

#define PDN_TYPE_STATEMENT (pdn_statement_get_type ())
G_DECLARE_DERIVABLE_TYPE (PdnStatement, pdn_statement, PDN, STATEMENT, GObject)

/* A prepared statement with positional `?` parameters (1-based) and
 * 0-based result columns. Backends subclass it; callers never see the
 * backend's own types. */
struct _PdnStatementClass
{
  GObjectClass parent_class;

  void (*bind_int64) (PdnStatement *self, guint index, gint64 value);
  void (*bind_double) (PdnStatement *self, guint index, gdouble value);
  void (*bind_text) (PdnStatement *self, guint index, const gchar *value);
  void (*bind_null) (PdnStatement *self, guint index);
  PdnStep (*step) (PdnStatement *self, GError **error);
  gboolean (*column_is_null) (PdnStatement *self, guint column);
  gint64 (*column_int64) (PdnStatement *self, guint column);
  gdouble (*column_double) (PdnStatement *self, guint column);
  const gchar *(*column_text) (PdnStatement *self, guint column);
  void (*reset) (PdnStatement *self);
};

void pdn_statement_bind_int64 (PdnStatement *self, guint index, gint64 value);
void pdn_statement_bind_double (PdnStatement *self, guint index, gdouble value);
void pdn_statement_bind_text (PdnStatement *self, guint index, const gchar *value);
void pdn_statement_bind_null (PdnStatement *self, guint index);
void pdn_statement_bind_id (PdnStatement *self, guint index, gint64 id);
void pdn_statement_bind_bool (PdnStatement *self, guint index, gboolean value);
PdnStep pdn_statement_step (PdnStatement *self, GError **error);
gboolean pdn_statement_run (PdnStatement *self, GError **error);
gboolean pdn_statement_column_is_null (PdnStatement *self, guint column);
gint64 pdn_statement_column_int64 (PdnStatement *self, guint column);
gdouble pdn_statement_column_double (PdnStatement *self, guint column);
const gchar *pdn_statement_column_text (PdnStatement *self, guint column);
gchar *pdn_statement_dup_text (PdnStatement *self, guint column);
void pdn_statement_reset (PdnStatement *self);

/* Makes one object (a new reference) of the statement's current row. */
typedef gpointer (*PdnRowFunc) (PdnStatement *stmt);

gboolean pdn_statement_step_one (PdnStatement *self, GError **error, const gchar *format, ...)
    G_GNUC_PRINTF (3, 4);
GPtrArray *pdn_statement_collect (PdnStatement *self, PdnRowFunc from_row, GError **error);

G_END_DECLS
