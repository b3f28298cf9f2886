/* What the screens of the interface share: private to src/ui. */
#ifndef CSM_UI_SCREENS_H
#define CSM_UI_SCREENS_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "csm/book.h"
#include "csm/store.h"
#include "csm/ui.h"

#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27
#define MIN_COLS 60
#define MIN_LINES 10
#define UI_TABS 5

/* The lines every screen has: a title, the tab bar, a rule and the status. */
#define BODY_TOP 2
#define BODY_BOTTOM (LINES - 3) /* the last body line */

/* What a key handler asks the loop to repaint. */
enum redraw { RD_UNHANDLED = -1, RD_NONE = 0, RD_CURSOR = 1, RD_ALL = 2 };

struct ui;
struct screen;

/* What a screen does, one static const table a screen (tig's view_ops). */
struct screen_ops {
    const char *name;
    unsigned where;   /* its UI_IN_* bit */
    int show;         /* the action that shows it, for a tab (enum action); A_NONE otherwise */
    /* Paints the body; `full` false: only what the cursor moved over. */
    void (*draw)(struct ui *ui, struct screen *s, bool full);
    /* Handles an action (or, with A_NONE, the raw key); returns enum redraw. */
    int (*handle_key)(struct ui *ui, struct screen *s, enum action a, int key);
    void (*on_resize)(struct ui *ui, struct screen *s);
    /* The book is about to be loaded again (before: remember the selected
     * account), or was (indexes into it may have changed). */
    void (*on_reload)(struct ui *ui, struct screen *s, bool before);
    /* Text for the right of the status bar: "3/15". */
    void (*position)(struct ui *ui, struct screen *s, char *buf, size_t len);
    /* Frees the state. */
    void (*destroy)(struct screen *s);
};

struct screen {
    const struct screen_ops *ops;
    int tab;          /* its number in the tab bar, 0 when it is not a tab */
    void *state;
};

/* A screen of these ops over its state (freed by ops->destroy). */
struct screen *ui_screen_new(const struct screen_ops *ops, void *state);

enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_EDIT, PROMPT_NOTE, PROMPT_IMPORT, PROMPT_OUTCOME, PROMPT_QUARTER,
                   PROMPT_OWNER };

struct ui {
    long long data_version;   /* the database's, to notice another csm's changes */
    const struct ui_options *opt;
    struct store *st;
    struct book book;
    unsigned gen;                 /* counts loads of the book */
    struct book_col cols[BOOK_MAX_COLS];
    int ncols;
    bool ascii;                   /* no UTF-8 in the terminal */
    bool quit;
    char message[256];
    bool message_error;
    /* the screens: tabs, and a stack over the current tab */
    struct screen *tabs[UI_TABS];
    struct screen *account, *help;
    struct screen *stack[4];
    int depth;
    /* the prompt on the status line */
    bool prompting;
    int prompt;                   /* enum prompt_kind: the one open, or the last one */
    char prompt_label[32];
    struct ui_edit edit;
    struct screen *prompt_owner;
    MEVENT mouse;                 /* the last mouse event, for KEY_MOUSE */
    bool mouse_double;            /* it was the second click on a line */
    long long last_click_ms;
    int last_click_y;
    int tab_x[UI_TABS][2];              /* where each tab is in the tab bar, for the mouse */
    int tabs_end;                 /* the column after the tab bar's last tab */
    char owner[UI_EDIT_MAX];      /* the portfolio's owner filter as typed ("": every owner); the title says it */
    /* The totals of the owner's accounts, for the owner and the load they were worked out for. */
    struct book_totals owner_totals;
    char owner_totals_of[UI_EDIT_MAX];
    unsigned owner_totals_gen;
};

static inline struct screen *ui_top(struct ui *ui) { return ui->stack[ui->depth - 1]; }

/* ---- painting (tui.c) ---- */
/* The curses attribute of a semantic colour (with UI_REVERSE). */
attr_t ui_attr(int color);
/* Paints a row at line y from column x0, cleared to `width` columns first. */
void ui_paint_row(int y, int x0, int width, const struct ui_row *r, bool selected);
/* Paints text fitted to width columns. */
void ui_put(int y, int x, int width, bool right, int color, const char *s);
void ui_clear_lines(int from, int to);
void ui_say(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The totals the title and the portfolio's counts say: the whole book's, or
 * with the owner filter that owner's accounts'. */
const struct book_totals *ui_totals(struct ui *ui);
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts a prompt on the status line; the owner's handle_key gets A_NONE
 * with key KEY_ENTER (done), KEY_ESC (cancelled) or 0 (text changed). */
void ui_prompt(struct ui *ui, struct screen *owner, int kind, const char *label, const char *text);
/* Reloads the book from the database, telling every screen. */
void ui_reload(struct ui *ui);
/* Opens the account screen on account i of the book. */
void ui_open_account(struct ui *ui, size_t i);
void ui_push(struct ui *ui, struct screen *s);
void ui_pop(struct ui *ui);
/* The rows of the body a screen can use for a list. */
static inline int ui_body_rows(int header_lines) { int n = BODY_BOTTOM - BODY_TOP + 1 - header_lines; return n > 1 ? n : 1; }

/* ---- the list widget's painting (list.c) ---- */
/* Paints every item the page shows (and clears the lines below the last). */
void ui_list_paint(struct ui *ui, struct ui_list *l);
/* When the page is the one painted last: repaints the rows the cursor left
 * and reached, and returns true. Otherwise false: paint it all. */
bool ui_list_update(struct ui *ui, struct ui_list *l);
/* The mouse wheel over the list: moves it and returns true; false when the
 * event is not the wheel. */
bool ui_list_wheel(struct ui *ui, struct ui_list *l);

/* ---- the screens ---- */
struct screen *ui_portfolio_screen(struct ui *ui);
struct screen *ui_flags_screen(struct ui *ui);
struct screen *ui_renewals_screen(struct ui *ui);
struct screen *ui_plan_screen(struct ui *ui);
struct screen *ui_imports_screen(struct ui *ui);
struct screen *ui_account_screen(struct ui *ui);
struct screen *ui_help_screen(struct ui *ui);

/* Mouse: true when the event is a click or double click (*open) at line y, column x. */
bool ui_mouse_click(const struct ui *ui, int *y, int *x, bool *open);
/* Mouse wheel: -1 up, 1 down, 0 not the wheel. */
int ui_mouse_wheel(const struct ui *ui);

#endif
