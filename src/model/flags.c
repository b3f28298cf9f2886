/* The judgement: trend, churn risk, expansion target and case-study candidate.
 * Every rule is in this file, written so it reads as the playbooks do. */
#include "csm/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"

/* The model's component whose key contains `part`, or -1. */
static int component_like(const struct health_model *m, const char *part)
{
    for (int i = 0; i < m->ncomp; i++)
        if (strstr(m->comp[i].key, part))
            return i;
    return -1;
}

/* Whole score of component i (rounded half up), or -1 without data. */
static int comp_score(const struct account *a, int i)
{
    return i < 0 || a->score[i] == SCORE_NONE ? -1 : (a->score[i] + 5) / 10;
}

int trend_from_history(const struct scoring *s, const struct account *a)
{
    if (a->nhist < 2)
        return TREND_LEVEL;
    int from = a->nhist - s->trend_snapshots;
    if (from < 0)
        from = 0;
    int first = health_compute(s, a->hist_score[from], NULL);
    int last = health_compute(s, a->hist_score[a->nhist - 1], NULL);
    if (first < 0 || last < 0)
        return TREND_LEVEL;
    if (last - first > s->trend_dead_band)
        return TREND_UP;
    if (first - last > s->trend_dead_band)
        return TREND_DOWN;
    return TREND_LEVEL;
}

/* The usage (first component) drop within the configured window, in percent
 * of the highest usage seen in it; 0 without history. */
static int usage_drop(const struct scoring *s, const struct account *a)
{
    if (a->nhist < 2 || s->model.ncomp == 0)
        return 0;
    int last_day = a->hist_day[a->nhist - 1];
    int cur = a->hist_score[a->nhist - 1][0];
    if (cur == SCORE_NONE)
        return 0;
    int peak = -1;
    for (int i = a->nhist - 2; i >= 0 && a->hist_day[i] >= last_day - s->flags.usage_drop_days; i--)
        if (a->hist_score[i][0] > peak)
            peak = a->hist_score[i][0];
    if (peak <= 0 || cur >= peak)
        return 0;
    return (int)(((long)(peak - cur) * 100 + peak / 2) / peak);
}

static void add(struct flag *f, int reason) { f->reasons |= UINT32_C(1) << reason; }

/* Churn: reasons that alone make an account a risk, and supporting signs
 * that make one when two or more come together. Severity rises with how
 * soon the renewal is and how much ACV is at stake. */
static bool churn_rule(const struct scoring *s, const struct account *a, const struct verdict *v,
                       const struct book_context *ctx, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    const struct health_model *m = &s->model;
    int points = 0, triggers = 0, signs = 0;
    bool renewal_known = v->months != MONTHS_UNKNOWN;
    bool near_renewal = renewal_known && v->months >= 0 && v->months <= s->month_bands.amber_max;

    if (renewal_known && v->months < 0) {
        add(f, R_RENEWAL_PASSED);
        points += 3;
        triggers++;
    }
    if (v->band == BAND_RED) {
        add(f, R_HEALTH_RED);
        points += 3;
        triggers++;
    }
    if (renewal_known && v->months >= 0 && v->months_band == BAND_RED && v->band != BAND_GREEN) {
        add(f, R_RENEWAL_SOON);
        points += 2;
        triggers++;
    }
    if (v->trend == TREND_DOWN && near_renewal) {
        add(f, R_DECLINING_NEAR_RENEWAL);
        points += 2;
        triggers++;
    }
    if (v->usage_drop) {
        add(f, R_USAGE_DROP);
        points += 2;
        triggers++;
    }
    if (a->pulse != BAND_NONE && v->band != BAND_NONE && (a->pulse - v->band == 2 || v->band - a->pulse == 2)) {
        add(f, R_PULSE_DISAGREES);
        points += 1;
        if (a->pulse == BAND_RED)
            triggers++;
    }
    int usage = comp_score(a, 0);
    if (usage >= 0 && usage <= t->weak_component) {
        add(f, R_WEAK_USAGE);
        signs++;
    }
    int sat_i = component_like(m, "satisf");
    int sat = comp_score(a, sat_i);
    if (sat >= 0 && sat <= t->weak_component) {
        add(f, R_WEAK_SATISFACTION);
        signs++;
    }
    int sponsor = comp_score(a, component_like(m, "sponsor"));
    if (sponsor >= 0 && sponsor <= t->weak_component) {
        add(f, R_WEAK_SPONSOR);
        signs++;
    }
    if (sat_i >= 0 && sat < 0 && near_renewal) {
        add(f, R_NO_SATISFACTION_NEAR_RENEWAL);
        signs++;
    }
    if (v->trend == TREND_DOWN && !near_renewal) {
        add(f, R_DECLINING);
        signs++;
    }
    if (v->low_coverage && v->health >= 0) {
        add(f, R_LOW_COVERAGE);
        signs++;
    }
    if (!triggers && signs < 2) {
        f->reasons = 0;
        return false;
    }
    /* Severity: the triggers, up to two supporting signs, how soon the
     * renewal is (within the red months: more; beyond the amber: less), and
     * the ACV at stake. */
    points += signs < 2 ? signs : 2;
    if (renewal_known && v->months <= s->month_bands.red_max)
        points++;
    else if (renewal_known && v->months > s->month_bands.amber_max)
        points--;
    if (ctx && ctx->mean_acv_cents > 0 && a->acv_cents >= 0 &&
        a->acv_cents * 100 >= ctx->mean_acv_cents * t->high_acv_pct) {
        add(f, R_LARGE_ACV);
        points++;
    }
    f->kind = FLAG_CHURN;
    f->severity = points >= 5 ? SEV_HIGH : points >= 3 ? SEV_MEDIUM : SEV_LOW;
    return true;
}

/* Expansion: healthy or improving accounts with strong product use and an
 * engaged sponsor, with time before the renewal to build the case. Never a
 * red account, never one at real risk of churn. */
static bool expansion_rule(const struct scoring *s, const struct account *a, const struct verdict *v,
                           const struct flag *churn, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    if (v->band == BAND_RED || v->band == BAND_NONE || v->low_coverage)
        return false;
    if (churn)
        return false; /* save it first; growth can wait for the next review */
    if (v->band != BAND_GREEN && v->trend != TREND_UP)
        return false;
    int usage = comp_score(a, 0);
    if (usage < t->strong_product)
        return false;
    int sp_i = component_like(&s->model, "sponsor");
    int sponsor = comp_score(a, sp_i);
    if (sp_i >= 0 && sponsor < t->strong_sponsor)
        return false;
    if (v->months != MONTHS_UNKNOWN && v->months < t->expansion_min_months)
        return false;
    if (v->band == BAND_GREEN)
        add(f, R_HEALTHY);
    if (v->trend == TREND_UP)
        add(f, R_IMPROVING);
    add(f, R_STRONG_PRODUCT);
    if (sp_i >= 0)
        add(f, R_ENGAGED_SPONSOR);
    if (v->months != MONTHS_UNKNOWN)
        add(f, R_TIME_TO_BUILD);
    if (v->trend == TREND_DOWN)
        add(f, R_DECLINING);
    f->kind = FLAG_EXPANSION;
    f->severity = v->trend == TREND_DOWN ? SEV_LOW
                  : (v->band == BAND_GREEN && v->trend == TREND_UP) ? SEV_HIGH : SEV_MEDIUM;
    return true;
}

/* Case study: the case-study playbook's readiness criteria. */
static bool advocacy_rule(const struct scoring *s, const struct account *a, const struct verdict *v, int as_of,
                          bool churn, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    if (churn || v->band != BAND_GREEN || v->trend == TREND_DOWN || v->low_coverage)
        return false;
    int sat = comp_score(a, component_like(&s->model, "satisf"));
    bool promoter = a->nps >= t->advocacy_min_nps;
    bool satisfied = sat >= t->advocacy_min_satisfaction;
    if (a->nps >= 0 && !promoter)
        return false; /* a recorded NPS below 8 is the customer's own word */
    if (!promoter && !satisfied)
        return false;
    if (a->msa_restricted == TRI_YES && a->anonymized_ok != TRI_YES)
        return false;
    bool kpi_known = !isnan(a->kpi_baseline) && !isnan(a->kpi_current);
    if (kpi_known && !(a->kpi_current > a->kpi_baseline))
        return false;
    if (a->last_advocacy_ask != DATE_NONE &&
        a->last_advocacy_ask > date_add_months(as_of, -t->advocacy_ask_gap_months))
        return false;
    add(f, R_HEALTHY);
    if (promoter)
        add(f, R_PROMOTER);
    if (satisfied)
        add(f, R_SATISFIED);
    add(f, R_NOT_DECLINING);
    if (kpi_known)
        add(f, R_KPI_IMPROVED);
    if (a->msa_restricted == TRI_YES)
        add(f, R_ANONYMISED_ONLY);
    add(f, R_NOT_ASKED_RECENTLY);
    f->kind = FLAG_ADVOCACY;
    bool strong = (promoter && a->nps >= 9) || sat >= t->advocacy_min_satisfaction + 5 || kpi_known;
    f->severity = strong ? SEV_HIGH : SEV_MEDIUM;
    if (a->msa_restricted == TRI_YES)
        f->severity = SEV_LOW;
    return true;
}

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
    int drop = usage_drop(s, a);
    v->usage_drop = drop >= s->flags.usage_drop_pct;
    v->usage_drop_pct = (short)drop;

    struct flag f;
    const struct flag *churn = NULL;
    memset(&f, 0, sizeof f);
    if (churn_rule(s, a, v, ctx, &f)) {
        v->flag[v->nflags++] = f;
        churn = &v->flag[v->nflags - 1];
    }
    memset(&f, 0, sizeof f);
    if (expansion_rule(s, a, v, churn, &f))
        v->flag[v->nflags++] = f;
    memset(&f, 0, sizeof f);
    if (advocacy_rule(s, a, v, as_of, churn != NULL, &f))
        v->flag[v->nflags++] = f;
}

int flag_reasons(const struct flag *f, int out[R_COUNT])
{
    /* Caveats come last on a positive flag: the case first, then the doubt. */
    static const int caveats[] = {R_DECLINING, R_ANONYMISED_ONLY};
    int n = 0;
    for (int r = 0; r < R_COUNT; r++) {
        bool caveat = f->kind != FLAG_CHURN && (r == caveats[0] || r == caveats[1]);
        if (!caveat && (f->reasons & (UINT32_C(1) << r)))
            out[n++] = r;
    }
    for (int k = 0; k < 2 && f->kind != FLAG_CHURN; k++)
        if (f->reasons & (UINT32_C(1) << caveats[k]))
            out[n++] = caveats[k];
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

static void months_phrase(int months, char *buf, size_t len)
{
    if (months == 0)
        snprintf(buf, len, "this month");
    else
        snprintf(buf, len, "in %d month%s", months, months == 1 ? "" : "s");
}

/* "satisfaction, sponsorship" : the components without data. */
static void missing_components(const struct scoring *s, const struct account *a, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->model.ncomp && o < len; i++)
        if (a->score[i] == SCORE_NONE)
            o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "", s->model.comp[i].key);
}

void flag_reason_text(const struct scoring *s, const struct account *a, const struct verdict *v, int reason,
                      char *buf, size_t len)
{
    const struct health_model *m = &s->model;
    /* Only what this reason tells is worked out: csm flags says millions of these. */
    bool sat = reason == R_WEAK_SATISFACTION || reason == R_NO_SATISFACTION_NEAR_RENEWAL || reason == R_SATISFIED;
    bool sp = reason == R_WEAK_SPONSOR || reason == R_ENGAGED_SPONSOR;
    int sat_i = sat ? component_like(m, "satisf") : -1, sp_i = sp ? component_like(m, "sponsor") : -1;
    char when[32] = "", date[11], money[32], miss[128];
    if (reason == R_RENEWAL_SOON || reason == R_DECLINING_NEAR_RENEWAL || reason == R_NO_SATISFACTION_NEAR_RENEWAL ||
        reason == R_TIME_TO_BUILD) {
        if (v->months != MONTHS_UNKNOWN)
            months_phrase(v->months, when, sizeof when);
        else
            snprintf(when, sizeof when, "at an unknown date");
    }
    switch (reason) {
    case R_RENEWAL_PASSED:
        date_format(a->renewal, date);
        snprintf(buf, len, "renewal date %s has passed with no new one recorded", date);
        break;
    case R_HEALTH_RED:
        snprintf(buf, len, "health %d is red", v->health);
        break;
    case R_RENEWAL_SOON:
        if (v->health < 0)
            snprintf(buf, len, "renewal %s with no health data", when);
        else
            snprintf(buf, len, "renewal %s with health %d (%s)", when, v->health, band_name(v->band));
        break;
    case R_DECLINING_NEAR_RENEWAL:
        snprintf(buf, len, "declining with renewal %s", when);
        break;
    case R_USAGE_DROP:
        snprintf(buf, len, "%s usage fell %d%% within %d days", m->comp[0].key, v->usage_drop_pct,
                 s->flags.usage_drop_days);
        break;
    case R_PULSE_DISAGREES:
        snprintf(buf, len, "your pulse is %s but health is %s", band_name(a->pulse), band_name(v->band));
        break;
    case R_WEAK_USAGE:
        snprintf(buf, len, "%s %d: low usage", m->comp[0].key, comp_score(a, 0));
        break;
    case R_WEAK_SATISFACTION:
        snprintf(buf, len, "%s %d: unhappy customer", sat_i >= 0 ? m->comp[sat_i].key : "satisfaction",
                 comp_score(a, sat_i));
        break;
    case R_WEAK_SPONSOR:
        snprintf(buf, len, "%s %d: no executive sponsor engaged", sp_i >= 0 ? m->comp[sp_i].key : "sponsorship",
                 comp_score(a, sp_i));
        break;
    case R_NO_SATISFACTION_NEAR_RENEWAL:
        snprintf(buf, len, "%s has no data with renewal %s", sat_i >= 0 ? m->comp[sat_i].key : "satisfaction", when);
        break;
    case R_DECLINING:
        snprintf(buf, len, v->trend_from_history ? "declining over the last snapshots" : "declining");
        break;
    case R_LOW_COVERAGE:
        missing_components(s, a, miss, sizeof miss);
        snprintf(buf, len, "health rests on %d%% of the model (%s no data)", v->coverage_pct, miss);
        break;
    case R_LARGE_ACV:
        money_format(a->acv_cents, money, sizeof money);
        snprintf(buf, len, "ACV $%s is large for this book", money);
        break;
    case R_HEALTHY:
        snprintf(buf, len, "health %d is green", v->health);
        break;
    case R_IMPROVING:
        snprintf(buf, len, "improving");
        break;
    case R_STRONG_PRODUCT:
        snprintf(buf, len, "%s %d: strong use", m->comp[0].key, comp_score(a, 0));
        break;
    case R_ENGAGED_SPONSOR:
        snprintf(buf, len, "%s %d: sponsor engaged", sp_i >= 0 ? m->comp[sp_i].key : "sponsorship", comp_score(a, sp_i));
        break;
    case R_TIME_TO_BUILD:
        snprintf(buf, len, "renewal %s: time to build the case", when);
        break;
    case R_PROMOTER:
        snprintf(buf, len, "NPS %d: a promoter", a->nps);
        break;
    case R_SATISFIED:
        snprintf(buf, len, "%s %d: positive sentiment", sat_i >= 0 ? m->comp[sat_i].key : "satisfaction",
                 comp_score(a, sat_i));
        break;
    case R_NOT_DECLINING:
        snprintf(buf, len, "trend %s, not declining", trend_name(v->trend));
        break;
    case R_KPI_IMPROVED:
        if (a->kpi_baseline > 0)
            snprintf(buf, len, "KPI up %.0f%% since onboarding (%g -> %g)",
                     (a->kpi_current - a->kpi_baseline) * 100.0 / a->kpi_baseline, a->kpi_baseline, a->kpi_current);
        else
            snprintf(buf, len, "KPI improved since onboarding (%g -> %g)", a->kpi_baseline, a->kpi_current);
        break;
    case R_ANONYMISED_ONLY:
        snprintf(buf, len, "MSA restricts the name: anonymised story only");
        break;
    case R_NOT_ASKED_RECENTLY:
        if (a->last_advocacy_ask == DATE_NONE) {
            snprintf(buf, len, "never asked for advocacy");
        } else {
            date_format(a->last_advocacy_ask, date);
            snprintf(buf, len, "last asked %s, over %d months ago", date, s->flags.advocacy_ask_gap_months);
        }
        break;
    default:
        snprintf(buf, len, "?");
    }
}
