#ifndef CSM_STORE_H
#define CSM_STORE_H

/* The portfolio database: one SQLite file. This module owns the schema, its
 * migrations and every SQL statement; nothing else includes sqlite3.h.
 * Functions return 0 on success or an exit status (74 for I/O and database
 * faults, 65 for bad data) with the reason in store_error(). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csm/model.h"

#define STORE_SCHEMA_VERSION 7

/* Room for an account's name key (text_name_key): a name of at most 200
 * bytes folds to no more than this. */
#define STORE_NAME_KEY_MAX 1024

struct store;
struct arena;

/* READ_WRITE creates a missing database; EXISTING opens one that must exist
 * (read and write, so an older schema can be upgraded); READ_ONLY never writes. */
enum store_mode { STORE_READ_WRITE, STORE_EXISTING, STORE_READ_ONLY };

/* Opens (creating it, with its folder, when it is missing and mode allows)
 * and migrates the database. On failure *out is NULL and err holds why. */
int store_open(const char *path, enum store_mode mode, struct store **out, char *err, size_t errlen);
void store_close(struct store *st);
const char *store_error(const struct store *st);
/* The database file ("" for one in memory): what no output may overwrite. */
const char *store_path(const struct store *st);
int store_schema_version(struct store *st);

int store_begin(struct store *st);
/* A read transaction: many reads see one state, and take the file's lock
 * once rather than each. Ended with store_read_end. */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* What an import row carries beyond the account itself: which optional
 * attributes the file had (others are left as they are on update). */
enum store_field {
    SF_EXTERNAL_ID = 1 << 0, SF_SEGMENT = 1 << 1, SF_OWNER = 1 << 2, SF_TERM = 1 << 3,
    SF_ACV = 1 << 4, SF_RENEWAL = 1 << 5, SF_NPS = 1 << 6, SF_MSA = 1 << 7,
    SF_ANON = 1 << 8, SF_KPI_BASE = 1 << 9, SF_KPI_CUR = 1 << 10, SF_LAST_ASK = 1 << 11,
    SF_PULSE = 1 << 12,
    /* The renewal was reckoned from a months-to-renewal figure: a stored
     * date within a month of it stands (a weekly export of "4 months" is
     * not a renewal moved by a week). */
    SF_RENEWAL_NEAR = 1 << 13,
};
/* How far a renewal from a months figure may lie from the stored date and
 * still be the same renewal, in days. */
#define STORE_RENEWAL_NEAR_DAYS 31

/* Inside an import's transaction: when the book is empty, switches to a bulk
 * load (no lookups; the unique indexes are built by store_bulk_end). The
 * caller must have refused duplicate names and external ids itself. */
int store_bulk_begin(struct store *st, bool *bulk);
int store_bulk_end(struct store *st);

/* Records the start of an import; *id identifies it for its snapshots. */
int store_import_begin(struct store *st, const char *file, const char *sha256, int as_of, long long *id);
int store_import_finish(struct store *st, long long id, int rows, int created, int updated, int rejected,
                        const char *messages);

/* Which parts of a snapshot an import's file has columns for: bit i for
 * the model's component i, then the trend and the reported health. An
 * import changes only what its file has columns for. STORE_SNAP_DATED
 * says the file dates each row itself (csm's own export): the rows of one
 * account write several days, and the journal keeps each day replaced. */
#define STORE_SNAP_TREND (1u << MODEL_MAX_COMPONENTS)
#define STORE_SNAP_HEALTH (1u << (MODEL_MAX_COMPONENTS + 1))
#define STORE_SNAP_ALL (STORE_SNAP_TREND | STORE_SNAP_HEALTH | ((1u << MODEL_MAX_COMPONENTS) - 1))
#define STORE_SNAP_DATED (1u << (MODEL_MAX_COMPONENTS + 2))

/* What store_put_account did with an account (store_classify_account:
 * would do). */
enum store_put {
    PUT_CREATED,   /* a new account */
    PUT_UPDATED,   /* its attributes, and its snapshot of the day */
    PUT_HISTORY,   /* its history only: the day is before its newest snapshot */
    PUT_UNCHANGED, /* found, and left as it was: the row holds what is stored */
    PUT_KINDS
};

/* Creates or updates the account (matched by external id when it has one,
 * else by its name key, text_name_key) and records its scores as the
 * snapshot of day `as_of`.
 * - `fields`: the attributes the file has (the others are kept).
 * - `snap`: the snapshot's parts the file has (STORE_SNAP_*). With none, no
 *   snapshot is written. Otherwise the snapshot written is the one it
 *   replaces (same day), else the latest earlier one's components, overlaid
 *   with the parts the file has (a part without data there has none); the
 *   trend and reported health come from the file alone, or from the
 *   snapshot replaced when the file lacks them.
 * - A day before the account's newest snapshot adds to its history and
 *   leaves its attributes as they are (PUT_HISTORY).
 * - A row that holds what is stored writes nothing (PUT_UNCHANGED): the
 *   account keeps its revision.
 * *how says which it was, *id (NULL: not wanted) the account's id. */
int store_put_account(struct store *st, const struct health_model *m, const struct account *a, unsigned fields,
                      unsigned snap, int as_of, long long import_id, enum store_put *how, long long *id);
/* What store_put_account would do with the row, writing nothing (a dry
 * run): the same rules, the same answer. *id is 0 for a new account. */
int store_classify_account(struct store *st, const struct health_model *m, const struct account *a, unsigned fields,
                           unsigned snap, int as_of, enum store_put *how, long long *id);

/* Every account of the book, ordered by id, each with its latest snapshot
 * up to day `until` (DATE_NONE: all of them) and, when asked, its history
 * up to that day: the book as it stood then. Their texts and histories
 * live in `mem`, so the set is freed as a whole, never account by account. */
struct account_set {
    struct account *v;
    size_t n;
    struct arena *mem;
};
int store_load_accounts(struct store *st, const struct health_model *m, bool history, int until,
                        struct account_set *out);
void store_free_accounts(struct account_set *set);
/* The first `limit` accounts by name with their histories up to `until`:
 * a page to show while the whole book loads. */
int store_load_first(struct store *st, const struct health_model *m, size_t limit, int until,
                     struct account_set *out);

/* Looks an account up by name (any case) or external id; 0 and a filled *out
 * when found, -1 when there is none, an exit status on error. */
int store_find_account(struct store *st, const struct health_model *m, const char *name, struct account *out);

int store_count_accounts(struct store *st, long long *n);

/* The id of the account an import row would update (by external id, else by
 * name), or 0 when it would create one. */
int store_match_account(struct store *st, const struct account *a, long long *id);
/* One account by id with its history; -1 when there is none. */
int store_load_account(struct store *st, const struct health_model *m, long long id, struct account *out);

struct import_record {
    long long id;
    char *file, *sha256, *imported_at, *undone_at, *messages;
    int as_of;
    int rows, created, updated, rejected;
};
/* A consistent copy of the database at `path` (mode 0600, written to a
 * temporary file and renamed), while others may be using it. An upgrade of
 * an older schema writes one beside the file first: FILE.schemaN.bak. */
int store_backup(struct store *st, const char *path);
/* SQLite's integrity and foreign-key checks: 0 when sound, 65 with what is
 * wrong in out. */
int store_check(struct store *st, char *out, size_t len);
/* Changes when another connection commits (PRAGMA data_version). */
long long store_data_version(struct store *st);

/* Keeps the SHA-256 of the file an import read. */
int store_record_hash(struct store *st, long long import_id, const char *sha256);
int store_list_imports(struct store *st, struct import_record **out, size_t *n);
void store_free_imports(struct import_record *v, size_t n);
/* Undoes the latest import still in force: removes what it added, restores
 * what it changed, in one transaction. 1 with a reason when it cannot. */
int store_undo_import(struct store *st, long long id);
/* The same; without `force` it refuses (1, with what would be lost) when the
 * user has edited the accounts since or written notes on those it created. */
int store_undo_import_force(struct store *st, long long id, bool force);
/* An import in force (not undone) that read the same bytes: *id is 0 when
 * there is none; else its clock time (ISO 8601, UTC) and its as-of day. */
int store_find_import_by_hash(struct store *st, const char *sha256, long long *id, char imported_at[32], int *as_of);
/* Calls fn for each account the import wrote that was in the book before
 * it, in id order: the account as the import found it (its attributes,
 * and when the import replaced its snapshot of `day`, the day it wrote for
 * it, that snapshot: scores, trend, reported health, snapshot_day; else
 * snapshot_day is DATE_NONE; no history, and no texts: the name, external
 * id and owner are NULL). A non-zero return from fn stops and is returned. */
int store_import_journal(struct store *st, const struct health_model *m, long long import_id,
                         int (*fn)(void *ctx, const struct account *before, int day), void *ctx);
/* The trend and reported health of an account's snapshot of `day`
 * (TREND_NONE and SCORE_NONE when it has none). */
int store_snapshot_meta(struct store *st, long long account_id, int day, int *trend, int *reported);
/* Whether the import created every account of the book (its first). */
int store_import_was_first(struct store *st, long long import_id, bool *first);
/* The ids of the accounts the import created, in order (*ids malloc'd). */
int store_import_created(struct store *st, long long import_id, long long **ids, size_t *n);

/* What an import changed worth a look, kept with it: per kind (a short
 * word the report defines) the first accounts, in order, and how many
 * there were in all. */
struct import_change {
    char kind[16];
    int seq;              /* its place among the kind's, from 0 */
    long total;           /* how many of this kind the import had */
    long long account_id; /* 0: the account is gone */
    char *name;
    char *detail;
};
/* Keeps v as import `import_id`'s changes (replacing any), in a
 * transaction of its own. */
int store_save_changes(struct store *st, long long import_id, const struct import_change *v, size_t n);
/* The changes kept with an import, by kind then order; *kept is false
 * for an import whose changes were never kept (before schema 6). */
int store_load_changes(struct store *st, long long import_id, struct import_change **v, size_t *n, bool *kept);
void store_free_changes(struct import_change *v, size_t n);

/* The settings an export was read with, remembered by a key of its header
 * line (see import.h): what the next import of that export reuses. */
struct export_settings {
    char delimiter;        /* 0: none remembered */
    char date_format[12];  /* "M/D/YYYY", "D/M/YYYY", or "" */
    char *maps;            /* the --map options as JSON text, or NULL */
    long long import_id;   /* the import they were remembered from */
};
/* 0 and *out filled, -1 when nothing is remembered, or an exit status. */
int store_get_settings(struct store *st, const char *key, struct export_settings *out);
int store_put_settings(struct store *st, const char *key, const char *header, const struct export_settings *set);
void store_free_settings(struct export_settings *set);

/* Writes the attributes in `fields` of an existing account (a->id); an
 * attribute whose value is unknown (-1, NULL, NAN, DATE_NONE) is cleared. */
int store_update_attributes(struct store *st, const struct account *a, unsigned fields);

struct note {
    int day;
    char *body;
};
int store_add_note(struct store *st, long long account_id, int day, const char *body);
/* The account's notes, oldest first; free with store_free_notes. */
int store_load_notes(struct store *st, long long account_id, struct note **out, size_t *n);
/* Sets each account's last_touch: the day of its latest note or done
 * activity up to `until` (DATE_NONE: any day), DATE_NONE for none. `acc`
 * is in the order of the accounts' ids, as store_load_accounts gives it.
 * Returns 0 or an exit status (message in store_error). */
int store_last_touches(struct store *st, int until, struct account *acc, size_t n);
void store_free_notes(struct note *v, size_t n);

/* A plan's activity as saved for tracking. */
struct saved_activity {
    long long plan_id;
    char ref[12];
    long long account_id;     /* 0 when the account is gone */
    char *client, *kind, *template_id, *description, *purpose, *results, *measurement;
    double hours;
    int deadline;
    char *dependencies;       /* refs, space separated */
    char *notes;
    char *status;             /* planned, done, dropped (read back only) */
    int plan_start, plan_end; /* read back only */
    char *outcome;            /* what came of it, when done (NULL: not said) */
    int done_on;              /* the day it was marked done, or DATE_NONE */
    char *accounts;           /* every account served, a JSON array of names (NULL: the client's) */
    char *duration;           /* the hours in parts, as the plan said them (NULL: not kept) */
    char *title;              /* "Renewal and expansion campaign" (NULL: the template's) */
    double capacity_hours;    /* the plan's (read back only) */
    char saved_at[11];        /* the day the plan was saved (read back only) */
};

/* What saving a plan did to the plans it replaced: one entry per activity
 * whose status came over, or that was kept because the new plan lacks it. */
struct plan_carry_item {
    char ref[12];      /* in the plan saved */
    char old_ref[12];  /* in the plan replaced */
    char status[8];    /* done or dropped */
    bool kept;         /* not in the new plan: kept after its activities */
};
struct plan_carry {
    int replaced;      /* saved plans replaced (their dates overlap) */
    int carried;       /* new activities that took the status recorded for them */
    int kept;          /* done or dropped activities the new plan lacks, kept */
    int removed;       /* planned activities the new plan lacks, removed */
    struct plan_carry_item *v;
    size_t n;
};

/* Saves a plan's activities (their status planned, v[i].status ignored).
 * A saved plan whose dates overlap the new one's is replaced on these
 * terms, so no activity is ever listed twice: each activity of the new
 * plan takes the status recorded for the same activity (same account and
 * template) in the plan replaced; a done or dropped activity the new plan
 * lacks is kept, after the new ones (its ref renumbered when the new plan
 * uses it); a planned one it lacks is removed. *carry (NULL: not wanted)
 * says what happened; free it with store_free_carry. The caller holds a
 * transaction. */
int store_save_plan(struct store *st, int start, int end, double capacity, const struct saved_activity *v, size_t n,
                    long long *plan_id, struct plan_carry *carry);
void store_free_carry(struct plan_carry *carry);
/* The latest saved plan's activities (account_id 0), or every saved
 * activity of one account, newest plan first. */
int store_load_activities(struct store *st, long long account_id, struct saved_activity **out, size_t *n);
void store_free_activities(struct saved_activity *v, size_t n);
/* The activities of the plan saved for exactly start..end (exact), or of
 * the one whose dates hold the day `start` (!exact), in ref order; *n is 0
 * when there is none. */
int store_load_plan(struct store *st, int start, int end, bool exact, struct saved_activity **out, size_t *n);
/* Sets the status of REF in the latest saved plan; -1 when there is no such
 * REF. Done: on day `on`, with the outcome said (NULL keeps what was said);
 * planned again (reopened): the day goes, the outcome stays. */
int store_set_activity_status(struct store *st, const char *ref, const char *status, int on, const char *outcome);

#endif
