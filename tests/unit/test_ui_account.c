/* The account screen without a terminal: the edit prompt's words, split as
 * a shell would split them. */
#include "testing.h"

#include <stdio.h>
#include <string.h>

#include "csm/ui.h"

static int split(const char *line, char *buf, size_t len, char **word, int max, const char **why)
{
    snprintf(buf, len, "%s", line);
    return ui_split_words(buf, word, max, why);
}

static void pairs_with_quotes(void **state)
{
    (void)state;
    char buf[128], *w[8];
    const char *why;
    assert_int_equal(split("nps=9 owner=\"Jane Doe\"  pulse=green", buf, sizeof buf, w, 8, &why), 3);
    assert_string_equal(w[0], "nps=9");
    assert_string_equal(w[1], "owner=Jane Doe");
    assert_string_equal(w[2], "pulse=green");
    assert_null(why);
}

static void quoting_as_sh(void **state)
{
    (void)state;
    char buf[128], *w[8];
    const char *why;
    /* single quotes keep everything; in double quotes only \" and \\ escape;
     * outside quotes a backslash escapes the next character */
    assert_int_equal(split("note='it'\\''s \\' owner=\"O\\\"Neil \\n\" a=b\\ c \"key\"=v", buf, sizeof buf, w, 8, &why),
                     4);
    assert_string_equal(w[0], "note=it's \\");
    assert_string_equal(w[1], "owner=O\"Neil \\n");
    assert_string_equal(w[2], "a=b c");
    assert_string_equal(w[3], "key=v");
    assert_int_equal(split("owner= nps=''", buf, sizeof buf, w, 8, &why), 2);
    assert_string_equal(w[0], "owner=");
    assert_string_equal(w[1], "nps=");
}

static void blanks_only(void **state)
{
    (void)state;
    char buf[32], *w[4];
    const char *why;
    assert_int_equal(split("  \t ", buf, sizeof buf, w, 4, &why), 0);
    assert_int_equal(split("", buf, sizeof buf, w, 4, &why), 0);
    assert_int_equal(split(" nps=9 ", buf, sizeof buf, w, 4, &why), 1);
    assert_string_equal(w[0], "nps=9");
}

static void unclosed_and_too_many(void **state)
{
    (void)state;
    char buf[64], *w[2];
    const char *why;
    assert_int_equal(split("owner=\"Jane Doe", buf, sizeof buf, w, 2, &why), -1);
    assert_string_equal(why, "a \" is not closed");
    assert_int_equal(split("owner='Jane", buf, sizeof buf, w, 2, &why), -1);
    assert_string_equal(why, "a ' is not closed");
    assert_int_equal(split("a=1 b=2 c=3", buf, sizeof buf, w, 2, &why), -1);
    assert_string_equal(why, "too many pairs at once");
    assert_int_equal(split("a=1 b=2 ", buf, sizeof buf, w, 2, &why), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pairs_with_quotes),
        cmocka_unit_test(quoting_as_sh),
        cmocka_unit_test(blanks_only),
        cmocka_unit_test(unclosed_and_too_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
