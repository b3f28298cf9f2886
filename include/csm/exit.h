#ifndef CSM_EXIT_H
#define CSM_EXIT_H

/* The exit statuses of the command-line contract (shared/docs/cli.md).
 * <sysexits.h> names the ones from 65 up; 1 and 2 are the shell's usual
 * "failed" and "wrong usage" (sysexits' EX_USAGE is 64, which csm does not
 * use: scripts were promised 2). */

#include <stdlib.h>
#include <sysexits.h>

#define CSM_EXIT_FAIL EXIT_FAILURE /* 1: any other failure */
#define CSM_EXIT_USAGE 2           /* an unknown command or option, a missing argument */
/* EX_DATAERR 65: the input data is wrong (a rejected import, a malformed config)
 * EX_NOINPUT 66: an input file cannot be opened
 * EX_CANTCREAT 73: an output cannot be created where asked (the database itself, not allowed)
 * EX_IOERR 74: the database or an output cannot be read or written */

#endif
