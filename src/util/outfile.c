#include "csm/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/exit.h"

/* The descriptor a path names outright: /dev/stdin|stdout|stderr,
 * /dev/fd/N, /proc/self/fd/N; -1 for any other path. */
static int descriptor_of(const char *path)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int i = 0; i < 3; i++)
        if (strcmp(path, std[i]) == 0)
            return i;
    const char *n = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        n = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        n = path + 14;
    if (!n || !*n)
        return -1;
    char *end;
    long v = strtol(n, &end, 10);
    return *end || v < 0 || v > INT_MAX ? -1 : (int)v;
}

bool outfile_resolve(const char *path, char *target, size_t len, int *fd, bool *exists, bool *regular)
{
    char cur[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur) {
        errno = ENAMETOOLONG;
        return false;
    }
    *fd = -1;
    *exists = *regular = false;
    /* As the kernel would, at most 40 links deep. */
    for (int hops = 0; hops < 40; hops++) {
        if ((*fd = descriptor_of(cur)) >= 0) {
            *exists = true;
            snprintf(target, len, "%s", cur);
            return true;
        }
        struct stat sb;
        if (lstat(cur, &sb) != 0) {
            if (errno != ENOENT)
                return false;
            snprintf(target, len, "%s", cur); /* a new file */
            return true;
        }
        if (!S_ISLNK(sb.st_mode)) {
            *exists = true;
            *regular = S_ISREG(sb.st_mode);
            snprintf(target, len, "%s", cur);
            return true;
        }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0)
            return false;
        link[n] = '\0';
        char next[PATH_MAX];
        const char *slash = strrchr(cur, '/');
        if (link[0] == '/' || !slash)
            n = snprintf(next, sizeof next, "%s", link);
        else
            n = snprintf(next, sizeof next, "%.*s/%s", (int)(slash - cur), cur, link);
        if (n >= (ssize_t)sizeof next) {
            errno = ENAMETOOLONG;
            return false;
        }
        memcpy(cur, next, (size_t)n + 1);
    }
    errno = ELOOP;
    return false;
}

/* The absolute name of `path` with its folder's links resolved (the last
 * component as it is); false when the folder does not exist. */
static bool canonical(const char *path, char *out, size_t len)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (!realpath(dir, real))
        return false;
    return snprintf(out, len, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base) < (int)len;
}

/* Whether `target` is `file` by inode (when both exist) or by name. */
static bool same_file(const char *target, const struct stat *tsb, const char *file)
{
    struct stat fsb;
    if (tsb && stat(file, &fsb) == 0 && fsb.st_dev == tsb->st_dev && fsb.st_ino == tsb->st_ino)
        return true;
    char a[PATH_MAX + 8], b[PATH_MAX + 8];
    return canonical(target, a, sizeof a) && canonical(file, b, sizeof b) && strcmp(a, b) == 0;
}

bool outfile_is_database(const char *path, const char *db)
{
    if (!db || !*db)
        return false;
    char target[PATH_MAX], real_db[PATH_MAX];
    int fd;
    bool exists, regular;
    if (!outfile_resolve(path, target, sizeof target, &fd, &exists, &regular))
        return false;
    struct stat tsb;
    bool have = (fd >= 0 ? fstat(fd, &tsb) : stat(target, &tsb)) == 0;
    /* The database as named and as its links lead (SQLite keeps the -wal
     * beside the file itself). */
    const char *names[2] = {db, NULL};
    int dbfd;
    bool dbe, dbr;
    if (outfile_resolve(db, real_db, sizeof real_db, &dbfd, &dbe, &dbr) && strcmp(real_db, db) != 0)
        names[1] = real_db;
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int k = 0; k < 2 && names[k]; k++)
        for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
            char file[PATH_MAX + 16];
            snprintf(file, sizeof file, "%s%s", names[k], suffix[i]);
            if (same_file(target, have ? &tsb : NULL, file))
                return true;
        }
    return false;
}

static int fail(char *err, size_t len, int code, const char *what, const char *path, int e)
{
    if (e)
        snprintf(err, len, "%s %s: %s", what, path, strerror(e));
    else
        snprintf(err, len, "%s %s", path, what);
    return code;
}

int outfile_open(struct outfile *o, const char *path, const char *db, bool replace, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    int fd;
    bool exists, regular;
    if (!outfile_resolve(path, o->target, sizeof o->target, &fd, &exists, &regular))
        return fail(err, errlen, EX_IOERR, "cannot write", path, errno);
    if (outfile_is_database(path, db))
        return fail(err, errlen, EX_CANTCREAT,
                    "is the database itself (or its -wal, -shm or -journal file): name another file", path, 0);
    if (exists && regular && !replace)
        return fail(err, errlen, EX_CANTCREAT, "exists already: add --force to replace it, or name another file",
                    path, 0);
    if (exists && !regular) {
        /* A descriptor, a FIFO, a device: write through, as a shell's > would. */
        o->through = true;
        int w = fd >= 0 ? dup(fd) : open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (w < 0 || !(o->f = fdopen(w, "w"))) {
            int e = errno;
            if (w >= 0)
                close(w);
            return fail(err, errlen, EX_IOERR, "cannot write", path, e);
        }
        return 0;
    }
    if (snprintf(o->tmp, sizeof o->tmp, "%s.tmpXXXXXX", o->target) >= (int)sizeof o->tmp)
        return fail(err, errlen, EX_IOERR, "cannot write", path, ENAMETOOLONG);
    int w = mkstemp(o->tmp);
    if (w < 0) {
        o->tmp[0] = '\0';
        return fail(err, errlen, EX_IOERR, "cannot write", path, errno);
    }
    fchmod(w, 0600); /* customer data, whatever the umask */
    if (!(o->f = fdopen(w, "w"))) {
        int e = errno;
        close(w);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return fail(err, errlen, EX_IOERR, "cannot write", path, e);
    }
    return 0;
}

int outfile_close(struct outfile *o, bool keep, char *err, size_t errlen)
{
    if (!o->f)
        return 0;
    int e = 0;
    if (ferror(o->f))
        e = errno ? errno : EIO;
    if (fflush(o->f) != 0 && !e)
        e = errno;
    /* Synced before the rename: after a crash the name holds the old file
     * or the whole new one. */
    if (keep && !o->through && !e && fsync(fileno(o->f)) != 0)
        e = errno;
    if (fclose(o->f) != 0 && !e)
        e = errno;
    o->f = NULL;
    if (o->through)
        return keep && e ? fail(err, errlen, EX_IOERR, "cannot write", o->target, e) : 0;
    if (keep && !e && rename(o->tmp, o->target) != 0)
        e = errno;
    if (!keep || e)
        unlink(o->tmp);
    o->tmp[0] = '\0';
    return keep && e ? fail(err, errlen, EX_IOERR, "cannot write", o->target, e) : 0;
}
