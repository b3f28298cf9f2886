/* The importer: the sample, messy headers and values, and every rejection
 * with its line, column and message, leaving the database unchanged. */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/import.h"
#include "csm/store.h"

static char dir[64];
static struct store *st;
static struct scoring sc;
static char *messages;
static size_t messages_len;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/csm-import-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char db[128], err[256];
    snprintf(db, sizeof db, "%s/p.db", dir);
    scoring_defaults(&sc);
    return store_open(db, STORE_READ_WRITE, &st, err, sizeof err);
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    free(messages);
    messages = NULL;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Imports a fixture as of 2027-01-01 (with --force when asked); the
 * messages land in `messages`. */
static int import_forced(const char *file, bool force, struct import_result *res)
{
    struct import_options o = {.scoring = &sc, .force = force};
    assert_true(date_parse_iso("2027-01-01", &o.as_of));
    free(messages);
    FILE *msg = open_memstream(&messages, &messages_len);
    int rc = import_file(st, file, &o, res, msg);
    fclose(msg);
    return rc;
}

static int import(const char *file, struct import_result *res) { return import_forced(file, false, res); }

static long long count(void)
{
    long long n;
    assert_int_equal(store_count_accounts(st, &n), 0);
    return n;
}

static void sample_imports_fifteen(void **state)
{
    (void)state;
    struct import_result r;
    assert_int_equal(import("../data/partner-paradise.csv", &r), 0);
    assert_int_equal(r.rows, 15);
    assert_int_equal(r.created, 15);
    assert_int_equal(r.updated, 0);
    assert_int_equal(count(), 15);
    /* The file's Health column agrees with the model: no mismatch notes. */
    assert_null(strstr(messages, "computes"));
    long long first = r.import_id;
    /* The same bytes again: nothing changes, and it says which import read them. */
    assert_int_equal(import("../data/partner-paradise.csv", &r), 0);
    assert_int_equal(r.before_id, first);
    assert_int_equal(r.created + r.updated + r.unchanged, 0);
    assert_int_equal(r.import_id, 0);
    /* Forced, the same day: every account is found and left as it was. */
    assert_int_equal(import_forced("../data/partner-paradise.csv", true, &r), 0);
    assert_int_equal(r.before_id, 0);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, 0);
    assert_int_equal(r.unchanged, 15);
    assert_int_equal(count(), 15);
    struct account a;
    assert_int_equal(store_find_account(st, &sc.model, "Customer 12", &a), 0);
    assert_int_equal(a.score[0], 320);
    assert_int_equal(a.score[1], SCORE_NONE);
    assert_int_equal(a.reported_health, 410);
    assert_int_equal(a.trend, TREND_DOWN);
    assert_int_equal(a.nhist, 1); /* same day: replaced */
    char d[11];
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-10-01");
    account_free(&a);
}

static void messy_export_is_read(void **state)
{
    (void)state;
    struct import_result r;
    int rc = import("fixtures/messy.csv", &r);
    if (rc)
        fail_msg("rejected: %s", messages);
    assert_int_equal(r.created, 3);
    /* Region is reported as not used, once. */
    assert_non_null(strstr(messages, "'Region'"));
    struct account a;
    assert_int_equal(store_find_account(st, &sc.model, "Smith, Jones & Co", &a), 0);
    assert_int_equal(a.acv_cents, 6800000);
    assert_int_equal(a.score[0], 780);
    assert_int_equal(a.score[1], 840);
    assert_int_equal(a.score[3], 700);
    char d[11];
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-05-01");
    account_free(&a);
    assert_int_equal(store_find_account(st, &sc.model, "Multi Line Name", &a), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(a.score[i], SCORE_NONE);
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-03-15");
    account_free(&a);
    assert_int_equal(store_find_account(st, &sc.model, "plain", &a), 0);
    assert_int_equal(a.acv_cents, 123450);
    assert_int_equal(a.score[0], 555);
    account_free(&a);
}

static void assert_rejected(const char *file, const char *expect)
{
    struct import_result r;
    int rc = import(file, &r);
    if (rc != 65)
        fail_msg("%s: exit %d, expected 65; messages: %s", file, rc, messages ? messages : "");
    if (!strstr(messages, expect))
        fail_msg("%s: expected '%s' in: %s", file, expect, messages);
    assert_int_equal(count(), 0);
}

static void bad_rows_reject_the_file(void **state)
{
    (void)state;
    assert_rejected("fixtures/bad_score.csv", "bad_score.csv:3: column 'Product': is outside 0-100 ('120')");
    assert_rejected("fixtures/bad_number.csv", "bad_number.csv:2: column 'ACV': is not an amount ('12k')");
    assert_rejected("fixtures/no_name.csv", "no_name.csv:1: no column holds the account name");
    assert_rejected("fixtures/unterminated.csv", "unterminated.csv:3:");
    assert_rejected("fixtures/empty.csv", "the file is empty");
    assert_rejected("fixtures/header_only.csv", "no accounts");
    assert_rejected("fixtures/duplicate.csv", "duplicate.csv:3: the account is already on line 2 ('acme')");
    assert_rejected("fixtures/ragged.csv", "ragged.csv:3: the row has 2 fields, the header has 3");
    /* A quoted field over two lines: the next row's line is still right. */
    assert_rejected("fixtures/line_numbers.csv", "line_numbers.csv:3: column 'Product': is not a number ('bad')");
}

static void bad_file_after_good_changes_nothing(void **state)
{
    (void)state;
    struct import_result r;
    assert_int_equal(import("../data/partner-paradise.csv", &r), 0);
    assert_int_equal(import("fixtures/bad_score.csv", &r), 65);
    assert_int_equal(count(), 15);
    struct account a;
    assert_int_equal(store_find_account(st, &sc.model, "Acme", &a), -1);
}

static void missing_file_is_66(void **state)
{
    (void)state;
    struct import_result r;
    assert_int_equal(import("fixtures/no-such-file.csv", &r), 66);
    assert_non_null(strstr(messages, "no-such-file.csv"));
}

static void dry_run_writes_nothing(void **state)
{
    (void)state;
    struct import_options o = {.scoring = &sc, .dry_run = true};
    assert_true(date_parse_iso("2027-01-01", &o.as_of));
    char *out = NULL;
    size_t outlen;
    o.dry_out = open_memstream(&out, &outlen);
    struct import_result r;
    assert_int_equal(import_file(st, "../data/partner-paradise.csv", &o, &r, stderr), 0);
    fclose(o.dry_out);
    assert_int_equal(r.created, 15);
    assert_non_null(strstr(out, "create: Customer 15"));
    free(out);
    assert_int_equal(count(), 0);
}

/* The interface imports through import_file: a FIFO (or any file that is
 * not a regular one) must be refused at once, never waited on. */
static void fifo_is_refused_without_blocking(void **state)
{
    (void)state;
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/in.fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(10); /* a hang fails the test instead of stalling it */
    struct import_result r;
    assert_int_equal(import(fifo, &r), 66);
    assert_non_null(strstr(messages, "is a FIFO, not an export file"));
    struct import_options o = {.scoring = &sc, .dry_run = true};
    FILE *msg = fopen("/dev/null", "w");
    assert_int_equal(import_file(st, fifo, &o, &r, msg), 66);
    fclose(msg);
    alarm(0);
    assert_int_equal(count(), 0);
}

/* The interface imports with the options left as they are: what was
 * remembered for the export is used, and the result says so. */
static void remembered_settings_serve_a_plain_import(void **state)
{
    (void)state;
    char f1[128], f2[128];
    snprintf(f1, sizeof f1, "%s/w1.csv", dir);
    snprintf(f2, sizeof f2, "%s/w2.csv", dir);
    FILE *f = fopen(f1, "w");
    fputs("Client,Renewal Date\nAcme,3/4/2027\n", f);
    fclose(f);
    f = fopen(f2, "w");
    fputs("Client,Renewal Date\nAcme,5/6/2027\nGlobex,1/2/2027\n", f);
    fclose(f);
    struct import_options o = {.scoring = &sc, .date_format = DATE_DMY};
    assert_true(date_parse_iso("2027-01-01", &o.as_of));
    FILE *msg = fopen("/dev/null", "w");
    struct import_result r;
    assert_int_equal(import_file(st, f1, &o, &r, msg), 0);
    assert_string_equal(r.remembered, "");
    struct import_options plain = {.scoring = &sc, .as_of = o.as_of};
    assert_int_equal(import_file(st, f2, &plain, &r, msg), 0);
    fclose(msg);
    assert_string_equal(r.remembered, "--date-format D/M/YYYY");
    struct account a;
    assert_int_equal(store_find_account(st, &sc.model, "Globex", &a), 0);
    char d[11];
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-02-01");
    account_free(&a);
}

/* csm set and the interface read dates as the importer does, with advice
 * that works where they were typed. */
static void attributes_read_dates_with_advice(void **state)
{
    (void)state;
    struct account a;
    account_init(&a);
    unsigned fields = 0;
    const char *why = NULL;
    char v1[] = "15-Mar-27", v2[] = "1/10/2027", v3[] = "1/10/2027";
    assert_true(import_parse_attribute(&sc.model, "renewal_date", v1, 20000, &a, &fields, &why));
    char d[11];
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-03-15");
    assert_false(import_parse_attribute(&sc.model, "renewal_date", v2, 20000, &a, &fields, &why));
    assert_string_equal(why, "is ambiguous (January 10 or 1 October?): write it as 2027-01-10 or 2027-10-01");
    struct attribute_options o = {.as_of = 20000, .date_format = DATE_DMY, .from_cli = true};
    assert_true(import_read_attribute(&sc.model, "renewal_date", v3, &o, &a, &fields, &why));
    date_format(a.renewal, d);
    assert_string_equal(d, "2027-10-01");
    account_free(&a);
}

/* The one list of fields serves the config's check of component keys:
 * names and header names are taken, other words are free. */
static void field_names_and_headers_are_taken(void **state)
{
    (void)state;
    assert_string_equal(import_field_named("acv"), "acv");
    assert_string_equal(import_field_named("ARR"), "acv");
    assert_string_equal(import_field_named("renewal"), "renewal_months");
    assert_string_equal(import_field_named("name"), "name");
    assert_string_equal(import_field_named("nps_score"), "nps");
    assert_string_equal(import_field_named("mrr"), "mrr");
    assert_null(import_field_named("logins"));
    assert_null(import_field_named("product"));
    assert_null(import_field_named(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sample_imports_fifteen, setup, teardown),
        cmocka_unit_test_setup_teardown(messy_export_is_read, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_rows_reject_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_file_after_good_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_file_is_66, setup, teardown),
        cmocka_unit_test_setup_teardown(dry_run_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(fifo_is_refused_without_blocking, setup, teardown),
        cmocka_unit_test_setup_teardown(remembered_settings_serve_a_plain_import, setup, teardown),
        cmocka_unit_test_setup_teardown(attributes_read_dates_with_advice, setup, teardown),
        cmocka_unit_test(field_names_and_headers_are_taken),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
