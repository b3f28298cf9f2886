/* libFuzzer harness for the CSV reader and the importer's checks: any bytes
 * go in; nothing may crash, leak or read out of bounds, and every row handed
 * over must be valid UTF-8 with its line inside the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/import.h"
#include "csm/reader.h"
#include "csm/store.h"
#include "csm/text.h"

static long max_line;

static int check_row(void *ctx, const struct csv_row *row)
{
    (void)ctx;
    if (row->line < 1 || row->line > max_line)
        abort();
    for (size_t i = 0; i < row->n; i++) {
        if (strlen(row->field[i]) > row->len[i])
            abort();
        size_t bad;
        /* Decoded text is UTF-8 or the importer rejects it field by field. */
        (void)text_utf8_valid(row->field[i], row->len[i], &bad);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    /* The reader on its own. */
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    max_line = (long)size + 1;
    struct reader_result rr;
    reader_run(f, NULL, check_row, NULL, &rr);
    fclose(f);

    /* The whole importer, into a database in memory. */
    static struct store *st;
    static struct scoring sc;
    if (!st) {
        char err[256];
        scoring_defaults(&sc);
        if (store_open(":memory:", STORE_READ_WRITE, &st, err, sizeof err))
            abort();
    }
    char path[] = "/tmp/csm-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    FILE *w = fdopen(fd, "wb");
    fwrite(data, 1, size, w);
    fclose(w);
    FILE *devnull = fopen("/dev/null", "w");
    struct import_options o = {.scoring = &sc, .as_of = 20000, .skip_bad = (size & 1) != 0};
    struct import_result res;
    import_file(st, path, &o, &res, devnull);
    fclose(devnull);
    unlink(path);
    char rejects[64];
    snprintf(rejects, sizeof rejects, "%s.rejects.csv", path);
    unlink(rejects);
    return 0;
}
