/* The configuration parser: good files and every kind of bad one, each
 * refused with the JSON path of the fault. */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "csm/cli.h"

static void expect_error(const char *json, const char *msg)
{
    struct scoring s;
    char err[256] = "";
    int rc = config_parse(json, &s, err, sizeof err);
    if (rc != 65)
        fail_msg("accepted: %s", json);
    if (strcmp(err, msg) != 0)
        fail_msg("for %s\n  expected: %s\n  got:      %s", json, msg, err);
}

static void empty_object_is_the_defaults(void **state)
{
    (void)state;
    struct scoring s, d;
    char err[256];
    assert_int_equal(config_parse("{}", &s, err, sizeof err), 0);
    scoring_defaults(&d);
    assert_string_equal(s.model.name, "dashboard");
    assert_int_equal(s.model.ncomp, 4);
    assert_int_equal(s.score_bands.red_max, d.score_bands.red_max);
    assert_int_equal(s.min_coverage_pct, 60);
    assert_int_equal(s.capacity_hours, 260);
}

static void choose_and_define_models(void **state)
{
    (void)state;
    struct scoring s;
    char err[256];
    assert_int_equal(config_parse("{\"model\": \"playbook\"}", &s, err, sizeof err), 0);
    assert_string_equal(s.model.name, "playbook");
    assert_string_equal(s.model.comp[1].key, "feature_adoption");
    const char *mine = "{\"model\": \"mine\", \"models\": {\"mine\": {\"components\": ["
                       "{\"key\": \"usage\", \"weight\": 60, \"aliases\": [\"Logins\"]},"
                       "{\"key\": \"nps_score\", \"label\": \"NPS score\", \"weight\": 40}]}},"
                       "\"bands\": {\"score\": {\"red_max\": 40, \"amber_max\": 69}},"
                       "\"segments\": {\"enterprise_min\": 200000, \"midmarket_min\": 50000},"
                       "\"flags\": {\"advocacy_min_nps\": 9}, \"plan\": {\"capacity_hours\": 120}}";
    assert_int_equal(config_parse(mine, &s, err, sizeof err), 0);
    assert_string_equal(s.model.name, "mine");
    assert_int_equal(s.model.ncomp, 2);
    assert_string_equal(s.model.comp[0].label, "usage");
    assert_string_equal(s.model.comp[0].aliases, "Logins");
    assert_string_equal(s.model.comp[1].label, "NPS score");
    assert_int_equal(s.score_bands.red_max, 40);
    assert_int_equal(s.score_bands.amber_max, 69);
    assert_int_equal(s.enterprise_min_cents, 20000000);
    assert_int_equal(s.flags.advocacy_min_nps, 9);
    assert_int_equal(s.capacity_hours, 120);
    short sc[MODEL_MAX_COMPONENTS] = {500, 1000};
    assert_int_equal(health_compute(&s, sc, NULL), 70);
}

static void faults_name_their_path(void **state)
{
    (void)state;
    expect_error("{\"models\": {\"mine\": {\"components\": [{\"key\": \"a\", \"weight\": 1},"
                 "{\"key\": \"b\", \"weight\": 1}, {\"key\": \"c\", \"weight\": -2}]}}}",
                 "models.mine.components[2].weight: must be a positive number");
    expect_error("{\"models\": {\"mine\": {\"components\": [{\"key\": \"a\", \"weight\": \"heavy\"}]}}}",
                 "models.mine.components[0].weight: must be a positive number");
    expect_error("{\"models\": {\"mine\": {\"components\": [{\"key\": \"a\", \"weight\": 1},"
                 "{\"key\": \"a\", \"weight\": 1}]}}}",
                 "models.mine.components[1].key: names the same component twice");
    expect_error("{\"models\": {\"mine\": {\"components\": []}}}",
                 "models.mine.components: must be a non-empty list of components");
    expect_error("{\"model\": \"nope\"}", "model: names no model: use dashboard, playbook or one defined under models");
    expect_error("{\"bands\": {\"score\": {\"red_max\": 80, \"amber_max\": 60}}}",
                 "bands.score.amber_max: must not be below red_max");
    expect_error("{\"bands\": {\"score\": {\"red_max\": 150}}}",
                 "bands.score.red_max: must be a whole number from 0 to 100");
    expect_error("{\"coverage_min_pct\": 60.5}", "coverage_min_pct: must be a whole number from 0 to 100");
    expect_error("{\"flags\": {\"weak_sponsorship\": 3}}",
                 "flags.weak_sponsorship: unknown setting (see csm config for the known ones)");
    expect_error("{\"colour\": \"blue\"}", "colour: unknown setting (see csm config for the known ones)");
    expect_error("[1, 2]", "(top): must be a JSON object");
    expect_error("{\"model\": \"dashboard\",\n \"flags\": {\n", "line 3: not valid JSON");
}

static void printed_config_reads_back(void **state)
{
    (void)state;
    struct scoring s, back;
    scoring_defaults(&s);
    s.score_bands.red_max = 45;
    s.flags.strong_sponsor = 65;
    char *text = config_to_json(&s);
    char err[256];
    int rc = config_parse(text, &back, err, sizeof err);
    if (rc)
        fail_msg("csm config output does not read back: %s", err);
    free(text);
    assert_int_equal(back.score_bands.red_max, 45);
    assert_int_equal(back.flags.strong_sponsor, 65);
    assert_string_equal(back.model.comp[3].key, "sponsorship");
    assert_true(back.model.comp[2].weight == 12.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_object_is_the_defaults),
        cmocka_unit_test(choose_and_define_models),
        cmocka_unit_test(faults_name_their_path),
        cmocka_unit_test(printed_config_reads_back),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
