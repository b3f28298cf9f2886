#ifndef CSM_DATE_H
#define CSM_DATE_H

/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).
 * DATE_NONE means "no date". Pure functions, no time zones involved. */

#include <stdbool.h>

#define DATE_NONE (-2147483647 - 1)

/* The days --as-of may name: a quarter, its deadlines and a renewal some
 * years out all stay inside the years 1 to 9999 that dates are kept in. */
#define DATE_AS_OF_FIRST_YEAR 1900
#define DATE_AS_OF_LAST_YEAR 9990

/* Day number of y-m-d; the caller has checked the fields are valid. */
int date_from_ymd(int y, int m, int d);
/* Splits a day number into year, month (1-12) and day (1-31). */
void date_to_ymd(int day, int *y, int *m, int *d);
/* True when y-m-d is a real calendar day between year 1 and 9999. */
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Parses exactly YYYY-MM-DD; returns false on anything else. */
bool date_parse_iso(const char *s, int *day);
/* Writes YYYY-MM-DD (11 bytes with the NUL) into buf. */
void date_format(int day, char buf[static 11]);
/* The same day of the month, n months later (or earlier), clamped to the
 * month's last day (2027-01-31 + 1 month = 2027-02-28). */
int date_add_months(int day, int n);
/* Whole months from `from` to `to`: 2027-01-01 -> 2027-10-01 is 9,
 * 2027-01-15 -> 2027-02-14 is 0; negative when `to` is earlier. */
int date_months_between(int from, int to);
/* The full year of a two-digit year `yy` (0-99): the one within 80 years
 * before and 19 years after the year of day `as_of` (DATE_NONE: today).
 * As of 2027, 46 is 2046 and 47 is 1947. */
int date_full_year(int yy, int as_of);
/* Today in UTC. */
int date_today(void);

#endif
