/* What the commands share: option parsing, the store, CSV and JSON writing. */
#include "common.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/exit.h"
#include "csm/text.h"

/* ---- option parsing shared by the commands ---- */

/* Splits cli->argv into the options in `opts` and positional arguments.
 * Returns 0, or 2 after printing why (unknown option, missing value). */
int parse_opts(struct cli *cli, const char *cmd, const struct opt *opts, char ***pos, int *npos)
{
    *pos = xcalloc((size_t)cli->argc + 1, sizeof **pos);
    *npos = 0;
    bool past = false;
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (past || a[0] != '-' || strcmp(a, "-") == 0) {
            (*pos)[(*npos)++] = cli->argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            past = true;
            continue;
        }
        const struct opt *o = NULL;
        const char *val = NULL;
        for (int k = 0; opts[k].name; k++) {
            size_t n = strlen(opts[k].name);
            if (strncmp(a, opts[k].name, n) == 0 && (a[n] == '\0' || (a[n] == '=' && opts[k].takes_value))) {
                o = &opts[k];
                if (a[n] == '=')
                    val = a + n + 1;
            }
        }
        if (!o) {
            cli_error("unknown option '%s' for '%s' (see csm %s --help)", a, cmd, cmd);
            free(*pos);
            return CSM_EXIT_USAGE;
        }
        if (o->takes_value) {
            if (!val) {
                if (i + 1 >= cli->argc) {
                    cli_error("option %s needs a value (see csm %s --help)", o->name, cmd);
                    free(*pos);
                    return CSM_EXIT_USAGE;
                }
                val = cli->argv[++i];
            }
            *o->value = val;
        } else {
            *o->flag = true;
        }
    }
    return 0;
}

int parse_no_args(struct cli *cli, const char *cmd, const struct opt *opts)
{
    char **pos;
    int npos, rc = parse_opts(cli, cmd, opts, &pos, &npos);
    if (rc)
        return rc;
    free(pos);
    if (npos) {
        cli_error("'%s' takes no arguments (see csm %s --help)", cmd, cmd);
        return CSM_EXIT_USAGE;
    }
    return 0;
}

/* Checks --format against the allowed words; 2 after a message when wrong. */
int check_format(const char *cmd, const char *fmt, const char *const *allowed)
{
    for (int i = 0; allowed[i]; i++)
        if (strcmp(fmt, allowed[i]) == 0)
            return 0;
    char list[128] = "";
    for (int i = 0; allowed[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", allowed[i]);
    cli_error("'%s' is not a format of '%s': use %s", fmt, cmd, list);
    return CSM_EXIT_USAGE;
}

int open_store(struct cli *cli, bool write, struct store **st)
{
    char err[600];
    enum store_mode mode = cli->read_only ? STORE_READ_ONLY : write ? STORE_READ_WRITE : STORE_EXISTING;
    int rc = store_open(cli->db_path, mode, st, err, sizeof err);
    if (rc)
        cli_error("%s", err);
    return rc;
}

/* The book with the snapshots up to `until`; prints the reason on failure. */
static int load_book_until(struct cli *cli, bool history, int until, struct store **st, struct book *b)
{
    int rc = open_store(cli, false, st);
    if (rc)
        return rc;
    rc = book_load_until(b, *st, &cli->scoring, cli->as_of, until, history);
    if (rc) {
        cli_error("%s", store_error(*st));
        store_close(*st);
        *st = NULL;
    }
    return rc;
}

int load_book(struct cli *cli, bool history, struct store **st, struct book *b)
{
    /* As it stood on the as-of day: later snapshots are not used. */
    return load_book_until(cli, history, cli->as_of, st, b);
}

static int open_report_until(struct cli *cli, const char *output, int until, struct store **st, struct book *b,
                             FILE **f)
{
    int rc = load_book_until(cli, true, until, st, b);
    if (rc)
        return rc;
    if (!(*f = cli_output(output))) {
        book_free(b);
        store_close(*st);
        return cli_output_error();
    }
    return 0;
}

int open_report(struct cli *cli, const char *output, struct store **st, struct book *b, FILE **f)
{
    return open_report_until(cli, output, cli->as_of, st, b, f);
}

int open_report_all(struct cli *cli, const char *output, struct store **st, struct book *b, FILE **f)
{
    return open_report_until(cli, output, DATE_NONE, st, b, f);
}

/* Whether every word of the search key `want` is within `key`. */
static bool words_within(const char *key, const char *want)
{
    char word[256];
    for (const char *p = want; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        if (n >= sizeof word)
            return false;
        memcpy(word, p, n);
        word[n] = '\0';
        if (!strstr(key, word))
            return false;
        p += n;
    }
    return true;
}

void cli_no_account(const struct book *b, const char *name)
{
    char safe[256], want[1024], key[1024], names[400] = "";
    text_safe(name, safe, sizeof safe);
    int shown = 0, more = 0;
    if (b && text_search_key(name, want, sizeof want) && want[0]) {
        size_t o = 0;
        for (size_t i = 0; i < b->n; i++) {
            if (!text_search_key(b->acc[i].name, key, sizeof key) || !words_within(key, want))
                continue;
            if (shown == 3) {
                more++;
                continue;
            }
            char one[128];
            text_safe(b->acc[i].name, one, sizeof one);
            o += (size_t)snprintf(names + o, o < sizeof names ? sizeof names - o : 0, "%s'%s'", shown ? ", " : "", one);
            shown++;
        }
    }
    if (shown)
        cli_error("no account named '%s': did you mean %s%s? (csm list shows them)", safe, names,
                  more ? " or another" : "");
    else
        cli_error("no account named '%s' (csm list shows them)", safe);
}

int keep_owner(struct book *b, const char *owner)
{
    if (!owner)
        return 0;
    size_t before = b->n;
    long kept = book_keep_owner(b, owner);
    if (kept < 0) {
        cli_error("--owner '%s' is not UTF-8 text: name the owner as the export spells it", owner);
        return CSM_EXIT_USAGE;
    }
    if (kept == 0 && before > 0)
        cli_error("note: no account has the owner '%s' (matched without regard to case or accents)", owner);
    return 0;
}

int close_report(struct store *st, struct book *b, FILE *f, const char *output, int rc)
{
    /* A report that failed half way leaves the file it would have replaced. */
    int wrc = 0;
    if (rc)
        cli_output_abandon(f);
    else
        wrc = cli_output_close(f, output);
    book_free(b);
    store_close(st);
    return rc ? rc : wrc;
}

bool use_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    return f == stdout && isatty(STDOUT_FILENO) && !(nc && *nc) && term && strcmp(term, "dumb") != 0;
}

const char *ansi(int color)
{
    switch (color) {
    case CLR_RED_BAND: return "\033[31m";
    case CLR_AMBER_BAND: return "\033[33m";
    case CLR_GREEN_BAND: return "\033[32m";
    case CLR_DIM: return "\033[2m";
    case CLR_HEADER: return "\033[1m";
    default: return "";
    }
}

/* ---- CSV and JSON writing ---- */

void json_date(cJSON *o, const char *key, int day)
{
    if (day == DATE_NONE) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char buf[11];
    date_format(day, buf);
    cJSON_AddStringToObject(o, key, buf);
}

void json_str(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

void json_tenths(cJSON *o, const char *key, int tenths)
{
    if (tenths == SCORE_NONE)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, tenths % 10 ? tenths / 10.0 : (double)(tenths / 10));
}

void json_tri(cJSON *o, const char *key, int v)
{
    if (v == TRI_UNKNOWN)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddBoolToObject(o, key, v == TRI_YES);
}

void json_num(cJSON *o, const char *key, bool known, double v)
{
    if (known)
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

void json_real(cJSON *o, const char *key, double v)
{
    if (isnan(v))
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, v);
}

/* A field's value as JSON, under its key. */
static void json_value(cJSON *o, const char *key, const struct book_value *v)
{
    char day[11];
    switch (v->type) {
    case BV_NULL: cJSON_AddNullToObject(o, key); break;
    case BV_INT: cJSON_AddNumberToObject(o, key, (double)v->i); break;
    case BV_CENTS: cJSON_AddNumberToObject(o, key, (double)v->i / 100.0); break;
    case BV_TENTHS: json_tenths(o, key, (int)v->i); break;
    case BV_DATE:
        date_format((int)v->i, day);
        cJSON_AddStringToObject(o, key, day);
        break;
    case BV_REAL: json_real(o, key, v->r); break;
    case BV_BOOL: cJSON_AddBoolToObject(o, key, v->i != 0); break;
    case BV_WORD:
    case BV_TEXT: cJSON_AddStringToObject(o, key, v->s); break;
    case BV_WORDS: {
        cJSON *arr = cJSON_AddArrayToObject(o, key);
        for (int k = 0; k < v->n; k++)
            cJSON_AddItemToArray(arr, cJSON_CreateString(v->w[k]));
        break;
    }
    }
}

/* The contract's account object (csm list --format json), plus extras:
 * every field of the book's table, in its order; the components inside
 * "components", keyed by the model. */
cJSON *account_json(const struct book *b, size_t i)
{
    cJSON *o = cJSON_CreateObject();
    struct book_value v;
    for (int f = 0; f < BF_COUNT; f++) {
        if (f != BF_COMPONENT) {
            book_value(b, i, f, 0, &v);
            json_value(o, book_fields[f].key, &v);
            continue;
        }
        cJSON *comps = cJSON_AddObjectToObject(o, book_fields[f].key);
        for (int c = 0; c < b->sc->model.ncomp; c++) {
            book_value(b, i, f, c, &v);
            json_value(comps, book_field_key(b, f, c), &v);
        }
    }
    return o;
}

int print_json(FILE *f, cJSON *root)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        cli_error("out of memory");
        return CSM_EXIT_FAIL;
    }
    fputs(text, f);
    fputc('\n', f);
    free(text);
    return 0;
}


bool isatty_stdout(void) { return isatty(STDOUT_FILENO); }

void json_stream_begin(FILE *f) { fputc('[', f); }

int json_stream_item(FILE *f, cJSON *item, bool first)
{
    char *text = cJSON_PrintUnformatted(item);
    cJSON_Delete(item);
    if (!text) {
        cli_error("out of memory");
        return 1;
    }
    fputs(first ? "\n" : ",\n", f);
    fputs(text, f);
    free(text);
    return 0;
}

void json_stream_end(FILE *f, bool empty) { fputs(empty ? "]\n" : "\n]\n", f); }

void json_put_string(FILE *f, const char *s)
{
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), f);
        if (!*p)
            break;
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fprintf(f, "\\u%04x", *p); break;
        }
    }
    putc('"', f);
}

void json_put_number(FILE *f, bool known, double v)
{
    if (!known || isnan(v) || isinf(v)) {
        fputs("null", f);
        return;
    }
    /* cJSON: whole numbers in int range as integers, else %1.15g, or %1.17g
     * when 15 digits do not give the same double back. */
    if (v <= 2147483647.0 && v >= -2147483648.0 && v == (double)(int)v) {
        fprintf(f, "%d", (int)v);
        return;
    }
    char buf[32];
    double back;
    snprintf(buf, sizeof buf, "%1.15g", v);
    if (sscanf(buf, "%lg", &back) != 1 || fabs(back - v) > fmax(fabs(back), fabs(v)) * DBL_EPSILON)
        snprintf(buf, sizeof buf, "%1.17g", v);
    fputs(buf, f);
}
