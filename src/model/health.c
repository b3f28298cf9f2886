#include "csm/model.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"

/* The two built-in models, with the words their components mean. The
 * dashboard's are the exercise's own notes on its columns. */
static const struct health_model builtin_models[] = {
    {"dashboard", 4, {
        {"product", "Product", 50.0, "product usage|usage|adoption|product score", ROLE_USAGE,
         "number of logins, average duration of logins, and features used", "low usage", "strong use"},
        {"satisfaction", "Satisfaction", 25.0, "csat|customer satisfaction|satisfaction score", ROLE_SATISFACTION,
         "annual client satisfaction survey results and 6-monthly NPS results", "customer unhappy",
         "customer satisfied"},
        {"support", "Support", 12.5, "support score|support health", ROLE_SUPPORT,
         "cases closed satisfactorily within 48 hours, and help requests against problem reports",
         "support cases not resolved well", "support working well"},
        {"sponsorship", "Sponsorship", 12.5, "sponsor|executive sponsor|executive sponsorship", ROLE_SPONSOR,
         "seniority of the purchasing decision maker", "decision maker not senior", "senior decision maker"},
    }},
    {"playbook", 4, {
        {"product_usage", "Product Usage", 40.0, "product|usage", ROLE_USAGE,
         "daily active users, dashboard views, queries", "low usage", "strong use"},
        {"feature_adoption", "Feature Adoption", 30.0, "adoption|features", ROLE_OTHER,
         "use of advanced features and integrations", "few features adopted", "advanced features adopted"},
        {"support_engagement", "Support Engagement", 20.0, "support", ROLE_SUPPORT,
         "support ticket volume and satisfaction", "heavy or unhappy support use", "support working well"},
        {"business_outcomes", "Business Outcomes", 10.0, "outcomes|roi|business impact", ROLE_OUTCOMES,
         "reported ROI and business impact", "little business impact reported", "business impact reported"},
    }},
};

const struct health_model *model_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_models / sizeof builtin_models[0]; i++)
        if (strcmp(builtin_models[i].name, name) == 0)
            return &builtin_models[i];
    return NULL;
}

const struct threshold_def threshold_defs[] = {
#define CSM_FLAG_DEF(field, group, key, def, min, max, help)                                                          \
    {group, key, help, def, min, max, offsetof(struct scoring, flags.field)},
#define CSM_PLAN_DEF(field, group, key, def, min, max, help)                                                          \
    {group, key, help, def, min, max, offsetof(struct scoring, plan.field)},
    CSM_THRESHOLDS(CSM_FLAG_DEF)
    CSM_PLAN_SETTINGS(CSM_PLAN_DEF)
#undef CSM_FLAG_DEF
#undef CSM_PLAN_DEF
};
const int threshold_count = (int)(sizeof threshold_defs / sizeof threshold_defs[0]);

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
    for (int i = 0; i < threshold_count; i++)
        *(int *)((char *)s + threshold_defs[i].offset) = threshold_defs[i].def;
    s->plan.nholidays = 2;
    s->plan.holiday[0] = 101;  /* New Year's Day */
    s->plan.holiday[1] = 1225; /* Christmas Day */
}

int model_role(const struct health_model *m, int role)
{
    for (int i = 0; i < m->ncomp; i++)
        if (m->comp[i].role == role)
            return i;
    return -1;
}

void model_complete(struct health_model *m)
{
    static const struct {
        const char *part;
        int role;
        const char *weak, *strong;
    } guess[] = {
        {"satisf", ROLE_SATISFACTION, "customer unhappy", "customer satisfied"},
        {"sponsor", ROLE_SPONSOR, "sponsor not engaged", "sponsor engaged"},
        {"support", ROLE_SUPPORT, "support struggling", "support working well"},
        {"outcome", ROLE_OUTCOMES, "little business impact", "business impact shown"},
        {"usage", ROLE_USAGE, "low usage", "strong use"},
        {"product", ROLE_USAGE, "low usage", "strong use"},
    };
    for (int i = 0; i < m->ncomp; i++) {
        struct component *c = &m->comp[i];
        for (size_t g = 0; g < sizeof guess / sizeof guess[0] && c->role == ROLE_OTHER; g++)
            if (strstr(c->key, guess[g].part) && model_role(m, guess[g].role) < 0) {
                c->role = guess[g].role;
                if (!c->weak[0])
                    snprintf(c->weak, sizeof c->weak, "%s", guess[g].weak);
                if (!c->strong[0])
                    snprintf(c->strong, sizeof c->strong, "%s", guess[g].strong);
            }
    }
    /* The first component is the usage measure when nothing says otherwise. */
    if (m->ncomp > 0 && model_role(m, ROLE_USAGE) < 0 && m->comp[0].role == ROLE_OTHER) {
        m->comp[0].role = ROLE_USAGE;
        if (!m->comp[0].weak[0])
            snprintf(m->comp[0].weak, sizeof m->comp[0].weak, "low usage");
        if (!m->comp[0].strong[0])
            snprintf(m->comp[0].strong, sizeof m->comp[0].strong, "strong use");
    }
    for (int i = 0; i < m->ncomp; i++) {
        struct component *c = &m->comp[i];
        char key[MODEL_NAME_MAX]; /* a copy: the compiler cannot tell the fields apart */
        memcpy(key, c->key, sizeof key);
        if (!c->weak[0])
            snprintf(c->weak, sizeof c->weak, "weak %s", key);
        if (!c->strong[0])
            snprintf(c->strong, sizeof c->strong, "strong %s", key);
        if (!c->description[0])
            memcpy(c->description, c->label, sizeof c->label);
    }
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
    a->last_touch = DATE_NONE;
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
