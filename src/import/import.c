/* The import driver: a file's header, then each row checked and handed to
 * the store, in one transaction; the notes and errors a CSM reads. */
#include "import_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/exit.h"
#include "csm/path.h"
#include "csm/progress.h"
#include "csm/text.h"

/* What the reader's callback returns to stop at a file imported before. */
#define IMPORTED_BEFORE 1000

struct importer {
    const struct import_options *opt;
    const struct scoring *sc;
    struct store *st;
    const char *path;
    const char *label;       /* the file name used in messages */
    FILE *msg;
    const struct reader_result *rr; /* the delimiter, once the reader knows it */
    struct value_ctx values;
    struct strbuf log;       /* the first messages, kept with the import record */
    int logged;
    struct rowset held;      /* rows that look like a report footer: skipped if nothing but footers follows */
    struct rowset waiting;   /* rows with a date that reads both ways, until its column settles the order */
    struct date_cols dates;  /* per column: the order its slash dates settled */
    bool dates_final;        /* the file is read: a date still unsettled is an error */
    /* What is read as the file says or as remembered for its export. */
    struct remembered memory;
    const struct import_map *maps;
    int nmaps;
    char delimiter_said;     /* said (--delimiter) or remembered: remembered again */
    int date_format;         /* an order in force for every column (said or remembered), else 0 */
    int date_source;         /* enum date_source */
    char memory_from[32];    /* "import N" */
    /* The same bytes imported before. */
    long long before_id;
    char before_at[32];
    int before_as_of;
    bool hash_checked;       /* the hash was looked up before the first row */
    bool regular_input;      /* a regular file named by path (rejects may go beside it) */
    struct rejects rejects;  /* --skip-bad: the rejected rows */
    char rejects_path[4200]; /* where they go */
    const struct csv_row *current; /* the row being read, for the rejects file */
    char row_reason[1024];   /* its errors, every one of them */
    int mismatches;
    int ncols;
    int snapshot_col;        /* the column of the rows' own days, -1 for none */
    struct put_outcomes outcomes; /* with snapshot_col: what each account's rows did */
    int *col_field;          /* per column: field or F_COMPONENT+i or F_IGNORE */
    unsigned snap;           /* the snapshot's parts the file has columns for (STORE_SNAP_*) */
    char **col_name;         /* per column: the header, made safe */
    bool header_done;
    long long import_id;
    int errors;              /* row errors found */
    int bad_rows;
    int notes;
    struct seen seen;
    struct import_result res;
    int fatal;               /* a store failure: stop at once */
    struct writer *writer;   /* storing rows on its own thread, when it runs */
    struct progress progress;/* the line on a terminal (off in a pipe) */
};

/* Every message of an import goes through here: formatted, made safe (a
 * file name or a value may hold escape sequences), printed as "csm: ...",
 * and with `keep` one of the first twenty kept with the import's record. */
static void vemit(struct importer *im, bool keep, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
static void vemit(struct importer *im, bool keep, const char *fmt, va_list ap)
{
    char safe[4096];
    text_vformat_safe(safe, sizeof safe, fmt, ap);
    progress_clear(&im->progress); /* the message goes on a line of its own */
    fprintf(im->msg, "csm: %s\n", safe);
    if (keep && im->logged++ < 20) {
        sb_puts(&im->log, safe);
        sb_puts(&im->log, "\n");
    }
}

/* A note or row error, kept with the import's record. */
static void say(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct importer *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(im, true, fmt, ap);
    va_end(ap);
}

/* A message about the file as a whole (the record of a failed import is not kept). */
static void tell(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tell(struct importer *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(im, false, fmt, ap);
    va_end(ap);
}

static void row_error(struct importer *im, long line, const char *col, const char *what, const char *value)
{
    im->errors++;
    /* The rejects file says all that is wrong with the row, so that one
     * correction makes it import. */
    size_t used = strlen(im->row_reason);
    if (used + 4 < sizeof im->row_reason) {
        const char *sep = used ? "; " : "";
        if (col)
            snprintf(im->row_reason + used, sizeof im->row_reason - used, "%scolumn '%s': %s", sep, col, what);
        else
            snprintf(im->row_reason + used, sizeof im->row_reason - used, "%s%s", sep, what);
    }
    int max = im->opt->max_errors > 0 ? im->opt->max_errors : 20;
    if (im->errors > max)
        return;
    char shown[96]; /* a long value is cut: the line and column find it */
    snprintf(shown, sizeof shown, "%s", value ? value : "");
    if (value && col)
        say(im, "%s:%ld: column '%s': %s ('%s')", im->label, line, col, what, shown);
    else if (value)
        say(im, "%s:%ld: %s ('%s')", im->label, line, what, shown);
    else if (col)
        say(im, "%s:%ld: column '%s': %s", im->label, line, col, what);
    else
        say(im, "%s:%ld: %s", im->label, line, what);
}

/* The settings the file is read with: what the user said, else what was
 * remembered for its export (said in a note, so nobody wonders). */
static void choose_settings(struct importer *im)
{
    const struct import_options *opt = im->opt;
    const struct remembered *r = &im->memory;
    bool memory = r->found && !opt->forget;
    char used[512];
    int used_date = 0;
    char used_delim = 0;
    int used_maps = 0;
    im->maps = opt->maps;
    im->nmaps = opt->nmaps;
    if (!opt->nmaps && memory && r->nmaps) {
        im->maps = r->maps;
        im->nmaps = used_maps = r->nmaps;
    }
    im->delimiter_said = opt->delimiter;
    if (!opt->delimiter && memory && r->set.delimiter && im->rr->delimiter == r->set.delimiter)
        im->delimiter_said = used_delim = r->set.delimiter;
    if (opt->date_format == DATE_MDY || opt->date_format == DATE_DMY) {
        im->date_format = opt->date_format;
        im->date_source = DATE_FROM_OPTION;
    } else if (opt->date_format == DATE_AUTO && memory && r->date_format) {
        im->date_format = used_date = r->date_format;
        im->date_source = DATE_FROM_MEMORY;
    }
    if (memory)
        snprintf(im->memory_from, sizeof im->memory_from, "import %lld", r->set.import_id);
    remembered_describe(used_delim, used_date, im->maps, used_maps, used, sizeof used);
    if (used[0]) {
        say(im, "%s: note: read as the last import of this export (%s, the same header line) was: %s", im->label,
            im->memory_from, used);
        snprintf(im->res.remembered, sizeof im->res.remembered, "%s", used);
    }
}

static int take_header(struct importer *im, const struct csv_row *row)
{
    const struct health_model *m = &im->sc->model;
    choose_settings(im);
    im->ncols = (int)row->n;
    im->col_field = xcalloc(row->n, sizeof *im->col_field);
    im->col_name = xcalloc(row->n, sizeof *im->col_name);
    int owner[F_COMPONENT + MODEL_MAX_COMPONENTS];
    for (size_t i = 0; i < sizeof owner / sizeof owner[0]; i++)
        owner[i] = -1;
    int unused = 0;
    char unused_list[512] = "";
    if (row->nul_field) {
        row_error(im, row->line, NULL, "the header holds a NUL byte: this is not text; save the file again as CSV",
                  NULL);
        return EX_DATAERR;
    }
    for (size_t c = 0; c < row->n; c++) {
        size_t bad;
        if (!text_utf8_valid(row->field[c], row->len[c], &bad)) {
            row_error(im, row->line, NULL, "the header is not valid UTF-8", NULL);
            return EX_DATAERR;
        }
        char name[256];
        snprintf(name, sizeof name, "%s", row->field[c]);
        text_fold_space(name);
        char safe[256];
        text_safe(name, safe, sizeof safe);
        im->col_name[c] = xstrdup(safe);
        int f = F_IGNORE;
        bool mapped = false;
        for (int k = 0; k < im->nmaps; k++) {
            char a[256], b[256];
            field_key(im->maps[k].header, a, sizeof a);
            field_key(name, b, sizeof b);
            if (strcmp(a, b) == 0) {
                f = field_by_name(m, im->maps[k].field);
                mapped = true;
            }
        }
        if (!mapped)
            f = field_by_header(m, name);
        im->col_field[c] = f;
        if (f == F_IGNORE) {
            if (*name) {
                unused++;
                size_t l = strlen(unused_list);
                if (l + strlen(safe) + 6 < sizeof unused_list)
                    snprintf(unused_list + l, sizeof unused_list - l, "%s'%s'", l ? ", " : "", safe);
            }
            continue;
        }
        int held = field_holds(f);
        int slot = f >= F_COMPONENT ? F_COUNT + (f - F_COMPONENT) : held;
        if (owner[slot] >= 0) {
            char what[300];
            snprintf(what, sizeof what, "columns '%s' and '%s' both hold %s", im->col_name[owner[slot]], safe,
                     field_label(m, held));
            row_error(im, row->line, NULL, what, NULL);
            return EX_DATAERR;
        }
        owner[slot] = (int)c;
        if (f == F_MRR)
            say(im, "%s: note: column '%s' is monthly revenue: each amount times 12 is the account's ACV", im->label,
                safe);
        else if (f == F_SNAPSHOT_DATE)
            im->snapshot_col = (int)c;
        if (f >= F_COMPONENT)
            im->snap |= 1u << (f - F_COMPONENT);
        else if (f == F_TREND)
            im->snap |= STORE_SNAP_TREND;
        else if (f == F_HEALTH)
            im->snap |= STORE_SNAP_HEALTH;
    }
    if (owner[F_NAME] < 0) {
        row_error(im, row->line, NULL,
                  "no column holds the account name (Client, Customer, Account, Company...); "
                  "name one with --map 'HEADER=name'", NULL);
        return EX_DATAERR;
    }
    if (unused)
        say(im, "%s: note: %d column%s not used: %s (map with --map 'HEADER=FIELD', see csm import --fields)",
            im->label, unused, unused == 1 ? " is" : "s are", unused_list);
    if (!im->snap)
        say(im, "%s: note: no score columns: health unchanged (the accounts' attributes only)", im->label);
    /* An empty book takes rows without looking each up, but a file of
     * snapshots names an account on several rows. Here, before the first
     * row reaches the writer (handed over under its lock), the store is
     * still the reader's to set up. */
    if (!im->opt->dry_run && im->snapshot_col < 0) {
        bool bulk;
        int rc = store_bulk_begin(im->st, &bulk);
        if (rc) {
            tell(im, "%s: %s", im->label, store_error(im->st));
            return im->fatal = rc;
        }
    }
    if (im->writer) {
        im->writer->snap = im->snap;
        if (im->snapshot_col >= 0)
            im->writer->outcomes = &im->outcomes;
    }
    im->header_done = true;
    im->values.decimal_comma = im->rr->delimiter == ';';
    im->values.as_of = im->opt->as_of;
    im->values.advice = ADVICE_IMPORT;
    datecols_init(&im->dates, im->ncols);
    return 0;
}

static bool row_blank(const struct csv_row *row)
{
    for (size_t c = 0; c < row->n; c++)
        for (const char *p = row->field[c]; *p; p++)
            if (*p != ' ' && *p != '\t')
                return false;
    return true;
}

/* Report footers that CRM exports add after the data. */
static bool looks_like_footer(const struct importer *im, const struct csv_row *row)
{
    static const char *const starts[] = {"grand total", "total", "subtotal", "confidential", "copyright",
                                         "\xc2\xa9", "(c)", "generated", "report generated", "exported",
                                         "filtered by", "powered by", "all rights reserved", NULL};
    /* Quick no: a footer's first cell starts with one of these. */
    unsigned char c0 = row->n ? (unsigned char)row->field[0][0] : 0;
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (unsigned char)(c0 + 32);
    if (c0 && c0 != ' ' && c0 != '\t' && c0 != '"' && !strchr("gtscefpa(", c0) && c0 != 0xC2)
        return false;
    const char *first = NULL;
    size_t nonempty = 0;
    for (size_t c = 0; c < row->n; c++) {
        const char *p = row->field[c];
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p) {
            nonempty++;
            if (!first)
                first = p;
        }
    }
    if (!first)
        return false;
    char low[64];
    snprintf(low, sizeof low, "%s", first);
    text_lower(low);
    bool pattern = false;
    for (int i = 0; starts[i] && !pattern; i++)
        pattern = strncmp(low, starts[i], strlen(starts[i])) == 0;
    if (!pattern)
        return false;
    /* "Total Wine & More" with its scores is an account; a footer is short,
     * or says how many records it totals. */
    return nonempty * 2 <= (size_t)im->ncols || strstr(low, "record") != NULL;
}

/* --skip-bad: the rejected row as it was, with the reason in a last
 * column, in the file the import was given or beside the input. */
static void write_reject(struct importer *im, const struct csv_row *row, const char *reason)
{
    if (im->opt->dry_run)
        return; /* a dry run writes nothing */
    if (!im->rejects.out.f) {
        char err[4400];
        int rc = rejects_open(&im->rejects, im->rejects_path, store_path(im->st), im->opt->force, im->rr->delimiter,
                              im->col_name,
                              im->ncols, err, sizeof err);
        if (rc) {
            tell(im, "%s: the rejected rows: %s", im->label, err);
            im->fatal = rc;
            return;
        }
    }
    rejects_write(&im->rejects, row, im->ncols, reason);
}

/* Counts n accounts stored as `how`: a history-only one is an update too. */
static void count_put(struct import_result *res, enum store_put how, int n)
{
    if (how == PUT_CREATED) {
        res->created += n;
    } else if (how == PUT_UNCHANGED) {
        res->unchanged += n;
    } else {
        res->updated += n;
        if (how == PUT_HISTORY)
            res->history += n;
    }
}

static int take_data_row(struct importer *im, const struct csv_row *row);

static int take_row(void *ctx, const struct csv_row *row)
{
    struct importer *im = ctx;
    if (im->fatal)
        return im->fatal;
    if (!im->header_done)
        return take_header(im, row);
    if (row->nul_field)
        return take_data_row(im, row); /* an error wherever it stands */
    if (row_blank(row))
        return 0;
    if (looks_like_footer(im, row)) {
        rowset_add(&im->held, row);
        return 0;
    }
    /* Not the end after all: what was held is data. */
    for (size_t i = 0; i < im->held.n && !im->fatal; i++) {
        struct csv_row h = rowset_row(&im->held, i);
        take_data_row(im, &h);
    }
    rowset_free(&im->held);
    return im->fatal ? im->fatal : take_data_row(im, row);
}

/* The rows that waited for their date columns, in their order: each is
 * read now, or waits on (a column of it still unsettled). */
static void take_waiting(struct importer *im)
{
    struct rowset w = im->waiting;
    memset(&im->waiting, 0, sizeof im->waiting);
    for (size_t i = 0; i < w.n && !im->fatal; i++) {
        struct csv_row h = rowset_row(&w, i);
        take_data_row(im, &h);
    }
    rowset_free(&w);
}

/* The end of the file: a date column that nothing settled is named, and
 * the rows that waited for it are read with its dates as errors. */
static void settle_dates(struct importer *im)
{
    if (!im->waiting.n)
        return;
    for (int c = 0; c < im->ncols; c++)
        if (im->dates.waiting[c] && !im->dates.order[c])
            say(im, "%s: column '%s': its dates read both ways (month/day or day/month) and none settles the order "
                "(a day above 12 would, as from line %ld on): say --date-format M/D/YYYY or D/M/YYYY",
                im->label, im->col_name[c], im->dates.waiting[c]);
    im->dates_final = true;
    take_waiting(im);
}

/* A row's own day (its snapshot_date cell): a date not after --as-of. */
static bool read_snapshot_day(struct importer *im, const char *v, int *day, const char **why)
{
    if (!value_date(&im->values, v, day, why))
        return false;
    if (*day > im->opt->as_of) {
        static char after[96];
        char d[11];
        date_format(im->opt->as_of, d);
        snprintf(after, sizeof after, "is after the as-of day %s: say --as-of for a later book", d);
        *why = after;
        return false;
    }
    return true;
}

/* A dry run's new account, named on several rows of a file of snapshots:
 * the line it is first named on stands for its id. */
static long first_line_of(struct importer *im, const struct account *a, long line)
{
    char key[STORE_NAME_KEY_MAX + 2] = "\x03";
    if (!text_name_key(a->name, key + 1, sizeof key - 1))
        snprintf(key + 1, sizeof key - 1, "%s", a->name);
    long first = seen_add(&im->seen, key, line);
    return first ? first : line;
}

static int take_data_row(struct importer *im, const struct csv_row *row)
{
    /* A date that reads both ways waits for its column to settle the order;
     * a row that settles one lets the rows that waited for it go first. */
    if (!im->date_format && !im->dates_final && !row->nul_field && (int)row->n >= im->ncols) {
        bool settled;
        bool wait = datecols_scan(&im->dates, &im->values, im->col_field, row, &settled);
        if (settled && im->waiting.n)
            take_waiting(im);
        if (wait) {
            rowset_add(&im->waiting, row);
            return im->fatal;
        }
    }
    im->res.rows++;
    int errors_before = im->errors;
    im->row_reason[0] = '\0';
    if ((int)row->n != im->ncols) {
        bool extra_blank = (int)row->n > im->ncols;
        for (size_t c = (size_t)im->ncols; extra_blank && c < row->n; c++)
            extra_blank = row->len[c] == 0;
        if (!extra_blank) {
            char what[96];
            snprintf(what, sizeof what, "the row has %zu fields, the header has %d", row->n, im->ncols);
            row_error(im, row->line, NULL, what, NULL);
            im->bad_rows++;
            if (im->opt->skip_bad)
                write_reject(im, row, im->row_reason);
            return im->fatal;
        }
    }
    if (row->nul_field) {
        char what[160];
        snprintf(what, sizeof what, "holds a NUL byte (byte %zu of the field): this is not text; save the file "
                 "again as CSV", row->nul_byte);
        size_t c = row->nul_field - 1;
        row_error(im, row->line, (int)c < im->ncols ? im->col_name[c] : NULL, what, NULL);
        im->bad_rows++;
        if (im->opt->skip_bad)
            write_reject(im, row, im->row_reason);
        return im->fatal;
    }
    struct account a;
    account_init(&a);
    unsigned fields = 0;
    int renewal_months = INT32_MIN;
    int day = im->opt->as_of; /* the snapshot's: the row's own with a snapshot_date column */
    char *v = NULL;
    size_t vcap = 0;
    for (int c = 0; c < im->ncols; c++) {
        int f = im->col_field[c];
        if (f == F_IGNORE)
            continue;
        size_t bad;
        if (!text_utf8_valid(row->field[c], row->len[c], &bad)) {
            char what[80];
            snprintf(what, sizeof what, "is not valid UTF-8 (byte %zu of the field)", bad + 1);
            row_error(im, row->line, im->col_name[c], what, NULL);
            continue;
        }
        /* A copy: the row must stay as read for the rejects file. */
        if (row->len[c] + 1 > vcap) {
            vcap = row->len[c] + 64;
            v = xrealloc(v, vcap);
        }
        memcpy(v, row->field[c], row->len[c] + 1);
        value_trim(v);
        if (field_is_date(f)) {
            if (im->date_format) {
                im->values.date_format = im->date_format;
                im->values.date_source = im->date_source;
                im->values.date_example = im->memory_from;
            } else {
                datecols_ctx(&im->dates, c, &im->values);
            }
        }
        const char *why = NULL;
        if (f == F_SNAPSHOT_DATE) {
            if (!value_is_no_data(v) && !read_snapshot_day(im, v, &day, &why))
                row_error(im, row->line, im->col_name[c], why, v);
        } else if (!value_read(&im->values, f, v, &a, &fields, &renewal_months, &why)) {
            row_error(im, row->line, im->col_name[c], why, v);
        }
    }
    free(v);
    if (im->errors == errors_before) {
        if (a.renewal == DATE_NONE && renewal_months != INT32_MIN) {
            a.renewal = date_add_months(im->opt->as_of, renewal_months);
            int y, m, d;
            date_to_ymd(a.renewal, &y, &m, &d);
            if (y < 1 || y > 9999)
                row_error(im, row->line, NULL, "the renewal falls outside the years 1 to 9999", NULL);
            fields |= SF_RENEWAL | SF_RENEWAL_NEAR;
        }
        /* The file's own duplicates by the key the store matches on: two
         * rows that look alike are one account given twice. */
        char key[STORE_NAME_KEY_MAX + 16];
        if (!text_name_key(a.name, key, sizeof key))
            snprintf(key, sizeof key, "%s", a.name); /* valid UTF-8 by now: not reached */
        /* A file of snapshots names an account once a day: the day is part of the key. */
        char dayed[12] = "";
        if (im->snapshot_col >= 0) {
            snprintf(dayed, sizeof dayed, "\x02%d", day);
            size_t kl = strlen(key);
            snprintf(key + kl, sizeof key - kl, "%s", dayed);
        }
        long first = seen_add(&im->seen, key, row->line);
        if (first) {
            char what[96];
            snprintf(what, sizeof what, "the account is already on line %ld%s", first,
                     im->snapshot_col >= 0 ? ", for the same day" : "");
            row_error(im, row->line, NULL, what, a.name);
        } else if (a.external_id) {
            /* Ids live in the same set, behind a byte no name can hold. */
            char idkey[NAME_MAX_BYTES + 16];
            snprintf(idkey, sizeof idkey, "\x01%s%s", a.external_id, dayed);
            if ((first = seen_add(&im->seen, idkey, row->line))) {
                char what[80];
                snprintf(what, sizeof what, "the external id is already on line %ld", first);
                row_error(im, row->line, NULL, what, a.external_id);
            }
        }
    }
    if (im->errors != errors_before) {
        im->bad_rows++;
        if (im->opt->skip_bad)
            write_reject(im, row, im->row_reason);
        account_free(&a);
        return im->fatal;
    }
    if (a.reported_health != SCORE_NONE) {
        int h = health_compute(im->sc, a.score, NULL);
        if (h >= 0 && (a.reported_health + 5) / 10 != h && im->mismatches++ < 5) {
            say(im, "%s:%ld: note: %s: the file says health %g, the %s model computes %d", im->label, row->line,
                a.name, a.reported_health / 10.0, im->sc->model.name, h);
        }
    }
    int rc = 0;
    if (im->opt->dry_run) {
        /* Look, do not touch: what the store would do with the row. */
        enum store_put how;
        long long id;
        rc = store_classify_account(im->st, &im->sc->model, &a, fields, im->snap, day, &how, &id);
        if (!rc) {
            if (im->snapshot_col >= 0)
                outcomes_add(&im->outcomes, id ? id : -first_line_of(im, &a, row->line), how);
            else
                count_put(&im->res, how, 1);
            if (im->opt->dry_out) {
                static const char *const words[PUT_KINDS] = {"create", "update", "history", "unchanged"};
                char safe[256];
                text_safe(a.name, safe, sizeof safe);
                fprintf(im->opt->dry_out, "%s: %s\n", words[how], safe);
            }
        }
    } else if (im->errors == 0 || im->opt->skip_bad) {
        /* Once the file is known to be rejected, only checking goes on. */
        if (im->writer) {
            if (!writer_put(im->writer, &a, fields, day, row->line))
                im->fatal = EX_IOERR; /* the writer's own message follows when it is joined */
        } else {
            enum store_put how;
            long long id;
            rc = store_put_account(im->st, &im->sc->model, &a, fields, im->snap, day, im->import_id, &how, &id);
            if (!rc && im->snapshot_col >= 0)
                outcomes_add(&im->outcomes, id, how);
            else if (!rc)
                count_put(&im->res, how, 1);
        }
    }
    if (rc) {
        tell(im, "%s:%ld: %s", im->label, row->line, store_error(im->st));
        im->fatal = rc;
    }
    account_free(&a);
    return rc;
}

/* Standard input, named "-" or by one of its names. */
static bool names_stdin(const char *path)
{
    return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0 || strcmp(path, "/dev/fd/0") == 0 ||
           strcmp(path, "/proc/self/fd/0") == 0;
}

/* The input stream. Anything named by path must be a regular file: a
 * FIFO, a device or a folder is refused, and opening without blocking
 * means a FIFO with no writer cannot hang the import (or the interface).
 * 0, or EX_NOINPUT after saying why. */
static int open_input(struct importer *im, const char *path, FILE **in)
{
    if (names_stdin(path)) {
        int fd = dup(STDIN_FILENO);
        if (fd < 0 || !(*in = fdopen(fd, "rb"))) {
            tell(im, "cannot read standard input: %s", strerror(errno));
            if (fd >= 0)
                close(fd);
            return EX_NOINPUT;
        }
        return 0;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        tell(im, "cannot open %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return EX_NOINPUT;
    }
    if (!S_ISREG(sb.st_mode)) {
        tell(im, "%s is %s, not an export file: name the file itself, or pipe it in with 'csm import -'", path,
             S_ISDIR(sb.st_mode) ? "a folder" : S_ISFIFO(sb.st_mode) ? "a FIFO" : "a device or socket");
        close(fd);
        return EX_NOINPUT;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 || !(*in = fdopen(fd, "rb"))) {
        tell(im, "cannot open %s: %s", path, strerror(errno));
        close(fd);
        return EX_NOINPUT;
    }
    im->regular_input = true;
    return 0;
}

/* Where --skip-bad puts the rejected rows: --rejects FILE, else beside a
 * regular input (never beside standard input or a device). 0, or an exit
 * status after saying why: before any row is read, so a file that cannot
 * be written (or would replace one without --force) changes nothing. */
static int plan_rejects(struct importer *im)
{
    const struct import_options *opt = im->opt;
    if (!opt->skip_bad || opt->dry_run)
        return 0;
    if (opt->rejects)
        snprintf(im->rejects_path, sizeof im->rejects_path, "%s", opt->rejects);
    else if (im->regular_input)
        snprintf(im->rejects_path, sizeof im->rejects_path, "%s.rejects.csv", im->path);
    else {
        tell(im, "%s: --skip-bad needs --rejects FILE for the rejected rows when the input is not a file",
             im->label);
        return CSM_EXIT_USAGE;
    }
    char err[4400];
    int rc = rejects_check(im->rejects_path, store_path(im->st), opt->force, err, sizeof err);
    if (rc)
        tell(im, "%s: the rejected rows: %s", im->label, err);
    return rc;
}

/* The reader's callbacks: the header line looks the export's remembered
 * settings up (the delimiter among them), the hash finds the same bytes
 * imported before. */
static char on_header_line(void *ctx, const char *line, size_t len)
{
    struct importer *im = ctx;
    int rc = remembered_load(&im->memory, im->st, line, len);
    if (rc) {
        tell(im, "%s: %s", im->label, store_error(im->st));
        im->fatal = rc;
        return 0;
    }
    return !im->opt->delimiter && !im->opt->forget && im->memory.found ? im->memory.set.delimiter : 0;
}

/* IMPORTED_BEFORE when an import in force read the same bytes (and
 * --force does not say to read them again). */
static int imported_before(struct importer *im, const char *sha256)
{
    if (im->opt->force)
        return 0;
    int rc = store_find_import_by_hash(im->st, sha256, &im->before_id, im->before_at, &im->before_as_of);
    if (rc) {
        tell(im, "%s: %s", im->label, store_error(im->st));
        im->fatal = rc;
        return rc;
    }
    return im->before_id ? IMPORTED_BEFORE : 0;
}

static int on_hash(void *ctx, const char *sha256)
{
    struct importer *im = ctx;
    im->hash_checked = true;
    return imported_before(im, sha256);
}

/* The reader's count of bytes, once a chunk: the rows so far and the
 * share of the file. */
static void on_progress(void *ctx, long long bytes, long long size)
{
    struct importer *im = ctx;
    progress_update(&im->progress, im->res.rows, bytes, size);
}

static void free_importer(struct importer *im)
{
    progress_end(&im->progress);
    for (int c = 0; c < im->ncols; c++)
        free(im->col_name[c]);
    free(im->col_name);
    free(im->col_field);
    rowset_free(&im->held);
    rowset_free(&im->waiting);
    datecols_free(&im->dates);
    remembered_free(&im->memory);
    outcomes_free(&im->outcomes);
    seen_free(&im->seen);
    sb_free(&im->log);
}

int import_file(struct store *st, const char *path, const struct import_options *opt,
                struct import_result *res, FILE *msg)
{
    memset(res, 0, sizeof *res);
    struct importer im;
    memset(&im, 0, sizeof im);
    im.opt = opt;
    im.sc = opt->scoring;
    im.st = st;
    im.path = path;
    im.label = names_stdin(path) ? "stdin" : path_base(path);
    im.msg = msg;
    im.snapshot_col = -1;
    sb_init(&im.log);
    if (opt->progress)
        progress_start(&im.progress, "rows", "%s %s", opt->dry_run ? "checking" : "importing", im.label);
    FILE *in = NULL;
    int rc = open_input(&im, path, &in);
    if (!rc)
        rc = plan_rejects(&im);
    if (rc) {
        if (in)
            fclose(in);
        free_importer(&im);
        return rc;
    }
    struct reader_result rr;
    memset(&rr, 0, sizeof rr);
    im.rr = &rr;
    if (opt->dry_run) {
        /* One read transaction for every row's lookup, not one each. */
        rc = store_read_begin(st);
        if (rc) {
            tell(&im, "%s: %s", im.label, store_error(st));
            fclose(in);
            free_importer(&im);
            return rc;
        }
    } else {
        rc = store_begin(st);
        if (!rc)
            rc = store_import_begin(st, im.label, NULL, opt->as_of, &im.import_id);
        if (rc) {
            tell(&im, "%s: %s", im.label, store_error(st));
            fclose(in);
            store_rollback(st);
            free_importer(&im);
            return rc;
        }
    }
    struct reader_options ro = {.delimiter = opt->delimiter, .header_line = on_header_line, .early_hash = on_hash,
                                .progress = im.progress.out ? on_progress : NULL};
    struct writer writer;
    if (!opt->dry_run && writer_start(&writer, st, &opt->scoring->model, 0, im.import_id))
        im.writer = &writer;
    rc = reader_run(in, &ro, take_row, &im, &rr);
    fclose(in);
    if (!rc)
        progress_stage(&im.progress, opt->dry_run ? "finishing" : "saving");
    bool before = rc == IMPORTED_BEFORE;
    if (before)
        rc = 0;
    /* The rows that waited for a date column: read now (the writer still runs). */
    if (!rc && !before && !im.fatal)
        settle_dates(&im);
    if (im.writer) {
        int wrc = writer_finish(im.writer);
        im.writer = NULL;
        for (int how = 0; how < PUT_KINDS; how++)
            count_put(&im.res, (enum store_put)how, writer.count_of[how]);
        if (wrc) {
            tell(&im, "%s:%ld: %s", im.label, writer.bad_line, writer.err);
            im.fatal = wrc;
        }
    }
    if (im.snapshot_col >= 0) {
        /* A file of snapshots: each account counted once, by what its rows did. */
        int count[PUT_KINDS] = {0};
        outcomes_count(&im.outcomes, count);
        for (int how = 0; how < PUT_KINDS; how++)
            count_put(&im.res, (enum store_put)how, count[how]);
    }
    if (im.fatal)
        rc = im.fatal;
    else if (rc == EX_DATAERR && rr.error[0])
        tell(&im, "%s:%ld: %s", im.label, rr.bad_line, rr.error);
    else if (rc == EX_IOERR)
        tell(&im, "%s: %s", im.label, rr.error);
    /* Bytes that could not be hashed before the rows (standard input,
     * UTF-16) are looked up now: the same file changes nothing. */
    if (!rc && !before && !im.hash_checked)
        before = imported_before(&im, rr.sha256) == IMPORTED_BEFORE;
    if (im.fatal)
        rc = im.fatal;
    if (before && !rc) {
        if (opt->dry_run)
            store_read_end(st);
        else
            store_rollback(st);
        if (im.rejects.out.f) {
            char err[16];
            rejects_finish(&im.rejects, false, err, sizeof err);
        }
        res->before_id = im.before_id;
        res->before_as_of = im.before_as_of;
        snprintf(res->before_at, sizeof res->before_at, "%s", im.before_at);
        free_importer(&im);
        return 0;
    }
    if (!rc && (rr.encoding == ENC_CP1252 || rr.encoding == ENC_UTF16LE || rr.encoding == ENC_UTF16BE))
        say(&im, "%s: note: read as %s", im.label, reader_encoding_name(rr.encoding));
    if (!rc && im.held.n) {
        char first[64];
        snprintf(first, sizeof first, "%s", im.held.v[0].n ? im.held.v[0].field[0] : "");
        say(&im, "%s:%ld: note: %zu footer line%s skipped ('%s'%s)", im.label, im.held.v[0].line, im.held.n,
            im.held.n == 1 ? "" : "s", first, im.held.n > 1 ? "..." : "");
    }
    if (!rc && !im.header_done) {
        tell(&im, "%s: the file is empty: a header line and one row an account are needed", im.label);
        rc = EX_DATAERR;
    }
    if (!rc && im.header_done && im.res.rows == 0) {
        tell(&im, "%s: the file has a header but no accounts", im.label);
        rc = EX_DATAERR;
    }
    if (!rc && im.mismatches > 5)
        say(&im, "%s: note: %d rows in all where the file's health differs from the computed one", im.label,
            im.mismatches);
    int max = opt->max_errors > 0 ? opt->max_errors : 20;
    if (im.errors > max)
        tell(&im, "%s: %d more errors not shown", im.label, im.errors - max);
    if (!rc && im.errors && !opt->skip_bad) {
        tell(&im, "%s: %d row%s rejected: nothing was imported; fix the file, or import the good rows with --skip-bad",
             im.label, im.bad_rows, im.bad_rows == 1 ? "" : "s");
        rc = EX_DATAERR;
    }
    if (!rc && opt->skip_bad && im.bad_rows && im.res.created + im.res.updated + im.res.unchanged == 0) {
        tell(&im, "%s: every row was rejected: nothing to import", im.label);
        rc = EX_DATAERR;
    }
    im.res.rejected = im.bad_rows;
    im.res.import_id = im.import_id;
    im.res.no_scores = im.header_done && !im.snap;
    bool wrote_rejects = im.rejects.out.f != NULL;
    if (wrote_rejects) {
        char err[4400];
        int wrc = rejects_finish(&im.rejects, !rc, err, sizeof err);
        if (!rc && wrc) {
            tell(&im, "%s: the rejected rows: %s", im.label, err);
            rc = wrc;
        }
    }
    if (!rc && !opt->dry_run) {
        /* What the file was read with is remembered for its export. */
        int order = im.date_format ? im.date_format : datecols_agreed(&im.dates);
        rc = store_bulk_end(st);
        if (!rc)
            rc = remembered_save(st, &im.memory, im.delimiter_said, order, im.maps, im.nmaps, im.import_id);
        if (!rc)
            rc = store_import_finish(st, im.import_id, im.res.rows, im.res.created, im.res.updated, im.res.rejected,
                                     im.log.buf);
        if (!rc)
            rc = store_record_hash(st, im.import_id, rr.sha256);
        if (!rc)
            rc = store_commit(st);
        if (rc)
            tell(&im, "%s: %s", im.label, store_error(st));
    }
    if (rc && !opt->dry_run)
        store_rollback(st);
    if (opt->dry_run)
        store_read_end(st);
    *res = im.res;
    if (wrote_rejects && !rc)
        snprintf(res->rejects_path, sizeof res->rejects_path, "%s", im.rejects.out.target);
    free_importer(&im);
    return rc;
}
