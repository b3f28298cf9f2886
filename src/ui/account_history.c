/* The account screen's history by component: under the health's
 * sparkline, one line a component, so a drop says which part moved. */
#include <stdio.h>
#include <string.h>

#include "csm/text.h"
#include "csm/ui.h"

#define HISTORY_VALUES 6 /* the newest snapshots whose scores are written out */

/* A score in tenths as written: "72", "72.5"; with sign, a change: "+5", "-2.5". */
static void tenths_text(int t, bool sign, char *buf, size_t len)
{
    const char *s = sign && t > 0 ? "+" : t < 0 ? "-" : "";
    int m = t < 0 ? -t : t;
    if (m % 10)
        snprintf(buf, len, "%s%d.%d", s, m / 10, m % 10);
    else
        snprintf(buf, len, "%s%d", s, m / 10);
}

void ui_history_component_lines(const struct book *b, size_t i, int x0, int width, bool ascii, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct health_model *m = &b->sc->model;
    if (a->nhist < 2)
        return; /* one snapshot: nothing has moved yet */
    int kw = 0;
    for (int c = 0; c < m->ncomp; c++) {
        int w = text_width(m->comp[c].label);
        kw = w > kw ? w : kw;
    }
    if (kw > 14)
        kw = 14;
    int nvals = a->nhist < HISTORY_VALUES ? a->nhist : HISTORY_VALUES;
    int room = width - x0 - kw - 1 - 2 - nvals * 6 - 8;
    if (room < 4)
        room = 4;
    if (room > 40)
        room = 40;
    int from = a->nhist > room ? a->nhist - room : 0;
    for (int c = 0; c < m->ncomp; c++) {
        struct ui_row *r = ui_lines_add(out);
        ui_row_init(r);
        int x = ui_row_add(r, x0, kw, false, CLR_DIM, m->comp[c].label) + 1;
        int first = SCORE_NONE, lastv = SCORE_NONE;
        for (int k = 0; k < a->nhist; k++) {
            int s = account_hist(a, k)[c];
            if (s == SCORE_NONE)
                continue;
            if (first == SCORE_NONE)
                first = s;
            lastv = s;
        }
        if (first == SCORE_NONE) {
            ui_row_add(r, x, -1, false, CLR_DIM, "no data in any snapshot");
            continue;
        }
        for (int k = from; k < a->nhist; k++) {
            int s = account_hist(a, k)[c];
            x = ui_row_add(r, x, 1, false, s == SCORE_NONE ? CLR_DIM : band_color(band_of_tenths(b->sc, s)),
                           ui_spark(s == SCORE_NONE ? -1 : s / 10, ascii));
        }
        x += 1;
        char buf[16];
        for (int k = a->nhist - nvals; k < a->nhist; k++) {
            int s = account_hist(a, k)[c];
            if (s == SCORE_NONE)
                snprintf(buf, sizeof buf, "%s", ascii ? "-" : "\xe2\x80\x94");
            else
                tenths_text(s, false, buf, sizeof buf);
            x = ui_row_add(r, x + 1, 5, true, s == SCORE_NONE ? CLR_DIM : CLR_NORMAL, buf);
        }
        int change = lastv - first;
        tenths_text(change, true, buf, sizeof buf);
        ui_row_add(r, x + 2, 6, true, change < 0 ? CLR_RED_BAND : change > 0 ? CLR_GREEN_BAND : CLR_DIM, buf);
    }
}
