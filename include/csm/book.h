#ifndef CSM_BOOK_H
#define CSM_BOOK_H

/* The book: every account with its verdict as of a day, the totals a CSM
 * reads first, and the portfolio table as plain cells (text plus a semantic
 * colour) that the command line and the interface both paint. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csm/model.h"

struct store;
struct arena;

struct book {
    const struct scoring *sc;
    int as_of;
    struct account *acc;
    struct arena *mem;        /* the accounts' texts and histories, when loaded (else each is malloc'd) */
    struct verdict *v;
    size_t n;
    /* totals */
    int64_t acv_total;        /* cents */
    int64_t acv_at_risk;      /* cents, accounts flagged churn */
    double health_avg;        /* mean of the accounts that have a health */
    int band_count[3];
    int flag_count[FLAG_KINDS];
    int stale_count;          /* accounts without data for more than flags.stale_days */
    struct book_context ctx;
    /* A first page only (book_load_first), shown while the whole book
     * loads: the totals are not known, and neither are the flags, which
     * compare an account with the whole book. */
    bool partial;
};

/* Loads and assesses every account as of a day, from the snapshots up to
 * that day. Returns 0 or an exit status (message in store_error). */
int book_load(struct book *b, struct store *st, const struct scoring *sc, int as_of, bool history);
/* The same with the snapshots up to `until` (DATE_NONE: every one, as an
 * export of the whole database wants). */
int book_load_until(struct book *b, struct store *st, const struct scoring *sc, int as_of, int until, bool history);
void book_free(struct book *b);
/* The first `limit` accounts by name, assessed without the book's totals
 * (b->partial): fast whatever the size of the book. */
int book_load_first(struct book *b, struct store *st, const struct scoring *sc, int as_of, size_t limit);
/* Assesses already loaded accounts (after an edit, or for tests). */
void book_assess(struct book *b);
/* True when account i has a snapshot, but none within flags.stale_days
 * of the as-of day: its scores say nothing about it now. */
bool book_stale(const struct book *b, size_t i);
/* Index of the account with this name (any case), or -1. */
long book_find(const struct book *b, const char *name);

/* Semantic colours: the painter decides what they look like. */
enum sem_color {
    CLR_NORMAL, CLR_RED_BAND, CLR_AMBER_BAND, CLR_GREEN_BAND, CLR_DIM, CLR_HEADER, CLR_TITLE,
    CLR_SELECTED, CLR_ACCENT, CLR_COUNT
};
int band_color(int band);

enum book_col_kind {
    BC_NAME, BC_SEGMENT, BC_TERM, BC_ACV, BC_RENEWAL, BC_TREND, BC_HEALTH, BC_COMPONENT, BC_FLAGS
};

struct book_col {
    int kind;          /* enum book_col_kind */
    int comp;          /* component index for BC_COMPONENT */
    char title[24];
    int width;         /* columns on screen */
    bool right;        /* right aligned */
};

#define BOOK_MAX_COLS (8 + MODEL_MAX_COMPONENTS)

/* The portfolio columns for the model: Client, Seg, Term, ACV, Renews, Trend,
 * Health, one per component, Flags. Returns how many. */
int book_columns(const struct scoring *sc, struct book_col *cols);

struct cell {
    char text[96];
    int color;         /* enum sem_color */
};

/* The text and colour of one account's cell. `ascii` avoids arrows and dashes. */
void book_cell(const struct book *b, size_t i, const struct book_col *col, bool ascii, struct cell *out);
/* Short markers of an account's flags: "▲churn ★case" or "churn case". */
void book_flag_markers(const struct verdict *v, bool ascii, char *buf, size_t len);

#endif
