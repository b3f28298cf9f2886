#ifndef CSM_CALENDAR_H
#define CSM_CALENDAR_H

/* Working days: Monday to Friday, less the days off every year that the
 * configuration names (plan.holidays). Pure functions over day numbers. */

#include <stdbool.h>

#include "csm/model.h"

struct calendar {
    int nholidays;
    int holiday[PLAN_MAX_HOLIDAYS]; /* month * 100 + day */
};

void calendar_init(struct calendar *c, const struct plan_settings *p);
bool calendar_workday(const struct calendar *c, int day);
/* The working day n working days after `day` (n > 0), or `day` itself when
 * it is one and n == 0, else the next working day. */
int calendar_add(const struct calendar *c, int day, int n);
/* `day` when it is a working day, else the working day before it. */
int calendar_on_or_before(const struct calendar *c, int day);
/* Working days from `from` to `to`, both counted; 0 when to < from. */
int calendar_count(const struct calendar *c, int from, int to);

#endif
