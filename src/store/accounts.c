/* Accounts: writing them with their day's snapshot, and looking them up. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void store_lookup_cache(struct store *st)
{
    /* An import (or its dry run) looks accounts up and grows indexes all
     * over the file: a large page cache pays there. Reading the book is one
     * pass, where SQLite's default is enough and a big cache would only add
     * memory. */
    if (!st->big_cache)
        store_exec(st, Q_CACHE_BIG, "cannot set the cache");
    st->big_cache = true;
}

/* The key an account's name is matched on (text_name_key); a name that is
 * not UTF-8 (only a damaged or hand-edited book has one) by its bytes. */
static void name_key(const char *name, char *key, size_t len)
{
    if (!text_name_key(name, key, len)) {
        snprintf(key, len, "%s", name);
        text_lower(key);
    }
}

/* Finds an account id by a text key with a one-column query; 0 when absent. */
static int find_id(struct store *st, enum stmt_id q, const char *key, long long *id)
{
    sqlite3_stmt *s = store_stmt(st, q);
    if (!s)
        return store_db_fail(st, "cannot look the account up");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        rc = store_db_fail(st, "cannot look the account up");
    else
        rc = 0;
    sqlite3_reset(s);
    return rc;
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

int store_map_components(struct store *st, const struct health_model *m, bool create)
{
    if (st->ids_for == m)
        return 0;
    int rc = 0;
    for (int i = 0; i < m->ncomp && !rc; i++) {
        st->comp_id[i] = 0;
        sqlite3_stmt *q = store_stmt(st, Q_COMPONENT_ID);
        if (!q)
            return store_db_fail(st, "cannot read the components");
        sqlite3_bind_text(q, 1, m->comp[i].key, -1, SQLITE_STATIC);
        int r = sqlite3_step(q);
        if (r == SQLITE_ROW)
            st->comp_id[i] = sqlite3_column_int64(q, 0);
        else if (r != SQLITE_DONE)
            rc = store_db_fail(st, "cannot read the components");
        sqlite3_reset(q);
        if (rc || r == SQLITE_ROW || !create)
            continue;
        sqlite3_stmt *ins = store_stmt(st, Q_ADD_COMPONENT);
        if (!ins)
            return store_db_fail(st, "cannot add a component");
        sqlite3_bind_text(ins, 1, m->comp[i].key, -1, SQLITE_STATIC);
        if (!(rc = store_step(st, ins, "cannot add a component")))
            st->comp_id[i] = sqlite3_last_insert_rowid(st->db);
    }
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

void store_decode_scores(const struct store *st, const struct health_model *m, const unsigned char *text,
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

int store_trend_parse(const unsigned char *t)
{
    if (!t)
        return TREND_NONE;
    if (strcmp((const char *)t, "up") == 0)
        return TREND_UP;
    if (strcmp((const char *)t, "down") == 0)
        return TREND_DOWN;
    return TREND_LEVEL;
}

void store_read_account(sqlite3_stmt *s, struct account *a, struct arena *mem)
{
    store_read_account_facts(s, a);
    a->name = col_dup(s, 1, mem);
    a->external_id = col_dup(s, 2, mem);
    a->owner = col_dup(s, 3, mem);
}

void store_read_account_facts(sqlite3_stmt *s, struct account *a)
{
    account_init(a);
    a->id = sqlite3_column_int64(s, 0);
    const unsigned char *seg = sqlite3_column_text(s, 4);
    a->segment = seg ? segment_parse((const char *)seg) : SEG_NONE;
    /* The import and set hold a term to 200 years; a hand-edited file may not. */
    int term = col_int(s, 5, -1);
    a->term_years = (short)(term >= 0 && term <= 200 ? term : -1);
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

int store_bulk_begin(struct store *st, bool *bulk)
{
    *bulk = false;
    long long n;
    int rc = store_count_accounts(st, &n);
    if (rc || n > 0)
        return rc;
    /* An empty book: every row is new (the importer has refused duplicates),
     * so the unique indexes are built once, at the end, from sorted keys. */
    if ((rc = store_exec(st, Q_DROP_NAME_INDEX, "cannot prepare the bulk load")) ||
        (rc = store_exec(st, Q_DROP_EXT_INDEX, "cannot prepare the bulk load")))
        return rc;
    st->bulk = *bulk = true;
    return 0;
}

int store_bulk_end(struct store *st)
{
    if (!st->bulk)
        return 0;
    st->bulk = false;
    int rc = store_exec(st, Q_CREATE_NAME_INDEX, "cannot index the accounts");
    return rc ? rc : store_exec(st, Q_CREATE_EXT_INDEX, "cannot index the accounts");
}

/* A one-value query of a day (a max() over snapshots); DATE_NONE for none. */
static int day_of(struct store *st, enum stmt_id q, long long id, int *day)
{
    sqlite3_stmt *s = store_stmt(st, q);
    if (!s)
        return store_db_fail(st, "cannot read the snapshots");
    if (id)
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *day = rc == SQLITE_ROW ? col_date(s, 0) : DATE_NONE;
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the snapshots");
    sqlite3_reset(s);
    return rc;
}

/* Whether day `as_of` comes before account `id`'s newest snapshot. The
 * book's newest is asked once a transaction: an import of a new day (the
 * usual one) asks nothing per account. */
static int before_newest(struct store *st, long long id, int as_of, bool *earlier)
{
    *earlier = false;
    int rc;
    if (!st->newest_known) {
        if ((rc = day_of(st, Q_NEWEST_ANY, 0, &st->newest)))
            return rc;
        st->newest_known = true;
    }
    if (st->newest == DATE_NONE || as_of >= st->newest)
        return 0;
    int newest;
    if ((rc = day_of(st, Q_NEWEST_OF, id, &newest)))
        return rc;
    *earlier = newest != DATE_NONE && as_of < newest;
    return 0;
}

/* True when the file carries every part of the model's snapshot. */
static bool snap_whole(const struct health_model *m, unsigned snap)
{
    unsigned comps = (1u << m->ncomp) - 1;
    return (snap & comps) == comps && (snap & STORE_SNAP_TREND) && (snap & STORE_SNAP_HEALTH);
}

/* The snapshot of day `as_of` a partial file makes for account `id`: the
 * parts it has over the snapshot it replaces, or over the latest earlier
 * one's components (a new day's trend and health are the file's alone). */
static int merge_snapshot(struct store *st, const struct health_model *m, long long id, const struct account *a,
                          unsigned snap, int as_of, short *score, int *trend, int *reported)
{
    memcpy(score, a->score, sizeof a->score);
    *trend = a->trend;
    *reported = a->reported_health;
    sqlite3_stmt *s = store_stmt(st, Q_BASE_SNAPSHOT);
    if (!s)
        return store_db_fail(st, "cannot read the snapshots");
    sqlite3_bind_int64(s, 1, id);
    bind_date(s, 2, as_of);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        short base[MODEL_MAX_COMPONENTS];
        store_decode_scores(st, m, sqlite3_column_text(s, 3), base);
        for (int c = 0; c < m->ncomp; c++)
            if (!(snap & (1u << c)))
                score[c] = base[c];
        if (col_date(s, 0) == as_of) {
            if (!(snap & STORE_SNAP_TREND))
                *trend = store_trend_parse(sqlite3_column_text(s, 1));
            if (!(snap & STORE_SNAP_HEALTH))
                *reported = col_int(s, 2, SCORE_NONE);
        }
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the snapshots");
    sqlite3_reset(s);
    return rc;
}

/* What a row of an import is, before anything is written: the account it
 * is (0: a new one), whether its day is history only, and the snapshot it
 * makes (the parts it has over the one it builds on). */
struct put_plan {
    char key[STORE_NAME_KEY_MAX];
    long long id;
    bool history;
    bool snapshot;           /* a snapshot is written (the file has score columns) */
    short score[MODEL_MAX_COMPONENTS];
    int trend, reported;
    char scores[MODEL_MAX_COMPONENTS * 16];
};

/* The account the row is, by external id, else by name key (0: new). */
static int put_find(struct store *st, const struct account *a, struct put_plan *p)
{
    int rc;
    p->id = 0;
    if (st->bulk)
        return 0;
    if (a->external_id && (rc = find_id(st, Q_FIND_EXT, a->external_id, &p->id)))
        return rc;
    if (!p->id && (rc = find_id(st, Q_FIND_NAME, p->key, &p->id)))
        return rc;
    return 0;
}

/* Once the account is known: whether the day is history only, and the
 * snapshot the row makes. */
static int put_snapshot(struct store *st, const struct health_model *m, const struct account *a, unsigned snap,
                        int as_of, bool create_components, struct put_plan *p)
{
    int rc;
    p->history = false;
    /* An older export adds its day to the history: today's attributes stay. */
    if (p->id && (rc = before_newest(st, p->id, as_of, &p->history)))
        return rc;
    p->snapshot = (snap & STORE_SNAP_ALL) != 0;
    if (!p->snapshot)
        return 0; /* no score columns: the history is left alone */
    if ((rc = store_map_components(st, m, create_components)))
        return rc;
    memcpy(p->score, a->score, sizeof p->score);
    p->trend = a->trend;
    p->reported = a->reported_health;
    if (p->id && !snap_whole(m, snap) &&
        (rc = merge_snapshot(st, m, p->id, a, snap, as_of, p->score, &p->trend, &p->reported)))
        return rc;
    encode_scores(st, m, p->score, p->scores, sizeof p->scores);
    return 0;
}

/* Journals the account the row is, if it is in the book, before anything
 * is written: finding it at the same time (*id, 0 for a new one). */
static int journal_find(struct store *st, long long import_id, const struct account *a, const char *key, int as_of,
                        long long *id)
{
    sqlite3_stmt *s = store_stmt(st, Q_JOURNAL);
    if (!s)
        return store_db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, import_id);
    bind_date(s, 3, as_of);
    bind_text_or_null(s, 4, a->external_id);
    sqlite3_bind_text(s, 5, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, a->name);
    sqlite3_reset(s);
    return rc;
}

/* Runs a journal statement (import ?1, account ?2, day ?3). */
static int journal(struct store *st, enum stmt_id q, long long import_id, long long id, int day, const char *what)
{
    sqlite3_stmt *s = store_stmt(st, q);
    if (!s)
        return store_db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, import_id);
    sqlite3_bind_int64(s, 2, id);
    if (day != DATE_NONE)
        bind_date(s, 3, day);
    return store_step(st, s, what);
}

/* Steps a write and says whether it changed a row. */
static int step_changed(struct store *st, sqlite3_stmt *s, const char *what, bool *changed)
{
    int rc = store_step(st, s, what);
    *changed = !rc && sqlite3_changes(st->db) > 0;
    return rc;
}

int store_put_account(struct store *st, const struct health_model *m, const struct account *a, unsigned fields,
                      unsigned snap, int as_of, long long import_id, enum store_put *how, long long *id_out)
{
    struct put_plan p;
    name_key(a->name, p.key, sizeof p.key);
    bool journalled = import_id > 0 && !st->bulk;
    int rc = journalled ? journal_find(st, import_id, a, p.key, as_of, &p.id) : put_find(st, a, &p);
    if (!rc)
        rc = put_snapshot(st, m, a, snap, as_of, true, &p);
    if (rc)
        return rc;
    journalled = journalled && p.id;
    if (!st->now)
        st->now = (long long)time(NULL);
    if (journalled && (snap & STORE_SNAP_DATED) && (rc = journal(st, Q_JOURNAL_DAY, import_id, p.id, as_of, a->name)))
        return rc;
    sqlite3_stmt *s;
    bool created = !p.id, changed = false;
    if (created) {
        if (!(s = store_stmt(st, Q_INSERT_ACCOUNT)))
            return store_db_fail(st, "cannot store the account");
        bind_account(s, a, p.key, st->now);
        bind_int_or_null(s, 17, import_id, import_id > 0);
        if ((rc = store_step(st, s, a->name)))
            return rc;
        p.id = sqlite3_last_insert_rowid(st->db);
    }
    if (id_out)
        *id_out = p.id;
    bool snap_changed = false;
    if (p.snapshot) {
        /* The day's snapshot: replaced when the same day comes again with
         * other values. */
        if (!(s = store_stmt(st, Q_UPSERT_SNAPSHOT)))
            return store_db_fail(st, "cannot store the snapshot");
        sqlite3_bind_int64(s, 1, p.id);
        bind_date(s, 2, as_of);
        bind_int_or_null(s, 3, import_id, import_id > 0);
        bind_text_or_null(s, 4, trend_name(p.trend));
        bind_int_or_null(s, 5, p.reported, p.reported != SCORE_NONE);
        sqlite3_bind_text(s, 6, p.scores, -1, SQLITE_STATIC);
        if ((rc = step_changed(st, s, a->name, &snap_changed)))
            return rc;
        if (st->newest_known && (st->newest == DATE_NONE || as_of > st->newest))
            st->newest = as_of; /* a file with a date a row moves the book's newest day on */
    }
    if (!created) {
        /* The attributes when they change; a new snapshot alone still moves
         * the revision on: it is a write an undo must not take away unasked. */
        if (!p.history) {
            if (!(s = store_stmt(st, Q_UPDATE_ACCOUNT)))
                return store_db_fail(st, "cannot store the account");
            bind_account(s, a, p.key, st->now);
            sqlite3_bind_int(s, 20, (int)fields);
            sqlite3_bind_int64(s, 21, p.id);
            sqlite3_bind_int(s, 22, snap_changed);
        } else if (snap_changed) {
            if (!(s = store_stmt(st, Q_TOUCH_ACCOUNT)))
                return store_db_fail(st, "cannot store the account");
            sqlite3_bind_int64(s, 1, p.id);
            sqlite3_bind_int64(s, 2, st->now);
        } else {
            s = NULL;
        }
        if (s && (rc = step_changed(st, s, a->name, &changed)))
            return rc;
    }
    *how = created ? PUT_CREATED : !changed ? PUT_UNCHANGED : p.history ? PUT_HISTORY : PUT_UPDATED;
    /* Nothing written: the journal's revision is the one the account keeps. */
    if (journalled && !changed && (rc = journal(st, Q_JOURNAL_UNCHANGED, import_id, p.id, DATE_NONE, a->name)))
        return rc;
    return 0;
}

static bool text_differs(const char *x, const char *y)
{
    return !x || !y ? x != y : strcmp(x, y) != 0;
}

static bool real_differs(double x, double y)
{
    return isnan(x) || isnan(y) ? isnan(x) != isnan(y) : x != y;
}

/* The C reading of Q_UPDATE_ACCOUNT's condition: whether writing the row's
 * `fields` would change the stored account. */
static bool attributes_differ(const struct account *old, const struct account *a, unsigned fields)
{
    return strcmp(old->name, a->name) != 0 ||
           ((fields & SF_EXTERNAL_ID) && text_differs(old->external_id, a->external_id)) ||
           ((fields & SF_SEGMENT) && old->segment != a->segment) ||
           ((fields & SF_OWNER) && text_differs(old->owner, a->owner)) ||
           ((fields & SF_TERM) && (old->term_years < 0 ? -1 : old->term_years) != (a->term_years < 0 ? -1 : a->term_years)) ||
           ((fields & SF_ACV) && (old->acv_cents < 0 ? -1 : old->acv_cents) != (a->acv_cents < 0 ? -1 : a->acv_cents)) ||
           ((fields & SF_RENEWAL) && old->renewal != a->renewal &&
            !((fields & SF_RENEWAL_NEAR) && old->renewal != DATE_NONE && a->renewal != DATE_NONE &&
              abs(old->renewal - a->renewal) <= STORE_RENEWAL_NEAR_DAYS)) ||
           ((fields & SF_NPS) && (old->nps < 0 ? -1 : old->nps) != (a->nps < 0 ? -1 : a->nps)) ||
           ((fields & SF_MSA) && old->msa_restricted != a->msa_restricted) ||
           ((fields & SF_ANON) && old->anonymized_ok != a->anonymized_ok) ||
           ((fields & SF_KPI_BASE) && real_differs(old->kpi_baseline, a->kpi_baseline)) ||
           ((fields & SF_KPI_CUR) && real_differs(old->kpi_current, a->kpi_current)) ||
           ((fields & SF_LAST_ASK) && old->last_advocacy_ask != a->last_advocacy_ask) ||
           ((fields & SF_PULSE) && old->pulse != a->pulse);
}

/* Whether the planned snapshot differs from the one stored for that day. */
static int snapshot_differs(struct store *st, const struct put_plan *p, int as_of, bool *differs)
{
    sqlite3_stmt *s = store_stmt(st, Q_DAY_SNAPSHOT);
    if (!s)
        return store_db_fail(st, "cannot read the snapshots");
    sqlite3_bind_int64(s, 1, p->id);
    bind_date(s, 2, as_of);
    int rc = sqlite3_step(s);
    *differs = true;
    if (rc == SQLITE_ROW) {
        const unsigned char *trend = sqlite3_column_text(s, 0), *scores = sqlite3_column_text(s, 2);
        const char *want = trend_name(p->trend);
        *differs = text_differs((const char *)trend, want) || col_int(s, 1, SCORE_NONE) != p->reported ||
                   text_differs((const char *)scores, p->scores);
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the snapshots");
    sqlite3_reset(s);
    return rc;
}

int store_classify_account(struct store *st, const struct health_model *m, const struct account *a, unsigned fields,
                           unsigned snap, int as_of, enum store_put *how, long long *id_out)
{
    struct put_plan p;
    name_key(a->name, p.key, sizeof p.key);
    int rc = put_find(st, a, &p);
    if (!rc)
        rc = put_snapshot(st, m, a, snap, as_of, false, &p);
    if (rc)
        return rc;
    if (id_out)
        *id_out = p.id;
    if (!p.id) {
        *how = PUT_CREATED;
        return 0;
    }
    bool changed = false;
    if (!p.history) {
        sqlite3_stmt *s = store_stmt(st, Q_LOAD_ACCOUNT);
        if (!s)
            return store_db_fail(st, "cannot read the account");
        sqlite3_bind_int64(s, 1, p.id);
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            struct account old;
            store_read_account(s, &old, NULL);
            changed = attributes_differ(&old, a, fields);
            account_free(&old);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the account");
        sqlite3_reset(s);
        if (rc)
            return rc;
    }
    if (!changed && p.snapshot && (rc = snapshot_differs(st, &p, as_of, &changed)))
        return rc;
    *how = !changed ? PUT_UNCHANGED : p.history ? PUT_HISTORY : PUT_UPDATED;
    return 0;
}

int store_update_attributes(struct store *st, const struct account *a, unsigned fields)
{
    sqlite3_stmt *s = store_stmt(st, Q_UPDATE_ACCOUNT);
    if (!s)
        return store_db_fail(st, "cannot change the account");
    char key[STORE_NAME_KEY_MAX];
    name_key(a->name, key, sizeof key);
    bind_account(s, a, key, (long long)time(NULL));
    sqlite3_bind_int(s, 20, (int)fields);
    sqlite3_bind_int64(s, 21, a->id);
    sqlite3_bind_int(s, 22, 0);
    return store_step(st, s, a->name);
}

int store_read_history(struct store *st, const struct health_model *m, int until, struct account *a)
{
    int rc = store_map_components(st, m, false);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, Q_ACCOUNT_SNAPSHOTS);
    if (!s)
        return store_db_fail(st, "cannot read the snapshots");
    sqlite3_bind_int64(s, 1, a->id);
    bind_date(s, 2, until);
    size_t cap = 0;
    a->hist_width = m->ncomp > 0 ? m->ncomp : 1;
    size_t row = (size_t)a->hist_width * sizeof *a->hist_score;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((size_t)a->nhist == cap) {
            cap = cap ? cap * 2 : 4;
            a->hist_day = xrealloc(a->hist_day, cap * sizeof *a->hist_day);
            a->hist_score = xrealloc(a->hist_score, cap * row);
        }
        a->snapshot_day = col_date(s, 0);
        a->trend = store_trend_parse(sqlite3_column_text(s, 1));
        a->reported_health = col_int(s, 2, SCORE_NONE);
        store_decode_scores(st, m, sqlite3_column_text(s, 3), a->score);
        a->hist_day[a->nhist] = a->snapshot_day;
        memcpy(a->hist_score + (size_t)a->nhist * (size_t)a->hist_width, a->score, row);
        a->nhist++;
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the snapshots");
    sqlite3_reset(s);
    return rc;
}

/* The row of a one-account statement into *out, with its history; 0, -1
 * when there is none, or an exit status. */
static int load_one(struct store *st, const struct health_model *m, sqlite3_stmt *s, struct account *out,
                    const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        store_read_account(s, out, NULL);
    else
        rc = rc == SQLITE_DONE ? -1 : store_db_fail(st, what);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return rc;
    if ((rc = store_read_history(st, m, DATE_NONE, out)))
        account_free(out);
    return rc;
}

int store_find_account(struct store *st, const struct health_model *m, const char *name, struct account *out)
{
    char key[STORE_NAME_KEY_MAX];
    name_key(name, key, sizeof key);
    sqlite3_stmt *s = store_stmt(st, Q_FIND_ACCOUNT);
    if (!s)
        return store_db_fail(st, "cannot read the account");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    return load_one(st, m, s, out, "cannot read the account");
}

int store_load_account(struct store *st, const struct health_model *m, long long id, struct account *out)
{
    sqlite3_stmt *s = store_stmt(st, Q_LOAD_ACCOUNT);
    if (!s)
        return store_db_fail(st, "cannot read the account");
    sqlite3_bind_int64(s, 1, id);
    return load_one(st, m, s, out, "cannot read the account");
}

int store_match_account(struct store *st, const struct account *a, long long *id)
{
    int rc;
    *id = 0;
    store_lookup_cache(st);
    if (a->external_id && (rc = find_id(st, Q_FIND_EXT, a->external_id, id)))
        return rc;
    if (!*id) {
        char key[STORE_NAME_KEY_MAX];
        name_key(a->name, key, sizeof key);
        if ((rc = find_id(st, Q_FIND_NAME, key, id)))
            return rc;
    }
    return 0;
}

int store_count_accounts(struct store *st, long long *n)
{
    sqlite3_stmt *s = store_stmt(st, Q_COUNT_ACCOUNTS);
    if (!s)
        return store_db_fail(st, "cannot count the accounts");
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    rc = rc == SQLITE_ROW ? 0 : store_db_fail(st, "cannot count the accounts");
    sqlite3_reset(s);
    return rc;
}
