/* csm show and csm set: one account, explained and changed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/import.h"
#include "csm/money.h"
#include "csm/text.h"

/* Loads the book with history and finds the account; prints why when not. */
static int find(struct cli *cli, const char *name, struct store **st, struct book *b, size_t *idx)
{
    int rc = load_book(cli, true, st, b);
    if (rc)
        return rc;
    long i = book_find(b, name);
    if (i < 0) {
        for (size_t k = 0; k < b->n && i < 0; k++)
            if (b->acc[k].external_id && strcmp(b->acc[k].external_id, name) == 0)
                i = (long)k;
    }
    if (i < 0) {
        cli_no_account(b, name);
        book_free(b);
        store_close(*st);
        return 1;
    }
    *idx = (size_t)i;
    return 0;
}

static const char *const spark[] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
                                    "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};

static void score_text(int tenths, char *buf, size_t len)
{
    if (tenths == SCORE_NONE)
        snprintf(buf, len, "-");
    else if (tenths % 10)
        snprintf(buf, len, "%d.%d", tenths / 10, tenths % 10);
    else
        snprintf(buf, len, "%d", tenths / 10);
}

/* Under the health's history, with two snapshots or more, a line a
 * component: its sparkline, its newest scores (as many as the health's) and
 * how far it moved from its first snapshot with data, so a drop in health
 * says which part moved. */
static void history_components(FILE *f, const struct scoring *sc, const struct account *a)
{
    if (a->nhist < 2)
        return;
    int kw = 0;
    for (int c = 0; c < sc->model.ncomp; c++) {
        int w = (int)strlen(sc->model.comp[c].key);
        kw = w > kw ? w : kw;
    }
    int from = a->nhist > 8 ? a->nhist - 8 : 0;
    char buf[32];
    for (int c = 0; c < sc->model.ncomp; c++) {
        fprintf(f, "            %-*s ", kw, sc->model.comp[c].key);
        int first = SCORE_NONE, lastv = SCORE_NONE;
        for (int k = 0; k < a->nhist; k++) {
            int s = account_hist(a, k)[c];
            fputs(s == SCORE_NONE ? " " : spark[(s / 10) * 7 / 100], f);
            if (s != SCORE_NONE) {
                first = first == SCORE_NONE ? s : first;
                lastv = s;
            }
        }
        if (first == SCORE_NONE) {
            fprintf(f, "  no data in any snapshot\n");
            continue;
        }
        fputc(' ', f);
        for (int k = from; k < a->nhist; k++) {
            score_text(account_hist(a, k)[c], buf, sizeof buf);
            fprintf(f, " %5s", buf);
        }
        int change = lastv - first;
        char moved[40];
        score_text(change < 0 ? -change : change, buf, sizeof buf);
        snprintf(moved, sizeof moved, "%s%s", change > 0 ? "+" : change < 0 ? "-" : "", buf);
        fprintf(f, "  %5s\n", moved);
    }
}

static void show_text(FILE *f, const struct book *b, size_t i, const struct note *notes, size_t nnotes,
                      const struct saved_activity *acts, size_t nacts)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct scoring *sc = b->sc;
    char name[512], money[32], date[11], buf[256];
    text_safe(a->name, name, sizeof name);
    if (a->acv_cents >= 0)
        money_format(a->acv_cents, money, sizeof money);
    else
        snprintf(money, sizeof money, "unknown");
    fprintf(f, "%s\n", name);
    fprintf(f, "  segment %s%s   ACV $%s   ", segment_name(v->segment), a->segment == SEG_NONE ? " (from ACV)" : "",
            money);
    if (a->term_years >= 0)
        fprintf(f, "customer for %d year%s\n", a->term_years, a->term_years == 1 ? "" : "s");
    else
        fprintf(f, "customer for an unknown time\n");
    if (a->renewal != DATE_NONE) {
        date_format(a->renewal, date);
        char when[32];
        renewal_phrase(v, when, sizeof when); /* as the interface and the reasons say it */
        if (v->months < 0)
            fprintf(f, "Renewal     %s, passed (red)\n", date);
        else
            fprintf(f, "Renewal     %s, %s (%s)\n", date, when, band_name(v->months_band));
    } else {
        fprintf(f, "Renewal     unknown\n");
    }
    struct health h;
    health_compute(sc, a->score, &h);
    if (v->health >= 0)
        fprintf(f, "Health      %d (%s)", v->health, band_name(v->band));
    else
        fprintf(f, "Health      unknown: no component has data");
    fprintf(f, "   trend %s (%s)\n", trend_name(v->trend),
            a->trend != TREND_NONE ? "from the export" : v->trend_from_history ? "from the snapshot history"
                                                                                 : "no history yet");
    fprintf(f, "            model '%s', based on %d%% of its weight%s\n", sc->model.name, v->coverage_pct,
            v->low_coverage ? " (LOW COVERAGE: below the configured minimum)" : "");
    fprintf(f, "            %-20s %6s %8s %8s %12s\n", "component", "score", "weight", "used", "contributes");
    for (int c = 0; c < sc->model.ncomp; c++) {
        score_text(a->score[c], buf, sizeof buf);
        if (a->score[c] == SCORE_NONE)
            fprintf(f, "            %-20s %6s %7.1f%% %8s %12s\n", sc->model.comp[c].key, "no data",
                    sc->model.comp[c].weight, "-", "-");
        else
            fprintf(f, "            %-20s %6s %7.1f%% %7.1f%% %12.2f\n", sc->model.comp[c].key, buf,
                    sc->model.comp[c].weight, h.share[c], round(h.contribution[c] * 100) / 100);
    }
    if (v->health >= 0)
        fprintf(f, "            %-20s %6s %8s %8s %12.2f -> %d (rounded half up)\n", "", "", "", "", h.exact, v->health);
    fprintf(f, "            bands: red 0-%d, amber %d-%d, green %d-100; months: red 0-%d, amber %d-%d, green %d+\n",
            sc->score_bands.red_max, sc->score_bands.red_max + 1, sc->score_bands.amber_max,
            sc->score_bands.amber_max + 1, sc->month_bands.red_max, sc->month_bands.red_max + 1,
            sc->month_bands.amber_max, sc->month_bands.amber_max + 1);
    if (a->reported_health != SCORE_NONE) {
        score_text(a->reported_health, buf, sizeof buf);
        fprintf(f, "            the export said %s\n", buf);
    }
    fprintf(f, "History     ");
    for (int k = 0; k < a->nhist; k++) {
        int hv = health_compute(sc, account_hist(a, k), NULL);
        fputs(hv < 0 ? " " : spark[hv * 7 / 100], f);
    }
    if (a->nhist) {
        char d0[11], d1[11];
        date_format(a->hist_day[0], d0);
        date_format(a->hist_day[a->nhist - 1], d1);
        fprintf(f, "  %d snapshot%s, %s .. %s:", a->nhist, a->nhist == 1 ? "" : "s", d0, d1);
        int from = a->nhist > 8 ? a->nhist - 8 : 0;
        for (int k = from; k < a->nhist; k++) {
            int hv = health_compute(sc, account_hist(a, k), NULL);
            if (hv < 0)
                fprintf(f, " -");
            else
                fprintf(f, " %d", hv);
        }
        fputc('\n', f);
        history_components(f, sc, a);
    } else {
        fprintf(f, "no snapshots\n");
    }
    if (!v->nflags)
        fprintf(f, "Flags       none\n");
    for (int k = 0; k < v->nflags; k++) {
        const struct flag *fl = &v->flag[k];
        fprintf(f, "%s %s (%s):", k ? "           " : "Flags      ", flag_kind_name(fl->kind), severity_name(fl->severity));
        int list[R_COUNT], nr = flag_reasons(fl, list);
        for (int r = 0; r < nr; r++) {
            flag_reason_text(sc, a, v, list[r], buf, sizeof buf);
            fprintf(f, "%s %s", r ? ";" : "", buf);
        }
        fputc('\n', f);
    }
    struct risk_parts rp;
    if (risk_explain(sc, a, v, &b->ctx, &rp)) {
        const struct flag *ch = verdict_flag(v, FLAG_CHURN);
        char when[32];
        renewal_phrase(v, when, sizeof when);
        fprintf(f, "Risk        %d (%s) = signals %d x renewal %s %d%% x ACV at stake %d%%", ch->score,
                severity_name(ch->severity), rp.counted, when, rp.urgency_pct, rp.stake_pct);
        fprintf(f, "   (medium from %d, high from %d)\n", sc->flags.risk_medium_from, sc->flags.risk_high_from);
        for (int k = 0; k < rp.n; k++) {
            flag_reason_text(sc, a, v, rp.reason[k], buf, sizeof buf);
            if (rp.points[k])
                fprintf(f, "            %4d  %s\n", rp.points[k], buf);
        }
        if (rp.counted < rp.total)
            fprintf(f, "            %4d  in all, counted up to %d\n", rp.total, rp.counted);
    }
    for (int kind = FLAG_EXPANSION; kind <= FLAG_ADVOCACY; kind++)
        if (why_not_text(sc, a, v, kind, buf, sizeof buf))
            fprintf(f, "%s %s: %s\n", kind == FLAG_EXPANSION ? "Not        " : "           ",
                    kind == FLAG_EXPANSION ? "an expansion target" : "a case-study candidate", buf);
    fprintf(f, "Attributes  NPS ");
    if (a->nps >= 0)
        fprintf(f, "%d", a->nps);
    else
        fputs("-", f);
    fprintf(f, "   MSA restricted %s   anonymised OK %s   pulse %s\n",
            a->msa_restricted == TRI_UNKNOWN ? "-" : a->msa_restricted ? "yes" : "no",
            a->anonymized_ok == TRI_UNKNOWN ? "-" : a->anonymized_ok ? "yes" : "no",
            a->pulse == BAND_NONE ? "-" : band_name(a->pulse));
    fprintf(f, "            KPI ");
    if (!isnan(a->kpi_baseline) || !isnan(a->kpi_current)) {
        if (isnan(a->kpi_baseline))
            fputs("- ->", f);
        else
            fprintf(f, "%g ->", a->kpi_baseline);
        if (isnan(a->kpi_current))
            fputs(" -", f);
        else
            fprintf(f, " %g", a->kpi_current);
    } else {
        fputs("-", f);
    }
    if (a->last_advocacy_ask != DATE_NONE) {
        date_format(a->last_advocacy_ask, date);
        fprintf(f, "   last advocacy ask %s", date);
    } else {
        fprintf(f, "   last advocacy ask -");
    }
    text_safe(a->owner ? a->owner : "-", name, sizeof name);
    fprintf(f, "   owner %s", name);
    text_safe(a->external_id ? a->external_id : "-", name, sizeof name);
    fprintf(f, "   external id %s\n", name);
    if (!nnotes)
        fprintf(f, "Notes       none (csm set '%s' note='...')\n", a->name);
    for (size_t k = 0; k < nnotes; k++) {
        char body[1024];
        text_safe(notes[k].body, body, sizeof body);
        date_format(notes[k].day, date);
        fprintf(f, "%s %s  %s\n", k ? "           " : "Notes      ", date, body);
    }
    if (!nacts)
        fprintf(f, "Plan        no saved activity (csm plan --save)\n");
    for (size_t k = 0; k < nacts; k++) {
        char what[128];
        text_fit(acts[k].title ? acts[k].title : plan_template_title(acts[k].template_id), 28, false, what, sizeof what);
        date_format(acts[k].deadline, date);
        fprintf(f, "%s %-7s %s due %s  %5.1f h  %s\n", k ? "           " : "Plan       ", acts[k].ref, what, date,
                acts[k].hours, acts[k].status);
    }
}

static cJSON *show_json(const struct book *b, size_t i, const struct note *notes, size_t nnotes,
                        const struct saved_activity *acts, size_t nacts)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    const struct scoring *sc = b->sc;
    cJSON *o = account_json(b, i);
    struct health h;
    health_compute(sc, a->score, &h);
    cJSON *hd = cJSON_AddObjectToObject(o, "health_detail");
    cJSON_AddStringToObject(hd, "model", sc->model.name);
    if (v->health >= 0)
        cJSON_AddNumberToObject(hd, "exact", h.exact);
    else
        cJSON_AddNullToObject(hd, "exact");
    cJSON_AddNumberToObject(hd, "coverage_pct", v->coverage_pct);
    cJSON *cs = cJSON_AddArrayToObject(hd, "components");
    for (int c = 0; c < sc->model.ncomp; c++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "key", sc->model.comp[c].key);
        json_tenths(x, "score", a->score[c]);
        cJSON_AddNumberToObject(x, "weight", sc->model.comp[c].weight);
        if (a->score[c] == SCORE_NONE) {
            cJSON_AddNullToObject(x, "share");
            cJSON_AddNullToObject(x, "contribution");
        } else {
            cJSON_AddNumberToObject(x, "share", round(h.share[c] * 100) / 100);
            cJSON_AddNumberToObject(x, "contribution", round(h.contribution[c] * 100) / 100);
        }
        cJSON_AddItemToArray(cs, x);
    }
    cJSON_AddStringToObject(hd, "trend_source", a->trend != TREND_NONE ? "export" : v->trend_from_history ? "history" : "none");
    cJSON *hist = cJSON_AddArrayToObject(o, "history");
    for (int k = 0; k < a->nhist; k++) {
        cJSON *x = cJSON_CreateObject();
        json_date(x, "date", a->hist_day[k]);
        int hv = health_compute(sc, account_hist(a, k), NULL);
        if (hv >= 0)
            cJSON_AddNumberToObject(x, "health", hv);
        else
            cJSON_AddNullToObject(x, "health");
        cJSON *comps = cJSON_AddObjectToObject(x, "components");
        for (int c = 0; c < sc->model.ncomp; c++)
            json_tenths(comps, sc->model.comp[c].key, account_hist(a, k)[c]);
        cJSON_AddItemToArray(hist, x);
    }
    cJSON *fd = cJSON_AddArrayToObject(o, "flag_details");
    for (int k = 0; k < v->nflags; k++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "kind", flag_kind_name(v->flag[k].kind));
        cJSON_AddStringToObject(x, "severity", severity_name(v->flag[k].severity));
        cJSON *rs = cJSON_AddArrayToObject(x, "reasons");
        int list[R_COUNT], nr = flag_reasons(&v->flag[k], list);
        for (int r = 0; r < nr; r++) {
            char buf[256];
            flag_reason_text(sc, a, v, list[r], buf, sizeof buf);
            cJSON_AddItemToArray(rs, cJSON_CreateString(buf));
        }
        cJSON_AddItemToArray(fd, x);
    }
    struct risk_parts rp;
    if (risk_explain(sc, a, v, &b->ctx, &rp)) {
        const struct flag *ch = verdict_flag(v, FLAG_CHURN);
        cJSON *rd = cJSON_AddObjectToObject(o, "risk_detail");
        cJSON_AddNumberToObject(rd, "risk", ch->score);
        cJSON_AddStringToObject(rd, "severity", severity_name(ch->severity));
        cJSON *sig = cJSON_AddArrayToObject(rd, "signals");
        for (int k = 0; k < rp.n; k++) {
            char buf[256];
            flag_reason_text(sc, a, v, rp.reason[k], buf, sizeof buf);
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "reason", buf);
            cJSON_AddNumberToObject(x, "points", rp.points[k]);
            cJSON_AddItemToArray(sig, x);
        }
        cJSON_AddNumberToObject(rd, "points", rp.total);
        cJSON_AddNumberToObject(rd, "points_counted", rp.counted);
        cJSON_AddNumberToObject(rd, "urgency_pct", rp.urgency_pct);
        cJSON_AddNumberToObject(rd, "stake_pct", rp.stake_pct);
        cJSON_AddNumberToObject(rd, "medium_from", sc->flags.risk_medium_from);
        cJSON_AddNumberToObject(rd, "high_from", sc->flags.risk_high_from);
    }
    cJSON *wn = cJSON_AddObjectToObject(o, "why_not");
    for (int kind = FLAG_EXPANSION; kind <= FLAG_ADVOCACY; kind++) {
        char buf[256];
        if (why_not_text(sc, a, v, kind, buf, sizeof buf))
            cJSON_AddStringToObject(wn, flag_kind_name(kind), buf);
        else
            cJSON_AddNullToObject(wn, flag_kind_name(kind));
    }
    cJSON *ns = cJSON_AddArrayToObject(o, "notes");
    for (size_t k = 0; k < nnotes; k++) {
        cJSON *x = cJSON_CreateObject();
        json_date(x, "date", notes[k].day);
        cJSON_AddStringToObject(x, "text", notes[k].body);
        cJSON_AddItemToArray(ns, x);
    }
    cJSON *as = cJSON_AddArrayToObject(o, "activities");
    for (size_t k = 0; k < nacts; k++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "ref", acts[k].ref);
        cJSON_AddStringToObject(x, "kind", acts[k].kind);
        cJSON_AddStringToObject(x, "title", acts[k].title ? acts[k].title : plan_template_title(acts[k].template_id));
        cJSON_AddStringToObject(x, "description", acts[k].description);
        json_date(x, "deadline", acts[k].deadline);
        cJSON_AddNumberToObject(x, "duration_hours", acts[k].hours);
        cJSON_AddStringToObject(x, "status", acts[k].status);
        json_date(x, "done_on", acts[k].done_on);
        json_str(x, "outcome", acts[k].outcome);
        cJSON_AddItemToArray(as, x);
    }
    return o;
}

int cmd_show(struct cli *cli)
{
    const char *format = "text", *output = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL}, {NULL, 0, 0, 0}};
    char **pos;
    int npos, rc = parse_opts(cli, "show", opts, &pos, &npos);
    if (rc)
        return rc;
    if (npos != 1) {
        free(pos);
        cli_error("show needs one account: csm show 'Customer 12'");
        return 2;
    }
    static const char *const fmts[] = {"text", "json", NULL};
    if ((rc = check_format("show", format, fmts))) {
        free(pos);
        return rc;
    }
    struct store *st;
    struct book b;
    size_t i;
    rc = find(cli, pos[0], &st, &b, &i);
    free(pos);
    if (rc)
        return rc;
    struct note *notes = NULL;
    size_t nnotes = 0, nacts = 0;
    struct saved_activity *acts = NULL;
    if ((rc = store_load_notes(st, b.acc[i].id, &notes, &nnotes)) ||
        (rc = store_load_activities(st, b.acc[i].id, &acts, &nacts))) {
        cli_error("%s", store_error(st));
    } else {
        FILE *f = cli_output(output);
        if (!f) {
            rc = cli_output_error();
        } else {
            if (strcmp(format, "json") == 0)
                rc = print_json(f, show_json(&b, i, notes, nnotes, acts, nacts));
            else
                show_text(f, &b, i, notes, nnotes, acts, nacts);
            int wrc = cli_output_close(f, output);
            rc = rc ? rc : wrc;
        }
    }
    store_free_notes(notes, nnotes);
    store_free_activities(acts, nacts);
    book_free(&b);
    store_close(st);
    return rc;
}

static bool is_unknown(const char *why) { return why && strcmp(why, "is not an attribute that can be set") == 0; }

/* An unknown key: named, with the keys that can be set (those the importer
 * takes for csm set, asked of it on a scratch account) rather than the
 * value, which is not what is wrong. */
static void unknown_attribute(const struct health_model *m, const char *key)
{
    char safe[128], keys[512] = "";
    size_t o = 0;
    text_safe(key, safe, sizeof safe);
    for (int i = 0; i < import_field_count(); i++) {
        struct account scratch;
        account_init(&scratch);
        unsigned fields = 0;
        const char *why = NULL;
        char value[] = "x";
        import_read_attribute(m, import_field_name(i), value, &(struct attribute_options){.date_format = DATE_AUTO},
                              &scratch, &fields, &why);
        account_free(&scratch);
        if (!is_unknown(why) && o < sizeof keys)
            o += (size_t)snprintf(keys + o, sizeof keys - o, "%s%s", o ? ", " : "", import_field_name(i));
    }
    cli_error("'%s' is not an attribute that can be set; the attributes: %s (and note=TEXT)", safe, keys);
}

int cmd_set(struct cli *cli)
{
    const char *date_order = NULL;
    const struct opt opts[] = {{"--date-format", true, &date_order, NULL}, {NULL, 0, 0, 0}};
    char **pos;
    int npos, rc = parse_opts(cli, "set", opts, &pos, &npos);
    if (rc)
        return rc;
    /* Slash dates read in the order said; without it only those whose day
     * shows the order (or YYYY-MM-DD, which the advice names). */
    struct attribute_options ao = {.as_of = cli->as_of, .date_format = DATE_AUTO, .from_cli = true};
    if (date_order && (!import_date_format_parse(date_order, &ao.date_format) || ao.date_format == DATE_SETTLE)) {
        free(pos);
        cli_error("--date-format takes M/D/YYYY or D/M/YYYY");
        return CSM_EXIT_USAGE;
    }
    if (npos < 2) {
        free(pos);
        cli_error("set needs an account and KEY=VALUE: csm set 'Customer 11' nps=9 pulse=green");
        return CSM_EXIT_USAGE;
    }
    if (cli->read_only) {
        free(pos);
        cli_error("set writes to the database: not with --read-only");
        return CSM_EXIT_USAGE;
    }
    struct store *st;
    char err[600];
    if ((rc = store_open(cli->db_path, STORE_READ_WRITE, &st, err, sizeof err))) {
        free(pos);
        cli_error("%s", err);
        return rc;
    }
    struct account a;
    rc = store_find_account(st, &cli->scoring.model, pos[0], &a);
    if (rc < 0) {
        struct book b;
        bool have = book_load(&b, st, &cli->scoring, cli->as_of, false) == 0;
        cli_no_account(have ? &b : NULL, pos[0]);
        if (have)
            book_free(&b);
        free(pos);
        store_close(st);
        return CSM_EXIT_FAIL;
    }
    if (rc) {
        cli_error("%s", store_error(st));
        free(pos);
        store_close(st);
        return rc;
    }
    unsigned fields = 0;
    const char *note = NULL;
    /* Check every KEY=VALUE first: a wrong one changes nothing. */
    for (int k = 1; k < npos && !rc; k++) {
        char *eq = strchr(pos[k], '=');
        if (!eq || eq == pos[k]) {
            cli_error("'%s' is not KEY=VALUE", pos[k]);
            rc = CSM_EXIT_USAGE;
            break;
        }
        *eq = '\0';
        const char *key = pos[k];
        char *value = eq + 1;
        if (strcmp(key, "note") == 0 || strcmp(key, "notes") == 0) {
            text_fold_space(value);
            if (!*value) {
                cli_error("note: the text is empty");
                rc = CSM_EXIT_USAGE;
            } else if (!text_clean(value)) {
                cli_error("note: holds control characters or is not valid UTF-8");
                rc = EX_DATAERR;
            }
            note = value;
            continue;
        }
        /* An empty value, or none/null, clears the attribute. */
        char probe[16];
        snprintf(probe, sizeof probe, "%s", value);
        text_lower(text_fold_space(probe));
        const char *why = NULL;
        if (!*probe || !strcmp(probe, "none") || !strcmp(probe, "null") || !strcmp(probe, "-")) {
            if (!import_clear_attribute(key, &a, &fields)) {
                unknown_attribute(&cli->scoring.model, key);
                rc = CSM_EXIT_USAGE;
                break;
            }
            continue;
        }
        if (!import_read_attribute(&cli->scoring.model, key, value, &ao, &a, &fields, &why)) {
            if (is_unknown(why)) {
                unknown_attribute(&cli->scoring.model, key);
                rc = CSM_EXIT_USAGE;
                break;
            }
            char safe[256];
            text_safe(value, safe, sizeof safe);
            cli_error("%s: %s ('%s')", key, why, safe);
            rc = EX_DATAERR;
            break;
        }
    }
    if (!rc) {
        rc = store_begin(st);
        if (!rc && fields)
            rc = store_update_attributes(st, &a, fields);
        if (!rc && note)
            rc = store_add_note(st, a.id, cli->as_of, note);
        if (!rc)
            rc = store_commit(st);
        if (rc) {
            cli_error("%s", store_error(st));
            store_rollback(st);
        }
    }
    if (!rc) {
        char safe[256];
        text_safe(a.name, safe, sizeof safe);
        printf("%s: updated\n", safe);
    }
    account_free(&a);
    free(pos);
    store_close(st);
    return rc;
}
