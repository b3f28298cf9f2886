/* The account screen without a terminal: one account explained, as rows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "csm/ui.h"

#define LABEL_X 1
#define TEXT_X 13 /* where the text after a label starts */

void ui_bar(int tenths, bool ascii, char *buf, size_t len)
{
    static const char *const part[8] = {"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
                                        "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"};
    size_t o = 0;
    buf[0] = '\0';
    if (tenths < 0)
        return;
    if (tenths > 1000)
        tenths = 1000;
    int eighths = tenths * 8 / 100; /* 10 cells of 8 eighths for 0..100 */
    for (int k = 0; k < eighths / 8 && o + 4 < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s", ascii ? "#" : "\xe2\x96\x88");
    if (eighths % 8 && o + 4 < len)
        snprintf(buf + o, len - o, "%s", ascii ? (eighths % 8 >= 4 ? "+" : "") : part[eighths % 8]);
}

const char *ui_spark(int health, bool ascii)
{
    static const char *const spark[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
                                         "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
    static const char *const plain[8] = {"_", ".", ",", ":", "-", "=", "+", "#"};
    if (health < 0)
        return " ";
    if (health > 100)
        health = 100;
    return ascii ? plain[health * 7 / 100] : spark[health * 7 / 100];
}

static void score_text(int tenths, const char *dash, char *buf, size_t len)
{
    if (tenths == SCORE_NONE)
        snprintf(buf, len, "%s", dash);
    else if (tenths % 10)
        snprintf(buf, len, "%d.%d", tenths / 10, tenths % 10);
    else
        snprintf(buf, len, "%d", tenths / 10);
}

/* The row being filled is always the last one. */
static struct ui_row *last(struct ui_lines *l) { return &l->row[l->n - 1]; }

/* A new row with a label in the left margin. */
static int labelled(struct ui_lines *l, const char *label)
{
    struct ui_row *r = ui_lines_add(l);
    if (label)
        ui_row_add(r, LABEL_X, TEXT_X - LABEL_X - 1, false, CLR_HEADER, label);
    return TEXT_X;
}

/* Flows text onto the last row from column *x, going on at `indent` on new
 * rows where it does not fit. */
static void flow(struct ui_lines *l, int *x, int indent, int width, int color, const char *text)
{
    size_t off = 0, n = strlen(text);
    while (off < n) {
        int room = width - *x;
        if (room < 8 && *x > indent) {
            ui_lines_add(l);
            *x = indent;
            room = width - indent;
        }
        size_t next, len = ui_wrap(text + off, room, &next);
        char piece[1024];
        if (len >= sizeof piece)
            len = sizeof piece - 1;
        memcpy(piece, text + off, len);
        piece[len] = '\0';
        *x = ui_row_add(last(l), *x, -1, false, color, piece);
        off += next;
        if (off < n) {
            ui_lines_add(l);
            *x = indent;
        }
    }
}

/* Places an item that is never broken: "NPS 9". */
static void item(struct ui_lines *l, int *x, int width, const char *key, const char *value, int color)
{
    int w = text_width(key) + 1 + text_width(value);
    if (*x > TEXT_X && *x + 3 + w > width) {
        ui_lines_add(l);
        *x = TEXT_X;
    } else if (*x > TEXT_X) {
        *x += 3;
    }
    *x = ui_row_add(last(l), *x, -1, false, CLR_DIM, key);
    *x = ui_row_add(last(l), *x + 1, -1, false, color, value);
}

static void header_lines(const struct book *b, size_t i, int width, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    char buf[256], money[32], date[11];
    struct ui_row *r = ui_lines_add(out);
    int x = ui_row_add(r, LABEL_X, -1, false, CLR_ACCENT, a->name);
    if (a->acv_cents >= 0)
        money_format(a->acv_cents, money, sizeof money);
    else
        snprintf(money, sizeof money, "unknown");
    snprintf(buf, sizeof buf, "%s%s   ACV $%s   ", v->segment >= 0 ? segment_name(v->segment) : "segment unknown",
             a->segment == SEG_NONE && v->segment >= 0 ? " (from ACV)" : "", money);
    x = TEXT_X > x + 3 ? TEXT_X : x + 3;
    flow(out, &x, TEXT_X, width, CLR_NORMAL, buf);
    if (a->term_years >= 0)
        snprintf(buf, sizeof buf, "customer for %d year%s", a->term_years, a->term_years == 1 ? "" : "s");
    else
        snprintf(buf, sizeof buf, "customer for an unknown time");
    flow(out, &x, TEXT_X, width, CLR_NORMAL, buf);

    x = labelled(out, "Renewal");
    if (a->renewal != DATE_NONE) {
        char when[32];
        date_format(a->renewal, date);
        renewal_phrase(v, when, sizeof when); /* "in 20 days", "in 8 weeks", "in 3 months" */
        snprintf(buf, sizeof buf, "%s, %s", date, when);
        x = ui_row_add(last(out), x, -1, false, band_color(v->months_band), buf);
        snprintf(buf, sizeof buf, "  (%s)", v->months < 0 ? "overdue" : band_name(v->months_band));
        ui_row_add(last(out), x, -1, false, CLR_DIM, buf);
    } else {
        ui_row_add(last(out), x, -1, false, CLR_DIM, "unknown");
    }
}

static void health_lines(const struct book *b, size_t i, int width, bool ascii, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct scoring *sc = b->sc;
    const char *dash = ascii ? "-" : "\xe2\x80\x94";
    static const char *const arrow[] = {"\xe2\x86\x93", "\xe2\x86\x92", "\xe2\x86\x91"};
    char buf[512];
    struct health h;
    health_compute(sc, a->score, &h);

    int x = labelled(out, "Health");
    if (v->health >= 0) {
        snprintf(buf, sizeof buf, "%d %s", v->health, band_name(v->band));
        x = ui_row_add(last(out), x, -1, false, band_color(v->band), buf);
    } else {
        x = ui_row_add(last(out), x, -1, false, CLR_DIM, "unknown: no component has data");
    }
    snprintf(buf, sizeof buf, "%s %s", ascii ? "" : arrow[v->trend], trend_name(v->trend));
    x = ui_row_add(last(out), x + 3, -1, false, band_color(v->trend), ascii ? buf + 1 : buf);
    snprintf(buf, sizeof buf, " (%s)",
             a->trend != TREND_NONE ? "from the export" : v->trend_from_history ? "from the snapshot history"
                                                                                  : "no history yet");
    flow(out, &x, TEXT_X, width, CLR_DIM, buf);

    x = labelled(out, NULL);
    snprintf(buf, sizeof buf, "model '%s', based on %d%% of its weight", sc->model.name, v->coverage_pct);
    flow(out, &x, TEXT_X, width, CLR_NORMAL, buf);
    if (v->low_coverage) {
        x += 1;
        flow(out, &x, TEXT_X, width, CLR_RED_BAND, "LOW COVERAGE: below the configured minimum");
    }
    /* Say what was missing: that is why the weights moved. */
    char missing[256] = "";
    size_t o = 0;
    for (int c = 0; c < sc->model.ncomp && o < sizeof missing; c++)
        if (a->score[c] == SCORE_NONE)
            o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", sc->model.comp[c].key);
    if (o) {
        snprintf(buf, sizeof buf, "no data: %s", missing);
        x = labelled(out, NULL);
        flow(out, &x, TEXT_X, width, CLR_DIM, buf);
    }

    /* The components: score, bar, weight, the share used, the points added. */
    int name_w = 14;
    for (int c = 0; c < sc->model.ncomp; c++) {
        int w = text_width(sc->model.comp[c].label);
        if (w > name_w && w <= 24)
            name_w = w;
    }
    x = labelled(out, NULL);
    x = ui_row_add(last(out), x, name_w, false, CLR_DIM, "component");
    x = ui_row_add(last(out), x + 1, 7, true, CLR_DIM, "score");
    x = ui_row_add(last(out), x + 2, 10, false, CLR_DIM, "");
    x = ui_row_add(last(out), x + 1, 16, true, CLR_DIM, "weight -> used");
    ui_row_add(last(out), x + 1, 11, true, CLR_DIM, "contributes");
    for (int c = 0; c < sc->model.ncomp; c++) {
        const struct component *comp = &sc->model.comp[c];
        int s = a->score[c];
        char score[16], bar[64], weights[48], adds[24];
        score_text(s, dash, score, sizeof score);
        int color = s == SCORE_NONE ? CLR_DIM : band_color(band_of_tenths(sc, s));
        char share[16], fitted[32];
        if (s == SCORE_NONE) {
            snprintf(bar, sizeof bar, "no data");
            snprintf(share, sizeof share, "%s", dash);
            snprintf(adds, sizeof adds, "%s", dash);
        } else {
            ui_bar(s, ascii, bar, sizeof bar);
            snprintf(share, sizeof share, "%.1f%%", h.share[c]);
            snprintf(adds, sizeof adds, "%.1f", h.contribution[c]);
        }
        /* The arrows one under the other, whatever is missing. */
        text_fit(share, text_width(share) > 5 ? text_width(share) : 5, true, fitted, sizeof fitted);
        snprintf(weights, sizeof weights, "%.1f%% -> %s", comp->weight, fitted);
        x = labelled(out, NULL);
        x = ui_row_add(last(out), x, name_w, false, s == SCORE_NONE ? CLR_DIM : CLR_NORMAL, comp->label);
        x = ui_row_add(last(out), x + 1, 7, true, color, score);
        x = ui_row_add(last(out), x + 2, 10, false, s == SCORE_NONE ? CLR_DIM : color, bar);
        x = ui_row_add(last(out), x + 1, 16, true, s == SCORE_NONE ? CLR_DIM : CLR_NORMAL, weights);
        ui_row_add(last(out), x + 1, 11, true, s == SCORE_NONE ? CLR_DIM : CLR_NORMAL, adds);
    }
    if (v->health >= 0) {
        x = labelled(out, NULL);
        snprintf(buf, sizeof buf, "health %.2f -> %d (rounded half up)", h.exact, v->health);
        /* Under the contributions, ending where they end. */
        int end = TEXT_X + name_w + 1 + 7 + 2 + 10 + 1 + 16 + 1 + 11;
        int w = text_width(buf);
        int at = end - w > TEXT_X ? end - w : TEXT_X;
        flow(out, &at, TEXT_X, width, band_color(v->band), buf);
    }
    x = labelled(out, NULL);
    snprintf(buf, sizeof buf, "bands: red 0-%d, amber %d-%d, green %d-100; months: red 0-%d, amber %d-%d, green %d+",
             sc->score_bands.red_max, sc->score_bands.red_max + 1, sc->score_bands.amber_max,
             sc->score_bands.amber_max + 1, sc->month_bands.red_max, sc->month_bands.red_max + 1,
             sc->month_bands.amber_max, sc->month_bands.amber_max + 1);
    flow(out, &x, TEXT_X, width, CLR_DIM, buf);
    if (a->reported_health != SCORE_NONE) {
        char said[16];
        score_text(a->reported_health, dash, said, sizeof said);
        snprintf(buf, sizeof buf, "the export said %s", said);
        x = labelled(out, NULL);
        flow(out, &x, TEXT_X, width, CLR_DIM, buf);
    }
}

static void history_lines(const struct book *b, size_t i, int width, bool ascii, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct scoring *sc = b->sc;
    char buf[256];
    int x = labelled(out, "History");
    if (!a->nhist) {
        ui_row_add(last(out), x, -1, false, CLR_DIM, "no snapshots");
        return;
    }
    /* The newest snapshots that fit, each mark coloured by its band. */
    int room = width - x - 44;
    if (room < 8)
        room = 8;
    if (room > 40)
        room = 40;
    int from = a->nhist > room ? a->nhist - room : 0;
    for (int k = from; k < a->nhist; k++) {
        int hv = health_compute(sc, account_hist(a, k), NULL);
        x = ui_row_add(last(out), x, 1, false, hv < 0 ? CLR_DIM : band_color(band_of_score(sc, hv)), ui_spark(hv, ascii));
    }
    char d0[11], d1[11];
    date_format(a->hist_day[0], d0);
    date_format(a->hist_day[a->nhist - 1], d1);
    size_t o = (size_t)snprintf(buf, sizeof buf, "%d snapshot%s, %s .. %s:", a->nhist, a->nhist == 1 ? "" : "s", d0, d1);
    for (int k = a->nhist > 8 ? a->nhist - 8 : 0; k < a->nhist && o < sizeof buf; k++) {
        int hv = health_compute(sc, account_hist(a, k), NULL);
        if (hv < 0)
            o += (size_t)snprintf(buf + o, sizeof buf - o, " -");
        else
            o += (size_t)snprintf(buf + o, sizeof buf - o, " %d", hv);
    }
    x += 2;
    flow(out, &x, TEXT_X, width, CLR_NORMAL, buf);
    ui_history_component_lines(b, i, TEXT_X, width, ascii, out);
}

static void flag_lines(const struct book *b, size_t i, int width, bool ascii, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    static const char *const mark[FLAG_KINDS] = {"\xe2\x96\xb2 ", "\xe2\x86\x97 ", "\xe2\x98\x85 "};
    char head[64], reason[256];
    int x = labelled(out, "Flags");
    if (!v->nflags) {
        ui_row_add(last(out), x, -1, false, CLR_DIM, "none");
        return;
    }
    for (int k = 0; k < v->nflags; k++) {
        const struct flag *f = &v->flag[k];
        if (k)
            x = labelled(out, NULL);
        snprintf(head, sizeof head, "%s%s (%s):", ascii ? "" : mark[f->kind], flag_kind_name(f->kind),
                 severity_name(f->severity));
        x = ui_row_add(last(out), x, -1, false, f->kind == FLAG_CHURN ? CLR_RED_BAND : CLR_GREEN_BAND, head);
        int list[R_COUNT], nr = flag_reasons(f, list);
        for (int r = 0; r < nr; r++) {
            flag_reason_text(b->sc, a, v, list[r], reason, sizeof reason);
            char piece[300];
            snprintf(piece, sizeof piece, " %s%s", reason, r + 1 < nr ? ";" : "");
            flow(out, &x, TEXT_X + 2, width, CLR_NORMAL, piece);
        }
    }
}

/* The churn risk's parts, and why the account is not a target or a
 * candidate: the first readiness rule it fails. */
static void risk_lines(const struct book *b, size_t i, int width, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct scoring *sc = b->sc;
    char buf[320], reason[256];
    struct risk_parts rp;
    if (risk_explain(sc, a, v, &b->ctx, &rp)) {
        const struct flag *f = verdict_flag(v, FLAG_CHURN);
        char when[32];
        renewal_phrase(v, when, sizeof when);
        int x = labelled(out, "Risk");
        snprintf(buf, sizeof buf, "%d (%s)", f->score, severity_name(f->severity));
        x = ui_row_add(last(out), x, -1, false, f->severity == SEV_HIGH ? CLR_RED_BAND : CLR_AMBER_BAND, buf);
        snprintf(buf, sizeof buf, " = signals %d x renewal %s %d%% x ACV at stake %d%% (high from %d)", rp.counted,
                 when, rp.urgency_pct, rp.stake_pct, sc->flags.risk_high_from);
        flow(out, &x, TEXT_X, width, CLR_DIM, buf);
        for (int k = 0; k < rp.n; k++) {
            if (!rp.points[k])
                continue;
            x = labelled(out, NULL);
            flag_reason_text(sc, a, v, rp.reason[k], reason, sizeof reason);
            snprintf(buf, sizeof buf, "%4d  %s", rp.points[k], reason);
            flow(out, &x, TEXT_X + 6, width, CLR_NORMAL, buf);
        }
    }
    static const char *const what[FLAG_KINDS] = {NULL, "not an expansion target: ", "not a case-study candidate: "};
    bool first = true;
    for (int kind = FLAG_EXPANSION; kind <= FLAG_ADVOCACY; kind++) {
        if (!why_not_text(sc, a, v, kind, reason, sizeof reason))
            continue;
        int x = labelled(out, first ? "Why not" : NULL);
        first = false;
        snprintf(buf, sizeof buf, "%s%s", what[kind], reason);
        flow(out, &x, TEXT_X + 2, width, CLR_DIM, buf);
    }
}

static void attribute_lines(const struct book *b, size_t i, int width, bool ascii, struct ui_lines *out)
{
    const struct account *a = &b->acc[i];
    const char *dash = ascii ? "-" : "\xe2\x80\x94";
    char buf[256], date[11];
    int x = labelled(out, "Attributes");
    if (a->nps >= 0)
        snprintf(buf, sizeof buf, "%d", a->nps);
    else
        snprintf(buf, sizeof buf, "%s", dash);
    item(out, &x, width, "NPS", buf, CLR_NORMAL);
    item(out, &x, width, "MSA restricted",
         a->msa_restricted == TRI_UNKNOWN ? dash : a->msa_restricted ? "yes" : "no", CLR_NORMAL);
    item(out, &x, width, "anonymised OK",
         a->anonymized_ok == TRI_UNKNOWN ? dash : a->anonymized_ok ? "yes" : "no", CLR_NORMAL);
    item(out, &x, width, "pulse", a->pulse == BAND_NONE ? dash : band_name(a->pulse),
         a->pulse == BAND_NONE ? CLR_NORMAL : band_color(a->pulse));
    x = labelled(out, NULL);
    if (!isnan(a->kpi_baseline) || !isnan(a->kpi_current)) {
        char b0[32], b1[32];
        if (isnan(a->kpi_baseline))
            snprintf(b0, sizeof b0, "%s", dash);
        else
            snprintf(b0, sizeof b0, "%g", a->kpi_baseline);
        if (isnan(a->kpi_current))
            snprintf(b1, sizeof b1, "%s", dash);
        else
            snprintf(b1, sizeof b1, "%g", a->kpi_current);
        snprintf(buf, sizeof buf, "%s -> %s", b0, b1);
    } else {
        snprintf(buf, sizeof buf, "%s", dash);
    }
    item(out, &x, width, "KPI", buf, CLR_NORMAL);
    if (a->last_advocacy_ask != DATE_NONE)
        date_format(a->last_advocacy_ask, date);
    item(out, &x, width, "last advocacy ask", a->last_advocacy_ask != DATE_NONE ? date : dash, CLR_NORMAL);
    text_fit(a->owner ? a->owner : dash, 40, false, buf, sizeof buf);
    item(out, &x, width, "owner", text_fold_space(buf), CLR_NORMAL);
    text_fit(a->external_id ? a->external_id : dash, 40, false, buf, sizeof buf);
    item(out, &x, width, "external id", text_fold_space(buf), CLR_NORMAL);
}

static void note_lines(const struct note *notes, size_t nnotes, int width, struct ui_lines *out)
{
    int x = labelled(out, "Notes");
    if (!nnotes) {
        char key[16], hint[64];
        snprintf(hint, sizeof hint, "none yet (%s adds one)", ui_action_key(A_NOTE, key, sizeof key));
        ui_row_add(last(out), x, -1, false, CLR_DIM, hint);
        return;
    }
    /* The newest first: that is what a CSM reads before a call. */
    for (size_t k = nnotes; k-- > 0;) {
        char date[11];
        if (k + 1 < nnotes)
            x = labelled(out, NULL);
        date_format(notes[k].day, date);
        x = ui_row_add(last(out), x, -1, false, CLR_DIM, date);
        x += 2;
        char body[1024];
        text_safe(notes[k].body, body, sizeof body);
        flow(out, &x, TEXT_X + 12, width, CLR_NORMAL, body);
    }
}

void ui_account_lines(const struct book *b, size_t i, const struct note *notes, size_t nnotes, int width,
                      bool ascii, struct ui_lines *out)
{
    out->n = 0;
    if (width < 40)
        width = 40;
    header_lines(b, i, width, out);
    health_lines(b, i, width, ascii, out);
    history_lines(b, i, width, ascii, out);
    flag_lines(b, i, width, ascii, out);
    risk_lines(b, i, width, out);
    attribute_lines(b, i, width, ascii, out);
    note_lines(notes, nnotes, width, out);
}
