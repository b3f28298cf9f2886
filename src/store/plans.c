/* Saved plans and the status of their activities. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row of the activity columns (the plan_activities statements' order). */
static void read_activity(sqlite3_stmt *s, struct saved_activity *a)
{
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
    a->outcome = col_dup(s, 17, NULL);
    a->done_on = col_date(s, 18);
    a->accounts = col_dup(s, 19, NULL);
    a->duration = col_dup(s, 20, NULL);
    a->capacity_hours = sqlite3_column_double(s, 21);
    const unsigned char *at = sqlite3_column_text(s, 22);
    snprintf(a->saved_at, sizeof a->saved_at, "%s", at ? (const char *)at : "");
    a->title = col_dup(s, 23, NULL);
}

/* The rows of a prepared activities statement; 0 or store_db_fail. */
static int read_activities(struct store *st, sqlite3_stmt *s, struct saved_activity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        read_activity(s, &(*out)[(*n)++]);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the activities");
    sqlite3_reset(s);
    if (rc) {
        store_free_activities(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

static bool same_activity(const struct saved_activity *a, const struct saved_activity *b)
{
    return a->account_id == b->account_id && a->account_id > 0 && a->template_id && b->template_id &&
           strcmp(a->template_id, b->template_id) == 0;
}

static bool is_planned(const struct saved_activity *a) { return !a->status || strcmp(a->status, "planned") == 0; }

/* A ref for a kept activity that no other activity of the plan uses: its
 * own, else the next number after the highest of its kind ("RET-20"). */
static void free_ref(const char *ref, const char *const *taken, size_t ntaken, char out[12])
{
    bool used = false;
    for (size_t i = 0; i < ntaken && !used; i++)
        used = strcmp(taken[i], ref) == 0;
    if (!used) {
        snprintf(out, 12, "%s", ref);
        return;
    }
    const char *dash = strrchr(ref, '-');
    int plen = dash ? (int)(dash - ref) : (int)strlen(ref);
    long high = 0;
    for (size_t i = 0; i < ntaken; i++)
        if (strncmp(taken[i], ref, (size_t)plen) == 0 && taken[i][plen] == '-') {
            long k = strtol(taken[i] + plen + 1, NULL, 10);
            if (k > high)
                high = k;
        }
    char next[32];
    snprintf(next, sizeof next, "%.*s-%02ld", plen > 7 ? 7 : plen, ref, high < 999 ? high + 1 : 999);
    snprintf(out, 12, "%.11s", next);
}

static void note_carry(struct plan_carry *c, const char *ref, const char *old_ref, const char *status, bool kept)
{
    if (!c)
        return;
    c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
    struct plan_carry_item *x = &c->v[c->n++];
    snprintf(x->ref, sizeof x->ref, "%s", ref);
    snprintf(x->old_ref, sizeof x->old_ref, "%s", old_ref);
    snprintf(x->status, sizeof x->status, "%s", status);
    x->kept = kept;
}

/* Activity a as `ref`, with the status, outcome and day done recorded in
 * `rec` (NULL: planned, nothing recorded). */
static int insert_activity(struct store *st, long long plan_id, const struct saved_activity *a, const char *ref,
                           const struct saved_activity *rec)
{
    const char *status = rec && rec->status ? rec->status : "planned";
    const char *what = "cannot save the plan";
    sqlite3_stmt *s = store_stmt(st, Q_INSERT_ACTIVITY);
    if (!s)
        return store_db_fail(st, what);
    sqlite3_bind_int64(s, 1, plan_id);
    sqlite3_bind_text(s, 2, ref, -1, SQLITE_STATIC);
    bind_int_or_null(s, 3, a->account_id, a->account_id > 0);
    sqlite3_bind_text(s, 4, a->client ? a->client : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, a->kind ? a->kind : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, a->template_id ? a->template_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, a->description ? a->description : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, a->purpose ? a->purpose : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, a->results ? a->results : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, a->measurement ? a->measurement : "", -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 11, a->hours);
    bind_date(s, 12, a->deadline);
    sqlite3_bind_text(s, 13, a->dependencies ? a->dependencies : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 14, a->notes ? a->notes : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 15, status, -1, SQLITE_STATIC);
    if (rec && rec->outcome)
        sqlite3_bind_text(s, 16, rec->outcome, -1, SQLITE_STATIC);
    bind_date(s, 17, rec ? rec->done_on : DATE_NONE);
    if (a->accounts)
        sqlite3_bind_text(s, 18, a->accounts, -1, SQLITE_STATIC);
    if (a->duration)
        sqlite3_bind_text(s, 19, a->duration, -1, SQLITE_STATIC);
    if (a->title)
        sqlite3_bind_text(s, 20, a->title, -1, SQLITE_STATIC);
    return store_step(st, s, what);
}

/* Dates as a range query's two parameters. */
static sqlite3_stmt *range_stmt(struct store *st, enum stmt_id id, int start, int end)
{
    sqlite3_stmt *s = store_stmt(st, id);
    if (s) {
        bind_date(s, 1, start);
        bind_date(s, 2, end);
    }
    return s;
}

int store_save_plan(struct store *st, int start, int end, double capacity, const struct saved_activity *v, size_t n,
                    long long *plan_id, struct plan_carry *carry)
{
    const char *what = "cannot save the plan";
    if (carry)
        memset(carry, 0, sizeof *carry);
    /* What the plans it replaces recorded, read before they go. */
    struct saved_activity *old = NULL;
    size_t nold = 0;
    sqlite3_stmt *s = range_stmt(st, Q_OVERLAP_ACTIVITIES, start, end);
    if (!s)
        return store_db_fail(st, what);
    int rc = read_activities(st, s, &old, &nold);
    if (rc)
        return rc;
    int replaced = 0;
    if (!(s = range_stmt(st, Q_COUNT_OVERLAP, start, end))) {
        rc = store_db_fail(st, what);
    } else {
        replaced = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
        sqlite3_reset(s);
    }
    /* Each new activity takes what was recorded for it: the latest plan's
     * done or dropped first, any plan's after. Every old copy of it is then
     * spoken for, so none is kept beside it. */
    bool *used = xcalloc(nold + 1, sizeof *used);
    const struct saved_activity **rec = xcalloc(n + 1, sizeof *rec);
    const char **taken = xcalloc(n + nold + 1, sizeof *taken);
    size_t ntaken = 0;
    for (size_t i = 0; i < n; i++) {
        taken[ntaken++] = v[i].ref;
        long from = -1;
        for (size_t k = 0; k < nold; k++) {
            if (!same_activity(&v[i], &old[k]))
                continue;
            if (from < 0 && !is_planned(&old[k]))
                from = (long)k;
            used[k] = true;
        }
        if (from >= 0) {
            rec[i] = &old[from];
            note_carry(carry, v[i].ref, old[from].ref, rec[i]->status, false);
            if (carry)
                carry->carried++;
        }
    }
    if (!rc && (s = range_stmt(st, Q_DELETE_PLAN, start, end)))
        rc = store_step(st, s, what);
    else if (!rc)
        rc = store_db_fail(st, what);
    if (!rc && (s = store_stmt(st, Q_INSERT_PLAN))) {
        char now[32];
        store_now_iso(now);
        bind_date(s, 1, start);
        bind_date(s, 2, end);
        sqlite3_bind_double(s, 3, capacity);
        sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
        if (!(rc = store_step(st, s, what)))
            *plan_id = sqlite3_last_insert_rowid(st->db);
    } else if (!rc) {
        rc = store_db_fail(st, what);
    }
    for (size_t i = 0; i < n && !rc; i++)
        rc = insert_activity(st, *plan_id, &v[i], v[i].ref, rec[i]);
    /* Then what the user recorded that the new plan lacks: done and dropped
     * work stays, after the new activities; planned work goes. */
    char (*refs)[12] = xcalloc(nold + 1, sizeof *refs);
    for (size_t k = 0; k < nold && !rc; k++) {
        if (used[k])
            continue;
        if (is_planned(&old[k])) {
            if (carry)
                carry->removed++;
            continue;
        }
        for (size_t j = 0; j < k; j++) /* the same activity in an older plan too: once */
            if (!used[j] && !is_planned(&old[j]) && same_activity(&old[j], &old[k]))
                used[k] = true;
        if (used[k])
            continue;
        free_ref(old[k].ref, taken, ntaken, refs[k]);
        taken[ntaken++] = refs[k];
        rc = insert_activity(st, *plan_id, &old[k], refs[k], &old[k]);
        note_carry(carry, refs[k], old[k].ref, old[k].status, true);
        if (carry)
            carry->kept++;
    }
    if (carry)
        carry->replaced = replaced;
    free(refs);
    free((void *)taken);
    free((void *)rec);
    free(used);
    store_free_activities(old, nold);
    if (rc && carry)
        store_free_carry(carry);
    return rc;
}

void store_free_carry(struct plan_carry *carry)
{
    free(carry->v);
    memset(carry, 0, sizeof *carry);
}

int store_load_activities(struct store *st, long long account_id, struct saved_activity **out, size_t *n)
{
    /* The latest saved plan's activities, or one account's across plans. */
    sqlite3_stmt *s = store_stmt(st, account_id > 0 ? Q_ACCOUNT_ACTIVITIES : Q_PLAN_ACTIVITIES);
    if (!s) {
        *out = NULL;
        *n = 0;
        return store_db_fail(st, "cannot read the activities");
    }
    if (account_id > 0)
        sqlite3_bind_int64(s, 1, account_id);
    return read_activities(st, s, out, n);
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
        free(v[i].outcome);
        free(v[i].accounts);
        free(v[i].duration);
        free(v[i].title);
    }
    free(v);
}

int store_load_plan(struct store *st, int start, int end, bool exact, struct saved_activity **out, size_t *n)
{
    sqlite3_stmt *s = range_stmt(st, Q_RANGE_ACTIVITIES, start, end);
    if (s)
        sqlite3_bind_int(s, 3, exact);
    if (!s) {
        *out = NULL;
        *n = 0;
        return store_db_fail(st, "cannot read the saved plan");
    }
    return read_activities(st, s, out, n);
}

int store_set_activity_status(struct store *st, const char *ref, const char *status, int on, const char *outcome)
{
    sqlite3_stmt *s = store_stmt(st, Q_SET_ACTIVITY_STATUS);
    if (!s)
        return store_db_fail(st, "cannot change the activity");
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    bind_date(s, 3, strcmp(status, "done") == 0 ? on : DATE_NONE);
    if (outcome)
        sqlite3_bind_text(s, 4, outcome, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 4);
    int rc = store_step(st, s, "cannot change the activity");
    if (rc)
        return rc;
    return sqlite3_changes(st->db) ? 0 : -1;
}
