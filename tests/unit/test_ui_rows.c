/* The interface's rows without a terminal: the sample book's cells and
 * colours, search, filters, the renewals timeline, the flags columns, the
 * account screen and the prompt's editor. */
#include "testing.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csm/book.h"
#include "csm/date.h"
#include "csm/text.h"
#include "csm/ui.h"

static int as_of;
static struct scoring sc;

static bool utf8; /* display widths need a UTF-8 locale */

static int setup(void **state)
{
    (void)state;
    utf8 = setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8");
    scoring_defaults(&sc);
    return date_parse_iso("2027-01-01", &as_of) ? 0 : -1;
}

/* The Partner Paradise book as of 2027-01-01, assessed; book_free frees it. */
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

static size_t named(const struct book *b, const char *name)
{
    long i = book_find(b, name);
    if (i < 0)
        fail_msg("no account %s", name);
    return (size_t)i;
}

/* The span of the column with this title in a portfolio row (one span a column). */
static int span_of(const struct book_col *cols, const int *idx, int n, const char *title)
{
    for (int c = 0; c < n; c++)
        if (strcmp(cols[idx[c]].title, title) == 0)
            return c;
    fail_msg("column %s not laid out", title);
    return -1;
}

/* The column with this title. */
static int column_find(const struct book_col *cols, int ncols, const char *title)
{
    for (int c = 0; c < ncols; c++)
        if (strcmp(cols[c].title, title) == 0)
            return c;
    fail_msg("no column %s", title);
    return -1;
}

/* The span text without the padding. */
static const char *trimmed(const struct ui_row *r, int k)
{
    static char buf[UI_ROW_BYTES];
    const char *t = ui_row_span_text(r, k);
    while (*t == ' ')
        t++;
    snprintf(buf, sizeof buf, "%s", t);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = '\0';
    return buf;
}

static void portfolio_cells(void **state)
{
    (void)state;
    struct book b = sample();
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&sc, cols), idx[BOOK_MAX_COLS], widths[BOOK_MAX_COLS];
    /* 80 columns: the dashboard's; owner, NPS, coverage, the renewal
     * date and the last touch are the first to go. */
    int n = ui_portfolio_layout(cols, ncols, 80, idx, widths);
    assert_int_equal(n, ncols - 5);
    for (int c = 0; c < n; c++) {
        assert_string_not_equal(cols[idx[c]].title, "Touched");
        assert_string_not_equal(cols[idx[c]].title, "Owner");
        assert_string_not_equal(cols[idx[c]].title, "Renewal");
    }
    struct ui_row r;
    /* A wide terminal shows them all, before the flags. */
    {
        int wn = ui_portfolio_layout(cols, ncols, 160, idx, widths);
        assert_int_equal(wn, ncols);
        assert_string_equal(cols[idx[wn - 1]].title, "Flags");
        size_t i6 = named(&b, "Customer 6");
        free(b.acc[i6].owner);
        b.acc[i6].owner = xstrdup("Jos\xc3\xa9 D\xc3\xad" "az");
        b.acc[i6].nps = 9;
        ui_portfolio_row(&b, i6, cols, idx, widths, wn, false, &r);
        assert_string_equal(trimmed(&r, span_of(cols, idx, wn, "Owner")), "Jos\xc3\xa9 D\xc3\xad" "az");
        int kn = span_of(cols, idx, wn, "NPS");
        assert_string_equal(trimmed(&r, kn), "9");
        assert_int_equal(r.span[kn].color, CLR_GREEN_BAND); /* a promoter */
        assert_string_equal(trimmed(&r, span_of(cols, idx, wn, "Cov")), "100%");
        int kr = span_of(cols, idx, wn, "Renewal");
        assert_string_equal(trimmed(&r, kr), "2027-03-01");
        assert_int_equal(r.span[kr].color, CLR_RED_BAND);
        /* The room left after the flags holds the first flag's reasons. */
        char wide_plain[UI_ROW_BYTES];
        ui_row_plain(&r, wide_plain, sizeof wide_plain);
        assert_int_equal(ui_row_color_of(&r, "health 45 is red"), CLR_DIM);
        /* No touch recorded: a dash, amber (the segment's review is due). */
        int kt = span_of(cols, idx, wn, "Touched");
        assert_string_equal(trimmed(&r, kt), "\xe2\x80\x94");
        assert_int_equal(r.span[kt].color, CLR_AMBER_BAND);
        assert_true(text_width(wide_plain) <= 160);
        assert_non_null(strstr(wide_plain, "\xe2\x96\xb2" "churn  health 45 is red"));
        ui_portfolio_row(&b, named(&b, "Customer 12"), cols, idx, widths, wn, false, &r);
        assert_string_equal(trimmed(&r, span_of(cols, idx, wn, "Owner")), "\xe2\x80\x94");
        assert_string_equal(trimmed(&r, span_of(cols, idx, wn, "NPS")), "\xe2\x80\x94");
        int kc = span_of(cols, idx, wn, "Cov");
        assert_string_equal(trimmed(&r, kc), "75%");
        assert_int_equal(r.span[kc].color, b.v[named(&b, "Customer 12")].low_coverage ? CLR_AMBER_BAND : CLR_DIM);
        /* Kept by owner, case and accents folded; the verdicts as they were. */
        size_t rows[15];
        for (size_t i = 0; i < 15; i++)
            rows[i] = i;
        assert_int_equal(ui_owner_rows(&b, "JOSE DIAZ", rows, 15), 1);
        assert_int_equal(rows[0], i6);
        assert_int_equal(ui_owner_rows(&b, "", rows, 15), 15);
        assert_int_equal(ui_owner_rows(&b, "Jose", rows, 15), 0);
        n = ui_portfolio_layout(cols, ncols, 80, idx, widths);
    }

    ui_portfolio_row(&b, named(&b, "Customer 6"), cols, idx, widths, n, false, &r);
    assert_string_equal(trimmed(&r, span_of(cols, idx, n, "Client")), "Customer 6");
    assert_string_equal(trimmed(&r, span_of(cols, idx, n, "ACV")), "36,000");
    int k = span_of(cols, idx, n, "Health");
    assert_string_equal(trimmed(&r, k), "45");
    assert_int_equal(r.span[k].color, CLR_RED_BAND);
    k = span_of(cols, idx, n, "Renews");
    assert_string_equal(trimmed(&r, k), "8 wk"); /* 59 days: weeks, not "2 mo" */
    assert_int_equal(r.span[k].color, CLR_RED_BAND);
    k = span_of(cols, idx, n, "Flags");
    assert_string_equal(trimmed(&r, k), "\xe2\x96\xb2" "churn");
    assert_int_equal(r.span[k].color, CLR_RED_BAND);
    /* Sponsorship 89 is green, product 34 red: each score by its own band. */
    assert_int_equal(r.span[k - 1].color, CLR_GREEN_BAND);
    assert_string_equal(trimmed(&r, k - 1), "89");
    assert_int_equal(r.span[k - 4].color, CLR_RED_BAND);

    /* A missing score is a dim dash, never 0; a decline is a red arrow. */
    ui_portfolio_row(&b, named(&b, "Customer 12"), cols, idx, widths, n, false, &r);
    k = span_of(cols, idx, n, "Prod") + 1;
    assert_string_equal(trimmed(&r, k), "\xe2\x80\x94");
    assert_int_equal(r.span[k].color, CLR_DIM);
    k = span_of(cols, idx, n, "Trend");
    assert_string_equal(trimmed(&r, k), "\xe2\x86\x93");
    assert_int_equal(r.span[k].color, CLR_RED_BAND);
    k = span_of(cols, idx, n, "Renews");
    assert_string_equal(trimmed(&r, k), "9 mo");
    assert_int_equal(r.span[k].color, CLR_GREEN_BAND);

    /* Without UTF-8: words, not arrows. */
    ui_portfolio_row(&b, named(&b, "Customer 12"), cols, idx, widths, n, true, &r);
    assert_string_equal(trimmed(&r, span_of(cols, idx, n, "Trend")), "down");
    assert_string_equal(trimmed(&r, span_of(cols, idx, n, "Prod") + 1), "-");

    ui_portfolio_row(&b, named(&b, "Customer 11"), cols, idx, widths, n, false, &r);
    k = span_of(cols, idx, n, "Flags");
    assert_string_equal(trimmed(&r, k), "\xe2\x98\x85" "case");
    assert_int_equal(r.span[k].color, CLR_GREEN_BAND);

    /* The header accents the sorted column. */
    ui_portfolio_header(cols, idx, widths, n, idx[n - 1], &r);
    assert_string_equal(trimmed(&r, 0), "Client");
    assert_int_equal(r.span[n - 1].color, CLR_ACCENT);
    assert_int_equal(r.span[0].color, CLR_HEADER);

    /* Narrow: columns go from the right, the flags stay, the row fits. */
    n = ui_portfolio_layout(cols, ncols, 60, idx, widths);
    assert_true(n < ncols);
    assert_string_equal(cols[idx[n - 1]].title, "Flags");
    ui_portfolio_row(&b, 0, cols, idx, widths, n, false, &r);
    char plain[UI_ROW_BYTES];
    ui_row_plain(&r, plain, sizeof plain);
    assert_true(text_width(plain) <= 60);
    book_free(&b);
}

/* Accents and CJK take their display width: the columns after them line up. */
static void wide_names_align(void **state)
{
    (void)state;
    if (!utf8)
        skip();
    struct book b = sample();
    free(b.acc[0].name);
    b.acc[0].name = xstrdup("\xe9\xa1\xa7\xe5\xae\xa2\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x93\xe3\x82\xb9"
                            "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe\xe3\x81\xa7\xe3\x81\x99"); /* 12 CJK */
    free(b.acc[1].name);
    b.acc[1].name = xstrdup("Caf\xc3\xa9 \xc3\x91" "and\xc3\xba");
    free(b.acc[2].name);
    b.acc[2].name = xstrdup("Evil\x1b[31m\x07 Corp");
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&sc, cols), idx[BOOK_MAX_COLS], widths[BOOK_MAX_COLS];
    int n = ui_portfolio_layout(cols, ncols, 80, idx, widths);
    char plain[3][UI_ROW_BYTES];
    for (int i = 0; i < 3; i++) {
        struct ui_row r;
        ui_portfolio_row(&b, (size_t)i, cols, idx, widths, n, false, &r);
        assert_int_equal(text_width(ui_row_span_text(&r, 0)), widths[0]);
        ui_row_plain(&r, plain[i], sizeof plain[i]);
        /* Nothing from the data reaches the terminal as a control character. */
        for (const char *p = plain[i]; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
    }
    /* The ACV column starts at the same display column on every row. */
    int at[3];
    for (int i = 0; i < 3; i++) {
        char *acv = strstr(plain[i], i == 0 ? "35,000" : i == 1 ? "25,000" : "42,000");
        assert_non_null(acv);
        *acv = '\0';
        at[i] = text_width(plain[i]);
    }
    assert_int_equal(at[0], at[1]);
    assert_int_equal(at[1], at[2]);
    assert_non_null(strstr(plain[0], "\xe2\x80\xa6")); /* cut with an ellipsis */
    book_free(&b);
}

static void sorting(void **state)
{
    (void)state;
    struct book b = sample();
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&sc, cols);
    size_t idx[15];
    for (size_t i = 0; i < 15; i++)
        idx[i] = i;
    /* Risk first: high churn by risk score, then medium, ... then the unflagged. */
    ui_sort_rows(&b, &cols[ncols - 1], true, idx, 15);
    static const char *const risk[] = {"Customer 6", "Customer 12", "Customer 9", "Customer 13", "Customer 10",
                                       "Customer 7", "Customer 4", "Customer 5"};
    for (size_t k = 0; k < 8; k++)
        assert_string_equal(b.acc[idx[k]].name, risk[k]);
    ui_sort_rows(&b, &cols[0], false, idx, 15);
    /* Names in natural order: Customer 2 before Customer 10. */
    assert_string_equal(b.acc[idx[0]].name, "Customer 1");
    assert_string_equal(b.acc[idx[1]].name, "Customer 2");
    assert_string_equal(b.acc[idx[9]].name, "Customer 10");
    assert_string_equal(b.acc[idx[14]].name, "Customer 15");
    ui_sort_rows(&b, &cols[column_find(cols, ncols, "ACV")], true, idx, 15);
    assert_string_equal(b.acc[idx[0]].name, "Customer 8");
    ui_sort_rows(&b, &cols[column_find(cols, ncols, "Health")], false, idx, 15);
    assert_string_equal(b.acc[idx[0]].name, "Customer 12");
    assert_string_equal(b.acc[idx[14]].name, "Customer 3");
    book_free(&b);
}

/* A renewal in time: the cell in days, weeks or months, the sort by date. */
static void renewals_in_time(void **state)
{
    (void)state;
    struct book b = sample();
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&sc, cols);
    int renews = column_find(cols, ncols, "Renews");
    static const struct { int days; const char *cell; } when[] = {
        {-1, "past"}, {0, "today"}, {1, "1 d"}, {20, "20 d"}, {31, "31 d"}, {32, "5 wk"}, {59, "8 wk"}, {60, "2 mo"},
        {75, "2 mo"}, {400, "13 mo"}};
    for (size_t k = 0; k < sizeof when / sizeof when[0]; k++) {
        b.acc[0].renewal = as_of + when[k].days;
        book_assess(&b);
        struct cell c;
        book_cell(&b, 0, &cols[renews], false, &c);
        if (strcmp(c.text, when[k].cell) != 0)
            fail_msg("renewal in %d days reads '%s', want '%s'", when[k].days, c.text, when[k].cell);
    }
    /* Next month is never "0 mo": from the last day of January, 1 February is a day away. */
    b.as_of = as_of + 30;
    b.acc[0].renewal = as_of + 31;
    book_assess(&b);
    struct cell c;
    book_cell(&b, 0, &cols[renews], false, &c);
    assert_string_equal(c.text, "1 d");
    b.as_of = as_of;
    /* By date: two renewals in one month, the later first in the book. */
    b.acc[0].renewal = as_of + 50; /* Customer 1: 2027-02-20 */
    b.acc[6].renewal = as_of + 33; /* Customer 7: 2027-02-03 */
    b.acc[14].renewal = DATE_NONE; /* Customer 15: not known, after every date */
    book_assess(&b);
    size_t idx[15];
    for (size_t i = 0; i < 15; i++)
        idx[i] = i;
    ui_sort_rows(&b, &cols[renews], false, idx, 15);
    assert_string_equal(b.acc[idx[0]].name, "Customer 7");
    assert_string_equal(b.acc[idx[1]].name, "Customer 1");
    assert_string_equal(b.acc[idx[14]].name, "Customer 15");
    ui_sort_rows(&b, &cols[renews], true, idx, 15);
    assert_string_equal(b.acc[idx[13]].name, "Customer 1");
    assert_string_equal(b.acc[idx[14]].name, "Customer 7");
    book_free(&b);
}

/* One table holds every column: what the table shows and what list writes. */
static void column_table(void **state)
{
    (void)state;
    struct book b = sample();
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&sc, cols);
    assert_int_equal(ncols, 13 + sc.model.ncomp);
    static const char *const keys[] = {"name", "segment", "term_years", "acv", "renewal_date", "months_to_renewal",
                                       "trend", "health", "health_band", "product", "satisfaction", "support",
                                       "sponsorship", "owner", "nps", "coverage_pct", "last_touch", "touch_due",
                                       "flags", "stale"};
    size_t nk = 0;
    for (int c = 0; c < ncols; c++) {
        assert_non_null(cols[c].def->cell);
        assert_true(cols[c].title[0]);
        for (int k = 0; k < 2 && cols[c].def->fields[k] != BF_NONE; k++)
            assert_string_equal(book_field_key(&b, cols[c].def->fields[k], cols[c].comp), keys[nk++]);
    }
    assert_int_equal(nk, sizeof keys / sizeof keys[0]);
    /* Components come from the model, one column each. */
    assert_string_equal(cols[column_find(cols, ncols, "Sati")].title, "Sati");
    assert_int_equal(cols[column_find(cols, ncols, "Supp")].comp, 2);
    /* Values: known, unknown, in tenths and cents. */
    size_t c12 = named(&b, "Customer 12");
    struct book_value v;
    book_value(&b, c12, BF_COMPONENT, 1, &v);
    assert_int_equal(v.type, BV_NULL);
    book_value(&b, c12, BF_COMPONENT, 0, &v);
    assert_int_equal(v.type, BV_TENTHS);
    assert_int_equal(v.i, 320);
    book_value(&b, c12, BF_ACV, 0, &v);
    assert_int_equal(v.type, BV_CENTS);
    assert_int_equal(v.i, 2300000);
    book_value(&b, named(&b, "Customer 6"), BF_FLAGS, 0, &v);
    assert_int_equal(v.type, BV_WORDS);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.w[0], "churn");
    /* Sorting by a value: an unknown comes first, then by value; text by
     * its folded bytes, ties then the whole text. */
    b.acc[0].term_years = -1;
    int term = column_find(cols, ncols, "Term");
    size_t idx[15];
    for (size_t i = 0; i < 15; i++)
        idx[i] = i;
    ui_sort_rows(&b, &cols[term], false, idx, 15);
    assert_string_equal(b.acc[idx[0]].name, "Customer 1");
    assert_int_equal(b.acc[idx[1]].term_years, 0);
    assert_int_equal(b.acc[idx[14]].term_years, 5);
    ui_sort_rows(&b, &cols[term], true, idx, 15);
    assert_string_equal(b.acc[idx[14]].name, "Customer 1");
    assert_int_equal(b.acc[idx[0]].term_years, 5);
    int64_t k1[2], k2[2];
    book_key_text("Zeta", k1);
    book_key_text("alpha", k2);
    assert_true(k2[0] < k1[0]);
    book_key_text("ALPHA", k1);
    assert_true(k1[0] == k2[0] && k1[1] == k2[1]);
    assert_true(book_col_has_ties(&cols[0]));
    assert_false(book_col_has_ties(&cols[term]));
    /* The default directions and the opening sort are the table's. */
    assert_true(cols[column_find(cols, ncols, "ACV")].def->desc);
    assert_true(cols[column_find(cols, ncols, "Flags")].def->initial);
    assert_false(cols[column_find(cols, ncols, "Health")].def->desc);
    book_free(&b);
}

/* Names sort in natural order (text_natural_cmp), ties in book order,
 * either way, whatever the names share at the start or how long they are. */
static int by_name_up(const void *pa, const void *pb)
{
    const char *const *a = pa, *const *b = pb;
    return text_natural_cmp(*a, *b);
}

static void sorting_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Account 12, Inc", "account 12, inc", "Account 1", "Account 10", "Account 1, Inc", "",
        "Zeta", "alpha", "Alpha", "ALPHABET SOUP AND CO", "alphabet soup and co ltd", "Alphabet Soup And Co Ltd.",
        ("\xc3\x89" "cole"), "Ecole", "b", "B", "Account 12, Incorporated", "Account 12, Inc.", "~tilde", "0 numbers",
        "Customer 2", "Customer 10", "customer 02", "Customer 1", "Account 123456789012 Ltd", "Account 9 Ltd",
    };
    enum { N = sizeof names / sizeof *names };
    struct book b;
    memset(&b, 0, sizeof b);
    b.sc = &sc;
    b.as_of = as_of;
    b.n = N;
    b.acc = xcalloc(N, sizeof *b.acc);
    b.v = xcalloc(N, sizeof *b.v);
    for (size_t i = 0; i < N; i++) {
        account_init(&b.acc[i]);
        b.acc[i].name = xstrdup(names[i]);
    }
    book_assess(&b);
    struct book_col cols[BOOK_MAX_COLS];
    book_columns(&sc, cols);
    const char *want[N];
    memcpy(want, names, sizeof want);
    qsort(want, N, sizeof *want, by_name_up);
    for (int desc = 0; desc < 2; desc++) {
        size_t idx[N];
        for (size_t i = 0; i < N; i++)
            idx[i] = N - 1 - i; /* a present order unlike the book's */
        ui_sort_rows(&b, &cols[0], desc, idx, N);
        for (size_t k = 0; k < N; k++) {
            const char *got = b.acc[idx[k]].name, *exp = want[desc ? N - 1 - k : k];
            if (text_natural_cmp(got, exp) != 0)
                fail_msg("%s order, row %zu: '%s', want '%s'", desc ? "descending" : "ascending", k, got, exp);
            /* Names equal but for case keep the book's order. */
            if (k && text_natural_cmp(b.acc[idx[k - 1]].name, got) == 0)
                assert_true(idx[k - 1] < idx[k]);
        }
    }
    /* The numbers in names by their value. */
    assert_true(text_natural_cmp("Customer 2", "Customer 10") < 0);
    assert_true(text_natural_cmp("customer 10", "Customer 9") > 0);
    assert_true(text_natural_cmp("Customer 02", "customer 2") == 0);
    assert_true(text_natural_cmp("Customer 2", "Customer 2a") < 0);
    assert_true(text_natural_cmp("Customer 2b", "Customer 10a") < 0);
    assert_true(text_natural_cmp("Customer", "Customer 1") < 0);
    assert_true(text_natural_cmp("Account 9 Ltd", "Account 123456789012 Ltd") < 0);
    assert_true(text_natural_cmp("abc", "abd") < 0);
    /* Sorted by the name column: Customer 1, 2, ... 15, not 1, 10, 11. */
    struct book s15 = sample();
    size_t order[15];
    for (size_t i = 0; i < 15; i++)
        order[i] = 14 - i;
    ui_sort_rows(&s15, &cols[0], false, order, 15);
    for (size_t k = 0; k < 15; k++) {
        char want_name[32];
        snprintf(want_name, sizeof want_name, "Customer %zu", k + 1);
        assert_string_equal(s15.acc[order[k]].name, want_name);
    }
    book_free(&s15);
    book_free(&b);
}

/* Every list scrolls the same way: the cursor kept in range and in sight,
 * no empty space below the last row when rows above could fill it. */
static void scrolling(void **state)
{
    (void)state;
    assert_int_equal(ui_clamp(-3, 10), 0);
    assert_int_equal(ui_clamp(4, 10), 4);
    assert_int_equal(ui_clamp(99, 10), 9);
    assert_int_equal(ui_clamp(5, 0), 0);
    assert_int_equal(ui_scroll_top(0, 0, 5, 100), 0);    /* in sight already */
    assert_int_equal(ui_scroll_top(7, 0, 5, 100), 3);    /* down: cursor on the last line */
    assert_int_equal(ui_scroll_top(2, 10, 5, 100), 2);   /* up: cursor on the first line */
    assert_int_equal(ui_scroll_top(99, 97, 5, 100), 95); /* the end: no empty space below */
    assert_int_equal(ui_scroll_top(1, 0, 5, 3), 0);      /* fewer rows than lines */
    assert_int_equal(ui_scroll_top(0, 0, 5, 0), 0);
}

static void filters(void **state)
{
    (void)state;
    struct book b = sample();
    size_t all[15], out[15];
    for (size_t i = 0; i < 15; i++)
        all[i] = 14 - i; /* any order: the filter keeps it */
    static const size_t expect[UI_FILTER_COUNT] = {15, 8, 1, 2, 3, 8, 4};
    for (int f = 0; f < UI_FILTER_COUNT; f++)
        assert_int_equal(ui_filter_rows(&b, f, all, 15, out), expect[f]);
    size_t n = ui_filter_rows(&b, UI_FILTER_ADVOCACY, all, 15, out);
    assert_int_equal(n, 2);
    assert_string_equal(b.acc[out[0]].name, "Customer 11");
    assert_string_equal(b.acc[out[1]].name, "Customer 1");
    n = ui_filter_rows(&b, UI_FILTER_EXPANSION, all, 15, out);
    assert_string_equal(b.acc[out[0]].name, "Customer 3");
    n = ui_filter_rows(&b, UI_FILTER_RED, all, 15, out);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(b.v[out[k]].band, BAND_RED);
    assert_string_equal(ui_filter_name(UI_FILTER_ADVOCACY), "case study");
    book_free(&b);
}

static void searching(void **state)
{
    (void)state;
    assert_true(ui_name_matches("Customer 12", "customer 12"));
    assert_true(ui_name_matches("Customer 12", "MER 1"));
    assert_true(ui_name_matches("Customer 12", ""));
    assert_false(ui_name_matches("Customer 12", "customer 13"));
    assert_false(ui_name_matches("Customer 1", "customer 12"));
    assert_true(ui_name_matches("Caf\xc3\xa9 Mod\xc3\xa8le", "caf\xc3\xa9"));
    /* Accents and case beyond ASCII folded, either side, as the name key does. */
    assert_true(ui_name_matches("Caf\xc3\xa9 Mod\xc3\xa8le", "cafe"));
    assert_true(ui_name_matches("CAF\xc3\x89 BLEU", "cafe bleu"));
    assert_true(ui_name_matches("Cafe Bleu", "CAF\xc3\x89"));
    assert_true(ui_name_matches("Cafe\xcc\x81" " Bleu", "caf\xc3\xa9 b")); /* a combining accent */
    assert_true(ui_name_matches("M\xc3\xbcller GmbH", "MULLER"));
    assert_true(ui_name_matches("Acme\xc2\xa0" "Corp", "acme corp")); /* a no-break space */
    assert_true(ui_name_matches("Acme  Corp", "acme corp"));
    assert_false(ui_name_matches("Caf\xc3\xa9 Mod\xc3\xa8le", "cafes"));
    assert_false(ui_name_matches("Cafe", "\xff"));

    struct book b = sample();
    size_t idx[15];
    for (size_t i = 0; i < 15; i++)
        idx[i] = i; /* Customer 1 .. Customer 15 */
    bool wrapped;
    assert_int_equal(ui_search(&b, idx, 15, "customer 1", 0, 1, true, &wrapped), 0);
    assert_false(wrapped);
    assert_int_equal(ui_search(&b, idx, 15, "customer 1", 0, 1, false, &wrapped), 9); /* Customer 10 */
    assert_int_equal(ui_search(&b, idx, 15, "customer 1", 14, 1, false, &wrapped), 0);
    assert_true(wrapped);
    assert_int_equal(ui_search(&b, idx, 15, "customer 1", 0, -1, false, &wrapped), 14);
    assert_true(wrapped);
    assert_int_equal(ui_search(&b, idx, 15, "CUSTOMER 6", 10, 1, false, &wrapped), 5);
    assert_true(wrapped);
    /* The only match, searched from itself, is found again. */
    assert_int_equal(ui_search(&b, idx, 15, "customer 6", 5, 1, false, &wrapped), 5);
    assert_int_equal(ui_search(&b, idx, 15, "nobody", 3, 1, true, &wrapped), -1);
    assert_int_equal(ui_search(&b, idx, 0, "customer", 0, 1, true, &wrapped), -1);
    book_free(&b);
}

static void timeline(void **state)
{
    (void)state;
    struct book b = sample();
    struct ui_timeline t;
    ui_timeline_build(&b, as_of, &t);
    /* months after 2027-01: which accounts, in which order, and the ACV due */
    static const struct { int row; const char *names[3]; int64_t acv; } months[] = {
        {1, {NULL}, 0},
        {2, {"Customer 1", "Customer 7"}, 54000},
        {3, {"Customer 6"}, 36000},
        {4, {"Customer 13", "Customer 5"}, 30000},
        {5, {"Customer 8", "Customer 2"}, 93000},
        {6, {"Customer 11"}, 27000},
        {7, {"Customer 14", "Customer 9", "Customer 15"}, 73000},
        {8, {"Customer 3"}, 42000},
        {9, {NULL}, 0},
        {10, {"Customer 4", "Customer 12"}, 61000},
        {11, {NULL}, 0},
        {12, {"Customer 10"}, 34000},
    };
    assert_int_equal(t.count[0], 0);
    for (size_t m = 0; m < sizeof months / sizeof months[0]; m++) {
        int r = months[m].row;
        size_t n = 0;
        while (n < 3 && months[m].names[n])
            n++;
        assert_int_equal(t.count[r], n);
        assert_int_equal(t.acv[r], months[m].acv * 100);
        for (size_t k = 0; k < n; k++)
            assert_string_equal(b.acc[t.idx[t.off[r] + k]].name, months[m].names[k]);
    }
    char d[11];
    date_format(t.month[2], d);
    assert_string_equal(d, "2027-02-01");

    struct ui_row row;
    size_t shown;
    char plain[UI_ROW_BYTES];
    ui_timeline_row(&b, &t, 2, 0, 1, 80, false, &row, &shown);
    ui_row_plain(&row, plain, sizeof plain);
    assert_int_equal(shown, 2);
    assert_non_null(strstr(plain, "2027-02"));
    assert_non_null(strstr(plain, "Customer 1 35k"));
    assert_non_null(strstr(plain, "Customer 7\xe2\x86\x93 19k")); /* declining */
    assert_non_null(strstr(plain, "$54,000"));
    assert_int_equal(ui_row_color_of(&row, "Customer 1"), CLR_GREEN_BAND);
    assert_int_equal(ui_row_color_of(&row, "Customer 7"), CLR_GREEN_BAND | UI_REVERSE); /* selected */
    ui_timeline_row(&b, &t, 3, 0, -1, 80, false, &row, &shown);
    assert_int_equal(ui_row_color_of(&row, "Customer 6"), CLR_RED_BAND);
    ui_timeline_row(&b, &t, 1, 0, -1, 80, false, &row, &shown);
    ui_row_plain(&row, plain, sizeof plain);
    assert_non_null(strstr(plain, "2027-01  \xc2\xb7"));
    assert_int_equal(shown, 0);
    /* Narrow: what does not fit is counted. */
    ui_timeline_row(&b, &t, 7, 0, -1, 44, false, &row, &shown);
    ui_row_plain(&row, plain, sizeof plain);
    assert_int_equal(shown, 1);
    assert_non_null(strstr(plain, "+2 more"));
    assert_true(text_width(plain) <= 44);
    ui_timeline_free(&t);

    /* Past its renewal: overdue, at the top; beyond a year: later; no date. */
    b.acc[named(&b, "Customer 15")].renewal = as_of - 20;
    b.acc[named(&b, "Customer 14")].renewal = date_add_months(as_of, 14);
    b.acc[named(&b, "Customer 9")].renewal = DATE_NONE;
    book_assess(&b);
    ui_timeline_build(&b, as_of, &t);
    assert_int_equal(t.count[0], 1);
    assert_string_equal(b.acc[t.idx[t.off[0]]].name, "Customer 15");
    assert_int_equal(t.acv[0], 2100000);
    assert_int_equal(t.count[7], 0);
    assert_int_equal(t.later, 1);
    assert_int_equal(t.unknown, 1);
    ui_timeline_row(&b, &t, 0, 0, -1, 80, false, &row, &shown);
    ui_row_plain(&row, plain, sizeof plain);
    assert_non_null(strstr(plain, "overdue"));
    assert_non_null(strstr(plain, "Customer 15 21k"));
    assert_int_equal(ui_row_color_of(&row, "overdue"), CLR_RED_BAND);
    ui_timeline_free(&t);
    book_free(&b);
}

static void flags_columns(void **state)
{
    (void)state;
    struct book b = sample();
    size_t *list;
    size_t n = ui_flag_list(&b, FLAG_CHURN, &list);
    static const char *const churn[] = {"Customer 6", "Customer 12", "Customer 9", "Customer 13",
                                        "Customer 10", "Customer 7", "Customer 4", "Customer 5"};
    assert_int_equal(n, 8);
    for (size_t k = 0; k < n; k++) {
        assert_string_equal(b.acc[list[k]].name, churn[k]);
        if (k) { /* by severity, then the risk score */
            const struct flag *f0 = verdict_flag(&b.v[list[k - 1]], FLAG_CHURN), *f1 = verdict_flag(&b.v[list[k]], FLAG_CHURN);
            assert_true(f0->severity > f1->severity || (f0->severity == f1->severity && f0->score >= f1->score));
        }
    }
    struct ui_row first, second;
    char plain[UI_ROW_BYTES];
    ui_flag_entry(&b, list[0], FLAG_CHURN, 30, false, &first, &second);
    ui_row_plain(&first, plain, sizeof plain);
    assert_non_null(strstr(plain, "high"));
    assert_non_null(strstr(plain, "Customer 6"));
    assert_non_null(strstr(plain, "36k"));
    assert_true(text_width(plain) <= 30);
    assert_int_equal(ui_row_color_of(&first, "high"), CLR_RED_BAND);
    ui_row_plain(&second, plain, sizeof plain);
    assert_non_null(strstr(plain, "health 45 is red"));
    /* Wide: every reason, joined. */
    ui_flag_entry(&b, list[0], FLAG_CHURN, 200, false, &first, &second);
    ui_row_plain(&second, plain, sizeof plain);
    assert_non_null(strstr(plain, "health 45 is red; renewal in 8 weeks"));
    assert_null(strstr(plain, "\xe2\x80\xa6"));
    /* Narrow (a third of 60 columns): the name whole, the severity under it. */
    ui_flag_entry(&b, list[1], FLAG_CHURN, 18, false, &first, &second);
    ui_row_plain(&first, plain, sizeof plain);
    assert_non_null(strstr(plain, "Customer 12"));
    assert_null(strstr(plain, "high"));
    assert_true(text_width(plain) <= 18);
    ui_row_plain(&second, plain, sizeof plain);
    assert_true(strncmp(plain, "  high: ", 8) == 0);
    free(list);

    n = ui_flag_list(&b, FLAG_EXPANSION, &list);
    assert_int_equal(n, 1);
    assert_string_equal(b.acc[list[0]].name, "Customer 3");
    free(list);
    n = ui_flag_list(&b, FLAG_ADVOCACY, &list);
    assert_int_equal(n, 2);
    assert_string_equal(b.acc[list[0]].name, "Customer 11");
    assert_string_equal(b.acc[list[1]].name, "Customer 1");
    ui_flag_entry(&b, list[0], FLAG_ADVOCACY, 30, true, &first, &second);
    ui_row_plain(&first, plain, sizeof plain);
    assert_non_null(strstr(plain, "* medium")); /* pending proof: no KPI recorded */
    assert_int_equal(ui_row_color_of(&first, "medium"), CLR_GREEN_BAND);
    free(list);
    assert_string_equal(ui_flag_title(FLAG_ADVOCACY), "Case study");
    book_free(&b);
}

/* All the account screen's rows as one text, a line each. */
static char *lines_text(const struct ui_lines *l)
{
    static char all[1 << 16];
    size_t o = 0;
    for (int k = 0; k < l->n && o + UI_ROW_BYTES < sizeof all; k++) {
        ui_row_plain(&l->row[k], all + o, sizeof all - o);
        o += strlen(all + o);
        all[o++] = '\n';
    }
    all[o] = '\0';
    return all;
}

static int color_in_lines(const struct ui_lines *l, const char *needle)
{
    for (int k = 0; k < l->n; k++) {
        int c = ui_row_color_of(&l->row[k], needle);
        if (c >= 0)
            return c;
    }
    return -1;
}

static void account_screen(void **state)
{
    (void)state;
    struct book b = sample();
    size_t i = named(&b, "Customer 12");
    struct account *a = &b.acc[i];
    /* three snapshots of history */
    a->nhist = 3;
    a->hist_day = xcalloc(3, sizeof *a->hist_day);
    a->hist_width = MODEL_MAX_COMPONENTS;
    a->hist_score = xcalloc(3 * MODEL_MAX_COMPONENTS, sizeof *a->hist_score);
    for (int k = 0; k < 3; k++) {
        short *row = a->hist_score + k * MODEL_MAX_COMPONENTS;
        a->hist_day[k] = date_add_months(as_of, k - 2);
        for (int c = 0; c < MODEL_MAX_COMPONENTS; c++)
            row[c] = c < 4 ? a->score[c] : SCORE_NONE;
        row[0] = (short)(a->score[0] + (2 - k) * 200);
    }
    book_assess(&b);
    char body[] = "Champion left;\x1b[2J the new VP is not engaged yet.";
    struct note notes[2] = {{as_of - 30, "First call."}, {as_of, body}};
    struct ui_lines l = {0};
    ui_account_lines(&b, i, notes, 2, 100, false, &l);
    const char *text = lines_text(&l);
    assert_non_null(strstr(text, "Customer 12"));
    assert_non_null(strstr(text, "smb (from ACV)"));
    assert_non_null(strstr(text, "ACV $23,000"));
    assert_non_null(strstr(text, "2027-10-01, in 9 months"));
    assert_non_null(strstr(text, "based on 75% of its weight"));
    assert_non_null(strstr(text, "no data: satisfaction"));
    /* the components: score, bar, weight -> share used, contribution */
    assert_non_null(strstr(text, "32  \xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x8f"));
    assert_non_null(strstr(text, "50.0% -> 66.7%"));
    assert_non_null(strstr(text, "21.3"));
    assert_non_null(strstr(text, "25.0% ->     \xe2\x80\x94")); /* the arrows line up */
    assert_non_null(strstr(text, "no data"));
    assert_non_null(strstr(text, "health 40.50 -> 41 (rounded half up)"));
    assert_non_null(strstr(text, "the export said 41"));
    assert_non_null(strstr(text, "3 snapshots, 2026-11-01 .. 2027-01-01"));
    /* the history by component (issue 15.10): product fell 72, 52, 32 */
    assert_non_null(strstr(text, "Product      \xe2\x96\x86\xe2\x96\x84\xe2\x96\x83     72    52    32     -40"));
    assert_non_null(strstr(text, "Satisfaction no data in any snapshot"));
    assert_non_null(strstr(text, "Sponsorship  \xe2\x96\x85\xe2\x96\x85\xe2\x96\x85     70    70    70       0"));
    assert_int_equal(color_in_lines(&l, "-40"), CLR_RED_BAND);
    assert_non_null(strstr(text, "churn (high): health 41 is red"));
    assert_non_null(strstr(text, "  30  health 41 is red")); /* the risk's parts */
    assert_non_null(strstr(text, "not an expansion target: health 41 is red"));
    assert_non_null(strstr(text, "NPS \xe2\x80\x94"));
    assert_non_null(strstr(text, "external id"));
    assert_non_null(strstr(text, "2027-01-01  Champion left;?[2J the new VP"));
    /* newest note first */
    assert_true(strstr(text, "Champion left") < strstr(text, "First call."));
    assert_null(strchr(text, '\x1b'));
    assert_int_equal(color_in_lines(&l, "41 red"), CLR_RED_BAND);
    assert_int_equal(color_in_lines(&l, "2027-10-01"), CLR_GREEN_BAND);
    for (int k = 0; k < l.n; k++) {
        char plain[UI_ROW_BYTES];
        ui_row_plain(&l.row[k], plain, sizeof plain);
        assert_true(text_width(plain) <= 100);
    }
    /* At 80 columns everything is still there, wrapped. */
    ui_account_lines(&b, i, NULL, 0, 80, true, &l);
    text = lines_text(&l);
    assert_non_null(strstr(text, "none yet"));
    assert_non_null(strstr(text, "###+"));
    for (int k = 0; k < l.n; k++) {
        char plain[UI_ROW_BYTES];
        ui_row_plain(&l.row[k], plain, sizeof plain);
        assert_true(text_width(plain) <= 80);
    }
    ui_lines_free(&l);
    book_free(&b);
}

static void bars_and_sparks(void **state)
{
    (void)state;
    char bar[64];
    ui_bar(320, false, bar, sizeof bar);
    assert_string_equal(bar, "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x8f");
    ui_bar(450, false, bar, sizeof bar);
    assert_string_equal(bar, "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x8c");
    ui_bar(1000, false, bar, sizeof bar);
    assert_int_equal(text_width(bar), 10);
    ui_bar(0, false, bar, sizeof bar);
    assert_string_equal(bar, "");
    ui_bar(700, true, bar, sizeof bar);
    assert_string_equal(bar, "#######");
    assert_string_equal(ui_spark(0, false), "\xe2\x96\x81");
    assert_string_equal(ui_spark(100, false), "\xe2\x96\x88");
    assert_string_equal(ui_spark(-1, false), " ");
}

static void editor(void **state)
{
    (void)state;
    struct ui_edit e;
    ui_edit_init(&e, "");
    for (const char *p = "nps=9"; *p; p++)
        assert_true(ui_edit_apply(&e, UE_INSERT, (unsigned char)*p));
    assert_string_equal(e.buf, "nps=9");
    ui_edit_apply(&e, UE_LEFT, 0);
    ui_edit_apply(&e, UE_INSERT, '1');
    assert_string_equal(e.buf, "nps=19");
    ui_edit_apply(&e, UE_HOME, 0);
    ui_edit_apply(&e, UE_DELETE, 0);
    assert_string_equal(e.buf, "ps=19");
    ui_edit_apply(&e, UE_END, 0);
    ui_edit_apply(&e, UE_BACKSPACE, 0);
    assert_string_equal(e.buf, "ps=1");
    assert_false(ui_edit_apply(&e, UE_INSERT, 0x1b)); /* no control characters */
    assert_false(ui_edit_apply(&e, UE_INSERT, 0x9b));
    /* UTF-8: a character is one step, whatever its bytes */
    ui_edit_init(&e, "caf");
    ui_edit_apply(&e, UE_INSERT, 0xE9);
    ui_edit_apply(&e, UE_INSERT, 0x9867);
    assert_string_equal(e.buf, "caf\xc3\xa9\xe9\xa1\xa7");
    ui_edit_apply(&e, UE_LEFT, 0);
    ui_edit_apply(&e, UE_BACKSPACE, 0);
    assert_string_equal(e.buf, "caf\xe9\xa1\xa7");
    ui_edit_apply(&e, UE_RIGHT, 0);
    assert_int_equal(e.pos, e.len);
    /* Ctrl-W: the word before; Ctrl-U: to the start; Ctrl-K: to the end */
    ui_edit_init(&e, "called the VP  ");
    ui_edit_apply(&e, UE_KILL_WORD, 0);
    assert_string_equal(e.buf, "called the ");
    ui_edit_apply(&e, UE_LEFT, 0);
    ui_edit_apply(&e, UE_LEFT, 0);
    ui_edit_apply(&e, UE_KILL_START, 0);
    assert_string_equal(e.buf, "e ");
    assert_int_equal(e.pos, 0);
    ui_edit_apply(&e, UE_KILL_END, 0);
    assert_string_equal(e.buf, "");
    assert_false(ui_edit_apply(&e, UE_BACKSPACE, 0));
    /* A long text scrolls so the cursor stays in view. */
    char longer[200];
    memset(longer, 'x', 150);
    longer[150] = '\0';
    ui_edit_init(&e, longer);
    int col;
    size_t start = ui_edit_view(&e, 40, &col);
    assert_int_equal(col, 39);
    assert_int_equal(start, 111);
    ui_edit_apply(&e, UE_HOME, 0);
    assert_int_equal(ui_edit_view(&e, 40, &col), 0);
    assert_int_equal(col, 0);
}

static void wrapping(void **state)
{
    (void)state;
    size_t next;
    const char *s = "health 41 is red; product 32: low usage";
    size_t len = ui_wrap(s, 20, &next);
    assert_int_equal(len, 17); /* "health 41 is red;" */
    assert_string_equal(s + next, "product 32: low usage");
    len = ui_wrap("short", 20, &next);
    assert_int_equal(len, 5);
    assert_int_equal(next, 5);
    len = ui_wrap("abcdefghij", 4, &next);
    assert_int_equal(len, 4);
    assert_int_equal(next, 4);
}

static int screens_of(unsigned where)
{
    int n = 0;
    for (; where; where &= where - 1)
        n++;
    return n;
}

static void action_table(void **state)
{
    (void)state;
    /* Every action has its one entry, at its place. */
    for (int a = A_NONE + 1; a < A_COUNT; a++)
        assert_int_equal(ui_action((enum action)a)->action, a);
    assert_null(ui_action(A_NONE));
    /* Two entries with a key and a screen in common are bound on different
     * numbers of screens, so the rule (the fewest wins) decides. */
    for (int i = 0; i < ui_nactions; i++)
        for (int j = i + 1; j < ui_nactions; j++)
            for (int k = 0; k < UI_ACTION_KEYS && ui_actions[i].keys[k]; k++)
                for (int m = 0; m < UI_ACTION_KEYS && ui_actions[j].keys[m]; m++)
                    if (ui_actions[i].keys[k] == ui_actions[j].keys[m] && (ui_actions[i].where & ui_actions[j].where) &&
                        screens_of(ui_actions[i].where) == screens_of(ui_actions[j].where))
                        fail_msg("key %d is bound twice: %s and %s", ui_actions[i].keys[k], ui_actions[i].name,
                                 ui_actions[j].name);
    assert_int_equal(ui_action_for_key_in('/', UI_IN_PORTFOLIO), A_SEARCH);
    assert_int_equal(ui_action_for_key_in('f', UI_IN_PORTFOLIO), A_FILTER);
    assert_int_equal(ui_action_for_key_in('e', UI_IN_ACCOUNT), A_EDIT);
    assert_int_equal(ui_action_for_key_in('z', UI_ALL), A_NONE);
    assert_int_equal(ui_action_for_key_in(0, UI_ALL), A_NONE);
    /* g: the first row everywhere, the plan screen too (issue 15.6): a new
     * plan is c there. By the rule, not by the order: the prompt's Tab
     * comes after the screens' Tab and wins where it applies. */
    assert_int_equal(ui_action_for_key_in('g', UI_IN_PORTFOLIO), A_HOME);
    assert_int_equal(ui_action_for_key_in('g', UI_IN_ACCOUNT), A_HOME);
    assert_int_equal(ui_action_for_key_in('g', UI_IN_PLAN), A_HOME);
    assert_int_equal(ui_action_for_key_in('c', UI_IN_PLAN), A_PLAN_GENERATE);
    assert_int_equal(ui_action_for_key_in('c', UI_IN_PORTFOLIO), A_NONE);
    assert_int_equal(ui_action_for_key_in('o', UI_IN_PLAN), A_PLAN_REOPEN);
    assert_int_equal(ui_action_for_key_in('p', UI_IN_PLAN), A_PLAN_QUARTER);
    assert_int_equal(ui_action_for_key_in('[', UI_IN_PLAN), A_PLAN_PREV_QUARTER);
    assert_int_equal(ui_action_for_key_in(']', UI_IN_PLAN), A_PLAN_NEXT_QUARTER);
    assert_int_equal(ui_action_for_key_in(ui_action(A_HOME)->keys[0], UI_IN_PLAN), A_HOME);
    assert_true(A_PROMPT_COMPLETE > A_NEXT_SCREEN);
    assert_int_equal(ui_action_for_key_in('\t', UI_IN_PORTFOLIO), A_NEXT_SCREEN);
    assert_int_equal(ui_action_for_key_in('\t', UI_IN_PROMPT), A_PROMPT_COMPLETE);
    assert_int_equal(ui_action_for_key_in('x', UI_IN_PLAN), A_PLAN_DROP);
    assert_int_equal(ui_action_for_key_in('x', UI_IN_PORTFOLIO), A_NONE);
    assert_int_equal(ui_action_for_key_in('u', UI_IN_IMPORTS), A_IMPORT_UNDO);
    assert_int_equal(ui_action_for_key_in('u', UI_IN_PLAN), A_NONE);
    /* The prompt's keys are the editor's; the screens' keys are text there. */
    assert_int_equal(ui_action_for_key_in(ui_action(A_MOVE_LEFT)->keys[0], UI_IN_FLAGS), A_MOVE_LEFT);
    assert_int_equal(ui_action_for_key_in(ui_action(A_MOVE_LEFT)->keys[0], UI_IN_PROMPT), A_EDIT_LEFT);
    assert_int_equal(ui_action_for_key_in('q', UI_IN_PROMPT), A_NONE);
    assert_int_equal(ui_action_for_key_in(127, UI_IN_PROMPT), A_EDIT_BACKSPACE);
    assert_int_equal(ui_action_for_key_in('\r', UI_IN_PROMPT), A_PROMPT_DONE);
    assert_int_equal(ui_action_for_key_in('Y', UI_IN_QUESTION), A_YES);
    assert_int_equal(ui_action_for_key_in('n', UI_IN_QUESTION), A_NONE);
    /* What writes says so; nothing else does. */
    static const enum action writes[] = {A_PLAN_SAVE,   A_PLAN_DONE,   A_PLAN_DROP, A_PLAN_REOPEN,
                                         A_IMPORT_UNDO, A_IMPORT_FILE, A_EDIT,      A_NOTE};
    int nw = 0;
    for (int i = 0; i < ui_nactions; i++)
        if (ui_actions[i].flags & UA_WRITES) {
            bool listed = false;
            for (size_t k = 0; k < sizeof writes / sizeof writes[0]; k++)
                listed = listed || writes[k] == ui_actions[i].action;
            if (!listed)
                fail_msg("%s writes?", ui_actions[i].name);
            nw++;
        }
    assert_int_equal(nw, (int)(sizeof writes / sizeof writes[0]));
    /* A key as a hint names it. */
    char k[16];
    assert_string_equal(ui_action_key(A_SORT_NEXT, k, sizeof k), "s");
    assert_string_equal(ui_action_key(A_SEARCH, k, sizeof k), "/");
    assert_string_equal(ui_action_key(A_OPEN, k, sizeof k), "Enter");
    assert_string_equal(ui_action_key(A_QUIT, k, sizeof k), "q");
    /* Esc goes back, q goes back or quits, Q quits: three actions, not one. */
    assert_int_equal(ui_action_for_key_in(27, UI_IN_PORTFOLIO), A_BACK);
    assert_int_equal(ui_action_for_key_in('q', UI_IN_PORTFOLIO), A_QUIT);
    assert_int_equal(ui_action_for_key_in('Q', UI_IN_ACCOUNT), A_QUIT_ALL);
    assert_int_equal(ui_action_for_key_in(27, UI_IN_PROMPT), A_PROMPT_CANCEL);
    char title[128];
    ui_where_title(UI_LISTS, title, sizeof title);
    assert_string_equal(title, "On the portfolio, flags, renewals and plan screens");
    ui_where_title(UI_IN_PLAN, title, sizeof title);
    assert_string_equal(title, "On the plan screen");
    ui_where_title(UI_ALL, title, sizeof title);
    assert_string_equal(title, "Everywhere");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(portfolio_cells), cmocka_unit_test(wide_names_align), cmocka_unit_test(sorting), cmocka_unit_test(renewals_in_time), cmocka_unit_test(column_table), cmocka_unit_test(sorting_names), cmocka_unit_test(scrolling),
        cmocka_unit_test(filters),         cmocka_unit_test(searching),        cmocka_unit_test(timeline),
        cmocka_unit_test(flags_columns),   cmocka_unit_test(account_screen),   cmocka_unit_test(bars_and_sparks),
        cmocka_unit_test(editor),          cmocka_unit_test(wrapping),         cmocka_unit_test(action_table),
    };
    return cmocka_run_group_tests_name("ui rows", tests, setup, NULL);
}
