#ifndef CSM_UI_H
#define CSM_UI_H

/* The full-screen interface. The only code that includes curses. */

#include <stdbool.h>

#include "csm/model.h"

struct store;

struct ui_options {
    const struct scoring *scoring;
    int as_of;
    bool read_only;
    bool mouse;
    const char *title;      /* shown in the header: "demo" or the database name */
};

/* Runs the interface until the user quits. Returns an exit status. */
int ui_run(struct store *st, const struct ui_options *opt);

/* ---- what the screens share, for ui/ only ---- */

enum action {
    A_NONE, A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_HOME, A_END, A_OPEN, A_BACK, A_QUIT_ALL,
    A_HELP, A_REDRAW, A_SORT_NEXT, A_SORT_PREV, A_SORT_REVERSE, A_RELOAD, A_COUNT
};

struct action_def {
    enum action action;
    int keys[4];            /* curses key codes; 0 ends the list */
    const char *key_label;  /* as shown: "j/k" */
    const char *label;      /* in the status bar, NULL to leave it out */
    const char *help;       /* in the help screen */
};

/* The one table of actions: dispatch, the status bar and the help screen. */
extern const struct action_def ui_actions[];
extern const int ui_nactions;
enum action ui_action_for_key(int key);

#endif
