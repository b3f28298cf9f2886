/* Keeping the book safe: csm backup, csm check, csm export. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/text.h"

int cmd_backup(struct cli *cli)
{
    if (cli->argc != 1 || cli->argv[0][0] == '-') {
        cli_error("backup needs a file: csm backup ~/portfolio-2027-01-01.db");
        return CSM_EXIT_USAGE;
    }
    struct store *st;
    int rc = open_store(cli, false, &st);
    if (rc)
        return rc;
    rc = store_backup(st, cli->argv[0]);
    if (rc)
        cli_error("%s", store_error(st));
    else
        printf("copied to %s\n", cli->argv[0]);
    store_close(st);
    return rc;
}

int cmd_check(struct cli *cli)
{
    if (cli->argc) {
        cli_error("'check' takes no arguments");
        return CSM_EXIT_USAGE;
    }
    struct store *st;
    int rc = open_store(cli, false, &st);
    if (rc)
        return rc;
    char out[2048];
    rc = store_check(st, out, sizeof out);
    if (rc == EX_DATAERR)
        cli_error("the database is damaged: %s; restore a backup (csm backup makes them)", out);
    else if (rc)
        cli_error("%s", store_error(st));
    else
        printf("%s: ok (integrity and links between tables)\n", cli->db_path);
    store_close(st);
    return rc;
}

/* One account with everything it has: attributes, every snapshot, notes.
 * NULL (with the reason printed) when its notes cannot be read. */
static cJSON *export_account(struct store *st, const struct book *b, size_t i)
{
    const struct account *a = &b->acc[i];
    const struct scoring *sc = b->sc;
    cJSON *o = account_json(b, i);
    cJSON *hist = cJSON_AddArrayToObject(o, "snapshots");
    for (int k = 0; k < a->nhist; k++) {
        cJSON *x = cJSON_CreateObject();
        json_date(x, "date", a->hist_day[k]);
        cJSON *comps = cJSON_AddObjectToObject(x, "components");
        for (int c = 0; c < sc->model.ncomp; c++)
            json_tenths(comps, sc->model.comp[c].key, account_hist(a, k)[c]);
        cJSON_AddItemToArray(hist, x);
    }
    struct note *notes;
    size_t n;
    cJSON *ns = cJSON_AddArrayToObject(o, "notes");
    if (store_load_notes(st, a->id, &notes, &n) != 0) {
        cli_error("%s", store_error(st));
        cJSON_Delete(o);
        return NULL;
    }
    for (size_t k = 0; k < n; k++) {
        cJSON *x = cJSON_CreateObject();
        json_date(x, "date", notes[k].day);
        cJSON_AddStringToObject(x, "text", notes[k].body);
        cJSON_AddItemToArray(ns, x);
    }
    store_free_notes(notes, n);
    return o;
}

int cmd_export(struct cli *cli)
{
    const char *format = "json", *output = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL}, {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "export", opts);
    if (rc)
        return rc;
    static const char *const fmts[] = {"json", "csv", NULL};
    if ((rc = check_format("export", format, fmts)))
        return rc;
    struct store *st;
    struct book b;
    FILE *f;
    /* The whole database: every snapshot, dated after --as-of or not. */
    if ((rc = open_report_all(cli, output, &st, &b, &f)))
        return rc;
    const struct health_model *m = &cli->scoring.model;
    if (strcmp(format, "json") == 0) {
        /* {"accounts": [...], "activities": [...]}, accounts streamed one by one. */
        fputs("{\"model\": ", f);
        cJSON *mn = cJSON_CreateString(m->name);
        char *t = cJSON_PrintUnformatted(mn);
        fputs(t, f);
        free(t);
        cJSON_Delete(mn);
        fputs(", \"accounts\": ", f);
        json_stream_begin(f);
        for (size_t i = 0; i < b.n && !rc; i++) {
            cJSON *o = export_account(st, &b, i);
            rc = o ? json_stream_item(f, o, i == 0) : 74;
        }
        json_stream_end(f, b.n == 0);
        fputs(", \"activities\": ", f);
        struct saved_activity *acts;
        size_t nacts;
        if (!rc && store_load_activities(st, 0, &acts, &nacts) != 0) {
            cli_error("%s", store_error(st));
            rc = EX_IOERR;
        }
        if (!rc) {
            json_stream_begin(f);
            for (size_t k = 0; k < nacts && !rc; k++) {
                cJSON *x = cJSON_CreateObject();
                cJSON_AddStringToObject(x, "ref", acts[k].ref);
                cJSON_AddStringToObject(x, "client", acts[k].client);
                cJSON_AddStringToObject(x, "kind", acts[k].kind);
                cJSON_AddStringToObject(x, "description", acts[k].description);
                cJSON_AddStringToObject(x, "purpose", acts[k].purpose);
                cJSON_AddStringToObject(x, "results", acts[k].results);
                cJSON_AddStringToObject(x, "measurement", acts[k].measurement);
                cJSON_AddNumberToObject(x, "duration_hours", acts[k].hours);
                json_date(x, "deadline", acts[k].deadline);
                cJSON *deps = cJSON_AddArrayToObject(x, "dependencies");
                char buf[128];
                snprintf(buf, sizeof buf, "%s", acts[k].dependencies);
                for (char *save = NULL, *r = strtok_r(buf, " ", &save); r; r = strtok_r(NULL, " ", &save))
                    cJSON_AddItemToArray(deps, cJSON_CreateString(r));
                cJSON_AddStringToObject(x, "notes", acts[k].notes);
                cJSON_AddStringToObject(x, "status", acts[k].status);
                json_date(x, "done_on", acts[k].done_on);
                json_str(x, "outcome", acts[k].outcome);
                json_date(x, "plan_start", acts[k].plan_start);
                json_date(x, "plan_end", acts[k].plan_end);
                rc = json_stream_item(f, x, k == 0);
            }
            json_stream_end(f, nacts == 0);
            store_free_activities(acts, nacts);
        }
        fputs("}\n", f);
    } else {
        /* One row a snapshot: the account's attributes and that day's scores. */
        fputs("name,external_id,segment,owner,term_years,acv,renewal_date,nps,msa_restricted,anonymized_ok,"
              "kpi_baseline,kpi_current,last_advocacy_ask,pulse,snapshot_date", f);
        for (int c = 0; c < m->ncomp; c++)
            fprintf(f, ",%s", m->comp[c].key);
        fputs("\n", f);
        char d[11];
        for (size_t i = 0; i < b.n; i++) {
            const struct account *a = &b.acc[i];
            for (int k = 0; k < (a->nhist ? a->nhist : 1); k++) {
                csv_cell(f, a->name, true);
                fputc(',', f);
                csv_cell(f, a->external_id ? a->external_id : "", true);
                fprintf(f, ",%s,", segment_name(b.v[i].segment));
                csv_cell(f, a->owner ? a->owner : "", true);
                fputc(',', f);
                if (a->term_years >= 0)
                    fprintf(f, "%d", a->term_years);
                fputc(',', f);
                if (a->acv_cents >= 0)
                    fprintf(f, "%lld.%02lld", (long long)(a->acv_cents / 100), (long long)(a->acv_cents % 100));
                fputc(',', f);
                if (a->renewal != DATE_NONE) {
                    date_format(a->renewal, d);
                    fputs(d, f);
                }
                fputc(',', f);
                if (a->nps >= 0)
                    fprintf(f, "%d", a->nps);
                fprintf(f, ",%s,%s,", a->msa_restricted == TRI_UNKNOWN ? "" : a->msa_restricted ? "yes" : "no",
                        a->anonymized_ok == TRI_UNKNOWN ? "" : a->anonymized_ok ? "yes" : "no");
                if (a->kpi_baseline == a->kpi_baseline)
                    fprintf(f, "%g", a->kpi_baseline);
                fputc(',', f);
                if (a->kpi_current == a->kpi_current)
                    fprintf(f, "%g", a->kpi_current);
                fputc(',', f);
                if (a->last_advocacy_ask != DATE_NONE) {
                    date_format(a->last_advocacy_ask, d);
                    fputs(d, f);
                }
                fprintf(f, ",%s,", a->pulse == BAND_NONE ? "" : band_name(a->pulse));
                if (a->nhist) {
                    date_format(a->hist_day[k], d);
                    fputs(d, f);
                }
                for (int c = 0; c < m->ncomp; c++) {
                    int s = a->nhist ? account_hist(a, k)[c] : SCORE_NONE;
                    if (s == SCORE_NONE)
                        fputc(',', f);
                    else if (s % 10)
                        fprintf(f, ",%d.%d", s / 10, s % 10);
                    else
                        fprintf(f, ",%d", s / 10);
                }
                fputc('\n', f);
            }
        }
    }
    return close_report(st, &b, f, output, rc);
}
