/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdn-calendar-feed.h"
#include "pdn-sqlite-store.h"
#include "pdn-test-fixtures.h"
#include "pdn-test.h"

/*
 * Secret calendar feeds: made once and kept, replaced on rotation, and
 * found only by the exact current secret of a person with an enabled
 * account. Secrets are random through and through; those made before
 * schema 9 (starting with the person id) keep working until rotated.
 */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gint64 person, other_person, account;
} Fixture;

static void
link_account (PdnStore *store, gint64 account_id, gint64 person_id)
{
  g_autofree gchar *sql = g_strdup_printf ("UPDATE accounts SET person_id = %lld WHERE id = %lld",
                                           (long long) person_id, (long long) account_id);

  pdn_test_exec (store, sql);
}

static void
fixture_people (Fixture *f)
{
  f->person = pdn_test_add_person (f->store, "ana@rps.org");
  f->other_person = pdn_test_add_person (f->store, "ben@rps.org");
  f->account = pdn_test_add_account (f->store, "ana@rps.org");
  link_account (f->store, f->account, f->person);
  link_account (f->store, pdn_test_add_account (f->store, "ben@rps.org"), f->other_person);
}

static void
fixture_init (Fixture *f)
{
  f->store = pdn_test_store_new (&f->dir);
  fixture_people (f);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, pdn_test_dir_free);
}

static PdnCalendarFeed *
ensure (Fixture *f, gint64 person_id)
{
  g_autoptr (GError) error = NULL;
  PdnCalendarFeed *feed = pdn_calendar_feed_ensure (f->store, person_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static void
assert_not_found (Fixture *f, const gchar *secret)
{
  g_autoptr (GError) error = NULL;

  g_test_message ("secret: %s", secret != NULL ? secret : "(null)");
  g_assert_cmpint (pdn_calendar_feed_find_person (f->store, secret, &error), ==, 0);
  pdn_test_assert_error (error, PDN_ERROR_NOT_FOUND, NULL);
}

static gint64
find (Fixture *f, const gchar *secret)
{
  g_autoptr (GError) error = NULL;
  gint64 person_id = pdn_calendar_feed_find_person (f->store, secret, &error);

  g_assert_no_error (error);
  return person_id;
}

static void
test_ensure (void)
{
  Fixture f = { 0 };
  g_autoptr (PdnCalendarFeed) first = NULL;
  g_autoptr (PdnCalendarFeed) again = NULL;
  g_autoptr (PdnCalendarFeed) other = NULL;
  g_autofree gchar *prefix = NULL;
  g_autofree gchar *hash = NULL;

  fixture_init (&f);
  first = ensure (&f, f.person);
  again = ensure (&f, f.person);
  other = ensure (&f, f.other_person);
  /* Just 43 url-safe base64 characters (256 random bits): no person id,
   * and no room for one. */
  prefix = g_strdup_printf ("%lld.", (long long) f.person);
  g_assert_false (g_str_has_prefix (first->secret, prefix));
  g_assert_null (strchr (first->secret, '.'));
  g_assert_cmpuint (strlen (first->secret), ==, 43);
  for (const gchar *c = first->secret; *c != '\0'; c++)
    g_assert_true (g_ascii_isalnum (*c) || *c == '-' || *c == '_');
  /* Stored with its hash, which the lookup goes by. */
  hash = pdn_test_query_text (f.store, "SELECT secret_hash FROM calendar_feeds "
                                       "WHERE person_id = ?", f.person);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, !=, first->secret);
  g_assert_nonnull (first->created_at);
  /* Kept until rotated. */
  g_assert_cmpstr (again->secret, ==, first->secret);
  g_assert_cmpstr (again->created_at, ==, first->created_at);
  g_assert_cmpstr (other->secret, !=, first->secret);
  g_assert_cmpint (pdn_test_query_int (f.store, "SELECT COUNT(*) FROM calendar_feeds", 0), ==, 2);
  g_assert_cmpint (find (&f, first->secret), ==, f.person);
  g_assert_cmpint (find (&f, other->secret), ==, f.other_person);
  fixture_clear (&f);
}

static void
test_rotate (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCalendarFeed) old = NULL;
  g_autoptr (PdnCalendarFeed) rotated = NULL;
  g_autoptr (PdnCalendarFeed) shown = NULL;
  g_autoptr (PdnCalendarFeed) fresh = NULL;

  fixture_init (&f);
  old = ensure (&f, f.person);
  rotated = pdn_calendar_feed_rotate (f.store, f.person, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rotated->secret, !=, old->secret);
  assert_not_found (&f, old->secret);
  g_assert_cmpint (find (&f, rotated->secret), ==, f.person);
  shown = ensure (&f, f.person);
  g_assert_cmpstr (shown->secret, ==, rotated->secret);
  /* Rotating before ever asking makes one. */
  fresh = pdn_calendar_feed_rotate (f.store, f.other_person, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find (&f, fresh->secret), ==, f.other_person);
  g_assert_cmpint (pdn_test_query_int (f.store, "SELECT COUNT(*) FROM calendar_feeds", 0), ==, 2);
  fixture_clear (&f);
}

/* Anything but the exact current secret is the same 404. */
static void
test_wrong_secrets (void)
{
  Fixture f = { 0 };
  g_autoptr (PdnCalendarFeed) feed = NULL;
  g_autoptr (PdnCalendarFeed) other = NULL;
  g_autofree gchar *tampered = NULL;
  g_autofree gchar *shorter = NULL;
  g_autofree gchar *longer = NULL;
  g_autofree gchar *someone_else = NULL;
  g_autofree gchar *padded = NULL;
  g_autofree gchar *old_style = NULL;

  fixture_init (&f);
  feed = ensure (&f, f.person);
  other = ensure (&f, f.other_person);
  tampered = g_strdup (feed->secret);
  tampered[strlen (tampered) - 1] = tampered[strlen (tampered) - 1] == 'A' ? 'B' : 'A';
  shorter = g_strndup (feed->secret, strlen (feed->secret) - 1);
  longer = g_strconcat (feed->secret, "A", NULL);
  /* A person id in front, as old secrets had: for anyone, it is wrong. */
  someone_else = g_strdup_printf ("%lld.%s", (long long) f.other_person, feed->secret);
  old_style = g_strdup_printf ("%lld.%s", (long long) f.person, feed->secret);
  padded = g_strdup_printf ("0%s", feed->secret);

  assert_not_found (&f, NULL);
  assert_not_found (&f, "");
  assert_not_found (&f, "nonsense");
  assert_not_found (&f, old_style);
  assert_not_found (&f, ".");
  assert_not_found (&f, tampered);
  assert_not_found (&f, shorter);
  assert_not_found (&f, longer);
  assert_not_found (&f, someone_else);
  assert_not_found (&f, padded);
  assert_not_found (&f, "999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  assert_not_found (&f, "-1.x");
  assert_not_found (&f, "99999999999999999999999.x");
  g_assert_cmpint (find (&f, feed->secret), ==, f.person);
  fixture_clear (&f);
}

/* Disabling the account closes the feed; enabling it opens it again. */
static void
test_disabled_account (void)
{
  Fixture f = { 0 };
  g_autoptr (PdnCalendarFeed) feed = NULL;
  g_autofree gchar *disable = NULL;
  g_autofree gchar *enable = NULL;

  fixture_init (&f);
  feed = ensure (&f, f.person);
  disable = g_strdup_printf ("UPDATE accounts SET disabled = 1 WHERE id = %lld",
                             (long long) f.account);
  enable = g_strdup_printf ("UPDATE accounts SET disabled = 0 WHERE id = %lld",
                            (long long) f.account);
  pdn_test_exec (f.store, disable);
  assert_not_found (&f, feed->secret);
  pdn_test_exec (f.store, enable);
  g_assert_cmpint (find (&f, feed->secret), ==, f.person);
  fixture_clear (&f);
}

/* A feed made before schema 9 ("<person id>.<random>", no hash) keeps its
 * URL through the migration, is shown as it is, and goes when rotated. */
static void
test_old_secret (void)
{
  Fixture f = { 0 };
  g_autofree gchar *path = NULL;
  g_autofree gchar *old_secret = NULL;
  g_autofree gchar *insert = NULL;
  g_autofree gchar *other_old = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnCalendarFeed) shown = NULL;
  g_autoptr (PdnCalendarFeed) rotated = NULL;

  f.dir = pdn_test_dir_new ();
  path = pdn_test_dir_file (f.dir, "pdnet.db");
  f.store = pdn_sqlite_store_open_at_version (path, 8, &error);
  g_assert_no_error (error);
  fixture_people (&f);
  old_secret = g_strdup_printf ("%lld.OldStyleSecretOldStyleSecretOldStyleSecret0",
                                (long long) f.person);
  insert = g_strdup_printf ("INSERT INTO calendar_feeds (person_id, secret, created_at) "
                            "VALUES (%lld, '%s', '2026-01-01T00:00:00Z')",
                            (long long) f.person, old_secret);
  pdn_test_exec (f.store, insert);
  g_clear_object (&f.store);
  f.store = pdn_sqlite_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (find (&f, old_secret), ==, f.person);
  other_old = g_strdup_printf ("%lld.%s", (long long) f.other_person,
                               strchr (old_secret, '.') + 1);
  assert_not_found (&f, other_old);
  assert_not_found (&f, strchr (old_secret, '.') + 1);
  shown = ensure (&f, f.person);
  g_assert_cmpstr (shown->secret, ==, old_secret);
  rotated = pdn_calendar_feed_rotate (f.store, f.person, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (rotated->secret, '.'));
  assert_not_found (&f, old_secret);
  g_assert_cmpint (find (&f, rotated->secret), ==, f.person);
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/calendar-feed/ensure", test_ensure);
  g_test_add_func ("/pdnet/calendar-feed/rotate", test_rotate);
  g_test_add_func ("/pdnet/calendar-feed/wrong-secrets", test_wrong_secrets);
  g_test_add_func ("/pdnet/calendar-feed/disabled-account", test_disabled_account);
  g_test_add_func ("/pdnet/calendar-feed/old-secret", test_old_secret);
  return g_test_run ();
}
