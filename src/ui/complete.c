/* File-name completion for the import prompt, without a terminal: the
 * longest common prefix of the entries that match, "/" after a directory,
 * and "~/" read as $HOME. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csm/ui.h"

bool ui_expand_home(const char *in, char *out, size_t len)
{
    const char *home = getenv("HOME");
    int n;
    if (home && *home && in[0] == '~' && (in[1] == '/' || in[1] == '\0'))
        n = snprintf(out, len, "%s%s", home, in + 1);
    else
        n = snprintf(out, len, "%s", in);
    return n >= 0 && (size_t)n < len;
}

int ui_complete_path(const char *text, char *out, size_t len)
{
    if (!len)
        return 0;
    snprintf(out, len, "%s", text);
    const char *slash = strrchr(text, '/');
    size_t dlen = slash ? (size_t)(slash - text) + 1 : 0; /* the directory part, with its '/' */
    const char *prefix = text + dlen;
    size_t plen = strlen(prefix);
    char typed_dir[4096], dir[4096];
    if (dlen >= sizeof typed_dir)
        return 0;
    memcpy(typed_dir, text, dlen);
    typed_dir[dlen] = '\0';
    if (!ui_expand_home(dlen ? typed_dir : "./", dir, sizeof dir))
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char common[1024] = "";
    size_t clen = 0;
    int matches = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, ".."))
            continue;
        if (name[0] == '.' && prefix[0] != '.')
            continue; /* hidden unless asked for */
        if (strncmp(name, prefix, plen) != 0)
            continue;
        size_t nlen = strlen(name);
        if (nlen >= sizeof common)
            continue;
        if (!matches++) {
            memcpy(common, name, nlen + 1);
            clen = nlen;
        } else {
            size_t k = 0;
            while (k < clen && common[k] == name[k])
                k++;
            clen = k;
            common[clen] = '\0';
        }
    }
    closedir(d);
    if (!matches)
        return 0;
    /* Never cut a UTF-8 character in half. */
    while (clen > plen && ((unsigned char)common[clen] & 0xC0) == 0x80)
        common[--clen] = '\0';
    const char *tail = "";
    if (matches == 1) {
        char full[8192];
        struct stat sb;
        snprintf(full, sizeof full, "%s%s", dir, common);
        if (stat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
            tail = "/";
    }
    int n = snprintf(out, len, "%.*s%s%s", (int)dlen, text, common, tail);
    if (n < 0 || (size_t)n >= len) {
        snprintf(out, len, "%s", text);
        return 0;
    }
    return matches;
}
