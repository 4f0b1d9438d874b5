/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-sqlite-migrations.h"

/* Version 1: the domain. Timestamps are RFC 3339 text in UTC
 * ("2026-09-12T14:00:00Z"), dates are "YYYY-MM-DD", so both sort as text and
 * the SQL stays portable. Enumerations are text checked by the model. */
static const gchar migration_v1[] =
  "CREATE TABLE organizations ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE organization_email_domains ("
  "  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,"
  "  domain TEXT NOT NULL,"
  "  PRIMARY KEY (organization_id, domain));"
  "CREATE TABLE school_years ("
  "  label TEXT PRIMARY KEY,"
  "  starts_on TEXT NOT NULL,"
  "  ends_on TEXT NOT NULL);"
  "CREATE TABLE schools ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  sector TEXT NOT NULL,"
  "  organization_id INTEGER NOT NULL REFERENCES organizations (id),"
  "  city TEXT,"
  "  external_id TEXT UNIQUE,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX schools_organization ON schools (organization_id, name);"
  "CREATE TABLE school_year_facts ("
  "  school_id INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,"
  "  school_year TEXT NOT NULL REFERENCES school_years (label),"
  "  teacher_headcount INTEGER,"
  "  sector TEXT NOT NULL,"
  "  organization_id INTEGER NOT NULL REFERENCES organizations (id),"
  "  PRIMARY KEY (school_id, school_year));"
  "CREATE TABLE people ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT NOT NULL,"
  "  email_key TEXT NOT NULL UNIQUE,"
  "  role TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE affiliations ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,"
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  starts_on TEXT,"
  "  ends_on TEXT);"
  "CREATE INDEX affiliations_person ON affiliations (person_id, starts_on);"
  "CREATE INDEX affiliations_school ON affiliations (school_id);"
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT,"
  "  email_key TEXT UNIQUE,"
  "  role TEXT NOT NULL,"
  "  organization_id INTEGER REFERENCES organizations (id),"
  "  person_id INTEGER UNIQUE REFERENCES people (id),"
  "  password_hash TEXT,"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE programs ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  lead_organization_id INTEGER NOT NULL REFERENCES organizations (id),"
  "  school_year TEXT NOT NULL REFERENCES school_years (label),"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE program_partners ("
  "  program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,"
  "  organization_id INTEGER NOT NULL REFERENCES organizations (id),"
  "  PRIMARY KEY (program_id, organization_id));"
  "CREATE TABLE series ("
  "  id INTEGER PRIMARY KEY,"
  "  program_id INTEGER NOT NULL REFERENCES programs (id),"
  "  title TEXT NOT NULL,"
  "  topic TEXT,"
  "  term TEXT,"
  "  kind TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX series_program ON series (program_id, position);"
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  program_id INTEGER NOT NULL REFERENCES programs (id),"
  "  series_id INTEGER REFERENCES series (id),"
  "  kind TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  topic TEXT,"
  "  starts_at TEXT NOT NULL,"
  "  ends_at TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  local_date TEXT NOT NULL,"
  "  location TEXT,"
  "  host_school_id INTEGER REFERENCES schools (id),"
  "  capacity INTEGER,"
  "  registration_opens_at TEXT,"
  "  registration_closes_at TEXT,"
  "  cancellation_cutoff TEXT,"
  "  state TEXT NOT NULL DEFAULT 'scheduled',"
  "  check_in_code TEXT NOT NULL,"
  "  curriculum_slug TEXT,"
  "  curriculum_commit TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);"
  "CREATE INDEX sessions_program ON sessions (program_id, starts_at);"
  "CREATE INDEX sessions_series ON sessions (series_id, starts_at);"
  "CREATE TABLE session_facilitators ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  PRIMARY KEY (session_id, person_id));"
  /* Waitlist order is creation order (id); positions are derived, never
   * stored, so a cancellation needs no renumbering. */
  "CREATE TABLE registrations ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  status TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  cancelled_at TEXT,"
  "  created_by_account_id INTEGER REFERENCES accounts (id));"
  "CREATE UNIQUE INDEX registrations_active ON registrations (session_id, person_id)"
  "  WHERE status <> 'cancelled';"
  "CREATE INDEX registrations_person ON registrations (person_id);"
  "CREATE TABLE attendance ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  status TEXT NOT NULL,"
  "  minutes INTEGER,"
  "  source TEXT NOT NULL,"
  "  recorded_by_account_id INTEGER REFERENCES accounts (id),"
  "  recorded_at TEXT NOT NULL,"
  "  PRIMARY KEY (session_id, person_id));"
  "CREATE TABLE attendance_history ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  status TEXT NOT NULL,"
  "  minutes INTEGER,"
  "  source TEXT NOT NULL,"
  "  recorded_by_account_id INTEGER REFERENCES accounts (id),"
  "  recorded_at TEXT NOT NULL);"
  "CREATE INDEX attendance_history_session ON attendance_history (session_id, id);"
  "CREATE TABLE survey_responses ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  person_id INTEGER REFERENCES people (id),"
  "  anonymous INTEGER NOT NULL DEFAULT 0,"
  "  usefulness INTEGER NOT NULL,"
  "  recommend INTEGER NOT NULL,"
  "  comment TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (session_id, person_id));"
  "CREATE TABLE outcomes ("
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  school_year TEXT NOT NULL,"
  "  measure TEXT NOT NULL,"
  "  value DOUBLE PRECISION NOT NULL,"
  "  students_n INTEGER NOT NULL,"
  "  PRIMARY KEY (school_id, school_year, measure));";

/* Version 2: indexes for the participation report, which reads attendance
 * by session and affiliations by person and date. */
static const gchar migration_v2[] =
  "CREATE INDEX attendance_person ON attendance (person_id, session_id);"
  "CREATE INDEX sessions_local_date ON sessions (local_date);"
  "CREATE INDEX registrations_session_status ON registrations (session_id, status, id);";

/* Version 3: bearer tokens. Only a hash of each token is stored, so a
 * copy of the database does not let anyone sign in. Failed sign-ins are
 * rate-limited in memory (PdnRateLimiter), not here: a restart forgetting
 * them costs an attacker little, and a write per failure would not. */
static const gchar migration_v3[] =
  "CREATE TABLE tokens ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  created_at TEXT NOT NULL,"
  "  expires_at TEXT,"
  "  revoked_at TEXT,"
  "  last_used_at TEXT);"
  "CREATE INDEX tokens_account ON tokens (account_id, id);";

/* Version 4: registration's companions. `notifications` is the outbox:
 * a row is written in the same transaction as its cause (a promotion, a
 * session change) and a sender delivers it later, so nothing is lost when
 * delivery fails; the text is rendered when delivered or listed, in the
 * reader's language, from `kind`, the session and `detail` (JSON). One
 * reminder per person and session. `calendar_feeds` holds each person's
 * secret calendar URL token (shown again on request, so kept as is; it
 * reveals a schedule, not an account). */
static const gchar migration_v4[] =
  "CREATE TABLE notifications ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,"
  "  session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT '{}',"
  "  created_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at TEXT NOT NULL,"
  "  sent_at TEXT,"
  "  failed_at TEXT,"
  "  last_error TEXT);"
  "CREATE INDEX notifications_person ON notifications (person_id, id);"
  "CREATE INDEX notifications_pending ON notifications (next_attempt_at)"
  "  WHERE sent_at IS NULL AND failed_at IS NULL;"
  "CREATE UNIQUE INDEX notifications_reminder ON notifications (session_id, person_id)"
  "  WHERE kind = 'session-reminder';"
  "CREATE TABLE calendar_feeds ("
  "  person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,"
  "  secret TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL);";

/* Version 5: seats taken and people waiting, per session, kept by
 * triggers in the same transaction as every change to `registrations`, so
 * deciding a seat reads one row instead of counting a session's
 * registrations (which grew with every registration). The reminder pass
 * looks for scheduled sessions by start. */
static const gchar migration_v5[] =
  "CREATE INDEX sessions_state_start ON sessions (state, starts_at);"
  "CREATE TABLE registration_counts ("
  "  session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
  "  registered INTEGER NOT NULL DEFAULT 0,"
  "  waitlisted INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO registration_counts (session_id, registered, waitlisted)"
  "  SELECT session_id, SUM(status = 'registered'), SUM(status = 'waitlisted')"
  "  FROM registrations GROUP BY session_id;"
  "CREATE TRIGGER registrations_count_insert AFTER INSERT ON registrations BEGIN"
  "  INSERT OR IGNORE INTO registration_counts (session_id) VALUES (NEW.session_id);"
  "  UPDATE registration_counts SET registered = registered + (NEW.status = 'registered'),"
  "    waitlisted = waitlisted + (NEW.status = 'waitlisted')"
  "    WHERE session_id = NEW.session_id;"
  "END;"
  "CREATE TRIGGER registrations_count_update AFTER UPDATE OF status, session_id"
  "  ON registrations BEGIN"
  "  UPDATE registration_counts SET registered = registered - (OLD.status = 'registered'),"
  "    waitlisted = waitlisted - (OLD.status = 'waitlisted')"
  "    WHERE session_id = OLD.session_id;"
  "  INSERT OR IGNORE INTO registration_counts (session_id) VALUES (NEW.session_id);"
  "  UPDATE registration_counts SET registered = registered + (NEW.status = 'registered'),"
  "    waitlisted = waitlisted + (NEW.status = 'waitlisted')"
  "    WHERE session_id = NEW.session_id;"
  "END;"
  "CREATE TRIGGER registrations_count_delete AFTER DELETE ON registrations BEGIN"
  "  UPDATE registration_counts SET registered = registered - (OLD.status = 'registered'),"
  "    waitlisted = waitlisted - (OLD.status = 'waitlisted')"
  "    WHERE session_id = OLD.session_id;"
  "END;";

/* Version 6: curricula. Each one is a bare git repository under
 * DATA_DIR/curricula/<slug>.git; this table mirrors only what SQL needs:
 * who owns it, who may read it, and main's head (with its author and date,
 * for lists) as of the last change made through pdnet. */
static const gchar migration_v6[] =
  "CREATE TABLE curricula ("
  "  id INTEGER PRIMARY KEY,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  owner_organization_id INTEGER NOT NULL REFERENCES organizations (id),"
  "  visibility TEXT NOT NULL,"
  "  head_commit TEXT,"
  "  head_author TEXT,"
  "  head_date TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);"
  "CREATE INDEX curricula_owner ON curricula (owner_organization_id);";

/* Version 7: which schema steps of each plugin this database has. */
static const gchar migration_v7[] =
  "CREATE TABLE plugin_migrations ("
  "  plugin_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  applied_at TEXT NOT NULL,"
  "  PRIMARY KEY (plugin_id, version));";

/* Version 8: analysis runs. A run is queued by POST
 * /analyses/{id}/runs, computed on the analysis runner's threads, and
 * keeps what it needs to be reproduced: the effective parameters (after
 * the privacy floors), the plugin's version and, inside the result, the
 * pdnet version and the time of the data snapshot it read. */
static const gchar migration_v8[] =
  "CREATE TABLE analysis_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  analysis_id TEXT NOT NULL,"
  "  plugin_version TEXT NOT NULL,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,"
  "  parameters TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  progress REAL NOT NULL DEFAULT 0,"
  "  result TEXT,"
  "  error TEXT,"
  "  created_at TEXT NOT NULL,"
  "  started_at TEXT,"
  "  finished_at TEXT,"
  "  snapshot_at TEXT);"
  "CREATE INDEX analysis_runs_status ON analysis_runs (status);"
  "CREATE INDEX analysis_runs_account ON analysis_runs (account_id, id);";

/* Version 9: a reminder is for one start of its session, so a session that
 * moves after its reminder went out gets another the day before its new
 * start. Reminders already written were for the start the session has now
 * (unsent ones for an older start were dropped when it moved). A calendar
 * feed is found by a hash of its secret, which no longer starts with the
 * person id; feeds made before have no hash and keep their old secret
 * (found the old way) until rotated. */
static const gchar migration_v9[] =
  "ALTER TABLE notifications ADD COLUMN starts_at TEXT;"
  "UPDATE notifications SET starts_at ="
  "  (SELECT s.starts_at FROM sessions s WHERE s.id = notifications.session_id)"
  "  WHERE kind = 'session-reminder';"
  "DROP INDEX notifications_reminder;"
  "CREATE UNIQUE INDEX notifications_reminder"
  "  ON notifications (session_id, person_id, starts_at)"
  "  WHERE kind = 'session-reminder';"
  "ALTER TABLE calendar_feeds ADD COLUMN secret_hash TEXT;"
  "CREATE UNIQUE INDEX calendar_feeds_secret_hash ON calendar_feeds (secret_hash);";

static const gchar *const migrations[] = {
  migration_v1,
  migration_v2,
  migration_v3,
  migration_v4,
  migration_v5,
  migration_v6,
  migration_v7,
  migration_v8,
  migration_v9,
};

const gchar *const *
pdn_sqlite_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
