/* The judgement, one rule at a time: every rule can fire and can stay
 * silent, the edges are where the playbooks put them, and the sample book
 * gets the flags a CSM would give it. */
#include "testing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csm/date.h"

static int as_of;
static struct scoring sc;

static int setup(void **state)
{
    (void)state;
    scoring_defaults(&sc);
    return date_parse_iso("2027-01-01", &as_of) ? 0 : -1;
}

/* An account from the sample book, as of 2027-01-01. */
static struct account sample(int i)
{
    const struct sample_row *r = &sample_book[i];
    struct account a;
    account_init(&a);
    a.name = (char *)r->name;
    a.term_years = r->term;
    a.acv_cents = (int64_t)r->acv * 100;
    a.renewal = date_add_months(as_of, r->renewal_months);
    a.trend = r->trend;
    a.score[0] = tenths(r->product);
    a.score[1] = tenths(r->satisfaction);
    a.score[2] = tenths(r->support);
    a.score[3] = tenths(r->sponsorship);
    return a;
}

/* The sample's mean ACV, $30,000, and median, $27,000. */
static const struct book_context ctx = {INT64_C(3000000), INT64_C(2700000)};

static bool has_reason(const struct verdict *v, int kind, int reason)
{
    return flag_has(verdict_flag(v, kind), reason);
}

static struct verdict judge(const struct account *a)
{
    struct verdict v;
    assess(&sc, a, as_of, &ctx, &v);
    return v;
}

static int severity(const struct verdict *v, int kind)
{
    const struct flag *f = verdict_flag(v, kind);
    return f ? f->severity : -1;
}

static void reason_text(const struct account *a, const struct verdict *v, int reason, char *buf, size_t len)
{
    flag_reason_text(&sc, a, v, reason, buf, len);
}

/* A steady amber-to-green account with every rule quiet. */
static struct account quiet(void)
{
    struct account a;
    account_init(&a);
    a.name = "Quiet";
    a.term_years = 3;
    a.acv_cents = 3000000;
    a.renewal = date_add_months(as_of, 10);
    a.trend = TREND_LEVEL;
    a.score[0] = 700;
    a.score[1] = 700;
    a.score[2] = 700;
    a.score[3] = 650;
    return a;
}

/* Green, strong use, a senior decision maker, satisfied: a target and a candidate. */
static struct account strong(void)
{
    struct account a = quiet();
    a.score[0] = 850;
    a.score[1] = 850;
    a.score[2] = 850;
    a.score[3] = 850;
    return a;
}

static void sample_book_flags(void **state)
{
    (void)state;
    static const int churn[] = {4, 5, 6, 7, 9, 10, 12, 13};
    bool is_churn[16] = {false};
    for (size_t k = 0; k < sizeof churn / sizeof churn[0]; k++)
        is_churn[churn[k]] = true;
    for (int i = 0; i < 15; i++) {
        struct account a = sample(i);
        struct verdict v = judge(&a);
        if (is_churn[i + 1] != (verdict_flag(&v, FLAG_CHURN) != NULL))
            fail_msg("Customer %d: churn flag %s", i + 1, is_churn[i + 1] ? "missing" : "unexpected");
        if (v.band == BAND_RED && (verdict_flag(&v, FLAG_EXPANSION) || verdict_flag(&v, FLAG_ADVOCACY)))
            fail_msg("%s is red and a target or candidate", a.name);
        if (v.trend == TREND_DOWN && verdict_flag(&v, FLAG_ADVOCACY))
            fail_msg("%s is declining and a case-study candidate", a.name);
        for (int k = 0; k < v.nflags; k++)
            if (!v.flag[k].reasons[0] && !v.flag[k].reasons[1])
                fail_msg("%s: a flag without reasons", a.name);
    }
    struct account c6 = sample(5), c12 = sample(11), c5 = sample(4), c11 = sample(10), c3 = sample(2);
    struct verdict v6 = judge(&c6), v12 = judge(&c12), v5 = judge(&c5), v11 = judge(&c11), v3 = judge(&c3);
    assert_int_equal(severity(&v6, FLAG_CHURN), SEV_HIGH);
    /* The worst health in the book, declining in its first year. */
    assert_int_equal(severity(&v12, FLAG_CHURN), SEV_HIGH);
    assert_true(has_reason(&v12, FLAG_CHURN, R_FIRST_YEAR_DECLINE));
    /* The smallest account, amber at its renewal: watched, not an escalation. */
    assert_int_equal(severity(&v5, FLAG_CHURN), SEV_LOW);
    /* Satisfied, green, level, no KPI recorded: a candidate pending proof. */
    assert_int_equal(severity(&v11, FLAG_ADVOCACY), SEV_MEDIUM);
    assert_true(has_reason(&v11, FLAG_ADVOCACY, R_ADV_PENDING_PROOF));
    /* Green and strong, but declining: growth with a caveat. */
    assert_int_equal(severity(&v3, FLAG_EXPANSION), SEV_LOW);
    assert_true(has_reason(&v3, FLAG_EXPANSION, R_EXP_DECLINING));
}

static void quiet_account_has_no_flags(void **state)
{
    (void)state;
    struct account a = quiet();
    struct verdict v = judge(&a);
    assert_int_equal(v.health, 69);
    assert_int_equal(v.nflags, 0);
    assert_int_equal(v.why_not[FLAG_EXPANSION], WN_NOT_GREEN);
}

static void each_churn_signal(void **state)
{
    (void)state;
    struct account a;
    struct verdict v;

    a = quiet();
    a.score[0] = 300;
    a.score[1] = 300; /* health red: a flag alone */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_HEALTH_RED));

    a = quiet();
    a.renewal = date_add_months(as_of, 2); /* amber at the renewal */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_RENEWAL_SOON));
    a.score[0] = a.score[1] = a.score[2] = a.score[3] = 900; /* green: the date alone is no risk */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.renewal = date_add_months(as_of, 5);
    a.trend = TREND_DOWN;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_DECLINING_NEAR_RENEWAL));
    a.renewal = date_add_months(as_of, 10); /* far off: a sign, not a flag */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.acv_cents = 300000; /* $3,000: small, but the renewal has lapsed */
    a.renewal = date_add_months(as_of, -1);
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_RENEWAL_PASSED));
    assert_int_equal(severity(&v, FLAG_CHURN), SEV_HIGH);

    a = quiet();
    a.score[3] = 300; /* weak sponsorship */
    a.score[1] = 400; /* weak satisfaction */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_SPONSOR));
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_SATISFACTION));
    a.score[1] = 700; /* one weak component alone is not a flag */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.score[1] = SCORE_NONE;
    a.renewal = date_add_months(as_of, 5);
    a.score[0] = 450;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_NO_SATISFACTION_NEAR_RENEWAL));
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_USAGE));

    /* The pulse as it always was: two bands from the score. */
    a = quiet();
    a.pulse = BAND_RED;
    a.score[0] = a.score[1] = a.score[2] = a.score[3] = 900;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_PULSE_DISAGREES));
    char buf[160];
    reason_text(&a, &v, R_PULSE_DISAGREES, buf, sizeof buf);
    assert_string_equal(buf, "your pulse is red but health is green");
    a.pulse = BAND_AMBER;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));
}

static void nps_edges(void **state)
{
    (void)state;
    char buf[160];
    struct account a = quiet();
    a.nps = 6; /* a detractor, on an amber account */
    struct verdict v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_DETRACTOR));
    reason_text(&a, &v, R_DETRACTOR, buf, sizeof buf);
    assert_string_equal(buf, "NPS 6: a detractor");
    a.nps = 7; /* passive: neither a churn sign nor positive sentiment */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = strong();
    a.nps = 5; /* green, strong use, senior sponsor: a detractor all the same */
    a.trend = TREND_UP;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_DETRACTOR_ON_GREEN));
    reason_text(&a, &v, R_DETRACTOR_ON_GREEN, buf, sizeof buf);
    assert_string_equal(buf, "NPS 5 on a green health of 85: the score hides a detractor");
    /* Never an expansion target: at most "fix sentiment first", low. */
    assert_int_equal(severity(&v, FLAG_EXPANSION), SEV_LOW);
    assert_true(has_reason(&v, FLAG_EXPANSION, R_FIX_SENTIMENT_FIRST));
    reason_text(&a, &v, R_FIX_SENTIMENT_FIRST, buf, sizeof buf);
    assert_string_equal(buf, "fix sentiment first: NPS 5 is a detractor's");
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_int_equal(v.why_not[FLAG_ADVOCACY], WN_CHURN);

    a.nps = 9; /* a promoter counts towards advocacy */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ADV_PROMOTER));
    assert_true(has_reason(&v, FLAG_EXPANSION, R_EXP_PROMOTER));
    a.nps = 8;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ADV_POSITIVE_NPS));
    a.nps = 7; /* the customer's own word outweighs the survey score */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_true(why_not_text(&sc, &a, &v, FLAG_ADVOCACY, buf, sizeof buf));
    assert_string_equal(buf, "NPS 7: not positive enough (needs 8)");
}

static void kpi_edges(void **state)
{
    (void)state;
    char buf[200];
    struct account a = quiet();
    a.kpi_baseline = 100;
    a.kpi_current = 80; /* fell since onboarding */
    struct verdict v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN)); /* far from the renewal: a sign, not alone a flag */
    a.score[3] = 300; /* with a weak sponsor, it is */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_KPI_FELL));
    reason_text(&a, &v, R_KPI_FELL, buf, sizeof buf);
    assert_string_equal(buf, "KPI fell 20% since onboarding (100 -> 80)");
    a.score[3] = 650;
    a.renewal = date_add_months(as_of, 4); /* stronger near the renewal: a flag alone */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_KPI_FELL_NEAR_RENEWAL));
    assert_false(has_reason(&v, FLAG_CHURN, R_KPI_FELL));

    a = strong();
    a.kpi_baseline = 100;
    a.kpi_current = 100; /* equal to the baseline: no fall, and no proof either */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_int_equal(v.why_not[FLAG_ADVOCACY], WN_NO_KPI_GAIN);
    assert_true(why_not_text(&sc, &a, &v, FLAG_ADVOCACY, buf, sizeof buf));
    assert_string_equal(buf, "no measured KPI gain (KPI up 0% since onboarding (100 -> 100); needs 10%)");
    a.kpi_current = 135; /* a measured gain: a proven candidate, ranked first */
    v = judge(&a);
    assert_int_equal(severity(&v, FLAG_ADVOCACY), SEV_HIGH);
    reason_text(&a, &v, R_ADV_KPI_GAIN, buf, sizeof buf);
    assert_string_equal(buf, "KPI up 35% since onboarding (100 -> 135): measured proof");
    int list[R_COUNT];
    flag_reason_text(&sc, &a, &v, R_ADV_KPI_GAIN, buf, sizeof buf);
    assert_int_equal((flag_reasons(verdict_flag(&v, FLAG_ADVOCACY), list), list[0]), R_ADV_KPI_GAIN);
    a.kpi_current = 80; /* a fall: never a growth pick */
    a.trend = TREND_UP;
    v = judge(&a);
    assert_int_equal(severity(&v, FLAG_EXPANSION), SEV_LOW);
    assert_true(has_reason(&v, FLAG_EXPANSION, R_FIX_SENTIMENT_FIRST));
    /* No KPI recorded: pending proof, below a proven one. */
    a.kpi_baseline = a.kpi_current = NAN;
    v = judge(&a);
    assert_int_equal(severity(&v, FLAG_ADVOCACY), SEV_MEDIUM);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ADV_PENDING_PROOF));
}

static void first_year_decline(void **state)
{
    (void)state;
    struct account a = quiet();
    a.term_years = 0;
    a.trend = TREND_DOWN;
    struct verdict v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_FIRST_YEAR_DECLINE));
    a.term_years = 1;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN)); /* a decline far from the renewal is a sign only */
}

static void coverage_at_the_threshold(void **state)
{
    (void)state;
    char buf[200];
    struct account a = strong();
    a.score[0] = SCORE_NONE; /* product is half the model: 50% is left */
    sc.min_coverage_pct = 50;
    struct verdict v = judge(&a);
    assert_int_equal(v.coverage_pct, 50);
    assert_false(v.low_coverage); /* at the threshold: enough */
    sc.min_coverage_pct = 51;
    v = judge(&a);
    assert_true(v.low_coverage);
    /* A flag of its own, whatever the score; never a growth or advocacy pick. */
    assert_true(has_reason(&v, FLAG_CHURN, R_LOW_COVERAGE));
    reason_text(&a, &v, R_LOW_COVERAGE, buf, sizeof buf);
    assert_string_equal(buf, "health uncertain: based on 50% of the model; collect product");
    assert_null(verdict_flag(&v, FLAG_EXPANSION));
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_int_equal(v.why_not[FLAG_ADVOCACY], WN_LOW_COVERAGE);
    /* Uncertain data calls for a data check, not an escalation. */
    a.acv_cents = 50000000;
    a.renewal = date_add_months(as_of, 1);
    v = judge(&a);
    assert_int_equal(severity(&v, FLAG_CHURN), SEV_MEDIUM);
    sc.min_coverage_pct = 60;
}

/* Three snapshots, `gap` days apart at the end: usage 80 then 56 (30% less). */
static void usage_drop_case(int gap, bool expect)
{
    struct account a = quiet();
    int days[3] = {as_of - gap - 30, as_of - gap, as_of};
    short scores[3][MODEL_MAX_COMPONENTS];
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            scores[k][c] = c < 4 ? 700 : SCORE_NONE;
    scores[1][0] = 800;
    scores[2][0] = 560;
    a.nhist = 3;
    a.hist_day = days;
    a.hist_score = &scores[0][0];
    a.hist_width = MODEL_MAX_COMPONENTS;
    a.score[0] = 560;
    struct verdict v = judge(&a);
    if (v.usage_drop != expect)
        fail_msg("snapshots %d days apart: usage drop %s", gap, expect ? "missed" : "found");
    if (expect) {
        assert_int_equal(v.usage_drop_pct, 30);
        char buf[160];
        reason_text(&a, &v, R_USAGE_DROP, buf, sizeof buf);
        char want[160];
        snprintf(want, sizeof want, "product usage fell 30%% in %d days (80 -> 56)", gap);
        assert_string_equal(buf, want);
    }
}

static void usage_drop_weekly_and_monthly(void **state)
{
    (void)state;
    usage_drop_case(7, true);   /* weekly exports */
    usage_drop_case(28, true);  /* February */
    usage_drop_case(31, true);  /* the longest month */
    usage_drop_case(35, false); /* five weeks: beyond a month */
    /* Compared with the highest in the window, not the first: 80, 85, 60. */
    struct account a = quiet();
    int days[3] = {as_of - 20, as_of - 10, as_of};
    short scores[3][MODEL_MAX_COMPONENTS];
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            scores[k][c] = c < 4 ? 700 : SCORE_NONE;
    scores[0][0] = 800;
    scores[1][0] = 850;
    scores[2][0] = 600;
    a.nhist = 3;
    a.hist_day = days;
    a.hist_score = &scores[0][0];
    a.hist_width = MODEL_MAX_COMPONENTS;
    assert_int_equal(usage_drop_pct(&sc, &a), 29);
}

static void trend_from_snapshots(void **state)
{
    (void)state;
    struct account a = quiet();
    a.trend = TREND_NONE;
    int days[3] = {as_of - 60, as_of - 30, as_of};
    short scores[3][MODEL_MAX_COMPONENTS];
    int h[3];
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            scores[k][c] = SCORE_NONE;
    a.nhist = 3;
    a.hist_day = days;
    a.hist_score = &scores[0][0];
    a.hist_width = MODEL_MAX_COMPONENTS;
#define SET3(x, y, z)                                                                                                  \
    do {                                                                                                               \
        h[0] = (x), h[1] = (y), h[2] = (z);                                                                            \
        for (int k = 0; k < 3; k++)                                                                                    \
            for (int c = 0; c < 4; c++)                                                                                \
                scores[k][c] = (short)(h[k] * 10);                                                                     \
    } while (0)
    SET3(60, 65, 70);
    assert_int_equal(trend_from_history(&sc, &a), TREND_UP);
    SET3(60, 61, 62); /* within the dead band */
    assert_int_equal(trend_from_history(&sc, &a), TREND_LEVEL);
    SET3(70, 60, 50);
    assert_int_equal(trend_from_history(&sc, &a), TREND_DOWN);
    SET3(30, 90, 30); /* first and last agree, but it fell from the peak */
    assert_int_equal(trend_from_history(&sc, &a), TREND_DOWN);
    SET3(90, 88, 87); /* 3 points below the peak: inside the dead band */
    assert_int_equal(trend_from_history(&sc, &a), TREND_LEVEL);
    struct verdict v = judge(&a);
    assert_true(v.trend_from_history);
    a.nhist = 1;
    assert_int_equal(trend_from_history(&sc, &a), TREND_LEVEL);
    a.trend = TREND_UP; /* the export's own trend wins */
    a.nhist = 3;
    v = judge(&a);
    assert_int_equal(v.trend, TREND_UP);
    assert_false(v.trend_from_history);
#undef SET3
}

static void risk_in_proportion(void **state)
{
    (void)state;
    /* The same signals on $250,000 and on $8,000 in a book whose mean is
     * $54,000: amber 61 renewing in two months, a detractor. */
    struct book_context big_book = {INT64_C(5400000), INT64_C(5400000)};
    struct account big = quiet(), small = quiet();
    big.acv_cents = INT64_C(25000000);
    small.acv_cents = INT64_C(800000);
    for (int i = 0; i < 2; i++) {
        struct account *a = i ? &small : &big;
        a->renewal = date_add_months(as_of, 2);
        a->nps = 6;
        a->score[0] = a->score[1] = a->score[2] = a->score[3] = 610;
    }
    struct verdict vb, vs;
    assess(&sc, &big, as_of, &big_book, &vb);
    assess(&sc, &small, as_of, &big_book, &vs);
    const struct flag *fb = verdict_flag(&vb, FLAG_CHURN), *fs = verdict_flag(&vs, FLAG_CHURN);
    assert_non_null(fb);
    assert_non_null(fs);
    assert_int_equal(vb.signal_points, vs.signal_points);
    assert_true(fb->score > fs->score);
    assert_int_equal(fb->severity, SEV_HIGH);
    assert_int_equal(fs->severity, SEV_LOW);

    /* The parts add up as show tells them. */
    struct risk_parts p;
    assert_true(risk_explain(&sc, &big, &vb, &big_book, &p));
    int sum = 0;
    for (int k = 0; k < p.n; k++)
        sum += p.points[k];
    assert_int_equal(sum, p.total);
    assert_int_equal(p.total, sc.flags.pts_renewal_soon + sc.flags.pts_detractor);
    assert_int_equal(p.urgency_pct, sc.flags.urgency_red_pct);
    assert_int_equal((int)lround(p.score), fb->score);
    assert_false(risk_explain(&sc, &big, &(struct verdict){0}, &big_book, &p));
}

static void small_is_never_above_large(void **state)
{
    (void)state;
    /* A smaller account renewing in four months is high; a larger one with
     * the same signals renewing in thirteen scores lower, but is raised: a
     * small account is not high beside a large one with equal signals. */
    struct account acc[3];
    struct verdict v[3];
    acc[0] = quiet();
    acc[0].acv_cents = INT64_C(6000000);
    acc[0].renewal = date_add_months(as_of, 4);
    acc[1] = quiet();
    acc[1].acv_cents = INT64_C(6500000);
    acc[1].renewal = date_add_months(as_of, 13);
    for (int i = 0; i < 2; i++) {
        acc[i].score[0] = acc[i].score[1] = acc[i].score[3] = 500; /* weak usage, satisfaction, sponsorship */
        acc[i].score[2] = 1000;
    }
    /* And a tiny one whose renewal has lapsed: high for the date, raising nobody. */
    acc[2] = quiet();
    acc[2].acv_cents = 100000;
    acc[2].renewal = date_add_months(as_of, -2);
    acc[2].score[0] = acc[2].score[1] = 400;
    acc[2].score[3] = 300;
    for (int i = 0; i < 3; i++)
        assess(&sc, &acc[i], as_of, &ctx, &v[i]);
    assert_int_equal(severity(&v[0], FLAG_CHURN), SEV_HIGH);
    assert_true(verdict_flag(&v[1], FLAG_CHURN)->score < verdict_flag(&v[0], FLAG_CHURN)->score);
    assert_true(severity(&v[1], FLAG_CHURN) < SEV_HIGH);
    assert_int_equal(severity(&v[2], FLAG_CHURN), SEV_HIGH);
    risk_settle(&sc, acc, v, 3);
    assert_int_equal(severity(&v[1], FLAG_CHURN), SEV_HIGH);
    assert_int_equal(v[0].signal_points, v[1].signal_points);
    /* Fewer signals: not raised. */
    acc[1].score[3] = 650;
    assess(&sc, &acc[1], as_of, &ctx, &v[1]);
    int before = severity(&v[1], FLAG_CHURN);
    risk_settle(&sc, acc, v, 3);
    assert_int_equal(severity(&v[1], FLAG_CHURN), before);
}

static void expansion_rules(void **state)
{
    (void)state;
    char buf[200];
    struct account a = strong();
    a.trend = TREND_UP;
    struct verdict v = judge(&a);
    assert_int_equal(severity(&v, FLAG_EXPANSION), SEV_HIGH);
    assert_true(has_reason(&v, FLAG_EXPANSION, R_EXP_STRONG_USAGE));
    assert_true(has_reason(&v, FLAG_EXPANSION, R_EXP_SENIOR_SPONSOR));
    reason_text(&a, &v, R_EXP_SENIOR_SPONSOR, buf, sizeof buf);
    assert_string_equal(buf, "senior decision maker (sponsorship 85)");
    a.score[3] = 500; /* the decision maker is not senior */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_EXPANSION));
    assert_true(why_not_text(&sc, &a, &v, FLAG_EXPANSION, buf, sizeof buf));
    assert_string_equal(buf, "decision maker not senior (sponsorship 50; needs 70)");
    a.score[3] = 850;
    a.renewal = date_add_months(as_of, 2); /* no time to build the case */
    v = judge(&a);
    assert_int_equal(v.why_not[FLAG_EXPANSION], WN_RENEWAL_TOO_CLOSE);
    assert_true(why_not_text(&sc, &a, &v, FLAG_EXPANSION, buf, sizeof buf));
    assert_string_equal(buf, "renewal in 8 weeks: too close to build a case (needs 4 months)");
    /* 110 days: three whole months, said so, not rounded to a contradicting four. */
    a.renewal = as_of + 110;
    v = judge(&a);
    assert_int_equal(v.why_not[FLAG_EXPANSION], WN_RENEWAL_TOO_CLOSE);
    assert_true(why_not_text(&sc, &a, &v, FLAG_EXPANSION, buf, sizeof buf));
    assert_string_equal(buf, "renewal in 3 months: too close to build a case (needs 4 months)");
    a.renewal = date_add_months(as_of, 10);
    a.score[0] = 700; /* usage not strong */
    v = judge(&a);
    assert_true(why_not_text(&sc, &a, &v, FLAG_EXPANSION, buf, sizeof buf));
    assert_string_equal(buf, "usage not strong enough (product 70; needs 75)");
}

static void advocacy_readiness(void **state)
{
    (void)state;
    char buf[200];
    struct account a = strong();
    struct verdict v = judge(&a);
    assert_non_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ADV_SATISFIED));
    reason_text(&a, &v, R_ADV_NOT_ASKED, buf, sizeof buf);
    assert_string_equal(buf, "no advocacy ask recorded"); /* unknown, said as unknown */
    a.msa_restricted = TRI_YES;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_true(why_not_text(&sc, &a, &v, FLAG_ADVOCACY, buf, sizeof buf));
    assert_string_equal(buf, "MSA restricts the name, no anonymised story");
    a.anonymized_ok = TRI_YES; /* an anonymised story: the backup */
    v = judge(&a);
    assert_int_equal(severity(&v, FLAG_ADVOCACY), SEV_LOW);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ADV_ANONYMISED_ONLY));
    a.msa_restricted = TRI_NO;
    a.last_advocacy_ask = date_add_months(as_of, -6); /* asked half a year ago */
    v = judge(&a);
    assert_int_equal(v.why_not[FLAG_ADVOCACY], WN_ASKED_RECENTLY);
    a.last_advocacy_ask = date_add_months(as_of, -13);
    v = judge(&a);
    assert_non_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.trend = TREND_DOWN;
    v = judge(&a);
    assert_int_equal(v.why_not[FLAG_ADVOCACY], WN_DECLINING);
    a.trend = TREND_LEVEL;
    a.score[1] = 700; /* no sign of positive sentiment */
    v = judge(&a);
    assert_true(why_not_text(&sc, &a, &v, FLAG_ADVOCACY, buf, sizeof buf));
    assert_string_equal(buf, "no sign of positive sentiment (satisfaction 70, needs 80; no NPS recorded)");
}

static void reasons_read_like_a_csm(void **state)
{
    (void)state;
    char buf[200];
    struct account c6 = sample(5);
    struct verdict v = judge(&c6);
    reason_text(&c6, &v, R_HEALTH_RED, buf, sizeof buf);
    assert_string_equal(buf, "health 45 is red");
    reason_text(&c6, &v, R_RENEWAL_SOON, buf, sizeof buf);
    assert_string_equal(buf, "renewal in 8 weeks with health 45 (red)");
    struct account c13 = sample(12);
    v = judge(&c13);
    /* The dashboard's sponsorship is the decision maker's seniority. */
    reason_text(&c13, &v, R_WEAK_SPONSOR, buf, sizeof buf);
    assert_string_equal(buf, "decision maker not senior (sponsorship 30)");
    struct account c7 = sample(6);
    v = judge(&c7);
    reason_text(&c7, &v, R_DECLINING_NEAR_RENEWAL, buf, sizeof buf);
    assert_string_equal(buf, "declining, with renewal in 31 days"); /* next month is not "this month" */
    const struct flag *f = verdict_flag(&v, FLAG_CHURN);
    int list[R_COUNT];
    assert_true(flag_reasons(f, list) >= 2);
    assert_int_equal(list[0], R_DECLINING_NEAR_RENEWAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(sample_book_flags, setup),
        cmocka_unit_test_setup(quiet_account_has_no_flags, setup),
        cmocka_unit_test_setup(each_churn_signal, setup),
        cmocka_unit_test_setup(nps_edges, setup),
        cmocka_unit_test_setup(kpi_edges, setup),
        cmocka_unit_test_setup(first_year_decline, setup),
        cmocka_unit_test_setup(coverage_at_the_threshold, setup),
        cmocka_unit_test_setup(usage_drop_weekly_and_monthly, setup),
        cmocka_unit_test_setup(trend_from_snapshots, setup),
        cmocka_unit_test_setup(risk_in_proportion, setup),
        cmocka_unit_test_setup(small_is_never_above_large, setup),
        cmocka_unit_test_setup(expansion_rules, setup),
        cmocka_unit_test_setup(advocacy_readiness, setup),
        cmocka_unit_test_setup(reasons_read_like_a_csm, setup),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
