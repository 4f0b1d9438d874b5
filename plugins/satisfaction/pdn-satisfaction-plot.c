/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "pdn-satisfaction-plot.h"

#define WIDTH 700.0
#define LABEL_WIDTH 190.0
#define MEAN_LEFT 200.0
#define MEAN_RIGHT 450.0
#define NPS_LEFT 490.0
#define NPS_RIGHT 660.0
#define TOP 40.0
#define ROW 28.0
#define BOTTOM 50.0
#define MAX_LABEL 28

static void
clear_bar (gpointer data)
{
  g_free (((PdnSatisfactionBar *)data)->label);
}

PdnSatisfactionPlot *
pdn_satisfaction_plot_new (void)
{
  PdnSatisfactionPlot *plot = g_new0 (PdnSatisfactionPlot, 1);

  plot->bars = g_array_new (FALSE, FALSE, sizeof (PdnSatisfactionBar));
  g_array_set_clear_func (plot->bars, clear_bar);
  return plot;
}

void
pdn_satisfaction_plot_free (PdnSatisfactionPlot *plot)
{
  if (plot == NULL)
    return;
  g_array_unref (plot->bars);
  g_free (plot);
}

void
pdn_satisfaction_plot_add (PdnSatisfactionPlot *plot, const gchar *label,
                           const PdnSatisfactionStats *stats)
{
  PdnSatisfactionBar bar = { g_strdup (label), stats == NULL, NAN, NAN, NAN, NAN, NAN, NAN };

  if (stats != NULL)
    {
      bar.mean = stats->usefulness_mean;
      bar.mean_low = stats->usefulness_ci_low;
      bar.mean_high = stats->usefulness_ci_high;
      bar.nps = stats->nps;
      bar.nps_low = stats->nps_ci_low;
      bar.nps_high = stats->nps_ci_high;
    }
  g_array_append_val (plot->bars, bar);
}

typedef struct
{
  cairo_t *cr;
  GPtrArray *texts;
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
mean_x (gdouble value)
{
  return MEAN_LEFT + (CLAMP (value, 1, 5) - 1) / 4 * (MEAN_RIGHT - MEAN_LEFT);
}

static gdouble
nps_x (gdouble value)
{
  return NPS_LEFT + (CLAMP (value, -100, 100) + 100) / 200 * (NPS_RIGHT - NPS_LEFT);
}

static void
whisker (cairo_t *cr, gdouble x0, gdouble x1, gdouble y)
{
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_move_to (cr, x0, y - 5);
  cairo_line_to (cr, x0, y + 5);
  cairo_move_to (cr, x1, y - 5);
  cairo_line_to (cr, x1, y + 5);
  cairo_stroke (cr);
}

static void
draw_frame (Canvas *c, gdouble height)
{
  cairo_t *cr = c->cr;
  gdouble bottom = height - BOTTOM;
  g_autofree gchar *title = NULL;

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, MEAN_LEFT, TOP, MEAN_RIGHT - MEAN_LEFT, bottom - TOP);
  cairo_rectangle (cr, NPS_LEFT, TOP, NPS_RIGHT - NPS_LEFT, bottom - TOP);
  cairo_move_to (cr, nps_x (0), TOP);
  cairo_line_to (cr, nps_x (0), bottom);
  cairo_stroke (cr);
  for (gint i = 1; i <= 5; i++)
    {
      g_autofree gchar *tick = g_strdup_printf ("%d", i);
      draw_text (c, mean_x (i), bottom + 14, tick, 0.5);
    }
  for (gint i = -100; i <= 100; i += 100)
    {
      g_autofree gchar *tick = g_strdup_printf ("%d", i);
      draw_text (c, nps_x (i), bottom + 14, tick, 0.5);
    }
  /* A printf format, so that the percent sign is never read as one. */
  title = g_strdup_printf (_ ("Mean usefulness (1 to 5) with its %d%% interval"), 95);
  draw_text (c, (MEAN_LEFT + MEAN_RIGHT) / 2, TOP - 12, title, 0.5);
  draw_text (c, (NPS_LEFT + NPS_RIGHT) / 2, TOP - 12, _ ("Net promoter score"), 0.5);
  draw_text (c, (MEAN_LEFT + MEAN_RIGHT) / 2, height - 14, _ ("Usefulness"), 0.5);
  draw_text (c, (NPS_LEFT + NPS_RIGHT) / 2, height - 14, _ ("Percent 9–10 minus percent 0–6"), 0.5);
}

static void
draw_label (Canvas *c, const gchar *label, gdouble y)
{
  g_autofree gchar *shown = NULL;

  glong length = g_utf8_strlen (label, -1);

  /* Cut in the middle: rows often differ only at the end. */
  if (length > MAX_LABEL)
    {
      g_autofree gchar *start = g_utf8_substring (label, 0, MAX_LABEL / 2);
      g_autofree gchar *end = g_utf8_substring (label, length - (MAX_LABEL / 2 - 1), length);
      shown = g_strconcat (start, "…", end, NULL);
    }
  cairo_set_source_rgb (c->cr, 0.1, 0.1, 0.1);
  draw_text (c, LABEL_WIDTH, y + 4, shown != NULL ? shown : label, 1);
}

/* A suppressed row draws its label and the word only: it has no figure. */
static void
draw_suppressed (Canvas *c, gdouble y)
{
  cairo_set_source_rgb (c->cr, 0.45, 0.45, 0.45);
  cairo_select_font_face (c->cr, "sans-serif", CAIRO_FONT_SLANT_ITALIC, CAIRO_FONT_WEIGHT_NORMAL);
  draw_text (c, MEAN_LEFT + 6, y + 4, _ ("suppressed"), 0);
  draw_text (c, NPS_LEFT + 6, y + 4, _ ("suppressed"), 0);
  cairo_select_font_face (c->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
}

static void
draw_figures (Canvas *c, const PdnSatisfactionBar *bar, gdouble y)
{
  cairo_t *cr = c->cr;

  if (!isnan (bar->mean))
    {
      g_autofree gchar *value = g_strdup_printf ("%.2f", bar->mean);

      cairo_set_source_rgb (cr, 0.000, 0.447, 0.698);
      cairo_rectangle (cr, MEAN_LEFT, y - 8, mean_x (bar->mean) - MEAN_LEFT, 16);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_set_line_width (cr, 1.5);
      if (!isnan (bar->mean_low))
        whisker (cr, mean_x (bar->mean_low), mean_x (bar->mean_high), y);
      cairo_set_source_rgb (cr, 1, 1, 1);
      draw_text (c, MEAN_LEFT + 4, y + 4, value, 0);
    }
  if (!isnan (bar->nps))
    {
      g_autofree gchar *value = g_strdup_printf ("%.0f", bar->nps);

      cairo_set_source_rgb (cr, 0.835, 0.369, 0.000);
      cairo_set_line_width (cr, 1.5);
      if (!isnan (bar->nps_low))
        whisker (cr, nps_x (bar->nps_low), nps_x (bar->nps_high), y);
      cairo_arc (cr, nps_x (bar->nps), y, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (c, nps_x (bar->nps), y - 8, value, 0.5);
    }
}

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const gchar *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

gchar *
pdn_satisfaction_plot_render_svg (const PdnSatisfactionPlot *plot, GPtrArray *texts)
{
  gdouble height = TOP + ROW * MAX (plot->bars->len, 1) + BOTTOM;
  GString *svg = g_string_new (NULL);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append, svg, WIDTH, height);
  Canvas c = { cairo_create (surface), texts };

  cairo_set_source_rgb (c.cr, 1, 1, 1);
  cairo_paint (c.cr);
  cairo_select_font_face (c.cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (c.cr, 11);
  draw_frame (&c, height);
  for (guint i = 0; i < plot->bars->len; i++)
    {
      const PdnSatisfactionBar *bar = &g_array_index (plot->bars, PdnSatisfactionBar, i);
      gdouble y = TOP + ROW * (i + 0.5);

      draw_label (&c, bar->label, y);
      if (bar->suppressed)
        draw_suppressed (&c, y);
      else
        draw_figures (&c, bar, y);
    }
  cairo_destroy (c.cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_string_free (svg, FALSE);
}
