/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where hours come from: a school sector, a partner organization, or
 * nobody known (a session with neither facilitator nor curriculum). */
typedef enum
{
  KF_FROM_DISTRICT,
  KF_FROM_CHARTER,
  KF_FROM_CATHOLIC,
  KF_FROM_PARTNER,
  KF_FROM_UNKNOWN,
  KF_N_FROM,
} KfFrom;

/* Where hours go: the attendee's school sector that day. */
#define KF_N_TO 3

typedef struct
{
  gdouble hours;
  GHashTable *attendees; /* distinct person ids (gint64 *) */
} KfCell;

typedef struct
{
  KfCell cells[KF_N_FROM][KF_N_TO];
  gint64 sessions;
  gint64 attendances;       /* counted attendance rows */
  gint64 unaffiliated;      /* attendance rows of people at no school that day */
} KfMatrix;

const gchar *kf_from_name (KfFrom from);
const gchar *kf_to_name (guint to);
/* A school sector's index in the "to" axis (and its KfFrom), or -1. */
gint kf_sector_index (const gchar *sector);
/* An organization's kind as a "from" sector. */
KfFrom kf_from_organization_kind (const gchar *kind);

KfMatrix *kf_matrix_new (void);
void kf_matrix_free (KfMatrix *matrix);
void kf_matrix_add (KfMatrix *matrix, KfFrom from, guint to, gint64 person_id, gdouble hours);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfMatrix, kf_matrix_free)

G_END_DECLS
