/* One account's verdict: health, bands, segment, trend, and its flags. The
 * rules themselves are in churn.c (risk) and growth.c (expansion, case
 * study); their words in reasons.c. */
#include <string.h>

#include "csm/date.h"
#include "model_int.h"

void assess(const struct scoring *s, const struct account *a, int as_of, const struct book_context *ctx,
            struct verdict *v)
{
    struct health h;
    memset(v, 0, sizeof *v);
    v->health = (short)health_compute(s, a->score, &h);
    v->band = (signed char)h.band;
    v->coverage_pct = (short)h.coverage_pct;
    v->low_coverage = h.low_coverage;
    v->segment = (signed char)segment_of(s, a);
    if (a->renewal != DATE_NONE) {
        v->months = date_months_between(as_of, a->renewal);
        v->days = a->renewal - as_of;
        if (a->renewal < as_of && v->months == 0)
            v->months = -1; /* passed this month: it is overdue, not "in 0 months" */
        v->months_band = (signed char)(v->months < 0 ? BAND_RED : band_of_months(s, v->months));
    } else {
        v->months = MONTHS_UNKNOWN;
        v->months_band = BAND_NONE;
    }
    if (a->trend != TREND_NONE) {
        v->trend = (signed char)a->trend;
    } else {
        v->trend = (signed char)trend_from_history(s, a);
        v->trend_from_history = a->nhist >= 2;
    }
    int drop = usage_drop_pct(s, a);
    v->usage_drop = drop >= s->flags.usage_drop_pct;
    v->usage_drop_pct = (short)drop;
    v->touch_due = touch_is_due(s, a, v->segment, as_of);

    struct flag f;
    const struct flag *churn = NULL;
    int points;
    if (churn_signals(s, a, v, &f, &points)) {
        churn_weigh(s, a, v, ctx, points, &f);
        v->signal_points = (unsigned char)(points > 255 ? 255 : points);
        v->flag[v->nflags++] = f;
        churn = &v->flag[v->nflags - 1];
    }
    memset(&f, 0, sizeof f);
    v->why_not[FLAG_EXPANSION] = (unsigned char)expansion_check(s, a, v, churn, &f);
    if (v->why_not[FLAG_EXPANSION] == WN_NONE)
        v->flag[v->nflags++] = f;
    memset(&f, 0, sizeof f);
    v->why_not[FLAG_ADVOCACY] = (unsigned char)advocacy_check(s, a, v, as_of, churn, &f);
    if (v->why_not[FLAG_ADVOCACY] == WN_NONE)
        v->flag[v->nflags++] = f;
}

/* Caveats come last on a positive flag: the case first, then the doubt. */
static bool caveat(int reason)
{
    return reason == R_EXP_DECLINING || reason == R_ADV_PENDING_PROOF || reason == R_ADV_ANONYMISED_ONLY;
}

int flag_reasons(const struct flag *f, int out[R_COUNT])
{
    int n = 0;
    for (int r = 0; r < R_COUNT; r++)
        if (flag_has(f, r) && !caveat(r))
            out[n++] = r;
    for (int r = 0; r < R_COUNT; r++)
        if (flag_has(f, r) && caveat(r))
            out[n++] = r;
    return n;
}

const struct flag *verdict_flag(const struct verdict *v, int kind)
{
    for (int i = 0; i < v->nflags; i++)
        if (v->flag[i].kind == kind)
            return &v->flag[i];
    return NULL;
}

const char *flag_kind_name(int kind)
{
    static const char *const n[] = {"churn", "expansion", "advocacy"};
    return kind >= 0 && kind < FLAG_KINDS ? n[kind] : "?";
}

const char *severity_name(int sev)
{
    static const char *const n[] = {"low", "medium", "high"};
    return sev >= 0 && sev <= 2 ? n[sev] : "?";
}
