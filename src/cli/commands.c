/* The commands that read and change the book from the shell. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common.h"
#include "csm/book.h"
#include "csm/cli.h"
#include "csm/date.h"
#include "csm/import.h"
#include "csm/money.h"
#include "csm/path.h"
#include "csm/store.h"
#include "csm/text.h"

/* ---- config ---- */

int cmd_config(struct cli *cli)
{
    if (cli->argc) {
        cli_error("'config' takes no arguments (see csm config --help)");
        return 2;
    }
    char *text = config_to_json(&cli->scoring);
    if (!text) {
        cli_error("out of memory");
        return 1;
    }
    puts(text);
    free(text);
    return fflush(stdout) == 0 ? 0 : 74;
}
