/* Saved plans and the status of their activities. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_save_plan(struct store *st, int start, int end, double capacity, const struct saved_activity *v, size_t n,
                    long long *plan_id)
{
    const char *what = "cannot save the plan";
    char now[32];
    store_now_iso(now);
    sqlite3_stmt *s = store_stmt(st, Q_DELETE_PLAN);
    if (!s)
        return store_db_fail(st, what);
    bind_date(s, 1, start);
    bind_date(s, 2, end);
    int rc = store_step(st, s, what);
    if (rc)
        return rc;
    if (!(s = store_stmt(st, Q_INSERT_PLAN)))
        return store_db_fail(st, what);
    bind_date(s, 1, start);
    bind_date(s, 2, end);
    sqlite3_bind_double(s, 3, capacity);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    if ((rc = store_step(st, s, what)))
        return rc;
    *plan_id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < n && !rc; i++) {
        const struct saved_activity *a = &v[i];
        if (!(s = store_stmt(st, Q_INSERT_ACTIVITY)))
            return store_db_fail(st, what);
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
        rc = store_step(st, s, what);
    }
    return rc;
}

int store_load_activities(struct store *st, long long account_id, struct saved_activity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The latest saved plan's activities, or one account's across plans. */
    sqlite3_stmt *s = store_stmt(st, account_id > 0 ? Q_ACCOUNT_ACTIVITIES : Q_PLAN_ACTIVITIES);
    if (!s)
        return store_db_fail(st, "cannot read the activities");
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
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the activities");
    sqlite3_reset(s);
    if (rc) {
        store_free_activities(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
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
    sqlite3_stmt *s = store_stmt(st, Q_SET_ACTIVITY_STATUS);
    if (!s)
        return store_db_fail(st, "cannot change the activity");
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    int rc = store_step(st, s, "cannot change the activity");
    if (rc)
        return rc;
    return sqlite3_changes(st->db) ? 0 : -1;
}
