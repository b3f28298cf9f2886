/* The portfolio's columns: one table entry per column, read by the
 * interface's table and by csm list (table, CSV and JSON), and the fields
 * list writes, each with how to get its value. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "csm/book.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/prefetch.h"
#include "csm/text.h"

/* ---- the fields: what csm list writes, in CSV and JSON ---- */

static void put_int(struct book_value *o, bool known, long long v)
{
    o->type = known ? BV_INT : BV_NULL;
    o->i = v;
}

static void put_typed(struct book_value *o, int type, bool known, long long v)
{
    o->type = known ? type : BV_NULL;
    o->i = v;
}

static void put_str(struct book_value *o, int type, const char *s)
{
    o->type = s ? type : BV_NULL;
    o->s = s;
}

static void put_tri(struct book_value *o, int v) { put_typed(o, BV_BOOL, v != TRI_UNKNOWN, v == TRI_YES); }

static void put_real(struct book_value *o, double v)
{
    o->type = isnan(v) ? BV_NULL : BV_REAL;
    o->r = v;
}

#define ACC (&b->acc[i])
#define VER (&b->v[i])

static void field_name(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_TEXT, ACC->name);
}

static void field_segment(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_WORD, segment_name(VER->segment));
}

static void field_acv(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_CENTS, ACC->acv_cents >= 0, ACC->acv_cents);
}

static void field_term(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_int(o, ACC->term_years >= 0, ACC->term_years);
}

static void field_renewal_date(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_DATE, ACC->renewal != DATE_NONE, ACC->renewal);
}

static void field_months(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_int(o, VER->months != MONTHS_UNKNOWN, VER->months);
}

static void field_trend(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_WORD, trend_name(VER->trend));
}

static void field_health(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_int(o, VER->health >= 0, VER->health);
}

static void field_band(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_WORD, band_name(VER->band));
}

static void field_component(const struct book *b, size_t i, int comp, struct book_value *o)
{
    put_typed(o, BV_TENTHS, ACC->score[comp] != SCORE_NONE, ACC->score[comp]);
}

static void field_flags(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    o->type = BV_WORDS;
    o->n = 0;
    for (int k = 0; k < VER->nflags && k < FLAG_KINDS; k++)
        o->w[o->n++] = flag_kind_name(VER->flag[k].kind);
}

static void field_external_id(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_TEXT, ACC->external_id);
}

static void field_owner(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_TEXT, ACC->owner);
}

static void field_nps(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_int(o, ACC->nps >= 0, ACC->nps);
}

static void field_msa(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_tri(o, ACC->msa_restricted);
}

static void field_anonymized(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_tri(o, ACC->anonymized_ok);
}

static void field_kpi_baseline(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_real(o, ACC->kpi_baseline);
}

static void field_kpi_current(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_real(o, ACC->kpi_current);
}

static void field_ask(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_DATE, ACC->last_advocacy_ask != DATE_NONE, ACC->last_advocacy_ask);
}

static void field_pulse(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_str(o, BV_WORD, band_name(ACC->pulse));
}

static void field_coverage(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_int(o, true, VER->coverage_pct);
}

static void field_low_coverage(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_BOOL, true, VER->low_coverage);
}

static void field_reported(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_TENTHS, ACC->reported_health != SCORE_NONE, ACC->reported_health);
}

static void field_snapshot(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_DATE, ACC->snapshot_day != DATE_NONE, ACC->snapshot_day);
}

static void field_stale(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_BOOL, true, book_stale(b, i));
}

static void field_last_touch(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_DATE, ACC->last_touch != DATE_NONE, ACC->last_touch);
}

static void field_touch_due(const struct book *b, size_t i, int comp, struct book_value *o)
{
    (void)comp;
    put_typed(o, BV_BOOL, true, VER->touch_due);
}

const struct book_field book_fields[BF_COUNT] = {
#define BOOK_FIELD_ENTRY(id, key, type, fn) [BF_##id] = {key, type, field_##fn},
    BOOK_FIELDS(BOOK_FIELD_ENTRY)
#undef BOOK_FIELD_ENTRY
};

void book_value(const struct book *b, size_t i, int f, int comp, struct book_value *out)
{
    book_fields[f].value(b, i, comp, out);
}

const char *book_field_key(const struct book *b, int f, int comp)
{
    return f == BF_COMPONENT ? b->sc->model.comp[comp].key : book_fields[f].key;
}

/* ---- the cells: what the table shows ---- */

static void dash(bool ascii, struct cell *out) { snprintf(out->text, sizeof out->text, "%s", ascii ? "-" : "\xe2\x80\x94"); }

static void c_name(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    (void)ascii;
    text_safe(ACC->name, out->text, sizeof out->text);
}

static void c_segment(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    static const char *const seg[] = {"SMB", "MM", "ENT"};
    if (VER->segment >= 0)
        snprintf(out->text, sizeof out->text, "%s", seg[VER->segment]);
    else
        dash(ascii, out);
    out->color = CLR_DIM;
}

static void c_term(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->term_years >= 0)
        snprintf(out->text, sizeof out->text, "%d", ACC->term_years);
    else
        dash(ascii, out);
}

static void c_acv(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->acv_cents >= 0)
        money_format(ACC->acv_cents - ACC->acv_cents % 100, out->text, sizeof out->text);
    else
        dash(ascii, out);
}

/* When the renewal is, as renewal_phrase says it, in six columns: days up
 * to a month, weeks up to two months, then months ("20 d", "8 wk", "3 mo"),
 * so that a renewal next month never reads as "0 mo". */
static void c_renewal(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    int days = VER->days;
    if (VER->months == MONTHS_UNKNOWN)
        dash(ascii, out);
    else if (days < 0)
        snprintf(out->text, sizeof out->text, "past");
    else if (days == 0)
        snprintf(out->text, sizeof out->text, "today");
    else if (days <= 31)
        snprintf(out->text, sizeof out->text, "%d d", days);
    else if (days < 60)
        snprintf(out->text, sizeof out->text, "%d wk", (days + 3) / 7);
    else
        snprintf(out->text, sizeof out->text, "%d mo", renewal_months_said(VER));
    out->color = band_color(VER->months_band);
}

static void c_trend(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    static const char *const arrow[] = {"\xe2\x86\x93", "\xe2\x86\x92", "\xe2\x86\x91"};
    static const char *const word[] = {"down", "level", "up"};
    snprintf(out->text, sizeof out->text, "%s", ascii ? word[VER->trend] : arrow[VER->trend]);
    /* The dashboard colours a trend like a band: down red, level amber, up green. */
    out->color = band_color(VER->trend);
}

static void c_health(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (VER->health >= 0)
        snprintf(out->text, sizeof out->text, "%s%d", VER->low_coverage ? "~" : "", VER->health);
    else
        dash(ascii, out);
    out->color = band_color(VER->band);
}

static void c_component(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    int s = ACC->score[comp];
    if (s == SCORE_NONE) {
        dash(ascii, out);
        out->color = CLR_DIM;
        return;
    }
    if (s % 10)
        snprintf(out->text, sizeof out->text, "%d.%d", s / 10, s % 10);
    else
        snprintf(out->text, sizeof out->text, "%d", s / 10);
    out->color = band_color(band_of_tenths(b->sc, s));
}

static void c_owner(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->owner && ACC->owner[0])
        text_safe(ACC->owner, out->text, sizeof out->text);
    else
        dash(ascii, out);
}

/* Promoters (9-10) green, passives (7-8) amber, detractors red, as NPS
 * reads them. */
static void c_nps(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->nps < 0) {
        dash(ascii, out);
        out->color = CLR_DIM;
        return;
    }
    snprintf(out->text, sizeof out->text, "%d", ACC->nps);
    out->color = ACC->nps >= 9 ? CLR_GREEN_BAND : ACC->nps >= 7 ? CLR_AMBER_BAND : CLR_RED_BAND;
}

/* How much of the model the health rests on: dim when enough, amber when
 * the health is low-coverage ("~" before it). */
static void c_coverage(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    (void)ascii;
    snprintf(out->text, sizeof out->text, "%d%%", VER->coverage_pct);
    out->color = VER->low_coverage ? CLR_AMBER_BAND : CLR_DIM;
}

/* The last touch (a note or a done activity), amber when the segment's
 * cadence has run out since; a dash for none. */
static void c_touch(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->last_touch == DATE_NONE)
        dash(ascii, out);
    else
        date_format(ACC->last_touch, out->text);
    out->color = VER->touch_due ? CLR_AMBER_BAND : CLR_NORMAL;
}

static void c_renewal_date(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (ACC->renewal == DATE_NONE) {
        dash(ascii, out);
        return;
    }
    char day[11];
    date_format(ACC->renewal, day);
    snprintf(out->text, sizeof out->text, "%s", day);
    out->color = band_color(VER->months_band);
}

static void c_flags(const struct book *b, size_t i, int comp, bool ascii, struct cell *out)
{
    (void)comp;
    if (b->partial) /* not known until the whole book is read */
        return;
    book_flag_markers(VER, ascii, out->text, sizeof out->text);
    out->color = verdict_flag(VER, FLAG_CHURN) ? CLR_RED_BAND : VER->nflags ? CLR_GREEN_BAND : CLR_NORMAL;
    /* Its scores are old news: said beside the flags they drive. */
    if (book_stale(b, i)) {
        size_t o = strlen(out->text);
        snprintf(out->text + o, sizeof out->text - o, "%sstale", o ? " " : "");
        if (!VER->nflags)
            out->color = CLR_DIM;
    }
}

/* ---- the sort keys that are not the first field's value ---- */

static void k_segment(const struct book *b, size_t i, int comp, int64_t key[2])
{
    (void)comp;
    key[0] = VER->segment;
}

/* By the date itself, not the months to it; an unknown date after every
 * known one (it is no more urgent than the furthest). */
static void k_renewal(const struct book *b, size_t i, int comp, int64_t key[2])
{
    (void)comp;
    key[0] = ACC->renewal == DATE_NONE ? INT64_MAX : ACC->renewal;
}

static void k_trend(const struct book *b, size_t i, int comp, int64_t key[2])
{
    (void)comp;
    key[0] = VER->trend;
}

/* Risk first: churn severity, then its risk score, then any other flag,
 * then the ACV at stake. */
static void k_flags(const struct book *b, size_t i, int comp, int64_t key[2])
{
    (void)comp;
    const struct flag *f = verdict_flag(VER, FLAG_CHURN);
    int64_t acv = ACC->acv_cents < (INT64_C(1) << 44) ? ACC->acv_cents : (INT64_C(1) << 44) - 1;
    key[0] = f ? 10 + f->severity : VER->nflags > 0;
    key[1] = (f ? (int64_t)f->score << 44 : 0) + acv;
}

#undef ACC
#undef VER

/* ---- the table ---- */

#define NONE BF_NONE

static const struct book_col_def col_defs[] = {
    {.title = "Client", .width = 18, .min = 11, .want = 20, .max = 30, .fit = BCW_FILL, .keep = true, .cell = c_name,
     .fields = {BF_NAME, NONE}},
    {.title = "Seg", .width = 3, .keep = true, .cell = c_segment, .key = k_segment, .fields = {BF_SEGMENT, NONE}},
    {.title = "Term", .width = 4, .right = true, .cell = c_term, .fields = {BF_TERM, NONE}},
    /* Money reads best largest first. */
    {.title = "ACV", .width = 8, .right = true, .desc = true, .cell = c_acv, .fields = {BF_ACV, NONE}},
    {.title = "Renews", .width = 6, .right = true, .cell = c_renewal, .key = k_renewal,
     .fields = {BF_RENEWAL_DATE, BF_MONTHS}},
    {.title = "Trend", .width = 5, .cell = c_trend, .key = k_trend, .fields = {BF_TREND, NONE}},
    {.title = "Health", .width = 6, .right = true, .cell = c_health, .fields = {BF_HEALTH, BF_BAND}},
    /* Short titles keep the table within 80 columns: "Product" -> "Prod". */
    {.title = NULL, .width = 4, .right = true, .per_component = true, .cell = c_component,
     .fields = {BF_COMPONENT, NONE}},
    /* Who owns it, what the customer says, what the health rests on and
     * the renewal's day: `wide`, shown only where the name keeps twenty
     * columns besides. Columns go from the right (Flags and the name
     * kept), so these go first, the renewal date first of all, then the
     * components once the name is down to its least. */
    {.title = "Owner", .width = 12, .wide = true, .cell = c_owner, .fields = {BF_OWNER, NONE}},
    {.title = "NPS", .width = 3, .right = true, .desc = true, .wide = true, .cell = c_nps, .fields = {BF_NPS, NONE}},
    {.title = "Cov", .width = 4, .right = true, .wide = true, .cell = c_coverage, .fields = {BF_COVERAGE, NONE}},
    /* list writes the date with Renews (renewal_date): nothing more here. */
    {.title = "Renewal", .width = 10, .wide = true, .cell = c_renewal_date, .key = k_renewal,
     .fields = {NONE, NONE}},
    /* When the CSM last touched it (issue 15.11): the first of all to go. */
    {.title = "Touched", .width = 10, .wide = true, .cell = c_touch, .fields = {BF_LAST_TOUCH, BF_TOUCH_DUE}},
    /* The riskiest first, and the portfolio opens so. */
    {.title = "Flags", .width = 7, .min = 7, .fit = BCW_REST, .desc = true, .keep = true, .initial = true,
     .cell = c_flags, .key = k_flags, .fields = {BF_FLAGS, BF_STALE}},
};

#define NDEFS ((int)(sizeof col_defs / sizeof col_defs[0]))
_Static_assert(sizeof col_defs / sizeof col_defs[0] - 1 + MODEL_MAX_COMPONENTS <= BOOK_MAX_COLS,
               "BOOK_MAX_COLS holds every column of the largest model");

int book_columns(const struct scoring *sc, struct book_col *cols)
{
    int n = 0;
    for (int d = 0; d < NDEFS; d++) {
        const struct book_col_def *def = &col_defs[d];
        for (int c = 0; c < (def->per_component ? sc->model.ncomp : 1); c++) {
            struct book_col *col = &cols[n++];
            col->def = def;
            col->comp = c;
            if (def->title)
                snprintf(col->title, sizeof col->title, "%s", def->title);
            else
                snprintf(col->title, sizeof col->title, "%.4s", sc->model.comp[c].label);
        }
    }
    return n;
}

void book_cell(const struct book *b, size_t i, const struct book_col *col, bool ascii, struct cell *out)
{
    out->color = CLR_NORMAL;
    out->text[0] = '\0';
    col->def->cell(b, i, col->comp, ascii, out);
}

/* The first sixteen bytes of the natural order (text_natural_key), as two
 * numbers: unsigned order carried into signed. */
void book_key_text(const char *s, int64_t key[2])
{
    unsigned char k[TEXT_NATURAL_KEY];
    text_natural_key(s, k);
    uint64_t w[2] = {0, 0};
    for (size_t j = 0; j < 16; j++)
        w[j / 8] = w[j / 8] << 8 | k[j];
    key[0] = (int64_t)(w[0] ^ UINT64_C(0x8000000000000000));
    key[1] = (int64_t)(w[1] ^ UINT64_C(0x8000000000000000));
}

/* A double as a number that orders like it: its bits, negative values
 * turned round. */
static int64_t real_key(double r)
{
    uint64_t u;
    memcpy(&u, &r, sizeof u);
    u = u >> 63 ? ~u : u | UINT64_C(0x8000000000000000);
    return (int64_t)(u ^ UINT64_C(0x8000000000000000));
}

void book_col_key(const struct book *b, size_t i, const struct book_col *col, int64_t key[2])
{
    key[0] = key[1] = 0;
    if (col->def->key) {
        col->def->key(b, i, col->comp, key);
        return;
    }
    struct book_value v;
    book_value(b, i, col->def->fields[0], col->comp, &v);
    switch (v.type) {
    case BV_NULL: key[0] = INT64_MIN; break;
    case BV_TEXT:
    case BV_WORD: book_key_text(v.s, key); break;
    case BV_REAL: key[0] = real_key(v.r); break;
    case BV_WORDS: key[0] = v.n; break;
    default: key[0] = v.i; break;
    }
}

bool book_col_has_ties(const struct book_col *col)
{
    return !col->def->key && book_fields[col->def->fields[0]].type == BV_TEXT;
}

/* ---- sorting rows by a column ---- */

struct row_key {
    int64_t k1, k2;
    size_t i;
};

/* qsort has no context argument: the book and column whose texts break
 * ties, and whether they are compared in reverse. */
static const struct book *tie_book;
static const struct book_col *tie_col;
static bool tie_desc;

static int compare_rows(const struct row_key *x, const struct row_key *y)
{
    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    if (tie_book) {
        int r = text_natural_cmp(book_col_tie(tie_book, x->i, tie_col), book_col_tie(tie_book, y->i, tie_col));
        if (r)
            return tie_desc ? -r : r;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

static int compare_row_keys(const void *pa, const void *pb) { return compare_rows(pa, pb); }

void book_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n)
{
    /* The keys are compared, not the rows, so a million rows sort in a
     * fraction of a second; a text column's keys are the first sixteen
     * bytes of its natural order, and only rows that share them are
     * compared as texts. */
    bool ties = book_col_has_ties(col);
    struct row_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t p = 0; p < n; p++) {
        /* The rows come in their present order, the accounts in the book's:
         * fetch a few ahead rather than wait on memory for each. */
        if (p + 16 < n) {
            PREFETCH(&b->acc[idx[p + 16]]);
            PREFETCH(&b->v[idx[p + 16]]);
        }
        if (ties && p + 8 < n)
            PREFETCH(book_col_tie(b, idx[p + 8], col));
        int64_t k[2];
        book_col_key(b, idx[p], col, k);
        /* Reversed by complement, not negation: it cannot overflow. */
        keys[p] = (struct row_key){desc ? ~k[0] : k[0], desc ? ~k[1] : k[1], idx[p]};
    }
    tie_book = ties ? b : NULL;
    tie_col = col;
    tie_desc = ties && desc;
    /* Rows already in order (a book imported sorted, sorted again by the
     * same column) cost one pass, not a sort. */
    size_t p = 1;
    while (p < n && compare_rows(&keys[p - 1], &keys[p]) < 0)
        p++;
    if (p < n)
        qsort(keys, n, sizeof *keys, compare_row_keys);
    tie_book = NULL;
    tie_col = NULL;
    tie_desc = false;
    for (size_t q = 0; q < n; q++)
        idx[q] = keys[q].i;
    free(keys);
}

const char *book_col_tie(const struct book *b, size_t i, const struct book_col *col)
{
    if (!book_col_has_ties(col))
        return NULL;
    struct book_value v;
    book_value(b, i, col->def->fields[0], col->comp, &v);
    return v.type == BV_TEXT ? v.s : "";
}

void book_flag_markers(const struct verdict *v, bool ascii, char *buf, size_t len)
{
    static const char *const mark[FLAG_KINDS] = {"\xe2\x96\xb2", "\xe2\x86\x97", "\xe2\x98\x85"};
    static const char *const word[FLAG_KINDS] = {"churn", "grow", "case"};
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < v->nflags && o < len; k++) {
        int kind = v->flag[k].kind;
        o += (size_t)snprintf(buf + o, len - o, "%s%s%s", o ? " " : "", ascii ? "" : mark[kind], word[kind]);
    }
}
