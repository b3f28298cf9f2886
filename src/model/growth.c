/* Growth and advocacy: the readiness rules of an expansion target and of a
 * case-study candidate, checked in order. The first one an account fails
 * is why it is not one (verdict.why_not), which `show` tells. */
#include <math.h>

#include "csm/date.h"
#include "model_int.h"

/* The churn signals that are the customer's sentiment: they do not hide a
 * growth opportunity, they say to fix the sentiment first. A touch due is
 * not the customer's signal at all: the review it calls for is where a
 * case is made. */
static bool sentiment_only(int reason)
{
    return reason == R_DETRACTOR || reason == R_DETRACTOR_ON_GREEN || reason == R_KPI_FELL ||
           reason == R_KPI_FELL_NEAR_RENEWAL || reason == R_LARGE_ACV || reason == R_TOUCH_DUE;
}

static bool churn_blocks_growth(const struct flag *churn)
{
    for (int r = 0; churn && r < R_COUNT; r++)
        if (flag_has(churn, r) && !sentiment_only(r))
            return true;
    return false;
}

static bool detractor(const struct scoring *s, const struct account *a)
{
    return a->nps >= 0 && a->nps <= s->flags.detractor_max_nps;
}

static bool kpi_fell(const struct scoring *s, const struct account *a)
{
    double pct;
    return kpi_change_pct(a, &pct) && pct < 0 && -pct >= s->flags.kpi_fall_pct;
}

static bool kpi_proven(const struct scoring *s, const struct account *a)
{
    double pct;
    return kpi_change_pct(a, &pct) && pct >= s->flags.kpi_gain_pct;
}

static unsigned short clamp_score(long v) { return (unsigned short)(v < 0 ? 0 : v > 65535 ? 65535 : v); }

int expansion_check(const struct scoring *s, const struct account *a, const struct verdict *v,
                    const struct flag *churn, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    if (v->health < 0)
        return WN_NO_HEALTH;
    if (v->low_coverage)
        return WN_LOW_COVERAGE;
    if (v->band == BAND_RED)
        return WN_RED;
    if (churn_blocks_growth(churn))
        return WN_CHURN; /* save it first; growth can wait for the next review */
    if (v->band != BAND_GREEN && v->trend != TREND_UP)
        return WN_NOT_GREEN;
    int usage = comp_score(a, model_role(&s->model, ROLE_USAGE));
    if (usage < t->strong_product)
        return WN_WEAK_USAGE;
    int sp_i = model_role(&s->model, ROLE_SPONSOR), sponsor = comp_score(a, sp_i);
    if (sp_i >= 0 && sponsor < t->strong_sponsor)
        return WN_WEAK_SPONSOR;
    if (v->months != MONTHS_UNKNOWN && v->months < t->expansion_min_months)
        return WN_RENEWAL_TOO_CLOSE;
    f->kind = FLAG_EXPANSION;
    if (detractor(s, a) || kpi_fell(s, a)) {
        /* Everything else says grow; the customer's own word says not yet. */
        flag_add(f, R_FIX_SENTIMENT_FIRST);
        flag_add(f, R_EXP_STRONG_USAGE);
        if (sp_i >= 0)
            flag_add(f, R_EXP_SENIOR_SPONSOR);
        f->severity = SEV_LOW;
        return WN_NONE;
    }
    if (v->band == BAND_GREEN)
        flag_add(f, R_EXP_HEALTHY);
    if (v->trend == TREND_UP)
        flag_add(f, R_EXP_IMPROVING);
    flag_add(f, R_EXP_STRONG_USAGE);
    if (sp_i >= 0)
        flag_add(f, R_EXP_SENIOR_SPONSOR);
    bool promoter = a->nps >= t->promoter_min_nps;
    if (promoter)
        flag_add(f, R_EXP_PROMOTER);
    if (kpi_proven(s, a))
        flag_add(f, R_EXP_KPI_GAIN);
    if (v->months != MONTHS_UNKNOWN)
        flag_add(f, R_EXP_TIME_TO_BUILD);
    if (v->trend == TREND_DOWN)
        flag_add(f, R_EXP_DECLINING);
    bool proof = promoter || flag_has(f, R_EXP_KPI_GAIN);
    f->severity = v->trend == TREND_DOWN                                          ? SEV_LOW
                  : v->band == BAND_GREEN && (v->trend == TREND_UP || proof)     ? SEV_HIGH
                                                                                 : SEV_MEDIUM;
    f->score = clamp_score((usage - t->strong_product) + (sponsor > 0 ? sponsor - t->strong_sponsor : 0) +
                           (v->trend == TREND_UP ? 20 : 0) + (proof ? 20 : 0) + 100);
    return WN_NONE;
}

int advocacy_check(const struct scoring *s, const struct account *a, const struct verdict *v, int as_of,
                   const struct flag *churn, struct flag *f)
{
    const struct flag_thresholds *t = &s->flags;
    if (v->health < 0)
        return WN_NO_HEALTH;
    if (v->low_coverage)
        return WN_LOW_COVERAGE;
    if (churn)
        return WN_CHURN;
    if (v->band != BAND_GREEN)
        return WN_NOT_GREEN;
    if (v->trend == TREND_DOWN)
        return WN_DECLINING;
    /* "The product is demonstrably solving the customer's core problem." */
    int usage = comp_score(a, model_role(&s->model, ROLE_USAGE));
    if (usage < t->advocacy_min_usage)
        return WN_WEAK_USAGE;
    /* Positive sentiment: NPS >= 8, or a satisfied customer. A recorded NPS
     * below it is the customer's own word and outweighs a survey score. */
    if (a->nps >= 0 && a->nps < t->advocacy_min_nps)
        return WN_NPS_LOW;
    int sat = comp_score(a, model_role(&s->model, ROLE_SATISFACTION));
    bool satisfied = sat >= t->advocacy_min_satisfaction;
    if (a->nps < 0 && !satisfied)
        return WN_NO_SENTIMENT;
    if (a->msa_restricted == TRI_YES && a->anonymized_ok != TRI_YES)
        return WN_MSA;
    double kpi = 0;
    bool kpi_known = kpi_change_pct(a, &kpi);
    if (kpi_known && kpi < t->kpi_gain_pct)
        return WN_NO_KPI_GAIN;
    if (a->last_advocacy_ask != DATE_NONE && a->last_advocacy_ask > date_add_months(as_of, -t->advocacy_ask_gap_months))
        return WN_ASKED_RECENTLY;
    f->kind = FLAG_ADVOCACY;
    if (kpi_known)
        flag_add(f, R_ADV_KPI_GAIN);
    flag_add(f, R_ADV_HEALTHY);
    if (a->nps >= t->promoter_min_nps)
        flag_add(f, R_ADV_PROMOTER);
    else if (a->nps >= t->advocacy_min_nps)
        flag_add(f, R_ADV_POSITIVE_NPS);
    if (satisfied)
        flag_add(f, R_ADV_SATISFIED);
    flag_add(f, R_ADV_STRONG_USAGE);
    flag_add(f, R_ADV_NOT_DECLINING);
    flag_add(f, R_ADV_NOT_ASKED);
    if (!kpi_known)
        flag_add(f, R_ADV_PENDING_PROOF);
    if (a->msa_restricted == TRI_YES)
        flag_add(f, R_ADV_ANONYMISED_ONLY);
    /* Proven first; without a measured KPI the story is pending proof; an
     * anonymised story is the backup. */
    f->severity = a->msa_restricted == TRI_YES ? SEV_LOW : kpi_known ? SEV_HIGH : SEV_MEDIUM;
    long strength = 100 + (kpi_known ? lround(kpi > 100 ? 100 : kpi) : 0) +
                    (a->nps >= t->promoter_min_nps ? 30 : a->nps >= t->advocacy_min_nps ? 15 : 0) +
                    (sat >= 0 ? sat - t->advocacy_min_satisfaction : 0) + (usage - t->advocacy_min_usage) / 2;
    f->score = clamp_score(strength);
    return WN_NONE;
}
