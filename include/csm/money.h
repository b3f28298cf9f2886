#ifndef CSM_MONEY_H
#define CSM_MONEY_H

/* Money is kept exactly, as a whole number of cents in an int64_t. */

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define MONEY_MAX_CENTS (INT64_C(900000000000000000)) /* 9e15 units: far beyond any contract */

/* Parses an amount: an optional currency symbol or code, digits with
 * optional thousands separators and up to two decimals. `decimal_comma`
 * selects "42.000,00" over "42,000.00". Returns false (and sets *why) on
 * anything that is not exactly one amount, negative amounts included. */
bool money_parse(const char *s, bool decimal_comma, int64_t *cents, const char **why);
/* "68,000" (whole units) or "68,000.50" with grouping; buf of 32 bytes. */
void money_format(int64_t cents, char *buf, size_t len);
/* "68k", "1.2M": a compact form for narrow columns. */
void money_format_short(int64_t cents, char *buf, size_t len);

#endif
