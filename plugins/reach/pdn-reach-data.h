/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pdnet/pdnet.h>

G_BEGIN_DECLS

/* A school's participation in one group. */
typedef struct
{
  gint64 id;
  gchar *name;
  gchar *sector;
  gint64 organization_id;
  gchar *organization_name;
  gchar *first_date;    /* its first session in the group */
  gint64 attendances;   /* teacher attendances credited to it */
  GHashTable *teachers; /* gint64 person ids */
} PdnReachSchool;

/* One term of one program. */
typedef struct
{
  gchar *term; /* NULL: sessions outside any series term */
  gint64 program_id;
  gchar *program_name;
  gchar *school_year;
  gchar *first_date;
  GHashTable *teachers; /* person id -> first date in the group */
  GHashTable *schools;  /* school id -> PdnReachSchool */
  GHashTable *sessions; /* session id -> set of sectors of its credited teachers */
} PdnReachGroup;

typedef struct
{
  GPtrArray *groups;        /* PdnReachGroup, by first date then program */
  GHashTable *person_first; /* person id -> first date attended, any program */
  GHashTable *school_first; /* school id -> first date a teacher of it attended */
} PdnReachData;

typedef struct
{
  GArray *program_ids; /* gint64; all when empty */
  const gchar *school_year;
} PdnReachFilter;

/**
 * pdn_reach_data_load:
 *
 * Reads every teacher attendance (teachers and coaches, present or
 * partial, as the core's participation counts them), crediting each to
 * the school of the affiliation covering the session's date. Sessions of
 * the filtered programs within their school year make the groups; every
 * attendance, of any program, dates the first participation of people and
 * schools.
 */
PdnReachData *pdn_reach_data_load (PdnContext *context, const PdnReachFilter *filter,
                                   GError **error);
void pdn_reach_data_free (PdnReachData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnReachData, pdn_reach_data_free)

G_END_DECLS
