#include "csm/book.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/store.h"
#include "csm/text.h"

/* The k-th smallest of v[0..n) (v is reordered): Hoare's selection, linear
 * on average, so a million ACVs do not need a sort. */
static int64_t select_kth(int64_t *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        int64_t pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                int64_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

static int64_t median_acv(const struct book *b)
{
    int64_t *v = xmalloc_large((b->n ? b->n : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->acc[i].acv_cents >= 0)
            v[n++] = b->acc[i].acv_cents;
    int64_t m = 0;
    if (n) {
        m = select_kth(v, n, n / 2);
        if (n % 2 == 0) { /* the mean of the two middle ones */
            int64_t below = v[0];
            for (size_t i = 1; i < n / 2; i++)
                if (v[i] > below)
                    below = v[i];
            m = below + (m - below) / 2;
        }
    }
    free(v);
    return m;
}

void book_totals(const struct book *b, const size_t *rows, size_t n, struct book_totals *t)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    double hsum = 0;
    size_t hn = 0;
    for (size_t p = 0; p < n; p++) {
        size_t i = rows ? rows[p] : p;
        const struct verdict *v = &b->v[i];
        if (b->acc[i].acv_cents >= 0)
            t->acv_total += b->acc[i].acv_cents;
        if (v->health >= 0) {
            hsum += v->health;
            hn++;
            t->band_count[v->band]++;
        }
        for (int k = 0; k < v->nflags; k++)
            t->flag_count[v->flag[k].kind]++;
        if (verdict_flag(v, FLAG_CHURN) && b->acc[i].acv_cents > 0)
            t->acv_at_risk += b->acc[i].acv_cents;
        t->stale_count += book_stale(b, i);
    }
    t->health_avg = hn ? hsum / (double)hn : -1;
}

/* The totals of the accounts as assessed. */
static void count_totals(struct book *b)
{
    struct book_totals t;
    book_totals(b, NULL, b->n, &t);
    b->acv_total = t.acv_total;
    b->acv_at_risk = t.acv_at_risk;
    b->health_avg = t.health_avg;
    memcpy(b->band_count, t.band_count, sizeof b->band_count);
    memcpy(b->flag_count, t.flag_count, sizeof b->flag_count);
    b->stale_count = t.stale_count;
}

/* Accounts from..to of the book, assessed (each verdict is the account's own). */
struct assess_job {
    struct book *b;
    size_t from, to;
};

static void *assess_range(void *arg)
{
    const struct assess_job *j = arg;
    for (size_t i = j->from; i < j->to; i++)
        assess(j->b->sc, &j->b->acc[i], j->b->as_of, &j->b->ctx, &j->b->v[i]);
    return NULL;
}

/* Below this many accounts a thread costs more than it saves. */
#define ASSESS_TWO_MIN 8192

void book_assess(struct book *b)
{
    int64_t sum = 0;
    size_t with_acv = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->acc[i].acv_cents >= 0) {
            sum += b->acc[i].acv_cents;
            with_acv++;
        }
    b->ctx.mean_acv_cents = with_acv ? sum / (int64_t)with_acv : 0;
    b->ctx.median_acv_cents = median_acv(b);
    /* A big book's second half on another thread: most of a report's own
     * time after reading the book. */
    struct assess_job first = {b, 0, b->n}, second = {b, b->n / 2, b->n};
    pthread_t t;
    bool two = b->n >= ASSESS_TWO_MIN && pthread_create(&t, NULL, assess_range, &second) == 0;
    if (two)
        first.to = second.from;
    assess_range(&first);
    if (two)
        pthread_join(t, NULL);
    risk_settle(b->sc, b->acc, b->v, b->n);
    count_totals(b);
}

/* The book owns the loaded accounts from here on (book_free frees them). */
static void take_set(struct book *b, const struct account_set *set)
{
    b->acc = set->v;
    b->n = set->n;
    b->mem = set->mem;
}

int book_load(struct book *b, struct store *st, const struct scoring *sc, int as_of, bool history)
{
    /* The book as it stood that day: later snapshots are not used. */
    return book_load_until(b, st, sc, as_of, as_of, history);
}

int book_load_until(struct book *b, struct store *st, const struct scoring *sc, int as_of, int until, bool history)
{
    memset(b, 0, sizeof *b);
    b->sc = sc;
    b->as_of = as_of;
    struct account_set set;
    int rc = store_load_accounts(st, &sc->model, history, until, &set);
    if (rc)
        return rc;
    take_set(b, &set);
    b->v = xmalloc_large((b->n ? b->n : 1) * sizeof *b->v);
    /* The touches of the same days as the snapshots: a book as of a past
     * day does not count a note written after it. */
    if ((rc = store_last_touches(st, until, b->acc, b->n))) {
        book_free(b);
        return rc;
    }
    book_assess(b);
    return 0;
}

int *book_last_touches(const struct book *b, int before)
{
    int *day = NULL;
    for (size_t i = 0; i < b->n; i++)
        if (b->acc[i].last_touch != DATE_NONE && b->acc[i].last_touch < before) {
            day = xmalloc_large(b->n * sizeof *day);
            break;
        }
    for (size_t i = 0; day && i < b->n; i++)
        day[i] = b->acc[i].last_touch < before ? b->acc[i].last_touch : DATE_NONE;
    return day;
}

int book_load_first(struct book *b, struct store *st, const struct scoring *sc, int as_of, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->sc = sc;
    b->as_of = as_of;
    struct account_set set;
    int rc = store_load_first(st, &sc->model, limit, as_of, &set);
    if (rc)
        return rc;
    take_set(b, &set);
    b->partial = true;
    b->v = xcalloc(b->n ? b->n : 1, sizeof *b->v);
    for (size_t i = 0; i < b->n; i++)
        assess(sc, &b->acc[i], as_of, &b->ctx, &b->v[i]);
    return 0;
}

void book_free(struct book *b)
{
    if (b->mem) {
        struct account_set set = {b->acc, b->n, b->mem};
        store_free_accounts(&set);
    } else {
        for (size_t i = 0; i < b->n; i++)
            account_free(&b->acc[i]);
        free(b->acc);
    }
    free(b->v);
    memset(b, 0, sizeof *b);
}

bool book_stale(const struct book *b, size_t i)
{
    int day = b->acc[i].snapshot_day;
    return day != DATE_NONE && b->as_of - day > b->sc->flags.stale_days;
}

long book_find(const struct book *b, const char *name)
{
    /* By the name key the store matches on (text_name_key). */
    char want[STORE_NAME_KEY_MAX], key[STORE_NAME_KEY_MAX];
    if (!text_name_key(name, want, sizeof want))
        return -1;
    for (size_t i = 0; i < b->n; i++)
        if (text_name_key(b->acc[i].name, key, sizeof key) && strcmp(key, want) == 0)
            return (long)i;
    return -1;
}

/* Whether the account's owner has the search key `want`. */
static bool owned_by(const struct account *a, const char *want)
{
    char key[STORE_NAME_KEY_MAX];
    return a->owner && text_search_key(a->owner, key, sizeof key) && strcmp(key, want) == 0;
}

long book_keep_owner(struct book *b, const char *owner)
{
    char want[STORE_NAME_KEY_MAX];
    if (!text_search_key(owner, want, sizeof want))
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (!owned_by(&b->acc[i], want)) {
            if (!b->mem) /* its texts are its own, not the arena's */
                account_free(&b->acc[i]);
            continue;
        }
        b->acc[k] = b->acc[i];
        b->v[k++] = b->v[i];
    }
    b->n = k;
    /* The totals of what is left; each verdict stays as the whole book
     * made it (a flag compares an account with the whole book). */
    count_totals(b);
    return (long)k;
}

int band_color(int band)
{
    switch (band) {
    case BAND_RED: return CLR_RED_BAND;
    case BAND_AMBER: return CLR_AMBER_BAND;
    case BAND_GREEN: return CLR_GREEN_BAND;
    default: return CLR_DIM;
    }
}
