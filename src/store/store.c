#include "csm/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/path.h"
#include "csm/text.h"

enum stmt_id {
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_FIND_EXT, Q_FIND_NAME, Q_INSERT_ACCOUNT, Q_UPDATE_ACCOUNT,
    Q_UPSERT_SNAPSHOT,
    Q_IMPORT_BEGIN, Q_IMPORT_FINISH, Q_ADD_NOTE, Q_NOTES, Q_JOURNAL,
    Q_LOAD_ACCOUNT, Q_ACCOUNT_SNAPSHOTS,
    Q_COUNT,
};

/* The columns read_account reads, in its order. */
#define ACCOUNT_COLUMNS                                                                            \
    "a.id, a.name, a.external_id, a.owner, a.segment, a.term_years, a.acv_cents, a.renewal_date,"  \
    " a.nps, a.msa_restricted, a.anonymized_ok, a.kpi_baseline, a.kpi_current,"                     \
    " a.last_advocacy_ask, a.pulse"

/* Every statement the store runs, prepared once on first use. */
static const char *const sql_text[Q_COUNT] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_FIND_EXT] = "SELECT id FROM accounts WHERE external_id = ?1",
    [Q_FIND_NAME] = "SELECT id FROM accounts WHERE name_key = ?1",
    /* One account and its history: a dry run asks for each row's. */
    [Q_LOAD_ACCOUNT] = "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = ?1",
    [Q_ACCOUNT_SNAPSHOTS] = "SELECT taken_on, trend, reported_health, scores FROM snapshots WHERE account_id = ?1 ORDER BY taken_on",
    [Q_INSERT_ACCOUNT] =
        "INSERT INTO accounts(name, name_key, external_id, segment, owner, term_years, acv_cents,"
        " renewal_date, nps, msa_restricted, anonymized_ok, kpi_baseline, kpi_current,"
        " last_advocacy_ask, pulse, created_at, updated_at, created_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
    /* ?20 is the bit set of fields the row carries: the others keep their value. */
    [Q_UPDATE_ACCOUNT] =
        "UPDATE accounts SET name = ?1, name_key = ?2,"
        " external_id = CASE WHEN ?20 & 1 THEN ?3 ELSE external_id END,"
        " segment = CASE WHEN ?20 & 2 THEN ?4 ELSE segment END,"
        " owner = CASE WHEN ?20 & 4 THEN ?5 ELSE owner END,"
        " term_years = CASE WHEN ?20 & 8 THEN ?6 ELSE term_years END,"
        " acv_cents = CASE WHEN ?20 & 16 THEN ?7 ELSE acv_cents END,"
        " renewal_date = CASE WHEN ?20 & 32 THEN ?8 ELSE renewal_date END,"
        " nps = CASE WHEN ?20 & 64 THEN ?9 ELSE nps END,"
        " msa_restricted = CASE WHEN ?20 & 128 THEN ?10 ELSE msa_restricted END,"
        " anonymized_ok = CASE WHEN ?20 & 256 THEN ?11 ELSE anonymized_ok END,"
        " kpi_baseline = CASE WHEN ?20 & 512 THEN ?12 ELSE kpi_baseline END,"
        " kpi_current = CASE WHEN ?20 & 1024 THEN ?13 ELSE kpi_current END,"
        " last_advocacy_ask = CASE WHEN ?20 & 2048 THEN ?14 ELSE last_advocacy_ask END,"
        " pulse = CASE WHEN ?20 & 4096 THEN ?15 ELSE pulse END,"
        " updated_at = ?16"
        " WHERE id = ?21",
    [Q_UPSERT_SNAPSHOT] =
        "INSERT INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(account_id, taken_on) DO UPDATE SET import_id = excluded.import_id,"
        " trend = excluded.trend, reported_health = excluded.reported_health, scores = excluded.scores",
    [Q_IMPORT_BEGIN] =
        "INSERT INTO imports(file, sha256, imported_at, as_of) VALUES(?1, ?2, ?3, ?4)",
    /* Before an import updates an account: its attributes and the same-day
     * snapshot it is about to replace. */
    [Q_JOURNAL] =
        "INSERT INTO import_undo SELECT ?1, a.id, a.name, a.name_key, a.external_id, a.segment, a.owner,"
        " a.term_years, a.acv_cents, a.renewal_date, a.nps, a.msa_restricted, a.anonymized_ok, a.kpi_baseline,"
        " a.kpi_current, a.last_advocacy_ask, a.pulse, a.updated_at,"
        " (SELECT json_object('taken_on', s.taken_on, 'import_id', s.import_id, 'trend', s.trend,"
        "   'reported_health', s.reported_health, 'scores', s.scores)"
        "  FROM snapshots s WHERE s.account_id = a.id AND s.taken_on = ?3)"
        " FROM accounts a WHERE a.id = ?2",
    [Q_ADD_NOTE] = "INSERT INTO notes(account_id, written_on, body) VALUES(?1, ?2, ?3)",
    [Q_NOTES] = "SELECT written_on, body FROM notes WHERE account_id = ?1 ORDER BY written_on, id",
    [Q_IMPORT_FINISH] =
        "UPDATE imports SET rows = ?2, created = ?3, updated = ?4, rejected = ?5, messages = ?6 WHERE id = ?1",
};

/* Schema version 1. Each later version adds one entry to `migrations`. */
static const char schema_v1[] =
    "CREATE TABLE accounts("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " name_key TEXT NOT NULL UNIQUE,"
    " external_id TEXT UNIQUE,"
    " segment TEXT CHECK(segment IN ('enterprise','mid-market','smb')),"
    " owner TEXT,"
    " term_years INTEGER CHECK(term_years >= 0),"
    " acv_cents INTEGER CHECK(acv_cents >= 0),"
    " renewal_date TEXT CHECK(renewal_date IS NULL OR date(renewal_date) = renewal_date),"
    " nps INTEGER CHECK(nps BETWEEN 0 AND 10),"
    " msa_restricted INTEGER CHECK(msa_restricted IN (0, 1)),"
    " anonymized_ok INTEGER CHECK(anonymized_ok IN (0, 1)),"
    " kpi_baseline REAL,"
    " kpi_current REAL,"
    " last_advocacy_ask TEXT CHECK(last_advocacy_ask IS NULL OR date(last_advocacy_ask) = last_advocacy_ask),"
    " pulse TEXT CHECK(pulse IN ('red','amber','green')),"
    " created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL);"
    "CREATE TABLE imports("
    " id INTEGER PRIMARY KEY,"
    " file TEXT NOT NULL,"
    " sha256 TEXT,"
    " imported_at TEXT NOT NULL,"
    " as_of TEXT NOT NULL,"
    " rows INTEGER, created INTEGER, updated INTEGER, rejected INTEGER);"
    "CREATE TABLE snapshots("
    " id INTEGER PRIMARY KEY,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " taken_on TEXT NOT NULL CHECK(date(taken_on) = taken_on),"
    " import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
    " trend TEXT CHECK(trend IN ('up','level','down')),"
    " reported_health INTEGER CHECK(reported_health BETWEEN 0 AND 1000),"
    " UNIQUE(account_id, taken_on));"
    "CREATE TABLE scores("
    " snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    " component TEXT NOT NULL,"
    " value INTEGER NOT NULL CHECK(value BETWEEN 0 AND 1000),"
    " PRIMARY KEY(snapshot_id, component)) WITHOUT ROWID;"
    "CREATE TABLE notes("
    " id INTEGER PRIMARY KEY,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " written_on TEXT NOT NULL,"
    " body TEXT NOT NULL);"
    "CREATE INDEX notes_account ON notes(account_id);"
    "CREATE INDEX snapshots_import ON snapshots(import_id);";

/* Version 2: saved plans and their activities, for tracking. */
static const char schema_v2[] =
    "CREATE TABLE plans("
    " id INTEGER PRIMARY KEY,"
    " start TEXT NOT NULL CHECK(date(start) = start),"
    " end TEXT NOT NULL CHECK(date(end) = end),"
    " capacity_hours REAL NOT NULL,"
    " saved_at TEXT NOT NULL,"
    " UNIQUE(start, end));"
    "CREATE TABLE activities("
    " id INTEGER PRIMARY KEY,"
    " plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    " ref TEXT NOT NULL,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " client TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " template TEXT NOT NULL,"
    " description TEXT NOT NULL, purpose TEXT NOT NULL, results TEXT NOT NULL, measurement TEXT NOT NULL,"
    " duration_hours REAL NOT NULL CHECK(duration_hours > 0),"
    " deadline TEXT NOT NULL CHECK(date(deadline) = deadline),"
    " dependencies TEXT NOT NULL,"
    " notes TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'planned' CHECK(status IN ('planned','done','dropped')),"
    " UNIQUE(plan_id, ref));"
    "CREATE INDEX activities_account ON activities(account_id);";

/* Version 3: what each import changed, so that it can be undone, and what
 * it said. */
static const char schema_v3[] =
    "ALTER TABLE imports ADD COLUMN undone_at TEXT;"
    "ALTER TABLE imports ADD COLUMN messages TEXT;"
    "ALTER TABLE accounts ADD COLUMN created_by INTEGER REFERENCES imports(id) ON DELETE SET NULL;"
    "CREATE INDEX accounts_created_by ON accounts(created_by) WHERE created_by IS NOT NULL;"
    "CREATE TABLE import_undo("
    " import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, external_id TEXT, segment TEXT, owner TEXT,"
    " term_years INTEGER, acv_cents INTEGER, renewal_date TEXT, nps INTEGER, msa_restricted INTEGER,"
    " anonymized_ok INTEGER, kpi_baseline REAL, kpi_current REAL, last_advocacy_ask TEXT, pulse TEXT,"
    " updated_at TEXT NOT NULL,"
    " prev_snapshot TEXT," /* the same-day snapshot the import replaced, as JSON */
    " PRIMARY KEY(import_id, account_id)) WITHOUT ROWID;";

/* Version 4, for speed and size: a snapshot's scores in the snapshot row
 * itself ("1=780;2=840": component ids and tenths), snapshots keyed by
 * (account, day) with no rowid, times as Unix seconds, and the accounts'
 * unique keys as indexes that a bulk load into an empty book builds once
 * at the end. Tables are rebuilt as SQLite's ALTER TABLE guide says. */
static const char schema_v4[] =
    "CREATE TABLE components(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
    "INSERT INTO components(key) SELECT DISTINCT component FROM scores ORDER BY component;"
    "CREATE TABLE accounts_v4("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " name_key TEXT NOT NULL,"
    " external_id TEXT,"
    " segment TEXT CHECK(segment = 'enterprise' OR segment = 'mid-market' OR segment = 'smb'),"
    " owner TEXT,"
    " term_years INTEGER CHECK(term_years >= 0),"
    " acv_cents INTEGER CHECK(acv_cents >= 0),"
    " renewal_date TEXT CHECK(renewal_date IS NULL OR date(renewal_date) = renewal_date),"
    " nps INTEGER CHECK(nps BETWEEN 0 AND 10),"
    " msa_restricted INTEGER CHECK(msa_restricted = 0 OR msa_restricted = 1),"
    " anonymized_ok INTEGER CHECK(anonymized_ok = 0 OR anonymized_ok = 1),"
    " kpi_baseline REAL,"
    " kpi_current REAL,"
    " last_advocacy_ask TEXT CHECK(last_advocacy_ask IS NULL OR date(last_advocacy_ask) = last_advocacy_ask),"
    " pulse TEXT CHECK(pulse = 'red' OR pulse = 'amber' OR pulse = 'green'),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " created_by INTEGER REFERENCES imports(id) ON DELETE SET NULL);"
    "INSERT INTO accounts_v4 SELECT id, name, name_key, external_id, segment, owner, term_years, acv_cents,"
    " renewal_date, nps, msa_restricted, anonymized_ok, kpi_baseline, kpi_current, last_advocacy_ask, pulse,"
    " CAST(strftime('%s', created_at) AS INTEGER), CAST(strftime('%s', updated_at) AS INTEGER), created_by"
    " FROM accounts;"
    "DROP TABLE accounts;"
    "ALTER TABLE accounts_v4 RENAME TO accounts;"
    "CREATE UNIQUE INDEX accounts_name_key ON accounts(name_key);"
    "CREATE UNIQUE INDEX accounts_external_id ON accounts(external_id);"
    "CREATE TABLE snapshots_v4("
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " taken_on TEXT NOT NULL CHECK(date(taken_on) = taken_on),"
    " import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
    " trend TEXT CHECK(trend = 'up' OR trend = 'level' OR trend = 'down'),"
    " reported_health INTEGER CHECK(reported_health BETWEEN 0 AND 1000),"
    " scores TEXT NOT NULL,"
    " PRIMARY KEY(account_id, taken_on)) WITHOUT ROWID;"
    "INSERT INTO snapshots_v4 SELECT s.account_id, s.taken_on, s.import_id, s.trend, s.reported_health,"
    " coalesce((SELECT group_concat(c.id || '=' || sc.value, ';') FROM scores sc"
    "   JOIN components c ON c.key = sc.component WHERE sc.snapshot_id = s.id), '')"
    " FROM snapshots s;"
    "DROP TABLE scores;"
    "DROP TABLE snapshots;"
    "ALTER TABLE snapshots_v4 RENAME TO snapshots;"
    "UPDATE import_undo SET updated_at = CAST(strftime('%s', updated_at) AS INTEGER),"
    " prev_snapshot = CASE WHEN prev_snapshot IS NULL THEN NULL ELSE json_set(prev_snapshot, '$.scores',"
    " coalesce((SELECT group_concat(c.id || '=' || j.value, ';') FROM json_each(prev_snapshot, '$.scores') j"
    "   JOIN components c ON c.key = j.key), '')) END;";

static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q_COUNT];
    char err[512];
    bool readonly;
    bool immutable;   /* opened as an unchanging file (read-only, no WAL) */
    bool big_cache;   /* the page cache for lookups is set */
    bool read_txn;    /* store_read_begin opened a transaction */
    bool bulk;        /* loading into an empty book: no lookups, indexes at the end */
    long long now;    /* the time of the current transaction, Unix seconds */
    /* The components table's ids of the model's components (0: none yet). */
    const struct health_model *ids_for;
    long long comp_id[MODEL_MAX_COMPONENTS];
    char path[4096];  /* the database file, for the copy before an upgrade */
};

static int fail(struct store *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct store *st, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return code;
}

/* Maps an SQLite failure to an exit status with a message a user can act on. */
static int db_fail(struct store *st, const char *what)
{
    int rc = sqlite3_errcode(st->db);
    const char *msg = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return fail(st, 74, "%s: the disk is full (%s)", what, msg);
    case SQLITE_READONLY:
        return fail(st, 74, "%s: the database is read-only (%s)", what, msg);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return fail(st, 74, "%s: the file is not a csm database or is damaged (%s)", what, msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return fail(st, 74, "%s: the database is busy in another csm; try again (%s)", what, msg);
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(msg, "name_key"))
            return fail(st, 65, "%s: another account already has this name (its external id differs)", what);
        if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(msg, "external_id"))
            return fail(st, 65, "%s: another account already has this external id", what);
        return fail(st, 65, "%s: %s", what, msg);
    default:
        return fail(st, 74, "%s: %s", what, msg);
    }
}

const char *store_error(const struct store *st) { return st->err; }

static sqlite3_stmt *stmt(struct store *st, enum stmt_id id)
{
    if (!st->stmt[id]) {
        if (sqlite3_prepare_v3(st->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK)
            return NULL;
    } else {
        sqlite3_reset(st->stmt[id]);
        sqlite3_clear_bindings(st->stmt[id]);
    }
    return st->stmt[id];
}

static int exec_simple(struct store *st, enum stmt_id id, const char *what)
{
    sqlite3_stmt *s = stmt(st, id);
    if (!s || sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, what);
    sqlite3_reset(s);
    return 0;
}

static void now_iso(char buf[32]);

int store_begin(struct store *st)
{
    st->now = (long long)time(NULL);
    return exec_simple(st, Q_BEGIN, "cannot start a transaction");
}
int store_commit(struct store *st) { return exec_simple(st, Q_COMMIT, "cannot save the changes"); }
void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_schema_version(struct store *st)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

int store_backup(struct store *st, const char *path);

static int migrate(struct store *st)
{
    int v = store_schema_version(st);
    if (v < 0)
        return db_fail(st, "cannot read the database");
    if (v > STORE_SCHEMA_VERSION)
        return fail(st, 74, "the database was written by a newer csm (schema %d, this csm knows %d): upgrade csm",
                    v, STORE_SCHEMA_VERSION);
    if (v == STORE_SCHEMA_VERSION)
        return 0;
    if (st->readonly)
        return fail(st, 74, "the database needs an upgrade (schema %d to %d) and is opened read-only",
                    v, STORE_SCHEMA_VERSION);
    /* A copy of the book as it was, beside it, before anything changes. */
    if (v > 0 && st->path[0]) {
        char copy[4200];
        snprintf(copy, sizeof copy, "%s.schema%d.bak", st->path, v);
        int rc = store_backup(st, copy);
        if (rc) {
            char why[512];
            snprintf(why, sizeof why, "%s", st->err);
            return fail(st, rc, "cannot upgrade the database: the copy before the upgrade failed (%s)", why);
        }
    }
    /* Rebuilding a table needs the foreign keys off; they are checked before
     * the commit instead. */
    sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = db_fail(st, "cannot upgrade the database");
        sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        return rc;
    }
    for (int i = v; i < STORE_SCHEMA_VERSION; i++) {
        if (sqlite3_exec(st->db, migrations[i], NULL, NULL, NULL) != SQLITE_OK) {
            int rc = db_fail(st, "cannot upgrade the database");
            store_rollback(st);
            sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
            return rc;
        }
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    sqlite3_stmt *fk = NULL;
    bool fk_bad = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &fk, NULL) != SQLITE_OK ||
                  sqlite3_step(fk) == SQLITE_ROW;
    sqlite3_finalize(fk);
    if (fk_bad || sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = fk_bad ? fail(st, 74, "cannot upgrade the database: its links between tables are broken")
                        : db_fail(st, "cannot upgrade the database");
        store_rollback(st);
        sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        return rc;
    }
    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return 0;
}

/* Creates an empty file with mode 0600 (whatever the umask) in a 0700 folder. */
static int create_private(struct store *st, const char *path)
{
    int e = path_make_parent(path);
    if (e)
        return fail(st, 74, "cannot create the folder for %s: %s", path, strerror(e));
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return 0;
        return fail(st, 74, "cannot create %s: %s", path, strerror(errno));
    }
    if (fchmod(fd, 0600) != 0) {
        int err = errno;
        close(fd);
        return fail(st, 74, "cannot set the mode of %s: %s", path, strerror(err));
    }
    close(fd);
    return 0;
}

/* "file:PATH?immutable=1", PATH escaped for a URI. */
static void immutable_uri(const char *path, char *uri, size_t len)
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
    if (strcmp(path, ":memory:") != 0)
        snprintf(st->path, sizeof st->path, "%s", path);
    st->readonly = mode == STORE_READ_ONLY;
    *out = NULL;
    struct stat sb;
    bool memory = strcmp(path, ":memory:") == 0;
    bool exists = memory || stat(path, &sb) == 0;
    if (!memory && exists && S_ISDIR(sb.st_mode)) {
        rc = fail(st, 74, "%s is a folder, not a database file", path);
        goto out;
    }
    if (!exists) {
        if (mode != STORE_READ_WRITE) {
            rc = fail(st, 74, "no database at %s: import a health-score export first (csm import FILE)", path);
            goto out;
        }
        if ((rc = create_private(st, path)))
            goto out;
    }
    int flags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = db_fail(st, path);
        goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    /* A file that is not SQLite only shows itself on the first read. */
    if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
        int code = sqlite3_errcode(st->db) & 0xff;
        if (st->readonly && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN)) {
            /* Looking at a book we cannot write (its folder either): WAL
             * needs a writable -shm file, so read it as an unchanging file. */
            sqlite3_close(st->db);
            st->db = NULL;
            char uri[9000];
            immutable_uri(path, uri, sizeof uri);
            st->immutable = true;
            if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) !=
                    SQLITE_OK ||
                sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
                rc = db_fail(st, path);
                goto out;
            }
        } else {
            rc = db_fail(st, path);
            goto out;
        }
    }
    if (!st->readonly &&
        sqlite3_exec(st->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(st, path);
        goto out;
    }
    if ((rc = migrate(st)))
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
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    free(st);
}

static void now_iso(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_date(sqlite3_stmt *s, int i, int day)
{
    if (day == DATE_NONE) {
        sqlite3_bind_null(s, i);
        return;
    }
    char buf[11];
    date_format(day, buf);
    sqlite3_bind_text(s, i, buf, 10, SQLITE_TRANSIENT); /* buf is local */
}

static void bind_int_or_null(sqlite3_stmt *s, int i, long long v, bool present)
{
    if (present)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static void bind_real_or_null(sqlite3_stmt *s, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_double(s, i, v);
}

/* An import (or its dry run) looks accounts up and grows indexes all over
 * the file: a large page cache pays there. Reading the book is one pass,
 * where SQLite's default is enough and a big cache would only add memory. */
static void lookup_cache(struct store *st)
{
    if (!st->big_cache)
        sqlite3_exec(st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    st->big_cache = true;
}

int store_read_begin(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        return 0; /* already inside one */
    if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the database");
    st->read_txn = true;
    return 0;
}

void store_read_end(struct store *st)
{
    if (st->read_txn && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->read_txn = false;
}

int store_import_begin(struct store *st, const char *file, const char *sha256, int as_of, long long *id)
{
    lookup_cache(st);
    sqlite3_stmt *s = stmt(st, Q_IMPORT_BEGIN);
    if (!s)
        return db_fail(st, "cannot record the import");
    char now[32];
    now_iso(now);
    sqlite3_bind_text(s, 1, file, -1, SQLITE_STATIC);
    bind_text_or_null(s, 2, sha256);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    bind_date(s, 4, as_of);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, "cannot record the import");
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_import_finish(struct store *st, long long id, int rows, int created, int updated, int rejected,
                        const char *messages)
{
    sqlite3_stmt *s = stmt(st, Q_IMPORT_FINISH);
    if (!s)
        return db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, rows);
    sqlite3_bind_int(s, 3, created);
    sqlite3_bind_int(s, 4, updated);
    sqlite3_bind_int(s, 5, rejected);
    bind_text_or_null(s, 6, messages && *messages ? messages : NULL);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, "cannot record the import");
    return 0;
}

/* Finds an account id by a text key with a one-column query; 0 when absent. */
static int find_id(struct store *st, enum stmt_id q, const char *key, long long *id)
{
    sqlite3_stmt *s = stmt(st, q);
    if (!s)
        return db_fail(st, "cannot look the account up");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, "cannot look the account up");
    sqlite3_reset(s);
    return 0;
}

static void bind_account(sqlite3_stmt *s, const struct account *a, const char *key, long long now)
{
    sqlite3_bind_text(s, 1, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    bind_text_or_null(s, 3, a->external_id);
    bind_text_or_null(s, 4, segment_name(a->segment));
    bind_text_or_null(s, 5, a->owner);
    bind_int_or_null(s, 6, a->term_years, a->term_years >= 0);
    bind_int_or_null(s, 7, a->acv_cents, a->acv_cents >= 0);
    bind_date(s, 8, a->renewal);
    bind_int_or_null(s, 9, a->nps, a->nps >= 0);
    bind_int_or_null(s, 10, a->msa_restricted, a->msa_restricted != TRI_UNKNOWN);
    bind_int_or_null(s, 11, a->anonymized_ok, a->anonymized_ok != TRI_UNKNOWN);
    bind_real_or_null(s, 12, a->kpi_baseline);
    bind_real_or_null(s, 13, a->kpi_current);
    bind_date(s, 14, a->last_advocacy_ask);
    bind_text_or_null(s, 15, band_name(a->pulse));
    sqlite3_bind_int64(s, 16, now);
}

/* Finds (and with `create`, adds) the components table's id of each of the
 * model's components, once per model. */
static int map_components(struct store *st, const struct health_model *m, bool create)
{
    if (st->ids_for == m)
        return 0;
    sqlite3_stmt *q = NULL, *ins = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT id FROM components WHERE key = ?1", -1, &q, NULL) != SQLITE_OK ||
        (create && sqlite3_prepare_v2(st->db, "INSERT INTO components(key) VALUES(?1)", -1, &ins, NULL) != SQLITE_OK)) {
        sqlite3_finalize(q);
        return db_fail(st, "cannot read the components");
    }
    int rc = 0;
    for (int i = 0; i < m->ncomp && !rc; i++) {
        st->comp_id[i] = 0;
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, m->comp[i].key, -1, SQLITE_STATIC);
        int r = sqlite3_step(q);
        if (r == SQLITE_ROW) {
            st->comp_id[i] = sqlite3_column_int64(q, 0);
        } else if (r != SQLITE_DONE) {
            rc = db_fail(st, "cannot read the components");
        } else if (create) {
            sqlite3_reset(ins);
            sqlite3_bind_text(ins, 1, m->comp[i].key, -1, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = db_fail(st, "cannot add a component");
            else
                st->comp_id[i] = sqlite3_last_insert_rowid(st->db);
        }
    }
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    /* Only a complete map is kept: one that lacks a component (reading, it
     * is not created) is asked for again, as an import may add it. */
    bool complete = !rc;
    for (int i = 0; i < m->ncomp && complete; i++)
        complete = st->comp_id[i] != 0;
    st->ids_for = complete ? m : NULL;
    return rc;
}

/* Scores as stored: "1=780;2=840", component ids and tenths, the model's
 * components that have data. */
static void encode_scores(const struct store *st, const struct health_model *m, const short *score, char *buf,
                          size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < m->ncomp && o < len; i++) {
        if (score[i] == SCORE_NONE)
            continue;
        o += (size_t)snprintf(buf + o, len - o, "%s%lld=%d", o ? ";" : "", st->comp_id[i], score[i]);
    }
}

/* Reads scores back onto the model's components; others are left out. */
static void decode_scores(const struct store *st, const struct health_model *m, const unsigned char *text,
                          short *score)
{
    for (int i = 0; i < MODEL_MAX_COMPONENTS; i++)
        score[i] = SCORE_NONE;
    const char *p = (const char *)text;
    while (p && *p) {
        long long id = 0;
        while (*p >= '0' && *p <= '9')
            id = id * 10 + (*p++ - '0');
        if (*p++ != '=')
            break;
        int value = 0;
        while (*p >= '0' && *p <= '9')
            value = value * 10 + (*p++ - '0');
        for (int i = 0; i < m->ncomp; i++)
            if (st->comp_id[i] == id && id && value <= 1000) {
                score[i] = (short)value;
                break;
            }
        if (*p != ';')
            break;
        p++;
    }
}

int store_bulk_begin(struct store *st, bool *bulk)
{
    *bulk = false;
    long long n;
    int rc = store_count_accounts(st, &n);
    if (rc || n > 0)
        return rc;
    /* An empty book: every row is new (the importer has refused duplicates),
     * so the unique indexes are built once, at the end, from sorted keys. */
    if (sqlite3_exec(st->db, "DROP INDEX accounts_name_key; DROP INDEX accounts_external_id", NULL, NULL, NULL) !=
        SQLITE_OK)
        return db_fail(st, "cannot prepare the bulk load");
    st->bulk = *bulk = true;
    return 0;
}

int store_bulk_end(struct store *st)
{
    if (!st->bulk)
        return 0;
    st->bulk = false;
    if (sqlite3_exec(st->db,
                     "CREATE UNIQUE INDEX accounts_name_key ON accounts(name_key);"
                     "CREATE UNIQUE INDEX accounts_external_id ON accounts(external_id)",
                     NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "cannot index the accounts");
    return 0;
}

int store_put_account(struct store *st, const struct health_model *m, const struct account *a,
                      unsigned fields, int as_of, long long import_id, bool *created)
{
    char key[1024];
    size_t nlen = strlen(a->name);
    if (nlen >= sizeof key)
        nlen = sizeof key - 1;
    memcpy(key, a->name, nlen);
    key[nlen] = '\0';
    text_lower(key);
    long long id = 0;
    int rc;
    if (!st->bulk) {
        if (a->external_id && (rc = find_id(st, Q_FIND_EXT, a->external_id, &id)))
            return rc;
        if (!id && (rc = find_id(st, Q_FIND_NAME, key, &id)))
            return rc;
    }
    if (!st->now)
        st->now = (long long)time(NULL);
    sqlite3_stmt *s;
    if (id && import_id > 0) {
        s = stmt(st, Q_JOURNAL);
        if (!s)
            return db_fail(st, "cannot record the import");
        sqlite3_bind_int64(s, 1, import_id);
        sqlite3_bind_int64(s, 2, id);
        bind_date(s, 3, as_of);
        if (sqlite3_step(s) != SQLITE_DONE)
            return db_fail(st, a->name);
        sqlite3_reset(s);
    }
    s = stmt(st, id ? Q_UPDATE_ACCOUNT : Q_INSERT_ACCOUNT);
    if (!s)
        return db_fail(st, "cannot store the account");
    bind_account(s, a, key, st->now);
    if (id) {
        sqlite3_bind_int(s, 20, (int)fields);
        sqlite3_bind_int64(s, 21, id);
    } else {
        bind_int_or_null(s, 17, import_id, import_id > 0);
    }
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, a->name);
    *created = id == 0;
    sqlite3_reset(s);
    if (!id)
        id = sqlite3_last_insert_rowid(st->db);

    /* The day's snapshot: replaced when the same day is imported again. */
    char scores[MODEL_MAX_COMPONENTS * 16];
    if ((rc = map_components(st, m, true)))
        return rc;
    encode_scores(st, m, a->score, scores, sizeof scores);
    s = stmt(st, Q_UPSERT_SNAPSHOT);
    if (!s)
        return db_fail(st, "cannot store the snapshot");
    sqlite3_bind_int64(s, 1, id);
    bind_date(s, 2, as_of);
    bind_int_or_null(s, 3, import_id, import_id > 0);
    bind_text_or_null(s, 4, trend_name(a->trend));
    bind_int_or_null(s, 5, a->reported_health, a->reported_health != SCORE_NONE);
    sqlite3_bind_text(s, 6, scores, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, a->name);
    sqlite3_reset(s);
    return 0;
}

/* A copy of a text column: in the arena when there is one, else malloc'd. */
static char *col_dup(sqlite3_stmt *s, int i, struct arena *mem)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    return mem ? arena_strndup(mem, (const char *)t, (size_t)sqlite3_column_bytes(s, i)) : xstrdup((const char *)t);
}

static int col_date(sqlite3_stmt *s, int i)
{
    int day;
    const unsigned char *t = sqlite3_column_text(s, i);
    return t && date_parse_iso((const char *)t, &day) ? day : DATE_NONE;
}

static int col_int(sqlite3_stmt *s, int i, int none)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? none : sqlite3_column_int(s, i);
}

static double col_real(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

static void read_account(sqlite3_stmt *s, struct account *a, struct arena *mem)
{
    account_init(a);
    a->id = sqlite3_column_int64(s, 0);
    a->name = col_dup(s, 1, mem);
    a->external_id = col_dup(s, 2, mem);
    a->owner = col_dup(s, 3, mem);
    const unsigned char *seg = sqlite3_column_text(s, 4);
    a->segment = seg ? segment_parse((const char *)seg) : SEG_NONE;
    a->term_years = col_int(s, 5, -1);
    a->acv_cents = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 6);
    a->renewal = col_date(s, 7);
    a->nps = col_int(s, 8, -1);
    a->msa_restricted = col_int(s, 9, TRI_UNKNOWN);
    a->anonymized_ok = col_int(s, 10, TRI_UNKNOWN);
    a->kpi_baseline = col_real(s, 11);
    a->kpi_current = col_real(s, 12);
    a->last_advocacy_ask = col_date(s, 13);
    const unsigned char *pulse = sqlite3_column_text(s, 14);
    a->pulse = pulse ? band_parse((const char *)pulse) : BAND_NONE;
}

static int trend_parse_stored(const unsigned char *t)
{
    if (!t)
        return TREND_NONE;
    if (strcmp((const char *)t, "up") == 0)
        return TREND_UP;
    if (strcmp((const char *)t, "down") == 0)
        return TREND_DOWN;
    return TREND_LEVEL;
}

/* One account's snapshots, oldest first: the history (malloc'd, freed with
 * account_free) and, from the latest, its current scores. */
static int read_history(struct store *st, const struct health_model *m, struct account *a)
{
    int rc = map_components(st, m, false);
    if (rc)
        return rc;
    sqlite3_stmt *s = stmt(st, Q_ACCOUNT_SNAPSHOTS);
    if (!s)
        return db_fail(st, "cannot read the snapshots");
    sqlite3_bind_int64(s, 1, a->id);
    size_t cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((size_t)a->nhist == cap) {
            cap = cap ? cap * 2 : 4;
            a->hist_day = xrealloc(a->hist_day, cap * sizeof *a->hist_day);
            a->hist_score = xrealloc(a->hist_score, cap * sizeof *a->hist_score);
        }
        a->snapshot_day = col_date(s, 0);
        a->trend = trend_parse_stored(sqlite3_column_text(s, 1));
        a->reported_health = col_int(s, 2, SCORE_NONE);
        decode_scores(st, m, sqlite3_column_text(s, 3), a->score);
        a->hist_day[a->nhist] = a->snapshot_day;
        memcpy(a->hist_score[a->nhist], a->score, sizeof a->score);
        a->nhist++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, "cannot read the snapshots");
}

/* The latest snapshot of each account: SQLite takes the bare columns from
 * the row that holds the max(), and walks the primary key in order. */
static const char latest_snapshots_sql[] =
    "SELECT account_id, max(taken_on), trend, reported_health, scores"
    " FROM snapshots GROUP BY account_id ORDER BY account_id";

static const char all_snapshots_sql[] =
    "SELECT account_id, taken_on, trend, reported_health, scores"
    " FROM snapshots ORDER BY account_id, taken_on";

static long long count_rows(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    long long n = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* ---- reading the book on two cores ----
 *
 * A second connection reads the snapshots while the first reads the
 * accounts; the two are joined by account id afterwards. Both read the
 * same state when no other connection committed in between, which
 * PRAGMA data_version, asked before and after, tells; if one did, the
 * book is read again on one connection. */

struct snap_run {
    long long account_id;
    uint32_t start, count; /* the account's snapshots in days[] and scores[] */
    int reported;
    signed char trend;
};

struct snap_job {
    /* in */
    const struct store *st;       /* its path, mode and component ids; not its connection */
    const struct health_model *m;
    bool history;
    size_t max_runs;              /* accounts the first connection counted */
    /* out */
    struct snap_run *runs;
    size_t nruns;
    int *days;
    short (*scores)[MODEL_MAX_COMPONENTS];
    bool ok;
};

/* Reads the snapshots on `db`, inside the caller's transaction, into the
 * job's runs and arrays. False when SQLite failed. */
static bool snap_scan(sqlite3 *db, struct snap_job *j)
{
    const struct store *st = j->st;
    sqlite3_stmt *s = NULL;
    size_t cap = j->max_runs; /* a run an account, or a row a snapshot with history */
    if (j->history) {
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM snapshots", -1, &s, NULL) != SQLITE_OK ||
            sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_finalize(s);
            return false;
        }
        cap = (size_t)sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        s = NULL;
    }
    size_t run_cap = j->max_runs ? j->max_runs : 1;
    cap = cap ? cap : 1;
    j->runs = xmalloc_large(run_cap * sizeof *j->runs);
    j->days = xmalloc_large(cap * sizeof *j->days);
    j->scores = xmalloc_large(cap * sizeof *j->scores);
    if (sqlite3_prepare_v2(db, j->history ? all_snapshots_sql : latest_snapshots_sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    size_t used = 0;
    struct snap_run *run = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long acc = sqlite3_column_int64(s, 0);
        if (!run || run->account_id != acc) {
            if (j->nruns == run_cap) { /* snapshots of accounts that are gone: a damaged file */
                run_cap *= 2;
                j->runs = xrealloc(j->runs, run_cap * sizeof *j->runs);
            }
            run = &j->runs[j->nruns++];
            *run = (struct snap_run){acc, (uint32_t)used, 0, SCORE_NONE, TREND_NONE};
        }
        if (used == cap) {
            cap *= 2;
            j->days = xrealloc(j->days, cap * sizeof *j->days);
            j->scores = xrealloc(j->scores, cap * sizeof *j->scores);
        }
        if (used >= UINT32_MAX)
            break;
        j->days[used] = col_date(s, 1);
        run->trend = (signed char)trend_parse_stored(sqlite3_column_text(s, 2));
        run->reported = col_int(s, 3, SCORE_NONE);
        decode_scores(st, j->m, sqlite3_column_text(s, 4), j->scores[used]);
        used++;
        run->count++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* The second connection's thread: its own read transaction. */
static void *snap_read(void *arg)
{
    struct snap_job *j = arg;
    const struct store *st = j->st;
    sqlite3 *db = NULL;
    int rc;
    if (st->immutable) {
        char uri[9000];
        immutable_uri(st->path, uri, sizeof uri);
        rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    } else {
        rc = sqlite3_open_v2(st->path, &db, (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX,
                             NULL);
    }
    if (rc == SQLITE_OK && sqlite3_busy_timeout(db, 10000) == SQLITE_OK &&
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK) {
        j->ok = snap_scan(db, j);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    sqlite3_close(db);
    return NULL;
}

/* Gives accounts v[0..n) (in id order) their snapshots from the job (in
 * id order too), and the job's arrays to the set's arena with history;
 * frees the rest. */
static void snap_join(struct account_set *out, struct snap_job *job)
{
    size_t r = 0;
    for (size_t i = 0; i < out->n; i++) {
        struct account *a = &out->v[i];
        while (r < job->nruns && job->runs[r].account_id < a->id)
            r++;
        if (r == job->nruns || job->runs[r].account_id != a->id)
            continue;
        const struct snap_run *run = &job->runs[r];
        uint32_t last = run->start + run->count - 1;
        a->snapshot_day = job->days[last];
        a->trend = run->trend;
        a->reported_health = run->reported;
        memcpy(a->score, job->scores[last], sizeof a->score);
        if (job->history) {
            a->nhist = (int)run->count;
            a->hist_day = job->days + run->start;
            a->hist_score = job->scores + run->start;
        }
    }
    free(job->runs);
    if (job->history) {
        arena_adopt(out->mem, job->days);
        arena_adopt(out->mem, job->scores);
    } else {
        free(job->days);
        free(job->scores);
    }
    job->runs = NULL;
    job->days = NULL;
    job->scores = NULL;
}

static void snap_free(struct snap_job *job)
{
    free(job->runs);
    free(job->days);
    free(job->scores);
}

/* The rows of `s` (the accounts, in id order; `count` of them at most),
 * finalizing it. One allocation of the right size: a million accounts are
 * not copied over and over while the array grows; their texts go into the
 * arena. False when SQLite failed. */
static bool read_accounts(sqlite3_stmt *s, long long count, struct account_set *out)
{
    out->mem = arena_new();
    size_t cap = count > 0 ? (size_t)count : 1, len = 0;
    out->v = xmalloc_large(cap * sizeof *out->v);
    int rc = SQLITE_DONE;
    while (len < cap && (rc = sqlite3_step(s)) == SQLITE_ROW)
        read_account(s, &out->v[len++], out->mem);
    sqlite3_finalize(s);
    out->n = len;
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static long long data_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    long long v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The accounts on this connection, the snapshots on another; 1 when that
 * could not be done (the caller reads on one connection), else 0 or an
 * exit status. */
static int load_on_two(struct store *st, const struct health_model *m, bool history, struct account_set *out)
{
    memset(out, 0, sizeof *out);
    /* In memory, or inside our own transaction, one connection sees it all;
     * an immutable file takes no locks, so data_version could not tell
     * whether the two reads saw the same file. */
    if (!st->path[0] || !sqlite3_get_autocommit(st->db) || st->immutable)
        return 1;
    int rc = map_components(st, m, false);
    if (rc)
        return rc;
    long long before = data_version(st->db);
    if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the accounts");
    long long count = count_rows(st, "SELECT count(*) FROM accounts");
    sqlite3_stmt *s = NULL;
    if (count < 0 ||
        sqlite3_prepare_v2(st->db, "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.id", -1, &s, NULL) != SQLITE_OK) {
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
        return db_fail(st, "cannot read the accounts");
    }
    struct snap_job job = {.st = st, .m = m, .history = history, .max_runs = (size_t)count};
    pthread_t thread;
    if (pthread_create(&thread, NULL, snap_read, &job) != 0) {
        sqlite3_finalize(s);
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
        return 1;
    }
    bool read_ok = read_accounts(s, count, out);
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    pthread_join(thread, NULL);
    bool same = read_ok && job.ok && before >= 0 && data_version(st->db) == before;
    if (!same) {
        snap_free(&job);
        store_free_accounts(out);
        return 1;
    }
    snap_join(out, &job);
    return 0;
}

int store_load_accounts(struct store *st, const struct health_model *m, bool history, struct account_set *out)
{
    int rc = load_on_two(st, m, history, out);
    if (rc != 1)
        return rc;
    memset(out, 0, sizeof *out);
    /* One read transaction: the accounts and their snapshots agree. */
    bool own_txn = sqlite3_get_autocommit(st->db);
    if (own_txn && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the accounts");
    long long count = count_rows(st, "SELECT count(*) FROM accounts");
    sqlite3_stmt *s = NULL;
    rc = 0;
    if (count < 0 || sqlite3_prepare_v2(st->db, "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.id", -1, &s,
                                        NULL) != SQLITE_OK) {
        rc = db_fail(st, "cannot read the accounts");
        goto done;
    }
    /* The snapshots are read as the second connection reads them. */
    if (!read_accounts(s, count, out)) {
        rc = db_fail(st, "cannot read the accounts");
    } else if (!(rc = map_components(st, m, false))) {
        struct snap_job job = {.st = st, .m = m, .history = history, .max_runs = out->n};
        if (snap_scan(st->db, &job)) {
            snap_join(out, &job);
        } else {
            snap_free(&job);
            rc = db_fail(st, "cannot read the snapshots");
        }
    }
done:
    if (own_txn)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc)
        store_free_accounts(out);
    return rc;
}

int store_load_first(struct store *st, const struct health_model *m, size_t limit, struct account_set *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.name_key LIMIT ?1", -1, &s,
                           NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the accounts");
    sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
    out->mem = arena_new();
    out->v = xmalloc((limit ? limit : 1) * sizeof *out->v);
    int rc = 0, step = SQLITE_DONE;
    while (!rc && out->n < limit && (step = sqlite3_step(s)) == SQLITE_ROW) {
        struct account *a = &out->v[out->n++];
        read_account(s, a, out->mem);
        /* Its history, then the arena frees it with the rest. */
        rc = read_history(st, m, a);
        if (a->hist_day) {
            arena_adopt(out->mem, a->hist_day);
            arena_adopt(out->mem, a->hist_score);
        }
    }
    if (!rc && out->n < limit && step != SQLITE_DONE)
        rc = db_fail(st, "cannot read the accounts");
    sqlite3_finalize(s);
    if (rc)
        store_free_accounts(out);
    return rc;
}

void store_free_accounts(struct account_set *set)
{
    free(set->v);
    arena_free(set->mem);
    memset(set, 0, sizeof *set);
}

int store_find_account(struct store *st, const struct health_model *m, const char *name, struct account *out)
{
    char key[1024];
    snprintf(key, sizeof key, "%s", name);
    text_lower(key);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.name_key = ?1 OR a.external_id = ?2 "
                           "ORDER BY a.name_key = ?1 DESC LIMIT 1", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the account");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_account(s, out, NULL);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return -1;
    if (rc != SQLITE_ROW)
        return db_fail(st, "cannot read the account");
    if ((rc = read_history(st, m, out)))
        account_free(out);
    return rc;
}

int store_count_accounts(struct store *st, long long *n)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM accounts", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot count the accounts");
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : db_fail(st, "cannot count the accounts");
}

int store_update_attributes(struct store *st, const struct account *a, unsigned fields)
{
    sqlite3_stmt *s = stmt(st, Q_UPDATE_ACCOUNT);
    if (!s)
        return db_fail(st, "cannot change the account");
    char key[1024];
    snprintf(key, sizeof key, "%s", a->name);
    text_lower(key);
    bind_account(s, a, key, (long long)time(NULL));
    sqlite3_bind_int(s, 20, (int)fields);
    sqlite3_bind_int64(s, 21, a->id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, a->name);
    sqlite3_reset(s);
    return 0;
}

int store_add_note(struct store *st, long long account_id, int day, const char *body)
{
    sqlite3_stmt *s = stmt(st, Q_ADD_NOTE);
    if (!s)
        return db_fail(st, "cannot add the note");
    sqlite3_bind_int64(s, 1, account_id);
    bind_date(s, 2, day);
    sqlite3_bind_text(s, 3, body, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(st, "cannot add the note");
    sqlite3_reset(s);
    return 0;
}

int store_load_notes(struct store *st, long long account_id, struct note **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = stmt(st, Q_NOTES);
    if (!s)
        return db_fail(st, "cannot read the notes");
    sqlite3_bind_int64(s, 1, account_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[*n].day = col_date(s, 0);
        (*out)[*n].body = col_dup(s, 1, NULL);
        (*n)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_free_notes(*out, *n);
        *out = NULL;
        *n = 0;
        return db_fail(st, "cannot read the notes");
    }
    return 0;
}

void store_free_notes(struct note *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].body);
    free(v);
}

int store_save_plan(struct store *st, int start, int end, double capacity, const struct saved_activity *v, size_t n,
                    long long *plan_id)
{
    char now[32];
    now_iso(now);
    sqlite3_stmt *s = NULL;
    int rc = 0;
    /* A plan saved again for the same quarter replaces the earlier one. */
    if (sqlite3_prepare_v2(st->db, "DELETE FROM plans WHERE start = ?1 AND end = ?2", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot save the plan");
    bind_date(s, 1, start);
    bind_date(s, 2, end);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = db_fail(st, "cannot save the plan");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(st->db, "INSERT INTO plans(start, end, capacity_hours, saved_at) VALUES(?1, ?2, ?3, ?4)",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot save the plan");
    bind_date(s, 1, start);
    bind_date(s, 2, end);
    sqlite3_bind_double(s, 3, capacity);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = db_fail(st, "cannot save the plan");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    *plan_id = sqlite3_last_insert_rowid(st->db);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO activities(plan_id, ref, account_id, client, kind, template, description,"
                           " purpose, results, measurement, duration_hours, deadline, dependencies, notes)"
                           " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot save the plan");
    for (size_t i = 0; i < n && !rc; i++) {
        const struct saved_activity *a = &v[i];
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, *plan_id);
        sqlite3_bind_text(s, 2, a->ref, -1, SQLITE_STATIC);
        bind_int_or_null(s, 3, a->account_id, a->account_id > 0);
        sqlite3_bind_text(s, 4, a->client, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, a->kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, a->template_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, a->description, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 8, a->purpose, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 9, a->results, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 10, a->measurement, -1, SQLITE_STATIC);
        sqlite3_bind_double(s, 11, a->hours);
        bind_date(s, 12, a->deadline);
        sqlite3_bind_text(s, 13, a->dependencies, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 14, a->notes, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = db_fail(st, "cannot save the plan");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_load_activities(struct store *st, long long account_id, struct saved_activity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    /* The latest saved plan's activities, or one account's across plans. */
    const char *sql =
        account_id > 0
            ? "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
              " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
              " p.start, p.end FROM activities a JOIN plans p ON p.id = a.plan_id"
              " WHERE a.account_id = ?1 ORDER BY p.start DESC, a.deadline, a.ref"
            : "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
              " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
              " p.start, p.end FROM activities a JOIN plans p ON p.id = a.plan_id"
              " WHERE a.plan_id = (SELECT id FROM plans ORDER BY saved_at DESC, id DESC LIMIT 1)"
              " ORDER BY a.deadline, a.ref";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the activities");
    if (account_id > 0)
        sqlite3_bind_int64(s, 1, account_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct saved_activity *a = &(*out)[(*n)++];
        memset(a, 0, sizeof *a);
        a->plan_id = sqlite3_column_int64(s, 0);
        snprintf(a->ref, sizeof a->ref, "%s", (const char *)sqlite3_column_text(s, 1));
        a->account_id = sqlite3_column_int64(s, 2);
        a->client = col_dup(s, 3, NULL);
        a->kind = col_dup(s, 4, NULL);
        a->template_id = col_dup(s, 5, NULL);
        a->description = col_dup(s, 6, NULL);
        a->purpose = col_dup(s, 7, NULL);
        a->results = col_dup(s, 8, NULL);
        a->measurement = col_dup(s, 9, NULL);
        a->hours = sqlite3_column_double(s, 10);
        a->deadline = col_date(s, 11);
        a->dependencies = col_dup(s, 12, NULL);
        a->notes = col_dup(s, 13, NULL);
        a->status = col_dup(s, 14, NULL);
        a->plan_start = col_date(s, 15);
        a->plan_end = col_date(s, 16);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_free_activities(*out, *n);
        *out = NULL;
        *n = 0;
        return db_fail(st, "cannot read the activities");
    }
    return 0;
}

void store_free_activities(struct saved_activity *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].client);
        free(v[i].kind);
        free(v[i].template_id);
        free(v[i].description);
        free(v[i].purpose);
        free(v[i].results);
        free(v[i].measurement);
        free(v[i].dependencies);
        free(v[i].notes);
        free(v[i].status);
    }
    free(v);
}

int store_set_activity_status(struct store *st, const char *ref, const char *status)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE activities SET status = ?2 WHERE ref = ?1 COLLATE NOCASE AND plan_id ="
                           " (SELECT id FROM plans ORDER BY saved_at DESC, id DESC LIMIT 1)",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot change the activity");
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "cannot change the activity");
    return sqlite3_changes(st->db) ? 0 : -1;
}

int store_match_account(struct store *st, const struct account *a, long long *id)
{
    int rc;
    *id = 0;
    lookup_cache(st);
    if (a->external_id && (rc = find_id(st, Q_FIND_EXT, a->external_id, id)))
        return rc;
    if (!*id) {
        char key[1024];
        snprintf(key, sizeof key, "%s", a->name);
        text_lower(key);
        if ((rc = find_id(st, Q_FIND_NAME, key, id)))
            return rc;
    }
    return 0;
}

int store_load_account(struct store *st, const struct health_model *m, long long id, struct account *out)
{
    sqlite3_stmt *s = stmt(st, Q_LOAD_ACCOUNT);
    if (!s)
        return db_fail(st, "cannot read the account");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_account(s, out, NULL);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return -1;
    if (rc != SQLITE_ROW)
        return db_fail(st, "cannot read the account");
    if ((rc = read_history(st, m, out)))
        account_free(out);
    return rc;
}

int store_list_imports(struct store *st, struct import_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, file, sha256, imported_at, as_of, rows, created, updated, rejected, undone_at,"
                           " messages FROM imports ORDER BY id", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the imports");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct import_record *r = &(*out)[(*n)++];
        r->id = sqlite3_column_int64(s, 0);
        r->file = col_dup(s, 1, NULL);
        r->sha256 = col_dup(s, 2, NULL);
        r->imported_at = col_dup(s, 3, NULL);
        r->as_of = col_date(s, 4);
        r->rows = col_int(s, 5, 0);
        r->created = col_int(s, 6, 0);
        r->updated = col_int(s, 7, 0);
        r->rejected = col_int(s, 8, 0);
        r->undone_at = col_dup(s, 9, NULL);
        r->messages = col_dup(s, 10, NULL);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_free_imports(*out, *n);
        *out = NULL;
        *n = 0;
        return db_fail(st, "cannot read the imports");
    }
    return 0;
}

void store_free_imports(struct import_record *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].file);
        free(v[i].sha256);
        free(v[i].imported_at);
        free(v[i].undone_at);
        free(v[i].messages);
    }
    free(v);
}

/* Runs one statement with the import id bound as ?1; false on failure. */
static bool exec_with_id(struct store *st, const char *sql, long long id)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

int store_undo_import(struct store *st, long long id) { return store_undo_import_force(st, id, false); }

int store_undo_import_force(struct store *st, long long id, bool force)
{
    sqlite3_stmt *s;
    /* Whether it can be undone, and what of the user's own later work an undo
     * would take with it: edits (csm set, the interface) to the accounts it
     * touched, and notes on the accounts it created. */
    if (sqlite3_prepare_v2(st->db,
                           "SELECT (SELECT count(*) FROM imports WHERE id = ?1),"
                           " (SELECT undone_at FROM imports WHERE id = ?1),"
                           " (SELECT group_concat(id, ', ') FROM imports WHERE id > ?1 AND undone_at IS NULL"
                           "   AND rows IS NOT NULL),"
                           " (SELECT count(*) FROM accounts a WHERE (a.created_by = ?1 OR a.id IN"
                           "   (SELECT account_id FROM import_undo WHERE import_id = ?1)) AND a.updated_at >"
                           "   CAST(strftime('%s', (SELECT imported_at FROM imports WHERE id = ?1)) AS INTEGER) + 1),"
                           " (SELECT count(*) FROM notes n JOIN accounts a ON a.id = n.account_id"
                           "   WHERE a.created_by = ?1)", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot read the imports");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    int exists = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    char undone[40] = "", later[256] = "";
    if (rc == SQLITE_ROW && sqlite3_column_text(s, 1))
        snprintf(undone, sizeof undone, "%s", (const char *)sqlite3_column_text(s, 1));
    if (rc == SQLITE_ROW && sqlite3_column_text(s, 2))
        snprintf(later, sizeof later, "%s", (const char *)sqlite3_column_text(s, 2));
    int edited = rc == SQLITE_ROW ? sqlite3_column_int(s, 3) : 0;
    int notes = rc == SQLITE_ROW ? sqlite3_column_int(s, 4) : 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return db_fail(st, "cannot read the imports");
    if (!exists)
        return fail(st, 1, "there is no import %lld (csm imports lists them)", id);
    if (undone[0])
        return fail(st, 1, "import %lld was already undone, at %s", id, undone);
    if (later[0])
        return fail(st, 1, "import %lld has later imports over it: undo those first (%s)", id, later);
    if ((edited || notes) && !force)
        return fail(st, 1,
                    "undoing import %lld would also lose %d account%s edited since and %d note%s on accounts it "
                    "created; add --force to undo all the same",
                    id, edited, edited == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
    static const char *const steps[] = {
        /* The snapshots this import wrote go; the ones it replaced come back. */
        "DELETE FROM snapshots WHERE import_id = ?1",
        "INSERT INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " SELECT account_id, json_extract(prev_snapshot, '$.taken_on'), json_extract(prev_snapshot, '$.import_id'),"
        " json_extract(prev_snapshot, '$.trend'), json_extract(prev_snapshot, '$.reported_health'),"
        " coalesce(json_extract(prev_snapshot, '$.scores'), '')"
        " FROM import_undo WHERE import_id = ?1 AND prev_snapshot IS NOT NULL",
        /* Updated accounts get their attributes back. */
        "UPDATE accounts SET name = u.name, name_key = u.name_key, external_id = u.external_id, segment = u.segment,"
        " owner = u.owner, term_years = u.term_years, acv_cents = u.acv_cents, renewal_date = u.renewal_date,"
        " nps = u.nps, msa_restricted = u.msa_restricted, anonymized_ok = u.anonymized_ok,"
        " kpi_baseline = u.kpi_baseline, kpi_current = u.kpi_current, last_advocacy_ask = u.last_advocacy_ask,"
        " pulse = u.pulse, updated_at = u.updated_at"
        " FROM import_undo u WHERE u.account_id = accounts.id AND u.import_id = ?1",
        /* Accounts it created go, with everything hanging from them. */
        "DELETE FROM accounts WHERE created_by = ?1",
        "DELETE FROM import_undo WHERE import_id = ?1",
        "UPDATE imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    };
    if ((rc = store_begin(st)))
        return rc;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (!exec_with_id(st, steps[i], id)) {
            rc = db_fail(st, "cannot undo the import");
            store_rollback(st);
            return rc;
        }
    }
    return store_commit(st);
}

int store_import_changes(struct store *st, const struct health_model *m, long long import_id,
                         void (*fn)(void *ctx, const struct account *now, int prev_day, const short *prev_scores),
                         void *ctx)
{
    /* Each account this import touched, with the snapshot before it. */
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT a.id, a.name, a.renewal_date, s.taken_on, s.scores, p.taken_on, p.scores"
                           " FROM snapshots s JOIN accounts a ON a.id = s.account_id"
                           " JOIN snapshots p ON p.account_id = s.account_id AND p.taken_on ="
                           "   (SELECT max(taken_on) FROM snapshots WHERE account_id = s.account_id"
                           "    AND taken_on < s.taken_on)"
                           " WHERE s.import_id = ?1 ORDER BY a.id", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot compare the import");
    sqlite3_bind_int64(s, 1, import_id);
    int rc = map_components(st, m, false);
    if (rc) {
        sqlite3_finalize(s);
        return rc;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct account cur;
        account_init(&cur);
        short prev[MODEL_MAX_COMPONENTS];
        cur.id = sqlite3_column_int64(s, 0);
        cur.name = col_dup(s, 1, NULL);
        cur.renewal = col_date(s, 2);
        cur.snapshot_day = col_date(s, 3);
        decode_scores(st, m, sqlite3_column_text(s, 4), cur.score);
        decode_scores(st, m, sqlite3_column_text(s, 6), prev);
        fn(ctx, &cur, col_date(s, 5), prev);
        account_free(&cur);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, "cannot compare the import");
}

int store_record_hash(struct store *st, long long import_id, const char *sha256)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE imports SET sha256 = ?2 WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, import_id);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, "cannot record the import");
}

int store_backup(struct store *st, const char *path)
{
    /* Written to a private temporary file, then renamed: a reader never
     * sees half a copy, and nobody else can read it meanwhile. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
    struct stat to, from;
    if (st->path[0] && stat(path, &to) == 0 && stat(st->path, &from) == 0 && to.st_dev == from.st_dev &&
        to.st_ino == from.st_ino)
        return fail(st, 2, "%s is the database itself: name another file for the copy", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return fail(st, 74, "cannot write %s: %s", path, strerror(errno));
    fchmod(fd, 0600);
    close(fd);
    sqlite3 *dst;
    int rc = 0;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = fail(st, 74, "cannot write %s: %s", path, sqlite3_errmsg(dst));
    } else {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
        if (!b) {
            rc = fail(st, 74, "cannot copy the database: %s", sqlite3_errmsg(dst));
        } else {
            int r;
            while ((r = sqlite3_backup_step(b, 1024)) == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED)
                sqlite3_sleep(10);
            sqlite3_backup_finish(b);
            if (r != SQLITE_DONE)
                rc = fail(st, 74, "cannot copy the database to %s: %s", path, sqlite3_errstr(r));
        }
    }
    /* A copy in rollback-journal mode stands alone: one file, nothing beside it. */
    if (!rc && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        rc = fail(st, 74, "cannot finish the copy %s: %s", path, sqlite3_errmsg(dst));
    sqlite3_close(dst);
    if (!rc && rename(tmp, path) != 0)
        rc = fail(st, 74, "cannot write %s: %s", path, strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}

int store_check(struct store *st, char *out, size_t len)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot check the database");
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
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "cannot check the database");
    if (!ok)
        return 65;
    if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "cannot check the database");
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) {
        snprintf(out, len, "links between tables are broken (PRAGMA foreign_key_check)");
        return 65;
    }
    return 0;
}

long long store_data_version(struct store *st)
{
    sqlite3_stmt *s;
    long long v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}
