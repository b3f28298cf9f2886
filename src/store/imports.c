/* Imports: their record, the journal that lets one be undone, the undo,
 * and what an import changed. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    static const enum stmt_id steps[] = {Q_UNDO_SNAPSHOTS, Q_UNDO_PREV_SNAPSHOTS, Q_UNDO_BASE,
                                         Q_UNDO_DAYS,      Q_UNDO_ATTRIBUTES,     Q_UNDO_CREATED,
                                         Q_UNDO_JOURNAL,   Q_UNDO_JOURNAL_DAYS,   Q_UNDO_MARK};
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

int store_find_import_by_hash(struct store *st, const char *sha256, long long *id, char imported_at[32], int *as_of)
{
    *id = 0;
    imported_at[0] = '\0';
    *as_of = DATE_NONE;
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_BY_HASH);
    if (!s)
        return store_db_fail(st, "cannot read the imports");
    sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        const unsigned char *t = sqlite3_column_text(s, 1);
        snprintf(imported_at, 32, "%s", t ? (const char *)t : "");
        *as_of = col_date(s, 2);
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the imports");
    sqlite3_reset(s);
    return rc;
}

int store_import_journal(struct store *st, const struct health_model *m, long long import_id,
                         int (*fn)(void *ctx, const struct account *before, int day), void *ctx)
{
    int rc = store_map_components(st, m, false);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_JOURNAL);
    if (!s)
        return store_db_fail(st, "cannot read what the import changed");
    sqlite3_bind_int64(s, 1, import_id);
    int step, stop = 0;
    while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
        struct account a;
        store_read_account_facts(s, &a);
        int day = col_date(s, 15);
        a.snapshot_day = col_date(s, 16);
        if (a.snapshot_day != DATE_NONE) {
            a.trend = store_trend_parse(sqlite3_column_text(s, 17));
            a.reported_health = col_int(s, 18, SCORE_NONE);
            store_decode_scores(st, m, sqlite3_column_text(s, 19), a.score);
        }
        stop = fn(ctx, &a, day);
        account_free(&a);
    }
    rc = stop ? stop : step == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read what the import changed");
    sqlite3_reset(s);
    return rc;
}

int store_snapshot_meta(struct store *st, long long account_id, int day, int *trend, int *reported)
{
    *trend = TREND_NONE;
    *reported = SCORE_NONE;
    sqlite3_stmt *s = store_stmt(st, Q_SNAPSHOT_META);
    if (!s)
        return store_db_fail(st, "cannot read the snapshots");
    sqlite3_bind_int64(s, 1, account_id);
    bind_date(s, 2, day);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *trend = store_trend_parse(sqlite3_column_text(s, 0));
        *reported = col_int(s, 1, SCORE_NONE);
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the snapshots");
    sqlite3_reset(s);
    return rc;
}

int store_import_was_first(struct store *st, long long import_id, bool *first)
{
    *first = false;
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_FIRST);
    if (!s)
        return store_db_fail(st, "cannot read the imports");
    sqlite3_bind_int64(s, 1, import_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *first = sqlite3_column_int(s, 0) != 0;
    rc = rc == SQLITE_ROW ? 0 : store_db_fail(st, "cannot read the imports");
    sqlite3_reset(s);
    return rc;
}

int store_import_created(struct store *st, long long import_id, long long **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, Q_IMPORT_CREATED);
    if (!s)
        return store_db_fail(st, "cannot read what the import changed");
    sqlite3_bind_int64(s, 1, import_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read what the import changed");
    sqlite3_reset(s);
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

int store_save_changes(struct store *st, long long import_id, const struct import_change *v, size_t n)
{
    const char *what = "cannot keep what the import changed";
    int rc = store_begin(st);
    sqlite3_stmt *s = rc ? NULL : store_stmt(st, Q_CHANGES_CLEAR);
    if (!rc && !s)
        rc = store_db_fail(st, what);
    if (!rc) {
        sqlite3_bind_int64(s, 1, import_id);
        rc = store_step(st, s, what);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        if (!(s = store_stmt(st, Q_CHANGE_ADD))) {
            rc = store_db_fail(st, what);
            break;
        }
        sqlite3_bind_int64(s, 1, import_id);
        sqlite3_bind_text(s, 2, v[i].kind, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 3, v[i].seq);
        sqlite3_bind_int64(s, 4, v[i].total);
        bind_int_or_null(s, 5, v[i].account_id, v[i].account_id > 0);
        sqlite3_bind_text(s, 6, v[i].name ? v[i].name : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, v[i].detail ? v[i].detail : "", -1, SQLITE_STATIC);
        rc = store_step(st, s, what);
    }
    if (!rc && !(s = store_stmt(st, Q_CHANGES_KEPT)))
        rc = store_db_fail(st, what);
    if (!rc) {
        sqlite3_bind_int64(s, 1, import_id);
        rc = store_step(st, s, what);
    }
    if (!rc)
        rc = store_commit(st);
    if (rc)
        store_rollback(st);
    return rc;
}

int store_load_changes(struct store *st, long long import_id, struct import_change **out, size_t *n, bool *kept)
{
    *out = NULL;
    *n = 0;
    *kept = false;
    const char *what = "cannot read what the import changed";
    sqlite3_stmt *s = store_stmt(st, Q_CHANGES_KNOWN);
    if (!s)
        return store_db_fail(st, what);
    sqlite3_bind_int64(s, 1, import_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *kept = sqlite3_column_int(s, 0) != 0;
    rc = rc == SQLITE_ROW  ? 0
         : rc == SQLITE_DONE ? store_fail(st, CSM_EXIT_FAIL, "there is no import %lld (csm imports lists them)", import_id)
                             : store_db_fail(st, what);
    sqlite3_reset(s);
    if (rc || !*kept)
        return rc;
    if (!(s = store_stmt(st, Q_CHANGES)))
        return store_db_fail(st, what);
    sqlite3_bind_int64(s, 1, import_id);
    size_t cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct import_change *c = &(*out)[(*n)++];
        const unsigned char *k = sqlite3_column_text(s, 0);
        snprintf(c->kind, sizeof c->kind, "%s", k ? (const char *)k : "");
        c->seq = sqlite3_column_int(s, 1);
        c->total = sqlite3_column_int64(s, 2);
        c->account_id = sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3);
        c->name = col_dup(s, 4, NULL);
        c->detail = col_dup(s, 5, NULL);
    }
    rc = rc == SQLITE_DONE ? 0 : store_db_fail(st, what);
    sqlite3_reset(s);
    if (rc) {
        store_free_changes(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void store_free_changes(struct import_change *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].detail);
    }
    free(v);
}

int store_get_settings(struct store *st, const char *key, struct export_settings *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, Q_SETTINGS_GET);
    if (!s)
        return store_db_fail(st, "cannot read the remembered settings");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    bool found = rc == SQLITE_ROW;
    if (found) {
        const unsigned char *d = sqlite3_column_text(s, 0), *f = sqlite3_column_text(s, 1);
        out->delimiter = d && d[0] && !d[1] ? (char)d[0] : 0;
        snprintf(out->date_format, sizeof out->date_format, "%s", f ? (const char *)f : "");
        out->maps = col_dup(s, 2, NULL);
        out->import_id = sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3);
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_fail(st, "cannot read the remembered settings");
    sqlite3_reset(s);
    if (rc)
        store_free_settings(out);
    return rc ? rc : found ? 0 : -1;
}

int store_put_settings(struct store *st, const char *key, const char *header, const struct export_settings *set)
{
    sqlite3_stmt *s = store_stmt(st, Q_SETTINGS_PUT);
    if (!s)
        return store_db_fail(st, "cannot remember the settings");
    char delim[2] = {set->delimiter, '\0'};
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, header, -1, SQLITE_STATIC);
    bind_text_or_null(s, 3, set->delimiter ? delim : NULL);
    bind_text_or_null(s, 4, set->date_format[0] ? set->date_format : NULL);
    bind_text_or_null(s, 5, set->maps);
    bind_int_or_null(s, 6, set->import_id, set->import_id > 0);
    sqlite3_bind_int64(s, 7, (long long)time(NULL));
    return store_step(st, s, "cannot remember the settings");
}

void store_free_settings(struct export_settings *s)
{
    free(s->maps);
    s->maps = NULL;
}
