#ifndef CSM_READER_H
#define CSM_READER_H

/* The CSV reader: bytes in, rows out, each with the physical line it starts
 * on. It wraps libcsv (the only code that includes csv.h) and does the byte
 * level work: byte-order marks, line endings, length limits. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define READER_MAX_FIELD 65536   /* bytes in one field */
#define READER_MAX_FIELDS 512    /* fields in one row */
#define READER_MAX_LINE (1 << 20) /* bytes in one physical line */

/* What the bytes were; the rows are always handed over in UTF-8. */
enum reader_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_UTF16LE, ENC_UTF16BE, ENC_CP1252 };

struct csv_row {
    long line;        /* physical line the row starts on, from 1 */
    size_t n;         /* fields */
    char **field;     /* NUL-terminated, as read (not trimmed) */
    size_t *len;
    size_t nul_field; /* the first field (from 1) that holds a NUL byte, 0 for none */
    size_t nul_byte;  /* where in it (from 1) */
};

/* Called for every row; a non-zero return stops the reader with that value. */
typedef int (*reader_row_fn)(void *ctx, const struct csv_row *row);

struct reader_options {
    char delimiter;   /* 0: detect from the first line (comma, semicolon, tab, pipe) */
    /* With the callbacks' ctx (the row function's), each optional:
     * - header_line: the first line (UTF-8, without its end) before the
     *   delimiter is chosen; returns the one to use, 0 to detect it;
     * - early_hash: the SHA-256 of the bytes, when it is known before the
     *   first row (a seekable file is read twice); non-zero stops the
     *   reader with that value;
     * - progress: the bytes read so far and the size (0: unknown), once a
     *   chunk, after its rows were handed over. */
    char (*header_line)(void *ctx, const char *line, size_t len);
    int (*early_hash)(void *ctx, const char *sha256);
    void (*progress)(void *ctx, long long bytes, long long size);
};

struct reader_result {
    char delimiter;   /* the one used */
    int encoding;     /* enum reader_encoding */
    long lines;       /* physical lines read */
    char sha256[65];  /* of the bytes read, as hex */
    long bad_line;    /* where a reader error happened, 0 for none */
    char error[256];  /* the reader error, empty for none */
};

/* Reads the whole stream. A seekable stream that is not valid UTF-8 is read
 * as Windows-1252 when that is the only sensible reading (no byte that
 * Windows-1252 leaves undefined, no well-formed UTF-8 sequence beside the
 * bad ones), else refused; UTF-16 with a byte-order mark is converted. NUL
 * bytes are refused in a seekable stream's first look, and every field that
 * still holds one (a pipe, a file that grew meanwhile) marks its row; a
 * seekable file that changes between the two reads is refused (74). A
 * field longer than READER_MAX_FIELD stops the reader while it is read.
 * Returns 0, a callback's non-zero value, or 65 for malformed input (with
 * result->error and result->bad_line set). */
int reader_run(FILE *in, const struct reader_options *opt, reader_row_fn fn, void *ctx,
               struct reader_result *result);

const char *reader_encoding_name(int encoding);

#endif
