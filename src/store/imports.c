/* Imports: their record, the journal that lets one be undone, the undo,
 * and what an import changed. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>

int store_import_begin(struct store *st, const char *file, const char *sha256, int as_of, long long *id)
{
    store_lookup_cache(st);
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_BEGIN);
    if (!s)
        return store_db_fail(st, "cannot record the import");
    char now[32];
    store_now_iso(now);
    sqlite3_bind_text(s, 1, file, -1, SQLITE_STATIC);
    bind_text_or_null(s, 2, sha256);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    bind_date(s, 4, as_of);
    int rc = store_step(st, s, "cannot record the import");
    if (!rc)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_import_finish(struct store *st, long long id, int rows, int created, int updated, int rejected,
                        const char *messages)
{
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_FINISH);
    if (!s)
        return store_db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, rows);
    sqlite3_bind_int(s, 3, created);
    sqlite3_bind_int(s, 4, updated);
    sqlite3_bind_int(s, 5, rejected);
    bind_text_or_null(s, 6, messages && *messages ? messages : NULL);
    return store_step(st, s, "cannot record the import");
}

int store_record_hash(struct store *st, long long import_id, const char *sha256)
{
    sqlite3_stmt *s = store_stmt(st, Q_RECORD_HASH);
    if (!s)
        return store_db_fail(st, "cannot record the import");
    sqlite3_bind_int64(s, 1, import_id);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    return store_step(st, s, "cannot record the import");
}

int store_list_imports(struct store *st, struct import_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, Q_LIST_IMPORTS);
    if (!s)
        return store_db_fail(st, "cannot read the imports");
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
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the imports");
    sqlite3_reset(s);
    if (rc) {
        store_free_imports(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
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

int store_undo_import(struct store *st, long long id) { return store_undo_import_force(st, id, false); }

int store_undo_import_force(struct store *st, long long id, bool force)
{
    sqlite3_stmt *s = store_stmt(st, Q_UNDO_CHECK);
    if (!s)
        return store_db_fail(st, "cannot read the imports");
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
    rc = rc == SQLITE_ROW ? 0 : store_db_fail(st, "cannot read the imports");
    sqlite3_reset(s);
    if (rc)
        return rc;
    if (!exists)
        return store_fail(st, CSM_EXIT_FAIL, "there is no import %lld (csm imports lists them)", id);
    if (undone[0])
        return store_fail(st, CSM_EXIT_FAIL, "import %lld was already undone, at %s", id, undone);
    if (later[0])
        return store_fail(st, CSM_EXIT_FAIL, "import %lld has later imports over it: undo those first (%s)", id,
                          later);
    if ((edited || notes) && !force)
        return store_fail(st, CSM_EXIT_FAIL,
                          "undoing import %lld would also lose %d account%s edited since and %d note%s on accounts "
                          "it created; add --force to undo all the same",
                          id, edited, edited == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
    static const enum stmt_id steps[] = {Q_UNDO_SNAPSHOTS, Q_UNDO_PREV_SNAPSHOTS, Q_UNDO_ATTRIBUTES,
                                         Q_UNDO_CREATED,   Q_UNDO_JOURNAL,        Q_UNDO_MARK};
    if ((rc = store_begin(st)))
        return rc;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
        if (!(s = store_stmt(st, steps[i])))
            rc = store_db_fail(st, "cannot undo the import");
        else {
            sqlite3_bind_int64(s, 1, id);
            rc = store_step(st, s, "cannot undo the import");
        }
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st);
}

int store_import_changes(struct store *st, const struct health_model *m, long long import_id,
                         void (*fn)(void *ctx, const struct account *now, int prev_day, const short *prev_scores),
                         void *ctx)
{
    int rc = store_map_components(st, m, false);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_CHANGES);
    if (!s)
        return store_db_fail(st, "cannot compare the import");
    sqlite3_bind_int64(s, 1, import_id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct account cur;
        account_init(&cur);
        short prev[MODEL_MAX_COMPONENTS];
        cur.id = sqlite3_column_int64(s, 0);
        cur.name = col_dup(s, 1, NULL);
        cur.renewal = col_date(s, 2);
        cur.snapshot_day = col_date(s, 3);
        store_decode_scores(st, m, sqlite3_column_text(s, 4), cur.score);
        store_decode_scores(st, m, sqlite3_column_text(s, 6), prev);
        fn(ctx, &cur, col_date(s, 5), prev);
        account_free(&cur);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot compare the import");
    sqlite3_reset(s);
    return rc;
}
