/* The action table is the one source of the keys: every key in it is in the
 * man page's KEYS section, with its help. */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/ui.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void man_page_lists_every_key(void **state)
{
    (void)state;
    char *man = read_all("../doc/csm.1");
    assert_non_null(man);
    char *keys = strstr(man, ".SH KEYS");
    assert_non_null(keys);
    char *end = strstr(keys + 1, ".SH ");
    assert_non_null(end);
    *end = '\0';
    for (int i = 0; i < ui_nactions; i++) {
        const struct action_def *a = &ui_actions[i];
        /* The man page writes the arrows as roff escapes. */
        char label[64];
        snprintf(label, sizeof label, "%s", a->key_label);
        if (strncmp(label, "\xe2\x86\x91", 3) == 0)
            snprintf(label, sizeof label, "\\(ua%s", a->key_label + 3);
        if (strncmp(label, "\xe2\x86\x93", 3) == 0)
            snprintf(label, sizeof label, "\\(da%s", a->key_label + 3);
        char line[96];
        snprintf(line, sizeof line, ".B %s\n", label);
        if (!strstr(keys, line))
            fail_msg("the man page has no key '%s'", a->key_label);
        if (!strstr(keys, a->help))
            fail_msg("the man page has no help '%s' for '%s'", a->help, a->key_label);
        assert_int_equal(ui_action_for_key(a->keys[0]), a->action);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(man_page_lists_every_key)};
    return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
