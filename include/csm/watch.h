#ifndef CSM_WATCH_H
#define CSM_WATCH_H

/* What an import changed that a CSM should look at: worked out from the
 * store's journal of the import and the model's verdicts before and after
 * it, kept with the import, and told again on request. */

#include <stdio.h>

#include "csm/model.h"

struct store;

/* The kinds of change, in the order they are told. */
enum watch_kind {
    W_RED,       /* health turned red */
    W_DROP,      /* health fell 10 points or more (not to red) */
    W_USAGE,     /* the model's usage drop, new with this import */
    W_RENEWED,   /* the renewal date moved on by a term or more */
    W_MOVED,     /* the renewal date moved otherwise */
    W_SOON,      /* the renewal entered the red months */
    W_NEW,       /* a new account (not on a book's first import) */
    W_CANDIDATE, /* a new case-study candidate */
    W_MISSING,   /* in the book, not in this export */
    W_KINDS
};

/* Accounts of each kind told by name; the rest are counted. */
#define WATCH_SHOWN 10
/* A health drop worth telling, in points. */
#define WATCH_DROP_POINTS 10

/* The kind's word as kept in the store ("red", "drop", ...), and back. */
const char *watch_kind_key(int kind);
int watch_kind_parse(const char *key);

/* Works out what import `import_id` (of day `as_of`) changed, keeps it
 * with the import (store_load_changes reads it back) and prints it to
 * `out` (NULL: not printed). Against each account's latest snapshot
 * before the import, the one it replaced when the day is the same. 0, or
 * an exit status (message in store_error). */
int watch_import(struct store *st, const struct scoring *sc, long long import_id, int as_of, FILE *out);

/* Prints the changes kept with an import, as watch_import printed them;
 * says so when none were kept (an import by an older csm). */
int watch_show(struct store *st, long long import_id, FILE *out);

#endif
