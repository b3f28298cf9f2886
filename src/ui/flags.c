/* The flags screen: churn risks, expansion targets and case-study
 * candidates side by side, each column by severity then ACV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "screens.h"

struct flags_view {
    size_t *list[FLAG_KINDS];
    size_t n[FLAG_KINDS];
    unsigned gen;            /* the load of the book the lists are for; 0 none */
    int col;
    size_t cur[FLAG_KINDS], top[FLAG_KINDS];
    long long keep_id[FLAG_KINDS];
    int drawn_col;
    size_t drawn_cur, drawn_top;
};

#define ENTRIES_Y (BODY_TOP + 1)

static int visible(void)
{
    int n = ui_body_rows(1) / 2;
    return n > 0 ? n : 1;
}

static void column_box(int k, int *x, int *w)
{
    int cw = COLS / FLAG_KINDS;
    *x = k * cw + 1;
    *w = (k == FLAG_KINDS - 1 ? COLS - k * cw - 1 : cw) - 2;
}

/* The lists follow the book: built on first use after each load. */
static void ensure(struct ui *ui, struct flags_view *v)
{
    if (v->gen == ui->gen)
        return;
    for (int k = 0; k < FLAG_KINDS; k++) {
        free(v->list[k]);
        v->n[k] = ui_flag_list(&ui->book, k, &v->list[k]);
        if (v->cur[k] >= v->n[k])
            v->cur[k] = v->n[k] ? v->n[k] - 1 : 0;
        for (size_t p = 0; p < v->n[k] && v->keep_id[k] >= 0; p++)
            if (ui->book.acc[v->list[k][p]].id == v->keep_id[k]) {
                v->cur[k] = p;
                break;
            }
        v->keep_id[k] = -1;
    }
    v->gen = ui->gen;
}

static void keep_visible(struct flags_view *v, int k)
{
    v->top[k] = ui_scroll_top(v->cur[k], v->top[k], (size_t)visible(), v->n[k]);
}

static void paint_entry(struct ui *ui, struct flags_view *v, int k, size_t pos)
{
    int x, w;
    column_box(k, &x, &w);
    int y = ENTRIES_Y + 2 * (int)(pos - v->top[k]);
    struct ui_row first, second;
    if (pos < v->n[k]) {
        ui_flag_entry(&ui->book, v->list[k][pos], k, w, ui->ascii, &first, &second);
    } else {
        ui_row_init(&first);
        ui_row_init(&second);
    }
    bool sel = pos < v->n[k] && k == v->col && pos == v->cur[k];
    ui_paint_row(y, x, w, &first, sel);
    ui_paint_row(y + 1, x, w, &second, sel);
}

static void flags_draw(struct ui *ui, struct screen *s, bool full)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    for (int k = 0; k < FLAG_KINDS; k++)
        keep_visible(v, k);
    int c = v->col;
    if (!full && v->drawn_col == c && v->drawn_top == v->top[c]) {
        if (v->drawn_cur != v->cur[c])
            paint_entry(ui, v, c, v->drawn_cur);
        paint_entry(ui, v, c, v->cur[c]);
        v->drawn_cur = v->cur[c];
        return;
    }
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    static const char *const mark[FLAG_KINDS] = {"\xe2\x96\xb2 ", "\xe2\x86\x97 ", "\xe2\x98\x85 "};
    int vis = visible();
    for (int k = 0; k < FLAG_KINDS; k++) {
        int x, w;
        column_box(k, &x, &w);
        char title[96];
        snprintf(title, sizeof title, "%s%s (%zu)", ui->ascii ? "" : mark[k], ui_flag_title(k), v->n[k]);
        int color = k == FLAG_CHURN ? CLR_RED_BAND : CLR_GREEN_BAND;
        ui_put(BODY_TOP, x, w, false, k == v->col ? color | UI_REVERSE : color, title);
        if (!v->n[k]) {
            ui_put(ENTRIES_Y, x + 2, w - 2, false, CLR_DIM, "none");
            continue;
        }
        for (int r = 0; r < vis; r++)
            if (v->top[k] + (size_t)r < v->n[k])
                paint_entry(ui, v, k, v->top[k] + (size_t)r);
    }
    v->drawn_col = c;
    v->drawn_cur = v->cur[c];
    v->drawn_top = v->top[c];
}

static void move_to(struct flags_view *v, long long pos) { v->cur[v->col] = ui_clamp(pos, v->n[v->col]); }

static int mouse(struct ui *ui, struct flags_view *v)
{
    int wheel = ui_mouse_wheel(ui), y, x;
    bool open;
    if (wheel) {
        move_to(v, (long long)v->cur[v->col] + wheel);
        return RD_CURSOR;
    }
    if (!ui_mouse_click(ui, &y, &x, &open) || y < BODY_TOP || y > BODY_BOTTOM)
        return RD_NONE;
    int k = x / (COLS / FLAG_KINDS);
    if (k >= FLAG_KINDS)
        k = FLAG_KINDS - 1;
    v->col = k;
    if (y >= ENTRIES_Y) {
        size_t pos = v->top[k] + (size_t)((y - ENTRIES_Y) / 2);
        if (pos < v->n[k]) {
            v->cur[k] = pos;
            if (open) {
                ui_open_account(ui, v->list[k][pos]);
                return RD_ALL;
            }
        }
    }
    return RD_ALL;
}

static int flags_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    long long cur = (long long)v->cur[v->col], vis = visible();
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_UP: move_to(v, cur - 1); return RD_CURSOR;
    case A_DOWN: move_to(v, cur + 1); return RD_CURSOR;
    case A_PAGE_UP: move_to(v, cur - vis); return RD_CURSOR;
    case A_PAGE_DOWN: move_to(v, cur + vis); return RD_CURSOR;
    case A_HOME: move_to(v, 0); return RD_CURSOR;
    case A_END: move_to(v, (long long)v->n[v->col] - 1); return RD_CURSOR;
    case A_MOVE_LEFT: v->col = (v->col + FLAG_KINDS - 1) % FLAG_KINDS; return RD_ALL;
    case A_MOVE_RIGHT: v->col = (v->col + 1) % FLAG_KINDS; return RD_ALL;
    case A_OPEN:
        if (!v->n[v->col]) {
            ui_say(ui, "no %s", ui_flag_title(v->col));
            return RD_NONE;
        }
        ui_open_account(ui, v->list[v->col][v->cur[v->col]]);
        return RD_ALL;
    default: return RD_UNHANDLED;
    }
}

static void flags_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    snprintf(buf, len, "%zu/%zu", v->n[v->col] ? v->cur[v->col] + 1 : 0, v->n[v->col]);
}

static void flags_reload(struct ui *ui, struct screen *s, bool before)
{
    struct flags_view *v = s->state;
    if (!before || v->gen != ui->gen)
        return;
    for (int k = 0; k < FLAG_KINDS; k++)
        v->keep_id[k] = v->n[k] ? ui->book.acc[v->list[k][v->cur[k]]].id : -1;
}

static void flags_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    for (int k = 0; k < FLAG_KINDS; k++)
        keep_visible(s->state, k);
}

static void flags_destroy(struct screen *s)
{
    struct flags_view *v = s->state;
    for (int k = 0; k < FLAG_KINDS; k++)
        free(v->list[k]);
    free(v);
}

struct screen *ui_flags_screen(struct ui *ui)
{
    (void)ui;
    struct screen *s = xcalloc(1, sizeof *s);
    struct flags_view *v = xcalloc(1, sizeof *v);
    for (int k = 0; k < FLAG_KINDS; k++)
        v->keep_id[k] = -1;
    s->name = "Flags";
    s->tab = 2;
    s->where = UI_IN_FLAGS;
    s->draw = flags_draw;
    s->handle_key = flags_key;
    s->on_reload = flags_reload;
    s->on_resize = flags_resize;
    s->position = flags_position;
    s->destroy = flags_destroy;
    s->state = v;
    return s;
}
