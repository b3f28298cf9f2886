/* The configuration parser: good files and every kind of bad one, each
 * refused with the JSON path of the fault. */
#include "testing.h"

#include <stdio.h>
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
    assert_int_equal(s.plan.capacity_hours, 0); /* from the quarter's working days */
    assert_int_equal(s.plan.hours_per_day, 4);
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
                       "{\"key\": \"promoters\", \"label\": \"NPS score\", \"weight\": 40}]}},"
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
    assert_int_equal(s.plan.capacity_hours, 120);
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
    /* The first of two would silently win: neither does. */
    expect_error("{\"flags\": {\"weak_component\": 40, \"weak_component\": 60}}",
                 "flags.weak_component: is given twice (only one can count)");
    expect_error("{\"models\": {\"m\": {\"components\": [{\"key\": \"a\", \"weight\": 1, \"weight\": 2}]}}}",
                 "models.m.components[0].weight: is given twice (only one can count)");
    expect_error("{\"health_target\": 70}\n\n} trailing", "line 3: text after the end of the JSON");
    expect_error("{\"risk\": {\"high_from\": 20, \"medium_from\": 30}}", "risk.medium_from: must not be above high_from");
    expect_error("{\"risk\": {\"health_red\": -1}}", "risk.health_red: must be a whole number from 0 to 1000");
    expect_error("{\"models\": {\"m\": {\"components\": [{\"key\": \"a\", \"weight\": 1, \"role\": \"boss\"}]}}}",
                 "models.m.components[0].role: must be usage, satisfaction, support, sponsor, outcomes or other");
}

static void thresholds_come_from_one_list(void **state)
{
    (void)state;
    struct scoring d, s;
    char err[256];
    scoring_defaults(&d);
    /* Every threshold of the list is read from its path and printed back. */
    for (int i = 0; i < threshold_count; i++) {
        const struct threshold_def *t = &threshold_defs[i];
        int want = t->def == t->max ? t->min : t->def + 1 <= t->max ? t->def + 1 : t->def - 1;
        if (!strcmp(t->key, "medium_from") || !strcmp(t->key, "detractor_max_nps"))
            want = t->def - 1; /* stays below its partner */
        char json[128];
        snprintf(json, sizeof json, "{\"%s\": {\"%s\": %d}}", t->group, t->key, want);
        if (config_parse(json, &s, err, sizeof err) != 0)
            fail_msg("%s: %s", json, err);
        int got = *(const int *)((const char *)&s + t->offset);
        if (got != want)
            fail_msg("%s.%s: read %d, not %d", t->group, t->key, got, want);
        assert_int_equal(*(const int *)((const char *)&d + t->offset), t->def);
        char *text = config_to_json(&s);
        char needle[96];
        snprintf(needle, sizeof needle, "\"%s\":\t%d", t->key, want);
        if (!strstr(text, needle))
            fail_msg("csm config does not print %s", needle);
        free(text);
    }
    assert_int_equal(d.flags.pts_health_red, 30);
    assert_int_equal(d.flags.detractor_max_nps, 6);
}

static void components_have_words_and_roles(void **state)
{
    (void)state;
    struct scoring s;
    char err[256];
    scoring_defaults(&s);
    assert_string_equal(s.model.comp[3].weak, "decision maker not senior");
    assert_int_equal(s.model.comp[3].role, ROLE_SPONSOR);
    const char *mine = "{\"model\": \"m\", \"models\": {\"m\": {\"components\": ["
                       "{\"key\": \"logins\", \"weight\": 50},"
                       "{\"key\": \"csat\", \"weight\": 30, \"role\": \"satisfaction\", \"weak\": \"users unhappy\"},"
                       "{\"key\": \"exec_sponsor\", \"weight\": 20}]}}}";
    assert_int_equal(config_parse(mine, &s, err, sizeof err), 0);
    assert_int_equal(model_role(&s.model, ROLE_USAGE), 0);        /* the first, by default */
    assert_int_equal(model_role(&s.model, ROLE_SATISFACTION), 1); /* said */
    assert_int_equal(model_role(&s.model, ROLE_SPONSOR), 2);      /* from its key */
    assert_string_equal(s.model.comp[1].weak, "users unhappy");
    assert_string_equal(s.model.comp[0].weak, "low usage");
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

/* The product's words: read, printed back, and bad ones refused by path. */
static void product_words(void **state)
{
    (void)state;
    struct scoring s, back;
    char err[256];
    assert_int_equal(config_parse("{\"product\": {\"name\": \"Partner Paradise\", \"growth\": \"more partner "
                                  "tiers\"}}", &s, err, sizeof err), 0);
    assert_string_equal(s.product.name, "Partner Paradise");
    assert_string_equal(s.product.growth, "more partner tiers");
    assert_string_equal(s.product.usage, ""); /* not given: the generic words */
    char *text = config_to_json(&s);
    assert_int_equal(config_parse(text, &back, err, sizeof err), 0);
    free(text);
    assert_string_equal(back.product.growth, "more partner tiers");
    expect_error("{\"product\": {\"colour\": \"red\"}}", "product.colour: unknown key (name, usage, value or growth)");
    expect_error("{\"product\": {\"name\": 7}}", "product.name: must be a string");
    expect_error("{\"product\": \"x\"}", "product: must be an object of words: name, usage, value, growth");
    expect_error("{\"product\": {\"value\": \"a\\u0007b\"}}",
                 "product.value: must be UTF-8 text without control characters");
    char longer[400];
    snprintf(longer, sizeof longer, "{\"product\": {\"usage\": \"%0200d\"}}", 0);
    expect_error(longer, "product.usage: too long (a phrase, under 160 bytes)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_object_is_the_defaults),
        cmocka_unit_test(choose_and_define_models),
        cmocka_unit_test(faults_name_their_path),
        cmocka_unit_test(printed_config_reads_back),
        cmocka_unit_test(thresholds_come_from_one_list),
        cmocka_unit_test(components_have_words_and_roles),
        cmocka_unit_test(product_words),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
