/* csm plan, and tracking a saved plan: activities, done, drop. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/path.h"
#include "csm/plan.h"
#include "csm/text.h"

/* The book's name for the plan's header: the database file without ".db". */
static void book_title(const struct cli *cli, char *buf, size_t len)
{
    snprintf(buf, len, "%s", path_base(cli->db_path));
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
}

/* True when `name` is an executable in $PATH. */
static bool in_path(const char *name, char *full, size_t len)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        snprintf(full, len, "%.*s/%s", (int)n, path, name);
        if (n && access(full, X_OK) == 0)
            return true;
        path += n + (colon ? 1 : 0);
    }
    return false;
}

/* Sends the text plan to lp or lpr through a pipe: no shell, so nothing in a
 * name or option can become a command. */
static int print_plan(const struct plan *p, const struct book *b, const char *title)
{
    char prog[4096];
    const char *name = in_path("lp", prog, sizeof prog) ? "lp" : in_path("lpr", prog, sizeof prog) ? "lpr" : NULL;
    if (!name) {
        cli_error("--print needs lp or lpr (CUPS: apt-get install cups-client); or write the plan with "
                  "--output plan.txt and print that");
        return 1;
    }
    int fd[2];
    if (pipe(fd) != 0) {
        cli_error("cannot start %s: %s", name, strerror(errno));
        return 1;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        cli_error("cannot start %s: %s", name, strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return 1;
    }
    if (pid == 0) {
        dup2(fd[0], STDIN_FILENO);
        close(fd[0]);
        close(fd[1]);
        char *const argv[] = {(char *)name, (char *)(strcmp(name, "lp") == 0 ? "-t" : "-T"), (char *)"csm plan", NULL};
        execv(prog, argv);
        _exit(127);
    }
    close(fd[0]);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *f = fdopen(fd[1], "w");
    int rc = 0;
    if (!f) {
        close(fd[1]);
        rc = 1;
    } else {
        plan_write_text(f, p, b, title);
        if (fclose(f) != 0)
            rc = 1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    signal(SIGPIPE, old);
    if (rc || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        cli_error("%s could not print the plan (exit %d)", name, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return 1;
    }
    fprintf(stderr, "csm: plan sent to the printer with %s\n", name);
    return 0;
}

/* What saving did to the plan it replaced, on stderr: every status that
 * came over and every done or dropped activity kept, by name. */
static void report_carry(const struct plan_carry *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct plan_carry_item *x = &c->v[i];
        if (!x->kept && strcmp(x->ref, x->old_ref) == 0)
            cli_error("%s: %s, as recorded in the plan replaced", x->ref, x->status);
        else if (!x->kept)
            cli_error("%s: %s, as recorded for it (%s) in the plan replaced", x->ref, x->status, x->old_ref);
        else if (strcmp(x->ref, x->old_ref) == 0)
            cli_error("%s: kept, %s: the new plan has no such activity", x->ref, x->status);
        else
            cli_error("%s: kept as %s, %s: the new plan has no such activity", x->old_ref, x->ref, x->status);
    }
    if (c->removed)
        cli_error("%d planned activit%s of the plan replaced that the new plan lacks removed", c->removed,
                  c->removed == 1 ? "y" : "ies");
}

static int save_plan(struct cli *cli, const struct plan *p, const struct book *b)
{
    struct store *st;
    int rc = open_store(cli, true, &st);
    if (rc)
        return rc;
    struct saved_activity *v;
    size_t n = plan_saved_activities(p, b, &v);
    long long id;
    struct plan_carry carry;
    rc = store_begin(st);
    if (!rc)
        rc = store_save_plan(st, p->start, p->end, p->capacity_hours, v, n, &id, &carry);
    if (!rc)
        rc = store_commit(st);
    if (rc) {
        cli_error("%s", store_error(st));
        store_rollback(st);
    } else {
        report_carry(&carry);
        if (carry.replaced)
            cli_error("plan saved: %zu activities, %d carried over and %d kept from the plan%s it replaced "
                      "(csm activities lists them)",
                      p->n, carry.carried, carry.kept, carry.replaced == 1 ? "" : "s");
        else
            cli_error("plan saved: %zu activities (csm activities lists them)", p->n);
        store_free_carry(&carry);
    }
    store_free_activities(v, n);
    store_close(st);
    return rc;
}

/* Whether the activity serves an account of the book: its own, or one of
 * the accounts a group session names. */
static bool serves_book(const struct book *b, const struct saved_activity *a)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->acc[i].id == a->account_id)
            return true;
    bool found = false;
    cJSON *names = a->accounts ? cJSON_Parse(a->accounts) : NULL;
    const cJSON *name;
    cJSON_ArrayForEach(name, names)
        if (cJSON_IsString(name) && book_find(b, name->valuestring) >= 0) {
            found = true;
            break;
        }
    cJSON_Delete(names);
    return found;
}

/* Puts the saved activities of the book's accounts first (a group session
 * that serves one of them too); how many. */
static size_t owned_first(const struct book *b, struct saved_activity *v, size_t n)
{
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        if (serves_book(b, &v[j])) {
            struct saved_activity t = v[k];
            v[k++] = v[j];
            v[j] = t;
        }
    return k;
}

int cmd_plan(struct cli *cli)
{
    const char *format = "text", *output = NULL, *quarter = NULL, *count_s = NULL, *capacity_s = NULL, *owner = NULL;
    bool print = false, save = false, fresh = false;
    const struct opt opts[] = {{"--format", true, &format, NULL},   {"--output", true, &output, NULL},
                               {"--quarter", true, &quarter, NULL}, {"--count", true, &count_s, NULL},
                               {"--capacity", true, &capacity_s, NULL}, {"--print", false, NULL, &print},
                               {"--save", false, NULL, &save},      {"--fresh", false, NULL, &fresh},
                               {"--owner", true, &owner, NULL},     {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "plan", opts);
    if (rc)
        return rc;
    if (strcmp(format, "markdown") == 0) /* as a CSM would write it */
        format = "md";
    static const char *const fmts[] = {"text", "md", "csv", "json", "ics", NULL};
    if ((rc = check_format("plan", format, fmts)))
        return rc;
    struct plan_options o = {.count = 25}; /* the capacity: the settings', or from the quarter's working days */
    if (!plan_quarter(quarter, cli->as_of, &o.start, &o.end)) {
        cli_error("--quarter '%s': use YYYY-Qn, for example 2027-Q1, in the years %d to %d", quarter,
                  DATE_AS_OF_FIRST_YEAR, DATE_AS_OF_LAST_YEAR);
        return 2;
    }
    if (count_s) {
        char *end;
        long n = strtol(count_s, &end, 10);
        if (*end || n < 1 || n > 1000) {
            cli_error("--count '%s': a whole number from 1 to 1000", count_s);
            return 2;
        }
        o.count = (int)n;
    }
    if (capacity_s) {
        char *end;
        double h = strtod(capacity_s, &end);
        if (*end || !(h > 0) || h > 10000) {
            cli_error("--capacity '%s': hours, a number above 0", capacity_s);
            return 2;
        }
        o.capacity_hours = h;
    }
    /* The saved plan is the quarter's, for the whole book: one owner's
     * would replace it. */
    if (save && owner) {
        cli_error("--save with --owner would replace the quarter's plan with one owner's: save without --owner");
        return 2;
    }
    if (save && cli->read_only) {
        cli_error("--save writes to the database: not with --read-only");
        return 2;
    }
    struct store *st;
    struct book b;
    if ((rc = load_book(cli, true, &st, &b)))
        return rc;
    /* A quarter whose plan is saved is reported with its progress: the
     * plan as saved, not one made again from today's book. Without
     * --quarter, the saved plan that holds the as-of day: the one the CSM
     * is working through. */
    struct saved_activity *saved = NULL;
    size_t nsaved = 0;
    if (!save && !fresh && !count_s && !capacity_s && (rc = store_load_plan(st, quarter ? o.start : cli->as_of, o.end, quarter != NULL, &saved, &nsaved))) {
        cli_error("%s", store_error(st));
        store_close(st);
        book_free(&b);
        return rc;
    }
    store_close(st);
    /* Flags are reckoned at the start of the quarter planned. */
    if (o.start != b.as_of) {
        b.as_of = o.start;
        book_assess(&b);
    }
    /* --owner: the plan of that owner's accounts, their flags as the whole
     * book made them; a saved plan shows their activities only. */
    if ((rc = keep_owner(&b, owner))) {
        store_free_activities(saved, nsaved);
        book_free(&b);
        return rc;
    }
    size_t nshown = owner ? owned_first(&b, saved, nsaved) : nsaved;
    if (nsaved && !nshown)
        cli_error("note: the saved plan has no activity for the owner '%s': this one is made for their accounts",
                  owner);
    struct plan p;
    if (nshown) {
        plan_from_saved(&b, saved, nshown, cli->as_of, &p);
        cli_error("note: the plan saved on %s for this quarter, with its progress (--fresh makes a new one)",
                  p.saved_at);
    } else {
        /* What was known when the quarter began: the work done in it (its
         * saved plan's done activities) does not remake the plan's premise. */
        int *touch = book_last_touches(&b, o.start);
        o.last_touch = touch;
        plan_build(&b, &o, &p);
        free(touch);
    }
    store_free_activities(saved, nsaved);
    char title[256];
    book_title(cli, title, sizeof title);
    if (print) {
        rc = print_plan(&p, &b, title);
    } else {
        FILE *f = cli_output(output);
        if (!f) {
            rc = cli_output_error();
        } else {
            if (strcmp(format, "json") == 0) {
                char *text = plan_to_json(&p, &b);
                fputs(text, f);
                fputc('\n', f);
                free(text);
            } else if (strcmp(format, "csv") == 0) {
                plan_write_csv(f, &p, &b);
            } else if (strcmp(format, "md") == 0) {
                plan_write_md(f, &p, &b, title);
            } else if (strcmp(format, "ics") == 0) {
                plan_write_ics(f, &p, &b, cli->as_of);
            } else {
                plan_write_text(f, &p, &b, title);
            }
            rc = cli_output_close(f, output);
        }
    }
    if (!rc && save)
        rc = save_plan(cli, &p, &b);
    plan_free(&p);
    book_free(&b);
    return rc;
}

int cmd_activities(struct cli *cli)
{
    const char *format = NULL, *output = NULL, *owner = NULL;
    const struct opt opts[] = {{"--format", true, &format, NULL}, {"--output", true, &output, NULL},
                               {"--owner", true, &owner, NULL}, {NULL, 0, 0, 0}};
    int rc = parse_no_args(cli, "activities", opts);
    if (rc)
        return rc;
    if (!format)
        format = output || !isatty_stdout() ? "csv" : "table";
    static const char *const fmts[] = {"table", "csv", "json", NULL};
    if ((rc = check_format("activities", format, fmts)))
        return rc;
    /* --owner: the activities of that owner's accounts, read from the book. */
    struct store *st;
    struct book b = {0};
    if ((rc = owner ? load_book(cli, false, &st, &b) : open_store(cli, false, &st)))
        return rc;
    struct saved_activity *v;
    size_t all;
    if ((rc = store_load_activities(st, 0, &v, &all))) {
        cli_error("%s", store_error(st));
        store_close(st);
        book_free(&b);
        return rc;
    }
    store_close(st);
    size_t n = all;
    if (owner) {
        if ((rc = keep_owner(&b, owner))) {
            store_free_activities(v, all);
            book_free(&b);
            return rc;
        }
        n = owned_first(&b, v, all);
        if (all && !n && b.n)
            cli_error("note: the saved plan has no activity for the owner '%s'", owner);
    }
    book_free(&b);
    FILE *f = cli_output(output);
    if (!f) {
        store_free_activities(v, all);
        return cli_output_error();
    }
    double planned = 0, done = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].status, "dropped") != 0)
            planned += v[i].hours;
        if (strcmp(v[i].status, "done") == 0)
            done += v[i].hours;
    }
    char d[11];
    if (strcmp(format, "json") == 0) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "ref", v[i].ref);
            cJSON_AddStringToObject(o, "client", v[i].client);
            cJSON_AddStringToObject(o, "kind", v[i].kind);
            cJSON_AddStringToObject(o, "description", v[i].description);
            cJSON_AddNumberToObject(o, "duration_hours", v[i].hours);
            json_date(o, "deadline", v[i].deadline);
            cJSON_AddStringToObject(o, "status", v[i].status);
            json_date(o, "done_on", v[i].done_on);
            json_str(o, "outcome", v[i].outcome);
            /* A group session: every account it serves, as the plan's JSON says them. */
            cJSON *served = v[i].accounts ? cJSON_Parse(v[i].accounts) : NULL;
            if (cJSON_IsArray(served))
                cJSON_AddItemToObject(o, "accounts", served);
            else
                cJSON_Delete(served);
            cJSON_AddItemToArray(arr, o);
        }
        rc = print_json(f, arr);
    } else if (strcmp(format, "csv") == 0) {
        fputs("ref,client,kind,deadline,duration_hours,status,description\n", f);
        for (size_t i = 0; i < n; i++) {
            csv_cell(f, v[i].ref, true);
            fputc(',', f);
            csv_cell(f, v[i].client, true);
            date_format(v[i].deadline, d);
            fprintf(f, ",%s,%s,%g,%s,", v[i].kind, d, v[i].hours, v[i].status);
            csv_cell(f, v[i].description, true);
            fputc('\n', f);
        }
    } else if (n == 0) {
        fputs(all ? "No activity of the owner's accounts in the saved plan.\n"
                  : "No saved plan: csm plan --save keeps one for tracking.\n", f);
    } else {
        char s[11], e[11];
        date_format(v[0].plan_start, s);
        date_format(v[0].plan_end, e);
        fprintf(f, "Plan %s to %s: %.1f of %.1f h done (%.0f%%)\n", s, e, done, planned,
                planned > 0 ? 100 * done / planned : 0.0);
        for (size_t i = 0; i < n; i++) {
            char client[128], desc[256];
            text_fit(v[i].client, 16, false, client, sizeof client);
            text_fit(v[i].title ? v[i].title : plan_template_title(v[i].template_id), 30, false, desc, sizeof desc);
            date_format(v[i].deadline, d);
            fprintf(f, "%-7s %-8s %s %s %s %5.1f h %s\n", v[i].ref, v[i].status, d, client, desc, v[i].hours,
                    v[i].kind);
        }
    }
    store_free_activities(v, all);
    int wrc = cli_output_close(f, output);
    return rc ? rc : wrc;
}

static int set_status(struct cli *cli, const char *cmd, const char *status)
{
    const char *note = NULL;
    const struct opt with_note[] = {{"--note", true, &note, NULL}, {NULL, 0, 0, 0}};
    const struct opt none[] = {{NULL, 0, 0, 0}};
    char **pos;
    int npos, rc = parse_opts(cli, cmd, strcmp(status, "planned") ? with_note : none, &pos, &npos);
    if (rc)
        return rc;
    const char *ref = npos == 1 ? pos[0] : NULL;
    free(pos);
    if (!ref) {
        cli_error("%s needs one activity reference: csm %s RET-01%s", cmd, cmd,
                  strcmp(status, "planned") ? " [--note 'what came of it']" : "");
        return 2;
    }
    /* Said as a note is: one line of clean text. */
    char *outcome = note ? xstrdup(note) : NULL;
    if (outcome) {
        text_fold_space(outcome);
        if (!*outcome || !text_clean(outcome)) {
            bool empty = !*outcome;
            cli_error("--note: %s", empty ? "the text is empty" : "holds control characters or is not valid UTF-8");
            free(outcome);
            return empty ? CSM_EXIT_USAGE : EX_DATAERR;
        }
    }
    if (cli->read_only) {
        cli_error("%s writes to the database: not with --read-only", cmd);
        return 2;
    }
    struct store *st;
    if ((rc = open_store(cli, true, &st))) {
        free(outcome);
        return rc;
    }
    rc = store_set_activity_status(st, ref, status, cli->as_of, outcome);
    if (rc < 0) {
        char safe[64];
        text_safe(ref, safe, sizeof safe);
        struct saved_activity *v;
        size_t n = 0;
        if (store_load_activities(st, 0, &v, &n) == 0)
            store_free_activities(v, n);
        if (n == 0)
            cli_error("no saved plan yet: csm plan --save keeps the quarter's plan, then csm %s %s marks one of "
                      "its activities", cmd, safe);
        else
            cli_error("no activity %s in the saved plan (csm activities lists them)", safe);
        rc = 1;
    } else if (rc) {
        cli_error("%s", store_error(st));
    } else {
        char safe[64];
        text_safe(ref, safe, sizeof safe);
        for (char *c = safe; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 32);
        printf("%s: %s\n", safe, status);
    }
    store_close(st);
    free(outcome);
    return rc;
}

int cmd_done(struct cli *cli) { return set_status(cli, "done", "done"); }
int cmd_drop(struct cli *cli) { return set_status(cli, "drop", "dropped"); }
int cmd_reopen(struct cli *cli) { return set_status(cli, "reopen", "planned"); }
