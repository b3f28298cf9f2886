#ifndef CSM_MODEL_H
#define CSM_MODEL_H

/* Accounts and the health model: pure C, no I/O. Scores are kept in tenths
 * of a point (0..1000) so that imported decimals stay exact and health is
 * computed with integers, rounded half up. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csm/thresholds.h"

#define MODEL_MAX_COMPONENTS 12
#define MODEL_NAME_MAX 32
#define SCORE_NONE (-1)

enum band { BAND_NONE = -1, BAND_RED = 0, BAND_AMBER = 1, BAND_GREEN = 2 };
enum trend { TREND_NONE = -1, TREND_DOWN = 0, TREND_LEVEL = 1, TREND_UP = 2 };
enum segment { SEG_NONE = -1, SEG_SMB = 0, SEG_MID = 1, SEG_ENT = 2 };
enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

/* What a component measures, as the rules need to know it: the usage
 * measure (its drop is an early-warning sign), satisfaction, support,
 * sponsorship, business outcomes. */
enum comp_role { ROLE_OTHER = 0, ROLE_USAGE, ROLE_SATISFACTION, ROLE_SUPPORT, ROLE_SPONSOR, ROLE_OUTCOMES };

struct component {
    char key[MODEL_NAME_MAX];   /* lower case, the JSON key: "product" */
    char label[MODEL_NAME_MAX]; /* for people: "Product" */
    double weight;              /* relative weight, > 0 (percent by convention) */
    char aliases[160];          /* other header names, separated by '|' */
    int role;                   /* enum comp_role */
    /* In words, for the reasons: what it measures ("seniority of the
     * purchasing decision maker"), what a low score says ("decision maker
     * not senior") and what a high one says ("senior decision maker"). */
    char description[96];
    char weak[48];
    char strong[48];
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

/* The product in the CSM's own words, so the plan speaks of it and not
 * of "the product" (config "product"; empty: the generic words). */
#define PRODUCT_WORDS_MAX 160
struct product_words {
    char name[PRODUCT_WORDS_MAX];   /* "Partner Paradise" */
    char usage[PRODUCT_WORDS_MAX];  /* what use is: "partner logins, leader-board activity, badges earned" */
    char value[PRODUCT_WORDS_MAX];  /* what customers get: "partner revenue, quote volumes, training completions" */
    char growth[PRODUCT_WORDS_MAX]; /* what more they buy: "more partner tiers, regions or incentive programmes" */
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
    struct flag_thresholds flags;
    struct plan_settings plan;
    struct product_words product;
};

/* One account as stored: what was imported and set, not what is derived.
 * A book holds a million of them: the wide fields first, the small ones in
 * the narrowest type that holds their range (128 bytes, not 152). */
struct account {
    long long id;
    char *name;
    char *external_id;
    char *owner;
    int64_t acv_cents;    /* -1 unknown */
    double kpi_baseline;  /* NAN unknown */
    double kpi_current;   /* NAN unknown */
    /* History, oldest first, filled only where a caller asked for it. */
    int *hist_day;
    short *hist_score;    /* nhist rows of hist_width scores, tenths: account_hist() */
    int renewal;          /* day number, DATE_NONE unknown */
    int snapshot_day;     /* the latest snapshot's date, DATE_NONE without one */
    int last_advocacy_ask;/* day number, DATE_NONE */
    int last_touch;       /* day of the latest note or done activity, DATE_NONE: none recorded */
    int nhist;            /* snapshots in the history */
    short score[MODEL_MAX_COMPONENTS]; /* tenths, SCORE_NONE = no data */
    short reported_health;/* the export's own health score (tenths), SCORE_NONE */
    short term_years;     /* 0..200, -1 unknown */
    signed char segment;  /* imported segment, SEG_NONE when not imported */
    signed char trend;    /* the latest snapshot's imported trend, TREND_NONE */
    signed char nps;      /* 0..10, -1 unknown */
    signed char msa_restricted; /* enum tristate */
    signed char anonymized_ok;  /* enum tristate */
    signed char pulse;    /* enum band, the CSM's own judgement */
    unsigned char hist_width; /* scores a snapshot of the history holds: the model's components */
};

/* The scores of snapshot k of the history, k < a->nhist: hist_width of
 * them, the model's components (a million accounts' histories hold no
 * room for components a model does not have). */
static inline const short *account_hist(const struct account *a, int k)
{
    return a->hist_score + (size_t)k * (size_t)a->hist_width;
}

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

/* The reasons a flag can give, in the order they are told; each has one
 * sentence in flag_reason_text(). X(name, kind, points): a churn reason is
 * a signal, and `points` is what it weighs, an expression over the
 * thresholds `t` (struct flag_thresholds *) where the list is expanded. */
#define CSM_REASONS(X)                                                                                                 \
    /* churn: the signals */                                                                                           \
    X(R_RENEWAL_PASSED, FLAG_CHURN, t->pts_renewal_passed)                                                             \
    X(R_HEALTH_RED, FLAG_CHURN, t->pts_health_red)                                                                     \
    X(R_RENEWAL_SOON, FLAG_CHURN, t->pts_renewal_soon)                                                                 \
    X(R_USAGE_DROP, FLAG_CHURN, t->pts_usage_drop)                                                                     \
    X(R_DECLINING_NEAR_RENEWAL, FLAG_CHURN, t->pts_declining_near_renewal)                                             \
    X(R_PULSE_DISAGREES, FLAG_CHURN, t->pts_pulse)                                                                     \
    X(R_DETRACTOR_ON_GREEN, FLAG_CHURN, t->pts_detractor_on_green)                                                     \
    X(R_DETRACTOR, FLAG_CHURN, t->pts_detractor)                                                                       \
    X(R_KPI_FELL_NEAR_RENEWAL, FLAG_CHURN, t->pts_kpi_fell_near_renewal)                                               \
    X(R_KPI_FELL, FLAG_CHURN, t->pts_kpi_fell)                                                                         \
    X(R_SHARP_DECLINE, FLAG_CHURN, t->pts_sharp_decline)                                                               \
    X(R_FIRST_YEAR_DECLINE, FLAG_CHURN, t->pts_first_year_decline)                                                     \
    X(R_LOW_COVERAGE, FLAG_CHURN, t->pts_low_coverage)                                                                 \
    X(R_WEAK_USAGE, FLAG_CHURN, t->pts_weak_usage)                                                                     \
    X(R_WEAK_SATISFACTION, FLAG_CHURN, t->pts_weak_satisfaction)                                                       \
    X(R_WEAK_SPONSOR, FLAG_CHURN, t->pts_weak_sponsor)                                                                 \
    X(R_NO_SATISFACTION_NEAR_RENEWAL, FLAG_CHURN, t->pts_no_satisfaction)                                              \
    X(R_DECLINING, FLAG_CHURN, t->pts_declining)                                                                       \
    X(R_LARGE_ACV, FLAG_CHURN, 0) /* no points: the ACV weighs in through the stake */                                 \
    X(R_TOUCH_DUE, FLAG_CHURN, t->pts_touch_due) /* told last: the CSM's silence, not the customer's */               \
    /* expansion */                                                                                                    \
    X(R_FIX_SENTIMENT_FIRST, FLAG_EXPANSION, 0)                                                                        \
    X(R_EXP_HEALTHY, FLAG_EXPANSION, 0)                                                                                \
    X(R_EXP_IMPROVING, FLAG_EXPANSION, 0)                                                                              \
    X(R_EXP_STRONG_USAGE, FLAG_EXPANSION, 0)                                                                           \
    X(R_EXP_SENIOR_SPONSOR, FLAG_EXPANSION, 0)                                                                         \
    X(R_EXP_PROMOTER, FLAG_EXPANSION, 0)                                                                               \
    X(R_EXP_KPI_GAIN, FLAG_EXPANSION, 0)                                                                               \
    X(R_EXP_TIME_TO_BUILD, FLAG_EXPANSION, 0)                                                                          \
    X(R_EXP_DECLINING, FLAG_EXPANSION, 0) /* a caveat: told last */                                                    \
    /* advocacy: the case-study playbook's readiness */                                                                \
    X(R_ADV_KPI_GAIN, FLAG_ADVOCACY, 0)                                                                                \
    X(R_ADV_HEALTHY, FLAG_ADVOCACY, 0)                                                                                 \
    X(R_ADV_PROMOTER, FLAG_ADVOCACY, 0)                                                                                \
    X(R_ADV_POSITIVE_NPS, FLAG_ADVOCACY, 0)                                                                            \
    X(R_ADV_SATISFIED, FLAG_ADVOCACY, 0)                                                                               \
    X(R_ADV_STRONG_USAGE, FLAG_ADVOCACY, 0)                                                                            \
    X(R_ADV_NOT_DECLINING, FLAG_ADVOCACY, 0)                                                                           \
    X(R_ADV_NOT_ASKED, FLAG_ADVOCACY, 0)                                                                               \
    X(R_ADV_PENDING_PROOF, FLAG_ADVOCACY, 0)   /* a caveat */                                                          \
    X(R_ADV_ANONYMISED_ONLY, FLAG_ADVOCACY, 0) /* a caveat */

enum reason {
#define CSM_REASON_ENUM(name, kind, points) name,
    CSM_REASONS(CSM_REASON_ENUM)
#undef CSM_REASON_ENUM
    R_COUNT
};

/* Why an account is not an expansion target or a case-study candidate: the
 * first readiness rule it fails, in the order the rules are checked. */
enum why_not {
    WN_NONE = 0, WN_NO_HEALTH, WN_LOW_COVERAGE, WN_RED, WN_CHURN, WN_NOT_GREEN, WN_DECLINING, WN_WEAK_USAGE,
    WN_WEAK_SPONSOR, WN_RENEWAL_TOO_CLOSE, WN_NPS_LOW, WN_NO_SENTIMENT, WN_MSA, WN_NO_KPI_GAIN,
    WN_ASKED_RECENTLY, WN_COUNT
};

/* A flag. Its reasons are a bit set of enum reason, kept as two words so
 * a verdict stays small enough for a book of a million accounts. */
struct flag {
    unsigned char kind;      /* enum flag_kind */
    unsigned char severity;  /* enum severity */
    unsigned short score;    /* churn: the risk score behind the severity; expansion, advocacy: how ready (for order) */
    uint32_t reasons[2];
};

static inline bool flag_has(const struct flag *f, int reason)
{
    return f && (f->reasons[reason >> 5] & (UINT32_C(1) << (reason & 31))) != 0;
}
static inline void flag_add(struct flag *f, int reason) { f->reasons[reason >> 5] |= UINT32_C(1) << (reason & 31); }

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
    unsigned char why_not[FLAG_KINDS]; /* enum why_not, for expansion and advocacy */
    unsigned char signal_points;        /* churn: the signals' points (capped), 0 without a flag */
    short coverage_pct;
    short usage_drop_pct;    /* the size of the drop, when usage_drop */
    bool touch_due;          /* the segment's cadence has passed since the last touch, or none is recorded */
    int months;              /* months to renewal, MONTHS_UNKNOWN */
    int days;                /* days to renewal (negative: passed), valid when months is */
    struct flag flag[FLAG_KINDS];
};

/* Facts about the whole book that some rules compare an account with. */
struct book_context {
    int64_t mean_acv_cents;   /* 0 when unknown */
    int64_t median_acv_cents; /* a typical account's: what the ACV at stake is weighed against; 0 unknown */
};

/* The segment's touch cadence in days (flags.cadence_*_days): how long an
 * account may go without a note or a done activity; 0: no cadence. */
int touch_cadence_days(const struct scoring *s, int segment);
/* True when the cadence has passed since the account's last touch, or it
 * has none recorded (a segment without a cadence is never due). */
bool touch_is_due(const struct scoring *s, const struct account *a, int segment, int as_of);

/* Health, bands, segment, trend and flags of one account as of `as_of`. */
void assess(const struct scoring *s, const struct account *a, int as_of, const struct book_context *ctx,
            struct verdict *v);
/* The book-wide rule of the churn severities: an account with at least the
 * signal points and at least the ACV of another is never of a lower
 * severity than it (a small account is not "high" beside a larger one with
 * equal or worse signals), unless the smaller one's renewal has passed. */
void risk_settle(const struct scoring *s, const struct account *acc, struct verdict *v, size_t n);
/* Trend from the snapshot history (level without enough of it). */
int trend_from_history(const struct scoring *s, const struct account *a);
/* How far the latest health is below the highest of the trend's window
 * (0 when it is not below, or without history). */
int health_fall(const struct scoring *s, const struct account *a);
/* The usage drop: the latest usage below the highest of the window, in
 * percent of that peak; 0 without history. */
int usage_drop_pct(const struct scoring *s, const struct account *a);
/* The flag's reasons in the order they are told; returns how many. */
int flag_reasons(const struct flag *f, int out[R_COUNT]);
/* The flag of this kind, or NULL when the account does not carry it. */
const struct flag *verdict_flag(const struct verdict *v, int kind);
/* One reason in words, with the account's own facts: "health 45 is red". */
void flag_reason_text(const struct scoring *s, const struct account *a, const struct verdict *v, int reason,
                      char *buf, size_t len);
/* Why the account is not a target of `kind` (expansion or advocacy), in
 * words: "decision maker not senior enough (sponsorship 40; needs 70)".
 * False when it is one (or the kind has no such rules). */
bool why_not_text(const struct scoring *s, const struct account *a, const struct verdict *v, int kind, char *buf,
                  size_t len);
/* "in 20 days", "in 5 weeks", "in 3 months", "passed": when the renewal is. */
void renewal_phrase(const struct verdict *v, char *buf, size_t len);
/* The months renewal_phrase says from two months on: whole calendar months,
 * as the bands, the Renews column and months_to_renewal count them (a
 * renewal in 3 months 19 days is "in 3 months" and red, never "in 4 months"
 * beside a rule of three). */
int renewal_months_said(const struct verdict *v);
const char *flag_kind_name(int kind);   /* "churn", "expansion", "advocacy" */
const char *severity_name(int sev);     /* "high", "medium", "low" */

/* The parts of a churn flag's risk score, as `show` explains them: each
 * signal's points, the points counted, the urgency and ACV weights, the
 * score and the cut-offs of the severities. */
struct risk_parts {
    int n;
    int reason[R_COUNT];
    int points[R_COUNT];
    int total;           /* the signals' points, before the cap */
    int counted;         /* after the cap (max_points) */
    int urgency_pct;     /* how soon the renewal decides it */
    int stake_pct;       /* the ACV at stake against the book's mean */
    double score;        /* counted x urgency x stake */
};
/* False when the account carries no churn flag. */
bool risk_explain(const struct scoring *s, const struct account *a, const struct verdict *v,
                  const struct book_context *ctx, struct risk_parts *out);

/* Looks a component up by its role (the usage measure, satisfaction, ...);
 * -1 when the model has none. */
int model_role(const struct health_model *m, int role);
/* Fills in the roles and words a model's components lack (from their keys:
 * "satisf" is satisfaction, the first is usage, ...). */
void model_complete(struct health_model *m);

#endif
