#ifndef CSM_MODEL_H
#define CSM_MODEL_H

/* Accounts and the health model: pure C, no I/O. Scores are kept in tenths
 * of a point (0..1000) so that imported decimals stay exact and health is
 * computed with integers, rounded half up. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_MAX_COMPONENTS 12
#define MODEL_NAME_MAX 32
#define SCORE_NONE (-1)

enum band { BAND_NONE = -1, BAND_RED = 0, BAND_AMBER = 1, BAND_GREEN = 2 };
enum trend { TREND_NONE = -1, TREND_DOWN = 0, TREND_LEVEL = 1, TREND_UP = 2 };
enum segment { SEG_NONE = -1, SEG_SMB = 0, SEG_MID = 1, SEG_ENT = 2 };
enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

struct component {
    char key[MODEL_NAME_MAX];   /* lower case, the JSON key: "product" */
    char label[MODEL_NAME_MAX]; /* for people: "Product" */
    double weight;              /* relative weight, > 0 (percent by convention) */
    char aliases[160];          /* other header names, separated by '|' */
};

/* A named list of weighted components. */
struct health_model {
    char name[MODEL_NAME_MAX];
    int ncomp;
    struct component comp[MODEL_MAX_COMPONENTS];
};

/* A value is red up to red_max, amber up to amber_max, green above. */
struct band_limits {
    int red_max;
    int amber_max;
};

/* Thresholds of the flag rules (see flags.c for how each is used). */
struct flag_thresholds {
    int weak_component;          /* sponsorship / satisfaction at or below: weak */
    int strong_product;          /* product at or above: strong use (expansion) */
    int strong_sponsor;          /* sponsorship at or above: engaged sponsor */
    int expansion_min_months;    /* months before renewal needed to build a case */
    int advocacy_min_nps;        /* NPS at or above: promoter */
    int advocacy_min_satisfaction;
    int advocacy_ask_gap_months; /* not asked again within this many months */
    int usage_drop_pct;          /* product drop within usage_drop_days: warning */
    int usage_drop_days;
    int high_acv_pct;            /* ACV at or above this share of the book's mean: "large" */
};

/* The whole scoring configuration: the chosen model plus bands and rules. */
struct scoring {
    struct health_model model;
    struct band_limits score_bands;  /* red 0-50, amber 51-74, green 75+ */
    struct band_limits month_bands;  /* red 0-3, amber 4-6, green 7+ */
    int min_coverage_pct;            /* below: health is low-coverage */
    int64_t enterprise_min_cents;    /* ACV at or above: enterprise */
    int64_t midmarket_min_cents;     /* ACV at or above: mid-market */
    int trend_dead_band;             /* health change within +-this: level */
    int trend_snapshots;             /* snapshots the history trend looks at */
    int health_target;               /* the book's target average (playbook: 70) */
    int capacity_hours;              /* hours a quarter for this book (the plan's default) */
    struct flag_thresholds flags;
};

/* One account as stored: what was imported and set, not what is derived. */
struct account {
    long long id;
    char *name;
    char *external_id;
    char *owner;
    int segment;          /* imported segment, SEG_NONE when not imported */
    int term_years;       /* -1 unknown */
    int64_t acv_cents;    /* -1 unknown */
    int renewal;          /* day number, DATE_NONE unknown */
    int trend;            /* the latest snapshot's imported trend, TREND_NONE */
    int reported_health;  /* the export's own health score (tenths), SCORE_NONE */
    int snapshot_day;     /* the latest snapshot's date, DATE_NONE without one */
    short score[MODEL_MAX_COMPONENTS]; /* tenths, SCORE_NONE = no data */
    int nps;              /* 0..10, -1 unknown */
    int msa_restricted;   /* enum tristate */
    int anonymized_ok;    /* enum tristate */
    int nhist;            /* snapshots in the history below (here: no padding) */
    double kpi_baseline;  /* NAN unknown */
    double kpi_current;   /* NAN unknown */
    int last_advocacy_ask;/* day number, DATE_NONE */
    int pulse;            /* enum band, the CSM's own judgement */
    /* History, oldest first, filled only where a caller asked for it. */
    int *hist_day;
    short (*hist_score)[MODEL_MAX_COMPONENTS]; /* scores per snapshot, tenths */
};

void account_init(struct account *a);
void account_free(struct account *a);

/* How an account's health was reached. */
struct health {
    int value;            /* 0..100, -1 when no component has data */
    double exact;         /* the unrounded weighted mean */
    int band;             /* enum band */
    int coverage_pct;     /* share of the model's weight that had data */
    bool low_coverage;    /* coverage below the configured minimum */
    double share[MODEL_MAX_COMPONENTS];        /* weight actually used, percent (0 if no data) */
    double contribution[MODEL_MAX_COMPONENTS]; /* points each component adds */
};

/* The built-in configuration: the `dashboard` model and the playbook's rules. */
void scoring_defaults(struct scoring *s);
/* Looks up a built-in model by name ("dashboard", "playbook"). */
const struct health_model *model_builtin(const char *name);
/* Index of the component with this key in the model, or -1. */
int model_component(const struct health_model *m, const char *key);

/* Weighted mean of the components that have data, weights rescaled to 100%,
 * rounded half up. Returns the health value (-1 when nothing had data). */
int health_compute(const struct scoring *s, const short *score, struct health *out);
/* Band of a whole score (0..100), or of tenths with band_of_tenths. */
int band_of_score(const struct scoring *s, int score);
int band_of_tenths(const struct scoring *s, int tenths);
/* Band of months to renewal; BAND_NONE for an unknown renewal. */
int band_of_months(const struct scoring *s, int months);
/* The account's segment: its own when imported, else from its ACV. */
int segment_of(const struct scoring *s, const struct account *a);

const char *band_name(int band);    /* "red", "amber", "green", or NULL */
const char *trend_name(int trend);  /* "up", "level", "down", or NULL */
const char *segment_name(int seg);  /* "enterprise", "mid-market", "smb", or NULL */
int band_parse(const char *s);      /* BAND_NONE when not a band word */
int segment_parse(const char *s);   /* accepts "Mid Market", "SMB", ... */

/* ---- Assessment: what the model concludes about one account ---- */

enum flag_kind { FLAG_CHURN = 0, FLAG_EXPANSION = 1, FLAG_ADVOCACY = 2, FLAG_KINDS = 3 };
enum severity { SEV_LOW = 0, SEV_MEDIUM = 1, SEV_HIGH = 2 };

/* The reasons a flag can give, most telling first; each has one sentence in
 * flag_reason_text(). */
enum reason {
    /* churn */
    R_RENEWAL_PASSED, R_HEALTH_RED, R_RENEWAL_SOON, R_DECLINING_NEAR_RENEWAL, R_USAGE_DROP,
    R_PULSE_DISAGREES, R_WEAK_USAGE, R_WEAK_SATISFACTION, R_WEAK_SPONSOR,
    R_NO_SATISFACTION_NEAR_RENEWAL, R_DECLINING, R_LOW_COVERAGE, R_LARGE_ACV,
    /* expansion and advocacy */
    R_HEALTHY, R_IMPROVING, R_STRONG_PRODUCT, R_ENGAGED_SPONSOR, R_TIME_TO_BUILD,
    R_PROMOTER, R_SATISFIED, R_NOT_DECLINING, R_KPI_IMPROVED, R_ANONYMISED_ONLY, R_NOT_ASKED_RECENTLY,
    R_COUNT
};

struct flag {
    unsigned char kind;      /* enum flag_kind */
    unsigned char severity;  /* enum severity */
    uint32_t reasons;        /* bit set of enum reason, in the order they are told */
};

#define MONTHS_UNKNOWN (-100000)

/* Everything derived about an account as of a day; small, so a book of a
 * million accounts can keep one each. */
struct verdict {
    short health;            /* -1 none */
    signed char band;
    signed char months_band; /* BAND_NONE when the renewal is unknown */
    signed char trend;       /* enum trend, never TREND_NONE */
    bool trend_from_history;
    bool low_coverage;
    bool usage_drop;
    signed char segment;
    signed char nflags;
    short coverage_pct;
    short usage_drop_pct;    /* the size of the drop, when usage_drop */
    int months;              /* months to renewal, MONTHS_UNKNOWN */
    struct flag flag[FLAG_KINDS];
};

/* Facts about the whole book that some rules compare an account with. */
struct book_context {
    int64_t mean_acv_cents;  /* 0 when unknown */
};

/* Health, bands, segment, trend and flags of one account as of `as_of`. */
void assess(const struct scoring *s, const struct account *a, int as_of, const struct book_context *ctx,
            struct verdict *v);
/* Trend from the snapshot history (level without enough of it). */
int trend_from_history(const struct scoring *s, const struct account *a);
/* The flag's reasons in the order they are told; returns how many. */
int flag_reasons(const struct flag *f, int out[R_COUNT]);
/* The flag of this kind, or NULL when the account does not carry it. */
const struct flag *verdict_flag(const struct verdict *v, int kind);
/* One reason in words, with the account's own facts: "health 45 is red". */
void flag_reason_text(const struct scoring *s, const struct account *a, const struct verdict *v, int reason,
                      char *buf, size_t len);
const char *flag_kind_name(int kind);   /* "churn", "expansion", "advocacy" */
const char *severity_name(int sev);     /* "high", "medium", "low" */

#endif
