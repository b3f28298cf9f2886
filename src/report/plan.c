/* The quarterly plan: candidates from the flags and renewals, chosen by
 * value within the count and the capacity, prerequisites first. */
#include "csm/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "templates.h"

const char *activity_kind_name(int kind)
{
    static const char *const n[AK_KINDS] = {"retention", "expansion", "advocacy"};
    return kind >= 0 && kind < AK_KINDS ? n[kind] : "?";
}

const char *plan_template_title(const char *id)
{
    const struct activity_template *t = activity_template(id);
    return t ? t->title : id;
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
    if (sscanf(text, "%4d-Q%1d%c", &y, &q, &tail) != 2 || y < 1 || y > 9999 || q < 1 || q > 4 ||
        strlen(text) != 7)
        return false;
    *start = date_from_ymd(y, (q - 1) * 3 + 1, 1);
    *end = date_add_months(*start, 3) - 1;
    return true;
}

/* ---- filling templates with the account's facts ---- */

struct facts {
    const struct book *b;
    size_t i;
    char client[256];
};

static int comp_like(const struct health_model *m, const char *part)
{
    for (int c = 0; c < m->ncomp; c++)
        if (strstr(m->comp[c].key, part))
            return c;
    return -1;
}

static void score_phrase(const struct book *b, const struct account *a, int c, char *buf, size_t len)
{
    if (c < 0) {
        snprintf(buf, len, "no data");
        return;
    }
    const char *key = b->sc->model.comp[c].key;
    if (a->score[c] == SCORE_NONE)
        snprintf(buf, len, "%s: no data", key);
    else
        snprintf(buf, len, "%s %d", key, (a->score[c] + 5) / 10);
}

/* The value of one placeholder; false for an unknown name. */
static bool placeholder(const struct facts *fx, const char *name, char *buf, size_t len)
{
    const struct book *b = fx->b;
    const struct account *a = &b->acc[fx->i];
    const struct verdict *v = &b->v[fx->i];
    const struct health_model *m = &b->sc->model;
    char tmp[64];
    if (!strcmp(name, "client")) {
        snprintf(buf, len, "%s", fx->client);
    } else if (!strcmp(name, "renewal")) {
        if (a->renewal == DATE_NONE) {
            snprintf(buf, len, "next");
        } else {
            date_format(a->renewal, tmp);
            snprintf(buf, len, "%s", tmp);
        }
    } else if (!strcmp(name, "acv")) {
        if (a->acv_cents < 0) {
            snprintf(buf, len, "unknown");
        } else {
            money_format(a->acv_cents, tmp, sizeof tmp);
            snprintf(buf, len, "$%s", tmp);
        }
    } else if (!strcmp(name, "health")) {
        if (v->health < 0)
            snprintf(buf, len, "unknown");
        else
            snprintf(buf, len, "%d", v->health);
    } else if (!strcmp(name, "band")) {
        snprintf(buf, len, "%s", v->band >= 0 ? band_name(v->band) : "no band");
    } else if (!strcmp(name, "weakest")) {
        int w = -1;
        for (int c = 0; c < m->ncomp; c++)
            if (a->score[c] != SCORE_NONE && (w < 0 || a->score[c] < a->score[w]))
                w = c;
        score_phrase(b, a, w, buf, len);
    } else if (!strcmp(name, "usage")) {
        score_phrase(b, a, 0, buf, len);
    } else if (!strcmp(name, "usage_key")) {
        snprintf(buf, len, "%s", m->comp[0].label);
    } else if (!strcmp(name, "satisfaction")) {
        score_phrase(b, a, comp_like(m, "satisf"), buf, len);
    } else if (!strcmp(name, "sponsor")) {
        score_phrase(b, a, comp_like(m, "sponsor"), buf, len);
    } else if (!strcmp(name, "red_max")) {
        snprintf(buf, len, "%d", b->sc->score_bands.red_max);
    } else if (!strcmp(name, "segment")) {
        snprintf(buf, len, "%s", segment_name(v->segment));
    } else if (!strcmp(name, "qbr_cadence")) {
        snprintf(buf, len, "%s", v->segment == SEG_ENT ? "Quarterly" : "Semi-annual");
    } else if (!strcmp(name, "first_reason")) {
        const struct flag *f = verdict_flag(v, FLAG_CHURN);
        int list[R_COUNT];
        if (f && flag_reasons(f, list) > 0)
            flag_reason_text(b->sc, a, v, list[0], buf, len);
        else
            snprintf(buf, len, "health %d", v->health);
    } else if (!strcmp(name, "msa_note")) {
        snprintf(buf, len, "%s", a->msa_restricted == TRI_YES ? " (the MSA restricts the name: an anonymised story)" : "");
    } else if (!strcmp(name, "kpi_note")) {
        if (!isnan(a->kpi_baseline))
            snprintf(buf, len, " (KPI %g at onboarding)", a->kpi_baseline);
        else
            buf[0] = '\0';
    } else {
        return false;
    }
    return true;
}

static char *fill(const struct facts *fx, const char *text)
{
    struct strbuf sb;
    sb_init(&sb);
    while (*text) {
        const char *open = strchr(text, '{');
        if (!open) {
            sb_puts(&sb, text);
            break;
        }
        sb_add(&sb, text, (size_t)(open - text));
        const char *close = strchr(open, '}');
        char name[32], value[512];
        size_t n = close ? (size_t)(close - open - 1) : 0;
        if (!close || n >= sizeof name) {
            sb_puts(&sb, open);
            break;
        }
        memcpy(name, open + 1, n);
        name[n] = '\0';
        if (placeholder(fx, name, value, sizeof value))
            sb_puts(&sb, value);
        else
            sb_add(&sb, open, n + 2);
        text = close + 1;
    }
    return sb_take(&sb);
}

/* "Churn risk (high): health 45 is red; renewal in 2 months" for the notes. */
static void flag_note(const struct book *b, size_t i, int kind, struct strbuf *sb)
{
    static const char *const title[FLAG_KINDS] = {"Churn risk", "Expansion target", "Case-study candidate"};
    const struct verdict *v = &b->v[i];
    const struct flag *f = verdict_flag(v, kind);
    if (!f)
        return;
    if (sb->len)
        sb_puts(sb, ". ");
    sb_printf(sb, "%s (%s): ", title[kind], severity_name(f->severity));
    int list[R_COUNT], n = flag_reasons(f, list);
    for (int k = 0; k < n; k++) {
        char r[256];
        flag_reason_text(b->sc, &b->acc[i], v, list[k], r, sizeof r);
        sb_printf(sb, "%s%s", k ? "; " : "", r);
    }
}

/* ---- candidates ---- */

struct builder {
    const struct book *b;
    const struct plan_options *o;
    struct activity *v;
    size_t n, cap;
};

static double segment_hours(double h, int segment)
{
    double scale = segment == SEG_ENT ? 1.5 : segment == SEG_SMB ? 0.75 : 1.0;
    double r = round(h * scale * 2) / 2;
    return r < 0.5 ? 0.5 : r;
}

static int nominal_deadline(const struct builder *bl, const struct activity_template *t, const struct account *a)
{
    switch (t->rule) {
    case DL_START:
        return bl->o->start + t->days;
    case DL_END:
        return bl->o->end + t->days;
    case DL_RENEWAL:
        return a->renewal + t->days;
    case DL_RENEWAL_OR_END:
    default: {
        int e = bl->o->end - 7;
        if (a->renewal == DATE_NONE)
            return e;
        int r = a->renewal + t->days;
        return r < e ? r : e;
    }
    }
}

/* The template that a literal of this file (or of the templates' table)
 * names. The same few come back millions of times in a big book, so each
 * is looked up once and then known by its address: only literals come
 * here, and their text never changes. */
static const struct activity_template *named(const char *literal)
{
    static const char *key[64];
    static const struct activity_template *val[64];
    static int n;
    for (int i = 0; i < n; i++)
        if (key[i] == literal)
            return val[i];
    const struct activity_template *t = activity_template(literal);
    if (n < 64) {
        key[n] = literal;
        val[n++] = t;
    }
    return t;
}

/* Adds a candidate from template `id` for account i; returns its index or -1. */
static int add(struct builder *bl, size_t i, const char *id, double value, int deadline)
{
    const struct activity_template *t = named(id);
    if (!t)
        return -1;
    if (bl->n == bl->cap) {
        bl->cap = bl->cap ? bl->cap * 2 : 64;
        bl->v = xrealloc(bl->v, bl->cap * sizeof *bl->v);
    }
    struct activity *x = &bl->v[bl->n];
    memset(x, 0, sizeof *x);
    x->account = i;
    x->kind = t->kind;
    x->template_id = t->id;
    x->title = t->title;
    x->hours = segment_hours(t->hours, bl->b->v[i].segment);
    x->deadline = deadline;
    x->value = value;
    return (int)bl->n++;
}

/* The texts of an activity: only for those that are shown, so that a book
 * of a million accounts does not write a million descriptions. */
static void fill_texts(const struct book *b, struct activity *x)
{
    const struct activity_template *t = activity_template(x->template_id);
    size_t i = x->account;
    struct facts fx = {b, i, ""};
    text_safe(b->acc[i].name, fx.client, sizeof fx.client);
    x->description = fill(&fx, t->description);
    x->purpose = fill(&fx, t->purpose);
    x->results = fill(&fx, t->results);
    x->measurement = fill(&fx, t->measurement);
    struct strbuf notes;
    sb_init(&notes);
    if (t->kind == AK_RETENTION) {
        flag_note(b, i, FLAG_CHURN, &notes);
        if (!notes.len) {
            const struct account *a = &b->acc[i];
            const struct verdict *v = &b->v[i];
            char d[11];
            if (a->renewal != DATE_NONE) {
                date_format(a->renewal, d);
                sb_printf(&notes, "Renews %s (%d month%s); health %d (%s)", d, v->months, v->months == 1 ? "" : "s",
                          v->health, v->band >= 0 ? band_name(v->band) : "no band");
            } else {
                sb_printf(&notes, "Review cadence for a %s account", segment_name(v->segment));
            }
        }
        if (!strcmp(x->template_id, "renewal-60") && verdict_flag(&b->v[i], FLAG_EXPANSION))
            flag_note(b, i, FLAG_EXPANSION, &notes);
    } else {
        flag_note(b, i, t->kind == AK_EXPANSION ? FLAG_EXPANSION : FLAG_ADVOCACY, &notes);
    }
    x->notes = sb_take(&notes);
}

/* Index of account i's candidate from template id, or -1. */
static int find(const struct builder *bl, size_t i, const char *id)
{
    /* An account's candidates are added together: look at its run only. */
    const struct activity_template *t = named(id);
    for (size_t k = bl->n; t && k-- > 0 && bl->v[k].account == i;)
        if (bl->v[k].template_id == t->id)
            return (int)k;
    return -1;
}

/* The same, from inside the run of candidate k (after all were added). */
static int find_near(const struct builder *bl, size_t k, const char *id)
{
    const struct activity_template *t = named(id);
    if (!t)
        return -1;
    size_t i = bl->v[k].account, lo = k, hi = k;
    while (lo > 0 && bl->v[lo - 1].account == i)
        lo--;
    while (hi + 1 < bl->n && bl->v[hi + 1].account == i)
        hi++;
    for (size_t j = lo; j <= hi; j++)
        if (bl->v[j].template_id == t->id)
            return (int)j;
    return -1;
}

static double acv_value(const struct account *a) { return a->acv_cents > 0 ? (double)a->acv_cents / 1e6 : 0; }

static bool reason(const struct flag *f, int r) { return flag_has(f, r); }

static int clamp(int d, int lo, int hi) { return d < lo ? lo : d > hi ? hi : d; }

/* The renewal steps whose deadline falls in the quarter, spread out when the
 * renewal is too close for the playbook's 90/60/30 days. */
static void renewal_steps(struct builder *bl, size_t i, double base)
{
    const struct account *a = &bl->b->acc[i];
    const struct verdict *v = &bl->b->v[i];
    static const char *const steps[3] = {"renewal-90", "renewal-60", "renewal-30"};
    /* Sooner renewals start sooner: a week's stagger keeps the first days sane. */
    int months = v->months > 0 ? v->months : 0;
    int lo = bl->o->start + 2 + 2 * (months > 1 ? (months - 1 < 3 ? months - 1 : 3) : 0);
    int hi = a->renewal - 3 < bl->o->end ? a->renewal - 3 : bl->o->end;
    if (hi < lo)
        lo = hi > bl->o->start ? hi : bl->o->start;
    if (hi < lo)
        hi = lo;
    int gap = (hi - lo) / 3 > 1 ? (hi - lo) / 3 : 1;
    int k0 = 0;
    for (int k = 0; k < 3; k++) {
        const struct activity_template *t = named(steps[k]);
        int nominal = nominal_deadline(bl, t, a);
        /* A 90-day review long overdue folds into the renewal meeting. */
        if (k == 0 && nominal < bl->o->start - 14)
            continue;
        if (nominal > bl->o->end)
            break; /* next quarter's work */
        int d = nominal > lo + k0 * gap ? nominal : lo + k0 * gap;
        add(bl, i, steps[k], base - k * 0.5, clamp(d, bl->o->start, hi));
        k0++;
    }
}

static void account_candidates(struct builder *bl, size_t i, int exp_rank, int adv_rank)
{
    const struct book *b = bl->b;
    const struct plan_options *o = bl->o;
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct flag *churn = verdict_flag(v, FLAG_CHURN);
    double acv = acv_value(a);
    int sev = churn ? churn->severity : -1;

    /* Keep: renewals in or after the quarter whose steps fall in it, and churn interventions. */
    if (reason(churn, R_RENEWAL_PASSED))
        add(bl, i, "renewal-overdue", 1000 + acv, o->start + 3);
    if (a->renewal != DATE_NONE && a->renewal >= o->start) {
        /* Renewals in the quarter or the month after it come first; the
         * 90-day reviews of later renewals after the best growth work. */
        int months = v->months > 0 ? v->months : 0;
        bool soon = a->renewal <= date_add_months(o->end, 1);
        renewal_steps(bl, i, (soon ? 900 : 600) - 10.0 * months + (sev >= 0 ? 20.0 * (sev + 1) : 0) + acv);
    }
    if (churn) {
        /* The root-cause review leads; the specific recoveries follow it, and
         * for a high or medium risk they still outrank the lesser work. */
        double review = sev == SEV_HIGH || reason(churn, R_HEALTH_RED) ? 950 : sev == SEV_MEDIUM ? 850 : 520;
        double base = sev == SEV_HIGH ? 820 : sev == SEV_MEDIUM ? 760 : 520;
        if (sev >= SEV_MEDIUM || reason(churn, R_HEALTH_RED) || reason(churn, R_DECLINING_NEAR_RENEWAL))
            add(bl, i, "risk-review", review + acv, o->start + 14);
        if (reason(churn, R_WEAK_USAGE) || reason(churn, R_USAGE_DROP))
            add(bl, i, "adoption-recovery", base - 1 + acv, o->start + 21);
        if (reason(churn, R_WEAK_SATISFACTION))
            add(bl, i, "satisfaction-recovery", base - 2 + acv, o->start + 21);
        if (reason(churn, R_NO_SATISFACTION_NEAR_RENEWAL))
            add(bl, i, "satisfaction-survey", base - 2 + acv, o->start + 14);
        if (reason(churn, R_WEAK_SPONSOR) || reason(churn, R_PULSE_DISAGREES))
            add(bl, i, "exec-reengage", base - 3 + acv, o->start + 28);
    }
    /* Cadence: quarterly reviews for enterprise, semi-annual for mid-market
     * (those renewing within six months or with room to grow), unless the
     * renewal meeting already brings the account to the table. */
    bool renewal_meeting = find(bl, i, "renewal-60") >= 0;
    bool mid_now = v->segment == SEG_MID &&
                   ((v->months != MONTHS_UNKNOWN && v->months <= 6) || verdict_flag(v, FLAG_EXPANSION));
    if (!renewal_meeting && (v->segment == SEG_ENT || mid_now))
        add(bl, i, "qbr", 400 + acv, o->end - 14);

    /* Grow: prove value, then propose. The best target's work comes before
     * the lesser retention work; the others after it. */
    if (exp_rank >= 0) {
        double base = (exp_rank == 0 ? 700 : 300) + acv;
        add(bl, i, "value-review", base, o->start + 30);
        add(bl, i, "expansion-proposal", base - 0.5, nominal_deadline(bl, named("expansion-proposal"), a));
    }
    /* Advocacy: align inside, map approvals, gather proof, then ask. */
    if (adv_rank >= 0) {
        double base = (adv_rank == 0 ? 650 : 250) + acv;
        add(bl, i, "cs-align", base, o->start + 14);
        add(bl, i, "cs-approval", base - 0.5, o->start + 28);
        add(bl, i, "cs-metrics", base - 1, o->start + 35);
        add(bl, i, "cs-ask", base - 1.5, o->start + 49);
    }
}

/* Links each candidate to the same account's prerequisites, then makes every
 * deadline fit: inside the quarter, before the renewal it serves, and not
 * before a prerequisite's. */
static void link_and_schedule(struct builder *bl)
{
    const struct plan_options *o = bl->o;
    for (size_t k = 0; k < bl->n; k++) {
        struct activity *x = &bl->v[k];
        const struct activity_template *t = named(x->template_id);
        for (int d = 0; d < 4 && t->deps[d] && x->ndeps < PLAN_MAX_DEPS; d++) {
            int j = find_near(bl, k, t->deps[d]);
            if (j >= 0)
                x->dep[x->ndeps++] = j;
        }
        const struct account *a = &bl->b->acc[x->account];
        int hi = o->end;
        if (a->renewal != DATE_NONE && a->renewal > o->start && a->renewal - 1 < hi && x->kind == AK_RETENTION)
            hi = a->renewal - 1;
        x->deadline = clamp(x->deadline, o->start, hi);
    }
    /* Prerequisites are pulled earlier; repeat until nothing moves (chains are short). */
    for (int pass = 0; pass < 8; pass++) {
        bool moved = false;
        for (size_t k = 0; k < bl->n; k++)
            for (int d = 0; d < bl->v[k].ndeps; d++) {
                struct activity *p = &bl->v[bl->v[k].dep[d]];
                if (p->deadline > bl->v[k].deadline) {
                    p->deadline = bl->v[k].deadline - 1 >= o->start ? bl->v[k].deadline - 1 : o->start;
                    moved = true;
                }
                if (p->deadline > bl->v[k].deadline) {
                    bl->v[k].deadline = p->deadline;
                    moved = true;
                }
            }
        if (!moved)
            break;
    }
}

/* ---- choosing ---- */

/* Values: urgent retention (renewals in or just after the quarter, high and
 * medium churn risks) from URGENT_VALUE up; the best expansion target and
 * case-study candidate from RESERVED_VALUE; the rest below. */
#define URGENT_VALUE 750
#define RESERVED_VALUE 640

struct chooser {
    struct activity *v;
    int count;
    double hours_left;
    int chosen;
    const char *ref_of_unplaced; /* for messages */
};

static bool choose(struct chooser *c, size_t k, int depth)
{
    struct activity *x = &c->v[k];
    if (x->selected)
        return true;
    if (depth > 8)
        return false;
    for (int d = 0; d < x->ndeps; d++)
        if (!choose(c, (size_t)x->dep[d], depth + 1)) {
            x->why = WHY_PREREQUISITE;
            x->why_dep = x->dep[d];
            return false;
        }
    if (c->chosen >= c->count) {
        x->why = WHY_FULL;
        return false;
    }
    if (x->hours > c->hours_left + 1e-9) {
        x->why = WHY_CAPACITY;
        x->why_hours_left = c->hours_left;
        return false;
    }
    x->selected = true;
    x->why = WHY_NONE;
    c->chosen++;
    c->hours_left -= x->hours;
    return true;
}

static const struct activity *cmp_base;

static int by_value(const void *pa, const void *pb)
{
    const struct activity *a = &cmp_base[*(const size_t *)pa], *b = &cmp_base[*(const size_t *)pb];
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    if (a->account != b->account)
        return a->account < b->account ? -1 : 1;
    return strcmp(a->template_id, b->template_id);
}

static int template_index(const char *id)
{
    return (int)(activity_template(id) - activity_templates);
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
    return template_index(a->template_id) - template_index(b->template_id);
}

/* The account with the most telling flag of a kind (severity, then ACV), or -1. */
static long best_flagged(const struct book *b, int kind)
{
    long best = -1;
    for (size_t k = 0; k < b->n; k++) {
        const struct flag *g = verdict_flag(&b->v[k], kind);
        if (!g)
            continue;
        const struct flag *f = best >= 0 ? verdict_flag(&b->v[best], kind) : NULL;
        if (!f || g->severity > f->severity ||
            (g->severity == f->severity && b->acc[k].acv_cents > b->acc[best].acv_cents))
            best = (long)k;
    }
    return best;
}

/* ---- a big book: only the most valuable candidates are kept ---- */

/* A min-heap of the k largest values seen. */
struct top_values {
    double *v;
    size_t n, k, cap;
};

static void top_push(struct top_values *t, double x)
{
    if (t->n < t->k) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 1024;
            t->v = xrealloc(t->v, t->cap * sizeof *t->v);
        }
        size_t i = t->n++;
        while (i > 0 && t->v[(i - 1) / 2] > x) {
            t->v[i] = t->v[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        t->v[i] = x;
        return;
    }
    if (x <= t->v[0])
        return;
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= t->n)
            break;
        if (c + 1 < t->n && t->v[c + 1] < t->v[c])
            c++;
        if (t->v[c] >= x)
            break;
        t->v[i] = t->v[c];
        i = c;
    }
    t->v[i] = x;
}

struct ranks {
    long best_exp, best_adv;
};

static void candidates_of(struct builder *bl, const struct ranks *r, size_t i)
{
    const struct verdict *v = &bl->b->v[i];
    int exp = verdict_flag(v, FLAG_EXPANSION) ? ((long)i == r->best_exp ? 0 : 1) : -1;
    int adv = verdict_flag(v, FLAG_ADVOCACY) ? ((long)i == r->best_adv ? 0 : 1) : -1;
    account_candidates(bl, i, exp, adv);
}

/* Counts every candidate of the book and returns the k-th largest value
 * (-INFINITY when there are no more than k), without keeping them. best[i]
 * is account i's most valuable, or INFINITY when it has growth or advocacy
 * work at the reserved value: such accounts are always kept, so that the
 * room held for that work is counted over the whole book. (The best target
 * and candidate have it; so can others, whose work is worth more with a
 * larger ACV.) */
static double kth_value(const struct book *b, const struct plan_options *o, const struct ranks *r, size_t k,
                        size_t *total, double *best)
{
    struct builder bl = {b, o, NULL, 0, 0};
    struct top_values t = {NULL, 0, k, 0};
    *total = 0;
    for (size_t i = 0; i < b->n; i++) {
        bl.n = 0;
        candidates_of(&bl, r, i);
        *total += bl.n;
        best[i] = -INFINITY;
        for (size_t c = 0; c < bl.n; c++) {
            top_push(&t, bl.v[c].value);
            if (bl.v[c].value > best[i])
                best[i] = bl.v[c].value;
            if (bl.v[c].kind != AK_RETENTION && bl.v[c].value >= RESERVED_VALUE)
                best[i] = INFINITY;
        }
    }
    double kth = *total > k ? t.v[0] : -INFINITY;
    free(t.v);
    free(bl.v);
    return kth;
}

/* The plan is closed when nothing more can be chosen. */
static bool closed(const struct chooser *c)
{
    return c->chosen >= c->count || c->hours_left < 0.5 - 1e-9; /* no activity takes under half an hour */
}

/* One pass of the chooser over the candidates by value: urgent retention
 * (want 1), the reserved growth and advocacy (want 2), or all (want 0).
 * Candidates below `horizon` were not all kept: false when the pass got
 * there while it could still choose, for then the answer might not be the
 * one the whole book gives. */
static bool choose_pass(struct chooser *c, const size_t *byv, size_t n, int want, double horizon)
{
    /* The pass only looks at values from its floor up; the accounts with
     * reserved work are always kept (see kth_value), so that pass is whole. */
    double floor = want == 1 ? URGENT_VALUE : want == 2 ? INFINITY : -INFINITY;
    bool checked = horizon <= floor, exact = true;
    for (size_t k = 0; k < n; k++) {
        const struct activity *x = &c->v[byv[k]];
        bool urgent = x->kind == AK_RETENTION && x->value >= URGENT_VALUE;
        bool reserved = x->kind != AK_RETENTION && x->value >= RESERVED_VALUE;
        if ((want == 1 && !urgent) || (want == 2 && !reserved))
            continue;
        if (!checked && x->value < horizon) {
            checked = true;
            exact = closed(c);
        }
        choose(c, byv[k], 0);
    }
    return checked ? exact : closed(c);
}

static void build_lists(const struct book *b, const struct plan_options *o, struct plan *p, struct builder *bl,
                        size_t *byv);

int plan_build(const struct book *b, const struct plan_options *o, struct plan *p)
{
    struct ranks r = {best_flagged(b, FLAG_EXPANSION), best_flagged(b, FLAG_ADVOCACY)};
    /* A plan holds a few dozen activities out of millions of candidates in a
     * big book: keep only the accounts that have one of the k most valuable
     * (and those with growth or advocacy work at the reserved value), choose
     * among them, and check that the choice could not have reached further;
     * else widen k. */
    double *best = xmalloc_large((b->n ? b->n : 1) * sizeof *best);
    for (size_t k = o->keep ? o->keep : 512;; k = k > SIZE_MAX / 8 ? SIZE_MAX : k * 8) {
        size_t total;
        double horizon = kth_value(b, o, &r, k, &total, best);
        memset(p, 0, sizeof *p);
        p->start = o->start;
        p->end = o->end;
        p->capacity_hours = o->capacity_hours;
        struct builder bl = {b, o, NULL, 0, 0};
        for (size_t i = 0; i < b->n; i++)
            if (best[i] >= horizon || (long)i == r.best_exp || (long)i == r.best_adv)
                candidates_of(&bl, &r, i);
        link_and_schedule(&bl);
        p->all = bl.v;
        p->nall = bl.n;

        size_t *byv = xcalloc(bl.n + 1, sizeof *byv);
        for (size_t j = 0; j < bl.n; j++)
            byv[j] = j;
        cmp_base = bl.v;
        qsort(byv, bl.n, sizeof *byv, by_value);
        /* Keep customers first, but never at the cost of the whole quarter's
         * growth and advocacy: room is kept for the best expansion target's and
         * the best case-study candidate's activities (the exercise asks for all
         * three kinds), then everything else goes by value. The accounts with
         * such work are always kept, so it is counted here in full. */
        int reserved = 0, reserved_exp = 0, reserved_adv = 0;
        for (size_t j = 0; j < bl.n; j++)
            if (bl.v[j].kind != AK_RETENTION && bl.v[j].value >= RESERVED_VALUE)
                (*(bl.v[j].kind == AK_EXPANSION ? &reserved_exp : &reserved_adv))++;
        /* At most a quarter of the plan is held back, the expansion chain first. */
        if (reserved_exp <= o->count / 4)
            reserved += reserved_exp;
        if (reserved + reserved_adv <= o->count / 4)
            reserved += reserved_adv;
        int first_pass = o->count - reserved > 0 ? o->count - reserved : 0;
        struct chooser c = {bl.v, first_pass, o->capacity_hours, 0, NULL};
        bool exact = choose_pass(&c, byv, bl.n, 1, horizon);
        c.count = o->count;
        exact &= choose_pass(&c, byv, bl.n, 2, horizon);
        exact &= choose_pass(&c, byv, bl.n, 0, horizon);
        /* The deferred that are shown must all come from above the horizon. */
        size_t unselected_above = 0;
        for (size_t j = 0; j < bl.n; j++)
            unselected_above += !bl.v[j].selected && bl.v[j].value >= horizon;
        if (horizon != -INFINITY && (!exact || unselected_above < PLAN_DEFERRED_SHOWN)) {
            free(byv);
            plan_free(p);
            continue;
        }
        p->deferred_total = total;
        build_lists(b, o, p, &bl, byv);
        free(byv);
        free(best);
        return 0;
    }
}

/* The plan's order, its deferred list, references and texts. */
static void build_lists(const struct book *b, const struct plan_options *o, struct plan *p, struct builder *bl_,
                        size_t *byv)
{
    const struct builder bl = *bl_;
    p->order = xcalloc(bl.n + 1, sizeof *p->order);
    p->deferred = xcalloc(bl.n + 1, sizeof *p->deferred);
    for (size_t k = 0; k < bl.n; k++) {
        if (bl.v[byv[k]].selected) {
            p->order[p->n++] = byv[k];
            p->planned_hours += bl.v[byv[k]].hours;
        } else {
            p->deferred[p->ndeferred++] = byv[k];
        }
    }
    cmp_base = bl.v;
    qsort(p->order, p->n, sizeof *p->order, by_kind_deadline);
    /* References: by kind, in deadline order; deferred ones follow on. */
    static const char *const prefix[AK_KINDS] = {"RET", "EXP", "ADV"};
    int next[AK_KINDS] = {1, 1, 1};
    for (size_t k = 0; k < p->n; k++) {
        struct activity *x = &bl.v[p->order[k]];
        snprintf(x->ref, sizeof x->ref, "%s-%02d", prefix[x->kind], next[x->kind]++);
    }
    p->deferred_total -= p->n; /* every candidate of the book that is not in the plan */
    if (p->ndeferred > PLAN_DEFERRED_SHOWN)
        p->ndeferred = PLAN_DEFERRED_SHOWN;
    for (size_t k = 0; k < p->ndeferred; k++) {
        struct activity *x = &bl.v[p->deferred[k]];
        snprintf(x->ref, sizeof x->ref, "%s-%02d", prefix[x->kind], next[x->kind]++);
    }
    /* Texts for what is shown. */
    for (size_t k = 0; k < p->n; k++)
        fill_texts(b, &bl.v[p->order[k]]);
    for (size_t k = 0; k < p->ndeferred; k++) {
        struct activity *x = &bl.v[p->deferred[k]];
        fill_texts(b, x);
        char why[160] = "";
        if (x->why == WHY_PREREQUISITE)
            snprintf(why, sizeof why, "its prerequisite (%s) does not fit", bl.v[x->why_dep].template_id);
        else if (x->why == WHY_FULL)
            snprintf(why, sizeof why, "the plan is full: it holds %d activities", o->count);
        else if (x->why == WHY_CAPACITY)
            snprintf(why, sizeof why, "needs %.1f h and %.1f h of capacity are left", x->hours, x->why_hours_left);
        x->why_deferred = xstrdup(why);
    }
}

void plan_free(struct plan *p)
{
    for (size_t k = 0; k < p->nall; k++) {
        free(p->all[k].description);
        free(p->all[k].purpose);
        free(p->all[k].results);
        free(p->all[k].measurement);
        free(p->all[k].notes);
        free(p->all[k].why_deferred);
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
        a->client = dup_or_null(b->acc[x->account].name);
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
        a->plan_start = p->start;
        a->plan_end = p->end;
    }
    *out = v;
    return p->n;
}

