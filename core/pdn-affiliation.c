/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-affiliation.h"
#include "pdn-time.h"

G_DEFINE_BOXED_TYPE (PdnAffiliation, pdn_affiliation, pdn_affiliation_copy, pdn_affiliation_free)

/* An empty date is an open end, as in an import file's empty cell. */
static gchar *
dup_date (const gchar *date)
{
  return date != NULL && date[0] != '\0' ? g_strdup (date) : NULL;
}

PdnAffiliation *
pdn_affiliation_new (gint64 school_id, const gchar *starts_on, const gchar *ends_on)
{
  PdnAffiliation *self = g_new0 (PdnAffiliation, 1);

  self->school_id = school_id;
  self->starts_on = dup_date (starts_on);
  self->ends_on = dup_date (ends_on);
  return self;
}

PdnAffiliation *
pdn_affiliation_copy (const PdnAffiliation *self)
{
  PdnAffiliation *copy = pdn_affiliation_new (self->school_id, self->starts_on, self->ends_on);

  copy->id = self->id;
  return copy;
}

void
pdn_affiliation_free (PdnAffiliation *self)
{
  if (self == NULL)
    return;
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self);
}

/* Field names are those of the import file and the API: "from" and "to". */
gboolean
pdn_affiliation_validate (const PdnAffiliation *self, GError **error)
{
  if (self->school_id <= 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "school_id",
                           _("An affiliation needs a school"));
      return FALSE;
    }
  if (self->starts_on != NULL && !pdn_time_validate_date (self->starts_on, "from", error))
    return FALSE;
  if (self->ends_on != NULL && !pdn_time_validate_date (self->ends_on, "to", error))
    return FALSE;
  if (self->starts_on != NULL && self->ends_on != NULL
      && strcmp (self->ends_on, self->starts_on) < 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, "to",
                           _("The affiliation ends (%s) before it starts (%s)"), self->ends_on,
                           self->starts_on);
      return FALSE;
    }
  return TRUE;
}

/* Dates are "YYYY-MM-DD", so text order is date order. */
gboolean
pdn_affiliation_covers (const PdnAffiliation *self, const gchar *date)
{
  if (self->starts_on != NULL && strcmp (date, self->starts_on) < 0)
    return FALSE;
  if (self->ends_on != NULL && strcmp (date, self->ends_on) > 0)
    return FALSE;
  return TRUE;
}

/* Both ends are inclusive: one ending on the day the other starts overlaps. */
gboolean
pdn_affiliation_overlaps (const PdnAffiliation *a, const PdnAffiliation *b)
{
  gboolean a_starts_after_b = a->starts_on != NULL && b->ends_on != NULL
                              && strcmp (a->starts_on, b->ends_on) > 0;
  gboolean b_starts_after_a = b->starts_on != NULL && a->ends_on != NULL
                              && strcmp (b->starts_on, a->ends_on) > 0;

  return !a_starts_after_b && !b_starts_after_a;
}
