/* The quarterly plan on the sample book: what the exercise asks of it. */
#include "testing.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/plan.h"
#include "csm/text.h"

static struct scoring sc;
static struct book book;
static struct account accounts[15];
static struct verdict verdicts[15];

static int setup(void **state)
{
    (void)state;
    scoring_defaults(&sc);
    int as_of;
    if (!date_parse_iso("2027-01-01", &as_of))
        return -1;
    for (int i = 0; i < 15; i++) {
        const struct sample_row *r = &sample_book[i];
        struct account *a = &accounts[i];
        account_init(a);
        a->id = i + 1;
        a->name = (char *)r->name;
        a->term_years = r->term;
        a->acv_cents = (int64_t)r->acv * 100;
        a->renewal = date_add_months(as_of, r->renewal_months);
        a->trend = r->trend;
        a->score[0] = tenths(r->product);
        a->score[1] = tenths(r->satisfaction);
        a->score[2] = tenths(r->support);
        a->score[3] = tenths(r->sponsorship);
    }
    memset(&book, 0, sizeof book);
    book.sc = &sc;
    book.as_of = as_of;
    book.acc = accounts;
    book.v = verdicts;
    book.n = 15;
    book_assess(&book);
    return 0;
}

static struct plan_options quarter(void)
{
    struct plan_options o = {.count = 25, .capacity_hours = 260};
    assert_true(plan_quarter(NULL, book.as_of, &o.start, &o.end));
    return o;
}

static const struct activity *act(const struct plan *p, size_t k) { return &p->all[p->order[k]]; }

static void the_exercise_s_plan(void **state)
{
    (void)state;
    struct plan_options o = quarter();
    char d[11];
    date_format(o.end, d);
    assert_string_equal(d, "2027-03-31");
    struct plan p;
    assert_int_equal(plan_build(&book, &o, &p), 0);
    assert_int_equal(p.n, 25);
    double hours = 0;
    int kinds[AK_KINDS] = {0};
    for (size_t k = 0; k < p.n; k++) {
        const struct activity *x = act(&p, k);
        hours += x->hours;
        kinds[x->kind]++;
        /* every field filled */
        assert_true(x->ref[0] && x->description[0] && x->purpose[0] && x->results[0] && x->measurement[0] &&
                    x->notes[0] && x->hours > 0);
        assert_null(strchr(x->description, '{')); /* every placeholder filled */
        /* unique references */
        for (size_t j = 0; j < k; j++)
            if (!strcmp(act(&p, j)->ref, x->ref))
                fail_msg("reference %s twice", x->ref);
        /* inside the quarter, and before the renewal it serves */
        assert_true(x->deadline >= o.start && x->deadline <= o.end);
        const struct account *a = &accounts[x->account];
        if (x->kind == AK_RETENTION && a->renewal > o.start && a->renewal <= o.end)
            if (x->deadline >= a->renewal)
                fail_msg("%s for %s is due after its renewal", x->ref, a->name);
        /* dependencies inside the plan, earlier or the same day */
        for (int dpi = 0; dpi < x->ndeps; dpi++) {
            const struct activity *dep = &p.all[x->dep[dpi]];
            if (!dep->selected)
                fail_msg("%s depends on %s, which is not in the plan", x->ref, dep->ref);
            assert_true(dep->deadline <= x->deadline);
            assert_int_equal(dep->account, x->account);
        }
        /* expansion and advocacy only for flagged accounts */
        if (x->kind == AK_EXPANSION)
            assert_non_null(verdict_flag(&verdicts[x->account], FLAG_EXPANSION));
        if (x->kind == AK_ADVOCACY)
            assert_non_null(verdict_flag(&verdicts[x->account], FLAG_ADVOCACY));
    }
    assert_true(hours <= o.capacity_hours);
    assert_true(hours > p.planned_hours - 1e-9 && hours < p.planned_hours + 1e-9);
    assert_true(kinds[AK_RETENTION] > kinds[AK_EXPANSION] + kinds[AK_ADVOCACY]); /* keep customers first */
    assert_true(kinds[AK_EXPANSION] >= 1);
    assert_true(kinds[AK_ADVOCACY] >= 1);

    /* Every account renewing in the quarter or the month after has retention work. */
    int month_after = date_add_months(o.end, 1);
    for (int i = 0; i < 15; i++) {
        if (accounts[i].renewal < o.start || accounts[i].renewal > month_after)
            continue;
        bool found = false;
        for (size_t k = 0; k < p.n; k++)
            found |= act(&p, k)->account == (size_t)i && act(&p, k)->kind == AK_RETENTION;
        if (!found)
            fail_msg("%s renews %d months out and has no retention activity", accounts[i].name,
                     date_months_between(o.start, accounts[i].renewal));
    }

    /* The case study follows the playbook: the ask comes after alignment,
     * the approval path and the proof points. */
    const struct activity *ask = NULL;
    for (size_t k = 0; k < p.n; k++)
        if (!strcmp(act(&p, k)->template_id, "cs-ask"))
            ask = act(&p, k);
    assert_non_null(ask);
    assert_int_equal(ask->ndeps, 2);
    bool saw_align = false;
    for (int k = 0; k < ask->ndeps; k++) {
        const struct activity *dep = &p.all[ask->dep[k]];
        assert_true(!strcmp(dep->template_id, "cs-approval") || !strcmp(dep->template_id, "cs-metrics"));
        assert_int_equal(dep->ndeps, 1);
        saw_align |= !strcmp(p.all[dep->dep[0]].template_id, "cs-align");
    }
    assert_true(saw_align);
    /* Its notes carry the flag's reasons. */
    assert_non_null(strstr(ask->notes, "Case-study candidate"));
    plan_free(&p);
}

/* No cycle: following dependencies never comes back. */
static bool reaches(const struct plan *p, int from, int target, int depth)
{
    if (depth > 20)
        return true;
    for (int k = 0; k < p->all[from].ndeps; k++) {
        int d = p->all[from].dep[k];
        if (d == target || reaches(p, d, target, depth + 1))
            return true;
    }
    return false;
}

static void no_cycles_and_deterministic(void **state)
{
    (void)state;
    struct plan_options o = quarter();
    struct plan a, b;
    plan_build(&book, &o, &a);
    plan_build(&book, &o, &b);
    for (size_t k = 0; k < a.nall; k++)
        if (reaches(&a, (int)k, (int)k, 0))
            fail_msg("%s depends on itself", a.all[k].ref);
    char *ja = plan_to_json(&a, &book), *jb = plan_to_json(&b, &book);
    assert_string_equal(ja, jb);
    free(ja);
    free(jb);
    plan_free(&a);
    plan_free(&b);
}

static void capacity_is_never_exceeded(void **state)
{
    (void)state;
    struct plan_options o = quarter();
    o.capacity_hours = 20;
    struct plan p;
    plan_build(&book, &o, &p);
    assert_true(p.planned_hours <= 20);
    assert_true(p.n < 25);
    assert_true(p.ndeferred > 0);
    bool capacity_reason = false;
    for (size_t k = 0; k < p.ndeferred; k++)
        capacity_reason |= strstr(p.all[p.deferred[k]].why_deferred, "capacity") != NULL;
    assert_true(capacity_reason);
    /* deferred: most valuable first */
    for (size_t k = 1; k < p.ndeferred; k++)
        assert_true(p.all[p.deferred[k - 1]].value >= p.all[p.deferred[k]].value);
    plan_free(&p);
}

static void count_and_quarters(void **state)
{
    (void)state;
    struct plan_options o = quarter();
    o.count = 5;
    struct plan p;
    plan_build(&book, &o, &p);
    assert_int_equal(p.n, 5);
    for (size_t k = 0; k < p.n; k++)
        assert_int_equal(act(&p, k)->kind, AK_RETENTION); /* the most urgent first */
    plan_free(&p);
    int s, e;
    char d[11];
    assert_true(plan_quarter("2027-Q2", book.as_of, &s, &e));
    date_format(s, d);
    assert_string_equal(d, "2027-04-01");
    date_format(e, d);
    assert_string_equal(d, "2027-06-30");
    assert_false(plan_quarter("2027-Q5", book.as_of, &s, &e));
    assert_false(plan_quarter("Q1", book.as_of, &s, &e));
    assert_false(plan_quarter("2027-Q1x", book.as_of, &s, &e));
}

static void texts_are_the_account_s_own(void **state)
{
    (void)state;
    struct plan_options o = quarter();
    struct plan p;
    plan_build(&book, &o, &p);
    /* Two renewal meetings for two accounts do not read the same. */
    const struct activity *m1 = NULL, *m2 = NULL;
    for (size_t k = 0; k < p.nall; k++)
        if (!strcmp(p.all[k].template_id, "renewal-90")) {
            if (!m1)
                m1 = &p.all[k];
            else if (!m2)
                m2 = &p.all[k];
        }
    assert_non_null(m1);
    assert_non_null(m2);
    assert_string_not_equal(m1->description, m2->description);
    assert_string_not_equal(m1->purpose, m2->purpose);
    /* The facts are there: the weakest component, the renewal date, the ACV. */
    const struct account *a = &accounts[m1->account];
    char d[11];
    date_format(a->renewal, d);
    assert_non_null(strstr(m1->purpose, d));
    assert_non_null(strstr(m1->purpose, "$"));
    assert_non_null(strstr(m1->description, "weakest: "));
    plan_free(&p);
}

static int rnd(unsigned long *seed, int n)
{
    *seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
    return (int)((*seed >> 33) % (unsigned long)n);
}

/* A generated book of 4,000 accounts: the plan built from the most valuable
 * candidates only is the plan built from every one, whatever the count and
 * the capacity, and the shortcut was taken. */
static void big_book_check(int64_t acv_step);

static void big_book_shortcut_is_exact(void **state)
{
    (void)state;
    big_book_check(1000);  /* ACVs of $1k to $300k */
    big_book_check(30000); /* up to $9M: non-best targets' work then reaches the reserved value too */
}

static void big_book_check(int64_t acv_step)
{
    enum { N = 4000 };
    struct book big = {.sc = &sc, .as_of = book.as_of, .n = N};
    big.acc = xcalloc(N, sizeof *big.acc);
    big.v = xcalloc(N, sizeof *big.v);
    static char names[N][24];
    unsigned long seed = 20270101;
#define RND(n) rnd(&seed, n)
    for (int i = 0; i < N; i++) {
        struct account *a = &big.acc[i];
        account_init(a);
        a->id = i + 1;
        snprintf(names[i], sizeof names[i], "Account %d", i);
        a->name = names[i];
        a->acv_cents = 100000 + (int64_t)RND(30000) * acv_step;
        if (RND(10)) {
            int months = RND(16) - 1;
            a->renewal = date_add_months(book.as_of, months) + RND(28);
        }
        a->trend = RND(3);
        for (int c = 0; c < 4; c++)
            a->score[c] = RND(12) ? (short)(RND(101) * 10) : SCORE_NONE;
        a->nps = RND(11);
    }
#undef RND
    book_assess(&big);
    struct plan_options base = quarter();
    const struct {
        int count;
        double hours;
    } cases[] = {{25, 260}, {25, 6}, {200, 260}, {3000, 5000}, {1, 1}, {25, 30}, {60, 47.5}, {100, 91}, {25, 30.7}, {50, 60.6}, {25, 12.9}};
    for (size_t t = 0; t < sizeof cases / sizeof *cases; t++) {
        struct plan_options o = base;
        o.count = cases[t].count;
        o.capacity_hours = cases[t].hours;
        struct plan quick, full;
        plan_build(&big, &o, &quick);
        o.keep = SIZE_MAX;
        plan_build(&big, &o, &full);
        char *jq = plan_to_json(&quick, &big), *jf = plan_to_json(&full, &big);
        assert_string_equal(jq, jf);
        if (t == 0 && acv_step == 1000)
            assert_true(quick.nall < full.nall / 4);
        assert_true(quick.deferred_total == full.nall - full.n);
        free(jq);
        free(jf);
        plan_free(&quick);
        plan_free(&full);
    }
    free(big.acc);
    free(big.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(the_exercise_s_plan, setup),
        cmocka_unit_test_setup(no_cycles_and_deterministic, setup),
        cmocka_unit_test_setup(capacity_is_never_exceeded, setup),
        cmocka_unit_test_setup(count_and_quarters, setup),
        cmocka_unit_test_setup(texts_are_the_account_s_own, setup),
        cmocka_unit_test_setup(big_book_shortcut_is_exact, setup),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
