/* csm import and csm imports: health-score exports into the book, and
 * the record of what each import did. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/import.h"
#include "csm/path.h"
#include "csm/store.h"
#include "csm/text.h"
#include "csm/watch.h"

/* ---- import ---- */

/* A file as the messages name it. */
static const char *file_label(const char *path)
{
    return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0 ? "stdin" : path_base(path);
}

int cmd_import(struct cli *cli)
{
    bool dry = false, fields = false, skip_bad = false, force = false, forget = false;
    const char *rejects = NULL;
    char delimiter = 0;
    int date_order = DATE_AUTO;
    struct import_map maps[64];
    int nmaps = 0;
    char **files = xcalloc((size_t)cli->argc + 1, sizeof *files);
    int nfiles = 0, rc = 0;
    bool past = false;
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (past || a[0] != '-' || strcmp(a, "-") == 0) {
            files[nfiles++] = cli->argv[i];
        } else if (strcmp(a, "--") == 0) {
            past = true;
        } else if (strcmp(a, "--dry-run") == 0) {
            dry = true;
        } else if (strcmp(a, "--fields") == 0) {
            fields = true;
        } else if (strcmp(a, "--skip-bad") == 0) {
            skip_bad = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (strcmp(a, "--forget") == 0) {
            forget = true;
        } else if (strncmp(a, "--rejects", 9) == 0 && (a[9] == '\0' || a[9] == '=')) {
            rejects = a[9] == '=' ? a + 10 : (i + 1 < cli->argc ? cli->argv[++i] : NULL);
            if (!rejects || !*rejects) {
                cli_error("--rejects takes a file: --rejects rejected.csv");
                rc = CSM_EXIT_USAGE;
                break;
            }
        } else if (strncmp(a, "--delimiter", 11) == 0 && (a[11] == '\0' || a[11] == '=')) {
            const char *d = a[11] == '=' ? a + 12 : (i + 1 < cli->argc ? cli->argv[++i] : NULL);
            if (d && (!strcmp(d, "tab") || !strcmp(d, "\\t") || !strcmp(d, "\t")))
                delimiter = '\t';
            else if (d && strlen(d) == 1 && strchr(",;|", d[0]))
                delimiter = d[0];
            else {
                cli_error("--delimiter takes ',', ';', '|' or tab");
                rc = CSM_EXIT_USAGE;
                break;
            }
        } else if (strncmp(a, "--date-format", 13) == 0 && (a[13] == '\0' || a[13] == '=')) {
            const char *d = a[13] == '=' ? a + 14 : (i + 1 < cli->argc ? cli->argv[++i] : NULL);
            if (!d || !import_date_format_parse(d, &date_order)) {
                cli_error("--date-format takes M/D/YYYY, D/M/YYYY or auto");
                rc = CSM_EXIT_USAGE;
                break;
            }
        } else if (strncmp(a, "--map", 5) == 0 && (a[5] == '\0' || a[5] == '=')) {
            const char *m = a[5] == '=' ? a + 6 : (i + 1 < cli->argc ? cli->argv[++i] : NULL);
            const char *eq = m ? strrchr(m, '=') : NULL;
            if (!m || !eq || eq == m || !eq[1]) {
                cli_error("--map takes 'HEADER=FIELD' (see csm import --fields)");
                rc = CSM_EXIT_USAGE;
                break;
            }
            if (nmaps == 64) {
                cli_error("at most 64 --map options");
                rc = CSM_EXIT_USAGE;
                break;
            }
            char *h = xstrdup(m);
            h[eq - m] = '\0';
            maps[nmaps].header = h;
            maps[nmaps].field = eq + 1;
            nmaps++;
        } else {
            cli_error("unknown option '%s' for 'import' (see csm import --help)", a);
            rc = CSM_EXIT_USAGE;
            break;
        }
    }
    if (!rc && fields) {
        printf("Fields a column can map to (--map 'HEADER=FIELD'):\n");
        for (int i = 0; i < import_field_count(); i++)
            printf("  %-18s %s\n", import_field_name(i), import_field_help(i));
        for (int i = 0; i < cli->scoring.model.ncomp; i++)
            printf("  %-18s component score 0-100 of the %s model (%s)\n", cli->scoring.model.comp[i].key,
                   cli->scoring.model.name, cli->scoring.model.comp[i].label);
        printf("  %-18s a column to leave out without a note\n", "ignore");
    } else if (!rc && nfiles == 0) {
        cli_error("import needs a file: csm import FILE.csv (or - for standard input)");
        rc = CSM_EXIT_USAGE;
    } else if (!rc && rejects && !skip_bad) {
        cli_error("--rejects FILE goes with --skip-bad: the rejected rows are written there");
        rc = CSM_EXIT_USAGE;
    } else if (!rc && rejects && nfiles > 1) {
        cli_error("--rejects FILE takes one input file: each file's rejected rows would replace the last's");
        rc = CSM_EXIT_USAGE;
    }
    /* Nothing lies beside standard input to put the rejected rows in. */
    for (int i = 0; i < nfiles && !rc && skip_bad && !rejects && !dry; i++)
        if (strcmp(files[i], "-") == 0 || strcmp(files[i], "/dev/stdin") == 0) {
            cli_error("--skip-bad reading standard input needs --rejects FILE for the rejected rows");
            rc = CSM_EXIT_USAGE;
        }
    if (!rc && !fields) {
        /* A --map to an unknown field is a usage error, caught before any file is read. */
        for (int k = 0; k < nmaps && !rc; k++) {
            bool known = strcasecmp(maps[k].field, "ignore") == 0;
            for (int i = 0; i < import_field_count() && !known; i++)
                known = strcasecmp(maps[k].field, import_field_name(i)) == 0;
            for (int i = 0; i < cli->scoring.model.ncomp && !known; i++)
                known = strcasecmp(maps[k].field, cli->scoring.model.comp[i].key) == 0;
            if (!known) {
                cli_error("--map: '%s' is not a field (see csm import --fields)", maps[k].field);
                rc = CSM_EXIT_USAGE;
            }
        }
        struct store *st = NULL;
        if (!rc && cli->read_only && !dry) {
            cli_error("import writes to the database: not with --read-only (--dry-run only looks)");
            rc = CSM_EXIT_USAGE;
        }
        if (!rc && dry && access(cli->db_path, F_OK) != 0) {
            /* No database yet: everything would be new, and nothing is created. */
            char err[600];
            rc = store_open(":memory:", STORE_READ_WRITE, &st, err, sizeof err);
            if (rc)
                cli_error("%s", err);
        } else if (!rc) {
            rc = open_store(cli, !dry, &st);
        }
        struct import_options o = {
            .scoring = &cli->scoring, .as_of = cli->as_of, .dry_run = dry, .maps = maps, .nmaps = nmaps,
            .dry_out = stdout, .delimiter = delimiter, .date_format = date_order, .skip_bad = skip_bad,
            .rejects = rejects, .force = force, .forget = forget, .progress = true, /* on a terminal only */
        };
        for (int i = 0; i < nfiles && !rc; i++) {
            struct import_result res;
            int frc = import_file(st, files[i], &o, &res, stderr);
            if (frc) {
                rc = frc;
                for (int k = i + 1; k < nfiles; k++) {
                    cli_error("%s: not read: the import stopped at %s", file_label(files[k]), file_label(files[i]));
                }
                break;
            }
            char safe[256];
            text_safe(file_label(files[i]), safe, sizeof safe);
            if (res.before_id) {
                /* The same bytes as an import in force: nothing to do. */
                char day[11];
                date_format(res.before_as_of, day);
                printf("%s%s: already imported on %.10s as import %lld (as of %s): %s; --force imports it again\n",
                       dry ? "dry run: " : "", safe, res.before_at, res.before_id, day,
                       dry ? "nothing would change" : "nothing changed");
                continue;
            }
            int total = res.created + res.updated + res.unchanged;
            /* An older export's accounts were updated in their history only. */
            char history[48] = "", unchanged[32] = "";
            if (res.history)
                snprintf(history, sizeof history, ", %d history only", res.history);
            if (res.unchanged)
                snprintf(unchanged, sizeof unchanged, ", %d unchanged", res.unchanged);
            if (dry)
                printf("dry run: %s: %d account%s (%d new, %d updated, %d unchanged), %d rejected%s: nothing written\n",
                       safe, total, total == 1 ? "" : "s", res.created, res.updated, res.unchanged, res.rejected,
                       history);
            else
                printf("%s: %d account%s (%d new, %d updated%s), %d rejected%s\n", safe, total, total == 1 ? "" : "s",
                       res.created, res.updated, unchanged, res.rejected, history);
            if (!dry && watch_import(st, &cli->scoring, res.import_id, cli->as_of, stdout))
                cli_error("%s: imported, but what changed could not be worked out: %s", safe, store_error(st));
            if (res.rejects_path[0]) {
                char rp[512];
                text_safe(res.rejects_path, rp, sizeof rp);
                printf("rejected rows, with the reason, in %s\n", rp);
            }
        }
        store_close(st);
    }
    for (int k = 0; k < nmaps; k++)
        free((char *)maps[k].header);
    free(files);
    if (!rc && fflush(stdout) != 0) {
        cli_error("cannot write the output: %s", strerror(errno));
        rc = EX_IOERR;
    }
    return rc;
}

/* ---- imports ---- */

int cmd_imports(struct cli *cli)
{
    const char *format = NULL, *undo = NULL, *changes = NULL;
    bool force = false;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--undo", true, &undo, NULL},
                               {"--force", false, NULL, &force}, {"--changes", true, &changes, NULL},
                               {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "imports", opts);
    if (rc)
        return rc;
    struct store *st;
    if (changes) {
        char *end;
        long long id = strtoll(changes, &end, 10);
        if (*end || id <= 0) {
            cli_error("--changes takes an import number (csm imports lists them)");
            return CSM_EXIT_USAGE;
        }
        if ((rc = open_store(cli, false, &st)))
            return rc;
        rc = watch_show(st, id, stdout);
        if (rc)
            cli_error("%s", store_error(st));
        store_close(st);
        return rc ? rc : (fflush(stdout) == 0 ? 0 : EX_IOERR);
    }
    if (undo) {
        char *end;
        long long id = strtoll(undo, &end, 10);
        if (*end || id <= 0) {
            cli_error("--undo takes an import number (csm imports lists them)");
            return CSM_EXIT_USAGE;
        }
        if (cli->read_only) {
            cli_error("--undo writes to the database: not with --read-only");
            return CSM_EXIT_USAGE;
        }
        if ((rc = open_store(cli, false, &st)))
            return rc;
        rc = store_undo_import_force(st, id, force);
        if (rc)
            cli_error("%s", store_error(st));
        else
            printf("import %lld undone\n", id);
        store_close(st);
        return rc;
    }
    if (!format)
        format = isatty_stdout() ? "table" : "csv";
    static const char *const fmts[] = {"table", "csv", "json", NULL};
    if ((rc = check_format("imports", format, fmts)))
        return rc;
    if ((rc = open_store(cli, false, &st)))
        return rc;
    struct import_record *v;
    size_t n;
    rc = store_list_imports(st, &v, &n);
    if (rc)
        cli_error("%s", store_error(st));
    store_close(st);
    if (rc)
        return rc;
    char d[11];
    if (strcmp(format, "json") == 0) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "id", (double)v[i].id);
            cJSON_AddStringToObject(o, "file", v[i].file);
            json_str(o, "sha256", v[i].sha256);
            cJSON_AddStringToObject(o, "imported_at", v[i].imported_at);
            json_date(o, "as_of", v[i].as_of);
            cJSON_AddNumberToObject(o, "rows", v[i].rows);
            cJSON_AddNumberToObject(o, "created", v[i].created);
            cJSON_AddNumberToObject(o, "updated", v[i].updated);
            cJSON_AddNumberToObject(o, "rejected", v[i].rejected);
            json_str(o, "undone_at", v[i].undone_at);
            json_str(o, "messages", v[i].messages);
            cJSON_AddItemToArray(arr, o);
        }
        rc = print_json(stdout, arr);
    } else if (strcmp(format, "csv") == 0) {
        puts("id,file,as_of,imported_at,rows,created,updated,rejected,undone_at,sha256");
        for (size_t i = 0; i < n; i++) {
            date_format(v[i].as_of, d);
            printf("%lld,", v[i].id);
            csv_cell(stdout, v[i].file, true);
            printf(",%s,%s,%d,%d,%d,%d,%s,%s\n", d, v[i].imported_at, v[i].rows, v[i].created, v[i].updated,
                   v[i].rejected, v[i].undone_at ? v[i].undone_at : "", v[i].sha256 ? v[i].sha256 : "");
        }
    } else if (n == 0) {
        puts("No imports yet: csm import FILE.csv");
    } else {
        printf("%4s  %-24s %-10s %-20s %7s %7s %7s %8s\n", "id", "file", "as of", "imported", "rows", "new", "updated",
               "rejected");
        for (size_t i = 0; i < n; i++) {
            char file[128];
            text_fit(v[i].file, 24, false, file, sizeof file);
            date_format(v[i].as_of, d);
            printf("%4lld  %s %-10s %-20s %7d %7d %7d %8d%s\n", v[i].id, file, d, v[i].imported_at, v[i].rows,
                   v[i].created, v[i].updated, v[i].rejected, v[i].undone_at ? "  (undone)" : "");
        }
    }
    store_free_imports(v, n);
    return rc ? rc : (fflush(stdout) == 0 ? 0 : EX_IOERR);
}
