/* Private to src/report: the activity templates (templates.c). */
#ifndef CSM_REPORT_TEMPLATES_H
#define CSM_REPORT_TEMPLATES_H

#include <string.h>

#include "csm/plan.h"

enum deadline_rule {
    DL_START,          /* start + days */
    DL_END,            /* end + days (days <= 0) */
    DL_RENEWAL,        /* renewal + days (days < 0) */
    DL_RENEWAL_OR_END, /* renewal + days, or the end of the quarter when that is earlier */
};

struct activity_template {
    const char *id;
    const char *title;       /* a few words: the calendar entry's summary */
    int kind;
    double hours;            /* for a mid-market account; scaled by segment */
    int rule;                /* enum deadline_rule */
    int days;
    const char *deps[4];     /* template ids that must come first, when planned for the same account */
    const char *description, *purpose, *results, *measurement;
};

extern const struct activity_template activity_templates[];
extern const int activity_template_count;
const struct activity_template *activity_template(const char *id);

#endif
