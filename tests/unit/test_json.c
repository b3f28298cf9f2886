/* The JSON written straight out for big streams: the same bytes cJSON
 * prints for the same strings and numbers. */
#include "testing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli/common.h"

static char *written(void (*put)(FILE *, const void *), const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    put(f, arg);
    fclose(f);
    return buf;
}

static void put_string(FILE *f, const void *s) { json_put_string(f, s); }
static void put_number(FILE *f, const void *d) { json_put_number(f, true, *(const double *)d); }

static void strings_as_cjson_prints_them(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "", "Acme", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r\n", "\x01\x1f bell\a",
        "Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac", "slash / stays", "\b\f", "\x7f del",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *j = cJSON_CreateString(cases[i]);
        char *want = cJSON_PrintUnformatted(j), *got = written(put_string, cases[i]);
        assert_string_equal(got, want);
        free(want);
        free(got);
        cJSON_Delete(j);
    }
}

static void numbers_as_cjson_prints_them(void **state)
{
    (void)state;
    static const double cases[] = {0, 1, -1, 68000, 1234.56, 0.1, 1e20, 2147483647.0, 2147483648.0,
                                   -2147483648.0, -2147483649.0, 3.14159265358979, 1.0 / 3, 200999.99, 12.5};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *j = cJSON_CreateNumber(cases[i]);
        char *want = cJSON_PrintUnformatted(j), *got = written(put_number, &cases[i]);
        assert_string_equal(got, want);
        free(want);
        free(got);
        cJSON_Delete(j);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_put_number(f, false, 5);
    putc(' ', f);
    json_put_number(f, true, NAN);
    fclose(f);
    assert_string_equal(buf, "null null");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_as_cjson_prints_them),
        cmocka_unit_test(numbers_as_cjson_prints_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
