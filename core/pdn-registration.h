/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-enums.h"
#include "pdn-store.h"

G_BEGIN_DECLS

#define PDN_TYPE_REGISTRATION (pdn_registration_get_type ())
G_DECLARE_FINAL_TYPE (PdnRegistration, pdn_registration, PDN, REGISTRATION, GObject)

/* A person's place in a session. The waitlist order is the creation order
 * (id), derived when read, so cancelling never renumbers anything. At most
 * one registration per person and session is not cancelled. */
struct _PdnRegistration
{
  GObject parent_instance;
  gint64 id;
  gint64 session_id;
  gint64 person_id;
  PdnRegistrationStatus status;
  gchar *created_at;
  gchar *cancelled_at;          /* nullable */
  gint64 created_by_account_id; /* 0: none (imports, demo) */
};

PdnRegistration *pdn_registration_new (void);
gboolean pdn_registration_validate (PdnRegistration *self, GError **error);
/* A second active registration of the same person in the same session is a
 * PDN_ERROR_CONFLICT naming "person_id". */
gboolean pdn_registration_insert (PdnRegistration *self, PdnStore *store, GError **error);
/* Sets status cancelled and cancelled_at (now when NULL). */
gboolean pdn_registration_cancel (PdnRegistration *self, PdnStore *store, GError **error);
gboolean pdn_registration_update_status (PdnRegistration *self, PdnStore *store,
                                         PdnRegistrationStatus status, GError **error);
PdnRegistration *pdn_registration_load (PdnStore *store, gint64 id, GError **error);
/* Registrations of a session in creation order, optionally one status
 * (pass -1 for all). */
GPtrArray *pdn_registration_list_for_session (PdnStore *store, gint64 session_id, gint status,
                                              GError **error);
/* 1-based place on the waitlist, or 0 when not waitlisted; -1 with @error
 * set when the store fails. */
gint64 pdn_registration_waitlist_position (PdnRegistration *self, PdnStore *store,
                                           GError **error);

G_END_DECLS
