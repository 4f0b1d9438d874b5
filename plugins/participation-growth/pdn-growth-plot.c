/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "pdn-growth-plot.h"

#define WIDTH 640.0
#define HEIGHT 440.0
#define LEFT 70.0
#define RIGHT 150.0
#define TOP 20.0
#define BOTTOM 60.0

/* Colour-blind-safe (Okabe–Ito) colours, one per sector. */
static const gdouble colours[][3] = {
  { 0.000, 0.447, 0.698 }, { 0.835, 0.369, 0.000 }, { 0.000, 0.620, 0.451 },
  { 0.800, 0.475, 0.655 }, { 0.941, 0.894, 0.259 }, { 0.337, 0.706, 0.914 },
};

PdnGrowthPlot *
pdn_growth_plot_new (const gchar *x_label, const gchar *y_label)
{
  PdnGrowthPlot *plot = g_new0 (PdnGrowthPlot, 1);

  plot->points = g_array_new (FALSE, FALSE, sizeof (PdnGrowthPoint));
  plot->sectors = g_ptr_array_new_with_free_func (g_free);
  plot->x_label = g_strdup (x_label);
  plot->y_label = g_strdup (y_label);
  return plot;
}

void
pdn_growth_plot_free (PdnGrowthPlot *plot)
{
  if (plot == NULL)
    return;
  g_array_unref (plot->points);
  g_ptr_array_unref (plot->sectors);
  g_free (plot->x_label);
  g_free (plot->y_label);
  g_free (plot);
}

void
pdn_growth_plot_add_point (PdnGrowthPlot *plot, const gchar *sector, gdouble x, gdouble y)
{
  PdnGrowthPoint point = { x, y, 0 };
  guint index;

  if (!g_ptr_array_find_with_equal_func (plot->sectors, sector, g_str_equal, &index))
    {
      index = plot->sectors->len;
      g_ptr_array_add (plot->sectors, g_strdup (sector));
    }
  point.sector = index;
  g_array_append_val (plot->points, point);
}

static void
x_range (const PdnGrowthPlot *plot, gdouble *lo, gdouble *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < plot->points->len; i++)
    {
      gdouble x = g_array_index (plot->points, PdnGrowthPoint, i).x;
      *lo = MIN (*lo, x);
      *hi = MAX (*hi, x);
    }
}

void
pdn_growth_plot_set_fit (PdnGrowthPlot *plot, const PdnGrowthSlope *fit)
{
  gdouble lo, hi;

  x_range (plot, &lo, &hi);
  plot->has_line = !isnan (fit->slope) && plot->points->len > 0;
  for (guint i = 0; plot->has_line && i < PDN_GROWTH_BAND_STEPS; i++)
    {
      gdouble half;

      plot->band_x[i] = lo + (hi - lo) * i / (PDN_GROWTH_BAND_STEPS - 1);
      pdn_growth_slope_band (fit, plot->band_x[i], &plot->band_y[i], &half);
      plot->band_lower[i] = plot->band_y[i] - half;
      plot->band_upper[i] = plot->band_y[i] + half;
    }
}

typedef struct
{
  gdouble x0, x1, y0, y1;
} Frame;

static gdouble
px (const Frame *f, gdouble x)
{
  return LEFT + (x - f->x0) / (f->x1 - f->x0) * (WIDTH - LEFT - RIGHT);
}

static gdouble
py (const Frame *f, gdouble y)
{
  return HEIGHT - BOTTOM - (y - f->y0) / (f->y1 - f->y0) * (HEIGHT - TOP - BOTTOM);
}

/* The data range, padded, never empty. */
static Frame
frame_for (const PdnGrowthPlot *plot)
{
  Frame f = { INFINITY, -INFINITY, INFINITY, -INFINITY };
  gdouble pad;

  for (guint i = 0; i < plot->points->len; i++)
    {
      const PdnGrowthPoint *p = &g_array_index (plot->points, PdnGrowthPoint, i);
      f.x0 = MIN (f.x0, p->x);
      f.x1 = MAX (f.x1, p->x);
      f.y0 = MIN (f.y0, p->y);
      f.y1 = MAX (f.y1, p->y);
    }
  for (guint i = 0; plot->has_line && i < PDN_GROWTH_BAND_STEPS; i++)
    {
      f.y0 = MIN (f.y0, plot->band_lower[i]);
      f.y1 = MAX (f.y1, plot->band_upper[i]);
    }
  if (plot->points->len == 0)
    return (Frame){ 0, 1, 0, 1 };
  pad = MAX ((f.x1 - f.x0) * 0.05, 0.5);
  f.x0 -= pad;
  f.x1 += pad;
  pad = MAX ((f.y1 - f.y0) * 0.05, 0.5);
  f.y0 -= pad;
  f.y1 += pad;
  return f;
}

static void
draw_text (cairo_t *cr, gdouble x, gdouble y, const gchar *text, gdouble align)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.width * align, y);
  cairo_show_text (cr, text);
}

static void
draw_axes (cairo_t *cr, const PdnGrowthPlot *plot, const Frame *f)
{
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i <= 4; i++)
    {
      gdouble x = f->x0 + (f->x1 - f->x0) * i / 4, y = f->y0 + (f->y1 - f->y0) * i / 4;
      g_autofree gchar *xt = g_strdup_printf ("%.3g", x);
      g_autofree gchar *yt = g_strdup_printf ("%.3g", y);

      draw_text (cr, px (f, x), HEIGHT - BOTTOM + 16, xt, 0.5);
      draw_text (cr, LEFT - 6, py (f, y) + 4, yt, 1);
    }
  draw_text (cr, (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 15, plot->x_label, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 18, (TOP + HEIGHT - BOTTOM) / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, 0, 0, plot->y_label, 0.5);
  cairo_restore (cr);
}

static void
draw_fit (cairo_t *cr, const PdnGrowthPlot *plot, const Frame *f)
{
  if (!plot->has_line)
    return;
  cairo_move_to (cr, px (f, plot->band_x[0]), py (f, plot->band_upper[0]));
  for (guint i = 1; i < PDN_GROWTH_BAND_STEPS; i++)
    cairo_line_to (cr, px (f, plot->band_x[i]), py (f, plot->band_upper[i]));
  for (guint i = PDN_GROWTH_BAND_STEPS; i-- > 0;)
    cairo_line_to (cr, px (f, plot->band_x[i]), py (f, plot->band_lower[i]));
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.25);
  cairo_fill (cr);
  cairo_move_to (cr, px (f, plot->band_x[0]), py (f, plot->band_y[0]));
  cairo_line_to (cr, px (f, plot->band_x[PDN_GROWTH_BAND_STEPS - 1]),
                 py (f, plot->band_y[PDN_GROWTH_BAND_STEPS - 1]));
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
set_colour (cairo_t *cr, guint sector)
{
  const gdouble *c = colours[sector % G_N_ELEMENTS (colours)];

  cairo_set_source_rgb (cr, c[0], c[1], c[2]);
}

static const gchar *
sector_label (const gchar *sector)
{
  if (g_strcmp0 (sector, "district") == 0)
    return _ ("District");
  if (g_strcmp0 (sector, "charter") == 0)
    return _ ("Charter");
  if (g_strcmp0 (sector, "catholic") == 0)
    return _ ("Catholic");
  return sector;
}

/* Where a point lands, to a quarter of a pixel. */
static guint64
cell_of (gdouble x, gdouble y)
{
  return ((guint64)(guint32)lround (x * 4) << 32) | (guint32)lround (y * 4);
}

/* Which points to draw: of those landing on the same quarter pixel, the
 * last, which covers the others. Tens of thousands of schools would
 * otherwise make megabytes of circles drawn over each other. */
static gboolean *
visible_points (const PdnGrowthPlot *plot, const Frame *f)
{
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean *visible = g_new0 (gboolean, MAX (plot->points->len, 1));
  GHashTableIter iter;
  gpointer index;

  for (guint i = 0; i < plot->points->len; i++)
    {
      const PdnGrowthPoint *p = &g_array_index (plot->points, PdnGrowthPoint, i);
      guint64 cell = cell_of (px (f, p->x), py (f, p->y));

      g_hash_table_insert (last, g_memdup2 (&cell, sizeof cell), GUINT_TO_POINTER (i));
    }
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &index))
    visible[GPOINTER_TO_UINT (index)] = TRUE;
  return visible;
}

static void
draw_points (cairo_t *cr, const PdnGrowthPlot *plot, const Frame *f)
{
  g_autofree gboolean *visible = visible_points (plot, f);

  for (guint i = 0; i < plot->points->len; i++)
    {
      const PdnGrowthPoint *p = &g_array_index (plot->points, PdnGrowthPoint, i);

      if (!visible[i])
        continue;
      set_colour (cr, p->sector);
      cairo_arc (cr, px (f, p->x), py (f, p->y), 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  for (guint i = 0; i < plot->sectors->len; i++)
    {
      gdouble y = TOP + 10 + 18 * i;

      set_colour (cr, i);
      cairo_arc (cr, WIDTH - RIGHT + 20, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      draw_text (cr, WIDTH - RIGHT + 30, y + 4, sector_label (g_ptr_array_index (plot->sectors, i)),
                 0);
    }
}

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const gchar *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

gchar *
pdn_growth_plot_render_svg (const PdnGrowthPlot *plot)
{
  GString *svg = g_string_new (NULL);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append, svg, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Frame f = frame_for (plot);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_fit (cr, plot, &f);
  draw_points (cr, plot, &f);
  draw_axes (cr, plot, &f);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_string_free (svg, FALSE);
}
