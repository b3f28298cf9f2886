/* Reading the book: every account with its latest snapshot or its history.
 *
 * A second connection reads the snapshots while the first reads the
 * accounts; the two are joined by account id afterwards. Both read the
 * same state when no other connection committed in between, which
 * PRAGMA data_version, asked before and after, tells; if one did, the
 * book is read again on one connection. */
#include "store_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct snap_run {
    long long account_id;
    uint32_t start, count; /* the account's snapshots in days[] and scores[] */
    int reported;
    signed char trend;
};

struct snap_job {
    /* in */
    struct store *st;             /* on the second connection: its path, mode and component ids only */
    sqlite3 *db;                  /* the connection the scan reads */
    const struct health_model *m;
    bool history;
    int until;                    /* the last day read, DATE_NONE: all */
    size_t max_runs;              /* accounts the first connection counted */
    /* out */
    struct snap_run *runs;
    size_t nruns;
    int *days;
    short *scores;                /* width scores a snapshot */
    int width;                    /* the model's components, at least 1 */
    bool ok;
};

/* Statement `id` for the job's connection: the store's kept one on its own
 * connection, else one prepared for this scan (*own, finalized by the
 * caller). */
static sqlite3_stmt *job_stmt(struct snap_job *j, enum stmt_id id, sqlite3_stmt **own)
{
    *own = NULL;
    if (j->db == j->st->db)
        return store_stmt(j->st, id);
    return store_prepare_on(j->db, id, own) == SQLITE_OK ? *own : NULL;
}

static void job_done(sqlite3_stmt *s, sqlite3_stmt *own)
{
    if (own)
        sqlite3_finalize(own);
    else if (s)
        sqlite3_reset(s);
}

/* How many snapshots there are (the arrays' size with history); -1 on failure. */
static long long count_snapshots(struct snap_job *j)
{
    sqlite3_stmt *own, *s = job_stmt(j, Q_COUNT_SNAPSHOTS, &own);
    if (s)
        bind_date(s, 1, j->until);
    long long n = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    job_done(s, own);
    return n;
}

/* Reads the snapshots on the job's connection, inside the caller's
 * transaction, into the job's runs and arrays. False when SQLite failed. */
static bool snap_scan(struct snap_job *j)
{
    const struct store *st = j->st;
    size_t cap = j->max_runs; /* a run an account, or a row a snapshot with history */
    if (j->history) {
        long long n = count_snapshots(j);
        if (n < 0)
            return false;
        cap = (size_t)n;
    }
    size_t run_cap = j->max_runs ? j->max_runs : 1;
    cap = cap ? cap : 1;
    size_t row = (size_t)j->width * sizeof *j->scores;
    j->runs = xmalloc_large(run_cap * sizeof *j->runs);
    j->days = xmalloc_large(cap * sizeof *j->days);
    j->scores = xmalloc_large(cap * row);
    sqlite3_stmt *own, *s = job_stmt(j, j->history ? Q_ALL_SNAPSHOTS : Q_LATEST_SNAPSHOTS, &own);
    if (!s)
        return false;
    bind_date(s, 1, j->until);
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
            j->scores = xrealloc(j->scores, cap * row);
        }
        if (used >= UINT32_MAX)
            break;
        j->days[used] = col_date(s, 1);
        run->trend = (signed char)store_trend_parse(sqlite3_column_text(s, 2));
        run->reported = col_int(s, 3, SCORE_NONE);
        short score[MODEL_MAX_COMPONENTS];
        store_decode_scores(st, j->m, sqlite3_column_text(s, 4), score);
        memcpy(j->scores + used * (size_t)j->width, score, row);
        used++;
        run->count++;
    }
    job_done(s, own);
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
        store_immutable_uri(st->path, uri, sizeof uri);
        rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    } else {
        rc = sqlite3_open_v2(st->path, &db, (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX,
                             NULL);
    }
    if (rc == SQLITE_OK && sqlite3_busy_timeout(db, 10000) == SQLITE_OK &&
        store_exec_on(db, Q_BEGIN_READ) == SQLITE_OK) {
        j->db = db;
        j->ok = snap_scan(j);
        store_exec_on(db, Q_COMMIT);
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
        memcpy(a->score, job->scores + (size_t)last * (size_t)job->width, (size_t)job->width * sizeof *a->score);
        if (job->history) {
            a->nhist = (int)run->count;
            a->hist_width = job->width;
            a->hist_day = job->days + run->start;
            a->hist_score = job->scores + (size_t)run->start * (size_t)job->width;
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

/* The accounts (in id order; `count` of them at most). One allocation of
 * the right size: a million accounts are not copied over and over while the
 * array grows; their texts go into the arena. False when SQLite failed. */
static bool read_accounts(struct store *st, long long count, struct account_set *out)
{
    out->mem = arena_new();
    size_t cap = count > 0 ? (size_t)count : 1, len = 0;
    out->v = xmalloc_large(cap * sizeof *out->v);
    sqlite3_stmt *s = store_stmt(st, Q_ALL_ACCOUNTS);
    if (!s)
        return false;
    int rc = SQLITE_DONE;
    while (len < cap && (rc = sqlite3_step(s)) == SQLITE_ROW)
        store_read_account(s, &out->v[len++], out->mem);
    sqlite3_reset(s);
    out->n = len;
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The accounts on this connection, the snapshots on another; 1 when that
 * could not be done (the caller reads on one connection), else 0 or an
 * exit status. */
static int load_on_two(struct store *st, const struct health_model *m, bool history, int until,
                       struct account_set *out)
{
    memset(out, 0, sizeof *out);
    /* In memory, or inside our own transaction, one connection sees it all;
     * an immutable file takes no locks, so data_version could not tell
     * whether the two reads saw the same file. */
    if (!st->path[0] || !sqlite3_get_autocommit(st->db) || st->immutable)
        return 1;
    int rc = store_map_components(st, m, false);
    if (rc)
        return rc;
    long long before = store_data_version(st);
    if ((rc = store_exec(st, Q_BEGIN_READ, "cannot read the accounts")))
        return rc;
    long long count;
    if ((rc = store_count_accounts(st, &count))) {
        store_rollback(st);
        return rc;
    }
    struct snap_job job = {.st = st, .m = m, .history = history, .until = until, .max_runs = (size_t)count,
                           .width = m->ncomp > 0 ? m->ncomp : 1};
    pthread_t thread;
    if (pthread_create(&thread, NULL, snap_read, &job) != 0) {
        store_rollback(st);
        return 1;
    }
    bool read_ok = read_accounts(st, count, out);
    store_rollback(st); /* a read transaction: nothing to keep */
    pthread_join(thread, NULL);
    bool same = read_ok && job.ok && before >= 0 && store_data_version(st) == before;
    if (!same) {
        snap_free(&job);
        store_free_accounts(out);
        return 1;
    }
    snap_join(out, &job);
    return 0;
}

int store_load_accounts(struct store *st, const struct health_model *m, bool history, int until,
                        struct account_set *out)
{
    int rc = load_on_two(st, m, history, until, out);
    if (rc != 1)
        return rc;
    memset(out, 0, sizeof *out);
    /* One read transaction: the accounts and their snapshots agree. */
    bool own_txn = sqlite3_get_autocommit(st->db);
    if (own_txn && (rc = store_exec(st, Q_BEGIN_READ, "cannot read the accounts")))
        return rc;
    long long count;
    if ((rc = store_count_accounts(st, &count)))
        goto done;
    /* The snapshots are read as the second connection reads them. */
    if (!read_accounts(st, count, out)) {
        rc = store_db_fail(st, "cannot read the accounts");
    } else if (!(rc = store_map_components(st, m, false))) {
        struct snap_job job = {.st = st, .db = st->db, .m = m, .history = history, .until = until,
                               .max_runs = out->n, .width = m->ncomp > 0 ? m->ncomp : 1};
        if (snap_scan(&job)) {
            snap_join(out, &job);
        } else {
            rc = store_db_fail(st, "cannot read the snapshots");
            snap_free(&job);
        }
    }
done:
    if (own_txn)
        store_rollback(st);
    if (rc)
        store_free_accounts(out);
    return rc;
}

int store_load_first(struct store *st, const struct health_model *m, size_t limit, int until,
                     struct account_set *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, Q_FIRST_ACCOUNTS);
    if (!s)
        return store_db_fail(st, "cannot read the accounts");
    sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
    out->mem = arena_new();
    out->v = xmalloc((limit ? limit : 1) * sizeof *out->v);
    int rc = 0, step = SQLITE_DONE;
    while (!rc && out->n < limit && (step = sqlite3_step(s)) == SQLITE_ROW) {
        struct account *a = &out->v[out->n++];
        store_read_account(s, a, out->mem);
        /* Its history, then the arena frees it with the rest. */
        rc = store_read_history(st, m, until, a);
        if (a->hist_day) {
            arena_adopt(out->mem, a->hist_day);
            arena_adopt(out->mem, a->hist_score);
        }
    }
    if (!rc && out->n < limit && step != SQLITE_DONE)
        rc = store_db_fail(st, "cannot read the accounts");
    sqlite3_reset(s);
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
