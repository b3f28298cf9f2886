#ifndef CSM_PLAN_H
#define CSM_PLAN_H

/* The quarterly activity plan: built from the book's flags and renewals,
 * bounded by the CSM's capacity, written as text, Markdown, CSV, JSON or
 * iCalendar. Building is pure: the same book and options give the same plan. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csm/book.h"
#include "csm/store.h"

enum activity_kind { AK_RETENTION = 0, AK_EXPANSION = 1, AK_ADVOCACY = 2, AK_KINDS = 3 };

/* The steps a plan is made of: the playbooks' work, each a kind of
 * activity with its own words (plan_text.c). X(name, id, title, kind). */
#define CSM_PLAN_STEPS(X)                                                                                              \
    X(S_HANDOVER, "handover", "Book handover and renewal triage", AK_RETENTION)                                        \
    X(S_LAPSED, "renewal-lapsed", "Lapsed renewal: status and new date", AK_RETENTION)                                 \
    X(S_USAGE_DROP, "usage-drop", "Usage drop: find the cause", AK_RETENTION)                                          \
    X(S_RECOVERY, "recovery-plan", "Risk diagnosis and recovery plan", AK_RETENTION)                                   \
    X(S_ESCALATION, "escalation", "Escalation", AK_RETENTION)                                                          \
    X(S_RENEWAL, "renewal", "Renewal campaign", AK_RETENTION)                                                          \
    X(S_ONBOARDING, "onboarding-rescue", "First-year onboarding rescue", AK_RETENTION)                                 \
    X(S_ADOPTION, "adoption", "Adoption relaunch", AK_RETENTION)                                                       \
    X(S_GROUP_ADOPTION, "group-adoption", "Group adoption session", AK_RETENTION)                                      \
    X(S_SATISFACTION, "satisfaction", "Satisfaction: answer the complaints", AK_RETENTION)                               \
    X(S_SPONSOR, "decision-maker", "Senior decision maker", AK_RETENTION)                                              \
    X(S_DETRACTOR, "detractor", "Detractor follow-up", AK_RETENTION)                                                   \
    X(S_PULSE, "pulse-check", "Pulse check", AK_RETENTION)                                                             \
    X(S_KPI, "kpi-review", "KPI recovery review", AK_RETENTION)                                                        \
    X(S_DATA, "data-check", "Health data check", AK_RETENTION)                                                         \
    X(S_PROGRESS, "progress-review", "Recovery progress review", AK_RETENTION)                                         \
    X(S_REVIEW, "business-review", "Business review", AK_RETENTION)                                                    \
    X(S_INTRO, "introduction", "Introduction call", AK_RETENTION)                                                      \
    X(S_CHECKIN, "check-in", "Check-in", AK_RETENTION)                                                                 \
    X(S_GROUP_TOUCH, "group-webinar", "Customer webinar", AK_RETENTION)                                                \
    X(S_VALUE, "value-review", "Value realisation review", AK_EXPANSION)                                               \
    X(S_PROPOSAL, "expansion-proposal", "Expansion proposal", AK_EXPANSION)                                            \
    X(S_CS_READY, "cs-readiness", "Case study: readiness and alignment", AK_ADVOCACY)                                  \
    X(S_CS_PROOF, "cs-proof", "Case study: approvals and proof points", AK_ADVOCACY)                                   \
    X(S_CS_ASK, "cs-ask", "Case study: the ask and the interview", AK_ADVOCACY)                                        \
    X(S_CS_PUBLISH, "cs-launch", "Case study: recording, approval and launch", AK_ADVOCACY)                            \
    X(S_CS_BACKUP, "cs-second", "Case study: the second story", AK_ADVOCACY)

enum plan_step {
#define CSM_PLAN_STEP_ENUM(name, id, title, kind) name,
    CSM_PLAN_STEPS(CSM_PLAN_STEP_ENUM)
#undef CSM_PLAN_STEP_ENUM
    S_COUNT
};

/* How a healthy renewal grows: with an expansion sized and priced before
 * the renewal meeting, or, when the renewal is too near for new scope, with
 * its terms (a longer term, the uplift). */
enum renewal_growth { GROW_NONE = 0, GROW_EXPANSION, GROW_TERMS };

/* Why an activity waits, as the deferred list groups them. */
enum deferred_reason {
    DEFER_TAKEN_UP = 0,   /* another planned activity does this work */
    DEFER_MORE,           /* one more activity for an account already served */
    DEFER_VALUE,          /* worth less than the last one chosen */
    DEFER_CAPACITY,       /* the hours ran out */
    DEFER_PREREQUISITE,   /* a step it builds on did not fit */
    DEFER_REASONS
};

#define PLAN_MAX_DEPS 6
#define PLAN_LOAD_MONTHS 4 /* a quarter starting mid-month spans four */

struct activity {
    char ref[12];            /* "RET-01" */
    size_t account;          /* the account served (the first one of a group): index into the book */
    size_t *group;           /* a group session: every account it serves (ngroup of them), else NULL */
    int ngroup;
    int kind;                /* enum activity_kind */
    int step;                /* enum plan_step */
    const char *template_id; /* the step's id: "renewal" */
    const char *title;       /* "Renewal campaign" */
    char *label;             /* the client as shown: the name, or the group's label */
    char *description, *purpose, *results, *measurement, *notes; /* NULL until shown */
    char *duration;          /* the hours in parts: "12.0 h: 4.5 h with the customer, 4.0 h travel, ..." */
    double hours;            /* including preparation and travel */
    double travel_hours;     /* of which travel to an on-site meeting */
    int nparts;              /* a campaign's milestones: when its hours are spent (the last is the deadline) */
    int part_day[3];
    double part_share[3];
    double base_hours;       /* the step's own work, before follow-ups */
    int followups;           /* check-ins or follow-up sessions the hours include */
    int earliest, latest;    /* the window its deadline must fall in */
    int deadline;            /* day number, a working day */
    bool meeting;            /* with the customer: booked with notice */
    bool with_recovery;      /* a renewal campaign that also diagnoses and recovers the risk */
    double fix_hours;        /* of its hours, the diagnosis and the first fix (done first) */
    int grow;                /* a renewal campaign that grows the deal: enum renewal_growth */
    int deferred_reason;     /* when deferred: enum deferred_reason */
    int ndeps;
    int dep[PLAN_MAX_DEPS];  /* indexes into plan.all */
    double value;            /* what it protects or gains, in dollars: higher first */
    bool selected;
    unsigned char why;       /* enum plan_why: why it was not chosen */
    long why_than;           /* WHY_VALUE: the activity it gave way to (index into plan.all) */
    double why_hours_left;   /* WHY_CAPACITY: what was left */
    char *why_deferred;      /* in words, for the deferred that are shown */
    /* A saved plan read back (plan_from_saved): its progress. */
    const char *status;      /* "planned", "done" or "dropped"; NULL in a plan just made */
    char *outcome;           /* what came of it, as the CSM said; NULL: not said */
    int done_on;             /* the day it was marked done, DATE_NONE */
    char *accounts_json;     /* the names of the accounts it serves, as saved (a JSON array) */
    char *saved_title;       /* its title as saved (title points here) */
    char *saved_template;    /* its template as saved (template_id points here) */
};

enum plan_why { WHY_NONE, WHY_PREREQUISITE, WHY_VALUE, WHY_CAPACITY };

/* Deferred activities listed, most valuable first; the rest are counted. */
#define PLAN_DEFERRED_SHOWN 100

struct plan_options {
    int start, end;          /* the quarter, inclusive */
    int count;               /* activities wanted (the exercise asks 25) */
    double capacity_hours;   /* hours available for this book */
    const struct plan_settings *settings; /* lead times, gaps, holidays; NULL: the defaults */
    /* The day of each account's last recorded touch (a note, a done
     * activity), DATE_NONE for none; NULL when unknown (all are then new
     * to the CSM and get an introduction). Indexed like the book. */
    const int *last_touch;
    size_t keep;             /* accounts weighed at first in a big book (0: a few hundred, widened as
                                needed); SIZE_MAX weighs every one, as the tests do to check the shortcut */
};

struct plan {
    int start, end;
    double capacity_hours;
    double target_hours;     /* what the plan aims to fill (the rest is the buffer) */
    double planned_hours;
    int case_study_due;      /* marketing's deadline for the case study */
    int full_until;          /* short of the target: the work due by this day fills the time until it (else 0) */
    struct {
        int month;           /* year * 12 + month - 1 */
        double hours, capacity; /* due in the month (a campaign's milestones at their dates), its working time */
    } load[PLAN_LOAD_MONTHS];
    int nload;
    struct activity *all;    /* the candidates weighed; selected ones are the plan */
    size_t nall;
    size_t *order;           /* selected, in the plan's order (by kind, then deadline) */
    size_t n;
    size_t folded;           /* candidates not chosen whose call a chosen round makes: neither planned nor deferred */
    size_t *deferred;        /* not selected, most valuable first (the first PLAN_DEFERRED_SHOWN) */
    size_t ndeferred;
    size_t deferred_total;   /* all that did not fit */
    size_t accounts_served;  /* accounts with at least one activity */
    /* A saved plan read back: the day it was saved, and its progress. */
    bool saved;
    char saved_at[11];
    double done_hours;       /* of the activities done */
    int ndone, ndropped, noverdue; /* overdue: still planned, its deadline before progress_day */
    int progress_day;        /* the day the progress is told as of */
};

/* The three months from as_of ("default"), or a calendar quarter "2027-Q1".
 * Returns false when the text is not a quarter. */
bool plan_quarter(const char *text, int as_of, int *start, int *end);
/* The hours the plan may use: the option's, or the settings' capacity, or
 * hours_per_day on each working day of the quarter. */
double plan_capacity(const struct plan_settings *ps, double option, int start, int end);
/* Builds the plan. Returns 0. */
int plan_build(const struct book *b, const struct plan_options *o, struct plan *out);
void plan_free(struct plan *p);
/* The plan's activities as the store keeps them (csm plan --save, the Plan
 * screen), every text a copy; free with store_free_activities. Returns how many. */
size_t plan_saved_activities(const struct plan *p, const struct book *b, struct saved_activity **out);
/* The plan saved as v[0..n) (store_load_plan), as a plan the writers show
 * with each activity's status, outcome and the hours done; as_of counts
 * what is overdue. Free with plan_free. */
void plan_from_saved(const struct book *b, const struct saved_activity *v, size_t n, int as_of, struct plan *out);
const char *activity_kind_name(int kind);
/* The heading of a group of the deferred list: "Taken up by activities in the plan". */
const char *plan_deferred_heading(int reason);
/* The short title of a step ("Renewal campaign") by its id, or the id itself when unknown. */
const char *plan_template_title(const char *id);
/* The client of an activity as shown: the account's name or the group's label. */
const char *activity_client(const struct activity *x, const struct book *b);

/* Writers; `title` names the book in the header. Return 0 or an errno. */
void plan_write_text(FILE *f, const struct plan *p, const struct book *b, const char *title);
void plan_write_md(FILE *f, const struct plan *p, const struct book *b, const char *title);
void plan_write_csv(FILE *f, const struct plan *p, const struct book *b);
void plan_write_ics(FILE *f, const struct plan *p, const struct book *b, int stamp_day);
/* The contract's JSON object (text to free). */
char *plan_to_json(const struct plan *p, const struct book *b);

#endif
