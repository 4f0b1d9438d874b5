/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-outbox-dir.h"

/**
 * PdnOutboxDir:
 *
 * Delivery without a mail server (the demo, development, or a site that
 * collects the files itself): each message becomes <name>.eml in one
 * directory, written atomically (a temporary file renamed into place) so
 * a reader never sees half a message. Another attempt at the same message
 * replaces its file.
 */
struct _PdnOutboxDir
{
  GObject parent_instance;
  gchar *path;
};

static void pdn_outbox_dir_transport_init (PdnMailTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdnOutboxDir, pdn_outbox_dir, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PDN_TYPE_MAIL_TRANSPORT,
                                                      pdn_outbox_dir_transport_init))

static void
pdn_outbox_dir_finalize (GObject *object)
{
  g_free (PDN_OUTBOX_DIR (object)->path);
  G_OBJECT_CLASS (pdn_outbox_dir_parent_class)->finalize (object);
}

static void
pdn_outbox_dir_class_init (PdnOutboxDirClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_outbox_dir_finalize;
}

static void
pdn_outbox_dir_init (PdnOutboxDir *self)
{
}

/* The directory is made on first use (and again if someone removes it). */
PdnOutboxDir *
pdn_outbox_dir_new (const gchar *path)
{
  PdnOutboxDir *self = g_object_new (PDN_TYPE_OUTBOX_DIR, NULL);

  self->path = g_strdup (path);
  return self;
}

const gchar *
pdn_outbox_dir_get_path (PdnOutboxDir *self)
{
  return self->path;
}

static gboolean
outbox_send (PdnMailTransport *transport, const gchar *name, const gchar *sender,
             const gchar *recipient, const gchar *text, GCancellable *cancellable,
             GError **error)
{
  PdnOutboxDir *self = PDN_OUTBOX_DIR (transport);
  g_autofree gchar *file_name = g_strconcat (name, ".eml", NULL);
  g_autofree gchar *path = g_build_filename (self->path, file_name, NULL);
  g_autoptr (GError) local_error = NULL;

  if (g_mkdir_with_parents (self->path, 0750) != 0)
    {
      int saved = errno;
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL,
                           _("Cannot create the outbox directory %s: %s"), self->path,
                           g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0640,
                                 &local_error))
    {
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, NULL, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
pdn_outbox_dir_transport_init (PdnMailTransportInterface *iface)
{
  iface->send = outbox_send;
}
