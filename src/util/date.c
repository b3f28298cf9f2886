#include "csm/date.h"

#include <stdio.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
    int z = day + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)yoe + era * 400 + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

int date_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool date_parse_iso(const char *s, int *day)
{
    if (!s)
        return false;
    int y = digits(s, 4);
    if (y < 0 || s[4] != '-')
        return false;
    int m = digits(s + 5, 2);
    if (m < 0 || s[7] != '-')
        return false;
    int d = digits(s + 8, 2);
    if (d < 0 || s[10] != '\0' || !date_valid_ymd(y, m, d))
        return false;
    *day = date_from_ymd(y, m, d);
    return true;
}

void date_format(int day, char buf[static 11])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    /* Written by hand: the fields are in range by construction. */
    y = ((y % 10000) + 10000) % 10000;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

int date_add_months(int day, int n)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    int total = y * 12 + (m - 1) + n;
    /* Floor division: a total below zero still gives a month 1-12. */
    y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    m = total - y * 12 + 1;
    int dim = date_days_in_month(y, m);
    return date_from_ymd(y, m, d > dim ? dim : d);
}

int date_months_between(int from, int to)
{
    int y1, m1, d1, y2, m2, d2;
    date_to_ymd(from, &y1, &m1, &d1);
    date_to_ymd(to, &y2, &m2, &d2);
    int months = (y2 - y1) * 12 + (m2 - m1);
    if (months > 0 && d2 < d1 && !(d2 == date_days_in_month(y2, m2)))
        months--;
    else if (months < 0 && d2 > d1)
        months++;
    return months;
}

int date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_full_year(int yy, int as_of)
{
    int y, m, d;
    date_to_ymd(as_of == DATE_NONE ? date_today() : as_of, &y, &m, &d);
    /* The century that puts the year within 80 years before and 19 after
     * the as-of year (the window Java's SimpleDateFormat uses): renewals
     * lie a few years ahead, customer-since dates decades back. */
    int full = y - y % 100 + yy;
    if (full > y + 19)
        full -= 100;
    else if (full < y - 80)
        full += 100;
    return full;
}
