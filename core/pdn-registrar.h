/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pdn-registration.h"
#include "pdn-session.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/**
 * PdnRegistrationCheck:
 *
 * A rule of a program type (whole-school adoption, workshop series...):
 * whether @person_id may register for @session. It runs inside the
 * registration's write transaction, so what it reads cannot change before
 * the seat is taken. Returns %FALSE with @error set (say,
 * PDN_ERROR_UNPROCESSABLE with the reason) to refuse.
 */
typedef gboolean (*PdnRegistrationCheck) (PdnStore *store, PdnSession *session, gint64 person_id,
                                          gpointer user_data, GError **error);

#define PDN_TYPE_REGISTRAR (pdn_registrar_get_type ())
G_DECLARE_FINAL_TYPE (PdnRegistrar, pdn_registrar, PDN, REGISTRAR, GObject)

PdnRegistrar *pdn_registrar_new (void);
/* The daemon's registrar, which program types add their checks to. */
PdnRegistrar *pdn_registrar_get_default (void);
void pdn_registrar_add_check (PdnRegistrar *self, PdnRegistrationCheck check, gpointer user_data,
                              GDestroyNotify destroy);

/**
 * pdn_registrar_register:
 * @account_id: who asked (0: none)
 * @created: (out): %FALSE when @person_id already held a place, which is
 *   returned unchanged
 * @position: (out): the place on the waitlist, 0 unless waitlisted
 *
 * Takes a seat, or the next waitlist place when the session is full, in
 * one write transaction (call it inside a batch's, where it becomes a
 * savepoint). Refuses a cancelled session, a time outside the
 * registration window and whatever a check refuses, each with the reason.
 */
PdnRegistration *pdn_registrar_register (PdnRegistrar *self, PdnStore *store,
                                         PdnSession *session, gint64 person_id,
                                         gint64 account_id, gboolean *created,
                                         gint64 *position, GError **error);
/* Cancels @registration (no access rule: the caller decides who may) and
 * fills the seat it frees from the waitlist, in one transaction. */
gboolean pdn_registrar_cancel (PdnStore *store, PdnRegistration *registration, GError **error);
/* Promotes waitlisted people, first come first served, into the free seats
 * of @session (after a cancellation or a larger capacity), queueing a
 * notification for each. */
gboolean pdn_registrar_fill_seats (PdnStore *store, PdnSession *session, GError **error);
/* Why teachers may no longer cancel themselves, or %NULL when they may:
 * the session's cancellation cutoff (its start when it has none) passed. */
gchar *pdn_registrar_cancel_refusal (PdnSession *session);

G_END_DECLS
