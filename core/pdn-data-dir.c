/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pdnet/pdn-error.h>

#include "pdn-data-dir.h"
#include "pdn-sqlite-store.h"
#include "pdn-store-pool.h"

/**
 * PdnDataDir:
 *
 * The daemon's data directory: the SQLite database and (later) curricula
 * and the outbox. One daemon holds its lock at a time; the CLI shares the
 * directory with a running daemon through SQLite's own locking.
 */
struct _PdnDataDir
{
  GObject parent_instance;
  gchar *path;
  gint lock_fd;
};

G_DEFINE_FINAL_TYPE (PdnDataDir, pdn_data_dir, G_TYPE_OBJECT)

static void
pdn_data_dir_finalize (GObject *object)
{
  PdnDataDir *self = PDN_DATA_DIR (object);

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  G_OBJECT_CLASS (pdn_data_dir_parent_class)->finalize (object);
}

static void
pdn_data_dir_class_init (PdnDataDirClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_data_dir_finalize;
}

static void
pdn_data_dir_init (PdnDataDir *self)
{
  self->lock_fd = -1;
}

PdnDataDir *
pdn_data_dir_new (const gchar *path)
{
  PdnDataDir *self = g_object_new (PDN_TYPE_DATA_DIR, NULL);

  self->path = path != NULL ? g_canonicalize_filename (path, NULL) : pdn_data_dir_default_path ();
  return self;
}

/* $XDG_DATA_HOME/pdnet */
gchar *
pdn_data_dir_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pdnet", NULL);
}

const gchar *
pdn_data_dir_get_path (PdnDataDir *self)
{
  return self->path;
}

gchar *
pdn_data_dir_build_path (PdnDataDir *self, const gchar *name)
{
  return g_build_filename (self->path, name, NULL);
}

gboolean
pdn_data_dir_ensure (PdnDataDir *self, GError **error)
{
  if (g_mkdir_with_parents (self->path, 0750) != 0)
    {
      int saved = errno;
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, "data-dir",
                           _("Cannot create the data directory %s: %s"), self->path,
                           g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * pdn_data_dir_lock_daemon:
 *
 * Takes the data directory's daemon lock (an flock held for the process's
 * life), so two daemons never serve one directory.
 */
gboolean
pdn_data_dir_lock_daemon (PdnDataDir *self, GError **error)
{
  g_autofree gchar *lock_path = pdn_data_dir_build_path (self, "pdnetd.lock");
  gint fd;

  if (!pdn_data_dir_ensure (self, error))
    return FALSE;
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0)
    {
      int saved = errno;
      pdn_error_set_field (error, PDN_ERROR_UNAVAILABLE, "data-dir", _("Cannot open %s: %s"),
                           lock_path, g_strerror (saved));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      pdn_error_set_field (error, PDN_ERROR_CONFLICT, "data-dir",
                           _("Another pdnetd is already using %s"), self->path);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

PdnStore *
pdn_data_dir_open_store (PdnDataDir *self, GError **error)
{
  g_autofree gchar *db_path = pdn_data_dir_build_path (self, "pdnet.db");

  if (!pdn_data_dir_ensure (self, error))
    return NULL;
  return pdn_sqlite_store_open (db_path, error);
}

/* The database with one connection per thread, for the daemon's routes. */
PdnStorePool *
pdn_data_dir_open_store_pool (PdnDataDir *self, GError **error)
{
  g_autofree gchar *db_path = pdn_data_dir_build_path (self, "pdnet.db");

  if (!pdn_data_dir_ensure (self, error))
    return NULL;
  return pdn_store_pool_new (db_path, error);
}
