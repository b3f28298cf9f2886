#ifndef CSM_THRESHOLDS_H
#define CSM_THRESHOLDS_H

/* Every threshold of the flag rules and of the churn risk score, in one
 * list: the struct's fields, the defaults, the configuration file's keys
 * and ranges, and what `csm config` prints all come from it. Adding one is
 * one line here plus the rule that reads it.
 *
 * X(field, group, key, default, min, max, meaning): `group` and `key` are
 * its JSON path in the configuration ("flags.weak_component").
 *
 * The defaults come from the playbooks (shared/seeds): the customer success
 * playbook's early-warning signs (a 25% usage drop in 30 days, red health
 * below 50, a key champion leaving), its segments and its 90/60/30-day
 * renewal process, its touch cadence (enterprise quarterly business
 * reviews: 90 days; mid-market semi-annual: 182; SMB digital, at the pace
 * of the semi-annual NPS and CSAT survey, the one cadence the playbook
 * gives that reaches every customer: 182); the case-study playbook's readiness criteria (NPS >= 8,
 * a measurable KPI improvement, no MSA restriction). Risk points are how
 * strongly each sign predicts a lost renewal: a red score or a usage
 * collapse weighs about twice a single weak component; a detractor's own
 * word weighs more than a score. */
#define CSM_THRESHOLDS(X)                                                                                              \
    X(weak_component, "flags", "weak_component", 50, 0, 100,                                                           \
      "a usage, satisfaction or sponsorship score at or below this is weak")                                           \
    X(strong_product, "flags", "strong_product", 75, 0, 100, "usage at or above this is strong use (expansion)")       \
    X(strong_sponsor, "flags", "strong_sponsor", 70, 0, 100,                                                           \
      "sponsorship at or above this is a senior, engaged decision maker (expansion)")                                  \
    X(expansion_min_months, "flags", "expansion_min_months", 4, 0, 120,                                                \
      "months before the renewal needed to build an expansion case")                                                   \
    X(advocacy_min_nps, "flags", "advocacy_min_nps", 8, 0, 10, "NPS at or above this is positive sentiment")           \
    X(advocacy_min_satisfaction, "flags", "advocacy_min_satisfaction", 80, 0, 100,                                     \
      "satisfaction at or above this is positive sentiment")                                                           \
    X(advocacy_min_usage, "flags", "advocacy_min_usage", 70, 0, 100,                                                   \
      "usage at or above this shows the product solving the customer's problem (case study)")                          \
    X(advocacy_ask_gap_months, "flags", "advocacy_ask_gap_months", 12, 0, 120,                                         \
      "an account is not asked for advocacy again within this many months")                                            \
    X(promoter_min_nps, "flags", "promoter_min_nps", 9, 0, 10, "NPS at or above this is a promoter")                   \
    X(detractor_max_nps, "flags", "detractor_max_nps", 6, 0, 10, "NPS at or below this is a detractor: a churn sign")  \
    X(kpi_gain_pct, "flags", "kpi_gain_pct", 10, 0, 10000,                                                             \
      "the KPI up this much (percent of the baseline) is measured proof for a case study")                             \
    X(kpi_fall_pct, "flags", "kpi_fall_pct", 5, 0, 100, "the KPI down this much since the baseline is a churn sign")   \
    X(usage_drop_pct, "flags", "usage_drop_pct", 25, 1, 100,                                                           \
      "usage this far below the window's peak is an early-warning sign")                                               \
    X(usage_drop_days, "flags", "usage_drop_days", 30, 1, 365, "the usage drop's window, in days")                     \
    X(usage_drop_grace_days, "flags", "usage_drop_grace_days", 2, 0, 31,                                               \
      "days the window's edge stretches, so monthly exports (28 to 31 days apart) fall inside it")                     \
    X(sharp_decline_points, "flags", "sharp_decline_points", 10, 1, 100,                                               \
      "health this many points below the window's peak is a sharp decline")                                            \
    X(first_year_max_term, "flags", "first_year_max_term", 0, 0, 10,                                                   \
      "term years at or below this: a customer in its first year (a decline is an onboarding risk)")                   \
    X(high_acv_pct, "flags", "high_acv_pct", 150, 100, 10000,                                                          \
      "an ACV at or above this share of the book's median is named as large")                                          \
    X(stale_days, "flags", "stale_days", 45, 1, 3650,                                                                 \
      "an account whose latest snapshot is more than this many days old is stale: no data")                            \
    X(cadence_enterprise_days, "flags", "cadence_enterprise_days", 90, 0, 3650,                                        \
      "an enterprise account is due a touch (its quarterly business review) this many days after the last; 0: never") \
    X(cadence_mid_market_days, "flags", "cadence_mid_market_days", 182, 0, 3650,                                       \
      "a mid-market account is due a touch (its semi-annual business review) this many days after the last")          \
    X(cadence_smb_days, "flags", "cadence_smb_days", 182, 0, 3650,                                                     \
      "an SMB account is due a digital touch (survey, webinar, programme email) this many days after the last")       \
    X(risk_flag_from, "risk", "flag_from", 20, 1, 1000, "signal points at or above this make a churn flag")            \
    X(risk_high_from, "risk", "high_from", 60, 1, 10000, "a risk score at or above this is high severity")             \
    X(risk_medium_from, "risk", "medium_from", 25, 1, 10000, "a risk score at or above this is medium severity")       \
    X(risk_max_points, "risk", "max_points", 100, 1, 1000, "signal points count up to this")                           \
    X(pts_renewal_passed, "risk", "renewal_passed", 25, 0, 1000, "points: the renewal date passed, no new one")        \
    X(pts_health_red, "risk", "health_red", 30, 0, 1000, "points: health in the red band")                             \
    X(pts_renewal_soon, "risk", "renewal_soon", 20, 0, 1000,                                                           \
      "points: renewal within the red months with health not green")                                                   \
    X(pts_declining_near_renewal, "risk", "declining_near_renewal", 20, 0, 1000,                                       \
      "points: declining with the renewal within the amber months")                                                    \
    X(pts_declining, "risk", "declining", 12, 0, 1000, "points: declining, the renewal further off")                   \
    X(pts_sharp_decline, "risk", "sharp_decline", 10, 0, 1000, "points, on top of the decline: a sharp decline")       \
    X(pts_first_year_decline, "risk", "first_year_decline", 15, 0, 1000,                                               \
      "points, on top of the decline: declining in the first year (onboarding risk)")                                  \
    X(pts_usage_drop, "risk", "usage_drop", 25, 0, 1000, "points: the usage drop")                                     \
    X(pts_pulse, "risk", "pulse", 20, 0, 1000, "points: your pulse red against the health, or two bands apart")        \
    X(pts_detractor, "risk", "detractor", 20, 0, 1000, "points: a detractor's NPS")                                    \
    X(pts_detractor_on_green, "risk", "detractor_on_green", 25, 0, 1000,                                               \
      "points: a detractor's NPS on a green account (the score hides it)")                                             \
    X(pts_kpi_fell, "risk", "kpi_fell", 15, 0, 1000, "points: the KPI fell since the baseline")                        \
    X(pts_kpi_fell_near_renewal, "risk", "kpi_fell_near_renewal", 25, 0, 1000,                                         \
      "points: the KPI fell, with the renewal within the amber months")                                                \
    X(pts_weak_usage, "risk", "weak_usage", 15, 0, 1000, "points: weak usage")                                         \
    X(pts_weak_satisfaction, "risk", "weak_satisfaction", 15, 0, 1000, "points: weak satisfaction")                    \
    X(pts_weak_sponsor, "risk", "weak_sponsor", 10, 0, 1000, "points: weak sponsorship")                               \
    X(pts_no_satisfaction, "risk", "no_satisfaction_near_renewal", 10, 0, 1000,                                        \
      "points: no satisfaction data with the renewal within the amber months")                                         \
    X(pts_low_coverage, "risk", "low_coverage", 20, 0, 1000, "points: health rests on too little of the model")        \
    X(pts_touch_due, "risk", "touch_due", 0, 0, 1000,                                                                  \
      "points: a touch due by the segment's cadence (0: told on a churn flag, never a flag by itself)")                \
    X(urgency_passed_pct, "risk", "urgency_passed_pct", 130, 10, 1000,                                                 \
      "risk weight (percent) when the renewal date has passed")                                                        \
    X(urgency_red_pct, "risk", "urgency_red_pct", 120, 10, 1000, "risk weight (percent): renewal in the red months")   \
    X(urgency_amber_pct, "risk", "urgency_amber_pct", 110, 10, 1000,                                                   \
      "risk weight (percent): renewal in the amber months")                                                            \
    X(urgency_green_pct, "risk", "urgency_green_pct", 100, 10, 1000,                                                   \
      "risk weight (percent): renewal within twelve months")                                                           \
    X(urgency_later_pct, "risk", "urgency_later_pct", 90, 10, 1000,                                                    \
      "risk weight (percent): renewal over twelve months away")                                                        \
    X(urgency_unknown_pct, "risk", "urgency_unknown_pct", 100, 10, 1000,                                               \
      "risk weight (percent): renewal date unknown")                                                                   \
    X(stake_min_pct, "risk", "stake_min_pct", 25, 1, 1000,                                                             \
      "the ACV weight (the square root of ACV over the book's median) is at least this (percent)")                     \
    X(stake_max_pct, "risk", "stake_max_pct", 300, 100, 10000, "and at most this (percent)")

/* The quarterly plan's settings, the same way. The defaults: half of each
 * working day for this book (the exercise's new CSM gives the other half
 * to onboarding); 80% of it planned, a fifth kept for reactive work
 * (escalations, support issues, what the export did not show); eight
 * working days' notice to book a customer meeting (counted from the day
 * of the export, so a plan made ahead of its quarter meets early in it); a week between a step and the one
 * that builds on it, two between a recovery plan and the renewal meeting
 * that relies on it; half a day of travel for an on-site visit. */
#define CSM_PLAN_SETTINGS(X)                                                                                           \
    X(capacity_hours, "plan", "capacity_hours", 0, 0, 10000, "hours a quarter for this book; 0: hours_per_day on each working day") \
    X(hours_per_day, "plan", "hours_per_day", 4, 1, 24, "hours a working day for this book (the exercise: half of 8 hours)") \
    X(target_utilisation_pct, "plan", "target_utilisation_pct", 80, 10, 100,                                           \
      "the share of the capacity the plan fills; the rest is the buffer for reactive work")                            \
    X(lead_time_days, "plan", "lead_time_days", 8, 0, 30, "working days' notice to book a customer meeting")           \
    X(prerequisite_gap_days, "plan", "prerequisite_gap_days", 5, 1, 30,                                                \
      "working days between a step and the one that builds on it")                                                     \
    X(recovery_gap_days, "plan", "recovery_gap_days", 10, 1, 60,                                                       \
      "working days between a recovery plan and the renewal meeting that relies on it")                                \
    X(onsite_travel_hours, "plan", "onsite_travel_hours", 4, 0, 24,                                                    \
      "travel hours for an on-site meeting (enterprise accounts meet on site)")                                        \
    X(case_study_days_before_end, "plan", "case_study_days_before_end", 0, 0, 60,                                      \
      "the case study is due this many days before the quarter's end (marketing's deadline)")                          \
    X(group_max_accounts, "plan", "group_max_accounts", 8, 2, 100, "accounts in one group session at most")

/* The thresholds as set (defaults, then the configuration). */
struct flag_thresholds {
#define CSM_SETTING_FIELD(field, group, key, def, min, max, help) int field;
    CSM_THRESHOLDS(CSM_SETTING_FIELD)
};

#define PLAN_MAX_HOLIDAYS 32

struct plan_settings {
    CSM_PLAN_SETTINGS(CSM_SETTING_FIELD)
#undef CSM_SETTING_FIELD
    /* Days off every year, month * 100 + day (default 1 January, 25 December). */
    int nholidays;
    int holiday[PLAN_MAX_HOLIDAYS];
};

/* One setting as data, for the configuration reader and writer. */
struct threshold_def {
    const char *group, *key, *help;
    int def, min, max;
    size_t offset; /* of its field in struct scoring */
};

extern const struct threshold_def threshold_defs[];
extern const int threshold_count;

#endif
