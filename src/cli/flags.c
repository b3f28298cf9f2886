/* csm flags: churn risks, expansion targets and case-study candidates. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csm/arena.h"
#include "csm/money.h"
#include "csm/prefetch.h"
#include "csm/text.h"

struct flag_ref {
    uint64_t key;   /* kind, then severity, then ACV at stake: see sorted_flags */
    uint32_t account;
    uint32_t flag;  /* index into the verdict's flags */
};

static int compare_flags(const void *pa, const void *pb)
{
    const struct flag_ref *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->account < b->account ? -1 : a->account > b->account;
}

/* Every flag of the book in the order a CSM reads them: by kind (churn,
 * expansion, advocacy), then severity, then the flag's score (the risk
 * score of a churn flag: signals weighed by the renewal's nearness and the
 * ACV at stake), then the ACV, then the book's order; *n of them. The order
 * is packed into one integer per flag, so the sort of a million flags
 * compares numbers, not accounts. */
static struct flag_ref *sorted_flags(const struct book *b, int kind, size_t *n)
{
    const uint64_t acv_max = (UINT64_C(1) << 44) - 1; /* cents: $175 billion */
    struct flag_ref *v = xmalloc_large((b->n * FLAG_KINDS + 1) * sizeof *v);
    *n = 0;
    for (size_t i = 0; i < b->n; i++)
        for (int k = 0; k < b->v[i].nflags; k++) {
            const struct flag *f = &b->v[i].flag[k];
            if (kind >= 0 && f->kind != kind)
                continue;
            int64_t acv = b->acc[i].acv_cents; /* -1 unknown: after every known one */
            uint64_t stake = acv < 0 ? 0 : (uint64_t)acv + 1 > acv_max ? acv_max : (uint64_t)acv + 1;
            uint64_t key = (uint64_t)f->kind << 62 | (uint64_t)(SEV_HIGH - f->severity) << 60 |
                           (uint64_t)(UINT16_MAX - f->score) << 44 | (acv_max - stake);
            v[(*n)++] = (struct flag_ref){key, (uint32_t)i, (uint32_t)k};
        }
    qsort(v, *n, sizeof *v, compare_flags);
    return v;
}

/* The flags come in the order of the sort, the accounts in the book's:
 * fetching the accounts a few flags ahead keeps the output from waiting
 * on memory for each of a million of them. */
#define PREFETCH_FLAG(b, refs, n, i)                                                                         \
    do {                                                                                                     \
        if ((i) + 16 < (n)) {                                                                                \
            PREFETCH((b)->acc + (refs)[(i) + 16].account);                                                   \
            PREFETCH((b)->v + (refs)[(i) + 16].account);                                                     \
        }                                                                                                    \
        if ((i) + 8 < (n))                                                                                   \
            PREFETCH((b)->acc[(refs)[(i) + 8].account].name);                                                \
    } while (0)

/* The reasons of a flag joined with "; ". */
static void reasons_text(const struct book *b, const struct flag_ref *r, char *buf, size_t len)
{
    const struct flag *f = &b->v[r->account].flag[r->flag];
    size_t o = 0;
    buf[0] = '\0';
    int list[R_COUNT], nr = flag_reasons(f, list);
    for (int k = 0; k < nr && o < len; k++) {
        int reason = list[k];
        char one[256];
        flag_reason_text(b->sc, &b->acc[r->account], &b->v[r->account], reason, one, sizeof one);
        o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? "; " : "", one);
    }
}

/* Flags from..to of the sorted list as JSON objects (the bytes cJSON would
 * print, without a tree of allocations for each of a million flags) or CSV
 * rows. */
static void write_range(FILE *f, const struct book *b, const struct flag_ref *refs, size_t n, size_t from, size_t to,
                        bool json)
{
    char reasons[2048];
    /* Each putc and fputs below would take the stream's lock (two threads
     * write): taken once for the range, theirs costs a count. */
    flockfile(f);
    for (size_t i = from; i < to; i++) {
        PREFETCH_FLAG(b, refs, n, i);
        const struct account *a = &b->acc[refs[i].account];
        const struct verdict *v = &b->v[refs[i].account];
        const struct flag *fl = &v->flag[refs[i].flag];
        if (!json) {
            csv_cell(f, a->name, true);
            fprintf(f, ",%s,%s,", flag_kind_name(fl->kind), severity_name(fl->severity));
            if (a->acv_cents >= 0)
                fprintf(f, "%lld", (long long)(a->acv_cents / 100));
            fputc(',', f);
            if (v->health >= 0)
                fprintf(f, "%d", v->health);
            fputc(',', f);
            if (v->months != MONTHS_UNKNOWN)
                fprintf(f, "%d", v->months);
            fputc(',', f);
            reasons_text(b, &refs[i], reasons, sizeof reasons);
            csv_cell(f, reasons, true);
            if (fl->kind == FLAG_CHURN)
                fprintf(f, ",%u", fl->score);
            else
                fputc(',', f);
            fputc('\n', f);
            continue;
        }
        fputs(i ? ",\n{\"account\":" : "\n{\"account\":", f);
        json_put_string(f, a->name);
        fputs(",\"kind\":\"", f);
        fputs(flag_kind_name(fl->kind), f);
        fputs("\",\"severity\":\"", f);
        fputs(severity_name(fl->severity), f);
        fputs("\",\"reasons\":[", f);
        int list[R_COUNT], nr = flag_reasons(fl, list);
        for (int r = 0; r < nr; r++) {
            char one[256];
            flag_reason_text(b->sc, a, v, list[r], one, sizeof one);
            if (r)
                putc(',', f);
            json_put_string(f, one);
        }
        fputs("],\"acv\":", f);
        json_put_number(f, a->acv_cents >= 0, (double)a->acv_cents / 100.0);
        fputs(",\"health\":", f);
        json_put_number(f, v->health >= 0, v->health);
        fputs(",\"months_to_renewal\":", f);
        json_put_number(f, v->months != MONTHS_UNKNOWN, v->months);
        if (fl->kind == FLAG_CHURN) {
            fputs(",\"risk\":", f);
            json_put_number(f, true, fl->score);
        }
        putc('}', f);
    }
    funlockfile(f);
}

/* A range written into memory on another thread. */
struct range_job {
    const struct book *b;
    const struct flag_ref *refs;
    size_t n, from, to;
    bool json, ok;
    char *text;
    size_t len;
};

static void *range_run(void *arg)
{
    struct range_job *j = arg;
    FILE *m = open_memstream(&j->text, &j->len);
    if (!m)
        return NULL;
    write_range(m, j->b, j->refs, j->n, j->from, j->to, j->json);
    j->ok = fclose(m) == 0;
    return NULL;
}

/* Writing the reasons of a million flags is most of csm flags: chunks go
 * in pairs, this thread writing the first straight out while another puts
 * the second into memory, which follows. Memory stays at one chunk. */
#define RANGE_CHUNK 4096

static void write_in_two(FILE *f, const struct book *b, const struct flag_ref *refs, size_t n, bool json)
{
    for (size_t from = 0; from < n; from += 2 * RANGE_CHUNK) {
        size_t mid = n - from > RANGE_CHUNK ? from + RANGE_CHUNK : n;
        size_t end = n - mid > RANGE_CHUNK ? mid + RANGE_CHUNK : n;
        struct range_job j = {b, refs, n, mid, end, json, false, NULL, 0};
        pthread_t t;
        bool two = mid < end && pthread_create(&t, NULL, range_run, &j) == 0;
        write_range(f, b, refs, n, from, mid, json);
        if (two) {
            pthread_join(t, NULL);
            if (j.ok)
                fwrite(j.text, 1, j.len, f);
            else
                write_range(f, b, refs, n, mid, end, json); /* no memory for it: write it here */
            free(j.text);
        } else if (mid < end) {
            write_range(f, b, refs, n, mid, end, json);
        }
    }
}

static int parse_kind(const char *s)
{
    for (int k = 0; k < FLAG_KINDS; k++)
        if (strcmp(s, flag_kind_name(k)) == 0)
            return k;
    if (strcmp(s, "case-study") == 0 || strcmp(s, "case_study") == 0)
        return FLAG_ADVOCACY;
    return -2;
}

int cmd_flags(struct cli *cli)
{
    const char *format = NULL, *output = NULL, *kind_s = NULL, *owner = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL},
                               {"--kind", true, &kind_s, NULL},     {"--owner", true, &owner, NULL},
                               {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "flags", opts);
    if (rc)
        return rc;
    int kind = -1;
    if (kind_s && (kind = parse_kind(kind_s)) < -1) {
        cli_error("--kind '%s': use churn, expansion or advocacy", kind_s);
        return 2;
    }
    if (!format)
        format = output || !isatty_stdout() ? "csv" : "table";
    static const char *const fmts[] = {"table", "csv", "json", NULL};
    if ((rc = check_format("flags", format, fmts)))
        return rc;
    struct store *st;
    struct book b;
    FILE *f;
    if ((rc = open_report(cli, output, &st, &b, &f)))
        return rc;
    /* The flags as the whole book made them, of that owner's accounts. */
    if ((rc = keep_owner(&b, owner)))
        return close_report(st, &b, f, output, rc);
    size_t n;
    struct flag_ref *refs = sorted_flags(&b, kind, &n);
    if (strcmp(format, "json") == 0 || strcmp(format, "csv") == 0) {
        bool json = format[0] == 'j';
        if (json)
            json_stream_begin(f);
        else
            fputs("account,kind,severity,acv,health,months_to_renewal,reasons,risk\n", f);
        write_in_two(f, &b, refs, n, json);
        if (json)
            json_stream_end(f, n == 0);
    } else {
        static const char *const title[FLAG_KINDS] = {"Churn risks", "Expansion targets", "Case-study candidates"};
        char reasons[2048], money[32];
        bool color = use_color(f);
        int last_kind = -1;
        for (size_t i = 0; i < n; i++) {
            const struct account *a = &b.acc[refs[i].account];
            const struct flag *fl = &b.v[refs[i].account].flag[refs[i].flag];
            if (fl->kind != last_kind) {
                if (last_kind >= 0)
                    fputc('\n', f);
                fprintf(f, "%s%s (%d)%s\n", color ? ansi(CLR_HEADER) : "", title[fl->kind], b.flag_count[fl->kind],
                        color ? "\033[0m" : "");
                last_kind = fl->kind;
            }
            char name[128];
            text_fit(a->name, 16, false, name, sizeof name);
            if (a->acv_cents >= 0)
                money_format(a->acv_cents - a->acv_cents % 100, money, sizeof money);
            else
                snprintf(money, sizeof money, "-");
            reasons_text(&b, &refs[i], reasons, sizeof reasons);
            int sev_color = fl->kind == FLAG_CHURN ? (fl->severity == SEV_HIGH ? CLR_RED_BAND : fl->severity == SEV_MEDIUM ? CLR_AMBER_BAND : CLR_NORMAL)
                                                   : CLR_GREEN_BAND;
            fprintf(f, "  %s%-6s%s %s %9s  %s\n", color ? ansi(sev_color) : "", severity_name(fl->severity),
                    color && *ansi(sev_color) ? "\033[0m" : "", name, money, reasons);
        }
        if (n == 0)
            fprintf(f, "No flags: no churn risk, expansion target or case-study candidate as of this date.\n");
    }
    free(refs);
    return close_report(st, &b, f, output, rc);
}
