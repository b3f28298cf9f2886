/* The reasons in words, with the account's own facts. What is not known is
 * said to be unknown; components are named by what they measure (the
 * model's words), not by a guess at it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "model_int.h"

int renewal_months_said(const struct verdict *v) { return v->months; }

void renewal_phrase(const struct verdict *v, char *buf, size_t len)
{
    if (v->months == MONTHS_UNKNOWN)
        snprintf(buf, len, "at an unknown date");
    else if (v->days < 0)
        snprintf(buf, len, "passed");
    else if (v->days == 0)
        snprintf(buf, len, "today");
    else if (v->days <= 31)
        snprintf(buf, len, "in %d day%s", v->days, v->days == 1 ? "" : "s");
    else if (v->days < 60)
        snprintf(buf, len, "in %d weeks", (v->days + 3) / 7);
    else {
        int m = renewal_months_said(v);
        snprintf(buf, len, "in %d month%s", m, m == 1 ? "" : "s");
    }
}

/* "customer unhappy (satisfaction 44)": the component's own words. */
static void component_phrase(const struct scoring *s, const struct account *a, int role, bool strong, char *buf,
                             size_t len)
{
    int i = model_role(&s->model, role);
    if (i < 0) {
        snprintf(buf, len, "?");
        return;
    }
    const struct component *c = &s->model.comp[i];
    snprintf(buf, len, "%s (%s %d)", strong ? c->strong : c->weak, c->key, comp_score(a, i));
}

/* "satisfaction, sponsorship": the components without data. */
static void missing_components(const struct scoring *s, const struct account *a, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->model.ncomp && o < len; i++)
        if (a->score[i] == SCORE_NONE)
            o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "", s->model.comp[i].key);
}

/* "KPI fell 20% since onboarding (100 -> 80)". */
static void kpi_phrase(const struct account *a, char *buf, size_t len)
{
    double pct = 0;
    kpi_change_pct(a, &pct);
    snprintf(buf, len, "KPI %s %.0f%% since onboarding (%g -> %g)", pct < 0 ? "fell" : "up", fabs(pct),
             a->kpi_baseline, a->kpi_current);
}

void flag_reason_text(const struct scoring *s, const struct account *a, const struct verdict *v, int reason,
                      char *buf, size_t len)
{
    const struct health_model *m = &s->model;
    char when[32] = "", date[11], money[32], more[160];
    renewal_phrase(v, when, sizeof when);
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
    case R_USAGE_DROP: {
        int u = model_role(m, ROLE_USAGE), day, peak = usage_peak(s, a, &day);
        int cur = u >= 0 && a->nhist ? account_hist(a, a->nhist - 1)[u] : SCORE_NONE;
        if (peak > 0 && cur != SCORE_NONE)
            snprintf(buf, len, "%s usage fell %d%% in %d days (%d -> %d)", m->comp[u].key, v->usage_drop_pct,
                     a->hist_day[a->nhist - 1] - day, (peak + 5) / 10, (cur + 5) / 10);
        else
            snprintf(buf, len, "usage fell %d%%", v->usage_drop_pct);
        break;
    }
    case R_DECLINING_NEAR_RENEWAL:
        snprintf(buf, len, "declining, with renewal %s", when);
        break;
    case R_PULSE_DISAGREES:
        snprintf(buf, len, "your pulse is %s but health is %s", band_name(a->pulse), band_name(v->band));
        break;
    case R_DETRACTOR_ON_GREEN:
        snprintf(buf, len, "NPS %d on a green health of %d: the score hides a detractor", a->nps, v->health);
        break;
    case R_DETRACTOR:
        snprintf(buf, len, "NPS %d: a detractor", a->nps);
        break;
    case R_KPI_FELL_NEAR_RENEWAL:
        kpi_phrase(a, more, sizeof more);
        snprintf(buf, len, "%s, with renewal %s", more, when);
        break;
    case R_KPI_FELL:
        kpi_phrase(a, buf, len);
        break;
    case R_SHARP_DECLINE:
        snprintf(buf, len, "health %d points below its recent peak", health_fall(s, a));
        break;
    case R_FIRST_YEAR_DECLINE:
        snprintf(buf, len, "declining in its first year: an onboarding risk");
        break;
    case R_LOW_COVERAGE:
        missing_components(s, a, more, sizeof more);
        if (v->health < 0)
            snprintf(buf, len, "health unknown: no component has data; collect %s", more);
        else
            snprintf(buf, len, "health uncertain: based on %d%% of the model; collect %s", v->coverage_pct, more);
        break;
    case R_WEAK_USAGE:
    case R_EXP_STRONG_USAGE:
    case R_ADV_STRONG_USAGE:
        component_phrase(s, a, ROLE_USAGE, reason != R_WEAK_USAGE, buf, len);
        break;
    case R_WEAK_SATISFACTION:
    case R_ADV_SATISFIED:
        component_phrase(s, a, ROLE_SATISFACTION, reason == R_ADV_SATISFIED, buf, len);
        break;
    case R_WEAK_SPONSOR:
    case R_EXP_SENIOR_SPONSOR:
        component_phrase(s, a, ROLE_SPONSOR, reason == R_EXP_SENIOR_SPONSOR, buf, len);
        break;
    case R_NO_SATISFACTION_NEAR_RENEWAL: {
        int i = model_role(m, ROLE_SATISFACTION);
        snprintf(buf, len, "no %s data, with renewal %s", i >= 0 ? m->comp[i].key : "satisfaction", when);
        break;
    }
    case R_DECLINING:
        snprintf(buf, len, v->trend_from_history ? "declining over the last snapshots" : "declining");
        break;
    case R_LARGE_ACV:
        money_format(a->acv_cents, money, sizeof money);
        snprintf(buf, len, "ACV $%s is large for this book", money);
        break;
    case R_TOUCH_DUE: {
        /* The playbook's touch for the segment; a small account's is digital. */
        static const char *const touch[] = {"a digital touch", "the semi-annual business review",
                                            "the quarterly business review"};
        int seg = v->segment >= SEG_SMB && v->segment <= SEG_ENT ? v->segment : SEG_SMB;
        date_format(a->last_touch, date);
        snprintf(buf, len, "last touch %s: %s is due (%s, every %d days)", date, touch[seg], segment_name(seg),
                 touch_cadence_days(s, seg));
        break;
    }
    case R_FIX_SENTIMENT_FIRST:
        if (a->nps >= 0 && a->nps <= s->flags.detractor_max_nps) {
            snprintf(buf, len, "fix sentiment first: NPS %d is a detractor's", a->nps);
        } else {
            kpi_phrase(a, more, sizeof more);
            snprintf(buf, len, "fix the results first: %s", more);
        }
        break;
    case R_EXP_HEALTHY:
    case R_ADV_HEALTHY:
        snprintf(buf, len, "health %d is green", v->health);
        break;
    case R_EXP_IMPROVING:
        snprintf(buf, len, "improving");
        break;
    case R_EXP_PROMOTER:
    case R_ADV_PROMOTER:
        snprintf(buf, len, "NPS %d: a promoter", a->nps);
        break;
    case R_ADV_POSITIVE_NPS:
        snprintf(buf, len, "NPS %d: positive sentiment", a->nps);
        break;
    case R_EXP_KPI_GAIN:
        kpi_phrase(a, buf, len);
        break;
    case R_ADV_KPI_GAIN:
        kpi_phrase(a, more, sizeof more);
        snprintf(buf, len, "%s: measured proof", more);
        break;
    case R_EXP_TIME_TO_BUILD:
        snprintf(buf, len, "renewal %s: time to build the case", when);
        break;
    case R_EXP_DECLINING:
        snprintf(buf, len, "but declining: confirm why before proposing");
        break;
    case R_ADV_NOT_DECLINING:
        snprintf(buf, len, "trend %s, not declining", trend_name(v->trend));
        break;
    case R_ADV_NOT_ASKED:
        if (a->last_advocacy_ask == DATE_NONE) {
            snprintf(buf, len, "no advocacy ask recorded");
        } else {
            date_format(a->last_advocacy_ask, date);
            snprintf(buf, len, "last asked %s, over %d months ago", date, s->flags.advocacy_ask_gap_months);
        }
        break;
    case R_ADV_PENDING_PROOF:
        snprintf(buf, len, "pending proof: no KPI recorded (collect the onboarding baseline and today's figure)");
        break;
    case R_ADV_ANONYMISED_ONLY:
        snprintf(buf, len, "MSA restricts the name: an anonymised story only (a backup)");
        break;
    default:
        snprintf(buf, len, "?");
    }
}

bool why_not_text(const struct scoring *s, const struct account *a, const struct verdict *v, int kind, char *buf,
                  size_t len)
{
    if (kind != FLAG_EXPANSION && kind != FLAG_ADVOCACY)
        return false;
    const struct flag_thresholds *t = &s->flags;
    const struct health_model *m = &s->model;
    bool exp = kind == FLAG_EXPANSION;
    char more[256], when[32], date[11];
    int u = model_role(m, ROLE_USAGE), sp = model_role(m, ROLE_SPONSOR), sat = model_role(m, ROLE_SATISFACTION);
    switch (v->why_not[kind]) {
    case WN_NONE:
        return false;
    case WN_NO_HEALTH:
        snprintf(buf, len, "no health data");
        break;
    case WN_LOW_COVERAGE:
        snprintf(buf, len, "health uncertain (based on %d%% of the model)", v->coverage_pct);
        break;
    case WN_RED:
        snprintf(buf, len, "health %d is red", v->health);
        break;
    case WN_CHURN: {
        const struct flag *f = verdict_flag(v, FLAG_CHURN);
        int list[R_COUNT];
        if (f && flag_reasons(f, list) > 0)
            flag_reason_text(s, a, v, list[0], more, sizeof more);
        else
            snprintf(more, sizeof more, "churn risk");
        snprintf(buf, len, "a churn risk to save first (%s)", more);
        break;
    }
    case WN_NOT_GREEN:
        snprintf(buf, len, exp ? "health %d is %s and not improving" : "health %d is %s, not green", v->health,
                 band_name(v->band));
        break;
    case WN_DECLINING:
        snprintf(buf, len, "declining");
        break;
    case WN_WEAK_USAGE:
        if (u >= 0 && a->score[u] != SCORE_NONE)
            snprintf(buf, len, "usage not strong enough (%s %d; needs %d)", m->comp[u].key, comp_score(a, u),
                     exp ? t->strong_product : t->advocacy_min_usage);
        else
            snprintf(buf, len, "no usage data");
        break;
    case WN_WEAK_SPONSOR:
        if (a->score[sp] != SCORE_NONE)
            snprintf(buf, len, "%s (%s %d; needs %d)", m->comp[sp].weak, m->comp[sp].key, comp_score(a, sp),
                     t->strong_sponsor);
        else
            snprintf(buf, len, "no %s data (%s)", m->comp[sp].key, m->comp[sp].description);
        break;
    case WN_RENEWAL_TOO_CLOSE:
        renewal_phrase(v, when, sizeof when);
        snprintf(buf, len, "renewal %s: too close to build a case (needs %d months)", when, t->expansion_min_months);
        break;
    case WN_NPS_LOW:
        snprintf(buf, len, "NPS %d: not positive enough (needs %d)", a->nps, t->advocacy_min_nps);
        break;
    case WN_NO_SENTIMENT:
        if (sat >= 0 && a->score[sat] != SCORE_NONE)
            snprintf(buf, len, "no sign of positive sentiment (%s %d, needs %d; no NPS recorded)", m->comp[sat].key,
                     comp_score(a, sat), t->advocacy_min_satisfaction);
        else
            snprintf(buf, len, "no sign of positive sentiment (no satisfaction data, no NPS recorded)");
        break;
    case WN_MSA:
        snprintf(buf, len, "MSA restricts the name, no anonymised story");
        break;
    case WN_NO_KPI_GAIN:
        kpi_phrase(a, more, sizeof more);
        snprintf(buf, len, "no measured KPI gain (%s; needs %d%%)", more, t->kpi_gain_pct);
        break;
    case WN_ASKED_RECENTLY:
        date_format(a->last_advocacy_ask, date);
        snprintf(buf, len, "asked for advocacy on %s, within %d months", date, t->advocacy_ask_gap_months);
        break;
    default:
        return false;
    }
    return true;
}
