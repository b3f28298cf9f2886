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

/* What the title and the counts say of a set of accounts. */
struct book_totals {
    size_t n;
    int64_t acv_total, acv_at_risk; /* cents; at risk: the accounts flagged churn */
    double health_avg;              /* -1 when none has a health */
    int band_count[3];
    int flag_count[FLAG_KINDS];
    int stale_count;
};

/* The totals of the accounts rows[0..n) of the book, or of its first n
 * when rows is NULL. */
void book_totals(const struct book *b, const size_t *rows, size_t n, struct book_totals *t);

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
/* Each account's last touch (a note, a done activity) before day `before`,
 * indexed like the book, as the planner takes it (plan_options.last_touch);
 * NULL when the whole book has none: all are new to the CSM. Free it. */
int *book_last_touches(const struct book *b, int before);
/* Assesses already loaded accounts (after an edit, or for tests). */
void book_assess(struct book *b);
/* True when account i has a snapshot, but none within flags.stale_days
 * of the as-of day: its scores say nothing about it now. */
bool book_stale(const struct book *b, size_t i);
/* Keeps only the accounts whose owner is `owner`, matched as a search
 * matches names (text_search_key: case and accents folded), and counts the
 * totals again; each verdict stays as the whole book made it. Returns how
 * many are kept, or -1 when owner is not UTF-8 (the book is left whole). */
long book_keep_owner(struct book *b, const char *owner);
/* Index of the account with this name (any case), or -1. */
long book_find(const struct book *b, const char *name);

/* Semantic colours: the painter decides what they look like. */
enum sem_color {
    CLR_NORMAL, CLR_RED_BAND, CLR_AMBER_BAND, CLR_GREEN_BAND, CLR_DIM, CLR_HEADER, CLR_TITLE,
    CLR_SELECTED, CLR_ACCENT, CLR_COUNT
};
int band_color(int band);

/* ---- the portfolio's columns (columns.c) ----
 *
 * One table says everything about a column: its title, width, alignment,
 * default sort direction, the cell text (with its semantic colour), the
 * sort key, and the values `csm list` writes for it in CSV and JSON. The
 * interface's table and `csm list` both read it, as htop's screens read
 * its ProcessFieldData. */

/* A value as csm list writes it, in CSV and in JSON. */
enum book_value_type {
    BV_NULL,    /* not known: an empty cell, null */
    BV_INT,     /* i */
    BV_CENTS,   /* i cents: "1234.56", or "1234" for whole units */
    BV_TENTHS,  /* i tenths: "32.5", or "32" */
    BV_DATE,    /* i, a day number: "2027-03-01" */
    BV_REAL,    /* r (not a number: null) */
    BV_BOOL,    /* i, 0 or 1: "yes"/"no", true/false */
    BV_WORD,    /* s, one of csm's own words: written as it is */
    BV_TEXT,    /* s, text from the data: made safe and quoted in CSV */
    BV_WORDS    /* w[0..n), csm's own words: space-separated in CSV, an array in JSON */
};

struct book_value {
    int type;          /* enum book_value_type */
    int n;             /* BV_WORDS */
    long long i;
    double r;
    const char *s;
    const char *w[FLAG_KINDS];
};

/* The fields of csm list's CSV and JSON. The JSON object holds them in this
 * order (the contract's fields, then the attributes and the rest); the CSV
 * the fields of the columns, in the columns' order. A component field is
 * one a component of the model, inside "components" in JSON. */
#define BOOK_FIELDS(F)                                       \
    F(NAME, "name", BV_TEXT, name)                           \
    F(SEGMENT, "segment", BV_WORD, segment)                  \
    F(ACV, "acv", BV_CENTS, acv)                             \
    F(TERM, "term_years", BV_INT, term)                      \
    F(RENEWAL_DATE, "renewal_date", BV_DATE, renewal_date)   \
    F(MONTHS, "months_to_renewal", BV_INT, months)           \
    F(TREND, "trend", BV_WORD, trend)                        \
    F(HEALTH, "health", BV_INT, health)                      \
    F(BAND, "health_band", BV_WORD, band)                    \
    F(COMPONENT, "components", BV_TENTHS, component)         \
    F(FLAGS, "flags", BV_WORDS, flags)                       \
    F(EXTERNAL_ID, "external_id", BV_TEXT, external_id)      \
    F(OWNER, "owner", BV_TEXT, owner)                        \
    F(NPS, "nps", BV_INT, nps)                               \
    F(MSA_RESTRICTED, "msa_restricted", BV_BOOL, msa)        \
    F(ANONYMIZED_OK, "anonymized_ok", BV_BOOL, anonymized)   \
    F(KPI_BASELINE, "kpi_baseline", BV_REAL, kpi_baseline)   \
    F(KPI_CURRENT, "kpi_current", BV_REAL, kpi_current)      \
    F(LAST_ADVOCACY_ASK, "last_advocacy_ask", BV_DATE, ask)  \
    F(PULSE, "pulse", BV_WORD, pulse)                        \
    F(COVERAGE, "coverage_pct", BV_INT, coverage)            \
    F(LOW_COVERAGE, "low_coverage", BV_BOOL, low_coverage)   \
    F(REPORTED_HEALTH, "reported_health", BV_TENTHS, reported) \
    F(SNAPSHOT_DATE, "snapshot_date", BV_DATE, snapshot)    \
    F(LAST_TOUCH, "last_touch", BV_DATE, last_touch)         \
    F(TOUCH_DUE, "touch_due", BV_BOOL, touch_due)            \
    F(STALE, "stale", BV_BOOL, stale)

enum book_field_id {
#define BOOK_FIELD_ENUM(id, key, type, fn) BF_##id,
    BOOK_FIELDS(BOOK_FIELD_ENUM)
#undef BOOK_FIELD_ENUM
    BF_COUNT,
    BF_NONE = -1
};

struct book_field {
    const char *key;   /* the JSON key and CSV header; a component's is the model's key */
    int type;          /* enum book_value_type of its values when known */
    /* The value of account i (comp: the component, for BF_COMPONENT). */
    void (*value)(const struct book *b, size_t i, int comp, struct book_value *out);
};

extern const struct book_field book_fields[BF_COUNT];

/* How a column takes its width on screen. */
enum book_col_fit {
    BCW_FIXED,   /* its width */
    BCW_FILL,    /* what the others leave, from min (before they go) up to max; `width` in csm list */
    BCW_REST     /* the rest of the line, at least min; never cut or padded in csm list */
};

struct cell {
    char text[96];
    int color;         /* enum sem_color */
};

struct book_col_def {
    const char *title;  /* NULL: the model component's label, its first four letters */
    int width;          /* columns on screen */
    int min, max;       /* BCW_FILL and BCW_REST: see enum book_col_fit */
    int fit;            /* enum book_col_fit */
    bool right;         /* right aligned */
    bool desc;          /* sorts largest first unless reversed */
    bool keep;          /* never dropped on a narrow terminal (the others go from the right) */
    bool wide;          /* shown only while the name keeps its `want`: the first to go */
    int want;           /* BCW_FILL: the width it keeps before `wide` columns are shown */
    bool initial;       /* the portfolio opens sorted by it */
    bool per_component; /* one column a component of the model */
    /* The cell's text (made safe later) and semantic colour. `ascii` avoids
     * arrows and dashes. comp: the component, for a per_component column. */
    void (*cell)(const struct book *b, size_t i, int comp, bool ascii, struct cell *out);
    /* The sort key: two numbers compared in order. NULL sorts by the first
     * field's value: numbers and dates by value (unknown first), text by
     * its first sixteen bytes folded, then (book_col_tie) the whole text. */
    void (*key)(const struct book *b, size_t i, int comp, int64_t key[2]);
    int fields[2];      /* what csm list writes for it (BF_NONE: nothing more) */
};

/* A column as laid out for a model. */
struct book_col {
    const struct book_col_def *def;
    int comp;           /* the component, for a per_component column */
    char title[24];
};

#define BOOK_MAX_COLS 32

/* The portfolio columns for the model: Client, Seg, Term, ACV, Renews,
 * Trend, Health, one per component, Flags. Returns how many. */
int book_columns(const struct scoring *sc, struct book_col *cols);
/* The text and colour of one account's cell. `ascii` avoids arrows and dashes. */
void book_cell(const struct book *b, size_t i, const struct book_col *col, bool ascii, struct cell *out);
/* The value of field f of account i; comp for BF_COMPONENT. */
void book_value(const struct book *b, size_t i, int f, int comp, struct book_value *out);
/* The key of a column's field as CSV and JSON name it. */
const char *book_field_key(const struct book *b, int f, int comp);
/* Account i's sort key for the column (see book_col_def.key). */
void book_col_key(const struct book *b, size_t i, const struct book_col *col, int64_t key[2]);
/* The text that orders equal keys of the column (compared in natural
 * order, text_natural_cmp), or NULL when rows with equal keys keep the book's order. */
const char *book_col_tie(const struct book *b, size_t i, const struct book_col *col);
/* True when the column's rows with equal keys are ordered by their text
 * (a text column sorted by its value). */
bool book_col_has_ties(const struct book_col *col);
/* The first sixteen bytes of s in natural order (text_natural_key), as
 * two numbers that order like the bytes (a text column's sort key). */
void book_key_text(const char *s, int64_t key[2]);
/* Sorts idx (indexes into the book) by the column: its keys, then a text
 * column's whole texts in natural order (text_natural_cmp: "Customer 2"
 * before "Customer 10"), then the book's order. */
void book_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n);
/* Short markers of an account's flags: "▲churn ★case" or "churn case". */
void book_flag_markers(const struct verdict *v, bool ascii, char *buf, size_t len);

#endif
