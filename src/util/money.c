#include "csm/money.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Skips a leading or trailing currency marker: $, €, £, ¥ or a three-letter code. */
static const char *skip_currency(const char *s)
{
    static const char *const symbols[] = {"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "US$", NULL};
    for (int i = 0; symbols[i]; i++) {
        size_t n = strlen(symbols[i]);
        if (strncmp(s, symbols[i], n) == 0)
            return s + n;
    }
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z' &&
        (s[3] == ' ' || is_digit(s[3])))
        return s + 3;
    return s;
}

bool money_parse(const char *s, bool decimal_comma, int64_t *cents, const char **why)
{
    const char dec = decimal_comma ? ',' : '.';
    const char grp = decimal_comma ? '.' : ',';
    while (*s == ' ')
        s++;
    if (*s == '-' || *s == '(') {
        *why = "must not be negative";
        return false;
    }
    s = skip_currency(s);
    while (*s == ' ')
        s++;
    if (*s == '-') {
        *why = "must not be negative";
        return false;
    }
    if (!is_digit(*s)) {
        *why = "is not an amount";
        return false;
    }
    int64_t units = 0;
    int group_len = -1; /* digits since the last separator; -1 before any separator */
    bool grouped = false;
    for (; is_digit(*s) || *s == grp || (*s == ' ' && is_digit(s[1]) && grouped); s++) {
        if (*s == grp || *s == ' ') {
            if (group_len == 0 || (grouped && group_len != 3)) {
                *why = "has misplaced thousands separators";
                return false;
            }
            grouped = true;
            group_len = 0;
            continue;
        }
        if (units > MONEY_MAX_CENTS / 1000) {
            *why = "is too large";
            return false;
        }
        units = units * 10 + (*s - '0');
        if (group_len >= 0)
            group_len++;
    }
    if (grouped && group_len != 3) {
        *why = "has misplaced thousands separators";
        return false;
    }
    int64_t frac = 0;
    if (*s == dec) {
        s++;
        int n = 0;
        while (is_digit(*s)) {
            if (n == 2) {
                *why = "has more than two decimals";
                return false;
            }
            frac = frac * 10 + (*s - '0');
            n++;
            s++;
        }
        if (n == 0) {
            *why = "is not an amount";
            return false;
        }
        if (n == 1)
            frac *= 10;
    }
    while (*s == ' ')
        s++;
    s = skip_currency(s);
    while (*s == ' ')
        s++;
    if (*s) {
        *why = "is not an amount";
        return false;
    }
    *cents = units * 100 + frac;
    return true;
}

static void group(int64_t units, char *buf, size_t len)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%lld", (long long)units);
    size_t n = strlen(raw), o = 0;
    for (size_t i = 0; i < n && o + 1 < len; i++) {
        if (i > 0 && (n - i) % 3 == 0 && o + 2 < len)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
}

void money_format(int64_t cents, char *buf, size_t len)
{
    char g[40];
    group(cents / 100, g, sizeof g);
    if (cents % 100)
        snprintf(buf, len, "%s.%02d", g, (int)(cents % 100));
    else
        snprintf(buf, len, "%s", g);
}

void money_format_short(int64_t cents, char *buf, size_t len)
{
    int64_t units = cents / 100;
    if (units >= 1000000)
        snprintf(buf, len, "%.1fM", (double)units / 1e6);
    else if (units >= 1000)
        snprintf(buf, len, "%lldk", (long long)((units + 500) / 1000));
    else
        snprintf(buf, len, "%lld", (long long)units);
}
