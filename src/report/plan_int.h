/* What the parts of the plan share: private to src/report. The plan is made
 * in four passes: the candidates from each account's facts (plan_compose.c),
 * the choice of what fits (plan.c), the calendar (plan_schedule.c), and the
 * words (plan_text.c). */
#ifndef CSM_REPORT_PLAN_INT_H
#define CSM_REPORT_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "csm/calendar.h"
#include "csm/plan.h"

/* What the plan reads about one account. */
struct facts {
    size_t i;
    const struct account *a;
    const struct verdict *v;
    const struct flag *churn, *expansion, *advocacy;
    int sev;                 /* the churn flag's severity, -1 without one */
    int segment;
    double acv;              /* dollars; the book's median when unknown */
    bool acv_known;
    int usage, sat, support, sponsor; /* whole scores, -1 without data or component */
    int usage_i, sat_i, support_i, sponsor_i;
    bool weak_usage, weak_sat, weak_sponsor, weak_support;
    bool strong_usage, strong_sponsor, strong_support;
    bool no_sat;             /* the model has satisfaction and the account has no data */
    bool detractor, kpi_fell, low_coverage, first_year_decline, usage_drop, lapsed;
    bool lapsed_only;        /* a churn flag for the lapsed renewal date and little else */
    bool swing;              /* health rose and fell back 15 points or more: check the data */
    bool renewal_steps;      /* steps of the 90/60/30 days fall in the quarter */
    bool renewal_soon;       /* the renewal itself falls in the quarter */
    bool touched;            /* a note or a done activity recorded */
    double retention;        /* the ACV it would cost to lose, weighed by risk and urgency */
    int adv_rank;            /* 0: the first case-study candidate, 1: the backup, -1: neither */
    int exp_rank;            /* 0, 1, 2: the expansion targets worked (0 the first), -1: not one */
};

struct builder {
    const struct book *b;
    const struct plan_options *o;
    const struct plan_settings *ps;
    struct calendar cal;
    double median_acv;
    struct activity *v;
    size_t n, cap;
};

/* The step's fixed data (plan_compose.c). */
struct step_def {
    double hours;            /* base hours for a mid-market account */
    int max_followups;       /* check-ins the plan may add to it */
    bool meeting;            /* with the customer: booked with notice */
    bool onsite;             /* met on site for an enterprise account */
    double with_customer;    /* the share of the step's own hours spent with the customer */
};
extern const struct step_def plan_step_defs[S_COUNT];
const char *plan_step_id(int step);
const char *plan_step_title(int step);
int plan_step_kind(int step);

void plan_facts(const struct builder *bl, size_t i, int exp_rank, int adv_rank, struct facts *fx);
/* Adds account i's candidates (groups are added by plan_groups). */
void plan_compose(struct builder *bl, const struct facts *fx);
/* Group sessions for the small accounts with the same need, among the
 * accounts kept (their facts in fx[0..n)). */
void plan_groups(struct builder *bl, const struct facts *fx, size_t n);
/* A renewal campaign takes on the diagnosis and first fix of a weakness
 * whose own work was not chosen (its hours grow by them). */
void plan_bundle_fix(const struct builder *bl, struct activity *x);
/* Whether the account's use is weak (at or below the flags' weak line). */
bool plan_weak_use(const struct builder *bl, size_t account);
/* Where two or more accounts go to the VP, one brief for them all
 * replaces their separate escalations (the VP's time is short, and a
 * portfolio view ranks them). A small book's, as the groups are. */
void plan_escalation_round(struct builder *bl);
/* The best value of any candidate of the account, and how many it has (for
 * a big book's shortcut). */
double plan_best_value(const struct builder *bl, const struct facts *fx, size_t *count);

/* The first working day a customer meeting can be held: booked with the
 * lead time's notice from the day of the export, and after the first
 * days of the quarter. */
int plan_first_meeting(const struct builder *bl);
/* A renewal too late for the playbook's marks is signed by this day: a
 * week before it renews. */
int plan_late_signature(const struct builder *bl, int renewal);
/* Whether the account's escalation goes to the VP (Level 3): a high risk
 * whose renewal campaign runs this quarter; else to a senior CSM. */
bool plan_escalates_to_vp(const struct builder *bl, size_t account);

/* Windows, dependencies and deadlines of the selected activities. */
void plan_schedule(struct builder *bl, struct plan *p);
/* The words of one activity. `variant` changes the phrasing where two
 * activities would otherwise read the same. */
void plan_texts(const struct builder *bl, const struct plan *p, struct activity *x, int variant);

/* A whole score as text, or "no data". */
int plan_score(const struct account *a, int c);

#endif
