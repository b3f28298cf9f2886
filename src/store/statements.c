/* Every SQL statement the store runs, and the one way to run them.
 *
 * On the store's own connection each statement is prepared once, on first
 * use, and kept until store_close. The two short-lived connections (the
 * loader's second reader, a backup's copy) prepare the few they run from
 * this same table. The only SQL not here is schema.c's upgrade scripts:
 * each runs once in a database's life. */
#include "store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

/* Q_UPDATE_ACCOUNT spells the store_field bits as numbers. */
_Static_assert(SF_EXTERNAL_ID == 1 && SF_RENEWAL == 32 && SF_PULSE == 4096 && SF_RENEWAL_NEAR == 8192,
               "Q_UPDATE_ACCOUNT's bit numbers are enum store_field's");

static const char *const sql_text[Q_COUNT] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_BEGIN_READ] = "BEGIN",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    /* A file that is not SQLite only shows itself on the first read. */
    [Q_PROBE] = "SELECT count(*) FROM sqlite_schema",
    [Q_FOREIGN_KEYS_ON] = "PRAGMA foreign_keys = ON",
    [Q_FOREIGN_KEYS_OFF] = "PRAGMA foreign_keys = OFF",
    [Q_WAL] = "PRAGMA journal_mode = WAL",
    [Q_SYNC_NORMAL] = "PRAGMA synchronous = NORMAL",
    [Q_CACHE_BIG] = "PRAGMA cache_size = -65536",
    [Q_CACHE_DEFAULT] = "PRAGMA cache_size = -2000",
    [Q_USER_VERSION] = "PRAGMA user_version",
    [Q_SET_USER_VERSION] = "PRAGMA user_version = " STR(STORE_SCHEMA_VERSION),
    [Q_DATA_VERSION] = "PRAGMA data_version",
    [Q_FOREIGN_KEY_CHECK] = "PRAGMA foreign_key_check",
    [Q_INTEGRITY_CHECK] = "PRAGMA integrity_check",
    /* A copy in rollback-journal mode stands alone: one file, nothing beside it. */
    [Q_JOURNAL_DELETE] = "PRAGMA journal_mode = DELETE",
    /* The upgrade to version 5 remakes the names' keys; these read and
     * write what every schema version has. */
    [Q_NAMES_ALL] = "SELECT id, name, name_key FROM accounts",
    [Q_REKEY_ACCOUNT] = "UPDATE accounts SET name = ?2, name_key = ?3 WHERE id = ?1",
    [Q_UNDO_NAMES_ALL] = "SELECT import_id, account_id, name FROM import_undo",
    [Q_UNDO_REKEY] = "UPDATE import_undo SET name = ?3, name_key = ?4 WHERE import_id = ?1 AND account_id = ?2",

    [Q_COUNT_ACCOUNTS] = "SELECT count(*) FROM accounts",
    [Q_FIND_EXT] = "SELECT id FROM accounts WHERE external_id = ?1",
    [Q_FIND_NAME] = "SELECT id FROM accounts WHERE name_key = ?1",
    /* show and set: by name, else by external id. */
    [Q_FIND_ACCOUNT] = "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.name_key = ?1 OR a.external_id = ?2"
                       " ORDER BY a.name_key = ?1 DESC LIMIT 1",
    /* One account and its history: a dry run asks for each row's. */
    [Q_LOAD_ACCOUNT] = "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = ?1",
    /* ?2: the last day to read (NULL: all). */
    [Q_ACCOUNT_SNAPSHOTS] = "SELECT taken_on, trend, reported_health, scores FROM snapshots"
                            " WHERE account_id = ?1 AND (?2 IS NULL OR taken_on <= ?2) ORDER BY taken_on",
    /* Whether a day comes before an account's newest snapshot (a backfill):
     * for the book first, so that an import of a new day asks no more. */
    [Q_NEWEST_ANY] = "SELECT max(taken_on) FROM snapshots",
    [Q_NEWEST_OF] = "SELECT max(taken_on) FROM snapshots WHERE account_id = ?1",
    /* What a partial file's snapshot of day ?2 builds on: the one it
     * replaces, else the latest before it. */
    [Q_BASE_SNAPSHOT] = "SELECT taken_on, trend, reported_health, scores FROM snapshots"
                        " WHERE account_id = ?1 AND taken_on <= ?2 ORDER BY taken_on DESC LIMIT 1",
    [Q_INSERT_ACCOUNT] =
        "INSERT INTO accounts(name, name_key, external_id, segment, owner, term_years, acv_cents,"
        " renewal_date, nps, msa_restricted, anonymized_ok, kpi_baseline, kpi_current,"
        " last_advocacy_ask, pulse, created_at, updated_at, created_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
    /* ?20 is the bit set of fields the row carries (enum store_field): the others keep their value. */
    [Q_UPDATE_ACCOUNT] =
        "UPDATE accounts SET name = ?1, name_key = ?2,"
        " external_id = CASE WHEN ?20 & 1 THEN ?3 ELSE external_id END,"
        " segment = CASE WHEN ?20 & 2 THEN ?4 ELSE segment END,"
        " owner = CASE WHEN ?20 & 4 THEN ?5 ELSE owner END,"
        " term_years = CASE WHEN ?20 & 8 THEN ?6 ELSE term_years END,"
        " acv_cents = CASE WHEN ?20 & 16 THEN ?7 ELSE acv_cents END,"
        /* 8192: a renewal from months to renewal, kept when the stored one is near it */
        " renewal_date = CASE WHEN ?20 & 32 AND NOT (?20 & 8192 AND"
        "  coalesce(abs(julianday(renewal_date) - julianday(?8)) <= " STR(STORE_RENEWAL_NEAR_DAYS) ", 0))"
        "  THEN ?8 ELSE renewal_date END,"
        " nps = CASE WHEN ?20 & 64 THEN ?9 ELSE nps END,"
        " msa_restricted = CASE WHEN ?20 & 128 THEN ?10 ELSE msa_restricted END,"
        " anonymized_ok = CASE WHEN ?20 & 256 THEN ?11 ELSE anonymized_ok END,"
        " kpi_baseline = CASE WHEN ?20 & 512 THEN ?12 ELSE kpi_baseline END,"
        " kpi_current = CASE WHEN ?20 & 1024 THEN ?13 ELSE kpi_current END,"
        " last_advocacy_ask = CASE WHEN ?20 & 2048 THEN ?14 ELSE last_advocacy_ask END,"
        " pulse = CASE WHEN ?20 & 4096 THEN ?15 ELSE pulse END,"
        " updated_at = ?16, revision = revision + 1"
        /* Only when something changes (?22: its snapshot did): an account
         * the row leaves as it was keeps its revision, and the import
         * counts it unchanged. */
        " WHERE id = ?21 AND (?22 OR name IS NOT ?1 OR name_key IS NOT ?2"
        "  OR (?20 & 1 AND external_id IS NOT ?3) OR (?20 & 2 AND segment IS NOT ?4)"
        "  OR (?20 & 4 AND owner IS NOT ?5) OR (?20 & 8 AND term_years IS NOT ?6)"
        "  OR (?20 & 16 AND acv_cents IS NOT ?7) OR (?20 & 32 AND renewal_date IS NOT ?8 AND NOT (?20 & 8192"
        "   AND coalesce(abs(julianday(renewal_date) - julianday(?8)) <= " STR(STORE_RENEWAL_NEAR_DAYS) ", 0)))"
        "  OR (?20 & 64 AND nps IS NOT ?9) OR (?20 & 128 AND msa_restricted IS NOT ?10)"
        "  OR (?20 & 256 AND anonymized_ok IS NOT ?11) OR (?20 & 512 AND kpi_baseline IS NOT ?12)"
        "  OR (?20 & 1024 AND kpi_current IS NOT ?13) OR (?20 & 2048 AND last_advocacy_ask IS NOT ?14)"
        "  OR (?20 & 4096 AND pulse IS NOT ?15))",
    /* A write that changes no attribute (a note, a snapshot only) still
     * counts: an undo must not take it away unasked. */
    [Q_TOUCH_ACCOUNT] = "UPDATE accounts SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
    [Q_UPSERT_SNAPSHOT] =
        "INSERT INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(account_id, taken_on) DO UPDATE SET import_id = excluded.import_id,"
        " trend = excluded.trend, reported_health = excluded.reported_health, scores = excluded.scores"
        /* The same day again with the same values is no change. */
        " WHERE snapshots.scores IS NOT excluded.scores OR snapshots.trend IS NOT excluded.trend"
        " OR snapshots.reported_health IS NOT excluded.reported_health",
    /* The same-day snapshot as stored, to tell whether a row would change it. */
    [Q_DAY_SNAPSHOT] = "SELECT trend, reported_health, scores FROM snapshots WHERE account_id = ?1 AND taken_on = ?2",
    /* A bulk load into an empty book builds the unique indexes once, at the end. */
    [Q_DROP_NAME_INDEX] = "DROP INDEX accounts_name_key",
    [Q_DROP_EXT_INDEX] = "DROP INDEX accounts_external_id",
    [Q_CREATE_NAME_INDEX] = "CREATE UNIQUE INDEX accounts_name_key ON accounts(name_key)",
    [Q_CREATE_EXT_INDEX] = "CREATE UNIQUE INDEX accounts_external_id ON accounts(external_id)",
    [Q_COMPONENT_ID] = "SELECT id FROM components WHERE key = ?1",
    [Q_ADD_COMPONENT] = "INSERT INTO components(key) VALUES(?1)",

    [Q_ALL_ACCOUNTS] = "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.id",
    [Q_FIRST_ACCOUNTS] = "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.name_key LIMIT ?1",
    /* The book as it stood on day ?1 (NULL: as it is): later snapshots are
     * left out. */
    [Q_COUNT_SNAPSHOTS] = "SELECT count(*) FROM snapshots WHERE ?1 IS NULL OR taken_on <= ?1",
    /* The latest snapshot of each account: SQLite takes the bare columns from
     * the row that holds the max(), and walks the primary key in order. */
    [Q_LATEST_SNAPSHOTS] = "SELECT account_id, max(taken_on), trend, reported_health, scores"
                           " FROM snapshots WHERE ?1 IS NULL OR taken_on <= ?1 GROUP BY account_id ORDER BY account_id",
    [Q_ALL_SNAPSHOTS] = "SELECT account_id, taken_on, trend, reported_health, scores"
                        " FROM snapshots WHERE ?1 IS NULL OR taken_on <= ?1 ORDER BY account_id, taken_on",

    [Q_ADD_NOTE] = "INSERT INTO notes(account_id, written_on, body) VALUES(?1, ?2, ?3)",
    [Q_NOTES] = "SELECT written_on, body FROM notes WHERE account_id = ?1 ORDER BY written_on, id",
    /* Each account's last touch up to day ?1 (NULL: all): its latest note
     * or done activity, in the order of the accounts' ids. One pass over
     * each table and one sort of the accounts touched: a book without notes
     * costs nothing. A group session counts for the account it is filed
     * under (matching its other members by name would scan the book). */
    [Q_LAST_TOUCHES] =
        "SELECT account_id, max(day) FROM ("
        " SELECT account_id, written_on AS day FROM notes WHERE ?1 IS NULL OR written_on <= ?1"
        " UNION ALL SELECT account_id, done_on FROM activities WHERE status = 'done' AND account_id IS NOT NULL"
        "  AND done_on IS NOT NULL AND (?1 IS NULL OR done_on <= ?1))"
        " GROUP BY account_id ORDER BY account_id",

    /* A plan saved for dates that overlap a saved plan's replaces it: the
     * activities of the plans replaced, latest plan first, and the plans. */
    [Q_OVERLAP_ACTIVITIES] =
        "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
        " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
        " p.start, p.end, a.outcome, a.done_on, a.accounts, a.duration, p.capacity_hours, substr(p.saved_at, 1, 10),"
        " a.title"
        " FROM activities a JOIN plans p ON p.id = a.plan_id"
        " WHERE p.start <= ?2 AND p.end >= ?1 ORDER BY p.saved_at DESC, p.id DESC, a.ref",
    [Q_COUNT_OVERLAP] = "SELECT count(*) FROM plans WHERE start <= ?2 AND end >= ?1",
    [Q_DELETE_PLAN] = "DELETE FROM plans WHERE start <= ?2 AND end >= ?1",
    [Q_INSERT_PLAN] = "INSERT INTO plans(start, end, capacity_hours, saved_at) VALUES(?1, ?2, ?3, ?4)",
    [Q_INSERT_ACTIVITY] =
        "INSERT INTO activities(plan_id, ref, account_id, client, kind, template, description,"
        " purpose, results, measurement, duration_hours, deadline, dependencies, notes, status,"
        " outcome, done_on, accounts, duration, title)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    [Q_PLAN_ACTIVITIES] =
        "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
        " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
        " p.start, p.end, a.outcome, a.done_on, a.accounts, a.duration, p.capacity_hours, substr(p.saved_at, 1, 10),"
        " a.title"
        " FROM activities a JOIN plans p ON p.id = a.plan_id"
        " WHERE a.plan_id = (SELECT id FROM plans ORDER BY saved_at DESC, id DESC LIMIT 1)"
        " ORDER BY a.deadline, a.ref",
    [Q_ACCOUNT_ACTIVITIES] =
        "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
        " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
        " p.start, p.end, a.outcome, a.done_on, a.accounts, a.duration, p.capacity_hours, substr(p.saved_at, 1, 10),"
        " a.title"
        " FROM activities a JOIN plans p ON p.id = a.plan_id"
        " WHERE a.account_id = ?1 ORDER BY p.start DESC, a.deadline, a.ref",
    [Q_RANGE_ACTIVITIES] =
        "SELECT a.plan_id, a.ref, a.account_id, a.client, a.kind, a.template, a.description, a.purpose,"
        " a.results, a.measurement, a.duration_hours, a.deadline, a.dependencies, a.notes, a.status,"
        " p.start, p.end, a.outcome, a.done_on, a.accounts, a.duration, p.capacity_hours, substr(p.saved_at, 1, 10),"
        " a.title"
        " FROM activities a JOIN plans p ON p.id = a.plan_id"
        " WHERE p.id = (SELECT id FROM plans WHERE CASE WHEN ?3 THEN start = ?1 AND end = ?2"
        "  ELSE start <= ?1 AND end >= ?1 END ORDER BY saved_at DESC, id DESC LIMIT 1) ORDER BY a.ref",
    /* Done: the day and, when said, the outcome; planned again: no day. */
    [Q_SET_ACTIVITY_STATUS] =
        "UPDATE activities SET status = ?2, done_on = ?3, outcome = coalesce(?4, outcome)"
        " WHERE ref = ?1 COLLATE NOCASE AND plan_id ="
        " (SELECT id FROM plans ORDER BY saved_at DESC, id DESC LIMIT 1)",

    [Q_IMPORT_BEGIN] =
        "INSERT INTO imports(file, sha256, imported_at, as_of, by_revision) VALUES(?1, ?2, ?3, ?4, 1)",
    [Q_IMPORT_FINISH] =
        "UPDATE imports SET rows = ?2, created = ?3, updated = ?4, rejected = ?5, messages = ?6 WHERE id = ?1",
    [Q_RECORD_HASH] = "UPDATE imports SET sha256 = ?2 WHERE id = ?1",
    /* Before an import first writes an account: its attributes, its
     * snapshot of the day ?3 (the one the import replaces), and the
     * revision the write will leave. A later write to the same account (a
     * file with a date a row) keeps what was journalled and moves the
     * revision on. */
    /* It finds the account as an import row does (by external id ?4, else
     * by name key ?5): one statement for the lookup and the journal, the
     * account's id back, no row for a new account. */
    [Q_JOURNAL] =
        "INSERT INTO import_undo(import_id, account_id, name, name_key, external_id, segment, owner, term_years,"
        " acv_cents, renewal_date, nps, msa_restricted, anonymized_ok, kpi_baseline, kpi_current,"
        " last_advocacy_ask, pulse, updated_at, prev_snapshot, revision, day, base_day, base_import_id,"
        " base_trend, base_reported, base_scores)"
        " SELECT ?1, a.id, a.name, a.name_key, a.external_id, a.segment, a.owner,"
        " a.term_years, a.acv_cents, a.renewal_date, a.nps, a.msa_restricted, a.anonymized_ok, a.kpi_baseline,"
        " a.kpi_current, a.last_advocacy_ask, a.pulse, a.updated_at, NULL, a.revision + 1, ?3,"
        " b.taken_on, b.import_id, b.trend, b.reported_health, b.scores"
        " FROM accounts a LEFT JOIN snapshots b ON b.account_id = a.id AND b.taken_on = ?3"
        " WHERE a.id = coalesce((SELECT id FROM accounts WHERE external_id = ?4),"
        "  (SELECT id FROM accounts WHERE name_key = ?5))"
        " ON CONFLICT(import_id, account_id) DO UPDATE SET revision = excluded.revision"
        " RETURNING account_id",
    /* A write that changed nothing leaves the revision where it was. */
    [Q_JOURNAL_UNCHANGED] = "UPDATE import_undo SET revision = revision - 1 WHERE import_id = ?1 AND account_id = ?2",
    /* A dated file: the snapshot of day ?3 each row replaces. */
    [Q_JOURNAL_DAY] =
        "INSERT OR IGNORE INTO import_undo_days(import_id, account_id, taken_on, prev_import_id, trend,"
        " reported_health, scores) SELECT ?1, account_id, taken_on, import_id, trend, reported_health, scores"
        " FROM snapshots WHERE account_id = ?2 AND taken_on = ?3",
    [Q_LIST_IMPORTS] = "SELECT id, file, sha256, imported_at, as_of, rows, created, updated, rejected, undone_at,"
                       " messages FROM imports ORDER BY id",
    /* Whether import ?1 can be undone, and what of the user's own later work
     * an undo would take with it: writes (csm set, the interface, notes) to
     * the accounts it touched, and notes on the accounts it created. An
     * account was written since when its revision is not the one the import
     * left (1 for one it created). Imports from before schema 5 kept no
     * revision: for them the clock, as it was. */
    [Q_UNDO_CHECK] =
        "SELECT (SELECT count(*) FROM imports WHERE id = ?1),"
        " (SELECT undone_at FROM imports WHERE id = ?1),"
        " (SELECT group_concat(id, ', ') FROM imports WHERE id > ?1 AND undone_at IS NULL"
        "   AND rows IS NOT NULL),"
        " CASE WHEN (SELECT by_revision FROM imports WHERE id = ?1) THEN"
        "  (SELECT count(*) FROM accounts a WHERE a.created_by = ?1 AND a.revision <> 1)"
        "  + (SELECT count(*) FROM import_undo u JOIN accounts a ON a.id = u.account_id"
        "     WHERE u.import_id = ?1 AND a.revision IS NOT u.revision)"
        " ELSE"
        "  (SELECT count(*) FROM accounts a WHERE (a.created_by = ?1 OR a.id IN"
        "   (SELECT account_id FROM import_undo WHERE import_id = ?1)) AND a.updated_at >"
        "   CAST(strftime('%s', (SELECT imported_at FROM imports WHERE id = ?1)) AS INTEGER) + 1)"
        " END,"
        " (SELECT count(*) FROM notes n JOIN accounts a ON a.id = n.account_id"
        "   WHERE a.created_by = ?1)",
    /* The undo, in this order: the snapshots this import wrote go, the ones
     * it replaced come back, updated accounts get their attributes back,
     * accounts it created go with everything hanging from them. */
    [Q_UNDO_SNAPSHOTS] = "DELETE FROM snapshots WHERE import_id = ?1",
    [Q_UNDO_PREV_SNAPSHOTS] =
        "INSERT OR IGNORE INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " SELECT account_id, json_extract(prev_snapshot, '$.taken_on'), json_extract(prev_snapshot, '$.import_id'),"
        " json_extract(prev_snapshot, '$.trend'), json_extract(prev_snapshot, '$.reported_health'),"
        " coalesce(json_extract(prev_snapshot, '$.scores'), '')"
        " FROM import_undo WHERE import_id = ?1 AND prev_snapshot IS NOT NULL",
    /* Since schema 6: the snapshot the import replaced on its day, and a
     * dated file's other days. One it left as it was is still there. */
    [Q_UNDO_BASE] =
        "INSERT OR IGNORE INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " SELECT account_id, base_day, base_import_id, base_trend, base_reported, coalesce(base_scores, '')"
        " FROM import_undo WHERE import_id = ?1 AND base_day IS NOT NULL",
    [Q_UNDO_DAYS] =
        "INSERT OR IGNORE INTO snapshots(account_id, taken_on, import_id, trend, reported_health, scores)"
        " SELECT account_id, taken_on, prev_import_id, trend, reported_health, scores"
        " FROM import_undo_days WHERE import_id = ?1",
    [Q_UNDO_ATTRIBUTES] =
        "UPDATE accounts SET name = u.name, name_key = u.name_key, external_id = u.external_id, segment = u.segment,"
        " owner = u.owner, term_years = u.term_years, acv_cents = u.acv_cents, renewal_date = u.renewal_date,"
        " nps = u.nps, msa_restricted = u.msa_restricted, anonymized_ok = u.anonymized_ok,"
        " kpi_baseline = u.kpi_baseline, kpi_current = u.kpi_current, last_advocacy_ask = u.last_advocacy_ask,"
        " pulse = u.pulse, updated_at = u.updated_at, revision = accounts.revision + 1"
        " FROM import_undo u WHERE u.account_id = accounts.id AND u.import_id = ?1",
    [Q_UNDO_CREATED] = "DELETE FROM accounts WHERE created_by = ?1",
    [Q_UNDO_JOURNAL] = "DELETE FROM import_undo WHERE import_id = ?1",
    [Q_UNDO_JOURNAL_DAYS] = "DELETE FROM import_undo_days WHERE import_id = ?1",
    [Q_UNDO_MARK] = "UPDATE imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    /* What import ?1 found of each account it wrote, in the order of
     * ACCOUNT_COLUMNS, then the day it wrote and the snapshot of that day
     * it replaced. */
    [Q_IMPORT_JOURNAL] =
        "SELECT account_id, name, external_id, owner, segment, term_years, acv_cents, renewal_date, nps,"
        " msa_restricted, anonymized_ok, kpi_baseline, kpi_current, last_advocacy_ask, pulse,"
        " day, base_day, base_trend, base_reported, base_scores"
        " FROM import_undo WHERE import_id = ?1 ORDER BY account_id",
    /* Whether import ?1 created every account of the book. */
    [Q_IMPORT_FIRST] = "SELECT (SELECT count(*) FROM accounts) = (SELECT created FROM imports WHERE id = ?1)",
    [Q_IMPORT_CREATED] = "SELECT id FROM accounts WHERE created_by = ?1 ORDER BY id",
    /* An import in force of the same bytes. */
    /* A snapshot's trend and the export's health. */
    [Q_SNAPSHOT_META] = "SELECT trend, reported_health FROM snapshots WHERE account_id = ?1 AND taken_on = ?2",
    [Q_IMPORT_BY_HASH] = "SELECT id, imported_at, as_of FROM imports WHERE sha256 = ?1 AND undone_at IS NULL"
                         " AND rows IS NOT NULL ORDER BY id DESC LIMIT 1",
    [Q_CHANGES_CLEAR] = "DELETE FROM import_changes WHERE import_id = ?1",
    [Q_CHANGE_ADD] = "INSERT INTO import_changes(import_id, kind, seq, total, account_id, name, detail)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_CHANGES_KEPT] = "UPDATE imports SET changes_kept = 1 WHERE id = ?1",
    [Q_CHANGES] = "SELECT kind, seq, total, account_id, name, detail FROM import_changes WHERE import_id = ?1"
                  " ORDER BY kind, seq",
    [Q_CHANGES_KNOWN] = "SELECT changes_kept FROM imports WHERE id = ?1",
    /* The settings an export was read with, by its header line. */
    [Q_SETTINGS_GET] = "SELECT delimiter, date_format, maps, import_id FROM export_settings WHERE header_sha256 = ?1",
    [Q_SETTINGS_PUT] =
        "INSERT INTO export_settings(header_sha256, header, delimiter, date_format, maps, import_id, updated_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(header_sha256) DO UPDATE SET header = excluded.header,"
        " delimiter = excluded.delimiter, date_format = excluded.date_format, maps = excluded.maps,"
        " import_id = excluded.import_id, updated_at = excluded.updated_at",
};

sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id)
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

/* Steps s to its end (a PRAGMA that sets may answer a row first). */
static int run_to_end(sqlite3_stmt *s)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    return rc;
}

int store_exec(struct store *st, enum stmt_id id, const char *what)
{
    sqlite3_stmt *s = store_stmt(st, id);
    if (!s || run_to_end(s) != SQLITE_DONE) {
        int rc = store_db_fail(st, what);
        if (s)
            sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    return 0;
}

int store_step(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_db_fail(st, what);
    sqlite3_reset(s);
    return rc;
}

int store_prepare_on(sqlite3 *db, enum stmt_id id, sqlite3_stmt **out)
{
    return sqlite3_prepare_v2(db, sql_text[id], -1, out, NULL);
}

int store_exec_on(sqlite3 *db, enum stmt_id id)
{
    sqlite3_stmt *s = NULL;
    int rc = store_prepare_on(db, id, &s);
    if (rc == SQLITE_OK)
        rc = run_to_end(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void store_finalize_all(struct store *st)
{
    for (int i = 0; i < Q_COUNT; i++) {
        sqlite3_finalize(st->stmt[i]);
        st->stmt[i] = NULL;
    }
}

int store_fail(struct store *st, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return code;
}

int store_db_fail(struct store *st, const char *what)
{
    int rc = sqlite3_errcode(st->db);
    const char *msg = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return store_fail(st, EX_IOERR, "%s: the disk is full (%s)", what, msg);
    case SQLITE_READONLY:
        return store_fail(st, EX_IOERR, "%s: the database is read-only (%s)", what, msg);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return store_fail(st, EX_IOERR, "%s: the file is not a csm database or is damaged (%s)", what, msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return store_fail(st, EX_IOERR, "%s: the database is busy in another csm; try again (%s)", what, msg);
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(msg, "name_key"))
            return store_fail(st, EX_DATAERR, "%s: another account already has this name (its external id differs)",
                              what);
        if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(msg, "external_id"))
            return store_fail(st, EX_DATAERR, "%s: another account already has this external id", what);
        return store_fail(st, EX_DATAERR, "%s: %s", what, msg);
    default:
        return store_fail(st, EX_IOERR, "%s: %s", what, msg);
    }
}
