/* File-name completion for the import prompt, on a directory of its own:
 * the longest common prefix, a directory with its '/', "~/" as $HOME. */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm/ui.h"

static char dir[64];

static void touch(const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/csm-complete-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    touch("alpha.csv");
    touch("alpine.csv");
    touch("beta.csv");
    touch(".hidden.csv");
    char p[256];
    snprintf(p, sizeof p, "%s/data", dir);
    return mkdir(p, 0700);
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"alpha.csv", "alpine.csv", "beta.csv", ".hidden.csv", "data"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", dir, names[k]);
        remove(p);
    }
    return rmdir(dir);
}

/* Completes dir/typed and checks the part after "dir/". */
static int complete(const char *typed, char *got, size_t len)
{
    char in[256], out[512];
    snprintf(in, sizeof in, "%s/%s", dir, typed);
    int n = ui_complete_path(in, out, sizeof out);
    size_t dl = strlen(dir) + 1;
    assert_true(strncmp(out, in, dl) == 0);
    snprintf(got, len, "%s", out + dl);
    return n;
}

static void common_prefix_of_matches(void **state)
{
    (void)state;
    char got[256];
    assert_int_equal(complete("al", got, sizeof got), 2);
    assert_string_equal(got, "alp");
    assert_int_equal(complete("alp", got, sizeof got), 2);
    assert_string_equal(got, "alp"); /* no further: two names go on differently */
    assert_int_equal(complete("alph", got, sizeof got), 1);
    assert_string_equal(got, "alpha.csv");
}

static void one_match_whole(void **state)
{
    (void)state;
    char got[256];
    assert_int_equal(complete("b", got, sizeof got), 1);
    assert_string_equal(got, "beta.csv");
    assert_int_equal(complete("beta.csv", got, sizeof got), 1);
    assert_string_equal(got, "beta.csv");
}

static void directory_gets_slash(void **state)
{
    (void)state;
    char got[256];
    assert_int_equal(complete("d", got, sizeof got), 1);
    assert_string_equal(got, "data/");
    assert_int_equal(complete("data/", got, sizeof got), 0); /* empty: nothing inside */
    assert_string_equal(got, "data/");
}

static void no_match_unchanged(void **state)
{
    (void)state;
    char got[256];
    assert_int_equal(complete("z", got, sizeof got), 0);
    assert_string_equal(got, "z");
    char out[64];
    assert_int_equal(ui_complete_path("/no/such/dir/x", out, sizeof out), 0);
    assert_string_equal(out, "/no/such/dir/x");
}

static void hidden_only_when_asked(void **state)
{
    (void)state;
    char got[256];
    assert_int_equal(complete("", got, sizeof got), 4);
    assert_string_equal(got, ""); /* alpha, alpine, beta, data: nothing in common */
    assert_int_equal(complete(".h", got, sizeof got), 1);
    assert_string_equal(got, ".hidden.csv");
}

static void home_expands(void **state)
{
    (void)state;
    char *old = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", dir, 1);
    char out[512];
    assert_int_equal(ui_complete_path("~/be", out, sizeof out), 1);
    assert_string_equal(out, "~/beta.csv"); /* the "~/" stays as typed */
    char full[512], want[512];
    assert_true(ui_expand_home("~/beta.csv", full, sizeof full));
    snprintf(want, sizeof want, "%s/beta.csv", dir);
    assert_string_equal(full, want);
    assert_true(ui_expand_home("x/~/y", full, sizeof full));
    assert_string_equal(full, "x/~/y");
    assert_false(ui_expand_home("~/beta.csv", full, 4));
    if (old) {
        setenv("HOME", old, 1);
        free(old);
    } else {
        unsetenv("HOME");
    }
}

static void relative_to_the_working_directory(void **state)
{
    (void)state;
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    char out[64];
    int n = ui_complete_path("alpi", out, sizeof out);
    int m = ui_complete_path("da", out + 32, 32);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out, "alpine.csv");
    assert_int_equal(m, 1);
    assert_string_equal(out + 32, "data/");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(common_prefix_of_matches), cmocka_unit_test(one_match_whole),
        cmocka_unit_test(directory_gets_slash),     cmocka_unit_test(no_match_unchanged),
        cmocka_unit_test(hidden_only_when_asked),   cmocka_unit_test(home_expands),
        cmocka_unit_test(relative_to_the_working_directory),
    };
    return cmocka_run_group_tests_name("ui_complete", tests, setup, teardown);
}
