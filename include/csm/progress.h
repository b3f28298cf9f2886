#ifndef CSM_PROGRESS_H
#define CSM_PROGRESS_H

/* One line of progress for long work (an import, a backup, a check, an
 * upgrade) on standard error when it is a terminal: what is being done,
 * how many so far, the percent when the whole is known, the rate. It is
 * redrawn in place (\r) at most five times a second, so a caller may
 * report as often as it likes for the price of a clock read, and erased at
 * the end. In a pipe or a file it prints nothing at all. */

#include <stdbool.h>
#include <stdio.h>

struct progress {
    FILE *out;            /* NULL: off (standard error is no terminal) */
    char what[160];       /* "importing big.csv", made safe */
    const char *unit;     /* "rows", "pages"; NULL: the time taken only */
    long long start_ns;
    long long next_ns;    /* no redraw before this */
    long long count, part, whole;
    int cols;             /* the terminal's width */
    bool shown;           /* a line is on the screen */
};

/* Starts the line for `what` (printf-style) counted in `unit`; off unless
 * standard error is a terminal. Nothing is drawn until the first report. */
void progress_start(struct progress *p, const char *unit, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* count done so far (rows, pages), part of whole for the percent (whole 0:
 * unknown). Redraws when a fifth of a second has passed since the last. */
void progress_update(struct progress *p, long long count, long long part, long long whole);
/* Says what happens now that the counting is over ("saving"), at once. */
void progress_stage(struct progress *p, const char *stage);
/* Erases the line, so that a message can be printed; the next report draws it again. */
void progress_clear(struct progress *p);
/* Erases the line for good. */
void progress_end(struct progress *p);

#endif
