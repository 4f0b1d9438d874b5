/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "pdn-reach-plot.h"

#define WIDTH 700.0
#define LABEL_WIDTH 190.0
#define BAR_LEFT 200.0
#define BAR_RIGHT 470.0
#define SHARE_LEFT 510.0
#define SHARE_RIGHT 670.0
#define TOP 56.0
#define ROW 30.0
#define BOTTOM 50.0
#define MAX_LABEL 30

/* Okabe–Ito colours: new, returning. */
static const gdouble colours[][3] = { { 0.000, 0.447, 0.698 }, { 0.835, 0.369, 0.000 } };

static void
clear_bar (gpointer data)
{
  PdnReachBar *bar = data;

  g_free (bar->term);
  g_free (bar->program);
}

PdnReachPlot *
pdn_reach_plot_new (void)
{
  PdnReachPlot *plot = g_new0 (PdnReachPlot, 1);

  plot->bars = g_array_new (FALSE, FALSE, sizeof (PdnReachBar));
  g_array_set_clear_func (plot->bars, clear_bar);
  return plot;
}

void
pdn_reach_plot_free (PdnReachPlot *plot)
{
  if (plot == NULL)
    return;
  g_array_unref (plot->bars);
  g_free (plot);
}

void
pdn_reach_plot_add (PdnReachPlot *plot, const gchar *term, const gchar *program, guint new_teachers,
                    guint returning_teachers, gdouble multi_sector_share)
{
  PdnReachBar bar = { g_strdup (term), g_strdup (program), new_teachers, returning_teachers,
                      multi_sector_share };

  g_array_append_val (plot->bars, bar);
}

typedef struct
{
  cairo_t *cr;
  GPtrArray *texts;
  guint tick; /* teachers between ticks; the axis has four */
} Canvas;

static void
draw_text (Canvas *c, gdouble x, gdouble y, const gchar *text, gdouble align)
{
  cairo_text_extents_t extents;

  cairo_text_extents (c->cr, text, &extents);
  cairo_move_to (c->cr, x - extents.width * align, y);
  cairo_show_text (c->cr, text);
  if (c->texts != NULL)
    g_ptr_array_add (c->texts, g_strdup (text));
}

static gdouble
bar_x (const Canvas *c, gdouble teachers)
{
  return BAR_LEFT + teachers / (4.0 * c->tick) * (BAR_RIGHT - BAR_LEFT);
}

static gdouble
share_x (gdouble share)
{
  return SHARE_LEFT + CLAMP (share, 0, 1) * (SHARE_RIGHT - SHARE_LEFT);
}

static void
set_colour (cairo_t *cr, guint i)
{
  cairo_set_source_rgb (cr, colours[i][0], colours[i][1], colours[i][2]);
}

static void
draw_legend (Canvas *c)
{
  const gchar *names[] = { _ ("New teachers"), _ ("Returning teachers") };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gdouble x = BAR_LEFT + 130 * i;

      set_colour (c->cr, i);
      cairo_rectangle (c->cr, x, 8, 10, 10);
      cairo_fill (c->cr);
      cairo_set_source_rgb (c->cr, 0.1, 0.1, 0.1);
      draw_text (c, x + 14, 17, names[i], 0);
    }
}

static void
draw_frame (Canvas *c, gdouble height)
{
  cairo_t *cr = c->cr;
  gdouble bottom = height - BOTTOM;

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, BAR_LEFT, TOP, BAR_RIGHT - BAR_LEFT, bottom - TOP);
  cairo_rectangle (cr, SHARE_LEFT, TOP, SHARE_RIGHT - SHARE_LEFT, bottom - TOP);
  cairo_stroke (cr);
  for (guint i = 0; i <= 4; i++)
    {
      g_autofree gchar *teachers = g_strdup_printf ("%u", c->tick * i);
      g_autofree gchar *share = g_strdup_printf ("%u%%", 25 * i);

      draw_text (c, bar_x (c, c->tick * i), bottom + 14, teachers, 0.5);
      draw_text (c, share_x (i / 4.0), bottom + 14, share, 0.5);
    }
  draw_legend (c);
  draw_text (c, (BAR_LEFT + BAR_RIGHT) / 2, TOP - 12, _ ("Teachers per term and program"), 0.5);
  draw_text (c, (SHARE_LEFT + SHARE_RIGHT) / 2, TOP - 12, _ ("Sessions spanning 2+ sectors"), 0.5);
  draw_text (c, (BAR_LEFT + BAR_RIGHT) / 2, height - 14, _ ("Teachers"), 0.5);
  draw_text (c, (SHARE_LEFT + SHARE_RIGHT) / 2, height - 14, _ ("Share of sessions"), 0.5);
}

static void
draw_label (Canvas *c, const gchar *text, gdouble y)
{
  g_autofree gchar *shown = NULL;

  glong length = g_utf8_strlen (text, -1);

  /* Cut in the middle: rows often differ only at the end. */
  if (length > MAX_LABEL)
    {
      g_autofree gchar *start = g_utf8_substring (text, 0, MAX_LABEL / 2);
      g_autofree gchar *end = g_utf8_substring (text, length - (MAX_LABEL / 2 - 1), length);
      shown = g_strconcat (start, "…", end, NULL);
    }
  draw_text (c, LABEL_WIDTH, y, shown != NULL ? shown : text, 1);
}

static void
draw_bar (Canvas *c, const PdnReachBar *bar, gdouble y)
{
  cairo_t *cr = c->cr;
  guint counts[] = { bar->new_teachers, bar->returning_teachers };
  gdouble start = 0;
  g_autofree gchar *values
      = g_strdup_printf ("%u + %u", bar->new_teachers, bar->returning_teachers);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  draw_label (c, bar->term, y - 2);
  draw_label (c, bar->program, y + 10);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      set_colour (cr, i);
      cairo_rectangle (cr, bar_x (c, start), y - 8, bar_x (c, start + counts[i]) - bar_x (c, start),
                       16);
      cairo_fill (cr);
      start += counts[i];
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  draw_text (c, bar_x (c, start) + 4, y + 4, values, 0);
  if (isnan (bar->multi_sector_share))
    return;
  {
    g_autofree gchar *share = g_strdup_printf ("%.0f%%", 100 * bar->multi_sector_share);

    cairo_arc (cr, share_x (bar->multi_sector_share), y, 4.5, 0, 2 * G_PI);
    cairo_fill (cr);
    draw_text (c, share_x (bar->multi_sector_share), y - 7, share, 0.5);
  }
}

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const gchar *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

gchar *
pdn_reach_plot_render_svg (const PdnReachPlot *plot, GPtrArray *texts)
{
  gdouble height = TOP + ROW * MAX (plot->bars->len, 1) + BOTTOM;
  GString *svg = g_string_new (NULL);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append, svg, WIDTH, height);
  Canvas c = { cairo_create (surface), texts, 1 };
  guint most = 0;

  for (guint i = 0; i < plot->bars->len; i++)
    {
      const PdnReachBar *bar = &g_array_index (plot->bars, PdnReachBar, i);
      most = MAX (most, bar->new_teachers + bar->returning_teachers);
    }
  /* Whole ticks, with room after the longest bar for its numbers. */
  c.tick = MAX (1, (guint)ceil (most * 1.25 / 4));
  cairo_set_source_rgb (c.cr, 1, 1, 1);
  cairo_paint (c.cr);
  cairo_select_font_face (c.cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (c.cr, 11);
  draw_frame (&c, height);
  for (guint i = 0; i < plot->bars->len; i++)
    draw_bar (&c, &g_array_index (plot->bars, PdnReachBar, i), TOP + ROW * (i + 0.5));
  cairo_destroy (c.cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_string_free (svg, FALSE);
}
