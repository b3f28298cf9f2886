/* Shared by the unit tests: cmocka, and the sample book as plain structs. */
#ifndef CSM_TESTING_H
#define CSM_TESTING_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "csm/model.h"

/* The Partner Paradise dashboard (shared/data/partner-paradise.csv), typed in
 * again here so the model is tested without the importer. -1 is "no data". */
struct sample_row {
    const char *name;
    int term, acv, renewal_months;
    int trend;
    int health;          /* the dashboard's own Health column */
    int product, satisfaction, support, sponsorship;
};

static const struct sample_row sample_book[15] = {
    {"Customer 1", 3, 35000, 1, TREND_LEVEL, 78, 78, 84, 72, 70},
    {"Customer 2", 1, 25000, 4, TREND_UP, 70, 81, 63, 70, 40},
    {"Customer 3", 2, 42000, 7, TREND_DOWN, 84, 81, 91, 89, 80},
    {"Customer 4", 5, 38000, 9, TREND_DOWN, 53, 54, 56, 63, 30},
    {"Customer 5", 0, 12000, 3, TREND_LEVEL, 70, 69, 78, 50, 77},
    {"Customer 6", 1, 36000, 2, TREND_LEVEL, 45, 34, 44, 50, 89},
    {"Customer 7", 1, 19000, 1, TREND_DOWN, 77, 90, 70, 69, 50},
    {"Customer 8", 1, 68000, 4, TREND_UP, 63, 45, 82, 76, 80},
    {"Customer 9", 3, 22000, 6, TREND_LEVEL, 47, 45, 31, 60, 76},
    {"Customer 10", 2, 34000, 11, TREND_UP, 52, 45, 37, 90, 70},
    {"Customer 11", 3, 27000, 5, TREND_LEVEL, 80, 80, 87, 82, 60},
    {"Customer 12", 0, 23000, 9, TREND_DOWN, 41, 32, -1, 45, 70},
    {"Customer 13", 4, 18000, 3, TREND_LEVEL, 60, 78, 30, 76, 30},
    {"Customer 14", 5, 30000, 6, TREND_LEVEL, 52, 40, 69, 63, 55},
    {"Customer 15", 3, 21000, 6, TREND_LEVEL, 74, 74, 82, 78, 50},
};

static inline short tenths(int whole) { return whole < 0 ? SCORE_NONE : (short)(whole * 10); }

#endif
