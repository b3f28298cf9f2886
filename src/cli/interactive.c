/* The commands that open the interface. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/cli.h"
#include "csm/date.h"
#include "csm/import.h"
#include "csm/path.h"
#include "csm/store.h"
#include "csm/text.h"
#include "csm/ui.h"

#ifndef CSM_DATADIR
#define CSM_DATADIR "/usr/local/share/csm"
#endif
#define DEMO_FILE "partner-paradise.csv"
#define DEMO_AS_OF "2027-01-01"

static int run_ui(struct cli *cli, struct store *st, const char *title)
{
    struct ui_options o = {
        .scoring = &cli->scoring, .as_of = cli->as_of, .read_only = cli->read_only,
        .mouse = !cli->no_mouse, .title = title,
    };
    return ui_run(st, &o);
}

int cmd_tui(struct cli *cli)
{
    if (cli->argc) {
        cli_error("'tui' takes no arguments (see csm tui --help)");
        return 2;
    }
    struct store *st;
    char err[600];
    int rc = store_open(cli->db_path, cli->read_only ? STORE_READ_ONLY : STORE_READ_WRITE, &st, err, sizeof err);
    if (rc) {
        cli_error("%s", err);
        return rc;
    }
    rc = run_ui(cli, st, path_base(cli->db_path));
    store_close(st);
    return rc;
}

/* The bundled sample: beside the program (a build tree), or where make install put it. */
static bool find_sample(char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"data", "../data", "../share/csm"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                snprintf(buf, len, "%s/%s/%s", exe, rel[i], DEMO_FILE);
                if (access(buf, R_OK) == 0)
                    return true;
            }
        }
    }
    snprintf(buf, len, "%s/%s", CSM_DATADIR, DEMO_FILE);
    return access(buf, R_OK) == 0;
}

int cmd_demo(struct cli *cli)
{
    if (cli->argc) {
        cli_error("'demo' takes no arguments (see csm demo --help)");
        return 2;
    }
    char sample[PATH_MAX + 64];
    if (!find_sample(sample, sizeof sample)) {
        cli_error("the sample book %s was not found beside csm or in %s", DEMO_FILE, CSM_DATADIR);
        return 66;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/csm-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        cli_error("cannot make a temporary folder in %s: %s", tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return 74;
    }
    char db[PATH_MAX + 32];
    snprintf(db, sizeof db, "%s/demo.db", dir);
    if (!cli->as_of_given)
        date_parse_iso(DEMO_AS_OF, &cli->as_of);
    struct store *st = NULL;
    char err[600];
    int rc = store_open(db, STORE_READ_WRITE, &st, err, sizeof err);
    if (rc) {
        cli_error("%s", err);
    } else {
        struct import_options o = {.scoring = &cli->scoring, .as_of = cli->as_of};
        struct import_result res;
        rc = import_file(st, sample, &o, &res, stderr);
        if (!rc)
            rc = run_ui(cli, st, "demo");
        store_close(st);
    }
    /* The demo leaves nothing behind. */
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char f[PATH_MAX + 48];
        snprintf(f, sizeof f, "%s%s", db, suffix[i]);
        unlink(f);
    }
    rmdir(dir);
    return rc;
}
