#ifndef CSM_UI_H
#define CSM_UI_H

/* The full-screen interface. The only code that includes curses; what a
 * screen shows is first built as plain rows (text plus a semantic colour),
 * which needs no terminal and is what the unit tests look at. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csm/book.h"
#include "csm/model.h"
#include "csm/plan.h"
#include "csm/store.h"
#include "csm/ui_actions.h"

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

/* Where an action applies (action_def.where). */
enum {
    UI_IN_PORTFOLIO = 1 << 0, UI_IN_ACCOUNT = 1 << 1, UI_IN_FLAGS = 1 << 2, UI_IN_RENEWALS = 1 << 3,
    UI_IN_HELP = 1 << 4, UI_IN_PLAN = 1 << 5, UI_IN_IMPORTS = 1 << 6,
    UI_IN_PROMPT = 1 << 7,   /* the one-line editor on the status line */
    UI_IN_QUESTION = 1 << 8, /* a y/n question on the status line */
    UI_ALL = (1 << 7) - 1,   /* every screen */
    UI_LISTS = UI_IN_PORTFOLIO | UI_IN_FLAGS | UI_IN_RENEWALS | UI_IN_PLAN
};

/* action_def.flags */
enum { UA_WRITES = 1 << 0 /* changes the database: refused with --read-only */ };

enum action {
    A_NONE,
#define UI_ACTION_ENUM(id, ...) A_##id,
    UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
    A_COUNT
};

#define UI_ACTION_KEYS 4

struct action_def {
    enum action action;
    const char *name;       /* a short name: "up", "search" */
    unsigned where;         /* UI_IN_* where it does something */
    unsigned flags;         /* UA_* */
    const char *key_label;  /* as shown: "j/k" */
    const char *label;      /* in the status bar, NULL to leave it out */
    const char *help;       /* in the help screen and the man page */
    const char *man;        /* more for the man page (roff), or NULL */
    int keys[UI_ACTION_KEYS]; /* curses key codes; 0 ends the list */
};

/* The one list of actions (include/csm/ui_actions.h), in its order:
 * ui_actions[a - 1] is action a. */
extern const struct action_def ui_actions[];
extern const int ui_nactions;
/* The entry of action a (not A_NONE). */
const struct action_def *ui_action(enum action a);
/* The action of a key where (UI_IN_* bits) says: of the entries with the
 * key that apply there, the one bound on the fewest screens, so that a
 * screen's own binding wins over one everywhere. A_NONE for none. */
enum action ui_action_for_key_in(int key, unsigned where);
/* The first key of an action as people write it: "g", "Enter". */
const char *ui_action_key(enum action a, char *buf, size_t len);
/* The sets of screens the actions apply on (their `where`), each once, in
 * the order of the list: the sections of the help screen and the man page.
 * Returns how many (at most max). */
int ui_action_groups(unsigned *where, int max);
/* The heading of a set of screens: "Everywhere", "On the plan screen",
 * "In a prompt on the status line". */
void ui_where_title(unsigned where, char *buf, size_t len);
/* The man page's KEYS list (roff), from the actions: make man writes it
 * into doc/csm.1 between its markers. */
void ui_keys_man(FILE *f);

/* ---- rows: text fitted to columns, each piece with a semantic colour ---- */

#define UI_ROW_SPANS 64
#define UI_ROW_BYTES 4096

/* A span's colour may carry this bit: shown reversed (a selected entry). */
#define UI_REVERSE 0x100

struct ui_span {
    int x;          /* first column */
    int width;      /* columns it covers */
    int color;      /* enum sem_color, maybe with UI_REVERSE */
    unsigned off;   /* its text in ui_row.text */
};

struct ui_row {
    int n;
    unsigned used;
    struct ui_span span[UI_ROW_SPANS];
    char text[UI_ROW_BYTES];
};

void ui_row_init(struct ui_row *r);
/* Adds s (made safe) at column x, fitted to width columns (cut with "…" or
 * padded), or at its own width when width < 0. Returns the column after it. */
int ui_row_add(struct ui_row *r, int x, int width, bool right, int color, const char *s);
const char *ui_row_span_text(const struct ui_row *r, int k);
/* The row as one line of plain text, spans at their columns. */
void ui_row_plain(const struct ui_row *r, char *buf, size_t len);
/* Colour of the first span whose text contains needle, or -1. */
int ui_row_color_of(const struct ui_row *r, const char *needle);

/* A growable list of rows (the account and help screens). */
struct ui_lines {
    struct ui_row *row;
    int n, cap;
};
struct ui_row *ui_lines_add(struct ui_lines *l);
void ui_lines_free(struct ui_lines *l);

/* The byte length of the next piece of s that fits width columns, broken
 * after a space where one is near; *next is where the piece after starts. */
size_t ui_wrap(const char *s, int width, size_t *next);

/* ---- the list every list screen shows (list.c), as htop's Panel ----
 *
 * A cursor over n items, the first item shown, where the list is on the
 * screen, and what was painted last: a move within the page repaints two
 * rows, not the screen. A list without a cursor scrolls text (help, an
 * account). The screen paints an item; the list decides which and where. */

struct ui;
struct ui_list;

/* Paints item k (k < n) at line y, `selected` when the cursor is on it. */
typedef void ui_list_paint_fn(struct ui *ui, struct ui_list *l, size_t k, int y, bool selected);

struct ui_list {
    size_t n;               /* items */
    size_t cur, top;        /* the selected item, the first one shown */
    int y, x, width;        /* the first line, column and width on the screen */
    int lines;              /* lines the list may use */
    int item_lines;         /* lines an item takes (1 unless set) */
    int wheel;              /* items a notch of the mouse wheel moves (1 unless set) */
    bool no_cursor;         /* text that scrolls: top moves, nothing is selected */
    bool unfocused;         /* one of several lists, not the one the keys move */
    ui_list_paint_fn *paint;
    void *ctx;              /* the screen's own, for paint */
    bool drawn;             /* the fields below hold what the screen shows */
    size_t drawn_cur, drawn_top;
};

/* Where the list is: from line y, column x, `width` columns, `lines` lines. */
void ui_list_place(struct ui_list *l, int y, int x, int width, int lines);
/* Items that fit (at least one). */
size_t ui_list_visible(const struct ui_list *l);
/* Sets the number of items, keeping the cursor in range. */
void ui_list_resize(struct ui_list *l, size_t n);
/* Puts the cursor (or, without one, the first line) at pos, clamped. */
void ui_list_to(struct ui_list *l, long long pos);
/* Moves by delta items (or lines). */
void ui_list_move(struct ui_list *l, long long delta);
/* Scrolls so that the cursor is seen, with no empty space below the last
 * item while items above could fill it. */
void ui_list_keep_visible(struct ui_list *l);
/* Up, down, page up and down, first and last: true when a is one of them. */
bool ui_list_action(struct ui_list *l, int action);
/* The item at line y (it may be past the last item), or -1 off the list. */
long ui_list_at(const struct ui_list *l, int y);
/* "3/15" (0/0 when empty); a list without a cursor: "lines 1-20 of 45",
 * or nothing when it all fits. */
void ui_list_position(const struct ui_list *l, char *buf, size_t len);

/* ---- the portfolio: filter, sort, search and the table's rows ---- */

enum ui_filter {
    UI_FILTER_ALL, UI_FILTER_CHURN, UI_FILTER_EXPANSION, UI_FILTER_ADVOCACY, UI_FILTER_RED,
    UI_FILTER_AMBER, UI_FILTER_GREEN, UI_FILTER_COUNT
};
const char *ui_filter_name(int filter);     /* "all", "churn", ..., "case study", "red" */
bool ui_filter_match(const struct book *b, size_t i, int filter);
/* Copies the indexes of all[0..n) that pass the filter into out, keeping
 * their order; returns how many. */
size_t ui_filter_rows(const struct book *b, int filter, const size_t *all, size_t n, size_t *out);
/* Keeps the rows[0..n) whose account's owner is `owner` (matched as
 * book_keep_owner matches, case and accents folded), in their order;
 * returns how many. An empty owner keeps every row. */
size_t ui_owner_rows(const struct book *b, const char *owner, size_t *rows, size_t n);
/* Sorts idx (indexes into the book) by the column; ties keep import order. */
void ui_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n);
/* Sorting a large book quickly: two keys per row, compared in order, then
 * (with a book) the names without regard to case, then the index. */
struct ui_sort_key {
    int64_t k1, k2;
    size_t i;
};
void ui_sort_keys(struct ui_sort_key *keys, size_t n, const struct book *names);
/* Scrolling a list of n rows through a window of vis: the cursor clamped
 * to 0..n-1 (0 when there are none), and the first row to show so that the
 * cursor is seen and no empty space is left below the last row while rows
 * above could fill it. */
size_t ui_clamp(long long pos, size_t n);
size_t ui_scroll_top(size_t cur, size_t top, size_t vis, size_t n);
/* True when name contains needle, letters compared without regard to case. */
bool ui_name_matches(const char *name, const char *needle);
/* The position in idx of the next match after pos (dir > 0) or before it
 * (dir < 0), wrapping around; with `here`, pos itself is tried first.
 * -1 when no name matches. *wrapped says whether it went round the end. */
long ui_search(const struct book *b, const size_t *idx, size_t n, const char *needle, size_t pos, int dir,
               bool here, bool *wrapped);
/* The columns that fit `width`: indexes into cols and their widths; the
 * name takes what is left (up to 30); on a narrow terminal columns go from
 * the right, flags kept. Returns how many. */
int ui_portfolio_layout(const struct book_col *cols, int ncols, int width, int *idx, int *widths);
/* The column titles, the sorted one accented. */
void ui_portfolio_header(const struct book_col *cols, const int *idx, const int *widths, int n, int sort_col,
                         struct ui_row *out);
/* One account's row of the table. */
void ui_portfolio_row(const struct book *b, size_t i, const struct book_col *cols, const int *idx, const int *widths,
                      int n, bool ascii, struct ui_row *out);

/* ---- the flags screen ---- */

/* The accounts carrying the flag, most severe first, then the larger ACV,
 * then by name; *out is allocated (free it). Returns how many. */
size_t ui_flag_list(const struct book *b, int kind, size_t **out);
/* One entry of a flags column, in two rows of `width` columns: the marker,
 * severity, account and short ACV; then its first reason. */
void ui_flag_entry(const struct book *b, size_t i, int kind, int width, bool ascii, struct ui_row *first,
                   struct ui_row *second);
/* Every reason of account i's flag f, joined with "; ". */
void ui_flag_reasons(const struct book *b, size_t i, const struct flag *f, char *buf, size_t len);
const char *ui_flag_title(int kind);         /* "Churn risks", "Expansion", "Case study" */

/* ---- the renewals screen ---- */

#define UI_MONTHS 12

/* Row 0 holds the overdue renewals, rows 1..UI_MONTHS the months from the
 * as-of day's month on; each row's accounts by renewal date, then ACV. */
struct ui_timeline {
    int month[UI_MONTHS + 1];        /* first day of the row's month (row 0: DATE_NONE) */
    size_t count[UI_MONTHS + 1];
    int64_t acv[UI_MONTHS + 1];      /* cents due */
    size_t *idx;                     /* every placed account, row after row */
    size_t off[UI_MONTHS + 2];       /* row r is idx[off[r] .. off[r + 1]) */
    size_t later, unknown;           /* renewing after the last month; no renewal date */
    int64_t later_acv;
};
void ui_timeline_build(const struct book *b, int as_of, struct ui_timeline *t);
void ui_timeline_free(struct ui_timeline *t);
/* Row r in `width` columns: its label, the accounts from the first-th on
 * that fit (the sel-th, if >= 0, marked as selected), the ACV due at the
 * right. *shown is how many accounts it could show. */
void ui_timeline_row(const struct book *b, const struct ui_timeline *t, int r, size_t first, long sel, int width,
                     bool ascii, struct ui_row *out, size_t *shown);

/* ---- the plan screen ---- */

/* Hours planned (all but the dropped) and done. */
void ui_plan_hours(const struct saved_activity *v, size_t n, double *planned, double *done);
/* The gauge: "74.5 h of 260 h [#####.....] 29%", and for a saved plan
 * "done 4.0 h (5%)", in `width` columns. */
void ui_plan_gauge(const struct saved_activity *v, size_t n, double capacity, bool saved, int width,
                   struct ui_row *out);
/* The column titles, and one activity's row: ref, status, deadline,
 * client, title, hours (a deadline before as_of not done in red). */
void ui_plan_header(int width, struct ui_row *out);
void ui_plan_row(const struct saved_activity *a, int as_of, int width, struct ui_row *out);

/* ---- the imports screen ---- */

void ui_import_header(int width, struct ui_row *out);
/* One import: id, file, as-of, imported at, rows/new/updated/rejected, "(undone)". */
void ui_import_row(const struct import_record *r, int width, struct ui_row *out);
/* An import's messages wrapped to `width`, at most `max` rows ("no
 * messages" when it has none). */
void ui_import_messages(const char *messages, int width, int max, struct ui_lines *out);

/* ---- the account screen ---- */

/* Everything csm show says about account i, laid out in `width` columns. */
void ui_account_lines(const struct book *b, size_t i, const struct note *notes, size_t nnotes, int width,
                      bool ascii, struct ui_lines *out);
/* A component's bar: 10 cells for 0..100 in eighths ("███▏" for 32). */
void ui_bar(int tenths, bool ascii, char *buf, size_t len);
/* One character of a sparkline for a health of 0..100 (-1: a space). */
const char *ui_spark(int health, bool ascii);

/* The account's history by component (account_history.c): with two
 * snapshots or more, a line a component from column x: its sparkline, its
 * newest scores and how far it moved from the first snapshot with data. */
void ui_history_component_lines(const struct book *b, size_t i, int x, int width, bool ascii, struct ui_lines *out);

/* ---- a one-line editor (the prompts) ---- */

#define UI_EDIT_MAX 512

enum ui_edit_op {
    UE_INSERT, UE_LEFT, UE_RIGHT, UE_HOME, UE_END, UE_BACKSPACE, UE_DELETE, UE_KILL_START, UE_KILL_END,
    UE_KILL_WORD
};

struct ui_edit {
    char buf[UI_EDIT_MAX];
    size_t len, pos;        /* bytes; pos is always at a character boundary */
};
void ui_edit_init(struct ui_edit *e, const char *text);
/* Applies one operation (UE_INSERT inserts the code point cp). Returns true
 * when the text changed. */
bool ui_edit_apply(struct ui_edit *e, int op, unsigned cp);
/* Where to start showing the text in `width` columns so the cursor is
 * visible; *col is the cursor's column from that start. */
size_t ui_edit_view(const struct ui_edit *e, int width, int *col);

/* Splits the text of the account's edit prompt into words in place, as a
 * shell would: blanks between words, '...' taken as it is, "..." with \"
 * and \\ escaped, a backslash elsewhere escaping the next character.
 * Returns how many words (at most max), or -1 with *why (an unclosed
 * quote, too many words). */
int ui_split_words(char *text, char **word, int max, const char **why);

/* ---- file names for the import prompt (complete.c) ---- */

/* "~" or "~/..." with $HOME in place of the "~"; anything else as it is.
 * False when it does not fit in len bytes. */
bool ui_expand_home(const char *in, char *out, size_t len);
/* Completes the file name at the end of `text` (after its last '/') from the
 * entries of its directory ("~/" read as $HOME, hidden files only for a
 * name starting with '.'): the longest common prefix of the matches, with
 * '/' after the one match that is a directory. Writes the text (completed,
 * or as it was) to out; returns how many entries match. */
int ui_complete_path(const char *text, char *out, size_t len);

#endif
