#include "csm/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"

/* The two built-in models. The first component of a model is its usage
 * measure (the one whose drop is an early-warning sign). */
static const struct health_model builtin_models[] = {
    {"dashboard", 4, {
        {"product", "Product", 50.0, "product usage|usage|adoption|product score"},
        {"satisfaction", "Satisfaction", 25.0, "csat|customer satisfaction|satisfaction score"},
        {"support", "Support", 12.5, "support score|support health"},
        {"sponsorship", "Sponsorship", 12.5, "sponsor|executive sponsor|executive sponsorship"},
    }},
    {"playbook", 4, {
        {"product_usage", "Product Usage", 40.0, "product|usage"},
        {"feature_adoption", "Feature Adoption", 30.0, "adoption|features"},
        {"support_engagement", "Support Engagement", 20.0, "support"},
        {"business_outcomes", "Business Outcomes", 10.0, "outcomes|roi|business impact"},
    }},
};

const struct health_model *model_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_models / sizeof builtin_models[0]; i++)
        if (strcmp(builtin_models[i].name, name) == 0)
            return &builtin_models[i];
    return NULL;
}

void scoring_defaults(struct scoring *s)
{
    memset(s, 0, sizeof *s);
    s->model = builtin_models[0];
    s->score_bands = (struct band_limits){50, 74};
    s->month_bands = (struct band_limits){3, 6};
    s->min_coverage_pct = 60;
    s->enterprise_min_cents = INT64_C(100000) * 100;
    s->midmarket_min_cents = INT64_C(25000) * 100;
    s->trend_dead_band = 3;
    s->trend_snapshots = 3;
    s->health_target = 70;
    s->capacity_hours = 260; /* half of 13 weeks of 40 hours */
    s->flags = (struct flag_thresholds){
        .weak_component = 50,
        .strong_product = 75,
        .strong_sponsor = 70,
        .expansion_min_months = 4,
        .advocacy_min_nps = 8,
        .advocacy_min_satisfaction = 80,
        .advocacy_ask_gap_months = 12,
        .usage_drop_pct = 25,
        .usage_drop_days = 30,
        .high_acv_pct = 150,
    };
}

int model_component(const struct health_model *m, const char *key)
{
    for (int i = 0; i < m->ncomp; i++)
        if (strcmp(m->comp[i].key, key) == 0)
            return i;
    return -1;
}

/* Weights as integers (thousandths of a point) so the mean is exact. */
static int64_t weight_units(double w) { return (int64_t)llround(w * 1000.0); }

int health_compute(const struct scoring *s, const short *score, struct health *out)
{
    const struct health_model *m = &s->model;
    int64_t num = 0, den = 0, total = 0;
    struct health h;
    memset(&h, 0, sizeof h);
    for (int i = 0; i < m->ncomp; i++) {
        int64_t w = weight_units(m->comp[i].weight);
        total += w;
        if (score[i] == SCORE_NONE)
            continue;
        num += w * score[i];
        den += w;
    }
    if (den == 0) {
        h.value = -1;
        h.band = BAND_NONE;
        h.exact = 0;
        h.coverage_pct = 0;
        h.low_coverage = true;
    } else {
        /* num / (den * 10) rounded half up, all in integers. */
        h.value = (int)((2 * num + den * 10) / (2 * den * 10));
        h.exact = (double)num / (double)(den * 10);
        h.band = band_of_score(s, h.value);
        h.coverage_pct = (int)((den * 100 + total / 2) / total);
        h.low_coverage = den * 100 < (int64_t)s->min_coverage_pct * total;
        for (int i = 0; i < m->ncomp; i++) {
            if (score[i] == SCORE_NONE)
                continue;
            double share = (double)weight_units(m->comp[i].weight) / (double)den;
            h.share[i] = share * 100.0;
            h.contribution[i] = share * score[i] / 10.0;
        }
    }
    if (out)
        *out = h;
    return h.value;
}

int band_of_score(const struct scoring *s, int score)
{
    if (score < 0)
        return BAND_NONE;
    if (score <= s->score_bands.red_max)
        return BAND_RED;
    if (score <= s->score_bands.amber_max)
        return BAND_AMBER;
    return BAND_GREEN;
}

int band_of_tenths(const struct scoring *s, int tenths)
{
    if (tenths < 0)
        return BAND_NONE;
    if (tenths <= s->score_bands.red_max * 10)
        return BAND_RED;
    if (tenths < (s->score_bands.amber_max + 1) * 10)
        return BAND_AMBER;
    return BAND_GREEN;
}

int band_of_months(const struct scoring *s, int months)
{
    if (months <= s->month_bands.red_max)
        return BAND_RED;
    if (months <= s->month_bands.amber_max)
        return BAND_AMBER;
    return BAND_GREEN;
}

int segment_of(const struct scoring *s, const struct account *a)
{
    if (a->segment != SEG_NONE)
        return a->segment;
    if (a->acv_cents < 0)
        return SEG_SMB;
    if (a->acv_cents >= s->enterprise_min_cents)
        return SEG_ENT;
    if (a->acv_cents >= s->midmarket_min_cents)
        return SEG_MID;
    return SEG_SMB;
}

const char *band_name(int band)
{
    static const char *const n[] = {"red", "amber", "green"};
    return band >= 0 && band <= 2 ? n[band] : NULL;
}

const char *trend_name(int trend)
{
    static const char *const n[] = {"down", "level", "up"};
    return trend >= 0 && trend <= 2 ? n[trend] : NULL;
}

const char *segment_name(int seg)
{
    static const char *const n[] = {"smb", "mid-market", "enterprise"};
    return seg >= 0 && seg <= 2 ? n[seg] : NULL;
}

/* Compares ignoring case and anything that is not a letter or digit. */
static bool loose_eq(const char *a, const char *b)
{
    for (;;) {
        while (*a && !((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z') || (*a >= '0' && *a <= '9')))
            a++;
        while (*b && !((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z') || (*b >= '0' && *b <= '9')))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        char ca = (char)(*a >= 'A' && *a <= 'Z' ? *a + 32 : *a);
        char cb = (char)(*b >= 'A' && *b <= 'Z' ? *b + 32 : *b);
        if (ca != cb)
            return false;
        a++;
        b++;
    }
}

int band_parse(const char *s)
{
    if (loose_eq(s, "red"))
        return BAND_RED;
    if (loose_eq(s, "amber") || loose_eq(s, "yellow"))
        return BAND_AMBER;
    if (loose_eq(s, "green"))
        return BAND_GREEN;
    return BAND_NONE;
}

int segment_parse(const char *s)
{
    if (loose_eq(s, "enterprise") || loose_eq(s, "ent"))
        return SEG_ENT;
    if (loose_eq(s, "midmarket") || loose_eq(s, "mid") || loose_eq(s, "mm"))
        return SEG_MID;
    if (loose_eq(s, "smb") || loose_eq(s, "small business") || loose_eq(s, "smallmedium business"))
        return SEG_SMB;
    return SEG_NONE;
}

void account_init(struct account *a)
{
    memset(a, 0, sizeof *a);
    a->segment = SEG_NONE;
    a->term_years = -1;
    a->acv_cents = -1;
    a->renewal = DATE_NONE;
    a->trend = TREND_NONE;
    a->reported_health = SCORE_NONE;
    a->snapshot_day = DATE_NONE;
    for (int i = 0; i < MODEL_MAX_COMPONENTS; i++)
        a->score[i] = SCORE_NONE;
    a->nps = -1;
    a->msa_restricted = TRI_UNKNOWN;
    a->anonymized_ok = TRI_UNKNOWN;
    a->kpi_baseline = NAN;
    a->kpi_current = NAN;
    a->last_advocacy_ask = DATE_NONE;
    a->pulse = BAND_NONE;
}

void account_free(struct account *a)
{
    free(a->name);
    free(a->external_id);
    free(a->owner);
    free(a->hist_day);
    free(a->hist_score);
    account_init(a);
}
