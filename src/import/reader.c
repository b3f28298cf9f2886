#include "csm/reader.h"

#include <csv.h>
#include <errno.h>
#include <sha2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csm/exit.h"
#include "csm/text.h"

struct reader {
    struct csv_parser parser;
    struct csv_row row;
    size_t cap;             /* fields allocated in row */
    size_t *field_cap;
    bool in_row;            /* a row has started but not ended */
    long row_start;         /* line the current row started on */
    long line;              /* the physical line being fed */
    reader_row_fn fn;
    void *ctx;
    int stop;               /* a callback's return, or our own error */
    struct reader_result *res;
};

static void field_too_long(struct reader *r)
{
    snprintf(r->res->error, sizeof r->res->error, "field %zu is longer than %d bytes", r->row.n + 1, READER_MAX_FIELD);
    r->res->bad_line = r->row_start;
    r->stop = EX_DATAERR;
}

/* libcsv keeps the field it is reading in one buffer that it grows as the
 * field grows: refusing to grow it past the field limit makes the limit
 * hold while the field is read, not once it is whole (a quoted field
 * spread over a million lines was buffered entire). One reader runs per
 * thread; the flag says the refusal was ours, not the system's. */
static _Thread_local bool field_capped;

static void *capped_realloc(void *p, size_t n)
{
    if (n > (size_t)READER_MAX_FIELD + 1) {
        field_capped = true;
        return NULL;
    }
    return realloc(p, n);
}

static void add_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    if (r->stop)
        return;
    if (!r->in_row) {
        r->in_row = true;
        r->row_start = r->line;
    }
    if (r->row.n == READER_MAX_FIELDS) {
        snprintf(r->res->error, sizeof r->res->error, "more than %d fields in one row", READER_MAX_FIELDS);
        r->res->bad_line = r->row_start;
        r->stop = EX_DATAERR;
        return;
    }
    if (len > READER_MAX_FIELD) {
        field_too_long(r);
        return;
    }
    /* A NUL would cut the text short wherever it is read as a string: the
     * row is marked, and the importer rejects it (its first such field). */
    const char *nul = len ? memchr(data, 0, len) : NULL;
    if (nul && !r->row.nul_field) {
        r->row.nul_field = r->row.n + 1;
        r->row.nul_byte = (size_t)(nul - (const char *)data) + 1;
    }
    if (r->row.n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        r->row.field = xrealloc(r->row.field, cap * sizeof *r->row.field);
        r->row.len = xrealloc(r->row.len, cap * sizeof *r->row.len);
        r->field_cap = xrealloc(r->field_cap, cap * sizeof *r->field_cap);
        for (size_t i = r->cap; i < cap; i++) {
            r->row.field[i] = NULL;
            r->field_cap[i] = 0;
        }
        r->cap = cap;
    }
    size_t i = r->row.n++;
    if (r->field_cap[i] < len + 1) {
        r->field_cap[i] = len + 1 < 32 ? 32 : len + 1;
        r->row.field[i] = xrealloc(r->row.field[i], r->field_cap[i]);
    }
    if (len)
        memcpy(r->row.field[i], data, len);
    r->row.field[i][len] = '\0';
    r->row.len[i] = len;
}

static void end_row(int c, void *ctx)
{
    (void)c;
    struct reader *r = ctx;
    if (r->stop)
        return;
    if (r->row.n) {
        r->row.line = r->row_start;
        int rc = r->fn(r->ctx, &r->row);
        if (rc)
            r->stop = rc;
    }
    r->row.n = 0;
    r->row.nul_field = 0;
    r->row.nul_byte = 0;
    r->in_row = false;
}

/* Spaces around fields are kept: the importer trims, and a tab may be the delimiter. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static char detect_delimiter(const char *line, size_t n)
{
    static const char cand[] = {',', ';', '\t', '|'};
    size_t best = 0, count[4] = {0};
    bool quoted = false;
    for (size_t i = 0; i < n && line[i] != '\n' && line[i] != '\r'; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        for (size_t k = 0; k < 4 && !quoted; k++)
            if (line[i] == cand[k])
                count[k]++;
    }
    for (size_t k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = k;
    return count[best] ? cand[best] : ',';
}

/* Feeds one physical line (with its terminator) to the parser. */
static int feed(struct reader *r, const char *s, size_t n)
{
    bool blank = true;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\n' && s[i] != '\r') {
            blank = false;
            break;
        }
    if (!r->in_row && !blank) {
        r->in_row = true;
        r->row_start = r->line;
    }
    if (csv_parse(&r->parser, s, n, add_field, end_row, r) != n && !r->stop) {
        if (csv_error(&r->parser) == CSV_ENOMEM && field_capped) {
            field_too_long(r);
        } else {
            snprintf(r->res->error, sizeof r->res->error, "malformed quoting (%s)",
                     csv_strerror(csv_error(&r->parser)));
            r->res->bad_line = r->line;
            r->stop = EX_DATAERR;
        }
    }
    return r->stop;
}

const char *reader_encoding_name(int encoding)
{
    static const char *const n[] = {"UTF-8", "UTF-8 with a byte-order mark", "UTF-16LE", "UTF-16BE",
                                    "Windows-1252"};
    return encoding >= 0 && encoding <= ENC_CP1252 ? n[encoding] : "?";
}

/* Windows-1252's 0x80-0x9F as Unicode; 0 where it defines nothing. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Length of a well-formed UTF-8 sequence at s (n bytes available), 0 when
 * malformed, -1 when it may be complete with more bytes. */
static int utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    int len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (len <= 1)
        return len;
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

/* One pass over a seekable stream to tell UTF-8 from Windows-1252, to
 * find NUL bytes and to hash the bytes (so an import can tell a file it
 * has read before, before the first row); the stream is rewound. Returns
 * 0 or 65 with the reason; *bytes is how many it read. */
static int sniff(FILE *in, struct reader_result *res, bool *cp1252, SHA2_CTX *hash, long long *bytes)
{
    enum { N = 1 << 16 };
    unsigned char *buf = xmalloc(N + 4);
    size_t carry = 0, got;
    long line = 1, bad_line = 0;
    long col = 0, bad_col = 0;
    bool multibyte = false, undefined = false, invalid = false;
    int rc = 0;
    while ((got = fread(buf + carry, 1, N, in)) > 0 || carry) {
        SHA256Update(hash, buf + carry, got);
        *bytes += (long long)got;
        size_t n = carry + got, i = 0;
        bool eof = got == 0;
        carry = 0;
        while (i < n) {
            unsigned char c = buf[i];
            if (c == 0) {
                snprintf(res->error, sizeof res->error,
                         "a NUL byte at byte %ld of the line: this is not a text file (UTF-16 needs its byte-order mark)",
                         col + 1);
                res->bad_line = line;
                rc = EX_DATAERR;
                goto done;
            }
            if (c < 0x80) {
                if (c == '\n' || (c == '\r' && !(i + 1 < n && buf[i + 1] == '\n'))) {
                    line++;
                    col = 0;
                } else {
                    col++;
                }
                i++;
                continue;
            }
            int len = utf8_seq(buf + i, n - i);
            if (len < 0 && !eof) {
                carry = n - i;
                memmove(buf, buf + i, carry);
                break;
            }
            if (len > 1) {
                multibyte = true;
                i += (size_t)len;
                col += len;
                continue;
            }
            if (!invalid) {
                invalid = true;
                bad_line = line;
                bad_col = col;
            }
            if (c >= 0x80 && c <= 0x9F && !cp1252_high[c - 0x80])
                undefined = true;
            i++;
            col++;
        }
        if (eof)
            break;
    }
    if (ferror(in)) {
        snprintf(res->error, sizeof res->error, "read error");
        rc = EX_IOERR;
    } else if (invalid && (multibyte || undefined)) {
        snprintf(res->error, sizeof res->error,
                 "byte %ld of the line is not valid UTF-8, and the file is not Windows-1252 either: save it as "
                 "UTF-8 (CSV UTF-8 in Excel)", bad_col + 1);
        res->bad_line = bad_line;
        rc = EX_DATAERR;
    }
    *cp1252 = invalid && !rc;
done:
    free(buf);
    if (!rc && fseek(in, 0, SEEK_SET) != 0) {
        snprintf(res->error, sizeof res->error, "cannot read the file twice: %s", strerror(errno));
        rc = EX_IOERR;
    }
    return rc;
}

struct decoder {
    int enc;
    unsigned char carry[4];
    size_t ncarry;
    uint32_t high;          /* a UTF-16 high surrogate waiting for its pair */
    long line;              /* for errors */
};

/* Converts raw bytes to UTF-8 in out (room for 3 bytes per input byte + 4).
 * Returns the bytes written, or -1 on malformed UTF-16. */
static long decode(struct decoder *d, const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    if (d->enc == ENC_UTF8 || d->enc == ENC_UTF8_BOM) {
        memcpy(out, in, n);
        return (long)n;
    }
    if (d->enc == ENC_CP1252) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = in[i];
            o += text_put_utf8(c >= 0x80 && c <= 0x9F ? cp1252_high[c - 0x80] : c, out + o);
        }
        return (long)o;
    }
    for (size_t i = 0; i < n; i++) {
        d->carry[d->ncarry++] = in[i];
        if (d->ncarry < 2)
            continue;
        uint32_t u = d->enc == ENC_UTF16LE ? (uint32_t)(d->carry[0] | d->carry[1] << 8)
                                           : (uint32_t)(d->carry[0] << 8 | d->carry[1]);
        d->ncarry = 0;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (d->high)
                return -1;
            d->high = u;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            if (!d->high)
                return -1;
            u = 0x10000 + ((d->high - 0xD800) << 10) + (u - 0xDC00);
            d->high = 0;
        } else if (d->high) {
            return -1;
        }
        if (u == 0)
            return -1;
        o += text_put_utf8(u, out + o);
    }
    return (long)o;
}

int reader_run(FILE *in, const struct reader_options *opt, reader_row_fn fn, void *ctx,
               struct reader_result *res)
{
    struct reader r;
    memset(&r, 0, sizeof r);
    memset(res, 0, sizeof *res);
    r.fn = fn;
    r.ctx = ctx;
    r.res = res;
    r.line = 1;
    enum { CHUNK = 1 << 16 };
    unsigned char *raw = xmalloc(CHUNK);
    char *buf = xmalloc(CHUNK * 3 + 8);
    struct decoder dec = {0};
    SHA2_CTX hash; /* of the bytes as read: which file an import took */
    SHA256Init(&hash);
    bool hashed = false;          /* sniff hashed every byte */
    long long sniffed = 0, bytes = 0, size = 0;
    struct stat sb;
    if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
        size = (long long)sb.st_size;

    /* The byte-order mark, or a look at every byte, says what the text is. */
    size_t got = fread(raw, 1, CHUNK, in);
    size_t skip = 0;
    if (got >= 2 && raw[0] == 0xFF && raw[1] == 0xFE) {
        dec.enc = ENC_UTF16LE;
        skip = 2;
    } else if (got >= 2 && raw[0] == 0xFE && raw[1] == 0xFF) {
        dec.enc = ENC_UTF16BE;
        skip = 2;
    } else {
        if (got >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
            dec.enc = ENC_UTF8_BOM;
            skip = 3;
        }
        bool cp1252 = false;
        if (fseek(in, 0, SEEK_SET) == 0) {
            r.stop = sniff(in, res, &cp1252, &hash, &sniffed);
            if (!r.stop && cp1252)
                dec.enc = ENC_CP1252;
            if (!r.stop) {
                hashed = true;
                SHA2_CTX copy = hash;
                SHA256End(&copy, res->sha256);
                if (opt && opt->early_hash)
                    r.stop = opt->early_hash(ctx, res->sha256);
            }
            if (!r.stop)
                got = fread(raw, 1, CHUNK, in);
        }
        /* A stream that cannot seek is taken as UTF-8; the importer still
         * checks every field. */
    }
    res->encoding = dec.enc;
    if (!r.stop && csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        snprintf(res->error, sizeof res->error, "out of memory");
        r.stop = CSM_EXIT_FAIL;
    }
    bool parser_on = !r.stop;
    if (parser_on) {
        csv_set_space_func(&r.parser, no_space);
        field_capped = false;
        csv_set_realloc_func(&r.parser, capped_realloc);
        csv_set_blk_size(&r.parser, 4096);
    }

    bool first = true;
    char last = 0;      /* the byte before buf[0], to count CRLF as one line end */
    size_t line_len = 0;
    while (!r.stop && got > 0) {
        if (!hashed)
            SHA256Update(&hash, raw, got);
        bytes += (long long)got;
        long n = decode(&dec, raw + skip, got - skip, buf);
        skip = 0;
        if (n < 0) {
            snprintf(res->error, sizeof res->error, "malformed UTF-16 (a broken surrogate pair or a NUL)");
            res->bad_line = r.line;
            r.stop = EX_DATAERR;
            break;
        }
        size_t i = 0, len = (size_t)n;
        if (first && len) {
            char d = opt ? opt->delimiter : 0;
            if (opt && opt->header_line) {
                size_t h = 0;
                while (h < len && buf[h] != '\n' && buf[h] != '\r')
                    h++;
                char said = opt->header_line(ctx, buf, h);
                if (!d)
                    d = said;
            }
            res->delimiter = d ? d : detect_delimiter(buf, len);
            csv_set_delim(&r.parser, (unsigned char)res->delimiter);
            first = false;
        }
        /* Feed line by line so every row knows the line it started on; a
         * line cut by the chunk boundary is fed in two pieces. */
        while (i < len && !r.stop) {
            size_t j = i;
            while (j < len && buf[j] != '\n' && buf[j] != '\r')
                j++;
            line_len += j - i;
            if (line_len > READER_MAX_LINE) {
                snprintf(res->error, sizeof res->error, "the line is longer than %d bytes", READER_MAX_LINE);
                res->bad_line = r.line;
                r.stop = EX_DATAERR;
                break;
            }
            if (j == len) {
                feed(&r, buf + i, j - i);
                break;
            }
            feed(&r, buf + i, j + 1 - i);
            char prev = j > 0 ? buf[j - 1] : last;
            if (!(buf[j] == '\n' && j == i && prev == '\r'))
                r.line++;
            line_len = 0;
            i = j + 1;
        }
        if (len)
            last = buf[len - 1];
        /* After the chunk's rows: the count and the share agree. */
        if (opt && opt->progress && !r.stop)
            opt->progress(ctx, bytes, size);
        got = fread(raw, 1, CHUNK, in);
    }
    if (!r.stop && ferror(in)) {
        snprintf(res->error, sizeof res->error, "read error");
        r.stop = EX_IOERR;
    }
    if (!r.stop && (dec.ncarry || dec.high)) {
        snprintf(res->error, sizeof res->error, "the UTF-16 text ends in the middle of a character");
        res->bad_line = r.line;
        r.stop = EX_DATAERR;
    }
    if (!r.stop && parser_on && csv_fini(&r.parser, add_field, end_row, &r) != 0 && !r.stop) {
        snprintf(res->error, sizeof res->error, "a quoted field is not closed before the end of the file");
        res->bad_line = r.row_start;
        r.stop = EX_DATAERR;
    }
    if (!r.stop && hashed && bytes != sniffed) {
        snprintf(res->error, sizeof res->error,
                 "the file changed while it was read (%lld bytes, then %lld): import it again once it is complete",
                 sniffed, bytes);
        r.stop = EX_IOERR;
    }
    res->lines = r.line;
    if (!hashed)
        SHA256End(&hash, res->sha256); /* lower-case hex, as stored before */
    free(buf);
    free(raw);
    for (size_t i = 0; i < r.cap; i++)
        free(r.row.field[i]);
    free(r.row.field);
    free(r.row.len);
    free(r.field_cap);
    if (parser_on)
        csv_free(&r.parser);
    return r.stop;
}
