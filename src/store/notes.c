/* The CSM's notes on an account. */
#include "store_int.h"

#include <stdlib.h>
#include <time.h>

int store_add_note(struct store *st, long long account_id, int day, const char *body)
{
    sqlite3_stmt *s = store_stmt(st, Q_ADD_NOTE);
    if (!s)
        return store_db_fail(st, "cannot add the note");
    sqlite3_bind_int64(s, 1, account_id);
    bind_date(s, 2, day);
    sqlite3_bind_text(s, 3, body, -1, SQLITE_STATIC);
    int rc = store_step(st, s, "cannot add the note");
    if (!rc && (s = store_stmt(st, Q_TOUCH_ACCOUNT))) {
        /* A note is a write to the account: an undo must see it. */
        sqlite3_bind_int64(s, 1, account_id);
        sqlite3_bind_int64(s, 2, (long long)time(NULL));
        rc = store_step(st, s, "cannot add the note");
    } else if (!rc) {
        rc = store_db_fail(st, "cannot add the note");
    }
    return rc;
}

int store_load_notes(struct store *st, long long account_id, struct note **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, Q_NOTES);
    if (!s)
        return store_db_fail(st, "cannot read the notes");
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
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the notes");
    sqlite3_reset(s);
    if (rc) {
        store_free_notes(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int store_last_touches(struct store *st, int until, struct account *acc, size_t n)
{
    for (size_t i = 0; i < n; i++)
        acc[i].last_touch = DATE_NONE;
    sqlite3_stmt *s = store_stmt(st, Q_LAST_TOUCHES);
    if (!s)
        return store_db_fail(st, "cannot read the last touches");
    bind_date(s, 1, until);
    /* Both lists in id order: one walk matches them. */
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        while (i < n && acc[i].id < id)
            i++;
        if (i < n && acc[i].id == id)
            acc[i].last_touch = col_date(s, 1);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the last touches");
    sqlite3_reset(s);
    return rc;
}

void store_free_notes(struct note *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].body);
    free(v);
}
