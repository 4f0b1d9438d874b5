/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-knowledge-flow-matrix.h"

static const gchar *const from_names[KF_N_FROM] = { "district", "charter", "catholic",
                                                    "partner", "unknown" };

const gchar *
kf_from_name (KfFrom from)
{
  return from_names[from];
}

const gchar *
kf_to_name (guint to)
{
  return from_names[to];
}

gint
kf_sector_index (const gchar *sector)
{
  for (guint i = 0; i < KF_N_TO; i++)
    if (g_strcmp0 (sector, from_names[i]) == 0)
      return (gint) i;
  return -1;
}

/* A charter network (cmo) or a standalone charter teaches as the charter
 * sector, a diocese as the Catholic one; a partner organization (a
 * university, a nonprofit) is a source of its own. */
KfFrom
kf_from_organization_kind (const gchar *kind)
{
  if (g_strcmp0 (kind, "district") == 0)
    return KF_FROM_DISTRICT;
  if (g_strcmp0 (kind, "cmo") == 0 || g_strcmp0 (kind, "standalone-charter") == 0)
    return KF_FROM_CHARTER;
  if (g_strcmp0 (kind, "diocese") == 0)
    return KF_FROM_CATHOLIC;
  if (g_strcmp0 (kind, "partner") == 0)
    return KF_FROM_PARTNER;
  return KF_FROM_UNKNOWN;
}

KfMatrix *
kf_matrix_new (void)
{
  KfMatrix *matrix = g_new0 (KfMatrix, 1);

  for (guint f = 0; f < KF_N_FROM; f++)
    for (guint t = 0; t < KF_N_TO; t++)
      matrix->cells[f][t].attendees = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  return matrix;
}

void
kf_matrix_free (KfMatrix *matrix)
{
  for (guint f = 0; f < KF_N_FROM; f++)
    for (guint t = 0; t < KF_N_TO; t++)
      g_hash_table_unref (matrix->cells[f][t].attendees);
  g_free (matrix);
}

void
kf_matrix_add (KfMatrix *matrix, KfFrom from, guint to, gint64 person_id, gdouble hours)
{
  KfCell *cell = &matrix->cells[from][to];

  cell->hours += hours;
  if (!g_hash_table_contains (cell->attendees, &person_id))
    g_hash_table_add (cell->attendees, g_memdup2 (&person_id, sizeof person_id));
}
