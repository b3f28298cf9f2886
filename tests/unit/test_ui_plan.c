/* The plan and imports screens' rows without a terminal: the sample book's
 * plan as it would be saved, the gauge, an activity's row, an import's row
 * and its messages. */
#include "testing.h"

#include <math.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/book.h"
#include "csm/date.h"
#include "csm/plan.h"
#include "csm/text.h"
#include "csm/ui.h"

static int as_of;
static struct scoring sc;

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "en_US.UTF-8");
    scoring_defaults(&sc);
    return date_parse_iso("2027-01-01", &as_of) ? 0 : -1;
}

static struct book sample(void)
{
    struct book b;
    memset(&b, 0, sizeof b);
    b.sc = &sc;
    b.as_of = as_of;
    b.n = 15;
    b.acc = xcalloc(b.n, sizeof *b.acc);
    b.v = xcalloc(b.n, sizeof *b.v);
    for (size_t i = 0; i < b.n; i++) {
        const struct sample_row *r = &sample_book[i];
        struct account *a = &b.acc[i];
        account_init(a);
        a->id = (long long)i + 1;
        a->name = xstrdup(r->name);
        a->term_years = r->term;
        a->acv_cents = (int64_t)r->acv * 100;
        a->renewal = date_add_months(as_of, r->renewal_months);
        a->trend = r->trend;
        a->reported_health = tenths(r->health);
        a->score[0] = tenths(r->product);
        a->score[1] = tenths(r->satisfaction);
        a->score[2] = tenths(r->support);
        a->score[3] = tenths(r->sponsorship);
    }
    book_assess(&b);
    return b;
}

static void plain(const struct ui_row *r, char *buf, size_t len) { ui_row_plain(r, buf, len); }

static void plan_rows(void **state)
{
    (void)state;
    struct book b = sample();
    struct plan_options o = {.count = 25, .capacity_hours = sc.plan.capacity_hours};
    assert_true(plan_quarter(NULL, as_of, &o.start, &o.end));
    struct plan p;
    plan_build(&b, &o, &p);
    struct saved_activity *v;
    size_t n = plan_saved_activities(&p, &b, &v);
    plan_free(&p);
    book_free(&b); /* the activities keep their own copies */
    assert_int_equal(n, 25);
    for (size_t k = 0; k < n; k++) {
        assert_non_null(v[k].client);
        assert_non_null(v[k].description);
        assert_true(v[k].account_id >= 1 && v[k].account_id <= 15);
        assert_int_equal(v[k].plan_start, o.start);
        assert_null(v[k].status);
    }

    char buf[512];
    struct ui_row r;
    ui_plan_gauge(v, n, 260, false, 79, &r);
    plain(&r, buf, sizeof buf);
    /* The gauge says the plan's own hours, whatever the plan holds. */
    double planned, done;
    ui_plan_hours(v, n, &planned, &done);
    char want[64];
    snprintf(want, sizeof want, "%.1f h of 260 h", planned);
    assert_non_null(strstr(buf, want));
    snprintf(want, sizeof want, "] %.0f%%", 100 * planned / 260);
    assert_non_null(strstr(buf, want));
    assert_non_null(strstr(buf, "not saved"));
    assert_null(strstr(buf, "done"));

    size_t one = 0; /* an activity for one account: its client fits the column */
    while (one + 1 < n && strncmp(v[one].client, "Customer", 8) != 0)
        one++;
    ui_plan_row(&v[one], as_of, 79, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, v[one].ref));
    assert_non_null(strstr(buf, "new"));
    assert_non_null(strstr(buf, v[one].client));
    assert_true(text_width(buf) <= 79);

    /* Saved: one done, one dropped. */
    v[0].status = xstrdup("done");
    v[1].status = xstrdup("dropped");
    for (size_t k = 2; k < n; k++)
        v[k].status = xstrdup("planned");
    double all = planned;
    ui_plan_hours(v, n, &planned, &done);
    assert_true(done == v[0].hours);
    assert_true(fabs(planned - (all - v[1].hours)) < 1e-9);
    ui_plan_gauge(v, n, 260, true, 100, &r);
    plain(&r, buf, sizeof buf);
    snprintf(want, sizeof want, "done %.1f h (", v[0].hours);
    assert_non_null(strstr(buf, want));
    assert_non_null(strstr(buf, "2027-01-01 to 2027-03-31"));
    ui_plan_row(&v[0], as_of, 79, &r);
    assert_int_equal(ui_row_color_of(&r, "done"), CLR_GREEN_BAND);
    ui_plan_row(&v[1], as_of, 79, &r);
    assert_int_equal(ui_row_color_of(&r, "dropped"), CLR_DIM);
    /* What came of a done activity, beside its title (issue 15.6). */
    v[0].outcome = xstrdup("VP briefed");
    ui_plan_row(&v[0], as_of, 79, &r);
    plain(&r, buf, sizeof buf);
    snprintf(want, sizeof want, "%s: VP briefed", v[0].title ? v[0].title : plan_template_title(v[0].template_id));
    assert_non_null(strstr(buf, want));
    assert_int_equal(ui_row_color_of(&r, ": VP briefed"), CLR_DIM);
    assert_true(text_width(buf) <= 79);
    /* A long outcome leaves the title half the column, and the row its width. */
    free(v[0].outcome);
    v[0].outcome = xstrdup("the sponsor meeting is booked for March and the VP asked for the usage report first");
    ui_plan_row(&v[0], as_of, 79, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, ": the spo"));
    assert_true(text_width(buf) <= 79);
    char head[8];
    snprintf(head, sizeof head, "%.5s", v[0].title ? v[0].title : plan_template_title(v[0].template_id));
    assert_non_null(strstr(buf, head));
    /* A deadline gone by, not done: in red. */
    ui_plan_row(&v[2], v[2].deadline + 1, 79, &r);
    date_format(v[2].deadline, want);
    assert_int_equal(ui_row_color_of(&r, want), CLR_RED_BAND);

    /* Nothing wider than asked, at 60 columns and with a hostile name. */
    free(v[3].client);
    v[3].client = xstrdup("Evil\x1b[2J\nName \xe9\xa1\xa7\xe5\xae\xa2\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x93\xe3\x82\xb9 and more and more");
    ui_plan_row(&v[3], as_of, 59, &r);
    plain(&r, buf, sizeof buf);
    assert_null(strchr(buf, '\x1b'));
    assert_null(strchr(buf, '\n'));
    assert_true(text_width(buf) <= 59);
    ui_plan_header(59, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, "Deadline"));
    store_free_activities(v, n);
}

static void import_rows(void **state)
{
    (void)state;
    struct import_record rec = {.id = 3, .file = (char *)"partner\x1bparadise.csv", .imported_at =
                                    (char *)"2027-01-01T09:30:00Z", .as_of = as_of, .rows = 15, .created = 12,
                                .updated = 3, .rejected = 1};
    char buf[512];
    struct ui_row r;
    ui_import_row(&rec, 79, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, "2027-01-01 09:30"));
    assert_non_null(strstr(buf, "15/12/3/1"));
    assert_null(strchr(buf, '\x1b'));
    assert_null(strstr(buf, "(undone)"));
    assert_int_equal(ui_row_color_of(&r, "15/12/3/1"), CLR_AMBER_BAND);
    rec.undone_at = (char *)"2027-01-02T10:00:00Z";
    ui_import_row(&rec, 79, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, "(undone)"));
    assert_true(text_width(buf) <= 79);
    ui_import_row(&rec, 59, &r); /* narrow: no time of import */
    plain(&r, buf, sizeof buf);
    assert_null(strstr(buf, "09:30"));
    assert_true(text_width(buf) <= 59);
    ui_import_header(79, &r);
    plain(&r, buf, sizeof buf);
    assert_non_null(strstr(buf, "Rows/new/upd/rej"));

    struct ui_lines l = {0};
    ui_import_messages(NULL, 79, 10, &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(ui_row_span_text(&l.row[0], 0), "no messages");
    ui_import_messages("a.csv:3: column 'ACV': not an amount ('abc')\nsecond line\nthird", 79, 10, &l);
    assert_int_equal(l.n, 3);
    assert_string_equal(ui_row_span_text(&l.row[1], 0), "second line");
    /* Long lines wrap; never more than max rows. */
    char big[2000] = "";
    for (int k = 0; k < 100; k++)
        strcat(big, "word word ");
    ui_import_messages(big, 40, 5, &l);
    assert_int_equal(l.n, 5);
    ui_import_messages(big, 40, 0, &l);
    assert_int_equal(l.n, 0);
    ui_lines_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(plan_rows), cmocka_unit_test(import_rows)};
    return cmocka_run_group_tests_name("ui plan and imports", tests, setup, NULL);
}
