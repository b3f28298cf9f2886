/* The account screen's edit prompt read as a shell reads words: several
 * key=value pairs on one line, a value with spaces quoted. */
#include "csm/ui.h"

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

int ui_split_words(char *text, char **word, int max, const char **why)
{
    int n = 0;
    char *in = text, *out = text;
    *why = NULL;
    for (;;) {
        while (is_blank(*in))
            in++;
        if (!*in)
            return n;
        if (n == max) {
            *why = "too many pairs at once";
            return -1;
        }
        /* Unquoting only ever shortens the text, so the word is written
         * over the text it was read from. */
        word[n++] = out;
        char quote = 0;
        for (; *in && (quote || !is_blank(*in)); in++) {
            if (quote == '\'') {
                if (*in == '\'')
                    quote = 0;
                else
                    *out++ = *in;
            } else if (*in == '\\' && in[1] && (!quote || in[1] == '"' || in[1] == '\\')) {
                *out++ = *++in; /* in double quotes, only \" and \\ escape, as in sh */
            } else if (quote == '"') {
                if (*in == '"')
                    quote = 0;
                else
                    *out++ = *in;
            } else if (*in == '\'' || *in == '"') {
                quote = *in;
            } else {
                *out++ = *in;
            }
        }
        if (quote) {
            *why = quote == '"' ? "a \" is not closed" : "a ' is not closed";
            return -1;
        }
        bool end = !*in;
        *out++ = '\0';
        if (end)
            return n;
        in++; /* past the blank that ended the word */
    }
}
