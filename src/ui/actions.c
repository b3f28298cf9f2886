/* The one table of actions: dispatch, the status bar, the help screen and
 * the man page's KEYS section (tests/unit/test_keys.c keeps them in step). */
#include "screens.h"

#define ALL 0u
#define LISTS (UI_IN_PORTFOLIO | UI_IN_FLAGS | UI_IN_RENEWALS | UI_IN_PLAN)

const struct action_def ui_actions[] = {
    {A_UP, {KEY_UP, 'k', 0}, "\xe2\x86\x91/k", "move", "move up", "up", ALL},
    {A_DOWN, {KEY_DOWN, 'j', 0}, "\xe2\x86\x93/j", NULL, "move down", "down", ALL},
    {A_MOVE_LEFT, {KEY_LEFT, 'h', 0}, "Left/h", NULL, "previous column (flags) or account (renewals)", "left",
     UI_IN_FLAGS | UI_IN_RENEWALS},
    {A_MOVE_RIGHT, {KEY_RIGHT, 'l', 0}, "Right/l", NULL, "next column (flags) or account (renewals)", "right",
     UI_IN_FLAGS | UI_IN_RENEWALS},
    {A_PAGE_UP, {KEY_PPAGE, KEY_CTRL('b'), 0}, "PgUp", NULL, "page up", "page-up", ALL},
    {A_PAGE_DOWN, {KEY_NPAGE, KEY_CTRL('f'), ' ', 0}, "PgDn/Space", NULL, "page down", "page-down", ALL},
    /* Before Home/g: on the plan screen g generates. */
    {A_PLAN_GENERATE, {'g', 0}, "g", "generate", "generate a new plan for the quarter (shown, not saved)", "generate",
     UI_IN_PLAN},
    {A_PLAN_SAVE, {'w', 0}, "w", "save", "save the plan shown, for tracking", "save", UI_IN_PLAN},
    {A_PLAN_DONE, {'d', 0}, "d", "done", "mark the selected activity done", "done", UI_IN_PLAN},
    {A_PLAN_DROP, {'x', 0}, "x", "drop", "drop the selected activity", "drop", UI_IN_PLAN},
    {A_IMPORT_UNDO, {'u', 0}, "u", "undo", "undo the selected import (the latest still in force), after y/n", "undo",
     UI_IN_IMPORTS},
    {A_IMPORT_FILE, {'i', 0}, "i", "import", "import a file (Tab completes its name): its dry run, then y/n", "import",
     UI_IN_IMPORTS},
    {A_HOME, {KEY_HOME, 'g', 0}, "Home/g", NULL, "first row", "first", ALL},
    {A_END, {KEY_END, 'G', 0}, "End/G", NULL, "last row", "last", ALL},
    {A_OPEN, {'\r', '\n', KEY_ENTER, 0}, "Enter", "open", "open the selected account", "open", LISTS},
    {A_SEARCH, {'/', 0}, "/", "search", "search account names as you type (Enter keeps, Esc cancels)", "search",
     UI_IN_PORTFOLIO},
    {A_SEARCH_NEXT, {'n', 0}, "n", NULL, "next match of the search", "search-next", UI_IN_PORTFOLIO},
    {A_SEARCH_PREV, {'N', 0}, "N", NULL, "previous match of the search", "search-previous", UI_IN_PORTFOLIO},
    {A_FILTER, {'f', 0}, "f", "filter", "filter: all, churn, expansion, case study, red, amber, green", "filter",
     UI_IN_PORTFOLIO},
    {A_SORT_NEXT, {'s', '>', 0}, "s/>", "sort", "sort by the next column", "sort-next", UI_IN_PORTFOLIO},
    {A_SORT_PREV, {'<', 0}, "<", NULL, "sort by the previous column", "sort-previous", UI_IN_PORTFOLIO},
    {A_SORT_REVERSE, {'S', 0}, "S", NULL, "reverse the sort", "sort-reverse", UI_IN_PORTFOLIO},
    {A_EDIT, {'e', 0}, "e", "edit", "edit an attribute: key=value (nps=9, pulse=green, owner=...)", "edit",
     UI_IN_ACCOUNT},
    {A_NOTE, {'a', 0}, "a", "add note", "add a note, dated the as-of day", "note", UI_IN_ACCOUNT},
    {A_NEXT_SCREEN, {'\t', 0}, "Tab", NULL, "next screen", "next-screen", ALL},
    {A_PREV_SCREEN, {KEY_BTAB, 0}, "Shift-Tab", NULL, "previous screen", "previous-screen", ALL},
    {A_SCREEN_PORTFOLIO, {'1', 0}, "1", NULL, "the portfolio", "portfolio", ALL},
    {A_SCREEN_FLAGS, {'2', 0}, "2", NULL, "the flags: churn risks, expansion, case studies", "flags", ALL},
    {A_SCREEN_RENEWALS, {'3', 0}, "3", NULL, "the renewals of the next 12 months", "renewals", ALL},
    {A_SCREEN_PLAN, {'4', 0}, "4", NULL, "the plan: the saved one, or one generated for the quarter", "plan", ALL},
    {A_SCREEN_IMPORTS, {'5', 0}, "5", NULL, "the imports, and undoing the latest", "imports", ALL},
    {A_RELOAD, {'R', 0}, "R", NULL, "reload from the database", "reload", ALL},
    {A_REDRAW, {KEY_CTRL('l'), 0}, "Ctrl-L", NULL, "redraw the screen", "redraw", ALL},
    {A_HELP, {'?', KEY_F(1), 0}, "?", "help", "the keys", "help", ALL},
    {A_BACK, {'q', KEY_ESC, 0}, "q/Esc", "back", "back, or quit from the portfolio", "back", ALL},
    {A_QUIT_ALL, {'Q', 0}, "Q", NULL, "quit from anywhere", "quit", ALL},
};
const int ui_nactions = (int)(sizeof ui_actions / sizeof ui_actions[0]);

enum action ui_action_for_key(int key) { return ui_action_for_key_in(key, ~0u); }

enum action ui_action_for_key_in(int key, unsigned where)
{
    if (key == 0)
        return A_NONE;
    for (int i = 0; i < ui_nactions; i++)
        if (!ui_actions[i].where || (ui_actions[i].where & where))
            for (int k = 0; k < 4 && ui_actions[i].keys[k]; k++)
                if (ui_actions[i].keys[k] == key)
                    return ui_actions[i].action;
    return A_NONE;
}
