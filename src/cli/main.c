#include <locale.h>
#include <stdio.h>

#include "csm/cli.h"

int main(int argc, char **argv)
{
    /* Only the character type: numbers are always written with a decimal point. */
    setlocale(LC_CTYPE, "");
    return cli_main(argc, argv);
}
