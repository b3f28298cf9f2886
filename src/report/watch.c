/* After an import: the accounts a CSM should look at. */
#include "csm/watch.h"

#include <stdio.h>

#include "csm/date.h"
#include "csm/store.h"
#include "csm/text.h"

/* After an import: accounts a CSM should look at, the first few of each
 * kind, then how many more (a big book's import can move thousands into
 * the renewal window: the flags and the Renewals screen list them all). */
#define WATCH_SHOWN 10

enum watch_kind { W_RED, W_DROP, W_RENEWAL, W_KINDS };

struct watch {
    const struct scoring *sc;
    int as_of;
    long count[W_KINDS];
    FILE *out;
};

static bool watch_show(struct watch *w, int kind) { return ++w->count[kind] <= WATCH_SHOWN; }

static void watch_one(void *ctx, const struct account *now, int prev_day, const short *prev_scores)
{
    struct watch *w = ctx;
    const struct scoring *sc = w->sc;
    int h = health_compute(sc, now->score, NULL);
    int p = health_compute(sc, prev_scores, NULL);
    char name[256];
    text_safe(now->name, name, sizeof name);
    if (h >= 0 && p >= 0 && band_of_score(sc, h) == BAND_RED && band_of_score(sc, p) != BAND_RED) {
        if (watch_show(w, W_RED))
            fprintf(w->out, "  turned red:      %s, health %d (was %d)\n", name, h, p);
    } else if (h >= 0 && p >= 0 && p - h >= 10) {
        if (watch_show(w, W_DROP))
            fprintf(w->out, "  health dropped:  %s, %d -> %d\n", name, p, h);
    }
    if (now->renewal != DATE_NONE && prev_day != DATE_NONE) {
        int before = date_months_between(prev_day, now->renewal);
        int after = date_months_between(w->as_of, now->renewal);
        if (before > sc->month_bands.red_max && after >= 0 && after <= sc->month_bands.red_max &&
            watch_show(w, W_RENEWAL)) {
            char d[11];
            date_format(now->renewal, d);
            fprintf(w->out, "  renewal soon:    %s, renews %s (%d month%s)\n", name, d, after, after == 1 ? "" : "s");
        }
    }
}

int watch_import(struct store *st, const struct scoring *sc, long long import_id, int as_of, FILE *out)
{
    struct watch w = {sc, as_of, {0, 0, 0}, out};
    int rc = store_import_changes(st, &sc->model, import_id, watch_one, &w);
    static const char *const more[W_KINDS] = {"turned red", "dropped 10 points or more",
                                              "entered the renewal window"};
    for (int k = 0; k < W_KINDS && !rc; k++)
        if (w.count[k] > WATCH_SHOWN)
            fprintf(out, "  ... and %ld more %s (csm flags and the Renewals screen list them all)\n",
                    w.count[k] - WATCH_SHOWN, more[k]);
    return rc;
}
