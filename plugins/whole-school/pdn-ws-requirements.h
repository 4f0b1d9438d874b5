/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PdnWsRequirements:
 *
 * Collects every unmet requirement of an enrollment (or a log) so one
 * answer lists them all, rather than one per attempt.
 *
 * The plugin ABI carries one GError per failure, so the list goes into
 * the error itself: the problem's `field` names every field at fault,
 * comma-separated ("readiness.devices_per_student,commitments"), and its
 * `detail` has one line per requirement, each starting with its field.
 */
typedef struct _PdnWsRequirements PdnWsRequirements;

PdnWsRequirements *pdn_ws_requirements_new (void);
void pdn_ws_requirements_free (PdnWsRequirements *self);
void pdn_ws_requirements_add (PdnWsRequirements *self, const gchar *field, const gchar *format,
                              ...) G_GNUC_PRINTF (3, 4);
guint pdn_ws_requirements_count (PdnWsRequirements *self);
const gchar *pdn_ws_requirements_get_field (PdnWsRequirements *self, guint index);
const gchar *pdn_ws_requirements_get_message (PdnWsRequirements *self, guint index);
gboolean pdn_ws_requirements_check (PdnWsRequirements *self, const gchar *summary,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdnWsRequirements, pdn_ws_requirements_free)

G_END_DECLS
