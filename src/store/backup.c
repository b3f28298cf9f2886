/* Keeping the book safe: a consistent copy, and SQLite's own checks. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/outfile.h"

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
            int r;
            while ((r = sqlite3_backup_step(b, 1024)) == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED)
                sqlite3_sleep(10);
            sqlite3_backup_finish(b);
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

int store_check(struct store *st, char *out, size_t len)
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
