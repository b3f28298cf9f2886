#ifndef CSM_CSVOUT_H
#define CSM_CSVOUT_H

/* Writing CSV cells that are safe to open in a spreadsheet. */

#include <stdbool.h>
#include <stdio.h>

/* One cell: made safe for a terminal, quoted when needed; text that a
 * spreadsheet would run as a formula (= + - @ tab or CR first) gets a
 * leading apostrophe (OWASP's CSV-injection advice). Numbers (`text` false)
 * are written as they are, so "-5" stays a number. */
void csv_cell(FILE *f, const char *s, bool text);

#endif
