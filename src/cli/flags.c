/* csm flags: churn risks, expansion targets and case-study candidates. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csm/money.h"
#include "csm/text.h"

struct flag_ref {
    size_t account;
    int flag;       /* index into the verdict's flags */
};

static const struct book *sort_book;

/* By kind (churn, expansion, advocacy), then severity, then ACV at stake. */
static int compare_flags(const void *pa, const void *pb)
{
    const struct flag_ref *a = pa, *b = pb;
    const struct flag *fa = &sort_book->v[a->account].flag[a->flag];
    const struct flag *fb = &sort_book->v[b->account].flag[b->flag];
    if (fa->kind != fb->kind)
        return fa->kind < fb->kind ? -1 : 1;
    if (fa->severity != fb->severity)
        return fa->severity > fb->severity ? -1 : 1;
    int64_t x = sort_book->acc[a->account].acv_cents, y = sort_book->acc[b->account].acv_cents;
    if (x != y)
        return x > y ? -1 : 1;
    return a->account < b->account ? -1 : a->account > b->account;
}

/* Every flag of the book in the order a CSM reads them; *n of them. */
static struct flag_ref *sorted_flags(const struct book *b, int kind, size_t *n)
{
    struct flag_ref *v = xcalloc(b->n * FLAG_KINDS + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; i < b->n; i++)
        for (int k = 0; k < b->v[i].nflags; k++)
            if (kind < 0 || b->v[i].flag[k].kind == kind)
                v[(*n)++] = (struct flag_ref){i, k};
    sort_book = b;
    qsort(v, *n, sizeof *v, compare_flags);
    return v;
}

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
    const char *format = NULL, *output = NULL, *kind_s = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL},
                               {"--kind", true, &kind_s, NULL}, {NULL, 0, 0, 0}};
    char **pos;
    int npos, rc = parse_opts(cli, "flags", opts, &pos, &npos);
    if (rc)
        return rc;
    free(pos);
    if (npos) {
        cli_error("'flags' takes no arguments (see csm flags --help)");
        return 2;
    }
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
    if ((rc = load_book(cli, true, &st, &b)))
        return rc;
    FILE *f = cli_output(output);
    if (!f) {
        book_free(&b);
        store_close(st);
        return 74;
    }
    size_t n;
    struct flag_ref *refs = sorted_flags(&b, kind, &n);
    char reasons[2048], money[32];
    if (strcmp(format, "json") == 0) {
        json_stream_begin(f);
        for (size_t i = 0; i < n && !rc; i++) {
            const struct account *a = &b.acc[refs[i].account];
            const struct verdict *v = &b.v[refs[i].account];
            const struct flag *fl = &v->flag[refs[i].flag];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "account", a->name);
            cJSON_AddStringToObject(o, "kind", flag_kind_name(fl->kind));
            cJSON_AddStringToObject(o, "severity", severity_name(fl->severity));
            cJSON *rs = cJSON_AddArrayToObject(o, "reasons");
            int list[R_COUNT], nr = flag_reasons(fl, list);
            for (int r = 0; r < nr; r++) {
                char one[256];
                flag_reason_text(b.sc, a, v, list[r], one, sizeof one);
                cJSON_AddItemToArray(rs, cJSON_CreateString(one));
            }
            json_num(o, "acv", a->acv_cents >= 0, (double)a->acv_cents / 100.0);
            json_num(o, "health", v->health >= 0, v->health);
            json_num(o, "months_to_renewal", v->months != MONTHS_UNKNOWN, v->months);
            rc = json_stream_item(f, o, i == 0);
        }
        json_stream_end(f, n == 0);
    } else if (strcmp(format, "csv") == 0) {
        fputs("account,kind,severity,acv,health,months_to_renewal,reasons\n", f);
        for (size_t i = 0; i < n; i++) {
            const struct account *a = &b.acc[refs[i].account];
            const struct verdict *v = &b.v[refs[i].account];
            const struct flag *fl = &v->flag[refs[i].flag];
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
            reasons_text(&b, &refs[i], reasons, sizeof reasons);
            csv_cell(f, reasons, true);
            fputc('\n', f);
        }
    } else {
        static const char *const title[FLAG_KINDS] = {"Churn risks", "Expansion targets", "Case-study candidates"};
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
    int wrc = cli_output_close(f, output);
    book_free(&b);
    store_close(st);
    return rc ? rc : wrc;
}
