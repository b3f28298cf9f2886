/* Opening and closing the database, and its transactions. */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__ /* set by its headers above */
#include <malloc.h>
#endif

#include "csm/path.h"

const char *store_error(const struct store *st) { return st->err; }
const char *store_path(const struct store *st) { return st->path; }

void store_now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Creates an empty file with mode 0600 (whatever the umask) in a 0700 folder. */
static int create_private(struct store *st, const char *path)
{
    int e = path_make_parent(path);
    if (e)
        return store_fail(st, EX_IOERR, "cannot create the folder for %s: %s", path, strerror(e));
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return 0;
        return store_fail(st, EX_IOERR, "cannot create %s: %s", path, strerror(errno));
    }
    if (fchmod(fd, 0600) != 0) {
        int err = errno;
        close(fd);
        return store_fail(st, EX_IOERR, "cannot set the mode of %s: %s", path, strerror(err));
    }
    close(fd);
    return 0;
}

void store_immutable_uri(const char *path, char *uri, size_t len)
{
    size_t o = (size_t)snprintf(uri, len, "file:");
    for (const char *p = path; *p && o + 4 < len; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += (size_t)snprintf(uri + o, len - o, "%%%02X", (unsigned char)*p);
        else
            uri[o++] = *p;
    }
    snprintf(uri + o, len - o, "?immutable=1");
}

/* Looking at a book we cannot write (its folder either): WAL needs a
 * writable -shm file, so read it as an unchanging file. */
static int open_immutable(struct store *st, const char *path)
{
    store_finalize_all(st);
    sqlite3_close(st->db);
    st->db = NULL;
    char uri[9000];
    store_immutable_uri(path, uri, sizeof uri);
    st->immutable = true;
    if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        return store_db_fail(st, path);
    return store_exec(st, Q_PROBE, path);
}

int store_open(const char *path, enum store_mode mode, struct store **out, char *err, size_t errlen)
{
    /* Each connection is used by one thread at a time: SQLite's global
     * allocation counters and their lock only cost time (measured: 15% of
     * an import). */
    static bool configured;
    if (!configured) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        configured = true;
    }
    struct store *st = xcalloc(1, sizeof *st);
    int rc = 0;
    bool memory = strcmp(path, ":memory:") == 0;
    if (!memory)
        snprintf(st->path, sizeof st->path, "%s", path);
    st->readonly = mode == STORE_READ_ONLY;
    *out = NULL;
    struct stat sb;
    bool exists = memory || stat(path, &sb) == 0;
    if (!memory && exists && S_ISDIR(sb.st_mode)) {
        rc = store_fail(st, EX_IOERR, "%s is a folder, not a database file", path);
        goto out;
    }
    if (!exists) {
        if (mode != STORE_READ_WRITE) {
            rc = store_fail(st, EX_IOERR, "no database at %s: import a health-score export first (csm import FILE)",
                            path);
            goto out;
        }
        if ((rc = create_private(st, path)))
            goto out;
    }
    int flags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = store_db_fail(st, path);
        goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    if ((rc = store_exec(st, Q_FOREIGN_KEYS_ON, path)) || (rc = store_exec(st, Q_PROBE, path))) {
        int code = sqlite3_errcode(st->db) & 0xff;
        if (!st->readonly || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN))
            goto out;
        if ((rc = open_immutable(st, path)))
            goto out;
    }
    /* The upgrade first: one that is refused (a newer schema, names that
     * would merge) leaves the file as it was, its journal mode too. */
    if ((rc = store_migrate(st)))
        goto out;
    if (!st->readonly && ((rc = store_exec(st, Q_WAL, path)) || (rc = store_exec(st, Q_SYNC_NORMAL, path))))
        goto out;
    *out = st;
    return 0;
out:
    snprintf(err, errlen, "%s", st->err);
    store_close(st);
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    store_finalize_all(st);
    sqlite3_close(st->db);
    free(st);
}

int store_begin(struct store *st)
{
    st->now = (long long)time(NULL);
    st->newest_known = false;
    return store_exec(st, Q_BEGIN, "cannot start a transaction");
}

/* The lookups' page cache is given back with the transaction that needed
 * it: what follows an import (working out what changed reads the whole
 * book) would otherwise hold both at once. */
static void lookup_cache_end(struct store *st)
{
    if (!st->big_cache)
        return;
    char keep[sizeof st->err];
    memcpy(keep, st->err, sizeof keep);
    store_exec(st, Q_CACHE_DEFAULT, "cannot set the cache");
    memcpy(st->err, keep, sizeof keep);
    sqlite3_db_release_memory(st->db);
#ifdef __GLIBC__
    malloc_trim(0); /* the freed pages back to the system, not kept for malloc */
#endif
    st->big_cache = false;
}

int store_commit(struct store *st)
{
    int rc = store_exec(st, Q_COMMIT, "cannot save the changes");
    if (!rc)
        lookup_cache_end(st);
    return rc;
}

void store_rollback(struct store *st)
{
    /* Nothing to report: the caller has its error already, kept in st->err. */
    if (!sqlite3_get_autocommit(st->db)) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        store_exec(st, Q_ROLLBACK, "cannot roll back");
        memcpy(st->err, keep, sizeof keep);
    }
    lookup_cache_end(st);
}

int store_read_begin(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        return 0; /* already inside one */
    int rc = store_exec(st, Q_BEGIN_READ, "cannot read the database");
    st->read_txn = rc == 0;
    return rc;
}

void store_read_end(struct store *st)
{
    if (st->read_txn && !sqlite3_get_autocommit(st->db))
        store_rollback(st);
    st->read_txn = false;
}

long long store_data_version(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, Q_DATA_VERSION);
    long long v = -1;
    if (s && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    if (s)
        sqlite3_reset(s);
    return v;
}

int store_schema_version(struct store *st)
{
    sqlite3_stmt *s = store_stmt(st, Q_USER_VERSION);
    int v = -1;
    if (s && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    if (s)
        sqlite3_reset(s);
    return v;
}
