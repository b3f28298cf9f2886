/* The action list is the one source of the keys: the man page's KEYS
 * section is what it writes (make man), and the keys resolve by rule. */
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

static void man_page_is_current(void **state)
{
    (void)state;
    char *man = read_all("../doc/csm.1");
    assert_non_null(man);
    char *begin = strstr(man, ".\\\" BEGIN KEYS");
    assert_non_null(begin);
    begin = strchr(begin, '\n') + 1;
    char *end = strstr(begin, ".\\\" END KEYS");
    assert_non_null(end);
    *end = '\0';
    char *gen = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&gen, &len);
    assert_non_null(f);
    ui_keys_man(f);
    fclose(f);
    if (strcmp(begin, gen) != 0)
        fail_msg("doc/csm.1's KEYS section is not what the action list writes: run make man");
    /* Every key and its help are there, and what writes says so. */
    for (int i = 0; i < ui_nactions; i++) {
        const struct action_def *a = &ui_actions[i];
        assert_non_null(strstr(gen, a->help));
        if (a->flags & UA_WRITES) {
            char *at = strstr(gen, a->help);
            char *eol = strchr(at, '\n');
            *eol = '\0';
            if (!strstr(at, "read\\-only"))
                fail_msg("'%s' writes but the man page does not say --read-only refuses it", a->name);
            *eol = '\n';
        }
    }
    free(gen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(man_page_is_current)};
    return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
