/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <pdnet/pdn-error.h>

#include "pdn-i18n.h"
#include "pdn-mail-message.h"
#include "pdn-notification-sender.h"
#include "pdn-notification-text.h"
#include "pdn-notification.h"
#include "pdn-person.h"
#include "pdn-reminders.h"
#include "pdn-time.h"

/**
 * PdnNotificationSender:
 *
 * Delivers the outbox. Rows are written by the transactions that cause
 * them; the sender picks the due ones (not sent, not given up on,
 * next_attempt_at reached) in batches, renders each in the configured
 * language, hands it to its transport and marks it sent. A failed attempt
 * is recorded (attempts, last_error) and retried later, waiting twice as
 * long each time up to a ceiling; after max-attempts the row is marked
 * failed and logged. Delivery is at least once: a crash between sending
 * and marking sends that message again.
 *
 * In the daemon it runs on its own thread with its own store connection
 * (the store pool gives each thread one): a pass at start, one whenever
 * pdn_notification_sender_wake() is called (after a commit that queued
 * messages), when the next retry is due, and every poll-interval seconds,
 * which is also when it queues session reminders.
 *
 * Multithreading: wake() and wake_default() may be called from any
 * thread; start() and stop() from the thread that owns the sender. run()
 * is one pass on the calling thread, for tests and for the sender's own
 * thread.
 */
struct _PdnNotificationSender
{
  GObject parent_instance;
  PdnStore *store;
  PdnMailTransport *transport;
  PdnNotificationSettings *settings;
  const gchar *language; /* interned; NULL for the daemon's locale */
  GCancellable *cancellable;
  GThread *thread;
  GMutex lock; /* guards woken and stopping */
  GCond cond;
  gboolean woken;
  gboolean stopping;
};

G_DEFINE_FINAL_TYPE (PdnNotificationSender, pdn_notification_sender, G_TYPE_OBJECT)

/* The running sender wake_default() wakes. */
G_LOCK_DEFINE_STATIC (default_sender);
static PdnNotificationSender *default_sender;

static void
pdn_notification_sender_finalize (GObject *object)
{
  PdnNotificationSender *self = PDN_NOTIFICATION_SENDER (object);

  pdn_notification_sender_stop (self);
  g_object_unref (self->store);
  g_object_unref (self->transport);
  pdn_notification_settings_free (self->settings);
  g_object_unref (self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (pdn_notification_sender_parent_class)->finalize (object);
}

static void
pdn_notification_sender_class_init (PdnNotificationSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_notification_sender_finalize;
}

static void
pdn_notification_sender_init (PdnNotificationSender *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->cancellable = g_cancellable_new ();
}

/**
 * pdn_notification_sender_new:
 * @store: the store to read and mark the outbox in; for the thread
 *   started by pdn_notification_sender_start(), one that works on any
 *   thread (a #PdnStorePool)
 */
PdnNotificationSender *
pdn_notification_sender_new (PdnStore *store, PdnMailTransport *transport,
                             const PdnNotificationSettings *settings)
{
  PdnNotificationSender *self = g_object_new (PDN_TYPE_NOTIFICATION_SENDER, NULL);

  self->store = g_object_ref (store);
  self->transport = g_object_ref (transport);
  self->settings = pdn_notification_settings_copy (settings);
  self->language = settings->language != NULL ? pdn_i18n_negotiate (settings->language) : NULL;
  return self;
}

/* ---- one message ---- */

/* A Message-ID that stays the same on every attempt, so a receiver can
 * tell a retry from a second message: the row's id and creation time at
 * the sender's domain. */
static gchar *
message_id (PdnNotificationSender *self, const PdnNotification *notification)
{
  const gchar *at = strrchr (self->settings->from_address, '@');
  g_autoptr (GString) created = g_string_new (NULL);

  for (const gchar *p = notification->created_at; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (created, *p);
  return g_strdup_printf ("pdnet-notification-%lld-%s@%s", (long long) notification->id,
                          created->str, at != NULL ? at + 1 : "localhost");
}

static gboolean
send_message (PdnNotificationSender *self, const PdnNotification *notification, GDateTime *now,
              GError **error)
{
  g_autoptr (PdnPerson) person = pdn_person_load (self->store, notification->person_id, error);
  g_autoptr (PdnNotificationText) text = NULL;
  g_autofree gchar *id = NULL;
  g_autofree gchar *name = NULL;
  g_autofree gchar *mail = NULL;
  PdnMailMessage message = { 0 };

  if (person == NULL
      || (text = pdn_notification_text_render (self->store, notification, error)) == NULL)
    return FALSE;
  id = message_id (self, notification);
  message.from_address = self->settings->from_address;
  message.from_name = self->settings->from_name;
  message.to_address = person->email;
  message.to_name = person->name;
  message.subject = text->subject;
  message.body = text->body;
  message.message_id = id;
  message.date = now;
  mail = pdn_mail_message_format (&message, error);
  if (mail == NULL)
    return FALSE;
  name = g_strdup_printf ("%lld", (long long) notification->id);
  return pdn_mail_transport_send (self->transport, name, self->settings->from_address,
                                  person->email, mail, self->cancellable, error);
}

static gboolean
mark_sent (PdnNotificationSender *self, gint64 id, const gchar *now, GError **error)
{
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      self->store,
      "UPDATE notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL "
      "WHERE id = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_text (stmt, 1, now);
  pdn_statement_bind_int64 (stmt, 2, id);
  return pdn_statement_run (stmt, error);
}

/* Seconds to wait after the @attempts-th failure: retry-delay, doubled
 * for each attempt before, at most retry-max-delay. */
static guint64
backoff (const PdnNotificationSettings *settings, gint64 attempts)
{
  guint64 delay = settings->retry_delay;

  for (gint64 i = 1; i < attempts && delay < settings->retry_max_delay; i++)
    delay *= 2;
  return MIN (delay, (guint64) settings->retry_max_delay);
}

static gboolean
mark_failed (PdnNotificationSender *self, const PdnNotification *notification, GDateTime *now,
             const gchar *reason, GError **error)
{
  gint64 attempts = notification->attempts + 1;
  gboolean give_up = attempts >= self->settings->max_attempts;
  g_autoptr (GDateTime) next = g_date_time_add_seconds (
      now, give_up ? 0 : (gdouble) backoff (self->settings, attempts));
  g_autofree gchar *now_text = pdn_time_format_utc (now);
  g_autofree gchar *next_text = pdn_time_format_utc (next);
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      self->store,
      "UPDATE notifications SET attempts = ?, last_error = ?, next_attempt_at = ?, "
      "failed_at = ? WHERE id = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  pdn_statement_bind_int64 (stmt, 1, attempts);
  pdn_statement_bind_text (stmt, 2, reason);
  pdn_statement_bind_text (stmt, 3, next_text);
  pdn_statement_bind_text (stmt, 4, give_up ? now_text : NULL);
  pdn_statement_bind_int64 (stmt, 5, notification->id);
  if (!pdn_statement_run (stmt, error))
    return FALSE;
  if (give_up)
    g_message ("pdnetd: notification %lld gave up after %lld attempts: %s",
               (long long) notification->id, (long long) attempts, reason);
  else
    g_debug ("notification %lld: attempt %lld failed, next at %s: %s",
             (long long) notification->id, (long long) attempts, next_text, reason);
  return TRUE;
}

/* Delivers the row @id if it is still waiting. FALSE only for store
 * errors; a failed delivery is recorded on the row. */
static gboolean
deliver_one (PdnNotificationSender *self, gint64 id, GDateTime *now, gboolean *sent,
             GError **error)
{
  g_autoptr (PdnNotification) notification = NULL;
  g_autoptr (GError) failure = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree gchar *now_text = pdn_time_format_utc (now);

  *sent = FALSE;
  notification = pdn_notification_load (self->store, id, &local_error);
  /* Gone meanwhile: a reminder dropped because its session moved. */
  if (g_error_matches (local_error, PDN_ERROR, PDN_ERROR_NOT_FOUND))
    return TRUE;
  if (notification == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (pdn_notification_get_status (notification) != PDN_NOTIFICATION_PENDING)
    return TRUE;
  if (send_message (self, notification, now, &failure))
    return (*sent = mark_sent (self, id, now_text, error));
  /* Stopping is not the message's fault: it keeps its attempts. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return TRUE;
  return mark_failed (self, notification, now, failure->message, error);
}

/* ---- a pass ---- */

static GArray *
select_due (PdnNotificationSender *self, const gchar *now, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      self->store,
      "SELECT id FROM notifications WHERE sent_at IS NULL AND failed_at IS NULL "
      "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
      error);
  PdnStep step;

  if (stmt == NULL)
    return NULL;
  pdn_statement_bind_text (stmt, 1, now);
  pdn_statement_bind_int64 (stmt, 2, self->settings->batch_size);
  while ((step = pdn_statement_step (stmt, error)) == PDN_STEP_ROW)
    {
      gint64 id = pdn_statement_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return step == PDN_STEP_DONE ? g_steal_pointer (&ids) : NULL;
}

static gboolean
deliver_due (PdnNotificationSender *self, GDateTime *now, guint *delivered, GError **error)
{
  g_autofree gchar *now_text = pdn_time_format_utc (now);

  for (;;)
    {
      g_autoptr (GArray) ids = select_due (self, now_text, error);

      if (ids == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          gboolean sent = FALSE;

          if (g_cancellable_is_cancelled (self->cancellable))
            return TRUE;
          if (!deliver_one (self, g_array_index (ids, gint64, i), now, &sent, error))
            return FALSE;
          *delivered += sent ? 1 : 0;
        }
      /* Every row of the batch is now sent or due later than @now. */
      if (ids->len < self->settings->batch_size)
        return TRUE;
    }
}

/**
 * pdn_notification_sender_run:
 * @now: the time of the pass: rows due by then are tried, and retries are
 *   scheduled from it
 * @delivered: (out) (optional): messages delivered
 *
 * One pass over the outbox on the calling thread, in the configured
 * language. Returns %FALSE only when the store fails; failed deliveries
 * are recorded on their rows.
 */
gboolean
pdn_notification_sender_run (PdnNotificationSender *self, GDateTime *now, guint *delivered,
                             GError **error)
{
  const gchar *previous = pdn_i18n_set_thread_language (self->language);
  guint count = 0;
  gboolean ok = deliver_due (self, now, &count, error);

  pdn_i18n_set_thread_language (previous);
  if (delivered != NULL)
    *delivered = count;
  return ok;
}

/* ---- the thread ---- */

static void
queue_reminders (PdnNotificationSender *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  guint queued = 0;

  if (!pdn_reminders_queue (self->store, now, &queued, &error))
    g_message ("pdnetd: queueing reminders failed: %s", error->message);
  else if (queued > 0)
    g_debug ("queued %u session reminders", queued);
}

/* The monotonic time at which the earliest waiting row becomes due, or
 * G_MAXINT64 when none waits. */
static gint64
next_due (PdnNotificationSender *self, GDateTime *now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdnStatement) stmt = pdn_store_prepare (
      self->store,
      "SELECT MIN(next_attempt_at) FROM notifications WHERE sent_at IS NULL "
      "AND failed_at IS NULL",
      &error);
  g_autoptr (GDateTime) due = NULL;
  GTimeSpan wait;

  if (stmt == NULL || pdn_statement_step (stmt, &error) != PDN_STEP_ROW
      || pdn_statement_column_is_null (stmt, 0))
    return G_MAXINT64;
  due = g_date_time_new_from_iso8601 (pdn_statement_column_text (stmt, 0), NULL);
  if (due == NULL)
    return G_MAXINT64;
  /* At least a second, so a row that keeps failing to be marked cannot
   * make the thread spin. */
  wait = MAX (g_date_time_difference (due, now), G_TIME_SPAN_SECOND);
  return g_get_monotonic_time () + wait;
}

/* One pass; returns the monotonic time the next one is due. */
static gint64
run_pass (PdnNotificationSender *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  guint delivered = 0;

  if (!pdn_notification_sender_run (self, now, &delivered, &error))
    {
      g_message ("pdnetd: delivering notifications failed: %s", error->message);
      return G_MAXINT64;
    }
  if (delivered > 0)
    g_debug ("delivered %u notifications", delivered);
  return next_due (self, now);
}

static gpointer
sender_thread (gpointer data)
{
  PdnNotificationSender *self = data;
  gint64 next_tick = 0;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      gint64 deadline;

      self->woken = FALSE;
      g_mutex_unlock (&self->lock);
      if (g_get_monotonic_time () >= next_tick)
        {
          queue_reminders (self);
          next_tick = g_get_monotonic_time ()
                      + (gint64) self->settings->poll_interval * G_TIME_SPAN_SECOND;
        }
      deadline = MIN (next_tick, run_pass (self));
      g_mutex_lock (&self->lock);
      while (!self->woken && !self->stopping)
        if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
          break;
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/**
 * pdn_notification_sender_start:
 *
 * Starts the sender's thread, which makes a first pass at once (queueing
 * reminders, then delivering), and makes it the one
 * pdn_notification_sender_wake_default() wakes.
 */
gboolean
pdn_notification_sender_start (PdnNotificationSender *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (self->thread == NULL, FALSE);
  self->stopping = FALSE;
  self->thread = g_thread_try_new ("pdn-notify", sender_thread, self, &local_error);
  if (self->thread == NULL)
    {
      pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, "%s", local_error->message);
      return FALSE;
    }
  G_LOCK (default_sender);
  if (default_sender == NULL)
    default_sender = self;
  G_UNLOCK (default_sender);
  return TRUE;
}

/**
 * pdn_notification_sender_stop:
 *
 * Stops the thread: a message being sent is abandoned (it stays due and
 * keeps its attempts), then the thread is joined. Does nothing when it is
 * not running.
 */
void
pdn_notification_sender_stop (PdnNotificationSender *self)
{
  G_LOCK (default_sender);
  if (default_sender == self)
    default_sender = NULL;
  G_UNLOCK (default_sender);
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_thread_join (g_steal_pointer (&self->thread));
  g_cancellable_reset (self->cancellable);
}

/* Makes the thread run a pass now (or right after the one it is in). */
void
pdn_notification_sender_wake (PdnNotificationSender *self)
{
  g_mutex_lock (&self->lock);
  self->woken = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * pdn_notification_sender_wake_default:
 *
 * Wakes the process's running sender, if any (none in the CLI or in
 * tests without a daemon). Call it after committing a transaction that
 * queued notifications, so they go out at once rather than at the next
 * poll.
 */
void
pdn_notification_sender_wake_default (void)
{
  G_LOCK (default_sender);
  if (default_sender != NULL)
    pdn_notification_sender_wake (default_sender);
  G_UNLOCK (default_sender);
}
