/* libFuzzer harness for the whole importer, into a database in memory: any
 * bytes as a file; nothing may crash, leak or read out of bounds, and a
 * file is taken whole or not at all (the book grows only on success). The
 * reader alone, much faster, is fuzz_reader.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/import.h"
#include "csm/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
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
    if (!w) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, w);
    fclose(w);
    FILE *devnull = fopen("/dev/null", "w");
    long long before = 0, after = 0;
    store_count_accounts(st, &before);
    struct import_options o = {.scoring = &sc, .as_of = 20000, .skip_bad = (size & 1) != 0};
    struct import_result res;
    int rc = import_file(st, path, &o, &res, devnull);
    store_count_accounts(st, &after);
    if (devnull)
        fclose(devnull);
    unlink(path);
    char rejects[64];
    snprintf(rejects, sizeof rejects, "%s.rejects.csv", path);
    unlink(rejects);
    if (rc != 0 && after != before)
        abort(); /* a rejected file left accounts behind */
    return 0;
}
