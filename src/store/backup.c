/* Keeping the book safe: a consistent copy, and SQLite's own checks. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/outfile.h"
#include "csm/path.h"

/* SQLite's machine steps between two looks at the clock: thousands of
 * times a second, each for the price of a clock read. */
#define PROGRESS_STEPS 100000

static int tick(void *ctx)
{
    progress_update(ctx, 0, 0, 0);
    return 0; /* go on */
}

void store_progress_on(struct store *st, struct progress *p)
{
    progress_update(p, 0, 0, 0); /* shown at once: the work may be over before the first tick */
    if (p->out)
        sqlite3_progress_handler(st->db, PROGRESS_STEPS, tick, p);
}

void store_progress_off(struct store *st, struct progress *p)
{
    if (p->out)
        sqlite3_progress_handler(st->db, 0, NULL, NULL);
    progress_end(p);
}

int store_backup(struct store *st, const char *path)
{
    /* The copy goes where a link points, never over the link, never over
     * the database or its companions, and never onto a device: a copy is a
     * database file of its own. */
    char target[4096];
    int tfd;
    bool exists, regular;
    if (!outfile_resolve(path, target, sizeof target, &tfd, &exists, &regular))
        return store_fail(st, EX_IOERR, "cannot write %s: %s", path, strerror(errno));
    if (outfile_is_database(path, st->path))
        return store_fail(st, EX_CANTCREAT, "%s is the database itself (or its -wal, -shm or -journal file): "
                          "name another file for the copy", path);
    if (exists && !regular)
        return store_fail(st, EX_CANTCREAT, "%s is not a regular file: name a file for the copy", path);
    /* Written to a private temporary file, then renamed: a reader never
     * sees half a copy, and nobody else can read it meanwhile. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return store_fail(st, EX_IOERR, "cannot write %s: %s", path, strerror(errno));
    fchmod(fd, 0600);
    close(fd);
    sqlite3 *dst;
    int rc = 0;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = store_fail(st, EX_IOERR, "cannot write %s: %s", path, sqlite3_errmsg(dst));
    } else {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
        if (!b) {
            rc = store_fail(st, EX_IOERR, "cannot copy the database: %s", sqlite3_errmsg(dst));
        } else {
            struct progress p;
            progress_start(&p, "pages", "copying the database to %s", path_base(path));
            int r;
            bool more;
            do {
                r = sqlite3_backup_step(b, 1024);
                int total = sqlite3_backup_pagecount(b), done = total - sqlite3_backup_remaining(b);
                progress_update(&p, done, done, total);
                if ((more = r == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED))
                    sqlite3_sleep(10);
            } while (more);
            sqlite3_backup_finish(b);
            progress_end(&p);
            if (r != SQLITE_DONE)
                rc = store_fail(st, EX_IOERR, "cannot copy the database to %s: %s", path, sqlite3_errstr(r));
        }
    }
    if (!rc && store_exec_on(dst, Q_JOURNAL_DELETE) != SQLITE_OK)
        rc = store_fail(st, EX_IOERR, "cannot finish the copy %s: %s", path, sqlite3_errmsg(dst));
    sqlite3_close(dst);
    if (!rc && rename(tmp, target) != 0)
        rc = store_fail(st, EX_IOERR, "cannot write %s: %s", path, strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}

static int check(struct store *st, char *out, size_t len);

int store_check(struct store *st, char *out, size_t len)
{
    struct progress p;
    progress_start(&p, NULL, "checking the database");
    store_progress_on(st, &p);
    int rc = check(st, out, len);
    store_progress_off(st, &p);
    return rc;
}

static int check(struct store *st, char *out, size_t len)
{
    sqlite3_stmt *s = store_stmt(st, Q_INTEGRITY_CHECK);
    if (!s)
        return store_db_fail(st, "cannot check the database");
    size_t o = 0;
    int rc, rows = 0;
    bool ok = false;
    out[0] = '\0';
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (rows++ == 0 && t && strcmp(t, "ok") == 0)
            ok = true;
        if (o < len)
            o += (size_t)snprintf(out + o, len - o, "%s%s", o ? "\n" : "", t ? t : "");
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot check the database");
    sqlite3_reset(s);
    if (rc)
        return rc;
    if (!ok)
        return EX_DATAERR;
    if (!(s = store_stmt(st, Q_FOREIGN_KEY_CHECK)))
        return store_db_fail(st, "cannot check the database");
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW) {
        snprintf(out, len, "links between tables are broken (PRAGMA foreign_key_check)");
        return EX_DATAERR;
    }
    return rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot check the database");
}
