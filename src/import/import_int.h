#ifndef CSM_IMPORT_INT_H
#define CSM_IMPORT_INT_H

/* What the files of src/import/ share: the field table and header matching
 * (fields.c), value parsers (values.c), the set of names seen (seen.c),
 * the writer thread (writer.c) and the rejects file (rejects.c). The driver
 * (import.c) puts them together; attribute.c reads `csm set` values. */

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "csm/import.h"
#include "csm/outfile.h"
#include "csm/reader.h"

#define NAME_MAX_BYTES 200

struct arena;

/* ---- fields.c ---- */

/* Letters and digits of s, lower case: "Renewal (months)" -> "renewalmonths". */
void field_key(const char *s, char *out, size_t len);
/* The field a field name (from --map or `set`) stands for: a field, a
 * component (F_COMPONENT + i), F_IGNORE for "ignore", or -2 for none. */
int field_by_name(const struct health_model *m, const char *name);
/* The field a header names, or F_IGNORE when it names none. */
int field_by_header(const struct health_model *m, const char *header);
/* The field whose slot f fills: acv for mrr, term_years for customer_since, else f. */
int field_holds(int f);
/* A field's name for messages: the field's key, or the component's label. */
const char *field_label(const struct health_model *m, int field);

/* ---- values.c ---- */

/* Where the order of slash dates comes from, for the messages. */
enum date_source { DATE_FROM_OPTION, DATE_FROM_MEMORY, DATE_FROM_COLUMN };
/* Whose advice an ambiguous date gets: the importer's (--date-format),
 * csm set's (YYYY-MM-DD or --date-format), the interface's (YYYY-MM-DD). */
enum value_advice { ADVICE_IMPORT, ADVICE_SET, ADVICE_EDIT };

/* How values are written in a file: the decimal mark and the date order. */
struct value_ctx {
    bool decimal_comma;      /* a semicolon file: "78,5" and "42.000,00" */
    int date_format;         /* enum import_date_format: DATE_MDY or DATE_DMY once an order is in force */
    int date_source;         /* enum date_source: where it comes from */
    long date_line;          /* DATE_FROM_COLUMN: the line whose date settled it */
    const char *date_example;/* that date; DATE_FROM_MEMORY: which import it was remembered from */
    int as_of;               /* no last advocacy ask after it; two-digit years around it; DATE_NONE: today */
    int advice;              /* enum value_advice */
};

extern const struct value_ctx value_defaults;

/* Trims surrounding spaces, tabs and line ends in place. */
void value_trim(char *s);
/* True for a cell that means "no data": blank, "N/A", "-", "null"... */
bool value_is_no_data(const char *v);
/* The order a date's own numbers settle (13/5/2027: DATE_DMY, 5/13/2027:
 * DATE_MDY), DATE_AUTO when they settle none or it is no slash date. */
int value_date_order(const struct value_ctx *vc, const char *v);
/* True for a slash date that reads both ways (3/4/2027). */
bool value_date_ambiguous(const struct value_ctx *vc, const char *v);
/* Reads one value of `field` into the account and its bit into *fields
 * (renewal months into *renewal_months); false with *why when it is wrong. */
/* Reads a date as the importer does (the order in force, two-digit years
 * around vc->as_of); false with *why when it is none. */
bool value_date(const struct value_ctx *vc, const char *v, int *day, const char **why);
bool value_read(const struct value_ctx *vc, int field, char *v, struct account *a, unsigned *fields,
                int *renewal_months, const char **why);

/* ---- rows.c ---- */

/* A row kept aside, its fields copied. */
struct held_row {
    long line;
    size_t n;
    char **field;
    size_t *len;
};

struct rowset {
    struct held_row *v;
    size_t n, cap;
};

void rowset_add(struct rowset *s, const struct csv_row *row);
/* Row i as the reader would hand it over (the set keeps its fields). */
struct csv_row rowset_row(const struct rowset *s, size_t i);
void rowset_free(struct rowset *s);

/* ---- dates.c ---- */

/* True for the fields that hold a date. */
bool field_is_date(int f);

/* Per column: the order of its slash dates once a date settled it. */
struct date_cols {
    int n;
    int *order;           /* DATE_MDY, DATE_DMY, or 0 while unsettled */
    long *line;           /* the line whose date settled it */
    char (*example)[24];  /* that date */
    long *waiting;        /* the first line whose date waits for it, 0 for none */
};

void datecols_init(struct date_cols *d, int ncols);
/* Looks at a row's date cells in the columns not settled yet: a date that
 * settles its column settles it (*settled); true when the row must wait,
 * a date of it reading both ways in a column still unsettled. */
bool datecols_scan(struct date_cols *d, const struct value_ctx *vc, const int *col_field, const struct csv_row *row,
                   bool *settled);
/* The order column c's dates are read in, into vc (DATE_AUTO: unsettled). */
void datecols_ctx(const struct date_cols *d, int c, struct value_ctx *vc);
/* The one order every settled column agrees on, 0 when none or they differ. */
int datecols_agreed(const struct date_cols *d);
void datecols_free(struct date_cols *d);

/* ---- seen.c ---- */

/* The names and external ids seen so far in a file, with the line of each:
 * an open addressing table of one entry per slot (a probe reads one cache
 * line), the keys' bytes in an arena. */
struct seen_entry {
    size_t hash;
    long line;
    const char *key;  /* NULL: an empty slot */
};

struct seen {
    struct seen_entry *slot;
    size_t cap, n;
    struct arena *keys;
};

/* Adds key; returns 0, or the line it was first seen on. */
long seen_add(struct seen *s, const char *key, long line);
void seen_free(struct seen *s);

/* ---- writer.c ---- */

/* Reading and checking a row and storing it take about as long each, so
 * the store gets its own thread: the reader hands over checked accounts in
 * batches, the writer puts them in the open transaction. The store is the
 * writer's alone until writer_finish returns. */

#define PUT_BATCH 512
#define PUT_SLOTS 8

struct put_item {
    struct account a;
    unsigned fields;
    int day;       /* the snapshot's day: --as-of, or the row's own date */
    long line;
};

/* What became of one account, for a file that names an account on
 * several rows (one a day): counted once, by what its rows did. */
struct put_outcome {
    long long id;  /* the account's id (a dry run's new account: minus its first line) */
    int how;       /* enum store_put */
};

struct writer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    struct put_item *slot[PUT_SLOTS]; /* full batches, a ring */
    size_t count[PUT_SLOTS];
    size_t head, tail;                /* pushed and taken so far */
    bool done;
    struct put_item *cur;             /* the batch being filled (reader's) */
    size_t ncur;
    /* what the rows go into */
    struct store *st;
    const struct health_model *m;
    unsigned snap;                    /* the snapshot's parts the file has */
    long long import_id;
    /* the writer's results: read after the join */
    int rc;
    long bad_line;
    char err[600];
    int count_of[PUT_KINDS];          /* by enum store_put */
    struct put_outcomes *outcomes;    /* a dated file's, else NULL */
    bool failed;                      /* rc set: read by the reader under mu */
};

/* The outcomes of a dated file's rows, per account. */
struct put_outcomes {
    struct put_outcome *v;
    size_t n, cap;
};
void outcomes_add(struct put_outcomes *o, long long id, int how);
/* Counts each account once: created when a row created it, else updated
 * (or history) when a row changed it, else unchanged; into count[PUT_KINDS]. */
void outcomes_count(struct put_outcomes *o, int *count);
void outcomes_free(struct put_outcomes *o);

/* False when no thread could be started: the caller stores rows itself. */
bool writer_start(struct writer *w, struct store *st, const struct health_model *m, unsigned snap,
                  long long import_id);
/* Hands an account over (the writer frees it); false once the writer has
 * failed, so the reader can stop. */
bool writer_put(struct writer *w, struct account *a, unsigned fields, int day, long line);
/* Waits for the writer to store everything handed over; its rc. */
int writer_finish(struct writer *w);

/* ---- settings.c ---- */

#define IMPORT_MAX_MAPS 64

/* What was remembered for an export, found by its header line. */
struct remembered {
    bool keyed;              /* the header line was seen */
    bool found;              /* settings are remembered for it */
    char key[65];            /* the SHA-256 of the header line, hex */
    char header[1024];       /* the line itself (its start), for people */
    struct export_settings set;
    int date_format;         /* DATE_MDY, DATE_DMY, or 0 */
    struct import_map *maps; /* the remembered --map options */
    int nmaps;
    char **texts;            /* their strings */
};

/* Looks the header line up; 0 (found or not), or an exit status. */
int remembered_load(struct remembered *r, struct store *st, const char *line, size_t len);
/* "--date-format M/D/YYYY, --delimiter ';', --map 'Kunde=name'". */
void remembered_describe(char delimiter, int date_format, const struct import_map *maps, int nmaps, char *out,
                         size_t len);
/* Remembers what this import was read with (a delimiter or date order
 * said, 0 for none; its --map options) for the export's header line. */
int remembered_save(struct store *st, const struct remembered *r, char delimiter, int date_format,
                    const struct import_map *maps, int nmaps, long long import_id);
void remembered_free(struct remembered *r);

/* ---- rejects.c ---- */

/* --skip-bad: the rejected rows as they were (raw cells, the input's
 * delimiter), with every error of the row in a last column (see outfile.h for how the file is written). */
struct rejects {
    struct outfile out;
    char delimiter;  /* the input's */
};

/* Whether the rejects may go to `path`: not the database `db`, not over
 * an existing file without `replace`. 0, or an exit status with err. */
int rejects_check(const char *path, const char *db, bool replace, char *err, size_t errlen);
/* Starts the file with the header's columns and "reason"; 0 or an exit status with err. */
int rejects_open(struct rejects *r, const char *path, const char *db, bool replace, char delimiter, char *const *cols,
                 int ncols, char *err, size_t errlen);
void rejects_write(struct rejects *r, const struct csv_row *row, int ncols, const char *reason);
/* Puts the file in place (keep) or removes it; 0 or an exit status with err. */
int rejects_finish(struct rejects *r, bool keep, char *err, size_t errlen);

#endif
