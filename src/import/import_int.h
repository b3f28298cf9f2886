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
/* A field's name for messages: the field's key, or the component's label. */
const char *field_label(const struct health_model *m, int field);

/* ---- values.c ---- */

/* How values are written in a file: the decimal mark and the date order. */
struct value_ctx {
    bool decimal_comma;  /* a semicolon file: "78,5" and "42.000,00" */
    int date_format;     /* enum import_date_format */
    int as_of;           /* no last advocacy ask after it; DATE_NONE: no limit */
};

extern const struct value_ctx value_defaults;

/* Trims surrounding spaces, tabs and line ends in place. */
void value_trim(char *s);
/* True for a cell that means "no data": blank, "N/A", "-", "null"... */
bool value_is_no_data(const char *v);
/* Reads one value of `field` into the account and its bit into *fields
 * (renewal months into *renewal_months); false with *why when it is wrong. */
bool value_read(const struct value_ctx *vc, int field, char *v, struct account *a, unsigned *fields,
                int *renewal_months, const char **why);

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
    long line;
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
    int as_of;
    long long import_id;
    /* the writer's results: read after the join */
    int rc;
    long bad_line;
    char err[600];
    int count_of[3];                  /* by enum store_put */
    bool failed;                      /* rc set: read by the reader under mu */
};

/* False when no thread could be started: the caller stores rows itself. */
bool writer_start(struct writer *w, struct store *st, const struct health_model *m, unsigned snap, int as_of,
                  long long import_id);
/* Hands an account over (the writer frees it); false once the writer has
 * failed, so the reader can stop. */
bool writer_put(struct writer *w, struct account *a, unsigned fields, long line);
/* Waits for the writer to store everything handed over; its rc. */
int writer_finish(struct writer *w);

/* ---- rejects.c ---- */

/* --skip-bad: the rejected rows as they were, with the reason in a last
 * column (see outfile.h for how the file is written). */
struct rejects {
    struct outfile out;
};

/* Whether the rejects may go to `path`: not the database `db`, not over
 * an existing file without `replace`. 0, or an exit status with err. */
int rejects_check(const char *path, const char *db, bool replace, char *err, size_t errlen);
/* Starts the file with the header's columns and "reason"; 0 or an exit status with err. */
int rejects_open(struct rejects *r, const char *path, const char *db, bool replace, char *const *cols, int ncols,
                 char *err, size_t errlen);
void rejects_write(struct rejects *r, const struct csv_row *row, int ncols, const char *reason);
/* Puts the file in place (keep) or removes it; 0 or an exit status with err. */
int rejects_finish(struct rejects *r, bool keep, char *err, size_t errlen);

#endif
