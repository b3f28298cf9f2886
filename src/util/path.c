#include "csm/path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static bool xdg_path(const char *override, const char *xdg, const char *fallback, const char *leaf,
                     char *buf, size_t len)
{
    const char *v = env(override);
    int n;
    if (v)
        n = snprintf(buf, len, "%s", v);
    else if ((v = env(xdg)))
        n = snprintf(buf, len, "%s/csm/%s", v, leaf);
    else if ((v = env("HOME")))
        n = snprintf(buf, len, "%s/%s/csm/%s", v, fallback, leaf);
    else
        return false;
    return n > 0 && (size_t)n < len;
}

bool path_default_db(char *buf, size_t len)
{
    return xdg_path("CSM_DB", "XDG_DATA_HOME", ".local/share", "portfolio.db", buf, len);
}

bool path_default_config(char *buf, size_t len)
{
    return xdg_path("CSM_CONFIG", "XDG_CONFIG_HOME", ".config", "config.json", buf, len);
}

int path_make_parent(const char *file)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", file) >= (int)sizeof dir)
        return ENAMETOOLONG;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                return errno;
            *p = c;
            if (!c)
                break;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno;
    if (!S_ISDIR(st.st_mode))
        return ENOTDIR;
    return 0;
}

const char *path_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}
