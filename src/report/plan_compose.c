/* The candidates of the plan: what each account needs this quarter, read
 * from its flags, its renewal and its segment, each worth the ACV it
 * protects or gains. A composed activity does one piece of work for one
 * account (a renewal campaign bundles the 90/60/30-day steps that fall in
 * the quarter) or for several small accounts with the same need (a group
 * session). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/text.h"
#include "plan_int.h"

/* Base hours (mid-market; preparation and follow-up notes included), the
 * check-ins the plan may add when time allows, whether it is a customer
 * meeting, held on site for an enterprise account, and the share of its
 * own hours spent with the customer (the rest is preparation and notes). */
const struct step_def plan_step_defs[S_COUNT] = {
    [S_HANDOVER] = {4.0, 0, false, false, 0.3},
    [S_LAPSED] = {2.0, 1, false, false, 0.25},
    [S_USAGE_DROP] = {4.0, 2, true, false, 0.35}, /* the call, and a check call two weeks on */
    [S_RECOVERY] = {7.0, 6, true, true, 0.5},
    [S_ESCALATION] = {2.0, 2, false, false, 0.4},
    [S_RENEWAL] = {5.0, 6, true, true, 0.45}, /* per step of the 90/60/30 days in the quarter */
    [S_ONBOARDING] = {8.0, 5, true, true, 0.5},
    [S_ADOPTION] = {6.0, 3, true, true, 0.5},
    [S_GROUP_ADOPTION] = {5.0, 3, true, false, 0.4},
    [S_SATISFACTION] = {4.0, 3, true, false, 0.45},
    [S_SPONSOR] = {5.0, 3, true, true, 0.5},
    [S_DETRACTOR] = {3.0, 2, true, false, 0.45},
    [S_PULSE] = {2.0, 1, true, false, 0.3},
    [S_KPI] = {4.0, 2, true, false, 0.4},
    [S_DATA] = {2.5, 1, false, false, 0.35},
    [S_PROGRESS] = {2.0, 2, true, false, 0.5},
    [S_REVIEW] = {5.0, 2, true, true, 0.4},
    [S_INTRO] = {1.5, 0, true, false, 0.5},
    [S_CHECKIN] = {1.0, 0, true, false, 0.5},
    [S_GROUP_TOUCH] = {4.0, 1, true, false, 0.4},
    [S_VALUE] = {5.0, 3, true, false, 0.4},
    [S_PROPOSAL] = {4.0, 3, true, true, 0.4},
    [S_CS_READY] = {4.0, 1, true, false, 0.3},
    [S_CS_PROOF] = {4.0, 2, true, false, 0.3},
    [S_CS_ASK] = {5.0, 2, true, false, 0.4},
    [S_CS_PUBLISH] = {3.0, 2, false, false, 0.3},
    [S_CS_BACKUP] = {8.0, 2, true, false, 0.4}, /* through its recording and approval */
};

static const struct {
    const char *id, *title;
    int kind;
} steps[S_COUNT] = {
#define CSM_PLAN_STEP_ROW(name, id, title, kind) [name] = {id, title, kind},
    CSM_PLAN_STEPS(CSM_PLAN_STEP_ROW)
#undef CSM_PLAN_STEP_ROW
};

const char *plan_step_id(int step) { return step >= 0 && step < S_COUNT ? steps[step].id : "?"; }
const char *plan_step_title(int step) { return step >= 0 && step < S_COUNT ? steps[step].title : "?"; }
int plan_step_kind(int step) { return step >= 0 && step < S_COUNT ? steps[step].kind : AK_RETENTION; }

int plan_score(const struct account *a, int c) { return c < 0 || a->score[c] == SCORE_NONE ? -1 : (a->score[c] + 5) / 10; }

void plan_facts(const struct builder *bl, size_t i, int exp_rank, int adv_rank, struct facts *fx)
{
    const struct book *b = bl->b;
    const struct scoring *sc = b->sc;
    const struct flag_thresholds *t = &sc->flags;
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    memset(fx, 0, sizeof *fx);
    fx->i = i;
    fx->a = a;
    fx->v = v;
    fx->churn = verdict_flag(v, FLAG_CHURN);
    fx->expansion = verdict_flag(v, FLAG_EXPANSION);
    fx->advocacy = verdict_flag(v, FLAG_ADVOCACY);
    fx->sev = fx->churn ? fx->churn->severity : -1;
    fx->segment = v->segment;
    fx->acv_known = a->acv_cents >= 0;
    fx->acv = fx->acv_known ? (double)a->acv_cents / 100.0 : bl->median_acv;
    fx->usage_i = model_role(&sc->model, ROLE_USAGE);
    fx->sat_i = model_role(&sc->model, ROLE_SATISFACTION);
    fx->support_i = model_role(&sc->model, ROLE_SUPPORT);
    fx->sponsor_i = model_role(&sc->model, ROLE_SPONSOR);
    fx->usage = plan_score(a, fx->usage_i);
    fx->sat = plan_score(a, fx->sat_i);
    fx->support = plan_score(a, fx->support_i);
    fx->sponsor = plan_score(a, fx->sponsor_i);
    fx->weak_usage = fx->usage >= 0 && fx->usage <= t->weak_component;
    fx->weak_sat = fx->sat >= 0 && fx->sat <= t->weak_component;
    fx->weak_sponsor = fx->sponsor >= 0 && fx->sponsor <= t->weak_component;
    fx->weak_support = fx->support >= 0 && fx->support <= t->weak_component;
    fx->strong_usage = fx->usage >= t->strong_product;
    fx->strong_sponsor = fx->sponsor >= t->strong_sponsor;
    fx->strong_support = fx->support >= t->strong_product;
    fx->no_sat = fx->sat_i >= 0 && fx->sat < 0;
    const struct flag *c = fx->churn;
    fx->detractor = flag_has(c, R_DETRACTOR) || flag_has(c, R_DETRACTOR_ON_GREEN) ||
                    (a->nps >= 0 && a->nps <= t->detractor_max_nps);
    fx->kpi_fell = flag_has(c, R_KPI_FELL) || flag_has(c, R_KPI_FELL_NEAR_RENEWAL);
    fx->low_coverage = v->low_coverage;
    fx->first_year_decline = flag_has(c, R_FIRST_YEAR_DECLINE);
    fx->usage_drop = v->usage_drop;
    fx->lapsed = flag_has(c, R_RENEWAL_PASSED);
    /* High for the date alone: the work is to find out, not to recover. */
    fx->lapsed_only = fx->lapsed && c->score < sc->flags.risk_high_from &&
                      v->signal_points < sc->flags.pts_renewal_passed + sc->flags.risk_flag_from;
    const struct plan_options *o = bl->o;
    fx->renewal_steps = a->renewal != DATE_NONE && a->renewal >= o->start && a->renewal - 90 <= o->end;
    fx->renewal_soon = a->renewal != DATE_NONE && a->renewal >= o->start && a->renewal <= o->end;
    fx->touched = o->last_touch && o->last_touch[i] != DATE_NONE;
    /* Up 15 points or more and back again within the history: more likely
     * an export problem than a customer's. */
    for (int k = 1; k + 1 < a->nhist && !fx->swing; k++) {
        int h0 = health_compute(sc, account_hist(a, k - 1), NULL), h1 = health_compute(sc, account_hist(a, k), NULL),
            h2 = health_compute(sc, account_hist(a, k + 1), NULL);
        fx->swing = h0 >= 0 && h1 >= 0 && h2 >= 0 && abs(h1 - h0) >= 15 && abs(h1 - h2) >= 15 &&
                    (h1 - h0 > 0) == (h1 - h2 > 0);
    }
    /* What losing it would cost, weighed by how likely and how soon. */
    double p = c ? fmin(0.9, fmax(0.05, v->signal_points / 100.0)) * (0.8 + 0.2 * fx->sev)
                 : 0.03 + (v->band == BAND_AMBER ? 0.04 : 0) + (v->band == BAND_RED ? 0.1 : 0);
    double urgency = fx->lapsed ? 2.0
                     : fx->renewal_soon ? 1.5
                     : a->renewal == DATE_NONE ? 1.0
                     : a->renewal <= date_add_months(o->end, 3) ? 1.25
                     : a->renewal <= date_add_months(o->end, 6) ? 1.0
                                                                 : 0.7;
    fx->retention = fx->acv * p * urgency;
    fx->exp_rank = exp_rank;
    fx->adv_rank = adv_rank;
}

static struct activity *add(struct builder *bl, const struct facts *fx, int step, double value)
{
    if (bl->n == bl->cap) {
        bl->cap = bl->cap ? bl->cap * 2 : 64;
        bl->v = xrealloc(bl->v, bl->cap * sizeof *bl->v);
    }
    struct activity *x = &bl->v[bl->n++];
    memset(x, 0, sizeof *x);
    x->account = fx->i;
    x->step = step;
    x->kind = plan_step_kind(step);
    x->template_id = plan_step_id(step);
    x->title = plan_step_title(step);
    x->value = value;
    x->why_than = -1;
    const struct step_def *d = &plan_step_defs[step];
    /* The work grows with what is at stake: a $250k renewal is not an $8k
     * one. The square root of the ACV over the book's median, within 0.6
     * and 1.75 times the base (the largest account still fits the week). */
    double risk = fx->sev == SEV_HIGH ? 1.2 : fx->sev == SEV_MEDIUM ? 1.0 : fx->sev == SEV_LOW ? 0.8 : 0.6;
    if (x->kind != AK_RETENTION)
        risk = 1.0; /* growth and advocacy work is the same whatever the risk */
    /* Marketing's process is the same for a small customer's story. */
    double scale = x->kind == AK_ADVOCACY ? 1.0 : fmin(1.75, fmax(0.6, sqrt(fx->acv / bl->median_acv) * risk));
    double h = d->hours;
    if (step == S_RENEWAL) { /* the steps of the 90/60/30 days still ahead in the quarter */
        int meet = plan_first_meeting(bl), in = 0;
        for (int k = 90; k >= 30; k -= 30)
            in += fx->a->renewal - k <= bl->o->end && fx->a->renewal - k >= meet;
        bool late = fx->a->renewal - 60 < meet; /* the meeting and the signature, compressed */
        h = late ? d->hours * 1.5 : d->hours * (in ? in : 1) - (in == 3 ? 2.0 : 0); /* three at once share */
    }
    h = round(h * scale * 2) / 2;
    /* On site: an enterprise account's meetings; a large account's, or a
     * high risk's, renewal and diagnosis visits. */
    bool visit = step == S_RENEWAL || step == S_RECOVERY;
    bool onsite = d->onsite && (fx->segment == SEG_ENT ||
                                (visit && (fx->acv >= 2.0 * bl->median_acv || (fx->sev == SEV_HIGH && fx->renewal_soon))));
    if (onsite) {
        h += bl->ps->onsite_travel_hours;
        x->travel_hours = bl->ps->onsite_travel_hours;
    }
    x->base_hours = x->hours = h < 0.5 ? 0.5 : h;
    x->meeting = d->meeting;
    return x;
}

/* The weaknesses an account's work should fix, most telling first, as
 * steps: each becomes an activity of its own when there is room. */
static int remedies(const struct facts *fx, int out[8])
{
    int n = 0;
    if (fx->first_year_decline)
        out[n++] = S_ONBOARDING;
    else if (fx->weak_usage)
        out[n++] = S_ADOPTION;
    if (fx->detractor)
        out[n++] = S_DETRACTOR;
    if (flag_has(fx->churn, R_PULSE_DISAGREES))
        out[n++] = S_PULSE;
    if (fx->weak_sat)
        out[n++] = S_SATISFACTION;
    if (fx->weak_sponsor)
        out[n++] = S_SPONSOR;
    if (fx->kpi_fell)
        out[n++] = S_KPI;
    if (fx->low_coverage || fx->swing || (fx->no_sat && fx->churn && flag_has(fx->churn, R_NO_SATISFACTION_NEAR_RENEWAL)))
        out[n++] = S_DATA;
    return n;
}

/* A small account meets in a group, not one to one, unless its risk is high. */
static bool joins_groups(const struct builder *bl, const struct facts *fx)
{
    return fx->segment == SEG_SMB || (fx->segment == SEG_MID && fx->acv <= bl->median_acv && fx->sev < SEV_MEDIUM);
}

void plan_compose(struct builder *bl, const struct facts *fx)
{
    const struct flag *c = fx->churn;
    double R = fx->retention;
    if (fx->lapsed)
        add(bl, fx, S_LAPSED, R * 1.3);
    if (fx->usage_drop)
        add(bl, fx, S_USAGE_DROP, R * 1.1);
    /* A risk worth a recovery plan; below high, when its renewal is being
     * worked this quarter anyway, the campaign does the diagnosis too: one
     * piece of work for one account. */
    bool worth = c && (fx->sev >= SEV_MEDIUM || fx->renewal_soon || fx->v->band == BAND_RED) && !fx->lapsed_only;
    /* A high risk renewing inside the quarter: the diagnosis is the first
     * visit of the save-the-renewal campaign, and its plan the next term's
     * success plan (one visit, one story for the customer). */
    bool bundled = worth && fx->renewal_steps && (fx->sev < SEV_HIGH || fx->renewal_soon);
    /* A first-year account in decline: the onboarding rescue is its
     * diagnosis and its fix, one piece of work (remedies adds it). */
    bool recovery = worth && !bundled && !fx->first_year_decline;
    if (recovery)
        add(bl, fx, S_RECOVERY, R);
    if (c && fx->sev == SEV_HIGH && !fx->lapsed_only)
        add(bl, fx, S_ESCALATION, R * 0.6);
    if (fx->renewal_steps) {
        double p = c ? fx->retention / fx->acv : 0.1;
        struct activity *x = add(bl, fx, S_RENEWAL, fmax(fx->acv * fmax(p, 0.1) * 1.5 * 0.9, bundled ? R : 0));
        /* A renewal with a risk below high, or with a clear weakness and no
         * flag, fixes it in the same campaign: the diagnosis and the remedy
         * are part of the work towards the renewal meeting. */
        /* A large account's weak use is its own adoption work, not a line
         * in the renewal (plan_compose adds it). */
        bool large = fx->acv >= 1.5 * bl->median_acv;
        bool gap = !c && (fx->weak_usage || fx->weak_sponsor || fx->weak_sat) && !(large && fx->weak_usage);
        /* A healthy renewal grows: an expansion sized and priced before the
         * meeting when there is the time to buy it; else its terms (a longer
         * term, the uplift), which need no new scope. */
        if (!c && fx->v->band != BAND_RED && (fx->strong_usage || fx->v->band == BAND_GREEN) && !gap) {
            bool time_to_grow = fx->a->renewal - 30 >= calendar_add(&bl->cal, plan_first_meeting(bl), 10);
            double scale = x->hours / fmax(0.5, plan_step_defs[S_RENEWAL].hours);
            x->grow = time_to_grow ? GROW_EXPANSION : GROW_TERMS;
            x->kind = AK_EXPANSION;
            x->title = "Renewal and expansion campaign";
            x->value += fx->acv * (time_to_grow ? 0.15 : 0.05) * 0.5;
            x->base_hours = x->hours = x->hours + round((time_to_grow ? 3.0 : 1.0) * fmin(1.5, scale) * 2) / 2;
        }
        /* A small account on the playbook's digital track renews with the
         * least of the customer's time: a notice, a summary, one call. */
        bool digital = fx->segment == SEG_SMB && fx->sev <= SEV_LOW && !fx->weak_sat;
        if (digital)
            x->base_hours = x->hours = fmax(1.5, round(x->hours * 0.6 * 2) / 2);
        if (bundled || gap) {
            x->with_recovery = true;
            /* The diagnosis's share, scaled as the campaign is. */
            double scale = x->hours / fmax(0.5, plan_step_defs[S_RENEWAL].hours);
            double share = bundled ? (fx->sev == SEV_HIGH ? 0.8 : 0.6) : 0.4;
            x->fix_hours = round(plan_step_defs[S_RECOVERY].hours * share * fmin(fx->sev == SEV_HIGH ? 1.75 : 1.0, scale) * 2) / 2;
            if (digital && x->fix_hours > 1.5)
                x->fix_hours = 1.5; /* one call about what is wrong */
            x->base_hours = x->hours = x->hours + x->fix_hours;
            if (gap)
                x->value *= 1.5;
        }
    }
    /* The weaknesses: the first one worth most; a small account's adoption
     * is a group session (plan_groups), its own work only at high risk. */
    int rem[8], nrem = remedies(fx, rem);
    double w = 0.55;
    /* Without a flag, a weakness at an account renewing soon is renewal
     * preparation: worth a good share of what the renewal protects. */
    bool next_renewal = fx->a->renewal != DATE_NONE && fx->a->renewal - 90 <= bl->o->end + 7; /* its 90-day mark next */
    double base = c ? R : fx->acv * (next_renewal ? 0.2 : 0.06);
    for (int k = 0; k < nrem; k++, w -= 0.1) {
        if (rem[k] == S_ADOPTION && joins_groups(bl, fx) && fx->sev < SEV_HIGH)
            continue;
        if (!c && rem[k] != S_ADOPTION && rem[k] != S_SPONSOR && rem[k] != S_DATA && rem[k] != S_PULSE)
            continue; /* without a flag only the clear gaps are worth a visit */
        bool large = fx->acv >= 1.5 * bl->median_acv;
        if (!c && fx->renewal_steps && !(large && rem[k] == S_ADOPTION))
            continue; /* the renewal campaign fixes it (plan_compose bundles it) */
        /* A weakness at an account renewing next quarter is worth fixing now,
         * while it can still show before the 90-day review. */
        double soon = !fx->renewal_steps && next_renewal && c ? 2.0 : 1.0;
        /* Weak use at a large account, or at one whose renewal comes next,
         * is a risk to the renewal whatever the flags: usage is half the
         * score. */
        double at_stake = !c && rem[k] == S_ADOPTION && (large || next_renewal) ? fx->acv * (next_renewal ? 0.45 : 0.3) : 0;
        if (rem[k] == S_ONBOARDING && !recovery) /* it is the account's diagnosis too */
            at_stake = fmax(at_stake, R);
        add(bl, fx, rem[k], fmax(base * fmax(w, 0.2) * soon, at_stake));
    }
    if (recovery)
        add(bl, fx, S_PROGRESS, R * 0.3);
    /* Growth: prove value, then propose; a healthy renewal grows. */
    if (fx->expansion && !flag_has(fx->expansion, R_FIX_SENTIMENT_FIRST) && fx->exp_rank >= 0) {
        double p = fx->expansion->severity == SEV_HIGH ? 0.5 : fx->expansion->severity == SEV_MEDIUM ? 0.35 : 0.15;
        double E = fx->acv * 0.2 * p * (fx->exp_rank == 0 ? 1.0 : fx->exp_rank == 1 ? 0.8 : 0.7);
        add(bl, fx, S_VALUE, E);
        if (fx->expansion->severity >= SEV_MEDIUM)
            add(bl, fx, S_PROPOSAL, E * 0.9);
    }
    /* Advocacy, as the case-study playbook runs it. */
    if (fx->adv_rank == 0) { /* readiness and approvals, the proof and the ask, the recording and launch */
        double A = fmax(bl->median_acv, 1000.0) * 0.6;
        add(bl, fx, S_CS_READY, A);
        add(bl, fx, S_CS_ASK, A * 0.9);
        add(bl, fx, S_CS_PUBLISH, A * 0.85);
    } else if (fx->adv_rank == 1) {
        add(bl, fx, S_CS_BACKUP, fmax(bl->median_acv, 1000.0) * 0.6 * 0.7);
    }
    /* The segment's cadence, when nothing else brings the account to the
     * table: enterprise quarterly, mid-market twice a year (this quarter
     * when its renewal or growth is near), small accounts digitally. */
    bool table = fx->renewal_steps || recovery || fx->adv_rank >= 0 || (fx->expansion && fx->exp_rank >= 0);
    int months = fx->v->months;
    if (!table && fx->segment == SEG_ENT)
        add(bl, fx, S_REVIEW, fx->acv * 0.06);
    else if (!table && fx->segment == SEG_MID && months != MONTHS_UNKNOWN && months <= 6)
        add(bl, fx, S_REVIEW, fx->acv * 0.05);
    /* A light touch, so no account goes a quarter without one. */
    if (!table)
        add(bl, fx, fx->touched ? S_CHECKIN : S_INTRO, fx->acv * 0.03);
}

double plan_best_value(const struct builder *bl_in, const struct facts *fx, size_t *count)
{
    struct builder bl = *bl_in;
    bl.v = NULL;
    bl.n = bl.cap = 0;
    plan_compose(&bl, fx);
    double best = 0;
    for (size_t k = 0; k < bl.n; k++)
        if (bl.v[k].value > best)
            best = bl.v[k].value;
    *count = bl.n;
    free(bl.v);
    return best;
}

/* One group session of `step` for the members (indexes into fx). */
static void group(struct builder *bl, const struct facts *fx, const size_t *members, size_t n, int step)
{
    if (n == 1 && step == S_GROUP_ADOPTION) { /* no group of one: its own session, short */
        const struct facts *f = &fx[members[0]];
        add(bl, f, S_ADOPTION, f->churn ? f->retention * 0.5 : f->acv * 0.04);
        return;
    }
    if (n < 2)
        return;
    double value = 0;
    for (size_t k = 0; k < n; k++)
        value += step == S_GROUP_ADOPTION ? (fx[members[k]].churn ? fx[members[k]].retention * 0.5 : fx[members[k]].acv * 0.04)
                                          : fx[members[k]].acv * 0.03;
    struct activity *x = add(bl, &fx[members[0]], step, value);
    x->ngroup = (int)n;
    x->group = xmalloc(n * sizeof *x->group);
    for (size_t k = 0; k < n; k++)
        x->group[k] = fx[members[k]].i;
    x->base_hours = x->hours = plan_step_defs[step].hours + 0.5 * (double)n;
    x->travel_hours = 0; /* a group meets online */
}

/* Whether the account has work worth far more than this light touch. */
static bool has_better(const struct builder *bl, size_t from, size_t to, const struct activity *x)
{
    for (size_t k = from; k < to; k++) {
        const struct activity *y = &bl->v[k];
        if (y != x && !y->group && y->account == x->account && y->value >= 5 * x->value)
            return true;
    }
    return false;
}

/* A round: the same step for several accounts, each at lower risk, one
 * call each (check-ins, data requests, detractor call-backs). */
static void round_of(struct builder *bl, size_t from, size_t to, int step, const int *want, bool with_high)
{
    size_t max = 2 * (size_t)bl->ps->group_max_accounts, n = 0, cap = 16; /* calls, not a room: twice a session */
    size_t *members = xmalloc(cap * sizeof *members);
    double value = 0, hours = 1.0; /* the preparation shared by the calls */
    size_t first = to;
    for (size_t k = from; k < to && n < max; k++) {
        const struct activity *x = &bl->v[k];
        if (x->group || !want[x->step])
            continue;
        const struct flag *f = verdict_flag(&bl->b->v[x->account], FLAG_CHURN);
        if (f && f->severity == SEV_HIGH && !with_high)
            continue;
        if (step == S_CHECKIN && has_better(bl, from, to, x))
            continue; /* a call in a round is for an account with nothing more to do */
        if (n == cap)
            members = xrealloc(members, (cap *= 2) * sizeof *members);
        members[n++] = x->account;
        value += x->value * 0.9;
        hours += x->hours * 0.75;
        if (first == to)
            first = k;
    }
    if (n >= 2) {
        struct activity y = bl->v[first];
        if (bl->n == bl->cap) {
            bl->cap *= 2;
            bl->v = xrealloc(bl->v, bl->cap * sizeof *bl->v);
        }
        y.step = step;
        y.template_id = plan_step_id(step);
        y.title = plan_step_title(step);
        y.kind = plan_step_kind(step);
        y.value = value;
        y.base_hours = y.hours = round(hours * 2) / 2;
        y.group = members;
        y.ngroup = (int)n;
        y.followups = 0;
        y.travel_hours = 0; /* calls */
        bl->v[bl->n++] = y;
    } else {
        free(members);
    }
}

void plan_groups(struct builder *bl, const struct facts *fx, size_t n)
{
    size_t max = (size_t)bl->ps->group_max_accounts;
    size_t *adopt = xmalloc((n ? n : 1) * sizeof *adopt), *touch = xmalloc((n ? n : 1) * sizeof *touch);
    size_t na = 0, nt = 0;
    for (size_t k = 0; k < n; k++) {
        const struct facts *f = &fx[k];
        if (!joins_groups(bl, f))
            continue;
        /* The same weakness: usage. High risk joins as well as its own work. */
        if (f->weak_usage && na < max)
            adopt[na++] = k;
        /* Healthy small accounts with nothing else this quarter: a webinar. */
        bool quiet = !f->churn && !f->renewal_steps && f->adv_rank < 0 && !(f->expansion && f->exp_rank >= 0);
        if (quiet && f->segment == SEG_SMB && nt < max)
            touch[nt++] = k;
    }
    group(bl, fx, adopt, na, S_GROUP_ADOPTION);
    group(bl, fx, touch, nt, S_GROUP_TOUCH);
    free(adopt);
    free(touch);
    /* New to the book (no touch recorded): take it over in the first week,
     * the renewals of the next six months first. */
    if (!bl->o->last_touch && n >= 2) {
        size_t *all = xmalloc(n * sizeof *all), m = 0;
        double value = 0;
        for (size_t k = 0; k < n; k++)
            if (fx[k].churn || fx[k].weak_usage ||
                (fx[k].a->renewal != DATE_NONE && fx[k].a->renewal - 90 <= bl->o->end + 7)) {
                all[m++] = k;
                value += fx[k].retention * 0.1 + fx[k].acv * 0.01;
            }
        if (m >= 2) {
            group(bl, fx, all, m, S_HANDOVER);
            bl->v[bl->n - 1].value = value;
            bl->v[bl->n - 1].base_hours = bl->v[bl->n - 1].hours = 2.0 + 0.25 * (double)m;
        }
        free(all);
    }
    /* Rounds of the same call to several accounts. */
    size_t end = bl->n;
    int light[S_COUNT] = {0}, data[S_COUNT] = {0}, detr[S_COUNT] = {0}, prog[S_COUNT] = {0};
    light[S_INTRO] = light[S_CHECKIN] = 1;
    data[S_DATA] = 1;
    detr[S_DETRACTOR] = detr[S_PULSE] = 1; /* the early calls: what the customer or your own pulse says is wrong */
    prog[S_PROGRESS] = 1;
    round_of(bl, 0, end, S_CHECKIN, light, false);
    round_of(bl, 0, end, S_DATA, data, false);
    round_of(bl, 0, end, S_DETRACTOR, detr, false);
    /* The quarter's recoveries reviewed together in its second half: one
     * call with each sponsor on the plan's milestones. */
    round_of(bl, 0, end, S_PROGRESS, prog, true);
}

void plan_bundle_fix(const struct builder *bl, struct activity *x)
{
    if (x->with_recovery || x->step != S_RENEWAL)
        return;
    double scale = x->base_hours / fmax(0.5, plan_step_defs[S_RENEWAL].hours);
    x->with_recovery = true;
    x->fix_hours = round(plan_step_defs[S_RECOVERY].hours * 0.4 * fmin(1.0, scale) * 2) / 2;
    x->base_hours += x->fix_hours;
    x->hours += x->fix_hours;
    (void)bl;
}

bool plan_weak_use(const struct builder *bl, size_t account)
{
    const struct scoring *sc = bl->b->sc;
    int u = plan_score(&bl->b->acc[account], model_role(&sc->model, ROLE_USAGE));
    return u >= 0 && u <= sc->flags.weak_component;
}

void plan_escalation_round(struct builder *bl)
{
    size_t m = 0, cap = 8;
    size_t *members = xmalloc(cap * sizeof *members);
    double value = 0, hours = 1.5; /* the brief's preparation, shared */
    size_t first = bl->n, kept = 0;
    for (size_t k = 0; k < bl->n; k++) {
        const struct activity *x = &bl->v[k];
        if (x->step == S_ESCALATION && !x->group && plan_escalates_to_vp(bl, x->account)) {
            if (m == cap)
                members = xrealloc(members, (cap *= 2) * sizeof *members);
            members[m++] = x->account;
            value += x->value;
            hours += x->hours * 0.5;
            if (first == bl->n)
                first = k;
        }
    }
    if (m < 2) {
        free(members);
        return;
    }
    /* One brief for them all, in place of the first; the others go. */
    struct activity brief = bl->v[first];
    for (size_t k = 0; k < bl->n; k++) {
        const struct activity *x = &bl->v[k];
        if (x->step == S_ESCALATION && !x->group && plan_escalates_to_vp(bl, x->account) && k != first)
            continue;
        bl->v[kept++] = k == first ? brief : *x;
    }
    bl->n = kept;
    struct activity *y = NULL;
    for (size_t k = 0; k < bl->n && !y; k++)
        if (bl->v[k].step == S_ESCALATION && !bl->v[k].group && plan_escalates_to_vp(bl, bl->v[k].account))
            y = &bl->v[k];
    y->group = members;
    y->ngroup = (int)m;
    y->value = value;
    y->base_hours = y->hours = round(hours * 2) / 2;
    y->travel_hours = 0;
    y->followups = 0;
}
