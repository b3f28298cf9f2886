/* The renewals timeline without a terminal: who renews in which month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "csm/ui.h"

/* The timeline row of a renewal date: 0 overdue, 1..UI_MONTHS, -1 later. */
static int row_of(int as_of, int renewal)
{
    if (renewal < as_of)
        return 0;
    int y0, m0, d0, y, m, d;
    date_to_ymd(as_of, &y0, &m0, &d0);
    date_to_ymd(renewal, &y, &m, &d);
    int k = (y - y0) * 12 + (m - m0);
    return k < UI_MONTHS ? k + 1 : -1;
}

void ui_timeline_build(const struct book *b, int as_of, struct ui_timeline *t)
{
    memset(t, 0, sizeof *t);
    int y, m, d;
    date_to_ymd(as_of, &y, &m, &d);
    t->month[0] = DATE_NONE;
    for (int r = 1; r <= UI_MONTHS; r++) {
        t->month[r] = date_from_ymd(y, m, 1);
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    /* Count, then place: one allocation however large the book. */
    for (size_t i = 0; i < b->n; i++) {
        const struct account *a = &b->acc[i];
        if (a->renewal == DATE_NONE) {
            t->unknown++;
            continue;
        }
        int r = row_of(as_of, a->renewal);
        int64_t acv = a->acv_cents > 0 ? a->acv_cents : 0;
        if (r < 0) {
            t->later++;
            t->later_acv += acv;
            continue;
        }
        t->count[r]++;
        t->acv[r] += acv;
    }
    t->off[0] = 0;
    for (int r = 0; r <= UI_MONTHS; r++)
        t->off[r + 1] = t->off[r] + t->count[r];
    size_t total = t->off[UI_MONTHS + 1];
    t->idx = xmalloc((total ? total : 1) * sizeof *t->idx);
    size_t fill[UI_MONTHS + 1];
    for (int r = 0; r <= UI_MONTHS; r++)
        fill[r] = t->off[r];
    for (size_t i = 0; i < b->n; i++) {
        const struct account *a = &b->acc[i];
        if (a->renewal == DATE_NONE)
            continue;
        int r = row_of(as_of, a->renewal);
        if (r >= 0)
            t->idx[fill[r]++] = i;
    }
    /* Each row by renewal date, the larger ACV first, then by name. */
    struct ui_sort_key *keys = xmalloc((total ? total : 1) * sizeof *keys);
    for (size_t p = 0; p < total; p++)
        keys[p] = (struct ui_sort_key){b->acc[t->idx[p]].renewal, -b->acc[t->idx[p]].acv_cents, t->idx[p]};
    for (int r = 0; r <= UI_MONTHS; r++)
        ui_sort_keys(keys + t->off[r], t->count[r], b);
    for (size_t p = 0; p < total; p++)
        t->idx[p] = keys[p].i;
    free(keys);
}

void ui_timeline_free(struct ui_timeline *t)
{
    free(t->idx);
    t->idx = NULL;
}

void ui_timeline_row(const struct book *b, const struct ui_timeline *t, int r, size_t first, long sel, int width,
                     bool ascii, struct ui_row *out, size_t *shown)
{
    ui_row_init(out);
    *shown = 0;
    char label[16], due[40];
    if (r == 0) {
        snprintf(label, sizeof label, "overdue");
    } else {
        int y, m, d;
        date_to_ymd(t->month[r], &y, &m, &d);
        snprintf(label, sizeof label, "%04d-%02d", y, m);
    }
    int x = ui_row_add(out, 1, 8, false, r == 0 && t->count[0] ? CLR_RED_BAND : CLR_HEADER, label);
    x++;
    if (t->count[r]) {
        char money[32];
        money_format(t->acv[r] - t->acv[r] % 100, money, sizeof money);
        snprintf(due, sizeof due, "$%s", money);
    } else {
        snprintf(due, sizeof due, " ");
    }
    int due_w = text_width(due) > 12 ? text_width(due) : 12;
    int right = width - due_w - 1; /* the accounts end here */
    ui_row_add(out, right, due_w, true, t->count[r] ? CLR_NORMAL : CLR_DIM, due);
    if (!t->count[r]) {
        ui_row_add(out, x, 1, false, CLR_DIM, ascii ? "." : "\xc2\xb7");
        return;
    }
    size_t n = t->count[r];
    const size_t *idx = t->idx + t->off[r];
    if (first >= n)
        first = n - 1;
    if (first > 0)
        x = ui_row_add(out, x, 2, false, CLR_DIM, ascii ? "<" : "\xe2\x80\xb9");
    for (size_t k = first; k < n; k++) {
        const struct account *a = &b->acc[idx[k]];
        const struct verdict *v = &b->v[idx[k]];
        char name[64], acv[32] = "";
        text_fit(a->name, 24, false, name, sizeof name);
        /* text_fit pads: take the spaces off again for a compact entry. */
        size_t len = strlen(name);
        while (len > 0 && name[len - 1] == ' ')
            name[--len] = '\0';
        if (v->trend == TREND_DOWN && len + 4 < sizeof name)
            strcat(name, ascii ? "v" : "\xe2\x86\x93");
        if (a->acv_cents >= 0)
            money_format_short(a->acv_cents, acv, sizeof acv);
        int w = text_width(name) + (acv[0] ? 1 + text_width(acv) : 0);
        /* Keep room for "+N more" unless this is the last one. */
        char more[32] = "";
        if (k + 1 < n)
            snprintf(more, sizeof more, "  +%zu more", n - k - 1);
        int avail = right - 1 - x - text_width(more);
        if (w > avail && k > first) {
            snprintf(more, sizeof more, "+%zu more", n - k);
            ui_row_add(out, x, right - 1 - x, false, CLR_DIM, more);
            return;
        }
        int sel_bit = (long)k == sel ? UI_REVERSE : 0;
        int color = band_color(v->band) | sel_bit;
        if (w > avail) { /* the first one alone is too wide: cut it */
            char both[128];
            snprintf(both, sizeof both, "%s %s", name, acv);
            x = ui_row_add(out, x, avail > 6 ? avail : 6, false, color, both);
        } else {
            x = ui_row_add(out, x, -1, false, color, name);
            if (acv[0]) {
                x = ui_row_add(out, x, 1, false, CLR_NORMAL | sel_bit, " ");
                x = ui_row_add(out, x, -1, false, CLR_DIM | sel_bit, acv);
            }
        }
        (*shown)++;
        x += 2;
        if (x >= right - 1)
            break;
    }
}
