/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pdnet/pdn-error.h>

#include "pdn-json-guard.h"

/*
 * A strict RFC 8259 validator that runs before json-glib sees a request body.
 * json-glib 1.6 recurses once per nesting level without a limit and accepts
 * extensions (comments, single quotes, trailing commas, NaN...). This scanner
 * is an explicit state machine over a bounded stack: linear time, constant
 * stack, and it knows where in the document it is so errors name the field.
 */

typedef struct
{
  guchar kind; /* '[' or '{' */
  gsize index;
  const guchar *key; /* the current member's key, without quotes */
  gsize key_length;
} PdnJsonFrame;

typedef enum
{
  STATE_VALUE,
  STATE_KEY,
  STATE_AFTER_VALUE,
} PdnJsonState;

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  guint max_depth;
  guint depth;
  PdnJsonFrame *stack;
} PdnJsonScanner;

/* "affiliations[2].from", in the style of pdn_error_prefix_field(). */
static gchar *
scanner_path (PdnJsonScanner *s)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < s->depth; i++)
    {
      PdnJsonFrame *frame = &s->stack[i];
      if (frame->kind == '[')
        g_string_append_printf (path, "[%" G_GSIZE_FORMAT "]", frame->index);
      else if (frame->key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, (const gchar *) frame->key, (gssize) frame->key_length);
        }
    }
  if (path->len == 0)
    return (g_string_free (path, TRUE), NULL);
  return g_string_free (path, FALSE);
}

static void
scanner_position (PdnJsonScanner *s, guint *line, guint *column)
{
  *line = 1;
  *column = 1;
  for (const guchar *q = s->start; q < s->p && q < s->end; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((*q & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
scanner_fail (PdnJsonScanner *s, const gchar *reason, GError **error)
{
  g_autofree gchar *field = scanner_path (s);
  guint line, column;

  scanner_position (s, &line, &column);
  /* TRANSLATORS: %s is one of the reasons below, such as “unexpected character” */
  pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, field,
                       _("The request body is not valid JSON at line %u, column %u: %s"), line,
                       column, reason);
  return FALSE;
}

static void
skip_whitespace (PdnJsonScanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* The length of the well-formed UTF-8 sequence at @p (no overlongs,
 * surrogates or code points past U+10FFFF), or 0. */
static gsize
utf8_sequence_length (const guchar *p, const guchar *end)
{
  guchar lo = 0x80, hi = 0xbf;
  gsize length;

  if (*p >= 0xc2 && *p <= 0xdf)
    length = 2;
  else if (*p >= 0xe0 && *p <= 0xef)
    {
      length = 3;
      lo = *p == 0xe0 ? 0xa0 : 0x80;
      hi = *p == 0xed ? 0x9f : 0xbf;
    }
  else if (*p >= 0xf0 && *p <= 0xf4)
    {
      length = 4;
      lo = *p == 0xf0 ? 0x90 : 0x80;
      hi = *p == 0xf4 ? 0x8f : 0xbf;
    }
  else
    return 0;
  if ((gsize) (end - p) < length || p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < length; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return length;
}

/* Reads the four hex digits of a \u escape at @p. */
static gboolean
read_hex4 (const guchar *p, const guchar *end, guint *value)
{
  *value = 0;
  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      gint digit = g_ascii_xdigit_value ((gchar) p[i]);
      if (digit < 0)
        return FALSE;
      *value = (*value << 4) | (guint) digit;
    }
  return TRUE;
}

/* After a backslash: one escape, including a surrogate pair as a whole. */
static gboolean
scan_escape (PdnJsonScanner *s, GError **error)
{
  guint unit, low;

  if (s->p >= s->end)
    return scanner_fail (s, _("unterminated string"), error);
  if (*s->p != '\0' && strchr ("\"\\/bfnrt", *s->p) != NULL)
    {
      s->p++;
      return TRUE;
    }
  if (*s->p != 'u' || !read_hex4 (s->p + 1, s->end, &unit))
    return scanner_fail (s, _("invalid escape sequence"), error);
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return scanner_fail (s, _("unpaired UTF-16 surrogate"), error);
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      const guchar *next = s->p + 5;
      if (s->end - next < 2 || next[0] != '\\' || next[1] != 'u'
          || !read_hex4 (next + 2, s->end, &low) || low < 0xdc00 || low > 0xdfff)
        return scanner_fail (s, _("unpaired UTF-16 surrogate"), error);
      s->p += 6;
    }
  s->p += 5;
  return TRUE;
}

/* At an opening quote: skips the whole string, checking escapes, control
 * characters and UTF-8. Sets @content and @length to the raw text inside. */
static gboolean
scan_string (PdnJsonScanner *s, const guchar **content, gsize *length, GError **error)
{
  const guchar *begin = ++s->p;

  while (s->p < s->end)
    {
      guchar c = *s->p;
      if (c == '"')
        {
          *content = begin;
          *length = (gsize) (s->p - begin);
          s->p++;
          return TRUE;
        }
      if (c == '\\')
        {
          s->p++;
          if (!scan_escape (s, error))
            return FALSE;
        }
      else if (c < 0x20)
        return scanner_fail (s, _("control character in string"), error);
      else if (c < 0x80)
        s->p++;
      else
        {
          gsize n = utf8_sequence_length (s->p, s->end);
          if (n == 0)
            return scanner_fail (s, _("invalid UTF-8"), error);
          s->p += n;
        }
    }
  return scanner_fail (s, _("unterminated string"), error);
}

static gboolean
skip_digits (PdnJsonScanner *s)
{
  const guchar *begin = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > begin;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (PdnJsonScanner *s, GError **error)
{
  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!skip_digits (s))
    return scanner_fail (s, _("invalid number"), error);
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!skip_digits (s))
        return scanner_fail (s, _("invalid number"), error);
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!skip_digits (s))
        return scanner_fail (s, _("invalid number"), error);
    }
  /* "01" or "1x": a number must end at a delimiter. */
  if (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '.' || *s->p == '+'
                        || *s->p == '-'))
    return scanner_fail (s, _("invalid number"), error);
  return TRUE;
}

static gboolean
scan_literal (PdnJsonScanner *s, const gchar *word, GError **error)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return scanner_fail (s, _("unexpected character"), error);
  s->p += length;
  if (s->p < s->end && g_ascii_isalnum (*s->p))
    return scanner_fail (s, _("unexpected character"), error);
  return TRUE;
}

static gboolean
push_frame (PdnJsonScanner *s, guchar kind, GError **error)
{
  /* The whole document is at fault, not a field. */
  if (s->depth >= s->max_depth)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The request body nests JSON deeper than %u levels"), s->max_depth);
      return FALSE;
    }
  s->stack[s->depth++] = (PdnJsonFrame){ .kind = kind };
  s->p++;
  return TRUE;
}

/* At a value: scalars are consumed whole, containers are opened. Returns
 * the next state. */
static gboolean
scan_value (PdnJsonScanner *s, PdnJsonState *state, GError **error)
{
  const guchar *content;
  gsize length;

  if (s->p >= s->end)
    return scanner_fail (s, _("unexpected end of input"), error);
  *state = STATE_AFTER_VALUE;
  switch (*s->p)
    {
    case '{':
      if (!push_frame (s, '{', error))
        return FALSE;
      skip_whitespace (s);
      if (s->p < s->end && *s->p == '}')
        {
          s->depth--;
          s->p++;
        }
      else
        *state = STATE_KEY;
      return TRUE;
    case '[':
      if (!push_frame (s, '[', error))
        return FALSE;
      skip_whitespace (s);
      if (s->p < s->end && *s->p == ']')
        {
          s->depth--;
          s->p++;
        }
      else
        *state = STATE_VALUE;
      return TRUE;
    case '"':
      return scan_string (s, &content, &length, error);
    case 't':
      return scan_literal (s, "true", error);
    case 'f':
      return scan_literal (s, "false", error);
    case 'n':
      return scan_literal (s, "null", error);
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s, error);
      if (*s->p >= 0x80 && utf8_sequence_length (s->p, s->end) == 0)
        return scanner_fail (s, _("invalid UTF-8"), error);
      return scanner_fail (s, _("unexpected character"), error);
    }
}

/* In an object, before a member: "key" then a colon. */
static gboolean
scan_key (PdnJsonScanner *s, GError **error)
{
  PdnJsonFrame *frame = &s->stack[s->depth - 1];
  const guchar *content;
  gsize length;

  if (s->p >= s->end)
    return scanner_fail (s, _("unexpected end of input"), error);
  if (*s->p != '"')
    return scanner_fail (s, _("expected a quoted member name"), error);
  if (!scan_string (s, &content, &length, error))
    return FALSE;
  frame->key = content;
  frame->key_length = length;
  skip_whitespace (s);
  if (s->p >= s->end || *s->p != ':')
    return scanner_fail (s, _("expected “:” after a member name"), error);
  s->p++;
  return TRUE;
}

/* After a value inside a container: a comma or the closing bracket. */
static gboolean
scan_after_value (PdnJsonScanner *s, PdnJsonState *state, GError **error)
{
  PdnJsonFrame *frame = &s->stack[s->depth - 1];
  guchar close = frame->kind == '[' ? ']' : '}';

  if (s->p >= s->end)
    return scanner_fail (s, _("unexpected end of input"), error);
  if (*s->p == close)
    {
      s->depth--;
      s->p++;
      *state = STATE_AFTER_VALUE;
      return TRUE;
    }
  if (*s->p != ',')
    return scanner_fail (s, _("expected “,” or a closing bracket"), error);
  s->p++;
  if (frame->kind == '[')
    {
      frame->index++;
      *state = STATE_VALUE;
    }
  else
    {
      frame->key = NULL;
      *state = STATE_KEY;
    }
  return TRUE;
}

static gboolean
scan_document (PdnJsonScanner *s, GError **error)
{
  PdnJsonState state = STATE_VALUE;

  for (;;)
    {
      gboolean ok;

      skip_whitespace (s);
      if (state == STATE_AFTER_VALUE && s->depth == 0)
        break;
      if (state == STATE_VALUE)
        ok = scan_value (s, &state, error);
      else if (state == STATE_KEY)
        {
          ok = scan_key (s, error);
          state = STATE_VALUE;
        }
      else
        ok = scan_after_value (s, &state, error);
      if (!ok)
        return FALSE;
    }
  if (s->p < s->end)
    return scanner_fail (s, _("unexpected data after the JSON value"), error);
  return TRUE;
}

/**
 * pdn_json_guard_check:
 * @data: (array length=length): the raw text, not necessarily NUL-terminated
 * @max_depth: the deepest nesting accepted, at most 1024
 *
 * Accepts exactly the JSON texts of RFC 8259 in UTF-8, without a byte order
 * mark, nested at most @max_depth levels; lone UTF-16 surrogate escapes are
 * refused as well. Errors are PDN_ERROR_INVALID_INPUT naming the position
 * and, inside an object, the field.
 */
gboolean
pdn_json_guard_check (const gchar *data, gsize length, guint max_depth, GError **error)
{
  g_autofree PdnJsonFrame *stack = NULL;
  PdnJsonScanner scanner = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (max_depth > 0 && max_depth <= 1024, FALSE);

  if (length == 0)
    {
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The request body is empty; it must be JSON"));
      return FALSE;
    }
  stack = g_new0 (PdnJsonFrame, max_depth);
  scanner.start = scanner.p = (const guchar *) data;
  scanner.end = scanner.start + length;
  scanner.max_depth = max_depth;
  scanner.stack = stack;
  return scan_document (&scanner, error);
}

/**
 * pdn_json_guard_parse:
 *
 * The request decoder: checks @data with pdn_json_guard_check() at
 * %PDN_JSON_GUARD_MAX_DEPTH, then parses it with json-glib.
 *
 * Returns: (transfer full): the document's root node, or %NULL with a
 *   PDN_ERROR_INVALID_INPUT.
 */
JsonNode *
pdn_json_guard_parse (const gchar *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!pdn_json_guard_check (data, length, PDN_JSON_GUARD_MAX_DEPTH, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* The guard accepted it, so this is json-glib's own limitation. */
      pdn_error_set_field (error, PDN_ERROR_INVALID_INPUT, NULL,
                           _("The request body could not be decoded: %s"), local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}
