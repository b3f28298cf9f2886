/* The touch cadence: each segment's from the playbook, due on the day the
 * cadence runs out, never without a cadence, told on a churn flag and
 * never making or raising one by itself. */
#include "testing.h"

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

/* A healthy account of the segment, renewing in a year. */
static struct account quiet(int segment)
{
    struct account a;
    account_init(&a);
    a.name = "Quiet";
    a.segment = segment;
    a.term_years = 3;
    a.acv_cents = INT64_C(3000000);
    a.renewal = date_add_months(as_of, 12);
    a.trend = TREND_LEVEL;
    for (int i = 0; i < 4; i++)
        a.score[i] = tenths(85);
    return a;
}

static struct verdict judge(const struct account *a)
{
    static const struct book_context ctx = {INT64_C(3000000), INT64_C(2700000)};
    struct verdict v;
    assess(&sc, a, as_of, &ctx, &v);
    return v;
}

static void playbook_defaults(void **state)
{
    (void)state;
    assert_int_equal(touch_cadence_days(&sc, SEG_ENT), 90);
    assert_int_equal(touch_cadence_days(&sc, SEG_MID), 182);
    assert_int_equal(touch_cadence_days(&sc, SEG_SMB), 182);
    assert_int_equal(touch_cadence_days(&sc, SEG_NONE), 182);
}

static void due_on_the_day_the_cadence_runs_out(void **state)
{
    (void)state;
    struct account a = quiet(SEG_ENT);
    a.last_touch = as_of - 89;
    assert_false(touch_is_due(&sc, &a, SEG_ENT, as_of));
    assert_false(judge(&a).touch_due);
    a.last_touch = as_of - 90;
    assert_true(touch_is_due(&sc, &a, SEG_ENT, as_of));
    assert_true(judge(&a).touch_due);
    /* The same day is a mid-market account's half-way point. */
    a.segment = SEG_MID;
    assert_false(judge(&a).touch_due);
    a.last_touch = as_of - 182;
    assert_true(judge(&a).touch_due);
    /* A touch today. */
    a.last_touch = as_of;
    assert_false(judge(&a).touch_due);
}

static void never_touched_and_no_cadence(void **state)
{
    (void)state;
    struct account a = quiet(SEG_SMB);
    assert_int_equal(a.last_touch, DATE_NONE);
    assert_true(judge(&a).touch_due); /* nothing says it was ever reached */
    sc.flags.cadence_smb_days = 0;    /* a segment without a cadence is never due */
    assert_false(judge(&a).touch_due);
    a.last_touch = as_of - 1000;
    assert_false(judge(&a).touch_due);
}

static void a_quiet_account_gets_no_flag(void **state)
{
    (void)state;
    struct account a = quiet(SEG_ENT);
    a.last_touch = as_of - 400;
    struct verdict v = judge(&a);
    assert_true(v.touch_due);
    assert_null(verdict_flag(&v, FLAG_CHURN));
    /* Neither does one never touched. */
    a.last_touch = DATE_NONE;
    v = judge(&a);
    assert_null(verdict_flag(&v, FLAG_CHURN));
}

/* Red health renewing in two months: a churn flag of its own. */
static struct account at_risk(int segment)
{
    struct account a = quiet(segment);
    a.renewal = date_add_months(as_of, 2);
    for (int i = 0; i < 4; i++)
        a.score[i] = tenths(40);
    return a;
}

static void told_on_a_churn_flag_without_weight(void **state)
{
    (void)state;
    struct account a = at_risk(SEG_MID);
    struct verdict before = judge(&a); /* never touched: not told */
    const struct flag *f = verdict_flag(&before, FLAG_CHURN);
    assert_non_null(f);
    assert_false(flag_has(f, R_TOUCH_DUE));
    a.last_touch = as_of - 200;
    struct verdict v = judge(&a);
    const struct flag *g = verdict_flag(&v, FLAG_CHURN);
    assert_true(flag_has(g, R_TOUCH_DUE));
    assert_int_equal(g->score, f->score);
    assert_int_equal(g->severity, f->severity);
    assert_int_equal(v.signal_points, before.signal_points);
    /* Told last, after the customer's own signals. */
    int list[R_COUNT], n = flag_reasons(g, list);
    assert_int_equal(list[n - 1], R_TOUCH_DUE);
    /* Touched within the cadence: not told. */
    a.last_touch = as_of - 100;
    v = judge(&a);
    assert_false(flag_has(verdict_flag(&v, FLAG_CHURN), R_TOUCH_DUE));
}

static void points_when_configured(void **state)
{
    (void)state;
    /* A team that counts silence as a signal: its points make a flag. */
    sc.flags.pts_touch_due = sc.flags.risk_flag_from;
    struct account a = quiet(SEG_ENT);
    a.last_touch = as_of - 120;
    struct verdict v = judge(&a);
    const struct flag *f = verdict_flag(&v, FLAG_CHURN);
    assert_non_null(f);
    assert_true(flag_has(f, R_TOUCH_DUE));
    assert_int_equal(v.signal_points, sc.flags.risk_flag_from);
}

static void the_segments_touch_in_words(void **state)
{
    (void)state;
    char buf[256];
    static const struct {
        int segment;
        const char *text;
    } want[] = {
        {SEG_ENT, "last touch 2026-06-01: the quarterly business review is due (enterprise, every 90 days)"},
        {SEG_MID, "last touch 2026-06-01: the semi-annual business review is due (mid-market, every 182 days)"},
        {SEG_SMB, "last touch 2026-06-01: a digital touch is due (smb, every 182 days)"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        struct account a = at_risk(want[k].segment);
        assert_true(date_parse_iso("2026-06-01", &a.last_touch));
        struct verdict v = judge(&a);
        assert_true(flag_has(verdict_flag(&v, FLAG_CHURN), R_TOUCH_DUE));
        flag_reason_text(&sc, &a, &v, R_TOUCH_DUE, buf, sizeof buf);
        assert_string_equal(buf, want[k].text);
    }
}

/* A touch due does not hold back growth: the review is where a case is made. */
static void does_not_block_expansion(void **state)
{
    (void)state;
    sc.flags.pts_touch_due = sc.flags.risk_flag_from;
    struct account a = quiet(SEG_ENT);
    a.score[0] = tenths(90);
    a.score[3] = tenths(90);
    struct verdict base = judge(&a); /* never touched: no churn flag, an expansion target */
    assert_null(verdict_flag(&base, FLAG_CHURN));
    assert_non_null(verdict_flag(&base, FLAG_EXPANSION));
    a.last_touch = as_of - 120;
    struct verdict v = judge(&a);
    assert_non_null(verdict_flag(&v, FLAG_CHURN));
    assert_int_equal(v.why_not[FLAG_EXPANSION], base.why_not[FLAG_EXPANSION]);
    assert_int_equal(verdict_flag(&v, FLAG_EXPANSION) != NULL, verdict_flag(&base, FLAG_EXPANSION) != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(playbook_defaults, setup),
        cmocka_unit_test_setup(due_on_the_day_the_cadence_runs_out, setup),
        cmocka_unit_test_setup(never_touched_and_no_cadence, setup),
        cmocka_unit_test_setup(a_quiet_account_gets_no_flag, setup),
        cmocka_unit_test_setup(told_on_a_churn_flag_without_weight, setup),
        cmocka_unit_test_setup(points_when_configured, setup),
        cmocka_unit_test_setup(the_segments_touch_in_words, setup),
        cmocka_unit_test_setup(does_not_block_expansion, setup),
    };
    return cmocka_run_group_tests_name("cadence", tests, NULL, NULL);
}
