/* The quarterly plan: the candidates of every account (plan_compose.c),
 * chosen so that the case study and the growth the quarter asks for have
 * their room, every account of a small book is attended to, and the rest
 * goes by value; then the hours, filled to the target with check-ins where
 * they protect most; then the calendar and the words. */
#include "csm/plan.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/text.h"
#include "plan_int.h"

const char *activity_kind_name(int kind)
{
    static const char *const n[AK_KINDS] = {"retention", "expansion", "advocacy"};
    return kind >= 0 && kind < AK_KINDS ? n[kind] : "?";
}

const char *plan_deferred_heading(int reason)
{
    static const char *const h[DEFER_REASONS] = {
        [DEFER_TAKEN_UP] = "Taken up by activities in the plan",
        [DEFER_MORE] = "Further work for accounts that already have some: left for an account with none",
        [DEFER_VALUE] = "Worth less than the last activity chosen",
        [DEFER_CAPACITY] = "Over the hours left",
        [DEFER_PREREQUISITE] = "A step they build on did not fit",
    };
    return reason >= 0 && reason < DEFER_REASONS ? h[reason] : "Deferred";
}

const char *plan_template_title(const char *id)
{
    for (int s = 0; s < S_COUNT; s++)
        if (id && strcmp(plan_step_id(s), id) == 0)
            return plan_step_title(s);
    return id ? id : "";
}

const char *activity_client(const struct activity *x, const struct book *b)
{
    return x->label ? x->label : b->acc[x->account].name;
}

bool plan_quarter(const char *text, int as_of, int *start, int *end)
{
    if (!text || strcmp(text, "default") == 0) {
        *start = as_of;
        *end = date_add_months(as_of, 3) - 1;
        return true;
    }
    int y, q;
    char tail;
    /* The years --as-of may name: a quarter's deadlines stay inside the calendar. */
    if (sscanf(text, "%4d-Q%1d%c", &y, &q, &tail) != 2 || y < DATE_AS_OF_FIRST_YEAR || y > DATE_AS_OF_LAST_YEAR ||
        q < 1 || q > 4 ||
        strlen(text) != 7)
        return false;
    *start = date_from_ymd(y, (q - 1) * 3 + 1, 1);
    *end = date_add_months(*start, 3) - 1;
    return true;
}

/* ---- which accounts to weigh, which are worked for growth and advocacy ---- */

/* The flagged accounts of a kind in the order they are worked: severity,
 * then the flag's score, then ACV; best[0..n), -1 where fewer. Accounts in
 * skip[0..nskip) are passed over (the case study's are not also pitched
 * an expansion the same quarter). */
static void best_of(const struct book *b, int kind, long *best, int n, const long *skip, int nskip)
{
    for (int r = 0; r < n; r++)
        best[r] = -1;
    for (size_t i = 0; i < b->n; i++) {
        const struct flag *g = verdict_flag(&b->v[i], kind);
        if (!g || (kind == FLAG_EXPANSION && flag_has(g, R_FIX_SENTIMENT_FIRST)))
            continue;
        bool skipped = false;
        for (int k = 0; k < nskip; k++)
            skipped |= skip[k] == (long)i;
        if (skipped)
            continue;
        for (int r = 0; r < n; r++) {
            const struct flag *f = best[r] >= 0 ? verdict_flag(&b->v[best[r]], kind) : NULL;
            if (!f || g->severity > f->severity ||
                (g->severity == f->severity &&
                 (g->score > f->score || (g->score == f->score && b->acc[i].acv_cents > b->acc[best[r]].acv_cents)))) {
                memmove(best + r + 1, best + r, (size_t)(n - r - 1) * sizeof *best);
                best[r] = (long)i;
                break;
            }
        }
    }
}

/* The case study's backup: an anonymised story when there is one (the
 * playbook's fallback), else the next candidate. */
static long advocacy_backup(const struct book *b, long first, long second)
{
    long anon = -1;
    for (size_t i = 0; i < b->n; i++) {
        const struct flag *f = verdict_flag(&b->v[i], FLAG_ADVOCACY);
        if (f && (long)i != first && flag_has(f, R_ADV_ANONYMISED_ONLY) &&
            (anon < 0 || b->acc[i].acv_cents > b->acc[anon].acv_cents))
            anon = (long)i;
    }
    return anon >= 0 ? anon : second;
}

#define PLAN_GROWTH_TARGETS 3 /* expansion targets worked in a quarter */

struct ranks {
    long exp[PLAN_GROWTH_TARGETS], adv[2];
};

static int rank_in(const long *r, int n, size_t i)
{
    for (int k = 0; k < n; k++)
        if (r[k] == (long)i)
            return k;
    return -1;
}
static int exp_rank(const struct ranks *r, size_t i) { return rank_in(r->exp, PLAN_GROWTH_TARGETS, i); }
static int adv_rank(const struct ranks *r, size_t i) { return rank_in(r->adv, 2, i); }

/* ---- linking the steps of one account ---- */

static long find_step(const struct activity *v, size_t n, size_t account, int step)
{
    for (size_t k = 0; k < n; k++)
        if (v[k].account == account && v[k].step == step && !v[k].group)
            return (long)k;
    if (step == S_ESCALATION) /* the VP's brief of several accounts */
        for (size_t k = 0; k < n; k++)
            if (v[k].step == step && v[k].group)
                for (int g = 0; g < v[k].ngroup; g++)
                    if (v[k].group[g] == account)
                        return (long)k;
    return -1;
}

static void depend(struct activity *v, size_t n, size_t k, int step)
{
    long j = find_step(v, n, v[k].account, step);
    if (j >= 0 && (size_t)j != k && v[k].ndeps < PLAN_MAX_DEPS)
        v[k].dep[v[k].ndeps++] = (int)j;
}

/* What builds on what: the playbooks' order within an account. */
static void link_steps(const struct builder *bl, struct activity *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].group)
            continue;
        switch (v[k].step) {
        case S_RENEWAL: depend(v, n, k, S_RECOVERY); break;
        case S_RECOVERY: /* the VP's input goes into the recovery plan */
            if (plan_escalates_to_vp(bl, v[k].account))
                depend(v, n, k, S_ESCALATION);
            break;
        case S_ONBOARDING:
        case S_ADOPTION:
        case S_SATISFACTION:
        case S_SPONSOR:
        case S_DETRACTOR:
        case S_PULSE:
        case S_KPI:
        case S_PROGRESS:
            depend(v, n, k, S_RECOVERY);
            break;
        case S_ESCALATION: /* a senior CSM reviews the diagnosis; the VP is briefed before it */
            if (!plan_escalates_to_vp(bl, v[k].account))
                depend(v, n, k, S_RECOVERY);
            break;
        case S_PROPOSAL: depend(v, n, k, S_VALUE); break;
        case S_CS_PROOF: depend(v, n, k, S_CS_READY); break;
        case S_CS_ASK: depend(v, n, k, S_CS_READY); break;
        case S_CS_PUBLISH: depend(v, n, k, S_CS_ASK); break;
        default: break;
        }
    }
}

static void add_dep(struct activity *x, long j)
{
    if (j < 0)
        return;
    for (int d = 0; d < x->ndeps; d++)
        if (x->dep[d] == j)
            return;
    if (x->ndeps < PLAN_MAX_DEPS)
        x->dep[x->ndeps++] = (int)j;
}

/* A selected group of `step` that serves the account, or -1. */
static long selected_group(const struct activity *v, size_t n, size_t account, int step)
{
    for (size_t k = 0; k < n; k++)
        if (v[k].selected && v[k].group && v[k].step == step)
            for (int g = 0; g < v[k].ngroup; g++)
                if (v[k].group[g] == account)
                    return (long)k;
    return -1;
}

/* Once chosen: a renewal meeting comes after the escalation, the fixes
 * planned for the same account, the handover that reads its contract, and
 * the calls that collect its missing scores or hear its detractor; a case
 * study asked of an account renewing early in the quarter comes after its
 * renewal is signed (a confirmed renewal is the playbook's positive
 * sentiment). */
static void link_chosen(const struct builder *bl, struct activity *v, size_t n)
{
    static const int before_renewal[] = {S_ESCALATION, S_ONBOARDING, S_ADOPTION, S_SATISFACTION, S_SPONSOR,
                                         S_DETRACTOR, S_PULSE, S_KPI, S_DATA};
    long handover = -1;
    for (size_t k = 0; k < n; k++)
        if (v[k].selected && v[k].step == S_HANDOVER)
            handover = (long)k;
    for (size_t k = 0; k < n; k++) {
        struct activity *x = &v[k];
        if (x->selected && x->group && x->step == S_PROGRESS) /* it reviews plans that exist */
            for (int g = 0; g < x->ngroup; g++) {
                long r = find_step(v, n, x->group[g], S_RECOVERY);
                if (r >= 0 && v[r].selected)
                    add_dep(x, r);
            }
        if (!x->selected || x->group)
            continue;
        if (x->step == S_RENEWAL) {
            /* Weak use whose own relaunch did not make the list: the
             * campaign starts the fix itself. */
            long adopt = find_step(v, n, x->account, S_ADOPTION);
            if (adopt >= 0 && !v[adopt].selected && selected_group(v, n, x->account, S_GROUP_ADOPTION) < 0 &&
                plan_weak_use(bl, x->account))
                plan_bundle_fix(bl, x);
            for (size_t b = 0; b < sizeof before_renewal / sizeof before_renewal[0]; b++) {
                long j = find_step(v, n, x->account, before_renewal[b]);
                if (j >= 0 && v[j].selected)
                    add_dep(x, j);
            }
            add_dep(x, selected_group(v, n, x->account, S_DATA));
            add_dep(x, selected_group(v, n, x->account, S_DETRACTOR));
            if (handover >= 0 && selected_group(v, n, x->account, S_HANDOVER) >= 0)
                add_dep(x, handover);
        } else if (x->step == S_CS_READY || x->step == S_CS_BACKUP) {
            long r = find_step(v, n, x->account, S_RENEWAL);
            const struct account *a = &bl->b->acc[x->account];
            if (r >= 0 && v[r].selected && a->renewal != DATE_NONE && a->renewal <= bl->o->start + 45)
                add_dep(x, r);
        }
    }
}

/* The round of recovery reviews reviews the recoveries chosen so far, and
 * is worth what their separate reviews would be; with fewer than two, each
 * account keeps its own. */
static void review_round(struct activity *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        struct activity *x = &v[k];
        if (x->selected || !x->group || x->step != S_PROGRESS)
            continue;
        int m = 0;
        double value = 0, hours = 1.0;
        for (int g = 0; g < x->ngroup; g++) {
            long r = find_step(v, n, x->group[g], S_RECOVERY), own = find_step(v, n, x->group[g], S_PROGRESS);
            if (r < 0 || !v[r].selected || own < 0)
                continue;
            x->group[m++] = x->group[g];
            value += v[own].value * 0.9;
            hours += v[own].hours * 0.75;
        }
        x->ngroup = m;
        x->value = value;
        x->hours = x->base_hours = round(hours * 2) / 2;
        if (m < 2)
            x->why = WHY_PREREQUISITE; /* not a round: out of the choice */
        else
            x->account = x->group[0];
    }
}

/* A check-in round calls only the accounts with no other work in the plan
 * (while two are left to call). */
static void prune_rounds(struct activity *v, size_t n, size_t accounts)
{
    bool *busy = xcalloc(accounts + 1, sizeof *busy);
    for (size_t k = 0; k < n; k++) {
        if (!v[k].selected || (v[k].group && v[k].step == S_CHECKIN) || v[k].step == S_HANDOVER)
            continue;
        busy[v[k].account] = true;
        for (int g = 0; g < v[k].ngroup; g++)
            busy[v[k].group[g]] = true;
    }
    for (size_t k = 0; k < n; k++) {
        struct activity *x = &v[k];
        if (!x->selected || !x->group || x->step != S_CHECKIN)
            continue;
        int left = 0;
        for (int g = 0; g < x->ngroup; g++)
            left += !busy[x->group[g]];
        if (left < 2 || left == x->ngroup)
            continue;
        int m = 0;
        for (int g = 0; g < x->ngroup; g++)
            if (!busy[x->group[g]])
                x->group[m++] = x->group[g];
        x->hours = x->base_hours = fmax(1.0, round(x->hours * m / x->ngroup * 2) / 2);
        x->ngroup = m;
        x->account = x->group[0];
    }
    free(busy);
}

/* ---- choosing ---- */

struct chooser {
    struct activity *v;
    int count, chosen;
    double hours_left;
    bool *covered;           /* by account */
    int *per_account;        /* activities chosen for each account */
    bool *diagnosed;         /* a recovery plan (or a campaign that diagnoses) chosen for the account */
    int *mark, gen;          /* by candidate: visited in the closure being counted */
    double slot_reserve;     /* hours kept for each place of the list still open (the list is filled) */
};

static void cover(struct chooser *c, const struct activity *x)
{
    if (!c->covered || x->step == S_HANDOVER || x->step == S_PROGRESS) /* reading about an account, or */
        return;                                                          /* reviewing its plan, is not attending to it */
    c->covered[x->account] = true;
    for (int g = 0; g < x->ngroup; g++)
        c->covered[x->group[g]] = true;
}

/* What choosing k brings in: it and every step it builds on not taken yet
 * (chosen, or in `taken` when given), each counted once. */
static void closure(struct chooser *c, const bool *taken, size_t k, int depth, int *need, double *hours)
{
    struct activity *x = &c->v[k];
    if ((taken ? taken[k] : x->selected) || c->mark[k] == c->gen || depth > 8)
        return;
    c->mark[k] = c->gen;
    (*need)++;
    *hours += x->hours;
    for (int d = 0; d < x->ndeps; d++)
        closure(c, taken, (size_t)x->dep[d], depth + 1, need, hours);
}

/* Chooses activity k and what it depends on; false when there is no room. */

static bool choose(struct chooser *c, size_t k, int depth)
{
    struct activity *x = &c->v[k];
    if (x->selected)
        return true;
    if (depth > 8)
        return false;
    int need = 0;
    double hours = 0;
    if (depth == 0) {
        c->gen++;
        closure(c, NULL, k, 0, &need, &hours);
    } else {
        need = 1;
        hours = x->hours;
    }
    if (c->chosen + need > c->count) {
        x->why = WHY_VALUE;
        return false;
    }
    /* Room for the rest of the list too: an hour for each place left open
     * after this, so a heavy activity cannot leave the list short. */
    double keep = c->slot_reserve * (c->count - c->chosen - need);
    if (hours > c->hours_left - (keep > 0 ? keep : 0) + 1e-9) {
        x->why = WHY_CAPACITY;
        x->why_hours_left = c->hours_left;
        return false;
    }
    for (int d = 0; d < x->ndeps; d++)
        if (!choose(c, (size_t)x->dep[d], depth + 1)) {
            x->why = WHY_PREREQUISITE;
            return false;
        }
    x->selected = true;
    x->why = WHY_NONE;
    c->chosen++;
    c->hours_left -= x->hours;
    if (!x->group)
        c->per_account[x->account]++;
    if (!x->group && (x->step == S_RECOVERY || (x->step == S_RENEWAL && x->with_recovery)))
        c->diagnosed[x->account] = true;
    cover(c, x);
    return true;
}

/* A small book whose list is full before every account is served: an
 * account left with nothing joins the round of check-in calls, which has
 * room for it (a call, not a slot), so no account goes the quarter without a
 * human touch. Its reason for the call is in the round's words. */
static void fold_uncovered(struct chooser *c, const struct builder *bl, const size_t *byv)
{
    struct activity *round = NULL;
    for (size_t j = 0; j < bl->n && !round; j++)
        if (c->v[j].selected && c->v[j].group && c->v[j].step == S_CHECKIN)
            round = &c->v[j];
    if (!round)
        return;
    size_t max = 2 * (size_t)bl->ps->group_max_accounts;
    for (size_t j = 0; j < bl->n && (size_t)round->ngroup < max && c->hours_left >= 1.0; j++) {
        const struct activity *x = &c->v[byv[j]];
        if (x->group || c->covered[x->account] || x->step == S_HANDOVER)
            continue;
        round->group = xrealloc(round->group, ((size_t)round->ngroup + 1) * sizeof *round->group);
        round->group[round->ngroup++] = x->account;
        round->hours += 1.0;
        round->base_hours += 1.0;
        c->hours_left -= 1.0;
        c->covered[x->account] = true;
    }
}

/* What choosing one more activity for the same account is worth: each one
 * less than the one before, so that the time is spread over the book in
 * proportion and no account gets every step while another waits. */
static double effective(const struct chooser *c, const struct activity *x)
{
    int k = x->group ? 0 : c->per_account[x->account];
    /* The diagnosis hears the detractor, the complaints and the KPI's fall:
     * a separate call for them is worth little beside it. */
    bool heard = !x->group && c->diagnosed[x->account] &&
                 (x->step == S_DETRACTOR || x->step == S_SATISFACTION || x->step == S_KPI);
    return x->value * pow(0.6, k) * (heard ? 0.3 : 1.0);
}

/* The must-do work of the quarter: a lapsed renewal, a usage collapse, a
 * renewal whose 60-day meeting falls inside the quarter, a high risk's
 * recovery and its fix for use. */
static bool must(const struct builder *bl, const struct activity *x)
{
    const struct account *a = &bl->b->acc[x->account];
    const struct flag *f = verdict_flag(&bl->b->v[x->account], FLAG_CHURN);
    if (x->group)
        return x->step == S_HANDOVER || x->step == S_ESCALATION;
    switch (x->step) {
    case S_LAPSED:
    case S_USAGE_DROP: return true;
    case S_RENEWAL: /* in the quarter, or its 60-day renewal meeting is */
        return a->renewal >= bl->o->start &&
               (a->renewal - 60 <= bl->o->end || (f && a->renewal - 90 <= bl->o->end)); /* at risk: its 90-day review */
    case S_RECOVERY: return f && f->severity == SEV_HIGH && !flag_has(f, R_RENEWAL_PASSED);
    case S_ONBOARDING: /* a high risk's fix for use: the recovery's targets rest on it */
    case S_ADOPTION: return f && f->severity == SEV_HIGH && !flag_has(f, R_RENEWAL_PASSED);
    case S_ESCALATION: /* the VP for a renewal this quarter; a senior CSM's review is weighed by value */
        return f && f->severity == SEV_HIGH && !flag_has(f, R_RENEWAL_PASSED) && plan_escalates_to_vp(bl, x->account);
    default: return false;
    }
}

/* Must-do work that decides inside the quarter: chosen before the rest. */
static bool must_now(const struct builder *bl, const struct activity *x)
{
    const struct account *a = &bl->b->acc[x->account];
    return x->group || x->step == S_LAPSED || x->step == S_USAGE_DROP ||
           (x->step == S_RENEWAL && a->renewal <= bl->o->start + 30 &&
            verdict_flag(&bl->b->v[x->account], FLAG_CHURN));
}

static void sim_mark(const struct chooser *c, bool *simsel, size_t k, int depth)
{
    if (simsel[k] || depth > 8)
        return;
    simsel[k] = true;
    for (int d = 0; d < c->v[k].ndeps; d++)
        sim_mark(c, simsel, (size_t)c->v[k].dep[d], depth + 1);
}

/* Takes k and what it builds on (into simsel), as choose would under the
 * list's count alone; returns the hours it adds, 0 when it does not fit. */
static double sim_take(struct chooser *c, bool *simsel, size_t k, int *taken)
{
    int need = 0;
    double hours = 0;
    c->gen++;
    closure(c, simsel, k, 0, &need, &hours);
    if (!need || *taken + need > c->count)
        return 0;
    *taken += need;
    sim_mark(c, simsel, k, 0);
    return hours;
}

static const struct activity *cmp_base;

static int by_value(const void *pa, const void *pb)
{
    const struct activity *a = &cmp_base[*(const size_t *)pa], *b = &cmp_base[*(const size_t *)pb];
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    if (a->account != b->account)
        return a->account < b->account ? -1 : 1;
    return a->step - b->step;
}

static int by_kind_deadline(const void *pa, const void *pb)
{
    const struct activity *a = &cmp_base[*(const size_t *)pa], *b = &cmp_base[*(const size_t *)pb];
    if (a->kind != b->kind)
        return a->kind - b->kind;
    if (a->deadline != b->deadline)
        return a->deadline < b->deadline ? -1 : 1;
    if (a->account != b->account)
        return a->account < b->account ? -1 : 1;
    return a->step - b->step;
}

/* The room the quarter asks for: the case study's chain and its backup,
 * the expansion targets' value reviews and the first one's proposal. */
static bool reserved(const struct activity *x, const struct ranks *r)
{
    if (x->group)
        return false;
    if (x->kind == AK_ADVOCACY)
        return true;
    int rank = exp_rank(r, x->account);
    return x->kind == AK_EXPANSION && rank >= 0 && (x->step == S_VALUE || (x->step == S_PROPOSAL && rank == 0));
}


/* Work chosen beyond the target is trimmed in proportion: each activity
 * keeps its share of the time, the buffer its fifth of the quarter. */
static void trim_hours(struct activity *v, size_t n, double target, double *planned)
{
    double factor = target / *planned;
    *planned = 0;
    for (size_t k = 0; k < n; k++) {
        if (!v[k].selected)
            continue;
        double h = floor(v[k].hours * factor * 2) / 2;
        v[k].hours = v[k].base_hours = h < 1.0 ? 1.0 : h;
        *planned += v[k].hours;
    }
}

/* ---- a big book: only the accounts whose work is worth most are weighed ---- */

struct keep {
    double *best;            /* per account: its most valuable candidate */
    size_t total;            /* every candidate of the book */
};

/* The value below which accounts are left out when k are kept (-INFINITY
 * when all are). */
static double horizon(const struct keep *kp, size_t n, size_t k)
{
    if (n <= k)
        return -INFINITY;
    double *v = xmalloc_large(n * sizeof *v);
    memcpy(v, kp->best, n * sizeof *v);
    /* Only the k-th largest matters: select it rather than sort a million. */
    size_t lo = 0, hi = n - 1, want = k - 1;
    while (lo < hi) {
        double pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] > pivot)
                i++;
            while (v[j] < pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            break;
    }
    double h = v[want];
    free(v);
    return h;
}

static void build_lists(struct builder *bl, struct plan *p, size_t *byv, long least);

double plan_capacity(const struct plan_settings *ps, double option, int start, int end)
{
    if (option > 0)
        return option;
    if (ps->capacity_hours > 0)
        return ps->capacity_hours;
    struct calendar cal;
    calendar_init(&cal, ps);
    return (double)ps->hours_per_day * calendar_count(&cal, start, end);
}

int plan_build(const struct book *b, const struct plan_options *o_in, struct plan *p)
{
    struct plan_options opts = *o_in;
    const struct plan_settings *ps = opts.settings ? opts.settings : &b->sc->plan;
    opts.capacity_hours = plan_capacity(ps, opts.capacity_hours, opts.start, opts.end);
    const struct plan_options *o = &opts;
    struct builder bl = {b, o, ps, {0}, 0, NULL, 0, 0};
    calendar_init(&bl.cal, bl.ps);
    bl.median_acv = b->ctx.median_acv_cents > 0 ? (double)b->ctx.median_acv_cents / 100.0 : 10000.0;
    struct ranks r;
    long adv[2];
    best_of(b, FLAG_ADVOCACY, adv, 2, NULL, 0);
    r.adv[0] = adv[0];
    r.adv[1] = adv[0] >= 0 ? advocacy_backup(b, adv[0], adv[1]) : -1;
    best_of(b, FLAG_EXPANSION, r.exp, PLAN_GROWTH_TARGETS, r.adv, 1); /* the first story's account is not pitched too */
    /* Every account's best candidate, and how many there are in all. */
    struct keep kp = {xmalloc_large((b->n ? b->n : 1) * sizeof *kp.best), 0};
    struct facts fx;
    for (size_t i = 0; i < b->n; i++) {
        plan_facts(&bl, i, exp_rank(&r, i), adv_rank(&r, i), &fx);
        size_t nc;
        kp.best[i] = plan_best_value(&bl, &fx, &nc);
        kp.total += nc;
    }
    for (size_t k = o->keep ? o->keep : (size_t)(o->count > 32 ? o->count * 16 : 512);; k = k > SIZE_MAX / 8 ? SIZE_MAX : k * 8) {
        double h = horizon(&kp, b->n, k);
        memset(p, 0, sizeof *p);
        p->start = o->start;
        p->end = o->end;
        p->capacity_hours = o->capacity_hours;
        p->target_hours = floor(o->capacity_hours * bl.ps->target_utilisation_pct / 100.0 * 2) / 2;
        p->case_study_due = calendar_on_or_before(&bl.cal, o->end - bl.ps->case_study_days_before_end);
        /* The accounts weighed, their candidates, and the groups among them. */
        struct facts *kept = xmalloc((b->n < k ? b->n : k) * sizeof *kept + sizeof *kept);
        size_t nk = 0, cap = b->n < k ? b->n : k;
        bl.v = NULL;
        bl.n = bl.cap = 0;
        for (size_t i = 0; i < b->n; i++) {
            bool ranked = exp_rank(&r, i) >= 0 || adv_rank(&r, i) >= 0;
            if (kp.best[i] < h && !ranked)
                continue;
            if (nk == cap)
                kept = xrealloc(kept, (cap *= 2) * sizeof *kept + sizeof *kept);
            plan_facts(&bl, i, exp_rank(&r, i), adv_rank(&r, i), &kept[nk]);
            plan_compose(&bl, &kept[nk]);
            nk++;
        }
        /* Group sessions and rounds where every account is attended to; a
         * big book's plan is for its most valuable work. */
        if (b->n <= 2 * (size_t)o->count) {
            plan_groups(&bl, kept, nk);
            plan_escalation_round(&bl);
        }
        free(kept);
        link_steps(&bl, bl.v, bl.n);
        p->all = bl.v;
        p->nall = bl.n;

        size_t *byv = xcalloc(bl.n + 1, sizeof *byv);
        for (size_t j = 0; j < bl.n; j++)
            byv[j] = j;
        cmp_base = bl.v;
        qsort(byv, bl.n, sizeof *byv, by_value);
        struct chooser c = {bl.v, o->count, 0, o->capacity_hours, NULL, xcalloc(b->n + 1, sizeof(int)),
                            xcalloc(b->n + 1, sizeof(bool)), xcalloc(bl.n + 1, sizeof(int)), 0, 0};
        /* A small book: every account gets attention, so coverage is chosen
         * early; a large one is weighed by value alone. */
        bool small = b->n <= 2 * (size_t)o->count; /* with group sessions and rounds, it fits the list */
        if (small)
            c.covered = xcalloc(b->n + 1, sizeof *c.covered);
        /* The must-do work first, most valuable first, but never the room
         * the case study and growth are held: a book in crisis still plans
         * its advocacy and its expansion (the exercise's three priorities). */
        int room = o->count >= 10 ? o->count * 2 / 5 : 0, held = 0, waiting = 0; /* a short list is all must-do */
        for (size_t j = 0; j < bl.n; j++)
            waiting += reserved(&bl.v[byv[j]], &r);
        c.count = o->count - (waiting < room ? waiting : room);
        /* What decides inside the quarter first: an at-risk renewal in it, a
         * lapse or a collapse in use, and the rounds (the handover, the VP's
         * brief) that serve many at once; then the rest of the must-do work,
         * by value. */
        size_t *order = xmalloc((bl.n + 1) * sizeof *order), nmust = 0, nnow = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (size_t j = 0; j < bl.n; j++)
                if (must_now(&bl, &bl.v[byv[j]]) == (pass == 0) && must(&bl, &bl.v[byv[j]]))
                    order[nmust++] = byv[j];
            if (pass == 0)
                nnow = nmust;
        }
        /* Taken as choose will take them: what they weigh, and what of it
         * decides in the first weeks (simnow). */
        bool *simsel = xcalloc(bl.n + 1, sizeof *simsel), *simnow = xcalloc(bl.n + 1, sizeof *simnow);
        double must_hours = 0, now_hours = 0;
        int taken = 0;
        for (size_t i = 0; i < nmust; i++) {
            if (i == nnow)
                memcpy(simnow, simsel, bl.n * sizeof *simnow);
            double hh = sim_take(&c, simsel, order[i], &taken);
            must_hours += hh;
            if (i < nnow)
                now_hours += hh;
        }
        if (nnow == nmust)
            memcpy(simnow, simsel, bl.n * sizeof *simnow);
        /* What is due in the first weeks (the rounds, the lapses, the
         * renewals of the first month, all dated early) must fit them:
         * three quarters of their working time at most. */
        int days = calendar_count(&bl.cal, o->start, o->end);
        double first_weeks = days > 0 ? o->capacity_hours * calendar_count(&bl.cal, o->start, o->start + 14) / days : 0;
        double sooner = now_hours > 0.75 * first_weeks && first_weeks > 0 ? 0.75 * first_weeks / now_hours : 1.0;
        for (size_t j = 0; sooner < 1.0 && j < bl.n; j++)
            if (simnow[j]) {
                struct activity *x = &bl.v[j];
                double hh = floor(x->hours * sooner * 2) / 2;
                must_hours -= x->hours - (hh < 1.0 ? 1.0 : hh);
                x->hours = x->base_hours = hh < 1.0 ? 1.0 : hh;
            }
        free(simnow);
        /* More must-do work than the time: each piece of it lighter (fewer
         * follow-ups, shorter sessions) rather than a renewal left out;
         * three quarters of the hours at most, so the rest has room. */
        double lighter = must_hours > 0.75 * o->capacity_hours ? 0.75 * o->capacity_hours / must_hours : 1.0;
        for (size_t j = 0; lighter < 1.0 && j < bl.n; j++)
            if (simsel[j]) {
                struct activity *x = &bl.v[j];
                double hh = floor(x->hours * lighter * 2) / 2;
                x->hours = x->base_hours = hh < 1.0 ? 1.0 : hh;
            }
        free(simsel);
        for (size_t i = 0; i < nmust; i++)
            choose(&c, order[i], 0);
        free(order);
        c.count = o->count;
        /* From here on, an hour is left for every place of the list still
         * open: a heavy activity cannot leave the list short. */
        c.slot_reserve = 1.0;
        for (size_t j = 0; j < bl.n && held < room; j++)
            if (reserved(&bl.v[byv[j]], &r) && choose(&c, byv[j], 0))
                held++;
        /* Growing the quarter's renewals is the exercise's second priority:
         * the most valuable such growth is held a place too. */
        for (size_t j = 0, grown = 0; j < bl.n && grown < 2; j++)
            if (bl.v[byv[j]].grow && choose(&c, byv[j], 0))
                grown++;
        for (size_t j = 0; small && j < bl.n; j++) { /* a group first, where it covers two or more left */
            const struct activity *x = &bl.v[byv[j]];
            int helps = 0;
            if (x->step == S_PROGRESS)
                continue; /* it reviews what is chosen: weighed once that is known */
            for (int g = 0; g < x->ngroup; g++)
                helps += !c.covered[x->group[g]];
            if (helps >= 2)
                choose(&c, byv[j], 0);
        }
        for (size_t j = 0; small && j < bl.n; j++)
            if (!c.covered[bl.v[byv[j]].account] && !bl.v[byv[j]].group)
                choose(&c, byv[j], 0);
        review_round(bl.v, bl.n);
        /* Then by value, each account's next activity worth less than its last. */
        double lowest = INFINITY;
        long least = -1;
        while (c.chosen < c.count) {
            long best = -1;
            double best_value = 0;
            for (size_t j = 0; j < bl.n; j++) {
                const struct activity *x = &bl.v[j];
                if (x->selected || x->why == WHY_CAPACITY || x->why == WHY_PREREQUISITE)
                    continue;
                double e = effective(&c, x);
                if (best < 0 || e > best_value) {
                    best = (long)j;
                    best_value = e;
                }
            }
            if (best < 0)
                break;
            if (choose(&c, (size_t)best, 0)) {
                if (bl.v[best].value < lowest)
                    lowest = bl.v[best].value;
                least = best;
            } else if (bl.v[best].why == WHY_VALUE) {
                bl.v[best].why = WHY_PREREQUISITE; /* no room for it with what it builds on */
            }
        }
        if (small)
            fold_uncovered(&c, &bl, byv);
        for (size_t j = 0; j < bl.n; j++)
            if (!bl.v[j].selected && bl.v[j].why == WHY_NONE)
                bl.v[j].why = WHY_VALUE;
        free(c.per_account);
        free(c.diagnosed);
        free(c.mark);
        /* Left out accounts could not have done better than the horizon; if
         * the plan reached below it while it could still choose, weigh more. */
        bool exact = h == -INFINITY || (c.chosen >= o->count && lowest >= h);
        if (!exact) {
            free(c.covered);
            free(byv);
            plan_free(p);
            continue;
        }
        link_chosen(&bl, bl.v, bl.n);
        prune_rounds(bl.v, bl.n, b->n);
        for (size_t j = 0; j < bl.n; j++)
            if (bl.v[j].selected)
                p->planned_hours += bl.v[j].hours;
        if (p->planned_hours > p->target_hours)
            trim_hours(bl.v, bl.n, p->target_hours, &p->planned_hours);

        if (c.covered)
            for (size_t i = 0; i < b->n; i++)
                p->accounts_served += c.covered[i];
        free(c.covered);
        /* Every candidate of the book (groups are built among the kept only). */
        /* Every account weighed: its candidates are all here (rounds
         * replace some); else the count made before weighing. */
        p->deferred_total = h == -INFINITY || bl.n > kp.total ? bl.n : kp.total;
        plan_schedule(&bl, p);
        build_lists(&bl, p, byv, least);
        free(byv);
        free(kp.best);
        return 0;
    }
}

/* Masked text: what two activities must not share once names and numbers go. */
static char *masked(const struct book *b, const struct activity *x)
{
    struct strbuf sb;
    sb_init(&sb);
    const char *parts[4] = {x->description, x->purpose, x->results, x->measurement};
    for (int k = 0; k < 4; k++) {
        const char *s = parts[k] ? parts[k] : "";
        while (*s) {
            bool name = false;
            for (int g = -1; g < x->ngroup && !name; g++) {
                const char *nm = b->acc[g < 0 ? x->account : x->group[g]].name;
                size_t len = strlen(nm);
                if (len && strncmp(s, nm, len) == 0) {
                    sb_puts(&sb, "@");
                    s += len;
                    name = true;
                }
            }
            if (name)
                continue;
            if ((*s >= '0' && *s <= '9') || *s == '$' || *s == ',' || *s == '.' || *s == '%') {
                while ((*s >= '0' && *s <= '9') || *s == '$' || *s == ',' || *s == '.' || *s == '%')
                    s++;
                sb_puts(&sb, "#");
                continue;
            }
            sb_add(&sb, s, 1);
            s++;
        }
        sb_puts(&sb, "|");
    }
    return sb_take(&sb);
}

static void free_texts(struct activity *x)
{
    free(x->description);
    free(x->purpose);
    free(x->results);
    free(x->measurement);
    free(x->notes);
    free(x->duration);
    x->description = x->purpose = x->results = x->measurement = x->notes = x->duration = NULL;
}

/* Where a deferred step's work goes when the account already has others:
 * the planned step that absorbs it, else the planned ones named. */
static int absorbed_by(int step)
{
    switch (step) {
    case S_DETRACTOR:
    case S_SATISFACTION:
    case S_KPI:
        return S_RECOVERY;  /* the diagnosis hears the detractor, the complaints, the KPI */
    case S_PROGRESS:
        return S_RECOVERY;  /* its fortnightly check-ins are in its hours */
    case S_ADOPTION:
    case S_SPONSOR:
        return S_RENEWAL;   /* a campaign with the recovery folds them in */
    default:
        return -1;
    }
}

static bool serves(const struct activity *y, size_t account)
{
    if (!y->group)
        return y->account == account;
    for (int g = 0; g < y->ngroup; g++)
        if (y->group[g] == account)
            return true;
    return false;
}

static int already_planned(const struct plan *p, const struct activity *v, const struct activity *x, int has,
                           char *why, size_t len)
{
    static const char *const nth[] = {"a first", "a second", "a third", "a fourth", "a fifth"};
    int into = absorbed_by(x->step);
    const struct activity *host = NULL;
    char refs[256] = "";
    size_t used = 0;
    int named = 0;
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *y = &v[p->order[k]];
        if (y->step == S_HANDOVER || !serves(y, x->account))
            continue;
        bool absorbs = y->step == into || (into == S_RECOVERY && y->step == S_RENEWAL && y->with_recovery);
        if (!y->group && absorbs && (y->step != S_RENEWAL || y->with_recovery) && !host)
            host = y;
        if (named < 3 && used + 64 < sizeof refs) {
            used += (size_t)snprintf(refs + used, sizeof refs - used, "%s%s (%s%s)", named ? ", " : "", y->ref,
                                     y->title, y->group ? ", with others" : "");
            named++;
        }
    }
    const char *ord = has < (int)(sizeof nth / sizeof *nth) ? nth[has] : "one more";
    if (host && x->step == S_PROGRESS) {
        snprintf(why, len, "the check-ins in %s's hours keep the recovery on track until the next quarter", host->ref);
        return DEFER_TAKEN_UP;
    }
    if (host) {
        snprintf(why, len, "%s (%s) takes this up", host->ref, host->title);
        return DEFER_TAKEN_UP;
    }
    snprintf(why, len, "%s activity, beside %s", ord + 2, refs);
    return DEFER_MORE;
}


/* Whether a selected round makes this account's call: a check-in round
 * its introduction or check-in, a round of the same step the rest. */
static bool in_selected_round(const struct activity *v, size_t n, const struct activity *x)
{
    if (x->group)
        return false;
    bool light = x->step == S_INTRO || x->step == S_CHECKIN;
    for (size_t k = 0; k < n; k++) {
        const struct activity *y = &v[k];
        if (!y->selected || !y->group || (y->step != x->step && !(light && y->step == S_CHECKIN)))
            continue;
        for (int g = 0; g < y->ngroup; g++)
            if (y->group[g] == x->account)
                return true;
    }
    return false;
}

/* The plan's order, its deferred list, references and texts. */
/* `least`: the least valuable activity chosen by value, which the ones
 * left out gave way to. */
static void build_lists(struct builder *bl, struct plan *p, size_t *byv, long least)
{
    struct activity *v = p->all;
    size_t n = p->nall;
    p->order = xcalloc(n + 1, sizeof *p->order);
    p->deferred = xcalloc(n + 1, sizeof *p->deferred);
    size_t folded = 0;
    p->folded = 0;
    for (size_t k = 0; k < n; k++) {
        if (v[byv[k]].selected)
            p->order[p->n++] = byv[k];
        else if (in_selected_round(v, n, &v[byv[k]]) || (v[byv[k]].group && v[byv[k]].ngroup < 2))
            folded++; /* its call is made in a round of the plan, or a round of one that is not one */
        else
            p->deferred[p->ndeferred++] = byv[k];
    }
    cmp_base = v;
    qsort(p->order, p->n, sizeof *p->order, by_kind_deadline);
    qsort(p->deferred, p->ndeferred, sizeof *p->deferred, by_value); /* a round's value is known only now */
    static const char *const prefix[AK_KINDS] = {"RET", "EXP", "ADV"};
    int next[AK_KINDS] = {1, 1, 1};
    for (size_t k = 0; k < p->n; k++) {
        struct activity *x = &v[p->order[k]];
        snprintf(x->ref, sizeof x->ref, "%s-%02d", prefix[x->kind], next[x->kind]++);
    }
    p->deferred_total = p->deferred_total > p->n + folded ? p->deferred_total - p->n - folded : 0;
    p->folded = folded;
    if (p->ndeferred > PLAN_DEFERRED_SHOWN)
        p->ndeferred = PLAN_DEFERRED_SHOWN;
    for (size_t k = 0; k < p->ndeferred; k++) {
        struct activity *x = &v[p->deferred[k]];
        snprintf(x->ref, sizeof x->ref, "%s-%02d", prefix[x->kind], next[x->kind]++);
    }
    /* The words; an activity that would read like another is said another way. */
    char **seen = xcalloc(p->n + 1, sizeof *seen);
    for (size_t k = 0; k < p->n; k++) {
        struct activity *x = &v[p->order[k]];
        for (int variant = 0; variant < 4; variant++) {
            free_texts(x);
            plan_texts(bl, p, x, variant);
            free(seen[k]);
            seen[k] = masked(bl->b, x);
            bool copy = false;
            for (size_t j = 0; j < k && !copy; j++)
                copy = strcmp(seen[j], seen[k]) == 0;
            if (!copy)
                break;
        }
    }
    for (size_t k = 0; k < p->n; k++)
        free(seen[k]);
    free(seen);
    int *planned = xcalloc(bl->b->n + 1, sizeof *planned);
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &v[p->order[k]];
        if (x->step == S_HANDOVER)
            continue; /* a desk task: it serves no account on its own */
        planned[x->account]++;
        for (int g = 0; g < x->ngroup; g++)
            if (x->group[g] != x->account)
                planned[x->group[g]]++;
    }
    for (size_t k = 0; k < p->ndeferred; k++) {
        struct activity *x = &v[p->deferred[k]];
        plan_texts(bl, p, x, 0);
        char why[400] = "";
        int has = x->group ? 0 : planned[x->account];
        if (x->why == WHY_PREREQUISITE) {
            snprintf(why, sizeof why, "a step it builds on did not fit");
            x->deferred_reason = DEFER_PREREQUISITE;
        } else if (x->why == WHY_CAPACITY) {
            snprintf(why, sizeof why, "over capacity: needs %.1f h, %.1f h of the %.0f h were left", x->hours,
                     x->why_hours_left, p->capacity_hours);
            x->deferred_reason = DEFER_CAPACITY;
        } else if (has) {
            x->deferred_reason = already_planned(p, v, x, has, why, sizeof why);
        } else {
            if (least >= 0)
                snprintf(why, sizeof why, "lower value than %s, the last one chosen for the list of %zu", v[least].ref,
                         p->n);
            else
                snprintf(why, sizeof why, "the list of %zu was full", p->n);
            x->deferred_reason = DEFER_VALUE;
        }
        x->why_deferred = xstrdup(why);
    }
    free(planned);
}

void plan_free(struct plan *p)
{
    for (size_t k = 0; k < p->nall; k++) {
        free_texts(&p->all[k]);
        free(p->all[k].label);
        free(p->all[k].group);
        free(p->all[k].why_deferred);
        free(p->all[k].outcome);
        free(p->all[k].accounts_json);
        free(p->all[k].saved_title);
        free(p->all[k].saved_template);
    }
    free(p->all);
    free(p->order);
    free(p->deferred);
    memset(p, 0, sizeof *p);
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* Copies of the texts: the plan and the book may go before the activities do. */
size_t plan_saved_activities(const struct plan *p, const struct book *b, struct saved_activity **out)
{
    struct saved_activity *v = xcalloc(p->n + 1, sizeof *v);
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &p->all[p->order[k]];
        struct saved_activity *a = &v[k];
        snprintf(a->ref, sizeof a->ref, "%s", x->ref);
        a->account_id = b->acc[x->account].id;
        a->client = dup_or_null(activity_client(x, b));
        a->kind = xstrdup(activity_kind_name(x->kind));
        a->template_id = dup_or_null(x->template_id);
        a->description = dup_or_null(x->description);
        a->purpose = dup_or_null(x->purpose);
        a->results = dup_or_null(x->results);
        a->measurement = dup_or_null(x->measurement);
        a->hours = x->hours;
        a->deadline = x->deadline;
        char deps[64] = "";
        size_t o = 0;
        for (int d = 0; d < x->ndeps && o < sizeof deps; d++)
            o += (size_t)snprintf(deps + o, sizeof deps - o, "%s%s", d ? " " : "", p->all[x->dep[d]].ref);
        a->dependencies = xstrdup(deps);
        a->notes = dup_or_null(x->notes);
        a->duration = dup_or_null(x->duration);
        a->title = dup_or_null(x->title);
        cJSON *names = cJSON_CreateArray();
        if (x->group)
            for (int g = 0; g < x->ngroup; g++)
                cJSON_AddItemToArray(names, cJSON_CreateString(b->acc[x->group[g]].name));
        else
            cJSON_AddItemToArray(names, cJSON_CreateString(b->acc[x->account].name));
        a->accounts = cJSON_PrintUnformatted(names);
        cJSON_Delete(names);
        a->plan_start = p->start;
        a->plan_end = p->end;
    }
    *out = v;
    return p->n;
}
