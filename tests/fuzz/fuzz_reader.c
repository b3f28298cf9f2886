/* libFuzzer harness for the CSV reader alone (fast: no database, no file):
 * any bytes go in; nothing may crash, leak or read out of bounds, and every
 * row handed over must be valid UTF-8, its fields as long as they say, its
 * line inside the input. fuzz_import.c runs the whole importer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/reader.h"
#include "csm/text.h"

static long max_line;

static int check_row(void *ctx, const struct csv_row *row)
{
    (void)ctx;
    if (row->line < 1 || row->line > max_line)
        abort();
    for (size_t i = 0; i < row->n; i++) {
        if (strlen(row->field[i]) != row->len[i])
            abort(); /* a NUL inside a field: the reader refuses those */
        size_t bad;
        /* A seekable stream is looked at whole first: what is not UTF-8 is
         * read as Windows-1252 or refused, UTF-16 is converted, so every
         * field handed over is UTF-8. */
        if (!text_utf8_valid(row->field[i], row->len[i], &bad))
            abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    max_line = (long)size + 1;
    struct reader_result rr;
    int rc = reader_run(f, NULL, check_row, NULL, &rr);
    fclose(f);
    /* A failure says where and what; a success says nothing went wrong. */
    if (rc == 65 && (!rr.error[0] || rr.bad_line < 0 || rr.bad_line > max_line))
        abort();
    if (rc == 0 && rr.error[0])
        abort();
    return 0;
}
