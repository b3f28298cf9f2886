#include "csm/cli.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/exit.h"
#include "csm/outfile.h"
#include "csm/path.h"
#include "csm/text.h"

void cli_error(const char *fmt, ...)
{
    /* Made safe whatever it holds: a file name, a key the user typed,
     * SQLite's own error text can all carry escape sequences. */
    va_list ap;
    va_start(ap, fmt);
    text_vsay(stderr, fmt, ap);
    va_end(ap);
}

/* --output FILE: see outfile.h. One output is open at a time; the
 * database it must never be is the one the command was given. */
static struct outfile output;
static const char *output_db;
static int output_failed = EX_IOERR;

FILE *cli_output(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    char err[4400];
    int rc = outfile_open(&output, path, output_db, true, err, sizeof err);
    if (rc) {
        if (rc == EX_CANTCREAT)
            cli_error("--output %s", err);
        else
            cli_error("%s", err);
        output_failed = rc;
        return NULL;
    }
    return output.f;
}

int cli_output_error(void) { return output_failed; }

int cli_output_close(FILE *f, const char *path)
{
    (void)path;
    if (f == stdout) {
        int bad = ferror(f);
        if (fflush(f) != 0 || bad) {
            cli_error("cannot write the output: %s", strerror(errno));
            return EX_IOERR;
        }
        return 0;
    }
    char err[4400];
    int rc = outfile_close(&output, true, err, sizeof err);
    if (rc)
        cli_error("%s", err);
    return rc;
}

void cli_output_abandon(FILE *f)
{
    if (f && f != stdout) {
        char err[8];
        outfile_close(&output, false, err, sizeof err);
    }
}

static const struct command {
    const char *name;
    int (*run)(struct cli *);
    const char *usage;
    const char *help;
} commands[] = {
    {"tui", cmd_tui, "csm tui [--read-only] [--no-mouse]", "the full-screen interface over the database"},
    {"demo", cmd_demo, "csm demo", "the interface over a temporary copy of the bundled sample book"},
    {"import", cmd_import,
     "csm import [--dry-run] [--force] [--forget] [--skip-bad [--rejects FILE]] [--map 'HEADER=FIELD']... "
     "[--delimiter C] [--date-format M/D/YYYY|D/M/YYYY] FILE... ('-': standard input)\n       csm import --fields",
     "read health-score CSV exports into the database (--fields: the columns it reads); "
     "a progress line on a terminal"},
    {"imports", cmd_imports, "csm imports [--format table|csv|json] [--undo ID [--force]] [--changes ID]",
     "past imports with their counts; --undo ID takes the latest one back; --changes ID says what it changed"},
    {"list", cmd_list, "csm list [--format table|csv|json] [--owner NAME] [--output FILE]", "the portfolio, one account a row"},
    {"show", cmd_show, "csm show ACCOUNT [--format text|json] [--output FILE]",
     "one account: how its health was computed, history, flags and reasons"},
    {"flags", cmd_flags, "csm flags [--format table|csv|json] [--kind churn|expansion|advocacy] [--owner NAME] [--output FILE]",
     "churn risks, expansion targets and case-study candidates, with reasons"},
    {"set", cmd_set, "csm set [--date-format M/D/YYYY|D/M/YYYY] ACCOUNT KEY=VALUE...", "change an account's attributes (nps, pulse, owner...)"},
    {"plan", cmd_plan,
     "csm plan [--quarter YYYY-Qn] [--count N] [--capacity HOURS] [--format text|md|csv|json|ics] "
     "[--owner NAME] [--output FILE] [--print] [--save] [--fresh]",
     "the quarterly activity plan from the flags, renewals and your capacity"},
    {"activities", cmd_activities, "csm activities [--format table|csv|json] [--owner NAME] [--output FILE]",
     "the saved plan's activities with their status"},
    {"done", cmd_done, "csm done REF [--note TEXT]", "mark an activity of the saved plan done, with what came of it"},
    {"drop", cmd_drop, "csm drop REF [--note TEXT]", "drop an activity of the saved plan"},
    {"reopen", cmd_reopen, "csm reopen REF", "plan a done or dropped activity of the saved plan again"},
    {"export", cmd_export, "csm export [--format json|csv] [--output FILE]",
     "the whole book: accounts with every snapshot and note, and the saved plan"},
    {"backup", cmd_backup, "csm backup FILE", "a consistent copy of the database, even while it is in use; a progress line on a terminal"},
    {"check", cmd_check, "csm check", "check the database's integrity; a progress line on a terminal"},
    {"config", cmd_config, "csm config", "print the effective scoring configuration as JSON"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: csm [OPTIONS] [COMMAND] [ARGS]\n\n"
               "csm is a portfolio manager for Customer Success Managers: it imports\n"
               "health-score exports, scores and flags accounts, and plans the quarter.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nWith no command on a terminal, csm opens the interface.\n\n"
               "Options (before or after the command):\n"
               "  --db PATH          the database (default $CSM_DB, else $XDG_DATA_HOME/csm/portfolio.db)\n"
               "  --config PATH      the scoring configuration (default $CSM_CONFIG, else\n"
               "                     $XDG_CONFIG_HOME/csm/config.json)\n"
               "  --as-of YYYY-MM-DD the day csm reckons from and reads the book as of\n"
               "                     (default today; 1900-01-01 to 9990-12-31)\n"
               "  --read-only        open the database for reading only: nothing is written\n"
               "                     (commands that write refuse, the interface shows the book)\n"
               "  --no-mouse         the interface leaves the mouse to the terminal\n"
               "                     (select and copy text as usual)\n"
               "  -h, --help         this help, or a command's with 'csm COMMAND --help'\n"
               "  --version          the version\n\n"
               "See csm(1) for every command, key and file.\n");
}

/* Takes a global option at argv[*i] ("--db X" or "--db=X"); true when it was one. */
static bool global_value(char **argv, int argc, int *i, const char *name, const char **val, int *rc)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return false;
    if (a[n] == '=') {
        *val = a + n + 1;
        return true;
    }
    if (a[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        cli_error("option %s needs a value (see csm --help)", name);
        *rc = CSM_EXIT_USAGE;
        return true;
    }
    *val = argv[++*i];
    return true;
}

/* The book is a file: SQLite's in-memory databases (":memory:", a "file:"
 * URI with mode=memory) and its temporary one ("") would take an import
 * and keep nothing, so the database must be named by an ordinary path. */
static int check_db_name(const char *path, const char *from)
{
    if (!*path)
        cli_error("%s is empty: name the database file (--db PATH)", from);
    else if (strcmp(path, ":memory:") == 0)
        cli_error("%s ':memory:' would keep nothing: name the database file (--db PATH)", from);
    else if (strncmp(path, "file:", 5) == 0)
        cli_error("%s '%s' is a URI, not a file name: name the database file itself (--db PATH)", from, path);
    else
        return 0;
    return CSM_EXIT_USAGE;
}

int cli_main(int argc, char **argv)
{
    /* A file-size limit makes writes fail (and SQLite say so) instead of
     * killing the process half way. */
    signal(SIGXFSZ, SIG_IGN);
    struct cli cli;
    memset(&cli, 0, sizeof cli);
    const char *db = NULL, *config = NULL, *as_of = NULL;
    bool help = false;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return CSM_EXIT_FAIL;
    int nrest = 0, rc = 0;
    bool past_options = false;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v = NULL;
        if (past_options) {
            rest[nrest++] = argv[i];
        } else if (strcmp(argv[i], "--") == 0) {
            past_options = true;
            rest[nrest++] = argv[i];
        } else if (global_value(argv, argc, &i, "--db", &v, &rc)) {
            db = v;
        } else if (global_value(argv, argc, &i, "--config", &v, &rc)) {
            config = v;
        } else if (global_value(argv, argc, &i, "--as-of", &v, &rc)) {
            as_of = v;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("csm %s\n", CSM_VERSION);
            free(rest);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help = true;
        } else if (strcmp(argv[i], "--read-only") == 0) {
            cli.read_only = true;
        } else if (strcmp(argv[i], "--no-mouse") == 0) {
            cli.no_mouse = true;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    if (rc) {
        free(rest);
        return rc;
    }
    const struct command *cmd = NULL;
    if (nrest > 0 && rest[0][0] != '-') {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(rest[0], commands[i].name) == 0)
                cmd = &commands[i];
        if (!cmd) {
            cli_error("unknown command '%s' (see csm --help)", rest[0]);
            free(rest);
            return CSM_EXIT_USAGE;
        }
    } else if (nrest > 0) {
        cli_error("unknown option '%s' (see csm --help)", rest[0]);
        free(rest);
        return CSM_EXIT_USAGE;
    }
    if (help) {
        if (cmd)
            printf("usage: %s\n\n%s.\nGlobal options: --db PATH, --config PATH, --as-of YYYY-MM-DD, --read-only,\n"
                   "--no-mouse (see csm --help).\n",
                   cmd->usage, cmd->help);
        else
            usage(stdout);
        free(rest);
        return 0;
    }
    if (!cmd) {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            usage(stderr);
            cli_error("no command given, and the interface needs a terminal");
            free(rest);
            return CSM_EXIT_USAGE;
        }
        cmd = &commands[0];
    } else {
        nrest--;
        memmove(rest, rest + 1, (size_t)nrest * sizeof *rest);
    }
    cli.argc = nrest;
    cli.argv = rest;

    if (as_of) {
        if (!date_parse_iso(as_of, &cli.as_of)) {
            cli_error("--as-of '%s' is not a date: use YYYY-MM-DD", as_of);
            free(rest);
            return CSM_EXIT_USAGE;
        }
        /* The quarter, its deadlines and renewals counted in months from
         * the day must stay within the calendar csm keeps (years 1 to 9999). */
        if (cli.as_of < date_from_ymd(DATE_AS_OF_FIRST_YEAR, 1, 1) ||
            cli.as_of > date_from_ymd(DATE_AS_OF_LAST_YEAR, 12, 31)) {
            cli_error("--as-of '%s' is outside the years csm can plan in: use a day from %d-01-01 to %d-12-31",
                      as_of, DATE_AS_OF_FIRST_YEAR, DATE_AS_OF_LAST_YEAR);
            free(rest);
            return CSM_EXIT_USAGE;
        }
        cli.as_of_given = true;
    } else {
        cli.as_of = date_today();
    }
    if (db)
        snprintf(cli.db_path, sizeof cli.db_path, "%s", db);
    else if (!path_default_db(cli.db_path, sizeof cli.db_path)) {
        cli_error("no place for the database: set HOME, XDG_DATA_HOME or CSM_DB, or pass --db PATH");
        free(rest);
        return CSM_EXIT_FAIL;
    }
    if ((rc = check_db_name(cli.db_path, db ? "--db" : "CSM_DB"))) {
        free(rest);
        return rc;
    }
    output_db = cli.db_path;
    if (config) {
        snprintf(cli.config_path, sizeof cli.config_path, "%s", config);
        cli.config_explicit = true;
    } else {
        const char *env = getenv("CSM_CONFIG");
        cli.config_explicit = env && *env;
        if (!path_default_config(cli.config_path, sizeof cli.config_path))
            cli.config_path[0] = '\0';
    }
    rc = config_load(&cli);
    if (!rc)
        rc = cmd->run(&cli);
    free(rest);
    return rc;
}
