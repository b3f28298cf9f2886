/* The commands that read and change the book from the shell. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common.h"
#include "csm/book.h"
#include "csm/cli.h"
#include "csm/date.h"
#include "csm/import.h"
#include "csm/money.h"
#include "csm/path.h"
#include "csm/store.h"
#include "csm/text.h"

/* ---- list ---- */

/* Appending to a line that has room (the caller sizes it). */
static char *put_str(char *o, const char *s)
{
    if (!s)
        return o;
    size_t n = strlen(s);
    memcpy(o, s, n);
    return o + n;
}

static char *put_int(char *o, long long v)
{
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do
        tmp[n++] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *o++ = '-';
    while (n)
        *o++ = tmp[--n];
    return o;
}

static void table_header(FILE *f, const struct book_col *cols, int ncols, bool color)
{
    char cell[512];
    if (color)
        fputs(ansi(CLR_HEADER), f);
    for (int c = 0; c < ncols; c++) {
        if (cols[c].kind == BC_FLAGS) { /* the last column: not padded */
            fprintf(f, " %s", cols[c].title);
            continue;
        }
        text_fit(cols[c].title, cols[c].width, cols[c].right, cell, sizeof cell);
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
        book_cell(b, i, &cols[c], ascii, &cl);
        if (cols[c].kind == BC_FLAGS) { /* the last column: no padding, no cut */
            if (cl.text[0])
                fprintf(f, " %s%s%s", color ? ansi(cl.color) : "", cl.text, color && *ansi(cl.color) ? "\033[0m" : "");
            continue;
        }
        text_fit(cl.text, cols[c].width, cols[c].right, cell, sizeof cell);
        const char *on = color ? ansi(cl.color) : "";
        fprintf(f, "%s%s%s%s", c ? " " : "", on, cell, *on ? "\033[0m" : "");
    }
    fputc('\n', f);
}

int cmd_list(struct cli *cli)
{
    const char *format = NULL, *output = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL}, {NULL, 0, 0, 0}};
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
    struct book_col cols[BOOK_MAX_COLS];
    int ncols = book_columns(&cli->scoring, cols);
    if (strcmp(format, "json") == 0) {
        json_stream_begin(f);
        for (size_t i = 0; i < b.n && !rc; i++)
            rc = json_stream_item(f, account_json(&b, i), i == 0);
        json_stream_end(f, b.n == 0);
    } else if (strcmp(format, "csv") == 0) {
        fputs("name,segment,term_years,acv,renewal_date,months_to_renewal,trend,health,health_band", f);
        for (int c = 0; c < cli->scoring.model.ncomp; c++)
            fprintf(f, ",%s", cli->scoring.model.comp[c].key);
        fputs(",flags,stale\n", f);
        /* The fields after the name are built in one line and written at
         * once: a million rows of a dozen stdio calls each was most of it. */
        for (size_t i = 0; i < b.n; i++) {
            const struct account *a = &b.acc[i];
            const struct verdict *v = &b.v[i];
            char line[512], *o = line;
            csv_cell(f, a->name, true);
            o = put_str(o, ",");
            o = put_str(o, segment_name(v->segment));
            o = put_str(o, ",");
            if (a->term_years >= 0)
                o = put_int(o, a->term_years);
            o = put_str(o, ",");
            if (a->acv_cents >= 0) {
                o = put_int(o, a->acv_cents / 100);
                if (a->acv_cents % 100) {
                    *o++ = '.';
                    *o++ = (char)('0' + a->acv_cents % 100 / 10);
                    *o++ = (char)('0' + a->acv_cents % 10);
                }
            }
            o = put_str(o, ",");
            if (a->renewal != DATE_NONE) {
                date_format(a->renewal, o);
                o += strlen(o);
            }
            o = put_str(o, ",");
            if (v->months != MONTHS_UNKNOWN)
                o = put_int(o, v->months);
            o = put_str(o, ",");
            o = put_str(o, trend_name(v->trend));
            o = put_str(o, ",");
            if (v->health >= 0)
                o = put_int(o, v->health);
            o = put_str(o, ",");
            o = put_str(o, v->band >= 0 ? band_name(v->band) : "");
            for (int c = 0; c < cli->scoring.model.ncomp; c++) {
                int s = a->score[c];
                o = put_str(o, ",");
                if (s != SCORE_NONE) {
                    o = put_int(o, s / 10);
                    if (s % 10) {
                        *o++ = '.';
                        *o++ = (char)('0' + s % 10);
                    }
                }
            }
            o = put_str(o, ",");
            for (int k = 0; k < v->nflags; k++) {
                if (k)
                    o = put_str(o, " ");
                o = put_str(o, flag_kind_name(v->flag[k].kind));
            }
            o = put_str(o, book_stale(&b, i) ? ",yes" : ",no");
            *o++ = '\n';
            fwrite(line, 1, (size_t)(o - line), f);
        }
    } else {
        bool color = use_color(f);
        if (b.n == 0)
            fprintf(stderr, "csm: no accounts yet: import a health-score export with 'csm import FILE'\n");
        else
            table_header(f, cols, ncols, color);
        for (size_t i = 0; i < b.n; i++)
            table_row(f, &b, i, cols, ncols, color, false);
    }
    return close_report(st, &b, f, output, rc);
}

/* ---- config ---- */

int cmd_config(struct cli *cli)
{
    if (cli->argc) {
        cli_error("'config' takes no arguments (see csm config --help)");
        return 2;
    }
    char *text = config_to_json(&cli->scoring);
    if (!text) {
        cli_error("out of memory");
        return 1;
    }
    puts(text);
    free(text);
    return fflush(stdout) == 0 ? 0 : 74;
}
