/* After an import: what changed that a CSM should look at. The store's
 * journal says what each account was before the import; the model judges
 * it before and after (the rules stay in src/model); the first few of each
 * kind are kept with the import and told, the rest counted. */
#include "csm/watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/book.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/store.h"
#include "csm/text.h"

static const struct {
    const char *key;   /* as kept in the store */
    const char *label; /* the line's start */
    const char *more;  /* "... and 12 more <more>" */
} kinds[W_KINDS] = {
    [W_RED] = {"red", "turned red:", "turned red"},
    [W_DROP] = {"drop", "health dropped:", "dropped 10 points or more"},
    [W_USAGE] = {"usage", "usage fell:", "usage drops"},
    [W_RENEWED] = {"renewed", "renewed:", "renewed"},
    [W_MOVED] = {"moved", "renewal moved:", "renewal dates moved"},
    [W_SOON] = {"soon", "renewal soon:", "entered the renewal window"},
    [W_NEW] = {"new", "new account:", "new accounts"},
    [W_CANDIDATE] = {"candidate", "case study:", "new case-study candidates"},
    [W_MISSING] = {"missing", "missing:", "accounts missing from this export"},
};

const char *watch_kind_key(int kind) { return kind >= 0 && kind < W_KINDS ? kinds[kind].key : NULL; }

int watch_kind_parse(const char *key)
{
    for (int k = 0; k < W_KINDS; k++)
        if (strcmp(kinds[k].key, key) == 0)
            return k;
    return -1;
}

/* The accounts of one kind worth naming: the WATCH_SHOWN of highest rank
 * (ties in the order they came), and how many there were. */
struct shown {
    double rank;
    long long id;
    char *name, *detail;
};

struct watch {
    struct store *st;
    const struct scoring *sc;
    struct book *b;
    int as_of;
    unsigned char *touched; /* per account of the book: the import wrote it */
    long total[W_KINDS];
    int n[W_KINDS];
    struct shown v[W_KINDS][WATCH_SHOWN];
};

static void add(struct watch *w, int kind, double rank, const struct account *a, const char *detail)
{
    w->total[kind]++;
    struct shown *v = w->v[kind];
    int n = w->n[kind];
    if (n == WATCH_SHOWN) {
        if (rank <= v[n - 1].rank)
            return;
        free(v[n - 1].name);
        free(v[n - 1].detail);
        n--;
    }
    int at = n;
    while (at > 0 && v[at - 1].rank < rank)
        at--;
    memmove(&v[at + 1], &v[at], (size_t)(n - at) * sizeof *v);
    v[at] = (struct shown){rank, a->id, xstrdup(a->name), xstrdup(detail)};
    w->n[kind] = n + 1;
}

/* A score in tenths as a whole number, or "no data". */
static void score_word(int tenths, char *buf, size_t len)
{
    if (tenths == SCORE_NONE)
        snprintf(buf, len, "no data");
    else
        snprintf(buf, len, "%d", (tenths + 5) / 10);
}

/* The components that moved, the largest fall first: "Product 90 -> 20". */
static void components_moved(const struct scoring *sc, const struct account *before, const struct account *after,
                             char *buf, size_t len)
{
    int order[MODEL_MAX_COMPONENTS], n = 0;
    for (int c = 0; c < sc->model.ncomp; c++) {
        int x = before->score[c], y = after->score[c];
        if (x == y || (x != SCORE_NONE && y != SCORE_NONE && (x + 5) / 10 == (y + 5) / 10))
            continue;
        order[n++] = c;
    }
    /* Falls before rises; a component that lost its data counts as a fall. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            int a = order[j - 1], b = order[j];
            int fa = before->score[a] - (after->score[a] == SCORE_NONE ? 0 : after->score[a]);
            int fb = before->score[b] - (after->score[b] == SCORE_NONE ? 0 : after->score[b]);
            if (fb <= fa)
                break;
            order[j - 1] = b;
            order[j] = a;
        }
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < len; i++) {
        char x[16], y[16];
        score_word(before->score[order[i]], x, sizeof x);
        score_word(after->score[order[i]], y, sizeof y);
        o += (size_t)snprintf(buf + o, len - o, "%s%s %s -> %s", i ? ", " : "", sc->model.comp[order[i]].label, x, y);
    }
}

static long find_index(const struct book *b, long long id)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->acc[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n && b->acc[lo].id == id ? (long)lo : -1;
}

/* "now a candidate: " and the model's first reasons for the account's
 * case-study flag. */
static void candidate_detail(const struct watch *w, size_t i, char *buf, size_t len)
{
    const struct flag *f = verdict_flag(&w->b->v[i], FLAG_ADVOCACY);
    int r[R_COUNT];
    int n = f ? flag_reasons(f, r) : 0;
    size_t o = (size_t)snprintf(buf, len, "now a candidate: ");
    for (int k = 0; k < n && k < 2 && o < len; k++) {
        char one[160];
        flag_reason_text(w->sc, &w->b->acc[i], &w->b->v[i], r[k], one, sizeof one);
        o += (size_t)snprintf(buf + o, len - o, "%s%s", k ? "; " : "", one);
    }
}

/* One account the import updated, against what it was before. */
static int compare(void *ctx, const struct account *before, int day)
{
    struct watch *w = ctx;
    const struct scoring *sc = w->sc;
    long i = find_index(w->b, before->id);
    if (i < 0)
        return 0;
    w->touched[i] = 1;
    const struct account *after = &w->b->acc[i];
    const struct verdict *va = &w->b->v[i];
    /* An older export's day is history: it says nothing about the account now. */
    if (after->snapshot_day != DATE_NONE && day != DATE_NONE && day < after->snapshot_day)
        return 0;
    /* The account before: the attributes the journal kept, the history
     * before the import's day, and the snapshot of that day it replaced. */
    struct account bf = *before;
    int k = 0;
    while (k < after->nhist && after->hist_day[k] < day)
        k++;
    bf.nhist = k;
    /* The book was read with history: its rows are the model's width. */
    size_t width = after->nhist ? (size_t)after->hist_width : (size_t)(sc->model.ncomp > 0 ? sc->model.ncomp : 1);
    bf.hist_width = (int)width;
    bf.hist_day = after->hist_day;
    bf.hist_score = after->hist_score;
    int *days = NULL;
    short *scores = NULL;
    bool replaced = before->snapshot_day != DATE_NONE;
    if (replaced) {
        days = xmalloc((size_t)(k + 1) * sizeof *days);
        scores = xmalloc((size_t)(k + 1) * width * sizeof *scores);
        memcpy(days, after->hist_day, (size_t)k * sizeof *days);
        memcpy(scores, after->hist_score, (size_t)k * width * sizeof *scores);
        days[k] = before->snapshot_day;
        memcpy(scores + (size_t)k * width, before->score, width * sizeof *scores);
        bf.nhist = k + 1;
        bf.hist_day = days;
        bf.hist_score = scores;
    } else if (k > 0) {
        bf.snapshot_day = after->hist_day[k - 1];
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            bf.score[c] = (size_t)c < width ? account_hist(after, k - 1)[c] : SCORE_NONE;
        bf.trend = TREND_NONE; /* read when the model needs it */
    } else {
        bf.snapshot_day = DATE_NONE;
    }
    char detail[600], moved[400];
    int health = health_compute(sc, bf.score, NULL);
    if (health >= 0 && va->health >= 0) {
        bool red = va->band == BAND_RED && band_of_score(sc, health) != BAND_RED;
        if (red || health - va->health >= WATCH_DROP_POINTS) {
            components_moved(sc, &bf, after, moved, sizeof moved);
            if (red)
                snprintf(detail, sizeof detail, "health %d (was %d)%s%s", va->health, health, *moved ? ": " : "",
                         moved);
            else
                snprintf(detail, sizeof detail, "%d -> %d%s%s", health, va->health, *moved ? ": " : "", moved);
            add(w, red ? W_RED : W_DROP, health - va->health, after, detail);
        }
    }
    if (bf.renewal != DATE_NONE && after->renewal != DATE_NONE && bf.renewal != after->renewal) {
        char was[11], now[11];
        date_format(bf.renewal, was);
        date_format(after->renewal, now);
        /* Moved on by about a term (eleven months or more): renewed. */
        bool renewed = after->renewal >= date_add_months(bf.renewal, 11);
        snprintf(detail, sizeof detail, "%s -> %s", was, now);
        add(w, renewed ? W_RENEWED : W_MOVED, renewed ? 0 : -(double)(after->renewal - bf.renewal), after, detail);
    }
    /* Entered the red months: red now, not red as of the snapshot before. */
    if (after->renewal != DATE_NONE && va->months != MONTHS_UNKNOWN && va->months >= 0 &&
        band_of_months(sc, va->months) == BAND_RED && bf.renewal != DATE_NONE && bf.snapshot_day != DATE_NONE) {
        if (band_of_months(sc, date_months_between(bf.snapshot_day, bf.renewal)) != BAND_RED) {
            char d[11];
            date_format(after->renewal, d);
            /* In days: the red window is whole months, which a rounded count could contradict. */
            snprintf(detail, sizeof detail, "renews %s (in %d day%s)", d, va->days, va->days == 1 ? "" : "s");
            add(w, W_SOON, -(double)(after->renewal - w->as_of), after, detail);
        }
    }
    /* A candidate or a usage drop now: so before? (The model is asked only then.) */
    int rc = 0;
    if (verdict_flag(va, FLAG_ADVOCACY) || va->usage_drop) {
        if (!replaced && bf.snapshot_day != DATE_NONE) {
            int trend = TREND_NONE, reported = SCORE_NONE;
            rc = store_snapshot_meta(w->st, bf.id, bf.snapshot_day, &trend, &reported);
            bf.trend = (signed char)trend;
            bf.reported_health = (short)reported;
        }
        struct verdict vb;
        if (!rc)
            assess(sc, &bf, w->as_of, &w->b->ctx, &vb);
        if (!rc && verdict_flag(va, FLAG_ADVOCACY) && !verdict_flag(&vb, FLAG_ADVOCACY)) {
            candidate_detail(w, (size_t)i, detail, sizeof detail);
            add(w, W_CANDIDATE, verdict_flag(va, FLAG_ADVOCACY)->score, after, detail);
        }
        /* The playbook's warning sign, which a small fall in health can hide. */
        if (!rc && va->usage_drop && !vb.usage_drop) {
            components_moved(sc, &bf, after, moved, sizeof moved);
            snprintf(detail, sizeof detail, "%d%% less use%s%s", va->usage_drop_pct, *moved ? ": " : "", moved);
            add(w, W_USAGE, va->usage_drop_pct, after, detail);
        }
    }
    free(days);
    free(scores);
    return rc;
}

/* What was worked out, for the store (the strings stay the watch's). */
static struct import_change *collect(struct watch *w, size_t *n)
{
    size_t count = 0;
    for (int k = 0; k < W_KINDS; k++)
        count += (size_t)w->n[k];
    struct import_change *v = xcalloc(count ? count : 1, sizeof *v);
    *n = 0;
    for (int k = 0; k < W_KINDS; k++)
        for (int j = 0; j < w->n[k]; j++) {
            struct import_change *c = &v[(*n)++];
            snprintf(c->kind, sizeof c->kind, "%s", kinds[k].key);
            c->seq = j;
            c->total = w->total[k];
            c->account_id = w->v[k][j].id;
            c->name = w->v[k][j].name;
            c->detail = w->v[k][j].detail;
        }
    return v;
}

/* The lines: per kind its accounts, then how many more. */
static void print_changes(const struct import_change *v, size_t n, FILE *out)
{
    for (int k = 0; k < W_KINDS; k++) {
        long total = 0;
        int shown = 0;
        for (size_t i = 0; i < n; i++) {
            if (watch_kind_parse(v[i].kind) != k)
                continue;
            char name[256], detail[700];
            text_safe(v[i].name, name, sizeof name);
            text_safe(v[i].detail, detail, sizeof detail);
            fprintf(out, "  %-17s%s%s%s\n", kinds[k].label, name, *detail ? ", " : "", detail);
            total = v[i].total;
            shown++;
        }
        if (total > shown)
            fprintf(out, "  ... and %ld more %s (csm flags, csm list and the Renewals screen list them all)\n",
                    total - shown, kinds[k].more);
    }
}

int watch_import(struct store *st, const struct scoring *sc, long long import_id, int as_of, FILE *out)
{
    /* A book's first import: every account is new, and csm flags tells the rest. */
    bool first;
    int rc = store_import_was_first(st, import_id, &first);
    if (rc || first)
        return rc ? rc : store_save_changes(st, import_id, NULL, 0);
    long long *created;
    size_t ncreated;
    if ((rc = store_import_created(st, import_id, &created, &ncreated)))
        return rc;
    /* Every snapshot: an account whose newest is after the import's day
     * had only its history filled in. */
    struct book b;
    if ((rc = book_load_until(&b, st, sc, as_of, DATE_NONE, true))) {
        free(created);
        return rc;
    }
    struct watch *w = xcalloc(1, sizeof *w);
    w->st = st;
    w->sc = sc;
    w->b = &b;
    w->as_of = as_of;
    w->touched = xcalloc(b.n ? b.n : 1, 1);
    rc = store_import_journal(st, &sc->model, import_id, compare, w);
    for (size_t k = 0; k < ncreated && !rc; k++) {
        long i = find_index(&b, created[k]);
        if (i < 0)
            continue;
        w->touched[i] = 1;
        const struct account *a = &b.acc[i];
        const struct verdict *v = &b.v[i];
        char detail[400], acv[32] = "";
        if (a->acv_cents >= 0) {
            char amount[24];
            money_format(a->acv_cents, amount, sizeof amount);
            snprintf(acv, sizeof acv, ", ACV %s", amount);
        }
        if (v->health >= 0)
            snprintf(detail, sizeof detail, "health %d (%s)%s", v->health, band_name(v->band), acv);
        else
            snprintf(detail, sizeof detail, "no scores yet%s", acv);
        add(w, W_NEW, -(double)k, a, detail);
        if (verdict_flag(v, FLAG_ADVOCACY)) {
            candidate_detail(w, (size_t)i, detail, sizeof detail);
            add(w, W_CANDIDATE, verdict_flag(v, FLAG_ADVOCACY)->score, a, detail);
        }
    }
    /* In the book, not in the file: the larger accounts first. */
    for (size_t i = 0; i < b.n && !rc; i++) {
        if (w->touched[i])
            continue;
        const struct account *a = &b.acc[i];
        char detail[160];
        if (a->snapshot_day != DATE_NONE) {
            char d[11];
            date_format(a->snapshot_day, d);
            snprintf(detail, sizeof detail, "not in this export; last data %s%s", d, book_stale(&b, i) ? ", stale" : "");
        } else {
            snprintf(detail, sizeof detail, "not in this export; no data yet");
        }
        add(w, W_MISSING, (double)a->acv_cents, a, detail);
    }
    free(created);
    size_t n = 0;
    struct import_change *v = collect(w, &n);
    if (!rc)
        rc = store_save_changes(st, import_id, v, n);
    if (!rc && out)
        print_changes(v, n, out);
    free(v);
    for (int k = 0; k < W_KINDS; k++)
        for (int j = 0; j < w->n[k]; j++) {
            free(w->v[k][j].name);
            free(w->v[k][j].detail);
        }
    free(w->touched);
    free(w);
    book_free(&b);
    return rc;
}

int watch_show(struct store *st, long long import_id, FILE *out)
{
    struct import_change *v;
    size_t n;
    bool kept;
    int rc = store_load_changes(st, import_id, &v, &n, &kept);
    if (rc)
        return rc;
    fprintf(out, "import %lld:\n", import_id);
    if (!kept)
        fprintf(out, "  (what import %lld changed was not kept: it was imported by an older csm)\n", import_id);
    else if (!n)
        fprintf(out, "  nothing to look at: no account turned red, dropped, renewed, moved or went missing\n");
    else
        print_changes(v, n, out);
    store_free_changes(v, n);
    return 0;
}
