#ifndef CSM_WATCH_H
#define CSM_WATCH_H

/* What an import changed that a CSM should look at: a report over the
 * store's record of the import. */

#include <stdio.h>

#include "csm/model.h"

struct store;

/* Prints the accounts that turned red, lost 10 points of health or more, or
 * whose renewal is now within the red months, ten of each kind and then how
 * many more. 0, or an exit status (message in store_error). */
int watch_import(struct store *st, const struct scoring *sc, long long import_id, int as_of, FILE *out);

#endif
