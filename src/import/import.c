#include "csm/import.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/path.h"
#include "csm/csvout.h"
#include "csm/reader.h"
#include "csm/text.h"

#define NAME_MAX_BYTES 200

/* The fields a column can hold, and the header names CS tools use for them.
 * Headers are compared on letters and digits only, without regard to case. */
static const struct field_def {
    const char *name;
    const char *aliases;
    const char *help;
} field_defs[F_COUNT] = {
    [F_NAME] = {"name", "client|customer|account|account name|company|company name|customer name|client name",
                "the account's name (required)"},
    [F_EXTERNAL_ID] = {"external_id", "external id|account id|customer id|crm id|id",
                       "the account's id in the CS platform or CRM"},
    [F_SEGMENT] = {"segment", "segment|tier|customer segment", "enterprise, mid-market or smb"},
    [F_OWNER] = {"owner", "owner|csm|account owner|csm name|customer success manager", "the account's CSM"},
    [F_TERM] = {"term_years", "term|tenure|term years|years as customer|customer years",
                "whole years as a customer"},
    [F_ACV] = {"acv", "acv|arr|annual contract value|contract value|total contract amount|annual recurring revenue",
               "annual contract value, an amount"},
    [F_RENEWAL_MONTHS] = {"renewal_months", "renewal|months to renewal|renewal months|renewal in months|months until renewal",
                          "months until renewal, counted from --as-of"},
    [F_RENEWAL_DATE] = {"renewal_date", "renewal date|next renewal date|contract end date|contract end|renewal on",
                        "the renewal date"},
    [F_TREND] = {"trend", "trend|health trend|direction", "up, level or down"},
    [F_HEALTH] = {"health", "health|health score|overall score|current score|overall health",
                  "the export's own health score (compared with the computed one)"},
    [F_NPS] = {"nps", "nps|net promoter score|nps score", "0 to 10"},
    [F_MSA] = {"msa_restricted", "msa restricted|msa restriction|logo restricted",
               "yes/no: the contract forbids public use of the name"},
    [F_ANON] = {"anonymized_ok", "anonymized ok|anonymised ok|anonymous ok|anonymized story ok",
                "yes/no: an anonymised story is acceptable"},
    [F_KPI_BASE] = {"kpi_baseline", "kpi baseline|baseline kpi", "the KPI at onboarding, a number"},
    [F_KPI_CUR] = {"kpi_current", "kpi current|current kpi", "the KPI now, a number (higher is better)"},
    [F_LAST_ASK] = {"last_advocacy_ask", "last advocacy ask|last ask|last reference ask",
                    "date of the last case-study or reference request"},
    [F_PULSE] = {"pulse", "pulse|csm pulse", "red, amber or green: the CSM's own judgement"},
};

int import_field_count(void) { return F_COUNT; }
const char *import_field_name(int i) { return i >= 0 && i < F_COUNT ? field_defs[i].name : NULL; }
const char *import_field_help(int i) { return i >= 0 && i < F_COUNT ? field_defs[i].help : NULL; }

/* Letters and digits of s, lower case: "Renewal (months)" -> "renewalmonths". */
static void header_key(const char *s, char *out, size_t len)
{
    size_t o = 0;
    for (; *s && o + 1 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out[o++] = (char)c;
    }
    out[o] = '\0';
}

/* True when key equals one of the '|'-separated names (after header_key). */
static bool matches_alias(const char *key, const char *aliases)
{
    char one[64], k[64];
    while (*aliases) {
        const char *bar = strchr(aliases, '|');
        size_t n = bar ? (size_t)(bar - aliases) : strlen(aliases);
        if (n < sizeof one) {
            memcpy(one, aliases, n);
            one[n] = '\0';
            header_key(one, k, sizeof k);
            if (strcmp(k, key) == 0)
                return true;
        }
        aliases += n;
        if (*aliases == '|')
            aliases++;
    }
    return false;
}

/* The field a field name (from --map) stands for, or F_IGNORE. */
static int field_by_name(const struct health_model *m, const char *name)
{
    char key[64], k2[64];
    header_key(name, key, sizeof key);
    if (strcmp(key, "ignore") == 0)
        return F_IGNORE;
    for (int f = 0; f < F_COUNT; f++) {
        header_key(field_defs[f].name, k2, sizeof k2);
        if (strcmp(k2, key) == 0)
            return f;
    }
    for (int i = 0; i < m->ncomp; i++) {
        header_key(m->comp[i].key, k2, sizeof k2);
        if (strcmp(k2, key) == 0)
            return F_COMPONENT + i;
    }
    return -2;
}

/* The field a header names, or F_IGNORE when it names none. */
static int field_by_header(const struct health_model *m, const char *header)
{
    char key[256];
    header_key(header, key, sizeof key);
    if (!*key)
        return F_IGNORE;
    for (int i = 0; i < m->ncomp; i++) {
        char k2[64];
        header_key(m->comp[i].key, k2, sizeof k2);
        if (strcmp(k2, key) == 0 || matches_alias(key, m->comp[i].label))
            return F_COMPONENT + i;
    }
    for (int f = 0; f < F_COUNT; f++)
        if (matches_alias(key, field_defs[f].aliases))
            return f;
    for (int i = 0; i < m->ncomp; i++)
        if (matches_alias(key, m->comp[i].aliases))
            return F_COMPONENT + i;
    return F_IGNORE;
}

/* A set of account keys seen in this file, to refuse a name given twice.
 * Keys live in large blocks (no allocation per row); hashes are kept so
 * that most probes never compare strings. */
/* The names and external ids seen so far, with the line of each: an open
 * addressing table of one entry per slot (a probe reads one cache line),
 * the keys' bytes in an arena. */
struct seen_entry {
    size_t hash;
    long line;
    const char *key;  /* NULL: an empty slot */
};

struct seen {
    struct seen_entry *slot;
    size_t cap, n;
    struct arena *keys;
};

static size_t hash_str(const char *s, size_t *len)
{
    size_t h = 1469598103934665603u;
    const char *p = s;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    *len = (size_t)(p - s);
    return h;
}

/* Adds key; returns 0, or the line it was first seen on. */
static long seen_add(struct seen *s, const char *key, long line)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        struct seen_entry *v = xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slot[i].key)
                continue;
            size_t j = s->slot[i].hash & (cap - 1);
            while (v[j].key)
                j = (j + 1) & (cap - 1);
            v[j] = s->slot[i];
        }
        free(s->slot);
        s->slot = v;
        s->cap = cap;
        if (!s->keys)
            s->keys = arena_new();
    }
    size_t len, hv = hash_str(key, &len);
    size_t j = hv & (s->cap - 1);
    while (s->slot[j].key) {
        if (s->slot[j].hash == hv && strcmp(s->slot[j].key, key) == 0)
            return s->slot[j].line;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = (struct seen_entry){hv, line, arena_strndup(s->keys, key, len)};
    s->n++;
    return 0;
}

static void seen_free(struct seen *s)
{
    free(s->slot);
    arena_free(s->keys);
}

/* How values are written in this file: the decimal mark and the date order. */
struct value_ctx {
    bool decimal_comma;  /* a semicolon file: "78,5" and "42.000,00" */
    int date_format;     /* enum import_date_format */
};

static const struct value_ctx default_values = {false, DATE_AUTO};

/* A row kept aside because it looks like a report footer; it is skipped if
 * nothing but footers follows it, read as data otherwise. */
struct held_row {
    long line;
    size_t n;
    char **field;
    size_t *len;
};

/* ---- the writer: rows go to the store on a second thread ----
 *
 * Reading and checking a row and storing it take about as long each, so
 * the store gets its own thread: the reader hands over checked accounts in
 * batches, the writer puts them in the open transaction. The store is the
 * writer's alone until writer_finish returns. */

#define PUT_BATCH 512
#define PUT_SLOTS 8

struct put_item {
    struct account a;
    unsigned fields;
    long line;
};

struct writer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    struct put_item *slot[PUT_SLOTS]; /* full batches, a ring */
    size_t count[PUT_SLOTS];
    size_t head, tail;                /* pushed and taken so far */
    bool done;
    struct put_item *cur;             /* the batch being filled (reader's) */
    size_t ncur;
    /* what the rows go into */
    struct store *st;
    const struct health_model *m;
    int as_of;
    long long import_id;
    /* the writer's results: read after the join */
    int rc;
    long bad_line;
    char err[600];
    int created, updated;
    bool failed;                      /* rc set: read by the reader under mu */
};

static void *writer_run(void *arg)
{
    struct writer *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        while (w->head == w->tail && !w->done)
            pthread_cond_wait(&w->changed, &w->mu);
        if (w->head == w->tail) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        struct put_item *batch = w->slot[w->tail % PUT_SLOTS];
        size_t n = w->count[w->tail % PUT_SLOTS];
        pthread_mutex_unlock(&w->mu);
        for (size_t k = 0; k < n; k++) {
            if (!w->rc) {
                bool created;
                int rc = store_put_account(w->st, w->m, &batch[k].a, batch[k].fields, w->as_of, w->import_id, &created);
                if (rc) {
                    w->rc = rc;
                    w->bad_line = batch[k].line;
                    snprintf(w->err, sizeof w->err, "%s", store_error(w->st));
                } else if (created) {
                    w->created++;
                } else {
                    w->updated++;
                }
            }
            account_free(&batch[k].a);
        }
        free(batch);
        pthread_mutex_lock(&w->mu);
        w->tail++;
        w->failed = w->rc != 0;
        pthread_cond_broadcast(&w->changed);
        pthread_mutex_unlock(&w->mu);
    }
}

/* False when no thread could be started: the caller stores rows itself. */
static bool writer_start(struct writer *w, struct store *st, const struct health_model *m, int as_of,
                         long long import_id)
{
    memset(w, 0, sizeof *w);
    w->st = st;
    w->m = m;
    w->as_of = as_of;
    w->import_id = import_id;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (pthread_create(&w->thread, NULL, writer_run, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->changed);
        return false;
    }
    return true;
}

static void writer_flush(struct writer *w)
{
    if (!w->ncur)
        return;
    pthread_mutex_lock(&w->mu);
    while (w->head - w->tail == PUT_SLOTS)
        pthread_cond_wait(&w->changed, &w->mu);
    w->slot[w->head % PUT_SLOTS] = w->cur;
    w->count[w->head % PUT_SLOTS] = w->ncur;
    w->head++;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    w->cur = NULL;
    w->ncur = 0;
}

/* Hands an account over (the writer frees it); false once the writer has
 * failed, so the reader can stop. */
static bool writer_put(struct writer *w, struct account *a, unsigned fields, long line)
{
    if (!w->cur)
        w->cur = xmalloc(PUT_BATCH * sizeof *w->cur);
    w->cur[w->ncur++] = (struct put_item){*a, fields, line};
    account_init(a); /* moved: the caller's copy owns nothing now */
    if (w->ncur == PUT_BATCH)
        writer_flush(w);
    pthread_mutex_lock(&w->mu);
    bool failed = w->failed;
    pthread_mutex_unlock(&w->mu);
    return !failed;
}

/* Waits for the writer to store everything handed over; its rc. */
static int writer_finish(struct writer *w)
{
    writer_flush(w);
    pthread_mutex_lock(&w->mu);
    w->done = true;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->changed);
    return w->rc;
}

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
    struct held_row *held;
    size_t nheld;
    FILE *rejects;           /* --skip-bad: the rejected rows */
    char rejects_tmp[4200];
    const struct csv_row *current; /* the row being read, for the rejects file */
    char row_reason[256];    /* its first error */
    int mismatches;
    int ncols;
    int *col_field;          /* per column: field or F_COMPONENT+i or F_IGNORE */
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
};

/* Prints a message and keeps the first ones for the import's record. */
static void say(struct importer *im, const char *text)
{
    fputs(text, im->msg);
    if (im->logged++ < 20)
        sb_puts(&im->log, text + 5); /* without "csm: " */
}

static void row_error(struct importer *im, long line, const char *col, const char *what, const char *value)
{
    im->errors++;
    if (!im->row_reason[0]) {
        if (col)
            snprintf(im->row_reason, sizeof im->row_reason, "column '%s': %s", col, what);
        else
            snprintf(im->row_reason, sizeof im->row_reason, "%s", what);
    }
    int max = im->opt->max_errors > 0 ? im->opt->max_errors : 20;
    if (im->errors > max)
        return;
    char safe[96], text[1024];
    if (value) {
        text_safe(value, safe, sizeof safe);
        if (col)
            snprintf(text, sizeof text, "csm: %s:%ld: column '%s': %s ('%s')\n", im->label, line, col, what, safe);
        else
            snprintf(text, sizeof text, "csm: %s:%ld: %s ('%s')\n", im->label, line, what, safe);
    } else if (col) {
        snprintf(text, sizeof text, "csm: %s:%ld: column '%s': %s\n", im->label, line, col, what);
    } else {
        snprintf(text, sizeof text, "csm: %s:%ld: %s\n", im->label, line, what);
    }
    say(im, text);
}

static void trim(char *s)
{
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    char *b = s;
    while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
        b++;
    if (b != s)
        memmove(s, b, strlen(b) + 1);
}

static bool is_no_data(const char *v)
{
    /* Most values are numbers: only blanks and words can mean "no data". */
    if (*v >= '0' && *v <= '9')
        return false;
    static const char *const words[] = {"", "nodata", "na", "null", "none", "nil", NULL};
    if (strcmp(v, "-") == 0 || strcmp(v, "\xe2\x80\x94") == 0 || strcmp(v, "\xe2\x80\x93") == 0)
        return true;
    char key[16];
    if (strlen(v) >= sizeof key)
        return false;
    header_key(v, key, sizeof key);
    if (*key == '\0' && *v != '\0') /* punctuation only, like "--" or "n/a"'s cousins */
        return strspn(v, "-/ .") == strlen(v);
    for (int i = 0; words[i]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

/* A decimal number with optional sign; no exponent, no grouping. A decimal
 * comma is accepted when the context says so. */
static bool parse_decimal_ctx(const struct value_ctx *vc, const char *in, double *out)
{
    char s[64];
    size_t len = strlen(in);
    if (len >= sizeof s)
        return false;
    memcpy(s, in, len + 1);
    if (vc->decimal_comma) {
        char *comma = strchr(s, ',');
        if (comma && !strchr(s, '.'))
            *comma = '.';
    }
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return false;
    errno = 0;
    *out = strtod(s, NULL);
    return errno == 0 && isfinite(*out);
}

static bool parse_decimal(const char *s, double *out) { return parse_decimal_ctx(&default_values, s, out); }

/* A score 0..100, optionally with '%' and decimals, kept in tenths. A comma
 * is always a decimal mark here: no score has a thousands separator. */
static bool parse_score(const char *v, short *out, const char **why)
{
    char buf[64];
    size_t n = strlen(v);
    if (n >= sizeof buf) {
        *why = "is not a number";
        return false;
    }
    memcpy(buf, v, n + 1);
    if (n && buf[n - 1] == '%') {
        buf[--n] = '\0';
        trim(buf);
    }
    static const struct value_ctx comma_ok = {true, DATE_AUTO};
    double d;
    if (!parse_decimal_ctx(&comma_ok, buf, &d)) {
        *why = "is not a number";
        return false;
    }
    if (d < 0 || d > 100) {
        *why = "is outside 0-100";
        return false;
    }
    *out = (short)floor(d * 10 + 0.5);
    return true;
}

static bool parse_whole(const char *v, long min, long max, long *out, const char **why)
{
    double d;
    if (!parse_decimal(v, &d) || d != floor(d)) {
        *why = "is not a whole number";
        return false;
    }
    if (d < (double)min || d > (double)max) {
        static char range[64];
        snprintf(range, sizeof range, "is outside %ld-%ld", min, max);
        *why = range;
        return false;
    }
    *out = (long)d;
    return true;
}

/* Dates: ISO (with an optional time part), M/D/YYYY, D/M/YYYY when the day
 * shows it or --date-format says so, and D.M.YYYY. A slash date that reads
 * both ways is an error unless --date-format settles it: never a guess. */
static bool parse_date_ctx(const struct value_ctx *vc, const char *v, int *day, const char **why)
{
    char buf[11];
    size_t n = strlen(v);
    if (n >= 10 && (n == 10 || v[10] == 'T' || v[10] == ' ') && v[4] == '-') {
        memcpy(buf, v, 10);
        buf[10] = '\0';
        if (date_parse_iso(buf, day))
            return true;
        *why = "is not a date";
        return false;
    }
    int a, b, y, used = 0;
    char sep = 0;
    if (sscanf(v, "%d/%d/%d%n", &a, &b, &y, &used) == 3 && (size_t)used <= n)
        sep = '/';
    else if (sscanf(v, "%d.%d.%d%n", &a, &b, &y, &used) == 3 && (size_t)used <= n)
        sep = '.';
    /* Only a time part may follow ("5/1/2027 0:00"). */
    if (!sep || y < 1000 || y > 9999 || (v[used] && v[used] != ' ' && v[used] != 'T')) {
        *why = "is not a date (YYYY-MM-DD, M/D/YYYY or D.M.YYYY)";
        return false;
    }
    int m, d;
    if (sep == '.') { /* D.M.YYYY, the European order */
        d = a;
        m = b;
    } else if (vc->date_format == DATE_MDY) {
        m = a;
        d = b;
    } else if (vc->date_format == DATE_DMY) {
        d = a;
        m = b;
    } else if (a > 12 && b <= 12) {
        d = a;
        m = b;
    } else if (b > 12 && a <= 12) {
        m = a;
        d = b;
    } else if (a == b) {
        m = d = a;
    } else {
        *why = "is ambiguous (month/day or day/month?): say --date-format M/D/YYYY or D/M/YYYY";
        return false;
    }
    if (!date_valid_ymd(y, m, d)) {
        *why = "is not a real date";
        return false;
    }
    *day = date_from_ymd(y, m, d);
    return true;
}

static bool parse_trend(const char *v, int *trend)
{
    char key[16];
    if (strcmp(v, "\xe2\x86\x91") == 0 || strcmp(v, "\xe2\x96\xb2") == 0) {
        *trend = TREND_UP;
        return true;
    }
    if (strcmp(v, "\xe2\x86\x92") == 0 || strcmp(v, "\xe2\x96\xb6") == 0) {
        *trend = TREND_LEVEL;
        return true;
    }
    if (strcmp(v, "\xe2\x86\x93") == 0 || strcmp(v, "\xe2\x96\xbc") == 0) {
        *trend = TREND_DOWN;
        return true;
    }
    if (strlen(v) >= sizeof key)
        return false;
    header_key(v, key, sizeof key);
    if (strcmp(key, "up") == 0)
        *trend = TREND_UP;
    else if (strcmp(key, "level") == 0 || strcmp(key, "flat") == 0 || strcmp(key, "same") == 0)
        *trend = TREND_LEVEL;
    else if (strcmp(key, "down") == 0)
        *trend = TREND_DOWN;
    else
        return false;
    return true;
}

static bool parse_yes_no(const char *v, int *out)
{
    char key[8];
    if (strlen(v) >= sizeof key)
        return false;
    header_key(v, key, sizeof key);
    if (!strcmp(key, "yes") || !strcmp(key, "y") || !strcmp(key, "true") || !strcmp(key, "1"))
        *out = TRI_YES;
    else if (!strcmp(key, "no") || !strcmp(key, "n") || !strcmp(key, "false") || !strcmp(key, "0"))
        *out = TRI_NO;
    else
        return false;
    return true;
}

/* Reads one value into the account; false (with *why) when it is wrong. */
static bool read_value(const struct value_ctx *vc, int field, char *v, struct account *a, unsigned *fields,
                       int *renewal_months, const char **why)
{
    long n;
    if (field >= F_COMPONENT) {
        if (is_no_data(v))
            return true;
        return parse_score(v, &a->score[field - F_COMPONENT], why);
    }
    if (field == F_NAME) {
        text_fold_space(v);
        if (!*v) {
            *why = "the account name is missing";
            return false;
        }
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "the account name is longer than 200 bytes";
            return false;
        }
        a->name = xstrdup(v);
        return true;
    }
    if (is_no_data(v))
        return true; /* an empty cell leaves the stored attribute as it is */
    switch (field) {
    case F_EXTERNAL_ID:
        text_fold_space(v);
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "is longer than 200 bytes";
            return false;
        }
        free(a->external_id);
        a->external_id = xstrdup(v);
        *fields |= SF_EXTERNAL_ID;
        return true;
    case F_OWNER:
        text_fold_space(v);
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "is longer than 200 bytes";
            return false;
        }
        free(a->owner);
        a->owner = xstrdup(v);
        *fields |= SF_OWNER;
        return true;
    case F_SEGMENT:
        if ((a->segment = segment_parse(v)) == SEG_NONE) {
            *why = "is not a segment (enterprise, mid-market, smb)";
            return false;
        }
        *fields |= SF_SEGMENT;
        return true;
    case F_TERM:
        if (!parse_whole(v, 0, 200, &n, why))
            return false;
        a->term_years = (int)n;
        *fields |= SF_TERM;
        return true;
    case F_ACV: {
        /* With both marks the last one is the decimal; else the file decides. */
        const char *dot = strrchr(v, '.'), *comma = strrchr(v, ',');
        bool decimal_comma = dot && comma ? comma > dot : vc->decimal_comma;
        if (!money_parse(v, decimal_comma, &a->acv_cents, why))
            return false;
        *fields |= SF_ACV;
        return true;
    }
    case F_RENEWAL_MONTHS:
        if (!parse_whole(v, -1200, 1200, &n, why))
            return false;
        *renewal_months = (int)n;
        return true;
    case F_RENEWAL_DATE:
        if (!parse_date_ctx(vc, v, &a->renewal, why))
            return false;
        *fields |= SF_RENEWAL;
        return true;
    case F_TREND:
        if (!parse_trend(v, &a->trend)) {
            *why = "is not a trend (up, level, down)";
            return false;
        }
        return true;
    case F_HEALTH: {
        short h;
        if (!parse_score(v, &h, why))
            return false;
        a->reported_health = h;
        return true;
    }
    case F_NPS:
        if (!parse_whole(v, 0, 10, &n, why))
            return false;
        a->nps = (int)n;
        *fields |= SF_NPS;
        return true;
    case F_MSA:
    case F_ANON:
        if (!parse_yes_no(v, field == F_MSA ? &a->msa_restricted : &a->anonymized_ok)) {
            *why = "is not yes or no";
            return false;
        }
        *fields |= field == F_MSA ? SF_MSA : SF_ANON;
        return true;
    case F_KPI_BASE:
    case F_KPI_CUR: {
        double d;
        if (!parse_decimal_ctx(vc, v, &d)) {
            *why = "is not a number";
            return false;
        }
        *(field == F_KPI_BASE ? &a->kpi_baseline : &a->kpi_current) = d;
        *fields |= field == F_KPI_BASE ? SF_KPI_BASE : SF_KPI_CUR;
        return true;
    }
    case F_LAST_ASK:
        if (!parse_date_ctx(vc, v, &a->last_advocacy_ask, why))
            return false;
        *fields |= SF_LAST_ASK;
        return true;
    case F_PULSE:
        if ((a->pulse = band_parse(v)) == BAND_NONE) {
            *why = "is not red, amber or green";
            return false;
        }
        *fields |= SF_PULSE;
        return true;
    default:
        return true;
    }
}

static const char *field_label(const struct importer *im, int f)
{
    if (f >= F_COMPONENT)
        return im->sc->model.comp[f - F_COMPONENT].label;
    return field_defs[f].name;
}

static int take_header(struct importer *im, const struct csv_row *row)
{
    const struct health_model *m = &im->sc->model;
    im->ncols = (int)row->n;
    im->col_field = xcalloc(row->n, sizeof *im->col_field);
    im->col_name = xcalloc(row->n, sizeof *im->col_name);
    int owner[F_COMPONENT + MODEL_MAX_COMPONENTS];
    for (size_t i = 0; i < sizeof owner / sizeof owner[0]; i++)
        owner[i] = -1;
    int unused = 0;
    char unused_list[512] = "";
    for (size_t c = 0; c < row->n; c++) {
        size_t bad;
        if (!text_utf8_valid(row->field[c], row->len[c], &bad)) {
            row_error(im, row->line, NULL, "the header is not valid UTF-8", NULL);
            return 65;
        }
        char name[256];
        snprintf(name, sizeof name, "%s", row->field[c]);
        text_fold_space(name);
        char safe[256];
        text_safe(name, safe, sizeof safe);
        im->col_name[c] = xstrdup(safe);
        int f = F_IGNORE;
        bool mapped = false;
        for (int k = 0; k < im->opt->nmaps; k++) {
            char a[256], b[256];
            header_key(im->opt->maps[k].header, a, sizeof a);
            header_key(name, b, sizeof b);
            if (strcmp(a, b) == 0) {
                f = field_by_name(m, im->opt->maps[k].field);
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
        int slot = f >= F_COMPONENT ? F_COUNT + (f - F_COMPONENT) : f;
        if (owner[slot] >= 0) {
            char what[300];
            snprintf(what, sizeof what, "columns '%s' and '%s' both hold %s", im->col_name[owner[slot]], safe,
                     field_label(im, f));
            row_error(im, row->line, NULL, what, NULL);
            return 65;
        }
        owner[slot] = (int)c;
    }
    if (owner[F_NAME] < 0) {
        row_error(im, row->line, NULL,
                  "no column holds the account name (Client, Customer, Account, Company...); "
                  "name one with --map 'HEADER=name'", NULL);
        return 65;
    }
    if (unused) {
        char text[1024];
        snprintf(text, sizeof text, "csm: %s: note: %d column%s not used: %s (map with --map 'HEADER=FIELD', see csm import --fields)\n",
                 im->label, unused, unused == 1 ? " is" : "s are", unused_list);
        say(im, text);
    }
    im->header_done = true;
    im->values.decimal_comma = im->rr->delimiter == ';';
    im->values.date_format = im->opt->date_format;
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

static void hold(struct importer *im, const struct csv_row *row)
{
    im->held = xrealloc(im->held, (im->nheld + 1) * sizeof *im->held);
    struct held_row *h = &im->held[im->nheld++];
    h->line = row->line;
    h->n = row->n;
    h->field = xcalloc(row->n + 1, sizeof *h->field);
    h->len = xcalloc(row->n + 1, sizeof *h->len);
    for (size_t c = 0; c < row->n; c++) {
        h->field[c] = xstrdup(row->field[c]);
        h->len[c] = row->len[c];
    }
}

static void free_held(struct importer *im)
{
    for (size_t i = 0; i < im->nheld; i++) {
        for (size_t c = 0; c < im->held[i].n; c++)
            free(im->held[i].field[c]);
        free(im->held[i].field);
        free(im->held[i].len);
    }
    free(im->held);
    im->held = NULL;
    im->nheld = 0;
}

/* --skip-bad: the rejected row as it was, with the reason in a last column. */
static void write_reject(struct importer *im, const struct csv_row *row, const char *reason)
{
    if (!im->rejects) {
        snprintf(im->rejects_tmp, sizeof im->rejects_tmp, "%s.rejects.csv.XXXXXX", im->path);
        int fd = mkstemp(im->rejects_tmp);
        if (fd < 0 || !(im->rejects = fdopen(fd, "w"))) {
            if (fd >= 0)
                close(fd);
            char text[512];
            snprintf(text, sizeof text, "csm: %s: cannot write the rejects file: %s\n", im->label, strerror(errno));
            say(im, text);
            im->rejects_tmp[0] = '\0';
            im->fatal = 74;
            return;
        }
        fchmod(fd, 0600);
        for (int c = 0; c < im->ncols; c++) {
            csv_cell(im->rejects, im->col_name[c], true);
            fputc(',', im->rejects);
        }
        fputs("reason\r\n", im->rejects);
    }
    for (int c = 0; c < im->ncols; c++) {
        csv_cell(im->rejects, (size_t)c < row->n ? row->field[c] : "", true);
        fputc(',', im->rejects);
    }
    char r[320];
    snprintf(r, sizeof r, "line %ld: %s", row->line, reason);
    csv_cell(im->rejects, r, true);
    fputs("\r\n", im->rejects);
}

/* Would storing this row change anything? (dry runs only) */
static bool unchanged(const struct account *old, const struct account *a, unsigned fields, int as_of, int ncomp)
{
    if (strcmp(old->name, a->name) != 0)
        return false;
    int k = -1;
    for (int i = 0; i < old->nhist; i++)
        if (old->hist_day[i] == as_of)
            k = i;
    if (k < 0)
        return false;
    for (int c = 0; c < ncomp; c++)
        if (old->hist_score[k][c] != a->score[c])
            return false;
    if (((fields & SF_ACV) && old->acv_cents != a->acv_cents) ||
        ((fields & SF_RENEWAL) && old->renewal != a->renewal) ||
        ((fields & SF_TERM) && old->term_years != a->term_years) ||
        ((fields & SF_NPS) && old->nps != a->nps) || ((fields & SF_PULSE) && old->pulse != a->pulse) ||
        ((fields & SF_SEGMENT) && old->segment != a->segment) ||
        ((fields & SF_MSA) && old->msa_restricted != a->msa_restricted) ||
        ((fields & SF_ANON) && old->anonymized_ok != a->anonymized_ok) ||
        ((fields & SF_LAST_ASK) && old->last_advocacy_ask != a->last_advocacy_ask) ||
        ((fields & SF_KPI_BASE) && old->kpi_baseline != a->kpi_baseline) ||
        ((fields & SF_KPI_CUR) && old->kpi_current != a->kpi_current) ||
        ((fields & SF_OWNER) && (!old->owner || strcmp(old->owner, a->owner) != 0)) ||
        ((fields & SF_EXTERNAL_ID) && (!old->external_id || strcmp(old->external_id, a->external_id) != 0)))
        return false;
    return true;
}

static int take_data_row(struct importer *im, const struct csv_row *row);

static int take_row(void *ctx, const struct csv_row *row)
{
    struct importer *im = ctx;
    if (!im->header_done)
        return take_header(im, row);
    if (row_blank(row))
        return 0;
    if (looks_like_footer(im, row)) {
        hold(im, row);
        return 0;
    }
    /* Not the end after all: what was held is data. */
    for (size_t i = 0; i < im->nheld && !im->fatal; i++) {
        struct csv_row h = {im->held[i].line, im->held[i].n, im->held[i].field, im->held[i].len};
        take_data_row(im, &h);
    }
    free_held(im);
    return im->fatal ? im->fatal : take_data_row(im, row);
}

static int take_data_row(struct importer *im, const struct csv_row *row)
{
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
    struct account a;
    account_init(&a);
    unsigned fields = 0;
    int renewal_months = INT32_MIN;
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
        trim(v);
        const char *why = NULL;
        if (!read_value(&im->values, f, v, &a, &fields, &renewal_months, &why))
            row_error(im, row->line, im->col_name[c], why, v);
    }
    free(v);
    if (im->errors == errors_before) {
        if (a.renewal == DATE_NONE && renewal_months != INT32_MIN) {
            a.renewal = date_add_months(im->opt->as_of, renewal_months);
            int y, m, d;
            date_to_ymd(a.renewal, &y, &m, &d);
            if (y < 1 || y > 9999)
                row_error(im, row->line, NULL, "the renewal falls outside the years 1 to 9999", NULL);
            fields |= SF_RENEWAL;
        }
        char key[NAME_MAX_BYTES + 1];
        memcpy(key, a.name, strlen(a.name) + 1); /* a name is at most NAME_MAX_BYTES */
        text_lower(key);
        long first = seen_add(&im->seen, key, row->line);
        if (first) {
            char what[80];
            snprintf(what, sizeof what, "the account is already on line %ld", first);
            row_error(im, row->line, NULL, what, a.name);
        } else if (a.external_id) {
            /* Ids live in the same set, behind a byte no name can hold. */
            char idkey[NAME_MAX_BYTES + 2];
            snprintf(idkey, sizeof idkey, "\x01%s", a.external_id);
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
            char rep[16], text[512], name[256];
            snprintf(rep, sizeof rep, "%g", a.reported_health / 10.0);
            text_safe(a.name, name, sizeof name);
            snprintf(text, sizeof text, "csm: %s:%ld: note: %s: the file says health %s, the %s model computes %d\n",
                     im->label, row->line, name, rep, im->sc->model.name, h);
            say(im, text);
        }
    }
    int rc = 0;
    if (im->opt->dry_run) {
        /* Look, do not touch: classify the row against what is stored. */
        long long id;
        rc = store_match_account(im->st, &a, &id);
        const char *what = "create";
        if (!rc && id) {
            struct account old;
            rc = store_load_account(im->st, &im->sc->model, id, &old);
            if (!rc) {
                bool same = unchanged(&old, &a, fields, im->opt->as_of, im->sc->model.ncomp);
                what = same ? "unchanged" : "update";
                account_free(&old);
            } else if (rc < 0) {
                rc = 0;
            }
        }
        if (!rc) {
            if (!strcmp(what, "create"))
                im->res.created++;
            else if (!strcmp(what, "update"))
                im->res.updated++;
            else
                im->res.unchanged++;
            if (im->opt->dry_out) {
                char safe[256];
                text_safe(a.name, safe, sizeof safe);
                fprintf(im->opt->dry_out, "%s: %s\n", what, safe);
            }
        }
    } else if (im->errors == 0 || im->opt->skip_bad) {
        /* Once the file is known to be rejected, only checking goes on. */
        if (im->writer) {
            if (!writer_put(im->writer, &a, fields, row->line))
                im->fatal = 74; /* the writer's own message follows when it is joined */
        } else {
            bool created;
            rc = store_put_account(im->st, &im->sc->model, &a, fields, im->opt->as_of, im->import_id, &created);
            if (!rc) {
                if (created)
                    im->res.created++;
                else
                    im->res.updated++;
            }
        }
    }
    if (rc) {
        fprintf(im->msg, "csm: %s:%ld: %s\n", im->label, row->line, store_error(im->st));
        im->fatal = rc;
    }
    account_free(&a);
    return rc;
}

/* After an import: accounts a CSM should look at, the first few of each
 * kind, then how many more (a big book's import can move thousands into
 * the renewal window: the flags and the Renewals screen list them all). */
#define WATCH_SHOWN 10

enum watch_kind { W_RED, W_DROP, W_RENEWAL, W_KINDS };

struct watch {
    const struct scoring *sc;
    int as_of;
    long count[W_KINDS];
    FILE *out;
};

static bool watch_show(struct watch *w, int kind) { return ++w->count[kind] <= WATCH_SHOWN; }

static void watch_one(void *ctx, const struct account *now, int prev_day, const short *prev_scores)
{
    struct watch *w = ctx;
    const struct scoring *sc = w->sc;
    int h = health_compute(sc, now->score, NULL);
    int p = health_compute(sc, prev_scores, NULL);
    char name[256];
    text_safe(now->name, name, sizeof name);
    if (h >= 0 && p >= 0 && band_of_score(sc, h) == BAND_RED && band_of_score(sc, p) != BAND_RED) {
        if (watch_show(w, W_RED))
            fprintf(w->out, "  turned red:      %s, health %d (was %d)\n", name, h, p);
    } else if (h >= 0 && p >= 0 && p - h >= 10) {
        if (watch_show(w, W_DROP))
            fprintf(w->out, "  health dropped:  %s, %d -> %d\n", name, p, h);
    }
    if (now->renewal != DATE_NONE && prev_day != DATE_NONE) {
        int before = date_months_between(prev_day, now->renewal);
        int after = date_months_between(w->as_of, now->renewal);
        if (before > sc->month_bands.red_max && after >= 0 && after <= sc->month_bands.red_max &&
            watch_show(w, W_RENEWAL)) {
            char d[11];
            date_format(now->renewal, d);
            fprintf(w->out, "  renewal soon:    %s, renews %s (%d month%s)\n", name, d, after, after == 1 ? "" : "s");
        }
    }
}

int import_file(struct store *st, const char *path, const struct import_options *opt,
                struct import_result *res, FILE *msg)
{
    memset(res, 0, sizeof *res);
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(msg, "csm: cannot open %s: %s\n", path, strerror(errno));
        return 66;
    }
    struct importer im;
    memset(&im, 0, sizeof im);
    im.opt = opt;
    im.sc = opt->scoring;
    im.st = st;
    im.path = path;
    im.label = path_base(path);
    im.msg = msg;
    sb_init(&im.log);
    struct reader_result rr;
    memset(&rr, 0, sizeof rr);
    im.rr = &rr;
    int rc = 0;
    if (opt->dry_run) {
        /* One read transaction for every row's lookup, not one each. */
        rc = store_read_begin(st);
        if (rc) {
            fprintf(msg, "csm: %s: %s\n", im.label, store_error(st));
            fclose(in);
            sb_free(&im.log);
            return rc;
        }
    } else {
        rc = store_begin(st);
        if (!rc)
            rc = store_import_begin(st, path_base(path), NULL, opt->as_of, &im.import_id);
        bool bulk;
        if (!rc)
            rc = store_bulk_begin(st, &bulk);
        if (rc) {
            fprintf(msg, "csm: %s: %s\n", im.label, store_error(st));
            fclose(in);
            store_rollback(st);
            sb_free(&im.log);
            return rc;
        }
    }
    struct reader_options ro = {opt->delimiter};
    struct writer writer;
    if (!opt->dry_run && writer_start(&writer, st, &opt->scoring->model, opt->as_of, im.import_id))
        im.writer = &writer;
    rc = reader_run(in, &ro, take_row, &im, &rr);
    fclose(in);
    if (im.writer) {
        int wrc = writer_finish(im.writer);
        im.writer = NULL;
        im.res.created += writer.created;
        im.res.updated += writer.updated;
        if (wrc) {
            fprintf(msg, "csm: %s:%ld: %s\n", im.label, writer.bad_line, writer.err);
            im.fatal = wrc;
        }
    }
    if (im.fatal)
        rc = im.fatal;
    else if (rc == 65 && rr.error[0])
        fprintf(msg, "csm: %s:%ld: %s\n", im.label, rr.bad_line, rr.error);
    else if (rc == 74)
        fprintf(msg, "csm: %s: %s\n", im.label, rr.error);
    if (!rc && (rr.encoding == ENC_CP1252 || rr.encoding == ENC_UTF16LE || rr.encoding == ENC_UTF16BE)) {
        char text[256];
        snprintf(text, sizeof text, "csm: %s: note: read as %s\n", im.label, reader_encoding_name(rr.encoding));
        say(&im, text);
    }
    if (!rc && im.nheld) {
        char text[512], first[64];
        const char *f0 = im.held[0].n ? im.held[0].field[0] : "";
        text_safe(f0, first, sizeof first);
        snprintf(text, sizeof text, "csm: %s:%ld: note: %zu footer line%s skipped ('%s'%s)\n", im.label, im.held[0].line,
                 im.nheld, im.nheld == 1 ? "" : "s", first, im.nheld > 1 ? "..." : "");
        say(&im, text);
    }
    free_held(&im);
    if (!rc && !im.header_done) {
        fprintf(msg, "csm: %s: the file is empty: a header line and one row an account are needed\n", im.label);
        rc = 65;
    }
    if (!rc && im.header_done && im.res.rows == 0) {
        fprintf(msg, "csm: %s: the file has a header but no accounts\n", im.label);
        rc = 65;
    }
    if (!rc && im.mismatches > 5) {
        char text[256];
        snprintf(text, sizeof text, "csm: %s: note: %d rows in all where the file's health differs from the computed one\n",
                 im.label, im.mismatches);
        say(&im, text);
    }
    int max = opt->max_errors > 0 ? opt->max_errors : 20;
    if (im.errors > max)
        fprintf(msg, "csm: %s: %d more errors not shown\n", im.label, im.errors - max);
    if (!rc && im.errors && !opt->skip_bad) {
        fprintf(msg, "csm: %s: %d row%s rejected: nothing was imported; fix the file, or import the good rows "
                     "with --skip-bad\n", im.label, im.bad_rows, im.bad_rows == 1 ? "" : "s");
        rc = 65;
    }
    if (!rc && opt->skip_bad && im.bad_rows && im.res.created + im.res.updated + im.res.unchanged == 0) {
        fprintf(msg, "csm: %s: every row was rejected: nothing to import\n", im.label);
        rc = 65;
    }
    im.res.rejected = im.bad_rows;
    im.res.import_id = im.import_id;
    if (im.rejects) {
        bool bad = ferror(im.rejects) != 0;
        bad |= fclose(im.rejects) != 0;
        im.rejects = NULL;
        snprintf(res->rejects_path, sizeof res->rejects_path, "%s.rejects.csv", path);
        if (!rc && !bad && !opt->dry_run && rename(im.rejects_tmp, res->rejects_path) != 0)
            bad = true;
        if (rc || opt->dry_run || bad) {
            unlink(im.rejects_tmp);
            res->rejects_path[0] = '\0';
        }
        if (!rc && bad) {
            fprintf(msg, "csm: %s: cannot write %s.rejects.csv: %s\n", im.label, path, strerror(errno));
            rc = 74;
        }
    }
    if (!rc && !opt->dry_run) {
        rc = store_bulk_end(st);
        if (!rc)
            rc = store_import_finish(st, im.import_id, im.res.rows, im.res.created, im.res.updated, im.res.rejected,
                                 im.log.buf);
        if (!rc)
            rc = store_record_hash(st, im.import_id, rr.sha256);
        if (!rc)
            rc = store_commit(st);
        if (rc)
            fprintf(msg, "csm: %s: %s\n", im.label, store_error(st));
    }
    if (rc && !opt->dry_run)
        store_rollback(st);
    if (opt->dry_run)
        store_read_end(st);
    *res = im.res;
    if (res->rejected && opt->skip_bad && !rc && !opt->dry_run)
        snprintf(res->rejects_path, sizeof res->rejects_path, "%s.rejects.csv", path);
    for (int c = 0; c < im.ncols; c++)
        free(im.col_name[c]);
    free(im.col_name);
    free(im.col_field);
    seen_free(&im.seen);
    sb_free(&im.log);
    return rc;
}

int import_watch(struct store *st, const struct scoring *sc, long long import_id, int as_of, FILE *out)
{
    struct watch w = {sc, as_of, {0, 0, 0}, out};
    int rc = store_import_changes(st, &sc->model, import_id, watch_one, &w);
    static const char *const more[W_KINDS] = {"turned red", "dropped 10 points or more",
                                              "entered the renewal window"};
    for (int k = 0; k < W_KINDS && !rc; k++)
        if (w.count[k] > WATCH_SHOWN)
            fprintf(out, "  ... and %ld more %s (csm flags and the Renewals screen list them all)\n",
                    w.count[k] - WATCH_SHOWN, more[k]);
    return rc;
}

bool import_date_format_parse(const char *s, int *out)
{
    if (!strcasecmp(s, "M/D/YYYY") || !strcasecmp(s, "MM/DD/YYYY") || !strcasecmp(s, "us"))
        *out = DATE_MDY;
    else if (!strcasecmp(s, "D/M/YYYY") || !strcasecmp(s, "DD/MM/YYYY") || !strcasecmp(s, "uk"))
        *out = DATE_DMY;
    else if (!strcasecmp(s, "YYYY-MM-DD") || !strcasecmp(s, "auto"))
        *out = DATE_AUTO;
    else
        return false;
    return true;
}

bool import_parse_attribute(const struct health_model *m, const char *key, char *value, struct account *a,
                            unsigned *fields, const char **why)
{
    int f = field_by_name(m, key);
    if (f < 0 || f >= F_COMPONENT || f == F_NAME || f == F_TREND || f == F_HEALTH || f == F_RENEWAL_MONTHS) {
        *why = "is not an attribute that can be set";
        return false;
    }
    int months = INT32_MIN;
    if (!text_clean(value)) {
        *why = "holds control characters or is not valid UTF-8";
        return false;
    }
    trim(value);
    if (is_no_data(value)) {
        *why = "has no value";
        return false;
    }
    if (!read_value(&default_values, f, value, a, fields, &months, why))
        return false;
    if (f == F_TERM)
        *fields |= SF_TERM;
    return true;
}

bool import_clear_attribute(const char *key, struct account *a, unsigned *fields)
{
    if (strcmp(key, "external_id") == 0) {
        free(a->external_id);
        a->external_id = NULL;
        *fields |= SF_EXTERNAL_ID;
    } else if (strcmp(key, "owner") == 0) {
        free(a->owner);
        a->owner = NULL;
        *fields |= SF_OWNER;
    } else if (strcmp(key, "segment") == 0) {
        a->segment = SEG_NONE;
        *fields |= SF_SEGMENT;
    } else if (strcmp(key, "nps") == 0) {
        a->nps = -1;
        *fields |= SF_NPS;
    } else if (strcmp(key, "msa_restricted") == 0) {
        a->msa_restricted = TRI_UNKNOWN;
        *fields |= SF_MSA;
    } else if (strcmp(key, "anonymized_ok") == 0) {
        a->anonymized_ok = TRI_UNKNOWN;
        *fields |= SF_ANON;
    } else if (strcmp(key, "kpi_baseline") == 0) {
        a->kpi_baseline = NAN;
        *fields |= SF_KPI_BASE;
    } else if (strcmp(key, "kpi_current") == 0) {
        a->kpi_current = NAN;
        *fields |= SF_KPI_CUR;
    } else if (strcmp(key, "last_advocacy_ask") == 0) {
        a->last_advocacy_ask = DATE_NONE;
        *fields |= SF_LAST_ASK;
    } else if (strcmp(key, "pulse") == 0) {
        a->pulse = BAND_NONE;
        *fields |= SF_PULSE;
    } else if (strcmp(key, "term_years") == 0) {
        a->term_years = -1;
        *fields |= SF_TERM;
    } else if (strcmp(key, "acv") == 0) {
        a->acv_cents = -1;
        *fields |= SF_ACV;
    } else if (strcmp(key, "renewal_date") == 0) {
        a->renewal = DATE_NONE;
        *fields |= SF_RENEWAL;
    } else {
        return false;
    }
    return true;
}
