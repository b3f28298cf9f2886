/* The renewals screen: the next twelve months as a timeline, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "screens.h"

#define NROWS (UI_MONTHS + 1)
#define ROWS_Y (BODY_TOP + 1)

struct renewals_view {
    struct ui_timeline t;
    unsigned gen;            /* the load of the book the timeline is for; 0 none */
    int row;                 /* 0 overdue, 1.. the months */
    size_t sel;              /* the account selected within the row */
    size_t first[NROWS];     /* the first account shown in each row */
    int top;
    int drawn_row, drawn_top;
    long long keep_id;
};

static int visible(void) { return ui_body_rows(1); }

static size_t count(const struct renewals_view *v) { return v->t.count[v->row]; }

static void clamp_sel(struct renewals_view *v)
{
    if (v->sel >= count(v))
        v->sel = count(v) ? count(v) - 1 : 0;
}

static void ensure(struct ui *ui, struct renewals_view *v)
{
    if (v->gen == ui->gen)
        return;
    ui_timeline_free(&v->t);
    ui_timeline_build(&ui->book, ui->opt->as_of, &v->t);
    v->gen = ui->gen;
    memset(v->first, 0, sizeof v->first);
    if (v->keep_id >= 0) {
        for (int r = 0; r < NROWS; r++)
            for (size_t k = 0; k < v->t.count[r]; k++)
                if (ui->book.acc[v->t.idx[v->t.off[r] + k]].id == v->keep_id) {
                    v->row = r;
                    v->sel = k;
                }
        v->keep_id = -1;
    }
    clamp_sel(v);
}

static void keep_visible(struct renewals_view *v)
{
    v->top = (int)ui_scroll_top((size_t)v->row, (size_t)v->top, (size_t)visible(), NROWS);
}

static void build_row(struct ui *ui, struct renewals_view *v, int r, struct ui_row *out)
{
    size_t shown;
    long sel = r == v->row ? (long)v->sel : -1;
    ui_timeline_row(&ui->book, &v->t, r, v->first[r], sel, COLS - 1, ui->ascii, out, &shown);
    /* Scroll sideways until the selected account is in view. */
    for (int tries = 0; sel >= 0 && tries < 64; tries++) {
        if ((size_t)sel < v->first[r]) {
            v->first[r] = (size_t)sel;
        } else if ((size_t)sel >= v->first[r] + shown) {
            v->first[r] += shown ? shown : 1;
            if (v->first[r] > (size_t)sel)
                v->first[r] = (size_t)sel;
        } else {
            return;
        }
        ui_timeline_row(&ui->book, &v->t, r, v->first[r], sel, COLS - 1, ui->ascii, out, &shown);
    }
}

static void paint_row(struct ui *ui, struct renewals_view *v, int r)
{
    int y = ROWS_Y + r - v->top;
    if (y < ROWS_Y || y > BODY_BOTTOM)
        return;
    struct ui_row row;
    build_row(ui, v, r, &row);
    ui_paint_row(y, 0, COLS, &row, false);
    if (r == v->row) {
        ui_put(y, 0, 1, false, CLR_ACCENT, ">");
        if (!v->t.count[r]) /* nothing to select: mark the month itself */
            ui_put(y, 1, 8, false, CLR_HEADER | UI_REVERSE, ui_row_span_text(&row, 0));
    }
}

static void draw_summary(struct renewals_view *v)
{
    const struct ui_timeline *t = &v->t;
    char due[32], over[32], buf[256];
    int64_t sum = 0;
    size_t n = 0;
    for (int r = 1; r < NROWS; r++) {
        sum += t->acv[r];
        n += t->count[r];
    }
    money_format(sum - sum % 100, due, sizeof due);
    money_format(t->acv[0] - t->acv[0] % 100, over, sizeof over);
    struct ui_row row;
    ui_row_init(&row);
    snprintf(buf, sizeof buf, "%zu renewal%s in 12 months, $%s", n, n == 1 ? "" : "s", due);
    int x = ui_row_add(&row, 1, -1, false, CLR_HEADER, buf) + 3;
    snprintf(buf, sizeof buf, "overdue %zu ($%s)", t->count[0], over);
    x = ui_row_add(&row, x, -1, false, t->count[0] ? CLR_RED_BAND : CLR_DIM, buf) + 3;
    snprintf(buf, sizeof buf, "later %zu   no date %zu", t->later, t->unknown);
    if (x + text_width(buf) < COLS - 1)
        ui_row_add(&row, x, -1, false, CLR_DIM, buf);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
}

static void renewals_draw(struct ui *ui, struct screen *s, bool full)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    keep_visible(v);
    if (!full && v->top == v->drawn_top) {
        if (v->drawn_row != v->row)
            paint_row(ui, v, v->drawn_row);
        paint_row(ui, v, v->row);
        v->drawn_row = v->row;
        return;
    }
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    draw_summary(v);
    for (int r = v->top; r < NROWS && ROWS_Y + r - v->top <= BODY_BOTTOM; r++)
        paint_row(ui, v, r);
    v->drawn_row = v->row;
    v->drawn_top = v->top;
}

static void to_row(struct renewals_view *v, int r)
{
    if (r < 0)
        r = 0;
    if (r >= NROWS)
        r = NROWS - 1;
    v->row = r;
    clamp_sel(v);
}

static int open_selected(struct ui *ui, struct renewals_view *v)
{
    if (!count(v)) {
        ui_say(ui, "no renewal there");
        return RD_NONE;
    }
    ui_open_account(ui, v->t.idx[v->t.off[v->row] + v->sel]);
    return RD_ALL;
}

static int mouse(struct ui *ui, struct renewals_view *v)
{
    int wheel = ui_mouse_wheel(ui), y, x;
    bool open;
    if (wheel) {
        to_row(v, v->row + wheel);
        return RD_CURSOR;
    }
    if (!ui_mouse_click(ui, &y, &x, &open) || y < ROWS_Y || y > BODY_BOTTOM)
        return RD_NONE;
    to_row(v, v->top + (y - ROWS_Y));
    return open ? open_selected(ui, v) : RD_CURSOR;
}

static int renewals_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_UP: to_row(v, v->row - 1); return RD_CURSOR;
    case A_DOWN: to_row(v, v->row + 1); return RD_CURSOR;
    case A_PAGE_UP: to_row(v, v->row - visible()); return RD_CURSOR;
    case A_PAGE_DOWN: to_row(v, v->row + visible()); return RD_CURSOR;
    case A_HOME: to_row(v, 0); return RD_CURSOR;
    case A_END: to_row(v, NROWS - 1); return RD_CURSOR;
    case A_MOVE_LEFT:
        if (v->sel > 0)
            v->sel--;
        return RD_CURSOR;
    case A_MOVE_RIGHT:
        if (v->sel + 1 < count(v))
            v->sel++;
        return RD_CURSOR;
    case A_OPEN: return open_selected(ui, v);
    default: return RD_UNHANDLED;
    }
}

static void renewals_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    char label[16];
    if (v->row == 0) {
        snprintf(label, sizeof label, "overdue");
    } else {
        int y, m, d;
        date_to_ymd(v->t.month[v->row], &y, &m, &d);
        snprintf(label, sizeof label, "%04d-%02d", y, m);
    }
    snprintf(buf, len, "%s %zu/%zu", label, count(v) ? v->sel + 1 : 0, count(v));
}

static void renewals_reload(struct ui *ui, struct screen *s, bool before)
{
    struct renewals_view *v = s->state;
    if (!before || v->gen != ui->gen)
        return;
    v->keep_id = count(v) ? ui->book.acc[v->t.idx[v->t.off[v->row] + v->sel]].id : -1;
}

static void renewals_resize(struct ui *ui, struct screen *s)
{
    struct renewals_view *v = s->state;
    (void)ui;
    keep_visible(v);
    memset(v->first, 0, sizeof v->first); /* the rows hold more or fewer accounts now */
}

static void renewals_destroy(struct screen *s)
{
    struct renewals_view *v = s->state;
    ui_timeline_free(&v->t);
    free(v);
}

struct screen *ui_renewals_screen(struct ui *ui)
{
    (void)ui;
    struct screen *s = xcalloc(1, sizeof *s);
    struct renewals_view *v = xcalloc(1, sizeof *v);
    v->keep_id = -1;
    v->row = 1; /* this month */
    s->name = "Renewals";
    s->tab = 3;
    s->where = UI_IN_RENEWALS;
    s->draw = renewals_draw;
    s->handle_key = renewals_key;
    s->on_reload = renewals_reload;
    s->on_resize = renewals_resize;
    s->position = renewals_position;
    s->destroy = renewals_destroy;
    s->state = v;
    return s;
}
