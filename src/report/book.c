#include "csm/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/store.h"
#include "csm/text.h"

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
    b->acv_total = sum;
    b->acv_at_risk = 0;
    memset(b->band_count, 0, sizeof b->band_count);
    memset(b->flag_count, 0, sizeof b->flag_count);
    double hsum = 0;
    size_t hn = 0;
    for (size_t i = 0; i < b->n; i++) {
        struct verdict *v = &b->v[i];
        assess(b->sc, &b->acc[i], b->as_of, &b->ctx, v);
        if (v->health >= 0) {
            hsum += v->health;
            hn++;
            b->band_count[v->band]++;
        }
        for (int k = 0; k < v->nflags; k++)
            b->flag_count[v->flag[k].kind]++;
        if (verdict_flag(v, FLAG_CHURN) && b->acc[i].acv_cents > 0)
            b->acv_at_risk += b->acc[i].acv_cents;
    }
    b->health_avg = hn ? hsum / (double)hn : -1;
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
    memset(b, 0, sizeof *b);
    b->sc = sc;
    b->as_of = as_of;
    struct account_set set;
    int rc = store_load_accounts(st, &sc->model, history, &set);
    if (rc)
        return rc;
    take_set(b, &set);
    b->v = xmalloc_large((b->n ? b->n : 1) * sizeof *b->v);
    book_assess(b);
    return 0;
}

int book_load_first(struct book *b, struct store *st, const struct scoring *sc, int as_of, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->sc = sc;
    b->as_of = as_of;
    struct account_set set;
    int rc = store_load_first(st, &sc->model, limit, &set);
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

long book_find(const struct book *b, const char *name)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcasecmp(b->acc[i].name, name) == 0)
            return (long)i;
    return -1;
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
