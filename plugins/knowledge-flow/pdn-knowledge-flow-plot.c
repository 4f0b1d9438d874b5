/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "pdn-knowledge-flow-result.h"

#define CELL 90.0
#define LEFT 110.0
#define TOP 60.0

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const gchar *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
label (cairo_t *cr, double x, double y, const gchar *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.width / 2 - extents.x_bearing, y);
  cairo_show_text (cr, text);
}

static gdouble
largest (const gdouble hours[KF_N_FROM][KF_N_TO])
{
  gdouble max = 0;

  for (guint f = 0; f < KF_N_FROM; f++)
    for (guint t = 0; t < KF_N_TO; t++)
      max = MAX (max, hours[f][t]);
  return max;
}

static void
draw_cell (cairo_t *cr, double x, double y, gdouble hours, gdouble max)
{
  g_autofree gchar *text = NULL;

  if (hours < 0)
    {
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_rectangle (cr, x, y, CELL - 2, CELL - 2);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      label (cr, x + CELL / 2, y + CELL / 2, _("suppressed"));
      return;
    }
  /* Darker blue for more hours. */
  gdouble level = max > 0 ? hours / max : 0;
  cairo_set_source_rgb (cr, 1 - 0.8 * level, 1 - 0.6 * level, 1 - 0.2 * level);
  cairo_rectangle (cr, x, y, CELL - 2, CELL - 2);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, level > 0.6 ? 1 : 0, level > 0.6 ? 1 : 0, level > 0.6 ? 1 : 0);
  text = g_strdup_printf ("%.1f", hours);
  label (cr, x + CELL / 2, y + CELL / 2, text);
}

gchar *
kf_plot_svg (const gdouble hours[KF_N_FROM][KF_N_TO])
{
  GString *svg = g_string_new (NULL);
  double width = LEFT + KF_N_TO * CELL + 20, height = TOP + KF_N_FROM * CELL + 20;
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append, svg, width, height);
  cairo_t *cr = cairo_create (surface);
  gdouble max = largest (hours);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_set_source_rgb (cr, 0, 0, 0);
  label (cr, LEFT + KF_N_TO * CELL / 2, 20, _("Attended hours: source (rows) to attendees"));
  for (guint t = 0; t < KF_N_TO; t++)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (cr, LEFT + (t + 0.5) * CELL, TOP - 10, kf_to_name (t));
    }
  for (guint f = 0; f < KF_N_FROM; f++)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (cr, LEFT / 2, TOP + (f + 0.5) * CELL, kf_from_name (f));
      for (guint t = 0; t < KF_N_TO; t++)
        draw_cell (cr, LEFT + t * CELL, TOP + f * CELL, hours[f][t], max);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_string_free (svg, FALSE);
}
