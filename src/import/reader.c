#include "csm/reader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

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
        r->stop = 65;
        return;
    }
    if (len > READER_MAX_FIELD) {
        snprintf(r->res->error, sizeof r->res->error, "field %zu is longer than %d bytes", r->row.n + 1,
                 READER_MAX_FIELD);
        r->res->bad_line = r->row_start;
        r->stop = 65;
        return;
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
        snprintf(r->res->error, sizeof r->res->error, "malformed quoting (%s)", csv_strerror(csv_error(&r->parser)));
        r->res->bad_line = r->line;
        r->stop = 65;
    }
    return r->stop;
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
    if (csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        snprintf(res->error, sizeof res->error, "out of memory");
        return 1;
    }
    csv_set_space_func(&r.parser, no_space);

    enum { CHUNK = 1 << 16 };
    char *buf = xmalloc(CHUNK);
    bool first = true;
    char last = 0; /* the byte before buf[0], to count CRLF as one line end */
    while (!r.stop) {
        size_t got = fread(buf, 1, CHUNK, in);
        if (got == 0) {
            if (ferror(in)) {
                snprintf(res->error, sizeof res->error, "read error");
                r.stop = 74;
            }
            break;
        }
        size_t i = 0;
        if (first) {
            if (got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                i = 3;
            res->delimiter = opt && opt->delimiter ? opt->delimiter : detect_delimiter(buf + i, got - i);
            csv_set_delim(&r.parser, (unsigned char)res->delimiter);
            first = false;
        }
        /* Feed line by line so every row knows the line it started on; a
         * line cut by the chunk boundary is fed in two pieces. */
        while (i < got && !r.stop) {
            size_t j = i;
            while (j < got && buf[j] != '\n' && buf[j] != '\r')
                j++;
            if (j == got) {
                feed(&r, buf + i, j - i);
                break;
            }
            feed(&r, buf + i, j + 1 - i);
            char prev = j > 0 ? buf[j - 1] : last;
            if (!(buf[j] == '\n' && j == i && prev == '\r'))
                r.line++;
            i = j + 1;
        }
        last = buf[got - 1];
    }
    if (!r.stop && csv_fini(&r.parser, add_field, end_row, &r) != 0 && !r.stop) {
        snprintf(res->error, sizeof res->error, "a quoted field is not closed before the end of the file");
        res->bad_line = r.row_start;
        r.stop = 65;
    }
    res->lines = r.line;
    free(buf);
    for (size_t i = 0; i < r.cap; i++)
        free(r.row.field[i]);
    free(r.row.field);
    free(r.row.len);
    free(r.field_cap);
    csv_free(&r.parser);
    return r.stop;
}
