/* Dates, money and safe text. */
#include "testing.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"

static int day(const char *s)
{
    int d;
    if (!date_parse_iso(s, &d))
        fail_msg("not a date: %s", s);
    return d;
}

static void dates(void **state)
{
    (void)state;
    char buf[11];
    assert_int_equal(day("1970-01-01"), 0);
    assert_int_equal(day("2027-01-01") - day("2026-12-31"), 1);
    date_format(day("2028-02-29"), buf);
    assert_string_equal(buf, "2028-02-29");
    int d;
    assert_false(date_parse_iso("2027-02-29", &d));
    assert_false(date_parse_iso("2027-13-01", &d));
    assert_false(date_parse_iso("2027-1-01", &d));
    assert_false(date_parse_iso("2027-01-01x", &d));
    date_format(date_add_months(day("2027-01-31"), 1), buf);
    assert_string_equal(buf, "2027-02-28");
    date_format(date_add_months(day("2027-01-01"), 9), buf);
    assert_string_equal(buf, "2027-10-01");
    date_format(date_add_months(day("2027-01-01"), -1), buf);
    assert_string_equal(buf, "2026-12-01");
    assert_int_equal(date_months_between(day("2027-01-01"), day("2027-10-01")), 9);
    assert_int_equal(date_months_between(day("2027-01-15"), day("2027-02-14")), 0);
    assert_int_equal(date_months_between(day("2027-01-15"), day("2027-02-15")), 1);
    assert_int_equal(date_months_between(day("2027-01-31"), day("2027-02-28")), 1);
    assert_int_equal(date_months_between(day("2027-03-01"), day("2027-01-01")), -2);
    date_format(date_add_months(day("0050-02-01"), -1200), buf); /* before year 1: still a real month */
    int y, mo, dd;
    date_to_ymd(date_add_months(day("0050-02-01"), -1200), &y, &mo, &dd);
    assert_int_equal(y, -50);
    assert_int_equal(mo, 2);
    date_to_ymd(date_add_months(day("2027-01-15"), -13), &y, &mo, &dd);
    assert_true(y == 2025 && mo == 12 && dd == 15);
    for (int m = -30; m <= 30; m++) /* add then measure gives back the months */
        assert_int_equal(date_months_between(day("2027-01-01"), date_add_months(day("2027-01-01"), m)), m);
}

/* Two-digit years: the century within 80 years before and 19 after. */
static void two_digit_years(void **state)
{
    (void)state;
    assert_int_equal(date_full_year(27, day("2027-01-01")), 2027);
    assert_int_equal(date_full_year(46, day("2027-01-01")), 2046);
    assert_int_equal(date_full_year(47, day("2027-01-01")), 1947);
    assert_int_equal(date_full_year(99, day("2027-06-30")), 1999);
    assert_int_equal(date_full_year(0, day("2027-06-30")), 2000);
    assert_int_equal(date_full_year(5, day("2090-01-01")), 2105);
    assert_int_equal(date_full_year(10, day("2090-01-01")), 2010);
}

static void amounts(void **state)
{
    (void)state;
    int64_t c;
    const char *why;
    assert_true(money_parse("68000", false, &c, &why));
    assert_int_equal(c, 6800000);
    assert_true(money_parse("$68,000.00", false, &c, &why));
    assert_int_equal(c, 6800000);
    assert_true(money_parse("\xe2\x82\xac 42.000,50", true, &c, &why));
    assert_int_equal(c, 4200050);
    assert_true(money_parse("1234.5", false, &c, &why));
    assert_int_equal(c, 123450);
    assert_true(money_parse("USD 1,000", false, &c, &why));
    assert_int_equal(c, 100000);
    assert_false(money_parse("-5", false, &c, &why));
    assert_string_equal(why, "must not be negative");
    assert_false(money_parse("12k", false, &c, &why));
    assert_false(money_parse("1,00", false, &c, &why));
    assert_false(money_parse("1.234", false, &c, &why));
    assert_false(money_parse("", false, &c, &why));
    assert_false(money_parse("99999999999999999999", false, &c, &why));
    char buf[32];
    money_format(123456789, buf, sizeof buf);
    assert_string_equal(buf, "1,234,567.89");
    money_format(6800000, buf, sizeof buf);
    assert_string_equal(buf, "68,000");
    money_format(0, buf, sizeof buf);
    assert_string_equal(buf, "0");
}

static void text(void **state)
{
    (void)state;
    size_t bad;
    assert_true(text_utf8_valid("caf\xc3\xa9 \xe6\x9d\xb1", 9, &bad));
    assert_false(text_utf8_valid("ab\xc3(", 4, &bad));
    assert_int_equal(bad, 2);
    assert_false(text_utf8_valid("\xc0\xaf", 2, &bad)); /* overlong */
    assert_false(text_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    char s[] = "  Multi \r\n  Line\tName  ";
    assert_string_equal(text_fold_space(s), "Multi Line Name");
    char out[64];
    text_safe("evil\x1b[2Jname\x07", out, sizeof out);
    assert_string_equal(out, "evil?[2Jname?");
    text_safe("c1 \xc2\x9b" "31m", out, sizeof out); /* C1 CSI */
    assert_string_equal(out, "c1 ?31m");
    char u[4];
    assert_int_equal(text_put_utf8(0xE9, u), 2);
    assert_true((unsigned char)u[0] == 0xC3 && (unsigned char)u[1] == 0xA9);
    assert_int_equal(text_put_utf8(0x20AC, u), 3);
    assert_int_equal(text_put_utf8(0x1F600, u), 4);
    assert_int_equal(text_put_utf8(0xD800, u), 0);
    assert_int_equal(text_put_utf8(0x110000, u), 0);
    assert_int_equal(text_width("abc"), 3);
    text_fit("Customer 12", 5, false, out, sizeof out);
    assert_string_equal(out, "Cust\xe2\x80\xa6");
    text_fit("42", 5, true, out, sizeof out);
    assert_string_equal(out, "   42");
}

/* One key for names that look the same: composed or not, any case, any
 * kind of space, with or without invisible characters. */
static void name_keys(void **state)
{
    (void)state;
    char a[256], b[256];
    assert_true(text_name_key("Caf\xc3\xa9 Noir", a, sizeof a));          /* é precomposed */
    assert_true(text_name_key("CAFE\xcc\x81  noir", b, sizeof b));        /* E + combining acute, two spaces */
    assert_string_equal(a, b);
    assert_string_equal(a, "caf\xc3\xa9 noir");
    assert_true(text_name_key("Acme\xc2\xa0" "Corp", a, sizeof a));       /* no-break space */
    assert_true(text_name_key("acme\xe2\x80\xaf" "corp", b, sizeof b));   /* narrow no-break space */
    assert_string_equal(a, "acme corp");
    assert_string_equal(b, "acme corp");
    assert_true(text_name_key("\xef\xbb\xbf" "Ac\xe2\x80\x8bme \xe2\x81\xa0 Corp ", a, sizeof a)); /* BOM, ZWSP, WJ */
    assert_string_equal(a, "acme corp");
    assert_true(text_name_key("STRASSE", a, sizeof a));
    assert_true(text_name_key("Stra\xc3\x9f" "e", b, sizeof b));          /* ß folds to ss */
    assert_string_equal(a, b);
    assert_true(text_name_key("\xc3\x89" "COLE", a, sizeof a));               /* É: beyond ASCII */
    assert_string_equal(a, "\xc3\xa9" "cole");
    assert_false(text_name_key("bad \xc3(", a, sizeof a));
    assert_false(text_name_key("too long for it", a, 4));
    char shown[] = "Ac\xe2\x80\x8bme\xef\xbb\xbf Caf\xc3\xa9";
    assert_string_equal(text_strip_invisible(shown), "Acme Caf\xc3\xa9"); /* case and accent kept */
}

/* Strings packed byte by byte, then aligned blocks, then blocks larger than
 * a chunk: every pointer usable and every copy intact (ASan watches). */
static void arena(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    char *keep[3000];
    char want[64];
    for (int i = 0; i < 3000; i++) {
        snprintf(want, sizeof want, "Account %d, Inc", i);
        keep[i] = arena_strndup(a, want, strlen(want));
        long *l = arena_alloc(a, sizeof *l * (size_t)(1 + i % 5));
        assert_int_equal((uintptr_t)l % alignof(max_align_t), 0);
        l[i % 5] = i;
    }
    for (int i = 0; i < 3000; i += 499) {
        snprintf(want, sizeof want, "Account %d, Inc", i);
        assert_string_equal(keep[i], want);
    }
    /* "abc" from a longer buffer: only n bytes, then NUL. */
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    size_t big = (size_t)9 << 20;
    unsigned char *p = arena_alloc(a, big);
    p[0] = 1;
    p[big - 1] = 2;
    char *s = xmalloc(big);
    memset(s, 'x', big - 1);
    s[big - 1] = '\0';
    char *c = arena_strndup(a, s, big - 1);
    assert_int_equal(strlen(c), big - 1);
    free(s);
    arena_free(a);
    arena_free(NULL);
    unsigned char *l = xmalloc_large(big);
    l[big - 1] = 3;
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates),
        cmocka_unit_test(two_digit_years),
        cmocka_unit_test(amounts),
        cmocka_unit_test(text),
        cmocka_unit_test(name_keys),
        cmocka_unit_test(arena),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
