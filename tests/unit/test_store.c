/* The store: round trip, re-import, snapshots, schema version, permissions. */
#include "testing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/store.h"

static char dir[64];
static char db[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/csm-test-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/sub/folder/p.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static struct store *open_rw(void)
{
    struct store *st = NULL;
    char err[256];
    int rc = store_open(db, STORE_READ_WRITE, &st, err, sizeof err);
    if (rc)
        fail_msg("store_open: %s", err);
    return st;
}

static void put_sample(struct store *st, const struct scoring *sc, int as_of, int *created)
{
    assert_int_equal(store_begin(st), 0);
    *created = 0;
    for (int i = 0; i < 15; i++) {
        const struct sample_row *r = &sample_book[i];
        struct account a;
        account_init(&a);
        a.name = (char *)r->name;
        a.term_years = r->term;
        a.acv_cents = (int64_t)r->acv * 100;
        a.renewal = date_add_months(as_of, r->renewal_months);
        a.trend = r->trend;
        a.score[0] = tenths(r->product);
        a.score[1] = tenths(r->satisfaction);
        a.score[2] = tenths(r->support);
        a.score[3] = tenths(r->sponsorship);
        enum store_put how;
        assert_int_equal(
            store_put_account(st, &sc->model, &a, SF_TERM | SF_ACV | SF_RENEWAL, STORE_SNAP_ALL, as_of, 0, &how, NULL), 0);
        *created += how == PUT_CREATED;
    }
    assert_int_equal(store_commit(st), 0);
}

static void creates_private_file_and_folders(void **state)
{
    (void)state;
    mode_t old = umask(0);
    struct store *st = open_rw();
    umask(old);
    struct stat sb;
    assert_int_equal(stat(db, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char folder[160];
    snprintf(folder, sizeof folder, "%s/sub/folder", dir);
    assert_int_equal(stat(folder, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
    store_close(st);
}

static void round_trip_keeps_every_value(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    int as_of;
    assert_true(date_parse_iso("2027-01-01", &as_of));
    struct store *st = open_rw();
    int created;
    put_sample(st, &sc, as_of, &created);
    assert_int_equal(created, 15);
    struct account_set set;
    assert_int_equal(store_load_accounts(st, &sc.model, false, DATE_NONE, &set), 0);
    struct account *v = set.v;
    size_t n = set.n;
    assert_int_equal(n, 15);
    for (size_t i = 0; i < n; i++) {
        const struct sample_row *r = &sample_book[i];
        assert_string_equal(v[i].name, r->name);
        assert_int_equal(v[i].acv_cents, (int64_t)r->acv * 100);
        assert_int_equal(v[i].term_years, r->term);
        assert_int_equal(v[i].trend, r->trend);
        assert_int_equal(v[i].score[0], tenths(r->product));
        assert_int_equal(v[i].score[1], tenths(r->satisfaction));
        assert_int_equal(v[i].score[3], tenths(r->sponsorship));
        assert_int_equal(date_months_between(as_of, v[i].renewal), r->renewal_months);
        assert_int_equal(v[i].snapshot_day, as_of);
        assert_int_equal(v[i].nps, -1);
        assert_true(isnan(v[i].kpi_baseline));
    }
    /* Customer 12's missing satisfaction stays missing, not 0. */
    assert_int_equal(v[11].score[1], SCORE_NONE);
    store_free_accounts(&set);
    store_close(st);
}

static void reimport_updates_and_keeps_history(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    int d1, d2;
    assert_true(date_parse_iso("2027-01-01", &d1));
    assert_true(date_parse_iso("2027-02-01", &d2));
    struct store *st = open_rw();
    int created;
    put_sample(st, &sc, d1, &created);
    put_sample(st, &sc, d1, &created); /* the same day again: replaced, not piled up */
    assert_int_equal(created, 0);
    put_sample(st, &sc, d2, &created);
    assert_int_equal(created, 0);
    long long count;
    assert_int_equal(store_count_accounts(st, &count), 0);
    assert_int_equal(count, 15);
    struct account_set set;
    assert_int_equal(store_load_accounts(st, &sc.model, true, DATE_NONE, &set), 0);
    struct account *v = set.v;
    size_t n = set.n;
    assert_int_equal(n, 15);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(v[i].nhist, 2);
        assert_int_equal(v[i].hist_day[0], d1);
        assert_int_equal(v[i].hist_day[1], d2);
        assert_int_equal(v[i].snapshot_day, d2);
    }
    store_free_accounts(&set);

    struct account one;
    assert_int_equal(store_find_account(st, &sc.model, "customer 12", &one), 0);
    assert_string_equal(one.name, "Customer 12");
    assert_int_equal(one.nhist, 2);
    assert_int_equal(one.score[1], SCORE_NONE);
    account_free(&one);
    assert_int_equal(store_find_account(st, &sc.model, "Customer 99", &one), -1);
    store_close(st);
}

static void unset_attributes_are_kept_on_update(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    int d;
    assert_true(date_parse_iso("2027-01-01", &d));
    struct store *st = open_rw();
    struct account a;
    account_init(&a);
    a.name = "Acme";
    a.acv_cents = 500000;
    a.nps = 9;
    enum store_put how;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_put_account(st, &sc.model, &a, SF_ACV | SF_NPS, STORE_SNAP_ALL, d, 0, &how, NULL), 0);
    assert_int_equal(how, PUT_CREATED);
    /* A second file without NPS and with a new ACV, the name in other case. */
    a.name = "ACME";
    a.nps = -1;
    a.acv_cents = 600000;
    assert_int_equal(store_put_account(st, &sc.model, &a, SF_ACV, STORE_SNAP_ALL, d, 0, &how, NULL), 0);
    assert_int_equal(how, PUT_UPDATED);
    assert_int_equal(store_commit(st), 0);
    struct account b;
    assert_int_equal(store_find_account(st, &sc.model, "acme", &b), 0);
    assert_int_equal(b.nps, 9);
    assert_int_equal(b.acv_cents, 600000);
    assert_string_equal(b.name, "ACME");
    account_free(&b);
    store_close(st);
}

static void rollback_leaves_nothing(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    struct store *st = open_rw();
    struct account a;
    account_init(&a);
    a.name = "Ghost";
    enum store_put how;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_put_account(st, &sc.model, &a, 0, STORE_SNAP_ALL, 20000, 0, &how, NULL), 0);
    store_rollback(st);
    long long count;
    assert_int_equal(store_count_accounts(st, &count), 0);
    assert_int_equal(count, 0);
    store_close(st);
}

static void refuses_newer_schema_and_non_database(void **state)
{
    (void)state;
    struct store *st = open_rw();
    store_close(st);
    /* Pretend a newer csm wrote it. */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA user_version = 99'", db);
    if (system(cmd) != 0)
        skip();
    char err[256];
    assert_int_equal(store_open(db, STORE_READ_WRITE, &st, err, sizeof err), 74);
    assert_null(st);
    assert_non_null(strstr(err, "newer csm"));

    char junk[160];
    snprintf(junk, sizeof junk, "%s/junk.db", dir);
    FILE *f = fopen(junk, "w");
    assert_non_null(f);
    fputs("this is not a database, just some text that is long enough to be read as a header....\n", f);
    fclose(f);
    assert_int_equal(store_open(junk, STORE_READ_WRITE, &st, err, sizeof err), 74);
    assert_non_null(strstr(err, "not a csm database"));
}

static void read_only_needs_an_existing_file(void **state)
{
    (void)state;
    struct store *st;
    char err[256];
    assert_int_equal(store_open(db, STORE_READ_ONLY, &st, err, sizeof err), 74);
    assert_non_null(strstr(err, "no database"));
    assert_int_equal(access(db, F_OK), -1); /* and it did not create one */
}

static struct saved_activity activity(const char *ref, long long account, const char *template_id)
{
    struct saved_activity a;
    memset(&a, 0, sizeof a);
    snprintf(a.ref, sizeof a.ref, "%s", ref);
    a.account_id = account;
    a.client = (char *)"Acme";
    a.kind = (char *)"retention";
    a.template_id = (char *)template_id;
    a.description = a.purpose = a.results = a.measurement = a.notes = a.dependencies = (char *)"";
    a.hours = 2;
    a.deadline = 20000;
    return a;
}

/* The plan the interface's w and plan --save both store: a plan saved over
 * one whose dates overlap replaces it, carrying each status to the same
 * activity, keeping done and dropped ones it lacks (under a free ref), and
 * removing planned ones it lacks. */
static void saving_a_plan_again_keeps_what_was_recorded(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    struct store *st = open_rw();
    int created;
    put_sample(st, &sc, 20000, &created);
    struct saved_activity first[3] = {activity("RET-01", 1, "risk-review"), activity("RET-02", 2, "renewal-60"),
                                      activity("EXP-01", 3, "value-review")};
    long long id;
    struct plan_carry carry;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_save_plan(st, 20000, 20090, 100, first, 3, &id, &carry), 0);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(carry.replaced, 0);
    store_free_carry(&carry);
    assert_int_equal(store_set_activity_status(st, "RET-01", "done", 20005, "signed early"), 0);
    assert_int_equal(store_set_activity_status(st, "ret-02", "dropped", 20006, NULL), 0);
    assert_int_equal(store_set_activity_status(st, "NOPE-01", "done", 20006, NULL), -1);
    /* Ten days later: one new activity, and RET-01's under another ref. */
    struct saved_activity second[2] = {activity("RET-01", 4, "risk-review"), activity("RET-02", 1, "risk-review")};
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_save_plan(st, 20010, 20100, 100, second, 2, &id, &carry), 0);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(carry.replaced, 1);
    assert_int_equal(carry.carried, 1);
    assert_int_equal(carry.kept, 1);
    assert_int_equal(carry.removed, 1);
    assert_int_equal(carry.n, 2);
    assert_string_equal(carry.v[0].ref, "RET-02");
    assert_string_equal(carry.v[0].old_ref, "RET-01");
    assert_string_equal(carry.v[0].status, "done");
    assert_true(carry.v[1].kept);
    assert_string_equal(carry.v[1].old_ref, "RET-02");
    assert_string_equal(carry.v[1].ref, "RET-03");
    store_free_carry(&carry);
    struct saved_activity *v;
    size_t n;
    assert_int_equal(store_load_activities(st, 0, &v, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(v[i].plan_start, 20010);
        if (!strcmp(v[i].ref, "RET-01"))
            assert_true(v[i].account_id == 4 && !strcmp(v[i].status, "planned"));
        else if (!strcmp(v[i].ref, "RET-02")) /* carried: the status, its day and what came of it */
            assert_true(v[i].account_id == 1 && !strcmp(v[i].status, "done") && v[i].done_on == 20005 &&
                        v[i].outcome && !strcmp(v[i].outcome, "signed early"));
        else
            assert_true(!strcmp(v[i].ref, "RET-03") && v[i].account_id == 2 && !strcmp(v[i].status, "dropped") &&
                        v[i].done_on == DATE_NONE && !v[i].outcome);
    }
    store_free_activities(v, n);
    /* Reopened: planned, the day gone, what was said kept; the plan by its dates. */
    assert_int_equal(store_set_activity_status(st, "RET-02", "planned", 20007, NULL), 0);
    assert_int_equal(store_load_plan(st, 20010, 20100, true, &v, &n), 0);
    assert_int_equal(n, 3);
    assert_true(!strcmp(v[1].ref, "RET-02") && !strcmp(v[1].status, "planned") && v[1].done_on == DATE_NONE &&
                !strcmp(v[1].outcome, "signed early"));
    store_free_activities(v, n);
    assert_int_equal(store_load_plan(st, 20010, 20099, true, &v, &n), 0);
    assert_int_equal(n, 0);
    store_free_activities(v, n);
    assert_int_equal(store_load_plan(st, 20050, 0, false, &v, &n), 0); /* the plan that holds the day */
    assert_int_equal(n, 3);
    store_free_activities(v, n);
    store_close(st);
}

/* A dry run's classification is what the import then does, row by row:
 * the same rules, seen from outside (issue 15, item 3). */
static void classify_agrees_with_put(void **state)
{
    (void)state;
    struct scoring sc;
    scoring_defaults(&sc);
    int d = 20000;
    struct store *st = open_rw();
    struct account a;
    account_init(&a);
    a.name = "Acme";
    a.acv_cents = 500000;
    a.score[0] = 700;
    a.score[1] = 800;
    a.trend = TREND_UP;
    enum store_put how, want;
    long long id, id2;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_classify_account(st, &sc.model, &a, SF_ACV, STORE_SNAP_ALL, d, &want, &id), 0);
    assert_int_equal(want, PUT_CREATED);
    assert_int_equal(id, 0);
    assert_int_equal(store_put_account(st, &sc.model, &a, SF_ACV, STORE_SNAP_ALL, d, 0, &how, &id), 0);
    assert_int_equal(how, PUT_CREATED);
    assert_true(id > 0);
    struct {
        int64_t acv;
        short product;
        int trend;
        int day;
        unsigned snap;
        enum store_put expect;
    } steps[] = {
        {500000, 700, TREND_UP, 20000, STORE_SNAP_ALL, PUT_UNCHANGED},    /* the same row again */
        {500000, 700, TREND_DOWN, 20000, STORE_SNAP_ALL, PUT_UPDATED},    /* only the trend differs */
        {600000, 700, TREND_DOWN, 20000, STORE_SNAP_ALL, PUT_UPDATED},    /* only the ACV differs */
        {600000, 700, TREND_DOWN, 20000, 0, PUT_UNCHANGED},              /* no score columns, same ACV */
        {600000, 700, TREND_DOWN, 20007, STORE_SNAP_ALL, PUT_UPDATED},    /* a new day */
        {600000, 650, TREND_DOWN, 19990, STORE_SNAP_ALL, PUT_HISTORY},    /* an older day: history */
        {900000, 650, TREND_DOWN, 19990, STORE_SNAP_ALL, PUT_UNCHANGED},  /* the same older day: attributes stay */
        {600000, 700, TREND_DOWN, 20007, 1u, PUT_UNCHANGED},              /* Product alone, as it is */
        {600000, 710, TREND_DOWN, 20007, 1u, PUT_UPDATED},                /* Product alone, changed */
    };
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        a.acv_cents = steps[k].acv;
        a.score[0] = steps[k].product;
        a.trend = steps[k].trend;
        assert_int_equal(store_classify_account(st, &sc.model, &a, SF_ACV, steps[k].snap, steps[k].day, &want, &id2), 0);
        assert_int_equal(id2, id);
        assert_int_equal(store_put_account(st, &sc.model, &a, SF_ACV, steps[k].snap, steps[k].day, 0, &how, &id2), 0);
        if (how != steps[k].expect || want != how)
            fail_msg("step %zu: put %d, classify %d, expected %d", k, how, want, steps[k].expect);
    }
    assert_int_equal(store_commit(st), 0);
    store_close(st);
}

/* What an import changed is kept with it and read back in order. */
static void changes_are_kept_with_the_import(void **state)
{
    (void)state;
    struct store *st = open_rw();
    long long imp;
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_import_begin(st, "w.csv", NULL, 20000, &imp), 0);
    assert_int_equal(store_import_finish(st, imp, 2, 2, 0, 0, NULL), 0);
    assert_int_equal(store_commit(st), 0);
    struct import_change *v;
    size_t n;
    bool kept;
    assert_int_equal(store_load_changes(st, imp, &v, &n, &kept), 0);
    assert_false(kept);
    assert_int_equal(n, 0);
    struct import_change in[2] = {{"red", 0, 12, 0, "Alpha", "health 40 (was 80)"},
                                  {"missing", 0, 1, 0, "Hotel", "not in this export"}};
    assert_int_equal(store_save_changes(st, imp, in, 2), 0);
    assert_int_equal(store_load_changes(st, imp, &v, &n, &kept), 0);
    assert_true(kept);
    assert_int_equal(n, 2);
    assert_string_equal(v[1].kind, "red");
    assert_int_equal(v[1].total, 12);
    assert_string_equal(v[1].name, "Alpha");
    assert_string_equal(v[1].detail, "health 40 (was 80)");
    store_free_changes(v, n);
    /* Kept again: the list is replaced, not added to. */
    assert_int_equal(store_save_changes(st, imp, in, 1), 0);
    assert_int_equal(store_load_changes(st, imp, &v, &n, &kept), 0);
    assert_int_equal(n, 1);
    store_free_changes(v, n);
    store_close(st);
}

/* An export's settings are remembered by a key of its header line. */
static void settings_are_remembered_by_key(void **state)
{
    (void)state;
    struct store *st = open_rw();
    struct export_settings set;
    assert_int_equal(store_get_settings(st, "k1", &set), -1);
    struct export_settings in = {';', "D/M/YYYY", "[[\"Kunde\",\"name\"]]", 0};
    assert_int_equal(store_put_settings(st, "k1", "Kunde;Produkt", &in), 0);
    assert_int_equal(store_get_settings(st, "k1", &set), 0);
    assert_int_equal(set.delimiter, ';');
    assert_string_equal(set.date_format, "D/M/YYYY");
    assert_string_equal(set.maps, "[[\"Kunde\",\"name\"]]");
    store_free_settings(&set);
    struct export_settings none = {0, "", NULL, 0};
    assert_int_equal(store_put_settings(st, "k1", "Kunde;Produkt", &none), 0);
    assert_int_equal(store_get_settings(st, "k1", &set), 0);
    assert_int_equal(set.delimiter, 0);
    assert_null(set.maps);
    store_free_settings(&set);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(creates_private_file_and_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(round_trip_keeps_every_value, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_updates_and_keeps_history, setup, teardown),
        cmocka_unit_test_setup_teardown(unset_attributes_are_kept_on_update, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_newer_schema_and_non_database, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only_needs_an_existing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(saving_a_plan_again_keeps_what_was_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(classify_agrees_with_put, setup, teardown),
        cmocka_unit_test_setup_teardown(changes_are_kept_with_the_import, setup, teardown),
        cmocka_unit_test_setup_teardown(settings_are_remembered_by_key, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
