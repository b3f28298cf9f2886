/* The health model: the dashboard's numbers, missing data, rounding, bands. */
#include "testing.h"

#include <math.h>
#include <string.h>

static void set_scores(short *s, int p, int sat, int sup, int spon)
{
    for (int i = 0; i < MODEL_MAX_COMPONENTS; i++)
        s[i] = SCORE_NONE;
    s[0] = tenths(p);
    s[1] = tenths(sat);
    s[2] = tenths(sup);
    s[3] = tenths(spon);
}

/* All fifteen accounts: the computed health equals the dashboard's column. */
static void dashboard_matches_all_fifteen(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    for (int i = 0; i < 15; i++) {
        const struct sample_row *r = &sample_book[i];
        short s[MODEL_MAX_COMPONENTS];
        set_scores(s, r->product, r->satisfaction, r->support, r->sponsorship);
        int h = health_compute(&sc, s, NULL);
        if (h != r->health)
            fail_msg("%s: computed %d, dashboard %d", r->name, h, r->health);
    }
}

/* Customer 12 has no satisfaction: (0.5*32 + 0.125*45 + 0.125*70) / 0.75 = 40.5 -> 41. */
static void missing_component_rescales_weights(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    short s[MODEL_MAX_COMPONENTS];
    set_scores(s, 32, -1, 45, 70);
    struct health h;
    assert_int_equal(health_compute(&sc, s, &h), 41);
    assert_true(fabs(h.exact - 40.5) < 1e-9);
    assert_int_equal(h.coverage_pct, 75);
    assert_false(h.low_coverage);
    assert_true(fabs(h.share[0] - 66.6667) < 1e-3);
    assert_true(fabs(h.share[1]) < 1e-9);
    assert_true(fabs(h.contribution[0] - 21.3333) < 1e-3);
    assert_true(fabs(h.contribution[0] + h.contribution[2] + h.contribution[3] - 40.5) < 1e-9);
}

/* The four accounts on .5 round up; truncation or banker's rounding would not. */
static void half_rounds_up(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    short s[MODEL_MAX_COMPONENTS];
    struct health h;
    set_scores(s, 45, 82, 76, 80); /* Customer 8: 62.5 */
    assert_int_equal(health_compute(&sc, s, &h), 63);
    assert_true(fabs(h.exact - 62.5) < 1e-9);
    set_scores(s, 80, 87, 82, 60); /* Customer 11: 79.5 */
    assert_int_equal(health_compute(&sc, s, NULL), 80);
    set_scores(s, 74, 82, 78, 50); /* Customer 15: 73.5 */
    assert_int_equal(health_compute(&sc, s, NULL), 74);
    set_scores(s, 50, 50, 50, 51); /* 50.125 rounds down */
    assert_int_equal(health_compute(&sc, s, NULL), 50);
}

static void no_data_at_all_is_no_health(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    short s[MODEL_MAX_COMPONENTS];
    set_scores(s, -1, -1, -1, -1);
    struct health h;
    assert_int_equal(health_compute(&sc, s, &h), -1);
    assert_int_equal(h.band, BAND_NONE);
    assert_true(h.low_coverage);
}

static void low_coverage_below_the_share(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    short s[MODEL_MAX_COMPONENTS];
    struct health h;
    set_scores(s, -1, 90, 90, 90); /* product (50%) missing: 50% coverage */
    assert_int_equal(health_compute(&sc, s, &h), 90);
    assert_int_equal(h.coverage_pct, 50);
    assert_true(h.low_coverage);
    sc.min_coverage_pct = 50;
    health_compute(&sc, s, &h);
    assert_false(h.low_coverage);
}

static void decimals_are_exact(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    short s[MODEL_MAX_COMPONENTS];
    set_scores(s, 0, 0, 0, 0);
    s[0] = 745; /* 74.5 * 50% = 37.25 */
    s[1] = 1000;
    s[2] = 0;
    s[3] = 0;
    /* 37.25 + 25 = 62.25 -> 62 */
    assert_int_equal(health_compute(&sc, s, NULL), 62);
}

static void bands_follow_the_dashboard(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    assert_int_equal(band_of_score(&sc, 0), BAND_RED);
    assert_int_equal(band_of_score(&sc, 50), BAND_RED);
    assert_int_equal(band_of_score(&sc, 51), BAND_AMBER);
    assert_int_equal(band_of_score(&sc, 74), BAND_AMBER);
    assert_int_equal(band_of_score(&sc, 75), BAND_GREEN);
    assert_int_equal(band_of_score(&sc, 100), BAND_GREEN);
    assert_int_equal(band_of_tenths(&sc, 505), BAND_AMBER);
    assert_int_equal(band_of_tenths(&sc, 745), BAND_AMBER);
    assert_int_equal(band_of_tenths(&sc, 750), BAND_GREEN);
    assert_int_equal(band_of_months(&sc, 0), BAND_RED);
    assert_int_equal(band_of_months(&sc, 3), BAND_RED);
    assert_int_equal(band_of_months(&sc, 4), BAND_AMBER);
    assert_int_equal(band_of_months(&sc, 6), BAND_AMBER);
    assert_int_equal(band_of_months(&sc, 7), BAND_GREEN);
    assert_int_equal(band_of_months(&sc, 12), BAND_GREEN);
}

static void playbook_model_weights(void **state)
{
    (void)state;
    const struct health_model *m = model_builtin("playbook");
    assert_non_null(m);
    assert_int_equal(m->ncomp, 4);
    assert_string_equal(m->comp[0].key, "product_usage");
    assert_true(m->comp[0].weight == 40 && m->comp[1].weight == 30 && m->comp[2].weight == 20 &&
                m->comp[3].weight == 10);
    struct scoring sc;
    scoring_defaults(&sc);
    sc.model = *m;
    short s[MODEL_MAX_COMPONENTS];
    set_scores(s, 80, 70, 60, 50); /* 32 + 21 + 12 + 5 = 70 */
    assert_int_equal(health_compute(&sc, s, NULL), 70);
    assert_null(model_builtin("nope"));
}

static void segments_by_acv(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    struct account a;
    account_init(&a);
    a.acv_cents = 2499999;
    assert_int_equal(segment_of(&sc, &a), SEG_SMB);
    a.acv_cents = 2500000;
    assert_int_equal(segment_of(&sc, &a), SEG_MID);
    a.acv_cents = 9999999;
    assert_int_equal(segment_of(&sc, &a), SEG_MID);
    a.acv_cents = 10000000;
    assert_int_equal(segment_of(&sc, &a), SEG_ENT);
    a.segment = SEG_SMB; /* an imported segment wins */
    assert_int_equal(segment_of(&sc, &a), SEG_SMB);
    assert_int_equal(segment_parse("Mid-Market"), SEG_MID);
    assert_int_equal(segment_parse("ENTERPRISE"), SEG_ENT);
    assert_int_equal(segment_parse("whale"), SEG_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dashboard_matches_all_fifteen),
        cmocka_unit_test(missing_component_rescales_weights),
        cmocka_unit_test(half_rounds_up),
        cmocka_unit_test(no_data_at_all_is_no_health),
        cmocka_unit_test(low_coverage_below_the_share),
        cmocka_unit_test(decimals_are_exact),
        cmocka_unit_test(bands_follow_the_dashboard),
        cmocka_unit_test(playbook_model_weights),
        cmocka_unit_test(segments_by_acv),
    };
    return cmocka_run_group_tests_name("health", tests, NULL, NULL);
}
