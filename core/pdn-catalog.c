/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-catalog.h"

/**
 * PdnCatalog:
 *
 * One language's messages, read from a GNU .mo file without going through
 * the C library's locale machinery. glibc picks a catalog from the process
 * (or thread) locale, which must be installed; pdnetd answers each request
 * in the language it asks for, on a system that may only have C.UTF-8.
 *
 * Multithreading: immutable once loaded; lookups are safe from any thread.
 */
struct _PdnCatalog
{
  GObject parent_instance;
  GBytes *bytes;
  GHashTable *index;     /* msgid (points into bytes) -> entry number + 1 */
  const gchar **strings; /* msgstr of each entry, forms separated by NUL */
  guint32 *lengths;      /* length of each msgstr, all forms */
  guint size;
};

G_DEFINE_FINAL_TYPE (PdnCatalog, pdn_catalog, G_TYPE_OBJECT)

#define MO_MAGIC 0x950412de

static void
pdn_catalog_finalize (GObject *object)
{
  PdnCatalog *self = PDN_CATALOG (object);

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_free (self->strings);
  g_free (self->lengths);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  G_OBJECT_CLASS (pdn_catalog_parent_class)->finalize (object);
}

static void
pdn_catalog_class_init (PdnCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdn_catalog_finalize;
}

static void
pdn_catalog_init (PdnCatalog *self)
{
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

typedef struct
{
  const guint8 *data;
  gsize size;
  gboolean swapped;
} PdnMoReader;

static gboolean
mo_read_u32 (PdnMoReader *reader, gsize offset, guint32 *value)
{
  guint32 raw;

  if (offset > reader->size || reader->size - offset < 4)
    return FALSE;
  memcpy (&raw, reader->data + offset, 4);
  *value = reader->swapped ? GUINT32_SWAP_LE_BE (raw) : raw;
  return TRUE;
}

/* The string of table entry @i: checked to lie inside the file and to be
 * NUL-terminated, so it can be used as a C string. */
static const gchar *
mo_read_string (PdnMoReader *reader, guint32 table, guint32 i, guint32 *length)
{
  guint32 offset;

  if (!mo_read_u32 (reader, (gsize) table + (gsize) i * 8, length)
      || !mo_read_u32 (reader, (gsize) table + (gsize) i * 8 + 4, &offset))
    return NULL;
  if ((gsize) offset + *length >= reader->size || reader->data[offset + *length] != '\0')
    return NULL;
  return (const gchar *) reader->data + offset;
}

static gboolean
catalog_fail (GError **error)
{
  pdn_error_set_field (error, PDN_ERROR_INTERNAL, NULL, _("The message catalog is damaged"));
  return FALSE;
}

static gboolean
pdn_catalog_index (PdnCatalog *self, GError **error)
{
  PdnMoReader reader = { 0 };
  guint32 magic = 0, count = 0, originals = 0, translations = 0;

  reader.data = g_bytes_get_data (self->bytes, &reader.size);
  if (!mo_read_u32 (&reader, 0, &magic))
    return catalog_fail (error);
  reader.swapped = magic != MO_MAGIC;
  if (reader.swapped && GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
    return catalog_fail (error);
  if (!mo_read_u32 (&reader, 8, &count) || !mo_read_u32 (&reader, 12, &originals)
      || !mo_read_u32 (&reader, 16, &translations) || count > reader.size / 8)
    return catalog_fail (error);
  self->strings = g_new0 (const gchar *, count);
  self->lengths = g_new0 (guint32, count);
  for (guint32 i = 0; i < count; i++)
    {
      guint32 id_length, str_length;
      const gchar *msgid = mo_read_string (&reader, originals, i, &id_length);
      const gchar *msgstr = mo_read_string (&reader, translations, i, &str_length);

      if (msgid == NULL || msgstr == NULL)
        return catalog_fail (error);
      /* Entry "" is the header; fuzzy or empty translations are not stored. */
      if (msgid[0] == '\0' || msgstr[0] == '\0')
        continue;
      self->strings[self->size] = msgstr;
      self->lengths[self->size] = str_length;
      self->size++;
      g_hash_table_replace (self->index, (gpointer) msgid, GUINT_TO_POINTER (self->size));
    }
  return TRUE;
}

/**
 * pdn_catalog_new_from_bytes:
 * @bytes: the contents of a GNU .mo file
 *
 * Returns: (transfer full): the catalog, or %NULL if @bytes is not a
 *   well-formed .mo file.
 */
PdnCatalog *
pdn_catalog_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (PdnCatalog) self = g_object_new (PDN_TYPE_CATALOG, NULL);

  self->bytes = g_bytes_ref (bytes);
  if (!pdn_catalog_index (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

PdnCatalog *
pdn_catalog_new_from_file (const gchar *path, GError **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr (GBytes) bytes = NULL;

  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  return pdn_catalog_new_from_bytes (bytes, error);
}

/* The number of translated messages. */
guint
pdn_catalog_get_size (PdnCatalog *self)
{
  return self->size;
}

/**
 * pdn_catalog_lookup:
 * @msgid: the untranslated message, or "context\004message"
 *
 * Returns: (nullable): the translation, or %NULL if the catalog has none.
 */
const gchar *
pdn_catalog_lookup (PdnCatalog *self, const gchar *msgid)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, msgid));

  return position == 0 ? NULL : self->strings[position - 1];
}

/**
 * pdn_catalog_lookup_plural:
 *
 * The plural form for @n. Forms are chosen by the rule (n != 1), which is
 * right for every language pdnet ships (Spanish, English); a language with
 * other plural rules needs its Plural-Forms expression evaluated here.
 *
 * Returns: (nullable): the translation, or %NULL if the catalog has none.
 */
const gchar *
pdn_catalog_lookup_plural (PdnCatalog *self, const gchar *msgid, gulong n)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, msgid));
  const gchar *form, *end;

  if (position == 0)
    return NULL;
  form = self->strings[position - 1];
  end = form + self->lengths[position - 1];
  if (n != 1)
    {
      const gchar *next = form + strlen (form) + 1;
      if (next < end)
        form = next;
    }
  return form;
}
