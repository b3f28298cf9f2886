/* The list widget without a terminal: the cursor and the first row shown,
 * the keys that move them, the mouse's line, the position text, and a list
 * of text that scrolls without a cursor. */
#include "testing.h"

#include <string.h>

#include "csm/ui.h"

static struct ui_list list_of(size_t n, int lines)
{
    struct ui_list l;
    memset(&l, 0, sizeof l);
    ui_list_place(&l, 4, 0, 80, lines);
    ui_list_resize(&l, n);
    return l;
}

static void moving(void **state)
{
    (void)state;
    struct ui_list l = list_of(15, 5);
    char pos[32];
    ui_list_position(&l, pos, sizeof pos);
    assert_string_equal(pos, "1/15");
    assert_true(ui_list_action(&l, A_DOWN));
    assert_int_equal(l.cur, 1);
    assert_true(ui_list_action(&l, A_PAGE_DOWN));
    assert_int_equal(l.cur, 6);
    ui_list_keep_visible(&l);
    assert_int_equal(l.top, 2); /* the cursor on the last line of the page */
    assert_true(ui_list_action(&l, A_END));
    assert_int_equal(l.cur, 14);
    ui_list_keep_visible(&l);
    assert_int_equal(l.top, 10);
    assert_true(ui_list_action(&l, A_DOWN));
    assert_int_equal(l.cur, 14); /* stays on the last */
    assert_true(ui_list_action(&l, A_PAGE_UP));
    assert_int_equal(l.cur, 9);
    assert_true(ui_list_action(&l, A_HOME));
    assert_int_equal(l.cur, 0);
    assert_true(ui_list_action(&l, A_UP));
    assert_int_equal(l.cur, 0);
    assert_false(ui_list_action(&l, A_OPEN)); /* not the list's */
    ui_list_to(&l, 99);
    ui_list_position(&l, pos, sizeof pos);
    assert_string_equal(pos, "15/15");
    /* Fewer items: the cursor stays in range; none: 0/0. */
    ui_list_resize(&l, 3);
    assert_int_equal(l.cur, 2);
    ui_list_resize(&l, 0);
    ui_list_position(&l, pos, sizeof pos);
    assert_string_equal(pos, "0/0");
}

static void two_lines_an_item(void **state)
{
    (void)state;
    struct ui_list l = list_of(8, 9);
    l.item_lines = 2;
    assert_int_equal(ui_list_visible(&l), 4);
    assert_true(ui_list_action(&l, A_PAGE_DOWN));
    assert_int_equal(l.cur, 4);
    ui_list_keep_visible(&l);
    assert_int_equal(l.top, 1);
    /* A click on either line of an entry is that entry; off the list, -1. */
    assert_int_equal(ui_list_at(&l, 4), 1);
    assert_int_equal(ui_list_at(&l, 5), 1);
    assert_int_equal(ui_list_at(&l, 6), 2);
    assert_int_equal(ui_list_at(&l, 3), -1);
    assert_int_equal(ui_list_at(&l, 13), -1);
    /* Too small for an item: still one. */
    ui_list_place(&l, 4, 0, 80, 1);
    assert_int_equal(ui_list_visible(&l), 1);
}

static void scrolling_text(void **state)
{
    (void)state;
    struct ui_list l = list_of(45, 20);
    l.no_cursor = true;
    char pos[32];
    ui_list_position(&l, pos, sizeof pos);
    assert_string_equal(pos, "lines 1-20 of 45");
    assert_true(ui_list_action(&l, A_DOWN));
    assert_int_equal(l.top, 1);
    assert_true(ui_list_action(&l, A_END));
    assert_int_equal(l.top, 25); /* the last page, no empty space below */
    ui_list_position(&l, pos, sizeof pos);
    assert_string_equal(pos, "lines 26-45 of 45");
    assert_true(ui_list_action(&l, A_PAGE_DOWN));
    assert_int_equal(l.top, 25);
    assert_true(ui_list_action(&l, A_HOME));
    assert_true(ui_list_action(&l, A_UP));
    assert_int_equal(l.top, 0);
    /* All of it fits: nothing to say, nowhere to go. */
    struct ui_list short_text = list_of(10, 20);
    short_text.no_cursor = true;
    ui_list_position(&short_text, pos, sizeof pos);
    assert_string_equal(pos, "");
    ui_list_action(&short_text, A_END);
    assert_int_equal(short_text.top, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moving),
        cmocka_unit_test(two_lines_an_item),
        cmocka_unit_test(scrolling_text),
    };
    return cmocka_run_group_tests_name("ui list", tests, NULL, NULL);
}
