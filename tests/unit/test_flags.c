/* The judgement: every rule can fire and can stay silent, and the sample
 * book gets the flags a CSM would give it. */
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

static struct book_context sample_context(void)
{
    int64_t sum = 0;
    for (int i = 0; i < 15; i++)
        sum += (int64_t)sample_book[i].acv * 100;
    return (struct book_context){sum / 15};
}

static bool has_reason(const struct verdict *v, int kind, int reason)
{
    const struct flag *f = verdict_flag(v, kind);
    return f && (f->reasons & (UINT32_C(1) << reason));
}

static struct verdict judge(const struct account *a)
{
    struct book_context ctx = sample_context();
    struct verdict v;
    assess(&sc, a, as_of, &ctx, &v);
    return v;
}

static void sample_book_flags(void **state)
{
    (void)state;
    static const int churn[] = {6, 7, 9, 12, 13};
    for (size_t k = 0; k < sizeof churn / sizeof churn[0]; k++) {
        struct account a = sample(churn[k] - 1);
        struct verdict v = judge(&a);
        if (!verdict_flag(&v, FLAG_CHURN))
            fail_msg("Customer %d is not flagged as a churn risk", churn[k]);
    }
    struct account c6 = sample(5);
    struct verdict v6 = judge(&c6);
    assert_int_equal(verdict_flag(&v6, FLAG_CHURN)->severity, SEV_HIGH);
    assert_true(has_reason(&v6, FLAG_CHURN, R_HEALTH_RED));
    assert_true(has_reason(&v6, FLAG_CHURN, R_RENEWAL_SOON));

    struct account c11 = sample(10);
    struct verdict v11 = judge(&c11);
    assert_non_null(verdict_flag(&v11, FLAG_ADVOCACY));
    assert_null(verdict_flag(&v11, FLAG_CHURN));

    for (int i = 0; i < 15; i++) {
        struct account a = sample(i);
        struct verdict v = judge(&a);
        if (v.band == BAND_RED && (verdict_flag(&v, FLAG_EXPANSION) || verdict_flag(&v, FLAG_ADVOCACY)))
            fail_msg("%s is red and a target or candidate", a.name);
        if (v.trend == TREND_DOWN && verdict_flag(&v, FLAG_ADVOCACY))
            fail_msg("%s is declining and a case-study candidate", a.name);
        if (verdict_flag(&v, FLAG_CHURN) && verdict_flag(&v, FLAG_ADVOCACY))
            fail_msg("%s is both a churn risk and a candidate", a.name);
        const struct flag *f = NULL;
        for (int k = 0; k < v.nflags; k++) {
            f = &v.flag[k];
            if (!f->reasons)
                fail_msg("%s: a flag without reasons", a.name);
        }
        (void)f;
    }
    /* Customer 1: green, renewing in a month, healthy and level: no churn. */
    struct account c1 = sample(0);
    struct verdict v1 = judge(&c1);
    assert_null(verdict_flag(&v1, FLAG_CHURN));
}

/* A healthy, steady, green account with every rule quiet. */
static struct account quiet(void)
{
    struct account a;
    account_init(&a);
    a.name = "Quiet";
    a.acv_cents = 3000000;
    a.renewal = date_add_months(as_of, 10);
    a.trend = TREND_LEVEL;
    a.score[0] = 700;
    a.score[1] = 700;
    a.score[2] = 700;
    a.score[3] = 650;
    return a;
}

static void quiet_account_has_no_flags(void **state)
{
    (void)state;
    struct account a = quiet();
    struct verdict v = judge(&a);
    assert_int_equal(v.health, 69);
    assert_int_equal(v.nflags, 0);
}

static void each_churn_reason_fires_alone(void **state)
{
    (void)state;
    struct account a;
    struct verdict v;

    a = quiet();
    a.score[0] = 300; a.score[1] = 300; /* health red */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_HEALTH_RED));

    a = quiet();
    a.renewal = date_add_months(as_of, 2);
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_RENEWAL_SOON));
    a.score[0] = a.score[1] = a.score[2] = a.score[3] = 900; /* green: no longer a risk for the date alone */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.renewal = date_add_months(as_of, 5);
    a.trend = TREND_DOWN;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_DECLINING_NEAR_RENEWAL));
    a.renewal = date_add_months(as_of, 10); /* far away: a sign, not a trigger */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.renewal = date_add_months(as_of, -1);
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_RENEWAL_PASSED));

    a = quiet();
    a.score[3] = 300; /* weak sponsor */
    a.score[1] = 400; /* weak satisfaction */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_SPONSOR));
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_SATISFACTION));
    a.score[1] = 700; /* one sign alone is not a flag */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));

    a = quiet();
    a.score[1] = SCORE_NONE;
    a.renewal = date_add_months(as_of, 5);
    a.score[0] = 450; /* weak usage as the second sign */
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_NO_SATISFACTION_NEAR_RENEWAL));
    assert_true(has_reason(&v, FLAG_CHURN, R_WEAK_USAGE));

    a = quiet();
    a.pulse = BAND_RED;
    a.score[0] = a.score[1] = a.score[2] = a.score[3] = 900;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_CHURN, R_PULSE_DISAGREES));
    a.pulse = BAND_AMBER; /* one step apart: no disagreement worth a word */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));
    char buf[128];
    a.pulse = BAND_RED;
    v = judge(&a);
    flag_reason_text(&sc, &a, &v, R_PULSE_DISAGREES, buf, sizeof buf);
    assert_string_equal(buf, "your pulse is red but health is green");
}

static void low_coverage_is_said(void **state)
{
    (void)state;
    struct account a = quiet();
    a.score[0] = SCORE_NONE; /* product is half the model */
    a.score[1] = SCORE_NONE;
    a.score[2] = 900;
    a.score[3] = 900;
    a.trend = TREND_DOWN; /* with a second sign, a churn flag that says why */
    struct verdict v = judge(&a);
    assert_true(v.low_coverage);
    assert_int_equal(v.coverage_pct, 25);
    assert_true(has_reason(&v, FLAG_CHURN, R_LOW_COVERAGE));
    assert_null(verdict_flag(&v, FLAG_ADVOCACY)); /* never a candidate by accident */
    char buf[160];
    flag_reason_text(&sc, &a, &v, R_LOW_COVERAGE, buf, sizeof buf);
    assert_string_equal(buf, "health rests on 25% of the model (product, satisfaction no data)");
}

static void usage_drop_from_history(void **state)
{
    (void)state;
    struct account a = quiet();
    int days[3] = {as_of - 40, as_of - 20, as_of};
    short scores[3][MODEL_MAX_COMPONENTS];
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            scores[k][c] = c < 4 ? 700 : SCORE_NONE;
    scores[1][0] = 800;
    scores[2][0] = 560; /* 800 -> 560 in 20 days: a 30% drop */
    a.nhist = 3;
    a.hist_day = days;
    a.hist_score = scores;
    a.score[0] = 560;
    struct verdict v = judge(&a);
    assert_true(v.usage_drop);
    assert_int_equal(v.usage_drop_pct, 30);
    assert_true(has_reason(&v, FLAG_CHURN, R_USAGE_DROP));
    scores[1][0] = 700; /* 700 -> 560 is 20%: under the threshold */
    v = judge(&a);
    assert_false(v.usage_drop);
    days[1] = as_of - 60; /* and a drop over more than 30 days does not count */
    scores[1][0] = 800;
    v = judge(&a);
    assert_false(v.usage_drop);
}

static void trend_from_snapshots(void **state)
{
    (void)state;
    struct account a = quiet();
    a.trend = TREND_NONE;
    int days[3] = {as_of - 60, as_of - 30, as_of};
    short scores[3][MODEL_MAX_COMPONENTS];
    for (int k = 0; k < 3; k++)
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            scores[k][c] = c < 4 ? (short)(600 + k * 50) : SCORE_NONE;
    a.nhist = 3;
    a.hist_day = days;
    a.hist_score = scores;
    assert_int_equal(trend_from_history(&sc, &a), TREND_UP); /* 60 -> 70 */
    struct verdict v = judge(&a);
    assert_int_equal(v.trend, TREND_UP);
    assert_true(v.trend_from_history);
    for (int c = 0; c < 4; c++)
        scores[2][c] = 620; /* 60 -> 62: within the dead band */
    assert_int_equal(trend_from_history(&sc, &a), TREND_LEVEL);
    for (int c = 0; c < 4; c++)
        scores[2][c] = 500;
    assert_int_equal(trend_from_history(&sc, &a), TREND_DOWN);
    a.nhist = 1;
    assert_int_equal(trend_from_history(&sc, &a), TREND_LEVEL);
    a.trend = TREND_UP; /* the export's own trend wins */
    a.nhist = 3;
    v = judge(&a);
    assert_int_equal(v.trend, TREND_UP);
    assert_false(v.trend_from_history);
}

static void expansion_rules(void **state)
{
    (void)state;
    struct account a = quiet();
    a.score[0] = 850;
    a.score[1] = 800;
    a.score[2] = 800;
    a.score[3] = 800;
    a.trend = TREND_UP;
    struct verdict v = judge(&a);
    const struct flag *f = verdict_flag(&v, FLAG_EXPANSION);
    assert_non_null(f);
    assert_int_equal(f->severity, SEV_HIGH);
    assert_true(has_reason(&v, FLAG_EXPANSION, R_STRONG_PRODUCT));
    assert_true(has_reason(&v, FLAG_EXPANSION, R_ENGAGED_SPONSOR));
    a.score[3] = 500; /* no engaged sponsor */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_EXPANSION));
    a.score[3] = 800;
    a.renewal = date_add_months(as_of, 2); /* no time to build the case */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_EXPANSION));
    a.renewal = date_add_months(as_of, 10);
    a.score[0] = 700; /* product not strong */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_EXPANSION));
}

static void advocacy_readiness(void **state)
{
    (void)state;
    struct account a = quiet();
    a.score[0] = 850;
    a.score[1] = 850;
    a.score[2] = 850;
    a.score[3] = 850;
    struct verdict v = judge(&a);
    assert_non_null(verdict_flag(&v, FLAG_ADVOCACY));
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_SATISFIED));
    a.nps = 6; /* the customer's own word beats the survey score */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.nps = 9;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_PROMOTER));
    a.msa_restricted = TRI_YES;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.anonymized_ok = TRI_YES;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_ANONYMISED_ONLY));
    a.msa_restricted = TRI_NO;
    a.kpi_baseline = 100;
    a.kpi_current = 90; /* no measurable improvement */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.kpi_current = 135;
    v = judge(&a);
    assert_true(has_reason(&v, FLAG_ADVOCACY, R_KPI_IMPROVED));
    char buf[128];
    flag_reason_text(&sc, &a, &v, R_KPI_IMPROVED, buf, sizeof buf);
    assert_string_equal(buf, "KPI up 35% since onboarding (100 -> 135)");
    a.last_advocacy_ask = date_add_months(as_of, -6); /* asked half a year ago */
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.last_advocacy_ask = date_add_months(as_of, -13);
    v = judge(&a);
    assert_non_null(verdict_flag(&v, FLAG_ADVOCACY));
    a.trend = TREND_DOWN;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_ADVOCACY));
}

static void reasons_read_like_a_csm(void **state)
{
    (void)state;
    struct account a = sample(5); /* Customer 6 */
    struct verdict v = judge(&a);
    char buf[160];
    flag_reason_text(&sc, &a, &v, R_HEALTH_RED, buf, sizeof buf);
    assert_string_equal(buf, "health 45 is red");
    flag_reason_text(&sc, &a, &v, R_RENEWAL_SOON, buf, sizeof buf);
    assert_string_equal(buf, "renewal in 2 months with health 45 (red)");
    struct account c13 = sample(12);
    v = judge(&c13);
    flag_reason_text(&sc, &c13, &v, R_WEAK_SPONSOR, buf, sizeof buf);
    assert_string_equal(buf, "sponsorship 30: no executive sponsor engaged");
    const struct flag *f = verdict_flag(&v, FLAG_CHURN);
    int list[R_COUNT];
    int n = flag_reasons(f, list);
    assert_true(n >= 3);
    assert_int_equal(list[0], R_RENEWAL_SOON); /* the most telling first */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(sample_book_flags, setup),
        cmocka_unit_test_setup(quiet_account_has_no_flags, setup),
        cmocka_unit_test_setup(each_churn_reason_fires_alone, setup),
        cmocka_unit_test_setup(low_coverage_is_said, setup),
        cmocka_unit_test_setup(usage_drop_from_history, setup),
        cmocka_unit_test_setup(trend_from_snapshots, setup),
        cmocka_unit_test_setup(expansion_rules, setup),
        cmocka_unit_test_setup(advocacy_readiness, setup),
        cmocka_unit_test_setup(reasons_read_like_a_csm, setup),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
