/* Working days, for the plan's deadlines. */
#include "csm/calendar.h"

#include <string.h>

#include "csm/date.h"

void calendar_init(struct calendar *c, const struct plan_settings *p)
{
    memset(c, 0, sizeof *c);
    c->nholidays = p->nholidays < PLAN_MAX_HOLIDAYS ? p->nholidays : PLAN_MAX_HOLIDAYS;
    memcpy(c->holiday, p->holiday, (size_t)c->nholidays * sizeof c->holiday[0]);
}

bool calendar_workday(const struct calendar *c, int day)
{
    /* Day 0 (1970-01-01) was a Thursday. */
    int weekday = ((day % 7) + 7 + 3) % 7; /* 0 Monday .. 6 Sunday */
    if (weekday >= 5)
        return false;
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    for (int i = 0; i < c->nholidays; i++)
        if (c->holiday[i] == m * 100 + d)
            return false;
    return true;
}

int calendar_add(const struct calendar *c, int day, int n)
{
    while (!calendar_workday(c, day))
        day++;
    while (n > 0) {
        day++;
        if (calendar_workday(c, day))
            n--;
    }
    return day;
}

int calendar_on_or_before(const struct calendar *c, int day)
{
    while (!calendar_workday(c, day))
        day--;
    return day;
}

int calendar_count(const struct calendar *c, int from, int to)
{
    int n = 0;
    for (int d = from; d <= to; d++)
        n += calendar_workday(c, d);
    return n;
}
