/* The portfolio screen: every account in a table, sorted, filtered, searched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "screens.h"

struct portfolio {
    size_t *all;            /* every account (indexes into the book), sorted */
    size_t *shown;          /* those the filter lets through, in the same order */
    size_t nall;
    struct ui_list list;    /* over shown: list.n of them */
    int idx[BOOK_MAX_COLS]; /* the columns laid out for this width, for painting */
    int widths[BOOK_MAX_COLS];
    int ncols;
    int sort_col;           /* index into ui->cols */
    bool sort_desc;
    int filter;             /* enum ui_filter */
    char needle[UI_EDIT_MAX];
    char missed[UI_EDIT_MAX];  /* the shortest text typed that matched nothing */
    size_t origin, origin_top; /* where a search started */
    long long keep_id;      /* the selected account across a reload */
};

#define ROWS_Y (BODY_TOP + 2) /* under the counts and the column titles */

/* The list's place: under the counts and titles, to the foot of the body. */
static void place(struct portfolio *p) { ui_list_place(&p->list, ROWS_Y, 0, COLS, ui_body_rows(2)); }

static size_t selected_index(const struct portfolio *p) { return p->list.n ? p->shown[p->list.cur] : (size_t)-1; }

/* Puts the cursor on book account i if it is shown, else keeps the position. */
static void select_index(struct portfolio *p, size_t i)
{
    for (size_t k = 0; k < p->list.n; k++)
        if (p->shown[k] == i) {
            p->list.cur = k;
            return;
        }
    ui_list_resize(&p->list, p->list.n);
}

/* The rows the filter and the owner let through, in the sort's order. */
static size_t filter_rows(struct ui *ui, struct portfolio *p)
{
    size_t n = ui_filter_rows(&ui->book, p->filter, p->all, p->nall, p->shown);
    return ui_owner_rows(&ui->book, ui->owner, p->shown, n);
}

static void refilter(struct ui *ui, struct portfolio *p)
{
    size_t keep = selected_index(p);
    p->list.n = filter_rows(ui, p);
    if (keep != (size_t)-1)
        select_index(p, keep);
    if (p->list.cur >= p->list.n)
        p->list.cur = 0;
}

static void resort(struct ui *ui, struct portfolio *p)
{
    ui_sort_rows(&ui->book, &ui->cols[p->sort_col], p->sort_desc, p->all, p->nall);
    refilter(ui, p);
}

/* A fresh book: every account, sorted and filtered as before. */
static void rebuild(struct ui *ui, struct portfolio *p)
{
    free(p->all);
    free(p->shown);
    p->nall = ui->book.n;
    p->all = xmalloc((p->nall ? p->nall : 1) * sizeof *p->all);
    p->shown = xmalloc((p->nall ? p->nall : 1) * sizeof *p->shown);
    for (size_t i = 0; i < p->nall; i++)
        p->all[i] = i;
    p->list.n = 0;
    ui_sort_rows(&ui->book, &ui->cols[p->sort_col], p->sort_desc, p->all, p->nall);
    p->list.n = filter_rows(ui, p);
}

static void paint_row(struct ui *ui, struct ui_list *l, size_t pos, int y, bool sel)
{
    struct portfolio *p = l->ctx;
    struct ui_row r;
    ui_portfolio_row(&ui->book, p->shown[pos], ui->cols, p->idx, p->widths, p->ncols, ui->ascii, &r);
    ui_paint_row(y, 0, COLS, &r, sel);
    if (sel)
        ui_put(y, 0, 1, false, CLR_SELECTED, ">");
}

static void draw_counts(struct ui *ui, struct portfolio *p)
{
    const struct book *b = &ui->book;
    const struct book_totals *t = ui_totals(ui); /* the owner's, with the owner filter */
    char buf[160], right[96], sort[64];
    int y = BODY_TOP;
    move(y, 0);
    clrtoeol();
    struct ui_row r;
    ui_row_init(&r);
    int x = 1;
    snprintf(buf, sizeof buf, "%d red", t->band_count[BAND_RED]);
    x = ui_row_add(&r, x, -1, false, CLR_RED_BAND, buf) + 2;
    snprintf(buf, sizeof buf, "%d amber", t->band_count[BAND_AMBER]);
    x = ui_row_add(&r, x, -1, false, CLR_AMBER_BAND, buf) + 2;
    snprintf(buf, sizeof buf, "%d green", t->band_count[BAND_GREEN]);
    x = ui_row_add(&r, x, -1, false, CLR_GREEN_BAND, buf) + 3;
    snprintf(buf, sizeof buf, "%d churn  %d expansion  %d case study", t->flag_count[FLAG_CHURN],
             t->flag_count[FLAG_EXPANSION], t->flag_count[FLAG_ADVOCACY]);
    snprintf(right, sizeof right, "%zu of %zu shown", p->list.n, b->n);
    int rw = text_width(right);
    int room = COLS - 2 - rw - 2 - x;
    if (room > 0)
        ui_row_add(&r, x, room, false, CLR_NORMAL, buf);
    ui_row_add(&r, COLS - 2 - rw, rw, true, p->filter != UI_FILTER_ALL || ui->owner[0] ? CLR_ACCENT : CLR_DIM,
               right);
    ui_paint_row(y, 0, COLS, &r, false);

    /* On the tab bar's right, where the tabs leave room: the sort ("sort:"
     * left out when narrow), then the filter. */
    const char *dir = p->sort_desc ? (ui->ascii ? "v" : "\xe2\x96\xbc") : (ui->ascii ? "^" : "\xe2\x96\xb2");
    snprintf(sort, sizeof sort, "sort: %s %s", ui->cols[p->sort_col].title, dir);
    int sw = text_width(sort);
    if (COLS - 1 - sw <= ui->tabs_end + 1) {
        snprintf(sort, sizeof sort, "%s %s", ui->cols[p->sort_col].title, dir);
        sw = text_width(sort);
    }
    if (COLS - 1 - sw > ui->tabs_end + 1)
        ui_put(1, COLS - 1 - sw, sw, true, CLR_DIM, sort);
    if (p->filter != UI_FILTER_ALL) {
        snprintf(buf, sizeof buf, "filter: %s", ui_filter_name(p->filter));
        int fw = text_width(buf);
        if (COLS - 1 - sw - 2 - fw > ui->tabs_end + 1)
            ui_put(1, COLS - 1 - sw - 2 - fw, fw, false, CLR_ACCENT, buf);
    }
}

static void portfolio_draw(struct ui *ui, struct screen *s, bool full)
{
    struct portfolio *p = s->state;
    place(p);
    p->ncols = ui_portfolio_layout(ui->cols, ui->ncols, COLS, p->idx, p->widths);
    if (!full && ui_list_update(ui, &p->list))
        return;
    if (full) {
        draw_counts(ui, p);
        struct ui_row r;
        ui_portfolio_header(ui->cols, p->idx, p->widths, p->ncols, p->sort_col, &r);
        ui_paint_row(BODY_TOP + 1, 0, COLS, &r, false);
    }
    ui_clear_lines(ROWS_Y, BODY_BOTTOM);
    ui_list_paint(ui, &p->list);
    if (ui->book.n == 0) {
        ui_put(ROWS_Y + 1, 2, COLS - 3, false, CLR_NORMAL, "No accounts yet. Import a health-score export from the shell:");
        ui_put(ROWS_Y + 2, 4, COLS - 5, false, CLR_ACCENT, "csm import FILE.csv");
    } else if (p->list.n == 0) {
        char buf[128 + UI_EDIT_MAX];
        char key[16];
        snprintf(buf, sizeof buf, "No account matches the filter '%s'%s%s%s (%s changes it).", ui_filter_name(p->filter),
                 ui->owner[0] ? " of the owner '" : "", ui->owner, ui->owner[0] ? "'" : "",
                 ui_action_key(A_FILTER, key, sizeof key));
        ui_put(ROWS_Y + 1, 2, COLS - 3, false, CLR_NORMAL, buf);
    }
}

/* The column's own direction: money and risk read best largest first. */
static bool default_desc(const struct ui *ui, int col) { return ui->cols[col].def->desc; }

static void sort_message(struct ui *ui, struct portfolio *p)
{
    ui_say(ui, "sorted by %s, %s", ui->cols[p->sort_col].title, p->sort_desc ? "descending" : "ascending");
}

/* A key while the owner prompt is open: Enter filters by the name typed
 * (none: every owner), when some account has that owner. */
static int owner_key(struct ui *ui, struct portfolio *p, int key)
{
    if (key != KEY_ENTER)
        return RD_CURSOR;
    char was[sizeof ui->owner];
    snprintf(was, sizeof was, "%s", ui->owner);
    snprintf(ui->owner, sizeof ui->owner, "%s", ui->edit.buf);
    text_fold_space(ui->owner);
    /* A name nobody has (a typo) leaves the filter as it was. */
    size_t *rows = xmalloc((p->nall ? p->nall : 1) * sizeof *rows);
    memcpy(rows, p->all, p->nall * sizeof *rows);
    size_t owned = ui_owner_rows(&ui->book, ui->owner, rows, p->nall);
    free(rows);
    if (!owned && ui->owner[0]) {
        ui_error(ui, "no account has the owner '%s'", ui->owner);
        snprintf(ui->owner, sizeof ui->owner, "%s", was);
        return RD_ALL;
    }
    refilter(ui, p);
    if (ui->owner[0])
        ui_say(ui, "owner: %s, %zu of %zu shown", ui->owner, p->list.n, p->nall);
    else
        ui_say(ui, "every owner, %zu of %zu shown", p->list.n, p->nall);
    return RD_ALL;
}

/* A key while the search prompt is open: 0 (the text changed), Enter or Esc. */
static int search_key(struct ui *ui, struct portfolio *p, int key)
{
    const char *text = ui->edit.buf;
    if (key == KEY_ESC) {
        p->list.cur = p->origin;
        p->list.top = p->origin_top;
        return RD_CURSOR;
    }
    if (key == KEY_ENTER) {
        if (text[0]) {
            snprintf(p->needle, sizeof p->needle, "%s", text);
            if (ui_search(&ui->book, p->shown, p->list.n, p->needle, p->list.cur, 1, true, NULL) < 0)
                ui_error(ui, "no match for '%s'%s", p->needle, p->filter != UI_FILTER_ALL ? " among those shown" : "");
        }
        return RD_CURSOR;
    }
    /* Typing: to the first match from where the search started. */
    if (!text[0]) {
        p->list.cur = p->origin;
        return RD_CURSOR;
    }
    /* Typing on after "no match" cannot match: no need to read the names again. */
    size_t miss = strlen(p->missed);
    long pos = -1;
    if (!(miss && strncmp(text, p->missed, miss) == 0))
        pos = ui_search(&ui->book, p->shown, p->list.n, text, p->origin, 1, true, NULL);
    if (pos >= 0) {
        p->list.cur = (size_t)pos;
        p->missed[0] = '\0';
    } else {
        if (!miss || strncmp(text, p->missed, miss) != 0)
            snprintf(p->missed, sizeof p->missed, "%s", text);
        ui_error(ui, "no match");
    }
    return RD_CURSOR;
}

static int mouse(struct ui *ui, struct portfolio *p)
{
    int y, x;
    bool open;
    if (ui_list_wheel(ui, &p->list))
        return RD_CURSOR;
    if (!ui_mouse_click(ui, &y, &x, &open))
        return RD_NONE;
    if (y == BODY_TOP + 1) { /* a column title: sort by it, again to reverse */
        int idx[BOOK_MAX_COLS], widths[BOOK_MAX_COLS];
        int n = ui_portfolio_layout(ui->cols, ui->ncols, COLS, idx, widths), cx = 1;
        for (int c = 0; c < n; c++) {
            if (x >= cx && x < cx + widths[c] + 1) {
                if (idx[c] == p->sort_col) {
                    p->sort_desc = !p->sort_desc;
                } else {
                    p->sort_col = idx[c];
                    p->sort_desc = default_desc(ui, p->sort_col);
                }
                resort(ui, p);
                sort_message(ui, p);
                return RD_ALL;
            }
            cx += widths[c] + 1;
        }
        return RD_NONE;
    }
    long k = ui_list_at(&p->list, y);
    if (k < 0 || (size_t)k >= p->list.n)
        return RD_NONE;
    p->list.cur = (size_t)k;
    if (open) {
        ui_open_account(ui, p->shown[p->list.cur]);
        return RD_ALL;
    }
    return RD_CURSOR;
}

static int portfolio_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct portfolio *p = s->state;
    place(p);
    if (a == A_NONE) {
        if (key == KEY_MOUSE)
            return mouse(ui, p);
        if (ui->prompt == PROMPT_SEARCH && ui->prompt_owner == s)
            return search_key(ui, p, key);
        if (ui->prompt == PROMPT_OWNER && ui->prompt_owner == s)
            return owner_key(ui, p, key);
        return RD_UNHANDLED;
    }
    if (ui_list_action(&p->list, a))
        return RD_CURSOR;
    switch (a) {
    case A_OPEN:
        if (!p->list.n)
            return RD_NONE;
        ui_open_account(ui, p->shown[p->list.cur]);
        return RD_ALL;
    case A_SORT_NEXT:
    case A_SORT_PREV:
        p->sort_col = (p->sort_col + (a == A_SORT_NEXT ? 1 : ui->ncols - 1)) % ui->ncols;
        p->sort_desc = default_desc(ui, p->sort_col);
        resort(ui, p);
        sort_message(ui, p);
        return RD_ALL;
    case A_SORT_REVERSE:
        p->sort_desc = !p->sort_desc;
        resort(ui, p);
        sort_message(ui, p);
        return RD_ALL;
    case A_FILTER:
        p->filter = (p->filter + 1) % UI_FILTER_COUNT;
        refilter(ui, p);
        ui_say(ui, "filter: %s, %zu of %zu shown", ui_filter_name(p->filter), p->list.n, p->nall);
        return RD_ALL;
    case A_OWNER:
        ui_prompt(ui, s, PROMPT_OWNER, "owner:", ui->owner);
        return RD_CURSOR;
    case A_SEARCH:
        p->missed[0] = '\0';
        p->origin = p->list.cur;
        p->origin_top = p->list.top;
        ui_prompt(ui, s, PROMPT_SEARCH, "/", "");
        return RD_CURSOR;
    case A_SEARCH_NEXT:
    case A_SEARCH_PREV: {
        if (!p->needle[0]) {
            char slash[16];
            ui_say(ui, "no search yet: %s starts one", ui_action_key(A_SEARCH, slash, sizeof slash));
            return RD_NONE;
        }
        bool wrapped;
        long pos = ui_search(&ui->book, p->shown, p->list.n, p->needle, p->list.cur, a == A_SEARCH_NEXT ? 1 : -1,
                             false, &wrapped);
        if (pos < 0) {
            ui_error(ui, "no match for '%s'", p->needle);
            return RD_NONE;
        }
        if ((size_t)pos == p->list.cur)
            ui_say(ui, "the only match");
        else if (wrapped)
            ui_say(ui, "search went round to the %s", a == A_SEARCH_NEXT ? "top" : "bottom");
        p->list.cur = (size_t)pos;
        return RD_CURSOR;
    }
    default: return RD_UNHANDLED;
    }
}

static void portfolio_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    (void)ui;
    struct portfolio *p = s->state;
    ui_list_position(&p->list, buf, len);
}

static void portfolio_reload(struct ui *ui, struct screen *s, bool before)
{
    struct portfolio *p = s->state;
    if (before) {
        p->keep_id = p->list.n ? ui->book.acc[p->shown[p->list.cur]].id : -1;
        return;
    }
    rebuild(ui, p);
    for (size_t k = 0; k < p->list.n; k++)
        if (ui->book.acc[p->shown[k]].id == p->keep_id) {
            p->list.cur = k;
            return;
        }
    ui_list_resize(&p->list, p->list.n);
}

static void portfolio_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct portfolio *p = s->state;
    place(p);
    ui_list_keep_visible(&p->list); /* the page may have grown or shrunk */
}

static void portfolio_destroy(struct screen *s)
{
    struct portfolio *p = s->state;
    free(p->all);
    free(p->shown);
    free(p);
}

static const struct screen_ops portfolio_ops = {
    .name = "Portfolio",
    .where = UI_IN_PORTFOLIO,
    .show = A_SCREEN_PORTFOLIO,
    .draw = portfolio_draw,
    .handle_key = portfolio_key,
    .on_resize = portfolio_resize,
    .on_reload = portfolio_reload,
    .position = portfolio_position,
    .destroy = portfolio_destroy,
};

struct screen *ui_portfolio_screen(struct ui *ui)
{
    struct portfolio *p = xcalloc(1, sizeof *p);
    p->list.paint = paint_row;
    p->list.wheel = 3;
    p->list.ctx = p;
    place(p);
    /* Sorted as the table says it opens: the riskiest account first. */
    for (int c = 0; c < ui->ncols; c++)
        if (ui->cols[c].def->initial)
            p->sort_col = c;
    p->sort_desc = default_desc(ui, p->sort_col);
    rebuild(ui, p);
    return ui_screen_new(&portfolio_ops, p);
}
