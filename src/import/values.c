/* Reading cell values: numbers, amounts, scores, dates, words. */
#include "import_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"

const struct value_ctx value_defaults = {false, DATE_AUTO, DATE_NONE};

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
    static const struct value_ctx comma_ok = {true, DATE_AUTO, DATE_NONE};
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

/* Dates: ISO (with an optional time part), M/D/YYYY, D/M/YYYY when the day
 * shows it or --date-format says so, and D.M.YYYY. A slash date that reads
 * both ways is an error unless --date-format settles it: never a guess. */
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
    int a, b, y, used = 0;
    char sep = 0;
    if (sscanf(v, "%d/%d/%d%n", &a, &b, &y, &used) == 3 && (size_t)used <= n)
        sep = '/';
    else if (sscanf(v, "%d.%d.%d%n", &a, &b, &y, &used) == 3 && (size_t)used <= n)
        sep = '.';
    /* Only a time part may follow ("5/1/2027 0:00"). */
    if (!sep || y < 1000 || y > 9999 || !time_part(v + used, false)) {
        *why = "is not a date (YYYY-MM-DD, M/D/YYYY or D.M.YYYY)";
        return false;
    }
    int m, d;
    if (sep == '.') { /* D.M.YYYY, the European order */
        d = a;
        m = b;
    } else if (vc->date_format == DATE_MDY) {
        m = a;
        d = b;
    } else if (vc->date_format == DATE_DMY) {
        d = a;
        m = b;
    } else if (a > 12 && b <= 12) {
        d = a;
        m = b;
    } else if (b > 12 && a <= 12) {
        m = a;
        d = b;
    } else if (a == b) {
        m = d = a;
    } else {
        *why = "is ambiguous (month/day or day/month?): say --date-format M/D/YYYY or D/M/YYYY";
        return false;
    }
    if (!date_valid_ymd(y, m, d)) {
        *why = "is not a real date";
        return false;
    }
    *day = date_from_ymd(y, m, d);
    return true;
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
    if (strcmp(key, "up") == 0)
        *trend = TREND_UP;
    else if (strcmp(key, "level") == 0 || strcmp(key, "flat") == 0 || strcmp(key, "same") == 0)
        *trend = TREND_LEVEL;
    else if (strcmp(key, "down") == 0)
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
        if (!parse_trend(v, &a->trend)) {
            *why = "is not a trend (up, level, down)";
            return false;
        }
        return true;
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
        if (!parse_yes_no(v, field == F_MSA ? &a->msa_restricted : &a->anonymized_ok)) {
            *why = "is not yes or no";
            return false;
        }
        *fields |= field == F_MSA ? SF_MSA : SF_ANON;
        return true;
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
    if (!strcasecmp(s, "M/D/YYYY") || !strcasecmp(s, "MM/DD/YYYY") || !strcasecmp(s, "us"))
        *out = DATE_MDY;
    else if (!strcasecmp(s, "D/M/YYYY") || !strcasecmp(s, "DD/MM/YYYY") || !strcasecmp(s, "uk"))
        *out = DATE_DMY;
    else if (!strcasecmp(s, "YYYY-MM-DD") || !strcasecmp(s, "auto"))
        *out = DATE_AUTO;
    else
        return false;
    return true;
}
