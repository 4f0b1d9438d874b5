/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pdn-notification-sender.h"
#include "pdn-notification.h"
#include "pdn-outbox-dir.h"
#include "pdn-smtp-transport.h"
#include "pdn-store-pool.h"
#include "pdn-test-notify.h"
#include "pdn-time.h"

/* The sender with the outbox directory: delivery, retries with growing
 * waits while the directory cannot be written, giving up, batches, its
 * thread and wake-up; and the [notifications] settings. */

typedef struct
{
  PdnTestDir *dir;
  PdnStore *store;
  gchar *outbox;
  gint64 person;
  gint64 session;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 org;

  f->store = pdn_test_store_new (&f->dir);
  f->outbox = pdn_test_dir_file (f->dir, "outbox");
  org = pdn_test_add_organization (f->store, "district-a");
  f->session = pdn_test_add_session (f->store, pdn_test_add_program (f->store, org, "2026-27"));
  f->person = pdn_test_add_named_person (f->store, "Ana Teacher", "ana@district-a.example");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  g_free (f->outbox);
  pdn_test_dir_free (f->dir);
}

static gint64
queue (Fixture *f, const gchar *kind)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pdn_notification_queue (f->store, f->person, kind, f->session, NULL, &error));
  g_assert_no_error (error);
  return pdn_store_last_insert_id (f->store);
}

static PdnNotificationSettings *
settings_new (guint retry_delay, guint retry_max_delay, guint max_attempts)
{
  PdnNotificationSettings *settings = pdn_notification_settings_new ();

  settings->retry_delay = retry_delay;
  settings->retry_max_delay = retry_max_delay;
  settings->max_attempts = max_attempts;
  return settings;
}

static PdnNotificationSender *
sender_new (Fixture *f, PdnNotificationSettings *settings)
{
  g_autoptr (PdnOutboxDir) outbox = pdn_outbox_dir_new (f->outbox);

  return pdn_notification_sender_new (f->store, PDN_MAIL_TRANSPORT (outbox), settings);
}

/* A file where the directory should be: no one, root included, can write
 * messages into it. */
static void
block_outbox (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (f->outbox, "in the way", -1, &error));
}

static void
unblock_outbox (Fixture *f)
{
  g_assert_cmpint (g_unlink (f->outbox), ==, 0);
}

/* A pass @seconds after @start; returns the messages delivered. */
static guint
run_at (PdnNotificationSender *sender, GDateTime *start, gint seconds)
{
  g_autoptr (GDateTime) now = g_date_time_add_seconds (start, seconds);
  g_autoptr (GError) error = NULL;
  guint delivered = 0;

  g_assert_true (pdn_notification_sender_run (sender, now, &delivered, &error));
  g_assert_no_error (error);
  return delivered;
}

static PdnNotification *
load (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdnNotification *notification = pdn_notification_load (f->store, id, &error);

  g_assert_no_error (error);
  return notification;
}

/* After the attempts-th failure: next attempt @next_after seconds past
 * @start, still pending. */
static void
assert_retrying (Fixture *f, gint64 id, GDateTime *start, gint64 attempts, gint next_after)
{
  g_autoptr (PdnNotification) notification = load (f, id);
  g_autoptr (GDateTime) next = g_date_time_add_seconds (start, next_after);
  g_autofree gchar *expected = pdn_time_format_utc (next);

  g_assert_cmpint (notification->attempts, ==, attempts);
  g_assert_cmpstr (notification->next_attempt_at, ==, expected);
  g_assert_null (notification->sent_at);
  g_assert_null (notification->failed_at);
  g_assert_nonnull (strstr (notification->last_error, "outbox"));
  g_assert_cmpint (pdn_notification_get_status (notification), ==, PDN_NOTIFICATION_PENDING);
}

static gchar *
read_message (Fixture *f, gint64 id)
{
  g_autofree gchar *name = g_strdup_printf ("%lld.eml", (long long) id);
  g_autofree gchar *path = g_build_filename (f->outbox, name, NULL);
  g_autoptr (GError) error = NULL;
  gchar *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Fails while the outbox is blocked, waiting 60, 120, 240 s, then the
 * 300 s ceiling; delivers once it is free, and only once. */
static void
test_retries_then_delivers (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnNotificationSettings) settings = settings_new (60, 300, 10);
  g_autoptr (PdnNotificationSender) sender = sender_new (f, settings);
  /* Queued first: the pass at `start` must find it due. */
  gint64 id = queue (f, "session-reminder");
  g_autoptr (GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr (PdnNotification) sent = NULL;
  g_autofree gchar *text = NULL;
  g_autofree gchar *sent_at = NULL;

  block_outbox (f);
  g_assert_cmpuint (run_at (sender, start, 0), ==, 0);
  assert_retrying (f, id, start, 1, 60);
  /* Not due yet: untouched. */
  g_assert_cmpuint (run_at (sender, start, 59), ==, 0);
  assert_retrying (f, id, start, 1, 60);
  g_assert_cmpuint (run_at (sender, start, 60), ==, 0);
  assert_retrying (f, id, start, 2, 60 + 120);
  g_assert_cmpuint (run_at (sender, start, 180), ==, 0);
  assert_retrying (f, id, start, 3, 180 + 240);
  g_assert_cmpuint (run_at (sender, start, 420), ==, 0);
  assert_retrying (f, id, start, 4, 420 + 300);

  unblock_outbox (f);
  g_assert_cmpuint (run_at (sender, start, 720), ==, 1);
  sent = load (f, id);
  {
    g_autoptr (GDateTime) when = g_date_time_add_seconds (start, 720);
    sent_at = pdn_time_format_utc (when);
  }
  g_assert_cmpstr (sent->sent_at, ==, sent_at);
  g_assert_cmpint (sent->attempts, ==, 5);
  g_assert_null (sent->last_error);
  g_assert_null (sent->failed_at);
  g_assert_cmpint (pdn_notification_get_status (sent), ==, PDN_NOTIFICATION_SENT);
  text = read_message (f, id);
  g_assert_nonnull (strstr (text, "\r\nTo: \"Ana Teacher\" <ana@district-a.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFrom: \"pdnet\" <pdnet@localhost>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nSubject: Reminder: Reading conferences\r\n"));
  g_assert_nonnull (strstr (text, "\r\nMessage-ID: <pdnet-notification-"));
  g_assert_nonnull (strstr (text, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\r\nHello Ana Teacher,\r\n"));
  g_assert_true (g_str_has_prefix (text, "Date: "));

  /* Sent is sent: later passes leave it alone. */
  g_assert_cmpuint (run_at (sender, start, 4000), ==, 0);
  g_clear_pointer (&sent, pdn_notification_free);
  sent = load (f, id);
  g_assert_cmpint (sent->attempts, ==, 5);
}

static void
test_gives_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnNotificationSettings) settings = settings_new (10, 3600, 3);
  g_autoptr (PdnNotificationSender) sender = sender_new (f, settings);
  gint64 id = queue (f, "session-cancelled");
  g_autoptr (GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr (PdnNotification) failed = NULL;
  g_autoptr (GDateTime) third = g_date_time_add_seconds (start, 30);
  g_autofree gchar *failed_at = pdn_time_format_utc (third);

  block_outbox (f);
  run_at (sender, start, 0);
  run_at (sender, start, 10);
  run_at (sender, start, 30);
  failed = load (f, id);
  g_assert_cmpint (failed->attempts, ==, 3);
  g_assert_cmpstr (failed->failed_at, ==, failed_at);
  g_assert_null (failed->sent_at);
  g_assert_nonnull (failed->last_error);
  g_assert_cmpint (pdn_notification_get_status (failed), ==, PDN_NOTIFICATION_FAILED);
  /* Given up on: never tried again, even once the outbox works. */
  unblock_outbox (f);
  g_assert_cmpuint (run_at (sender, start, 86400), ==, 0);
  g_clear_pointer (&failed, pdn_notification_free);
  failed = load (f, id);
  g_assert_cmpint (failed->attempts, ==, 3);
  g_assert_false (g_file_test (f->outbox, G_FILE_TEST_EXISTS));
}

/* More rows than a batch: one pass delivers them all, oldest first; a
 * row not yet due waits. */
static void
test_batches (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnNotificationSettings) settings = settings_new (60, 3600, 8);
  g_autoptr (PdnNotificationSender) sender = NULL;
  gint64 waiting = queue (f, "session-reminder");
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autofree gchar *later_text = NULL;
  g_autofree gchar *sql = NULL;
  gint64 ids[5];

  settings->batch_size = 2;
  sender = sender_new (f, settings);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = queue (f, "session-changed");
  start = g_date_time_new_now_utc ();
  later = g_date_time_add_hours (start, 1);
  later_text = pdn_time_format_utc (later);
  sql = g_strdup_printf ("UPDATE notifications SET next_attempt_at = '%s' WHERE id = %lld",
                         later_text, (long long) waiting);
  pdn_test_exec (f->store, sql);
  g_assert_cmpuint (run_at (sender, start, 0), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree gchar *text = read_message (f, ids[i]);
      g_assert_nonnull (strstr (text, "Subject: Changed: Reading conferences"));
    }
  {
    g_autoptr (PdnNotification) pending = load (f, waiting);
    g_assert_null (pending->sent_at);
    g_assert_cmpint (pending->attempts, ==, 0);
  }
  g_assert_cmpuint (run_at (sender, start, 3600), ==, 1);
}

/* An address mail cannot go to is a failed attempt like any other. */
static void
test_bad_address_is_a_failure (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnNotificationSettings) settings = settings_new (60, 3600, 8);
  g_autoptr (PdnNotificationSender) sender = sender_new (f, settings);
  gint64 id = queue (f, "session-reminder");
  g_autoptr (GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr (PdnNotification) notification = NULL;

  pdn_test_exec (f->store, "UPDATE people SET email = 'not an address'");
  g_assert_cmpuint (run_at (sender, start, 0), ==, 0);
  notification = load (f, id);
  g_assert_cmpint (notification->attempts, ==, 1);
  g_assert_nonnull (strstr (notification->last_error, "email"));
  g_assert_false (g_file_test (f->outbox, G_FILE_TEST_EXISTS));
}

/* Waits (polling, up to ~20 s) for @path to exist. */
static gboolean
wait_for_file (const gchar *path)
{
  for (guint i = 0; i < 2000; i++)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

/* The daemon's way: a thread with its own connection from the pool, a
 * first pass at start, and later ones when woken (the poll is an hour
 * away, so only the wake-up can deliver the second message). */
static void
test_thread_and_wake (Fixture *f, gconstpointer data)
{
  g_autoptr (PdnNotificationSettings) settings = settings_new (60, 3600, 8);
  g_autofree gchar *db = pdn_test_dir_file (f->dir, "pdnet.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStorePool) pool = pdn_store_pool_new (db, &error);
  g_autoptr (PdnOutboxDir) outbox = pdn_outbox_dir_new (f->outbox);
  g_autoptr (PdnNotificationSender) sender = NULL;
  gint64 first = queue (f, "session-reminder");
  g_autofree gchar *first_path = NULL;
  g_autofree gchar *second_path = NULL;
  gint64 second;

  g_assert_no_error (error);
  settings->poll_interval = 3600;
  sender = pdn_notification_sender_new (PDN_STORE (pool), PDN_MAIL_TRANSPORT (outbox), settings);
  g_assert_true (pdn_notification_sender_start (sender, &error));
  g_assert_no_error (error);
  first_path = g_strdup_printf ("%s/%lld.eml", f->outbox, (long long) first);
  g_assert_true (wait_for_file (first_path));

  second = queue (f, "session-changed");
  pdn_notification_sender_wake_default ();
  second_path = g_strdup_printf ("%s/%lld.eml", f->outbox, (long long) second);
  g_assert_true (wait_for_file (second_path));

  pdn_notification_sender_stop (sender);
  /* Stopped: no longer the default, and stopping twice is harmless. */
  pdn_notification_sender_wake_default ();
  pdn_notification_sender_stop (sender);
}

/* ---- settings ---- */

static GKeyFile *
key_file (const gchar *text)
{
  g_autoptr (GError) error = NULL;
  GKeyFile *file = g_key_file_new ();

  g_assert_true (g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  return file;
}

static void
test_settings (void)
{
  g_autoptr (PdnNotificationSettings) defaults = pdn_notification_settings_new ();
  g_autoptr (PdnNotificationSettings) custom = pdn_notification_settings_new ();
  g_autoptr (GKeyFile) none = key_file ("[pdnetd]\n");
  g_autoptr (GKeyFile) file = key_file (
      "[notifications]\nlanguage=es\nfrom=pd@district-a.example\nfrom-name=District A\n"
      "smtp-url=smtps://mail.district-a.example:465\nsmtp-user=pd\nsmtp-password=secret\n"
      "smtp-connect-timeout=5\nsmtp-timeout=30\npoll-interval=15\nretry-delay=30\n"
      "retry-max-delay=600\nmax-attempts=4\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnMailTransport) outbox = NULL;
  g_autoptr (PdnMailTransport) smtp = NULL;

  g_assert_true (pdn_notification_settings_load (defaults, none, &error));
  g_assert_no_error (error);
  g_assert_null (defaults->language);
  g_assert_cmpstr (defaults->from_address, ==, "pdnet@localhost");
  g_assert_null (defaults->smtp_url);
  g_assert_cmpint (defaults->smtp_tls, ==, PDN_SMTP_TLS_TRY);
  g_assert_cmpuint (defaults->poll_interval, ==, 60);
  g_assert_cmpuint (defaults->retry_delay, ==, 60);
  g_assert_cmpuint (defaults->max_attempts, ==, 8);
  outbox = pdn_notification_settings_make_transport (defaults, "/tmp/outbox");
  g_assert_true (PDN_IS_OUTBOX_DIR (outbox));
  g_assert_cmpstr (pdn_outbox_dir_get_path (PDN_OUTBOX_DIR (outbox)), ==, "/tmp/outbox");

  g_assert_true (pdn_notification_settings_load (custom, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (custom->language, ==, "es");
  g_assert_cmpstr (custom->from_address, ==, "pd@district-a.example");
  g_assert_cmpstr (custom->from_name, ==, "District A");
  g_assert_cmpstr (custom->smtp_url, ==, "smtps://mail.district-a.example:465");
  g_assert_cmpstr (custom->smtp_user, ==, "pd");
  g_assert_cmpstr (custom->smtp_password, ==, "secret");
  /* A password is never sent in the clear unless asked for. */
  g_assert_cmpint (custom->smtp_tls, ==, PDN_SMTP_TLS_REQUIRED);
  g_assert_cmpuint (custom->smtp_connect_timeout, ==, 5);
  g_assert_cmpuint (custom->smtp_timeout, ==, 30);
  g_assert_cmpuint (custom->poll_interval, ==, 15);
  g_assert_cmpuint (custom->retry_delay, ==, 30);
  g_assert_cmpuint (custom->retry_max_delay, ==, 600);
  g_assert_cmpuint (custom->max_attempts, ==, 4);
  smtp = pdn_notification_settings_make_transport (custom, "/tmp/outbox");
  g_assert_true (PDN_IS_SMTP_TRANSPORT (smtp));
}

static void
test_bad_settings (void)
{
  const struct
  {
    const gchar *text, *field;
  } cases[] = {
    { "from=not an address", "from" },
    { "from=<pd@district.example>", "from" },
    { "smtp-url=http://mail.example.org", "smtp-url" },
    { "smtp-url=mail.example.org:25", "smtp-url" },
    { "smtp-tls=maybe", "smtp-tls" },
    { "poll-interval=0", "poll-interval" },
    { "poll-interval=ten", "poll-interval" },
    { "max-attempts=0", "max-attempts" },
    { "max-attempts=101", "max-attempts" },
    { "retry-delay=-5", "retry-delay" },
    { "retry-max-delay=999999999", "retry-max-delay" },
    { "smtp-timeout=0", "smtp-timeout" },
    { "smtp-connect-timeout=601", "smtp-connect-timeout" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *text = g_strconcat ("[notifications]\n", cases[i].text, "\n", NULL);
      g_autoptr (GKeyFile) file = key_file (text);
      g_autoptr (PdnNotificationSettings) settings = pdn_notification_settings_new ();
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_false (pdn_notification_settings_load (settings, file, &error));
      g_assert_error (error, PDN_ERROR, PDN_ERROR_INVALID_INPUT);
      g_assert_cmpstr (pdn_error_get_field (error), ==, cases[i].field);
    }
  /* smtp-tls may be lowered explicitly, and blank values are unset. */
  {
    g_autoptr (GKeyFile) file
        = key_file ("[notifications]\nsmtp-url=smtp://localhost:25\nsmtp-user=pd\n"
                    "smtp-tls=none\nfrom=\nlanguage=\n");
    g_autoptr (PdnNotificationSettings) settings = pdn_notification_settings_new ();
    g_autoptr (GError) error = NULL;

    g_assert_true (pdn_notification_settings_load (settings, file, &error));
    g_assert_no_error (error);
    g_assert_cmpint (settings->smtp_tls, ==, PDN_SMTP_TLS_NONE);
    g_assert_cmpstr (settings->from_address, ==, "pdnet@localhost");
    g_assert_null (settings->language);
  }
}

/* data/pdnetd.conf.example with its [notifications] examples uncommented:
 * every documented value is one the daemon takes. */
static void
test_example_config (void)
{
  g_autofree gchar *path = g_build_filename (PDN_SOURCE_DEMO_DIR, "..", "pdnetd.conf.example",
                                             NULL);
  g_autofree gchar *text = NULL;
  g_autoptr (GString) uncommented = g_string_new (NULL);
  g_autoptr (GKeyFile) file = NULL;
  g_autoptr (PdnNotificationSettings) settings = pdn_notification_settings_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean in_group = FALSE;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const gchar *line = lines[i];

      if (line[0] == '[')
        in_group = strcmp (line, "[notifications]") == 0;
      else if (in_group && line[0] == '#' && g_ascii_islower (line[1]) && strchr (line, '='))
        line++;
      g_string_append_printf (uncommented, "%s\n", line);
    }
  file = key_file (uncommented->str);
  g_assert_true (pdn_notification_settings_load (settings, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (settings->smtp_url, ==, "smtp://mail.district.example:587");
  g_assert_cmpstr (settings->from_address, ==, "pd@district.example");
  g_assert_cmpstr (settings->language, ==, "es");
  g_assert_cmpuint (settings->max_attempts, ==, 8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pdnet/notification-sender/retries-then-delivers", Fixture, NULL, fixture_set_up,
              test_retries_then_delivers, fixture_tear_down);
  g_test_add ("/pdnet/notification-sender/gives-up", Fixture, NULL, fixture_set_up,
              test_gives_up, fixture_tear_down);
  g_test_add ("/pdnet/notification-sender/batches", Fixture, NULL, fixture_set_up, test_batches,
              fixture_tear_down);
  g_test_add ("/pdnet/notification-sender/bad-address-is-a-failure", Fixture, NULL,
              fixture_set_up, test_bad_address_is_a_failure, fixture_tear_down);
  g_test_add ("/pdnet/notification-sender/thread-and-wake", Fixture, NULL, fixture_set_up,
              test_thread_and_wake, fixture_tear_down);
  g_test_add_func ("/pdnet/notification-sender/settings", test_settings);
  g_test_add_func ("/pdnet/notification-sender/bad-settings", test_bad_settings);
  g_test_add_func ("/pdnet/notification-sender/example-config", test_example_config);
  return g_test_run ();
}
