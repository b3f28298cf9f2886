/* The words of the plan: each activity's description, purpose, results,
 * measurement and notes, from the account's own data. Targets start from
 * today's values and are never already met; measures are outcomes;
 * assumptions are said to be assumptions. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "plan_int.h"

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

struct words {
    const struct builder *bl;
    const struct plan *p;
    const struct activity *x;
    struct facts fx;
    char name[256];
    char names[264];         /* the possessive: "Alder & Finch Foods'", "Customer 6's" */
    int variant;
    int gain;                /* the points a score can gain by the measure's date */
    int nth;                 /* activities of the same step before this one in the plan: picks the phrasing */
};

/* "1 March", with the year when it is not the plan's. */
static void day_words(const struct words *w, int day, char *buf, size_t len)
{
    int y, m, d, py, pm, pd;
    date_to_ymd(day, &y, &m, &d);
    date_to_ymd(w->p->start, &py, &pm, &pd);
    if (y == py)
        snprintf(buf, len, "%d %s", d, month_names[m - 1]);
    else
        snprintf(buf, len, "%d %s %d", d, month_names[m - 1], y);
}

static void dollars(double v, char *buf, size_t len)
{
    char t[32];
    money_format((int64_t)llround(v) * 100, t, sizeof t);
    snprintf(buf, len, "$%s", t);
}

/* The product's words from the configuration, or the generic ones. */
static const char *product_name(const struct words *w)
{
    return w->bl->b->sc->product.name[0] ? w->bl->b->sc->product.name : "the product";
}

/* " (partner logins, leader-board activity)", or "" when not configured. */
static void product_part(const char *words, const char *before, char *buf, size_t len)
{
    if (words[0])
        snprintf(buf, len, " (%s%s)", before, words);
    else
        buf[0] = '\0';
}

/* A score's target: `gain` points up (ten over a quarter, five over the
 * few weeks before a renewal), a green score half as much; 100 at most.
 * A red score does not leave the red in one quarter of work. */
static int target_of(const struct scoring *sc, int score, int gain)
{
    int t = score <= sc->score_bands.amber_max ? score + gain : score + (gain + 1) / 2;
    return t > 100 ? 100 : t;
}

/* "product 34 -> 51+" for the component with this role. */
static void lift(const struct words *w, int c, char *buf, size_t len)
{
    const struct account *a = w->fx.a;
    const struct scoring *sc = w->bl->b->sc;
    int s = plan_score(a, c);
    if (c < 0)
        snprintf(buf, len, "the score");
    else if (s < 0)
        snprintf(buf, len, "%s measured (no data today)", sc->model.comp[c].key);
    else if (s >= 100)
        snprintf(buf, len, "%s kept at 100", sc->model.comp[c].key);
    else
        snprintf(buf, len, "%s %d \xe2\x86\x92 %d+", sc->model.comp[c].key, s, target_of(sc, s, w->gain));
}

/* The health the component targets add up to, through the model's own
 * weights: lifting product from 34 to 51 moves a 50% component, so health
 * gains 8.5 points, not 17. `c` and `c2` are the components worked (-1:
 * none). */
static void health_lift(const struct words *w, int c, int c2, char *buf, size_t len)
{
    const struct scoring *sc = w->bl->b->sc;
    int h = w->fx.v->health;
    if (h < 0) {
        snprintf(buf, len, "a health score for every component");
        return;
    }
    short lifted[MODEL_MAX_COMPONENTS];
    memcpy(lifted, w->fx.a->score, sizeof lifted);
    int cs[2] = {c, c2};
    for (int k = 0; k < 2; k++)
        if (cs[k] >= 0 && lifted[cs[k]] != SCORE_NONE)
            lifted[cs[k]] = (short)(target_of(sc, plan_score(w->fx.a, cs[k]), w->gain) * 10);
    int t = health_compute(sc, lifted, NULL);
    if (t <= h)
        snprintf(buf, len, "health %d held or better", h);
    else
        snprintf(buf, len, "health %d \xe2\x86\x92 %d+", h, t);
}

/* "product 34" */
static void comp_is(const struct words *w, int c, char *buf, size_t len)
{
    int s = plan_score(w->fx.a, c);
    if (c < 0)
        snprintf(buf, len, "no such component");
    else if (s < 0)
        snprintf(buf, len, "%s: no data", w->bl->b->sc->model.comp[c].key);
    else
        snprintf(buf, len, "%s %d", w->bl->b->sc->model.comp[c].key, s);
}

/* The weakest and the strongest components with data. */
static void extremes(const struct words *w, int *weak, int *strong)
{
    const struct health_model *m = &w->bl->b->sc->model;
    *weak = *strong = -1;
    for (int c = 0; c < m->ncomp; c++) {
        if (w->fx.a->score[c] == SCORE_NONE)
            continue;
        if (*weak < 0 || w->fx.a->score[c] < w->fx.a->score[*weak])
            *weak = c;
        if (*strong < 0 || w->fx.a->score[c] > w->fx.a->score[*strong])
            *strong = c;
    }
}

static const char *segment_words(int seg)
{
    return seg == SEG_ENT ? "enterprise" : seg == SEG_MID ? "mid-market" : "small-business";
}

/* "healthy (green 80, level)" */
/* The health of the account's exports, oldest first, into h[]; how many. */
static int health_history(const struct words *w, int h[], int max)
{
    const struct account *a = w->fx.a;
    int n = 0;
    for (int k = 0; k < a->nhist && n < max; k++) {
        int x = health_compute(w->bl->b->sc, account_hist(a, k), NULL);
        if (x >= 0)
            h[n++] = x;
    }
    return n;
}

static void state_words(const struct words *w, char *buf, size_t len)
{
    const struct verdict *v = w->fx.v;
    const char *band = band_name(v->band);
    /* A slide within the trend's dead band is still a slide to a reader:
     * every export a little lower than the one before. */
    int h[8], n = health_history(w, h, 8);
    bool slipping = n >= 3 && v->trend != TREND_UP && h[0] - h[n - 1] >= 2;
    for (int k = 1; k < n && slipping; k++)
        slipping = h[k] < h[k - 1];
    if (v->health < 0)
        snprintf(buf, len, "without a health score");
    else if ((v->trend == TREND_DOWN || slipping) && n >= 2 && h[0] > v->health)
        snprintf(buf, len, "%s %d and %s (%d points over %d exports)", band, v->health,
                 v->trend == TREND_DOWN ? "declining" : "slipping", h[0] - v->health, n);
    else if (v->trend == TREND_DOWN)
        snprintf(buf, len, "%s %d and declining", band, v->health);
    else if (v->low_coverage)
        snprintf(buf, len, "%s %d on part of the model only, %s", band, v->health,
                 v->trend == TREND_UP ? "improving" : "level");
    else
        snprintf(buf, len, "%s %d, %s", band, v->health, v->trend == TREND_UP ? "improving" : "level");
}

/* The account's renewal as words: "1 March", or "its next renewal". */
static void renewal_day(const struct words *w, char *buf, size_t len)
{
    if (w->fx.a->renewal == DATE_NONE)
        snprintf(buf, len, "its next renewal");
    else
        day_words(w, w->fx.a->renewal, buf, len);
}

/* The reasons of a flag, joined: "health 45 is red; low usage (product 34)". */
static void reasons(const struct words *w, const struct flag *f, int max, struct strbuf *sb)
{
    int list[R_COUNT], n = flag_reasons(f, list);
    for (int k = 0; k < n && k < max; k++) {
        char r[256];
        flag_reason_text(w->bl->b->sc, w->fx.a, w->fx.v, list[k], r, sizeof r);
        sb_printf(sb, "%s%s", k ? "; " : "", r);
    }
}

/* "Churn risk (high, risk 110): ...", for the notes. */
static void flag_note(const struct words *w, int kind, struct strbuf *sb)
{
    static const char *const title[FLAG_KINDS] = {"Churn risk", "Expansion target", "Case-study candidate"};
    const struct flag *f = verdict_flag(w->fx.v, kind);
    if (!f)
        return;
    if (sb->len)
        sb_puts(sb, ". ");
    if (kind == FLAG_CHURN)
        sb_printf(sb, "%s, %s: ", title[kind], severity_name(f->severity));
    else
        sb_printf(sb, "%s (%s): ", title[kind], severity_name(f->severity));
    reasons(w, f, 6, sb);
    /* The same signals on a small account score lower: said, so a reader
     * sees the judgement, not a label. */
    const struct flag_thresholds *th = &w->bl->b->sc->flags;
    struct risk_parts rp;
    int stake = 100;
    if (kind == FLAG_CHURN && risk_explain(w->bl->b->sc, w->fx.a, w->fx.v, &w->bl->b->ctx, &rp) && rp.stake_pct > 0)
        stake = rp.stake_pct;
    double alone = (double)f->score * 100.0 / stake;
    int would = alone >= th->risk_high_from ? SEV_HIGH : alone >= th->risk_medium_from ? SEV_MEDIUM : SEV_LOW;
    if (kind == FLAG_CHURN && stake < 100 && would > f->severity) {
        char acv[64];
        dollars(w->fx.acv, acv, sizeof acv);
        sb_printf(sb, "; its signals alone are a %s risk's: rated %s because %s is small for this book, so the work is "
                      "scaled to the account, not skipped", severity_name(would), severity_name(f->severity), acv);
    }
}

/* The reference of the selected step of the same account, or NULL. */
static const char *ref_of(const struct words *w, int step)
{
    for (int d = 0; d < w->x->ndeps; d++) {
        const struct activity *pre = &w->p->all[w->x->dep[d]];
        if (pre->step == step && pre->selected)
            return pre->ref;
    }
    return NULL;
}

/* The reference of the selected step of the same account that builds on
 * this activity, or NULL. */
static const char *ref_after(const struct words *w, int step)
{
    for (size_t k = 0; k < w->p->n; k++) {
        const struct activity *y = &w->p->all[w->p->order[k]];
        if (y->step != step || y->group || y->account != w->x->account)
            continue;
        for (int d = 0; d < y->ndeps; d++)
            if (&w->p->all[y->dep[d]] == w->x)
                return y->ref;
    }
    return NULL;
}

/* Three areas or more that each fell 5 points or more over the exports:
 * something changed at the customer, not one broken part. */
static bool broad_slide(const struct words *w, struct strbuf *sb)
{
    const struct account *a = w->fx.a;
    const struct health_model *m = &w->bl->b->sc->model;
    if (a->nhist < 2)
        return false;
    char parts[240] = "";
    size_t o = 0;
    int fell = 0;
    for (int c = 0; c < m->ncomp; c++) {
        short first = account_hist(a, 0)[c], last = a->score[c];
        if (first == SCORE_NONE || last == SCORE_NONE || first - last < 50)
            continue;
        fell++;
        if (o < sizeof parts)
            o += (size_t)snprintf(parts + o, sizeof parts - o, "%s%s %d \xe2\x86\x92 %d", o ? ", " : "", m->comp[c].key,
                                  (first + 5) / 10, (last + 5) / 10);
    }
    if (fell < 3)
        return false;
    sb_printf(sb, "every area fell at once over the last exports (%s): something changed at the customer (a new "
                  "decision maker, a reorganisation, a budget cut, a competitor), so find out what before fixing any "
                  "one area", parts);
    return true;
}

/* The diagnosis a seasoned CSM reads in the component pattern. */
static void diagnosis(const struct words *w, struct strbuf *sb)
{
    const struct facts *f = &w->fx;
    char a[64], b[64];
    int before = (int)sb->len;
    if (f->first_year_decline) {
        sb_puts(sb, "it is declining in its first year, so onboarding did not land");
    } else if (f->usage_drop) {
        sb_printf(sb, "use fell %d%% within a month, so find what changed first (a champion gone, an outage, a season, "
                      "a competitor on trial)", f->v->usage_drop_pct);
    } else if (f->strong_sponsor && f->weak_usage) {
        comp_is(w, f->sponsor_i, a, sizeof a);
        comp_is(w, f->usage_i, b, sizeof b);
        int say = (int)(w->x->account % 3);
        sb_printf(sb, say == 0 ? "its decision maker is senior (%s) but the product is little used (%s): ask the sponsor "
                                 "to lead an adoption relaunch"
                      : say == 1 ? "a senior sponsor (%s) and little use (%s): the sponsor can put a relaunch on the "
                                   "teams' agenda"
                                 : "the sponsor sits high (%s) while the teams barely use it (%s): have the sponsor "
                                   "launch it again",
                  a, b);
    } else if (f->weak_sponsor && f->weak_usage) {
        comp_is(w, f->sponsor_i, a, sizeof a);
        comp_is(w, f->usage_i, b, sizeof b);
        sb_printf(sb, "no senior decision maker (%s) and little use (%s): win a sponsor before relaunching adoption", a, b);
    } else if (f->weak_usage) {
        comp_is(w, f->usage_i, b, sizeof b);
        sb_printf(sb, "the product is little used (%s), and usage carries the largest share of the score", b);
    }
    if (f->weak_sat) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        comp_is(w, f->sat_i, a, sizeof a);
        if (f->strong_support) {
            comp_is(w, f->support_i, b, sizeof b);
            sb_printf(sb, w->x->account % 2 ? "support resolves cases well (%s) yet satisfaction is low (%s): ask why "
                                              "(value, fit, expectations), not about tickets"
                                            : "good support (%s) has not made the users happy (%s): the gap is value or "
                                              "fit, so ask about outcomes, not cases",
                      b, a);
        } else if (f->weak_support) {
            comp_is(w, f->support_i, b, sizeof b);
            sb_printf(sb, "support cases are not resolved well (%s) and satisfaction follows (%s): clear the backlog "
                          "with the support lead", b, a);
        } else {
            sb_printf(sb, w->x->account % 2 ? "the users are unhappy (%s): hear them before proposing anything"
                                            : "satisfaction is low (%s): three user interviews come before any fix", a);
        }
    } else if (f->no_sat && sb->len < (size_t)before + 200) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        sb_puts(sb, "there is no satisfaction data, so hear the users first");
    }
    if (f->weak_support && !f->weak_sat) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        comp_is(w, f->support_i, a, sizeof a);
        sb_printf(sb, "support cases are not resolved well (%s): go through the open ones with the support lead", a);
    }
    if (f->weak_sponsor && !f->weak_usage) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        comp_is(w, f->sponsor_i, a, sizeof a);
        sb_printf(sb, "the purchasing decision sits too low (%s)", a);
    }
    bool slid = false;
    if (sb->len == (size_t)before && broad_slide(w, sb)) {
        slid = true; /* every area fell at once: said, the decline with it */
    } else if (sb->len == (size_t)before && !f->kpi_fell) {
        /* No one area is weak: a flat amber pattern, which a seasoned CSM
         * reads as a value problem across the board, not one broken part. */
        int weak, strong;
        extremes(w, &weak, &strong);
        if (weak >= 0 && strong >= 0) {
            comp_is(w, weak, a, sizeof a);
            int lo = plan_score(f->a, weak), hi = plan_score(f->a, strong);
            if (hi < w->bl->b->sc->flags.strong_product)
            {
                int say = (int)(w->x->account % 3);
                sb_printf(sb, say == 0 ? "every score sits between %d and %d, none broken and none strong: a doubt about "
                                         "value, so ask the sponsor what they expected and have not had (the lowest: %s)"
                              : say == 1 ? "middling everywhere (%d to %d) with no strength to build on: find out what the "
                                           "customer expected to get and does not, starting from %s"
                                         : "no weak spot and no strong one (%d to %d): the customer is not sure it is worth "
                                           "it, so start the conversation from %s",
                          lo, hi, a);
            }
        }
    }
    if (f->detractor) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        sb_printf(sb, "the customer's own NPS is %d, a detractor's: ask what would make it a 9", f->a->nps);
    }
    if (f->kpi_fell) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        sb_printf(sb, "the business KPI fell from %g to %g since onboarding", f->a->kpi_baseline, f->a->kpi_current);
    }
    if (f->v->trend == TREND_DOWN && !f->first_year_decline && !f->usage_drop && !slid) {
        if (sb->len > (size_t)before)
            sb_puts(sb, "; ");
        sb_puts(sb, "its health is declining");
    }
    if (sb->len == (size_t)before) {
        int weak, strong;
        extremes(w, &weak, &strong);
        comp_is(w, weak, a, sizeof a);
        sb_printf(sb, "the weakest area is %s", a);
    }
}

struct text {
    struct strbuf d, p, r, m, n;
};

static void assumption(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void assumption(struct text *t, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sb_printf(&t->n, "%sAssumption: %s", t->n.len ? ". " : "", buf);
}

/* The hours' check-ins, in the notes. */
static void followup_note(const struct words *w, struct text *t, const char *what)
{
    if (w->x->followups == 1)
        sb_printf(&t->n, "%sThe %.1f h include one %s of an hour", t->n.len ? ". " : "", w->x->hours, what);
    else if (w->x->followups > 1)
        sb_printf(&t->n, "%sThe %.1f h include %d %ss of an hour each", t->n.len ? ". " : "", w->x->hours,
                  w->x->followups, what);
}

static void members(const struct words *w, struct strbuf *sb, int role)
{
    const struct book *b = w->bl->b;
    int c = model_role(&b->sc->model, role);
    for (int g = 0; g < w->x->ngroup; g++) {
        char nm[256];
        text_safe(b->acc[w->x->group[g]].name, nm, sizeof nm);
        int s = plan_score(&b->acc[w->x->group[g]], c);
        if (role != ROLE_OTHER && s >= 0)
            sb_printf(sb, "%s%s (%s %d)", g ? ", " : "", nm, b->sc->model.comp[c].key, s);
        else
            sb_printf(sb, "%s%s", g ? ", " : "", nm);
    }
}

/* ---- one function a step ---- */

static void t_lapsed(const struct words *w, struct text *t)
{
    char date[64], acv[64], due[64];
    renewal_day(w, date, sizeof date);
    dollars(w->fx.acv, acv, sizeof acv);
    day_words(w, w->x->deadline, due, sizeof due);
    sb_printf(&t->d, "Find out where %s renewal stands: its contract date (%s) has passed and no new one is "
                     "recorded. Ask sales, finance and procurement whether it renewed, is still in negotiation or "
                     "lapsed, and record the new term.", w->names, date);
    sb_printf(&t->p, "Make sure %s of ACV has not lapsed unnoticed.", acv);
    sb_puts(&t->r, "The renewal's real status known, the new renewal date on record, and a win-back call booked if "
                   "it lapsed.");
    sb_printf(&t->m, "Status confirmed in writing by %s; %s invoiced for the new term, or a win-back plan agreed.", due,
              acv);
    assumption(t, "the export's renewal date is the contract's; an automatic renewal may not show in it");
}

static void t_usage_drop(const struct words *w, struct text *t)
{
    char b[96], due[64];
    comp_is(w, w->fx.usage_i, b, sizeof b);
    lift(w, w->fx.usage_i, b, sizeof b);
    day_words(w, w->x->deadline, due, sizeof due);
    struct strbuf why;
    sb_init(&why);
    reasons(w, w->fx.churn, 1, &why);
    char again[64];
    day_words(w, calendar_add(&w->bl->cal, w->x->deadline, 10), again, sizeof again);
    sb_printf(&t->d, "Call %s champion this week about the fall in use (%s). Check for a champion who left, an outage, "
                     "a seasonal dip or a competitor on trial, and agree one corrective step; call again by %s to see "
                     "it worked, and open a recovery plan if it did not.", w->names, why.buf, again);
    sb_free(&why);
    sb_puts(&t->p, "Catch the playbook's early-warning sign (a 25% drop in 30 days) while it is still cheap to fix.");
    sb_puts(&t->r, "The cause of the drop known, with one corrective action owned on each side, and checked.");
    sb_printf(&t->m, "Cause and action logged by %s, the check call held by %s; %s at the next export.", due, again, b);
}

/* The component a recovery works on first, and the second (-1: none). */
static void worked(const struct words *w, int *c1, int *c2)
{
    /* Only what the next exports can show: usage and support move with the
     * work; satisfaction waits for the next survey, sponsorship for a more
     * senior person to take the decision. */
    const struct facts *f = &w->fx;
    *c1 = f->weak_usage ? f->usage_i : f->weak_support ? f->support_i : -1;
    *c2 = f->weak_usage && f->weak_support ? f->support_i : -1;
    if (*c1 < 0 && f->usage >= 0 && f->usage <= w->bl->b->sc->score_bands.amber_max)
        *c1 = f->usage_i;
}

/* When the weakest area is one the exports show late (satisfaction waits
 * for the next survey, sponsorship for a new person), the measure uses the
 * early sign instead, and says so: ", the early sign while satisfaction 60
 * waits for the next survey". */
static void early_sign(const struct words *w, int c1, char *buf, size_t len)
{
    int weak, strong;
    extremes(w, &weak, &strong);
    buf[0] = '\0';
    if (weak < 0 || c1 < 0 || weak == c1 || plan_score(w->fx.a, weak) >= plan_score(w->fx.a, c1))
        return;
    char wk[64];
    comp_is(w, weak, wk, sizeof wk);
    if (weak == w->fx.sat_i)
        snprintf(buf, len, ", the early sign while %s waits for the next survey", wk);
    else if (weak == w->fx.sponsor_i)
        snprintf(buf, len, ", the early sign while %s waits for a more senior decision maker", wk);
}

/* What the recovery delivers, from the pattern it answers. */
static void recovery_results(const struct words *w, struct strbuf *sb)
{
    const struct facts *f = &w->fx;
    if (f->first_year_decline)
        sb_puts(sb, "An onboarding restart agreed with the sponsor: the users to train, an admin who owns adoption, a "
                    "60-day usage goal.");
    else if (f->strong_sponsor && f->weak_usage)
        sb_puts(sb, w->nth % 3 == 0 ? "A relaunch the sponsor announces, with named power users in each team and usage "
                                      "goals they agree."
                    : w->nth % 3 == 1 ? "The sponsor's commitment to a relaunch: the teams named, a power user in each, "
                                        "and the usage each team aims for."
                                      : "A relaunch owned by the sponsor, with the teams that use it least first and a "
                                        "usage goal for each.");
    else if (f->weak_sat && f->weak_support)
        sb_puts(sb, "A backlog plan agreed with the support lead, each open case with an owner and a date.");
    else if (f->weak_sat || f->no_sat)
        sb_puts(sb, "The users' complaints heard first, in three interviews; then a recovery plan built on what they "
                    "said.");
    else if (f->weak_sponsor)
        sb_puts(sb, "A route to the budget owner, agreed with the champion, and a first meeting booked.");
    else
        sb_printf(sb, "A written root cause and a recovery plan with owners and dates, agreed with %s sponsor.", w->names);
}

/* The reference of the planned work that fixes the account's use (its own
 * relaunch or onboarding rescue, or a group session it joins), or NULL. */
static const char *remedy_planned(const struct words *w)
{
    for (size_t k = 0; k < w->p->n; k++) {
        const struct activity *y = &w->p->all[w->p->order[k]];
        if (y->step != S_ADOPTION && y->step != S_ONBOARDING && y->step != S_GROUP_ADOPTION)
            continue;
        if (!y->group && y->account == w->x->account)
            return y->ref;
        for (int g = 0; g < y->ngroup; g++)
            if (y->group[g] == w->x->account)
                return y->ref;
    }
    return NULL;
}

static void t_recovery(const struct words *w, struct text *t)
{
    char date[64], acv[64], due[64], hl[96], lt[96];
    renewal_day(w, date, sizeof date);
    dollars(w->fx.acv, acv, sizeof acv);
    day_words(w, w->x->deadline, due, sizeof due);
    int c1, c2;
    worked(w, &c1, &c2);
    health_lift(w, c1, c2, hl, sizeof hl);
    lift(w, c1, lt, sizeof lt);
    const struct facts *f = &w->fx;
    if (f->first_year_decline)
        sb_printf(&t->d, "Find with %s team where its onboarding stalled, and agree how to restart it: ", w->names);
    else if (f->usage_drop)
        sb_printf(&t->d, "Follow the fall in use at %s to its cause and agree the way back: ", w->name);
    else if (f->strong_sponsor && f->weak_usage)
        sb_printf(&t->d, w->nth % 3 == 0 ? "Work out with %s sponsor why the teams do not use %s, and agree a recovery "
                                           "plan: "
                         : w->nth % 3 == 1 ? "Sit down with %s sponsor over why %s is so little used, and agree what "
                                             "changes: "
                                           : "Take %s low use of %s to its sponsor, and leave with a plan: ",
                  w->names, product_name(w));
    else if (f->weak_sat || f->no_sat)
        sb_printf(&t->d, "Hear %s users before proposing anything, then agree a recovery plan with the sponsor: ",
                  w->names);
    else if (f->weak_sponsor)
        sb_printf(&t->d, "Find who really decides at %s and agree a recovery plan with them: ", w->name);
    else
        sb_printf(&t->d, "Diagnose the risk at %s with its team, support and product, and agree a recovery plan: ",
                  w->name);
    diagnosis(w, &t->d);
    sb_puts(&t->d, ".");
    if (w->variant)
        sb_printf(&t->d, " Health %d (%s) today.", w->fx.v->health, band_name(w->fx.v->band));
    const char *sev = severity_name(w->fx.sev);
    if (w->fx.renewal_soon)
        sb_printf(&t->p, "Turn %s around before its renewal on %s: %s of ACV at %s risk.", w->name, date, acv, sev);
    else if (w->fx.v->trend == TREND_DOWN)
        sb_printf(&t->p, "Stop the slide at %s while its renewal (%s) is months away: %s of ACV at %s risk.", w->name,
                  date, acv, sev);
    else if (w->fx.v->trend == TREND_UP)
        sb_printf(&t->p, "Build on %s improvement and fix its weak spots before its renewal (%s): %s of ACV at %s "
                         "risk.", w->names, date, acv, sev);
    else
        sb_printf(&t->p, "Fix what holds %s back while its renewal (%s) is months away: %s of ACV at %s risk.", w->name,
                  date, acv, sev);
    recovery_results(w, &t->r);
    sb_printf(&t->m, "Plan agreed by %s", due);
    if (w->fx.weak_sat || w->fx.no_sat)
        sb_puts(&t->m, w->nth % 2 ? "; the users' complaints listed, each with an owner"
                                  : "; three users heard and each complaint answered");
    if (w->fx.weak_sponsor)
        sb_puts(&t->m, "; the budget owner named and met");
    char es[160];
    early_sign(w, c1, es, sizeof es);
    const char *fix = remedy_planned(w);
    if (c1 >= 0 && c1 == w->fx.usage_i && !fix && !w->fx.weak_usage)
        sb_printf(&t->m, "; health %d held or better at the quarter's last export.", w->fx.v->health);
    else if (c1 >= 0 && c1 == w->fx.usage_i && !fix)
        sb_printf(&t->m, "; the first step of the fix for use taken within two weeks of the plan (a session with the "
                         "teams that use it least, in these hours); health %d held or better at the quarter's last "
                         "export.", w->fx.v->health);
    else if (c1 >= 0)
        sb_printf(&t->m, "; %s and %s at the quarter's last export%s%s%s%s.", lt, hl, es, fix ? " (through " : "",
                  fix ? fix : "", fix ? ")" : "");
    else
        sb_printf(&t->m, "; %s at the quarter's last export.", hl);
    flag_note(w, FLAG_CHURN, &t->n);
    followup_note(w, t, "fortnightly plan check-in");
    if (w->fx.strong_sponsor)
        assumption(t, w->nth % 2 ? "a sponsor this senior (%s %d) can make the teams' time for it"
                                 : "the sponsor (%s %d) will release the users' time for the relaunch",
                   w->bl->b->sc->model.comp[w->fx.sponsor_i].key, w->fx.sponsor);
    else if (w->fx.weak_sat || w->fx.no_sat)
        assumption(t, "three users will talk openly in the first weeks; the survey scores are months old");
    else
        assumption(t, "the weak scores reflect today's use, not a gap in the export");
}

static void t_escalation(const struct words *w, struct text *t)
{
    char acv[64], due[64], date[64];
    dollars(w->fx.acv, acv, sizeof acv);
    day_words(w, w->x->deadline, due, sizeof due);
    renewal_day(w, date, sizeof date);
    /* The playbook's levels: the VP (Level 3, contract and pricing
     * authority) for a churn risk whose renewal campaign runs this quarter,
     * i.e. the 90-day mark falls in it, or one that has lapsed; the senior CSM
     * (Level 2) for a renewal risk further off, with the VP's trigger set. */
    const struct plan_options *o = w->bl->o;
    const struct account *a = w->fx.a;
    bool vp = a->renewal != DATE_NONE && a->renewal - 90 <= o->end;
    bool ent = w->fx.segment == SEG_ENT;
    struct strbuf why;
    sb_init(&why);
    reasons(w, w->fx.churn, 2, &why);
    if (vp) {
        const char *diag = ref_after(w, S_RECOVERY);
        sb_printf(&t->d, "Brief the VP of Customer Success, the playbook's Level 3, in the first week (trigger: churn "
                         "risk; %s) with what the export and the previous owner's notes show, before the diagnosis rather than after "
                         "it: an executive-to-executive call takes two to three weeks to arrange. Agree who calls the "
                         "customer's executive and by when, and what the VP may offer if the renewal needs it "
                         "(contract or pricing terms)%s%s%s.", why.buf, diag ? "; the diagnosis (" : "",
                  diag ? diag : "", diag ? ") then runs with the VP's backing" : "");
        sb_printf(&t->p, "Senior authority behind %s of ACV that renews on %s at high risk, in time to use it.", acv,
                  date);
        sb_puts(&t->r, "An executive-to-executive call booked, and the VP's commitments written into the recovery plan.");
        sb_printf(&t->m, "VP briefed by %s; the executive call held within three weeks; the renewal at %s or more.", due,
                  acv);
        sb_printf(&t->n, "The playbook's Level 3 answers within %s", ent ? "an hour for enterprise accounts"
                                                                         : "four hours for mid-market accounts");
    } else {
        sb_printf(&t->d, "Take %s to a senior CSM, the playbook's Level 2 (trigger: renewal risk; %s): review the "
                         "diagnosis together, agree the recovery's milestones and what the senior CSM does if they "
                         "slip.", w->name, why.buf);
        sb_printf(&t->p, "A second, senior view on %s of ACV at high risk while its renewal (%s) is still months away.",
                  acv, date);
        sb_puts(&t->r, "The recovery plan reviewed and strengthened; an escalation path agreed in advance.");
        sb_printf(&t->m, "Review held by %s; milestones and the trigger for the VP written into the plan.", due);
        char d90[64];
        day_words(w, a->renewal - 90, d90, sizeof d90);
        sb_printf(&t->n, "The VP (Level 3) comes in if the milestones slip, or at the renewal's 90-day mark (%s)", d90);
    }
    sb_free(&why);
    if (vp)
        assumption(t, "the VP can authorise contract or pricing changes, as the playbook's Level 3 says");
}

/* The working day a renewal step is planned for: its mark, or the first
 * bookable day when the mark is already behind. */
static int step_day(const struct words *w, int mark, int floor)
{
    const struct calendar *cal = &w->bl->cal;
    int d = w->fx.a->renewal - mark;
    int lo = calendar_add(cal, floor, 0);
    d = d < lo ? lo : calendar_on_or_before(cal, d);
    return d < lo ? lo : d;
}

/* The area to lead a renewal with: the strongest of what the customer
 * lives with (use, satisfaction, support), not the buyer's seniority. */
static int strongest_lived(const struct words *w)
{
    const struct health_model *m = &w->bl->b->sc->model;
    int best = -1;
    for (int c = 0; c < m->ncomp; c++)
        if (c != w->fx.sponsor_i && w->fx.a->score[c] != SCORE_NONE &&
            (best < 0 || w->fx.a->score[c] > w->fx.a->score[best]))
            best = c;
    return best;
}

static int weakest_lived(const struct words *w)
{
    const struct health_model *m = &w->bl->b->sc->model;
    int worst = -1;
    for (int c = 0; c < m->ncomp; c++)
        if (c != w->fx.sponsor_i && w->fx.a->score[c] != SCORE_NONE &&
            (worst < 0 || w->fx.a->score[c] < w->fx.a->score[worst]))
            worst = c;
    return worst;
}

/* The reference of a selected round of `step` that includes this account. */
static const char *round_with(const struct words *w, int step)
{
    for (size_t k = 0; k < w->p->n; k++) {
        const struct activity *y = &w->p->all[w->p->order[k]];
        if (y->step != step || !y->group)
            continue;
        for (int g = 0; g < y->ngroup; g++)
            if (y->group[g] == w->x->account)
                return y->ref;
    }
    return NULL;
}

/* The expansion worth sizing, as a share of the ACV: more where the
 * customer's own KPI has gained and use is strongest. */
static double growth_share(const struct words *w)
{
    const struct account *a = w->fx.a;
    double share = 0.10;
    if (w->fx.usage >= 85)
        share += 0.05;
    if (!isnan(a->kpi_baseline) && !isnan(a->kpi_current) && a->kpi_baseline > 0 && a->kpi_current > a->kpi_baseline)
        share += fmin(0.10, (a->kpi_current - a->kpi_baseline) / a->kpi_baseline / 4);
    return share;
}

/* The first concrete step of the fix the diagnosis points to. */
static void first_fix(const struct words *w, char *buf, size_t len)
{
    const struct facts *f = &w->fx;
    char c[64];
    if (f->kpi_fell)
        snprintf(buf, len, "the KPI's fall taken apart with its owner (%g to %g): the product's part, the business's part",
                 f->a->kpi_baseline, f->a->kpi_current);
    else if (f->weak_usage && f->strong_sponsor) {
        comp_is(w, f->usage_i, c, sizeof c);
        snprintf(buf, len, "the sponsor's relaunch of %s with the teams that use it least (%s)", product_name(w), c);
    } else if (f->weak_usage) {
        comp_is(w, f->usage_i, c, sizeof c);
        snprintf(buf, len, "a working session with the teams that use it least (%s), and what stops them", c);
    } else if (f->weak_sat) {
        comp_is(w, f->sat_i, c, sizeof c);
        snprintf(buf, len, "three users heard on what is behind %s, each complaint given an owner", c);
    } else if (f->weak_sponsor) {
        comp_is(w, f->sponsor_i, c, sizeof c);
        snprintf(buf, len, "a route to the budget owner agreed with the champion (%s today)", c);
    } else if (f->no_sat)
        snprintf(buf, len, "three users heard, since there is no satisfaction score to go on");
    else if (f->detractor)
        snprintf(buf, len, "the detractor heard in their own words, the answer back within two weeks");
    else
        snprintf(buf, len, "the sponsor asked what they expected and have not had, and that put right first");
}

static void t_renewal(const struct words *w, struct text *t)
{
    const struct account *a = w->fx.a;
    const struct plan_options *o = w->bl->o;
    const struct calendar *cal = &w->bl->cal;
    const struct scoring *sc = w->bl->b->sc;
    char date[64], acv[64], d90[64], d60[64], d30[64], due[64], yes[64], fixby[64] = "";
    renewal_day(w, date, sizeof date);
    dollars(w->fx.acv, acv, sizeof acv);
    day_words(w, w->x->deadline, due, sizeof due);
    int meet = plan_first_meeting(w->bl);
    bool late = a->renewal - 60 < meet;
    bool in60 = a->renewal - 60 <= o->end, in30 = a->renewal - 30 <= o->end;
    /* The marks as scheduled: the 90-day review is the deadline when it is
     * the last step in the quarter. */
    int s90 = in60 ? step_day(w, 90, calendar_add(cal, meet, 3)) : w->x->deadline;
    int s60 = step_day(w, 60, calendar_add(cal, s90, w->bl->ps->prerequisite_gap_days));
    if (s60 > w->x->deadline && in30)
        s60 = w->x->deadline;
    if (in60 && s90 >= s60)
        s90 = calendar_on_or_before(cal, s60 - 7);
    /* Late: the verbal yes two weeks before the signature (thirty days for
     * an enterprise's procurement or a new term), but not before the
     * meeting can be held, the fix is started and the work it builds on is
     * done. */
    int procurement = w->fx.segment == SEG_ENT || w->x->grow == GROW_TERMS ? 30 : 14;
    int lo = calendar_add(cal, meet, 2);
    /* The fix started first; a high risk's plan given two weeks to show
     * before the customer is asked, and the VP's executive call held. */
    int settle = w->fx.sev == SEV_HIGH ? 10 : 1;
    if (w->x->with_recovery && w->x->nparts > 0 && calendar_add(cal, w->x->part_day[0], settle) > lo)
        lo = calendar_add(cal, w->x->part_day[0], settle);
    for (int d = 0; d < w->x->ndeps; d++) {
        const struct activity *pre = &w->p->all[w->x->dep[d]];
        int after_pre = calendar_add(cal, pre->deadline, pre->step == S_ESCALATION ? 15 : 3);
        if (pre->step != S_HANDOVER && after_pre > lo)
            lo = after_pre;
    }
    int vy = calendar_on_or_before(cal, w->x->deadline - procurement);
    if (vy < lo)
        vy = lo;
    if (vy > calendar_on_or_before(cal, w->x->deadline - 5))
        vy = calendar_on_or_before(cal, w->x->deadline - 5);
    bool rushed = w->x->deadline - vy < procurement;
    day_words(w, s90, d90, sizeof d90);
    day_words(w, in60 ? s60 : calendar_on_or_before(cal, a->renewal - 60), d60, sizeof d60);
    day_words(w, w->x->deadline, d30, sizeof d30);
    day_words(w, vy, yes, sizeof yes);
    if (w->x->with_recovery && w->x->nparts > 0)
        day_words(w, w->x->part_day[0], fixby, sizeof fixby);
    bool risk = w->fx.churn != NULL;
    bool save = risk && w->fx.sev >= SEV_MEDIUM;
    /* The playbook's digital track, for a small account that is content. */
    bool digital = w->fx.segment == SEG_SMB && w->fx.sev <= SEV_LOW && !w->fx.weak_sat;
    int years = a->term_years;
    const char *recovery = ref_of(w, S_RECOVERY), *escalation = ref_of(w, S_ESCALATION);
    const char *handover = NULL;
    for (size_t k = 0; k < w->p->n; k++)
        if (w->p->all[w->p->order[k]].step == S_HANDOVER)
            handover = w->p->all[w->p->order[k]].ref;
    const char *data = round_with(w, S_DATA);
    /* The situation first, then the campaign as dated steps: "By 22
     * April: ...". */
    const char *kind = w->x->grow ? "Renewal and expansion campaign" : save ? "Save-the-renewal campaign"
                                                                          : "Renewal campaign";
    sb_printf(&t->d, "%s: %s renews on %s (%s, %s%s)", kind, w->name, date, acv, segment_words(w->fx.segment),
              years == 0 ? ", its first renewal" : "");
    if (w->x->with_recovery) {
        sb_printf(&t->d, "; what %s: ", risk ? "puts it at risk" : "holds it back");
        diagnosis(w, &t->d);
    }
    sb_puts(&t->d, ".");
    if (w->x->with_recovery && w->fx.sev == SEV_HIGH)
        sb_printf(&t->d, " By %s: meet the sponsor%s%s%s to agree the recovery plan, written into the renewal as the "
                         "next term's success plan.", fixby[0] ? fixby : d90,
                  w->fx.segment == SEG_ENT ? " on site" : "", escalation ? " with the VP's commitments from " : "",
                  escalation ? escalation : "");
    else if (w->x->with_recovery) {
        char step1[400];
        first_fix(w, step1, sizeof step1);
        sb_printf(&t->d, " By %s: %s.", fixby[0] ? fixby : d90, step1);
    }
    char use[64];
    comp_is(w, w->fx.usage_i, use, sizeof use);
    if (w->x->grow == GROW_EXPANSION)
        sb_printf(&t->d, " Before the meeting: an expansion sized with sales (%s) where use is strong (%s), priced "
                         "into the proposal.", sc->product.growth[0] ? sc->product.growth : "more seats or modules", use);
    else if (w->x->grow == GROW_TERMS)
        sb_printf(&t->d, " In the proposal: a two-year term at today's price, or the uplift sales sets (new scope waits "
                         "for a mid-term review: it is too near the renewal to buy it now)%s.",
                  a->nps >= 7 && a->nps <= 8 ? "; its NPS is a passive's, so ask what would make it a 9 first" : "");
    if (data)
        sb_printf(&t->d, " Before the review: the missing scores, collected in %s.", data);
    if (!w->x->with_recovery && w->fx.weak_support) {
        char sup[64];
        comp_is(w, w->fx.support_i, sup, sizeof sup);
        sb_printf(&t->d, " Before the call: the open support cases cleared with the support lead (%s).", sup);
    }
    if (late) {
        sb_printf(&t->d, " By %s: the renewal %s and a verbal yes at today's terms%s%s.", yes,
                  digital ? "call with the champion" : "meeting", handover ? ", the notice terms known from " : "",
                  handover ? handover : "");
        sb_printf(&t->d, " By %s: the signature%s.", due,
                  rushed ? ": the time is shorter than procurement usually takes, so the order form goes with the "
                           "proposal, the customer's procurement is engaged from the first visit, and a short "
                           "extension is agreed with sales now as the fallback"
                         : "; if it slips, a short extension agreed with sales");
    } else if (digital) {
        sb_printf(&t->d, " By %s: the renewal notice and a one-page value summary through the digital track.", d90);
        if (in60)
            sb_printf(&t->d, " By %s: one call with the champion for the yes.", d60);
        if (in30)
            sb_printf(&t->d, " By %s: the order signed.", d30);
    } else {
        if (a->renewal - 90 >= meet)
            sb_printf(&t->d, " By %s: the 90-day review: health, the people mapped, a value summary in the customer's "
                             "own figures.", d90);
        else
            sb_printf(&t->d, " By %s: the people mapped and a value summary (the 90-day mark has passed).", d90);
        if (in60)
            sb_printf(&t->d, " By %s: the renewal meeting%s, the proposal and price agreed with sales first.", d60,
                      w->fx.segment == SEG_ENT ? ", held as the executive business review the playbook asks each "
                                                 "quarter" : "");
        else
            sb_printf(&t->d, " The renewal meeting booked for %s, next quarter.", d60);
        if (in30)
            sb_printf(&t->d, " By %s: the contract signed and the next term's success plan agreed.", d30);
    }
    bool said_escalation = w->x->with_recovery && w->fx.sev == SEV_HIGH;
    if (recovery || (escalation && !said_escalation))
        sb_printf(&t->d, " It builds on %s%s%s.", recovery ? recovery : "", recovery && escalation && !said_escalation ? " and " : "",
                  escalation && !said_escalation ? escalation : "");
    if (w->fx.segment == SEG_ENT || w->fx.sev == SEV_HIGH)
        sb_puts(&t->d, " Brief the executive sponsor before the meeting.");
    /* What to lead with: a strength the customer lives with, else the plan
     * for the weakest area (said once: the diagnosis may have named it). */
    int weak = weakest_lived(w), strong = strongest_lived(w);
    char wk[64], st[64];
    comp_is(w, weak, wk, sizeof wk);
    comp_is(w, strong, st, sizeof st);
    int amber = sc->score_bands.amber_max;
    if (years == 0 && !save)
        sb_puts(&t->d, " Lead with what the customer has achieved since it started, in its own numbers.");
    else if (strong >= 0 && plan_score(a, strong) >= sc->flags.strong_product && weak >= 0 &&
             plan_score(a, weak) <= sc->flags.weak_component)
        sb_printf(&t->d, " Lead with what works (%s); have the answer ready on %s.", st, wk);
    else if (weak >= 0 && plan_score(a, weak) > amber && !w->x->grow)
        sb_printf(&t->d, " Every area is green (the lowest: %s): lead with the results.", wk);
    char state[96];
    state_words(w, state, sizeof state);
    if (save)
        sb_printf(&t->p, "Save %s of ACV: %s is a %s churn risk, %s.", acv, w->name, severity_name(w->fx.sev), state);
    else if (w->x->grow)
        sb_printf(&t->p, "Renew %s and grow it, as its health allows (%s).", w->name, state);
    else if (risk)
        sb_printf(&t->p, "Renew %s on time and keep a low risk low (%s).", w->name, state);
    else
        sb_printf(&t->p, "Renew %s on time (%s).", w->name, state);
    if (late)
        sb_printf(&t->r, "A verbal yes by %s and the contract signed by %s%s, or an extension agreed before %s.", yes, due,
                  w->x->grow == GROW_TERMS ? " with a two-year term or the uplift" : "", date);
    else if (!in60)
        sb_printf(&t->r, "The 90-day review held with the sponsor: the value summary agreed, the people mapped, the "
                         "renewal meeting of %s booked%s.", d60, w->x->with_recovery ? ", the fix under way" : "");
    else if (save)
        sb_printf(&t->r, "The risk answered before the meeting, with the fix under way; the renewal %s.",
                  in30 ? "signed by the 30-day mark" : "committed at the 60-day meeting");
    else if (w->x->grow)
        sb_puts(&t->r, "The renewal agreed with the expansion priced in the proposal.");
    else if (digital)
        sb_puts(&t->r, "A renewal at today's terms with the least of the customer's time and yours.");
    else
        sb_printf(&t->r, "A renewal proposal agreed and its objections answered%s.",
                  in30 ? ", the contract signed by the 30-day mark" : ", a verbal commitment to renew");
    char fix[320] = "";
    int c1, c2;
    worked(w, &c1, &c2);
    if (w->x->with_recovery && c1 >= 0 && !late) {
        char l[80];
        lift(w, c1, l, sizeof l);
        snprintf(fix, sizeof fix, "; the fix's first result in hand for the meeting (%s is the sign to watch)", l);
    } else if (w->x->with_recovery && c1 >= 0) {
        snprintf(fix, sizeof fix, "; the fix agreed and started before the verbal yes");
    } else if (w->x->with_recovery && w->fx.weak_sponsor) {
        snprintf(fix, sizeof fix, "; the budget owner at the renewal meeting");
    } else if (w->x->with_recovery && w->fx.weak_sat) {
        snprintf(fix, sizeof fix, "; the users' complaints answered before the meeting");
    }
    if (w->fx.kpi_fell && !isnan(a->kpi_current) && !isnan(a->kpi_baseline)) /* the problem is the KPI, not a score */
        snprintf(fix, sizeof fix, "; the KPI's fall from %g to %g explained to the sponsor, with the customer's own "
                                  "plan to recover it", a->kpi_baseline, a->kpi_current);
    char growth[160] = "";
    if (w->x->grow) {
        char up[64];
        dollars(w->fx.acv * (w->x->grow == GROW_EXPANSION ? growth_share(w) : 0.05), up, sizeof up);
        snprintf(growth, sizeof growth, w->x->grow == GROW_EXPANSION ? ", with an expansion of about %s priced in it"
                                                                     : ", with a two-year term or an uplift of about %s",
                 up);
    }
    if (late)
        sb_printf(&t->m, "Signed at %s or more by %s (it renews on %s)%s%s.", acv, due, date, growth, fix);
    else if (!in60)
        sb_printf(&t->m, "Review held by %s; the renewal meeting in the sponsor's diary%s%s.", d90,
                  w->x->grow == GROW_EXPANSION ? growth : "", fix);
    else if (in30)
        sb_printf(&t->m, "Renewed at %s or more by %s%s%s.", acv, date, growth, fix);
    else
        sb_printf(&t->m, "Renewal meeting held by %s with a verbal commitment at %s or more%s%s.", d60, acv, growth, fix);
    flag_note(w, FLAG_CHURN, &t->n);
    if (!risk)
        sb_printf(&t->n, "%sRenews %s with health %d (%s)", t->n.len ? ". " : "", date, w->fx.v->health,
                  w->fx.v->health >= 0 ? band_name(w->fx.v->band) : "unknown");
    followup_note(w, t, "buyer follow-up call");
}

static void t_onboarding(const struct words *w, struct text *t)
{
    char up[96], date[64], due[64];
    lift(w, w->fx.usage_i, up, sizeof up);
    renewal_day(w, date, sizeof date);
    day_words(w, w->x->deadline, due, sizeof due);
    sb_printf(&t->d, "Rescue %s onboarding: it is in its first year and declining. Re-run the kickoff with "
                     "today's users, train the admins again, and set usage goals for the next 60 days with the "
                     "sponsor.", w->names);
    sb_printf(&t->p, "A first-year customer that has not adopted rarely renews: fix it while the decision (%s) is "
                     "months away.", date);
    sb_puts(&t->r, "A relaunched onboarding: named users, an admin who owns adoption, and a 60-day usage goal.");
    sb_printf(&t->m, "Relaunch held by %s; %s by the quarter's last export, and the trend level or up.", due, up);
    followup_note(w, t, "weekly adoption check-in");
}

static void t_adoption(const struct words *w, struct text *t)
{
    char up[96], cur[64], due[64], sp[64], hl[96];
    lift(w, w->fx.usage_i, up, sizeof up);
    comp_is(w, w->fx.usage_i, cur, sizeof cur);
    comp_is(w, w->fx.sponsor_i, sp, sizeof sp);
    day_words(w, w->x->deadline, due, sizeof due);
    health_lift(w, w->fx.usage_i, -1, hl, sizeof hl);
    const struct component *u = w->fx.usage_i >= 0 ? &w->bl->b->sc->model.comp[w->fx.usage_i] : NULL;
    char uw[PRODUCT_WORDS_MAX + 16];
    product_part(w->bl->b->sc->product.usage, "", uw, sizeof uw);
    if (!w->fx.touched && !w->fx.churn) /* no contact yet: an introduction and the why before any training */
        sb_printf(&t->d, "Introduce yourself to %s champion and ask why the teams use it so little (%s) before "
                         "training anyone. ", w->names, cur);
    if (w->fx.strong_sponsor)
        sb_printf(&t->d, "Sponsor-led adoption relaunch at %s: with the sponsor (%s), announce the relaunch to the "
                         "teams, run a hands-on session on the parts of %s they use least, and agree usage goals per "
                         "team.", w->name, sp, product_name(w));
    else
        sb_printf(&t->d, "%s at %s for the teams that log in least: train power users first, then their teams on "
                         "the parts of %s they use least, and give the admin a usage dashboard to follow.",
                  !w->fx.touched && !w->fx.churn ? "Then an adoption workshop" : "Adoption workshop", w->name,
                  product_name(w));
    sb_printf(&t->p, "Usage (%s) weighs %.0f%% of the health score: lifting it moves health most%s.", cur,
              u ? u->weight : 0.0, w->fx.churn ? " and answers the churn risk" : "");
    sb_puts(&t->r, w->nth % 2 ? "A power user named in each team, the teams trained, and a usage goal each team owns."
                              : "Teams trained, power users named, and usage goals agreed with the sponsor.");
    const char *uwords = w->bl->b->sc->product.usage;
    sb_printf(&t->m, "Session held by %s; every team's usage goal agreed%s%s; %s and %s at the quarter's last export.",
              due, uwords[0] ? ", counted in " : "", uwords, up, hl);
    followup_note(w, t, "admin usage review");
}

static void t_group_adoption(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    sb_printf(&t->d, "Group adoption session for %d smaller accounts with low usage: ", w->x->ngroup);
    members(w, &t->d, ROLE_USAGE);
    {
        char uw[PRODUCT_WORDS_MAX + 16];
        product_part(w->bl->b->sc->product.usage, "", uw, sizeof uw);
        sb_printf(&t->d, ". One live training on the parts of %s they use least, recorded for their teams, then an "
                         "hour of open office hours.", product_name(w));
        (void)uw;
    }
    sb_printf(&t->p, "Lift usage where the playbook serves accounts digitally, in one session instead of %d workshops.",
              w->x->ngroup);
    sb_puts(&t->r, "Every account's users trained, their questions answered, a recording to share inside each one.");
    sb_printf(&t->m, "Users from each of the %d accounts attend by %s; each one's usage up 10 points or more at the "
                     "next export.", w->x->ngroup, due);
    followup_note(w, t, "office-hour session");
    assumption(t, "the accounts miss the same features, so one session serves them all; if two of them compete, "
                  "run it twice");
}

static void t_satisfaction(const struct words *w, struct text *t)
{
    char sat[64], sup[64], date[64], due[64];
    comp_is(w, w->fx.sat_i, sat, sizeof sat);
    comp_is(w, w->fx.support_i, sup, sizeof sup);
    renewal_day(w, date, sizeof date);
    day_words(w, w->x->deadline, due, sizeof due);
    const char *rec = ref_of(w, S_RECOVERY);
    if (rec)
        sb_printf(&t->d, "Fix what %s users raised in the diagnosis (%s): each complaint to its owner in support or "
                         "product, a date for each fix, and a call back to each user when it lands.", w->names, rec);
    else if (w->fx.strong_support)
        sb_printf(&t->d, "Ask %s main users why they are unhappy (%s) when support resolves their cases well (%s): "
                         "interview three of them on value, fit and expectations.", w->names, sat, sup);
    else if (w->fx.weak_support)
        sb_printf(&t->d, "Go through %s open support cases with the support lead (%s), then call the users behind the "
                         "low satisfaction (%s) with the fixes and their dates.", w->names, sup, sat);
    else
        sb_printf(&t->d, "Hear %s users on what is behind the low satisfaction (%s): three interviews, then fixes with "
                         "owners.", w->names, sat);
    sb_printf(&t->p, "Turn unhappy users around before the renewal (%s).", date);
    sb_puts(&t->r, rec ? "Every complaint raised has an owner and a date, and the users have heard back."
                       : "The complaints known, each with an owner and a date for its fix.");
    sb_printf(&t->m, "Every complaint answered by %s; the users asked again give 7 or more out of 10 (the survey "
                     "score itself moves only when the survey is next run).", due);
    assumption(t, "the satisfaction score comes from the annual survey and the six-monthly NPS, so it moves only when "
                  "they are next run");
}

static void t_sponsor(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    const struct component *c = w->fx.sponsor_i >= 0 ? &w->bl->b->sc->model.comp[w->fx.sponsor_i] : NULL;
    sb_printf(&t->d, "Win a senior decision maker at %s (%s today: %s %d): map the organisation with the champion and "
                     "meet the executive who owns the budget to confirm goals and the value expected.", w->name,
              c ? c->description : "sponsorship", c ? c->key : "sponsorship", w->fx.sponsor);
    sb_puts(&t->p, "A renewal decided below the budget owner is exposed to the next cut.");
    sb_puts(&t->r, "A named senior sponsor, met, with a date for the next review.");
    sb_printf(&t->m, "The budget owner named and met by %s, and in the invite list of the next business review.", due);
    assumption(t, "the score measures who signs, so it moves only when a more senior person takes the decision");
}

static void t_detractor(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    bool green = w->fx.v->band == BAND_GREEN;
    sb_printf(&t->d, "Call back %s detractor (NPS %d)%s: hear the complaint in their words, take it to product or "
                     "support, and come back with a fix or an honest answer within two weeks.", w->names, w->fx.a->nps,
              green ? ", whom the green health score hides" : "");
    sb_puts(&t->p, "A detractor's own word weighs more than a good score: a risk the dashboard does not show.");
    sb_puts(&t->r, "The complaint understood and answered, the contact thanked for raising it.");
    {
        char closed[64];
        day_words(w, calendar_add(&w->bl->cal, w->x->deadline, 10), closed, sizeof closed);
        sb_printf(&t->m, "Call held by %s; the loop closed by %s; the same person, asked again, at 7 or more out of 10.",
                  due, closed);
    }
}

static void t_kpi(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    const struct account *a = w->fx.a;
    sb_printf(&t->d, "Review %s business KPI with its owner: it fell from %g to %g since onboarding. Find what "
                     "changed in their process and agree two actions that use the product to win it back.", w->names,
              a->kpi_baseline, a->kpi_current);
    sb_puts(&t->p, "The customer bought results: a falling KPI is a renewal argument lost.");
    sb_puts(&t->r, "The reasons for the fall known, and a joint plan to recover it.");
    sb_printf(&t->m, "Plan agreed by %s; KPI %g \xe2\x86\x92 %g or more (the baseline) by the next review.", due,
              a->kpi_current, a->kpi_baseline);
}

static void t_data(const struct words *w, struct text *t)
{
    char due[64], date[64];
    day_words(w, w->x->deadline, due, sizeof due);
    renewal_day(w, date, sizeof date);
    const struct health_model *m = &w->bl->b->sc->model;
    struct strbuf miss;
    sb_init(&miss);
    for (int c = 0; c < m->ncomp; c++)
        if (w->fx.a->score[c] == SCORE_NONE)
            sb_printf(&miss, "%s%s (%s)", miss.len ? ", " : "", m->comp[c].key, m->comp[c].description);
    if (w->fx.swing && !w->fx.low_coverage)
        sb_printf(&t->d, "Check %s export with CS operations: its health jumped and fell back by 15 points or more "
                         "between exports, more likely a data problem than the customer's.", w->names);
    else if (w->fx.low_coverage)
        sb_printf(&t->d, "Check %s health data: its score rests on %d%% of the model. Collect %s from the admin and "
                         "the CS platform.", w->names, w->fx.v->coverage_pct, miss.buf);
    else
        sb_printf(&t->d, "Run the satisfaction survey and an NPS question at %s before the renewal (%s): the export "
                         "has no %s.", w->name, date, miss.buf);
    sb_free(&miss);
    sb_puts(&t->p, "Judge the account on its whole score, not on part of it.");
    sb_puts(&t->r, "Every component of the model measured for this account.");
    if (w->fx.low_coverage)
        sb_printf(&t->m, "Coverage %d%% \xe2\x86\x92 100%% at the next export, requested by %s.", w->fx.v->coverage_pct,
                  due);
    else
        sb_printf(&t->m, "Three or more survey answers by %s; satisfaction and NPS on record.", due);
    flag_note(w, FLAG_CHURN, &t->n);
}

static void t_progress(const struct words *w, struct text *t)
{
    char due[64], hl[96];
    day_words(w, w->x->deadline, due, sizeof due);
    int c1, c2;
    worked(w, &c1, &c2);
    health_lift(w, c1, c2, hl, sizeof hl);
    const char *rec = ref_of(w, S_RECOVERY);
    sb_printf(&t->d, "Mid-course review of the recovery at %s%s%s%s with its sponsor: the milestones, what blocks them, "
                     "and what to change before the renewal.", w->name, rec ? " (" : "", rec ? rec : "", rec ? ")" : "");
    sb_puts(&t->p, "Keep the recovery on track rather than find out at the renewal.");
    sb_puts(&t->r, "Milestones confirmed or re-planned, with the sponsor's agreement.");
    sb_printf(&t->m, "Review held by %s; %s at the export after it.", due, hl);
}

static void t_review(const struct words *w, struct text *t)
{
    char acv[64], due[64], date[64];
    dollars(w->fx.acv, acv, sizeof acv);
    day_words(w, w->x->deadline, due, sizeof due);
    renewal_day(w, date, sizeof date);
    int weak, strong;
    extremes(w, &weak, &strong);
    char wk[64];
    comp_is(w, weak, wk, sizeof wk);
    if (w->fx.segment == SEG_ENT)
        sb_printf(&t->d, "Quarterly business review with %s, on site: results against last quarter's goals, usage "
                         "trends (weakest: %s), the roadmap, and next quarter's priorities with the executive "
                         "sponsor.", w->name, wk);
    else
        sb_printf(&t->d, "Semi-annual business review with %s: results against goals, usage trends (weakest: %s) and "
                         "the renewal outlook (%s).", w->name, wk, date);
    sb_printf(&t->p, "Keep %s (%s, %s) on the playbook's review cadence with its goals in view.", w->name,
              segment_words(w->fx.segment), acv);
    sb_puts(&t->r, "Goals for the next period agreed; risks and growth options logged.");
    sb_printf(&t->m, "Review held by %s; actions sent within two days; the next one booked.", due);
}

/* The members of a round, each with its standing: "Yarrow (green 72, level)". */
static void round_members(const struct words *w, struct strbuf *sb, int what)
{
    const struct book *b = w->bl->b;
    for (int g = 0; g < w->x->ngroup; g++) {
        size_t i = w->x->group[g];
        char nm[256], more[320] = "";
        text_safe(b->acc[i].name, nm, sizeof nm);
        const struct verdict *v = &b->v[i];
        if (what == S_DETRACTOR && b->acc[i].pulse != BAND_NONE && b->acc[i].pulse != v->band &&
            (b->acc[i].nps < 0 || b->acc[i].nps > b->sc->flags.detractor_max_nps))
            snprintf(more, sizeof more, "the pulse %s on health %d", band_name(b->acc[i].pulse), v->health);
        else if (what == S_DETRACTOR && b->acc[i].nps >= 0)
            snprintf(more, sizeof more, "NPS %d", b->acc[i].nps);
        else if (what == S_PROGRESS) {
            const char *ref = "";
            for (size_t k = 0; k < w->p->n; k++) {
                const struct activity *y = &w->p->all[w->p->order[k]];
                if (y->step == S_RECOVERY && !y->group && y->account == i)
                    ref = y->ref;
            }
            snprintf(more, sizeof more, "%s%s%s %d today", ref, ref[0] ? "'s plan; " : "", "health", v->health);
        }
        else if (what == S_DATA) {
            size_t o = 0;
            for (int c = 0; c < b->sc->model.ncomp && o < sizeof more; c++)
                if (b->acc[i].score[c] == SCORE_NONE)
                    o += (size_t)snprintf(more + o, sizeof more - o, "%s%s", o ? ", " : "no ", b->sc->model.comp[c].key);
            if (!o)
                snprintf(more, sizeof more, "its health jumped and fell back between exports");
        } else if (v->health >= 0) {
            int o = snprintf(more, sizeof more, "%s %d, %s", band_name(v->band), v->health, trend_name(v->trend));
            bool pulse = b->acc[i].pulse != BAND_NONE && b->acc[i].pulse != v->band;
            bool handover = false; /* it asks the previous owner about the pulse and the ask */
            for (size_t k = 0; k < w->p->n; k++)
                handover |= w->p->all[w->p->order[k]].step == S_HANDOVER;
            if (pulse && !handover && o > 0 && (size_t)o < sizeof more)
                o += snprintf(more + o, sizeof more - (size_t)o, "; your pulse %s: say why", band_name(b->acc[i].pulse));
            const struct flag *churn = verdict_flag(v, FLAG_CHURN);
            int list[R_COUNT];
            if (what == S_CHECKIN && !pulse && churn && flag_reasons(churn, list) > 0 && o > 0 && (size_t)o < sizeof more) {
                char r[128];
                flag_reason_text(b->sc, &b->acc[i], v, list[0], r, sizeof r);
                o += snprintf(more + o, sizeof more - (size_t)o, "; at risk: %s", r);
            }
            if (b->acc[i].last_advocacy_ask != DATE_NONE && !handover && o > 0 && (size_t)o < sizeof more) {
                char ask[64];
                day_words(w, b->acc[i].last_advocacy_ask, ask, sizeof ask);
                snprintf(more + o, sizeof more - (size_t)o, "; asked for advocacy on %s: record the answer", ask);
            }
        }
        sb_printf(sb, "%s%s%s%s%s", g ? ", " : "", nm, more[0] ? " (" : "", more, more[0] ? ")" : "");
    }
}

static void t_round(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    int n = w->x->ngroup;
    switch (w->x->step) {
    case S_DATA:
        sb_printf(&t->d, "Collect the missing health data of %d accounts: ", n);
        round_members(w, &t->d, S_DATA);
        sb_puts(&t->d, ". Ask each admin for the usage figures and run the satisfaction survey and NPS question where "
                       "they are missing.");
        sb_puts(&t->p, "Judge each of these accounts on its whole score, not on part of it, before its renewal.");
        sb_puts(&t->r, "Every component of the model measured for each account.");
        sb_printf(&t->m, "Requests sent and answers chased by %s; no component missing at the next export.", due);
        break;
    case S_DETRACTOR:
        sb_printf(&t->d, "Call the accounts whose own word says something is wrong, in the first weeks: ");
        round_members(w, &t->d, S_DETRACTOR);
        sb_puts(&t->d, ". Hear each complaint in the customer's words, take it to product or support, and close the loop "
                       "within two weeks.");
        sb_puts(&t->p, "A detractor's own word weighs more than a good score: risks the dashboard does not show.");
        sb_puts(&t->r, "Each complaint understood and answered, each contact thanked for raising it.");
        {
            char closed[64];
            day_words(w, calendar_add(&w->bl->cal, w->x->deadline, 10), closed, sizeof closed);
            sb_printf(&t->m, "Every call held by %s; every loop closed, the fix or an honest answer given, by %s; each "
                             "contact says so when asked again.", due, closed);
        }
        break;
    case S_ESCALATION: {
        sb_printf(&t->d, "Brief the VP of Customer Success, the playbook's Level 3, in the first week on the %d accounts "
                         "at high risk whose renewals are worked this quarter, in one meeting and ranked by what is at "
                         "stake: ", n);
        const struct book *b = w->bl->b;
        double stake = 0;
        for (int g = 0; g < n; g++) {
            size_t i = w->x->group[g];
            char nm[256], acv[64], when[64], why[200] = "";
            text_safe(b->acc[i].name, nm, sizeof nm);
            dollars(b->acc[i].acv_cents >= 0 ? (double)b->acc[i].acv_cents / 100.0 : 0, acv, sizeof acv);
            day_words(w, b->acc[i].renewal, when, sizeof when);
            const struct flag *f = verdict_flag(&b->v[i], FLAG_CHURN);
            int list[R_COUNT];
            if (f && flag_reasons(f, list) > 0)
                flag_reason_text(b->sc, &b->acc[i], &b->v[i], list[0], why, sizeof why);
            sb_printf(&t->d, "%s%s (%s, renews %s%s%s)", g ? ", " : "", nm, acv, when, why[0] ? "; " : "", why);
            stake += b->acc[i].acv_cents >= 0 ? (double)b->acc[i].acv_cents / 100.0 : 0;
        }
        sb_puts(&t->d, ". For each, agree who calls the customer's executive and by when (an executive call takes two to "
                       "three weeks to arrange), and what the VP may offer if the renewal needs it (contract or pricing "
                       "terms); each diagnosis then runs with the VP's backing.");
        char total[64];
        dollars(stake, total, sizeof total);
        sb_printf(&t->p, "Senior authority behind %s of ACV at high risk, in time to use it, and the VP's view of which "
                         "account comes first.", total);
        sb_puts(&t->r, "An executive-to-executive call booked for each account, and the VP's commitments written into "
                       "each recovery plan.");
        sb_printf(&t->m, "VP briefed by %s; every executive call held within three weeks; each renewal at today's ACV or "
                         "more.", due);
        assumption(t, "the VP can authorise contract or pricing changes, as the playbook's Level 3 says");
        break;
    }
    case S_PROGRESS:
        sb_printf(&t->d, "Review the recovery plans of %d accounts with their sponsors, a 45-minute call each: ", n);
        round_members(w, &t->d, S_PROGRESS);
        sb_puts(&t->d, ". Check each milestone against the plan, the scores at the last export, and agree what changes "
                       "where one slipped; a slip on an account renewing within six months goes to the escalation "
                       "path agreed.");
        sb_puts(&t->p, "A recovery plan that nobody follows up is a plan on paper: this keeps each one moving into the "
                       "next quarter.");
        sb_puts(&t->r, "Each plan confirmed on track or corrected, with its next milestone and owner.");
        sb_printf(&t->m, "Every review held by %s; each account's health at the next export at or above today's.", due);
        break;
    default:
        if (!w->bl->o->last_touch) {
            sb_printf(&t->d, "Introduce yourself in the first weeks to the %d accounts no other activity of the plan "
                             "reaches early: ", n);
            round_members(w, &t->d, S_CHECKIN);
            sb_puts(&t->d, ". A 30-minute listening call with each champion: their goals, how the teams use it, what "
                           "worries them, who else you should know; a second call follows where something surfaces.");
            sb_puts(&t->p, "Every customer hears from its new CSM in the first month, before anything is asked of it.");
            sb_puts(&t->r, "Each champion met; for each account a goal, a worry and the next contact written down.");
            sb_printf(&t->m, "%s calls held by %s; any risk heard turned into an activity within the week.",
                      n == 2 ? "Both" : "All the", due);
        } else {
            sb_printf(&t->d, "Check-in round with %d accounts: ", n);
            round_members(w, &t->d, S_CHECKIN);
            sb_puts(&t->d, ". A 30-minute call with each champion on their goals, their use of the product and anything "
                           "coming up.");
            sb_puts(&t->p, "No account goes a quarter without a human touch; a risk or an opportunity is caught early.");
            sb_puts(&t->r, "Each champion reached; one note for each account.");
            sb_printf(&t->m, "%s calls held by %s; any risk heard turned into an activity within the week.",
                      n == 2 ? "Both" : "All the", due);
        }
        if (w->bl->o->last_touch == NULL)
            assumption(t, "no relationship recorded yet for these accounts (no note or completed activity)");
        break;
    }
}

/* Two accounts with the same scores in every export, and the same NPS and
 * renewal date: more likely a copied row than two customers alike. */
static bool same_data(const struct book *b, size_t i, size_t j)
{
    const struct account *a = &b->acc[i], *c = &b->acc[j];
    if (a->nps != c->nps || a->renewal != c->renewal || a->nhist != c->nhist)
        return false;
    int scored = 0;
    for (int k = 0; k < b->sc->model.ncomp; k++) {
        if (a->score[k] != c->score[k])
            return false;
        scored += a->score[k] != SCORE_NONE;
    }
    for (int h = 0; h < a->nhist; h++)
        for (int k = 0; k < b->sc->model.ncomp; k++)
            if (account_hist(a, h)[k] != account_hist(c, h)[k])
                return false;
    return scored >= 3;
}

/* What only the previous owner or the records can say: a pulse at odds with
 * the score, an advocacy ask whose answer is not recorded; and what CS
 * operations should check: two accounts with the same data. */
static void handover_questions(const struct words *w, struct text *t)
{
    const struct book *b = w->bl->b;
    int asked = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct account *a = &b->acc[i];
        const struct verdict *v = &b->v[i];
        char nm[256], q[400] = "";
        text_safe(a->name, nm, sizeof nm);
        if (a->pulse != BAND_NONE && v->health >= 0 && a->pulse != v->band)
            snprintf(q, sizeof q, "why the pulse on %s is %s while its health is %s %d (and call its champion in the "
                                  "first fortnight)", nm, band_name(a->pulse), band_name(v->band), v->health);
        else if (a->last_advocacy_ask != DATE_NONE) {
            char when[64];
            day_words(w, a->last_advocacy_ask, when, sizeof when);
            snprintf(q, sizeof q, "what %s answered to the advocacy ask of %s", nm, when);
        }
        if (!q[0] || asked >= 6)
            continue;
        sb_printf(&t->d, "%s%s", asked ? "; " : " Ask the previous owner ", q);
        asked++;
    }
    if (asked)
        sb_puts(&t->d, ".");
    int twins = 0;
    for (size_t i = 0; i < b->n && twins < 3; i++)
        for (size_t j = i + 1; j < b->n && twins < 3; j++)
            if (same_data(b, i, j)) {
                char n1[256], n2[256];
                text_safe(b->acc[i].name, n1, sizeof n1);
                text_safe(b->acc[j].name, n2, sizeof n2);
                sb_printf(&t->d, " Ask CS operations whether %s and %s really share the same scores%s: a copied row "
                                 "would mislead the work planned for both.",
                          n1, n2, b->acc[i].nhist > 1 ? " in every export" : "");
                twins++;
            }
}

static void t_handover(const struct words *w, struct text *t)
{
    char due[64], until[64];
    day_words(w, w->x->deadline, due, sizeof due);
    day_words(w, w->bl->o->end + 97, until, sizeof until); /* the 90-day mark by a week after the quarter */
    sb_printf(&t->d, "Take the book over in the first week: read the previous owner's and sales' notes, and for the %d "
                     "accounts renewing by %s, flagged or little used (", w->x->ngroup, until);
    members(w, &t->d, ROLE_OTHER);
    sb_puts(&t->d, ") check the contract terms (automatic renewal, notice period, price uplift, MSA limits on naming "
                   "the customer) and where each renewal stands with sales; send the gaps in the export to CS "
                   "operations.");
    handover_questions(w, t);
    sb_puts(&t->p, "Start every renewal and rescue from what is already known and promised, not from the score alone.");
    sb_puts(&t->r, "A one-page sheet per account: contract terms, the renewal's status, the people, the data gaps.");
    sb_printf(&t->m, "Every renewal of the next six months confirmed with sales by %s; data gaps logged with CS "
                     "operations.", due);
    assumption(t, "the book is new to you (no note or completed activity is recorded)");
}

static void t_pulse(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    const struct verdict *v = w->fx.v;
    sb_printf(&t->d, "Your own pulse on %s is %s while its health is %s (%d): write down what you are sensing (a "
                     "champion leaving, a budget freeze, a competitor), check it with the champion and sales, and "
                     "correct the export if its data is wrong.", w->name, band_name(w->fx.a->pulse), band_name(v->band),
              v->health);
    sb_puts(&t->p, "Two bands between the score and your judgement means one of them is wrong: find out which before "
                   "the renewal.");
    sb_puts(&t->r, "The reason for the gap known, and either the pulse or the data corrected.");
    sb_printf(&t->m, "Reason recorded by %s; the pulse and the health within one band of each other at the next export.",
              due);
}

static void t_intro(const struct words *w, struct text *t)
{
    char due[64], state[96], use[64];
    day_words(w, w->x->deadline, due, sizeof due);
    state_words(w, state, sizeof state);
    comp_is(w, w->fx.usage_i, use, sizeof use);
    bool intro = w->x->step == S_INTRO;
    if (intro)
        sb_printf(&t->d, "Introduce yourself as %s CSM: a short call with the champion and, if possible, the "
                         "sponsor about their goals, how they use the product (%s) and the contact they want.",
                  w->names, use);
    else
        sb_printf(&t->d, "Check in with %s champion: what changed since the last contact, how the product is used "
                         "(%s), anything coming up before the renewal.", w->names, use);
    sb_printf(&t->p, "No account goes a quarter without a human touch: %s is %s.", w->name, state);
    sb_puts(&t->r, intro ? "Contacts confirmed, goals written down, a cadence agreed."
                         : "Any new risk or opportunity found early.");
    sb_printf(&t->m, "Call held by %s; one goal and one risk or opportunity recorded.", due);
    if (intro)
        assumption(t, "no relationship yet (no note or completed activity is recorded for the account)");
}

static void t_group_touch(const struct words *w, struct text *t)
{
    char due[64];
    day_words(w, w->x->deadline, due, sizeof due);
    sb_printf(&t->d, "Webinar for %d small accounts with nothing else planned this quarter: ", w->x->ngroup);
    members(w, &t->d, ROLE_OTHER);
    sb_puts(&t->d, ". What is new in the product, tips on the features they use least, open questions; invite each "
                   "champion personally.");
    sb_puts(&t->p, "The playbook serves small accounts digitally with human touch points: this quarter's is this one.");
    sb_puts(&t->r, "Each account's champion reached; questions answered; one risk or opportunity per account noted.");
    sb_printf(&t->m, "Champions of most of the %d accounts attend on or before %s; questions answered within 48 hours.",
              w->x->ngroup, due);
}

/* "its KPI (100 -> 140)" or "the outcomes it bought the product for". */
static void outcome_words(const struct words *w, char *buf, size_t len)
{
    const struct account *a = w->fx.a;
    const char *value = w->bl->b->sc->product.value;
    if (!isnan(a->kpi_baseline) && !isnan(a->kpi_current))
        snprintf(buf, len, "the KPI it bought %s for (%g at onboarding, %g now)", product_name(w), a->kpi_baseline,
                 a->kpi_current);
    else
        snprintf(buf, len, "the outcomes it bought %s for, in its own figures (%s%sno KPI is recorded yet)",
                 product_name(w), value, value[0] ? "; " : "");
}

static void t_value(const struct words *w, struct text *t)
{
    char date[64], due[64], use[64], out[600], up[64];
    renewal_day(w, date, sizeof date);
    day_words(w, w->x->deadline, due, sizeof due);
    comp_is(w, w->fx.usage_i, use, sizeof use);
    outcome_words(w, out, sizeof out);
    double share = growth_share(w);
    dollars(w->fx.acv * share, up, sizeof up);
    const struct account *a = w->fx.a;
    bool kpi = !isnan(a->kpi_baseline) && !isnan(a->kpi_current) && a->kpi_current > a->kpi_baseline;
    bool declining = w->fx.v->trend == TREND_DOWN;
    int h[8], n = health_history(w, h, 8);
    bool rising = n >= 3 && h[n - 1] > h[0] + 2;
    if (declining)
        sb_printf(&t->d, "Value realisation review with %s sponsor: first find out why its health is slipping, then "
                         "document what its use (%s) has achieved against %s, and agree the figures.", w->names, use, out);
    else if (kpi)
        sb_printf(&t->d, "Take %s sponsor through the case in their own numbers: %s, with use at %s. Agree where more "
                         "of it would add to that result, and who would sign for it.", w->names, out, use);
    else if (rising)
        sb_printf(&t->d, "%s use has risen export after export (health %d to %d): meet the sponsor to put that in "
                         "figures against %s, and to ask which team or entity would come next.", w->names, h[0], h[n - 1],
                  out);
    else
        sb_printf(&t->d, "Value realisation review with %s sponsor: document what its use (%s) has achieved against %s, "
                         "and agree the figures.", w->names, use, out);
    sb_printf(&t->p, w->nth % 2 ? "Build the growth case now for %s renewal (%s), while the sponsor is with you."
                                : "Prove the value delivered so that %s renewal (%s) grows rather than just renews.",
              w->names, date);
    sb_puts(&t->r, kpi ? "The result agreed as the customer's own, and the next use case named with its owner."
                       : "A one-page value summary the sponsor agrees with, and where more of it would add to it.");
    sb_printf(&t->m, "Summary signed off by the sponsor by %s; an expansion of about %s (%.0f%% of the ACV, sized on %s) "
                     "the sponsor wants priced, in the CRM with sales.", due, up, share * 100,
              kpi ? "the KPI's gain and today's use" : "today's use");
    flag_note(w, FLAG_EXPANSION, &t->n);
}

static void t_proposal(const struct words *w, struct text *t)
{
    char acv[64], up[64], date[64], due[64], use[64];
    double share = growth_share(w);
    dollars(w->fx.acv, acv, sizeof acv);
    dollars(w->fx.acv * share, up, sizeof up);
    renewal_day(w, date, sizeof date);
    day_words(w, w->x->deadline, due, sizeof due);
    comp_is(w, w->fx.usage_i, use, sizeof use);
    const char *growth = w->bl->b->sc->product.growth;
    sb_printf(&t->d, "Expansion proposal for %s with sales: %s, sized on today's use (%s) and the value summary.",
              w->name, growth[0] ? growth : "seats for new teams, advanced features or add-on products", use);
    sb_printf(&t->p, "Grow %s of ACV at or before the renewal (%s).", acv, date);
    sb_puts(&t->r, "A priced proposal in front of the sponsor.");
    sb_printf(&t->m, "An opportunity of %s or more in the CRM, presented by %s.", up, due);
    assumption(t, "a %.0f%% expansion is the opening size; sales sets the price", share * 100);
}

/* "(KPI 80 -> 120)" or the request for one. */
static void proof_words(const struct words *w, char *buf, size_t len)
{
    const struct account *a = w->fx.a;
    if (!isnan(a->kpi_baseline) && !isnan(a->kpi_current))
        snprintf(buf, len, ", its KPI from %g to %g", a->kpi_baseline, a->kpi_current);
    else
        snprintf(buf, len, "; no KPI is recorded yet, so agree one and find its value at onboarding");
}

/* The healthiest accounts not chosen for the story, and why not: the
 * reader sees the choice was made, not defaulted. */
static void others_considered(const struct words *w, struct strbuf *sb)
{
    const struct book *b = w->bl->b;
    long pick[2] = {-1, -1};
    for (size_t i = 0; i < b->n; i++) {
        const struct verdict *v = &b->v[i];
        if (i == w->x->account || verdict_flag(v, FLAG_ADVOCACY) || v->band != BAND_GREEN || v->health < 0)
            continue;
        for (int r = 0; r < 2; r++)
            if (pick[r] < 0 || v->health > b->v[pick[r]].health) {
                if (r == 0)
                    pick[1] = pick[0];
                pick[r] = (long)i;
                break;
            }
    }
    int said = 0;
    for (int r = 0; r < 2; r++) {
        char nm[256], why[200];
        if (pick[r] < 0 || !why_not_text(b->sc, &b->acc[pick[r]], &b->v[pick[r]], FLAG_ADVOCACY, why, sizeof why))
            continue;
        text_safe(b->acc[pick[r]].name, nm, sizeof nm);
        sb_printf(sb, "%s%s (green %d): %s", said++ ? "; " : ". Also weighed: ", nm, b->v[pick[r]].health, why);
    }
}

static void t_cs_ready(const struct words *w, struct text *t)
{
    char due[64], cs[64];
    day_words(w, w->x->deadline, due, sizeof due);
    day_words(w, w->p->case_study_due, cs, sizeof cs);
    struct strbuf why;
    sb_init(&why);
    reasons(w, w->fx.advocacy, 3, &why);
    sb_printf(&t->d, "Case-study readiness for %s: check the playbook's criteria (%s); agree the story's angle with "
                     "marketing (the result achieved%s%s, the return, the speed of the rollout) and the production "
                     "calendar back from the website refresh; loop in sales; confirm with legal that the contract "
                     "allows a named story; and map with the champion who signs off at the customer (marketing, "
                     "legal, the sponsor's office).", w->name, why.buf, w->bl->b->sc->product.value[0] ? " in " : "",
              w->bl->b->sc->product.value);
    sb_free(&why);
    sb_printf(&t->p, "Marketing's case-study videos for the website refresh (live %s) need the customer asked early and "
                     "once, with a clear story and no approval surprise at the end.", cs);
    sb_puts(&t->r, "A marketing brief with the angle and the production dates, sales informed, legal clearance, the "
                   "customer's approvers named.");
    sb_printf(&t->m, "Brief and production calendar agreed with marketing, legal sign-off and the approval map "
                     "confirmed by the champion, by %s.", due);
    flag_note(w, FLAG_ADVOCACY, &t->n);
    others_considered(w, &t->n);
    if (flag_has(w->fx.advocacy, R_ADV_PENDING_PROOF))
        assumption(t, "a KPI was agreed at onboarding; if not, agree one now and find its value then");
}

static void t_cs_proof(const struct words *w, struct text *t)
{
    char due[64], kpi[160];
    day_words(w, w->x->deadline, due, sizeof due);
    proof_words(w, kpi, sizeof kpi);
    sb_printf(&t->d, "Map %s approval path with the champion (marketing, legal, the sponsor's office) and gather the "
                     "proof: the onboarding baseline and today's figures%s, problems solved, strong quotes from past "
                     "calls.", w->names, kpi);
    sb_puts(&t->p, "A story built on real numbers, and no approval surprise after the recording.");
    sb_puts(&t->r, "Approvers named and briefed; a before-and-after sheet and three quotes.");
    sb_printf(&t->m, "Approval map confirmed by the champion and the metrics checked with the customer by %s.", due);
}

static void t_cs_ask(const struct words *w, struct text *t)
{
    char due[64], cs[64], kpi[160];
    day_words(w, w->x->deadline, due, sizeof due);
    day_words(w, w->p->case_study_due, cs, sizeof cs);
    proof_words(w, kpi, sizeof kpi);
    sb_printf(&t->d, "Gather the proof for %s story: the onboarding baseline and today's figures%s; problems solved; "
                     "strong quotes from past calls. Then ask the champion to feature in the video, with what is in it "
                     "for them (recognition, a polished PDF to share, early access to new features), and book the "
                     "interview with marketing.", w->names, kpi);
    sb_printf(&t->p, "A story built on real numbers, and consent early enough for the recording, the edit and the "
                     "customer's approval before %s.", cs);
    sb_puts(&t->r, "A before-and-after sheet checked with the customer; a yes with the interview booked, or the reason "
                   "for a no in time to turn to the second story.");
    sb_printf(&t->m, "Metrics checked with the customer, consent recorded and the interview date set by %s.", due);
}

static void t_cs_publish(const struct words *w, struct text *t)
{
    char due[64], cs[64];
    day_words(w, w->x->deadline, due, sizeof due);
    day_words(w, w->p->case_study_due, cs, sizeof cs);
    sb_printf(&t->d, "Support the recording of %s story with data and context, get the edit approved by the customer's "
                     "approvers, and prepare the launch: the final story for the champion (PDF and link), public "
                     "recognition, its mention in the next reviews, and tracking of its views to report back.",
              w->names);
    sb_printf(&t->p, "A finished, approved video ready for the website refresh on %s, and a champion glad they said "
                     "yes.", cs);
    sb_puts(&t->r, "The video recorded and approved; the launch and follow-up planned with marketing.");
    sb_printf(&t->m, "Customer approval of the edit by %s; the launch pack with marketing the same week.", due);
    assumption(t, "marketing runs the interview, the recording and the edit; the CSM brings the customer and the facts");
}

/* A healthy account kept out of the stories only by a recent ask, or by a
 * decline still to be explained, is the better story if the answer or the
 * reason turns out well: said, so the second story can change hands. */
static void conditional_story(const struct words *w, struct text *t)
{
    const struct book *b = w->bl->b;
    long best = -1;
    for (size_t i = 0; i < b->n; i++) {
        const struct verdict *v = &b->v[i];
        if (i == w->x->account || v->band != BAND_GREEN || verdict_flag(v, FLAG_CHURN) ||
            (v->why_not[FLAG_ADVOCACY] != WN_ASKED_RECENTLY && v->why_not[FLAG_ADVOCACY] != WN_DECLINING))
            continue;
        if (best < 0 || v->health > b->v[best].health)
            best = (long)i;
    }
    if (best < 0)
        return;
    char nm[256];
    text_safe(b->acc[best].name, nm, sizeof nm);
    const char *handover = NULL;
    for (size_t k = 0; k < w->p->n; k++)
        if (w->p->all[w->p->order[k]].step == S_HANDOVER)
            handover = w->p->all[w->p->order[k]].ref;
    if (b->v[best].why_not[FLAG_ADVOCACY] == WN_ASKED_RECENTLY)
        sb_printf(&t->d, " If %s answered the last advocacy ask with a yes or a \"later\"%s%s%s, it becomes the "
                         "named second story instead, and this one the fallback.", nm, handover ? " (" : "",
                  handover ? handover : "", handover ? " finds out)" : "");
    else
        sb_printf(&t->d, " If the decline at %s proves harmless once explained, it is the next story to ask.", nm);
}

static void t_cs_backup(const struct words *w, struct text *t)
{
    char due[64], kpi[160], ask[64], rec[64];
    day_words(w, w->x->deadline, due, sizeof due);
    day_words(w, w->x->nparts > 0 ? w->x->part_day[0] : w->x->deadline, ask, sizeof ask);
    day_words(w, w->x->nparts > 1 ? w->x->part_day[1] : w->x->deadline, rec, sizeof rec);
    proof_words(w, kpi, sizeof kpi);
    bool anon = w->fx.advocacy && flag_has(w->fx.advocacy, R_ADV_ANONYMISED_ONLY);
    sb_printf(&t->d, "Run %s as the series' second story, in parallel with the first%s: the readiness check, the angle "
                     "with marketing and the approval path, the proof points%s; the ask by %s; the recording with "
                     "marketing by %s; the customer's approval of the edit by %s.", w->name,
              anon ? ", as an anonymised industry story (its MSA restricts the name; confirm with marketing first that "
                     "an anonymised video serves the website, and offer the champion recognition inside their own "
                     "company, since their name cannot appear)" : "", kpi, ask, rec, due);
    sb_puts(&t->p, "Marketing wants a series of videos: a second story, and the fallback if the first says no.");
    sb_puts(&t->r, "A second video recorded and approved, or a clear reason why not in time to say so to marketing.");
    sb_printf(&t->m, "Consent by %s, the recording by %s, the customer's approval by %s.", ask, rec, due);
    flag_note(w, FLAG_ADVOCACY, &t->n);
    if (anon)
        sb_puts(&t->n, ". Chosen as the anonymised backup the case-study playbook allows, which is why its rating is low");
    conditional_story(w, t);
}

/* A group's notes: when each member renews, soonest first. */
static void group_renewals(const struct words *w, struct strbuf *sb)
{
    const struct book *b = w->bl->b;
    bool *said = xcalloc((size_t)w->x->ngroup + 1, sizeof *said);
    sb_puts(sb, "Renewals: ");
    for (int n = 0; n < w->x->ngroup; n++) {
        int pick = -1;
        for (int g = 0; g < w->x->ngroup; g++)
            if (!said[g] && (pick < 0 || b->acc[w->x->group[g]].renewal < b->acc[w->x->group[pick]].renewal))
                pick = g;
        said[pick] = true;
        const struct account *a = &b->acc[w->x->group[pick]];
        char nm[256], when[64];
        text_safe(a->name, nm, sizeof nm);
        if (a->renewal == DATE_NONE)
            snprintf(when, sizeof when, "no date recorded");
        else
            day_words(w, a->renewal, when, sizeof when);
        sb_printf(sb, "%s%s %s", n ? ", " : "", nm, when);
    }
    free(said);
}

/* The hours as the exercise asks them diarised: "12.0 h: 4.5 h with the
 * customer, 3.5 h preparation and notes, 4.0 h travel, 1.0 h follow-ups". */
static char *duration_text(const struct activity *x)
{
    double travel = fmin(x->travel_hours, x->hours), follow = fmin((double)x->followups, x->hours - travel);
    double own = x->hours - travel - follow;
    double with = round(own * plan_step_defs[x->step].with_customer * 2) / 2;
    /* A round is its calls: half an hour each, three quarters for a
     * detractor's or a plan's review. */
    if (x->group && (x->step == S_CHECKIN || x->step == S_DETRACTOR || x->step == S_PROGRESS || x->step == S_DATA))
        with = fmin(own, x->ngroup * (x->step == S_CHECKIN || x->step == S_DATA ? 0.5 : 0.75));
    double prep = own - with;
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%.1f h", x->hours);
    const char *sep = ": ";
    const char *who = x->step == S_ESCALATION ? "in the escalation meeting"
                      : x->step == S_HANDOVER ? "with sales and the previous owner"
                      : x->step == S_LAPSED   ? "with sales and finance"
                      : x->step == S_DATA     ? "with the customers' admins"
                      : x->group              ? "with the customers"
                                              : "with the customer";
    if (with > 0) {
        sb_printf(&sb, "%s%.1f h %s", sep, with, who);
        sep = ", ";
    }
    if (prep > 0) {
        sb_printf(&sb, "%s%.1f h preparation and notes", sep, prep);
        sep = ", ";
    }
    if (travel > 0) {
        sb_printf(&sb, "%s%.1f h travel to the on-site meeting", sep, travel);
        sep = ", ";
    }
    if (follow > 0)
        sb_printf(&sb, "%s%.1f h of follow-up calls", sep, follow);
    return sb_take(&sb);
}

/* What the dashboard does not say at a glance: the tenure, the account's
 * share of the book, where its weakest score ranks in the book, how its
 * health moved over the exports, when it renews. */
static void observation(const struct words *w, struct strbuf *sb)
{
    const struct book *b = w->bl->b;
    const struct account *a = w->fx.a;
    if (a->term_years == 0)
        sb_puts(sb, "In its first year");
    else if (a->term_years > 0)
        sb_printf(sb, "A customer for %d year%s", a->term_years, a->term_years == 1 ? "" : "s");
    else
        sb_puts(sb, "Tenure unknown");
    if (b->acv_total > 0 && a->acv_cents > 0) {
        double share = 100.0 * (double)a->acv_cents / (double)b->acv_total;
        bool largest = true;
        for (size_t i = 0; i < b->n && largest; i++)
            largest = b->acc[i].acv_cents <= a->acv_cents;
        if (largest)
            sb_printf(sb, ", the book's largest account (%.0f%% of its ACV)", share);
        else if (share >= 5)
            sb_printf(sb, ", %.0f%% of the book's ACV", share);
    }
    int weak = weakest_lived(w);
    if (weak >= 0) {
        int mine = a->score[weak], lower = 0;
        for (size_t i = 0; i < b->n; i++)
            lower += b->acc[i].score[weak] != SCORE_NONE && b->acc[i].score[weak] < mine;
        static const char *const nth[] = {"the lowest", "the second lowest", "the third lowest"};
        if (lower < 3 && plan_score(a, weak) <= b->sc->score_bands.amber_max)
            sb_printf(sb, "; %s %d is %s in the book", b->sc->model.comp[weak].key, plan_score(a, weak), nth[lower]);
    }
    int h[8], n = health_history(w, h, 8);
    if (n >= 2) {
        sb_puts(sb, "; health ");
        for (int k = 0; k < n; k++)
            sb_printf(sb, "%s%d", k ? " \xe2\x86\x92 " : "", h[k]);
        sb_printf(sb, " over %d exports", n);
    }
    char date[64];
    renewal_day(w, date, sizeof date);
    sb_printf(sb, "; it renews %s%s", a->renewal == DATE_NONE ? "" : "on ", date);
}

void plan_texts(const struct builder *bl, const struct plan *p, struct activity *x, int variant)
{
    /* Ten points over a quarter; five where the measure comes within about
     * eight weeks of the first meeting. */
    int weeks = (x->deadline - plan_first_meeting(bl)) / 7;
    int nth = 0;
    for (size_t k = 0; k < p->n && &p->all[p->order[k]] != x; k++)
        nth += p->all[p->order[k]].step == x->step;
    struct words w = {bl, p, x, {0}, "", "", variant, x->step == S_RENEWAL && weeks < 8 ? 5 : 10, nth};
    plan_facts(bl, x->account, -1, -1, &w.fx);
    w.fx.advocacy = verdict_flag(w.fx.v, FLAG_ADVOCACY);
    text_safe(bl->b->acc[x->account].name, w.name, sizeof w.name);
    size_t nl = strlen(w.name);
    snprintf(w.names, sizeof w.names, "%s%s", w.name, nl && (w.name[nl - 1] == 's' || w.name[nl - 1] == 'S') ? "'" : "'s");
    if (x->group && !x->label) {
        const struct {
            int step;
            const char *what;
        } what[] = {{S_GROUP_ADOPTION, "low usage"}, {S_GROUP_TOUCH, "small accounts"},
                    {S_CHECKIN, bl->o->last_touch ? "check-ins" : "introductions"},
                    {S_DATA, "missing data"}, {S_DETRACTOR, "early calls"}, {S_PROGRESS, "recovery reviews"}, {S_ESCALATION, "to the VP"},
                    {S_HANDOVER, (size_t)x->ngroup == bl->b->n ? "the whole book" : "renewing soon or flagged"}};
        const char *label_what = "group";
        for (size_t k = 0; k < sizeof what / sizeof what[0]; k++)
            if (what[k].step == x->step)
                label_what = what[k].what;
        char label[64];
        snprintf(label, sizeof label, "%d accounts (%s)", x->ngroup, label_what);
        x->label = xstrdup(label);
    }
    struct text t;
    sb_init(&t.d);
    sb_init(&t.p);
    sb_init(&t.r);
    sb_init(&t.m);
    sb_init(&t.n);
    if (x->step == S_HANDOVER)
        t_handover(&w, &t);
    else if (x->group && x->step != S_GROUP_ADOPTION && x->step != S_GROUP_TOUCH)
        t_round(&w, &t);
    else switch (x->step) {
    case S_LAPSED: t_lapsed(&w, &t); break;
    case S_PULSE: t_pulse(&w, &t); break;
    case S_USAGE_DROP: t_usage_drop(&w, &t); break;
    case S_RECOVERY: t_recovery(&w, &t); break;
    case S_ESCALATION: t_escalation(&w, &t); break;
    case S_RENEWAL: t_renewal(&w, &t); break;
    case S_ONBOARDING: t_onboarding(&w, &t); break;
    case S_ADOPTION: t_adoption(&w, &t); break;
    case S_GROUP_ADOPTION: t_group_adoption(&w, &t); break;
    case S_SATISFACTION: t_satisfaction(&w, &t); break;
    case S_SPONSOR: t_sponsor(&w, &t); break;
    case S_DETRACTOR: t_detractor(&w, &t); break;
    case S_KPI: t_kpi(&w, &t); break;
    case S_DATA: t_data(&w, &t); break;
    case S_PROGRESS: t_progress(&w, &t); break;
    case S_REVIEW: t_review(&w, &t); break;
    case S_INTRO:
    case S_CHECKIN: t_intro(&w, &t); break;
    case S_GROUP_TOUCH: t_group_touch(&w, &t); break;
    case S_VALUE: t_value(&w, &t); break;
    case S_PROPOSAL: t_proposal(&w, &t); break;
    case S_CS_READY: t_cs_ready(&w, &t); break;
    case S_CS_PROOF: t_cs_proof(&w, &t); break;
    case S_CS_ASK: t_cs_ask(&w, &t); break;
    case S_CS_PUBLISH: t_cs_publish(&w, &t); break;
    case S_CS_BACKUP: t_cs_backup(&w, &t); break;
    default: break;
    }
    /* Said another way where it would read like another activity: the
     * account's own standing, in words. */
    if (variant > 0) {
        char state[96];
        state_words(&w, state, sizeof state);
        sb_printf(&t.p, " (%s: %s)", variant == 1 ? "today" : variant == 2 ? "where it stands" : "its state", state);
    }
    if (!t.n.len && !x->group) /* where nothing else is to be said: what a reader would not see at once */
        observation(&w, &t.n);
    if (!t.n.len)
        group_renewals(&w, &t.n);
    sb_puts(&t.n, ".");
    x->duration = duration_text(x);
    x->description = sb_take(&t.d);
    x->purpose = sb_take(&t.p);
    x->results = sb_take(&t.r);
    x->measurement = sb_take(&t.m);
    x->notes = sb_take(&t.n);
}
