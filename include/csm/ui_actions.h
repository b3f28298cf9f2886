#ifndef CSM_UI_ACTIONS_H
#define CSM_UI_ACTIONS_H

/* Every action of the interface, once (tig's include/tig/request.h): the
 * enum, the names, the keys and their labels, the status bar's words, the
 * help screen and the man page's KEYS section (make man) all come from
 * this list. Adding a key is adding a line.
 *
 * UI_ACTION(ID, name, where, flags, key label, status label, help, man, keys...)
 *   where   the screens it applies on (UI_ALL, UI_LISTS, UI_IN_*), or UI_IN_PROMPT
 *           for the one-line editor and UI_IN_QUESTION for a y/n on the status line;
 *           a key bound on fewer screens wins over the same key bound on more
 *   flags   UA_WRITES: it changes the database, so not with --read-only
 *   status  its word in the status bar, or NULL to leave it out there
 *   man     more for the man page after the help (roff), or NULL
 *   keys    curses key codes (expanded only inside src/ui) */

#define UI_ACTIONS(A)                                                                                           \
    A(UP, "up", UI_ALL, 0, "\xe2\x86\x91/k", "move", "move up", NULL, KEY_UP, 'k')                              \
    A(DOWN, "down", UI_ALL, 0, "\xe2\x86\x93/j", NULL, "move down", NULL, KEY_DOWN, 'j')                        \
    A(MOVE_LEFT, "left", UI_IN_FLAGS | UI_IN_RENEWALS, 0, "Left/h", NULL,                                       \
      "previous column (flags) or account (renewals)", NULL, KEY_LEFT, 'h')                                     \
    A(MOVE_RIGHT, "right", UI_IN_FLAGS | UI_IN_RENEWALS, 0, "Right/l", NULL,                                    \
      "next column (flags) or account (renewals)", NULL, KEY_RIGHT, 'l')                                        \
    A(PAGE_UP, "page-up", UI_ALL, 0, "PgUp", NULL, "page up", "(also Ctrl-B)", KEY_PPAGE, KEY_CTRL('b'))        \
    A(PAGE_DOWN, "page-down", UI_ALL, 0, "PgDn/Space", NULL, "page down", "(also Ctrl-F)", KEY_NPAGE,           \
      KEY_CTRL('f'), ' ')                                                                                       \
    A(PLAN_GENERATE, "generate", UI_IN_PLAN, 0, "c", "new",                                                     \
      "create a new plan for the quarter (shown, not saved)",                                                   \
      "; \\fBg\\fR goes to the first row there as everywhere", 'c')                                              \
    A(PLAN_SAVE, "save", UI_IN_PLAN, UA_WRITES, "w", "save", "save the plan shown, for tracking",               \
      "(replacing a plan saved for the same quarter; when that one has done or dropped activities, y/n on the " \
      "status line first, saying how many: their status carries over to the same activities of the new "      \
      "plan, and those it lacks are kept)",                                                                     \
      'w')                                                                                                      \
    A(PLAN_DONE, "done", UI_IN_PLAN, UA_WRITES, "d", "done",                                                    \
      "mark the selected activity done, with what came of it",                                                  \
      "(typed on the status line, shown beside the activity; Enter alone says nothing, Esc leaves it as it was)",\
      'd')                                                                                                      \
    A(PLAN_DROP, "drop", UI_IN_PLAN, UA_WRITES, "x", "drop", "drop the selected activity", NULL, 'x')           \
    A(PLAN_REOPEN, "reopen", UI_IN_PLAN, UA_WRITES, "o", NULL, "reopen the selected activity: planned again",   \
      "(the day it was done goes, what came of it stays)", 'o')                                                 \
    A(PLAN_QUARTER, "quarter", UI_IN_PLAN, 0, "p", "quarter", "choose the quarter: YYYY-Qn",                    \
      "(typed on the status line; empty: the three months from the as-of day). The plan saved for it is "     \
      "shown, or one generated for it; done, drop and reopen track the latest saved plan only",                 \
      'p')                                                                                                      \
    A(PLAN_PREV_QUARTER, "previous-quarter", UI_IN_PLAN, 0, "[", NULL, "the quarter before", NULL, '[')        \
    A(PLAN_NEXT_QUARTER, "next-quarter", UI_IN_PLAN, 0, "]", NULL, "the quarter after", NULL, ']')             \
    A(IMPORT_UNDO, "undo", UI_IN_IMPORTS, UA_WRITES, "u", "undo",                                               \
      "undo the selected import (the latest still in force), after y/n",                                        \
      "on the status line; then the book is loaded again", 'u')                                                 \
    A(IMPORT_FILE, "import", UI_IN_IMPORTS, UA_WRITES, "i", "import",                                           \
      "import a file (Tab completes its name): its dry run, then y/n",                                          \
      "on the status line. The path is typed on the status line (\\fB~/\\fR is the home directory); the dry "    \
      "run\\(aqs counts (created, updated, unchanged, rejected) and its first errors show under the list; y "    \
      "imports the file and loads the book again",                                                              \
      'i')                                                                                                      \
    A(HOME, "first", UI_ALL, 0, "Home/g", NULL, "first row", NULL, KEY_HOME, 'g')                               \
    A(END, "last", UI_ALL, 0, "End/G", NULL, "last row", NULL, KEY_END, 'G')                                    \
    A(OPEN, "open", UI_LISTS, 0, "Enter", "open", "open the selected account",                                  \
      "(on the plan, the activity\\(aqs account)", '\r', '\n', KEY_ENTER)                                        \
    A(SEARCH, "search", UI_IN_PORTFOLIO, 0, "/", "search",                                                      \
      "search account names as you type (Enter keeps, Esc cancels)",                                            \
      "; letters match without regard to case or accents, beyond ASCII too (cafe finds an accented cafe)", '/')  \
    A(SEARCH_NEXT, "search-next", UI_IN_PORTFOLIO, 0, "n", NULL, "next match of the search", NULL, 'n')         \
    A(SEARCH_PREV, "search-previous", UI_IN_PORTFOLIO, 0, "N", NULL, "previous match of the search", NULL, 'N') \
    A(FILTER, "filter", UI_IN_PORTFOLIO, 0, "f", "filter",                                                      \
      "filter: all, churn, expansion, case study, red, amber, green",                                           \
      "(the health band); the header says how many are shown", 'f')                                            \
    A(OWNER, "owner", UI_IN_PORTFOLIO, 0, "o", NULL, "filter by owner: type the name (empty: every owner)",     \
      "; matched without regard to case or accents, as \\fB\\-\\-owner\\fR matches; the title says the filter, and "  \
      "its totals and the counts are that owner\\(aqs accounts\\(aq",                                            \
      'o')                                                                                                      \
    A(SORT_NEXT, "sort-next", UI_IN_PORTFOLIO, 0, "s/>", "sort", "sort by the next column",                    \
      "; names sort in natural order (Customer 2 before Customer 10)", 's', '>')                                 \
    A(SORT_PREV, "sort-previous", UI_IN_PORTFOLIO, 0, "<", NULL, "sort by the previous column", NULL, '<')      \
    A(SORT_REVERSE, "sort-reverse", UI_IN_PORTFOLIO, 0, "S", NULL, "reverse the sort", NULL, 'S')               \
    A(EDIT, "edit", UI_IN_ACCOUNT, UA_WRITES, "e", "edit",                                                      \
      "edit attributes: key=value pairs (nps=9 owner=\"Jane Doe\")",                                            \
      "as \\fBcsm set\\fR takes them, a value with spaces quoted as in a shell (\\(aq...\\(aq or \"...\"); "      \
      "checked together and saved at once, none of them when one is wrong",                                     \
      'e')                                                                                                      \
    A(NOTE, "note", UI_IN_ACCOUNT, UA_WRITES, "a", "add note", "add a note, dated the as-of day", NULL, 'a')    \
    A(NEXT_SCREEN, "next-screen", UI_ALL, 0, "Tab", NULL, "next screen", NULL, '\t')                            \
    A(PREV_SCREEN, "previous-screen", UI_ALL, 0, "Shift-Tab", NULL, "previous screen", NULL, KEY_BTAB)          \
    A(SCREEN_PORTFOLIO, "portfolio", UI_ALL, 0, "1", NULL, "the portfolio", NULL, '1')                          \
    A(SCREEN_FLAGS, "flags", UI_ALL, 0, "2", NULL, "the flags: churn risks, expansion, case studies", NULL, '2') \
    A(SCREEN_RENEWALS, "renewals", UI_ALL, 0, "3", NULL, "the renewals of the next 12 months", NULL, '3')       \
    A(SCREEN_PLAN, "plan", UI_ALL, 0, "4", NULL, "the plan: the saved one, or one generated for the quarter",   \
      NULL, '4')                                                                                                \
    A(SCREEN_IMPORTS, "imports", UI_ALL, 0, "5", NULL, "the imports, and undoing the latest", NULL, '5')        \
    A(RELOAD, "reload", UI_ALL, 0, "R", NULL, "reload from the database", "(another csm may have imported)",    \
      'R')                                                                                                      \
    A(REDRAW, "redraw", UI_ALL, 0, "Ctrl-L", NULL, "redraw the screen", NULL, KEY_CTRL('l'))                    \
    A(HELP, "help", UI_ALL, 0, "?", "help", "the keys", "(also F1)", '?', KEY_F(1))                             \
    A(QUIT, "quit", UI_ALL, 0, "q", "back", "back, or quit from the portfolio", NULL, 'q')                     \
    A(QUIT_ALL, "quit-all", UI_ALL, 0, "Q", NULL, "quit from anywhere", NULL, 'Q')                              \
    A(BACK, "back", UI_ALL, 0, "Esc", NULL, "back; never quits",                                                \
      "(a key sequence the terminal sends that csm does not know is ignored whole)", KEY_ESC)                   \
    A(EDIT_LEFT, "prompt-left", UI_IN_PROMPT, 0, "Left", NULL, "back a character (also Ctrl-B)", NULL,          \
      KEY_LEFT, KEY_CTRL('b'))                                                                                  \
    A(EDIT_RIGHT, "prompt-right", UI_IN_PROMPT, 0, "Right", NULL, "on a character (also Ctrl-F)", NULL,         \
      KEY_RIGHT, KEY_CTRL('f'))                                                                                 \
    A(EDIT_HOME, "prompt-start", UI_IN_PROMPT, 0, "Home", NULL, "to the start (also Ctrl-A)", NULL, KEY_HOME,   \
      KEY_CTRL('a'))                                                                                            \
    A(EDIT_END, "prompt-end", UI_IN_PROMPT, 0, "End", NULL, "to the end (also Ctrl-E)", NULL, KEY_END,          \
      KEY_CTRL('e'))                                                                                            \
    A(EDIT_BACKSPACE, "prompt-backspace", UI_IN_PROMPT, 0, "Backspace", NULL,                                   \
      "delete the character before the cursor", NULL, KEY_BACKSPACE, 127, KEY_CTRL('h'))                        \
    A(EDIT_DELETE, "prompt-delete", UI_IN_PROMPT, 0, "Delete", NULL, "delete the character under it",           \
      "(also Ctrl-D)", KEY_DC, KEY_CTRL('d'))                                                                   \
    A(EDIT_KILL_START, "prompt-kill-start", UI_IN_PROMPT, 0, "Ctrl-U", NULL, "delete to the start", NULL,       \
      KEY_CTRL('u'))                                                                                            \
    A(EDIT_KILL_END, "prompt-kill-end", UI_IN_PROMPT, 0, "Ctrl-K", NULL, "delete to the end", NULL,             \
      KEY_CTRL('k'))                                                                                            \
    A(EDIT_KILL_WORD, "prompt-kill-word", UI_IN_PROMPT, 0, "Ctrl-W", NULL, "delete the word before", NULL,      \
      KEY_CTRL('w'))                                                                                            \
    A(PROMPT_COMPLETE, "prompt-complete", UI_IN_PROMPT, 0, "Tab", NULL, "complete the file name (import)",      \
      NULL, '\t')                                                                                               \
    A(PROMPT_DONE, "prompt-done", UI_IN_PROMPT, 0, "Enter", NULL, "done", NULL, '\r', '\n', KEY_ENTER)          \
    A(PROMPT_CANCEL, "prompt-cancel", UI_IN_PROMPT, 0, "Esc", NULL, "cancel", NULL, KEY_ESC)                    \
    A(YES, "yes", UI_IN_QUESTION, 0, "y", NULL, "yes, to a question on the status line (any other key: no)",    \
      NULL, 'y', 'Y')

#endif
