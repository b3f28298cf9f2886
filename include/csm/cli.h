#ifndef CSM_CLI_H
#define CSM_CLI_H

/* The command line: options, commands, output formats. */

#include <stdbool.h>
#include <stdio.h>

#include "csm/model.h"

#define CSM_VERSION "0.1.0"

/* What every command is given: the global options, resolved. */
struct cli {
    char db_path[4096];
    char config_path[4096];
    bool config_explicit;     /* --config or $CSM_CONFIG: a missing file is an error */
    int as_of;
    bool as_of_given;
    bool read_only;
    bool no_mouse;
    struct scoring scoring;
    /* the command's own arguments, global options removed */
    int argc;
    char **argv;
};

int cli_main(int argc, char **argv);

/* Loads the configuration file into cli->scoring (defaults when there is
 * none). Returns 0, 65 (malformed, message printed) or 66. */
int config_load(struct cli *cli);
/* Parses configuration text; on error writes "JSON.PATH: what" into err. */
int config_parse(const char *text, struct scoring *out, char *err, size_t errlen);
/* The effective configuration as JSON text (caller frees). */
char *config_to_json(const struct scoring *s);

/* Commands: each takes the resolved options and returns an exit status. */
int cmd_import(struct cli *cli);
int cmd_imports(struct cli *cli);
int cmd_list(struct cli *cli);
int cmd_show(struct cli *cli);
int cmd_flags(struct cli *cli);
int cmd_set(struct cli *cli);
int cmd_config(struct cli *cli);
int cmd_export(struct cli *cli);
int cmd_backup(struct cli *cli);
int cmd_check(struct cli *cli);
int cmd_plan(struct cli *cli);
int cmd_activities(struct cli *cli);
int cmd_done(struct cli *cli);
int cmd_drop(struct cli *cli);
int cmd_reopen(struct cli *cli);
int cmd_tui(struct cli *cli);
int cmd_demo(struct cli *cli);

/* Prints "csm: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Opens --output FILE (or returns stdout; see outfile.h for how a file is
 * written); NULL after printing why, cli_output_error() then says the exit
 * status: 73 when the file may not be written there (the database), 74
 * when it cannot be written. */
FILE *cli_output(const char *path);
int cli_output_error(void);
/* Closes what cli_output opened, putting the file in place; 0 or 74 after
 * printing why. */
int cli_output_close(FILE *f, const char *path);
/* Closes what cli_output opened after a failure: the file is left as it was. */
void cli_output_abandon(FILE *f);

#endif
