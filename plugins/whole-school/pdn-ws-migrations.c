/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdn-ws-migrations.h"

/*
 * The plugin's tables, all named whole_school_*. SQL both SQLite and
 * PostgreSQL accept. Rows refer to the core's programs, schools, people
 * and sessions, so the core's deletes of those fail with a conflict while
 * an enrollment or a log still names them (as they do for registrations).
 * Account ids are kept without a reference: accounts may be deleted.
 * `position` keeps lists in the order they were given.
 */

/* Version 1: enrollments (commitments, team) and coaching-call logs (with
 * the core elements the mentor saw kept). */
static const gchar migration_v1[] =
  "CREATE TABLE whole_school_enrollments ("
  "  id INTEGER PRIMARY KEY,"
  "  program_id INTEGER NOT NULL REFERENCES programs (id),"
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  starts_on TEXT NOT NULL,"
  "  devices_per_student DOUBLE PRECISION NOT NULL,"
  "  bandwidth_mbps_per_student DOUBLE PRECISION NOT NULL,"
  "  created_by_account_id INTEGER,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (program_id, school_id));"
  "CREATE TABLE whole_school_commitments ("
  "  enrollment_id INTEGER NOT NULL REFERENCES whole_school_enrollments (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  element TEXT NOT NULL,"
  "  PRIMARY KEY (enrollment_id, element));"
  "CREATE TABLE whole_school_team_members ("
  "  enrollment_id INTEGER NOT NULL REFERENCES whole_school_enrollments (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  role TEXT NOT NULL,"
  "  grade_level TEXT,"
  "  PRIMARY KEY (enrollment_id, person_id));"
  "CREATE INDEX whole_school_team_members_person ON whole_school_team_members (person_id);"
  "CREATE TABLE whole_school_coaching_calls ("
  "  id INTEGER PRIMARY KEY,"
  "  program_id INTEGER NOT NULL REFERENCES programs (id),"
  "  school_id INTEGER NOT NULL REFERENCES schools (id),"
  "  session_id INTEGER REFERENCES sessions (id),"
  "  held_on TEXT NOT NULL,"
  "  mentor_person_id INTEGER NOT NULL REFERENCES people (id),"
  "  duration_minutes INTEGER NOT NULL,"
  "  notes TEXT,"
  "  commitments_reviewed INTEGER NOT NULL,"
  "  created_by_account_id INTEGER,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX whole_school_coaching_calls_school"
  "  ON whole_school_coaching_calls (program_id, school_id, held_on);"
  "CREATE UNIQUE INDEX whole_school_coaching_calls_session"
  "  ON whole_school_coaching_calls (session_id) WHERE session_id IS NOT NULL;"
  "CREATE TABLE whole_school_call_commitments ("
  "  call_id INTEGER NOT NULL REFERENCES whole_school_coaching_calls (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  element TEXT NOT NULL,"
  "  PRIMARY KEY (call_id, element));";

void
pdn_ws_migrations_register (PdnContext *context)
{
  pdn_context_add_migration (context, 1, migration_v1);
}
