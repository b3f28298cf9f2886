/* csm list: the portfolio, one account a row, as a table, CSV or JSON,
 * every column and value from the book's column table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csm/book.h"
#include "csm/cli.h"
#include "csm/date.h"
#include "csm/prefetch.h"
#include "csm/text.h"

/* ---- CSV: each row built in one buffer and written at once (a million
 * rows of a dozen stdio calls each was most of the time) ---- */

struct line {
    FILE *f;
    size_t n;
    char buf[2048];
};

static void line_flush(struct line *l)
{
    if (l->n)
        fwrite(l->buf, 1, l->n, l->f);
    l->n = 0;
}

/* Room for k more bytes. */
static char *line_room(struct line *l, size_t k)
{
    if (l->n + k > sizeof l->buf)
        line_flush(l);
    return l->buf + l->n;
}

static void line_str(struct line *l, const char *s)
{
    size_t k = strlen(s);
    if (k > sizeof l->buf) { /* longer than any word of csm's: straight out */
        line_flush(l);
        fwrite(s, 1, k, l->f);
        return;
    }
    memcpy(line_room(l, k), s, k);
    l->n += k;
}

static void line_char(struct line *l, char c)
{
    *line_room(l, 1) = c;
    l->n++;
}

/* The digits of u, at least `digits` of them. */
static void line_digits(struct line *l, unsigned long long u, int digits)
{
    char tmp[24];
    int k = 0;
    do
        tmp[k++] = (char)('0' + u % 10);
    while ((u /= 10) || k < digits);
    char *o = line_room(l, (size_t)k);
    for (int j = 0; j < k; j++)
        o[j] = tmp[k - 1 - j];
    l->n += (size_t)k;
}

static unsigned long long magnitude(long long v) { return v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v; }

/* v in units of 1/scale: whole, then the fraction when there is one. */
static void line_fixed(struct line *l, long long v, unsigned scale, int digits)
{
    if (v < 0)
        line_char(l, '-');
    unsigned long long u = magnitude(v);
    line_digits(l, u / scale, 1);
    if (u % scale) {
        line_char(l, '.');
        line_digits(l, u % scale, digits);
    }
}

static void csv_value(struct line *l, const struct book_value *v)
{
    switch (v->type) {
    case BV_NULL: break;
    case BV_INT: line_fixed(l, v->i, 1, 0); break;
    case BV_CENTS: line_fixed(l, v->i, 100, 2); break;
    case BV_TENTHS: line_fixed(l, v->i, 10, 1); break;
    case BV_DATE:
        date_format((int)v->i, line_room(l, 11));
        l->n += 10;
        break;
    case BV_REAL: {
        char num[32];
        snprintf(num, sizeof num, "%.15g", v->r);
        line_str(l, num);
        break;
    }
    case BV_BOOL: line_str(l, v->i ? "yes" : "no"); break;
    case BV_WORD: line_str(l, v->s); break;
    case BV_TEXT: /* made safe and quoted by the one CSV cell writer */
        line_flush(l);
        csv_cell(l->f, v->s, true);
        break;
    case BV_WORDS:
        for (int k = 0; k < v->n; k++) {
            if (k)
                line_char(l, ' ');
            line_str(l, v->w[k]);
        }
        break;
    }
}

static void csv_header(FILE *f, const struct book *b, const struct book_col *cols, int ncols)
{
    bool first = true;
    for (int c = 0; c < ncols; c++)
        for (int k = 0; k < 2 && cols[c].def->fields[k] != BF_NONE; k++) {
            fprintf(f, "%s%s", first ? "" : ",", book_field_key(b, cols[c].def->fields[k], cols[c].comp));
            first = false;
        }
    fputc('\n', f);
}

static void csv_row(struct line *l, const struct book *b, size_t i, const struct book_col *cols, int ncols)
{
    bool first = true;
    for (int c = 0; c < ncols; c++)
        for (int k = 0; k < 2 && cols[c].def->fields[k] != BF_NONE; k++) {
            struct book_value v;
            book_value(b, i, cols[c].def->fields[k], cols[c].comp, &v);
            if (!first)
                line_char(l, ',');
            csv_value(l, &v);
            first = false;
        }
    line_char(l, '\n');
    line_flush(l);
}

/* ---- the table: the interface's cells, fitted to the columns' widths ---- */

static void table_header(FILE *f, const struct book_col *cols, int ncols, bool color)
{
    char cell[512];
    if (color)
        fputs(ansi(CLR_HEADER), f);
    for (int c = 0; c < ncols; c++) {
        const struct book_col_def *d = cols[c].def;
        if (d->fit == BCW_REST) { /* the last column: not padded */
            fprintf(f, " %s", cols[c].title);
            continue;
        }
        text_fit(cols[c].title, d->width, d->right, cell, sizeof cell);
        fprintf(f, "%s%s", c ? " " : "", cell);
    }
    fputs(color ? "\033[0m\n" : "\n", f);
}

static void table_row(FILE *f, const struct book *b, size_t i, const struct book_col *cols, int ncols, bool color,
                      bool ascii)
{
    char cell[512];
    struct cell cl;
    for (int c = 0; c < ncols; c++) {
        const struct book_col_def *d = cols[c].def;
        book_cell(b, i, &cols[c], ascii, &cl);
        const char *on = color ? ansi(cl.color) : "";
        if (d->fit == BCW_REST) { /* the last column: no padding, no cut */
            if (cl.text[0])
                fprintf(f, " %s%s%s", on, cl.text, *on ? "\033[0m" : "");
            continue;
        }
        text_fit(cl.text, d->width, d->right, cell, sizeof cell);
        fprintf(f, "%s%s%s%s", c ? " " : "", on, cell, *on ? "\033[0m" : "");
    }
    fputc('\n', f);
}

/* The rows come in the names' order, the accounts in the book's: fetching
 * a few rows ahead keeps a shuffled book from waiting on memory for each
 * of a million accounts. */
static void prefetch_row(const struct book *b, const size_t *rows, size_t k)
{
    /* Every cache line of the account and its verdict: a row reads most of them. */
    if (k + 16 < b->n) {
        const char *a = (const char *)&b->acc[rows[k + 16]], *v = (const char *)&b->v[rows[k + 16]];
        for (size_t o = 0; o < sizeof *b->acc; o += 64)
            PREFETCH(a + o);
        for (size_t o = 0; o < sizeof *b->v; o += 64)
            PREFETCH(v + o);
    }
    if (k + 8 < b->n)
        PREFETCH(b->acc[rows[k + 8]].name);
}

/* The accounts in the order of their names, as the interface sorts its
 * name column: natural order, "Customer 2" before "Customer 10". */
static size_t *by_name(const struct book *b, const struct book_col *cols, int ncols)
{
    size_t *rows = xmalloc((b->n ? b->n : 1) * sizeof *rows);
    for (size_t i = 0; i < b->n; i++)
        rows[i] = i;
    for (int c = 0; c < ncols; c++)
        if (cols[c].def->fields[0] == BF_NAME) {
            book_sort_rows(b, &cols[c], false, rows, b->n);
            break;
        }
    return rows;
}

int cmd_list(struct cli *cli)
{
    const char *format = NULL, *output = NULL, *owner = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL},
                               {"--owner", true, &owner, NULL}, {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "list", opts);
    if (rc)
        return rc;
    if (!format)
        format = output || !isatty_stdout() ? "csv" : "table";
    static const char *const fmts[] = {"table", "csv", "json", NULL};
    if ((rc = check_format("list", format, fmts)))
        return rc;
    struct store *st;
    struct book b;
    FILE *f;
    /* With history: trends and usage drops, so the flags agree with csm flags. */
    if ((rc = open_report(cli, output, &st, &b, &f)))
        return rc;
    if ((rc = keep_owner(&b, owner)))
        return close_report(st, &b, f, output, rc);
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&cli->scoring, cols);
    size_t *rows = by_name(&b, cols, ncols);
    if (strcmp(format, "json") == 0) {
        json_stream_begin(f);
        for (size_t k = 0; k < b.n && !rc; k++) {
            prefetch_row(&b, rows, k);
            rc = json_stream_item(f, account_json(&b, rows[k]), k == 0);
        }
        json_stream_end(f, b.n == 0);
    } else if (strcmp(format, "csv") == 0) {
        csv_header(f, &b, cols, ncols);
        struct line l = {.f = f};
        for (size_t k = 0; k < b.n; k++) {
            prefetch_row(&b, rows, k);
            csv_row(&l, &b, rows[k], cols, ncols);
        }
    } else {
        bool color = use_color(f);
        if (b.n == 0)
            fprintf(stderr, "csm: no accounts yet: import a health-score export with 'csm import FILE'\n");
        else
            table_header(f, cols, ncols, color);
        for (size_t k = 0; k < b.n; k++) {
            prefetch_row(&b, rows, k);
            table_row(f, &b, rows[k], cols, ncols, color, false);
        }
    }
    free(rows);
    return close_report(st, &b, f, output, rc);
}
