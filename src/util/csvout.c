#include "csm/csvout.h"

#include <string.h>

#include "csm/text.h"

void csv_cell(FILE *f, const char *s, bool text)
{
    char safe[4096];
    text_safe(s, safe, sizeof safe);
    /* text_safe has turned a tab or CR into a space: the raw first byte decides. */
    bool formula = text && ((safe[0] && strchr("=+-@", safe[0])) || s[0] == '\t' || s[0] == '\r');
    bool quote = formula || strpbrk(safe, ",\"\n\r") != NULL;
    if (quote)
        fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (const char *p = safe; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    if (quote)
        fputc('"', f);
}
