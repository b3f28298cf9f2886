/* Reading cell values: numbers, amounts, scores, dates, words. */
#include "import_int.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"

const struct value_ctx value_defaults = {.date_format = DATE_AUTO, .as_of = DATE_NONE, .advice = ADVICE_EDIT};

void value_trim(char *s)
{
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    char *b = s;
    while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
        b++;
    if (b != s)
        memmove(s, b, strlen(b) + 1);
}

bool value_is_no_data(const char *v)
{
    /* Most values are numbers: only blanks and words can mean "no data". */
    if (*v >= '0' && *v <= '9')
        return false;
    static const char *const words[] = {"", "nodata", "na", "null", "none", "nil", NULL};
    if (strcmp(v, "-") == 0 || strcmp(v, "\xe2\x80\x94") == 0 || strcmp(v, "\xe2\x80\x93") == 0)
        return true;
    char key[16];
    if (strlen(v) >= sizeof key)
        return false;
    field_key(v, key, sizeof key);
    if (*key == '\0' && *v != '\0') /* punctuation only, like "--" or "n/a"'s cousins */
        return strspn(v, "-/ .") == strlen(v);
    for (int i = 0; words[i]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

/* A decimal number with optional sign; no exponent, no grouping. A decimal
 * comma is accepted when the context says so. */
static bool parse_decimal_ctx(const struct value_ctx *vc, const char *in, double *out)
{
    char s[64];
    size_t len = strlen(in);
    if (len >= sizeof s)
        return false;
    memcpy(s, in, len + 1);
    if (vc->decimal_comma) {
        char *comma = strchr(s, ',');
        if (comma && !strchr(s, '.'))
            *comma = '.';
    }
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return false;
    errno = 0;
    *out = strtod(s, NULL);
    return errno == 0 && isfinite(*out);
}

static bool parse_decimal(const char *s, double *out) { return parse_decimal_ctx(&value_defaults, s, out); }

/* A score 0..100, optionally with '%' and decimals, kept in tenths. A comma
 * is always a decimal mark here: no score has a thousands separator. */
static bool parse_score(const char *v, short *out, const char **why)
{
    char buf[64];
    size_t n = strlen(v);
    if (n >= sizeof buf) {
        *why = "is not a number";
        return false;
    }
    memcpy(buf, v, n + 1);
    if (n && buf[n - 1] == '%') {
        buf[--n] = '\0';
        value_trim(buf);
    }
    static const struct value_ctx comma_ok = {.decimal_comma = true, .date_format = DATE_AUTO, .as_of = DATE_NONE};
    double d;
    if (!parse_decimal_ctx(&comma_ok, buf, &d)) {
        *why = "is not a number";
        return false;
    }
    if (d < 0 || d > 100) {
        *why = "is outside 0-100";
        return false;
    }
    *out = (short)floor(d * 10 + 0.5);
    return true;
}

static bool parse_whole(const char *v, long min, long max, long *out, const char **why)
{
    double d;
    if (!parse_decimal(v, &d) || d != floor(d)) {
        *why = "is not a whole number";
        return false;
    }
    if (d < (double)min || d > (double)max) {
        static char range[64];
        snprintf(range, sizeof range, "is outside %ld-%ld", min, max);
        *why = range;
        return false;
    }
    *out = (long)d;
    return true;
}

/* Digits at *p, at least `min` and at most `max` of them, as a number no
 * greater than `limit`; *p moves past them. */
static bool number_at(const char **p, int min, int max, int limit, int *out)
{
    int v = 0, k = 0;
    while (k < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (*(*p)++ - '0');
        k++;
    }
    *out = v;
    return k >= min && v <= limit;
}

/* What may follow a date: nothing, or a valid time of day after 'T' or a
 * space: HH:MM, then :SS and a fraction, then Z or an offset (+HH:MM,
 * +HHMM, +HH). A slash date's time may have a one-digit hour and AM/PM
 * ("1/31/2027 0:00", "1/31/2027 12:00:00 AM"). */
static bool time_part(const char *t, bool iso)
{
    if (!*t)
        return true;
    if (*t != 'T' && *t != ' ')
        return false;
    t++;
    int h, m, sec;
    if (!number_at(&t, iso ? 2 : 1, 2, 23, &h) || *t++ != ':' || !number_at(&t, 2, 2, 59, &m))
        return false;
    if (*t == ':') {
        t++;
        if (!number_at(&t, 2, 2, 59, &sec))
            return false;
        if (*t == '.' || *t == ',') {
            t++;
            int frac;
            if (!number_at(&t, 1, 9, 999999999, &frac))
                return false;
        }
    }
    if (!iso) {
        const char *p = *t == ' ' ? t + 1 : t;
        if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') && (p[1] == 'M' || p[1] == 'm')) {
            if (h < 1 || h > 12)
                return false;
            t = p + 2;
        }
    }
    if (*t == 'Z') {
        t++;
    } else if (*t == '+' || *t == '-') {
        t++;
        int oh, om;
        if (!number_at(&t, 2, 2, 23, &oh))
            return false;
        if (*t == ':')
            t++;
        if (*t && !number_at(&t, 2, 2, 59, &om))
            return false;
    }
    return *t == '\0';
}

/* A month's name, English, in full or cut to three letters ("Sept" too);
 * 0 when it is none. *p moves past it. */
static int month_name(const char **p)
{
    static const char *const names[12] = {"january", "february", "march", "april", "may", "june",
                                          "july", "august", "september", "october", "november", "december"};
    char word[16];
    size_t n = 0;
    while (n + 1 < sizeof word && (((**p | 32) >= 'a' && (**p | 32) <= 'z')))
        word[n++] = (char)(*(*p)++ | 32);
    word[n] = '\0';
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncmp(names[m], word, n) == 0 && (n == 3 || n == strlen(names[m]) || (m == 8 && n == 4)))
            return m + 1;
    return 0;
}

/* A year of four digits, or of two (date_full_year's window around `as_of`). */
static bool year_at(const char **p, int as_of, int *y)
{
    const char *s = *p;
    int v;
    if (!number_at(p, 2, 4, 9999, &v))
        return false;
    size_t n = (size_t)(*p - s);
    if (n == 3)
        return false;
    *y = n == 2 ? date_full_year(v, as_of) : v;
    return true;
}

/* "15-Mar-2027", "15 March 2027", "15-Mar-27" (Excel's d-mmm-yy) and
 * "Mar 15, 2027": the month by name, so never ambiguous. */
static bool named_month_date(const char *v, int as_of, int *y, int *m, int *d, const char **end)
{
    const char *p = v;
    if (*p >= '0' && *p <= '9') {
        if (!number_at(&p, 1, 2, 31, d) || (*p != '-' && *p != ' '))
            return false;
        char sep = *p++;
        if (!(*m = month_name(&p)) || *p++ != sep || !year_at(&p, as_of, y))
            return false;
    } else {
        if (!(*m = month_name(&p)) || *p++ != ' ' || !number_at(&p, 1, 2, 31, d))
            return false;
        if (*p == ',')
            p++;
        if (*p++ != ' ' || !year_at(&p, as_of, y))
            return false;
    }
    *end = p;
    return true;
}

/* A date of numbers: a/b/y, a-b-y or a.b.y (a and b of one or two
 * digits, y of two or four), or y/m/d with a four-digit year. */
struct numeric_date {
    int a, b, y;
    char sep;
    bool year_first;
    const char *end;
};

static bool numeric_date(const char *v, int as_of, struct numeric_date *nd)
{
    const char *p = v;
    int first;
    const char *start = p;
    if (!number_at(&p, 1, 4, 9999, &first))
        return false;
    size_t n = (size_t)(p - start);
    nd->sep = *p;
    if (nd->sep != '/' && nd->sep != '-' && nd->sep != '.')
        return false;
    p++;
    nd->year_first = n == 4;
    if (n == 3 || (nd->year_first && nd->sep == '-')) /* 2027-3-5 is not ISO: refused as before */
        return false;
    if (nd->year_first) {
        nd->y = first;
        if (!number_at(&p, 1, 2, 99, &nd->a) || *p++ != nd->sep || !number_at(&p, 1, 2, 99, &nd->b))
            return false;
    } else {
        nd->a = first;
        if (!number_at(&p, 1, 2, 99, &nd->b) || *p++ != nd->sep || !year_at(&p, as_of, &nd->y))
            return false;
    }
    nd->end = p;
    return true;
}

int value_date_order(const struct value_ctx *vc, const char *v)
{
    struct numeric_date nd;
    if (!numeric_date(v, vc->as_of, &nd) || nd.year_first || nd.sep == '.' || nd.a == nd.b)
        return DATE_AUTO;
    if (nd.a > 12 && nd.b <= 12)
        return DATE_DMY;
    if (nd.b > 12 && nd.a <= 12)
        return DATE_MDY;
    return DATE_AUTO;
}

bool value_date_ambiguous(const struct value_ctx *vc, const char *v)
{
    struct numeric_date nd;
    return numeric_date(v, vc->as_of, &nd) && !nd.year_first && nd.sep != '.' && nd.a != nd.b && nd.a <= 12 &&
           nd.b <= 12 && nd.a >= 1 && nd.b >= 1;
}

/* A day as "3 April" or "March 4": how the two readings of a date differ. */
static void spoken(int m, int d, bool day_first, char *buf, size_t len)
{
    static const char *const months[12] = {"January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December"};
    if (day_first)
        snprintf(buf, len, "%d %s", d, months[m - 1]);
    else
        snprintf(buf, len, "%s %d", months[m - 1], d);
}

/* The message for a date that reads both ways, with both readings and
 * the advice that works where the value was given. */
static const char *ambiguous(const struct value_ctx *vc, const struct numeric_date *nd)
{
    static char why[300];
    char dm[32], md[32], iso_dm[11], iso_md[11];
    spoken(nd->b, nd->a, true, dm, sizeof dm);
    spoken(nd->a, nd->b, false, md, sizeof md);
    date_format(date_from_ymd(nd->y, nd->b, nd->a), iso_dm);
    date_format(date_from_ymd(nd->y, nd->a, nd->b), iso_md);
    if (vc->advice == ADVICE_IMPORT)
        snprintf(why, sizeof why,
                 "is ambiguous (month/day or day/month? %s or %s), and no date in the column settles it: say "
                 "--date-format M/D/YYYY or D/M/YYYY", md, dm);
    else if (vc->advice == ADVICE_SET)
        snprintf(why, sizeof why,
                 "is ambiguous (%s or %s?): write it as %s or %s, or add --date-format M/D/YYYY or D/M/YYYY", md, dm,
                 iso_md, iso_dm);
    else
        snprintf(why, sizeof why, "is ambiguous (%s or %s?): write it as %s or %s", md, dm, iso_md, iso_dm);
    return why;
}

/* A slash date that does not read in the order in force: said how that
 * order was settled, so the user knows what to change. */
static const char *against_order(const struct value_ctx *vc)
{
    static char why[300];
    const char *order = vc->date_format == DATE_MDY ? "month/day" : "day/month";
    const char *other = vc->date_format == DATE_MDY ? "D/M/YYYY" : "M/D/YYYY";
    if (vc->date_source == DATE_FROM_COLUMN)
        snprintf(why, sizeof why, "is not a %s date like the column's other dates ('%s' on line %ld): the "
                 "column mixes the two orders", order, vc->date_example ? vc->date_example : "", vc->date_line);
    else if (vc->date_source == DATE_FROM_MEMORY)
        snprintf(why, sizeof why, "is not a %s date, the order remembered for this export (%s): if it now "
                 "writes dates the other way, say --date-format %s", order,
                 vc->date_example ? vc->date_example : "an earlier import", other);
    else
        snprintf(why, sizeof why, "is not a real date in the order %s (--date-format)", order);
    return why;
}

/* Dates: ISO (with an optional time part), the month by name
 * (15-Mar-2027, Mar 15, 2027), a/b/y with a two- or four-digit year, y/m/d,
 * and D.M.YYYY. A slash date that reads both ways takes the order in
 * force (--date-format, the export's remembered one, or the one its column
 * settled); without one it is an error: never a guess. */
static bool parse_date_ctx(const struct value_ctx *vc, const char *v, int *day, const char **why)
{
    char buf[11];
    size_t n = strlen(v);
    if (n >= 10 && (n == 10 || v[10] == 'T' || v[10] == ' ') && v[4] == '-') {
        memcpy(buf, v, 10);
        buf[10] = '\0';
        if (date_parse_iso(buf, day) && time_part(v + 10, true))
            return true;
        *why = "is not a date";
        return false;
    }
    int y, m, d;
    const char *end;
    if (named_month_date(v, vc->as_of, &y, &m, &d, &end)) {
        if (!time_part(end, false)) {
            *why = "is not a date";
            return false;
        }
    } else {
        struct numeric_date nd;
        if (!numeric_date(v, vc->as_of, &nd) || nd.y < 1000 || !time_part(nd.end, false)) {
            *why = "is not a date (YYYY-MM-DD, M/D/YYYY, D.M.YYYY or 15-Mar-2027)";
            return false;
        }
        y = nd.y;
        if (nd.year_first) { /* 2027/03/15 */
            m = nd.a;
            d = nd.b;
        } else if (nd.sep == '.') { /* D.M.YYYY, the European order */
            d = nd.a;
            m = nd.b;
        } else if (vc->date_format == DATE_MDY || vc->date_format == DATE_DMY) {
            bool mdy = vc->date_format == DATE_MDY;
            m = mdy ? nd.a : nd.b;
            d = mdy ? nd.b : nd.a;
            if (m > 12 && (mdy ? nd.b : nd.a) <= 12) {
                *why = against_order(vc);
                return false;
            }
        } else if (nd.a > 12 && nd.b <= 12) {
            d = nd.a;
            m = nd.b;
        } else if (nd.b > 12 && nd.a <= 12) {
            m = nd.a;
            d = nd.b;
        } else if (nd.a == nd.b) {
            m = d = nd.a;
        } else if (nd.a >= 1 && nd.b >= 1 && nd.a <= 12 && nd.b <= 12 && date_valid_ymd(nd.y, nd.a, nd.b) &&
                   date_valid_ymd(nd.y, nd.b, nd.a)) {
            *why = ambiguous(vc, &nd);
            return false;
        } else {
            *why = "is not a real date";
            return false;
        }
    }
    if (!date_valid_ymd(y, m, d)) {
        *why = "is not a real date";
        return false;
    }
    *day = date_from_ymd(y, m, d);
    return true;
}

bool value_date(const struct value_ctx *vc, const char *v, int *day, const char **why)
{
    return parse_date_ctx(vc, v, day, why);
}

/* The whole years from `since` to `as_of`: a customer since 2024-03-15 is
 * two years one on 2027-03-14, three the day after. */
static int whole_years(int since, int as_of)
{
    int sy, sm, sd, ay, am, ad;
    date_to_ymd(since, &sy, &sm, &sd);
    date_to_ymd(as_of, &ay, &am, &ad);
    return ay - sy - (am < sm || (am == sm && ad < sd));
}

static bool parse_trend(const char *v, int *trend)
{
    char key[16];
    if (strcmp(v, "\xe2\x86\x91") == 0 || strcmp(v, "\xe2\x96\xb2") == 0) {
        *trend = TREND_UP;
        return true;
    }
    if (strcmp(v, "\xe2\x86\x92") == 0 || strcmp(v, "\xe2\x96\xb6") == 0) {
        *trend = TREND_LEVEL;
        return true;
    }
    if (strcmp(v, "\xe2\x86\x93") == 0 || strcmp(v, "\xe2\x96\xbc") == 0) {
        *trend = TREND_DOWN;
        return true;
    }
    if (strlen(v) >= sizeof key)
        return false;
    field_key(v, key, sizeof key);
    /* The words CS platforms write beside the arrows. */
    if (strcmp(key, "up") == 0 || strcmp(key, "improving") == 0)
        *trend = TREND_UP;
    else if (strcmp(key, "level") == 0 || strcmp(key, "flat") == 0 || strcmp(key, "same") == 0 ||
             strcmp(key, "stable") == 0)
        *trend = TREND_LEVEL;
    else if (strcmp(key, "down") == 0 || strcmp(key, "declining") == 0)
        *trend = TREND_DOWN;
    else
        return false;
    return true;
}

static bool parse_yes_no(const char *v, int *out)
{
    char key[8];
    if (strlen(v) >= sizeof key)
        return false;
    field_key(v, key, sizeof key);
    if (!strcmp(key, "yes") || !strcmp(key, "y") || !strcmp(key, "true") || !strcmp(key, "1"))
        *out = TRI_YES;
    else if (!strcmp(key, "no") || !strcmp(key, "n") || !strcmp(key, "false") || !strcmp(key, "0"))
        *out = TRI_NO;
    else
        return false;
    return true;
}

/* A text cell as csm writes it for spreadsheets ("'=SUM(A1)", "'-42":
 * csvout.h) is read back without the apostrophe, so an export imports
 * back as it was. */
static void unguard(char *v)
{
    if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
        memmove(v, v + 1, strlen(v));
}

bool value_read(const struct value_ctx *vc, int field, char *v, struct account *a, unsigned *fields,
                       int *renewal_months, const char **why)
{
    long n;
    if (field >= F_COMPONENT) {
        if (value_is_no_data(v))
            return true;
        return parse_score(v, &a->score[field - F_COMPONENT], why);
    }
    if (field == F_NAME) {
        /* Shown as written, but without what shows nothing. */
        unguard(v);
        text_fold_space(text_strip_invisible(v));
        if (!*v) {
            *why = "the account name is missing";
            return false;
        }
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "the account name is longer than 200 bytes";
            return false;
        }
        a->name = xstrdup(v);
        return true;
    }
    if (value_is_no_data(v))
        return true; /* an empty cell leaves the stored attribute as it is */
    switch (field) {
    case F_EXTERNAL_ID:
        unguard(v);
        text_fold_space(v);
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "is longer than 200 bytes";
            return false;
        }
        free(a->external_id);
        a->external_id = xstrdup(v);
        *fields |= SF_EXTERNAL_ID;
        return true;
    case F_OWNER:
        unguard(v);
        text_fold_space(v);
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "is longer than 200 bytes";
            return false;
        }
        free(a->owner);
        a->owner = xstrdup(v);
        *fields |= SF_OWNER;
        return true;
    case F_SEGMENT:
        if ((a->segment = segment_parse(v)) == SEG_NONE) {
            *why = "is not a segment (enterprise, mid-market, smb)";
            return false;
        }
        *fields |= SF_SEGMENT;
        return true;
    case F_TERM:
        if (!parse_whole(v, 0, 200, &n, why))
            return false;
        a->term_years = (int)n;
        *fields |= SF_TERM;
        return true;
    case F_ACV: {
        /* With both marks the last one is the decimal; else the file decides. */
        const char *dot = strrchr(v, '.'), *comma = strrchr(v, ',');
        bool decimal_comma = dot && comma ? comma > dot : vc->decimal_comma;
        if (!money_parse(v, decimal_comma, &a->acv_cents, why))
            return false;
        *fields |= SF_ACV;
        return true;
    }
    case F_MRR: {
        const char *dot = strrchr(v, '.'), *comma = strrchr(v, ',');
        bool decimal_comma = dot && comma ? comma > dot : vc->decimal_comma;
        int64_t monthly;
        if (!money_parse(v, decimal_comma, &monthly, why))
            return false;
        if (monthly > INT64_MAX / 12) {
            *why = "is too large an amount";
            return false;
        }
        a->acv_cents = monthly * 12;
        *fields |= SF_ACV;
        return true;
    }
    case F_CUSTOMER_SINCE: {
        int since;
        if (!parse_date_ctx(vc, v, &since, why))
            return false;
        if (vc->as_of != DATE_NONE && since > vc->as_of) {
            static char after[96];
            char d[11];
            date_format(vc->as_of, d);
            snprintf(after, sizeof after, "is after the as-of day %s: the tenure cannot start in the future", d);
            *why = after;
            return false;
        }
        int years = whole_years(since, vc->as_of != DATE_NONE ? vc->as_of : since);
        if (years > 200) {
            *why = "is more than 200 years ago";
            return false;
        }
        a->term_years = years;
        *fields |= SF_TERM;
        return true;
    }
    case F_RENEWAL_MONTHS:
        if (!parse_whole(v, -1200, 1200, &n, why))
            return false;
        *renewal_months = (int)n;
        return true;
    case F_RENEWAL_DATE:
        if (!parse_date_ctx(vc, v, &a->renewal, why))
            return false;
        *fields |= SF_RENEWAL;
        return true;
    case F_TREND:
    {
        int trend;
        if (!parse_trend(v, &trend)) {
            *why = "is not a trend (up, level, down; improving, stable, declining)";
            return false;
        }
        a->trend = (signed char)trend;
        return true;
    }
    case F_HEALTH: {
        short h;
        if (!parse_score(v, &h, why))
            return false;
        a->reported_health = h;
        return true;
    }
    case F_NPS:
        if (!parse_whole(v, 0, 10, &n, why))
            return false;
        a->nps = (int)n;
        *fields |= SF_NPS;
        return true;
    case F_MSA:
    case F_ANON:
    {
        int yes;
        if (!parse_yes_no(v, &yes)) {
            *why = "is not yes or no";
            return false;
        }
        *(field == F_MSA ? &a->msa_restricted : &a->anonymized_ok) = (signed char)yes;
        *fields |= field == F_MSA ? SF_MSA : SF_ANON;
        return true;
    }
    case F_KPI_BASE:
    case F_KPI_CUR: {
        double d;
        if (!parse_decimal_ctx(vc, v, &d)) {
            *why = "is not a number";
            return false;
        }
        *(field == F_KPI_BASE ? &a->kpi_baseline : &a->kpi_current) = d;
        *fields |= field == F_KPI_BASE ? SF_KPI_BASE : SF_KPI_CUR;
        return true;
    }
    case F_LAST_ASK:
        if (!parse_date_ctx(vc, v, &a->last_advocacy_ask, why))
            return false;
        if (vc->as_of != DATE_NONE && a->last_advocacy_ask > vc->as_of) {
            /* The flags count months since the last ask: one in the future
             * would keep an account from being asked for years. */
            static char after[96];
            char d[11];
            date_format(vc->as_of, d);
            snprintf(after, sizeof after, "is after the as-of day %s: a last ask cannot be in the future", d);
            *why = after;
            return false;
        }
        *fields |= SF_LAST_ASK;
        return true;
    case F_PULSE:
        if ((a->pulse = band_parse(v)) == BAND_NONE) {
            *why = "is not red, amber or green";
            return false;
        }
        *fields |= SF_PULSE;
        return true;
    default:
        return true;
    }
}

bool import_date_format_parse(const char *s, int *out)
{
    if (!strcasecmp(s, "M/D/YYYY") || !strcasecmp(s, "MM/DD/YYYY") || !strcasecmp(s, "M/D/YY") ||
        !strcasecmp(s, "us"))
        *out = DATE_MDY;
    else if (!strcasecmp(s, "D/M/YYYY") || !strcasecmp(s, "DD/MM/YYYY") || !strcasecmp(s, "D/M/YY") ||
             !strcasecmp(s, "uk"))
        *out = DATE_DMY;
    else if (!strcasecmp(s, "YYYY-MM-DD") || !strcasecmp(s, "auto"))
        *out = DATE_SETTLE; /* said: what the export's dates settle, not what was remembered */
    else
        return false;
    return true;
}
