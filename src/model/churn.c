/* Churn risk: the signals the playbooks name, each worth its points; a risk
 * score that weighs those points by how soon the renewal decides it and by
 * the ACV at stake; a severity from the score. */
#include <math.h>
#include <string.h>

#include "csm/date.h"
#include "model_int.h"

bool kpi_change_pct(const struct account *a, double *pct)
{
    if (isnan(a->kpi_baseline) || isnan(a->kpi_current) || !(a->kpi_baseline > 0))
        return false;
    *pct = (a->kpi_current - a->kpi_baseline) * 100.0 / a->kpi_baseline;
    return true;
}

/* The points of a churn reason (0 for the others), from the reasons list. */
static int points_of(const struct flag_thresholds *t, int reason)
{
    switch (reason) {
#define CSM_REASON_POINTS(name, kind, points)                                                                          \
    case name:                                                                                                         \
        return (points);
        CSM_REASONS(CSM_REASON_POINTS)
#undef CSM_REASON_POINTS
    default:
        return 0;
    }
}

bool churn_signals(const struct scoring *s, const struct account *a, const struct verdict *v, struct flag *f,
                   int *points)
{
    const struct flag_thresholds *t = &s->flags;
    const struct health_model *m = &s->model;
    bool known = v->months != MONTHS_UNKNOWN;
    bool near = near_renewal(s, v) && v->months >= 0;
    memset(f, 0, sizeof *f);
    f->kind = FLAG_CHURN;

    if (known && v->months < 0)
        flag_add(f, R_RENEWAL_PASSED);
    if (v->band == BAND_RED)
        flag_add(f, R_HEALTH_RED);
    /* Within the red months, anything short of green is not a safe renewal. */
    if (known && v->months >= 0 && v->months_band == BAND_RED && v->band != BAND_GREEN)
        flag_add(f, R_RENEWAL_SOON);
    if (v->usage_drop)
        flag_add(f, R_USAGE_DROP);
    if (v->trend == TREND_DOWN) {
        flag_add(f, near ? R_DECLINING_NEAR_RENEWAL : R_DECLINING);
        if (v->trend_from_history && health_fall(s, a) >= t->sharp_decline_points)
            flag_add(f, R_SHARP_DECLINE);
        if (a->term_years >= 0 && a->term_years <= t->first_year_max_term)
            flag_add(f, R_FIRST_YEAR_DECLINE);
    }
    /* The CSM's own judgement, when it is two bands from the score's, or red. */
    if (a->pulse != BAND_NONE && v->band != BAND_NONE && (a->pulse - v->band == 2 || v->band - a->pulse == 2))
        flag_add(f, R_PULSE_DISAGREES);
    if (a->nps >= 0 && a->nps <= t->detractor_max_nps)
        flag_add(f, v->band == BAND_GREEN ? R_DETRACTOR_ON_GREEN : R_DETRACTOR);
    double kpi;
    if (kpi_change_pct(a, &kpi) && -kpi >= t->kpi_fall_pct && kpi < 0)
        flag_add(f, near ? R_KPI_FELL_NEAR_RENEWAL : R_KPI_FELL);
    if (v->low_coverage)
        flag_add(f, R_LOW_COVERAGE);
    int usage = comp_score(a, model_role(m, ROLE_USAGE));
    if (usage >= 0 && usage <= t->weak_component)
        flag_add(f, R_WEAK_USAGE);
    int sat_i = model_role(m, ROLE_SATISFACTION);
    int sat = comp_score(a, sat_i);
    if (sat >= 0 && sat <= t->weak_component)
        flag_add(f, R_WEAK_SATISFACTION);
    int sponsor = comp_score(a, model_role(m, ROLE_SPONSOR));
    if (sponsor >= 0 && sponsor <= t->weak_component)
        flag_add(f, R_WEAK_SPONSOR);
    if (sat_i >= 0 && sat < 0 && near)
        flag_add(f, R_NO_SATISFACTION_NEAR_RENEWAL);
    /* The CSM's own silence beside the customer's signals: told when a
     * touch is recorded and the cadence has passed since (an account never
     * touched is every account of a book whose notes live elsewhere). */
    if (v->touch_due && a->last_touch != DATE_NONE)
        flag_add(f, R_TOUCH_DUE);

    int total = 0;
    for (int r = 0; r < R_COUNT; r++)
        if (flag_has(f, r))
            total += points_of(t, r);
    *points = total;
    /* A lapsed renewal and a health that rests on too little of the model
     * are flags of their own, whatever else is known. */
    bool flagged = total >= t->risk_flag_from || flag_has(f, R_RENEWAL_PASSED) || flag_has(f, R_LOW_COVERAGE);
    if (!flagged)
        memset(f->reasons, 0, sizeof f->reasons);
    return flagged;
}

/* How soon the renewal decides it, in percent. */
static int urgency_pct(const struct scoring *s, const struct verdict *v)
{
    const struct flag_thresholds *t = &s->flags;
    if (v->months == MONTHS_UNKNOWN)
        return t->urgency_unknown_pct;
    if (v->months < 0)
        return t->urgency_passed_pct;
    if (v->months <= s->month_bands.red_max)
        return t->urgency_red_pct;
    if (v->months <= s->month_bands.amber_max)
        return t->urgency_amber_pct;
    return v->months <= 12 ? t->urgency_green_pct : t->urgency_later_pct;
}

/* The ACV at stake against a typical account of the book (the median: a
 * few large contracts do not make every other one look small), in
 * percent: the square root, so that a contract four times the median
 * weighs twice, not four times, and a small account is not crushed. */
static int stake_pct(const struct scoring *s, const struct account *a, const struct book_context *ctx)
{
    const struct flag_thresholds *t = &s->flags;
    if (!ctx || ctx->median_acv_cents <= 0 || a->acv_cents < 0)
        return 100;
    long p = lround(sqrt((double)a->acv_cents / (double)ctx->median_acv_cents) * 100.0);
    return (int)(p < t->stake_min_pct ? t->stake_min_pct : p > t->stake_max_pct ? t->stake_max_pct : p);
}

static int capped(const struct scoring *s, int points)
{
    return points > s->flags.risk_max_points ? s->flags.risk_max_points : points;
}

static double risk_score(const struct scoring *s, int points, int urgency, int stake)
{
    return (double)capped(s, points) * urgency * stake / 10000.0;
}

void churn_weigh(const struct scoring *s, const struct account *a, const struct verdict *v,
                 const struct book_context *ctx, int points, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    double score = risk_score(s, points, urgency_pct(s, v), stake_pct(s, a, ctx));
    long r = lround(score);
    f->score = (unsigned short)(r > 65535 ? 65535 : r);
    if (ctx && ctx->median_acv_cents > 0 && a->acv_cents >= 0 &&
        a->acv_cents * 100 >= ctx->median_acv_cents * t->high_acv_pct)
        flag_add(f, R_LARGE_ACV);
    if (flag_has(f, R_RENEWAL_PASSED))
        f->severity = SEV_HIGH; /* lapsed: find out now, whatever its size */
    else if (f->score >= t->risk_high_from) /* the score as shown decides: no 59.6 shown as 60 and "medium" */
        f->severity = SEV_HIGH;
    else if (f->score >= t->risk_medium_from)
        f->severity = SEV_MEDIUM;
    else
        f->severity = SEV_LOW;
    /* Uncertain data alone calls for a data check, not an escalation. */
    bool only_uncertain = flag_has(f, R_LOW_COVERAGE);
    for (int k = 0; k < R_COUNT && only_uncertain; k++)
        only_uncertain = !flag_has(f, k) || k == R_LOW_COVERAGE || k == R_LARGE_ACV || k == R_TOUCH_DUE;
    if (only_uncertain && f->severity == SEV_HIGH)
        f->severity = SEV_MEDIUM;
}

bool risk_explain(const struct scoring *s, const struct account *a, const struct verdict *v,
                  const struct book_context *ctx, struct risk_parts *out)
{
    const struct flag *f = verdict_flag(v, FLAG_CHURN);
    memset(out, 0, sizeof *out);
    if (!f)
        return false;
    int list[R_COUNT], n = flag_reasons(f, list);
    for (int k = 0; k < n; k++) {
        out->reason[out->n] = list[k];
        out->points[out->n] = points_of(&s->flags, list[k]);
        out->total += out->points[out->n];
        out->n++;
    }
    out->counted = capped(s, out->total);
    out->urgency_pct = urgency_pct(s, v);
    out->stake_pct = stake_pct(s, a, ctx);
    out->score = risk_score(s, out->total, out->urgency_pct, out->stake_pct);
    return true;
}

void risk_settle(const struct scoring *s, const struct account *acc, struct verdict *v, size_t n)
{
    /* For each severity level and each number of points p: the smallest ACV
     * of an account at that level or above with p points or fewer (renewals
     * passed left out: their severity is about the date, not the stake).
     * An account with at least that ACV and p points is raised to the
     * level. Linear in the book, whatever its size. */
    enum { P = 256 };
    int maxp = s->flags.risk_max_points < P - 1 ? s->flags.risk_max_points : P - 1;
    int64_t least[2][P]; /* [0]: medium or above, [1]: high */
    for (int l = 0; l < 2; l++)
        for (int p = 0; p < P; p++)
            least[l][p] = INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        const struct flag *f = verdict_flag(&v[i], FLAG_CHURN);
        if (!f || acc[i].acv_cents < 0 || flag_has(f, R_RENEWAL_PASSED) || f->severity == SEV_LOW)
            continue;
        int p = v[i].signal_points > maxp ? maxp : v[i].signal_points;
        for (int l = 0; l < 2 && l < f->severity; l++)
            if (acc[i].acv_cents < least[l][p])
                least[l][p] = acc[i].acv_cents;
    }
    for (int l = 0; l < 2; l++)
        for (int p = 1; p < P; p++)
            if (least[l][p - 1] < least[l][p])
                least[l][p] = least[l][p - 1];
    for (size_t i = 0; i < n; i++) {
        struct flag *f = NULL;
        for (int k = 0; k < v[i].nflags; k++)
            if (v[i].flag[k].kind == FLAG_CHURN)
                f = &v[i].flag[k];
        if (!f || acc[i].acv_cents < 0 || f->severity == SEV_HIGH)
            continue;
        int p = v[i].signal_points > maxp ? maxp : v[i].signal_points;
        for (int l = 1; l >= f->severity; l--)
            if (acc[i].acv_cents >= least[l][p]) {
                f->severity = (unsigned char)(l + 1);
                break;
            }
    }
}
