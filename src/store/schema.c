/* The schema, its versions, and the upgrade from any older one. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Version 5: a change counter on every account, bumped by every write
 * (import, set, the interface's edit, a note, an undo), so that an undo can
 * tell the user's later edits from its own import's without the clock:
 * import_undo keeps the revision its import left, and imports say whether
 * they kept one. The names' keys are remade in C (rekey_names): NFC and
 * case folding beyond ASCII. */
static const char schema_v5[] =
    "ALTER TABLE accounts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE import_undo ADD COLUMN revision INTEGER;"
    "ALTER TABLE imports ADD COLUMN by_revision INTEGER NOT NULL DEFAULT 0;";

/* Version 6, the weekly workflow:
 * - the journal keeps the day an import wrote for the account and the
 *   snapshot of that day it replaced (base_*, in columns rather than
 *   prev_snapshot's JSON: cheaper to write on every row): what a same-day
 *   import's changes are told against, and what an undo puts back; a file
 *   with a date a row (import_undo_days) keeps each other day's snapshot it
 *   replaced;
 * - what each import changed worth a look, kept with it (import_changes:
 *   up to ten accounts of each kind, with how many there were in all);
 * - the settings an export was read with (date order, --map, delimiter),
 *   remembered by the SHA-256 of its header line. */
static const char schema_v6[] =
    "ALTER TABLE import_undo ADD COLUMN day TEXT;"
    "ALTER TABLE import_undo ADD COLUMN base_day TEXT;"
    "ALTER TABLE import_undo ADD COLUMN base_import_id INTEGER;"
    "ALTER TABLE import_undo ADD COLUMN base_trend TEXT;"
    "ALTER TABLE import_undo ADD COLUMN base_reported INTEGER;"
    "ALTER TABLE import_undo ADD COLUMN base_scores TEXT;"
    "CREATE TABLE import_undo_days("
    " import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " taken_on TEXT NOT NULL, prev_import_id INTEGER, trend TEXT, reported_health INTEGER, scores TEXT NOT NULL,"
    " PRIMARY KEY(import_id, account_id, taken_on)) WITHOUT ROWID;"
    "ALTER TABLE imports ADD COLUMN changes_kept INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE import_changes("
    " import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL, seq INTEGER NOT NULL, total INTEGER NOT NULL,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " name TEXT NOT NULL, detail TEXT NOT NULL,"
    " PRIMARY KEY(import_id, kind, seq)) WITHOUT ROWID;"
    "CREATE TABLE export_settings("
    " header_sha256 TEXT PRIMARY KEY, header TEXT NOT NULL, delimiter TEXT,"
    " date_format TEXT CHECK(date_format IS NULL OR date_format = 'M/D/YYYY' OR date_format = 'D/M/YYYY'),"
    " maps TEXT, import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
    " updated_at INTEGER NOT NULL) WITHOUT ROWID;";

/* Version 7, a plan that reports progress: what came of a done activity
 * (its outcome, in the CSM's words, and the day it was done), and what
 * the report needs that the activity's columns lacked: every account a
 * group session serves (a JSON array of names), the hours in parts and
 * the activity's title as the plan gave it. */
static const char schema_v7[] =
    "ALTER TABLE activities ADD COLUMN outcome TEXT;"
    "ALTER TABLE activities ADD COLUMN done_on TEXT;"
    "ALTER TABLE activities ADD COLUMN accounts TEXT;"
    "ALTER TABLE activities ADD COLUMN duration TEXT;"
    "ALTER TABLE activities ADD COLUMN title TEXT;";

static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4,
                                         schema_v5, schema_v6, schema_v7};

/* An account's name as version 5 keeps it, and its key. */
struct named {
    long long id;
    char *name;       /* without invisible characters */
    char key[STORE_NAME_KEY_MAX];
    bool changed;     /* name or key differ from what is stored */
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->key, ((const struct named *)b)->key);
}

static void free_named(struct named *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
}

/* Every account's name and new key, read before anything changes; refuses
 * (naming both) when two accounts would share a key: which of them a later
 * import should update cannot be guessed, and merging them is the user's
 * call. In key order. */
static int collect_names(struct store *st, struct named **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, Q_NAMES_ALL);
    if (!s)
        return store_db_fail(st, "cannot upgrade the database");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct named *x = &(*out)[(*n)++];
        const char *name = (const char *)sqlite3_column_text(s, 1);
        const char *old_key = (const char *)sqlite3_column_text(s, 2);
        x->id = sqlite3_column_int64(s, 0);
        x->name = text_fold_space(text_strip_invisible(xstrdup(name ? name : "")));
        if (!text_name_key(x->name, x->key, sizeof x->key)) {
            snprintf(x->key, sizeof x->key, "%s", x->name);
            text_lower(x->key);
        }
        x->changed = !name || strcmp(name, x->name) != 0 || !old_key || strcmp(old_key, x->key) != 0;
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot upgrade the database");
    sqlite3_reset(s);
    if (!rc && *n)
        qsort(*out, *n, sizeof **out, by_key);
    for (size_t i = 1; i < *n && !rc; i++)
        if (strcmp((*out)[i - 1].key, (*out)[i].key) == 0)
            rc = store_fail(st, EX_IOERR,
                            "cannot upgrade the database: the accounts '%s' and '%s' look alike and would become one "
                            "under this csm's matching of names (case, accents, spaces); rename one of them with the "
                            "csm that wrote the database, then open it with this one again",
                            (*out)[i - 1].name, (*out)[i].name);
    if (rc) {
        free_named(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* Writes the names and keys collected, in the upgrade's transaction, and
 * the journal's copies of them, so an undo restores a key that matches. */
static int rekey_names(struct store *st, const struct named *v, size_t n)
{
    const char *what = "cannot upgrade the database";
    int rc = store_exec(st, Q_DROP_NAME_INDEX, what);
    for (size_t i = 0; i < n && !rc; i++) {
        if (!v[i].changed)
            continue;
        sqlite3_stmt *s = store_stmt(st, Q_REKEY_ACCOUNT);
        if (!s)
            return store_db_fail(st, what);
        sqlite3_bind_int64(s, 1, v[i].id);
        sqlite3_bind_text(s, 2, v[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, v[i].key, -1, SQLITE_STATIC);
        rc = store_step(st, s, what);
    }
    if (!rc)
        rc = store_exec(st, Q_CREATE_NAME_INDEX, what);
    /* The journal's names, few: read whole, then written. */
    struct named *j = NULL;
    long long *imp = NULL;
    size_t nj = 0, cap = 0;
    sqlite3_stmt *s = rc ? NULL : store_stmt(st, Q_UNDO_NAMES_ALL);
    if (!rc && !s)
        rc = store_db_fail(st, what);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (nj == cap) {
            cap = cap ? cap * 2 : 64;
            j = xrealloc(j, cap * sizeof *j);
            imp = xrealloc(imp, cap * sizeof *imp);
        }
        const char *name = (const char *)sqlite3_column_text(s, 2);
        imp[nj] = sqlite3_column_int64(s, 0);
        j[nj].id = sqlite3_column_int64(s, 1);
        j[nj].name = text_fold_space(text_strip_invisible(xstrdup(name ? name : "")));
        if (!text_name_key(j[nj].name, j[nj].key, sizeof j[nj].key))
            snprintf(j[nj].key, sizeof j[nj].key, "%s", j[nj].name);
        nj++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_db_fail(st, what);
    if (s)
        sqlite3_reset(s);
    for (size_t i = 0; i < nj && !rc; i++) {
        if (!(s = store_stmt(st, Q_UNDO_REKEY))) {
            rc = store_db_fail(st, what);
            break;
        }
        sqlite3_bind_int64(s, 1, imp[i]);
        sqlite3_bind_int64(s, 2, j[i].id);
        sqlite3_bind_text(s, 3, j[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, j[i].key, -1, SQLITE_STATIC);
        rc = store_step(st, s, what);
    }
    free_named(j, nj);
    free(imp);
    return rc;
}

int store_migrate(struct store *st)
{
    int v = store_schema_version(st);
    if (v < 0)
        return store_db_fail(st, "cannot read the database");
    if (v > STORE_SCHEMA_VERSION)
        return store_fail(st, EX_IOERR,
                          "the database was written by a newer csm (schema %d, this csm knows %d): upgrade csm", v,
                          STORE_SCHEMA_VERSION);
    if (v == STORE_SCHEMA_VERSION)
        return 0;
    if (st->readonly)
        return store_fail(st, EX_IOERR, "the database needs an upgrade (schema %d to %d) and is opened read-only", v,
                          STORE_SCHEMA_VERSION);
    /* Names that would become one account are refused before anything is
     * written, the copy beside the book included. */
    struct named *names = NULL;
    size_t nnames = 0;
    if (v > 0 && v < 5) {
        int rc = collect_names(st, &names, &nnames);
        if (rc)
            return rc;
    }
    /* A copy of the book as it was, beside it, before anything changes. */
    if (v > 0 && st->path[0]) {
        char copy[4200];
        snprintf(copy, sizeof copy, "%s.schema%d.bak", st->path, v);
        int rc = store_backup(st, copy);
        if (rc) {
            char why[sizeof st->err];
            snprintf(why, sizeof why, "%s", st->err);
            free_named(names, nnames);
            return store_fail(st, rc, "cannot upgrade the database: the copy before the upgrade failed (%s)", why);
        }
    }
    /* Rebuilding a table needs the foreign keys off; they are checked before
     * the commit instead, and switched on again whatever happens. */
    /* A big book takes a while: said on a terminal (a new one is made at once). */
    struct progress p;
    memset(&p, 0, sizeof p);
    if (v > 0) {
        progress_start(&p, NULL, "upgrading the database (schema %d to %d)", v, STORE_SCHEMA_VERSION);
        store_progress_on(st, &p);
    }
    int rc = store_exec(st, Q_FOREIGN_KEYS_OFF, "cannot upgrade the database");
    if (!rc)
        rc = store_exec(st, Q_BEGIN, "cannot upgrade the database");
    for (int i = v; i < STORE_SCHEMA_VERSION && !rc; i++)
        if (sqlite3_exec(st->db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
            rc = store_db_fail(st, "cannot upgrade the database");
    if (!rc && v > 0 && v < 5)
        rc = rekey_names(st, names, nnames);
    free_named(names, nnames);
    if (!rc) {
        sqlite3_stmt *fk = store_stmt(st, Q_FOREIGN_KEY_CHECK);
        int step = fk ? sqlite3_step(fk) : SQLITE_ERROR;
        if (step == SQLITE_ROW)
            rc = store_fail(st, EX_IOERR, "cannot upgrade the database: its links between tables are broken");
        else if (step != SQLITE_DONE)
            rc = store_db_fail(st, "cannot upgrade the database");
        if (fk)
            sqlite3_reset(fk);
    }
    if (!rc)
        rc = store_exec(st, Q_SET_USER_VERSION, "cannot upgrade the database");
    if (!rc)
        rc = store_exec(st, Q_COMMIT, "cannot upgrade the database");
    if (rc)
        store_rollback(st);
    store_progress_off(st, &p);
    /* Back on whether the upgrade worked or not; its own failure cannot
     * hide the upgrade's, whose message is kept. */
    char keep[sizeof st->err];
    snprintf(keep, sizeof keep, "%s", st->err);
    int fk_rc = store_exec(st, Q_FOREIGN_KEYS_ON, "cannot upgrade the database");
    if (rc)
        snprintf(st->err, sizeof st->err, "%s", keep);
    return rc ? rc : fk_rc;
}
