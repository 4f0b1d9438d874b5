/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pdn-api-accept.h"

static const gchar *const json_or_csv[] = { "application/json", "text/csv", NULL };

typedef struct
{
  const gchar *accept;
  guint chosen;
} Case;

static void
test_choose (void)
{
  static const Case cases[] = {
    { NULL, 0 },
    { "", 0 },
    { "*/*", 0 },
    { "application/json", 0 },
    { "text/csv", 1 },
    { "TEXT/CSV", 1 },
    { "text/csv; charset=utf-8", 1 },
    { "text/*", 1 },
    { "application/*", 0 },
    { "text/csv, application/json", 0 },            /* a tie goes to the default */
    { "application/json;q=0.5, text/csv", 1 },
    { "text/csv;q=0.9, application/json;q=0.8", 1 },
    { "text/csv;q=0.4, */*;q=0.5", 0 },
    { "text/csv, */*;q=0.1", 1 },
    { "text/csv;q=0, */*", 0 },                     /* CSV refused */
    { "application/json;q=0, */*", 1 },             /* JSON refused */
    { "text/csv;q=abc", 0 },                        /* a bad weight accepts nothing */
    { "text/csv;q=2", 0 },
    { "text/html", 0 },                             /* nothing offered: the default */
    { "text/csvx", 0 },
    { "tex/*", 0 },
    { " text/csv ;  q=1 ", 1 },
    { ",,text/csv,,", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Accept: %s", cases[i].accept != NULL ? cases[i].accept : "(none)");
      g_assert_cmpuint (pdn_api_accept_choose (cases[i].accept, json_or_csv), ==,
                        cases[i].chosen);
    }
}

static void
test_request (void)
{
  g_autoptr (PdnRequest) request = pdn_request_new ("GET", "/api/v1/reports/participation");

  g_assert_cmpuint (pdn_api_negotiate (request, json_or_csv), ==, 0);
  pdn_request_set_header (request, "Accept", "text/csv");
  g_assert_cmpuint (pdn_api_negotiate (request, json_or_csv), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdnet/api/accept/choose", test_choose);
  g_test_add_func ("/pdnet/api/accept/request", test_request);
  return g_test_run ();
}
