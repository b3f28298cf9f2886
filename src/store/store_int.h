#ifndef CSM_STORE_INT_H
#define CSM_STORE_INT_H

/* What the files of src/store/ share and nothing outside them sees: the
 * connection, the statement table, the error helpers, and binding and
 * reading columns. Private to the folder, so sqlite3.h stays in store/. */

#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "csm/arena.h"
#include "csm/date.h"
#include "csm/exit.h"
#include "csm/progress.h"
#include "csm/store.h"
#include "csm/text.h"

/* Every statement the store runs, by name; their text is in statements.c. */
enum stmt_id {
    /* transactions and the connection */
    Q_BEGIN, Q_BEGIN_READ, Q_COMMIT, Q_ROLLBACK,
    Q_PROBE, Q_FOREIGN_KEYS_ON, Q_FOREIGN_KEYS_OFF, Q_WAL, Q_SYNC_NORMAL, Q_CACHE_BIG, Q_CACHE_DEFAULT,
    Q_USER_VERSION, Q_SET_USER_VERSION, Q_DATA_VERSION, Q_FOREIGN_KEY_CHECK, Q_INTEGRITY_CHECK,
    Q_JOURNAL_DELETE, Q_NAMES_ALL, Q_REKEY_ACCOUNT, Q_UNDO_NAMES_ALL, Q_UNDO_REKEY,
    /* accounts */
    Q_COUNT_ACCOUNTS, Q_FIND_EXT, Q_FIND_NAME, Q_FIND_ACCOUNT, Q_LOAD_ACCOUNT, Q_ACCOUNT_SNAPSHOTS,
    Q_NEWEST_ANY, Q_NEWEST_OF, Q_BASE_SNAPSHOT,
    Q_INSERT_ACCOUNT, Q_UPDATE_ACCOUNT, Q_TOUCH_ACCOUNT, Q_UPSERT_SNAPSHOT, Q_DAY_SNAPSHOT,
    Q_DROP_NAME_INDEX, Q_DROP_EXT_INDEX, Q_CREATE_NAME_INDEX, Q_CREATE_EXT_INDEX,
    Q_COMPONENT_ID, Q_ADD_COMPONENT,
    /* the book */
    Q_ALL_ACCOUNTS, Q_FIRST_ACCOUNTS, Q_COUNT_SNAPSHOTS, Q_LATEST_SNAPSHOTS, Q_ALL_SNAPSHOTS,
    /* notes */
    Q_ADD_NOTE, Q_NOTES, Q_LAST_TOUCHES,
    /* saved plans */
    Q_OVERLAP_ACTIVITIES, Q_COUNT_OVERLAP, Q_DELETE_PLAN, Q_INSERT_PLAN, Q_INSERT_ACTIVITY, Q_PLAN_ACTIVITIES,
    Q_ACCOUNT_ACTIVITIES,
    Q_RANGE_ACTIVITIES, Q_SET_ACTIVITY_STATUS,
    /* imports, undo, changes */
    Q_IMPORT_BEGIN, Q_IMPORT_FINISH, Q_RECORD_HASH, Q_JOURNAL, Q_JOURNAL_UNCHANGED, Q_JOURNAL_DAY,
    Q_LIST_IMPORTS, Q_UNDO_CHECK, Q_UNDO_SNAPSHOTS, Q_UNDO_PREV_SNAPSHOTS, Q_UNDO_BASE, Q_UNDO_DAYS,
    Q_UNDO_ATTRIBUTES, Q_UNDO_CREATED, Q_UNDO_JOURNAL, Q_UNDO_JOURNAL_DAYS, Q_UNDO_MARK,
    Q_IMPORT_JOURNAL, Q_IMPORT_FIRST, Q_IMPORT_CREATED, Q_SNAPSHOT_META, Q_IMPORT_BY_HASH,
    Q_CHANGES_CLEAR, Q_CHANGE_ADD, Q_CHANGES_KEPT, Q_CHANGES, Q_CHANGES_KNOWN,
    Q_SETTINGS_GET, Q_SETTINGS_PUT,
    Q_COUNT,
};

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
    int newest;       /* the book's newest snapshot day in this transaction, DATE_NONE */
    bool newest_known;
    /* The components table's ids of the model's components (0: none yet). */
    const struct health_model *ids_for;
    long long comp_id[MODEL_MAX_COMPONENTS];
    char path[4096];  /* the database file, for the copy before an upgrade */
};

/* ---- statements.c ---- */

/* The statement `id` on the store's connection, prepared on first use and
 * kept until store_close, reset and unbound; NULL when it cannot be
 * prepared (store_db_fail says why). Reset it after its last step: a
 * SELECT left half-read holds the file's read lock. */
sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id);
/* Runs statement `id` (no parameters) to its end; 0 or store_db_fail(what). */
int store_exec(struct store *st, enum stmt_id id, const char *what);
/* Steps a statement whose parameters are bound (an INSERT, UPDATE or
 * DELETE) and resets it; 0 or store_db_fail(what). */
int store_step(struct store *st, sqlite3_stmt *s, const char *what);
/* Runs statement `id` to its end on another connection (the loader's
 * second reader, a backup's copy); the SQLite result code. */
int store_exec_on(sqlite3 *db, enum stmt_id id);
/* Prepares statement `id` for another connection; the caller finalizes. */
int store_prepare_on(sqlite3 *db, enum stmt_id id, sqlite3_stmt **out);
/* Finalizes every kept statement (before the connection closes). */
void store_finalize_all(struct store *st);

/* Sets the store's message and returns code. */
int store_fail(struct store *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Maps the connection's last SQLite failure to an exit status with a
 * message a user can act on ("what: why"). Call it before any cleanup that
 * runs SQL, or the error is that cleanup's. */
int store_db_fail(struct store *st, const char *what);

/* ---- open.c ---- */

/* "file:PATH?immutable=1", PATH escaped for a URI. */
void store_immutable_uri(const char *path, char *uri, size_t len);
/* The current UTC time as 2027-01-01T09:30:00Z. */
void store_now_iso(char buf[32]);

/* ---- schema.c ---- */

/* Brings an older schema up to STORE_SCHEMA_VERSION (after a copy of the
 * file beside it), in one transaction; 0 or an exit status. */
int store_migrate(struct store *st);

/* ---- accounts.c ---- */

/* The columns store_read_account reads, in its order. */
#define ACCOUNT_COLUMNS                                                                            \
    "a.id, a.name, a.external_id, a.owner, a.segment, a.term_years, a.acv_cents, a.renewal_date,"  \
    " a.nps, a.msa_restricted, a.anonymized_ok, a.kpi_baseline, a.kpi_current,"                     \
    " a.last_advocacy_ask, a.pulse"

/* One row of ACCOUNT_COLUMNS into *a; texts in mem, or malloc'd without one. */
void store_read_account(sqlite3_stmt *s, struct account *a, struct arena *mem);
/* The same without the texts (name, external id, owner stay NULL): what
 * the model judges. */
void store_read_account_facts(sqlite3_stmt *s, struct account *a);
/* Finds (and with `create`, adds) the components table's id of each of the
 * model's components, once per model. */
int store_map_components(struct store *st, const struct health_model *m, bool create);
/* Scores as stored ("1=780;2=840") back onto the model's components. */
void store_decode_scores(const struct store *st, const struct health_model *m, const unsigned char *text,
                         short *score);
/* One account's snapshots up to day `until` (DATE_NONE: all), oldest
 * first: the history (malloc'd, freed with account_free) and, from the
 * latest, its current scores. */
int store_read_history(struct store *st, const struct health_model *m, int until, struct account *a);
/* A stored trend word as enum trend. */
int store_trend_parse(const unsigned char *t);
/* The large page cache an import's lookups pay for, set once. */
void store_lookup_cache(struct store *st);

/* ---- binding and reading columns ---- */

static inline void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static inline void bind_date(sqlite3_stmt *s, int i, int day)
{
    if (day == DATE_NONE) {
        sqlite3_bind_null(s, i);
        return;
    }
    char buf[11];
    date_format(day, buf);
    sqlite3_bind_text(s, i, buf, 10, SQLITE_TRANSIENT); /* buf is local */
}

static inline void bind_int_or_null(sqlite3_stmt *s, int i, long long v, bool present)
{
    if (present)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static inline void bind_real_or_null(sqlite3_stmt *s, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_double(s, i, v);
}

/* A copy of a text column: in the arena when there is one, else malloc'd. */
static inline char *col_dup(sqlite3_stmt *s, int i, struct arena *mem)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    return mem ? arena_strndup(mem, (const char *)t, (size_t)sqlite3_column_bytes(s, i)) : xstrdup((const char *)t);
}

static inline int col_date(sqlite3_stmt *s, int i)
{
    int day;
    const unsigned char *t = sqlite3_column_text(s, i);
    return t && date_parse_iso((const char *)t, &day) ? day : DATE_NONE;
}

static inline int col_int(sqlite3_stmt *s, int i, int none)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? none : sqlite3_column_int(s, i);
}

static inline double col_real(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

/* ---- backup.c ---- */

/* Long SQL work (the check, the upgrade) with its progress line: SQLite
 * calls back every so many steps of its machine, and the line shows the
 * time taken. Off again with store_progress_off. */
void store_progress_on(struct store *st, struct progress *p);
void store_progress_off(struct store *st, struct progress *p);

#endif
