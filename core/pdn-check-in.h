/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pdn-session.h"
#include "pdn-store.h"

G_BEGIN_DECLS

/* How long before a session starts its check-in opens. */
#define PDN_CHECK_IN_OPENS_MINUTES 30

/* Suggested limits for wrong check-in codes, per account. A code has six
 * characters of a 32-letter alphabet (2^30 codes), so ten guesses in a
 * quarter of an hour leave guessing hopeless while forgiving typos. */
#define PDN_CHECK_IN_FAILURES_PER_ACCOUNT 10
#define PDN_CHECK_IN_WINDOW_SECONDS (15 * 60)
#define PDN_CHECK_IN_MAX_KEYS 10000

/*
 * A teacher checking in to a session with its code (shown in the room).
 *
 * Check-in is open from PDN_CHECK_IN_OPENS_MINUTES before starts_at until
 * ends_at, both included, for scheduled sessions only. Anyone with a
 * person may check in, registered or not: the code proves they are in the
 * room, so walk-ins are recorded as well.
 *
 * The first check-in records the person present (minutes not given: the
 * session's length) with source check-in, in the current row and the
 * history. Checking in again changes nothing, so it can never overwrite a
 * coordinator's later correction. The current row is whatever was
 * recorded last: a coordinator's roster entry made after a check-in
 * replaces it (the history and PdnRosterEntry.checked_in_at keep the
 * check-in), and a first check-in after a roster entry replaces that.
 */

/* When check-in opens, as UTC storage text; it closes at ends_at. */
gchar *pdn_check_in_opens_at (PdnSession *session);
/* PDN_ERROR_UNPROCESSABLE unless @session takes check-ins at @now: the
 * message says whether it is cancelled, not open yet (and when it opens,
 * in the session's time zone) or closed. */
gboolean pdn_check_in_check_open (PdnSession *session, GDateTime *now, GError **error);
/* Compares @code with the session's, ignoring case, spaces and hyphens. */
gboolean pdn_check_in_code_matches (PdnSession *session, const gchar *code);
/* Records the check-in unless the person has one already; *@created says
 * which. Checks and writes in one write transaction, so two concurrent
 * check-ins of one person record one. */
gboolean pdn_check_in_record (PdnStore *store, gint64 session_id, gint64 person_id,
                              gint64 account_id, gboolean *created, GError **error);

G_END_DECLS
