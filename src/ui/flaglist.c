/* The flags screen's columns without a terminal: who to save, grow and ask. */
#include <stdio.h>
#include <stdlib.h>

#include "csm/money.h"
#include "csm/text.h"
#include "csm/ui.h"

const char *ui_flag_title(int kind)
{
    switch (kind) {
    case FLAG_CHURN: return "Churn risks";
    case FLAG_EXPANSION: return "Expansion";
    case FLAG_ADVOCACY: return "Case study";
    default: return "";
    }
}

size_t ui_flag_list(const struct book *b, int kind, size_t **out)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (verdict_flag(&b->v[i], kind))
            n++;
    struct ui_sort_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct flag *f = verdict_flag(&b->v[i], kind);
        if (!f)
            continue;
        /* The most severe first, then the higher score (the risk), then the larger ACV. */
        int64_t acv = b->acc[i].acv_cents < (INT64_C(1) << 44) ? b->acc[i].acv_cents : (INT64_C(1) << 44) - 1;
        keys[k++] = (struct ui_sort_key){-(int64_t)f->severity, -(((int64_t)f->score << 44) + acv), i};
    }
    ui_sort_keys(keys, n, b);
    size_t *v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t p = 0; p < n; p++)
        v[p] = keys[p].i;
    free(keys);
    *out = v;
    return n;
}

void ui_flag_reasons(const struct book *b, size_t i, const struct flag *f, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    int reasons[R_COUNT], nr = flag_reasons(f, reasons);
    for (int k = 0; k < nr && o < len; k++) {
        char one[256];
        flag_reason_text(b->sc, &b->acc[i], &b->v[i], reasons[k], one, sizeof one);
        o += (size_t)snprintf(buf + o, len - o, "%s%s", k ? "; " : "", one);
    }
}

/* A churn risk reads as a warning; an opportunity as good news. */
static int severity_color(int kind, int sev)
{
    if (kind != FLAG_CHURN)
        return sev == SEV_LOW ? CLR_DIM : CLR_GREEN_BAND;
    return sev == SEV_HIGH ? CLR_RED_BAND : sev == SEV_MEDIUM ? CLR_AMBER_BAND : CLR_DIM;
}

void ui_flag_entry(const struct book *b, size_t i, int kind, int width, bool ascii, struct ui_row *first,
                   struct ui_row *second)
{
    static const char *const mark[FLAG_KINDS] = {"\xe2\x96\xb2", "\xe2\x86\x97", "\xe2\x98\x85"};
    static const char *const mark_ascii[FLAG_KINDS] = {"!", "+", "*"};
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct flag *f = verdict_flag(v, kind);
    ui_row_init(first);
    ui_row_init(second);
    if (!f || width < 8)
        return;
    char acv[32] = "";
    if (a->acv_cents >= 0)
        money_format_short(a->acv_cents, acv, sizeof acv);
    int sev_color = severity_color(kind, f->severity);
    int x = ui_row_add(first, 0, 2, false, sev_color, ascii ? mark_ascii[kind] : mark[kind]);
    int acv_w = acv[0] ? text_width(acv) + 1 : 0;
    /* A narrow column keeps the name readable: the severity moves to the
     * second row (its colour stays on the marker). */
    bool sev_below = width - x - 7 - acv_w < 10;
    if (!sev_below)
        x = ui_row_add(first, x, 7, false, sev_color, severity_name(f->severity));
    int name_w = width - x - acv_w;
    if (name_w > 0)
        x = ui_row_add(first, x, name_w, false, band_color(v->band), a->name);
    if (acv[0])
        ui_row_add(first, x, acv_w, true, CLR_NORMAL, acv);
    /* Every reason, as many as the width shows: a wide terminal reads them all. */
    char text[1024];
    size_t o = 0;
    text[0] = '\0';
    if (sev_below)
        o = (size_t)snprintf(text, sizeof text, "%s: ", severity_name(f->severity));
    ui_flag_reasons(b, i, f, text + o, sizeof text - o);
    if (text[0])
        ui_row_add(second, 2, width - 2, false, CLR_DIM, text);
}
