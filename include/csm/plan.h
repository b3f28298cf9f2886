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

#define PLAN_MAX_DEPS 4

struct activity {
    char ref[12];            /* "RET-01" */
    size_t account;          /* index into the book */
    int kind;                /* enum activity_kind */
    const char *template_id; /* "renewal-60" */
    const char *title;       /* "Renewal meeting" */
    char *description, *purpose, *results, *measurement, *notes; /* NULL until shown */
    double hours;            /* including preparation and travel */
    int deadline;            /* day number */
    int ndeps;
    int dep[PLAN_MAX_DEPS];  /* indexes into plan.all */
    double value;            /* priority: higher first */
    bool selected;
    unsigned char why;       /* enum plan_why: why it was not chosen */
    int why_dep;             /* WHY_PREREQUISITE: which one */
    double why_hours_left;   /* WHY_CAPACITY: what was left */
    char *why_deferred;      /* in words, for the deferred that are shown */
};

enum plan_why { WHY_NONE, WHY_PREREQUISITE, WHY_FULL, WHY_CAPACITY };

/* Deferred activities listed, most valuable first; the rest are counted. */
#define PLAN_DEFERRED_SHOWN 100

struct plan_options {
    int start, end;          /* the quarter, inclusive */
    int count;               /* activities wanted (the exercise asks 25) */
    double capacity_hours;   /* hours available for this book */
    size_t keep;             /* candidates weighed at first (0: a few hundred, widened as needed);
                                SIZE_MAX weighs every one, as the tests do to check the shortcut */
};

struct plan {
    int start, end;
    double capacity_hours;
    double planned_hours;
    struct activity *all;    /* the candidates weighed (in a big book, the accounts with the
                                most valuable ones); selected ones are the plan */
    size_t nall;
    size_t *order;           /* selected, in the plan's order (by kind, then deadline) */
    size_t n;
    size_t *deferred;        /* not selected, most valuable first (the first PLAN_DEFERRED_SHOWN) */
    size_t ndeferred;
    size_t deferred_total;   /* all that did not fit */
};

/* The three months from as_of ("default"), or a calendar quarter "2027-Q1".
 * Returns false when the text is not a quarter. */
bool plan_quarter(const char *text, int as_of, int *start, int *end);
/* Builds the plan. Returns 0. */
int plan_build(const struct book *b, const struct plan_options *o, struct plan *out);
void plan_free(struct plan *p);
/* The plan's activities as the store keeps them (csm plan --save, the Plan
 * screen), every text a copy; free with store_free_activities. Returns how many. */
size_t plan_saved_activities(const struct plan *p, const struct book *b, struct saved_activity **out);
const char *activity_kind_name(int kind);
/* The short title of a template ("Renewal meeting"), or the id itself when unknown. */
const char *plan_template_title(const char *id);

/* Writers; `title` names the book in the header. Return 0 or an errno. */
void plan_write_text(FILE *f, const struct plan *p, const struct book *b, const char *title);
void plan_write_md(FILE *f, const struct plan *p, const struct book *b, const char *title);
void plan_write_csv(FILE *f, const struct plan *p, const struct book *b);
void plan_write_ics(FILE *f, const struct plan *p, const struct book *b, int stamp_day);
/* The contract's JSON object (text to free). */
char *plan_to_json(const struct plan *p, const struct book *b);

#endif
