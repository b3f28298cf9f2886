#include "csm/import.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/path.h"
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

/* A set of account keys seen in this file, to refuse a name given twice. */
struct seen {
    char **key;
    long *line;
    size_t cap, n;
};

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds key; returns 0, or the line it was first seen on. */
static long seen_add(struct seen *s, const char *key, long line)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        char **k = xcalloc(cap, sizeof *k);
        long *l = xcalloc(cap, sizeof *l);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->key[i])
                continue;
            size_t j = hash_str(s->key[i]) & (cap - 1);
            while (k[j])
                j = (j + 1) & (cap - 1);
            k[j] = s->key[i];
            l[j] = s->line[i];
        }
        free(s->key);
        free(s->line);
        s->key = k;
        s->line = l;
        s->cap = cap;
    }
    size_t j = hash_str(key) & (s->cap - 1);
    while (s->key[j]) {
        if (strcmp(s->key[j], key) == 0)
            return s->line[j];
        j = (j + 1) & (s->cap - 1);
    }
    s->key[j] = xstrdup(key);
    s->line[j] = line;
    s->n++;
    return 0;
}

static void seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->key[i]);
    free(s->key);
    free(s->line);
}

struct importer {
    const struct import_options *opt;
    const struct scoring *sc;
    struct store *st;
    const char *path;
    const char *label;       /* the file name used in messages */
    FILE *msg;
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
};

static void row_error(struct importer *im, long line, const char *col, const char *what, const char *value)
{
    im->errors++;
    int max = im->opt->max_errors > 0 ? im->opt->max_errors : 20;
    if (im->errors > max)
        return;
    char safe[96];
    if (value) {
        text_safe(value, safe, sizeof safe);
        if (col)
            fprintf(im->msg, "csm: %s:%ld: column '%s': %s ('%s')\n", im->label, line, col, what, safe);
        else
            fprintf(im->msg, "csm: %s:%ld: %s ('%s')\n", im->label, line, what, safe);
    } else if (col) {
        fprintf(im->msg, "csm: %s:%ld: column '%s': %s\n", im->label, line, col, what);
    } else {
        fprintf(im->msg, "csm: %s:%ld: %s\n", im->label, line, what);
    }
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

/* A decimal number with optional sign; no exponent, no grouping. */
static bool parse_decimal(const char *s, double *out)
{
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

/* A score 0..100, optionally with '%' and decimals, kept in tenths. */
static bool parse_score(const char *v, short *out, const char **why)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", v);
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '%') {
        buf[--n] = '\0';
        trim(buf);
    }
    double d;
    if (!parse_decimal(buf, &d)) {
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

/* ISO dates, with an optional time part after 'T' or a space. */
static bool parse_date(const char *v, int *day, const char **why)
{
    char buf[11];
    size_t n = strlen(v);
    if (n >= 10 && (n == 10 || v[10] == 'T' || v[10] == ' ')) {
        memcpy(buf, v, 10);
        buf[10] = '\0';
        if (date_parse_iso(buf, day))
            return true;
    }
    *why = "is not a date (YYYY-MM-DD)";
    return false;
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
static bool read_value(int field, char *v, struct account *a, unsigned *fields,
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
        a->external_id = xstrdup(v);
        *fields |= SF_EXTERNAL_ID;
        return true;
    case F_OWNER:
        text_fold_space(v);
        if (strlen(v) > NAME_MAX_BYTES) {
            *why = "is longer than 200 bytes";
            return false;
        }
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
    case F_ACV:
        if (!money_parse(v, false, &a->acv_cents, why))
            return false;
        *fields |= SF_ACV;
        return true;
    case F_RENEWAL_MONTHS:
        if (!parse_whole(v, -1200, 1200, &n, why))
            return false;
        *renewal_months = (int)n;
        return true;
    case F_RENEWAL_DATE:
        if (!parse_date(v, &a->renewal, why))
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
        if (!parse_decimal(v, &d)) {
            *why = "is not a number";
            return false;
        }
        *(field == F_KPI_BASE ? &a->kpi_baseline : &a->kpi_current) = d;
        *fields |= field == F_KPI_BASE ? SF_KPI_BASE : SF_KPI_CUR;
        return true;
    }
    case F_LAST_ASK:
        if (!parse_date(v, &a->last_advocacy_ask, why))
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
    if (unused)
        fprintf(im->msg, "csm: %s: note: %d column%s not used: %s (map with --map 'HEADER=FIELD', see csm import --fields)\n",
                im->label, unused, unused == 1 ? " is" : "s are", unused_list);
    im->header_done = true;
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

static int take_row(void *ctx, const struct csv_row *row)
{
    struct importer *im = ctx;
    if (!im->header_done)
        return take_header(im, row);
    if (row_blank(row))
        return 0;
    im->res.rows++;
    int errors_before = im->errors;
    if ((int)row->n != im->ncols) {
        bool extra_blank = (int)row->n > im->ncols;
        for (size_t c = (size_t)im->ncols; extra_blank && c < row->n; c++)
            extra_blank = row->len[c] == 0;
        if (!extra_blank) {
            char what[96];
            snprintf(what, sizeof what, "the row has %zu fields, the header has %d", row->n, im->ncols);
            row_error(im, row->line, NULL, what, NULL);
            im->bad_rows++;
            return 0;
        }
    }
    struct account a;
    account_init(&a);
    unsigned fields = 0;
    int renewal_months = INT32_MIN;
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
        char *v = row->field[c];
        trim(v);
        const char *why = NULL;
        if (!read_value(f, v, &a, &fields, &renewal_months, &why))
            row_error(im, row->line, im->col_name[c], why, v);
    }
    if (im->errors == errors_before) {
        if (a.renewal == DATE_NONE && renewal_months != INT32_MIN) {
            a.renewal = date_add_months(im->opt->as_of, renewal_months);
            fields |= SF_RENEWAL;
        }
        char key[NAME_MAX_BYTES + 1];
        snprintf(key, sizeof key, "%s", a.name);
        text_lower(key);
        long first = seen_add(&im->seen, key, row->line);
        if (first) {
            char what[80];
            snprintf(what, sizeof what, "the account is already on line %ld", first);
            row_error(im, row->line, NULL, what, a.name);
        }
    }
    if (im->errors != errors_before) {
        im->bad_rows++;
        account_free(&a);
        return 0;
    }
    if (a.reported_health != SCORE_NONE) {
        int h = health_compute(im->sc, a.score, NULL);
        if (h >= 0 && (a.reported_health + 5) / 10 != h && im->notes++ < 5) {
            char rep[16];
            snprintf(rep, sizeof rep, "%g", a.reported_health / 10.0);
            fprintf(im->msg, "csm: %s:%ld: note: %s: the file says health %s, the %s model computes %d\n",
                    im->label, row->line, a.name, rep, im->sc->model.name, h);
        }
    }
    /* Once the file is known to be rejected, only checking goes on. */
    if (im->errors == 0) {
        bool created;
        int rc = store_put_account(im->st, &im->sc->model, &a, fields, im->opt->as_of, im->import_id, &created);
        if (rc) {
            fprintf(im->msg, "csm: %s:%ld: %s\n", im->label, row->line, store_error(im->st));
            im->fatal = rc;
            account_free(&a);
            return rc;
        }
        if (created)
            im->res.created++;
        else
            im->res.updated++;
        if (im->opt->dry_run && im->opt->dry_out) {
            char safe[256];
            text_safe(a.name, safe, sizeof safe);
            fprintf(im->opt->dry_out, "%s: %s\n", created ? "create" : "update", safe);
        }
    }
    account_free(&a);
    return 0;
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
    int rc = store_begin(st);
    if (!rc)
        rc = store_import_begin(st, path_base(path), NULL, opt->as_of, &im.import_id);
    if (rc) {
        fprintf(msg, "csm: %s: %s\n", im.label, store_error(st));
        fclose(in);
        store_rollback(st);
        return rc;
    }
    struct reader_result rr;
    rc = reader_run(in, NULL, take_row, &im, &rr);
    fclose(in);
    if (rc == 65 && rr.error[0])
        fprintf(msg, "csm: %s:%ld: %s\n", im.label, rr.bad_line, rr.error);
    else if (rc == 74)
        fprintf(msg, "csm: %s: %s\n", im.label, rr.error);
    if (!rc && !im.header_done) {
        fprintf(msg, "csm: %s: the file is empty: a header line and one row an account are needed\n", im.label);
        rc = 65;
    }
    if (!rc && im.header_done && im.res.rows == 0) {
        fprintf(msg, "csm: %s: the file has a header but no accounts\n", im.label);
        rc = 65;
    }
    int max = opt->max_errors > 0 ? opt->max_errors : 20;
    if (im.errors > max)
        fprintf(msg, "csm: %s: %d more errors not shown\n", im.label, im.errors - max);
    if (!rc && im.errors) {
        fprintf(msg, "csm: %s: %d row%s rejected: nothing was imported; fix the file and import it again\n",
                im.label, im.bad_rows, im.bad_rows == 1 ? "" : "s");
        rc = 65;
    }
    im.res.rejected = im.bad_rows;
    if (!rc && !opt->dry_run)
        rc = store_import_finish(st, im.import_id, im.res.rows, im.res.created, im.res.updated, im.res.rejected);
    if (!rc && !opt->dry_run) {
        rc = store_commit(st);
        if (rc)
            fprintf(msg, "csm: %s: %s\n", im.label, store_error(st));
    }
    if (rc || opt->dry_run)
        store_rollback(st);
    *res = im.res;
    for (int c = 0; c < im.ncols; c++)
        free(im.col_name[c]);
    free(im.col_name);
    free(im.col_field);
    seen_free(&im.seen);
    return rc;
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
    trim(value);
    if (is_no_data(value)) {
        *why = "has no value";
        return false;
    }
    if (!read_value(f, value, a, fields, &months, why))
        return false;
    if (f == F_TERM)
        *fields |= SF_TERM;
    return true;
}
