/* The plan's calendar: every deadline a working day inside the quarter,
 * customer meetings booked with notice, a step that builds on another
 * after working time for it, and the load levelled: at every date, the
 * work due by then fits the working time until then at the plan's share
 * of the week. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/text.h"
#include "plan_int.h"

/* The n-th working day of the quarter (0: the first). */
static int wd(const struct builder *bl, int n) { return calendar_add(&bl->cal, bl->o->start, n); }

/* n working days after `day`. */
static int after(const struct builder *bl, int day, int n) { return calendar_add(&bl->cal, day, n); }

static int clamp_day(int d, int lo, int hi) { return d < lo ? lo : d > hi ? hi : d; }

/* The working day on or before `day`, or `floor` when that is later. */
static int before(const struct builder *bl, int day, int floor)
{
    int d = calendar_on_or_before(&bl->cal, day);
    return d < floor ? floor : d;
}

int plan_first_meeting(const struct builder *bl)
{
    int booked = calendar_add(&bl->cal, bl->b->as_of, bl->ps->lead_time_days);
    int soonest = wd(bl, 2);
    return booked > soonest ? booked : soonest;
}

int plan_late_signature(const struct builder *bl, int renewal)
{
    return calendar_on_or_before(&bl->cal, renewal - 7);
}

bool plan_escalates_to_vp(const struct builder *bl, size_t account)
{
    const struct account *a = &bl->b->acc[account];
    return a->renewal != DATE_NONE && a->renewal - 90 <= bl->o->end;
}

/* The last 90/60/30-day mark of the renewal inside the quarter, or 0. */
static int renewal_mark(const struct builder *bl, const struct account *a)
{
    for (int k = 30; k <= 90; k += 30)
        if (a->renewal - k <= bl->o->end)
            return k;
    return 0;
}

/* Where the activity's deadline may fall, and where it naturally falls:
 * a renewal step at its mark, the case study backwards from marketing's
 * date, a diagnosis early, the lighter touches spread over the quarter. */
static void window(const struct builder *bl, const struct plan *p, struct activity *x, int *natural)
{
    const struct account *a = &bl->b->acc[x->account];
    const struct verdict *v = &bl->b->v[x->account];
    const struct flag *churn = verdict_flag(v, FLAG_CHURN);
    int total = calendar_count(&bl->cal, bl->o->start, bl->o->end);
    int first = wd(bl, 0), last = before(bl, bl->o->end, first);
    int meet = plan_first_meeting(bl), internal = wd(bl, 1);
    int e = x->meeting ? meet : internal, l = last;
    int cs = p->case_study_due;
    int nat = -1; /* -1: the latest */
    bool high = churn && churn->severity == SEV_HIGH;
    /* Work for a renewal more than six months past the quarter can wait
     * for the quarter's second half, where the time is. */
    bool far = a->renewal == DATE_NONE || a->renewal > date_add_months(bl->o->end, 6);
    switch (x->step) {
    case S_HANDOVER: l = wd(bl, 3); break;
    case S_LAPSED: l = wd(bl, 5); break;
    case S_USAGE_DROP: e = internal; l = wd(bl, 8); nat = wd(bl, 3); break; /* a call to the champion, not a meeting */
    case S_RECOVERY:
        if (high && a->renewal != DATE_NONE && a->renewal <= date_add_months(bl->o->start, 4))
            nat = after(bl, meet, 3), l = after(bl, meet, 7);
        else if (high && !far) /* its renewal is further off: within the first half of the quarter */
            nat = after(bl, meet, 5), l = after(bl, meet, 20);
        else if (high) /* more than six months off: it can wait for the first rush to pass */
            nat = wd(bl, total / 3), l = wd(bl, total / 2 + 5);
        else if (far && v->trend != TREND_DOWN)
            nat = wd(bl, total / 2), l = wd(bl, total - 6);
        else
            nat = after(bl, meet, 10), l = after(bl, meet, 30);
        break;
    case S_ESCALATION:
        /* To the VP in the first week, with what is known: the executive
         * call needs weeks to arrange. To a senior CSM once the diagnosis
         * is in. */
        if (plan_escalates_to_vp(bl, x->account))
            e = internal, l = wd(bl, 5), nat = wd(bl, 2);
        else
            e = wd(bl, 2), l = after(bl, meet, 15), nat = e;
        break;
    case S_RENEWAL: {
        int mark = renewal_mark(bl, a);
        int due = a->renewal - (mark ? mark : 30);
        /* Late for the playbook's marks (the 60-day meeting already due):
         * the verbal yes as soon as the meeting can be held, the signature
         * a week before the renewal. */
        bool late = a->renewal - 60 < meet;
        if (late)
            due = plan_late_signature(bl, a->renewal);
        l = before(bl, due < bl->o->end ? due : bl->o->end, meet);
        /* Its hours are spent at each mark that falls in the quarter; a late
         * campaign's all go into the weeks before the signature. */
        x->nparts = 0;
        /* A campaign that fixes the risk first: the diagnosis early, two
         * weeks after the first meeting can be held, its hours then. */
        double fix = x->with_recovery && x->hours > 0 ? fmin(0.6, x->fix_hours / x->hours) : 0;
        int marks = 0, mark_day[2];
        for (int k = 90; !late && k > mark && mark && marks < 2; k -= 30)
            if (a->renewal - k >= bl->o->start) {
                mark_day[marks] = before(bl, a->renewal - k < meet + 3 ? meet + 3 : a->renewal - k, meet);
                marks++;
            }
        if (fix > 0) {
            /* The fix is started halfway to the first step that relies on it
             * (a late one's by the verbal yes): early, but not all at once. */
            int procurement = bl->b->v[x->account].segment == SEG_ENT || x->grow == GROW_TERMS ? 30 : 14;
            int first_step = marks ? mark_day[0]
                             : late ? calendar_on_or_before(&bl->cal, a->renewal - 7 - procurement - 2)
                                    : l;
            int span = calendar_count(&bl->cal, meet, first_step);
            int by = after(bl, meet, span / 2 < 5 ? 5 : span / 2 > 20 ? 20 : span / 2);
            if (by >= first_step)
                by = calendar_on_or_before(&bl->cal, first_step - 1);
            if (by < after(bl, meet, 1))
                by = after(bl, meet, 1);
            x->part_day[x->nparts++] = by;
        }
        for (int k = 0; k < marks; k++)
            x->part_day[x->nparts++] = mark_day[k];
        for (int k = 0; k < x->nparts; k++)
            x->part_share[k] = k == 0 && fix > 0 ? fix : (1.0 - fix) / (marks + 1);
        break;
    }
    case S_DETRACTOR: l = after(bl, meet, 8); nat = after(bl, meet, 2); break; /* a detractor's loop closes in days */
    case S_ONBOARDING:
    case S_ADOPTION:
    case S_SATISFACTION:
    case S_SPONSOR:
    case S_PULSE:
    case S_KPI:
        l = after(bl, meet, 30);
        if (high && far) /* a high risk renewing more than six months off: after the first rush */
            l = wd(bl, total / 2 + 5);
        /* A fix that the renewal meeting should see: before it. */
        if (a->renewal != DATE_NONE && a->renewal - 65 < l && a->renewal - 65 > after(bl, meet, 5))
            l = before(bl, a->renewal - 65, e);
        nat = far && !high ? wd(bl, total / 2) : far ? wd(bl, total / 3) : after(bl, meet, 10);
        break;
    case S_DATA: l = wd(bl, 15); nat = wd(bl, 5); break;
    case S_PROGRESS: e = wd(bl, total / 2); l = wd(bl, total - 6); nat = e; break;
    case S_REVIEW: e = wd(bl, 15); l = wd(bl, total - 6); nat = wd(bl, total / 2 + 5); break;
    case S_INTRO: l = after(bl, meet, 15); nat = after(bl, meet, 5); break;
    case S_CHECKIN:
        /* A book new to you: the round is the introductions, in the first
         * weeks; else a mid-quarter touch. */
        if (!bl->o->last_touch)
            e = meet, l = after(bl, meet, 12), nat = after(bl, meet, 5);
        else
            e = wd(bl, 10), l = wd(bl, total - 6), nat = wd(bl, total / 2);
        break;
    case S_GROUP_ADOPTION:
    case S_GROUP_TOUCH: e = after(bl, meet, 5); l = after(bl, meet, 35); nat = after(bl, meet, 15); break;
    case S_VALUE: /* a renewal months off leaves the busy first weeks to the renewals */
        if (far || (a->renewal != DATE_NONE && a->renewal > date_add_months(bl->o->end, 3)))
            nat = wd(bl, total / 2), l = wd(bl, total - 12);
        else
            nat = after(bl, meet, 10), l = after(bl, meet, 25);
        break;
    case S_PROPOSAL:
        l = a->renewal != DATE_NONE && a->renewal - 60 < bl->o->end ? before(bl, a->renewal - 60, e) : wd(bl, total - 6);
        break;
    /* The case study backwards from marketing's date: a video needs its
     * recording and the customer's approval weeks before it goes live, so
     * the ask is made early in the quarter, the second story in parallel. */
    case S_CS_READY: l = after(bl, meet, 8); break;
    case S_CS_PROOF: l = after(bl, meet, 15); break;
    case S_CS_ASK: l = after(bl, meet, 20); break;
    case S_CS_BACKUP: /* the ask with the first story's; then its recording and approval, before marketing's date */
        x->part_day[0] = after(bl, meet, 20);
        x->part_day[1] = calendar_on_or_before(&bl->cal, cs - 20);
        if (x->part_day[1] <= x->part_day[0])
            x->part_day[1] = after(bl, x->part_day[0], 5);
        x->part_share[0] = 0.6;
        x->part_share[1] = 0.25;
        x->nparts = 2;
        l = calendar_on_or_before(&bl->cal, cs - 7);
        break;
    case S_CS_PUBLISH: l = calendar_on_or_before(&bl->cal, cs - 7); break;
    default: break;
    }
    /* A fix for use waits for the diagnosis that shapes it, where a
     * campaign does the diagnosis. */
    if (x->step == S_ADOPTION || x->step == S_ONBOARDING)
        for (size_t k = 0; k < p->nall; k++) {
            const struct activity *y = &p->all[k];
            if (y->selected && y->step == S_RENEWAL && y->with_recovery && !y->group && y->account == x->account &&
                y->nparts > 0 && after(bl, y->part_day[0], bl->ps->prerequisite_gap_days) > e)
                e = after(bl, y->part_day[0], bl->ps->prerequisite_gap_days);
        }
    x->earliest = clamp_day(e, first, last);
    x->latest = clamp_day(l, x->earliest, last);
    *natural = nat < 0 ? x->latest : clamp_day(nat, x->earliest, x->latest);
}

static int gap_of(const struct builder *bl, const struct activity *x, const struct activity *pre)
{
    if (x->step == S_RENEWAL && pre->step == S_RECOVERY)
        return bl->ps->recovery_gap_days;
    if (x->step == S_ESCALATION)
        return 2; /* escalate as soon as the diagnosis is in */
    if (x->step == S_RECOVERY && pre->step == S_ESCALATION)
        return 1; /* the VP briefed, the diagnosis starts */
    if (x->meeting && pre->step == S_RECOVERY)
        return bl->ps->lead_time_days; /* a meeting the plan defines is booked once it is agreed */
    return bl->ps->prerequisite_gap_days;
}

/* Two weeks of working days: the work due on a day is done in the
 * fortnight before it. */
#define LOAD_WINDOW 10

/* The room left at rate `rate` an hour a day for work due on day t: the
 * least, over every later day, of the time since the start less the work
 * due by then, and over every fortnight containing t, of its time less its
 * work. */
static double slack_at(const double *due_at, int total, int t, double rate)
{
    double cum = 0, slack = INFINITY;
    for (int u = 0; u < total; u++) {
        cum += due_at[u];
        if (u >= t && rate * (u + 1) - cum < slack)
            slack = rate * (u + 1) - cum;
    }
    for (int u = t; u < total && u < t + LOAD_WINDOW; u++) {
        double in = 0;
        int from = u - LOAD_WINDOW + 1 < 0 ? 0 : u - LOAD_WINDOW + 1;
        for (int k = from; k <= u; k++)
            in += due_at[k];
        if (rate * (u - from + 1) - in < slack)
            slack = rate * (u - from + 1) - in;
    }
    return slack;
}

static const struct activity *sort_base;


static const int *sort_natural;

/* Dates the playbooks fix: the renewal marks, marketing's case study, a
 * lapsed renewal, a collapse in use, the diagnosis of a risk and its
 * escalation. The rest of the work moves around them. */
static bool fixed_date(const struct builder *bl, const struct activity *x)
{
    int step = x->step;
    if (step == S_CHECKIN && x->group && !bl->o->last_touch)
        return true; /* a new book's introductions are in its first weeks */
    if (step == S_RECOVERY || step == S_ADOPTION || step == S_ONBOARDING) {
        /* a high risk's diagnosis and its fix for use cannot wait, nor a
         * slide in progress, nor one whose renewal's 90-day mark comes next
         * quarter; a lesser one fits around the rest */
        const struct verdict *v = &bl->b->v[x->account];
        const struct account *a = &bl->b->acc[x->account];
        const struct flag *f = verdict_flag(v, FLAG_CHURN);
        bool next = a->renewal != DATE_NONE && a->renewal - 90 <= bl->o->end + 7;
        return (f && f->severity == SEV_HIGH) || (step == S_RECOVERY && f && (v->trend == TREND_DOWN || next));
    }
    switch (step) {
    case S_HANDOVER:
    case S_LAPSED:
    case S_USAGE_DROP:
    case S_DETRACTOR: /* a detractor's loop closes in days, not at the quarter's end */
    case S_DATA:      /* the scores are checked before the work builds on them */
    case S_ESCALATION:
    case S_RENEWAL:
    case S_PROPOSAL:
    case S_CS_READY:
    case S_CS_PROOF:
    case S_CS_ASK:
    case S_CS_PUBLISH:
    case S_CS_BACKUP: return true;
    default: return false;
    }
}

static int by_natural(const void *pa, const void *pb)
{
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const struct activity *a = &sort_base[ia], *b = &sort_base[ib];
    if (sort_natural[ia] != sort_natural[ib])
        return sort_natural[ia] < sort_natural[ib] ? -1 : 1;
    if (a->latest != b->latest)
        return a->latest < b->latest ? -1 : 1;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return ia < ib ? -1 : 1;
}

void plan_schedule(struct builder *bl, struct plan *p)
{
    struct activity *v = p->all;
    size_t *sel = xmalloc((p->nall ? p->nall : 1) * sizeof *sel), n = 0;
    int *natural = xcalloc(p->nall + 1, sizeof *natural);
    for (size_t k = 0; k < p->nall; k++)
        if (v[k].selected) {
            window(bl, p, &v[k], &natural[k]);
            sel[n++] = k;
        }
    /* A prerequisite must be done, with time to spare, before what needs it. */
    for (int pass = 0; pass < 8; pass++) {
        bool moved = false;
        for (size_t k = 0; k < n; k++) {
            struct activity *x = &v[sel[k]];
            for (int d = 0; d < x->ndeps; d++) {
                struct activity *pre = &v[x->dep[d]];
                int l = calendar_on_or_before(&bl->cal, x->latest);
                for (int g = gap_of(bl, x, pre); g > 0 && l > pre->earliest; g--)
                    l = calendar_on_or_before(&bl->cal, l - 1);
                if (l < pre->latest) {
                    pre->latest = l < pre->earliest ? pre->earliest : l;
                    moved = true;
                }
                if (natural[x->dep[d]] > pre->latest)
                    natural[x->dep[d]] = pre->latest;
            }
        }
        if (!moved)
            break;
    }
    /* And what builds on a step naturally comes after it. */
    for (int pass = 0; pass < 8; pass++) {
        bool moved = false;
        for (size_t k = 0; k < n; k++) {
            struct activity *x = &v[sel[k]];
            for (int d = 0; d < x->ndeps; d++) {
                int after = calendar_add(&bl->cal, natural[x->dep[d]], gap_of(bl, x, &v[x->dep[d]]));
                if (natural[sel[k]] < after) {
                    natural[sel[k]] = after;
                    moved = true;
                }
            }
        }
        if (!moved)
            break;
    }
    /* Then each at its natural date, or later where the work due by then
     * would not fit the time until then: the fixed dates first (renewal
     * marks, marketing's case study, a diagnosis, and what they build on),
     * the movable work around them. */
    int total = calendar_count(&bl->cal, bl->o->start, bl->o->end);
    /* Levelled against the plan's share of each day (the target, not the
     * whole capacity): the buffer for reactive work is kept every week. */
    double per_day = total > 0 ? p->target_hours / total : p->target_hours;
    int first = wd(bl, 0), last = before(bl, bl->o->end, first);
    int *day = xmalloc((size_t)(total > 0 ? total : 1) * sizeof *day); /* the quarter's working days */
    double *due_at = xcalloc((size_t)(total > 0 ? total : 1), sizeof *due_at);
    for (int t = 0, d = first; t < total; t++, d = calendar_add(&bl->cal, d, 1))
        day[t] = d;
    bool *fixed = xcalloc(p->nall + 1, sizeof *fixed);
    for (size_t k = 0; k < n; k++)
        fixed[sel[k]] = fixed_date(bl, &v[sel[k]]);
    for (int pass = 0; pass < 8; pass++) /* what a fixed date builds on is fixed too */
        for (size_t k = 0; k < n; k++)
            for (int j = 0; j < v[sel[k]].ndeps && fixed[sel[k]]; j++)
                fixed[v[sel[k]].dep[j]] = true;
    sort_base = v;
    sort_natural = natural;
    qsort(sel, n, sizeof *sel, by_natural);
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < n; k++) {
            if (fixed[sel[k]] != (round == 0))
                continue;
            struct activity *x = &v[sel[k]];
            int d = natural[sel[k]];
            for (int j = 0; j < x->ndeps; j++) {
                const struct activity *pre = &v[x->dep[j]];
                if (pre->deadline) {
                    int after = calendar_add(&bl->cal, pre->deadline, gap_of(bl, x, pre));
                    if (after > d)
                        d = after;
                }
            }
            d = clamp_day(d, first, last);
            /* A campaign's earlier milestones are spent at their marks. */
            double rest = x->hours;
            for (int j = 0; j < x->nparts; j++) {
                int u = 0;
                while (u < total - 1 && day[u] < x->part_day[j])
                    u++;
                due_at[u] += x->hours * x->part_share[j];
                rest -= x->hours * x->part_share[j];
                if (x->part_day[j] > d)
                    d = x->part_day[j];
            }
            int t0 = 0, tl = 0;
            while (t0 < total - 1 && day[t0] < d)
                t0++;
            while (tl < total - 1 && day[tl + 1] <= x->latest)
                tl++;
            if (tl < t0)
                tl = t0;
            /* The first day from t0 on where it fits the plan's share of
             * the time, both since the quarter began and over the two
             * weeks before each date (work is done in the weeks before it
             * is due, not months ahead). A fixed date may use the whole
             * capacity rather than move past its latest day (a renewal
             * does not wait); movable work goes later instead, or where
             * the load is least. */
            double rates[2] = {per_day, per_day * p->capacity_hours / (p->target_hours > 0 ? p->target_hours : 1)};
            /* Within its window at the plan's share, then at the whole
             * capacity; movable work then past its window, at the plan's
             * share, or where the load is least. */
            int at = -1, best = -1;
            double best_slack = -INFINITY;
            for (int r = 0; r < 2 && at < 0; r++)
                for (int t = t0; t <= tl && at < 0; t++)
                    if (slack_at(due_at, total, t, rates[r]) >= rest - 1e-9)
                        at = t;
            for (int t = tl + 1; round == 1 && t < total && at < 0; t++) {
                double sl = slack_at(due_at, total, t, rates[0]);
                if (sl >= rest - 1e-9)
                    at = t;
                else if (sl > best_slack + 1e-9)
                    best = t, best_slack = sl;
            }
            /* A fixed date that fits nowhere by its latest day slips as
             * little as it must, at the whole capacity: better a diagnosis
             * a week late than a month no one can work. A renewal's steps
             * do not slip. */
            if (at < 0 && round == 0) {
                int hard = x->step == S_RENEWAL ? tl : total - 1;
                for (int t = tl + 1; t <= hard && at < 0; t++)
                    if (slack_at(due_at, total, t, rates[1]) >= rest - 1e-9)
                        at = t;
            }
            if (at < 0)
                at = round == 0 ? tl : best >= 0 ? best : total - 1;
            due_at[at] += rest;
            x->deadline = day[at];
        }
    /* Then the hours up to the target: a check-in at a time, where the value
     * per hour is highest and the time until its deadline has room. */
    double planned = 0;
    for (size_t k = 0; k < n; k++)
        planned += v[sel[k]].hours;
    while (planned + 1.0 <= p->target_hours + 1e-9) {
        long best = -1;
        double best_rate = 0;
        for (size_t k = 0; k < n; k++) {
            struct activity *x = &v[sel[k]];
            /* A smaller account gets fewer follow-ups, in proportion. */
            double size = fmin(1.5, x->base_hours / fmax(0.5, plan_step_defs[x->step].hours));
            int most = (int)floor(plan_step_defs[x->step].max_followups * size + 0.5);
            /* A renewal's follow-ups come before its close; the others' after
             * the work, a fortnight apart, inside the quarter. */
            if (x->step != S_RENEWAL && most > (last - x->deadline) / 14)
                most = (last - x->deadline) / 14;
            if (x->followups >= most)
                continue;
            int t = 0;
            while (t < total - 1 && day[t] < x->deadline)
                t++;
            double slack = slack_at(due_at, total, t, per_day);
            double rate = x->value / (x->hours + 1.0);
            if (slack >= 1.0 - 1e-9 && (best < 0 || rate > best_rate)) {
                best = (long)sel[k];
                best_rate = rate;
            }
        }
        if (best < 0)
            break;
        int t = 0;
        while (t < total - 1 && day[t] < v[best].deadline)
            t++;
        due_at[t] += 1.0;
        v[best].followups++;
        v[best].hours += 1.0;
        planned += 1.0;
    }
    p->planned_hours = planned;
    /* Short of the target: say which date's work filled the time up to it. */
    p->full_until = 0;
    if (planned + 1.0 <= p->target_hours + 1e-9) {
        double least = INFINITY;
        for (int u = 0; u + 1 < total; u++) {
            double slack = slack_at(due_at, total, u, per_day);
            if (slack < least - 1e-9) {
                least = slack;
                p->full_until = day[u];
            }
        }
    }
    /* The load month by month, as the reader checks it: the hours due in
     * the month against its working time. */
    p->nload = 0;
    double hours_per_day = total > 0 ? p->capacity_hours / total : 0;
    for (int u = 0; u < total; u++) {
        int y, m, dd;
        date_to_ymd(day[u], &y, &m, &dd);
        if (!p->nload || p->load[p->nload - 1].month != y * 12 + m - 1) {
            if (p->nload == PLAN_LOAD_MONTHS)
                break;
            p->load[p->nload].month = y * 12 + m - 1;
            p->load[p->nload].hours = p->load[p->nload].capacity = 0;
            p->nload++;
        }
        p->load[p->nload - 1].hours += due_at[u];
        p->load[p->nload - 1].capacity += hours_per_day;
    }
    free(fixed);
    free(due_at);
    free(day);
    /* What depends on another comes after it even where the quarter ran out. */
    for (size_t k = 0; k < n; k++) {
        struct activity *x = &v[sel[k]];
        for (int j = 0; j < x->ndeps; j++) {
            struct activity *pre = &v[x->dep[j]];
            if (pre->deadline >= x->deadline) {
                int d = calendar_on_or_before(&bl->cal, x->deadline - 1);
                pre->deadline = d >= first ? d : first;
            }
        }
    }
    free(natural);
    free(sel);
}
