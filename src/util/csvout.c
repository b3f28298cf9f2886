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
    /* Runs between quotes go out whole; a quote is doubled. */
    for (const char *p = safe;;) {
        const char *q = strchr(p, '"');
        size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
        fwrite(p, 1, n, f);
        if (!q)
            break;
        fputc('"', f);
        p = q + 1;
    }
    if (quote)
        fputc('"', f);
}
