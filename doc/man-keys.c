/* Prints the man page's KEYS list from the interface's action list;
 * `make man` writes it into doc/csm.1 between the KEYS markers (tig's
 * tools/doc-gen.c does the same for its manual). */
#include <stdio.h>

#include "csm/ui.h"

int main(void)
{
    ui_keys_man(stdout);
    return fflush(stdout) == 0 ? 0 : 1;
}
